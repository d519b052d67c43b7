//! A small register measured by hand against a small charter, on Kenya's calendar.

use super::*;
use crate::load::load_source;
use crate::register::limit::NotMeasured;
use crate::register::requests::{HeaderProblem, Problem};
use crate::register::scan::RegisterError;
use crate::source::SourceFile;
use jiff::civil::date;

const CHARTER: &str = "\
languages: [en]
title: Citizens' Service Charter
organization:
  name: Test Office
  country: KE
services:
  - number: 1
    name: Official search
    timeline: 3 working days
  - number: 2
    name: Building plans
    timeline: 7 days
  - number: 3
    name: Advice
    timeline: {text: As soon as possible}
  - number: 4
    name: Permits
    timeline:
      text: 1 working day at the head office, 5 at a sub-county office
      cases:
        - case: Head office
          timeline: 1 working day
        - case: Sub-county
          timeline: 5 working days
";

fn charter() -> Charter {
    let loaded = load_source(SourceFile::new("charter.yaml", CHARTER.to_owned()));
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    loaded.charter.unwrap()
}

fn period() -> Period {
    Period {
        from: Some(date(2025, 5, 1)),
        to: Some(date(2025, 6, 30)),
        as_of: date(2025, 6, 30),
    }
}

fn measure<'c>(charter: &'c Charter, register: &str) -> Results<'c> {
    let calendar = Calendar::new("KE", []).unwrap();
    Results::measure(
        charter,
        &calendar,
        crate::register::csv::Records::new(register.as_bytes()),
        period(),
        &Reading::default(),
    )
    .unwrap()
}

#[test]
fn a_register_counted_by_hand() {
    let charter = charter();
    // Madaraka Day, Sunday 1 June 2025, gives Monday 2 June. Service 1 promises three
    // working days:
    // - received Thursday 29 May, done Wednesday 4 June: Fri 30, Tue 3, Wed 4: kept;
    // - received Thursday 29 May, done Thursday 5 June: four working days: late;
    // - received Friday 30 May, done Tuesday 3 June: two: kept.
    // Service 2 promises 7 calendar days: 1 to 8 May kept; 1 to 9 May late.
    // Service 4 by case: head office 1 working day (Fri 2 May → Mon 5 May kept),
    // sub-county 5 (Mon 5 May → Tue 13 May is six: late).
    // Pending on 30 June: service 1 received 20 June (due 25 June): overdue; received
    // 27 June (due 2 July): not yet.
    let register = "\
service,received,completed,case
1,29/05/2025,04/06/2025,
1,29/05/2025,05/06/2025,
1,30/05/2025,03/06/2025,
2,01/05/2025,08/05/2025,
2,01/05/2025,09/05/2025,
Permits,02/05/2025,05/05/2025,Head office
4,05/05/2025,13/05/2025,sub-county
1,20/06/2025,,
1,27/06/2025,,
";
    let results = measure(&charter, register);
    assert_eq!(results.scan.rows, 9);
    // Without a column of request numbers, rows alike are requests alike: none is a
    // duplicate.
    assert_eq!(
        (results.scan.left_out, results.scan.outside),
        (0, 0),
        "{:?}",
        results.scan.problems
    );
    let tally = |key: &str| {
        &results
            .services
            .iter()
            .find(|s| s.key == key)
            .unwrap()
            .tally
    };
    let one = tally("1");
    assert_eq!((one.total, one.met), (3, 2));
    assert_eq!(one.slowest, Some((4, 3)));
    assert_eq!((one.pending, one.overdue), (2, 1));
    assert_eq!(one.median(), Some(3));
    let two = tally("2");
    assert_eq!((two.total, two.met), (2, 1));
    assert_eq!(two.percentile(90), Some(8));
    let four = tally("4");
    assert_eq!((four.total, four.met), (2, 1));
    // The vague promise is listed with why, not dropped.
    let three = results.services.iter().find(|s| s.key == "3").unwrap();
    assert_eq!(three.limit, Err(Unmeasurable::Vague));
    assert_eq!(three.tally.total, 0);
}

