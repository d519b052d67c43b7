//! Durations in the office's words: `7 working days`, `Ndani ya siku kumi na tano`,
//! `Registration shall be done within 2 working days from the date of receipt`,
//! `Immediately`, `3 Days and 10 Minutes`, `1 or 2 days`, `a) 10 days b) 30 days`,
//! `Quarterly`.
//!
//! A value is read in two passes. The first finds every *mention* of a duration: a number
//! and a unit in either order (`7 days`, `siku 7`), with a range (`5 to 7`), a basis
//! (`working`, `za kazi`) and a figure repeating the words (`seven (7)`); a word for zero
//! time (`Immediately`, `Papo hapo`) or the same day; a frequency (`weekly`, `every 3
//! years`). The second decides what the mentions say together: one promise, the parts of
//! one duration (joined by "and"), a range (joined by "to" or "or"), or one promise per
//! case (one a line, or after `a)`, `b)`). Anything else is unclear, and the message says
//! what was found.

use schemars::JsonSchema;
use serde::Serialize;

use super::segments::{is_mark, rest, with_mentions, written};
use super::{
    Token, TokenKind, Unread, any_phrase_at, languages, number_at, phrase_at, tokens, unit_at,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, JsonSchema)]
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

impl Unit {
    pub const NAMES: &'static [&'static str] = &[
        "seconds", "minutes", "hours", "days", "weeks", "months", "years",
    ];

    pub fn name(self) -> &'static str {
        Unit::NAMES[self as usize]
    }

    /// A unit by its name or any unit word of any language (`siku`, `hrs`).
    pub fn from_word(word: &str) -> Option<Unit> {
        let tokens = tokens(&word.trim().to_lowercase());
        unit_at(&tokens, 0)
            .filter(|(len, _, _)| *len == tokens.len())
            .map(|(_, unit, _)| unit)
    }

    /// How many of `smaller` make one of `self`, when that is exact whatever the calendar
    /// (a month is not a whole number of days, and a working day is not 24 hours).
    fn in_units_of(self, smaller: Unit) -> Option<u32> {
        use Unit::*;
        let factor = |from: Unit| -> Option<u32> {
            Some(match from {
                Minutes => 60,
                Hours => 60,
                Weeks => 7,
                Years => 12,
                _ => return None,
            })
        };
        let mut unit = self;
        let mut total = 1u32;
        while unit != smaller {
            let (next, f) = match unit {
                Minutes => (Seconds, factor(Minutes)?),
                Hours => (Minutes, factor(Hours)?),
                Weeks => (Days, factor(Weeks)?),
                Years => (Months, factor(Years)?),
                _ => return None,
            };
            total = total.checked_mul(f)?;
            unit = next;
        }
        Some(total)
    }
}

/// Whether days are counted on working days only or on every calendar day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Basis {
    Working,
    Calendar,
}

impl Basis {
    /// `working` or `calendar`, or a basis word of any language (`kazi`, `za kalenda`).
    pub fn from_word(word: &str) -> Option<Basis> {
        let word = word.trim().to_lowercase();
        let is = |pick: fn(&super::Words) -> &[super::Phrase]| {
            languages().iter().any(|w| {
                pick(w)
                    .iter()
                    .any(|p| p.join(" ") == word || p.last() == Some(&word))
            })
        };
        if is(|w| &w.working) {
            Some(Basis::Working)
        } else if is(|w| &w.calendar) {
            Some(Basis::Calendar)
        } else {
            None
        }
    }
}

/// A length of time: an amount of a unit (or a range of amounts), for days whether working
/// or calendar, and further parts for a duration written in several units (`3 days and 10
/// minutes`). An amount of 0 is zero time: `Immediately` (minutes), the same day (days).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Measure {
    /// The amount (the lower bound of a range such as `5-7 days`).
    pub amount: u32,
    /// The upper bound, for a range. Lint asks for one commitment instead.
    pub max: Option<u32>,
    /// `None` for a bare number such as `15`, which lint flags.
    pub unit: Option<Unit>,
    pub basis: Option<Basis>,
    /// Further parts, in smaller units: the `10 minutes` of `3 days and 10 minutes`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub plus: Vec<(u32, Unit)>,
}

impl Measure {
    pub fn new(amount: u32, unit: Unit) -> Measure {
        Measure {
            amount,
            max: None,
            unit: Some(unit),
            basis: None,
            plus: Vec::new(),
        }
    }

