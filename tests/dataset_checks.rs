//! Checks that span records: references, duplicates, costing problems, advice.
#![cfg(not(target_arch = "wasm32"))]

use jiff::civil::date;
use jiff::Timestamp;
use uuid::Uuid;
use waymark::domain::advice::{intervention_advice, provision_advice, Advice};
use waymark::domain::calendar::DateRange;
use waymark::domain::costing::{CostIssue, CostReport};
use waymark::domain::dataset::Dataset;
use waymark::domain::money::{Exact, Money};
use waymark::domain::needs::BroadArea;
use waymark::domain::plan::{Outcome, SupportPlan};
use waymark::domain::provision::{
    CostSplit, Delivery, Enrolment, FundingSource, Intervention, MeasureKind, Provision, StaffLine,
};
use waymark::domain::pupil::{Pupil, PupilDraft};
use waymark::domain::quantity::Dec2;
use waymark::domain::settings::SchoolSettings;
use waymark::domain::staff::{RateBasis, RoleCategory, SalaryBasis, StaffMember, StaffRole};

fn now() -> Timestamp {
    "2025-08-01T00:00:00Z".parse().unwrap()
}

fn base() -> Dataset {
    let ta = StaffRole::new(
        "TA",
        RoleCategory::TeachingAssistant,
        RateBasis::Typed {
            hourly: Money(1500),
        },
        now(),
    );
    let pupil = Pupil::create(&PupilDraft::new("A", "B", "Y3"), now()).unwrap();
    let member = StaffMember {
        id: Uuid::new_v4(),
        name: "Mrs A".into(),
        role_id: ta.id,
        hours_available_per_week: Dec2::whole(20),
        created_at: now(),
        updated_at: now(),
    };
    let intervention = Intervention {
        id: Uuid::new_v4(),
        name: "Phonics".into(),
        description: String::new(),
        broad_areas: vec![BroadArea::CognitionAndLearning],
        tier: "wave-2".into(),
        delivery: Delivery {
            role_id: Some(ta.id),
            staff_count: 1,
            group_size: 4,
            sessions_per_week: 3,
            minutes_per_session: 30,
            weeks: 10,
        },
        fixed_costs: Money::ZERO,
        resource_costs: Money::ZERO,
        evidence_note: String::new(),
        outcome_measure: MeasureKind::ReadingAgeMonths,
        created_at: now(),
        updated_at: now(),
    };
    let provision = Provision {
        id: Uuid::new_v4(),
        intervention_id: Some(intervention.id),
        name: "Phonics group".into(),
        broad_area: BroadArea::CognitionAndLearning,
        tier: "wave-2".into(),
        staff: vec![StaffLine {
            role_id: ta.id,
            member_id: Some(member.id),
            count: 1,
        }],
        sessions_per_week: 3,
        minutes_per_session: 30,
        start: date(2025, 9, 8),
        end: date(2025, 12, 12),
        funding: FundingSource::NotionalSen,
        fixed_costs: Money::ZERO,
        slots: vec![],
        planned_group_size: 4,
        split: CostSplit::ActualPupils,
        recurring: false,
        planned: false,
        created_at: now(),
        updated_at: now(),
    };
    let enrolment = Enrolment {
        id: Uuid::new_v4(),
        pupil_id: pupil.id,
        provision_id: provision.id,
        start: provision.start,
        end: provision.end,
        entry: None,
        exit: None,
        attendance: None,
        notes: String::new(),
        created_at: now(),
        updated_at: now(),
    };
    let plan = SupportPlan {
        id: Uuid::new_v4(),
        pupil_id: pupil.id,
        start_year: 2025,
        term: waymark::domain::calendar::TermName::Autumn,
        outcomes: vec![Outcome {
            text: "Blend CVC words".into(),
            result: None,
        }],
        provision_ids: vec![provision.id],
        review_date: None,
        pupil_views: String::new(),
        parent_views: String::new(),
        created_at: now(),
        updated_at: now(),
    };
    Dataset {
        settings: SchoolSettings::new("Checks", 2025, now()),
        roles: vec![ta].into(),
        members: vec![member].into(),
        pupils: vec![pupil].into(),
        interventions: vec![intervention].into(),
        provisions: vec![provision].into(),
        enrolments: vec![enrolment].into(),
        plans: vec![plan].into(),
        sessions: vec![].into(),
    }
}

