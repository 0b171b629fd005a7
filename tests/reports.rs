//! The reports' figures: suppression of small counts, and totals that agree
//! with the costing rules.

mod support;

use jiff::civil::date;
use uuid::Uuid;
use waymark::domain::calendar::TermName;
use waymark::domain::costing::CostReport;
use waymark::domain::money::Money;
use waymark::domain::provision::{Assessment, Enrolment, FundingSource, Score};
use waymark::domain::pupil::{Pupil, PupilDraft};
use waymark::domain::reports::{
    governors_summary, pp_plus_summary, published_count, sen_information, Report,
};

fn cell<'a>(r: &'a Report, caption: &str, row: &str, col: usize) -> &'a str {
    let t = r
        .tables
        .iter()
        .find(|t| t.caption.starts_with(caption))
        .unwrap_or_else(|| panic!("no table {caption}"));
    let row = t
        .rows
        .iter()
        .find(|r| r[0].starts_with(row))
        .unwrap_or_else(|| panic!("no row {row} in {caption}"));
    &row[col]
}

/// The sample plus `k` SLCN pupils on SEN support and `e` with plans for SEMH.
fn school(k: usize, e: usize) -> waymark::domain::dataset::Dataset {
    let mut d = support::sample();
    for i in 0..k + e {
        let mut p = PupilDraft::new(&format!("Pupil{i}"), "Test", "Y3");
        if i < k {
            p.sen_status = "K".into();
            p.primary_need = "SLCN".into();
        } else {
            p.sen_status = "E".into();
            p.primary_need = "SEMH".into();
        }
        d.pupils.push(Pupil::create(&p, support::now()).unwrap());
    }
    d
}

#[test]
fn counts_under_five_are_never_published() {
    assert_eq!(published_count(0), "0");
    assert_eq!(published_count(1), "fewer than 5");
    assert_eq!(published_count(4), "fewer than 5");
    assert_eq!(published_count(5), "5");
    // 4 on SEN support (K) and 5 with plans (E) besides the sample's one E pupil.
    let d = school(4, 5);
    let r = governors_summary(&d, 2025, TermName::Autumn).unwrap();
    // K = 4, E = 6, All = 10. K is small; E and All shown would give
    // K = 10 - 6, so E (the smaller, and no total) is hidden. The reader
    // knows E >= 5 and K is 1 to 4: E is 6 to 9, K is 1 to 4.
    assert_eq!(
        cell(&r, "Pupils on the SEN register", "SEN support", 1),
        "fewer than 5"
    );
    assert_eq!(
        cell(&r, "Pupils on the SEN register", "EHC plan", 1),
        "hidden"
    );
    assert_eq!(cell(&r, "Pupils on the SEN register", "All", 1), "10");
    // The areas add up to All (10): 5 + 0 + 5 + 0 + 0 + 0, nothing small.
    assert_eq!(cell(&r, "By broad area", "Social, emotional", 1), "5");
    assert_eq!(cell(&r, "By broad area", "Communication", 1), "5");
    assert_eq!(cell(&r, "By broad area", "Sensory", 1), "0");
    assert_eq!(
        cell(&r, "By broad area", "Primary need not recorded", 1),
        "0"
    );
    // No cell of the published tables holds a count from 1 to 4.
    for t in &r.tables {
        for row in &t.rows {
            for c in &row[1..] {
                assert!(
                    !matches!(c.as_str(), "1" | "2" | "3" | "4")
                        || t.caption.starts_with("Provision running"),
                    "{c} in {}",
                    t.caption
                );
            }
        }
    }
    let s = sen_information(&d, 2025, date(2025, 10, 1)).unwrap();
    // By need:          K    E    Total
    //   SLCN            4    0    4       the 4s "fewer than 5", the 0 shown
    //   ASD (Zoë)       0    1    1       the 1s "fewer than 5"
    //   SEMH            0    5    5       shown
    //   All             4    6   10
    // Column E gives ASD's 1 back (6 - 0 - 5), so the smallest other shown
    // count in it that is no total, SEMH's E (5), is hidden; then row SEMH
    // gives that back (5 - 0), so SEMH's total (5) is hidden. All's K (4)
    // would be 10 - 6, so All's E (6, smaller than 10) is hidden. The reader
    // is left with: column T, 10 = SLCN + ASD + SEMH with SEMH >= 5, so
    // SLCN and ASD are 1 to 4 each and SEMH 5 to 8; K and E follow no
    // further (All's K is SLCN's K, 1 to 4; All's E is 6 to 9).
    let need = |row: &str, col: usize| cell(&s, "Pupils on the SEN register", row, col);
    assert_eq!(
        [need("Speech", 1), need("Speech", 2), need("Speech", 3)],
        ["fewer than 5", "0", "fewer than 5"]
    );
    assert_eq!(
        [
            need("Autistic", 1),
            need("Autistic", 2),
            need("Autistic", 3)
        ],
        ["0", "fewer than 5", "fewer than 5"]
    );
    assert_eq!(
        [need("Social", 1), need("Social", 2), need("Social", 3)],
        ["0", "hidden", "hidden"]
    );
    assert_eq!(
        [
            need("All pupils", 1),
            need("All pupils", 2),
            need("All pupils", 3)
        ],
        ["fewer than 5", "hidden", "10"]
    );
    assert!(
        s.notes[0].contains("Pupils on roll: 10; on the SEN register: 10 (100%)"),
        "{}",
        s.notes[0]
    );
    // A pupil who left the register before the date is not counted.
    let mut d2 = d.clone();
    let last = d2.pupils.last_mut().unwrap();
    last.on_register_from = Some(date(2025, 9, 1));
    last.off_register_from = Some(date(2025, 9, 30));
    let s2 = sen_information(&d2, 2025, date(2025, 10, 1)).unwrap();
    assert_eq!(
        cell(&s2, "Pupils on the SEN register", "Social", 2),
        "fewer than 5"
    );
    // 9 on the register of a roll of 10: the 1 not on it is small, and the
    // share (90%) would give it back, so the share is hidden; the register
    // count itself is hidden too (roll 10 less 9).
    assert!(
        s2.notes[0].contains("(percentage hidden)"),
        "{}",
        s2.notes[0]
    );
}

