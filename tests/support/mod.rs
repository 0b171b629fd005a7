//! A small dataset with one record of every kind, every optional field filled.
#![allow(dead_code)]

use jiff::civil::{date, Time};
use jiff::Timestamp;
use uuid::Uuid;
use waymark::domain::calendar::{DateRange, TermName};
use waymark::domain::dataset::Dataset;
use waymark::domain::money::Money;
use waymark::domain::needs::{BroadArea, NeedCode, SenStatus};
use waymark::domain::pay::{PayPoint, PayScale, RateChange, ScaleKind, ScalePoint, ScaleVersion};
use waymark::domain::plan::{Outcome, ReviewResult, SupportPlan};
use waymark::domain::provision::{
    Assessment, Attendance, CostSplit, Delivery, Enrolment, FundingSource, Intervention,
    MeasureKind, Provision, SchoolDay, Score, Slot, StaffLine,
};
use waymark::domain::pupil::{EhcpDetails, Pupil, PupilDraft};
use waymark::domain::quantity::Dec2;
use waymark::domain::rate_card::{CardRate, LaBasis, RateCard, TimeWindow};
use waymark::domain::session::{CancelReason, SessionOutcome, SessionRecord};
use waymark::domain::settings::{Budget, BudgetYear, SchoolSettings};
use waymark::domain::staff::{RateBasis, RoleCategory, SalaryBasis, StaffMember, StaffRole};

/// Takes out of a dataset's JSON the fields version 5 added (budget year,
/// pay scales, rate cards, each budget's year, a role's pay awards and a
/// salary's scale point), checking each holds what the upgrade gives: so a
/// fixture of an earlier version can be compared value for value.
pub fn without_v5_fields(v: &mut serde_json::Value) {
    use serde_json::{json, Value};
    let settings = v["settings"].as_object_mut().unwrap();
    assert_eq!(settings.remove("budget_year"), Some(json!("academic")));
    assert_eq!(settings.remove("pay_scales"), Some(json!([])));
    assert_eq!(settings.remove("rate_cards"), Some(json!([])));
    for b in settings["budgets"].as_array_mut().unwrap() {
        assert_eq!(
            b.as_object_mut().unwrap().remove("year"),
            Some(json!("academic"))
        );
    }
    for r in v["roles"].as_array_mut().unwrap() {
        let r = r.as_object_mut().unwrap();
        assert_eq!(r.remove("rate_changes"), Some(json!([])));
        if let Some(rate) = r["rate"].as_object_mut() {
            if rate["basis"] == "salary" {
                assert_eq!(rate.remove("scale"), Some(Value::Null));
            }
        }
    }
}

pub fn now() -> Timestamp {
    "2025-09-01T08:00:00.250Z".parse().unwrap()
}

