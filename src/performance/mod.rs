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
mod page;
mod pdf;
pub mod previous;

use serde::{Deserialize, Serialize};

use crate::locale::Locale;
use crate::model::Charter;
use crate::reading::{Basis, Measure, Unit};
use crate::register::diagnostics::RegisterDiagnostic;
use crate::register::limit::Limit;
use crate::register::results::Results;
use crate::register::scan::Period;
use crate::register::settings::ReportSettings;
use crate::view::{Tr, Tx, View};

pub use page::ReportPage;

/// What one report says: the period, the register's rows, each service's results.
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
    pub register: RegisterView,
    pub services: Vec<ServiceReport>,
    /// All measured services together.
    pub total: TotalView,
    /// The rows not counted, and why: the first 1,000 in full (`register.left_out`
    /// counts them all).
    pub excluded: Vec<Excluded>,
    /// The same, by kind: for a printed report, which cannot list a thousand rows.
    pub excluded_kinds: Vec<ExcludedKind>,
}

/// The rows not counted for one kind of problem.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ExcludedKind {
    pub code: String,
    pub name: String,
    /// Of the problems listed in `excluded`.
    pub count: u64,
    /// The first lines (ten at most), and the first problem's words.
    pub lines: Vec<u64>,
    pub example: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PeriodView {
    /// The first and last days of receipt counted (`null`: from the register's first, to
    /// its last).
    pub from: Option<String>,
    pub to: Option<String>,
    /// The day pending requests were judged on.
    pub as_of: String,
    /// The period in words, in each language.
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
}

/// One service's results.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ServiceReport {
    /// Its number in the charter, or its name when it has none.
    pub service: String,
    pub name: Tx,
    /// 0 for a service, 1 for a sub-service.
    pub depth: usize,
    /// The promise, as the charter prints it.
    pub standard: Option<Tx>,
    /// What the promise allows, as measured: `null` when it cannot be measured.
    pub limit: Option<LimitView>,
    /// Why the promise cannot be measured, when it cannot (in English).
    pub not_measured: Option<String>,
    /// The share of requests the office aims to complete within the promise, 0 to 1.
    pub target: f64,
    /// Requests received in the period: completed, pending and those of a promise that
    /// cannot be measured.
    pub requests: u64,
    /// Completed requests measured against the promise, and how many kept it.
    pub total_volume: u64,
    pub volume_meeting_target: u64,
    /// `volume_meeting_target / total_volume`; `null` with nothing completed.
    pub performance: Option<f64>,
    /// `performance` as a whole percentage (`87%`; never `100%` unless all kept it, nor
    /// `0%` unless none did).
    pub performance_words: Option<String>,
    /// `target` as a percentage.
    pub target_words: String,
    /// Whether `performance` reached `target`; `null` with nothing completed.
    pub target_met: Option<bool>,
    /// Times taken, in the limit's unit.
    pub median: Option<i64>,
    pub p90: Option<i64>,
    pub slowest: Option<Slowest>,
    /// The same times in words, in each language (`3 working days`).
    pub median_words: Option<Tx>,
    pub p90_words: Option<Tx>,
    /// Requests pending when the period ended, and those of them past their promise.
    pub pending: u64,
    pub overdue: u64,
    /// The previous period's results, from `--previous`.
    pub previous: Option<Previous>,
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
    /// The register line of the (first) slowest request.
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

/// What a report is made from.
pub struct Measured<'a> {
    pub charter: &'a Charter,
    /// The charter's view: its services' names and promises as printed.
    pub view: &'a View,
    pub results: &'a Results<'a>,
    pub settings: &'a ReportSettings,
    pub period: Period,
    /// The register's file, as given.
    pub register: String,
    /// Whose public holidays were counted with.
    pub calendar: String,
    /// The register's diagnostics, in order.
    pub problems: &'a [RegisterDiagnostic],
}

