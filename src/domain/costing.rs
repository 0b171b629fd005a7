//! Costing: what each provision costs over a period, what each pupil's share
//! is, and totals by funding source, broad area, tier, year group, term and
//! staff role.
//!
//! Costs accrue when the sessions happen: term by term, and within a term
//! day by day, each day's cost shared by the pupils in the group that day.
//!
//! ```text
//! session cost on d = sum over staff lines of the role's hourly rate on d
//!                   x staff count x minutes / 60
//! weeks in a term   = the teaching weeks the provision runs, as a SENCO counts them
//!                   (calendar.rs), never more than the term's teaching weeks
//! staff cost        = sum over the pieces of the term, cut at every date a
//!                   rate it uses changes (a role's rate change, a version of
//!                   a pay scale one of its roles takes a salary from), of
//!                   session cost in the piece x sessions a week x the piece's
//!                   weeks (its share of the term's weeks, pro rata to its days)
//! fixed cost        = the fixed and resource costs, incurred in the first term
//!                   the provision runs in (spread over its days there)
//! term cost         = staff cost + fixed cost, rounded once to the penny
//! ```
//!
//! A role's rate on a day (pay.rs, [`StaffRole::hourly_on`]) is its rate
//! before any change, or the last change from on or before the day; a
//! salary on a pay scale takes the point's salary in the version in force
//! that day. With no rate that day (a scale with no version in force, or
//! not there) the provision is not costed and says why ([`CostIssue`]),
//! never £0. A piece's weeks are [`super::calendar::TermDays::weeks_within`],
//! which adds up over pieces, so with one rate all term the staff cost is
//! the session cost x sessions a week x weeks, as before.
//!
//! Who delivers it: each term's whole pence are split by [`apportion`],
//! never rounded again, in three steps: between staff time and fixed and
//! resource costs (by their exact costs in the term); staff time among the
//! staff roles (by each role's exact cost in the term: the sum of its
//! lines over the term's pieces, a line of count 2 weighing twice one of
//! count 1); and each role's pence among its lines (by each line's exact
//! cost in the term), so that
//! each named member of staff carries their own lines' pence and lines with
//! no member named are "no named member". So by role, by member and the
//! fixed and resource costs add up to the term's cost, and over a year to
//! the same total as every other breakdown.
//!
//! The rounding rule: a provision's cost in each term (of the period asked
//! for) is rounded once to the penny, half away from zero. Every figure for
//! a longer period is a sum of those term figures, so the termly figures of
//! every pupil, provision and grouping add up to the annual figure to the
//! penny. Within a term the whole pence are split, never rounded again, by
//! [`apportion`] (largest remainder): first among the spells of the term
//! (days on which the same pupils are in the group) by their teaching-week
//! weight, then each spell's pence equally among its pupils; with
//! [`CostSplit::PlannedGroupSize`] among the planned places, the empty places'
//! pence unallocated. So in every term and every spell the pupils' shares
//! plus what is unallocated equal the provision's cost. Pence left over by a
//! split that tie go to the pupil whose place starts first, then the one
//! made first, then by id: never by the order records are stored in.
//!
//! A pupil's place counts from its start to its end, and never on or after
//! the day the pupil left the school (`left_on`). A pupil left alone in a
//! group with [`CostSplit::ActualPupils`] carries the whole cost of those
//! days. Dates in no academic year set up are not costed and are flagged
//! ([`ProvisionCost::outside_years`]), never silently £0.

use jiff::civil::Date;
use std::collections::{BTreeMap, HashMap};
use uuid::Uuid;

pub use super::calendar::TermKey;
use super::calendar::{day_weight, outside_years, raw_weeks, AcademicYear, Calendar, DateRange};
use super::dataset::Dataset;
use super::money::{apportion, round_pence, Exact, Money};
use super::needs::BroadArea;
use super::pay::PayScale;
use super::provision::{CostSplit, FundingSource, Provision};
use super::pupil::YearGroup;
use super::staff::{RateGap, StaffRole};

