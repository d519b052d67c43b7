//! What a charter's promise allows, in the unit it counts in, and how long one request
//! took in that unit: the measure of the results report (issue 17).
//!
//! A promise is measured as the charter states it: working days on the country's
//! calendar, calendar days, months, hours and minutes as elapsed time; a range by its
//! upper bound (the office promised no more than that); a timeline that differs by case by
//! the row's case. What cannot be measured (`{text: ...}`, a frequency, "within 3 rings")
//! says why, so the report can state it rather than drop the service.

use jiff::civil::Date;

use super::when::When;
use crate::calendar::{Calendar, CalendarError};
use crate::model::timeline::{Basis, Timeline, TimelineKind, Unit};

/// The longest a promise allows, in the unit it is measured in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Limit {
    /// Working days after the day of receipt.
    WorkingDays(u32),
    /// Calendar days after the day of receipt.
    Days(u32),
    /// Calendar months after the day of receipt (a year is twelve).
    Months(u32),
    /// Elapsed minutes from the moment of receipt (promises in hours and minutes).
    Minutes(u64),
}

/// Why a service's promise cannot be measured.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unmeasurable {
    /// The service states no timeline.
    NoTimeline,
    /// Words with no time in them (`{text: ...}`, "Continuous").
    Vague,
    /// How often something happens, not how long a request takes.
    Frequency,
    /// A telephone answered within so many rings: a count, not a time.
    Rings,
    /// A number with no unit (`15`).
    NoUnit,
    /// Longer than anything can be counted in (over 4 billion of its unit).
    TooLong,
    /// In working days, in a country whose public holidays are not known.
    NoHolidays(String),
    /// The timeline differs by case and the row names none (the cases are listed).
    NeedsCase(Vec<String>),
    /// The row's case is none of the timeline's.
    UnknownCase { case: String, cases: Vec<String> },
}

/// How long one request took, in its promise's unit, and whether the promise was kept.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Taken {
    /// Working days, days (for promises in days or months) or minutes.
    pub amount: i64,
    pub met: bool,
}

/// What became of one request, measured against its promise.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Measured {
    /// Completed, in this time.
    Done(Taken),
    /// Still pending at the end of the day judged on, past its promise or not.
    Pending { overdue: bool },
}

/// Why a request cannot be measured against its promise.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NotMeasured {
    /// Completed before it was received.
    Backwards,
    /// A promise in hours or minutes, but the register gives no time of day.
    NoTimeOfDay,
    /// A date outside the years whose holidays are known.
    Calendar(CalendarError),
}

impl std::fmt::Display for Unmeasurable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unmeasurable::NoTimeline => f.write_str("the charter gives no time for it"),
            Unmeasurable::Vague => f.write_str("its time is in words with no duration in them"),
            Unmeasurable::Frequency => {
                f.write_str("its time says how often, not how long a request takes")
            }
            Unmeasurable::Rings => f.write_str("its time is a number of rings, not a time"),
            Unmeasurable::NoUnit => f.write_str("its time is a number with no unit"),
            Unmeasurable::TooLong => f.write_str("its time is too long to count"),
            Unmeasurable::NoHolidays(country) => write!(
                f,
                "its time is in working days, and the public holidays of {country} are not known to charter"
            ),
            Unmeasurable::NeedsCase(cases) => write!(
                f,
                "its time differs by case ({}), and the row names none",
                cases.join(", ")
            ),
            Unmeasurable::UnknownCase { case, cases } => write!(
                f,
                "its time differs by case, and `{case}` is none of them ({})",
                cases.join(", ")
            ),
        }
    }
}

impl std::fmt::Display for NotMeasured {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NotMeasured::Backwards => f.write_str("it was completed before it was received"),
            NotMeasured::NoTimeOfDay => f.write_str(
                "its promise is in hours or minutes, and the register gives no time of day",
            ),
            NotMeasured::Calendar(error) => error.fmt(f),
        }
    }
}

