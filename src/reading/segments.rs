//! The parts of a value that gives one time or fee per case: one a line, or after `a)`,
//! `b)`, or between `;`, `|` and ` / `; and the words that name each case.

use super::{Phrase, Token, TokenKind, Words, any_phrase_at};

/// Whether `t` is one of `marks`.
pub(super) fn is_mark(t: Option<&Token>, marks: &[&str]) -> bool {
    t.is_some_and(|t| t.kind == TokenKind::Mark && marks.contains(&t.lower.as_str()))
}

/// A part of a value: tokens `start..end`.
pub(super) struct Segment {
    pub start: usize,
    pub end: usize,
    /// The enumerator that opens it (`a)`), if any.
    enumerator: Option<(usize, usize)>,
}

impl Segment {
    /// Whether tokens `start..end` lie in this segment.
    pub fn holds(&self, start: usize, end: usize) -> bool {
        start >= self.start && end <= self.end
    }

    /// The words that name this case, and whether they came after its value (the words
    /// after a value are otherwise its qualifier): the words before the value, without
    /// those of `skip` just before it ("Regional Office: within 1 working day" is the case
    /// "Regional Office"); else the words after it ("7 days for the current year"); else
    /// the enumerator (`a`). Empty when none has a letter or a figure (`•`).
    pub fn label(
        &self,
        text: &str,
        tokens: &[Token],
        used: (usize, usize),
        skip: fn(&Words) -> &[Phrase],
    ) -> (String, bool) {
        let from = self.enumerator.map_or(self.start, |(_, e)| e);
        let mut cut = used.0;
        while let Some(n) = (1..=4).find(|&n| {
            cut >= from + n && any_phrase_at(tokens, cut - n, skip).is_some_and(|(len, _)| len == n)
        }) {
            cut -= n;
        }
        let before = clean_label(&written(text, tokens, from, cut));
        if !before.is_empty() {
            return (before, false);
        }
        let after = clean_label(&written(text, tokens, used.1, self.end));
        if !after.is_empty() {
            return (after, true);
        }
        let enumerator = self
            .enumerator
            .map(|(a, b)| clean_label(&written(text, tokens, a, b)))
            .unwrap_or_default();
        (enumerator, false)
    }
}

/// A case's name without the marks around it (`:`, `-`, `=`, a bracket left open by the
/// value it named), or nothing when it has no letter or figure (`•`).
fn clean_label(words: &str) -> String {
    clean(words, true)
}

/// `clean_label`, and for a label also the brackets around the whole of it: `(simple)` names
/// the case "simple", while a qualifier keeps them: `(a month)`.
fn clean(words: &str, unwrap: bool) -> String {
    let edge = |c: char| {
        c.is_whitespace() || matches!(c, ':' | ',' | '-' | '–' | '.' | ';' | '/' | '=' | '•' | '*')
    };
    let mut label = words.trim_matches(edge).to_owned();
    loop {
        let opens = label.matches('(').count();
        let closes = label.matches(')').count();
        let before = label.len();
        if unwrap && label.starts_with('(') && label.ends_with(')') && opens == 1 && closes == 1 {
            label = label[1..label.len() - 1].to_owned();
        } else if label.ends_with('(') || (label.ends_with(')') && closes > opens) {
            label.pop();
        } else if label.starts_with(')') || (label.starts_with('(') && opens > closes) {
            label.remove(0);
        }
        label = label.trim_matches(edge).to_owned();
        if label.len() == before {
            break;
        }
    }
    if label.chars().any(char::is_alphanumeric) {
        label
    } else {
        String::new()
    }
}

/// Letters and Roman numerals that enumerate cases: `a)`, `(b)`, `ii)`.
fn enumerator_at(tokens: &[Token], i: usize) -> Option<usize> {
    let open = usize::from(is_mark(tokens.get(i), &["("]));
    let word = tokens.get(i + open)?;
    let is_label = word.kind == TokenKind::Word
        && (word.lower.len() == 1 && word.lower.chars().all(|c| c.is_ascii_alphabetic())
            || matches!(word.lower.as_str(), "ii" | "iii" | "iv" | "vi" | "vii"));
    (is_label && is_mark(tokens.get(i + open + 1), &[")"])).then_some(open + 2)
}

/// The parts of a value: split at line breaks, `;`, `|`, ` / ` (with spaces: `walk-in/phone`
/// is one case) and at enumerators when there are two or more.
pub(super) fn segments(text: &str, tokens: &[Token]) -> Vec<Segment> {
    // `a)` is an enumerator at the start or after a blank, not inside a word (`Month)`).
    let enumerators: Vec<(usize, usize)> = (0..tokens.len())
        .filter(|&i| i == 0 || text[..tokens[i].start].ends_with(char::is_whitespace))
        .filter_map(|i| enumerator_at(tokens, i).map(|len| (i, i + len)))
        .collect();
    let use_enumerators = enumerators.len() >= 2;
    let mut enumerators = enumerators.into_iter().peekable();
    let mut out = Vec::new();
    let mut start = 0;
    let mut enumerator = None;
    for (i, t) in tokens.iter().enumerate() {
        let spaced_slash = t.lower == "/"
            && i > 0
            && text[..t.start].ends_with(char::is_whitespace)
            && text[t.end..].starts_with(char::is_whitespace);
        if t.kind == TokenKind::Break || is_mark(Some(t), &[";", "|"]) || spaced_slash {
            if i > start {
                out.push(Segment {
                    start,
                    end: i,
                    enumerator,
                });
            }
            start = i + 1;
            enumerator = None;
            continue;
        }
        while enumerators.next_if(|(a, _)| *a < i).is_some() {}
        if use_enumerators && let Some((a, b)) = enumerators.next_if(|(a, _)| *a == i) {
            if i > start {
                out.push(Segment {
                    start,
                    end: i,
                    enumerator,
                });
            }
            start = i;
            enumerator = Some((a, b));
        }
    }
    if start < tokens.len() {
        out.push(Segment {
            start,
            end: tokens.len(),
            enumerator,
        });
    }
    out
}

/// The segments of `text` that hold mentions (each given by its tokens `start..end`), with
/// the indices of the mentions each holds.
pub(super) fn with_mentions(
    text: &str,
    tokens: &[Token],
    mentions: &[(usize, usize)],
) -> Vec<(Segment, Vec<usize>)> {
    // Both are in text order: one pass over each.
    let mut next = 0;
    let mut out = Vec::new();
    for segment in segments(text, tokens) {
        while next < mentions.len() && mentions[next].0 < segment.start {
            next += 1;
        }
        let mut inside = Vec::new();
        while next < mentions.len() && segment.holds(mentions[next].0, mentions[next].1) {
            inside.push(next);
            next += 1;
        }
        if !inside.is_empty() {
            out.push((segment, inside));
        }
    }
    out
}

/// The tokens `from..to` of `text`, as written.
pub(super) fn written(text: &str, tokens: &[Token], from: usize, to: usize) -> String {
    if from >= to {
        return String::new();
    }
    text[tokens[from].start..tokens[to - 1].end].to_owned()
}

/// The words after a value up to `end`, without the marks around them: a qualifier.
pub(super) fn rest(text: &str, tokens: &[Token], from: usize, end: usize) -> Option<String> {
    let q = clean(&written(text, tokens, from, end), false);
    (!q.is_empty()).then_some(q)
}
