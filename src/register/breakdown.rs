//! Results by the values of a column a register may have besides the service: the office
//! a request was made at, the channel it came by, a complaint's category. What a register
//! holds is reported, not read and dropped; and an office is often asked to say how each of
//! its stations did.
//!
//! Only counts are kept by value (requests, completed, kept, pending, past their promise):
//! times are in each service's own unit, and do not add up across services.

/// The most values kept apart; the rest are counted together (a free-text column can hold
/// a different word on every row).
pub const MAX_VALUES: usize = 50;

/// What became of one request, for counting by value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Completed {
        met: bool,
    },
    Pending {
        overdue: bool,
    },
    /// Its promise cannot be measured.
    Unmeasured,
}

impl From<super::limit::Measured> for Outcome {
    fn from(measured: super::limit::Measured) -> Outcome {
        match measured {
            super::limit::Measured::Done(taken) => Outcome::Completed { met: taken.met },
            super::limit::Measured::Pending { overdue } => Outcome::Pending { overdue },
        }
    }
}

/// The counts of one value.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub requests: u64,
    pub completed: u64,
    pub met: u64,
    pub pending: u64,
    pub overdue: u64,
}

/// Counts by a column's values, in the order they first appear.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Breakdown {
    /// Each value as first written (spaces at either end left out), and its counts.
    pub values: Vec<(String, Counts)>,
    /// The values past [`MAX_VALUES`], together.
    pub others: Option<Counts>,
}

impl Breakdown {
    /// Counts a request with `value` in the column (none: not counted here).
    pub fn count(&mut self, value: Option<&str>, outcome: Outcome) {
        let Some(value) = value.map(str::trim).filter(|v| !v.is_empty()) else {
            return;
        };
        let counts = match self
            .values
            .iter()
            .position(|(v, _)| v.eq_ignore_ascii_case(value))
        {
            Some(i) => &mut self.values[i].1,
            None if self.values.len() < MAX_VALUES => {
                self.values.push((value.to_owned(), Counts::default()));
                &mut self.values.last_mut().expect("just pushed").1
            }
            None => self.others.get_or_insert_with(Counts::default),
        };
        counts.requests += 1;
        match outcome {
            Outcome::Completed { met } => {
                counts.completed += 1;
                counts.met += u64::from(met);
            }
            Outcome::Pending { overdue } => {
                counts.pending += 1;
                counts.overdue += u64::from(overdue);
            }
            Outcome::Unmeasured => {}
        }
    }

    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_counted_as_first_written_and_the_rest_together() {
        let mut offices = Breakdown::default();
        offices.count(Some("Head office"), Outcome::Completed { met: true });
        offices.count(Some(" head OFFICE "), Outcome::Pending { overdue: true });
        offices.count(Some(""), Outcome::Unmeasured);
        offices.count(None, Outcome::Unmeasured);
        offices.count(Some("Mwingi"), Outcome::Unmeasured);
        assert_eq!(offices.values.len(), 2);
        assert_eq!(
            offices.values[0],
            (
                "Head office".to_owned(),
                Counts {
                    requests: 2,
                    completed: 1,
                    met: 1,
                    pending: 1,
                    overdue: 1
                }
            )
        );
        for i in 0..MAX_VALUES + 5 {
            offices.count(
                Some(&format!("station {i}")),
                Outcome::Completed { met: false },
            );
        }
        assert_eq!(offices.values.len(), MAX_VALUES);
        assert_eq!(offices.others.as_ref().unwrap().requests, 7);
    }
}
