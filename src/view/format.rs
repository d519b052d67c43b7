//! Fees and timelines written out for people, in each language.
//!
//! A poster prints the office's words: `Nil`, `Ndani ya siku 7`, `Within 10 minutes of
//! arrival`, as written. Only a language the office gave no words in (the Kiswahili of a
//! bilingual charter that wrote `7 working days` once), or a fee or timeline given in the
//! long form without `text`, is written out from what the value means: the *normalised*
//! form, which the view also gives on its own for themes that ask for it.

use super::{Tr, Tx};
use crate::locale::Locale;
use crate::model::{Amount, Duration, Fee, FeeKind, Text, Timeline, TimelineKind};

/// The office's words in `lang`, when it gave words for that language (or once for all).
fn written<'a>(written: Option<&'a Text>, lang: &str) -> Option<&'a str> {
    written?.get(lang)
}

fn first_words(text: &Text, lang: &str) -> String {
    text.get(lang)
        .or_else(|| text.all().next())
        .unwrap_or_default()
        .to_owned()
}

/// A timeline as printed, in each language.
pub fn timeline_tx(t: &Timeline, tr: &Tr) -> Tx {
    tr.each(|lang, locale| {
        Some(match written(t.written.as_ref(), lang) {
            Some(words) => words.to_owned(),
            None => timeline(t, lang, locale),
        })
    })
}

/// A timeline written out from what it means, in each language.
pub fn timeline_normalised(t: &Timeline, tr: &Tr) -> Tx {
    tr.each(|lang, locale| Some(timeline(t, lang, locale)))
}

/// A timeline written out from what it means, in one language: `7 working days after
/// payment`, `Every 3 months`, `Regional office: 1 working day; …`.
pub fn timeline(timeline: &Timeline, lang: &str, locale: &Locale) -> String {
    let with_qualifier = |mut text: String, d: &Duration| {
        if let Some(qualifier) = &d.qualifier {
            text.push(' ');
            text.push_str(&first_words(qualifier, lang));
        }
        text
    };
    match &timeline.kind {
        TimelineKind::Duration(d) => with_qualifier(locale.duration(&d.measure), d),
        TimelineKind::Every(d) => with_qualifier(locale.every(&d.measure), d),
        TimelineKind::Cases { cases } => cases
            .iter()
            .map(|c| {
                format!(
                    "{}: {}",
                    first_words(&c.case, lang),
                    self::timeline(&c.timeline, lang, locale)
                )
            })
            .collect::<Vec<_>>()
            .join("; "),
        TimelineKind::Rings { rings } => locale.rings(*rings),
        TimelineKind::Vague => timeline
            .written
            .as_ref()
            .map(|w| first_words(w, lang))
            .unwrap_or_default(),
    }
}

/// A fee as printed: the office's words, or, where it gave none, one line per tier or case
/// (`Citizens: KSh 500`), each in the office's words where it gave them.
pub fn fee_lines(fee: &Fee, tr: &Tr) -> Vec<Tx> {
    if fee.written.is_some() {
        return vec![tr.each(|lang, locale| {
            Some(match written(fee.written.as_ref(), lang) {
                Some(words) => amounts_together(words),
                None => one_fee(fee, lang, locale, tr),
            })
        })];
    }
    lines(fee, tr, true)
}

/// A fee on one line, as printed: the office's words, or written out (tiers and cases
/// joined by `;`), for a cell that holds one fee among other things.
pub fn fee_tx(fee: &Fee, tr: &Tr) -> Tx {
    tr.each(|lang, locale| {
        Some(match written(fee.written.as_ref(), lang) {
            Some(words) => amounts_together(words),
            None => one_fee(fee, lang, locale, tr),
        })
    })
}

/// The office's words of a fee with each currency kept on the line of its figure: the
/// space between `KES` (`Ksh.`, `PhP`, `P`, `Rs.`) and `5,000` becomes a no-break space,
/// so that a narrow cell never ends a line with the currency and starts the next with the
/// number. The words are otherwise as written.
fn amounts_together(words: &str) -> String {
    let mut out = String::with_capacity(words.len());
    let mut parts = words.split(' ').peekable();
    while let Some(part) = parts.next() {
        out.push_str(part);
        if let Some(next) = parts.peek() {
            let currency = !part.is_empty()
                && !crate::reading::currency_candidates(part.trim_end_matches(':')).is_empty();
            let figure = next.starts_with(|c: char| c.is_ascii_digit());
            out.push(if currency && figure { '\u{a0}' } else { ' ' });
        }
    }
    out
}

