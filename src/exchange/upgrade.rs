//! Records and documents written by earlier versions, brought up to this
//! one as JSON before they are read as typed records: one set of steps for
//! export files ([`super::Document::from_json`]) and for records stored by
//! an earlier schema version (`crate::store`), so the two cannot disagree.
//!
//! Format version 3 (and schema version 3) added:
//! - `contact_hours_per_week` to a salary-based role's rate: the hours a
//!   week spent with pupils, which the hourly rate divides by. A role from
//!   before takes its contracted hours, so its rate (and every cost made
//!   with it) stays what it was until the SENCO enters the real figure;
//! - `year_group_history` to a pupil (the year group of each academic year
//!   left at a rollover): none was kept before, so it starts empty;
//! - `pp_plus_agreed` to the settings (PP+ agreed with the virtual school,
//!   by academic year): none was recorded before, so it starts empty;
//! - `min_weeks_to_judge` to the settings (weeks between entry and exit
//!   before a gain is judged): 4, the rule before it was a setting.
//!
//! Format version 4 (and schema version 4) added:
//! - `day_start` and `day_end` to the settings (the school day, which
//!   timetabled sessions are checked against): 08:45 and 15:15;
//! - `attendance_threshold` to the settings (the share of delivered
//!   sessions, per cent, below which a pupil's gain is marked): 80;
//! - `room` to each of a provision's timetable slots: none was kept, so
//!   it is blank;
//! - `sessions` to the dataset (sessions recorded on the register, their
//!   own object store): none were kept, so it starts empty. A place's
//!   `attendance` typed by hand before is kept as it is, and counts where
//!   no session of the provision was recorded while the pupil had the place
//!   (see `crate::domain::attendance`).
//!
//! Format version 5 (and schema version 5) added:
//! - `budget_year` to the settings (the year the school budgets by):
//!   `academic`, the only year budgets were kept by before;
//! - `year` to each of the settings' budgets: `academic`, for the same
//!   reason, so every budget keeps its amount and its year;
//! - `pay_scales` and `rate_cards` to the settings: none were kept, so both
//!   start empty;
//! - `rate_changes` to a staff role (pay awards from a date on): none, so
//!   the role's one rate applies on every day, as it did;
//! - `scale` to a salary-based role's rate (a pay scale point to take the
//!   salary from): none, so the salary typed in stays the salary.
//!
//! Each step only adds what is missing and never changes a value that is
//! there, so it is safe to apply to a record that is already current.

use serde_json::{Map, Value};

/// A staff role's JSON brought to version 3: a salary basis without
/// contact hours takes its contracted hours.
pub fn role_v3(role: &mut Value) {
    let Some(rate) = role.get_mut("rate").and_then(Value::as_object_mut) else {
        return;
    };
    if rate.get("basis").and_then(Value::as_str) != Some("salary") {
        return;
    }
    if let Some(contracted) = rate.get("contracted_hours_per_week").cloned() {
        rate.entry("contact_hours_per_week").or_insert(contracted);
    }
}

/// A pupil's JSON brought to version 3: no year-group history.
pub fn pupil_v3(pupil: &mut Value) {
    if let Some(o) = pupil.as_object_mut() {
        o.entry("year_group_history")
            .or_insert_with(|| Value::Object(Map::new()));
    }
}

/// The settings' JSON brought to version 3: no PP+ agreed with the
/// virtual school; 4 weeks before a gain is judged (the rule before it was
/// a setting).
pub fn settings_v3(settings: &mut Value) {
    if let Some(o) = settings.as_object_mut() {
        o.entry("pp_plus_agreed")
            .or_insert_with(|| Value::Array(Vec::new()));
        o.entry("min_weeks_to_judge")
            .or_insert_with(|| Value::from(4));
    }
}

/// A dataset's JSON (a document's `data`) of format version 1 or 2 brought
/// to version 3, record by record.
pub fn dataset_v3(data: &mut Value) {
    let Some(o) = data.as_object_mut() else {
        return;
    };
    if let Some(s) = o.get_mut("settings") {
        settings_v3(s);
    }
    let each = |o: &mut Map<String, Value>, key: &str, step: fn(&mut Value)| {
        if let Some(records) = o.get_mut(key).and_then(Value::as_array_mut) {
            records.iter_mut().for_each(step);
        }
    };
    each(o, "roles", role_v3);
    each(o, "pupils", pupil_v3);
}

