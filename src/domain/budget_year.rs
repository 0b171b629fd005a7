//! Budget years: the period a school budgets by, and how costs and funding
//! set by academic year fall into it.
//!
//! Academies budget by the academic year (September to August); maintained
//! schools by the financial year (1 April to 31 March, the local
//! authority's year, in which their budget share comes). The school chooses
//! one in Settings ([`SchoolSettings::budget_year`]); budgets are entered
//! for that kind of year, and a budget entered for the other kind is kept,
//! not lost, and counts again if the school changes back.
//!
//! ```text
//! academic year y  = the academic year y-(y+1) set up in Settings: its
//!                    first term's first day to its last term's last day
//! financial year y = 1 April y to 31 March y+1
//! ```
//!
//! Costs fall in a period by when they are incurred: a provision's cost in
//! a financial year is [`CostReport::build`] over the year's dates, which
//! takes each term's part inside them (the autumn and spring terms of one
//! academic year and the summer term of the one before, as a rule). A
//! financial year spans two academic years, and both must be set up for it
//! to be costed: a day of the financial year in no academic year set up is
//! not costed, and says so ([`BudgetPeriod::not_set_up`], and each
//! provision's `outside_years`), never a silent £0.
//!
//! Rounding: a provision's cost in each term is rounded once to the penny
//! (see `costing`). A term wholly inside a financial year keeps its termly
//! figure, so the two financial years an academic year overlaps add back up
//! to the academic year's figure to the penny. A term that runs across 1
//! April (a spring term ending on 2 April, say) is costed in two parts, one
//! in each financial year, by its school days' share of a teaching week, and
//! EACH PART IS ROUNDED ON ITS OWN: the two parts can differ from the
//! term's own figure by a penny a provision. The budget view says so
//! beside the figures ([`BudgetPeriod::split_note`]).
//!
//! Funding set by academic year, in a financial year:
//! - The PP+ agreed with the virtual school is agreed per academic year. In
//!   a financial year it counts by when the school days it pays for fall:
//!   each academic year's agreement is split at 1 April by the teaching
//!   weeks of the year before and from 1 April (the weeks costs accrue
//!   by), in whole pence by largest remainder, so the two parts add up to
//!   the amount agreed; an academic year not set up (no terms to weigh) is
//!   split by months, 7 (September to March) to 5 (April to August). See
//!   [`pp_plus_agreed_in`].
//! - The DfE's per-pupil rates (pupil premium, PP+, service premium) are
//!   published for "2025 to 2026": the financial year April 2025 to March
//!   2026 for maintained schools, the academic year from September 2025
//!   for academies, at the same rate. So the figure entered for 2025-26 is
//!   the rate for the financial year 2025-26 too ([`funding_figure_in`]),
//!   not a blend of two years' rates.

use jiff::civil::Date;

use super::calendar::{outside_years, year_label, Calendar, DateRange, TermKey};
use super::costing::{budget_lines_in, BudgetLine, CostReport};
use super::dataset::Dataset;
use super::money::{apportion, Exact, Money};
use super::provision::FundingSource;
use super::settings::{BudgetYear, FundingKind, SchoolSettings};

impl BudgetYear {
    pub const ALL: [BudgetYear; 2] = [BudgetYear::Academic, BudgetYear::Financial];

    /// "academic year" or "financial year".
    pub fn label(self) -> &'static str {
        match self {
            BudgetYear::Academic => "academic year",
            BudgetYear::Financial => "financial year",
        }
    }

    /// "September to August" or "April to March".
    pub fn months(self) -> &'static str {
        match self {
            BudgetYear::Academic => "September to August",
            BudgetYear::Financial => "April to March",
        }
    }

    /// Who budgets by this kind of year, in a sentence.
    pub fn who(self) -> &'static str {
        match self {
            BudgetYear::Academic => "Academies and free schools: their funding agreement and accounts run from September to August.",
            BudgetYear::Financial => "Maintained schools: the local authority's budget share and the school's accounts run from 1 April to 31 March.",
        }
    }

    /// The other kind of year.
    pub fn other(self) -> BudgetYear {
        match self {
            BudgetYear::Academic => BudgetYear::Financial,
            BudgetYear::Financial => BudgetYear::Academic,
        }
    }

    /// The value a form sends for it, and back.
    pub fn code(self) -> &'static str {
        match self {
            BudgetYear::Academic => "academic",
            BudgetYear::Financial => "financial",
        }
    }

    pub fn from_code(code: &str) -> Option<BudgetYear> {
        BudgetYear::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// One budget year: a kind of year and the calendar year it starts in
/// (September for an academic year, April for a financial year).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct BudgetPeriod {
    pub kind: BudgetYear,
    pub start_year: i16,
}

/// "1 April 2026".
pub fn date_in_words(d: Date) -> String {
    format!("{} {} {}", d.day(), d.strftime("%B"), d.year())
}

/// A term the period's start or end cuts in two.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitTerm {
    pub key: TermKey,
    /// The whole term's dates.
    pub term: DateRange,
    /// Its dates inside the period.
    pub inside: DateRange,
}

impl SplitTerm {
    /// "Spring 2025-26, to 31/03/2026" or "Spring 2025-26, from 01/04/2026":
    /// the part of the term inside the period.
    pub fn label(&self) -> String {
        if self.inside.start > self.term.start {
            format!(
                "{}, from {}",
                self.key.label(),
                self.inside.start.strftime("%d/%m/%Y")
            )
        } else {
            format!(
                "{}, to {}",
                self.key.label(),
                self.inside.end.strftime("%d/%m/%Y")
            )
        }
    }
}

impl BudgetPeriod {
    pub fn academic(start_year: i16) -> BudgetPeriod {
        BudgetPeriod {
            kind: BudgetYear::Academic,
            start_year,
        }
    }

    pub fn financial(start_year: i16) -> BudgetPeriod {
        BudgetPeriod {
            kind: BudgetYear::Financial,
            start_year,
        }
    }

