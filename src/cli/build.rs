//! `charter build`: charters in, posters out.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::PathBuf;

use clap::ValueEnum;

use super::{Color, errln, outln, print_error, status, terminal_width};
use crate::build::incremental::fingerprint;
use crate::build::run::{Batch, BuildResult, BuildRun, Progress, Status, build_paths};
use crate::build::worker::{Bounds, Plan, Pool};
use crate::config::{BuildTable, ConfigFile, Finder};
use crate::diagnostic::Severity;
use crate::discover::Exclude;
use crate::model::Layout;
use crate::paper::Paper;
use crate::render::{Engine, Settings, Sheets, default_standards, parse_standards};
use crate::render::{Format, Formats};
use crate::report::HumanReporter;
use crate::theme::{self, Theme};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub options: Options,

    /// Write a JSON summary of the run to FILE (`-` for standard output): per charter its
    /// status, outputs with sizes and SHA-256 hashes, diagnostics and time.
    #[arg(long, value_name = "FILE")]
    pub summary: Option<PathBuf>,

    /// Fail (exit 1) when any charter has a warning, such as a language without labels or a
    /// word too long for its column. Every charter is still built and reported first.
    #[arg(long)]
    pub deny_warnings: bool,
}

/// What a build is made of and where it goes: shared by `build`, `watch` and `serve`.
#[derive(Clone, Debug, clap::Args)]
pub struct Options {
    /// Charter files, or folders to search for `.yaml`/`.yml` files [default: .]
    pub paths: Vec<PathBuf>,

    /// The folder to write into. A folder argument's charters keep their paths below it
    /// [default: build].
    #[arg(short, long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,

    /// A built-in theme (see `charter themes`) or a theme folder [default: kenya].
    #[arg(long, value_name = "NAME|DIR")]
    pub theme: Option<String>,

    /// The sheet to print on [default: the theme's, A4 for a handbook].
    #[arg(long, value_enum)]
    pub paper: Option<Paper>,

    /// Turn the sheet sideways.
    #[arg(long)]
    pub landscape: bool,

    /// Print a sheet per language instead of one in all the charter's languages: `each`,
    /// or the languages to print (`sw`, `sw,en`), written `kitui.sw.pdf`, `kitui.en.pdf`;
    /// or `side`: one landscape sheet with a poster per language side by side (a charter in
    /// one language prints as usual; a handbook in all its languages). The web page stays
    /// in all of them.
    #[arg(long, value_name = "each|side|LANG,…", value_parser = parse_sheets)]
    pub lang: Option<Sheets>,

    /// `poster` (one sheet) or `handbook` (A4 pages with every section) [default: as the
    /// charter says, else poster].
    #[arg(long, value_enum)]
    pub layout: Option<LayoutArg>,

    /// What to write, comma-separated: `pdf`, `html` (a web page), `png` (a preview of page
    /// 1), `json` (the data the theme reads), `jsonld` (schema.org), `csv` (the services
    /// table), `hsds` (Open Referral HSDS 3.0), `cpsv` (the EU's CPSV-AP 3.2); see
    /// docs/exports.md [default: pdf,html].
    #[arg(long, value_enum, value_delimiter = ',')]
    pub format: Vec<Format>,

    /// Set a theme option, such as `--set primary=#0b5d3b` (see `charter themes`).
    #[arg(long = "set", value_name = "NAME=VALUE")]
    pub set: Vec<String>,

    /// PDF standards to meet, comma-separated (`a-2b`, `a-3b`, `ua-1`, `1.7`, …), or `none`
    /// for a plain tagged PDF [default: a-2b, and ua-1 when the theme meets it].
    #[arg(long, value_delimiter = ',')]
    pub pdf_standard: Vec<String>,

    /// A folder of extra fonts (for scripts the built-in fonts lack). System fonts are
    /// never used otherwise.
    #[arg(long, value_name = "DIR")]
    pub font_path: Vec<PathBuf>,

    #[command(flatten)]
    pub walk: super::WalkArgs,

    /// Build every charter, even those whose outputs are up to date.
    #[arg(long)]
    pub force: bool,

