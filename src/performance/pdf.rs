//! The printed report: the theme's `report.typ`, compiled in-process by Typst from the
//! report's data (`/charter.json`, as a charter's poster is), on A4.

use typst::foundations::Datetime;

use super::PerformanceReport;
use super::page::ReportPage;
use crate::render::typst::compile::{Attempt, compile};
use crate::theme::ThemeDiagnostic;

impl ReportPage<'_> {
    /// The report as a PDF, dated the day it is made as of (never the clock: the same
    /// register gives the same bytes).
    pub fn pdf(&self, report: &PerformanceReport) -> Result<Vec<u8>, Vec<ThemeDiagnostic>> {
        let data = serde_json::to_string(&self.data(report)).expect("report data serialises");
        let day: jiff::civil::Date = report.period.as_of.parse().expect("a date we wrote");
        let (year, month, date) = (
            i32::from(day.year()),
            day.month().unsigned_abs(),
            day.day().unsigned_abs(),
        );
        let document = compile(&Attempt {
            engine: self.engine,
            data,
            extra: Vec::new(),
            today: Datetime::from_ymd(year, month, date),
        })?;
        let timestamp =
            Datetime::from_ymd_hms(year, month, date, 0, 0, 0).map(typst_pdf::Timestamp::new_utc);
        // The theme's standards (PDF/UA for the built-in ones): checked when it loaded.
        let standards =
            crate::render::parse_standards(&crate::render::default_standards(&self.engine.theme))
                .map(|s| s.pdf)
                .unwrap_or_default();
        crate::render::pdf::export(self.engine, &document, &standards, timestamp)
    }
}
