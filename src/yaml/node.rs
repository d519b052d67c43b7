//! A YAML document as a tree of nodes that remember where they came from.
//!
//! The charter is not deserialised straight into Rust types: serde stops at the first error,
//! and our users need every problem of a file at once. So YAML is first read into this small
//! tree (every key and value with its byte span), and `crate::model::decode` walks it, collecting
//! diagnostics as it goes.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

use crate::span::Span;

/// What a scalar was written as. Plain scalars keep their exact text whatever YAML would
/// resolve them to, so `no` stays the word "no" in a text field.
#[derive(Clone, Debug, PartialEq)]
pub enum Scalar {
    /// A scalar YAML would read as text (quoted, block, or plain).
    Str(String),
    /// A plain scalar YAML 1.2 resolves to a number; the text is as written (`0712`, `5,000`
    /// is a string already).
    Number(String),
    /// A plain `true`/`false`, as written.
    Bool(String),
}

impl Scalar {
    /// The text of the scalar as the author wrote it.
    pub fn text(&self) -> &str {
        match self {
            Scalar::Str(s) | Scalar::Number(s) | Scalar::Bool(s) => s,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum NodeKind {
    /// An empty value (`key:`), `~` or `null`.
    Null,
    Scalar(Scalar),
    Seq(Vec<Node>),
    Map(Vec<(Key, Node)>),
}

/// A mapping key: its text and where it stands.
#[derive(Clone, Debug, PartialEq)]
pub struct Key {
    pub name: String,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub kind: NodeKind,
    pub span: Span,
}

impl Node {
    /// Plain-language name of the node's shape, for "expected X, found Y" messages.
    pub fn shape(&self) -> &'static str {
        match &self.kind {
            NodeKind::Null => "an empty value",
            NodeKind::Scalar(Scalar::Str(_)) => "text",
            NodeKind::Scalar(Scalar::Number(_)) => "a number",
            NodeKind::Scalar(Scalar::Bool(_)) => "true/false",
            NodeKind::Seq(_) => "a list",
            NodeKind::Map(_) => "a set of fields",
        }
    }

    pub fn as_map(&self) -> Option<&[(Key, Node)]> {
        match &self.kind {
            NodeKind::Map(entries) => Some(entries),
            _ => None,
        }
    }

    pub fn as_scalar(&self) -> Option<&Scalar> {
        match &self.kind {
            NodeKind::Scalar(s) => Some(s),
            _ => None,
        }
    }

    /// Restores the exact written text of plain numbers and booleans from the source, since
    /// the YAML reader hands them over already converted.
    fn restore_plain_text(&mut self, source: &str) {
        // A flow collection (`{text: x}`, `[a, b]`) is reported as its opening bracket;
        // widen its span to the closing one so a caret underlines all of it.
        if matches!(self.kind, NodeKind::Map(_) | NodeKind::Seq(_))
            && let Some(len) = flow_len(source, self.span.offset)
        {
            self.span.len = len;
        }
        match &mut self.kind {
            NodeKind::Scalar(Scalar::Number(text) | Scalar::Bool(text)) => {
                if let Some(raw) = source.get(self.span.offset..self.span.end()) {
                    *text = raw.trim().to_owned();
                }
            }
            NodeKind::Seq(items) => items.iter_mut().for_each(|n| n.restore_plain_text(source)),
            NodeKind::Map(entries) => {
                for (key, node) in entries.iter_mut() {
                    if key.name == RESTORE
                        && let Some(raw) = source.get(key.span.offset..key.span.end())
                    {
                        key.name = raw.trim().to_owned();
                    }
                    node.restore_plain_text(source);
                }
            }
            _ => {}
        }
    }
}

/// Stands for a key whose written spelling must be read back from the source.
const RESTORE: &str = "\u{0}restore";

/// The length of the flow collection starting at `offset` (up to its matching bracket,
/// outside quotes), or `None` when no flow collection starts there or it spans lines.
fn flow_len(source: &str, offset: usize) -> Option<usize> {
    let rest = source.get(offset..)?;
    if !rest.starts_with(['{', '[']) {
        return None;
    }
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    for (i, c) in rest.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None => match c {
                '"' | '\'' => quote = Some(c),
                '{' | '[' => depth += 1,
                '}' | ']' => {
                    depth -= 1;
                    if depth == 0 {
                        return Some(i + 1);
                    }
                }
                '\n' => return None,
                _ => {}
            },
        }
    }
    None
}

