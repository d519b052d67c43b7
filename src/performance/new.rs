//! Making a [`PerformanceReport`]: each service's tally in shares and words, the totals,
//! the rows not counted by kind, the complaints by route.

use super::{
    ComplaintsReport, Excluded, ExcludedKind, GroupReport, LimitView, Measures, PerformanceReport,
    PeriodView, RegisterView, RouteReport, ServiceReport, Slowest, TotalView,
};
use crate::diagnostic::Code;
use crate::locale::Locale;
use crate::model::Charter;
use crate::reading::{Basis, Measure, Unit};
use crate::register::breakdown::{Breakdown, Counts};
use crate::register::complaints::ComplaintResults;
use crate::register::diagnostics::RegisterDiagnostic;
use crate::register::limit::{Limit, Unmeasurable};
use crate::register::results::Results;
use crate::register::scan::{Period, Scan};
use crate::register::settings::ReportSettings;
use crate::register::tally::Tally;
use crate::view::{Tr, Tx, View};

/// What a report is made from.
pub struct Measured<'a> {
    pub charter: &'a Charter,
    /// The charter's view: its services' names and promises as printed.
    pub view: &'a View,
    pub results: &'a Results<'a>,
    pub settings: &'a ReportSettings,
    pub period: Period,
    /// The register's file, as given.
    pub register: String,
    /// Whose public holidays were counted with, and when the office is open.
    pub calendar: String,
    pub office_hours: Option<String>,
    /// The register's diagnostics, in order.
    pub problems: &'a [RegisterDiagnostic],
    pub complaints: Option<Complaints<'a>>,
}

/// A complaint register's results, its file and its diagnostics.
pub struct Complaints<'a> {
    pub results: &'a ComplaintResults<'a>,
    pub register: String,
    pub problems: &'a [RegisterDiagnostic],
}

impl PerformanceReport {
    pub fn new(measured: Measured) -> PerformanceReport {
        let Measured {
            charter,
            view,
            results,
            settings,
            period,
            register,
            calendar,
            office_hours,
            problems,
            complaints,
        } = measured;
        let langs: Vec<&crate::model::Lang> = charter.languages.iter().map(|l| &l.value).collect();
        let tr = Tr::new(&langs, &charter.labels);
        let mut total = TotalView::default();
        let services: Vec<ServiceReport> = results
            .services
            .iter()
            .zip(&view.services)
            .map(|(result, shown)| {
                let limit = result.limit.as_ref().ok().copied();
                let by_case = matches!(result.limit, Err(Unmeasurable::NeedsCase(_)));
                let measured = limit.is_some() || by_case;
                let target = settings.target_of(
                    result
                        .service
                        .number
                        .as_ref()
                        .map(|n| n.value.written.as_str()),
                    result.service.name.all(),
                );
                // Times in words need one unit: a promise by case has its cases' when
                // they share one.
                let unit = limit.or_else(|| common_limit(result.service.timeline.as_ref()?));
                let mut measures = measures(&result.tally, unit, target, &tr);
                measures.requests += result.unmeasured;
                // A promise by case in several units (days here, hours there): its times
                // are in no one unit, so none is given.
                if unit.is_none() {
                    measures.median = None;
                    measures.p90 = None;
                    measures.slowest = None;
                }
                if !measured {
                    measures.total_volume = result.unmeasured;
                    measures.performance = None;
                    measures.performance_words = None;
                    measures.target_met = None;
                }
                total.requests += measures.requests;
                total.total_volume += result.tally.total;
                total.volume_meeting_target += result.tally.met;
                total.pending += result.tally.pending;
                total.overdue += result.tally.overdue;
                ServiceReport {
                    service: result.key.clone(),
                    number: shown.number.clone(),
                    name: shown.name.clone(),
                    depth: shown.depth,
                    standard: shown.timeline.clone(),
                    limit: limit.map(limit_view),
                    not_measured: match &result.limit {
                        Err(why) if !measured => Some(why.to_string()),
                        _ => None,
                    },
                    measures,
                    previous: None,
                }
            })
            .collect();
        total.performance = share(total.volume_meeting_target, total.total_volume);
        total.performance_words = total.performance.map(percent);
        let (excluded, excluded_kinds) = excluded(&results.scan, problems);
        let day = |d: jiff::civil::Date| d.to_string();
        let period_words = tr.each(|_, locale| {
            let date = |d: jiff::civil::Date| locale.date(d, crate::locale::Precision::Day);
            // The period asked for, its open ends closed by the register's own dates.
            let first = period.from.or(results.scan.received.map(|r| r.0));
            let last = period.to.or(results.scan.received.map(|r| r.1));
            Some(match (first, last) {
                (Some(from), Some(to)) if from == to => date(from),
                (Some(from), Some(to)) => format!("{} – {}", date(from), date(to)),
                _ => date(period.as_of),
            })
        });
        PerformanceReport {
            title: tr.each(|_, locale| Some(locale.report_word("title").to_owned())),
            charter: view.title.clone(),
            office: view.organization.name.clone(),
            period: PeriodView {
                from: period.from.map(day),
                to: period.to.map(day),
                as_of: day(period.as_of),
                words: period_words,
            },
            calendar,
            office_hours,
            register: register_view(register, &results.scan, problems),
            services,
            total,
            excluded,
            excluded_kinds,
            offices: groups(&results.offices),
            channels: groups(&results.channels),
            complaints: complaints.map(|c| complaints_report(charter, view, settings, c, &tr)),
        }
    }
}

