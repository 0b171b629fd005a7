//! IndexedDB store tests, run in Chromium, Firefox and WebKit by `./dev test`.
#![cfg(target_arch = "wasm32")]

mod support;

use js_sys::{Function, Promise};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use waymark::domain::dataset::Dataset;
use waymark::domain::edit::{Change, Kind, Record};
use waymark::domain::pupil::YearGroup;
use waymark::domain::Pupil;
use waymark::store::{Db, Meta, StoreError, SCHEMA_VERSION};

wasm_bindgen_test_configure!(run_in_browser);

fn unique_name(prefix: &str) -> String {
    format!("{prefix}-{}", uuid::Uuid::new_v4())
}

/// Run a piece of JavaScript that returns a promise, and wait for it.
async fn js(body: &str, arg: &JsValue) -> JsValue {
    let f = Function::new_with_args("arg", body);
    let p: Promise = f.call1(&JsValue::NULL, arg).unwrap().into();
    JsFuture::from(p).await.unwrap()
}

/// Make `IDBObjectStore.prototype.put` throw `error` on its `nth` call (1-based)
/// from now on; `restore_put` undoes it.
async fn break_put(nth: u32, error: &str) {
    let body = format!(
        "const real = IDBObjectStore.prototype.put; let n = 0;
         globalThis.__realPut = real;
         IDBObjectStore.prototype.put = function (...a) {{
           n += 1;
           if (n >= {nth}) throw new DOMException('simulated', '{error}');
           return real.apply(this, a);
         }};
         return Promise.resolve();"
    );
    js(&body, &JsValue::NULL).await;
}

async fn restore_put() {
    js(
        "IDBObjectStore.prototype.put = globalThis.__realPut; return Promise.resolve();",
        &JsValue::NULL,
    )
    .await;
}

fn puts(d: &Dataset) -> Vec<Change> {
    let mut v = vec![Change::Put(Record::Settings(d.settings.clone()))];
    v.extend(
        d.roles
            .iter()
            .cloned()
            .map(|r| Change::Put(Record::Role(r))),
    );
    v.extend(
        d.members
            .iter()
            .cloned()
            .map(|r| Change::Put(Record::Member(r))),
    );
    v.extend(
        d.pupils
            .iter()
            .cloned()
            .map(|r| Change::Put(Record::Pupil(r))),
    );
    v.extend(
        d.interventions
            .iter()
            .cloned()
            .map(|r| Change::Put(Record::Intervention(r))),
    );
    v.extend(
        d.provisions
            .iter()
            .cloned()
            .map(|r| Change::Put(Record::Provision(r))),
    );
    v.extend(
        d.enrolments
            .iter()
            .cloned()
            .map(|r| Change::Put(Record::Enrolment(r))),
    );
    v.extend(
        d.plans
            .iter()
            .cloned()
            .map(|r| Change::Put(Record::Plan(r))),
    );
    v.extend(
        d.sessions
            .iter()
            .cloned()
            .map(|r| Change::Put(Record::Session(r))),
    );
    v
}

#[wasm_bindgen_test]
async fn a_new_database_has_every_store_at_the_current_version_and_is_empty() {
    let db = Db::open(&unique_name("empty")).await.unwrap();
    assert_eq!(db.version(), SCHEMA_VERSION);
    assert_eq!(SCHEMA_VERSION, 5);
    let mut names = db.store_names();
    names.sort();
    assert_eq!(
        names,
        [
            "enrolments",
            "interventions",
            "members",
            "meta",
            "plans",
            "provisions",
            "pupils",
            "roles",
            "sessions",
            "settings"
        ]
    );
    let (settings, data) = db
        .load(support::now())
        .await
        .unwrap()
        .sound()
        .expect("nothing set aside");
    assert!(
        settings.is_none(),
        "settings are not stored until first saved"
    );
    assert!(data.pupils.is_empty() && data.provisions.is_empty() && data.enrolments.is_empty());
    assert_eq!(data.settings.school_name, "Our school");
    assert_eq!(db.meta().await.unwrap(), Meta::default());
    db.close();
}

