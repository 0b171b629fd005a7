//! The schema-version-2 fixture: every kind of record as this version stores
//! it. `tests/store.rs` loads it into a version-2 database laid out as
//! version 2 does and checks the current code reads it back unchanged.
//! Regenerate (only while version 2 is current) with
//! `cargo test --test fixtures_v2 -- --ignored`.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use waymark::domain::dataset::Dataset;

const PATH: &str = "tests/fixtures/schema-v2-dataset.json";

#[test]
#[ignore = "writes the fixture; run by hand while schema version 2 is current"]
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
}
