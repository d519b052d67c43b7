//! Choosing the body text size at which a poster fills one sheet: between the theme's
//! minimum and its maximum, on the quarter point, found in as few layouts as possible
//! (each one costs as much as compiling the poster once: ~20–50 ms).
//!
//! Separate from the layout itself so the search can be tested against layouts that are
//! made up.
//!
//! A layout's fill ratio (how much of the sheet its content takes, 1.4 for 40% too much)
//! says how far to go. Wrapped text alone would take room with the square of its size, but
//! a poster also has parts that grow less (rules, padding, a QR code of fixed size, a short
//! heading that never wraps): on the real posters (Kitui, Kilosa, the examples, A3 to A0)
//! the ratio followed the size to a power between 1.4 and 1.8. The first step assumes
//! `EXPONENT`; once two layouts are known, the power they show is used instead.

/// The power of the size that a poster's height follows before anything is measured.
const EXPONENT: f64 = 1.5;

/// The fill ratio each step aims at: just under full, so that an estimate a little off
/// still fits.
const AIM: f64 = 0.96;

/// A sheet filled to this ratio or more is full: the search stops there (the rest is
/// shared between the bands, see `sheet::Press`). Under it, a poster that fits grows
/// (when its theme allows larger text) and a shrunk one steps back up.
pub const FULL: f64 = 0.85;

/// Steps guided by the fill ratio before the search falls back to the minimum.
const GUIDED_STEPS: usize = 3;

/// How much more than one sheet a poster may hold at the minimum size, by `EXPONENT`,
/// before the search gives up at once: a 40-row table on an A3 sheet is laid out twice
/// (at the preferred size and, for the report, at the minimum), not six times.
const HOPELESS: f64 = 1.6;

/// How many times a poster is laid out at most: the preferred size, the guided steps down,
/// the minimum, and one step back up.
pub const MAX_LAYOUTS: usize = 1 + GUIDED_STEPS + 2;

/// Layouts at most to grow a short poster: the estimate, and one correction.
const GROW_STEPS: usize = 2;

/// What a layout at one size showed.
pub struct Trial<D> {
    pub fits: bool,
    /// How much content there is for one sheet: 1.4 needs 40% more room (see
    /// `compile::fill_ratio`).
    pub ratio: f64,
    pub document: D,
}

/// Where the search ended.
pub enum Fit<D> {
    Fits {
        size: f64,
        document: D,
    },
    /// Even the minimum overflows: the layout at the minimum and its fill ratio, for E404.
    Overflows {
        document: D,
        ratio: f64,
    },
}

/// What the layouts so far say about how the fill ratio follows the size.
struct Model {
    exponent: f64,
    /// The last layout: its size and fill ratio.
    last: Option<(f64, f64)>,
}

impl Model {
    fn new(size: f64, ratio: f64) -> Self {
        Model {
            exponent: EXPONENT,
            last: Some((size, ratio)).filter(|(_, r)| *r > 0.0),
        }
    }

    /// Learns from a layout: the power that it and the one before show, within reason
    /// (columns can make one step look much steeper than the next).
    fn learn(&mut self, size: f64, ratio: f64) {
        if let Some((s0, r0)) = self.last
            && ratio > 0.0
            && (size - s0).abs() >= 0.25
        {
            let measured = (r0 / ratio).ln() / (s0 / size).ln();
            if measured.is_finite() {
                self.exponent = measured.clamp(1.0, 2.5);
            }
        }
        if ratio > 0.0 {
            self.last = Some((size, ratio));
        }
    }

    /// The size, on the quarter point below, at which a layout at `size` with `ratio`
    /// would fill `AIM` of its sheet.
    fn estimate(&self, size: f64, ratio: f64) -> f64 {
        let scale = (AIM / ratio.max(0.05)).powf(1.0 / self.exponent);
        quarter(size * scale)
    }
}

fn quarter(size: f64) -> f64 {
    (size * 4.0).floor() / 4.0
}

