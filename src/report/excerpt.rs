//! What a snippet shows of a file: the lines around a problem, each clipped to a readable
//! width around it.
//!
//! A snippet of the whole file would be drawn as the file is, and a 768 kB charter may be
//! one line: a caret 65,000 columns in is past what Rust's formatting can pad (miette
//! panics), and no one reads such a line anyway. So the reporter hands miette an excerpt:
//! the span's lines (six at most) with one line of context either side, each cut to
//! [`WIDTH`] characters around the span with `…` where text was left out, and the span
//! moved into it. Line numbers and the column in the header stay those of the file.

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

use crate::lines::LineIndex;
use crate::span::Span;

/// The most characters of a line a snippet shows.
const WIDTH: usize = 120;
/// Characters kept before the span when a long line is cut.
const LEAD: usize = 40;
/// The most lines of one span a snippet shows.
const SPAN_LINES: usize = 6;
const ELLIPSIS: &str = "…";

/// The lines of a file a snippet shows, clipped, and the span within them.
pub struct Excerpt {
    name: String,
    text: String,
    /// The span, as an offset into `text`.
    pub span: Span,
    /// The 0-based line of the file the excerpt's first line is.
    first_line: usize,
    /// Where the span starts in the file: 0-based line and column in characters (miette
    /// would count bytes, and from the cut line).
    line: usize,
    column: usize,
}

/// One line of the file as shown: which bytes of it, and where they went.
struct Shown {
    /// The bytes of the file shown (without the line break).
    from: usize,
    to: usize,
    /// Where `from` landed in the excerpt (after a leading `…`).
    at: usize,
}

impl Shown {
    /// Where a byte of the file lands in the excerpt, clamped to what this line shows.
    fn map(&self, offset: usize) -> usize {
        self.at + offset.clamp(self.from, self.to) - self.from
    }
}

impl Excerpt {
    pub fn new(name: String, lines: &LineIndex, span: Span) -> Excerpt {
        let text = lines.text();
        let span = crate::lines::clamp(text, span.offset, span.len);
        let start_line = lines.line_of(span.offset);
        let end_line = lines.line_of(span.end()).min(start_line + SPAN_LINES - 1);
        let first = start_line.saturating_sub(1);
        let last = (end_line + 1).min(lines.len() - 1);
        let mut excerpt = String::new();
        let mut shown = Vec::new();
        for line in first..=last {
            if line > first {
                excerpt.push('\n');
            }
            let range = lines.line_range(line);
            // The line holding the span's start is cut around it; the others from their
            // start.
            let skip = if line == start_line {
                let column = text[range.start..span.offset].chars().count();
                let length = text[range.clone()].chars().count();
                if length > WIDTH {
                    column.saturating_sub(LEAD)
                } else {
                    0
                }
            } else {
                0
            };
            let content = &text[range.clone()];
            let from = range.start
                + content
                    .char_indices()
                    .nth(skip)
                    .map_or(content.len(), |(i, _)| i);
            let rest = &text[from..range.end];
            let to = from
                + rest
                    .char_indices()
                    .nth(WIDTH)
                    .map_or(rest.len(), |(i, _)| i);
            if skip > 0 {
                excerpt.push_str(ELLIPSIS);
            }
            let at = excerpt.len();
            excerpt.push_str(&text[from..to]);
            if to < range.end {
                excerpt.push_str(ELLIPSIS);
            }
            shown.push(Shown { from, to, at });
        }
        let start = shown[start_line - first].map(span.offset);
        let end = if lines.line_of(span.end()) > end_line {
            // A span of many lines ends with the last one shown.
            shown[end_line - first].map(usize::MAX)
        } else {
            shown[end_line - first].map(span.end())
        };
        Excerpt {
            name,
            text: excerpt,
            span: Span::new(start, end.max(start) - start),
            first_line: first,
            line: start_line,
            column: text[lines.line_range(start_line).start..span.offset]
                .chars()
                .count(),
        }
    }
}

impl Excerpt {
    /// The excerpt of one row of a file that is not held whole (a register): `text` is
    /// the row, on 1-based `line`, and `span` the bytes of it to point at, which start at
    /// 1-based `column` of the file.
    pub fn of_row(name: String, line: u64, column: u64, text: &str, span: Span) -> Excerpt {
        let mut excerpt = Excerpt::new(name, &LineIndex::new(text), span);
        let before = usize::try_from(line.saturating_sub(1)).unwrap_or(usize::MAX);
        excerpt.first_line = excerpt.first_line.saturating_add(before);
        excerpt.line = excerpt.line.saturating_add(before);
        excerpt.column = usize::try_from(column.saturating_sub(1)).unwrap_or(usize::MAX);
        excerpt
    }
}

impl SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self
            .text
            .read_span(span, context_lines_before, context_lines_after)?;
        // miette asks for the span alone to write `file:line:column` above the snippet.
        let (line, column) = if context_lines_before == 0 && span.offset() == self.span.offset {
            (self.line, self.column)
        } else {
            (inner.line() + self.first_line, inner.column())
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            line,
            column,
            inner.line_count(),
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn excerpt(text: &str, span: Span) -> (String, String) {
        let e = Excerpt::new("x.yaml".into(), &LineIndex::new(text), span);
        let spanned = e.text[e.span.offset..e.span.end()].to_owned();
        (e.text, spanned)
    }

    #[test]
    fn short_lines_are_shown_whole() {
        let text = "a: 1\nb: two\nc: 3\nd: 4\n";
        let at = text.find("two").unwrap();
        assert_eq!(
            excerpt(text, Span::new(at, 3)),
            ("a: 1\nb: two\nc: 3".to_owned(), "two".to_owned())
        );
    }

    #[test]
    fn a_long_line_is_cut_around_the_span() {
        let text = format!("a: {}BAD{}\n", "x".repeat(70_000), "y".repeat(70_000));
        let at = text.find("BAD").unwrap();
        let (shown, spanned) = excerpt(&text, Span::new(at, 3));
        assert_eq!(spanned, "BAD");
        let shown = shown.trim_end();
        assert!(
            shown.starts_with(ELLIPSIS) && shown.ends_with(ELLIPSIS),
            "{shown}"
        );
        assert!(shown.chars().count() <= WIDTH + 2);
    }

    #[test]
    fn a_span_longer_than_a_line_can_show_is_cut() {
        let text = format!("a: {}\nb: 1\n", "x".repeat(100_000));
        let (_, spanned) = excerpt(&text, Span::new(3, 100_000));
        // The line is shown from its start: the span to the edge of what is shown.
        assert_eq!(spanned.chars().count(), WIDTH - "a: ".len());
        let many = "- x\n".repeat(1000);
        let (shown, spanned) = excerpt(&many, Span::new(0, many.len()));
        assert_eq!(shown.lines().count(), SPAN_LINES + 1);
        assert_eq!(spanned.lines().count(), SPAN_LINES);
    }

    #[test]
    fn any_span_of_odd_text_is_inside_the_excerpt() {
        let text = "\u{a0}\r\u{2028}é\r\nü\u{85}\n";
        for offset in 0..text.len() + 2 {
            for len in [0, 1, 2, 5, 100] {
                let e = Excerpt::new("x".into(), &LineIndex::new(text), Span::new(offset, len));
                assert!(e.text.get(e.span.offset..e.span.end()).is_some());
            }
        }
    }
}
