//! How long a service takes.
//!
//! Officers write `7 working days`, `Ndani ya siku 7`, `siku saba za kazi`, `30 seconds`.
//! The loader reads these (in English and Kiswahili) into a [`Duration`]: an amount, a unit
//! and, for days, whether they are working or calendar days. A timeline that is not a
//! duration ("Muda halisi", "as per contract") must be given as `{text: ...}`, which lint
//! questions.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Serialize;

use crate::decode::{Cx, Decode, decode_struct, did_you_mean};
use crate::diagnostic::{Code, Diagnostic, clip};
use crate::model::Text;
use crate::yaml::{Node, NodeKind, Span};

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Timeline {
    #[serde(skip)]
    pub span: Span,
    #[serde(flatten)]
    pub kind: TimelineKind,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum TimelineKind {
    Duration(Duration),
    /// A timeline explained in words. Lint questions these: a citizen cannot hold an office
    /// to "real time".
    Text {
        text: Text,
    },
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Duration {
    /// The promised amount (the lower bound of a range such as `5-7 days`).
    pub amount: u32,
    /// The upper bound, for a range. Lint asks for one commitment instead.
    pub max: Option<u32>,
    /// `None` for a bare number such as `15`, which lint flags.
    pub unit: Option<Unit>,
    pub basis: Option<Basis>,
    /// Anything written after the duration: a start event ("after retirement") or a
    /// condition ("depending on the case").
    pub qualifier: Option<Text>,
    /// The timeline as written, when it was written as one piece of text.
    pub written: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    Seconds,
    Minutes,
    Hours,
    Days,
    Weeks,
    Months,
    Years,
}

/// Whether days are counted on working days only or on every calendar day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Basis {
    Working,
    Calendar,
}

impl Unit {
    pub const NAMES: &'static [&'static str] = &[
        "seconds", "minutes", "hours", "days", "weeks", "months", "years",
    ];

    fn from_name(name: &str) -> Option<Unit> {
        Some(match name {
            "seconds" => Unit::Seconds,
            "minutes" => Unit::Minutes,
            "hours" => Unit::Hours,
            "days" => Unit::Days,
            "weeks" => Unit::Weeks,
            "months" => Unit::Months,
            "years" => Unit::Years,
            _ => return None,
        })
    }
}

/// Unit words in English and Kiswahili.
const UNIT_WORDS: &[(&str, Unit)] = &[
    ("second", Unit::Seconds),
    ("seconds", Unit::Seconds),
    ("secs", Unit::Seconds),
    ("sec", Unit::Seconds),
    ("sekunde", Unit::Seconds),
    ("minute", Unit::Minutes),
    ("minutes", Unit::Minutes),
    ("mins", Unit::Minutes),
    ("min", Unit::Minutes),
    ("dakika", Unit::Minutes),
    ("hour", Unit::Hours),
    ("hours", Unit::Hours),
    ("hrs", Unit::Hours),
    ("hr", Unit::Hours),
    ("saa", Unit::Hours),
    ("masaa", Unit::Hours),
    ("day", Unit::Days),
    ("days", Unit::Days),
    ("siku", Unit::Days),
    ("week", Unit::Weeks),
    ("weeks", Unit::Weeks),
    ("wiki", Unit::Weeks),
    ("month", Unit::Months),
    ("months", Unit::Months),
    ("mwezi", Unit::Months),
    ("miezi", Unit::Months),
    ("year", Unit::Years),
    ("years", Unit::Years),
    ("mwaka", Unit::Years),
    ("miaka", Unit::Years),
];

/// Numbers written as words, in English and Kiswahili.
#[rustfmt::skip]
const NUMBER_WORDS: &[(&str, u32)] = &[
    ("one", 1), ("two", 2), ("three", 3), ("four", 4), ("five", 5), ("six", 6), ("seven", 7),
    ("eight", 8), ("nine", 9), ("ten", 10), ("eleven", 11), ("twelve", 12), ("thirteen", 13),
    ("fourteen", 14), ("fifteen", 15), ("sixteen", 16), ("seventeen", 17), ("eighteen", 18),
    ("nineteen", 19), ("twenty", 20), ("twenty-one", 21), ("twenty-four", 24),
    ("twenty-eight", 28), ("thirty", 30), ("forty", 40), ("forty-five", 45),
    ("forty-eight", 48), ("fifty", 50), ("sixty", 60), ("seventy-two", 72), ("ninety", 90),
    ("moja", 1), ("mbili", 2), ("tatu", 3), ("nne", 4), ("tano", 5), ("sita", 6), ("saba", 7),
    ("nane", 8), ("tisa", 9), ("kumi", 10), ("ishirini", 20), ("thelathini", 30),
    ("arobaini", 40), ("hamsini", 50), ("sitini", 60), ("tisini", 90),
];

