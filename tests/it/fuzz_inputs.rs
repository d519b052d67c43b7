//! Every input a fuzzer once found failing (`tests/fuzz/<target>/`), through the check of
//! its target: what the fuzzer found stays fixed.

use crate::root;

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = root().join("tests/fuzz").join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect()
}

fn run(target: &str, check: fn(&[u8])) {
    for (name, data) in inputs(target) {
        let outcome = std::panic::catch_unwind(|| check(&data));
        assert!(outcome.is_ok(), "tests/fuzz/{target}/{name} fails again");
    }
}

#[test]
fn load_inputs() {
    run("load", crate::fuzz_checks::load_bytes);
}

#[test]
fn lint_fix_inputs() {
    run("lint_fix", crate::fuzz_checks::lint_fix);
}

#[test]
fn diff_inputs() {
    run("diff", crate::fuzz_checks::diff);
}

#[test]
fn serve_request_inputs() {
    let inputs = inputs("serve_request");
    assert!(!inputs.is_empty(), "the seeds of serve_request are kept");
    run("serve_request", crate::fuzz_checks::serve_request);
}
