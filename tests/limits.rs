//! Issue 16, point 1: no panic from data. Every number has a range
//! (`src/domain/limits.rs`), checked on entry and on import, so a file or a
//! typo can no longer hold a figure the app cannot compute with; and every
//! computation a view runs survives schools at the edges of those ranges.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/every_view.rs"]
mod every_view;
use every_view::run_every_computation;

use jiff::civil::{date, Date};
use jiff::Timestamp;
use proptest::prelude::*;
use uuid::Uuid;
use waymark::domain::calendar::{AcademicYear, DateRange};
use waymark::domain::costing::CostReport;
use waymark::domain::dataset::Dataset;
use waymark::domain::money::Money;
use waymark::domain::needs::{BroadArea, NeedCode, SenStatus};
use waymark::domain::provision::{
    Assessment, CostSplit, Enrolment, FundingSource, Provision, SchoolDay, Score, Slot, StaffLine,
};
use waymark::domain::pupil::{EhcpDetails, Pupil, PupilDraft};
use waymark::domain::quantity::Dec2;
use waymark::domain::session::{CancelReason, SessionOutcome, SessionRecord};
use waymark::domain::settings::{
    Budget, FundingFigure, FundingKind, PpPlusAgreement, SchoolSettings,
};
use waymark::domain::staff::{RateBasis, RoleCategory, StaffRole};
use waymark::exchange::Document;

fn now() -> Timestamp {
    "2026-09-01T08:00:00Z".parse().unwrap()
}

fn la_role(per_weekly_hour: Money, weeks: Dec2) -> StaffRole {
    StaffRole::new(
        "LA TA",
        RoleCategory::TeachingAssistant,
        RateBasis::LaWeeklyHour {
            per_weekly_hour,
            weeks,
        },
        now(),
    )
}

#[test]
fn the_rate_that_bricked_the_app_is_refused_and_cannot_panic_the_costing() {
    // The issue's role: £92,233,720,368,547,758.07 (i64::MAX pence) per
    // weekly hour over 0.01 weeks. Both figures are refused, saying why.
    let role = la_role(Money(i64::MAX), Dec2::hundredths(1));
    let msgs: Vec<String> = role.validate().0.into_iter().map(|e| e.message).collect();
    assert_eq!(
        msgs,
        [
            "The LA rate per weekly hour is over £100,000: check the figure.",
            "The LA rate's weeks must be from 1 to 52."
        ]
    );
    // Each figure within its range but together over £1,000 an hour:
    // £100,000 / 1 week = £100,000 an hour, refused.
    let role = la_role(Money::pounds(100_000), Dec2::whole(1));
    assert_eq!(
        role.validate().0[0].message,
        "These figures give £100,000.00 an hour, over £1,000: check them."
    );
    // £38,000 over 38 weeks is £1,000 an hour: the largest allowed.
    assert!(la_role(Money::pounds(38_000), Dec2::whole(38))
        .validate()
        .is_empty());

    // A record stored before these limits (never validated) still cannot
    // stop the app: provisions using the role are listed as not costed,
    // naming the role, and every view computes.
    let mut d = school(&[2025], 3);
    d.roles = vec![la_role(Money(i64::MAX), Dec2::hundredths(1))].into();
    let id = d.roles[0].id;
    for p in &mut d.provisions {
        p.staff[0].role_id = id;
    }
    let r = CostReport::for_year(&d, 2025).unwrap();
    assert_eq!(r.grand_total, Money::ZERO);
    assert_eq!(
        r.issues[0].1.to_string(),
        "\"Edge actual\" uses the role \"LA TA\", whose rate is incomplete or outside what Waymark accepts: check it in Settings."
    );
    run_every_computation(&d);
    // So with a provision's own figures out of range (u32::MAX minutes).
    let mut d = school(&[2025], 3);
    d.provisions[0].minutes_per_session = u32::MAX;
    d.provisions[0].staff[0].count = u32::MAX;
    let r = CostReport::for_year(&d, 2025).unwrap();
    assert_eq!(
        r.issues[0].1.to_string(),
        "\"Edge actual\" has figures outside what Waymark accepts, so it is not costed: open it and save it to see which."
    );
    run_every_computation(&d);
}

