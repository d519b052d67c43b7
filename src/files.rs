//! Reading and writing files, the one way the tool does it.
//!
//! Reading: only regular files, opened so that nothing can block (a FIFO named as a logo
//! or a record would hang the build on `open`), and never more than a stated limit, checked
//! before the bytes are read (see `docs/limits.md`). A path that must stay inside a folder
//! (a theme's files, a charter's logo, the outputs served) is checked by its real path,
//! after every link is followed.
//!
//! Writing: through a temporary file in the same folder, then a rename, so nobody ever
//! sees half a file. A temporary file is locked while it is written; a later run removes
//! only those nobody holds a lock on (their writer died), which holds across containers
//! and PID namespaces, where a process ID means nothing.

use std::fs::File;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// A path as shown to people and written in reports: forward slashes on every platform,
/// so reports and snapshots read the same everywhere.
pub fn display_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// The folder a file is in: `.` for a bare name (whose `parent()` is empty).
pub fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// SHA-256 of some bytes, as lowercase hex: how outputs and what they were made from are
/// compared (by content, never by date).
pub fn sha256(bytes: &[u8]) -> String {
    use sha2::Digest;
    format!("{:x}", sha2::Sha256::digest(bytes))
}

/// The start of every temporary file a build writes; hidden, so walks pass it over.
pub const TEMP_PREFIX: &str = ".charter-";
const TEMP_SUFFIX: &str = ".tmp";

/// Why a file was not read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{}", crate::error::plain_io(.0))]
    Io(#[from] io::Error),
    /// A FIFO, a device, a socket or a folder: only regular files are read.
    #[error("it is {0}, not a regular file")]
    NotRegular(&'static str),
    #[error("it is {size} bytes, more than the {limit} bytes such a file may have")]
    TooLarge { size: u64, limit: u64 },
    /// The real path (after links) is outside the folder it must stay in.
    #[error("its real path, once links are followed, is outside `{}`", .0.display())]
    Outside(PathBuf),
}

/// Opens a file for reading without blocking (a FIFO opens at once, and is then refused),
/// and checks that it is a regular file.
///
/// `O_NONBLOCK` is Unix's: Windows has no FIFO in the file system (its named pipes live
/// under `\\.\pipe\`, and opening a busy one fails rather than waits), so a plain open
/// cannot block there. Windows also refuses to open a folder as a file ("access denied"),
/// where Unix opens it and the check below names it: a folder is named there too.
pub fn open_regular(path: &Path) -> Result<(File, u64), ReadError> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    let file = match options.open(path) {
        Ok(file) => file,
        #[cfg(windows)]
        Err(_) if path.is_dir() => return Err(ReadError::NotRegular("a folder")),
        Err(e) => return Err(e.into()),
    };
    let metadata = file.metadata()?;
    let kind = metadata.file_type();
    if !kind.is_file() {
        return Err(ReadError::NotRegular(kind_name(&kind)));
    }
    Ok((file, metadata.len()))
}

/// What a file that is not a regular file is, in words. FIFOs, devices and sockets are
/// told apart on Unix only; elsewhere (Windows) such a thing is "not a plain file".
fn kind_name(kind: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    if kind.is_dir() {
        "a folder"
    } else {
        "not a plain file"
    }
}

