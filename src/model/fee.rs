//! What a service costs.
//!
//! A fee keeps the office's words (`Nil`, `Bure`, `Ksh. 1,000/=`, `PhP 100 per page`),
//! which posters print, and what they mean, read from them (`crate::reading`): no charge,
//! an amount, amounts by applicant (tiers) or by case, or nothing stated. Lint, diff, the
//! page's data and the other languages of a bilingual poster use the meaning.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Serialize;

use crate::diagnostic::{Code, Diagnostic, clip};
use crate::model::decode::{Cx, Decode, decode_struct};
use crate::model::written::{Shape, line_text, long_text, read_first, shape};
use crate::model::{Str, Text};
use crate::reading::{FeeRead, Money, currency_candidates, read_fee};
use crate::span::Span;
use crate::yaml::Node;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Fee {
    #[serde(skip)]
    pub span: Span,
    /// The office's words, as printed: once, or per language. `None` when the charter gives
    /// only the long form's `amount` or `tiers`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub written: Option<Text>,
    #[serde(flatten)]
    pub kind: FeeKind,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum FeeKind {
    /// No charge; `condition` is what the words add ("or as set by the regulations").
    Free { condition: Option<Text> },
    /// A fixed amount (or a ceiling, or a range).
    Amount(Amount),
    /// Different amounts for different applicants.
    Tiers { tiers: Vec<Tier> },
    /// Different amounts in different cases: by office, channel or document.
    Cases { cases: Vec<FeeCase> },
    /// Words with no amount in them ("Kesi kwa Kesi", "As per fee structure"). Lint
    /// questions these.
    Vague,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Amount {
    /// The amount as a plain decimal number: `5000`, `12.50`.
    pub value: String,
    /// The upper bound of a range (`KES 1,000 - 5,000`).
    pub max: Option<String>,
    /// ISO 4217 code, from the fee or the charter's `currency`; `None` when neither says.
    pub currency: Option<String>,
    /// What the amount is charged per ("per copy", "kwa mwaka", "/KL").
    pub per: Option<Text>,
    /// A ceiling: "Not more than KSh 2,000".
    pub at_most: bool,
    /// The words after the amount that are not what it is charged per: a condition.
    pub qualifier: Option<Text>,
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

/// One case of a fee that differs by case.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FeeCase {
    /// The case, as the charter names it: `Online`, `Certified true copy`, `Late registration`.
    pub case: Text,
    /// Its fee.
    pub fee: Fee,
}

decode_struct!(FeeCase, "a case of a fee" { case, fee });

impl Fee {
    fn from_read(read: FeeRead, written: Option<Text>, span: Span) -> Fee {
        let kind = match read {
            FeeRead::Free { condition } => FeeKind::Free {
                condition: condition.map(|c| Text::plain(c, span)),
            },
            FeeRead::Amount { money, qualifier } => FeeKind::Amount(Amount::from_money(
                money,
                qualifier.map(|q| Text::plain(q, span)),
                span,
            )),
            FeeRead::Cases(cases) => FeeKind::Cases {
                cases: cases
                    .into_iter()
                    .map(|(label, read)| FeeCase {
                        case: Text::plain(label, span),
                        fee: Fee::from_read(read, None, span),
                    })
                    .collect(),
            },
        };
        Fee {
            span,
            written,
            kind,
        }
    }

    /// Every amount it states, its tiers' and cases' included.
    pub fn amounts(&self) -> Vec<&Amount> {
        match &self.kind {
            FeeKind::Amount(a) => vec![a],
            FeeKind::Tiers { tiers } => tiers.iter().flat_map(|t| t.fee.amounts()).collect(),
            FeeKind::Cases { cases } => cases.iter().flat_map(|c| c.fee.amounts()).collect(),
            FeeKind::Free { .. } | FeeKind::Vague => Vec::new(),
        }
    }

    /// This fee and the fees of its tiers and cases, depth first.
    pub fn all(&self) -> Vec<&Fee> {
        let mut out = vec![self];
        match &self.kind {
            FeeKind::Tiers { tiers } => out.extend(tiers.iter().flat_map(|t| t.fee.all())),
            FeeKind::Cases { cases } => out.extend(cases.iter().flat_map(|c| c.fee.all())),
            _ => {}
        }
        out
    }
}

impl Amount {
    fn from_money(money: Money, qualifier: Option<Text>, span: Span) -> Amount {
        Amount {
            value: money.value,
            max: money.max,
            currency: money.currency,
            per: money.per.map(|p| Text::plain(p, span)),
            at_most: money.at_most,
            qualifier,
        }
    }
}

/// The long form of a fee: the office's words in `text`, what they mean in the other keys.
/// Give `text` alone (it is read as a one-line fee is, and kept as written when it states
/// no amount), or one of `amount`, `tiers` and `cases`, with or without `text`.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FeeFields {
    /// The fee as the office wrote it, printed as it is: once, or per language.
    pub text: Option<Text>,
    /// The amount, as a number (`5000`) or with its currency (`KES 5,000`).
    pub amount: Option<Str>,
    /// ISO 4217 currency code such as `KES` or `TZS`, when `amount` does not say.
    pub currency: Option<Currency>,
    /// What the amount is charged per: `per copy`, `kwa mwaka`.
    pub per: Option<Text>,
    /// Fees that differ by applicant: a list of `who:` and `fee:`.
    pub tiers: Option<Vec<Tier>>,
    /// Fees that differ by case (office, channel, document): a list of `case:` and `fee:`.
    pub cases: Option<Vec<FeeCase>>,
}

decode_struct!(@fields FeeFields, "a fee" { text, amount, currency, per, tiers, cases });

const FEE_HINT: &str = "write `free`, an amount with its currency such as `KES 5,000`, in a \
    sentence if you like, or tiers; if the fee truly cannot be stated, write `fee: {text: \
    \"...\"}` (lint will flag it)";

impl Decode for Fee {
    fn expected() -> &'static str {
        "a fee such as `free` or `KES 5,000`"
    }

    fn decode(node: &Node, cx: &mut Cx) -> Option<Self> {
        let currency = cx.currency.clone();
        match shape::<Self>(node, cx)? {
            Shape::Line(line, span) => match read_fee(&line, currency.as_deref()) {
                Ok((read, lang)) => {
                    let written = line_text(&line, lang, span, cx);
                    Some(Fee::from_read(read, Some(written), node.span))
                }
                Err(unread) => {
                    cx.report(unreadable(
                        &line,
                        span,
                        unread.message(),
                        currency.as_deref(),
                    ));
                    None
                }
            },
            Shape::PerLanguage(text) => {
                match read_first(&text, cx, |w| {
                    read_fee(w, currency.as_deref()).map(|(r, _)| r)
                }) {
                    Ok(read) => Some(Fee::from_read(read, Some(text), node.span)),
                    Err(unread) => {
                        let first = text.all().next().unwrap_or_default().to_owned();
                        cx.report(unreadable(
                            &first,
                            node.span,
                            unread.message(),
                            currency.as_deref(),
                        ));
                        None
                    }
                }
            }
            Shape::Long => {
                let fields = FeeFields::decode_fields(node, cx)?;
                from_fields(fields, node, cx)
            }
        }
    }
}

