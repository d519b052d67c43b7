use super::declare_rule;

declare_rule! {
    NoServices, "M009", "no-services", Warning, fixable: false,
    summary: "A charter that lists no services.",
    docs: "## What it does
Finds charters without a services table (`services`).

## Why it matters
The services table is the heart of a charter: what the office does, what the citizen must
bring, what it costs and how long it takes. Principles and values alone promise nothing a
citizen can hold the office to.

## Example
The Kilosa District Council charter of 2012 describes its customers, principles and
standards at length, but lists no service with its fee and timeline.

## How to fix
List the services citizens come for, each with `requirements`, `fee` and `timeline`.
",
    check(cx, out) {
        if cx.charter.services.is_empty() {
            out.push_file("the charter lists no services, so it promises no fee or timeline")
                .hint("add `services:`, each with `requirements`, `fee` and `timeline`");
        }
    }
}
