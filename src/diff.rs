//! What changed between two versions of a charter, as a review workshop needs to see it:
//! services added, removed or renamed; for each kept service, its fee, timeline and
//! requirements, with commitments that got weaker marked as such; contacts and standards.

use serde::Serialize;

use crate::model::{
    Basis, CellValue, Charter, Contact, Detail, Duration, Fee, FeeKind, Service, ServiceCells,
    Text, Timeline, TimelineKind, Unit,
};
use crate::reading::Measure;

#[derive(Debug, Default, Serialize)]
pub struct CharterDiff {
    pub services: ServiceChanges,
    pub contacts: ListChanges,
    pub standards: ListChanges,
    /// Other top-level fields whose content changed (`vision`, `preface`, …).
    pub other: Vec<String>,
}

#[derive(Debug, Default, Serialize)]
pub struct ServiceChanges {
    pub added: Vec<String>,
    pub removed: Vec<String>,
    pub renamed: Vec<Renamed>,
    pub changed: Vec<ServiceChange>,
}

#[derive(Debug, Serialize)]
pub struct Renamed {
    pub from: String,
    pub to: String,
}

#[derive(Debug, Serialize)]
pub struct ServiceChange {
    pub service: String,
    pub changes: Vec<Change>,
}

/// One field of one service, before and after.
#[derive(Debug, Serialize)]
pub struct Change {
    pub field: &'static str,
    /// For `field: column`, the key of the charter's own column (`first_appeal`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    /// The tier or case of a fee or timeline that differs by case (`Citizens`, `Regional
    /// office`), compared case by case.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub case: Option<String>,
    pub old: Option<String>,
    pub new: Option<String>,
    /// `weaker` when the citizen is promised less (a longer time, a higher fee, one more
    /// requirement), `stronger` when more, absent when it cannot be said.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub direction: Option<Direction>,
    /// Why it is weaker or stronger, in words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub why: Option<&'static str>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Weaker,
    Stronger,
}

#[derive(Debug, Default, Serialize)]
pub struct ListChanges {
    pub added: Vec<String>,
    pub removed: Vec<String>,
}

impl CharterDiff {
    pub fn is_empty(&self) -> bool {
        let s = &self.services;
        s.added.is_empty()
            && s.removed.is_empty()
            && s.renamed.is_empty()
            && s.changed.is_empty()
            && self.contacts.added.is_empty()
            && self.contacts.removed.is_empty()
            && self.standards.added.is_empty()
            && self.standards.removed.is_empty()
            && self.other.is_empty()
    }

    /// How many changes make a commitment weaker (a removed service counts: it is no
    /// longer promised at all).
    pub fn weaker(&self) -> usize {
        self.services.removed.len()
            + self
                .services
                .changed
                .iter()
                .flat_map(|c| &c.changes)
                .filter(|c| c.direction == Some(Direction::Weaker))
                .count()
    }
}

/// Compares two charters. Texts are compared in the old charter's main language.
pub fn diff(old: &Charter, new: &Charter) -> CharterDiff {
    let lang = old
        .languages
        .first()
        .map_or("en", |l| l.as_str())
        .to_owned();
    let text = |t: &Text| {
        t.get(&lang)
            .or_else(|| t.all().next())
            .unwrap_or_default()
            .trim()
            .to_owned()
    };
    let mut out = CharterDiff::default();

    // Services, sub-services as "Parent › Sub": same name first, then the closest
    // remaining names as renames.
    let old_services = flat(&old.services, &text);
    let new_services = flat(&new.services, &text);
    let mut unmatched_old: Vec<&(String, &Service)> = Vec::new();
    let mut new_left: Vec<&(String, &Service)> = new_services.iter().collect();
    for entry in &old_services {
        match new_left.iter().position(|n| key(&n.0) == key(&entry.0)) {
            Some(i) => {
                let kept = new_left.remove(i);
                compare_service(entry, kept, &text, &mut out.services);
            }
            None => unmatched_old.push(entry),
        }
    }
    for entry in unmatched_old {
        let best = new_left
            .iter()
            .enumerate()
            .map(|(i, n)| {
                (
                    i,
                    strsim::normalized_levenshtein(&key(&entry.0), &key(&n.0)),
                )
            })
            .filter(|(_, score)| *score >= 0.6)
            .max_by(|a, b| a.1.total_cmp(&b.1));
        match best {
            Some((i, _)) => {
                let renamed = new_left.remove(i);
                out.services.renamed.push(Renamed {
                    from: entry.0.clone(),
                    to: renamed.0.clone(),
                });
                compare_service(entry, renamed, &text, &mut out.services);
            }
            None => out.services.removed.push(entry.0.clone()),
        }
    }
    out.services.added = new_left.iter().map(|s| s.0.clone()).collect();

    out.contacts = list_changes(&contacts(old, &text), &contacts(new, &text));
    out.standards = list_changes(&standards(old, &text), &standards(new, &text));
    out.other = other_changes(old, new);
    out
}

