//! The command line as CI pipelines and officers meet it: exit statuses, output streams,
//! JSON, and what `new` and `schema` write.

use crate::{charter, charter_in, root};

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn valid_charters_exit_zero() {
    let output = charter(&["check", "tests/check/ok"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stderr(&output).contains("Checked 2 charters: all valid."));
}

#[test]
fn problems_exit_one_with_snippet_on_stderr() {
    let output = charter(&["check", "tests/check/bad-fee.yaml"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty(), "human output goes to stderr");
    let err = stderr(&output);
    assert!(err.contains("[tests/check/bad-fee.yaml:8:10]"), "{err}");
    assert!(err.contains("E303 bad-fee"), "{err}");
}

#[test]
fn missing_file_exits_two_with_one_line() {
    let output = charter(&["check", "does-not-exist.yaml"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "error: cannot read `does-not-exist.yaml`: no such file or directory\n"
    );
}

#[test]
fn operational_errors_win_over_problems_but_the_rest_is_still_checked() {
    let output = charter(&["check", "nope.yaml", "tests/check/bad-fee.yaml"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("E303"),
        "the other file is still checked"
    );
}

#[test]
fn usage_errors_exit_two() {
    let output = charter(&["check", "--format", "xml"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn empty_folder_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "not a charter").unwrap();
    let output = charter_in(dir.path(), &["check", "."]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("E106 no-charters"), "{err}");
    assert!(err.contains("this folder holds no charter files"), "{err}");
}

#[test]
fn hidden_folders_are_skipped() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".github")).unwrap();
    std::fs::write(dir.path().join(".github/ci.yaml"), "on: push").unwrap();
    std::fs::copy(
        root().join("tests/check/ok/short-and-long-forms.yaml"),
        dir.path().join("a.yaml"),
    )
    .unwrap();
    let output = charter_in(dir.path(), &["check"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stderr(&output).contains("Checked 1 charter: all valid."));
}

#[test]
fn json_format_has_one_object_per_diagnostic() {
    let output = charter(&[
        "check",
        "--format",
        "json",
        "tests/check/many-problems.yaml",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let items = json.as_array().unwrap();
    assert_eq!(items.len(), 5);
    let first = &items[1];
    assert_eq!(first["file"], "tests/check/many-problems.yaml");
    assert_eq!(first["line"], 5);
    assert_eq!(first["column"], 3);
    assert_eq!(first["code"], "E201");
    assert_eq!(first["name"], "unknown-key");
    assert_eq!(first["severity"], "error");
    assert_eq!(first["message"], "`nme` is not a field of the organization");
}

#[test]
fn json_of_valid_charters_is_an_empty_array() {
    let output = charter(&["check", "--format", "json", "tests/check/ok"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stdout).trim(), "[]");
}

#[test]
fn new_writes_starters_that_pass_check_and_never_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    for (file, lang) in [("en.yaml", "en"), ("sw.yaml", "sw")] {
        let output = charter_in(dir.path(), &["new", file, "--lang", lang]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        let text = std::fs::read_to_string(dir.path().join(file)).unwrap();
        assert!(text.starts_with("# yaml-language-server: $schema=charter.schema.json\n"));
    }
    assert!(dir.path().join("charter.schema.json").exists());
    let check = charter_in(dir.path(), &["check", "en.yaml", "sw.yaml"]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    // A starter is also an example of a good charter: lint finds nothing in it.
    let lint = charter_in(
        dir.path(),
        &["lint", "--fail-on", "info", "en.yaml", "sw.yaml"],
    );
    assert_eq!(lint.status.code(), Some(0), "{}", stderr(&lint));

    let again = charter_in(dir.path(), &["new", "en.yaml"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("already exists"));
}

#[test]
fn schema_prints_the_committed_schema() {
    let output = charter(&["schema"]);
    assert_eq!(output.status.code(), Some(0));
    let committed = std::fs::read_to_string(root().join("charter.schema.json")).unwrap();
    let printed = String::from_utf8_lossy(&output.stdout);
    // Say where they differ rather than printing two 1,500-line files.
    let first_difference = committed
        .lines()
        .zip(printed.lines())
        .position(|(a, b)| a != b)
        .map(|i| i + 1);
    assert!(
        committed == printed,
        "charter.schema.json is stale (first difference at line {first_difference:?}): \
         run `cargo run -- schema -o charter.schema.json`"
    );
}
