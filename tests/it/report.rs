//! `charter report` (issue 17): each file in `tests/report/` is a register showing one kind
//! of problem, measured against `tests/report/charter.yaml`; its rendered diagnostics are
//! snapshotted beside it. Then the command itself, on a register whose answers were
//! worked out by hand.

use std::path::Path;

use charter::calendar::Calendar;
use charter::diagnostic::{Code, Id};
use charter::load::load_source;
use charter::model::Charter;
use charter::register::diagnostics::{RegisterDiagnostic, of_failure, of_scan};
use charter::register::results::Results;
use charter::register::scan::Period;
use charter::register::settings::Reading;
use charter::report::HumanReporter;
use charter::source::SourceFile;
use jiff::civil::date;

use crate::{charter_in, out_dir, root};

fn fixture_charter() -> Charter {
    let path = root().join("tests/report/charter.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    load_source(SourceFile::new("charter.yaml", text))
        .charter
        .expect("the fixtures' charter is valid")
}

fn registers() -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(root().join("tests/report"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
        .collect();
    files.sort();
    files
}

/// A register's diagnostics, as `charter report` prints them (no colour, 80 columns).
fn render(path: &Path) -> (Vec<Id>, String) {
    let charter = fixture_charter();
    let calendar = Calendar::new("KE", []).unwrap();
    let period = Period {
        from: None,
        to: None,
        as_of: date(2025, 12, 31),
    };
    let file = std::fs::File::open(path).unwrap();
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let diagnostics: Vec<RegisterDiagnostic> = match Results::measure(
        &charter,
        &calendar,
        charter::register::csv::Records::new(std::io::BufReader::new(file)),
        period,
        &Reading::default(),
    ) {
        Ok(results) => of_scan(&results.scan),
        Err(failure) => vec![of_failure(&failure)],
    };
    let reporter = HumanReporter::new(false, 80);
    let rendered = diagnostics
        .iter()
        .map(|d| {
            let row = d.row.as_ref().map(|(t, r)| (t.as_str(), r.clone()));
            reporter.render_at(&name, d.line, d.column, row, &d.diagnostic)
        })
        .collect();
    (
        diagnostics.iter().map(|d| d.diagnostic.code).collect(),
        rendered,
    )
}

#[test]
fn register_fixtures_match_their_snapshots() {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(root().join("tests/report"));
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        insta::glob!("../report", "*.csv", |path| {
            let (codes, rendered) = render(path);
            assert!(!codes.is_empty(), "{} should have problems", path.display());
            insta::assert_snapshot!(rendered);
        });
    });
}

/// Each fixture reports the code it is named for, and every `E5xx` code has one.
#[test]
fn every_register_code_has_a_fixture_that_reports_it() {
    let stems: Vec<String> = registers()
        .iter()
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    for path in registers() {
        let stem = path.file_stem().unwrap().to_str().unwrap();
        let code = Code::ALL
            .iter()
            .filter(|c| stem.starts_with(c.name()))
            .max_by_key(|c| c.name().len())
            .unwrap_or_else(|| panic!("{stem} is named for no code"));
        let (codes, rendered) = render(&path);
        assert!(
            codes.iter().all(|c| c == code),
            "{stem} should report {code} only:\n{rendered}"
        );
    }
    for code in Code::ALL.iter().filter(|c| c.as_str().starts_with("E5")) {
        assert!(
            stems.iter().any(|s| s.starts_with(code.name())),
            "no fixture in tests/report/ for {code} ({})",
            code.name()
        );
    }
}

/// A week of a Kenyan register worked out by hand, on the fixtures' charter, as of
/// Friday 6 June 2025. Madaraka Day, 1 June 2025, fell on a Sunday: Monday 2 June was the
/// holiday; Friday 6 June was Eid-ul-Adha, gazetted.
const WEEK: &str = "\
Ref No,Service,Date received,Date completed,Case
K1,1,Thu 29/05/2025,04/06/2025,
K2,1,29/05/2025,05/06/2025,
K3,1,30/05/2025,,
K4,Building plans,30/05/2025,06/06/2025,
K5,2,30/05/2025,,
K6,4,03/06/2025,04/06/2025,Head office
K7,4,03/06/2025,,Sub-county
K8,3,03/06/2025,03/06/2025,
K9,5,2025-06-03 09:00,2025-06-03 10:59,
K10,5,2025-06-03 09:00,2025-06-03 11:01,
";

