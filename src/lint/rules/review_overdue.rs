use super::declare_rule;
use crate::model::{TimelineKind, Unit};

declare_rule! {
    ReviewOverdue, "M005", "review-overdue", Warning, fixable: false,
    summary: "A charter whose review date has passed.",
    docs: "## What it does
Finds charters whose `review.due` date has passed, or whose issue date plus `review.every`
has passed.

## Why it matters
Fees, offices and laws change; a charter past its review promises what the office may no
longer do. Tanzanian guidance asks for a review every one to three years.

## Example
The Kilosa District Council charter was signed in September 2012 and promises a review
every year (`kila mwaka`).

## How to fix
Review the charter with its customers, then update `issued:` and `review.due:`.
",
    check(cx, out) {
        let Some(review) = &cx.charter.review else { return };
        if let Some(due) = &review.due {
            if due.value.0 < cx.today {
                out.push(due.span, format!("the charter's review was due on {}", due.value.0), "this date has passed")
                    .hint("review the charter with its customers, then update `issued:` and `review.due:`");
            }
            return;
        }
        let (Some(issued), Some(every)) = (&cx.charter.issued, &review.every) else { return };
        let TimelineKind::Duration(d) = &every.kind else { return };
        let n = i64::from(d.max.unwrap_or(d.amount));
        let span = match d.unit {
            Some(Unit::Years) => jiff::Span::new().years(n),
            Some(Unit::Months) => jiff::Span::new().months(n),
            Some(Unit::Weeks) => jiff::Span::new().weeks(n),
            Some(Unit::Days) => jiff::Span::new().days(n),
            _ => return,
        };
        let Ok(due) = issued.value.0.checked_add(span) else { return };
        if due < cx.today {
            out.push(
                every.span,
                format!("the charter was issued on {} and is reviewed every {}, so a review was due by {due}", issued.value.0, every_words(d.amount, d.unit)),
                "a review is overdue",
            )
            .hint("review the charter with its customers, then update `issued:`");
        }
    }
}

fn every_words(n: u32, unit: Option<Unit>) -> String {
    let unit = match unit {
        Some(Unit::Years) => "year",
        Some(Unit::Months) => "month",
        Some(Unit::Weeks) => "week",
        _ => "day",
    };
    if n == 1 {
        unit.to_owned()
    } else {
        format!("{n} {unit}s")
    }
}
