//! A request register measured against a charter's promises: the results report's data,
//! built once from the charter, the country's calendar and the register read as it
//! streams (issue 17).
//!
//! Every row is counted or said to be left out, and why: a row that cannot be read, a
//! service the charter does not have (with the nearest one it has), a duplicate, a row
//! received outside the period, a request that cannot be measured (a date past the years
//! whose holidays are known, an hours promise without times). A service whose promise
//! cannot be measured (`{text: ...}`, a frequency) is listed with why, not dropped.

use jiff::civil::Date;

use super::breakdown::{Breakdown, Outcome};
use super::limit::{Limit, Unmeasurable};
use super::requests::{Kind, Request};
use super::scan::{HeaderOrRegister, NotMeasuredWhy, Period, RecordSource, RowProblem, Scan};
use super::settings::Reading;
use super::tally::Tally;
use crate::calendar::Calendar;
use crate::model::{Charter, Service};

/// One service's results.
#[derive(Debug)]
pub struct ServiceResult<'c> {
    pub service: &'c Service,
    /// Its number in the charter, or its name when it has none: how registers name it.
    pub key: String,
    /// What it is measured against, or why it cannot be.
    pub limit: Result<Limit, Unmeasurable>,
    pub tally: Tally,
    /// Requests of a service whose promise cannot be measured: counted, not timed.
    pub unmeasured: u64,
    /// Its number and names as a register's are compared with them (made once: a
    /// register has a million rows).
    number_key: Option<String>,
    name_keys: Vec<String>,
}

/// The results of a register, for every output to show.
#[derive(Debug)]
pub struct Results<'c> {
    pub services: Vec<ServiceResult<'c>>,
    /// The register as read: its rows, those outside the period, those left out and why.
    pub scan: Scan,
    /// The requests counted by the office they were made at, and the channel they came by,
    /// when the register says.
    pub offices: Breakdown,
    pub channels: Breakdown,
}

impl<'c> Results<'c> {
    /// Reads `register` and measures each row against `charter`'s promises.
    pub fn measure(
        charter: &'c Charter,
        calendar: &Calendar,
        register: impl RecordSource,
        period: Period,
        reading: &Reading,
    ) -> Result<Results<'c>, HeaderOrRegister> {
        let mut services: Vec<ServiceResult<'c>> = Vec::new();
        flatten(&charter.services.list, &mut services);
        // Working days cannot be counted where the holidays are not known: said once for
        // each such service, not for each of its rows.
        if !calendar.knows_holidays() {
            for service in &mut services {
                if matches!(service.limit, Ok(Limit::WorkingDays(_))) {
                    service.limit = Err(Unmeasurable::NoHolidays(calendar.country().to_owned()));
                }
            }
        }
        let (mut offices, mut channels) = (Breakdown::default(), Breakdown::default());
        let scan = Scan::read(register, Kind::Requests, period, reading, |request| {
            let outcome = count(&mut services, calendar, request, period.as_of)?;
            offices.count(request.office.as_deref(), outcome);
            channels.count(request.channel.as_deref(), outcome);
            Ok(())
        })?;
        Ok(Results {
            services,
            scan,
            offices,
            channels,
        })
    }
}

/// Counts one request into its service, or says why it cannot be.
fn count(
    services: &mut [ServiceResult],
    calendar: &Calendar,
    request: &Request,
    as_of: Date,
) -> Result<Outcome, RowProblem> {
    let line = request.line;
    let service = request
        .service
        .as_ref()
        .expect("a request register's rows name a service");
    let found =
        find_service(services, &service.text, request.name.as_deref()).map_err(|several| {
            RowProblem::AmbiguousService {
                line,
                column: service.column,
                service: service.text.clone(),
                name: request.name.clone(),
                candidates: several
                    .iter()
                    .map(|&i| {
                        let s = &services[i];
                        let name = s.service.name.all().next().unwrap_or_default();
                        match &s.service.number {
                            Some(n) => format!("{} {name}", n.value.written),
                            None => name.to_owned(),
                        }
                    })
                    .collect(),
            }
        })?;
    let Some(index) = found else {
        // The nearest name: `Oficial search` is `Official search`. A number is not
        // "near" another (`99` is not `9`), so only names are offered.
        let is_number = service
            .text
            .trim()
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.');
        let names = services.iter().flat_map(|s| s.service.name.all());
        let suggestion = (!is_number)
            .then(|| crate::suggest::did_you_mean(&service.text, names))
            .flatten()
            .map(str::to_owned);
        return Err(RowProblem::UnknownService {
            line,
            column: service.column,
            service: service.text.clone(),
            suggestion,
        });
    };
    let entry = &mut services[index];
    // A promise that cannot be measured is said once, for its service, not for each of
    // its rows; but one that differs by case is measured by the row's.
    if matches!(&entry.limit, Err(why) if !matches!(why, Unmeasurable::NeedsCase(_))) {
        entry.unmeasured += 1;
        return Ok(Outcome::Unmeasured);
    }
    results_of(entry, calendar, request, as_of).map_err(|why| RowProblem::NotMeasured {
        line,
        service: entry.key.clone(),
        why,
    })
}

