//! Academic years, terms and the teaching weeks a date range covers.
//!
//! A term has start and end dates, its breaks (half term, INSET days) and the
//! number of teaching weeks the school counts in it (the figure a SENCO
//! types, for example 14 for an autumn term with a half-term break).
//! Provisions are costed on teaching weeks, counted as a SENCO counts them:
//!
//! ```text
//! a school day      = a Monday-to-Friday day of a term that is not in a break
//! a day's weight    = 1 / the school days of its Monday-to-Friday week in the term
//! raw weeks of r    = the sum of the weights of the school days in r
//! weeks of r        = min(raw weeks of r, the term's teaching weeks)
//! ```
//!
//! So a provision that runs every school day of a week counts that week
//! once, whatever the week's length (a short first week or a week with an
//! INSET day included), and a term never counts more weeks than its teaching
//! weeks: a whole term, or a run from the Monday of week 2 of a term whose
//! part first week the SENCO did not count, gets exactly the teaching weeks.
//! Over part of a run the weeks are shared pro rata to the days' weights
//! ([`TermDays::weeks_within`]), so the parts of a run add up to the run.

use jiff::civil::{Date, Weekday};
use serde::{Deserialize, Serialize};
use std::fmt;
use uuid::Uuid;

use super::fields::SettingsField;
use super::money::Exact;
use super::validation::Problems;

/// Dates from `start` to `end`, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DateRange {
    pub start: Date,
    pub end: Date,
}

impl DateRange {
    pub fn new(start: Date, end: Date) -> DateRange {
        DateRange { start, end }
    }

    pub fn is_valid(&self) -> bool {
        self.start <= self.end
    }

    pub fn contains(&self, d: Date) -> bool {
        self.start <= d && d <= self.end
    }

    /// The dates in both ranges, if any.
    pub fn intersect(&self, other: &DateRange) -> Option<DateRange> {
        let r = DateRange::new(self.start.max(other.start), self.end.min(other.end));
        r.is_valid().then_some(r)
    }

    /// Monday-to-Friday days in the range.
    pub fn weekdays(&self) -> i64 {
        weekdays_between(self.start, self.end)
    }
}

/// A term of a given academic year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TermKey {
    pub start_year: i16,
    pub term: TermName,
}

impl TermKey {
    /// "Autumn 2025-26".
    pub fn label(&self) -> String {
        term_label(self.start_year, self.term)
    }
}

/// One school day of a term.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SchoolDay {
    pub date: Date,
    /// The school days the term has in this day's Monday-to-Friday week
    /// (1 to 5): the day is that share of a teaching week.
    pub in_week: u8,
}

/// A day's weight in sixtieths of a week: 60 / its week's school days, a
/// whole number for weeks of 1 to 5 days, so weeks add up in integers.
pub fn day_weight(in_week: u8) -> i128 {
    60 / i128::from(in_week.clamp(1, 5))
}

/// The weeks `days` cover, uncapped: each day is 1 / its week's school days.
pub fn raw_weeks(days: &[SchoolDay]) -> Exact {
    Exact::new(days.iter().map(|d| day_weight(d.in_week)).sum(), 60)
}

/// A term's school days, worked out once for every provision costed in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermDays {
    pub key: TermKey,
    pub range: DateRange,
    pub teaching_weeks: u32,
    pub days: Vec<SchoolDay>,
}

impl TermDays {
    pub fn of(start_year: i16, term: &Term) -> TermDays {
        TermDays {
            key: TermKey {
                start_year,
                term: term.name,
            },
            range: term.range(),
            teaching_weeks: term.teaching_weeks,
            days: term.school_days_list(&term.range()),
        }
    }

    /// The school days of the term in `r`.
    pub fn days_in(&self, r: &DateRange) -> &[SchoolDay] {
        let from = self.days.partition_point(|d| d.date < r.start);
        let to = self.days.partition_point(|d| d.date <= r.end);
        &self.days[from..to.max(from)]
    }

    /// The teaching weeks a provision running every school day of `run`
    /// counts in this term: its raw weeks, never more than the term's.
    pub fn weeks(&self, run: &DateRange) -> Exact {
        raw_weeks(self.days_in(run)).min(Exact::from_integer(i128::from(self.teaching_weeks)))
    }

