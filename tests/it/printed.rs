//! Everything a charter may hold is printed: the JSON Schema is walked for every field of
//! every object, the fixtures in `tests/printed/` must give each one a value, and every
//! value of theirs must reach the handbook's text and the web page's text. A field added to
//! the format without a place in the themes fails here.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

use crate::build::normalize;
use crate::{charter, out_dir, root};

/// Every field of every object of the schema, as (definition, key).
fn schema_fields(schema: &Value) -> BTreeSet<(String, String)> {
    let mut out = BTreeSet::new();
    let mut add = |name: &str, node: &Value| {
        let mut nodes = vec![node];
        for key in ["anyOf", "oneOf", "allOf"] {
            if let Some(branches) = node[key].as_array() {
                nodes.extend(branches);
            }
        }
        for n in nodes {
            if let Some(props) = n["properties"].as_object() {
                out.extend(props.keys().map(|k| (name.to_owned(), k.clone())));
            }
        }
    };
    add("Charter", schema);
    for (name, def) in schema["$defs"].as_object().unwrap() {
        add(name, def);
    }
    out
}

/// The definition a `$ref` names, and its schema.
fn resolve<'a>(schema: &'a Value, node: &'a Value, name: &str) -> (String, &'a Value) {
    match node["$ref"].as_str() {
        Some(reference) => {
            let def = reference.trim_start_matches("#/$defs/");
            (def.to_owned(), &schema["$defs"][def])
        }
        None => (name.to_owned(), node),
    }
}

/// The fields of the schema that `value` gives, as (definition, key). Returns whether
/// `node` (or one of its `anyOf` branches, at any depth) takes the value's shape.
fn covered(
    schema: &Value,
    node: &Value,
    name: &str,
    value: &Value,
    out: &mut BTreeSet<(String, String)>,
) -> bool {
    let (name, node) = resolve(schema, node, name);
    if let Some(branches) = node["anyOf"].as_array().or(node["oneOf"].as_array()) {
        return branches
            .iter()
            .any(|branch| covered(schema, branch, &name, value, out));
    }
    match value {
        Value::Object(map) => {
            if let Some(props) = node["properties"].as_object() {
                if !map.keys().all(|k| props.contains_key(k)) {
                    return false;
                }
                for (key, item) in map {
                    out.insert((name.clone(), key.clone()));
                    covered(schema, &props[key], &name, item, out);
                }
                true
            } else if node["additionalProperties"].is_object() {
                // Text in each language: a map whose keys are language codes.
                if let Some(names) = node.get("propertyNames") {
                    let (_, names) = resolve(schema, names, &name);
                    let codes = names["enum"].as_array().cloned().unwrap_or_default();
                    if !map
                        .keys()
                        .all(|k| codes.contains(&Value::String(k.clone())))
                    {
                        return false;
                    }
                }
                for item in map.values() {
                    covered(schema, &node["additionalProperties"], &name, item, out);
                }
                true
            } else {
                false
            }
        }
        Value::Array(items)
            if node["type"] == "array"
                || node["type"]
                    .as_array()
                    .is_some_and(|t| t.contains(&Value::from("array"))) =>
        {
            for item in items {
                covered(schema, &node["items"], &name, item, out);
            }
            true
        }
        _ => false,
    }
}

fn fixture(name: &str) -> Value {
    let text = std::fs::read_to_string(root().join("tests/printed").join(name)).unwrap();
    serde_saphyr::from_str(&text).unwrap()
}

#[test]
fn the_fixtures_give_every_field_of_the_schema_a_value() {
    let schema: Value = serde_json::from_str(&charter::schema::schema_json()).unwrap();
    let mut given = BTreeSet::new();
    for name in ["everything.yaml", "labels.yaml"] {
        covered(&schema, &schema, "Charter", &fixture(name), &mut given);
    }
    let missing: Vec<String> = schema_fields(&schema)
        .difference(&given)
        .map(|(def, key)| format!("{def}.{key}"))
        .collect();
    assert!(
        missing.is_empty(),
        "give these fields a value in tests/printed/: {missing:?}"
    );
}

