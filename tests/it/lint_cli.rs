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
    // Machine formats write nothing at all then: no half of a SARIF log or JSON array.
    for format in ["sarif", "json"] {
        let output = charter_in(dir.path(), &["lint", "a.yaml", "--output-format", format]);
        assert_eq!(output.status.code(), Some(2));
        assert_eq!(stdout(&output), "", "{format}");
    }
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

/// The reports' reproducers: a `|` block fee and a `- >-` phone. Their spans ran to the
/// next key, which the fix used to swallow (`Freetimeline: 14 working days`, `emails:`
/// gone while `check` still said valid). Each is rewritten on its key's line now, and the
/// charter's other values are all still there.
#[test]
fn fixing_block_scalars_keeps_the_keys_after_them() {
    let dir = tempfile::tempdir().unwrap();
    let text = "languages: [en]\ntitle: T\norganization:\n  name: Office\n  country: KE\n  \
                phones:\n    - >-\n      0712 345 678\n  emails: [a@b.go.ke]\nservices:\n  - name: A\n    \
                fee: |\n      Nil\n    timeline: 14 working days\n  - name: B\n    fee: Free\n    \
                timeline: 1 working day\n  - name: C\n    fee: Free\n    timeline: 1 working day\n";
    std::fs::write(dir.path().join("a.yaml"), text).unwrap();
    let fixed = charter_in(dir.path(), &["lint", "--fix", "a.yaml"]);
    assert!(
        stderr(&fixed).contains("Fixed 2 findings in a.yaml."),
        "{}",
        stderr(&fixed)
    );
    let after = std::fs::read_to_string(dir.path().join("a.yaml")).unwrap();
    assert_eq!(
        after,
        text.replace("- >-\n      0712 345 678", "- \"+254 712 345 678\"")
            .replace("fee: |\n      Nil", "fee: Free")
    );
    let check = charter_in(dir.path(), &["check", "a.yaml"]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
}

/// `--fix` keeps what the file is besides its text: a read-only file is left alone (exit
/// 2, nothing written), and a file with two names keeps both.
#[cfg(unix)]
#[test]
fn fix_refuses_read_only_files_and_keeps_hard_links() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let original =
        std::fs::read_to_string(root().join("tests/lint/phone-country-code/bad.yaml")).unwrap();
    let file = dir.path().join("a.yaml");
    std::fs::write(&file, &original).unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o444)).unwrap();
    let output = charter_in(dir.path(), &["lint", "--fix", "a.yaml"]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("cannot fix `a.yaml`: it is read-only; nothing was written"),
        "{}",
        stderr(&output)
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), original);

    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
    std::fs::hard_link(&file, dir.path().join("b.yaml")).unwrap();
    let output = charter_in(dir.path(), &["lint", "--fix", "a.yaml"]);
    assert!(stderr(&output).contains("Fixed"), "{}", stderr(&output));
    let fixed = std::fs::read_to_string(dir.path().join("b.yaml")).unwrap();
    assert_ne!(fixed, original, "the other name sees the fix");
    assert_eq!(fixed, std::fs::read_to_string(&file).unwrap());
}

/// Every way YAML can write a scalar, for the values `--fix` changes (a free word, a phone
/// number): each fix is applied, none refused, and the fixed charter holds the same values
/// everywhere else (the proof inside `fix::apply` compares the trees; this checks that it
/// lets the right fixes through).
#[test]
fn fixes_apply_whatever_the_scalar_style() {
    use charter::lint::batch::lint_text;
    use charter::lint::config::LintConfig;
    let styles = [
        "Nil",
        "'Nil'",
        "\"Nil\"",
        "|\n      Nil",
        "|-\n      Nil",
        ">\n      Nil",
        ">-\n      Nil",
        "|2\n       Nil",
        "|  # as the office wrote it\n      Nil",
        ">-\n\n      Nil\n",
    ];
    let phones = [
        "[\"0712 345 678\"]",
        "[0712 345 678]",
        "\n      - 0712 345 678",
        "\n      - '0712 345 678'",
        "\n      - >-\n        0712 345 678",
        "\n      - |\n        0712 345 678",
        "\n      - 0712\n        345 678",
    ];
    let today = jiff::civil::date(2026, 1, 1);
    for style in styles {
        for phone in phones {
            let text = format!(
                "languages: [en]\ntitle: T\norganization:\n  name: Office\n  country: KE\n  \
                 phones: {phone}\n  emails: [a@b.go.ke]\nservices:\n  - name: A\n    fee: {style}\n    \
                 timeline: 14 working days\n  - name: B\n    fee: Free\n    timeline: 1 working day\n  \
                 - name: C\n    fee: Free\n    timeline: 1 working day\n"
            );
            let path = std::path::Path::new("a.yaml");
            let linted = lint_text(path, text.clone(), &LintConfig::default(), today);
            let fixes: Vec<_> = linted
                .findings
                .iter()
                .filter_map(|f| f.fix.as_ref())
                .collect();
            assert_eq!(fixes.len(), 2, "{text}");
            let fixed = charter::lint::fix::apply(&text, &fixes);
            assert_eq!(fixed.refused, [], "{text}");
            assert_eq!(fixed.applied, 2, "{text}");
            let again = lint_text(path, fixed.text.clone(), &LintConfig::default(), today);
            assert!(
                again.findings.iter().all(|f| f.fix.is_none()),
                "fixed once, nothing is left to fix:\n{}",
                fixed.text
            );
            assert!(
                fixed.text.contains("emails: [a@b.go.ke]\nservices:"),
                "{}",
                fixed.text
            );
            assert!(
                fixed.text.contains("\n    timeline: 14 working days\n"),
                "{}",
                fixed.text
            );
        }
    }
}