fn week_report(dir: &Path, extra: &[&str]) -> (std::process::Output, serde_json::Value) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::copy(
        root().join("tests/report/charter.yaml"),
        dir.join("charter.yaml"),
    )
    .unwrap();
    // Day first, the weekday's name before it as some registers have it: not read, so
    // `Thu 29/05/2025` is a problem, not a date.
    std::fs::write(dir.join("week.csv"), WEEK).unwrap();
    let mut args = vec![
        "report",
        "charter.yaml",
        "--requests",
        "week.csv",
        "--as-of",
        "2025-06-06",
        "--format",
        "json,csv",
        "-o",
        "out",
    ];
    args.extend(extra);
    let output = charter_in(dir, &args);
    let json = std::fs::read_to_string(dir.join("out/charter-report.json"))
        .map(|text| serde_json::from_str(&text).unwrap())
        .unwrap_or(serde_json::Value::Null);
    (output, json)
}

/// A fresh folder for test `name`, holding the fixtures' charter as `charter.yaml`.
fn with_charter(name: &str) -> std::path::PathBuf {
    let dir = out_dir("report", name);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(
        root().join("tests/report/charter.yaml"),
        dir.join("charter.yaml"),
    )
    .unwrap();
    dir
}

fn service<'a>(report: &'a serde_json::Value, number: &str) -> &'a serde_json::Value {
    report["services"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["service"] == number)
        .unwrap()
}

#[test]
fn a_week_of_requests_is_counted_as_worked_out_by_hand() {
    let dir = out_dir("report", "week");
    let (output, report) = week_report(&dir, &[]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    // K1's date is not read: the row is left out, said, and the run ends with status 1.
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("E504 register-date"), "{stderr}");
    assert!(stderr.contains("week.csv:2:"), "{stderr}");
    // Service 1, 3 working days. K2: received Thu 29 May; Fri 30 May is day 1; Mon 2 June
    // is Madaraka Day (observed); Tue 3, Wed 4, Thu 5 June are days 2, 3 and 4: late.
    // K3: received Fri 30 May, due Thu 5 June (Tue 3, Wed 4 and Thu 5 are its working
    // days), so by the end of Friday 6 June it is past its promise.
    let one = service(&report, "1");
    assert_eq!(one["requests"], 2);
    assert_eq!(one["total_volume"], 1);
    assert_eq!(one["volume_meeting_target"], 0);
    assert_eq!(one["median"], 4);
    assert_eq!(one["pending"], 1);
    assert_eq!(one["overdue"], 1);
    // Service 2, 7 days: K4 took 7 days (30 May to 6 June), in time; K5, due 6 June, is
    // past it once that day is over, as the report judges pending requests.
    let two = service(&report, "2");
    assert_eq!(two["volume_meeting_target"], 1);
    assert_eq!(two["total_volume"], 1);
    assert_eq!(
        (two["pending"].clone(), two["overdue"].clone()),
        (1.into(), 1.into())
    );
    // Service 3 is promised in words: its request is counted, not timed, and it says why.
    let three = service(&report, "3");
    assert_eq!(three["requests"], 1);
    assert!(three["performance"].is_null());
    assert!(three["not_measured"].as_str().unwrap().contains("words"));
    // Service 4 by case: K6 at the head office in 1 working day; K7 at a sub-county
    // office, due 5 working days after Tuesday 3 June (4, 5, 9, 10 and 11 June: the 6th
    // is Eid-ul-Adha), not yet past.
    let four = service(&report, "4");
    assert_eq!(four["volume_meeting_target"], 1);
    assert_eq!(four["overdue"], 0);
    // Service 5, 2 hours: 1 h 59 min kept it, 2 h 1 min did not.
    let five = service(&report, "5");
    assert_eq!(five["total_volume"], 2);
    assert_eq!(five["volume_meeting_target"], 1);
    assert_eq!(five["performance"], 0.5);
    assert_eq!(five["target_met"], false);
    assert_eq!(report["register"]["left_out"], 1);
    assert_eq!(report["excluded"][0]["line"], 2);
    // The CSV: the published datasets' columns, in their order.
    let csv = std::fs::read_to_string(dir.join("out/charter-report.csv")).unwrap();
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(
        lines[0],
        "service,standard,target,volume_meeting_target,total_volume,performance,target_met"
    );
    assert_eq!(lines[1], "1,3 working days,1,0,1,0,N");
    assert_eq!(lines[3], "3,As soon as possible,1,,1,,");
    assert_eq!(lines[5], "5,2 hours,1,1,2,0.5,N");
}

