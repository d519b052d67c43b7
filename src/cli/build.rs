//! `charter build`: charters in, posters out.

use std::path::PathBuf;

use clap::ValueEnum;

use super::{Color, errln, print_error, status, terminal_width};
use crate::build::run::{BuildRun, Outputs, build_paths};
use crate::build::{Engine, Settings, parse_standards};
use crate::model::Layout;
use crate::paper::Paper;
use crate::report::HumanReporter;
use crate::theme::{self, Theme};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Charter files, or folders to search for `.yaml`/`.yml` files [default: .]
    pub paths: Vec<PathBuf>,

    /// The folder to write into. A folder argument's charters keep their paths below it.
    #[arg(short, long, value_name = "DIR", default_value = "build")]
    pub out_dir: PathBuf,

    /// A built-in theme (see `charter themes`) or a theme folder.
    #[arg(long, value_name = "NAME|DIR", default_value = theme::DEFAULT)]
    pub theme: String,

    /// The sheet to print on [default: the theme's, A4 for a handbook].
    #[arg(long, value_enum)]
    pub paper: Option<Paper>,

    /// Turn the sheet sideways.
    #[arg(long)]
    pub landscape: bool,

    /// `poster` (one sheet) or `handbook` (A4 pages with every section) [default: as the
    /// charter says, else poster].
    #[arg(long, value_enum)]
    pub layout: Option<LayoutArg>,

    /// What to write, comma-separated: `pdf`, `png` (a preview of page 1), `json` (the data
    /// the theme reads).
    #[arg(long, value_enum, value_delimiter = ',', default_value = "pdf")]
    pub format: Vec<OutputFormat>,

    /// Set a theme option, such as `--set primary=#0b5d3b` (see `charter themes`).
    #[arg(long = "set", value_name = "NAME=VALUE")]
    pub set: Vec<String>,

    /// PDF standards to meet, comma-separated (`a-2b`, `a-3b`, `ua-1`, `1.7`, …), or `none`
    /// for a plain tagged PDF.
    #[arg(long, value_delimiter = ',', default_value = "a-2b")]
    pub pdf_standard: Vec<String>,

    /// A folder of extra fonts (for scripts the built-in fonts lack). System fonts are
    /// never used otherwise.
    #[arg(long, value_name = "DIR")]
    pub font_path: Vec<PathBuf>,

    /// Print only problems, not a line per charter built.
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Pdf,
    Png,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LayoutArg {
    Poster,
    Handbook,
}

pub fn run(args: Args, color: Color) -> u8 {
    let theme = match Theme::load(&args.theme) {
        Ok(theme) => theme,
        Err(error) => {
            print_error(&error);
            return status::FAILURE;
        }
    };
    let settings = match settings(&args, &theme) {
        Ok(settings) => settings,
        Err(message) => {
            print_error(&message);
            return status::FAILURE;
        }
    };
    let outputs = Outputs {
        pdf: args.format.contains(&OutputFormat::Pdf),
        png: args.format.contains(&OutputFormat::Png),
        json: args.format.contains(&OutputFormat::Json),
    };
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let engine = Engine::new(theme, &args.font_path);
    let run = build_paths(&paths, &args.out_dir, &engine, &settings, outputs);
    report(&run, color, args.quiet);
    if !run.errors.is_empty() {
        status::FAILURE
    } else if run.failed() > 0 {
        status::PROBLEMS
    } else {
        status::OK
    }
}

/// The command line's settings, checked against the theme before any charter is read.
fn settings(args: &Args, theme: &Theme) -> Result<Settings, String> {
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
    let mut options = serde_json::Map::new();
    for (name, spec) in &manifest.options {
        let value = spec
            .default_json()
            .map_err(|e| format!("theme option `{name}`: {e}"))?;
        options.insert(name.clone(), value);
    }
    for assignment in &args.set {
        let Some((name, value)) = assignment.split_once('=') else {
            return Err(format!(
                "`--set {assignment}` needs a value: write `--set NAME=VALUE`"
            ));
        };
        let name = name.trim();
        let Some(spec) = manifest.options.get(name) else {
            let known: Vec<&str> = manifest.options.keys().map(String::as_str).collect();
            let close = crate::decode::did_you_mean(name, known.iter().copied())
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
    let standards: Vec<String> = args
        .pdf_standard
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
        pdf: true,
        png: false,
    })
}

fn report(run: &BuildRun, color: Color, quiet: bool) {
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
        if !quiet && let Some(summary) = &result.summary {
            let written: Vec<String> = result
                .written
                .iter()
                .map(|p| p.to_string_lossy().replace('\\', "/"))
                .collect();
            errln!(
                "built {} → {} ({}, {} {}, body text {} pt)",
                result.source.name(),
                written.join(", "),
                summary.paper.name().to_uppercase(),
                summary.pages,
                if summary.pages == 1 { "page" } else { "pages" },
                summary.body_size
            );
        }
    }
    let charters = run.results.iter().filter(|r| r.is_charter).count();
    let failed = run.failed();
    if charters == 0 && failed == 0 {
        return;
    }
    if failed == 0 {
        if !quiet {
            errln!(
                "{} {} built",
                charters,
                if charters == 1 { "charter" } else { "charters" }
            );
        }
    } else {
        errln!(
            "{} of {} {} built; {} failed",
            run.built(),
            charters,
            if charters == 1 { "charter" } else { "charters" },
            failed
        );
    }
}
