//! Workbooks (`.xlsx`, `.xlsm`, `.xls`, `.xlsb`, `.ods`), read by calamine: every sheet, in
//! order, as one table each, cells as the office sees them (`register::sheet::text`), with
//! the merged areas of an Excel sheet read as merges (calamine reads an OpenDocument
//! sheet's covered cells as empty, which is how a merge reads anyway). A cell's lines are
//! its line breaks (Alt+Enter), which is how offices list requirements in one cell.

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
const MAX_COLUMNS: usize = 64;

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
        let Ok(range) = workbook.worksheet_range(&name) else {
            return Err(ImportError::Damaged { what: "a workbook" });
        };
        let merges = merges(&mut workbook, &name);
        let (top, left) = range.start().unwrap_or((0, 0));
        let mut rows = Vec::new();
        for (i, cells) in range.rows().take(MAX_ROWS).enumerate() {
            let row = top + i as u32;
            let mut out = Vec::new();
            for (j, data) in cells.iter().take(MAX_COLUMNS).enumerate() {
                let column = left + j as u32;
                let at = Place::Sheet {
                    sheet: name.clone(),
                    row,
                    column,
                };
                let covered = merges.iter().find_map(|m| {
                    let inside = (m.start.0..=m.end.0).contains(&row)
                        && (m.start.1..=m.end.1).contains(&column);
                    if !inside || (row, column) == m.start {
                        None
                    } else if column > m.start.1 {
                        Some(Covered::Left)
                    } else {
                        Some(Covered::Above)
                    }
                });
                out.push(match covered {
                    Some(how) => Cell::covered(how, at),
                    None => {
                        let text = crate::register::sheet::text(data);
                        Cell::new(text.lines().map(Line::plain).collect(), at)
                    }
                });
            }
            rows.push(out);
        }
        document.blocks.push(Block::Table(Table {
            rows,
            name: format!("sheet `{name}`"),
        }));
    }
    Ok(document)
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
