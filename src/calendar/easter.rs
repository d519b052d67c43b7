//! Western (Gregorian) Easter Sunday: Good Friday, Easter Monday and the Philippines' Holy
//! Week move with it. Computed rather than listed, so that a holiday file says "two days
//! before Easter" once instead of a date per year.

use jiff::civil::Date;

/// Easter Sunday of `year` by the anonymous Gregorian algorithm (Meeus, *Astronomical
/// Algorithms*, ch. 8), valid for every Gregorian year.
pub fn easter_sunday(year: i16) -> Date {
    let y = i32::from(year);
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    // Both are small by construction: month is 3 or 4, day 1 to 31.
    Date::new(year, month as i8, day as i8).expect("the algorithm gives a real date")
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn easter_matches_the_published_dates() {
        // From the tables of the Church's calendar (and any almanac).
        for (year, month, day) in [
            (2000, 4, 23),
            (2008, 3, 23),
            (2011, 4, 24),
            (2019, 4, 21),
            (2023, 4, 9),
            (2024, 3, 31),
            (2025, 4, 20),
            (2026, 4, 5),
            (2027, 3, 28),
            (2038, 4, 25),
        ] {
            assert_eq!(easter_sunday(year), date(year, month, day), "{year}");
        }
    }
}
