//! The one integration test binary (as in mdBook): each module covers one area, with its
//! fixtures in a folder of `tests/` named after it.

mod architecture;
mod boundaries;
mod build;
mod check_fixtures;
mod cli;
mod corpus;
mod diff_cli;
mod exports;
#[cfg(target_os = "linux")]
mod faults;
#[path = "../support/fuzz_checks.rs"]
mod fuzz_checks;
mod fuzz_inputs;
#[cfg(target_os = "linux")]
#[path = "../support/hostile.rs"]
mod hostile;
mod html;
mod import;
mod incremental;
#[cfg(unix)]
mod install;
mod limits_doc;
mod lint_cli;
mod lint_rules;
#[cfg(target_os = "linux")]
#[path = "../support/pasted.rs"]
mod pasted;
mod preview;
mod printed;
mod real_charters;
mod register;
#[path = "../support/registers.rs"]
mod registers;
mod report;
mod schema;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the `charter` binary from the repository root, without colour.
pub fn charter(args: &[&str]) -> Output {
    charter_in(root(), args)
}

/// Runs the `charter` binary in `dir`: no colour, 80 columns, a fixed date (2026-01-01, for
/// `review-overdue`), and not under GitHub Actions (which changes lint's default output).
pub fn charter_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_charter"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "80")
        .env("SOURCE_DATE_EPOCH", "1767225600")
        .env_remove("GITHUB_ACTIONS")
        .output()
        .expect("the charter binary runs")
}

/// Every `.yaml` file directly in `dir`, sorted.
pub fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    files
}

/// Every corpus charter (`corpus/<country>/`), by country folder then name.
pub fn corpus() -> Vec<PathBuf> {
    let mut countries: Vec<PathBuf> = std::fs::read_dir(root().join("corpus"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    countries.sort();
    countries.iter().flat_map(|c| yaml_files(c)).collect()
}

/// A fresh folder for one test's output, under the system's temporary folder (tests run
/// in parallel: each gets its own, named after `area` and `name`).
pub fn out_dir(area: &str, name: &str) -> PathBuf {
    static SWEPT: std::sync::Once = std::sync::Once::new();
    SWEPT.call_once(sweep_old_out_dirs);
    let dir = std::env::temp_dir()
        .join(format!("charter-{area}-tests-{}", std::process::id()))
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// Removes the output folders of earlier test runs whose process is gone (each run writes
/// some megabytes of posters; a machine that runs the tests all day would fill up).
fn sweep_old_out_dirs() {
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = name
            .strip_prefix("charter-")
            .and_then(|rest| rest.rsplit_once("-tests-"))
            .and_then(|(_, pid)| pid.parse::<u32>().ok())
        else {
            continue;
        };
        // Only where a process's liveness can be seen; elsewhere, nothing is removed.
        let gone = cfg!(target_os = "linux") && !Path::new("/proc").join(pid.to_string()).exists();
        if gone && pid != std::process::id() {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// A user's theme in `dir/theme`: the kenya theme with its own page footer (the fixture
/// of `tests/html/override`). Returns the theme folder.
pub fn override_theme(dir: &Path) -> PathBuf {
    let theme = dir.join("theme");
    std::fs::create_dir_all(&theme).unwrap();
    for file in ["theme.toml", "page.html"] {
        std::fs::copy(
            root().join("tests/html/override/theme").join(file),
            theme.join(file),
        )
        .unwrap();
    }
    theme
}

/// The real charters and the examples: what every build test runs through.
pub fn all_charters() -> Vec<PathBuf> {
    let mut files = yaml_files(&root().join("charters"));
    files.extend(yaml_files(&root().join("examples")));
    files
}
