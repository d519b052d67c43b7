//! A register's problems as diagnostics: each with its stable code (`E5xx`), a message
//! in plain words, the line and column of the cell, the row as read, and what to do.
//!
//! A register is streamed, never held whole, so a diagnostic carries the row it is about
//! (kept by [`Results`] for the problems it keeps) instead of a span into the file.

use std::ops::Range;

use super::csv::CsvError;
use super::limit::{NotMeasured, Unmeasurable};
use super::requests::{Column, HeaderProblem, Problem, ProblemKind};
use super::scan::{HeaderOrRegister, NotMeasuredWhy, RegisterError, RowProblem, Scan};
use crate::diagnostic::{Code, Diagnostic, clip};

/// What a complaint register's rows are counted into, where a request's service goes.
pub const COMPLAINTS: &str = "complaints";

/// A diagnostic about a register, at a line and column of it.
#[derive(Clone, Debug, PartialEq)]
pub struct RegisterDiagnostic {
    pub diagnostic: Diagnostic,
    /// 1-based; `None` for the whole file.
    pub line: Option<u64>,
    pub column: Option<u64>,
    /// The row as read, and the bytes of it the problem is about.
    pub row: Option<(String, Range<usize>)>,
}

impl RegisterDiagnostic {
    /// A diagnostic at `line` and `column`; the register's text it quotes is made
    /// printable (a cell's escape sequences must not reach the terminal).
    fn new(mut diagnostic: Diagnostic, line: Option<u64>, column: Option<u64>) -> Self {
        diagnostic.message = printable(&diagnostic.message);
        diagnostic.label = diagnostic.label.as_deref().map(printable);
        diagnostic.hint = diagnostic.hint.as_deref().map(printable);
        RegisterDiagnostic {
            diagnostic,
            line,
            column,
            row: None,
        }
    }
}

impl RowProblem {
    /// The code a problem of this kind is reported with.
    pub fn code(&self) -> Code {
        match self {
            RowProblem::Row(Problem { kind, .. }) => match kind {
                ProblemKind::Blank(_) => Code::BlankCell,
                ProblemKind::Date { .. } => Code::RegisterDate,
                ProblemKind::CompletedBeforeReceived { .. } => Code::CompletedBeforeReceived,
            },
            RowProblem::UnknownService { .. } => Code::UnknownService,
            RowProblem::AmbiguousService { .. } => Code::AmbiguousService,
            RowProblem::Duplicate { .. } => Code::DuplicateRequest,
            RowProblem::NotMeasured {
                why:
                    NotMeasuredWhy::Promise(
                        Unmeasurable::NeedsCase(_) | Unmeasurable::UnknownCase { .. },
                    ),
                ..
            } => Code::UnknownCase,
            RowProblem::NotMeasured { .. } => Code::NotMeasured,
        }
    }
}

impl RegisterDiagnostic {
    /// The same, about a spreadsheet: its cell named as the spreadsheet names it (`C4`)
    /// under the caret, since the file's row and column numbers are the sheet's.
    pub fn in_sheet(mut self) -> RegisterDiagnostic {
        if let (Some(line), Some(column)) = (self.line, self.column) {
            let cell = format!("cell {}{line}", column_letters(column));
            self.diagnostic.label = Some(match self.diagnostic.label.take() {
                Some(label) => format!("{label} ({cell})"),
                None => cell,
            });
        }
        self
    }
}

/// Text with its control characters (a cell's terminal escape sequences) made visible
/// as `�`; line breaks kept.
fn printable(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() && c != '\n' {
                '\u{FFFD}'
            } else {
                c
            }
        })
        .collect()
}

/// A spreadsheet's name for its column `n` (1-based): `A`, `Z`, `AA`.
fn column_letters(mut n: u64) -> String {
    let mut letters = Vec::new();
    while n > 0 {
        n -= 1;
        letters.push(b'A' + (n % 26) as u8);
        n /= 26;
    }
    letters.reverse();
    String::from_utf8(letters).expect("ASCII letters")
}

impl Column {
    /// The column in words, for messages.
    pub fn words(self) -> &'static str {
        match self {
            Column::Reference => "the request's number",
            Column::Service => "the service",
            Column::Name => "the service's name",
            Column::Received => "the date received",
            Column::Completed => "the date completed",
            Column::Channel => "the channel",
            Column::Office => "the office",
            Column::Case => "the case",
            Column::Route => "the route",
        }
    }
}

/// Why the register could not be read from its start, or on from some row.
pub fn of_failure(failure: &HeaderOrRegister) -> RegisterDiagnostic {
    match failure {
        HeaderOrRegister::Header(problem) => of_header(problem),
        HeaderOrRegister::Register(error) => of_register_error(error),
    }
}

