//! [`ThemeDiagnostic`]: a problem in a theme's file (its Typst code, a Tera template), shown
//! in that file, since the charter is not where it can be fixed.

use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;

/// A diagnostic in a file that is not the charter: a theme file.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct ThemeDiagnostic {
    pub source: SourceFile,
    #[serde(with = "crate::diagnostic::stored::with")]
    pub diagnostic: Diagnostic,
}
