//! The real charters in `charters/` and the examples in `examples/` are the format's
//! acceptance test: every one must pass `check`, and every one must also satisfy the JSON
//! Schema that editors use (so the schema never rejects what the tool accepts).

use crate::{charter, root, yaml_files};

#[test]
fn the_real_charters_are_there() {
    let names: Vec<String> = yaml_files(&root().join("charters"))
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    for expected in ["kilosa.yaml", "kitui.yaml", "kitui-bilingual.yaml"] {
        assert!(
            names.iter().any(|n| n == expected),
            "charters/{expected} is missing"
        );
    }
}

#[test]
fn every_charter_and_example_passes_check() {
    let output = charter(&["check", "charters", "examples"]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn every_charter_and_example_satisfies_the_json_schema() {
    let files = [
        yaml_files(&root().join("charters")),
        yaml_files(&root().join("examples")),
        yaml_files(&root().join("tests/check/ok")),
    ]
    .concat();
    assert_schema_accepts(&files);
}

/// Every file satisfies the JSON Schema, as an editor would check it.
pub fn assert_schema_accepts(files: &[std::path::PathBuf]) {
    let schema: serde_json::Value = serde_json::from_str(&charter::schema::schema_json()).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema is valid");
    assert!(!files.is_empty());
    for path in files {
        let text = std::fs::read_to_string(path).unwrap();
        let value: serde_json::Value = serde_saphyr::from_str(&text).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
    }
}

/// The real charters have real defects: their findings are snapshotted (one concise line
/// each) so a change in any rule's behaviour on real input is reviewed.
#[test]
fn lint_findings_of_the_real_charters() {
    for path in yaml_files(&root().join("charters")) {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        assert_lint_snapshot(&path, "tests/real", &name);
    }
}

/// The findings of `path`, one concise line each, against the snapshot `name` in `dir`.
pub fn assert_lint_snapshot(path: &std::path::Path, dir: &str, name: &str) {
    use charter::report::formats::concise_line;
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(root().join(dir));
    settings.set_prepend_module_to_snapshot(false);
    let file = crate::lint_rules::lint_file(path);
    let lines: Vec<String> = file
        .findings
        .iter()
        .map(|f| concise_line(&file.source, &f.diagnostic))
        .collect();
    settings.bind(|| insta::assert_snapshot!(name, lines.join("\n")));
}