#[test]
fn governors_spend_agrees_with_the_costing_of_the_term() {
    let d = school(5, 5);
    let term = d
        .settings
        .year(2025)
        .unwrap()
        .term(TermName::Autumn)
        .unwrap()
        .range();
    let cost = CostReport::build(&d, term);
    assert!(cost.grand_total > Money::ZERO);
    let r = governors_summary(&d, 2025, TermName::Autumn).unwrap();
    assert_eq!(
        cell(&r, "Spend in the term", "Notional SEN", 1),
        cost.by_funding[&FundingSource::NotionalSen].to_string()
    );
    assert_eq!(
        cell(&r, "Provision running", "All provision", 2),
        cost.grand_total.to_string()
    );
    assert_eq!(cell(&r, "Provision running", "Wave 2", 1), "1");
    // The sample's one pupil with data: suppressed mean.
    assert_eq!(cell(&r, "Impact", "Standardised", 1), "fewer than 5");
    assert_eq!(cell(&r, "Impact", "Standardised", 2), "–");
    // In the spring term nothing runs.
    let spring = governors_summary(&d, 2025, TermName::Spring).unwrap();
    assert_eq!(
        cell(&spring, "Provision running", "All provision", 2),
        "£0.00"
    );
    assert!(governors_summary(&d, 2031, TermName::Autumn).is_none());
}

