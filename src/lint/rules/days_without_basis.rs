use super::declare_rule;
use crate::lint::walk::timelines;
use crate::locale::Locale;
use crate::model::{Basis, TimelineKind, Unit};
use crate::reading::Measure;

declare_rule! {
    DaysWithoutBasis, "T003", "days-without-basis", Warning, fixable: false,
    summary: "Days without saying working or calendar days.",
    docs: "## What it does
Finds timelines in days that do not say whether weekends and public holidays count. (A
week is seven days either way, and zero time, `Immediately` or `Same day`, needs no basis.)

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
        for (place, t) in timelines(cx) {
            let TimelineKind::Duration(d) = &t.kind else { continue };
            let days = d.unit == Some(Unit::Days) || d.plus.iter().any(|(_, u)| *u == Unit::Days);
            if !days || d.basis.is_some() || d.measure.is_zero() {
                continue;
            }
            out.push(
                t.span,
                format!("{place} does not say whether it counts working or calendar days"),
                "working or calendar days?",
            )
            .hint(hint(&d.measure, cx));
        }
    }
}

/// "write `7 working days` or `7 calendar days`", with the timeline's own numbers, in the
/// charter's languages.
fn hint(measure: &Measure, cx: &crate::lint::LintContext) -> String {
    let with = |basis| Measure {
        basis: Some(basis),
        ..measure.clone()
    };
    let ways: Vec<String> = [Basis::Working, Basis::Calendar]
        .into_iter()
        .map(|basis| {
            cx.charter
                .languages
                .iter()
                .map(|lang| {
                    let locale = Locale::get(lang.as_str()).unwrap_or_else(Locale::fallback);
                    format!("`{}`", locale.duration(&with(basis)))
                })
                .collect::<Vec<_>>()
                .join(" / ")
        })
        .collect();
    format!(
        "write {} or {}; or keep the office's words in `text` and add `amount`, `unit` and \
         `basis`",
        ways[0], ways[1]
    )
}