/// Every service and sub-service, named as a reader finds it: "Parent › Sub".
fn flat<'a>(
    services: &'a [Service],
    text: &impl Fn(&Text) -> String,
) -> Vec<(String, &'a Service)> {
    let mut out = Vec::new();
    for service in services {
        let name = text(&service.name);
        out.push((name.clone(), service));
        for (sub, s) in flat(&service.services, text) {
            out.push((format!("{name} › {sub}"), s));
        }
    }
    out
}

fn key(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_lowercase()
}

fn compare_service(
    (_, old): &(String, &Service),
    (name, new): &(String, &Service),
    text: &impl Fn(&Text) -> String,
    out: &mut ServiceChanges,
) {
    let mut changes = Vec::new();
    compare_fees(old.fee.as_ref(), new.fee.as_ref(), None, &mut changes);
    compare_timelines(
        old.timeline.as_ref(),
        new.timeline.as_ref(),
        None,
        &mut changes,
    );
    let old_reqs: Vec<String> = old.requirements.iter().map(|r| text(&r.item)).collect();
    let new_reqs: Vec<String> = new.requirements.iter().map(|r| text(&r.item)).collect();
    for added in new_reqs
        .iter()
        .filter(|r| !old_reqs.iter().any(|o| key(o) == key(r)))
    {
        changes.push(Change {
            field: "requirements",
            column: None,
            case: None,
            old: None,
            new: Some(added.clone()),
            direction: Some(Direction::Weaker),
            why: Some("a new requirement"),
        });
    }
    for removed in old_reqs
        .iter()
        .filter(|r| !new_reqs.iter().any(|n| key(n) == key(r)))
    {
        changes.push(Change {
            field: "requirements",
            column: None,
            case: None,
            old: Some(removed.clone()),
            new: None,
            direction: Some(Direction::Stronger),
            why: Some("one requirement fewer"),
        });
    }
    let old_office = old.office.as_ref().map(text);
    let new_office = new.office.as_ref().map(text);
    if old_office != new_office {
        changes.push(Change {
            field: "office",
            column: None,
            case: None,
            old: old_office,
            new: new_office,
            direction: None,
            why: None,
        });
    }
    compare_cells(&old.columns, &new.columns, text, &mut changes);
    if !changes.is_empty() {
        out.changed.push(ServiceChange {
            service: name.clone(),
            changes,
        });
    }
}

/// Compares a service's values for the charter's own columns, column by column (by key):
/// what a column means is the charter's to say, so no change is called weaker.
fn compare_cells(
    old: &ServiceCells,
    new: &ServiceCells,
    text: &impl Fn(&Text) -> String,
    out: &mut Vec<Change>,
) {
    let shown_cell = |value: &CellValue| match value {
        CellValue::Text(t) => text(t),
        CellValue::Number { written, .. } => written.clone(),
        CellValue::Amount(fee) => shown(fee.written.as_ref(), fee_words(fee)),
        CellValue::Time(timeline) => shown(timeline.written.as_ref(), timeline_words(timeline)),
    };
    let mut keys: Vec<&str> = old.0.iter().map(|c| c.key.value.as_str()).collect();
    keys.extend(
        new.0
            .iter()
            .map(|c| c.key.value.as_str())
            .filter(|k| old.get(k).is_none()),
    );
    for key in keys {
        let (o, n) = (old.get(key).map(shown_cell), new.get(key).map(shown_cell));
        if o != n {
            out.push(Change {
                field: "column",
                column: Some(key.to_owned()),
                case: None,
                old: o,
                new: n,
                direction: None,
                why: None,
            });
        }
    }
}

/// The tiers or cases of a fee, by name, for comparing them one by one.
fn fee_parts(fee: &Fee) -> Option<Vec<(String, &Fee)>> {
    match &fee.kind {
        FeeKind::Tiers { tiers } => Some(tiers.iter().map(|t| (first(&t.who), &t.fee)).collect()),
        FeeKind::Cases { cases } => Some(cases.iter().map(|c| (first(&c.case), &c.fee)).collect()),
        _ => None,
    }
}

