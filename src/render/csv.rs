//! The `csv` format: the services table for a spreadsheet, one row per service and
//! sub-service, in the charter's order.
//!
//! Each row has the printed wording in each of the charter's languages (`service (sw)`,
//! `fee (en)`: what the poster and page print, the office's own words), then the fee and
//! the timeline as structured columns (what they mean, as read by `check`), so a reviewer
//! can sort by fee or filter the services promised within a week. The charter's own
//! columns follow, in each language. Steps are not rows here: they are in the handbook, the
//! page and the `json` data.
//!
//! Written to open correctly where people will open it, Excel first: UTF-8 with a byte-order
//! mark (without it Excel reads the file as the local code page and garbles `₱` and
//! Kiswahili's curly quotes), CRLF line ends and RFC 4180 quoting (a requirement list keeps
//! its line breaks inside its cell). A cell a spreadsheet would run as a formula (starting
//! with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading `'`, the usual guard
//! against formula injection, which spreadsheets hide.

use super::document::{ServiceRow, service_rows};
use crate::model::{Charter, Fee, FeeKind, Timeline, TimelineKind};
use crate::view::{ServiceView, Tx, View};

/// The byte-order mark Excel needs to read UTF-8.
pub(crate) const BOM: &str = "\u{feff}";

/// The services table as CSV.
pub fn render(charter: &Charter, view: &View) -> String {
    let langs = &view.languages;
    let mut header: Vec<String> = vec!["number".into(), "parent".into()];
    let per_language = [
        "group",
        "service",
        "description",
        "requirements",
        "fee",
        "timeline",
        "office",
        "who may avail",
    ];
    for column in per_language {
        header.extend(langs.iter().map(|l| format!("{column} ({l})")));
    }
    header.extend(
        [
            "fee kind",
            "fee amount",
            "fee maximum",
            "fee currency",
            "fee is a ceiling",
            "timeline kind",
            "timeline amount",
            "timeline maximum",
            "timeline unit",
            "timeline basis",
        ]
        .map(String::from),
    );
    for column in &view.own_columns.services {
        header.extend(
            langs
                .iter()
                .enumerate()
                .map(|(i, l)| format!("{} ({l})", in_language(&column.label, i).map_or("", |s| s))),
        );
    }

    let mut out = String::from(BOM);
    push_row(&mut out, &header);
    let mut parents: Vec<String> = Vec::new();
    for ServiceRow {
        row,
        service,
        group,
        ..
    } in service_rows(charter, view)
    {
        parents.truncate(row.depth);
        let parent = parents.last().cloned().unwrap_or_default();
        parents.push(row.number.clone());
        let mut cells = vec![row.number.clone(), parent];
        let each = |tx: Option<&Tx>| -> Vec<String> {
            (0..langs.len())
                .map(|i| {
                    tx.and_then(|t| in_language(t, i))
                        .cloned()
                        .unwrap_or_default()
                })
                .collect()
        };
        cells.extend(each(group));
        cells.extend(each(Some(&row.name)));
        cells.extend(each(row.description.as_ref()));
        cells.extend((0..langs.len()).map(|i| requirements(row, i)));
        cells.extend((0..langs.len()).map(|i| {
            row.fee.as_ref().map_or_else(String::new, |fee| {
                let lines: Vec<&str> = fee
                    .lines
                    .iter()
                    .filter_map(|line| in_language(line, i).map(String::as_str))
                    .collect();
                lines.join("\n")
            })
        }));
        cells.extend(each(row.timeline.as_ref()));
        cells.extend(each(row.office.as_ref()));
        cells.extend(each(row.audience.as_ref()));
        cells.extend(fee_columns(service.fee.as_ref().or(charter.fee.as_ref())));
        cells.extend(timeline_columns(service.timeline.as_ref()));
        for value in &row.own_columns {
            cells.extend(each(value.as_ref()));
        }
        push_row(&mut out, &cells);
    }
    out
}

