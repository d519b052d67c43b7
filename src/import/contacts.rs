//! Complaint routes read from the lines under a complaints heading, as charters print
//! them: a role or office, its address lines, then its box, phones and e-mails ("Simu:",
//! "Tel:", "Barua pepe:", "Email:"); the next role starts the next route. Lines before the
//! first route that read as sentences are the section's text.

use super::headings::{Key, mentions};
use super::imported::{Complaints, Found, Route};

/// The label before a detail, and what it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Detail {
    Phone,
    Fax,
    Email,
    Website,
    Pobox,
}

const LABELS: &[(&str, Detail)] = &[
    ("telephone", Detail::Phone),
    ("tel", Detail::Phone),
    ("phone", Detail::Phone),
    ("mobile", Detail::Phone),
    ("cell", Detail::Phone),
    ("hotline", Detail::Phone),
    ("simu ya mkononi", Detail::Phone),
    ("simu", Detail::Phone),
    ("telepono", Detail::Phone),
    ("fax", Detail::Fax),
    ("nukushi", Detail::Fax),
    ("e-mail", Detail::Email),
    ("email", Detail::Email),
    ("barua pepe", Detail::Email),
    ("website", Detail::Website),
    ("web", Detail::Website),
    ("tovuti", Detail::Website),
];

const BOXES: &[&str] = &[
    "p.o. box",
    "p. o. box",
    "po box",
    "p.o box",
    "post office box",
    "private bag",
    "s.l.p",
    "sanduku la posta",
    "serukuru la posta",
];

/// Reads the complaints section's lines, with the organisation's name (a body named like
/// it is its own, not independent).
pub fn read(lines: Vec<Found<String>>, organization: Option<&str>) -> Complaints {
    let mut complaints = Complaints::default();
    let mut current: Option<Route> = None;
    let mut details = false;
    for line in lines {
        let text = line.value.trim();
        if let Some((detail, value)) = detail(text) {
            let route = current.get_or_insert_with(|| Route {
                at: Some(line.at.clone()),
                ..Route::default()
            });
            add(route, detail, value);
            details = true;
            continue;
        }
        // A sentence is the section's text, wherever it comes.
        let words = text.split_whitespace().count();
        let sentence = words > 12 || text.ends_with(':') || (words > 6 && text.ends_with('.'));
        if sentence {
            complaints.text.push(line);
            continue;
        }
        // "PCC: 8888", "ARTA: complaints@arta.gov.ph": another way in, with its name.
        if let Some(route) = current.as_mut()
            && is_other_way_in(text)
        {
            route.other.push(text.to_owned());
            details = true;
            continue;
        }
        if details || current.is_none() {
            if let Some(route) = current.take() {
                complaints.routes.push(route);
            }
            current = Some(Route {
                role: Some(text.to_owned()),
                at: Some(line.at.clone()),
                ..Route::default()
            });
            details = false;
        } else if let Some(route) = current.as_mut() {
            // The line under the role that names a body is its office; the rest, address.
            if route.office.is_none() && route.address.is_empty() && names_a_body(text) {
                route.office = Some(text.to_owned());
            } else {
                route.address.push(text.to_owned());
            }
        }
    }
    if let Some(route) = current {
        complaints.routes.push(route);
    }
    // A "route" with no way to reach it was a line of text.
    let (routes, words): (Vec<Route>, Vec<Route>) = std::mem::take(&mut complaints.routes)
        .into_iter()
        .partition(|r| {
            !(r.phones.is_empty()
                && r.emails.is_empty()
                && r.pobox.is_none()
                && r.website.is_none()
                && r.fax.is_empty()
                && r.other.is_empty())
        });
    complaints.routes = routes;
    for route in words {
        let at = route
            .at
            .clone()
            .unwrap_or(super::document::Place::Paragraph(0));
        for text in route
            .role
            .into_iter()
            .chain(route.office)
            .chain(route.address)
        {
            complaints.text.push(Found::new(text, at.clone()));
        }
    }
    for route in &mut complaints.routes {
        let words = [route.role.as_deref(), route.office.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
        let own = organization
            .is_some_and(|o| !o.is_empty() && words.to_lowercase().contains(&o.to_lowercase()));
        route.independent = !own && mentions(&words, Key::Independent);
    }
    complaints
}

/// "PCC: 8888", "CCB: 0908-881-6565 (SMS)": a short name, a colon, and a number or an
/// address that is not one of the labels read.
fn is_other_way_in(text: &str) -> bool {
    let Some((name, value)) = text.split_once(':') else {
        return false;
    };
    // ("Last Updated: 12/03/2024" is a date, not a way in.)
    let parts: Vec<&str> = value.trim().split(['/', '.', '-']).collect();
    let date = parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    name.split_whitespace().count() <= 3
        && value.split_whitespace().count() <= 4
        && !date
        && (value.contains('@') || value.bytes().filter(u8::is_ascii_digit).count() >= 3)
}

/// Whether a line names a body ("Commission on Administrative Justice", "Tume ya …",
/// "Ministry of Health") rather than a place.
fn names_a_body(text: &str) -> bool {
    const BODIES: &[&str] = &[
        "commission",
        "office",
        "ministry",
        "department",
        "authority",
        "council",
        "agency",
        "ombudsman",
        "tume",
        "ofisi",
        "wizara",
        "idara",
        "mamlaka",
        "halmashauri",
        "kitengo",
        "tanggapan",
        "komisyon",
        "bureau",
        "directorate",
        "secretariat",
    ];
    let lower = text.to_lowercase();
    !text.chars().any(|c| c.is_ascii_digit())
        && lower
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| BODIES.contains(&w))
}

