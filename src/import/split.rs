//! Reading a cell's text the way a person does: the list marks typed before items, a
//! number before a service's name, and requirements given as bullets, numbered lines or one
//! line with commas.

use super::document::Line;

/// The marks typed (or pasted from Word) before a list item.
const BULLETS: &[char] = &[
    '•', '●', '○', '◦', '▪', '■', '□', '➢', '➤', '►', '✓', '✔', '-', '–', '—', '*', '·', '⮚', '»',
    // Word's Symbol and Wingdings bullets, pasted as private-use characters.
    '\u{f0b7}', '\u{f0a7}', '\u{f0d8}', '\u{f076}', '\u{f0fc}',
];

/// A line without the list mark typed before it: a bullet, or a number or letter with `.`
/// or `)` ("1.", "2)", "(a)", "iv.").
pub fn strip_mark(text: &str) -> &str {
    let trimmed = text.trim_start();
    if let Some(rest) = trimmed.strip_prefix(BULLETS)
        && (rest.starts_with(char::is_whitespace) || !rest.starts_with(BULLETS))
    {
        return rest.trim_start();
    }
    match numbering(trimmed) {
        Some((_, rest)) => rest,
        None => trimmed,
    }
}

/// A number or letter that starts a line as a list mark, and the rest: `1.`, `1)`, `(1)`,
/// `1.2.`, `a)`, `(b)`, `iv.` followed by a space. A date or an amount ("1.5 million") is
/// not a mark: the mark ends in `.` or `)` and a space follows.
pub fn numbering(text: &str) -> Option<(&str, &str)> {
    let text = text.trim_start();
    let inner = text.strip_prefix('(').unwrap_or(text);
    let end = inner
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '.'))
        .map_or(inner.len(), |(i, _)| i);
    let (mark, rest) = inner.split_at(end);
    let closing = rest.strip_prefix(')');
    let (mark, rest) = match closing {
        Some(rest) => (mark, rest),
        None => match mark.strip_suffix('.') {
            Some(m) if !m.is_empty() => (m, rest),
            _ => return None,
        },
    };
    let is_number = !mark.is_empty()
        && mark
            .split('.')
            .all(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()));
    let is_letter = mark.len() == 1 && mark.bytes().all(|b| b.is_ascii_alphabetic());
    let is_roman = !mark.is_empty()
        && mark.len() <= 4
        && mark.bytes().all(|b| matches!(b, b'i' | b'v' | b'x'));
    if !(is_number || is_letter || is_roman) {
        return None;
    }
    if !rest.is_empty() && !rest.starts_with(char::is_whitespace) {
        return None;
    }
    Some((mark, rest.trim_start()))
}

/// A service number as the format holds it (`3`, `9.1.1`), from a cell or the start of a
/// name: `3.`, `(3)`, `3)` give `3`. `None` for letters and roman numerals.
pub fn service_number(text: &str) -> Option<String> {
    let t = text
        .trim()
        .trim_start_matches('(')
        .trim_end_matches([')', '.', ':']);
    let ok = !t.is_empty()
        && t.split('.')
            .all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()));
    ok.then(|| t.to_owned())
}

/// The requirements in a cell's lines: one per line (bulleted or numbered or not), or, for a
/// cell of one line, split at semicolons, or at commas when every part starts as an item
/// does (a capital or a figure: "Application form, Copy of ID, Passport photo"; but not
/// "Copy of ID, passport or birth certificate").
pub fn requirements(lines: &[Line]) -> Vec<String> {
    // Bullets typed in one line ("• Form • Copy of ID") start an item each.
    let items: Vec<String> = lines
        .iter()
        .flat_map(|l| typed_bullets(&l.text))
        .map(|t| strip_mark(t).to_owned())
        .filter(|t| !t.is_empty())
        .collect();
    if items.len() != 1 {
        return items;
    }
    let line = &items[0];
    if line.contains(';') {
        let parts: Vec<String> = line
            .split(';')
            .map(|p| strip_mark(p.trim()).trim_end_matches('.').trim().to_owned())
            .filter(|p| !p.is_empty())
            .collect();
        if parts.len() > 1 {
            return parts;
        }
    }
    let parts = outside_brackets(line);
    let each_an_item = parts.len() > 1
        && parts
            .iter()
            .all(|p| p.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()));
    if each_an_item {
        return parts;
    }
    items
}

