//! Building a charter into a poster or handbook: [`Charter`] → [`View`] → Typst
//! [`PagedDocument`] (in our own [`world::CharterWorld`]) → PDF and PNG bytes
//! ([`Rendered`]). Writing the bytes is the caller's job (see [`crate::batch`]).

mod assets;
mod compile;
mod export;
mod fit;
mod fonts;
mod glyphs;
pub mod incremental;
pub mod run;
mod sheet;
mod side;
pub mod summary;
pub mod worker;
mod world;

use serde::Serialize;
use typst::foundations::{Bytes, Datetime};
use typst_layout::PagedDocument;

pub use export::{PdfStandardChoice, Standards, parse_standards};
pub use fonts::Fonts;
pub use sheet::Printed;
pub use world::Engine;

use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::model::{Charter, Layout};
use crate::paper::Paper;
use crate::render::{Format, Formats};
use crate::source::SourceFile;
use crate::span::Span;
use crate::theme::{BodySize, ThemeDiagnostic};
use crate::view::{Presentation, View};

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
                Format::Json => files.push((format.extension().to_owned(), self.data.as_bytes())),
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

/// The PDF standards a theme's posters meet unless told otherwise.
pub fn default_standards(theme: &crate::theme::Theme) -> Vec<String> {
    let mut standards = vec!["a-2b".to_owned()];
    if theme.manifest.pdf_ua {
        standards.push("ua-1".to_owned());
    }
    standards
}

/// A charter's build output, ready to write.
#[derive(Debug)]
pub struct Rendered {
    /// The printed sheets: one in all the charter's languages, or one per language
    /// (`--lang`); none when no PDF or PNG was asked for.
    pub prints: Vec<Printed>,
    /// The web page.
    pub html: Option<String>,
    /// The JSON the theme read, for `--format json` and theme authors.
    pub data: String,
    pub paper: Paper,
    /// The body text size the (first) sheet was laid out at, in points; the theme's
    /// preferred size when nothing was printed.
    pub body_size: f64,
    /// Warnings about the charter that did not stop the build.
    pub warnings: Vec<Diagnostic>,
    /// Files besides the charter that the build read (its logo), with the hash of the
    /// bytes it used: an incremental build rebuilds when one changes.
    pub inputs: Vec<incremental::Input>,
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

/// What the theme reads from `/charter.json`: the view, plus how to lay it out.
#[derive(Clone, Serialize)]
pub(super) struct ThemeData<'a> {
    #[serde(flatten)]
    view: &'a View,
    build: BuildInfo,
    options: &'a serde_json::Map<String, serde_json::Value>,
    /// The QR code to print, when the theme's `qr` option is on and the charter has a
    /// website.
    qr: Option<Qr>,
}

#[derive(Clone, Serialize)]
struct BuildInfo {
    layout: &'static str,
    paper: Paper,
    landscape: bool,
    /// The sheet's size in millimetres, already turned for landscape.
    width: u32,
    height: u32,
    /// The body text size to lay out at, in points.
    body_size: f64,
    /// PDF keywords.
    keywords: Vec<String>,
    generator: String,
}

#[derive(Clone, Serialize)]
struct Qr {
    /// The address as printed beside the code.
    url: String,
    /// The SVG file in the world.
    file: &'static str,
}

