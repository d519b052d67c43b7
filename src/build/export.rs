//! The laid-out document as PDF (for printing) and PNG (a preview of the first page).

use typst::foundations::Smart;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use super::world::{CharterWorld, Engine};
use crate::theme::ThemeDiagnostic;

/// The PDF standards a user may ask for, by the names Typst uses.
pub type PdfStandardChoice = PdfStandard;

/// The PDF standards of a run, with the names they were given by (which the incremental
/// build's fingerprint hashes: Typst's type does not show its contents). Written as the
/// names (a build worker reads them back).
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
#[serde(into = "Vec<String>", try_from = "Vec<String>")]
pub struct Standards {
    names: Vec<String>,
    pub pdf: PdfStandards,
}

impl Standards {
    pub fn names(&self) -> &[String] {
        &self.names
    }
}

impl From<Standards> for Vec<String> {
    fn from(standards: Standards) -> Vec<String> {
        standards.names
    }
}

impl TryFrom<Vec<String>> for Standards {
    type Error = String;
    fn try_from(names: Vec<String>) -> Result<Standards, String> {
        parse_standards(&names)
    }
}

/// Reads `a-2b,ua-1` (Typst's names); an empty list gives a plain tagged PDF.
pub fn parse_standards(names: &[String]) -> Result<Standards, String> {
    let mut list = Vec::new();
    for name in names {
        let standard: PdfStandard = serde_json::from_value(serde_json::Value::String(name.clone()))
            .map_err(|_| {
                format!(
                    "`{name}` is not a PDF standard; use names such as `a-2b`, `a-3b`, \
                     `ua-1`, `1.7` or `2.0`"
                )
            })?;
        list.push(standard);
    }
    let pdf = PdfStandards::new(&list).map_err(|e| e.message().to_string())?;
    Ok(Standards {
        names: names.to_vec(),
        pdf,
    })
}

pub fn pdf(
    engine: &Engine,
    document: &PagedDocument,
    standards: &PdfStandards,
    timestamp: Option<Timestamp>,
) -> Result<Vec<u8>, Vec<ThemeDiagnostic>> {
    let options = PdfOptions {
        ident: Smart::Auto,
        creator: Smart::Custom(Some(format!(
            "charter {} (Typst)",
            env!("CARGO_PKG_VERSION")
        ))),
        timestamp,
        page_ranges: None,
        standards: standards.clone(),
        tagged: true,
        pretty: false,
    };
    typst_pdf::pdf(document, &options).map_err(|errors| {
        let world = CharterWorld {
            engine,
            data: typst::foundations::Bytes::new(Vec::new()),
            extra: Vec::new(),
            today: None,
        };
        let errors: Vec<_> = errors.into_iter().collect();
        super::compile::convert(&world, &errors, "the PDF could not be written")
    })
}

/// Page 1 as a PNG about 1,600 pixels wide, whatever the paper.
pub fn png(document: &PagedDocument) -> Vec<u8> {
    let Some(page) = document.pages().first() else {
        return Vec::new();
    };
    let width = page.frame.width().to_pt().max(1.0);
    let options = typst_render::RenderOptions {
        pixel_per_pt: typst::utils::Scalar::new(1600.0 / width),
        ..Default::default()
    };
    let pixmap = typst_render::render(page, &options);
    pixmap.encode_png().unwrap_or_default()
}
