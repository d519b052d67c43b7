use super::declare_rule;

declare_rule! {
    EmptySection, "M007", "empty-section", Warning, fixable: false,
    summary: "A section with a heading but nothing in it.",
    docs: "## What it does
Finds sections that are present but empty: rights or duties with no points, a group of
standards with no standards, a customer group with nothing they may expect.

## Why it matters
An empty heading on a poster reads as a promise left out, and usually is one: the text was
lost when the charter was retyped.

## Example
```yaml
rights:
  title: Haki za Wateja
```

## How to fix
Fill the section in, or remove it.
",
    check(cx, out) {
        let charter = cx.charter;
        for (name, section) in [
            ("purpose", &charter.purpose),
            ("objectives", &charter.objectives),
            ("rights", &charter.rights),
            ("duties", &charter.duties),
            ("reporting", &charter.reporting),
        ] {
            if let Some(section) = section
                && section.text.0.is_empty()
                && section.points.is_empty()
            {
                out.push(section.span, format!("the `{name}` section is empty"), "nothing here")
                    .hint("fill it in, or remove it");
            }
        }
        for group in &charter.standards {
            if group.items.is_empty() && group.text.0.is_empty() {
                let message = match &group.group {
                    Some(name) => format!("the group of standards {} is empty", cx.quote(name)),
                    None => "a group of standards is empty".to_owned(),
                };
                match &group.group {
                    Some(name) => out.push(name.span, message, "no standards under it"),
                    None => out.push_file(message),
                }
                .hint("list the standards under `items:`, or remove the group");
            }
        }
        // A plain list of customer groups is a list, not groups left empty: only when some
        // groups say what they may expect is one that says nothing reported.
        let some_expect = charter.customers.iter().any(|c| !c.expects.is_empty());
        for customers in &charter.customers {
            if some_expect && customers.expects.is_empty() {
                out.push(
                    customers.group.span,
                    format!("the customer group {} has nothing they may expect", cx.quote(&customers.group)),
                    "no `expects:`",
                )
                .hint("list what this group may expect under `expects:`");
            }
        }
    }
}
