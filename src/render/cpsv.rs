//! The `cpsv` format: the charter as the EU's Core Public Service Vocabulary Application
//! Profile (CPSV-AP 3.2), in JSON-LD, as public-service catalogues (the Single Digital
//! Gateway's among them) load it.
//!
//! The office is a `cv:PublicOrganisation` (its name in every language, the place it
//! serves, its complaint routes as `cv:ContactPoint`s) and each service and sub-service a
//! `cpsv:PublicService` that the office is the competent authority of, with its fee as
//! `cv:Cost`s, its promised time on a `cv:Channel` (the office's words, and an ISO 8601
//! `processingTime` for a calendar duration), its requirements as `cv:Requirement`s each
//! with the `cv:Evidence` that meets it. Text is tagged with its language, so a bilingual
//! charter is whole. What CPSV-AP cannot hold is said in `docs/exports.md`. Identifiers
//! are `urn:uuid:` IRIs derived from the charter (version 5), the same in every build.

use serde_json::{Map, Value, json};
use uuid::Uuid;

use super::document::{ServiceRow, service_rows};
use crate::model::{Charter, Contact, Detail, Fee, FeeKind, Text};
use crate::view::{Tx, View};

/// The namespace of every identifier this export makes (not HSDS's: the two name
/// different things).
const NAMESPACE: Uuid = Uuid::from_u128(0x9b7e_2f41_6a0c_4d58_8c13_e5a9_1d07_b2f6);

/// The EU's authority table of currencies, which CPSV-AP's costs point into.
const CURRENCIES: &str = "http://publications.europa.eu/resource/authority/currency/";

/// The charter's graph, pretty-printed.
pub fn render(charter: &Charter, view: &View) -> String {
    serde_json::to_string_pretty(&document(charter, view)).expect("CPSV-AP serialises")
}

fn document(charter: &Charter, view: &View) -> Value {
    let langs = &view.languages;
    let org = &charter.organization;
    let organization = iri(&format!(
        "organization {}",
        org.name.all().next().unwrap_or_default()
    ));
    let mut graph = Vec::new();
    let contact_points: Vec<Value> = charter
        .complaints
        .iter()
        .flat_map(|c| &c.routes)
        .enumerate()
        .map(|(i, route)| contact_point(route, &organization, i, langs))
        .collect();
    let contact_ids: Vec<Value> = contact_points
        .iter()
        .map(|c| json!({ "@id": c["@id"] }))
        .collect();
    let mut office = Map::new();
    office.insert("@id".into(), organization.clone().into());
    // A public organisation is an `org:Organization`, which a channel's owner must be.
    office.insert(
        "@type".into(),
        json!(["cv:PublicOrganisation", "org:Organization"]),
    );
    office.insert("skos:prefLabel".into(), text(&org.name, langs));
    // Where it serves: its address, else its country.
    let mut place = Map::new();
    place.insert("@id".into(), format!("{organization}-location").into());
    place.insert("@type".into(), "dct:Location".into());
    let names: Vec<Value> = org
        .address
        .iter()
        .flat_map(|line| tagged(line, langs))
        .chain(
            org.country
                .iter()
                .map(|c| json!({ "@value": c.value.0.clone() })),
        )
        .collect();
    if !names.is_empty() {
        place.insert("locn:geographicName".into(), names.into());
    }
    office.insert("dct:spatial".into(), Value::Object(place));
    if let Some(site) = org
        .website
        .as_ref()
        .and_then(|w| crate::model::web_target(&w.first().value.0))
    {
        office.insert("foaf:homepage".into(), json!({ "@id": site }));
    }
    graph.push(Value::Object(office));
    graph.extend(contact_points);

    let mut parents: Vec<String> = Vec::new();
    for row in service_rows(charter, view) {
        parents.truncate(row.row.depth);
        let parent = parents.last().cloned();
        let id = iri(&format!("{organization} service {}", row.key));
        parents.push(id.clone());
        graph.push(service(
            &row,
            &id,
            parent,
            &organization,
            &contact_ids,
            charter,
            langs,
        ));
    }
    json!({
        "@context": {
            "cpsv": "http://purl.org/vocab/cpsv#",
            "cv": "http://data.europa.eu/m8g/",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "locn": "http://www.w3.org/ns/locn#",
            "org": "http://www.w3.org/ns/org#",
            "time": "http://www.w3.org/2006/time#",
            "skos": "http://www.w3.org/2004/02/skos/core#",
            "xsd": "http://www.w3.org/2001/XMLSchema#",
        },
        "@graph": graph,
    })
}

