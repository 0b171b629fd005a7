//! The schema-version-5 fixture: every kind of record as this version stores
//! it (and as format version 5 exports it), sessions, pay scales, rate cards,
//! pay awards and budgets by financial year included. `tests/store.rs` loads
//! it into a version-5 database laid out as version 5 does and checks the
//! current code reads it back unchanged. Regenerate (only while version
//! 5 is current) with `cargo test --test fixtures_v5 -- --ignored`.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use waymark::domain::dataset::Dataset;

const PATH: &str = "tests/fixtures/schema-v5-dataset.json";

#[test]
#[ignore = "writes the fixture; run by hand while schema version 5 is current"]
fn write_the_fixture() {
    let json = serde_json::to_string_pretty(&support::sample()).unwrap();
    std::fs::write(PATH, json + "\n").unwrap();
}

#[test]
fn the_fixture_reads_as_a_valid_dataset_and_round_trips() {
    let text = std::fs::read_to_string(PATH).unwrap();
    let data: Dataset = serde_json::from_str(&text).unwrap();
    assert_eq!(data.validate(), vec![]);
    assert_eq!(serde_json::to_string_pretty(&data).unwrap() + "\n", text);
    assert_eq!(data.pupils[0].given_name, "Zoë");
    // Version 4's fields are there, filled.
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    // Version 5's fields are there, filled.
    assert_eq!(v["settings"]["budget_year"], "financial");
    assert_eq!(v["settings"]["budgets"][1]["year"], "financial");
    assert_eq!(
        v["settings"]["pay_scales"][0]["versions"][1]["from"],
        "2026-04-01"
    );
    assert_eq!(
        v["settings"]["rate_cards"][0]["rates"][0]["rate"]["basis"],
        "per_weekly_hour"
    );
    assert_eq!(
        v["settings"]["rate_cards"][0]["rates"][0]["rate"]["amount"],
        65360
    );
    assert_eq!(
        v["settings"]["rate_cards"][0]["excluded_times"][0]["start"],
        "12:00:00"
    );
    assert_eq!(v["roles"][0]["rate_changes"][0]["from"], "2026-04-01");
    assert_eq!(
        v["roles"][0]["rate"]["scale"]["scale_id"],
        v["settings"]["pay_scales"][0]["id"]
    );
    assert_eq!(v["settings"]["day_start"], "08:50:00");
    assert_eq!(v["settings"]["day_end"], "15:20:00");
    assert_eq!(v["settings"]["attendance_threshold"], 75);
    assert_eq!(v["provisions"][0]["slots"][0]["room"], "Library");
    assert_eq!(v["sessions"][0]["outcome"]["kind"], "delivered");
    assert_eq!(
        v["sessions"][0]["outcome"]["absent"][0],
        v["pupils"][0]["id"]
    );
    assert_eq!(v["sessions"][1]["outcome"]["kind"], "cancelled");
    assert_eq!(v["sessions"][1]["outcome"]["reason"], "staff_absence");
}
