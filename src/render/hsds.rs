//! The `hsds` format: the charter as an Open Referral HSDS 3.0 organization, with its
//! services nested, as a directory or a referral platform loads it.
//!
//! What HSDS holds: the office (name, description, e-mail, website, phones, its complaint
//! contacts), and each service and sub-service (name, description, who may avail, the fee
//! as the office wrote it and as `cost_options` with amounts and currencies, the documents
//! required, the languages it is offered in, how to apply).
//!
//! What it cannot hold, and where the export puts it rather than drop it: HSDS has no
//! promised processing time (its `wait_time` is deprecated) and no sub-services; each
//! service's timeline, as the office wrote it, is an attribute under the taxonomy term
//! `charter:processing_time`, and a sub-service names its parent under
//! `charter:part_of`. Steps (client step, agency action, fee, time, person responsible) have
//! no objects of their own: they are the service's `application_process`, one line each.
//! Identifiers are UUIDs derived from the charter (version 5), so the same charter gives
//! the same identifiers in every build. `docs/exports.md` says the same for users.

use serde_json::{Map, Value, json};
use uuid::Uuid;

use super::document::{ServiceRow, service_rows};
use crate::model::{Charter, Contact, Detail, Fee, FeeKind, Text};
use crate::view::{Tx, View};

/// The namespace of every identifier this export makes.
const NAMESPACE: Uuid = Uuid::from_u128(0x4d1a_5c2e_8f3b_4c6a_9e21_7b0d_3f58_a4c9);

/// The organization, pretty-printed.
pub fn render(charter: &Charter, view: &View) -> String {
    serde_json::to_string_pretty(&organization(charter, view)).expect("HSDS serialises")
}

fn organization(charter: &Charter, view: &View) -> Value {
    let main = view.lang.as_str();
    let text = |t: &Text| in_main(t, main);
    let org = &charter.organization;
    let name = text(&org.name).unwrap_or_default();
    let id = uuid(&format!("organization {name}"));
    let mut out = Map::new();
    out.insert("id".into(), id.clone().into());
    out.insert("name".into(), name.clone().into());
    // HSDS asks for a description; a charter's mission (or vision, or title) is the office
    // describing itself.
    let description = charter
        .mission
        .as_ref()
        .or(charter.vision.as_ref())
        .and_then(text)
        .or_else(|| text(&charter.title))
        .unwrap_or_else(|| name.clone());
    out.insert("description".into(), description.into());
    if let Some(email) = org
        .emails
        .iter()
        .map(|e| e.first().value.0.as_str())
        .find(|e| is_email(e))
    {
        out.insert("email".into(), email.into());
    }
    if let Some(site) = org
        .website
        .as_ref()
        .and_then(|w| crate::model::web_target(&w.first().value.0))
    {
        out.insert("website".into(), site.into());
    }
    out.insert(
        "phones".into(),
        phones(&org.phones, &org.fax, &id, "organization_id"),
    );
    let routes = charter.complaints.iter().flat_map(|c| &c.routes);
    out.insert(
        "contacts".into(),
        routes
            .enumerate()
            .map(|(i, route)| contact(route, &id, i, &text))
            .collect(),
    );
    let mut parents: Vec<String> = Vec::new();
    let services: Vec<Value> = service_rows(charter, view)
        .iter()
        .map(|row| {
            parents.truncate(row.row.depth);
            let parent = parents.last().cloned();
            parents.push(row.row.number.clone());
            service(row, parent, charter, view, &id)
        })
        .collect();
    out.insert("services".into(), services.into());
    Value::Object(out)
}

