//! Where citizens write, call or go: complaint routes, feedback and appeals.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Serialize;

use crate::model::decode::{Cx, Decode, decode_struct};
use crate::model::{Lang, Paragraphs, Str, Text};
use crate::span::Sp;
use crate::yaml::{Node, NodeKind};

/// A phone number, fax, e-mail or web address: written once, the same in every language,
/// or once per language (`{en: info@x.go.ke, sw: habari@x.go.ke}`, a toll-free line
/// announced in each language), each value with its own span for lint.
#[derive(Clone, Debug, PartialEq)]
pub struct Detail(pub Vec<(Option<Lang>, Sp<Str>)>);

impl Detail {
    /// Every value, in the order written.
    pub fn values(&self) -> impl Iterator<Item = &Sp<Str>> {
        self.0.iter().map(|(_, value)| value)
    }

    /// The value for `lang`: the one written for it, or the one written for all.
    pub fn get(&self, lang: &str) -> Option<&Sp<Str>> {
        self.0
            .iter()
            .find(|(l, _)| l.as_ref().is_none_or(|l| l.as_str() == lang))
            .map(|(_, value)| value)
    }

    /// Every value of a list of details (`phones`, `emails`): what lint checks.
    pub fn all(details: &[Detail]) -> impl Iterator<Item = &Sp<Str>> {
        details.iter().flat_map(Detail::values)
    }

    /// The first value written (the main language's, or the only one).
    pub fn first(&self) -> &Sp<Str> {
        &self.0[0].1
    }
}

impl Decode for Detail {
    fn expected() -> &'static str {
        "text (or one text per language, such as `sw:` and `en:`)"
    }

    fn decode(node: &Node, cx: &mut Cx) -> Option<Self> {
        match &node.kind {
            NodeKind::Map(entries) if entries.is_empty() => {
                cx.report(
                    crate::diagnostic::Diagnostic::error(
                        crate::diagnostic::Code::WrongType,
                        "this contact detail is empty",
                    )
                    .at(node.span, "nothing here")
                    .with_hint(
                        "write the number or address, or one per language such as \
                         `{en: info@office.go.ke, sw: habari@office.go.ke}`, or leave it out",
                    ),
                );
                None
            }
            NodeKind::Map(entries) => {
                let mut values = Vec::new();
                let mut ok = true;
                for (key, value) in entries {
                    let lang = Lang::parse(&key.name, key.span, cx);
                    if let Some(lang) = &lang {
                        crate::model::lang::check_declared(lang, key.span, cx);
                    }
                    match (lang, Sp::<Str>::decode(value, cx)) {
                        (Some(lang), Some(value)) => values.push((Some(lang), value)),
                        _ => ok = false,
                    }
                }
                ok.then_some(Detail(values))
            }
            _ => Sp::<Str>::decode(node, cx).map(|value| Detail(vec![(None, value)])),
        }
    }
}

impl Serialize for Detail {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        match self.0.as_slice() {
            [(None, value)] => value.serialize(serializer),
            values => {
                let mut map = serializer.serialize_map(Some(values.len()))?;
                for (lang, value) in values {
                    map.serialize_entry(lang.as_ref().map_or("", Lang::as_str), value)?;
                }
                map.end()
            }
        }
    }
}

impl JsonSchema for Detail {
    fn schema_name() -> Cow<'static, str> {
        "Detail".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let lang = generator.subschema_for::<Lang>();
        json_schema!({
            "description": "A phone number, e-mail or web address, or one per language code \
                            (for example `sw:` and `en:`) when they differ by language.",
            "anyOf": [
                { "type": ["string", "number"] },
                {
                    "type": "object",
                    "propertyNames": lang,
                    "additionalProperties": { "type": ["string", "number"] },
                    "minProperties": 1,
                }
            ]
        })
    }
}