fn of_header(problem: &HeaderProblem) -> RegisterDiagnostic {
    match problem {
        HeaderProblem::Missing {
            line,
            columns,
            headings,
        } => {
            let missing: Vec<&str> = columns.iter().map(|c| c.words()).collect();
            let read: Vec<String> = headings
                .iter()
                .filter(|h| !h.trim().is_empty())
                .map(|h| format!("`{}`", clip(h.trim())))
                .collect();
            let example = columns.first().map_or("received", |c| c.key());
            let diagnostic = Diagnostic::error(
                Code::RegisterHeading,
                format!(
                    "the register has no column for {}",
                    join_or(&missing, "and")
                ),
            )
            .with_hint(format!(
                "a register's heading row names its columns `service`, `received` and \
                 `completed` (or `huduma`, `tarehe ya kupokea`, `tarehe ya kukamilisha`; \
                 the heading row may be within the first 10 lines); to keep your own \
                 headings, name them in charter.toml:\n[report.columns]\n{example} = \"Your heading\"{}",
                if read.is_empty() {
                    String::new()
                } else {
                    format!("\nthe headings read on line {line}: {}", read.join(", "))
                }
            ));
            RegisterDiagnostic::new(diagnostic, Some(*line), Some(1))
        }
        HeaderProblem::Twice { column, at } => {
            let diagnostic = Diagnostic::error(
                Code::RegisterHeading,
                format!(
                    "two columns are headed as {}: `{}` is the second",
                    column.words(),
                    clip(at.text.trim())
                ),
            )
            .with_hint("rename or remove one of them, so that each row has one value");
            RegisterDiagnostic::new(diagnostic, Some(at.line), Some(at.column))
        }
    }
}

/// Why the register could not be read on.
pub fn of_register_error(error: &RegisterError) -> RegisterDiagnostic {
    match error {
        RegisterError::Empty => RegisterDiagnostic::new(
            Diagnostic::error(
                Code::RegisterHeading,
                "the register is empty: it has no rows",
            )
            .with_hint("export the register with its heading row and one row per request"),
            None,
            None,
        ),
        RegisterError::Csv(error) => {
            let (line, column, hint) = match error {
                CsvError::Io(_) => (None, None, None),
                CsvError::OpenQuote { line, column } => (
                    Some(*line),
                    Some(*column),
                    Some(
                        "close the quote, or write the cell without the quote at its start; the rows before it are counted",
                    ),
                ),
                CsvError::TooLong { line, .. } => (
                    Some(*line),
                    None,
                    Some("a register is a CSV file with one row per line"),
                ),
            };
            let mut diagnostic = Diagnostic::error(
                Code::UnreadableRegister,
                format!("the register cannot be read on: {error}"),
            );
            if let Some(hint) = hint {
                diagnostic = diagnostic.with_hint(hint);
            }
            RegisterDiagnostic::new(diagnostic, line, column)
        }
    }
}

/// Every problem of a register read: its rows left out, in order, then why it stopped
/// when it could not be read to its end.
pub fn of_scan(scan: &Scan) -> Vec<RegisterDiagnostic> {
    let mut all = of_rows(scan);
    all.extend(scan.stopped.as_ref().map(of_register_error));
    if let Some((first, count)) = scan.recoded {
        let lines = if count == 1 {
            format!("line {first} is")
        } else {
            format!("{count} lines (the first, line {first}) are")
        };
        let mut diagnostic = Diagnostic::new(
            Code::RegisterEncoding.into(),
            crate::diagnostic::Severity::Warning,
            format!(
                "{lines} not UTF-8 text: read as Windows-1252, as Excel's \"CSV\" on Windows writes"
            ),
        );
        diagnostic = diagnostic.with_hint(
            "check the accented letters in the report; to be sure of them, save the register as \"CSV UTF-8\" (File, Save As)",
        );
        all.push(RegisterDiagnostic::new(diagnostic, Some(first), None));
    }
    all
}

/// The problems of the rows left out, in register order, each with its row.
fn of_rows(scan: &Scan) -> Vec<RegisterDiagnostic> {
    scan.problems
        .iter()
        .map(|problem| {
            let (mut d, whole_row) = of_row(problem);
            if let Some(line) = d.line
                && let Some((_, row)) = scan.row_texts.range(..=line).next_back()
            {
                let range = match (whole_row, d.column) {
                    (false, Some(column)) => row.cell(line, column),
                    _ => 0..row.text.len(),
                };
                d.row = Some((row.text.clone(), range));
            }
            d
        })
        .collect()
}

