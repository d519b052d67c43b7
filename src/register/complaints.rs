//! A complaint register measured against the charter's standard for complaints ("we
//! resolve complaints within 14 days"), route by route: the office first, then the bodies
//! a complaint was taken to, as the register names them.
//!
//! The standard is the charter's own: the one `[report] complaints` in `charter.toml`
//! names, or else the first standard with a time whose name or words speak of complaints
//! (in any catalogue's words: `complaint`, `malalamiko`, `reklamo`).

use jiff::civil::Date;

use super::breakdown::{Breakdown, Outcome};
use super::limit::{Limit, Unmeasurable};
use super::requests::{Kind, Request};
use super::scan::{HeaderOrRegister, NotMeasuredWhy, Period, RecordSource, RowProblem, Scan};
use super::settings::Reading;
use super::tally::Tally;
use crate::calendar::Calendar;
use crate::model::Standard;
use crate::model::{Charter, Text};

/// The complaints of one route.
#[derive(Debug)]
pub struct RouteResult {
    /// The route as the register first writes it; empty for rows that name none.
    pub route: String,
    pub tally: Tally,
}

/// A complaint register's results.
#[derive(Debug)]
pub struct ComplaintResults<'c> {
    /// The standard complaints are measured against.
    pub standard: &'c Standard,
    /// What it allows, or why it cannot be measured.
    pub limit: Result<Limit, Unmeasurable>,
    /// Each route, the charter's first (in its escalation order) then the others as the
    /// register names them.
    pub routes: Vec<RouteResult>,
    /// All routes together.
    pub total: Tally,
    /// The complaints by category, when the register gives one.
    pub categories: Breakdown,
    pub scan: Scan,
}

impl<'c> ComplaintResults<'c> {
    /// Reads `register` and measures each complaint against `standard`.
    pub fn measure(
        charter: &Charter,
        standard: &'c Standard,
        calendar: &Calendar,
        register: impl RecordSource,
        period: Period,
        reading: &Reading,
    ) -> Result<ComplaintResults<'c>, HeaderOrRegister> {
        let limit = match &standard.timeline {
            Some(timeline) => Limit::of(timeline, None),
            None => Err(Unmeasurable::NoTimeline),
        };
        // The charter's routes, in its order, so a report lists them as it does.
        let mut routes: Vec<RouteResult> = charter
            .complaints
            .iter()
            .flat_map(|c| &c.routes)
            .filter_map(|route| route.office.as_ref().or(route.role.as_ref()))
            .filter_map(|name| name.all().next())
            .map(|name| RouteResult {
                route: name.trim().to_owned(),
                tally: Tally::default(),
            })
            .collect();
        let mut total = Tally::default();
        let mut categories = Breakdown::default();
        let scan = Scan::read(register, Kind::Complaints, period, reading, |complaint| {
            let limit = match &limit {
                Ok(limit) => *limit,
                Err(why) => {
                    return Err(RowProblem::NotMeasured {
                        line: complaint.line,
                        service: super::diagnostics::COMPLAINTS.to_owned(),
                        why: NotMeasuredWhy::Promise(why.clone()),
                    });
                }
            };
            let route = complaint.route.as_deref().unwrap_or("").trim();
            let index = routes
                .iter()
                .position(|r| r.route.eq_ignore_ascii_case(route))
                .unwrap_or_else(|| {
                    routes.push(RouteResult {
                        route: route.to_owned(),
                        tally: Tally::default(),
                    });
                    routes.len() - 1
                });
            let outcome = count(
                &mut routes[index].tally,
                &mut total,
                limit,
                calendar,
                complaint,
                period.as_of,
            )?;
            categories.count(complaint.case.as_deref(), outcome);
            Ok(())
        })?;
        Ok(ComplaintResults {
            standard,
            limit,
            routes,
            total,
            categories,
            scan,
        })
    }
}

fn count(
    route: &mut Tally,
    total: &mut Tally,
    limit: Limit,
    calendar: &Calendar,
    complaint: &Request,
    as_of: Date,
) -> Result<Outcome, RowProblem> {
    let not_measured = |why| RowProblem::NotMeasured {
        line: complaint.line,
        service: super::diagnostics::COMPLAINTS.to_owned(),
        why: NotMeasuredWhy::Request(why),
    };
    let measured = limit
        .measure(calendar, complaint.received, complaint.completed, as_of)
        .map_err(not_measured)?;
    route.add(measured, complaint.line);
    total.add(measured, complaint.line);
    Ok(measured.into())
}

