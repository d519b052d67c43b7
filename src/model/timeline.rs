//! How long a service takes.
//!
//! A timeline keeps the office's words (`Ndani ya siku 7`, `Within 10 minutes of arrival`,
//! `Registration shall be done within 2 working days from receipt`), which posters print,
//! and what they mean, read from them (`crate::reading`): a duration, a frequency, one
//! duration per case, or nothing measurable. Lint, diff, the page's data and the other
//! languages of a bilingual poster use the meaning.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Serialize;

use crate::diagnostic::{Code, Diagnostic, clip};
use crate::model::Text;
use crate::model::decode::{Cx, Decode, decode_struct};
use crate::model::written::{Shape, line_text, long_text, read_first, shape};
use crate::reading::{Measure, Promise, TimeRead, read_time};
use crate::span::Span;
use crate::suggest::did_you_mean;
use crate::yaml::Node;

pub use crate::reading::{Basis, Unit};

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Timeline {
    #[serde(skip)]
    pub span: Span,
    /// The office's words, as printed: once, or per language. `None` when the charter gives
    /// only the long form's `amount` and `unit` (the poster then writes them out).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub written: Option<Text>,
    #[serde(flatten)]
    pub kind: TimelineKind,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum TimelineKind {
    /// The longest it will take.
    Duration(Duration),
    /// How often it happens: `Weekly`, `Quarterly`, `every 3 years`.
    Every(Duration),
    /// One timeline per case: by office, channel or applicant.
    Cases { cases: Vec<TimelineCase> },
    /// A telephone answered within this many rings (`Within 3 rings`): a count the caller
    /// can check, though not a time.
    Rings { rings: u32 },
    /// Words with no measurable time in them ("Muda halisi", "Continuous"). Lint questions
    /// these: a citizen cannot hold an office to "real time".
    Vague,
}

/// A duration (its length: `crate::reading::Measure`, reachable through this struct as
/// `d.amount`, `d.unit`…) and what the time counts from or depends on.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Duration {
    #[serde(flatten)]
    pub measure: Measure,
    /// The words after the duration: a start event ("after retirement") or a condition
    /// ("depending on the case").
    pub qualifier: Option<Text>,
}

impl std::ops::Deref for Duration {
    type Target = Measure;
    fn deref(&self) -> &Measure {
        &self.measure
    }
}

impl Duration {
    fn from_promise(promise: Promise, span: Span) -> Duration {
        Duration {
            measure: promise.measure,
            qualifier: promise.qualifier.map(|q| Text::plain(q, span)),
        }
    }
}

impl Duration {
    /// Its length in days and minutes, for adding step times up: the upper bound of a
    /// range; `None` for months and years, which have no fixed number of days.
    pub fn length(&self) -> Option<Length> {
        let part = |n: u64, unit: Unit| -> Option<Length> {
            Some(match unit {
                Unit::Seconds => Length::minutes(n.div_ceil(60)),
                Unit::Minutes => Length::minutes(n),
                Unit::Hours => Length::minutes(n * 60),
                Unit::Days => Length::days(n),
                Unit::Weeks => Length::days(
                    n * if self.basis == Some(Basis::Working) {
                        5
                    } else {
                        7
                    },
                ),
                Unit::Months | Unit::Years => return None,
            })
        };
        let mut total = part(u64::from(self.max.unwrap_or(self.amount)), self.unit?)?;
        for (n, unit) in &self.plus {
            total = total.plus(part(u64::from(*n), *unit)?);
        }
        Some(total)
    }
}

/// A length in comparable terms: whole days, and minutes for the parts within a day (ARTA
/// totals are written `3 Days and 10 Minutes`). Shared by lint's check of step times and
/// the totals of a charter's time columns.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Length {
    pub days: u64,
    pub minutes: u64,
}

impl Length {
    pub fn days(days: u64) -> Length {
        Length { days, minutes: 0 }
    }

    pub fn minutes(minutes: u64) -> Length {
        Length { days: 0, minutes }
    }

