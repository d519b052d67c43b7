//! Every limit on what the tool reads, in one place. Each is far above what any real
//! charter, logo, theme or font needs, and is checked before the bytes are read; past it,
//! the file is refused with a message naming the limit. `docs/limits.md` lists them for
//! users, with what happens beyond each (a test keeps the two in step).

/// A charter file. The largest real charters are around 100 kB; one of 768 kB (some
/// 4,000 services) needs about 0.9 GB to build as a handbook or to find that it fits no
/// poster, and 2 MB needed 2.4 GB: this limit keeps one charter's build within 1 GB.
pub const CHARTER_BYTES: u64 = 768 * 1024;
/// The words of one fee or timeline, read for what they mean. Real cells hold a few
/// words to a few hundred characters (the longest in the corpus, 308); reading is linear
/// in the words, and this keeps one value's reading to microseconds whatever is pasted.
pub const VALUE_CHARS: usize = 2_000;
/// The columns a charter declares itself. Real charters add two or three (India's appellate
/// authorities, a Philippine handbook's compliance cost and signatures); each service's
/// values are looked up among them and a misspelt one is compared with each.
pub const COLUMNS: usize = 40;
/// A logo file.
pub const LOGO_BYTES: u64 = 10 * 1024 * 1024;
/// A logo's width or height, in pixels, checked before it is decoded (a 1 MB PNG can
/// claim 100,000 × 100,000 pixels, 40 GB once decoded).
pub const LOGO_SIDE: u32 = 10_000;
/// A logo's pixels: 25 million, 100 MB decoded.
pub const LOGO_PIXELS: u64 = 25_000_000;
/// One file of a theme folder (its Typst and HTML files, images, fonts).
pub const THEME_FILE_BYTES: u64 = 32 * 1024 * 1024;
/// All the files of a theme folder together (every build hashes them).
pub const THEME_BYTES: u64 = 128 * 1024 * 1024;
/// How many files a theme folder may hold.
pub const THEME_FILES: usize = 2_000;
/// One font file under `--font-path`; only `.ttf`, `.otf`, `.ttc` and `.otc` files are
/// read at all.
pub const FONT_BYTES: u64 = 64 * 1024 * 1024;
/// All the font files under the `--font-path` folders together.
pub const FONT_PATH_BYTES: u64 = 1024 * 1024 * 1024;
/// `charter.toml` and a theme's `theme.toml`.
pub const CONFIG_BYTES: u64 = 1024 * 1024;
/// The incremental build's record, `.charter-build.json`.
pub const RECORD_BYTES: u64 = 64 * 1024 * 1024;
/// An output file the record names, or `charter serve` sends.
pub const OUTPUT_BYTES: u64 = 512 * 1024 * 1024;
/// A previous period's report read by `charter report --previous` (its JSON: a few kB a
/// service).
pub const PREVIOUS_REPORT_BYTES: u64 = 64 * 1024 * 1024;
/// A file `charter import` reads (a Word file with its photographs, a workbook, a page).
pub const IMPORT_BYTES: u64 = 64 * 1024 * 1024;
/// What the parts of a Word file or workbook that are read may unzip to: the text of some
/// thousands of pages (a zip can claim small sizes and expand to terabytes, so the bytes
/// are counted as they are unzipped).
pub const IMPORT_UNZIPPED: u64 = 64 * 1024 * 1024;
