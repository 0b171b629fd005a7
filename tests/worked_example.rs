//! A worked example school, hand-checked: 30 pupils, 8 provisions, 2 terms
//! (autumn 2025 and spring 2026). Every figure asserted here is worked out by
//! hand in the comments, so a change to a costing rule shows up as a
//! disagreement with arithmetic a SENCO can follow.
//!
//! Terms (2025-26):
//! - autumn: Mon 1 Sep - Fri 19 Dec 2025 = 16 weeks = 80 weekdays, less half
//!   term 27-31 Oct (5) = 75 school days in 15 full weeks; 15 teaching weeks.
//! - spring: Mon 5 Jan - Fri 27 Mar 2026 = 12 weeks = 60 weekdays, less half
//!   term 16-20 Feb (5) = 55 school days in 11 full weeks; 11 teaching weeks.
//!
//! Every week is a full one, so a provision's weeks are the full weeks it
//! runs. Costs are worked term by term (each term's cost rounded once, fixed
//! costs in the first term a provision runs) and each term's cost is shared
//! by the pupils in the group that term.
//! - summer: Mon 13 Apr - Fri 17 Jul 2026, half term 25-29 May; 13 weeks
//!   (no provision runs in it).
//!
//! Typed hourly rates: TA £15.00, HLTA £18.00, teacher £40.00, speech and
//! language therapist (SaLT) £60.00.
//!
//! Pupils 1-30; pupil i is in Year (i-1)/5 + 1 (1-5 Year 1, ..., 26-30 Year 6).
#![cfg(not(target_arch = "wasm32"))]

use jiff::civil::{date, Date};
use jiff::Timestamp;
use uuid::Uuid;
use waymark::domain::calendar::{AcademicYear, DateRange, Term, TermName};
use waymark::domain::capacity::capacity;
use waymark::domain::costing::{budget_lines, over_threshold, CostReport, TermKey};
use waymark::domain::dataset::Dataset;
use waymark::domain::impact::{provision_impact, rank_cost_effectiveness, Gain, NotEnough};
use waymark::domain::map::{self, Column, Columns};
use waymark::domain::money::{Exact, Money};
use waymark::domain::needs::{BroadArea, NeedCode, SenStatus};
use waymark::domain::provision::{
    Assessment, CostSplit, Enrolment, FundingSource, MeasureKind, Provision, Score, StaffLine,
};
use waymark::domain::pupil::{EhcpDetails, Pupil, PupilDraft, YearGroup};
use waymark::domain::quantity::Dec2;
use waymark::domain::rollover;
use waymark::domain::settings::{Budget, SchoolSettings};
use waymark::domain::staff::{RateBasis, RoleCategory, StaffMember, StaffRole};

fn now() -> Timestamp {
    "2025-08-20T09:00:00Z".parse().unwrap()
}

fn gbp(pounds: i64, pence: i64) -> Money {
    Money(pounds * 100 + pence)
}

struct School {
    data: Dataset,
    pupils: Vec<Uuid>,
    p: Vec<Uuid>,
    ta: Uuid,
    hlta: Uuid,
    teacher: Uuid,
    salt: Uuid,
    mrs_a: Uuid,
    mr_b: Uuid,
}

fn term(name: TermName, s: Date, e: Date, weeks: u32, ht: (Date, Date)) -> Term {
    Term {
        name,
        start: s,
        end: e,
        teaching_weeks: weeks,
        breaks: vec![DateRange::new(ht.0, ht.1)],
    }
}

const AUTUMN: (Date, Date) = (date(2025, 9, 1), date(2025, 12, 19));
const SPRING: (Date, Date) = (date(2026, 1, 5), date(2026, 3, 27));
const BOTH: (Date, Date) = (date(2025, 9, 1), date(2026, 3, 27));

