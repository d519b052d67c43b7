use super::declare_rule;
use crate::lint::walk::timelines;
use crate::model::{TimelineKind, Unit};

declare_rule! {
    DaysWithoutBasis, "T003", "days-without-basis", Warning, fixable: false,
    summary: "Days or weeks without saying working or calendar days.",
    docs: "## What it does
Finds timelines in days or weeks that do not say whether weekends and public holidays count.

## Why it matters
\"Within 7 days\" is 7 days to the citizen and 9 to 11 days to an office that counts only
working days. Kenyan and Tanzanian guidance asks for working days to be stated.

## Example
The Kitui charter promises replies `Ndani ya siku 7` (\"within 7 days\").

## How to fix
Say which days count:

```yaml
timeline: siku 7 za kazi     # 7 working days
timeline: 14 calendar days
```
",
    check(cx, out) {
        for (place, timeline) in timelines(cx) {
            if let TimelineKind::Duration(d) = &timeline.kind
                && matches!(d.unit, Some(Unit::Days | Unit::Weeks))
                && d.basis.is_none()
            {
                out.push(
                    timeline.span,
                    format!("{place} does not say whether it counts working or calendar days"),
                    "working or calendar days?",
                )
                .hint(hint(d.amount, d.unit));
            }
        }
    }
}

/// "write `7 working days` (`siku 7 za kazi`) …", with the timeline's own number and unit.
fn hint(amount: u32, unit: Option<Unit>) -> String {
    let (en, sw) = match unit {
        Some(Unit::Weeks) => ("weeks", "wiki"),
        _ => ("days", "siku"),
    };
    format!(
        "write `{amount} working {en}` (`{sw} {amount} za kazi`) or `{amount} calendar {en}` \
         (`{sw} {amount} za kalenda`)"
    )
}
