//! Working days as a charter means them: a promise of N working days is kept when the work
//! is done on or before the Nth working day after the day it was received (that day does
//! not count). Weekends (Saturday and Sunday: the public offices of every country with a
//! holiday file work Monday to Friday) and public holidays are not working days, nor are an
//! office's own closures.
//!
//! A [`Calendar`] covers the years its holiday file lists completely and refuses any date
//! outside them: a count across a year whose holidays are unknown would be wrong without
//! saying so. Counting is a lookup in a table of running totals built once, so measuring a
//! register of a million requests costs a million subtractions.

mod easter;
pub mod holidays;
mod hours;

use std::collections::BTreeMap;

use jiff::ToSpan;
use jiff::civil::{Date, DateTime, Time, Weekday};

pub use easter::easter_sunday;
pub use holidays::HolidayFile;
use holidays::SundayRule;
pub use hours::OfficeHours;

/// Why a count of working days cannot be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    #[error("there are no public holidays for the country `{code}` (known: {})", known.join(", "))]
    UnknownCountry { code: String, known: Vec<String> },
    #[error(
        "{date} is outside the years whose public holidays in {country} are known \
         ({first} to {last}): working days cannot be counted there"
    )]
    NotCovered {
        date: Date,
        country: String,
        first: i16,
        last: i16,
    },
}

/// One country's working days over the years its holidays are known.
#[derive(Debug, Clone)]
pub struct Calendar {
    country: String,
    first: Date,
    last: Date,
    /// The days off that are not weekends: holidays by name, and closures.
    days_off: BTreeMap<Date, String>,
    /// `running[i]`: how many working days from `first` up to and including `first + i`.
    running: Vec<u32>,
    /// When the office is open, when known: promises in hours are kept in that time.
    hours: Option<OfficeHours>,
    /// The years past the holiday file's that the office vouches for (`[report]
    /// holidays-through`), listing their movable holidays itself.
    vouched: Option<(i16, i16)>,
}

/// The last year a calendar may be extended to.
pub const MAX_YEAR: i16 = 2200;

impl Calendar {
    /// The calendar of `country` (ISO 3166-1 alpha-2, any case), with the office's own
    /// `closures` (a date and why) as days off too. Closures outside the covered years are
    /// ignored: nothing can be counted there anyway.
    pub fn new(
        country: &str,
        closures: impl IntoIterator<Item = (Date, String)>,
    ) -> Result<Calendar, CalendarError> {
        Calendar::through(country, closures, None)
    }

    /// The calendar of `country`, its years extended `through` a later year whose
    /// holidays the office vouches for: the law's fixed and Easter holidays (and its
    /// Sunday rule) are the file's, and the days set each year (Idd, proclamations) are
    /// the office's own `closures`, which it lists from the year's notices.
    pub fn through(
        country: &str,
        closures: impl IntoIterator<Item = (Date, String)>,
        through: Option<i16>,
    ) -> Result<Calendar, CalendarError> {
        let mut file = holidays::file(country).ok_or_else(|| CalendarError::UnknownCountry {
            code: country.to_owned(),
            known: holidays::known(),
        })?;
        let known = file.last_year;
        let vouched = through.filter(|&year| year > known).map(|year| {
            file.last_year = year.min(MAX_YEAR);
            (known + 1, file.last_year)
        });
        let mut calendar = Calendar::from_file(file, closures);
        calendar.vouched = vouched;
        Ok(calendar)
    }

    /// The calendar of a country whose public holidays are not known: days and hours
    /// elapse on it, but no working day can be counted (each count says why).
    pub fn without_holidays(country: &str) -> Calendar {
        let today = Date::new(2000, 1, 1).expect("a day");
        Calendar {
            country: country.to_uppercase(),
            first: today,
            last: today,
            days_off: BTreeMap::new(),
            running: Vec::new(),
            hours: None,
            vouched: None,
        }
    }

