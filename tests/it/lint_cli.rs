//! `charter lint` and `charter rule` as CI and reviewers run them.

use std::process::{Command, Output};

use crate::{charter_in, root};

fn lint(args: &[&str]) -> Output {
    let mut all = vec!["lint"];
    all.extend_from_slice(args);
    charter_in(root(), &all)
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn exit_status_follows_the_fail_level() {
    // days-without-basis is a warning.
    let warning = "tests/lint/days-without-basis/bad.yaml";
    assert_eq!(lint(&[warning]).status.code(), Some(0));
    assert_eq!(
        lint(&["--fail-on", "warning", warning]).status.code(),
        Some(1)
    );
    // fee-not-fixed is an error.
    let error = "tests/lint/fee-not-fixed/bad.yaml";
    assert_eq!(lint(&[error]).status.code(), Some(1));
    assert_eq!(lint(&["--exit-zero", error]).status.code(), Some(0));
    assert_eq!(
        lint(&["tests/lint/fee-not-fixed/good.yaml"]).status.code(),
        Some(0)
    );
}

#[test]
fn a_charter_that_fails_check_reports_its_check_problems() {
    let output = lint(&["--output-format", "concise", "tests/check/bad-fee.yaml"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output).contains("tests/check/bad-fee.yaml:8:10: E303 [error]"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn concise_output() {
    let output = lint(&[
        "--output-format",
        "concise",
        "tests/lint/fee-not-fixed/bad.yaml",
    ]);
    assert_eq!(
        stdout(&output),
        "tests/lint/fee-not-fixed/bad.yaml:23:10: F001 [error] the fee of service 2 “Transfer of land” is not a fixed amount: “As assessed”\n"
    );
    assert!(stderr(&output).contains("Linted 1 charter: 1 error, 0 warnings, 0 notes."));
}

#[test]
fn github_annotations() {
    let output = lint(&[
        "--output-format",
        "github",
        "tests/lint/phone-trunk-zero/bad.yaml",
    ]);
    let line = stdout(&output);
    assert!(
        line.starts_with("::warning file=tests/lint/phone-trunk-zero/bad.yaml,line=28,col=16,endLine=28,endColumn=34,title=C004 phone-trunk-zero::"),
        "{line}"
    );
    assert!(line.contains("%0A"), "the hint is on a second line: {line}");
}

#[test]
fn github_is_the_default_under_github_actions() {
    let output = Command::new(env!("CARGO_BIN_EXE_charter"))
        .args(["lint", "tests/lint/phone-trunk-zero/bad.yaml"])
        .current_dir(root())
        .env("GITHUB_ACTIONS", "true")
        .output()
        .unwrap();
    assert!(stdout(&output).starts_with("::warning "));
}

#[test]
fn json_output() {
    let output = lint(&[
        "--output-format",
        "json",
        "tests/lint/email-is-web-address/bad.yaml",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let item = &json[0];
    assert_eq!(item["code"], "C001");
    assert_eq!(item["name"], "email-is-web-address");
    assert_eq!(item["severity"], "error");
    assert_eq!(item["line"], 35);
}

#[test]
fn sarif_output_is_what_code_scanning_needs() {
    let output = lint(&[
        "--output-format",
        "sarif",
        "tests/lint/timeline-range/bad.yaml",
    ]);
    let sarif: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let run = &sarif["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "charter");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), charter::lint::rules::ALL.len());
    assert!(rules.iter().all(|r| {
        r["help"]["text"]
            .as_str()
            .unwrap()
            .contains("## How to fix")
    }));
    let result = &run["results"][0];
    assert_eq!(result["ruleId"], "T004");
    assert_eq!(result["level"], "warning");
    let index = result["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(rules[index]["id"], "T004");
    let region = &result["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startLine"], 24);
    assert_eq!(
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "tests/lint/timeline-range/bad.yaml"
    );
}

#[test]
fn config_is_found_by_walking_up_and_can_be_named() {
    let dir = tempfile::tempdir().unwrap();
    let nested = dir.path().join("county/lands");
    std::fs::create_dir_all(&nested).unwrap();
    std::fs::copy(
        root().join("tests/lint/fee-not-fixed/bad.yaml"),
        nested.join("lands.yaml"),
    )
    .unwrap();
    assert_eq!(
        charter_in(dir.path(), &["lint", "county"]).status.code(),
        Some(1)
    );

    std::fs::write(
        dir.path().join("charter.toml"),
        "[lint]\nignore = [\"fee-not-fixed\"]\n",
    )
    .unwrap();
    let output = charter_in(dir.path(), &["lint", "county"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));

    std::fs::write(
        dir.path().join("strict.toml"),
        "[lint]\nlevels = { T003 = \"error\" }\n",
    )
    .unwrap();
    let output = charter_in(dir.path(), &["lint", "--config", "strict.toml", "county"]);
    assert_eq!(
        output.status.code(),
        Some(1),
        "the named file replaces charter.toml"
    );
}

#[test]
fn per_file_overrides() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("archive")).unwrap();
    for place in ["new.yaml", "archive/old.yaml"] {
        std::fs::copy(
            root().join("tests/lint/fee-not-fixed/bad.yaml"),
            dir.path().join(place),
        )
        .unwrap();
    }
    std::fs::write(
        dir.path().join("charter.toml"),
        "[[lint.overrides]]\nfiles = [\"archive/*.yaml\"]\nignore = [\"F001\"]\n",
    )
    .unwrap();
    let output = charter_in(dir.path(), &["lint", "--output-format", "concise", "."]);
    let out = stdout(&output);
    assert!(out.contains("new.yaml"), "{out}");
    assert!(!out.contains("old.yaml"), "{out}");
}

#[test]
fn bad_config_exits_two_and_names_the_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        root().join("tests/lint/fee-not-fixed/good.yaml"),
        dir.path().join("a.yaml"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("charter.toml"),
        "[lint]\nignore = [\"fee-not-fixd\"]\n",
    )
    .unwrap();
    let output = charter_in(dir.path(), &["lint", "a.yaml"]);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(err.contains("charter.toml"), "{err}");
    assert!(err.contains("did you mean `fee-not-fixed`"), "{err}");
}

#[test]
fn fix_rewrites_only_what_is_safe_and_diff_only_shows_it() {
    let dir = tempfile::tempdir().unwrap();
    let original =
        std::fs::read_to_string(root().join("tests/lint/phone-country-code/bad.yaml")).unwrap();
    let file = dir.path().join("a.yaml");
    std::fs::write(&file, &original).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).unwrap();
    }

    let diff = charter_in(dir.path(), &["lint", "--diff", "a.yaml"]);
    assert!(
        stdout(&diff).contains("-      phones: [\"020 7654321\"]"),
        "{}",
        stdout(&diff)
    );
    assert!(
        stdout(&diff).contains("+      phones: [\"+254 20 7654321\"]"),
        "{}",
        stdout(&diff)
    );
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        original,
        "--diff writes nothing"
    );

    let fixed = charter_in(
        dir.path(),
        &["lint", "--fix", "--fail-on", "info", "a.yaml"],
    );
    assert_eq!(
        fixed.status.code(),
        Some(0),
        "nothing is left after fixing: {}",
        stderr(&fixed)
    );
    let after = std::fs::read_to_string(&file).unwrap();
    assert_eq!(
        after,
        original.replace("\"020 7654321\"", "\"+254 20 7654321\"")
    );
}

#[test]
fn rule_prints_docs_by_code_or_name_and_lists_all() {
    let by_code = charter_in(root(), &["rule", "F001"]);
    let by_name = charter_in(root(), &["rule", "fee-not-fixed"]);
    assert_eq!(by_code.status.code(), Some(0));
    assert_eq!(stdout(&by_code), stdout(&by_name));
    assert!(stdout(&by_code).contains("Kesi kwa Kesi"));

    let all = charter_in(root(), &["rule", "--all"]);
    assert_eq!(
        stdout(&all).lines().count(),
        charter::lint::rules::ALL.len() + 1
    );

    let unknown = charter_in(root(), &["rule", "fee-not-fixd"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("did you mean `fee-not-fixed`"));
}