fn messages(d: &Dataset) -> Vec<String> {
    d.validate().iter().map(ToString::to_string).collect()
}

#[test]
fn a_sound_dataset_has_no_problems_and_round_trips() {
    let d = base();
    assert_eq!(messages(&d), Vec::<String>::new());
    let json = serde_json::to_string(&d).unwrap();
    assert_eq!(serde_json::from_str::<Dataset>(&json).unwrap(), d);
    assert!(d.pupil(d.pupils[0].id).is_some());
    assert!(d.provision(Uuid::new_v4()).is_none());
}

#[test]
fn a_role_in_use_cannot_go_and_says_why() {
    let mut d = base();
    let ta = d.roles[0].id;
    assert_eq!(
        d.role_in_use(ta).as_deref(),
        Some("It is used by 1 provision and 1 member of staff and 1 intervention. Change those first.")
    );
    d.provisions.push(Provision {
        id: Uuid::new_v4(),
        ..d.provisions[0].clone()
    });
    d.members.clear();
    d.interventions.clear();
    assert_eq!(
        d.role_in_use(ta).as_deref(),
        Some("It is used by 2 provisions. Change those first.")
    );
    assert_eq!(d.role_in_use(Uuid::new_v4()), None);

    let mut d = base();
    let i = d.interventions[0].id;
    assert_eq!(
        d.intervention_in_use(i).as_deref(),
        Some("1 provision was started from it.")
    );
    d.provisions.push(Provision {
        id: Uuid::new_v4(),
        ..d.provisions[0].clone()
    });
    assert_eq!(
        d.intervention_in_use(i).as_deref(),
        Some("2 provisions were started from it.")
    );
    d.provisions.clear();
    assert_eq!(d.intervention_in_use(i), None);

    let d = base();
    let m = d.members[0].id;
    assert_eq!(
        d.member_in_use(m).as_deref(),
        Some("They deliver 1 provision. Change it first.")
    );
    assert_eq!(d.member_in_use(Uuid::new_v4()), None);
}

