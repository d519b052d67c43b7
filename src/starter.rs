//! The commented starter charters written by `charter new`.

/// Languages a starter exists in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum StarterLang {
    En,
    Sw,
}

/// The starter charter's text. Each one passes `charter check` (a test keeps it so).
pub fn starter(lang: StarterLang) -> &'static str {
    match lang {
        StarterLang::En => include_str!("starter/en.yaml"),
        StarterLang::Sw => include_str!("starter/sw.yaml"),
    }
}
