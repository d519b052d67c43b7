//! The results report (`charter report`): a register's [`Results`] against the charter's
//! promises, built once into a [`PerformanceReport`] that every output shows: JSON and
//! CSV for programs and open data (`json.rs`, `csv.rs`), a page and a PDF through the
//! theme (`page.rs`, `pdf.rs`).
//!
//! As everywhere, the charter's own words are printed: a service's standard is its
//! timeline as the office wrote it; the limit it is measured by (`3 working days`) is
//! data beside it. Every service is listed, measured or with why it cannot be; every row
//! not counted is listed with why.

mod csv;
mod json;
mod new;
mod page;
mod pdf;
pub mod previous;

use serde::{Deserialize, Serialize};

use crate::view::Tx;

pub use new::{Complaints, Measured};

pub use page::ReportPage;

/// What one report says: the period, the register's rows, each service's results, and
/// the complaints' when a complaint register was given.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PerformanceReport {
    /// The report's heading, in each of the charter's languages.
    pub title: Tx,
    /// The charter's title and its office's name, as the charter prints them.
    pub charter: Tx,
    pub office: Tx,
    pub period: PeriodView,
    /// Whose public holidays working days were counted with.
    pub calendar: String,
    /// When the office is open (`08:00–17:00`), when known: promises in hours and minutes
    /// are counted in that time on working days; else as time elapsed.
    pub office_hours: Option<String>,
    pub register: RegisterView,
    pub services: Vec<ServiceReport>,
    /// All measured services together.
    pub total: TotalView,
    /// The rows of the request register not counted, and why: the first 1,000 in full
    /// (`register.left_out` counts them all).
    pub excluded: Vec<Excluded>,
    /// The same, by kind: for a printed report, which cannot list a thousand rows.
    pub excluded_kinds: Vec<ExcludedKind>,
    /// The requests by the office they were made at and the channel they came by, when
    /// the register says (its `office` and `channel` columns).
    pub offices: Vec<GroupReport>,
    pub channels: Vec<GroupReport>,
    /// The complaint register's results, with `--complaints`.
    pub complaints: Option<ComplaintsReport>,
}

/// The requests of one value of a column (an office, a channel, a category): counts only,
/// since each service's times are in its own unit.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct GroupReport {
    /// The value as the register first writes it; `(others)` for values past the 50th.
    pub name: String,
    pub requests: u64,
    pub total_volume: u64,
    pub volume_meeting_target: u64,
    pub performance: Option<f64>,
    pub performance_words: Option<String>,
    pub pending: u64,
    pub overdue: u64,
}

/// The rows not counted for one kind of problem.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ExcludedKind {
    pub code: String,
    pub name: String,
    /// All of them, not only those listed in `excluded`.
    pub count: u64,
    /// The first lines (ten at most), whether there are more, and the first problem's
    /// words (empty when it came after the first 1,000 problems).
    pub lines: Vec<u64>,
    pub more_lines: bool,
    pub example: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PeriodView {
    /// The first and last days of receipt asked for (`null`: from the register's first,
    /// to its last).
    pub from: Option<String>,
    pub to: Option<String>,
    /// The day pending requests were judged on.
    pub as_of: String,
    /// The period in words, in each language, its open ends closed by the register's
    /// first and last days of receipt.
    pub words: Tx,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct RegisterView {
    /// The register's file, as given.
    pub file: String,
    /// Its rows, the heading row not counted.
    pub rows: u64,
    /// Rows received outside the period.
    pub outside_period: u64,
    /// Rows not counted, for the problems in `excluded`.
    pub left_out: u64,
    /// Its columns that were not read, as headed.
    pub ignored_columns: Vec<String>,
    /// Why it was not read to its end, and where, when it was not: the rows after were
    /// not counted.
    pub stopped: Option<String>,
    /// Lines that were not UTF-8 and were read as Windows-1252, when there were any.
    pub recoded: Option<String>,
}

/// One service's results.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ServiceReport {
    /// Its number in the charter, or its name when it has none: how registers name it.
    pub service: String,
    /// Its number as the charter prints it, or its place (`2.1` for an unnumbered
    /// sub-service of service 2): for the number column of a table.
    pub number: String,
    pub name: Tx,
    /// 0 for a service, 1 for a sub-service.
    pub depth: usize,
    /// The promise, as the charter prints it.
    pub standard: Option<Tx>,
    /// What the promise allows, as measured: `null` when it cannot be measured (or
    /// differs by case).
    pub limit: Option<LimitView>,
    /// Why the promise cannot be measured, when it cannot (in English).
    pub not_measured: Option<String>,
    #[serde(flatten)]
    pub measures: Measures,
    /// The previous period's results, from `--previous`.
    pub previous: Option<Previous>,
}