fn span_of<T>(spanned: &Spanned<T>) -> Span {
    let span = spanned.referenced.span();
    match (span.byte_offset(), span.byte_len()) {
        (Some(offset), Some(len)) => Span::new(offset as usize, len as usize),
        _ => Span::default(),
    }
}

/// The tree as serde-saphyr hands it over, before spans are attached to nodes.
struct RawNode(NodeKind);

impl<'de> Deserialize<'de> for RawNode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RawVisitor)
    }
}

struct RawVisitor;

fn spanned_node(spanned: Spanned<RawNode>) -> Node {
    Node {
        span: span_of(&spanned),
        kind: spanned.value.0,
    }
}

impl<'de> Visitor<'de> for RawVisitor {
    type Value = RawNode;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_unit<E>(self) -> Result<RawNode, E> {
        Ok(RawNode(NodeKind::Null))
    }

    fn visit_none<E>(self) -> Result<RawNode, E> {
        Ok(RawNode(NodeKind::Null))
    }

    fn visit_bool<E>(self, v: bool) -> Result<RawNode, E> {
        Ok(RawNode(NodeKind::Scalar(Scalar::Bool(v.to_string()))))
    }

    fn visit_i64<E>(self, v: i64) -> Result<RawNode, E> {
        Ok(RawNode(NodeKind::Scalar(Scalar::Number(v.to_string()))))
    }

    fn visit_u64<E>(self, v: u64) -> Result<RawNode, E> {
        Ok(RawNode(NodeKind::Scalar(Scalar::Number(v.to_string()))))
    }

    fn visit_i128<E>(self, v: i128) -> Result<RawNode, E> {
        Ok(RawNode(NodeKind::Scalar(Scalar::Number(v.to_string()))))
    }

    fn visit_u128<E>(self, v: u128) -> Result<RawNode, E> {
        Ok(RawNode(NodeKind::Scalar(Scalar::Number(v.to_string()))))
    }

    fn visit_f64<E>(self, v: f64) -> Result<RawNode, E> {
        Ok(RawNode(NodeKind::Scalar(Scalar::Number(v.to_string()))))
    }

    fn visit_str<E>(self, v: &str) -> Result<RawNode, E> {
        Ok(RawNode(NodeKind::Scalar(Scalar::Str(v.to_owned()))))
    }

    fn visit_string<E>(self, v: String) -> Result<RawNode, E> {
        Ok(RawNode(NodeKind::Scalar(Scalar::Str(v))))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawNode, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Spanned<RawNode>>()? {
            items.push(spanned_node(item));
        }
        Ok(RawNode(NodeKind::Seq(items)))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawNode, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Spanned<RawNode>>()? {
            let key_span = span_of(&key);
            let name = match key.value.0 {
                // A number or true/false as a key: its spelling is restored from the
                // source afterwards (`000` must not become `0`).
                NodeKind::Scalar(Scalar::Number(_) | Scalar::Bool(_)) => String::from(RESTORE),
                NodeKind::Scalar(s) => s.text().to_owned(),
                NodeKind::Null => String::new(),
                _ => {
                    return Err(de::Error::custom(
                        "a key must be a single word, not a list or a set of fields",
                    ));
                }
            };
            let value = map.next_value::<Spanned<RawNode>>()?;
            entries.push((
                Key {
                    name,
                    span: key_span,
                },
                spanned_node(value),
            ));
        }
        Ok(RawNode(NodeKind::Map(entries)))
    }
}

/// How deep a charter's YAML may nest.
pub const MAX_DEPTH: usize = 32;

/// Reads YAML text into a node tree. Errors are serde-saphyr's, with their location.
pub(super) fn parse_tree(source: &str) -> Result<Node, serde_saphyr::Error> {
    // A charter nests about ten levels deep at most (a tier's fee inside a step inside a
    // service). Tight limits keep hostile files from exhausting the stack or memory.
    let options = serde_saphyr::options! {
        strict_booleans: true,
        with_snippet: false,
        budget: serde_saphyr::budget! {
            max_depth: MAX_DEPTH,
            flow_nesting_limit: MAX_DEPTH,
        },
    };
    let root: Spanned<RawNode> = serde_saphyr::from_str_with_options(source, options)?;
    let mut node = spanned_node(root);
    node.restore_plain_text(source);
    Ok(node)
}
