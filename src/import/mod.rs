//! `charter import`: a charter an office already has, as a Word file, a workbook, a CSV
//! export of its services table or a web page, made into a charter file.
//!
//! ```text
//! file ──read (docx.rs, sheet.rs, csv.rs, html.rs)──▶ Document (paragraphs and tables,
//!   each with its place) ──map::map (headings.rs: the catalogues' [import] words;
//!   services.rs, steps.rs, contacts.rs)──▶ Imported (every value with where it was found)
//!   ──yaml::write──▶ text ──load::load_source (the charter must pass `check`)──▶ written
//! ```
//!
//! Nothing is reworded: every value is the document's text, tidied of its white space and
//! list marks. Fees and timelines are read with `check`'s readers; what they cannot read is
//! written as `{text: ...}`.

pub mod contacts;
pub mod csv;
pub mod currency;
pub mod document;
pub mod docx;
pub mod headings;
pub mod html;
pub mod imported;
pub mod map;
pub mod report;
pub mod services;
pub mod sheet;
pub mod split;
pub mod steps;
pub mod yaml;

use std::path::Path;

use crate::limits::IMPORT_BYTES;
use document::Document;
use imported::Imported;

/// Why a file cannot be imported, in words for its owner.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{}", crate::error::plain_io(.0))]
    Io(#[from] std::io::Error),
    #[error("{0}")]
    Read(String),
    #[error(
        "it is not a kind of file `charter import` reads: give a Word file (.docx), a workbook \
         (.xlsx, .xls, .ods), a CSV file (.csv) or a web page (.html)"
    )]
    Unknown,
    #[error(
        "it is an old Word file (.doc): open it in Word or LibreOffice and save it as a Word \
         document (.docx), then import that"
    )]
    OldWord,
    #[error("it cannot be read as {what}: it may be damaged, or not what its name says")]
    Damaged { what: &'static str },
    #[error(
        "it is protected by a password: open it, remove the password (in Word or Excel: File, \
         Info, Protect, Encrypt with Password, and clear it), save it, and import that copy"
    )]
    Protected,
    #[error("it unzips to more than {} MB, far more than a charter", .limit / 1024 / 1024)]
    TooBig { limit: u64 },
    #[error("{why}")]
    Unreadable { why: String },
    #[error(
        "its content is nested hundreds of levels deep (tables in tables, or boxes in \
         boxes), which no charter is: it may be damaged, or made by a program"
    )]
    TooDeep,
    #[error(
        "no services table was found in it: a table with a heading row naming the services \
         (\"Service\", \"Huduma\", \"Serbisyo\") and their requirements, fees or times. Is the \
         table a picture? Then it has to be typed; `charter new` writes a starter charter"
    )]
    NoServices,
    #[error(
        "its services table ({table}) has a heading row but no service under it: is the \
         rest of the table in another file, or a picture?"
    )]
    NoRows { table: String },
    #[error(
        "it is saved as Unicode text (UTF-16), which is not read: save it as \"CSV UTF-8\" \
         (in Excel: File, Save As, CSV UTF-8) and import that"
    )]
    Utf16,
}

/// The kinds of file read, by their endings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Word,
    Workbook,
    Csv,
    Html,
}

impl Kind {
    pub fn of(path: &Path) -> Option<Kind> {
        let ending = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ending.as_str() {
            "docx" | "docm" => Kind::Word,
            "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" => Kind::Workbook,
            "csv" | "txt" => Kind::Csv,
            "html" | "htm" | "xhtml" => Kind::Html,
            "doc" => return None,
            _ => return None,
        })
    }
}

/// The compound-file signature: old Office files (.doc, .xls), and the modern ones when
/// they are encrypted with a password.
const COMPOUND: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Reads the file at `path` into a document.
pub fn read(path: &Path) -> Result<Document, ImportError> {
    let ending = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    if ending.as_deref() == Some("doc") {
        return Err(ImportError::OldWord);
    }
    let kind = Kind::of(path).ok_or(ImportError::Unknown)?;
    let bytes =
        crate::files::read(path, IMPORT_BYTES).map_err(|e| ImportError::Read(e.to_string()))?;
    read_bytes(kind, bytes, ending.as_deref() == Some("xls"))
}

/// Reads a file's bytes, of the kind its name says.
pub fn read_bytes(kind: Kind, bytes: Vec<u8>, old_format: bool) -> Result<Document, ImportError> {
    if bytes.starts_with(COMPOUND) && !old_format {
        // A .docx or .xlsx that is a compound file is an encrypted one (or an old file
        // renamed, which says so when it is opened).
        let text = String::from_utf8_lossy(&bytes);
        return Err(
            if text.contains("E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e") {
                ImportError::Protected
            } else if kind == Kind::Word {
                ImportError::OldWord
            } else {
                ImportError::Damaged { what: "a workbook" }
            },
        );
    }
    match kind {
        Kind::Word => docx::read(&bytes),
        Kind::Workbook => sheet::read(bytes),
        Kind::Csv => csv::read(&bytes),
        Kind::Html => html::read(&String::from_utf8_lossy(&bytes)),
    }
}

/// Maps a document into a charter; `Err` when it has no services table.
pub fn map(document: &Document) -> Result<Imported, ImportError> {
    map::map(document)
}
