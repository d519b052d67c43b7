//! Every character of a charter must have a glyph in the build's fonts. Typst would print a
//! blank box (tofu) or, under PDF/A, fail with a message about the theme; we say which
//! character in which field instead, before compiling.

use super::fonts::Fonts;
use crate::diagnostic::{Code, Diagnostic};
use crate::source::SourceFile;
use crate::span::Span;
use crate::yaml::{self, Node, NodeKind};

/// At most this many characters are named per field.
const NAMED: usize = 5;

pub fn check(source: &SourceFile, fonts: &Fonts) -> Vec<Diagnostic> {
    let Ok(document) = yaml::parse(source) else {
        return Vec::new();
    };
    let mut diagnostics = Vec::new();
    walk(
        &document.root,
        &mut String::new(),
        source,
        fonts,
        &mut diagnostics,
    );
    diagnostics
}

fn walk(
    node: &Node,
    path: &mut String,
    source: &SourceFile,
    fonts: &Fonts,
    out: &mut Vec<Diagnostic>,
) {
    match &node.kind {
        NodeKind::Null => {}
        NodeKind::Scalar(scalar) => {
            let mut missing: Vec<char> = Vec::new();
            for c in scalar.text().chars() {
                if !is_invisible(c) && !fonts.covers(c) && !missing.contains(&c) {
                    missing.push(c);
                }
            }
            if !missing.is_empty() {
                out.push(diagnostic(&missing, node.span, path, source));
            }
        }
        NodeKind::Seq(items) => {
            for (i, item) in items.iter().enumerate() {
                let len = path.len();
                path.push_str(&format!("[{i}]"));
                walk(item, path, source, fonts, out);
                path.truncate(len);
            }
        }
        NodeKind::Map(entries) => {
            for (key, value) in entries {
                let len = path.len();
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(&key.name);
                walk(value, path, source, fonts, out);
                path.truncate(len);
            }
        }
    }
}

/// Control and formatting characters (line breaks, zero-width joiners, bidirectional marks,
/// variation selectors) are never drawn, so they need no glyph.
fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}')
}

fn diagnostic(missing: &[char], span: Span, path: &str, source: &SourceFile) -> Diagnostic {
    let named: Vec<String> = missing
        .iter()
        .take(NAMED)
        .map(|c| format!("`{c}` (U+{:04X})", u32::from(*c)))
        .collect();
    let more = match missing.len().saturating_sub(NAMED) {
        0 => String::new(),
        n => format!(" and {n} more"),
    };
    let what = if missing.len() == 1 {
        "character"
    } else {
        "characters"
    };
    // Point at the first missing character itself when it is written literally.
    let raw = source.text.get(span.offset..span.end()).unwrap_or_default();
    let at = raw
        .find(missing[0])
        .map(|i| Span::new(span.offset + i, missing[0].len_utf8()))
        .unwrap_or(span);
    Diagnostic::error(
        Code::MissingGlyph,
        format!(
            "`{path}` has {what} no font can print: {}{more}",
            named.join(", ")
        ),
    )
    .at(at, "no glyph for this")
    .with_hint(if missing.iter().all(|c| is_pictograph(*c)) {
        "the poster would show an empty box here: emoji and pictographs do not print on a \
         poster; remove them or write the words instead"
    } else {
        "the poster would show an empty box here; replace or remove the character, or give \
         a folder of fonts that have it with `--font-path` (for example Noto Sans Arabic for \
         Arabic script)"
    })
}

/// Emoji and pictographic symbols: no text font is the answer for them.
fn is_pictograph(c: char) -> bool {
    matches!(u32::from(c), 0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2B00..=0x2BFF | 0xFE0F)
}
