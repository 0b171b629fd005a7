//! Dated pay (issue 18, point 5), worked by hand: a role's rate from a date
//! (a pay award), a salary taken from a pay scale point whose salary rises
//! on a date, and the costs, splits, checks and commands around them.
//!
//! Calendars (2025-26), every week a full Monday-to-Friday week unless said:
//! - "Easter award" school: spring Mon 5 Jan - Fri 27 Mar 2026 (12 weeks,
//!   12 teaching weeks); summer Mon 13 Apr - Fri 17 Jul 2026 (14 weeks, 14
//!   teaching weeks). An award from Wed 1 Apr 2026 falls in the Easter
//!   holiday, so every summer day is at the new rate.
//! - "Mid-term award" school: spring Mon 5 Jan - Thu 2 Apr 2026, half term
//!   16-20 Feb; 13 Monday-to-Friday weeks less half term = 12 weeks with
//!   school days: 11 full weeks and the last week of 4 days (Mon 30 Mar -
//!   Thu 2 Apr), 12 teaching weeks. 1 Apr 2026 is the Wednesday of that
//!   last week. Summer Mon 20 Apr - Fri 17 Jul 2026 (13 weeks).
//!
//! The TA's rate: typed £20.00 an hour, and £21.00 an hour from 01/04/2026.
//! A provision of 2 sessions a week of 30 minutes with 1 TA:
//! one session = £20.00 x 30/60 = £10.00 before the award, £21.00 x 30/60
//! = £10.50 from it.
#![cfg(not(target_arch = "wasm32"))]

use jiff::civil::{date, Date, Time};
use jiff::Timestamp;
use uuid::Uuid;
use waymark::domain::attendance::AttendanceReport;
use waymark::domain::calendar::{AcademicYear, DateRange, Term, TermName};
use waymark::domain::commands::save_role;
use waymark::domain::costing::{cost_provision, CostIssue, CostReport, ProvisionCost};
use waymark::domain::dataset::Dataset;
use waymark::domain::edit::Change;
use waymark::domain::fields::{PayScaleField, RoleField, SettingsField};
use waymark::domain::money::{round_pence, Exact, Money};
use waymark::domain::needs::BroadArea;
use waymark::domain::pay::{
    rate_note, rate_steps, PayPoint, PayScale, PayScaleDraft, PointDraft, RateChange,
    RateChangeDraft, RateStep, ScaleKind, ScalePoint, ScaleVersion, ScaleVersionDraft,
};
use waymark::domain::pay_commands::{
    delete_pay_scale, delete_rate_change, delete_scale_version, save_pay_scale, save_rate_change,
    save_scale_version,
};
use waymark::domain::provision::{CostSplit, FundingSource, Provision, StaffLine};
use waymark::domain::quantity::Dec2;
use waymark::domain::session::{CancelReason, SessionOutcome, SessionRecord};
use waymark::domain::settings::SchoolSettings;
use waymark::domain::staff::{
    RateBasis, RateKind, RoleCategory, RoleDraft, SalaryBasis, StaffMember, StaffRole,
};

fn now() -> Timestamp {
    "2026-09-01T08:00:00Z".parse().unwrap()
}

fn gbp(pounds: i64, pence: i64) -> Money {
    Money(pounds * 100 + pence)
}

fn term(name: TermName, start: Date, end: Date, weeks: u32, breaks: Vec<DateRange>) -> Term {
    Term {
        name,
        start,
        end,
        teaching_weeks: weeks,
        breaks,
    }
}

/// The "Easter award" school's year.
fn easter_year() -> AcademicYear {
    let mut y = AcademicYear::typical(2025);
    y.terms = vec![
        term(
            TermName::Autumn,
            date(2025, 9, 1),
            date(2025, 12, 19),
            16,
            vec![],
        ),
        term(
            TermName::Spring,
            date(2026, 1, 5),
            date(2026, 3, 27),
            12,
            vec![],
        ),
        term(
            TermName::Summer,
            date(2026, 4, 13),
            date(2026, 7, 17),
            14,
            vec![],
        ),
    ];
    y
}

/// The "mid-term award" school's year.
fn mid_term_year(spring_weeks: u32) -> AcademicYear {
    let mut y = AcademicYear::typical(2025);
    y.terms = vec![
        term(
            TermName::Autumn,
            date(2025, 9, 1),
            date(2025, 12, 19),
            16,
            vec![],
        ),
        term(
            TermName::Spring,
            date(2026, 1, 5),
            date(2026, 4, 2),
            spring_weeks,
            vec![DateRange::new(date(2026, 2, 16), date(2026, 2, 20))],
        ),
        term(
            TermName::Summer,
            date(2026, 4, 20),
            date(2026, 7, 17),
            13,
            vec![],
        ),
    ];
    y
}

