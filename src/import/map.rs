//! From a document's blocks to a charter: the services tables found by their headings, the
//! other tables and paragraphs read as one flow of headings and text, and each section
//! taken from under its heading. Whatever is under no heading the importer knows is kept,
//! to be written as a comment where it was found.

use super::ImportError;
use super::contacts;
use super::document::{Block, Cell, Document, Line, Paragraph, ParagraphKind, Place, Table};
use super::headings::{Key, classify};
use super::imported::{After, Entry, Found, Imported, Service, Unplaced, append, most_common};
use super::services;
use super::split::strip_mark;
use super::steps;

/// One piece of the flow.
#[derive(Clone, Debug)]
enum Item {
    /// A heading; `true` for the document's own title (Word's Title style, a page's first
    /// `<h1>`).
    Heading(Found<String>, bool),
    Text(Found<String>, bool),
    /// A services table read (its entries already added).
    Services,
}

/// Maps a document; `Err` when it holds no services table, or one with no service.
pub fn map(document: &Document) -> Result<Imported, ImportError> {
    let mut imported = Imported::default();
    let mut flow: Vec<Item> = Vec::new();
    let mut langs: Vec<&'static str> = Vec::new();
    let mut first_lang: Option<&'static str> = None;
    for block in &document.blocks {
        match block {
            Block::Paragraph(p) => paragraph(p, &mut flow),
            Block::Table(table) => {
                if let Some(header) = steps::find(table) {
                    langs.extend(header.langs());
                    labels(table, &header, &mut imported);
                    let mut service = Service::default();
                    // The name in the table's first row, else in the heading above it.
                    let left = steps::read(table, &header, &mut service, &mut imported.labels);
                    if service.name.is_none() {
                        take_name(&mut flow, &mut service);
                    }
                    // A heading above that, in capitals, is the office the service is
                    // listed under ("MAYOR'S OFFICE"): a group.
                    // ("External Services" may come between.)
                    let n = flow.len();
                    // (Never the organisation's name above the title: only a heading that
                    // comes after the title, or after a service.)
                    let group = (n.saturating_sub(2)..n).rev().find(|&i| {
                        flow[i..].iter().all(|item| matches!(item, Item::Heading(_, false)))
                            && matches!(&flow[i], Item::Heading(f, false) if is_group_heading(&f.value))
                            && flow[..i].iter().any(|item| match item {
                                Item::Services => true,
                                Item::Heading(f, _) | Item::Text(f, _) => says_charter(&f.value),
                            })
                    });
                    if let Some(i) = group
                        && let Item::Heading(found, _) = flow.remove(i)
                    {
                        imported.services.push(Entry::Group {
                            name: found,
                            services: Vec::new(),
                        });
                    }
                    imported.tables.push(super::imported::TableReport {
                        table: table.name.clone(),
                        columns: header
                            .columns
                            .iter()
                            .map(|(t, m)| (t.clone(), m.map(|m| m.key.name().to_owned())))
                            .collect(),
                        rows: (
                            table
                                .rows
                                .first()
                                .map_or(Place::Paragraph(0), |r| r[0].at.clone()),
                            table
                                .rows
                                .last()
                                .map_or(Place::Paragraph(0), |r| r[0].at.clone()),
                        ),
                        services: 1,
                    });
                    match imported.services.last_mut() {
                        Some(Entry::Group { services, .. }) => services.push(service),
                        _ => imported.services.push(Entry::Service(Box::new(service))),
                    }
                    flow.push(Item::Services);
                    flow.extend(left.into_iter().map(|f| Item::Text(f, false)));
                } else if let Some(header) =
                    services::find_header(table, Key::COLUMNS, &[Key::Name], 2).filter(|h| {
                        h.keys()
                            .iter()
                            .any(|k| matches!(k, Key::Requirements | Key::Fee | Key::Timeline))
                    })
                {
                    langs.extend(header.langs());
                    labels(table, &header, &mut imported);
                    if imported.second_lang.is_none() {
                        imported.second_lang = header.second_lang();
                        // The charter's main language is the first column's.
                        first_lang = header.columns.iter().find_map(|(_, m)| m.map(|m| m.lang));
                    }
                    rows(&table.rows[..header.top], &mut flow);
                    let (report, end, left) =
                        services::read(table, &header, &mut imported.services);
                    imported.tables.push(report);
                    flow.push(Item::Services);
                    flow.extend(left.into_iter().map(|f| Item::Text(f, false)));
                    rows(&table.rows[end..], &mut flow);
                } else {
                    other_table(table, &mut flow);
                }
            }
        }
    }
    let has_services = imported
        .services
        .iter()
        .any(|e| e.services().iter().any(|s| s.name.is_some()));
    if !has_services {
        return Err(match imported.tables.first() {
            Some(table) => ImportError::NoRows {
                table: table.table.clone(),
            },
            None => ImportError::NoServices,
        });
    }
    sections(flow, &mut imported, &mut langs);
    if imported.organization.is_none() {
        imported.organization = organization_in_own_title(document.own_title.as_deref());
    }
    imported.lang = match (imported.second_lang, first_lang) {
        (Some(_), Some(first)) => first,
        _ => most_common(&langs).unwrap_or("en"),
    };
    if imported.second_lang == Some(imported.lang) {
        imported.second_lang = None;
    }
    keep_own_labels(&mut imported);
    imported.country = super::currency::country(&imported);
    imported.currency = super::currency::currency(&imported);
    Ok(imported)
}

