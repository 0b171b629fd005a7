//! Sharing: parts of a school, pseudonymised exports, import plans, and the
//! round trip and the parser over random input.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use proptest::prelude::*;
use uuid::Uuid;
use waymark::domain::calendar::TermName;
use waymark::domain::dataset::Dataset;
use waymark::domain::edit::Kind;
use waymark::domain::pupil::{Pupil, PupilDraft};
use waymark::exchange::merge::{looks_pseudonymised, plan_import, plan_restore, Mode};
use waymark::exchange::scope::{
    extract, pseudonymise, references, Matcher, Scope, PUPIL_FIELDS_KEPT, RULES,
};
use waymark::exchange::{Document, ImportError};

fn now() -> jiff::Timestamp {
    "2026-11-22T10:00:00Z".parse().unwrap()
}

/// A file of the whole school holding `data`, exported `now()`.
fn file(data: &Dataset) -> Document {
    Document::new(data.clone(), now())
}

/// A file of `scope` holding `data` as it is (not extracted again).
fn file_of(data: &Dataset, scope: Scope, pseudonymised: bool) -> Document {
    Document {
        scope,
        pseudonymised,
        ..file(data)
    }
}

/// The sample school plus a second pupil in no provision, and a second provision in spring.
fn school() -> Dataset {
    let mut d = support::sample();
    let other = Pupil::create(&PupilDraft::new("Ravi", "Shah", "Y2"), support::now()).unwrap();
    d.pupils.push(other);
    let mut spring = d.provisions[0].clone();
    spring.id = Uuid::new_v4();
    spring.name = "Spring group".into();
    spring.intervention_id = None;
    spring.start = jiff::civil::date(2026, 1, 12);
    spring.end = jiff::civil::date(2026, 3, 20);
    d.provisions.push(spring);
    d
}

#[test]
fn each_scope_holds_its_records_and_what_they_refer_to() {
    let d = school();
    let zoe = d.pupils[0].id;
    let part = extract(&d, Scope::Pupil { id: zoe });
    assert_eq!(part.pupils.len(), 1);
    assert_eq!(
        (
            part.enrolments.len(),
            part.plans.len(),
            part.provisions.len()
        ),
        (1, 1, 1)
    );
    assert_eq!(
        (
            part.roles.len(),
            part.members.len(),
            part.interventions.len()
        ),
        (1, 1, 1)
    );
    assert!(part.validate().is_empty(), "{:?}", part.validate());

    let spring = d.provisions[1].id;
    let part = extract(&d, Scope::Provision { id: spring });
    assert_eq!(
        (
            part.provisions.len(),
            part.pupils.len(),
            part.interventions.len()
        ),
        (1, 0, 0)
    );
    assert!(part.validate().is_empty());

    let autumn = extract(
        &d,
        Scope::Term {
            start_year: 2025,
            term: TermName::Autumn,
        },
    );
    assert_eq!(
        autumn
            .provisions
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>(),
        ["Colourful semantics (Y4)"]
    );
    assert_eq!((autumn.pupils.len(), autumn.plans.len()), (1, 1));
    let spring_term = extract(
        &d,
        Scope::Term {
            start_year: 2025,
            term: TermName::Spring,
        },
    );
    assert_eq!(
        (
            spring_term.provisions.len(),
            spring_term.pupils.len(),
            spring_term.plans.len()
        ),
        (1, 0, 0)
    );
    assert!(spring_term.validate().is_empty());
    assert_eq!(extract(&d, Scope::Whole), d);
    // A term the school has not set up holds nothing but the settings.
    assert!(extract(
        &d,
        Scope::Term {
            start_year: 2040,
            term: TermName::Autumn
        }
    )
    .pupils
    .is_empty());
}

