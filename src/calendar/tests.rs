//! Working days counted by hand on small calendars, and every built-in holiday file read.

use super::*;
use jiff::civil::date;

/// A calendar for 2022–2026 with the given holidays (TOML lines) and Sunday rule.
fn calendar(sunday: &str, holidays: &str) -> Calendar {
    let text = format!(
        "country = \"XX\"\nname = \"Testland\"\nlaw = \"-\"\nlaw_source = \"-\"\n\
         first_year = 2022\nlast_year = 2026\nsunday = \"{sunday}\"\nsunday_source = \"-\"\n{holidays}"
    );
    Calendar::from_file(holidays::parse(&text).unwrap(), [])
}

fn plain() -> Calendar {
    calendar(
        "none",
        "[[dated]]\ndate = \"2025-03-05\"\nname = \"A Wednesday off\"\nsource = \"-\"\n",
    )
}

#[test]
fn the_day_of_receipt_does_not_count_and_weekends_and_holidays_are_skipped() {
    let cal = plain();
    // Received Monday 3 March 2025; Wednesday 5 is a holiday. Three working days: Tuesday
    // 4, Thursday 6, Friday 7.
    let monday = date(2025, 3, 3);
    assert_eq!(cal.deadline(monday, 3).unwrap(), date(2025, 3, 7));
    assert_eq!(
        cal.working_days_between(monday, date(2025, 3, 7)).unwrap(),
        3
    );
    // Done on the Saturday after: still three working days; on the Monday, four.
    assert_eq!(
        cal.working_days_between(monday, date(2025, 3, 8)).unwrap(),
        3
    );
    assert_eq!(
        cal.working_days_between(monday, date(2025, 3, 10)).unwrap(),
        4
    );
    // Done the same day: none; done on the holiday: one (the Tuesday).
    assert_eq!(cal.working_days_between(monday, monday).unwrap(), 0);
    assert_eq!(
        cal.working_days_between(monday, date(2025, 3, 5)).unwrap(),
        1
    );
    assert_eq!(cal.deadline(monday, 0).unwrap(), monday);
    // Completed before it was received: negative, for the caller to refuse.
    assert_eq!(
        cal.working_days_between(date(2025, 3, 7), monday).unwrap(),
        -3
    );
    assert!(!cal.is_working_day(date(2025, 3, 5)).unwrap());
    assert_eq!(cal.day_off(date(2025, 3, 5)), Some("A Wednesday off"));
    assert!(!cal.is_working_day(date(2025, 3, 8)).unwrap());
    assert!(cal.is_working_day(date(2025, 3, 6)).unwrap());
}

#[test]
fn a_request_received_at_the_weekend_counts_from_the_monday() {
    let cal = plain();
    // Friday 7 March, one working day: Monday 10. Received Saturday 8 or Sunday 9: the
    // same Monday.
    for received in [date(2025, 3, 7), date(2025, 3, 8), date(2025, 3, 9)] {
        assert_eq!(cal.deadline(received, 1).unwrap(), date(2025, 3, 10));
    }
}

#[test]
fn a_sunday_holiday_gives_the_monday_where_the_law_says_so() {
    let fixed = "[[fixed]]\ndate = \"06-01\"\nname = \"Founders' Day\"\n";
    // 1 June 2025 is a Sunday.
    let moves = calendar("next-monday", fixed);
    assert_eq!(
        moves.day_off(date(2025, 6, 2)),
        Some("Founders' Day (observed)")
    );
    // Received Friday 30 May, two working days: Tuesday 3 and Wednesday 4 June.
    assert_eq!(
        moves.deadline(date(2025, 5, 30), 2).unwrap(),
        date(2025, 6, 4)
    );
    let stays = calendar("none", fixed);
    assert!(stays.is_working_day(date(2025, 6, 2)).unwrap());
    assert_eq!(
        stays.deadline(date(2025, 5, 30), 2).unwrap(),
        date(2025, 6, 3)
    );
    // 25 December 2022 is a Sunday and the 26th a holiday already: the Tuesday is off.
    let christmas = calendar(
        "next-monday",
        "[[fixed]]\ndate = \"12-25\"\nname = \"Christmas Day\"\n\
         [[fixed]]\ndate = \"12-26\"\nname = \"Boxing Day\"\n",
    );
    assert_eq!(
        christmas.day_off(date(2022, 12, 27)),
        Some("Christmas Day (observed)")
    );
    assert!(christmas.is_working_day(date(2022, 12, 28)).unwrap());
}