/// The headings of a table's columns, as labels.
fn labels(table: &Table, header: &services::Header, imported: &mut Imported) {
    for (c, (text, m)) in header.columns.iter().enumerate() {
        let at = table.rows[header.row]
            .get(c)
            .map_or(Place::Paragraph(0), |cell| cell.at.clone());
        if let Some(Some((key, _))) = header.seconds.get(c)
            && let Some(label) = key.label()
        {
            imported
                .labels_second
                .push((label, Found::new(text.clone(), at)));
            continue;
        }
        let Some(key) = m.and_then(|m| m.key.label()) else {
            continue;
        };
        imported.labels.push((key, Found::new(text.clone(), at)));
    }
}

/// Keeps the first heading found for each label, tidied of its `:`, where it is not the
/// built-in label of the charter's language: the office's words are printed.
fn keep_own_labels(imported: &mut Imported) {
    let locale =
        crate::locale::Locale::get(imported.lang).unwrap_or_else(crate::locale::Locale::fallback);
    let mut kept: Vec<(&'static str, Found<String>)> = Vec::new();
    for (key, mut found) in std::mem::take(&mut imported.labels) {
        found.value = strip_number(found.value.trim().trim_end_matches(':').trim_end()).to_owned();
        if found.value.is_empty() {
            continue;
        }
        match kept.iter().find(|(k, _)| *k == key) {
            // The same heading again (each Philippine service's table repeats them).
            Some((_, first)) if first.value == found.value => {}
            // Another heading for the same part ("Haki za Wateja" under "HAKI NA MAJUKUMU
            // YA WATEJA"): a charter has one; this one is kept as a comment.
            Some(_) => imported.unplaced.push(Unplaced {
                text: found,
                after: after_label(key),
                heading: None,
            }),
            None => kept.push((key, found)),
        }
    }
    // A heading in the second language that is not its built-in one keeps the pair too.
    let second = imported.second_lang.and_then(crate::locale::Locale::get);
    let second_own = |key: &str| {
        imported
            .labels_second
            .iter()
            .find(|(k, _)| *k == key)
            .is_some_and(|(_, f)| second.is_some_and(|l| l.label(key) != f.value))
    };
    kept.retain(|(key, found)| locale.label(key) != found.value || second_own(key));
    imported.labels = kept;
}

/// Where a heading of the part a label names is written when it is kept as a comment.
fn after_label(key: &str) -> After {
    match key {
        "vision" => After::Vision,
        "mission" | "objectives" => After::Mission,
        "values" => After::Values,
        "standards" => After::Standards,
        "rights" => After::Rights,
        "duties" => After::Duties,
        "complaints" => After::Complaints,
        "abbreviations" => After::Abbreviations,
        "hours" => After::Organization,
        _ => After::Services,
    }
}

/// A heading without the section number before it ("7.0 Taxpayer's Obligations"): the
/// number is the document's layout, not the office's wording.
fn strip_number(heading: &str) -> &str {
    match heading.split_once(' ') {
        Some((number, rest)) if super::headings::is_section_number(number) => rest.trim_start(),
        _ => heading,
    }
}

/// A Philippine service's name (and description) are the paragraphs just before its table:
/// the last heading, and the plain text after it.
fn take_name(flow: &mut Vec<Item>, service: &mut Service) {
    let mut texts = Vec::new();
    while let Some(Item::Text(found, _)) = flow.last() {
        texts.push(found.clone());
        flow.pop();
        if texts.len() > 3 {
            break;
        }
    }
    texts.reverse();
    if let Some(Item::Heading(found, _)) = flow.last()
        && !is_exactly_a_section(&found.value)
    {
        let found = found.clone();
        flow.pop();
        let (number, name) = match super::split::numbering(&found.value) {
            Some((mark, rest)) => (super::split::service_number(mark), rest.to_owned()),
            None => (None, found.value.clone()),
        };
        service.number = number;
        service.name = Some(Found::new(name, found.at));
        if !texts.is_empty() {
            let at = texts[0].at.clone();
            let text = texts
                .iter()
                .map(|t| t.value.as_str())
                .collect::<Vec<_>>()
                .join("\n");
            service.description = Some(Found::new(text, at));
        }
        return;
    }
    // No heading: the last paragraph is the name, when it is short enough to be one.
    if texts
        .last()
        .is_some_and(|t| t.value.split_whitespace().count() <= 20)
    {
        service.name = texts.pop();
    }
    flow.extend(texts.into_iter().map(|t| Item::Text(t, false)));
}

/// A heading that is a section's and nothing else ("VISION", "Core Values"), not a
/// service's name that ends with a section's word ("Responding to Written Complaints").
fn is_exactly_a_section(heading: &str) -> bool {
    classify(heading, Key::SECTIONS).is_some_and(|m| {
        let words = super::headings::normalise(heading);
        words.len() <= m.length + 4
    })
}

/// A heading in capitals that names no section and no charter: the office a service is
/// listed under.
fn is_group_heading(text: &str) -> bool {
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    let capitals = !letters.is_empty() && letters.iter().all(|c| !c.is_lowercase());
    capitals
        && text.split_whitespace().count() <= 12
        && classify(text, Key::SECTIONS).is_none()
        && !says_charter(text)
}

/// Whether a line names a charter ("Citizen's Charter", "Mkataba wa Huduma"): the title.
fn says_charter(text: &str) -> bool {
    let lower = text.to_lowercase();
    ["charter", "mkataba", "katiba ya", "hati ya"]
        .iter()
        .any(|w| lower.contains(w))
}

fn paragraph(p: &Paragraph, flow: &mut Vec<Item>) {
    let found = Found::new(p.text.clone(), p.at.clone());
    match p.kind {
        ParagraphKind::Title => flow.push(Item::Heading(found, true)),
        ParagraphKind::Heading => flow.push(Item::Heading(found, false)),
        ParagraphKind::ListItem => flow.push(Item::Text(found, true)),
        ParagraphKind::Plain => text(found, false, flow),
    }
}

/// Text that may be a heading by its words alone ("DIRA", "Vision: To be …").
fn text(found: Found<String>, listed: bool, flow: &mut Vec<Item>) {
    if listed {
        flow.push(Item::Text(found, listed));
        return;
    }
    // "Vision: To be the best", however long the text after the colon: the heading, then
    // its text.
    if let Some((head, rest)) = found.value.split_once(':')
        && !rest.trim().is_empty()
        && head.split_whitespace().count() <= 6
        && classify(head, Key::SECTIONS).is_some()
    {
        flow.push(Item::Heading(
            Found::new(head.trim().to_owned(), found.at.clone()),
            false,
        ));
        flow.push(Item::Text(
            Found::new(rest.trim().to_owned(), found.at),
            false,
        ));
        return;
    }
    if found.value.split_whitespace().count() <= 8
        && classify(&found.value, Key::SECTIONS).is_some()
    {
        flow.push(Item::Heading(found, false));
        return;
    }
    flow.push(Item::Text(found, listed));
}

fn cell_lines(cell: &Cell, flow: &mut Vec<Item>) {
    for Line {
        text: t, listed, ..
    } in &cell.lines
    {
        text(Found::new(t.clone(), cell.at.clone()), *listed, flow);
    }
}

/// Rows of a sheet or table that are not a services table: a row whose first cell is a
/// section's heading gives the heading and the rest of the row as its text; other cells
/// are text.
fn rows(rows: &[Vec<Cell>], flow: &mut Vec<Item>) {
    for row in rows {
        let cells: Vec<&Cell> = row.iter().filter(|c| !c.is_empty()).collect();
        match cells.as_slice() {
            [] => {}
            [first, rest @ ..]
                if !rest.is_empty() && classify(&first.text(), Key::SECTIONS).is_some() =>
            {
                flow.push(Item::Heading(
                    Found::new(first.text(), first.at.clone()),
                    false,
                ));
                for cell in rest {
                    for Line {
                        text: t, listed, ..
                    } in &cell.lines
                    {
                        flow.push(Item::Text(Found::new(t.clone(), cell.at.clone()), *listed));
                    }
                }
            }
            // "How to send feedback | Answer the client feedback form …", "Tel: | 0722 …":
            // a label and its one line are one line of text.
            [label, value]
                if label.lines.len() == 1
                    && value.lines.len() == 1
                    && label.text().split_whitespace().count() <= 8 =>
            {
                let label = label.text();
                let joined = if label.ends_with(':') {
                    format!("{label} {}", value.text())
                } else {
                    format!("{label}: {}", value.text())
                };
                flow.push(Item::Text(Found::new(joined, cells[0].at.clone()), false));
            }
            cells => {
                for cell in cells {
                    if cell.is_bold() && cells.len() == 1 {
                        flow.push(Item::Heading(
                            Found::new(cell.text(), cell.at.clone()),
                            false,
                        ));
                    } else {
                        cell_lines(cell, flow);
                    }
                }
            }
        }
    }
}

/// A table that is not a services table: the Kenyan "Vision | Mission | Core Values" table
/// (the headings across its first row, each column's text below), or rows.
fn other_table(table: &Table, flow: &mut Vec<Item>) {
    let Some(first) = table.rows.first() else {
        return;
    };
    let headed: Vec<&Cell> = first.iter().filter(|c| !c.is_empty()).collect();
    let across = headed.len() >= 2
        && headed
            .iter()
            .all(|c| classify(&c.text(), Key::SECTIONS).is_some());
    if !across {
        rows(&table.rows, flow);
        return;
    }
    for (c, head) in first.iter().enumerate() {
        if head.is_empty() {
            continue;
        }
        flow.push(Item::Heading(
            Found::new(head.text(), head.at.clone()),
            false,
        ));
        for row in &table.rows[1..] {
            if let Some(cell) = row.get(c) {
                for Line {
                    text: t, listed, ..
                } in &cell.lines
                {
                    flow.push(Item::Text(Found::new(t.clone(), cell.at.clone()), *listed));
                }
            }
        }
    }
}

/// What a heading starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Under {
    Top,
    Section(Key),
    /// A heading the importer does not know; its text is kept as comments.
    Unknown,
}

