//! Reported by the engine (`lint::run`), which alone knows which suppressions were used.

use super::declare_rule;

declare_rule! {
    UnusedSuppression, "X001", "unused-suppression", Warning, fixable: false,
    summary: "A suppression comment that excuses nothing.",
    docs: "## What it does
Finds `# charter: allow RULE` comments that did not suppress any finding, because the
problem was fixed, the comment is on the wrong line, or the rule's name is misspelt.

## Why it matters
Stale suppressions hide the next real problem on that line and mislead the next reviewer
about what was excused and why.

## Example
```yaml
fee: KES 500   # charter: allow fee-not-fixed -- was case by case
```

## How to fix
Remove the comment, or move it to the line it is meant for.
",
    check(_cx, _out) {
        // Findings come from the engine after every other rule has run.
    }
}
