//! Printing diagnostics for people (miette's snippets) and for machines (JSON).

pub mod formats;
mod human;
mod json;

pub use human::{HumanReporter, summary_line};
pub use json::json_report;

use crate::yaml::Span;

/// 1-based line and column (in characters) of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// Start and end positions of a span, for reports that give both.
pub fn span_positions(text: &str, span: Span) -> ((usize, usize), (usize, usize)) {
    (
        line_column(text, span.offset),
        line_column(text, span.end()),
    )
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::line_column;

    #[test]
    fn positions_are_one_based_and_count_characters() {
        let text = "a: 1\nnäme: x\n";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 5), (2, 1));
        assert_eq!(line_column(text, text.find('x').unwrap()), (2, 7));
    }
}
