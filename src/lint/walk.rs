//! Ways to visit the parts of a charter that many rules look at, each with words that say
//! where it is ("the timeline of service 3 “Kutoa kibali…”").

use std::cell::OnceCell;

use crate::lint::LintContext;
use crate::model::{CellValue, Cells, Contact, Fee, Service, Text, Timeline, TimelineKind};

/// A service and how to name it in a message.
pub struct ServiceRef<'a> {
    pub service: &'a Service,
    /// “service 3 “Kutoa kibali…”” or “sub-service “…” of service 2 “…””.
    pub label: String,
    /// The services it is a sub-service of, nearest first: it inherits their fee,
    /// requirements, office and timeline where it gives none.
    pub parents: Vec<&'a Service>,
}

impl ServiceRef<'_> {
    /// Whether it states a fee: its own, a parent's, or one at any of its steps.
    pub fn has_fee(&self) -> bool {
        self.service.fee.is_some()
            || self.parents.iter().any(|p| p.fee.is_some())
            || self.service.steps.iter().any(|step| step.fee.is_some())
    }

    /// Whether it states a time: its own, a parent's, or one at any of its steps.
    pub fn has_timeline(&self) -> bool {
        self.service.timeline.is_some()
            || self.parents.iter().any(|p| p.timeline.is_some())
            || self.service.steps.iter().any(|step| step.time.is_some())
    }

    /// Whether it lists requirements, or a parent does.
    pub fn has_requirements(&self) -> bool {
        !self.service.requirements.is_empty()
            || self.parents.iter().any(|p| !p.requirements.is_empty())
    }

    /// Whether it only groups sub-services (which give what it leaves out).
    pub fn is_heading(&self) -> bool {
        !self.service.services.is_empty()
    }
}

/// What the walks below found in one charter, found once: the rules walk the same
/// services, timelines and fees again and again, and each place is worded as it is found.
#[derive(Default)]
pub struct Walks<'a> {
    services: OnceCell<Vec<ServiceRef<'a>>>,
    timelines: OnceCell<Vec<(String, &'a Timeline)>>,
    fees: OnceCell<Vec<(String, &'a Fee)>>,
    contacts: OnceCell<Vec<(ContactPlace, String, &'a Contact)>>,
    texts: OnceCell<Vec<(String, &'a Text)>>,
}

/// Every service, each followed by its sub-services, in file order.
pub fn services<'c, 'a>(cx: &'c LintContext<'a>) -> &'c [ServiceRef<'a>] {
    cx.walks.services.get_or_init(|| walk_services(cx))
}

fn walk_services<'a>(cx: &LintContext<'a>) -> Vec<ServiceRef<'a>> {
    let mut out = Vec::new();
    // Numbered as printed: within their group, which is named.
    for (group, services) in cx.charter.services.runs() {
        for (index, service) in services.iter().enumerate() {
            let number = service
                .number
                .as_ref()
                .map_or_else(|| (index + 1).to_string(), |n| n.value.to_string());
            let under = group.map_or(String::new(), |g| {
                format!(" under {}", cx.quote(&g.heading))
            });
            let label = format!("service {number} {}{under}", cx.quote(&service.name));
            push_with_subservices(cx, service, label, Vec::new(), &mut out);
        }
    }
    out
}

fn push_with_subservices<'a>(
    cx: &LintContext<'a>,
    service: &'a Service,
    label: String,
    parents: Vec<&'a Service>,
    out: &mut Vec<ServiceRef<'a>>,
) {
    let mut below = vec![service];
    below.extend(parents.iter().copied());
    out.push(ServiceRef {
        service,
        label: label.clone(),
        parents,
    });
    for sub in &service.services {
        let sub_label = format!("sub-service {} of {label}", cx.quote(&sub.name));
        push_with_subservices(cx, sub, sub_label, below.clone(), out);
    }
}

