//! The schema-version-4 fixture: every kind of record as this version stores
//! it (and as format version 4 exports it), sessions included. `tests/store.rs`
//! loads it into a version-4 database laid out as version 4 does and checks
//! the current code reads it back unchanged. Regenerate (only while version
//! 4 is current) with `cargo test --test fixtures_v4 -- --ignored`.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use waymark::domain::dataset::Dataset;

const PATH: &str = "tests/fixtures/schema-v4-dataset.json";

#[test]
#[ignore = "writes the fixture; run by hand while schema version 4 is current"]
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
