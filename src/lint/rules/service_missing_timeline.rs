use super::declare_rule;
use crate::lint::walk::services;

declare_rule! {
    ServiceMissingTimeline, "M003", "service-missing-timeline", Error, fixable: false,
    summary: "A service with no timeline.",
    docs: "## What it does
Finds services that give no `timeline`. Services that only group sub-services are skipped.

## Why it matters
Without a timeline there is no promise to keep: the service can take forever and still meet the charter.

## Example
A row with an empty timeline cell.

## How to fix
Write the longest time the service may take, such as `timeline: 7 working days`.
",
    check(cx, out) {
        for s in services(cx) {
            let service = s.service;
            if !service.services.is_empty() || service.timeline.is_some() {
                continue;
            }
            out.push(service.name.span, format!("{} gives no timeline", s.label), "no timeline")
                .hint("add `timeline:` with the longest time the service may take");
        }
    }
}
