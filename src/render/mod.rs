//! What a charter is built into, and the one place each output is made: [`Charter`] →
//! [`View`] (with what the build resolved: [`document`]) → each [`Format`] (`pdf.rs`,
//! `png.rs`, `html/`, `json.rs`; the printed ones laid out once by Typst, `typst/`) →
//! [`Rendered`], the bytes of each output file. Writing them is the build batch's job
//! (`crate::build`). One output-format enum, as typst-cli's `compile.rs` has: adding a
//! format is its file here and its variant in `format.rs`.

mod assets;
mod cpsv;
pub(crate) mod csv;
mod diagnostics;
mod document;
mod format;
mod hsds;
pub mod html;
mod json;
pub mod jsonld;
pub mod pdf;
mod png;
pub mod typst;

use ::typst::foundations::Bytes;
use serde::Serialize;

pub use format::{Format, Formats};
pub use pdf::{PdfStandardChoice, Standards, default_standards, parse_standards};
pub use typst::{Engine, Fonts, Printed};

use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::model::{Charter, Layout};
use crate::paper::Paper;
use crate::source::SourceFile;
use crate::theme::{BodySize, ThemeDiagnostic};
use crate::view::{Presentation, View};
use document::{BuildInfo, Qr, ThemeData};

/// How a run builds: the same for every charter of the run.
#[derive(Clone, Debug, Serialize, serde::Deserialize)]
pub struct Settings {
    /// `None`: the theme's default paper (A4 for a handbook).
    pub paper: Option<Paper>,
    pub landscape: bool,
    /// `None`: as the charter says, else a poster.
    pub layout: Option<Layout>,
    /// The theme's options with the user's values applied.
    pub options: serde_json::Map<String, serde_json::Value>,
    pub standards: Standards,
    /// What to write.
    pub formats: Formats,
    /// The languages of each printed sheet.
    #[serde(default)]
    pub sheets: Sheets,
}

/// Which languages a charter's printed sheets are in (the page is always in all of them).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub enum Sheets {
    /// One sheet in all the charter's languages.
    #[default]
    Together,
    /// A sheet per language of the charter (`--lang each`).
    Each,
    /// A sheet in each of these languages (`--lang sw,en`).
    Only(Vec<String>),
    /// One landscape sheet with a poster per language side by side (`--lang side`).
    Side,
}

impl Rendered {
    /// The pages of the (first) sheet: 1 for a poster, more for a handbook, 0 for none.
    pub fn pages(&self) -> usize {
        self.prints.first().map_or(0, |p| p.pages)
    }

    /// Its output files, each as the end of its name after the charter's stem (`pdf`,
    /// `sw.pdf`) and its bytes, format by format in [`Format::ALL`]'s order.
    pub fn files(&self, formats: Formats) -> Vec<(String, &[u8])> {
        let mut files = Vec::new();
        for format in formats.iter() {
            match format {
                Format::Pdf | Format::Png => {
                    for printed in &self.prints {
                        let bytes = match format {
                            Format::Pdf => printed.pdf.as_deref(),
                            _ => printed.png.as_deref(),
                        };
                        if let Some(bytes) = bytes {
                            // A sheet per language: `kitui.sw.pdf`, `kitui.en.pdf`.
                            let ending = match &printed.lang {
                                Some(lang) => format!("{lang}.{}", format.extension()),
                                None => format.extension().to_owned(),
                            };
                            files.push((ending, bytes));
                        }
                    }
                }
                Format::Html => {
                    if let Some(html) = &self.html {
                        files.push((format.extension().to_owned(), html.as_bytes()));
                    }
                }
                Format::Json | Format::Jsonld | Format::Csv | Format::Hsds | Format::Cpsv => {
                    if let Some((_, text)) = self.exports.iter().find(|(f, _)| *f == format) {
                        files.push((format.extension().to_owned(), text.as_bytes()));
                    }
                }
            }
        }
        files
    }
}

impl Settings {
    /// What a theme builds with when nothing is asked: its options' defaults, its own
    /// paper, PDF/A-2b (plus PDF/UA-1 when the theme says its layouts meet it), a PDF only.
    /// The command line starts from here; so do the benchmark and the tests.
    pub fn defaults(theme: &crate::theme::Theme) -> Result<Settings, String> {
        let mut options = serde_json::Map::new();
        for (name, spec) in &theme.manifest.options {
            let value = spec
                .default_json()
                .map_err(|e| format!("theme option `{name}`: {e}"))?;
            options.insert(name.clone(), value);
        }
        Ok(Settings {
            paper: None,
            landscape: false,
            layout: None,
            options,
            standards: parse_standards(&default_standards(theme))?,
            formats: Formats::of([Format::Pdf]),
            sheets: Sheets::Together,
        })
    }
}

