//! Each file in `tests/check/` shows one kind of problem; its rendered diagnostics (no
//! colour, 80 columns) are snapshotted beside it, so any change of wording is reviewed.
//! Files in `tests/check/ok/` show cases that must pass.

use charter::diagnostic::{Code, Id};
use charter::load::load;
use charter::report::HumanReporter;
use charter::source::SourceFile;

use crate::{root, yaml_files};

fn render(path: &std::path::Path) -> (Vec<Id>, String) {
    let relative = path.strip_prefix(root()).unwrap();
    let read = SourceFile::from_bytes(relative, std::fs::read(path).unwrap());
    let loaded = load(read);
    let reporter = HumanReporter::new(false, 80);
    let rendered: String = loaded
        .diagnostics
        .iter()
        .map(|d| reporter.render(&loaded.source, d))
        .collect();
    (
        loaded.diagnostics.iter().map(|d| d.code).collect(),
        rendered,
    )
}

#[test]
fn invalid_fixtures_match_their_snapshots() {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(root().join("tests/check"));
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        insta::glob!("../check", "*.yaml", |path| {
            let (codes, rendered) = render(path);
            assert!(!codes.is_empty(), "{} should have problems", path.display());
            insta::assert_snapshot!(rendered);
        });
    });
}

/// The fixture named after a code must report that code (so a fixture cannot quietly stop
/// showing what it is named for).
#[test]
fn each_fixture_reports_the_code_it_is_named_for() {
    for path in yaml_files(&root().join("tests/check")) {
        let stem = path.file_stem().unwrap().to_str().unwrap();
        let Some(code) = Code::ALL.iter().find(|c| stem.starts_with(c.name())) else {
            continue;
        };
        let (codes, rendered) = render(&path);
        assert!(
            codes.iter().any(|c| c == code),
            "{stem} should report {code}:\n{rendered}"
        );
    }
}

/// Every code that a single file can produce has a fixture.
#[test]
fn every_file_code_has_a_fixture() {
    let stems: Vec<String> = yaml_files(&root().join("tests/check"))
        .iter()
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    for code in Code::ALL {
        if *code == Code::NoCharters {
            continue; // a property of a folder: see `cli::empty_folder_is_reported`
        }
        if *code == Code::TooLarge {
            continue; // a fixture of over 768 kB is generated, not committed: see `faults.rs`
        }
        if code.as_str().starts_with("E4") {
            continue; // found while building: fixtures in tests/build/, see `build.rs`
        }
        if code.as_str().starts_with("E5") {
            continue; // about a register: fixtures in tests/report/, see `report.rs`
        }
        assert!(
            stems.iter().any(|s| s.starts_with(code.name())),
            "no fixture in tests/check/ for {code} ({})",
            code.name()
        );
    }
}

#[test]
fn several_problems_are_reported_at_once() {
    let (codes, _) = render(&root().join("tests/check/many-problems.yaml"));
    let codes: Vec<&str> = codes.iter().map(|c| c.name).collect();
    // `nme:` is one problem (E201, did you mean `name`?), not also E202 no `name`.
    let expected: Vec<&str> = [
        Code::UnknownKey,
        Code::BadFee,
        Code::BadTimeline,
        Code::UnknownKey,
    ]
    .iter()
    .map(|c| c.name())
    .collect();
    assert_eq!(codes, expected);
}

#[test]
fn ok_fixtures_pass() {
    for path in yaml_files(&root().join("tests/check/ok")) {
        let (_, rendered) = render(&path);
        assert!(rendered.is_empty(), "{}:\n{rendered}", path.display());
    }
}

#[test]
fn plain_words_keep_their_spelling() {
    let path = root().join("tests/check/ok/plain-words-stay-text.yaml");
    let loaded = charter::load::load_source(SourceFile::new(
        "t.yaml",
        std::fs::read_to_string(path).unwrap(),
    ));
    let charter = loaded.charter.expect("valid");
    assert_eq!(charter.organization.name.get("en"), Some("NO"));
    assert_eq!(&*charter.organization.phones[0].first().value, "0712345678");
    assert_eq!(charter.vision.unwrap().get("en"), Some("yes"));
    let values: Vec<_> = charter
        .values
        .iter()
        .map(|v| v.name.get("en").unwrap())
        .collect();
    assert_eq!(values, ["true", "1.50"]);
}