#[test]
fn impact_means_are_shown_for_five_or_more() {
    let mut d = school(5, 0);
    let prov = d.provisions[0].id;
    let ids: Vec<Uuid> = d.pupils.iter().skip(1).map(|p| p.id).collect();
    for (i, pid) in ids.iter().enumerate() {
        let mut e: Enrolment = d.enrolments[0].clone();
        e.id = Uuid::new_v4();
        e.pupil_id = *pid;
        e.provision_id = prov;
        e.entry = Some(Assessment {
            score: Score::ReadingAgeMonths(90),
            date: date(2025, 9, 8),
        });
        // 3.99 months elapsed to 12/12/2025 (95 days): gains 4..8 months.
        e.exit = Some(Assessment {
            score: Score::ReadingAgeMonths(94 + i as u32),
            date: date(2025, 12, 12),
        });
        d.enrolments.push(e);
    }
    let r = governors_summary(&d, 2025, TermName::Autumn).unwrap();
    assert_eq!(cell(&r, "Impact", "Reading age", 1), "5");
    let mean = cell(&r, "Impact", "Reading age", 2);
    assert_eq!(mean, "6 (ratio gain 1.92)");
    // Months elapsed 95 x 12 / 365.25 = 3.121...; gains 4..8 give ratios 1.28..2.56:
    // at or over 1.4 (modest) are 5, 6, 7 and 8 months: 4 of 5. "80%" of 5
    // would say that 4 pupils did and 1 did not: the share is hidden.
    assert_eq!(cell(&r, "Impact", "Reading age", 3), "hidden");
    // The impact view stays in school: its share is shown.
    let term = d
        .settings
        .year(2025)
        .unwrap()
        .term(TermName::Autumn)
        .unwrap()
        .range();
    let inside = waymark::domain::reports::impact_by_measure(&d, &term);
    let reading = inside
        .rows
        .iter()
        .find(|r| r[0].starts_with("Reading age"))
        .unwrap();
    assert_eq!(reading[3], "80%");
    // Left out (attended under the threshold): the pupil who gained 4
    // months. Gains 5..8 months: mean 6.5; ratios 5..8 / 3.1211 = 1.60,
    // 1.92, 2.24, 2.56, mean 6.5 / 3.1211 = 2.08; all 4 modest or better.
    let four = d
        .enrolments
        .iter()
        .find(|e| {
            e.exit
                .as_ref()
                .is_some_and(|x| x.score == Score::ReadingAgeMonths(94))
        })
        .unwrap()
        .id;
    let without = waymark::domain::reports::impact_by_measure_except(&d, &term, &[four]);
    let reading = without
        .rows
        .iter()
        .find(|r| r[0].starts_with("Reading age"))
        .unwrap();
    assert_eq!(reading[1..], ["4", "6.5 (ratio gain 2.08)", "100%"]);
}

