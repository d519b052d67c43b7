//! A register kept as a spreadsheet (`.xlsx`, `.xlsm`, `.xls`, `.xlsb`, `.ods`), as most
//! offices keep theirs: its first sheet, read into the same records a CSV export gives,
//! each cell with its row and column.
//!
//! A cell is read as the office sees it: text as typed, a whole number without `.0`, and a
//! date or date and time (which a spreadsheet stores as a number of days) written out as
//! `2026-03-02` or `2026-03-02 14:30`, so it is read like any other date.
//!
//! Unlike a CSV file, a workbook is a zip of XML that is read whole. So that no file can
//! take the machine's memory, the file is at most [`MAX_BYTES`], and what it unzips to is
//! counted, by unzipping it, before it is parsed: at most [`MAX_UNZIPPED`] (a zip can
//! claim small sizes and expand to terabytes). A register bigger than that is exported as
//! CSV, which is streamed.

use std::collections::BTreeMap;
use std::io::{Read, Seek};
use std::path::Path;

use calamine::{Data, Reader};

use super::csv::{CsvError, Field, Record};
use super::scan::RecordSource;

/// The largest workbook read.
pub const MAX_BYTES: u64 = 64 * 1024 * 1024;
/// The most its XML may unzip to: some 2 million rows of a register.
pub const MAX_UNZIPPED: u64 = 512 * 1024 * 1024;

/// The endings of the spreadsheets read.
pub const ENDINGS: [&str; 5] = ["xlsx", "xlsm", "xls", "xlsb", "ods"];

/// Whether `path` names a spreadsheet, by its ending.
pub fn is_spreadsheet(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ENDINGS.contains(&e.to_ascii_lowercase().as_str()))
}

/// The rows of a spreadsheet's first sheet, as records.
pub struct SheetRecords {
    rows: std::vec::IntoIter<Record>,
}

impl Iterator for SheetRecords {
    type Item = Result<Record, CsvError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.rows.next().map(Ok)
    }
}

impl RecordSource for SheetRecords {}

impl SheetRecords {
    /// Reads the first sheet of the workbook at `path`; `Err` says why it cannot be, in
    /// words for its owner.
    pub fn open(path: &Path) -> Result<SheetRecords, String> {
        let bytes = crate::files::read(path, MAX_BYTES).map_err(|e| e.to_string())?;
        SheetRecords::from_bytes(bytes)
    }

    pub fn from_bytes(bytes: Vec<u8>) -> Result<SheetRecords, String> {
        // The old binary formats (`.xls`) are not zips: their size is their size.
        if bytes.starts_with(b"PK") {
            check_unzipped(std::io::Cursor::new(&bytes), MAX_UNZIPPED)
                .map_err(|e| e.to_string())?;
        }
        let mut workbook = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes))
            .map_err(|e| format!("it is not a spreadsheet that can be read ({e})"))?;
        let Some(first) = workbook.sheet_names().first().cloned() else {
            return Err("the workbook has no sheet".to_owned());
        };
        let sheet = cells(&mut workbook, &first, MAX_COLUMNS)
            .map_err(|e| format!("its sheet `{first}` cannot be read ({e})"))?;
        let left = sheet
            .values()
            .filter_map(|row| row.keys().next())
            .min()
            .copied()
            .unwrap_or(0);
        let rows: Vec<Record> = sheet
            .into_iter()
            .map(|(row, cells)| {
                let line = u64::from(row) + 1;
                let last = cells.keys().next_back().copied().unwrap_or(left);
                Record {
                    line,
                    fields: (left..=last)
                        .map(|column| Field {
                            text: cells.get(&column).map(text).unwrap_or_default(),
                            line,
                            column: u64::from(column) + 1,
                        })
                        .collect(),
                }
            })
            .collect();
        Ok(SheetRecords {
            rows: rows.into_iter(),
        })
    }
}

/// The columns of a sheet read: a register has tens. A cell far to the right (a stray mark
/// in column XFD) is not read, and costs nothing.
pub const MAX_COLUMNS: u32 = 256;

