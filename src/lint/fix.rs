//! Applying safe fixes to a charter's text, and proving them before anything is written.
//!
//! A fix says which scalar to change and the value it should hold; how to write that value
//! in YAML is decided here, from how the scalar is written (plain, quoted, or a `|`/`>`
//! block, whose span runs to the next key: replacing it whole once joined that key into
//! the value). Then the fixed text is read again and compared with the original, node by
//! node: the only difference allowed is the fixed scalars, holding exactly their new
//! values, and the charter must load as well as it did. A fix that fails the proof is not
//! applied, and is reported.

use std::collections::HashMap;

use crate::lint::Fix;
use crate::source::SourceFile;
use crate::span::Span;
use crate::yaml::{self, Node, NodeKind};

/// The outcome of fixing one file's text.
#[derive(Debug)]
pub struct Fixed {
    /// The text with every proven fix applied (the original when none was).
    pub text: String,
    /// How many fixes were applied.
    pub applied: usize,
    /// Fixes not applied, with why: each a bug in a rule or here, never the author's.
    pub refused: Vec<(Span, String)>,
}

/// Applies every fix that does not overlap an earlier one and that survives the proof.
pub fn apply(text: &str, fixes: &[&Fix]) -> Fixed {
    let mut sorted: Vec<&Fix> = fixes.to_vec();
    sorted.sort_by_key(|f| (f.span.offset, f.span.len));
    sorted.dedup_by(|a, b| a.span == b.span && a.value == b.value);
    let mut candidates = Vec::new();
    let mut refused = Vec::new();
    let mut at = 0;
    for fix in sorted {
        if fix.span.offset < at || text.get(fix.span.offset..fix.span.end()).is_none() {
            refused.push((fix.span, "it overlaps another fix".to_owned()));
            continue;
        }
        at = fix.span.end();
        candidates.push(fix);
    }
    let Ok(original) = yaml::parse(&SourceFile::new("", text)) else {
        refused.extend(
            candidates
                .iter()
                .map(|f| (f.span, "the file is not valid YAML".to_owned())),
        );
        return Fixed {
            text: text.to_owned(),
            applied: 0,
            refused,
        };
    };
    let valid_before = crate::load::load_source(SourceFile::new("", text)).is_valid();
    let attempt = |fixes: &[&Fix]| -> Result<String, String> {
        let edited = edit(text, fixes)?;
        prove(&original.root, &edited, fixes, valid_before)?;
        Ok(edited)
    };
    // All together, which is what happens almost always; else each on its own, and the
    // ones that pass together again.
    let (text, applied) = match attempt(&candidates) {
        Ok(edited) => (edited, candidates.len()),
        Err(_) => {
            let mut good = Vec::new();
            for fix in candidates {
                match attempt(&[fix]) {
                    Ok(_) => good.push(fix),
                    Err(why) => refused.push((fix.span, why)),
                }
            }
            match attempt(&good) {
                Ok(edited) => (edited, good.len()),
                Err(why) => {
                    refused.extend(good.iter().map(|f| (f.span, why.clone())));
                    (text.to_owned(), 0)
                }
            }
        }
    };
    refused.sort_by_key(|(span, _)| span.offset);
    Fixed {
        text,
        applied,
        refused,
    }
}

/// The text with each fix's scalar rewritten to hold its value.
fn edit(text: &str, fixes: &[&Fix]) -> Result<String, String> {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for fix in fixes {
        let (span, replacement) = rewrite(text, fix)?;
        out.push_str(&text[at..span.offset]);
        out.push_str(&replacement);
        at = span.end();
    }
    out.push_str(&text[at..]);
    Ok(out)
}

/// What to write, and over which bytes, so that the scalar at `fix.span` holds
/// `fix.value`, in the style it was written in where that can hold the value.
fn rewrite(text: &str, fix: &Fix) -> Result<(Span, String), String> {
    if fix.value.contains(['\n', '\r']) {
        return Err("its new value spans lines".to_owned());
    }
    let raw = &text[fix.span.offset..fix.span.end()];
    if let Some((header, comment)) = block_header(text, fix.span.offset) {
        // A block scalar: the reader's span starts at its first line of text and runs
        // over the line breaks after it, up to the next key. The value is written where
        // the `|` or `>` was, the line break stays, and so does a comment after the `|`.
        let kept = raw.trim_end_matches([' ', '\t', '\r', '\n']);
        let mut replacement = flow_scalar(&fix.value);
        if let Some(comment) = comment {
            replacement.push_str("  ");
            replacement.push_str(comment);
        }
        let end = fix.span.offset + kept.len();
        return Ok((Span::new(header, end - header), replacement));
    }
    let replacement = if raw.starts_with('"') {
        double_quoted(&fix.value)
    } else if raw.starts_with('\'') {
        format!("'{}'", fix.value.replace('\'', "''"))
    } else {
        // Plain, perhaps over several lines: one line now, quoted if it must be.
        flow_scalar(&fix.value)
    };
    Ok((fix.span, replacement))
}

