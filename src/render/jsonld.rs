//! The `jsonld` format, and the graph every web page carries: the charter as schema.org
//! JSON-LD, for search engines and open-data crawlers: the office
//! as a `GovernmentOrganization` (with its complaint contacts as `ContactPoint`s) and each
//! service, sub-services included, as a `GovernmentService` with its fee as an `Offer` and
//! its promised time as a `ServiceChannel`'s ISO 8601 `processingTime`.
//!
//! Built from the validated model, not the display text, so fees and durations are
//! structured, and it claims nothing the charter did not say: ISO 8601 cannot say "working
//! days", so a `processingTime` is given only for a calendar duration (minutes, hours,
//! calendar days, weeks, months, years); the timeline as the office wrote it always goes
//! into the channel's description. `docs/format.md` says the same for users.

use serde_json::{Map, Value, json};

use crate::view::View;

use crate::model::{
    Basis, Charter, Contact, Detail, Fee, FeeKind, Service, Text, Timeline, TimelineKind, Unit,
};

/// The `jsonld` format: the graph (made once, with the page's) on its own, pretty-printed.
pub fn render(graph: &Value) -> String {
    serde_json::to_string_pretty(graph).expect("JSON-LD serialises")
}

/// The JSON-LD document for a charter. The services' timelines are taken as `view` prints
/// them (in the main language, in table order), which keep what ISO 8601 cannot say
/// ("working", "from receipt of the application").
pub fn document(charter: &Charter, view: &View) -> Value {
    let timelines: Vec<Option<String>> = view
        .services
        .iter()
        .map(|s| s.timeline.as_ref().and_then(|t| t.first().cloned()))
        .collect();
    let lang = charter.languages[0].as_str().to_owned();
    let text = |t: &Text| t.get(&lang).map(str::to_owned);
    let org = &charter.organization;
    let mut organization = Map::new();
    organization.insert("@type".into(), "GovernmentOrganization".into());
    organization.insert("@id".into(), "#organization".into());
    insert(&mut organization, "name", text(&org.name));
    if let Some(parent) = org.parent.as_ref().and_then(text) {
        organization.insert(
            "parentOrganization".into(),
            json!({ "@type": "GovernmentOrganization", "name": parent }),
        );
    }
    let street: Vec<String> = org.address.iter().filter_map(text).collect();
    let mut address = Map::new();
    address.insert("@type".into(), "PostalAddress".into());
    if !street.is_empty() {
        address.insert("streetAddress".into(), street.join(", ").into());
    }
    insert(
        &mut address,
        "postOfficeBoxNumber",
        org.pobox.as_ref().and_then(text),
    );
    insert(
        &mut address,
        "addressCountry",
        org.country.as_ref().map(|c| c.value.0.clone()),
    );
    if address.len() > 1 {
        organization.insert("address".into(), Value::Object(address));
    }
    reach(
        &mut organization,
        &lang,
        &org.phones,
        &org.emails,
        org.website.as_ref(),
    );
    insert(
        &mut organization,
        "faxNumber",
        org.fax.first().map(|p| in_lang(p, &lang).to_owned()),
    );
    // The office's own complaint desks are its contact points; an independent body (the
    // ombudsman) is an organisation of its own, not the office's contact.
    let routes: Vec<&Contact> = charter.complaints.iter().flat_map(|c| &c.routes).collect();
    let own: Vec<Value> = routes
        .iter()
        .filter(|r| r.independent != Some(true))
        .map(|route| contact_point(route, &lang, &text))
        .collect();
    if !own.is_empty() {
        organization.insert("contactPoint".into(), Value::Array(own));
    }

    let mut graph = vec![Value::Object(organization)];
    for route in routes.iter().filter(|r| r.independent == Some(true)) {
        let mut body = Map::new();
        body.insert("@type".into(), "GovernmentOrganization".into());
        let name = route
            .office
            .as_ref()
            .and_then(&text)
            .or_else(|| route.role.as_ref().and_then(&text));
        insert(&mut body, "name", name);
        body.insert("contactPoint".into(), contact_point(route, &lang, &text));
        graph.push(Value::Object(body));
    }
    let mut services = Vec::new();
    flatten(&charter.services, &mut services);
    for (i, service) in services.into_iter().enumerate() {
        let printed = timelines.get(i).cloned().flatten();
        graph.push(service_node(service, &text, charter, printed));
    }
    json!({ "@context": "https://schema.org", "@graph": graph })
}

/// The JSON-LD as text safe inside `<script type="application/ld+json">`: no `<`, `>` or
/// `&` can end the script element or start markup.
pub fn to_script(document: &Value) -> String {
    serde_json::to_string_pretty(document)
        .expect("JSON-LD serialises")
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

fn flatten<'a>(services: &'a [Service], out: &mut Vec<&'a Service>) {
    for service in services {
        out.push(service);
        flatten(&service.services, out);
    }
}

