//! Reported by the engine (`lint::run`) while it reads suppression comments.

use super::declare_rule;

declare_rule! {
    SuppressionWithoutReason, "X002", "suppression-without-reason", Warning, fixable: false,
    summary: "A suppression comment that gives no reason.",
    docs: "## What it does
Finds `# charter: allow RULE` comments without `-- reason`.

## Why it matters
A review workshop needs to know why a weakness was accepted, and whether the reason still
holds at the next review.

## Example
```yaml
timeline: {text: Muda halisi}   # charter: allow timeline-not-measurable
```

## How to fix
Say why after `--`:

```yaml
timeline: {text: Muda halisi}   # charter: allow timeline-not-measurable -- documents are online at all times
```
",
    check(_cx, _out) {
        // Findings come from the engine, which reads the suppression comments.
    }
}