    /// Remove the outputs of charters that no longer exist (they are reported either way).
    #[arg(long)]
    pub clean: bool,

    /// Stop building a charter after this many seconds, and report it (a real charter
    /// takes well under one) [default: 60].
    #[arg(long, value_name = "SECONDS", value_parser = parse_seconds)]
    pub time_limit: Option<u64>,

    /// Stop building a charter that needs more than this many MB of memory, and report it
    /// (a real charter needs about 150) [default: 2048].
    #[arg(long, value_name = "MB", value_parser = clap::value_parser!(u64).range(64..=1_048_576))]
    pub memory_limit: Option<u64>,

    /// Print only problems, not a line per charter built.
    #[arg(short, long, conflicts_with = "verbose")]
    pub quiet: bool,

    /// Also print charters that were up to date, files skipped as not charters, and
    /// timings.
    #[arg(short, long)]
    pub verbose: bool,

    /// The `charter.toml` whose `[build]` table to use [default: the nearest one at or
    /// above the paths built]. Flags win over it.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LayoutArg {
    Poster,
    Handbook,
}

/// What a run builds with, checked before any charter is read: shared by `build`,
/// `watch` and `serve`.
pub(super) struct Prepared {
    pub engine: Engine,
    pub settings: Settings,
    pub paths: Vec<PathBuf>,
    pub out_dir: PathBuf,
    pub exclude: Exclude,
    pub args: Options,
    /// The run's fingerprint for incremental builds: the theme's manifest as parsed, and
    /// its folder's files hashed before the templates and Typst files are read for building
    /// (a theme saved meanwhile can then only make the next run build again).
    pub fingerprint: String,
    /// The worker processes each charter is built in, within the time and memory bounds.
    pub pool: Pool,
}

impl Prepared {
    /// Builds every charter of the run's paths into its output folder.
    pub fn build(&self, batch: &Batch) -> BuildRun {
        build_paths(
            &self.paths,
            &self.out_dir,
            &self.engine,
            &self.settings,
            batch,
        )
    }

    pub fn verbosity(&self) -> Verbosity {
        if self.args.quiet {
            Verbosity::Quiet
        } else if self.args.verbose {
            Verbosity::Verbose
        } else {
            Verbosity::Normal
        }
    }
}

/// Reads `charter.toml`, loads the theme and its templates, checks the flags. On failure
/// the problem has been printed and the exit status is returned.
pub(super) fn prepare(args: Options, color: Color) -> Result<Prepared, u8> {
    let args = with_config(args).map_err(|message| {
        print_error(&message);
        status::FAILURE
    })?;
    let theme_name = args
        .theme
        .clone()
        .unwrap_or_else(|| theme::DEFAULT.to_owned());
    let theme = Theme::load(&theme_name).map_err(|error| {
        print_error(&error);
        status::FAILURE
    })?;
    let settings = settings(&args, &theme).map_err(|message| {
        print_error(&message);
        status::FAILURE
    })?;
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    if let Some(missing) = args.font_path.iter().find(|p| !p.is_dir()) {
        print_error(&format!(
            "there is no font folder `{}` (`--font-path` takes a folder of .ttf/.otf files)",
            missing.display()
        ));
        return Err(status::FAILURE);
    }
    let mut engine = Engine::new(theme, &args.font_path);
    for (path, why) in &engine.fonts.skipped {
        errln!("warning: font `{}` not used: {why}", path.display());
    }
    let fingerprint = match fingerprint(&engine.theme, &settings, &engine.fonts.files) {
        Ok(fingerprint) => fingerprint,
        Err(error) => {
            print_error(&error);
            return Err(status::FAILURE);
        }
    };
    if settings.formats.contains(Format::Html) {
        // The templates are the theme's: when they do not parse, no charter can be built.
        match crate::render::html::Templates::load(&engine.theme) {
            Ok(templates) => engine.templates = Some(templates),
            Err(problems) => {
                let reporter = HumanReporter::new(color.for_stderr(), terminal_width());
                for problem in &problems {
                    errln!(
                        "{}",
                        reporter
                            .render(&problem.source, &problem.diagnostic)
                            .trim_end()
                    );
                }
                return Err(status::PROBLEMS);
            }
        }
    }
    let out_dir = args
        .out_dir
        .clone()
        .unwrap_or_else(|| PathBuf::from("build"));
    if out_dir.exists() && !out_dir.is_dir() {
        print_error(&format!(
            "`{}` is a file, not a folder: `-o` names the folder the posters go in",
            out_dir.display()
        ));
        return Err(status::FAILURE);
    }
    let exclude = args.walk.exclude()?;
    let defaults = Bounds::default();
    let bounds = Bounds {
        time: args
            .time_limit
            .map_or(defaults.time, std::time::Duration::from_secs),
        memory: args
            .memory_limit
            .map_or(defaults.memory, |mb| mb * 1024 * 1024),
    };
    let program = std::env::current_exe().map_err(|e| {
        print_error(&format!("cannot find the charter program itself: {e}"));
        status::FAILURE
    })?;
    let pool = Pool::new(
        program,
        Plan {
            theme: engine.theme.spec(),
            font_paths: args.font_path.clone(),
            settings: settings.clone(),
            bounds,
        },
    );
    Ok(Prepared {
        engine,
        settings,
        paths,
        out_dir,
        exclude,
        args,
        fingerprint,
        pool,
    })
}