/// Words before the duration that mean "within" and change nothing.
const LEAD_WORDS: &[&str] = &[
    "within", "in", "ndani", "ya", "up", "to", "not", "more", "than", "maximum", "max", "kwa",
    "katika", "kipindi", "cha", "hadi",
];

const TIMELINE_HINT: &str = "write a duration such as `7 working days` or `siku 7 za kazi`; if \
    the time truly cannot be stated as a duration, write `timeline: {text: \"...\"}` (lint will \
    flag it)";

/// The long form of a timeline. Give either `amount` and `unit`, or `text`.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TimelineFields {
    /// The promised amount, such as `7`.
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
    /// A timeline that cannot be stated as a duration, in words. Lint will ask for one.
    pub text: Option<Text>,
}

decode_struct!(TimelineFields, "a timeline" { amount, max, unit, basis, qualifier, text });

impl Decode for Timeline {
    fn expected() -> &'static str {
        "a timeline such as `7 working days`"
    }

    fn decode(node: &Node, cx: &mut Cx) -> Option<Self> {
        let kind = match &node.kind {
            NodeKind::Scalar(scalar) => {
                let written = scalar.text().trim().to_owned();
                match parse_duration(&written, node.span) {
                    Ok(duration) => TimelineKind::Duration(duration),
                    Err(problem) => {
                        cx.report(
                            Diagnostic::error(
                                Code::BadTimeline,
                                format!("cannot read the timeline `{}`", clip(&written)),
                            )
                            .at(node.span, problem)
                            .with_hint(TIMELINE_HINT),
                        );
                        return None;
                    }
                }
            }
            NodeKind::Map(_) => from_fields(TimelineFields::decode(node, cx)?, node, cx)?,
            _ => {
                cx.wrong_type::<Self>(node);
                return None;
            }
        };
        Some(Timeline {
            span: node.span,
            kind,
        })
    }
}