impl PerformanceReport {
    pub fn new(measured: Measured) -> PerformanceReport {
        let Measured {
            charter,
            view,
            results,
            settings,
            period,
            register,
            calendar,
            problems,
        } = measured;
        let langs: Vec<&crate::model::Lang> = charter.languages.iter().map(|l| &l.value).collect();
        let tr = Tr::new(&langs, &charter.labels);
        let words = |amount: i64, limit: Limit| -> Tx {
            tr.each(|_, locale| Some(duration_words(amount, limit, locale)))
        };
        let mut total = TotalView::default();
        let services: Vec<ServiceReport> = results
            .services
            .iter()
            .zip(&view.services)
            .map(|(result, shown)| {
                let tally = &result.tally;
                let limit = result.limit.as_ref().ok().copied();
                let target = settings.target_of(
                    result
                        .service
                        .number
                        .as_ref()
                        .map(|n| n.value.written.as_str()),
                    result.service.name.all(),
                );
                let performance = tally.performance();
                let by_case = matches!(
                    result.limit,
                    Err(crate::register::limit::Unmeasurable::NeedsCase(_))
                );
                let measured = limit.is_some() || by_case;
                let requests = tally.total + tally.pending + result.unmeasured;
                total.requests += requests;
                total.total_volume += tally.total;
                total.volume_meeting_target += tally.met;
                total.pending += tally.pending;
                total.overdue += tally.overdue;
                // Times in words need one unit: a promise by case has its cases' when they
                // share one.
                let unit = limit.or_else(|| common_limit(result.service.timeline.as_ref()?));
                let in_words = |amount: Option<i64>| Some(words(amount?, unit?));
                ServiceReport {
                    service: result.key.clone(),
                    name: shown.name.clone(),
                    depth: shown.depth,
                    standard: shown.timeline.clone(),
                    limit: limit.map(|l| LimitView {
                        unit: unit_key(l).to_owned(),
                        amount: l.amount(),
                    }),
                    not_measured: match &result.limit {
                        Err(why) if !measured => Some(why.to_string()),
                        _ => None,
                    },
                    target,
                    requests,
                    total_volume: if measured {
                        tally.total
                    } else {
                        result.unmeasured
                    },
                    volume_meeting_target: tally.met,
                    performance: performance.filter(|_| measured),
                    performance_words: performance.filter(|_| measured).map(percent),
                    target_words: percent(target),
                    target_met: performance.filter(|_| measured).map(|p| p + 1e-9 >= target),
                    median: tally.median(),
                    p90: tally.percentile(90),
                    slowest: tally.slowest.and_then(|(time, line)| {
                        Some(Slowest {
                            time,
                            words: in_words(Some(time))?,
                            line,
                        })
                    }),
                    median_words: in_words(tally.median()),
                    p90_words: in_words(tally.percentile(90)),
                    pending: tally.pending,
                    overdue: tally.overdue,
                    previous: None,
                }
            })
            .collect();
        total.performance = (total.total_volume > 0)
            .then(|| total.volume_meeting_target as f64 / total.total_volume as f64);
        total.performance_words = total.performance.map(percent);
        let excluded: Vec<Excluded> = problems
            .iter()
            .map(|d| Excluded {
                line: d.line,
                column: d.column,
                code: d.diagnostic.code.code.to_owned(),
                name: d.diagnostic.code.name.to_owned(),
                message: d.diagnostic.message.clone(),
            })
            .collect();
        let mut excluded_kinds: Vec<ExcludedKind> = Vec::new();
        for problem in &excluded {
            let kind = match excluded_kinds.iter_mut().find(|k| k.code == problem.code) {
                Some(kind) => kind,
                None => {
                    excluded_kinds.push(ExcludedKind {
                        code: problem.code.clone(),
                        name: problem.name.clone(),
                        count: 0,
                        lines: Vec::new(),
                        example: problem.message.clone(),
                    });
                    excluded_kinds.last_mut().expect("just pushed")
                }
            };
            kind.count += 1;
            if let Some(line) = problem.line
                && kind.lines.len() < 10
                && kind.lines.last() != Some(&line)
            {
                kind.lines.push(line);
            }
        }
        excluded_kinds.sort_by(|a, b| a.code.cmp(&b.code));
        let day = |d: jiff::civil::Date| d.to_string();
        let period_words = tr.each(|_, locale| {
            let date = |d: jiff::civil::Date| locale.date(d, crate::locale::Precision::Day);
            // The period asked for, its open ends closed by the register's own dates.
            let first = period.from.or(results.scan.received.map(|r| r.0));
            let last = period.to.or(results.scan.received.map(|r| r.1));
            Some(match (first, last) {
                (Some(from), Some(to)) if from == to => date(from),
                (Some(from), Some(to)) => format!("{} – {}", date(from), date(to)),
                _ => date(period.as_of),
            })
        });
        PerformanceReport {
            title: tr.each(|_, locale| Some(locale.report_word("title").to_owned())),
            charter: view.title.clone(),
            office: view.organization.name.clone(),
            period: PeriodView {
                from: period.from.map(day),
                to: period.to.map(day),
                as_of: day(period.as_of),
                words: period_words,
            },
            calendar,
            register: RegisterView {
                file: register,
                rows: results.scan.rows,
                outside_period: results.scan.outside,
                left_out: results.scan.left_out,
                ignored_columns: results.scan.ignored_columns.clone(),
            },
            services,
            total,
            excluded,
            excluded_kinds,
        }
    }
}

