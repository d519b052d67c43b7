//! The services table: what the office does for citizens, what they bring, what it costs
//! and how long it takes.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Serialize;

use crate::model::decode::{Cx, Decode, decode_struct};
use crate::model::{Fee, RowNumber, ServiceCells, StepCells, Text, Timeline};
use crate::span::Sp;
use crate::yaml::{Node, NodeKind};

/// One service, as a row of the services table.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Service {
    /// The row number printed in the charter, if it has one: `3`, or `9.1.1` where the
    /// charter numbers services within sections. Printed as written; lint spots repeated
    /// or skipped numbers. Rows without one are numbered by the theme.
    pub number: Option<Sp<RowNumber>>,
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
    pub classification: Option<Classified>,
    /// The type of transaction, as Philippine charters print it: `G2C` (government to
    /// citizens), `G2B` (to businesses), `G2G` (to government), or several.
    #[serde(default, skip_serializing_if = "Transactions::is_empty")]
    pub transaction: Transactions,
    /// The steps, for charters that print a step table: client step, agency action, fee,
    /// time and person responsible.
    #[serde(default)]
    pub steps: Vec<Step>,
    /// Its values for the columns the charter declares (`columns:` at the top), by key:
    /// `first_appeal: Sub Divisional Magistrate`.
    #[serde(default, skip_serializing_if = "ServiceCells::is_empty")]
    pub columns: ServiceCells,
    /// Services grouped under this one.
    #[serde(default)]
    pub services: Vec<Service>,
}

decode_struct!(Service, "a service" {
    number, name, description, requirements, fee, timeline, office, audience,
    classification, transaction, steps, columns, services
});

/// Who a service is for, in the Philippine codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub enum Transaction {
    /// Government to citizens.
    G2C,
    /// Government to businesses.
    G2B,
    /// Government to government.
    G2G,
}

impl Transaction {
    pub fn code(self) -> &'static str {
        match self {
            Transaction::G2C => "G2C",
            Transaction::G2B => "G2B",
            Transaction::G2G => "G2G",
        }
    }
}

/// The types of transaction of a service: one code or several, written as the charter
/// prints them (`G2C`, `Government-to-Citizens (G2C)`, `G2C; G2B`), and printed so.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Transactions(pub Vec<TransactionItem>);

/// One type of transaction as written, and the codes it names.
#[derive(Clone, Debug, PartialEq)]
pub struct TransactionItem {
    pub written: Sp<String>,
    pub codes: Vec<Transaction>,
}

impl Transactions {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Every code named, in order.
    pub fn codes(&self) -> Vec<Transaction> {
        self.0
            .iter()
            .flat_map(|t| t.codes.iter().copied())
            .collect()
    }
}

impl Serialize for Transactions {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(|t| &t.written.value))
    }
}

impl Decode for Transactions {
    fn expected() -> &'static str {
        "a type of transaction such as `G2C`, or a list of them"
    }

    fn decode(node: &Node, cx: &mut Cx) -> Option<Self> {
        let items: Vec<&Node> = match &node.kind {
            NodeKind::Seq(items) => items.iter().collect(),
            NodeKind::Scalar(_) => vec![node],
            _ => {
                cx.wrong_type::<Self>(node);
                return None;
            }
        };
        let mut out = Vec::new();
        for item in items {
            let written = String::decode(item, cx)?.trim().to_owned();
            let upper = written.to_uppercase();
            let codes: Vec<Transaction> = [Transaction::G2C, Transaction::G2B, Transaction::G2G]
                .into_iter()
                .filter(|t| upper.contains(t.code()))
                .collect();
            if codes.is_empty() {
                cx.report(
                    crate::diagnostic::Diagnostic::error(
                        crate::diagnostic::Code::BadChoice,
                        format!("`{}` is not a type of transaction", crate::diagnostic::clip(&written)),
                    )
                    .at(item.span, "expected `G2C`, `G2B` or `G2G`")
                    .with_hint("write the code the charter prints: `G2C` (government to citizens), `G2B` (to businesses) or `G2G` (to government)"),
                );
                return None;
            }
            out.push(TransactionItem {
                written: Sp::new(written, item.span),
                codes,
            });
        }
        Some(Transactions(out))
    }

    fn absent() -> Option<Self> {
        Some(Transactions::default())
    }
}

impl JsonSchema for Transactions {
    fn schema_name() -> Cow<'static, str> {
        "Transactions".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "The type of transaction: `G2C`, `G2B` or `G2G`, or a list of them.",
            "anyOf": [
                { "type": "string" },
                { "type": "array", "items": { "type": "string" } }
            ]
        })
    }
}

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
        NodeKind::Map(entries) => entries
            .iter()
            .all(|(k, _)| k.name.len() == 2 || k.name == "fil"),
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
    /// Its values for the step columns the charter declares (`of: steps`), by key:
    /// `signatures: 1`, `compliance_cost: PhP 50.00`.
    #[serde(default, skip_serializing_if = "StepCells::is_empty")]
    pub columns: StepCells,
}

decode_struct!(Step, "a step" { client, agency, fee, time, responsible, columns });

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
    "highly technical" => HighlyTechnical,
});

/// A classification, and the word the charter prints for it (`SIMPLE`, `Highly
/// Technical`), which is what posters print.
#[derive(Clone, Debug, PartialEq)]
pub struct Classified {
    pub value: Sp<Classification>,
    pub written: String,
}

impl Decode for Classified {
    fn expected() -> &'static str {
        Classification::expected()
    }

    fn decode(node: &Node, cx: &mut Cx) -> Option<Self> {
        let value = Sp::<Classification>::decode(node, cx)?;
        let written = node.as_scalar().map(|s| s.text().trim().to_owned())?;
        Some(Classified { value, written })
    }
}

impl Serialize for Classified {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(serializer)
    }
}

impl JsonSchema for Classified {
    fn schema_name() -> Cow<'static, str> {
        Classification::schema_name()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "`simple`, `complex` or `highly-technical` (the Philippine \
                            classification), in any capitals, as the charter prints it.",
            "type": "string",
        })
    }
}
