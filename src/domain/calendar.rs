//! Academic years, terms and the teaching weeks a date range covers.
//!
//! A term has start and end dates and the number of teaching weeks the school
//! counts in it (the figure a SENCO types, for example 14 for an autumn term
//! with a half-term break). Provisions are costed on teaching weeks, not
//! calendar weeks. When a date range covers only part of a term, it gets that
//! term's teaching weeks pro rata to the school days (Monday to Friday, less
//! the term's breaks) it covers: a provision running the whole term gets
//! exactly the term's teaching weeks.

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
    pub teaching_weeks: u32,
    /// Days inside the term with no teaching; they carry no teaching weeks.
    #[serde(default)]
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

    /// This term's teaching weeks that `range` covers, exactly: the whole
    /// term's teaching weeks pro rata to the school days covered.
    pub fn weeks_in(&self, range: &DateRange) -> Exact {
        let all = self.school_days();
        if all == 0 {
            return Exact::from_integer(0);
        }
        Exact::new(
            i128::from(self.teaching_weeks) * i128::from(self.school_days_in(range)),
            i128::from(all),
        )
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
        let names: Vec<TermName> = self.terms.iter().map(|t| t.name).collect();
        if names != TermName::ALL {
            p.push(
                SettingsField::Terms,
                "A year needs its autumn, spring and summer terms, in that order.",
            );
        }
        for t in &self.terms {
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
        // Wed 3 Sep to Fri 19 Dec 2025, half term Mon 27 - Fri 31 Oct.
        Term {
            name: TermName::Autumn,
            start: date(2025, 9, 3),
            end: date(2025, 12, 19),
            teaching_weeks: 15,
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
        assert_eq!(t.weeks_in(&t.range()), Exact::from_integer(15));
        // A longer range still gets just the term's weeks.
        let wide = DateRange::new(date(2025, 8, 1), date(2026, 1, 31));
        assert_eq!(t.weeks_in(&wide), Exact::from_integer(15));
    }

    #[test]
    fn part_of_a_term_gets_its_weeks_pro_rata_to_school_days() {
        let t = autumn_2025();
        // Mon 3 Nov to Fri 19 Dec: 7 weeks = 35 school days; 15 x 35 / 73.
        let r = DateRange::new(date(2025, 11, 3), date(2025, 12, 19));
        assert_eq!(t.school_days_in(&r), 35);
        assert_eq!(t.weeks_in(&r), Exact::new(15 * 35, 73));
        // The half term itself carries no teaching weeks.
        let ht = DateRange::new(date(2025, 10, 25), date(2025, 11, 2));
        assert_eq!(t.weeks_in(&ht), Exact::from_integer(0));
        // Outside the term: nothing.
        let summer = DateRange::new(date(2025, 7, 1), date(2025, 8, 31));
        assert_eq!(t.weeks_in(&summer), Exact::from_integer(0));
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