/// Why a provision could not be costed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CostIssue {
    #[error("\"{provision}\" uses a staff role that is not in the list of roles.")]
    UnknownRole { provision: String },
    #[error("\"{provision}\" uses the role \"{role}\", whose rate is incomplete or outside what Waymark accepts: check it in Settings.")]
    InvalidRate { provision: String, role: String },
    #[error("\"{provision}\" uses the role \"{role}\", whose salary is taken from a pay scale that is not in Settings: choose its salary again in Settings.")]
    UnknownScale { provision: String, role: String },
    #[error("\"{provision}\" uses the role \"{role}\", whose salary is taken from point {point} of the pay scale \"{scale}\", which has no salary for that point on {}: add a version of the scale in force that day in Settings, Pay scales.", .on.strftime("%d/%m/%Y"))]
    NoScaleSalary {
        provision: String,
        role: String,
        scale: String,
        point: String,
        on: Date,
    },
    #[error("\"{provision}\" has figures outside what Waymark accepts, so it is not costed: open it and save it to see which.")]
    OutOfRange { provision: String },
    #[error("\"{provision}\" runs on no school day (its dates fall in holidays or breaks), so it is not costed: change its dates or the terms in Settings.")]
    NoSchoolDays { provision: String },
}

/// One pupil's share of one provision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PupilShare {
    pub pupil_id: Uuid,
    pub enrolment_id: Uuid,
    /// School days the pupil's place counts within the provision and the
    /// period (never on or after the day they left).
    pub days: i64,
    pub amount: Money,
}

/// A provision's cost in one term of the period, and who carries it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermCost {
    pub key: TermKey,
    /// Teaching weeks of the provision in the term and the period, exact.
    pub weeks: Exact,
    pub total: Money,
    /// Each place's share in the term, in share order; places with no
    /// school day in the term are left out.
    pub shares: Vec<(Uuid, Money)>,
    /// What no pupil carries in the term.
    pub unallocated: Money,
}

/// A provision's cost over a period, and its splits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProvisionCost {
    pub provision_id: Uuid,
    /// The cost of one session, all staff, exact, at the rates in force on
    /// `session_cost_on`: the first day costed (the first school day of
    /// the provision in the period), or, with none, the first day of the
    /// provision in the period.
    pub session_cost: Exact,
    pub session_cost_on: Date,
    /// The cost of one session from each day it changes (a pay award), in
    /// date order: the first is `session_cost` from `session_cost_on`, and
    /// each later one is dated by the first day costed at the new rates.
    /// One entry when the rates did not change over the days costed.
    pub session_steps: Vec<(Date, Exact)>,
    /// Teaching weeks of the provision within the period, exact.
    pub weeks: Exact,
    /// Staff time and fixed costs; they add up to `total`.
    pub staff: Money,
    pub fixed: Money,
    pub total: Money,
    /// Each place's share over the period: the sum of its term shares.
    pub shares: Vec<PupilShare>,
    /// What no pupil carries (no pupils, or empty places at the planned size).
    pub unallocated: Money,
    /// The total by staff role; `None` is fixed and resource costs (the
    /// same as `fixed`).
    pub by_role: Vec<(Option<Uuid>, Money)>,
    /// Staff time by the member of staff named on the lines; `None` is the
    /// lines with no member named. With `fixed` it adds up to `total`.
    pub by_member: Vec<(Option<Uuid>, Money)>,
    /// The cost term by term, in date order; the terms add up to `total`.
    pub by_term: Vec<TermCost>,
    /// The provision's dates within the period that fall in no academic
    /// year set up: they are not costed, and say so where they show.
    pub outside_years: Vec<DateRange>,
}

/// What a provision's or a place's page says of its dates in no academic
/// year set up: `None` when there are none.
pub fn outside_years_note(parts: &[DateRange]) -> Option<String> {
    if parts.is_empty() {
        return None;
    }
    let list: Vec<String> = parts.iter().map(ToString::to_string).collect();
    Some(format!(
        "Not costed: {} {} in no academic year set up. Set up the academic year in Settings to cost {}.",
        list.join(" and "),
        if parts.len() == 1 && parts[0].start == parts[0].end { "falls" } else { "fall" },
        if parts.len() == 1 && parts[0].start == parts[0].end { "it" } else { "them" },
    ))
}

/// What a provision's page says when the cost of a session changed over
/// the days costed (a pay award): each session cost and the first day
/// costed at it. `None` when it did not change.
pub fn session_steps_note(c: &ProvisionCost) -> Option<String> {
    if c.session_steps.len() < 2 {
        return None;
    }
    let parts: Vec<String> = c
        .session_steps
        .iter()
        .map(|(d, x)| format!("{} from {}", round_pence(*x), d.strftime("%d/%m/%Y")))
        .collect();
    Some(format!(
        "Pay rates change during this provision, so one session costs {}; each part is costed at its own rate.",
        parts.join(", then ")
    ))
}