#[test]
fn pseudonymised_files_keep_no_names_or_identifiers() {
    let mut d = school();
    d.enrolments[0].notes = "Zoë and ravi worked well; O'Brien tired. Zoe's mum called.".into();
    d.plans[0].parent_views = "We are proud of ZOË.".into();
    let zoe = d.pupils[0].clone();
    let doc = Document::of(&d, Scope::Pupil { id: zoe.id }, true, now());
    assert!(doc.pseudonymised);
    assert_eq!(
        doc.file_name(),
        "waymark-pupil-pseudonymised-2026-11-22.json"
    );
    let json = doc.to_json();
    for secret in [
        "Zoë",
        "ZOË",
        "Zoe",
        "O'Brien",
        "A123456789012",
        "2016-02-29",
        "4B",
        "Ravi",
        "\"pupil_premium\": true",
        "\"ehcp\": {",
        "2023-09-04",
    ] {
        assert!(!json.contains(secret), "{secret} leaked");
    }
    let p = &doc.data.pupils[0];
    assert_eq!(p.given_name, "Z.O.");
    // Nothing in the file shares an id with the school's own pupil, place
    // or plan: the pupil, the place and the plan have new ids, the
    // reference comes from the new id, and the file's scope names it.
    for id in [zoe.id, d.enrolments[0].id, d.plans[0].id] {
        for form in [id.to_string(), id.simple().to_string()[..6].to_owned()] {
            assert!(!json.contains(&form), "{form} leaked");
        }
    }
    assert_eq!(
        p.family_name,
        format!("(ref {})", &p.id.simple().to_string()[..6])
    );
    assert_eq!(doc.scope, Scope::Pupil { id: p.id });
    assert_eq!(doc.data.enrolments[0].pupil_id, p.id);
    assert_eq!(doc.data.plans[0].pupil_id, p.id);
    // Another export of the same pupil shares no id with this one.
    let again = Document::of(&d, Scope::Pupil { id: zoe.id }, true, now());
    assert_ne!(again.data.pupils[0].id, p.id);
    assert_ne!(again.data.enrolments[0].id, doc.data.enrolments[0].id);
    // Times are kept to the day: the sample's 2025-09-01T08:00:00.250Z
    // becomes 2025-09-01T00:00:00Z.
    let midnight = |t: jiff::Timestamp| {
        let z = t.to_zoned(jiff::tz::TimeZone::UTC);
        (z.hour(), z.minute(), z.second(), z.subsec_nanosecond())
    };
    assert_eq!(midnight(p.created_at), (0, 0, 0, 0));
    assert_eq!(midnight(doc.data.enrolments[0].updated_at), (0, 0, 0, 0));
    assert_eq!(midnight(doc.data.plans[0].created_at), (0, 0, 0, 0));
    assert_eq!(
        p.updated_at.to_zoned(jiff::tz::TimeZone::UTC).date(),
        zoe.updated_at.to_zoned(jiff::tz::TimeZone::UTC).date()
    );
    assert_eq!(
        doc.data.enrolments[0].notes,
        "Z. and R. worked well; O. tired. Z.'s mum called."
    );
    assert_eq!(doc.data.plans[0].parent_views, "We are proud of Z..");
    // The SEN details the file is for are still there; what identifies
    // beyond names is not.
    assert_eq!(
        (p.sen_status, p.primary_need, p.year_group),
        (zoe.sen_status, zoe.primary_need, zoe.year_group)
    );
    assert_eq!(p.ehcp, None);
    assert_eq!(p.flags, Default::default());
    assert_eq!(
        (p.on_register_from, p.off_register_from, p.left_on),
        (None, None, None)
    );
    assert_eq!(
        doc.summary(),
        "One pupil: 1 pupil, 1 provision, 1 enrolment, 1 support plan, 2 sessions recorded, 1 library entry and 2 staff records; the school's settings and budgets. Pupils' names are replaced by initials and a reference unique in the file. Pupils, their places in provision, their support plans and the sessions recorded have new random ids, different in every file, so none shares an id with the school's own records. Kept to the day only: when pupils' records, places and plans were made and changed. Left out: UPNs; dates of birth; classes; EHC plan details (issue and review dates, local authority, top-up); dates of joining and leaving the SEN register and leaving the school and the pupil premium, looked-after, previously looked-after, service child and EAL flags. Any pupil's given or family name (with or without accents, any apostrophe, possessive, hyphenated or in parts) is reduced to its initial in one-page profiles, support plans (outcomes, pupils' and parents' views), enrolment notes and scores written as text, notes on cancelled sessions, provision names, library entries (names, descriptions, evidence notes) and staff roles' and members' names. Each pupil keeps year group, past year groups, SEN status and needs, with their provision, enrolments, scores and support plans; the school's settings are as they are."
    );
    // And it reads back.
    assert_eq!(Document::from_json(&json).unwrap(), doc);
    // Nothing without a name in it is touched.
    let whole = pseudonymise(&d, &d);
    assert_eq!(whole.provisions, d.provisions);
}