    /// Of the weeks `run` counts in this term, those in `part`: pro rata to
    /// the days' weights, so the parts of a run add up to the run.
    pub fn weeks_within(&self, run: &DateRange, part: &DateRange) -> Exact {
        let raw = raw_weeks(self.days_in(run));
        if raw == Exact::from_integer(0) {
            return raw;
        }
        let inside = run
            .intersect(part)
            .map_or(Exact::from_integer(0), |r| raw_weeks(self.days_in(&r)));
        self.weeks(run) * inside / raw
    }
}

/// Every term the school has set up, with its school days, in date order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Calendar {
    pub terms: Vec<TermDays>,
}

impl Calendar {
    pub fn new(years: &[AcademicYear]) -> Calendar {
        let mut terms: Vec<TermDays> = years
            .iter()
            .flat_map(|y| y.terms.iter().map(|t| TermDays::of(y.start_year, t)))
            .collect();
        crate::domain::sort::by_key(&mut terms, |t| (t.range.start, t.key));
        Calendar { terms }
    }
}

impl Calendar {
    /// The school days in `r`, across terms, in date order.
    pub fn days_in<'a>(&'a self, r: &'a DateRange) -> impl Iterator<Item = &'a SchoolDay> + 'a {
        self.terms
            .iter()
            .filter(move |t| t.range.intersect(r).is_some())
            .flat_map(move |t| t.days_in(r).iter())
    }

    /// Whether `d` is a school day: a Monday-to-Friday day of a term set
    /// up, in no break.
    pub fn is_school_day(&self, d: Date) -> bool {
        self.term_of(d)
            .is_some_and(|t| t.days.binary_search_by(|x| x.date.cmp(&d)).is_ok())
    }

    /// The term whose dates hold `d`, if any.
    pub fn term_of(&self, d: Date) -> Option<&TermDays> {
        self.terms.iter().find(|t| t.range.contains(d))
    }

    /// The term holding `d`, else (in a holiday) the next term to start.
    pub fn term_at_or_after(&self, d: Date) -> Option<&TermDays> {
        self.term_of(d)
            .or_else(|| self.terms.iter().find(|t| t.range.start > d))
    }
}

/// The parts of `r` that fall in no academic year set up, in date order. A
/// year covers 1 September to 31 August (or its terms' dates, where they
/// reach further), so the summer holiday between two years set up is
/// covered and a provision running into a year not yet set up is not.
pub fn outside_years(years: &[AcademicYear], r: &DateRange) -> Vec<DateRange> {
    let mut covered: Vec<DateRange> = years
        .iter()
        .filter_map(|y| {
            let sep = Date::new(y.start_year, 9, 1).ok()?;
            let aug = Date::new(y.start_year.checked_add(1)?, 8, 31).ok()?;
            let (start, end) = match y.range() {
                Some(t) => (sep.min(t.start), aug.max(t.end)),
                None => (sep, aug),
            };
            Some(DateRange::new(start, end))
        })
        .collect();
    crate::domain::sort::by_key(&mut covered, |c| c.start);
    let mut out = Vec::new();
    let mut from = r.start;
    for c in covered {
        if from > r.end {
            break;
        }
        if c.end < from {
            continue;
        }
        if c.start > from {
            let to = c.start.yesterday().map_or(r.end, |d| d.min(r.end));
            out.push(DateRange::new(from, to));
        }
        match c.end.tomorrow() {
            Ok(next) => from = from.max(next),
            Err(_) => return out,
        }
    }
    if from <= r.end {
        out.push(DateRange::new(from, r.end));
    }
    out
}

/// The Monday of `d`'s week (`d` itself at the start of time).
pub fn monday_of(d: Date) -> Date {
    let back = i64::from(d.weekday().to_monday_zero_offset());
    d.checked_sub(jiff::Span::new().days(back)).unwrap_or(d)
}

/// "03/09/2025 to 19/12/2025".
impl fmt::Display for DateRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} to {}",
            self.start.strftime("%d/%m/%Y"),
            self.end.strftime("%d/%m/%Y")
        )
    }
}

/// Days from `a` to `b` (negative if `b` is earlier).
pub fn days_between(a: Date, b: Date) -> i64 {
    i64::from(
        a.until(b)
            .expect("civil dates are always within range")
            .get_days(),
    )
}

