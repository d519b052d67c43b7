//! The `csv` format: one row per service, in exactly the columns of published
//! service-standard datasets (the Government of Canada's "Service Standards" open data,
//! and those modelled on it), so a report can be added to them as it is:
//!
//! `service,standard,target,volume_meeting_target,total_volume,performance,target_met`
//!
//! `service` is the charter's number for it (its name when it has none); `standard` the
//! promise as the charter prints it, in its main language; `target` and `performance`
//! fractions from 0 to 1; `target_met` `Y` or `N`. A cell is empty where there is nothing
//! to say: no requests completed, or a promise that cannot be measured (then
//! `total_volume` counts its requests and nothing else is given). Written as the services
//! table is, for Excel: UTF-8 with a byte-order mark, CRLF, RFC 4180 quoting, formulas
//! guarded.

use super::PerformanceReport;
use crate::render::csv::{BOM, push_row};

/// The columns, in order.
pub const COLUMNS: [&str; 7] = [
    "service",
    "standard",
    "target",
    "volume_meeting_target",
    "total_volume",
    "performance",
    "target_met",
];

pub fn render(report: &PerformanceReport) -> String {
    let mut out = BOM.to_owned();
    push_row(&mut out, &COLUMNS.map(String::from));
    for service in &report.services {
        let measured = service.not_measured.is_none();
        push_row(
            &mut out,
            &[
                service.service.clone(),
                service
                    .standard
                    .as_ref()
                    .and_then(|s| s.first())
                    .cloned()
                    .unwrap_or_default(),
                fraction(service.target),
                if measured {
                    service.volume_meeting_target.to_string()
                } else {
                    String::new()
                },
                service.total_volume.to_string(),
                service.performance.map(fraction).unwrap_or_default(),
                match service.target_met {
                    Some(true) => "Y".into(),
                    Some(false) => "N".into(),
                    None => String::new(),
                },
            ],
        );
    }
    out
}

/// A share as a fraction to four places, without trailing zeros: `1`, `0.95`, `0.6667`.
pub fn fraction(share: f64) -> String {
    let text = format!("{share:.4}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text.is_empty() || text == "-0" {
        "0".to_owned()
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_are_written_short() {
        assert_eq!(fraction(1.0), "1");
        assert_eq!(fraction(0.95), "0.95");
        assert_eq!(fraction(2.0 / 3.0), "0.6667");
        assert_eq!(fraction(0.0), "0");
    }
}
