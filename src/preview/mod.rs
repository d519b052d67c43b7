//! The live preview: `charter watch` rebuilds when a charter, its logo or the theme is
//! saved; `charter serve` also serves the outputs on a local port and reloads the browser
//! after each rebuild.
//!
//! The pieces are independent of the command line: [`watcher::Watcher`] turns file-system
//! events into "these paths changed" (debounced, ignoring the output folder),
//! [`server::Server`] serves an output folder and the latest [`Snapshot`] of the build,
//! and [`pages`] makes the HTML the server adds (the index, the page shown while a charter
//! is broken, the reload script).

pub mod pages;
pub mod server;
pub mod watcher;

/// What the latest build made of each charter, as the server shows it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Snapshot {
    pub charters: Vec<CharterState>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CharterState {
    /// The charter file, as the user named it.
    pub name: String,
    /// Its outputs' stem below the output folder, with `/` (`kitui`, `county/kitui`).
    pub stem: String,
    /// The outputs that exist, as paths below the output folder.
    pub html: Option<String>,
    pub pdf: Option<String>,
    /// The diagnostics as a person reads them (no colour), when the charter is broken:
    /// shown instead of a stale page.
    pub problems: Option<String>,
}
