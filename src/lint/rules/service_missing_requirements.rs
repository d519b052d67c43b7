use super::declare_rule;
use crate::lint::walk::report_missing;

declare_rule! {
    ServiceMissingRequirements, "M001", "service-missing-requirements", Warning, fixable: false,
    summary: "A service with no requirements.",
    docs: "## What it does
Finds services that give no `requirements`, and inherit none from the service they are a
sub-service of. Services that only group sub-services are skipped. When no service gives
requirements at all, the charter gets one finding instead of one per service.

## Why it matters
A citizen who arrives without the right documents makes a second trip, often from far away. Listing what to bring is the cheapest promise an office can make.

## Example
A row whose \"what the customer must bring\" cell is empty.

## How to fix
List what the citizen must bring or do, one item per line; write `requirements: [None]` if truly nothing is needed.
",
    check(cx, out) {
        report_missing(
            cx,
            out,
            |s| s.has_requirements(),
            "requirements",
            "requirements",
            "add `requirements:` with what the citizen must bring or do",
            "list what the citizen must bring for each service; where a service needs nothing, \
             write `requirements: [None]`",
        );
    }
}
