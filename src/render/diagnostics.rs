//! The build's own diagnostics about a charter (E404, E406, E407, E412): what a layout
//! or a request found, worded for the person who wrote the charter.

use ::typst_layout::PagedDocument;

use super::{Settings, Sheets};
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::model::Charter;
use crate::paper::Paper;
use crate::source::SourceFile;
use crate::span::Span;

/// E407, a warning: a word too long for its column, which `runs` off the sheet or over
/// its neighbour; it points at where the charter writes the longest word.
pub(super) fn too_wide(source: &SourceFile, text: &str, runs: &str) -> Diagnostic {
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
pub(super) fn no_catalogue(charter: &Charter) -> Vec<Diagnostic> {
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
pub(super) fn not_in_language(charter: &Charter, code: &str) -> Diagnostic {
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
pub(super) fn overflow(
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