/// Monday-to-Friday days from `a` to `b`, both included (0 if `b` < `a`).
pub fn weekdays_between(a: Date, b: Date) -> i64 {
    if b < a {
        return 0;
    }
    let n = days_between(a, b) + 1;
    let mut count = n / 7 * 5;
    let mut wd = a.weekday();
    for _ in 0..n % 7 {
        if !matches!(wd, Weekday::Saturday | Weekday::Sunday) {
            count += 1;
        }
        wd = wd.next();
    }
    count
}

/// The three terms of an English school year.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum TermName {
    Autumn,
    Spring,
    Summer,
}

impl TermName {
    pub const ALL: [TermName; 3] = [TermName::Autumn, TermName::Spring, TermName::Summer];

    pub fn label(self) -> &'static str {
        match self {
            TermName::Autumn => "Autumn",
            TermName::Spring => "Spring",
            TermName::Summer => "Summer",
        }
    }
}

impl fmt::Display for TermName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// One term: its dates, its teaching weeks and its breaks (half term, INSET days).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Term {
    pub name: TermName,
    pub start: Date,
    pub end: Date,
    #[schemars(range(min = 1, max = 53))]
    pub teaching_weeks: u32,
    /// Days inside the term with no teaching; they carry no teaching weeks.
    #[serde(default)]
    #[schemars(length(max = 20))]
    pub breaks: Vec<DateRange>,
}

impl Term {
    pub fn range(&self) -> DateRange {
        DateRange::new(self.start, self.end)
    }

    /// School days in `range` that fall in this term: weekdays less breaks.
    pub fn school_days_in(&self, range: &DateRange) -> i64 {
        let Some(r) = self.range().intersect(range) else {
            return 0;
        };
        let off: i64 = self
            .breaks
            .iter()
            .filter_map(|b| b.intersect(&r))
            .map(|b| b.weekdays())
            .sum();
        (r.weekdays() - off).max(0)
    }

    /// School days in the whole term.
    pub fn school_days(&self) -> i64 {
        self.school_days_in(&self.range())
    }

    /// The school days of this term in `range`, each with the school days
    /// its Monday-to-Friday week has in the term, in date order.
    pub fn school_days_list(&self, range: &DateRange) -> Vec<SchoolDay> {
        let mut days: Vec<SchoolDay> = Vec::new();
        let term = self.range();
        if !term.is_valid() {
            return days;
        }
        // Every school day of the term (the weeks need the whole term),
        // then only those in `range` are kept.
        let mut d = term.start;
        while d <= term.end {
            let weekday = !matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday);
            if weekday && !self.breaks.iter().any(|b| b.contains(d)) {
                days.push(SchoolDay {
                    date: d,
                    in_week: 0,
                });
            }
            match d.tomorrow() {
                Ok(next) => d = next,
                Err(_) => break,
            }
        }
        let mut i = 0;
        while i < days.len() {
            let week = monday_of(days[i].date);
            let n = days[i..]
                .iter()
                .take_while(|x| monday_of(x.date) == week)
                .count();
            let in_week = u8::try_from(n).unwrap_or(5);
            for x in &mut days[i..i + n] {
                x.in_week = in_week;
            }
            i += n;
        }
        days.retain(|x| range.contains(x.date));
        days
    }

    /// This term's teaching weeks that a provision running every school day
    /// of `range` counts, exactly: each school day weighs 1 / its week's
    /// school days, and the term never counts more than its teaching weeks.
    pub fn weeks_in(&self, range: &DateRange) -> Exact {
        let raw = raw_weeks(&self.school_days_list(range));
        raw.min(Exact::from_integer(i128::from(self.teaching_weeks)))
    }

    fn validate_into(&self, p: &mut Problems<SettingsField>, field: SettingsField) {
        let what = self.name.label();
        if self.start > self.end {
            p.push(field, format!("The {what} term ends before it starts."));
            return;
        }
        let calendar_weeks = (days_between(self.start, self.end) + 1 + 6) / 7;
        if self.teaching_weeks == 0 {
            p.push(field, format!("The {what} term has no teaching weeks."));
        } else if i64::from(self.teaching_weeks) > calendar_weeks {
            p.push(
                field,
                format!(
                    "The {what} term has {} teaching weeks but its dates span only {calendar_weeks} weeks.",
                    self.teaching_weeks
                ),
            );
        }
        for b in &self.breaks {
            if !b.is_valid() {
                p.push(
                    field,
                    format!("A break in the {what} term ends before it starts."),
                );
            } else if !(self.range().contains(b.start) && self.range().contains(b.end)) {
                p.push(
                    field,
                    format!("A break in the {what} term falls outside the term's dates."),
                );
            }
        }
        if self.breaks.len() > super::limits::MAX_BREAKS {
            p.push(
                field,
                format!(
                    "The {what} term has {} breaks; at most {} are kept.",
                    self.breaks.len(),
                    super::limits::MAX_BREAKS
                ),
            );
            return;
        }
        let mut breaks: Vec<&DateRange> = self.breaks.iter().filter(|b| b.is_valid()).collect();
        crate::domain::sort::by_key(&mut breaks, |b| (b.start, b.end));
        for pair in breaks.windows(2) {
            if pair[0].intersect(pair[1]).is_some() {
                p.push(
                    field,
                    format!(
                        "Two breaks in the {what} term overlap: {} and {}.",
                        pair[0], pair[1]
                    ),
                );
            }
        }
        if self.school_days() == 0 {
            p.push(field, format!("The {what} term has no school days."));
        }
    }
}

