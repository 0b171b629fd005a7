//! Costing: what each provision costs over a period, what each pupil's share
//! is, and totals by funding source, broad area, tier, year group, term and
//! staff role.
//!
//! ```text
//! session cost   = sum over staff lines of hourly rate x staff count x minutes / 60
//! staff cost     = session cost x sessions a week x teaching weeks in the period
//! fixed cost     = fixed costs x the period's share of the provision's teaching weeks
//! provision cost = staff cost + fixed cost, rounded once to the penny
//! ```
//!
//! Everything before that rounding is exact (fractions of a penny). After it,
//! every split (pupils, terms, roles, staff/fixed) uses [`apportion`], so the
//! parts of any total add up to it to the penny, and every grouping in a
//! [`CostReport`] adds up to its grand total.
//!
//! A pupil's share is pro rata to the school days they are enrolled (within
//! the provision and the period). With [`CostSplit::ActualPupils`] the whole
//! cost is shared among the pupils enrolled; with
//! [`CostSplit::PlannedGroupSize`] a full-length place costs cost / planned
//! group size and the empty places' cost stays unallocated. When the pence
//! left over by rounding tie, they go to the enrolment that starts first,
//! then the one made first, then by id: never by the order records happen
//! to be stored in, so a reload never moves a penny.

use jiff::civil::Date;
use std::collections::{BTreeMap, HashMap};
use uuid::Uuid;

use super::calendar::{AcademicYear, DateRange, TermName};
use super::dataset::Dataset;
use super::money::{apportion, round_pence, Exact, Money};
use super::needs::BroadArea;
use super::provision::{CostSplit, FundingSource, Provision};
use super::pupil::YearGroup;
use super::staff::StaffRole;

/// A term of a given academic year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TermKey {
    pub start_year: i16,
    pub term: TermName,
}

/// Why a provision could not be costed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CostIssue {
    #[error("\"{provision}\" uses a staff role that is not in the list of roles.")]
    UnknownRole { provision: String },
    #[error("\"{provision}\" uses the role \"{role}\", whose salary details are incomplete.")]
    InvalidRate { provision: String, role: String },
}

/// One pupil's share of one provision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PupilShare {
    pub pupil_id: Uuid,
    pub enrolment_id: Uuid,
    /// School days the pupil is enrolled within the provision and the period.
    pub days: i64,
    pub amount: Money,
}

/// A provision's cost over a period, and its splits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProvisionCost {
    pub provision_id: Uuid,
    /// The cost of one session, all staff, exact.
    pub session_cost: Exact,
    /// Teaching weeks of the provision within the period, exact.
    pub weeks: Exact,
    /// Staff time and fixed costs; they add up to `total`.
    pub staff: Money,
    pub fixed: Money,
    pub total: Money,
    pub shares: Vec<PupilShare>,
    /// What no pupil carries (no pupils, or empty places at the planned size).
    pub unallocated: Money,
    /// The total by staff role; `None` is fixed and resource costs.
    pub by_role: Vec<(Option<Uuid>, Money)>,
    /// The total by term; `None` is cost outside every term's dates.
    pub by_term: Vec<(Option<TermKey>, Money)>,
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

/// The exact cost of one session of `p`: every staff line at its role's rate.
pub fn session_cost(p: &Provision, roles: &[StaffRole]) -> Result<Exact, CostIssue> {
    let mut total = Exact::from_integer(0);
    for line in &p.staff {
        total += line_session_cost(p, line.role_id, line.count, roles)?;
    }
    Ok(total)
}

fn line_session_cost(
    p: &Provision,
    role_id: Uuid,
    count: u32,
    roles: &[StaffRole],
) -> Result<Exact, CostIssue> {
    let role = roles
        .iter()
        .find(|r| r.id == role_id)
        .ok_or_else(|| CostIssue::UnknownRole {
            provision: p.name.clone(),
        })?;
    let rate = role.hourly_exact().ok_or_else(|| CostIssue::InvalidRate {
        provision: p.name.clone(),
        role: role.name.clone(),
    })?;
    Ok(rate
        * Exact::from_integer(i128::from(count))
        * Exact::from_integer(i128::from(p.minutes_per_session))
        / Exact::from_integer(60))
}