fn service(
    row: &ServiceRow,
    parent: Option<String>,
    charter: &Charter,
    view: &View,
    organization: &str,
) -> Value {
    let ServiceRow {
        row, service, key, ..
    } = row;
    let first = |tx: &Tx| tx.first().cloned().unwrap_or_default();
    let id = uuid(&format!("{organization} service {key}"));
    let mut out = Map::new();
    out.insert("id".into(), id.clone().into());
    out.insert("organization_id".into(), organization.into());
    out.insert("name".into(), first(&row.name).into());
    if let Some(description) = &row.description {
        out.insert("description".into(), first(description).into());
    }
    out.insert("status".into(), "active".into());
    if let Some(audience) = &row.audience {
        out.insert("eligibility_description".into(), first(audience).into());
    }
    if let Some(fee) = &row.fee {
        let lines: Vec<String> = fee.lines.iter().map(first).collect();
        out.insert("fees_description".into(), lines.join("\n").into());
    }
    let fee = service.fee.as_ref().or(charter.fee.as_ref());
    if let Some(fee) = fee {
        let mut options = Vec::new();
        cost_options(fee, &id, None, &view.lang, &mut options);
        out.insert("cost_options".into(), options.into());
    }
    if !row.requirements.is_empty() {
        let documents: Vec<Value> = row
            .requirements
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let mut document = first(&r.item);
                if let Some(from) = &r.from {
                    document = format!("{document} ({})", first(from));
                }
                json!({
                    "id": uuid(&format!("{id} document {i}")),
                    "service_id": id,
                    "document": document,
                })
            })
            .collect();
        out.insert("required_documents".into(), documents.into());
    }
    let process: Vec<String> = row
        .steps
        .iter()
        .enumerate()
        .map(|(i, step)| {
            let mut parts = Vec::new();
            let part = |label: &str, tx: Option<&Tx>| tx.map(|t| format!("{label}: {}", first(t)));
            parts.extend(part("Client", step.client.as_ref()));
            parts.extend(part("Office", step.agency.as_ref()));
            parts.extend(part("Fee", step.fee.as_ref().and_then(|f| f.lines.first())));
            parts.extend(part("Time", step.time.as_ref()));
            parts.extend(part("Responsible", step.responsible.as_ref()));
            format!("{}. {}", i + 1, parts.join("; "))
        })
        .chain(row.office.iter().map(|o| format!("Where: {}", first(o))))
        .collect();
    if !process.is_empty() {
        out.insert("application_process".into(), process.join("\n").into());
    }
    // The office's hours, as it writes them: HSDS's schedule takes them as a description
    // (its recurrence fields would need the hours read, which a charter's sentence is not).
    if let Some(hours) = &view.organization.hours {
        out.insert(
            "schedules".into(),
            json!([{
                "id": uuid(&format!("{id} schedule")),
                "service_id": id,
                "description": first(hours),
            }]),
        );
    }
    out.insert(
        "languages".into(),
        view.languages
            .iter()
            .map(|code| {
                json!({
                    "id": uuid(&format!("{id} language {code}")),
                    "service_id": id,
                    "code": code,
                })
            })
            .collect(),
    );
    let mut attributes = Vec::new();
    if let Some(timeline) = &row.timeline {
        attributes.push(attribute(&id, "processing_time", &first(timeline)));
    }
    if let Some(parent) = parent {
        attributes.push(attribute(&id, "part_of", &parent));
    }
    if !attributes.is_empty() {
        out.insert("attributes".into(), attributes.into());
    }
    Value::Object(out)
}

/// A fee as cost options: an amount, free (0), or one per applicant or case; words with
/// no amount have no option (the fee's words are in `fees_description`).
fn cost_options(
    fee: &Fee,
    service: &str,
    option: Option<String>,
    main: &str,
    out: &mut Vec<Value>,
) {
    let text = |t: &Text| in_main(t, main);
    let mut push = |amount: Option<Value>, currency: Option<&str>, description: Option<String>| {
        let mut cost = Map::new();
        cost.insert(
            "id".into(),
            uuid(&format!("{service} cost {}", out.len())).into(),
        );
        cost.insert("service_id".into(), service.into());
        if let Some(option) = &option {
            cost.insert("option".into(), option.clone().into());
        }
        if let Some(currency) = currency {
            cost.insert("currency".into(), currency.into());
        }
        if let Some(amount) = amount {
            cost.insert("amount".into(), amount);
        }
        if let Some(description) = description {
            cost.insert("amount_description".into(), description.into());
        }
        out.push(Value::Object(cost));
    };
    let written = fee.written.as_ref().and_then(text);
    match &fee.kind {
        FeeKind::Free { .. } => push(Some(json!(0)), None, written),
        FeeKind::Amount(amount) => {
            // One amount only: a range or a ceiling is not what the service costs, and
            // stays in the words.
            let number = (amount.max.is_none() && !amount.at_most)
                .then(|| amount.value.parse::<serde_json::Number>().ok())
                .flatten()
                .map(Value::Number);
            push(number, amount.currency.as_deref(), written);
        }
        FeeKind::Tiers { tiers } => {
            for tier in tiers {
                cost_options(&tier.fee, service, text(&tier.who), main, out);
            }
        }
        FeeKind::Cases { cases } => {
            for case in cases {
                cost_options(&case.fee, service, text(&case.case), main, out);
            }
        }
        FeeKind::Vague => {}
    }
}

