//! What a service costs.
//!
//! Officers write fees the way they are printed: `free`, `Bila Malipo`, `KES 5,000`,
//! `Ksh. 1,000/=`. The loader turns those into structured values so posters can print them
//! consistently and lint can compare them; anything else must be said explicitly, as tiers
//! or as an explained text (which lint will question).

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Serialize;

use crate::decode::{Cx, Decode, decode_struct};
use crate::diagnostic::{Code, Diagnostic, clip};
use crate::model::{Str, Text};
use crate::yaml::{Node, NodeKind, Span};

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Fee {
    #[serde(skip)]
    pub span: Span,
    #[serde(flatten)]
    pub kind: FeeKind,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum FeeKind {
    /// No charge. `word` is how the charter said it ("Bila Malipo", "Nil"), so lint can
    /// spot a charter that says it several ways.
    Free { word: String },
    /// A fixed amount.
    Amount(Amount),
    /// Different amounts for different applicants.
    Tiers { tiers: Vec<Tier> },
    /// A fee that is explained rather than stated ("Kesi kwa Kesi"). Lint questions these.
    Text { text: Text },
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Amount {
    /// The amount as a plain decimal number: `5000`, `12.50`.
    pub value: String,
    /// ISO 4217 code, from the fee or the charter's `currency`; `None` when neither says.
    pub currency: Option<String>,
    /// What the amount is charged per ("per copy", "kwa mwaka").
    pub per: Option<Text>,
    /// The fee as written, when it was written as one piece of text.
    pub written: Option<String>,
}

/// One applicant category and its fee.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Tier {
    /// Who pays this fee, for example `Citizens` or `Wageni (Foreigners)`.
    pub who: Text,
    /// The fee for them.
    pub fee: Fee,
}

decode_struct!(Tier, "a fee tier" { who, fee });

/// The long form of a fee, when one line is not enough. Exactly one of `amount`, `tiers`
/// and `text` is given.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FeeFields {
    /// The amount, as a number (`5000`) or with its currency (`KES 5,000`).
    pub amount: Option<Str>,
    /// ISO 4217 currency code such as `KES` or `TZS`, when `amount` does not say.
    pub currency: Option<Currency>,
    /// What the amount is charged per: `per copy`, `kwa mwaka`.
    pub per: Option<Text>,
    /// Fees that differ by applicant: a list of `who:` and `fee:`.
    pub tiers: Option<Vec<Tier>>,
    /// A fee that cannot be stated as an amount, explained in words. Lint will ask for a
    /// fixed amount.
    pub text: Option<Text>,
}

decode_struct!(FeeFields, "a fee" { amount, currency, per, tiers, text });

const FEE_HINT: &str = "write `free`, an amount with its currency such as `KES 5,000`, or \
    tiers; if the fee truly cannot be stated, explain it as `fee: {text: \"...\"}` (lint will \
    flag it)";

impl Decode for Fee {
    fn expected() -> &'static str {
        "a fee such as `free` or `KES 5,000`"
    }

    fn decode(node: &Node, cx: &mut Cx) -> Option<Self> {
        let kind = match &node.kind {
            NodeKind::Scalar(scalar) => {
                let written = scalar.text().trim().to_owned();
                match parse_fee(&written, cx.currency.as_deref(), node.span) {
                    Ok(kind) => kind,
                    Err(problem) => {
                        cx.report(
                            Diagnostic::error(
                                Code::BadFee,
                                format!("cannot read the fee `{}`", clip(&written)),
                            )
                            .at(node.span, problem)
                            .with_hint(FEE_HINT),
                        );
                        return None;
                    }
                }
            }
            NodeKind::Map(_) => {
                let fields = FeeFields::decode(node, cx)?;
                from_fields(fields, node, cx)?
            }
            _ => {
                cx.wrong_type::<Self>(node);
                return None;
            }
        };
        Some(Fee {
            span: node.span,
            kind,
        })
    }
}