/// Builds one valid charter. `path` is the charter file (its folder is where the logo is
/// read from); `source` is its text, for pointing at fields.
pub fn build(
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
        failure.charter.extend(glyphs::check(source, &engine.fonts));
    }
    failure.charter.extend(no_catalogue(charter));
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
                failure.charter.push(not_in_language(charter, code));
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
                inputs.push(incremental::Input {
                    sha256: incremental::sha256(&logo.bytes),
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
    let qr = qr(charter, settings).map(|(url, svg)| {
        if settings.formats.contains(Format::Html) {
            qr_svg = Some(svg.clone());
        }
        extra.push((Engine::id(world::QR_PATH), Bytes::from_string(svg)));
        Qr {
            url,
            file: world::QR_PATH,
        }
    });

    let (mm_w, mm_h) = paper.size_mm();
    let (width, height) = if settings.landscape || side {
        (mm_h, mm_w)
    } else {
        (mm_w, mm_h)
    };
    let today = date(charter);
    let data = ThemeData {
        view: &view,
        build: BuildInfo {
            layout: layout.name(),
            paper,
            landscape: settings.landscape || side,
            width,
            height,
            body_size: sizes.preferred,
            keywords: keywords(&view),
            generator: format!("charter {}", env!("CARGO_PKG_VERSION")),
        },
        options: &settings.options,
        qr,
    };

    let html = if settings.formats.contains(Format::Html) {
        let templates = engine
            .templates
            .as_ref()
            .expect("the templates are loaded when HTML is asked for");
        let value = serde_json::to_value(&data).expect("theme data serialises");
        let extras = crate::html::Extras {
            logo: logo_bytes,
            qr_svg,
            jsonld: crate::html::jsonld::to_script(&crate::html::jsonld::document(
                charter,
                &view
                    .services
                    .iter()
                    .map(|s| s.timeline.as_ref().and_then(|t| t.first().cloned()))
                    .collect::<Vec<_>>(),
            )),
        };
        match crate::html::render(templates, &value, &extras) {
            Ok(page) => Some(page),
            Err(theme) => {
                failure.theme = theme;
                return Err(failure);
            }
        }
    } else {
        None
    };

    if !settings.formats.any_printed() {
        // No printed output asked for (a web page, or the data for theme authors).
        return Ok(Rendered {
            prints: Vec::new(),
            html,
            data: serde_json::to_string_pretty(&data).expect("theme data serialises"),
            paper,
            body_size: data.build.body_size,
            warnings: failure.charter,
            inputs,
        });
    }

    let press = sheet::Press {
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
                    keywords: keywords(view),
                    ..data.build.clone()
                },
                ..data.clone()
            },
        };
        let printed = if side {
            side::print(
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
                        data: serde_json::to_string_pretty(&data).expect("theme data serialises"),
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
        data: serde_json::to_string_pretty(&laid_out).expect("theme data serialises"),
        paper,
        warnings,
        inputs,
    })
}

/// The document's date: the charter's issue date, else `SOURCE_DATE_EPOCH`; never the
/// clock, so two builds of the same charter are identical.
fn date(charter: &Charter) -> Option<(typst_pdf::Timestamp, Datetime)> {
    let date = match &charter.issued {
        Some(issued) => issued.value.0,
        None => {
            let secs: i64 = std::env::var("SOURCE_DATE_EPOCH")
                .ok()?
                .trim()
                .parse()
                .ok()?;
            jiff::Timestamp::from_second(secs)
                .ok()?
                .to_zoned(jiff::tz::TimeZone::UTC)
                .date()
        }
    };
    let datetime = Datetime::from_ymd_hms(
        i32::from(date.year()),
        date.month().unsigned_abs(),
        date.day().unsigned_abs(),
        0,
        0,
        0,
    )?;
    let day = Datetime::from_ymd(
        i32::from(date.year()),
        date.month().unsigned_abs(),
        date.day().unsigned_abs(),
    )?;
    Some((typst_pdf::Timestamp::new_utc(datetime), day))
}

/// The website a QR code opens: the organisation's, else the first complaint route's.
fn qr(charter: &Charter, settings: &Settings) -> Option<(String, String)> {
    if settings.options.get("qr") == Some(&serde_json::Value::Bool(false)) {
        return None;
    }
    let website = charter.organization.website.as_ref().or_else(|| {
        charter
            .complaints
            .as_ref()?
            .routes
            .iter()
            .find_map(|r| r.website.as_ref())
    })?;
    // A site given per language: the main language's, as the poster's main text is.
    let main = charter.languages.first().map_or("", |l| l.value.as_str());
    let website = &website.get(main).unwrap_or_else(|| website.first()).value.0;
    let svg = assets::qr_svg(&crate::model::web_target(website)?)?;
    Some((website.clone(), svg))
}

fn keywords(view: &View) -> Vec<String> {
    // "Citizens' Service Charter" in the charter's own languages, then its title and
    // organisation.
    let mut keywords: Vec<String> = match view.labels.get("title") {
        Some(serde_json::Value::Array(titles)) => titles
            .iter()
            .filter_map(|t| t.as_str().map(str::to_owned))
            .collect(),
        _ => Vec::new(),
    };
    keywords.extend(view.title.iter().cloned());
    keywords.extend(view.organization.name.iter().cloned());
    let mut seen = std::collections::HashSet::new();
    keywords.retain(|k| seen.insert(k.clone()));
    keywords
}