impl Limit {
    /// The unit it counts in, as the report names it.
    pub fn unit(self) -> &'static str {
        match self {
            Limit::WorkingDays(_) => "working days",
            Limit::Days(_) => "days",
            Limit::Months(_) => "months",
            Limit::Minutes(_) => "minutes",
        }
    }

    /// How many of its unit it allows.
    pub fn amount(self) -> u64 {
        match self {
            Limit::WorkingDays(n) | Limit::Days(n) | Limit::Months(n) => u64::from(n),
            Limit::Minutes(n) => n,
        }
    }

    /// The limit `timeline` sets for a request of `case` (the register's case column).
    pub fn of(timeline: &Timeline, case: Option<&str>) -> Result<Limit, Unmeasurable> {
        let duration = match &timeline.kind {
            TimelineKind::Duration(duration) => duration,
            TimelineKind::Cases { cases } => {
                let names = || -> Vec<String> {
                    cases
                        .iter()
                        .filter_map(|c| c.case.all().next().map(str::to_owned))
                        .collect()
                };
                let Some(case) = case.map(str::trim).filter(|c| !c.is_empty()) else {
                    return Err(Unmeasurable::NeedsCase(names()));
                };
                let found = cases.iter().find(|c| {
                    c.case
                        .all()
                        .any(|name| name.trim().eq_ignore_ascii_case(case))
                });
                return match found {
                    Some(found) => Limit::of(&found.timeline, None),
                    None => Err(Unmeasurable::UnknownCase {
                        case: case.to_owned(),
                        cases: names(),
                    }),
                };
            }
            TimelineKind::Every(_) => return Err(Unmeasurable::Frequency),
            TimelineKind::Rings { .. } => return Err(Unmeasurable::Rings),
            TimelineKind::Vague => return Err(Unmeasurable::Vague),
        };
        let unit = duration.unit.ok_or(Unmeasurable::NoUnit)?;
        // A range is kept within its upper bound.
        let n = u64::from(duration.max.unwrap_or(duration.amount));
        let working = duration.basis == Some(Basis::Working);
        // Every part in the first part's measure (`1 week and 3 days` is 10 days, `1 year
        // and 6 months` 18 months). A part shorter than a day is not counted in days: a
        // register's days are whole, and a request done on the 4th day took more than `3
        // days and 10 minutes` (on the 3rd, it kept them). A part shorter than a month
        // reaches into the next one (`1 month and 15 days` is kept within 2 months).
        let parts = std::iter::once((n, unit))
            .chain(duration.plus.iter().map(|(n, u)| (u64::from(*n), *u)));
        let week = if working { 5 } else { 7 };
        let too_long = || Unmeasurable::TooLong;
        let small = |n: u64| u32::try_from(n).map_err(|_| too_long());
        Ok(match unit {
            Unit::Days | Unit::Weeks => {
                let mut days = 0u64;
                for (n, unit) in parts {
                    match unit {
                        Unit::Days => days = days.checked_add(n).ok_or_else(too_long)?,
                        Unit::Weeks => {
                            let d = n.checked_mul(week).ok_or_else(too_long)?;
                            days = days.checked_add(d).ok_or_else(too_long)?;
                        }
                        _ => {}
                    }
                }
                let days = small(days)?;
                if working {
                    Limit::WorkingDays(days)
                } else {
                    Limit::Days(days)
                }
            }
            Unit::Months | Unit::Years => {
                let (mut months, mut more) = (0u64, 0);
                for (n, unit) in parts {
                    match unit {
                        Unit::Months => months = months.checked_add(n).ok_or_else(too_long)?,
                        Unit::Years => {
                            let m = n.checked_mul(12).ok_or_else(too_long)?;
                            months = months.checked_add(m).ok_or_else(too_long)?;
                        }
                        _ => more = 1,
                    }
                }
                Limit::Months(small(months + more)?)
            }
            Unit::Hours | Unit::Minutes | Unit::Seconds => {
                let mut minutes = 0u64;
                for (n, unit) in parts {
                    let m = match unit {
                        Unit::Seconds => n.div_ceil(60),
                        Unit::Minutes => n,
                        Unit::Hours => n * 60,
                        Unit::Days => n * 1440,
                        Unit::Weeks => n * 7 * 1440,
                        Unit::Months | Unit::Years => return Err(too_long()),
                    };
                    minutes = minutes.checked_add(m).ok_or_else(too_long)?;
                }
                Limit::Minutes(minutes)
            }
        })
    }

    /// How long a request received at `received` and completed at `done` took, and
    /// whether that kept the promise.
    pub fn taken(
        self,
        calendar: &Calendar,
        received: When,
        done: When,
    ) -> Result<Taken, NotMeasured> {
        if done.before(received) {
            return Err(NotMeasured::Backwards);
        }
        let (amount, limit) = match self {
            Limit::WorkingDays(n) => (
                calendar
                    .working_days_between(received.date, done.date)
                    .map_err(NotMeasured::Calendar)?,
                i64::from(n),
            ),
            Limit::Days(n) => (days_between(received.date, done.date), i64::from(n)),
            Limit::Months(n) => {
                // Kept when done on or before the same day `n` months on (the month's last
                // day when it is shorter: 31 January + 1 month is 28 or 29 February). The
                // time taken is told in days: a request done in 3 days did not take "a
                // month".
                let months = months_taken(received.date, done.date);
                return Ok(Taken {
                    amount: days_between(received.date, done.date),
                    met: months <= i64::from(n),
                });
            }
            Limit::Minutes(n) => {
                let (Some(from), Some(to)) = (received.time, done.time) else {
                    return Err(NotMeasured::NoTimeOfDay);
                };
                let (from, to) = (received.date.to_datetime(from), done.date.to_datetime(to));
                // The office's open time when its hours are known, else the time elapsed.
                let seconds = match calendar
                    .office_seconds(from, to)
                    .map_err(NotMeasured::Calendar)?
                {
                    Some(seconds) => seconds,
                    None => from.duration_until(to).as_secs(),
                };
                // Started minutes count: 48 hours and 10 seconds is past 48 hours.
                (
                    seconds.div_euclid(60) + i64::from(seconds.rem_euclid(60) > 0),
                    i64::try_from(n).unwrap_or(i64::MAX),
                )
            }
        };
        Ok(Taken {
            amount,
            met: amount <= limit,
        })
    }
}