    /// The same length in the smallest unit it converts to exactly (weeks in days, years in
    /// months, hours in minutes), for comparing `7 days` with `Wiki moja`.
    pub fn canonical(&self) -> Measure {
        let Some(unit) = self.unit else {
            return self.clone();
        };
        let target = match unit {
            Unit::Weeks => Unit::Days,
            Unit::Years => Unit::Months,
            Unit::Hours | Unit::Minutes => Unit::Seconds,
            other => other,
        };
        let factor = unit.in_units_of(target).unwrap_or(1);
        let scale = |n: u32| n.saturating_mul(factor);
        let mut plus: Vec<(u32, Unit)> = Vec::new();
        let mut total_seconds = 0u32;
        for (n, u) in &self.plus {
            match u.in_units_of(Unit::Seconds) {
                Some(f) if target == Unit::Seconds => total_seconds += n.saturating_mul(f),
                _ => plus.push((*n, *u)),
            }
        }
        Measure {
            amount: scale(self.amount).saturating_add(total_seconds),
            max: self.max.map(scale),
            unit: Some(target),
            basis: self.basis,
            plus,
        }
    }

    /// Zero time.
    pub fn is_zero(&self) -> bool {
        self.amount == 0 && self.max.is_none() && self.plus.is_empty()
    }
}

/// One promise read from a value.
#[derive(Clone, Debug, PartialEq)]
pub struct Promise {
    pub measure: Measure,
    /// A frequency (`weekly`, `every 3 years`) rather than a time to wait.
    pub every: bool,
    /// The words after the duration: when the clock starts or what it depends on.
    pub qualifier: Option<String>,
}

/// What a value says.
#[derive(Clone, Debug, PartialEq)]
pub enum TimeRead {
    One(Promise),
    /// One promise per case, each with the words that name the case.
    Cases(Vec<(String, Promise)>),
    /// A telephone answered within this many rings.
    Rings(u32),
}

/// A telephone standard that counts rings, not time: `Within 3 rings`, `three (3) rings`,
/// `Ndani ya milio mitatu`. Read only from words with no unit of time in them, when they
/// name exactly one number of rings; with the rings' language when the words say nothing
/// else (`Within 3 rings` is English; `Calls answered within 3 rings` no language).
fn rings(tokens: &[Token]) -> Option<(u32, Option<&'static str>)> {
    if (0..tokens.len()).any(|i| unit_at(tokens, i).is_some()) {
        return None;
    }
    // A number, and the same number in brackets after it: `three (3)`.
    let number = |i: usize| -> Option<(u64, usize)> {
        let (n, len, _) = number_at(tokens, i)?;
        let gloss = is_mark(tokens.get(i + len), &["("])
            && number_at(tokens, i + len + 1)
                .is_some_and(|(m, l, _)| m == n && is_mark(tokens.get(i + len + 1 + l), &[")"]));
        Some(if gloss {
            (
                n,
                len + 1 + number_at(tokens, i + len + 1).map_or(0, |(_, l, _)| l) + 1,
            )
        } else {
            (n, len)
        })
    };
    let mut found = Vec::new();
    for i in 0..tokens.len() {
        // "3 rings", "three (3) rings"
        if let Some((n, len)) = number(i)
            && let Some((ring, lang)) = any_phrase_at(tokens, i + len, |w| &w.rings)
        {
            found.push((n, i, i + len + ring, lang));
        }
        // "milio 3", "milio mitatu"
        if let Some((ring, lang)) = any_phrase_at(tokens, i, |w| &w.rings)
            && let Some((n, len)) = number(i + ring)
        {
            found.push((n, i, i + ring + len, lang));
        }
    }
    let [(n, start, end, lang)] = found.as_slice() else {
        return None;
    };
    let n = u32::try_from(*n).ok().filter(|n| *n > 0)?;
    // Only "within" before the count and a full stop after it: the words are the value.
    let before = any_phrase_at(tokens, 0, |w| &w.within).map_or(0, |(len, _)| len);
    let after = &tokens[*end..];
    let plain = *start == before && after.iter().all(|t| is_mark(Some(t), &["."]));
    Some((n, plain.then_some(*lang)))
}

/// Reads a timeline. Returns what it says and the language of its words when they are all
/// of one language and say nothing but the time (`Within 7 days` is English, `30` is no
/// language, and `Report issued after 10 working days` is words another language cannot be
/// written from).
pub fn read_time(text: &str) -> Result<(TimeRead, Option<&'static str>), Unread> {
    super::within_limit(text, "a timeline")?;
    let tokens = tokens(text);
    if let Some((n, lang)) = rings(&tokens) {
        return Ok((TimeRead::Rings(n), lang));
    }
    let mentions = mentions(&tokens)?;
    if mentions.is_empty() {
        return Err(nothing(&tokens));
    }
    if mentions[0].start == 1
        && is_mark(tokens.first(), &["-", "–", "—"])
        && tokens.get(1).is_some_and(|t| t.kind == TokenKind::Number)
    {
        return Err(Unread::Unclear(
            "a time cannot be negative (if the dash is a leader from the service's name, leave it out)"
                .into(),
        ));
    }
    let lang = one_lang(mentions.iter().map(|m| m.lang));
    let spans: Vec<(usize, usize)> = mentions.iter().map(|m| (m.start, m.end)).collect();
    let parts = with_mentions(text, &tokens, &spans);
    if parts.len() >= 2 {
        let mut cases = Vec::new();
        for (segment, indices) in parts {
            let inside: Vec<&Mention> = indices.iter().map(|&i| &mentions[i]).collect();
            let (mut promise, used) = promise(text, &tokens, &inside, segment.end)?;
            let (label, after) = segment.label(text, &tokens, used, |w| &w.within);
            if after {
                promise.qualifier = None;
            }
            if label.is_empty() {
                return Err(Unread::Unclear(format!(
                    "it states {} times one after another ({}) without saying which case each is for",
                    mentions.len(),
                    listed(text, &tokens, &mentions)
                )));
            }
            cases.push((label, promise));
        }
        return Ok((TimeRead::Cases(cases), None));
    }
    let all: Vec<&Mention> = mentions.iter().collect();
    let (promise, (from, to)) = promise(text, &tokens, &all, tokens.len())?;
    let plain =
        only_marks_or(&tokens[..from], |w| &w.within) && only_marks_or(&tokens[to..], |_| &[]);
    Ok((TimeRead::One(promise), lang.filter(|_| plain)))
}

