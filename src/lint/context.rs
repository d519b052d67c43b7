//! What every rule can see.

use crate::model::{Charter, Text};
use crate::source::SourceFile;

/// One valid charter and the facts around it.
pub struct LintContext<'a> {
    pub charter: &'a Charter,
    pub source: &'a SourceFile,
    /// The date "review overdue" is measured against: the clock, or `SOURCE_DATE_EPOCH`,
    /// or a fixed date in tests.
    pub today: jiff::civil::Date,
    /// What `crate::lint::walk` found, kept for every rule.
    pub(crate) walks: crate::lint::walk::Walks<'a>,
}

impl<'a> LintContext<'a> {
    pub fn new(charter: &'a Charter, source: &'a SourceFile, today: jiff::civil::Date) -> Self {
        LintContext {
            charter,
            source,
            today,
            walks: Default::default(),
        }
    }
}

impl LintContext<'_> {
    /// The charter's main language code.
    pub fn main_lang(&self) -> &str {
        self.charter
            .languages
            .first()
            .map_or("en", |lang| lang.as_str())
    }

    /// A text in the main language, shortened for a message: “Kushughulikia malalamiko…”.
    pub fn quote(&self, text: &Text) -> String {
        let full = text
            .get(self.main_lang())
            .or_else(|| text.all().next())
            .unwrap_or_default();
        quote(full)
    }
}

/// `text` in quotes, cut at 48 characters.
pub fn quote(text: &str) -> String {
    let text = text.trim();
    let mut short: String = text.chars().take(48).collect();
    if short.len() < text.len() {
        short = format!("{}…", short.trim_end());
    }
    format!("“{short}”")
}