impl Limit {
    /// A request received at `received`, completed at `completed` (`None`: pending on
    /// `as_of`), measured against this limit.
    pub fn measure(
        self,
        calendar: &Calendar,
        received: When,
        completed: Option<When>,
        as_of: Date,
    ) -> Result<Measured, NotMeasured> {
        Ok(match completed {
            Some(done) => Measured::Done(self.taken(calendar, received, done)?),
            None => Measured::Pending {
                overdue: self.overdue(calendar, received, as_of)?,
            },
        })
    }

    /// Whether a request received at `received` and still pending at the end of the day
    /// `as_of` is past its promise: the last day (or moment) it allows has gone by.
    pub fn overdue(
        self,
        calendar: &Calendar,
        received: When,
        as_of: Date,
    ) -> Result<bool, NotMeasured> {
        // A last day past what dates can hold is never reached.
        let last_day = match self {
            Limit::WorkingDays(n) => match calendar.deadline(received.date, n) {
                Ok(day) => Some(day),
                // Due after the last day whose holidays are known, judged before it: not
                // past yet, whatever the holidays after it.
                Err(_) if as_of <= calendar.last_day() && received.date <= as_of => None,
                Err(error) => return Err(NotMeasured::Calendar(error)),
            },
            Limit::Days(n) => jiff::Span::new()
                .try_days(i64::from(n))
                .ok()
                .and_then(|span| received.date.checked_add(span).ok()),
            Limit::Months(n) => jiff::Span::new()
                .try_months(i64::from(n))
                .ok()
                .and_then(|span| received.date.checked_add(span).ok()),
            Limit::Minutes(n) => {
                let time = received.time.ok_or(NotMeasured::NoTimeOfDay)?;
                let minutes = i64::try_from(n).unwrap_or(i64::MAX / 60);
                let from = received.date.to_datetime(time);
                match calendar.office_deadline(from, minutes.saturating_mul(60)) {
                    Ok(Some(day)) => Some(day),
                    Ok(None) => jiff::SignedDuration::try_from_mins(minutes)
                        .and_then(|d| from.checked_add(d).ok())
                        .map(|due| due.date()),
                    // As for working days: due past the known years, judged before them.
                    Err(_) if as_of <= calendar.last_day() && received.date <= as_of => None,
                    Err(error) => return Err(NotMeasured::Calendar(error)),
                }
            }
        };
        // Its last day has come by the end of `as_of`, and it is not done: past.
        Ok(last_day.is_some_and(|day| day <= as_of))
    }
}