    /// Whether the country's public holidays are known, so working days can be counted.
    pub fn knows_holidays(&self) -> bool {
        !self.running.is_empty()
    }

    /// The calendar a holiday file gives, with `closures`.
    pub fn from_file(
        file: HolidayFile,
        closures: impl IntoIterator<Item = (Date, String)>,
    ) -> Calendar {
        let mut days_off = holidays_of(&file);
        for (date, why) in closures {
            days_off.entry(date).or_insert(why);
        }
        let first = Date::new(file.first_year, 1, 1).expect("a year's first day");
        let last = Date::new(file.last_year, 12, 31).expect("a year's last day");
        let mut running = Vec::new();
        let mut total = 0;
        for day in first.series(1.day()).take_while(|d| *d <= last) {
            if is_weekday(day) && !days_off.contains_key(&day) {
                total += 1;
            }
            running.push(total);
        }
        Calendar {
            country: file.name,
            first,
            last,
            days_off,
            running,
            hours: None,
            vouched: None,
        }
    }

    /// The same calendar, with the office open `hours` on its working days (which must be
    /// known: without them, hours elapse).
    pub fn with_hours(mut self, hours: Option<OfficeHours>) -> Calendar {
        self.hours = hours.filter(|_| self.knows_holidays());
        self
    }

    /// When the office is open, when known.
    pub fn hours(&self) -> Option<OfficeHours> {
        self.hours
    }

    /// The seconds from `from` to `to` the office was open (`None` without known hours).
    pub fn office_seconds(
        &self,
        from: DateTime,
        to: DateTime,
    ) -> Result<Option<i64>, CalendarError> {
        let Some(hours) = self.hours else {
            return Ok(None);
        };
        if to <= from {
            return Ok(Some(0));
        }
        // The open time of one day between two times of it.
        let within = |day: Date, start: Time, end: Time| -> Result<i64, CalendarError> {
            if !self.is_working_day(day)? {
                return Ok(0);
            }
            let (start, end) = (start.max(hours.open), end.min(hours.close));
            Ok(if end > start {
                start.duration_until(end).as_secs()
            } else {
                0
            })
        };
        if from.date() == to.date() {
            return within(from.date(), from.time(), to.time()).map(Some);
        }
        let first = within(from.date(), from.time(), Time::MAX)?;
        let last = within(to.date(), Time::MIN, to.time())?;
        // The whole working days between, neither end counted.
        let between = self.working_days_between(from.date(), to.date())?
            - i64::from(self.is_working_day(to.date())?);
        Ok(Some(first + last + between * hours.seconds()))
    }

    /// The day by whose end `seconds` of the office's open time from `from` have passed
    /// (`None` without known hours).
    pub fn office_deadline(
        &self,
        from: DateTime,
        seconds: i64,
    ) -> Result<Option<Date>, CalendarError> {
        let Some(hours) = self.hours else {
            return Ok(None);
        };
        // What is left of the day it starts on, then whole working days.
        let day = from.date();
        let today = if self.is_working_day(day)? {
            let begin = from.time().max(hours.open);
            if hours.close > begin {
                begin.duration_until(hours.close).as_secs()
            } else {
                0
            }
        } else {
            0
        };
        if seconds <= today {
            return Ok(Some(day));
        }
        let left = u64::try_from(seconds - today).unwrap_or(0);
        let day_open = u64::try_from(hours.seconds()).unwrap_or(1).max(1);
        let days =
            u32::try_from(left.div_ceil(day_open)).map_err(|_| self.not_covered(self.last))?;
        self.deadline(day, days).map(Some)
    }

    /// The country's name, as its holiday file gives it.
    pub fn country(&self) -> &str {
        &self.country
    }

    /// The calendar as a report states it: the country, and the years whose movable
    /// holidays the office listed itself, when it did.
    pub fn described(&self) -> String {
        match self.vouched {
            Some((from, to)) if from == to => {
                format!(
                    "{} ({from}: movable holidays as charter.toml lists them)",
                    self.country
                )
            }
            Some((from, to)) => format!(
                "{} ({from}–{to}: movable holidays as charter.toml lists them)",
                self.country
            ),
            None => self.country.clone(),
        }
    }

