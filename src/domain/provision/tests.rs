//! The provision module's rules, by example.

use super::*;
use crate::domain::fields::{EnrolmentField, InterventionField, ProvisionField};
use crate::domain::money::Money;
use crate::domain::needs::BroadArea;
use crate::domain::quantity::Dec2;
use jiff::civil::{date, Time};
use jiff::Timestamp;
use uuid::Uuid;

fn now() -> Timestamp {
    "2026-09-01T08:00:00Z".parse().unwrap()
}

pub(crate) fn provision() -> Provision {
    Provision {
        id: Uuid::new_v4(),
        intervention_id: None,
        name: "Reading catch-up".into(),
        broad_area: BroadArea::CognitionAndLearning,
        tier: "wave-2".into(),
        staff: vec![StaffLine {
            role_id: Uuid::new_v4(),
            member_id: None,
            count: 1,
        }],
        sessions_per_week: 3,
        minutes_per_session: 20,
        start: date(2025, 9, 8),
        end: date(2025, 12, 12),
        funding: FundingSource::NotionalSen,
        fixed_costs: Money::pounds(50),
        slots: vec![Slot {
            day: SchoolDay::Monday,
            start: Time::constant(9, 15, 0, 0),
            room: String::new(),
        }],
        planned_group_size: 4,
        split: CostSplit::ActualPupils,
        recurring: false,
        planned: false,
        created_at: now(),
        updated_at: now(),
    }
}

#[test]
fn a_sound_provision_is_valid_and_round_trips() {
    let p = provision();
    assert!(p.validate().is_empty(), "{:?}", p.validate());
    assert_eq!(p.staff_minutes_per_week(), 60);
    let json = serde_json::to_string(&p).unwrap();
    assert!(json.contains("\"start\":\"09:15:00\""));
    assert_eq!(serde_json::from_str::<Provision>(&json).unwrap(), p);
}

#[test]
fn impossible_provisions_are_rejected() {
    let mut p = provision();
    p.minutes_per_session = 0;
    p.sessions_per_week = 0;
    p.end = date(2025, 9, 1);
    p.planned_group_size = 0;
    p.fixed_costs = Money(-1);
    p.staff[0].count = 0;
    p.name = String::new();
    let problems = p.validate();
    assert_eq!(
        problems.for_field(ProvisionField::MinutesPerSession),
        Some("Minutes per session must be at least 1.")
    );
    assert_eq!(
        problems.for_field(ProvisionField::SessionsPerWeek),
        Some("Sessions a week must be at least 1.")
    );
    assert_eq!(
        problems.for_field(ProvisionField::End),
        Some("The end date is before the start date.")
    );
    assert_eq!(
        problems.for_field(ProvisionField::PlannedGroupSize),
        Some("The group size must be at least 1.")
    );
    assert_eq!(
        problems.for_field(ProvisionField::FixedCosts),
        Some("Fixed costs cannot be negative.")
    );
    assert!(problems.for_field(ProvisionField::Staff).is_some());
    assert!(problems.for_field(ProvisionField::Name).is_some());

    let mut q = provision();
    q.staff.clear();
    q.minutes_per_session = 600;
    q.planned_group_size = 41;
    q.sessions_per_week = 1;
    let problems = q.validate();
    assert!(problems.for_field(ProvisionField::Staff).is_some());
    assert!(problems
        .for_field(ProvisionField::MinutesPerSession)
        .unwrap()
        .contains("8 hours"));
    assert!(problems
        .for_field(ProvisionField::PlannedGroupSize)
        .is_some());
    assert!(problems.for_field(ProvisionField::Slots).is_none());
    q.slots.push(Slot {
        day: SchoolDay::Friday,
        start: Time::constant(14, 0, 0, 0),
        room: String::new(),
    });
    assert!(q.validate().for_field(ProvisionField::Slots).is_some());

    // Negative minutes cannot even be read.
    let json = serde_json::to_string(&provision())
        .unwrap()
        .replace("\"minutes_per_session\":20", "\"minutes_per_session\":-20");
    let err = serde_json::from_str::<Provision>(&json)
        .unwrap_err()
        .to_string();
    assert!(err.contains("-20"), "{err}");
}

