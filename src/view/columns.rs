//! The columns a charter adds to its tables, and their values and totals as printed.

use serde::Serialize;

use super::format::{amount, fee_tx, timeline_tx};
use super::{ServiceView, Tr, Tx};
use crate::model::{
    Amount, CellValue, Cells, Column, ColumnOf, ColumnType, Columns, Fee, FeeKind, Step, Total,
};

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
    /// Whether any row gives it a value: a theme leaves out a column nobody fills.
    pub filled: bool,
}

/// The charter's own columns, each told whether any of `services` (or their steps) fills it.
pub fn own_columns(columns: &Columns, services: &[ServiceView], tr: &Tr) -> OwnColumnsView {
    let view = |of| {
        columns
            .of(of)
            .enumerate()
            .map(|(i, c)| OwnColumnView {
                key: c.key.value.clone(),
                label: tr.text(&c.label),
                kind: c.kind,
                total: c.total,
                filled: services.iter().any(|s| match of {
                    ColumnOf::Services => s.own_columns.get(i).is_some_and(Option::is_some),
                    ColumnOf::Steps => s
                        .steps
                        .iter()
                        .any(|step| step.own_columns.get(i).is_some_and(Option::is_some)),
                }),
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
        .map(|c| total(c, steps, tr))
        .collect();
    if totals.iter().all(Option::is_none) {
        return Vec::new();
    }
    totals
}

fn total(column: &Column, steps: &[Step], tr: &Tr) -> Option<Tx> {
    let values = steps
        .iter()
        .filter_map(|s| s.columns.get(&column.key.value));
    if column.total && column.kind == ColumnType::Amount {
        let fees = values.clone().map(|v| match v {
            CellValue::Amount(fee) => Some(fee),
            _ => None,
        });
        if let Some(free) = free_total(fees, tr) {
            return Some(free);
        }
    }
    column.total(values).map(|t| total_tx(&t, tr))
}

/// When every fee is free, their total is free too: in their own words when they all use
/// the same ("None"), or the catalogue's, rather than a sum of `0`.
pub fn free_total<'a>(fees: impl IntoIterator<Item = Option<&'a Fee>>, tr: &Tr) -> Option<Tx> {
    let fees: Vec<&Fee> = fees.into_iter().collect::<Option<_>>()?;
    if fees.is_empty()
        || !fees
            .iter()
            .all(|f| matches!(f.kind, FeeKind::Free { condition: None }))
    {
        return None;
    }
    let words: Vec<Tx> = fees.iter().map(|f| fee_tx(f, tr)).collect();
    Some(if words.iter().all(|w| *w == words[0]) {
        words[0].clone()
    } else {
        tr.label("free")
    })
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
