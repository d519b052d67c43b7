//! The headings an office gives its columns and sections, in every language: the
//! `[import]` table of each catalogue (`src/locale/<lang>.toml`), read once.

use std::collections::BTreeMap;
use std::sync::OnceLock;

/// What a heading can name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Key {
    // Columns of a services table.
    Number,
    Name,
    Requirements,
    Fee,
    Timeline,
    Office,
    Audience,
    Description,
    // Columns and fields of a Philippine service's table.
    From,
    Classification,
    Transaction,
    Client,
    Agency,
    Responsible,
    Total,
    // The charter's title, and its sections.
    Title,
    Vision,
    Mission,
    Values,
    Objectives,
    Standards,
    Rights,
    Duties,
    Complaints,
    Abbreviations,
    Hours,
    /// Not a heading: words that make a contact an independent body.
    Independent,
}

impl Key {
    const ALL: [Key; 27] = [
        Key::Number,
        Key::Name,
        Key::Requirements,
        Key::Fee,
        Key::Timeline,
        Key::Office,
        Key::Audience,
        Key::Description,
        Key::From,
        Key::Classification,
        Key::Transaction,
        Key::Client,
        Key::Agency,
        Key::Responsible,
        Key::Total,
        Key::Title,
        Key::Vision,
        Key::Mission,
        Key::Values,
        Key::Objectives,
        Key::Standards,
        Key::Rights,
        Key::Duties,
        Key::Complaints,
        Key::Abbreviations,
        Key::Hours,
        Key::Independent,
    ];

    /// The columns of a services table.
    pub const COLUMNS: &[Key] = &[
        Key::Number,
        Key::Name,
        Key::Requirements,
        Key::Fee,
        Key::Timeline,
        Key::Office,
        Key::Audience,
        Key::Description,
        Key::From,
    ];
    /// The columns of a step table.
    pub const STEP_COLUMNS: &[Key] = &[
        Key::Client,
        Key::Agency,
        Key::Fee,
        Key::Timeline,
        Key::Responsible,
    ];
    /// The fields a Philippine service's table gives above its steps.
    pub const FIELDS: &[Key] = &[
        Key::Office,
        Key::Classification,
        Key::Transaction,
        Key::Audience,
    ];
    /// The sections of a charter read by their headings.
    pub const SECTIONS: &[Key] = &[
        Key::Vision,
        Key::Mission,
        Key::Values,
        Key::Objectives,
        Key::Standards,
        Key::Rights,
        Key::Duties,
        Key::Complaints,
        Key::Abbreviations,
        Key::Hours,
    ];

    /// The charter's label (`labels:`) that prints this heading, if any.
    pub fn label(self) -> Option<&'static str> {
        Some(match self {
            Key::Number => "number",
            Key::Name => "service",
            Key::Requirements => "requirements",
            Key::Fee => "fee",
            Key::Timeline => "timeline",
            Key::Office => "office",
            Key::Audience => "audience",
            Key::From => "from",
            Key::Classification => "classification",
            Key::Transaction => "transaction",
            Key::Client => "client_step",
            Key::Agency => "agency_action",
            Key::Responsible => "responsible",
            Key::Vision => "vision",
            Key::Mission => "mission",
            Key::Values => "values",
            Key::Objectives => "objectives",
            Key::Standards => "standards",
            Key::Rights => "rights",
            Key::Duties => "duties",
            Key::Complaints => "complaints",
            Key::Abbreviations => "abbreviations",
            Key::Hours => "hours",
            Key::Description | Key::Total | Key::Title | Key::Independent => return None,
        })
    }

    /// Its name in the catalogues' `[import]` table, and in the charter format.
    pub fn name(self) -> &'static str {
        match self {
            Key::Number => "number",
            Key::Name => "name",
            Key::Requirements => "requirements",
            Key::Fee => "fee",
            Key::Timeline => "timeline",
            Key::Office => "office",
            Key::Audience => "audience",
            Key::Description => "description",
            Key::From => "from",
            Key::Classification => "classification",
            Key::Transaction => "transaction",
            Key::Client => "client",
            Key::Agency => "agency",
            Key::Responsible => "responsible",
            Key::Total => "total",
            Key::Title => "title",
            Key::Vision => "vision",
            Key::Mission => "mission",
            Key::Values => "values",
            Key::Objectives => "objectives",
            Key::Standards => "standards",
            Key::Rights => "rights",
            Key::Duties => "duties",
            Key::Complaints => "complaints",
            Key::Abbreviations => "abbreviations",
            Key::Hours => "hours",
            Key::Independent => "independent",
        }
    }
}