fn service(
    row: &ServiceRow,
    id: &str,
    parent: Option<String>,
    organization: &str,
    contacts: &[Value],
    charter: &Charter,
    langs: &[String],
) -> Value {
    let ServiceRow { row, service, .. } = row;
    let mut out = Map::new();
    out.insert("@id".into(), id.into());
    out.insert("@type".into(), "cpsv:PublicService".into());
    out.insert(
        "dct:identifier".into(),
        id.trim_start_matches("urn:uuid:").into(),
    );
    out.insert("dct:title".into(), tx(&row.name, langs));
    // CPSV-AP requires a description: the charter's own, else the service's row as the
    // poster prints it (its name, fee and time).
    let description = match &row.description {
        Some(description) => tx(description, langs),
        None => {
            let summary: Vec<Value> = langs
                .iter()
                .enumerate()
                .map(|(i, lang)| {
                    let pick = |t: &Tx| t.get(i).or_else(|| t.first()).cloned();
                    let mut parts = vec![pick(&row.name).unwrap_or_default()];
                    if let Some(fee) = row.fee.as_ref().and_then(|f| f.lines.first()) {
                        parts.extend(pick(fee));
                    }
                    if let Some(timeline) = &row.timeline {
                        parts.extend(pick(timeline));
                    }
                    json!({ "@value": parts.join(" — "), "@language": lang })
                })
                .collect();
            summary.into()
        }
    };
    out.insert("dct:description".into(), description);
    out.insert(
        "cv:hasCompetentAuthority".into(),
        json!({ "@id": organization }),
    );
    if let Some(parent) = parent {
        out.insert("cv:relatedService".into(), json!({ "@id": parent }));
    }
    if let Some(fee) = service.fee.as_ref().or(charter.fee.as_ref()) {
        let mut costs = Vec::new();
        cost(fee, id, charter, langs, &mut costs);
        if !costs.is_empty() {
            out.insert("cv:hasCost".into(), costs.into());
        }
    }
    if let Some(timeline) = &service.timeline {
        let mut channel = Map::new();
        channel.insert("@id".into(), format!("{id}-channel").into());
        channel.insert("@type".into(), "cv:Channel".into());
        channel.insert("dct:identifier".into(), format!("{id}-channel").into());
        if let Some(words) = &row.timeline {
            channel.insert("dct:description".into(), tx(words, langs));
        }
        if let Some(duration) = super::jsonld::iso_duration(timeline) {
            let duration = json!({ "@value": duration, "@type": "xsd:duration" });
            channel.insert("cv:processingTime".into(), duration.clone());
            out.insert("cv:processingTime".into(), duration);
        }
        channel.insert("cv:ownedBy".into(), json!({ "@id": organization }));
        // The office's hours as it writes them: a temporal entity described in words, since
        // a charter's sentence ("Monday to Friday, 8.00 am to 5.00 pm") is not read.
        if let Some(hours) = &charter.organization.hours {
            channel.insert(
                "cv:openingHours".into(),
                json!({
                    "@id": format!("{organization}-hours"),
                    "@type": "time:TemporalEntity",
                    "dct:description": text(hours, langs),
                }),
            );
        }
        out.insert("cv:hasChannel".into(), Value::Object(channel));
    }
    let requirements: Vec<Value> = row
        .requirements
        .iter()
        .enumerate()
        .map(|(i, requirement)| {
            let rid = format!("{id}-requirement-{i}");
            let mut evidence = Map::new();
            evidence.insert("@id".into(), format!("{rid}-evidence").into());
            evidence.insert("@type".into(), "cv:Evidence".into());
            evidence.insert("dct:identifier".into(), format!("{rid}-evidence").into());
            evidence.insert("dct:title".into(), tx(&requirement.item, langs));
            if let Some(from) = &requirement.from {
                evidence.insert("dct:description".into(), tx(from, langs));
            }
            json!({
                "@id": rid,
                "@type": "cv:Requirement",
                "dct:identifier": rid,
                "dct:title": tx(&requirement.item, langs),
                "cv:hasSupportingEvidence": Value::Object(evidence),
            })
        })
        .collect();
    if !requirements.is_empty() {
        out.insert("cv:holdsRequirement".into(), requirements.into());
    }
    if !contacts.is_empty() {
        out.insert("cv:contactPoint".into(), contacts.to_vec().into());
    }
    out.insert(
        "dct:language".into(),
        langs
            .iter()
            .map(|l| json!({ "@id": format!("{organization}-language-{l}"), "@type": "dct:LinguisticSystem", "dct:identifier": l }))
            .collect(),
    );
    Value::Object(out)
}

