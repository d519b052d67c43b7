//! Services, flattened into the rows of the services table.

use serde::Serialize;

use super::columns::{cells, fees_total_tx, free_total, total_tx, totals};
use super::format::{fee_lines, fee_tx, normalised_lines, timeline_normalised, timeline_tx};
use super::{Tr, Tx};
use crate::model::{Classification, ColumnOf, Columns, Fee, Service, Step, total};

#[derive(Debug, Serialize)]
pub struct ServiceView {
    /// As the charter numbers it, or its position (`1`, `2`, … and `2.1` for sub-services).
    pub number: String,
    /// 0 for a service, 1 for a sub-service, and so on.
    pub depth: usize,
    pub name: Tx,
    pub description: Option<Tx>,
    pub requirements: Vec<RequirementView>,
    pub fee: Option<FeeView>,
    /// The timeline as the office wrote it (written out where it gave no words).
    pub timeline: Option<Tx>,
    /// The timeline written out from what it means, for themes that want one style.
    pub timeline_normalised: Option<Tx>,
    pub office: Option<Tx>,
    pub audience: Option<Tx>,
    /// `simple`, `complex` or `highly-technical`.
    pub classification: Option<&'static str>,
    /// The classification as the charter prints it ("SIMPLE", "Highly Technical").
    pub classification_words: Option<Tx>,
    /// The types of transaction, as the charter prints them (`G2C`, `Government-to-Citizens
    /// (G2C)`).
    pub transaction: Vec<String>,
    pub steps: Vec<StepView>,
    /// Whether the office numbers its steps in their words ("1. Submits the form", "1.1
    /// Receives it"): themes then add no numbers of their own.
    pub steps_numbered: bool,
    /// The TOTAL row under the steps: the charter's own (the service's fee and timeline,
    /// which Philippine step tables print as the total), or else added up from the steps
    /// where every step's value can be added. `null` without steps or anything to total.
    pub steps_total: Option<StepsTotalView>,
    /// Its values for the charter's own columns of the services table, in the order of
    /// `own_columns.services` (`null` where it gives none).
    pub own_columns: Vec<Option<Tx>>,
    /// The totals of its steps for the charter's own step columns, in the order of
    /// `own_columns.steps` (`null` where a column has no total, or its values do not add
    /// up: words, ranges, amounts in two currencies, months); empty when it has no total.
    pub own_totals: Vec<Option<Tx>>,
}

/// The total of a service's steps.
#[derive(Debug, Serialize)]
pub struct StepsTotalView {
    pub fee: Option<Tx>,
    pub time: Option<Tx>,
    /// True when added up by the tool, false when it is the charter's own.
    pub computed: bool,
}

#[derive(Debug, Serialize)]
pub struct RequirementView {
    pub item: Tx,
    /// Where to get it.
    pub from: Option<Tx>,
}

/// A fee: `free` lets a theme set a free service apart.
#[derive(Debug, Serialize)]
pub struct FeeView {
    pub free: bool,
    /// The fee as the office wrote it (one line, which may break), or, where it gave no
    /// words, written out: one line, or one per applicant category or case.
    pub lines: Vec<Tx>,
    /// The fee written out from what it means ("Free", "KSh 5,000"), for themes that want
    /// one style whatever the office wrote.
    pub normalised: Vec<Tx>,
}

#[derive(Debug, Serialize)]
pub struct StepView {
    pub client: Option<Tx>,
    pub agency: Option<Tx>,
    pub fee: Option<FeeView>,
    pub time: Option<Tx>,
    pub time_normalised: Option<Tx>,
    pub responsible: Option<Tx>,
    /// Its values for the charter's own step columns, in the order of `own_columns.steps`.
    pub own_columns: Vec<Option<Tx>>,
}

pub fn flatten(services: &[Service], columns: &Columns, tr: &Tr) -> Vec<ServiceView> {
    let mut rows = Vec::new();
    push(services, "", 0, &Row { columns, tr }, &mut rows);
    rows
}

/// What every row is written with: the charter's columns and its languages.
struct Row<'a> {
    columns: &'a Columns,
    tr: &'a Tr,
}

fn push(services: &[Service], prefix: &str, depth: usize, row: &Row, rows: &mut Vec<ServiceView>) {
    let tr = row.tr;
    for (i, service) in services.iter().enumerate() {
        let number = match &service.number {
            Some(n) => n.value.to_string(),
            None => format!("{prefix}{}", i + 1),
        };
        rows.push(ServiceView {
            number: number.clone(),
            depth,
            name: tr.text(&service.name),
            description: tr.opt(&service.description),
            requirements: service
                .requirements
                .iter()
                .map(|r| RequirementView {
                    item: tr.text(&r.item),
                    from: tr.opt(&r.from),
                })
                .collect(),
            fee: service.fee.as_ref().map(|f| fee(f, tr)),
            timeline: service.timeline.as_ref().map(|t| timeline_tx(t, tr)),
            timeline_normalised: service
                .timeline
                .as_ref()
                .map(|t| timeline_normalised(t, tr)),
            office: tr.opt(&service.office),
            audience: tr.opt(&service.audience),
            classification: service
                .classification
                .as_ref()
                .map(|c| match c.value.value {
                    Classification::Simple => "simple",
                    Classification::Complex => "complex",
                    Classification::HighlyTechnical => "highly-technical",
                }),
            classification_words: service
                .classification
                .as_ref()
                .map(|c| vec![c.written.clone()]),
            transaction: service
                .transaction
                .0
                .iter()
                .map(|t| t.written.value.clone())
                .collect(),
            steps: service
                .steps
                .iter()
                .map(|s| StepView {
                    client: tr.opt(&s.client),
                    agency: tr.opt(&s.agency),
                    fee: s.fee.as_ref().map(|f| fee(f, tr)),
                    time: s.time.as_ref().map(|t| timeline_tx(t, tr)),
                    time_normalised: s.time.as_ref().map(|t| timeline_normalised(t, tr)),
                    responsible: tr.opt(&s.responsible),
                    own_columns: cells(&s.columns, row.columns, ColumnOf::Steps, tr),
                })
                .collect(),
            steps_numbered: steps_numbered(&service.steps),
            steps_total: steps_total(service, tr),
            own_columns: cells(&service.columns, row.columns, ColumnOf::Services, tr),
            own_totals: totals(&service.steps, row.columns, tr),
        });
        push(
            &service.services,
            &format!("{number}."),
            depth + 1,
            row,
            rows,
        );
    }
}

