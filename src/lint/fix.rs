//! Applying safe fixes to a charter's text.

use crate::lint::Fix;

/// Applies every fix that does not overlap an earlier one; returns the new text and how
/// many fixes were applied.
pub fn apply(text: &str, fixes: &[&Fix]) -> (String, usize) {
    let mut sorted: Vec<&Fix> = fixes.to_vec();
    sorted.sort_by_key(|f| (f.span.offset, f.span.len));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    let mut applied = 0;
    for fix in sorted {
        if fix.span.offset < at || fix.span.end() > text.len() {
            continue;
        }
        out.push_str(&text[at..fix.span.offset]);
        out.push_str(&fix.replacement);
        at = fix.span.end();
        applied += 1;
    }
    out.push_str(&text[at..]);
    (out, applied)
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
    use crate::yaml::Span;

    #[test]
    fn applies_non_overlapping_fixes() {
        let fixes = [
            Fix {
                span: Span::new(6, 3),
                replacement: "Free".into(),
            },
            Fix {
                span: Span::new(0, 5),
                replacement: "price".into(),
            },
            Fix {
                span: Span::new(7, 1),
                replacement: "x".into(),
            },
        ];
        let refs: Vec<&Fix> = fixes.iter().collect();
        assert_eq!(apply("fee1: Nil\n", &refs), ("price Free\n".to_owned(), 2));
    }
}
