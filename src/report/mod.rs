//! Printing diagnostics for people (miette's snippets) and for machines (JSON).

mod excerpt;
pub mod formats;
mod human;
mod json;

pub use human::{HumanReporter, summary_line};
pub use json::json_report;

use crate::span::Span;

/// Start and end positions (1-based line, column in characters) of a span, for reports
/// that give both.
pub fn span_positions(text: &str, span: Span) -> ((usize, usize), (usize, usize)) {
    let index = crate::lines::LineIndex::new(text);
    (index.position(span.offset), index.position(span.end()))
}
