//! What the contact rules share: the organisation's own details, independent bodies, web
//! addresses in e-mail fields, phone numbers and calling codes. Rules import these, never
//! each other.

use crate::lint::LintContext;
use crate::lint::walk::contacts;
use crate::lint::words::words;
use crate::model::{Contact, Detail, Str, Text};
use crate::span::{Sp, Span};

/// Whether a contact is an independent body: marked so, or named like one.
pub(crate) fn is_independent(contact: &Contact) -> bool {
    contact.independent == Some(true)
        || contact.independent != Some(false)
            && contact
                .office
                .iter()
                .chain(&contact.role)
                .flat_map(|t| t.all())
                .any(|t| {
                    let t = t.to_lowercase();
                    words()
                        .independent_bodies
                        .iter()
                        .any(|b| t.contains(b.as_str()))
                })
}

/// A contact detail lowercased without spaces or punctuation, for comparison.
fn norm(detail: &str) -> String {
    detail
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_lowercase()
}

/// The phones, e-mails, fax numbers and postal address of a contact or organisation.
fn details(
    phones: &[Detail],
    emails: &[Detail],
    fax: &[Detail],
    pobox: &Option<Text>,
) -> Vec<String> {
    Detail::all(phones)
        .chain(Detail::all(emails))
        .chain(Detail::all(fax))
        .map(|s| norm(&s.value))
        .chain(pobox.iter().flat_map(|t| t.all()).map(norm))
        .filter(|s| !s.is_empty())
        .collect()
}

fn contact_details(c: &Contact) -> Vec<String> {
    details(&c.phones, &c.emails, &c.fax, &c.pobox)
}

/// The contact details that belong to the organisation: its own, and those of contacts that
/// are not independent.
pub(crate) fn own_details(cx: &LintContext) -> Vec<String> {
    let org = &cx.charter.organization;
    let mut own = details(&org.phones, &org.emails, &org.fax, &org.pobox);
    for (_, _, contact) in contacts(cx) {
        if !is_independent(contact) {
            own.extend(contact_details(contact));
        }
    }
    own
}

/// Whether a contact gives any of the organisation's own details.
pub(crate) fn shares_own_details(contact: &Contact, own: &[String]) -> bool {
    shared_detail(contact, own).is_some()
}

/// Where a contact gives one of the organisation's own details: that phone, e-mail, fax
/// or postal address, not another line of the contact.
pub(crate) fn shared_detail(contact: &Contact, own: &[String]) -> Option<Span> {
    Detail::all(&contact.phones)
        .chain(Detail::all(&contact.emails))
        .chain(Detail::all(&contact.fax))
        .map(|s| (norm(&s.value), s.span))
        .chain(
            contact
                .pobox
                .iter()
                .flat_map(|t| t.all().map(|p| (norm(p), t.span))),
        )
        .find(|(d, _)| !d.is_empty() && own.contains(d))
        .map(|(_, span)| span)
}

/// Whether an e-mail field holds a web address instead.
pub(crate) fn is_web_address(email: &str) -> bool {
    let e = email.trim().to_lowercase();
    !e.contains('@')
        && (e.starts_with("www.") || e.starts_with("http://") || e.starts_with("https://"))
}

/// Country calling codes of the countries whose charters this tool meets most, by ISO
/// 3166 code. All of them use a trunk `0` for national calls.
pub(crate) const CALLING_CODES: &[(&str, &str)] = &[
    ("KE", "254"),
    ("TZ", "255"),
    ("UG", "256"),
    ("RW", "250"),
    ("BI", "257"),
    ("SS", "211"),
    ("ET", "251"),
    ("SO", "252"),
    ("ZM", "260"),
    ("MW", "265"),
    ("ZA", "27"),
    ("NG", "234"),
    ("GH", "233"),
    ("PH", "63"),
    ("IN", "91"),
    ("MY", "60"),
];

/// Every phone and fax number: where it stands, which kind it is, and the number.
pub(crate) fn phones<'a>(cx: &LintContext<'a>) -> Vec<(String, &'static str, &'a Sp<Str>)> {
    let org = &cx.charter.organization;
    let mut out = Vec::new();
    let mut add = |place: &str, phones: &'a [Detail], fax: &'a [Detail]| {
        out.extend(Detail::all(phones).map(|p| (place.to_owned(), "phone", p)));
        out.extend(Detail::all(fax).map(|p| (place.to_owned(), "fax", p)));
    };
    add("the organisation", &org.phones, &org.fax);
    for (_, place, contact) in contacts(cx) {
        add(place, &contact.phones, &contact.fax);
    }
    out
}
