use super::declare_rule;
use crate::lint::walk::services;

declare_rule! {
    ServiceMissingFee, "M002", "service-missing-fee", Error, fixable: false,
    summary: "A service with no fee.",
    docs: "## What it does
Finds services that give no `fee`. Services that only group sub-services are skipped.

## Why it matters
A service without a stated price invites unofficial payments. Even a free service must say so, so that nobody can be asked to pay.

## Example
A row with an empty cost cell.

## How to fix
Write `fee: free` (`Bila Malipo`) or the amount, such as `fee: KES 1,000`.
",
    check(cx, out) {
        for s in services(cx) {
            let service = s.service;
            if !service.services.is_empty() || service.fee.is_some() {
                continue;
            }
            out.push(service.name.span, format!("{} gives no fee", s.label), "no fee")
                .hint("add `fee:`, even if it is `free`");
        }
    }
}