/// A sheet's cells that hold something, by row and column, in the first `columns` columns.
///
/// Sparse, so that a cell far from the others costs nothing: a 5 kB workbook with one cell
/// at XFD1048576 made calamine's dense grid of the sheet claim 24 GB. Excel's workbooks
/// (`.xlsx`, `.xlsb`) are streamed cell by cell; the others are read whole by calamine,
/// whose grid is bounded by their formats (`.xls`: 65,536 rows of 256 columns; `.ods`:
/// its rows capped by calamine).
pub fn cells<RS: Read + Seek>(
    workbook: &mut calamine::Sheets<RS>,
    name: &str,
    columns: u32,
) -> Result<BTreeMap<u32, BTreeMap<u32, Data>>, String> {
    let mut out: BTreeMap<u32, BTreeMap<u32, Data>> = BTreeMap::new();
    let mut keep = |(row, column): (u32, u32), data: Data| {
        if column < columns && !matches!(data, Data::Empty) {
            out.entry(row).or_default().insert(column, data);
        }
    };
    match workbook {
        calamine::Sheets::Xlsx(xlsx) => {
            let mut reader = xlsx
                .worksheet_cells_reader(name)
                .map_err(|e| e.to_string())?;
            while let Some(cell) = reader.next_cell().map_err(|e| e.to_string())? {
                keep(cell.get_position(), Data::from(cell.get_value().clone()));
            }
        }
        calamine::Sheets::Xlsb(xlsb) => {
            let mut reader = xlsb
                .worksheet_cells_reader(name)
                .map_err(|e| e.to_string())?;
            while let Some(cell) = reader.next_cell().map_err(|e| e.to_string())? {
                keep(cell.get_position(), Data::from(cell.get_value().clone()));
            }
        }
        other => {
            let range = other.worksheet_range(name).map_err(|e| e.to_string())?;
            for (row, column, data) in range.used_cells() {
                let (top, left) = range.start().unwrap_or((0, 0));
                keep((top + row as u32, left + column as u32), data.clone());
            }
        }
    }
    Ok(out)
}

/// Why a zip is not read.
#[derive(Debug)]
pub enum Unzip {
    /// It is not a zip, or a damaged one: what the zip reader said.
    Damaged(String),
    /// It unzips to more than the limit, in bytes.
    TooBig(u64),
}

impl std::fmt::Display for Unzip {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unzip::Damaged(why) => write!(f, "it is not a spreadsheet that can be read ({why})"),
            Unzip::TooBig(limit) => write!(
                f,
                "it unzips to more than {} MB, far more than a register: export it as CSV, \
                 which is read row by row",
                limit / 1024 / 1024
            ),
        }
    }
}

/// Unzips every entry to nowhere, counting, and refuses past `limit` bytes.
pub fn check_unzipped<R: Read + Seek>(zip: R, limit: u64) -> Result<(), Unzip> {
    let damaged = |e: &dyn std::fmt::Display| Unzip::Damaged(e.to_string());
    let mut archive = zip::ZipArchive::new(zip).map_err(|e| damaged(&e))?;
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(|e| damaged(&e))?;
        let left = limit - total;
        let read = std::io::copy(&mut (&mut entry).take(left + 1), &mut std::io::sink())
            .map_err(|e| damaged(&e))?;
        total += read;
        if total > limit {
            return Err(Unzip::TooBig(limit));
        }
    }
    Ok(())
}

/// A cell as the office sees it.
pub fn text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(text) | Data::DateTimeIso(text) | Data::DurationIso(text) => text.clone(),
        Data::Int(n) => n.to_string(),
        Data::Float(f) => number(*f),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(moment) => {
            let days = moment.as_f64();
            // Years 1900 to 9999; outside them the number is shown as it is stored, and
            // refused as a date where a date is wanted.
            if !(1.0..2_958_466.0).contains(&days) || moment.is_duration() {
                return number(days);
            }
            let (year, month, day, hour, minute, _, _) = moment.to_ymd_hms_milli();
            if (hour, minute) == (0, 0) && days.fract() == 0.0 {
                format!("{year:04}-{month:02}-{day:02}")
            } else {
                format!("{year:04}-{month:02}-{day:02} {hour:02}:{minute:02}")
            }
        }
        Data::Error(error) => format!("#{error:?}"),
    }
}

