//! Every lint rule has a folder in `tests/lint/` named after it, with `bad.yaml` (which
//! triggers it), `good.yaml` (which triggers nothing), and the rendered findings of
//! `bad.yaml` snapshotted beside them.

use std::collections::HashSet;

use charter::lint::batch::lint_loaded;
use charter::lint::config::LintConfig;
use charter::lint::rules;
use charter::load::load_source;
use charter::report::HumanReporter;
use charter::source::SourceFile;

use crate::root;

/// The date rules such as `review-overdue` measure against in tests.
pub fn test_today() -> jiff::civil::Date {
    jiff::civil::date(2026, 1, 1)
}

pub fn lint_file(path: &std::path::Path) -> charter::lint::batch::FileLint {
    let relative = path.strip_prefix(root()).unwrap_or(path);
    let text = std::fs::read_to_string(path).unwrap();
    lint_loaded(
        load_source(SourceFile::new(relative, text)),
        &LintConfig::default(),
        test_today(),
    )
}

#[test]
fn codes_and_names_are_unique() {
    let mut codes = HashSet::new();
    let mut names = HashSet::new();
    for rule in rules::ALL {
        let id = rule.meta().id;
        assert!(codes.insert(id.code), "code {} is used twice", id.code);
        assert!(names.insert(id.name), "name {} is used twice", id.name);
        assert!(
            id.name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
            "{} is not kebab-case",
            id.name
        );
    }
    assert!(rules::ALL.len() >= 20);
}

#[test]
fn every_rule_documents_the_four_sections() {
    for rule in rules::ALL {
        let meta = rule.meta();
        for heading in [
            "## What it does",
            "## Why it matters",
            "## Example",
            "## How to fix",
        ] {
            assert!(
                meta.docs.contains(heading),
                "{} lacks `{heading}`",
                meta.id.name
            );
        }
    }
}

#[test]
fn every_rule_has_fixtures_and_every_fixture_a_rule() {
    let names: HashSet<&str> = rules::ALL.iter().map(|r| r.meta().id.name).collect();
    for entry in std::fs::read_dir(root().join("tests/lint")).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_dir() {
            let name = entry.file_name().to_string_lossy().into_owned();
            assert!(
                names.contains(name.as_str()),
                "tests/lint/{name} is not a rule"
            );
        }
    }
    for rule in rules::ALL {
        let dir = root().join("tests/lint").join(rule.meta().id.name);
        assert!(
            dir.join("bad.yaml").is_file(),
            "{} has no bad.yaml",
            dir.display()
        );
        assert!(
            dir.join("good.yaml").is_file(),
            "{} has no good.yaml",
            dir.display()
        );
    }
}

#[test]
fn bad_fixtures_trigger_their_rule_and_match_the_snapshot() {
    let reporter = HumanReporter::new(false, 80);
    for rule in rules::ALL {
        let id = rule.meta().id;
        let dir = root().join("tests/lint").join(id.name);
        let file = lint_file(&dir.join("bad.yaml"));
        assert!(
            file.findings.iter().any(|f| f.diagnostic.code == id),
            "tests/lint/{}/bad.yaml does not trigger {}",
            id.name,
            id.code
        );
        let rendered: String = file
            .findings
            .iter()
            .map(|f| reporter.render(&file.source, &f.diagnostic))
            .collect();
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path(&dir);
        settings.set_prepend_module_to_snapshot(false);
        settings.set_input_file(dir.join("bad.yaml"));
        settings.bind(|| insta::assert_snapshot!("findings", rendered));
    }
}

#[test]
fn good_fixtures_have_no_findings() {
    for rule in rules::ALL {
        let name = rule.meta().id.name;
        let file = lint_file(&root().join("tests/lint").join(name).join("good.yaml"));
        let found: Vec<String> = file
            .findings
            .iter()
            .map(|f| f.diagnostic.message.clone())
            .collect();
        assert!(found.is_empty(), "tests/lint/{name}/good.yaml: {found:#?}");
    }
}

#[test]
fn the_rules_page_is_current() {
    let committed = std::fs::read_to_string(root().join("docs/rules.md")).unwrap_or_default();
    assert_eq!(
        committed,
        charter::lint::rules_markdown(),
        "docs/rules.md is stale: run `cargo run -- rule --all --markdown > docs/rules.md`"
    );
}