fn school() -> School {
    let mut settings = SchoolSettings::new("Worked Example Primary", 2025, now());
    settings.years = vec![AcademicYear {
        id: Uuid::new_v4(),
        start_year: 2025,
        terms: vec![
            term(
                TermName::Autumn,
                AUTUMN.0,
                AUTUMN.1,
                15,
                (date(2025, 10, 27), date(2025, 10, 31)),
            ),
            term(
                TermName::Spring,
                SPRING.0,
                SPRING.1,
                11,
                (date(2026, 2, 16), date(2026, 2, 20)),
            ),
            term(
                TermName::Summer,
                date(2026, 4, 13),
                date(2026, 7, 17),
                13,
                (date(2026, 5, 25), date(2026, 5, 29)),
            ),
        ],
    }];
    settings.budgets = vec![
        Budget {
            year: waymark::domain::settings::BudgetYear::Academic,
            start_year: 2025,
            source: FundingSource::NotionalSen,
            amount: Money::pounds(1_500),
        },
        Budget {
            year: waymark::domain::settings::BudgetYear::Academic,
            start_year: 2025,
            source: FundingSource::PupilPremium,
            amount: Money::pounds(2_000),
        },
        Budget {
            year: waymark::domain::settings::BudgetYear::Academic,
            start_year: 2025,
            source: FundingSource::LaTopUp,
            amount: Money::pounds(10_000),
        },
    ];
    let role = |name: &str, cat, pounds| {
        StaffRole::new(
            name,
            cat,
            RateBasis::Typed {
                hourly: Money::pounds(pounds),
            },
            now(),
        )
    };
    let roles = vec![
        role("TA", RoleCategory::TeachingAssistant, 15),
        role("HLTA", RoleCategory::TeachingAssistant, 18),
        role("Teacher", RoleCategory::Teacher, 40),
        role("SaLT", RoleCategory::Specialist, 60),
    ];
    let (ta, hlta, teacher, salt) = (roles[0].id, roles[1].id, roles[2].id, roles[3].id);
    let member = |name: &str, hours| StaffMember {
        id: Uuid::new_v4(),
        name: name.into(),
        role_id: ta,
        hours_available_per_week: Dec2::whole(hours),
        created_at: now(),
        updated_at: now(),
    };
    let members = vec![member("Mrs A", 25), member("Mr B", 2)];
    let (mrs_a, mr_b) = (members[0].id, members[1].id);

    let mut pupils = Vec::new();
    for i in 1..=30 {
        let year = format!("Y{}", (i - 1) / 5 + 1);
        let d = PupilDraft::new(&format!("Pupil{i:02}"), "Example", &year);
        let mut p = Pupil::create(&d, now()).unwrap();
        if i <= 24 {
            p.sen_status = SenStatus::SenSupport;
            p.primary_need = Some(NeedCode::Spld);
        }
        pupils.push(p);
    }
    // Pupil 8 has an EHC plan.
    pupils[7].sen_status = SenStatus::Ehcp;
    pupils[7].primary_need = Some(NeedCode::Semh);
    pupils[7].ehcp = Some(EhcpDetails {
        issue_date: date(2024, 6, 1),
        next_annual_review: Some(date(2026, 6, 1)),
        local_authority: "Anyshire".into(),
        top_up: Money::pounds(5_000),
    });

    let provision = |name: &str,
                     area,
                     tier: &str,
                     staff: Vec<StaffLine>,
                     spw,
                     mins,
                     (s, e): (Date, Date),
                     funding,
                     fixed: Money| Provision {
        id: Uuid::new_v4(),
        intervention_id: None,
        name: name.into(),
        broad_area: area,
        tier: tier.into(),
        staff,
        sessions_per_week: spw,
        minutes_per_session: mins,
        start: s,
        end: e,
        funding,
        fixed_costs: fixed,
        slots: vec![],
        planned_group_size: 6,
        split: CostSplit::ActualPupils,
        recurring: false,
        planned: false,
        created_at: now(),
        updated_at: now(),
    };
    let line = |role_id, count| StaffLine {
        role_id,
        member_id: None,
        count,
    };
    use BroadArea::*;
    use FundingSource::*;
    let mut provisions = vec![
        provision(
            "Reading catch-up",
            CognitionAndLearning,
            "wave-2",
            vec![StaffLine {
                role_id: ta,
                member_id: Some(mr_b),
                count: 1,
            }],
            3,
            30,
            AUTUMN,
            NotionalSen,
            Money::pounds(45),
        ),
        provision(
            "Speech and language group",
            CommunicationAndInteraction,
            "wave-2",
            vec![StaffLine {
                role_id: ta,
                member_id: Some(mr_b),
                count: 1,
            }],
            2,
            45,
            BOTH,
            NotionalSen,
            Money::ZERO,
        ),
        provision(
            "1:1 support",
            Semh,
            "wave-3",
            vec![StaffLine {
                role_id: ta,
                member_id: Some(mrs_a),
                count: 1,
            }],
            5,
            300,
            BOTH,
            LaTopUp,
            Money::ZERO,
        ),
        provision(
            "Nurture group",
            Semh,
            "wave-2",
            vec![line(hlta, 1), line(ta, 1)],
            4,
            60,
            SPRING,
            PupilPremium,
            Money::pounds(120),
        ),
        provision(
            "Maths intervention",
            CognitionAndLearning,
            "wave-2",
            vec![line(teacher, 1)],
            2,
            30,
            (date(2025, 11, 3), AUTUMN.1),
            NotionalSen,
            Money::ZERO,
        ),
        provision(
            "Speech therapy",
            CommunicationAndInteraction,
            "wave-3",
            vec![line(salt, 1)],
            1,
            60,
            BOTH,
            FundingSource::Other,
            Money::ZERO,
        ),
        provision(
            "Handwriting group",
            SensoryPhysical,
            "wave-2",
            vec![line(ta, 1)],
            3,
            20,
            SPRING,
            NotionalSen,
            Money::pounds(30),
        ),
        provision(
            "Lego therapy",
            CommunicationAndInteraction,
            "wave-2",
            vec![line(ta, 2)],
            1,
            45,
            BOTH,
            PupilPremium,
            Money::pounds(60),
        ),
    ];
    provisions[4].planned_group_size = 4;
    provisions[4].split = CostSplit::PlannedGroupSize;
    provisions[0].recurring = true;
    let p: Vec<Uuid> = provisions.iter().map(|x| x.id).collect();

    let mut enrolments = Vec::new();
    // Made one after another, a second apart: ties in rounding go to the first made.
    let mut made = now();
    let mut enrol = |pi: usize, pupil: usize, (s, e): (Date, Date)| {
        made = made
            .checked_add(jiff::SignedDuration::from_secs(1))
            .unwrap();
        enrolments.push(Enrolment {
            id: Uuid::new_v4(),
            pupil_id: pupils[pupil - 1].id,
            provision_id: p[pi],
            start: s,
            end: e,
            entry: None,
            exit: None,
            attendance: None,
            notes: String::new(),
            created_at: made,
            updated_at: made,
        });
    };
    for i in 1..=4 {
        enrol(0, i, AUTUMN);
    }
    for i in 5..=7 {
        enrol(1, i, BOTH);
    }
    enrol(2, 8, BOTH);
    for i in 9..=14 {
        enrol(3, i, SPRING);
    }
    for i in 15..=17 {
        enrol(4, i, (date(2025, 11, 3), AUTUMN.1));
    }
    enrol(5, 5, AUTUMN);
    enrol(5, 8, BOTH);
    for i in 18..=22 {
        enrol(6, i, SPRING);
    }
    for i in [5, 23, 24] {
        enrol(7, i, BOTH);
    }

    // Reading ages for the reading group (months), 1 Sep to 19 Dec.
    let ra = |m| {
        Some(Assessment {
            score: Score::ReadingAgeMonths(m),
            date: AUTUMN.0,
        })
    };
    let rx = |m| {
        Some(Assessment {
            score: Score::ReadingAgeMonths(m),
            date: AUTUMN.1,
        })
    };
    for (k, (a, b)) in [(84, Some(96)), (90, Some(95)), (78, Some(86)), (80, None)]
        .into_iter()
        .enumerate()
    {
        enrolments[k].entry = ra(a);
        enrolments[k].exit = b.and_then(rx);
    }
    // Standardised scores for the speech and language group.
    let ss = |v, d| {
        Some(Assessment {
            score: Score::StandardisedScore(Dec2::whole(v)),
            date: d,
        })
    };
    for (k, (a, b)) in [(85, 91), (82, 85), (88, 88)].into_iter().enumerate() {
        enrolments[4 + k].entry = ss(a, BOTH.0);
        enrolments[4 + k].exit = ss(b, BOTH.1);
    }

    let pupil_ids = pupils.iter().map(|x| x.id).collect();
    School {
        data: Dataset {
            settings,
            roles: roles.into(),
            members: members.into(),
            pupils: pupils.into(),
            interventions: vec![].into(),
            provisions: provisions.into(),
            enrolments: enrolments.into(),
            plans: vec![].into(),
            sessions: vec![].into(),
        },
        pupils: pupil_ids,
        p,
        ta,
        hlta,
        teacher,
        salt,
        mrs_a,
        mr_b,
    }
}

