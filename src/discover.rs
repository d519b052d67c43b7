//! Which files to read: the files named on the command line, and the charter files found
//! by walking the directories named there.
//!
//! The rule, so a user can predict it:
//! - a file named explicitly is always read, whatever its extension or content;
//! - under a directory, files ending in `.yaml` or `.yml` are read, in name order, following
//!   symbolic links (a loop is reported, and the rest of the tree is still walked);
//! - entries whose name starts with `.` (such as `.git` or `.github`) are skipped, and so
//!   are paths matching an `--exclude` pattern (a matching folder is not entered);
//! - a YAML file under a directory whose top-level keys include none of a charter's (a
//!   `mkdocs.yml`, a `docker-compose.yml`) is some other tool's file: it is skipped and
//!   listed as skipped, never reported as a broken charter.

use std::collections::HashSet;
use std::io::Read as _;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
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
    /// Entries found under a folder that were not read, and why: YAML files of other
    /// tools, links that loop or lead nowhere (when they are not named as charters).
    pub skipped: Vec<(PathBuf, String)>,
    /// Paths that could not be read or walked. Everything else is still walked.
    pub errors: Vec<Error>,
}

/// Paths to leave out of a walk: glob patterns (`drafts/**`, `*.old.yaml`) matched against
/// each path below the folder walked, and against its name alone.
#[derive(Clone, Debug, Default)]
pub struct Exclude {
    set: GlobSet,
}

impl Exclude {
    pub fn new<S: AsRef<str>>(patterns: &[S]) -> Result<Self, String> {
        let mut builder = GlobSetBuilder::new();
        for pattern in patterns {
            let pattern = pattern.as_ref();
            let glob = Glob::new(pattern.trim_end_matches('/'))
                .map_err(|e| format!("`{pattern}` is not a valid exclude pattern: {e}"))?;
            builder.add(glob);
        }
        let set = builder.build().map_err(|e| e.to_string())?;
        Ok(Self { set })
    }

    fn matches(&self, relative: &Path) -> bool {
        !self.set.is_empty()
            && (self.set.is_match(relative)
                || relative
                    .file_name()
                    .is_some_and(|name| self.set.is_match(name)))
    }
}

/// Walks every path; a path that fails is recorded and the others are still walked.
pub fn discover(paths: &[PathBuf], exclude: &Exclude) -> Discovered {
    let mut found = Discovered::default();
    let mut seen = HashSet::new();
    for path in paths {
        if let Err(error) = discover_one(path, exclude, &mut found, &mut seen) {
            found.errors.push(error);
        }
    }
    found
}