/// Whether `tokens` hold nothing but marks and the phrases of `words` (`within`).
pub(super) fn only_marks_or(
    tokens: &[Token],
    words: fn(&super::Words) -> &[super::Phrase],
) -> bool {
    let mut k = 0;
    while k < tokens.len() {
        if tokens[k].kind == TokenKind::Mark || tokens[k].kind == TokenKind::Break {
            k += 1;
        } else if let Some((n, _)) = any_phrase_at(tokens, k, words) {
            k += n;
        } else {
            return false;
        }
    }
    true
}

/// The one language of all the words that say something, if they are of one.
pub(super) fn one_lang(langs: impl Iterator<Item = Option<&'static str>>) -> Option<&'static str> {
    let langs: Vec<&'static str> = langs.flatten().collect();
    let first = *langs.first()?;
    langs.iter().all(|l| *l == first).then_some(first)
}

/// A duration found in the text: tokens `start..end`.
#[derive(Clone, Debug)]
struct Mention {
    start: usize,
    end: usize,
    measure: Measure,
    every: bool,
    lang: Option<&'static str>,
}

/// A basis phrase at `i`, also in brackets (`7 days (working)`): its basis and length.
fn basis_at(tokens: &[Token], i: usize) -> Option<(Basis, usize)> {
    let bracket = usize::from(is_mark(tokens.get(i), &["("]));
    let at = i + bracket;
    let found = any_phrase_at(tokens, at, |w| &w.working)
        .map(|(n, _)| (Basis::Working, n))
        .or_else(|| {
            any_phrase_at(tokens, at, |w| &w.calendar).map(|(n, _)| (Basis::Calendar, n))
        })?;
    if bracket == 1 {
        is_mark(tokens.get(at + found.1), &[")"]).then_some((found.0, found.1 + 2))
    } else {
        Some(found)
    }
}

/// A range joint at `i` (`-`, `to`, `hadi`, `or`): its length.
fn range_at(tokens: &[Token], i: usize) -> Option<usize> {
    if is_mark(tokens.get(i), &["-", "–", "—"]) {
        return Some(1);
    }
    any_phrase_at(tokens, i, |w| &w.range).map(|(n, _)| n)
}

/// A number at `i`, with a figure repeating number words skipped (`seven (7)`), and an
/// upper bound after a range joint (`5 to 7`, `1 hadi 3`): (amount, max, length, language).
fn amount_at(
    tokens: &[Token],
    i: usize,
) -> Option<(u64, Option<u64>, usize, Option<&'static str>)> {
    let (n, mut len, lang) = number_at(tokens, i)?;
    let repeat = |k: usize, value: u64| -> usize {
        if is_mark(tokens.get(k), &["("])
            && tokens
                .get(k + 1)
                .is_some_and(|t| t.lower.parse::<u64>() == Ok(value))
            && is_mark(tokens.get(k + 2), &[")"])
        {
            3
        } else {
            0
        }
    };
    if lang.is_some() {
        len += repeat(i + len, n);
    }
    if let Some(joint) = range_at(tokens, i + len)
        && let Some((max, max_len, max_lang)) = number_at(tokens, i + len + joint)
        && max > n
    {
        let mut total = len + joint + max_len;
        if max_lang.is_some() {
            total += repeat(i + total, max);
        }
        return Some((n, Some(max), total, lang.or(max_lang)));
    }
    Some((n, None, len, lang))
}

fn to_u32(n: u64) -> Result<u32, Unread> {
    u32::try_from(n).map_err(|_| Unread::Unclear(format!("{n} is too large to be a time")))
}

/// Every duration in `tokens`, in order.
fn mentions(tokens: &[Token]) -> Result<Vec<Mention>, Unread> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        match mention_at(tokens, i)? {
            Some(m) => {
                i = m.end;
                found.push(m);
            }
            None => i += 1,
        }
    }
    // A value that is a bare number (`15`, `15.`) is a duration without a unit.
    let significant: Vec<&Token> = tokens.iter().filter(|t| t.lower != ".").collect();
    if found.is_empty()
        && significant.len() == 1
        && significant[0].kind == TokenKind::Number
        && let Ok(n) = significant[0].lower.parse::<u64>()
    {
        found.push(Mention {
            start: 0,
            end: tokens.len(),
            measure: Measure {
                amount: to_u32(n)?,
                max: None,
                unit: None,
                basis: None,
                plus: Vec::new(),
            },
            every: false,
            lang: None,
        });
    }
    Ok(found)
}