    pub fn plus(self, other: Length) -> Length {
        Length {
            days: self.days.saturating_add(other.days),
            minutes: self.minutes.saturating_add(other.minutes),
        }
    }

    /// Equal, or equal when minutes are counted into days of 24 hours or of an 8-hour
    /// working day: an office may write 480 minutes of steps as 1 day in the total.
    pub fn agrees(self, other: Length) -> bool {
        [1440u64, 480].iter().any(|day| {
            self.days.saturating_mul(*day).saturating_add(self.minutes)
                == other
                    .days
                    .saturating_mul(*day)
                    .saturating_add(other.minutes)
        })
    }

    /// As a measure in days, hours and minutes (`3 days and 10 minutes`), without
    /// counting minutes into days (whose length, 24 or 8 hours, is the office's to say);
    /// `None` past what a measure holds (4,294,967,295 of a unit).
    pub fn measure(self, basis: Option<Basis>) -> Option<Measure> {
        let (hours, minutes) = (self.minutes / 60, self.minutes % 60);
        let mut parts: Vec<(u32, Unit)> = [
            (self.days, Unit::Days),
            (hours, Unit::Hours),
            (minutes, Unit::Minutes),
        ]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, unit)| Some((u32::try_from(n).ok()?, unit)))
        .collect::<Option<_>>()?;
        if parts.is_empty() {
            parts.push((0, Unit::Minutes));
        }
        let (amount, unit) = parts.remove(0);
        Some(Measure {
            amount,
            max: None,
            unit: Some(unit),
            basis: if unit == Unit::Days { basis } else { None },
            plus: parts,
        })
    }
}

/// One case of a timeline that differs by case.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TimelineCase {
    /// The case, as the charter names it: `Regional office`, `Online`, `Under 1 year`.
    pub case: Text,
    /// Its timeline.
    pub timeline: Timeline,
}

decode_struct!(TimelineCase, "a case of a timeline" { case, timeline });

impl Timeline {
    /// The timeline of a reading of words (the whole value's, or one case's).
    fn from_read(read: TimeRead, written: Option<Text>, span: Span) -> Timeline {
        let one = |p: Promise| {
            if p.every {
                TimelineKind::Every(Duration::from_promise(p, span))
            } else {
                TimelineKind::Duration(Duration::from_promise(p, span))
            }
        };
        let kind = match read {
            TimeRead::One(p) => one(p),
            TimeRead::Rings(rings) => TimelineKind::Rings { rings },
            TimeRead::Cases(cases) => TimelineKind::Cases {
                cases: cases
                    .into_iter()
                    .map(|(label, p)| TimelineCase {
                        case: Text::plain(label, span),
                        timeline: Timeline {
                            span,
                            written: None,
                            kind: one(p),
                        },
                    })
                    .collect(),
            },
        };
        Timeline {
            span,
            written,
            kind,
        }
    }

    /// This timeline and its cases' timelines, depth first.
    pub fn all(&self) -> Vec<&Timeline> {
        let mut out = vec![self];
        if let TimelineKind::Cases { cases } = &self.kind {
            out.extend(cases.iter().flat_map(|c| c.timeline.all()));
        }
        out
    }

    /// Every duration it states, its cases' included.
    pub fn durations(&self) -> Vec<&Duration> {
        match &self.kind {
            TimelineKind::Duration(d) | TimelineKind::Every(d) => vec![d],
            TimelineKind::Cases { cases } => {
                cases.iter().flat_map(|c| c.timeline.durations()).collect()
            }
            TimelineKind::Rings { .. } | TimelineKind::Vague => Vec::new(),
        }
    }
}

const TIMELINE_HINT: &str = "write a duration such as `7 working days`, `siku 7 za kazi` or \
    `Immediately`, in a sentence if you like; if the time truly cannot be stated, write \
    `timeline: {text: \"...\"}` (lint will flag it)";