/// Reads the flow: the title and organisation from the top, each section from under its
/// heading.
fn sections(flow: Vec<Item>, imported: &mut Imported, langs: &mut Vec<&'static str>) {
    let mut under = Under::Top;
    let mut heading: Option<String> = None;
    let mut after = After::Top;
    let mut top: Vec<(Found<String>, bool)> = Vec::new();
    let mut complaint_lines = Vec::new();
    // Whether the item before was text (a heading right above a table heads the table).
    let mut had_text = false;
    let mut values_listed = false;
    for item in flow {
        let text_before = had_text;
        had_text = matches!(item, Item::Text(..));
        match item {
            Item::Services => {
                // A section's heading with nothing under it before the table is the
                // table's heading ("9.0 Service Level Standards").
                if let (Under::Section(_), Some(h)) = (under, &heading)
                    && !text_before
                    && let Some(label) = imported
                        .labels
                        .iter_mut()
                        .rev()
                        .find(|(_, f)| &f.value == h)
                {
                    label.0 = "services";
                }
                // "HUDUMA ZETU", "Our Services" right above the table: its heading.
                if under == Under::Unknown
                    && !text_before
                    && imported.unplaced.last().is_some_and(|u| {
                        u.heading.is_none()
                            && heading.as_ref() == Some(&u.text.value)
                            && classify(&u.text.value, &[Key::Name]).is_some()
                    })
                    && let Some(u) = imported.unplaced.pop()
                {
                    imported.labels.push(("services", u.text));
                }
                after = After::Services;
                under = Under::Unknown;
                heading = None;
            }
            Item::Heading(found, title) => match classify(&found.value, Key::SECTIONS) {
                Some(m) => {
                    langs.push(m.lang);
                    under = Under::Section(m.key);
                    after = after_of(m.key);
                    heading = Some(found.value.clone());
                    imported
                        .labels
                        .push((m.key.label().unwrap_or("vision"), found));
                }
                None if under == Under::Top => top.push((found, title)),
                None => {
                    under = Under::Unknown;
                    heading = Some(found.value.clone());
                    imported.unplaced.push(Unplaced {
                        text: found,
                        after,
                        heading: None,
                    });
                }
            },
            Item::Text(found, listed) => match under {
                Under::Top => top.push((found, false)),
                Under::Section(key) => {
                    let found = Found::new(strip_mark(&found.value).to_owned(), found.at);
                    match key {
                        Key::Vision => append(&mut imported.vision, found, ' '),
                        Key::Mission => append(&mut imported.mission, found, ' '),
                        Key::Values if listed => {
                            values_listed = true;
                            imported.values.push(found);
                        }
                        // Text after the list is not a value ("The table below shows …").
                        Key::Values if values_listed => imported.unplaced.push(Unplaced {
                            text: found,
                            after,
                            heading: heading.clone(),
                        }),
                        // "There are eight values we hold:": the list's introduction.
                        Key::Values if found.value.ends_with(':') && imported.values.is_empty() => {
                            append(&mut imported.values_text, found, ' ')
                        }
                        Key::Values => imported.values.extend(split_values(found)),
                        Key::Objectives => imported.objectives.add(found, listed),
                        Key::Standards => imported.standards.push(found),
                        Key::Rights => imported.rights.add(found, listed),
                        Key::Duties => imported.duties.add(found, listed),
                        Key::Hours => append(&mut imported.hours, found, ' '),
                        Key::Abbreviations => abbreviation(found, imported, after),
                        _ => complaint_lines.push(found),
                    }
                }
                Under::Unknown => imported.unplaced.push(Unplaced {
                    text: found,
                    after,
                    heading: heading.clone(),
                }),
            },
        }
    }
    title_and_organization(top, imported, langs);
    imported.complaints = contacts::read(
        complaint_lines,
        imported.organization.as_ref().map(|o| o.value.as_str()),
    );
}

