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
    assert_eq!(published_count(0), "fewer than 5");
    assert_eq!(published_count(4), "fewer than 5");
    assert_eq!(published_count(5), "5");
    // 4 on SEN support (K) and 5 with plans (E) besides the sample's one E pupil.
    let d = school(4, 5);
    let r = governors_summary(&d, 2025, TermName::Autumn).unwrap();
    assert_eq!(
        cell(&r, "Pupils on the SEN register", "SEN support", 1),
        "fewer than 5"
    );
    assert_eq!(cell(&r, "Pupils on the SEN register", "EHC plan", 1), "6");
    assert_eq!(cell(&r, "Pupils on the SEN register", "All", 1), "10");
    assert_eq!(cell(&r, "By broad area", "Social, emotional", 1), "5");
    assert_eq!(cell(&r, "By broad area", "Communication", 1), "5");
    assert_eq!(cell(&r, "By broad area", "Sensory", 1), "fewer than 5");
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
    assert_eq!(
        cell(&s, "Pupils on the SEN register", "Speech", 1),
        "fewer than 5"
    );
    assert_eq!(cell(&s, "Pupils on the SEN register", "Social", 2), "5");
    assert_eq!(
        cell(&s, "Pupils on the SEN register", "All pupils", 3),
        "10"
    );
    assert!(
        s.notes[0].contains("on the SEN register: 10 (100%)"),
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
    // at or over 1.4 (modest) are 5, 6, 7 and 8 months: 4 of 5.
    assert_eq!(cell(&r, "Impact", "Reading age", 3), "80%");
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
            "By term"
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
