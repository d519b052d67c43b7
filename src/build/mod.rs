//! The build batch: which charters to build, in worker processes, skipping what is up to
//! date, writing what `crate::render` made. `run.rs`: a batch (the output folder's lock,
//! discovery, the up-to-date check, build threads, orphans, Ctrl-C); `worker.rs`: the
//! worker processes and their protocol; `incremental.rs`: the record and the run's
//! fingerprint; `summary.rs`: the `--summary` JSON.

pub mod incremental;
pub mod run;
pub mod summary;
pub mod worker;
