//! The built-in holiday files, `src/calendar/holidays/<country>.toml`: each country's public
//! holidays as its law and its yearly notices give them, with their sources. A holiday file
//! is part of the program (embedded, parsed by the tests), so one that does not parse is a
//! bug, not a user's error. Adding a country is its file and a line in [`FILES`].

use jiff::civil::Date;
use serde::Deserialize;

/// Each country's code (ISO 3166-1 alpha-2, lower case) and holiday file.
pub const FILES: &[(&str, &str)] = &[
    ("ke", include_str!("holidays/ke.toml")),
    ("tz", include_str!("holidays/tz.toml")),
    ("ph", include_str!("holidays/ph.toml")),
    ("in", include_str!("holidays/in.toml")),
];

/// One country's holiday file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HolidayFile {
    /// ISO 3166-1 alpha-2, as in the file name (upper case here).
    pub country: String,
    pub name: String,
    /// The law (and amendments) that lists the holidays, and where it can be read.
    pub law: String,
    pub law_source: String,
    /// Every holiday of every year from `first_year` to `last_year` is known: the ones set
    /// each year (moon sighting, proclamations) are listed for exactly those years.
    pub first_year: i16,
    pub last_year: i16,
    /// What a holiday on a Sunday becomes.
    pub sunday: SundayRule,
    pub sunday_source: String,
    #[serde(default)]
    pub fixed: Vec<Fixed>,
    #[serde(default)]
    pub easter: Vec<FromEaster>,
    #[serde(default)]
    pub dated: Vec<Dated>,
}

/// What the law does with a holiday that falls on a Sunday.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SundayRule {
    /// The next day that is not already a holiday is one too (Kenya's Public Holidays Act).
    NextMonday,
    /// Nothing: the holiday is lost to the weekend.
    None,
}

/// A holiday on the same day every year.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fixed {
    /// `MM-DD`.
    pub date: String,
    pub name: String,
    /// The first year it is a holiday, when that is recent.
    pub since: Option<i16>,
    /// The last year it was one, when it was abolished or replaced.
    pub until: Option<i16>,
}

/// A holiday a fixed number of days from Western Easter Sunday.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FromEaster {
    pub offset: i16,
    pub name: String,
}

/// One year's holiday, as gazetted, proclaimed or notified.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dated {
    /// `YYYY-MM-DD`.
    pub date: String,
    pub name: String,
    pub source: String,
}

/// The holiday file of `country` (any case), parsed.
pub fn file(country: &str) -> Option<HolidayFile> {
    let code = country.to_ascii_lowercase();
    FILES
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(c, text)| parse(text).unwrap_or_else(|e| panic!("the holiday file of {c}: {e}")))
}

/// A holiday file's text, parsed.
pub fn parse(text: &str) -> Result<HolidayFile, toml::de::Error> {
    toml::from_str(text)
}

/// The country codes with a holiday file, upper case, for messages.
pub fn known() -> Vec<String> {
    FILES.iter().map(|(c, _)| c.to_ascii_uppercase()).collect()
}

impl Dated {
    /// The date, if it is one.
    pub fn day(&self) -> Option<Date> {
        self.date.parse().ok()
    }
}

impl Fixed {
    /// This holiday's date in `year`, if it is one that year.
    pub fn in_year(&self, year: i16) -> Option<Date> {
        if self.since.is_some_and(|s| year < s) || self.until.is_some_and(|u| year > u) {
            return None;
        }
        let (month, day) = self.date.split_once('-')?;
        Date::new(year, month.parse().ok()?, day.parse().ok()?).ok()
    }
}