#[test]
fn pp_plus_summary_costs_children_in_care() {
    let mut d = support::sample();
    let mut lac = PupilDraft::new("Kai", "Lee", "Y5");
    lac.flags.lac = true;
    let lac = Pupil::create(&lac, support::now()).unwrap();
    d.pupils.push(lac.clone());
    let r = pp_plus_summary(&d, 2025, false).unwrap();
    // Zoë (the sample's) is PLAC, Kai is LAC; the 2025-26 rate is £2,630.
    assert_eq!(cell(&r, "Allocation", "Children looked after", 1), "1");
    assert_eq!(cell(&r, "Allocation", "Previously", 1), "1");
    assert_eq!(cell(&r, "Allocation", "PP+ rate", 1), "£2,630.00");
    // The school's allocation is for PLAC pupils only: 1 x £2,630.
    assert_eq!(cell(&r, "Allocation", "School's PP+", 1), "£2,630.00");
    assert_eq!(cell(&r, "Allocation", "PP+ agreed", 1), "none recorded");
    assert_eq!(cell(&r, "Allocation", "PP+ available", 1), "£2,630.00");
    // Kai's PP+ is the virtual school head's, shown apart: 1 x £2,630.
    assert_eq!(
        cell(&r, "Held by the virtual school", "Children looked", 1),
        "1"
    );
    assert_eq!(
        cell(&r, "Held by the virtual school", "Their PP+", 1),
        "£2,630.00"
    );
    let year = CostReport::for_year(&d, 2025).unwrap();
    let zoe = d.pupils[0].id;
    assert_eq!(
        cell(&r, "Allocation", "Cost of all", 1),
        year.per_pupil[&zoe].to_string()
    );
    assert_eq!(
        cell(&r, "Provision and gains", "Zoë O'Brien", 3),
        year.per_pupil[&zoe].to_string()
    );
    assert_eq!(
        cell(&r, "Provision and gains", "Zoë O'Brien", 4),
        "+5.5 (standardised score)"
    );
    assert_eq!(
        cell(&r, "Provision and gains", "Kai Lee", 2),
        "No provision this year"
    );
    // The sample budgets by the financial year: the report says it stays
    // an academic year's, and where the financial year's PP+ is.
    assert!(r.notes.iter().any(|n| n.starts_with(
        "This report is for the academic year 2025-26, as PP+ is agreed with the virtual school."
    )));
    let mut academic = d.clone();
    academic.settings.budget_year = waymark::domain::settings::BudgetYear::Academic;
    let notes = pp_plus_summary(&academic, 2025, false).unwrap().notes;
    assert!(!notes.iter().any(|n| n.contains("financial year")));
    let hidden = pp_plus_summary(&d, 2025, true).unwrap();
    let text = format!("{:?}", hidden.tables);
    assert!(!text.contains("Zoë") && !text.contains("Lee") && text.contains("K.L. (ref "));
    // Two more PLAC and two more LAC pupils, and £1,500 agreed with the
    // virtual school for 2025-26: allocation 3 x £2,630 = £7,890; available
    // £7,890 + £1,500 = £9,390; held by the virtual school head 3 x £2,630
    // = £7,890, of which the £1,500 agreed is the part passed to the school.
    for (i, looked_after) in [(0, false), (1, false), (2, true), (3, true)] {
        let mut c = PupilDraft::new(&format!("Child{i}"), "Care", "Y2");
        if looked_after {
            c.flags.lac = true;
        } else {
            c.flags.plac = true;
        }
        d.pupils.push(Pupil::create(&c, support::now()).unwrap());
    }
    d.settings
        .pp_plus_agreed
        .push(waymark::domain::settings::PpPlusAgreement {
            start_year: 2025,
            amount: Money::pounds(1_500),
        });
    let r = pp_plus_summary(&d, 2025, false).unwrap();
    assert_eq!(cell(&r, "Allocation", "Children looked after", 1), "3");
    assert_eq!(cell(&r, "Allocation", "Previously", 1), "3");
    assert_eq!(cell(&r, "Allocation", "School's PP+", 1), "£7,890.00");
    assert_eq!(cell(&r, "Allocation", "PP+ agreed", 1), "£1,500.00");
    assert_eq!(cell(&r, "Allocation", "PP+ available", 1), "£9,390.00");
    assert_eq!(
        cell(&r, "Held by the virtual school", "Their PP+", 1),
        "£7,890.00"
    );
    // The agreed amount counts toward the PP+ budget available: none set
    // plus £1,500 agreed.
    let lines = waymark::domain::costing::budget_lines(&d, 2025, date(2025, 9, 1)).unwrap();
    let pp_plus = lines
        .iter()
        .find(|l| l.source == FundingSource::PupilPremiumPlus)
        .unwrap();
    assert_eq!(pp_plus.budget, Money::pounds(1_500));
    // No PP+ rate for a year without one.
    d.settings
        .years
        .push(waymark::domain::calendar::AcademicYear::typical(2030));
    let r = pp_plus_summary(&d, 2030, false).unwrap();
    assert_eq!(cell(&r, "Allocation", "PP+ rate", 1), "not set");
    assert_eq!(cell(&r, "Allocation", "School's PP+", 1), "not set");
    assert_eq!(cell(&r, "Allocation", "PP+ agreed", 1), "none recorded");
    assert_eq!(
        cell(&r, "Held by the virtual school", "Their PP+", 1),
        "not set"
    );
}

#[test]
fn each_budget_breakdown_adds_up_to_the_year() {
    use waymark::domain::reports::spend_breakdown;
    let d = school(2, 2);
    let year = CostReport::for_year(&d, 2025).unwrap();
    let spent = CostReport::build(
        &d,
        waymark::domain::calendar::DateRange::new(date(2025, 9, 1), date(2025, 10, 15)),
    );
    let tables = spend_breakdown(&d, 2025, date(2025, 10, 15)).unwrap();
    assert_eq!(
        tables
            .iter()
            .map(|t| t.caption.as_str())
            .collect::<Vec<_>>(),
        [
            "By broad area of need",
            "By tier",
            "By year group",
            "By term",
            "By staff role",
            "By member of staff"
        ]
    );
    for t in &tables {
        let total = t.rows.last().unwrap();
        assert_eq!(total[0], "Total");
        assert_eq!(total[1], year.grand_total.to_string(), "{}", t.caption);
        assert_eq!(total[2], spent.grand_total.to_string(), "{}", t.caption);
    }
    let area = &tables[0].rows[0];
    assert_eq!(area[0], "Communication and interaction");
    assert_eq!(area[1], year.grand_total.to_string());
    let autumn = tables[3]
        .rows
        .iter()
        .find(|r| r[0] == "Autumn 2025-26")
        .unwrap();
    assert_eq!(autumn[1], year.grand_total.to_string());
    // Before the year starts nothing is spent.
    let before = spend_breakdown(&d, 2025, date(2025, 8, 1)).unwrap();
    assert_eq!(before[0].rows.last().unwrap()[2], "£0.00");
}