    /// The period of `kind` holding `d`: for a financial year, the one
    /// from the 1 April on or before it; for an academic year, as
    /// [`SchoolSettings::academic_year_of`] counts.
    pub fn containing(kind: BudgetYear, d: Date, settings: &SchoolSettings) -> BudgetPeriod {
        match kind {
            BudgetYear::Academic => BudgetPeriod::academic(settings.academic_year_of(d)),
            BudgetYear::Financial => BudgetPeriod::financial(if d.month() >= 4 {
                d.year()
            } else {
                d.year() - 1
            }),
        }
    }

    /// The period's dates: an academic year's as set up (`None` when it is
    /// not, or has no terms); a financial year's 1 April to 31 March.
    pub fn range(&self, settings: &SchoolSettings) -> Option<DateRange> {
        match self.kind {
            BudgetYear::Academic => settings.year(self.start_year)?.range(),
            BudgetYear::Financial => Some(DateRange::new(
                Date::new(self.start_year, 4, 1).ok()?,
                Date::new(self.start_year.checked_add(1)?, 3, 31).ok()?,
            )),
        }
    }

    /// "financial year 2026-27".
    pub fn label(&self) -> String {
        format!("{} {}", self.kind.label(), year_label(self.start_year))
    }

    /// "financial year 2026-27 (1 April 2026 to 31 March 2027)"; an
    /// academic year not set up has no dates to give.
    pub fn in_words(&self, settings: &SchoolSettings) -> String {
        match self.range(settings) {
            Some(r) => format!(
                "{} ({} to {})",
                self.label(),
                date_in_words(r.start),
                date_in_words(r.end)
            ),
            None => self.label(),
        }
    }

    /// "Financial year 2026-27: 1 April 2026 to 31 March 2027".
    pub fn heading(&self, settings: &SchoolSettings) -> String {
        let label = self.label();
        let mut chars = label.chars();
        let capital: String = chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default();
        match self.range(settings) {
            Some(r) => format!(
                "{capital}: {} to {}",
                date_in_words(r.start),
                date_in_words(r.end)
            ),
            None => capital,
        }
    }

    /// The period's dates that fall in no academic year set up: nothing is
    /// costed on them.
    pub fn not_set_up(&self, settings: &SchoolSettings) -> Vec<DateRange> {
        self.range(settings)
            .map(|r| outside_years(&settings.years, &r))
            .unwrap_or_default()
    }

    /// What the budget view says of [`BudgetPeriod::not_set_up`]; `None`
    /// when every day of the period is in an academic year set up.
    pub fn not_set_up_note(&self, settings: &SchoolSettings) -> Option<String> {
        let parts = self.not_set_up(settings);
        if parts.is_empty() {
            return None;
        }
        let list: Vec<String> = parts.iter().map(ToString::to_string).collect();
        // The September-to-August years the parts fall in (as
        // `outside_years` counts a year not set up).
        let sept_year = |d: Date| {
            if d.month() >= 9 {
                d.year()
            } else {
                d.year() - 1
            }
        };
        let years: Vec<String> = {
            let mut ys: Vec<i16> = parts
                .iter()
                .flat_map(|r| sept_year(r.start)..=sept_year(r.end))
                .collect();
            crate::domain::sort::by(&mut ys, Ord::cmp);
            ys.dedup();
            ys.into_iter().map(year_label).collect()
        };
        Some(format!(
            "{} of the {} {} in no academic year set up, so provision then is not costed in these figures. Set up the academic year {} in Settings to cost it.",
            list.join(" and "),
            self.label(),
            if parts.len() == 1 { "falls" } else { "fall" },
            years.join(" and "),
        ))
    }

    /// The terms the period's start or end cuts in two, in date order (none
    /// for an academic year; for a financial year, a term running across 1
    /// April).
    pub fn split_terms(&self, settings: &SchoolSettings) -> Vec<SplitTerm> {
        let Some(range) = self.range(settings) else {
            return Vec::new();
        };
        let mut v: Vec<SplitTerm> = settings
            .years
            .iter()
            .flat_map(|y| {
                y.terms.iter().filter_map(move |t| {
                    let term = t.range();
                    let inside = term.intersect(&range)?;
                    (inside != term).then_some(SplitTerm {
                        key: TermKey {
                            start_year: y.start_year,
                            term: t.name,
                        },
                        term,
                        inside,
                    })
                })
            })
            .collect();
        crate::domain::sort::by_key(&mut v, |s| s.term.start);
        v
    }

    /// What the budget view says where a term is split at the period's
    /// start or end; `None` when none is.
    pub fn split_note(&self, settings: &SchoolSettings) -> Option<String> {
        let split = self.split_terms(settings);
        if split.is_empty() {
            return None;
        }
        let parts: Vec<String> = split
            .iter()
            .map(|s| {
                format!(
                    "{} ({}) counts here from {} to {}",
                    s.key.label(),
                    s.term,
                    s.inside.start.strftime("%d/%m/%Y"),
                    s.inside.end.strftime("%d/%m/%Y")
                )
            })
            .collect();
        Some(format!(
            "Split at 1 April: {}. A term across 1 April is costed in two parts, by its school days' share of a teaching week, each rounded to the penny on its own, so its parts in the two financial years can differ from the term's own figure by a penny a provision.",
            parts.join("; ")
        ))
    }
}

/// The periods of `kind` a school can choose, in order: each academic year
/// set up (with terms); or every financial year that overlaps one.
pub fn periods(settings: &SchoolSettings, kind: BudgetYear) -> Vec<BudgetPeriod> {
    let mut v: Vec<BudgetPeriod> = match kind {
        BudgetYear::Academic => settings
            .years
            .iter()
            .filter(|y| y.range().is_some())
            .map(|y| BudgetPeriod::academic(y.start_year))
            .collect(),
        BudgetYear::Financial => settings
            .years
            .iter()
            .filter_map(|y| y.range())
            .flat_map(|r| {
                let first = BudgetPeriod::containing(kind, r.start, settings).start_year;
                let last = BudgetPeriod::containing(kind, r.end, settings).start_year;
                (first..=last).map(BudgetPeriod::financial)
            })
            .collect(),
    };
    crate::domain::sort::by(&mut v, Ord::cmp);
    v.dedup();
    v
}

