//! Linting many files: discover them, load each, find its configuration, run the rules,
//! keep going past failures.

use std::path::{Path, PathBuf};

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

/// One file's lint, or why it could not be linted.
pub type Outcome = Result<FileLint, Error>;

/// Lints every charter under `paths`, handing each outcome (with the rule settings it was
/// linted under, for `--fix` to lint it again) to `sink` as soon as it and
/// every file before it are linted (what discovery could not read first, then empty
/// folders, then the files in the order found): memory holds a window of files, not the
/// batch (`crate::batch`). A configuration error stops the run before anything is linted
/// (exit status 2), since findings under the wrong configuration would mislead.
pub fn lint_each(
    paths: &[PathBuf],
    exclude: &Exclude,
    configs: &mut LintConfigs,
    today: jiff::civil::Date,
    mut sink: impl FnMut(Outcome, &LintConfig),
) -> Result<(), ConfigError> {
    let found = discover(paths, exclude);
    let files = found.files;
    let config_of = files
        .iter()
        .map(|file| configs.for_charter(file))
        .collect::<Result<Vec<_>, _>>()?;
    let none = LintConfig::default();
    for error in found.errors {
        sink(Err(error), &none);
    }
    for (dir, diagnostic) in found.empty_dirs {
        sink(
            Ok(FileLint {
                source: SourceFile::new(dir, String::new()),
                findings: vec![Finding {
                    diagnostic,
                    fix: None,
                }],
                is_charter: false,
            }),
            &none,
        );
    }
    let jobs: Vec<(&PathBuf, &LintConfig)> =
        files.iter().zip(config_of.iter().map(|c| &**c)).collect();
    crate::batch::run(
        &jobs,
        || (),
        |_, (path, config)| {
            SourceFile::read(path).map(|read| lint_loaded(load(read), config, today))
        },
        |index, outcome| {
            let outcome = match outcome {
                Ok(linted) => linted,
                Err(message) => Err(Error::Crashed {
                    path: files[index].clone(),
                    message,
                }),
            };
            sink(outcome, jobs[index].1)
        },
    );
    Ok(())
}

/// Lints every charter under `paths` and keeps every outcome, in order.
pub fn lint_paths(
    paths: &[PathBuf],
    exclude: &Exclude,
    configs: &mut LintConfigs,
    today: jiff::civil::Date,
) -> Result<LintRun, ConfigError> {
    let mut run = LintRun::default();
    lint_each(paths, exclude, configs, today, |outcome, _| match outcome {
        Ok(file) => run.files.push(file),
        Err(error) => run.errors.push(error),
    })?;
    Ok(run)
}

/// Lints one loaded charter. A charter that does not load gets its `check` problems.
pub fn lint_loaded(loaded: Loaded, config: &LintConfig, today: jiff::civil::Date) -> FileLint {
    let findings = match &loaded.charter {
        Some(charter) => {
            let cx = LintContext::new(charter, &loaded.source, today);
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
