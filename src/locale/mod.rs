//! The locale catalogue: section labels, units, month names and number marks in each language
//! a poster can be printed in.
//!
//! Catalogues are TOML files embedded in the binary (`src/locale/<lang>.toml`), so a label is
//! fixed by editing text, not code. Every catalogue has the same keys as `en.toml`; a test
//! holds them to it.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::reading::{Basis, Measure, Unit};

/// How much of a date a charter gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Precision {
    Day,
    Month,
    Year,
}

/// Labels and formats for one language.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Locale {
    #[serde(skip)]
    pub lang: &'static str,
    pub labels: BTreeMap<String, String>,
    /// The results report's headings and words (`charter report`): apart from `labels`,
    /// which a charter may reword and its poster prints.
    pub report: BTreeMap<String, String>,
    units: Units,
    durations: Durations,
    dates: Dates,
    numbers: Numbers,
    /// The tables other modules read from the same file, so that a language is one file
    /// (`crate::catalogues`): the words read in fees and timelines (`crate::reading`), the
    /// words lint looks for, keys written under another name, and the headings of a
    /// register's columns and the words of a complaints standard (`crate::register`), and
    /// the headings of a charter's columns and sections (`crate::import`).
    #[serde(rename = "reading")]
    _reading: serde::de::IgnoredAny,
    #[serde(rename = "lint")]
    _lint: serde::de::IgnoredAny,
    #[serde(rename = "keys")]
    _keys: serde::de::IgnoredAny,
    #[serde(rename = "register", default)]
    _register: Option<serde::de::IgnoredAny>,
    /// The headings `charter import` reads (`crate::import::headings`).
    #[serde(rename = "import", default)]
    _import: Option<serde::de::IgnoredAny>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Units {
    seconds: [String; 2],
    minutes: [String; 2],
    hours: [String; 2],
    days: [String; 2],
    weeks: [String; 2],
    months: [String; 2],
    years: [String; 2],
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Durations {
    plain: String,
    working: String,
    calendar: String,
    range: String,
    and: String,
    immediately: String,
    same_day: String,
    every: String,
    at_most: String,
    rings: String,
    ring: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Dates {
    format: String,
    months: [String; 12],
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Numbers {
    group: String,
    decimal: String,
}

impl Locale {
    /// The built-in catalogue for `lang`, or `None` when there is none.
    pub fn get(lang: &str) -> Option<&'static Locale> {
        // Filipino is standard Tagalog: a charter in `tl` gets the Filipino catalogue.
        let lang = if lang == "tl" { "fil" } else { lang };
        static LOCALES: OnceLock<Vec<Locale>> = OnceLock::new();
        LOCALES
            .get_or_init(|| {
                crate::catalogues::CATALOGUES
                    .iter()
                    .map(|&(lang, text)| {
                        let mut locale: Locale = toml::from_str(text)
                            .unwrap_or_else(|e| panic!("built-in catalogue {lang}: {e}"));
                        locale.lang = lang;
                        locale
                    })
                    .collect()
            })
            .iter()
            .find(|l| l.lang == lang)
    }

    /// English, the catalogue used for languages without one.
    pub fn fallback() -> &'static Locale {
        Locale::get("en").expect("the English catalogue is built in")
    }

    /// A label by key. Keys are fixed in `en.toml`; an unknown key is a bug in `charter`.
    pub fn label(&self, key: &str) -> &str {
        self.labels
            .get(key)
            .unwrap_or_else(|| panic!("no label `{key}` in the {} catalogue", self.lang))
    }

    /// A word of the results report by key (`[report]`, fixed in `en.toml`).
    pub fn report_word(&self, key: &str) -> &str {
        self.report
            .get(key)
            .unwrap_or_else(|| panic!("no report word `{key}` in the {} catalogue", self.lang))
    }

    /// A label with `{name}` placeholders filled in.
    pub fn label_with(&self, key: &str, values: &[(&str, &str)]) -> String {
        fill(self.label(key), values)
    }

    /// A duration such as `7 working days`, `siku 7 za kazi`, `3 days and 10 minutes` or
    /// `Immediately`, without its qualifier.
    pub fn duration(&self, measure: &Measure) -> String {
        if measure.is_zero() {
            return match measure.unit {
                Some(Unit::Days) => self.durations.same_day.clone(),
                _ => self.durations.immediately.clone(),
            };
        }
        let amount = match measure.max {
            Some(max) => fill(
                &self.durations.range,
                &[
                    ("min", &measure.amount.to_string()),
                    ("max", &max.to_string()),
                ],
            ),
            None => measure.amount.to_string(),
        };
        let Some(unit) = measure.unit else {
            return amount;
        };
        let plural = measure.max.is_some() || measure.amount != 1;
        let pattern = match measure.basis {
            None => &self.durations.plain,
            Some(Basis::Working) => &self.durations.working,
            Some(Basis::Calendar) => &self.durations.calendar,
        };
        let mut parts = vec![fill(
            pattern,
            &[("amount", &amount), ("unit", self.unit(unit, plural))],
        )];
        for (n, unit) in &measure.plus {
            parts.push(fill(
                &self.durations.plain,
                &[
                    ("amount", &n.to_string()),
                    ("unit", self.unit(*unit, *n != 1)),
                ],
            ));
        }
        // "13 days, 4 hours and 45 minutes"
        let last = parts.pop().expect("one part at least");
        if parts.is_empty() {
            return last;
        }
        fill(
            &self.durations.and,
            &[("a", &parts.join(", ")), ("b", &last)],
        )
    }

    /// A frequency: `Every week`, `Every 3 months`, `Kila mwezi`.
    pub fn every(&self, measure: &Measure) -> String {
        let duration = match measure.unit {
            Some(unit) if measure.amount == 1 && measure.max.is_none() => {
                self.unit(unit, false).to_owned()
            }
            _ => self.duration(measure),
        };
        fill(&self.durations.every, &[("duration", &duration)])
    }

    /// An amount that is the most that will be charged: `Up to KSh 2,000`.
    pub fn at_most(&self, amount: &str) -> String {
        fill(&self.durations.at_most, &[("amount", amount)])
    }

    /// A telephone answered within `n` rings: `Within 3 rings`.
    pub fn rings(&self, n: u32) -> String {
        if n == 1 {
            return self.durations.ring.clone();
        }
        fill(&self.durations.rings, &[("n", &n.to_string())])
    }

    fn unit(&self, unit: Unit, plural: bool) -> &str {
        let words = match unit {
            Unit::Seconds => &self.units.seconds,
            Unit::Minutes => &self.units.minutes,
            Unit::Hours => &self.units.hours,
            Unit::Days => &self.units.days,
            Unit::Weeks => &self.units.weeks,
            Unit::Months => &self.units.months,
            Unit::Years => &self.units.years,
        };
        &words[usize::from(plural)]
    }

    /// A date such as `1 July 2024` or `1 Julai 2024`; `July 2024` for a month, `2024`
    /// for a year.
    pub fn date(&self, date: jiff::civil::Date, precision: Precision) -> String {
        let month = &self.dates.months[usize::from(date.month().unsigned_abs()) - 1];
        let year = date.year().to_string();
        match precision {
            Precision::Day => fill(
                &self.dates.format,
                &[
                    ("day", &date.day().to_string()),
                    ("month", month),
                    ("year", &year),
                ],
            ),
            Precision::Month => format!("{month} {year}"),
            Precision::Year => year,
        }
    }

    /// A decimal amount with thousands grouped: `5000` → `5,000`, `12.5` → `12.50`.
    pub fn number(&self, value: &str) -> String {
        let (whole, fraction) = value.split_once('.').unwrap_or((value, ""));
        let digits: Vec<char> = whole.chars().collect();
        let mut grouped = String::new();
        for (i, digit) in digits.iter().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                grouped.push_str(&self.numbers.group);
            }
            grouped.push(*digit);
        }
        match fraction {
            "" => grouped,
            f if f.len() == 1 => format!("{grouped}{}{f}0", self.numbers.decimal),
            f => format!("{grouped}{}{f}", self.numbers.decimal),
        }
    }
}