fn from_fields(fields: FeeFields, node: &Node, cx: &mut Cx) -> Option<FeeKind> {
    let given = [
        fields.amount.is_some(),
        fields.tiers.is_some(),
        fields.text.is_some(),
    ];
    if given.iter().filter(|g| **g).count() != 1 {
        cx.report(
            Diagnostic::error(
                Code::BadFee,
                "a fee needs exactly one of `amount`, `tiers` or `text`",
            )
            .at(cx.anchor_span().unwrap_or(node.span), "in this fee")
            .with_hint(FEE_HINT),
        );
        return None;
    }
    if fields.currency.is_some() && fields.amount.is_none() {
        cx.report(
            Diagnostic::error(Code::BadFee, "`currency` goes with `amount`")
                .at(cx.anchor_span().unwrap_or(node.span), "in this fee")
                .with_hint(
                    "write the currency with each tier's fee (`KES 500`), or once at the top of \
                     the charter: `currency: KES`",
                ),
        );
        return None;
    }
    if let Some(tiers) = fields.tiers {
        return Some(FeeKind::Tiers { tiers });
    }
    if let Some(text) = fields.text {
        return Some(FeeKind::Text { text });
    }
    let written = fields.amount.map(|a| a.0).unwrap_or_default();
    let default_currency = fields
        .currency
        .as_ref()
        .map(|c| c.0.as_str())
        .or(cx.currency.as_deref());
    match parse_amount(&written, default_currency, node.span) {
        Ok(Some(mut amount)) => {
            amount.per = fields.per.or(amount.per);
            if let Some(currency) = fields.currency {
                amount.currency = Some(currency.0);
            }
            Some(FeeKind::Amount(amount))
        }
        Ok(None) | Err(_) => {
            cx.report(
                Diagnostic::error(
                    Code::BadFee,
                    format!("cannot read the amount `{}`", clip(&written)),
                )
                .at(node.span, "expected a number such as `5000` or `KES 5,000`")
                .with_hint(FEE_HINT),
            );
            None
        }
    }
}

/// Words that mean "no charge", in the charters' languages.
const FREE_WORDS: &[&str] = &[
    "free",
    "free of charge",
    "no charge",
    "nil",
    "none",
    "n/a",
    "0",
    "0.00",
    "bila malipo",
    "hakuna",
    "hakuna malipo",
    "bure",
    "bila gharama",
    "bila malipo yoyote",
];

/// Reads a one-line fee.
pub fn parse_fee(
    text: &str,
    default_currency: Option<&str>,
    span: Span,
) -> Result<FeeKind, String> {
    // Table cells often end with a full stop: "KES 500.", "Free."
    let text = text.trim().trim_end_matches('.').trim_end();
    let lower = text.to_lowercase();
    let bare = lower.trim_end_matches(['/', '=', '-']).trim();
    if FREE_WORDS.contains(&bare) {
        return Ok(FeeKind::Free {
            word: text.to_owned(),
        });
    }
    match parse_amount(text, default_currency, span)? {
        Some(amount) => Ok(FeeKind::Amount(amount)),
        None => Err("not `free` and not an amount".into()),
    }
}

/// Reads `KES 5,000`, `Ksh. 1,000/=`, `5,000`, `TZS 10,000 per copy`. `Ok(None)` when the
/// text has no number at all; `Err` when it has one but something around it is unclear.
fn parse_amount(
    text: &str,
    default_currency: Option<&str>,
    span: Span,
) -> Result<Option<Amount>, String> {
    let Some(start) = text.find(|c: char| c.is_ascii_digit()) else {
        return Ok(None);
    };
    let before = text[..start].trim();
    let rest = &text[start..];
    let number_len = rest
        .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.' || c == ' '))
        .unwrap_or(rest.len());
    let number = rest[..number_len].trim();
    let mut after = rest[number_len..].trim_start();
    after = after
        .strip_prefix("/=")
        .or_else(|| after.strip_prefix("/-"))
        .or_else(|| after.strip_prefix('/'))
        .unwrap_or(after)
        .trim();

    let value =
        normalise_number(number).ok_or_else(|| format!("`{number}` is not a clear amount"))?;

    let mut currency = None;
    if !before.is_empty() {
        currency = Some(
            currency_code(before).ok_or_else(|| format!("`{before}` is not a currency I know"))?,
        );
    }
    let mut per = None;
    if !after.is_empty() {
        let (word, tail) = after.split_once(' ').unwrap_or((after, ""));
        if currency.is_none()
            && let Some(code) = currency_code(word)
        {
            currency = Some(code);
            after = tail.trim();
        }
        if !after.is_empty() {
            let lower = after.to_lowercase();
            if lower.starts_with("per ") || lower.starts_with("kwa ") || lower.starts_with("each") {
                per = Some(Text::plain(after.to_owned(), span));
            } else {
                return Err(format!("`{after}` after the amount is unclear"));
            }
        }
    }
    Ok(Some(Amount {
        value,
        currency: currency.or(default_currency).map(str::to_owned),
        per,
        written: Some(text.to_owned()),
    }))
}

/// `5,000` → `5000`, `12.50` → `12.50`, `5 000` → `5000`. Thousands separators must group
/// by three, so `5,00` (a typo for 500 or 5,000?) is refused.
fn normalise_number(number: &str) -> Option<String> {
    let (whole, fraction) = match number.rsplit_once('.') {
        Some((w, f)) if !f.is_empty() && f.len() <= 2 && f.chars().all(|c| c.is_ascii_digit()) => {
            (w, Some(f))
        }
        Some(_) => return None,
        None => (number, None),
    };
    let groups: Vec<&str> = whole.split([',', ' ']).collect();
    let first_ok = groups[0].len() <= 3 || groups.len() == 1;
    let rest_ok = groups[1..].iter().all(|g| g.len() == 3);
    if groups
        .iter()
        .any(|g| g.is_empty() || !g.chars().all(|c| c.is_ascii_digit()))
        || !first_ok
        || !rest_ok
    {
        return None;
    }
    let digits: String = groups.concat();
    let digits = digits.trim_start_matches('0');
    let digits = if digits.is_empty() { "0" } else { digits };
    Some(match fraction {
        Some(f) => format!("{digits}.{f}"),
        None => digits.to_owned(),
    })
}