fn typed(pence: i64) -> RateBasis {
    RateBasis::Typed {
        hourly: Money(pence),
    }
}

/// The TA: £20.00 an hour, £21.00 from 01/04/2026.
fn ta() -> StaffRole {
    let mut r = StaffRole::new("TA", RoleCategory::TeachingAssistant, typed(2000), now());
    r.rate_changes = vec![RateChange {
        from: date(2026, 4, 1),
        rate: typed(2100),
    }];
    r
}

fn provision(lines: Vec<StaffLine>, spw: u32, minutes: u32, start: Date, end: Date) -> Provision {
    Provision {
        id: Uuid::new_v4(),
        intervention_id: None,
        name: "Reading catch-up".into(),
        broad_area: BroadArea::CognitionAndLearning,
        tier: "wave-2".into(),
        staff: lines,
        sessions_per_week: spw,
        minutes_per_session: minutes,
        start,
        end,
        funding: FundingSource::NotionalSen,
        fixed_costs: Money::ZERO,
        slots: vec![],
        planned_group_size: 4,
        split: CostSplit::ActualPupils,
        recurring: false,
        planned: false,
        created_at: now(),
        updated_at: now(),
    }
}

fn line(role_id: Uuid, member_id: Option<Uuid>) -> StaffLine {
    StaffLine {
        role_id,
        member_id,
        count: 1,
    }
}

fn school(year: AcademicYear, roles: Vec<StaffRole>, provisions: Vec<Provision>) -> Dataset {
    let mut settings = SchoolSettings::new("Pay", 2025, now());
    settings.years = vec![year];
    let mut d = Dataset::empty(settings);
    d.roles = roles.into();
    d.provisions = provisions.into();
    d
}

fn cost(d: &Dataset, i: usize, period: &DateRange) -> Result<ProvisionCost, CostIssue> {
    cost_provision(&d.provisions[i], d, &[], period)
}

fn whole(d: &Dataset, i: usize) -> ProvisionCost {
    let p = &d.provisions[i];
    cost(d, i, &p.range()).unwrap()
}

#[test]
fn the_rate_in_force_is_the_last_change_from_on_or_before_the_day() {
    let r = ta();
    // Before the award the first rate, from it the new one.
    assert_eq!(
        r.hourly_on(date(2026, 3, 31), &[]),
        Some(Exact::from_integer(2000))
    );
    assert_eq!(
        r.hourly_on(date(2026, 4, 1), &[]),
        Some(Exact::from_integer(2100))
    );
    // `hourly_exact` stays the rate before any change.
    assert_eq!(r.hourly_exact(), Some(Exact::from_integer(2000)));
    assert_eq!(r.change_dates(&[]), vec![date(2026, 4, 1)]);
    assert_eq!(
        rate_steps(&r, &[]),
        vec![
            RateStep {
                from: None,
                hourly: Some(gbp(20, 0))
            },
            RateStep {
                from: Some(date(2026, 4, 1)),
                hourly: Some(gbp(21, 0))
            },
        ]
    );
}

#[test]
fn an_award_in_the_easter_holiday_costs_the_summer_at_the_new_rate() {
    // Spring: 12 weeks x 2 sessions x £10.00 = £240.00.
    // Summer: 14 weeks x 2 sessions x £10.50 = £294.00.
    // The whole run: £240.00 + £294.00 = £534.00.
    let r = ta();
    let p = provision(
        vec![line(r.id, None)],
        2,
        30,
        date(2026, 1, 5),
        date(2026, 7, 17),
    );
    let d = school(easter_year(), vec![r], vec![p]);
    let c = whole(&d, 0);
    let terms: Vec<Money> = c.by_term.iter().map(|t| t.total).collect();
    assert_eq!(terms, vec![gbp(240, 0), gbp(294, 0)]);
    assert_eq!(c.total, gbp(534, 0));
    assert_eq!(c.weeks, Exact::from_integer(26));
    // The session cost shown is the first day's; the steps say when it
    // changed: the first day costed at £10.50 is Mon 13 Apr.
    assert_eq!(c.session_cost, Exact::from_integer(1000));
    assert_eq!(c.session_cost_on, date(2026, 1, 5));
    assert_eq!(
        c.session_steps,
        vec![
            (date(2026, 1, 5), Exact::from_integer(1000)),
            (date(2026, 4, 13), Exact::from_integer(1050)),
        ]
    );
    let note = waymark::domain::costing::session_steps_note(&c).unwrap();
    assert!(
        note.contains("£10.00 from 05/01/2026, then £10.50 from 13/04/2026"),
        "{note}"
    );
    // Over the summer term alone, only the new rate: £294.00 from 13/04.
    let summer = cost(&d, 0, &DateRange::new(date(2026, 4, 13), date(2026, 7, 17))).unwrap();
    assert_eq!(summer.total, gbp(294, 0));
    assert_eq!(summer.session_cost, Exact::from_integer(1050));
    assert_eq!(summer.session_steps.len(), 1);
}

