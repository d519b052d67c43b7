//! The prose sections of a charter: preface, purpose, principles, values, customers,
//! standards, rights and duties, review and reporting.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Serialize;

use crate::diagnostic::{Code, Diagnostic};
use crate::model::decode::{Cx, Decode, decode_struct};
use crate::model::service::is_short_text;
use crate::model::{Date, Detail, Str, Text, Timeline};
use crate::span::Sp;
use crate::yaml::{Node, NodeKind};

/// One paragraph, or a list of paragraphs.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(transparent)]
pub struct Paragraphs(pub Vec<Text>);

impl Decode for Paragraphs {
    fn expected() -> &'static str {
        "text, or a list of paragraphs"
    }

    fn decode(node: &Node, cx: &mut Cx) -> Option<Self> {
        match &node.kind {
            NodeKind::Seq(_) | NodeKind::Null => Vec::decode(node, cx).map(Paragraphs),
            _ => Text::decode(node, cx).map(|text| Paragraphs(vec![text])),
        }
    }

    fn absent() -> Option<Self> {
        Some(Paragraphs::default())
    }
}

impl JsonSchema for Paragraphs {
    fn schema_name() -> Cow<'static, str> {
        "Paragraphs".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let text = generator.subschema_for::<Text>();
        json_schema!({
            "description": "One paragraph, or a list of paragraphs.",
            "anyOf": [text.clone(), { "type": "array", "items": text }]
        })
    }
}

/// The organisation that publishes the charter.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Organization {
    /// Its name, for example `County Government of Kitui — Office of the Governor`.
    pub name: Text,
    /// The body it belongs to, for example `Ministry of Public Service`.
    pub parent: Option<Text>,
    /// The logo, as a path relative to the charter file (PNG, JPEG or SVG).
    pub logo: Option<Sp<Str>>,
    /// The country, as an ISO 3166 code such as `KE` or `TZ`: used to check phone numbers.
    pub country: Option<Sp<Country>>,
    /// Building, street and town, one line per item.
    #[serde(default)]
    pub address: Vec<Text>,
    /// The postal address, for example `P.O. Box 33-90200 Kitui`.
    pub pobox: Option<Text>,
    /// Telephone numbers (each once, or one per language where they differ).
    #[serde(default)]
    pub phones: Vec<Detail>,
    /// Fax numbers.
    #[serde(default)]
    pub fax: Vec<Detail>,
    /// E-mail addresses (each once, or one per language where they differ).
    #[serde(default)]
    pub emails: Vec<Detail>,
    /// The website (once, or one per language where they differ).
    pub website: Option<Detail>,
    /// Opening hours, for example `Monday to Friday, 8.00 am to 5.00 pm`.
    pub hours: Option<Text>,
}

decode_struct!(Organization, "the organization" {
    name, parent, logo, country, address, pobox, phones, fax, emails, website, hours
});

/// The preface (Dibaji, Foreword), signed by the head of the organisation.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Preface {
    /// The heading, if the charter uses its own.
    pub title: Option<Text>,
    /// The paragraphs of the preface.
    #[serde(default)]
    pub text: Paragraphs,
    /// Who signed it.
    pub signatory: Option<Signatory>,
}

decode_struct!(Preface, "the preface" { title, text, signatory });

#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Signatory {
    /// The signatory's name. A signature under a title alone ("District Executive
    /// Director") leaves it out.
    pub name: Option<Text>,
    /// Their title, for example `District Executive Director`.
    pub title: Option<Text>,
    /// The date of signature, as `YYYY-MM-DD`.
    pub date: Option<Sp<Date>>,
}

decode_struct!(@fields Signatory, "the signatory" { name, title, date });

impl Decode for Signatory {
    fn expected() -> &'static str {
        "the signatory"
    }

    fn decode(node: &Node, cx: &mut Cx) -> Option<Self> {
        let signatory = Signatory::decode_fields(node, cx)?;
        if signatory.name.is_none() && signatory.title.is_none() {
            cx.report(
                Diagnostic::error(Code::MissingField, "the signatory has no `name` or `title`")
                    .at(cx.anchor_span().unwrap_or(node.span), "who signed?")
                    .with_hint(
                        "give the signatory's `name`, `title`, or both, as the charter prints them",
                    ),
            );
            return None;
        }
        Some(signatory)
    }
}

/// A titled section of paragraphs and bullet points. It may be written as just a list of
/// points.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Section {
    pub title: Option<Text>,
    pub text: Paragraphs,
    pub points: Vec<Text>,
}

/// The long form of a section.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SectionFields {
    /// The heading, if the charter uses its own.
    pub title: Option<Text>,
    /// Paragraphs before the points.
    #[serde(default)]
    pub text: Paragraphs,
    /// Bullet points.
    #[serde(default)]
    pub points: Vec<Text>,
}

decode_struct!(SectionFields, "a section" { title, text, points });

