//! The schema-version-2 fixture: every kind of record as version 2 stored
//! it. `tests/store.rs` loads it into a version-2 database laid out as
//! version 2 does and checks the current code upgrades and reads it.
//! Version 2 is no longer current, so the fixture is frozen: it was written
//! by `support::sample()` at version 2 (see `tests/fixtures/README.md`), and
//! version 3's is `tests/fixtures_v3.rs`'s.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use waymark::domain::dataset::Dataset;
use waymark::domain::quantity::Dec2;
use waymark::domain::staff::RateBasis;
use waymark::exchange::upgrade;

const PATH: &str = "tests/fixtures/schema-v2-dataset.json";

#[test]
fn the_fixture_upgrades_to_a_valid_dataset_changing_nothing_else() {
    let text = std::fs::read_to_string(PATH).unwrap();
    for added in [
        "contact_hours_per_week",
        "year_group_history",
        "pp_plus_agreed",
    ] {
        assert!(!text.contains(added), "version 2 had no {added}");
    }
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    upgrade::dataset_v3(&mut v);
    upgrade::dataset_v4(&mut v);
    upgrade::dataset_v5(&mut v);
    let data: Dataset = serde_json::from_value(v).unwrap();
    assert_eq!(data.validate(), vec![]);
    assert_eq!(data.pupils[0].given_name, "Zoë");
    // Version 3's and 4's fields take what the upgrades give them.
    assert_eq!(data.settings.attendance_threshold, 80);
    assert!(data.sessions.is_empty());
    let RateBasis::Salary(s) = &data.roles[0].rate else {
        panic!("the fixture's role is salary-based");
    };
    assert_eq!(s.contracted_hours_per_week, Dec2::hundredths(3250));
    assert_eq!(s.contact_hours_per_week, s.contracted_hours_per_week);
    assert!(data.pupils[0].year_group_history.is_empty());
    assert!(data.settings.pp_plus_agreed.is_empty());
    assert_eq!(data.settings.min_weeks_to_judge, 4);
    // Without those fields, the upgraded data writes the fixture back
    // value for value: nothing else moved.
    let mut back = serde_json::to_value(&data).unwrap();
    support::without_v5_fields(&mut back);
    back["settings"]
        .as_object_mut()
        .unwrap()
        .remove("pp_plus_agreed");
    back["settings"]
        .as_object_mut()
        .unwrap()
        .remove("min_weeks_to_judge");
    for f in ["day_start", "day_end", "attendance_threshold"] {
        back["settings"].as_object_mut().unwrap().remove(f);
    }
    for slot in back["provisions"][0]["slots"].as_array_mut().unwrap() {
        slot.as_object_mut().unwrap().remove("room");
    }
    back.as_object_mut().unwrap().remove("sessions");
    back["pupils"][0]
        .as_object_mut()
        .unwrap()
        .remove("year_group_history");
    back["roles"][0]["rate"]
        .as_object_mut()
        .unwrap()
        .remove("contact_hours_per_week");
    let original: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert!(back == original, "the upgrade changed more than it added");
}
