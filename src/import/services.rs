//! The services table: found by its heading row (a name column and at least one of
//! requirements, fee and timeline), then read row by row as a person reads it.
//!
//! - A row whose name and number cells are empty or merged from above continues the
//!   service above (a service spread over several rows, its cells merged or not).
//! - A row with one text across the table (merged, or alone in the row) is a group's
//!   heading.
//! - A number in its own column, or before the name ("3. Issuance of …"), is the service's.
//! - A row numbered `3.1` or `a)` under a service that states no fee and no time is one of
//!   its sub-services.
//! - A row repeating the heading row (a table continued on the next page) is skipped.

use super::document::{Cell, Covered, Place, Table};
use super::headings::{Key, Match, classify};
use super::imported::{Entry, Found, Requirement, Service, TableReport, append};
use super::split::{numbering, requirements, service_number};

/// A heading row: the row, and each column's key (or `None`, with its heading, for a column
/// that maps to nothing).
#[derive(Clone, Debug)]
pub struct Header {
    /// The first row of the heading (a heading may take two rows).
    pub top: usize,
    /// The last row of the heading: the services start below it.
    pub row: usize,
    pub columns: Vec<(String, Option<Match>)>,
    /// Columns that give a column's values again in another language ("Service" beside
    /// "Huduma"): the key, and that language.
    pub seconds: Vec<Option<(Key, &'static str)>>,
}

impl Header {
    /// The language of the table's second-language columns, if it has any.
    pub fn second_lang(&self) -> Option<&'static str> {
        self.seconds.iter().flatten().map(|(_, lang)| *lang).next()
    }

    fn column(&self, key: Key) -> Option<usize> {
        self.columns
            .iter()
            .position(|(_, m)| m.is_some_and(|m| m.key == key))
    }

    pub fn keys(&self) -> Vec<Key> {
        self.columns
            .iter()
            .filter_map(|(_, m)| m.map(|m| m.key))
            .collect()
    }

    /// The languages the headings are in, one per matched heading.
    pub fn langs(&self) -> Vec<&'static str> {
        self.columns
            .iter()
            .filter_map(|(_, m)| m.map(|m| m.lang))
            .collect()
    }
}

/// The first row of `table` (among its first 30) that reads as the heading row of a table
/// with `keys` as its columns, `required` among them and at least `enough` of them.
pub fn find_header(table: &Table, keys: &[Key], required: &[Key], enough: usize) -> Option<Header> {
    let good = |header: &Header| {
        let found = header.keys();
        let mut distinct = found.clone();
        distinct.sort();
        distinct.dedup();
        required.iter().all(|k| found.contains(k)) && distinct.len() >= enough
    };
    for (r, row) in table.rows.iter().enumerate().take(30) {
        // A heading in two rows: "No." and "Service" merged down, "Service Level Standard"
        // across "Description" and "Timeline" below it.
        if let Some(next) = table.rows.get(r + 1)
            && next
                .iter()
                .any(|c| c.covered == Some(super::document::Covered::Above))
        {
            let mut two = header_of(row, Some(next), r + 1, keys);
            two.top = r;
            if good(&two) {
                return Some(two);
            }
        }
        let header = header_of(row, None, r, keys);
        if good(&header) {
            return Some(header);
        }
    }
    None
}