/// E407, a warning: a word too long for its column, which `runs` off the sheet or over
/// its neighbour; it points at where the charter writes the longest word.
fn too_wide(source: &SourceFile, text: &str, runs: &str) -> Diagnostic {
    let word = text
        .split_whitespace()
        .max_by_key(|w| w.chars().count())
        .unwrap_or(text);
    let shown: String = word.chars().take(40).collect();
    let ellipsis = if word.chars().count() > 40 { "…" } else { "" };
    let diagnostic = Diagnostic::new(
        Code::TooWide.into(),
        Severity::Warning,
        format!("`{shown}{ellipsis}` is too long to fit its column and {runs}"),
    )
    .with_hint(
        "a word with no spaces or hyphens cannot be broken: add a space or a hyphen, or \
         shorten it",
    );
    match source.text.find(word) {
        Some(at) => diagnostic.at(Span::new(at, word.len()), "too long to break"),
        None => diagnostic,
    }
}

/// Languages without a catalogue print their headings in English: say so once.
fn no_catalogue(charter: &Charter) -> Vec<Diagnostic> {
    charter
        .languages
        .iter()
        .filter(|lang| crate::locale::Locale::get(lang.as_str()).is_none())
        .map(|lang| {
            Diagnostic::new(
                Code::NoCatalogue.into(),
                Severity::Warning,
                format!(
                    "there are no built-in labels in `{}`: headings will print in English",
                    lang.as_str()
                ),
            )
            .at(lang.span, "no label catalogue for this language")
            .with_hint(format!(
                "labels exist for: {}; set a section's own `title:` to print it in your \
                 language",
                crate::catalogues::CATALOGUES
                    .iter()
                    .map(|(lang, _)| *lang)
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        })
        .collect()
}

/// `--lang fr` for a charter that has no French.
fn not_in_language(charter: &Charter, code: &str) -> Diagnostic {
    let own: Vec<&str> = charter.languages.iter().map(|l| l.value.as_str()).collect();
    Diagnostic::error(
        Code::UndeclaredLanguage,
        format!(
            "the charter is not written in `{code}`, so it has no sheet in it: its languages \
             are {}",
            own.join(", ")
        ),
    )
    .at(charter.languages.span, "the charter's languages")
    .with_hint("ask for one of its languages, or `--lang each` for a sheet in each of them")
}

/// A poster that does not fit, and what would: a larger paper, a sheet per language, the
/// handbook.
fn overflow(
    document: &PagedDocument,
    ratio: f64,
    paper: Paper,
    size: f64,
    settings: &Settings,
    manifest: &crate::theme::Manifest,
    bilingual: bool,
) -> Diagnostic {
    let side = settings.sheets == Sheets::Side;
    // A sheet side by side is always landscape: turning it is no way out.
    let landscape = settings.landscape && !side;
    let extra = ((ratio - 1.0) * 100.0).round().max(1.0);
    let sheet = format!(
        "{}{}{}",
        if side {
            "side by side on one "
        } else {
            "on one "
        },
        paper.name().to_uppercase(),
        if landscape || side { " landscape" } else { "" }
    );
    // The smallest larger paper the content should fit at that paper's minimum text size:
    // what fits grows with the sheet's area and shrinks with the square of the text size,
    // and larger sheets have larger minimums, so the next size up is not always enough.
    let capacity = |p: Paper, min: f64| {
        let (w, h) = p.size_mm();
        f64::from(w) * f64::from(h) / (min * min)
    };
    let needed = capacity(paper, size) * ratio * 1.05;
    let fits = Paper::ALL.into_iter().find(|p| {
        p.size_mm().0 > paper.size_mm().0
            && manifest.papers.contains(p)
            && manifest
                .body_size
                .get(p)
                .is_some_and(|b| capacity(*p, b.min) >= needed)
    });
    let hint = match fits {
        Some(larger) => format!(
            "print on a larger sheet with `--paper {larger}`, shorten the charter, or build \
             a multi-page booklet with `--layout handbook`"
        ),
        None => "shorten the charter, or build a multi-page booklet with `--layout handbook` \
                 (it would not fit even the largest paper this theme supports)"
            .to_owned(),
    };
    let hint = if landscape {
        format!("{hint}; a portrait sheet may hold more (leave out `--landscape`)")
    } else {
        hint
    };
    // A sheet in each language holds about half as much text each.
    let hint = if bilingual && matches!(settings.sheets, Sheets::Together | Sheets::Side) {
        format!(
            "print a sheet per language with `--lang each` (each holds half the text); or {hint}"
        )
    } else {
        hint
    };
    Diagnostic::error(
        Code::PosterOverflow,
        format!(
            "the charter does not fit {sheet} sheet: even with body text at {size} pt, \
             the smallest this theme allows, it runs to {} pages (about {extra}% more than \
             one sheet holds)",
            document.pages().len()
        ),
    )
    .with_hint(hint)
}