fn discover_one(
    path: &Path,
    exclude: &Exclude,
    found: &mut Discovered,
    seen: &mut HashSet<PathBuf>,
) -> Result<(), Error> {
    let metadata = std::fs::metadata(path).map_err(|source| Error::Read {
        path: path.to_owned(),
        source,
    })?;
    if !metadata.is_dir() {
        if seen.insert(path.to_owned()) {
            found.files.push(path.to_owned());
            found
                .relative
                .push(path.file_name().map(PathBuf::from).unwrap_or_default());
        }
        return Ok(());
    }
    let mut files = Vec::new();
    let mut skipped = 0;
    let walker = WalkDir::new(path)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            entry.depth() == 0
                || !(is_hidden(entry.file_name())
                    || exclude.matches(entry.path().strip_prefix(path).unwrap_or(entry.path())))
        });
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                // One bad entry is reported and the rest of the tree is still walked. What
                // could hold charters (a `.yaml` file, a folder we may not open) fails the
                // run; a loop, or a dangling link to something else, is only skipped.
                match skip_reason(&err) {
                    Some(reason) => found
                        .skipped
                        .push((tidy(err.path().unwrap_or(path).to_owned()), reason)),
                    None => found.errors.push(walk_error(path, &err)),
                }
                continue;
            }
        };
        if !entry.file_type().is_file() || !is_charter_file(entry.path()) {
            continue;
        }
        if let Some(reason) = not_a_charter(entry.path()) {
            found
                .skipped
                .push((tidy(entry.into_path()), reason.to_owned()));
            skipped += 1;
            continue;
        }
        let relative = entry
            .path()
            .strip_prefix(path)
            .map(Path::to_owned)
            .unwrap_or_default();
        files.push((tidy(entry.into_path()), relative));
    }
    if files.is_empty() {
        let message = if skipped > 0 {
            "this folder holds YAML files, but none of them is a charter"
        } else {
            "this folder holds no charter files"
        };
        found.empty_dirs.push((
            path.to_owned(),
            Diagnostic::error(Code::NoCharters, message).with_hint(
                "charters are files ending in `.yaml` or `.yml` with an `organization` and \
                 `services`; check the path, or run `charter new` to create one",
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

/// Why an entry that cannot be walked may be passed over, or `None` when it must be
/// reported as a failure.
fn skip_reason(err: &walkdir::Error) -> Option<String> {
    if let Some(ancestor) = err.loop_ancestor() {
        return Some(format!(
            "a symbolic link back to `{}` (a loop)",
            ancestor.display()
        ));
    }
    let dangling = err
        .io_error()
        .is_some_and(|io| io.kind() == std::io::ErrorKind::NotFound);
    let charter_name = err.path().is_some_and(is_charter_file);
    (dangling && !charter_name)
        .then(|| "a symbolic link to something that does not exist".to_owned())
}

fn walk_error(root: &Path, err: &walkdir::Error) -> Error {
    let path = err.path().unwrap_or(root).to_owned();
    let message = match err.io_error() {
        Some(io) if io.kind() == std::io::ErrorKind::NotFound => {
            "it is a symbolic link to something that does not exist".to_owned()
        }
        Some(io) => crate::error::plain_io(io),
        None => err.to_string(),
    };
    Error::Walk { path, message }
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

/// The keys only a charter has at its top level: a file with block keys at the top and
/// none of these belongs to another tool. (`services` and `title` are a charter's too, but
/// also a `docker-compose.yml`'s and a Jekyll `_config.yml`'s.)
const CHARTER_KEYS: &[&str] = &[
    "organization",
    "organisation",
    "languages",
    "vision",
    "mission",
    "values",
    "complaints",
    "standards",
    "rights",
    "duties",
    "preface",
    "commitment",
];

/// Why a YAML file found under a folder is not a charter, judged from its top-level keys
/// (a quick look at lines that start in column 1, not a parse). A file we cannot judge
/// (empty, flow style, unreadable, too big) is read as a charter, so its problem is
/// reported rather than hidden.
fn not_a_charter(path: &Path) -> Option<&'static str> {
    let (file, _) = crate::files::open_regular(path).ok()?;
    let mut text = String::new();
    file.take(crate::limits::CHARTER_BYTES)
        .read_to_string(&mut text)
        .ok()?;
    let mut keys = text.lines().filter_map(top_level_key).peekable();
    keys.peek()?;
    if keys.any(|key| CHARTER_KEYS.contains(&key)) {
        None
    } else {
        Some("not a charter (no `organization:`, `vision:` or other charter key at its top level)")
    }
}

/// `services:` → `services`; indented lines, comments, list items and documents markers
/// are not top-level keys.
fn top_level_key(line: &str) -> Option<&str> {
    let first = line.chars().next()?;
    if !(first.is_ascii_alphabetic() || first == '"' || first == '\'') {
        return None;
    }
    let (key, _) = line.split_once(':')?;
    let key = key.trim().trim_matches(|c| c == '"' || c == '\'');
    (!key.is_empty() && !key.contains(' ')).then_some(key)
}

/// `./charters/a.yaml` → `charters/a.yaml`: walking `.` should not put `./` in every name.
fn tidy(path: PathBuf) -> PathBuf {
    match path.strip_prefix(".") {
        Ok(rest) if !rest.as_os_str().is_empty() => rest.to_owned(),
        _ => path,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn top_level_keys_are_read_from_column_one_only() {
        assert_eq!(top_level_key("services:"), Some("services"));
        assert_eq!(top_level_key("\"vision\": x"), Some("vision"));
        assert_eq!(top_level_key("  services:"), None);
        assert_eq!(top_level_key("# services:"), None);
        assert_eq!(top_level_key("- services:"), None);
        assert_eq!(top_level_key("---"), None);
    }

    #[test]
    fn exclude_matches_paths_below_the_folder_and_bare_names() {
        let exclude = Exclude::new(&["drafts/**", "*.old.yaml"]).unwrap();
        assert!(exclude.matches(Path::new("drafts/a.yaml")));
        assert!(exclude.matches(Path::new("x/kitui.old.yaml")));
        assert!(!exclude.matches(Path::new("kitui.yaml")));
        assert!(Exclude::new(&["a[b"]).is_err());
    }
}
