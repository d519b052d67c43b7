//! Columns a charter adds to its services or step tables: the compliance cost and number of
//! signatures of Philippine handbooks (with totals), the first and second appellate
//! authority of Indian Right to Service lists, a designated officer.
//!
//! A column is declared once, at the top, with its label and type; each service (or step)
//! then gives its value under `columns:`. Declaring first is what lets a value be read for
//! what it is (an amount is read as a fee is, a time as a timeline) and a misspelt column
//! be caught, where a free-form map would take any key.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Serialize;

use crate::diagnostic::{Code, Diagnostic, clip};
use crate::model::choice::decode_choice;
use crate::model::decode::{Cx, Decode};
use crate::model::total::{self, Total};
use crate::model::{Fee, Text, Timeline};
use crate::span::Sp;
use crate::suggest::did_you_mean;
use crate::yaml::{Node, NodeKind};

/// The charter's own columns, in the order declared (the order they are printed in).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Columns(pub Vec<Column>);

/// One column: its key, its label and what its values are.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Column {
    #[serde(skip)]
    pub key: Sp<String>,
    pub label: Text,
    #[serde(rename = "type")]
    pub kind: ColumnType,
    pub of: ColumnOf,
    /// Whether the handbook and page print the sum of a service's steps.
    pub total: bool,
}

/// What a column's values are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ColumnType {
    /// Words, printed as written.
    Text,
    /// A whole number, such as a number of signatures.
    Number,
    /// An amount of money, read as a fee is (`PhP 50.00`, `None`).
    Amount,
    /// A length of time, read as a timeline is (`10 minutes`, `1 working day`).
    Time,
}

decode_choice!(ColumnType, "a column type" {
    "text" => Text,
    "number" => Number,
    "amount" => Amount,
    "time" => Time,
});

/// Whether a column belongs to the services table or to the step tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ColumnOf {
    Services,
    Steps,
}

decode_choice!(ColumnOf, "`services` or `steps`" {
    "services" => Services,
    "steps" => Steps,
});

/// A column declared with its keys: its label, and what its values are.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct ColumnFields {
    /// The column's heading, as the charter prints it: once, or per language.
    label: Text,
    /// `text` (the default), `number`, `amount` (read as a fee is) or `time` (read as a
    /// timeline is).
    #[serde(rename = "type")]
    kind: Option<ColumnType>,
    /// `services` (the default: a column of the services table) or `steps` (a column of
    /// the step tables).
    of: Option<ColumnOf>,
    /// Print the sum of a service's steps, as the TOTAL row of a step table does (a
    /// column `of: steps` of numbers, amounts or times).
    total: Option<bool>,
}

const FIELDS: &[&str] = &["label", "type", "of", "total"];

impl Columns {
    /// The columns declared well, and the keys of those whose declaration has a problem
    /// (reported): a service's value for one of those is not reported again as undeclared.
    pub fn read(node: &Node, cx: &mut Cx) -> Option<(Columns, Vec<String>)> {
        let entries = cx.expect_map(node, "the columns")?;
        let mut columns = Vec::new();
        let mut failed = Vec::new();
        if entries.len() > crate::limits::COLUMNS {
            let (first, _) = &entries[crate::limits::COLUMNS];
            cx.report(
                Diagnostic::error(
                    Code::TooManyColumns,
                    format!(
                        "this charter declares {} columns; at most {} are read",
                        entries.len(),
                        crate::limits::COLUMNS
                    ),
                )
                .at(first.span, "the first column not read")
                .with_hint(
                    "declare only the columns the charter prints beside its own (real \
                     charters add two or three); put anything else in a service's \
                     `description`",
                ),
            );
            failed.extend(
                entries[crate::limits::COLUMNS..]
                    .iter()
                    .map(|(k, _)| k.name.clone()),
            );
        }
        for (key, value) in entries.iter().take(crate::limits::COLUMNS) {
            let column = cx.anchored(key.span, |cx| {
                column(Sp::new(key.name.clone(), key.span), value, cx)
            });
            match column {
                Some(c) => columns.push(c),
                None => failed.push(key.name.clone()),
            }
        }
        Some((Columns(columns), failed))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn get(&self, key: &str) -> Option<&Column> {
        self.0.iter().find(|c| c.key.value == key)
    }

    /// The columns of the services table, or of the step tables.
    pub fn of(&self, of: ColumnOf) -> impl Iterator<Item = &Column> {
        self.0.iter().filter(move |c| c.of == of)
    }
}

impl Decode for Columns {
    fn expected() -> &'static str {
        "columns, such as `designated_officer: Designated Officer`"
    }

