//! The charter's currency, as a person would tell it from the document: the amounts that
//! name one ("KES 500", "Tshs 10,000"), the fee column's heading ("Malipo (Shilingi)",
//! "Cost (KES)"), and, where a word such as "Shilingi" names several, the country the
//! phone numbers are in.

use crate::reading::{FeeRead, currency_candidates, read_fee};

use super::imported::{Imported, Service};

/// Countries' calling codes and currencies, for telling which shilling.
const CALLING: &[(&str, &str)] = &[
    ("+254", "KES"),
    ("+255", "TZS"),
    ("+256", "UGX"),
    ("+252", "SOS"),
    ("+63", "PHP"),
    ("+91", "INR"),
    ("+233", "GHS"),
    ("+265", "MWK"),
    ("+260", "ZMW"),
];

/// The currency and why, for a comment beside it.
pub fn currency(imported: &Imported) -> Option<(String, String)> {
    let mut fees = Vec::new();
    for entry in &imported.services {
        for service in entry.services() {
            fees_of(service, &mut fees);
        }
    }
    let mut named: Vec<&'static str> = Vec::new();
    for fee in &fees {
        if let Ok((read, _)) = read_fee(fee, None) {
            currencies(&read, &mut named);
        }
    }
    if let Some(code) = most_common(&named) {
        return Some((
            code.to_owned(),
            format!("the currency the fees name ({code})"),
        ));
    }
    let headings: Vec<&str> = imported
        .tables
        .iter()
        .flat_map(|t| &t.columns)
        .filter(|(_, key)| *key == Some("fee"))
        .map(|(text, _)| text.as_str())
        .collect();
    for heading in headings {
        for word in
            heading.split(|c: char| !c.is_alphanumeric() && c != '$' && c != '₱' && c != '₹')
        {
            let candidates = currency_candidates(word);
            let chosen = match candidates.as_slice() {
                [] => None,
                [one] => Some(*one),
                several => phones_currency(imported).filter(|c| several.contains(c)),
            };
            if let Some(code) = chosen {
                return Some((
                    code.to_owned(),
                    format!("from the fee column's heading, \"{heading}\""),
                ));
            }
        }
    }
    None
}

fn fees_of<'a>(service: &'a Service, out: &mut Vec<&'a str>) {
    out.extend(service.fee.as_ref().map(|f| f.value.as_str()));
    out.extend(
        service
            .steps
            .iter()
            .filter_map(|s| s.fee.as_ref().map(|f| f.value.as_str())),
    );
    for sub in &service.services {
        fees_of(sub, out);
    }
}

fn currencies(read: &FeeRead, out: &mut Vec<&'static str>) {
    match read {
        FeeRead::Amount { money, .. } => {
            if let Some(code) = money.currency.as_deref()
                && let Some(known) = crate::reading::currency_candidates(code).first()
            {
                out.push(known);
            }
        }
        FeeRead::Cases(cases) => cases.iter().for_each(|(_, r)| currencies(r, out)),
        FeeRead::Free { .. } => {}
    }
}

/// The currency of the country every phone number of the complaint routes is in.
fn phones_currency(imported: &Imported) -> Option<&'static str> {
    let mut found: Vec<&'static str> = Vec::new();
    for route in &imported.complaints.routes {
        for phone in &route.phones {
            let compact: String = phone.chars().filter(|c| !c.is_whitespace()).collect();
            if let Some((_, code)) = CALLING
                .iter()
                .find(|(prefix, _)| compact.starts_with(prefix))
            {
                found.push(code);
            }
        }
    }
    found.dedup();
    match found.as_slice() {
        [one] => Some(one),
        _ => None,
    }
}

fn most_common(codes: &[&'static str]) -> Option<&'static str> {
    let mut counts: Vec<(&'static str, usize)> = Vec::new();
    for code in codes {
        match counts.iter_mut().find(|(c, _)| c == code) {
            Some((_, n)) => *n += 1,
            None => counts.push((code, 1)),
        }
    }
    // The most named; of as many, the first named.
    let mut best: Option<(&'static str, usize)> = None;
    for (code, n) in counts {
        if best.is_none_or(|(_, m)| n > m) {
            best = Some((code, n));
        }
    }
    best.map(|(c, _)| c)
}
