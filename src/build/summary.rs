//! `charter build --summary FILE`: what a run did, as JSON for CI: per charter its status
//! (built, up to date, failed), its outputs with sizes and SHA-256 hashes (of the bytes
//! written, or as recorded when they were), its diagnostics, and how long it took.

use serde::Serialize;

use super::run::{BuildResult, BuildRun, Status};
use crate::report::json_report;

#[derive(Serialize)]
struct Summary<'a> {
    generator: String,
    theme: &'a str,
    built: usize,
    up_to_date: usize,
    failed: usize,
    warnings: usize,
    millis: u128,
    charters: Vec<Charter>,
    /// Problems that are not about one charter (an unreadable folder).
    errors: Vec<String>,
    /// Outputs whose charter has gone: kept, or removed by `--clean`.
    orphans: Vec<Orphan>,
}

#[derive(Serialize)]
struct Orphan {
    source: String,
    outputs: Vec<String>,
    removed: bool,
    /// Outputs `--clean` kept because they changed after they were built.
    kept: Vec<String>,
}

#[derive(Serialize)]
struct Charter {
    source: String,
    /// `built`, `up-to-date` (not rebuilt: its inputs had not changed), `failed`, or
    /// `not-started` (the run was interrupted).
    status: &'static str,
    outputs: Vec<Output>,
    diagnostics: serde_json::Value,
    millis: u128,
}

#[derive(Serialize)]
struct Output {
    path: String,
    bytes: u64,
    sha256: String,
}

/// The summary of a run as pretty JSON. `elapsed` is the whole run's time.
pub fn to_json(run: &BuildRun, theme: &str, elapsed: std::time::Duration) -> String {
    let charters: Vec<Charter> = run
        .results
        .iter()
        .filter(|r| r.is_charter)
        .map(charter)
        .collect();
    let warnings = run
        .results
        .iter()
        .flat_map(|r| &r.diagnostics)
        .filter(|d| d.severity == crate::diagnostic::Severity::Warning)
        .count();
    let summary = Summary {
        generator: format!("charter {}", env!("CARGO_PKG_VERSION")),
        theme,
        built: run.built(),
        up_to_date: run.up_to_date(),
        failed: run.failed(),
        warnings,
        millis: elapsed.as_millis(),
        charters,
        errors: run.errors.iter().map(ToString::to_string).collect(),
        orphans: run
            .orphans
            .iter()
            .map(|o| Orphan {
                source: crate::files::display_path(&o.source),
                outputs: o
                    .outputs
                    .iter()
                    .map(|p| crate::files::display_path(p))
                    .collect(),
                removed: o.removed,
                kept: o
                    .kept
                    .iter()
                    .map(|p| crate::files::display_path(p))
                    .collect(),
            })
            .collect(),
    };
    serde_json::to_string_pretty(&summary).expect("the summary serialises")
}

fn charter(result: &BuildResult) -> Charter {
    let mut files = vec![(&result.source, result.diagnostics.iter().collect())];
    for theme in &result.theme {
        files.push((&theme.source, vec![&theme.diagnostic]));
    }
    let diagnostics = serde_json::from_str(&json_report(files)).unwrap_or_default();
    Charter {
        source: result.source.name(),
        status: match result.status {
            Status::Built => "built",
            Status::UpToDate => "up-to-date",
            Status::Failed => "failed",
            Status::NotStarted => "not-started",
        },
        outputs: result
            .written
            .iter()
            .zip(&result.outputs)
            .map(|(path, output)| Output {
                path: crate::files::display_path(path),
                bytes: output.bytes,
                sha256: output.sha256.clone(),
            })
            .collect(),
        diagnostics,
        millis: result.elapsed.as_millis(),
    }
}