fn school_days(years: &[super::calendar::AcademicYear], r: &DateRange) -> i64 {
    years
        .iter()
        .flat_map(|y| &y.terms)
        .map(|t| t.school_days_in(r))
        .sum()
}

/// Cost `p` over `period`.
pub fn cost_provision(
    p: &Provision,
    data: &Dataset,
    enrolments: &[&super::provision::Enrolment],
    period: &DateRange,
) -> Result<ProvisionCost, CostIssue> {
    PROVISIONS_COSTED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let years = &data.settings.years;
    let zero = Exact::from_integer(0);
    let spw = Exact::from_integer(i128::from(p.sessions_per_week));
    let session = session_cost(p, &data.roles)?;
    let in_period = p.range().intersect(period);
    let weeks_all = super::calendar::weeks_in(years, &p.range());
    let weeks = in_period.map_or(zero, |r| super::calendar::weeks_in(years, &r));
    let staff_exact = session * spw * weeks;
    // Fixed costs follow the teaching weeks; a provision with none (dates
    // outside every term) carries them in the period its start date is in.
    let fixed_exact = if weeks_all > zero {
        p.fixed_costs.exact() * weeks / weeks_all
    } else if period.contains(p.start) {
        p.fixed_costs.exact()
    } else {
        zero
    };
    let total = round_pence(staff_exact + fixed_exact);
    let (staff, fixed) = match apportion(total, &[staff_exact, fixed_exact]) {
        Some(v) => (v[0], v[1]),
        None => (Money::ZERO, Money::ZERO),
    };

    // By role: each staff line's exact cost, and fixed costs under None.
    let mut role_weights: Vec<(Option<Uuid>, Exact)> = Vec::new();
    for line in &p.staff {
        let c = line_session_cost(p, line.role_id, line.count, &data.roles)? * spw * weeks;
        match role_weights
            .iter_mut()
            .find(|(r, _)| *r == Some(line.role_id))
        {
            Some((_, w)) => *w += c,
            None => role_weights.push((Some(line.role_id), c)),
        }
    }
    role_weights.push((None, fixed_exact));
    let by_role = split(total, role_weights);

    // By term: each term's teaching weeks of the provision in the period.
    let mut term_weights: Vec<(Option<TermKey>, Exact)> = Vec::new();
    if let Some(r) = in_period {
        for y in years {
            for t in &y.terms {
                let w = t.weeks_in(&r);
                if w > zero {
                    term_weights.push((
                        Some(TermKey {
                            start_year: y.start_year,
                            term: t.name,
                        }),
                        w,
                    ));
                }
            }
        }
    }
    let by_term = if term_weights.is_empty() {
        vec![(None, total)]
    } else {
        split(total, term_weights)
    };

    // Pupils: pro rata to enrolled school days, in a fixed order (see above).
    let mut ordered: Vec<&super::provision::Enrolment> = enrolments.to_vec();
    crate::domain::sort::by_key(&mut ordered, |e| e.share_order());
    let mut shares: Vec<PupilShare> = ordered
        .iter()
        .filter_map(|e| {
            let r = e.range().intersect(&p.range())?.intersect(period)?;
            Some(PupilShare {
                pupil_id: e.pupil_id,
                enrolment_id: e.id,
                days: school_days(years, &r),
                amount: Money::ZERO,
            })
        })
        .filter(|s| s.days > 0)
        .collect();
    let mut weights: Vec<Exact> = shares
        .iter()
        .map(|s| Exact::from_integer(i128::from(s.days)))
        .collect();
    if p.split == CostSplit::PlannedGroupSize {
        let provision_days = in_period.map_or(0, |r| school_days(years, &r));
        let places = i128::from(p.planned_group_size) * i128::from(provision_days);
        let taken: i128 = shares.iter().map(|s| i128::from(s.days)).sum();
        weights.push(Exact::from_integer((places - taken).max(0)));
    }
    let unallocated = match apportion(total, &weights) {
        Some(amounts) => {
            for (s, a) in shares.iter_mut().zip(&amounts) {
                s.amount = *a;
            }
            if p.split == CostSplit::PlannedGroupSize {
                *amounts.last().expect("the empty places' weight")
            } else {
                Money::ZERO
            }
        }
        None => total,
    };

    Ok(ProvisionCost {
        provision_id: p.id,
        session_cost: session,
        weeks,
        staff,
        fixed,
        total,
        shares,
        unallocated,
        by_role,
        by_term,
    })
}