#[test]
fn an_award_in_the_last_week_of_a_term_splits_the_week() {
    // Spring (mid-term award school): raw weeks = 11 full weeks + 4 days
    // of a 4-day week (1 each quarter) = 12, so 12 teaching weeks.
    // Before the award (5 Jan - Tue 31 Mar): 11 weeks + Mon and Tue of the
    // 4-day week (2/4) = 11.5 weeks; from it (Wed 1, Thu 2 Apr) 0.5 weeks.
    // TA: 11.5 x 2 x £10.00 + 0.5 x 2 x £10.50 = £230.00 + £10.50 = £240.50.
    // An HLTA at £30.00 an hour (no award) on a second line:
    //     £15.00 a session x 2 x 12 weeks = £360.00.
    // Total £600.50; by role TA £240.50, HLTA £360.00; by member the same
    // (Mrs A on the TA line, Mr B on the HLTA line).
    let r = ta();
    let hlta = StaffRole::new("HLTA", RoleCategory::TeachingAssistant, typed(3000), now());
    let a = StaffMember {
        id: Uuid::new_v4(),
        name: "Mrs A".into(),
        role_id: r.id,
        hours_available_per_week: Dec2::whole(20),
        created_at: now(),
        updated_at: now(),
    };
    let b = StaffMember {
        id: Uuid::new_v4(),
        name: "Mr B".into(),
        role_id: hlta.id,
        ..a.clone()
    };
    let p = provision(
        vec![line(r.id, Some(a.id)), line(hlta.id, Some(b.id))],
        2,
        30,
        date(2026, 1, 5),
        date(2026, 4, 2),
    );
    let (ta_id, hlta_id) = (r.id, hlta.id);
    let mut d = school(mid_term_year(12), vec![r, hlta], vec![p]);
    d.members = vec![a.clone(), b.clone()].into();
    assert_eq!(d.validate(), vec![]);
    let c = whole(&d, 0);
    assert_eq!(c.weeks, Exact::from_integer(12));
    assert_eq!(c.total, gbp(600, 50));
    assert_eq!(c.staff, gbp(600, 50));
    assert_eq!(
        c.by_role,
        vec![
            (Some(ta_id), gbp(240, 50)),
            (Some(hlta_id), gbp(360, 0)),
            (None, Money::ZERO)
        ]
    );
    assert_eq!(
        c.by_member,
        vec![(Some(a.id), gbp(240, 50)), (Some(b.id), gbp(360, 0))]
    );
    // One session was £25.00 (£10.00 + £15.00) to Tue 31 Mar and £25.50
    // from Wed 1 Apr.
    assert_eq!(
        c.session_steps,
        vec![
            (date(2026, 1, 5), Exact::from_integer(2500)),
            (date(2026, 4, 1), Exact::from_integer(2550)),
        ]
    );
}

#[test]
fn a_term_counted_short_shares_its_weeks_pro_rata_and_rounds_once() {
    // The SENCO counts 11 teaching weeks in the same spring term (raw 12):
    // before the award 11 x 11.5/12 weeks, from it 11 x 0.5/12 weeks.
    // TA only, 2 x 30 minutes:
    //   before: 2 x £10.00 x 11 x 11.5/12 = 2,530/12 = £210.8333...
    //   after:  2 x £10.50 x 11 x 0.5/12  = 115.5/12 = £9.625
    //   total:  £220.4583... rounded once = £220.46
    let r = ta();
    let p = provision(
        vec![line(r.id, None)],
        2,
        30,
        date(2026, 1, 5),
        date(2026, 4, 2),
    );
    let d = school(mid_term_year(11), vec![r], vec![p]);
    let c = whole(&d, 0);
    assert_eq!(c.weeks, Exact::from_integer(11));
    assert_eq!(c.total, gbp(220, 46));
}

