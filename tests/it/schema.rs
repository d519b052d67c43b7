//! The schema, the decoder and the documentation describe the same format.

use std::collections::BTreeSet;

use charter::diagnostic::Code;
use charter::model::Charter;
use charter::model::decode::{Cx, Decode};
use charter::source::SourceFile;

use crate::root;

fn schema() -> serde_json::Value {
    serde_json::from_str(&charter::schema::schema_json()).unwrap()
}

/// Every object schema: its name (root or `$defs` key), properties and required fields.
fn objects(schema: &serde_json::Value) -> Vec<(String, BTreeSet<String>, BTreeSet<String>)> {
    let mut out = Vec::new();
    let mut push = |name: &str, s: &serde_json::Value| {
        if let Some(props) = s.get("properties").and_then(|p| p.as_object()) {
            let required = s
                .get("required")
                .and_then(|r| r.as_array())
                .map(|r| r.iter().map(|v| v.as_str().unwrap().to_owned()).collect())
                .unwrap_or_default();
            out.push((name.to_owned(), props.keys().cloned().collect(), required));
        }
    };
    push("Charter", schema);
    for (name, def) in schema["$defs"].as_object().unwrap() {
        push(name, def);
    }
    out
}

#[test]
fn the_decoder_requires_what_the_schema_requires() {
    // Decoding an empty charter reports exactly the schema's required root fields.
    let mut cx = Cx::default();
    let doc = charter::yaml::parse(&SourceFile::new("t.yaml", "vision: x\n")).unwrap();
    let _ = Charter::decode(&doc.root, &mut cx);
    let missing: BTreeSet<String> = cx
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::MissingField)
        .map(|d| d.message.rsplit('`').nth(1).unwrap().to_owned())
        .collect();
    let schema = schema();
    let required: BTreeSet<String> = schema["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect();
    assert_eq!(missing, required);
}

#[test]
fn every_object_forbids_unknown_keys_and_describes_every_field() {
    let schema = schema();
    let mut defs: Vec<(&str, &serde_json::Value)> = vec![("Charter", &schema)];
    defs.extend(
        schema["$defs"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| (k.as_str(), v)),
    );
    for (name, def) in defs {
        let Some(props) = def.get("properties").and_then(|p| p.as_object()) else {
            continue;
        };
        assert_eq!(
            def["additionalProperties"], false,
            "{name} must reject unknown keys"
        );
        for (field, prop) in props {
            let described = prop.get("description").is_some()
                || prop
                    .get("$ref")
                    .is_some_and(|_| prop.get("description").is_some());
            assert!(described, "{name}.{field} has no description in the schema");
        }
    }
}

#[test]
fn the_format_reference_mentions_every_key() {
    let doc = std::fs::read_to_string(root().join("docs/format.md")).unwrap();
    for (name, properties, _) in objects(&schema()) {
        for key in properties {
            assert!(
                doc.contains(&format!("`{key}`")),
                "docs/format.md does not mention `{key}` (from {name})"
            );
        }
    }
}