    /// The last day whose working days are known.
    pub fn last_day(&self) -> Date {
        self.last
    }

    /// Whether `date` is a working day.
    pub fn is_working_day(&self, date: Date) -> Result<bool, CalendarError> {
        self.index(date)?;
        Ok(is_weekday(date) && !self.days_off.contains_key(&date))
    }

    /// Why `date` is a day off that is not a weekend (the holiday's name, or the closure's
    /// reason), if it is one.
    pub fn day_off(&self, date: Date) -> Option<&str> {
        self.days_off.get(&date).map(String::as_str)
    }

    /// The working days after `received` up to and including `done`: 0 when done the same
    /// day or on the days off that follow it; negative when `done` is before `received`.
    pub fn working_days_between(&self, received: Date, done: Date) -> Result<i64, CalendarError> {
        let (from, to) = (self.index(received)?, self.index(done)?);
        Ok(i64::from(self.running[to]) - i64::from(self.running[from]))
    }

    /// The last day a promise of `n` working days from `received` is kept: the `n`th
    /// working day after it (`received` itself when `n` is 0).
    pub fn deadline(&self, received: Date, n: u32) -> Result<Date, CalendarError> {
        let from = self.index(received)?;
        if n == 0 {
            return Ok(received);
        }
        // The first day whose running total reaches `wanted` is that working day.
        let past = || self.not_covered(self.last.tomorrow().unwrap_or(self.last));
        let wanted = self.running[from].checked_add(n).ok_or_else(past)?;
        let at = self.running.partition_point(|&total| total < wanted);
        if at == self.running.len() {
            return Err(past());
        }
        Ok(self.first + (at as i64).days())
    }

    fn index(&self, date: Date) -> Result<usize, CalendarError> {
        if !self.knows_holidays() {
            return Err(CalendarError::UnknownCountry {
                code: self.country.clone(),
                known: holidays::known(),
            });
        }
        if date < self.first || date > self.last {
            return Err(self.not_covered(date));
        }
        let days = (date - self.first).get_days();
        Ok(usize::try_from(days).expect("on or after the first day"))
    }

    fn not_covered(&self, date: Date) -> CalendarError {
        CalendarError::NotCovered {
            date,
            country: self.country.clone(),
            first: self.first.year(),
            last: self.last.year(),
        }
    }
}

fn is_weekday(date: Date) -> bool {
    !matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday)
}

/// Every holiday of the file's years by date, with the days the Sunday rule adds.
fn holidays_of(file: &HolidayFile) -> BTreeMap<Date, String> {
    let mut days = BTreeMap::new();
    for year in file.first_year..=file.last_year {
        for fixed in &file.fixed {
            if let Some(date) = fixed.in_year(year) {
                days.entry(date).or_insert_with(|| fixed.name.clone());
            }
        }
        let easter = easter_sunday(year);
        for moving in &file.easter {
            let date = easter + i64::from(moving.offset).days();
            days.entry(date).or_insert_with(|| moving.name.clone());
        }
    }
    for dated in &file.dated {
        if let Some(date) = dated.day() {
            days.entry(date).or_insert_with(|| dated.name.clone());
        }
    }
    if file.sunday == SundayRule::NextMonday {
        let sundays: Vec<(Date, String)> = days
            .iter()
            .filter(|(d, _)| d.weekday() == Weekday::Sunday)
            .map(|(d, n)| (*d, n.clone()))
            .collect();
        for (sunday, name) in sundays {
            let mut day = sunday.tomorrow().expect("a next day");
            while days.contains_key(&day) {
                day = day.tomorrow().expect("a next day");
            }
            days.insert(day, format!("{name} (observed)"));
        }
    }
    days
}

#[cfg(test)]
mod tests;
