//! File-system events, debounced, as the set of paths that changed.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

use notify::event::{MetadataKind, ModifyKind};
use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};

/// How long to wait for an editor to finish saving (several writes and a rename) before
/// rebuilding: events closer together than this are one change. Short, since the goal is
/// a new PDF within 100 ms of the save.
pub const DEBOUNCE: Duration = Duration::from_millis(25);
/// The longest a change waits while other events keep coming (a log written every few
/// milliseconds in the same folder must not hold a rebuild back for ever).
pub const MAX_WAIT: Duration = Duration::from_millis(250);

pub struct Watcher {
    watcher: RecommendedWatcher,
    events: Receiver<notify::Result<notify::Event>>,
    /// Changes under these folders (the output folder) are the build's own and ignored.
    ignore: Vec<PathBuf>,
    watched: Vec<PathBuf>,
}

impl Watcher {
    pub fn new(ignore: &[PathBuf]) -> notify::Result<Watcher> {
        let (tx, events) = channel();
        let watcher = notify::recommended_watcher(move |event| {
            let _ = tx.send(event);
        })?;
        Ok(Watcher {
            watcher,
            events,
            ignore: ignore.iter().map(|p| canonical(p)).collect(),
            watched: Vec::new(),
        })
    }

    /// Watches a folder (and, when `recursive`, everything below it). Watching a folder
    /// twice is harmless.
    pub fn watch(&mut self, path: &Path, recursive: bool) -> notify::Result<()> {
        let path = canonical(path);
        if self.watched.contains(&path) {
            return Ok(());
        }
        let mode = if recursive {
            RecursiveMode::Recursive
        } else {
            RecursiveMode::NonRecursive
        };
        self.watcher.watch(&path, mode)?;
        self.watched.push(path);
        Ok(())
    }

    /// Blocks until something outside the ignored folders changes, then gathers what else
    /// changes until things are quiet for [`DEBOUNCE`]; returns the paths, or the
    /// watcher's error. `None` when the watcher has gone.
    pub fn next(&self) -> Option<Result<Vec<PathBuf>, String>> {
        let mut paths = Vec::new();
        let mut first = None;
        loop {
            let event = if paths.is_empty() {
                self.events.recv().ok()?
            } else {
                let started: std::time::Instant =
                    *first.get_or_insert_with(std::time::Instant::now);
                let left = MAX_WAIT.saturating_sub(started.elapsed());
                if left.is_zero() {
                    break;
                }
                match self.events.recv_timeout(DEBOUNCE.min(left)) {
                    Ok(event) => event,
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return None,
                }
            };
            let event = match event {
                Ok(event) => event,
                Err(error) => return Some(Err(error.to_string())),
            };
            // Reading a file is an event on some systems (the build reads the charter):
            // counting it would make every build start another.
            if matches!(
                event.kind,
                EventKind::Access(_)
                    | EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime))
            ) {
                continue;
            }
            paths.extend(event.paths.into_iter().filter(|p| self.relevant(p)));
        }
        paths.sort();
        paths.dedup();
        Some(Ok(paths))
    }

    fn relevant(&self, path: &Path) -> bool {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default();
        // The build's temporary files, and editors' swap and backup files.
        let noise = name.starts_with(crate::files::TEMP_PREFIX)
            || name.ends_with('~')
            || name.ends_with(".swp")
            || name.ends_with(".swx")
            || name.starts_with(".#")
            || name == "4913";
        !noise && !self.ignore.iter().any(|dir| path.starts_with(dir))
    }
}

/// The path with symbolic links resolved, as the watcher reports paths; as given when it
/// does not exist yet.
fn canonical(path: &Path) -> PathBuf {
    path.canonicalize()
        .unwrap_or_else(|_| std::path::absolute(path).unwrap_or_else(|_| path.to_owned()))
}