#[test]
fn termly_figures_add_up_to_the_year_with_an_award() {
    // The whole year, both schools: each term is rounded once and the year
    // is the sum of its terms; by role and by member add up too.
    for year in [easter_year(), mid_term_year(12)] {
        let r = ta();
        let p1 = provision(
            vec![line(r.id, None)],
            3,
            25,
            date(2025, 11, 3),
            date(2026, 6, 26),
        );
        let p2 = provision(
            vec![line(r.id, None), line(r.id, None)],
            1,
            40,
            date(2026, 3, 2),
            date(2026, 5, 8),
        );
        let d = school(year, vec![r], vec![p1, p2]);
        let report = CostReport::for_year(&d, 2025).unwrap();
        assert!(report.issues.is_empty());
        assert_eq!(
            report.by_term.values().copied().sum::<Money>(),
            report.grand_total
        );
        assert_eq!(
            report.by_role.values().copied().sum::<Money>(),
            report.grand_total
        );
        assert_eq!(
            report.by_member.values().copied().sum::<Money>() + report.fixed(),
            report.grand_total
        );
        for c in &report.provisions {
            assert_eq!(c.by_term.iter().map(|t| t.total).sum::<Money>(), c.total);
        }
    }
}

/// Point 3 of a support staff spine: £24,413 from 01/04/2025, £25,145 from
/// 01/04/2026.
fn spine() -> PayScale {
    let version = |from, pounds| ScaleVersion {
        from,
        points: vec![
            PayPoint {
                point: "3".into(),
                salary: Money::pounds(pounds),
            },
            PayPoint {
                point: "4".into(),
                salary: Money::pounds(pounds + 400),
            },
        ],
    };
    PayScale {
        id: Uuid::new_v4(),
        name: "NJC spine".into(),
        kind: ScaleKind::SupportSpine,
        versions: vec![
            version(date(2025, 4, 1), 24_413),
            version(date(2026, 4, 1), 25_145),
        ],
    }
}

/// A full-time, all-year post on a scale point: 37 of 37 hours, 30 of them
/// with pupils, paid 52.14 weeks, 38 weeks with pupils, NI 15% above
/// £5,000, pension 20%. `fte_salary` holds a stale figure costing never uses.
fn on_scale(scale: &PayScale) -> SalaryBasis {
    SalaryBasis {
        fte_salary: Money::pounds(1),
        fte_hours_per_week: Dec2::whole(37),
        contracted_hours_per_week: Dec2::whole(37),
        contact_hours_per_week: Dec2::whole(30),
        paid_weeks: Dec2::hundredths(5214),
        working_weeks: Dec2::whole(38),
        ni_rate_percent: Dec2::whole(15),
        ni_threshold: Money::pounds(5_000),
        pension_rate_percent: Dec2::whole(20),
        scale: Some(ScalePoint {
            scale_id: scale.id,
            point: "3".into(),
        }),
    }
}

/// The hourly rate of [`on_scale`] at full-time salary `s` pence, by the
/// formula of staff.rs's module comment:
///   paid salary = s x 37/37 x 52.14 / (365/7) = s x 36,498/36,500
///   NI          = 15% x (paid - 500,000p); pension = 20% x paid
///   annual      = paid + NI + pension = 1.35 x paid - 75,000p
///   hourly      = annual / (30 x 38 = 1,140 hours)
fn by_hand(s: i128) -> Exact {
    (Exact::new(135 * s * 36_498, 100 * 36_500) - Exact::from_integer(75_000))
        / Exact::from_integer(1_140)
}

