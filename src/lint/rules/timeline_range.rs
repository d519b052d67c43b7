use super::declare_rule;
use crate::lint::walk::timelines;
use crate::locale::Locale;
use crate::model::TimelineKind;
use crate::reading::Measure;

declare_rule! {
    TimelineRange, "T004", "timeline-range", Warning, fixable: false,
    summary: "A timeline that is a range instead of one commitment.",
    docs: "## What it does
Finds timelines given as a range, such as `5-7 working days`.

## Why it matters
A range lets the office choose which end it meant. The citizen can only rely on the upper
bound, so that is the real commitment.

## Example
```yaml
timeline: 5-7 working days
```

## How to fix
Promise the upper bound:

```yaml
timeline: 7 working days
```
",
    check(cx, out) {
        for (place, timeline) in timelines(cx) {
            if let TimelineKind::Duration(d) = &timeline.kind && let Some(max) = d.max {
                let locale = Locale::get(cx.main_lang()).unwrap_or_else(Locale::fallback);
                let upper = Measure { amount: max, max: None, ..d.measure.clone() };
                out.push(
                    timeline.span,
                    format!("{place} is a range ({}), not one commitment", locale.duration(&d.measure)),
                    "a range",
                )
                .hint(format!(
                    "promise the upper bound, {}, which is what a citizen can rely on",
                    locale.duration(&upper)
                ));
            }
        }
    }
}
