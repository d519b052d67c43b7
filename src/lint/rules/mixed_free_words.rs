use std::collections::BTreeMap;

use super::declare_rule;
use crate::lint::walk::fees;
use crate::model::{Fee, FeeKind, TextValue};

declare_rule! {
    MixedFreeWords, "F003", "mixed-free-words", Warning, fixable: true,
    summary: "Several different words for \"no charge\" in one charter.",
    docs: "## What it does
Finds charters that say \"no charge\" in several ways (`Free`, `Nil`, `None`, `Bila
Malipo`, `Hakuna`).

## Why it matters
A reader comparing rows wonders whether `Nil` and `Free` mean different things (is `Nil`
\"not yet set\"?). One word, used everywhere, leaves no doubt.

## Example
```yaml
fee: Free
...
fee: Nil
```

## How to fix
Use the charter's most common word everywhere. `charter lint --fix` does this.
",
    check(cx, out) {
        let mut frees: Vec<(&Fee, Option<&str>, &str)> = Vec::new();
        for (_, fee) in fees(cx) {
            for fee in fee.all() {
                if let (FeeKind::Free { .. }, Some((lang, word))) = (&fee.kind, word(fee)) {
                    frees.push((fee, lang, word));
                }
            }
        }
        // Words are compared within a language: "Bure" and "NIL" may each be one
        // language's word in a bilingual charter.
        let mut langs: Vec<Option<&str>> = frees.iter().map(|(_, l, _)| *l).collect();
        langs.sort();
        langs.dedup();
        for lang in langs {
            let same: Vec<&(&Fee, Option<&str>, &str)> = frees.iter().filter(|(_, l, _)| *l == lang).collect();
            report(cx, out, &same);
        }
    }
}

/// The one word a free fee is written with, and its language when it is given per
/// language (`None` when written once).
fn word(fee: &Fee) -> Option<(Option<&str>, &str)> {
    match &fee.written.as_ref()?.value {
        TextValue::One(word) => Some((None, word.as_str())),
        TextValue::Many(many) if many.len() == 1 => {
            Some((Some(many[0].0.as_str()), many[0].1.as_str()))
        }
        TextValue::Many(_) => None,
    }
}

fn report(
    cx: &crate::lint::LintContext,
    out: &mut crate::lint::Findings,
    frees: &[&(&Fee, Option<&str>, &str)],
) {
    let mut counts: BTreeMap<String, (usize, String)> = BTreeMap::new();
    for (_, _, word) in frees {
        let entry = counts
            .entry(word.to_lowercase())
            .or_insert((0, (*word).to_owned()));
        entry.0 += 1;
    }
    if counts.len() < 2 {
        return;
    }
    // The most common word wins; ties go to the first in the file.
    let first_seen = |key: &str| frees.iter().position(|(_, _, w)| w.to_lowercase() == key);
    let (majority_key, (_, majority)) = counts
        .iter()
        .max_by(|a, b| {
            a.1.0
                .cmp(&b.1.0)
                .then(first_seen(b.0).cmp(&first_seen(a.0)))
        })
        .map(|(k, v)| (k.clone(), v.clone()))
        .expect("two or more words");
    // In a charter in several languages, "Bila Malipo" and "Free" may each belong to one
    // language's poster: the finding stands, but no word is replaced automatically.
    let fixable = cx.charter.languages.len() == 1;
    for (fee, _, word) in frees {
        if word.to_lowercase() == majority_key {
            continue;
        }
        let finding = out.push(
            fee.span,
            format!("“{word}” says \"no charge\" differently from the rest of the charter, which uses “{majority}”"),
            format!("elsewhere: “{majority}”"),
        );
        if fixable {
            finding
                .hint(format!(
                    "write `{majority}` here too (`charter lint --fix` does it)"
                ))
                .fix(fee.span, majority.clone());
        } else {
            finding.hint(format!("write `{majority}` here too"));
        }
    }
}
