//! Checking many charter files: discover them, load each one, keep going past failures and
//! report everything at the end.

use std::path::PathBuf;

use rayon::prelude::*;

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

/// Checks every charter under `paths`. Files are loaded in parallel; results keep the
/// order in which the files were found.
pub fn check_paths(paths: &[PathBuf], exclude: &Exclude) -> CheckRun {
    let mut run = CheckRun::default();
    let found = discover(paths, exclude);
    run.errors.extend(found.errors);
    for (dir, diagnostic) in found.empty_dirs {
        run.results.push(FileResult {
            source: SourceFile::new(dir, String::new()),
            diagnostics: vec![diagnostic],
            is_charter: false,
        });
    }
    let files = found.files;
    let outcomes: Vec<_> = files
        .par_iter()
        .map(|path| crate::error::isolate(path, || SourceFile::read(path).map(load)))
        .collect();
    for outcome in outcomes {
        match outcome {
            Ok(loaded) => run.results.push(FileResult {
                source: loaded.source,
                diagnostics: loaded.diagnostics.into_vec(),
                is_charter: true,
            }),
            Err(error) => run.errors.push(error),
        }
    }
    run
}
