//! A pupil's provision as the LA costs it, by a rate card, beside the
//! school's own figure for the same period (which is never worked out
//! again here: it is the pupil's share in the school's [`CostReport`]).
//!
//! For each provision the pupil has a place in, and each academic year of
//! the period:
//!
//! ```text
//! LA hourly rate   = the card's rate for the staff line's kind of role:
//!                    per weekly hour: amount / the card's weeks
//!                    per minute:      pence a minute x 60
//!                    hourly:          the amount
//!                    (a kind with no rate on the card is not costed)
//! sessions counted = the provision's sessions a week, less each timetable
//!                    slot whose session [start, start + minutes) overlaps a
//!                    window of the day the card excludes (no slots: all
//!                    count, and the times are said to be unknown)
//! group size       = with CostSplit::PlannedGroupSize, the planned group
//!                    size (or more, on a day more pupils are in it, as the
//!                    school counts); with CostSplit::ActualPupils, the most
//!                    pupils in the group on any school day of the pupil's
//!                    place in the year: an LA costs a place in a group of
//!                    that size, and a day the group was smaller does not
//!                    make the pupil's place dearer
//! share            = 1 / group size
//! weeks            = the teaching weeks of the pupil's place in the year, as
//!                    the school counts them (calendar.rs), at most the
//!                    card's weeks
//! LA cost          = sum over staff lines of LA hourly x count x minutes / 60
//!                    x sessions counted x weeks x share
//!                    + if the card costs resources, the pupil's share of the
//!                    fixed and resource costs (share x the part of them the
//!                    school puts in the place's days of the provision's first
//!                    term), else nothing
//! ```
//!
//! A provision whose tier the card excludes is not costed by the LA. Each
//! pupil's LA cost of a provision in an academic year is rounded once to
//! the penny (half away from zero); a pupil's total for a year over the
//! card's cap is cut to the cap, the cap split among the year's provisions
//! by [`apportion`] in proportion to their figures, so the lines still add
//! up to the total. A period covering part of an academic year caps that
//! part at the whole cap (the card's cap is a year's).

use jiff::civil::{Date, Time};
use std::collections::BTreeMap;
use uuid::Uuid;

use super::{LaBasis, RateCard};
use crate::domain::calendar::{gb, raw_weeks, year_label, Calendar, DateRange};
use crate::domain::costing::{counted_range, CostReport};
use crate::domain::dataset::Dataset;
use crate::domain::money::{apportion, round_pence, Exact, Money};
use crate::domain::provision::{CostSplit, Enrolment, Provision};
use crate::domain::pupil::Pupil;
use crate::domain::quantity::Dec2;
use crate::domain::staff::RoleCategory;

/// A kind of role as a list names it ("Teaching assistant").
pub fn category_label(c: RoleCategory) -> &'static str {
    match c {
        RoleCategory::TeachingAssistant => "Teaching assistant",
        RoleCategory::Teacher => "Teacher",
        RoleCategory::Specialist => "Specialist",
        RoleCategory::Other => "Other staff",
    }
}

/// A kind of role in a sentence ("a teaching assistant").
pub fn category_phrase(c: RoleCategory) -> &'static str {
    match c {
        RoleCategory::TeachingAssistant => "a teaching assistant",
        RoleCategory::Teacher => "a teacher",
        RoleCategory::Specialist => "a specialist",
        RoleCategory::Other => "other staff",
    }
}

impl RateCard {
    /// The card's rate for `category`, if it has one.
    pub fn rate_for(&self, category: RoleCategory) -> Option<&LaBasis> {
        self.rates
            .iter()
            .find(|r| r.category == category)
            .map(|r| &r.rate)
    }

    /// The LA's hourly rate for `category` in exact pence; `None` when the
    /// card has no rate for it (or its weeks are not positive).
    pub fn hourly_for(&self, category: RoleCategory) -> Option<Exact> {
        la_hourly(self.rate_for(category)?, self.weeks)
    }
}

/// The hourly rate `basis` makes, in exact pence, over `weeks` (the card's
/// weeks, which an amount per weekly hour is spread over).
pub fn la_hourly(basis: &LaBasis, weeks: Dec2) -> Option<Exact> {
    match basis {
        LaBasis::PerWeeklyHour { amount } => {
            weeks.is_positive().then(|| amount.exact() / weeks.exact())
        }
        // Hundredths of a penny a minute, times 60 minutes.
        LaBasis::PerMinute { pence_per_minute } => {
            Some(pence_per_minute.exact() * Exact::from_integer(60))
        }
        LaBasis::Hourly { amount } => Some(amount.exact()),
    }
}

/// How the card states a rate, for a sentence: "£653.60 for a weekly hour
/// over 38 weeks", "58p a minute", "£20.00 an hour".
pub fn basis_text(basis: &LaBasis, weeks: Dec2) -> String {
    match basis {
        LaBasis::PerWeeklyHour { amount } => {
            format!("{amount} for a weekly hour over {weeks} weeks")
        }
        LaBasis::PerMinute { pence_per_minute } => format!("{pence_per_minute}p a minute"),
        LaBasis::Hourly { amount } => format!("{amount} an hour"),
    }
}

/// "1 h 30 min a week", "45 min a week", "2 h a week".
pub fn weekly_text(minutes: u32) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min a week"),
        (h, 0) => format!("{h} h a week"),
        (h, m) => format!("{h} h {m} min a week"),
    }
}

/// Weeks as a person reads them: "38", "38.6", "12.33" (to two places).
pub fn weeks_text(w: Exact) -> String {
    Dec2::from_exact(w).to_string()
}