#[wasm_bindgen_test]
async fn every_kind_of_record_round_trips_field_by_field() {
    let name = unique_name("round-trip");
    let db = Db::open(&name).await.unwrap();
    let sample = support::sample();
    db.apply(&puts(&sample)).await.unwrap();
    db.close();

    let db = Db::open(&name).await.unwrap();
    let (settings, back) = db
        .load(support::now())
        .await
        .unwrap()
        .sound()
        .expect("nothing set aside");
    assert_eq!(settings.as_ref(), Some(&sample.settings));
    assert_eq!(back.roles, sample.roles);
    assert_eq!(back.members, sample.members);
    assert_eq!(back.pupils, sample.pupils);
    assert_eq!(back.interventions, sample.interventions);
    assert_eq!(back.provisions, sample.provisions);
    assert_eq!(back.enrolments, sample.enrolments);
    assert_eq!(back.plans, sample.plans);
    // A store reads back in the order of its keys (random ids): the
    // sample's two sessions in that order.
    let mut sample = sample;
    sample.sessions.sort_by_key(|s| s.id);
    assert_eq!(back.sessions, sample.sessions);
    assert_eq!(back, sample);

    // The by_pupil index finds the pupil's enrolments.
    let pupil = sample.pupils[0].id;
    assert_eq!(
        db.enrolments_of_pupil(pupil).await.unwrap(),
        vec![sample.enrolments[0].id]
    );
    assert!(db
        .enrolments_of_pupil(uuid::Uuid::new_v4())
        .await
        .unwrap()
        .is_empty());

    // Meta round trips too.
    let mut meta = Meta::default();
    meta.backup_reminder_days = 30;
    meta.last_export_at = Some(support::now());
    db.put_meta(&meta).await.unwrap();
    assert_eq!(db.meta().await.unwrap(), meta);

    // A delete with its dependants is one edit.
    db.apply(&[
        Change::Delete(Kind::Enrolments, sample.enrolments[0].id),
        Change::Delete(Kind::Plans, sample.plans[0].id),
        Change::Delete(Kind::Pupils, pupil),
    ])
    .await
    .unwrap();
    let (_, after) = db
        .load(support::now())
        .await
        .unwrap()
        .sound()
        .expect("nothing set aside");
    assert!(after.pupils.is_empty() && after.enrolments.is_empty() && after.plans.is_empty());
    assert_eq!(after.provisions, sample.provisions);
    db.close();
}

#[wasm_bindgen_test]
async fn a_multi_record_edit_that_fails_part_way_leaves_nothing() {
    let name = unique_name("atomic");
    let db = Db::open(&name).await.unwrap();
    let sample = support::sample();
    let keep = sample.roles.clone();
    db.apply(&[Change::Put(Record::Role(keep[0].clone()))])
        .await
        .unwrap();

    // Eight puts; the fifth throws.
    break_put(5, "UnknownError").await;
    let result = db.apply(&puts(&sample)).await;
    restore_put().await;
    let err = result.unwrap_err();
    assert!(matches!(err, StoreError::Write(_)), "{err:?}");

    let (settings, back) = db
        .load(support::now())
        .await
        .unwrap()
        .sound()
        .expect("nothing set aside");
    assert!(
        settings.is_none(),
        "the settings put (first) was rolled back"
    );
    assert_eq!(
        back.roles, keep,
        "the role put (second) was rolled back to the old record"
    );
    assert!(back.members.is_empty() && back.pupils.is_empty() && back.interventions.is_empty());
    db.close();
}

#[wasm_bindgen_test]
async fn a_full_disk_says_so_and_changes_nothing() {
    let name = unique_name("quota");
    let db = Db::open(&name).await.unwrap();
    let sample = support::sample();
    db.apply(&[Change::Put(Record::Pupil(sample.pupils[0].clone()))])
        .await
        .unwrap();

    let mut edited = sample.pupils[0].clone();
    edited.given_name = "Changed".into();
    break_put(1, "QuotaExceededError").await;
    let result = db.apply(&[Change::Put(Record::Pupil(edited))]).await;
    restore_put().await;
    assert_eq!(result, Err(StoreError::Full));
    assert!(StoreError::Full
        .to_string()
        .contains("storage for the app is full"));
    let (_, back) = db
        .load(support::now())
        .await
        .unwrap()
        .sound()
        .expect("nothing set aside");
    assert_eq!(back.pupils, sample.pupils);
    db.close();
}

