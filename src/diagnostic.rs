//! Diagnostics about a user's charter file.
//!
//! A diagnostic is something the author of a charter can fix in their file: it has a stable
//! [`Code`], a plain-language message, a label under the exact key or value, and a hint.
//! Operational failures (a file that cannot be read, a bad command line) are not diagnostics:
//! see [`crate::error::Error`].

pub mod stored;

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::span::Span;

/// How serious a diagnostic is, least serious first (so `>=` compares against a threshold).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// The identity of a kind of diagnostic: its stable code and readable name. Checks have
/// theirs in [`Code`]; lint rules declare their own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Id {
    pub code: &'static str,
    pub name: &'static str,
}

impl From<Code> for Id {
    fn from(code: Code) -> Self {
        Id {
            code: code.as_str(),
            name: code.name(),
        }
    }
}

impl PartialEq<Code> for Id {
    fn eq(&self, other: &Code) -> bool {
        self.code == other.as_str()
    }
}

macro_rules! codes {
    ($( $(#[$doc:meta])* $variant:ident = $code:literal, $name:literal; )*) => {
        /// The stable code of every diagnostic `charter check` (E1xx–E3xx), `charter build`
        /// (E4xx) and `charter report` (E5xx, about a register) can report. Codes never change
        /// meaning once released; new problems get new codes.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $( $(#[$doc])* $variant, )*
        }

        impl Code {
            /// Every code, in order.
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The short stable code, such as `E201`.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $code,)* }
            }

            /// The readable name, such as `unknown-key`.
            pub fn name(self) -> &'static str {
                match self { $(Code::$variant => $name,)* }
            }
        }
    };
}

