//! A register's file, opened by what it is: a spreadsheet by its ending (`.xlsx`, `.ods`,
//! …), anything else as CSV, streamed.

use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use super::csv::{CsvError, Record, Records};
use super::scan::RecordSource;
use super::sheet::{SheetRecords, is_spreadsheet};

/// An open register.
pub enum RegisterFile {
    Csv(Records<BufReader<File>>),
    Sheet(SheetRecords),
}

impl RegisterFile {
    /// Opens the register at `path`; `Err` says why it cannot be read, in words.
    pub fn open(path: &Path) -> Result<RegisterFile, String> {
        if is_spreadsheet(path) {
            return SheetRecords::open(path).map(RegisterFile::Sheet);
        }
        let (file, _) = crate::files::open_regular(path).map_err(|e| e.to_string())?;
        Ok(RegisterFile::Csv(Records::new(BufReader::with_capacity(
            256 * 1024,
            file,
        ))))
    }
}

impl Iterator for RegisterFile {
    type Item = Result<Record, CsvError>;

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            RegisterFile::Csv(records) => records.next(),
            RegisterFile::Sheet(rows) => rows.next(),
        }
    }
}

impl RecordSource for RegisterFile {
    fn keep_separator(&mut self) {
        if let RegisterFile::Csv(records) = self {
            records.keep_separator();
        }
    }

    fn separator(&self) -> char {
        match self {
            RegisterFile::Csv(records) => records.separator(),
            RegisterFile::Sheet(_) => ',',
        }
    }

    fn recoded(&self) -> Option<(u64, u64)> {
        match self {
            RegisterFile::Csv(records) => records.recoded(),
            RegisterFile::Sheet(_) => None,
        }
    }
}
