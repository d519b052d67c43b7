//! One service's results over a period: how many requests, how many kept the promise, how
//! long they took (median, 90th percentile, the slowest), and how many are pending past
//! it. Times are counted in a histogram of whole units (days, working days, months or
//! minutes), so a tally's memory grows with the number of distinct times, never with the
//! register: a million requests of one service taking 0 to 30 days is 31 counters.

use std::collections::BTreeMap;

use super::limit::{Measured, Taken};

/// A service's results, in its promise's unit.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// Completed requests measured.
    pub total: u64,
    /// Of those, how many kept the promise.
    pub met: u64,
    /// How many completed requests took each whole number of units.
    taken: BTreeMap<i64, u64>,
    /// The slowest completed request: its time and its register line (the first such).
    pub slowest: Option<(i64, u64)>,
    /// Requests still pending at the end of the period, and how many of them are past
    /// their promise.
    pub pending: u64,
    pub overdue: u64,
}

impl Tally {
    /// Counts a completed request, read on register line `line`.
    pub fn completed(&mut self, taken: Taken, line: u64) {
        self.total += 1;
        self.met += u64::from(taken.met);
        *self.taken.entry(taken.amount).or_default() += 1;
        if self.slowest.is_none_or(|(amount, _)| taken.amount > amount) {
            self.slowest = Some((taken.amount, line));
        }
    }

    /// Counts a request as it was measured, read on register line `line`.
    pub fn add(&mut self, measured: Measured, line: u64) {
        match measured {
            Measured::Done(taken) => self.completed(taken, line),
            Measured::Pending { overdue } => self.pending(overdue),
        }
    }

    /// Counts a request still pending, `overdue` when past its promise.
    pub fn pending(&mut self, overdue: bool) {
        self.pending += 1;
        self.overdue += u64::from(overdue);
    }

    /// The share of completed requests that kept the promise, from 0 to 1; `None` when
    /// none was completed.
    pub fn performance(&self) -> Option<f64> {
        (self.total > 0).then(|| self.met as f64 / self.total as f64)
    }

    /// The time within which `percent` of the completed requests were done (nearest rank:
    /// the least time at least that share took no longer than).
    pub fn percentile(&self, percent: u32) -> Option<i64> {
        if self.total == 0 {
            return None;
        }
        let rank = (u64::from(percent.min(100)) * self.total)
            .div_ceil(100)
            .max(1);
        let mut seen = 0;
        for (amount, count) in &self.taken {
            seen += count;
            if seen >= rank {
                return Some(*amount);
            }
        }
        self.taken.keys().next_back().copied()
    }

    pub fn median(&self) -> Option<i64> {
        self.percentile(50)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tally(times: &[(i64, bool)]) -> Tally {
        let mut tally = Tally::default();
        for (line, (amount, met)) in times.iter().enumerate() {
            tally.completed(
                Taken {
                    amount: *amount,
                    met: *met,
                },
                line as u64 + 2,
            );
        }
        tally
    }

    #[test]
    fn shares_and_times_as_counted_by_hand() {
        // Ten requests: 1,1,2,2,3,3,4,5,8,9 days against a promise of 5.
        let times: Vec<(i64, bool)> = [1, 1, 2, 2, 3, 3, 4, 5, 8, 9]
            .into_iter()
            .map(|d| (d, d <= 5))
            .collect();
        let t = tally(&times);
        assert_eq!((t.total, t.met), (10, 8));
        assert_eq!(t.performance(), Some(0.8));
        // Nearest rank: the 5th of 10 is 3; the 9th is 8; the 10th is 9.
        assert_eq!(t.median(), Some(3));
        assert_eq!(t.percentile(90), Some(8));
        assert_eq!(t.percentile(100), Some(9));
        assert_eq!(t.percentile(0), Some(1));
        // The slowest is on the register's 11th line (rows start on line 2).
        assert_eq!(t.slowest, Some((9, 11)));
    }

    #[test]
    fn nothing_completed_gives_no_share_and_pending_ones_are_counted() {
        let mut t = Tally::default();
        assert_eq!(t.performance(), None);
        assert_eq!(t.median(), None);
        t.pending(true);
        t.pending(false);
        assert_eq!((t.pending, t.overdue, t.total), (2, 1, 0));
    }

    #[test]
    fn a_million_requests_take_a_counter_per_distinct_time() {
        let mut t = Tally::default();
        for i in 0..1_000_000u64 {
            let amount = (i % 31) as i64;
            t.completed(
                Taken {
                    amount,
                    met: amount <= 7,
                },
                i,
            );
        }
        assert_eq!(t.taken.len(), 31);
        assert_eq!(t.total, 1_000_000);
        assert_eq!(t.median(), Some(15));
    }
}
