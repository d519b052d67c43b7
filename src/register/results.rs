//! A request register measured against a charter's promises: the results report's data,
//! built once from the charter, the country's calendar and the register read as it
//! streams (issue 17).
//!
//! Every row is counted or said to be left out, and why: a row that cannot be read, a
//! service the charter does not have (with the nearest one it has), a duplicate, a row
//! received outside the period, a request that cannot be measured (a date past the years
//! whose holidays are known, an hours promise without times). A service whose promise
//! cannot be measured (`{text: ...}`, a frequency) is listed with why, not dropped.

use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};
use std::io::BufRead;

use jiff::civil::Date;

use super::csv::{CsvError, Record, Records};
use super::limit::{Limit, NotMeasured, Unmeasurable};
use super::requests::{Header, HeaderProblem, Problem, Request};
use super::settings::Reading;
use super::tally::Tally;
use crate::calendar::Calendar;
use crate::model::{Charter, Service};

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

/// One service's results.
#[derive(Debug)]
pub struct ServiceResult<'c> {
    pub service: &'c Service,
    /// Its number in the charter, or its name when it has none: how registers name it.
    pub key: String,
    /// What it is measured against, or why it cannot be.
    pub limit: Result<Limit, Unmeasurable>,
    pub tally: Tally,
    /// Requests of a service whose promise cannot be measured: counted, not timed.
    pub unmeasured: u64,
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

/// The results of a register, for every output to show.
#[derive(Debug)]
pub struct Results<'c> {
    pub services: Vec<ServiceResult<'c>>,
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

