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
    // calamine reads no merges of an OpenDocument sheet: they are read from its XML.
    let ods_merges = if bytes.starts_with(b"PK") {
        ods_merges(&bytes)
    } else {
        HashMap::new()
    };
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
        let covered = match ods_merges.get(&name) {
            Some(merges) => clip(merges.iter().copied()),
            None => covered(&mut workbook, &name),
        };
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
    clip(merges(workbook, name).into_iter())
}

/// The cells merged areas cover, each area clipped to the rows and columns read.
fn clip(merges: impl Iterator<Item = calamine::Dimensions>) -> HashMap<(u32, u32), Covered> {
    let mut out = HashMap::new();
    for m in merges {
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

/// The merged areas of each sheet of an OpenDocument workbook (`content.xml`: a cell with
/// `table:number-rows-spanned` or `table:number-columns-spanned`), by sheet name. Rows and
/// cells repeated (`number-rows-repeated`, thousands for a sheet's empty end) are counted,
/// not walked. Empty for anything that is not one.
fn ods_merges(bytes: &[u8]) -> HashMap<String, Vec<calamine::Dimensions>> {
    use std::io::Read;
    const TABLE: &str = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
    let mut out = HashMap::new();
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return out;
    };
    let Ok(entry) = zip.by_name("content.xml") else {
        return out;
    };
    let mut xml = String::new();
    if entry
        .take(IMPORT_UNZIPPED)
        .read_to_string(&mut xml)
        .is_err()
    {
        return out;
    }
    let Ok(tree) = roxmltree::Document::parse(&xml) else {
        return out;
    };
    let number = |n: &roxmltree::Node, name: &str| -> u32 {
        n.attribute((TABLE, name))
            .and_then(|v| v.parse().ok())
            .unwrap_or(1u32)
            .max(1)
    };
    for table in tree
        .descendants()
        .filter(|n| n.has_tag_name((TABLE, "table")))
    {
        let Some(name) = table.attribute((TABLE, "name")) else {
            continue;
        };
        let mut merges = Vec::new();
        let mut row: u32 = 0;
        // The rows of this table, not of a table inside one of its cells.
        let rows = table.descendants().filter(|n| {
            n.has_tag_name((TABLE, "table-row"))
                && n.ancestors()
                    .find(|a| a.has_tag_name((TABLE, "table")))
                    .is_some_and(|a| a == table)
        });
        for tr in rows {
            if row as usize > MAX_ROWS || merges.len() > 10_000 {
                break;
            }
            let mut column: u32 = 0;
            let cells = tr.children().filter(|c| {
                c.has_tag_name((TABLE, "table-cell"))
                    || c.has_tag_name((TABLE, "covered-table-cell"))
            });
            for cell in cells {
                if column >= MAX_COLUMNS {
                    break;
                }
                let (down, across) = (
                    number(&cell, "number-rows-spanned"),
                    number(&cell, "number-columns-spanned"),
                );
                if down > 1 || across > 1 {
                    merges.push(calamine::Dimensions {
                        start: (row, column),
                        end: (
                            row.saturating_add(down - 1),
                            column.saturating_add(across - 1),
                        ),
                    });
                }
                column = column.saturating_add(number(&cell, "number-columns-repeated"));
            }
            row = row.saturating_add(number(&tr, "number-rows-repeated"));
        }
        out.insert(name.to_owned(), merges);
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