/// The period the budget view shows, of the kind the school budgets by:
/// `chosen` (a start year) when it is one the school can choose, else the
/// one holding `today`, else the nearest (the later of two as near), as
/// [`SchoolSettings::year_in_view`] does for academic years. `None` only
/// when no academic year with terms is set up.
pub fn period_in_view(
    settings: &SchoolSettings,
    chosen: Option<i16>,
    today: Date,
) -> Option<BudgetPeriod> {
    let kind = settings.budget_year;
    if kind == BudgetYear::Academic {
        return settings
            .year_in_view(chosen, today)
            .map(BudgetPeriod::academic);
    }
    let choices = periods(settings, kind);
    if let Some(p) = chosen.and_then(|y| choices.iter().find(|p| p.start_year == y)) {
        return Some(*p);
    }
    choices
        .iter()
        .filter_map(|p| {
            let r = p.range(settings)?;
            let distance = if today < r.start {
                super::calendar::days_between(today, r.start)
            } else if today > r.end {
                super::calendar::days_between(r.end, today)
            } else {
                0
            };
            Some((distance, std::cmp::Reverse(*p)))
        })
        .min()
        .map(|(_, std::cmp::Reverse(p))| p)
}

/// One academic year's PP+ agreement, and the part of it a period counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgreedShare {
    /// The academic year the amount was agreed for.
    pub academic_start_year: i16,
    pub agreed: Money,
    /// Its part in the period (the whole of it in its own academic year).
    pub counted: Money,
}

/// The PP+ agreed with the virtual school that counts in `period`, by
/// academic year: in an academic year, that year's agreement; in the
/// financial year y, the part from 1 April of the agreement for the
/// academic year (y-1)-y and the part before 1 April of the agreement for
/// y-(y+1) (see the module comment for how each is split).
pub fn pp_plus_agreed_shares(settings: &SchoolSettings, period: &BudgetPeriod) -> Vec<AgreedShare> {
    match period.kind {
        BudgetYear::Academic => settings
            .pp_plus_agreement(period.start_year)
            .map(|agreed| AgreedShare {
                academic_start_year: period.start_year,
                agreed,
                counted: agreed,
            })
            .into_iter()
            .collect(),
        BudgetYear::Financial => {
            let mut v = Vec::new();
            // The academic year ending in the summer of this financial
            // year: its part from 1 April; the one starting in September:
            // its part before 1 April.
            for (academic, part) in [(period.start_year - 1, 1), (period.start_year, 0)] {
                if let Some(agreed) = settings.pp_plus_agreement(academic) {
                    let counted = split_at_april(settings, academic, agreed)[part];
                    v.push(AgreedShare {
                        academic_start_year: academic,
                        agreed,
                        counted,
                    });
                }
            }
            v
        }
    }
}

/// The PP+ agreed with the virtual school that counts in `period`: the sum
/// of [`pp_plus_agreed_shares`].
pub fn pp_plus_agreed_in(settings: &SchoolSettings, period: &BudgetPeriod) -> Money {
    pp_plus_agreed_shares(settings, period)
        .iter()
        .map(|s| s.counted)
        .sum()
}

/// What the budget view says beside the PP+ budget of the PP+ agreed with
/// the virtual school that counts in `period`; `None` when none does.
pub fn pp_plus_agreed_note(settings: &SchoolSettings, period: &BudgetPeriod) -> Option<String> {
    let shares: Vec<AgreedShare> = pp_plus_agreed_shares(settings, period)
        .into_iter()
        .filter(|s| s.counted != Money::ZERO)
        .collect();
    if shares.is_empty() {
        return None;
    }
    let counted: Money = shares.iter().map(|s| s.counted).sum();
    let available = settings.budget(period, FundingSource::PupilPremiumPlus);
    Some(match period.kind {
        BudgetYear::Academic => {
            format!("plus {counted} agreed with the virtual school: {available} available")
        }
        BudgetYear::Financial => {
            let parts: Vec<String> = shares
                .iter()
                .map(|s| {
                    format!(
                        "{} of the {} agreed for {}",
                        s.counted,
                        s.agreed,
                        year_label(s.academic_start_year)
                    )
                })
                .collect();
            format!(
                "plus {counted} agreed with the virtual school ({}, shared by teaching weeks either side of 1 April): {available} available",
                parts.join(" and ")
            )
        }
    })
}

/// `amount` for the academic year starting `start_year`, split at the 1
/// April in it: [before, from]. By the year's teaching weeks either side
/// (as costs accrue, a term across 1 April by its school days' share of a
/// teaching week); by months, 7 to 5, when the year is not set up.
fn split_at_april(settings: &SchoolSettings, start_year: i16, amount: Money) -> [Money; 2] {
    let weights = settings
        .year(start_year)
        .and_then(|y| {
            let april = Date::new(start_year.checked_add(1)?, 4, 1).ok()?;
            let before_end = april.yesterday().ok()?;
            let cal = Calendar::new(std::slice::from_ref(y));
            let zero = Exact::from_integer(0);
            let (mut before, mut from) = (zero, zero);
            for t in &cal.terms {
                let b = DateRange::new(t.range.start, before_end);
                let f = DateRange::new(april, t.range.end);
                before += t.weeks_within(&t.range, &b);
                from += t.weeks_within(&t.range, &f);
            }
            (before + from > zero).then_some([before, from])
        })
        .unwrap_or([Exact::from_integer(7), Exact::from_integer(5)]);
    match apportion(amount, &weights) {
        Some(v) => [v[0], v[1]],
        None => [amount, Money::ZERO],
    }
}

/// The DfE's per-pupil figure of `kind` for `period`: the figure entered
/// for the year starting in the period's start year (the DfE's "2025 to
/// 2026" rate is the financial year 2025-26's and the academic year
/// 2025-26's alike).
pub fn funding_figure_in(
    settings: &SchoolSettings,
    kind: FundingKind,
    period: &BudgetPeriod,
) -> Option<Money> {
    settings.funding_figure(kind, period.start_year)
}

