//! An office's registers, read for the results report (issue 17): the request register
//! (one row per request: the service, when it was received, when it was completed) and the
//! complaint register. This part reads the cells a register holds; [`when`] reads its
//! dates as offices type them.

pub mod csv;
pub mod limit;
pub mod requests;
pub mod when;