/// An e-mail address worth publishing: it has an `@`.
fn email(value: &str) -> Option<String> {
    value.contains('@').then(|| value.trim().to_owned())
}

/// A web address worth publishing: http(s) only.
fn web(value: &str) -> Option<String> {
    crate::model::web_target(value)
}

/// The first phone, the first e-mail that is one, and the website if it is a web address,
/// each in the page's language where they differ by language: how an organisation or a
/// contact point is reached.
fn reach(
    map: &mut Map<String, Value>,
    lang: &str,
    phones: &[Detail],
    emails: &[Detail],
    website: Option<&Detail>,
) {
    insert(
        map,
        "telephone",
        phones.first().map(|p| in_lang(p, lang).to_owned()),
    );
    insert(
        map,
        "email",
        emails.iter().find_map(|e| email(in_lang(e, lang))),
    );
    insert(map, "url", website.and_then(|w| web(in_lang(w, lang))));
}

/// A detail in `lang`, or as first written.
fn in_lang<'a>(detail: &'a Detail, lang: &str) -> &'a str {
    &detail.get(lang).unwrap_or_else(|| detail.first()).value
}

fn insert(map: &mut Map<String, Value>, key: &str, value: Option<String>) {
    if let Some(value) = value.filter(|v| !v.is_empty()) {
        map.insert(key.into(), value.into());
    }
}

fn contact_point(route: &Contact, lang: &str, text: &impl Fn(&Text) -> Option<String>) -> Value {
    let mut point = Map::new();
    point.insert("@type".into(), "ContactPoint".into());
    point.insert("contactType".into(), "Customer Complaints".into());
    let name = route
        .role
        .as_ref()
        .and_then(text)
        .or_else(|| route.name.as_ref().map(|n| n.0.clone()))
        .or_else(|| route.office.as_ref().and_then(text));
    insert(&mut point, "name", name);
    reach(
        &mut point,
        lang,
        &route.phones,
        &route.emails,
        route.website.as_ref(),
    );
    Value::Object(point)
}

fn service_node(
    service: &Service,
    text: &impl Fn(&Text) -> Option<String>,
    charter: &Charter,
    printed: Option<String>,
) -> Value {
    let mut node = Map::new();
    node.insert("@type".into(), "GovernmentService".into());
    insert(&mut node, "name", text(&service.name));
    insert(
        &mut node,
        "description",
        service.description.as_ref().and_then(text),
    );
    node.insert("provider".into(), json!({ "@id": "#organization" }));
    if let Some(audience) = service.audience.as_ref().and_then(text) {
        node.insert(
            "audience".into(),
            json!({ "@type": "Audience", "audienceType": audience }),
        );
    }
    if let Some(fee) = &service.fee {
        let offers = offers(fee, text, charter);
        if !offers.is_empty() {
            node.insert("offers".into(), Value::Array(offers));
        }
    }
    let mut channel = Map::new();
    channel.insert("@type".into(), "ServiceChannel".into());
    if let Some(timeline) = &service.timeline {
        insert(&mut channel, "processingTime", iso_duration(timeline));
        insert(
            &mut channel,
            "description",
            printed.or_else(|| timeline_text(timeline, text)),
        );
    }
    if let Some(office) = service.office.as_ref().and_then(text) {
        channel.insert(
            "serviceLocation".into(),
            json!({ "@type": "Place", "name": office }),
        );
    }
    if channel.len() > 1 {
        node.insert("availableChannel".into(), Value::Object(channel));
    }
    Value::Object(node)
}

/// One `Offer` per price: a free service costs `0`; tiers and cases give one offer each,
/// named for who pays it or when; a ceiling or a range is a `PriceSpecification` with
/// `maxPrice`. A fee that states no amount, or is free only on a condition, has no price to
/// state: its offer carries the office's words alone.
fn offers(fee: &Fee, text: &impl Fn(&Text) -> Option<String>, charter: &Charter) -> Vec<Value> {
    let currency = charter.currency.as_ref().map(|c| c.value.0.clone());
    let words = || fee.written.as_ref().and_then(text);
    let described = |words: Option<String>| {
        words.map_or_else(Vec::new, |w| {
            vec![json!({ "@type": "Offer", "description": w })]
        })
    };
    match &fee.kind {
        FeeKind::Free { condition: None } => {
            let mut offer = json!({ "@type": "Offer", "price": "0" });
            if let Some(currency) = &currency {
                offer["priceCurrency"] = currency.clone().into();
            }
            vec![offer]
        }
        FeeKind::Free { condition: Some(_) } | FeeKind::Vague => described(words()),
        FeeKind::Amount(amount) => {
            let mut offer = Map::new();
            offer.insert("@type".into(), "Offer".into());
            let currency = amount.currency.clone().or(currency);
            if amount.at_most || amount.max.is_some() {
                let mut spec = Map::new();
                spec.insert("@type".into(), "PriceSpecification".into());
                if amount.max.is_some() {
                    spec.insert("minPrice".into(), amount.value.clone().into());
                }
                let max = amount.max.clone().unwrap_or_else(|| amount.value.clone());
                spec.insert("maxPrice".into(), max.into());
                insert(&mut spec, "priceCurrency", currency);
                offer.insert("priceSpecification".into(), Value::Object(spec));
            } else {
                offer.insert("price".into(), amount.value.clone().into());
                insert(&mut offer, "priceCurrency", currency);
            }
            let description = [amount.per.as_ref(), amount.qualifier.as_ref()]
                .into_iter()
                .flatten()
                .filter_map(text)
                .collect::<Vec<_>>()
                .join(" ");
            if !description.is_empty() {
                offer.insert("description".into(), description.into());
            }
            vec![Value::Object(offer)]
        }
        FeeKind::Tiers { tiers } => tiers
            .iter()
            .flat_map(|tier| named(offers(&tier.fee, text, charter), text(&tier.who)))
            .collect(),
        FeeKind::Cases { cases } => cases
            .iter()
            .flat_map(|case| named(offers(&case.fee, text, charter), text(&case.case)))
            .collect(),
    }
}

