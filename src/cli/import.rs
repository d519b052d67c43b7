//! `charter import FILE`: a charter an office already has (Word, a workbook, CSV, a web
//! page) made into a charter file that passes `charter check`, with a report of what was
//! found where, and what was not placed.

use std::path::{Path, PathBuf};

use super::{errln, print_error, status};
use crate::import::{self, ImportError};
use crate::source::SourceFile;
use crate::starter::write_new_charter;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The document: a Word file (.docx), a workbook (.xlsx, .xls, .ods), a CSV export of
    /// the services table (.csv) or a web page (.html).
    pub file: PathBuf,

    /// Where to write the charter: a file, or a folder to write it in [default: the
    /// document's name, ending `.yaml`, in the current folder]; `-` prints it. An existing
    /// file is never replaced.
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,
}

pub fn run(args: Args) -> u8 {
    let output = match &args.output {
        Some(path) if path.as_os_str() == "-" => None,
        // A folder (one that exists, or a path ending in `/`): the charter goes in it,
        // named after the document.
        Some(path)
            if path.is_dir() || path.as_os_str().to_string_lossy().ends_with(['/', '\\']) =>
        {
            Some(path.join(default_output(&args.file)))
        }
        Some(path) => Some(with_yaml_ending(path)),
        None => Some(default_output(&args.file)),
    };
    // Decided before the document is read: an existing charter is never replaced.
    if let Some(path) = &output
        && std::fs::symlink_metadata(path).is_ok()
    {
        errln!(
            "error: {} exists, and `charter import` never replaces a file: give another \
                 name with `-o`, or move that one away",
            crate::files::display_path(path)
        );
        return status::FAILURE;
    }
    let shown = crate::files::display_path(&args.file);
    let imported = import::read(&args.file).and_then(|document| import::map(&document));
    let imported = match imported {
        Ok(imported) => imported,
        Err(error) => {
            errln!("error: cannot import {shown}: {error}");
            return match error {
                ImportError::NoServices | ImportError::NoRows { .. } => status::PROBLEMS,
                _ => status::FAILURE,
            };
        }
    };
    let name = args
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| shown.clone());
    let stem = args
        .file
        .file_stem()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let text = import::yaml::write(&imported, &name, &stem);
    // A charter file has a limit (`E107`): one past it could not be checked or built.
    if text.len() as u64 > crate::limits::CHARTER_BYTES {
        errln!(
            "error: cannot import {shown}: the charter would be {} kB, more than the {} kB a \
             charter file may be; import the document in parts (one department's table each)",
            text.len() / 1024,
            crate::limits::CHARTER_BYTES / 1024
        );
        return status::FAILURE;
    }
    // The charter written must pass `check`: a failure here is the importer's mistake,
    // never the office's, and nothing is written.
    let target = output
        .clone()
        .unwrap_or_else(|| PathBuf::from("imported.yaml"));
    let loaded = crate::load::load_source(SourceFile::new(target, text.clone()));
    if !loaded.is_valid() {
        let reporter = crate::report::HumanReporter::new(false, super::terminal_width());
        for diagnostic in loaded.diagnostics.iter() {
            errln!("{}", reporter.render(&loaded.source, diagnostic));
        }
        errln!(
            "error: the charter imported from {shown} does not pass `charter check`, so it was \
             not written. This is a mistake of `charter import`: please report it, with the \
             document if you can share it."
        );
        return status::FAILURE;
    }
    errln!("Read {shown}:");
    for line in import::report::lines(&imported) {
        errln!("{line}");
    }
    let Some(path) = output else {
        super::out!("{text}");
        return status::OK;
    };
    match write_new_charter(&path, &text) {
        Ok(schema) => {
            errln!("Wrote {}.", crate::files::display_path(&path));
            if let Some(schema) = schema {
                errln!(
                    "Wrote {} (editors use it to complete and check the charter).",
                    crate::files::display_path(&schema)
                );
            }
            errln!(
                "Compare it with the document, then run `charter lint {path}` for what to improve and `charter build {path}` for the poster.",
                path = crate::files::display_path(&path)
            );
            status::OK
        }
        Err(error) => {
            print_error(&error);
            status::FAILURE
        }
    }
}

/// `kitui.docx` → `kitui.yaml`, in the current folder.
fn default_output(file: &Path) -> PathBuf {
    let stem = file.file_stem().unwrap_or_else(|| "charter".as_ref());
    let mut name = stem.to_os_string();
    name.push(".yaml");
    PathBuf::from(name)
}

/// `charter check` looks for `.yaml` and `.yml` files: give the charter one.
fn with_yaml_ending(path: &Path) -> PathBuf {
    if matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml")
    ) {
        return path.to_path_buf();
    }
    let mut name = path.as_os_str().to_os_string();
    name.push(".yaml");
    name.into()
}
