//! Reading the durations and amounts that offices write in words.
//!
//! A charter's fee and timeline cells are the office's own sentences: `Within 14 working
//! days`, `Ndani ya siku kumi na tano`, `Registration shall be done within 2 working days
//! from the date of receipt`, `Nil`, `Not more than KSh 2,000`. This module finds the one
//! duration or amount such a sentence states (or its cases, its range, its parts) and says
//! what it means; the sentence itself is kept by the model and printed as written.
//!
//! The words of each language (unit words, numbers, "within", "free") are the `[reading]`
//! table of that language's catalogue, `src/locale/<lang>.toml`, so a language is one file.
//! This module reads those tables itself (`crate::catalogues`) and depends on nothing else
//! of the crate but the limits and the did-you-mean helper.

mod currency;
mod money;
mod segments;
mod time;
mod tokens;

use std::sync::OnceLock;

use serde::Deserialize;

pub use currency::{ISO_4217, currency_candidates, currency_for, is_currency_code};
pub use money::{FeeRead, Money, read_fee};
pub use time::{Basis, Measure, Promise, TimeRead, Unit, read_time};
pub use tokens::{Token, TokenKind, tokens};

/// Why a value could not be read: a message for the diagnostic's label.
#[derive(Clone, Debug, PartialEq)]
pub enum Unread {
    /// It states no duration (or no amount) at all.
    Nothing(String),
    /// It states one, but something about it is unclear (a typo, a negative time, two
    /// durations without saying how they relate).
    Unclear(String),
}

/// Refuses words too long to be one value (`limits::VALUE_CHARS`), before they are read.
fn within_limit(text: &str, what: &str) -> Result<(), Unread> {
    let chars = text.chars().count();
    if chars > crate::limits::VALUE_CHARS {
        return Err(Unread::Unclear(format!(
            "{chars} characters are too long to read as {what} (at most 2,000): give its \
             meaning beside the words, as `amount` or `cases`"
        )));
    }
    Ok(())
}

impl Unread {
    pub fn message(&self) -> &str {
        match self {
            Unread::Nothing(m) | Unread::Unclear(m) => m,
        }
    }
}

/// The reading words of one language, from its catalogue.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Table {
    seconds: Vec<String>,
    minutes: Vec<String>,
    hours: Vec<String>,
    days: Vec<String>,
    weeks: Vec<String>,
    months: Vec<String>,
    years: Vec<String>,
    unit_first: bool,
    working: Vec<String>,
    calendar: Vec<String>,
    ones: Vec<String>,
    tens: Vec<String>,
    joiners: Vec<String>,
    one_before_unit: Vec<String>,
    prefixes: Vec<String>,
    #[serde(default)]
    aliases: std::collections::BTreeMap<String, u32>,
    at_once: Vec<String>,
    same_day: Vec<String>,
    within: Vec<String>,
    range: Vec<String>,
    and: Vec<String>,
    every: Vec<String>,
    daily: Vec<String>,
    weekly: Vec<String>,
    monthly: Vec<String>,
    quarterly: Vec<String>,
    yearly: Vec<String>,
    conditions: Vec<String>,
    free: Vec<String>,
    per: Vec<String>,
    at_most: Vec<String>,
    rings: Vec<String>,
}

/// A phrase: one or more lower-case words in a row.
type Phrase = Vec<String>;

/// The reading words of one language, as phrases.
#[derive(Debug)]
struct Words {
    lang: &'static str,
    units: Vec<(Phrase, Unit)>,
    unit_first: bool,
    working: Vec<Phrase>,
    calendar: Vec<Phrase>,
    ones: Vec<String>,
    tens: Vec<String>,
    joiners: Vec<String>,
    one_before_unit: Vec<String>,
    prefixes: Vec<String>,
    aliases: Vec<(String, u32)>,
    at_once: Vec<Phrase>,
    same_day: Vec<Phrase>,
    within: Vec<Phrase>,
    range: Vec<Phrase>,
    and: Vec<Phrase>,
    every: Vec<Phrase>,
    frequencies: Vec<(Phrase, u32, Unit)>,
    conditions: Vec<Phrase>,
    free: Vec<Phrase>,
    per: Vec<Phrase>,
    at_most: Vec<Phrase>,
    rings: Vec<Phrase>,
}

fn phrases(list: &[String]) -> Vec<Phrase> {
    list.iter()
        .map(|p| {
            tokens(&p.to_lowercase())
                .into_iter()
                .map(|t| t.lower)
                .collect()
        })
        .collect()
}