impl ProvisionCost {
    /// The average share the pupils carry, rounded to the penny (for
    /// display; `None` with no pupils). At the planned group size this is
    /// the cost of a place, not the total over the pupils enrolled.
    pub fn mean_per_pupil(&self) -> Option<Money> {
        let n = self.shares.len();
        (n > 0).then(|| {
            let sum: Money = self.shares.iter().map(|s| s.amount).sum();
            round_pence(sum.exact() / Exact::from_integer(i128::try_from(n).expect("fits")))
        })
    }
}

/// The exact cost of one session of `p` on `d`: every staff line at its
/// role's rate in force that day (a salary on a pay scale at the point's
/// salary that day).
pub fn session_cost_on(
    p: &Provision,
    roles: &[StaffRole],
    scales: &[PayScale],
    d: Date,
) -> Result<Exact, CostIssue> {
    let line_roles = checked_roles(p, roles)?;
    Ok(line_costs_on(p, &line_roles, scales, d)?.into_iter().sum())
}

/// Each staff line's role, checked once: known, and with every rate within
/// the limits (a role outside them, a record from before them never
/// validated, is not costed: its rate could be any figure at all).
fn checked_roles<'a>(
    p: &Provision,
    roles: &'a [StaffRole],
) -> Result<Vec<&'a StaffRole>, CostIssue> {
    p.staff
        .iter()
        .map(|line| {
            let role = roles.iter().find(|r| r.id == line.role_id).ok_or_else(|| {
                CostIssue::UnknownRole {
                    provision: p.name.clone(),
                }
            })?;
            if role.validate().is_empty() {
                Ok(role)
            } else {
                Err(CostIssue::InvalidRate {
                    provision: p.name.clone(),
                    role: role.name.clone(),
                })
            }
        })
        .collect()
}

/// Each staff line's exact cost of one session on `d`.
fn line_costs_on(
    p: &Provision,
    line_roles: &[&StaffRole],
    scales: &[PayScale],
    d: Date,
) -> Result<Vec<Exact>, CostIssue> {
    p.staff
        .iter()
        .zip(line_roles)
        .map(|(line, role)| {
            let rate = role.hourly_result_on(d, scales).map_err(|gap| match gap {
                RateGap::Invalid => CostIssue::InvalidRate {
                    provision: p.name.clone(),
                    role: role.name.clone(),
                },
                RateGap::UnknownScale { .. } => CostIssue::UnknownScale {
                    provision: p.name.clone(),
                    role: role.name.clone(),
                },
                RateGap::NoSalary { scale, point } => CostIssue::NoScaleSalary {
                    provision: p.name.clone(),
                    role: role.name.clone(),
                    scale,
                    point,
                    on: d,
                },
            })?;
            Ok(rate
                * Exact::from_integer(i128::from(line.count))
                * Exact::from_integer(i128::from(p.minutes_per_session))
                / Exact::from_integer(60))
        })
        .collect()
}

/// `part` cut at each of `dates` (in order) that falls after its first day:
/// consecutive sub-ranges that cover it, each starting on its first day or
/// on one of the dates.
fn split_at(part: &DateRange, dates: &[Date]) -> Vec<DateRange> {
    let mut out = Vec::new();
    let mut start = part.start;
    for d in dates.iter().filter(|d| **d > part.start && **d <= part.end) {
        if let Ok(before) = d.yesterday() {
            out.push(DateRange::new(start, before));
        }
        start = *d;
    }
    out.push(DateRange::new(start, part.end));
    out
}

/// The dates a place counts on: its own, ended the day before the pupil
/// left the school. `None` if that leaves no day.
pub fn counted_range(e: &super::provision::Enrolment, left_on: Option<Date>) -> Option<DateRange> {
    let end = match left_on {
        Some(left) => e.end.min(left.yesterday().ok()?),
        None => e.end,
    };
    let r = DateRange::new(e.start, end);
    r.is_valid().then_some(r)
}

/// Cost `p` over `period`.
pub fn cost_provision(
    p: &Provision,
    data: &Dataset,
    enrolments: &[&super::provision::Enrolment],
    period: &DateRange,
) -> Result<ProvisionCost, CostIssue> {
    cost_in(
        p,
        data,
        &Calendar::new(&data.settings.years),
        enrolments,
        period,
    )
}

