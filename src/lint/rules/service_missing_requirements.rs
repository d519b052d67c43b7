use super::declare_rule;
use crate::lint::walk::services;

declare_rule! {
    ServiceMissingRequirements, "M001", "service-missing-requirements", Warning, fixable: false,
    summary: "A service with no requirements.",
    docs: "## What it does
Finds services that give no `requirements`. Services that only group sub-services are skipped.

## Why it matters
A citizen who arrives without the right documents makes a second trip, often from far away. Listing what to bring is the cheapest promise an office can make.

## Example
A row whose \"what the customer must bring\" cell is empty.

## How to fix
List what the citizen must bring or do, one item per line; write `requirements: [None]` if truly nothing is needed.
",
    check(cx, out) {
        for s in services(cx) {
            let service = s.service;
            if !service.services.is_empty() || !service.requirements.is_empty() {
                continue;
            }
            out.push(service.name.span, format!("{} gives no requirements", s.label), "no requirements")
                .hint("add `requirements:` with what the citizen must bring or do");
        }
    }
}
