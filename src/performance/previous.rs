//! `--previous`: last period's report (its `json`), compared service by service with this
//! one. Services are matched by their number (or name), as registers name them; a service
//! new since has no previous results, one gone since is not shown.

use std::path::Path;

use super::{PerformanceReport, Previous};

/// Reads a report written by `charter report --format json`, of the charter whose
/// `office` and `charter` (title) are given.
pub fn read(
    path: &Path,
    office: &[String],
    charter: &[String],
) -> Result<PerformanceReport, String> {
    let text = crate::files::read_text(path, crate::limits::PREVIOUS_REPORT_BYTES)
        .map_err(|e| format!("cannot read it: {e}"))?;
    let report: PerformanceReport = serde_json::from_str(&text).map_err(|e| {
        format!("it is not a report written by `charter report --format json` ({e})")
    })?;
    if report.office.first() != office.first() || report.charter.first() != charter.first() {
        return Err(format!(
            "it is the report of another charter (`{}`, of {}): compare a charter's report \
             with its own last one",
            report.charter.first().map_or("", String::as_str),
            report.office.first().map_or("", String::as_str),
        ));
    }
    let share = |s: Option<f64>| s.is_none_or(|s| (0.0..=1.0).contains(&s));
    if let Some(bad) = report.services.iter().find(|s| {
        !share(s.measures.performance) || s.measures.volume_meeting_target > s.measures.total_volume
    }) {
        return Err(format!(
            "its results for service `{}` are not a share of requests: was it edited?",
            bad.service
        ));
    }
    Ok(report)
}

impl PerformanceReport {
    /// This report with each service's results in `previous` beside it.
    pub fn compared_with(mut self, previous: &PerformanceReport) -> PerformanceReport {
        for service in &mut self.services {
            let Some(before) = previous
                .services
                .iter()
                .find(|p| p.service == service.service)
            else {
                continue;
            };
            service.previous = Some(Previous {
                total_volume: before.measures.total_volume,
                performance: before.measures.performance,
                change: service
                    .measures
                    .performance
                    .zip(before.measures.performance)
                    .map(|(now, then)| now - then),
            });
        }
        self
    }
}
