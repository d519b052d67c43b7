//! The charter's currency, as a person would tell it from the document: the amounts that
//! name one ("KES 500", "Tshs 10,000"), the fee column's heading ("Malipo (Shilingi)",
//! "Cost (KES)"), and, where a word such as "Shilingi" names several, the country the
//! phone numbers are in.

use crate::reading::{FeeRead, currency_candidates, read_fee};

use super::imported::{Imported, Service, most_common};

/// Countries: their calling code, currency, ISO code, and the words their charters print
/// their name in above the office's ("REPUBLIC OF KENYA", "JAMHURI YA MUUNGANO WA
/// TANZANIA").
const COUNTRIES: &[(&str, &str, &str, &[&str])] = &[
    (
        "+254",
        "KES",
        "KE",
        &["republic of kenya", "jamhuri ya kenya"],
    ),
    (
        "+255",
        "TZS",
        "TZ",
        &[
            "united republic of tanzania",
            "jamhuri ya muungano wa tanzania",
        ],
    ),
    ("+256", "UGX", "UG", &["republic of uganda"]),
    ("+252", "SOS", "SO", &["federal republic of somalia"]),
    (
        "+63",
        "PHP",
        "PH",
        &["republic of the philippines", "republika ng pilipinas"],
    ),
    (
        "+91",
        "INR",
        "IN",
        &["government of india", "republic of india"],
    ),
    ("+233", "GHS", "GH", &["republic of ghana"]),
    (
        "+265",
        "MWK",
        "MW",
        &["republic of malawi", "government of malawi"],
    ),
    (
        "+260",
        "ZMW",
        "ZM",
        &["republic of zambia", "government of the republic of zambia"],
    ),
];

/// The country a line of the title's area names ("Republic of Kenya"): its ISO code.
pub fn country_named(line: &str) -> Option<&'static str> {
    let lower = line.to_lowercase();
    COUNTRIES
        .iter()
        .find(|(_, _, _, names)| names.iter().any(|n| lower.contains(n)))
        .map(|(_, _, code, _)| *code)
}

/// The country of the office: the one its document names above its name, else the one
/// every phone number of its complaint routes is in; and why, for a comment.
pub fn country(imported: &Imported) -> Option<(&'static str, String)> {
    if let Some((code, line)) = &imported.country_line {
        return Some((
            code,
            format!("the document names the country (\"{}\")", line.value),
        ));
    }
    let code = phones_country(imported)?;
    let (prefix, _, iso, _) = COUNTRIES.iter().find(|(_, _, iso, _)| *iso == code)?;
    Some((
        iso,
        format!("the phone numbers are in the country ({prefix})"),
    ))
}

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
        .filter(|(_, key)| key.as_deref() == Some("fee"))
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

/// The currency of the office's country.
fn phones_currency(imported: &Imported) -> Option<&'static str> {
    let code = imported
        .country_line
        .as_ref()
        .map(|(code, _)| *code)
        .or_else(|| phones_country(imported))?;
    COUNTRIES
        .iter()
        .find(|(_, _, iso, _)| *iso == code)
        .map(|(_, currency, _, _)| *currency)
}

/// The country every phone number of the complaint routes is in, by its calling code.
fn phones_country(imported: &Imported) -> Option<&'static str> {
    let mut found: Vec<&'static str> = Vec::new();
    for route in &imported.complaints.routes {
        for phone in &route.phones {
            let compact: String = phone.chars().filter(|c| !c.is_whitespace()).collect();
            if let Some((_, _, code, _)) = COUNTRIES
                .iter()
                .find(|(prefix, ..)| compact.starts_with(prefix))
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