/// "TRA: Tanzania Revenue Authority", "VAT - Value Added Tax": an abbreviation, once; any
/// other line is kept as a comment.
fn abbreviation(found: Found<String>, imported: &mut Imported, after: After) {
    let split = ["：", ":", " – ", " - ", "\t"]
        .iter()
        .find_map(|sep| found.value.split_once(sep));
    if let Some((short, long)) = split {
        let (short, long) = (short.trim(), long.trim());
        let new = !imported.abbreviations.iter().any(|(k, _)| k.value == short);
        if new && !short.is_empty() && !long.is_empty() && short.chars().count() <= 20 {
            imported
                .abbreviations
                .push((Found::new(short.to_owned(), found.at), long.to_owned()));
            return;
        }
    }
    imported.unplaced.push(Unplaced {
        text: found,
        after,
        heading: None,
    });
}

fn after_of(key: Key) -> After {
    match key {
        Key::Abbreviations => After::Abbreviations,
        Key::Hours => After::Organization,
        Key::Vision => After::Vision,
        Key::Mission => After::Mission,
        Key::Values => After::Values,
        Key::Objectives => After::Mission,
        Key::Standards => After::Standards,
        Key::Rights => After::Rights,
        Key::Duties => After::Duties,
        _ => After::Complaints,
    }
}