/// Reads a whole regular file of at most `limit` bytes. The size is checked before
/// reading, and the read stops at the limit whatever the size said (a file growing, or
/// `/proc`, which reports 0).
pub fn read(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let (file, size) = open_regular(path)?;
    if size > limit {
        return Err(ReadError::TooLarge { size, limit });
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge {
            size: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
}

/// [`read`], as text: bytes that are not UTF-8 are an error of their own.
pub fn read_text(path: &Path, limit: u64) -> Result<String, ReadError> {
    String::from_utf8(read(path, limit)?).map_err(|_| {
        ReadError::Io(io::Error::new(
            io::ErrorKind::InvalidData,
            "it is not UTF-8 text",
        ))
    })
}

/// The real path of `relative` under `root`, if it stays there once every link is
/// followed; `Ok(None)` when there is no such file.
pub fn resolve_inside(root: &Path, relative: &Path) -> Result<Option<PathBuf>, ReadError> {
    let real_root = root.canonicalize()?;
    let real = match root.join(relative).canonicalize() {
        Ok(real) => real,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    if !real.starts_with(&real_root) {
        return Err(ReadError::Outside(root.to_owned()));
    }
    Ok(Some(real))
}

/// Reads `relative` under `root` ([`read`] with [`resolve_inside`]): `Ok(None)` when there
/// is no such file.
pub fn read_inside(root: &Path, relative: &Path, limit: u64) -> Result<Option<Vec<u8>>, ReadError> {
    match resolve_inside(root, relative)? {
        Some(real) => read(&real, limit).map(Some),
        None => Ok(None),
    }
}

/// Writes through a locked temporary file in the same folder, then renames: a reader (or a
/// crashed build) never sees half a file. A writer killed mid-write leaves only a hidden
/// `.charter-….tmp`, which [`remove_abandoned_temporaries`] removes later. The file is
/// readable by everyone, like any file a build tool writes.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), crate::error::Error> {
    let write_error = |source| crate::error::Error::Write {
        path: path.to_owned(),
        source,
    };
    let dir = folder_of(path);
    std::fs::create_dir_all(dir).map_err(write_error)?;
    let mut file = temporary(dir, 0o644).map_err(write_error)?;
    file.write_all(bytes).map_err(write_error)?;
    file.as_file().sync_all().map_err(write_error)?;
    file.persist(path).map_err(|e| write_error(e.error))?;
    Ok(())
}

/// Writes a file that must not exist yet (a starter charter: never overwrite someone's
/// work), through a temporary file like [`write_atomic`]: the rename refuses to replace a
/// file that appeared meanwhile, and nobody ever sees half of it.
pub fn create_new(path: &Path, bytes: &[u8]) -> Result<(), crate::error::Error> {
    let write_error = |source| crate::error::Error::Write {
        path: path.to_owned(),
        source,
    };
    let exists = || crate::error::Error::AlreadyExists {
        path: path.to_owned(),
    };
    if path.symlink_metadata().is_ok() {
        return Err(exists());
    }
    let dir = folder_of(path);
    let mut file = temporary(dir, 0o644).map_err(write_error)?;
    file.write_all(bytes).map_err(write_error)?;
    file.as_file().sync_all().map_err(write_error)?;
    file.persist_noclobber(path)
        .map_err(|e| match e.error.kind() {
            io::ErrorKind::AlreadyExists => exists(),
            _ => write_error(e.error),
        })?;
    Ok(())
}

/// A new temporary file in `dir`, locked (see the module's documentation). `mode` is its
/// Unix permissions; Windows has none, and the file gets the access its folder gives.
/// On Windows the lock is mandatory: nobody else can read the file while it is written,
/// and nobody needs to.
fn temporary(dir: &Path, mode: u32) -> io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX).suffix(TEMP_SUFFIX);
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(mode));
    #[cfg(not(unix))]
    let _ = mode;
    let file = builder.tempfile_in(dir)?;
    file.as_file().try_lock().map_err(|e| match e {
        std::fs::TryLockError::Error(e) => e,
        std::fs::TryLockError::WouldBlock => io::Error::other("a new file is locked"),
    })?;
    Ok(file)
}

