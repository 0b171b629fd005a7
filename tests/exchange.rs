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
use waymark::exchange::merge::{plan_import, Mode};
use waymark::exchange::scope::{extract, pseudonymise, scrub, Scope};
use waymark::exchange::{Document, ImportError};

fn now() -> jiff::Timestamp {
    "2026-11-22T10:00:00Z".parse().unwrap()
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
        "O'Brien",
        "A123456789012",
        "2016-02-29",
        "4B",
        "Ravi",
    ] {
        assert!(!json.contains(secret), "{secret} leaked");
    }
    let p = &doc.data.pupils[0];
    assert_eq!(p.given_name, "Z.O.");
    assert_eq!(
        p.family_name,
        format!("(ref {})", &zoe.id.simple().to_string()[..6])
    );
    assert_eq!(
        doc.data.enrolments[0].notes,
        "Z. and R. worked well; O. tired. Zoe's mum called."
    );
    assert_eq!(doc.data.plans[0].parent_views, "We are proud of Z..");
    // The SEN details the file is for are still there.
    assert_eq!(p.primary_need, zoe.primary_need);
    assert_eq!(p.ehcp, zoe.ehcp);
    assert!(doc.summary().contains("initials and a reference"));
    // And it reads back.
    assert_eq!(Document::from_json(&json).unwrap(), doc);
    assert_eq!(
        scrub("Bo, bob and Bobby", &[("bob".into(), "B.".into())]),
        "Bo, B. and Bobby"
    );
    // Nothing outside the pupils is touched.
    let whole = pseudonymise(&d, &d);
    assert_eq!(whole.provisions, d.provisions);
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

    let plan = plan_import(&stored_newer, &incoming, Mode::Merge, false, true).unwrap();
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
    let plan = plan_import(&stored_newer, &smaller, Mode::Replace, false, true).unwrap();
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

    // A pseudonymised file never overwrites a stored pupil.
    let pseudo = Document::of(&stored, Scope::Whole, true, now()).data;
    let mut newer = pseudo.clone();
    newer.pupils[0].updated_at = now();
    let plan = plan_import(&stored, &newer, Mode::Merge, true, true).unwrap();
    assert!(plan.updated.iter().all(|i| i.kind != Kind::Pupils));
    assert_eq!(
        plan.conflicts
            .iter()
            .filter(|c| c.reason.contains("pseudonymised"))
            .count(),
        2
    );

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
        &part,
        Mode::Merge,
        false,
        true,
    )
    .unwrap_err();
    // Into a new database (settings never saved), everything is new.
    let fresh = Dataset::empty(waymark::domain::settings::SchoolSettings::first_run(now()));
    let plan = plan_import(&fresh, &stored, Mode::Merge, false, false).unwrap();
    assert_eq!(
        (plan.new.len(), plan.conflicts.len()),
        (stored.records().len(), 0)
    );
    assert!(
        problems.iter().any(|p| p.kind == "enrolments"),
        "{problems:?}"
    );
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
        let plan = plan_import(&empty, &back.data, Mode::Replace, pseudo, false).unwrap();
        let mut stored = empty.clone();
        stored.apply(&plan.changes);
        let again = Document { data: stored, ..back.clone() };
        prop_assert_eq!(again.to_json(), json);
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
