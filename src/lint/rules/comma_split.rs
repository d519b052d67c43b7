use super::declare_rule;
use crate::lint::walk::texts;
use crate::span::Span;

/// Why an item of a `[...]` list looks like the end of the item before it, which a comma
/// in its text cut off: it closes a bracket it did not open, starts with "and" or "or",
/// or is a bare year (`..., Act, 2019`).
fn fragment(item: &str) -> Option<&'static str> {
    let item = item.trim();
    if item.matches(')').count() > item.matches('(').count() {
        return Some("it closes a bracket opened in the item before it");
    }
    let lower = item.to_lowercase();
    if ["and ", "or ", "& "].iter().any(|w| lower.starts_with(w)) {
        return Some("it starts with a word that joins it to the item before it");
    }
    if item.len() == 4 && item.chars().all(|c| c.is_ascii_digit()) {
        return Some("it is a year on its own");
    }
    None
}

/// Whether the value at `span` is an item after a comma in a `[...]` list on its line.
fn after_comma_in_flow_list(source: &str, span: Span) -> bool {
    let Some(before) = source.get(..span.offset) else {
        return false;
    };
    let line = &before[before.rfind('\n').map_or(0, |i| i + 1)..];
    line.trim_end().ends_with(',') && line.contains('[')
}

declare_rule! {
    CommaSplit, "S003", "comma-split", Warning, fixable: false,
    summary: "A list item cut in two by a comma inside `[ ]`.",
    docs: "## What it does
In a list written in brackets (`[a, b, c]`), finds items that look like the end of the
item before them: one that closes a bracket it did not open, starts with \"and\" or \"or\",
or is a year on its own.

## Why it matters
Inside `[ ]` every comma starts a new item, so a comma in an item's own text cuts it in
two. `[Social Media (Twitter, Facebook, and You Tube)]` becomes three requirements,
\"Social Media (Twitter\", \"Facebook\" and \"and You Tube)\", and the poster prints them as
three. `check` cannot tell: each piece is valid text.

## Example
```yaml
requirements: [Social Media (Twitter, Facebook, and You Tube)]
```

## How to fix
Put the item in quotes, or write the list one item a line:

```yaml
requirements: [\"Social Media (Twitter, Facebook, and You Tube)\"]
requirements:
  - Social Media (Twitter, Facebook, and You Tube)
```
",
    check(cx, out) {
        let source = &cx.source.text;
        for (place, text) in texts(cx) {
            if !after_comma_in_flow_list(source, text.span) {
                continue;
            }
            let Some(why) = text.all().find_map(fragment) else { continue };
            out.push(
                text.span,
                format!("{place} looks like the end of the item before it: {why}"),
                "a comma may have cut an item in two",
            )
            .hint("inside `[ ]` a comma starts a new item: put the item in quotes, or write the list one item a line");
        }
    }
}
