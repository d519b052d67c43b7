//! Lines and columns of a text, as YAML counts them: a line ends at `\n`, `\r\n` or a lone
//! `\r`, and nothing else. U+0085, U+2028 and U+2029 are line breaks for some editors but
//! not for YAML 1.2, so they stay inside their line (a file pasted from Word is full of
//! them and of non-breaking spaces). Columns count characters, not bytes.
//!
//! Every conversion between byte offsets and positions goes through here, and each one
//! holds for any offset (past the end, inside a character): a position is never a panic.

/// Where each line of a text starts, computed once.
#[derive(Clone, Debug)]
pub struct LineIndex<'a> {
    text: &'a str,
    /// Byte offset of the first character of each line; the first is 0.
    starts: std::borrow::Cow<'a, [usize]>,
}

/// The byte offset where each line of `text` starts (the first is 0): what a
/// [`LineIndex`] is made of, for a file that keeps it (`SourceFile::lines`).
pub fn line_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut starts = vec![0];
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => starts.push(i + 1),
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                starts.push(i + 2);
                i += 1;
            }
            b'\r' => starts.push(i + 1),
            _ => {}
        }
        i += 1;
    }
    starts
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        Self {
            text,
            starts: std::borrow::Cow::Owned(line_starts(text)),
        }
    }

    /// The index of `text` from its [`line_starts`], computed before.
    pub fn with_starts(text: &'a str, starts: &'a [usize]) -> Self {
        Self {
            text,
            starts: std::borrow::Cow::Borrowed(starts),
        }
    }

    /// The text it indexes.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// How many lines the text has (an empty text has one, empty).
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    /// Never true: even an empty text has one line.
    pub fn is_empty(&self) -> bool {
        false
    }

    /// The 0-based line a byte offset is on (an offset past the end is on the last line).
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        self.starts.partition_point(|&start| start <= offset) - 1
    }

    /// 1-based line and column (in characters) of a byte offset. An offset inside a
    /// character counts as that character; past the end, as the end.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(self.text, offset);
        let line = self.line_of(offset);
        let column = self.text[self.starts[line]..offset].chars().count() + 1;
        (line + 1, column)
    }

    /// The byte range of a 0-based line, without its line break; an empty range at the end
    /// for a line past the last.
    pub fn line_range(&self, line: usize) -> std::ops::Range<usize> {
        let Some(&start) = self.starts.get(line) else {
            return self.text.len()..self.text.len();
        };
        let end = self
            .starts
            .get(line + 1)
            .map_or(self.text.len(), |&next| next);
        let content = &self.text[start..end];
        let content = content
            .strip_suffix("\r\n")
            .or_else(|| content.strip_suffix('\n'))
            .or_else(|| content.strip_suffix('\r'))
            .unwrap_or(content);
        start..start + content.len()
    }

    /// The text of a 0-based line, without its line break ("" past the last line).
    pub fn line(&self, line: usize) -> &'a str {
        &self.text[self.line_range(line)]
    }

    /// The byte offset of a 1-based line and character column, clamped to the line (and
    /// to the text): what a reader that reports positions, not offsets, means.
    pub fn offset(&self, line: usize, column: usize) -> usize {
        let range = self.line_range(line.saturating_sub(1).min(self.len() - 1));
        let text = &self.text[range.clone()];
        range.start
            + text
                .char_indices()
                .nth(column.saturating_sub(1))
                .map_or(text.len(), |(i, _)| i)
    }
}

/// 1-based line and column (in characters) of a byte offset, for a single lookup.
pub fn position(text: &str, offset: usize) -> (usize, usize) {
    LineIndex::new(text).position(offset)
}

/// The largest char boundary at or below `offset`, within the text.
pub fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The smallest char boundary at or above `offset`, within the text.
pub fn ceil_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset += 1;
    }
    offset
}

/// A span from another reader (YAML, Typst, Tera) made safe to slice `text` with: inside
/// the text and on character boundaries.
pub fn clamp(text: &str, offset: usize, len: usize) -> crate::span::Span {
    let start = floor_char_boundary(text, offset);
    let end = ceil_char_boundary(text, offset.saturating_add(len)).max(start);
    crate::span::Span::new(start, end - start)
}

/// Characters that look like white space (or like nothing) but are not white space to
/// YAML, with the name an officer can search for. Word and web pages paste them.
pub fn invisible_name(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{00A0}' => "a non-breaking space (U+00A0)",
        '\u{0085}' => "a \"next line\" character (U+0085)",
        '\u{1680}' => "an Ogham space (U+1680)",
        '\u{2000}'..='\u{200A}' => "a typographic space (U+2000–U+200A)",
        '\u{200B}' => "a zero-width space (U+200B)",
        '\u{200C}' | '\u{200D}' => "a zero-width joiner (U+200C/U+200D)",
        '\u{2028}' => "a line separator (U+2028)",
        '\u{2029}' => "a paragraph separator (U+2029)",
        '\u{202F}' => "a narrow non-breaking space (U+202F)",
        '\u{205F}' => "a mathematical space (U+205F)",
        '\u{2060}' => "a word joiner (U+2060)",
        '\u{3000}' => "an ideographic space (U+3000)",
        '\u{FEFF}' => "a byte-order mark (U+FEFF)",
        _ => return None,
    })
}

/// What to do about such a character: a zero-width one is deleted, a space-like one
/// replaced by a space.
pub fn invisible_advice(c: char) -> &'static str {
    if matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}') {
        "delete it"
    } else {
        "delete it, or type an ordinary space in its place"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_and_count_characters() {
        let text = "a: 1\nnäme: x\n";
        let index = LineIndex::new(text);
        assert_eq!(index.position(0), (1, 1));
        assert_eq!(index.position(5), (2, 1));
        assert_eq!(index.position(text.find('x').unwrap()), (2, 7));
        // Inside `ä`, past the end.
        assert_eq!(index.position(7), (2, 2));
        assert_eq!(index.position(10_000), (3, 1));
    }

    #[test]
    fn lines_end_where_yaml_ends_them() {
        let text = "a\r\nb\rc\nd\u{2028}e\u{85}f\u{2029}";
        let index = LineIndex::new(text);
        assert_eq!(index.len(), 4);
        let lines: Vec<&str> = (0..index.len()).map(|l| index.line(l)).collect();
        assert_eq!(lines, ["a", "b", "c", "d\u{2028}e\u{85}f\u{2029}"]);
        assert_eq!(index.position(text.find('e').unwrap()), (4, 3));
        assert_eq!(index.line(99), "");
    }

    #[test]
    fn offsets_of_positions_are_clamped_to_the_text() {
        let text = "ab\nçd: x\n";
        let index = LineIndex::new(text);
        assert_eq!(index.offset(2, 3), 3 + 3);
        assert_eq!(index.offset(2, 99), text.len() - 1);
        assert_eq!(index.offset(99, 1), text.len());
        assert_eq!(index.offset(0, 0), 0);
    }

    /// Every offset of every text, however odd, has a position and back.
    #[test]
    fn every_offset_of_odd_texts_has_a_position() {
        for text in [
            "",
            "\u{a0}",
            "a: b\n\u{a0}\n",
            "\r\r\n\n\u{2028}\u{3000}",
            "é\rü\r\n",
        ] {
            let index = LineIndex::new(text);
            for offset in 0..=text.len() + 2 {
                let (line, column) = index.position(offset);
                let back = index.offset(line, column);
                assert!(
                    back <= text.len() && text.is_char_boundary(back),
                    "{text:?}"
                );
            }
        }
    }
}