/// Names as people write them, in every free-text field, worked by hand.
#[test]
fn names_are_found_however_they_are_written() {
    let m = Matcher::new(["Bob", "Élodie", "Mary-Jane", "van der Berg", "O'Brien", "A"]);
    let cases = [
        ("Bo, bob and Bobby", "Bo, B. and Bobby"),
        ("Elodie, ÉLODIE and E\u{301}lodie", "É., É. and É."),
        ("Mary-Jane, Mary Jane, Mary and Jane", "M., M., M. and J."),
        ("Van der Berg's van; Berg’s bag", "V.'s van; B.’s bag"),
        (
            "O’Brien, O'Brien’s, OBrien, Brien; o brien",
            "O., O.’s, O., B.; O.",
        ),
        ("A cat", "A cat"),
    ];
    for (text, want) in cases {
        assert_eq!(m.scrub(text), want, "{text}");
    }

    // Every free-text field a pupil's name might be in.
    let mut d = school();
    let zoe = d.pupils[0].id;
    let name = "Zoe O’Brien";
    d.pupils[0].profile.strengths = format!("{name} reads well");
    d.pupils[0].profile.what_helps = format!("{name}'s timer");
    d.pupils[0].profile.what_does_not_help = format!("noise near {name}");
    d.pupils[0].profile.communication = format!("ask {name}");
    d.plans[0].outcomes[0].text = format!("{name} will read");
    d.plans[0].pupil_views = format!("I am {name}");
    d.enrolments[0].notes = format!("{name} tired");
    d.enrolments[0].entry = Some(waymark::domain::provision::Assessment {
        score: waymark::domain::provision::Score::Text(format!("{name}: secure")),
        date: jiff::civil::date(2025, 9, 8),
    });
    d.provisions[0].name = format!("1:1 with {name}");
    d.interventions[0].description = format!("made for {name}");
    d.members[0].name = "Mrs O'Brien".into();
    let out = pseudonymise(&extract(&d, Scope::Pupil { id: zoe }), &d);
    let json = waymark::exchange::json::write(&out);
    assert!(!json.contains("Zoe") && !json.contains("Brien"), "{json}");
    assert_eq!(out.provisions[0].name, "1:1 with Z. O.");
    assert_eq!(out.pupils[0].profile.what_helps, "Z. O.'s timer");
    assert_eq!(out.members[0].name, "Mrs O.");
    assert_eq!(
        out.enrolments[0].entry.as_ref().map(|a| a.score.clone()),
        Some(waymark::domain::provision::Score::Text(
            "Z. O.: secure".into()
        ))
    );

    // Every pupil field is either kept or named by a rule of the summary.
    let pupil = serde_json::to_value(&d.pupils[0]).unwrap();
    let mut named: Vec<&str> = PUPIL_FIELDS_KEPT.iter().map(|(k, _)| *k).collect();
    named.extend(RULES.iter().flat_map(|r| r.pupil_fields.iter().copied()));
    let mut keys: Vec<&str> = pupil
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    named.sort_unstable();
    assert_eq!(keys, named);
}

/// References are unique within a file, even where six hex digits of two
/// ids are the same.
#[test]
fn references_are_unique_in_a_file() {
    let id = |s: &str| Uuid::parse_str(s).unwrap();
    // The first two share six hex digits and differ in the seventh, so
    // every reference takes seven; the third shares none.
    let ids = [
        id("a1b2c3d4000000000000000000000000"),
        id("a1b2c3e4000000000000000000000000"),
        id("0f0f0f0f000000000000000000000000"),
    ];
    assert_eq!(references(&ids), ["a1b2c3d", "a1b2c3e", "0f0f0f0"]);
    // Without a clash, six.
    assert_eq!(references(&ids[1..]), ["a1b2c3", "0f0f0f"]);
    // In a file, each pupil's reference is its new id's.
    let d = school();
    let out = pseudonymise(&d, &d);
    let refs: std::collections::HashSet<_> = out.pupils.iter().map(|p| &p.family_name).collect();
    assert_eq!(refs.len(), 2);
    let new_ids: Vec<Uuid> = out.pupils.iter().map(|p| p.id).collect();
    let expected: Vec<String> = references(&new_ids)
        .into_iter()
        .map(|r| format!("(ref {r})"))
        .collect();
    let got: Vec<String> = out.pupils.iter().map(|p| p.family_name.clone()).collect();
    assert_eq!(got, expected);
}

