//! Fees in the office's words: `Nil`, `Bure`, `KES 5,000`, `Ksh. 1,000/=`, `PhP 100 per
//! page`, `P 0.80/KL`, `Not more than KSh 2,000`, `Free or as set by the regulations`, and
//! one fee per case (`1. Certified copy - P60.00; 2. Clearance - P500.00`).
//!
//! As for times, a value is read in two passes: every *mention* of an amount (a currency
//! and a number in either order, with `/=`, a ceiling, a range and what it is charged per)
//! or of no charge; then what they say together. Inside a sentence a number is an amount
//! only with its currency (`Form 19` is not a fee); a value that is only a number is an
//! amount in the charter's currency.

use super::segments::{is_mark, rest, with_mentions, written};
use super::time::{one_lang, only_marks_or};
use super::{Token, TokenKind, Unread, any_phrase_at, currency_for, tokens};

/// An amount of money.
#[derive(Clone, Debug, PartialEq)]
pub struct Money {
    /// A plain decimal number: `5000`, `12.50`.
    pub value: String,
    /// The upper bound of a range (`KES 1,000 - 5,000`).
    pub max: Option<String>,
    /// ISO 4217 code; `None` when neither the fee nor the charter says.
    pub currency: Option<String>,
    /// What it is charged per, as written: `per copy`, `kwa mwaka`, `/KL`.
    pub per: Option<String>,
    /// A ceiling: `Not more than KSh 2,000`.
    pub at_most: bool,
}

/// What a fee says.
#[derive(Clone, Debug, PartialEq)]
pub enum FeeRead {
    /// No charge; `condition` is any words after ("or as set by the regulations").
    Free { condition: Option<String> },
    /// An amount, and any words after it that are not what it is charged per.
    Amount {
        money: Money,
        qualifier: Option<String>,
    },
    /// One fee per case, each with the words that name the case.
    Cases(Vec<(String, FeeRead)>),
}

/// Reads a fee, with the charter's currency for amounts that give none. Returns what it
/// says and the language of its words (`Nil` is English, `Bure` Kiswahili, `KES 500` no
/// language).
pub fn read_fee(
    text: &str,
    charter: Option<&str>,
) -> Result<(FeeRead, Option<&'static str>), Unread> {
    super::within_limit(text, "a fee")?;
    let tokens = tokens(text);
    let mut mentions = mentions(text, &tokens, charter)?;
    // A value that is only a number is an amount in the charter's currency.
    if mentions.is_empty()
        && let Some(m) = bare_amount(&tokens, charter)?
    {
        mentions.push(m);
    }
    if mentions.is_empty() {
        return Err(nothing(text, &tokens));
    }
    let lang = one_lang(mentions.iter().map(|m| m.lang));
    let spans: Vec<(usize, usize)> = mentions.iter().map(|m| (m.start, m.end)).collect();
    let parts = with_mentions(text, &tokens, &spans);
    if parts.len() >= 2 {
        let mut cases = Vec::new();
        for (segment, indices) in parts {
            let inside: Vec<&Mention> = indices.iter().map(|&i| &mentions[i]).collect();
            let mut read = one(text, &tokens, &inside, segment.end)?;
            let used = (inside[0].start, inside[0].end);
            let (label, after) = segment.label(text, &tokens, used, |w| &w.at_most);
            if after {
                match &mut read {
                    FeeRead::Free { condition } => *condition = None,
                    FeeRead::Amount { qualifier, .. } => *qualifier = None,
                    FeeRead::Cases(_) => {}
                }
            }
            if label.is_empty() {
                return Err(Unread::Unclear(
                    "it states several fees without saying which case each is for".into(),
                ));
            }
            cases.push((label, read));
        }
        return Ok((FeeRead::Cases(cases), None));
    }
    let all: Vec<&Mention> = mentions.iter().collect();
    let read = one(text, &tokens, &all, tokens.len())?;
    // Words beside the fee cannot be written in another language from what it means.
    let plain = only_marks_or(&tokens[..all[0].start], |w| &w.at_most)
        && only_marks_or(&tokens[all[0].end..], |_| &[]);
    Ok((read, lang.filter(|_| plain)))
}

#[derive(Clone, Debug)]
enum Found {
    Free,
    Amount(Money),
}

#[derive(Clone, Debug)]
struct Mention {
    start: usize,
    end: usize,
    found: Found,
    lang: Option<&'static str>,
}

