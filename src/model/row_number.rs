//! A row's number as the charter prints it: `3`, or `9.1.1` where a charter numbers its
//! services within numbered sections (the Tanzania Revenue Authority's booklet).

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Serialize;

use crate::diagnostic::{Code, Diagnostic, clip};
use crate::model::decode::{Cx, Decode};
use crate::yaml::{Node, NodeKind};

/// The most levels a number may have: `1.2.3.4.5.6`.
const MAX_LEVELS: usize = 6;

/// A row number: whole numbers joined by dots, kept as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowNumber {
    /// As written: `9.1.1`, `3`.
    pub written: String,
    /// Its levels: `[9, 1, 1]`.
    pub parts: Vec<u32>,
}

impl RowNumber {
    /// The last level: the row's place among the rows of its section.
    pub fn last(&self) -> u32 {
        self.parts.last().copied().unwrap_or_default()
    }

    /// The levels before the last: the section the row is numbered in (`9.1` of `9.1.1`).
    pub fn section(&self) -> &[u32] {
        &self.parts[..self.parts.len().saturating_sub(1)]
    }

    /// The number that would follow this one in its section: `9.1.2` after `9.1.1`.
    pub fn next(&self) -> RowNumber {
        let mut parts = self.parts.clone();
        if let Some(last) = parts.last_mut() {
            *last = last.saturating_add(1);
        }
        RowNumber::from_parts(parts)
    }

    /// The first number of a section: `9.2.1` for `[9, 2]`.
    pub fn first_of(section: &[u32]) -> RowNumber {
        let mut parts = section.to_vec();
        parts.push(1);
        RowNumber::from_parts(parts)
    }

    /// A number made by the tool (not written by the office), written as its levels.
    fn from_parts(parts: Vec<u32>) -> RowNumber {
        RowNumber {
            written: parts
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join("."),
            parts,
        }
    }

    fn parse(text: &str) -> Option<RowNumber> {
        let parts: Vec<u32> = text
            .split('.')
            .map(|p| {
                (!p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
                    .then(|| p.parse().ok())
                    .flatten()
            })
            .collect::<Option<_>>()?;
        (parts.len() <= MAX_LEVELS).then(|| RowNumber {
            written: text.to_owned(),
            parts,
        })
    }
}

impl std::fmt::Display for RowNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.written)
    }
}

impl Decode for RowNumber {
    fn expected() -> &'static str {
        "a row number such as `3` or `9.1.1`"
    }

    fn decode(node: &Node, cx: &mut Cx) -> Option<Self> {
        let NodeKind::Scalar(scalar) = &node.kind else {
            cx.wrong_type::<Self>(node);
            return None;
        };
        let text = scalar.text().trim();
        if let Some(number) = RowNumber::parse(text) {
            return Some(number);
        }
        let too_large = text
            .split('.')
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
        let hint = if too_large {
            "a row number is at most 4294967295 at each level, and has at most 6 levels".to_owned()
        } else if text.ends_with('.') || text.ends_with(')') {
            format!(
                "write the number without the mark after it: `{}` (posters add their own)",
                clip(text.trim_end_matches(['.', ')']))
            )
        } else {
            "a row number is a whole number such as `3`, or whole numbers joined by dots such \
             as `9.1.1`; a row the charter does not number needs no `number:`"
                .to_owned()
        };
        cx.report(
            Diagnostic::error(
                Code::BadNumber,
                if too_large {
                    format!("`{}` is too large for a row number", clip(text))
                } else {
                    format!("`{}` is not a row number", clip(text))
                },
            )
            .at(node.span, "expected a number such as `3` or `9.1.1`")
            .with_hint(hint),
        );
        None
    }
}

impl Serialize for RowNumber {
    /// A one-level number as a number, a dotted one as text, as written in YAML.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.parts.as_slice() {
            [n] if self.written == n.to_string() => serializer.serialize_u32(*n),
            _ => serializer.serialize_str(&self.written),
        }
    }
}

impl JsonSchema for RowNumber {
    fn schema_name() -> Cow<'static, str> {
        "RowNumber".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "The row number printed in the charter: a whole number such as `3`, \
                            or whole numbers joined by dots such as `9.1.1`.",
            "anyOf": [
                // `9.1` is a number to YAML (and to editors); the tool reads it as written.
                { "type": "number", "minimum": 0 },
                { "type": "string", "pattern": "^[0-9]+(\\.[0-9]+){0,5}$" }
            ]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::RowNumber;

    #[test]
    fn numbers_with_levels() {
        let n = RowNumber::parse("9.1.1").unwrap();
        assert_eq!((n.section(), n.last()), (&[9, 1][..], 1));
        assert_eq!(n.next().written, "9.1.2");
        assert_eq!(RowNumber::parse("07").unwrap().parts, vec![7]);
        for bad in ["", "2a", "1.", ".1", "1..2", "1.2.3.4.5.6.7", "99999999999"] {
            assert!(RowNumber::parse(bad).is_none(), "{bad}");
        }
    }
}