impl Words {
    fn from_table(lang: &'static str, t: Table) -> Words {
        let mut units = Vec::new();
        for (list, unit) in [
            (&t.seconds, Unit::Seconds),
            (&t.minutes, Unit::Minutes),
            (&t.hours, Unit::Hours),
            (&t.days, Unit::Days),
            (&t.weeks, Unit::Weeks),
            (&t.months, Unit::Months),
            (&t.years, Unit::Years),
        ] {
            units.extend(phrases(list).into_iter().map(|p| (p, unit)));
        }
        let mut frequencies = Vec::new();
        for (list, amount, unit) in [
            (&t.daily, 1, Unit::Days),
            (&t.weekly, 1, Unit::Weeks),
            (&t.monthly, 1, Unit::Months),
            (&t.quarterly, 3, Unit::Months),
            (&t.yearly, 1, Unit::Years),
        ] {
            frequencies.extend(phrases(list).into_iter().map(|p| (p, amount, unit)));
        }
        let lower = |list: &[String]| list.iter().map(|w| w.to_lowercase()).collect();
        Words {
            lang,
            units,
            unit_first: t.unit_first,
            working: phrases(&t.working),
            calendar: phrases(&t.calendar),
            ones: lower(&t.ones),
            tens: lower(&t.tens),
            joiners: lower(&t.joiners),
            one_before_unit: lower(&t.one_before_unit),
            prefixes: lower(&t.prefixes),
            aliases: t.aliases.into_iter().collect(),
            at_once: phrases(&t.at_once),
            same_day: phrases(&t.same_day),
            within: phrases(&t.within),
            range: phrases(&t.range),
            and: phrases(&t.and),
            every: phrases(&t.every),
            frequencies,
            conditions: phrases(&t.conditions),
            free: phrases(&t.free),
            per: phrases(&t.per),
            at_most: phrases(&t.at_most),
            rings: phrases(&t.rings),
        }
    }
}

/// Every language's reading words.
fn languages() -> &'static [Words] {
    static WORDS: OnceLock<Vec<Words>> = OnceLock::new();
    WORDS.get_or_init(|| {
        crate::catalogues::tables::<Table>("reading")
            .into_iter()
            .map(|(lang, table)| Words::from_table(lang, table))
            .collect()
    })
}

/// The longest phrase of `list` that the words at `tokens[i..]` spell, as its length in
/// tokens.
fn phrase_at(tokens: &[Token], i: usize, list: &[Phrase]) -> Option<usize> {
    list.iter()
        .filter(|phrase| {
            !phrase.is_empty()
                && phrase.len() <= tokens.len().saturating_sub(i)
                && phrase
                    .iter()
                    .zip(&tokens[i..])
                    .all(|(word, token)| token.kind == TokenKind::Word && *word == token.lower)
        })
        .map(Vec::len)
        .max()
}

/// The first language with a phrase of its `pick` list at `tokens[i..]`: its length and
/// the language.
fn any_phrase_at(
    tokens: &[Token],
    i: usize,
    pick: impl Fn(&Words) -> &[Phrase],
) -> Option<(usize, &'static str)> {
    languages()
        .iter()
        .filter_map(|w| phrase_at(tokens, i, pick(w)).map(|n| (n, w.lang)))
        .max_by_key(|(n, _)| *n)
}

/// A unit word at `tokens[i]`: its length in tokens, the unit and the language.
fn unit_at(tokens: &[Token], i: usize) -> Option<(usize, Unit, &'static str)> {
    languages()
        .iter()
        .flat_map(|w| {
            w.units.iter().filter_map(move |(phrase, unit)| {
                phrase_at(tokens, i, std::slice::from_ref(phrase)).map(|n| (n, *unit, w.lang))
            })
        })
        .max_by_key(|(n, _, _)| *n)
}

