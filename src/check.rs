//! Checking many charter files: discover them, load each one, keep going past failures and
//! report everything at the end.

use std::path::PathBuf;

use crate::diagnostic::Diagnostic;
use crate::discover::{Exclude, discover};
use crate::error::Error;
use crate::load::load;
use crate::source::SourceFile;

/// The outcome for one file (or one empty folder).
#[derive(Debug)]
pub struct FileResult {
    pub source: SourceFile,
    pub diagnostics: Vec<Diagnostic>,
    /// Whether this result is a charter that was read (not an empty folder).
    pub is_charter: bool,
}

/// The outcome of checking a set of paths.
#[derive(Debug, Default)]
pub struct CheckRun {
    pub results: Vec<FileResult>,
    /// Operational errors: paths that could not be read.
    pub errors: Vec<Error>,
}

impl CheckRun {
    /// Charter files read.
    pub fn checked(&self) -> usize {
        self.results.iter().filter(|r| r.is_charter).count()
    }

    /// Charters with at least one problem.
    pub fn failed(&self) -> usize {
        self.results
            .iter()
            .filter(|r| r.is_charter && !r.diagnostics.is_empty())
            .count()
    }

    pub fn problem_count(&self) -> usize {
        self.results.iter().map(|r| r.diagnostics.len()).sum()
    }
}

/// One file's outcome, or why it could not be checked.
pub type Outcome = Result<FileResult, Error>;

/// Checks every charter under `paths`, handing each outcome to `sink` as soon as it and
/// every file before it are checked (what discovery could not read first, then empty
/// folders, then the files in the order found): memory holds a window of files, not the
/// batch (`crate::batch`).
pub fn check_each(paths: &[PathBuf], exclude: &Exclude, mut sink: impl FnMut(Outcome)) {
    let found = discover(paths, exclude);
    for error in found.errors {
        sink(Err(error));
    }
    for (dir, diagnostic) in found.empty_dirs {
        sink(Ok(FileResult {
            source: SourceFile::new(dir, String::new()),
            diagnostics: vec![diagnostic],
            is_charter: false,
        }));
    }
    let files = found.files;
    crate::batch::run(
        &files,
        || (),
        |_, path| SourceFile::read(path).map(load),
        |index, outcome| {
            sink(match outcome {
                Ok(Ok(loaded)) => Ok(FileResult {
                    source: loaded.source,
                    diagnostics: loaded.diagnostics.into_vec(),
                    is_charter: true,
                }),
                Ok(Err(error)) => Err(error),
                Err(message) => Err(Error::Crashed {
                    path: files[index].clone(),
                    message,
                }),
            })
        },
    );
}

/// Checks every charter under `paths` and keeps every outcome, in order.
pub fn check_paths(paths: &[PathBuf], exclude: &Exclude) -> CheckRun {
    let mut run = CheckRun::default();
    check_each(paths, exclude, |outcome| match outcome {
        Ok(result) => run.results.push(result),
        Err(error) => run.errors.push(error),
    });
    run
}
