use super::declare_rule;

declare_rule! {
    Undated, "M004", "undated", Warning, fixable: false,
    summary: "A charter with no issue date.",
    docs: "## What it does
Finds charters without `issued:` (the date the charter took effect).

## Why it matters
Citizens and reviewers cannot tell whether the fees and timelines on the wall are current,
and nobody can tell when the charter is due for review.

## Example
The Kitui charter carries neither a date nor an edition.

## How to fix
```yaml
issued: 2025-07-01
edition: 2nd edition
```
",
    check(cx, out) {
        if cx.charter.issued.is_none() {
            let finding = out.push_file("the charter has no issue date");
            if cx.charter.edition.is_none() {
                finding.hint("add `issued:` (such as `2025-07-01`) and `edition:`");
            } else {
                finding.hint("add `issued:` with the date the charter took effect, such as `2025-07-01`");
            }
        }
    }
}
