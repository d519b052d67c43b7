//! When a request was received or completed, as an office types it into its register:
//! `2026-03-02` (ISO, with `14:30` or `T14:30:00` after it or not), `02/03/2026` (day
//! first unless the office says its registers put the month first; `.` and `-` too), and
//! `2 March 2026`, `2 Mar 2026`, `March 2, 2026`, `2nd March 2026`, in any language with a
//! catalogue (`2 Machi 2026`, `2 Marso 2026`), each with a time of day or not (`14:30`,
//! `2:30 pm`).
//!
//! Only what cannot be misread is accepted: a year of two digits (`02/03/26`) is refused
//! rather than guessed, and a day-first date whose "month" is over 12 is refused with a
//! hint to say the register is month-first, not quietly swapped.

use jiff::civil::{Date, Time};

/// A moment of a register: a date, and the time of day when the register gives one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct When {
    pub date: Date,
    pub time: Option<Time>,
}

impl When {
    /// Whether this is before `other`: by the date, and by the time of day only when both
    /// give one (a completion written `2026-03-02` is not before a receipt at
    /// `2026-03-02 14:30`: it is the same day).
    pub fn before(self, other: When) -> bool {
        match (self.time, other.time) {
            (Some(a), Some(b)) => (self.date, a) < (other.date, b),
            _ => self.date < other.date,
        }
    }
}

/// The first two numbers of a numeric date (`06/02/2025`: 6 and 2), to judge its order by.
pub fn numeric_parts(text: &str) -> Option<(u32, u32)> {
    let b = text.trim().as_bytes();
    if b.len() < 10 || !(b[2] == b[5] && matches!(b[2], b'/' | b'.' | b'-')) {
        return None;
    }
    let number = |i: usize| -> Option<u32> {
        let (a, c) = (b[i], b[i + 1]);
        (a.is_ascii_digit() && c.is_ascii_digit())
            .then(|| u32::from(a - b'0') * 10 + u32::from(c - b'0'))
    };
    Some((number(0)?, number(3)?))
}

impl std::fmt::Display for When {
    /// `2026-03-02`, or `2026-03-02 14:30` with a time of day.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.time {
            Some(time) => write!(f, "{} {}", self.date, time.strftime("%H:%M")),
            None => write!(f, "{}", self.date),
        }
    }
}

/// Which comes first in a numeric date such as `02/03/2026`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateOrder {
    /// `02/03/2026` is 2 March: as registers in Kenya, Tanzania, India and most of the
    /// world are written.
    #[default]
    DayFirst,
    /// `02/03/2026` is 3 February: as in the Philippines' and the United States' usage.
    MonthFirst,
}

/// Why a register's cell is not a date, with what to write instead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WhenError {
    pub message: String,
    pub hint: Option<String>,
}

impl WhenError {
    fn new(message: impl Into<String>) -> WhenError {
        WhenError {
            message: message.into(),
            hint: Some("write it as 2026-03-02, 02/03/2026 or 2 March 2026".to_owned()),
        }
    }

    fn hint(mut self, hint: impl Into<String>) -> WhenError {
        self.hint = Some(hint.into());
        self
    }
}

/// Reads a register's cell as a date and perhaps a time of day.
pub fn read_when(text: &str, order: DateOrder) -> Result<When, WhenError> {
    let text = text.trim();
    // Most cells of a big register are a plain `2026-03-02` or `02/03/2026`: read those
    // without splitting anything (a million rows are two million dates).
    if let Some(date) = plain_date(text.as_bytes(), order) {
        return Ok(When { date, time: None });
    }
    if text.is_empty() {
        return Err(WhenError::new("there is no date"));
    }
    let (date_part, time_part) = split_time(text);
    let date = read_date(date_part, order)?;
    let time = time_part.map(read_time).transpose()?;
    Ok(When { date, time })
}