    fn decode(node: &Node, cx: &mut Cx) -> Option<Self> {
        let (columns, failed) = Columns::read(node, cx)?;
        failed.is_empty().then_some(columns)
    }

    fn absent() -> Option<Self> {
        Some(Columns::default())
    }
}

/// A column's declaration: its label alone (a text column of the services table), or
/// `label:` with `type:`, `of:` and `total:`.
fn column(key: Sp<String>, node: &Node, cx: &mut Cx) -> Option<Column> {
    let long = matches!(&node.kind, NodeKind::Map(entries)
        if entries.iter().any(|(k, _)| FIELDS.contains(&k.name.as_str()))
            || !crate::model::service::is_short_text(node));
    if !long {
        let label = Text::decode(node, cx)?;
        return Some(Column {
            key,
            label,
            kind: ColumnType::Text,
            of: ColumnOf::Services,
            total: false,
        });
    }
    let context = "a column";
    let entries = cx.expect_map(node, context)?;
    cx.check_keys(entries, FIELDS, context);
    let label: Option<Text> = cx.field(entries, "label", context);
    let kind: Option<Option<Sp<ColumnType>>> = cx.field(entries, "type", context);
    let of: Option<Option<ColumnOf>> = cx.field(entries, "of", context);
    let total: Option<Option<Sp<bool>>> = cx.field(entries, "total", context);
    let (label, kind, of, total) = (label?, kind?, of?.unwrap_or(ColumnOf::Services), total?);
    let kind_value = kind.as_ref().map_or(ColumnType::Text, |k| k.value);
    if let Some(total) = total.as_ref().filter(|t| t.value) {
        let problem = if kind_value == ColumnType::Text {
            Some((
                "a column of text has no total".to_owned(),
                "only numbers, amounts and times add up: give the column `type: number`, \
                 `amount` or `time`, or remove `total`",
            ))
        } else if of == ColumnOf::Services {
            Some((
                format!(
                    "a total adds up a service's steps, but `{}` is a column of the services table",
                    clip(&key.value)
                ),
                "a total adds up the steps of one service, as the TOTAL row of a step table \
                 does: write `of: steps`, or remove `total`",
            ))
        } else {
            None
        };
        if let Some((message, hint)) = problem {
            cx.report(
                Diagnostic::error(Code::ColumnTotal, message)
                    .at(total.span, "cannot be added up")
                    .with_hint(hint),
            );
            return None;
        }
    }
    Some(Column {
        key,
        label,
        kind: kind_value,
        of,
        total: total.is_some_and(|t| t.value),
    })
}

impl Serialize for Columns {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for column in &self.0 {
            map.serialize_entry(&column.key.value, column)?;
        }
        map.end()
    }
}

impl JsonSchema for Columns {
    fn schema_name() -> Cow<'static, str> {
        "Columns".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let text = generator.subschema_for::<Text>();
        let fields = generator.subschema_for::<ColumnFields>();
        json_schema!({
            "description": "Columns the charter adds to its services or step tables, declared \
                            once: a key each, with its label alone (a column of text in the \
                            services table) or `label`, `type` (`text`, `number`, `amount`, \
                            `time`), `of` (`services` or `steps`) and `total`. Each service or \
                            step gives its values under `columns:`.",
            "type": "object",
            "additionalProperties": { "anyOf": [text, fields] }
        })
    }
}

/// The values one service, or one step, gives for the charter's columns; `STEPS` says
/// which, so that a step's value for a column of the services table is caught.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Cells<const STEPS: bool>(pub Vec<Cell>);

/// A service's values for the columns of the services table.
pub type ServiceCells = Cells<false>;
/// A step's values for the columns of the step tables.
pub type StepCells = Cells<true>;

/// One value, under its column's key.
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    pub key: Sp<String>,
    pub value: CellValue,
}

