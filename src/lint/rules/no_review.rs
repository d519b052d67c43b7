use super::declare_rule;

declare_rule! {
    NoReview, "M008", "no-review", Warning, fixable: false,
    summary: "A charter that does not say when it will be reviewed.",
    docs: "## What it does
Finds charters without a `review` that gives a date (`due`) or a cycle (`every`).

## Why it matters
A charter is a living promise: fees, offices and laws change. Without a review date nobody
is responsible for noticing that the charter on the wall has gone stale. Tanzanian guidance
asks for a review every one to three years; the Kenyan circular of 2025 asks agencies to
file their current charter with the Ombudsman.

## Example
The Kitui County Office of the Governor charter gives no review date or cycle.

## How to fix
```yaml
review:
  every: 2 years
  due: 2027-07-01
```
",
    check(cx, out) {
        let reviewed = cx.charter.review.as_ref().is_some_and(|r| r.due.is_some() || r.every.is_some());
        if !reviewed {
            out.push_file("the charter does not say when it will be reviewed")
                .hint("add `review:` with `every:` (such as `2 years`) or `due:` (a date)");
        }
    }
}