#[test]
fn merging_adds_new_records_takes_newer_ones_and_lists_conflicts() {
    let stored = school();
    let mut incoming = stored.clone();
    // New: a pupil. Newer: Zoë's class. Older: the provision's name.
    let newcomer = Pupil::create(&PupilDraft::new("Nia", "Jones", "Y1"), now()).unwrap();
    incoming.pupils.push(newcomer.clone());
    incoming.pupils[0].class_name = "5C".into();
    incoming.pupils[0].updated_at = now();
    let mut stored_newer = stored.clone();
    stored_newer.provisions[0].name = "Renamed here".into();
    stored_newer.provisions[0].updated_at = now();
    incoming.provisions[0].name = "Renamed there".into();
    incoming.provisions[0].updated_at = "2026-01-01T00:00:00Z".parse().unwrap();

    let plan = plan_import(&stored_newer, &file(&incoming), Mode::Merge, true, now()).unwrap();
    assert_eq!(
        plan.new.iter().map(|i| i.what.as_str()).collect::<Vec<_>>(),
        ["Pupil Nia Jones"]
    );
    assert_eq!(
        plan.updated
            .iter()
            .map(|i| i.what.as_str())
            .collect::<Vec<_>>(),
        ["Pupil Zoë O'Brien"]
    );
    assert_eq!(plan.conflicts.len(), 1);
    assert_eq!(plan.conflicts[0].item.what, "Provision Renamed here");
    assert!(plan.conflicts[0].reason.contains("changed more recently"));
    assert!(plan.removed.is_empty());
    let mut after = stored_newer.clone();
    after.apply(&plan.changes);
    assert_eq!(after.pupils[0].class_name, "5C");
    assert_eq!(after.provisions[0].name, "Renamed here");
    assert!(after.pupil(newcomer.id).is_some());
    let total = after.records().len();
    assert_eq!(
        plan.unchanged + plan.new.len() + plan.updated.len() + plan.conflicts.len(),
        incoming.records().len()
    );
    assert_eq!(total, stored_newer.records().len() + 1);

    // Replace: the stored data becomes the file's exactly.
    let mut smaller = stored.clone();
    smaller.pupils.pop();
    let plan = plan_import(&stored_newer, &file(&smaller), Mode::Replace, true, now()).unwrap();
    assert_eq!(
        plan.removed
            .iter()
            .map(|i| i.what.as_str())
            .collect::<Vec<_>>(),
        ["Pupil Ravi Shah"]
    );
    let mut after = stored_newer.clone();
    after.apply(&plan.changes);
    assert_eq!(
        after,
        Dataset {
            settings: after.settings.clone(),
            ..smaller
        }
    );

    // A pseudonymised file never overwrites a stored pupil: it is refused
    // (its pupils have new ids and could only be added as strangers).
    let pseudo = Document::of(&stored, Scope::Whole, true, now()).data;
    let mut newer = pseudo.clone();
    newer.pupils[0].updated_at = now();
    let refused = plan_import(
        &stored,
        &file_of(&newer, Scope::Whole, true),
        Mode::Merge,
        true,
        now(),
    )
    .unwrap_err();
    assert!(refused.why.contains("pseudonymised"));
    assert!(pseudo.pupils.iter().all(|p| stored.pupil(p.id).is_none()));

    // An import that would leave broken references is refused, saying why.
    let mut part = extract(
        &stored,
        Scope::Pupil {
            id: stored.pupils[0].id,
        },
    );
    part.pupils.clear();
    let problems = plan_import(
        &Dataset::empty(stored.settings.clone()),
        &file(&part),
        Mode::Merge,
        true,
        now(),
    )
    .unwrap_err()
    .problems;
    // Into a new database (settings never saved), everything is new.
    let fresh = Dataset::empty(waymark::domain::settings::SchoolSettings::first_run(now()));
    let plan = plan_import(&fresh, &file(&stored), Mode::Merge, false, now()).unwrap();
    assert_eq!(
        (plan.new.len(), plan.conflicts.len()),
        (stored.records().len(), 0)
    );
    assert!(
        problems.iter().any(|p| p.kind == "enrolments"),
        "{problems:?}"
    );
}

