//! `charter completions SHELL` and `charter manpage`: generated from the clap definitions,
//! so they can never drift from the real flags. Packagers write them to files:
//! `charter completions bash > /usr/share/bash-completion/completions/charter`,
//! `charter manpage > /usr/share/man/man1/charter.1`.

use std::io::Write;

use clap::CommandFactory;
use clap_complete::Shell;

use super::{Cli, status};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: Shell,
}

pub fn run(args: Args) -> u8 {
    let mut command = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut command, "charter", &mut out);
    write(&out)
}

pub fn manpage() -> u8 {
    let mut out = Vec::new();
    match clap_mangen::Man::new(Cli::command()).render(&mut out) {
        Ok(()) => write(&out),
        Err(e) => {
            super::print_error(&format!("cannot render the manual page: {e}"));
            status::FAILURE
        }
    }
}

/// Writes to stdout; a closed pipe (`charter manpage | head`) is not an error.
fn write(bytes: &[u8]) -> u8 {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Ok(()) => status::OK,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => status::OK,
        Err(e) => {
            super::print_error(&format!("cannot write: {e}"));
            status::FAILURE
        }
    }
}