/// A row's problem, and whether it is about the whole row rather than one cell.
fn of_row(problem: &RowProblem) -> (RegisterDiagnostic, bool) {
    match problem {
        RowProblem::Row(Problem { line, column, kind }) => {
            let diagnostic = match kind {
                ProblemKind::Blank(column) => labelled(
                    Diagnostic::error(
                        Code::BlankCell,
                        format!("this row has no {}", column.words().trim_start_matches("the ")),
                    ),
                    format!("{} is needed", column.words()),
                )
                .with_hint(match column {
                    Column::Received => "write the day the request was received",
                    _ => "write the service's number in the charter, or its name",
                }),
                ProblemKind::Date { column, error } => {
                    let d = labelled(
                        Diagnostic::error(
                            Code::RegisterDate,
                            format!("{} cannot be read: {}", column.words(), error.message),
                        ),
                        "not a date",
                    );
                    match &error.hint {
                        Some(hint) => d.with_hint(hint.clone()),
                        None => d,
                    }
                }
                ProblemKind::CompletedBeforeReceived {
                    received,
                    completed,
                } => labelled(
                    Diagnostic::error(
                        Code::CompletedBeforeReceived,
                        format!(
                            "completed on {} but received on {}: a request cannot be completed before it is received",
                            completed, received
                        ),
                    ),
                    "before the date received",
                )
                .with_hint("one of the two dates is mistyped, or the columns are swapped"),
            };
            (
                RegisterDiagnostic::new(diagnostic, Some(*line), Some(*column)),
                false,
            )
        }
        RowProblem::UnknownService {
            line,
            column,
            service,
            suggestion,
        } => {
            let diagnostic = labelled(
                Diagnostic::error(
                    Code::UnknownService,
                    format!("the charter has no service `{}`", clip(service.trim())),
                ),
                "not a service of the charter",
            )
            .with_hint(match suggestion {
                Some(s) => format!("did you mean `{s}`?"),
                None => "name the service by its number in the charter (`3`, `9.1`) or by its name"
                    .to_owned(),
            });
            (
                RegisterDiagnostic::new(diagnostic, Some(*line), Some(*column)),
                false,
            )
        }
        RowProblem::AmbiguousService {
            line,
            column,
            service,
            name,
            candidates,
        } => {
            let service = clip(service.trim());
            let (message, hint) = match name {
                Some(name) if candidates.len() == 2 => (
                    format!(
                        "`{service}` and `{}` name two of the charter's services: {}",
                        clip(name.trim()),
                        candidates.join("; ")
                    ),
                    "correct the number or the name, so that both name the same service",
                ),
                _ => (
                    format!(
                        "several of the charter's services are numbered `{service}`: {}",
                        candidates.join("; ")
                    ),
                    "give each row the service's name too, in a `service name` column: the \
                     charter numbers its services office by office",
                ),
            };
            let diagnostic = labelled(
                Diagnostic::error(Code::AmbiguousService, message),
                "which service?",
            )
            .with_hint(hint);
            (
                RegisterDiagnostic::new(diagnostic, Some(*line), Some(*column)),
                false,
            )
        }
        RowProblem::Duplicate { line, first } => {
            let diagnostic = labelled(
                Diagnostic::error(
                    Code::DuplicateRequest,
                    format!("this request's number is on line {first} already"),
                ),
                "entered twice",
            )
            .with_hint(
                "remove the row entered twice, or correct its number: only the first is counted",
            );
            (RegisterDiagnostic::new(diagnostic, Some(*line), None), true)
        }
        RowProblem::NotMeasured { line, service, why } => {
            let diagnostic = match why {
                NotMeasuredWhy::Promise(
                    why
                    @ (Unmeasurable::NeedsCase(cases) | Unmeasurable::UnknownCase { cases, .. }),
                ) => labelled(
                    Diagnostic::error(Code::UnknownCase, format!("service {service}: {why}")),
                    "which case?",
                )
                .with_hint(format!(
                    "give the row's case in a `case` column, as the charter names them: {}",
                    cases.join(", ")
                )),
                NotMeasuredWhy::Promise(why) => Diagnostic::error(
                    Code::NotMeasured,
                    if service == COMPLAINTS {
                        format!("complaints cannot be measured: the standard for them: {why}")
                    } else {
                        format!("service {service} cannot be measured: {why}")
                    },
                ),
                NotMeasuredWhy::Request(why) => {
                    let d = Diagnostic::error(
                        Code::NotMeasured,
                        if service == COMPLAINTS {
                            format!("this complaint cannot be timed: {why}")
                        } else {
                            format!("this request of service {service} cannot be timed: {why}")
                        },
                    );
                    match why {
                        NotMeasured::NoTimeOfDay => d.with_hint(
                            "give the time with the date in the register (2026-03-02 14:30)",
                        ),
                        NotMeasured::Calendar(_) => d.with_hint(
                            "report a period within those years (--from, --to); or, for a later year, list its movable holidays (Idd, days proclaimed) under `closures` in charter.toml with `[report] holidays-through = YEAR`",
                        ),
                        NotMeasured::Backwards => d,
                    }
                }
            };
            (RegisterDiagnostic::new(diagnostic, Some(*line), None), true)
        }
    }
}

/// `a`, `a and b`, `a, b and c`.
fn join_or(items: &[&str], word: &str) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} {word} {last}", init.join(", ")),
    }
}

/// A label for the cell (the span is in the row, found when it is rendered).
fn labelled(mut diagnostic: Diagnostic, label: impl Into<String>) -> Diagnostic {
    diagnostic.label = Some(label.into());
    diagnostic
}

#[cfg(test)]
mod tests {
    use super::column_letters;

    #[test]
    fn columns_are_named_as_spreadsheets_name_them() {
        let names: Vec<String> = [1, 3, 26, 27, 52, 703].map(column_letters).into();
        assert_eq!(names, ["A", "C", "Z", "AA", "AZ", "AAA"]);
    }
}