/// A person or office a citizen can reach.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// The person's title or role, for example `Waziri wa Ofisi ya Gavana` or `The Chief
    /// Executive Officer`.
    pub role: Option<Text>,
    /// The person's name, when the charter gives one.
    pub name: Option<Sp<Str>>,
    /// The office or body, for example `Commission on Administrative Justice (Ombudsman)`.
    pub office: Option<Text>,
    /// Set `true` for a body outside the organisation (an Ombudsman, a human-rights
    /// commission): the independent escalation route every charter needs.
    pub independent: Option<bool>,
    /// Building, street and town, one line per item.
    #[serde(default)]
    pub address: Vec<Text>,
    /// The postal address, for example `P.O. Box 20414-00200 Nairobi` or `S.L.P. 65 Kilosa`.
    pub pobox: Option<Text>,
    /// Telephone numbers, ideally with the country code: `+254 20 2270000` (or one per
    /// language, `{en: …, sw: …}`, where they differ).
    #[serde(default)]
    pub phones: Vec<Detail>,
    /// Fax numbers.
    #[serde(default)]
    pub fax: Vec<Detail>,
    /// E-mail addresses (or one per language, where they differ).
    #[serde(default)]
    pub emails: Vec<Detail>,
    /// A web address (or one per language, where they differ).
    pub website: Option<Detail>,
    /// Other ways in: SMS short codes, social media, a complaints box at the entrance.
    #[serde(default)]
    pub other: Vec<Text>,
}

decode_struct!(Contact, "a contact" {
    role, name, office, independent, address, pobox, phones, fax, emails, website, other
});

/// The complaints procedure: the routes in escalation order, and what happens to a complaint.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Complaints {
    /// The heading, if the charter uses its own ("Malalamiko", "How to complain").
    pub title: Option<Text>,
    /// How complaints are handled, as the charter explains it.
    #[serde(default)]
    pub text: Paragraphs,
    /// Ways a complaint can be made: post, phone, fax, e-mail, in person.
    #[serde(default)]
    pub channels: Vec<Text>,
    /// Where to complain, in escalation order: the office first, then an independent body
    /// such as the Ombudsman.
    #[serde(default)]
    pub routes: Vec<Contact>,
    /// How complaints are recorded and kept confidential.
    pub records: Option<Text>,
}

decode_struct!(Complaints, "the complaints section" { title, text, channels, routes, records });

/// A section that explains something and gives contacts: feedback, appeals.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Channel {
    /// The section's title, when the charter gives it one.
    pub title: Option<Text>,
    /// What the charter says.
    #[serde(default)]
    pub text: Paragraphs,
    /// Where to send it.
    #[serde(default)]
    pub contacts: Vec<Contact>,
}

decode_struct!(Channel, "this section" { title, text, contacts });

/// A `website` as a link or QR target, for every output that opens it (the page's links,
/// its JSON-LD, the poster's QR code) and for lint: http(s) only, a bare domain gets
/// `https://` (so phones open it); anything else (`javascript:`, `data:`) is `None`, and
/// gets no link and no QR code at all.
pub fn web_target(website: &str) -> Option<String> {
    let website = website.trim();
    let lower = website.to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        Some(website.to_owned())
    } else if website.contains(':') || website.contains(char::is_whitespace) {
        None
    } else {
        Some(format!("https://{}", website.trim_start_matches("//")))
    }
}

#[cfg(test)]
mod tests {
    use super::web_target;
    use crate::source::SourceFile;

    #[test]
    fn only_web_addresses_are_targets() {
        assert_eq!(
            web_target("www.kitui.go.ke").as_deref(),
            Some("https://www.kitui.go.ke")
        );
        assert_eq!(
            web_target(" HTTP://x.go.ke ").as_deref(),
            Some("HTTP://x.go.ke")
        );
        assert_eq!(web_target("javascript://%0aalert(1)"), None);
        assert_eq!(web_target("data:text/html,<b>x</b>"), None);
    }

    #[test]
    fn a_detail_per_language_keeps_each_value_and_its_place() {
        let text = "languages: [en, sw]\ntitle: T\norganization:\n  name: O\n  emails: \
                    [a@x.go.ke, {en: b@x.go.ke, sw: c@x.go.ke}]\n  website: https://x.go.ke\n";
        let loaded = crate::load::load_source(SourceFile::new("t.yaml", text));
        assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
        let org = loaded.charter.unwrap().organization;
        let per_language = &org.emails[1];
        assert_eq!(&*per_language.get("sw").unwrap().value, "c@x.go.ke");
        assert_eq!(&*per_language.get("en").unwrap().value, "b@x.go.ke");
        assert_eq!(&*org.emails[0].get("sw").unwrap().value, "a@x.go.ke");
        let span = per_language.get("sw").unwrap().span;
        assert_eq!(&text[span.offset..span.offset + span.len], "c@x.go.ke");
        assert_eq!(super::Detail::all(&org.emails).count(), 3);
    }
}
