use super::declare_rule;
use crate::lint::walk::timelines;
use crate::lint::words::{first_in, words};
use crate::model::TimelineKind;

declare_rule! {
    TimelineCondition, "T005", "timeline-condition", Warning, fixable: false,
    summary: "A timeline that depends on a condition.",
    docs: "## What it does
Finds timelines whose wording makes them conditional: \"depending on the information
sought\", \"where possible\", \"kulingana na\".

## Why it matters
A condition the office alone judges turns the promise into a hope: any delay can be
explained by it.

## Example
A charter promises `Immediately to 5 working days depending on information sought`.

## How to fix
Promise the time for the longest case, and say when the clock starts instead of what it
depends on:

```yaml
timeline: {amount: 5, unit: days, basis: working, qualifier: from receipt of the request}
```
",
    check(cx, out) {
        for (place, timeline) in timelines(cx) {
            if let TimelineKind::Duration(d) = &timeline.kind
                && let Some(qualifier) = &d.qualifier
                && let Some(word) = qualifier
                    .all()
                    .find_map(|q| first_in(&words().depends_on, &q.to_lowercase()))
            {
                out.push(
                    timeline.span,
                    format!("{place} depends on a condition: {}", cx.quote(qualifier)),
                    format!("“{word}”"),
                )
                .hint("promise the time for the longest case; say when the clock starts, not what it depends on");
            }
        }
    }
}
