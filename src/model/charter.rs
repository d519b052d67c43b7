//! The root of a charter file.

use schemars::JsonSchema;
use serde::Serialize;

use crate::diagnostic::{Code, Diagnostic};
use crate::model::choice::decode_choice;
use crate::model::contact::{Channel, Complaints};
use crate::model::decode::{Cx, Decode, decode_struct};
use crate::model::fee::Currency;
use crate::model::sections::{
    CustomerGroup, Item, List, Organization, Preface, Review, Section, StandardGroup,
};
use crate::model::{Abbreviations, Columns, Date, Fee, Labels, Lang, Services, Text};
use crate::span::Sp;
use crate::span::Span;
use crate::yaml::Node;

/// A citizens' service charter: who serves, what they promise, and where to complain when
/// a promise is broken.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Charter {
    /// The charter's languages as ISO 639-1 codes, main language first: `[sw]`, `[en]`,
    /// or `[sw, en]` for a bilingual charter.
    pub languages: Sp<Vec<Sp<Lang>>>,
    /// The charter's title, for example `Citizens' Service Charter` or `Hati ya Utoaji
    /// Huduma kwa Wananchi`.
    pub title: Text,
    /// The organisation that makes these promises.
    pub organization: Organization,
    /// The edition, as printed: `2019, 1st edition`, `Toleo la Pili`.
    pub edition: Option<Text>,
    /// The date the charter was issued, as `YYYY-MM-DD`, or the month (`2017-07`) or year
    /// (`2017`) when that is all the charter prints.
    pub issued: Option<Sp<Date>>,
    /// When and how the charter is reviewed.
    pub review: Option<Review>,
    /// The slogan printed at the foot, for example `Huduma Bora ni Haki Yako`.
    pub slogan: Option<Text>,
    /// The office's commitment, for example `We are committed to courtesy and excellence
    /// in service delivery` (the built-in themes print it under the title).
    pub commitment: Option<Text>,
    /// The fee of every service that states none, when the charter says it once: `free`
    /// for "All our services are free of charge". Printed above the services table.
    pub fee: Option<Fee>,
    /// The currency of fees written without one, as an ISO 4217 code such as `KES`.
    pub currency: Option<Sp<Currency>>,
    /// `poster` (one sheet) or `handbook` (several A4 pages with every section).
    pub layout: Option<Sp<Layout>>,
    /// The charter's own headings and column labels, printed instead of the theme's:
    /// `vision: MAONO YETU`, `office: RESPONSIBILITY`, `fee: {en: USER CHARGES, sw: MALIPO}`.
    #[serde(default)]
    pub labels: Labels,
    /// Columns the charter adds to its services or step tables, declared once with their
    /// labels: `first_appeal: First Appellate Authority`, or `signatures: {label: No. of
    /// signatures, type: number, of: steps, total: true}`. Services and steps give their
    /// values under `columns:`.
    #[serde(default, skip_serializing_if = "Columns::is_empty")]
    pub columns: Columns,
    /// The list of abbreviations: `TRA: Tanzania Revenue Authority`.
    #[serde(default)]
    pub abbreviations: Abbreviations,
    /// The preface or foreword, signed by the head of the organisation.
    pub preface: Option<Preface>,
    /// What the charter is for.
    pub purpose: Option<Sp<Section>>,
    /// The principles of service delivery the organisation follows.
    #[serde(default)]
    pub principles: List<Item>,
    /// Where the organisation is going ("Dira").
    pub vision: Option<Text>,
    /// What it does to get there ("Dhima").
    pub mission: Option<Text>,
    /// Its core values ("Maadili" / "Nguzo Kuu"): a name each, with an optional
    /// explanation.
    #[serde(default)]
    pub values: List<Item>,
    /// Its objectives or goals ("Malengo").
    pub objectives: Option<Sp<Section>>,
    /// Its customers and what each group may expect ("Wateja Wetu").
    #[serde(default)]
    pub customers: List<CustomerGroup>,
    /// The services table ("Huduma Zetu"): services, and groups of them under a heading.
    #[serde(default)]
    pub services: Services,
    /// Service standards, in groups such as relations, quality and timeliness.
    #[serde(default)]
    pub standards: Vec<StandardGroup>,
    /// The customers' rights ("Haki za Wateja").
    pub rights: Option<Sp<Section>>,
    /// The customers' duties ("Majukumu ya Wateja").
    pub duties: Option<Sp<Section>>,
    /// How to complain, and to whom, in escalation order.
    pub complaints: Option<Complaints>,
    /// How to give feedback on the charter ("Mlisho Nyuma").
    pub feedback: Option<Channel>,
    /// Where to appeal beyond the organisation ("Kukata Rufaa").
    pub appeal: Option<Channel>,
    /// How performance against the standards is reported ("Taarifa ya Matokeo").
    pub reporting: Option<Sp<Section>>,
}

