//! Which files to check: the files named on the command line, and the charter files found
//! by walking the directories named there.
//!
//! The rule, so a user can predict it: a file named explicitly is always read, whatever
//! its extension. Under a directory, files ending in `.yaml` or `.yml` are read, in name
//! order; entries whose name starts with `.` (such as `.git` or `.github`) are skipped.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostic::{Code, Diagnostic};
use crate::error::Error;

/// What walking the command line's paths found.
#[derive(Debug, Default)]
pub struct Discovered {
    /// Charter files to read, in order, without repeats.
    pub files: Vec<PathBuf>,
    /// Directories that held no charter: reported, since a CI job pointed at the wrong
    /// folder would otherwise pass while checking nothing.
    pub empty_dirs: Vec<(PathBuf, Diagnostic)>,
}

pub fn discover(paths: &[PathBuf]) -> Result<Discovered, Error> {
    let mut found = Discovered::default();
    for path in paths {
        let metadata = std::fs::metadata(path).map_err(|source| Error::Read {
            path: path.clone(),
            source,
        })?;
        if !metadata.is_dir() {
            push_unique(&mut found.files, path.clone());
            continue;
        }
        let before = found.files.len();
        let walker = WalkDir::new(path)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|entry| entry.depth() == 0 || !is_hidden(entry.file_name()));
        for entry in walker {
            let entry = entry.map_err(|err| Error::Walk {
                path: err.path().unwrap_or(path).to_owned(),
                message: err
                    .io_error()
                    .map_or_else(|| err.to_string(), |io| io.to_string()),
            })?;
            if entry.file_type().is_file() && is_charter_file(entry.path()) {
                push_unique(&mut found.files, tidy(entry.into_path()));
            }
        }
        if found.files.len() == before {
            found.empty_dirs.push((
                path.clone(),
                Diagnostic::error(Code::NoCharters, "this folder holds no charter files")
                    .with_hint("charters are files ending in `.yaml` or `.yml`; check the path, or run `charter new` to create one"),
            ));
        }
    }
    Ok(found)
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|n| n.starts_with('.'))
}

fn is_charter_file(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml")
    )
}

fn push_unique(files: &mut Vec<PathBuf>, path: PathBuf) {
    if !files.contains(&path) {
        files.push(path);
    }
}

/// `./charters/a.yaml` → `charters/a.yaml`: walking `.` should not put `./` in every name.
fn tidy(path: PathBuf) -> PathBuf {
    match path.strip_prefix(".") {
        Ok(rest) if !rest.as_os_str().is_empty() => rest.to_owned(),
        _ => path,
    }
}
