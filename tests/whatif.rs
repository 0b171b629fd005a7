//! What-if: the budget effect of changing a provision, before saving.

mod support;

use jiff::civil::date;
use waymark::domain::calendar::{weeks_in, DateRange};
use waymark::domain::costing::budget_lines;
use waymark::domain::money::Exact;
use waymark::domain::provision::FundingSource;
use waymark::domain::whatif::{end_after_weeks, WhatIfDraft};
use waymark::domain::ProvisionField;

#[test]
fn doubling_sessions_doubles_the_staff_cost_and_moves_the_budget_by_the_difference() {
    let d = support::sample();
    let p = d.provisions[0].clone();
    let mut draft = WhatIfDraft::of(&d, &p);
    assert_eq!(draft.sessions_per_week, "3");
    assert_eq!(draft.planned_group_size, "4");
    // Mon 8 Sep to Fri 12 Dec 2025 runs every school day of w/c 8 Sep to
    // w/c 8 Dec, 14 weeks less the half term w/c 27 Oct: 13 weeks (within
    // the typical autumn's 14 teaching weeks).
    let exact = weeks_in(&d.settings.years, &p.range());
    assert_eq!(exact, Exact::from_integer(13));
    assert_eq!(draft.weeks, "13");
    let same = draft.evaluate(&d, p.id, 2025, date(2025, 10, 1)).unwrap();
    assert_eq!(same.cost_before, same.cost_after);
    assert_eq!(same.before, same.after);
    assert!(same.enrolments.is_empty());

    draft.sessions_per_week = "6".into();
    let w = draft.evaluate(&d, p.id, 2025, date(2025, 10, 1)).unwrap();
    let staff_before = w.cost_before - p.fixed_costs;
    let staff_after = w.cost_after - p.fixed_costs;
    assert!((staff_after - staff_before - staff_before).as_pence().abs() <= 1);
    let line = |ls: &[waymark::domain::costing::BudgetLine]| {
        ls.iter()
            .find(|l| l.source == FundingSource::NotionalSen)
            .unwrap()
            .clone()
    };
    assert_eq!(
        line(&w.after).committed - line(&w.before).committed,
        w.cost_after - w.cost_before
    );
    assert_eq!(
        line(&w.before),
        line(&budget_lines(&d, 2025, date(2025, 10, 1)).unwrap())
    );
    // Nothing is changed in the dataset itself.
    assert_eq!(d.provisions[0], p);

    // Group size moves each pupil's share (planned split), not the total.
    let mut g = WhatIfDraft::of(&d, &p);
    g.planned_group_size = "2".into();
    let w = g.evaluate(&d, p.id, 2025, date(2025, 10, 1)).unwrap();
    assert_eq!(w.cost_after, w.cost_before);
    let before = w.per_pupil_before.unwrap().as_pence();
    let after = w.per_pupil_after.unwrap().as_pence();
    assert!((after - 2 * before).abs() <= 1, "{before} {after}");
}

#[test]
fn fewer_weeks_end_sooner_and_cost_less() {
    let d = support::sample();
    let p = d.provisions[0].clone();
    let end = end_after_weeks(&d, p.start, 6).unwrap();
    let weeks = weeks_in(&d.settings.years, &DateRange::new(p.start, end));
    assert!(
        weeks >= Exact::from_integer(6) && weeks < Exact::new(31, 5),
        "{weeks}"
    );
    let mut draft = WhatIfDraft::of(&d, &p);
    draft.weeks = "6".into();
    let w = draft.evaluate(&d, p.id, 2025, date(2025, 10, 1)).unwrap();
    assert_eq!(w.changed.end, end);
    assert!(w.cost_after < w.cost_before);
    assert_eq!(w.enrolments.len(), 1);
    assert_eq!(w.enrolments[0].end, end);

    // Bad input says what and where.
    let bad = WhatIfDraft {
        sessions_per_week: "0".into(),
        planned_group_size: "x".into(),
        weeks: "400".into(),
    };
    let probs = bad.evaluate(&d, p.id, 2025, date(2025, 10, 1)).unwrap_err();
    assert!(probs.for_field(ProvisionField::SessionsPerWeek).is_some());
    assert!(probs.for_field(ProvisionField::PlannedGroupSize).is_some());
    assert!(probs
        .for_field(ProvisionField::Weeks)
        .unwrap()
        .contains("calendar ends"));
    assert!(draft
        .evaluate(&d, uuid::Uuid::new_v4(), 2025, date(2025, 10, 1))
        .is_err());
}