/// When the scalar whose text starts at `offset` is a `|` or `>` block, where its
/// indicator is, and the comment after it. Its text starts a line; the first line above
/// it with anything on it ends with the indicator (`|`, `>-`, `|2+`…).
fn block_header(text: &str, offset: usize) -> Option<(usize, Option<&str>)> {
    let before = &text[..offset];
    let line_start = before.rfind(['\n', '\r']).map_or(0, |i| i + 1);
    if !before[line_start..].chars().all(|c| c == ' ' || c == '\t') || line_start == 0 {
        return None;
    }
    let lines = crate::lines::LineIndex::new(before);
    let mut at = lines.line_of(line_start.saturating_sub(1));
    loop {
        let range = lines.line_range(at);
        let line = &before[range.clone()];
        if !line.trim_matches([' ', '\t']).is_empty() {
            let (code, comment) = match line.find(" #").or_else(|| line.find("\t#")) {
                Some(cut) => (&line[..cut], Some(line[cut..].trim_start())),
                None => (line, None),
            };
            let code = code.trim_end_matches([' ', '\t']);
            let token_start = code.rfind([' ', '\t']).map_or(0, |i| i + 1);
            let token = &code[token_start..];
            let indicator = token.starts_with(['|', '>'])
                && token[1..]
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == '+' || c == '-');
            return indicator.then_some((range.start + token_start, comment));
        }
        at = at.checked_sub(1)?;
    }
}

