//! What a charter's promise allows, in the unit it counts in, and how long one request
//! took in that unit: the measure of the results report (issue 17).
//!
//! A promise is measured as the charter states it: working days on the country's
//! calendar, calendar days, months, hours and minutes as elapsed time; a range by its
//! upper bound (the office promised no more than that); a timeline that differs by case by
//! the row's case. What cannot be measured (`{text: ...}`, a frequency, "within 3 rings")
//! says why, so the report can state it rather than drop the service.

use jiff::ToSpan;
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
    /// The timeline differs by case and the row names none (the cases are listed).
    NeedsCase(Vec<String>),
    /// The row's case is none of the timeline's.
    UnknownCase { case: String, cases: Vec<String> },
}

/// How long one request took, in its promise's unit, and whether the promise was kept.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Taken {
    /// Working days, days, months or minutes; whole, but for minutes measured from dates
    /// alone (counted from midnight).
    pub amount: i64,
    pub met: bool,
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

impl Limit {
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
        let n = duration.max.unwrap_or(duration.amount);
        // `3 days and 10 minutes`: the smaller parts reach into the next day (or hour).
        let more = u32::from(!duration.plus.is_empty());
        let working = duration.basis == Some(Basis::Working);
        Ok(match unit {
            Unit::Days if working => Limit::WorkingDays(n + more),
            Unit::Days => Limit::Days(n + more),
            Unit::Weeks if working => Limit::WorkingDays(n * 5 + more),
            Unit::Weeks => Limit::Days(n * 7 + more),
            Unit::Months => Limit::Months(n + more),
            Unit::Years => Limit::Months(n * 12 + more),
            Unit::Hours | Unit::Minutes | Unit::Seconds => {
                let minutes = |n: u32, unit: Unit| -> u64 {
                    match unit {
                        Unit::Hours => u64::from(n) * 60,
                        Unit::Minutes => u64::from(n),
                        Unit::Seconds => u64::from(n).div_ceil(60),
                        Unit::Days => u64::from(n) * 1440,
                        _ => 0,
                    }
                };
                let parts = duration.plus.iter().map(|(n, u)| minutes(*n, *u));
                Limit::Minutes(minutes(n, unit) + parts.sum::<u64>())
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
        if done < received {
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
                // day when it is shorter: 31 January + 1 month is 28 or 29 February).
                let due = received.date + i64::from(n).months();
                let months = months_between(received.date, done.date);
                return Ok(Taken {
                    amount: months,
                    met: done.date <= due,
                });
            }
            Limit::Minutes(n) => {
                let (Some(from), Some(to)) = (received.time, done.time) else {
                    return Err(NotMeasured::NoTimeOfDay);
                };
                let span = received
                    .date
                    .to_datetime(from)
                    .duration_until(done.date.to_datetime(to));
                (
                    span.as_secs().div_euclid(60),
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
    /// Whether a request received at `received` and still pending at the end of the day
    /// `as_of` is past its promise: the last day (or moment) it allows has gone by.
    pub fn overdue(
        self,
        calendar: &Calendar,
        received: When,
        as_of: Date,
    ) -> Result<bool, NotMeasured> {
        let last_day = match self {
            Limit::WorkingDays(n) => calendar
                .deadline(received.date, n)
                .map_err(NotMeasured::Calendar)?,
            Limit::Days(n) => received.date + i64::from(n).days(),
            Limit::Months(n) => received.date + i64::from(n).months(),
            Limit::Minutes(n) => {
                let time = received.time.ok_or(NotMeasured::NoTimeOfDay)?;
                let minutes = i64::try_from(n).unwrap_or(i64::MAX / 60);
                let due = received
                    .date
                    .to_datetime(time)
                    .checked_add(jiff::SignedDuration::from_mins(minutes))
                    .map_err(|_| NotMeasured::Backwards)?;
                // Due during `as_of` and not done by its end: past.
                return Ok(due.date() <= as_of);
            }
        };
        Ok(last_day < as_of)
    }
}

fn days_between(from: Date, to: Date) -> i64 {
    i64::from((to - from).get_days())
}

/// Whole months from `from` to `to`: how many month-days have passed.
fn months_between(from: Date, to: Date) -> i64 {
    let mut months = (i64::from(to.year()) - i64::from(from.year())) * 12 + i64::from(to.month())
        - i64::from(from.month());
    if to.day() < from.day() {
        months -= 1;
    }
    months.max(0)
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
        assert_eq!(of(mixed), Limit::WorkingDays(4));
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
        // Months: 31 January + 1 month is 28 February.
        let month = Limit::Months(1);
        let jan = on(date(2025, 1, 31));
        assert!(month.taken(&cal, jan, on(date(2025, 2, 28))).unwrap().met);
        assert!(!month.taken(&cal, jan, on(date(2025, 3, 1))).unwrap().met);
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
        // Three working days from Monday 3 March end on Friday 7.
        let three = Limit::WorkingDays(3);
        assert!(!three.overdue(&cal, monday, date(2025, 3, 7)).unwrap());
        assert!(three.overdue(&cal, monday, date(2025, 3, 8)).unwrap());
        let days = Limit::Days(3);
        assert!(!days.overdue(&cal, monday, date(2025, 3, 6)).unwrap());
        assert!(days.overdue(&cal, monday, date(2025, 3, 7)).unwrap());
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
}