/// A fee as costs: an amount (with its currency), free (0), one per applicant or case; a
/// fee in words is a cost with its words only.
fn cost(fee: &Fee, service: &str, charter: &Charter, langs: &[String], out: &mut Vec<Value>) {
    let mut push = |value: Option<Value>, currency: Option<&str>, words: Option<Value>| {
        let id = format!("{service}-cost-{}", out.len());
        let mut cost = Map::new();
        cost.insert("@id".into(), id.clone().into());
        cost.insert("@type".into(), "cv:Cost".into());
        cost.insert("dct:identifier".into(), id.into());
        if let Some(value) = value {
            cost.insert("cv:hasValue".into(), value);
        }
        if let Some(currency) = currency {
            cost.insert(
                "cv:currency".into(),
                json!({
                    "@id": format!("{CURRENCIES}{currency}"),
                    "@type": "skos:Concept",
                    "skos:notation": currency,
                }),
            );
        }
        if let Some(words) = words {
            cost.insert("dct:description".into(), words);
        }
        out.push(Value::Object(cost));
    };
    let words = fee.written.as_ref().map(|t| text(t, langs));
    let double = |value: &str| json!({ "@value": value, "@type": "xsd:double" });
    match &fee.kind {
        FeeKind::Free { .. } => push(Some(double("0")), None, words),
        FeeKind::Amount(amount) => {
            let currency = amount
                .currency
                .clone()
                .or_else(|| charter.currency.as_ref().map(|c| c.value.0.clone()));
            // One value only: a range or a ceiling is not what the service costs, and
            // stays in the words.
            let value = (amount.max.is_none() && !amount.at_most).then(|| double(&amount.value));
            push(value, currency.as_deref(), words);
        }
        FeeKind::Tiers { tiers } => {
            for tier in tiers {
                cost(&tier.fee, service, charter, langs, out);
            }
        }
        FeeKind::Cases { cases } => {
            for case in cases {
                cost(&case.fee, service, charter, langs, out);
            }
        }
        FeeKind::Vague => push(None, None, words),
    }
}

/// A complaint route.
fn contact_point(route: &Contact, organization: &str, index: usize, langs: &[String]) -> Value {
    let mut out = Map::new();
    out.insert(
        "@id".into(),
        format!("{organization}-contact-{index}").into(),
    );
    out.insert("@type".into(), "cv:ContactPoint".into());
    let emails: Vec<Value> = Detail::all(&route.emails)
        .map(|e| json!({ "@id": format!("mailto:{}", e.value.0.trim()) }))
        .collect();
    if !emails.is_empty() {
        out.insert("cv:email".into(), emails.into());
    }
    let phones: Vec<Value> = Detail::all(&route.phones)
        .map(|p| Value::String(p.value.0.clone()))
        .collect();
    if !phones.is_empty() {
        out.insert("cv:telephone".into(), phones.into());
    }
    let names: Vec<&Text> = route.office.iter().chain(&route.role).collect();
    if let Some(name) = names.first() {
        out.insert("dct:description".into(), text(name, langs));
    }
    Value::Object(out)
}

/// A charter text in each language it is given in, tagged.
fn text(t: &Text, langs: &[String]) -> Value {
    tagged(t, langs).into()
}

fn tagged(t: &Text, langs: &[String]) -> Vec<Value> {
    let given: Vec<Value> = langs
        .iter()
        .filter_map(|lang| {
            t.get(lang)
                .map(|value| json!({ "@value": value, "@language": lang }))
        })
        .collect();
    if given.is_empty() {
        // Words given once for all languages: in the first.
        t.all()
            .next()
            .map(|value| vec![json!({ "@value": value, "@language": langs[0] })])
            .unwrap_or_default()
    } else {
        given
    }
}

/// A printed text in each language, tagged.
fn tx(t: &Tx, langs: &[String]) -> Value {
    langs
        .iter()
        .enumerate()
        .filter_map(|(i, lang)| {
            t.get(i)
                .or(if i == 0 { t.first() } else { None })
                .map(|value| json!({ "@value": value, "@language": lang }))
        })
        .collect::<Vec<_>>()
        .into()
}

fn iri(seed: &str) -> String {
    format!("urn:uuid:{}", Uuid::new_v5(&NAMESPACE, seed.as_bytes()))
}