/// An academic year (for example 2025-26) with its three terms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AcademicYear {
    pub id: Uuid,
    /// The calendar year the academic year starts in (2025 for 2025-26).
    #[schemars(range(min = 2000, max = 2100))]
    pub start_year: i16,
    pub terms: Vec<Term>,
}

impl AcademicYear {
    /// "2025-26".
    pub fn label(&self) -> String {
        year_label(self.start_year)
    }

    pub fn range(&self) -> Option<DateRange> {
        let start = self.terms.iter().map(|t| t.start).min()?;
        let end = self.terms.iter().map(|t| t.end).max()?;
        Some(DateRange::new(start, end))
    }

    pub fn term(&self, name: TermName) -> Option<&Term> {
        self.terms.iter().find(|t| t.name == name)
    }

    /// Teaching weeks of this year that `range` covers, exactly.
    pub fn weeks_in(&self, range: &DateRange) -> Exact {
        self.terms.iter().map(|t| t.weeks_in(range)).sum()
    }

    pub fn teaching_weeks(&self) -> u32 {
        self.terms.iter().map(|t| t.teaching_weeks).sum()
    }

    pub fn validate(&self) -> Problems<SettingsField> {
        let mut p = Problems::default();
        if !(super::limits::MIN_YEAR..=super::limits::MAX_YEAR).contains(&self.start_year) {
            p.push(
                SettingsField::StartYear,
                format!(
                    "An academic year must start from {} to {} (this one starts in {}).",
                    super::limits::MIN_YEAR,
                    super::limits::MAX_YEAR,
                    self.start_year
                ),
            );
            return p;
        }
        let names: Vec<TermName> = self.terms.iter().map(|t| t.name).collect();
        if names != TermName::ALL {
            p.push(
                SettingsField::Terms,
                "A year needs its autumn, spring and summer terms, in that order.",
            );
        }
        // Every term lies in its own academic year: 1 August to 31 August of
        // the next (a term dated years away would also take the costing
        // through every day between).
        let span = DateRange::new(
            Date::constant(self.start_year, 8, 1),
            Date::constant(self.start_year + 1, 8, 31),
        );
        for t in &self.terms {
            if t.start <= t.end && !(span.contains(t.start) && span.contains(t.end)) {
                p.push(
                    SettingsField::Terms,
                    format!(
                        "The {} term's dates fall outside {} ({span}).",
                        t.name.label(),
                        self.label()
                    ),
                );
                continue;
            }
            t.validate_into(&mut p, SettingsField::Terms);
        }
        for pair in self.terms.windows(2) {
            if pair[0].end >= pair[1].start {
                p.push(
                    SettingsField::Terms,
                    format!(
                        "The {} term must end before the {} term starts.",
                        pair[0].name.label(),
                        pair[1].name.label().to_lowercase()
                    ),
                );
            }
        }
        if let Some(first) = self.terms.first() {
            if first.start.year() != self.start_year {
                p.push(
                    SettingsField::StartYear,
                    format!(
                        "The year {} should start in {}.",
                        self.label(),
                        self.start_year
                    ),
                );
            }
        }
        p
    }

