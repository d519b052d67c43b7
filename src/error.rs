//! Operational errors: the tool could not do its job for reasons outside the charter's
//! content (a file that does not exist, a folder that cannot be read, a file that cannot be
//! written). They are printed as one line each and make the tool exit with status 2.

use std::io;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot read `{}`: {}", path.display(), plain_io(source))]
    Read { path: PathBuf, source: io::Error },
    #[error("cannot write `{}`: {}", path.display(), plain_io(source))]
    Write { path: PathBuf, source: io::Error },
    /// `lint --fix` could not replace a charter (it changed meanwhile, it is read-only).
    #[error("cannot fix `{}`: {message}", path.display())]
    NotFixed { path: PathBuf, message: String },
    #[error("`{}` already exists; pick another name or remove it first", path.display())]
    AlreadyExists { path: PathBuf },
    #[error("two charters would both be written to `{}`; build them into different folders", path.display())]
    Clash { path: PathBuf },
    #[error("cannot read `{}`: {message}", path.display())]
    Walk { path: PathBuf, message: String },
    /// A build worker that could not set up (its theme or fonts could not be loaded): it
    /// said why before it stopped; not a bug, and not the charter's fault.
    #[error("could not build `{}`: its build worker could not start (see the error above)", path.display())]
    WorkerStart { path: PathBuf },
    /// A panic while building one charter: a bug of ours (or Typst's), reported for that
    /// charter while the rest of the batch goes on.
    #[error("charter crashed while reading `{}` ({message}); this is a bug: please report it with the charter file", path.display())]
    Crashed { path: PathBuf, message: String },
}

/// `io::Error`'s text without the "(os error 2)" suffix, which means nothing to our users.
pub(crate) fn plain_io(error: &io::Error) -> String {
    match error.kind() {
        io::ErrorKind::NotFound => "no such file or directory".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        io::ErrorKind::IsADirectory => "it is a directory".into(),
        _ => {
            let text = error.to_string();
            match text.find(" (os error") {
                Some(cut) => text[..cut].to_owned(),
                None => text,
            }
        }
    }
}

/// Runs the work of one file; a panic in it (a bug) becomes that file's [`Error::Crashed`],
/// so a batch reports it and goes on with the other files.
pub fn isolate<T>(
    path: &std::path::Path,
    work: impl FnOnce() -> Result<T, Error>,
) -> Result<T, Error> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).unwrap_or_else(|panic| {
        Err(Error::Crashed {
            path: path.to_owned(),
            message: panic_message(&*panic),
        })
    })
}

/// The message a panic was raised with.
pub fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic".to_owned())
}
