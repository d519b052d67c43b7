//! Workbooks (`.xlsx`, `.xlsm`, `.xls`, `.xlsb`, `.ods`), read by calamine: every sheet, in
//! order, as one table each, cells as the office sees them (`register::sheet::text`), with
//! the merged areas of an Excel sheet read as merges (calamine reads an OpenDocument
//! sheet's covered cells as empty, which is how a merge reads anyway). A cell's lines are
//! its line breaks (Alt+Enter), which is how offices list requirements in one cell.

use std::collections::HashMap;
use std::io::Cursor;

use calamine::{Reader, Sheets};

use super::ImportError;
use super::document::{Block, Cell, Covered, Document, Line, Place, Table};
use crate::limits::IMPORT_UNZIPPED;
use crate::register::sheet::Unzip;

/// The most sheets, rows and columns read: far beyond any charter's services table, and a
/// bound on the grid built from a sheet that claims a million rows.
const MAX_SHEETS: usize = 64;
const MAX_ROWS: usize = 20_000;
const MAX_COLUMNS: u32 = 64;

pub fn read(bytes: Vec<u8>) -> Result<Document, ImportError> {
    if bytes.starts_with(b"PK") {
        crate::register::sheet::check_unzipped(Cursor::new(&bytes), IMPORT_UNZIPPED).map_err(
            |e| match e {
                Unzip::TooBig(limit) => ImportError::TooBig { limit },
                Unzip::Damaged(_) => ImportError::Damaged { what: "a workbook" },
            },
        )?;
    }
    let mut workbook = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| {
        if e.to_string().to_lowercase().contains("password") {
            ImportError::Protected
        } else {
            ImportError::Damaged { what: "a workbook" }
        }
    })?;
    let mut document = Document::default();
    let names: Vec<String> = workbook
        .sheet_names()
        .into_iter()
        .take(MAX_SHEETS)
        .collect();
    for name in names {
        let cells = crate::register::sheet::cells(&mut workbook, &name, MAX_COLUMNS)
            .map_err(|_| ImportError::Damaged { what: "a workbook" })?;
        let covered = covered(&mut workbook, &name);
        // The rows that hold a value or a merged cell, the first MAX_ROWS of them; every
        // column from the sheet's first used one to its last.
        let mut rows: Vec<u32> = cells
            .keys()
            .chain(covered.keys().map(|(r, _)| r))
            .copied()
            .collect();
        rows.sort_unstable();
        rows.dedup();
        rows.truncate(MAX_ROWS);
        let columns = cells
            .values()
            .flat_map(|row| row.keys())
            .chain(covered.keys().map(|(_, c)| c));
        let (left, right) = columns.fold((u32::MAX, 0), |(l, r), &c| (l.min(c), r.max(c)));
        if rows.is_empty() || left > right {
            continue;
        }
        let grid = rows
            .into_iter()
            .map(|row| {
                (left..=right)
                    .map(|column| {
                        let at = Place::Sheet {
                            sheet: name.clone(),
                            row,
                            column,
                        };
                        match covered.get(&(row, column)) {
                            Some(how) => Cell::covered(*how, at),
                            None => {
                                let text = cells
                                    .get(&row)
                                    .and_then(|r| r.get(&column))
                                    .map(crate::register::sheet::text)
                                    .unwrap_or_default();
                                Cell::new(text.lines().map(Line::plain).collect(), at)
                            }
                        }
                    })
                    .collect()
            })
            .collect();
        document.blocks.push(Block::Table(Table {
            rows: grid,
            name: format!("sheet `{name}`"),
        }));
    }
    Ok(document)
}

/// The cells an Excel sheet's merged areas cover (not their first cell), within the rows
/// and columns read: each area clipped to them, so a merge over the whole sheet costs no
/// more than the cells read.
fn covered(workbook: &mut Sheets<Cursor<Vec<u8>>>, name: &str) -> HashMap<(u32, u32), Covered> {
    let mut out = HashMap::new();
    for m in merges(workbook, name) {
        let rows = m.start.0..=m.end.0.min(MAX_ROWS as u32);
        for row in rows {
            for column in m.start.1..=m.end.1.min(MAX_COLUMNS - 1) {
                if (row, column) == m.start {
                    continue;
                }
                let how = if column > m.start.1 {
                    Covered::Left
                } else {
                    Covered::Above
                };
                out.insert((row, column), how);
            }
            if out.len() > MAX_ROWS * MAX_COLUMNS as usize {
                return out;
            }
        }
    }
    out
}

/// The merged areas of an Excel sheet (none for the others).
fn merges(workbook: &mut Sheets<Cursor<Vec<u8>>>, name: &str) -> Vec<calamine::Dimensions> {
    let merges = match workbook {
        Sheets::Xlsx(xlsx) => xlsx.worksheet_merge_cells(name).and_then(Result::ok),
        Sheets::Xls(xls) => xls.worksheet_merge_cells(name),
        _ => None,
    };
    let mut merges = merges.unwrap_or_default();
    merges.truncate(10_000);
    merges
}