/// A line cut before each bullet typed in it, when it has two or more.
fn typed_bullets(line: &str) -> Vec<&str> {
    const TYPED: &[char] = &['•', '●', '▪', '➢', '►', '\u{f0b7}'];
    if line.matches(TYPED).count() < 2 {
        return vec![line];
    }
    let mut parts = Vec::new();
    let mut start = 0;
    for (at, _) in line.match_indices(TYPED) {
        if at > start && !line[start..at].trim().is_empty() {
            parts.push(line[start..at].trim());
        }
        start = at;
    }
    parts.push(line[start..].trim());
    parts
}

/// A line cut at its commas, but not those inside brackets ("Sale agreement (3 copies,
/// signed), Transfer forms").
fn outside_brackets(line: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut depth = 0i32;
    let mut current = String::new();
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            ',' if depth == 0 && chars.peek() == Some(&' ') => {
                parts.push(current.trim().to_owned());
                current.clear();
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    parts.push(current.trim().to_owned());
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(texts: &[&str]) -> Vec<Line> {
        texts.iter().map(|t| Line::plain(*t)).collect()
    }

    #[test]
    fn list_marks_are_left_out() {
        assert_eq!(strip_mark("• Copy of ID"), "Copy of ID");
        assert_eq!(strip_mark("1. Copy of ID"), "Copy of ID");
        assert_eq!(strip_mark("(a) Copy of ID"), "Copy of ID");
        assert_eq!(strip_mark("iv) Copy of ID"), "Copy of ID");
        assert_eq!(strip_mark("- Copy"), "Copy");
        assert_eq!(strip_mark("1.5 million shillings"), "1.5 million shillings");
        assert_eq!(strip_mark("2025-07-01 deadline"), "2025-07-01 deadline");
        assert_eq!(strip_mark("Immigration Act."), "Immigration Act.");
        assert_eq!(strip_mark("Dr. Mwangi"), "Dr. Mwangi");
    }

    #[test]
    fn service_numbers_are_read() {
        assert_eq!(service_number("3."), Some("3".into()));
        assert_eq!(service_number("(12)"), Some("12".into()));
        assert_eq!(service_number("9.1.1"), Some("9.1.1".into()));
        assert_eq!(service_number("a)"), None);
        assert_eq!(service_number("Issuance"), None);
    }

    #[test]
    fn requirements_are_split_as_a_person_reads_them() {
        assert_eq!(requirements(&lines(&["• Form", "• ID"])), ["Form", "ID"]);
        assert_eq!(requirements(&lines(&["1. Form", "2. ID"])), ["Form", "ID"]);
        assert_eq!(
            requirements(&lines(&["Form; copy of ID."])),
            ["Form", "copy of ID"]
        );
        assert_eq!(
            requirements(&lines(&["Application form, Copy of ID, Passport photo"])),
            ["Application form", "Copy of ID", "Passport photo"]
        );
        assert_eq!(
            requirements(&lines(&["Copy of ID, passport or birth certificate"])),
            ["Copy of ID, passport or birth certificate"]
        );
        assert!(requirements(&lines(&[])).is_empty());
        assert_eq!(
            requirements(&lines(&["• Duly filled form • Five (5) copies of plans"])),
            ["Duly filled form", "Five (5) copies of plans"]
        );
        assert_eq!(
            requirements(&lines(&[
                "Sale agreement (3 copies, signed), Transfer forms, ID"
            ])),
            ["Sale agreement (3 copies, signed)", "Transfer forms", "ID"]
        );
    }
}
