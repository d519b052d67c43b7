//! `charter import`: documents laid out as offices lay them out (`tests/import/make.py`
//! made them from the transcriptions in `charters/` and `corpus/`), imported, checked, and
//! compared value by value with the transcription they were made from. Each fixture's
//! comparison is a snapshot (`tests/import/snapshots/`): what was mapped automatically,
//! and every value that differs, so a change in what the importer reads shows in review.

use std::path::Path;

use serde_json::Value;

use crate::{charter_in, out_dir, root};

/// Each fixture, and the transcription it was made from.
const FIXTURES: &[(&str, &str)] = &[
    ("kitui.docx", "charters/kitui.yaml"),
    ("moh.xlsx", "corpus/ke/moh-service-delivery-charter.yaml"),
    ("moh.ods", "corpus/ke/moh-service-delivery-charter.yaml"),
    ("psa.docx", "corpus/ph/psa-citizens-charter.yaml"),
    ("longido.csv", "corpus/tz/longido-dc.yaml"),
    ("tra.html", "corpus/tz/tra.yaml"),
];

fn load(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap();
    let loaded = charter::load::load_source(charter::source::SourceFile::new(path, text));
    let charter = loaded
        .charter
        .unwrap_or_else(|| panic!("{} does not load: {:?}", path.display(), loaded.diagnostics));
    serde_json::to_value(&charter).unwrap()
}

/// A value as text: a string as it is, anything else as compact JSON.
fn text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// Every service, sub-services and grouped ones included, depth first.
fn services(value: &Value) -> Vec<&Value> {
    fn walk<'a>(list: &'a Value, out: &mut Vec<&'a Value>) {
        for s in list.as_array().into_iter().flatten() {
            out.push(s);
            walk(&s["services"], out);
        }
    }
    let mut out = Vec::new();
    walk(&value["services"], &mut out);
    out
}

/// The comparison of an imported charter with its transcription: a line per value
/// compared, `=` equal, `≠` different (with both), `-` not imported.
fn compare(imported: &Value, transcribed: &Value) -> (usize, usize, Vec<String>) {
    let mut lines = Vec::new();
    let (mut equal, mut total) = (0, 0);
    let mut check = |what: String, got: &Value, want: &Value| {
        if want.is_null() {
            return;
        }
        total += 1;
        let (got, want) = (text(got), text(want));
        if got == want {
            equal += 1;
        } else if got.is_empty() {
            lines.push(format!("- {what}: not imported ({want:?})"));
        } else {
            lines.push(format!("≠ {what}: imported {got:?}, transcribed {want:?}"));
        }
    };
    for key in [
        "title",
        "edition",
        "vision",
        "mission",
        "values",
        "standards",
        "rights",
        "duties",
    ] {
        check(key.to_owned(), &imported[key], &transcribed[key]);
    }
    for (key, want) in transcribed["labels"].as_object().into_iter().flatten() {
        check(format!("labels.{key}"), &imported["labels"][key], want);
    }
    check(
        "organization.name".into(),
        &imported["organization"]["name"],
        &transcribed["organization"]["name"],
    );
    check(
        "complaints.routes".into(),
        &imported["complaints"]["routes"],
        &transcribed["complaints"]["routes"],
    );
    let got = services(imported);
    for want in services(transcribed) {
        let name = text(&want["name"]);
        let Some(found) = got.iter().find(|s| text(&s["name"]) == name) else {
            check(format!("service {name:?}"), &Value::Null, &want["name"]);
            continue;
        };
        let short: String = name.chars().take(40).collect();
        check(format!("[{short}] name"), &found["name"], &want["name"]);
        for key in [
            "number",
            "description",
            "requirements",
            "office",
            "audience",
            "classification",
            "transaction",
        ] {
            check(format!("[{short}] {key}"), &found[key], &want[key]);
        }
        for key in ["fee", "timeline"] {
            check(
                format!("[{short}] {key}"),
                &found[key]["written"],
                &want[key]["written"],
            );
        }
        let (got_steps, want_steps) = (&found["steps"], &want["steps"]);
        for (i, step) in want_steps.as_array().into_iter().flatten().enumerate() {
            for key in ["client", "agency", "responsible"] {
                check(
                    format!("[{short}] step {} {key}", i + 1),
                    &got_steps[i][key],
                    &step[key],
                );
            }
            for key in ["fee", "time"] {
                check(
                    format!("[{short}] step {} {key}", i + 1),
                    &got_steps[i][key]["written"],
                    &step[key]["written"],
                );
            }
        }
    }
    (equal, total, lines)
}