/// The duration starting at `tokens[i]`, if one does.
fn mention_at(tokens: &[Token], i: usize) -> Result<Option<Mention>, Unread> {
    let zero = |len: usize, unit: Unit, lang| Mention {
        start: i,
        end: i + len,
        measure: Measure::new(0, unit),
        every: false,
        lang: Some(lang),
    };
    if let Some((len, lang)) = any_phrase_at(tokens, i, |w| &w.same_day) {
        return Ok(Some(zero(len, Unit::Days, lang)));
    }
    if let Some((len, lang)) = any_phrase_at(tokens, i, |w| &w.at_once) {
        return Ok(Some(zero(len, Unit::Minutes, lang)));
    }
    for w in languages() {
        for (phrase, amount, unit) in &w.frequencies {
            if let Some(len) = phrase_at(tokens, i, std::slice::from_ref(phrase)) {
                return Ok(Some(Mention {
                    start: i,
                    end: i + len,
                    measure: Measure::new(*amount, *unit),
                    every: true,
                    lang: Some(w.lang),
                }));
            }
        }
    }
    // "every 3 years", "kila mwezi", "every year"
    if let Some((len, lang)) = any_phrase_at(tokens, i, |w| &w.every) {
        if let Some(mut m) = mention_at(tokens, i + len)?
            && !m.every
            && m.measure.amount > 0
        {
            m.start = i;
            m.every = true;
            m.lang = m.lang.or(Some(lang));
            return Ok(Some(m));
        }
        if let Some((unit_len, unit, unit_lang)) = unit_at(tokens, i + len) {
            return Ok(Some(Mention {
                start: i,
                end: i + len + unit_len,
                measure: Measure::new(1, unit),
                every: true,
                lang: Some(unit_lang),
            }));
        }
    }
    // English order: [a|an|number] [working|calendar] unit [(working)]
    let english = if let Some((n, max, len, lang)) = amount_at(tokens, i) {
        Some((n, max, len, lang))
    } else {
        let one = tokens.get(i).filter(|t| {
            t.kind == TokenKind::Word
                && languages()
                    .iter()
                    .any(|w| w.one_before_unit.contains(&t.lower))
        });
        one.map(|_| (1, None, 1, None))
    };
    if let Some((n, max, len, number_lang)) = english {
        let mut k = i + len;
        let mut basis = None;
        if let Some((b, blen)) = basis_at(tokens, k) {
            basis = Some(b);
            k += blen;
        }
        if let Some((ulen, unit, unit_lang)) = unit_at(tokens, k) {
            k += ulen;
            if basis.is_none()
                && let Some((b, blen)) = basis_at(tokens, k)
            {
                basis = Some(b);
                k += blen;
            }
            let lang = Some(unit_lang).or(number_lang);
            return duration(i..k, (n, max), unit, basis, lang).map(Some);
        }
        if basis.is_some() {
            let next = tokens.get(k).map_or("", |t| t.lower.as_str());
            return Err(Unread::Unclear(match split_unit(next) {
                Some((unit, rest)) => format!("`{next}`: did you mean `{unit} {rest}`?"),
                None => "the unit is missing after `working` or `calendar`".into(),
            }));
        }
    }
    // Kiswahili order: unit number [za kazi]
    if let Some((ulen, unit, unit_lang)) = unit_at(tokens, i)
        && languages()
            .iter()
            .any(|w| w.lang == unit_lang && w.unit_first)
        && let Some((n, max, len, _)) = amount_at(tokens, i + ulen)
    {
        let mut k = i + ulen + len;
        let mut basis = None;
        if let Some((b, blen)) = basis_at(tokens, k) {
            basis = Some(b);
            k += blen;
        }
        return duration(i..k, (n, max), unit, basis, Some(unit_lang)).map(Some);
    }
    Ok(None)
}

/// The mention of a duration over `tokens`: `n` (to `max`) of `unit`.
fn duration(
    tokens: std::ops::Range<usize>,
    (n, max): (u64, Option<u64>),
    unit: Unit,
    basis: Option<Basis>,
    lang: Option<&'static str>,
) -> Result<Mention, Unread> {
    Ok(Mention {
        start: tokens.start,
        end: tokens.end,
        measure: Measure {
            amount: to_u32(n)?,
            max: max.map(to_u32).transpose()?,
            unit: Some(unit),
            basis,
            plus: Vec::new(),
        },
        every: false,
        lang,
    })
}

