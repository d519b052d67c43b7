//! Writing the imported charter as YAML text, in the order and shape a person writes one
//! (the starter's), with comments: where each part was found, and what was found but not
//! placed, where it was found. Fees and timelines are read with `check`'s readers; what
//! they cannot read is written as `{text: ...}`, the office's words kept as they are.

use std::fmt::Write as _;

use super::headings::Key;
use super::imported::{
    After, Entry, Found, Imported, Requirement, Route, Section, Service, Step, Unplaced,
};
use crate::reading::{read_fee, read_time};

/// The charter's text. `source` is the document's file name, for the header.
pub fn write(imported: &Imported, source: &str, organization_fallback: &str) -> String {
    let mut w = Writer {
        out: String::new(),
        imported,
    };
    w.line(0, "# yaml-language-server: $schema=charter.schema.json");
    w.line(0, "#");
    w.comment(
        0,
        &format!(
            "Imported by `charter import` from {source}. Compare every value with the document, \
             then run `charter check` and `charter lint` on this file. A comment starting \
             \"Not placed\" is text of the document that was not placed in the charter: move \
             it where it belongs, or delete it."
        ),
    );
    w.out.push('\n');
    match imported.second_lang {
        Some(second) => w.line(0, &format!("languages: [{}, {second}]", imported.lang)),
        None => w.line(0, &format!("languages: [{}]", imported.lang)),
    }
    match &imported.title {
        Some(title) => w.key(0, "title", &title.value),
        None => {
            w.comment(
                0,
                "No title was found in the document: this is the built-in one.",
            );
            let locale = crate::locale::Locale::get(imported.lang)
                .unwrap_or_else(crate::locale::Locale::fallback);
            w.key(0, "title", locale.label("title"));
        }
    }
    // A charter with step tables runs to pages (the Philippine ones to hundreds): printed
    // as a handbook, as its office prints it, not a wall poster it could never fit.
    let steps = imported
        .services
        .iter()
        .flat_map(Entry::services)
        .any(|s| !s.steps.is_empty());
    if steps {
        w.line(0, "layout: handbook");
        w.comment(
            0,
            "Its services have step tables, which run to pages: a handbook of A4 pages. \
             `layout: poster` prints one sheet.",
        );
    }
    if let Some(edition) = &imported.edition {
        w.key(0, "edition", &edition.value);
    }
    if let Some((code, why)) = &imported.currency {
        w.line(0, &format!("currency: {code}"));
        w.comment(0, why);
    }
    if !imported.labels.is_empty() {
        w.comment(
            0,
            "The document's own headings, printed in place of the built-in ones.",
        );
        w.line(0, "labels:");
        for (key, heading) in &imported.labels {
            match imported.second_lang.and_then(crate::locale::Locale::get) {
                // In both languages: the second's heading, or its built-in label.
                Some(second) => {
                    let other = imported
                        .labels_second
                        .iter()
                        .find(|(k, _)| k == key)
                        .map_or_else(|| second.label(key).to_owned(), |(_, f)| f.value.clone());
                    w.line(2, &format!("{key}:"));
                    w.key(4, imported.lang, &heading.value);
                    w.key(4, imported.second_lang.unwrap_or("en"), &other);
                }
                None => w.key(2, key, &heading.value),
            }
        }
    }
    w.unplaced(After::Top);
    w.out.push('\n');
    w.line(0, "organization:");
    match &imported.organization {
        Some(org) => w.key(2, "name", &org.value),
        None => {
            w.comment(
                2,
                "The organisation's name was not found in the document: write it here.",
            );
            w.key(2, "name", organization_fallback);
        }
    }
    if let Some(parent) = &imported.parent {
        w.key(2, "parent", &parent.value);
    }
    if let Some((code, why)) = &imported.country {
        w.line(2, &format!("country: {code}"));
        w.comment(2, why);
    }
    if let Some(hours) = &imported.hours {
        w.key(2, "hours", &hours.value);
    }
    w.unplaced(After::Organization);
    if let Some(vision) = &imported.vision {
        w.key(0, "vision", &vision.value);
    }
    w.unplaced(After::Vision);
    if let Some(mission) = &imported.mission {
        w.key(0, "mission", &mission.value);
    }
    w.unplaced(After::Mission);
    w.section("objectives", &imported.objectives);
    match &imported.values_text {
        Some(text) if !imported.values.is_empty() => {
            w.line(0, "values:");
            w.key(2, "text", &text.value);
            w.list(2, "items", &imported.values);
        }
        Some(text) => w.comment(0, &format!("Not placed ({}): {}", text.at, text.value)),
        None => w.list(0, "values", &imported.values),
    }
    w.unplaced(After::Values);
    w.out.push('\n');
    w.line(0, "services:");
    for entry in &imported.services {
        match entry {
            Entry::Service(s) => w.service(2, s),
            Entry::Group { name, services } if services.iter().all(|s| s.name.is_none()) => {
                w.comment(2, &format!("Not placed ({}): {}", name.at, name.value));
                for s in services {
                    w.service(2, s);
                }
            }
            Entry::Group { name, services } => {
                w.key_item(2, "group", &name.value);
                w.line(4, "services:");
                for s in services {
                    w.service(6, s);
                }
            }
        }
    }
    w.unplaced(After::Services);
    if !imported.standards.is_empty() {
        w.out.push('\n');
        w.line(0, "standards:");
        w.line(2, "- items:");
        for s in &imported.standards {
            w.item(6, &s.value);
        }
    }
    w.unplaced(After::Standards);
    w.section("rights", &imported.rights);
    w.unplaced(After::Rights);
    w.section("duties", &imported.duties);
    w.unplaced(After::Duties);
    let complaints = &imported.complaints;
    if !complaints.text.is_empty() || !complaints.routes.is_empty() {
        w.out.push('\n');
        w.line(0, "complaints:");
        w.paragraphs(2, "text", &complaints.text);
        if !complaints.routes.is_empty() {
            w.line(2, "routes:");
            for route in &complaints.routes {
                w.route(4, route);
            }
        }
    }
    w.unplaced(After::Complaints);
    if !imported.abbreviations.is_empty() {
        w.out.push('\n');
        w.line(0, "abbreviations:");
        for (short, long) in &imported.abbreviations {
            let long = scalar(long, 4);
            w.line(2, &format!("{}: {long}", scalar(&short.value, 4)));
        }
    }
    w.unplaced(After::Abbreviations);
    w.out
}