/// The limit of a promise by case whose cases are all in one unit (the longest), for
/// writing its times in words.
fn common_limit(timeline: &crate::model::Timeline) -> Option<Limit> {
    let crate::model::timeline::TimelineKind::Cases { cases } = &timeline.kind else {
        return None;
    };
    let limits: Vec<Limit> = cases
        .iter()
        .map(|c| Limit::of(&c.timeline, None).ok())
        .collect::<Option<_>>()?;
    let first = *limits.first()?;
    limits
        .iter()
        .all(|l| std::mem::discriminant(l) == std::mem::discriminant(&first))
        .then(|| {
            *limits
                .iter()
                .max_by_key(|l| l.amount())
                .expect("one at least")
        })
}

/// A share as a whole percentage, rounded, but never up to 100% nor down to 0% unless it
/// is all or none: "100%" must mean every request.
fn percent(share: f64) -> String {
    let whole = if share >= 1.0 {
        100.0
    } else if share <= 0.0 {
        0.0
    } else {
        (share * 100.0).round().clamp(1.0, 99.0)
    };
    format!("{whole:.0}%")
}

/// The unit's key in the data.
fn unit_key(limit: Limit) -> &'static str {
    match limit {
        Limit::WorkingDays(_) => "working-days",
        Limit::Days(_) => "days",
        Limit::Months(_) => "months",
        Limit::Minutes(_) => "minutes",
    }
}

/// `amount` of the limit's unit in words: `3 working days`, `siku 3 za kazi`; minutes of
/// an hour or more as hours and minutes.
fn duration_words(amount: i64, limit: Limit, locale: &Locale) -> String {
    let amount = u32::try_from(amount.max(0)).unwrap_or(u32::MAX);
    let (unit, basis) = match limit {
        Limit::WorkingDays(_) => (Unit::Days, Some(Basis::Working)),
        Limit::Days(_) => (Unit::Days, None),
        Limit::Months(_) => (Unit::Months, None),
        Limit::Minutes(_) => (Unit::Minutes, None),
    };
    let measure = if unit == Unit::Minutes && amount >= 60 {
        Measure {
            amount: amount / 60,
            max: None,
            unit: Some(Unit::Hours),
            basis: None,
            plus: if amount % 60 > 0 {
                vec![(amount % 60, Unit::Minutes)]
            } else {
                Vec::new()
            },
        }
    } else {
        Measure {
            amount,
            max: None,
            unit: Some(unit),
            basis,
            plus: Vec::new(),
        }
    };
    locale.duration(&measure)
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