/// The settings' JSON brought to version 4: the usual school day (08:45
/// to 15:15) and an attendance threshold of 80%.
pub fn settings_v4(settings: &mut Value) {
    if let Some(o) = settings.as_object_mut() {
        o.entry("day_start")
            .or_insert_with(|| Value::from("08:45:00"));
        o.entry("day_end")
            .or_insert_with(|| Value::from("15:15:00"));
        o.entry("attendance_threshold")
            .or_insert_with(|| Value::from(80));
    }
}

/// A provision's JSON brought to version 4: its slots have no room.
pub fn provision_v4(provision: &mut Value) {
    let Some(slots) = provision.get_mut("slots").and_then(Value::as_array_mut) else {
        return;
    };
    for slot in slots.iter_mut().filter_map(Value::as_object_mut) {
        slot.entry("room").or_insert_with(|| Value::from(""));
    }
}

/// A dataset's JSON (a document's `data`) of format version 3 brought to
/// version 4: the settings and provisions step by step, and no sessions
/// recorded.
pub fn dataset_v4(data: &mut Value) {
    let Some(o) = data.as_object_mut() else {
        return;
    };
    if let Some(s) = o.get_mut("settings") {
        settings_v4(s);
    }
    if let Some(records) = o.get_mut("provisions").and_then(Value::as_array_mut) {
        records.iter_mut().for_each(provision_v4);
    }
    o.entry("sessions")
        .or_insert_with(|| Value::Array(Vec::new()));
}

/// The settings' JSON brought to version 5: budgets by academic year (as
/// every budget before was), each budget marked so, and no pay scales or
/// rate cards.
pub fn settings_v5(settings: &mut Value) {
    let Some(o) = settings.as_object_mut() else {
        return;
    };
    o.entry("budget_year")
        .or_insert_with(|| Value::from("academic"));
    o.entry("pay_scales")
        .or_insert_with(|| Value::Array(Vec::new()));
    o.entry("rate_cards")
        .or_insert_with(|| Value::Array(Vec::new()));
    if let Some(budgets) = o.get_mut("budgets").and_then(Value::as_array_mut) {
        for b in budgets.iter_mut().filter_map(Value::as_object_mut) {
            b.entry("year").or_insert_with(|| Value::from("academic"));
        }
    }
}

/// A staff role's JSON brought to version 5: no rate changes, and a
/// salary-based rate takes no pay scale point.
pub fn role_v5(role: &mut Value) {
    let Some(o) = role.as_object_mut() else {
        return;
    };
    if !o.contains_key("rate") {
        return;
    }
    o.entry("rate_changes")
        .or_insert_with(|| Value::Array(Vec::new()));
    if let Some(rate) = o.get_mut("rate").and_then(Value::as_object_mut) {
        if rate.get("basis").and_then(Value::as_str) == Some("salary") {
            rate.entry("scale").or_insert(Value::Null);
        }
    }
}

