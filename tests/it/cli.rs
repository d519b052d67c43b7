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
    assert!(stderr(&output).contains("Checked 6 charters: all valid."));
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
    assert_eq!(items.len(), 4);
    let first = &items[0];
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

/// A link where the schema would go, even one to nothing, is the user's: the starter is
/// written beside it and the command succeeds (it used to write the starter, then exit 2).
#[cfg(unix)]
#[test]
fn new_leaves_a_dangling_schema_link_alone() {
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink("gone.json", dir.path().join("charter.schema.json")).unwrap();
    let output = charter_in(dir.path(), &["new", "x.yaml"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(dir.path().join("x.yaml").is_file());
    assert!(
        std::fs::symlink_metadata(dir.path().join("charter.schema.json"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
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

#[test]
fn completions_cover_every_command_and_parse_in_their_shell() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let output = charter(&["completions", shell]);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{shell}: {}",
            stderr(&output)
        );
        let script = String::from_utf8_lossy(&output.stdout);
        for word in ["build", "lint", "themes", "pdf-standard"] {
            assert!(script.contains(word), "{shell} completions lack {word}");
        }
    }
    // bash reads the script without a syntax error. Unix only: Windows has no bash of its
    // own, and `bash` there may be WSL's launcher, with no Linux to run it in.
    #[cfg(unix)]
    {
        let script = charter(&["completions", "bash"]).stdout;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("charter.bash");
        std::fs::write(&path, script).unwrap();
        let status = std::process::Command::new("bash")
            .arg("-n")
            .arg(&path)
            .status()
            .expect("bash runs");
        assert!(status.success(), "bash -n rejects the completion script");
    }
}

#[test]
fn manpage_documents_every_subcommand() {
    let output = charter(&["manpage"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let page = String::from_utf8_lossy(&output.stdout);
    assert!(
        page.starts_with(".ie") || page.contains(".TH charter 1"),
        "{page}"
    );
    assert!(page.contains(".TH charter 1"));
    for command in [
        "build",
        "check",
        "lint",
        "diff",
        "themes",
        "new",
        "completions",
    ] {
        assert!(page.contains(command), "the manual page lacks `{command}`");
    }
}

/// The hooks, the Action and its example workflow only name commands and flags that exist.
#[test]
fn ci_integrations_name_real_commands() {
    let hooks = std::fs::read_to_string(root().join(".pre-commit-hooks.yaml")).unwrap();
    let action = std::fs::read_to_string(root().join("action.yml")).unwrap();
    let workflow =
        std::fs::read_to_string(root().join("examples/.github/workflows/charters.yml")).unwrap();
    // Each command line: `entry: charter …` (hooks), `run: charter …` or a line of a run
    // block starting `charter …` (the Action).
    for (name, text, least) in [("hooks", &hooks, 2), ("action", &action, 4)] {
        let mut found = 0;
        for line in text.lines() {
            let line = line.trim_start();
            let line = line
                .strip_prefix("run: ")
                .or_else(|| line.strip_prefix("entry: "))
                .unwrap_or(line);
            let Some(rest) = line.strip_prefix("charter ") else {
                continue;
            };
            found += 1;
            let mut words = rest.split_whitespace();
            let command = words.next().unwrap();
            let flags: Vec<&str> = words.filter(|w| w.starts_with("--")).collect();
            let help = charter(&[command, "--help"]);
            assert_eq!(
                help.status.code(),
                Some(0),
                "{name}: no command `{command}`"
            );
            let help = String::from_utf8_lossy(&help.stdout);
            for flag in flags {
                assert!(
                    help.contains(flag),
                    "{name}: `charter {command}` has no {flag}"
                );
            }
        }
        assert!(
            found >= least,
            "{name}: only {found} charter commands found"
        );
    }
    // Every `with:` key of the example workflow's charter step is an input of the Action.
    let inputs: Vec<&str> = action
        .split("inputs:")
        .nth(1)
        .unwrap()
        .split("outputs:")
        .next()
        .unwrap()
        .lines()
        .filter(|l| l.starts_with("  ") && !l.starts_with("    ") && l.trim_end().ends_with(':'))
        .map(|l| l.trim().trim_end_matches(':'))
        .collect();
    assert!(inputs.contains(&"paths"), "{inputs:?}");
    let step = workflow
        .split("uses: service-charter/charter@")
        .nth(1)
        .unwrap();
    let with = step.split("with:").nth(1).unwrap();
    for line in with
        .lines()
        .skip(1)
        .take_while(|l| l.starts_with("          "))
    {
        let key = line.trim().split(':').next().unwrap();
        assert!(
            inputs.contains(&key),
            "the workflow sets `{key}`, not an input of the Action"
        );
    }
}

/// `charter new charters/office.yaml` in an empty folder makes `charters/` (as a newcomer
/// following the README would type it); where nothing can be written, it leaves no folder
/// behind.
#[test]
fn new_makes_the_folder_it_writes_into() {
    let dir = tempfile::tempdir().unwrap();
    let output = charter_in(dir.path(), &["new", "charters/office.yaml"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(dir.path().join("charters/office.yaml").is_file());
    assert!(dir.path().join("charters/charter.schema.json").is_file());
    let built = charter_in(
        dir.path(),
        &["build", "charters/", "--format", "html", "-o", "out"],
    );
    assert_eq!(built.status.code(), Some(0), "{}", stderr(&built));
    assert!(dir.path().join("out/office.html").is_file());

    // Under a file, no folder can be made: an error, and nothing left.
    std::fs::write(dir.path().join("plain"), "x").unwrap();
    let output = charter_in(dir.path(), &["new", "plain/a/office.yaml"]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("plain"), "{}", stderr(&output));
    assert!(std::fs::read_to_string(dir.path().join("plain")).unwrap() == "x");
}

/// A mistyped command is offered the real one, never the internal build worker.
#[test]
fn a_mistyped_command_is_offered_only_real_commands() {
    let output = charter(&["biuld"]);
    assert_eq!(output.status.code(), Some(2));
    let text = stderr(&output);
    assert!(text.contains("'build'"), "{text}");
    assert!(!text.contains("worker"), "{text}");
}
