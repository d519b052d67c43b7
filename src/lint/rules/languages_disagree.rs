use super::declare_rule;
use crate::lint::walk::{fees, timelines};
use crate::model::{Text, TextValue};
use crate::reading::{FeeRead, Measure, TimeRead, read_fee, read_time};

/// What one language's words of a timeline mean, for comparing with another's.
fn time_meaning(words: &str) -> Option<String> {
    let describe = |m: &Measure, every: bool| format!("{every}{:?}", m);
    match read_time(words).ok()?.0 {
        TimeRead::One(p) => Some(describe(&p.measure, p.every)),
        TimeRead::Cases(cases) => Some(
            cases
                .iter()
                .map(|(_, p)| describe(&p.measure, p.every))
                .collect::<Vec<_>>()
                .join(";"),
        ),
    }
}

/// What one language's words of a fee mean.
fn fee_meaning(words: &str, currency: Option<&str>) -> Option<String> {
    let one = |read: &FeeRead| match read {
        FeeRead::Free { .. } => "free".to_owned(),
        FeeRead::Amount { money, .. } => format!(
            "{:?} {} {:?} {}",
            money.currency, money.value, money.max, money.at_most
        ),
        FeeRead::Cases(_) => String::new(),
    };
    match read_fee(words, currency).ok()?.0 {
        FeeRead::Cases(cases) => Some(
            cases
                .iter()
                .map(|(_, r)| one(r))
                .collect::<Vec<_>>()
                .join(";"),
        ),
        read => Some(one(&read)),
    }
}

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
                out.push(
                    timeline.span,
                    format!("{place} says “{a_words}” in {a} but “{b_words}” in {b}"),
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