/// Values given on one line ("Integrity, Professionalism, Teamwork") are several.
fn split_values(found: Found<String>) -> Vec<Found<String>> {
    let line = Line::plain(found.value.clone());
    super::split::requirements(std::slice::from_ref(&line))
        .into_iter()
        .map(|v| Found::new(v, found.at.clone()))
        .collect()
}

/// The title is the text that names the charter ("Citizens' Service Charter", "Mkataba wa
/// Huduma kwa Mteja"); the organisation, the line before it (or after, when the title comes
/// first) that is not the country's name, and the line above it the body it is part of.
/// The rest of the top is kept as comments.
fn title_and_organization(
    top: Vec<(Found<String>, bool)>,
    imported: &mut Imported,
    langs: &mut Vec<&'static str>,
) {
    let short = |f: &Found<String>| f.value.split_whitespace().count() <= 16;
    let names = |f: &Found<String>| classify(&f.value, &[Key::Title]).is_some();
    let says = |f: &Found<String>| says_charter(&f.value);
    // The document's own title first, then the line that is a charter's title, then one
    // that names a charter.
    let title_at = top
        .iter()
        .position(|(f, title)| *title && short(f) && (names(f) || says(f)))
        .or_else(|| top.iter().position(|(f, _)| short(f) && names(f)))
        .or_else(|| top.iter().position(|(f, _)| short(f) && says(f)));
    if let Some(m) = title_at.and_then(|i| classify(&top[i].0.value, &[Key::Title])) {
        langs.push(m.lang);
    }
    // Lines that are not a name: the country's, an edition, a date.
    let is_country = |f: &Found<String>| {
        let lower = f.value.to_lowercase();
        lower.starts_with("republic of")
            || lower.starts_with("jamhuri ya")
            || lower.starts_with("republika ng")
            || is_edition(&f.value)
            || is_date(&f.value)
    };
    // The nearest line before the title that names a body ("County Government of …",
    // "Department of …"), else the nearest line before it, else after it.
    let body = |j: &usize| names_an_organisation(&top[*j].0.value);
    let org_at = match title_at {
        Some(i) => (0..i)
            .rev()
            .filter(|&j| !is_country(&top[j].0))
            .find(body)
            .or_else(|| (0..i).rev().find(|&j| !is_country(&top[j].0)))
            .or_else(|| (i + 1..top.len()).find(|&j| !is_country(&top[j].0))),
        None => top.iter().position(|(f, _)| !is_country(f)),
    };
    // "Department of Urban Local Bodies, Haryana" above "Government of Haryana": the
    // government is the body the department is part of, whichever line is nearer the
    // title.
    let is_government = |j: usize| {
        let lower = top[j].0.value.to_lowercase();
        ["government of", "serikali ya", "pamahalaang", "state of"]
            .iter()
            .any(|w| lower.starts_with(w))
    };
    let (org_at, parent_below) = match (org_at, title_at) {
        (Some(o), Some(t)) if o < t && o > 0 && is_government(o) && body(&(o - 1)) => {
            (Some(o - 1), Some(o))
        }
        _ => (org_at, None),
    };
    // The line above the organisation's name, above the title, is the body it is part of.
    let parent_at = match (org_at, title_at) {
        _ if parent_below.is_some() => parent_below,
        (Some(o), Some(t)) if o < t && o > 0 && !is_country(&top[o - 1].0) && body(&(o - 1)) => {
            Some(o - 1)
        }
        _ => None,
    };
    for (i, (found, _)) in top.into_iter().enumerate() {
        if imported.country_line.is_none()
            && let Some(code) = super::currency::country_named(&found.value)
        {
            imported.country_line = Some((code, found.clone()));
        }
        if is_edition(&found.value) && imported.edition.is_none() {
            imported.edition = Some(found);
        } else if Some(i) == title_at {
            imported.title = Some(found);
        } else if Some(i) == org_at {
            imported.organization = Some(found);
        } else if Some(i) == parent_at {
            imported.parent = Some(found);
        } else {
            imported.unplaced.push(Unplaced {
                text: found,
                after: After::Top,
                heading: None,
            });
        }
    }
}