pub fn run(args: Args, color: Color) -> u8 {
    let Args {
        options,
        summary,
        deny_warnings,
    } = args;
    let prepared = match prepare(options, color) {
        Ok(prepared) => prepared,
        Err(status) => return status,
    };
    let start = std::time::Instant::now();
    let args = &prepared.args;
    let bar = (!args.quiet && std::io::stderr().is_terminal()).then(ProgressBar::new);
    let batch = Batch {
        exclude: prepared.exclude.clone(),
        force: args.force,
        clean: args.clean,
        fingerprint: Some(prepared.fingerprint.clone()),
        progress: bar.as_ref().map(|bar| bar as &(dyn Progress + Sync)),
        waiting: Some(&say_waiting),
        isolation: Some(&prepared.pool),
    };
    stop_on_ctrl_c();
    let run = prepared.build(&batch);
    if let Some(bar) = &bar {
        bar.finish();
    }
    report(&run, color, prepared.verbosity());
    if let Some(path) = &summary {
        let json =
            crate::build::summary::to_json(&run, prepared.engine.theme.name(), start.elapsed());
        if path.as_os_str() == "-" {
            outln!("{json}");
        } else if let Err(e) = crate::files::write_atomic(path, format!("{json}\n").as_bytes()) {
            print_error(&e.to_string());
            return status::FAILURE;
        }
    }
    let warnings = warnings(&run);
    if deny_warnings && warnings > 0 {
        errln!(
            "{warnings} {} denied by --deny-warnings",
            if warnings == 1 { "warning" } else { "warnings" }
        );
    }
    if run.interrupted {
        status::INTERRUPTED
    } else if !run.errors.is_empty() {
        status::FAILURE
    } else if run.failed() > 0 || (deny_warnings && warnings > 0) {
        status::PROBLEMS
    } else {
        status::OK
    }
}

/// How many warnings the charters of a run have.
fn warnings(run: &crate::build::run::BuildRun) -> usize {
    run.results
        .iter()
        .flat_map(|r| &r.diagnostics)
        .filter(|d| d.severity == crate::diagnostic::Severity::Warning)
        .count()
}