/// The one fee that `mentions` (all in one segment ending at token `end`) state.
fn one(text: &str, tokens: &[Token], mentions: &[&Mention], end: usize) -> Result<FeeRead, Unread> {
    let [m] = mentions else {
        return Err(Unread::Unclear(format!(
            "it states {} fees ({}) without saying which applies when",
            mentions.len(),
            mentions
                .iter()
                .map(|m| format!("`{}`", written(text, tokens, m.start, m.end)))
                .collect::<Vec<_>>()
                .join(", ")
        )));
    };
    let after = rest(text, tokens, m.end, end);
    Ok(match &m.found {
        Found::Free => FeeRead::Free { condition: after },
        Found::Amount(money) => FeeRead::Amount {
            money: money.clone(),
            qualifier: after,
        },
    })
}

/// The currency written in tokens `from..to`, tried as one piece (`GH₵`, `US$`, `Ksh.`)
/// and with its spaces (`Kenya shillings`).
fn currency_in(
    text: &str,
    tokens: &[Token],
    from: usize,
    to: usize,
    charter: Option<&str>,
) -> Option<&'static str> {
    if from >= to || tokens[from..to].iter().any(|t| t.kind == TokenKind::Number) {
        return None;
    }
    let piece = written(text, tokens, from, to);
    currency_for(&piece, charter)
        .or_else(|| currency_for(&piece.replace(char::is_whitespace, ""), charter))
}

/// A currency just before token `i`: (code, first token).
fn currency_before(
    text: &str,
    tokens: &[Token],
    i: usize,
    charter: Option<&str>,
) -> Option<(&'static str, usize)> {
    (1..=3.min(i))
        .rev()
        .find_map(|n| currency_in(text, tokens, i - n, i, charter).map(|c| (c, i - n)))
}

/// A currency starting at token `i`: (code, tokens after it).
fn currency_after(
    text: &str,
    tokens: &[Token],
    i: usize,
    charter: Option<&str>,
) -> Option<(&'static str, usize)> {
    (1..=2)
        .rev()
        .filter(|n| i + n <= tokens.len())
        .find_map(|n| currency_in(text, tokens, i, i + n, charter).map(|c| (c, i + n)))
}

/// `5,000` → `5000`, `12.50` → `12.50`. Thousands separators must group by three, so
/// `5,00` (a typo for 500 or 5,000?) is refused.
fn normalise(number: &str) -> Option<String> {
    let (whole, fraction) = match number.rsplit_once('.') {
        Some((w, f)) if !f.is_empty() && f.len() <= 2 && f.chars().all(|c| c.is_ascii_digit()) => {
            (w, Some(f))
        }
        Some(_) => return None,
        None => (number, None),
    };
    let groups: Vec<&str> = whole.split(',').collect();
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

/// The amount whose number is token `i`, with what goes with it: (money, first token,
/// end token). `None` when no currency is written with it.
fn amount_at(
    text: &str,
    tokens: &[Token],
    i: usize,
    charter: Option<&str>,
) -> Result<Option<(Money, usize, usize)>, Unread> {
    let number = &tokens[i];
    let before = currency_before(text, tokens, i, charter);
    // A number run into a currency written after it: `500/=`, `300 KES`.
    let mut k = i + 1;
    let mut after = None;
    if before.is_none() {
        after = currency_after(text, tokens, k, charter);
        if let Some((_, end)) = after {
            k = end;
        }
    }
    let Some(code) = before.map(|(c, _)| c).or(after.map(|(c, _)| c)) else {
        return Ok(None);
    };
    let value = normalise(&number.lower)
        .ok_or_else(|| Unread::Unclear(format!("`{}` is not a clear amount", number.lower)))?;
    let mut start = before.map_or(i, |(_, s)| s);
    // `/=` and `/-` after the number, as printed in East Africa.
    if is_mark(tokens.get(k), &["/"]) && is_mark(tokens.get(k + 1), &["=", "-"]) {
        k += 2;
    }
    // A range: `KES 1,000 - 5,000`, `KES 1,000 to KES 5,000`.
    let mut max = None;
    let joint = is_mark(tokens.get(k), &["-", "–"])
        || tokens
            .get(k)
            .is_some_and(|t| matches!(t.lower.as_str(), "to" | "hadi" | "mpaka"));
    if joint {
        let mut m = k + 1;
        if let Some((_, end)) = currency_after(text, tokens, m, charter) {
            m = end;
        }
        if let Some(t) = tokens.get(m).filter(|t| t.kind == TokenKind::Number)
            && let Some(v) = normalise(&t.lower)
        {
            max = Some(v);
            k = m + 1;
        }
    }
    // What it is charged per: `per copy`, `kwa mwaka`, `/KL`.
    let mut per = None;
    if let Some((_, _)) = any_phrase_at(tokens, k, |w| &w.per) {
        let stop = (k..tokens.len())
            .find(|&e| {
                is_mark(tokens.get(e), &[",", ";", "("]) || tokens[e].kind == TokenKind::Break
            })
            .unwrap_or(tokens.len());
        per = Some(written(text, tokens, k, stop));
        k = stop;
    } else if is_mark(tokens.get(k), &["/"])
        && tokens.get(k + 1).is_some_and(|t| t.kind == TokenKind::Word)
    {
        per = Some(written(text, tokens, k, k + 2));
        k += 2;
    }
    // A ceiling: "not more than KSh 2,000".
    let mut at_most = false;
    for n in 1..=4 {
        if start >= n
            && any_phrase_at(tokens, start - n, |w| &w.at_most).is_some_and(|(len, _)| len == n)
        {
            at_most = true;
            start -= n;
            break;
        }
    }
    Ok(Some((
        Money {
            value,
            max,
            currency: Some(code.to_owned()),
            per,
            at_most,
        },
        start,
        k,
    )))
}

/// Every fee mentioned in `tokens`: words for no charge, and amounts with a currency.
fn mentions(text: &str, tokens: &[Token], charter: Option<&str>) -> Result<Vec<Mention>, Unread> {
    let mut found: Vec<Mention> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if let Some((len, lang)) = any_phrase_at(tokens, i, |w| &w.free) {
            found.push(Mention {
                start: i,
                end: i + len,
                found: Found::Free,
                lang: Some(lang),
            });
            i += len;
            continue;
        }
        if tokens[i].kind == TokenKind::Number
            && let Some((money, start, end)) = amount_at(text, tokens, i, charter)?
        {
            // A currency before this number may be the end of the previous mention (`KES
            // 1,000 to KES 5,000` is one).
            let start = start.max(found.last().map_or(0, |m| m.end));
            let found_now = if is_zero(&money.value) && money.max.is_none() {
                Found::Free
            } else {
                Found::Amount(money)
            };
            found.push(Mention {
                start,
                end: end.max(i + 1),
                found: found_now,
                lang: None,
            });
            i = end.max(i + 1);
            continue;
        }
        i += 1;
    }
    Ok(found)
}