#[test]
fn a_salary_on_a_scale_point_takes_the_salary_in_force_each_day() {
    // £24,413: paid = 24,413 x 36,498/36,500 = £24,411.6623
    //          annual = 1.35 x 24,411.6623 - 750 = £32,205.7441
    //          hourly = 32,205.7441 / 1,140 = £28.2507 -> £28.25
    // £25,145: paid = £25,143.6222; annual = 1.35 x 25,143.6222 - 750
    //          = £33,193.8900; hourly = £29.1174 -> £29.12
    let scale = spine();
    let scales = vec![scale.clone()];
    let r = StaffRole::new(
        "TA (spine 3)",
        RoleCategory::TeachingAssistant,
        RateBasis::Salary(on_scale(&scale)),
        now(),
    );
    let before = r.hourly_on(date(2026, 3, 31), &scales).unwrap();
    let after = r.hourly_on(date(2026, 4, 1), &scales).unwrap();
    assert_eq!(before, by_hand(2_441_300));
    assert_eq!(after, by_hand(2_514_500));
    assert_eq!(round_pence(before), gbp(28, 25));
    assert_eq!(round_pence(after), gbp(29, 12));
    assert_eq!(
        r.change_dates(&scales),
        vec![date(2025, 4, 1), date(2026, 4, 1)]
    );
    let note = rate_note(&r, &scales, date(2026, 1, 10), None).unwrap();
    assert_eq!(
        note,
        "Rate changes on 01/04/2026: £28.25 an hour before, £29.12 an hour from then."
    );

    // A provision of 1 x 60 minutes a week over spring and summer (Easter
    // award school): spring 12 x £28.2507 = £339.0078 -> £339.01;
    // summer 14 x £29.1174 = £407.6443 -> £407.64; total £746.65.
    let p = provision(
        vec![line(r.id, None)],
        1,
        60,
        date(2026, 1, 5),
        date(2026, 7, 17),
    );
    let mut d = school(easter_year(), vec![r], vec![p]);
    d.settings.pay_scales = scales;
    assert_eq!(d.validate(), vec![]);
    let c = whole(&d, 0);
    let terms: Vec<Money> = c.by_term.iter().map(|t| t.total).collect();
    assert_eq!(terms, vec![gbp(339, 1), gbp(407, 64)]);
    assert_eq!(c.total, gbp(746, 65));
}

#[test]
fn a_scale_with_no_salary_that_day_or_not_there_is_a_cost_issue() {
    // The scale's first version is from 01/04/2026: a provision in the
    // spring has no salary on its first day, Mon 5 Jan 2026.
    let mut scale = spine();
    scale.versions.remove(0);
    let r = StaffRole::new(
        "TA (spine 3)",
        RoleCategory::TeachingAssistant,
        RateBasis::Salary(on_scale(&scale)),
        now(),
    );
    let p = provision(
        vec![line(r.id, None)],
        1,
        60,
        date(2026, 1, 5),
        date(2026, 3, 27),
    );
    let mut d = school(easter_year(), vec![r], vec![p]);
    d.settings.pay_scales = vec![scale];
    let issue = whole_err(&d);
    assert_eq!(
        issue,
        CostIssue::NoScaleSalary {
            provision: "Reading catch-up".into(),
            role: "TA (spine 3)".into(),
            scale: "NJC spine".into(),
            point: "3".into(),
            on: date(2026, 1, 5),
        }
    );
    assert!(issue.to_string().contains(
        "point 3 of the pay scale \"NJC spine\", which has no salary for that point on 05/01/2026"
    ));
    // The same provision in the summer is costed: the version is in force.
    d.provisions[0].start = date(2026, 4, 13);
    d.provisions[0].end = date(2026, 7, 17);
    assert!(cost(&d, 0, &d.provisions[0].range()).is_ok());

    // The scale gone from the settings: named, never £0.
    d.settings.pay_scales.clear();
    assert!(matches!(whole_err(&d), CostIssue::UnknownScale { .. }));
    // And the data checks name the role's missing scale.
    let problems = d.validate();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!((problems[0].kind, problems[0].field), ("roles", "scale"));
}

fn whole_err(d: &Dataset) -> CostIssue {
    cost(d, 0, &d.provisions[0].range()).unwrap_err()
}

#[test]
fn a_cancelled_session_costs_the_rate_of_its_day() {
    // Mid-term award school; sessions cancelled on Mon 30 Mar (£10.00) and
    // Wed 1 Apr (£10.50): £20.50 spent on nothing.
    let r = ta();
    let p = provision(
        vec![line(r.id, None)],
        2,
        30,
        date(2026, 1, 5),
        date(2026, 4, 2),
    );
    let pid = p.id;
    let mut d = school(mid_term_year(12), vec![r], vec![p]);
    let cancelled = |day| SessionRecord {
        id: Uuid::new_v4(),
        provision_id: pid,
        date: day,
        start: Time::constant(9, 0, 0, 0),
        outcome: SessionOutcome::Cancelled {
            reason: CancelReason::StaffAbsence,
            note: String::new(),
        },
        created_at: now(),
        updated_at: now(),
    };
    d.sessions = vec![cancelled(date(2026, 3, 30)), cancelled(date(2026, 4, 1))].into();
    let year = d.settings.years[0].range().unwrap();
    let a = AttendanceReport::build(&d, year, date(2026, 7, 1));
    assert_eq!(a.provisions[0].cancelled_cost, Some(gbp(20, 50)));
}