#[test]
fn drafts_become_provisions_field_by_field() {
    let role = Uuid::new_v4();
    let d = ProvisionDraft {
        name: " Reading catch-up ".into(),
        staff: vec![(Some(role), None, "1".into())],
        sessions_per_week: "3".into(),
        minutes_per_session: "20".into(),
        start: "08/09/2025".into(),
        end: "2025-12-12".into(),
        fixed_costs: "£50".into(),
        planned_group_size: "4".into(),
        ..ProvisionDraft::default()
    };
    let p = d.create(now()).unwrap();
    assert_eq!(p.name, "Reading catch-up");
    assert_eq!((p.start, p.end), (date(2025, 9, 8), date(2025, 12, 12)));
    assert_eq!(p.fixed_costs, Money::pounds(50));
    assert_eq!(
        p.staff,
        vec![StaffLine {
            role_id: role,
            member_id: None,
            count: 1
        }]
    );
    assert_eq!(ProvisionDraft::of(&p).apply(&p, now()).unwrap(), p);

    let bad = ProvisionDraft {
        minutes_per_session: "-20".into(),
        sessions_per_week: "three".into(),
        start: "soon".into(),
        staff: vec![(None, None, "1".into()), (Some(role), None, "x".into())],
        fixed_costs: "free".into(),
        planned_group_size: "0".into(),
        ..d.clone()
    };
    let e = bad.create(now()).unwrap_err();
    assert_eq!(
        e.for_field(ProvisionField::MinutesPerSession),
        Some("Enter the minutes per session as a whole number, like 30.")
    );
    assert_eq!(
        e.for_field(ProvisionField::SessionsPerWeek),
        Some("Enter the sessions a week as a whole number, like 3.")
    );
    assert_eq!(
        e.for_field(ProvisionField::Start),
        Some("Enter the start date as a date, like 08/09/2025.")
    );
    assert_eq!(
        e.0.iter()
            .filter(|x| x.field == ProvisionField::Staff)
            .count(),
        2
    );
    assert!(e.for_field(ProvisionField::FixedCosts).is_some());
    assert_eq!(
        e.for_field(ProvisionField::PlannedGroupSize),
        Some("The group size must be at least 1.")
    );
    let backwards = ProvisionDraft {
        end: "01/09/2025".into(),
        ..d
    };
    assert_eq!(
        backwards
            .create(now())
            .unwrap_err()
            .for_field(ProvisionField::End),
        Some("The end date is before the start date.")
    );
}

#[test]
fn interventions_are_checked() {
    let i = Intervention {
        id: Uuid::new_v4(),
        name: "Precision teaching".into(),
        description: String::new(),
        broad_areas: vec![BroadArea::CognitionAndLearning],
        tier: "wave-2".into(),
        delivery: Delivery {
            role_id: None,
            staff_count: 1,
            group_size: 1,
            sessions_per_week: 5,
            minutes_per_session: 10,
            weeks: 10,
        },
        fixed_costs: Money::ZERO,
        resource_costs: Money::pounds(20),
        evidence_note: "EEF: promising".into(),
        outcome_measure: MeasureKind::ReadingAgeMonths,
        created_at: now(),
        updated_at: now(),
    };
    assert!(i.validate().is_empty(), "{:?}", i.validate());
    let d = ProvisionDraft::from_intervention(&i);
    assert_eq!(
        (d.minutes_per_session.as_str(), d.sessions_per_week.as_str()),
        ("10", "5")
    );
    assert_eq!(
        (d.fixed_costs.as_str(), d.planned_group_size.as_str()),
        ("20.00", "1")
    );
    assert_eq!(d.intervention_id, Some(i.id));
    let mut bad = i.clone();
    bad.broad_areas.clear();
    bad.delivery.group_size = 0;
    bad.delivery.weeks = 0;
    bad.delivery.staff_count = 0;
    bad.resource_costs = Money(-5);
    let p = bad.validate();
    assert!(p.for_field(InterventionField::BroadAreas).is_some());
    assert_eq!(
        p.0.iter()
            .filter(|e| e.field == InterventionField::Delivery)
            .count(),
        3
    );
    assert_eq!(
        p.for_field(InterventionField::ResourceCosts),
        Some("Resource costs cannot be negative.")
    );
    let mut big = i;
    big.delivery.group_size = 41;
    big.delivery.staff_count = 11;
    big.delivery.sessions_per_week = 36;
    big.fixed_costs = Money::pounds(1_000_001);
    let p = big.validate();
    assert_eq!(
        p.0.iter()
            .filter(|e| e.field == InterventionField::Delivery)
            .count(),
        3
    );
    assert!(p
        .for_field(InterventionField::FixedCosts)
        .unwrap()
        .contains("check the figure"));
    assert!(MeasureKind::SpellingAgeMonths.is_age() && !MeasureKind::Percentage.is_age());
    assert_eq!(FundingSource::LaTopUp.label(), "LA top-up (element 3)");
}

