//! `docs/limits.md` says what the code does: every limit of `src/limits.rs` is on the page,
//! and each number on the page is the one the code uses.

use charter::build::worker::{DEFAULT_MEGABYTES, DEFAULT_SECONDS};
use charter::limits::*;
use charter::preview::server::{BYTES_IN_FLIGHT, CONNECTION_TIME, CONNECTIONS, HEAD_BYTES};

use crate::root;

const MB: u64 = 1024 * 1024;

#[test]
fn the_limits_page_names_every_limit_with_its_value() {
    let page = std::fs::read_to_string(root().join("docs/limits.md")).unwrap();
    let source = std::fs::read_to_string(root().join("src/limits.rs")).unwrap();
    for line in source.lines() {
        if let Some(rest) = line.strip_prefix("pub const ") {
            let name = rest.split(':').next().unwrap();
            assert!(
                page.contains(&format!("`{name}`")),
                "docs/limits.md does not name {name}"
            );
        }
    }
    let thousands = |n: u64| {
        let digits = n.to_string();
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(',');
            }
            out.push(c);
        }
        out
    };
    let values = [
        ("CHARTER_BYTES", format!("{} kB", CHARTER_BYTES / 1024)),
        ("MAX_DEPTH", format!("{} levels", charter::yaml::MAX_DEPTH)),
        (
            "VALUE_CHARS",
            format!("{} characters", thousands(VALUE_CHARS as u64)),
        ),
        ("COLUMNS", format!("{COLUMNS} columns")),
        ("LOGO_BYTES", format!("{} MB", LOGO_BYTES / MB)),
        (
            "LOGO_SIDE",
            format!("{} pixels a side", thousands(LOGO_SIDE.into())),
        ),
        (
            "LOGO_PIXELS",
            format!("{} million pixels", LOGO_PIXELS / 1_000_000),
        ),
        ("THEME_FILE_BYTES", format!("{} MB", THEME_FILE_BYTES / MB)),
        (
            "THEME_FILES",
            format!("{} files", thousands(THEME_FILES as u64)),
        ),
        ("THEME_BYTES", format!("{} MB in all", THEME_BYTES / MB)),
        ("FONT_BYTES", format!("{} MB", FONT_BYTES / MB)),
        (
            "FONT_PATH_BYTES",
            format!("{} GB", FONT_PATH_BYTES / 1024 / MB),
        ),
        ("CONFIG_BYTES", format!("{} MB", CONFIG_BYTES / MB)),
        ("RECORD_BYTES", format!("{} MB", RECORD_BYTES / MB)),
        ("OUTPUT_BYTES", format!("{} MB", OUTPUT_BYTES / MB)),
        ("DEFAULT_SECONDS", format!("{DEFAULT_SECONDS} s")),
        ("DEFAULT_MEGABYTES", format!("{DEFAULT_MEGABYTES} MB")),
        ("HEAD_BYTES", format!("{} kB", HEAD_BYTES / 1024)),
        ("CONNECTIONS", format!("{CONNECTIONS}")),
        (
            "CONNECTION_TIME",
            format!("{} s", CONNECTION_TIME.as_secs()),
        ),
        ("BYTES_IN_FLIGHT", format!("{BYTES_IN_FLIGHT} MB")),
        (
            "PREVIOUS_REPORT_BYTES",
            format!("{} MB", PREVIOUS_REPORT_BYTES / MB),
        ),
        (
            "MAX_LINE",
            format!("{} kB", charter::register::csv::MAX_LINE / 1024),
        ),
        (
            "HEADING_WITHIN",
            format!(
                "the first {} lines",
                charter::register::scan::HEADING_WITHIN
            ),
        ),
        (
            "MAX_BYTES",
            format!("{} MB", charter::register::sheet::MAX_BYTES / MB),
        ),
        (
            "MAX_UNZIPPED",
            format!(
                "unzipping to {} MB",
                charter::register::sheet::MAX_UNZIPPED / MB
            ),
        ),
        (
            "MAX_PROBLEMS",
            thousands(charter::register::scan::MAX_PROBLEMS as u64),
        ),
    ];
    for (name, value) in values {
        let row = page
            .lines()
            .find(|l| l.contains(&format!("`{name}`")))
            .unwrap_or_else(|| panic!("docs/limits.md does not name {name}"));
        assert!(
            row.contains(&value),
            "docs/limits.md: {name} is {value}, the page says:\n{row}"
        );
    }
}