fn cost_in(
    p: &Provision,
    data: &Dataset,
    cal: &Calendar,
    enrolments: &[&super::provision::Enrolment],
    period: &DateRange,
) -> Result<ProvisionCost, CostIssue> {
    PROVISIONS_COSTED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    // Only figures within the limits are costed (`domain::limits` shows the
    // largest cost they can make fits with room to spare); a record from
    // before the limits is named instead.
    if !p.validate().is_empty() {
        return Err(CostIssue::OutOfRange {
            provision: p.name.clone(),
        });
    }
    let zero = Exact::from_integer(0);
    let spw = Exact::from_integer(i128::from(p.sessions_per_week));
    let scales = &data.settings.pay_scales;
    let line_roles = checked_roles(p, &data.roles)?;
    // The staff roles, in the order of their first line.
    let mut role_ids: Vec<Uuid> = Vec::new();
    for line in &p.staff {
        if !role_ids.contains(&line.role_id) {
            role_ids.push(line.role_id);
        }
    }
    // Every date on which a rate the provision uses may change: each term's
    // part is costed piece by piece between them.
    let mut change_dates: Vec<Date> = line_roles
        .iter()
        .flat_map(|r| r.change_dates(scales))
        .collect();
    change_dates.sort_unstable();
    change_dates.dedup();
    let mut line_pence = vec![Money::ZERO; p.staff.len()];
    let run = p.range();

    // The places, in a fixed order (see above), cut to the provision's run,
    // the period and the pupil's leaving date.
    let mut ordered: Vec<&super::provision::Enrolment> = enrolments.to_vec();
    crate::domain::sort::by_key(&mut ordered, |e| e.share_order());
    let places: Vec<(&super::provision::Enrolment, DateRange)> = ordered
        .into_iter()
        .filter_map(|e| {
            let left_on = data.pupil(e.pupil_id).and_then(|x| x.left_on);
            let r = counted_range(e, left_on)?
                .intersect(&run)?
                .intersect(period)?;
            Some((e, r))
        })
        .collect();
    let mut place_days = vec![0i64; places.len()];
    let mut place_amounts = vec![Money::ZERO; places.len()];

    // Fixed costs fall in the first term the provision has school days in.
    let first_term = cal.terms.iter().position(|t| {
        run.intersect(&t.range)
            .is_some_and(|r| !t.days_in(&r).is_empty())
    });

    // The session cost a view shows: on the first day costed.
    let session_on = cal
        .terms
        .iter()
        .find_map(|t| {
            let part = run.intersect(&t.range)?.intersect(period)?;
            t.days_in(&part).first().map(|d| d.date)
        })
        .or_else(|| run.intersect(period).map(|r| r.start))
        .unwrap_or(p.start);
    let session: Exact = line_costs_on(p, &line_roles, scales, session_on)?
        .into_iter()
        .sum();
    let mut session_steps: Vec<(Date, Exact)> = Vec::new();

    if first_term.is_none() && outside_years(&data.settings.years, &run).is_empty() {
        return Err(CostIssue::NoSchoolDays {
            provision: p.name.clone(),
        });
    }

    let mut by_term = Vec::new();
    let mut staff = Money::ZERO;
    let mut fixed = Money::ZERO;
    let mut unallocated = Money::ZERO;
    let mut weeks = zero;
    let mut by_role: Vec<(Option<Uuid>, Money)> = role_ids
        .iter()
        .map(|r| (Some(*r), Money::ZERO))
        .chain([(None, Money::ZERO)])
        .collect();
    for (i, t) in cal.terms.iter().enumerate() {
        let Some(run_t) = run.intersect(&t.range) else {
            continue;
        };
        let Some(part) = run_t.intersect(period) else {
            continue;
        };
        let days = t.days_in(&part);
        if days.is_empty() {
            continue;
        }
        let w = t.weeks_within(&run_t, &part);
        // Staff time piece by piece, each at the rates in force in it: the
        // weeks of the pieces add up to `w` (weeks_within is pro rata to
        // the days' weights), and each line's exact cost over the term is
        // what its pence are split by.
        let mut staff_exact = zero;
        let mut line_w = vec![zero; p.staff.len()];
        for sub in split_at(&part, &change_dates) {
            let Some(first) = t.days_in(&sub).first() else {
                continue;
            };
            let ws = t.weeks_within(&run_t, &sub);
            let costs = line_costs_on(p, &line_roles, scales, first.date)?;
            let here: Exact = costs.iter().sum();
            if session_steps.last().is_none_or(|(_, c)| *c != here) {
                session_steps.push((first.date, here));
            }
            for (k, c) in costs.into_iter().enumerate() {
                let x = c * spw * ws;
                line_w[k] += x;
                staff_exact += x;
            }
        }
        let fixed_exact = if Some(i) == first_term {
            p.fixed_costs.exact() * raw_weeks(days) / raw_weeks(t.days_in(&run_t))
        } else {
            zero
        };
        let total = round_pence(staff_exact + fixed_exact);
        weeks += w;
        let (staff_t, fixed_t) = match apportion(total, &[staff_exact, fixed_exact]) {
            Some(v) => (v[0], v[1]),
            // Both are nothing: so is the total.
            None => (total, Money::ZERO),
        };
        staff += staff_t;
        fixed += fixed_t;
        if let Some(x) = by_role.iter_mut().find(|(r, _)| r.is_none()) {
            x.1 += fixed_t;
        }
        // Staff time among the roles, then each role's among its lines.
        // (The staff pence are nothing when no role costs anything.)
        let role_weights: Vec<Exact> = role_ids
            .iter()
            .map(|r| {
                (0..p.staff.len())
                    .filter(|k| p.staff[*k].role_id == *r)
                    .map(|k| line_w[k])
                    .sum()
            })
            .collect();
        if let Some(role_pence) = apportion(staff_t, &role_weights) {
            for (role, m) in role_ids.iter().zip(role_pence) {
                if let Some(x) = by_role.iter_mut().find(|(r, _)| *r == Some(*role)) {
                    x.1 += m;
                }
                let of_role: Vec<usize> = (0..p.staff.len())
                    .filter(|k| p.staff[*k].role_id == *role)
                    .collect();
                let weights: Vec<Exact> = of_role.iter().map(|k| line_w[*k]).collect();
                match apportion(m, &weights) {
                    Some(v) => {
                        for (k, x) in of_role.iter().zip(v) {
                            line_pence[*k] += x;
                        }
                    }
                    // A role whose lines cost nothing carries no pence.
                    None => {
                        if let Some(k) = of_role.first() {
                            line_pence[*k] += m;
                        }
                    }
                }
            }
        }

        // Spells: the days on which the same places count, weighed by
        // their share of a teaching week.
        // (A run of days with the same members is one entry: the members
        // are listed again only where someone joins or leaves.)
        let mut spells: BTreeMap<Vec<usize>, i128> = BTreeMap::new();
        let mut members: Vec<usize> = Vec::new();
        let mut weight = 0i128;
        let mut first = true;
        for d in days {
            let same = !first
                && places
                    .iter()
                    .enumerate()
                    .all(|(k, (_, r))| r.contains(d.date) == members.binary_search(&k).is_ok());
            if !same {
                if !first {
                    *spells.entry(std::mem::take(&mut members)).or_default() += weight;
                }
                members = places
                    .iter()
                    .enumerate()
                    .filter(|(_, (_, r))| r.contains(d.date))
                    .map(|(k, _)| k)
                    .collect();
                weight = 0;
                first = false;
            }
            for k in &members {
                place_days[*k] += 1;
            }
            weight += day_weight(d.in_week);
        }
        if !first {
            *spells.entry(members).or_default() += weight;
        }
        let spell_weights: Vec<Exact> = spells.values().map(|w| Exact::from_integer(*w)).collect();
        let spell_amounts = apportion(total, &spell_weights).unwrap_or_default();
        let mut term_shares: Vec<Money> = vec![Money::ZERO; places.len()];
        let mut in_term = vec![false; places.len()];
        let mut term_unallocated = Money::ZERO;
        for ((members, _), amount) in spells.iter().zip(&spell_amounts) {
            let n = members.len();
            let places_in_spell = match p.split {
                CostSplit::ActualPupils => n,
                CostSplit::PlannedGroupSize => {
                    n.max(usize::try_from(p.planned_group_size).unwrap_or(usize::MAX))
                }
            };
            if places_in_spell == 0 {
                term_unallocated += *amount;
                continue;
            }
            let mut weights = vec![Exact::from_integer(1); n];
            let empty = places_in_spell - n;
            if empty > 0 {
                weights.push(Exact::from_integer(
                    i128::try_from(empty).unwrap_or(i128::MAX),
                ));
            }
            let parts = apportion(*amount, &weights).unwrap_or_default();
            for (k, m) in members.iter().zip(&parts) {
                term_shares[*k] += *m;
                in_term[*k] = true;
            }
            if empty > 0 {
                term_unallocated += parts.last().copied().unwrap_or_default();
            }
        }
        let shares: Vec<(Uuid, Money)> = places
            .iter()
            .zip(&term_shares)
            .zip(&in_term)
            .filter(|(_, counted)| **counted)
            .map(|(((e, _), m), _)| (e.id, *m))
            .collect();
        for (k, m) in term_shares.iter().enumerate() {
            place_amounts[k] += *m;
        }
        unallocated += term_unallocated;
        by_term.push(TermCost {
            key: t.key,
            weeks: w,
            total,
            shares,
            unallocated: term_unallocated,
        });
    }
    let total: Money = by_term.iter().map(|t| t.total).sum();
    let mut by_member: Vec<(Option<Uuid>, Money)> = Vec::new();
    for (l, m) in p.staff.iter().zip(&line_pence) {
        match by_member.iter_mut().find(|(k, _)| *k == l.member_id) {
            Some(x) => x.1 += *m,
            None => by_member.push((l.member_id, *m)),
        }
    }
    let shares = places
        .iter()
        .zip(place_days.iter().zip(&place_amounts))
        .filter(|(_, (days, _))| **days > 0)
        .map(|((e, _), (days, amount))| PupilShare {
            pupil_id: e.pupil_id,
            enrolment_id: e.id,
            days: *days,
            amount: *amount,
        })
        .collect();
    let outside = run
        .intersect(period)
        .map(|r| outside_years(&data.settings.years, &r))
        .unwrap_or_default();
    Ok(ProvisionCost {
        provision_id: p.id,
        session_cost: session,
        session_cost_on: session_on,
        session_steps: if session_steps.is_empty() {
            vec![(session_on, session)]
        } else {
            session_steps
        },
        weeks,
        staff,
        fixed,
        total,
        shares,
        unallocated,
        by_role,
        by_member,
        by_term,
        outside_years: outside,
    })
}

