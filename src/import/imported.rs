//! The charter as the importer found it: every value with the place it came from, so the
//! report can say where each was found, and the writer (`yaml.rs`) can write it. Values are
//! the document's words, never reworded.

use super::document::Place;

/// A value and where it was found.
#[derive(Clone, Debug, PartialEq)]
pub struct Found<T> {
    pub value: T,
    pub at: Place,
}

impl<T> Found<T> {
    pub fn new(value: T, at: Place) -> Found<T> {
        Found { value, at }
    }
}

/// Sets a value, or adds more of it (a continuation row's, the next paragraph's) after
/// `separator`: a space for words that run on, a line break for values on lines of their
/// own (two rows' times are two values, not one sentence).
pub fn append(slot: &mut Option<Found<String>>, found: Found<String>, separator: char) {
    match slot {
        Some(existing) => existing.push(separator, &found.value),
        None => *slot = Some(found),
    }
}

impl Found<String> {
    /// Adds more of the value after `separator` (see [`append`]).
    pub fn push(&mut self, separator: char, more: &str) {
        self.value.push(separator);
        self.value.push_str(more);
    }
}

/// The value named most often (a language, a currency); of as many, the first named.
pub fn most_common(values: &[&'static str]) -> Option<&'static str> {
    let mut counts: Vec<(&'static str, usize)> = Vec::new();
    for value in values {
        match counts.iter_mut().find(|(v, _)| v == value) {
            Some((_, n)) => *n += 1,
            None => counts.push((value, 1)),
        }
    }
    let mut best: Option<(&'static str, usize)> = None;
    for (value, n) in counts {
        if best.is_none_or(|(_, m)| n > m) {
            best = Some((value, n));
        }
    }
    best.map(|(v, _)| v)
}

/// A charter imported.
#[derive(Clone, Debug, Default)]
pub struct Imported {
    /// The language of the headings found (`en` when none said).
    pub lang: &'static str,
    /// The second language of a services table in two languages, column beside column.
    pub second_lang: Option<&'static str>,
    pub title: Option<Found<String>>,
    /// The edition, as printed ("8th Edition").
    pub edition: Option<Found<String>>,
    pub organization: Option<Found<String>>,
    /// The body the organisation is part of, printed above its name ("County Government
    /// of Kitui" above "Office of the Governor").
    pub parent: Option<Found<String>>,
    /// The office's own headings and column labels, where they are not the built-in ones
    /// ("DIRA", "Wajibu Wa Mteja", "CLIENT STEPS"): the label's key and the heading, the
    /// first found of each.
    pub labels: Vec<(&'static str, Found<String>)>,
    /// The headings of a services table's second-language columns ("Service" beside
    /// "Huduma"), by label.
    pub labels_second: Vec<(&'static str, Found<String>)>,
    /// The country the document names above the office's name, and that line.
    pub country_line: Option<(&'static str, Found<String>)>,
    /// The office's country, and what said so.
    pub country: Option<(&'static str, String)>,
    /// The currency of the fees, and what said so.
    pub currency: Option<(String, String)>,
    pub vision: Option<Found<String>>,
    pub mission: Option<Found<String>>,
    pub values: Vec<Found<String>>,
    /// The line that introduces the values ("Yapo maadili Muhimu nane …:").
    pub values_text: Option<Found<String>>,
    /// Objectives ("Malengo Yetu"), a section of points.
    pub objectives: Section,
    pub services: Vec<Entry>,
    /// Where the services were found, for the report: the table, and how its columns were
    /// read.
    pub tables: Vec<TableReport>,
    pub standards: Vec<Found<String>>,
    pub rights: Section,
    pub duties: Section,
    pub complaints: Complaints,
    /// The list of abbreviations: each and what it stands for.
    pub abbreviations: Vec<(Found<String>, String)>,
    /// The office's opening hours, as printed.
    pub hours: Option<Found<String>>,
    /// What was found but belongs to no field, in the order it was found, each after the
    /// part of the charter it followed.
    pub unplaced: Vec<Unplaced>,
}

/// A section of points, with the text that introduces them ("Every taxpayer has the
/// following obligations:").
#[derive(Clone, Debug, Default)]
pub struct Section {
    pub text: Vec<Found<String>>,
    pub points: Vec<Found<String>>,
}

impl Section {
    /// Adds a line: before the first list item, a line that is not one is the
    /// introduction; the rest are points.
    pub fn add(&mut self, found: Found<String>, listed: bool) {
        if listed || !self.points.is_empty() {
            self.points.push(found);
        } else {
            self.text.push(found);
        }
    }

    /// The points, or, when nothing was listed, the paragraphs as points.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty() && self.points.is_empty()
    }
}

/// A service, or a heading the services are grouped under.
#[derive(Clone, Debug)]
pub enum Entry {
    Service(Box<Service>),
    Group {
        name: Found<String>,
        services: Vec<Service>,
    },
}

#[derive(Clone, Debug, Default)]
pub struct Service {
    pub number: Option<String>,
    pub name: Option<Found<String>>,
    pub description: Option<Found<String>>,
    pub requirements: Vec<Requirement>,
    pub fee: Option<Found<String>>,
    pub timeline: Option<Found<String>>,
    pub office: Option<Found<String>>,
    pub audience: Option<Found<String>>,
    pub classification: Option<Found<String>>,
    pub transaction: Option<Found<String>>,
    pub steps: Vec<Step>,
    pub services: Vec<Service>,
    /// Its sub-services are its rows in the table, each with its own promise.
    pub by_rows: bool,
    /// The values of the table's second-language columns ("Service" beside "Huduma"), by
    /// the key of the column they translate.
    pub translations: Vec<(super::headings::Key, Found<String>)>,
    /// Cells of columns that map to no field ("Remarks"): their heading and text.
    pub other: Vec<(String, Found<String>)>,
    /// What the document printed as the number when it is not one the format holds
    /// ("a)", "i."): kept as a comment.
    pub mark: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Requirement {
    pub item: Found<String>,
    pub from: Option<Found<String>>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Step {
    pub client: Option<Found<String>>,
    pub agency: Option<Found<String>>,
    pub fee: Option<Found<String>>,
    pub time: Option<Found<String>>,
    pub responsible: Option<Found<String>>,
}

#[derive(Clone, Debug, Default)]
pub struct Complaints {
    pub text: Vec<Found<String>>,
    pub routes: Vec<Route>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Route {
    pub role: Option<String>,
    pub office: Option<String>,
    pub independent: bool,
    pub address: Vec<String>,
    pub pobox: Option<String>,
    pub phones: Vec<String>,
    pub fax: Vec<String>,
    pub emails: Vec<String>,
    pub website: Option<String>,
    /// Other ways in: "PCC: 8888", an SMS short code.
    pub other: Vec<String>,
    pub at: Option<Place>,
}

/// Text the importer could not place, and the part of the charter it came after.
#[derive(Clone, Debug)]
pub struct Unplaced {
    pub text: Found<String>,
    pub after: After,
    /// The heading it was under, when it was under one the importer does not know.
    pub heading: Option<String>,
}

/// The parts of a charter, in the order they are written: unplaced text is written as a
/// comment after the part it followed in the document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum After {
    Top,
    Organization,
    Vision,
    Mission,
    Values,
    Services,
    Standards,
    Rights,
    Duties,
    Complaints,
    Abbreviations,
}

/// How a services table was read.
#[derive(Clone, Debug)]
pub struct TableReport {
    pub table: String,
    /// Each column: its heading, and the field it was read into (`None`: kept as comments).
    pub columns: Vec<(String, Option<String>)>,
    pub rows: (Place, Place),
    pub services: usize,
}

impl Service {
    /// Every service at and under it.
    pub fn count(&self) -> usize {
        1 + self.services.iter().map(Service::count).sum::<usize>()
    }
}

impl Entry {
    pub fn services(&self) -> Vec<&Service> {
        match self {
            Entry::Service(s) => vec![s.as_ref()],
            Entry::Group { services, .. } => services.iter().collect(),
        }
    }
}