/// A value, read as its column's type says.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum CellValue {
    Text(Text),
    /// The number, and the words it was written in (`02` stays `02` on the poster).
    Number {
        value: u32,
        #[serde(skip)]
        written: String,
    },
    Amount(Fee),
    Time(Timeline),
}

impl<const STEPS: bool> Cells<STEPS> {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn get(&self, key: &str) -> Option<&CellValue> {
        self.0.iter().find(|c| c.key.value == key).map(|c| &c.value)
    }
}

impl<const STEPS: bool> Decode for Cells<STEPS> {
    fn expected() -> &'static str {
        "the values of the charter's columns, such as `designated_officer: Executive Officer`"
    }

    fn decode(node: &Node, cx: &mut Cx) -> Option<Self> {
        let entries = cx.expect_map(node, "the columns' values")?;
        let here = if STEPS {
            ColumnOf::Steps
        } else {
            ColumnOf::Services
        };
        let mut cells = Vec::new();
        let mut ok = true;
        for (key, value) in entries {
            let Some(column) = declared(&key.name, key.span, here, cx) else {
                ok = false;
                continue;
            };
            let value = cx.anchored(key.span, |cx| match column.kind {
                ColumnType::Text => Text::decode(value, cx).map(CellValue::Text),
                ColumnType::Number => {
                    let number = u32::decode(value, cx)?;
                    let written = value.as_scalar().map(|s| s.text().trim().to_owned())?;
                    Some(CellValue::Number {
                        value: number,
                        written,
                    })
                }
                ColumnType::Amount => Fee::decode(value, cx).map(CellValue::Amount),
                ColumnType::Time => Timeline::decode(value, cx).map(CellValue::Time),
            });
            match value {
                Some(value) => cells.push(Cell {
                    key: Sp::new(key.name.clone(), key.span),
                    value,
                }),
                None => ok = false,
            }
        }
        ok.then_some(Cells(cells))
    }

    fn absent() -> Option<Self> {
        Some(Cells(Vec::new()))
    }
}

/// The declared column `name` of the table being read, or a report of why there is none:
/// not declared (with the nearest declared name), or declared for the other table.
fn declared(name: &str, span: crate::span::Span, here: ColumnOf, cx: &mut Cx) -> Option<Column> {
    if cx.columns_failed.contains(name) {
        // Its declaration's problem is reported; its values are not read.
        return None;
    }
    if let Some(column) = cx.columns.get(name) {
        if column.of == here {
            return Some(column.clone());
        }
        let (other, place) = match column.of {
            ColumnOf::Steps => ("the step tables", "each step's `columns:`"),
            ColumnOf::Services => ("the services table", "the service's `columns:`"),
        };
        cx.report(
            Diagnostic::error(
                Code::UndeclaredColumn,
                format!("`{}` is a column of {other}", clip(name)),
            )
            .at(span, "not a column of this table")
            .with_hint(format!(
                "give its value in {place}, or declare it with `of: {}`",
                match here {
                    ColumnOf::Steps => "steps",
                    ColumnOf::Services => "services",
                }
            )),
        );
        return None;
    }
    let names: Vec<&str> = cx.columns.of(here).map(|c| c.key.value.as_str()).collect();
    let label = match did_you_mean(name, names.iter().copied()) {
        Some(close) => format!("did you mean `{close}`?"),
        None => "not declared".to_owned(),
    };
    let hint = if names.is_empty() {
        format!(
            "declare the column once at the top of the charter, with the label it prints \
             under: `columns: {{{}: {{label: \"...\"}}}}`",
            clip(name)
        )
    } else {
        format!(
            "this charter's columns here are: {}; declare any other under `columns:` at \
             the top of the charter",
            names.join(", ")
        )
    };
    cx.report(
        Diagnostic::error(
            Code::UndeclaredColumn,
            format!("`{}` is not one of this charter's columns", clip(name)),
        )
        .at(span, label)
        .with_hint(hint),
    );
    None
}

impl<const STEPS: bool> Serialize for Cells<STEPS> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for cell in &self.0 {
            match &cell.value {
                CellValue::Number { value, .. } => map.serialize_entry(&cell.key.value, value)?,
                other => map.serialize_entry(&cell.key.value, other)?,
            }
        }
        map.end()
    }
}

