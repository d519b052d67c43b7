//! One-line and machine formats shared by `check` and `lint`: concise lines, GitHub
//! workflow annotations, and SARIF 2.1.0 for code scanning.

use serde_json::{Value, json};

use crate::diagnostic::{Diagnostic, Severity};
use crate::lint::rules;
use crate::source::SourceFile;

fn positions(source: &SourceFile, d: &Diagnostic) -> ((usize, usize), (usize, usize)) {
    d.span
        .map_or(((1, 1), (1, 1)), |span| source.positions(span))
}

/// `file:line:col: CODE [level] message`, as editors and grep read it.
pub fn concise_line(source: &SourceFile, d: &Diagnostic) -> String {
    let ((line, column), _) = positions(source, d);
    format!(
        "{}:{line}:{column}: {} [{}] {}",
        source.name(),
        d.code.code,
        d.severity.as_str(),
        d.message
    )
}

/// A GitHub Actions workflow command that shows the finding on the pull request's diff.
pub fn github_line(source: &SourceFile, d: &Diagnostic) -> String {
    let ((line, column), (end_line, end_column)) = positions(source, d);
    let command = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    let title = format!("{} {}", d.code.code, d.code.name);
    let mut message = d.message.clone();
    if let Some(hint) = &d.hint {
        message = format!("{message}\n{hint}");
    }
    format!(
        "::{command} file={},line={line},col={column},endLine={end_line},endColumn={end_column},title={}::{}",
        escape_property(&source.name()),
        escape_property(&title),
        escape_data(&message)
    )
}

fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// One file's findings as SARIF results.
pub fn sarif_results<'a>(
    source: &SourceFile,
    diagnostics: impl IntoIterator<Item = &'a Diagnostic>,
) -> Vec<Value> {
    diagnostics
        .into_iter()
        .map(|d| {
            let ((line, column), (end_line, end_column)) = positions(source, d);
            let mut result = json!({
                "ruleId": d.code.code,
                "level": sarif_level(d.severity),
                "message": { "text": match &d.hint {
                    Some(hint) => format!("{} ({hint})", d.message),
                    None => d.message.clone(),
                } },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": source.name() },
                        "region": {
                            "startLine": line,
                            "startColumn": column,
                            "endLine": end_line,
                            "endColumn": end_column,
                        }
                    }
                }],
            });
            if let Some(index) = rules::ALL.iter().position(|r| r.meta().id == d.code) {
                result["ruleIndex"] = json!(index);
            }
            result
        })
        .collect()
}

/// A SARIF 2.1.0 log with every lint rule (so code scanning can show their help), as the
/// text before its results and the text after them: the results are written between, as
/// each charter is linted (`PrettyArray` at depth 3).
pub fn sarif_frame() -> (String, String) {
    let rule_list: Vec<Value> = rules::ALL
        .iter()
        .map(|rule| {
            let meta = rule.meta();
            json!({
                "id": meta.id.code,
                "name": meta.id.name,
                "shortDescription": { "text": meta.summary },
                "fullDescription": { "text": meta.summary },
                "help": { "text": meta.docs, "markdown": meta.docs },
                "defaultConfiguration": { "level": sarif_level(meta.level) },
            })
        })
        .collect();
    // The results go last in their run, so the log splits around them.
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            // Columns count characters, as in every other output of the tool.
            "columnKind": "unicodeCodePoints",
            "tool": { "driver": {
                "name": "charter",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rule_list,
            } },
            "results": [],
        }],
    });
    let text = serde_json::to_string_pretty(&log).unwrap_or_default();
    let marker = "\"results\": []";
    let at = text.rfind(marker).expect("the log has its results");
    (
        text[..at + marker.len() - 2].to_owned(),
        text[at + marker.len()..].to_owned(),
    )
}

/// A SARIF 2.1.0 log with every lint rule and every finding.
pub fn sarif<'a>(files: impl IntoIterator<Item = (&'a SourceFile, Vec<&'a Diagnostic>)>) -> String {
    let (head, tail) = sarif_frame();
    let mut array = crate::report::json::PrettyArray::new(3);
    let mut out = head;
    for (source, diagnostics) in files {
        for result in sarif_results(source, diagnostics) {
            out.push_str(&array.item(&result));
        }
    }
    out.push_str(&array.end());
    out.push_str(&tail);
    out
}

fn sarif_level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}