pub fn sample() -> Dataset {
    let mut settings = SchoolSettings::new("Sample Primary", 2025, now());
    settings.years[0].terms[0]
        .breaks
        .push(DateRange::new(date(2025, 10, 27), date(2025, 10, 31)));
    settings.budgets.push(Budget {
        start_year: 2025,
        year: BudgetYear::Academic,
        source: FundingSource::NotionalSen,
        amount: Money::pounds(42_000),
    });
    // Version 5: a financial year's budget, the year kind, a pay scale and
    // an LA's rate card.
    settings.budget_year = BudgetYear::Financial;
    settings.budgets.push(Budget {
        start_year: 2025,
        year: BudgetYear::Financial,
        source: FundingSource::PupilPremium,
        amount: Money::pounds(18_000),
    });
    let spine = PayScale {
        id: Uuid::new_v4(),
        name: "NJC pay spine".into(),
        kind: ScaleKind::SupportSpine,
        versions: vec![
            ScaleVersion {
                from: date(2025, 4, 1),
                points: vec![
                    PayPoint {
                        point: "3".into(),
                        salary: Money::pounds(24_413),
                    },
                    PayPoint {
                        point: "5".into(),
                        salary: Money::pounds(25_584),
                    },
                ],
            },
            ScaleVersion {
                from: date(2026, 4, 1),
                points: vec![PayPoint {
                    point: "3".into(),
                    salary: Money::pounds(25_145),
                }],
            },
        ],
    };
    let spine_id = spine.id;
    settings.pay_scales.push(spine);
    settings.rate_cards.push(RateCard {
        id: Uuid::new_v4(),
        authority: "Anyshire County Council".into(),
        from: date(2025, 4, 1),
        weeks: Dec2::whole(38),
        rates: vec![
            CardRate {
                category: RoleCategory::TeachingAssistant,
                rate: LaBasis::PerWeeklyHour {
                    amount: Money(65_360),
                },
            },
            CardRate {
                category: RoleCategory::Teacher,
                rate: LaBasis::PerMinute {
                    pence_per_minute: Dec2::hundredths(8_650),
                },
            },
            CardRate {
                category: RoleCategory::Specialist,
                rate: LaBasis::Hourly {
                    amount: Money::pounds(60),
                },
            },
        ],
        excluded_times: vec![TimeWindow {
            name: "Lunch".into(),
            start: Time::constant(12, 0, 0, 0),
            end: Time::constant(13, 0, 0, 0),
        }],
        excluded_tiers: vec!["wave-1".into()],
        costs_resources: true,
        cap_per_pupil: Some(Money::pounds(20_000)),
        example: false,
        notes: "Agreed at the <b>panel</b>, March 2025.".into(),
        created_at: now(),
        updated_at: now(),
    });
    settings
        .pp_plus_agreed
        .push(waymark::domain::settings::PpPlusAgreement {
            start_year: 2024,
            amount: Money::pounds(1_200),
        });
    let ta = StaffRole::new(
        "TA",
        RoleCategory::TeachingAssistant,
        RateBasis::Salary(SalaryBasis {
            fte_salary: Money::pounds(25_584),
            fte_hours_per_week: Dec2::whole(37),
            contracted_hours_per_week: Dec2::hundredths(3250),
            contact_hours_per_week: Dec2::hundredths(3250),
            paid_weeks: Dec2::hundredths(4357),
            working_weeks: Dec2::whole(39),
            ni_rate_percent: Dec2::whole(15),
            ni_threshold: Money::pounds(5_000),
            pension_rate_percent: Dec2::whole(20),
            scale: Some(ScalePoint {
                scale_id: spine_id,
                point: "5".into(),
            }),
        }),
        now(),
    );
    let mut ta = ta;
    ta.rate_changes.push(RateChange {
        from: date(2026, 4, 1),
        rate: RateBasis::Typed {
            hourly: Money(2_150),
        },
    });
    let member = StaffMember {
        id: Uuid::new_v4(),
        name: "Mrs Patel".into(),
        role_id: ta.id,
        hours_available_per_week: Dec2::hundredths(2750),
        created_at: now(),
        updated_at: now(),
    };
    let mut pupil = Pupil::create(&PupilDraft::new("Zoë", "O'Brien", "Y4"), now()).unwrap();
    pupil.upn = Some("A123456789012".into());
    pupil.class_name = "4B".into();
    pupil.date_of_birth = Some(date(2016, 2, 29));
    pupil.sen_status = SenStatus::Ehcp;
    pupil.primary_need = Some(NeedCode::Asd);
    pupil.secondary_need = Some(NeedCode::Slcn);
    pupil.flags.pupil_premium = true;
    pupil.flags.plac = true;
    pupil.flags.eal = true;
    pupil.ehcp = Some(EhcpDetails {
        issue_date: date(2024, 3, 1),
        next_annual_review: Some(date(2026, 3, 1)),
        local_authority: "Anyshire".into(),
        top_up: Money(812_345),
    });
    pupil.profile.strengths = "Knows every bus route.\nKind.".into();
    pupil.profile.what_helps = "A visual timetable".into();
    pupil.profile.what_does_not_help = "Sudden noise".into();
    pupil.profile.communication = "Short sentences".into();
    pupil.on_register_from = Some(date(2023, 9, 4));
    pupil
        .year_group_history
        .insert(2024, "Y3".parse().expect("a year group"));
    let intervention = Intervention {
        id: Uuid::new_v4(),
        name: "Colourful semantics".into(),
        description: "Sentence building <b>with colours</b>".into(),
        broad_areas: vec![
            BroadArea::CommunicationAndInteraction,
            BroadArea::CognitionAndLearning,
        ],
        tier: "wave-2".into(),
        delivery: Delivery {
            role_id: Some(ta.id),
            staff_count: 1,
            group_size: 4,
            sessions_per_week: 3,
            minutes_per_session: 30,
            weeks: 12,
        },
        fixed_costs: Money(4_999),
        resource_costs: Money(1_250),
        evidence_note: "EEF: moderate impact".into(),
        outcome_measure: MeasureKind::StandardisedScore,
        created_at: now(),
        updated_at: now(),
    };
    let provision = Provision {
        id: Uuid::new_v4(),
        intervention_id: Some(intervention.id),
        name: "Colourful semantics (Y4)".into(),
        broad_area: BroadArea::CommunicationAndInteraction,
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
        fixed_costs: Money(4_999),
        slots: vec![Slot {
            day: SchoolDay::Tuesday,
            start: Time::constant(10, 45, 0, 0),
            room: "Library".into(),
        }],
        planned_group_size: 4,
        split: CostSplit::PlannedGroupSize,
        recurring: true,
        planned: false,
        created_at: now(),
        updated_at: now(),
    };
    let enrolment = Enrolment {
        id: Uuid::new_v4(),
        pupil_id: pupil.id,
        provision_id: provision.id,
        start: date(2025, 9, 8),
        end: date(2025, 12, 12),
        entry: Some(Assessment {
            score: Score::StandardisedScore(Dec2::hundredths(8250)),
            date: date(2025, 9, 8),
        }),
        exit: Some(Assessment {
            score: Score::StandardisedScore(Dec2::whole(88)),
            date: date(2025, 12, 12),
        }),
        attendance: Some(Attendance {
            attended: 35,
            offered: 38,
        }),
        notes: "Missed two weeks (illness).".into(),
        created_at: now(),
        updated_at: now(),
    };
    let plan = SupportPlan {
        id: Uuid::new_v4(),
        pupil_id: pupil.id,
        start_year: 2025,
        term: TermName::Autumn,
        outcomes: vec![
            Outcome {
                text: "Uses who/what/where in a sentence".into(),
                result: Some(ReviewResult::Partly),
            },
            Outcome {
                text: "Asks for a break with a card".into(),
                result: None,
            },
        ],
        provision_ids: vec![provision.id],
        review_date: Some(date(2025, 12, 10)),
        pupil_views: "I like the colours".into(),
        parent_views: "More of this at home please".into(),
        created_at: now(),
        updated_at: now(),
    };
    // Tuesday 9 September 2025, Zoë absent; Tuesday 16 September, cancelled.
    let sessions = vec![
        SessionRecord {
            id: Uuid::new_v4(),
            provision_id: provision.id,
            date: date(2025, 9, 9),
            start: Time::constant(10, 45, 0, 0),
            outcome: SessionOutcome::Delivered {
                absent: vec![pupil.id],
            },
            created_at: now(),
            updated_at: now(),
        },
        SessionRecord {
            id: Uuid::new_v4(),
            provision_id: provision.id,
            date: date(2025, 9, 16),
            start: Time::constant(10, 45, 0, 0),
            outcome: SessionOutcome::Cancelled {
                reason: CancelReason::StaffAbsence,
                note: "Mrs Patel on a course".into(),
            },
            created_at: now(),
            updated_at: now(),
        },
    ];
    settings.day_start = Time::constant(8, 50, 0, 0);
    settings.day_end = Time::constant(15, 20, 0, 0);
    settings.attendance_threshold = 75;
    Dataset {
        settings,
        roles: vec![ta].into(),
        members: vec![member].into(),
        pupils: vec![pupil].into(),
        interventions: vec![intervention].into(),
        provisions: vec![provision].into(),
        enrolments: vec![enrolment].into(),
        plans: vec![plan].into(),
        sessions: sessions.into(),
    }
}