/// Every provision costed over a period, with the groupings a SENCO reports.
/// Each grouping adds up to `grand_total`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CostReport {
    pub period: DateRange,
    pub provisions: Vec<ProvisionCost>,
    /// Provisions that could not be costed, and why; they are in no total.
    pub issues: Vec<(Uuid, CostIssue)>,
    pub grand_total: Money,
    pub by_funding: BTreeMap<FundingSource, Money>,
    pub by_area: BTreeMap<BroadArea, Money>,
    pub by_tier: BTreeMap<String, Money>,
    /// By the pupils' year groups, each term's share in the year group of
    /// the term's academic year; `None` is cost no pupil carries.
    pub by_year_group: BTreeMap<Option<YearGroup>, Money>,
    pub by_term: BTreeMap<TermKey, Money>,
    /// By staff role; `None` is fixed and resource costs.
    pub by_role: BTreeMap<Option<Uuid>, Money>,
    /// Staff time by the member of staff named; `None` is staff time with
    /// no member named. With the fixed and resource costs
    /// ([`CostReport::fixed`]) it adds up to `grand_total`.
    pub by_member: BTreeMap<Option<Uuid>, Money>,
    /// Each pupil's total additional-support cost in the period.
    pub per_pupil: BTreeMap<Uuid, Money>,
}