/// The command line's settings, checked against the theme before any charter is read.
fn settings(args: &Options, theme: &Theme) -> Result<Settings, String> {
    let manifest = &theme.manifest;
    let layout = args.layout.map(|l| match l {
        LayoutArg::Poster => Layout::Poster,
        LayoutArg::Handbook => Layout::Handbook,
    });
    if let Some(paper) = args.paper
        && layout != Some(Layout::Handbook)
        && !manifest.papers.contains(&paper)
    {
        let papers: Vec<&str> = manifest.papers.iter().map(|p| p.name()).collect();
        return Err(format!(
            "theme `{}` is not designed for {paper}; it supports: {}",
            manifest.name,
            papers.join(", ")
        ));
    }
    let options = theme_options(theme, &args.set)?;
    let standards = if args.pdf_standard.is_empty() {
        default_standards(theme)
    } else {
        args.pdf_standard.clone()
    };
    let standards: Vec<String> = standards
        .iter()
        .filter(|s| s.as_str() != "none")
        .cloned()
        .collect();
    let standards = parse_standards(&standards)?;
    Ok(Settings {
        paper: args.paper,
        landscape: args.landscape,
        layout,
        options,
        standards,
        formats: if args.format.is_empty() {
            Formats::of(Format::DEFAULT)
        } else {
            Formats::of(args.format.iter().copied())
        },
        sheets: args.lang.clone().unwrap_or_default(),
    })
}

/// The theme's options: its defaults, then each `NAME=VALUE` of `set` (from
/// `charter.toml`'s `[build.options]`, then `--set`), checked against the theme.
pub(super) fn theme_options(
    theme: &Theme,
    set: &[String],
) -> Result<serde_json::Map<String, serde_json::Value>, String> {
    let manifest = &theme.manifest;
    let mut options = Settings::defaults(theme)?.options;
    for assignment in set {
        let Some((name, value)) = assignment.split_once('=') else {
            return Err(format!(
                "`--set {assignment}` needs a value: write `--set NAME=VALUE`"
            ));
        };
        let name = name.trim();
        let Some(spec) = manifest.options.get(name) else {
            let known: Vec<&str> = manifest.options.keys().map(String::as_str).collect();
            let close = crate::suggest::did_you_mean(name, known.iter().copied())
                .map(|c| format!(" (did you mean `{c}`?)"))
                .unwrap_or_default();
            return Err(format!(
                "theme `{}` has no option `{name}`{close}; its options: {}",
                manifest.name,
                known.join(", ")
            ));
        };
        let value = spec
            .parse(value.trim())
            .map_err(|expected| format!("option `{name}` takes {expected}, not `{value}`"))?;
        options.insert(name.to_owned(), value);
    }
    Ok(options)
}

/// `--time-limit`: whole seconds, in words a newcomer can act on.
fn parse_seconds(value: &str) -> Result<u64, String> {
    match value.trim().parse::<u64>() {
        Ok(seconds @ 1..=86_400) => Ok(seconds),
        _ => {
            Err("write whole seconds, from 1 to 86400 (a real charter takes well under one)".into())
        }
    }
}

/// `--lang each`, `--lang side`, or language codes joined by commas.
fn parse_sheets(value: &str) -> Result<Sheets, String> {
    let value = value.trim();
    if value.eq_ignore_ascii_case("each") || value.eq_ignore_ascii_case("all") {
        return Ok(Sheets::Each);
    }
    if value.eq_ignore_ascii_case("side") {
        return Ok(Sheets::Side);
    }
    let mut codes: Vec<String> = Vec::new();
    for code in value.split(',').map(|c| c.trim().to_lowercase()) {
        if !code.is_empty() && !codes.contains(&code) {
            codes.push(code);
        }
    }
    if codes.is_empty() {
        return Err("write `each`, `side`, or language codes such as `sw` or `sw,en`".into());
    }
    if let Some(bad) = codes.iter().find(|c| !crate::model::lang::is_code(c)) {
        return Err(format!(
            "`{bad}` is not a language code; write `each`, `side`, or codes such as `sw,en`"
        ));
    }
    Ok(Sheets::Only(codes))
}

