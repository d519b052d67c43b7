//! The data exports (`--format jsonld,csv`) of every real charter: the corpus and
//! `charters/`. Each CSV opens as a spreadsheet program reads it (UTF-8 with its byte-order
//! mark, CRLF records, every record as wide as the header) with one row per service and
//! sub-service, in each language; each JSON-LD is a schema.org graph with one
//! `GovernmentService` per service and sub-service.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use charter::load::load_source;
use charter::model::Service;
use charter::source::SourceFile;

use crate::{charter, corpus, out_dir, root, yaml_files};

/// Every data export asked for, and the theme data beside them.
const FORMATS: &str = "csv,jsonld,hsds,cpsv,json";

fn count(services: &[Service]) -> usize {
    services.iter().map(|s| 1 + count(&s.services)).sum()
}

/// Every real charter (the corpus, `charters/`, the examples) built into `FORMATS` in a
/// fresh folder of its own. A folder argument's charters keep their paths below it.
fn build_all(name: &str) -> PathBuf {
    let out = out_dir("exports", name);
    let output = charter(&[
        "build",
        "corpus",
        "charters",
        "examples",
        "--format",
        FORMATS,
        "-q",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    out
}

/// The exports every test reads, built once for all of them.
fn exports() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| build_all("shared"))
}