/// `YYYY-MM-DD`, or `DD/MM/YYYY` (`.` and `-` too) in the register's order, when it is
/// exactly that and a real date; anything else goes the long way (which explains what is
/// wrong).
fn plain_date(b: &[u8], order: DateOrder) -> Option<Date> {
    if b.len() != 10 {
        return None;
    }
    let digits = |range: std::ops::Range<usize>| -> Option<i32> {
        b[range].iter().try_fold(0i32, |n, &d| {
            d.is_ascii_digit().then(|| n * 10 + i32::from(d - b'0'))
        })
    };
    let (year, month, day) = if b[4] == b'-' && b[7] == b'-' {
        (digits(0..4)?, digits(5..7)?, digits(8..10)?)
    } else if b[2] == b[5] && matches!(b[2], b'/' | b'.' | b'-') {
        let (first, second) = (digits(0..2)?, digits(3..5)?);
        let year = digits(6..10)?;
        match order {
            DateOrder::DayFirst => (year, second, first),
            DateOrder::MonthFirst => (year, first, second),
        }
    } else {
        return None;
    };
    if !(1900..=2200).contains(&year) {
        return None;
    }
    Date::new(
        year as i16,
        i8::try_from(month).ok()?,
        i8::try_from(day).ok()?,
    )
    .ok()
}

/// The date and the time of day, split where the time starts: after a `T` (ISO), or after
/// the last space before something of the form `H:MM` or `Hpm`.
fn split_time(text: &str) -> (&str, Option<&str>) {
    if let Some((date, time)) = text.split_once('T')
        && date.len() == 10
        && date.as_bytes()[4] == b'-'
    {
        return (date, Some(time));
    }
    let words: Vec<(usize, &str)> = text
        .split(' ')
        .scan(0, |at, word| {
            let start = *at;
            *at += word.len() + 1;
            Some((start, word))
        })
        .filter(|(_, w)| !w.is_empty())
        .collect();
    let is_time = |w: &str| {
        let w = w.to_ascii_lowercase();
        w.contains(':') || w.ends_with("am") || w.ends_with("pm") || w == "a.m." || w == "p.m."
    };
    let first_time = words.iter().position(|(_, w)| is_time(w));
    match first_time {
        // A time alone (`am` of `2 pm` after the number) takes the word before it too.
        Some(i) if i > 0 => {
            let lower = words[i].1.to_ascii_lowercase();
            let start = if !words[i].1.contains(':')
                && matches!(lower.as_str(), "am" | "pm" | "a.m." | "p.m.")
            {
                words[i - 1].0
            } else {
                words[i].0
            };
            (text[..start].trim_end(), Some(text[start..].trim()))
        }
        _ => (text, None),
    }
}

fn read_date(text: &str, order: DateOrder) -> Result<Date, WhenError> {
    let text = text.trim().trim_end_matches(',');
    if text.chars().any(char::is_alphabetic) {
        return read_named(text);
    }
    let parts: Vec<&str> = text.split(['/', '.', '-']).map(str::trim).collect();
    let numbers: Option<Vec<u32>> = parts
        .iter()
        .map(|p| {
            (!p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.parse().ok())
                .flatten()
        })
        .collect();
    let (Some(numbers), 3) = (numbers, parts.len()) else {
        return Err(WhenError::new(format!("`{text}` is not a date")));
    };
    let (year, first, second) = if parts[0].len() == 4 {
        // ISO order, whatever the separator: year, month, day.
        (numbers[0], numbers[1], numbers[2])
    } else if parts[2].len() == 4 {
        match order {
            DateOrder::DayFirst => (numbers[2], numbers[1], numbers[0]),
            DateOrder::MonthFirst => (numbers[2], numbers[0], numbers[1]),
        }
    } else {
        return Err(
            WhenError::new(format!("`{text}` has no year of four digits")).hint(
                "write the year in full (02/03/2026, not 02/03/26): a two-digit year is not guessed",
            ),
        );
    };
    let (month, day) = (first, second);
    if month > 12 && parts[0].len() != 4 && day <= 12 {
        let hint = match order {
            DateOrder::DayFirst => {
                "this register reads day first; if its dates put the month first, say so: \
                 `dates = \"month-first\"` under [report] in charter.toml"
            }
            DateOrder::MonthFirst => {
                "this register reads month first; if its dates put the day first, remove \
                 `dates = \"month-first\"` from charter.toml"
            }
        };
        return Err(WhenError::new(format!("`{text}` has no month {month}")).hint(hint));
    }
    real_date(year, month, day, text)
}

fn real_date(year: u32, month: u32, day: u32, text: &str) -> Result<Date, WhenError> {
    let fits = |n: u32, max: u32| (1..=max).contains(&n);
    if !(1900..=2200).contains(&year) {
        return Err(WhenError::new(format!(
            "`{text}` is not in the years a register can hold (1900 to 2200): is the year mistyped?"
        )));
    }
    if !fits(month, 12) || !fits(day, 31) {
        return Err(WhenError::new(format!("`{text}` is not a real date")));
    }
    Date::new(year as i16, month as i8, day as i8).map_err(|_| {
        WhenError::new(format!(
            "`{text}` is not a real date (that month is shorter)"
        ))
    })
}