/// An attribute of a service under one of this export's taxonomy terms.
fn attribute(service: &str, code: &str, value: &str) -> Value {
    let (name, description) = match code {
        "processing_time" => (
            "Processing time",
            "The time the service charter promises the service takes, as the office wrote it \
             (HSDS has no field for it).",
        ),
        _ => (
            "Part of",
            "The number of the service this one is a part of in the service charter (HSDS has \
             no sub-services).",
        ),
    };
    json!({
        "id": uuid(&format!("{service} attribute {code}")),
        "link_id": service,
        "link_type": code,
        "link_entity": "service",
        "value": value,
        "taxonomy_term": {
            "id": uuid(&format!("taxonomy term {code}")),
            "code": code,
            "name": name,
            "description": description,
            "taxonomy": "charter",
        },
    })
}

/// A complaint route as a contact.
fn contact(
    route: &Contact,
    organization: &str,
    index: usize,
    text: &impl Fn(&Text) -> Option<String>,
) -> Value {
    let id = uuid(&format!("{organization} contact {index}"));
    let mut out = Map::new();
    out.insert("id".into(), id.clone().into());
    out.insert("organization_id".into(), organization.into());
    let name = route
        .name
        .as_ref()
        .map(|n| n.value.0.clone())
        .or_else(|| route.office.as_ref().and_then(text));
    if let Some(name) = name {
        out.insert("name".into(), name.into());
    }
    if let Some(role) = route.role.as_ref().and_then(text) {
        out.insert("title".into(), role.into());
    }
    if let Some(office) = route.office.as_ref().and_then(text) {
        out.insert("department".into(), office.into());
    }
    if let Some(email) = Detail::all(&route.emails)
        .map(|e| e.value.0.as_str())
        .find(|e| is_email(e))
    {
        out.insert("email".into(), email.into());
    }
    out.insert(
        "phones".into(),
        phones(&route.phones, &route.fax, &id, "contact_id"),
    );
    Value::Object(out)
}

/// Phones and fax numbers, each linked to its owner by `link`.
fn phones(phones: &[Detail], fax: &[Detail], owner: &str, link: &str) -> Value {
    Detail::all(phones)
        .map(|p| (p, "voice"))
        .chain(Detail::all(fax).map(|p| (p, "fax")))
        .enumerate()
        .map(|(i, (number, kind))| {
            json!({
                "id": uuid(&format!("{owner} phone {i}")),
                link: owner,
                "number": number.value.0,
                "type": kind,
            })
        })
        .collect()
}

/// An e-mail address HSDS's `email` format accepts; others are left in the charter's
/// other outputs (lint reports them).
fn is_email(text: &str) -> bool {
    let text = text.trim();
    match text.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !text.contains(char::is_whitespace)
                && !domain.contains('@')
        }
        None => false,
    }
}

/// A charter text in its main language (or as given, when given once).
fn in_main(t: &Text, main: &str) -> Option<String> {
    t.get(main).or_else(|| t.all().next()).map(str::to_owned)
}

fn uuid(seed: &str) -> String {
    Uuid::new_v5(&NAMESPACE, seed.as_bytes()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Text in the charter's main language, whatever order the YAML gives its languages
    /// in; an amount only where the fee is one amount.
    #[test]
    fn cost_options_speak_the_main_language_and_state_single_amounts() {
        let text = "languages: [sw, en]\ntitle: {sw: M, en: C}\norganization: {name: O}\n\
                    currency: KES\nservices:\n  - name: {sw: Leseni, en: Licence}\n    fee:\n      \
                    tiers:\n        - {who: {en: Citizens, sw: Raia}, fee: KES 500}\n  - name: \
                    {sw: Nakala, en: Copy}\n    fee: KES 1000 - 5000\n";
        let loaded = crate::load::load_source(crate::source::SourceFile::new("t.yaml", text));
        assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
        let charter = loaded.charter.unwrap();
        let view = View::new(&charter, &Default::default());
        let document = organization(&charter, &view);
        let services = document["services"].as_array().unwrap();
        let tier = &services[0]["cost_options"][0];
        assert_eq!(tier["option"], "Raia");
        assert_eq!(tier["amount"], 500);
        assert_eq!(tier["currency"], "KES");
        let range = &services[1]["cost_options"][0];
        assert!(range.get("amount").is_none(), "{range}");
        assert_eq!(range["amount_description"], "KES 1000 - 5000");
    }
}