/// A charter's build output, ready to write.
#[derive(Debug)]
pub struct Rendered {
    /// The printed sheets: one in all the charter's languages, or one per language
    /// (`--lang`); none when no PDF or PNG was asked for.
    pub prints: Vec<Printed>,
    /// The web page.
    pub html: Option<String>,
    /// The data formats asked for (`json`, `jsonld`, `csv`), each one file.
    pub exports: Vec<(Format, String)>,
    pub paper: Paper,
    /// The body text size the (first) sheet was laid out at, in points; the theme's
    /// preferred size when nothing was printed.
    pub body_size: f64,
    /// Warnings about the charter that did not stop the build.
    pub warnings: Vec<Diagnostic>,
    /// Files besides the charter that the build read (its logo), with the hash of the
    /// bytes it used: an incremental build rebuilds when one changes.
    pub inputs: Vec<Input>,
}

/// A file besides the charter that a build read (its logo), with the hash of the bytes it
/// used: an incremental build rebuilds when one changes.
#[derive(Clone, Debug, Serialize, serde::Deserialize)]
pub struct Input {
    pub path: std::path::PathBuf,
    pub sha256: String,
}

/// Why a charter was not built: problems in the charter, or in the theme's code.
#[derive(Debug, Default)]
pub struct Failure {
    pub charter: Vec<Diagnostic>,
    pub theme: Vec<ThemeDiagnostic>,
    /// What was built all the same: the web page and the data when only the poster failed
    /// (it does not fit its sheet), since neither depends on the poster.
    pub partial: Option<Box<Rendered>>,
}