fn unreadable(words: &str, span: Span, problem: &str, currency: Option<&str>) -> Diagnostic {
    let example = format!("{} 5,000", currency.unwrap_or("KES"));
    let hint = if problem.contains(" fees ")
        || problem.contains("which case")
        || problem.contains("too long")
    {
        "keep the office's words and say what they mean, one fee per case: `fee: {text: \
         \"...\", cases: [{case: ..., fee: ...}, ...]}`"
            .to_owned()
    } else {
        format!(
            "write `free`, an amount with its currency such as `{example}` (in a sentence if \
             you like), or tiers; if the fee truly cannot be stated, write `fee: {{text: \
             \"...\"}}` (lint will flag it)"
        )
    };
    Diagnostic::error(
        Code::BadFee,
        format!("cannot read the fee `{}`", clip(words)),
    )
    .at(span, problem)
    .with_hint(hint)
}

fn from_fields(mut fields: FeeFields, node: &Node, cx: &mut Cx) -> Option<Fee> {
    let span = node.span;
    if fields
        .text
        .as_ref()
        .is_some_and(|t| t.all().all(|w| w.trim().is_empty()))
    {
        cx.report(
            Diagnostic::error(Code::BadFee, "the fee's `text` is empty")
                .at(cx.anchor_span().unwrap_or(span), "no words here")
                .with_hint("write the fee as the office printed it, or leave `text` out"),
        );
        return None;
    }
    let currency = cx.currency.clone();
    fields.text = long_text(fields.text, cx, |w| {
        read_fee(w, currency.as_deref())
            .ok()
            .and_then(|(_, lang)| lang)
    });
    let given = [
        fields.amount.is_some(),
        fields.tiers.is_some(),
        fields.cases.is_some(),
    ];
    let report = |cx: &mut Cx, message: &str, hint: &str| {
        cx.report(
            Diagnostic::error(Code::BadFee, message.to_owned())
                .at(cx.anchor_span().unwrap_or(span), "in this fee")
                .with_hint(hint.to_owned()),
        );
        None
    };
    if given.iter().filter(|g| **g).count() > 1 {
        return report(
            cx,
            "a fee has one of `amount`, `tiers` or `cases`, not several",
            FEE_HINT,
        );
    }
    if fields.text.is_none() && !given.contains(&true) {
        return report(
            cx,
            "a fee needs `text`, or one of `amount`, `tiers` or `cases`",
            FEE_HINT,
        );
    }
    if (fields.currency.is_some() || fields.per.is_some()) && fields.amount.is_none() {
        return report(
            cx,
            "`currency` and `per` go with `amount`",
            "write the currency with each tier's fee (`KES 500`), or once at the top of the \
             charter: `currency: KES`",
        );
    }
    if let Some(tiers) = fields.tiers {
        return Some(Fee {
            span,
            written: fields.text,
            kind: FeeKind::Tiers { tiers },
        });
    }
    if let Some(cases) = fields.cases {
        return Some(Fee {
            span,
            written: fields.text,
            kind: FeeKind::Cases { cases },
        });
    }
    if let Some(amount) = fields.amount {
        let default_currency = fields
            .currency
            .as_ref()
            .map(|c| c.0.clone())
            .or(cx.currency.clone());
        return match read_fee(&amount.0, default_currency.as_deref()) {
            Ok((FeeRead::Amount { money, qualifier }, _)) => {
                let mut amount = Amount::from_money(money, None, span);
                if let Some(q) = qualifier {
                    amount.qualifier = Some(Text::plain(q, span));
                }
                amount.per = fields.per.or(amount.per);
                if let Some(currency) = fields.currency {
                    amount.currency = Some(currency.0);
                }
                Some(Fee {
                    span,
                    written: fields.text,
                    kind: FeeKind::Amount(amount),
                })
            }
            _ => {
                cx.report(
                    Diagnostic::error(
                        Code::BadFee,
                        format!("cannot read the amount `{}`", clip(&amount.0)),
                    )
                    .at(span, "expected a number such as `5000` or `KES 5,000`")
                    .with_hint(FEE_HINT),
                );
                None
            }
        };
    }
    let text = fields.text.expect("checked above");
    let currency = cx.currency.clone();
    // The office's words alone: read them if they state a fee, else keep them as words.
    Some(
        match read_first(&text, cx, |w| {
            read_fee(w, currency.as_deref()).map(|(r, _)| r)
        }) {
            Ok(read) => Fee::from_read(read, Some(text), span),
            Err(_) => Fee {
                span,
                written: Some(text),
                kind: FeeKind::Vague,
            },
        },
    )
}

