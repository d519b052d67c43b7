//! Adding up a service's steps: their fees, their times, and the charter's own columns of
//! numbers, amounts and times (the TOTAL row of a Philippine step table). A sum is given
//! only when every value can be added; otherwise there is none, never a guess.

use crate::model::timeline::Length;
use crate::model::{Basis, Fee, FeeKind, Timeline, TimelineKind, Unit};
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
    // The basis of the steps in days or weeks: they must all say the same (working days and
    // calendar days do not add up), or all say nothing.
    let mut basis: Option<Option<Basis>> = None;
    for timeline in times {
        let TimelineKind::Duration(d) = &timeline?.kind else {
            return None;
        };
        if d.max.is_some() {
            return None;
        }
        // Seconds are counted into minutes rounded up, step by step: only whole minutes
        // add up exactly.
        let units = std::iter::once((d.amount, d.unit?)).chain(d.plus.iter().copied());
        let mut in_days = false;
        for (n, unit) in units {
            match unit {
                Unit::Seconds if n % 60 != 0 => return None,
                Unit::Days | Unit::Weeks if n > 0 => in_days = true,
                _ => {}
            }
        }
        if in_days {
            match basis {
                None => basis = Some(d.basis),
                Some(b) if b != d.basis => return None,
                Some(_) => {}
            }
        }
        sum = sum.plus(d.length()?);
    }
    Some(Total::Time(sum.measure(basis.flatten())?))
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

    fn steps(times: &[&str]) -> Option<Total> {
        let text = format!(
            "languages: [en]\ntitle: T\norganization: {{name: O}}\nservices:\n  - name: S\n    \
             steps: [{}]\n",
            times
                .iter()
                .map(|t| format!("{{agency: a, time: \"{t}\"}}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let loaded =
            crate::load::load_source(crate::source::SourceFile::new("t.yaml", text.as_str()));
        assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
        let charter = loaded.charter.unwrap();
        times_of(&charter.services[0].steps)
    }

    fn times_of(steps: &[crate::model::Step]) -> Option<Total> {
        super::times(steps.iter().map(|s| s.time.as_ref()))
    }

    #[test]
    fn times_add_up_only_on_one_basis() {
        let Some(Total::Time(m)) = steps(&["1 working day", "2 working days", "30 minutes"]) else {
            panic!()
        };
        assert_eq!(
            (m.amount, m.basis, m.plus.clone()),
            (3, Some(Basis::Working), vec![(30, Unit::Minutes)])
        );
        // Working and calendar days, or days that say and days that do not, do not add up.
        assert_eq!(steps(&["1 working day", "1 calendar day"]), None);
        assert_eq!(steps(&["1 working week", "1 week"]), None);
        assert_eq!(steps(&["1 day", "2 working days"]), None);
        // Half minutes do not add up exactly; whole ones do.
        assert_eq!(steps(&["30 seconds", "30 seconds"]), None);
        assert!(steps(&["60 seconds", "2 minutes"]).is_some());
        // Nothing past what a measure holds.
        assert_eq!(steps(&["4294967295 days", "4294967295 days"]), None);
    }
}
