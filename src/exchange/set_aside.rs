//! Stored records the app cannot use, set aside as it opens rather than
//! stopping it: a record that no longer reads (its shape is wrong) or that
//! breaks its own rules (a figure out of range, a name with an invisible
//! character) is kept where it is stored, left out of the data the views
//! compute with, and listed in Settings with its problem, to be exported,
//! fixed or deleted. The rest of the data opens as usual.
//!
//! Reading stays as fast as before for sound data: a kind's records are read
//! in one pass, then each checked; only a kind with a record that does not
//! read at all is read again record by record.

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::domain::edit::{Kept, Kind, Record};

/// One stored record set aside.
#[derive(Debug, Clone, PartialEq)]
pub struct SetAside {
    pub kind: Kind,
    /// The record's id as stored (text: it may not even be a valid id).
    pub id: Option<String>,
    /// A few words that say which record it is ("Pupil Zoë O'Brien").
    pub describe: String,
    /// Why it was set aside.
    pub problems: Vec<String>,
    /// The record exactly as stored.
    pub record: Value,
}

impl SetAside {
    fn of(kind: Kind, record: Value, describe: String, problems: Vec<String>) -> SetAside {
        SetAside {
            kind,
            id: record.get("id").and_then(Value::as_str).map(str::to_owned),
            describe,
            problems,
            record,
        }
    }
}

impl SetAside {
    /// The record's id and `updated_at` as stored, where both read: the
    /// version a correction replaces.
    pub fn stored_version(&self) -> Option<(uuid::Uuid, jiff::Timestamp)> {
        let id = self.id.as_deref()?.parse().ok()?;
        let at = self.record.get("updated_at")?.as_str()?.parse().ok()?;
        Some((id, at))
    }
}