/// Removes the temporary files (at most eight folders down `dir`) that no live writer
/// holds: those of builds killed by SIGKILL or a power cut. A file being written is locked
/// by its writer, wherever that runs.
pub fn remove_abandoned_temporaries(dir: &Path) {
    let walker = walkdir::WalkDir::new(dir)
        .max_depth(8)
        .into_iter()
        .flatten();
    for entry in walker.filter(|e| e.file_type().is_file()) {
        if !is_temporary(&entry.file_name().to_string_lossy()) {
            continue;
        }
        let Ok((file, _)) = open_regular(entry.path()) else {
            continue;
        };
        if file.try_lock().is_ok() {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Whether a file name is one of our temporary files.
pub fn is_temporary(name: &str) -> bool {
    name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX)
}

/// Why a file was not replaced.
#[derive(Debug, thiserror::Error)]
pub enum ReplaceError {
    #[error("{}", crate::error::plain_io(.0))]
    Io(#[from] io::Error),
    #[error(
        "it changed since it was read (saved in an editor meanwhile?); nothing was written: run again"
    )]
    Changed,
    #[error("it is read-only; nothing was written")]
    ReadOnly,
}

/// Replaces a file's content with `new`, only if it still holds `expected` (an edit saved
/// since it was read must not be lost). A link is followed: the file it points to is
/// rewritten and the link stays. The file keeps its permissions and owner; a read-only file
/// is refused. A file with several hard links is rewritten in place (a rename would cut it
/// off from its other names); any other file through a temporary file and a rename.
///
/// The count of hard links and the owner are Unix's. On Windows (whose count of links
/// is not in stable Rust) every file is replaced through a temporary file, which keeps
/// the read-only flag (the permissions there) and gets the folder's access and owner.
pub fn replace_if_unchanged(path: &Path, expected: &[u8], new: &[u8]) -> Result<(), ReplaceError> {
    let target = path.canonicalize()?;
    let metadata = std::fs::metadata(&target)?;
    if metadata.permissions().readonly() {
        return Err(ReplaceError::ReadOnly);
    }
    let unchanged = |target: &Path| -> Result<(), ReplaceError> {
        let now = read(target, expected.len() as u64 + 1).map_err(|e| match e {
            ReadError::Io(e) => ReplaceError::Io(e),
            _ => ReplaceError::Changed,
        })?;
        if now == expected {
            Ok(())
        } else {
            Err(ReplaceError::Changed)
        }
    };
    #[cfg(unix)]
    let links = std::os::unix::fs::MetadataExt::nlink(&metadata);
    #[cfg(not(unix))]
    let links = 1;
    if links > 1 {
        unchanged(&target)?;
        let mut file = std::fs::OpenOptions::new().write(true).open(&target)?;
        file.write_all(new)?;
        file.set_len(new.len() as u64)?;
        file.sync_all()?;
        return Ok(());
    }
    let dir = folder_of(&target);
    let temp = temporary(dir, 0o600)?;
    let mut file = temp;
    file.write_all(new)?;
    file.as_file().set_permissions(metadata.permissions())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // Only root may give a file away; for anyone else the owner is theirs already.
        let _ =
            std::os::unix::fs::fchown(file.as_file(), Some(metadata.uid()), Some(metadata.gid()));
    }
    file.as_file().sync_all()?;
    // Read again just before the rename: the window left is the rename itself.
    unchanged(&target)?;
    file.persist(&target).map_err(|e| e.error)?;
    Ok(())
}

/// An output folder held by one build at a time: two builds into the same folder would mix
/// their outputs and their records. Released when dropped (or when the process dies).
pub struct FolderLock {
    _file: File,
}

/// The lock file's name in an output folder (hidden, like the record).
pub const LOCK: &str = ".charter-build.lock";

