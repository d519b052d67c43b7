use super::declare_rule;
use super::meaning::{fee_meaning, time_meaning};
use crate::lint::walk::{fees, timelines};
use crate::model::{Text, TextValue};
use crate::reading::{Measure, TimeRead, read_time};

/// A language and its words.
type Version<'a> = (&'a str, &'a str);

/// The first two languages of `text` whose words mean different things.
fn disagreement(
    text: &Text,
    meaning: impl Fn(&str) -> Option<String>,
) -> Option<(Version<'_>, Version<'_>)> {
    let TextValue::Many(versions) = &text.value else {
        return None;
    };
    let read: Vec<(&str, &str, String)> = versions
        .iter()
        .filter_map(|(lang, words)| Some((lang.as_str(), words.as_str(), meaning(words)?)))
        .collect();
    let (first_lang, first_words, first) = read.first()?;
    read.iter()
        .find(|(_, _, m)| m != first)
        .map(|(lang, words, _)| ((*first_lang, *first_words), (*lang, *words)))
}

/// What differs, when it is only whether the days are working days.
fn basis_only(a: &str, b: &str) -> Option<String> {
    let read = |w: &str| match read_time(w).ok()?.0 {
        TimeRead::One(p) => Some(p.measure),
        TimeRead::Cases(_) | TimeRead::Rings(_) => None,
    };
    let (x, y) = (read(a)?, read(b)?);
    (x.basis != y.basis
        && Measure {
            basis: None,
            ..x.canonical()
        } == Measure {
            basis: None,
            ..y.canonical()
        })
    .then(|| "the same number of days, but only one says which days count".to_owned())
}

declare_rule! {
    LanguagesDisagree, "L003", "languages-disagree", Warning, fixable: false,
    summary: "A fee or timeline whose languages promise different things.",
    docs: "## What it does
In a fee or timeline given in each language (`{en: ..., sw: ...}`), reads each language's
words and reports those that mean different things: another amount, another time, working
days in one language and plain days in the other.

## Why it matters
Each language's poster is a promise to its readers. When the English says one day and the
Kiswahili three, one group of citizens is promised less, and an officer can point to
whichever version suits the office.

## Example
The Department of Refugee Services prints row 8 as \"1 Day\" in its English table and
\"Siku tatu\" (three days) in its Kiswahili one:

```yaml
timeline: {en: 1 Day, sw: Siku tatu}
```

## How to fix
Agree on one promise with the office, and write it in both languages:

```yaml
timeline: {en: 1 Day, sw: Siku moja}
```
",
    check(cx, out) {
        for (place, timeline) in timelines(cx) {
            let Some(written) = &timeline.written else { continue };
            if let Some(((a, a_words), (b, b_words))) = disagreement(written, time_meaning) {
                let why = basis_only(a_words, b_words).map_or(String::new(), |w| format!(": {w}"));
                out.push(
                    timeline.span,
                    format!("{place} says “{a_words}” in {a} but “{b_words}” in {b}{why}"),
                    "the languages disagree",
                )
                .hint("write the same promise in every language; check with the office which one it keeps");
            }
        }
        let currency = cx.charter.currency.as_ref().map(|c| c.value.0.clone());
        for (place, fee) in fees(cx) {
            for fee in fee.all() {
                let Some(written) = &fee.written else { continue };
                if let Some(((a, a_words), (b, b_words))) =
                    disagreement(written, |w| fee_meaning(w, currency.as_deref()))
                {
                    out.push(
                        fee.span,
                        format!("{place} says “{a_words}” in {a} but “{b_words}” in {b}"),
                        "the languages disagree",
                    )
                    .hint("write the same fee in every language; check with the office which one it charges");
                }
            }
        }
    }
}
