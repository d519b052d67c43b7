//! The `pdf` format: the laid-out document as PDF for printing (PDF/A-2b by default, and
//! PDF/UA-1 where the theme says its layouts meet it; always tagged), and the standards
//! a run asks for.

use typst::foundations::Smart;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use super::typst::{CharterWorld, Engine, convert};
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

pub fn export(
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
        convert(&world, &errors, "the PDF could not be written")
    })
}

/// The PDF standards a theme's posters meet unless told otherwise.
pub fn default_standards(theme: &crate::theme::Theme) -> Vec<String> {
    let mut standards = vec!["a-2b".to_owned()];
    if theme.manifest.pdf_ua {
        standards.push("ua-1".to_owned());
    }
    standards
}