/// A pupil's name, UPN and date of birth are never replaced by initials, a
/// reference or a blank, whatever the file's flag says.
#[test]
fn merges_never_erase_a_pupils_identity() {
    let stored = school();
    let zoe = stored.pupils[0].clone();
    // A pseudonymised copy posing as real, made by hand with the stored
    // ids: flag false, pupils newer, names as pseudonymising leaves them.
    let pseudo = Document::of(&stored, Scope::Whole, true, now()).data;
    let mut posing = stored.clone();
    for (p, q) in posing.pupils.iter_mut().zip(pseudo.pupils.iter()) {
        p.given_name.clone_from(&q.given_name);
        p.family_name.clone_from(&q.family_name);
        p.upn = None;
        p.updated_at = now();
    }
    let doc = file_of(&posing, Scope::Whole, false);
    assert!(!doc.pseudonymised);
    for mode in [Mode::Merge, Mode::Replace] {
        let plan = plan_import(&stored, &doc, mode, true, now()).unwrap();
        assert!(
            plan.updated.iter().all(|i| i.kind != Kind::Pupils),
            "{mode:?}"
        );
        let reasons: Vec<_> = plan
            .conflicts
            .iter()
            .filter(|c| c.item.kind == Kind::Pupils)
            .map(|c| (c.item.what.as_str(), c.reason.as_str()))
            .collect();
        assert_eq!(reasons.len(), 2, "{mode:?}");
        assert_eq!(reasons[0].0, "Pupil Zoë O'Brien");
        assert!(reasons[0].1.contains("initials, a reference or a blank"));
        let mut after = stored.clone();
        after.apply(&plan.changes);
        assert_eq!(after.pupil(zoe.id), Some(&zoe), "{mode:?}");
    }
    // The flag alone is enough, even for values that look real: a
    // pseudonymised file is refused wherever pupils are stored, in either
    // mode, and nothing is planned.
    let mut real_looking = stored.clone();
    real_looking.pupils[0].class_name = "5C".into();
    real_looking.pupils[0].updated_at = now();
    for mode in [Mode::Merge, Mode::Replace] {
        let refused = plan_import(
            &stored,
            &file_of(&real_looking, Scope::Whole, true),
            mode,
            true,
            now(),
        )
        .unwrap_err();
        assert!(
            refused.why.starts_with("This file is pseudonymised"),
            "{}",
            refused.why
        );
    }
    // Where no pupil is stored (a reader's own browser), it opens.
    let empty = Dataset::empty(stored.settings.clone());
    let real = Document::of(&stored, Scope::Whole, true, now());
    let plan = plan_import(&empty, &real, Mode::Merge, true, now()).unwrap();
    assert_eq!(
        plan.new.iter().filter(|i| i.kind == Kind::Pupils).count(),
        stored.pupils.len()
    );

    // A real copy without UPN and date of birth: its newer class is taken,
    // the stored UPN and date of birth kept.
    let mut lacking = stored.clone();
    lacking.pupils[0].upn = None;
    lacking.pupils[0].date_of_birth = None;
    lacking.pupils[0].class_name = "5C".into();
    lacking.pupils[0].updated_at = now();
    let plan = plan_import(&stored, &file(&lacking), Mode::Merge, true, now()).unwrap();
    assert_eq!(
        plan.updated
            .iter()
            .map(|i| i.what.as_str())
            .collect::<Vec<_>>(),
        ["Pupil Zoë O'Brien (UPN and date of birth kept as stored: the file has none)"]
    );
    let mut after = stored.clone();
    after.apply(&plan.changes);
    let z = after.pupil(zoe.id).unwrap();
    assert_eq!(
        (z.upn.as_deref(), z.date_of_birth, z.class_name.as_str()),
        (
            Some("A123456789012"),
            Some(jiff::civil::date(2016, 2, 29)),
            "5C"
        )
    );

    // What pseudonymising leaves of a name, and what it does not.
    for name in [
        "Z.",
        "Z.O.",
        " J-P. ",
        "Z. O.",
        "(ref f8b6a2)",
        "ref 12",
        "REF: a1",
        "",
    ] {
        assert!(looks_pseudonymised(name), "{name:?}");
    }
    for name in [
        "Zoë",
        "O'Brien",
        "St. John",
        "Z",
        "Jo.",
        "Reford",
        "ref",
        "Mary-Jane",
    ] {
        assert!(!looks_pseudonymised(name), "{name:?}");
    }
}