#[test]
fn the_example_school_is_valid() {
    let s = school();
    assert_eq!(s.data.validate(), vec![]);
    assert_eq!(s.data.pupils.len(), 30);
    assert_eq!(s.data.provisions.len(), 8);
}

#[test]
fn each_provision_costs_what_the_hand_working_says() {
    let s = school();
    let r = CostReport::for_year(&s.data, 2025).unwrap();
    assert!(r.issues.is_empty());
    let total = |i: usize| r.provision(s.p[i]).unwrap().total;
    // 1 Reading catch-up: 15.00 x 30/60 = 7.50 a session x 3 x 15 weeks = 337.50, + 45 fixed.
    assert_eq!(total(0), gbp(382, 50));
    assert_eq!(
        r.provision(s.p[0]).unwrap().session_cost,
        Exact::new(750, 1)
    );
    assert_eq!(r.provision(s.p[0]).unwrap().staff, gbp(337, 50));
    assert_eq!(r.provision(s.p[0]).unwrap().fixed, gbp(45, 0));
    // 2 Speech and language: 15.00 x 45/60 = 11.25 x 2 x (15 + 11) weeks.
    assert_eq!(total(1), gbp(585, 0));
    assert_eq!(r.provision(s.p[1]).unwrap().weeks, Exact::from_integer(26));
    // 3 1:1: 15.00 x 300/60 = 75.00 x 5 x 26.
    assert_eq!(total(2), gbp(9_750, 0));
    // 4 Nurture: (18 + 15) x 60/60 = 33.00 x 4 x 11 = 1,452, + 120.
    assert_eq!(total(3), gbp(1_572, 0));
    // 5 Maths: Mon 3 Nov to Fri 19 Dec: w/c 3, 10, 17, 24 Nov, 1, 8, 15 Dec
    //   = 7 full weeks; 40 x 30/60 = 20.00 x 2 x 7.
    assert_eq!(r.provision(s.p[4]).unwrap().weeks, Exact::from_integer(7));
    assert_eq!(total(4), gbp(280, 0));
    // 6 Speech therapy: 60.00 x 1 x 26.
    assert_eq!(total(5), gbp(1_560, 0));
    // 7 Handwriting: 15 x 20/60 = 5.00 x 3 x 11 = 165, + 30.
    assert_eq!(total(6), gbp(195, 0));
    // 8 Lego therapy: 15 x 2 x 45/60 = 22.50 x 1 x 26 = 585, + 60.
    assert_eq!(total(7), gbp(645, 0));
    // 382.50 + 585 + 9,750 + 1,572 + 280 + 1,560 + 195 + 645 = 14,969.50
    assert_eq!(r.grand_total, gbp(14_969, 50));
}