#[test]
fn every_broken_reference_is_named_with_its_place() {
    let mut d = base();
    let ghost = Uuid::new_v4();
    d.members[0].role_id = ghost;
    d.interventions[0].tier = "wave-9".into();
    d.interventions[0].delivery.role_id = Some(ghost);
    d.provisions[0].tier = "wave-9".into();
    d.provisions[0].intervention_id = Some(ghost);
    d.provisions[0].staff.push(StaffLine {
        role_id: ghost,
        member_id: Some(ghost),
        count: 1,
    });
    d.enrolments[0].pupil_id = ghost;
    d.enrolments[0].start = date(2025, 9, 1);
    d.plans[0].pupil_id = ghost;
    d.plans[0].provision_ids = vec![ghost];
    let m = messages(&d);
    for expected in [
        "members[0].role_id: The staff role is not in the list of roles.",
        "interventions[0].tier: The tier \"wave-9\" is not in the settings.",
        "interventions[0].delivery: The staff role is not in the list of roles.",
        "provisions[0].tier: The tier \"wave-9\" is not in the settings.",
        "provisions[0].intervention_id: The intervention is not in the library.",
        "provisions[0].staff: A staff role is not in the list of roles.",
        "provisions[0].staff: A member of staff is not in the list of staff.",
        "enrolments[0].pupil_id: The pupil is not on the roll.",
        "enrolments[0].start: The enrolment's dates fall outside the provision's dates.",
        "plans[0].pupil_id: The pupil is not on the roll.",
        "plans[0].provision_ids: A linked provision does not exist.",
    ] {
        assert!(
            m.iter().any(|x| x == expected),
            "missing {expected:?} in {m:#?}"
        );
    }

    let mut d = base();
    let other_role = StaffRole::new(
        "Teacher",
        RoleCategory::Teacher,
        RateBasis::Typed {
            hourly: Money(4000),
        },
        now(),
    );
    d.provisions[0].staff[0].role_id = other_role.id;
    d.roles.push(other_role);
    d.enrolments.push(d.enrolments[0].clone());
    d.enrolments[1].id = Uuid::new_v4();
    d.enrolments[0].provision_id = Uuid::new_v4();
    d.pupils.push(d.pupils[0].clone());
    d.pupils[1].given_name = String::new();
    d.settings.school_name = String::new();
    let m = messages(&d);
    for expected in [
        "provisions[0].staff: A member of staff is listed under a role that is not theirs.",
        "enrolments[0].provision_id: The provision does not exist.",
        "pupils[1].given_name: Enter a given name.",
        "settings[0].school_name: Enter a school name.",
    ] {
        assert!(
            m.iter().any(|x| x == expected),
            "missing {expected:?} in {m:#?}"
        );
    }
    assert!(
        m.iter().any(|x| x.starts_with("pupils[1].id: The id ")),
        "{m:#?}"
    );

    let mut d = base();
    d.enrolments.push(Enrolment {
        id: Uuid::new_v4(),
        ..d.enrolments[0].clone()
    });
    let (s, e) = (d.enrolments[0].start, d.enrolments[0].end);
    let both = DateRange::new(s, e);
    assert_eq!(
        messages(&d),
        [format!("enrolments[1].start: The pupil is in this provision twice on the same days: {both} and {both} overlap.")]
    );
    // Overlapping by one day is refused too; the day after is not.
    let first = DateRange::new(s, date(2025, 10, 17));
    d.enrolments[0].end = first.end;
    d.enrolments[1].start = date(2025, 10, 17);
    assert_eq!(
        messages(&d),
        [format!(
            "enrolments[1].start: The pupil is in this provision twice on the same days: {first} and {} overlap.",
            DateRange::new(date(2025, 10, 17), e)
        )]
    );
    d.enrolments[1].start = date(2025, 10, 18);
    assert_eq!(messages(&d), Vec::<String>::new());
}

#[test]
fn provisions_that_cannot_be_costed_are_listed_not_counted() {
    let mut d = base();
    let year = d.settings.years[0].range().unwrap();
    let ok = CostReport::build(&d, year);
    // 15.00 x 30/60 x 3 x weeks: Mon 8 Sep - Fri 12 Dec 2025 runs every
    // school day of the 14 weeks w/c 8 Sep to w/c 8 Dec (the typical autumn
    // has no breaks): 14 weeks, as a SENCO counts them (the old pro-rata
    // rule gave 14 x 70/80 = 12.25) -> 7.50 x 3 x 14 = 315.
    assert_eq!(ok.grand_total, Money(31_500));
    assert_eq!(ok.provisions[0].weeks, Exact::from_integer(14));
    assert_eq!(ok.provisions[0].mean_per_pupil(), Some(Money(31_500)));
    assert!(CostReport::for_year(&d, 2031).is_none());

    d.provisions[0].staff[0].role_id = Uuid::new_v4();
    let r = CostReport::build(&d, year);
    assert_eq!(r.grand_total, Money::ZERO);
    assert_eq!(r.issues.len(), 1);
    assert!(matches!(r.issues[0].1, CostIssue::UnknownRole { .. }));
    assert_eq!(
        r.issues[0].1.to_string(),
        "\"Phonics group\" uses a staff role that is not in the list of roles."
    );

    let mut d = base();
    d.roles[0].rate = RateBasis::Salary(SalaryBasis {
        fte_salary: Money::ZERO,
        fte_hours_per_week: Dec2::whole(37),
        contracted_hours_per_week: Dec2::whole(30),
        contact_hours_per_week: Dec2::whole(25),
        paid_weeks: Dec2::whole(44),
        working_weeks: Dec2::whole(39),
        ni_rate_percent: Dec2::whole(15),
        ni_threshold: Money::pounds(5000),
        pension_rate_percent: Dec2::whole(20),
        scale: None,
    });
    let r = CostReport::build(&d, year);
    assert_eq!(
        r.issues[0].1.to_string(),
        "\"Phonics group\" uses the role \"TA\", whose rate is incomplete or outside what Waymark accepts: check it in Settings."
    );
}