/// Whether a line of the title's area names an organisation: a government, a county, a
/// department, a council (in English, Kiswahili or Filipino).
fn names_an_organisation(text: &str) -> bool {
    const WORDS: &[&str] = &[
        "government",
        "county",
        "municipality",
        "municipal",
        "city",
        "district",
        "province",
        "ministry",
        "department",
        "authority",
        "council",
        "agency",
        "commission",
        "office",
        "board",
        "bureau",
        "corporation",
        "institute",
        "university",
        "hospital",
        "bodies",
        "directorate",
        "secretariat",
        "registry",
        "court",
        "embassy",
        "serikali",
        "kaunti",
        "wilaya",
        "halmashauri",
        "wizara",
        "idara",
        "ofisi",
        "mamlaka",
        "tume",
        "manispaa",
        "jiji",
        "bayan",
        "lungsod",
        "pamahalaan",
        "kagawaran",
        "tanggapan",
    ];
    let lower = text.to_lowercase();
    text.split_whitespace().count() <= 12
        && lower
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| WORDS.contains(&w))
}

/// The organisation in the title a page gives itself, when the page does not print it: the
/// part that names a body ("Our Charter - Tanzania Revenue Authority").
fn organization_in_own_title(title: Option<&str>) -> Option<Found<String>> {
    [" - ", " – ", " — ", " :: "]
        .iter()
        .fold(title?.to_owned(), |t, sep| t.replace(sep, "|"))
        .split('|')
        .map(str::trim)
        .find(|part| names_an_organisation(part) && !says_charter(part))
        .map(|part| Found::new(part.to_owned(), Place::OwnTitle))
}

/// "8th Edition", "Toleo la Pili", "2019, 1st edition".
fn is_edition(text: &str) -> bool {
    let lower = text.to_lowercase();
    text.split_whitespace().count() <= 5
        && ["edition", "toleo", "revised", "edisyon"]
            .iter()
            .any(|w| lower.contains(w))
}

