//! Charters with the characters that text pasted from Word or a web page carries, made on
//! the fly for the fault tests (`tests/it/faults.rs`).

/// Characters that text pasted from Word or a web page carries, which look like spaces or
/// line breaks but are not either to YAML.
pub const PASTED: &[(&str, char)] = &[
    ("nbsp", '\u{00A0}'),
    ("nel", '\u{0085}'),
    ("line-separator", '\u{2028}'),
    ("paragraph-separator", '\u{2029}'),
    ("ideographic-space", '\u{3000}'),
    ("zero-width-space", '\u{200B}'),
    ("bom", '\u{FEFF}'),
    ("carriage-return", '\r'),
];

/// `charter` with each pasted character in every kind of place: a line of its own,
/// indentation, inside a key, after a value, before a colon, at the start and the end of
/// the file, the whole file. Returns (file name, text).
pub fn pasted_charters(charter: &str) -> Vec<(String, String)> {
    let mut files = Vec::new();
    for (name, c) in PASTED {
        let c = c.to_string();
        let places = [
            (
                "own-line",
                charter.replacen("\ntitle:", &format!("\n{c}\ntitle:"), 1),
            ),
            ("blank-line", charter.replace("\n\n", &format!("\n{c}\n"))),
            (
                "indent",
                charter.replacen("\n  name:", &format!("\n{c} name:"), 1),
            ),
            (
                "indent-after",
                charter.replacen("\n  name:", &format!("\n {c}name:"), 1),
            ),
            (
                "in-key",
                charter.replacen("\ntitle:", &format!("\nti{c}tle:"), 1),
            ),
            (
                "before-colon",
                charter.replacen("\ntitle:", &format!("\ntitle{c}:"), 1),
            ),
            (
                "after-value",
                charter.replace("working day", &format!("working day{c}")),
            ),
            (
                "in-list",
                charter.replacen("  - Integrity", &format!("  -{c}Integrity"), 1),
            ),
            ("start", format!("{c}{charter}")),
            ("end", format!("{charter}{c}")),
            ("only", c.clone()),
            ("lines", format!("{c}\n{c}\n")),
        ];
        for (place, text) in places {
            files.push((format!("{name}-{place}.yaml"), text));
        }
    }
    files
}