/// Renders one valid charter into the run's formats. `source` is the charter file (its
/// folder is where the logo is read from) and its text, for pointing at fields.
pub fn render(
    engine: &Engine,
    settings: &Settings,
    source: &SourceFile,
    charter: &Charter,
) -> Result<Rendered, Failure> {
    let mut failure = Failure::default();
    let layout = settings
        .layout
        .or(charter.layout.as_ref().map(|l| l.value))
        .unwrap_or(Layout::Poster);
    let manifest = &engine.theme.manifest;
    let paper = settings.paper.unwrap_or(match layout {
        Layout::Handbook => Paper::A4,
        Layout::Poster => manifest.default_paper.unwrap_or(Paper::A3),
    });
    let sizes = manifest.body_size.get(&paper).copied().unwrap_or(BodySize {
        preferred: 10.0,
        min: 8.0,
        max: None,
    });

    // A browser has fonts of its own: only printed output needs every glyph.
    if settings.formats.any_printed() {
        failure
            .charter
            .extend(typst::glyphs::check(source, &engine.fonts));
    }
    failure.charter.extend(diagnostics::no_catalogue(charter));
    let languages: Vec<&crate::model::Lang> = charter.languages.iter().map(|l| &l.value).collect();
    // Side by side only makes sense with two languages or more (one is one sheet), and
    // for a poster (a handbook's pages hold its languages one after the other).
    let side = settings.sheets == Sheets::Side && languages.len() > 1;
    if side && layout == Layout::Handbook {
        failure.charter.push(
            Diagnostic::new(
                Code::SideHandbook.into(),
                Severity::Warning,
                "`--lang side` is for posters: this handbook is printed in all its languages, one \
             after the other",
            )
            .with_hint(
                "leave out `--layout handbook` for a poster per language side by side, or \
                     use `--lang each` for a handbook per language",
            ),
        );
    }
    let side = side && layout == Layout::Poster;
    let sheets: Vec<Option<String>> = match &settings.sheets {
        Sheets::Together | Sheets::Side => vec![None],
        Sheets::Each => languages
            .iter()
            .map(|l| Some(l.as_str().to_owned()))
            .collect(),
        Sheets::Only(asked) => {
            for code in asked
                .iter()
                .filter(|c| !languages.iter().any(|l| l.as_str() == *c))
            {
                failure
                    .charter
                    .push(diagnostics::not_in_language(charter, code));
            }
            asked.iter().cloned().map(Some).collect()
        }
    };
    let mut extra = Vec::new();
    let mut logo_bytes = None;
    let mut inputs = Vec::new();
    let mut presentation = Presentation { layout, logo: None };
    if let Some(logo) = &charter.organization.logo {
        match assets::logo(&source.path, logo) {
            Ok(logo) => {
                inputs.push(Input {
                    sha256: crate::files::sha256(&logo.bytes),
                    path: logo.path,
                });
                let path = format!("/logo.{}", logo.extension);
                if settings.formats.contains(Format::Html) {
                    logo_bytes = Some((logo.extension, logo.bytes.clone()));
                }
                extra.push((Engine::id(&path), Bytes::new(logo.bytes)));
                presentation.logo = Some(path);
            }
            Err(diagnostic) => failure.charter.push(*diagnostic),
        }
    }
    let view = View::new(charter, &presentation);
    if failure
        .charter
        .iter()
        .any(|d| d.severity == Severity::Error)
    {
        return Err(failure);
    }
    let mut qr_svg = None;
    let qr = document::qr(charter, settings).map(|(url, svg)| {
        if settings.formats.contains(Format::Html) {
            qr_svg = Some(svg.clone());
        }
        extra.push((Engine::id(typst::QR_PATH), Bytes::from_string(svg)));
        Qr {
            url,
            file: typst::QR_PATH,
        }
    });

    let (mm_w, mm_h) = paper.size_mm();
    let (width, height) = if settings.landscape || side {
        (mm_h, mm_w)
    } else {
        (mm_w, mm_h)
    };
    let today = document::date(charter);
    let data = ThemeData {
        view: &view,
        build: BuildInfo {
            layout: layout.name(),
            paper,
            landscape: settings.landscape || side,
            width,
            height,
            body_size: sizes.preferred,
            keywords: document::keywords(&view),
            generator: format!("charter {}", env!("CARGO_PKG_VERSION")),
        },
        options: &settings.options,
        qr,
    };

    // The schema.org graph, for the page and the `jsonld` format alike: made once.
    let graph = (settings.formats.contains(Format::Html)
        || settings.formats.contains(Format::Jsonld))
    .then(|| jsonld::document(charter, &view));
    let html = if settings.formats.contains(Format::Html) {
        let templates = engine
            .templates
            .as_ref()
            .expect("the templates are loaded when HTML is asked for");
        let value = serde_json::to_value(&data).expect("theme data serialises");
        let extras = crate::render::html::Extras {
            logo: logo_bytes,
            qr_svg,
            jsonld: jsonld::to_script(graph.as_ref().expect("made for the page")),
        };
        match crate::render::html::render(templates, &value, &extras) {
            Ok(page) => Some(page),
            Err(theme) => {
                failure.theme = theme;
                return Err(failure);
            }
        }
    } else {
        None
    };

    // The data formats, made from the document (the theme data as it was laid out).
    let exports = |data: &ThemeData| -> Vec<(Format, String)> {
        settings
            .formats
            .iter()
            .filter_map(|format| {
                let text = match format {
                    Format::Json => json::render(data),
                    Format::Jsonld => jsonld::render(graph.as_ref().expect("made when asked")),
                    Format::Csv => csv::render(charter, &view),
                    Format::Hsds => hsds::render(charter, &view),
                    Format::Cpsv => cpsv::render(charter, &view),
                    Format::Pdf | Format::Png | Format::Html => return None,
                };
                Some((format, text))
            })
            .collect()
    };

    if !settings.formats.any_printed() {
        // No printed output asked for (a web page, or the data for theme authors).
        return Ok(Rendered {
            prints: Vec::new(),
            html,
            exports: exports(&data),
            paper,
            body_size: data.build.body_size,
            warnings: failure.charter,
            inputs,
        });
    }

    let press = typst::sheet::Press {
        engine,
        settings,
        source,
        extra,
        today,
        sizes,
        layout,
        paper,
        width,
        height,
    };
    // The charter in all its languages on one sheet, or a sheet per language.
    let mut warnings = failure.charter;
    let mut prints = Vec::new();
    let one_language: Vec<(Option<String>, Option<View>)> = sheets
        .into_iter()
        .map(|sheet| {
            let view = sheet.as_ref().map(|code| {
                let lang = languages
                    .iter()
                    .copied()
                    .find(|l| l.as_str() == code)
                    .expect("a sheet's language is one of the charter's");
                View::in_languages(charter, &[lang], &presentation)
            });
            (sheet, view)
        })
        .collect();
    for (lang, view) in &one_language {
        let sheet_data = match view {
            None => data.clone(),
            Some(view) => ThemeData {
                view,
                build: BuildInfo {
                    keywords: document::keywords(view),
                    ..data.build.clone()
                },
                ..data.clone()
            },
        };
        let printed = if side {
            typst::print_side(
                &press,
                &sheet_data,
                charter,
                &languages,
                &presentation,
                &mut warnings,
            )
        } else {
            press.print(sheet_data, lang.clone(), &mut warnings)
        };
        match printed {
            Ok(printed) => prints.push(printed),
            Err(unprinted) => {
                let overflowed = unprinted.theme.is_empty();
                let mut failure: Failure = unprinted.into();
                let mut charter_problems = warnings;
                charter_problems.append(&mut failure.charter);
                failure.charter = charter_problems;
                if overflowed {
                    // The page and the data do not depend on the poster fitting.
                    failure.partial = Some(Box::new(Rendered {
                        prints: Vec::new(),
                        html,
                        exports: exports(&data),
                        paper,
                        body_size: data.build.body_size,
                        warnings: Vec::new(),
                        inputs,
                    }));
                }
                return Err(failure);
            }
        }
    }
    // The data as the sheet in all languages was laid out (its body size after fitting).
    let laid_out = ThemeData {
        build: BuildInfo {
            body_size: prints
                .iter()
                .find(|p| p.lang.is_none())
                .map_or(data.build.body_size, |p| p.body_size),
            ..data.build.clone()
        },
        ..data.clone()
    };
    Ok(Rendered {
        body_size: prints.first().map_or(data.build.body_size, |p| p.body_size),
        prints,
        html,
        exports: exports(&laid_out),
        paper,
        warnings,
        inputs,
    })
}
