use super::declare_rule;
use crate::model::RowNumber;

declare_rule! {
    Numbering, "S002", "numbering", Warning, fixable: false,
    summary: "Row numbers that repeat or skip.",
    docs: "## What it does
Finds services whose `number:` repeats an earlier one or skips ahead. Each group of services
(`group:`) is numbered on its own, as charters that group services by office number them;
numbers with levels (`9.1.1`, `9.1.2`, then `9.2.1`) are counted within their section.

## Why it matters
Numbers are how citizens and staff refer to a service (\"item 9 on the charter\"). Repeated
or missing numbers usually mean a row was lost or pasted twice when the charter was edited.

## Example
A charter numbered 8, 9, 8, 9.

## How to fix
Renumber the rows, and check that no service went missing. Or leave `number:` out: posters
number the rows themselves.
",
    check(cx, out) {
        for (group, services) in cx.charter.services.runs() {
            let section = group.and_then(|g| g.number.as_ref()).map(|n| &n.value);
            let mut expected: Option<RowNumber> = None;
            let mut seen: Vec<&[u32]> = Vec::new();
            for service in services {
                let Some(number) = &service.number else { continue };
                let n = &number.value;
                // Numbered within sections (`9.1.1`, then `9.2.1`): a row follows the one
                // before it in its section, and a new section starts at 1.
                let want = match &expected {
                    Some(want) if want.section() == n.section() => Some(want.clone()),
                    Some(_) if n.parts.len() > 1 && !seen.iter().any(|s| s.starts_with(n.section())) => {
                        Some(RowNumber::first_of(n.section()))
                    }
                    _ => None,
                };
                if seen.contains(&n.parts.as_slice()) {
                    out.push(number.span, format!("row number {n} is used twice"), "already used")
                        .hint("renumber the rows, and check that no service was pasted twice");
                } else if let Some(group) = section
                    && n.parts.len() > 1
                    && n.section() != group.parts.as_slice()
                {
                    out.push(number.span, format!("row number {n} is not in the section of its group, {group}"), format!("expected {group}.…"))
                        .hint("renumber the row, or move it to the group it belongs to");
                } else if let Some(want) = want && n.parts != want.parts {
                    out.push(number.span, format!("row number {n} comes where {want} was expected"), format!("expected {want}"))
                        .hint("renumber the rows, and check that no service went missing");
                }
                seen.push(&n.parts);
                expected = Some(n.next());
            }
        }
    }
}