codes! {
    /// The file is not valid UTF-8 text.
    NotUtf8 = "E101", "not-utf8";
    /// The file holds nothing but blanks or comments.
    EmptyFile = "E102", "empty-file";
    /// The YAML itself cannot be read.
    YamlSyntax = "E103", "yaml-syntax";
    /// The same key appears twice in one mapping.
    DuplicateKey = "E104", "duplicate-key";
    /// The file is YAML but not a service charter.
    NotACharter = "E105", "not-a-charter";
    /// A directory given on the command line holds no charter files.
    NoCharters = "E106", "no-charters";
    /// The file is far bigger than any charter (over 768 kB), so it is not read.
    TooLarge = "E107", "too-large";
    /// A key the format does not know (often a typo).
    UnknownKey = "E201", "unknown-key";
    /// A required field is absent.
    MissingField = "E202", "missing-field";
    /// A value has the wrong shape: a list where text was expected, and so on.
    WrongType = "E203", "wrong-type";
    /// A value is not one of the allowed words.
    BadChoice = "E204", "bad-choice";
    /// A value for a column the charter does not declare, or declares for the other table.
    UndeclaredColumn = "E205", "undeclared-column";
    /// A column asks for a total that cannot be added up (text, or a column of services).
    ColumnTotal = "E206", "column-total";
    /// More columns declared than any charter needs (`limits::COLUMNS`).
    TooManyColumns = "E207", "too-many-columns";
    /// A language code that is not an ISO 639-1 code.
    BadLanguage = "E301", "bad-language";
    /// Text given in a language the charter does not declare.
    UndeclaredLanguage = "E302", "undeclared-language";
    /// A fee that cannot be read as free, an amount or tiers.
    BadFee = "E303", "bad-fee";
    /// A timeline that cannot be read as a duration.
    BadTimeline = "E304", "bad-timeline";
    /// A date that is not a real calendar date in `YYYY-MM-DD` form.
    BadDate = "E305", "bad-date";
    /// A number that is not a whole number in range.
    BadNumber = "E306", "bad-number";
    /// The logo's path leads outside the charter's folder.
    LogoOutsideFolder = "E401", "logo-outside-folder";
    /// The logo cannot be read, or is not a PNG, JPEG, GIF, WebP or SVG image.
    BadLogo = "E402", "bad-logo";
    /// A character no font of the build can print.
    MissingGlyph = "E403", "missing-glyph";
    /// The charter does not fit on one sheet of the chosen paper.
    PosterOverflow = "E404", "poster-overflow";
    /// The theme's Typst code failed or warned (reported in the theme's file).
    ThemeError = "E405", "theme-error";
    /// A language without a label catalogue: headings print in English.
    NoCatalogue = "E406", "no-catalogue";
    /// A word too long to break runs out of its column (a warning).
    TooWide = "E407", "too-wide";
    /// The theme's HTML template failed (reported in the template file).
    TemplateError = "E408", "template-error";
    /// Building the charter took longer than the time allowed (a theme's loop that never
    /// ends, or a charter far bigger than any real one).
    BuildTimeout = "E409", "build-timeout";
    /// Building the charter needed more memory than allowed.
    BuildMemory = "E410", "build-memory";
    /// `--lang side` for a handbook, which is printed in all its languages instead (a
    /// warning).
    SideHandbook = "E411", "side-handbook";
    /// The register's heading row lacks a column a report needs, or names one twice; or
    /// the register has no rows at all.
    RegisterHeading = "E501", "register-heading";
    /// The register cannot be read on: a quote never closed, a line far too long. Rows
    /// before it are counted.
    UnreadableRegister = "E502", "unreadable-register";
    /// A row names no service, or has no date of receipt.
    BlankCell = "E503", "blank-cell";
    /// A date in the register that cannot be read.
    RegisterDate = "E504", "register-date";
    /// A request completed before it was received.
    CompletedBeforeReceived = "E505", "completed-before-received";
    /// A row names a service the charter does not have.
    UnknownService = "E506", "unknown-service";
    /// A request number entered twice.
    DuplicateRequest = "E507", "duplicate-request";
    /// A service whose promise differs by case, on a row whose case is missing or none of
    /// the charter's.
    UnknownCase = "E508", "unknown-case";
    /// A request that cannot be timed: a date past the years whose public holidays are
    /// known, or a promise in hours on a register without times of day.
    NotMeasured = "E509", "not-measured";
    /// A row's service could be several of the charter's: a number it gives more than one
    /// service, or a number and a name that are two services.
    AmbiguousService = "E510", "ambiguous-service";
    /// A warning: lines of the register that are not UTF-8 were read as Windows-1252, as
    /// Excel's "CSV" on Windows writes them.
    RegisterEncoding = "E511", "register-encoding";
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem in one file.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub code: Id,
    pub severity: Severity,
    pub message: String,
    /// Where the problem is; `None` for problems of the whole file (such as an empty file).
    pub span: Option<Span>,
    /// The short text printed under the caret.
    pub label: Option<String>,
    /// What to do about it.
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(code: Code, message: impl Into<String>) -> Self {
        Self::new(code.into(), Severity::Error, message)
    }

    pub fn new(code: Id, severity: Severity, message: impl Into<String>) -> Self {
        Self {
            code,
            severity,
            message: message.into(),
            span: None,
            label: None,
            hint: None,
        }
    }

    pub fn at(mut self, span: Span, label: impl Into<String>) -> Self {
        self.span = Some(span);
        self.label = Some(label.into());
        self
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

/// A piece of the user's text as a message quotes it: whole when short, else its first
/// [`QUOTE`] characters and `…` (a 70,000-character key must not make a 70,000-character
/// message; the snippet shows where it is).
pub fn clip(text: &str) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(QUOTE) {
        Some((cut, _)) => format!("{}…", &text[..cut]).into(),
        None => text.into(),
    }
}

/// How many characters of the user's text a message quotes.
pub const QUOTE: usize = 60;

/// Diagnostics collected while loading one file, in the order they were found.
#[derive(Clone, Debug, Default)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(|d| d.severity == Severity::Error)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.0.iter()
    }

    pub fn get_mut(&mut self, index: usize) -> Option<&mut Diagnostic> {
        self.0.get_mut(index)
    }

    /// Sorts by position so a reader meets them top to bottom.
    pub fn sort(&mut self) {
        self.0
            .sort_by_key(|d| d.span.map_or((0, 0), |s| (s.offset, s.len)));
    }

    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.0
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(diagnostic: Diagnostic) -> Self {
        Self(vec![diagnostic])
    }
}

impl<'a> IntoIterator for &'a Diagnostics {
    type Item = &'a Diagnostic;
    type IntoIter = std::slice::Iter<'a, Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}