#[test]
fn pupil_shares_follow_enrolled_days_and_add_up() {
    let s = school();
    let r = CostReport::for_year(&s.data, 2025).unwrap();
    let shares = |i: usize| -> Vec<Money> {
        r.provision(s.p[i])
            .unwrap()
            .shares
            .iter()
            .map(|x| x.amount)
            .collect()
    };
    // 382.50 / 4 = 95.625 each: 9562p each and 2p over, to the first two (ties in order).
    assert_eq!(
        shares(0),
        [gbp(95, 63), gbp(95, 63), gbp(95, 62), gbp(95, 62)]
    );
    assert_eq!(shares(1), [gbp(195, 0); 3]);
    assert_eq!(shares(3), [gbp(262, 0); 6]);
    // Maths at planned group size 4: each full-length place is 280 / 4 = 70;
    // the empty fourth place (70) is unallocated.
    assert_eq!(shares(4), [gbp(70, 0); 3]);
    assert_eq!(r.provision(s.p[4]).unwrap().unallocated, gbp(70, 0));
    // The average share is the cost of a place, not 280 / 3.
    assert_eq!(
        r.provision(s.p[4]).unwrap().mean_per_pupil(),
        Some(gbp(70, 0))
    );
    // Speech therapy: pupil 5 autumn only (75 days), pupil 8 both terms
    // (75 + 55 = 130 days). Autumn's 60 x 15 = 900 is shared by the two in
    // the group, 450 each; spring's 60 x 11 = 660 is pupil 8's alone, the
    // 1:1 time after pupil 5 left the group: 450 and 450 + 660 = 1,110.
    // (Shared by days over the year it was 570.73 and 989.27, which no
    // termly report added up to.)
    assert_eq!(shares(5), [gbp(450, 0), gbp(1_110, 0)]);
    assert_eq!(
        r.provision(s.p[5])
            .unwrap()
            .shares
            .iter()
            .map(|x| x.days)
            .collect::<Vec<_>>(),
        [75, 130]
    );
    // Lego: autumn 22.50 x 15 + the 60 fixed = 397.50, / 3 = 132.50; spring
    // 22.50 x 11 = 247.50, / 3 = 82.50; 215 each.
    assert_eq!(shares(7), [gbp(215, 0); 3]);

    // Pupil 5: S&L 195 + speech therapy 450 + Lego 215 = 860.
    assert_eq!(r.per_pupil[&s.pupils[4]], gbp(860, 0));
    // Pupil 8: 1:1 9,750 + speech therapy 1,110 = 10,860.
    assert_eq!(r.per_pupil[&s.pupils[7]], gbp(10_860, 0));
    assert_eq!(
        r.per_pupil.get(&s.pupils[29]),
        None,
        "pupil 30 has no provision"
    );
}

#[test]
fn groupings_match_the_hand_working_and_the_grand_total() {
    let s = school();
    let r = CostReport::for_year(&s.data, 2025).unwrap();
    use FundingSource::*;
    // Notional SEN: 382.50 + 585 + 280 + 195; PP: 1,572 + 645.
    assert_eq!(r.by_funding[&NotionalSen], gbp(1_442, 50));
    assert_eq!(r.by_funding[&PupilPremium], gbp(2_217, 0));
    assert_eq!(r.by_funding[&LaTopUp], gbp(9_750, 0));
    assert_eq!(r.by_funding[&Other], gbp(1_560, 0));
    // Broad areas: C&L 382.50 + 280; C&I 585 + 1,560 + 645; SEMH 9,750 + 1,572; S/P 195.
    assert_eq!(r.by_area[&BroadArea::CognitionAndLearning], gbp(662, 50));
    assert_eq!(
        r.by_area[&BroadArea::CommunicationAndInteraction],
        gbp(2_790, 0)
    );
    assert_eq!(r.by_area[&BroadArea::Semh], gbp(11_322, 0));
    assert_eq!(r.by_area[&BroadArea::SensoryPhysical], gbp(195, 0));
    // Tiers: wave 3 is 1:1 9,750 + speech therapy 1,560.
    assert_eq!(r.by_tier["wave-3"], gbp(11_310, 0));
    assert_eq!(r.by_tier["wave-2"], gbp(3_659, 50));
    // Terms: S&L 11.25 x 2 x 15 = 337.50 / x 11 = 247.50; 1:1 5,625 / 4,125;
    // speech therapy 900 / 660; Lego 337.50 + its 60 fixed (incurred in its
    // first term) = 397.50 / 247.50.
    // Autumn = 382.50 + 337.50 + 5,625 + 280 + 900 + 397.50 = 7,922.50.
    // Spring = 247.50 + 4,125 + 1,572 + 660 + 195 + 247.50 = 7,047.
    let autumn = TermKey {
        start_year: 2025,
        term: TermName::Autumn,
    };
    let spring = TermKey {
        start_year: 2025,
        term: TermName::Spring,
    };
    assert_eq!(r.by_term[&autumn], gbp(7_922, 50));
    assert_eq!(r.by_term[&spring], gbp(7_047, 0));
    assert_eq!(r.by_term.len(), 2);
    // Roles: TA 337.50 + 585 + 9,750 + 660 + 165 + 585 = 12,082.50; HLTA 792;
    // teacher 280; SaLT 1,560; fixed costs 45 + 120 + 30 + 60 = 255.
    assert_eq!(r.by_role[&Some(s.ta)], gbp(12_082, 50));
    assert_eq!(r.by_role[&Some(s.hlta)], gbp(792, 0));
    assert_eq!(r.by_role[&Some(s.teacher)], gbp(280, 0));
    assert_eq!(r.by_role[&Some(s.salt)], gbp(1_560, 0));
    assert_eq!(r.by_role[&None], gbp(255, 0));
    // Year groups: Y1 = 382.50 + pupil 5's 860 = 1,242.50; Y2 = 195 + 195
    // + 10,860 + 262 + 262 = 11,774; Y3 = 4 x 262 + 70 = 1,118;
    // Y4 = 70 + 70 + 3 x 39 = 257; Y5 = 39 + 39 + 215 + 215 = 508; the empty
    // maths place, 70, is carried by no pupil.
    assert_eq!(r.by_year_group[&Some(YearGroup::Year(1))], gbp(1_242, 50));
    assert_eq!(r.by_year_group[&Some(YearGroup::Year(2))], gbp(11_774, 0));
    assert_eq!(r.by_year_group[&Some(YearGroup::Year(3))], gbp(1_118, 0));
    assert_eq!(r.by_year_group[&Some(YearGroup::Year(4))], gbp(257, 0));
    assert_eq!(r.by_year_group[&Some(YearGroup::Year(5))], gbp(508, 0));
    assert_eq!(r.by_year_group[&None], gbp(70, 0));
    assert_eq!(r.by_year_group.get(&Some(YearGroup::Year(6))), None);

    for (name, sum) in [
        ("funding", r.by_funding.values().sum::<Money>()),
        ("area", r.by_area.values().sum()),
        ("tier", r.by_tier.values().sum()),
        ("term", r.by_term.values().sum()),
        ("role", r.by_role.values().sum()),
        ("year group", r.by_year_group.values().sum()),
    ] {
        assert_eq!(sum, r.grand_total, "{name}");
    }
}