/// Spend by who delivers it (issue 18, point 4). The sample's "Colourful
/// semantics" (TA x 1, Mrs Patel) costs £428.45: staff £378.46
/// (19.4082 x 30/60 x 3 x 13 = 378.4599, and the penny the total's rounding
/// adds goes to staff, the fixed £49.99 being whole pence) and fixed £49.99.
/// Added: "Maths catch-up", 8/9 to 12/12/2025 (13 teaching weeks), 1 session
/// of 25 minutes a week, an HLTA at £17.99 an hour named (Mr Jones) and two
/// HLTAs unnamed, fixed costs £10.00.
///   Mr Jones' line:  17.99 x 25/60     =  7.4958333 a session
///   unnamed line:    17.99 x 2 x 25/60 = 14.9916667 a session
///   staff time:      22.4875 x 13      = 292.3375
///   term cost:       292.3375 + 10.00  = 302.3375 -> £302.34
///   staff / fixed:   30234p x 292.3375 / 302.3375 = 29233.99 -> 29234p
///                    30234p x 10 / 302.3375       =  1000.01 -> 1000p
///   the HLTA's 29234p by line: 1/3 = 9744.67 -> 9745p (the larger
///   remainder takes the penny), 2/3 = 19489.33 -> 19489p.
/// Year: 428.45 + 302.34 = £730.79.
///   By role:   HLTA 292.34 + TA 378.46 + fixed (49.99 + 10.00) 59.99 = 730.79
///   By member: Mr Jones 97.45 + Mrs Patel 378.46 + no named member 194.89
///              + fixed 59.99 = 730.79
#[test]
fn spend_by_staff_role_and_member_adds_up_to_the_year() {
    use waymark::domain::provision::StaffLine;
    use waymark::domain::reports::spend_breakdown;
    use waymark::domain::staff::{RateBasis, RoleCategory, StaffMember, StaffRole};
    let mut d = support::sample();
    let hlta = StaffRole::new(
        "HLTA",
        RoleCategory::TeachingAssistant,
        RateBasis::Typed {
            hourly: Money(1_799),
        },
        support::now(),
    );
    let jones = StaffMember {
        id: Uuid::new_v4(),
        name: "Mr Jones".into(),
        role_id: hlta.id,
        hours_available_per_week: waymark::domain::quantity::Dec2::whole(20),
        created_at: support::now(),
        updated_at: support::now(),
    };
    let mut p = d.provisions[0].clone();
    p.id = Uuid::new_v4();
    p.intervention_id = None;
    p.name = "Maths catch-up".into();
    p.staff = vec![
        StaffLine {
            role_id: hlta.id,
            member_id: Some(jones.id),
            count: 1,
        },
        StaffLine {
            role_id: hlta.id,
            member_id: None,
            count: 2,
        },
    ];
    p.sessions_per_week = 1;
    p.minutes_per_session = 25;
    p.fixed_costs = Money(1_000);
    p.slots = vec![];
    d.roles.push(hlta.clone());
    d.members.push(jones.clone());
    d.provisions.push(p.clone());
    assert_eq!(d.validate(), vec![]);

    let year = CostReport::for_year(&d, 2025).unwrap();
    assert_eq!(year.grand_total, Money(73_079));
    let c = year.provision(p.id).unwrap();
    assert_eq!(
        (c.staff, c.fixed, c.total),
        (Money(29_234), Money(1_000), Money(30_234))
    );
    assert_eq!(
        c.by_member,
        [(Some(jones.id), Money(9_745)), (None, Money(19_489))]
    );
    assert_eq!(year.fixed(), Money(5_999));

    // After the year every penny committed is spent.
    let tables = spend_breakdown(&d, 2025, date(2026, 7, 31)).unwrap();
    let rows = |caption: &str| -> Vec<Vec<String>> {
        tables
            .iter()
            .find(|t| t.caption == caption)
            .unwrap()
            .rows
            .clone()
    };
    let row = |a: &str, b: &str| vec![a.to_owned(), b.to_owned(), b.to_owned()];
    assert_eq!(
        rows("By staff role"),
        [
            row("HLTA", "£292.34"),
            row("TA", "£378.46"),
            row("Fixed and resource costs", "£59.99"),
            row("Total", "£730.79"),
        ]
    );
    assert_eq!(
        rows("By member of staff"),
        [
            row("Mr Jones", "£97.45"),
            row("Mrs Patel", "£378.46"),
            row("No named member", "£194.89"),
            row("Fixed and resource costs", "£59.99"),
            row("Total", "£730.79"),
        ]
    );
    // Before the year starts, nothing is spent, by anyone.
    let before = spend_breakdown(&d, 2025, date(2025, 8, 1)).unwrap();
    for t in &before[4..] {
        assert!(t.rows.iter().all(|r| r[2] == "£0.00"), "{}", t.caption);
    }
}