#[test]
fn scores_are_read_from_what_people_type() {
    use MeasureKind::*;
    assert_eq!(
        Score::parse(StandardisedScore, " 92.5 "),
        Ok(Score::StandardisedScore(Dec2::hundredths(9250)))
    );
    assert_eq!(
        Score::parse(ReadingAgeMonths, "98"),
        Ok(Score::ReadingAgeMonths(98))
    );
    assert_eq!(
        Score::parse(SpellingAgeMonths, "8y"),
        Err("Enter the age in whole months, like 98 (8 years 2 months).".into())
    );
    assert_eq!(
        Score::parse(Percentage, "lots"),
        Err("Enter a number, like 55.".into())
    );
    assert_eq!(
        Score::parse(ScaledStep, "x"),
        Err("Enter a number, like 92.".into())
    );
    assert_eq!(
        Score::parse(Text, " Secure "),
        Ok(Score::Text("Secure".into()))
    );
    for k in MeasureKind::ALL {
        let s = Score::parse(k, if k == Text { "Emerging" } else { "40" }).unwrap();
        assert_eq!(s.kind(), k);
        assert_eq!(Score::parse(k, &s.text()), Ok(s));
        assert!(!k.label().is_empty());
    }
}

#[test]
fn enrolment_scores_must_agree_and_be_plausible() {
    let e = Enrolment {
        id: Uuid::new_v4(),
        pupil_id: Uuid::new_v4(),
        provision_id: Uuid::new_v4(),
        start: date(2025, 9, 8),
        end: date(2025, 12, 12),
        entry: Some(Assessment {
            score: Score::ReadingAgeMonths(84),
            date: date(2025, 9, 8),
        }),
        exit: Some(Assessment {
            score: Score::ReadingAgeMonths(93),
            date: date(2025, 12, 12),
        }),
        attendance: Some(Attendance {
            attended: 38,
            offered: 42,
        }),
        notes: String::new(),
        created_at: now(),
        updated_at: now(),
    };
    assert!(e.validate().is_empty());
    let json = serde_json::to_string(&e).unwrap();
    assert!(
        json.contains(r#"{"measure":"reading_age_months","value":84}"#),
        "{json}"
    );
    assert_eq!(serde_json::from_str::<Enrolment>(&json).unwrap(), e);

    let mut bad = e.clone();
    bad.exit = Some(Assessment {
        score: Score::StandardisedScore(Dec2::whole(170)),
        date: date(2025, 9, 1),
    });
    bad.attendance = Some(Attendance {
        attended: 5,
        offered: 4,
    });
    bad.end = date(2025, 9, 1);
    let p = bad.validate();
    let exit: Vec<_> =
        p.0.iter()
            .filter(|x| x.field == EnrolmentField::Exit)
            .map(|x| x.message.as_str())
            .collect();
    assert_eq!(
        exit,
        [
            "A standardised score must be from 40 to 160.",
            "The exit score must use the same measure as the entry score.",
            "The exit assessment is dated before the entry assessment.",
        ]
    );
    assert!(
        p.for_field(EnrolmentField::Attendance).is_some()
            && p.for_field(EnrolmentField::End).is_some()
    );

    for (s, ok) in [
        (Score::Percentage(Dec2::whole(101)), false),
        (Score::Percentage(Dec2::whole(55)), true),
        (Score::SpellingAgeMonths(301), false),
        (Score::ScaledStep(Dec2::whole(-1)), false),
        (Score::Text(String::new()), false),
        (Score::Text("Secure".into()), true),
    ] {
        let mut q = e.clone();
        q.exit = None;
        q.entry = Some(Assessment {
            score: s.clone(),
            date: date(2025, 9, 8),
        });
        assert_eq!(q.validate().is_empty(), ok, "{s:?}");
    }
    assert_eq!(Score::Text("x".into()).numeric(), None);
    assert_eq!(
        Score::Percentage(Dec2::whole(5)).numeric(),
        Some(super::super::money::Exact::from_integer(5))
    );
}