#[test]
fn the_ehcp_pupil_is_over_the_element_2_threshold() {
    let s = school();
    let r = CostReport::for_year(&s.data, 2025).unwrap();
    let over = over_threshold(&r, s.data.settings.element2_threshold);
    assert_eq!(over.len(), 1);
    assert_eq!(over[0].pupil_id, s.pupils[7]);
    // 10,860 - 6,000 = 4,860.
    assert_eq!(over[0].over, gbp(4_860, 0));
    // At exactly the threshold a pupil is listed, with nothing over.
    let at = over_threshold(&r, gbp(10_860, 0));
    assert_eq!(at[0].over, Money::ZERO);
    assert!(over_threshold(&r, gbp(10_860, 1)).is_empty());
}

#[test]
fn budgets_committed_and_spent_to_date() {
    let s = school();
    let lines = budget_lines(&s.data, 2025, date(2025, 12, 19)).unwrap();
    let line = |src| lines.iter().find(|l| l.source == src).unwrap().clone();
    let sen = line(FundingSource::NotionalSen);
    assert_eq!(sen.budget, gbp(1_500, 0));
    assert_eq!(sen.committed, gbp(1_442, 50));
    assert_eq!(sen.remaining, gbp(57, 50));
    assert!(!sen.over_budget());
    // By 19 Dec: reading 382.50 + S&L autumn 337.50 + maths 280 = 1,000.
    assert_eq!(sen.spent_to_date, gbp(1_000, 0));
    let pp = line(FundingSource::PupilPremium);
    assert_eq!(pp.committed, gbp(2_217, 0));
    assert_eq!(pp.remaining, -gbp(217, 0));
    assert!(pp.over_budget());
    // Lego by 19 Dec: 22.50 x 15 = 337.50 + the 60 fixed, bought as it
    // started = 397.50.
    assert_eq!(pp.spent_to_date, gbp(397, 50));
    let before = budget_lines(&s.data, 2025, date(2025, 8, 1)).unwrap();
    assert!(before.iter().all(|l| l.spent_to_date == Money::ZERO));
    assert!(budget_lines(&s.data, 2030, date(2030, 9, 1)).is_none());
}

#[test]
fn staff_capacity_in_the_autumn() {
    let s = school();
    let c = capacity(&s.data, date(2025, 11, 10));
    // TA minutes a week: reading 3 x 30 + S&L 2 x 45 + 1:1 5 x 300 + Lego
    // 2 staff x 45 = 90 + 90 + 1,500 + 90 = 1,770 (29.5 hours), against
    // Mrs A 25 + Mr B 2 = 27 hours: over-allocated.
    let ta = &c.by_role[&s.ta];
    assert_eq!(ta.demanded_minutes, 1_770);
    assert_eq!(ta.demanded_hours(), Exact::new(59, 2));
    assert!(ta.over_allocated());
    // Mrs A: the 1:1, 1,500 minutes = 25 hours, exactly her hours: not over.
    assert_eq!(c.by_member[&s.mrs_a].demanded_minutes, 1_500);
    assert!(!c.by_member[&s.mrs_a].over_allocated());
    // Mr B: reading 90 + S&L 90 = 3 hours against 2: over.
    assert_eq!(c.by_member[&s.mr_b].demanded_minutes, 180);
    assert_eq!(c.over_allocated_members(), vec![s.mr_b]);
    assert!(c.over_allocated_roles().contains(&s.ta));
    // Nobody in the teacher role has hours recorded: no verdict.
    assert_eq!(c.by_role[&s.teacher].demanded_minutes, 60);
    assert!(!c.by_role[&s.teacher].over_allocated());
    assert_eq!(
        c.by_role[&s.hlta].demanded_minutes, 0,
        "nurture runs in spring"
    );
}