#[test]
fn every_row_left_out_says_why() {
    let charter = charter();
    let register = "\
ref,service,received,completed,note
A1,1,29/05/2025,04/06/2025,first
A1,1,29/05/2025,04/06/2025,again
A3,9,29/05/2025,04/06/2025,
A4,Oficial search,29/05/2025,04/06/2025,
A5,1,31/02/2025,04/06/2025,
A6,1,04/06/2025,29/05/2025,
A7,3,29/05/2025,04/06/2025,
A8,4,29/05/2025,04/06/2025,
A9,1,01/01/2024,02/01/2024,
A10,1,29/12/2025,02/01/2026,
";
    let calendar = Calendar::new("KE", []).unwrap();
    let all = Period {
        from: None,
        to: None,
        as_of: date(2025, 12, 31),
    };
    let results = Results::measure(
        &charter,
        &calendar,
        crate::register::csv::Records::new(register.as_bytes()),
        all,
        &Reading::default(),
    )
    .unwrap();
    assert_eq!(results.scan.ignored_columns, vec!["note"]);
    let problems = &results.scan.problems;
    assert!(matches!(
        problems[0],
        RowProblem::Duplicate { line: 3, first: 2 }
    ));
    assert!(matches!(
        &problems[1],
        RowProblem::UnknownService { line: 4, service, suggestion: None, .. } if service == "9"
    ));
    assert!(matches!(
        &problems[2],
        RowProblem::UnknownService { line: 5, suggestion: Some(s), .. } if s == "Official search"
    ));
    assert!(matches!(
        &problems[3],
        RowProblem::Row(Problem {
            line: 6,
            column: 6,
            ..
        })
    ));
    assert!(matches!(
        &problems[4],
        RowProblem::Row(Problem {
            line: 7,
            column: 17,
            ..
        })
    ));
    // Line 8's service has a promise in words: counted for it, not a problem of the row.
    assert!(matches!(
        &problems[5],
        RowProblem::NotMeasured {
            line: 9,
            why: NotMeasuredWhy::Promise(Unmeasurable::NeedsCase(_)),
            ..
        }
    ));
    // Kenya's holidays are known for 2024 and 2025: into 2026 is not counted.
    assert!(matches!(
        &problems[6],
        RowProblem::NotMeasured {
            line: 11,
            why: NotMeasuredWhy::Request(NotMeasured::Calendar(_)),
            ..
        }
    ));
    assert_eq!(problems.len(), 7, "{problems:?}");
    assert_eq!(results.scan.left_out, 7);
    let advice = results.services.iter().find(|s| s.key == "3").unwrap();
    assert_eq!(advice.unmeasured, 1);
    // Each problem's row is kept as read, for messages to show.
    let row = &results.scan.row_texts[&7];
    assert_eq!(row.text, "A6,1,04/06/2025,29/05/2025,");
    assert_eq!(&row.text[row.cell(7, 17)], "29/05/2025");
    // The good rows are counted all the same.
    let one = &results.services[0].tally;
    assert_eq!((one.total, one.met), (2, 2));
}

#[test]
fn rows_outside_the_period_are_counted_apart() {
    let charter = charter();
    let register = "service,received,completed\n1,30/04/2025,02/05/2025\n1,02/07/2025,03/07/2025\n";
    let results = measure(&charter, register);
    assert_eq!(
        (
            results.scan.rows,
            results.scan.outside,
            results.scan.left_out
        ),
        (2, 2, 0)
    );
}

#[test]
fn a_register_without_its_columns_is_refused() {
    let charter = charter();
    let calendar = Calendar::new("KE", []).unwrap();
    let error = Results::measure(
        &charter,
        &calendar,
        crate::register::csv::Records::new("name,date\n".as_bytes()),
        period(),
        &Reading::default(),
    )
    .unwrap_err();
    assert!(matches!(
        error,
        HeaderOrRegister::Header(HeaderProblem::Missing { .. })
    ));
    let empty = Results::measure(
        &charter,
        &calendar,
        crate::register::csv::Records::new("".as_bytes()),
        period(),
        &Reading::default(),
    )
    .unwrap_err();
    assert!(matches!(
        empty,
        HeaderOrRegister::Register(RegisterError::Empty)
    ));
}

