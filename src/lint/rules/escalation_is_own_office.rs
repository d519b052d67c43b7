use super::declare_rule;
use super::no_independent_route::is_independent;
use crate::lint::walk::{ContactPlace, contacts};
use crate::model::Contact;

/// The contact details of a contact, lowercased without spaces, for comparison.
fn details(contact: &Contact) -> Vec<String> {
    let norm = |s: &str| {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .collect::<String>()
            .to_lowercase()
    };
    contact
        .phones
        .iter()
        .chain(&contact.emails)
        .chain(&contact.fax)
        .chain(&contact.pobox)
        .map(|s| norm(&s.value))
        .filter(|s| !s.is_empty())
        .collect()
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
        let mut own: Vec<String> = Vec::new();
        let org = &cx.charter.organization;
        own.extend(org.phones.iter().chain(&org.emails).chain(&org.fax).chain(&org.pobox).map(|s| {
            s.value.chars().filter(|c| c.is_alphanumeric()).collect::<String>().to_lowercase()
        }));
        for (_, _, contact) in &all {
            if !is_independent(contact) {
                own.extend(details(contact));
            }
        }
        for (place, label, contact) in &all {
            if !matches!(place, ContactPlace::Route(_) | ContactPlace::Appeal) || !is_independent(contact) {
                continue;
            }
            let shared: Vec<String> = details(contact).into_iter().filter(|d| own.contains(d)).collect();
            if shared.is_empty() {
                continue;
            }
            let span = contact
                .pobox
                .iter()
                .chain(&contact.phones)
                .chain(&contact.emails)
                .chain(&contact.fax)
                .map(|s| s.span)
                .next()
                .unwrap_or_default();
            out.push(
                span,
                format!("{label} is presented as independent, but gives the organisation's own contact details"),
                "the organisation's own address",
            )
            .hint("give the independent body's own address, phone and e-mail");
        }
    }
}
