//! The laws of costing, property-tested over random schools:
//! - a provision's pupil shares (plus what is unallocated) add up to its cost;
//! - its splits by role, by term, and staff/fixed add up to its cost, and so
//!   do its staff time by named member plus its fixed costs, which are the
//!   same in every split (by role, by member, staff/fixed);
//! - every grouping of a report adds up to the grand total;
//! - a cost never falls when minutes, sessions, weeks or the rate rise;
//! - shares do not depend on the order the enrolments are stored in;
//! - a report built through a cost cache is the report built afresh, and
//!   after an edit to one provision the cache costs that provision alone;
//! - costs accrue when the sessions happen: for every pupil, provision,
//!   funding source, area, tier, year group, role, member and budget, the three
//!   termly figures add up to the annual figure to the penny, and in every
//!   term the pupils' shares plus what is unallocated equal the cost;
//! - adding a later academic year never changes an earlier year's figures.
#![cfg(not(target_arch = "wasm32"))]

use jiff::civil::{date, Date};
use jiff::{Span, Timestamp};
use proptest::prelude::*;
use uuid::Uuid;
use waymark::domain::calendar::TermKey;
use waymark::domain::calendar::{AcademicYear, DateRange};
use waymark::domain::costing::{budget_lines, cost_provision, CostCache, CostIssue, CostReport};
use waymark::domain::dataset::Dataset;
use waymark::domain::money::Money;
use waymark::domain::needs::BroadArea;
use waymark::domain::provision::{CostSplit, Enrolment, FundingSource, Provision, StaffLine};
use waymark::domain::pupil::{Pupil, PupilDraft};
use waymark::domain::quantity::Dec2;
use waymark::domain::settings::SchoolSettings;
use waymark::domain::staff::{RateBasis, RoleCategory, StaffMember, StaffRole};

fn now() -> Timestamp {
    "2025-08-01T00:00:00Z".parse().unwrap()
}

const FIRST: Date = date(2025, 8, 25);

fn day(offset: u16) -> Date {
    FIRST
        .checked_add(Span::new().days(i64::from(offset)))
        .unwrap()
}

#[derive(Debug, Clone)]
struct P {
    /// Role, count, and which of the role's two members is named (if any).
    lines: Vec<(usize, u32, Option<usize>)>,
    spw: u32,
    minutes: u32,
    start: u16,
    len: u16,
    fixed: i64,
    planned: Option<u32>,
    area: usize,
    funding: usize,
    enrol: Vec<(usize, u16, u16)>,
}

fn provision_strategy() -> impl Strategy<Value = P> {
    (
        prop::collection::vec((0usize..3, 1u32..4, prop::option::of(0usize..2)), 1..3),
        1u32..10,
        1u32..120,
        0u16..330,
        0u16..200,
        0i64..50_000,
        prop::option::of(1u32..8),
        0usize..5,
        0usize..6,
        prop::collection::vec((0usize..8, 0u16..200, 0u16..200), 0..8),
    )
        .prop_map(
            |(lines, spw, minutes, start, len, fixed, planned, area, funding, enrol)| P {
                lines,
                spw,
                minutes,
                start,
                len,
                fixed,
                planned,
                area,
                funding,
                enrol,
            },
        )
}

