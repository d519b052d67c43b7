use super::declare_rule;
use crate::lint::walk::fees;
use crate::model::{Fee, FeeKind};

declare_rule! {
    FeeWithoutCurrency, "F002", "fee-without-currency", Warning, fixable: false,
    summary: "An amount with no currency.",
    docs: "## What it does
Finds amounts that give no currency, when the charter has no `currency:` either.

## Why it matters
`5,000/=` is clear at the counter in Nairobi, but a charter is also read online, by
visitors, and by reviewers comparing offices across borders.

## Example
```yaml
fee: 5,000/=
```

## How to fix
Write the currency with the amount (`KES 5,000`), or once at the top of the charter:

```yaml
currency: KES
```
",
    check(cx, out) {
        for (place, fee) in fees(cx) {
            visit(fee, place, out);
        }
    }
}

fn visit(fee: &Fee, place: &str, out: &mut crate::lint::Findings) {
    match &fee.kind {
        FeeKind::Amount(amount) if amount.currency.is_none() => {
            out.push(
                fee.span,
                format!("{place} has no currency"),
                "which currency?",
            )
            .hint("write it with the amount (`KES 5,000`) or once at the top: `currency: KES`");
        }
        FeeKind::Tiers { tiers } => tiers.iter().for_each(|t| visit(&t.fee, place, out)),
        _ => {}
    }
}
