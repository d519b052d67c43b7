//! Which files to check: the files named on the command line, and the charter files found
//! by walking the directories named there.
//!
//! The rule, so a user can predict it: a file named explicitly is always read, whatever
//! its extension. Under a directory, files ending in `.yaml` or `.yml` are read, in name
//! order; entries whose name starts with `.` (such as `.git` or `.github`) are skipped.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostic::{Code, Diagnostic};
use crate::error::Error;

/// What walking the command line's paths found.
#[derive(Debug, Default)]
pub struct Discovered {
    /// Charter files to read, in order, without repeats.
    pub files: Vec<PathBuf>,
    /// For each file, its path below the folder it was found in (its name alone for a
    /// file named on the command line): where its output goes below an output folder.
    pub relative: Vec<PathBuf>,
    /// Directories that held no charter: reported, since a CI job pointed at the wrong
    /// folder would otherwise pass while checking nothing.
    pub empty_dirs: Vec<(PathBuf, Diagnostic)>,
    /// Paths that could not be read or walked. The other paths are still walked.
    pub errors: Vec<Error>,
}

/// Walks every path; a path that fails is recorded and the others are still walked.
pub fn discover(paths: &[PathBuf]) -> Discovered {
    let mut found = Discovered::default();
    let mut seen = HashSet::new();
    for path in paths {
        if let Err(error) = discover_one(path, &mut found, &mut seen) {
            found.errors.push(error);
        }
    }
    found
}

fn discover_one(
    path: &Path,
    found: &mut Discovered,
    seen: &mut HashSet<PathBuf>,
) -> Result<(), Error> {
    let metadata = std::fs::metadata(path).map_err(|source| Error::Read {
        path: path.to_owned(),
        source,
    })?;
    let mut files = Vec::new();
    if !metadata.is_dir() {
        if seen.insert(path.to_owned()) {
            found.files.push(path.to_owned());
            found
                .relative
                .push(path.file_name().map(PathBuf::from).unwrap_or_default());
        }
        return Ok(());
    }
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
            let relative = entry
                .path()
                .strip_prefix(path)
                .map(Path::to_owned)
                .unwrap_or_default();
            files.push((tidy(entry.into_path()), relative));
        }
    }
    if files.is_empty() {
        found.empty_dirs.push((
            path.to_owned(),
            Diagnostic::error(Code::NoCharters, "this folder holds no charter files").with_hint(
                "charters are files ending in `.yaml` or `.yml`; check the path, or run \
                 `charter new` to create one",
            ),
        ));
    }
    for (file, relative) in files {
        if seen.insert(file.clone()) {
            found.files.push(file);
            found.relative.push(relative);
        }
    }
    Ok(())
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

/// `./charters/a.yaml` → `charters/a.yaml`: walking `.` should not put `./` in every name.
fn tidy(path: PathBuf) -> PathBuf {
    match path.strip_prefix(".") {
        Ok(rest) if !rest.as_os_str().is_empty() => rest.to_owned(),
        _ => path,
    }
}