/// Restoring a backup is an edit like any other: every record it puts
/// back is stamped now, so a copy exported before the restore cannot undo
/// it when merged.
#[test]
fn a_restore_is_stamped_as_a_new_edit() {
    // The backup: the sample school, every record stamped 2025-09-01.
    let before = school();
    let backup = file(&before);
    // Since then Zoë moved class (stamped 21/11/2026 10:00) and a copy of
    // the school was exported at 12:00 that day.
    let mut present = before.clone();
    present.pupils[0].class_name = "6A".into();
    present.pupils[0].updated_at = "2026-11-21T10:00:00Z".parse().unwrap();
    let copy = Document::new(present.clone(), "2026-11-21T12:00:00Z".parse().unwrap());

    // Restored on 22/11/2026 at 10:00 (now()).
    let plan = plan_restore(&present, &backup, now()).unwrap();
    let mut restored = present.clone();
    restored.apply(&plan.changes);
    let zoe = restored.pupil(before.pupils[0].id).unwrap();
    assert_eq!(zoe.class_name, before.pupils[0].class_name);
    assert_eq!(zoe.updated_at, now());
    // A record the restore does not change keeps its time.
    let ravi = restored.pupil(before.pupils[1].id).unwrap();
    assert_eq!(ravi.updated_at, before.pupils[1].updated_at);

    // The copy from before the restore, merged: the restored Zoë stays.
    let merge = plan_import(&restored, &copy, Mode::Merge, true, now()).unwrap();
    assert!(merge.updated.is_empty(), "{:?}", merge.updated);
    assert_eq!(merge.conflicts.len(), 1);
    assert_eq!(
        merge.conflicts[0].reason,
        "the stored one was changed more recently and is kept"
    );

    // Old times kept (the plain replace) would have let the copy win:
    // this is what the restamping prevents.
    let unstamped = plan_import(&present, &backup, Mode::Replace, true, now()).unwrap();
    let mut old_times = present.clone();
    old_times.apply(&unstamped.changes);
    let merge = plan_import(&old_times, &copy, Mode::Merge, true, now()).unwrap();
    assert_eq!(merge.updated.len(), 1);
}

/// Times later than the file's export time, or a file from more than a
/// day ahead of this clock, are refused, naming each, and nothing changes.
#[test]
fn times_after_the_export_are_refused() {
    let stored = school();
    let mut forged = stored.clone();
    // The provision says it was changed a year after the file was exported.
    forged.provisions[1].name = "Old copy".into();
    forged.provisions[1].updated_at = "2027-11-22T10:00:00Z".parse().unwrap();
    for mode in [Mode::Merge, Mode::Replace] {
        let refused = plan_import(&stored, &file(&forged), mode, true, now()).unwrap_err();
        assert_eq!(
            refused.why,
            "1 time in the file is later than the file's own export time: a forged or wrong clock could let an old copy win."
        );
        assert_eq!(
            refused.problems[0].to_string(),
            "provisions[1].updated_at: Provision Old copy is 22/11/2027 10:00:00 UTC, after the file was exported (22/11/2026 10:00:00 UTC)"
        );
    }
    // A file stamped two days after this device's clock.
    let behind: jiff::Timestamp = "2026-11-20T09:59:59Z".parse().unwrap();
    let refused = plan_import(&stored, &file(&stored), Mode::Merge, true, behind).unwrap_err();
    assert!(
        refused.why.starts_with("The file says it was exported on 22/11/2026 10:00:00 UTC, more than a day after this device's clock (20/11/2026 09:59:59 UTC)"),
        "{}",
        refused.why
    );
    // Within a day (another device's clock a little ahead) is read.
    let a_bit_behind: jiff::Timestamp = "2026-11-21T10:00:00Z".parse().unwrap();
    assert!(plan_import(&stored, &file(&stored), Mode::Merge, true, a_bit_behind).is_ok());
}

