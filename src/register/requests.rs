//! A request register's rows: which service, when it was received, when it was completed
//! (blank: still pending), and the optional channel, office and case. The columns are found
//! by their headings in any catalogue's language (`[register]`: `service`/`huduma`,
//! `received`/`tarehe ya kupokea`, …), in any order; other columns are left alone and
//! named, so the office knows what was not read. A register with a column for each
//! request's own number (`reference`) can have a row entered twice found; without one,
//! two rows alike are two requests alike (a busy office serves many a day).
//!
//! A row with problems gives all of them at once, each at its line and column; what the
//! charter must say (is the service one of its own? is the row a duplicate?) is for the
//! report, which holds the charter.

use super::csv::{Field, Record};
use super::when::{DateOrder, When, WhenError, read_when};

/// The columns a request register may have.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Column {
    /// The request's own number, when the register gives each one: how a row entered twice
    /// is told from two requests alike.
    Reference,
    /// The service: its number, or its name.
    Service,
    /// The service's name, in a register that has a column for its number too.
    Name,
    Received,
    Completed,
    Channel,
    Office,
    /// The case of a service whose timeline differs by case; a complaint's category.
    Case,
    /// Where a complaint was taken: the office, or a body it was escalated to.
    Route,
}

/// What a register records: requests for the charter's services, or complaints.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Requests,
    Complaints,
}

impl Column {
    pub const ALL: [Column; 9] = [
        Column::Reference,
        Column::Service,
        Column::Name,
        Column::Received,
        Column::Completed,
        Column::Channel,
        Column::Office,
        Column::Case,
        Column::Route,
    ];

    /// Its name in the catalogues' `[register]` table (and in English).
    pub fn key(self) -> &'static str {
        match self {
            Column::Reference => "reference",
            Column::Service => "service",
            Column::Name => "name",
            Column::Received => "received",
            Column::Completed => "completed",
            Column::Channel => "channel",
            Column::Office => "office",
            Column::Case => "case",
            Column::Route => "route",
        }
    }

    /// The column a `[report.columns]` key names.
    pub fn from_key(key: &str) -> Option<Column> {
        Column::ALL.into_iter().find(|c| c.key() == key)
    }

    /// Whether every register of `kind` must have this column.
    fn required(self, kind: Kind) -> bool {
        match kind {
            Kind::Requests => {
                matches!(self, Column::Service | Column::Received | Column::Completed)
            }
            Kind::Complaints => matches!(self, Column::Received | Column::Completed),
        }
    }
}

/// Where each column is in a register, found from its heading row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header {
    /// The line the headings are on.
    pub line: u64,
    positions: Vec<(Column, usize)>,
    /// The headings of the columns that are not read, as written.
    pub ignored: Vec<String>,
    kind: Kind,
}

/// Why a heading row cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HeaderProblem {
    /// Required columns with no heading; the headings found are listed.
    Missing {
        /// The line of the row read as the heading row.
        line: u64,
        columns: Vec<Column>,
        headings: Vec<String>,
    },
    /// Two headings name the same column (at the second one).
    Twice { column: Column, at: Field },
}

/// A request as its register gives it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    pub line: u64,
    /// The request's number, when the register has a column for it.
    pub reference: Option<String>,
    /// The service's name, when the register gives it beside its number: used when the
    /// number is not one of the charter's.
    pub name: Option<String>,
    /// The service: its number in the charter, or its name (the report decides which);
    /// `None` in a complaint register, whose rows may name none.
    pub service: Option<Field>,
    pub received: When,
    /// `None` while it is pending.
    pub completed: Option<When>,
    pub channel: Option<String>,
    pub office: Option<String>,
    pub case: Option<String>,
    /// Where a complaint was taken.
    pub route: Option<String>,
}

