//! A fee or a timeline as the office wrote it: the words printed on the poster, and what
//! they mean, read from them (`reading`).
//!
//! Both take the same three shapes in YAML: one line (`Nil`, `Ndani ya siku 7`), one line
//! per language (`{en: NIL, sw: Bure}`: a mapping whose keys are all language codes), or
//! the long form with keys. The first two are the office's words; this module tells the
//! shapes apart, and reads each language's words until one reads.

use crate::model::decode::{Cx, Decode};
use crate::model::service::is_short_text;
use crate::model::{Text, TextValue};
use crate::reading::Unread;
use crate::span::Span;
use crate::yaml::{Node, NodeKind};

/// The shape of a fee or timeline node.
pub enum Shape {
    /// One line, as written (trimmed), with its span.
    Line(String, Span),
    /// One line per language.
    PerLanguage(Text),
    /// The long form's keys.
    Long,
}

/// Tells the shapes apart; reports a node that is none of them (a list, nothing).
pub fn shape<T: Decode>(node: &Node, cx: &mut Cx) -> Option<Shape> {
    match &node.kind {
        NodeKind::Scalar(scalar) => Some(Shape::Line(scalar.text().trim().to_owned(), node.span)),
        // Keys of two letters are languages (a wrong one is reported as a language code,
        // as for any text); the long form's keys are longer.
        NodeKind::Map(entries) if !entries.is_empty() && is_short_text(node) => {
            Text::decode(node, cx).map(Shape::PerLanguage)
        }
        NodeKind::Map(_) => Some(Shape::Long),
        _ => {
            cx.wrong_type::<T>(node);
            None
        }
    }
}

/// The office's words of one line, tagged with their language when the charter has
/// several and the words are of one of them (`NIL` is English, `Bure` Kiswahili): the
/// other languages are then written from what the words mean. Figures alone (`KES 500`,
/// `48`) and a one-language charter's words are the same in every language.
pub fn line_text(line: &str, lang: Option<&'static str>, span: Span, cx: &Cx) -> Text {
    let value = match lang {
        Some(lang) if cx.languages.len() > 1 && cx.languages.iter().any(|l| l.as_str() == lang) => {
            let lang = cx
                .languages
                .iter()
                .find(|l| l.as_str() == lang)
                .expect("just found")
                .clone();
            TextValue::Many(vec![(lang, line.to_owned())])
        }
        _ => TextValue::One(line.to_owned()),
    };
    Text { span, value }
}

/// The long form's `text`: written once, it is tagged with its language as a one-line value
/// is (`lang` reads it), so that the other languages are written from its meaning.
pub fn long_text(
    text: Option<Text>,
    cx: &Cx,
    lang: impl Fn(&str) -> Option<&'static str>,
) -> Option<Text> {
    let text = text?;
    Some(match &text.value {
        TextValue::One(words) => line_text(words, lang(words.trim()), text.span, cx),
        TextValue::Many(_) => text,
    })
}

/// Reads the words of `text` in the charter's language order (then any other), and
/// returns the first reading, or the first language's reason when none reads.
pub fn read_first<R>(
    text: &Text,
    cx: &Cx,
    read: impl Fn(&str) -> Result<R, Unread>,
) -> Result<R, Unread> {
    let mut versions: Vec<(Option<&str>, &str)> = match &text.value {
        TextValue::One(t) => vec![(None, t.as_str())],
        TextValue::Many(many) => many
            .iter()
            .map(|(l, t)| (Some(l.as_str()), t.as_str()))
            .collect(),
    };
    let rank = |l: Option<&str>| {
        cx.languages
            .iter()
            .position(|c| Some(c.as_str()) == l)
            .unwrap_or(usize::MAX)
    };
    versions.sort_by_key(|(l, _)| rank(*l));
    let mut first_err = None;
    for (_, words) in versions {
        match read(words.trim()) {
            Ok(r) => return Ok(r),
            Err(e) => {
                first_err.get_or_insert(e);
            }
        }
    }
    Err(first_err.unwrap_or_else(|| Unread::Nothing("it is empty".into())))
}
