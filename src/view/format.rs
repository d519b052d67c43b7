//! Fees and timelines written out for people, in each language.

use super::{Tr, Tx};
use crate::locale::Locale;
use crate::model::{Amount, Fee, FeeKind, Timeline, TimelineKind};

/// A timeline in one language: `7 working days after payment`.
pub fn timeline(timeline: &Timeline, lang: &str, locale: &Locale) -> String {
    match &timeline.kind {
        TimelineKind::Duration(duration) => {
            let mut text = locale.duration(duration);
            if let Some(qualifier) = &duration.qualifier
                && let Some(q) = qualifier.get(lang).or_else(|| qualifier.all().next())
            {
                text.push(' ');
                text.push_str(q);
            }
            text
        }
        TimelineKind::Text { text } => text
            .get(lang)
            .or_else(|| text.all().next())
            .unwrap_or_default()
            .to_owned(),
    }
}

pub fn timeline_tx(t: &Timeline, tr: &Tr) -> Tx {
    tr.each(|lang, locale| Some(timeline(t, lang, locale)))
}

/// A fee as lines of text: one line, or one per tier (`Citizens: KSh 500`).
pub fn fee_lines(fee: &Fee, tr: &Tr) -> Vec<Tx> {
    match &fee.kind {
        FeeKind::Tiers { tiers } => tiers
            .iter()
            .map(|tier| {
                tr.each(|lang, locale| {
                    let who = tier.who.get(lang).or_else(|| tier.who.all().next())?;
                    Some(format!("{who}: {}", one_fee(&tier.fee, lang, locale)))
                })
            })
            .collect(),
        _ => vec![tr.each(|lang, locale| Some(one_fee(fee, lang, locale)))],
    }
}

fn one_fee(fee: &Fee, lang: &str, locale: &Locale) -> String {
    match &fee.kind {
        FeeKind::Free { .. } => locale.label("free").to_owned(),
        FeeKind::Amount(amount) => self::amount(amount, lang, locale),
        FeeKind::Text { text } => text
            .get(lang)
            .or_else(|| text.all().next())
            .unwrap_or_default()
            .to_owned(),
        FeeKind::Tiers { tiers } => tiers
            .iter()
            .map(|t| {
                let who = t.who.get(lang).or_else(|| t.who.all().next());
                format!(
                    "{}: {}",
                    who.unwrap_or_default(),
                    one_fee(&t.fee, lang, locale)
                )
            })
            .collect::<Vec<_>>()
            .join("; "),
    }
}

/// `KSh 5,000 per copy`.
pub fn amount(amount: &Amount, lang: &str, locale: &Locale) -> String {
    let number = locale.number(&amount.value);
    let mut text = match amount.currency.as_deref() {
        Some(code) => format!("{} {number}", currency_symbol(code)),
        None => number,
    };
    if let Some(per) = &amount.per
        && let Some(per) = per.get(lang).or_else(|| per.all().next())
    {
        text.push(' ');
        text.push_str(per);
    }
    text
}

/// How East African offices print their currencies; other codes print as the code.
pub fn currency_symbol(code: &str) -> &str {
    match code {
        "KES" => "KSh",
        "TZS" => "TSh",
        "UGX" => "USh",
        "RWF" => "FRw",
        "BIF" => "FBu",
        "ETB" => "Br",
        "NGN" => "₦",
        "GHS" => "GH₵",
        "ZAR" => "R",
        "USD" => "US$",
        "EUR" => "€",
        "GBP" => "£",
        other => other,
    }
}