/// Fills what the command line leaves out from the `[build]` table of `charter.toml`: the
/// one `--config` names, else the nearest at or above the paths built (the current folder
/// when none is given). A build's settings are the run's, so paths under different files
/// are refused rather than built with one of them.
fn with_config(mut args: Options) -> Result<Options, String> {
    let mut finder = Finder::default();
    let path = match &args.config {
        Some(path) => Some(path.clone()),
        None => {
            let starts = if args.paths.is_empty() {
                vec![PathBuf::from(".")]
            } else {
                args.paths.clone()
            };
            let mut found: Vec<(Option<PathBuf>, &std::path::Path)> = Vec::new();
            for start in &starts {
                let file = finder.find(start);
                if !found.iter().any(|(f, _)| *f == file) {
                    found.push((file, start));
                }
            }
            if let [(first, first_start), (second, second_start), ..] = found.as_slice() {
                let name = |file: &Option<PathBuf>| {
                    file.as_deref().map_or("no charter.toml".to_owned(), |f| {
                        format!("`{}`", crate::files::display_path(f))
                    })
                };
                return Err(format!(
                    "`{}` is under {} and `{}` under {}: a build uses one `charter.toml`, so \
                     build them in separate runs, or name one with `--config`",
                    crate::files::display_path(first_start),
                    name(first),
                    crate::files::display_path(second_start),
                    name(second),
                ));
            }
            found.into_iter().next().and_then(|(file, _)| file)
        }
    };
    let Some(path) = path else {
        return Ok(args);
    };
    let config = ConfigFile::load(&path).map_err(|e| e.to_string())?.build;
    args.theme = args.theme.or(config.theme);
    args.paper = args.paper.or(config.paper);
    args.landscape |= config.landscape.unwrap_or(false);
    if args.layout.is_none()
        && let Some(layout) = &config.layout
    {
        args.layout = Some(LayoutArg::from_str(layout, true).map_err(|_| {
            format!(
                "`{}`: `layout` must be `poster` or `handbook`, not `{layout}`",
                path.display()
            )
        })?);
    }
    args.out_dir = args.out_dir.or(config.out_dir);
    if args.format.is_empty()
        && let Some(formats) = &config.format
    {
        for format in formats {
            args.format.push(Format::from_name(format).ok_or_else(|| {
                let names: Vec<String> = Format::ALL
                    .iter()
                    .map(|f| format!("`{}`", f.name()))
                    .collect();
                format!(
                    "`{}`: `format` takes {}, not `{format}`",
                    path.display(),
                    names.join(", ")
                )
            })?);
        }
    }
    if args.pdf_standard.is_empty() {
        args.pdf_standard = config.pdf_standard.unwrap_or_default();
    }
    args.walk.exclude.extend(config.exclude.unwrap_or_default());
    if args.font_path.is_empty() {
        args.font_path = config.font_path.unwrap_or_default();
    }
    args.time_limit = args.time_limit.or(config.time_limit);
    args.memory_limit = args.memory_limit.or(config.memory_limit);
    // Options from the file first, so `--set` on the command line wins.
    let mut set: Vec<String> = config
        .options
        .iter()
        .map(|(name, value)| format!("{name}={}", BuildTable::option_text(value)))
        .collect();
    set.append(&mut args.set);
    args.set = set;
    Ok(args)
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Verbosity {
    Quiet,
    Normal,
    Verbose,
}

pub(super) fn report(run: &BuildRun, color: Color, verbosity: Verbosity) {
    for error in &run.errors {
        print_error(error);
    }
    let reporter = HumanReporter::new(color.for_stderr(), terminal_width());
    for result in &run.results {
        for diagnostic in &result.diagnostics {
            errln!("{}", reporter.render(&result.source, diagnostic).trim_end());
        }
        for theme in &result.theme {
            errln!(
                "{}",
                reporter.render(&theme.source, &theme.diagnostic).trim_end()
            );
        }
        if !result.theme.is_empty() {
            errln!("  while building {}\n", result.source.name());
        }
        if !result.stale.is_empty() {
            let stale: Vec<String> = result
                .stale
                .iter()
                .map(|p| crate::files::display_path(p))
                .collect();
            errln!(
                "note: {} {} from an earlier version of {}; do not print {} until it builds again",
                stale.join(", "),
                if stale.len() == 1 { "is" } else { "are" },
                result.source.name(),
                if stale.len() == 1 { "it" } else { "them" },
            );
        }
        if result.status == Status::Failed && !result.written.is_empty() {
            let written: Vec<String> = result
                .written
                .iter()
                .map(|p| crate::files::display_path(p))
                .collect();
            errln!(
                "note: {} written all the same: {} not depend on what failed",
                written.join(", "),
                if written.len() == 1 {
                    "it does"
                } else {
                    "they do"
                },
            );
        }
        let shown = match result.status {
            Status::Built => verbosity != Verbosity::Quiet,
            Status::UpToDate => verbosity == Verbosity::Verbose,
            Status::Failed | Status::NotStarted => false,
        };
        if shown && let Some(summary) = &result.summary {
            let written: Vec<String> = result
                .written
                .iter()
                .map(|p| crate::files::display_path(p))
                .collect();
            // A poster says the size its text was laid out at (it may have been shrunk to
            // fit); a handbook its page count; data alone neither.
            let paper = summary.paper.name().to_uppercase();
            let page_only = result
                .written
                .iter()
                .any(|p| p.extension().is_some_and(|e| e == "html"));
            let detail = match summary.pages {
                0 if page_only => "web page".to_owned(),
                0 => format!("{paper}, data only"),
                1 => format!("{paper}, 1 page, body text {} pt", summary.body_size),
                n => format!("{paper}, {n} pages"),
            };
            let (verb, time) = match result.status {
                Status::UpToDate => ("up to date", String::new()),
                _ if verbosity == Verbosity::Verbose => {
                    ("built", format!(" in {} ms", result.elapsed.as_millis()))
                }
                _ => ("built", String::new()),
            };
            errln!(
                "{verb} {} → {} ({detail}){time}",
                result.source.name(),
                written.join(", "),
            );
        }
    }
    if verbosity == Verbosity::Verbose {
        for (path, reason) in &run.skipped {
            errln!("skipped {}: {reason}", path.display());
        }
    }
    for orphan in &run.orphans {
        let shown = |paths: &[std::path::PathBuf]| -> Vec<String> {
            paths
                .iter()
                .map(|p| crate::files::display_path(p))
                .collect()
        };
        let outputs = shown(&orphan.outputs);
        let source = crate::files::display_path(&orphan.source);
        if orphan.removed {
            let kept = shown(&orphan.kept);
            let removed: Vec<&String> = outputs.iter().filter(|o| !kept.contains(o)).collect();
            if verbosity != Verbosity::Quiet && !removed.is_empty() {
                let removed: Vec<&str> = removed.iter().map(|s| s.as_str()).collect();
                errln!(
                    "removed {} (its charter {source} is gone)",
                    removed.join(", ")
                );
            }
            if !kept.is_empty() {
                errln!(
                    "warning: kept {}: changed since it was built from {source}, which is \
                     gone; remove it yourself if it is not needed",
                    kept.join(", ")
                );
            }
        } else {
            errln!(
                "warning: {} {} built from {source}, which is gone; run again with `--clean` \
                 to remove {}",
                outputs.join(", "),
                if outputs.len() == 1 { "was" } else { "were" },
                if outputs.len() == 1 { "it" } else { "them" },
            );
        }
    }
    let charters = run.results.iter().filter(|r| r.is_charter).count();
    let failed = run.failed();
    if charters == 0 && failed == 0 {
        return;
    }
    let mut parts = Vec::new();
    if run.up_to_date() > 0 {
        parts.push(format!("{} up to date", run.up_to_date()));
    }
    if !run.skipped.is_empty() {
        let n = run.skipped.len();
        parts.push(format!(
            "{n} {} skipped{}",
            if n == 1 { "file" } else { "files" },
            if verbosity == Verbosity::Verbose {
                ""
            } else {
                " (-v says why)"
            }
        ));
    }
    let not_started = run
        .results
        .iter()
        .filter(|r| r.status == Status::NotStarted)
        .count();
    if not_started > 0 {
        parts.push(format!("{not_started} not built (stopped by Ctrl-C)"));
    }
    let rest = if parts.is_empty() {
        String::new()
    } else {
        format!("; {}", parts.join("; "))
    };
    let noun = if charters == 1 { "charter" } else { "charters" };
    if failed == 0 {
        if run.built() == 0 && run.up_to_date() == charters {
            if verbosity != Verbosity::Quiet {
                let rest = rest.replacen(&format!("; {} up to date", charters), "", 1);
                errln!("{charters} {noun} up to date, nothing to build{rest}");
            }
        } else if run.built() == charters {
            if verbosity != Verbosity::Quiet {
                errln!("{charters} {noun} built{rest}");
            }
        } else if verbosity != Verbosity::Quiet || not_started > 0 {
            errln!("{} of {charters} {noun} built{rest}", run.built());
        }
    } else {
        let failures: Vec<&BuildResult> = run.results.iter().filter(|r| r.failed()).collect();
        errln!(
            "{} of {charters} {noun} built; {failed} failed: {}{rest}",
            run.built(),
            failures_named(&failures),
        );
    }
}

/// How many failed charters the last line names before it counts the rest.
const NAMED_FAILURES: usize = 5;

/// The failed charters for the run's last line, which is what people read in a long CI
/// log: every one when they are few; else the first few, the rest counted by the code of
/// what stopped them, and where the whole list is.
fn failures_named(failures: &[&BuildResult]) -> String {
    let names = |results: &[&BuildResult]| -> Vec<String> {
        results.iter().map(|r| r.source.name()).collect()
    };
    if failures.len() <= NAMED_FAILURES + 1 {
        return names(failures).join(", ");
    }
    let (named, rest) = failures.split_at(NAMED_FAILURES);
    let mut counts: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for result in rest {
        *counts.entry(stopped_by(result)).or_default() += 1;
    }
    let mut counts: Vec<((&str, &str), usize)> = counts.into_iter().collect();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let counts: Vec<String> = counts
        .iter()
        .map(|((code, name), n)| format!("{n} {code} {name}").trim_end().to_owned())
        .collect();
    format!(
        "{} and {} more ({}); `--summary FILE` lists every one with its problems",
        names(named).join(", "),
        rest.len(),
        counts.join(", "),
    )
}

/// The code and name of the first error that stopped a charter's build.
fn stopped_by(result: &BuildResult) -> (&'static str, &'static str) {
    // A problem in the theme's code fails the build whatever its severity.
    result
        .theme
        .first()
        .map(|t| t.diagnostic.code)
        .or_else(|| {
            result
                .diagnostics
                .iter()
                .find(|d| d.severity == Severity::Error)
                .map(|d| d.code)
        })
        .map_or(("error", ""), |id| (id.code, id.name))
}

/// Said when another build holds the output folder (as Cargo says "Blocking waiting for
/// file lock").
pub(super) fn say_waiting(out: &std::path::Path) {
    errln!(
        "Waiting for another build into {} to finish…",
        crate::files::display_path(out)
    );
}

/// The progress bar, drawn only on a terminal (never into a CI log or a pipe).
struct ProgressBar(indicatif::ProgressBar);

impl ProgressBar {
    fn new() -> Self {
        let bar = indicatif::ProgressBar::with_draw_target(
            None,
            indicatif::ProgressDrawTarget::stderr_with_hz(10),
        );
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} building [{bar:30}] {pos}/{len} {wide_msg}",
            )
            .expect("the template is valid")
            .progress_chars("=> "),
        );
        ProgressBar(bar)
    }

    fn finish(&self) {
        self.0.finish_and_clear();
    }
}

impl Progress for ProgressBar {
    fn start(&self, total: usize) {
        self.0.set_length(total as u64);
    }

    fn done(&self, result: &crate::build::run::BuildResult) {
        self.0.set_message(result.source.name());
        self.0.inc(1);
    }

    fn errored(&self, _: &std::path::Path) {
        self.0.inc(1);
    }
}

/// The first Ctrl-C (or SIGTERM) lets the charters being built finish and be written
/// whole, starts no others, and saves what was built; a second one stops at once (a
/// temporary file may then be left, which the next build removes).
fn stop_on_ctrl_c() {
    use std::sync::atomic::Ordering;
    let _ = ctrlc::set_handler(|| {
        if crate::build::run::CANCELLED.swap(true, Ordering::SeqCst) {
            std::process::exit(i32::from(status::INTERRUPTED));
        }
        errln!("stopping after the charters being built (Ctrl-C again to stop at once)");
    });
}