/// The long form of a timeline: the office's words in `text`, what they mean in the other
/// keys. Give `text` alone (it is read as a one-line timeline is, and kept as written when
/// it states no time), or `amount` and `unit`, `every` or `cases`, with or without `text`.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TimelineFields {
    /// The timeline as the office wrote it, printed as it is: once, or per language.
    pub text: Option<Text>,
    /// The promised amount, such as `7` (`0` for immediately).
    pub amount: Option<u32>,
    /// The upper bound of a range (`5` to `7` days). Lint asks for a single commitment.
    pub max: Option<u32>,
    /// `seconds`, `minutes`, `hours`, `days`, `weeks`, `months` or `years`.
    pub unit: Option<String>,
    /// For days and weeks: `working` or `calendar`.
    pub basis: Option<String>,
    /// When the clock starts or what it depends on, such as `after receipt of a complete
    /// application`.
    pub qualifier: Option<Text>,
    /// A frequency rather than a time to wait: `1 week`, `3 months`, `1 year`.
    pub every: Option<Text>,
    /// One timeline per case (office, channel, applicant): a list of `case` and `timeline`.
    pub cases: Option<Vec<TimelineCase>>,
}

decode_struct!(@fields TimelineFields, "a timeline" { text, amount, max, unit, basis, qualifier, every, cases });

impl Decode for Timeline {
    fn expected() -> &'static str {
        "a timeline such as `7 working days`"
    }

    fn decode(node: &Node, cx: &mut Cx) -> Option<Self> {
        match shape::<Self>(node, cx)? {
            Shape::Line(line, span) => match read_time(&line) {
                Ok((read, lang)) => {
                    let written = line_text(&line, lang, span, cx);
                    Some(Timeline::from_read(read, Some(written), node.span))
                }
                Err(unread) => {
                    cx.report(unreadable(&line, span, unread.message()));
                    None
                }
            },
            Shape::PerLanguage(text) => {
                match read_first(&text, cx, |words| read_time(words).map(|(r, _)| r)) {
                    Ok(read) => Some(Timeline::from_read(read, Some(text), node.span)),
                    Err(unread) => {
                        let first = text.all().next().unwrap_or_default().to_owned();
                        cx.report(unreadable(&first, node.span, unread.message()));
                        None
                    }
                }
            }
            Shape::Long => {
                let fields = TimelineFields::decode_fields(node, cx)?;
                from_fields(fields, node, cx)
            }
        }
    }
}

fn unreadable(words: &str, span: Span, problem: &str) -> Diagnostic {
    Diagnostic::error(
        Code::BadTimeline,
        format!("cannot read the timeline `{}`", clip(words)),
    )
    .at(span, problem)
    .with_hint(hint_for(problem))
}

/// What to do about a timeline that cannot be read, after what kept it from being read.
fn hint_for(problem: &str) -> String {
    if problem.contains(" times ") || problem.contains("two cases") || problem.contains("too long")
    {
        "keep the office's words and say what they mean, one timeline per case: `timeline: \
         {text: \"...\", cases: [{case: ..., timeline: ...}, ...]}`"
            .into()
    } else if problem.contains("did you mean") || problem.contains("negative") {
        "correct the words, or keep them as the office wrote them and add what they mean, \
         as in `timeline: {text: \"5 minues\", amount: 5, unit: minutes}`"
            .into()
    } else {
        TIMELINE_HINT.into()
    }
}

