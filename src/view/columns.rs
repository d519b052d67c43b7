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
    let total = column.total(values.clone())?;
    if column.kind == ColumnType::Amount {
        let fees: Vec<Option<&Fee>> = values
            .map(|v| match v {
                CellValue::Amount(fee) => Some(fee),
                _ => None,
            })
            .collect();
        return Some(fees_total_tx(&total, &fees, tr));
    }
    Some(total_tx(&total, tr))
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

/// A sum of fees written as the office writes its amounts: `PhP 150.00` where the steps say
/// `PhP 50.00`, `KSh 1,500/-` where they say `KSh 500/-`, with the figures' decimals and
/// grouping. In the tool's own form (`total_tx`) where an amount is not written as a
/// currency and a figure alone.
pub fn fees_total_tx(total: &Total, fees: &[Option<&Fee>], tr: &Tr) -> Tx {
    let Total::Amount { value, .. } = total else {
        return total_tx(total, tr);
    };
    let own = tr.each(|lang, _| {
        let written: Vec<&str> = fees
            .iter()
            .flatten()
            .filter(|f| matches!(f.kind, FeeKind::Amount(_)))
            .map(|f| f.written.as_ref().and_then(|w| w.get(lang)))
            .collect::<Option<_>>()?;
        in_written_form(value, &written)
    });
    if own.is_empty() {
        total_tx(total, tr)
    } else {
        own
    }
}

/// `value` (a plain decimal: `150.5`) in the form of `written` amounts (`PhP 50.00`): the
/// first one's currency and any mark after the figure (`/-`), the most decimals any of them
/// gives, thousands grouped when any of them groups them. `None` when one is not a
/// currency and a figure alone.
fn in_written_form(value: &str, written: &[&str]) -> Option<String> {
    let mut shape = None;
    let (mut decimals, mut grouped) = (0, false);
    for words in written {
        let start = words.find(|c: char| c.is_ascii_digit())?;
        let end = start
            + words[start..]
                .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
                .unwrap_or(words.len() - start);
        let figure = words[start..end].trim_end_matches(['.', ',']);
        let (before, after) = (words[..start].trim(), words[start + figure.len()..].trim());
        let currency = before.is_empty()
            || !crate::reading::currency_candidates(before.trim_end_matches([':', '.'])).is_empty();
        if !currency || after.chars().any(char::is_alphanumeric) {
            return None;
        }
        let (whole, fraction) = figure.split_once('.').unwrap_or((figure, ""));
        let mut groups = whole.split(',');
        groups.next();
        if groups.clone().any(|g| g.len() != 3) {
            return None;
        }
        grouped |= whole.contains(',');
        decimals = decimals.max(fraction.len());
        shape.get_or_insert((&words[..start], &words[start + figure.len()..]));
    }
    let (before, after) = shape?;
    let (whole, fraction) = value.split_once('.').unwrap_or((value, ""));
    if fraction.len() > decimals {
        return None;
    }
    let mut figure = String::new();
    for (i, digit) in whole.chars().enumerate() {
        if grouped && i > 0 && (whole.len() - i) % 3 == 0 {
            figure.push(',');
        }
        figure.push(digit);
    }
    if decimals > 0 {
        figure.push('.');
        figure.push_str(fraction);
        figure.extend(std::iter::repeat_n('0', decimals - fraction.len()));
    }
    Some(format!("{before}{figure}{after}").replace(' ', "\u{a0}"))
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

#[cfg(test)]
mod tests {
    use super::in_written_form;

    #[test]
    fn a_sum_is_written_as_the_office_writes_its_amounts() {
        let nbsp = |s: &str| s.replace(' ', "\u{a0}");
        assert_eq!(
            in_written_form("150", &["PhP 50.00", "PhP 100.00"]),
            Some(nbsp("PhP 150.00"))
        );
        assert_eq!(
            in_written_form("150", &["P50", "P100"]),
            Some("P150".into())
        );
        assert_eq!(
            in_written_form("1500", &["KSh 500/-", "KSh 1,000/-"]),
            Some(nbsp("KSh 1,500/-"))
        );
        // No grouping where the office groups none; the most decimals any amount has.
        assert_eq!(
            in_written_form("1500", &["500", "1000"]),
            Some("1500".into())
        );
        assert_eq!(
            in_written_form("60.5", &["₱ 10.50", "₱ 50"]),
            Some(nbsp("₱ 60.50"))
        );
        assert_eq!(
            in_written_form("1234567", &["KES 1,000", "KES 1,233,567"]),
            Some(nbsp("KES 1,234,567"))
        );
    }

    #[test]
    fn an_amount_in_words_or_lakhs_is_not_imitated() {
        assert_eq!(in_written_form("150", &["50 pesos per copy", "100"]), None);
        assert_eq!(in_written_form("150", &["Fifty", "100"]), None);
        assert_eq!(
            in_written_form("200000", &["Rs. 1,00,000", "Rs. 1,00,000"]),
            None
        );
        // More decimals in the sum than the office writes: not rounded.
        assert_eq!(in_written_form("10.25", &["PhP 10"]), None);
    }
}