/// A text in the charter's language number `i`: words the office wrote once for all its
/// languages (a fee in figures) are the same in each.
fn in_language(tx: &Tx, i: usize) -> Option<&String> {
    tx.get(i).or_else(|| tx.first())
}

/// A row's requirements in language `i`, one per line, each with where to get it.
fn requirements(row: &ServiceView, i: usize) -> String {
    let lines: Vec<String> = row
        .requirements
        .iter()
        .filter_map(|r| {
            let item = in_language(&r.item, i)?;
            Some(match r.from.as_ref().and_then(|f| in_language(f, i)) {
                Some(from) => format!("{item} ({from})"),
                None => item.clone(),
            })
        })
        .collect();
    lines.join("\n")
}

/// A meaning's five columns: its kind, then its parts (empty where it has none).
fn meaning(kind: &str, parts: [String; 4]) -> [String; 5] {
    let [a, b, c, d] = parts;
    [kind.to_owned(), a, b, c, d]
}

/// Kind, amount, maximum, currency, ceiling.
fn fee_columns(fee: Option<&Fee>) -> [String; 5] {
    let Some(fee) = fee else {
        return Default::default();
    };
    match &fee.kind {
        FeeKind::Free { .. } => meaning("free", Default::default()),
        FeeKind::Amount(amount) => meaning(
            "amount",
            [
                amount.value.clone(),
                amount.max.clone().unwrap_or_default(),
                amount.currency.clone().unwrap_or_default(),
                if amount.at_most { "yes" } else { "no" }.into(),
            ],
        ),
        FeeKind::Tiers { .. } => meaning("by applicant", Default::default()),
        FeeKind::Cases { .. } => meaning("by case", Default::default()),
        FeeKind::Vague => meaning("words", Default::default()),
    }
}

/// Kind, amount, maximum, unit, basis.
fn timeline_columns(timeline: Option<&Timeline>) -> [String; 5] {
    let Some(timeline) = timeline else {
        return Default::default();
    };
    let lower = |debug: String| debug.to_lowercase();
    match &timeline.kind {
        TimelineKind::Duration(d) | TimelineKind::Every(d) => {
            let kind = match timeline.kind {
                TimelineKind::Every(_) => "every",
                _ => "within",
            };
            // Several parts (`3 days and 10 minutes`) are left to the printed wording.
            if !d.plus.is_empty() {
                return meaning(kind, Default::default());
            }
            meaning(
                kind,
                [
                    d.amount.to_string(),
                    d.max.map(|m| m.to_string()).unwrap_or_default(),
                    d.unit.map(|u| lower(format!("{u:?}"))).unwrap_or_default(),
                    d.basis.map(|b| lower(format!("{b:?}"))).unwrap_or_default(),
                ],
            )
        }
        TimelineKind::Cases { .. } => meaning("by case", Default::default()),
        TimelineKind::Rings { rings } => meaning(
            "rings",
            [
                rings.to_string(),
                String::new(),
                String::new(),
                String::new(),
            ],
        ),
        TimelineKind::Vague => meaning("words", Default::default()),
    }
}

/// One record, RFC 4180, ended by CRLF.
pub(crate) fn push_row(out: &mut String, cells: &[String]) {
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&field(cell));
    }
    out.push_str("\r\n");
}