/// How many times a provision was costed since the app started: the debug
/// counter that shows the work an edit makes (the benchmarks read it).
pub static PROVISIONS_COSTED: std::sync::atomic::AtomicUsize =
    std::sync::atomic::AtomicUsize::new(0);

/// Each provision's cost over one period, kept between edits: a provision
/// is costed again only when something its cost depends on changed (the
/// provision, its enrolments, its pupils' leaving dates, the calendar, the
/// staff roles' rates, or the period), so an edit to one provision costs that provision and the
/// totals, not the whole school. Views keep one per report they show.
#[derive(Debug, Default)]
pub struct CostCache {
    /// What every provision's cost depends on: the period, the academic
    /// years, the roles and the pay scales. A change to any empties the cache.
    shared: Option<Shared>,
    /// The school days of the years in `shared`, worked out once.
    calendar: Calendar,
    entries: HashMap<Uuid, CachedCost>,
    /// How many provisions were costed (not found in the cache), ever: the
    /// debug counter that shows the work an edit makes.
    pub costed: usize,
}

/// The period, academic years, roles and pay scales a cache's costs used.
type Shared = (DateRange, Vec<AcademicYear>, Vec<StaffRole>, Vec<PayScale>);

#[derive(Debug)]
struct CachedCost {
    provision: Provision,
    enrolments: Vec<super::provision::Enrolment>,
    /// The leaving date of each enrolment's pupil, in the same order.
    left_on: Vec<Option<Date>>,
    cost: Result<ProvisionCost, CostIssue>,
}

impl CostCache {
    /// The report over `period`, costing only what changed since the last.
    pub fn build(&mut self, data: &Dataset, period: DateRange) -> CostReport {
        CostReport::build_with(data, period, self)
    }

