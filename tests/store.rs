//! IndexedDB store tests, run in real browsers by `./dev test`.
#![cfg(target_arch = "wasm32")]

use jiff::Timestamp;
use wasm_bindgen_test::*;
use waymark::domain::{Pupil, PupilDraft};
use waymark::store::{Db, SCHEMA_VERSION};

wasm_bindgen_test_configure!(run_in_browser);

fn unique_name(prefix: &str) -> String {
    format!("{prefix}-{}", uuid::Uuid::new_v4())
}

fn pupil(given: &str, family: &str, year: &str) -> Pupil {
    let draft = PupilDraft {
        given_name: given.into(),
        family_name: family.into(),
        year_group: year.into(),
    };
    Pupil::create(&draft, Timestamp::now()).expect("valid draft")
}

#[wasm_bindgen_test]
async fn a_new_database_is_empty_at_the_current_schema_version() {
    let db = Db::open(&unique_name("empty")).await.unwrap();
    assert!(db.pupils().await.unwrap().is_empty());
    assert_eq!(SCHEMA_VERSION, 1);
}

#[wasm_bindgen_test]
async fn pupils_round_trip_through_a_reopened_connection() {
    let name = unique_name("round-trip");
    let db = Db::open(&name).await.unwrap();
    let ada = pupil("Ada", "Lovelace", "Y5");
    let ben = pupil("Ben", "Okoro", "R");
    db.put_pupil(&ada).await.unwrap();
    db.put_pupil(&ben).await.unwrap();
    db.close();

    let db = Db::open(&name).await.unwrap();
    assert_eq!(db.name(), name);
    let mut stored = db.pupils().await.unwrap();
    stored.sort_by(Pupil::register_order);
    // Field by field equality, timestamps and ids included.
    assert_eq!(stored, vec![ada.clone(), ben.clone()]);

    // A put with the same id replaces, it does not duplicate.
    let later = Timestamp::now();
    let draft = PupilDraft {
        given_name: "Ada".into(),
        family_name: "King".into(),
        year_group: "Y6".into(),
    };
    let edited = ada.edited(&draft, later).unwrap();
    db.put_pupil(&edited).await.unwrap();
    let stored = db.pupils().await.unwrap();
    assert_eq!(stored.len(), 2);
    assert!(stored.contains(&edited));
    assert!(!stored.contains(&ada));

    db.delete_pupil(ben.id).await.unwrap();
    assert_eq!(db.pupils().await.unwrap(), vec![edited]);
}

#[wasm_bindgen_test]
async fn a_write_to_a_closed_connection_fails_clearly_and_stores_nothing() {
    let name = unique_name("closed");
    let db = Db::open(&name).await.unwrap();
    let keep = pupil("Cara", "Jones", "Y2");
    db.put_pupil(&keep).await.unwrap();
    let stale = db.clone();
    db.close();

    let err = stale
        .put_pupil(&pupil("Dan", "Smith", "Y3"))
        .await
        .unwrap_err();
    assert!(
        err.to_string().starts_with("The change was not saved"),
        "unexpected message: {err}"
    );

    let db = Db::open(&name).await.unwrap();
    assert_eq!(db.pupils().await.unwrap(), vec![keep]);
}