/// A cell: guarded against running as a formula, quoted when it holds a comma, a quote or
/// a line break (line breaks inside a cell written as CRLF, as Excel writes them).
pub(crate) fn field(cell: &str) -> String {
    // The view keeps an amount on one line with a no-break space ("KSh 500"); a
    // spreadsheet is searched and filtered, where it would not match a typed space.
    let cell = &cell.replace('\u{a0}', " ");
    let guarded = if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    };
    if guarded.contains([',', '"', '\n', '\r']) {
        let inner = guarded.replace("\r\n", "\n").replace('\n', "\r\n");
        format!("\"{}\"", inner.replace('"', "\"\""))
    } else {
        guarded
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads RFC 4180 records back, as a spreadsheet does.
    fn read(text: &str) -> Vec<Vec<String>> {
        let mut records = Vec::new();
        let (mut record, mut cell) = (Vec::new(), String::new());
        let mut chars = text.chars().peekable();
        let mut quoted = false;
        while let Some(c) = chars.next() {
            match (quoted, c) {
                (true, '"') if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                (true, '"') => quoted = false,
                (true, c) => cell.push(c),
                (false, '"') => quoted = true,
                (false, ',') => record.push(std::mem::take(&mut cell)),
                (false, '\r') => {
                    assert_eq!(chars.next(), Some('\n'), "records end with CRLF");
                    record.push(std::mem::take(&mut cell));
                    records.push(std::mem::take(&mut record));
                }
                (false, c) => cell.push(c),
            }
        }
        assert!(
            record.is_empty() && cell.is_empty(),
            "the last record ends with CRLF"
        );
        records
    }

    #[test]
    fn cells_are_quoted_and_guarded_as_spreadsheets_need() {
        assert_eq!(field("KSh 1,000"), "\"KSh 1,000\"");
        assert_eq!(field("The \"green\" card"), "\"The \"\"green\"\" card\"");
        assert_eq!(field("ID\nPhoto"), "\"ID\r\nPhoto\"");
        assert_eq!(field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(field("+255 712 000 000"), "'+255 712 000 000");
        assert_eq!(field("siku 7"), "siku 7");
        assert_eq!(field("KSh\u{a0}500"), "KSh 500");
    }

    #[test]
    fn a_charter_becomes_one_row_per_service_with_its_meaning() {
        let text = "languages: [sw, en]\ntitle: {sw: Mkataba, en: Charter}\norganization: {name: \
                    Ofisi}\nservices:\n  - name: {sw: Leseni, en: Licence}\n    fee: {sw: \"TSh \
                    10,000\", en: \"TSh 10,000\"}\n    timeline: {sw: Siku 7 za kazi, en: 7 working \
                    days}\n    requirements: [{sw: Fomu, en: Form}, {sw: Picha, en: Photo}]\n    \
                    services:\n      - {name: {sw: Nakala, en: Copy}, fee: Bure}\n";
        let loaded = crate::load::load_source(crate::source::SourceFile::new("t.yaml", text));
        assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
        let charter = loaded.charter.unwrap();
        let view = View::new(&charter, &Default::default());
        let csv = render(&charter, &view);
        assert!(csv.starts_with(BOM));
        let mut reader = read(&csv[BOM.len()..]);
        let header = reader.remove(0);
        let at = |name: &str| header.iter().position(|h| h == name).unwrap();
        assert_eq!(reader.len(), 2);
        let (licence, copy) = (&reader[0], &reader[1]);
        assert_eq!(licence[at("service (sw)")], "Leseni");
        assert_eq!(licence[at("service (en)")], "Licence");
        assert_eq!(licence[at("requirements (en)")], "Form\r\nPhoto");
        assert_eq!(licence[at("fee (en)")], "TSh 10,000", "{csv}");
        assert_eq!(licence[at("fee (sw)")], "TSh 10,000");
        assert_eq!(licence[at("fee amount")], "10000");
        assert_eq!(licence[at("fee currency")], "TZS");
        assert_eq!(licence[at("timeline (sw)")], "Siku 7 za kazi");
        assert_eq!(licence[at("timeline amount")], "7");
        assert_eq!(licence[at("timeline unit")], "days");
        assert_eq!(licence[at("timeline basis")], "working");
        assert_eq!(copy[at("number")], "1.1");
        assert_eq!(copy[at("parent")], "1");
        assert_eq!(copy[at("fee kind")], "free");
    }
}