impl Decode for Section {
    fn expected() -> &'static str {
        "a list of points, or `text:` and `points:`"
    }

    fn decode(node: &Node, cx: &mut Cx) -> Option<Self> {
        if let NodeKind::Seq(_) = node.kind {
            return Vec::decode(node, cx).map(|points| Section {
                points,
                ..Section::default()
            });
        }
        if is_short_text(node) {
            return Paragraphs::decode(node, cx).map(|text| Section {
                text,
                ..Section::default()
            });
        }
        let SectionFields {
            title,
            text,
            points,
        } = SectionFields::decode(node, cx)?;
        Some(Section {
            title,
            text,
            points,
        })
    }
}

impl JsonSchema for Section {
    fn schema_name() -> Cow<'static, str> {
        "Section".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let text = generator.subschema_for::<Text>();
        let fields = generator.subschema_for::<SectionFields>();
        json_schema!({
            "description": "A list of points, one paragraph, or `title:`, `text:` and `points:`.",
            "anyOf": [{ "type": "array", "items": text.clone() }, text, fields]
        })
    }
}

/// A named item with an optional explanation: a core value, a principle. Write just the
/// name, or `name:` with `text:` (and `points:`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Item {
    pub name: Text,
    pub text: Option<Text>,
    pub points: Vec<Text>,
}

/// The long form of an item.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ItemFields {
    /// The name, for example `Integrity`.
    pub name: Text,
    /// What it means for the citizen.
    pub text: Option<Text>,
    /// Bullet points under it.
    #[serde(default)]
    pub points: Vec<Text>,
}

decode_struct!(ItemFields, "an item" { name, text, points });

impl Decode for Item {
    fn expected() -> &'static str {
        "a name, or `name:` and `text:`"
    }

    fn decode(node: &Node, cx: &mut Cx) -> Option<Self> {
        if is_short_text(node) {
            return Text::decode(node, cx).map(|name| Item {
                name,
                text: None,
                points: Vec::new(),
            });
        }
        let ItemFields { name, text, points } = ItemFields::decode(node, cx)?;
        Some(Item { name, text, points })
    }
}

impl JsonSchema for Item {
    fn schema_name() -> Cow<'static, str> {
        "Item".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let text = generator.subschema_for::<Text>();
        let fields = generator.subschema_for::<ItemFields>();
        json_schema!({
            "description": "A name, or `name:` with `text:` (and `points:`).",
            "anyOf": [text, fields]
        })
    }
}

/// A group of customers and what they may expect ("Wateja Wetu").
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CustomerGroup {
    /// Who they are, for example `Members of the public`.
    pub group: Text,
    /// What they may expect from the organisation.
    #[serde(default)]
    pub expects: Vec<Text>,
}

decode_struct!(CustomerGroup, "a customer group" { group, expects });

/// A group of service standards, such as relations, quality or timeliness.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StandardGroup {
    /// The group's heading, for example `Timeliness`. Leave out for a single list.
    pub group: Option<Text>,
    /// Paragraphs before the standards.
    #[serde(default)]
    pub text: Paragraphs,
    /// The standards.
    #[serde(default)]
    pub items: Vec<Standard>,
}

decode_struct!(StandardGroup, "a group of standards" { group, text, items });

/// One service standard: text, or a named standard with its text and a measurable
/// timeline.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Standard {
    pub name: Option<Text>,
    pub text: Option<Text>,
    pub timeline: Option<Timeline>,
}

/// The long form of a standard.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StandardFields {
    /// A short name, for example `Letters`.
    pub name: Option<Text>,
    /// The commitment, for example `All letters are answered within 7 working days`.
    pub text: Option<Text>,
    /// The time the standard promises, when it promises one.
    pub timeline: Option<Timeline>,
}

decode_struct!(StandardFields, "a standard" { name, text, timeline });

impl Decode for Standard {
    fn expected() -> &'static str {
        "a standard (text, or `name:`, `text:` and `timeline:`)"
    }

    fn decode(node: &Node, cx: &mut Cx) -> Option<Self> {
        if is_short_text(node) {
            return Text::decode(node, cx).map(|text| Standard {
                name: None,
                text: Some(text),
                timeline: None,
            });
        }
        let StandardFields {
            name,
            text,
            timeline,
        } = StandardFields::decode(node, cx)?;
        Some(Standard {
            name,
            text,
            timeline,
        })
    }
}

impl JsonSchema for Standard {
    fn schema_name() -> Cow<'static, str> {
        "Standard".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let text = generator.subschema_for::<Text>();
        let fields = generator.subschema_for::<StandardFields>();
        json_schema!({
            "description": "A service standard: text, or `name:`, `text:` and `timeline:`.",
            "anyOf": [text, fields]
        })
    }
}

/// When and how the charter is reviewed ("Mapitio").
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Review {
    /// How often, for example `1 year` or `mwaka 1`.
    pub every: Option<Timeline>,
    /// The date of the next review, as `YYYY-MM-DD`. Lint reports it once passed.
    pub due: Option<Sp<Date>>,
    /// The heading, if the charter uses its own.
    pub title: Option<Text>,
    /// What the review does, as the charter explains it.
    #[serde(default)]
    pub text: Paragraphs,
    /// What the review checks.
    #[serde(default)]
    pub points: Vec<Text>,
    /// Who is consulted.
    #[serde(default)]
    pub consultation: Paragraphs,
}