    /// The usual English pattern as a starting point a SENCO then edits:
    /// autumn 1 Sep - 20 Dec (14 weeks), spring 5 Jan - 31 Mar (12 weeks),
    /// summer 14 Apr - 21 Jul (12 weeks): 38 teaching weeks, 190 days.
    pub fn typical(start_year: i16) -> AcademicYear {
        let next = start_year + 1;
        let term = |name, s: Date, e: Date, w| Term {
            name,
            start: s,
            end: e,
            teaching_weeks: w,
            breaks: Vec::new(),
        };
        AcademicYear {
            id: Uuid::new_v4(),
            start_year,
            terms: vec![
                term(
                    TermName::Autumn,
                    Date::constant(start_year, 9, 1),
                    Date::constant(start_year, 12, 20),
                    14,
                ),
                term(
                    TermName::Spring,
                    Date::constant(next, 1, 5),
                    Date::constant(next, 3, 31),
                    12,
                ),
                term(
                    TermName::Summer,
                    Date::constant(next, 4, 14),
                    Date::constant(next, 7, 21),
                    12,
                ),
            ],
        }
    }
}

/// `d` as an en-GB date: `01/04/2026`.
pub fn gb(d: Date) -> String {
    d.strftime("%d/%m/%Y").to_string()
}

/// "2025-26": the academic year starting in `start_year`.
pub fn year_label(start_year: i16) -> String {
    format!("{start_year}-{:02}", (start_year + 1).rem_euclid(100))
}

/// "Autumn 2025-26".
pub fn term_label(start_year: i16, term: TermName) -> String {
    format!("{term} {}", year_label(start_year))
}