/// A value that is only a number, with `/=` and what it is charged per: an amount in the
/// charter's currency (or in none, which lint reports). `0` is no charge.
fn bare_amount(tokens: &[Token], charter: Option<&str>) -> Result<Option<Mention>, Unread> {
    let Some(first) = tokens.first().filter(|t| t.kind == TokenKind::Number) else {
        return Ok(None);
    };
    let mut k = 1;
    if is_mark(tokens.get(k), &["/"]) && is_mark(tokens.get(k + 1), &["=", "-"]) {
        k += 2;
    }
    while is_mark(tokens.get(k), &["."]) {
        k += 1;
    }
    let per_follows = any_phrase_at(tokens, k, |w| &w.per).is_some();
    if k < tokens.len() && !per_follows {
        return Ok(None);
    }
    let value = normalise(&first.lower)
        .ok_or_else(|| Unread::Unclear(format!("`{}` is not a clear amount", first.lower)))?;
    let per = per_follows.then(|| {
        tokens[k..]
            .iter()
            .map(|t| t.lower.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    });
    let found = if is_zero(&value) {
        Found::Free
    } else {
        Found::Amount(Money {
            value,
            max: None,
            currency: charter.map(str::to_owned),
            per,
            at_most: false,
        })
    };
    Ok(Some(Mention {
        start: 0,
        end: tokens.len(),
        found,
        lang: None,
    }))
}

fn is_zero(value: &str) -> bool {
    value.chars().all(|c| c == '0' || c == '.')
}

/// Why a value with no fee in it was not read.
fn nothing(text: &str, tokens: &[Token]) -> Unread {
    if let Some(k) = tokens.iter().position(|t| t.kind == TokenKind::Number) {
        if normalise(&tokens[k].lower).is_none() {
            return Unread::Unclear(format!("`{}` is not a clear amount", tokens[k].lower));
        }
        // A short value with an unknown word before its number: a currency we do not know.
        if k > 0 && tokens.len() <= 4 {
            let before = written(text, tokens, 0, k);
            return Unread::Unclear(format!("`{}` is not a currency I know", before.trim()));
        }
        let numbers = tokens
            .iter()
            .filter(|t| t.kind == TokenKind::Number)
            .count();
        return Unread::Nothing(if numbers > 1 {
            "no number in it has a currency written with it, so none may be the fee".into()
        } else {
            "there is a number but no currency with it, so it may not be a fee".into()
        });
    }
    Unread::Nothing("not `free` and not an amount".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amount(text: &str, charter: Option<&str>) -> (String, Option<String>, Option<String>, bool) {
        match read_fee(text, charter) {
            Ok((FeeRead::Amount { money, .. }, _)) => {
                (money.value, money.currency, money.per, money.at_most)
            }
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn the_ways_amounts_are_written() {
        let a = |t: &str| {
            let (v, c, _, _) = amount(t, None);
            (v, c)
        };
        assert_eq!(a("KES 5,000"), ("5000".into(), Some("KES".into())));
        assert_eq!(a("Ksh. 1,000/="), ("1000".into(), Some("KES".into())));
        assert_eq!(a("TZS 10,000.50"), ("10000.50".into(), Some("TZS".into())));
        assert_eq!(a("300 KES"), ("300".into(), Some("KES".into())));
        assert_eq!(a("US$ 5"), ("5".into(), Some("USD".into())));
        assert_eq!(a("KES 500."), ("500".into(), Some("KES".into())));
        assert_eq!(
            a("PhP100.00 per page"),
            ("100.00".into(), Some("PHP".into()))
        );
        assert_eq!(a("₱ 60.00"), ("60.00".into(), Some("PHP".into())));
        assert_eq!(a("GH₵ 20"), ("20".into(), Some("GHS".into())));
        assert_eq!(a("Rs. 50"), ("50".into(), Some("INR".into())));
        assert_eq!(amount("5,000/=", None).0, "5000");
        assert_eq!(amount("1,280,000", Some("ZMK")).1.as_deref(), Some("ZMK"));
        assert_eq!(amount("K 1,280,000", Some("ZMK")).1.as_deref(), Some("ZMK"));
        assert_eq!(
            amount("Php 155.00 per copy", None).2.as_deref(),
            Some("per copy")
        );
        assert_eq!(amount("P 0.80/KL", None).2.as_deref(), Some("/KL"));
        assert!(amount("Not more than KSh 2,000", None).3);
        assert_eq!(amount("2,500", Some("TZS")).1.as_deref(), Some("TZS"));
    }

    #[test]
    fn no_charge() {
        for word in [
            "free",
            "Bila Malipo",
            "Nil",
            "NIL",
            "None",
            "Hakuna",
            "0",
            "FREE.",
            "Bure",
            "0.00",
            "Nil/=",
        ] {
            assert!(
                matches!(
                    read_fee(word, None),
                    Ok((FeeRead::Free { condition: None }, _))
                ),
                "{word}: {:?}",
                read_fee(word, None)
            );
        }
        assert_eq!(read_fee("Nil", None).unwrap().1, Some("en"));
        assert_eq!(read_fee("Bure", None).unwrap().1, Some("sw"));
        match read_fee("Free or as set by the regulations", None) {
            Ok((FeeRead::Free { condition }, _)) => {
                assert_eq!(condition.as_deref(), Some("or as set by the regulations"))
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn one_fee_per_case() {
        let (read, _) = read_fee(
            "1. Certified True Copy of MENRO documents-P60.00; 2. MENRO Clearance-P500.00 for new business",
            Some("PHP"),
        )
        .unwrap();
        let FeeRead::Cases(cases) = read else {
            panic!("{read:?}")
        };
        assert_eq!(cases.len(), 2);
        assert_eq!(cases[0].0, "1. Certified True Copy of MENRO documents");
        assert_eq!(cases[1].0, "2. MENRO Clearance");
        let FeeRead::Amount { qualifier, .. } = &cases[1].1 else {
            panic!()
        };
        assert_eq!(qualifier.as_deref(), Some("for new business"));
        // Words after the amount name the case when there are none before it.
        let (read, _) = read_fee("P60.00 (simple); P500.00 (complex)", None).unwrap();
        let FeeRead::Cases(cases) = read else {
            panic!("{read:?}")
        };
        assert_eq!(cases[0].0, "simple");
        assert!(matches!(
            &cases[0].1,
            FeeRead::Amount {
                qualifier: None,
                ..
            }
        ));
    }

    #[test]
    fn unclear_fees_are_refused() {
        let err = |t: &str| read_fee(t, None).unwrap_err().message().to_owned();
        assert!(err("Kesi kwa Kesi").contains("not `free`"));
        assert!(err("5,00").contains("not a clear amount"));
        assert!(err("XYZ 40").contains("not a currency I know"));
        assert!(err("as assessed").contains("not `free`"));
        assert!(err("P 0.80/KL or P0.90/KL or P1.00/KL").contains("3 fees"));
        assert!(err("Form 19 as assessed by the officer").contains("no currency"));
    }
}
