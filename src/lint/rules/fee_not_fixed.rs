use super::declare_rule;
use crate::lint::walk::fees;
use crate::model::{Amount, FeeKind};

declare_rule! {
    FeeNotFixed, "F001", "fee-not-fixed", Error, fixable: false,
    summary: "A fee explained in words instead of an amount.",
    docs: "## What it does
Finds fees that state no amount (`fee: {text: ...}`): \"Kesi kwa Kesi\" (case by case),
\"as assessed\", \"as per contract\"; and ranges (`KES 1,000 - 5,000`).

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
            for fee in fee.all() {
                match &fee.kind {
                    FeeKind::Vague => {
                        let Some(text) = &fee.written else { continue };
                        out.push(fee.span, format!("{place} is not a fixed amount: {}", cx.quote(text)), "not an amount")
                            .hint("state the amount (`KES 1,000`), tiers for different applicants, or `free`");
                    }
                    FeeKind::Amount(Amount { value, max: Some(max), .. }) => {
                        out.push(fee.span, format!("{place} is a range ({value} to {max}), not a fixed amount"), "a range")
                            .hint("state the amount each applicant pays, as tiers or cases");
                    }
                    _ => {}
                }
            }
        }
    }
}
