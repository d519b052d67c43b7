use super::declare_rule;
use crate::lint::walk::services;
use crate::model::Text;

/// The longest text that fits a services-table cell on an A2 poster at a readable size.
const NAME_LIMIT: usize = 160;
const REQUIREMENT_LIMIT: usize = 200;

declare_rule! {
    CellTooLong, "L002", "cell-too-long", Info, fixable: false,
    summary: "A service name or requirement too long for a poster cell.",
    docs: "## What it does
Finds service names longer than 160 characters and requirements longer than 200 (a cell
written on several lines counts its longest line).

## Why it matters
A wall chart is read from one or two metres. Long cells force small type or push the
poster onto a second sheet, and nobody reads a paragraph on a wall.

## Example
A service \"name\" that explains the whole procedure.

## How to fix
Keep the name short and move the explanation to `description:` (printed in the handbook
and on the web page).
",
    check(cx, out) {
        for s in services(cx) {
            flag(&s.service.name, NAME_LIMIT, &format!("the name of {}", s.label), out);
            for r in &s.service.requirements {
                flag(&r.item, REQUIREMENT_LIMIT, &format!("a requirement of {}", s.label), out);
            }
        }
    }
}

fn flag(text: &Text, limit: usize, place: &str, out: &mut crate::lint::Findings) {
    // A cell the office wrote on several lines (a heading and its list) is as long as its
    // longest line.
    let longest = text
        .all()
        .flat_map(str::lines)
        .map(|line| line.chars().count())
        .max()
        .unwrap_or(0);
    if longest > limit {
        out.push(
            text.span,
            format!("{place} is {longest} characters long"),
            format!("more than {limit} characters"),
        )
        .hint("keep it short and move the explanation to `description:`");
    }
}