/// Counts one request into its service's tally.
pub(super) fn results_of(
    entry: &mut ServiceResult,
    calendar: &Calendar,
    request: &Request,
    as_of: Date,
) -> Result<Outcome, NotMeasuredWhy> {
    let limit = match (&entry.limit, &entry.service.timeline) {
        // A timeline by case is measured by the row's case.
        (Err(Unmeasurable::NeedsCase(_)), Some(timeline)) => {
            Limit::of(timeline, request.case.as_deref()).map_err(NotMeasuredWhy::Promise)?
        }
        (Ok(limit), _) => *limit,
        (Err(why), _) => return Err(NotMeasuredWhy::Promise(why.clone())),
    };
    let measured = limit
        .measure(calendar, request.received, request.completed, as_of)
        .map_err(NotMeasuredWhy::Request)?;
    entry.tally.add(measured, request.line);
    Ok(measured.into())
}

/// Every service, sub-services after their parent, with its key and limit.
fn flatten<'c>(list: &'c [Service], out: &mut Vec<ServiceResult<'c>>) {
    for service in list {
        let key = match &service.number {
            Some(number) => number.value.written.clone(),
            None => service.name.all().next().unwrap_or_default().to_owned(),
        };
        let limit = match &service.timeline {
            Some(timeline) => Limit::of(timeline, None),
            None => Err(Unmeasurable::NoTimeline),
        };
        out.push(ServiceResult {
            service,
            key,
            limit,
            tally: Tally::default(),
            unmeasured: 0,
            number_key: service.number.as_ref().map(|n| number_of(&n.value.written)),
            name_keys: service.name.all().map(plain).collect(),
        });
        flatten(&service.services, out);
    }
}

/// The service a register names: by its number (`3`, `9.1.1`; `03` is `3`), or by its name
/// in any of the charter's languages (capitals, runs of spaces and the kind of dash not
/// minded). A number several services share (a charter numbering them office by office)
/// is told apart by the row's name; a number and a name of two different services is said.
fn find_service(
    services: &[ServiceResult],
    named: &str,
    name: Option<&str>,
) -> Result<Option<usize>, Vec<usize>> {
    let by_name = |named: &str| -> Vec<usize> {
        let named = plain(named);
        services
            .iter()
            .enumerate()
            .filter(|(_, s)| s.name_keys.contains(&named))
            .map(|(i, _)| i)
            .collect()
    };
    let number = number_of(named);
    let numbered: Vec<usize> = services
        .iter()
        .enumerate()
        .filter(|(_, s)| s.number_key.as_ref() == Some(&number))
        .map(|(i, _)| i)
        .collect();
    match numbered.as_slice() {
        [] => {
            let found = by_name(named);
            match found.as_slice() {
                [] => Ok(name.and_then(|name| by_name(name).first().copied())),
                [one] => Ok(Some(*one)),
                _ => Err(found),
            }
        }
        // The row's name, when it gives one, is the numbered service's, or no service's
        // (an abbreviation): else the two name different services.
        [one] => {
            let Some(name) = name else {
                return Ok(Some(*one));
            };
            let name = plain(name);
            if services[*one].name_keys.contains(&name) {
                return Ok(Some(*one));
            }
            match services.iter().position(|s| s.name_keys.contains(&name)) {
                Some(other) => Err(vec![*one, other]),
                None => Ok(Some(*one)),
            }
        }
        several => {
            let named_too = name.map(by_name).unwrap_or_default();
            match several.iter().find(|i| named_too.contains(i)) {
                Some(i) => Ok(Some(*i)),
                None => Err(several.to_vec()),
            }
        }
    }
}

/// A service number as compared: `03.` is `3`, `09.1` is `9.1`.
fn number_of(text: &str) -> String {
    text.trim()
        .trim_end_matches('.')
        .split('.')
        .map(|part| {
            let digits = part.trim_start_matches('0');
            if digits.is_empty() && !part.is_empty() {
                "0"
            } else {
                digits
            }
        })
        .collect::<Vec<_>>()
        .join(".")
}

/// A name as compared: lower case, one space between words, one kind of dash, no space
/// inside brackets.
fn plain(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut space = false;
    for c in name.trim().chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && c != ')' && !out.ends_with('(') {
            out.push(' ');
        }
        space = false;
        match c {
            '–' | '—' | '‐' | '‑' => out.push('-'),
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

#[cfg(test)]
mod tests;
