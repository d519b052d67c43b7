//! [`Decode`] for the building blocks: text, numbers, flags, lists and optional values.

use super::{Cx, Decode};
use crate::diagnostic::{Code, Diagnostic};
use crate::span::Sp;
use crate::yaml::{Node, NodeKind, Scalar};

/// Text: any scalar, exactly as written (`no` stays "no", `0712` stays "0712").
impl Decode for String {
    fn expected() -> &'static str {
        "text"
    }

    fn decode(node: &Node, cx: &mut Cx) -> Option<Self> {
        match &node.kind {
            NodeKind::Scalar(scalar) => Some(scalar.text().trim_end_matches('\n').to_owned()),
            _ => {
                cx.wrong_type::<Self>(node);
                None
            }
        }
    }
}

impl Decode for bool {
    fn expected() -> &'static str {
        "`true` or `false`"
    }

    fn decode(node: &Node, cx: &mut Cx) -> Option<Self> {
        match &node.kind {
            NodeKind::Scalar(Scalar::Bool(text)) => Some(text.eq_ignore_ascii_case("true")),
            NodeKind::Scalar(scalar) => {
                let answer = match scalar.text().trim().to_lowercase().as_str() {
                    "yes" | "y" | "on" | "ndiyo" | "ndio" => "true",
                    "no" | "n" | "off" | "hapana" => "false",
                    _ => "true` or `false",
                };
                cx.report(
                    Diagnostic::error(
                        Code::WrongType,
                        format!("expected `true` or `false`, found `{}`", scalar.text()),
                    )
                    .at(node.span, format!("write `{answer}`"))
                    .with_hint("this field is a yes-or-no answer, written `true` or `false`"),
                );
                None
            }
            _ => {
                cx.wrong_type::<Self>(node);
                None
            }
        }
    }
}

impl Decode for u32 {
    fn expected() -> &'static str {
        "a whole number"
    }

    fn decode(node: &Node, cx: &mut Cx) -> Option<Self> {
        let NodeKind::Scalar(scalar) = &node.kind else {
            cx.wrong_type::<Self>(node);
            return None;
        };
        match scalar.text().trim().parse::<u32>() {
            Ok(number) => Some(number),
            Err(_) => {
                let text = scalar.text().trim();
                let digits = !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
                cx.report(
                    Diagnostic::error(
                        Code::BadNumber,
                        if digits {
                            format!("`{text}` is too large: the largest number here is 4294967295")
                        } else {
                            format!("`{}` is not a whole number", scalar.text())
                        },
                    )
                    .at(node.span, "expected a whole number such as `3`"),
                );
                None
            }
        }
    }
}

/// A value with the span it was written at.
impl<T: Decode> Decode for Sp<T> {
    fn expected() -> &'static str {
        T::expected()
    }

    fn decode(node: &Node, cx: &mut Cx) -> Option<Self> {
        T::decode(node, cx).map(|value| Sp::new(value, node.span))
    }
}

/// An optional field: absent, or written empty (`key:`), is `None`.
impl<T: Decode> Decode for Option<T> {
    fn expected() -> &'static str {
        T::expected()
    }

    fn decode(node: &Node, cx: &mut Cx) -> Option<Self> {
        match node.kind {
            NodeKind::Null => Some(None),
            _ => T::decode(node, cx).map(Some),
        }
    }

    fn absent() -> Option<Self> {
        Some(None)
    }
}

/// A list; absent or empty (`key:`) is an empty list. Every item is decoded, so a bad item
/// is reported without hiding the problems of the items after it.
impl<T: Decode> Decode for Vec<T> {
    fn expected() -> &'static str {
        "a list"
    }

    fn decode(node: &Node, cx: &mut Cx) -> Option<Self> {
        match &node.kind {
            NodeKind::Null => Some(Vec::new()),
            NodeKind::Seq(items) => {
                let decoded: Vec<Option<T>> = items
                    .iter()
                    .map(|item| cx.anchored(item.span, |cx| T::decode(item, cx)))
                    .collect();
                decoded.into_iter().collect()
            }
            _ => {
                cx.wrong_type::<Self>(node);
                None
            }
        }
    }

    fn absent() -> Option<Self> {
        Some(Vec::new())
    }
}