#[test]
fn rows_alike_are_two_requests_unless_the_register_numbers_them() {
    let charter = charter();
    let twice = "1,29/05/2025,04/06/2025\n1,29/05/2025,04/06/2025\n";
    let plain = measure(&charter, &format!("service,received,completed\n{twice}"));
    assert_eq!((plain.services[0].tally.total, plain.scan.left_out), (2, 0));
    let numbered = measure(
        &charter,
        "namba ya ombi,huduma,tarehe ya kupokea,tarehe ya kukamilisha\n\
         K-1,1,29/05/2025,04/06/2025\nK-2,1,29/05/2025,04/06/2025\nK-1,1,29/05/2025,04/06/2025\n",
    );
    assert_eq!(numbered.services[0].tally.total, 2);
    assert_eq!(
        numbered.scan.problems,
        vec![RowProblem::Duplicate { line: 4, first: 2 }]
    );
}

#[test]
fn the_heading_row_may_have_a_title_above_it() {
    let charter = charter();
    let register = "Test Office,,\nRequest register 2025,,\n,,\nservice,received,completed\n\
                    1,29/05/2025,04/06/2025\n";
    let results = measure(&charter, register);
    assert_eq!((results.scan.rows, results.services[0].tally.total), (1, 1));
    // No heading row within the first ten lines: the first line's problem is given.
    let calendar = Calendar::new("KE", []).unwrap();
    let titles = "Title\n".repeat(12);
    let error = Results::measure(
        &charter,
        &calendar,
        crate::register::csv::Records::new(titles.as_bytes()),
        period(),
        &Reading::default(),
    )
    .unwrap_err();
    assert!(matches!(
        error,
        HeaderOrRegister::Header(HeaderProblem::Missing { headings, .. }) if headings == ["Title"]
    ));
}

#[test]
fn spreadsheet_exports_are_read_as_they_come() {
    let charter = charter();
    // A title with commas above a semicolon table; a number and a name column (a number
    // the charter does not have falls back to the name); trailing empty rows.
    let register = "Ministry of Lands, Housing and Urban Development;;\n\
                    Service No.;Service Name;Date Received;Date Completed\n\
                    1;Official search;29/05/2025;04/06/2025\n\
                    17;Building plans;01/05/2025;08/05/2025\n\
                    ;;;\n;;;\n";
    let results = measure(&charter, register);
    assert_eq!(
        (results.scan.rows, results.scan.left_out),
        (2, 0),
        "{:?}",
        results.scan.problems
    );
    assert_eq!(results.services[0].tally.total, 1);
    assert_eq!(results.services[1].tally.total, 1);
}

#[test]
fn a_service_is_found_however_the_register_writes_it_and_never_guessed() {
    let text = "\
languages: [en]
title: Charter
organization: {name: Office, country: KE}
services:
  - {number: 1, name: Business permit, timeline: 3 working days}
  - {number: 1, name: Building permit, timeline: 5 working days}
  - {number: 2, name: PF–Illness (advance ), timeline: 7 days}
";
    let loaded = load_source(SourceFile::new("c.yaml", text.to_owned()));
    let charter = loaded.charter.expect("valid");
    let register = "\
service,service name,received,completed
1,,02/06/2025,03/06/2025
1,building permit,02/06/2025,03/06/2025
01,Building Permit,02/06/2025,03/06/2025
2,Business permit,02/06/2025,03/06/2025
pf-illness  (advance),,02/06/2025,03/06/2025
99,,02/06/2025,03/06/2025
";
    let results = measure(&charter, register);
    let problems: Vec<(u64, crate::diagnostic::Code)> = results
        .scan
        .problems
        .iter()
        .map(|p| {
            let line = match p {
                RowProblem::AmbiguousService { line, .. }
                | RowProblem::UnknownService { line, .. } => *line,
                other => panic!("{other:?}"),
            };
            (line, p.code())
        })
        .collect();
    use crate::diagnostic::Code;
    assert_eq!(
        problems,
        vec![
            (2, Code::AmbiguousService),
            (5, Code::AmbiguousService),
            (7, Code::UnknownService)
        ]
    );
    // `99` is not offered `9` or any other number.
    assert!(matches!(
        &results.scan.problems[2],
        RowProblem::UnknownService {
            suggestion: None,
            ..
        }
    ));
    let totals: Vec<u64> = results.services.iter().map(|s| s.tally.total).collect();
    assert_eq!(totals, vec![0, 2, 1]);
}