fn days_between(from: Date, to: Date) -> i64 {
    i64::from((to - from).get_days())
}

/// The months started from `from` to `to`: the least `m` with `from` + `m` months
/// (clamped to a shorter month's last day) on or after `to`, so that a request took at
/// most `n` months exactly when it kept a promise of `n` (31 January to 28 February is one
/// month; to 1 March, two).
fn months_taken(from: Date, to: Date) -> i64 {
    let add = |m: i64| {
        jiff::Span::new()
            .try_months(m)
            .ok()
            .and_then(|span| from.checked_add(span).ok())
    };
    let mut months = ((i64::from(to.year()) - i64::from(from.year())) * 12 + i64::from(to.month())
        - i64::from(from.month()))
    .max(0);
    while months > 0 && add(months).is_none_or(|d| d > to) {
        months -= 1;
    }
    while add(months + 1).is_some_and(|d| d <= to) {
        months += 1;
    }
    if add(months).is_some_and(|d| d < to) {
        months += 1;
    }
    months
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::holidays;
    use crate::model::Text;
    use crate::model::timeline::{Duration, TimelineCase};
    use crate::reading::Measure;
    use crate::span::Span;
    use jiff::civil::{date, time};

    fn duration(amount: u32, max: Option<u32>, unit: Unit, basis: Option<Basis>) -> Timeline {
        Timeline {
            span: Span::default(),
            written: None,
            kind: TimelineKind::Duration(Duration {
                measure: Measure {
                    amount,
                    max,
                    unit: Some(unit),
                    basis,
                    plus: Vec::new(),
                },
                qualifier: None,
            }),
        }
    }

    /// Testland, 2025: weekends off, and Wednesday 5 March.
    fn calendar() -> Calendar {
        let text = "country = \"XX\"\nname = \"Testland\"\nlaw = \"-\"\nlaw_source = \"-\"\n\
                    first_year = 2025\nlast_year = 2025\nsunday = \"none\"\nsunday_source = \"-\"\n\
                    [[dated]]\ndate = \"2025-03-05\"\nname = \"Holiday\"\nsource = \"-\"\n";
        Calendar::from_file(holidays::parse(text).unwrap(), [])
    }

    fn on(d: Date) -> When {
        When {
            date: d,
            time: None,
        }
    }

    #[test]
    fn promises_become_limits_as_the_charter_states_them() {
        let working = Some(Basis::Working);
        let of = |t: Timeline| Limit::of(&t, None).unwrap();
        assert_eq!(
            of(duration(7, None, Unit::Days, working)),
            Limit::WorkingDays(7)
        );
        assert_eq!(of(duration(7, None, Unit::Days, None)), Limit::Days(7));
        assert_eq!(
            of(duration(7, None, Unit::Days, Some(Basis::Calendar))),
            Limit::Days(7)
        );
        assert_eq!(
            of(duration(5, Some(7), Unit::Days, working)),
            Limit::WorkingDays(7)
        );
        assert_eq!(
            of(duration(2, None, Unit::Weeks, working)),
            Limit::WorkingDays(10)
        );
        assert_eq!(of(duration(2, None, Unit::Weeks, None)), Limit::Days(14));
        assert_eq!(of(duration(3, None, Unit::Months, None)), Limit::Months(3));
        assert_eq!(of(duration(1, None, Unit::Years, None)), Limit::Months(12));
        assert_eq!(
            of(duration(48, None, Unit::Hours, None)),
            Limit::Minutes(2880)
        );
        assert_eq!(
            of(duration(30, None, Unit::Minutes, None)),
            Limit::Minutes(30)
        );
        let mut mixed = duration(3, None, Unit::Days, working);
        if let TimelineKind::Duration(d) = &mut mixed.kind {
            d.measure.plus.push((10, Unit::Minutes));
        }
        assert_eq!(of(mixed), Limit::WorkingDays(3));
        // Parts of a day or longer count exactly, in the first part's measure.
        let with = |amount, unit, basis, plus: &[(u32, Unit)]| {
            let mut t = duration(amount, None, unit, basis);
            if let TimelineKind::Duration(d) = &mut t.kind {
                d.measure.plus = plus.to_vec();
            }
            Limit::of(&t, None)
        };
        assert_eq!(
            with(1, Unit::Weeks, None, &[(3, Unit::Days)]),
            Ok(Limit::Days(10))
        );
        assert_eq!(
            with(2, Unit::Weeks, working, &[(3, Unit::Days)]),
            Ok(Limit::WorkingDays(13))
        );
        assert_eq!(
            with(1, Unit::Years, None, &[(6, Unit::Months)]),
            Ok(Limit::Months(18))
        );
        assert_eq!(
            with(1, Unit::Hours, None, &[(30, Unit::Minutes)]),
            Ok(Limit::Minutes(90))
        );
        // Past what can be counted: said, never wrapped round.
        assert_eq!(
            with(1_000_000_000, Unit::Weeks, None, &[]),
            Err(Unmeasurable::TooLong)
        );
        assert_eq!(
            with(u32::MAX, Unit::Days, None, &[(1, Unit::Hours)]),
            Ok(Limit::Days(u32::MAX))
        );
        assert_eq!(
            with(u32::MAX, Unit::Days, None, &[(1, Unit::Days)]),
            Err(Unmeasurable::TooLong)
        );
    }

    #[test]
    fn what_has_no_time_in_it_says_why() {
        let vague = Timeline {
            span: Span::default(),
            written: None,
            kind: TimelineKind::Vague,
        };
        assert_eq!(Limit::of(&vague, None), Err(Unmeasurable::Vague));
        let rings = Timeline {
            kind: TimelineKind::Rings { rings: 3 },
            ..vague.clone()
        };
        assert_eq!(Limit::of(&rings, None), Err(Unmeasurable::Rings));
        let mut bare = duration(15, None, Unit::Days, None);
        if let TimelineKind::Duration(d) = &mut bare.kind {
            d.measure.unit = None;
        }
        assert_eq!(Limit::of(&bare, None), Err(Unmeasurable::NoUnit));
    }

    #[test]
    fn a_timeline_by_case_is_measured_by_the_rows_case() {
        let case = |name: &str, t: Timeline| TimelineCase {
            case: Text::plain(name, Span::default()),
            timeline: t,
        };
        let timeline = Timeline {
            span: Span::default(),
            written: None,
            kind: TimelineKind::Cases {
                cases: vec![
                    case(
                        "Head office",
                        duration(2, None, Unit::Days, Some(Basis::Working)),
                    ),
                    case(
                        "Sub-county",
                        duration(5, None, Unit::Days, Some(Basis::Working)),
                    ),
                ],
            },
        };
        assert_eq!(
            Limit::of(&timeline, Some("sub-county ")),
            Ok(Limit::WorkingDays(5))
        );
        assert_eq!(
            Limit::of(&timeline, None),
            Err(Unmeasurable::NeedsCase(vec![
                "Head office".into(),
                "Sub-county".into()
            ]))
        );
        assert!(matches!(
            Limit::of(&timeline, Some("Ward")),
            Err(Unmeasurable::UnknownCase { .. })
        ));
    }

    #[test]
    fn a_request_is_measured_in_its_promises_unit() {
        let cal = calendar();
        let monday = date(2025, 3, 3);
        // Three working days from Monday 3 March (Wednesday 5 off): Friday 7 is kept,
        // Monday 10 is not.
        let three = Limit::WorkingDays(3);
        let kept = three.taken(&cal, on(monday), on(date(2025, 3, 7))).unwrap();
        assert_eq!(
            kept,
            Taken {
                amount: 3,
                met: true
            }
        );
        let late = three
            .taken(&cal, on(monday), on(date(2025, 3, 10)))
            .unwrap();
        assert_eq!(
            late,
            Taken {
                amount: 4,
                met: false
            }
        );
        // Calendar days count the weekend and the holiday.
        let days = Limit::Days(3).taken(&cal, on(monday), on(date(2025, 3, 7)));
        assert_eq!(
            days.unwrap(),
            Taken {
                amount: 4,
                met: false
            }
        );
        // Months: 31 January + 1 month is 28 February; a day more is a second month. The
        // time taken is told in days.
        let month = Limit::Months(1);
        let jan = on(date(2025, 1, 31));
        let feb = month.taken(&cal, jan, on(date(2025, 2, 28))).unwrap();
        assert_eq!(
            feb,
            Taken {
                amount: 28,
                met: true
            }
        );
        let march = month.taken(&cal, jan, on(date(2025, 3, 1))).unwrap();
        assert_eq!(
            march,
            Taken {
                amount: 29,
                met: false
            }
        );
        assert_eq!(month.taken(&cal, jan, jan).unwrap().amount, 0);
        assert!(
            Limit::Months(100_000)
                .taken(&cal, jan, on(date(2025, 3, 1)))
                .unwrap()
                .met
        );
        // A day's completion without a time is not before a receipt with one.
        let at_half_two = When {
            date: monday,
            time: Some(time(14, 30, 0, 0)),
        };
        assert_eq!(
            three.taken(&cal, at_half_two, on(monday)).unwrap(),
            Taken {
                amount: 0,
                met: true
            }
        );
        // Hours need the time of day, and count across midnight.
        let hours = Limit::Minutes(48 * 60);
        let at = |d: Date, h: i8, m: i8| When {
            date: d,
            time: Some(time(h, m, 0, 0)),
        };
        let two_days = hours
            .taken(&cal, at(monday, 9, 0), at(date(2025, 3, 5), 9, 0))
            .unwrap();
        assert_eq!(
            two_days,
            Taken {
                amount: 2880,
                met: true
            }
        );
        let a_minute_more = hours
            .taken(&cal, at(monday, 9, 0), at(date(2025, 3, 5), 9, 1))
            .unwrap();
        assert!(!a_minute_more.met);
        assert_eq!(
            hours.taken(&cal, on(monday), on(date(2025, 3, 4))),
            Err(NotMeasured::NoTimeOfDay)
        );
        // Backwards, and past the calendar's years.
        assert_eq!(
            three.taken(&cal, on(date(2025, 3, 7)), on(monday)),
            Err(NotMeasured::Backwards)
        );
        assert!(matches!(
            three.taken(&cal, on(date(2025, 12, 30)), on(date(2026, 1, 2))),
            Err(NotMeasured::Calendar(_))
        ));
    }

    #[test]
    fn a_pending_request_is_overdue_once_its_last_day_has_gone_by() {
        let cal = calendar();
        let monday = on(date(2025, 3, 3));
        // Three working days from Monday 3 March end on Friday 7: still pending at the end
        // of that day, it is past.
        let three = Limit::WorkingDays(3);
        assert!(!three.overdue(&cal, monday, date(2025, 3, 6)).unwrap());
        assert!(three.overdue(&cal, monday, date(2025, 3, 7)).unwrap());
        let days = Limit::Days(3);
        assert!(!days.overdue(&cal, monday, date(2025, 3, 5)).unwrap());
        assert!(days.overdue(&cal, monday, date(2025, 3, 6)).unwrap());
        // Due after the last day whose holidays are known, judged before it: not past.
        let late_in_year = on(date(2025, 12, 22));
        assert!(
            !Limit::WorkingDays(7)
                .overdue(&cal, late_in_year, date(2025, 12, 23))
                .unwrap()
        );
        // Promises longer than dates reach are never past.
        assert!(
            !Limit::Days(8_000_000)
                .overdue(&cal, monday, date(2025, 12, 31))
                .unwrap()
        );
        assert!(
            !Limit::Months(100_000)
                .overdue(&cal, monday, date(2025, 12, 31))
                .unwrap()
        );
        assert!(
            !Limit::WorkingDays(u32::MAX)
                .overdue(&cal, monday, date(2025, 3, 7))
                .unwrap()
        );
        // 48 hours from Monday 9:00 end Wednesday 9:00: pending at the end of Wednesday
        // is past.
        let hours = Limit::Minutes(48 * 60);
        let nine = When {
            date: date(2025, 3, 3),
            time: Some(time(9, 0, 0, 0)),
        };
        assert!(!hours.overdue(&cal, nine, date(2025, 3, 4)).unwrap());
        assert!(hours.overdue(&cal, nine, date(2025, 3, 5)).unwrap());
        assert_eq!(
            hours.overdue(&cal, monday, date(2025, 3, 5)),
            Err(NotMeasured::NoTimeOfDay)
        );
    }

    #[test]
    fn hours_are_counted_in_the_offices_open_time_when_it_is_known() {
        use crate::calendar::OfficeHours;
        let open = calendar().with_hours(OfficeHours::read("8.00 am to 5.00 pm"));
        let two_hours = Limit::Minutes(120);
        let at = |d: Date, h: i8, m: i8| When {
            date: d,
            time: Some(jiff::civil::time(h, m, 0, 0)),
        };
        // Tuesday 4 March 2025 at 4 pm: an hour before closing; Wednesday the 5th is a
        // holiday; Thursday from 8 am.
        let received = at(date(2025, 3, 4), 16, 0);
        let taken = |done| two_hours.taken(&open, received, done).unwrap();
        assert_eq!(
            taken(at(date(2025, 3, 6), 8, 59)),
            Taken {
                amount: 119,
                met: true
            }
        );
        assert_eq!(taken(at(date(2025, 3, 6), 9, 30)).amount, 150);
        // Elapsed time, without the office's hours: 41 hours.
        let elapsed = two_hours
            .taken(&calendar(), received, at(date(2025, 3, 6), 8, 59))
            .unwrap();
        assert_eq!(elapsed.amount, 41 * 60 - 1);
        // Received after closing: the clock starts when the office opens.
        assert_eq!(
            two_hours
                .taken(
                    &open,
                    at(date(2025, 3, 3), 18, 0),
                    at(date(2025, 3, 4), 9, 0)
                )
                .unwrap()
                .amount,
            60
        );
        // Pending: its two hours run out on Thursday.
        assert_eq!(
            two_hours.overdue(&open, received, date(2025, 3, 5)),
            Ok(false)
        );
        assert_eq!(
            two_hours.overdue(&open, received, date(2025, 3, 6)),
            Ok(true)
        );
    }
}
