//! The schema-version-3 fixture: every kind of record as this version stores
//! it (and as format version 3 exports it). `tests/store.rs` loads it into a
//! version-3 database laid out as version 3 does and checks the current code
//! reads it back unchanged. Regenerate (only while version 3 is current)
//! with `cargo test --test fixtures_v3 -- --ignored`.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use waymark::domain::dataset::Dataset;

const PATH: &str = "tests/fixtures/schema-v3-dataset.json";

#[test]
#[ignore = "writes the fixture; run by hand while schema version 3 is current"]
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
    // Version 3's fields are there, filled.
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["roles"][0]["rate"]["contact_hours_per_week"], "32.5");
    assert_eq!(v["pupils"][0]["year_group_history"]["2024"], "Y3");
    assert_eq!(
        v["settings"]["pp_plus_agreed"],
        serde_json::json!([{"start_year": 2024, "amount": 120000}])
    );
}
