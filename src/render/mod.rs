//! What a charter is built into: one [`Format`] variant per output format, as typst-cli's
//! `compile.rs` has one output-format enum. The command line, the batch, the record, the
//! worker's plan and the writer all speak of formats through this one type.

mod format;

pub use format::{Format, Formats};
