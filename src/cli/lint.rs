//! `charter lint`: is this a good charter? Findings for reviewers and CI.

use std::path::PathBuf;

use clap::ValueEnum;

use super::{Color, err, errln, out, outln, print_error, status, terminal_width};
use crate::diagnostic::{Diagnostic, Severity};
use crate::error::Error;
use crate::lint::batch::{FileLint, lint_paths, lint_text, today};
use crate::lint::config::LintConfigs;
use crate::lint::fix;
use crate::report::formats::{concise_line, github_line, sarif};
use crate::report::{HumanReporter, json_report};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Charter files, or folders to search for `.yaml`/`.yml` files [default: .]
    pub paths: Vec<PathBuf>,

    #[command(flatten)]
    pub walk: super::WalkArgs,

    /// How to print findings [default: github under GitHub Actions, full otherwise]
    #[arg(long, value_enum, alias = "format")]
    pub output_format: Option<OutputFormat>,

    /// The lowest level that makes the run fail (exit 1).
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,

    /// Exit 0 even when there are findings (still exit 2 if the run could not happen).
    #[arg(long)]
    pub exit_zero: bool,

    /// Use this configuration file instead of the nearest `charter.toml`.
    #[arg(long)]
    pub config: Option<PathBuf>,

    /// Apply safe fixes (phone numbers to +CC form, one word for free) to the files.
    #[arg(long)]
    pub fix: bool,

    /// Print the safe fixes as a diff on stdout instead of writing them.
    #[arg(long)]
    pub diff: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// The line of YAML with a caret, a message and a hint (on stderr).
    Full,
    /// `file:line:col: CODE [level] message`, one per line (on stdout).
    Concise,
    /// A JSON array, one object per finding (on stdout).
    Json,
    /// SARIF 2.1.0 for GitHub code scanning (on stdout).
    Sarif,
    /// GitHub Actions workflow annotations (on stdout).
    Github,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
}

impl FailOn {
    fn threshold(self) -> Severity {
        match self {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
        }
    }
}

pub fn run(args: Args, color: Color) -> u8 {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let mut configs = LintConfigs::new(args.config.clone());
    let machine = matches!(
        args.output_format,
        Some(OutputFormat::Json | OutputFormat::Sarif | OutputFormat::Github)
    );
    if args.diff && machine {
        print_error(
            &"`--diff` prints a diff on standard output, which would break JSON, SARIF or annotations: use it with `--output-format full` or `concise`",
        );
        return status::FAILURE;
    }
    let exclude = match args.walk.exclude() {
        Ok(exclude) => exclude,
        Err(status) => return status,
    };
    let today = today();
    let mut run = match lint_paths(&paths, &exclude, &mut configs, today) {
        Ok(run) => run,
        Err(error) => {
            print_error(&error);
            return status::FAILURE;
        }
    };
    let mut errors: Vec<Error> = std::mem::take(&mut run.errors);
    if args.fix || args.diff {
        for file in &mut run.files {
            if let Err(error) = fix_file(file, &args, &mut configs, today) {
                errors.push(error);
            }
        }
    }
    for error in &errors {
        print_error(error);
    }
    let format = args.output_format.unwrap_or_else(|| {
        if std::env::var_os("GITHUB_ACTIONS").is_some_and(|v| v == "true") {
            OutputFormat::Github
        } else {
            OutputFormat::Full
        }
    });
    print_findings(&run.files, format, color);

    let threshold = args.fail_on.threshold();
    let failing = run
        .files
        .iter()
        .flat_map(|f| &f.findings)
        .any(|f| f.diagnostic.severity >= threshold);
    if !errors.is_empty() {
        status::FAILURE
    } else if failing && !args.exit_zero {
        status::PROBLEMS
    } else {
        status::OK
    }
}

