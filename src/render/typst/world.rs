//! The Typst world a charter is compiled in. It serves only: the theme's files, the charter
//! as JSON (`/charter.json`), the charter's logo (`/logo.<ext>`) and QR code (`/qr.svg`),
//! and our fixed entry file. No system fonts, no packages, no network, no clock.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use super::fonts::Fonts;
use crate::theme::Theme;

/// The entry file: it sets the PDF's metadata from the charter, then includes the theme's
/// layout. It holds no charter text; the data stays in `/charter.json`.
const ENTRY: &str = include_str!("entry.typ");
/// Where the entry file lives in the world; `/.charter/` always wins over a theme's files.
pub const ENTRY_PATH: &str = "/.charter/entry.typ";
/// Helpers every theme may import (`#import "/.charter/lib.typ": *`): how a text in
/// several languages, a contact or a list of requirements is printed. Shared so that themes
/// do not each re-implement the data contract, and tested with every build.
const LIB: &str = include_str!("lib.typ");
pub const LIB_PATH: &str = "/.charter/lib.typ";

/// The files `charter` itself serves, with the name diagnostics show for them.
fn builtin(id: FileId) -> Option<(&'static str, &'static str)> {
    static IDS: OnceLock<[FileId; 2]> = OnceLock::new();
    let [entry, lib] = *IDS.get_or_init(|| [Engine::id(ENTRY_PATH), Engine::id(LIB_PATH)]);
    if id == entry {
        Some(("charter: entry.typ", ENTRY))
    } else if id == lib {
        Some(("charter: lib.typ", LIB))
    } else {
        None
    }
}
pub const DATA_PATH: &str = "/charter.json";
pub const QR_PATH: &str = "/qr.svg";

/// What every document of a run shares: the standard library, the fonts, and the theme
/// with its parsed sources (parsed once, so Typst's caches recognise them).
pub struct Engine {
    library: LazyHash<Library>,
    pub fonts: Fonts,
    pub theme: Theme,
    sources: Mutex<HashMap<FileId, FileResult<Source>>>,
    files: Mutex<HashMap<FileId, FileResult<Bytes>>>,
    /// The theme's HTML templates, loaded when web pages are asked for.
    pub templates: Option<crate::render::html::Templates>,
}

impl Engine {
    pub fn new(theme: Theme, font_paths: &[std::path::PathBuf]) -> Engine {
        let fonts = Fonts::new(theme.fonts(), font_paths);
        Engine {
            library: LazyHash::new(Library::builder().build()),
            fonts,
            theme,
            sources: Mutex::default(),
            files: Mutex::default(),
            templates: None,
        }
    }

    /// The id of a fixed path of the world. Ids are interned for the life of the process,
    /// so only a handful of fixed paths are ever made.
    pub fn id(path: &str) -> FileId {
        RootedPath::new(
            VirtualRoot::Project,
            VirtualPath::new(path).expect("fixed paths are valid"),
        )
        .intern()
    }

    /// The theme's path for a file id, or `None` for a file outside the theme.
    fn theme_path(id: FileId) -> Option<String> {
        let rooted = id.get();
        if !matches!(rooted.root(), VirtualRoot::Project) {
            return None;
        }
        Some(rooted.vpath().get_without_slash().to_owned())
    }

    fn theme_bytes(&self, id: FileId) -> FileResult<Bytes> {
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        files
            .entry(id)
            .or_insert_with(|| {
                let path = Engine::theme_path(id).ok_or_else(no_packages)?;
                if let Some(why) = self.theme.refusal(&path) {
                    return Err(FileError::Other(Some(
                        format!("the theme cannot read {why}").into(),
                    )));
                }
                self.theme
                    .file(&path)
                    .map(|f| Bytes::new(f.bytes))
                    .ok_or_else(|| FileError::NotFound(path.into()))
            })
            .clone()
    }

    fn theme_source(&self, id: FileId) -> FileResult<Source> {
        if let Some(source) = self
            .sources
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&id)
        {
            return source.clone();
        }
        let source = if let Some((_, text)) = builtin(id) {
            Ok(Source::new(id, text.to_owned()))
        } else {
            self.theme_bytes(id).and_then(|bytes| {
                let text = std::str::from_utf8(&bytes).map_err(|_| FileError::InvalidUtf8)?;
                Ok(Source::new(id, text.to_owned()))
            })
        };
        self.sources
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(id, source.clone());
        source
    }

    /// The text and display name of a theme file, for diagnostics.
    pub fn source_text(&self, id: FileId) -> Option<(String, String)> {
        if let Some((name, text)) = builtin(id) {
            return Some((name.into(), text.into()));
        }
        let path = Engine::theme_path(id)?;
        let file = self.theme.file(&path)?;
        Some((
            file.display,
            String::from_utf8_lossy(&file.bytes).into_owned(),
        ))
    }
}

fn no_packages() -> FileError {
    FileError::Other(Some(
        "themes cannot use Typst packages: charter builds offline; copy the file into the theme"
            .into(),
    ))
}

pub fn entry_id() -> FileId {
    static ID: OnceLock<FileId> = OnceLock::new();
    *ID.get_or_init(|| Engine::id(ENTRY_PATH))
}

/// One document's world: the shared engine plus this charter's files.
pub struct CharterWorld<'a> {
    pub engine: &'a Engine,
    /// The layout file the entry includes, as a path of the theme.
    pub data: Bytes,
    /// The charter's own files: logo and QR code.
    pub extra: Vec<(FileId, Bytes)>,
    pub today: Option<Datetime>,
}

impl World for CharterWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.engine.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.engine.fonts.book()
    }

    fn main(&self) -> FileId {
        entry_id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        self.engine.theme_source(id)
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == data_id() {
            return Ok(self.data.clone());
        }
        if let Some((_, bytes)) = self.extra.iter().find(|(i, _)| *i == id) {
            return Ok(bytes.clone());
        }
        self.engine.theme_bytes(id)
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.engine.fonts.font(index)
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        self.today
    }
}

pub fn data_id() -> FileId {
    static ID: OnceLock<FileId> = OnceLock::new();
    *ID.get_or_init(|| Engine::id(DATA_PATH))
}
