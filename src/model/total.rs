//! Adding up a service's steps: their fees, their times, and the charter's own columns of
//! numbers, amounts and times (the TOTAL row of a Philippine step table). A sum is given
//! only when every value can be added; otherwise there is none, never a guess.

use crate::model::timeline::Length;
use crate::model::{Fee, FeeKind, Timeline, TimelineKind};
use crate::reading::Measure;

/// A sum over a service's steps: of a column's numbers, amounts or times, or of the
/// steps' own fees and times.
#[derive(Clone, Debug, PartialEq)]
pub enum Total {
    Number(u64),
    /// A plain decimal number (`150.50`), in one currency or none.
    Amount {
        value: String,
        currency: Option<String>,
    },
    Time(Measure),
}

/// The sum of fees (a service's steps'), when every one can be added: a fixed amount, all
/// in one currency (or none named), or free without a condition, which counts as nothing.
/// `None` (not a guess) for a range, a ceiling, an amount per something, tiers, cases,
/// words, or a value missing (`None` in `fees`).
pub fn fees<'a>(fees: impl IntoIterator<Item = Option<&'a Fee>>) -> Option<Total> {
    let mut sum = Decimal::default();
    let mut currency: Option<&str> = None;
    for fee in fees {
        match &fee?.kind {
            FeeKind::Free { condition: None } => {}
            FeeKind::Amount(a) if a.max.is_none() && !a.at_most && a.per.is_none() => {
                if let Some(code) = a.currency.as_deref() {
                    if currency.is_some_and(|c| c != code) {
                        return None;
                    }
                    currency = Some(code);
                }
                sum = sum.checked_add(Decimal::parse(&a.value)?)?;
            }
            _ => return None,
        }
    }
    Some(Total::Amount {
        value: sum.to_string(),
        currency: currency.map(str::to_owned),
    })
}

/// The sum of timelines (a service's steps'), when every one is a duration in minutes,
/// hours, days or weeks: in days and minutes, minutes never counted into days (whose length,
/// 24 or 8 hours, is the office's to say), with the days' basis when they all share it.
/// `None` for a range, a month, a frequency, cases, words, or a value missing.
pub fn times<'a>(times: impl IntoIterator<Item = Option<&'a Timeline>>) -> Option<Total> {
    let mut sum = Length::default();
    let mut bases = Vec::new();
    for timeline in times {
        let TimelineKind::Duration(d) = &timeline?.kind else {
            return None;
        };
        if d.max.is_some() {
            return None;
        }
        sum = sum.plus(d.length()?);
        if d.length()?.days > 0 {
            bases.push(d.basis);
        }
    }
    let basis = bases
        .first()
        .copied()
        .flatten()
        .filter(|b| bases.iter().all(|x| *x == Some(*b)));
    Some(Total::Time(sum.measure(basis)))
}

/// An exact decimal for adding amounts: `12.50` + `3` is `15.50`, never `15.499999`.
#[derive(Clone, Copy, Debug, Default)]
struct Decimal {
    /// The number times 10^`places`.
    units: u128,
    places: u32,
}

impl Decimal {
    fn parse(text: &str) -> Option<Decimal> {
        let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
        if whole.is_empty() && fraction.is_empty() || fraction.len() > 6 {
            return None;
        }
        let digits = format!("{whole}{fraction}");
        Some(Decimal {
            units: if digits.is_empty() {
                0
            } else {
                digits.parse().ok()?
            },
            places: fraction.len() as u32,
        })
    }

    fn checked_add(self, other: Decimal) -> Option<Decimal> {
        let places = self.places.max(other.places);
        let scale = |d: Decimal| d.units.checked_mul(10u128.pow(places - d.places));
        Some(Decimal {
            units: scale(self)?.checked_add(scale(other)?)?,
            places,
        })
    }
}

impl std::fmt::Display for Decimal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.places == 0 {
            return write!(f, "{}", self.units);
        }
        let factor = 10u128.pow(self.places);
        write!(
            f,
            "{}.{:0width$}",
            self.units / factor,
            self.units % factor,
            width = self.places as usize
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_add_exactly() {
        let sum = Decimal::parse("12.50")
            .unwrap()
            .checked_add(Decimal::parse("3").unwrap())
            .unwrap()
            .checked_add(Decimal::parse("0.05").unwrap())
            .unwrap();
        assert_eq!(sum.to_string(), "15.55");
        assert!(Decimal::parse("").is_none());
        assert!(Decimal::parse("1.2345678").is_none());
    }
}
