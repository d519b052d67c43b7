use std::collections::BTreeMap;

use super::declare_rule;
use crate::lint::walk::fees;
use crate::model::{Fee, FeeKind};

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
        let mut frees: Vec<&Fee> = Vec::new();
        for (_, fee) in fees(cx) {
            collect(fee, &mut frees);
        }
        let mut counts: BTreeMap<String, (usize, String)> = BTreeMap::new();
        for fee in &frees {
            if let FeeKind::Free { word } = &fee.kind {
                let entry = counts.entry(word.to_lowercase()).or_insert((0, word.clone()));
                entry.0 += 1;
            }
        }
        if counts.len() < 2 {
            return;
        }
        // The most common word wins; ties go to the first in the file.
        let first_seen = |key: &str| frees.iter().position(|f| matches!(&f.kind, FeeKind::Free { word } if word.to_lowercase() == key));
        let (majority_key, (_, majority)) = counts
            .iter()
            .max_by(|a, b| a.1.0.cmp(&b.1.0).then(first_seen(b.0).cmp(&first_seen(a.0))))
            .map(|(k, v)| (k.clone(), v.clone()))
            .expect("two or more words");
        // In a charter in several languages, "Bila Malipo" and "Free" may each belong to
        // one language's poster: the finding stands, but no word is replaced automatically.
        let fixable = cx.charter.languages.len() == 1;
        for fee in frees {
            if let FeeKind::Free { word } = &fee.kind && word.to_lowercase() != majority_key {
                let finding = out.push(
                    fee.span,
                    format!("“{word}” says \"no charge\" differently from the rest of the charter, which uses “{majority}”"),
                    format!("elsewhere: “{majority}”"),
                )
                ;
                if fixable {
                    finding
                        .hint(format!("write `{majority}` here too (`charter lint --fix` does it)"))
                        .fix(fee.span, majority.clone());
                } else {
                    finding.hint(format!("write `{majority}` here too"));
                }
            }
        }
    }
}

fn collect<'a>(fee: &'a Fee, out: &mut Vec<&'a Fee>) {
    match &fee.kind {
        FeeKind::Free { .. } => out.push(fee),
        FeeKind::Tiers { tiers } => tiers.iter().for_each(|t| collect(&t.fee, out)),
        _ => {}
    }
}