struct Writer<'a> {
    out: String,
    imported: &'a Imported,
}

impl Writer<'_> {
    fn line(&mut self, indent: usize, text: &str) {
        let _ = writeln!(self.out, "{:indent$}{text}", "");
    }

    /// A comment, wrapped at 92 columns, each of its own lines kept.
    fn comment(&mut self, indent: usize, text: &str) {
        for para in text.lines() {
            let mut line = String::new();
            for word in para.split_whitespace() {
                if !line.is_empty() && indent + 2 + line.len() + word.len() > 92 {
                    self.line(indent, &format!("# {line}"));
                    line.clear();
                }
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(word);
            }
            self.line(indent, format!("# {line}").trim_end());
        }
    }

    fn key(&mut self, indent: usize, key: &str, value: &str) {
        let value = scalar(value, indent + 2);
        self.line(indent, &format!("{key}: {value}"));
    }

    /// The first key of a list item (`- name: …`).
    fn key_item(&mut self, indent: usize, key: &str, value: &str) {
        let value = scalar(value, indent + 4);
        self.line(indent, &format!("- {key}: {value}"));
    }

    fn item(&mut self, indent: usize, value: &str) {
        let value = scalar(value, indent + 2);
        self.line(indent, &format!("- {value}"));
    }

    fn list(&mut self, indent: usize, key: &str, items: &[Found<String>]) {
        if items.is_empty() {
            return;
        }
        self.line(indent, &format!("{key}:"));
        for item in items {
            self.item(indent + 2, &item.value);
        }
    }

    /// One paragraph, or a list of them.
    fn paragraphs(&mut self, indent: usize, key: &str, paragraphs: &[Found<String>]) {
        match paragraphs {
            [] => {}
            [one] => self.key(indent, key, &one.value),
            several => self.list(indent, key, several),
        }
    }

    /// Rights or duties: their points, with the text introducing them when there is one.
    fn section(&mut self, key: &str, section: &Section) {
        if section.points.is_empty() {
            self.list(0, key, &section.text);
            return;
        }
        if section.text.is_empty() {
            self.list(0, key, &section.points);
            return;
        }
        self.line(0, &format!("{key}:"));
        self.paragraphs(2, "text", &section.text);
        self.list(2, "points", &section.points);
    }

    fn fee(&mut self, indent: usize, key: &str, fee: &Found<String>) {
        let currency = self.imported.currency.as_ref().map(|(c, _)| c.as_str());
        if read_fee(&fee.value, currency).is_ok() {
            self.key(indent, key, &fee.value);
        } else {
            self.line(indent, &format!("{key}: {{text: {}}}", quoted(&fee.value)));
        }
    }

    fn time(&mut self, indent: usize, key: &str, time: &Found<String>) {
        if read_time(&time.value).is_ok() {
            self.key(indent, key, &time.value);
        } else {
            self.line(indent, &format!("{key}: {{text: {}}}", quoted(&time.value)));
        }
    }

    /// A service; one the document gives no name is written as comments, since a service
    /// needs one, for the officer to name and take out of the comments.
    fn service(&mut self, indent: usize, s: &Service) {
        if s.name.is_none() {
            let mut inner = Writer {
                out: String::new(),
                imported: self.imported,
            };
            inner.service_fields(indent, s);
            let at = s
                .steps
                .first()
                .and_then(|step| step.agency.as_ref().or(step.client.as_ref()))
                .map(|f| f.at.to_string())
                .unwrap_or_default();
            self.comment(
                indent,
                &format!(
                    "Not placed ({at}): a service with no name in the document. Write its name, \
                     then take the lines below out of the comments."
                ),
            );
            for line in inner.out.lines() {
                self.line(indent, &format!("# {}", &line[indent.min(line.len())..]));
            }
            return;
        }
        self.service_fields(indent, s);
    }

    fn service_fields(&mut self, indent: usize, s: &Service) {
        if let Some(mark) = &s.mark {
            self.comment(indent, &format!("numbered `{mark}` in the document"));
        }
        let name = s.name.as_ref().map_or("", |n| n.value.as_str());
        let inner = indent + 2;
        let translated = |key: Key| {
            s.translations
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, f)| f)
        };
        match &s.number {
            Some(number) => {
                // Digits and dots (`split::service_number`), read as written.
                self.line(indent, &format!("- number: {number}"));
                self.text(inner, "", "name", name, translated(Key::Name));
            }
            None => self.text(indent, "- ", "name", name, translated(Key::Name)),
        }
        if let Some(d) = &s.description {
            self.text(
                inner,
                "",
                "description",
                &d.value,
                translated(Key::Description),
            );
        }
        for (key, value) in [
            ("office", &s.office),
            ("audience", &s.audience),
            ("classification", &s.classification),
            ("transaction", &s.transaction),
        ] {
            if let Some(v) = value {
                if key == "classification" {
                    self.classification(inner, v);
                } else if key == "transaction" && v.value.contains('\n') {
                    // One type a line: a list of them.
                    let items: Vec<Found<String>> = v
                        .value
                        .lines()
                        .map(|l| Found::new(l.to_owned(), v.at.clone()))
                        .collect();
                    self.list(inner, key, &items);
                } else {
                    let other = match key {
                        "office" => translated(Key::Office),
                        "audience" => translated(Key::Audience),
                        _ => None,
                    };
                    self.text(inner, "", key, &v.value, other);
                }
            }
        }
        self.requirements(inner, s, translated(Key::Requirements));
        if !s.steps.is_empty() {
            self.line(inner, "steps:");
            for step in &s.steps {
                self.step(inner + 2, step);
            }
        }
        match (&s.fee, translated(Key::Fee)) {
            (Some(fee), Some(other)) => self.promise(inner, "fee", fee, other, true),
            (Some(fee), None) => self.fee(inner, "fee", fee),
            (None, _) => {}
        }
        match (&s.timeline, translated(Key::Timeline)) {
            (Some(t), Some(other)) => self.promise(inner, "timeline", t, other, false),
            (Some(t), None) => self.time(inner, "timeline", t),
            (None, _) => {}
        }
        for (heading, value) in &s.other {
            self.comment(
                inner,
                &format!("Not placed ({heading}, {}): {}", value.at, value.value),
            );
        }
        if !s.services.is_empty() {
            self.line(inner, "services:");
            for sub in &s.services {
                self.service(inner + 2, sub);
            }
        }
    }

    /// A text, once, or in the charter's two languages when the document gives it in both
    /// (`prefix` is `- ` for the first key of a list item).
    fn text(
        &mut self,
        indent: usize,
        prefix: &str,
        key: &str,
        main: &str,
        other: Option<&Found<String>>,
    ) {
        let (Some(second), Some(other)) = (self.imported.second_lang, other) else {
            let value = scalar(main, indent + prefix.len() + 2);
            self.line(indent, &format!("{prefix}{key}: {value}"));
            return;
        };
        let inner = indent + prefix.len() + 2;
        self.line(indent, &format!("{prefix}{key}:"));
        let lang = self.imported.lang;
        self.key(inner, lang, main);
        self.key(inner, second, &other.value);
    }

    /// A fee or time given in both languages: each as written, read as `check` reads them,
    /// or, when either cannot be read, both as `text`.
    fn promise(
        &mut self,
        indent: usize,
        key: &str,
        main: &Found<String>,
        other: &Found<String>,
        fee: bool,
    ) {
        let Some(second) = self.imported.second_lang else {
            return;
        };
        let currency = self.imported.currency.as_ref().map(|(c, _)| c.as_str());
        let read = |text: &str| {
            if fee {
                read_fee(text, currency).is_ok()
            } else {
                read_time(text).is_ok()
            }
        };
        let lang = self.imported.lang;
        if read(&main.value) && read(&other.value) {
            self.line(indent, &format!("{key}:"));
            self.key(indent + 2, lang, &main.value);
            self.key(indent + 2, second, &other.value);
        } else {
            self.line(indent, &format!("{key}:"));
            self.line(indent + 2, "text:");
            self.key(indent + 4, lang, &main.value);
            self.key(indent + 4, second, &other.value);
        }
    }

    /// The requirements, each in both languages when the second-language column lists as
    /// many; else the first column's, and the other kept as a comment.
    fn requirements(&mut self, indent: usize, s: &Service, other: Option<&Found<String>>) {
        if s.requirements.is_empty() {
            if let Some(other) = other {
                self.comment(
                    indent,
                    &format!("Not placed ({}): {}", other.at, other.value),
                );
            }
            return;
        }
        self.line(indent, "requirements:");
        let lines: Vec<super::document::Line> = other
            .map(|o| o.value.lines().map(super::document::Line::plain).collect())
            .unwrap_or_default();
        let translated = super::split::requirements(&lines);
        let paired = self.imported.second_lang.is_some()
            && translated.len() == s.requirements.len()
            && s.requirements.iter().all(|r| r.from.is_none());
        for (i, r) in s.requirements.iter().enumerate() {
            if paired && let Some(second) = self.imported.second_lang {
                let lang = self.imported.lang;
                self.key_item(indent + 2, lang, &r.item.value);
                self.key(indent + 4, second, &translated[i]);
            } else {
                self.requirement(indent + 2, r);
            }
        }
        if !paired && let Some(other) = other {
            self.comment(
                indent,
                &format!("Not placed ({}): {}", other.at, other.value),
            );
        }
    }

    /// A Philippine classification is one of three words; another is kept as a comment.
    fn classification(&mut self, indent: usize, value: &Found<String>) {
        let word = value.value.trim().to_lowercase().replace([' ', '_'], "-");
        if matches!(word.as_str(), "simple" | "complex" | "highly-technical") {
            self.key(indent, "classification", &value.value);
        } else {
            self.comment(
                indent,
                &format!("Not placed (classification, {}): {}", value.at, value.value),
            );
        }
    }

    fn requirement(&mut self, indent: usize, r: &Requirement) {
        match &r.from {
            None => self.item(indent, &r.item.value),
            Some(from) => {
                self.key_item(indent, "item", &r.item.value);
                self.key(indent + 2, "from", &from.value);
            }
        }
    }

    fn step(&mut self, indent: usize, step: &Step) {
        let mut first = true;
        let mut field = |w: &mut Self, key: &str, value: &Found<String>, kind: u8| {
            let at = if first { indent } else { indent + 2 };
            let prefix = if first { "- " } else { "" };
            first = false;
            let mut line = String::new();
            let inner = indent + 2;
            let currency = w.imported.currency.as_ref().map(|(c, _)| c.as_str());
            let readable = match kind {
                1 => read_fee(&value.value, currency).is_ok(),
                2 => read_time(&value.value).is_ok(),
                _ => true,
            };
            if readable {
                let _ = write!(line, "{prefix}{key}: {}", scalar(&value.value, inner + 2));
            } else {
                let _ = write!(line, "{prefix}{key}: {{text: {}}}", quoted(&value.value));
            }
            w.line(at, &line);
        };
        for (key, value, kind) in [
            ("client", &step.client, 0),
            ("agency", &step.agency, 0),
            ("fee", &step.fee, 1),
            ("time", &step.time, 2),
            ("responsible", &step.responsible, 0),
        ] {
            if let Some(v) = value {
                field(self, key, v, kind);
            }
        }
    }

    fn route(&mut self, indent: usize, route: &Route) {
        let inner = indent + 2;
        let mut lines: Vec<String> = Vec::new();
        let list = |items: &[String]| {
            let quoted: Vec<String> = items.iter().map(|i| quoted(i)).collect();
            (!items.is_empty()).then(|| format!("[{}]", quoted.join(", ")))
        };
        let one = |value: &Option<String>| value.as_deref().map(|v| scalar(v, inner + 2));
        for (key, value) in [
            ("role", one(&route.role)),
            ("office", one(&route.office)),
            ("independent", route.independent.then(|| "true".to_owned())),
            ("address", list(&route.address)),
            ("pobox", one(&route.pobox)),
            ("phones", list(&route.phones)),
            ("fax", list(&route.fax)),
            ("emails", list(&route.emails)),
            ("website", one(&route.website)),
            ("other", list(&route.other)),
        ] {
            if let Some(value) = value {
                lines.push(format!("{key}: {value}"));
            }
        }
        for (i, line) in lines.iter().enumerate() {
            if i == 0 {
                self.line(indent, &format!("- {line}"));
            } else {
                self.line(inner, line);
            }
        }
    }

    /// The text found after `after` and placed nowhere, as comments.
    fn unplaced(&mut self, after: After) {
        let items: Vec<&Unplaced> = self
            .imported
            .unplaced
            .iter()
            .filter(|u| u.after == after)
            .collect();
        if items.is_empty() {
            return;
        }
        self.out.push('\n');
        for u in items {
            let under = u
                .heading
                .as_ref()
                .map(|h| format!(", under \"{h}\""))
                .unwrap_or_default();
            self.comment(
                0,
                &format!("Not placed ({}{under}): {}", u.text.at, u.text.value),
            );
        }
    }
}

