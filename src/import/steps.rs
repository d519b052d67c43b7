//! A Philippine service's table, as the ARTA template lays it out: the fields ("Office or
//! Division:", "Classification:", "Type of Transaction:", "Who may avail:"), the checklist
//! of requirements with where to secure each, then the steps (client steps, agency
//! actions, fees to be paid, processing time, person responsible) and the TOTAL row, which
//! gives the service's fee and time.

use super::document::{Cell, Covered, Table};
use super::headings::{Key, classify};
use super::imported::{Found, Requirement, Service, Step, append};
use super::services::{Header, find_header};

/// The heading row of a step table in `table`.
pub fn find(table: &Table) -> Option<Header> {
    find_header(table, Key::STEP_COLUMNS, &[Key::Client, Key::Agency], 3)
}

/// Reads the service in `table`, whose step headings are `steps`; `service` holds what the
/// document gave before the table (its name, its description). The texts of rows that are
/// none of these are returned, to be kept as comments; the headings of its fields and of
/// its checklist are added to `labels`.
pub fn read(
    table: &Table,
    steps: &Header,
    service: &mut Service,
    labels: &mut Vec<(&'static str, Found<String>)>,
) -> Vec<Found<String>> {
    let mut left = Vec::new();
    let mut checklist: Option<(usize, Option<usize>)> = None;
    for (r, row) in table.rows.iter().enumerate().take(steps.row) {
        let cells: Vec<(usize, &Cell)> = row
            .iter()
            .enumerate()
            .filter(|(_, c)| !c.is_empty())
            .collect();
        let Some(&(first, cell)) = cells.first() else {
            continue;
        };
        let heading = cell.text();
        let value = cells.get(1).map(|(_, c)| *c);
        if let Some(m) = classify(&heading, Key::FIELDS)
            && let Some(value) = value
        {
            if let Some(label) = m.key.label() {
                labels.push((label, Found::new(heading.clone(), cell.at.clone())));
            }
            // A type of transaction a line ("G2B - …", "G2C - …") stays one a line.
            let text = if m.key == Key::Transaction {
                lines(value)
            } else {
                value.text()
            };
            let found = Found::new(text, value.at.clone());
            let slot = match m.key {
                Key::Office => &mut service.office,
                Key::Classification => &mut service.classification,
                Key::Transaction => &mut service.transaction,
                _ => &mut service.audience,
            };
            *slot = Some(found);
            continue;
        }
        if classify(&heading, &[Key::Requirements]).is_some() {
            labels.push(("requirements", Found::new(heading.clone(), cell.at.clone())));
            let from = cells
                .get(1)
                .filter(|(_, c)| classify(&c.text(), &[Key::From]).is_some());
            if let Some((_, c)) = from {
                labels.push(("from", Found::new(c.text(), c.at.clone())));
            }
            let from = from.map(|(c, _)| *c);
            checklist = Some((first, from));
            continue;
        }
        if let Some((item_col, from_col)) = checklist {
            let item = row.get(item_col).filter(|c| !c.is_empty());
            let from = from_col.and_then(|c| row.get(c)).filter(|c| !c.is_empty());
            if let Some(item) = item {
                service.requirements.push(Requirement {
                    item: Found::new(lines(item), item.at.clone()),
                    from: from.map(|f| Found::new(lines(f), f.at.clone())),
                });
                continue;
            }
        }
        // The name, and the description under it, in rows of their own at the top of the
        // table, before its fields.
        let fields_started = service.office.is_some()
            || service.classification.is_some()
            || service.transaction.is_some()
            || service.audience.is_some()
            || checklist.is_some();
        if cells.len() == 1 && !fields_started {
            if service.name.is_none() && r == 0 {
                let (number, name) = match super::split::numbering(&heading) {
                    Some((mark, rest)) => (super::split::service_number(mark), rest.to_owned()),
                    None => (None, heading),
                };
                service.number = number;
                service.name = Some(Found::new(name, cell.at.clone()));
            } else {
                append(
                    &mut service.description,
                    Found::new(lines(cell), cell.at.clone()),
                    '\n',
                );
            }
            continue;
        }
        for (_, cell) in cells {
            left.push(Found::new(cell.text(), cell.at.clone()));
        }
    }
    let column = |key: Key| {
        steps
            .columns
            .iter()
            .position(|(_, m)| m.is_some_and(|m| m.key == key))
    };
    let cell = |row: &[Cell], key: Key| -> Option<Found<String>> {
        let c = row.get(column(key)?)?;
        (!c.is_empty()).then(|| Found::new(lines(c), c.at.clone()))
    };
    let mut total = false;
    for row in table.rows.iter().skip(steps.row + 1) {
        let first = row.iter().find(|c| !c.is_empty() && c.covered.is_none());
        let Some(first) = first else { continue };
        if total {
            left.extend(
                row.iter()
                    .filter(|c| !c.is_empty())
                    .map(|c| Found::new(c.text(), c.at.clone())),
            );
            continue;
        }
        if classify(&first.text(), &[Key::Total]).is_some() {
            service.fee = cell(row, Key::Fee).map(one_line);
            service.timeline = cell(row, Key::Timeline).map(one_line);
            total = true;
            continue;
        }
        let client = column(Key::Client).and_then(|c| row.get(c));
        let step = Step {
            client: client
                .filter(|c| c.covered != Some(Covered::Above))
                .and_then(|_| cell(row, Key::Client)),
            agency: cell(row, Key::Agency),
            fee: cell(row, Key::Fee).map(one_line),
            time: cell(row, Key::Timeline).map(one_line),
            responsible: cell(row, Key::Responsible),
        };
        if step != Step::default() {
            service.steps.push(step);
        }
    }
    left
}

/// A cell's lines, kept as lines: a step's text is printed as the office broke it.
fn lines(cell: &Cell) -> String {
    cell.lines
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

/// A fee or time on one line, to be read.
fn one_line(found: Found<String>) -> Found<String> {
    Found::new(found.value.replace('\n', " "), found.at)
}