/// Every heading of every language, by key: its language and its words normalised.
fn words(key: Key) -> &'static [(&'static str, String)] {
    static WORDS: OnceLock<Vec<Vec<(&'static str, String)>>> = OnceLock::new();
    let all = WORDS.get_or_init(|| {
        let tables = crate::catalogues::tables::<BTreeMap<String, Vec<String>>>("import");
        Key::ALL
            .iter()
            .map(|key| {
                let mut words = Vec::new();
                for (lang, table) in &tables {
                    for word in table.get(key.name()).into_iter().flatten() {
                        let word = normalise(word);
                        if !word.is_empty() {
                            words.push((*lang, word));
                        }
                    }
                }
                words
            })
            .collect()
    });
    &all[Key::ALL.iter().position(|k| *k == key).unwrap_or(0)]
}

/// A heading as it is compared: lower case, single spaces, without the marks around it
/// (`:`, `*`, a trailing `.`) and the curly quotes Word types.
pub fn normalise(text: &str) -> String {
    let text = text.replace(['’', '‘'], "'").to_lowercase();
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut text = words.join(" ");
    // A section's number before its heading ("7.0 Taxpayer's Obligations", "2. Vision").
    if let Some((number, rest)) = text.split_once(' ')
        && is_section_number(number)
    {
        text = rest.to_owned();
    }
    text.trim_matches(|c: char| matches!(c, ':' | '*' | '-' | '–' | '.' | ' '))
        .to_owned()
}

/// A section's number before its heading: `7.0`, `2.`, `II.`, `iv.`
pub fn is_section_number(word: &str) -> bool {
    let arabic = word.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && word.bytes().any(|b| b.is_ascii_digit());
    let roman = word.len() >= 2
        && word.ends_with('.')
        && word[..word.len() - 1]
            .bytes()
            .all(|b| matches!(b.to_ascii_lowercase(), b'i' | b'v' | b'x' | b'l'));
    arabic || roman
}

/// A match: which key, in which language, and how many characters of the heading the
/// catalogue's words matched (the longest match wins: "processing time" over "time").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Match {
    pub key: Key,
    pub lang: &'static str,
    pub length: usize,
}

/// What a heading names among `keys`: the whole heading, its first words ("Malipo
/// (Shilingi)", "Muda wa Kutekeleza", "Vision: To be ..."), or, in a short heading, its last
/// ("7.0 Taxpayer's Obligations"); for a heading in two languages ("Huduma / Service"), each
/// part. `None` for a heading that is a sentence.
pub fn classify(heading: &str, keys: &[Key]) -> Option<Match> {
    let heading = normalise(heading);
    if heading.is_empty() || heading.split(' ').count() > 12 {
        return None;
    }
    let mut parts = vec![heading.as_str()];
    parts.extend(heading.split(['/', '|']).map(str::trim));
    let mut best: Option<Match> = None;
    for part in parts {
        for &key in keys {
            for (lang, word) in words(key) {
                if !(starts_with_word(part, word) || ends_with_word(part, word)) {
                    continue;
                }
                let candidate = Match {
                    key,
                    lang,
                    length: word.len(),
                };
                if best.is_none_or(|b| candidate.length > b.length) {
                    best = Some(candidate);
                }
            }
        }
    }
    // Else a heading of a few words that holds a catalogue's phrase of two words or more
    // as its own words ("Given Time Limit (Working Days)", "Name of the Designated
    // Officer").
    // (Not for a section's heading: "Yapo maadili muhimu nane …" is a sentence about
    // values, not their heading.)
    let columns = !keys.iter().any(|k| Key::SECTIONS.contains(k));
    if best.is_none() && columns && heading.split(' ').count() <= 8 {
        for &key in keys {
            for (lang, word) in words(key) {
                if word.contains(' ') && holds_words(&heading, word) {
                    let candidate = Match {
                        key,
                        lang,
                        length: word.len(),
                    };
                    if best.is_none_or(|b| candidate.length > b.length) {
                        best = Some(candidate);
                    }
                }
            }
        }
    }
    best
}

