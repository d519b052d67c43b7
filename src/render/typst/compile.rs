//! Compiling a charter's view with its theme into a laid-out document, shrinking the body
//! text (within the theme's limits) until a poster fits on one sheet.

use typst::WorldExt;
use typst::diag::{Severity, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Label, Selector};
use typst::introspection::Introspector;
use typst::layout::{Frame, FrameItem, Point};
use typst::syntax::FileId;
use typst::utils::PicoStr;
use typst_layout::PagedDocument;

use super::world::{CharterWorld, Engine};
use crate::diagnostic::{Code, Diagnostic};
use crate::source::SourceFile;
use crate::span::Span;
use crate::theme::ThemeDiagnostic;

/// The inputs of one compilation that change between attempts.
pub struct Attempt<'a> {
    pub engine: &'a Engine,
    pub data: String,
    pub extra: Vec<(FileId, Bytes)>,
    pub today: Option<Datetime>,
}

const STAGE: &str = "the theme's Typst code failed";

/// Compiles once. Typst warnings are errors: an unknown font family, for instance, only
/// warns and silently falls back, which would change the poster without anyone noticing.
pub fn compile(attempt: &Attempt) -> Result<PagedDocument, Vec<ThemeDiagnostic>> {
    let world = CharterWorld {
        engine: attempt.engine,
        data: Bytes::from_string(attempt.data.clone()),
        extra: attempt.extra.clone(),
        today: attempt.today,
    };
    let warned = typst::compile::<PagedDocument>(&world);
    match warned.output {
        Ok(document) if warned.warnings.is_empty() => Ok(document),
        Ok(_) => Err(convert(&world, &warned.warnings, STAGE)),
        Err(errors) => {
            let mut all: Vec<SourceDiagnostic> = errors.into_iter().collect();
            all.extend(warned.warnings.iter().cloned());
            Err(convert(&world, &all, STAGE))
        }
    }
}

/// Typst's diagnostics as ours, pointing at the theme file, line and column.
pub fn convert(
    world: &CharterWorld,
    diagnostics: &[SourceDiagnostic],
    stage: &str,
) -> Vec<ThemeDiagnostic> {
    diagnostics
        .iter()
        .map(|d| {
            let kind = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning (treated as an error)",
            };
            let mut message = d.message.to_string();
            let mut hints: Vec<String> = d.hints.iter().map(|h| h.v.to_string()).collect();
            if message.starts_with("unknown font family") {
                hints.push(format!(
                    "the fonts this build has are: {}; choose one with `--set font=NAME`, or \
                     add a folder of font files with `--font-path DIR`",
                    world.engine.fonts.families().join(", ")
                ));
            }
            // Where the failing code was called from: an error inside a helper
            // (`/.charter/lib.typ`) is usually the caller's mistake.
            for point in d.trace.iter() {
                // Every layout is included from our entry file: that says nothing.
                let Some(id) = point.span.id().filter(|id| *id != super::world::entry_id()) else {
                    continue;
                };
                let (Some((display, text)), Some(range)) =
                    (world.engine.source_text(id), world.range(point.span))
                else {
                    continue;
                };
                let line = text[..range.start].matches('\n').count() + 1;
                hints.push(format!("{} at {display}:{line}", point.v));
            }
            message = format!("{stage} ({kind}): {message}");
            let located = d.span.id().and_then(|id| {
                let (display, text) = world.engine.source_text(id)?;
                let range = world.range(d.span)?;
                Some((display, text, range))
            });
            let (source, diagnostic) = match located {
                Some((display, text, range)) => (
                    SourceFile::new(display, text),
                    Diagnostic::error(Code::ThemeError, message)
                        .at(Span::new(range.start, range.len()), "here"),
                ),
                None => (
                    SourceFile::new(format!("{} theme", world.engine.theme.name()), ""),
                    Diagnostic::error(Code::ThemeError, message),
                ),
            };
            let diagnostic = if hints.is_empty() {
                diagnostic
            } else {
                diagnostic.with_hint(hints.join("; "))
            };
            ThemeDiagnostic { source, diagnostic }
        })
        .collect()
}

/// The label a layout puts where its main content ends (before a footer pushed to the foot
/// of the sheet with `v(1fr)`, which would otherwise always look like a full page).
pub const END_LABEL: &str = "charter-end";

/// How much content there is for one page: 1.0 fills the page, 1.4 needs 40% more room.
/// Measured at the layout's `<charter-end>` marker when it has one, else at the lowest ink
/// on the last page, less the room its gaps took on that page (see `gaps`).
pub fn fill_ratio(document: &PagedDocument) -> f64 {
    let pages = document.pages();
    let Some(last) = pages.last() else {
        return 0.0;
    };
    let height = last.frame.height().to_pt();
    if height <= 0.0 {
        return pages.len() as f64;
    }
    let introspector = document.introspector();
    let marker = Label::new(PicoStr::intern(END_LABEL))
        .and_then(|label| introspector.query_label(label).ok())
        .and_then(|content| content.location())
        .and_then(|location| introspector.position(location));
    let (page, y) = match marker {
        Some(position) => (position.page.get(), position.point.y.to_pt()),
        None => (pages.len(), bottom(&last.frame, Point::zero()).min(height)),
    };
    let room: f64 = gaps(document)
        .into_iter()
        .filter(|gap| gap.page == page && gap.bottom <= y + 0.5)
        .map(|gap| gap.bottom - gap.top)
        .sum();
    (page - 1) as f64 + (y - room).max(0.0) / height
}

