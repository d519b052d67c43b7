//! Fuzz target `serve_request`: see `tests/support/fuzz_checks.rs` for what it checks.
#![no_main]

#[path = "../../tests/support/fuzz_checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::serve_request(data));
