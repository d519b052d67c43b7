//! The corpus: real charters of many countries, transcribed as their offices published
//! them (`corpus/<country>/`, see `corpus/README.md`). Every one must pass `check`, satisfy
//! the JSON Schema, say where it came from, and build as the layout it asks for; its lint
//! findings are snapshotted in `tests/corpus/`, so that a change in any rule's behaviour on
//! real input is reviewed.

use std::path::Path;

use crate::{charter, corpus, out_dir, root};

fn relative(path: &Path) -> String {
    path.strip_prefix(root())
        .unwrap()
        .to_string_lossy()
        .into_owned()
}

/// The issue asked for at least 12 charters from at least 5 countries.
#[test]
fn the_corpus_holds_real_charters_of_many_countries() {
    let files = corpus();
    let countries: std::collections::BTreeSet<String> = files
        .iter()
        .map(|p| {
            p.parent()
                .unwrap()
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert!(files.len() >= 12, "{} charters", files.len());
    assert!(countries.len() >= 5, "{countries:?}");
    for country in &countries {
        assert!(
            root()
                .join("corpus")
                .join(country)
                .join("GAPS.md")
                .is_file(),
            "corpus/{country}/GAPS.md says what the format could not hold"
        );
    }
}

/// Each transcription names its source address and the day it was transcribed, in its
/// header comment, before the first key.
#[test]
fn every_corpus_charter_says_where_it_came_from() {
    for path in corpus() {
        let text = std::fs::read_to_string(&path).unwrap();
        let header: String = text
            .lines()
            .take_while(|l| l.starts_with('#') || l.trim().is_empty())
            .collect::<Vec<_>>()
            .join("\n");
        assert!(
            header.contains("http://") || header.contains("https://"),
            "{}: the header gives no source address",
            relative(&path)
        );
        assert!(
            header.contains("Transcribed") || header.contains("transcribed"),
            "{}: the header does not say when it was transcribed",
            relative(&path)
        );
    }
}

#[test]
fn every_corpus_charter_passes_check_and_the_schema() {
    let output = charter(&["check", "corpus"]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    crate::real_charters::assert_schema_accepts(&corpus());
}

/// The whole corpus builds in one batch, each charter as the layout it asks for: a poster
/// is one sheet, a handbook A4 pages.
#[test]
fn every_corpus_charter_builds_as_its_layout() {
    let out = out_dir("corpus", "build");
    let output = charter(&[
        "build",
        "corpus",
        "-o",
        out.to_str().unwrap(),
        "--format",
        "pdf,html",
    ]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    for path in corpus() {
        let rel = path.strip_prefix(root().join("corpus")).unwrap();
        let pdf = out.join(rel).with_extension("pdf");
        let html = out.join(rel).with_extension("html");
        assert!(html.is_file(), "{} has no page", relative(&path));
        let text = std::fs::read_to_string(&path).unwrap();
        if text
            .lines()
            .any(|l| l.split('#').next().unwrap().trim() == "layout: handbook")
        {
            let info = crate::build::pdf_info(&pdf);
            assert!(
                info.contains("(A4)"),
                "{}: a handbook is printed on A4\n{info}",
                relative(&path)
            );
        } else {
            let pages = crate::build::page_count(&pdf);
            assert_eq!(pages, 1, "{}: a poster is one sheet", relative(&path));
        }
    }
}

#[test]
fn lint_findings_of_the_corpus() {
    for path in corpus() {
        let rel = path.strip_prefix(root().join("corpus")).unwrap();
        // `tz/tra` → `tz-tra`, by the path's parts (Windows separates them with `\`).
        let name = rel
            .with_extension("")
            .iter()
            .map(|part| part.to_string_lossy())
            .collect::<Vec<_>>()
            .join("-");
        crate::real_charters::assert_lint_snapshot(&path, "tests/corpus", &name);
    }
}