/// A unit word with another word run into it: `daysafter` → (`days`, `after`).
/// Only a whole unit word counts (`days`, `day`, `siku`): a misspelling that starts like
/// an abbreviation (`minues`, `hrss`) is a misspelling, not `min` run into `ues`.
fn split_unit(word: &str) -> Option<(String, String)> {
    (3..word.len()).rev().find_map(|cut| {
        let (head, tail) = (word.get(..cut)?, word.get(cut..)?);
        (Unit::from_word(head).is_some()
            && (head.len() >= 4 || head == "day")
            && tail.len() >= 3
            && tail.chars().all(char::is_alphabetic))
        .then(|| (head.to_owned(), tail.to_owned()))
    })
}

/// Why a value with no duration in it was not read: a misspelt unit, a leader dash, a
/// fraction, or plainly no duration.
fn nothing(tokens: &[Token]) -> Unread {
    let unit_words: Vec<&str> = languages()
        .iter()
        .flat_map(|w| {
            w.units
                .iter()
                .filter(|(p, _)| p.len() == 1)
                .map(|(p, _)| p[0].as_str())
        })
        .chain(["working", "calendar"])
        .collect();
    for (k, t) in tokens.iter().enumerate() {
        if t.kind != TokenKind::Number {
            continue;
        }
        if t.lower.contains(['.', ','])
            && tokens
                .get(k + 1)
                .is_some_and(|n| unit_at(tokens, k + 1).is_some() && n.kind == TokenKind::Word)
        {
            return Unread::Unclear(format!(
                "`{}` is not a whole number; use a smaller unit, such as `90 minutes` for 1.5 hours",
                t.lower
            ));
        }
        let Some(next) = tokens.get(k + 1).filter(|n| n.kind == TokenKind::Word) else {
            continue;
        };
        if matches!(
            next.lower.as_str(),
            "weekdays" | "weekday" | "business-days"
        ) {
            return Unread::Unclear(format!(
                "`{}` is not a unit of time; did you mean `working days`?",
                next.lower
            ));
        }
        if let Some((unit, rest)) = split_unit(&next.lower) {
            return Unread::Unclear(format!("`{}`: did you mean `{unit} {rest}`?", next.lower));
        }
        if next.lower.len() >= 3
            && let Some(close) =
                crate::suggest::did_you_mean(&next.lower, unit_words.iter().copied())
        {
            return Unread::Unclear(format!(
                "`{}` is not a unit of time; did you mean `{close}`?",
                next.lower
            ));
        }
    }
    match tokens.iter().find(|t| t.kind == TokenKind::Word) {
        _ if tokens.iter().any(|t| t.kind == TokenKind::Number) => {
            Unread::Nothing("there is a number but no unit of time after it".into())
        }
        Some(_) if tokens.iter().filter(|t| t.kind == TokenKind::Word).count() > 3 => {
            Unread::Nothing("no duration in it: no number with a unit of time".into())
        }
        Some(word) => Unread::Nothing(format!("expected a duration, found `{}`", word.lower)),
        None => Unread::Nothing("there is no duration in it".into()),
    }
}