/// The budgets entered for one period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnteredBudgets {
    pub period: BudgetPeriod,
    /// Whether the school budgets by this kind of year now (else the
    /// budgets are kept for the other kind, unused).
    pub in_use: bool,
    /// In the order of [`FundingSource::ALL`].
    pub amounts: Vec<(FundingSource, Money)>,
}

/// Every budget entered, a period at a time: those of the kind of year the
/// school budgets by first, then those kept for the other kind, each in
/// date order.
pub fn budgets_entered(settings: &SchoolSettings) -> Vec<EnteredBudgets> {
    let mut keys: Vec<(bool, BudgetPeriod)> = settings
        .budgets
        .iter()
        .map(|b| {
            (
                b.year != settings.budget_year,
                BudgetPeriod {
                    kind: b.year,
                    start_year: b.start_year,
                },
            )
        })
        .collect();
    crate::domain::sort::by(&mut keys, Ord::cmp);
    keys.dedup();
    keys.into_iter()
        .map(|(other, period)| EnteredBudgets {
            period,
            in_use: !other,
            amounts: FundingSource::ALL
                .into_iter()
                .map(|s| (s, settings.budget_set(&period, s)))
                .filter(|(_, m)| *m != Money::ZERO)
                .collect(),
        })
        .collect()
}

/// How one funding source is used in a period: its budget line and each
/// provision charged to it, committed and spent to date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FundingUse {
    pub period: BudgetPeriod,
    pub range: DateRange,
    pub line: BudgetLine,
    /// (provision id, committed, spent to date), costliest first; their
    /// committed figures add up to `line.committed`.
    pub provisions: Vec<(uuid::Uuid, Money, Money)>,
    /// Terms the period cuts in two (see [`BudgetPeriod::split_note`]).
    pub split_terms: Vec<SplitTerm>,
    /// The period's dates in no academic year set up (not costed).
    pub not_set_up: Vec<DateRange>,
}