#[test]
fn every_real_charter_exports_its_services_as_csv_and_json_ld() {
    let out = exports();
    let mut files = corpus();
    files.extend(yaml_files(&root().join("charters")));
    files.extend(yaml_files(&root().join("examples")));
    assert!(files.len() >= 15, "{files:?}");
    for file in files {
        let relative = file.strip_prefix(root()).unwrap();
        let stem = out.join(
            relative
                .components()
                .skip(1)
                .collect::<PathBuf>()
                .with_extension(""),
        );
        let text = std::fs::read_to_string(&file).unwrap();
        let loaded = load_source(SourceFile::new(&file, text));
        let charter = loaded.charter.expect("a real charter is valid");
        let services = count(&charter.services.list);
        let languages: Vec<&str> = charter.languages.iter().map(|l| l.as_str()).collect();
        check_csv(&stem.with_extension("csv"), services, &languages);
        check_json_ld(&stem.with_extension("jsonld"), services);
    }
    // Reproducible: built again from nothing, every export is the same, byte for byte.
    let again = build_all("again");
    let mut compared = 0;
    for entry in walkdir::WalkDir::new(out) {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy();
        if entry.file_type().is_file() && !name.starts_with('.') {
            compared += 1;
            let twin = again.join(entry.path().strip_prefix(out).unwrap());
            assert_eq!(
                std::fs::read(entry.path()).unwrap(),
                std::fs::read(&twin).unwrap(),
                "{name} differs between two builds"
            );
        }
    }
    assert!(compared >= 5 * 15, "{compared} files compared");
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

/// Runs a standard's own validator, a Python `script` given `reference` (the standard's
/// schema or shapes, from `../shared/data/`) and the exports folder; it prints
/// `N files, M problems` last. In `.ci/venv`, where `bash .ci/test` installs the
/// validators (pinned in `.ci/requirements.txt`), else the machine's Python.
fn validate(script: &str, reference: &str) -> String {
    let reference = root().join("../shared/data").join(reference);
    assert!(
        reference.exists(),
        "{}: the standard's own reference data, beside the clone",
        reference.display()
    );
    let run = std::process::Command::new(python())
        .args(["-c", script])
        .arg(&reference)
        .arg(exports())
        // Files and output in UTF-8 whatever the system's code page (Windows' is not).
        .env("PYTHONUTF8", "1")
        .output()
        .expect("Python 3 with the validators (`bash .ci/test` installs them)");
    let report = String::from_utf8_lossy(&run.stdout).into_owned();
    assert!(
        run.status.success() && report.contains(", 0 problems"),
        "{report}{}",
        String::from_utf8_lossy(&run.stderr)
    );
    report
}

/// The Python of `.ci/venv` when there is one: `bin/python3`, or on Windows
/// `Scripts/python.exe`; else the machine's (`python3`, which Windows calls `python`).
fn python() -> PathBuf {
    let venv = root().join(".ci/venv");
    [venv.join("bin/python3"), venv.join("Scripts/python.exe")]
        .into_iter()
        .find(|p| p.is_file())
        .unwrap_or_else(|| {
            if cfg!(windows) {
                "python".into()
            } else {
                "python3".into()
            }
        })
}

/// The official HSDS 3.0 JSON Schema, compiled (`../shared/data/hsds-3.0/`), with formats
/// checked (`uuid`, `email`, `uri`): every real charter's export has no error.
#[test]
fn every_real_charter_exports_valid_hsds() {
    validate(
        r#"
import json, sys, pathlib
from jsonschema import Draft202012Validator, FormatChecker
schema = json.load(open(sys.argv[1]))
checker = FormatChecker()
# Without its optional packages, jsonschema skips formats it cannot check: fail instead.
for name in ("uri", "email", "uuid"):
    assert name in checker.checkers, f"jsonschema cannot check `{name}`: pip install -r .ci/requirements.txt"
validator = Draft202012Validator(schema, format_checker=checker)
files = sorted(pathlib.Path(sys.argv[2]).rglob("*.hsds.json"))
errors = 0
for path in files:
    document = json.load(open(path))
    for error in validator.iter_errors(document):
        errors += 1
        print(f"{path}: {'/'.join(map(str, error.absolute_path))}: {error.message[:200]}")
    services = len(document["services"])
    ids = [s["id"] for s in document["services"]]
    if len(set(ids)) != services:
        errors += 1
        print(f"{path}: service identifiers repeat")
print(f"{len(files)} files, {errors} problems")
sys.exit(1 if errors or len(files) < 15 else 0)
"#,
        "hsds-3.0/organization.json",
    );
}

/// The official CPSV-AP 3.2.0 SHACL shapes (`../shared/data/`), run by pySHACL: every real
/// charter's export conforms, with one `cpsv:PublicService` per service and sub-service;
/// and the same export without a service's title does not (the check can fail).
#[test]
fn every_real_charter_exports_conforming_cpsv_ap() {
    validate(
        r#"
import json, sys, pathlib, rdflib
from pyshacl import validate
shapes = rdflib.Graph().parse(sys.argv[1])
CPSV = rdflib.URIRef("http://purl.org/vocab/cpsv#PublicService")
def conforms(graph):
    return validate(graph, shacl_graph=shapes, inference="none")
files = sorted(pathlib.Path(sys.argv[2]).rglob("*.cpsv.jsonld"))
bad = 0
for path in files:
    data = rdflib.Graph().parse(path, format="json-ld")
    ok, _, text = conforms(data)
    if not ok:
        bad += 1
        print(path, text[:2000])
    # The theme data beside it counts the services as printed.
    theme = json.load(open(str(path).replace(".cpsv.jsonld", ".json")))
    services = len(theme["services"])
    found = len(set(data.subjects(rdflib.RDF.type, CPSV)))
    if found != services:
        bad += 1
        print(f"{path}: {found} public services for {services} services")
# A control: the first export without its first service's title must not conform.
data = rdflib.Graph().parse(files[0], format="json-ld")
service = next(data.subjects(rdflib.RDF.type, CPSV))
data.remove((service, rdflib.URIRef("http://purl.org/dc/terms/title"), None))
if conforms(data)[0]:
    bad += 1
    print("a service without a title passed: the shapes are not applied")
print(f"{len(files)} files, {bad} problems")
sys.exit(1 if bad or len(files) < 15 else 0)
"#,
        "cpsv-ap-3.2.0-shacl.ttl",
    );
}
