//! The data exports (`--format jsonld,csv`) of every real charter: the corpus and
//! `charters/`. Each CSV opens as a spreadsheet program reads it (UTF-8 with its byte-order
//! mark, CRLF records, every record as wide as the header) with one row per service and
//! sub-service, in each language; each JSON-LD is a schema.org graph with one
//! `GovernmentService` per service and sub-service.

use std::path::Path;

use charter::load::load_source;
use charter::model::Service;
use charter::source::SourceFile;

use crate::{charter, out_dir, root, yaml_files};

fn count(services: &[Service]) -> usize {
    services.iter().map(|s| 1 + count(&s.services)).sum()
}

#[test]
fn every_real_charter_exports_its_services_as_csv_and_json_ld() {
    let out = out_dir("exports", "real");
    let output = charter(&[
        "build",
        "corpus",
        "charters",
        "--format",
        "csv,jsonld",
        "-q",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut files = yaml_files(&root().join("charters"));
    for country in std::fs::read_dir(root().join("corpus")).unwrap() {
        let country = country.unwrap().path();
        if country.is_dir() {
            files.extend(yaml_files(&country));
        }
    }
    assert!(files.len() >= 15, "{files:?}");
    for file in files {
        let relative = file.strip_prefix(root()).unwrap();
        // A folder argument's charters keep their paths below it.
        let stem = relative
            .components()
            .skip(1)
            .collect::<std::path::PathBuf>();
        let stem = out.join(stem.with_extension(""));
        let text = std::fs::read_to_string(&file).unwrap();
        let loaded = load_source(SourceFile::new(&file, text));
        let charter = loaded.charter.expect("a real charter is valid");
        let services = count(&charter.services.list);
        let languages: Vec<&str> = charter.languages.iter().map(|l| l.as_str()).collect();
        check_csv(&stem.with_extension("csv"), services, &languages);
        check_json_ld(&stem.with_extension("jsonld"), services);
    }
    // Reproducible: built again from nothing, every export is the same, byte for byte.
    let again = out_dir("exports", "again");
    let output = charter(&[
        "build",
        "corpus",
        "charters",
        "--format",
        "csv,jsonld",
        "-q",
        "-o",
        again.to_str().unwrap(),
    ]);
    assert!(output.status.success());
    for entry in walkdir::WalkDir::new(&out) {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy();
        if name.ends_with(".csv") || name.ends_with(".jsonld") {
            let twin = again.join(entry.path().strip_prefix(&out).unwrap());
            assert_eq!(
                std::fs::read(entry.path()).unwrap(),
                std::fs::read(&twin).unwrap(),
                "{name} differs between two builds"
            );
        }
    }
}

fn check_csv(path: &Path, services: usize, languages: &[&str]) {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let body = bytes
        .strip_prefix("\u{feff}".as_bytes())
        .unwrap_or_else(|| panic!("{}: no byte-order mark for Excel", path.display()));
    let text = std::str::from_utf8(body).expect("UTF-8");
    assert!(
        text.ends_with("\r\n"),
        "{}: records end with CRLF",
        path.display()
    );
    let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(body);
    let header = reader.headers().unwrap().clone();
    for lang in languages {
        for column in ["service", "fee", "timeline", "requirements"] {
            let name = format!("{column} ({lang})");
            assert!(
                header.iter().any(|h| h == name),
                "{}: no column {name}",
                path.display()
            );
        }
    }
    let service = header
        .iter()
        .position(|h| h == format!("service ({})", languages[0]))
        .unwrap();
    let rows: Vec<csv::StringRecord> = reader
        .records()
        .map(|r| r.unwrap_or_else(|e| panic!("{}: {e}", path.display())))
        .collect();
    assert_eq!(
        rows.len(),
        services,
        "{}: one row per service",
        path.display()
    );
    for row in &rows {
        assert!(
            !row[service].is_empty(),
            "{}: a service without its name",
            path.display()
        );
        assert!(
            row.iter()
                .all(|cell| !cell.starts_with(['=', '+', '-', '@'])),
            "{}: a cell a spreadsheet would run: {row:?}",
            path.display()
        );
    }
}

fn check_json_ld(path: &Path, services: usize) {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        value["@context"],
        "https://schema.org",
        "{}",
        path.display()
    );
    let graph = value["@graph"].as_array().unwrap();
    let of_type = |t: &str| graph.iter().filter(|n| n["@type"] == t).count();
    let office = graph.iter().filter(|n| n["@id"] == "#organization").count();
    assert_eq!(office, 1, "{}: the office, once", path.display());
    assert_eq!(of_type("GovernmentService"), services, "{}", path.display());
}