#[test]
fn easter_holidays_move_with_easter_and_fixed_ones_keep_their_years() {
    let cal = calendar(
        "none",
        "[[easter]]\noffset = -2\nname = \"Good Friday\"\n\
         [[easter]]\noffset = 1\nname = \"Easter Monday\"\n\
         [[fixed]]\ndate = \"10-10\"\nname = \"New Day\"\nsince = 2024\n\
         [[fixed]]\ndate = \"10-11\"\nname = \"Old Day\"\nuntil = 2023\n",
    );
    // Easter 2025 is 20 April: Friday 18 and Monday 21 off. Received Thursday 17, two
    // working days: Tuesday 22 and Wednesday 23.
    assert_eq!(cal.day_off(date(2025, 4, 18)), Some("Good Friday"));
    assert_eq!(cal.day_off(date(2025, 4, 21)), Some("Easter Monday"));
    assert_eq!(
        cal.deadline(date(2025, 4, 17), 2).unwrap(),
        date(2025, 4, 23)
    );
    // Easter 2024 is 31 March.
    assert_eq!(cal.day_off(date(2024, 3, 29)), Some("Good Friday"));
    assert_eq!(cal.day_off(date(2023, 10, 10)), None);
    assert_eq!(cal.day_off(date(2024, 10, 10)), Some("New Day"));
    assert_eq!(cal.day_off(date(2023, 10, 11)), Some("Old Day"));
    assert_eq!(cal.day_off(date(2024, 10, 11)), None);
}

#[test]
fn an_offices_closures_are_days_off() {
    let closures = [(date(2025, 3, 4), "Stocktaking".to_owned())];
    let text = "country = \"XX\"\nname = \"Testland\"\nlaw = \"-\"\nlaw_source = \"-\"\n\
                first_year = 2025\nlast_year = 2025\nsunday = \"none\"\nsunday_source = \"-\"\n";
    let cal = Calendar::from_file(holidays::parse(text).unwrap(), closures);
    assert_eq!(cal.day_off(date(2025, 3, 4)), Some("Stocktaking"));
    assert_eq!(cal.deadline(date(2025, 3, 3), 3).unwrap(), date(2025, 3, 7));
}

#[test]
fn dates_outside_the_known_years_are_refused_plainly() {
    let cal = plain();
    let error = cal.deadline(date(2027, 1, 4), 1).unwrap_err();
    assert_eq!(
        error.to_string(),
        "2027-01-04 is outside the years whose public holidays in Testland are known \
         (2022 to 2026): working days cannot be counted there"
    );
    assert!(
        cal.working_days_between(date(2021, 12, 31), date(2022, 1, 3))
            .is_err()
    );
    assert!(cal.is_working_day(date(2027, 1, 1)).is_err());
    // A promise whose deadline falls past the last known year.
    assert!(matches!(
        cal.deadline(date(2026, 12, 30), 5),
        Err(CalendarError::NotCovered { .. })
    ));
    let unknown = Calendar::new("zz", []).unwrap_err();
    assert!(
        unknown.to_string().contains("`zz`") && unknown.to_string().contains("KE"),
        "{unknown}"
    );
}

/// Over every day of a year and promises of 0 to 20 working days, the deadline is a
/// working day (or the day of receipt for 0), exactly `n` working days after receipt,
/// and the first day that is.
#[test]
fn deadlines_and_counts_agree_everywhere() {
    let cal = calendar(
        "next-monday",
        "[[fixed]]\ndate = \"01-01\"\nname = \"New Year\"\n\
         [[easter]]\noffset = -2\nname = \"Good Friday\"\n\
         [[dated]]\ndate = \"2024-04-10\"\nname = \"Feast\"\nsource = \"-\"\n",
    );
    for received in date(2024, 1, 1).series(1.day()).take(366) {
        for n in 0..=20 {
            let due = cal.deadline(received, n).unwrap();
            assert_eq!(
                cal.working_days_between(received, due).unwrap(),
                i64::from(n),
                "{received} + {n}"
            );
            if n > 0 {
                assert!(cal.is_working_day(due).unwrap(), "{received} + {n}: {due}");
                let before = due.yesterday().unwrap();
                assert!(cal.working_days_between(received, before).unwrap() < i64::from(n));
            }
        }
    }
}

