//! The fonts a build may use: the embedded Inter family, the theme's own `fonts/`, and the
//! folders the user names with `--font-path`. System fonts are never scanned: a poster must
//! look the same on every machine.

use std::path::PathBuf;
use typst::foundations::Bytes;
use typst::text::{Font, FontBook, FontInfo};
use typst::utils::LazyHash;

use typst_kit::fonts::{FontSource, FontStore};

use crate::limits;

/// Inter (SIL Open Font License 1.1, see `fonts/inter/LICENSE.txt`): a sans family with
/// clear figures, readable from across a room.
const EMBEDDED: &[&[u8]] = &[
    include_bytes!("../../../fonts/inter/Inter-Regular.otf"),
    include_bytes!("../../../fonts/inter/Inter-Italic.otf"),
    include_bytes!("../../../fonts/inter/Inter-SemiBold.otf"),
    include_bytes!("../../../fonts/inter/Inter-Bold.otf"),
    include_bytes!("../../../fonts/inter/Inter-BoldItalic.otf"),
];

/// A loaded set of fonts, shared by every document of a run.
pub struct Fonts {
    store: FontStore,
    infos: Vec<FontInfo>,
    /// The font files found under `--font-path`, with their hashes (what a run is built
    /// with, for the incremental build's fingerprint).
    pub files: Vec<(PathBuf, String)>,
    /// Files under `--font-path` that were passed over, and why.
    pub skipped: Vec<(PathBuf, String)>,
}

impl Fonts {
    /// Embedded fonts, then the theme's, then those under each of `paths`. Under a font
    /// folder only `.ttf`, `.otf`, `.ttc` and `.otc` files are read, only regular files
    /// (a FIFO must not hang the build), each within [`limits::FONT_BYTES`] and all
    /// within [`limits::FONT_PATH_BYTES`]; they are read once to learn what they hold, and
    /// again when a document uses them.
    pub fn new(theme_fonts: Vec<Vec<u8>>, paths: &[PathBuf]) -> Fonts {
        let mut store = FontStore::new();
        let mut infos = Vec::new();
        let mut add = |font: Font| {
            let info = font.info().clone();
            infos.push(info.clone());
            store.push((font, info));
        };
        for data in EMBEDDED {
            for font in Font::iter(Bytes::new(*data)) {
                add(font);
            }
        }
        for data in theme_fonts {
            for font in Font::iter(Bytes::new(data)) {
                add(font);
            }
        }
        let mut files = Vec::new();
        let mut skipped = Vec::new();
        let mut total = 0u64;
        for dir in paths {
            for entry in walkdir::WalkDir::new(dir)
                .follow_links(true)
                .sort_by_file_name()
                .into_iter()
                .flatten()
                .filter(|e| !e.file_type().is_dir() && crate::theme::is_font(e.path()))
            {
                let path = entry.path().to_owned();
                let bytes = match crate::files::read(&path, limits::FONT_BYTES) {
                    Ok(bytes) => bytes,
                    Err(why) => {
                        skipped.push((path, why.to_string()));
                        continue;
                    }
                };
                total += bytes.len() as u64;
                if total > limits::FONT_PATH_BYTES {
                    skipped.push((
                        path,
                        format!(
                            "the font folders hold more than {} MB of fonts",
                            limits::FONT_PATH_BYTES / (1024 * 1024)
                        ),
                    ));
                    continue;
                }
                let sha = crate::files::sha256(&bytes);
                let data = Bytes::new(bytes);
                for (index, font) in (0..).zip(Font::iter(data)) {
                    let info = font.info().clone();
                    infos.push(info.clone());
                    store.push((
                        FontFile {
                            path: path.clone(),
                            index,
                        },
                        info,
                    ));
                }
                files.push((path, sha));
            }
        }
        Fonts {
            store,
            infos,
            files,
            skipped,
        }
    }

    pub fn book(&self) -> &LazyHash<FontBook> {
        self.store.book()
    }

    pub fn font(&self, index: usize) -> Option<Font> {
        self.store.font(index)
    }

    /// Whether some font has a glyph for `c` (Typst falls back across all of them).
    pub fn covers(&self, c: char) -> bool {
        self.infos
            .iter()
            .any(|info| info.coverage.contains(c as u32))
    }

    /// The families available, for `charter themes` and error messages.
    pub fn families(&self) -> Vec<String> {
        let mut families: Vec<String> = self.infos.iter().map(|i| i.family.clone()).collect();
        families.sort();
        families.dedup();
        families
    }
}

/// A font under `--font-path`, read again (within the limit) when a document uses it.
struct FontFile {
    path: PathBuf,
    index: u32,
}

impl FontSource for FontFile {
    fn load(&self) -> Option<Font> {
        let bytes = crate::files::read(&self.path, limits::FONT_BYTES).ok()?;
        Font::new(Bytes::new(bytes), self.index)
    }
}
