//! Reading a register row by row, for whatever it is measured against: its heading row
//! found, each row read or left out with why (at the cell concerned, all its problems at
//! once), a request entered twice told by its number, rows outside the period counted
//! apart. What a row is counted into is the caller's: the charter's services
//! (`results.rs`) or the complaint standard (`complaints.rs`).

use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};
use std::io::BufRead;

use jiff::civil::Date;

use super::csv::{CsvError, Record, Records};
use super::limit::{NotMeasured, Unmeasurable};
use super::requests::{Header, HeaderProblem, Kind, Problem, Request};
use super::settings::Reading;

/// The most problems kept in full; past it they are only counted (a register exported
/// wrongly can have a million bad rows, and nobody reads a million messages).
pub const MAX_PROBLEMS: usize = 1000;

/// How far down a register its heading row is looked for.
pub const HEADING_WITHIN: u64 = 10;

/// What the register is measured over.
#[derive(Clone, Copy, Debug)]
pub struct Period {
    /// Requests received from this day (inclusive); all when `None`.
    pub from: Option<Date>,
    /// Requests received up to this day (inclusive); all when `None`.
    pub to: Option<Date>,
    /// The day pending requests are judged on: past their promise by its end, or not.
    pub as_of: Date,
}

/// A register as read.
#[derive(Debug, Default)]
pub struct Scan {
    /// Rows read (the heading row not counted).
    pub rows: u64,
    /// Rows received outside the period.
    pub outside: u64,
    /// The first and last days of receipt of the rows in the period (whether counted or
    /// not): the period the register covers, when none was given.
    pub received: Option<(Date, Date)>,
    /// Rows left out, the first [`MAX_PROBLEMS`] in full.
    pub problems: Vec<RowProblem>,
    /// How many rows were left out in all.
    pub left_out: u64,
    /// The headings not read, as written.
    pub ignored_columns: Vec<String>,
    /// The rows the kept problems are on, by the line each starts on, as read: for
    /// messages to show.
    pub row_texts: BTreeMap<u64, RowText>,
    /// Why the register could not be read to its end, when it could not: the rows before
    /// are counted.
    pub stopped: Option<RegisterError>,
}

/// Where a register's records come from: a CSV file streamed, or a spreadsheet's sheet.
pub trait RecordSource: Iterator<Item = Result<Record, CsvError>> {
    /// From now on, split records as the one read last was (its heading row's separator).
    fn keep_separator(&mut self) {}

    /// The separator records are split at, for showing a row as read.
    fn separator(&self) -> char {
        ','
    }
}

impl<R: BufRead> RecordSource for Records<R> {
    fn keep_separator(&mut self) {
        Records::keep_separator(self);
    }

    fn separator(&self) -> char {
        Records::separator(self)
    }
}

impl Scan {
    /// Reads `records` as a register of `kind`, handing each request received in
    /// `period` to `each`, which counts it or says why it cannot.
    pub fn read(
        mut records: impl RecordSource,
        kind: Kind,
        period: Period,
        reading: &Reading,
        mut each: impl FnMut(&Request) -> Result<(), RowProblem>,
    ) -> Result<Scan, HeaderOrRegister> {
        let records = &mut records;
        // The heading row: the first of the first few that has the columns needed (a
        // spreadsheet often has the office's name and a title above it).
        let mut first_problem = None;
        let header = loop {
            let Some(record) = records.next() else {
                return Err(match first_problem {
                    Some(problem) => HeaderOrRegister::Header(problem),
                    None => HeaderOrRegister::Register(RegisterError::Empty),
                });
            };
            let record = record.map_err(|e| HeaderOrRegister::Register(e.into()))?;
            match Header::find(&record, &reading.headings, kind) {
                Ok(header) => {
                    RecordSource::keep_separator(records);
                    break header;
                }
                Err(problem) => {
                    let problem = first_problem.get_or_insert(problem).clone();
                    if record.line >= HEADING_WITHIN {
                        return Err(HeaderOrRegister::Header(problem));
                    }
                }
            }
        };
        let mut scan = Scan {
            ignored_columns: header.ignored.clone(),
            ..Scan::default()
        };
        let separator = RecordSource::separator(records);
        // The requests' own numbers already seen (hashed), with the line of the first: the
        // one thing that grows with the register, by some 20 bytes a row, and only when it
        // numbers its requests (a row entered twice may be anywhere in it).
        let mut seen: HashMap<u64, u64> = HashMap::new();
        for record in records {
            let record = match record {
                Ok(record) => record,
                Err(error) => {
                    scan.stopped = Some(error.into());
                    break;
                }
            };
            // A spreadsheet's trailing rows come out as `,,,`: nothing, not a bad row.
            if record.fields.iter().all(|f| f.text.trim().is_empty()) {
                continue;
            }
            scan.rows += 1;
            let line = record.line;
            let request = match header.request(&record, reading.order) {
                Ok(request) => request,
                Err(problems) => {
                    scan.leave_out(
                        &record,
                        separator,
                        problems.into_iter().map(RowProblem::Row),
                    );
                    continue;
                }
            };
            if let Some(reference) = &request.reference {
                let key = fingerprint(reference);
                if let Some(&first) = seen.get(&key) {
                    scan.leave_out(&record, separator, [RowProblem::Duplicate { line, first }]);
                    continue;
                }
                seen.insert(key, line);
            }
            let outside = period.from.is_some_and(|from| request.received.date < from)
                || period.to.is_some_and(|to| request.received.date > to);
            if outside {
                scan.outside += 1;
                continue;
            }
            let day = request.received.date;
            scan.received = Some(match scan.received {
                Some((first, last)) => (first.min(day), last.max(day)),
                None => (day, day),
            });
            if let Err(problem) = each(&request) {
                scan.leave_out(&record, separator, [problem]);
            }
        }
        Ok(scan)
    }

