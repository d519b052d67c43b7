//! `charter build`: every real charter and example becomes a PDF whose text holds what the
//! charter says; builds are reproducible; each build diagnostic has a fixture in
//! `tests/build/<name>/` (a `charter.yaml`, optional `args.txt`, and the snapshot of what the
//! user reads).

use std::path::{Path, PathBuf};
use std::process::Command;

use charter::diagnostic::Code;
use charter::load::load_source;
use charter::source::SourceFile;

use crate::{all_charters, charter, out_dir, root};

/// What a failed start of `pdftotext` or `pdfinfo` says: where the tools come from.
const POPPLER: &str = "poppler's pdftotext and pdfinfo are on PATH (poppler-utils; \
                       `bash .ci/test` installs the tests' tools)";

/// The PDF's text layer, as `pdftotext` (poppler-utils) reads it, normalised (see
/// `normalize`) so that text wrapped in a table cell still matches.
pub fn pdf_text(pdf: &Path) -> String {
    let output = Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect(POPPLER);
    assert!(
        output.status.success(),
        "pdftotext failed on {}",
        pdf.display()
    );
    normalize(&String::from_utf8_lossy(&output.stdout))
}

/// Text as it can be compared with a PDF's text layer: a layout may break a line anywhere
/// (after `/` too) and print a heading in capitals, so spaces and case are left out.
pub fn normalize(text: &str) -> String {
    text.split_whitespace().collect::<String>().to_lowercase()
}

