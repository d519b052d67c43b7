//! Linting many files: discover them, load each, find its configuration, run the rules,
//! keep going past failures.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::ConfigError;
use crate::diagnostic::Diagnostic;
use crate::discover::{Exclude, discover};
use crate::error::Error;
use crate::lint::config::{LintConfig, LintConfigs};
use crate::lint::{Finding, LintContext, lint};
use crate::load::{Loaded, load, load_source};
use crate::source::SourceFile;

/// What linting one file found: problems that kept it from loading (from `check`), or the
/// rules' findings.
#[derive(Debug)]
pub struct FileLint {
    pub source: SourceFile,
    pub findings: Vec<Finding>,
    /// Whether this is a charter file (not a folder reported for holding none).
    pub is_charter: bool,
}

#[derive(Debug, Default)]
pub struct LintRun {
    pub files: Vec<FileLint>,
    /// Operational errors: unreadable paths.
    pub errors: Vec<Error>,
}

/// Lints every charter under `paths`. A configuration error stops the run before anything
/// is linted (exit status 2), since findings under the wrong configuration would mislead.
pub fn lint_paths(
    paths: &[PathBuf],
    exclude: &Exclude,
    configs: &mut LintConfigs,
    today: jiff::civil::Date,
) -> Result<LintRun, ConfigError> {
    let mut run = LintRun::default();
    let found = discover(paths, exclude);
    run.errors.extend(found.errors);
    for (dir, diagnostic) in found.empty_dirs {
        let findings = vec![Finding {
            diagnostic,
            fix: None,
        }];
        run.files.push(FileLint {
            source: SourceFile::new(dir, String::new()),
            findings,
            is_charter: false,
        });
    }
    let files = found.files;
    let configs = files
        .iter()
        .map(|file| configs.for_charter(file))
        .collect::<Result<Vec<_>, _>>()?;
    let outcomes: Vec<_> = files
        .par_iter()
        .zip(configs.par_iter())
        .map(|(path, config)| {
            crate::error::isolate(path, || {
                SourceFile::read(path).map(|read| lint_loaded(load(read), config, today))
            })
        })
        .collect();
    for outcome in outcomes {
        match outcome {
            Ok(file) => run.files.push(file),
            Err(error) => run.errors.push(error),
        }
    }
    Ok(run)
}

/// Lints one loaded charter. A charter that does not load gets its `check` problems.
pub fn lint_loaded(loaded: Loaded, config: &LintConfig, today: jiff::civil::Date) -> FileLint {
    let findings = match &loaded.charter {
        Some(charter) => {
            let cx = LintContext {
                charter,
                source: &loaded.source,
                today,
            };
            lint(&cx, &config.levels_for(&loaded.source.path))
        }
        None => loaded
            .diagnostics
            .iter()
            .cloned()
            .map(|diagnostic: Diagnostic| Finding {
                diagnostic,
                fix: None,
            })
            .collect(),
    };
    FileLint {
        source: loaded.source,
        findings,
        is_charter: true,
    }
}

/// Lints text in memory (for `--fix`, which re-lints what it wrote).
pub fn lint_text(
    path: &Path,
    text: String,
    config: &LintConfig,
    today: jiff::civil::Date,
) -> FileLint {
    lint_loaded(load_source(SourceFile::new(path, text)), config, today)
}

/// Today's date for "review overdue": from `SOURCE_DATE_EPOCH` when set (reproducible CI
/// runs), otherwise the system clock, in UTC.
pub fn today() -> jiff::civil::Date {
    let timestamp = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| jiff::Timestamp::from_second(secs).ok())
        .unwrap_or_else(jiff::Timestamp::now);
    timestamp.to_zoned(jiff::tz::TimeZone::UTC).date()
}
