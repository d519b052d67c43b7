//! `charter check`: are these charters well-formed?

use std::path::PathBuf;

use super::{Color, Format, err, errln, outln, print_error, status, terminal_width};
use crate::check::{CheckRun, check_paths};
use crate::report::{HumanReporter, json_report, summary_line};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Charter files, or folders to search for `.yaml`/`.yml` files [default: .]
    pub paths: Vec<PathBuf>,

    #[command(flatten)]
    pub walk: super::WalkArgs,

    /// How to print problems: `human` (with the line of YAML) or `json` (on stdout).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

pub fn run(args: Args, color: Color) -> u8 {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths
    };
    let exclude = match args.walk.exclude() {
        Ok(exclude) => exclude,
        Err(status) => return status,
    };
    let run = check_paths(&paths, &exclude);
    for error in &run.errors {
        print_error(error);
    }
    match args.format {
        Format::Human => print_human(&run, color),
        Format::Json => outln!(
            "{}",
            json_report(
                run.results
                    .iter()
                    .map(|r| (&r.source, r.diagnostics.iter().collect()))
            )
        ),
    }
    if !run.errors.is_empty() {
        status::FAILURE
    } else if run.problem_count() > 0 {
        status::PROBLEMS
    } else {
        status::OK
    }
}

fn print_human(run: &CheckRun, color: Color) {
    let reporter = HumanReporter::new(color.for_stderr(), terminal_width());
    for result in &run.results {
        for diagnostic in &result.diagnostics {
            err!("{}", reporter.render(&result.source, diagnostic));
        }
    }
    if run.results.is_empty() && !run.errors.is_empty() {
        return;
    }
    errln!(
        "{}",
        summary_line(run.checked(), run.failed(), run.problem_count())
    );
}
