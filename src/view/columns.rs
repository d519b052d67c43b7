//! The columns a charter adds to its tables, and their values and totals as printed.

use serde::Serialize;

use super::format::{amount, fee_tx, timeline_tx};
use super::{Tr, Tx};
use crate::model::{Amount, CellValue, Cells, Column, ColumnOf, ColumnType, Columns, Step, Total};

/// The charter's own columns, in the order declared: those of the services table, and
/// those of the step tables. A service's (or step's) values come in the same order.
#[derive(Debug, Serialize)]
pub struct OwnColumnsView {
    pub services: Vec<OwnColumnView>,
    pub steps: Vec<OwnColumnView>,
}

#[derive(Debug, Serialize)]
pub struct OwnColumnView {
    pub key: String,
    pub label: Tx,
    /// `text`, `number`, `amount` or `time`: themes may align numbers to the right.
    #[serde(rename = "type")]
    pub kind: ColumnType,
    /// Whether the step table has a total for it.
    pub total: bool,
}

pub fn own_columns(columns: &Columns, tr: &Tr) -> OwnColumnsView {
    let view = |of| {
        columns
            .of(of)
            .map(|c| OwnColumnView {
                key: c.key.value.clone(),
                label: tr.text(&c.label),
                kind: c.kind,
                total: c.total,
            })
            .collect()
    };
    OwnColumnsView {
        services: view(ColumnOf::Services),
        steps: view(ColumnOf::Steps),
    }
}

/// A row's values for the columns of `of`, in the columns' order (`None` where the row
/// gives none).
pub fn cells<const STEPS: bool>(
    cells: &Cells<STEPS>,
    columns: &Columns,
    of: ColumnOf,
    tr: &Tr,
) -> Vec<Option<Tx>> {
    columns
        .of(of)
        .map(|c| cells.get(&c.key.value).map(|v| cell(v, tr)))
        .collect()
}

fn cell(value: &CellValue, tr: &Tr) -> Tx {
    match value {
        CellValue::Text(text) => tr.text(text),
        CellValue::Number { written, .. } => vec![written.clone()],
        CellValue::Amount(fee) => fee_tx(fee, tr),
        CellValue::Time(timeline) => timeline_tx(timeline, tr),
    }
}

/// The totals of a service's steps for the step columns, in the columns' order: `None`
/// where the column asks for none, or where its values cannot be added up; empty when
/// there is no total at all (so a theme prints a total row only when it has one).
pub fn totals(steps: &[Step], columns: &Columns, tr: &Tr) -> Vec<Option<Tx>> {
    let totals: Vec<Option<Tx>> = columns
        .of(ColumnOf::Steps)
        .map(|c| total(c, steps).map(|t| total_tx(&t, tr)))
        .collect();
    if totals.iter().all(Option::is_none) {
        return Vec::new();
    }
    totals
}

fn total(column: &Column, steps: &[Step]) -> Option<Total> {
    column.total(
        steps
            .iter()
            .filter_map(|s| s.columns.get(&column.key.value)),
    )
}

/// A total written out in each language: `3`, `₱ 150.00`, `1 working day and 10 minutes`.
pub fn total_tx(total: &Total, tr: &Tr) -> Tx {
    tr.each(|lang, locale| {
        Some(match total {
            Total::Number(n) => n.to_string(),
            Total::Amount { value, currency } => amount(
                &Amount {
                    value: value.clone(),
                    max: None,
                    currency: currency.clone(),
                    per: None,
                    at_most: false,
                    qualifier: None,
                },
                lang,
                locale,
            ),
            Total::Time(measure) => locale.duration(measure),
        })
    })
}