#[wasm_bindgen_test]
async fn a_write_to_a_closed_connection_fails_clearly_and_stores_nothing() {
    let name = unique_name("closed");
    let db = Db::open(&name).await.unwrap();
    let sample = support::sample();
    db.apply(&[Change::Put(Record::Pupil(sample.pupils[0].clone()))])
        .await
        .unwrap();
    let stale = db.clone();
    db.close();

    let err = stale
        .apply(&[Change::Delete(Kind::Pupils, sample.pupils[0].id)])
        .await
        .unwrap_err();
    assert_eq!(err, StoreError::Closed);
    assert!(err.to_string().starts_with("The change was not saved"));

    let db = Db::open(&name).await.unwrap();
    assert_eq!(
        db.load(support::now())
            .await
            .unwrap()
            .sound()
            .expect("nothing set aside")
            .1
            .pupils,
        sample.pupils
    );
    db.close();
}

/// Schema version 1 (the walking skeleton) had only a `pupils` store. Its
/// records, made by that version's code, are upgraded and read field by field.
#[wasm_bindgen_test]
async fn a_version_1_database_upgrades_and_keeps_every_pupil() {
    let name = unique_name("v1");
    let fixture = include_str!("fixtures/schema-v1-pupils.json");
    let arg = js_sys::Array::of2(&JsValue::from_str(&name), &JsValue::from_str(fixture));
    js(
        "const [name, json] = arg;
         return new Promise((resolve, reject) => {
           const r = indexedDB.open(name, 1);
           r.onupgradeneeded = () => r.result.createObjectStore('pupils', { keyPath: 'id' });
           r.onerror = () => reject(r.error);
           r.onsuccess = () => {
             const db = r.result;
             const tx = db.transaction('pupils', 'readwrite');
             for (const p of JSON.parse(json)) tx.objectStore('pupils').put(p);
             tx.oncomplete = () => { db.close(); resolve(); };
             tx.onerror = () => reject(tx.error);
           };
         });",
        &arg,
    )
    .await;

    let db = Db::open(&name).await.unwrap();
    assert_eq!(db.version(), SCHEMA_VERSION);
    assert_eq!(db.store_names().len(), 10);
    let (_, data) = db
        .load(support::now())
        .await
        .unwrap()
        .sound()
        .expect("nothing set aside");
    let expected: Vec<serde_json::Value> = serde_json::from_str(fixture).unwrap();
    assert_eq!(data.pupils.len(), expected.len());
    for v1 in &expected {
        let id: uuid::Uuid = v1["id"].as_str().unwrap().parse().unwrap();
        let p: &Pupil = data.pupils.iter().find(|p| p.id == id).expect("pupil kept");
        assert_eq!(p.given_name, v1["given_name"].as_str().unwrap());
        assert_eq!(p.family_name, v1["family_name"].as_str().unwrap());
        assert_eq!(p.year_group.code(), v1["year_group"].as_str().unwrap());
        assert_eq!(p.created_at.to_string(), v1["created_at"].as_str().unwrap());
        assert_eq!(p.updated_at.to_string(), v1["updated_at"].as_str().unwrap());
        // Fields added in version 2 take their defaults.
        assert_eq!(p.upn, None);
        assert_eq!(p.sen_status, waymark::domain::needs::SenStatus::None);
        assert!(p.primary_need.is_none() && p.ehcp.is_none() && p.left_on.is_none());
        // The field added in version 3 too.
        assert!(p.year_group_history.is_empty());
        assert!(p.validate().is_empty(), "{:?}", p.validate());
    }
    let zoe = data.pupils.iter().find(|p| p.given_name == "Zoë").unwrap();
    assert_eq!(
        (zoe.family_name.as_str(), zoe.year_group),
        ("Brontë", YearGroup::Nursery)
    );

    // The upgraded database takes new kinds of record.
    let sample = support::sample();
    db.apply(&puts(&sample)).await.unwrap();
    let (_, data) = db
        .load(support::now())
        .await
        .unwrap()
        .sound()
        .expect("nothing set aside");
    assert_eq!(data.pupils.len(), expected.len() + 1);
    assert_eq!(data.provisions, sample.provisions);
    db.close();
}

