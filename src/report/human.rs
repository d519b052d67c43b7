//! Diagnostics as people read them: the message, the file and position, the line of YAML
//! with a caret under the exact key or value, and a hint.

use std::fmt;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceSpan};

use super::excerpt::Excerpt;

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::SourceFile;

/// Renders diagnostics with miette's graphical handler.
pub struct HumanReporter {
    handler: GraphicalReportHandler,
}

impl HumanReporter {
    /// `color`: whether to use colour. `width`: where to wrap (tests fix it for snapshots).
    pub fn new(color: bool, width: usize) -> Self {
        let theme = if color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        Self {
            handler: GraphicalReportHandler::new_themed(theme)
                .with_width(width)
                .with_links(false)
                .with_context_lines(1),
        }
    }

    pub fn render(&self, source: &SourceFile, diagnostic: &Diagnostic) -> String {
        let excerpt = diagnostic
            .span
            .map(|span| Excerpt::new(source.name(), &source.lines(), span));
        self.render_excerpt(source.name(), excerpt, diagnostic)
    }

    /// A diagnostic about a file not held whole (a register): at 1-based `line` and
    /// `column`, showing `row` (the row's text, and the bytes of it the problem is about)
    /// when there is one.
    pub fn render_at(
        &self,
        file: &str,
        line: Option<u64>,
        column: Option<u64>,
        row: Option<(&str, std::ops::Range<usize>)>,
        diagnostic: &Diagnostic,
    ) -> String {
        let excerpt = match (line, row) {
            (Some(line), Some((text, range))) => Some(Excerpt::of_row(
                file.to_owned(),
                line,
                column.unwrap_or(1),
                text,
                crate::span::Span::new(range.start, range.len()),
            )),
            _ => None,
        };
        let file = match (line, column) {
            (Some(line), Some(column)) => format!("{file}:{line}:{column}"),
            (Some(line), None) => format!("{file}:{line}"),
            _ => file.to_owned(),
        };
        self.render_excerpt(file, excerpt, diagnostic)
    }

    fn render_excerpt(
        &self,
        file: String,
        excerpt: Option<Excerpt>,
        diagnostic: &Diagnostic,
    ) -> String {
        let report = Report {
            diagnostic,
            file,
            excerpt,
        };
        let mut out = String::new();
        // Writing to a String cannot fail.
        let _ = self.handler.render_report(&mut out, &report);
        out
    }
}

/// The last line of a run: what was checked and what was found. `problems` counts every
/// problem, including folders that held no charter.
pub fn summary_line(files: usize, failed: usize, problems: usize) -> String {
    let charters = if files == 1 {
        "1 charter".to_owned()
    } else {
        format!("{files} charters")
    };
    let problems_words = if problems == 1 {
        "1 problem".to_owned()
    } else {
        format!("{problems} problems")
    };
    if problems == 0 {
        format!("Checked {charters}: all valid.")
    } else if failed == 0 {
        format!("Checked {charters}: {problems_words}.")
    } else {
        format!("Checked {charters}: {failed} with {problems_words}.")
    }
}

struct Report<'a> {
    diagnostic: &'a Diagnostic,
    file: String,
    /// The lines the snippet shows, and the span within them.
    excerpt: Option<Excerpt>,
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.diagnostic, f)
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.excerpt {
            Some(_) => f.write_str(&self.diagnostic.message),
            // Without a snippet, miette would not name the file.
            None => write!(f, "{}: {}", self.file, self.diagnostic.message),
        }
    }
}

impl std::error::Error for Report<'_> {}

impl miette::Diagnostic for Report<'_> {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        let code = self.diagnostic.code;
        Some(Box::new(format!("{} {}", code.code, code.name)))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diagnostic.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.diagnostic
            .hint
            .as_ref()
            .map(|hint| Box::new(hint) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.excerpt
            .as_ref()
            .map(|excerpt| excerpt as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = self.excerpt.as_ref()?.span;
        let label = LabeledSpan::new_primary_with_span(
            self.diagnostic.label.clone(),
            SourceSpan::from(span),
        );
        Some(Box::new(std::iter::once(label)))
    }
}
