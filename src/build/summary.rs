//! `charter build --summary FILE`: what a run did, as JSON for CI: per charter its status,
//! its outputs with sizes and SHA-256 hashes (read back from disk, so they are what was
//! really written), its diagnostics, and how long it took.

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::run::{BuildResult, BuildRun};
use crate::report::json_report;

#[derive(Serialize)]
struct Summary<'a> {
    generator: String,
    theme: &'a str,
    built: usize,
    failed: usize,
    warnings: usize,
    millis: u128,
    charters: Vec<Charter>,
    /// Problems that are not about one charter (an unreadable folder).
    errors: Vec<String>,
}

#[derive(Serialize)]
struct Charter {
    source: String,
    /// `built` or `failed`.
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
        failed: run.failed(),
        warnings,
        millis: elapsed.as_millis(),
        charters,
        errors: run.errors.iter().map(ToString::to_string).collect(),
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
        status: if result.failed() { "failed" } else { "built" },
        outputs: result
            .written
            .iter()
            .filter_map(|path| {
                let bytes = std::fs::read(path).ok()?;
                Some(Output {
                    path: path.to_string_lossy().replace('\\', "/"),
                    bytes: bytes.len() as u64,
                    sha256: format!("{:x}", Sha256::digest(&bytes)),
                })
            })
            .collect(),
        diagnostics,
        millis: result.elapsed.as_millis(),
    }
}