/// `2 March 2026`, `2nd Mar 2026`, `March 2, 2026`, `2 Machi 2026`.
fn read_named(text: &str) -> Result<Date, WhenError> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',' || c == '-' || c == '/')
        .filter(|w| !w.is_empty())
        .collect();
    let not_a_date = || WhenError::new(format!("`{text}` is not a date"));
    let mut month = None;
    let mut numbers = Vec::new();
    for word in &words {
        let digits = word.trim_end_matches(|c: char| c.is_alphabetic() || c == '.');
        if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
            // `2nd`, `3rd`, `21st`: the number before the suffix.
            numbers.push((
                digits.len(),
                digits.parse::<u32>().map_err(|_| not_a_date())?,
            ));
        } else if let Some(m) = month_named(word) {
            if month.replace(m).is_some() {
                return Err(not_a_date());
            }
        } else {
            return Err(WhenError::new(format!(
                "`{text}` is not a date: `{word}` is not a month"
            )));
        }
    }
    let month = month.ok_or_else(not_a_date)?;
    let year = numbers.iter().find(|(len, _)| *len == 4).map(|(_, n)| *n);
    let day = numbers.iter().find(|(len, _)| *len <= 2).map(|(_, n)| *n);
    match (day, year, numbers.len()) {
        (Some(day), Some(year), 2) => real_date(year, month, day, text),
        (_, None, _) => Err(
            WhenError::new(format!("`{text}` has no year of four digits"))
                .hint("write the year in full: 2 March 2026"),
        ),
        _ => Err(not_a_date()),
    }
}

/// The month a word names in any catalogue's language, whole (`March`, `Machi`, `Marso`)
/// or shortened to three letters or more (`Mar`, `Sept.`), when that names only one.
fn month_named(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.').to_lowercase();
    if word.chars().count() < 3 {
        return None;
    }
    let mut found = None;
    for (_, months) in months() {
        for (i, name) in months.iter().enumerate() {
            let name = name.to_lowercase();
            if name == word {
                return Some(i as u32 + 1);
            }
            if name.starts_with(&word) {
                match found {
                    Some(m) if m != i as u32 + 1 => return None,
                    _ => found = Some(i as u32 + 1),
                }
            }
        }
    }
    found
}

