use super::declare_rule;
use crate::lint::walk::{fees, services, timelines};
use crate::lint::words::{first_in, words};
use crate::model::{FeeKind, TimelineKind};
use crate::reading::{FeeRead, currency_for, read_fee};

declare_rule! {
    WrongColumn, "F004", "wrong-column", Warning, fixable: false,
    summary: "A value that belongs in another column of the services table.",
    docs: "## What it does
Finds values that look like they were typed in the wrong column: a frequency such as
\"Quarterly\" as a fee, a price as a timeline, or an amount among the requirements.

## Why it matters
Charters are often typed into a Word table and rows slip. The citizen then reads
\"Quarterly\" as the price and does not learn what the service costs.

## Example
A published charter lists `Quarterly` under Cost.

```yaml
fee: {text: Quarterly}
```

## How to fix
Move the value to its field (`timeline:`, `fee:` or `requirements:`), and fill the field it
was in.
",
    check(cx, out) {
        for (place, fee) in fees(cx) {
            if let (FeeKind::Vague, Some(text)) = (&fee.kind, &fee.written)
                && let Some(word) = text.all().find_map(|t| {
                    first_in(&words().frequencies, &t.to_lowercase())
                })
            {
                out.push(fee.span, format!("{place} is a frequency (“{word}”), not a price"), "belongs in another field")
                    .hint("put how often in the description or timeline, and the price in `fee:`");
            }
        }
        for (place, timeline) in timelines(cx) {
            if let (TimelineKind::Vague, Some(text)) = (&timeline.kind, &timeline.written)
                && text.all().any(is_priced)
            {
                out.push(timeline.span, format!("{place} looks like a fee: {}", cx.quote(text)), "belongs in `fee:`")
                    .hint("move the amount to `fee:` and give the timeline a duration");
            }
        }
        for s in services(cx) {
            for requirement in &s.service.requirements {
                if requirement.item.all().any(is_priced) {
                    out.push(
                        requirement.item.span,
                        format!("a requirement of {} looks like a fee: {}", s.label, cx.quote(&requirement.item)),
                        "belongs in `fee:`",
                    )
                    .hint("move the amount to the service's `fee:`");
                }
            }
        }
    }
}

/// A text that is an amount with its currency, and nothing before it (`KES 500 per copy`,
/// not `Proof of payment of KES 500`).
fn is_priced(text: &str) -> bool {
    let first = text.split_whitespace().next().unwrap_or_default();
    let leads = first.starts_with(|c: char| c.is_ascii_digit())
        || currency_for(
            first.trim_end_matches(|c: char| c.is_ascii_digit() || c == ','),
            None,
        )
        .is_some();
    leads
        && matches!(read_fee(text, None), Ok((FeeRead::Amount { money, .. }, _)) if money.currency.is_some())
}