#[test]
fn rate_changes_are_checked() {
    let mut r = ta();
    assert!(r.validate().is_empty());
    // Two changes on one date, and a rate of £0.
    r.rate_changes.push(RateChange {
        from: date(2026, 4, 1),
        rate: typed(0),
    });
    let p = r.validate();
    let all: Vec<&str> =
        p.0.iter()
            .filter(|e| e.field == RoleField::RateChanges)
            .map(|e| e.message.as_str())
            .collect();
    assert_eq!(
        all,
        vec![
            "Two rate changes are dated 01/04/2026: keep one.",
            "The rate from 01/04/2026: The hourly rate must be more than £0."
        ]
    );
    // At most 50.
    let mut r = ta();
    r.rate_changes = (0..51)
        .map(|i| RateChange {
            from: date(2026, 1, 1)
                .checked_add(jiff::Span::new().days(i))
                .unwrap(),
            rate: typed(2100),
        })
        .collect();
    assert_eq!(
        r.validate().for_field(RoleField::RateChanges),
        Some("The role has 51 rate changes; at most 50 are kept.")
    );
}

#[test]
fn pay_scales_are_checked() {
    let mut s = spine();
    assert!(s.validate().is_empty());
    s.name = String::new();
    s.versions[1].from = date(2025, 4, 1);
    s.versions[0].points[1].point = "3".into();
    s.versions[0].points[0].salary = Money::ZERO;
    let p = s.validate();
    assert!(p.for_field(PayScaleField::Name).is_some());
    assert_eq!(
        p.for_field(PayScaleField::From),
        Some("Two versions start on 01/04/2025: keep one.")
    );
    let points: Vec<&str> =
        p.0.iter()
            .filter(|e| e.field == PayScaleField::Points)
            .map(|e| e.message.as_str())
            .collect();
    assert_eq!(
        points,
        vec![
            // Row by row: row 1's salary, then row 2's name.
            "The version from 01/04/2025: Point 3: the salary must be more than £0.",
            "The version from 01/04/2025: Point 3 is given twice.",
        ]
    );
    // In the settings, each problem names its scale.
    let mut settings = SchoolSettings::new("X", 2025, now());
    settings.pay_scales = vec![spine(), s];
    let m = settings.validate();
    assert!(m.0.iter().any(|e| e.field == SettingsField::PayScales
        && e.message == "Pay scale \"\": The version from 01/04/2025: Point 3 is given twice."));
    // A salary over £1,000,000.
    let mut big = spine();
    big.versions[0].points[0].salary = Money::pounds(1_000_001);
    assert!(big
        .validate()
        .for_field(PayScaleField::Points)
        .unwrap()
        .contains("over £1,000,000"));
}

#[test]
fn a_role_draft_keeps_its_scale_and_rate_changes() {
    // RoleDraft::of and apply keep the scale point and the dated changes,
    // and saving fills the full-time salary from the version in force
    // today (1 Sep 2026: £25,145).
    let scale = spine();
    let mut r = StaffRole::new(
        "TA (spine 3)",
        RoleCategory::TeachingAssistant,
        RateBasis::Salary(on_scale(&scale)),
        now(),
    );
    r.rate_changes = vec![RateChange {
        from: date(2027, 4, 1),
        rate: typed(3000),
    }];
    let mut d = school(easter_year(), vec![r.clone()], vec![]);
    d.settings.pay_scales = vec![scale.clone()];
    let draft = RoleDraft::of(&r);
    assert_eq!(draft.scale, on_scale(&scale).scale);
    let edit = save_role(&d, Some(r.id), &draft, now()).unwrap();
    let Change::Put(waymark::domain::edit::Record::Role(saved)) = &edit.forward[0] else {
        panic!("a role is saved");
    };
    assert_eq!(saved.rate_changes, r.rate_changes);
    let RateBasis::Salary(s) = &saved.rate else {
        panic!("a salary");
    };
    assert_eq!(s.scale, on_scale(&scale).scale);
    assert_eq!(s.fte_salary, Money::pounds(25_145));

    // A new role choosing a scale point: no salary typed.
    let new = RoleDraft {
        name: "TA 4".into(),
        kind: RateKind::Salary,
        contracted_hours_per_week: "37".into(),
        contact_hours_per_week: "30".into(),
        scale: Some(ScalePoint {
            scale_id: scale.id,
            point: "4".into(),
        }),
        ..RoleDraft::default()
    };
    let edit = save_role(&d, None, &new, now()).unwrap();
    let Change::Put(waymark::domain::edit::Record::Role(saved)) = &edit.forward[0] else {
        panic!("a role is saved");
    };
    let RateBasis::Salary(s) = &saved.rate else {
        panic!("a salary");
    };
    assert_eq!(s.fte_salary, Money::pounds(25_545));
    // No point chosen, or a point in no version: said beside the scale.
    let mut none = new.clone();
    none.scale.as_mut().unwrap().point = String::new();
    assert_eq!(
        save_role(&d, None, &none, now())
            .unwrap_err()
            .for_field(RoleField::Scale),
        Some("Choose a point on NJC spine.")
    );
    none.scale.as_mut().unwrap().point = "9".into();
    assert_eq!(
        save_role(&d, None, &none, now())
            .unwrap_err()
            .for_field(RoleField::Scale),
        Some("Point 9 is in no version of the pay scale NJC spine.")
    );
}