/// The labels around a gap a layout may share out (`gap` in the shared helpers: `v(1fr)`
/// between two bands): the room between them is not content.
pub const GAP_LABEL: &str = "charter-gap";
pub const GAP_END_LABEL: &str = "charter-gap-end";

/// One gap as laid out: its page (from 1) and where it starts and ends, in points.
struct Gap {
    page: usize,
    top: f64,
    bottom: f64,
}

/// Every gap of a layout, each start paired with the end that follows it on its page.
fn gaps(document: &PagedDocument) -> Vec<Gap> {
    let introspector = document.introspector();
    let positions = |name: &str| -> Vec<(usize, f64)> {
        let Some(label) = Label::new(PicoStr::intern(name)) else {
            return Vec::new();
        };
        introspector
            .query(&Selector::Label(label))
            .iter()
            .filter_map(|content| introspector.position(content.location()?))
            .map(|p| (p.page.get(), p.point.y.to_pt()))
            .collect()
    };
    let ends = positions(GAP_END_LABEL);
    positions(GAP_LABEL)
        .into_iter()
        .filter_map(|(page, top)| {
            let bottom = ends
                .iter()
                .filter(|(p, y)| *p == page && *y >= top)
                .map(|(_, y)| *y)
                .fold(f64::INFINITY, f64::min);
            bottom.is_finite().then_some(Gap { page, top, bottom })
        })
        .collect()
}

/// The first text that runs off the right edge of the sheet, such as a word too long to
/// break in the last column of a table: Typst lets it spill without a word. (A long word
/// that spills into the next column is `collision`'s: table cells are flattened into the
/// page and keep no bounds to check against.)
pub fn too_wide(document: &PagedDocument) -> Option<String> {
    let page = document.pages().first()?;
    let width = page.frame.width().to_pt();
    let mut boxes = Vec::new();
    text_boxes(&page.frame, Point::zero(), &mut boxes);
    boxes
        .into_iter()
        .find(|b| b.right > width + 1.0)
        .map(|b| b.text)
}

/// The first text printed over other text on the sheet: a word too long to break, in a
/// column too narrow for it, runs on into the next column's words (Typst lets it, and a
/// larger body size makes it more likely). Returns the longer of the two runs.
pub fn collision(document: &PagedDocument) -> Option<String> {
    let page = document.pages().first()?;
    let mut boxes = Vec::new();
    text_boxes(&page.frame, Point::zero(), &mut boxes);
    boxes.sort_by(|a, b| a.top.total_cmp(&b.top));
    for (i, a) in boxes.iter().enumerate() {
        for b in &boxes[i + 1..] {
            if b.top >= a.bottom {
                break;
            }
            let size = a.size.min(b.size);
            let down = a.bottom.min(b.bottom) - b.top;
            let across = a.right.min(b.right) - a.left.max(b.left);
            // More than a touch: kerning between two runs of one line overlaps a little.
            if down > 0.3 * size && across > 0.2 * size {
                let longer = if a.text.len() >= b.text.len() { a } else { b };
                return Some(longer.text.clone());
            }
        }
    }
    None
}

/// Where a run of text is inked, roughly: from its cap height to its descenders.
struct TextBox {
    left: f64,
    right: f64,
    top: f64,
    bottom: f64,
    size: f64,
    text: String,
}

fn text_boxes(frame: &Frame, origin: Point, boxes: &mut Vec<TextBox>) {
    for (pos, item) in frame.items() {
        let at = origin + *pos;
        match item {
            // Only groups that are moved, not scaled or turned: nothing in a layout's
            // ordinary flow is.
            FrameItem::Group(group)
                if group.transform.sx.get() == 1.0
                    && group.transform.sy.get() == 1.0
                    && group.transform.kx.get() == 0.0
                    && group.transform.ky.get() == 0.0 =>
            {
                let moved = at + Point::new(group.transform.tx, group.transform.ty);
                text_boxes(&group.frame, moved, boxes);
            }
            FrameItem::Text(text) if !text.text.trim().is_empty() => {
                let size = text.size.to_pt();
                let (x, y) = (at.x.to_pt(), at.y.to_pt());
                boxes.push(TextBox {
                    left: x,
                    right: x + text.width().to_pt(),
                    top: y - 0.75 * size,
                    bottom: y + 0.2 * size,
                    size,
                    text: text.text.to_string(),
                });
            }
            _ => {}
        }
    }
}

/// The lowest point any content of a frame reaches, in points from the page's top.
fn bottom(frame: &Frame, origin: Point) -> f64 {
    let mut lowest: f64 = 0.0;
    for (pos, item) in frame.items() {
        let at = origin + *pos;
        let reach = match item {
            FrameItem::Group(group) => bottom(&group.frame, at),
            FrameItem::Text(_) => at.y.to_pt(),
            FrameItem::Shape(shape, _) => at.y.to_pt() + shape.bbox(false).max.y.to_pt(),
            FrameItem::Image(_, size, _) => at.y.to_pt() + size.y.to_pt(),
            _ => at.y.to_pt(),
        };
        lowest = lowest.max(reach);
    }
    lowest
}