#[test]
fn figures_beyond_their_ranges_are_refused_on_import_with_where() {
    let mut d = school(&[2025], 2);
    d.settings.budgets[0].amount = Money::pounds(100_000_001);
    d.settings.funding_figures[0].amount = Money::pounds(100_001);
    d.settings.element2_threshold = Money::pounds(1_000_001);
    d.settings.years[0].start_year = 9999;
    d.provisions[0].end = date(2102, 1, 1);
    d.pupils[0].ehcp.as_mut().unwrap().top_up = Money::pounds(1_000_001);
    let msgs: Vec<String> = d
        .validate()
        .into_iter()
        .map(|p| format!("{}[{}].{}: {}", p.kind, p.index, p.field, p.message))
        .collect();
    for expected in [
        "settings[0].budgets: The Notional SEN budget budget is over £100,000,000: check the figure.",
        "settings[0].element2_threshold: The element-2 threshold is over £1,000,000: check the figure.",
        "settings[0].years: 9999-00: An academic year must start from 2000 to 2100 (this one starts in 9999).",
        "provisions[0].end: A provision's dates must fall from 01/01/2000 to 31/12/2101.",
        "pupils[0].ehcp: The EHC plan's top-up is over £1,000,000 a year: check the figure.",
    ] {
        assert!(msgs.iter().any(|m| m == expected), "missing {expected:?} in {msgs:#?}");
    }
    assert!(
        msgs.iter().any(|m| m.contains("is over £100,000 a pupil")),
        "{msgs:#?}"
    );
    // Through the real reader: the document is refused, and says where.
    let text = Document::new(d, now()).to_json();
    let err = Document::from_json(&text).unwrap_err().to_string();
    assert!(err.contains("problem"), "{err}");
}