/// The card in force on `on`: the one with the latest `from` on or before
/// it. When the pupil has an EHC plan whose local authority is a card's
/// authority (ignoring case and spaces at the ends), that authority's cards
/// are preferred; if none of them is in force on `on`, every card is
/// considered. Ties on `from` go to the card made last.
pub fn card_in_force<'a>(
    cards: &'a [RateCard],
    on: Date,
    pupil: Option<&Pupil>,
) -> Option<&'a RateCard> {
    let latest = |only: &dyn Fn(&RateCard) -> bool| {
        cards
            .iter()
            .filter(|c| c.from <= on && only(c))
            .max_by_key(|c| (c.from, c.created_at, c.id))
    };
    let la = pupil
        .and_then(|p| p.ehcp.as_ref())
        .map(|e| e.local_authority.trim().to_lowercase())
        .filter(|a| !a.is_empty());
    if let Some(la) = la {
        if let Some(c) = latest(&|c: &RateCard| c.authority.trim().to_lowercase() == la) {
            return Some(c);
        }
    }
    latest(&|_| true)
}

/// The card to cost a period by: the one in force on its first day
/// ([`card_in_force`]), else the one in force on its last day (a card that
/// starts within the period), else the earliest card of all (the period is
/// before every card). `None` only with no cards.
pub fn card_for_period<'a>(
    cards: &'a [RateCard],
    period: &DateRange,
    pupil: Option<&Pupil>,
) -> Option<&'a RateCard> {
    card_in_force(cards, period.start, pupil)
        .or_else(|| card_in_force(cards, period.end, pupil))
        .or_else(|| cards.iter().min_by_key(|c| (c.from, c.created_at, c.id)))
}

/// One academic year of a pupil's place in a provision, as the LA costs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LaYear {
    pub start_year: i16,
    /// The teaching weeks of the place in the year (and the period), as the
    /// school counts them.
    pub place_weeks: Exact,
    /// The weeks the LA counts: `place_weeks`, at most the card's weeks.
    pub weeks: Exact,
    /// The group size the LA shares the cost by (the share is 1 / it).
    pub group_size: u32,
    /// The LA's figure, rounded once, before the cap.
    pub uncapped: Money,
    /// The LA's figure after the card's cap per pupil (the same as
    /// `uncapped` when the cap does not bite or there is none).
    pub amount: Money,
}

/// One provision in a pupil's LA costing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LaLine {
    pub provision_id: Uuid,
    pub name: String,
    pub minutes_per_session: u32,
    pub sessions_per_week: u32,
    /// The sessions a week the LA costs (none fall in an excluded window).
    pub sessions_counted: u32,
    /// The pupil's support a week, in minutes (minutes x sessions a week).
    pub weekly_minutes: u32,
    /// The same, in words: "1 h 30 min a week".
    pub weekly_support: String,
    /// The pupil's share as a fraction: "1/4". With several academic years
    /// of different group sizes, each ("1/4, then 1/3").
    pub share: String,
    /// The academic years of the place in the period, in order (none when
    /// the LA does not cost the provision).
    pub years: Vec<LaYear>,
    /// The school's figure: the pupil's share in the school's costing of
    /// the same period.
    pub school: Money,
    /// Why the school's costing has no figure for it, if it has none.
    pub school_issue: Option<String>,
    /// The LA's figure: the sum of `years`' amounts.
    pub la: Money,
    /// Why the LA does not cost it at all, if it does not.
    pub not_costed: Option<String>,
    /// The differences between the two figures, in plain sentences.
    pub differences: Vec<String>,
}

/// A pupil's provision over a period, as the school and the LA cost it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LaCosting {
    pub pupil_id: Uuid,
    pub card_id: Uuid,
    pub authority: String,
    /// The card's first day.
    pub card_from: Date,
    /// The card is Waymark's example, not a real authority's figures.
    pub example: bool,
    pub period: DateRange,
    pub lines: Vec<LaLine>,
    /// The sum of the lines' school figures.
    pub school_total: Money,
    /// The sum of the lines' LA figures.
    pub la_total: Money,
    /// Sentences about the totals (the cap).
    pub notes: Vec<String>,
}

impl LaCosting {
    /// "The LA's figure is £1,234.56 less than the school's." (or more, or
    /// "The two figures are the same.").
    pub fn gap_text(&self) -> String {
        let (school, la) = (self.school_total, self.la_total);
        match la.cmp(&school) {
            std::cmp::Ordering::Less => {
                format!("The LA's figure is {} less than the school's.", school - la)
            }
            std::cmp::Ordering::Greater => {
                format!("The LA's figure is {} more than the school's.", la - school)
            }
            std::cmp::Ordering::Equal => "The two figures are the same.".to_owned(),
        }
    }
}

/// `t` as minutes after midnight.
fn minute_of(t: Time) -> i32 {
    i32::from(t.hour()) * 60 + i32::from(t.minute())
}

fn hhmm(t: Time) -> String {
    t.strftime("%H:%M").to_string()
}

/// The sessions a week the LA counts, and a sentence for each it does not
/// (or for times unknown).
fn sessions_counted(p: &Provision, card: &RateCard) -> (u32, Vec<String>) {
    let mut notes = Vec::new();
    if p.slots.is_empty() {
        if !card.excluded_times.is_empty() {
            let names: Vec<String> = card
                .excluded_times
                .iter()
                .map(|w| {
                    format!(
                        "{} ({}–{})",
                        w.name.to_lowercase(),
                        hhmm(w.start),
                        hhmm(w.end)
                    )
                })
                .collect();
            notes.push(format!(
                "The session times are not known (the provision has no timetable slots), so all {} sessions a week are counted; the LA does not cost support in {}.",
                p.sessions_per_week,
                names.join(" or ")
            ));
        }
        return (p.sessions_per_week, notes);
    }
    let length = i32::try_from(p.minutes_per_session).unwrap_or(i32::MAX);
    let mut out = 0u32;
    let mut slots: Vec<&crate::domain::provision::Slot> = p.slots.iter().collect();
    crate::domain::sort::by_key(&mut slots, |s| (s.day, s.start));
    for s in slots {
        let start = minute_of(s.start);
        let end = start.saturating_add(length);
        if let Some(w) = card
            .excluded_times
            .iter()
            .find(|w| start < minute_of(w.end) && end > minute_of(w.start))
        {
            out += 1;
            notes.push(format!(
                "The LA does not cost {}'s {} session: it is in {} ({}–{}).",
                s.day.label(),
                hhmm(s.start),
                w.name.to_lowercase(),
                hhmm(w.start),
                hhmm(w.end)
            ));
        }
    }
    (p.sessions_per_week.saturating_sub(out), notes)
}