fn named(mut offers: Vec<Value>, name: Option<String>) -> Vec<Value> {
    for offer in &mut offers {
        if let (Some(map), Some(name)) = (offer.as_object_mut(), &name) {
            map.insert("name".into(), name.clone().into());
        }
    }
    offers
}

/// `P7D`, `PT30M`, `P3DT10M`: the promised time as ISO 8601, only where it is a calendar
/// duration for certain. Working time is not (`P14D` would claim fourteen calendar days),
/// nor days whose basis the charter does not state, nor a range, a frequency or a time
/// that differs by case: those have the office's words alone, in the channel's description.
pub(super) fn iso_duration(timeline: &Timeline) -> Option<String> {
    let TimelineKind::Duration(duration) = &timeline.kind else {
        return None;
    };
    // A range promises its upper bound only in some cases; working time is not calendar
    // time, whatever its unit.
    if duration.max.is_some() || duration.basis == Some(Basis::Working) {
        return None;
    }
    let mut parts = vec![(duration.amount, duration.unit?)];
    parts.extend(duration.plus.iter().copied());
    if parts.iter().any(|(_, unit)| *unit == Unit::Days) && duration.basis != Some(Basis::Calendar)
    {
        return None;
    }
    let mut date = String::new();
    let mut time = String::new();
    // Weeks as days: XML Schema's `xsd:duration` (which CPSV-AP asks for) has no `W`, and
    // ISO 8601 allows `W` only on its own (`1 week and 3 hours` is not `P1WT3H`).
    let mut days: Option<u64> = None;
    for (n, unit) in parts {
        let n = u64::from(n);
        match unit {
            Unit::Years => date.push_str(&format!("{n}Y")),
            Unit::Months => date.push_str(&format!("{n}M")),
            Unit::Weeks => *days.get_or_insert(0) += 7 * n,
            Unit::Days => *days.get_or_insert(0) += n,
            Unit::Hours => time.push_str(&format!("{n}H")),
            Unit::Minutes => time.push_str(&format!("{n}M")),
            Unit::Seconds => time.push_str(&format!("{n}S")),
        }
    }
    if let Some(days) = days {
        date.push_str(&format!("{days}D"));
    }
    Some(match (date.is_empty(), time.is_empty()) {
        (_, true) => format!("P{date}"),
        (true, false) => format!("PT{time}"),
        (false, false) => format!("P{date}T{time}"),
    })
}

fn timeline_text(timeline: &Timeline, text: &impl Fn(&Text) -> Option<String>) -> Option<String> {
    timeline.written.as_ref().and_then(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_text_cannot_close_the_script_element() {
        let doc = json!({ "name": "</script><script>alert(1)</script> & more" });
        let script = to_script(&doc);
        assert!(!script.contains('<') && !script.contains('&'), "{script}");
        let back: Value = serde_json::from_str(&script).unwrap();
        assert_eq!(back, doc);
    }

    /// Weeks are written as days: `xsd:duration` has no `W`, and ISO 8601 has it only on
    /// its own.
    #[test]
    fn durations_are_valid_xsd_durations() {
        let text = "languages: [en]\ntitle: T\norganization: {name: O}\nservices:\n  - {name: \
                    A, timeline: 2 weeks}\n  - {name: B, timeline: 14 calendar days}\n  - {name: \
                    C, timeline: 3 hours}\n  - {name: D, timeline: 7 working days}\n";
        let loaded = crate::load::load_source(crate::source::SourceFile::new("t.yaml", text));
        let charter = loaded.charter.expect("valid");
        let durations: Vec<Option<String>> = charter
            .services
            .list
            .iter()
            .map(|s| iso_duration(s.timeline.as_ref().unwrap()))
            .collect();
        assert_eq!(
            durations,
            [
                Some("P14D".to_owned()),
                Some("P14D".to_owned()),
                Some("PT3H".to_owned()),
                None
            ]
        );
    }
}