/// A value as YAML: plain when it reads back as the same text, a literal block for text of
/// several lines, else double-quoted.
pub fn scalar(value: &str, indent: usize) -> String {
    if value.contains('\n') {
        let clean = value.lines().all(|l| {
            !l.starts_with(' ')
                && !l.ends_with(' ')
                && !l.is_empty()
                && !l.chars().any(char::is_control)
        });
        if clean && !value.ends_with('\n') {
            let mut out = String::from("|-");
            for line in value.lines() {
                out.push('\n');
                out.push_str(&" ".repeat(indent));
                out.push_str(line);
            }
            return out;
        }
        return quoted(value);
    }
    if is_plain(value) {
        value.to_owned()
    } else {
        quoted(value)
    }
}

fn is_plain(value: &str) -> bool {
    let Some(first) = value.chars().next() else {
        return false;
    };
    let indicator = "-?:,[]{}#&*!|>'\"%@`".contains(first);
    let dash_ok = matches!(first, '-' | '?' | ':')
        && value[first.len_utf8()..].starts_with(|c: char| !c.is_whitespace());
    let lower = value.to_lowercase();
    // What another YAML reader would take for a boolean, a null, a number (`0x1F`,
    // `1_000`, `.5`, `12:30` in YAML 1.1) or a date (`2024-01-01`): `charter` reads every
    // plain value as text, but editors and scripts may not.
    let numeric = value.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '+' | '-' | '.'))
        && (!value.contains(char::is_whitespace) || is_date_like(value));
    let looks_typed = matches!(
        lower.as_str(),
        "true"
            | "false"
            | "yes"
            | "no"
            | "on"
            | "off"
            | "null"
            | "~"
            | "y"
            | "n"
            | ".inf"
            | "-.inf"
            | ".nan"
    ) || numeric;
    (!indicator || dash_ok)
        && !value.contains(": ")
        && !value.contains(" #")
        && !value.ends_with(':')
        && !value.starts_with(' ')
        && !value.ends_with(' ')
        && !value.chars().any(|c| {
            c.is_control() || c == '\u{feff}' || c == '\u{85}' || c == '\u{2028}' || c == '\u{2029}'
        })
        && !looks_typed
}