decode_struct!(Review, "the review section" { every, due, title, text, points, consultation });

/// A list that may carry a heading and an introduction, as printed charters do:
///
/// ```yaml
/// values: [Integrity, Courtesy]
/// values:
///   title: MAADILI MUHIMU
///   text: "Yapo maadili muhimu nane tunayozingatia ambayo ni:"
///   items: [Utendaji bora wa huduma, Uaminifu]
/// ```
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct List<T> {
    pub title: Option<Text>,
    pub text: Paragraphs,
    pub items: Vec<T>,
}

impl<T> Default for List<T> {
    fn default() -> Self {
        Self {
            title: None,
            text: Paragraphs::default(),
            items: Vec::new(),
        }
    }
}

impl<T> std::ops::Deref for List<T> {
    type Target = Vec<T>;
    fn deref(&self) -> &Vec<T> {
        &self.items
    }
}

impl<'a, T> IntoIterator for &'a List<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

impl<T: Decode> Decode for List<T> {
    fn expected() -> &'static str {
        "a list, or `title:`, `text:` and `items:`"
    }

    fn decode(node: &Node, cx: &mut Cx) -> Option<Self> {
        const FIELDS: &[&str] = &["title", "text", "items"];
        match &node.kind {
            NodeKind::Null | NodeKind::Seq(_) => Vec::decode(node, cx).map(|items| List {
                items,
                ..List::default()
            }),
            _ => {
                let entries = cx.expect_map(node, Self::expected())?;
                cx.check_keys(entries, FIELDS, "a list");
                let title = cx.field(entries, "title", "a list");
                let text = cx.field(entries, "text", "a list");
                let items = cx.field(entries, "items", "a list");
                Some(List {
                    title: title?,
                    text: text?,
                    items: items?,
                })
            }
        }
    }

    fn absent() -> Option<Self> {
        Some(List::default())
    }
}

impl<T: JsonSchema> JsonSchema for List<T> {
    fn schema_name() -> Cow<'static, str> {
        format!("List_of_{}", T::schema_name()).into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let item = generator.subschema_for::<T>();
        let text = generator.subschema_for::<Text>();
        let paragraphs = generator.subschema_for::<Paragraphs>();
        json_schema!({
            "description": "A list, or `title:` (a heading), `text:` (an introduction) and `items:`.",
            "anyOf": [
                { "type": "array", "items": item.clone() },
                {
                    "type": "object",
                    "properties": {
                        "title": { "description": "The heading, if the charter uses its own.", "anyOf": [text, { "type": "null" }] },
                        "text": { "description": "Paragraphs before the list.", "anyOf": [paragraphs, { "type": "null" }] },
                        "items": { "description": "The items.", "type": "array", "items": item },
                    },
                    "additionalProperties": false,
                }
            ]
        })
    }
}

/// A country as its ISO 3166 two-letter code (`KE`, `TZ`); common names are suggested.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Country(pub String);

impl std::ops::Deref for Country {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

/// Country names people write instead of the code.
const COUNTRY_NAMES: &[(&str, &str)] = &[
    ("kenya", "KE"),
    ("tanzania", "TZ"),
    ("uganda", "UG"),
    ("rwanda", "RW"),
    ("burundi", "BI"),
    ("south sudan", "SS"),
    ("ethiopia", "ET"),
    ("somalia", "SO"),
    ("zambia", "ZM"),
    ("malawi", "MW"),
    ("south africa", "ZA"),
    ("nigeria", "NG"),
    ("ghana", "GH"),
    ("philippines", "PH"),
    ("india", "IN"),
    ("malaysia", "MY"),
];

impl Decode for Country {
    fn expected() -> &'static str {
        "a country code such as `KE` or `TZ`"
    }

    fn decode(node: &Node, cx: &mut Cx) -> Option<Self> {
        let text = String::decode(node, cx)?;
        let text = text.trim();
        let upper = text.to_uppercase();
        let known = COUNTRY_NAMES.iter().any(|(_, code)| *code == upper);
        if text.len() == 2
            && text.chars().all(|c| c.is_ascii_alphabetic())
            && (known || text == upper)
        {
            return Some(Country(upper));
        }
        let suggestion = COUNTRY_NAMES
            .iter()
            .find(|(name, _)| *name == text.to_lowercase())
            .map(|(_, code)| *code);
        let label = match suggestion {
            Some(code) => format!("did you mean `{code}`?"),
            None => "expected a two-letter ISO 3166 code".to_owned(),
        };
        cx.report(
            crate::diagnostic::Diagnostic::error(
                crate::diagnostic::Code::BadChoice,
                format!("`{}` is not a country code", crate::diagnostic::clip(text)),
            )
            .at(node.span, label)
            .with_hint(
                "write the two-letter code: `KE` for Kenya, `TZ` for Tanzania, `UG` for Uganda",
            ),
        );
        None
    }
}

impl JsonSchema for Country {
    fn schema_name() -> Cow<'static, str> {
        "Country".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A two-letter ISO 3166 country code, such as `KE` or `TZ`.",
            "type": "string",
            "pattern": "^[A-Za-z]{2}$",
        })
    }
}
