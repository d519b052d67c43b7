use super::declare_rule;
use super::meaning::{fee_meaning, meaning_of_fee};
use crate::lint::walk::{fees, timelines};
use crate::model::TimelineKind;
use crate::reading::{Measure, TimeRead, read_time};

/// Whether the words state the given length: the same, or the same but for a basis the
/// words leave unsaid (a column headed "(Working Days)" over cells that say "30 days").
fn words_agree(words: &str, every: bool, given: &Measure) -> Option<bool> {
    let TimeRead::One(read) = read_time(words).ok()?.0 else {
        return None;
    };
    let mut said = read.measure.canonical();
    let given = given.canonical();
    if said.basis.is_none() {
        said.basis = given.basis;
    }
    Some(read.every == every && said == given)
}

declare_rule! {
    MeaningMismatch, "S004", "meaning-mismatch", Warning, fixable: false,
    summary: "A fee or timeline whose words say something else than the meaning given with them.",
    docs: "## What it does
For a fee or timeline written in the long form, with the office's words in `text` and what
they mean in `amount` and `unit` (or `every`, or `cases`), reads the words and reports
those that say something else: another amount, another time.

## Why it matters
The poster prints the words; lint, diff and the page's data use the meaning. When they
differ, the citizen is promised one thing and the office is measured against another.

## Example
```yaml
timeline: {text: 30 days, amount: 7, unit: days}
```

## How to fix
Make the meaning say what the words say, or correct the words if the office's charter has
changed:

```yaml
timeline: {text: 30 days, amount: 30, unit: days, basis: working}
```
",
    check(cx, out) {
        for (place, timeline) in timelines(cx) {
            let Some(written) = &timeline.written else { continue };
            let (TimelineKind::Duration(d) | TimelineKind::Every(d)) = &timeline.kind else {
                continue;
            };
            let every = matches!(timeline.kind, TimelineKind::Every(_));
            let verdicts: Vec<bool> =
                written.all().filter_map(|w| words_agree(w, every, &d.measure)).collect();
            // Words the reader cannot read say nothing against the meaning; words of one
            // language that agree are the source of the meaning (`languages-disagree`
            // compares the languages).
            if !verdicts.is_empty() && !verdicts.contains(&true) {
                out.push(
                    timeline.span,
                    format!("{place} says “{}”, but the meaning given with it is another time", written.all().next().unwrap_or_default()),
                    "the words and the meaning disagree",
                )
                .hint("make `amount`, `unit` and `basis` say what the words say");
            }
        }
        let currency = cx.charter.currency.as_ref().map(|c| c.value.0.clone());
        for (place, fee) in fees(cx) {
            let Some(written) = &fee.written else { continue };
            let Some(meaning) = meaning_of_fee(fee) else { continue };
            let read: Vec<String> = written
                .all()
                .filter_map(|w| fee_meaning(w, currency.as_deref()))
                .collect();
            if !read.is_empty() && !read.contains(&meaning) {
                out.push(
                    fee.span,
                    format!("{place} says “{}”, but the meaning given with it is another fee", written.all().next().unwrap_or_default()),
                    "the words and the meaning disagree",
                )
                .hint("make `amount` (or the cases) say what the words say");
            }
        }
    }
}