/// What a record that does not read says of itself: its kind and the name
/// fields it has.
fn describe_raw(kind: Kind, record: &Value) -> String {
    let text = |k: &str| record.get(k).and_then(Value::as_str).unwrap_or("").trim();
    let name = [
        text("given_name"),
        text("family_name"),
        text("name"),
        text("school_name"),
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join(" ");
    let what = kind.label();
    if name.is_empty() {
        what.to_owned()
    } else {
        format!("{what} {name}")
    }
}

/// The records of one kind in `text` (a JSON array, as stored), sorted into
/// those the app can use and those set aside. `Err` only if `text` is not a
/// JSON array at all.
pub fn sort<T: Kept + DeserializeOwned + serde::Serialize>(
    kind: Kind,
    text: &str,
) -> Result<(Vec<T>, Vec<SetAside>), String> {
    let (records, mut set_aside) = match super::json::read::<Vec<T>>(text) {
        Ok(all) => (all, Vec::new()),
        Err(_) => {
            let values: Vec<Value> =
                serde_json::from_str(text).map_err(|e| format!("{}: {e}", kind.store()))?;
            let mut good = Vec::with_capacity(values.len());
            let mut bad = Vec::new();
            for v in values {
                // Read from text, as the fast path reads: one deserialiser
                // per kind in the wasm, not a second one for JSON values.
                match super::json::read::<T>(&v.to_string()).map_err(|e| e.message) {
                    Ok(r) => good.push(r),
                    Err(e) => {
                        let d = describe_raw(kind, &v);
                        bad.push(SetAside::of(
                            kind,
                            v,
                            d,
                            vec![format!("It does not read: {e}.")],
                        ));
                    }
                }
            }
            (good, bad)
        }
    };
    let mut good = Vec::with_capacity(records.len());
    for r in records {
        let problems = r.problems();
        if problems.is_empty() {
            good.push(r);
        } else {
            let value = serde_json::from_str(&super::json::write(&r)).unwrap_or(Value::Null);
            set_aside.push(SetAside::of(kind, value, r.describe(), problems));
        }
    }
    Ok((good, set_aside))
}

/// A set-aside record as the user corrected it (JSON text), as a record the
/// app can use: every problem if it still does not read or breaks its rules.
pub fn repair(kind: Kind, text: &str) -> Result<Record, Vec<String>> {
    fn typed<T: Kept + DeserializeOwned>(text: &str) -> Result<Record, Vec<String>> {
        let r: T = super::json::read(text)
            .map_err(|e| vec![format!("It does not read{}: {}", e.path, e.message)])?;
        let problems = r.problems();
        if problems.is_empty() {
            Ok(r.wrap())
        } else {
            Err(problems)
        }
    }
    use crate::domain::{plan, provision, pupil, session, settings, staff};
    match kind {
        Kind::Settings => typed::<settings::SchoolSettings>(text),
        Kind::Roles => typed::<staff::StaffRole>(text),
        Kind::Members => typed::<staff::StaffMember>(text),
        Kind::Pupils => typed::<pupil::Pupil>(text),
        Kind::Interventions => typed::<provision::Intervention>(text),
        Kind::Provisions => typed::<provision::Provision>(text),
        Kind::Enrolments => typed::<provision::Enrolment>(text),
        Kind::Plans => typed::<plan::SupportPlan>(text),
        Kind::Sessions => typed::<session::SessionRecord>(text),
    }
}

/// The command that puts a corrected record back in use: one edit that
/// saves it (undoable like any other), or every problem it still has.
pub fn restore(
    data: &crate::domain::dataset::Dataset,
    kind: Kind,
    text: &str,
    describe: &str,
) -> Result<crate::domain::edit::Edit, Vec<String>> {
    let record = repair(kind, text)?;
    Ok(crate::domain::edit::Edit::new(
        data,
        format!("Correct {describe}"),
        vec![crate::domain::edit::Change::Put(record)],
    ))
}

/// The records set aside as one file to keep or send for help: each with
/// its kind, its problems and the record exactly as stored.
pub fn export(records: &[SetAside]) -> String {
    let list: Vec<Value> = records
        .iter()
        .map(|r| {
            serde_json::json!({
                "kind": r.kind.store(),
                "describe": r.describe,
                "problems": r.problems,
                "record": r.record,
            })
        })
        .collect();
    serde_json::to_string_pretty(&list).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::pupil::{Pupil, PupilDraft};

    fn pupil(given: &str) -> Value {
        let now = "2026-09-01T08:00:00Z".parse().unwrap();
        serde_json::to_value(Pupil::create(&PupilDraft::new(given, "Example", "Y3"), now).unwrap())
            .unwrap()
    }

    #[test]
    fn a_record_that_breaks_its_rules_or_does_not_read_is_set_aside_and_the_rest_kept() {
        let good = pupil("Ada");
        // Breaks its own rules: a year group the app does not have.
        let mut out_of_range = pupil("Bea");
        out_of_range["year_group"] = Value::from("Y99");
        // Does not read: a number where a name goes.
        let mut unreadable = pupil("Cat");
        unreadable["given_name"] = Value::from(7);
        // A blank name reads but breaks the rules.
        let mut blank = pupil("Dee");
        blank["given_name"] = Value::from(" ");
        let text =
            serde_json::to_string(&vec![good.clone(), out_of_range, unreadable, blank]).unwrap();
        let (kept, aside) = sort::<Pupil>(Kind::Pupils, &text).unwrap();
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].given_name, "Ada");
        assert_eq!(aside.len(), 3);
        // Each names itself as well as it can, and says why. Y99 and the
        // number do not read (the given name of the second is not text, so
        // only the family name names it); the blank name reads but breaks
        // the rules.
        assert_eq!(aside[0].describe, "Pupil Bea Example");
        assert!(
            aside[0].problems[0].starts_with("It does not read:"),
            "{:?}",
            aside[0].problems
        );
        assert_eq!(aside[1].describe, "Pupil Example");
        assert_eq!(aside[2].problems, ["Given name: Enter a given name."]);
        // Kept exactly as stored, with its id.
        assert_eq!(aside[1].record["given_name"], Value::from(7));
        assert_eq!(aside[1].id.as_deref(), aside[1].record["id"].as_str());
        // The version a correction replaces: the id and time as stored.
        let (id, at) = aside[2].stored_version().unwrap();
        assert_eq!(Some(id.to_string()), aside[2].id);
        assert_eq!(
            Some(at.to_string()),
            aside[2].record["updated_at"].as_str().map(str::to_owned)
        );
        // Fixed by hand: a record the app can use again, or what is still
        // wrong with it.
        let mut fixed = aside[2].record.clone();
        assert_eq!(
            repair(Kind::Pupils, &fixed.to_string()).unwrap_err(),
            ["Given name: Enter a given name."]
        );
        fixed["given_name"] = Value::from("Dee");
        match repair(Kind::Pupils, &fixed.to_string()) {
            Ok(Record::Pupil(p)) => assert_eq!(p.given_name, "Dee"),
            other => panic!("{other:?}"),
        }
        let data =
            crate::domain::dataset::Dataset::empty(crate::domain::settings::SchoolSettings::new(
                "S",
                2025,
                "2025-09-01T00:00:00Z".parse().unwrap(),
            ));
        let e = restore(&data, Kind::Pupils, &fixed.to_string(), "Pupil Dee Example").unwrap();
        assert_eq!(e.label, "Correct Pupil Dee Example");
        assert_eq!(e.forward.len(), 1);
        assert!(repair(Kind::Pupils, "{").unwrap_err()[0].starts_with("It does not read"));
        let file: Value = serde_json::from_str(&export(&aside)).unwrap();
        assert_eq!(file[1]["kind"], "pupils");
        assert_eq!(file[1]["record"]["given_name"], Value::from(7));
        // Sound data reads in one pass and sets nothing aside.
        let text = serde_json::to_string(&vec![good]).unwrap();
        let (kept, aside) = sort::<Pupil>(Kind::Pupils, &text).unwrap();
        assert_eq!((kept.len(), aside.len()), (1, 0));
        // Not an array at all: an error naming the store.
        assert!(sort::<Pupil>(Kind::Pupils, "{}")
            .unwrap_err()
            .starts_with("pupils:"));
    }
}