/// Whether `text` holds `phrase` with a word boundary on each side.
fn holds_words(text: &str, phrase: &str) -> bool {
    text.match_indices(phrase).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + phrase.len()..].chars().next();
        before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric())
    })
}

/// Whether `text` is `word`, or starts with it followed by something that is not a
/// letter ("fee (kes)", "muda:" but not "feedback").
fn starts_with_word(text: &str, word: &str) -> bool {
    match text.strip_prefix(word) {
        Some(rest) => !rest.starts_with(char::is_alphanumeric),
        None => false,
    }
}

/// Whether a short `text` ends with `word` as its own words ("Taxpayer's Obligations",
/// "Our Core Values").
fn ends_with_word(text: &str, word: &str) -> bool {
    text.split(' ').count() <= 3
        && text
            .strip_suffix(word)
            .is_some_and(|rest| rest.ends_with(' '))
}

/// Whether `text` holds one of the words of `key` anywhere (for words such as those naming
/// an independent body).
pub fn mentions(text: &str, key: Key) -> bool {
    let text = normalise(text);
    words(key)
        .iter()
        .any(|(_, word)| text.contains(word.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(heading: &str, keys: &[Key]) -> Option<Key> {
        classify(heading, keys).map(|m| m.key)
    }

    #[test]
    fn column_headings_are_recognised_in_each_language() {
        let c = Key::COLUMNS;
        assert_eq!(key("Namba", c), Some(Key::Number));
        assert_eq!(key("Huduma", c), Some(Key::Name));
        assert_eq!(key("Wajibu Wa Mteja", c), Some(Key::Requirements));
        assert_eq!(key("Malipo (Shilingi)", c), Some(Key::Fee));
        assert_eq!(key("MUDA", c), Some(Key::Timeline));
        assert_eq!(key("Huduma / Service", c), Some(Key::Name));
        assert_eq!(key("Cost (KES)", c), Some(Key::Fee));
        assert_eq!(key("Processing Time", c), Some(Key::Timeline));
        assert_eq!(key("S/No.", c), Some(Key::Number));
        assert_eq!(key("Feedback", c), None);
        assert_eq!(key("Remarks", c), None);
        assert_eq!(key("Muda wa Kutekeleza", c), Some(Key::Timeline));
        assert_eq!(key("Service Level Standard", c), Some(Key::Timeline));
        assert_eq!(key("Description of service", c), Some(Key::Name));
        assert_eq!(key("Bayad", c), Some(Key::Fee));
        assert_eq!(
            key("Given Time Limit (Working Days)", c),
            Some(Key::Timeline)
        );
        assert_eq!(key("Name of the Designated Officer", c), Some(Key::Office));
    }

    #[test]
    fn a_sentence_is_not_a_heading() {
        assert_eq!(
            key(
                "Our vision is to be the leading agency in the region serving all its people with care",
                Key::SECTIONS
            ),
            None
        );
        assert_eq!(
            key("Vision: To be the best", Key::SECTIONS),
            Some(Key::Vision)
        );
        assert_eq!(key("DIRA", Key::SECTIONS), Some(Key::Vision));
        assert_eq!(key("Visionary leaders", Key::SECTIONS), None);
        assert_eq!(key("NGUZO KUU", Key::SECTIONS), Some(Key::Values));
        assert_eq!(
            key("7.0 Taxpayer’s Obligations", Key::SECTIONS),
            Some(Key::Duties)
        );
        assert_eq!(key("VISION:", Key::SECTIONS), Some(Key::Vision));
        assert_eq!(key("II. Vision:", Key::SECTIONS), Some(Key::Vision));
        assert_eq!(key("Responding to Written Complaints", Key::SECTIONS), None);
        assert_eq!(
            key("Jinsi ya kuwasiliana malalamishi", Key::SECTIONS),
            Some(Key::Complaints)
        );
    }

    #[test]
    fn independent_bodies_are_named() {
        assert!(mentions(
            "Commission on Administrative Justice (Office of the Ombudsman)",
            Key::Independent
        ));
        assert!(!mentions("The Chief Officer, Trade", Key::Independent));
    }
}