/// A part of the school never changes its settings, and is only merged.
#[test]
fn a_part_never_changes_the_settings_and_cannot_replace() {
    let stored = school();
    let zoe = stored.pupils[0].id;
    let mut part = extract(&stored, Scope::Pupil { id: zoe });
    part.settings.school_name = "Another school".into();
    part.settings.updated_at = now();
    part.pupils[0].class_name = "5C".into();
    part.pupils[0].updated_at = now();
    let doc = file_of(&part, Scope::Pupil { id: zoe }, false);
    let plan = plan_import(&stored, &doc, Mode::Merge, true, now()).unwrap();
    assert_eq!(
        plan.conflicts
            .iter()
            .map(|c| (c.item.kind, c.reason.as_str()))
            .collect::<Vec<_>>(),
        [(
            Kind::Settings,
            "the file holds one pupil, which never changes the school's settings: those here are kept"
        )]
    );
    let mut after = stored.clone();
    after.apply(&plan.changes);
    assert_eq!(after.settings, stored.settings);
    assert_eq!(after.pupil(zoe).unwrap().class_name, "5C");

    let refused = plan_import(&stored, &doc, Mode::Replace, true, now()).unwrap_err();
    assert_eq!(
        refused.why,
        "This file holds one pupil, not the whole school: Replace would delete everything else here. Merge it instead."
    );
    assert!(refused.problems.is_empty());

    // A new database (settings never saved) takes the part's settings.
    let fresh = Dataset::empty(waymark::domain::settings::SchoolSettings::first_run(now()));
    let plan = plan_import(&fresh, &doc, Mode::Merge, false, now()).unwrap();
    let mut after = fresh.clone();
    after.apply(&plan.changes);
    assert_eq!(after.settings.school_name, "Another school");
}

fn name() -> impl Strategy<Value = String> {
    // Letters, accents, apostrophes, spaces and markup that must stay text.
    "[A-Za-zÀ-ÿ'<>&\" -]{1,24}".prop_filter("a name", |s| !s.trim().is_empty())
}