impl HeaderProblem {
    /// How many needed columns the row lacks (a row naming one twice lacks none).
    pub fn missing(&self) -> usize {
        match self {
            HeaderProblem::Missing { columns, .. } => columns.len(),
            HeaderProblem::Twice { .. } => 0,
        }
    }
}

/// What is wrong with a row, at the cell it concerns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub line: u64,
    pub column: u64,
    pub kind: ProblemKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    /// A required cell is blank (or the row is too short to have it).
    Blank(Column),
    /// A date that cannot be read.
    Date { column: Column, error: WhenError },
    /// Completed before it was received.
    CompletedBeforeReceived { received: When, completed: When },
}

/// The headings each column is known by: the catalogues' in every language, and the
/// office's own from `[report.columns]`.
#[derive(Clone, Debug)]
pub struct Headings(Vec<(Column, Vec<String>)>);

impl Default for Headings {
    fn default() -> Headings {
        Headings(catalogue_headings().to_vec())
    }
}

impl Headings {
    /// `heading` names `column` too (compared as headings are: capitals, spaces and a
    /// trailing `:` ignored).
    pub fn add(&mut self, column: Column, heading: &str) {
        let heading = normalise(heading);
        for (c, words) in &mut self.0 {
            words.retain(|w| *w != heading);
            if *c == column {
                words.push(heading.clone());
            }
        }
    }
}

impl Header {
    /// The heading row's columns, by the headings each is known by.
    pub fn find(record: &Record, names: &Headings, kind: Kind) -> Result<Header, HeaderProblem> {
        let names = &names.0;
        let mut positions: Vec<(Column, usize)> = Vec::new();
        let mut ignored = Vec::new();
        for (i, field) in record.fields.iter().enumerate() {
            let heading = normalise(&field.text);
            let column = names
                .iter()
                .find(|(_, words)| words.contains(&heading))
                .map(|(column, _)| *column);
            match column {
                Some(column) if positions.iter().any(|(c, _)| *c == column) => {
                    return Err(HeaderProblem::Twice {
                        column,
                        at: field.clone(),
                    });
                }
                Some(column) => positions.push((column, i)),
                None if !heading.is_empty() => ignored.push(field.text.trim().to_owned()),
                None => {}
            }
        }
        let has = |column: Column| positions.iter().any(|(p, _)| *p == column);
        // A register may name its services by a name column alone.
        let missing: Vec<Column> = Column::ALL
            .into_iter()
            .filter(|c| c.required(kind) && !has(*c))
            .filter(|c| *c != Column::Service || !has(Column::Name))
            .collect();
        if !missing.is_empty() {
            return Err(HeaderProblem::Missing {
                line: record.line,
                columns: missing,
                headings: record.fields.iter().map(|f| f.text.clone()).collect(),
            });
        }
        Ok(Header {
            line: record.line,
            positions,
            ignored,
            kind,
        })
    }