/// Schema version 2: every kind of record, as version 2 lays out and stores
/// them (the layout below is frozen here, apart from the upgrade code, so
/// this test keeps checking version-2 databases after later versions).
#[wasm_bindgen_test]
async fn a_version_2_database_reads_back_every_record() {
    let name = unique_name("v2");
    let fixture = include_str!("fixtures/schema-v2-dataset.json");
    lay_out(&name, 2, fixture).await;
    // What this version reads: the fixture with version 3's and 4's fields
    // as the upgrades give them (checked one by one below).
    let mut upgraded: serde_json::Value = serde_json::from_str(fixture).unwrap();
    waymark::exchange::upgrade::dataset_v3(&mut upgraded);
    waymark::exchange::upgrade::dataset_v4(&mut upgraded);
    waymark::exchange::upgrade::dataset_v5(&mut upgraded);
    let expected: Dataset = serde_json::from_value(upgraded).unwrap();
    let db = Db::open(&name).await.unwrap();
    assert_eq!(db.version(), SCHEMA_VERSION);
    let (settings, data) = db
        .load(support::now())
        .await
        .unwrap()
        .sound()
        .expect("nothing set aside");
    assert_eq!(settings.as_ref(), Some(&expected.settings));
    assert_eq!(data.roles, expected.roles);
    assert_eq!(data.members, expected.members);
    assert_eq!(data.pupils, expected.pupils);
    assert_eq!(data.interventions, expected.interventions);
    assert_eq!(data.provisions, expected.provisions);
    assert_eq!(data.enrolments, expected.enrolments);
    assert_eq!(data.plans, expected.plans);
    assert!(data.sessions.is_empty());
    let pupil = expected.pupils[0].id;
    assert_eq!(
        db.enrolments_of_pupil(pupil).await.unwrap(),
        vec![expected.enrolments[0].id]
    );
    db.close();
}