/// Every built-in holiday file parses, lists its one-year holidays inside the years it
/// covers with a source each, and gives real dates.
#[test]
fn every_holiday_file_is_complete_and_sourced() {
    for (code, text) in holidays::FILES {
        let file = holidays::parse(text).unwrap_or_else(|e| panic!("{code}: {e}"));
        assert_eq!(file.country.to_ascii_lowercase(), *code);
        assert!(file.first_year <= file.last_year, "{code}");
        assert!(
            !file.law.is_empty() && file.law_source.starts_with("http"),
            "{code}"
        );
        for fixed in &file.fixed {
            let year = fixed.since.unwrap_or(file.first_year).max(file.first_year);
            assert!(
                fixed.in_year(year).is_some() || fixed.until.is_some_and(|u| u < year),
                "{code}: {} is not a date",
                fixed.date
            );
        }
        for dated in &file.dated {
            let day = dated
                .day()
                .unwrap_or_else(|| panic!("{code}: {} is not a date", dated.date));
            assert!(
                (file.first_year..=file.last_year).contains(&day.year()),
                "{code}: {} is outside {}–{}",
                dated.date,
                file.first_year,
                file.last_year
            );
            assert!(
                dated.source.contains("http"),
                "{code}: {} {} has no source",
                dated.date,
                dated.name
            );
        }
        // Its calendar builds, and has days off beyond weekends in every year.
        let cal = Calendar::new(code, []).unwrap();
        for year in file.first_year..=file.last_year {
            let off = cal.days_off.keys().filter(|d| d.year() == year).count();
            assert!(off >= 8, "{code} {year}: only {off} holidays");
        }
    }
}

/// Deadlines worked out by hand from each country's published holidays.
#[test]
fn real_calendars_give_the_deadlines_counted_by_hand() {
    let kenya = Calendar::new("KE", []).unwrap();
    // Madaraka Day, Sunday 1 June 2025, gives Monday 2 June: received Thursday 29 May,
    // three working days are Friday 30 May, Tuesday 3 and Wednesday 4 June.
    assert_eq!(
        kenya.deadline(date(2025, 5, 29), 3).unwrap(),
        date(2025, 6, 4)
    );
    // Friday 17 October 2025 (declared for Raila Odinga) and Mashujaa Day, Monday 20:
    // received Thursday 16, one working day is Tuesday 21.
    assert_eq!(
        kenya.deadline(date(2025, 10, 16), 1).unwrap(),
        date(2025, 10, 21)
    );
    // Mashujaa Day, Sunday 20 October 2024, gives Monday 21.
    assert_eq!(
        kenya.deadline(date(2024, 10, 18), 1).unwrap(),
        date(2024, 10, 22)
    );
    let tanzania = Calendar::new("tz", []).unwrap();
    // Eid el-Fitr, Wednesday 10 and Thursday 11 April 2024: received Tuesday 9, two
    // working days are Friday 12 and Monday 15.
    assert_eq!(
        tanzania.deadline(date(2024, 4, 9), 2).unwrap(),
        date(2024, 4, 15)
    );
}

/// The Philippines' Holy Week and India's festivals, counted by hand.
#[test]
fn holy_week_and_festivals_are_days_off() {
    let philippines = Calendar::new("PH", []).unwrap();
    // Maundy Thursday 17 and Good Friday 18 April 2025: received Wednesday 16, one
    // working day is Monday 21.
    assert_eq!(
        philippines.deadline(date(2025, 4, 16), 1).unwrap(),
        date(2025, 4, 21)
    );
    let india = Calendar::new("IN", []).unwrap();
    // Gandhi Jayanti and Dussehra, Thursday 2 October 2025: received Wednesday 1, one
    // working day is Friday 3. Diwali, Monday 20 October: received Friday 17, Tuesday 21.
    assert_eq!(
        india.deadline(date(2025, 10, 1), 1).unwrap(),
        date(2025, 10, 3)
    );
    assert_eq!(
        india.deadline(date(2025, 10, 17), 1).unwrap(),
        date(2025, 10, 21)
    );
}

#[test]
fn a_year_past_the_file_is_counted_when_the_office_lists_its_movable_holidays() {
    let idd = (date(2026, 3, 20), "Idd-ul-Fitr".to_owned());
    let kenya = Calendar::through("KE", [idd], Some(2026)).unwrap();
    assert_eq!(
        kenya.described(),
        "Kenya (2026: movable holidays as charter.toml lists them)"
    );
    // The law's own days come from the file: Good Friday 3 April and Easter Monday 6 April
    // 2026, Madaraka Day on Monday 1 June; the office's: Idd-ul-Fitr on Friday 20 March.
    for day in [
        date(2026, 3, 20),
        date(2026, 4, 3),
        date(2026, 4, 6),
        date(2026, 6, 1),
        date(2026, 12, 25),
    ] {
        assert!(!kenya.is_working_day(day).unwrap(), "{day}");
    }
    assert!(kenya.is_working_day(date(2026, 3, 19)).unwrap());
    // Thursday 19 March: 3 working days later is Wednesday 25 March, past the Friday.
    assert_eq!(
        kenya.deadline(date(2026, 3, 19), 3).unwrap(),
        date(2026, 3, 25)
    );
    assert!(matches!(
        kenya.is_working_day(date(2027, 1, 4)),
        Err(CalendarError::NotCovered { .. })
    ));
    // Without it, 2026 is not counted.
    assert!(
        Calendar::new("KE", [])
            .unwrap()
            .is_working_day(date(2026, 3, 19))
            .is_err()
    );
}