/// Reports the services that lack something (`has` says whether one gives it): one finding
/// per service, or, when no service of the charter gives it at all (a table with no such
/// column), one finding for the charter.
pub fn report_missing(
    cx: &LintContext,
    out: &mut crate::lint::Findings,
    has: impl Fn(&ServiceRef) -> bool,
    what: &str,
    column: &str,
    hint_one: &str,
    hint_all: &str,
) {
    let all = services(cx);
    let rows: Vec<&ServiceRef> = all.iter().filter(|s| !s.is_heading()).collect();
    let lacking: Vec<&&ServiceRef> = rows.iter().filter(|s| !has(s)).collect();
    if lacking.len() >= 2 && lacking.len() == rows.len() {
        out.push(
            rows[0].service.name.span,
            format!("no service gives {what}: the services table has no {column} column"),
            format!("no {column} for this service or any other"),
        )
        .hint(hint_all.to_owned());
        return;
    }
    for s in lacking {
        out.push(
            s.service.name.span,
            format!("{} gives no {what}", s.label),
            format!("no {what}"),
        )
        .hint(hint_one.to_owned());
    }
}

/// Every timeline: of services, of their steps, and of standards; a timeline that differs
/// by case, then each of its cases.
pub fn timelines<'c, 'a>(cx: &'c LintContext<'a>) -> &'c [(String, &'a Timeline)] {
    cx.walks.timelines.get_or_init(|| walk_timelines(cx))
}

fn walk_timelines<'a>(cx: &LintContext<'a>) -> Vec<(String, &'a Timeline)> {
    let mut out = Vec::new();
    for (place, timeline) in timelines_as_given(cx) {
        out.push((place.clone(), timeline));
        if let TimelineKind::Cases { cases } = &timeline.kind {
            for case in cases {
                out.push((
                    format!("{place} for {}", cx.quote(&case.case)),
                    &case.timeline,
                ));
            }
        }
    }
    out
}

fn timelines_as_given<'a>(cx: &LintContext<'a>) -> Vec<(String, &'a Timeline)> {
    let mut out = Vec::new();
    for s in services(cx) {
        if let Some(timeline) = &s.service.timeline {
            out.push((format!("the timeline of {}", s.label), timeline));
        }
        for (column, value) in cells(cx, &s.service.columns) {
            if let CellValue::Time(time) = value {
                out.push((format!("the {column} of {}", s.label), time));
            }
        }
        for (i, step) in s.service.steps.iter().enumerate() {
            if let Some(time) = &step.time {
                out.push((format!("the time of step {} of {}", i + 1, s.label), time));
            }
            for (column, value) in cells(cx, &step.columns) {
                if let CellValue::Time(time) = value {
                    out.push((
                        format!("the {column} of step {} of {}", i + 1, s.label),
                        time,
                    ));
                }
            }
        }
    }
    for group in &cx.charter.standards {
        for standard in &group.items {
            if let Some(timeline) = &standard.timeline {
                let name = standard
                    .name
                    .as_ref()
                    .or(standard.text.as_ref())
                    .map_or_else(
                        || "a standard".to_owned(),
                        |t| format!("the standard {}", cx.quote(t)),
                    );
                out.push((format!("the timeline of {name}"), timeline));
            }
        }
    }
    out
}

/// Every fee: of services and of their steps (tiers are visited inside their fee).
pub fn fees<'c, 'a>(cx: &'c LintContext<'a>) -> &'c [(String, &'a Fee)] {
    cx.walks.fees.get_or_init(|| walk_fees(cx))
}

fn walk_fees<'a>(cx: &LintContext<'a>) -> Vec<(String, &'a Fee)> {
    let mut out = Vec::new();
    if let Some(fee) = &cx.charter.fee {
        out.push(("the fee of every service".to_owned(), fee));
    }
    for s in services(cx) {
        if let Some(fee) = &s.service.fee {
            out.push((format!("the fee of {}", s.label), fee));
        }
        for (column, value) in cells(cx, &s.service.columns) {
            if let CellValue::Amount(fee) = value {
                out.push((format!("the {column} of {}", s.label), fee));
            }
        }
        for (i, step) in s.service.steps.iter().enumerate() {
            if let Some(fee) = &step.fee {
                out.push((format!("the fee of step {} of {}", i + 1, s.label), fee));
            }
            for (column, value) in cells(cx, &step.columns) {
                if let CellValue::Amount(fee) = value {
                    out.push((
                        format!("the {column} of step {} of {}", i + 1, s.label),
                        fee,
                    ));
                }
            }
        }
    }
    out
}

