//! `charter report CHARTER --requests FILE`: how well the charter's promises were kept,
//! from the office's register of requests.
//!
//! The run is a plan made from the arguments and `charter.toml` first (the charter, the
//! settings, the calendar, the period, the theme), so that every mistake in them is found
//! before a row is read; then the register is streamed once, and the report written in
//! each format. Rows that cannot be counted are reported, all of them, at their line and
//! column; the report counts the rest and says what it left out (exit status 1).

use std::path::{Path, PathBuf};

use jiff::civil::Date;

use super::{Color, err, errln, print_error, status, terminal_width};
use crate::calendar::{Calendar, OfficeHours};
use crate::config::Finder;
use crate::load::load;
use crate::model::Charter;
use crate::model::Standard;
use crate::performance::Complaints;
use crate::performance::{Measured, PerformanceReport, ReportFormat, ReportPage};
use crate::register::complaints::{ComplaintResults, complaint_standard};
use crate::register::diagnostics::{RegisterDiagnostic, of_failure, of_scan};
use crate::register::file::RegisterFile;
use crate::register::results::Results;
use crate::register::scan::HeaderOrRegister;
use crate::register::scan::Period;
use crate::register::settings::ReportSettings;
use crate::register::when::read_when;
use crate::render::Engine;
use crate::render::html::Templates;
use crate::report::HumanReporter;
use crate::source::SourceFile;
use crate::theme::Theme;
use crate::view::{Presentation, View};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The charter whose promises are measured.
    pub charter: PathBuf,

    /// The register of requests: a spreadsheet (.xlsx, .ods, …) or a CSV file with a row
    /// per request (the service, when it was received, when it was completed: empty while
    /// pending).
    #[arg(long, value_name = "FILE")]
    pub requests: PathBuf,

    /// Count requests received from this day (2026-01-01) [default: the register's first].
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,

    /// Count requests received up to this day [default: the register's last].
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,

    /// The day pending requests are judged on [default: `--to`, else today].
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,

    /// The register of complaints: a spreadsheet or CSV file with a row per complaint (when received,
    /// when resolved: empty while open; the route it was taken to, its category),
    /// measured against the charter's standard for complaints.
    #[arg(long, value_name = "FILE")]
    pub complaints: Option<PathBuf>,

    /// Last period's report (`--format json`), to compare with.
    #[arg(long, value_name = "FILE")]
    pub previous: Option<PathBuf>,

    /// What to write [default: pdf,html,json,csv].
    #[arg(long, value_enum, value_delimiter = ',')]
    pub format: Vec<ReportFormat>,

    /// The folder to write into [default: build].
    #[arg(short, long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,

    /// A built-in theme or a theme folder, for the PDF and the page [default: kenya].
    #[arg(long, value_name = "NAME|DIR")]
    pub theme: Option<String>,

    /// Set a theme option: `--set primary=#8b0000` (may be repeated).
    #[arg(long, value_name = "NAME=VALUE")]
    pub set: Vec<String>,

    /// The `charter.toml` to use [default: the nearest at or above the charter].
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// Everything the arguments and `charter.toml` decide, checked.
struct Plan<'c> {
    charter: &'c Charter,
    view: View,
    /// The standard complaints are measured against, with `--complaints`.
    complaint_standard: Option<&'c Standard>,
    settings: ReportSettings,
    calendar: Calendar,
    period: Period,
    formats: Vec<ReportFormat>,
    out_dir: PathBuf,
    /// The files' name before their ending: the charter's (`kitui-report.pdf`).
    stem: String,
    /// The theme (with its fonts) and its options, for the PDF and the page.
    engine: Option<(Engine, serde_json::Map<String, serde_json::Value>)>,
    previous: Option<PerformanceReport>,
}

