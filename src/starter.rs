//! The commented starter charters written by `charter new`, and how a new charter file is
//! written (by `charter new` and `charter import`).

use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::schema::{SCHEMA_FILE, schema_json};

/// Languages a starter exists in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum StarterLang {
    En,
    Sw,
}

/// The starter charter's text. Each one passes `charter check` (a test keeps it so).
pub fn starter(lang: StarterLang) -> &'static str {
    match lang {
        StarterLang::En => include_str!("starter/en.yaml"),
        StarterLang::Sw => include_str!("starter/sw.yaml"),
    }
}

/// Writes a new charter (a starter, or one imported), never over an existing file; and the
/// schema beside it, which the charter's modeline names, unless something is there already (a file, or a link, even
/// one to nothing: it is the user's). Everything is decided before anything is written, and
/// a file that cannot be written whole is removed, so a failure leaves nothing behind.
///
/// A missing folder is made (`charter new charters/office.yaml` in an empty folder, as
/// `cargo new` would), and removed again if nothing could be written into it.
pub fn write_new_charter(path: &Path, text: &str) -> Result<Option<PathBuf>, Error> {
    let folder = crate::files::folder_of(path);
    let made = missing_folders(folder);
    if let Some(top) = made.last() {
        std::fs::create_dir_all(folder).map_err(|source| Error::Write {
            path: top.clone(),
            source,
        })?;
    }
    let written = write_files(path, text);
    if written.is_err() {
        for dir in &made {
            let _ = std::fs::remove_dir(dir);
        }
    }
    written
}

/// `folder` and each of its parents that does not exist, innermost first.
fn missing_folders(folder: &Path) -> Vec<PathBuf> {
    folder
        .ancestors()
        .take_while(|dir| !dir.as_os_str().is_empty() && !dir.exists())
        .map(Path::to_path_buf)
        .collect()
}

fn write_files(path: &Path, text: &str) -> Result<Option<PathBuf>, Error> {
    let schema = crate::files::folder_of(path).join(SCHEMA_FILE);
    let write_schema = std::fs::symlink_metadata(&schema).is_err();
    crate::files::create_new(path, text.as_bytes())?;
    if !write_schema {
        return Ok(None);
    }
    if let Err(error) = crate::files::create_new(&schema, schema_json().as_bytes()) {
        let _ = std::fs::remove_file(path);
        return Err(error);
    }
    Ok(Some(schema))
}
