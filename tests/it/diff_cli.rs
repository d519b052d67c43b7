//! `charter diff`: the fixtures in `tests/diff/` are two versions of one charter.

use crate::{charter, root};

#[test]
fn identical_charters_exit_zero() {
    let output = charter(&["diff", "tests/diff/old.yaml", "tests/diff/old.yaml"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stdout), "No changes.\n");
}

#[test]
fn changes_are_listed_and_weaker_commitments_marked() {
    let output = charter(&["diff", "tests/diff/old.yaml", "tests/diff/new.yaml"]);
    assert_eq!(output.status.code(), Some(1));
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(root().join("tests/diff"));
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| insta::assert_snapshot!("human", String::from_utf8_lossy(&output.stdout)));
}

#[test]
fn json_names_each_change_and_its_direction() {
    let output = charter(&[
        "diff",
        "--format",
        "json",
        "tests/diff/old.yaml",
        "tests/diff/new.yaml",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let services = &json["services"];
    assert_eq!(services["added"], serde_json::json!(["Valuation"]));
    assert_eq!(services["renamed"][0]["to"], "Search of the land register");
    let changes = services["changed"][0]["changes"].as_array().unwrap();
    let fee = changes.iter().find(|c| c["field"] == "fee").unwrap();
    assert_eq!(fee["old"], "KES 2,000");
    assert_eq!(fee["new"], "KES 3,000");
    assert_eq!(fee["direction"], "weaker");
    assert_eq!(json["other"], serde_json::json!(["vision"]));
}

#[test]
fn an_invalid_charter_exits_two() {
    let output = charter(&["diff", "tests/diff/old.yaml", "tests/check/bad-fee.yaml"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("is not a valid charter"));
}

#[test]
fn shorter_timelines_and_lower_fees_are_stronger() {
    let output = charter(&[
        "diff",
        "--format",
        "json",
        "tests/diff/new.yaml",
        "tests/diff/old.yaml",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let changes = json["services"]["changed"][0]["changes"]
        .as_array()
        .unwrap();
    assert!(
        changes
            .iter()
            .filter(|c| c["field"] != "requirements")
            .all(|c| c["direction"] == "stronger")
    );
}

/// Tiers and cases are compared one by one, a new tier is named, sub-services and the
/// charter's own columns are compared too, other words for the same promise are shown without a verdict, and days that come
/// to say which count are not called weaker.
#[test]
fn tiers_cases_and_sub_services_are_compared_part_by_part() {
    let output = charter(&[
        "diff",
        "--format",
        "json",
        "tests/diff/cases-old.yaml",
        "tests/diff/cases-new.yaml",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let changed = json["services"]["changed"].as_array().unwrap();
    let of = |service: &str| -> Vec<serde_json::Value> {
        changed
            .iter()
            .find(|c| c["service"] == service)
            .unwrap_or_else(|| panic!("no change to {service}: {json}"))["changes"]
            .as_array()
            .unwrap()
            .clone()
    };
    let permits = of("Building permits");
    let find = |case: &str| {
        permits
            .iter()
            .find(|c| c["case"] == case)
            .unwrap_or_else(|| panic!("no change for {case}: {permits:?}"))
            .clone()
    };
    assert_eq!(find("Residential")["direction"], "weaker");
    assert_eq!(find("Industrial")["why"], "a new tier");
    assert_eq!(find("Head Office")["direction"], "weaker");
    assert!(
        permits
            .iter()
            .all(|c| c["case"] != "Commercial" && c["case"] != "Regional Office")
    );
    let appeal = permits.iter().find(|c| c["field"] == "column").unwrap();
    assert_eq!(appeal["column"], "appeal");
    assert_eq!(appeal["old"], "Deputy Commissioner");
    assert_eq!(appeal["new"], "District Collector");
    assert!(appeal.get("direction").is_none());
    let phone = of("Telephone enquiries");
    assert_eq!(phone[0]["direction"], "weaker", "{phone:?}");
    assert_eq!(phone[0]["why"], "more rings before an answer");
    let renewal = of("Building permits › Renewal");
    let fee = renewal.iter().find(|c| c["field"] == "fee").unwrap();
    assert_eq!(fee["why"], "other words, the same promise");
    assert!(fee.get("direction").is_none());
    let time = renewal.iter().find(|c| c["field"] == "timeline").unwrap();
    assert_eq!(time["why"], "now says which days count");
    assert!(time.get("direction").is_none());
}