fn dataset() -> impl Strategy<Value = Dataset> {
    prop::collection::vec((name(), name(), 0usize..7, "[ -~]{0,60}"), 0..12).prop_map(|rows| {
        let mut d = support::sample();
        for (g, f, y, note) in rows {
            let years = ["R", "Y1", "Y2", "Y3", "Y4", "Y5", "Y6"];
            let Ok(p) = Pupil::create(&PupilDraft::new(&g, &f, years[y]), support::now()) else {
                continue;
            };
            let mut e = d.enrolments[0].clone();
            e.id = Uuid::new_v4();
            e.pupil_id = p.id;
            e.notes = note.trim().to_owned();
            e.entry = None;
            e.exit = None;
            d.pupils.push(p);
            d.enrolments.push(e);
        }
        d
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Export, import into an empty database, export again: the same bytes.
    #[test]
    fn export_import_export_gives_the_same_document(d in dataset(), pseudo in any::<bool>()) {
        let doc = Document::of(&d, Scope::Whole, pseudo, now());
        let json = doc.to_json();
        let back = Document::from_json(&json).unwrap();
        let empty = Dataset::empty(back.data.settings.clone());
        let plan = plan_import(&empty, &back, Mode::Replace, false, now()).unwrap();
        let mut stored = empty.clone();
        stored.apply(&plan.changes);
        let again = Document { data: stored, ..back.clone() };
        prop_assert_eq!(again.to_json(), json);
    }

    /// A name written any way people write it is never left in a note.
    #[test]
    fn names_never_survive_scrubbing(
        // Letters only: À-ÿ without × and ÷, which no name holds.
        given in "[A-Za-zÀ-ÖØ-öø-ÿ]{2,8}( [A-Za-zÀ-ÖØ-öø-ÿ]{2,8})?",
        family in "[A-Za-zÀ-ÖØ-öø-ÿ]{2,8}(['’-][A-Za-zÀ-ÖØ-öø-ÿ]{2,8})?",
        before in "[0-9 ,.]{0,20}",
        after in "[0-9 ,.]{0,20}",
        how in 0usize..4,
    ) {
        let written = |n: &str| match how {
            0 => n.to_uppercase(),
            1 => n.replace('’', "'") + "’s",
            2 => {
                use unicode_normalization::UnicodeNormalization;
                n.nfd().filter(|c| !unicode_normalization::char::is_combining_mark(*c)).collect()
            }
            _ => n.replace('-', " "),
        };
        let text = format!("{before} {} {} {after}", written(&given), written(&family));
        let scrubbed = Matcher::new([given.as_str(), family.as_str()]).scrub(&text);
        let words = |s: &str| -> Vec<String> {
            use unicode_normalization::UnicodeNormalization;
            s.split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.chars().count() >= 2)
                .map(|w| w.nfd().filter(|c| c.is_alphanumeric()).collect::<String>().to_lowercase())
                .collect()
        };
        let left = words(&scrubbed);
        for part in words(&given).into_iter().chain(words(&family)) {
            prop_assert!(!left.contains(&part), "{part} left in {scrubbed:?} (from {text:?})");
        }
    }

    /// Any bytes at all: an answer, never a panic.
    #[test]
    fn the_parser_survives_any_input(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = Document::from_json(&text);
    }

    /// Any valid document with one value changed at random still gets an answer.
    #[test]
    fn the_parser_survives_mutated_documents(at in 0usize..4000, with in "[ -~]{1,3}") {
        let json = Document::new(support::sample(), now()).to_json();
        let at = at % json.len();
        let mut s = json.clone();
        if s.is_char_boundary(at) {
            s.insert_str(at, &with);
        }
        match Document::from_json(&s) {
            Ok(_) | Err(ImportError::NotJson(_) | ImportError::Invalid { .. } | ImportError::WrongFormat(_) | ImportError::TooNew { .. } | ImportError::Encrypted) => {}
            Err(e) => prop_assert!(false, "unexpected {e}"),
        }
    }
}

/// The messages tabs send each other: every kind of change, in order,
/// read back as it was sent; a message this build cannot read is ignored.
#[test]
fn tab_messages_carry_every_kind_of_change_in_order() {
    use waymark::domain::edit::{Change, Kind, Record};
    use waymark::exchange::tab_message::{changes, message};
    let d = support::sample();
    let mut sent: Vec<Change> = d.records().into_iter().map(Change::Put).collect();
    sent.push(Change::Delete(Kind::Pupils, d.pupils[0].id));
    sent.push(Change::Put(Record::Pupil(d.pupils[0].clone())));
    let kinds: std::collections::BTreeSet<Kind> = sent.iter().map(Change::kind).collect();
    assert_eq!(kinds.len(), Kind::ALL.len(), "every kind is sent");
    assert_eq!(changes(&message(&sent)), Some(sent));

    assert_eq!(changes("not json"), None);
    assert_eq!(changes(r#"[{"pupils": {"id": 1}}]"#), None);
    assert_eq!(changes(r#"[{"dragons": []}]"#), None);
    // An entry holds exactly one change.
    assert_eq!(changes("[{}]"), None);
    let two = format!(
        r#"[{{"deleted": ["plans", "{}"], "pupils": {}}}]"#,
        uuid::Uuid::nil(),
        waymark::exchange::json::write(&d.pupils[0])
    );
    assert_eq!(changes(&two), None);
    assert_eq!(changes("[]"), Some(vec![]));
    // A record that reads but breaks its own rules (a blank given name, as
    // a forged or damaged message might hold) changes nothing: the whole
    // message is ignored, as a file with it would be refused.
    let mut bad = d.pupils[0].clone();
    bad.given_name = " ".into();
    let forged = message(&[Change::Put(Record::Pupil(bad))]);
    assert_eq!(changes(&forged), None);
}

#[test]
fn an_import_normalises_names_and_refuses_invisible_characters() {
    let d = support::sample();
    let json = Document::of(&d, Scope::Whole, false, now()).to_json();
    assert!(json.contains("\"given_name\": \"Zoë\"") || json.contains("\"given_name\":\"Zoë\""));
    // Written elsewhere with a combining diaeresis: read as the register's "Zoë".
    let combining = json.replacen("Zoë", "Zoe\u{0308}", 1);
    assert_ne!(combining, json);
    let back = Document::from_json(&combining).unwrap();
    assert_eq!(back.data.pupils[0].given_name, "Zo\u{EB}");
    assert_eq!(back.data, Document::from_json(&json).unwrap().data);
    // A right-to-left override in a name: refused, saying where and what.
    let hidden = json.replacen("O'Brien", "O'Br\u{202E}neirb", 1);
    match Document::from_json(&hidden) {
        Err(ImportError::Invalid { problems, .. }) => {
            assert_eq!(problems[0].path, "data.pupils[0].family_name");
            assert_eq!(
                problems[0].message,
                "The family name contains an invisible formatting character (U+202E)."
            );
        }
        other => panic!("{other:?}"),
    }
}
