//! Suppressing a finding in the charter itself, next to the value it excuses:
//!
//! ```yaml
//! timeline: {text: Muda halisi}   # charter: allow timeline-not-measurable -- events have no fixed time
//! # charter: allow T003 -- the county counts every day
//! timeline: Ndani ya siku 7
//! ```
//!
//! A trailing comment covers its own line; a comment alone on a line covers the next line
//! with content; comments at the very top of the file, before any content, cover findings
//! about the whole charter. A line that holds only a key (`name:`, `- name:`, `fee: >-`)
//! passes its comment on to the value under it, so a comment above `name:` excuses a
//! finding on its `en:` line. The rule is named by code or name, and a reason follows `--`.
//! A suppression that excuses nothing is itself reported, so stale ones do not pile up.

use crate::span::Span;

const MARKER: &str = "charter: allow";

/// One rule named in a suppression comment.
#[derive(Clone, Debug)]
pub struct SuppressedRule {
    pub name: String,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Suppression {
    /// The line it covers (1-based); 0 for the whole charter.
    pub line: usize,
    /// The last line it covers: `line`, or the value's first line when `line` holds only a
    /// key.
    pub until: usize,
    pub rules: Vec<SuppressedRule>,
    pub reason: Option<String>,
    /// The comment, for reporting it.
    pub span: Span,
}

/// Whether a line holds a key and nothing after it but a block indicator: `name:`,
/// `- name:`, `fee: >-`.
fn only_a_key(line: &str) -> bool {
    let content = comment_start(line).map_or(line, |c| &line[..c]).trim();
    let content = content.strip_prefix("- ").unwrap_or(content).trim();
    let Some((key, rest)) = content.split_once(':') else {
        return false;
    };
    !key.is_empty()
        && !key.contains(['{', '[', '"', '\''])
        && matches!(rest.trim(), "" | ">" | ">-" | ">+" | "|" | "|-" | "|+")
}

/// Finds the suppression comments in a charter's text.
pub fn parse(text: &str) -> Vec<Suppression> {
    let mut out = Vec::new();
    let mut pending: Vec<Suppression> = Vec::new();
    let mut seen_content = false;
    let lines = crate::lines::LineIndex::new(text);
    for index in 0..lines.len() {
        let number = index + 1;
        let range = lines.line_range(index);
        let (offset, line) = (range.start, &text[range]);
        let comment_at = comment_start(line);
        // White space as YAML means it: a non-breaking space is content.
        let content = comment_at
            .map_or(line, |c| &line[..c])
            .trim_matches([' ', '\t']);
        if let Some(c) = comment_at
            && let Some(found) = parse_comment(&line[c..], offset + c)
        {
            if content.is_empty() {
                pending.push(Suppression {
                    line: if seen_content { usize::MAX } else { 0 },
                    ..found
                });
            } else {
                out.push(Suppression {
                    line: number,
                    ..found
                });
            }
        }
        if !content.is_empty() {
            for mut p in pending.drain(..) {
                if p.line == usize::MAX {
                    p.line = number;
                }
                out.push(p);
            }
            seen_content = true;
        }
    }
    // Comments at the end of the file cover nothing; keep them so they are reported.
    out.extend(pending.into_iter().map(|p| Suppression {
        line: if p.line == usize::MAX { usize::MAX } else { 0 },
        ..p
    }));
    for s in &mut out {
        s.until = s.line;
        if s.line == 0 || s.line == usize::MAX {
            continue;
        }
        // Over lines that hold only a key, to the value under them.
        let mut at = s.line;
        while at <= lines.len() && only_a_key(&text[lines.line_range(at - 1)]) {
            match (at + 1..=lines.len()).find(|&n| {
                let line = &text[lines.line_range(n - 1)];
                let content = comment_start(line).map_or(line, |c| &line[..c]);
                !content.trim().is_empty()
            }) {
                Some(next) => at = next,
                None => break,
            }
        }
        s.until = at;
    }
    out
}

/// Where a YAML comment starts on a line: a `#` at the start or after a space or tab,
/// outside quotes.
fn comment_start(line: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    let mut previous = ' ';
    for (i, c) in line.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c == '#' && matches!(previous, ' ' | '\t') => return Some(i),
            None => {}
        }
        previous = c;
    }
    None
}

fn parse_comment(comment: &str, offset: usize) -> Option<Suppression> {
    let body = comment.trim_start_matches('#');
    let marker = body.find(MARKER)?;
    let after_start = comment.len() - body.len() + marker + MARKER.len();
    let rest = &comment[after_start..];
    let (names_part, reason) = match rest.split_once("--") {
        Some((names, reason)) => (
            names,
            Some(reason.trim().to_owned()).filter(|r| !r.is_empty()),
        ),
        None => (rest.trim_end_matches(['\n', '\r']), None),
    };
    let mut rules = Vec::new();
    let mut position = after_start;
    for part in names_part.split(',') {
        let name = part.trim();
        if !name.is_empty() {
            let start = position + part.find(name).unwrap_or(0);
            rules.push(SuppressedRule {
                name: name.to_owned(),
                span: Span::new(offset + start, name.len()),
            });
        }
        position += part.len() + 1;
    }
    Some(Suppression {
        line: 0,
        until: 0,
        rules,
        reason,
        span: Span::new(offset, comment.trim_end().len()),
    })
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn trailing_own_line_and_file_level() {
        let text = "# charter: allow undated -- no date in the original\nlanguages: [sw]\n\
                    fee: x # charter: allow F001, T001 -- real text\n\
                    # charter: allow T003\n\ntimeline: y\n";
        let s = parse(text);
        assert_eq!(s.len(), 3);
        assert_eq!(s[0].line, 0);
        assert_eq!(s[0].reason.as_deref(), Some("no date in the original"));
        assert_eq!(s[1].line, 3);
        let names: Vec<_> = s[1].rules.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["F001", "T001"]);
        assert_eq!(
            &text[s[1].rules[1].span.offset..s[1].rules[1].span.end()],
            "T001"
        );
        assert_eq!(s[2].line, 6);
        assert_eq!(s[2].reason, None);
    }

    #[test]
    fn hashes_inside_quotes_are_not_comments() {
        assert!(parse("name: \"Room #2 charter: allow T001\"\n").is_empty());
    }

    #[test]
    fn a_comment_above_a_key_reaches_the_value_under_it() {
        let text = "services:\n  # charter: allow M001 -- ok\n  - name:\n      en: A\n  - name: B # charter: allow M002 -- ok\n";
        let s = parse(text);
        assert_eq!((s[0].line, s[0].until), (3, 4));
        assert_eq!((s[1].line, s[1].until), (5, 5));
    }
}
