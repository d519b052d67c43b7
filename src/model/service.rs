//! The services table: what the office does for citizens, what they bring, what it costs
//! and how long it takes.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Serialize;

use crate::decode::{Cx, Decode, decode_struct};
use crate::model::{Fee, Sp, Text, Timeline};
use crate::yaml::{Node, NodeKind};

/// One service, as a row of the services table.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Service {
    /// The row number printed in the charter, if it has one. Kept so lint can spot
    /// duplicated or skipped numbers; posters number rows themselves.
    pub number: Option<Sp<u32>>,
    /// What the service is, for example `Issuance of trade licences`.
    pub name: Text,
    /// A longer explanation, when the name is not enough.
    pub description: Option<Text>,
    /// What the citizen must bring or do ("Wajibu wa Mteja"): documents, forms, a visit.
    #[serde(default)]
    pub requirements: Vec<Requirement>,
    /// What it costs: `free`, `KES 5,000`, tiers, or an explained text.
    pub fee: Option<Fee>,
    /// How long it takes: `7 working days`, `Ndani ya siku 7`.
    pub timeline: Option<Timeline>,
    /// The office, division or officer responsible.
    pub office: Option<Text>,
    /// Who may use the service ("who may avail").
    pub audience: Option<Text>,
    /// `simple`, `complex` or `highly-technical` (the Philippine classification: at most
    /// 3, 7 or 20 working days).
    pub classification: Option<Sp<Classification>>,
    /// The steps, for charters that print a step table: client step, agency action, fee,
    /// time and person responsible.
    #[serde(default)]
    pub steps: Vec<Step>,
    /// Services grouped under this one.
    #[serde(default)]
    pub services: Vec<Service>,
}

decode_struct!(Service, "a service" {
    number, name, description, requirements, fee, timeline, office, audience,
    classification, steps, services
});

/// Something the citizen must bring or do. Write it as plain text, or with `from` to say
/// where to obtain it:
///
/// ```yaml
/// requirements:
///   - Copy of national ID
///   - item: Police abstract
///     from: The nearest police station
/// ```
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Requirement {
    pub item: Text,
    pub from: Option<Text>,
}

/// The long form of a requirement.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RequirementFields {
    /// What to bring or do.
    pub item: Text,
    /// Where to obtain it.
    pub from: Option<Text>,
}

decode_struct!(RequirementFields, "a requirement" { item, from });

impl Decode for Requirement {
    fn expected() -> &'static str {
        "a requirement (text, or `item:` and `from:`)"
    }

    fn decode(node: &Node, cx: &mut Cx) -> Option<Self> {
        if is_short_text(node) {
            return Text::decode(node, cx).map(|item| Requirement { item, from: None });
        }
        let RequirementFields { item, from } = RequirementFields::decode(node, cx)?;
        Some(Requirement { item, from })
    }
}

impl JsonSchema for Requirement {
    fn schema_name() -> Cow<'static, str> {
        "Requirement".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let text = generator.subschema_for::<Text>();
        let fields = generator.subschema_for::<RequirementFields>();
        json_schema!({
            "description": "Something the citizen must bring or do: text, or `item:` with \
                            `from:` (where to obtain it).",
            "anyOf": [text, fields]
        })
    }
}

/// True when `node` is written as short-form text: a scalar, or a map whose keys all look
/// like two-letter language codes. Any other map is the long form, so a mistyped field
/// (`itme:`) gets "did you mean `item`?" rather than "not a language code".
pub(crate) fn is_short_text(node: &Node) -> bool {
    match &node.kind {
        NodeKind::Scalar(_) => true,
        NodeKind::Map(entries) => entries.iter().all(|(k, _)| k.name.len() == 2),
        _ => false,
    }
}

/// One step of a service, as in the Philippine step tables.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// What the citizen does.
    pub client: Option<Text>,
    /// What the office does.
    pub agency: Option<Text>,
    /// The fee paid at this step.
    pub fee: Option<Fee>,
    /// How long this step takes.
    pub time: Option<Timeline>,
    /// The person or desk responsible.
    pub responsible: Option<Text>,
}

decode_struct!(Step, "a step" { client, agency, fee, time, responsible });

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Classification {
    Simple,
    Complex,
    HighlyTechnical,
}

crate::model::choice::decode_choice!(Classification, "a classification" {
    "simple" => Simple,
    "complex" => Complex,
    "highly-technical" => HighlyTechnical,
});