fn role_in(edit: &waymark::domain::edit::Edit) -> StaffRole {
    match &edit.forward[0] {
        Change::Put(waymark::domain::edit::Record::Role(r)) => r.clone(),
        other => panic!("{other:?}"),
    }
}

fn settings_in(edit: &waymark::domain::edit::Edit) -> SchoolSettings {
    match &edit.forward[0] {
        Change::Put(waymark::domain::edit::Record::Settings(s)) => s.clone(),
        other => panic!("{other:?}"),
    }
}

#[test]
fn rate_change_commands() {
    let r = StaffRole::new("TA", RoleCategory::TeachingAssistant, typed(2000), now());
    let id = r.id;
    let mut d = school(easter_year(), vec![r], vec![]);
    // Add £21.00 from 01/04/2026, typed as people type dates.
    let mut draft = RateChangeDraft::for_role(d.role(id).unwrap());
    assert_eq!(draft.rate.hourly, "20.00", "the latest rate, to edit");
    draft.from = "01/04/2026".into();
    draft.rate.hourly = "21.00".into();
    let edit = save_rate_change(&d, id, None, &draft, now()).unwrap();
    assert_eq!(edit.label, "Add TA's rate from 01/04/2026");
    let saved = role_in(&edit);
    assert_eq!(
        saved.rate_changes,
        vec![RateChange {
            from: date(2026, 4, 1),
            rate: typed(2100)
        }]
    );
    d.roles = vec![saved].into();
    // The same date again: refused beside the date.
    let p = save_rate_change(&d, id, None, &draft, now()).unwrap_err();
    assert_eq!(
        p.for_field(RoleField::ChangeFrom),
        Some("TA already has a rate from 01/04/2026: edit that one.")
    );
    // Replaced: the date moved (ISO, as a date input gives) and the rate.
    let mut moved = RateChangeDraft::of(&d.role(id).unwrap().rate_changes[0]);
    assert_eq!(moved.from, "2026-04-01");
    moved.from = "2026-09-01".into();
    moved.rate.hourly = "22.50".into();
    let saved = role_in(&save_rate_change(&d, id, Some(date(2026, 4, 1)), &moved, now()).unwrap());
    assert_eq!(
        saved.rate_changes,
        vec![RateChange {
            from: date(2026, 9, 1),
            rate: typed(2250)
        }]
    );
    // Bad date and bad rate: each beside its field.
    let bad = RateChangeDraft {
        from: "31/02/2026".into(),
        rate: RoleDraft {
            hourly: "lots".into(),
            ..RoleDraft::default()
        },
    };
    let p = save_rate_change(&d, id, None, &bad, now()).unwrap_err();
    assert_eq!(
        p.for_field(RoleField::ChangeFrom),
        Some("Enter the date the rate applies from, like 01/04/2026.")
    );
    assert_eq!(
        p.for_field(RoleField::Hourly),
        Some("Enter the hourly rate in pounds, like 1,234.56.")
    );
    let zero = RateChangeDraft {
        from: "01/09/2026".into(),
        rate: RoleDraft {
            hourly: "0".into(),
            ..RoleDraft::default()
        },
    };
    assert_eq!(
        save_rate_change(&d, id, None, &zero, now())
            .unwrap_err()
            .for_field(RoleField::Rate),
        Some("The hourly rate must be more than £0.")
    );
    // Deleted: the first rate runs on.
    let saved = role_in(&delete_rate_change(&d, id, date(2026, 4, 1), now()).unwrap());
    assert!(saved.rate_changes.is_empty());
    assert!(delete_rate_change(&d, id, date(2026, 5, 1), now()).is_err());
}

