//! An office's opening hours: a promise in hours or minutes ("within 2 hours") is kept in
//! the time the office is open, so a request received at 4 pm and done at 9 am the next
//! working day took two hours of an office open 8 am to 5 pm, not seventeen.
//!
//! They come from `charter.toml` (`[report] hours = "08:00-17:00"`), or are read from the
//! charter's own `organization: hours:` words when they hold two times: `8.00 am to 5.00
//! pm`, `0800 – 1700 hours`, `08:00-17:00`, and Kiswahili time, `saa 2.00 asubuhi hadi saa
//! 9.00 alasiri` (the day's hours counted from 6 am: saa 2 in the morning is 8 am, saa 9
//! in the afternoon 3 pm). Words with fewer or other times are not guessed at.

use jiff::civil::Time;

/// When the office is open on a working day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OfficeHours {
    pub open: Time,
    pub close: Time,
}

impl std::fmt::Display for OfficeHours {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}–{}",
            self.open.strftime("%H:%M"),
            self.close.strftime("%H:%M")
        )
    }
}

impl OfficeHours {
    /// `08:00-17:00` (or `8:00 – 17:00`), as `charter.toml` gives it.
    pub fn from_setting(text: &str) -> Result<OfficeHours, String> {
        let wrong = || {
            format!(
                "`[report] hours = \"{text}\"`: write the opening and closing times as \"08:00-17:00\""
            )
        };
        let (open, close) = text.split_once(['-', '–']).ok_or_else(wrong)?;
        let time = |t: &str| {
            let (h, m) = t.trim().split_once([':', '.'])?;
            Time::new(h.parse().ok()?, m.parse().ok()?, 0, 0).ok()
        };
        let (open, close) = (
            time(open).ok_or_else(wrong)?,
            time(close).ok_or_else(wrong)?,
        );
        if close <= open {
            return Err(format!(
                "`[report] hours = \"{text}\"`: the office must close after it opens"
            ));
        }
        Ok(OfficeHours { open, close })
    }

    /// The hours a charter's words give, when they give two times, the second later.
    pub fn read(words: &str) -> Option<OfficeHours> {
        let times = times(words);
        match times.as_slice() {
            [open, close, ..] if close > open => Some(OfficeHours {
                open: *open,
                close: *close,
            }),
            _ => None,
        }
    }

    /// Seconds the office is open on a working day.
    pub fn seconds(self) -> i64 {
        self.open.duration_until(self.close).as_secs()
    }
}

/// The times of day in `words`, in order.
fn times(words: &str) -> Vec<Time> {
    let lower = words.to_lowercase();
    let tokens: Vec<&str> = lower
        .split(|c: char| {
            c.is_whitespace() || c == ',' || c == '–' || c == '-' || c == '(' || c == ')'
        })
        .filter(|t| !t.is_empty())
        .collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let token = tokens[i];
        let next = tokens.get(i + 1).copied().unwrap_or("");
        let after = tokens.get(i + 2).copied().unwrap_or("");
        // Kiswahili: `saa 2.00 asubuhi`, counted from 6 am (and 6 pm).
        if token == "saa"
            && let Some((hour, minute)) = clock(next)
            && hour <= 12
        {
            let hour = (hour + 6) % 12;
            let afternoon = matches!(after, "mchana" | "alasiri" | "jioni" | "usiku");
            let hour = if afternoon && !(after == "usiku" && hour >= 10) {
                hour + 12
            } else {
                hour
            };
            if let Ok(time) = Time::new(hour as i8, minute as i8, 0, 0) {
                found.push(time);
            }
            i += 2;
            continue;
        }
        // `0800` (hours): four digits.
        if token.len() == 4 && token.bytes().all(|b| b.is_ascii_digit()) {
            let (hour, minute) = (
                token[..2].parse().unwrap_or(99),
                token[2..].parse().unwrap_or(99),
            );
            if let Ok(time) = Time::new(hour, minute, 0, 0) {
                found.push(time);
            }
            i += 1;
            continue;
        }
        // `8.00 am`, `5 pm`, `8:00am`, `17:00`.
        let (number, glued) = split_meridiem(token);
        if let Some((hour, minute)) = clock(number) {
            let meridiem = glued.or_else(|| meridiem(next));
            let has_minutes = number.contains(['.', ':']);
            let hour = match meridiem {
                Some(pm) if (1..=12).contains(&hour) => hour % 12 + if pm { 12 } else { 0 },
                Some(_) => 99,
                None if has_minutes => hour,
                None => 99,
            };
            if let Ok(time) = Time::new(hour as i8, minute as i8, 0, 0) {
                found.push(time);
            }
            if glued.is_none() && meridiem.is_some() {
                i += 1;
            }
        }
        i += 1;
    }
    found
}

