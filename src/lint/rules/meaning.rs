//! What a fee's or timeline's words mean, in one comparable form, for the rules that
//! compare the words of two languages, or the words with the meaning given beside them.

use crate::model::{Fee, FeeKind};
use crate::reading::{FeeRead, Measure, TimeRead, read_fee, read_time};

fn describe(m: &Measure, every: bool) -> String {
    format!("{every}{:?}", m.canonical())
}

/// What one language's words of a timeline mean, for comparing with another's.
pub fn time_meaning(words: &str) -> Option<String> {
    match read_time(words).ok()?.0 {
        TimeRead::One(p) => Some(describe(&p.measure, p.every)),
        TimeRead::Rings(n) => Some(format!("{n} rings")),
        TimeRead::Cases(cases) => Some(
            cases
                .iter()
                .map(|(_, p)| describe(&p.measure, p.every))
                .collect::<Vec<_>>()
                .join(";"),
        ),
    }
}

/// What one language's words of a fee mean.
pub fn fee_meaning(words: &str, currency: Option<&str>) -> Option<String> {
    let one = |read: &FeeRead| match read {
        FeeRead::Free { .. } => "free".to_owned(),
        FeeRead::Amount { money, .. } => format!(
            "{:?} {} {:?} {}",
            money.currency, money.value, money.max, money.at_most
        ),
        FeeRead::Cases(_) => String::new(),
    };
    match read_fee(words, currency).ok()?.0 {
        FeeRead::Cases(cases) => Some(
            cases
                .iter()
                .map(|(_, r)| one(r))
                .collect::<Vec<_>>()
                .join(";"),
        ),
        read => Some(one(&read)),
    }
}

/// What a fee means (read or given), in the form `fee_meaning` gives words.
pub fn meaning_of_fee(fee: &Fee) -> Option<String> {
    let one = |fee: &Fee| -> Option<String> {
        Some(match &fee.kind {
            FeeKind::Free { .. } => "free".to_owned(),
            FeeKind::Amount(a) => format!(
                "{:?} {} {:?} {}",
                a.currency.as_deref(),
                a.value,
                a.max.as_deref(),
                a.at_most
            ),
            _ => return None,
        })
    };
    match &fee.kind {
        FeeKind::Cases { cases } => cases
            .iter()
            .map(|c| one(&c.fee))
            .collect::<Option<Vec<_>>>()
            .map(|all| all.join(";")),
        FeeKind::Tiers { tiers } => tiers
            .iter()
            .map(|t| one(&t.fee))
            .collect::<Option<Vec<_>>>()
            .map(|all| all.join(";")),
        _ => one(fee),
    }
}
