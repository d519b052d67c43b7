//! Request registers generated from a real charter, with a fixed seed: the same rows every
//! run, for the results report's tests and benchmark (issue 17). Each row names one of the
//! charter's services whose promise can be measured (by its number, or one time in ten by
//! its name), a day of receipt within 2024–2025 (the years whose holidays are known in
//! every country with a calendar… but Tanzania's 2024 only: use a Kenyan, Philippine or
//! Indian charter), and a completion from the same day to twice the promise later; one
//! request in twenty is still pending. Dates are written one time in two as ISO, else
//! day first, with a time of day for promises in hours and minutes. Each request has its
//! own number (`R0000001`, …), as registers that number their requests do.

use std::io::Write;

use charter::model::{Charter, Service};
use charter::register::limit::{Limit, Unmeasurable};
use jiff::ToSpan;
use jiff::civil::{Date, date};

/// A small, fast, deterministic generator (xorshift64*).
pub struct Seeded(u64);

impl Seeded {
    pub fn new(seed: u64) -> Seeded {
        Seeded(seed.max(1))
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n.max(1)
    }
}

/// A measurable service: how a register names it, its cases, and its limit.
struct Measurable<'c> {
    number: Option<String>,
    name: &'c str,
    cases: Vec<(String, Limit)>,
}

fn measurable<'c>(list: &'c [Service], out: &mut Vec<Measurable<'c>>) {
    for service in list {
        if let Some(timeline) = &service.timeline {
            let name = service.name.all().next().unwrap_or_default();
            let number = service.number.as_ref().map(|n| n.value.written.clone());
            let cases = match Limit::of(timeline, None) {
                Ok(limit) => vec![(String::new(), limit)],
                Err(Unmeasurable::NeedsCase(names)) => names
                    .into_iter()
                    .filter_map(|case| Some((case.clone(), Limit::of(timeline, Some(&case)).ok()?)))
                    .collect(),
                Err(_) => Vec::new(),
            };
            if !cases.is_empty() {
                out.push(Measurable {
                    number,
                    name,
                    cases,
                });
            }
        }
        measurable(&service.services, out);
    }
}

/// Whether a register can be generated for `charter`: it has a service with a promise
/// that can be measured, which a register can name.
pub fn can_generate(charter: &Charter) -> bool {
    let mut services = Vec::new();
    measurable(&charter.services.list, &mut services);
    let mut names = Vec::new();
    all_names(&charter.services.list, &mut names);
    services
        .iter()
        .any(|s| s.number.is_some() || names.iter().filter(|n| **n == s.name).count() == 1)
}

/// Writes a request register of `rows` rows for `charter` to `out`.
pub fn requests(charter: &Charter, rows: usize, seed: u64, out: &mut impl Write) {
    let mut services = Vec::new();
    measurable(&charter.services.list, &mut services);
    assert!(
        !services.is_empty(),
        "the charter has no measurable service"
    );
    let mut names = Vec::new();
    all_names(&charter.services.list, &mut names);
    // A service a register cannot name alone (no number, and a name another has: the same
    // service at two offices) is left out of it.
    services.retain(|s| s.number.is_some() || names.iter().filter(|n| **n == s.name).count() == 1);
    assert!(!services.is_empty(), "no service a register can name");
    let mut rng = Seeded::new(seed);
    let first = date(2024, 1, 2);
    writeln!(
        out,
        "reference,service,service name,received,completed,case"
    )
    .unwrap();
    for row in 0..rows {
        let service = &services[rng.below(services.len() as u64) as usize];
        let (case, limit) = &service.cases[rng.below(service.cases.len() as u64) as usize];
        let received = first + (rng.below(700) as i64).days();
        // By name one time in ten, where no other service of the charter has the name.
        let unique = names.iter().filter(|n| **n == service.name).count() == 1;
        let key = match &service.number {
            Some(number) if rng.below(10) > 0 || !unique => number.clone(),
            _ => quoted(service.name),
        };
        let pending = rng.below(20) == 0;
        let (received_text, completed_text) = match limit {
            Limit::Minutes(n) => {
                let start = 8 * 60 + rng.below(8 * 60);
                let taken = rng.below(2 * n + 1);
                let end = start + taken;
                let done = received + ((end / 1440) as i64).days();
                (
                    format!("{received} {:02}:{:02}", start / 60, start % 60),
                    format!("{done} {:02}:{:02}", end % 1440 / 60, end % 60),
                )
            }
            Limit::WorkingDays(n) | Limit::Days(n) => {
                let taken = rng.below(2 * u64::from(*n) + 1) as i64;
                (
                    written(received, &mut rng),
                    written(received + taken.days(), &mut rng),
                )
            }
            Limit::Months(n) => {
                let taken = rng.below(60 * u64::from(*n) + 1) as i64;
                (
                    written(received, &mut rng),
                    written(received + taken.days(), &mut rng),
                )
            }
        };
        let completed = if pending {
            String::new()
        } else {
            completed_text
        };
        // The name beside the number, as registers keep it (and as a charter numbering its
        // services office by office needs, to tell its services apart).
        writeln!(
            out,
            "R{row:07},{key},{},{received_text},{completed},{}",
            quoted(service.name),
            quoted(case)
        )
        .unwrap();
    }
}

/// Every service's first name, sub-services too.
fn all_names<'c>(list: &'c [Service], out: &mut Vec<&'c str>) {
    for service in list {
        out.push(service.name.all().next().unwrap_or_default());
        all_names(&service.services, out);
    }
}

fn written(day: Date, rng: &mut Seeded) -> String {
    if rng.below(2) == 0 {
        day.to_string()
    } else {
        format!("{:02}/{:02}/{}", day.day(), day.month(), day.year())
    }
}

fn quoted(text: &str) -> String {
    if text.contains([',', '"', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}
