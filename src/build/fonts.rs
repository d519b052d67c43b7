//! The fonts a build may use: the embedded Inter family, the theme's own `fonts/`, and the
//! folders the user names with `--font-path`. System fonts are never scanned: a poster must
//! look the same on every machine.

use typst::foundations::Bytes;
use typst::text::{Font, FontBook, FontInfo};
use typst::utils::LazyHash;
use typst_kit::fonts::FontStore;

/// Inter (SIL Open Font License 1.1, see `fonts/inter/LICENSE.txt`): a sans family with
/// clear figures, readable from across a room.
const EMBEDDED: &[&[u8]] = &[
    include_bytes!("../../fonts/inter/Inter-Regular.otf"),
    include_bytes!("../../fonts/inter/Inter-Italic.otf"),
    include_bytes!("../../fonts/inter/Inter-SemiBold.otf"),
    include_bytes!("../../fonts/inter/Inter-Bold.otf"),
    include_bytes!("../../fonts/inter/Inter-BoldItalic.otf"),
];

/// A loaded set of fonts, shared by every document of a run.
pub struct Fonts {
    store: FontStore,
    infos: Vec<FontInfo>,
}

impl Fonts {
    /// Embedded fonts, then the theme's, then those under each of `paths`.
    pub fn new(theme_fonts: Vec<Vec<u8>>, paths: &[std::path::PathBuf]) -> Fonts {
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
        for path in paths {
            for (source, info) in typst_kit::fonts::scan(path) {
                infos.push(info.clone());
                store.push((source, info));
            }
        }
        Fonts { store, infos }
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