/// A scalar that can stand after `key: ` or `- `, or inside `[ ]` and `{ }`: plain when
/// YAML reads it back as the same text, else double-quoted.
fn flow_scalar(value: &str) -> String {
    let plain = !value.is_empty()
        && value.trim() == value
        && !value
            .starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@`+.~".contains(c) || c.is_ascii_digit())
        && !value.contains([',', '[', ']', '{', '}', '#', ':', '\t'])
        && !value.chars().any(char::is_control)
        && !matches!(
            value.to_ascii_lowercase().as_str(),
            "true" | "false" | "null" | "yes" | "no" | "on" | "off"
        );
    if plain {
        value.to_owned()
    } else {
        double_quoted(value)
    }
}

/// A YAML double-quoted scalar: JSON's string syntax is valid YAML.
fn double_quoted(value: &str) -> String {
    serde_json::to_string(value).expect("a string serialises")
}

/// Checks that `edited` reads as the same tree as `original` except the fixed scalars,
/// which hold exactly their new values, and that the charter loads no worse.
fn prove(original: &Node, edited: &str, fixes: &[&Fix], valid_before: bool) -> Result<(), String> {
    let edited_source = SourceFile::new("", edited);
    let tree = yaml::parse(&edited_source)
        .map_err(|_| "the fixed file would not be valid YAML".to_owned())?;
    let wanted: HashMap<Span, &str> = fixes.iter().map(|f| (f.span, f.value.as_str())).collect();
    let mut seen = 0;
    same_except(original, &tree.root, &wanted, &mut seen, "the charter")?;
    if seen != wanted.len() {
        return Err("it does not change a single value of the charter".to_owned());
    }
    if valid_before && !crate::load::load_source(edited_source).is_valid() {
        return Err("the fixed charter would no longer be valid".to_owned());
    }
    Ok(())
}

fn same_except(
    old: &Node,
    new: &Node,
    wanted: &HashMap<Span, &str>,
    seen: &mut usize,
    place: &str,
) -> Result<(), String> {
    if let Some(value) = wanted.get(&old.span) {
        *seen += 1;
        return match (&old.kind, &new.kind) {
            (NodeKind::Scalar(_), NodeKind::Scalar(s)) if s.text() == *value => Ok(()),
            (NodeKind::Scalar(_), _) => Err(format!("{place} would not read as `{value}`")),
            _ => Err(format!("{place} is not a single value")),
        };
    }
    let changed = || Err(format!("{place} would change"));
    match (&old.kind, &new.kind) {
        (NodeKind::Null, NodeKind::Null) => Ok(()),
        (NodeKind::Scalar(a), NodeKind::Scalar(b)) if a == b => Ok(()),
        (NodeKind::Seq(a), NodeKind::Seq(b)) if a.len() == b.len() => {
            for (index, (a, b)) in a.iter().zip(b).enumerate() {
                same_except(
                    a,
                    b,
                    wanted,
                    seen,
                    &format!("item {} of {place}", index + 1),
                )?;
            }
            Ok(())
        }
        (NodeKind::Map(a), NodeKind::Map(b)) if a.len() == b.len() => {
            for ((ka, a), (kb, b)) in a.iter().zip(b) {
                if ka.name != kb.name {
                    return changed();
                }
                same_except(a, b, wanted, seen, &format!("`{}`", ka.name))?;
            }
            Ok(())
        }
        _ => changed(),
    }
}

/// A unified diff of a file before and after fixing, as `diff -u` prints it.
pub fn unified_diff(name: &str, before: &str, after: &str) -> String {
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(2)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix_at(text: &str, needle: &str, value: &str) -> Fix {
        let offset = text.find(needle).unwrap();
        Fix {
            span: Span::new(offset, needle.len()),
            value: value.into(),
        }
    }

    /// The value's span as the YAML reader gives it, for block scalars whose span is the
    /// reader's to say.
    fn fix_of(text: &str, key: &str, value: &str) -> Fix {
        let doc = yaml::parse(&SourceFile::new("", text)).unwrap();
        fn find(node: &Node, key: &str) -> Option<Span> {
            match &node.kind {
                NodeKind::Map(entries) => entries.iter().find_map(|(k, v)| {
                    if k.name == key {
                        Some(v.span)
                    } else {
                        find(v, key)
                    }
                }),
                NodeKind::Seq(items) => items.iter().find_map(|n| find(n, key)),
                _ => None,
            }
        }
        Fix {
            span: find(&doc.root, key).unwrap(),
            value: value.into(),
        }
    }

    #[test]
    fn plain_and_quoted_values_keep_their_style() {
        let text = "a: Nil\nb: \"Nil\"\nc: 'Nil'\nd: [Nil, x]\n";
        let in_list = text.find("[Nil").unwrap() + 1;
        let fixes = [
            fix_of(text, "a", "Free"),
            fix_of(text, "b", "Free"),
            fix_of(text, "c", "it's free"),
            Fix {
                span: Span::new(in_list, 3),
                value: "Free, or not".into(),
            },
        ];
        let fixes: Vec<&Fix> = fixes.iter().collect();
        let fixed = apply(text, &fixes);
        assert_eq!(fixed.refused, []);
        assert_eq!(
            fixed.text,
            "a: Free\nb: \"Free\"\nc: 'it''s free'\nd: [\"Free, or not\", x]\n"
        );
    }

    /// The report's reproducer: a block scalar's span runs to the next key.
    #[test]
    fn a_block_scalar_is_replaced_without_joining_the_next_key() {
        let text = "fee: |\n  Nil\ntimeline: 14 working days\n";
        let fix = fix_of(text, "fee", "Free");
        let fixed = apply(text, &[&fix]);
        assert_eq!(fixed.text, "fee: Free\ntimeline: 14 working days\n");
        assert_eq!(fixed.applied, 1);

        let text = "phones:\n  - >-\n    0712 345 678\n  # a note\nemails: [a@b.ke]\n";
        let phone = match &yaml::parse(&SourceFile::new("", text)).unwrap().root.kind {
            NodeKind::Map(e) => match &e[0].1.kind {
                NodeKind::Seq(items) => items[0].span,
                _ => unreachable!(),
            },
            _ => unreachable!(),
        };
        let fix = Fix {
            span: phone,
            value: "+254 712 345678".into(),
        };
        let fixed = apply(text, &[&fix]);
        assert_eq!(fixed.refused, []);
        assert_eq!(
            fixed.text,
            "phones:\n  - \"+254 712 345678\"\n  # a note\nemails: [a@b.ke]\n"
        );

        let text = "fee: |  # as written\n  Nil\ntimeline: 1 day\n";
        let fix = fix_of(text, "fee", "Free");
        assert_eq!(
            apply(text, &[&fix]).text,
            "fee: Free  # as written\ntimeline: 1 day\n"
        );
    }

    /// A fix whose edit would change anything else is refused, with why.
    #[test]
    fn a_fix_that_changes_more_than_its_value_is_refused() {
        let text = "a: Nil\nb: 1\n";
        // A span that swallows the next key, as the block scalar bug did.
        let fix = Fix {
            span: Span::new(3, 5),
            value: "Free".into(),
        };
        let good = fix_at(text, "1", "2");
        let fixed = apply(text, &[&fix, &good]);
        assert_eq!(fixed.text, "a: Nil\nb: \"2\"\n");
        assert_eq!(fixed.applied, 1);
        assert_eq!(fixed.refused.len(), 1, "{:?}", fixed.refused);
    }

    #[test]
    fn overlapping_fixes_apply_once() {
        let text = "fee1: Nil\n";
        let fixes = [fix_at(text, "Nil", "Free"), fix_at(text, "il", "x")];
        let refs: Vec<&Fix> = fixes.iter().collect();
        let fixed = apply(text, &refs);
        assert_eq!(fixed.text, "fee1: Free\n");
        assert_eq!(fixed.refused.len(), 1);
    }
}