/// A version-2 database upgraded to this version: every field of every
/// record as version 2 stored it, and version 3's and 4's fields as the
/// upgrades give them
/// (checked against the fixture's JSON, not against the upgrade's own code).
#[wasm_bindgen_test]
async fn a_version_2_database_upgrades_every_field() {
    use waymark::domain::quantity::Dec2;
    use waymark::domain::staff::RateBasis;
    let name = unique_name("v2-fields");
    let fixture = include_str!("fixtures/schema-v2-dataset.json");
    lay_out(&name, 2, fixture).await;
    let v2: serde_json::Value = serde_json::from_str(fixture).unwrap();
    let db = Db::open(&name).await.unwrap();
    assert_eq!(db.version(), SCHEMA_VERSION);
    let (settings, data) = db
        .load(support::now())
        .await
        .unwrap()
        .sound()
        .expect("nothing set aside");
    let settings = settings.expect("the settings were stored");
    // Every record, written back as JSON, is version 2's plus the new fields.
    let json = |x: &dyn erased::Json| x.value();
    let mut s = json(&settings);
    assert_eq!(s["pp_plus_agreed"], serde_json::json!([]));
    assert_eq!(s["min_weeks_to_judge"], serde_json::json!(4));
    assert_eq!(s["day_start"], serde_json::json!("08:45:00"));
    assert_eq!(s["day_end"], serde_json::json!("15:15:00"));
    assert_eq!(s["attendance_threshold"], serde_json::json!(80));
    // Version 5's: budgets by academic year, no scales or rate cards.
    assert_eq!(s["budget_year"], serde_json::json!("academic"));
    assert_eq!(s["budgets"][0]["year"], serde_json::json!("academic"));
    assert_eq!(s["pay_scales"], serde_json::json!([]));
    assert_eq!(s["rate_cards"], serde_json::json!([]));
    for f in [
        "pp_plus_agreed",
        "min_weeks_to_judge",
        "day_start",
        "day_end",
        "attendance_threshold",
        "budget_year",
        "pay_scales",
        "rate_cards",
    ] {
        s.as_object_mut().unwrap().remove(f);
    }
    for b in s["budgets"].as_array_mut().unwrap() {
        b.as_object_mut().unwrap().remove("year");
    }
    assert_eq!(s, v2["settings"]);
    assert!(settings.pp_plus_agreed.is_empty());
    assert_eq!(settings.min_weeks_to_judge, 4);
    let mut role = json(&data.roles[0]);
    assert_eq!(role["rate"]["contact_hours_per_week"], "32.5");
    role["rate"]
        .as_object_mut()
        .unwrap()
        .remove("contact_hours_per_week");
    // Version 5's: no pay awards, no scale point.
    assert_eq!(role["rate_changes"], serde_json::json!([]));
    assert_eq!(role["rate"]["scale"], serde_json::Value::Null);
    role.as_object_mut().unwrap().remove("rate_changes");
    role["rate"].as_object_mut().unwrap().remove("scale");
    assert_eq!(role, v2["roles"][0]);
    let RateBasis::Salary(basis) = &data.roles[0].rate else {
        panic!("the fixture's role is salary-based");
    };
    // Contact hours = contracted hours (32.5), so the rate has not moved:
    // £24,599.92 / (32.5 x 39 = 1,267.5) = £19.41.
    assert_eq!(basis.contact_hours_per_week, Dec2::hundredths(3250));
    assert_eq!(
        data.roles[0].hourly_display().map(|m| m.as_pence()),
        Some(1941)
    );
    let mut pupil = json(&data.pupils[0]);
    assert_eq!(pupil["year_group_history"], serde_json::json!({}));
    pupil.as_object_mut().unwrap().remove("year_group_history");
    assert_eq!(pupil, v2["pupils"][0]);
    assert!(data.pupils[0].year_group_history.is_empty());
    assert_eq!(json(&data.members[0]), v2["members"][0]);
    assert_eq!(json(&data.interventions[0]), v2["interventions"][0]);
    let mut provision = json(&data.provisions[0]);
    for slot in provision["slots"].as_array_mut().unwrap() {
        assert_eq!(slot["room"], "");
        slot.as_object_mut().unwrap().remove("room");
    }
    assert_eq!(provision, v2["provisions"][0]);
    assert_eq!(json(&data.enrolments[0]), v2["enrolments"][0]);
    assert_eq!(json(&data.plans[0]), v2["plans"][0]);
    assert!(data.sessions.is_empty());
    assert_eq!(data.validate(), vec![]);
    // Saved again, a role is stored in version 3's shape and reads the same.
    db.apply(&[Change::Put(Record::Role(data.roles[0].clone()))])
        .await
        .unwrap();
    assert_eq!(
        db.load(support::now())
            .await
            .unwrap()
            .sound()
            .expect("nothing set aside")
            .1
            .roles,
        data.roles
    );
    db.close();
}

/// Schema version 3: every kind of record, as version 3 lays out (the same
/// stores and indexes as version 2) and stores them, read back with
/// version 4's fields as the upgrade gives them.
#[wasm_bindgen_test]
async fn a_version_3_database_reads_back_every_record() {
    let name = unique_name("v3");
    let fixture = include_str!("fixtures/schema-v3-dataset.json");
    lay_out(&name, 3, fixture).await;
    let mut upgraded: serde_json::Value = serde_json::from_str(fixture).unwrap();
    waymark::exchange::upgrade::dataset_v4(&mut upgraded);
    waymark::exchange::upgrade::dataset_v5(&mut upgraded);
    let expected: Dataset = serde_json::from_value(upgraded).unwrap();
    let db = Db::open(&name).await.unwrap();
    assert_eq!(db.version(), SCHEMA_VERSION);
    let (settings, data) = db
        .load(support::now())
        .await
        .unwrap()
        .sound()
        .expect("nothing set aside");
    assert_eq!(settings.as_ref(), Some(&expected.settings));
    assert_eq!(data, expected);
    assert!(!data.settings.pp_plus_agreed.is_empty());
    assert!(!data.pupils[0].year_group_history.is_empty());
    assert_eq!(data.provisions[0].slots[0].room, "");
    assert_eq!(data.settings.attendance_threshold, 80);
    db.close();
}