fn from_fields(mut fields: TimelineFields, node: &Node, cx: &mut Cx) -> Option<Timeline> {
    if fields
        .text
        .as_ref()
        .is_some_and(|t| t.all().all(|w| w.trim().is_empty()))
    {
        cx.report(
            Diagnostic::error(Code::BadTimeline, "the timeline's `text` is empty")
                .at(cx.anchor_span().unwrap_or(node.span), "no words here")
                .with_hint("write the timeline as the office printed it, or leave `text` out"),
        );
        return None;
    }
    fields.text = long_text(fields.text, cx, |w| {
        read_time(w).ok().and_then(|(_, lang)| lang)
    });
    let bad = |cx: &mut Cx, message: String, label: &str| {
        cx.report(
            Diagnostic::error(Code::BadTimeline, message)
                .at(cx.anchor_span().unwrap_or(node.span), label)
                .with_hint(TIMELINE_HINT),
        );
        None
    };
    let given = [
        fields.amount.is_some(),
        fields.every.is_some(),
        fields.cases.is_some(),
    ];
    if given.iter().filter(|g| **g).count() > 1 {
        return bad(
            cx,
            "a timeline has one of `amount`, `every` or `cases`, not several".into(),
            "in this timeline",
        );
    }
    let measured = fields.amount.is_some();
    if !measured
        && (fields.unit.is_some()
            || fields.max.is_some()
            || fields.basis.is_some()
            || fields.qualifier.is_some())
    {
        return bad(
            cx,
            "`unit`, `max`, `basis` and `qualifier` go with `amount`".into(),
            "in this timeline",
        );
    }
    let span = node.span;
    if let Some(cases) = fields.cases {
        return Some(Timeline {
            span,
            written: fields.text,
            kind: TimelineKind::Cases { cases },
        });
    }
    if let Some(every) = fields.every {
        return match read_first(&every, cx, |words| read_time(words).map(|(r, _)| r)) {
            Ok(TimeRead::One(mut p)) => {
                p.every = true;
                Some(Timeline::from_read(TimeRead::One(p), fields.text, span))
            }
            Ok(TimeRead::Cases(_) | TimeRead::Rings(_)) | Err(_) => bad(
                cx,
                format!(
                    "cannot read `every: {}`",
                    clip(every.all().next().unwrap_or_default())
                ),
                "expected how often, such as `1 week` or `3 months`",
            ),
        };
    }
    if let Some(amount) = fields.amount {
        let unit_text = fields.unit.as_deref().map(|u| u.trim().to_lowercase());
        let unit = match unit_text.as_deref() {
            None => None,
            Some(name) => match Unit::from_word(name) {
                Some(unit) => Some(unit),
                None => {
                    let suggestion = did_you_mean(name, Unit::NAMES.iter().copied());
                    let label = suggestion
                        .map_or("not a unit".to_owned(), |s| format!("did you mean `{s}`?"));
                    return bad(
                        cx,
                        format!("`{}` is not a unit of time", clip(name)),
                        &label,
                    );
                }
            },
        };
        let basis = match fields.basis.as_deref().map(str::trim) {
            None => None,
            Some(word) => match Basis::from_word(word) {
                Some(b) => Some(b),
                None => {
                    return bad(
                        cx,
                        format!("`{}` is not `working` or `calendar`", clip(word)),
                        "expected `working` or `calendar`",
                    );
                }
            },
        };
        return Some(Timeline {
            span,
            written: fields.text,
            kind: TimelineKind::Duration(Duration {
                measure: Measure {
                    amount,
                    max: fields.max,
                    unit,
                    basis,
                    plus: Vec::new(),
                },
                qualifier: fields.qualifier,
            }),
        });
    }
    let Some(text) = fields.text else {
        return bad(
            cx,
            "a timeline needs `text`, `amount` and `unit`, `every` or `cases`".into(),
            "in this timeline",
        );
    };
    // The office's words alone: read them if they state a time, else keep them as words.
    Some(
        match read_first(&text, cx, |words| read_time(words).map(|(r, _)| r)) {
            Ok(read) => Timeline::from_read(read, Some(text), span),
            Err(_) => Timeline {
                span,
                written: Some(text),
                kind: TimelineKind::Vague,
            },
        },
    )
}

impl JsonSchema for Timeline {
    fn schema_name() -> Cow<'static, str> {
        "Timeline".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let fields = generator.subschema_for::<TimelineFields>();
        let text = generator.subschema_for::<Text>();
        json_schema!({
            "description": "How long the service takes, in the office's words: `7 working \
                            days`, `Ndani ya siku 7`, `Immediately`, a sentence with one \
                            duration in it, one line per language (`{en: 5 days, sw: Siku \
                            tano}`), or the long form with `text`, `amount` and `unit`, \
                            `every` or `cases`.",
            "anyOf": [
                { "type": ["string", "number"] },
                text,
                fields,
            ]
        })
    }
}