    /// Leaves a row out, for the problems given (all of them, up to the limit).
    fn leave_out(
        &mut self,
        record: &Record,
        separator: char,
        problems: impl IntoIterator<Item = RowProblem>,
    ) {
        self.left_out += 1;
        for problem in problems {
            if self.problems.len() < MAX_PROBLEMS {
                self.problems.push(problem);
                self.row_texts
                    .entry(record.line)
                    .or_insert_with(|| RowText::new(record, separator));
            }
        }
    }
}

/// A row left out, and why, at the cell concerned.
#[derive(Debug, PartialEq, Eq)]
pub enum RowProblem {
    /// The row could not be read (blank cells, dates, completed before received).
    Row(Problem),
    /// The service names none of the charter's.
    UnknownService {
        line: u64,
        column: u64,
        service: String,
        suggestion: Option<String>,
    },
    /// A request whose number an earlier row already had.
    Duplicate { line: u64, first: u64 },
    /// The request cannot be measured against its promise.
    NotMeasured {
        line: u64,
        service: String,
        why: NotMeasuredWhy,
    },
}

/// Why a request could not be measured.
#[derive(Debug, PartialEq, Eq)]
pub enum NotMeasuredWhy {
    Request(NotMeasured),
    Promise(Unmeasurable),
}

/// Why the register could not be read at all, or on from some point.
#[derive(Debug, thiserror::Error)]
pub enum RegisterError {
    #[error("the register is empty: it has no heading row")]
    Empty,
    #[error(transparent)]
    Csv(#[from] CsvError),
}

/// A row as read, for a message to show: its cells joined by the register's separator
/// (quoted where they must be, line breaks shown as spaces), and where each cell is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowText {
    pub text: String,
    /// Each cell's line and column in the register, and its bytes in `text`.
    pub cells: Vec<(u64, u64, std::ops::Range<usize>)>,
}

impl RowText {
    fn new(record: &Record, separator: char) -> RowText {
        let mut text = String::new();
        let mut cells = Vec::new();
        for (i, field) in record.fields.iter().enumerate() {
            if i > 0 {
                text.push(separator);
            }
            let quoted = field.text.contains([separator, '"', '\n']);
            let start = text.len();
            if quoted {
                text.push('"');
            }
            for c in field.text.chars() {
                match c {
                    '"' => text.push_str("\"\""),
                    '\n' | '\r' => text.push(' '),
                    c => text.push(c),
                }
            }
            if quoted {
                text.push('"');
            }
            cells.push((field.line, field.column, start..text.len()));
        }
        RowText { text, cells }
    }

    /// The bytes of the cell at `line` and `column`, or the row's end (for a cell the row
    /// is too short to have).
    pub fn cell(&self, line: u64, column: u64) -> std::ops::Range<usize> {
        self.cells
            .iter()
            .find(|(l, c, _)| (*l, *c) == (line, column))
            .map_or(self.text.len()..self.text.len(), |(_, _, range)| {
                range.clone()
            })
    }
}

/// Why the register's first row is not a heading row to work with.
#[derive(Debug)]
pub enum HeaderOrRegister {
    Header(HeaderProblem),
    Register(RegisterError),
}

fn fingerprint(reference: &str) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    reference.trim().hash(&mut hasher);
    hasher.finish()
}
