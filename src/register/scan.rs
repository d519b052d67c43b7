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
use super::requests::{Column, Header, HeaderProblem, Kind, Problem, Request};
use super::settings::Reading;
use super::when::DateOrder;
use crate::diagnostic::Code;

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
    /// Every problem by its code, however many (the first [`MAX_PROBLEMS`] are kept in
    /// full): how many, and the lines of the first ten.
    pub kinds: BTreeMap<Code, Kinds>,
    /// What the numeric dates of receipt say of their order.
    pub dates: DateEvidence,
    /// Lines read as Windows-1252 for not being UTF-8: the first, and how many.
    pub recoded: Option<(u64, u64)>,
}

/// How many problems of one code, and the first lines they are on.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Kinds {
    pub count: u64,
    pub lines: Vec<u64>,
}

/// Whether a register read day first could be month first: its numeric dates (`06/02/2025`)
/// counted by whether their first number could be a month.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DateEvidence {
    /// Dates whose first number is over 12: day first, surely.
    pub day_first: u64,
    /// Dates that read as well either way (`06/02/2025`; not `05/05/2025`).
    pub either: u64,
}

impl DateEvidence {
    fn note(&mut self, text: &str) {
        if let Some((first, second)) = super::when::numeric_parts(text) {
            if first > 12 {
                self.day_first += 1;
            } else if second <= 12 && first != second {
                self.either += 1;
            }
        }
    }

    /// Every numeric date could have been read month first, and some would read
    /// differently: the register may be month first.
    pub fn doubtful(&self) -> bool {
        self.day_first == 0 && self.either > 0
    }
}

/// Where a register's records come from: a CSV file streamed, or a spreadsheet's sheet.
pub trait RecordSource: Iterator<Item = Result<Record, CsvError>> {
    /// From now on, split records as the one read last was (its heading row's separator).
    fn keep_separator(&mut self) {}

    /// The separator records are split at, for showing a row as read.
    fn separator(&self) -> char {
        ','
    }

    /// The lines that were not UTF-8 and were read as Windows-1252: the first, how many.
    fn recoded(&self) -> Option<(u64, u64)> {
        None
    }
}

impl<R: BufRead> RecordSource for Records<R> {
    fn keep_separator(&mut self) {
        Records::keep_separator(self);
    }

    fn separator(&self) -> char {
        Records::separator(self)
    }

    fn recoded(&self) -> Option<(u64, u64)> {
        Records::recoded(self)
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
                    // Of the rows tried, the one that looks most like a heading row is the
                    // one to talk about (a title above it names no column at all).
                    if first_problem
                        .as_ref()
                        .is_none_or(|first: &HeaderProblem| problem.missing() < first.missing())
                    {
                        first_problem = Some(problem);
                    }
                    if record.line >= HEADING_WITHIN {
                        return Err(HeaderOrRegister::Header(
                            first_problem.expect("just set or kept"),
                        ));
                    }
                }
            }
        };
        let mut scan = Scan {
            ignored_columns: header.ignored.clone(),
            ..Scan::default()
        };
        let separator = RecordSource::separator(records);
        // The requests counted, by their own number and day of receipt (hashed), with the
        // line of the first: the one thing that grows with the register, by some 20 bytes
        // a row, and only when it numbers its requests (a row entered twice may be
        // anywhere in it). The day too, since offices start their numbers again each year.
        let mut seen: HashMap<u64, u64> = HashMap::new();
        for record in &mut *records {
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
            let outside = period.from.is_some_and(|from| request.received.date < from)
                || period.to.is_some_and(|to| request.received.date > to);
            if outside {
                scan.outside += 1;
                continue;
            }
            if reading.order == DateOrder::DayFirst
                && let Some(cell) = header.cell_text(&record, Column::Received)
            {
                scan.dates.note(cell);
            }
            // A number typed as a placeholder (`-`, `N/A`) numbers nothing.
            let key = request
                .reference
                .as_deref()
                .filter(|r| is_a_number(r))
                .map(|r| fingerprint(r, request.received.date));
            if let Some(key) = key
                && let Some(&first) = seen.get(&key)
            {
                scan.leave_out(&record, separator, [RowProblem::Duplicate { line, first }]);
                continue;
            }
            let day = request.received.date;
            scan.received = Some(match scan.received {
                Some((first, last)) => (first.min(day), last.max(day)),
                None => (day, day),
            });
            match each(&request) {
                // Only a request counted holds its number: a row left out and entered
                // again, corrected, is not a duplicate of it.
                Ok(()) => {
                    if let Some(key) = key {
                        seen.insert(key, line);
                    }
                }
                Err(problem) => scan.leave_out(&record, separator, [problem]),
            }
        }
        scan.recoded = RecordSource::recoded(records);
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
            let kind = self.kinds.entry(problem.code()).or_default();
            kind.count += 1;
            if kind.lines.len() < 10 && kind.lines.last() != Some(&record.line) {
                kind.lines.push(record.line);
            }
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
    /// The service could be several of the charter's: a number it gives more than one
    /// service (numbered office by office), or a number and a name of two services.
    AmbiguousService {
        line: u64,
        column: u64,
        service: String,
        /// The name the row gives beside the number, when it names another service.
        name: Option<String>,
        /// The services it could be, as `number name`.
        candidates: Vec<String>,
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
                    '\n' | '\r' | '\t' => text.push(' '),
                    // A cell's escape sequences must not reach the terminal.
                    c if c.is_control() => text.push('\u{FFFD}'),
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

fn fingerprint(reference: &str, received: Date) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    reference.trim().hash(&mut hasher);
    received.hash(&mut hasher);
    hasher.finish()
}

/// Whether a request's number is one: it has a letter or a digit, and is not a word for
/// none (`N/A`, `nil`, `hakuna`).
fn is_a_number(reference: &str) -> bool {
    let reference = reference.trim().to_lowercase();
    reference.chars().any(char::is_alphanumeric)
        && !matches!(
            reference.as_str(),
            "n/a" | "na" | "none" | "nil" | "null" | "hakuna" | "wala" | "tbd" | "0"
        )
}