fn school(rates: &[i64], ps: &[P]) -> Dataset {
    let mut settings = SchoolSettings::new("Laws", 2025, now());
    let mut year = AcademicYear::typical(2025);
    year.terms[0]
        .breaks
        .push(DateRange::new(date(2025, 10, 27), date(2025, 10, 31)));
    settings.years = vec![year];
    let roles: Vec<StaffRole> = rates
        .iter()
        .map(|r| {
            StaffRole::new(
                "R",
                RoleCategory::Other,
                RateBasis::Typed { hourly: Money(*r) },
                now(),
            )
        })
        .collect();
    // Two members of staff in each role.
    let members: Vec<StaffMember> = roles
        .iter()
        .flat_map(|r| [r.id, r.id])
        .enumerate()
        .map(|(i, role_id)| StaffMember {
            id: Uuid::new_v4(),
            name: format!("M{i}"),
            role_id,
            hours_available_per_week: Dec2::whole(30),
            created_at: now(),
            updated_at: now(),
        })
        .collect();
    let pupils: Vec<Pupil> = (0..8)
        .map(|i| {
            let d = PupilDraft::new(&format!("P{i}"), "X", &format!("Y{}", i % 6 + 1));
            Pupil::create(&d, now()).unwrap()
        })
        .collect();
    let mut provisions = Vec::new();
    let mut enrolments = Vec::new();
    for p in ps {
        let start = day(p.start);
        let end = day(p.start + p.len);
        let prov = Provision {
            id: Uuid::new_v4(),
            intervention_id: None,
            name: "P".into(),
            broad_area: BroadArea::ALL[p.area],
            tier: "wave-2".into(),
            staff: p
                .lines
                .iter()
                .map(|(r, c, m)| StaffLine {
                    role_id: roles[*r % roles.len()].id,
                    member_id: m.map(|m| members[(*r % roles.len()) * 2 + m].id),
                    count: *c,
                })
                .collect(),
            sessions_per_week: p.spw,
            minutes_per_session: p.minutes,
            start,
            end,
            funding: FundingSource::ALL[p.funding],
            fixed_costs: Money(p.fixed),
            slots: vec![],
            planned_group_size: p.planned.unwrap_or(6),
            split: if p.planned.is_some() {
                CostSplit::PlannedGroupSize
            } else {
                CostSplit::ActualPupils
            },
            recurring: false,
            planned: false,
            created_at: now(),
            updated_at: now(),
        };
        for (pupil, a, b) in &p.enrol {
            let s = day(p.start + a % (p.len + 1));
            let e = day(p.start + (a + b) % (p.len + 1)).max(s);
            let pupil_id = pupils[*pupil].id;
            // One pupil's places in one provision never overlap (the data
            // checks refuse it).
            if enrolments.iter().any(|x: &Enrolment| {
                x.provision_id == prov.id
                    && x.pupil_id == pupil_id
                    && x.range().intersect(&DateRange::new(s, e)).is_some()
            }) {
                continue;
            }
            enrolments.push(Enrolment {
                id: Uuid::new_v4(),
                pupil_id: pupils[*pupil].id,
                provision_id: prov.id,
                start: s,
                end: e,
                entry: None,
                exit: None,
                attendance: None,
                notes: String::new(),
                created_at: now(),
                updated_at: now(),
            });
        }
        provisions.push(prov);
    }
    Dataset {
        settings,
        roles: roles.into(),
        members: members.into(),
        pupils: pupils.into(),
        interventions: vec![].into(),
        provisions: provisions.into(),
        enrolments: enrolments.into(),
        plans: vec![].into(),
        sessions: vec![].into(),
    }
}

fn year(d: &Dataset) -> DateRange {
    d.settings.years[0].range().unwrap()
}

/// A provision's cost over `period`; one that runs on no school day at all
/// (the generator makes some inside a holiday) is flagged, and costs nothing.
fn cost_of(d: &Dataset, i: usize, period: &DateRange) -> Money {
    let p = &d.provisions[i];
    let es: Vec<&Enrolment> = d
        .enrolments
        .iter()
        .filter(|e| e.provision_id == p.id)
        .collect();
    match cost_provision(p, d, &es, period) {
        Ok(c) => c.total,
        Err(CostIssue::NoSchoolDays { .. }) => Money::ZERO,
        Err(e) => panic!("{e}"),
    }
}

/// Only the provisions the generator put wholly in holidays are flagged.
fn only_holiday_issues(r: &CostReport) -> bool {
    r.issues
        .iter()
        .all(|(_, i)| matches!(i, CostIssue::NoSchoolDays { .. }))
}

