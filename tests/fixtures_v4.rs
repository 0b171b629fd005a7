//! The schema-version-4 fixture: every kind of record as version 4 stored
//! it (and as format version 4 exported it), sessions included.
//! `tests/store.rs` loads it into a version-4 database laid out as version 4
//! does and checks the current code upgrades and reads it. Version 4 is no
//! longer current, so the fixture is frozen: it was written by
//! `support::sample()` at version 4 (see `tests/fixtures/README.md`), and
//! version 5's is `tests/fixtures_v5.rs`'s.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use waymark::domain::dataset::Dataset;
use waymark::domain::settings::BudgetYear;
use waymark::domain::staff::RateBasis;
use waymark::exchange::upgrade;

const PATH: &str = "tests/fixtures/schema-v4-dataset.json";

#[test]
fn the_fixture_upgrades_to_a_valid_dataset_changing_nothing_else() {
    let text = std::fs::read_to_string(PATH).unwrap();
    for added in [
        "budget_year",
        "pay_scales",
        "rate_cards",
        "rate_changes",
        "\"scale\"",
        "\"year\"",
    ] {
        assert!(!text.contains(added), "version 4 had no {added}");
    }
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    upgrade::dataset_v5(&mut v);
    let data: Dataset = serde_json::from_value(v).unwrap();
    assert_eq!(data.validate(), vec![]);
    assert_eq!(data.pupils[0].given_name, "Zoë");
    // Version 5's fields take what the upgrade gives them: the budget of
    // £42,000 is for the academic year 2025-26, as it was; no scales,
    // cards or pay awards; the salary typed in stays the salary.
    assert_eq!(data.settings.budget_year, BudgetYear::Academic);
    assert_eq!(data.settings.budgets.len(), 1);
    assert_eq!(data.settings.budgets[0].year, BudgetYear::Academic);
    assert_eq!(data.settings.budgets[0].start_year, 2025);
    assert_eq!(
        data.settings.budgets[0].amount,
        waymark::domain::money::Money::pounds(42_000)
    );
    assert!(data.settings.pay_scales.is_empty());
    assert!(data.settings.rate_cards.is_empty());
    assert!(data.roles[0].rate_changes.is_empty());
    let RateBasis::Salary(s) = &data.roles[0].rate else {
        panic!("the fixture's role is salary-based");
    };
    assert_eq!(s.scale, None);
    // Version 4's fields are there as the fixture has them.
    assert_eq!(data.settings.attendance_threshold, 75);
    assert_eq!(data.sessions.len(), 2);
    // Without those fields, the upgraded data writes the fixture back
    // value for value: nothing else moved.
    let mut back = serde_json::to_value(&data).unwrap();
    support::without_v5_fields(&mut back);
    let original: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert!(back == original, "the upgrade changed more than it added");
}
