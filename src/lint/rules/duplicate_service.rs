use std::collections::HashMap;

use super::declare_rule;
use crate::model::Service;

/// A name for comparison: lowercase letters and digits only.
fn key(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_lowercase()
}

declare_rule! {
    DuplicateService, "S001", "duplicate-service", Warning, fixable: false,
    summary: "The same service listed twice.",
    docs: "## What it does
Finds services with the same name (ignoring case, spaces and punctuation) in the same list
or group, unless the charter tells them apart by their numbers, descriptions, types of
transaction or who may apply.

## Why it matters
Two rows for one service usually differ in fee or timeline, and the citizen cannot tell
which promise holds.

## Example
```yaml
- name: Issuance of burial permits
- name: Issuance of Burial Permits.
```

## How to fix
Keep one row, with the right fee and timeline.
",
    check(cx, out) {
        for (_, services) in cx.charter.services.runs() {
            check_list(cx, services, out);
        }
    }
}

fn codes(service: &Service) -> Vec<crate::model::Transaction> {
    service.transaction.codes()
}

fn check_list(
    cx: &crate::lint::LintContext,
    services: &[Service],
    out: &mut crate::lint::Findings,
) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    // Two rows of one name that the charter tells apart (by their numbers, descriptions,
    // types of transaction or who may apply) are two services.
    let apart = |a: &Service, b: &Service| {
        (a.number.is_some() && b.number.is_some() && a.number != b.number)
            || a.description.as_ref().map(|t| &t.value) != b.description.as_ref().map(|t| &t.value)
            || a.audience.as_ref().map(|t| &t.value) != b.audience.as_ref().map(|t| &t.value)
            || codes(a) != codes(b)
    };
    for (i, service) in services.iter().enumerate() {
        for text in service.name.all() {
            let k = key(text);
            if k.is_empty() {
                continue;
            }
            // The same name in each language of one service is one name.
            if let Some(first) = seen
                .get(&k)
                .filter(|first| **first != i && !apart(&services[**first], service))
            {
                out.push(
                    service.name.span,
                    format!(
                        "{} is listed twice (first as row {})",
                        cx.quote(&service.name),
                        first + 1
                    ),
                    "listed before",
                )
                .hint("keep one row, with the right fee and timeline");
                break;
            }
            seen.insert(k, i);
        }
        check_list(cx, &service.services, out);
    }
}