/// `pdfinfo`'s fields.
pub fn pdf_info(pdf: &Path) -> String {
    let output = Command::new("pdfinfo").arg(pdf).output().expect(POPPLER);
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Builds with `args` into `out` (which must succeed) and returns the data the theme read
/// for `stem` (so `args` must ask for the `json` format).
fn built_data(out: &Path, args: &[&str], stem: &str) -> serde_json::Value {
    let out_arg = out.to_str().unwrap();
    let mut all = vec!["build"];
    all.extend_from_slice(args);
    all.extend(["-o", out_arg]);
    let output = charter(&all);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_str(&std::fs::read_to_string(out.join(format!("{stem}.json"))).unwrap())
        .unwrap()
}

/// The tallest stretch of the first page with no text on it, as a share of the page's
/// height (from the words' boxes, `pdftotext -bbox`).
pub fn largest_blank(pdf: &Path) -> f64 {
    let output = Command::new("pdftotext")
        .args(["-bbox", "-f", "1", "-l", "1"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect(POPPLER);
    let text = String::from_utf8_lossy(&output.stdout);
    let number = |line: &str, key: &str| -> Option<f64> {
        let rest = &line[line.find(key)? + key.len()..];
        rest[..rest.find('"')?].parse().ok()
    };
    let height = text
        .lines()
        .find_map(|l| number(l, "height=\""))
        .expect("a page");
    let mut words: Vec<(f64, f64)> = text
        .lines()
        .filter_map(|l| Some((number(l, "yMin=\"")?, number(l, "yMax=\"")?)))
        .collect();
    words.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (mut reached, mut largest) = (0.0_f64, 0.0_f64);
    for (top, bottom) in words {
        largest = largest.max(top - reached);
        reached = reached.max(bottom);
    }
    largest.max(height - reached) / height
}

pub fn page_count(pdf: &Path) -> usize {
    pdf_info(pdf)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo prints the page count")
}

#[test]
fn every_charter_and_example_builds_with_every_theme() {
    for theme in charter::theme::builtin_names() {
        let theme = theme.as_str();
        let out = out_dir("build", &format!("all-{theme}"));
        let output = charter(&[
            "build",
            "charters",
            "examples",
            "--theme",
            theme,
            "-o",
            out.to_str().unwrap(),
        ]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "{theme}:\n{stderr}");
        for file in all_charters() {
            let source = SourceFile::new(&file, std::fs::read_to_string(&file).unwrap());
            let loaded = load_source(source);
            let charter = loaded.charter.expect("real charters are valid");
            let pdf = out.join(file.file_name().unwrap()).with_extension("pdf");
            let pages = page_count(&pdf);
            let handbook =
                charter.layout.as_ref().map(|l| l.value) == Some(charter::model::Layout::Handbook);
            if handbook {
                assert!(pages > 1, "{}: a handbook of {pages} page", file.display());
            } else {
                assert_eq!(pages, 1, "{}: a poster is one sheet", file.display());
            }
            let text = pdf_text(&pdf);
            let lang = charter.languages[0].as_str().to_owned();
            let mut expected = vec![charter.organization.name.get(&lang).unwrap().to_owned()];
            for service in &charter.services {
                expected.push(service.name.get(&lang).unwrap().to_owned());
            }
            for want in expected {
                assert!(
                    text.contains(&normalize(&want)),
                    "{theme}: {} lacks {want:?} in its text layer",
                    pdf.display()
                );
            }
        }
    }
}

#[test]
fn two_builds_are_byte_identical() {
    let (a, b) = (out_dir("build", "repro-a"), out_dir("build", "repro-b"));
    for out in [&a, &b] {
        let output = charter(&[
            "build",
            "charters/kitui-bilingual.yaml",
            "examples/full.yaml",
            "--format",
            "pdf,png",
            "-o",
            out.to_str().unwrap(),
        ]);
        assert!(output.status.success());
    }
    for name in [
        "kitui-bilingual.pdf",
        "kitui-bilingual.png",
        "full.pdf",
        "full.png",
    ] {
        let (x, y) = (
            std::fs::read(a.join(name)).unwrap(),
            std::fs::read(b.join(name)).unwrap(),
        );
        assert!(x == y, "{name} differs between two builds");
    }
}

#[test]
fn pdf_carries_metadata_and_pdfa() {
    let out = out_dir("build", "metadata");
    let output = charter(&["build", "examples/full.yaml", "-o", out.to_str().unwrap()]);
    assert!(output.status.success());
    let info = pdf_info(&out.join("full.pdf"));
    assert!(
        info.contains("Title:           Citizens' Service Delivery Charter"),
        "{info}"
    );
    assert!(
        info.contains("Author:          Department of Lands, Housing and Physical Planning"),
        "{info}"
    );
    assert!(
        info.contains(
            "Keywords:        Citizens' Service Charter, Citizens' Service Delivery Charter"
        ),
        "{info}"
    );
    assert!(info.contains("Tagged:          yes"), "{info}");
    // The issue date, not the clock, as the PDF states it: `-isodates`, since pdfinfo
    // otherwise writes it in the machine's time zone and its C library's `%c` (Windows
    // writes `07/01/25 00:00:00`).
    let dates = Command::new("pdfinfo")
        .arg("-isodates")
        .arg(out.join("full.pdf"))
        .output()
        .expect(POPPLER);
    let dates = String::from_utf8_lossy(&dates.stdout);
    assert!(
        dates.contains("CreationDate:    2025-07-01T00:00:00Z"),
        "{dates}"
    );
    let bytes = std::fs::read(out.join("full.pdf")).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    assert!(
        text.contains("<pdfaid:part>2</pdfaid:part>"),
        "no PDF/A-2 identification"
    );
    // The built-in themes declare `pdf-ua = true`, so the default adds PDF/UA-1.
    assert!(
        text.contains("<pdfuaid:part>1</pdfuaid:part>"),
        "no PDF/UA-1 identification"
    );
    assert!(
        text.contains("<dc:language>") || text.contains("/Lang"),
        "no language"
    );
}

#[test]
fn png_preview_is_written() {
    let out = out_dir("build", "png");
    let output = charter(&[
        "build",
        "charters/kitui.yaml",
        "--format",
        "png",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(output.status.success());
    let png = std::fs::read(out.join("kitui.png")).unwrap();
    assert!(png.starts_with(b"\x89PNG"), "not a PNG");
    assert!(
        !out.join("kitui.pdf").exists(),
        "only the formats asked for"
    );
}

#[test]
fn folders_mirror_their_paths_below_the_output() {
    let out = out_dir("build", "mirror");
    let output = charter(&[
        "build",
        "tests/build/override",
        "--theme",
        "tests/build/override/theme",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(out.join("charter.pdf").is_file());
}

#[test]
fn a_user_theme_can_override_one_file() {
    let out = out_dir("build", "override");
    let output = charter(&[
        "build",
        "tests/build/override/charter.yaml",
        "--theme",
        "tests/build/override/theme",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = pdf_text(&out.join("charter.pdf"));
    assert_eq!(text, normalize("Overridden poster for Office of Tests"));
    // The handbook still comes from the built-in theme it extends.
    let output = charter(&[
        "build",
        "tests/build/override/charter.yaml",
        "--theme",
        "tests/build/override/theme",
        "--layout",
        "handbook",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(output.status.success());
    assert!(!pdf_text(&out.join("charter.pdf")).contains("overridden"));
}

#[test]
fn hostile_text_prints_literally() {
    let out = out_dir("build", "hostile-printable");
    let output = charter(&[
        "build",
        "tests/build/hostile-printable/charter.yaml",
        "--layout",
        "handbook",
        "-o",
        out.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    let text = pdf_text(&out.join("charter.pdf"));
    for literal in [
        "#panic(\"pwned\") $x^2$ @ref <label> *bold* _em_ [a]",
        "<script>alert('x')</script> &amp; <b>bold</b>",
        "#import \"/etc/passwd\": * ; #eval(\"1+1\")",
        "#set page(width: 1pt) #{panic()} #let x = 1",
        "= Heading? - list? + enum? / term: desc",
    ] {
        assert!(
            text.contains(&normalize(literal)),
            "{literal:?} not printed literally in:\n{text}"
        );
    }
    assert!(
        !text.contains("root:x:0:0"),
        "a file outside the charter was read"
    );
}

/// Each folder under `tests/build/` named after a build code is a case: build its
/// `charter.yaml` (with `args.txt`), expect that code, and snapshot what the user reads.
#[test]
fn build_fixtures_match_their_snapshots() {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(root().join("tests/build"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("charter.yaml").is_file())
        .collect();
    cases.sort();
    for case in cases {
        let name = case.file_name().unwrap().to_str().unwrap().to_owned();
        let out = out_dir("build", &format!("case-{name}"));
        let relative = case.strip_prefix(root()).unwrap().join("charter.yaml");
        let mut args = vec![
            "build".to_owned(),
            relative.to_string_lossy().into_owned(),
            "-o".to_owned(),
            out.to_string_lossy().into_owned(),
        ];
        if let Ok(extra) = std::fs::read_to_string(case.join("args.txt")) {
            let extra = extra.trim();
            if let Some(value) = extra.strip_prefix("--set ") {
                args.extend(["--set".to_owned(), value.to_owned()]);
            } else {
                args.extend(extra.split_whitespace().map(str::to_owned));
            }
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let output = charter(&args);
        // As the tool shows paths: with forward slashes on every system (Windows too).
        let shown = charter::files::display_path(&out);
        let stderr = String::from_utf8_lossy(&output.stderr).replace(&shown, "OUT");
        if let Some(code) = Code::ALL.iter().find(|c| c.name() == name) {
            assert!(
                stderr.contains(code.as_str()),
                "{name} should report {code}:\n{stderr}"
            );
            // Warnings: the poster is still built.
            let errors = !matches!(code.as_str(), "E406" | "E407" | "E411");
            assert_eq!(
                output.status.code(),
                Some(if errors { 1 } else { 0 }),
                "{name}:\n{stderr}"
            );
            if errors {
                assert!(
                    !out.join("charter.pdf").exists(),
                    "{name}: a failed build wrote a PDF"
                );
            }
        }
        insta::with_settings!({snapshot_path => case.clone(), prepend_module_to_snapshot => false}, {
            insta::assert_snapshot!("stderr", stderr);
        });
    }
}

#[test]
fn every_build_code_has_a_fixture() {
    for code in Code::ALL.iter().filter(|c| c.as_str().starts_with("E4")) {
        assert!(
            root()
                .join("tests/build")
                .join(code.name())
                .join("charter.yaml")
                .is_file(),
            "no fixture tests/build/{}/ for {code}",
            code.name()
        );
    }
}

#[test]
fn bad_settings_are_usage_errors() {
    for (args, expected) in [
        (&["--theme", "kenia"][..], "did you mean `kenya`?"),
        (&["--set", "primry=#000000"][..], "did you mean `primary`?"),
        (&["--set", "primary=green"][..], "takes a colour such as"),
        (&["--set", "qr"][..], "needs a value"),
        (&["--pdf-standard", "a-9z"][..], "is not a PDF standard"),
        (&["--theme", "tests/build"][..], "has no `theme.toml`"),
        (
            &["--theme", "./no-such-theme"][..],
            "there is no theme folder",
        ),
        (
            &["--font-path", "/nonexistent"][..],
            "there is no font folder",
        ),
        (&["-o", "README.md"][..], "is a file, not a folder"),
    ] {
        let mut all = vec!["build", "examples/minimal.yaml"];
        if args[0] != "-o" {
            all.extend_from_slice(&["-o", "/nonexistent/never-written"]);
        }
        all.extend_from_slice(args);
        let output = charter(&all);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
    }
}

#[test]
fn themes_are_listed_with_their_options() {
    let output = charter(&["themes"]);
    assert!(output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    insta::assert_snapshot!(stdout);
}

#[test]
fn charter_toml_sets_what_flags_leave_out() {
    let dir = out_dir("build", "config");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(
        root().join("examples/minimal.yaml"),
        dir.join("minimal.yaml"),
    )
    .unwrap();
    std::fs::write(
        dir.join("charter.toml"),
        "[build]\npaper = \"a1\"\nout-dir = \"posters\"\nformat = [\"pdf\", \"png\"]\n\
         [build.options]\nqr = false\n",
    )
    .unwrap();
    let output = crate::charter_in(&dir, &["build", "minimal.yaml"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(stderr.contains("(A1, 1 page"), "{stderr}");
    assert!(dir.join("posters/minimal.pdf").is_file() && dir.join("posters/minimal.png").is_file());
    // A flag wins over the file.
    let output = crate::charter_in(&dir, &["build", "minimal.yaml", "--paper", "a3"]);
    assert!(String::from_utf8_lossy(&output.stderr).contains("(A3, 1 page"));
    // A mistake in the file is a usage error, named with the file.
    std::fs::write(dir.join("charter.toml"), "[build]\npapr = \"a1\"\n").unwrap();
    let output = crate::charter_in(&dir, &["build", "minimal.yaml"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("charter.toml") && stderr.contains("papr"),
        "{stderr}"
    );
}

/// `charter.toml` is found as lint finds it: the nearest at or above the paths built, not
/// where the command happens to run; paths under two different files are refused.
#[test]
fn charter_toml_is_found_from_the_paths_built() {
    let dir = out_dir("build", "config-found");
    for folder in ["county", "other"] {
        std::fs::create_dir_all(dir.join(folder)).unwrap();
        std::fs::copy(
            root().join("examples/minimal.yaml"),
            dir.join(folder).join(format!("{folder}.yaml")),
        )
        .unwrap();
    }
    std::fs::write(
        dir.join("county/charter.toml"),
        "[build]\npaper = \"a1\"\nformat = [\"pdf\"]\nout-dir = \"posters\"\n",
    )
    .unwrap();
    let output = crate::charter_in(&dir, &["build", "county"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(stderr.contains("(A1, 1 page"), "{stderr}");
    assert!(dir.join("county/posters/county.pdf").is_file(), "{stderr}");

    let output = crate::charter_in(&dir, &["build", "county", "other"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("`county` is under `")
            && stderr.contains("county/charter.toml`")
            && stderr.contains("`other` under no charter.toml")
            && stderr.contains("--config"),
        "{stderr}"
    );
    // Named with `--config`, one file serves both.
    let output = crate::charter_in(
        &dir,
        &[
            "build",
            "county",
            "other",
            "--config",
            "county/charter.toml",
        ],
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(dir.join("county/posters/other.pdf").is_file(), "{stderr}");
}

/// A big batch's last line stays readable: a few failed charters named, the rest counted
/// by what stopped them, and where the whole list is.
#[test]
fn many_failures_are_named_briefly_and_counted() {
    let dir = out_dir("build", "many-failures");
    std::fs::create_dir_all(&dir).unwrap();
    for i in 0..7 {
        std::fs::write(
            dir.join(format!("c{i}.yaml")),
            "languages: [en]\ntitle: X\n",
        )
        .unwrap();
    }
    std::fs::write(dir.join("c7.yaml"), "languages: [en\n").unwrap();
    let output = crate::charter_in(&dir, &["build", ".", "-o", "out"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    let last = stderr.lines().last().unwrap();
    assert_eq!(
        last,
        "0 of 8 charters built; 8 failed: c0.yaml, c1.yaml, c2.yaml, c3.yaml, c4.yaml and 3 \
         more (2 E202 missing-field, 1 E103 yaml-syntax); `--summary FILE` lists every one \
         with its problems"
    );
    // A few are all named.
    let output = crate::charter_in(&dir, &["build", "c0.yaml", "c7.yaml", "-o", "out"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        stderr.lines().last().unwrap(),
        "0 of 2 charters built; 2 failed: c0.yaml, c7.yaml"
    );
}

/// The data says the layout it was built in, once: `--layout` wins over the charter's own
/// (the view's `layout` once said `poster` while `build.layout` said `handbook`), and the
/// logo's path is in the view from the start.
#[test]
fn the_data_states_the_layout_built_and_the_logo() {
    let out = out_dir("build", "data-layout");
    let data = built_data(
        &out,
        &[
            "examples/full.yaml",
            "--layout",
            "poster",
            "--format",
            "json",
        ],
        "full",
    );
    assert_eq!(
        data["layout"], "poster",
        "full.yaml says handbook; the flag wins"
    );
    assert_eq!(data["build"]["layout"], "poster");
    assert_eq!(data["organization"]["logo"], "/logo.svg");
    let data = built_data(
        &out,
        &[
            "examples/minimal.yaml",
            "--layout",
            "handbook",
            "--format",
            "json",
        ],
        "minimal",
    );
    assert_eq!(data["layout"], "handbook");
    assert_eq!(data["build"]["layout"], "handbook");
}

/// Output names are compared whole, not by stem: `kitui.yaml`'s CPSV export and
/// `kitui.cpsv.yaml`'s JSON-LD would be the same `kitui.cpsv.jsonld`.
#[test]
fn charters_whose_outputs_share_a_name_are_refused() {
    let dir = out_dir("build", "clash");
    std::fs::create_dir_all(&dir).unwrap();
    for name in ["kitui.yaml", "kitui.cpsv.yaml"] {
        std::fs::copy(root().join("examples/minimal.yaml"), dir.join(name)).unwrap();
    }
    let output = crate::charter_in(
        &dir,
        &["build", ".", "--format", "cpsv,jsonld", "-o", "out"],
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("kitui.cpsv.jsonld"), "{stderr}");
    assert!(!dir.join("out/kitui.cpsv.jsonld").exists());
}

#[test]
fn a_long_poster_is_shrunk_to_fit_within_the_theme_minimum() {
    // Bilingual Kitui does not fit an A2 sheet at the kenya theme's preferred 16 pt; it is
    // laid out again, smaller, but not below the theme's 11.5 pt minimum.
    let out = out_dir("build", "shrink");
    let output = charter(&[
        "build",
        "charters/kitui-bilingual.yaml",
        "-o",
        out.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    let size: f64 = stderr
        .split("body text ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|size| size.parse().ok())
        .unwrap_or_else(|| panic!("no body text size in {stderr:?}"));
    assert!((11.5..16.0).contains(&size), "laid out at {size} pt");
    assert_eq!(page_count(&out.join("kitui-bilingual.pdf")), 1);
}

#[test]
fn deny_warnings_fails_the_run_after_building_everything() {
    let out = out_dir("build", "deny-warnings");
    let args = [
        "build",
        "tests/build/no-catalogue/charter.yaml",
        "examples/minimal.yaml",
        "-o",
        out.to_str().unwrap(),
    ];
    let output = charter(&args);
    assert_eq!(
        output.status.code(),
        Some(0),
        "a warning alone does not fail"
    );
    let mut denied = args.to_vec();
    denied.push("--deny-warnings");
    let output = charter(&denied);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("1 warning denied by --deny-warnings"),
        "{stderr}"
    );
    // Both were still built.
    assert!(out.join("charter.pdf").is_file() && out.join("minimal.pdf").is_file());
}

#[test]
fn the_summary_names_every_charter_that_failed() {
    let dir = out_dir("build", "names-failures");
    std::fs::create_dir_all(&dir).unwrap();
    for (name, fixture) in [
        ("glyph.yaml", "missing-glyph"),
        ("logo.yaml", "logo-outside-folder"),
    ] {
        std::fs::copy(
            root().join(format!("tests/build/{fixture}/charter.yaml")),
            dir.join(name),
        )
        .unwrap();
    }
    std::fs::copy(root().join("examples/minimal.yaml"), dir.join("ok.yaml")).unwrap();
    let output = crate::charter_in(&dir, &["build", ".", "-o", "out"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("1 of 3 charters built; 2 failed: glyph.yaml, logo.yaml"),
        "{stderr}"
    );
}

#[test]
fn summary_json_says_what_each_charter_became() {
    use sha2::{Digest, Sha256};
    let dir = out_dir("build", "summary");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(
        root().join("tests/build/no-catalogue/charter.yaml"),
        dir.join("fr.yaml"),
    )
    .unwrap();
    std::fs::copy(
        root().join("tests/build/missing-glyph/charter.yaml"),
        dir.join("glyph.yaml"),
    )
    .unwrap();
    let output = crate::charter_in(&dir, &["build", ".", "-o", "out", "--summary", "run.json"]);
    assert_eq!(output.status.code(), Some(1));
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("run.json")).unwrap()).unwrap();
    assert_eq!(summary["built"], 1);
    assert_eq!(summary["failed"], 1);
    assert_eq!(summary["warnings"], 1);
    let charters = summary["charters"].as_array().unwrap();
    let fr = charters.iter().find(|c| c["source"] == "fr.yaml").unwrap();
    assert_eq!(fr["status"], "built");
    assert_eq!(fr["diagnostics"][0]["code"], "E406");
    for output in fr["outputs"].as_array().unwrap() {
        let bytes = std::fs::read(dir.join(output["path"].as_str().unwrap())).unwrap();
        assert_eq!(output["bytes"], bytes.len());
        assert_eq!(output["sha256"], format!("{:x}", Sha256::digest(&bytes)));
    }
    assert_eq!(fr["outputs"].as_array().unwrap().len(), 2, "pdf and html");
    let glyph = charters
        .iter()
        .find(|c| c["source"] == "glyph.yaml")
        .unwrap();
    assert_eq!(glyph["status"], "failed");
    assert_eq!(glyph["outputs"], serde_json::json!([]));
    assert_eq!(glyph["diagnostics"][0]["code"], "E403");
    // On standard output with `-`, and nothing else there; fr.yaml is up to date now, and
    // its outputs are given with the hashes recorded when they were written.
    let output = crate::charter_in(&dir, &["build", "fr.yaml", "-o", "out", "--summary", "-"]);
    let stdout: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(stdout["built"], 0);
    assert_eq!(stdout["up_to_date"], 1);
    let again = &stdout["charters"][0];
    assert_eq!(again["status"], "up-to-date");
    assert_eq!(again["outputs"], fr["outputs"]);
    assert_eq!(
        again["diagnostics"][0]["code"], "E406",
        "its warning is kept"
    );
}

/// A poster that does not fit its sheet loses nothing else: the page and the data (which
/// do not depend on the poster) are written, the failure is reported, and the exit is 1.
#[test]
fn a_poster_that_does_not_fit_still_writes_its_page_and_data() {
    let out = out_dir("build", "overflow-partial");
    let output = charter(&[
        "build",
        "tests/build/poster-overflow/charter.yaml",
        "--paper",
        "a4",
        "--format",
        "pdf,html,json",
        "-o",
        out.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("E404"), "{stderr}");
    assert!(stderr.contains("written all the same"), "{stderr}");
    assert!(out.join("charter.html").is_file());
    assert!(out.join("charter.json").is_file());
    assert!(!out.join("charter.pdf").exists());
    // Not recorded as built: the next run tries the poster again.
    let again = charter(&[
        "build",
        "tests/build/poster-overflow/charter.yaml",
        "--paper",
        "a4",
        "--format",
        "pdf,html,json",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("E404"));
}

/// `--lang each` prints a poster per language of a bilingual charter (`kitui.sw.pdf`,
/// `kitui.en.pdf`), each in its language alone, and the page stays in both; `--lang en`
/// prints only the English one; a language the charter lacks is an error naming its own.
#[test]
fn a_bilingual_charter_prints_a_sheet_per_language() {
    let out = out_dir("build", "lang-each");
    let build = |args: &[&str]| {
        let mut all = vec![
            "build",
            "charters/kitui-bilingual.yaml",
            "-o",
            out.to_str().unwrap(),
        ];
        all.extend_from_slice(args);
        charter(&all)
    };
    let output = build(&["--lang", "each", "--format", "pdf,html"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let sw = pdf_text(&out.join("kitui-bilingual.sw.pdf"));
    let en = pdf_text(&out.join("kitui-bilingual.en.pdf"));
    assert!(!out.join("kitui-bilingual.pdf").exists());
    let (vision_sw, vision_en) = (
        normalize("Kaunti Yenye Ufanisi"),
        normalize("A Prosperous County"),
    );
    assert!(sw.contains(&vision_sw) && !sw.contains(&vision_en), "{sw}");
    assert!(en.contains(&vision_en) && !en.contains(&vision_sw), "{en}");
    let page = std::fs::read_to_string(out.join("kitui-bilingual.html")).unwrap();
    assert!(page.contains("Kaunti Yenye Ufanisi") && page.contains("A Prosperous County"));

    let out_en = out_dir("build", "lang-en");
    let output = charter(&[
        "build",
        "charters/kitui-bilingual.yaml",
        "--lang",
        "en",
        "-o",
        out_en.to_str().unwrap(),
    ]);
    assert!(output.status.success());
    assert!(out_en.join("kitui-bilingual.en.pdf").is_file());
    assert!(!out_en.join("kitui-bilingual.sw.pdf").exists());

    let output = build(&["--lang", "fr"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("not written in `fr`") && stderr.contains("sw, en"),
        "{stderr}"
    );

    let output = build(&["--lang", "french"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("is not a language code"));
}

/// A short poster fills its sheet: its text grows past the theme's preferred size, and the
/// room still left is shared out between its bands, not left in one blank stretch at the
/// foot (as it was: 40–60% of an A2).
#[test]
fn a_short_poster_grows_and_spreads_into_its_sheet() {
    let out = out_dir("build", "fill");
    let data = built_data(
        &out,
        &[
            "corpus/gh/bsda-service-standards.yaml",
            "--format",
            "pdf,json",
        ],
        "bsda-service-standards",
    );
    // The kenya theme's A2 text is 16 pt, and at most 22.
    let size = data["build"]["body_size"].as_f64().unwrap();
    assert!(size > 16.0 && size <= 22.0, "{size}");
    let blank = largest_blank(&out.join("bsda-service-standards.pdf"));
    assert!(
        blank < 0.15,
        "a blank stretch of {:.0}% of the sheet",
        blank * 100.0
    );
    assert_eq!(page_count(&out.join("bsda-service-standards.pdf")), 1);
}

/// A handbook that numbers its sections leaves the office's own numbers alone: TRA writes
/// "1.0 PREFACE", which the minimal theme printed as "1. 1.0 PREFACE"; Kilosa's sections,
/// unnumbered, are still numbered.
#[test]
fn sections_the_office_numbers_are_not_numbered_again() {
    let out = out_dir("build", "own-numbers");
    let output = charter(&[
        "build",
        "corpus/tz/tra.yaml",
        "charters/kilosa.yaml",
        "--theme",
        "minimal",
        "--layout",
        "handbook",
        "--format",
        "pdf",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let tra = pdf_text(&out.join("tra.pdf"));
    assert!(tra.contains("1.0preface"), "{tra}");
    assert!(!tra.contains("1.1.0preface"), "numbered twice");
    let kilosa = pdf_text(&out.join("kilosa.pdf"));
    assert!(kilosa.contains("1.dibaji"), "{kilosa}");
}

/// A landscape sheet in two columns fills too: its text grows, and each column takes the
/// sheet's height and shares its room (BSDA's standards beside its services left a
/// quarter of an A2 blank under them, at 16 pt and still at 22).
#[test]
fn a_short_landscape_poster_fills_its_sheet() {
    let out = out_dir("build", "fill-landscape");
    let data = built_data(
        &out,
        &[
            "corpus/gh/bsda-service-standards.yaml",
            "--landscape",
            "--format",
            "pdf,json",
        ],
        "bsda-service-standards",
    );
    let size = data["build"]["body_size"].as_f64().unwrap();
    assert!(size > 16.0, "grown: {size}");
    let blank = largest_blank(&out.join("bsda-service-standards.pdf"));
    assert!(
        blank < 0.2,
        "a blank stretch of {:.0}% of the sheet",
        blank * 100.0
    );
}

/// `--lang side`: a bilingual charter as a poster per language side by side on one
/// landscape sheet, both at one text size, and both in the PDF's structure (two level-1
/// headings, each language's text), so that it stays accessible.
#[test]
fn languages_side_by_side_share_one_landscape_sheet() {
    let out = out_dir("build", "side");
    let data = built_data(
        &out,
        &[
            "charters/kitui-bilingual.yaml",
            "--lang",
            "side",
            "--paper",
            "a2",
            "--format",
            "pdf,json",
        ],
        "kitui-bilingual",
    );
    let pdf = out.join("kitui-bilingual.pdf");
    assert_eq!(page_count(&pdf), 1);
    let info = pdf_info(&pdf);
    assert!(
        info.contains("1683.78 x 1190.55 pts"),
        "landscape A2: {info}"
    );
    let text = pdf_text(&pdf);
    assert!(text.contains("ofisiyagavana") && text.contains("officeofthegovernor"));
    let structure = Command::new("pdfinfo")
        .arg("-struct")
        .arg(&pdf)
        .output()
        .expect(POPPLER);
    let structure = String::from_utf8_lossy(&structure.stdout);
    let h1: Vec<&str> = structure
        .lines()
        .filter(|l| l.trim_start().starts_with("H1"))
        .collect();
    assert_eq!(h1.len(), 2, "{h1:?}");
    assert_eq!(data["build"]["landscape"], true);
    // Each half is an A3 portrait: within the kenya theme's A3 sizes.
    let size = data["build"]["body_size"].as_f64().unwrap();
    assert!((9.5..=17.0).contains(&size), "{size}");
}

/// A handbook's contents have a page of their own, so that its sections start on the same
/// page whether or not Typst has filled the contents in yet: the page numbers settle in two
/// layouts of the handbook rather than three.
#[test]
fn a_handbooks_contents_have_a_page_of_their_own() {
    let out = out_dir("build", "contents");
    for theme in charter::theme::builtin_names() {
        let output = charter(&[
            "build",
            "charters/kilosa.yaml",
            "--theme",
            &theme,
            "--layout",
            "handbook",
            "--format",
            "pdf",
            "-o",
            out.join(&theme).to_str().unwrap(),
        ]);
        assert!(output.status.success(), "{theme}");
        let page = |n: &str| {
            let output = Command::new("pdftotext")
                .args(["-f", n, "-l", n])
                .arg(out.join(&theme).join("kilosa.pdf"))
                .arg("-")
                .output()
                .expect(POPPLER);
            normalize(&String::from_utf8_lossy(&output.stdout))
        };
        // Page 1 is the cover; 2 the contents, and nothing else; 3 the first section.
        let contents = page("2");
        assert!(contents.contains("yaliyomo"), "{theme}: {contents}");
        // The preface's first words are on page 3, not under the contents.
        let preface = "mikakatiyahudumakwawatejani";
        assert!(!contents.contains(preface), "{theme}: {contents}");
        let third = page("3");
        assert!(
            third.contains("dibaji") && third.contains(preface),
            "{theme}: {third}"
        );
    }
}

/// `--theme ph -o ph`: the output folder, made once the theme is loaded, has the built-in
/// theme's name. The build workers load the theme the command loaded (the built-in one),
/// not the new folder (which has no manifest: every charter failed as "a bug").
#[test]
fn an_output_folder_named_like_the_theme_does_not_replace_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        root().join("charters/kitui.yaml"),
        dir.path().join("kitui.yaml"),
    )
    .unwrap();
    let output = crate::charter_in(
        dir.path(),
        &[
            "build",
            "kitui.yaml",
            "--theme",
            "ph",
            "-o",
            "ph",
            "--format",
            "pdf",
        ],
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(dir.path().join("ph/kitui.pdf").is_file());
}
