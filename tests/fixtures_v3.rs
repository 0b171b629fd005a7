//! The schema-version-3 fixture: every kind of record as version 3 stored
//! it (and as format version 3 exported it). `tests/store.rs` loads it into
//! a version-3 database laid out as version 3 does and checks the current
//! code upgrades and reads it. Version 3 is no longer current, so the
//! fixture is frozen: it was written by `support::sample()` at version 3
//! (see `tests/fixtures/README.md`), and version 4's is
//! `tests/fixtures_v4.rs`'s.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use jiff::civil::Time;
use waymark::domain::dataset::Dataset;
use waymark::exchange::upgrade;

const PATH: &str = "tests/fixtures/schema-v3-dataset.json";

#[test]
fn the_fixture_upgrades_to_a_valid_dataset_changing_nothing_else() {
    let text = std::fs::read_to_string(PATH).unwrap();
    for added in [
        "day_start",
        "day_end",
        "attendance_threshold",
        "\"room\"",
        "\"sessions\"",
    ] {
        assert!(!text.contains(added), "version 3 had no {added}");
    }
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    upgrade::dataset_v4(&mut v);
    upgrade::dataset_v5(&mut v);
    let data: Dataset = serde_json::from_value(v).unwrap();
    assert_eq!(data.validate(), vec![]);
    assert_eq!(data.pupils[0].given_name, "Zoë");
    // Version 4's fields take what the upgrade gives them: the usual
    // school day, 80%, no room, no sessions.
    assert_eq!(data.settings.day_start, Time::constant(8, 45, 0, 0));
    assert_eq!(data.settings.day_end, Time::constant(15, 15, 0, 0));
    assert_eq!(data.settings.attendance_threshold, 80);
    assert_eq!(data.provisions[0].slots[0].room, "");
    assert!(data.sessions.is_empty());
    // Version 3's fields are there as the fixture has them.
    assert!(!data.settings.pp_plus_agreed.is_empty());
    // Without those fields, the upgraded data writes the fixture back
    // value for value: nothing else moved.
    let mut back = serde_json::to_value(&data).unwrap();
    support::without_v5_fields(&mut back);
    let settings = back["settings"].as_object_mut().unwrap();
    for f in ["day_start", "day_end", "attendance_threshold"] {
        settings.remove(f);
    }
    back["provisions"][0]["slots"][0]
        .as_object_mut()
        .unwrap()
        .remove("room");
    back.as_object_mut().unwrap().remove("sessions");
    let original: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert!(back == original, "the upgrade changed more than it added");
}