/// A number at `tokens[i..]`, in digits or in words of any language: its value, how many
/// tokens it takes, and the language of its words (`None` for digits).
fn number_at(tokens: &[Token], i: usize) -> Option<(u64, usize, Option<&'static str>)> {
    let token = tokens.get(i)?;
    if token.kind == TokenKind::Number {
        return token
            .lower
            .parse::<u64>()
            .ok()
            .map(|n| (n, 1, None::<&'static str>));
    }
    if token.kind != TokenKind::Word {
        return None;
    }
    languages()
        .iter()
        .filter_map(|w| number_words_at(w, tokens, i).map(|(n, len)| (n, len, Some(w.lang))))
        .max_by_key(|(_, len, _)| *len)
}

/// One number word of `w` (with a noun-class prefix or not): its value.
fn number_word(w: &Words, word: &str) -> Option<u64> {
    let plain = |word: &str| -> Option<u64> {
        if let Some(n) = w.ones.iter().position(|o| o == word) {
            return Some(n as u64);
        }
        if let Some(n) = w.tens.iter().position(|t| t == word) {
            // `tens` starts at twenty in English and at ten in Kiswahili: its first word's
            // value is the number of ones before it, rounded up to ten.
            let first = (w.ones.len() as u64).div_ceil(10) * 10;
            return Some(first + 10 * n as u64);
        }
        w.aliases
            .iter()
            .find(|(a, _)| a == word)
            .map(|(_, n)| *n as u64)
    };
    if let Some(n) = plain(word) {
        return Some(n);
    }
    // "twenty-one"
    if let Some((tens, ones)) = word.split_once('-')
        && let (Some(t), Some(o)) = (plain(tens), plain(ones))
        && t >= 20
        && t % 10 == 0
        && (1..10).contains(&o)
    {
        return Some(t + o);
    }
    w.prefixes.iter().find_map(|prefix| {
        let rest = word.strip_prefix(prefix.as_str())?;
        plain(rest).filter(|n| (1..10).contains(n))
    })
}

/// A number in words of `w`: `fifteen`, `twenty one`, `kumi na tano`, `mitatu`.
fn number_words_at(w: &Words, tokens: &[Token], i: usize) -> Option<(u64, usize)> {
    let word = |k: usize| {
        tokens
            .get(k)
            .filter(|t| t.kind == TokenKind::Word)
            .map(|t| t.lower.as_str())
    };
    let first = number_word(w, word(i)?)?;
    // A round ten followed by units: "twenty one", "kumi na tano".
    if first >= 10 && first % 10 == 0 {
        let mut k = i + 1;
        if word(k).is_some_and(|j| w.joiners.iter().any(|x| x == j)) {
            k += 1;
        }
        if let Some(ones) = word(k).and_then(|o| number_word(w, o))
            && (1..10).contains(&ones)
            && (k > i + 1 || w.joiners.is_empty())
        {
            return Some((first + ones, k + 1 - i));
        }
    }
    Some((first, 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn number(text: &str) -> Option<(u64, usize)> {
        let tokens = tokens(text);
        number_at(&tokens, 0).map(|(n, len, _)| (n, len))
    }

    #[test]
    fn numbers_in_words_of_each_language() {
        assert_eq!(number("fifteen days"), Some((15, 1)));
        assert_eq!(number("twenty-one days"), Some((21, 1)));
        assert_eq!(number("twenty one days"), Some((21, 2)));
        assert_eq!(number("thirty days"), Some((30, 1)));
        assert_eq!(number("kumi na tano"), Some((15, 3)));
        assert_eq!(number("kumi"), Some((10, 1)));
        assert_eq!(number("ishirini na moja"), Some((21, 3)));
        assert_eq!(number("mitatu"), Some((3, 1)));
        assert_eq!(number("mmoja"), Some((1, 1)));
        assert_eq!(number("07"), Some((7, 1)));
        assert_eq!(number("days"), None);
    }

    #[test]
    fn values_past_the_limit_are_not_read() {
        assert_eq!(crate::limits::VALUE_CHARS, 2_000, "the message says 2,000");
        let cell = |n: usize| {
            (0..n)
                .map(|i| format!("Office {i}: within {} days", i % 9 + 1))
                .collect::<Vec<_>>()
                .join("\n")
        };
        // Just under the limit: read, as one case a line.
        let under = cell(70);
        assert!(under.chars().count() < crate::limits::VALUE_CHARS);
        assert!(matches!(read_time(&under), Ok((TimeRead::Cases(c), _)) if c.len() == 70));
        // Past it: refused before anything is read, for times and fees alike.
        let over = cell(200);
        let err = read_time(&over).unwrap_err();
        assert!(err.message().contains("too long"), "{err:?}");
        assert!(read_fee(&over.replace("days", "KES"), None).is_err());
    }

    #[test]
    fn every_catalogue_has_reading_words() {
        let langs: Vec<&str> = languages().iter().map(|w| w.lang).collect();
        assert_eq!(langs, ["en", "sw", "fil"]);
        for w in languages() {
            assert!(!w.units.is_empty() && !w.free.is_empty(), "{}", w.lang);
        }
    }

    #[test]
    fn filipino_durations_and_fees_are_read() {
        use crate::reading::{FeeRead, TimeRead, read_fee, read_time};
        let days = |text: &str| match read_time(text) {
            Ok((TimeRead::One(p), _)) => Some((p.measure.amount, p.measure.unit, p.measure.basis)),
            _ => None,
        };
        assert_eq!(days("15 minuto"), Some((15, Some(Unit::Minutes), None)));
        assert_eq!(
            days("Tatlong araw ng trabaho"),
            Some((3, Some(Unit::Days), Some(Basis::Working)))
        );
        assert_eq!(
            days("Sa loob ng isang buwan"),
            Some((1, Some(Unit::Months), None))
        );
        assert_eq!(days("Kaagad"), Some((0, Some(Unit::Minutes), None)));
        assert!(matches!(
            read_fee("Walang bayad", None),
            Ok((FeeRead::Free { .. }, _))
        ));
        assert!(matches!(
            read_fee("Libre", None),
            Ok((FeeRead::Free { .. }, _))
        ));
    }
}
