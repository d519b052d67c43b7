//! The built-in language catalogues, `src/locale/<lang>.toml`: each language's words in one
//! file, read by whichever module needs its table (`[labels]`, `[units]`, `[durations]`,
//! `[dates]` and `[numbers]` by `locale`; `[reading]` by `reading`; `[lint]` by lint's
//! rules; `[keys]` by the decoder's did-you-mean; `[register]` and `[dates]` by the
//! register's reader; `[import]` by `charter import`). Adding a language is its file, a line
//! here, and a starter charter (`src/starter/`). This module depends on nothing, so every
//! reader can use it.

/// Each catalogue's language code and text, in the order they are consulted.
pub const CATALOGUES: &[(&str, &str)] = &[
    ("en", include_str!("locale/en.toml")),
    ("sw", include_str!("locale/sw.toml")),
    ("fil", include_str!("locale/fil.toml")),
];

/// One table of every catalogue, parsed as `T`: for a module that needs only its table.
/// A catalogue is part of the program, so one that does not parse is a bug (the tests
/// parse every table).
pub fn tables<T: serde::de::DeserializeOwned>(table: &str) -> Vec<(&'static str, T)> {
    CATALOGUES
        .iter()
        .map(|(lang, text)| {
            let mut file: toml::Table =
                toml::from_str(text).unwrap_or_else(|e| panic!("the catalogue of {lang}: {e}"));
            let value = file
                .remove(table)
                .unwrap_or(toml::Value::Table(Default::default()));
            let parsed = value
                .try_into()
                .unwrap_or_else(|e| panic!("the [{table}] table of {lang}: {e}"));
            (*lang, parsed)
        })
        .collect()
}
