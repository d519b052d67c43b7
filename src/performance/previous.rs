//! `--previous`: last period's report (its `json`), compared service by service with this
//! one. Services are matched by their number (or name), as registers name them; a service
//! new since has no previous results, one gone since is not shown.

use std::path::Path;

use super::{PerformanceReport, Previous};

/// Reads a report written by `charter report --format json`.
pub fn read(path: &Path) -> Result<PerformanceReport, String> {
    let text = crate::files::read_text(path, crate::limits::PREVIOUS_REPORT_BYTES)
        .map_err(|e| format!("cannot read it: {e}"))?;
    serde_json::from_str(&text)
        .map_err(|e| format!("it is not a report written by `charter report --format json` ({e})"))
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
