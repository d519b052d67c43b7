//! An office's registers, read and measured for the results report (issue 17): the request
//! register (one row per request: the service, when it was received, when it was
//! completed) against the promises of the charter.
//!
//! [`csv`] reads a register one record at a time; [`requests`] finds its columns and reads
//! each row; [`when`] reads its dates as offices type them; [`limit`] turns a service's
//! timeline into the limit a request is measured against, and measures one; [`tally`]
//! adds a service's requests up in memory that does not grow with the register;
//! [`results`] measures a whole register against a charter, every row counted or left out
//! with why. (The `charter report` command, its outputs and its diagnostics' codes come
//! next.)

pub mod breakdown;
pub mod complaints;
pub mod csv;
pub mod diagnostics;
pub mod file;
pub mod limit;
pub mod requests;
pub mod results;
pub mod scan;
pub mod settings;
pub mod sheet;
pub mod tally;
pub mod when;