/// `2024-01-01`, `2024-01-01 10:00`: a YAML timestamp.
fn is_date_like(value: &str) -> bool {
    let b = value.as_bytes();
    b.len() >= 8 && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-'
}

/// A double-quoted YAML string.
pub fn quoted(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{feff}') => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_written_so_they_read_back_the_same() {
        assert_eq!(scalar("Ndani ya siku 7", 2), "Ndani ya siku 7");
        assert_eq!(scalar("Note: this", 2), "\"Note: this\"");
        assert_eq!(scalar("- dash", 2), "\"- dash\"");
        assert_eq!(scalar("-20%", 2), "\"-20%\"");
        assert_eq!(scalar("no", 2), "\"no\"");
        assert_eq!(scalar("1.50", 2), "\"1.50\"");
        assert_eq!(scalar("0x1F", 2), "\"0x1F\"");
        assert_eq!(scalar("2024-01-01", 2), "\"2024-01-01\"");
        assert_eq!(scalar("2024-01-01 10:00", 2), "\"2024-01-01 10:00\"");
        assert_eq!(scalar("1_000", 2), "\"1_000\"");
        assert_eq!(scalar("3 working days", 2), "3 working days");
        assert_eq!(scalar("say \"hi\" #1", 2), "\"say \\\"hi\\\" #1\"");
        assert_eq!(scalar("a\nb", 4), "|-\n    a\n    b");
        assert_eq!(scalar("a\n b", 4), "\"a\\n b\"");
        assert_eq!(scalar("", 2), "\"\"");
        assert_eq!(quoted("\u{7}"), "\"\\u0007\"");
    }
}