/// Every figure a report gives, keyed, so two reports' figures can be added
/// and compared: the grand total, each provision, each pupil, each grouping.
fn figures(r: &CostReport) -> std::collections::BTreeMap<String, Money> {
    let mut f = std::collections::BTreeMap::new();
    let mut put = |k: String, m: Money| *f.entry(k).or_insert(Money::ZERO) += m;
    put("total".into(), r.grand_total);
    for c in &r.provisions {
        put(format!("provision {}", c.provision_id), c.total);
        put(format!("unallocated {}", c.provision_id), c.unallocated);
        put(format!("staff {}", c.provision_id), c.staff);
        put(format!("fixed {}", c.provision_id), c.fixed);
        for s in &c.shares {
            put(format!("place {}", s.enrolment_id), s.amount);
        }
    }
    for (k, m) in &r.per_pupil {
        put(format!("pupil {k}"), *m);
    }
    for (k, m) in &r.by_funding {
        put(format!("funding {k:?}"), *m);
    }
    for (k, m) in &r.by_area {
        put(format!("area {k:?}"), *m);
    }
    for (k, m) in &r.by_tier {
        put(format!("tier {k}"), *m);
    }
    for (k, m) in &r.by_year_group {
        put(format!("year group {k:?}"), *m);
    }
    for (k, m) in &r.by_role {
        put(format!("role {k:?}"), *m);
    }
    for (k, m) in &r.by_member {
        put(format!("member {k:?}"), *m);
    }
    f.retain(|_, m| *m != Money::ZERO);
    f
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn splits_and_groupings_add_up_to_the_penny(
        rates in prop::collection::vec(500i64..8_000, 1..4),
        ps in prop::collection::vec(provision_strategy(), 1..6),
        cut in 0u16..330,
    ) {
        let d = school(&rates, &ps);
        prop_assert_eq!(d.validate(), vec![]);
        // The whole year, and a part of it.
        for period in [year(&d), DateRange::new(day(cut), year(&d).end)] {
            let r = CostReport::build(&d, period);
            prop_assert!(only_holiday_issues(&r));
            for c in &r.provisions {
                let shares: Money = c.shares.iter().map(|s| s.amount).sum();
                prop_assert_eq!(shares + c.unallocated, c.total);
                // In every term too: the shares plus what is unallocated
                // are the term's cost.
                for t in &c.by_term {
                    let shares: Money = t.shares.iter().map(|s| s.1).sum();
                    prop_assert_eq!(shares + t.unallocated, t.total);
                }
                prop_assert_eq!(c.staff + c.fixed, c.total);
                prop_assert_eq!(c.by_role.iter().map(|x| x.1).sum::<Money>(), c.total);
                let fixed = c.by_role.iter().find(|x| x.0.is_none()).map(|x| x.1);
                prop_assert_eq!(fixed, Some(c.fixed));
                prop_assert_eq!(c.by_member.iter().map(|x| x.1).sum::<Money>(), c.staff);
                prop_assert_eq!(c.by_term.iter().map(|t| t.total).sum::<Money>(), c.total);
                prop_assert!(c.shares.iter().all(|s| s.amount >= Money::ZERO));
            }
            // The order records are stored in never moves a penny.
            for p in &d.provisions {
                let mut es: Vec<&Enrolment> = d.enrolments.iter().filter(|e| e.provision_id == p.id).collect();
                let a = cost_provision(p, &d, &es, &period);
                es.reverse();
                let b = cost_provision(p, &d, &es, &period);
                prop_assert_eq!(a, b);
            }
            let total = r.grand_total;
            prop_assert_eq!(r.provisions.iter().map(|c| c.total).sum::<Money>(), total);
            prop_assert_eq!(r.by_funding.values().sum::<Money>(), total);
            prop_assert_eq!(r.by_area.values().sum::<Money>(), total);
            prop_assert_eq!(r.by_tier.values().sum::<Money>(), total);
            prop_assert_eq!(r.by_term.values().sum::<Money>(), total);
            prop_assert_eq!(r.by_role.values().sum::<Money>(), total);
            // By member: staff time plus the fixed and resource costs.
            prop_assert_eq!(r.by_member.values().sum::<Money>() + r.fixed(), total);
            prop_assert_eq!(r.fixed(), r.provisions.iter().map(|c| c.fixed).sum::<Money>());
            prop_assert_eq!(r.by_year_group.values().sum::<Money>(), total);
            let unallocated: Money = r.provisions.iter().map(|c| c.unallocated).sum();
            prop_assert_eq!(r.per_pupil.values().sum::<Money>() + unallocated, total);
        }
    }

    #[test]
    fn splits_add_up_with_pay_awards_mid_year(
        rates in prop::collection::vec(500i64..8_000, 1..4),
        ps in prop::collection::vec(provision_strategy(), 1..6),
        awards in prop::collection::vec((0usize..3, 0u16..330, 500i64..8_000), 1..5),
    ) {
        // Rates changing on any day of the year (a pay award) cut the terms
        // into pieces costed at their own rates: every split still adds up
        // to the penny, and the terms to the year.
        let mut d = school(&rates, &ps);
        for (r, on, rate) in &awards {
            let i = r % d.roles.len();
            let from = day(*on);
            if d.roles[i].rate_changes.iter().all(|c| c.from != from) {
                d.roles[i].rate_changes.push(waymark::domain::pay::RateChange {
                    from,
                    rate: RateBasis::Typed { hourly: Money(*rate) },
                });
            }
        }
        prop_assert_eq!(d.validate(), vec![]);
        let r = CostReport::build(&d, year(&d));
        prop_assert!(only_holiday_issues(&r));
        for c in &r.provisions {
            prop_assert_eq!(c.staff + c.fixed, c.total);
            prop_assert_eq!(c.by_role.iter().map(|x| x.1).sum::<Money>(), c.total);
            prop_assert_eq!(c.by_member.iter().map(|x| x.1).sum::<Money>(), c.staff);
            prop_assert_eq!(c.by_term.iter().map(|t| t.total).sum::<Money>(), c.total);
            let shares: Money = c.shares.iter().map(|s| s.amount).sum();
            prop_assert_eq!(shares + c.unallocated, c.total);
            prop_assert!(c.session_steps.windows(2).all(|w| w[0].0 < w[1].0 && w[0].1 != w[1].1));
        }
        prop_assert_eq!(r.by_term.values().sum::<Money>(), r.grand_total);
        prop_assert_eq!(r.by_role.values().sum::<Money>(), r.grand_total);
        // The year is the sum of its terms costed one by one.
        let terms: Money = d.settings.years[0]
            .terms
            .iter()
            .map(|t| CostReport::build(&d, t.range()).grand_total)
            .sum();
        prop_assert_eq!(terms, r.grand_total);
    }

    #[test]
    fn cost_never_falls_when_minutes_sessions_weeks_or_rate_rise(
        rates in prop::collection::vec(500i64..8_000, 1..4),
        p in provision_strategy(),
        more_minutes in 0u32..60,
        more_sessions in 0u32..5,
        more_days in 0u16..60,
        more_rate in 0i64..2_000,
    ) {
        let base = school(&rates, std::slice::from_ref(&p));
        let period = year(&base);
        let before = cost_of(&base, 0, &period);

        let mut d = base.clone();
        d.provisions[0].minutes_per_session += more_minutes;
        prop_assert!(cost_of(&d, 0, &period) >= before, "minutes");

        let mut d = base.clone();
        d.provisions[0].sessions_per_week += more_sessions;
        prop_assert!(cost_of(&d, 0, &period) >= before, "sessions");

        let mut d = base.clone();
        d.provisions[0].end = d.provisions[0].end.checked_add(Span::new().days(i64::from(more_days))).unwrap();
        prop_assert!(cost_of(&d, 0, &period) >= before, "weeks");

        let mut d = base.clone();
        for r in &mut d.roles {
            if let RateBasis::Typed { hourly } = &mut r.rate {
                *hourly += Money(more_rate);
            }
        }
        prop_assert!(cost_of(&d, 0, &period) >= before, "rate");
    }

    #[test]
    fn a_cached_report_is_the_fresh_one_and_an_edit_costs_one_provision(
        rates in prop::collection::vec(500i64..8_000, 1..4),
        ps in prop::collection::vec(provision_strategy(), 1..6),
        which in 0usize..6,
        more_minutes in 1u32..30,
        drop_enrolment in any::<bool>(),
    ) {
        let d = school(&rates, &ps);
        let period = year(&d);
        let mut cache = CostCache::default();
        let first = CostReport::build_with(&d, period, &mut cache);
        prop_assert_eq!(&first, &CostReport::build(&d, period));
        // Every provision in the year was costed once.
        prop_assert_eq!(cache.costed, first.provisions.len() + first.issues.len());
        let costed = cache.costed;
        // Built again with nothing changed: nothing is costed.
        prop_assert_eq!(&CostReport::build_with(&d, period, &mut cache), &first);
        prop_assert_eq!(cache.costed, costed);

        // One provision edited (its minutes, or one of its pupils gone):
        // that provision alone is costed again, and the report is the fresh one.
        let mut e = d.clone();
        let i = which % e.provisions.len();
        let id = e.provisions[i].id;
        e.provisions[i].minutes_per_session += more_minutes;
        if drop_enrolment {
            if let Some(k) = e.enrolments.iter().position(|x| x.provision_id == id) {
                e.enrolments.remove(k);
            }
        }
        let after = CostReport::build_with(&e, period, &mut cache);
        prop_assert_eq!(&after, &CostReport::build(&e, period));
        let in_year = e.provisions[i].range().intersect(&period).is_some();
        prop_assert_eq!(cache.costed, costed + usize::from(in_year));

        // A change every provision depends on (a rate) costs them all again.
        let mut f = e.clone();
        if let RateBasis::Typed { hourly } = &mut f.roles[0].rate {
            *hourly += Money(1);
        }
        let before = cache.costed;
        let again = CostReport::build_with(&f, period, &mut cache);
        prop_assert_eq!(&again, &CostReport::build(&f, period));
        prop_assert_eq!(cache.costed, before + again.provisions.len() + again.issues.len());
    }

    #[test]
    fn termly_figures_add_up_to_the_annual_figure_to_the_penny(
        rates in prop::collection::vec(500i64..8_000, 1..4),
        ps in prop::collection::vec(provision_strategy(), 1..6),
        leavers in prop::collection::vec((0usize..8, 0u16..330), 0..3),
    ) {
        let mut d = school(&rates, &ps);
        // Some pupils leave during the year: their shares end that day.
        for (i, left) in &leavers {
            d.pupils[*i].left_on = Some(day(*left));
        }
        let annual = CostReport::build(&d, year(&d));
        prop_assert!(only_holiday_issues(&annual));
        let mut termly: std::collections::BTreeMap<String, Money> = std::collections::BTreeMap::new();
        for t in &d.settings.years[0].terms {
            let r = CostReport::build(&d, t.range());
            // The term's report is the annual report's column for the term.
            let key = TermKey { start_year: 2025, term: t.name };
            prop_assert_eq!(
                r.grand_total,
                annual.by_term.get(&key).copied().unwrap_or_default()
            );
            for (k, m) in figures(&r) {
                *termly.entry(k).or_insert(Money::ZERO) += m;
            }
        }
        termly.retain(|_, m| *m != Money::ZERO);
        prop_assert_eq!(termly, figures(&annual));
        // And the budget lines: committed by funding source, term by term.
        let lines = budget_lines(&d, 2025, year(&d).end).unwrap();
        for l in &lines {
            prop_assert_eq!(l.committed, annual.by_funding.get(&l.source).copied().unwrap_or_default());
            prop_assert_eq!(l.spent_to_date, l.committed);
        }
    }

    #[test]
    fn a_later_academic_year_never_changes_an_earlier_years_figures(
        rates in prop::collection::vec(500i64..8_000, 1..4),
        ps in prop::collection::vec(provision_strategy(), 1..6),
    ) {
        let d = school(&rates, &ps);
        let before = CostReport::build(&d, year(&d));
        let mut e = d.clone();
        e.settings.years.push(AcademicYear::typical(2026));
        prop_assert!(e.settings.validate().is_empty());
        let after = CostReport::build(&e, year(&e));
        prop_assert_eq!(figures(&before), figures(&after));
        prop_assert_eq!(&before.provisions, &after.provisions);
    }
}