/// Schema version 4: every kind of record, sessions included, as version 4
/// lays out (version 3's stores and `sessions` with index `by_provision`)
/// and stores them, read back with version 5's fields as the upgrade gives
/// them.
#[wasm_bindgen_test]
async fn a_version_4_database_reads_back_every_record() {
    let name = unique_name("v4");
    let fixture = include_str!("fixtures/schema-v4-dataset.json");
    lay_out(&name, 4, fixture).await;
    let mut upgraded: serde_json::Value = serde_json::from_str(fixture).unwrap();
    waymark::exchange::upgrade::dataset_v5(&mut upgraded);
    let expected: Dataset = serde_json::from_value(upgraded).unwrap();
    let db = Db::open(&name).await.unwrap();
    assert_eq!(db.version(), SCHEMA_VERSION);
    let (settings, data) = db
        .load(support::now())
        .await
        .unwrap()
        .sound()
        .expect("nothing set aside");
    assert_eq!(settings.as_ref(), Some(&expected.settings));
    assert_eq!(data, expected);
    assert!(!data.sessions.is_empty());
    assert_eq!(data.provisions[0].slots[0].room, "Library");
    // Version 5's fields, checked against the fixture's JSON rather than
    // the upgrade's code: the budget of £42,000 (4,200,000p) is kept, for
    // the academic year; no scales, cards or pay awards.
    use waymark::domain::settings::BudgetYear;
    assert_eq!(data.settings.budget_year, BudgetYear::Academic);
    assert_eq!(data.settings.budgets[0].year, BudgetYear::Academic);
    assert_eq!(data.settings.budgets[0].amount.as_pence(), 4_200_000);
    assert!(data.settings.pay_scales.is_empty() && data.settings.rate_cards.is_empty());
    assert!(data.roles.iter().all(|r| r.rate_changes.is_empty()));
    db.close();
}

/// Schema version 5: every kind of record, pay scales, rate cards, pay
/// awards and a financial year's budget included, as version 5 lays out
/// (version 4's stores: it added none) and stores them, read back
/// unchanged.
#[wasm_bindgen_test]
async fn a_version_5_database_reads_back_every_record() {
    let name = unique_name("v5");
    let fixture = include_str!("fixtures/schema-v5-dataset.json");
    lay_out(&name, 5, fixture).await;
    let mut expected: Dataset = serde_json::from_str(fixture).unwrap();
    // The store gives records back in the order of their keys (ids).
    let mut sessions = expected.sessions.clone().into_rows();
    sessions.sort_by_key(|s| s.id);
    expected.sessions = sessions.into();
    let db = Db::open(&name).await.unwrap();
    assert_eq!(db.version(), SCHEMA_VERSION);
    let (settings, data) = db
        .load(support::now())
        .await
        .unwrap()
        .sound()
        .expect("nothing set aside");
    assert_eq!(settings.as_ref(), Some(&expected.settings));
    assert_eq!(data, expected);
    assert_eq!(data.settings.rate_cards.len(), 1);
    assert_eq!(data.settings.pay_scales[0].versions.len(), 2);
    assert_eq!(data.roles[0].rate_changes.len(), 1);
    db.close();
}

/// Serialise any record to a JSON value (for the field-by-field checks).
mod erased {
    pub trait Json {
        fn value(&self) -> serde_json::Value;
    }
    impl<T: serde::Serialize> Json for T {
        fn value(&self) -> serde_json::Value {
            serde_json::to_value(self).unwrap()
        }
    }
}