pub fn run(args: Args, color: Color) -> u8 {
    let charter = match read_charter(&args.charter, color) {
        Ok(charter) => charter,
        Err(status) => return status,
    };
    let plan = match Plan::from_args(&args, &charter) {
        Ok(plan) => plan,
        Err(status) => return status,
    };
    let reporter = HumanReporter::new(color.for_stderr(), terminal_width());
    let register_name = crate::files::display_path(&args.requests);
    let results = match open(&args.requests).and_then(|reader| {
        Results::measure(
            plan.charter,
            &plan.calendar,
            reader,
            plan.period,
            &plan.settings.reading,
        )
        .map_err(|failure| headless(&reporter, &register_name, &failure))
    }) {
        Ok(results) => results,
        Err(status) => return status,
    };
    let problems = sheet_cells(&args.requests, of_scan(&results.scan));
    for problem in &problems {
        show(&reporter, &register_name, problem);
    }
    let complaints_name = args.complaints.as_deref().map(crate::files::display_path);
    let complaints = match (&args.complaints, plan.complaint_standard) {
        (Some(path), Some(standard)) => {
            let name = complaints_name.as_deref().unwrap_or_default();
            match open(path).and_then(|reader| {
                ComplaintResults::measure(
                    plan.charter,
                    standard,
                    &plan.calendar,
                    reader,
                    plan.period,
                    &plan.settings.reading,
                )
                .map_err(|failure| headless(&reporter, name, &failure))
            }) {
                Ok(results) => Some(results),
                Err(status) => return status,
            }
        }
        _ => None,
    };
    let complaint_problems = match (&args.complaints, &complaints) {
        (Some(path), Some(results)) => sheet_cells(path, of_scan(&results.scan)),
        _ => Vec::new(),
    };
    for problem in &complaint_problems {
        show(
            &reporter,
            complaints_name.as_deref().unwrap_or_default(),
            problem,
        );
    }
    let view = &plan.view;
    let mut report = PerformanceReport::new(Measured {
        charter: plan.charter,
        view,
        results: &results,
        settings: &plan.settings,
        period: plan.period,
        // Its name, not where it lies on this machine: the report is published.
        register: file_name(&args.requests),
        calendar: plan.calendar.described(),
        office_hours: plan.calendar.hours().map(|h| h.to_string()),
        problems: &problems,
        complaints: complaints.as_ref().map(|results| Complaints {
            results,
            register: args
                .complaints
                .as_deref()
                .map(file_name)
                .unwrap_or_default(),
            problems: &complaint_problems,
        }),
    });
    if let Some(previous) = &plan.previous {
        report = report.compared_with(previous);
    }
    let written = match write(&plan, view, &report) {
        Ok(written) => written,
        Err(status) => return status,
    };
    summary(&report, results.scan.dates.doubtful(), &written);
    let incomplete =
        |scan: &crate::register::scan::Scan| scan.left_out > 0 || scan.stopped.is_some();
    if incomplete(&results.scan) || complaints.as_ref().is_some_and(|c| incomplete(&c.scan)) {
        status::PROBLEMS
    } else {
        status::OK
    }
}

/// A register, opened: a CSV file to be streamed, or a spreadsheet's first sheet.
fn open(path: &Path) -> Result<RegisterFile, u8> {
    RegisterFile::open(path).map_err(|error| {
        print_error(&format!(
            "cannot read the register `{}`: {error}",
            crate::files::display_path(path)
        ));
        status::FAILURE
    })
}

/// A spreadsheet's problems with their cells named as the spreadsheet names them.
fn sheet_cells(path: &Path, problems: Vec<RegisterDiagnostic>) -> Vec<RegisterDiagnostic> {
    if crate::register::sheet::is_spreadsheet(path) {
        problems
            .into_iter()
            .map(RegisterDiagnostic::in_sheet)
            .collect()
    } else {
        problems
    }
}

/// A register whose heading row cannot be used: said, and nothing written.
fn headless(reporter: &HumanReporter, name: &str, failure: &HeaderOrRegister) -> u8 {
    show(reporter, name, &of_failure(failure));
    errln!("No report written: a register's rows cannot be read without its columns.");
    status::PROBLEMS
}

fn show(reporter: &HumanReporter, file: &str, d: &RegisterDiagnostic) {
    let row = d
        .row
        .as_ref()
        .map(|(text, range)| (text.as_str(), range.clone()));
    err!(
        "{}",
        reporter.render_at(file, d.line, d.column, row, &d.diagnostic)
    );
}