#[test]
fn documents_are_imported_checked_and_match_their_transcriptions() {
    let dir = out_dir("import", "fixtures");
    std::fs::create_dir_all(&dir).unwrap();
    let mut failures = Vec::new();
    for (fixture, transcription) in FIXTURES {
        let input = root().join("tests/import").join(fixture);
        let output = dir.join(format!("{fixture}.yaml"));
        let run = charter_in(
            &dir,
            &[
                "import",
                input.to_str().unwrap(),
                "-o",
                output.to_str().unwrap(),
            ],
        );
        let stderr = String::from_utf8_lossy(&run.stderr)
            .replace(&format!("{}/", root().join("tests/import").display()), "");
        assert_eq!(run.status.code(), Some(0), "{fixture}: {stderr}");
        let check = charter_in(&dir, &["check", output.to_str().unwrap()]);
        assert_eq!(
            check.status.code(),
            Some(0),
            "{fixture} does not pass check"
        );
        let (equal, total, lines) = compare(&load(&output), &load(&root().join(transcription)));
        let report: String = stderr
            .lines()
            .filter(|l| !l.starts_with("Wrote") && !l.starts_with("Compare it"))
            .map(|l| format!("{l}\n"))
            .collect();
        let snapshot = format!(
            "{report}\ncompared with {transcription}: {equal} of {total} values equal\n{}",
            lines.join("\n")
        );
        insta::with_settings!({snapshot_path => root().join("tests/import/snapshots"), prepend_module_to_snapshot => false}, {
            insta::assert_snapshot!(fixture.replace('.', "-"), snapshot);
        });
        if equal * 10 < total * 6 {
            failures.push(format!("{fixture}: only {equal} of {total} values equal"));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

/// What the importer says of a file it cannot import: the status, and the message.
fn refused(fixture: &str) -> (Option<i32>, String, Vec<std::path::PathBuf>) {
    let dir = out_dir("import", &format!("refused-{fixture}"));
    std::fs::create_dir_all(&dir).unwrap();
    let input = root().join("tests/import").join(fixture);
    let run = charter_in(&dir, &["import", input.to_str().unwrap()]);
    let left: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    let stderr = String::from_utf8_lossy(&run.stderr)
        .replace(&format!("{}/", root().join("tests/import").display()), "");
    (run.status.code(), stderr, left)
}

#[test]
fn bad_documents_are_refused_plainly_and_nothing_is_written() {
    let cases = [
        ("damaged.docx", 2, "cannot be read as a Word file"),
        ("protected.xlsx", 2, "protected by a password"),
        ("no-services.docx", 1, "no services table was found"),
        ("no-table.csv", 1, "no services table was found"),
    ];
    for (fixture, status, words) in cases {
        let (code, stderr, left) = refused(fixture);
        assert_eq!(code, Some(status), "{fixture}: {stderr}");
        assert!(stderr.contains(words), "{fixture}: {stderr}");
        assert!(!stderr.contains("panicked"), "{fixture}: {stderr}");
        assert!(left.is_empty(), "{fixture} left {left:?}");
    }
}

#[test]
fn an_existing_file_is_never_replaced_and_dash_prints_the_charter() {
    let dir = out_dir("import", "existing");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("kitui.yaml"), "mine").unwrap();
    let input = root().join("tests/import/kitui.docx");
    let run = charter_in(&dir, &["import", input.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("never replaces"));
    assert_eq!(
        std::fs::read_to_string(dir.join("kitui.yaml")).unwrap(),
        "mine"
    );
    let run = charter_in(&dir, &["import", input.to_str().unwrap(), "-o", "-"]);
    assert_eq!(run.status.code(), Some(0));
    let text = String::from_utf8(run.stdout).unwrap();
    assert!(text.starts_with("# yaml-language-server: $schema=charter.schema.json"));
    assert!(text.contains("name: Ofisi ya Gavana"), "{text}");
    let again = charter_in(&dir, &["import", input.to_str().unwrap(), "-o", "-"]);
    assert_eq!(
        again.stdout,
        text.as_bytes(),
        "the same document gives the same charter"
    );
}

#[test]
fn unknown_and_old_formats_say_what_to_do() {
    let dir = out_dir("import", "formats");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("charter.doc"), b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1").unwrap();
    std::fs::write(dir.join("charter.pdf"), b"%PDF-1.7").unwrap();
    let run = charter_in(&dir, &["import", "charter.doc"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("save it as a Word document (.docx)"));
    let run = charter_in(&dir, &["import", "charter.pdf"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("not a kind of file"));
    let run = charter_in(&dir, &["import", "missing.docx"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(!dir.join("missing.yaml").exists());
}

#[test]
fn text_from_a_document_is_data_in_the_charter() {
    // Quotes, YAML marks, a comment sign and a Typst call in the cells come back as the
    // same text; nothing of them becomes a key or code.
    let dir = out_dir("import", "hostile");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("services.csv"),
        "Service,Requirements,Fee,Timeline\n\
         \"- name: injected\",\"\"\"quoted\"\" # not a comment\",\"#import \"\"x.typ\"\"\",\"key: value\"\n\
         \"{{ tera }} <script>\",\"yes\",Free,1 day\n",
    )
    .unwrap();
    let run = charter_in(&dir, &["import", "services.csv"]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let imported = load(&dir.join("services.yaml"));
    let names: Vec<String> = services(&imported)
        .iter()
        .map(|s| text(&s["name"]))
        .collect();
    assert_eq!(names, ["- name: injected", "{{ tera }} <script>"]);
    let first = services(&imported)[0];
    assert_eq!(
        text(&first["requirements"][0]["item"]),
        "\"quoted\" # not a comment"
    );
    assert_eq!(text(&first["fee"]["written"]), "#import \"x.typ\"");
    assert_eq!(text(&first["timeline"]["written"]), "key: value");
    assert_eq!(
        text(&services(&imported)[1]["requirements"][0]["item"]),
        "yes"
    );
}

#[test]
fn a_document_too_big_for_one_charter_is_refused_whole() {
    let dir = out_dir("import", "too-big");
    std::fs::create_dir_all(&dir).unwrap();
    let mut csv = String::from("Service,Requirements,Fee,Timeline\n");
    for i in 0..6000 {
        csv.push_str(&format!(
            "Issuance of a permit of the kind numbered {i} in the schedule of permits,Application form; Copy of ID,KES {i},{} working days\n",
            i % 30 + 1
        ));
    }
    std::fs::write(dir.join("all.csv"), csv).unwrap();
    let run = charter_in(&dir, &["import", "all.csv"]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("more than the 768 kB"), "{stderr}");
    assert!(!dir.join("all.yaml").exists());
}

#[test]
fn a_table_in_two_languages_column_beside_column_makes_a_bilingual_charter() {
    let dir = out_dir("import", "bilingual");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("huduma.csv"),
        "Na.,Huduma,Service,Mahitaji,Requirements,Malipo,Fee,Muda,Time\n\
         1,Kutoa leseni,Issuance of licences,Fomu; Kitambulisho,Form; ID card,KES 500,KES 500,Siku 3,3 days\n\
         2,Jibu simu,Answering calls,Kupiga simu,Calling,Bila Malipo,Free,Muda halisi,Real time\n",
    )
    .unwrap();
    let run = charter_in(&dir, &["import", "huduma.csv"]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("\"Service\" → name (en)"), "{stderr}");
    let imported = load(&dir.join("huduma.yaml"));
    assert_eq!(imported["languages"], serde_json::json!(["sw", "en"]));
    let first = services(&imported)[0];
    assert_eq!(
        first["name"],
        serde_json::json!({"sw": "Kutoa leseni", "en": "Issuance of licences"})
    );
    assert_eq!(
        first["requirements"][1]["item"],
        serde_json::json!({"sw": "Kitambulisho", "en": "ID card"})
    );
    let second = services(&imported)[1];
    assert_eq!(
        second["timeline"]["written"],
        serde_json::json!({"sw": "Muda halisi", "en": "Real time"})
    );
}