/// A line that is a date or a year alone ("July, 2017", "Septemba 2012").
fn is_date(text: &str) -> bool {
    text.split_whitespace().count() <= 4
        && text
            .split(|c: char| !c.is_ascii_digit())
            .any(|n| n.len() == 4 && (n.starts_with("19") || n.starts_with("20")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::document::grid;
    use crate::import::imported::Route;

    fn p(text: &str, kind: ParagraphKind) -> Block {
        Block::Paragraph(Paragraph {
            text: text.to_owned(),
            kind,
            at: Place::Paragraph(0),
        })
    }

    fn plain(text: &str) -> Block {
        p(text, ParagraphKind::Plain)
    }

    fn heading(text: &str) -> Block {
        p(text, ParagraphKind::Heading)
    }

    fn item(text: &str) -> Block {
        p(text, ParagraphKind::ListItem)
    }

    fn services_table() -> Block {
        Block::Table(grid(&[
            &["No.", "Service", "Requirements", "Fee", "Timeline"],
            &["1", "Permit", "Form", "KES 500", "3 days"],
            &[
                "NB: All payments are made through M-Pesa Paybill 123456",
                "<",
                "<",
                "<",
                "<",
            ],
        ]))
    }

    fn mapped(blocks: Vec<Block>) -> Imported {
        map(&Document {
            blocks,
            own_title: None,
        })
        .expect("a charter")
    }

    #[test]
    fn the_top_gives_country_parent_organisation_title_and_edition() {
        let imported = mapped(vec![
            plain("REPUBLIC OF KENYA"),
            plain("COUNTY GOVERNMENT OF NYERI"),
            plain("Department of Lands"),
            plain("Citizens' Service Charter"),
            plain("2nd Edition"),
            services_table(),
        ]);
        let value = |f: &Option<Found<String>>| f.as_ref().map(|f| f.value.clone());
        assert_eq!(
            value(&imported.title).as_deref(),
            Some("Citizens' Service Charter")
        );
        assert_eq!(
            value(&imported.organization).as_deref(),
            Some("Department of Lands")
        );
        assert_eq!(
            value(&imported.parent).as_deref(),
            Some("COUNTY GOVERNMENT OF NYERI")
        );
        assert_eq!(value(&imported.edition).as_deref(), Some("2nd Edition"));
        assert_eq!(imported.country.as_ref().map(|(c, _)| *c), Some("KE"));
        // The country's line is printed text the charter has no field for: kept.
        assert!(
            imported
                .unplaced
                .iter()
                .any(|u| u.text.value == "REPUBLIC OF KENYA")
        );
    }

    #[test]
    fn a_department_above_its_government_is_the_organisation() {
        let imported = mapped(vec![
            plain("Department of Urban Local Bodies, Haryana"),
            plain("Government of Haryana"),
            plain("Citizen's Charter"),
            services_table(),
        ]);
        let value = |f: &Option<Found<String>>| f.as_ref().map(|f| f.value.clone());
        assert_eq!(
            value(&imported.organization).as_deref(),
            Some("Department of Urban Local Bodies, Haryana")
        );
        assert_eq!(
            value(&imported.parent).as_deref(),
            Some("Government of Haryana")
        );
    }

    #[test]
    fn a_page_that_prints_no_organisation_names_it_in_its_title() {
        let found = |title: &str| organization_in_own_title(Some(title)).map(|f| f.value);
        assert_eq!(
            found("Our Charter - Tanzania Revenue Authority").as_deref(),
            Some("Tanzania Revenue Authority")
        );
        assert_eq!(
            found("Anti-Red Tape Authority | Citizen's Charter").as_deref(),
            Some("Anti-Red Tape Authority")
        );
        assert_eq!(found("Home - Citizen's Charter"), None);
        let mut document = Document {
            blocks: vec![services_table()],
            own_title: Some("Citizen Charter | Department of Lands".into()),
        };
        let imported = map(&document).unwrap();
        assert_eq!(imported.organization.unwrap().at, Place::OwnTitle);
        // A page that prints its organisation keeps it.
        document.blocks.insert(0, plain("Ministry of Health"));
        document.blocks.insert(1, plain("Service Charter"));
        let imported = map(&document).unwrap();
        assert_eq!(imported.organization.unwrap().value, "Ministry of Health");
    }

    #[test]
    fn a_note_under_the_table_is_kept_not_a_service() {
        let imported = mapped(vec![services_table()]);
        let services: Vec<&Service> = imported.services.iter().flat_map(Entry::services).collect();
        assert_eq!(services.len(), 1);
        assert!(
            imported
                .unplaced
                .iter()
                .any(|u| u.text.value.starts_with("NB: All payments"))
        );
    }

    #[test]
    fn values_keep_their_introduction_and_not_the_text_after_them() {
        let imported = mapped(vec![
            heading("MAADILI MUHIMU"),
            plain("Yapo maadili Muhimu nane tunayozingatia ambayo ni :"),
            item("Uadilifu"),
            item("Uwazi"),
            plain("The table below shows the services we offer."),
            services_table(),
        ]);
        let values: Vec<&str> = imported.values.iter().map(|v| v.value.as_str()).collect();
        assert_eq!(values, ["Uadilifu", "Uwazi"]);
        assert!(imported.values_text.is_some());
        assert!(
            imported
                .unplaced
                .iter()
                .any(|u| u.text.value.starts_with("The table below"))
        );
        let label = imported.labels.iter().find(|(k, _)| *k == "values");
        assert_eq!(label.map(|(_, f)| f.value.as_str()), Some("MAADILI MUHIMU"));
    }

    #[test]
    fn a_philippine_service_is_named_and_listed_under_its_office() {
        let steps = |name_row: bool| {
            let mut rows: Vec<&[&str]> = Vec::new();
            if name_row {
                rows.push(&[
                    "2. Issuance of Community Tax Certificate",
                    "<",
                    "<",
                    "<",
                    "<",
                ]);
                rows.push(&["Issued to residents.", "<", "<", "<", "<"]);
            }
            rows.push(&["Office or Division:", "Treasurer's Office", "<", "<", "<"]);
            rows.push(&[
                "Type of Transaction:",
                "G2C - Government to Citizen|G2B - Government to Business",
                "<",
                "<",
                "<",
            ]);
            rows.push(&[
                "CHECKLIST OF REQUIREMENTS",
                "<",
                "WHERE TO SECURE",
                "<",
                "<",
            ]);
            rows.push(&["Valid ID", "<", "Client", "<", "<"]);
            rows.push(&[
                "CLIENT STEPS",
                "AGENCY ACTIONS",
                "FEES TO BE PAID",
                "PROCESSING TIME",
                "PERSON RESPONSIBLE",
            ]);
            rows.push(&[
                "1. Submit the form",
                "1. Receive it",
                "None",
                "5 minutes",
                "Clerk",
            ]);
            rows.push(&[
                "^",
                "2. Issue the certificate",
                "PHP 50",
                "10 minutes",
                "Treasurer",
            ]);
            rows.push(&["TOTAL", "<", "PHP 50", "15 minutes", ""]);
            Block::Table(grid(&rows))
        };
        let imported = mapped(vec![
            plain("MUNICIPALITY OF MANOLO FORTICH"),
            plain("CITIZEN'S CHARTER"),
            heading("MAYOR'S OFFICE"),
            heading("External Services"),
            heading("1. Responding to Written Complaints"),
            plain("Citizens may complain in writing."),
            steps(false),
            heading("MUNICIPAL TREASURER'S OFFICE"),
            steps(true),
        ]);
        type Listed<'a> = Vec<(Option<&'a str>, &'a str)>;
        let groups: Vec<(&str, Listed)> = imported
            .services
            .iter()
            .map(|e| match e {
                Entry::Group { name, services } => (
                    name.value.as_str(),
                    services
                        .iter()
                        .map(|s| (s.number.as_deref(), s.name.as_ref().unwrap().value.as_str()))
                        .collect(),
                ),
                Entry::Service(_) => panic!("a service outside its office: {e:?}"),
            })
            .collect();
        assert_eq!(
            groups,
            [
                (
                    "MAYOR'S OFFICE",
                    vec![(Some("1"), "Responding to Written Complaints")]
                ),
                (
                    "MUNICIPAL TREASURER'S OFFICE",
                    vec![(Some("2"), "Issuance of Community Tax Certificate")]
                ),
            ]
        );
        let first = &imported.services[0].services()[0];
        assert_eq!(
            first.description.as_ref().unwrap().value,
            "Citizens may complain in writing."
        );
        assert_eq!(first.steps.len(), 2);
        assert!(
            first.steps[1].client.is_none(),
            "a client cell merged down is one step"
        );
        assert_eq!(first.fee.as_ref().unwrap().value, "PHP 50");
        assert_eq!(
            first.transaction.as_ref().unwrap().value,
            "G2C - Government to Citizen\nG2B - Government to Business"
        );
        assert_eq!(first.requirements[0].from.as_ref().unwrap().value, "Client");
        let second = &imported.services[1].services()[0];
        assert_eq!(
            second.description.as_ref().unwrap().value,
            "Issued to residents."
        );
        // "External Services" is no part of the charter: kept.
        assert!(
            imported
                .unplaced
                .iter()
                .any(|u| u.text.value == "External Services")
        );
    }

    #[test]
    fn a_complaints_mechanism_table_is_text_and_a_route() {
        let imported = mapped(vec![
            services_table(),
            heading("FEEDBACK AND COMPLAINTS MECHANISM"),
            Block::Table(grid(&[
                &[
                    "How to send feedback",
                    "Answer the client feedback form and drop it in the box.",
                ],
                &[
                    "How to file a complaint",
                    "Write to the Public Assistance Desk.",
                ],
                &[
                    "Contact Information of CCB, PCC, ARTA",
                    "ARTA: complaints@arta.gov.ph|8-478-5093|PCC: 8888",
                ],
            ])),
        ]);
        let text: Vec<&str> = imported
            .complaints
            .text
            .iter()
            .map(|t| t.value.as_str())
            .collect();
        assert_eq!(
            text,
            [
                "How to send feedback: Answer the client feedback form and drop it in the box.",
                "How to file a complaint: Write to the Public Assistance Desk."
            ]
        );
        let Route {
            role,
            phones,
            other,
            independent,
            ..
        } = &imported.complaints.routes[0];
        assert_eq!(
            role.as_deref(),
            Some("Contact Information of CCB, PCC, ARTA")
        );
        assert_eq!(phones, &["8-478-5093"]);
        assert_eq!(other, &["ARTA: complaints@arta.gov.ph", "PCC: 8888"]);
        assert!(independent);
    }
}
