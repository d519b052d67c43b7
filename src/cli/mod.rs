//! The command line: argument definitions and dispatch. Each subcommand lives in its own
//! file and returns the process's exit status.

mod build;
mod check;
mod completions;
mod diff;
mod import;
mod lint;
mod new;
mod report;
mod rule;
mod schema;
mod serve;
mod themes;
mod watch;

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// `print!` for stdout, but a closed pipe (`charter rule --all | head`) ends the program
/// quietly, as Unix tools do, instead of panicking.
macro_rules! out {
    ($($arg:tt)*) => { $crate::cli::write_to(&mut std::io::stdout(), &format!($($arg)*)) };
}
/// `println!` for stdout, quiet on a closed pipe.
macro_rules! outln {
    ($($arg:tt)*) => { $crate::cli::write_to(&mut std::io::stdout(), &format!("{}\n", format_args!($($arg)*))) };
}
/// `eprint!`, quiet on a closed pipe.
macro_rules! err {
    ($($arg:tt)*) => { $crate::cli::write_to(&mut std::io::stderr(), &format!($($arg)*)) };
}
/// `eprintln!`, quiet on a closed pipe.
macro_rules! errln {
    ($($arg:tt)*) => { $crate::cli::write_to(&mut std::io::stderr(), &format!("{}\n", format_args!($($arg)*))) };
}
pub(crate) use {err, errln, out, outln};

/// Writes everything, or exits quietly when the reader has gone away, with the status a
/// program stopped by SIGPIPE has (141), so `set -o pipefail` scripts still see it.
pub(crate) fn write_to(stream: &mut dyn std::io::Write, text: &str) {
    if let Err(error) = stream
        .write_all(text.as_bytes())
        .and_then(|()| stream.flush())
        && error.kind() == std::io::ErrorKind::BrokenPipe
    {
        std::process::exit(141);
    }
}

/// Exit statuses, as CI pipelines expect them.
pub mod status {
    /// Every charter is valid.
    pub const OK: u8 = 0;
    /// At least one charter has problems.
    pub const PROBLEMS: u8 = 1;
    /// The command could not run: bad arguments, unreadable files.
    pub const FAILURE: u8 = 2;
    /// Stopped by Ctrl-C or SIGTERM, as shells report a process stopped by SIGINT.
    pub const INTERRUPTED: u8 = 130;
}

#[derive(Debug, Parser)]
#[command(
    name = "charter",
    version,
    about = "Check, lint and build citizens' service charters written in YAML",
    long_about = None,
)]
pub struct Cli {
    /// When to use colour: `auto` follows the terminal and NO_COLOR.
    #[arg(long, global = true, value_enum, default_value_t = Color::Auto)]
    pub color: Color,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build charters into printable posters (PDF), web pages (HTML) and previews (PNG).
    Build(build::Args),
    /// Build, then build again on every save of a charter, its logo or the theme.
    Watch(watch::Args),
    /// Watch, and preview the pages and posters in a browser that reloads after each build.
    Serve(serve::Args),
    /// List the themes a poster can be built with, and their options.
    Themes(themes::Args),
    /// Check that charters are well-formed; report every problem with its line and column.
    Check(check::Args),
    /// Find what makes valid charters weak: vague timelines, open fees, broken contacts.
    Lint(lint::Args),
    /// Show what changed between two versions of a charter, and which promises got weaker.
    Diff(diff::Args),
    /// Measure a register of requests against the charter's promises: a results report.
    Report(report::Args),
    /// Explain a lint rule, or list them all.
    Rule(rule::Args),
    /// Print the JSON Schema of the charter format, for editors.
    Schema(schema::Args),
    /// Write a commented starter charter that passes `charter check`.
    New(new::Args),
    /// Make a charter from one in Word, a spreadsheet, CSV or a web page.
    Import(import::Args),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(completions::Args),
    /// Print the manual page (roff), for `man`.
    Manpage,
}

/// The output of commands that print for people or for programs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For people, on stderr.
    Human,
    /// JSON, on stdout.
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

impl Color {
    /// Whether diagnostics on stderr should be coloured.
    pub fn for_stderr(self) -> bool {
        match self {
            Color::Always => true,
            Color::Never => false,
            Color::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::io::stderr().is_terminal()
            }
        }
    }
}

pub fn run() -> ExitCode {
    crate::build::run::configure_threads();
    // A build worker (started by `build`, `watch` and `serve` themselves; see
    // `build::worker`) is not a subcommand: clap would offer it to a user who mistypes
    // `build`.
    if std::env::args_os().nth(1).as_deref() == Some(crate::build::worker::WORKER_COMMAND.as_ref())
    {
        return ExitCode::from(crate::build::worker::serve());
    }
    let cli = Cli::parse();
    let status = match cli.command {
        Command::Build(args) => build::run(args, cli.color),
        Command::Watch(args) => watch::run(args, cli.color),
        Command::Serve(args) => serve::run(args, cli.color),
        Command::Themes(args) => themes::run(args),
        Command::Check(args) => check::run(args, cli.color),
        Command::Lint(args) => lint::run(args, cli.color),
        Command::Rule(args) => rule::run(args),
        Command::Diff(args) => diff::run(args, cli.color),
        Command::Report(args) => report::run(args, cli.color),
        Command::Schema(args) => schema::run(args),
        Command::New(args) => new::run(args),
        Command::Import(args) => import::run(args),
        Command::Completions(args) => completions::run(args),
        Command::Manpage => completions::manpage(),
    };
    ExitCode::from(status)
}

/// Which files under the folders given are read, for `check`, `lint` and `build`.
#[derive(Clone, Debug, Default, clap::Args)]
pub struct WalkArgs {
    /// Leave out paths matching a glob below the folders given (`drafts/**`,
    /// `*.old.yaml`); may be repeated. Files named on the command line are always read.
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
}

impl WalkArgs {
    /// The patterns, checked; a bad one is printed and gives the exit status.
    fn exclude(&self) -> Result<crate::discover::Exclude, u8> {
        crate::discover::Exclude::new(&self.exclude).map_err(|message| {
            print_error(&message);
            status::FAILURE
        })
    }
}

/// Prints an operational error as one line.
fn print_error(error: &dyn std::fmt::Display) {
    errln!("error: {error}");
}

/// Terminal width for wrapping diagnostics; 100 when not a terminal.
fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(100)
}