/// The mentions written out, for a message: "`immediately`, `5 working days`".
fn listed(text: &str, tokens: &[Token], mentions: &[Mention]) -> String {
    mentions
        .iter()
        .map(|m| format!("`{}`", written(text, tokens, m.start, m.end)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Whether the tokens between two mentions only join parts (`and`, `,`, `&`).
fn joins_parts(tokens: &[Token], from: usize, to: usize) -> bool {
    let mut k = from;
    while k < to {
        if is_mark(tokens.get(k), &[",", "&", "+"]) {
            k += 1;
        } else if let Some((n, _)) = any_phrase_at(tokens, k, |w| &w.and) {
            k += n;
        } else {
            return false;
        }
    }
    true
}

/// Whether a condition (`under`, `for`, `chini ya`) comes right before token `i`.
fn after_condition(tokens: &[Token], i: usize) -> bool {
    (1..=3).any(|n| {
        i >= n && any_phrase_at(tokens, i - n, |w| &w.conditions).is_some_and(|(len, _)| len == n)
    })
}

/// The one promise that `mentions` (all in one segment ending at token `end`) state
/// together, and the tokens it spans.
fn promise(
    text: &str,
    tokens: &[Token],
    mentions: &[&Mention],
    end: usize,
) -> Result<(Promise, (usize, usize)), Unread> {
    // Durations in brackets right after another are a gloss (`thirty days (a month)`) or
    // its breakdown (`60 days (20 days for the Registrar, 20 days for …)`), or, after a
    // condition (`Under 1 year (1Day)`), the promise whose case the first names.
    let mut kept: Vec<&Mention> = Vec::new();
    let mut bracket: Option<(usize, bool)> = None;
    // A gloss in months or years says the days are calendar days: `thirty days (a month)`.
    let mut calendar = false;
    for m in mentions {
        if let Some((close, replaced)) = bracket {
            if m.start < close {
                if !replaced {
                    calendar |= matches!(m.measure.unit, Some(Unit::Months | Unit::Years));
                    continue;
                }
                kept.pop();
                kept.push(m);
                bracket = Some((close, false));
                continue;
            }
            bracket = None;
        }
        kept.push(m);
        if is_mark(tokens.get(m.end), &["("]) {
            let close = (m.end + 1..end)
                .find(|&k| is_mark(tokens.get(k), &[")"]))
                .unwrap_or(end);
            bracket = Some((close, after_condition(tokens, m.start)));
        }
    }
    // Durations after a condition name a case ("for more than 1 year"), when another
    // duration is the promise.
    if kept.len() >= 2 {
        let promises: Vec<&Mention> = kept
            .iter()
            .copied()
            .filter(|m| !after_condition(tokens, m.start))
            .collect();
        if !promises.is_empty() {
            kept = promises;
        }
    }
    let first = kept[0];
    let last = kept[kept.len() - 1];
    let measure = match kept.as_slice() {
        [one] => one.measure.clone(),
        [a, b]
            if range_at(tokens, a.end).is_some_and(|n| a.end + n == b.start)
                && !a.every
                && !b.every =>
        {
            range(&a.measure, &b.measure).ok_or_else(|| {
                let both = listed(text, tokens, &[(*a).clone(), (*b).clone()]);
                Unread::Unclear(if b.measure.is_zero() {
                    format!("the range {both} runs backwards: write the shorter time first")
                } else {
                    format!("the range {both} cannot be put in one unit")
                })
            })?
        }
        parts
            if parts.windows(2).all(|w| {
                joins_parts(tokens, w[0].end, w[1].start)
                    && w[0].measure.unit > w[1].measure.unit
                    && w[1].measure.max.is_none()
                    && !w[0].every
                    && !w[1].every
            }) && parts[0].measure.max.is_none()
                && parts.iter().all(|p| p.measure.amount > 0) =>
        {
            let mut measure = parts[0].measure.clone();
            for p in &parts[1..] {
                measure
                    .plus
                    .push((p.measure.amount, p.measure.unit.expect("a part has a unit")));
            }
            measure
        }
        many => {
            let owned: Vec<Mention> = many.iter().map(|m| (*m).clone()).collect();
            return Err(Unread::Unclear(format!(
                "it states {} times ({}) without saying how they go together",
                many.len(),
                listed(text, tokens, &owned)
            )));
        }
    };
    // `Newly deceased (1 Day) Already buried`: words on both sides of a time in brackets
    // may be two cases, one of them without a time.
    if kept.len() == 1
        && first.start > 0
        && is_mark(tokens.get(first.start - 1), &["("])
        && is_mark(tokens.get(last.end), &[")"])
        && tokens[..first.start - 1]
            .iter()
            .any(|t| t.kind == TokenKind::Word)
        && tokens[last.end + 1..end]
            .iter()
            .any(|t| t.kind == TokenKind::Word)
    {
        return Err(Unread::Unclear(format!(
            "words come before and after the time in brackets ({}): are they two cases?",
            listed(text, tokens, std::slice::from_ref(first))
        )));
    }
    let mut measure = measure;
    if calendar && measure.unit == Some(Unit::Days) && measure.basis.is_none() {
        measure.basis = Some(Basis::Calendar);
    }
    let qualifier = rest(text, tokens, last.end, end);
    let every = kept.iter().all(|m| m.every);
    Ok((
        Promise {
            measure,
            every,
            qualifier,
        },
        (first.start, last.end),
    ))
}

/// `a` to `b` as one range in the larger unit's terms, when the units convert exactly
/// (`1 week to 10 days`, `six months or one year`); zero goes with anything.
fn range(a: &Measure, b: &Measure) -> Option<Measure> {
    if a.max.is_some() || b.max.is_some() || !a.plus.is_empty() || !b.plus.is_empty() {
        return None;
    }
    let basis = a.basis.or(b.basis);
    let (ua, ub) = (a.unit?, b.unit?);
    let (amount, max, unit) = if a.is_zero() {
        (0, b.amount, ub)
    } else if ua == ub {
        (a.amount, b.amount, ua)
    } else if ua > ub {
        (a.amount.checked_mul(ua.in_units_of(ub)?)?, b.amount, ub)
    } else {
        (a.amount, b.amount.checked_mul(ub.in_units_of(ua)?)?, ua)
    };
    (max > amount).then_some(Measure {
        amount,
        max: Some(max),
        unit: Some(unit),
        basis,
        plus: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (amount, max, unit, basis, plus, every, qualifier)
    type Read = (
        u32,
        Option<u32>,
        Option<Unit>,
        Option<Basis>,
        Vec<(u32, Unit)>,
        bool,
        Option<String>,
    );

    fn one(text: &str) -> Read {
        match read_time(text) {
            Ok((TimeRead::One(p), _)) => (
                p.measure.amount,
                p.measure.max,
                p.measure.unit,
                p.measure.basis,
                p.measure.plus,
                p.every,
                p.qualifier,
            ),
            other => panic!("{text}: {other:?}"),
        }
    }

    fn simple(text: &str) -> (u32, Option<u32>, Option<Unit>, Option<Basis>) {
        let (a, m, u, b, plus, every, _) = one(text);
        assert!(plus.is_empty() && !every, "{text}");
        (a, m, u, b)
    }

    use Basis::*;
    use Unit::*;

    #[test]
    fn officers_spellings() {
        assert_eq!(
            simple("7 working days."),
            (7, None, Some(Days), Some(Working))
        );
        assert_eq!(
            simple("seven (7) working days"),
            (7, None, Some(Days), Some(Working))
        );
        assert_eq!(simple("5 - 7 days"), (5, Some(7), Some(Days), None));
        assert_eq!(simple("48hrs"), (48, None, Some(Hours), None));
        assert_eq!(simple("twelve hours"), (12, None, Some(Hours), None));
        assert_eq!(simple("07 days"), (7, None, Some(Days), None));
        assert_eq!(simple("20days"), (20, None, Some(Days), None));
        assert_eq!(
            simple("Within six (6) Months"),
            (6, None, Some(Months), None)
        );
        assert_eq!(simple("15"), (15, None, None, None));
        assert_eq!(
            simple("7 days (working)"),
            (7, None, Some(Days), Some(Working))
        );
    }

    #[test]
    fn kiswahili() {
        assert_eq!(
            simple("siku 7 za kazi"),
            (7, None, Some(Days), Some(Working))
        );
        assert_eq!(simple("Ndani ya siku 7"), (7, None, Some(Days), None));
        assert_eq!(
            simple("siku saba za kazi"),
            (7, None, Some(Days), Some(Working))
        );
        assert_eq!(simple("Siku kumi na tano"), (15, None, Some(Days), None));
        assert_eq!(simple("Miezi mitatu"), (3, None, Some(Months), None));
        assert_eq!(simple("Siku 1 hadi 3"), (1, Some(3), Some(Days), None));
        assert_eq!(simple("Ndani ya wiki 1"), (1, None, Some(Weeks), None));
        assert_eq!(
            one("Ndani ya sekunde 30 za kwanza").6.as_deref(),
            Some("za kwanza")
        );
        assert_eq!(
            one("Ndani ya mwezi 1 baada ya kustaafu").6.as_deref(),
            Some("baada ya kustaafu")
        );
    }

    #[test]
    fn inside_sentences() {
        let (a, _, u, b, _, _, q) = one(
            "Registration and issuance of card shall be done within 2 working days from the \
             date of receipt of the application after fulfilling all requirements.",
        );
        assert_eq!((a, u, b), (2, Some(Days), Some(Working)));
        assert_eq!(
            q.as_deref(),
            Some("from the date of receipt of the application after fulfilling all requirements")
        );
        assert_eq!(
            simple("Assessment report issued after 10 working days"),
            (10, None, Some(Days), Some(Working))
        );
        assert_eq!(
            simple("Answer calls within 30 seconds."),
            (30, None, Some(Seconds), None)
        );
        assert_eq!(
            simple("A maximum of 3 months"),
            (3, None, Some(Months), None)
        );
        assert_eq!(
            one("Not later than 48 hours after payment").6.as_deref(),
            Some("after payment")
        );
        assert_eq!(
            simple("TRA will Issue new driving license within three working days from receipt"),
            (3, None, Some(Days), Some(Working))
        );
        assert_eq!(
            simple("Processed within 30 days of submission of 3 documents"),
            (30, None, Some(Days), None)
        );
        assert_eq!(
            simple("Within thirty days (a month)"),
            (30, None, Some(Days), Some(Calendar))
        );
        assert_eq!(
            simple(
                "60 days (20 days for Registrar , 20 days for District Registrar, 20 days for SDM"
            ),
            (60, None, Some(Days), None)
        );
    }

    #[test]
    fn zero_time_and_the_same_day() {
        for text in [
            "Immediately",
            "On the spot",
            "Mara moja",
            "Papo hapo",
            "Instant",
        ] {
            assert_eq!(simple(text), (0, None, Some(Minutes), None), "{text}");
        }
        assert_eq!(simple("Same day"), (0, None, Some(Days), None));
        assert_eq!(
            one("Instant after a distress call").6.as_deref(),
            Some("after a distress call")
        );
    }

    #[test]
    fn ranges_parts_and_frequencies() {
        assert_eq!(simple("1 or 2 days"), (1, Some(2), Some(Days), None));
        assert_eq!(
            simple("Immediately to 10 working days depending on the records needed"),
            (0, Some(10), Some(Days), Some(Working))
        );
        assert_eq!(
            simple("Within six (6) Months or one year depending on the size of the settlement"),
            (6, Some(12), Some(Months), None)
        );
        assert_eq!(one("3 Days and 10 Minutes").4, vec![(10, Minutes)]);
        assert_eq!(
            one("13 days, 4 hours and 45 minutes").4,
            vec![(4, Hours), (45, Minutes)]
        );
        assert_eq!(one("37 days & 35 minutes").4, vec![(35, Minutes)]);
        let (a, _, u, _, _, every, q) = one("Annually by 23rd December");
        assert_eq!(
            (a, u, every, q.as_deref()),
            (1, Some(Years), true, Some("by 23rd December"))
        );
        assert!(one("Weekly").5);
        let (a, _, u, _, _, every, _) = one("Every three years");
        assert_eq!((a, u, every), (3, Some(Years), true));
        let (a, _, u, _, _, every, _) = one("Kila mwezi");
        assert_eq!((a, u, every), (1, Some(Months), true));
    }

    fn read_cases(text: &str) -> Vec<(String, u32, Option<Unit>)> {
        match read_time(text) {
            Ok((TimeRead::Cases(cases), _)) => cases
                .into_iter()
                .map(|(label, p)| (label, p.measure.amount, p.measure.unit))
                .collect(),
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn one_time_per_case() {
        assert_eq!(
            read_cases("a) 10 days b) 30 days"),
            vec![("a".into(), 10, Some(Days)), ("b".into(), 30, Some(Days))]
        );
        assert_eq!(
            read_cases("Under 1 year (1Day) / Above 1 year (1 Month)"),
            vec![
                ("Under 1 year".into(), 1, Some(Days)),
                ("Above 1 year".into(), 1, Some(Months))
            ]
        );
        assert_eq!(
            read_cases(
                "Regional Office: within 1 working day\nDistrict Office: within 2 working days"
            ),
            vec![
                ("Regional Office".into(), 1, Some(Days)),
                ("District Office".into(), 2, Some(Days))
            ]
        );
    }

    #[test]
    fn unclear_and_nothing() {
        let err = |text: &str| read_time(text).unwrap_err().message().to_owned();
        assert!(
            err("7 dais").contains("did you mean `days`"),
            "{}",
            err("7 dais")
        );
        assert!(err("5 working daysafter").contains("`days after`"));
        assert!(err("5 daysafter payment").contains("`days after`"));
        assert!(err("1.5 hours").contains("not a whole number"));
        assert!(err("-7 working days").contains("negative"));
        assert!(err("Muda halisi").contains("expected a duration"));
        assert!(err("as per contract").contains("expected a duration"));
        assert!(err("Continuous").contains("expected a duration"));
        assert!(err("7 working").contains("unit is missing"));
        assert!(
            err("Acknowledge immediately and definitive response within 5 working days")
                .contains("2 times")
        );
        assert!(err("For current year 7 days 15 days for previous year").contains("2 times"));
        assert!(err("Up to 15 Minutes.\nUp to 7 Days.").contains("which case"));
        assert!(err("• Up to 15 Minutes.\n• Up to 7 Days.").contains("which case"));
        assert!(
            err("5 minues").contains("did you mean `minutes`"),
            "{}",
            err("5 minues")
        );
        assert!(err("Newly deceased (1 Day) Already buried").contains("two cases"));
        assert!(err("1 Month - Instant").contains("backwards"));
    }

    #[test]
    fn the_language_of_the_words() {
        let lang = |text: &str| read_time(text).unwrap().1;
        assert_eq!(lang("7 working days"), Some("en"));
        assert_eq!(lang("Ndani ya siku 7"), Some("sw"));
        assert_eq!(lang("Immediately"), Some("en"));
        assert_eq!(lang("15"), None);
        assert_eq!(lang("Assessment report issued after 10 working days"), None);
        assert_eq!(lang("Within 14 working days."), Some("en"));
    }

    #[test]
    fn rings_are_counted_not_timed() {
        let rings = |text: &str| match read_time(text) {
            Ok((TimeRead::Rings(n), lang)) => Some((n, lang)),
            _ => None,
        };
        assert_eq!(rings("Within 3 rings"), Some((3, Some("en"))));
        assert_eq!(rings("within three (3) rings."), Some((3, Some("en"))));
        assert_eq!(rings("Calls answered within three rings."), Some((3, None)));
        assert_eq!(rings("Ndani ya milio mitatu"), Some((3, Some("sw"))));
        assert_eq!(rings("Within 3 rings or 2 rings"), None);
        assert_eq!(rings("Within 3 rings or 2 minutes"), None);
        assert_eq!(rings("0 rings"), None);
        assert!(read_time("Within a reasonable time").is_err());
    }
}