/// How `source` (the notional SEN budget, say) is used in `period` as of
/// `as_of`: `None` when the period is an academic year not set up.
pub fn funding_use(
    data: &Dataset,
    period: &BudgetPeriod,
    source: FundingSource,
    as_of: Date,
) -> Option<FundingUse> {
    let range = period.range(&data.settings)?;
    let line = budget_lines_in(data, period, as_of)?
        .into_iter()
        .find(|l| l.source == source)?;
    let committed = CostReport::build(data, range);
    let spent = (as_of >= range.start)
        .then(|| CostReport::build(data, DateRange::new(range.start, as_of.min(range.end))));
    let mut provisions: Vec<(uuid::Uuid, Money, Money)> = committed
        .provisions
        .iter()
        .filter(|c| {
            data.provision(c.provision_id)
                .is_some_and(|p| p.funding == source)
        })
        .map(|c| {
            let s = spent
                .as_ref()
                .and_then(|r| r.provision(c.provision_id))
                .map(|x| x.total)
                .unwrap_or_default();
            (c.provision_id, c.total, s)
        })
        .collect();
    crate::domain::sort::by(&mut provisions, |a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    Some(FundingUse {
        period: *period,
        range,
        line,
        provisions,
        split_terms: period.split_terms(&data.settings),
        not_set_up: period.not_set_up(&data.settings),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::{AcademicYear, Term, TermName};
    use crate::domain::staff::RateBasis;
    use crate::domain::testing::{enrol, now, provision, school};
    use crate::domain::YearGroup;
    use jiff::civil::date;

    fn term(name: TermName, start: Date, end: Date, weeks: u32) -> Term {
        Term {
            name,
            start,
            end,
            teaching_weeks: weeks,
            breaks: Vec::new(),
        }
    }

    /// 2025-26: autumn Mon 01/09/2025 to Fri 19/12/2025 (16 full weeks),
    /// spring Mon 05/01/2026 to `spring_end`, summer `summer_start` to Tue
    /// 21/07/2026.
    fn year_2025(
        spring_end: Date,
        spring_weeks: u32,
        summer_start: Date,
        summer_weeks: u32,
    ) -> AcademicYear {
        AcademicYear {
            id: uuid::Uuid::new_v4(),
            start_year: 2025,
            terms: vec![
                term(TermName::Autumn, date(2025, 9, 1), date(2025, 12, 19), 16),
                term(TermName::Spring, date(2026, 1, 5), spring_end, spring_weeks),
                term(
                    TermName::Summer,
                    summer_start,
                    date(2026, 7, 21),
                    summer_weeks,
                ),
            ],
        }
    }

    /// 2026-27: autumn Mon 07/09/2026 to Fri 18/12/2026 (15 full weeks),
    /// spring Mon 04/01/2027 to Fri 26/03/2027 (12), summer Mon 12/04/2027
    /// to Fri 16/07/2027 (14).
    fn year_2026() -> AcademicYear {
        AcademicYear {
            id: uuid::Uuid::new_v4(),
            start_year: 2026,
            terms: vec![
                term(TermName::Autumn, date(2026, 9, 7), date(2026, 12, 18), 15),
                term(TermName::Spring, date(2027, 1, 4), date(2027, 3, 26), 12),
                term(TermName::Summer, date(2027, 4, 12), date(2027, 7, 16), 14),
            ],
        }
    }

    /// A school whose one role costs £10.01 an hour, with `years`, and one
    /// provision of one 60-minute session a week (£10.01 a teaching week)
    /// from `start` to `end`, charged to the notional SEN budget, with one
    /// pupil (Year 3 in 2025-26, Year 4 in 2026-27) there throughout.
    fn costed(years: Vec<AcademicYear>, start: Date, end: Date) -> (Dataset, uuid::Uuid) {
        let mut d = school();
        d.settings.years = years;
        d.roles[0].rate = RateBasis::Typed {
            hourly: Money::pence(1001),
        };
        let p = provision(&d, "Reading", 1, 60, start, end);
        let id = p.id;
        d.provisions.push(p);
        let pupil = enrol(&mut d, "Ada", id, start, end);
        let p = d.pupils.iter_mut().find(|p| p.id == pupil).unwrap();
        p.year_group = YearGroup::Year(4);
        p.year_group_history.insert(2025, YearGroup::Year(3));
        assert!(
            d.settings.validate().is_empty(),
            "{:?}",
            d.settings.validate()
        );
        (d, id)
    }

    /// The brief's calendar: spring ends Fri 27/03/2026 (12 weeks), summer
    /// Mon 13/04/2026 to Tue 21/07/2026 (14 full weeks and a week of 2
    /// days, each 1/2 a week: 15); 2026-27 set up too.
    fn two_years() -> (Dataset, uuid::Uuid) {
        costed(
            vec![
                year_2025(date(2026, 3, 27), 12, date(2026, 4, 13), 15),
                year_2026(),
            ],
            date(2025, 9, 1),
            date(2027, 3, 26),
        )
    }

    fn committed(d: &Dataset, period: BudgetPeriod) -> Money {
        let line = budget_lines_in(d, &period, date(2030, 1, 1)).unwrap();
        line.iter()
            .find(|l| l.source == FundingSource::NotionalSen)
            .unwrap()
            .committed
    }

    #[test]
    fn a_period_has_its_dates_and_says_so_in_words() {
        let (d, _) = two_years();
        let s = &d.settings;
        let fy = BudgetPeriod::financial(2026);
        assert_eq!(
            fy.range(s),
            Some(DateRange::new(date(2026, 4, 1), date(2027, 3, 31)))
        );
        assert_eq!(fy.label(), "financial year 2026-27");
        assert_eq!(
            fy.in_words(s),
            "financial year 2026-27 (1 April 2026 to 31 March 2027)"
        );
        assert_eq!(
            fy.heading(s),
            "Financial year 2026-27: 1 April 2026 to 31 March 2027"
        );
        let ay = BudgetPeriod::academic(2025);
        assert_eq!(
            ay.range(s),
            Some(DateRange::new(date(2025, 9, 1), date(2026, 7, 21)))
        );
        assert_eq!(
            ay.heading(s),
            "Academic year 2025-26: 1 September 2025 to 21 July 2026"
        );
        // An academic year not set up has no dates.
        assert_eq!(BudgetPeriod::academic(2030).range(s), None);
        assert_eq!(
            BudgetPeriod::academic(2030).in_words(s),
            "academic year 2030-31"
        );
        // 31 March is in the financial year starting the April before; 1
        // April starts the next.
        let f = |d| BudgetPeriod::containing(BudgetYear::Financial, d, s);
        assert_eq!(f(date(2027, 3, 31)), BudgetPeriod::financial(2026));
        assert_eq!(f(date(2027, 4, 1)), BudgetPeriod::financial(2027));
    }

    #[test]
    fn the_choices_are_the_years_set_up_or_the_financial_years_they_overlap() {
        let (mut d, _) = two_years();
        let s = &mut d.settings;
        assert_eq!(
            periods(s, BudgetYear::Academic),
            [BudgetPeriod::academic(2025), BudgetPeriod::academic(2026)]
        );
        // 2025-26 (01/09/2025 to 21/07/2026) overlaps the financial years
        // 2025-26 and 2026-27; 2026-27 (07/09/2026 to 16/07/2027) overlaps
        // 2026-27 and 2027-28.
        assert_eq!(
            periods(s, BudgetYear::Financial),
            [2025, 2026, 2027].map(BudgetPeriod::financial)
        );
        // The one in view: the chosen one, else today's, else the nearest.
        s.budget_year = BudgetYear::Financial;
        let today = date(2026, 11, 30);
        assert_eq!(
            period_in_view(s, None, today),
            Some(BudgetPeriod::financial(2026))
        );
        assert_eq!(
            period_in_view(s, Some(2025), today),
            Some(BudgetPeriod::financial(2025))
        );
        assert_eq!(
            period_in_view(s, Some(2019), today),
            Some(BudgetPeriod::financial(2026))
        );
        assert_eq!(
            period_in_view(s, None, date(2020, 1, 1)),
            Some(BudgetPeriod::financial(2025))
        );
        assert_eq!(
            period_in_view(s, None, date(2031, 1, 1)),
            Some(BudgetPeriod::financial(2027))
        );
        // Academic years follow `year_in_view`.
        s.budget_year = BudgetYear::Academic;
        assert_eq!(
            period_in_view(s, None, today),
            Some(BudgetPeriod::academic(2026))
        );
        assert_eq!(
            period_in_view(s, Some(2025), today),
            Some(BudgetPeriod::academic(2025))
        );
        s.years.clear();
        assert_eq!(period_in_view(s, None, today), None);
        s.budget_year = BudgetYear::Financial;
        assert_eq!(period_in_view(s, None, today), None);
    }

    #[test]
    fn costs_fall_in_the_financial_year_they_are_incurred_in() {
        // £10.01 a teaching week. 2025-26: autumn 16 x 10.01 = 160.16,
        // spring 12 x 10.01 = 120.12, summer 15 x 10.01 = 150.15; the year
        // 430.43. 2026-27: autumn 15 x 10.01 = 150.15, spring 12 x 10.01 =
        // 120.12 (the provision ends 26/03/2027); the year 270.27.
        let (d, _) = two_years();
        assert_eq!(
            committed(&d, BudgetPeriod::academic(2025)),
            Money::pence(43_043)
        );
        assert_eq!(
            committed(&d, BudgetPeriod::academic(2026)),
            Money::pence(27_027)
        );
        // FY 2025-26 (01/04/2025 to 31/03/2026): autumn + spring 2025-26 =
        // 160.16 + 120.12 = 280.28. FY 2026-27: summer 2025-26 + autumn and
        // spring 2026-27 = 150.15 + 150.15 + 120.12 = 420.42.
        assert_eq!(
            committed(&d, BudgetPeriod::financial(2025)),
            Money::pence(28_028)
        );
        assert_eq!(
            committed(&d, BudgetPeriod::financial(2026)),
            Money::pence(42_042)
        );
        assert_eq!(committed(&d, BudgetPeriod::financial(2027)), Money::ZERO);
        // No term crosses 1 April: the financial years add back up to the
        // academic years, 280.28 + 420.42 = 700.70 = 430.43 + 270.27.
        assert!(BudgetPeriod::financial(2025)
            .split_terms(&d.settings)
            .is_empty());
        assert!(BudgetPeriod::financial(2026)
            .split_note(&d.settings)
            .is_none());
        // Spent to 31/12/2026 in FY 2026-27: summer 2025-26 and autumn
        // 2026-27, 150.15 + 150.15 = 300.30.
        let lines =
            budget_lines_in(&d, &BudgetPeriod::financial(2026), date(2026, 12, 31)).unwrap();
        let sen = lines
            .iter()
            .find(|l| l.source == FundingSource::NotionalSen)
            .unwrap();
        assert_eq!(sen.spent_to_date, Money::pence(30_030));
        // By term and by year group: Ada was in Year 3 in the summer of
        // 2025-26 (150.15) and in Year 4 from September 2026 (270.27).
        let r = CostReport::build(
            &d,
            BudgetPeriod::financial(2026).range(&d.settings).unwrap(),
        );
        assert_eq!(
            r.by_year_group.get(&Some(YearGroup::Year(3))),
            Some(&Money::pence(15_015))
        );
        assert_eq!(
            r.by_year_group.get(&Some(YearGroup::Year(4))),
            Some(&Money::pence(27_027))
        );
        assert_eq!(r.by_term.len(), 3);
        let tables = crate::domain::reports::spend_breakdown_in(
            &d,
            &BudgetPeriod::financial(2026),
            date(2026, 12, 31),
        )
        .unwrap();
        let by_term = &tables[3];
        let rows: Vec<(&str, &str, &str)> = by_term
            .rows
            .iter()
            .map(|r| (r[0].as_str(), r[1].as_str(), r[2].as_str()))
            .collect();
        assert_eq!(
            rows,
            [
                ("Summer 2025-26", "£150.15", "£150.15"),
                ("Autumn 2026-27", "£150.15", "£150.15"),
                ("Spring 2026-27", "£120.12", "£0.00"),
                ("Total", "£420.42", "£300.30"),
            ]
        );
        let by_year = &tables[2];
        assert!(by_year
            .rows
            .contains(&vec!["Year 3".into(), "£150.15".into(), "£150.15".into()]));
        assert!(by_year
            .rows
            .contains(&vec!["Year 4".into(), "£270.27".into(), "£150.15".into()]));
    }

    #[test]
    fn days_in_no_academic_year_set_up_are_flagged_not_costed_as_nothing() {
        let (mut d, id) = two_years();
        d.settings.years.truncate(1);
        let fy = BudgetPeriod::financial(2026);
        // Only the summer of 2025-26 is costed: 150.15.
        assert_eq!(committed(&d, fy), Money::pence(15_015));
        // 2025-26 covers 01/09/2025 to 31/08/2026; the rest of the
        // financial year, and of the provision's run in it, is flagged.
        assert_eq!(
            fy.not_set_up(&d.settings),
            [DateRange::new(date(2026, 9, 1), date(2027, 3, 31))]
        );
        assert_eq!(
            fy.not_set_up_note(&d.settings).unwrap(),
            "01/09/2026 to 31/03/2027 of the financial year 2026-27 falls in no academic year set up, so provision then is not costed in these figures. Set up the academic year 2026-27 in Settings to cost it."
        );
        let r = CostReport::build(&d, fy.range(&d.settings).unwrap());
        assert_eq!(
            r.provision(id).unwrap().outside_years,
            [DateRange::new(date(2026, 9, 1), date(2027, 3, 26))]
        );
        // FY 2025-26 starts in 2024-25, not set up.
        assert_eq!(
            BudgetPeriod::financial(2025).not_set_up(&d.settings),
            [DateRange::new(date(2025, 4, 1), date(2025, 8, 31))]
        );
        assert!(BudgetPeriod::academic(2025)
            .not_set_up_note(&d.settings)
            .is_none());
    }

    /// Spring runs Mon 05/01/2026 to Thu 02/04/2026: 12 full weeks and a
    /// week of 4 school days (30/03 to 02/04), each 1/4 of a week: 13
    /// teaching weeks. Summer Mon 20/04/2026 to Tue 21/07/2026: 13 full
    /// weeks and 2 days of a 2-day week: 14.
    fn straddling() -> (Dataset, uuid::Uuid) {
        costed(
            vec![year_2025(date(2026, 4, 2), 13, date(2026, 4, 20), 14)],
            date(2025, 9, 1),
            date(2026, 7, 21),
        )
    }

    #[test]
    fn a_term_across_1_april_is_split_and_each_part_rounded_on_its_own() {
        let (d, id) = straddling();
        // The academic year: autumn 16 x 10.01 = 160.16, spring 13 x 10.01
        // = 130.13, summer 14 x 10.01 = 140.14; 430.43.
        assert_eq!(
            committed(&d, BudgetPeriod::academic(2025)),
            Money::pence(43_043)
        );
        // Spring's part to 31/03: 12 weeks + 2 days x 1/4 = 12.5 weeks,
        // 12.5 x 10.01 = 125.125, rounded half away from zero to 125.13;
        // its part from 01/04: 2 x 1/4 = 0.5 weeks, 0.5 x 10.01 = 5.005 ->
        // 5.01. FY 2025-26 = 160.16 + 125.13 = 285.29; FY 2026-27 = 5.01 +
        // 140.14 = 145.15.
        let fy25 = BudgetPeriod::financial(2025);
        let fy26 = BudgetPeriod::financial(2026);
        assert_eq!(committed(&d, fy25), Money::pence(28_529));
        assert_eq!(committed(&d, fy26), Money::pence(14_515));
        // The parts are rounded on their own: 125.13 + 5.01 = 130.14, a
        // penny over the term's 130.13, so the financial years add up to
        // 285.29 + 145.15 = 430.44, a penny over the academic year.
        let r = CostReport::build(&d, fy26.range(&d.settings).unwrap());
        let spring = &r.provision(id).unwrap().by_term[0];
        assert_eq!(spring.key.term, TermName::Spring);
        assert_eq!(spring.weeks, Exact::new(1, 2));
        assert_eq!(spring.total, Money::pence(501));
        // Where the figures show, the split says so.
        let split = fy25.split_terms(&d.settings);
        assert_eq!(split.len(), 1);
        assert_eq!(
            split[0].inside,
            DateRange::new(date(2026, 1, 5), date(2026, 3, 31))
        );
        assert_eq!(split[0].label(), "Spring 2025-26, to 31/03/2026");
        assert_eq!(
            fy26.split_terms(&d.settings)[0].label(),
            "Spring 2025-26, from 01/04/2026"
        );
        assert_eq!(
            fy26.split_note(&d.settings).unwrap(),
            "Split at 1 April: Spring 2025-26 (05/01/2026 to 02/04/2026) counts here from 01/04/2026 to 02/04/2026. A term across 1 April is costed in two parts, by its school days' share of a teaching week, each rounded to the penny on its own, so its parts in the two financial years can differ from the term's own figure by a penny a provision."
        );
        let tables =
            crate::domain::reports::spend_breakdown_in(&d, &fy26, date(2026, 4, 1)).unwrap();
        // Spent to 01/04/2026: the one day, 1/4 of a week, 2.5025 -> 2.50.
        assert_eq!(
            tables[3].rows[0],
            ["Spring 2025-26, from 01/04/2026", "£5.01", "£2.50"]
        );
        assert!(BudgetPeriod::academic(2025)
            .split_terms(&d.settings)
            .is_empty());
    }

    #[test]
    fn budgets_are_kept_by_kind_of_year() {
        let (d, _) = two_years();
        let s = d
            .settings
            .with_budget(
                &BudgetPeriod::academic(2026),
                FundingSource::NotionalSen,
                Money::pounds(1_000),
                now(),
            )
            .with_budget(
                &BudgetPeriod::financial(2026),
                FundingSource::NotionalSen,
                Money::pounds(500),
                now(),
            );
        // Both are kept, each for its own kind of year.
        assert_eq!(s.budgets.len(), 2);
        assert!(s.validate().is_empty(), "{:?}", s.validate());
        assert_eq!(
            s.budget(&BudgetPeriod::academic(2026), FundingSource::NotionalSen),
            Money::pounds(1_000)
        );
        assert_eq!(
            s.budget(&BudgetPeriod::financial(2026), FundingSource::NotionalSen),
            Money::pounds(500)
        );
        // Changing the kind of year keeps both.
        let s = s.with_budget_year(BudgetYear::Financial, now());
        assert_eq!(s.budget_year, BudgetYear::Financial);
        assert_eq!(s.budgets.len(), 2);
        let entered = budgets_entered(&s);
        assert_eq!(
            entered,
            [
                EnteredBudgets {
                    period: BudgetPeriod::financial(2026),
                    in_use: true,
                    amounts: vec![(FundingSource::NotionalSen, Money::pounds(500))],
                },
                EnteredBudgets {
                    period: BudgetPeriod::academic(2026),
                    in_use: false,
                    amounts: vec![(FundingSource::NotionalSen, Money::pounds(1_000))],
                },
            ]
        );
        // Clearing one leaves the other.
        let s = s.with_budget(
            &BudgetPeriod::financial(2026),
            FundingSource::NotionalSen,
            Money::ZERO,
            now(),
        );
        assert_eq!(s.budgets.len(), 1);
        assert_eq!(s.budgets[0].year, BudgetYear::Academic);
        // Twice for the same kind and year is refused.
        let mut t = s.clone();
        t.budgets.push(t.budgets[0].clone());
        assert!(t
            .validate()
            .for_field(crate::domain::SettingsField::Budgets)
            .is_some());
        // The budget lines of FY 2026-27: £500 against 420.42 committed.
        let mut d = d;
        d.settings = d.settings.with_budget(
            &BudgetPeriod::financial(2026),
            FundingSource::NotionalSen,
            Money::pounds(500),
            now(),
        );
        let lines =
            budget_lines_in(&d, &BudgetPeriod::financial(2026), date(2026, 12, 31)).unwrap();
        let sen = lines
            .iter()
            .find(|l| l.source == FundingSource::NotionalSen)
            .unwrap();
        assert_eq!(
            (sen.budget, sen.remaining),
            (Money::pounds(500), Money::pence(7_958))
        );
        // Nothing set for the academic year 2026-27.
        assert_eq!(
            d.settings
                .budget(&BudgetPeriod::academic(2026), FundingSource::NotionalSen),
            Money::ZERO
        );
    }

    #[test]
    fn pp_plus_agreed_counts_in_a_financial_year_by_teaching_weeks() {
        use crate::domain::settings::PpPlusAgreement;
        let (mut d, _) = two_years();
        let agree = |start_year, pounds| PpPlusAgreement {
            start_year,
            amount: Money::pounds(pounds),
        };
        d.settings.pp_plus_agreed =
            vec![agree(2025, 1_500), agree(2026, 1_200), agree(2027, 1_200)];
        let s = &d.settings;
        // 2025-26: 16 + 12 = 28 weeks before 1 April 2026, 15 from it (43).
        // 150,000p x 28/43 = 97,674.42p, x 15/43 = 52,325.58p: floors
        // 97,674 + 52,325 = 149,999, the penny left to the larger fraction
        // (.58): £976.74 and £523.26.
        // 2026-27: 15 + 12 = 27 weeks before 1 April 2027, 14 from it (41).
        // 120,000p x 27/41 = 79,024.39p, x 14/41 = 40,975.61p: £790.24 and
        // £409.76.
        // 2027-28 is not set up: by months, 7 to 5: £700.00 and £500.00.
        let fy = |y| pp_plus_agreed_in(s, &BudgetPeriod::financial(y));
        assert_eq!(fy(2025), Money::pence(97_674));
        assert_eq!(fy(2026), Money::pence(52_326 + 79_024));
        assert_eq!(fy(2027), Money::pence(40_976 + 70_000));
        assert_eq!(fy(2028), Money::pounds(500));
        assert_eq!(
            pp_plus_agreed_shares(s, &BudgetPeriod::financial(2026)),
            [
                AgreedShare {
                    academic_start_year: 2025,
                    agreed: Money::pounds(1_500),
                    counted: Money::pence(52_326)
                },
                AgreedShare {
                    academic_start_year: 2026,
                    agreed: Money::pounds(1_200),
                    counted: Money::pence(79_024)
                },
            ]
        );
        assert_eq!(
            pp_plus_agreed_note(s, &BudgetPeriod::financial(2026)).unwrap(),
            "plus £1,313.50 agreed with the virtual school (£523.26 of the £1,500.00 agreed for 2025-26 and £790.24 of the £1,200.00 agreed for 2026-27, shared by teaching weeks either side of 1 April): £1,313.50 available"
        );
        assert_eq!(
            pp_plus_agreed_note(s, &BudgetPeriod::academic(2025)).unwrap(),
            "plus £1,500.00 agreed with the virtual school: £1,500.00 available"
        );
        assert_eq!(pp_plus_agreed_note(s, &BudgetPeriod::financial(2024)), None);
        // In its own academic year the whole agreement counts.
        assert_eq!(
            pp_plus_agreed_in(s, &BudgetPeriod::academic(2025)),
            Money::pounds(1_500)
        );
        // The budget available: £2,000 set for FY 2026-27 + 523.26 +
        // 790.24 = £3,313.50.
        let s = s.with_budget(
            &BudgetPeriod::financial(2026),
            FundingSource::PupilPremiumPlus,
            Money::pounds(2_000),
            now(),
        );
        assert_eq!(
            s.budget(
                &BudgetPeriod::financial(2026),
                FundingSource::PupilPremiumPlus
            ),
            Money::pence(331_350)
        );
        assert_eq!(
            s.budget_set(
                &BudgetPeriod::financial(2026),
                FundingSource::PupilPremiumPlus
            ),
            Money::pounds(2_000)
        );
    }

    #[test]
    fn pp_plus_agreed_splits_a_term_across_1_april_by_its_days() {
        use crate::domain::settings::PpPlusAgreement;
        let (mut d, _) = straddling();
        d.settings.pp_plus_agreed = vec![PpPlusAgreement {
            start_year: 2025,
            amount: Money::pounds(1_000),
        }];
        // Before 1 April 2026: 16 + 12.5 = 28.5 weeks; from it: 0.5 + 14 =
        // 14.5 (43). 100,000p x 28.5/43 = 66,279.07p, x 14.5/43 =
        // 33,720.93p: £662.79 and £337.21.
        let s = &d.settings;
        assert_eq!(
            pp_plus_agreed_in(s, &BudgetPeriod::financial(2025)),
            Money::pence(66_279)
        );
        assert_eq!(
            pp_plus_agreed_in(s, &BudgetPeriod::financial(2026)),
            Money::pence(33_721)
        );
    }

    #[test]
    fn funding_figures_of_a_year_are_the_financial_years_rates_too() {
        let (d, _) = two_years();
        // The defaults: pupil premium (primary) £1,515 for 2025-26.
        assert_eq!(
            funding_figure_in(
                &d.settings,
                FundingKind::PupilPremiumPrimary,
                &BudgetPeriod::financial(2025)
            ),
            Some(Money::pounds(1_515))
        );
        assert_eq!(
            funding_figure_in(
                &d.settings,
                FundingKind::PupilPremiumPrimary,
                &BudgetPeriod::financial(2023)
            ),
            None
        );
    }

    #[test]
    fn how_a_funding_source_is_used_in_a_year() {
        let (mut d, id) = two_years();
        d.settings = d.settings.with_budget(
            &BudgetPeriod::financial(2026),
            FundingSource::NotionalSen,
            Money::pounds(500),
            now(),
        );
        let u = funding_use(
            &d,
            &BudgetPeriod::financial(2026),
            FundingSource::NotionalSen,
            date(2026, 12, 31),
        )
        .unwrap();
        // 420.42 committed (see above), 300.30 spent by 31/12/2026.
        assert_eq!(u.line.budget, Money::pounds(500));
        assert_eq!(u.line.committed, Money::pence(42_042));
        assert_eq!(
            u.provisions,
            [(id, Money::pence(42_042), Money::pence(30_030))]
        );
        assert!(u.split_terms.is_empty() && u.not_set_up.is_empty());
        let pp = funding_use(
            &d,
            &BudgetPeriod::financial(2026),
            FundingSource::PupilPremium,
            date(2026, 12, 31),
        )
        .unwrap();
        assert!(pp.provisions.is_empty());
        assert_eq!(pp.line.committed, Money::ZERO);
        assert!(funding_use(
            &d,
            &BudgetPeriod::academic(2030),
            FundingSource::NotionalSen,
            date(2026, 12, 31)
        )
        .is_none());
    }

    #[test]
    fn a_what_if_shows_its_effect_on_the_financial_years_budgets() {
        use crate::domain::whatif::WhatIfDraft;
        let (d, id) = two_years();
        let mut draft = WhatIfDraft::of(&d, d.provision(id).unwrap());
        draft.sessions_per_week = "2".into();
        let fy = BudgetPeriod::financial(2026);
        let w = draft.evaluate_in(&d, id, &fy, date(2026, 12, 31)).unwrap();
        let sen = |lines: &[BudgetLine]| {
            lines
                .iter()
                .find(|l| l.source == FundingSource::NotionalSen)
                .unwrap()
                .committed
        };
        // Two sessions a week, £20.02 a week: summer 2025-26 15 x 20.02 =
        // 300.30, autumn 2026-27 15 x 20.02 = 300.30, spring 2026-27 12 x
        // 20.02 = 240.24; 840.84 against 420.42 now.
        assert_eq!(sen(&w.before), Money::pence(42_042));
        assert_eq!(sen(&w.after), Money::pence(84_084));
    }

    #[test]
    fn kinds_of_year_have_words_and_codes() {
        for k in BudgetYear::ALL {
            assert_eq!(BudgetYear::from_code(k.code()), Some(k));
            assert_eq!(k.other().other(), k);
        }
        assert_eq!(BudgetYear::from_code("calendar"), None);
        assert_eq!(BudgetYear::Financial.months(), "April to March");
        assert_eq!(date_in_words(date(2026, 4, 1)), "1 April 2026");
    }
}
