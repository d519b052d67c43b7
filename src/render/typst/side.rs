//! Sheets side by side on one: a bilingual charter as two posters, one per language, on a
//! landscape sheet (`--lang side`). Each half is laid out by the theme as a portrait poster
//! of half the sheet, then their pages are joined into one.
//!
//! Two layouts of the same theme can give their elements the same locations (a location is
//! a hash of where an element comes from, and both halves come from the same code), and a
//! document must not have one location twice: the tags, links and parents of each half
//! after the first are moved to a variant of their own.

use typst::ecow::EcoVec;
use typst::introspection::{Location, Tag};
use typst::layout::{Abs, Frame, FrameItem, FrameKind, GroupItem, Point, Size};
use typst::model::Destination;
use typst_layout::{Page, PagedDocument};

use super::sheet::{Press, Printed, Unprinted};
use crate::diagnostic::Diagnostic;
use crate::model::{Charter, Lang};
use crate::render::document::{BuildInfo, ThemeData, keywords};
use crate::theme::BodySize;
use crate::view::{Presentation, View};

/// Prints `data`'s charter as one poster per language side by side on `press`'s sheet
/// (landscape): each laid out on its part of the sheet, at the size the longest one fits
/// at, so that the languages read alike; then joined and exported as one sheet.
pub(crate) fn print(
    press: &Press,
    data: &ThemeData,
    charter: &Charter,
    languages: &[&Lang],
    presentation: &Presentation,
    warnings: &mut Vec<Diagnostic>,
) -> Result<Printed, Unprinted> {
    let parts = languages.len().max(1) as u32;
    // Each part is a portrait sheet: the next smaller paper for two (half an A2 is an A3),
    // with that paper's text sizes; else (half an A4, or three languages) this paper's
    // made smaller by the same ratio. Never under this paper's smallest text, though: the
    // sheet is read from where a sheet of its size is.
    let quarter = |size: f64| (size * 4.0).round() / 4.0;
    let floor = press.sizes.min;
    let smaller = press.paper.smaller().filter(|_| parts == 2);
    let sizes = smaller
        .and_then(|p| press.engine.theme.manifest.body_size.get(&p).copied())
        .unwrap_or_else(|| {
            let scale = (1.0 / f64::from(parts)).sqrt();
            BodySize {
                preferred: quarter(press.sizes.preferred * scale),
                min: quarter(press.sizes.min * scale),
                max: press.sizes.max.map(|m| quarter(m * scale)),
            }
        });
    let sizes = BodySize {
        preferred: sizes.preferred.max(floor),
        min: sizes.min.max(floor),
        max: sizes.max.map(|m| m.max(floor)),
    };
    // The parts share the sheet's width in whole millimetres, the last one taking what is
    // left (841 mm is 420 + 421).
    let presses: Vec<Press> = (0..parts)
        .map(|i| Press {
            width: if i + 1 == parts {
                press.width - press.width / parts * (parts - 1)
            } else {
                press.width / parts
            },
            sizes,
            extra: press.extra.clone(),
            ..*press
        })
        .collect();
    let views: Vec<View> = languages
        .iter()
        .map(|lang| View::in_languages(charter, &[*lang], presentation))
        .collect();
    let data_for = |view, part: &Press| part_data(data, view, part.width, sizes.preferred);
    let mut laid = Vec::new();
    for (view, part) in views.iter().zip(&presses) {
        laid.push(part.lay_out(data_for(view, part))?);
    }
    // One size for all: those laid out larger again at the smallest.
    let size = laid.iter().map(|(_, s)| *s).fold(f64::INFINITY, f64::min);
    let mut halves = Vec::new();
    for (((document, own), view), part) in laid.into_iter().zip(&views).zip(&presses) {
        if own > size {
            let again = part
                .compile_at(&data_for(view, part), size)
                .map_err(|theme| Unprinted {
                    charter: Vec::new(),
                    theme,
                })?;
            halves.push(if again.pages().len() == 1 {
                again
            } else {
                document
            });
        } else {
            halves.push(document);
        }
    }
    press.deliver(&join(halves), None, size, warnings)
}

/// The data of one part: one language's view, on a portrait sheet `width` mm wide.
fn part_data<'a>(data: &ThemeData<'a>, view: &'a View, width: u32, size: f64) -> ThemeData<'a> {
    ThemeData {
        view,
        build: BuildInfo {
            landscape: false,
            width,
            body_size: size,
            keywords: keywords(view),
            ..data.build.clone()
        },
        options: data.options,
        qr: data.qr.clone(),
    }
}

/// One page holding the first page of each of `halves`, left to right, each as wide as it
/// was laid out.
pub fn join(halves: Vec<PagedDocument>) -> PagedDocument {
    let mut info = None;
    let mut first_page: Option<Page> = None;
    let mut frames = Vec::new();
    for (i, mut half) in halves.into_iter().enumerate() {
        let Some(page) = half.pages().first().cloned() else {
            continue;
        };
        if info.is_none() {
            info = Some(half.info_mut().clone());
        }
        frames.push(if i == 0 {
            page.frame.clone()
        } else {
            moved(&page.frame, i)
        });
        first_page.get_or_insert(page);
    }
    let width: Abs = frames.iter().map(Frame::width).sum();
    let height = frames.iter().map(Frame::height).fold(Abs::zero(), Abs::max);
    let mut joined = Frame::new(Size::new(width, height), FrameKind::Hard);
    let mut x = Abs::zero();
    for frame in frames {
        let next = x + frame.width();
        joined.push(Point::with_x(x), FrameItem::Group(GroupItem::new(frame)));
        x = next;
    }
    let page = match first_page {
        Some(page) => Page {
            frame: joined,
            ..page
        },
        None => return PagedDocument::new(EcoVec::new(), info.unwrap_or_default()),
    };
    PagedDocument::new(EcoVec::from([page]), info.unwrap_or_default())
}

/// A copy of `frame` with every location moved to its `n`th variant.
fn moved(frame: &Frame, n: usize) -> Frame {
    let at = |location: Location| location.variant(n);
    let mut out = Frame::new(frame.size(), frame.kind());
    out.set_baseline(frame.baseline());
    for (pos, item) in frame.items() {
        let item = match item {
            FrameItem::Group(group) => FrameItem::Group(GroupItem {
                frame: moved(&group.frame, n),
                transform: group.transform,
                clip: group.clip.clone(),
                label: group.label,
                parent: group.parent.map(|mut parent| {
                    parent.location = at(parent.location);
                    parent
                }),
            }),
            FrameItem::Tag(Tag::Start(content, flags)) => {
                let mut content = content.clone();
                if let Some(location) = content.location() {
                    content.set_location(at(location));
                }
                FrameItem::Tag(Tag::Start(content, *flags))
            }
            FrameItem::Tag(Tag::End(location, key, flags)) => {
                FrameItem::Tag(Tag::End(at(*location), *key, *flags))
            }
            FrameItem::Link(Destination::Location(location), size) => {
                FrameItem::Link(Destination::Location(at(*location)), *size)
            }
            other => other.clone(),
        };
        out.push(*pos, item);
    }
    out
}
