use super::contacts::{is_independent, own_details, shared_detail};
use super::declare_rule;
use crate::lint::walk::{ContactPlace, contacts};

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
        for (place, label, contact) in all {
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