fn complaints_report(
    charter: &Charter,
    view: &View,
    settings: &ReportSettings,
    complaints: Complaints,
    tr: &Tr,
) -> ComplaintsReport {
    let results = complaints.results;
    let limit = results.limit.as_ref().ok().copied();
    let target = settings.target_of(None, ["complaints"].into_iter());
    // The standard as the view prints it: at the same place among the charter's standards.
    let shown = charter
        .standards
        .iter()
        .flat_map(|g| &g.items)
        .position(|s| std::ptr::eq(s, results.standard))
        .and_then(|i| {
            view.standards
                .as_ref()?
                .groups
                .iter()
                .flat_map(|g| &g.items)
                .nth(i)
        });
    let (excluded, excluded_kinds) = excluded(&results.scan, complaints.problems);
    ComplaintsReport {
        register: register_view(complaints.register, &results.scan, complaints.problems),
        standard_name: shown.and_then(|s| s.name.clone()),
        standard_text: shown.and_then(|s| s.text.clone()),
        standard: shown.and_then(|s| s.timeline.clone()),
        limit: limit.map(limit_view),
        not_measured: results.limit.as_ref().err().map(ToString::to_string),
        routes: results
            .routes
            .iter()
            .map(|r| RouteReport {
                route: r.route.clone(),
                measures: measures(&r.tally, limit, target, tr),
            })
            .collect(),
        total: measures(&results.total, limit, target, tr),
        categories: groups(&results.categories),
        excluded,
        excluded_kinds,
    }
}

/// A tally in shares and words, against `target`; times in words in `unit`'s.
fn measures(tally: &Tally, unit: Option<Limit>, target: f64, tr: &Tr) -> Measures {
    let words = |amount: Option<i64>| -> Option<Tx> {
        let (amount, unit) = (amount?, unit?);
        Some(tr.each(|_, locale| Some(duration_words(amount, unit, locale))))
    };
    let performance = tally.performance();
    Measures {
        target,
        target_words: percent(target),
        requests: tally.total + tally.pending,
        total_volume: tally.total,
        volume_meeting_target: tally.met,
        performance,
        performance_words: performance.map(|p| percent_against(p, target)),
        target_met: performance.map(|p| p + 1e-9 >= target),
        median: tally.median(),
        p90: tally.percentile(90),
        slowest: tally.slowest.and_then(|(time, line)| {
            Some(Slowest {
                time,
                words: words(Some(time))?,
                line,
            })
        }),
        median_words: words(tally.median()),
        p90_words: words(tally.percentile(90)),
        pending: tally.pending,
        overdue: tally.overdue,
    }
}

fn register_view(file: String, scan: &Scan, problems: &[RegisterDiagnostic]) -> RegisterView {
    // Said of the whole register, not of a row: where it stopped, how it was read.
    let said = |code: Code| {
        problems
            .iter()
            .find(|d| d.diagnostic.code == code)
            .map(|d| match d.line {
                Some(line) => format!("line {line}: {}", d.diagnostic.message),
                None => d.diagnostic.message.clone(),
            })
    };
    RegisterView {
        stopped: said(Code::UnreadableRegister),
        recoded: said(Code::RegisterEncoding),
        file,
        rows: scan.rows,
        outside_period: scan.outside,
        left_out: scan.left_out,
        ignored_columns: scan.ignored_columns.clone(),
    }
}

/// The rows not counted, one by one (the first 1,000) and by kind (all of them).
fn excluded(scan: &Scan, problems: &[RegisterDiagnostic]) -> (Vec<Excluded>, Vec<ExcludedKind>) {
    let rows: Vec<&RegisterDiagnostic> = problems
        .iter()
        .filter(|d| scan.kinds.keys().any(|code| d.diagnostic.code == *code))
        .collect();
    let excluded = rows
        .iter()
        .map(|d| Excluded {
            line: d.line,
            column: d.column,
            code: d.diagnostic.code.code.to_owned(),
            name: d.diagnostic.code.name.to_owned(),
            message: d.diagnostic.message.clone(),
        })
        .collect();
    let kinds = scan
        .kinds
        .iter()
        .map(|(code, kind)| ExcludedKind {
            code: code.as_str().to_owned(),
            name: code.name().to_owned(),
            count: kind.count,
            lines: kind.lines.clone(),
            more_lines: kind.count > kind.lines.len() as u64,
            example: rows
                .iter()
                .find(|d| d.diagnostic.code == *code)
                .map(|d| d.diagnostic.message.clone())
                .unwrap_or_default(),
        })
        .collect();
    (excluded, kinds)
}