/// A detail line: its kind and value, by its label, or by what it is (an e-mail address,
/// a web address, a box, a number).
fn detail(text: &str) -> Option<(Detail, &str)> {
    let lower = text.to_lowercase();
    for (label, kind) in LABELS {
        if let Some(rest) = lower.strip_prefix(label) {
            let after = rest.trim_start_matches(['.', ' ']);
            if after.starts_with([':', '-', '–'])
                || after.starts_with(|c: char| c == '+' || c.is_ascii_digit())
            {
                let start = text.len() - after.len();
                let value = text[start..]
                    .trim_start_matches([':', '-', '–', ' '])
                    .trim();
                if !value.is_empty() {
                    return Some((*kind, value));
                }
            }
        }
    }
    if BOXES.iter().any(|b| lower.starts_with(b)) {
        return Some((Detail::Pobox, text));
    }
    if !text.contains(' ') && text.contains('@') && text.contains('.') {
        return Some((Detail::Email, text));
    }
    if !text.contains(' ') && (lower.starts_with("www.") || lower.starts_with("http")) {
        return Some((Detail::Website, text));
    }
    let digits = text.bytes().filter(u8::is_ascii_digit).count();
    let phoney = text
        .chars()
        .all(|c| c.is_ascii_digit() || " +-()/,".contains(c));
    if phoney && digits >= 7 {
        return Some((Detail::Phone, text));
    }
    None
}

fn add(route: &mut Route, detail: Detail, value: &str) {
    let list = |value: &str| -> Vec<String> {
        value
            .split([',', ';', '/'])
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
            .collect()
    };
    match detail {
        Detail::Phone => route.phones.extend(phones(value)),
        Detail::Fax => route.fax.extend(phones(value)),
        Detail::Email => route.emails.extend(list(value)),
        Detail::Website => {
            if route.website.is_none() {
                route.website = Some(value.to_owned());
            } else {
                route.address.push(value.to_owned());
            }
        }
        Detail::Pobox => {
            if route.pobox.is_none() {
                route.pobox = Some(value.to_owned());
            } else {
                route.address.push(value.to_owned());
            }
        }
    }
}

/// The numbers in a phone line: separated by `/`, `,` or `;` (a `/` between two long
/// numbers; "0722 000/001" is one number and its extension, kept whole).
fn phones(value: &str) -> Vec<String> {
    let parts: Vec<&str> = value.split([',', ';', '/']).map(str::trim).collect();
    let long = |p: &&str| p.bytes().filter(u8::is_ascii_digit).count() >= 7;
    if parts.len() > 1 && parts.iter().all(long) {
        parts.into_iter().map(str::to_owned).collect()
    } else {
        vec![value.trim().to_owned()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::document::Place;

    fn found(lines: &[&str]) -> Vec<Found<String>> {
        lines
            .iter()
            .enumerate()
            .map(|(i, l)| Found::new((*l).to_owned(), Place::Paragraph(i + 1)))
            .collect()
    }

    #[test]
    fn routes_are_read_from_printed_contacts() {
        let c = read(
            found(&[
                "Any service that does not meet these standards should be reported to:",
                "The Chief Officer, Trade",
                "County Headquarters",
                "P.O. Box 100-00100 Nairobi",
                "Tel: +254 20 1234567 / +254 722 000000",
                "Email: complaints@example.go.ke",
                "The Commission Secretary",
                "Commission on Administrative Justice (Office of the Ombudsman)",
                "Simu: +254 20 2270000",
                "www.ombudsman.go.ke",
            ]),
            Some("County Government of Example"),
        );
        assert_eq!(c.text.len(), 1);
        assert_eq!(c.routes.len(), 2);
        let first = &c.routes[0];
        assert_eq!(first.role.as_deref(), Some("The Chief Officer, Trade"));
        assert_eq!(first.address, ["County Headquarters"]);
        assert_eq!(
            c.routes[1].office.as_deref(),
            Some("Commission on Administrative Justice (Office of the Ombudsman)")
        );
        assert_eq!(first.pobox.as_deref(), Some("P.O. Box 100-00100 Nairobi"));
        assert_eq!(first.phones, ["+254 20 1234567", "+254 722 000000"]);
        assert_eq!(first.emails, ["complaints@example.go.ke"]);
        assert!(!first.independent);
        let second = &c.routes[1];
        assert!(second.independent);
        assert_eq!(second.website.as_deref(), Some("www.ombudsman.go.ke"));
        assert_eq!(second.phones, ["+254 20 2270000"]);
    }
}