fn first(text: &Text) -> String {
    text.all().next().unwrap_or_default().trim().to_owned()
}

/// What a fee or timeline says, for a reader of the diff: the office's words when it has
/// them, else the meaning written out.
fn shown(written: Option<&Text>, meaning: String) -> String {
    written
        .map_or(meaning, first)
        .split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" / ")
}

/// The parts of two values (tiers, cases) matched by name, the old value's order first,
/// then the parts only the new one has.
fn pair_parts<'a, T>(
    old: &[(String, &'a T)],
    new: &[(String, &'a T)],
) -> Vec<(String, Option<&'a T>, Option<&'a T>)> {
    let find = |parts: &[(String, &'a T)], label: &str| {
        parts
            .iter()
            .find(|(l, _)| key(l) == key(label))
            .map(|(_, p)| *p)
    };
    let mut pairs: Vec<_> = old
        .iter()
        .map(|(label, o)| (label.clone(), Some(*o), find(new, label)))
        .collect();
    pairs.extend(
        new.iter()
            .filter(|(label, _)| find(old, label).is_none())
            .map(|(label, n)| (label.clone(), None, Some(*n))),
    );
    pairs
}

/// The name of a part inside another: "Residential", or "Online: Residential".
fn nested(case: &Option<String>, label: &str) -> String {
    match case {
        Some(c) => format!("{c}: {label}"),
        None => label.to_owned(),
    }
}

/// Compares two fees, tier by tier and case by case when both have them: a new tier is
/// named, a higher fee is weaker.
fn compare_fees(old: Option<&Fee>, new: Option<&Fee>, case: Option<String>, out: &mut Vec<Change>) {
    if let (Some(o), Some(n)) = (old, new)
        && let (Some(old_parts), Some(new_parts)) = (fee_parts(o), fee_parts(n))
    {
        for (label, o, n) in pair_parts(&old_parts, &new_parts) {
            let case = Some(nested(&case, &label));
            match (o, n) {
                (Some(o), None) => out.push(Change {
                    field: "fee",
                    column: None,
                    case,
                    old: Some(fee_words(o)),
                    new: None,
                    direction: Some(Direction::Weaker),
                    why: Some("the fee of this tier is no longer stated"),
                }),
                (None, Some(n)) => out.push(Change {
                    field: "fee",
                    column: None,
                    case,
                    old: None,
                    new: Some(fee_words(n)),
                    direction: None,
                    why: Some("a new tier"),
                }),
                (o, n) => compare_fees(o, n, case, out),
            }
        }
        return;
    }
    let old_words = old.map(fee_words);
    let new_words = new.map(fee_words);
    let old_shown = old.map(|f| shown(f.written.as_ref(), fee_words(f)));
    let new_shown = new.map(|f| shown(f.written.as_ref(), fee_words(f)));
    if old_words != new_words {
        let (direction, why) = fee_direction(old, new);
        out.push(Change {
            field: "fee",
            column: None,
            case,
            old: old_shown,
            new: new_shown,
            direction,
            why,
        });
    } else if old_shown != new_shown {
        out.push(reworded("fee", case, old_shown, new_shown));
    }
}

/// The same promise in other words: printed differently, so a reviewer sees it.
fn reworded(
    field: &'static str,
    case: Option<String>,
    old: Option<String>,
    new: Option<String>,
) -> Change {
    Change {
        field,
        column: None,
        case,
        old,
        new,
        direction: None,
        why: Some("other words, the same promise"),
    }
}

/// The cases of a timeline, by name.
fn timeline_parts(timeline: &Timeline) -> Option<Vec<(String, &Timeline)>> {
    match &timeline.kind {
        TimelineKind::Cases { cases } => Some(
            cases
                .iter()
                .map(|c| (first(&c.case), &c.timeline))
                .collect(),
        ),
        _ => None,
    }
}

/// Compares two timelines, case by case when both have cases.
fn compare_timelines(
    old: Option<&Timeline>,
    new: Option<&Timeline>,
    case: Option<String>,
    out: &mut Vec<Change>,
) {
    if let (Some(o), Some(n)) = (old, new)
        && let (Some(old_parts), Some(new_parts)) = (timeline_parts(o), timeline_parts(n))
    {
        for (label, o, n) in pair_parts(&old_parts, &new_parts) {
            compare_timelines(o, n, Some(nested(&case, &label)), out);
        }
        return;
    }
    let old_words = old.map(timeline_words);
    let new_words = new.map(timeline_words);
    // `1 week` and `7 days` promise the same.
    let same_length = match (old, new) {
        (Some(a), Some(b)) => {
            minutes(a).is_some()
                && minutes(a) == minutes(b)
                && qualifier(a) == qualifier(b)
                && matches!(a.kind, TimelineKind::Every(_))
                    == matches!(b.kind, TimelineKind::Every(_))
        }
        _ => false,
    };
    let old_shown = old.map(|t| shown(t.written.as_ref(), timeline_words(t)));
    let new_shown = new.map(|t| shown(t.written.as_ref(), timeline_words(t)));
    if old_words != new_words && !same_length {
        let (direction, why) = timeline_direction(old, new);
        out.push(Change {
            field: "timeline",
            column: None,
            case,
            old: old_shown,
            new: new_shown,
            direction,
            why,
        });
    } else if old_shown != new_shown {
        out.push(reworded("timeline", case, old_shown, new_shown));
    }
}

/// A fee's meaning in words, the same however the office wrote it (`Nil` and `Free` are
/// both free), so that only real changes show.
pub fn fee_words(fee: &Fee) -> String {
    match &fee.kind {
        FeeKind::Free { condition } => match condition.as_ref() {
            Some(c) => format!("free {}", first(c)),
            None => "free".into(),
        },
        FeeKind::Amount(a) => {
            let value = group_thousands(&a.value);
            let value = match &a.max {
                Some(max) => format!("{value}-{}", group_thousands(max)),
                None => value,
            };
            let mut amount = match &a.currency {
                Some(c) => format!("{c} {value}"),
                None => value,
            };
            if a.at_most {
                amount = format!("at most {amount}");
            }
            let per = a.per.as_ref().map(first).filter(|p| !p.is_empty());
            let per = match per {
                // A one-line fee keeps its "per …" in the text; the long form does not.
                Some(per)
                    if !per.to_lowercase().starts_with("per")
                        && !per.to_lowercase().starts_with("kwa")
                        && !per.starts_with('/') =>
                {
                    format!(" per {per}")
                }
                Some(per) => format!(" {per}"),
                None => String::new(),
            };
            let qualifier = a
                .qualifier
                .as_ref()
                .map_or(String::new(), |q| format!(" {}", first(q)));
            format!("{amount}{per}{qualifier}")
        }
        FeeKind::Tiers { .. } | FeeKind::Cases { .. } => fee_parts(fee)
            .unwrap_or_default()
            .iter()
            .map(|(label, f)| format!("{label}: {}", fee_words(f)))
            .collect::<Vec<_>>()
            .join("; "),
        FeeKind::Vague => fee.written.as_ref().map(first).unwrap_or_default(),
    }
}

fn group_thousands(value: &str) -> String {
    let (whole, fraction) = value
        .split_once('.')
        .map_or((value, None), |(w, f)| (w, Some(f)));
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match fraction {
        Some(f) => format!("{grouped}.{f}"),
        None => grouped,
    }
}

/// A timeline's meaning in words, the same whichever way it was written (`1 month after
/// retirement` and `{amount: 1, unit: months, qualifier: after retirement}` read alike), so
/// that only real changes show.
pub fn timeline_words(timeline: &Timeline) -> String {
    match &timeline.kind {
        TimelineKind::Vague => timeline.written.as_ref().map(first).unwrap_or_default(),
        TimelineKind::Rings { rings } => format!("within {rings} rings"),
        TimelineKind::Cases { .. } => timeline_parts(timeline)
            .unwrap_or_default()
            .iter()
            .map(|(label, t)| format!("{label}: {}", timeline_words(t)))
            .collect::<Vec<_>>()
            .join("; "),
        TimelineKind::Every(d) => format!("every {}", duration_words(d)),
        TimelineKind::Duration(d) => duration_words(d),
    }
}

fn duration_words(d: &Duration) -> String {
    let amount = match d.max {
        Some(max) => format!("{}-{max}", d.amount),
        None => d.amount.to_string(),
    };
    let basis = match d.basis {
        Some(Basis::Working) => " working",
        Some(Basis::Calendar) => " calendar",
        None => "",
    };
    let unit_words = |one: bool, u: Unit| {
        let name = unit_name(u);
        if one {
            name.trim_end_matches('s').to_owned()
        } else {
            name.to_owned()
        }
    };
    let one = d.max.is_none() && d.amount == 1;
    let unit = d
        .unit
        .map_or(String::new(), |u| format!(" {}", unit_words(one, u)));
    let plus: String = d
        .plus
        .iter()
        .map(|(n, u)| format!(" and {n} {}", unit_words(*n == 1, *u)))
        .collect();
    let qualifier = d
        .qualifier
        .as_ref()
        .and_then(|q| q.all().next())
        .map_or(String::new(), |q| format!(" {q}"));
    format!("{amount}{basis}{unit}{plus}{qualifier}")
}

fn unit_name(unit: Unit) -> &'static str {
    match unit {
        Unit::Seconds => "seconds",
        Unit::Minutes => "minutes",
        Unit::Hours => "hours",
        Unit::Days => "days",
        Unit::Weeks => "weeks",
        Unit::Months => "months",
        Unit::Years => "years",
    }
}

type Verdict = (Option<Direction>, Option<&'static str>);

fn fee_direction(old: Option<&Fee>, new: Option<&Fee>) -> Verdict {
    use Direction::*;
    let (Some(old), Some(new)) = (old, new) else {
        return match (old, new) {
            (Some(_), None) => (Some(Weaker), Some("the fee is no longer stated")),
            (None, Some(_)) => (Some(Stronger), Some("the fee is now stated")),
            _ => (None, None),
        };
    };
    match (&old.kind, &new.kind) {
        (FeeKind::Free { .. }, FeeKind::Free { .. }) => (None, None),
        (FeeKind::Free { .. }, _) => (Some(Weaker), Some("no longer free")),
        (_, FeeKind::Free { .. }) => (Some(Stronger), Some("now free")),
        (_, FeeKind::Vague) => (Some(Weaker), Some("no longer a fixed amount")),
        (FeeKind::Vague, _) => (Some(Stronger), Some("now a fixed amount")),
        (FeeKind::Amount(a), FeeKind::Amount(b)) if a.currency == b.currency => {
            let (x, y) = (
                a.value.parse::<f64>().unwrap_or(0.0),
                b.value.parse::<f64>().unwrap_or(0.0),
            );
            if y > x {
                (Some(Weaker), Some("a higher fee"))
            } else if y < x {
                (Some(Stronger), Some("a lower fee"))
            } else {
                (None, None)
            }
        }
        _ => (None, None),
    }
}

/// A duration in calendar minutes, for comparing timelines of different units (a
/// frequency's period, for a frequency).
fn minutes(timeline: &Timeline) -> Option<f64> {
    let (TimelineKind::Duration(d) | TimelineKind::Every(d)) = &timeline.kind else {
        return None;
    };
    let in_minutes = |n: f64, unit: Unit| {
        // Working days stretch over weekends: 5 working days are about 7 calendar days.
        let working = if d.basis == Some(Basis::Working) {
            7.0 / 5.0
        } else {
            1.0
        };
        match unit {
            Unit::Seconds => n / 60.0,
            Unit::Minutes => n,
            Unit::Hours => n * 60.0,
            Unit::Days => n * 1440.0 * working,
            Unit::Weeks => n * 7.0 * 1440.0,
            Unit::Months => n * 30.0 * 1440.0,
            Unit::Years => n * 365.0 * 1440.0,
        }
    };
    let mut total = in_minutes(f64::from(d.max.unwrap_or(d.amount)), d.unit?);
    for (n, unit) in &d.plus {
        total += in_minutes(f64::from(*n), *unit);
    }
    Some(total)
}

fn qualifier(timeline: &Timeline) -> Option<String> {
    match &timeline.kind {
        TimelineKind::Duration(d) | TimelineKind::Every(d) => d
            .qualifier
            .as_ref()
            .and_then(|q| q.all().next())
            .map(str::to_lowercase),
        TimelineKind::Cases { .. } | TimelineKind::Rings { .. } | TimelineKind::Vague => None,
    }
}

fn timeline_direction(old: Option<&Timeline>, new: Option<&Timeline>) -> Verdict {
    use Direction::*;
    match (old, new) {
        (Some(_), None) => (Some(Weaker), Some("the timeline is no longer stated")),
        (None, Some(_)) => (Some(Stronger), Some("a timeline is now stated")),
        (Some(o), Some(n)) if qualifier(o) != qualifier(n) && minutes(o) == minutes(n) => {
            let conditional = |t: &Timeline| {
                qualifier(t).is_some_and(|q| {
                    crate::lint::words::first_in(&crate::lint::words::words().depends_on, &q)
                        .is_some()
                })
            };
            match (conditional(o), conditional(n)) {
                (false, true) => (Some(Weaker), Some("now depends on a condition")),
                (true, false) => (Some(Stronger), Some("no longer depends on a condition")),
                _ => (None, None),
            }
        }
        (Some(o), Some(n)) if only_basis_differs(o, n) => (None, Some("now says which days count")),
        (Some(o), Some(n)) => match (minutes(o), minutes(n)) {
            _ if let (TimelineKind::Rings { rings: a }, TimelineKind::Rings { rings: b }) =
                (&o.kind, &n.kind)
                && a != b =>
            {
                if b > a {
                    (Some(Weaker), Some("more rings before an answer"))
                } else {
                    (Some(Stronger), Some("fewer rings before an answer"))
                }
            }
            (Some(a), Some(b)) if b > a => (Some(Weaker), Some("a longer timeline")),
            (Some(a), Some(b)) if b < a => (Some(Stronger), Some("a shorter timeline")),
            _ => match (measurable(o), measurable(n)) {
                (true, false) => (Some(Weaker), Some("no longer measurable")),
                (false, true) => (Some(Stronger), Some("now measurable")),
                _ => (None, None),
            },
        },
        (None, None) => (None, None),
    }
}

/// Whether a timeline states a time (for each case, when it has cases).
fn measurable(timeline: &Timeline) -> bool {
    match &timeline.kind {
        TimelineKind::Duration(_) | TimelineKind::Every(_) | TimelineKind::Rings { .. } => true,
        TimelineKind::Cases { cases } => cases.iter().all(|c| measurable(&c.timeline)),
        TimelineKind::Vague => false,
    }
}

/// `30 days` → `30 working days`: the same number, and days that now say which count
/// (weaker only if the office meant calendar days before, which the charter did not say).
fn only_basis_differs(old: &Timeline, new: &Timeline) -> bool {
    match (&old.kind, &new.kind) {
        (TimelineKind::Duration(a), TimelineKind::Duration(b)) => {
            let words = |d: &Duration| d.qualifier.as_ref().map(first);
            a.basis.is_none()
                && b.basis.is_some()
                && Measure {
                    basis: None,
                    ..b.measure.clone()
                } == a.measure
                && words(a) == words(b)
        }
        _ => false,
    }
}

fn contacts(charter: &Charter, text: &impl Fn(&Text) -> String) -> Vec<String> {
    let describe = |c: &Contact| {
        let mut parts: Vec<String> = c.role.iter().chain(&c.office).map(text).collect();
        parts.extend(c.pobox.iter().map(text));
        parts.extend(
            Detail::all(&c.phones)
                .chain(Detail::all(&c.emails))
                .chain(Detail::all(&c.fax))
                .chain(c.website.iter().flat_map(Detail::values))
                .map(|p| p.value.0.clone()),
        );
        parts.join(", ")
    };
    let mut out: Vec<String> = charter
        .complaints
        .iter()
        .flat_map(|c| &c.routes)
        .map(describe)
        .collect();
    out.extend(
        charter
            .feedback
            .iter()
            .chain(&charter.appeal)
            .flat_map(|c| &c.contacts)
            .map(describe),
    );
    out
}

fn standards(charter: &Charter, text: &impl Fn(&Text) -> String) -> Vec<String> {
    charter
        .standards
        .iter()
        .flat_map(|g| &g.items)
        .map(|s| {
            let mut t: Vec<String> = s.name.iter().chain(&s.text).map(text).collect();
            t.extend(s.timeline.iter().map(timeline_words));
            t.join(": ")
        })
        .collect()
}

fn list_changes(old: &[String], new: &[String]) -> ListChanges {
    ListChanges {
        added: new.iter().filter(|n| !old.contains(n)).cloned().collect(),
        removed: old.iter().filter(|o| !new.contains(o)).cloned().collect(),
    }
}

/// Top-level fields, other than those compared in detail, whose content differs.
fn other_changes(old: &Charter, new: &Charter) -> Vec<String> {
    let (Ok(serde_json::Value::Object(a)), Ok(serde_json::Value::Object(b))) =
        (serde_json::to_value(old), serde_json::to_value(new))
    else {
        return Vec::new();
    };
    let detailed = ["services", "standards", "complaints", "feedback", "appeal"];
    let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| !detailed.contains(&k.as_str()) && a.get(*k) != b.get(*k))
        .cloned()
        .collect()
}
