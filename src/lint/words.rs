//! The words lint's rules look for, from the `[lint]` table of each language's catalogue
//! (`src/locale/<lang>.toml`), so a language is one file. Every language's words are
//! looked for in every charter, in catalogue order (English, Kiswahili, Filipino): a
//! bilingual charter mixes them, and a phrase is unambiguous whichever language it is in.

use std::sync::OnceLock;

use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Table {
    vague: Vec<String>,
    frequencies: Vec<String>,
    depends_on: Vec<String>,
    independent_bodies: Vec<String>,
}

/// Every language's words of each list, lower case.
#[derive(Debug, Default)]
pub struct Words {
    /// Phrases that promise speed without a measure.
    pub vague: Vec<String>,
    /// How often something happens.
    pub frequencies: Vec<String>,
    /// Words that make a promise depend on something the citizen cannot check.
    pub depends_on: Vec<String>,
    /// Names of independent complaint bodies.
    pub independent_bodies: Vec<String>,
}

/// The words, read from the catalogues once.
pub fn words() -> &'static Words {
    static WORDS: OnceLock<Words> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut words = Words::default();
        for (_, table) in crate::catalogues::tables::<Table>("lint") {
            let lower = |list: Vec<String>| list.into_iter().map(|w| w.to_lowercase());
            words.vague.extend(lower(table.vague));
            words.frequencies.extend(lower(table.frequencies));
            words.depends_on.extend(lower(table.depends_on));
            words
                .independent_bodies
                .extend(lower(table.independent_bodies));
        }
        words
    })
}

/// The first of `list` that `text` (lower case) contains.
pub fn first_in<'a>(list: &'a [String], text: &str) -> Option<&'a str> {
    list.iter().map(String::as_str).find(|w| text.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_gives_its_words_in_catalogue_order() {
        let words = words();
        assert_eq!(
            words.vague.first().map(String::as_str),
            Some("as soon as possible")
        );
        assert!(words.vague.contains(&"haraka iwezekanavyo".to_owned()));
        assert_eq!(
            first_in(&words.depends_on, "siku 7 kulingana na ombi"),
            Some("kulingana na")
        );
        assert_eq!(
            first_in(&words.frequencies, "ksh 500 kila mwezi"),
            Some("kila mwezi")
        );
        assert_eq!(first_in(&words.independent_bodies, "the office"), None);
    }
}
