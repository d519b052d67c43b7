//! [`Format`], the outputs a charter can be built into, and [`Formats`], the set a run
//! writes.

use serde::{Deserialize, Serialize};

/// An output format, named as on the command line (`--format pdf,html`) and in
/// `charter.toml` (`format = ["pdf"]`).
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// The printed poster or handbook (PDF/A, and PDF/UA where the theme meets it).
    Pdf,
    /// The web page: one HTML file, everything inline.
    Html,
    /// A preview of the first page.
    Png,
    /// The data the theme reads (`/charter.json`), for theme authors.
    Json,
    /// The schema.org graph the page carries (`GovernmentService`s, their offers and
    /// channels), on its own, for search engines and open-data crawlers.
    Jsonld,
    /// The services table, one row per service and sub-service: the printed wording in
    /// each language and the fee and timeline as structured columns, for a spreadsheet.
    Csv,
    /// An Open Referral HSDS 3.0 organization with its services, for service directories
    /// and referral platforms.
    Hsds,
    /// The EU's Core Public Service Vocabulary (CPSV-AP 3.2) in JSON-LD, for public-service
    /// catalogues.
    Cpsv,
}

impl Format {
    /// Every format, in the order outputs are written and listed: the printed ones first.
    pub const ALL: [Format; 8] = [
        Format::Pdf,
        Format::Png,
        Format::Html,
        Format::Json,
        Format::Jsonld,
        Format::Csv,
        Format::Hsds,
        Format::Cpsv,
    ];

    /// What a build writes when no format is asked for.
    pub const DEFAULT: [Format; 2] = [Format::Pdf, Format::Html];

    /// The output file's extension (`kitui.pdf`).
    pub fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Html => "html",
            Format::Png => "png",
            Format::Json => "json",
            Format::Jsonld => "jsonld",
            Format::Csv => "csv",
            Format::Hsds => "hsds.json",
            Format::Cpsv => "cpsv.jsonld",
        }
    }

    /// Its media type, as `charter serve` sends it.
    pub fn media_type(self) -> &'static str {
        match self {
            Format::Pdf => "application/pdf",
            Format::Png => "image/png",
            Format::Html => "text/html; charset=utf-8",
            Format::Json => "application/json",
            Format::Jsonld => "application/ld+json",
            Format::Csv => "text/csv; charset=utf-8; header=present",
            Format::Hsds => "application/json",
            Format::Cpsv => "application/ld+json",
        }
    }

    /// The format an output file's extension names.
    pub fn from_extension(extension: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.extension() == extension)
    }

    /// Its name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Hsds => "hsds",
            Format::Cpsv => "cpsv",
            other => other.extension(),
        }
    }

    /// Whether it is the printed sheet, laid out by Typst (one file per sheet: a charter
    /// printed per language writes `kitui.sw.pdf` and `kitui.en.pdf`).
    pub fn is_printed(self) -> bool {
        matches!(self, Format::Pdf | Format::Png)
    }

    /// The format a name on the command line or in `charter.toml` means.
    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(name.trim()))
    }

    fn bit(self) -> u16 {
        1 << (self as u16)
    }
}

/// The formats a run writes: a set, listed in [`Format::ALL`]'s order. It serialises as
/// that list, so the record's fingerprint and the worker's plan read plainly.
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Formats(u16);

impl Formats {
    /// The set of `formats`.
    pub fn of(formats: impl IntoIterator<Item = Format>) -> Formats {
        let mut set = Formats::default();
        for format in formats {
            set.0 |= format.bit();
        }
        set
    }

    pub fn contains(self, format: Format) -> bool {
        self.0 & format.bit() != 0
    }

    /// Whether any printed format (PDF, PNG) is asked for: only then is the charter laid
    /// out by Typst.
    pub fn any_printed(self) -> bool {
        self.iter().any(Format::is_printed)
    }

    pub fn iter(self) -> impl Iterator<Item = Format> {
        Format::ALL.into_iter().filter(move |f| self.contains(*f))
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
}

impl std::fmt::Debug for Formats {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Serialize for Formats {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl<'de> Deserialize<'de> for Formats {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Formats::of(Vec::<Format>::deserialize(deserializer)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_set_lists_its_formats_in_order_and_round_trips() {
        let set = Formats::of([Format::Json, Format::Pdf, Format::Pdf]);
        assert_eq!(set.iter().collect::<Vec<_>>(), [Format::Pdf, Format::Json]);
        assert!(set.any_printed() && !Formats::of([Format::Html]).any_printed());
        let json = serde_json::to_string(&set).unwrap();
        assert_eq!(json, r#"["pdf","json"]"#);
        assert_eq!(serde_json::from_str::<Formats>(&json).unwrap(), set);
        assert!(Formats::default().is_empty());
    }

    #[test]
    fn every_format_has_its_own_name_and_bit() {
        for format in Format::ALL {
            assert_eq!(Format::from_name(format.name()), Some(format));
            assert_eq!(
                Formats::of([format]).iter().collect::<Vec<_>>(),
                [format],
                "{format:?}"
            );
        }
        assert_eq!(Format::from_name(" PDF "), Some(Format::Pdf));
        assert_eq!(Format::from_name("docx"), None);
    }
}