/// The heading row `row` (with the row below it, for a heading in two rows).
fn header_of(row: &[Cell], below: Option<&Vec<Cell>>, r: usize, keys: &[Key]) -> Header {
    let mut seen: Vec<(Key, &'static str)> = Vec::new();
    let mut seconds = Vec::new();
    let columns = row
        .iter()
        .enumerate()
        .map(|(c, cell)| {
            seconds.push(None);
            let lower = below
                .and_then(|b| b.get(c))
                .filter(|b| !b.is_empty() && b.covered.is_none());
            let cell = match lower {
                Some(lower) => lower,
                None if cell.covered.is_some() => return (String::new(), None),
                None => cell,
            };
            let text = cell.text();
            let m = classify(&text, keys);
            // A second column of the same kind: in another language (the names again, in
            // English beside Kiswahili), its values are their translation; in the same
            // language, it is kept as comments.
            if let Some(m) = m
                && let Some((_, first)) = seen.iter().find(|(k, _)| *k == m.key)
            {
                if *first != m.lang {
                    seconds[c] = Some((m.key, m.lang));
                }
                return (text, None);
            }
            seen.extend(m.map(|m| (m.key, m.lang)));
            (text, m)
        })
        .collect();
    Header {
        top: r,
        row: r,
        columns,
        seconds,
    }
}

/// Reads the services of `table` below its heading row, until the end of the table or a row
/// that is a section's heading; the rows read.
/// Rows that are no service (a note under the table, a row without a name) are returned
/// as text, each cell with its heading, to be kept as comments.
pub fn read(
    table: &Table,
    header: &Header,
    entries: &mut Vec<Entry>,
) -> (TableReport, usize, Vec<Found<String>>) {
    let mut left = Vec::new();
    let name_col = header.column(Key::Name);
    let number_col = header.column(Key::Number);
    let mut end = table.rows.len();
    let mut count = 0;
    let first = header.row + 1;
    for r in first..table.rows.len() {
        let row = &table.rows[r];
        let texts: Vec<String> = row.iter().map(Cell::text).collect();
        if texts.iter().all(String::is_empty) {
            continue;
        }
        if repeats_header(&texts, header) {
            continue;
        }
        let filled: Vec<usize> = (0..row.len()).filter(|&c| !texts[c].is_empty()).collect();
        // A row with one text: a group's heading, or a section's below the table.
        if filled.len() == 1 {
            let c = filled[0];
            let text = &texts[c];
            if classify(text, Key::SECTIONS).is_some() && Some(c) != name_col {
                end = r;
                break;
            }
            let spans = row
                .get(c + 1)
                .is_some_and(|n| n.covered == Some(super::document::Covered::Left));
            // Left of the table's own columns (a heading in a column of its own), or
            // spanning it, or bold where a name would be.
            let leftmost = name_col.into_iter().chain(number_col).min().unwrap_or(0);
            let left_of = c < leftmost;
            let bold_name = row[c].is_bold() && (Some(c) == name_col || Some(c) == number_col);
            // "NB: All payments are made through M-Pesa.": a note, merged across the table
            // or not; and text in the number column that is no number.
            let words = text.split_whitespace().count();
            let lower = text.to_lowercase();
            let note_like = text.contains(':')
                || words > 10
                || (words > 3 && text.ends_with('.'))
                || ["nb", "n.b", "note"].iter().any(|w| lower.starts_with(w));
            let in_number =
                Some(c) == number_col && service_number(text).is_none() && text.len() > 4;
            if note_like || (in_number && !(spans || left_of || bold_name)) {
                left.push(Found::new(text.clone(), row[c].at.clone()));
                continue;
            }
            if spans || left_of || bold_name {
                entries.push(Entry::Group {
                    name: Found::new(text.clone(), row[c].at.clone()),
                    services: Vec::new(),
                });
                continue;
            }
        }
        let name = name_col.map(|c| &row[c]);
        let number = number_col.map(|c| &row[c]);
        let continues = name.is_none_or(|n| n.is_empty()) && number.is_none_or(|n| n.is_empty());
        if continues && let Some(service) = last_service(entries) {
            continue_service(service, row, header);
            continue;
        }
        let mut service = Service::default();
        let mut name_text = name.map(Cell::text).unwrap_or_default();
        let mut number_text = number.map(Cell::text).unwrap_or_default();
        match numbering(&name_text) {
            Some((mark, rest)) if number_text.is_empty() => {
                number_text = mark.to_owned();
                name_text = rest.to_owned();
            }
            // The number in its column and again before the name: once is enough.
            Some((mark, rest)) if service_number(mark) == service_number(&number_text) => {
                name_text = rest.to_owned();
            }
            _ => {}
        }
        if !number_text.is_empty() {
            match service_number(&number_text) {
                Some(n) => service.number = Some(n),
                None => service.mark = Some(number_text.clone()),
            }
        }
        if let Some(cell) = name
            && !name_text.is_empty()
        {
            service.name = Some(Found::new(name_text, cell.at.clone()));
        }
        if service.name.is_none() {
            // A row with no name is no service the format can hold: its cells are kept.
            for (c, cell) in row.iter().enumerate() {
                if !cell.is_empty() {
                    let heading = header.columns.get(c).map_or("", |(h, _)| h.as_str());
                    let text = cell.text();
                    let text = if heading.is_empty() {
                        text
                    } else {
                        format!("{heading}: {text}")
                    };
                    left.push(Found::new(text, cell.at.clone()));
                }
            }
            continue;
        }
        fill(&mut service, row, header, false);
        count += 1;
        place(entries, service);
    }
    let rows = (
        table
            .rows
            .get(first)
            .map_or(Place::Paragraph(0), |r| r[0].at.clone()),
        table
            .rows
            .get(end.saturating_sub(1))
            .map_or(Place::Paragraph(0), |r| r[0].at.clone()),
    );
    let report = TableReport {
        table: table.name.clone(),
        columns: header
            .columns
            .iter()
            .zip(&header.seconds)
            .map(|((text, m), second)| {
                let field = match (m, second) {
                    (Some(m), _) => Some(m.key.name().to_owned()),
                    (None, Some((key, lang))) => Some(format!("{} ({lang})", key.name())),
                    (None, None) => None,
                };
                (text.clone(), field)
            })
            .collect(),
        rows,
        services: count,
    };
    (report, end, left)
}

/// A row that is the heading row again (a table continued on the next page): every cell
/// it fills says what the heading says, and its name cell among them.
fn repeats_header(texts: &[String], header: &Header) -> bool {
    let filled: Vec<(&String, &String)> = texts
        .iter()
        .zip(header.columns.iter().map(|(h, _)| h))
        .filter(|(t, _)| !t.is_empty())
        .collect();
    let name = header.column(Key::Name);
    filled.len() >= 2
        && filled.iter().all(|(t, h)| t == h)
        && name.is_none_or(|c| texts.get(c) == header.columns.get(c).map(|(h, _)| h))
}

/// The service a continuation row adds to: the last one, or the last of its group, or its
/// last sub-service.
fn last_service(entries: &mut [Entry]) -> Option<&mut Service> {
    let service = match entries.last_mut()? {
        Entry::Service(s) => s,
        Entry::Group { services, .. } => services.last_mut()?,
    };
    if service.services.is_empty() || service.by_rows {
        Some(service)
    } else {
        service.services.last_mut()
    }
}

/// Adds a new service: under the last service when it is one of its sub-services, else to
/// the last group, else on its own.
fn place(entries: &mut Vec<Entry>, service: Service) {
    let parent = match entries.last_mut() {
        Some(Entry::Service(s)) => Some(s.as_mut()),
        Some(Entry::Group { services, .. }) => services.last_mut(),
        None => None,
    };
    if let Some(parent) = parent {
        let lettered = service.number.is_none() && service.mark.is_some();
        let below = match (&parent.number, &service.number) {
            (Some(p), Some(n)) => n.starts_with(&format!("{p}.")),
            _ => false,
        };
        let groups = parent.fee.is_none() && parent.timeline.is_none() && parent.steps.is_empty();
        if groups && (lettered || below) {
            parent.services.push(service);
            return;
        }
    }
    match entries.last_mut() {
        Some(Entry::Group { services, .. }) => services.push(service),
        _ => entries.push(Entry::Service(Box::new(service))),
    }
}

/// Adds a row that continues a service. A row that gives its own fee or time, under a
/// service that has one from an earlier row, is a promise of its own: the service's rows
/// become its sub-services, each named by its requirement ("Email", "Letters": the channel
/// printed in the requirements column), a merged fee or office given to each.
fn continue_service(service: &mut Service, row: &[Cell], header: &Header) {
    let cell = |key: Key| {
        header
            .columns
            .iter()
            .position(|(_, m)| m.is_some_and(|m| m.key == key))
            .and_then(|c| row.get(c))
    };
    let own = |key: Key| cell(key).is_some_and(|c| !c.is_empty());
    let promise = own(Key::Fee) || own(Key::Timeline);
    let named = own(Key::Requirements);
    let promised = service.fee.is_some() || service.timeline.is_some();
    if promise && named && (service.by_rows || promised) {
        if !service.by_rows {
            let first = Service {
                name: row_name(&service.requirements),
                requirements: std::mem::take(&mut service.requirements),
                fee: service.fee.take(),
                timeline: service.timeline.take(),
                ..Service::default()
            };
            service.services.push(first);
            service.by_rows = true;
        }
        let mut next = Service::default();
        fill(&mut next, row, header, false);
        next.name = row_name(&next.requirements);
        // A cell merged down over the rows holds for each of them.
        let first = &service.services[0];
        for (key, slot, from) in [
            (Key::Fee, &mut next.fee, &first.fee),
            (Key::Timeline, &mut next.timeline, &first.timeline),
        ] {
            if slot.is_none() && cell(key).is_some_and(|c| c.covered == Some(Covered::Above)) {
                slot.clone_from(from);
            }
        }
        service.services.push(next);
    } else if service.by_rows {
        let last = service
            .services
            .last_mut()
            .expect("a service split by rows has rows");
        fill(last, row, header, true);
    } else {
        fill(service, row, header, true);
    }
}

/// The name of a service's row: its requirements, as printed.
fn row_name(requirements: &[Requirement]) -> Option<Found<String>> {
    let first = requirements.first()?;
    let text: Vec<&str> = requirements.iter().map(|r| r.item.value.as_str()).collect();
    Some(Found::new(text.join(", "), first.item.at.clone()))
}

/// Reads a row's cells into the service (a continuation row adds to what is there).
fn fill(service: &mut Service, row: &[Cell], header: &Header, continues: bool) {
    for (c, (heading, m)) in header.columns.iter().enumerate() {
        let Some(cell) = row.get(c) else { continue };
        if cell.is_empty() {
            continue;
        }
        if let Some(Some((key, _))) = header.seconds.get(c) {
            let text = match key {
                Key::Name | Key::Office | Key::Audience => cell.text(),
                _ => cell.text_lines(),
            };
            let found = Found::new(text, cell.at.clone());
            match service.translations.iter_mut().find(|(k, _)| k == key) {
                Some((_, existing)) => existing.push('\n', &found.value),
                None => service.translations.push((*key, found)),
            }
            continue;
        }
        let key = m.map(|m| m.key);
        // A fee, a time or a description keeps the office's line breaks ("Regional
        // Office: …" on one line, "District Office: …" on the next); a name or an office
        // broken over lines is one value.
        let text = match key {
            Some(Key::Fee | Key::Timeline | Key::Description) => cell.text_lines(),
            _ => cell.text(),
        };
        let found = Found::new(text, cell.at.clone());
        match key {
            Some(Key::Requirements) => {
                for item in requirements(&cell.lines) {
                    service.requirements.push(Requirement {
                        item: Found::new(item, cell.at.clone()),
                        from: None,
                    });
                }
            }
            Some(Key::Fee) => append(&mut service.fee, found, '\n'),
            Some(Key::Timeline) => append(&mut service.timeline, found, '\n'),
            Some(Key::Office) => append(&mut service.office, found, ' '),
            Some(Key::Audience) => append(&mut service.audience, found, ' '),
            Some(Key::Description) => append(&mut service.description, found, '\n'),
            Some(Key::From) => {
                if let Some(last) = service.requirements.last_mut() {
                    append(&mut last.from, found, ' ');
                } else {
                    service.other.push((heading.clone(), found));
                }
            }
            Some(Key::Name) if continues => append(&mut service.name, found, ' '),
            Some(Key::Name | Key::Number) => {}
            _ => service.other.push((heading.clone(), found)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(rows: &[&[&str]]) -> Table {
        crate::import::document::grid(rows)
    }

    fn read_all(t: &Table) -> Vec<Entry> {
        let header = find_header(t, Key::COLUMNS, &[Key::Name], 2).expect("a heading row");
        let mut entries = Vec::new();
        read(t, &header, &mut entries);
        entries
    }

    fn name(s: &Service) -> &str {
        s.name.as_ref().map_or("", |n| n.value.as_str())
    }

    #[test]
    fn a_service_over_two_rows_is_one_service() {
        let t = table(&[
            &["No.", "Service", "Requirements", "Fee", "Timeline"],
            &["1", "Permit", "Form|ID", "KES 500", "3 days"],
            &["^", "^", "Photo", "^", "^"],
            &["2", "Licence", "Form", "Free", "1 day"],
        ]);
        let entries = read_all(&t);
        assert_eq!(entries.len(), 2);
        let Entry::Service(first) = &entries[0] else {
            panic!()
        };
        assert_eq!(first.requirements.len(), 3);
        assert_eq!(first.fee.as_ref().unwrap().value, "KES 500");
        assert_eq!(first.number.as_deref(), Some("1"));
    }

    #[test]
    fn groups_numbers_in_names_sub_services_and_repeated_headings() {
        let t = table(&[
            &["Service", "Requirements", "Fee", "Timeline"],
            &["MAYOR'S OFFICE", "<", "<", "<"],
            &["1. Clearance", "Form", "PHP 100", "1 day"],
            &["Service", "Requirements", "Fee", "Timeline"],
            &["2. Subdivision", "", "", ""],
            &["a) Survey", "Plan", "KES 5,000", "21 days"],
            &["b) Amalgamation", "Titles", "KES 3,000", "14 days"],
        ]);
        let entries = read_all(&t);
        assert_eq!(entries.len(), 1, "{entries:#?}");
        let Entry::Group {
            name: group,
            services,
        } = &entries[0]
        else {
            panic!()
        };
        assert_eq!(group.value, "MAYOR'S OFFICE");
        assert_eq!(services.len(), 2);
        assert_eq!(name(&services[0]), "Clearance");
        assert_eq!(services[0].number.as_deref(), Some("1"));
        let parent = &services[1];
        assert_eq!(name(parent), "Subdivision");
        let subs: Vec<&str> = parent.services.iter().map(name).collect();
        assert_eq!(subs, ["Survey", "Amalgamation"]);
        assert_eq!(parent.services[0].mark.as_deref(), Some("a"));
    }

    #[test]
    fn rows_with_their_own_times_are_sub_services() {
        let t = table(&[
            &["No", "Service", "Requirement", "Cost", "Timeline"],
            &["2", "Respond to correspondence", "Email", "Free", "One day"],
            &["^", "^", "Letters", "^", "Up to 7 days"],
        ]);
        let entries = read_all(&t);
        let Entry::Service(service) = &entries[0] else {
            panic!()
        };
        assert!(service.fee.is_none() && service.timeline.is_none());
        let subs: Vec<(&str, &str, &str)> = service
            .services
            .iter()
            .map(|s| {
                (
                    name(s),
                    s.fee.as_ref().unwrap().value.as_str(),
                    s.timeline.as_ref().unwrap().value.as_str(),
                )
            })
            .collect();
        assert_eq!(
            subs,
            [
                ("Email", "Free", "One day"),
                ("Letters", "Free", "Up to 7 days")
            ]
        );
    }

    #[test]
    fn a_heading_in_two_rows_is_read_as_one() {
        let t = table(&[
            &["No.", "Service", "Service Level Standard", "<"],
            &["^", "^", "Description", "Timeline"],
            &["1", "TIN", "Registration", "1 working day"],
        ]);
        let header = find_header(&t, Key::COLUMNS, &[Key::Name], 2).unwrap();
        assert_eq!((header.top, header.row), (0, 1));
        assert_eq!(
            header.keys(),
            [Key::Number, Key::Name, Key::Description, Key::Timeline]
        );
    }

    #[test]
    fn a_second_column_of_the_same_kind_is_a_translation_or_kept_apart() {
        let t = table(&[
            &["Huduma", "Service", "Malipo", "Fee"],
            &["Jibu simu", "Answer calls", "Bila Malipo", "Free"],
        ]);
        let entries = read_all(&t);
        let Entry::Service(s) = &entries[0] else {
            panic!()
        };
        assert_eq!(name(s), "Jibu simu");
        assert_eq!(s.fee.as_ref().unwrap().value, "Bila Malipo");
        // In another language, the values are their translation.
        let translations: Vec<(Key, &str)> = s
            .translations
            .iter()
            .map(|(k, f)| (*k, f.value.as_str()))
            .collect();
        assert_eq!(
            translations,
            [(Key::Name, "Answer calls"), (Key::Fee, "Free")]
        );
        // In the same language, a second column is kept as comments.
        let t = table(&[
            &["Service", "Fee", "Cost"],
            &["Permit", "KES 100", "KES 200"],
        ]);
        let entries = read_all(&t);
        let Entry::Service(s) = &entries[0] else {
            panic!()
        };
        let other: Vec<(&str, &str)> = s
            .other
            .iter()
            .map(|(h, f)| (h.as_str(), f.value.as_str()))
            .collect();
        assert_eq!(other, [("Cost", "KES 200")]);
    }

    #[test]
    fn a_row_that_repeats_some_headings_is_still_a_service() {
        let t = table(&[
            &["Service", "Fee", "Remarks", "Notes"],
            &["Permit", "KES 100", "Remarks", "Notes"],
            &["Service", "Fee", "Remarks", "Notes"],
            &["Licence", "Free", "Remarks", "Notes"],
        ]);
        let names: Vec<String> = read_all(&t)
            .iter()
            .flat_map(Entry::services)
            .map(|s| name(s).to_owned())
            .collect();
        assert_eq!(names, ["Permit", "Licence"]);
    }

    #[test]
    fn a_table_of_other_things_has_no_heading_row() {
        let t = table(&[
            &["Ref No", "Date received", "Date completed"],
            &["K1", "2025-01-01", ""],
        ]);
        assert!(find_header(&t, Key::COLUMNS, &[Key::Name], 2).is_none());
    }
}