/// The ISO 4217 code for the ways currencies are written in East African charters.
pub fn currency_code(written: &str) -> Option<&'static str> {
    let key = written.trim().trim_end_matches('.').to_lowercase();
    Some(match key.as_str() {
        "kes" | "ksh" | "kshs" | "ksh." | "kenya shillings" => "KES",
        "tzs" | "tsh" | "tshs" | "tanzania shillings" => "TZS",
        "ugx" | "ush" | "ushs" => "UGX",
        "rwf" | "frw" => "RWF",
        "usd" | "us$" | "$" => "USD",
        "eur" | "€" => "EUR",
        "gbp" | "£" => "GBP",
        "php" | "₱" => "PHP",
        "inr" | "₹" | "rs" => "INR",
        _ => return None,
    })
}

impl JsonSchema for Fee {
    fn schema_name() -> Cow<'static, str> {
        "Fee".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let fields = generator.subschema_for::<FeeFields>();
        json_schema!({
            "description": "What the service costs: `free` (or `Bila Malipo`, `Nil`), an amount \
                            with its currency such as `KES 5,000`, or the long form with \
                            `amount`, `tiers` or `text`.",
            "anyOf": [
                { "type": ["string", "number"] },
                fields,
            ]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amount(text: &str) -> (String, Option<String>) {
        match parse_fee(text, None, Span::default()).unwrap() {
            FeeKind::Amount(a) => (a.value, a.currency),
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn reads_the_ways_amounts_are_written() {
        assert_eq!(amount("KES 5,000"), ("5000".into(), Some("KES".into())));
        assert_eq!(amount("Ksh. 1,000/="), ("1000".into(), Some("KES".into())));
        assert_eq!(amount("5,000/="), ("5000".into(), None));
        assert_eq!(
            amount("TZS 10,000.50"),
            ("10000.50".into(), Some("TZS".into()))
        );
        assert_eq!(amount("300 KES"), ("300".into(), Some("KES".into())));
        assert_eq!(amount("US$ 5"), ("5".into(), Some("USD".into())));
        assert_eq!(amount("KES 500."), ("500".into(), Some("KES".into())));
    }

    #[test]
    fn free_words_are_free() {
        for word in ["free", "Bila Malipo", "Nil", "Hakuna", "0", "FREE."] {
            assert!(
                matches!(
                    parse_fee(word, None, Span::default()),
                    Ok(FeeKind::Free { .. })
                ),
                "{word}"
            );
        }
    }

    #[test]
    fn unclear_fees_are_refused() {
        for text in [
            "Kesi kwa Kesi",
            "5,00",
            "KES 5,000 depending",
            "XYZ 40",
            "as assessed",
        ] {
            assert!(parse_fee(text, None, Span::default()).is_err(), "{text}");
        }
    }

    #[test]
    fn charter_currency_fills_in() {
        match parse_fee("2,500", Some("TZS"), Span::default()).unwrap() {
            FeeKind::Amount(a) => assert_eq!(a.currency.as_deref(), Some("TZS")),
            other => panic!("{other:?}"),
        }
    }
}

/// A currency, written as its ISO 4217 code (`KES`) or as East African charters print it
/// (`Ksh`, `TShs`). Stored as the ISO code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Currency(pub String);

impl Decode for Currency {
    fn expected() -> &'static str {
        "a currency code such as `KES` or `TZS`"
    }

    fn decode(node: &Node, cx: &mut Cx) -> Option<Self> {
        let text = String::decode(node, cx)?;
        let text = text.trim();
        if let Some(code) = currency_code(text) {
            return Some(Currency(code.to_owned()));
        }
        if text.len() == 3 && text.chars().all(|c| c.is_ascii_uppercase()) {
            return Some(Currency(text.to_owned()));
        }
        cx.report(
            Diagnostic::error(Code::BadChoice, format!("`{}` is not a currency code", clip(text)))
                .at(node.span, "expected an ISO 4217 code")
                .with_hint("write the three-letter code: `KES` for Kenya shillings, `TZS` for Tanzania shillings, `UGX`, `USD`"),
        );
        None
    }
}

impl JsonSchema for Currency {
    fn schema_name() -> Cow<'static, str> {
        "Currency".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "An ISO 4217 currency code such as `KES`, `TZS`, `UGX` or `USD`.",
            "type": "string",
        })
    }
}
