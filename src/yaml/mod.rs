//! The second stage: YAML text read into a [`Document`], a tree of nodes with spans.

mod node;

pub use node::{Key, MAX_DEPTH, Node, NodeKind, Scalar};

use crate::span::Span;

use crate::diagnostic::{Code, Diagnostic, clip};
use crate::source::SourceFile;

/// A parsed YAML document: the root node of the tree.
#[derive(Clone, Debug)]
pub struct Document {
    pub root: Node,
}

/// Reads a source file as YAML. Only the first syntax error can be reported: after it the
/// YAML reader cannot know what the author meant.
pub fn parse(source: &SourceFile) -> Result<Document, Box<Diagnostic>> {
    if is_blank(&source.text) {
        return Err(Box::new(
            Diagnostic::error(Code::EmptyFile, "this file is empty").with_hint(
                "a charter needs at least `languages:`, `title:` and `organization:`; \
                 run `charter new` to start from a commented example",
            ),
        ));
    }
    match node::parse_tree(&source.text) {
        Ok(root) => Ok(Document { root }),
        Err(err) => Err(Box::new(syntax_diagnostic(&source.text, &err))),
    }
}

/// True when the text has nothing but white space and comments.
fn is_blank(text: &str) -> bool {
    let lines = crate::lines::LineIndex::new(text);
    (0..lines.len()).all(|at| {
        let line = lines.line(at).trim_matches([' ', '\t']);
        line.is_empty() || line.starts_with('#') || line == "---" || line == "..."
    })
}

fn syntax_diagnostic(text: &str, err: &serde_saphyr::Error) -> Diagnostic {
    let span = err
        .location()
        .map(|loc| {
            let offset = loc
                .span()
                .byte_offset()
                .map(|o| o as usize)
                .unwrap_or_else(|| {
                    crate::lines::LineIndex::new(text)
                        .offset(loc.line() as usize, loc.column() as usize)
                });
            let len = loc.span().byte_len().map_or(0, |l| l as usize);
            crate::lines::clamp(text, offset, len)
        })
        .unwrap_or_default();
    match err.without_snippet() {
        serde_saphyr::Error::DuplicateMappingKey { key, .. } => {
            let key = key.as_deref().unwrap_or("this key");
            // `{en: KES 2,000, sw: KES 3,000}`: inside braces a comma starts a new key, so
            // the digits after a thousands separator become keys, given twice.
            let in_braces = text
                .get(..span.offset)
                .and_then(|before| before.rsplit('\n').next())
                .is_some_and(|line| line.contains('{'));
            let hint = if key.chars().all(|c| c.is_ascii_digit()) && in_braces {
                "inside `{ }` a comma starts a new key, so `2,000` reads as `2` and a key \
                 `000`: put a value with a comma in quotes, like `{en: \"KES 2,000\"}`"
            } else {
                "keep one of the two; a key may appear only once in the same block"
            };
            Diagnostic::error(
                Code::DuplicateKey,
                format!("`{}` is given twice", clip(key)),
            )
            .at(span, "given again here")
            .with_hint(hint)
        }
        other => {
            let (label, hint) = explain(&strip_location(&other.render()), text, span);
            Diagnostic::error(Code::YamlSyntax, "this is not valid YAML")
                .at(span, label)
                .with_hint(hint)
        }
    }
}

/// serde-saphyr appends " at line L, column C"; we show the position ourselves.
fn strip_location(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(cut) => message[..cut].to_owned(),
        None => message.to_owned(),
    }
}