    /// The text of a row's cell in `column`, when it has one.
    pub fn cell_text<'a>(&self, record: &'a Record, column: Column) -> Option<&'a str> {
        self.cell(record, column).map(|f| f.text.as_str())
    }

    fn cell<'a>(&self, record: &'a Record, column: Column) -> Option<&'a Field> {
        let (_, i) = self.positions.iter().find(|(c, _)| *c == column)?;
        record.fields.get(*i)
    }

    /// A row of the register, or everything wrong with it.
    pub fn request(&self, record: &Record, order: DateOrder) -> Result<Request, Vec<Problem>> {
        let mut problems = Vec::new();
        // Where a cell is, or where it would be: past the end of a short row.
        let at = |column: Column| -> (u64, u64) {
            match self.cell(record, column) {
                Some(field) => (field.line, field.column),
                None => record.fields.last().map_or((record.line, 1), |f| {
                    (f.line, f.column + f.text.chars().count() as u64)
                }),
            }
        };
        let text = |column: Column| -> Option<&Field> {
            self.cell(record, column)
                .filter(|f| !f.text.trim().is_empty())
        };
        let blank = |column: Column, problems: &mut Vec<Problem>| {
            let (line, col) = at(column);
            problems.push(Problem {
                line,
                column: col,
                kind: ProblemKind::Blank(column),
            });
        };
        let date = |column: Column, problems: &mut Vec<Problem>| -> Option<When> {
            let field = text(column)?;
            // `Pending` typed where the completion goes: not done yet.
            if column == Column::Completed && is_pending_word(&field.text) {
                return None;
            }
            read_when(&field.text, order)
                .map_err(|error| {
                    problems.push(Problem {
                        line: field.line,
                        column: field.column,
                        kind: ProblemKind::Date { column, error },
                    })
                })
                .ok()
        };
        // The service's number (or its name in the one column); else its name.
        let service = text(Column::Service)
            .or_else(|| text(Column::Name))
            .cloned();
        let name = text(Column::Service)
            .and(text(Column::Name))
            .map(|f| f.text.trim().to_owned());
        if service.is_none() && self.kind == Kind::Requests {
            blank(Column::Service, &mut problems);
        }
        let received = date(Column::Received, &mut problems);
        if text(Column::Received).is_none() {
            blank(Column::Received, &mut problems);
        }
        let completed = date(Column::Completed, &mut problems);
        if let (Some(r), Some(c)) = (received, completed)
            && c.before(r)
        {
            let (line, column) = at(Column::Completed);
            problems.push(Problem {
                line,
                column,
                kind: ProblemKind::CompletedBeforeReceived {
                    received: r,
                    completed: c,
                },
            });
        }
        let optional = |column: Column| text(column).map(|f| f.text.trim().to_owned());
        match received {
            Some(received) if problems.is_empty() => Ok(Request {
                line: record.line,
                reference: optional(Column::Reference),
                name,
                service,
                received,
                completed,
                channel: optional(Column::Channel),
                office: optional(Column::Office),
                case: optional(Column::Case),
                route: optional(Column::Route),
            }),
            _ => Err(problems),
        }
    }
}

/// Whether a completed cell says the request is not done yet (`Pending`, `Bado`).
fn is_pending_word(text: &str) -> bool {
    // A date starts with a digit (most cells of a completed column): no word to look up.
    if text.trim_start().starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    static WORDS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    let words = WORDS.get_or_init(|| {
        crate::catalogues::tables::<std::collections::BTreeMap<String, Vec<String>>>("register")
            .into_iter()
            .flat_map(|(_, mut table)| table.remove("pending").unwrap_or_default())
            .map(|w| normalise(&w))
            .collect()
    });
    words.contains(&normalise(text))
}

