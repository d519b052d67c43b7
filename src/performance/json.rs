//! The `json` format: the report's data, for programs and for `--previous` next period.

use super::PerformanceReport;

/// The report, pretty-printed, with a line end.
pub fn render(report: &PerformanceReport) -> String {
    let mut text = serde_json::to_string_pretty(report).expect("a report serialises");
    text.push('\n');
    text
}