/// The month names of every catalogue, read once.
fn months() -> &'static [(&'static str, Vec<String>)] {
    #[derive(serde::Deserialize, Default)]
    struct Dates {
        #[serde(default)]
        months: Vec<String>,
    }
    static MONTHS: std::sync::OnceLock<Vec<(&'static str, Vec<String>)>> =
        std::sync::OnceLock::new();
    MONTHS.get_or_init(|| {
        crate::catalogues::tables::<Dates>("dates")
            .into_iter()
            .map(|(lang, dates)| (lang, dates.months))
            .filter(|(_, months)| months.len() == 12)
            .collect()
    })
}

/// `14:30`, `14:30:15`, `2:30 pm`, `2 pm`, `2pm`.
fn read_time(text: &str) -> Result<Time, WhenError> {
    let bad = || {
        WhenError::new(format!("`{text}` is not a time of day"))
            .hint("write the time as 14:30 or 2:30 pm")
    };
    // `a.m.` and `p.m.` lose their dots; any other dot is not part of a time.
    let lower = text
        .trim()
        .to_ascii_lowercase()
        .replace("a.m.", "am")
        .replace("p.m.", "pm");
    let (clock, half) = if let Some(rest) = lower.strip_suffix("am") {
        (rest.trim(), Some(false))
    } else if let Some(rest) = lower.strip_suffix("pm") {
        (rest.trim(), Some(true))
    } else {
        (lower.trim(), None)
    };
    let parts: Vec<&str> = clock.split(':').collect();
    if parts.len() > 3 || parts.iter().any(|p| p.is_empty() || p.len() > 2) {
        return Err(bad());
    }
    let numbers: Vec<u32> = parts
        .iter()
        .map(|p| p.parse().map_err(|_| bad()))
        .collect::<Result<_, _>>()?;
    if half.is_none() && numbers.len() < 2 {
        return Err(bad());
    }
    let mut hour = numbers[0];
    let minute = numbers.get(1).copied().unwrap_or(0);
    let second = numbers.get(2).copied().unwrap_or(0);
    if let Some(pm) = half {
        if !(1..=12).contains(&hour) {
            return Err(bad());
        }
        hour = hour % 12 + if pm { 12 } else { 0 };
    }
    if hour > 23 || minute > 59 || second > 59 {
        return Err(bad());
    }
    Ok(Time::new(hour as i8, minute as i8, second as i8, 0).expect("checked above"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::{date, time};

    fn day(text: &str) -> Date {
        read_when(text, DateOrder::DayFirst)
            .unwrap_or_else(|e| panic!("{text}: {e:?}"))
            .date
    }

    #[test]
    fn every_form_offices_type_reads_as_the_same_day() {
        for text in [
            "2026-03-02",
            "2026/03/02",
            "02/03/2026",
            "2/3/2026",
            "02.03.2026",
            "02-03-2026",
            "2 March 2026",
            "2 Mar 2026",
            "2nd March 2026",
            "March 2, 2026",
            "Mar. 2 2026",
            "2 MARCH 2026",
            "2 Machi 2026",
            "2 Marso 2026",
            "  2026-03-02  ",
        ] {
            assert_eq!(day(text), date(2026, 3, 2), "{text}");
        }
        assert_eq!(
            read_when("02/03/2026", DateOrder::MonthFirst).unwrap().date,
            date(2026, 2, 3)
        );
        assert_eq!(day("1 Sept 2025"), date(2025, 9, 1));
        assert_eq!(day("21st Desemba 2025"), date(2025, 12, 21));
    }

    #[test]
    fn times_of_day_are_kept_when_given() {
        let at = |text: &str| read_when(text, DateOrder::DayFirst).unwrap();
        assert_eq!(at("2026-03-02").time, None);
        for (text, expected) in [
            ("2026-03-02 14:30", time(14, 30, 0, 0)),
            ("2026-03-02T14:30:15", time(14, 30, 15, 0)),
            ("02/03/2026 2:30 pm", time(14, 30, 0, 0)),
            ("02/03/2026 2:30PM", time(14, 30, 0, 0)),
            ("2 March 2026 9 am", time(9, 0, 0, 0)),
            ("2 March 2026 12:05 a.m.", time(0, 5, 0, 0)),
            ("2 March 2026 12 pm", time(12, 0, 0, 0)),
        ] {
            let when = at(text);
            assert_eq!(when.date, date(2026, 3, 2), "{text}");
            assert_eq!(when.time, Some(expected), "{text}");
        }
    }

    #[test]
    fn what_could_be_misread_is_refused_with_what_to_write() {
        let error = |text: &str, order| read_when(text, order).unwrap_err();
        // A two-digit year is not guessed.
        let e = error("02/03/26", DateOrder::DayFirst);
        assert!(e.message.contains("four digits"), "{e:?}");
        assert!(e.hint.unwrap().contains("in full"));
        // A day-first register with a month-first date: said, not swapped.
        let e = error("03/25/2026", DateOrder::DayFirst);
        assert_eq!(e.message, "`03/25/2026` has no month 25");
        assert!(e.hint.unwrap().contains("month-first"));
        let e = error("25/03/2026", DateOrder::MonthFirst);
        assert!(e.hint.unwrap().contains("day first"));
        // Not real dates.
        for text in ["31/02/2026", "2026-13-01", "00/01/2026", "29 February 2025"] {
            let e = error(text, DateOrder::DayFirst);
            assert!(e.message.contains("not a real date"), "{text}: {e:?}");
        }
        // Real dates, but not a register's.
        for text in ["2 March 0026", "9999-12-31", "01/01/1899"] {
            let e = error(text, DateOrder::DayFirst);
            assert!(e.message.contains("1900 to 2200"), "{text}: {e:?}");
        }
        // Not dates at all.
        for text in [
            "",
            "yesterday",
            "2 Smarch 2026",
            "March 2026",
            "2/3",
            "2026-03-02-01",
            "1e3/02/2026",
            "2 March 2026 25:00",
            "2 March 2026 13 pm",
            "2026-03-02T1430",
        ] {
            assert!(read_when(text, DateOrder::DayFirst).is_err(), "{text}");
        }
        // `Ma` could be March or May: too short to say.
        assert!(read_when("2 Ma 2026", DateOrder::DayFirst).is_err());
    }
}