/// How a service's requests, or a route's complaints, kept their promise.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Measures {
    /// The share the office aims to complete within the promise, 0 to 1, and in words.
    pub target: f64,
    pub target_words: String,
    /// Received in the period: completed, pending and those of a promise that cannot be
    /// measured.
    pub requests: u64,
    /// Completed and measured against the promise (or, for a promise that cannot be
    /// measured, all its requests), and how many kept it.
    pub total_volume: u64,
    pub volume_meeting_target: u64,
    /// `volume_meeting_target / total_volume`; `null` with nothing measured.
    pub performance: Option<f64>,
    /// `performance` as a whole percentage (`87%`; never `100%` unless all kept it, nor
    /// `0%` unless none did).
    pub performance_words: Option<String>,
    /// Whether `performance` reached `target`; `null` with nothing measured.
    pub target_met: Option<bool>,
    /// Times taken, in the limit's unit, and in words in each language.
    pub median: Option<i64>,
    pub p90: Option<i64>,
    pub slowest: Option<Slowest>,
    pub median_words: Option<Tx>,
    pub p90_words: Option<Tx>,
    /// Pending when the period ended, and those of them past their promise.
    pub pending: u64,
    pub overdue: u64,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct LimitView {
    /// `working-days`, `days`, `months` or `minutes`.
    pub unit: String,
    pub amount: u64,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Slowest {
    pub time: i64,
    pub words: Tx,
    /// The register line of the (first) slowest.
    pub line: u64,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct TotalView {
    pub requests: u64,
    pub total_volume: u64,
    pub volume_meeting_target: u64,
    pub performance: Option<f64>,
    pub performance_words: Option<String>,
    pub pending: u64,
    pub overdue: u64,
}

/// A service's results in the previous report, and the change since.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Previous {
    pub total_volume: u64,
    pub performance: Option<f64>,
    /// `performance` now less then, in points of the share (0.05 is 5 points better).
    pub change: Option<f64>,
}

/// A row not counted.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Excluded {
    pub line: Option<u64>,
    pub column: Option<u64>,
    pub code: String,
    pub name: String,
    pub message: String,
}

/// The complaint register measured against the charter's standard for complaints.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ComplaintsReport {
    pub register: RegisterView,
    /// The standard as the charter prints it: its name, its words, its time.
    pub standard_name: Option<Tx>,
    pub standard_text: Option<Tx>,
    pub standard: Option<Tx>,
    pub limit: Option<LimitView>,
    pub not_measured: Option<String>,
    /// Each route: the charter's own first, in its order, then those the register names
    /// (`route` empty for complaints that name none).
    pub routes: Vec<RouteReport>,
    /// All routes together.
    pub total: Measures,
    /// The complaints by category, when the register gives one.
    pub categories: Vec<GroupReport>,
    pub excluded: Vec<Excluded>,
    pub excluded_kinds: Vec<ExcludedKind>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct RouteReport {
    pub route: String,
    #[serde(flatten)]
    pub measures: Measures,
}

/// The formats a report is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum ReportFormat {
    /// A printable report through the theme's `report.typ`.
    Pdf,
    /// A web page through the theme's `report.html`.
    Html,
    /// The report's data.
    Json,
    /// One row per service, in the shape of published service-standard datasets.
    Csv,
}

impl ReportFormat {
    /// The file's ending.
    pub fn extension(self) -> &'static str {
        match self {
            ReportFormat::Pdf => "pdf",
            ReportFormat::Html => "html",
            ReportFormat::Json => "json",
            ReportFormat::Csv => "csv",
        }
    }

    /// The report in this format; the page and PDF through `page`, the theme's.
    pub fn render(
        self,
        report: &PerformanceReport,
        page: Option<&ReportPage>,
    ) -> Result<Vec<u8>, Vec<crate::theme::ThemeDiagnostic>> {
        match self {
            ReportFormat::Json => Ok(json::render(report).into_bytes()),
            ReportFormat::Csv => Ok(csv::render(report).into_bytes()),
            ReportFormat::Html => page
                .expect("a page for html")
                .html(report)
                .map(String::into_bytes),
            ReportFormat::Pdf => page.expect("a page for pdf").pdf(report),
        }
    }
}
