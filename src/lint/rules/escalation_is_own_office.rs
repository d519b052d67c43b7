use super::declare_rule;
use super::no_independent_route::is_independent;
use crate::lint::walk::{ContactPlace, contacts};
use crate::model::{Contact, Detail, Text};

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
pub(crate) fn own_details(cx: &crate::lint::LintContext) -> Vec<String> {
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
fn shared_detail(contact: &Contact, own: &[String]) -> Option<crate::yaml::Span> {
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

declare_rule! {
    EscalationIsOwnOffice, "C007", "escalation-is-own-office", Error, fixable: false,
    summary: "An independent contact that gives the organisation's own address.",
    docs: "## What it does
Finds contacts marked independent (or named like the Ombudsman or a human-rights
commission) whose phone, e-mail, fax or P.O. box is the organisation's own.

## Why it matters
A complaint meant for an independent body ends up on the desk of the office it is about.
The citizen believes they escalated; they did not.

## Example
The Kilosa District Council charter names the Human Rights Commission under \"Kukata
Rufaa\", then gives the District Executive Director's own address, S.L.P. 65 Kilosa.

## How to fix
Give the independent body's own contacts (for CHRAGG, its headquarters or the zonal
office).
",
    check(cx, out) {
        let all = contacts(cx);
        let own = own_details(cx);
        for (place, label, contact) in &all {
            if !matches!(place, ContactPlace::Route(_) | ContactPlace::Appeal) || !is_independent(contact) {
                continue;
            }
            let Some(span) = shared_detail(contact, &own) else {
                continue;
            };
            out.push(
                span,
                format!("{label} is presented as independent, but gives the organisation's own contact details"),
                "the organisation's own address",
            )
            .hint("give the independent body's own address, phone and e-mail");
        }
    }
}
