//! What was mapped and what was not, for the officer who checks the imported charter:
//! each part of the charter with where it was found (the table, row and column; the
//! paragraph), how each column of a services table was read, how many fees and timelines
//! were read and how many kept as words, and every piece of text not placed.

use super::imported::{Found, Imported, Section, Service, TableReport};
use crate::reading::{read_fee, read_time};

/// The report's lines, for people.
pub fn lines(imported: &Imported) -> Vec<String> {
    let mut out = Vec::new();
    let mut row = |field: &str, text: String| out.push(format!("  {field:<13} {text}"));
    let one = |f: &Option<Found<String>>| -> Option<String> {
        f.as_ref()
            .map(|f| format!("{}: {}", f.at, excerpt(&f.value)))
    };
    let missing = "not found";
    row("language", imported.lang.to_owned());
    row(
        "title",
        one(&imported.title).unwrap_or_else(|| format!("{missing}: the built-in title is written")),
    );
    row(
        "organization",
        one(&imported.organization).unwrap_or_else(|| format!("{missing}: write its name")),
    );
    if let Some(edition) = one(&imported.edition) {
        row("edition", edition);
    }
    if let Some(parent) = one(&imported.parent) {
        row("parent", parent);
    }
    if let Some((code, why)) = &imported.country {
        row("country", format!("{code}: {why}"));
    }
    if let Some((code, why)) = &imported.currency {
        row("currency", format!("{code}, {why}"));
    }
    row(
        "vision",
        one(&imported.vision).unwrap_or_else(|| missing.to_owned()),
    );
    row(
        "mission",
        one(&imported.mission).unwrap_or_else(|| missing.to_owned()),
    );
    let many = |items: &[Found<String>]| -> String {
        match items.first() {
            None => missing.to_owned(),
            Some(first) => format!("{} from {}", items.len(), first.at),
        }
    };
    row("values", many(&imported.values));
    if !imported.objectives.is_empty() {
        let all: Vec<Found<String>> = imported
            .objectives
            .text
            .iter()
            .chain(&imported.objectives.points)
            .cloned()
            .collect();
        row("objectives", many(&all));
    }
    // Tables read with the same columns one after another (a Philippine charter's table
    // per service) are one line.
    let mut runs: Vec<&[TableReport]> = Vec::new();
    let mut start = 0;
    for i in 1..=imported.tables.len() {
        if i == imported.tables.len()
            || imported.tables[i].columns != imported.tables[start].columns
        {
            runs.push(&imported.tables[start..i]);
            start = i;
        }
    }
    for run in runs.iter().take(20) {
        let (first, last) = (&run[0], &run[run.len() - 1]);
        let services: usize = run.iter().map(|t| t.services).sum();
        let place = if run.len() == 1 {
            format!("{} ({} to {})", first.table, first.rows.0, first.rows.1)
        } else {
            format!("{} tables, {} to {}", run.len(), first.table, last.table)
        };
        row(
            "services",
            format!("{} from {place}", count(services, "service", "services")),
        );
        let columns: Vec<String> = first
            .columns
            .iter()
            .filter(|(heading, _)| !heading.is_empty())
            .map(|(heading, key)| match key {
                Some(key) => format!("{} → {key}", excerpt(heading)),
                None => format!("{} → comments", excerpt(heading)),
            })
            .collect();
        row("", format!("columns: {}", columns.join(", ")));
    }
    if runs.len() > 20 {
        row(
            "",
            format!(
                "… and {} more tables",
                runs[20..].iter().map(|r| r.len()).sum::<usize>()
            ),
        );
    }
    let services: Vec<&Service> = imported
        .services
        .iter()
        .flat_map(|e| e.services())
        .flat_map(all)
        .collect();
    let currency = imported.currency.as_ref().map(|(c, _)| c.as_str());
    let fees: Vec<&str> = services
        .iter()
        .filter_map(|s| s.fee.as_ref())
        .map(|f| f.value.as_str())
        .collect();
    let times: Vec<&str> = services
        .iter()
        .filter_map(|s| s.timeline.as_ref())
        .map(|f| f.value.as_str())
        .collect();
    let fees_read = fees
        .iter()
        .filter(|f| read_fee(f, currency).is_ok())
        .count();
    let times_read = times.iter().filter(|t| read_time(t).is_ok()).count();
    let requirements: usize = services.iter().map(|s| s.requirements.len()).sum();
    let steps: usize = services.iter().map(|s| s.steps.len()).sum();
    row(
        "",
        format!(
            "{requirements} requirements, {steps} steps; fees: {fees_read} read, {} kept as words; \
             timelines: {times_read} read, {} kept as words",
            fees.len() - fees_read,
            times.len() - times_read
        ),
    );
    let no_fee = services
        .iter()
        .filter(|s| s.fee.is_none() && s.services.is_empty())
        .count();
    if no_fee > 0 {
        row(
            "",
            format!(
                "{no_fee} services with no fee, {} with no timeline",
                services
                    .iter()
                    .filter(|s| s.timeline.is_none() && s.services.is_empty())
                    .count()
            ),
        );
    }
    row("standards", many(&imported.standards));
    let section = |s: &Section| -> String {
        let all: Vec<Found<String>> = s.text.iter().chain(&s.points).cloned().collect();
        many(&all)
    };
    row("rights", section(&imported.rights));
    row("duties", section(&imported.duties));
    if let Some(hours) = one(&imported.hours) {
        row("hours", hours);
    }
    if let Some((first, _)) = imported.abbreviations.first() {
        row(
            "abbreviations",
            format!("{} from {}", imported.abbreviations.len(), first.at),
        );
    }
    if !imported.labels.is_empty() {
        let labels: Vec<String> = imported
            .labels
            .iter()
            .map(|(key, found)| format!("{key}: {}", excerpt(&found.value)))
            .collect();
        row(
            "labels",
            format!("the document's own headings kept: {}", labels.join(", ")),
        );
    }
    let complaints = &imported.complaints;
    row(
        "complaints",
        if complaints.routes.is_empty() && complaints.text.is_empty() {
            missing.to_owned()
        } else {
            format!(
                "{}, {} independent; {}",
                count(complaints.routes.len(), "route", "routes"),
                complaints.routes.iter().filter(|r| r.independent).count(),
                count(
                    complaints.text.len(),
                    "paragraph of text",
                    "paragraphs of text"
                )
            )
        },
    );
    let other: Vec<&(String, Found<String>)> = services.iter().flat_map(|s| &s.other).collect();
    let unplaced = imported.unplaced.len() + other.len();
    if unplaced > 0 {
        out.push(format!("  not placed, kept as comments ({unplaced}):"));
        // In the order the charter is written, as the comments are.
        let mut unplaced: Vec<_> = imported.unplaced.iter().collect();
        unplaced.sort_by_key(|u| u.after);
        for u in unplaced {
            out.push(format!("    {}: {}", u.text.at, excerpt(&u.text.value)));
        }
        for (heading, found) in other {
            out.push(format!(
                "    {} ({}): {}",
                found.at,
                excerpt(heading),
                excerpt(&found.value)
            ));
        }
    }
    out
}

/// "1 route", "2 routes".
fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

fn all(service: &Service) -> Vec<&Service> {
    let mut out = vec![service];
    for sub in &service.services {
        out.extend(all(sub));
    }
    out
}

/// A value's first 60 characters, on one line, quoted.
fn excerpt(text: &str) -> String {
    let line = text.replace('\n', " ");
    let mut chars = line.chars();
    let cut: String = chars.by_ref().take(60).collect();
    if chars.next().is_some() {
        format!("\"{cut}…\"")
    } else {
        format!("\"{cut}\"")
    }
}