/// Replaces each `{name}` in `pattern`.
fn fill(pattern: &str, values: &[(&str, &str)]) -> String {
    let mut text = pattern.to_owned();
    for (name, value) in values {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn days(amount: u32, max: Option<u32>, basis: Option<Basis>) -> Measure {
        Measure {
            amount,
            max,
            unit: Some(Unit::Days),
            basis,
            plus: Vec::new(),
        }
    }

    #[test]
    fn every_catalogue_has_the_english_keys() {
        let en = Locale::fallback();
        for (lang, _) in crate::catalogues::CATALOGUES {
            let locale = Locale::get(lang).unwrap();
            let keys: Vec<_> = locale.labels.keys().collect();
            let expected: Vec<_> = en.labels.keys().collect();
            assert_eq!(keys, expected, "labels of {lang}");
            let keys: Vec<_> = locale.report.keys().collect();
            let expected: Vec<_> = en.report.keys().collect();
            assert_eq!(keys, expected, "report words of {lang}");
        }
    }

    #[test]
    fn durations_read_naturally_in_each_language() {
        let en = Locale::get("en").unwrap();
        let sw = Locale::get("sw").unwrap();
        let working = days(7, None, Some(Basis::Working));
        assert_eq!(en.duration(&working), "7 working days");
        assert_eq!(sw.duration(&working), "siku 7 za kazi");
        assert_eq!(en.duration(&days(1, None, None)), "1 day");
        assert_eq!(en.duration(&days(5, Some(7), None)), "5–7 days");
        let month = Measure {
            unit: Some(Unit::Months),
            ..days(1, None, None)
        };
        assert_eq!(sw.duration(&month), "mwezi 1");
        let bare = Measure {
            unit: None,
            ..days(15, None, None)
        };
        assert_eq!(sw.duration(&bare), "15");
        let mut parts = days(3, None, None);
        parts.plus.push((10, Unit::Minutes));
        assert_eq!(en.duration(&parts), "3 days and 10 minutes");
        assert_eq!(sw.duration(&parts), "siku 3 na dakika 10");
        parts.plus.insert(0, (4, Unit::Hours));
        assert_eq!(en.duration(&parts), "3 days, 4 hours and 10 minutes");
        assert_eq!(en.duration(&Measure::new(0, Unit::Minutes)), "Immediately");
        assert_eq!(sw.duration(&Measure::new(0, Unit::Days)), "Siku hiyo hiyo");
        assert_eq!(en.every(&Measure::new(1, Unit::Weeks)), "Every week");
        assert_eq!(sw.every(&Measure::new(3, Unit::Months)), "Kila miezi 3");
    }

    #[test]
    fn numbers_and_dates() {
        let en = Locale::get("en").unwrap();
        assert_eq!(en.number("5000"), "5,000");
        assert_eq!(en.number("1234567.5"), "1,234,567.50");
        assert_eq!(en.number("100"), "100");
        let date = jiff::civil::date(2024, 7, 1);
        assert_eq!(en.date(date, Precision::Day), "1 July 2024");
        assert_eq!(
            Locale::get("sw").unwrap().date(date, Precision::Day),
            "1 Julai 2024"
        );
        assert_eq!(en.date(date, Precision::Month), "July 2024");
    }
}