    /// Empties the cache when what every provision's cost depends on (the
    /// period, the calendar, the rates) is not what it last saw. Once a
    /// report, not once a provision.
    fn prepare(&mut self, data: &Dataset, period: &DateRange) {
        let same = self.shared.as_ref().is_some_and(|(r, y, roles, scales)| {
            r == period
                && *y == data.settings.years
                && roles[..] == data.roles[..]
                && *scales == data.settings.pay_scales
        });
        if !same {
            self.entries.clear();
            self.shared = Some((
                *period,
                data.settings.years.clone(),
                data.roles.to_vec(),
                data.settings.pay_scales.clone(),
            ));
            self.calendar = Calendar::new(&data.settings.years);
        }
    }

    /// `p`'s cost over `period` with `enrolments`, from the cache when
    /// nothing it depends on has changed (after [`CostCache::prepare`]).
    fn cost(
        &mut self,
        p: &Provision,
        data: &Dataset,
        enrolments: &[&super::provision::Enrolment],
        period: &DateRange,
    ) -> Result<ProvisionCost, CostIssue> {
        let left_on: Vec<Option<Date>> = enrolments
            .iter()
            .map(|e| data.pupil(e.pupil_id).and_then(|x| x.left_on))
            .collect();
        if let Some(c) = self.entries.get(&p.id) {
            if c.provision == *p
                && c.enrolments.len() == enrolments.len()
                && c.enrolments.iter().zip(enrolments).all(|(a, b)| a == *b)
                && c.left_on == left_on
            {
                return c.cost.clone();
            }
        }
        self.costed += 1;
        let cost = cost_in(p, data, &self.calendar, enrolments, period);
        self.entries.insert(
            p.id,
            CachedCost {
                provision: p.clone(),
                enrolments: enrolments.iter().map(|e| (*e).clone()).collect(),
                left_on,
                cost: cost.clone(),
            },
        );
        cost
    }
}

impl CostReport {
    /// Cost every provision of `data` that overlaps `period`.
    pub fn build(data: &Dataset, period: DateRange) -> CostReport {
        CostReport::build_with(data, period, &mut CostCache::default())
    }

    /// [`CostReport::build`], costing again only the provisions whose cost
    /// may have changed since `cache` last saw them. The report is the same
    /// either way.
    pub fn build_with(data: &Dataset, period: DateRange, cache: &mut CostCache) -> CostReport {
        cache.prepare(data, &period);
        let mut by_provision: HashMap<Uuid, Vec<&super::provision::Enrolment>> = HashMap::new();
        for e in &data.enrolments {
            by_provision.entry(e.provision_id).or_default().push(e);
        }
        // A cost counts in the year group its pupil was in when it was
        // incurred: in each term, the year group of the term's academic
        // year (a period across two academic years, a financial year, sees
        // a pupil in two year groups).
        let mut year_of: HashMap<(Uuid, i16), Option<YearGroup>> = HashMap::new();
        let mut year_group = |pupil: Uuid, start_year: i16| {
            *year_of
                .entry((pupil, start_year))
                .or_insert_with(|| data.pupil(pupil).map(|p| p.year_group_in(start_year)))
        };
        let mut r = CostReport {
            period,
            provisions: Vec::new(),
            issues: Vec::new(),
            grand_total: Money::ZERO,
            by_funding: BTreeMap::new(),
            by_area: BTreeMap::new(),
            by_tier: BTreeMap::new(),
            by_year_group: BTreeMap::new(),
            by_term: BTreeMap::new(),
            by_role: BTreeMap::new(),
            by_member: BTreeMap::new(),
            per_pupil: BTreeMap::new(),
        };
        for p in &data.provisions {
            if p.range().intersect(&period).is_none() {
                continue;
            }
            let enrolments = by_provision.get(&p.id).map(Vec::as_slice).unwrap_or(&[]);
            let c = match cache.cost(p, data, enrolments, &period) {
                Ok(c) => c,
                Err(issue) => {
                    r.issues.push((p.id, issue));
                    continue;
                }
            };
            r.grand_total += c.total;
            *r.by_funding.entry(p.funding).or_default() += c.total;
            *r.by_area.entry(p.broad_area).or_default() += c.total;
            *r.by_tier.entry(p.tier.clone()).or_default() += c.total;
            for t in &c.by_term {
                *r.by_term.entry(t.key).or_default() += t.total;
            }
            for (k, m) in &c.by_role {
                *r.by_role.entry(*k).or_default() += *m;
            }
            for (k, m) in &c.by_member {
                *r.by_member.entry(*k).or_default() += *m;
            }
            for s in &c.shares {
                *r.per_pupil.entry(s.pupil_id).or_default() += s.amount;
            }
            let pupil_of: HashMap<Uuid, Uuid> = c
                .shares
                .iter()
                .map(|s| (s.enrolment_id, s.pupil_id))
                .collect();
            for t in &c.by_term {
                for (enrolment, m) in &t.shares {
                    let group = pupil_of
                        .get(enrolment)
                        .and_then(|p| year_group(*p, t.key.start_year));
                    *r.by_year_group.entry(group).or_default() += *m;
                }
            }
            if c.unallocated != Money::ZERO || c.shares.is_empty() {
                *r.by_year_group.entry(None).or_default() += c.unallocated;
            }
            r.provisions.push(c);
        }
        r
    }