/// All the academic years the school has set up.
pub fn weeks_in(years: &[AcademicYear], range: &DateRange) -> Exact {
    years.iter().map(|y| y.weeks_in(range)).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn autumn_2025() -> Term {
        // Wed 3 Sep to Fri 19 Dec 2025, half term Mon 27 - Fri 31 Oct, and
        // the 14 teaching weeks the SENCO counts (the part first week of
        // Wed-Fri is not one of them).
        Term {
            name: TermName::Autumn,
            start: date(2025, 9, 3),
            end: date(2025, 12, 19),
            teaching_weeks: 14,
            breaks: vec![DateRange::new(date(2025, 10, 27), date(2025, 10, 31))],
        }
    }

    #[test]
    fn weekdays_are_counted_inclusive() {
        // Mon 1 Sep 2025 to Sun 7 Sep: 5 weekdays.
        assert_eq!(weekdays_between(date(2025, 9, 1), date(2025, 9, 7)), 5);
        // Sat to Sun: none.
        assert_eq!(weekdays_between(date(2025, 9, 6), date(2025, 9, 7)), 0);
        // One day, a Friday.
        assert_eq!(weekdays_between(date(2025, 9, 5), date(2025, 9, 5)), 1);
        assert_eq!(weekdays_between(date(2025, 9, 5), date(2025, 9, 4)), 0);
        // Wed 3 Sep to Fri 19 Dec 2025: 108 days = 15 weeks + 3 days
        // (Wed, Thu, Fri) -> 75 + 3 = 78.
        assert_eq!(weekdays_between(date(2025, 9, 3), date(2025, 12, 19)), 78);
        assert_eq!(days_between(date(2025, 9, 3), date(2025, 12, 19)), 107);
    }

    #[test]
    fn a_whole_term_gets_exactly_its_teaching_weeks() {
        let t = autumn_2025();
        // 78 weekdays less a 5-day half term.
        assert_eq!(t.school_days(), 73);
        // Weeks with school days: w/c 1 Sep (Wed-Fri, a part week), then
        // 8 Sep to 15 Dec less the half term: 15 weeks with 1 + 14 school
        // weeks; each counts once, 15, capped at the term's 14.
        assert_eq!(t.weeks_in(&t.range()), Exact::from_integer(14));
        // A longer range still gets just the term's weeks.
        let wide = DateRange::new(date(2025, 8, 1), date(2026, 1, 31));
        assert_eq!(t.weeks_in(&wide), Exact::from_integer(14));
    }

    #[test]
    fn weeks_are_counted_as_a_senco_counts_them() {
        let t = autumn_2025();
        let weeks = |a: Date, b: Date| t.weeks_in(&DateRange::new(a, b));
        // Mon 8 Sep to Fri 19 Dec: w/c 8, 15, 22, 29 Sep, 6, 13, 20 Oct,
        // 3, 10, 17, 24 Nov, 1, 8, 15 Dec = 14 full weeks (the pro-rata
        // rule gave 14 x 70 / 73 = 13.42).
        assert_eq!(
            weeks(date(2025, 9, 8), date(2025, 12, 19)),
            Exact::from_integer(14)
        );
        // Mon 8 Sep to Fri 24 Oct: w/c 8, 15, 22, 29 Sep, 6, 13, 20 Oct = 7.
        assert_eq!(
            weeks(date(2025, 9, 8), date(2025, 10, 24)),
            Exact::from_integer(7)
        );
        // Mon 3 Nov to Fri 19 Dec: w/c 3, 10, 17, 24 Nov, 1, 8, 15 Dec = 7.
        assert_eq!(
            weeks(date(2025, 11, 3), date(2025, 12, 19)),
            Exact::from_integer(7)
        );
        // Wed 3 Sep to Fri 24 Oct: the part week counts once (the provision
        // ran every school day of it) + 7 = 8.
        assert_eq!(
            weeks(date(2025, 9, 3), date(2025, 10, 24)),
            Exact::from_integer(8)
        );
        // Wed 10 Sep to Fri 12 Sep: 3 of that week's 5 school days, 3/5.
        assert_eq!(
            weeks(date(2025, 9, 10), date(2025, 9, 12)),
            Exact::new(3, 5)
        );
        // The half term itself carries no teaching weeks.
        let ht = DateRange::new(date(2025, 10, 25), date(2025, 11, 2));
        assert_eq!(t.weeks_in(&ht), Exact::from_integer(0));
        // Outside the term: nothing.
        let summer = DateRange::new(date(2025, 7, 1), date(2025, 8, 31));
        assert_eq!(t.weeks_in(&summer), Exact::from_integer(0));
    }

    #[test]
    fn the_default_calendar_counts_part_terms_in_whole_weeks() {
        // The typical autumn term: Mon 1 Sep to Sat 20 Dec 2025, no breaks,
        // 80 weekdays, 14 teaching weeks. The last 7 full weeks, Mon 3 Nov
        // to Fri 19 Dec, are 7 weeks (pro rata they were 14 x 35 / 80 = 6.125).
        let y = AcademicYear::typical(2025);
        let autumn = y.term(TermName::Autumn).unwrap();
        assert_eq!(autumn.school_days(), 80);
        let last7 = DateRange::new(date(2025, 11, 3), date(2025, 12, 19));
        assert_eq!(autumn.weeks_in(&last7), Exact::from_integer(7));
        // The whole term has 16 weeks with school days: never more than 14.
        assert_eq!(autumn.weeks_in(&autumn.range()), Exact::from_integer(14));
    }

    #[test]
    fn the_parts_of_a_run_add_up_to_the_run() {
        let cal = Calendar::new(&[AcademicYear {
            id: Uuid::nil(),
            start_year: 2025,
            terms: vec![autumn_2025()],
        }]);
        let t = &cal.terms[0];
        // The whole term: 15 weeks with school days counted as 14, so each
        // week's share is 14/15; 8 Sep - 24 Oct is 7 of the 15: 98/15.
        let run = t.range;
        let part = DateRange::new(date(2025, 9, 8), date(2025, 10, 24));
        assert_eq!(t.weeks_within(&run, &part), Exact::new(98, 15));
        let rest = DateRange::new(date(2025, 10, 25), date(2025, 12, 31));
        let first = DateRange::new(date(2025, 9, 1), date(2025, 9, 7));
        let sum = t.weeks_within(&run, &first)
            + t.weeks_within(&run, &part)
            + t.weeks_within(&run, &rest);
        assert_eq!(sum, Exact::from_integer(14));
        assert_eq!(t.weeks(&run), Exact::from_integer(14));
        assert_eq!(t.days_in(&part).len(), 35);
    }

    #[test]
    fn overlapping_breaks_and_years_are_refused() {
        let mut y = AcademicYear::typical(2025);
        // Half term 27-31 Oct and an INSET day 31 Oct: one day in both.
        y.terms[0].breaks = vec![
            DateRange::new(date(2025, 10, 31), date(2025, 10, 31)),
            DateRange::new(date(2025, 10, 27), date(2025, 10, 31)),
        ];
        let msgs: Vec<String> = y.validate().0.into_iter().map(|e| e.message).collect();
        assert_eq!(
            msgs,
            ["Two breaks in the Autumn term overlap: 27/10/2025 to 31/10/2025 and 31/10/2025 to 31/10/2025."]
        );
        // The day after is fine.
        y.terms[0].breaks[0] = DateRange::new(date(2025, 11, 3), date(2025, 11, 3));
        assert!(y.validate().is_empty());

        let mut s = crate::domain::settings::SchoolSettings::new(
            "Overlaps",
            2025,
            "2025-08-01T00:00:00Z".parse().unwrap(),
        );
        // 2026-27 set up to start on 1 Jul 2026, inside 2025-26's summer.
        let mut next = AcademicYear::typical(2026);
        next.terms[0].start = date(2026, 7, 1);
        s.years.push(next);
        let msgs: Vec<String> = s.validate().0.into_iter().map(|e| e.message).collect();
        assert!(
            msgs.contains(&"The academic years 2025-26 (01/09/2025 to 21/07/2026) and 2026-27 (01/07/2026 to 21/07/2027) overlap.".to_owned()),
            "{msgs:?}"
        );
    }

    #[test]
    fn dates_outside_every_year_set_up_are_found() {
        let years = [AcademicYear::typical(2025)];
        // 1 Sep 2025 - 31 Aug 2026 is covered; the rest is not.
        let r = DateRange::new(date(2025, 6, 1), date(2026, 10, 1));
        assert_eq!(
            outside_years(&years, &r),
            vec![
                DateRange::new(date(2025, 6, 1), date(2025, 8, 31)),
                DateRange::new(date(2026, 9, 1), date(2026, 10, 1)),
            ]
        );
        let inside = DateRange::new(date(2026, 7, 1), date(2026, 8, 31));
        assert!(outside_years(&years, &inside).is_empty());
        // Two years set up: the summer holiday between them is covered.
        let two = [AcademicYear::typical(2025), AcademicYear::typical(2026)];
        let across = DateRange::new(date(2026, 7, 1), date(2026, 9, 30));
        assert!(outside_years(&two, &across).is_empty());
        // No year set up: all of it.
        assert_eq!(outside_years(&[], &across), vec![across]);
    }

    #[test]
    fn the_typical_year_is_38_weeks_and_valid() {
        let y = AcademicYear::typical(2025);
        assert_eq!(y.label(), "2025-26");
        assert_eq!(y.teaching_weeks(), 38);
        assert!(y.validate().is_empty(), "{:?}", y.validate());
        let all = y.range().unwrap();
        assert_eq!(y.weeks_in(&all), Exact::from_integer(38));
        assert_eq!(
            weeks_in(std::slice::from_ref(&y), &all),
            Exact::from_integer(38)
        );
        assert_eq!(y.term(TermName::Spring).unwrap().teaching_weeks, 12);
        assert_eq!(AcademicYear::typical(2099).label(), "2099-00");
    }

    #[test]
    fn impossible_years_are_rejected_with_reasons() {
        let mut y = AcademicYear::typical(2025);
        y.terms[1].start = date(2025, 12, 1); // overlaps autumn
        y.terms[2].teaching_weeks = 30;
        y.terms[0]
            .breaks
            .push(DateRange::new(date(2026, 2, 1), date(2026, 2, 5)));
        let p = y.validate();
        let msgs: Vec<&str> = p.0.iter().map(|e| e.message.as_str()).collect();
        assert!(
            msgs.contains(&"The Autumn term must end before the spring term starts."),
            "{msgs:?}"
        );
        assert!(
            msgs.iter()
                .any(|m| m.contains("Summer term has 30 teaching weeks")),
            "{msgs:?}"
        );
        assert!(msgs.contains(&"A break in the Autumn term falls outside the term's dates."));

        let mut y = AcademicYear::typical(2025);
        y.terms.swap(0, 1);
        y.terms[0].end = date(2025, 1, 1);
        let p = y.validate();
        assert!(p.for_field(SettingsField::Terms).is_some());
        assert!(p
            .0
            .iter()
            .any(|e| e.message.contains("ends before it starts")));
        assert!(p.for_field(SettingsField::StartYear).is_some());

        let mut y = AcademicYear::typical(2025);
        y.terms[0].teaching_weeks = 0;
        y.terms[1]
            .breaks
            .push(DateRange::new(date(2026, 1, 9), date(2026, 1, 5)));
        let p = y.validate();
        assert!(p
            .0
            .iter()
            .any(|e| e.message == "The Autumn term has no teaching weeks."));
        assert!(p
            .0
            .iter()
            .any(|e| e.message == "A break in the Spring term ends before it starts."));
    }
}
