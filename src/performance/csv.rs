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

use super::{Measures, PerformanceReport};
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
        let standard = service.standard.as_ref().and_then(|s| s.first());
        let measured = service.not_measured.is_none();
        push_row(
            &mut out,
            &row(&service.service, standard, &service.measures, measured),
        );
    }
    // Handling complaints is a standard too: its routes together, then each, named
    // `complaints` and `complaints: <route>`.
    if let Some(complaints) = &report.complaints {
        let standard = complaints.standard.as_ref().and_then(|s| s.first());
        let measured = complaints.not_measured.is_none();
        push_row(
            &mut out,
            &row("complaints", standard, &complaints.total, measured),
        );
        for route in &complaints.routes {
            let name = match route.route.as_str() {
                "" => "complaints: (no route given)".to_owned(),
                route => format!("complaints: {route}"),
            };
            push_row(&mut out, &row(&name, standard, &route.measures, measured));
        }
    }
    out
}

fn row(service: &str, standard: Option<&String>, m: &Measures, measured: bool) -> [String; 7] {
    [
        service.to_owned(),
        standard.cloned().unwrap_or_default(),
        fraction(m.target),
        if measured {
            m.volume_meeting_target.to_string()
        } else {
            String::new()
        },
        m.total_volume.to_string(),
        m.performance.map(fraction).unwrap_or_default(),
        match m.target_met {
            Some(true) => "Y".into(),
            Some(false) => "N".into(),
            None => String::new(),
        },
    ]
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
