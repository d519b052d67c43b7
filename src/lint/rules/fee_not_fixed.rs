use super::declare_rule;
use crate::lint::walk::fees;
use crate::model::FeeKind;

declare_rule! {
    FeeNotFixed, "F001", "fee-not-fixed", Error, fixable: false,
    summary: "A fee explained in words instead of an amount.",
    docs: "## What it does
Finds fees written as text (`fee: {text: ...}`): \"Kesi kwa Kesi\" (case by case), \"as
assessed\", \"as per contract\".

## Why it matters
An open-ended fee is where unofficial payments start: the citizen cannot know whether what
they are asked to pay is right. A charter must state the price, or the rule that sets it.

## Example
The Kitui County Office of the Governor lists several services at `Kesi kwa Kesi`:

```yaml
fee: {text: Kesi kwa Kesi}
```

## How to fix
State the amount, tiers for different applicants, or `free`:

```yaml
fee: KES 1,000
fee: {tiers: [{who: Individuals, fee: KES 500}, {who: Companies, fee: KES 2,000}]}
```
",
    check(cx, out) {
        for (place, fee) in fees(cx) {
            let mut texts = Vec::new();
            collect_texts(&fee.kind, fee.span, &mut texts);
            for (span, text) in texts {
                out.push(span, format!("{place} is not a fixed amount: {}", cx.quote(text)), "not an amount")
                    .hint("state the amount (`KES 1,000`), tiers for different applicants, or `free`");
            }
        }
    }
}

fn collect_texts<'a>(
    kind: &'a FeeKind,
    span: crate::yaml::Span,
    out: &mut Vec<(crate::yaml::Span, &'a crate::model::Text)>,
) {
    match kind {
        FeeKind::Text { text } => out.push((span, text)),
        FeeKind::Tiers { tiers } => {
            for tier in tiers {
                collect_texts(&tier.fee.kind, tier.fee.span, out);
            }
        }
        _ => {}
    }
}