/// The pupil's places in `p`, each cut to the days it counts on.
fn places_of<'a>(
    data: &'a Dataset,
    p: &Provision,
    pupil_id: Option<Uuid>,
) -> Vec<(&'a Enrolment, DateRange)> {
    data.enrolments
        .iter()
        .filter(|e| e.provision_id == p.id && pupil_id.is_none_or(|id| e.pupil_id == id))
        .filter_map(|e| {
            let left_on = data.pupil(e.pupil_id).and_then(|x| x.left_on);
            let r = counted_range(e, left_on)?.intersect(&p.range())?;
            Some((e, r))
        })
        .collect()
}

/// Cost `pupil_id`'s provision over `report.period` by `card`, beside the
/// school's figures in `report` (a [`CostReport`] of the same data over the
/// period: [`CostReport::build`] or a view's cached one).
pub fn la_costing(
    data: &Dataset,
    pupil_id: Uuid,
    card: &RateCard,
    report: &CostReport,
) -> LaCosting {
    let period = report.period;
    let cal = Calendar::new(&data.settings.years);
    let one = Exact::from_integer(1);
    let zero = Exact::from_integer(0);
    let card_weeks = card.weeks.exact();

    // The provisions the pupil has a place in over the period, in the
    // order their places start, then by name.
    let mut provisions: Vec<&Provision> = data
        .provisions
        .iter()
        .filter(|p| {
            places_of(data, p, Some(pupil_id))
                .iter()
                .any(|(_, r)| r.intersect(&period).is_some())
        })
        .collect();
    crate::domain::sort::by_key(&mut provisions, |p| {
        let first = places_of(data, p, Some(pupil_id))
            .iter()
            .map(|(_, r)| r.start)
            .min();
        (first, p.name.clone(), p.id)
    });

    let mut lines: Vec<LaLine> = Vec::new();
    for p in provisions {
        let school_cost = report.provision(p.id);
        let school: Money = school_cost
            .map(|c| {
                c.shares
                    .iter()
                    .filter(|s| s.pupil_id == pupil_id)
                    .map(|s| s.amount)
                    .sum()
            })
            .unwrap_or_default();
        let school_issue = report
            .issues
            .iter()
            .find(|(id, _)| *id == p.id)
            .map(|(_, i)| i.to_string());
        let weekly_minutes = p.minutes_per_session * p.sessions_per_week;
        let mut line = LaLine {
            provision_id: p.id,
            name: p.name.clone(),
            minutes_per_session: p.minutes_per_session,
            sessions_per_week: p.sessions_per_week,
            sessions_counted: 0,
            weekly_minutes,
            weekly_support: weekly_text(weekly_minutes),
            share: String::new(),
            years: Vec::new(),
            school,
            school_issue,
            la: Money::ZERO,
            not_costed: None,
            differences: Vec::new(),
        };
        if card.excluded_tiers.contains(&p.tier) {
            let tier = data
                .settings
                .tier(&p.tier)
                .map_or(p.tier.as_str(), |t| t.name.as_str());
            line.not_costed = Some(format!("The LA does not cost {tier}."));
            lines.push(line);
            continue;
        }
        let (counted, mut notes) = sessions_counted(p, card);
        line.sessions_counted = counted;

        // Each staff line's LA cost of one session a week for one week,
        // whole group (hourly x count x minutes / 60); lines with no rate
        // are not costed and say why.
        let mut per_session = zero;
        let mut rate_notes = Vec::new();
        let mut roles_said: Vec<Uuid> = Vec::new();
        for l in &p.staff {
            let Some(role) = data.role(l.role_id) else {
                rate_notes.push(
                    "A staff line uses a role that is not in the list of roles: the LA does not cost it."
                        .to_owned(),
                );
                continue;
            };
            let Some(basis) = card.rate_for(role.category) else {
                if roles_said.contains(&role.id) {
                    continue;
                }
                roles_said.push(role.id);
                rate_notes.push(format!(
                    "The card has no rate for {}, so the LA does not cost {}'s time.",
                    category_phrase(role.category),
                    role.name
                ));
                continue;
            };
            let Some(hourly) = la_hourly(basis, card.weeks) else {
                continue;
            };
            per_session += hourly
                * Exact::from_integer(i128::from(l.count))
                * Exact::from_integer(i128::from(p.minutes_per_session))
                / Exact::from_integer(60);
            if roles_said.contains(&role.id) {
                continue;
            }
            roles_said.push(role.id);
            // The school's rate on the first day of the provision in the
            // period, then each rate a pay award brings in during it.
            let scales = &data.settings.pay_scales;
            let span = p.range().intersect(&period).unwrap_or(period);
            let rate_at = |d: Date| role.hourly_on(d, scales).map(round_pence);
            let mut school_rate =
                rate_at(span.start).map_or_else(|| "not set".to_owned(), |m| m.to_string());
            for d in role
                .change_dates(scales)
                .into_iter()
                .filter(|d| *d > span.start && *d <= span.end)
            {
                if let Some(m) = rate_at(d) {
                    school_rate.push_str(&format!(", then {m} from {}", gb(d)));
                }
            }
            let la_rate = round_pence(hourly);
            let how = match basis {
                LaBasis::Hourly { .. } => String::new(),
                b => format!(" ({})", basis_text(b, card.weeks)),
            };
            rate_notes.push(format!(
                "The LA pays {la_rate} an hour for {}{how}; the school's rate for {} is {school_rate}.",
                category_phrase(role.category),
                role.name
            ));
        }

        // The provision's first term with school days: where the school
        // puts its fixed and resource costs.
        let run = p.range();
        let first_term = cal.terms.iter().find(|t| {
            run.intersect(&t.range)
                .is_some_and(|r| !t.days_in(&r).is_empty())
        });
        let all_places = places_of(data, p, None);
        let mine: Vec<DateRange> = all_places
            .iter()
            .filter(|(e, _)| e.pupil_id == pupil_id)
            .filter_map(|(_, r)| r.intersect(&period))
            .collect();
        let mut fixed_not_costed = zero;
        for y in &data.settings.years {
            let Some(year) = y.range() else { continue };
            let Some(part) = year.intersect(&period).and_then(|r| r.intersect(&run)) else {
                continue;
            };
            let terms: Vec<_> = cal
                .terms
                .iter()
                .filter(|t| t.key.start_year == y.start_year)
                .collect();
            let mut place_weeks = zero;
            let mut most = 0usize;
            let mut any_day = false;
            for place in mine.iter().filter_map(|r| r.intersect(&part)) {
                for t in &terms {
                    let Some(run_t) = run.intersect(&t.range) else {
                        continue;
                    };
                    place_weeks += t.weeks_within(&run_t, &place);
                    for d in t.days_in(&place) {
                        any_day = true;
                        let n = all_places
                            .iter()
                            .filter(|(_, r)| r.contains(d.date))
                            .count();
                        most = most.max(n);
                    }
                }
            }
            if !any_day {
                continue;
            }
            let group = match p.split {
                CostSplit::ActualPupils => most.max(1),
                CostSplit::PlannedGroupSize => {
                    most.max(usize::try_from(p.planned_group_size).unwrap_or(1))
                }
            };
            let group = u32::try_from(group).unwrap_or(u32::MAX);
            let share = one / Exact::from_integer(i128::from(group));
            let weeks = place_weeks.min(card_weeks);
            let staff = per_session * Exact::from_integer(i128::from(counted)) * weeks * share;
            // The pupil's share of the fixed and resource costs the school
            // puts in the place's days of the provision's first term.
            let fixed = match first_term {
                Some(t) if t.key.start_year == y.start_year && p.fixed_costs > Money::ZERO => {
                    let run_days = run.intersect(&t.range).map(|r| raw_weeks(t.days_in(&r)));
                    let place_days: Exact = mine
                        .iter()
                        .filter_map(|r| r.intersect(&part))
                        .filter_map(|r| r.intersect(&t.range))
                        .map(|r| raw_weeks(t.days_in(&r)))
                        .sum();
                    match run_days {
                        Some(all) if all > zero => p.fixed_costs.exact() * place_days / all * share,
                        _ => zero,
                    }
                }
                _ => zero,
            };
            let fixed_counted = if card.costs_resources {
                fixed
            } else {
                fixed_not_costed += fixed;
                zero
            };
            let amount = round_pence(staff + fixed_counted);
            if place_weeks > card_weeks {
                let when = if data
                    .settings
                    .years
                    .iter()
                    .filter(|o| o.range().and_then(|r| r.intersect(&period)).is_some())
                    .count()
                    > 1
                {
                    format!("In {} the", year_label(y.start_year))
                } else {
                    "The".to_owned()
                };
                notes.push(format!(
                    "{when} LA counts {} weeks; the place runs {}.",
                    weeks_text(card_weeks),
                    weeks_text(place_weeks)
                ));
            }
            line.years.push(LaYear {
                start_year: y.start_year,
                place_weeks,
                weeks,
                group_size: group,
                uncapped: amount,
                amount,
            });
        }
        let mut sizes: Vec<u32> = line.years.iter().map(|y| y.group_size).collect();
        sizes.dedup();
        line.share = sizes
            .iter()
            .map(|n| format!("1/{n}"))
            .collect::<Vec<_>>()
            .join(", then ");
        if p.split == CostSplit::ActualPupils && !line.years.is_empty() {
            let sizes_differ = {
                let mine_days: Vec<usize> = mine
                    .iter()
                    .flat_map(|r| cal.days_in(r).map(|d| d.date).collect::<Vec<_>>())
                    .map(|d| all_places.iter().filter(|(_, r)| r.contains(d)).count())
                    .collect();
                mine_days.iter().min() != mine_days.iter().max()
            };
            if sizes_differ {
                notes.push(format!(
                    "The LA shares the cost among the most pupils in the group on any day of the place ({}); the school shares each day's cost among the pupils there that day.",
                    line.share
                ));
            }
        }
        if !card.costs_resources {
            let not = round_pence(fixed_not_costed);
            if not > Money::ZERO {
                notes.push(format!(
                    "The LA does not cost the {not} of resources (the pupil's share of the provision's {} of fixed and resource costs).",
                    p.fixed_costs
                ));
            }
        }
        line.differences = rate_notes;
        line.differences.extend(notes);
        lines.push(line);
    }

    // The card's cap, year by year.
    let mut notes = Vec::new();
    if let Some(cap) = card.cap_per_pupil {
        let mut by_year: BTreeMap<i16, Vec<(usize, usize)>> = BTreeMap::new();
        for (i, l) in lines.iter().enumerate() {
            for (k, y) in l.years.iter().enumerate() {
                by_year.entry(y.start_year).or_default().push((i, k));
            }
        }
        for (start_year, at) in by_year {
            let total: Money = at.iter().map(|(i, k)| lines[*i].years[*k].uncapped).sum();
            if total <= cap {
                continue;
            }
            let weights: Vec<Exact> = at
                .iter()
                .map(|(i, k)| lines[*i].years[*k].uncapped.exact())
                .collect();
            let parts = apportion(cap, &weights).unwrap_or_else(|| vec![Money::ZERO; at.len()]);
            for ((i, k), m) in at.iter().zip(parts) {
                let y = &mut lines[*i].years[*k];
                y.amount = m;
                let cut = y.uncapped - m;
                lines[*i].differences.push(format!(
                    "The LA's cap of {cap} a pupil a year cuts this by {cut} in {}: capped at {cap} for all the pupil's provision.",
                    year_label(start_year)
                ));
            }
            notes.push(format!(
                "In {} the LA's figures come to {total}, capped at {cap}.",
                year_label(start_year)
            ));
        }
    }
    for l in &mut lines {
        l.la = l.years.iter().map(|y| y.amount).sum();
    }
    LaCosting {
        pupil_id,
        card_id: card.id,
        authority: card.authority.clone(),
        card_from: card.from,
        example: card.example,
        period,
        school_total: lines.iter().map(|l| l.school).sum(),
        la_total: lines.iter().map(|l| l.la).sum(),
        lines,
        notes,
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    #[test]
    fn the_gap_between_the_two_totals_in_words() {
        let costing = |school: i64, la: i64| LaCosting {
            pupil_id: Uuid::nil(),
            card_id: Uuid::nil(),
            authority: String::new(),
            card_from: jiff::civil::date(2025, 4, 1),
            example: false,
            period: DateRange::new(
                jiff::civil::date(2025, 9, 1),
                jiff::civil::date(2026, 7, 21),
            ),
            lines: Vec::new(),
            school_total: Money(school),
            la_total: Money(la),
            notes: Vec::new(),
        };
        // £1,763.35 against £163.40: 176,335 - 16,340 = 159,995p less.
        assert_eq!(
            costing(176_335, 16_340).gap_text(),
            "The LA's figure is £1,599.95 less than the school's."
        );
        assert_eq!(
            costing(10_000, 12_550).gap_text(),
            "The LA's figure is £25.50 more than the school's."
        );
        assert_eq!(
            costing(100, 100).gap_text(),
            "The two figures are the same."
        );
    }

    use super::super::{CardRate, TimeWindow};
    use super::*;
    use crate::domain::costing::CostReport;
    use crate::domain::provision::SchoolDay;
    use crate::domain::pupil::EhcpDetails;
    use crate::domain::staff::{RateBasis, StaffRole};
    use crate::domain::testing::{enrol, now, provision, school, slot};
    use jiff::civil::{date, time};

    /// A card with a TA at £653.60 a weekly hour over 38 weeks, a teacher
    /// at 58p a minute, lunch excluded, wave 1 excluded, no resources, no cap.
    fn card(authority: &str, from: Date) -> RateCard {
        RateCard {
            id: Uuid::new_v4(),
            authority: authority.into(),
            from,
            weeks: Dec2::whole(38),
            rates: vec![
                CardRate {
                    category: RoleCategory::TeachingAssistant,
                    rate: LaBasis::PerWeeklyHour {
                        amount: Money::pence(65_360),
                    },
                },
                CardRate {
                    category: RoleCategory::Teacher,
                    rate: LaBasis::PerMinute {
                        pence_per_minute: Dec2::whole(58),
                    },
                },
            ],
            excluded_times: vec![TimeWindow {
                name: "Lunch".into(),
                start: time(12, 0, 0, 0),
                end: time(13, 0, 0, 0),
            }],
            excluded_tiers: vec!["wave-1".into()],
            costs_resources: false,
            cap_per_pupil: None,
            example: false,
            notes: String::new(),
            created_at: now(),
            updated_at: now(),
        }
    }

    #[test]
    fn an_la_hourly_rate_from_each_basis() {
        let c = card("Anyshire", date(2025, 9, 1));
        // £653.60 / 38 weeks = 65,360p / 38 = 1,720p: £17.20 an hour.
        assert_eq!(
            c.hourly_for(RoleCategory::TeachingAssistant),
            Some(Exact::from_integer(1720))
        );
        // 58p a minute x 60 = 3,480p: £34.80 an hour.
        assert_eq!(
            c.hourly_for(RoleCategory::Teacher),
            Some(Exact::from_integer(3480))
        );
        // No rate for a specialist: not costed.
        assert_eq!(c.hourly_for(RoleCategory::Specialist), None);
        // £655 over 38.6 weeks = 65,500 / 38.6 = 655,000 / 386 = 1,696.89...p.
        let b = LaBasis::PerWeeklyHour {
            amount: Money::pounds(655),
        };
        assert_eq!(
            la_hourly(&b, Dec2::hundredths(3860)),
            Some(Exact::new(655_000, 386))
        );
        assert_eq!(
            round_pence(la_hourly(&b, Dec2::hundredths(3860)).unwrap()),
            Money::pence(1697)
        );
        // 32.5p a minute x 60 = 1,950p; an hourly £21.50 is 2,150p.
        let m = LaBasis::PerMinute {
            pence_per_minute: Dec2::hundredths(3250),
        };
        assert_eq!(
            la_hourly(&m, Dec2::whole(38)),
            Some(Exact::from_integer(1950))
        );
        let h = LaBasis::Hourly {
            amount: Money::pence(2150),
        };
        assert_eq!(
            la_hourly(&h, Dec2::whole(38)),
            Some(Exact::from_integer(2150))
        );
        assert_eq!(
            basis_text(&c.rates[0].rate, c.weeks),
            "£653.60 for a weekly hour over 38 weeks"
        );
        assert_eq!(basis_text(&m, c.weeks), "32.5p a minute");
        assert_eq!(weekly_text(90), "1 h 30 min a week");
        assert_eq!(weekly_text(45), "45 min a week");
        assert_eq!(weekly_text(120), "2 h a week");
    }

    /// The school of `testing::school` with the TA at £19.34 an hour and
    /// an autumn term of 15 teaching weeks (so 2025-26 has 15 + 12 + 12 =
    /// 39), and a reading group: 1 TA, 3 sessions of 30 minutes a week,
    /// all year (1 Sep 2025 to 21 Jul 2026), Monday 09:00, Wednesday 09:00
    /// and Friday 12:15, £120 of resources, shared as a full group of 4;
    /// Amy has a place all year.
    fn reading_group() -> (Dataset, Uuid, Uuid) {
        let mut d = school();
        d.roles[0].rate = RateBasis::Typed {
            hourly: Money::pence(1934),
        };
        d.settings.years[0].terms[0].teaching_weeks = 15;
        let mut p = provision(
            &d,
            "Reading group",
            3,
            30,
            date(2025, 9, 1),
            date(2026, 7, 21),
        );
        p.slots = vec![
            slot(SchoolDay::Monday, time(9, 0, 0, 0), ""),
            slot(SchoolDay::Wednesday, time(9, 0, 0, 0), ""),
            slot(SchoolDay::Friday, time(12, 15, 0, 0), ""),
        ];
        p.fixed_costs = Money::pounds(120);
        p.split = CostSplit::PlannedGroupSize;
        p.planned_group_size = 4;
        let pid = p.id;
        d.provisions.push(p);
        let amy = enrol(&mut d, "Amy", pid, date(2025, 9, 1), date(2026, 7, 21));
        (d, pid, amy)
    }

    fn year_2025(d: &Dataset) -> CostReport {
        CostReport::for_year(d, 2025).unwrap()
    }

    #[test]
    fn a_reading_group_as_the_school_and_the_la_cost_it() {
        let (d, pid, amy) = reading_group();
        let c = card("Anyshire", date(2025, 9, 1));
        let la = la_costing(&d, amy, &c, &year_2025(&d));
        assert_eq!(la.lines.len(), 1);
        let l = &la.lines[0];
        assert_eq!(l.provision_id, pid);
        // The school: a session is £19.34 x 30 / 60 = 967p; a week 3 x 967
        // = 2,901p. Autumn 15 weeks: 43,515p + £120 of resources = 55,515p;
        // spring and summer 12 weeks each: 34,812p. Shared as a group of
        // 4 with Amy alone: autumn 55,515 / 4 = 13,878.75 -> 13,879 (the
        // largest remainder: the empty places' 41,636.25 -> 41,636), spring
        // and summer 8,703 each. Amy's share: 13,879 + 8,703 + 8,703 =
        // 31,285p, £312.85.
        assert_eq!(l.school, Money::pence(31_285));
        // The LA: £17.20 an hour x 30 / 60 = 860p a session; the Friday
        // 12:15 to 12:45 session is in lunch, so 2 sessions a week; 39
        // weeks capped at 38; a share of 1/4 (the planned size); no
        // resources. 860 x 2 x 38 / 4 = 16,340p, £163.40 (one weekly hour
        // at £653.60 shared by 4).
        assert_eq!(l.la, Money::pence(16_340));
        assert_eq!((l.sessions_per_week, l.sessions_counted), (3, 2));
        assert_eq!(l.minutes_per_session, 30);
        assert_eq!(l.weekly_support, "1 h 30 min a week");
        assert_eq!(l.share, "1/4");
        assert_eq!(l.years.len(), 1);
        assert_eq!(l.years[0].place_weeks, Exact::from_integer(39));
        assert_eq!(l.years[0].weeks, Exact::from_integer(38));
        assert_eq!(l.not_costed, None);
        assert_eq!(
            l.differences,
            vec![
                "The LA pays £17.20 an hour for a teaching assistant (£653.60 for a weekly hour over 38 weeks); the school's rate for TA is £19.34.".to_owned(),
                "The LA does not cost Friday's 12:15 session: it is in lunch (12:00–13:00).".to_owned(),
                "The LA counts 38 weeks; the place runs 39.".to_owned(),
                // £120 / 4 = £30.00.
                "The LA does not cost the £30.00 of resources (the pupil's share of the provision's £120.00 of fixed and resource costs).".to_owned(),
            ]
        );
        assert_eq!(la.school_total, Money::pence(31_285));
        assert_eq!(la.la_total, Money::pence(16_340));
        assert!(la.notes.is_empty());
    }

    #[test]
    fn resources_are_costed_when_the_card_says_so() {
        let (d, _, amy) = reading_group();
        let mut c = card("Anyshire", date(2025, 9, 1));
        c.costs_resources = true;
        // 16,340p + £120 / 4 = 16,340 + 3,000 = 19,340p.
        let la = la_costing(&d, amy, &c, &year_2025(&d));
        assert_eq!(la.lines[0].la, Money::pence(19_340));
        assert!(!la.lines[0]
            .differences
            .iter()
            .any(|s| s.contains("resources")));
    }

    #[test]
    fn a_session_touching_a_window_is_costed_and_one_inside_it_is_not() {
        let (mut d, pid, amy) = reading_group();
        // 11:30 for 30 minutes ends at 12:00, when lunch starts: costed.
        // 13:00 starts as lunch ends: costed. 11:45 runs into lunch: not.
        let p = d.provisions.iter_mut().find(|x| x.id == pid).unwrap();
        p.slots = vec![
            slot(SchoolDay::Monday, time(11, 30, 0, 0), ""),
            slot(SchoolDay::Tuesday, time(13, 0, 0, 0), ""),
            slot(SchoolDay::Thursday, time(11, 45, 0, 0), ""),
        ];
        let c = card("Anyshire", date(2025, 9, 1));
        let la = la_costing(&d, amy, &c, &year_2025(&d));
        assert_eq!(la.lines[0].sessions_counted, 2);
        assert!(la.lines[0].differences.contains(
            &"The LA does not cost Thursday's 11:45 session: it is in lunch (12:00–13:00)."
                .to_owned()
        ));
    }

    #[test]
    fn a_group_of_pupils_who_come_and_go_per_minute() {
        // A teacher at the school's £30.00 an hour, 2 sessions of 45
        // minutes a week, no slots, through the autumn term (1 Sep to 19
        // Dec 2025: 16 raw weeks, 14 teaching weeks), shared among the
        // pupils there. Amy all term; Ben from Wednesday 1 October.
        let mut d = school();
        d.settings.years[0].terms[0].teaching_weeks = 14;
        d.roles.push(StaffRole::new(
            "Teacher",
            RoleCategory::Teacher,
            RateBasis::Typed {
                hourly: Money::pounds(30),
            },
            now(),
        ));
        let mut p = provision(
            &d,
            "Maths pair",
            2,
            45,
            date(2025, 9, 1),
            date(2025, 12, 19),
        );
        p.staff[0].role_id = d.roles[1].id;
        let pid = p.id;
        d.provisions.push(p);
        let amy = enrol(&mut d, "Amy", pid, date(2025, 9, 1), date(2025, 12, 19));
        let ben = enrol(&mut d, "Ben", pid, date(2025, 10, 1), date(2025, 12, 19));
        let c = card("Anyshire", date(2025, 9, 1));
        let report = year_2025(&d);

        // The LA: 58p a minute is £34.80 an hour; 3,480 x 45 / 60 = 2,610p a
        // session, 2 a week. The most pupils on a day of either place: 2.
        // Amy: 14 weeks: 2,610 x 2 x 14 / 2 = 36,540p (90 minutes a week
        // at 58p = 5,220p, x 14 = 73,080p, halved).
        let la = la_costing(&d, amy, &c, &report);
        let l = &la.lines[0];
        assert_eq!(l.la, Money::pence(36_540));
        assert_eq!(l.share, "1/2");
        assert_eq!(l.weekly_support, "1 h 30 min a week");
        assert!(l.differences.contains(
            &"The session times are not known (the provision has no timetable slots), so all 2 sessions a week are counted; the LA does not cost support in lunch (12:00–13:00).".to_owned()
        ));
        // Amy was alone in September, then with Ben: the LA counts 2.
        assert!(l
            .differences
            .iter()
            .any(|s| s.starts_with("The LA shares the cost among the most pupils")));
        assert!(l.differences[0].starts_with(
            "The LA pays £34.80 an hour for a teacher (58p a minute); the school's rate for Teacher is £30.00."
        ));

        // Ben: Wed 1 to Fri 3 October is 3 days of a 5-day week, 0.6 of a
        // week, then 6 October to 19 December 11 weeks: 11.6 raw weeks of
        // the run's 16, of its 14 teaching weeks: 14 x 11.6 / 16 = 10.15
        // weeks. 2,610 x 2 x 10.15 / 2 = 26,491.5p -> 26,492p (half away
        // from zero).
        let la = la_costing(&d, ben, &c, &report);
        assert_eq!(la.lines[0].years[0].place_weeks, Exact::new(1015, 100));
        assert_eq!(la.lines[0].la, Money::pence(26_492));
        // Ben's share is the school's: he was never alone.
        // (The school's figure is read from its report, not recomputed.)
        let school_ben: Money = report
            .provision(pid)
            .unwrap()
            .shares
            .iter()
            .filter(|s| s.pupil_id == ben)
            .map(|s| s.amount)
            .sum();
        assert_eq!(la.lines[0].school, school_ben);
    }

    #[test]
    fn an_excluded_tier_and_a_kind_of_staff_with_no_rate() {
        let (mut d, pid, amy) = reading_group();
        let c = card("Anyshire", date(2025, 9, 1));
        d.provisions.iter_mut().find(|x| x.id == pid).unwrap().tier = "wave-1".into();
        let la = la_costing(&d, amy, &c, &year_2025(&d));
        assert_eq!(
            la.lines[0].not_costed.as_deref(),
            Some("The LA does not cost Wave 1: quality-first teaching.")
        );
        assert_eq!(la.lines[0].la, Money::ZERO);
        assert_eq!(la.lines[0].school, Money::pence(31_285));
        assert_eq!(la.la_total, Money::ZERO);

        // A speech therapist (a specialist: no rate on the card) joins the
        // TA on the lines: only the TA is costed.
        let (mut d, pid, amy) = reading_group();
        d.roles.push(StaffRole::new(
            "Speech therapist",
            RoleCategory::Specialist,
            RateBasis::Typed {
                hourly: Money::pounds(60),
            },
            now(),
        ));
        let st = d.roles[1].id;
        d.provisions
            .iter_mut()
            .find(|x| x.id == pid)
            .unwrap()
            .staff
            .push(crate::domain::provision::StaffLine {
                role_id: st,
                member_id: None,
                count: 1,
            });
        let la = la_costing(&d, amy, &c, &year_2025(&d));
        assert_eq!(la.lines[0].la, Money::pence(16_340));
        assert!(la.lines[0].differences.contains(
            &"The card has no rate for a specialist, so the LA does not cost Speech therapist's time.".to_owned()
        ));
    }

    #[test]
    fn the_cap_is_split_among_the_years_provisions() {
        // Amy in the reading group (LA 16,340p) and a 1:1 with a teacher: 2
        // sessions of 45 minutes, autumn term, group of 1 (14 weeks): 2,610
        // x 2 x 14 = 73,080p. Together 89,420p; a cap of £300.00 (30,000p)
        // is split 16,340 : 73,080: 30,000 x 16,340 / 89,420 = 5,481.99...,
        // 30,000 x 73,080 / 89,420 = 24,518.00...: floors 5,481 + 24,518 =
        // 29,999, the penny left to the larger remainder (0.99...): 5,482.
        let (mut d, _, amy) = reading_group();
        d.roles.push(StaffRole::new(
            "Teacher",
            RoleCategory::Teacher,
            RateBasis::Typed {
                hourly: Money::pounds(30),
            },
            now(),
        ));
        // Autumn back to 14 teaching weeks makes 38 in the year: the
        // reading group's 38 weeks are then uncapped, 16,340p as before.
        d.settings.years[0].terms[0].teaching_weeks = 14;
        let mut p = provision(&d, "Maths 1:1", 2, 45, date(2025, 9, 1), date(2025, 12, 19));
        p.staff[0].role_id = d.roles[1].id;
        let one = p.id;
        d.provisions.push(p);
        enrol(&mut d, "Amy", one, date(2025, 9, 1), date(2025, 12, 19));
        let mut c = card("Anyshire", date(2025, 9, 1));
        c.cap_per_pupil = Some(Money::pounds(300));
        let la = la_costing(&d, amy, &c, &year_2025(&d));
        let by_name = |n: &str| la.lines.iter().find(|l| l.name == n).unwrap();
        assert_eq!(
            by_name("Reading group").years[0].uncapped,
            Money::pence(16_340)
        );
        assert_eq!(by_name("Maths 1:1").years[0].uncapped, Money::pence(73_080));
        assert_eq!(by_name("Reading group").la, Money::pence(5_482));
        assert_eq!(by_name("Maths 1:1").la, Money::pence(24_518));
        assert_eq!(la.la_total, Money::pounds(300));
        assert_eq!(
            la.notes,
            vec!["In 2025-26 the LA's figures come to £894.20, capped at £300.00.".to_owned()]
        );
        assert!(by_name("Maths 1:1")
            .differences
            .iter()
            .any(|s| s.contains("cuts this by £485.62") && s.contains("capped at £300.00")));
    }

    #[test]
    fn the_weeks_of_part_of_a_year_are_the_schools() {
        // The reading group costed over the spring term only (5 Jan to 31
        // Mar 2026, 12 teaching weeks): 860 x 2 x 12 / 4 = 5,160p, and no
        // resources to leave out (the school puts them in the autumn).
        let (d, _, amy) = reading_group();
        let c = card("Anyshire", date(2025, 9, 1));
        let spring = DateRange::new(date(2026, 1, 5), date(2026, 3, 31));
        let la = la_costing(&d, amy, &c, &CostReport::build(&d, spring));
        assert_eq!(la.lines[0].years[0].weeks, Exact::from_integer(12));
        assert_eq!(la.lines[0].la, Money::pence(5_160));
        // The school: 8,703p in spring (see above).
        assert_eq!(la.lines[0].school, Money::pence(8_703));
        assert!(!la.lines[0]
            .differences
            .iter()
            .any(|s| s.contains("resources")));
    }

    #[test]
    fn the_card_in_force_prefers_the_pupils_authority() {
        let a = card("Anyshire", date(2024, 9, 1));
        let b = card("Otherby", date(2025, 9, 1));
        let c = card("Anyshire ", date(2026, 4, 1));
        let cards = vec![a.clone(), b.clone(), c.clone()];
        let (d, _, amy) = reading_group();
        let mut pupil = d.pupil(amy).unwrap().clone();
        assert_eq!(card_in_force(&cards, date(2025, 10, 1), None), Some(&b));
        assert_eq!(
            card_in_force(&cards, date(2025, 10, 1), Some(&pupil)),
            Some(&b)
        );
        pupil.ehcp = Some(EhcpDetails {
            issue_date: date(2024, 1, 1),
            next_annual_review: None,
            local_authority: "anyshire".into(),
            top_up: Money::ZERO,
        });
        // Anyshire's latest card on 1 October 2025 is the 2024 one.
        assert_eq!(
            card_in_force(&cards, date(2025, 10, 1), Some(&pupil)),
            Some(&a)
        );
        assert_eq!(
            card_in_force(&cards, date(2026, 4, 1), Some(&pupil)),
            Some(&c)
        );
        assert_eq!(card_in_force(&cards, date(2026, 4, 1), None), Some(&c));
        assert_eq!(card_in_force(&cards, date(2024, 8, 31), None), None);
        // A period starting before a card: the card of its last day; a
        // period before every card: the earliest.
        let autumn = DateRange::new(date(2024, 6, 1), date(2024, 12, 20));
        assert_eq!(card_for_period(&cards, &autumn, None), Some(&a));
        let early = DateRange::new(date(2023, 9, 1), date(2024, 7, 20));
        assert_eq!(card_for_period(&cards, &early, None), Some(&a));
        let year = DateRange::new(date(2025, 9, 1), date(2026, 7, 21));
        assert_eq!(card_for_period(&cards, &year, None), Some(&b));
        assert_eq!(card_for_period(&[], &year, None), None);
        // A pupil of an authority with no card in force gets the latest.
        pupil.ehcp.as_mut().unwrap().local_authority = "Elsewhere".into();
        assert_eq!(
            card_in_force(&cards, date(2025, 10, 1), Some(&pupil)),
            Some(&b)
        );
    }
}