#[test]
fn a_provision_on_no_school_day_is_flagged_not_costed_at_nothing() {
    let mut d = base();
    // A summer-holiday club: no school day, £300 of fixed costs. It is not
    // £0 in silence: it is in the report's issues, named, and in no total.
    d.provisions[0].start = date(2026, 7, 27);
    d.provisions[0].end = date(2026, 8, 14);
    d.provisions[0].fixed_costs = Money::pounds(300);
    d.enrolments.clear();
    let year = d.settings.years[0].range().unwrap();
    let r = CostReport::build(&d, DateRange::new(year.start, date(2026, 8, 31)));
    assert!(r.provisions.is_empty());
    assert_eq!(r.grand_total, Money::ZERO);
    assert!(matches!(r.issues[0].1, CostIssue::NoSchoolDays { .. }));
    assert_eq!(
        r.issues[0].1.to_string(),
        "\"Phonics group\" runs on no school day (its dates fall in holidays or breaks), so it is not costed: change its dates or the terms in Settings."
    );
}

#[test]
fn eef_advice_for_ta_led_wave_2_only() {
    let mut d = base();
    assert!(
        provision_advice(&d.provisions[0], &d).is_empty(),
        "3 x 30 min over 12.25 weeks"
    );
    assert!(intervention_advice(&d.interventions[0], &d).is_empty());
    d.provisions[0].minutes_per_session = 15;
    d.provisions[0].sessions_per_week = 1;
    assert_eq!(
        provision_advice(&d.provisions[0], &d),
        [Advice::SessionsTooShort, Advice::TooFewPerWeek]
    );
    d.interventions[0].delivery.weeks = 30;
    assert_eq!(
        intervention_advice(&d.interventions[0], &d),
        [Advice::TooManyWeeks]
    );
    d.provisions[0].tier = "wave-3".into();
    assert!(provision_advice(&d.provisions[0], &d).is_empty());
    d.roles[0].category = RoleCategory::Teacher;
    d.provisions[0].tier = "wave-2".into();
    assert!(provision_advice(&d.provisions[0], &d).is_empty());
    assert!(intervention_advice(&d.interventions[0], &d).is_empty());
}

#[test]
fn enrolling_many_skips_those_already_in_and_leavers() {
    let mut d = base();
    let prov = d.provisions[0].clone();
    let already = d.pupils[0].id;
    let mut fresh = d.pupils[0].clone();
    fresh.id = Uuid::new_v4();
    let mut left = d.pupils[0].clone();
    left.id = Uuid::new_v4();
    left.left_on = Some(jiff::civil::date(2025, 7, 21));
    d.pupils.push(fresh.clone());
    d.pupils.push(left.clone());
    let now: jiff::Timestamp = "2025-09-10T08:00:00Z".parse().unwrap();
    let es = d.enrol(
        prov.id,
        &[already, fresh.id, left.id, fresh.id, Uuid::new_v4()],
        now,
    );
    assert_eq!(es.len(), 1);
    assert_eq!(es[0].pupil_id, fresh.id);
    assert_eq!((es[0].start, es[0].end), (prov.start, prov.end));
    assert_eq!(es[0].created_at, now);
    assert!(es[0].validate().is_empty());
    let mut second = fresh.clone();
    second.id = Uuid::new_v4();
    d.pupils.push(second.clone());
    let es = d.enrol(prov.id, &[second.id, fresh.id], now);
    assert_eq!(es.len(), 2);
    assert!(es[1].created_at > es[0].created_at);
    assert!(d.enrol(Uuid::new_v4(), &[fresh.id], now).is_empty());
}