impl<const STEPS: bool> JsonSchema for Cells<STEPS> {
    fn schema_name() -> Cow<'static, str> {
        if STEPS { "StepCells" } else { "ServiceCells" }.into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Values for the columns declared under `columns:` at the top of the \
                            charter, by the column's key: text, a whole number, an amount or \
                            a time, as the column's `type` says.",
            "type": "object",
            "additionalProperties": {
                "anyOf": [
                    { "type": "string" },
                    { "type": "number" },
                    { "type": "object" }
                ]
            }
        })
    }
}

impl Column {
    /// The sum of this column's values in `cells` (a service's steps), when the column asks
    /// for one and every value given can be added: numbers; amounts in one currency (a
    /// free step counts as nothing); times in days, hours and minutes. Steps without a
    /// value are left out. `None` when any value is words, a range, tiers or cases, or a
    /// month: a total the office did not write must not be a guess.
    pub fn total<'a>(&self, cells: impl IntoIterator<Item = &'a CellValue>) -> Option<Total> {
        if !self.total {
            return None;
        }
        let values: Vec<&CellValue> = cells.into_iter().collect();
        if values.is_empty() {
            return None;
        }
        match self.kind {
            ColumnType::Text => None,
            ColumnType::Number => values
                .iter()
                .map(|v| match v {
                    CellValue::Number { value, .. } => Some(u64::from(*value)),
                    _ => None,
                })
                .sum::<Option<u64>>()
                .map(Total::Number),
            ColumnType::Amount => total::fees(values.iter().map(|v| match v {
                CellValue::Amount(fee) => Some(fee),
                _ => None,
            })),
            ColumnType::Time => total::times(values.iter().map(|v| match v {
                CellValue::Time(timeline) => Some(timeline),
                _ => None,
            })),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reading::{Basis, Unit};
    use crate::source::SourceFile;

    /// The totals of the first service's steps, read from a charter with these columns.
    fn totals(columns: &str, steps: &str) -> Vec<Option<Total>> {
        let text = format!(
            "languages: [en]\ntitle: T\ncurrency: PHP\norganization: {{name: O}}\n\
             columns: {columns}\nservices:\n  - name: S\n    steps: {steps}\n"
        );
        let loaded = crate::load::load_source(SourceFile::new("t.yaml", text));
        assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
        let charter = loaded.charter.unwrap();
        let service = &charter.services[0];
        charter
            .columns
            .of(ColumnOf::Steps)
            .map(|c| c.total(service.steps.iter().filter_map(|s| s.columns.get(&c.key))))
            .collect()
    }

    #[test]
    fn totals_add_what_can_be_added() {
        let got = totals(
            "{n: {label: N, type: number, of: steps, total: true}, \
              a: {label: A, type: amount, of: steps, total: true}, \
              t: {label: T, type: time, of: steps, total: true}}",
            "[{columns: {n: 1, a: PhP 12.50, t: 10 minutes}}, \
              {columns: {n: 2, a: None, t: 1 working day}}, \
              {columns: {n: 3, a: 3, t: 50 minutes}}, {client: no values}]",
        );
        let Some(Total::Time(time)) = &got[2] else {
            panic!("{got:?}")
        };
        assert_eq!(
            (time.amount, time.unit, time.basis, time.plus.clone()),
            (
                1,
                Some(Unit::Days),
                Some(Basis::Working),
                vec![(1, Unit::Hours)]
            )
        );
        assert_eq!(got[0], Some(Total::Number(6)));
        assert_eq!(
            got[1],
            Some(Total::Amount {
                value: "15.50".into(),
                currency: Some("PHP".into())
            })
        );
    }

    #[test]
    fn a_total_is_left_blank_rather_than_guessed() {
        let got = totals(
            "{a: {label: A, type: amount, of: steps, total: true}, \
              t: {label: T, type: time, of: steps, total: true}, \
              n: {label: N, type: number, of: steps}}",
            "[{columns: {a: PhP 10, t: 1 month, n: 1}}, \
              {columns: {a: USD 5, t: 2 days, n: 2}}]",
        );
        assert_eq!(got, vec![None, None, None]);
        let ranges = totals(
            "{t: {label: T, type: time, of: steps, total: true}}",
            "[{columns: {t: 1-2 days}}]",
        );
        assert_eq!(ranges, vec![None]);
    }
}