impl FolderLock {
    /// Takes the folder's lock, waiting for another build to finish if it holds it
    /// (`waiting` is called once, before waiting, to say so).
    pub fn acquire(dir: &Path, waiting: impl FnOnce()) -> Result<FolderLock, crate::error::Error> {
        let path = dir.join(LOCK);
        let error = |source| crate::error::Error::Write {
            path: path.clone(),
            source,
        };
        std::fs::create_dir_all(dir).map_err(error)?;
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(error)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                waiting();
                file.lock().map_err(error)?;
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(error(e)),
        }
        Ok(FolderLock { _file: file })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_regular_files_within_the_limit_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.txt");
        std::fs::write(&file, "hello").unwrap();
        assert_eq!(read(&file, 5).unwrap(), b"hello");
        assert!(matches!(
            read(&file, 4),
            Err(ReadError::TooLarge { size: 5, limit: 4 })
        ));
        assert!(matches!(
            read(dir.path(), 10),
            Err(ReadError::NotRegular(_))
        ));
        #[cfg(unix)]
        {
            let fifo = dir.path().join("fifo");
            let status = std::process::Command::new("mkfifo").arg(&fifo).status();
            if status.is_ok_and(|s| s.success()) {
                // Opening a FIFO with nobody writing would block for ever without O_NONBLOCK.
                assert!(matches!(read(&fifo, 10), Err(ReadError::NotRegular(_))));
            }
            assert!(matches!(
                read(Path::new("/dev/zero"), 10),
                Err(ReadError::NotRegular(_))
            ));
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_link_out_of_the_root_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("theme");
        std::fs::create_dir(&root).unwrap();
        std::fs::write(dir.path().join("secret.txt"), "secret").unwrap();
        std::os::unix::fs::symlink("../secret.txt", root.join("secret.txt")).unwrap();
        std::fs::write(root.join("ok.txt"), "ok").unwrap();
        std::os::unix::fs::symlink("ok.txt", root.join("link.txt")).unwrap();
        assert!(matches!(
            read_inside(&root, Path::new("secret.txt"), 100),
            Err(ReadError::Outside(_))
        ));
        assert_eq!(
            read_inside(&root, Path::new("link.txt"), 100).unwrap(),
            Some(b"ok".to_vec())
        );
        assert_eq!(
            read_inside(&root, Path::new("none.txt"), 100).unwrap(),
            None
        );
    }

    #[test]
    fn a_temporary_file_being_written_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let live = temporary(dir.path(), 0o644).unwrap();
        // One whose writer died: nobody holds its lock.
        let dead = dir.path().join(".charter-dead.tmp");
        std::fs::write(&dead, "half").unwrap();
        remove_abandoned_temporaries(dir.path());
        assert!(live.path().exists(), "a live writer's file was removed");
        assert!(!dead.exists());
    }

    #[test]
    fn a_file_changed_since_it_was_read_is_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("x.yaml");
        std::fs::write(&file, "a: 1\n").unwrap();
        assert!(matches!(
            replace_if_unchanged(&file, b"a: 0\n", b"a: 2\n"),
            Err(ReplaceError::Changed)
        ));
        assert_eq!(std::fs::read(&file).unwrap(), b"a: 1\n");
        replace_if_unchanged(&file, b"a: 1\n", b"a: 2\n").unwrap();
        assert_eq!(std::fs::read(&file).unwrap(), b"a: 2\n");
    }

    #[cfg(unix)]
    #[test]
    fn replacing_keeps_hard_links_and_refuses_read_only_files() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("x.yaml");
        let other = dir.path().join("y.yaml");
        std::fs::write(&file, "a: 1\n").unwrap();
        std::fs::hard_link(&file, &other).unwrap();
        replace_if_unchanged(&file, b"a: 1\n", b"a: 22\n").unwrap();
        assert_eq!(std::fs::read(&other).unwrap(), b"a: 22\n");
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o444)).unwrap();
        assert!(matches!(
            replace_if_unchanged(&file, b"a: 22\n", b"a: 3\n"),
            Err(ReplaceError::ReadOnly)
        ));
    }

    #[test]
    fn a_second_build_waits_for_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        let first = FolderLock::acquire(dir.path(), || panic!("nobody holds it")).unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let path = dir.path().to_owned();
        let second = std::thread::spawn(move || {
            let _lock = FolderLock::acquire(&path, || tx.send("waiting").unwrap()).unwrap();
        });
        assert_eq!(rx.recv().unwrap(), "waiting");
        drop(first);
        second.join().unwrap();
    }
}