fn split<K: Copy>(total: Money, weights: Vec<(K, Exact)>) -> Vec<(K, Money)> {
    let w: Vec<Exact> = weights.iter().map(|(_, w)| *w).collect();
    match apportion(total, &w) {
        Some(amounts) => weights.into_iter().map(|(k, _)| k).zip(amounts).collect(),
        // Nothing to split by: the whole total goes to the last key (the
        // "none" bucket callers put last).
        None => vec![(weights.last().expect("at least one key").0, total)],
    }
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
    /// By the pupils' year groups; `None` is cost no pupil carries.
    pub by_year_group: BTreeMap<Option<YearGroup>, Money>,
    pub by_term: BTreeMap<Option<TermKey>, Money>,
    pub by_role: BTreeMap<Option<Uuid>, Money>,
    /// Each pupil's total additional-support cost in the period.
    pub per_pupil: BTreeMap<Uuid, Money>,
}

/// How many times a provision was costed since the app started: the debug
/// counter that shows the work an edit makes (the benchmarks read it).
pub static PROVISIONS_COSTED: std::sync::atomic::AtomicUsize =
    std::sync::atomic::AtomicUsize::new(0);

/// Each provision's cost over one period, kept between edits: a provision
/// is costed again only when something its cost depends on changed (the
/// provision, its enrolments, the calendar, the staff roles' rates, or the
/// period), so an edit to one provision costs that provision and the
/// totals, not the whole school. Views keep one per report they show.
#[derive(Debug, Default)]
pub struct CostCache {
    /// What every provision's cost depends on: the period, the academic
    /// years and the roles. A change to any empties the cache.
    shared: Option<(DateRange, Vec<AcademicYear>, Vec<StaffRole>)>,
    entries: HashMap<Uuid, CachedCost>,
    /// How many provisions were costed (not found in the cache), ever: the
    /// debug counter that shows the work an edit makes.
    pub costed: usize,
}

#[derive(Debug)]
struct CachedCost {
    provision: Provision,
    enrolments: Vec<super::provision::Enrolment>,
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
        let same = self.shared.as_ref().is_some_and(|(r, y, roles)| {
            r == period && *y == data.settings.years && roles[..] == data.roles[..]
        });
        if !same {
            self.entries.clear();
            self.shared = Some((*period, data.settings.years.clone(), data.roles.to_vec()));
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
        if let Some(c) = self.entries.get(&p.id) {
            if c.provision == *p
                && c.enrolments.len() == enrolments.len()
                && c.enrolments.iter().zip(enrolments).all(|(a, b)| a == *b)
            {
                return c.cost.clone();
            }
        }
        self.costed += 1;
        let cost = cost_provision(p, data, enrolments, period);
        self.entries.insert(
            p.id,
            CachedCost {
                provision: p.clone(),
                enrolments: enrolments.iter().map(|e| (*e).clone()).collect(),
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
        // The year groups of the academic year the period starts in.
        let start_year = data.settings.academic_year_of(period.start);
        let year_of: HashMap<Uuid, YearGroup> = data
            .pupils
            .iter()
            .map(|p| (p.id, p.year_group_in(start_year)))
            .collect();
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
            for (k, m) in &c.by_term {
                *r.by_term.entry(*k).or_default() += *m;
            }
            for (k, m) in &c.by_role {
                *r.by_role.entry(*k).or_default() += *m;
            }
            for s in &c.shares {
                *r.per_pupil.entry(s.pupil_id).or_default() += s.amount;
                *r.by_year_group
                    .entry(year_of.get(&s.pupil_id).copied())
                    .or_default() += s.amount;
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

/// Each funding source's budget, committed and spent to date in the year
/// starting `start_year`, as of `as_of`. `None` if the year is not set up.
pub fn budget_lines(data: &Dataset, start_year: i16, as_of: Date) -> Option<Vec<BudgetLine>> {
    let year = data.settings.year(start_year)?.range()?;
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
                let budget = data.settings.budget(start_year, source);
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