#[test]
fn the_map_and_pupil_costs_as_reports_match_the_costing() {
    use waymark::domain::map::{build, Columns};
    use waymark::domain::reports::{map_report, pupil_costs};
    let mut d = school(1, 0);
    d.settings.element2_threshold = Money::pounds(100);
    let year = CostReport::for_year(&d, 2025).unwrap();
    let map = build(&d, year.period, Columns::Term);
    let r = map_report(&d, &map, "Provision map, 2025-26");
    let t = &r.tables[0];
    assert_eq!(&t.headers[..3], ["Area of need", "Tier", "Autumn 2025-26"]);
    assert_eq!(t.rows[0][0], "Communication and interaction");
    assert_eq!(
        t.rows[0][2],
        format!("Colourful semantics (Y4) (1 pupil, {})", year.grand_total)
    );
    assert_eq!(
        t.rows.last().unwrap().last().unwrap(),
        &year.grand_total.to_string()
    );

    let c = pupil_costs(&d, 2025).unwrap();
    let rows = &c.tables[0].rows;
    // Only Zoë carries a cost: one of the 4 planned places of £428.45
    // (13 weeks of 3 half-hour sessions at the TA's rate, + £49.99 fixed).
    // The rate: paid 25,584 x 32.5/37 x 43.57/52.143 = 18,777.7; NI 15% of
    // 13,777.7 = 2,066.7; pension 20% = 3,755.5; 24,599.9 / (32.5 x 39 =
    // 1,267.5 hours) = 19.408 an hour; 9.704 x 3 x 13 = 378.46, + 49.99:
    // 428.45 / 4 = 107.1125 -> £107.11, £7.11 over £100.
    assert_eq!(year.grand_total.to_string(), "£428.45");
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0][0], "Zoë O'Brien");
    assert_eq!(rows[0][6], year.per_pupil[&d.pupils[0].id].to_string());
    assert_eq!(rows[0][6], "£107.11");
    assert_eq!(rows[0][7], "£7.11");
    assert!(pupil_costs(&d, 2031).is_none());
}

