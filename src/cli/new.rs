//! `charter new`: write a commented starter charter.

use std::path::{Path, PathBuf};

use super::{errln, print_error, status};
use crate::error::Error;
use crate::schema::{SCHEMA_FILE, schema_json};
use crate::starter::{StarterLang, starter};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Where to write the charter.
    #[arg(default_value = "charter.yaml")]
    pub path: PathBuf,

    /// The language of the starter's text.
    #[arg(long, value_enum, default_value_t = StarterLang::En)]
    pub lang: StarterLang,
}

pub fn run(mut args: Args) -> u8 {
    // `charter check` looks for `.yaml` and `.yml` files: give the new file one.
    if !matches!(
        args.path.extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml")
    ) {
        let mut name = args.path.clone().into_os_string();
        name.push(".yaml");
        args.path = name.into();
    }
    match write_starter(&args.path, args.lang) {
        Ok(schema_written) => {
            errln!("Wrote {}.", args.path.display());
            if let Some(schema) = schema_written {
                errln!(
                    "Wrote {} (editors use it to complete and check the charter).",
                    schema.display()
                );
            }
            errln!(
                "Edit it, then run `charter check {path}` to find mistakes and `charter build {path}` to make the poster and the page.",
                path = args.path.display()
            );
            status::OK
        }
        Err(error) => {
            print_error(&error);
            status::FAILURE
        }
    }
}

/// Writes the starter, never over an existing file; and the schema beside it, which the
/// starter's modeline names, unless something is there already (a file, or a link, even
/// one to nothing: it is the user's). Everything is decided before anything is written, and
/// a file that cannot be written whole is removed, so a failure leaves nothing behind.
///
/// A missing folder is made (`charter new charters/office.yaml` in an empty folder, as
/// `cargo new` would), and removed again if nothing could be written into it.
fn write_starter(path: &Path, lang: StarterLang) -> Result<Option<PathBuf>, Error> {
    let folder = crate::files::folder_of(path);
    let made = missing_folders(folder);
    if let Some(top) = made.last() {
        std::fs::create_dir_all(folder).map_err(|source| Error::Write {
            path: top.clone(),
            source,
        })?;
    }
    let written = write_files(path, lang);
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

fn write_files(path: &Path, lang: StarterLang) -> Result<Option<PathBuf>, Error> {
    let schema = crate::files::folder_of(path).join(SCHEMA_FILE);
    let write_schema = std::fs::symlink_metadata(&schema).is_err();
    crate::files::create_new(path, starter(lang).as_bytes())?;
    if !write_schema {
        return Ok(None);
    }
    if let Err(error) = crate::files::create_new(&schema, schema_json().as_bytes()) {
        let _ = std::fs::remove_file(path);
        return Err(error);
    }
    Ok(Some(schema))
}