/// A number as a spreadsheet shows it: whole without `.0`, and very large or small ones
/// in scientific notation rather than hundreds of digits.
fn number(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{f:.0}")
    } else if f.abs() >= 1e15 || (f != 0.0 && f.abs() < 1e-6) {
        format!("{f:e}")
    } else {
        f.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_read_as_the_office_sees_them() {
        use calamine::{ExcelDateTime, ExcelDateTimeType};
        let date =
            |v: f64| Data::DateTime(ExcelDateTime::new(v, ExcelDateTimeType::DateTime, false));
        // 46083 is 2 March 2026 in Excel's 1900 system; .6041666 is 14:30.
        assert_eq!(text(&date(46_083.0)), "2026-03-02");
        assert_eq!(text(&date(46_083.604_166_666_7)), "2026-03-02 14:30");
        assert_eq!(text(&date(1e300)), "1e300");
        assert_eq!(text(&date(-5.0)), "-5");
        assert_eq!(text(&Data::Float(3.0)), "3");
        assert_eq!(text(&Data::Float(9.1)), "9.1");
        assert_eq!(text(&Data::Int(12)), "12");
    }

    #[test]
    fn a_zip_that_unzips_to_too_much_is_refused_before_it_is_parsed() {
        use std::io::Write;
        let mut bomb = std::io::Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut bomb);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("xl/worksheets/sheet1.xml", options).unwrap();
        zip.write_all(&vec![b' '; 3 * 1024 * 1024]).unwrap();
        zip.finish().unwrap();
        let bytes = bomb.into_inner();
        assert!(bytes.len() < 64 * 1024, "{}", bytes.len());
        let error = check_unzipped(std::io::Cursor::new(&bytes), 2 * 1024 * 1024)
            .unwrap_err()
            .to_string();
        assert!(error.contains("more than 2 MB"), "{error}");
        assert!(check_unzipped(std::io::Cursor::new(&bytes), 4 * 1024 * 1024).is_ok());
    }

    /// A workbook of one sheet with these cells (`A1`, and so on) holding text, made by
    /// hand as Excel lays one out.
    fn workbook(cells: &[(&str, &str)]) -> Vec<u8> {
        use std::io::Write;
        let mut out = std::io::Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut out);
        let options = zip::write::SimpleFileOptions::default();
        let mut part = |name: &str, text: &str| {
            zip.start_file(name, options).unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        };
        part(
            "[Content_Types].xml",
            r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
        );
        part(
            "_rels/.rels",
            r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
        );
        part(
            "xl/workbook.xml",
            r#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Register" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        );
        part(
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
        );
        let cells: String = cells
            .iter()
            .map(|(at, text)| format!(r#"<c r="{at}" t="inlineStr"><is><t>{text}</t></is></c>"#))
            .collect();
        part(
            "xl/worksheets/sheet1.xml",
            &format!(
                r#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">{cells}</row></sheetData></worksheet>"#
            ),
        );
        zip.finish().unwrap();
        out.into_inner()
    }

    #[test]
    fn a_cell_far_from_the_others_costs_nothing_and_past_the_columns_is_not_read() {
        // One cell at the sheet's last column: calamine's grid of the sheet would be
        // 16,384 columns wide for one row (and 24 GB with the last row too).
        let bytes = workbook(&[("A1", "Service"), ("B1", "Received"), ("XFD1", "stray")]);
        assert!(bytes.len() < 4096);
        let records: Vec<Record> = SheetRecords::from_bytes(bytes)
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert_eq!(records.len(), 1);
        let texts: Vec<&str> = records[0].fields.iter().map(|f| f.text.as_str()).collect();
        assert_eq!(texts, ["Service", "Received"]);
        let bytes = workbook(&[("A1", "Service"), ("IV1", "last read"), ("IW1", "not read")]);
        let records: Vec<Record> = SheetRecords::from_bytes(bytes)
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let fields = &records[0].fields;
        assert_eq!(fields.len(), MAX_COLUMNS as usize);
        assert_eq!(fields.last().unwrap().text, "last read");
    }

    #[test]
    fn what_is_not_a_spreadsheet_says_so() {
        let error = SheetRecords::from_bytes(b"service,received\n".to_vec())
            .err()
            .unwrap();
        assert!(error.contains("not a spreadsheet"), "{error}");
        let error = SheetRecords::from_bytes(b"PK\x03\x04 broken".to_vec())
            .err()
            .unwrap();
        assert!(error.contains("not a spreadsheet"), "{error}");
    }
}