/// Applies a file's safe fixes: writes them (`--fix`) or prints them as a diff (`--diff`),
/// then re-lints so that what is reported is what is left. A fix that could not be proven
/// is left undone and said; the file is replaced only if nobody changed it meanwhile.
fn fix_file(
    file: &mut FileLint,
    args: &Args,
    configs: &mut LintConfigs,
    today: jiff::civil::Date,
) -> Result<(), Error> {
    let fixes: Vec<&crate::lint::Fix> = file
        .findings
        .iter()
        .filter_map(|f| f.fix.as_ref())
        .collect();
    if fixes.is_empty() {
        return Ok(());
    }
    let fixed = fix::apply(&file.source.text, &fixes);
    let lines = crate::lines::LineIndex::new(&file.source.text);
    for (span, why) in &fixed.refused {
        let (line, column) = lines.position(span.offset);
        errln!(
            "warning: left a fix undone at {}:{line}:{column}: {why} (this is a bug: please report it with the charter file)",
            file.source.name()
        );
    }
    if fixed.applied == 0 {
        return Ok(());
    }
    if args.diff {
        out!(
            "{}",
            fix::unified_diff(&file.source.name(), &file.source.text, &fixed.text)
        );
        return Ok(());
    }
    crate::files::replace_if_unchanged(
        &file.source.path,
        file.source.text.as_bytes(),
        fixed.text.as_bytes(),
    )
    .map_err(|e| Error::NotFixed {
        path: file.source.path.clone(),
        message: e.to_string(),
    })?;
    let applied = fixed.applied;
    let findings = if applied == 1 { "finding" } else { "findings" };
    errln!("Fixed {applied} {findings} in {}.", file.source.name());
    // The run loaded this file's configuration before linting it, so it is remembered.
    let config = configs.for_charter(&file.source.path).unwrap_or_default();
    *file = lint_text(&file.source.path, fixed.text, &config, today);
    Ok(())
}

fn print_findings(files: &[FileLint], format: OutputFormat, color: Color) {
    let all = || {
        files.iter().map(|f| {
            (
                &f.source,
                f.findings
                    .iter()
                    .map(|x| &x.diagnostic)
                    .collect::<Vec<&Diagnostic>>(),
            )
        })
    };
    match format {
        OutputFormat::Full => {
            let reporter = HumanReporter::new(color.for_stderr(), terminal_width());
            for file in files {
                for finding in &file.findings {
                    err!("{}", reporter.render(&file.source, &finding.diagnostic));
                }
            }
            errln!("{}", summary(files));
        }
        OutputFormat::Concise => {
            for (source, diagnostics) in all() {
                for d in diagnostics {
                    outln!("{}", concise_line(source, d));
                }
            }
            errln!("{}", summary(files));
        }
        OutputFormat::Github => {
            for (source, diagnostics) in all() {
                for d in diagnostics {
                    outln!("{}", github_line(source, d));
                }
            }
        }
        OutputFormat::Json => outln!("{}", json_report(all())),
        OutputFormat::Sarif => outln!("{}", sarif(all())),
    }
}

fn summary(files: &[FileLint]) -> String {
    let findings = || files.iter().flat_map(|f| &f.findings);
    let count = |s: Severity| findings().filter(|f| f.diagnostic.severity == s).count();
    let fixable = findings().filter(|f| f.fix.is_some()).count();
    let charters = files.iter().filter(|f| f.is_charter).count();
    let (e, w, i) = (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
    );
    let linted = format!("Linted {}", plural(charters, "charter", "charters"));
    if e + w + i == 0 {
        return format!("{linted}: no findings.");
    }
    let mut line = format!(
        "{linted}: {}, {}, {}.",
        plural(e, "error", "errors"),
        plural(w, "warning", "warnings"),
        plural(i, "note", "notes")
    );
    if fixable > 0 {
        line.push_str(&format!(
            " {} with `--fix`.",
            plural(fixable, "can be fixed", "can be fixed")
        ));
    }
    line
}

/// `1 error`, `2 errors`.
fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}