/// The YAML reader's message for the commonest mistakes, turned into a label and a hint an
/// officer can act on; other messages are kept as they are.
fn explain(message: &str, text: &str, span: Span) -> (String, String) {
    let lines = crate::lines::LineIndex::new(text);
    let at = lines.line_of(span.offset);
    let line = lines.line(at);
    let next_line = lines.line(at + 1);
    let quote_hint = "put the value in quotes, like `title: \"Note: free\"`";
    // Word and web pages paste characters that look like spaces but are text to YAML: a
    // "blank" line of one non-breaking space joins the lines around it into one value, so
    // the reader stops on the line before it, on it, or on the one after.
    let near = [at.checked_sub(1), Some(at), Some(at + 1)];
    if let Some((number, c, name)) = near.into_iter().flatten().find_map(|number| {
        let (c, name) = lines
            .line(number)
            .chars()
            .find_map(|c| Some((c, crate::lines::invisible_name(c)?)))?;
        Some((number, c, name))
    }) {
        let holder = lines.line(number);
        let only = holder.chars().all(|x| x == c || x == ' ' || x == '\t');
        let what = if only {
            format!("holds only {name}, which YAML reads as text")
        } else {
            format!("holds {name}, which YAML does not count as a space")
        };
        let label = if number == at {
            format!("this line {what}")
        } else {
            format!("line {} {what}", number + 1)
        };
        return (
            label,
            format!(
                "{} (text pasted from Word or a web page often carries such characters; an \
                 editor's \"show invisibles\" option reveals them)",
                crate::lines::invisible_advice(c)
            ),
        );
    }
    if message.contains("tab") || line.contains('\t') || next_line.starts_with('\t') {
        return (
            "a tab is used for indentation here or on the next line".into(),
            "indent with spaces, not tabs (many editors show both the same)".into(),
        );
    }
    if message.contains("multiple YAML documents") {
        return (
            "a second document starts here".into(),
            "a file holds one charter: remove the `---` line, or put the second charter in its \
             own file"
                .into(),
        );
    }
    if message.contains("simple key expected") {
        // The reader says the same of `fee:free` and of `vision Land for all`.
        let content = line.trim_matches([' ', '\t']);
        let content = content.strip_prefix("- ").unwrap_or(content);
        let (key, value, label) = match content.split_once(':') {
            Some((key, value)) => (key, value, "a key without a space after its colon"),
            None => {
                let (key, value) = content.split_once([' ', '\t']).unwrap_or((content, ""));
                let label = "this line has no colon, so its key and value cannot be told apart";
                (key, value, label)
            }
        };
        let key = if key.is_empty() {
            "key".into()
        } else {
            clip(key)
        };
        let value = value.trim_matches([' ', '\t']);
        let short: String = value.chars().take(30).collect();
        let more = if short.len() < value.len() { "…" } else { "" };
        return (
            label.into(),
            format!(
                "write the key, a colon and a space, then the value: `{key}: {}{more}`",
                short.trim_end()
            ),
        );
    }
    let (label, hint) = if message.contains("mapping values are not allowed") {
        if line.matches(": ").count() > 1 {
            (
                "a second `: ` on one line: YAML cannot tell where the value ends",
                quote_hint,
            )
        } else {
            (
                "this line is indented differently from the lines above it",
                "keys of the same block must start in the same column",
            )
        }
    } else if message.contains("placement of ':'") || message.contains("unclosed bracket") {
        (
            "a `[` or `{` opened earlier is not closed",
            "close the list with `]` (or `}`) on the same line",
        )
    } else if message.contains("unclosed quote") || message.contains("quoted scalar") {
        (
            "a quote here or on a line above is not closed properly",
            "look at the quotes above this line: end each text with the quote mark it starts \
             with; an apostrophe inside '...' ends the text early, so use \"...\" around text \
             with an apostrophe (\"Citizens' Charter\")",
        )
    } else if message.contains("recursion limit") || message.contains("depth") {
        (
            "nested too deeply for a charter",
            "a charter needs only a few levels of indentation; check for a runaway `[` or `{`",
        )
    } else if message.contains("budget breached") {
        (
            "this file expands to far more values than a charter has",
            "remove the `&anchor` / `*alias` repetitions; a charter never needs them",
        )
    } else if message.contains("unexpected character") || message.contains("cannot start any token")
    {
        ("this character cannot start a value", quote_hint)
    } else {
        (
            message,
            "check the indentation of this line and the one before it, and that quotes and \
             brackets are closed",
        )
    };
    (label.to_owned(), hint.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_scalars_keep_their_text() {
        let doc = parse(&SourceFile::new(
            "t.yaml",
            "a: no\nb: 0712\nc: 1.50\nd: yes\n",
        ))
        .unwrap();
        let texts: Vec<_> = doc
            .root
            .as_map()
            .unwrap()
            .iter()
            .map(|(_, n)| n.as_scalar().unwrap().text().to_owned())
            .collect();
        assert_eq!(texts, ["no", "0712", "1.50", "yes"]);
    }

    #[test]
    fn blank_means_comments_only() {
        assert!(is_blank("# nothing\n\n---\n"));
        assert!(!is_blank("a: b"));
    }
}