/// A row's values for the charter's own columns, each with its column's label (as lint
/// names it: `“First Appellate Authority”`).
fn cells<'a, const STEPS: bool>(
    cx: &LintContext<'a>,
    cells: &'a Cells<STEPS>,
) -> Vec<(String, &'a CellValue)> {
    cells
        .0
        .iter()
        .map(|cell| {
            let label = cx
                .charter
                .columns
                .get(&cell.key.value)
                .map_or_else(|| format!("`{}`", cell.key.value), |c| cx.quote(&c.label));
            (label, &cell.value)
        })
        .collect()
}

/// Where a contact appears.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContactPlace {
    /// A complaint route, 0 being the first (the office itself).
    Route(usize),
    Feedback,
    Appeal,
}

/// Every contact with where it stands, in escalation order for complaint routes.
pub fn contacts<'c, 'a>(cx: &'c LintContext<'a>) -> &'c [(ContactPlace, String, &'a Contact)] {
    cx.walks.contacts.get_or_init(|| walk_contacts(cx))
}

fn walk_contacts<'a>(cx: &LintContext<'a>) -> Vec<(ContactPlace, String, &'a Contact)> {
    let mut out = Vec::new();
    if let Some(complaints) = &cx.charter.complaints {
        for (i, contact) in complaints.routes.iter().enumerate() {
            out.push((
                ContactPlace::Route(i),
                format!("complaint route {}", i + 1),
                contact,
            ));
        }
    }
    for (place, name, channel) in [
        (ContactPlace::Feedback, "feedback", &cx.charter.feedback),
        (ContactPlace::Appeal, "appeal", &cx.charter.appeal),
    ] {
        for (i, contact) in channel.iter().flat_map(|c| c.contacts.iter()).enumerate() {
            out.push((place, format!("{name} contact {}", i + 1), contact));
        }
    }
    out
}

/// The texts a reader meets on a poster, each with where it is: the header, every
/// service's name, description and requirements, values, standards, rights and duties.
pub fn texts<'c, 'a>(cx: &'c LintContext<'a>) -> &'c [(String, &'a Text)] {
    cx.walks.texts.get_or_init(|| walk_texts(cx))
}

fn walk_texts<'a>(cx: &LintContext<'a>) -> Vec<(String, &'a Text)> {
    let charter = cx.charter;
    let mut out: Vec<(String, &Text)> = vec![
        ("the title".into(), &charter.title),
        ("the organisation's name".into(), &charter.organization.name),
    ];
    for (name, text) in [
        ("the vision", &charter.vision),
        ("the mission", &charter.mission),
        ("the slogan", &charter.slogan),
        ("the commitment", &charter.commitment),
    ] {
        out.extend(text.iter().map(|t| (name.to_owned(), t)));
    }
    for value in &charter.values {
        out.push(("a core value".into(), &value.name));
        out.extend(
            value
                .text
                .iter()
                .map(|t| ("a core value's text".to_owned(), t)),
        );
    }
    for s in services(cx) {
        out.push((format!("the name of {}", s.label), &s.service.name));
        out.extend(
            s.service
                .description
                .iter()
                .map(|t| (format!("the description of {}", s.label), t)),
        );
        for r in &s.service.requirements {
            out.push((format!("a requirement of {}", s.label), &r.item));
        }
        for (column, value) in cells(cx, &s.service.columns) {
            if let CellValue::Text(text) = value {
                out.push((format!("the {column} of {}", s.label), text));
            }
        }
    }
    for column in &charter.columns.0 {
        out.push(("a column's label".into(), &column.label));
    }
    for group in &charter.standards {
        out.extend(
            group
                .group
                .iter()
                .map(|t| ("a group of standards".to_owned(), t)),
        );
        for standard in &group.items {
            out.extend(
                standard
                    .name
                    .iter()
                    .chain(&standard.text)
                    .map(|t| ("a standard".to_owned(), t)),
            );
        }
    }
    for (name, section) in [
        ("the rights", &charter.rights),
        ("the duties", &charter.duties),
    ] {
        if let Some(section) = section {
            out.extend(
                section
                    .text
                    .0
                    .iter()
                    .chain(&section.points)
                    .map(|t| (name.to_owned(), t)),
            );
        }
    }
    out
}