decode_struct!(@fields Charter, "the charter" {
    languages, title, organization, edition, issued, review, slogan, commitment, fee, currency,
    layout, labels, columns, abbreviations, preface, purpose, principles, vision, mission, values, objectives, customers,
    services, standards, rights, duties, complaints, feedback, appeal, reporting
});

impl Decode for Charter {
    fn expected() -> &'static str {
        "a charter"
    }

    /// Reads `languages` and `currency` before anything else, since text and fees anywhere
    /// in the file are checked against them; then decodes every field.
    fn decode(node: &Node, cx: &mut Cx) -> Option<Self> {
        let Some(entries) = node.as_map() else {
            cx.report(not_a_charter(
                node,
                format!("this file holds {}, not a charter", node.shape()),
            ));
            return None;
        };
        if !entries
            .iter()
            .any(|(key, _)| Charter::FIELDS.contains(&key.name.as_str()))
        {
            cx.report(not_a_charter(
                node,
                "none of its keys belong to a charter".into(),
            ));
            return None;
        }
        if let Some((_, value)) = entries.iter().find(|(k, _)| k.name == "languages") {
            let mut scratch = Cx::default();
            let languages: Option<Vec<Lang>> = Vec::decode(value, &mut scratch);
            cx.languages = languages.unwrap_or_default();
        }
        if let Some((_, value)) = entries.iter().find(|(k, _)| k.name == "currency") {
            cx.currency =
                value.as_scalar().and_then(|s| {
                    match crate::reading::currency_candidates(s.text()).as_slice() {
                        [code] => Some((*code).to_owned()),
                        _ => None,
                    }
                });
        }
        if let Some((_, value)) = entries.iter().find(|(k, _)| k.name == "columns") {
            // Read once quietly for the services' values; the field itself is read (and
            // its problems reported) with the others.
            let mut scratch = Cx::default();
            scratch.languages = cx.languages.clone();
            if let Some((columns, failed)) = Columns::read(value, &mut scratch) {
                cx.columns = columns;
                cx.columns_failed = failed.into_iter().collect();
            }
        }
        let charter = Charter::decode_fields(node, cx)?;
        if charter.languages.is_empty() {
            cx.report(
                Diagnostic::error(Code::MissingField, "the charter lists no languages")
                    .at(charter.languages.span, "no language here")
                    .with_hint("write the charter's languages, main one first: `[sw]`, `[en]` or `[sw, en]`"),
            );
            return None;
        }
        Some(charter)
    }
}

fn not_a_charter(node: &Node, message: String) -> Diagnostic {
    Diagnostic::error(Code::NotACharter, "this file is not a service charter")
        .at(Span::new(node.span.offset, 0), message)
        .with_hint(
            "a charter is a YAML file with keys such as `title:`, `organization:` and \
             `services:`; run `charter new` to see one",
        )
}

/// `poster` or `handbook`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, serde::Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Layout {
    /// One sheet, A4 to A0: for the wall at the entrance.
    #[default]
    Poster,
    /// Several A4 pages with every section and page numbers: for the counter.
    Handbook,
}

impl Layout {
    /// Its name, as written in a charter and read by themes (`data.build.layout`).
    pub fn name(self) -> &'static str {
        match self {
            Layout::Poster => "poster",
            Layout::Handbook => "handbook",
        }
    }
}

decode_choice!(Layout, "a layout" {
    "poster" => Poster,
    "handbook" => Handbook,
});