/// The end-to-end tests' school (tests/e2e/helpers.js, `readingSchool`):
/// the sample plus five pupils on SEN support for SLCN, from 01/09/2025, in
/// a reading provision with reading ages 90 on 08/09/2025 and 94 to 98 on
/// 12/12/2025. Its published figures are the ones tests/e2e/reports.spec.js
/// expects.
#[test]
fn the_end_to_end_school_publishes_these_figures() {
    use waymark::domain::needs::BroadArea;
    use waymark::domain::provision::CostSplit;
    let mut d = support::sample();
    let mut reading = d.provisions[0].clone();
    reading.id = Uuid::new_v4();
    reading.intervention_id = None;
    reading.name = "Reading recovery".into();
    reading.broad_area = BroadArea::CognitionAndLearning;
    reading.split = CostSplit::ActualPupils;
    reading.recurring = false;
    d.provisions.push(reading.clone());
    for i in 0..5u32 {
        let mut p = PupilDraft::new(&format!("Reader{}", i + 1), "Test", "Y3");
        p.sen_status = "K".into();
        p.primary_need = "SLCN".into();
        let mut p = Pupil::create(&p, support::now()).unwrap();
        p.on_register_from = Some(date(2025, 9, 1));
        let mut e: Enrolment = d.enrolments[0].clone();
        e.id = Uuid::new_v4();
        e.pupil_id = p.id;
        e.provision_id = reading.id;
        e.start = reading.start;
        e.end = reading.end;
        e.entry = Some(Assessment {
            score: Score::ReadingAgeMonths(90),
            date: date(2025, 9, 8),
        });
        e.exit = Some(Assessment {
            score: Score::ReadingAgeMonths(94 + i),
            date: date(2025, 12, 12),
        });
        d.pupils.push(p);
        d.enrolments.push(e);
    }
    let r = governors_summary(&d, 2025, TermName::Autumn).unwrap();
    // K = 5, E = 1 (Zoë), All = 6; all 6 in communication and interaction.
    // E is small: K (the smaller shown, no total) is hidden; K >= 5 and
    // E >= 1 with All = 6 still leave K = 5, E = 1, so All is hidden; the
    // areas (6 + 0 + 0 + 0 + 0 + 0) give All back, so communication and
    // interaction is hidden too. Its zeros stay shown.
    let reg = |row: &str| cell(&r, "Pupils on the SEN register", row, 1);
    assert_eq!(
        [
            reg("SEN support"),
            reg("EHC plan"),
            reg("All on the register")
        ],
        ["hidden", "fewer than 5", "hidden"]
    );
    assert_eq!(cell(&r, "By broad area", "Communication", 1), "hidden");
    assert_eq!(cell(&r, "By broad area", "Cognition", 1), "0");
    // 4 of the 5 readers made a significant gain: "80%" would say so.
    assert_eq!(cell(&r, "Impact", "Reading age", 1), "5");
    assert_eq!(cell(&r, "Impact", "Reading age", 2), "6 (ratio gain 1.92)");
    assert_eq!(cell(&r, "Impact", "Reading age", 3), "hidden");
    assert_eq!(cell(&r, "Impact", "Standardised", 1), "fewer than 5");
    assert_eq!(cell(&r, "Impact", "Standardised", 2), "–");
    let csv = waymark::exchange::csv::report_csv(&r);
    assert!(csv.contains("\nSEN support (K),hidden\n"), "{csv}");
    assert!(csv.contains("\nEHC plan (E),fewer than 5\n"), "{csv}");
    assert!(csv.contains("\nReading age (months),5,6 (ratio gain 1.92),hidden\n"));

    let s = sen_information(&d, 2025, date(2025, 10, 1)).unwrap();
    //                 K   E   Total
    //   SLCN          5   0   5
    //   ASD (Zoë)     0   1   1
    //   All           5   1   6      roll 6, none off the register
    // Column T gives ASD's 1 back (6 - 5) and column K says ASD's K is 0
    // beside it, so SLCN's K (5) goes, then SLCN's total (5 = K + 0), then
    // All's K (5 = SLCN's K), then All's total (6, by K + E), then the roll
    // (6 = the register + 0 not on it). Every non-zero count is then hidden
    // or "fewer than 5".
    let need = |row: &str, col: usize| cell(&s, "Pupils on the SEN register", row, col);
    assert_eq!(
        [need("Speech", 1), need("Speech", 2), need("Speech", 3)],
        ["hidden", "0", "hidden"]
    );
    assert_eq!(need("Autistic", 3), "fewer than 5");
    assert_eq!(
        [
            need("All pupils", 1),
            need("All pupils", 2),
            need("All pupils", 3)
        ],
        ["hidden", "fewer than 5", "hidden"]
    );
    assert_eq!(
        s.notes[0],
        "Pupils on roll: hidden; on the SEN register: hidden (percentage hidden)."
    );
    let csv = waymark::exchange::csv::report_csv(&s);
    assert!(
        csv.contains("\n\"Speech, language and communication needs (SLCN)\",hidden,0,hidden\n"),
        "{csv}"
    );
}