/// `8`, `8.00`, `08:30` as hour and minute.
fn clock(token: &str) -> Option<(u32, u32)> {
    let token = token.trim_end_matches(['.', ';']);
    let (hour, minute) = match token.split_once(['.', ':']) {
        Some((h, m)) if m.len() == 2 => (h, m),
        Some(_) => return None,
        None => (token, "0"),
    };
    if hour.is_empty() || hour.len() > 2 {
        return None;
    }
    let (hour, minute): (u32, u32) = (hour.parse().ok()?, minute.parse().ok()?);
    (hour <= 24 && minute < 60).then_some((hour, minute))
}

/// `am`/`a.m.` (false) or `pm`/`p.m.` (true).
fn meridiem(token: &str) -> Option<bool> {
    match token.trim_end_matches(['.', ';']) {
        "am" | "a.m" => Some(false),
        "pm" | "p.m" => Some(true),
        _ => None,
    }
}

/// `8am` as `8` and `am`.
fn split_meridiem(token: &str) -> (&str, Option<bool>) {
    for ending in ["a.m.", "p.m.", "a.m", "p.m", "am", "pm"] {
        if let Some(number) = token.strip_suffix(ending)
            && !number.is_empty()
            && number
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b'.' || b == b':')
        {
            return (number, meridiem(ending));
        }
    }
    (token, None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::time;

    fn read(words: &str) -> Option<(Time, Time)> {
        OfficeHours::read(words).map(|h| (h.open, h.close))
    }

    #[test]
    fn hours_are_read_as_offices_write_them() {
        let day = Some((time(8, 0, 0, 0), time(17, 0, 0, 0)));
        assert_eq!(
            read("Monday to Friday, 8.00 am to 5.00 pm, except public holidays"),
            day
        );
        assert_eq!(
            read("Monday to Friday From 0800 – 1700 hours WithoutLunch Break"),
            day
        );
        assert_eq!(read("08:00-17:00"), day);
        assert_eq!(read("8am - 5pm"), day);
        assert_eq!(read("from 8 a.m. to 5 p.m."), day);
        // Kiswahili time: saa 2 asubuhi is 8 am, saa 9 alasiri 3 pm.
        assert_eq!(
            read(
                "Ofisi za Halmashauri ya Wilaya ya Kilosa ziko wazi kuanzia saa 2.00 asubuhi \
                 hadi saa 9.00 alasiri kuaniz ajumatatu hadi Ijumaa."
            ),
            Some((time(8, 0, 0, 0), time(15, 0, 0, 0)))
        );
        assert_eq!(
            read("saa 1:30 asubuhi hadi saa 12 jioni"),
            Some((time(7, 30, 0, 0), time(18, 0, 0, 0)))
        );
    }

    #[test]
    fn words_without_two_times_are_not_guessed_at() {
        assert_eq!(read("Working hours"), None);
        assert_eq!(read("Open 24 hours, 7 days a week"), None);
        assert_eq!(read("Office hours: 5 pm to 8 am"), None);
        assert_eq!(read("Room 12, 2nd floor"), None);
    }

    #[test]
    fn the_setting_is_strict() {
        assert_eq!(
            OfficeHours::from_setting("08:00-17:00")
                .unwrap()
                .to_string(),
            "08:00–17:00"
        );
        assert!(OfficeHours::from_setting("8 to 5").is_err());
        assert!(OfficeHours::from_setting("17:00-08:00").is_err());
        assert!(OfficeHours::from_setting("25:00-26:00").is_err());
    }
}
