//! `charter lint`: is this a good charter? Findings for reviewers and CI.

use std::path::PathBuf;

use clap::ValueEnum;

use super::{Color, err, errln, out, outln, print_error, status, terminal_width};
use crate::diagnostic::Severity;
use crate::error::Error;
use crate::lint::batch::{FileLint, lint_each, lint_text, today};
use crate::lint::config::{LintConfig, LintConfigs};
use crate::lint::fix;
use crate::report::formats::{concise_line, github_line, sarif_frame, sarif_results};
use crate::report::{HumanReporter, PrettyArray, json_items};

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
    let format = args.output_format.unwrap_or_else(|| {
        if std::env::var_os("GITHUB_ACTIONS").is_some_and(|v| v == "true") {
            OutputFormat::Github
        } else {
            OutputFormat::Full
        }
    });
    let threshold = args.fail_on.threshold();
    let mut printer = Printer::new(format, color);
    let mut errors = 0;
    let mut failing = false;
    // Each file is fixed (when asked), reported and let go as soon as it is linted.
    let linted = lint_each(&paths, &exclude, &mut configs, today, |outcome, config| {
        let mut file = match outcome {
            Ok(file) => file,
            Err(error) => {
                errors += 1;
                print_error(&error);
                return;
            }
        };
        if (args.fix || args.diff)
            && let Err(error) = fix_file(&mut file, &args, config, today)
        {
            errors += 1;
            print_error(&error);
        }
        failing |= file
            .findings
            .iter()
            .any(|f| f.diagnostic.severity >= threshold);
        printer.file(&file);
    });
    if let Err(error) = linted {
        print_error(&error);
        return status::FAILURE;
    }
    printer.finish();
    if errors > 0 {
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
    config: &LintConfig,
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
    *file = lint_text(&file.source.path, fixed.text, config, today);
    Ok(())
}

/// Prints each file's findings as it comes, in the chosen format, and what closes the
/// report (the summary line, the end of the JSON array or SARIF log).
struct Printer {
    format: OutputFormat,
    reporter: HumanReporter,
    array: PrettyArray,
    /// The SARIF log before its results, written with the first (or at the end): nothing
    /// reaches standard output before the configuration is known to be good.
    sarif_head: Option<String>,
    /// The SARIF log after its results.
    sarif_tail: String,
    tally: Tally,
}

/// What the summary line counts.
#[derive(Default)]
struct Tally {
    charters: usize,
    errors: usize,
    warnings: usize,
    notes: usize,
    fixable: usize,
}

impl Printer {
    fn new(format: OutputFormat, color: Color) -> Printer {
        let mut printer = Printer {
            format,
            reporter: HumanReporter::new(color.for_stderr(), terminal_width()),
            array: PrettyArray::new(0),
            sarif_head: None,
            sarif_tail: String::new(),
            tally: Tally::default(),
        };
        if format == OutputFormat::Sarif {
            let (head, tail) = sarif_frame();
            printer.sarif_head = Some(head);
            printer.sarif_tail = tail;
            // The results stand three levels deep in the log.
            printer.array = PrettyArray::new(3);
        }
        printer
    }

    fn file(&mut self, file: &FileLint) {
        let tally = &mut self.tally;
        tally.charters += usize::from(file.is_charter);
        for finding in &file.findings {
            match finding.diagnostic.severity {
                Severity::Error => tally.errors += 1,
                Severity::Warning => tally.warnings += 1,
                Severity::Info => tally.notes += 1,
            }
            tally.fixable += usize::from(finding.fix.is_some());
        }
        let diagnostics = || file.findings.iter().map(|f| &f.diagnostic);
        match self.format {
            OutputFormat::Full => {
                for d in diagnostics() {
                    err!("{}", self.reporter.render(&file.source, d));
                }
            }
            OutputFormat::Concise => {
                for d in diagnostics() {
                    outln!("{}", concise_line(&file.source, d));
                }
            }
            OutputFormat::Github => {
                for d in diagnostics() {
                    outln!("{}", github_line(&file.source, d));
                }
            }
            OutputFormat::Json => {
                for item in json_items(&file.source, diagnostics()) {
                    out!("{}", self.array.item(&item));
                }
            }
            OutputFormat::Sarif => {
                for result in sarif_results(&file.source, diagnostics()) {
                    if let Some(head) = self.sarif_head.take() {
                        out!("{head}");
                    }
                    out!("{}", self.array.item(&result));
                }
            }
        }
    }

    fn finish(self) {
        match self.format {
            OutputFormat::Full | OutputFormat::Concise => errln!("{}", self.tally.line()),
            OutputFormat::Github => {}
            OutputFormat::Json => outln!("{}", self.array.end()),
            OutputFormat::Sarif => outln!(
                "{}{}{}",
                self.sarif_head.unwrap_or_default(),
                self.array.end(),
                self.sarif_tail
            ),
        }
    }
}

impl Tally {
    fn line(&self) -> String {
        let linted = format!("Linted {}", plural(self.charters, "charter", "charters"));
        let (e, w, i) = (self.errors, self.warnings, self.notes);
        if e + w + i == 0 {
            return format!("{linted}: no findings.");
        }
        let mut line = format!(
            "{linted}: {}, {}, {}.",
            plural(e, "error", "errors"),
            plural(w, "warning", "warnings"),
            plural(i, "note", "notes")
        );
        if self.fixable > 0 {
            line.push_str(&format!(
                " {} with `--fix`.",
                plural(self.fixable, "can be fixed", "can be fixed")
            ));
        }
        line
    }
}

/// `1 error`, `2 errors`.
fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}
