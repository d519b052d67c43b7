//! What the benchmarks share: timing, peak memory, and charters made distinct from the
//! real ones (each with its own office and service names, so no charter is served from
//! another's cache).

#![allow(dead_code)]

use std::time::{Duration, Instant};

pub fn median(runs: usize, mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The process's peak resident memory (Linux).
pub fn peak_mib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}

/// `base` with its organisation named `office` and each service numbered `n`.
pub fn distinct(base: &str, office: &str, n: usize) -> String {
    base.replacen("  name: ", &format!("  name: {office} of "), 1)
        .replace("- name: ", &format!("- name: No. {n} "))
}
