//! Diagnostics as files keep them: the build record replays a charter's warnings, and a
//! build worker sends its diagnostics to the build thread, both as JSON.

use serde::{Deserialize, Serialize};

use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::span::Span;

/// A warning as recorded: only `E4xx`-style codes of [`Code`] (what a build finds) are
/// stored, so the code can be given back as the static one.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct StoredDiagnostic {
    code: String,
    severity: Severity,
    message: String,
    span: Option<(usize, usize)>,
    label: Option<String>,
    hint: Option<String>,
}

impl StoredDiagnostic {
    pub fn new(diagnostic: &Diagnostic) -> Self {
        Self {
            code: diagnostic.code.code.to_owned(),
            severity: diagnostic.severity,
            message: diagnostic.message.clone(),
            span: diagnostic.span.map(|s| (s.offset, s.len)),
            label: diagnostic.label.clone(),
            hint: diagnostic.hint.clone(),
        }
    }

    /// `None` for a code this version does not know (the record is then stale).
    pub fn restore(&self) -> Option<Diagnostic> {
        let code = *Code::ALL.iter().find(|c| c.as_str() == self.code)?;
        let mut diagnostic = Diagnostic::new(code.into(), self.severity, self.message.clone());
        diagnostic.span = self.span.map(|(offset, len)| Span::new(offset, len));
        diagnostic.label = self.label.clone();
        diagnostic.hint = self.hint.clone();
        Some(diagnostic)
    }
}

/// Diagnostics as a record or a build worker writes them: `#[serde(with = "crate::diagnostic::stored::with")]`
/// on a `Diagnostic` or `Vec<Diagnostic>` field.
pub mod with {
    use super::StoredDiagnostic;
    use crate::diagnostic::Diagnostic;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    /// A `Diagnostic` or a list of them.
    pub trait Stored: Sized {
        fn store(&self) -> serde_json::Value;
        fn restore(value: serde_json::Value) -> Option<Self>;
    }

    impl Stored for Diagnostic {
        fn store(&self) -> serde_json::Value {
            serde_json::to_value(StoredDiagnostic::new(self)).expect("a diagnostic serialises")
        }
        fn restore(value: serde_json::Value) -> Option<Self> {
            serde_json::from_value::<StoredDiagnostic>(value)
                .ok()?
                .restore()
        }
    }

    impl Stored for Vec<Diagnostic> {
        fn store(&self) -> serde_json::Value {
            self.iter().map(Stored::store).collect()
        }
        fn restore(value: serde_json::Value) -> Option<Self> {
            match value {
                serde_json::Value::Array(items) => items.into_iter().map(Stored::restore).collect(),
                _ => None,
            }
        }
    }

    pub fn serialize<T: Stored, S: Serializer>(
        value: &T,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        value.store().serialize(serializer)
    }

    pub fn deserialize<'de, T: Stored, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<T, D::Error> {
        let value = serde_json::Value::deserialize(deserializer)?;
        T::restore(value).ok_or_else(|| serde::de::Error::custom("a diagnostic of an unknown code"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stored_warning_comes_back_as_it_was() {
        let warning = Diagnostic::new(Code::TooWide.into(), Severity::Warning, "too wide")
            .at(Span::new(10, 4), "here")
            .with_hint("add a space");
        let stored = StoredDiagnostic::new(&warning);
        let json = serde_json::to_string(&stored).unwrap();
        let back: StoredDiagnostic = serde_json::from_str(&json).unwrap();
        assert_eq!(back.restore(), Some(warning));
    }

    #[test]
    fn an_unknown_code_is_not_restored() {
        let mut stored = StoredDiagnostic::new(&Diagnostic::error(Code::TooWide, "x"));
        stored.code = "E999".into();
        assert_eq!(stored.restore(), None);
    }
}
