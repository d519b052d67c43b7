use super::declare_rule;
use crate::lint::walk::timelines;
use crate::model::TimelineKind;

/// Words that make a commitment depend on something the citizen cannot check.
pub const CONDITIONS: &[&str] = &[
    "depending",
    "depends",
    "subject to",
    "where possible",
    "if possible",
    "as soon as",
    "kulingana na",
    "inategemea",
    "kutegemea",
    "iwezekanavyo",
    "ikiwezekana",
    "kadri",
];

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
                    .find_map(|q| CONDITIONS.iter().find(|c| q.to_lowercase().contains(**c)))
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
