//! The `json` format: the data the theme reads (`/charter.json`), as laid out (the body
//! size after fitting), for theme authors and anyone who wants the charter as a theme
//! sees it.

use super::document::ThemeData;

/// The data, pretty-printed.
pub fn render(data: &ThemeData) -> String {
    serde_json::to_string_pretty(data).expect("theme data serialises")
}
