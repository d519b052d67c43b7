//! A services table exported as CSV: one table, read with the register's CSV reader (a
//! comma or semicolon, quoted fields, Windows-1252 lines where a file is not UTF-8), each
//! field's line breaks its lines.

use super::ImportError;
use super::document::{Block, Cell, Document, Line, Place, Table};
use crate::register::csv::Records;

/// The most rows read; a services table has tens.
const MAX_ROWS: usize = 20_000;

pub fn read(bytes: &[u8]) -> Result<Document, ImportError> {
    // Excel's "Unicode Text" is UTF-16: a byte-order mark, or a NUL after every letter.
    let nuls = bytes.iter().take(4096).filter(|b| **b == 0).count();
    if bytes.starts_with(&[0xFF, 0xFE])
        || bytes.starts_with(&[0xFE, 0xFF])
        || nuls * 4 > bytes.len().min(4096)
    {
        return Err(ImportError::Utf16);
    }
    let mut records = Records::new(bytes);
    let mut rows = Vec::new();
    for record in records.by_ref().take(MAX_ROWS) {
        let record = record.map_err(|e| ImportError::Unreadable { why: e.to_string() })?;
        rows.push(
            record
                .fields
                .into_iter()
                .take(64)
                .map(|field| {
                    let at = Place::Csv {
                        line: field.line,
                        column: field.column,
                    };
                    Cell::new(field.text.lines().map(Line::plain).collect(), at)
                })
                .collect(),
        );
    }
    Ok(Document {
        blocks: vec![Block::Table(Table {
            rows,
            name: "the CSV file".to_owned(),
        })],
        own_title: None,
    })
}