/// Grows a short poster's text towards `max`, so that it fills its sheet: only from under
/// `FULL`, each step to the size estimated to fill `AIM` of it, never to a size known to
/// overflow, and only for a gain of at least half a point. Keeps the largest size that
/// fits.
pub fn grow_to_fill<D, E>(
    preferred: f64,
    max: f64,
    first: Trial<D>,
    mut layout: impl FnMut(f64) -> Result<Trial<D>, E>,
) -> Result<(f64, D), E> {
    let mut model = Model::new(preferred, first.ratio);
    let mut best = (preferred, first.ratio, first.document);
    let mut over = f64::INFINITY;
    for _ in 0..GROW_STEPS {
        if best.1 >= FULL {
            break;
        }
        let next = model.estimate(best.0, best.1).min(max).min(over - 0.25);
        if next < best.0 + 0.5 {
            break;
        }
        let trial = layout(next)?;
        model.learn(next, trial.ratio);
        if trial.fits {
            best = (next, trial.ratio, trial.document);
        } else {
            over = next;
        }
    }
    Ok((best.0, best.2))
}

/// Finds the size to lay the poster out at, given its layout at the preferred size.
///
/// Down from an overflow at least a quarter point, to the estimate; a fit under `FULL`
/// steps back up while the estimate says there is room (by the square law, when an overflow
/// looked under-full), never to a size known to overflow. The estimate is not always right: columns make the fit uneven (a sheet can
/// overflow at a fill ratio under 1), so after three steps down the minimum is tried.
/// Errors of `layout` end the search.
pub fn shrink_to_fit<D, E>(
    preferred: f64,
    min: f64,
    first: Trial<D>,
    mut layout: impl FnMut(f64) -> Result<Trial<D>, E>,
) -> Result<Fit<D>, E> {
    if first.fits {
        return Ok(Fit::Fits {
            size: preferred,
            document: first.document,
        });
    }
    if preferred <= min {
        return Ok(Fit::Overflows {
            document: first.document,
            ratio: first.ratio,
        });
    }
    let mut model = Model::new(preferred, first.ratio);
    let hopeless = first.ratio * (min / preferred).powf(EXPONENT) > HOPELESS;
    let mut layouts = 1;
    // The smallest size known to overflow, and its fill ratio.
    let mut over = (preferred, first.ratio);
    // The largest size known to fit, its fill ratio and its layout.
    let mut best: Option<(f64, f64, D)> = None;
    if hopeless {
        // The minimum at once: an overflow there is the answer; a fit (the estimate was
        // wrong) is searched up from, as any fit is.
        let smallest = layout(min)?;
        layouts += 1;
        if !smallest.fits {
            return Ok(Fit::Overflows {
                document: smallest.document,
                ratio: smallest.ratio,
            });
        }
        model.learn(min, smallest.ratio);
        best = Some((min, smallest.ratio, smallest.document));
    }
    while layouts < MAX_LAYOUTS {
        let next = match &best {
            None if layouts <= GUIDED_STEPS => model
                .estimate(over.0, over.1.max(1.0))
                .clamp(min, (over.0 - 0.25).max(min)),
            None => min,
            Some((size, ratio, _)) => {
                let up = if over.1 < 1.0 {
                    // An overflow that looked under-full: the ratios mislead here, so step
                    // by the most cautious law, wrapped text alone (the square).
                    quarter(size * (AIM / ratio.max(0.05)).sqrt())
                } else if *ratio >= FULL {
                    break;
                } else {
                    model.estimate(*size, *ratio)
                }
                .min(over.0 - 0.25);
                if up <= *size {
                    break;
                }
                up
            }
        };
        let trial = layout(next)?;
        layouts += 1;
        model.learn(next, trial.ratio);
        if trial.fits {
            best = Some((next, trial.ratio, trial.document));
        } else if next <= min {
            return Ok(Fit::Overflows {
                document: trial.document,
                ratio: trial.ratio,
            });
        } else {
            over = (next, trial.ratio);
        }
    }
    if let Some((size, _, document)) = best {
        return Ok(Fit::Fits { size, document });
    }
    // Not reached while the minimum comes within the budget; kept so the search always
    // ends with an answer.
    let smallest = layout(min)?;
    Ok(if smallest.fits {
        Fit::Fits {
            size: min,
            document: smallest.document,
        }
    } else {
        Fit::Overflows {
            document: smallest.document,
            ratio: smallest.ratio,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A made-up poster that fits at `limit` points and below. Its fill ratio follows the
    /// size to the power `exponent` (1.5 as on the real posters, 2 for wrapped text alone),
    /// times `skew` when it overflows (under 1: the sheet overflows earlier than the ratio
    /// shows, as with columns). Counts the layouts.
    struct Poster {
        limit: f64,
        skew: f64,
        exponent: f64,
        layouts: Vec<f64>,
    }

    impl Poster {
        fn new(limit: f64, skew: f64) -> Self {
            Poster {
                limit,
                skew,
                exponent: 1.5,
                layouts: Vec::new(),
            }
        }

        fn text_only(limit: f64, skew: f64) -> Self {
            Poster {
                exponent: 2.0,
                ..Poster::new(limit, skew)
            }
        }

        fn trial(&mut self, size: f64) -> Trial<f64> {
            self.layouts.push(size);
            let ratio = (size / self.limit).powf(self.exponent);
            Trial {
                fits: size <= self.limit,
                ratio: if size <= self.limit {
                    ratio
                } else {
                    ratio * self.skew
                },
                document: size,
            }
        }

        fn search(&mut self, preferred: f64, min: f64) -> Fit<f64> {
            let first = self.trial(preferred);
            shrink_to_fit(preferred, min, first, |size| Ok::<_, ()>(self.trial(size))).unwrap()
        }
    }

    fn size(fit: &Fit<f64>) -> f64 {
        match fit {
            Fit::Fits { size, document } => {
                assert_eq!(size, document, "the document laid out at that size");
                *size
            }
            Fit::Overflows { .. } => panic!("expected it to fit"),
        }
    }

    #[test]
    fn a_poster_far_too_long_for_the_sheet_is_given_up_at_once() {
        // Would need text under 5 pt: laid out at the preferred size, then the minimum for
        // the report, and no more.
        let mut poster = Poster::new(5.0, 1.0);
        assert!(matches!(poster.search(16.0, 11.5), Fit::Overflows { .. }));
        assert_eq!(poster.layouts, [16.0, 11.5]);
    }

    #[test]
    fn a_poster_that_fits_is_laid_out_once() {
        let mut poster = Poster::new(20.0, 1.0);
        assert_eq!(size(&poster.search(16.0, 11.5)), 16.0);
        assert_eq!(poster.layouts, [16.0]);
    }

    #[test]
    fn an_honest_overflow_is_found_in_one_step_near_the_largest_size() {
        let mut poster = Poster::new(13.1, 1.0);
        let fitted = size(&poster.search(16.0, 11.5));
        assert!((12.5..=13.1).contains(&fitted), "{fitted}");
        assert_eq!(poster.layouts.len(), 2, "{:?}", poster.layouts);
    }

    #[test]
    fn an_uneven_overflow_falls_back_to_the_minimum_and_steps_back_up() {
        // Overflowing sheets that look under-full: each guided step is only a quarter.
        let mut poster = Poster::text_only(13.0, 0.7);
        let fitted = size(&poster.search(16.0, 11.5));
        assert_eq!(poster.layouts.len(), MAX_LAYOUTS, "{:?}", poster.layouts);
        assert_eq!(poster.layouts[4], 11.5, "the minimum after three steps");
        assert!(
            (12.5..=13.0).contains(&fitted),
            "{fitted}: {:?}",
            poster.layouts
        );
    }

    #[test]
    fn every_search_stays_within_the_bounds_and_the_budget() {
        for limit in (0..=80).map(|i| 6.0 + f64::from(i) * 0.17) {
            for skew in [0.5, 0.8, 0.95, 1.0, 1.2, 2.0] {
                for text_only in [false, true] {
                    let mut poster = if text_only {
                        Poster::text_only(limit, skew)
                    } else {
                        Poster::new(limit, skew)
                    };
                    let exponent = poster.exponent;
                    let fit = poster.search(16.0, 11.5);
                    let layouts = &poster.layouts;
                    assert!(layouts.len() <= MAX_LAYOUTS, "{layouts:?}");
                    assert!(
                        layouts.iter().all(|s| (11.5..=16.0).contains(s)),
                        "{layouts:?}"
                    );
                    match fit {
                        Fit::Fits { size, .. } => {
                            assert!(size <= limit && size >= 11.5, "{size} for {limit}");
                            // The sheet is full, or the size within three quarters of a
                            // point of the largest that fits, or a point when the
                            // overflows misled the steps badly (a sheet overflowing
                            // while it looks half full).
                            let full = (size / limit).powf(exponent) >= FULL;
                            let slack = if skew >= 0.8 { 0.75 } else { 1.0 };
                            assert!(
                                full || size >= limit.min(16.0) - slack,
                                "{size} for {limit}, skew {skew}: {layouts:?}"
                            );
                        }
                        Fit::Overflows { document, ratio } => {
                            assert!(limit < 11.5, "{limit} fits at the minimum");
                            assert_eq!(document, 11.5, "reported at the minimum");
                            assert!(ratio > 0.0);
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn a_poster_as_the_real_ones_shrinks_in_two_layouts() {
        // The ratio follows the size to the power 1.5 (as Kitui's bilingual poster on A3
        // to A0): one estimate lands on a full sheet.
        for limit in [12.2, 13.1, 14.0, 15.3] {
            let mut poster = Poster::new(limit, 1.0);
            let fitted = size(&poster.search(16.0, 11.5));
            assert_eq!(poster.layouts.len(), 2, "{:?}", poster.layouts);
            assert!((fitted / limit).powf(1.5) >= FULL, "{fitted} for {limit}");
        }
    }

    #[test]
    fn when_the_preferred_size_is_the_minimum_an_overflow_is_laid_out_once() {
        let mut poster = Poster::new(10.0, 1.0);
        assert!(matches!(poster.search(11.0, 11.0), Fit::Overflows { .. }));
        assert_eq!(poster.layouts, [11.0]);
    }

    #[test]
    fn a_layout_error_ends_the_search() {
        let first = Trial {
            fits: false,
            ratio: 1.5,
            document: (),
        };
        let mut calls = 0;
        let result = shrink_to_fit(16.0, 11.5, first, |_| {
            calls += 1;
            Err::<Trial<()>, _>("theme error")
        });
        assert!(matches!(result, Err("theme error")));
        assert_eq!(calls, 1);
    }

    #[test]
    fn a_short_poster_grows_to_fill_its_sheet_within_the_maximum() {
        // Fits up to 24 pt; laid out at 16, it is less than half full.
        let mut poster = Poster::new(24.0, 1.0);
        let first = poster.trial(16.0);
        let (size, document) =
            grow_to_fill(16.0, 30.0, first, |s| Ok::<_, ()>(poster.trial(s))).unwrap();
        assert_eq!(size, document);
        assert!(
            (22.5..=24.0).contains(&size),
            "{size}: {:?}",
            poster.layouts
        );
        assert!(poster.layouts.len() <= 1 + GROW_STEPS);
        // Never past the theme's maximum.
        let mut poster = Poster::new(40.0, 1.0);
        let first = poster.trial(16.0);
        let (size, _) = grow_to_fill(16.0, 20.0, first, |s| Ok::<_, ()>(poster.trial(s))).unwrap();
        assert_eq!(size, 20.0);
        // A sheet already full is not laid out again for a few per cent larger text: its
        // bands share the rest.
        let mut poster = Poster::new(17.0, 1.0);
        let first = poster.trial(16.0);
        let (size, _) = grow_to_fill(16.0, 30.0, first, |s| Ok::<_, ()>(poster.trial(s))).unwrap();
        assert_eq!((size, poster.layouts.len()), (16.0, 1));
        // An estimate that overflows keeps the preferred size's layout, or a smaller gain.
        let mut poster = Poster::new(17.0, 0.5);
        let first = poster.trial(16.0);
        let (size, _) = grow_to_fill(16.0, 30.0, first, |s| Ok::<_, ()>(poster.trial(s))).unwrap();
        assert!(
            (16.0..=17.0).contains(&size),
            "{size}: {:?}",
            poster.layouts
        );
    }
}