impl<'c> Plan<'c> {
    fn from_args(args: &Args, charter: &'c Charter) -> Result<Plan<'c>, u8> {
        let fail = |message: String| {
            print_error(&message);
            status::FAILURE
        };
        let mut finder = Finder::default();
        let config = finder
            .config_for(&args.charter, args.config.as_deref())
            .map_err(|e| fail(e.to_string()))?;
        let settings = match &config {
            Some(config) => ReportSettings::from_table(&config.report).map_err(|message| {
                fail(format!(
                    "`{}`: {message}",
                    crate::files::display_path(&config.path)
                ))
            })?,
            None => ReportSettings::default(),
        };
        let complaint_standard = match &args.complaints {
            Some(_) => Some(
                complaint_standard(charter, settings.complaints.as_deref()).map_err(|named| {
                    fail(no_complaint_standard(
                        settings.complaints.as_deref(),
                        &named,
                    ))
                })?,
            ),
            None => None,
        };
        let country = match (&settings.country, &charter.organization.country) {
            (Some(country), _) => country.clone(),
            (None, Some(country)) => country.value.0.clone(),
            (None, None) => {
                return Err(fail(format!(
                    "`{}` does not say which country its office is in, so its public holidays \
                     are not known: add `country: KE` (or TZ, PH, IN) under `organization`, or \
                     `country = \"KE\"` under `[report]` in charter.toml",
                    crate::files::display_path(&args.charter)
                )));
            }
        };
        // The office's hours: as charter.toml gives them, else as the charter's words do.
        let hours = settings.hours.or_else(|| {
            let words = charter.organization.hours.as_ref()?;
            words.all().find_map(OfficeHours::read)
        });
        // A country whose holidays are not known: what is promised in days and hours is
        // measured all the same, and each promise in working days says why it is not.
        let calendar = match Calendar::through(
            &country,
            settings.closures.iter().cloned(),
            settings.holidays_through,
        ) {
            Ok(calendar) => calendar,
            Err(error) => {
                errln!(
                    "note: {error}: promises in working days cannot be measured; those in days, months and hours are."
                );
                Calendar::without_holidays(&country)
            }
        }
        .with_hours(hours);
        let day = |flag: &str, text: &Option<String>| -> Result<Option<Date>, u8> {
            text.as_deref()
                .map(|text| {
                    read_when(text, settings.reading.order)
                        .map(|when| when.date)
                        .map_err(|e| fail(format!("`--{flag} {text}`: {}", e.message)))
                })
                .transpose()
        };
        let from = day("from", &args.from)?;
        let to = day("to", &args.to)?;
        let as_of = day("as-of", &args.as_of)?;
        if let (Some(from), Some(to)) = (from, to)
            && to < from
        {
            return Err(fail(format!("`--to {to}` is before `--from {from}`")));
        }
        let as_of = as_of.or(to).unwrap_or_else(today);
        if let Some(from) = from
            && as_of < from
        {
            return Err(fail(format!(
                "pending requests would be judged on {as_of}, before the period starts \
                 (`--from {from}`): give `--as-of` or `--to` on or after it"
            )));
        }
        let period = Period { from, to, as_of };
        check_targets(charter, &settings).map_err(fail)?;
        let formats = if args.format.is_empty() {
            vec![
                ReportFormat::Pdf,
                ReportFormat::Html,
                ReportFormat::Json,
                ReportFormat::Csv,
            ]
        } else {
            let mut formats = args.format.clone();
            formats.dedup();
            formats
        };
        let out_dir = args
            .out_dir
            .clone()
            .or_else(|| config.as_ref().and_then(|c| c.build.out_dir.clone()))
            .unwrap_or_else(|| PathBuf::from("build"));
        if out_dir.exists() && !out_dir.is_dir() {
            return Err(fail(format!(
                "`{}` is a file, not a folder: `-o` names the folder the report goes in",
                out_dir.display()
            )));
        }
        let themed = formats
            .iter()
            .any(|f| matches!(f, ReportFormat::Pdf | ReportFormat::Html));
        let engine = if themed {
            let name = args
                .theme
                .clone()
                .or_else(|| config.as_ref().and_then(|c| c.build.theme.clone()))
                .unwrap_or_else(|| crate::theme::DEFAULT.to_owned());
            let theme = Theme::load(&name).map_err(|e| fail(e.to_string()))?;
            let mut set: Vec<String> = config
                .as_ref()
                .map(|c| {
                    c.build
                        .options
                        .iter()
                        .map(|(name, value)| {
                            format!("{name}={}", crate::config::BuildTable::option_text(value))
                        })
                        .collect()
                })
                .unwrap_or_default();
            set.extend(args.set.iter().cloned());
            let options = super::build::theme_options(&theme, &set).map_err(fail)?;
            Some((Engine::new(theme, &[]), options))
        } else {
            None
        };
        // The charter as printed: its services' names and promises, its office, its title.
        let view = View::new(
            charter,
            &Presentation {
                layout: crate::model::Layout::Handbook,
                logo: None,
            },
        );
        let previous = args
            .previous
            .as_deref()
            .map(|path| {
                crate::performance::previous::read(path, &view.organization.name, &view.title)
                    .map_err(|message| {
                        fail(format!(
                            "`--previous {}`: {message}",
                            crate::files::display_path(path)
                        ))
                    })
            })
            .transpose()?;
        // A period's report is named for it, so the next period's does not replace it.
        let charter_stem = args
            .charter
            .file_stem()
            .map_or("charter".into(), |s| s.to_string_lossy().into_owned());
        let stem = match (from, to) {
            (Some(from), Some(to)) => format!("{charter_stem}-report-{from}-to-{to}"),
            _ => format!("{charter_stem}-report"),
        };
        let inputs: Vec<&Path> = [Some(args.charter.as_path()), Some(args.requests.as_path())]
            .into_iter()
            .chain([args.complaints.as_deref(), args.previous.as_deref()])
            .flatten()
            .collect();
        for format in &formats {
            let output = out_dir.join(format!("{stem}.{}", format.extension()));
            if let Some(input) = inputs.iter().find(|input| same_file(input, &output)) {
                return Err(fail(format!(
                    "the report's `{}` would replace `{}`, which it reads: name another folder with `-o`",
                    crate::files::display_path(&output),
                    crate::files::display_path(input)
                )));
            }
        }
        Ok(Plan {
            charter,
            view,
            complaint_standard,
            settings,
            calendar,
            period,
            formats,
            out_dir,
            stem,
            engine,
            previous,
        })
    }
}

/// Why complaints cannot be measured: the charter states no time for them (or not under
/// the name given), with the standards that have a time.
fn no_complaint_standard(named: Option<&str>, standards: &[String]) -> String {
    let have = if standards.is_empty() {
        "its standards state no time".to_owned()
    } else {
        format!("its standards with a time: {}", standards.join("; "))
    };
    match named {
        Some(named) => {
            format!("`[report] complaints = \"{named}\"` names no standard of the charter ({have})")
        }
        None => format!(
            "the charter states no time for handling complaints, so `--complaints` has \
             nothing to measure against ({have}): add a standard such as `{{name: Complaints, \
             text: ..., timeline: 14 days}}` under `standards`, or name the one that applies \
             in charter.toml: `[report] complaints = \"Its name\"`"
        ),
    }
}

/// A file's name, without its folder.
fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || crate::files::display_path(path),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Whether two paths name the same file (an output not written yet is no input's).
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Every `[report.targets]` key names a service of the charter, by its number or name.
fn check_targets(charter: &Charter, settings: &ReportSettings) -> Result<(), String> {
    let mut keys: Vec<String> = Vec::new();
    fn walk(services: &[crate::model::Service], keys: &mut Vec<String>) {
        for service in services {
            keys.extend(service.number.iter().map(|n| n.value.written.clone()));
            keys.extend(service.name.all().map(|n| n.trim().to_owned()));
            walk(&service.services, keys);
        }
    }
    walk(&charter.services.list, &mut keys);
    keys.push("complaints".to_owned());
    for (key, _) in &settings.targets {
        if !keys.contains(key) {
            let near = crate::suggest::did_you_mean(key, keys.iter().map(String::as_str))
                .map(|k| format!(" (did you mean `{k}`?)"))
                .unwrap_or_default();
            return Err(format!(
                "`[report.targets]` has `\"{key}\"`{near}, which is no service of the charter: \
                 name each by its number or its name (or `complaints`)"
            ));
        }
    }
    Ok(())
}

/// Loads the charter; one with errors cannot be measured against.
fn read_charter(path: &Path, color: Color) -> Result<Charter, u8> {
    let read = SourceFile::read(path).map_err(|error| {
        print_error(&error);
        status::FAILURE
    })?;
    let loaded = load(read);
    let reporter = HumanReporter::new(color.for_stderr(), terminal_width());
    for d in &loaded.diagnostics {
        err!("{}", reporter.render(&loaded.source, d));
    }
    let charter = loaded.charter.ok_or_else(|| {
        print_error(&format!(
            "`{}` is not a valid charter; fix it with `charter check` first",
            crate::files::display_path(path)
        ));
        status::FAILURE
    })?;
    if charter.services.list.is_empty() {
        print_error(&format!(
            "`{}` lists no services, so there are no promises to measure a register against: \
             list them under `services` (each with its `timeline`)",
            crate::files::display_path(path)
        ));
        return Err(status::FAILURE);
    }
    Ok(charter)
}

/// The day the report is made, for judging pending requests when no day is given: from
/// `SOURCE_DATE_EPOCH` when set (so a pipeline can fix it), else the clock.
fn today() -> Date {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|secs| secs.trim().parse::<i64>().ok())
        .and_then(|secs| jiff::Timestamp::from_second(secs).ok())
        .unwrap_or_else(jiff::Timestamp::now)
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date()
}

/// Writes each format, each file whole or not at all; returns the paths written.
fn write(plan: &Plan, view: &View, report: &PerformanceReport) -> Result<Vec<PathBuf>, u8> {
    let templates = match (&plan.engine, plan.formats.contains(&ReportFormat::Html)) {
        (Some((engine, _)), true) => match Templates::load(&engine.theme) {
            Ok(templates) => Some(templates),
            Err(problems) => return Err(theme_failed(&problems)),
        },
        _ => None,
    };
    let page = plan.engine.as_ref().map(|(engine, options)| ReportPage {
        engine,
        templates: templates.as_ref(),
        view,
        options,
    });
    let mut written = Vec::new();
    let mut rendered = Vec::new();
    let mut failed = false;
    for format in &plan.formats {
        let path = plan
            .out_dir
            .join(format!("{}.{}", plan.stem, format.extension()));
        match format.render(report, page.as_ref()) {
            Ok(bytes) => rendered.push((path, bytes)),
            Err(problems) => {
                theme_failed(&problems);
                failed = true;
            }
        }
    }
    // All of the report or none of it: a page that failed leaves last period's set whole.
    if failed {
        return Err(status::FAILURE);
    }
    for (path, bytes) in rendered {
        if let Err(error) = crate::files::write_atomic(&path, &bytes) {
            print_error(&error);
            return Err(status::FAILURE);
        }
        written.push(path);
    }
    Ok(written)
}

fn theme_failed(problems: &[crate::theme::ThemeDiagnostic]) -> u8 {
    let reporter = HumanReporter::new(false, terminal_width());
    for problem in problems {
        err!("{}", reporter.render(&problem.source, &problem.diagnostic));
    }
    status::FAILURE
}

/// The run in a few lines, on stderr.
fn summary(report: &PerformanceReport, doubtful_dates: bool, written: &[PathBuf]) {
    let total = &report.total;
    let share = match &total.performance_words {
        Some(share) => format!(", {share} within the charter's standards"),
        None => String::new(),
    };
    let services = report
        .services
        .iter()
        .filter(|s| s.measures.requests > 0)
        .count();
    errln!(
        "Reported {} of {} received {} from {}: {} completed{share}; {} pending past their standard.",
        count(total.requests, "request", "requests"),
        count(services as u64, "service", "services"),
        report.period.words.first().map_or("", String::as_str),
        report.register.file,
        total.total_volume,
        total.overdue,
    );
    if doubtful_dates {
        errln!(
            "note: every date like 06/02/2025 was read day first (6 February): if the register puts the month first, say so in charter.toml: [report] dates = \"month-first\"."
        );
    }
    left_out(&report.register, report.excluded.len());
    if let Some(complaints) = &report.complaints {
        let share = match &complaints.total.performance_words {
            Some(share) => format!(", {share} within the standard"),
            None => String::new(),
        };
        errln!(
            "Reported {} from {}: {} resolved{share}; {} open past it.",
            count(complaints.total.requests, "complaint", "complaints"),
            complaints.register.file,
            complaints.total.total_volume,
            complaints.total.overdue,
        );
        left_out(&complaints.register, complaints.excluded.len());
    }
    for path in written {
        errln!("Wrote {}", crate::files::display_path(path));
    }
}

/// `1 request`, `2 requests`.
fn count(n: u64, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// What of a register was not read or not counted, and why.
fn left_out(register: &crate::performance::RegisterView, shown: usize) {
    if !register.ignored_columns.is_empty() {
        let mut columns: Vec<String> = register
            .ignored_columns
            .iter()
            .take(10)
            .map(|c| format!("`{}`", crate::diagnostic::clip(c)))
            .collect();
        if register.ignored_columns.len() > 10 {
            columns.push(format!("and {} more", register.ignored_columns.len() - 10));
        }
        errln!(
            "{}: columns not read: {} (name them under [report.columns] in charter.toml if they are ones the report reads).",
            register.file,
            columns.join(", ")
        );
    }
    if register.outside_period > 0 {
        errln!(
            "{}: {} rows received outside the period were not counted.",
            register.file,
            register.outside_period
        );
    }
    if register.left_out > 0 {
        errln!(
            "{}: {} not counted, for the problems above{}.",
            register.file,
            if register.left_out == 1 {
                "1 row was".to_owned()
            } else {
                format!("{} rows were", register.left_out)
            },
            if register.left_out as usize > shown {
                format!(" (the first {shown} shown)")
            } else {
                String::new()
            }
        );
    }
}
