//! `charter check`: are these charters well-formed?

use std::path::PathBuf;

use super::{Color, Format, err, errln, out, outln, print_error, status, terminal_width};
use crate::check::check_each;
use crate::report::{HumanReporter, PrettyArray, json_items, summary_line};

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
    let reporter = HumanReporter::new(color.for_stderr(), terminal_width());
    let mut array = PrettyArray::new(0);
    let (mut checked, mut failed, mut problems, mut errors, mut results) = (0, 0, 0, 0, 0);
    // Each file is reported as soon as it is checked, and let go.
    check_each(&paths, &exclude, |outcome| match outcome {
        Err(error) => {
            errors += 1;
            print_error(&error);
        }
        Ok(result) => {
            results += 1;
            checked += usize::from(result.is_charter);
            failed += usize::from(result.is_charter && !result.diagnostics.is_empty());
            problems += result.diagnostics.len();
            match args.format {
                Format::Human => {
                    for diagnostic in &result.diagnostics {
                        err!("{}", reporter.render(&result.source, diagnostic));
                    }
                }
                Format::Json => {
                    for item in json_items(&result.source, &result.diagnostics) {
                        out!("{}", array.item(&item));
                    }
                }
            }
        }
    });
    match args.format {
        Format::Human if results > 0 || errors == 0 => {
            errln!("{}", summary_line(checked, failed, problems));
        }
        Format::Human => {}
        Format::Json => outln!("{}", array.end()),
    }
    if errors > 0 {
        status::FAILURE
    } else if problems > 0 {
        status::PROBLEMS
    } else {
        status::OK
    }
}