/// A heading as it is compared: lower case, spaces at either end and a trailing `:` or
/// `.` left out, inner runs of spaces made one.
fn normalise(heading: &str) -> String {
    heading
        .trim()
        .trim_end_matches([':', '.'])
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Each column's headings in every catalogue, normalised, read once.
fn catalogue_headings() -> &'static [(Column, Vec<String>)] {
    static HEADINGS: std::sync::OnceLock<Vec<(Column, Vec<String>)>> = std::sync::OnceLock::new();
    HEADINGS.get_or_init(|| {
        let tables = crate::catalogues::tables::<std::collections::BTreeMap<String, Vec<String>>>(
            "register",
        );
        Column::ALL
            .into_iter()
            .map(|column| {
                let mut words: Vec<String> = vec![column.key().to_owned()];
                for (_, table) in &tables {
                    words.extend(
                        table
                            .get(column.key())
                            .into_iter()
                            .flatten()
                            .map(|w| normalise(w)),
                    );
                }
                (column, words)
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::register::csv::Records;
    use jiff::civil::date;

    fn records(text: &str) -> Vec<Record> {
        Records::new(text.as_bytes()).map(Result::unwrap).collect()
    }

    #[test]
    fn columns_are_found_by_their_headings_in_any_language_and_order() {
        let rows = records(
            "Tarehe ya Kukamilisha,Huduma,Maoni,Tarehe ya kupokea:\n\
             05/03/2026,3,sawa,02/03/2026\n",
        );
        let header = Header::find(&rows[0], &Headings::default(), Kind::Requests).unwrap();
        assert_eq!(header.ignored, vec!["Maoni"]);
        let request = header.request(&rows[1], DateOrder::DayFirst).unwrap();
        assert_eq!(request.service.unwrap().text, "3");
        assert_eq!(request.received.date, date(2026, 3, 2));
        assert_eq!(request.completed.unwrap().date, date(2026, 3, 5));
        assert_eq!(request.case, None);
    }

    #[test]
    fn a_pending_request_has_no_completion() {
        let rows = records("service,received,completed,case\n3,2026-03-02,,Sub-county\n");
        let header = Header::find(&rows[0], &Headings::default(), Kind::Requests).unwrap();
        let request = header.request(&rows[1], DateOrder::DayFirst).unwrap();
        assert_eq!(request.completed, None);
        assert_eq!(request.case.as_deref(), Some("Sub-county"));
        // Words for "not yet" in the completed column are not dates, nor problems.
        let rows = records(
            "service,received,completed
3,2026-03-02,Pending
3,2026-03-02,Bado
3,2026-03-02, - 
",
        );
        for row in &rows[1..] {
            let request = header_of(&rows[0])
                .request(row, DateOrder::DayFirst)
                .unwrap();
            assert_eq!(request.completed, None, "{row:?}");
        }
    }

    fn header_of(record: &Record) -> Header {
        Header::find(record, &Headings::default(), Kind::Requests).unwrap()
    }

    #[test]
    fn a_heading_row_without_the_needed_columns_says_which() {
        let rows = records("service,date\n");
        assert_eq!(
            Header::find(&rows[0], &Headings::default(), Kind::Requests),
            Err(HeaderProblem::Missing {
                line: 1,
                columns: vec![Column::Received, Column::Completed],
                headings: vec!["service".into(), "date".into()],
            })
        );
        let rows = records("service,received,completed,huduma\n");
        assert!(matches!(
            Header::find(&rows[0], &Headings::default(), Kind::Requests),
            Err(HeaderProblem::Twice {
                column: Column::Service,
                ..
            })
        ));
    }

    #[test]
    fn every_problem_of_a_row_is_given_at_its_cell() {
        let rows = records(
            "service,received,completed\n\
             ,yesterday,02/03/2026\n\
             4,05/03/2026,02/03/2026\n\
             5\n",
        );
        let header = Header::find(&rows[0], &Headings::default(), Kind::Requests).unwrap();
        let problems = header.request(&rows[1], DateOrder::DayFirst).unwrap_err();
        let kinds: Vec<(u64, u64, &ProblemKind)> = problems
            .iter()
            .map(|p| (p.line, p.column, &p.kind))
            .collect();
        assert!(matches!(
            kinds[0],
            (2, 1, ProblemKind::Blank(Column::Service))
        ));
        assert!(matches!(
            kinds[1],
            (
                2,
                2,
                ProblemKind::Date {
                    column: Column::Received,
                    ..
                }
            )
        ));
        assert_eq!(kinds.len(), 2, "{kinds:?}");
        let backwards = header.request(&rows[2], DateOrder::DayFirst).unwrap_err();
        assert!(matches!(
            backwards[..],
            [Problem {
                line: 3,
                column: 14,
                kind: ProblemKind::CompletedBeforeReceived { .. }
            }]
        ));
        // A row cut short: the received date is missing past its end.
        let short = header.request(&rows[3], DateOrder::DayFirst).unwrap_err();
        assert!(matches!(
            short[..],
            [Problem {
                line: 4,
                column: 2,
                kind: ProblemKind::Blank(Column::Received)
            }]
        ));
    }
}