/// A database called `name` at `version` (2 or 3: the same stores and
/// indexes; 4 and 5: those and `sessions`), laid out as those versions do (frozen
/// here, apart from the upgrade code) and filled with the fixture's records.
async fn lay_out(name: &str, version: u32, fixture: &str) {
    let arg = js_sys::Array::of3(
        &JsValue::from_str(name),
        &JsValue::from_str(fixture),
        &JsValue::from(version),
    );
    js(
        "const [name, json, version] = arg;
         const data = JSON.parse(json);
         return new Promise((resolve, reject) => {
           const r = indexedDB.open(name, version);
           r.onupgradeneeded = () => {
             const db = r.result;
             for (const s of ['settings', 'roles', 'members', 'pupils', 'interventions', 'provisions', 'plans'])
               db.createObjectStore(s, { keyPath: 'id' });
             const e = db.createObjectStore('enrolments', { keyPath: 'id' });
             e.createIndex('by_pupil', 'pupil_id');
             e.createIndex('by_provision', 'provision_id');
             r.transaction.objectStore('plans').createIndex('by_pupil', 'pupil_id');
             db.createObjectStore('meta', { keyPath: 'key' });
             if (version >= 4)
               db.createObjectStore('sessions', { keyPath: 'id' }).createIndex('by_provision', 'provision_id');
           };
           r.onerror = () => reject(r.error);
           r.onsuccess = () => {
             const db = r.result;
             const stores = ['settings', 'roles', 'members', 'pupils', 'interventions', 'provisions', 'enrolments', 'plans'].concat(version >= 4 ? ['sessions'] : []);
             const tx = db.transaction(stores, 'readwrite');
             tx.objectStore('settings').put(data.settings);
             for (const s of stores.slice(1)) for (const rec of data[s]) tx.objectStore(s).put(rec);
             tx.oncomplete = () => { db.close(); resolve(); };
             tx.onerror = () => reject(tx.error);
           };
         });",
        &arg,
    )
    .await;
}

#[wasm_bindgen_test]
async fn an_import_is_saved_with_its_backup_or_not_at_all() {
    use waymark::store::ImportBackup;
    let name = unique_name("import");
    let db = Db::open(&name).await.unwrap();
    assert_eq!(db.import_backup().await.unwrap(), None);
    let sample = support::sample();
    let backup = ImportBackup::new(support::now(), "before x.json".into(), "{\"doc\":1}".into());
    // The last put (the backup's) fails: neither the records nor the backup stay.
    let n = u32::try_from(puts(&sample).len()).unwrap() + 1;
    break_put(n, "QuotaExceededError").await;
    let result = db.apply_with_backup(&puts(&sample), Some(&backup)).await;
    restore_put().await;
    assert!(matches!(result, Err(StoreError::Full)), "{result:?}");
    let (_, back) = db
        .load(support::now())
        .await
        .unwrap()
        .sound()
        .expect("nothing set aside");
    assert!(back.pupils.is_empty());
    assert_eq!(db.import_backup().await.unwrap(), None);

    db.apply_with_backup(&puts(&sample), Some(&backup))
        .await
        .unwrap();
    let (_, back) = db
        .load(support::now())
        .await
        .unwrap()
        .sound()
        .expect("nothing set aside");
    assert_eq!(back.pupils, sample.pupils);
    assert_eq!(db.import_backup().await.unwrap(), Some(backup.clone()));

    // Five more: the newest five are kept, newest first; one can be deleted.
    let mut later = Vec::new();
    for day in 1..=5 {
        let at = support::now() + jiff::SignedDuration::from_hours(24 * day);
        let b = ImportBackup::new(at, format!("import {day}"), "{}".into());
        db.apply_with_backup(&[], Some(&b)).await.unwrap();
        later.push(b);
    }
    later.reverse();
    assert_eq!(db.backups().await.unwrap(), later, "the first is gone");
    db.delete_backup(later[2].key()).await.unwrap();
    let left: Vec<String> = db
        .backups()
        .await
        .unwrap()
        .iter()
        .map(|b| b.before.clone())
        .collect();
    assert_eq!(left, ["import 5", "import 4", "import 2", "import 1"]);
    db.close();
}
