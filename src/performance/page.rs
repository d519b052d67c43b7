//! The report as the theme shows it: the data a theme's `report.typ` and `report.html`
//! read, made once from the report and the charter's view (its office, its labels in each
//! language), as a charter's `/charter.json` is for its poster.

use serde::Serialize;

use super::PerformanceReport;
use crate::locale::Locale;
use crate::paper::Paper;
use crate::render::Engine;
use crate::render::html::Templates;
use crate::theme::ThemeDiagnostic;
use crate::view::{OrganizationView, View};

/// The theme's template for the report page.
pub const REPORT_HTML: &str = "report.html";
/// The layout the entry file includes for the printed report (`report.typ`).
pub const REPORT_LAYOUT: &str = "report";
/// The printed report's paper: a report is read at a desk, and filed.
pub const PAPER: Paper = Paper::A4;

/// What the report is shown with: the theme (its fonts, its templates) and its options,
/// and the charter's view.
pub struct ReportPage<'a> {
    pub engine: &'a Engine,
    /// The theme's page templates, when a page is asked for.
    pub templates: Option<&'a Templates>,
    pub view: &'a View,
    pub options: &'a serde_json::Map<String, serde_json::Value>,
}

/// What `report.typ` and `report.html` read.
#[derive(Serialize)]
pub(super) struct ReportData<'a> {
    #[serde(flatten)]
    report: &'a PerformanceReport,
    /// The charter's languages, main one first, and the main one.
    languages: &'a [String],
    lang: &'a str,
    organization: &'a OrganizationView,
    /// Every label of the charter in each language, and the report's words as
    /// `report_<key>` (the `[report]` table of each catalogue).
    labels: serde_json::Map<String, serde_json::Value>,
    options: &'a serde_json::Map<String, serde_json::Value>,
    build: Build,
}

#[derive(Serialize)]
struct Build {
    layout: &'static str,
    paper: Paper,
    width: u32,
    height: u32,
    body_size: f64,
    keywords: Vec<String>,
    generator: String,
}

impl ReportPage<'_> {
    pub(super) fn data<'r>(&'r self, report: &'r PerformanceReport) -> ReportData<'r> {
        let (width, height) = PAPER.size_mm();
        let body_size = self
            .engine
            .theme
            .manifest
            .body_size
            .get(&PAPER)
            .map_or(10.0, |size| size.preferred);
        let mut keywords: Vec<String> = report.title.clone();
        keywords.extend(report.office.iter().cloned());
        ReportData {
            report,
            languages: &self.view.languages,
            lang: &self.view.lang,
            organization: &self.view.organization,
            labels: self.labels(),
            options: self.options,
            build: Build {
                layout: REPORT_LAYOUT,
                paper: PAPER,
                width,
                height,
                body_size,
                keywords,
                generator: format!("charter {}", env!("CARGO_PKG_VERSION")),
            },
        }
    }

    /// The charter's labels and the report's words, in each of the charter's languages.
    fn labels(&self) -> serde_json::Map<String, serde_json::Value> {
        let mut labels = self.view.labels.clone();
        let locales: Vec<&Locale> = self
            .view
            .languages
            .iter()
            .map(|lang| Locale::get(lang).unwrap_or_else(Locale::fallback))
            .collect();
        for key in Locale::fallback().report.keys() {
            let mut words: Vec<String> = Vec::new();
            for locale in &locales {
                let word = locale.report_word(key).to_owned();
                if !words.contains(&word) {
                    words.push(word);
                }
            }
            labels.insert(format!("report_{key}"), serde_json::json!(words));
        }
        labels
    }

    /// The report page, through the theme's `report.html`.
    pub fn html(&self, report: &PerformanceReport) -> Result<String, Vec<ThemeDiagnostic>> {
        let templates = self.templates.expect("templates are loaded for a page");
        let data = serde_json::to_value(self.data(report)).expect("report data serialises");
        templates.render_named(REPORT_HTML, &crate::render::html::context(&data))
    }
}
