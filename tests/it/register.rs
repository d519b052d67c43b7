//! The results report's measures on real charters: every timeline of every real charter
//! gives a limit to measure requests against, or says why it cannot (issue 17).

use charter::load::load_source;
use charter::model::Service;
use charter::model::timeline::{Timeline, TimelineKind};
use charter::register::limit::{Limit, Unmeasurable};
use charter::source::SourceFile;

use crate::{all_charters, corpus};

fn timelines<'a>(services: &'a [Service], out: &mut Vec<&'a Timeline>) {
    for service in services {
        out.extend(&service.timeline);
        timelines(&service.services, out);
    }
}

#[test]
fn every_real_timeline_is_measurable_or_says_why() {
    let (mut measured, mut unmeasurable) = (0, 0);
    for file in all_charters().into_iter().chain(corpus()) {
        let text = std::fs::read_to_string(&file).unwrap();
        let charter = load_source(SourceFile::new(&file, text))
            .charter
            .expect("a real charter is valid");
        let mut all = Vec::new();
        timelines(&charter.services.list, &mut all);
        for timeline in all {
            let limit = Limit::of(timeline, None);
            match (&timeline.kind, &limit) {
                (TimelineKind::Duration(d), Ok(_)) => {
                    assert!(d.unit.is_some());
                    measured += 1;
                }
                (TimelineKind::Duration(d), Err(Unmeasurable::NoUnit)) => {
                    assert!(d.unit.is_none());
                    unmeasurable += 1;
                }
                // A timeline by case needs the row's case, and each case is measured alone.
                (TimelineKind::Cases { cases }, Err(Unmeasurable::NeedsCase(names))) => {
                    assert_eq!(names.len(), cases.len(), "{}", file.display());
                    for (case, name) in cases.iter().zip(names) {
                        assert_eq!(
                            Limit::of(timeline, Some(name)),
                            Limit::of(&case.timeline, None),
                            "{}: {name}",
                            file.display()
                        );
                    }
                    measured += 1;
                }
                (TimelineKind::Vague, Err(Unmeasurable::Vague))
                | (TimelineKind::Every(_), Err(Unmeasurable::Frequency))
                | (TimelineKind::Rings { .. }, Err(Unmeasurable::Rings)) => unmeasurable += 1,
                (kind, limit) => panic!("{}: {kind:?} gave {limit:?}", file.display()),
            }
        }
    }
    // Most real promises are measurable (142 of 173 when this was written); the corpus
    // has vague ones, frequencies and rings too.
    assert!(
        measured > 3 * unmeasurable && unmeasurable > 0,
        "{measured} measured, {unmeasurable} not"
    );
}

/// A register generated from a real Kenyan charter, measured, and counted again row by row
/// another way: the CSV read by the `csv` crate, working days counted by walking the
/// calendar one day at a time. Both must agree on every service's requests and kept
/// promises.
#[test]
fn a_generated_register_is_counted_the_same_by_walking_the_calendar() {
    use charter::calendar::Calendar;
    use charter::register::limit::Limit;
    use charter::register::results::Results;
    use charter::register::scan::Period;
    use charter::register::settings::Reading;
    use jiff::ToSpan;
    use jiff::civil::{Date, date};

    let file = crate::root().join("charters/kitui.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    let charter = load_source(SourceFile::new(&file, text)).charter.unwrap();
    let mut register = Vec::new();
    crate::registers::requests(&charter, 5_000, 7, &mut register);
    let calendar = Calendar::new("KE", []).unwrap();
    let as_of = date(2025, 12, 31);
    let period = Period {
        from: None,
        to: None,
        as_of,
    };
    let results = Results::measure(
        &charter,
        &calendar,
        charter::register::csv::Records::new(&register[..]),
        period,
        &Reading::default(),
    )
    .unwrap();
    assert_eq!(results.scan.rows, 5_000);

    // Counted again: per service key, (completed, kept, pending).
    let parse = |s: &str| -> Date {
        let day = s.split(' ').next().unwrap();
        if day.contains('/') {
            let p: Vec<i16> = day.split('/').map(|n| n.parse().unwrap()).collect();
            date(p[2], p[1] as i8, p[0] as i8)
        } else {
            day.parse().unwrap()
        }
    };
    let mut expected: std::collections::BTreeMap<String, (u64, u64, u64)> = Default::default();
    let mut left_out = 0;
    let mut reader = csv::Reader::from_reader(&register[..]);
    for row in reader.records() {
        let row = row.unwrap();
        // Without the request's number and the service's name: service, received,
        // completed, case.
        let row: Vec<&str> = row
            .iter()
            .skip(1)
            .enumerate()
            .filter(|(i, _)| *i != 1)
            .map(|(_, c)| c)
            .collect();
        let entry = results
            .services
            .iter()
            .find(|s| s.key == row[0] || s.service.name.all().any(|n| n == row[0]))
            .expect("a generated row names a real service");
        let timeline = entry.service.timeline.as_ref().unwrap();
        let case = (!row[3].is_empty()).then_some(row[3]);
        let limit = Limit::of(timeline, case).unwrap();
        let received = parse(row[1]);
        let counts = expected.entry(entry.key.clone()).or_default();
        if row[2].is_empty() {
            counts.2 += 1;
            continue;
        }
        let done = parse(row[2]);
        let kept = match limit {
            Limit::WorkingDays(n) => {
                if done.year() > 2025 {
                    left_out += 1; // past the years whose holidays are known
                    continue;
                }
                let mut working = 0;
                let mut day = received;
                while day < done {
                    day = day.tomorrow().unwrap();
                    if calendar.is_working_day(day).unwrap() {
                        working += 1;
                    }
                }
                working <= n
            }
            Limit::Days(n) => done <= received + i64::from(n).days(),
            Limit::Months(n) => {
                // The same day n months on, or that month's last day when it is shorter.
                let months = i32::from(received.month()) - 1 + n as i32;
                let (year, month) = (
                    received.year() + (months / 12) as i16,
                    (months % 12 + 1) as i8,
                );
                let last = date(year, month, 1).days_in_month();
                done <= date(year, month, received.day().min(last))
            }
            Limit::Minutes(n) => {
                let minutes = |s: &str| -> i64 {
                    let (h, m) = s.split(' ').nth(1).unwrap().split_once(':').unwrap();
                    h.parse::<i64>().unwrap() * 60 + m.parse::<i64>().unwrap()
                };
                let days = i64::from((done - received).get_days());
                days * 1440 + minutes(row[2]) - minutes(row[1]) <= n as i64
            }
        };
        counts.0 += 1;
        counts.1 += u64::from(kept);
    }
    for service in &results.services {
        let (total, met, pending) = expected.get(&service.key).copied().unwrap_or_default();
        let tally = &service.tally;
        assert_eq!(
            (tally.total, tally.met, tally.pending),
            (total, met, pending),
            "service {}",
            service.key
        );
    }
    assert_eq!(
        results.scan.left_out,
        left_out,
        "{:?}",
        &results.scan.problems[..3.min(results.scan.problems.len())]
    );
    assert!(expected.values().map(|c| c.0).sum::<u64>() > 4_000);
}
