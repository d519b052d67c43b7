//! Diagnostics as JSON, for CI and editors: one object per diagnostic.

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity};
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

/// One file's diagnostics as the objects of the JSON report.
pub fn json_items<'a>(
    source: &'a SourceFile,
    diagnostics: impl IntoIterator<Item = &'a Diagnostic>,
) -> Vec<impl Serialize + 'a> {
    diagnostics
        .into_iter()
        .map(|diagnostic| {
            let positions = diagnostic.span.map(|span| source.positions(span));
            JsonDiagnostic {
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
            }
        })
        .collect()
}

/// The diagnostics of several files as one JSON array (pretty-printed, one object per
/// diagnostic, in file order).
pub fn json_report<'a>(
    files: impl IntoIterator<Item = (&'a SourceFile, Vec<&'a Diagnostic>)>,
) -> String {
    let mut array = PrettyArray::new(0);
    let mut out = String::new();
    for (source, diagnostics) in files {
        for item in json_items(source, diagnostics) {
            out.push_str(&array.item(&item));
        }
    }
    out.push_str(&array.end());
    out
}

/// A JSON array written an item at a time, exactly as serde_json's pretty printer writes
/// the whole array when it stands `depth` levels deep: so a report of 10,000 charters is
/// printed as each charter is read, and reads the same as one printed at once.
pub struct PrettyArray {
    depth: usize,
    items: usize,
}

impl PrettyArray {
    pub fn new(depth: usize) -> PrettyArray {
        PrettyArray { depth, items: 0 }
    }

    /// The text that writes `item` next.
    pub fn item(&mut self, item: &impl Serialize) -> String {
        // Serialising plain data to a String cannot fail.
        let text = serde_json::to_string_pretty(item).unwrap_or_default();
        let indent = "  ".repeat(self.depth + 1);
        let mut out = String::from(if self.items == 0 { "[\n" } else { ",\n" });
        for (i, line) in text.lines().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            out.push_str(&indent);
            out.push_str(line);
        }
        self.items += 1;
        out
    }

    /// The text that closes the array (all of it, `[]`, when it is empty).
    pub fn end(self) -> String {
        if self.items == 0 {
            "[]".to_owned()
        } else {
            format!("\n{}]", "  ".repeat(self.depth))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Written an item at a time, the array reads byte for byte as serde_json writes it
    /// whole, at the top and nested.
    #[test]
    fn a_streamed_array_reads_as_one_printed_whole() {
        let items = [
            serde_json::json!({"a": 1, "b": [1, 2], "c": {"d": "x\ny"}}),
            serde_json::json!([]),
            serde_json::json!("text"),
        ];
        for n in 0..=items.len() {
            let mut array = PrettyArray::new(0);
            let mut out = String::new();
            for item in &items[..n] {
                out.push_str(&array.item(item));
            }
            out.push_str(&array.end());
            assert_eq!(out, serde_json::to_string_pretty(&items[..n]).unwrap());
            let nested = serde_json::json!({"outer": [{"results": &items[..n]}]});
            let whole = serde_json::to_string_pretty(&nested).unwrap();
            let mut array = PrettyArray::new(3);
            let mut inner = String::new();
            for item in &items[..n] {
                inner.push_str(&array.item(item));
            }
            inner.push_str(&array.end());
            assert!(
                whole.contains(&format!("\"results\": {inner}")),
                "{whole}\n{inner}"
            );
        }
    }
}
