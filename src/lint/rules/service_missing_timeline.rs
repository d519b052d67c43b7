use super::declare_rule;
use crate::lint::walk::report_missing;

declare_rule! {
    ServiceMissingTimeline, "M003", "service-missing-timeline", Error, fixable: false,
    summary: "A service with no timeline.",
    docs: "## What it does
Finds services that state no time: no `timeline` of their own, none inherited from the
service they are a sub-service of, and no time at any of their steps. Services that only
group sub-services are skipped. When no service states a time at all, the charter gets one
finding instead of one per service.

## Why it matters
Without a timeline there is no promise to keep: the service can take forever and still meet the charter.

## Example
A row with an empty timeline cell.

## How to fix
Write the longest time the service may take, such as `timeline: 7 working days`.
",
    check(cx, out) {
        report_missing(
            cx,
            out,
            |s| s.has_timeline(),
            "timeline",
            "timeline",
            "write the longest time the service may take, such as `timeline: 7 working days`",
            "give each service the longest time it may take, such as `timeline: 7 working days`",
        );
    }
}
