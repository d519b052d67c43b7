//! Printing diagnostics for people (miette's snippets) and for machines (JSON).

mod excerpt;
pub mod formats;
mod human;
mod json;

pub use human::{HumanReporter, summary_line};
pub use json::{PrettyArray, json_items, json_report};