impl<'c> Results<'c> {
    /// Reads `register` and measures each row against `charter`'s promises.
    pub fn measure<R: BufRead>(
        charter: &'c Charter,
        calendar: &Calendar,
        register: R,
        period: Period,
        reading: &Reading,
    ) -> Result<Results<'c>, HeaderOrRegister> {
        let mut services: Vec<ServiceResult<'c>> = Vec::new();
        flatten(&charter.services.list, &mut services);
        let mut records = Records::new(register);
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
            match Header::find(&record, &reading.headings) {
                Ok(header) => {
                    records.keep_separator();
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
        let mut results = Results {
            services: Vec::new(),
            rows: 0,
            outside: 0,
            received: None,
            problems: Vec::new(),
            left_out: 0,
            ignored_columns: header.ignored.clone(),
            row_texts: BTreeMap::new(),
            stopped: None,
        };
        let separator = records.separator();
        // The requests' own numbers already seen (hashed), with the line of the first: the
        // one thing that grows with the register, by some 20 bytes a row, and only when it
        // numbers its requests (a row entered twice may be anywhere in it).
        let mut seen: HashMap<u64, u64> = HashMap::new();
        for record in records {
            let record = match record {
                Ok(record) => record,
                Err(error) => {
                    results.stopped = Some(error.into());
                    break;
                }
            };
            // A spreadsheet's trailing rows come out as `,,,`: nothing, not a bad row.
            if record.fields.iter().all(|f| f.text.trim().is_empty()) {
                continue;
            }
            results.rows += 1;
            let line = record.line;
            let request = match header.request(&record, reading.order) {
                Ok(request) => request,
                Err(problems) => {
                    results.leave_out(
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
                    results.leave_out(&record, separator, [RowProblem::Duplicate { line, first }]);
                    continue;
                }
                seen.insert(key, line);
            }
            let outside = period.from.is_some_and(|from| request.received.date < from)
                || period.to.is_some_and(|to| request.received.date > to);
            if outside {
                results.outside += 1;
                continue;
            }
            let day = request.received.date;
            results.received = Some(match results.received {
                Some((first, last)) => (first.min(day), last.max(day)),
                None => (day, day),
            });
            let found = find_service(&services, &request.service.text).or_else(|| {
                let name = request.name.as_deref()?;
                find_service(&services, name)
            });
            let Some(index) = found else {
                // The nearest number or name: `Oficial search` is `Official search`.
                let names = services
                    .iter()
                    .flat_map(|s| std::iter::once(s.key.as_str()).chain(s.service.name.all()));
                let suggestion =
                    crate::suggest::did_you_mean(&request.service.text, names).map(str::to_owned);
                results.leave_out(
                    &record,
                    separator,
                    [RowProblem::UnknownService {
                        line,
                        column: request.service.column,
                        service: request.service.text.clone(),
                        suggestion,
                    }],
                );
                continue;
            };
            let entry = &mut services[index];
            // A promise that cannot be measured is said once, for its service, not for
            // each of its rows; but one that differs by case is measured by the row's.
            if matches!(&entry.limit, Err(why) if !matches!(why, Unmeasurable::NeedsCase(_))) {
                entry.unmeasured += 1;
                continue;
            }
            if let Err(why) = results_of(entry, calendar, &request, period.as_of) {
                let service = entry.key.clone();
                results.leave_out(
                    &record,
                    separator,
                    [RowProblem::NotMeasured { line, service, why }],
                );
            }
        }
        results.services = services;
        Ok(results)
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

/// Why the register's first row is not a heading row to work with.
#[derive(Debug)]
pub enum HeaderOrRegister {
    Header(HeaderProblem),
    Register(RegisterError),
}

/// Counts one request into its service's tally.
fn results_of(
    entry: &mut ServiceResult,
    calendar: &Calendar,
    request: &Request,
    as_of: Date,
) -> Result<(), NotMeasuredWhy> {
    let limit = match (&entry.limit, &entry.service.timeline) {
        // A timeline by case is measured by the row's case.
        (Err(Unmeasurable::NeedsCase(_)), Some(timeline)) => {
            Limit::of(timeline, request.case.as_deref()).map_err(NotMeasuredWhy::Promise)?
        }
        (Ok(limit), _) => *limit,
        (Err(why), _) => return Err(NotMeasuredWhy::Promise(why.clone())),
    };
    match request.completed {
        Some(done) => {
            let taken = limit
                .taken(calendar, request.received, done)
                .map_err(NotMeasuredWhy::Request)?;
            entry.tally.completed(taken, request.line);
        }
        None => {
            let overdue = limit
                .overdue(calendar, request.received, as_of)
                .map_err(NotMeasuredWhy::Request)?;
            entry.tally.pending(overdue);
        }
    }
    Ok(())
}

/// Every service, sub-services after their parent, with its key and limit.
fn flatten<'c>(list: &'c [Service], out: &mut Vec<ServiceResult<'c>>) {
    for service in list {
        let key = match &service.number {
            Some(number) => number.value.written.clone(),
            None => service.name.all().next().unwrap_or_default().to_owned(),
        };
        let limit = match &service.timeline {
            Some(timeline) => Limit::of(timeline, None),
            None => Err(Unmeasurable::NoTimeline),
        };
        out.push(ServiceResult {
            service,
            key,
            limit,
            tally: Tally::default(),
            unmeasured: 0,
        });
        flatten(&service.services, out);
    }
}

/// The service a register names: by its number (`3`, `9.1.1`), or by its name in any of
/// the charter's languages, ignoring capitals and spaces at either end.
fn find_service(services: &[ServiceResult], named: &str) -> Option<usize> {
    let named = named.trim();
    let number = named.trim_end_matches('.');
    services
        .iter()
        .position(|s| {
            s.service
                .number
                .as_ref()
                .is_some_and(|n| n.value.written == number)
        })
        .or_else(|| {
            services.iter().position(|s| {
                s.service
                    .name
                    .all()
                    .any(|name| name.trim().eq_ignore_ascii_case(named))
            })
        })
}

fn fingerprint(reference: &str) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    reference.trim().hash(&mut hasher);
    hasher.finish()
}

#[cfg(test)]
mod tests;