pub fn fee(fee: &Fee, tr: &Tr) -> FeeView {
    FeeView {
        free: matches!(fee.kind, crate::model::FeeKind::Free { .. }),
        lines: fee_lines(fee, tr),
        normalised: normalised_lines(fee, tr),
    }
}

/// Whether the office numbers its steps in their words: every step's client step or agency
/// action starts with a number (`1.`, `1.1`, `2)`, `1.Send`).
fn steps_numbered(steps: &[Step]) -> bool {
    let numbered = |text: &str| {
        let text = text.trim_start();
        let rest = text.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
        text.starts_with(|c: char| c.is_ascii_digit())
            && !rest.is_empty()
            && !rest.starts_with(|c: char| c.is_ascii_digit())
            // `1 day`, `12 copies` are not step numbers: a step number has a dot (`1.`,
            // `1.1`) or a bracket (`2)`), or starts a sentence (`2 Click the link`).
            && (text[..text.len() - rest.len()].contains('.')
                || rest.starts_with(')')
                || rest
                    .strip_prefix(' ')
                    .is_some_and(|r| r.starts_with(|c: char| c.is_uppercase())))
    };
    let words = |t: &Option<crate::model::Text>| {
        t.as_ref()
            .and_then(|t| t.all().next())
            .is_some_and(numbered)
    };
    !steps.is_empty() && steps.iter().all(|s| words(&s.client) || words(&s.agency))
}

/// The charter's own total (the service's fee and timeline) or the steps' sums.
fn steps_total(service: &Service, tr: &Tr) -> Option<StepsTotalView> {
    if service.steps.is_empty() {
        return None;
    }
    let total = if service.fee.is_some() || service.timeline.is_some() {
        StepsTotalView {
            fee: service.fee.as_ref().map(|f| fee_tx(f, tr)),
            time: service.timeline.as_ref().map(|t| timeline_tx(t, tr)),
            computed: false,
        }
    } else {
        let given = |has: fn(&Step) -> bool| service.steps.iter().any(has);
        StepsTotalView {
            fee: given(|s| s.fee.is_some())
                .then(|| free_total(service.steps.iter().map(|s| s.fee.as_ref()), tr))
                .flatten()
                .or_else(|| {
                    given(|s| s.fee.is_some())
                        .then(|| total::fees(service.steps.iter().map(|s| s.fee.as_ref())))
                        .flatten()
                        .map(|t| {
                            let fees: Vec<_> =
                                service.steps.iter().map(|s| s.fee.as_ref()).collect();
                            fees_total_tx(&t, &fees, tr)
                        })
                }),
            time: given(|s| s.time.is_some())
                .then(|| total::times(service.steps.iter().map(|s| s.time.as_ref())))
                .flatten()
                .map(|t| total_tx(&t, tr)),
            computed: true,
        }
    };
    (total.fee.is_some() || total.time.is_some()).then_some(total)
}

#[cfg(test)]
mod tests {
    #[test]
    fn office_step_numbers_are_recognised() {
        let load = |steps: &str| {
            let text = format!(
                "languages: [en]\ntitle: T\norganization: {{name: O}}\nservices:\n  - name: S\n    \
                 steps: {steps}\n"
            );
            let loaded = crate::load::load_source(crate::source::SourceFile::new("t.yaml", text));
            assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
            super::steps_numbered(&loaded.charter.unwrap().services[0].steps)
        };
        assert!(load(
            "[{client: 1. Submit, agency: 1.1 Receive}, {agency: 1.2 Sign}]"
        ));
        // A client cell that says "None", and a number run into its words.
        assert!(load(
            "[{client: 1.Send the form}, {client: None, agency: 1.2 Enroll}]"
        ));
        assert!(!load("[{client: Submit the form}, {agency: 1.2 Sign}]"));
        assert!(!load("[{client: 2 copies of the form}]"));
        assert!(load(
            "[{client: 1. Visit the site}, {client: 2 Click the link}]"
        ));
    }

    /// The steps' fees add up in the office's own form: `PhP 150.00`, not the tool's `₱`.
    #[test]
    fn a_computed_fee_total_is_written_as_the_office_writes_its_fees() {
        let text = "languages: [en]\ntitle: T\norganization: {name: O}\nservices:\n  - name: S\n    \
                    steps:\n      - {client: Pay, fee: PhP 50.00}\n      - {client: Sign, fee: \
                    PhP 100.00}\n      - {client: Wait, fee: None}\n";
        let loaded = crate::load::load_source(crate::source::SourceFile::new("t.yaml", text));
        assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
        let view = crate::view::View::new(
            &loaded.charter.unwrap(),
            &crate::view::Presentation::default(),
        );
        let total = view.services[0].steps_total.as_ref().expect("a total");
        assert!(total.computed);
        assert_eq!(total.fee, Some(vec!["PhP\u{a0}150.00".to_owned()]));
    }
}