/// A fee written out from what it means: one line, or one per tier or case.
pub fn normalised_lines(fee: &Fee, tr: &Tr) -> Vec<Tx> {
    lines(fee, tr, false)
}

/// One line per tier or case (or one line), each part as printed or written out.
fn lines(fee: &Fee, tr: &Tr, printed: bool) -> Vec<Tx> {
    let labelled = |label: &Text, part: &Fee| {
        tr.each(|lang, locale| {
            let words = written(part.written.as_ref(), lang)
                .filter(|_| printed)
                .map_or_else(|| one_fee(part, lang, locale, tr), amounts_together);
            Some(format!("{}: {words}", first_words(label, lang)))
        })
    };
    match &fee.kind {
        FeeKind::Tiers { tiers } => tiers.iter().map(|t| labelled(&t.who, &t.fee)).collect(),
        FeeKind::Cases { cases } => cases.iter().map(|c| labelled(&c.case, &c.fee)).collect(),
        _ => vec![tr.each(|lang, locale| Some(one_fee(fee, lang, locale, tr)))],
    }
}

/// A fee written out from what it means, in one language, on one line.
fn one_fee(fee: &Fee, lang: &str, locale: &Locale, tr: &Tr) -> String {
    let labelled = |label: &Text, part: &Fee| {
        format!(
            "{}: {}",
            first_words(label, lang),
            one_fee(part, lang, locale, tr)
        )
    };
    match &fee.kind {
        FeeKind::Free { condition } => {
            let free = tr.label_in(lang, "free");
            match condition {
                Some(c) => format!("{free} {}", first_words(c, lang)),
                None => free,
            }
        }
        FeeKind::Amount(a) => amount(a, lang, locale),
        FeeKind::Vague => fee
            .written
            .as_ref()
            .map(|w| first_words(w, lang))
            .unwrap_or_default(),
        FeeKind::Tiers { tiers } => tiers
            .iter()
            .map(|t| labelled(&t.who, &t.fee))
            .collect::<Vec<_>>()
            .join("; "),
        FeeKind::Cases { cases } => cases
            .iter()
            .map(|c| labelled(&c.case, &c.fee))
            .collect::<Vec<_>>()
            .join("; "),
    }
}

/// `KSh 5,000 per copy`, `Up to KSh 2,000`, `KSh 1,000–5,000`.
pub fn amount(amount: &Amount, lang: &str, locale: &Locale) -> String {
    let mut number = locale.number(&amount.value);
    if let Some(max) = &amount.max {
        number = format!("{number}–{}", locale.number(max));
    }
    let mut text = match amount.currency.as_deref() {
        // A no-break space: the symbol stays on the line of its figure.
        Some(code) => format!("{}\u{a0}{number}", currency_symbol(code)),
        None => number,
    };
    if amount.at_most {
        text = locale.at_most(&text);
    }
    for words in [&amount.per, &amount.qualifier].into_iter().flatten() {
        text.push(' ');
        text.push_str(&first_words(words, lang));
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
        "PHP" => "₱",
        "INR" => "₹",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::amounts_together;

    #[test]
    fn a_currency_stays_with_its_figure() {
        assert_eq!(
            amounts_together("KES 5,000 per copy"),
            "KES\u{a0}5,000 per copy"
        );
        assert_eq!(
            amounts_together("Ksh. 1,000/= or PhP 50.00"),
            "Ksh.\u{a0}1,000/= or PhP\u{a0}50.00"
        );
        assert_eq!(amounts_together("Nil"), "Nil");
        assert_eq!(amounts_together("Pay at the counter"), "Pay at the counter");
        assert_eq!(
            amounts_together("Citizens: KES 500"),
            "Citizens: KES\u{a0}500"
        );
    }
}