#[test]
fn pay_scale_commands() {
    let mut d = school(easter_year(), vec![], vec![]);
    // Add a scale, then its two versions.
    let draft = PayScaleDraft {
        name: "NJC spine".into(),
        kind: ScaleKind::SupportSpine,
    };
    let s = settings_in(&save_pay_scale(&d, None, &draft, now()).unwrap());
    let sid = s.pay_scales[0].id;
    d.settings = s;
    // A second scale of the same name is refused.
    assert_eq!(
        save_pay_scale(&d, None, &draft, now())
            .unwrap_err()
            .for_field(PayScaleField::Name),
        Some("Another pay scale is called NJC spine.")
    );
    let v = |from: &str, salary: &str| ScaleVersionDraft {
        from: from.into(),
        points: vec![
            PointDraft {
                point: "3".into(),
                salary: salary.into(),
            },
            PointDraft::default(),
        ],
    };
    d.settings =
        settings_in(&save_scale_version(&d, sid, None, &v("01/04/2025", "24,413"), now()).unwrap());
    d.settings =
        settings_in(&save_scale_version(&d, sid, None, &v("2026-04-01", "25145"), now()).unwrap());
    let scale = d.settings.pay_scale(sid).unwrap().clone();
    assert_eq!(scale.versions.len(), 2);
    assert_eq!(
        scale.salary_on("3", date(2026, 3, 31)),
        Some(Money::pounds(24_413))
    );
    assert_eq!(
        scale.salary_on("3", date(2026, 4, 1)),
        Some(Money::pounds(25_145))
    );
    // A version on a date already given, a bad salary: beside their fields.
    let p = save_scale_version(&d, sid, None, &v("01/04/2026", "lots"), now()).unwrap_err();
    assert_eq!(
        p.for_field(PayScaleField::Points),
        Some("Row 1: enter the salary in pounds, like 24,413.")
    );
    let p = save_scale_version(&d, sid, None, &v("01/04/2026", "1"), now()).unwrap_err();
    assert_eq!(
        p.for_field(PayScaleField::From),
        Some("NJC spine already has a version from 01/04/2026: edit that one.")
    );

    // A role takes its salary from point 3.
    let r = StaffRole::new(
        "Spine TA",
        RoleCategory::TeachingAssistant,
        RateBasis::Salary(on_scale(&scale)),
        now(),
    );
    d.roles = vec![r].into();
    assert_eq!(d.validate(), vec![]);
    // Deleting the scale is refused, naming the role.
    let p = delete_pay_scale(&d, sid, now()).unwrap_err();
    assert_eq!(
        p.for_field(PayScaleField::Id),
        Some("NJC spine cannot be deleted. The role Spine TA takes its salary from it: choose another salary for Spine TA first.")
    );
    // Deleting one version keeps point 3 in the other: allowed.
    let s = settings_in(&delete_scale_version(&d, sid, date(2025, 4, 1), now()).unwrap());
    assert_eq!(s.pay_scale(sid).unwrap().versions.len(), 1);
    d.settings = s;
    // Deleting the last, or a version without point 3, is refused.
    let p = delete_scale_version(&d, sid, date(2026, 4, 1), now()).unwrap_err();
    assert_eq!(
        p.for_field(PayScaleField::Points),
        Some("The role Spine TA would have no salary: Point 3 is in no version of the pay scale NJC spine.")
    );
    let mut other = v("01/04/2026", "25145");
    other.points[0].point = "4".into();
    assert!(save_scale_version(&d, sid, Some(date(2026, 4, 1)), &other, now()).is_err());
    // With no role on it, the scale can go.
    d.roles = vec![].into();
    let s = settings_in(&delete_pay_scale(&d, sid, now()).unwrap());
    assert!(s.pay_scales.is_empty());
}

#[test]
fn the_rate_note_says_what_changed_in_the_year_and_what_is_coming() {
    let r = ta();
    let year = DateRange::new(date(2025, 9, 1), date(2026, 8, 31));
    // Before the award: it is coming.
    assert_eq!(
        rate_note(&r, &[], date(2026, 3, 1), Some(year)).as_deref(),
        Some("Rate changes on 01/04/2026: £20.00 an hour before, £21.00 an hour from then.")
    );
    // After it, within the year in view: it happened.
    assert_eq!(
        rate_note(&r, &[], date(2026, 5, 1), Some(year)).as_deref(),
        Some("Rate changed on 01/04/2026: £20.00 an hour before, £21.00 an hour from then.")
    );
    // In a later year it is history: nothing to say.
    let next = DateRange::new(date(2026, 9, 1), date(2027, 8, 31));
    assert_eq!(rate_note(&r, &[], date(2026, 10, 1), Some(next)), None);
}