/// A school at the edges of every range: the largest rate (£1,000 an hour),
/// sessions (35 a week), minutes (480), staff (10), fixed costs (£1m),
/// group size (40), budgets (£100m), funding figures (£100k), thresholds and
/// top-ups (£1m), and provisions running from the first academic year set
/// up to the last (up to 2000-01 to 2100-01, 101 years).
fn school(years: &[i16], pupils: usize) -> Dataset {
    let first = *years.first().unwrap();
    let last = *years.last().unwrap();
    let mut settings = SchoolSettings::new("Edges", first, now());
    settings.years = years.iter().map(|y| AcademicYear::typical(*y)).collect();
    settings.element2_threshold = Money::pounds(1_000_000);
    settings.budgets = vec![Budget {
        year: waymark::domain::settings::BudgetYear::Academic,
        start_year: first,
        source: FundingSource::NotionalSen,
        amount: Money::pounds(100_000_000),
    }];
    settings.funding_figures = vec![FundingFigure {
        kind: FundingKind::PupilPremiumPlus,
        start_year: first,
        amount: Money::pounds(100_000),
    }];
    settings.pp_plus_agreed = vec![PpPlusAgreement {
        start_year: first,
        amount: Money::pounds(1_000_000),
    }];
    let role = la_role(Money::pounds(38_000), Dec2::whole(38));
    let mut ps: Vec<Pupil> = (0..pupils)
        .map(|i| {
            let mut d = PupilDraft::new(&format!("Pupil{i}"), "Edge", "Y6");
            d.sen_status = "E".into();
            d.primary_need = "SEMH".into();
            let mut p = Pupil::create(&d, now()).unwrap();
            p.sen_status = SenStatus::Ehcp;
            p.primary_need = Some(NeedCode::Semh);
            p.flags.lac = i % 2 == 0;
            p.ehcp = Some(EhcpDetails {
                issue_date: date(first, 1, 1),
                next_annual_review: None,
                local_authority: "Anyshire".into(),
                top_up: Money::pounds(1_000_000),
            });
            p
        })
        .collect();
    ps.iter_mut().for_each(|p| p.updated_at = now());
    let span = DateRange::new(
        settings.years[0].range().unwrap().start,
        settings.years.last().unwrap().range().unwrap().end,
    );
    let _ = last;
    let provision = |name: &str, split| Provision {
        id: Uuid::new_v4(),
        intervention_id: None,
        name: name.into(),
        broad_area: BroadArea::Semh,
        tier: "wave-3".into(),
        staff: vec![StaffLine {
            role_id: role.id,
            member_id: None,
            count: 10,
        }],
        sessions_per_week: 35,
        minutes_per_session: 480,
        start: span.start,
        end: span.end,
        funding: FundingSource::NotionalSen,
        fixed_costs: Money::pounds(1_000_000),
        // 35 slots, every day 08:00 to 14:00 on the hour: 480-minute
        // sessions overlap each other and run past the school day.
        slots: SchoolDay::ALL
            .into_iter()
            .flat_map(|day| {
                (8..15).map(move |h| Slot {
                    day,
                    start: jiff::civil::Time::constant(h, 0, 0, 0),
                    room: "R".repeat(40),
                })
            })
            .collect(),
        planned_group_size: 40,
        split,
        recurring: true,
        planned: false,
        created_at: now(),
        updated_at: now(),
    };
    let provisions = vec![
        provision("Edge actual", CostSplit::ActualPupils),
        provision("Edge planned", CostSplit::PlannedGroupSize),
    ];
    let mut enrolments = Vec::new();
    for p in &provisions {
        for (i, pupil) in ps.iter().enumerate() {
            let score = |v: i64| {
                Some(Assessment {
                    score: Score::StandardisedScore(Dec2::whole(v)),
                    date: if v == 40 { span.start } else { span.end },
                })
            };
            enrolments.push(Enrolment {
                id: Uuid::new_v4(),
                pupil_id: pupil.id,
                provision_id: p.id,
                start: span.start,
                end: if i % 3 == 0 { span.start } else { span.end },
                entry: score(40),
                exit: score(160),
                attendance: None,
                notes: String::new(),
                created_at: now(),
                updated_at: now(),
            });
        }
    }
    // On the first day: one session of each provision run with every pupil
    // absent, one cancelled with the longest note.
    let sessions: Vec<SessionRecord> = provisions
        .iter()
        .flat_map(|p| {
            [
                SessionRecord {
                    id: Uuid::new_v4(),
                    provision_id: p.id,
                    date: span.start,
                    start: jiff::civil::Time::constant(8, 0, 0, 0),
                    outcome: SessionOutcome::Delivered {
                        absent: ps.iter().map(|x| x.id).collect(),
                    },
                    created_at: now(),
                    updated_at: now(),
                },
                SessionRecord {
                    id: Uuid::new_v4(),
                    provision_id: p.id,
                    date: span.start,
                    start: jiff::civil::Time::constant(9, 0, 0, 0),
                    outcome: SessionOutcome::Cancelled {
                        reason: CancelReason::Other,
                        note: "n".repeat(500),
                    },
                    created_at: now(),
                    updated_at: now(),
                },
            ]
        })
        .collect();
    settings.attendance_threshold = 100;
    Dataset {
        settings,
        roles: vec![role].into(),
        members: vec![].into(),
        pupils: ps.into(),
        interventions: vec![].into(),
        provisions: provisions.into(),
        enrolments: enrolments.into(),
        plans: vec![].into(),
        sessions: sessions.into(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    /// Schools at the edges of every range are valid, and nothing a view
    /// computes from them panics: costing, the map, budgets, staff, impact,
    /// every report, the rollover preview, the what-if and the export.
    #[test]
    fn schools_at_the_edges_of_every_range_compute_without_panic(
        first in 2000i16..=2098,
        span in 1i16..=3,
        pupils in 1usize..=40,
        every_year in any::<bool>(),
    ) {
        let years: Vec<i16> = if every_year {
            (2000..=2100).collect()
        } else {
            (first..first + span).collect()
        };
        let d = school(&years, pupils);
        prop_assert_eq!(d.validate(), vec![]);
        run_every_computation(&d);
    }
}

#[test]
fn dates_at_the_edges_of_the_calendar_do_not_panic() {
    // The last year there can be, and a provision to the last date allowed.
    let mut d = school(&[2100], 2);
    d.provisions[0].end = date(2101, 12, 31);
    assert_eq!(d.validate(), vec![]);
    run_every_computation(&d);
    let _: Date = waymark::domain::limits::date_range().end;
}

/// The published JSON Schema states the same ranges the app checks, so a
/// file written from the schema alone meets no refusal it does not mention
/// (apart from the cross-record rules the README lists).
#[test]
fn the_json_schema_publishes_every_range_the_app_checks() {
    use waymark::domain::limits::*;
    let schema: serde_json::Value =
        serde_json::from_str(&waymark::exchange::document_schema()).unwrap();
    let defs = &schema["$defs"];
    let prop = |def: &str, field: &str| defs[def]["properties"][field].clone();
    let range = |def: &str, field: &str| {
        let p = prop(def, field);
        (p["minimum"].as_i64(), p["maximum"].as_i64())
    };
    assert_eq!(
        range("Budget", "amount"),
        (Some(0), Some(MAX_BUDGET.as_pence()))
    );
    assert_eq!(
        range("FundingFigure", "amount"),
        (Some(0), Some(MAX_FUNDING_FIGURE.as_pence()))
    );
    assert_eq!(
        range("PpPlusAgreement", "amount"),
        (Some(0), Some(MAX_PER_PUPIL.as_pence()))
    );
    assert_eq!(
        range("SchoolSettings", "element2_threshold"),
        (Some(0), Some(MAX_PER_PUPIL.as_pence()))
    );
    assert_eq!(
        range("EhcpDetails", "top_up"),
        (Some(0), Some(MAX_PER_PUPIL.as_pence()))
    );
    assert_eq!(
        range("Provision", "fixed_costs"),
        (Some(0), Some(MAX_FIXED.as_pence()))
    );
    assert_eq!(
        range("Intervention", "fixed_costs"),
        (Some(0), Some(MAX_FIXED.as_pence()))
    );
    assert_eq!(
        range("AcademicYear", "start_year"),
        (Some(i64::from(MIN_YEAR)), Some(i64::from(MAX_YEAR)))
    );
    assert_eq!(
        range("Budget", "start_year"),
        (Some(i64::from(MIN_YEAR)), Some(i64::from(MAX_YEAR)))
    );
    assert_eq!(range("Provision", "sessions_per_week"), (Some(1), Some(35)));
    assert_eq!(
        range("Provision", "minutes_per_session"),
        (Some(1), Some(480))
    );
    assert_eq!(
        range("Provision", "planned_group_size"),
        (Some(1), Some(40))
    );
    assert_eq!(range("StaffLine", "count"), (Some(1), Some(10)));
    assert_eq!(
        range("SchoolSettings", "min_weeks_to_judge"),
        (Some(1), Some(26))
    );
    assert_eq!(
        range("SchoolSettings", "attendance_threshold"),
        (Some(1), Some(100))
    );
    assert_eq!(prop("Slot", "room")["maxLength"].as_u64(), Some(40));
    assert_eq!(
        prop("Term", "breaks")["maxItems"].as_u64(),
        Some(MAX_BREAKS as u64)
    );
    assert_eq!(
        prop("SchoolSettings", "years")["maxItems"].as_u64(),
        Some(MAX_YEARS as u64)
    );
    assert_eq!(
        prop("Provision", "staff")["maxItems"].as_u64(),
        Some(MAX_STAFF_LINES as u64)
    );
    assert_eq!(prop("Pupil", "given_name")["maxLength"].as_u64(), Some(100));
    assert!(prop("Provision", "start")["pattern"]
        .as_str()
        .unwrap()
        .starts_with("^(20[0-9]{2}|210[01])"));
    // The rates inside the tagged union.
    let rates = defs["RateBasis"]["oneOf"].as_array().unwrap();
    let typed = rates
        .iter()
        .find(|r| r["properties"]["basis"]["const"] == "typed")
        .unwrap();
    assert_eq!(
        typed["properties"]["hourly"]["maximum"].as_i64(),
        Some(MAX_HOURLY.as_pence())
    );
    let la = rates
        .iter()
        .find(|r| r["properties"]["basis"]["const"] == "la_weekly_hour")
        .unwrap();
    assert_eq!(
        la["properties"]["per_weekly_hour"]["maximum"].as_i64(),
        Some(MAX_LA_WEEKLY_HOUR.as_pence())
    );
}