fn from_fields(fields: TimelineFields, node: &Node, cx: &mut Cx) -> Option<TimelineKind> {
    let bad = |cx: &mut Cx, message: String, label: &str| {
        cx.report(
            Diagnostic::error(Code::BadTimeline, message)
                .at(cx.anchor_span().unwrap_or(node.span), label)
                .with_hint(TIMELINE_HINT),
        );
        None
    };
    match (fields.amount, fields.text) {
        (Some(_), Some(_)) | (None, None) => bad(
            cx,
            "a timeline needs either `amount` and `unit`, or `text`".into(),
            "in this timeline",
        ),
        (None, Some(_))
            if fields.unit.is_some()
                || fields.max.is_some()
                || fields.basis.is_some()
                || fields.qualifier.is_some() =>
        {
            bad(
                cx,
                "a timeline given as `text` cannot also have `unit`, `max`, `basis` or `qualifier`"
                    .into(),
                "in this timeline",
            )
        }
        (None, Some(text)) => Some(TimelineKind::Text { text }),
        (Some(amount), None) => {
            let unit_text = fields.unit.as_deref().map(|u| u.trim().to_lowercase());
            let unit = match unit_text.as_deref() {
                None => None,
                Some(name) => match Unit::from_name(name).or_else(|| unit_word(name)) {
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
            let basis_text = fields.basis.as_deref().map(|b| b.trim().to_lowercase());
            let basis = match basis_text.as_deref() {
                None => None,
                Some(word) if basis_word(word).is_some() => basis_word(word),
                Some(other) => {
                    return bad(
                        cx,
                        format!("`{other}` is not `working` or `calendar`"),
                        "expected `working` or `calendar`",
                    );
                }
            };
            Some(TimelineKind::Duration(Duration {
                amount,
                max: fields.max,
                unit,
                basis,
                qualifier: fields.qualifier,
                written: None,
            }))
        }
    }
}

fn unit_word(word: &str) -> Option<Unit> {
    UNIT_WORDS.iter().find(|(w, _)| *w == word).map(|(_, u)| *u)
}

fn number_word(word: &str) -> Option<u32> {
    word.parse().ok().or_else(|| {
        NUMBER_WORDS
            .iter()
            .find(|(w, _)| *w == word)
            .map(|(_, n)| *n)
    })
}

/// Reads a one-line timeline in English (`within 7 working days`) or Kiswahili (`ndani ya
/// siku 7 za kazi`, `siku saba za kazi`).
pub fn parse_duration(text: &str, span: Span) -> Result<Duration, String> {
    let lower = text
        .trim_end_matches('.')
        .to_lowercase()
        .replace(['–', '—'], "-")
        .replace(" - ", "-");
    let words = tokens(&lower);
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    let mut i = 0;
    while i < words.len() && LEAD_WORDS.contains(&words[i]) {
        i += 1;
    }
    let mut unit = None;
    let mut basis = None;
    // Kiswahili puts the unit first: "siku 7".
    if let Some(u) = words.get(i).and_then(|w| unit_word(w)) {
        unit = Some(u);
        i += 1;
    }
    let Some((amount, max)) = words.get(i).and_then(|w| read_range(w, words.get(i + 1..))) else {
        return Err(match words.get(i) {
            Some(word) if word.contains(['.', ',']) && word.chars().any(|c| c.is_ascii_digit()) => {
                format!(
                    "`{word}` is not a whole number; use a smaller unit, such as `90 minutes` for 1.5 hours"
                )
            }
            Some(word) if word.starts_with('-') => "a time cannot be negative".into(),
            Some(word) => format!("expected a number here, found `{word}`"),
            None => "there is no number in it".into(),
        });
    };
    i += if max.is_some() && !words[i].contains('-') {
        3
    } else {
        1
    };
    // "seven (7) working days": the figure repeats the word.
    if words.get(i).and_then(|w| w.parse::<u32>().ok()) == Some(max.unwrap_or(amount)) {
        i += 1;
    }
    if unit.is_none() {
        // English: "7 working days", "7 days".
        if let Some(b) = words.get(i).and_then(|w| basis_word(w)) {
            basis = Some(b);
            i += 1;
        }
        match words.get(i) {
            Some(word) => match unit_word(word) {
                Some(u) => {
                    unit = Some(u);
                    i += 1;
                }
                None => return Err(unknown_word(word)),
            },
            None if basis.is_some() => return Err("the unit is missing after the number".into()),
            None => {}
        }
    }
    // Kiswahili basis after the number: "za kazi", "ya kazi", "za kalenda".
    if matches!(words.get(i), Some(&"za" | &"ya"))
        && let Some(b) = words.get(i + 1).and_then(|w| basis_word(w))
    {
        basis = Some(b);
        i += 2;
    } else if let Some(b) = words.get(i).and_then(|w| basis_word(w)) {
        // "7 days (working)"
        basis = Some(b);
        i += 1;
    }
    let qualifier =
        (i < words.len()).then(|| Text::plain(original_tail(text, words.len() - i), span));
    Ok(Duration {
        amount,
        max,
        unit,
        basis,
        qualifier,
        written: Some(text.to_owned()),
    })
}

/// The words of a timeline: split at spaces, commas and brackets, with a figure glued to
/// its unit (`48hrs`) split in two.
fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for word in text
        .split(|c: char| c.is_whitespace() || c == ',' || c == '(' || c == ')')
        .filter(|w| !w.is_empty())
    {
        let digits = word.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && digits < word.len() && word[digits..].chars().all(char::is_alphabetic) {
            out.push(word[..digits].to_owned());
            out.push(word[digits..].to_owned());
        } else {
            out.push(word.to_owned());
        }
    }
    out
}

/// Why a word after the number was not understood, with the likeliest meaning.
fn unknown_word(word: &str) -> String {
    if matches!(word, "weekdays" | "weekday" | "business-days") {
        return format!("`{word}` is not a unit of time; did you mean `working days`?");
    }
    let words = UNIT_WORDS
        .iter()
        .map(|(w, _)| *w)
        .chain(["working", "calendar"]);
    match did_you_mean(word, words) {
        Some(close) => format!("`{word}` is not a unit of time; did you mean `{close}`?"),
        None => format!("`{word}` is not a unit of time"),
    }
}

/// `7`, `5-7`, or `5 to 7` / `5 hadi 7` (reading the next two words).
fn read_range(word: &str, next: Option<&[&str]>) -> Option<(u32, Option<u32>)> {
    if let Some((a, b)) = word.split_once('-') {
        return Some((number_word(a)?, Some(number_word(b)?)));
    }
    let amount = number_word(word)?;
    if let Some([link, upper, ..]) = next
        && matches!(*link, "to" | "hadi" | "mpaka")
        && let Some(max) = number_word(upper)
    {
        return Some((amount, Some(max)));
    }
    Some((amount, None))
}

fn basis_word(word: &str) -> Option<Basis> {
    match word {
        "working" | "work" | "business" | "kazi" => Some(Basis::Working),
        "calendar" | "kalenda" => Some(Basis::Calendar),
        _ => None,
    }
}

/// The last `count` words of `text` with their original capitals and spacing.
fn original_tail(text: &str, count: usize) -> String {
    let mut rest = text.trim_end();
    for _ in 0..count {
        rest = rest.trim_end();
        // After the white space, whatever its width in bytes (a non-breaking space is two).
        let cut = rest
            .char_indices()
            .rfind(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
        rest = &rest[..cut];
    }
    text[rest.len()..].trim().to_owned()
}

impl JsonSchema for Timeline {
    fn schema_name() -> Cow<'static, str> {
        "Timeline".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let fields = generator.subschema_for::<TimelineFields>();
        json_schema!({
            "description": "How long the service takes: a duration such as `7 working days`, \
                            `Ndani ya siku 7` or `30 minutes`, or the long form with `amount` \
                            and `unit`, or `text`.",
            "anyOf": [
                { "type": ["string", "number"] },
                fields,
            ]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(
        text: &str,
    ) -> (
        u32,
        Option<u32>,
        Option<Unit>,
        Option<Basis>,
        Option<String>,
    ) {
        let d = parse_duration(text, Span::default()).unwrap_or_else(|e| panic!("{text}: {e}"));
        (
            d.amount,
            d.max,
            d.unit,
            d.basis,
            d.qualifier
                .map(|q| q.get("en").unwrap_or_default().to_owned()),
        )
    }

    #[test]
    fn officers_spellings() {
        assert_eq!(
            read("7 working days."),
            (7, None, Some(Unit::Days), Some(Basis::Working), None)
        );
        assert_eq!(
            read("seven (7) working days"),
            (7, None, Some(Unit::Days), Some(Basis::Working), None)
        );
        assert_eq!(
            read("5 - 7 days"),
            (5, Some(7), Some(Unit::Days), None, None)
        );
        assert_eq!(read("48hrs"), (48, None, Some(Unit::Hours), None, None));
        assert_eq!(
            read("twelve hours"),
            (12, None, Some(Unit::Hours), None, None)
        );
        assert!(parse_duration("after 7 days", Span::default()).is_err());
    }

    #[test]
    fn english() {
        assert_eq!(
            read("7 working days"),
            (7, None, Some(Unit::Days), Some(Basis::Working), None)
        );
        assert_eq!(
            read("Within 14 calendar days"),
            (14, None, Some(Unit::Days), Some(Basis::Calendar), None)
        );
        assert_eq!(
            read("30 seconds"),
            (30, None, Some(Unit::Seconds), None, None)
        );
        assert_eq!(
            read("5-7 working days"),
            (5, Some(7), Some(Unit::Days), Some(Basis::Working), None)
        );
        assert_eq!(
            read("5 to 7 days"),
            (5, Some(7), Some(Unit::Days), None, None)
        );
        assert_eq!(read("15"), (15, None, None, None, None));
        assert_eq!(
            read("1 month after retirement"),
            (
                1,
                None,
                Some(Unit::Months),
                None,
                Some("after retirement".into())
            )
        );
    }

    #[test]
    fn kiswahili() {
        assert_eq!(
            read("siku 7 za kazi"),
            (7, None, Some(Unit::Days), Some(Basis::Working), None)
        );
        assert_eq!(
            read("Ndani ya siku 7"),
            (7, None, Some(Unit::Days), None, None)
        );
        assert_eq!(
            read("siku saba za kazi"),
            (7, None, Some(Unit::Days), Some(Basis::Working), None)
        );
        assert_eq!(
            read("Ndani ya masaa 48"),
            (48, None, Some(Unit::Hours), None, None)
        );
        assert_eq!(
            read("Ndani ya sekunde 30 za kwanza"),
            (
                30,
                None,
                Some(Unit::Seconds),
                None,
                Some("za kwanza".into())
            )
        );
        assert_eq!(
            read("Ndani ya mwezi 1 baada ya kustaafu"),
            (
                1,
                None,
                Some(Unit::Months),
                None,
                Some("baada ya kustaafu".into())
            )
        );
    }

    #[test]
    fn refuses_what_is_not_a_duration() {
        assert!(parse_duration("Muda halisi", Span::default()).is_err());
        assert!(parse_duration("as per contract", Span::default()).is_err());
        let err = parse_duration("7 dais", Span::default()).unwrap_err();
        assert!(err.contains("did you mean `days`"), "{err}");
    }
}
