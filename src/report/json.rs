//! Diagnostics as JSON, for CI and editors: one object per diagnostic.

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::report::span_positions;
use crate::source::SourceFile;

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    file: String,
    line: Option<usize>,
    column: Option<usize>,
    end_line: Option<usize>,
    end_column: Option<usize>,
    code: &'static str,
    name: &'static str,
    severity: Severity,
    message: &'a str,
    label: Option<&'a str>,
    hint: Option<&'a str>,
}

/// The diagnostics of several files as one JSON array (pretty-printed, one object per
/// diagnostic, in file order).
pub fn json_report<'a>(
    files: impl IntoIterator<Item = (&'a SourceFile, Vec<&'a Diagnostic>)>,
) -> String {
    let mut out = Vec::new();
    for (source, diagnostics) in files {
        for diagnostic in diagnostics {
            let positions = diagnostic
                .span
                .map(|span| span_positions(&source.text, span));
            out.push(JsonDiagnostic {
                file: source.name(),
                line: positions.map(|p| p.0.0),
                column: positions.map(|p| p.0.1),
                end_line: positions.map(|p| p.1.0),
                end_column: positions.map(|p| p.1.1),
                code: diagnostic.code.code,
                name: diagnostic.code.name,
                severity: diagnostic.severity,
                message: &diagnostic.message,
                label: diagnostic.label.as_deref(),
                hint: diagnostic.hint.as_deref(),
            });
        }
    }
    // Serialising plain data to a String cannot fail.
    serde_json::to_string_pretty(&out).unwrap_or_default()
}