#[test]
fn impact_of_the_reading_group_and_the_language_group() {
    let s = school();
    let r = CostReport::for_year(&s.data, 2025).unwrap();
    let settings = &s.data.settings;
    let of = |i: usize| -> Vec<&Enrolment> {
        s.data
            .enrolments
            .iter()
            .filter(|e| e.provision_id == s.p[i])
            .collect()
    };

    // 1 Sep to 19 Dec = 109 days = 109 x 12 / 365.25 = 5,232/1,461 = 3.58 months.
    let elapsed = Exact::new(5_232, 1_461);
    let g = waymark::domain::impact::gain(of(0)[0], settings);
    // +12 months / 3.58 = 3.35: substantial.
    match &g {
        Gain::Ratio {
            months_gained,
            months_elapsed,
            ratio,
            band,
            significant,
        } => {
            assert_eq!(*months_gained, 12);
            assert_eq!(*months_elapsed, elapsed);
            assert_eq!(*ratio, Exact::from_integer(12) / elapsed);
            assert_eq!(band.as_deref(), Some("Substantial impact"));
            assert!(significant);
        }
        other => panic!("{other:?}"),
    }
    // +5 / 3.58 = 1.396: just under 1.4, doubtful.
    match waymark::domain::impact::gain(of(0)[1], settings) {
        Gain::Ratio {
            band, significant, ..
        } => {
            assert_eq!(band.as_deref(), Some("Doubtful educational significance"));
            assert!(!significant);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        waymark::domain::impact::gain(of(0)[3], settings),
        Gain::NotEnoughData(NotEnough::NoExit)
    );

    let reading = provision_impact(s.p[0], &of(0), settings, &r);
    assert_eq!(reading.measure, Some(MeasureKind::ReadingAgeMonths));
    assert_eq!(
        (reading.pupils_with_data, reading.pupils_without_data),
        (3, 1)
    );
    // Mean ratio gain = (12 + 5 + 8) / 3 / elapsed = 25/3 x 1,461/5,232 = 2.327.
    assert_eq!(reading.mean_gain, Ok(Exact::new(25, 3) / elapsed));
    assert_eq!(reading.mean_units, Ok(Exact::new(25, 3)));
    // 12 -> 3.35 and 8 -> 2.23 are significant; 5 -> 1.40 is not: 2 of 3.
    assert_eq!(reading.share_significant, Some(Exact::new(2, 3)));
    // Cost per pupil with data: (95.63 + 95.63 + 95.62) / 3 = 95.6267 -> 95.63;
    // per month gained: 9,563p / (25/3) = 1,147.56p = £11.48.
    assert_eq!(reading.cost_per_pupil, Some(gbp(95, 63)));
    assert_eq!(reading.cost_per_unit_gain, Ok(Exact::new(9_563 * 3, 25)));

    let language = provision_impact(s.p[1], &of(1), settings, &r);
    // Standardised scores +6, +3, 0: mean change 3 points; 195 / 3 = £65 a point.
    assert_eq!(language.measure, Some(MeasureKind::StandardisedScore));
    assert_eq!(language.mean_gain, Ok(Exact::from_integer(3)));
    assert_eq!(language.share_significant, None);
    assert_eq!(language.cost_per_unit_gain, Ok(Exact::from_integer(6_500)));

    let none = provision_impact(s.p[2], &of(2), settings, &r);
    assert_eq!(none.mean_gain, Err(NotEnough::NoPupils));
    assert_eq!(none.cost_per_unit_gain, Err(NotEnough::NoPupils));

    let ranked = rank_cost_effectiveness(&[language.clone(), reading.clone(), none]);
    assert_eq!(ranked.len(), 2, "one ranking per measure");
    assert_eq!(ranked[0].1, vec![(s.p[1], Exact::from_integer(6_500))]);
}

#[test]
fn rollover_into_2026_27() {
    let s = school();
    let mut data = s.data.clone();
    let later: Timestamp = "2026-07-20T09:00:00Z".parse().unwrap();
    let preview = rollover::preview(&data, 2025, AcademicYear::typical(2026), later).unwrap();
    // Year 6 (pupils 26-30) leave; the other 25 move up.
    assert_eq!(preview.leavers, s.pupils[25..].to_vec());
    assert_eq!(preview.promotions.len(), 25);
    assert_eq!(
        preview.promotions[0],
        (s.pupils[0], YearGroup::Year(1), YearGroup::Year(2))
    );
    // The recurring reading group is copied, planned, into the same place in
    // the new autumn term: 1 Sep 2026 to 1 Sep + 109 days = 19 Dec 2026.
    assert_eq!(preview.copies.len(), 1);
    let copy = &preview.copies[0];
    assert_eq!(
        (copy.start, copy.end),
        (date(2026, 9, 1), date(2026, 12, 19))
    );
    assert!(copy.planned);
    assert_ne!(copy.id, s.p[0]);

    // One edit, each record once: 25 pupils moved up + 5 leavers + 1 copied
    // provision + the settings = 32 changes; nothing in `data` changes until
    // it is applied, and its inverse gives the school back as it was.
    let edit = rollover::rollover(&data, &preview, later);
    assert_eq!(data, s.data, "the command changes nothing itself");
    assert_eq!(edit.label, "Roll over to 2026-27");
    assert_eq!(edit.forward.len(), 32);
    let mut undone = data.clone();
    undone.apply(&edit.forward);
    undone.apply(&edit.backward);
    assert_eq!(undone, s.data);
    data.apply(&edit.forward);
    assert_eq!(data.pupils[0].year_group, YearGroup::Year(2));
    // The year left is kept: pupil 1 was in Year 1 in 2025-26, and a leaver
    // (pupil 30) in Year 6.
    assert_eq!(
        data.pupils[0].year_group_history,
        [(2025, YearGroup::Year(1))].into()
    );
    assert_eq!(data.pupils[0].year_group_in(2025), YearGroup::Year(1));
    assert_eq!(data.pupils[0].year_group_in(2026), YearGroup::Year(2));
    assert_eq!(data.pupils[29].year_group_in(2025), YearGroup::Year(6));
    assert_eq!(data.pupils[29].left_on, Some(date(2026, 9, 1)));
    assert!(!data.pupils[29].on_roll_on(date(2026, 9, 1)));
    assert_eq!(data.pupils.len(), 30, "leavers stay in the history");
    assert_eq!(data.provisions.len(), 9);
    assert_eq!(data.settings.years.len(), 2);
    assert_eq!(data.validate(), vec![]);

    assert_eq!(
        rollover::preview(&data, 2025, AcademicYear::typical(2026), later)
            .unwrap_err()
            .to_string(),
        "The year 2026-27 is already set up."
    );
    assert!(rollover::preview(&data, 2024, AcademicYear::typical(2025), later).is_err());
    assert!(rollover::preview(&data, 2026, AcademicYear::typical(2028), later).is_err());
    let mut bad = AcademicYear::typical(2027);
    bad.terms[0].teaching_weeks = 0;
    assert!(rollover::preview(&data, 2026, bad, later)
        .unwrap_err()
        .to_string()
        .contains("no teaching weeks"));
}

/// Issue 15, point 4: the 2025-26 breakdowns by year group are identical
/// before and after the rollover to 2026-27, though every pupil moved up.
#[test]
fn the_2025_26_year_group_breakdowns_survive_the_rollover() {
    use waymark::domain::reports::{pupil_costs, spend_breakdown};
    let s = school();
    let year = s.data.settings.years[0].range().unwrap();
    let as_of = date(2026, 7, 21);
    let before = (
        CostReport::build(&s.data, year).by_year_group,
        map::build(&s.data, year, Columns::YearGroup),
        spend_breakdown(&s.data, 2025, as_of).unwrap(),
        pupil_costs(&s.data, 2025).unwrap(),
    );
    // The year-group totals worked out in the map's test: Year 1 £1,242.50,
    // Year 2 £11,774, Year 3 £1,118, Year 4 £257, Year 5 £508.
    assert_eq!(
        before.1.column_totals[..5],
        [
            gbp(1_242, 50),
            gbp(11_774, 0),
            gbp(1_118, 0),
            gbp(257, 0),
            gbp(508, 0)
        ]
    );
    let mut data = s.data.clone();
    let later: Timestamp = "2026-07-20T09:00:00Z".parse().unwrap();
    let preview = rollover::preview(&data, 2025, AcademicYear::typical(2026), later).unwrap();
    data.apply(&rollover::rollover(&data, &preview, later).forward);
    assert_eq!(data.pupils[0].year_group, YearGroup::Year(2), "moved up");
    let after = (
        CostReport::build(&data, year).by_year_group,
        map::build(&data, year, Columns::YearGroup),
        spend_breakdown(&data, 2025, as_of).unwrap(),
        pupil_costs(&data, 2025).unwrap(),
    );
    assert_eq!(after.0, before.0);
    assert_eq!(after.1, before.1);
    assert_eq!(after.2, before.2);
    assert_eq!(after.3, before.3);
    // Without the history (a rollover made before it was kept), the same
    // year's spend moves up a year: the test would have caught it.
    for p in data.pupils.iter_mut() {
        p.year_group_history.clear();
    }
    assert_ne!(CostReport::build(&data, year).by_year_group, before.0);
}

#[test]
fn the_provision_map_by_term_and_by_year_group() {
    let s = school();
    let year = s.data.settings.years[0].range().unwrap();
    let m = map::build(&s.data, year, Columns::Term);
    use BroadArea::*;
    let rows: Vec<(BroadArea, &str)> = m.rows.iter().map(|(a, t)| (*a, t.as_str())).collect();
    assert_eq!(
        rows,
        [
            (CommunicationAndInteraction, "wave-2"),
            (CommunicationAndInteraction, "wave-3"),
            (CognitionAndLearning, "wave-2"),
            (Semh, "wave-2"),
            (Semh, "wave-3"),
            (SensoryPhysical, "wave-2"),
        ]
    );
    let labels: Vec<String> = m.columns.iter().map(Column::label).collect();
    assert_eq!(
        labels,
        ["Autumn 2025-26", "Spring 2025-26", "Summer 2025-26"]
    );
    // Column totals are the term totals worked out above; summer is empty.
    assert_eq!(
        m.column_totals,
        [gbp(7_922, 50), gbp(7_047, 0), Money::ZERO]
    );
    // C&I wave 2 = S&L 585 + Lego 645; C&L wave 2 = reading 382.50 + maths 280.
    assert_eq!(
        m.row_totals,
        [
            gbp(1_230, 0),
            gbp(1_560, 0),
            gbp(662, 50),
            gbp(1_572, 0),
            gbp(9_750, 0),
            gbp(195, 0)
        ]
    );
    assert_eq!(m.total, gbp(14_969, 50));
    assert_eq!(m.row_totals.iter().copied().sum::<Money>(), m.total);
    let cell: Vec<(&str, usize, Money)> = m.cells[&(0, 0)]
        .iter()
        .map(|e| (e.name.as_str(), e.pupils, e.cost))
        .collect();
    assert_eq!(
        cell,
        [
            ("Lego therapy", 3, gbp(397, 50)),
            ("Speech and language group", 3, gbp(337, 50))
        ]
    );
    // Speech therapy: two pupils in the autumn, one (pupil 8) in the spring.
    let st = |col| {
        m.cells[&(1, col)]
            .iter()
            .map(|e| (e.pupils, e.cost))
            .collect::<Vec<_>>()
    };
    assert_eq!(st(0), [(2, gbp(900, 0))]);
    assert_eq!(st(1), [(1, gbp(660, 0))]);
    assert!(!m.cells.contains_key(&(0, 2)), "nothing runs in the summer");

    let by_year = map::build(&s.data, year, Columns::YearGroup);
    let labels: Vec<String> = by_year.columns.iter().map(Column::label).collect();
    assert_eq!(
        labels,
        ["Year 1", "Year 2", "Year 3", "Year 4", "Year 5", "Other"]
    );
    // Year columns are the year-group totals worked out above; "Other" is the empty maths place.
    assert_eq!(
        by_year.column_totals,
        [
            gbp(1_242, 50),
            gbp(11_774, 0),
            gbp(1_118, 0),
            gbp(257, 0),
            gbp(508, 0),
            gbp(70, 0)
        ]
    );
    let cl = |col| {
        by_year.cells.get(&(2, col)).map(|v| {
            v.iter()
                .map(|e| (e.name.as_str(), e.pupils, e.cost))
                .collect::<Vec<_>>()
        })
    };
    assert_eq!(cl(0), Some(vec![("Reading catch-up", 4, gbp(382, 50))]));
    assert_eq!(cl(2), Some(vec![("Maths intervention", 1, gbp(70, 0))]));
    assert_eq!(cl(3), Some(vec![("Maths intervention", 2, gbp(140, 0))]));
    assert_eq!(cl(5), Some(vec![("Maths intervention", 0, gbp(70, 0))]));
    assert_eq!(
        by_year.column_totals.iter().copied().sum::<Money>(),
        by_year.total
    );
}

#[test]
fn a_leavers_share_ends_the_day_they_leave_and_who_stays_carries_the_rest() {
    // Lego therapy (pupils 5, 23, 24, both terms): autumn 22.50 x 15 + 60
    // fixed = 397.50, spring 22.50 x 11 = 247.50. Spring's weeks: w/c 5, 12,
    // 19, 26 Jan, 2, 9 Feb, (half term), 23 Feb, 2, 9, 16, 23 Mar = 11.
    let mut s = school();
    let lego = |d: &Dataset| {
        let r = CostReport::for_year(d, 2025).unwrap();
        let c = r.provision(s.p[7]).unwrap().clone();
        (r, c)
    };
    // Pupil 23 leaves the school on Mon 2 Feb: their last day in the group
    // is Fri 30 Jan, 4 of spring's 11 weeks. Spring splits 4:7 = 90.00 and
    // 157.50; the first spell is shared by three (30.00 each), the second
    // by pupils 5 and 24 (78.75 each).
    s.data.pupils[22].left_on = Some(date(2026, 2, 2));
    let (r, c) = lego(&s.data);
    let amounts: Vec<Money> = c.shares.iter().map(|x| x.amount).collect();
    // Autumn 397.50 / 3 = 132.50 each. Pupil 5: 132.50 + 30 + 78.75 =
    // 241.25; pupil 23: 132.50 + 30 = 162.50; pupil 24 as pupil 5.
    assert_eq!(amounts, [gbp(241, 25), gbp(162, 50), gbp(241, 25)]);
    // Pupil 23's days: autumn's 75 and the 20 of Jan.
    assert_eq!(c.shares[1].days, 95);
    assert_eq!(c.total, gbp(645, 0));
    assert_eq!(r.per_pupil[&s.pupils[22]], gbp(162, 50));

    // Pupil 24 leaves the same day: pupil 5 is alone in the group from
    // Mon 2 Feb and carries those 7 weeks, 157.50, whole: the 1:1 time an
    // LA asks about. Pupil 5: 132.50 + 30 + 157.50 = 320.
    s.data.pupils[23].left_on = Some(date(2026, 2, 2));
    let (_, c) = lego(&s.data);
    let amounts: Vec<Money> = c.shares.iter().map(|x| x.amount).collect();
    assert_eq!(amounts, [gbp(320, 0), gbp(162, 50), gbp(162, 50)]);
    let spring = c
        .by_term
        .iter()
        .find(|t| t.key.term == TermName::Spring)
        .unwrap();
    assert_eq!(spring.total, gbp(247, 50));
    assert_eq!(spring.unallocated, Money::ZERO);

    // Leaving before a term starts: no share of it at all. Pupil 24 leaves
    // on Mon 5 Jan, spring's first day: autumn's 132.50 only, and the term
    // lists only the two who stayed.
    s.data.pupils[22].left_on = None;
    s.data.pupils[23].left_on = Some(date(2026, 1, 5));
    let (_, c) = lego(&s.data);
    let spring = c
        .by_term
        .iter()
        .find(|t| t.key.term == TermName::Spring)
        .unwrap();
    assert_eq!(spring.shares.len(), 2);
    // Spring 247.50 / 2 = 123.75: pupils 5 and 23 have 132.50 + 123.75.
    let amounts: Vec<Money> = c.shares.iter().map(|x| x.amount).collect();
    assert_eq!(amounts, [gbp(256, 25), gbp(256, 25), gbp(132, 50)]);
}

#[test]
fn dates_in_no_academic_year_are_flagged_and_a_later_year_changes_nothing_before_it() {
    let mut s = school();
    // The 1:1 runs on to 31 Oct 2026, into 2026-27, which is not set up.
    let i = s
        .data
        .provisions
        .iter()
        .position(|p| p.id == s.p[2])
        .unwrap();
    s.data.provisions[i].end = date(2026, 10, 31);
    let before = CostReport::for_year(&s.data, 2025).unwrap();
    let p = s.data.provisions[i].clone();
    let es: Vec<&Enrolment> = s
        .data
        .enrolments
        .iter()
        .filter(|e| e.provision_id == p.id)
        .collect();
    let c = waymark::domain::costing::cost_provision(&p, &s.data, &es, &p.range()).unwrap();
    // 1 Sep - 31 Oct 2026 is in no year set up: flagged, not costed as £0
    // in silence. (2025-26 covers 1 Sep 2025 to 31 Aug 2026.)
    assert_eq!(
        c.outside_years,
        [DateRange::new(date(2026, 9, 1), date(2026, 10, 31))]
    );
    // Costed where it can be: 2025-26's three terms, 75.00 x 5 x (15 + 11 +
    // 13) = 14,625; pupil 8's place ends 27 Mar, so summer's 4,875 is
    // carried by no pupil.
    assert_eq!(c.total, gbp(14_625, 0));
    assert_eq!(c.unallocated, gbp(4_875, 0));
    // Set up 2026-27: the 2025-26 report is what it was, figure for figure.
    s.data.settings.years.push(AcademicYear::typical(2026));
    assert!(s.data.settings.validate().is_empty());
    let after = CostReport::for_year(&s.data, 2025).unwrap();
    assert_eq!(after.grand_total, before.grand_total);
    assert_eq!(after.per_pupil, before.per_pupil);
    assert_eq!(after.by_term, before.by_term);
    let c = waymark::domain::costing::cost_provision(&p, &s.data, &es, &p.range()).unwrap();
    assert!(c.outside_years.is_empty());
}
