//! Language codes, and text that may be given in several languages.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Serialize;

use crate::diagnostic::{Code, Diagnostic};
use crate::model::decode::{Cx, Decode};
use crate::span::Span;
use crate::suggest::did_you_mean;
use crate::yaml::{Node, NodeKind};

/// An ISO 639-1 language code such as `sw` or `en`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Lang(String);

impl Lang {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Checks a language code, reporting a bad one at `span`.
    pub(crate) fn parse(code: &str, span: Span, cx: &mut Cx) -> Option<Lang> {
        if is_code(code) {
            return Some(Lang(code.to_owned()));
        }
        let lower = code.to_lowercase();
        let suggestion = LANGUAGE_NAMES
            .iter()
            .find(|(name, _)| *name == lower)
            .map(|(_, code)| *code)
            .or_else(|| is_code(&lower).then_some(""))
            .map(|c| {
                if c.is_empty() {
                    lower.clone()
                } else {
                    c.to_owned()
                }
            });
        let mut diagnostic = Diagnostic::error(
            Code::BadLanguage,
            format!("`{code}` is not a language code"),
        );
        diagnostic = match suggestion {
            Some(code) => diagnostic.at(span, format!("did you mean `{code}`?")),
            None => diagnostic.at(span, "not an ISO 639-1 code"),
        };
        cx.report(diagnostic.with_hint(
            "languages are written as two-letter ISO 639-1 codes: `sw` for Kiswahili, `en` \
             for English, `fr` for French",
        ));
        None
    }
}

impl Decode for Lang {
    fn expected() -> &'static str {
        "a language code such as `sw` or `en`"
    }

    fn decode(node: &Node, cx: &mut Cx) -> Option<Self> {
        let code = String::decode(node, cx)?;
        Lang::parse(code.trim(), node.span, cx)
    }
}

impl JsonSchema for Lang {
    fn schema_name() -> Cow<'static, str> {
        "Lang".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let mut codes: Vec<&str> = ISO_639_1.to_vec();
        codes.push("fil");
        json_schema!({
            "description": "A two-letter ISO 639-1 language code, such as `sw` or `en`, or \
                            `fil` for Filipino.",
            "type": "string",
            "enum": codes,
        })
    }
}

/// Text written once, or once per language for a bilingual charter:
///
/// ```yaml
/// vision: A county where every citizen is served well.
/// mission:
///   sw: Kutoa huduma bora kwa wote.
///   en: To serve everyone well.
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Text {
    pub span: Span,
    pub value: TextValue,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum TextValue {
    /// The same text in every language (or a charter in one language).
    One(String),
    /// The text in each language, in the order written.
    Many(Vec<(Lang, String)>),
}

impl Text {
    /// Text in one language, found at `span`.
    pub fn plain(text: impl Into<String>, span: Span) -> Self {
        Text {
            span,
            value: TextValue::One(text.into()),
        }
    }

    /// The text in `lang`, or the one text when it was written once.
    pub fn get(&self, lang: &str) -> Option<&str> {
        match &self.value {
            TextValue::One(text) => Some(text),
            TextValue::Many(texts) => texts
                .iter()
                .find(|(l, _)| l.as_str() == lang)
                .map(|(_, t)| t.as_str()),
        }
    }

    /// Every version of the text, for checks that look at all of them.
    pub fn all(&self) -> impl Iterator<Item = &str> {
        let texts: Vec<&str> = match &self.value {
            TextValue::One(text) => vec![text.as_str()],
            TextValue::Many(texts) => texts.iter().map(|(_, t)| t.as_str()).collect(),
        };
        texts.into_iter()
    }
}

impl Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.value {
            TextValue::One(text) => serializer.serialize_str(text),
            TextValue::Many(texts) => {
                use serde::ser::SerializeMap;
                let mut map = serializer.serialize_map(Some(texts.len()))?;
                for (lang, text) in texts {
                    map.serialize_entry(lang, text)?;
                }
                map.end()
            }
        }
    }
}

impl Decode for Text {
    fn expected() -> &'static str {
        "text (or one text per language, such as `sw:` and `en:`)"
    }

    fn decode(node: &Node, cx: &mut Cx) -> Option<Self> {
        let value = match &node.kind {
            NodeKind::Scalar(_) => TextValue::One(String::decode(node, cx)?),
            NodeKind::Map(entries) => {
                let mut texts = Vec::new();
                let mut ok = true;
                for (key, value) in entries {
                    let lang = Lang::parse(&key.name, key.span, cx);
                    if let Some(lang) = &lang {
                        check_declared(lang, key.span, cx);
                    }
                    let text = String::decode(value, cx);
                    match (lang, text) {
                        (Some(lang), Some(text)) => texts.push((lang, text)),
                        _ => ok = false,
                    }
                }
                if !ok {
                    return None;
                }
                TextValue::Many(texts)
            }
            _ => {
                cx.wrong_type::<Self>(node);
                return None;
            }
        };
        let empty = match &value {
            TextValue::One(t) => t.trim().is_empty(),
            // `{}` is no text at all, in no language.
            TextValue::Many(many) => {
                many.is_empty() || many.iter().any(|(_, t)| t.trim().is_empty())
            }
        };
        if empty {
            cx.report(
                Diagnostic::error(Code::WrongType, "this text is empty")
                    .at(node.span, "no words here")
                    .with_hint("write the text as the charter prints it, or leave the key out"),
            );
            return None;
        }
        Some(Text {
            span: node.span,
            value,
        })
    }
}