    /// Cost over one academic year of the settings.
    pub fn for_year(data: &Dataset, start_year: i16) -> Option<CostReport> {
        let range = data.settings.year(start_year)?.range()?;
        Some(CostReport::build(data, range))
    }

    /// The fixed and resource costs of every provision costed: the part of
    /// the total that is no one's staff time.
    pub fn fixed(&self) -> Money {
        self.by_role.get(&None).copied().unwrap_or_default()
    }

    pub fn provision(&self, id: Uuid) -> Option<&ProvisionCost> {
        self.provisions.iter().find(|c| c.provision_id == id)
    }
}

/// A pupil at or over the element-2 threshold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverThreshold {
    pub pupil_id: Uuid,
    pub total: Money,
    /// How far over the threshold (zero when exactly at it).
    pub over: Money,
}

/// Pupils whose cost in `report` is at or over `threshold`, costliest first.
pub fn over_threshold(report: &CostReport, threshold: Money) -> Vec<OverThreshold> {
    let mut v: Vec<OverThreshold> = report
        .per_pupil
        .iter()
        .filter(|(_, t)| **t >= threshold)
        .map(|(id, t)| OverThreshold {
            pupil_id: *id,
            total: *t,
            over: *t - threshold,
        })
        .collect();
    crate::domain::sort::by(&mut v, |a, b| {
        b.total.cmp(&a.total).then(a.pupil_id.cmp(&b.pupil_id))
    });
    v
}

/// Committed and spent spend against one budget.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BudgetLine {
    pub source: FundingSource,
    pub budget: Money,
    /// Cost of everything planned for the year.
    pub committed: Money,
    /// Cost up to and including the "as of" date.
    pub spent_to_date: Money,
    /// Budget less committed (negative when over budget).
    pub remaining: Money,
}

impl BudgetLine {
    pub fn over_budget(&self) -> bool {
        self.committed > self.budget
    }
}

/// Each funding source's budget, committed and spent to date in the
/// academic year starting `start_year`, as of `as_of`. `None` if the year
/// is not set up. ([`budget_lines_in`] for a financial year.)
pub fn budget_lines(data: &Dataset, start_year: i16, as_of: Date) -> Option<Vec<BudgetLine>> {
    budget_lines_in(
        data,
        &super::budget_year::BudgetPeriod::academic(start_year),
        as_of,
    )
}

/// Each funding source's budget for `period` (academic or financial, see
/// `budget_year`), and what is committed in it and spent in it to `as_of`,
/// costs falling in it by when they are incurred. `None` if the period is
/// an academic year not set up.
pub fn budget_lines_in(
    data: &Dataset,
    period: &super::budget_year::BudgetPeriod,
    as_of: Date,
) -> Option<Vec<BudgetLine>> {
    let year = period.range(&data.settings)?;
    let committed = CostReport::build(data, year);
    let spent = if as_of < year.start {
        None
    } else {
        Some(CostReport::build(
            data,
            DateRange::new(year.start, as_of.min(year.end)),
        ))
    };
    Some(
        FundingSource::ALL
            .into_iter()
            .map(|source| {
                let budget = data.settings.budget(period, source);
                let c = committed
                    .by_funding
                    .get(&source)
                    .copied()
                    .unwrap_or_default();
                let s = spent
                    .as_ref()
                    .and_then(|r| r.by_funding.get(&source).copied())
                    .unwrap_or_default();
                BudgetLine {
                    source,
                    budget,
                    committed: c,
                    spent_to_date: s,
                    remaining: budget - c,
                }
            })
            .collect(),
    )
}