/// The charter's standard for complaints: the one named (by its name, or the start of its
/// words), else the first with a time that speaks of complaints. `Err` says what the
/// charter has, for the message.
pub fn complaint_standard<'c>(
    charter: &'c Charter,
    named: Option<&str>,
) -> Result<&'c Standard, Vec<String>> {
    let standards: Vec<&Standard> = charter
        .standards
        .iter()
        .flat_map(|group| &group.items)
        .collect();
    let texts = |s: &Standard| -> Vec<String> {
        let all = |t: &Option<Text>| -> Vec<String> {
            t.iter()
                .flat_map(|t| t.all())
                .map(str::to_lowercase)
                .collect()
        };
        let mut texts = all(&s.name);
        texts.extend(all(&s.text));
        texts
    };
    let found = match named {
        Some(named) => {
            let named = named.trim().to_lowercase();
            standards.iter().find(|s| {
                s.name
                    .iter()
                    .flat_map(|t| t.all())
                    .any(|n| n.trim().to_lowercase() == named)
                    || texts(s).iter().any(|t| t.trim_start().starts_with(&named))
            })
        }
        None => {
            let words = complaint_words();
            standards.iter().find(|s| {
                s.timeline.is_some()
                    && texts(s)
                        .iter()
                        .any(|t| words.iter().any(|w| t.contains(w.as_str())))
            })
        }
    };
    found.copied().ok_or_else(|| {
        standards
            .iter()
            .filter(|s| s.timeline.is_some())
            .filter_map(|s| {
                s.name
                    .as_ref()
                    .or(s.text.as_ref())
                    .and_then(|t| t.all().next())
                    .map(|t| crate::diagnostic::clip(t.trim()).into_owned())
            })
            .collect()
    })
}

/// The words of a complaints standard in every catalogue, in lower case.
fn complaint_words() -> Vec<String> {
    crate::catalogues::tables::<std::collections::BTreeMap<String, Vec<String>>>("register")
        .into_iter()
        .flat_map(|(_, mut table)| table.remove("complaints").unwrap_or_default())
        .map(|w| w.to_lowercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_source;
    use crate::source::SourceFile;
    use jiff::civil::date;

    const CHARTER: &str = "\
languages: [sw]
title: Mkataba wa Huduma kwa Mteja
organization: {name: Halmashauri, country: TZ}
services:
  - {number: 1, name: Leseni, timeline: siku 3 za kazi}
standards:
  - items:
      - name: Simu
        text: Simu zitajibiwa ndani ya milio mitatu.
        timeline: milio mitatu
      - name: Malalamiko
        text: Tutashughulikia malalamiko yote ndani ya siku saba za kazi.
        timeline: siku saba za kazi
complaints:
  routes:
    - office: Ofisi ya Mkurugenzi
    - office: Tume ya Utumishi wa Umma
      independent: true
";

    fn charter() -> Charter {
        let loaded = load_source(SourceFile::new("c.yaml", CHARTER.to_owned()));
        assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
        loaded.charter.unwrap()
    }

    #[test]
    fn the_standard_is_found_by_its_words_or_its_name() {
        let charter = charter();
        let found = complaint_standard(&charter, None).unwrap();
        assert_eq!(
            found.name.as_ref().unwrap().all().next(),
            Some("Malalamiko")
        );
        let named = complaint_standard(&charter, Some("simu")).unwrap();
        assert_eq!(named.name.as_ref().unwrap().all().next(), Some("Simu"));
        let missing = complaint_standard(&charter, Some("Barua")).unwrap_err();
        assert_eq!(missing, vec!["Simu", "Malalamiko"]);
    }

    #[test]
    fn complaints_are_measured_route_by_route() {
        let charter = charter();
        let standard = complaint_standard(&charter, None).unwrap();
        // Tanzania, 2024: Monday 1 January and Friday 12 January (Zanzibar Revolution
        // Day) are holidays. Received Wednesday 3 January, 7 working days run out on
        // Monday 15 January (4, 5, 8, 9, 10, 11, 15).
        let register = "\
tarehe ya kupokea,tarehe ya kutatuliwa,ngazi,aina
03/01/2024,15/01/2024,Ofisi ya Mkurugenzi,Ucheleweshaji
03/01/2024,16/01/2024,ofisi ya mkurugenzi,Rushwa
03/01/2024,,Tume ya Utumishi wa Umma,Rushwa
04/01/2024,05/01/2024,,
";
        let calendar = Calendar::new("TZ", []).unwrap();
        let period = Period {
            from: None,
            to: None,
            as_of: date(2024, 1, 31),
        };
        let results = ComplaintResults::measure(
            &charter,
            standard,
            &calendar,
            crate::register::csv::Records::new(register.as_bytes()),
            period,
            &Reading::default(),
        )
        .unwrap();
        assert_eq!(results.limit, Ok(Limit::WorkingDays(7)));
        let routes: Vec<(&str, u64, u64, u64, u64)> = results
            .routes
            .iter()
            .map(|r| {
                let t = &r.tally;
                (r.route.as_str(), t.total, t.met, t.pending, t.overdue)
            })
            .collect();
        assert_eq!(
            routes,
            vec![
                ("Ofisi ya Mkurugenzi", 2, 1, 0, 0),
                ("Tume ya Utumishi wa Umma", 0, 0, 1, 1),
                ("", 1, 1, 0, 0),
            ]
        );
        assert_eq!((results.total.total, results.total.met), (3, 2));
        assert!(
            results.scan.problems.is_empty(),
            "{:?}",
            results.scan.problems
        );
    }
}