pub(crate) fn check_declared(lang: &Lang, span: Span, cx: &mut Cx) {
    if cx.languages.is_empty() || cx.languages.contains(lang) {
        return;
    }
    let declared: Vec<&str> = cx.languages.iter().map(Lang::as_str).collect();
    let mut diagnostic = Diagnostic::error(
        Code::UndeclaredLanguage,
        format!(
            "this text is in `{}`, which the charter does not list in `languages`",
            lang.as_str()
        ),
    )
    .at(
        span,
        format!("the charter's languages are: {}", declared.join(", ")),
    );
    diagnostic = match did_you_mean(lang.as_str(), declared.iter().copied()) {
        Some(close) => diagnostic.with_hint(format!(
            "did you mean `{close}`? Otherwise add `{}` to `languages`",
            lang.as_str()
        )),
        None => diagnostic.with_hint(format!(
            "add `{}` to `languages`, or remove this text",
            lang.as_str()
        )),
    };
    cx.report(diagnostic);
}

impl JsonSchema for Text {
    fn schema_name() -> Cow<'static, str> {
        "Text".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let lang = generator.subschema_for::<Lang>();
        json_schema!({
            "description": "Text in the charter's language, or one text per language code \
                            (for example `sw:` and `en:`) in a bilingual charter.",
            "anyOf": [
                { "type": ["string", "number", "boolean"] },
                {
                    "type": "object",
                    "propertyNames": lang,
                    "additionalProperties": { "type": ["string", "number", "boolean"] },
                    "minProperties": 1,
                }
            ]
        })
    }
}

/// Common ways of naming a language instead of giving its code.
const LANGUAGE_NAMES: &[(&str, &str)] = &[
    ("english", "en"),
    ("filipino", "fil"),
    ("pilipino", "fil"),
    ("tagalog", "tl"),
    ("eng", "en"),
    ("kiingereza", "en"),
    ("swahili", "sw"),
    ("kiswahili", "sw"),
    ("swa", "sw"),
    ("french", "fr"),
    ("fra", "fr"),
    ("arabic", "ar"),
    ("somali", "so"),
    ("amharic", "am"),
    ("kinyarwanda", "rw"),
    ("luganda", "lg"),
    ("portuguese", "pt"),
];

/// The ISO 639-1 two-letter codes.
/// Whether `code` names a language: an ISO 639-1 code, or `fil` (Filipino, which has no
/// two-letter code; BCP 47 writes it `fil`).
pub fn is_code(code: &str) -> bool {
    ISO_639_1.contains(&code) || code == "fil"
}

const ISO_639_1: &[&str] = &[
    "aa", "ab", "ae", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az", "ba", "be", "bg", "bi",
    "bm", "bn", "bo", "br", "bs", "ca", "ce", "ch", "co", "cr", "cs", "cu", "cv", "cy", "da", "de",
    "dv", "dz", "ee", "el", "en", "eo", "es", "et", "eu", "fa", "ff", "fi", "fj", "fo", "fr", "fy",
    "ga", "gd", "gl", "gn", "gu", "gv", "ha", "he", "hi", "ho", "hr", "ht", "hu", "hy", "hz", "ia",
    "id", "ie", "ig", "ii", "ik", "io", "is", "it", "iu", "ja", "jv", "ka", "kg", "ki", "kj", "kk",
    "kl", "km", "kn", "ko", "kr", "ks", "ku", "kv", "kw", "ky", "la", "lb", "lg", "li", "ln", "lo",
    "lt", "lu", "lv", "mg", "mh", "mi", "mk", "ml", "mn", "mr", "ms", "mt", "my", "na", "nb", "nd",
    "ne", "ng", "nl", "nn", "no", "nr", "nv", "ny", "oc", "oj", "om", "or", "os", "pa", "pi", "pl",
    "ps", "pt", "qu", "rm", "rn", "ro", "ru", "rw", "sa", "sc", "sd", "se", "sg", "si", "sk", "sl",
    "sm", "sn", "so", "sq", "sr", "ss", "st", "su", "sv", "sw", "ta", "te", "tg", "th", "ti", "tk",
    "tl", "tn", "to", "tr", "ts", "tt", "tw", "ty", "ug", "uk", "ur", "uz", "ve", "vi", "vo", "wa",
    "wo", "xh", "yi", "yo", "za", "zh", "zu",
];