/// The handbook's text and the page's visible text (not its scripts), built with `theme`.
fn printed(name: &str, theme: &str) -> (String, String) {
    let out = out_dir("printed", &format!("{name}-{theme}"));
    let path = Path::new("tests/printed").join(name);
    let output = charter(&[
        "build",
        path.to_str().unwrap(),
        "--theme",
        theme,
        "--format",
        "pdf,html",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stem = path.file_stem().unwrap();
    let page = std::fs::read_to_string(out.join(stem).with_extension("html")).unwrap();
    let document = scraper::Html::parse_document(&page);
    let body = scraper::Selector::parse("body").unwrap();
    let script = scraper::Selector::parse("script").unwrap();
    let scripts: String = document.select(&script).flat_map(|s| s.text()).collect();
    let text: String = document
        .select(&body)
        .flat_map(|b| b.text())
        .collect::<String>()
        .replace(&scripts, "");
    let handbook = crate::build::pdf_text(&out.join(stem).with_extension("pdf"));
    (handbook, normalize(&text))
}

/// The fixture's markers: every word that starts with `ZQ`.
fn markers(name: &str) -> Vec<String> {
    let text = std::fs::read_to_string(root().join("tests/printed").join(name)).unwrap();
    let mut out: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.to_lowercase().starts_with("zq"))
        .map(str::to_lowercase)
        .collect();
    out.sort();
    out.dedup();
    out
}

#[test]
fn every_value_reaches_the_handbook_and_the_page() {
    let (handbook, page) = printed("everything.yaml", "kenya");
    let mut lost = Vec::new();
    // Values that are not words: numbers, dates, codes and what they are written out as.
    let written_out = [
        "41",               // a service's number
        "47.3",             // a group's number
        "47.3.5",           // a service's number with levels
        "march2021",        // issued: 2021-03
        "6april2027",       // review.due
        "7may2023",         // the signatory's date
        "every3years",      // review.every, in "reviewed every 3 years"
        "kes4,321",         // the charter-wide fee
        "kes2,345",         // a step's fee
        "43minutes",        // a step's time
        "ksh3,456",         // an amount in the long form, with its currency
        "17–19workingdays", // amount, max, unit and basis of the long form
        "kes4,567",         // a tier's fee
        "23workingdays",    // a case's timeline
        "kes5,678",         // a fee case
        "29workingdays",    // a standard's timeline
        "complex",          // classification
        "g2c,g2b",          // transaction
        "61",               // a step's value of a number column
        "69",               // its total over the steps
        "+254201111111",    // phones and fax
        "+254201111112",
        "+254201111113", // a phone given per language: both printed
        "+254201111114",
        "+254202222221",
        "+254202222222",
        "+254203333333",
        "independentbody", // independent: true
    ];
    for value in markers("everything.yaml")
        .iter()
        .map(String::as_str)
        .chain(written_out)
    {
        for (what, text) in [("handbook", &handbook), ("page", &page)] {
            if !text.contains(value) {
                lost.push(format!("{value} is not in the {what}"));
            }
        }
    }
    assert!(lost.is_empty(), "{lost:#?}");
}

/// Each label the charter gives is printed by the built-in themes somewhere: in the
/// handbook or the page (`skip` is the page's link past the header, `page` the handbook's
/// page number), of one theme or the other.
#[test]
fn every_label_reaches_a_handbook_or_a_page() {
    let all: String = charter::theme::builtin_names()
        .iter()
        .map(|theme| {
            let (handbook, page) = printed("labels.yaml", theme);
            handbook + &page
        })
        .collect();
    let lost: Vec<String> = markers("labels.yaml")
        .into_iter()
        .filter(|m| !all.contains(m.as_str()))
        .collect();
    assert!(lost.is_empty(), "labels printed nowhere: {lost:?}");
}
