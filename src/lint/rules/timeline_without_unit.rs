use super::declare_rule;
use crate::lint::walk::timelines;
use crate::model::TimelineKind;

declare_rule! {
    TimelineWithoutUnit, "T002", "timeline-without-unit", Error, fixable: false,
    summary: "A timeline that is a bare number, with no unit.",
    docs: "## What it does
Finds timelines that are only a number, such as `15`.

## Why it matters
Fifteen minutes, hours or days? The citizen cannot know what was promised, and the office
cannot be held to it.

## Example
Published charters print `15` alone in the timeline column:

```yaml
timeline: 15
```

## How to fix
Add the unit, and for days whether they are working or calendar days:

```yaml
timeline: 15 working days
```
",
    check(cx, out) {
        for (place, timeline) in timelines(cx) {
            if let TimelineKind::Duration(d) = &timeline.kind && d.unit.is_none() {
                out.push(
                    timeline.span,
                    format!("{place} is the number {} with no unit", d.amount),
                    "minutes, hours or days?",
                )
                .hint(format!("write the unit, for example `{} working days`", d.amount));
            }
        }
    }
}