/// A dataset's JSON (a document's `data`) of format version 4 brought to
/// version 5: the settings and roles step by step.
pub fn dataset_v5(data: &mut Value) {
    let Some(o) = data.as_object_mut() else {
        return;
    };
    if let Some(s) = o.get_mut("settings") {
        settings_v5(s);
    }
    if let Some(records) = o.get_mut("roles").and_then(Value::as_array_mut) {
        records.iter_mut().for_each(role_v5);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_salary_role_takes_its_contracted_hours_as_contact_hours() {
        let mut v = json!({"id": "x", "rate": {"basis": "salary", "contracted_hours_per_week": "32.5", "fte_hours_per_week": "37"}});
        role_v3(&mut v);
        assert_eq!(v["rate"]["contact_hours_per_week"], json!("32.5"));
        // Already current: kept as it is.
        let mut current = json!({"rate": {"basis": "salary", "contracted_hours_per_week": "32.5", "contact_hours_per_week": "25"}});
        role_v3(&mut current);
        assert_eq!(current["rate"]["contact_hours_per_week"], json!("25"));
        // Other bases, and what is not a role, are left alone.
        for mut other in [
            json!({"rate": {"basis": "typed", "hourly": 1850}}),
            json!({"rate": {"basis": "la_weekly_hour", "per_weekly_hour": 65000, "weeks": "38"}}),
            json!({"rate": "salary"}),
            json!([1, 2]),
            json!({"rate": {"basis": "salary"}}),
        ] {
            let before = other.clone();
            role_v3(&mut other);
            assert_eq!(other, before);
        }
    }

    #[test]
    fn pupils_and_settings_gain_empty_histories_and_agreements() {
        let mut data = json!({
            "settings": {"id": "s"},
            "pupils": [{"id": "a"}, {"id": "b", "year_group_history": {"2024": "Y3"}}],
            "roles": [{"rate": {"basis": "salary", "contracted_hours_per_week": "30"}}]
        });
        dataset_v3(&mut data);
        assert_eq!(data["settings"]["pp_plus_agreed"], json!([]));
        assert_eq!(data["settings"]["min_weeks_to_judge"], json!(4));
        assert_eq!(data["pupils"][0]["year_group_history"], json!({}));
        assert_eq!(
            data["pupils"][1]["year_group_history"],
            json!({"2024": "Y3"})
        );
        assert_eq!(
            data["roles"][0]["rate"]["contact_hours_per_week"],
            json!("30")
        );
        // Not a dataset: nothing to do, and no panic.
        for mut v in [
            json!(null),
            json!("text"),
            json!({"pupils": 3, "roles": {}}),
        ] {
            let before = v.clone();
            dataset_v3(&mut v);
            assert_eq!(v, before);
        }
    }

    #[test]
    fn version_4_adds_the_school_day_the_threshold_rooms_and_no_sessions() {
        let mut data = json!({
            "settings": {"id": "s"},
            "provisions": [
                {"id": "p", "slots": [{"day": "monday", "start": "09:00:00"}, {"day": "friday", "start": "13:00:00", "room": "Hall"}]},
                {"id": "q"}
            ]
        });
        dataset_v4(&mut data);
        assert_eq!(data["settings"]["day_start"], json!("08:45:00"));
        assert_eq!(data["settings"]["day_end"], json!("15:15:00"));
        assert_eq!(data["settings"]["attendance_threshold"], json!(80));
        assert_eq!(data["provisions"][0]["slots"][0]["room"], json!(""));
        assert_eq!(data["provisions"][0]["slots"][1]["room"], json!("Hall"));
        assert_eq!(data["provisions"][1], json!({"id": "q"}));
        assert_eq!(data["sessions"], json!([]));
        // Already current: kept as it is.
        let mut current = json!({"settings": {"day_start": "09:00:00", "day_end": "15:30:00", "attendance_threshold": 90}, "sessions": [{"id": "x"}]});
        let before = current.clone();
        dataset_v4(&mut current);
        assert_eq!(current, before);
        for mut v in [json!(null), json!([1]), json!({"provisions": {"slots": 1}})] {
            let before = v.clone();
            dataset_v4(&mut v);
            if before.is_object() {
                // Only the empty list of sessions is added.
                assert_eq!(v["sessions"], json!([]));
            } else {
                assert_eq!(v, before);
            }
        }
    }

    #[test]
    fn version_5_budgets_by_academic_year_with_no_scales_cards_or_awards() {
        let mut data = json!({
            "settings": {
                "id": "s",
                "budgets": [
                    {"start_year": 2025, "source": "notional_sen", "amount": 4200000},
                    {"start_year": 2026, "year": "financial", "source": "pupil_premium", "amount": 1}
                ]
            },
            "roles": [
                {"id": "a", "rate": {"basis": "salary", "contracted_hours_per_week": "30"}},
                {"id": "b", "rate": {"basis": "typed", "hourly": 1850}},
                {"id": "c", "rate": {"basis": "salary", "scale": {"scale_id": "x", "point": "3"}},
                 "rate_changes": [{"from": "2026-04-01", "rate": {"basis": "typed", "hourly": 1900}}]}
            ]
        });
        dataset_v5(&mut data);
        let s = &data["settings"];
        assert_eq!(s["budget_year"], json!("academic"));
        assert_eq!(s["pay_scales"], json!([]));
        assert_eq!(s["rate_cards"], json!([]));
        assert_eq!(s["budgets"][0]["year"], json!("academic"));
        assert_eq!(s["budgets"][0]["amount"], json!(4200000));
        // Already current: kept as it is.
        assert_eq!(s["budgets"][1]["year"], json!("financial"));
        assert_eq!(data["roles"][0]["rate_changes"], json!([]));
        assert_eq!(data["roles"][0]["rate"]["scale"], json!(null));
        assert_eq!(data["roles"][1]["rate_changes"], json!([]));
        assert!(data["roles"][1]["rate"].get("scale").is_none());
        assert_eq!(
            data["roles"][2]["rate"]["scale"],
            json!({"scale_id": "x", "point": "3"})
        );
        assert_eq!(
            data["roles"][2]["rate_changes"][0]["from"],
            json!("2026-04-01")
        );
        // Not a dataset, or odd shapes: nothing to do, and no panic.
        for mut v in [
            json!(null),
            json!({"settings": 3, "roles": "x"}),
            json!({"settings": {"budgets": [1, "a"]}, "roles": [1, {"rate": 2}]}),
        ] {
            dataset_v5(&mut v);
        }
    }
}