/// A column's values and their counts, the values past the 50th together.
fn groups(breakdown: &Breakdown) -> Vec<GroupReport> {
    let group = |name: &str, c: &Counts| {
        let performance = share(c.met, c.completed);
        GroupReport {
            name: name.to_owned(),
            requests: c.requests,
            total_volume: c.completed,
            volume_meeting_target: c.met,
            performance,
            performance_words: performance.map(percent),
            pending: c.pending,
            overdue: c.overdue,
        }
    };
    breakdown
        .values
        .iter()
        .map(|(name, counts)| group(name, counts))
        .chain(breakdown.others.as_ref().map(|c| group("(others)", c)))
        .collect()
}

fn share(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

fn limit_view(limit: Limit) -> LimitView {
    LimitView {
        unit: match limit {
            Limit::WorkingDays(_) => "working-days",
            Limit::Days(_) => "days",
            Limit::Months(_) => "months",
            Limit::Minutes(_) => "minutes",
        }
        .to_owned(),
        amount: limit.amount(),
    }
}

/// The limit of a promise by case whose cases are all in one unit (the longest), for
/// writing its times in words.
fn common_limit(timeline: &crate::model::Timeline) -> Option<Limit> {
    let crate::model::timeline::TimelineKind::Cases { cases } = &timeline.kind else {
        return None;
    };
    let limits: Vec<Limit> = cases
        .iter()
        .map(|c| Limit::of(&c.timeline, None).ok())
        .collect::<Option<_>>()?;
    let first = *limits.first()?;
    limits
        .iter()
        .all(|l| std::mem::discriminant(l) == std::mem::discriminant(&first))
        .then(|| {
            *limits
                .iter()
                .max_by_key(|l| l.amount())
                .expect("one at least")
        })
}

/// A share as a whole percentage, rounded, but never up to 100% nor down to 0% unless it
/// is all or none: "100%" must mean every request.
fn percent(share: f64) -> String {
    let whole = if share >= 1.0 {
        100.0
    } else if share <= 0.0 {
        0.0
    } else {
        (share * 100.0).round().clamp(1.0, 99.0)
    };
    format!("{whole:.0}%")
}

/// A share as a percentage beside its target: to a tenth where rounding would make a
/// share short of its target look as if it reached it (94.7%, not 95%, against 95%).
fn percent_against(share: f64, target: f64) -> String {
    let whole = percent(share);
    if share + 1e-9 < target && whole == percent(target) {
        let tenth = (share * 1000.0).floor() / 10.0;
        format!("{tenth:.1}%")
    } else {
        whole
    }
}

/// `amount` of the limit's unit in words: `3 working days`, `siku 3 za kazi`; minutes of
/// an hour or more as hours and minutes.
fn duration_words(amount: i64, limit: Limit, locale: &Locale) -> String {
    let amount = u32::try_from(amount.max(0)).unwrap_or(u32::MAX);
    let (unit, basis) = match limit {
        Limit::WorkingDays(_) => (Unit::Days, Some(Basis::Working)),
        Limit::Days(_) => (Unit::Days, None),
        // Times against a promise in months are taken in days.
        Limit::Months(_) => (Unit::Days, None),
        Limit::Minutes(_) => (Unit::Minutes, None),
    };
    let measure = if unit == Unit::Minutes && amount >= 60 {
        Measure {
            amount: amount / 60,
            max: None,
            unit: Some(Unit::Hours),
            basis: None,
            plus: if amount % 60 > 0 {
                vec![(amount % 60, Unit::Minutes)]
            } else {
                Vec::new()
            },
        }
    } else {
        Measure {
            amount,
            max: None,
            unit: Some(unit),
            basis,
            plus: Vec::new(),
        }
    };
    locale.duration(&measure)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_share_is_all_or_none_only_when_it_is() {
        assert_eq!(percent(1.0), "100%");
        assert_eq!(percent(0.999), "99%");
        assert_eq!(percent(0.001), "1%");
        assert_eq!(percent(0.0), "0%");
        assert_eq!(percent(0.875), "88%");
        assert_eq!(percent_against(18.0 / 19.0, 0.95), "94.7%");
        assert_eq!(percent_against(18.0 / 19.0, 0.9), "95%");
        assert_eq!(percent_against(0.9999, 1.0), "99%");
        assert_eq!(
            duration_words(125, Limit::Minutes(120), Locale::fallback()),
            "2 hours and 5 minutes"
        );
        assert_eq!(
            duration_words(0, Limit::WorkingDays(3), Locale::fallback()),
            "Same day"
        );
    }
}