#[test]
fn targets_and_closures_come_from_charter_toml() {
    let dir = out_dir("report", "settings");
    std::fs::create_dir_all(&dir).unwrap();
    // The office was closed on Wednesday 4 June: K2 (29 May to 5 June) took 3 working
    // days, and kept its promise; and the office aims at half its searches in time.
    std::fs::write(
        dir.join("charter.toml"),
        "[report]\nclosures = [{ date = 2025-06-04, why = \"Staff retreat\" }]\ntarget = 90\ntargets = { \"1\" = 50 }\n",
    )
    .unwrap();
    let (_, report) = week_report(&dir, &[]);
    let one = service(&report, "1");
    assert_eq!(one["volume_meeting_target"], 1);
    assert_eq!(one["median"], 3);
    assert_eq!(one["target"], 0.5);
    assert_eq!(one["target_met"], true);
    assert_eq!(service(&report, "5")["target"], 0.9);
}

#[test]
fn the_previous_report_is_compared_service_by_service() {
    let dir = out_dir("report", "previous");
    let (_, first) = week_report(&dir, &[]);
    assert!(service(&first, "5")["previous"].is_null());
    std::fs::rename(
        dir.join("out/charter-report.json"),
        dir.join("last-quarter.json"),
    )
    .unwrap();
    let (output, report) = week_report(&dir, &["--previous", "last-quarter.json"]);
    assert_eq!(output.status.code(), Some(1));
    let previous = &service(&report, "5")["previous"];
    assert_eq!(previous["performance"], 0.5);
    assert_eq!(previous["change"], 0.0);
    // Something that is not a report is refused, with what it is.
    std::fs::write(dir.join("bad.json"), "{\"title\": 1}").unwrap();
    let (output, _) = week_report(&dir, &["--previous", "bad.json"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("not a report written by"), "{stderr}");
}

#[test]
fn a_register_without_its_columns_writes_no_report() {
    let dir = with_charter("heading");
    std::fs::copy(
        root().join("tests/report/register-heading.csv"),
        dir.join("r.csv"),
    )
    .unwrap();
    let output = charter_in(
        &dir,
        &["report", "charter.yaml", "--requests", "r.csv", "-o", "out"],
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("E501 register-heading"), "{stderr}");
    assert!(stderr.contains("[report.columns]"), "{stderr}");
    assert!(!dir.join("out").exists());
    // The office's own headings, named in charter.toml, are read.
    std::fs::write(
        dir.join("charter.toml"),
        "[report.columns]\nreceived = \"Date of request\"\ncompleted = \"Date served\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("r.csv"),
        "Service,Date of request,Date served\n1,02/06/2025,03/06/2025\n",
    )
    .unwrap();
    let output = charter_in(
        &dir,
        &[
            "report",
            "charter.yaml",
            "--requests",
            "r.csv",
            "--as-of",
            "2025-06-30",
            "--format",
            "csv",
            "-o",
            "out",
        ],
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    let csv = std::fs::read_to_string(dir.join("out/charter-report.csv")).unwrap();
    assert!(csv.contains("\r\n1,3 working days,1,1,1,1,Y\r\n"), "{csv}");
}

#[test]
fn the_report_is_printed_and_shown_through_each_built_in_theme() {
    for theme in charter::theme::builtin_names() {
        let dir = out_dir("report", &format!("theme-{theme}"));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("complaints.csv"),
            "received,resolved,route\n02/06/2025,10/06/2025,Commission on Administrative Justice\n03/06/2025,,\n",
        )
        .unwrap();
        let args = [
            "--theme",
            &theme,
            "--format",
            "pdf,html",
            "--complaints",
            "complaints.csv",
        ];
        let (output, _) = week_report(&dir, &args);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{theme}: {stderr}");
        let pdf = std::fs::read(dir.join("out/charter-report.pdf")).unwrap();
        assert!(pdf.starts_with(b"%PDF-"), "{theme}");
        let text = crate::build::pdf_text(&dir.join("out/charter-report.pdf"));
        let expected = [
            "Official search",
            "3 working days",
            "50%",
            "E504",
            "Commission on Administrative Justice",
            "Complaints are resolved within 14 days",
        ];
        for words in expected {
            let words = crate::build::normalize(words);
            assert!(
                text.contains(&words),
                "{theme}: {words} not in the PDF:\n{text}"
            );
        }
        let html = std::fs::read_to_string(dir.join("out/charter-report.html")).unwrap();
        for words in expected {
            assert!(html.contains(words), "{theme}: {words} not in the page");
        }
        // The same register gives the same bytes.
        let (_, _) = week_report(&dir, &args);
        assert_eq!(
            std::fs::read(dir.join("out/charter-report.pdf")).unwrap(),
            pdf,
            "{theme}"
        );
    }
}

#[test]
fn charter_text_in_a_report_page_is_text() {
    let dir = out_dir("report", "escape");
    std::fs::create_dir_all(&dir).unwrap();
    let charter = std::fs::read_to_string(root().join("tests/report/charter.yaml"))
        .unwrap()
        .replace(
            "Official search",
            "'<script>alert(1)</script> #eval(\"1\")'",
        );
    std::fs::write(dir.join("charter.yaml"), charter).unwrap();
    std::fs::write(
        dir.join("r.csv"),
        "service,received,completed\n1,02/06/2025,03/06/2025\n",
    )
    .unwrap();
    let output = charter_in(
        &dir,
        &[
            "report",
            "charter.yaml",
            "--requests",
            "r.csv",
            "--as-of",
            "2025-06-30",
            "-o",
            "out",
        ],
    );
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let html = std::fs::read_to_string(dir.join("out/charter-report.html")).unwrap();
    assert!(!html.contains("<script>alert"), "{html}");
    assert!(html.contains("&lt;script&gt;alert(1)"), "{html}");
    let text = crate::build::pdf_text(&dir.join("out/charter-report.pdf"));
    assert!(
        text.contains("#eval(\"1\")") || text.contains("#eval(“1”)"),
        "{text}"
    );
}

#[test]
fn complaints_are_measured_against_the_charters_standard_route_by_route() {
    let dir = out_dir("report", "complaints");
    std::fs::create_dir_all(&dir).unwrap();
    // The fixtures' charter: complaints resolved within 14 days; its routes the office,
    // then the Commission on Administrative Justice.
    std::fs::write(
        dir.join("complaints.csv"),
        "Date received,Date resolved,Taken to,Category\n\
         02/06/2025,10/06/2025,Test Office,Delay\n\
         02/06/2025,20/06/2025,test office,Bribery\n\
         03/06/2025,,Commission on Administrative Justice,Bribery\n\
         04/06/2025,05/06/2025,,\n\
         05/06/2025,,Ombudsman,\n\
         31/06/2025,,Ombudsman,\n",
    )
    .unwrap();
    let (output, report) = week_report(&dir, &["--complaints", "complaints.csv"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    // The bad date is said at its cell, in the complaint register.
    assert!(stderr.contains("complaints.csv:7:1"), "{stderr}");
    let complaints = &report["complaints"];
    assert_eq!(complaints["standard_name"][0], "Complaints");
    assert_eq!(complaints["limit"]["amount"], 14);
    let routes: Vec<(String, u64, u64, u64)> = complaints["routes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["route"].as_str().unwrap().to_owned(),
                r["requests"].as_u64().unwrap(),
                r["volume_meeting_target"].as_u64().unwrap(),
                r["overdue"].as_u64().unwrap(),
            )
        })
        .collect();
    // 2 June to 10 June is 8 days, in time; to 20 June, 18: late. Open since 3 and 5
    // June: not past 14 days on 6 June. The charter's routes first, in its order.
    assert_eq!(
        routes,
        vec![
            ("Test Office".to_owned(), 2, 1, 0),
            ("Commission on Administrative Justice".to_owned(), 1, 0, 0),
            (String::new(), 1, 1, 0),
            ("Ombudsman".to_owned(), 1, 0, 0),
        ]
    );
    assert_eq!(complaints["register"]["left_out"], 1);
    let csv = std::fs::read_to_string(dir.join("out/charter-report.csv")).unwrap();
    assert!(
        csv.contains("\r\ncomplaints,14 days,1,2,3,0.6667,N\r\n"),
        "{csv}"
    );
    assert!(
        csv.contains("\r\ncomplaints: Test Office,14 days,1,1,2,0.5,N\r\n"),
        "{csv}"
    );
    // A charter that states no time for complaints has nothing to measure them against.
    std::fs::write(
        dir.join("charter.toml"),
        "[report]\ncomplaints = \"Letters\"\n",
    )
    .unwrap();
    let (output, _) = week_report(&dir, &["--complaints", "complaints.csv"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("names no standard of the charter"),
        "{stderr}"
    );
    assert!(
        stderr.contains("its standards with a time: Complaints"),
        "{stderr}"
    );
}

#[test]
fn a_register_kept_as_a_spreadsheet_is_read_as_its_csv_export() {
    let dir = out_dir("report", "sheets");
    let (_, from_csv) = week_report(&dir, &[]);
    for sheet in ["week.xlsx", "week.ods"] {
        let out = format!("out-{sheet}");
        std::fs::copy(
            root().join("tests/report/sheets").join(sheet),
            dir.join(sheet),
        )
        .unwrap();
        let output = charter_in(
            &dir,
            &[
                "report",
                "charter.yaml",
                "--requests",
                sheet,
                "--as-of",
                "2025-06-06",
                "--format",
                "json",
                "-o",
                &out,
            ],
        );
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{sheet}: {stderr}");
        // The title row, the blank row, then the headings: K1 is on row 4, its date in C.
        assert!(stderr.contains(&format!("{sheet}:4:3")), "{stderr}");
        assert!(stderr.contains("cell C4"), "{stderr}");
        let text = std::fs::read_to_string(dir.join(&out).join("charter-report.json")).unwrap();
        let mut from_sheet: serde_json::Value = serde_json::from_str(&text).unwrap();
        // The same rows, two lines further down the sheet (its title and a blank row).
        for service in from_sheet["services"].as_array_mut().unwrap() {
            if let Some(line) = service["slowest"]["line"].as_u64() {
                service["slowest"]["line"] = (line - 2).into();
            }
        }
        assert_eq!(from_sheet["services"], from_csv["services"], "{sheet}");
        assert_eq!(from_sheet["total"], from_csv["total"], "{sheet}");
    }
    // A file named as a spreadsheet that is not one is refused, and says why.
    std::fs::write(dir.join("bad.xlsx"), "service,received,completed\n").unwrap();
    let output = charter_in(&dir, &["report", "charter.yaml", "--requests", "bad.xlsx"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("not a spreadsheet that can be read"),
        "{stderr}"
    );
}

/// Every real charter reported from a register generated from it (400 rows, a fixed seed):
/// every service listed, measured or with why not; every row counted, or left out only for
/// a date past the years whose holidays are known; the report printed and shown through a
/// built-in theme (each charter through one, in turn).
#[test]
fn every_real_charter_is_reported_from_a_register_generated_from_it() {
    let themes = charter::theme::builtin_names();
    let mut reported = 0;
    for (i, file) in crate::all_charters()
        .into_iter()
        .chain(crate::corpus())
        .enumerate()
    {
        let text = std::fs::read_to_string(&file).unwrap();
        let charter = load_source(SourceFile::new(&file, text))
            .charter
            .expect("a real charter is valid");
        if !crate::registers::can_generate(&charter) || charter.organization.country.is_none() {
            continue; // no service with a measurable promise, or no country to count in
        }
        let mut register = Vec::new();
        crate::registers::requests(&charter, 400, 11, &mut register);
        let name = file.file_stem().unwrap().to_string_lossy().into_owned();
        let dir = out_dir("report", &format!("real-{name}"));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::copy(&file, dir.join("charter.yaml")).unwrap();
        std::fs::write(dir.join("register.csv"), &register).unwrap();
        let theme = &themes[i % themes.len()];
        let output = charter_in(
            &dir,
            &[
                "report",
                "charter.yaml",
                "--requests",
                "register.csv",
                "--as-of",
                "2025-12-31",
                "--theme",
                theme,
                "-o",
                "out",
            ],
        );
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            matches!(output.status.code(), Some(0 | 1)),
            "{name}: {stderr}"
        );
        let json = std::fs::read_to_string(dir.join("out/charter-report.json")).unwrap();
        let report: serde_json::Value = serde_json::from_str(&json).unwrap();
        for kind in report["excluded_kinds"].as_array().unwrap() {
            assert_eq!(kind["code"], "E509", "{name}: {kind}");
        }
        let services = report["services"].as_array().unwrap();
        let counted: u64 = services
            .iter()
            .map(|s| s["requests"].as_u64().unwrap())
            .sum();
        assert_eq!(
            counted + report["register"]["left_out"].as_u64().unwrap(),
            400,
            "{name}"
        );
        assert!(
            services.iter().all(|s| s["performance"].is_number()
                || s["not_measured"].is_string()
                || s["requests"] == 0
                || s["limit"].is_null()),
            "{name}"
        );
        for ending in ["pdf", "html", "csv"] {
            let path = dir.join(format!("out/charter-report.{ending}"));
            assert!(
                std::fs::metadata(&path).unwrap().len() > 0,
                "{name}: {ending}"
            );
        }
        reported += 1;
    }
    assert!(reported >= 15, "{reported} real charters reported");
}

#[test]
fn a_registers_offices_channels_and_categories_are_reported_not_dropped() {
    let dir = with_charter("groups");
    std::fs::write(
        dir.join("r.csv"),
        "ref,service,received,completed,office,channel\n\
         A1,1,02/06/2025,04/06/2025,Head office,Walk-in\n\
         A2,1,02/06/2025,10/06/2025,Mwingi,Online\n\
         A3,2,03/06/2025,,mwingi,Walk-in\n\
         A4,3,03/06/2025,04/06/2025,,\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("c.csv"),
        "received,resolved,category\n02/06/2025,10/06/2025,Delay\n03/06/2025,,Bribery\n",
    )
    .unwrap();
    let output = charter_in(
        &dir,
        &[
            "report",
            "charter.yaml",
            "--requests",
            "r.csv",
            "--complaints",
            "c.csv",
            "--as-of",
            "2025-06-30",
            "--format",
            "json",
            "-o",
            "out",
        ],
    );
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = std::fs::read_to_string(dir.join("out/charter-report.json")).unwrap();
    let report: serde_json::Value = serde_json::from_str(&text).unwrap();
    let counts = |groups: &serde_json::Value| -> Vec<(String, u64, u64, u64, u64)> {
        groups
            .as_array()
            .unwrap()
            .iter()
            .map(|g| {
                let n = |k: &str| g[k].as_u64().unwrap();
                (
                    g["name"].as_str().unwrap().to_owned(),
                    n("requests"),
                    n("total_volume"),
                    n("volume_meeting_target"),
                    n("overdue"),
                )
            })
            .collect()
    };
    // 2 to 4 June: 2 working days, kept; 2 to 10 June: 6, late; service 2 pending since
    // 3 June, 7 days past by 30 June; the complaint open since 3 June, 14 days past too.
    // Offices grouped whatever their capitals; a row naming none counted in none.
    assert_eq!(
        counts(&report["offices"]),
        vec![
            ("Head office".to_owned(), 1, 1, 1, 0),
            ("Mwingi".to_owned(), 2, 1, 0, 1)
        ]
    );
    assert_eq!(
        counts(&report["channels"]),
        vec![
            ("Walk-in".to_owned(), 2, 1, 1, 1),
            ("Online".to_owned(), 1, 1, 0, 0)
        ]
    );
    assert_eq!(
        counts(&report["complaints"]["categories"]),
        vec![
            ("Delay".to_owned(), 1, 1, 1, 0),
            ("Bribery".to_owned(), 1, 0, 0, 1)
        ]
    );
}

#[test]
fn a_year_past_the_known_holidays_is_reported_when_the_office_lists_them() {
    let dir = with_charter("through");
    // Thursday 19 March 2026 to Wednesday 25 March: 3 working days, Idd-ul-Fitr (Friday
    // 20 March, gazetted) not one of them.
    std::fs::write(
        dir.join("r.csv"),
        "service,received,completed\n1,19/03/2026,25/03/2026\n",
    )
    .unwrap();
    let run = || {
        charter_in(
            &dir,
            &[
                "report",
                "charter.yaml",
                "--requests",
                "r.csv",
                "--as-of",
                "2026-06-30",
                "--format",
                "json",
                "-o",
                "out",
            ],
        )
    };
    let output = run();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("holidays-through"), "{stderr}");
    std::fs::write(
        dir.join("charter.toml"),
        "[report]\nholidays-through = 2026\nclosures = [{ date = 2026-03-20, why = \"Idd-ul-Fitr\" }]\n",
    )
    .unwrap();
    let output = run();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    let text = std::fs::read_to_string(dir.join("out/charter-report.json")).unwrap();
    let report: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        report["calendar"],
        "Kenya (2026: movable holidays as charter.toml lists them)"
    );
    assert_eq!(service(&report, "1")["volume_meeting_target"], 1);
    assert_eq!(service(&report, "1")["median"], 3);
}