impl JsonSchema for Fee {
    fn schema_name() -> Cow<'static, str> {
        "Fee".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let fields = generator.subschema_for::<FeeFields>();
        let text = generator.subschema_for::<Text>();
        json_schema!({
            "description": "What the service costs, in the office's words: `free`, `Nil`, \
                            `Bila Malipo`, an amount such as `KES 5,000`, a sentence with \
                            one amount in it, one line per language (`{en: NIL, sw: Bure}`), \
                            or the long form with `text`, `amount`, `tiers` or `cases`.",
            "anyOf": [
                { "type": ["string", "number"] },
                text,
                fields,
            ]
        })
    }
}

/// A currency, written as its ISO 4217 code (`KES`) or as charters print it (`Ksh`,
/// `TShs`, `₱`). Stored as the ISO code.
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
        let candidates = currency_candidates(text);
        if let [code] = candidates.as_slice() {
            return Some(Currency((*code).to_owned()));
        }
        let codes: Vec<String> = crate::reading::ISO_4217
            .iter()
            .map(|c| c.to_lowercase())
            .collect();
        let label = if candidates.len() > 1 {
            format!("could be {}", candidates.join(", "))
        } else if let Some(s) = crate::suggest::did_you_mean(text, codes.iter().map(String::as_str))
        {
            format!("did you mean `{}`?", s.to_uppercase())
        } else {
            "expected an ISO 4217 code".into()
        };
        cx.report(
            Diagnostic::error(Code::BadChoice, format!("`{}` is not a currency code", clip(text)))
                .at(node.span, label)
                .with_hint("write the three-letter ISO 4217 code: `KES` for Kenya shillings, `TZS` for Tanzania shillings, `PHP`, `INR`, `ZMW`, `USD`"),
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
