//! The range of every number Waymark keeps. Each is checked where it is
//! entered and where a file is imported (the records' `validate`), and
//! published in the JSON Schema (`#[schemars(range(...))]` on the field), so
//! no input, file or stored record can make a figure the app cannot hold.
//!
//! Why these ranges are enough, worked out at their edges:
//!
//! ```text
//! an hourly rate      <= £1,000 (typed, or derived from a salary or an LA rate)
//! a session           <= £1,000 x 480 minutes / 60 x 10 staff        = £80,000
//! a week              <= £80,000 x 35 sessions                         = £2.8 million
//! a year              <= £2.8 million x 52 weeks + £1 million fixed    < £150 million
//! a provision         <= 101 academic years (2000 to 2100)             < £15.2 billion
//!                      = 1.52e12 pence, far inside 2^53 (9.0e15): IndexedDB's and
//!                        JSON's numbers hold it exactly
//! every provision     <= a 40 MB file holds under 200,000 of them       < 3.1e17 pence
//!                        inside i64 (9.2e18), so totals cannot wrap
//! ```
//!
//! Stored amounts are far smaller still (a budget is at most £100 million,
//! 1e10 pence). The one rounding (`money::round_pence`) and the splits
//! (`money::apportion`) never panic even beyond these ranges: they show the
//! largest amount instead, a guard the ranges keep from ever being reached.

use super::money::Money;

/// An hourly rate, typed or derived: £1,000.
pub const MAX_HOURLY: Money = Money::pounds(1_000);
/// A full-time salary, and an NI threshold: £1,000,000 a year.
pub const MAX_SALARY: Money = Money::pounds(1_000_000);
/// An LA's cost per weekly hour per year: £100,000.
pub const MAX_LA_WEEKLY_HOUR: Money = Money::pounds(100_000);
/// An LA rate's weeks in a year: at least 1 (a rate over 0.01 weeks would
/// make an hourly rate a hundred times the figure), at most 52.
pub const MIN_LA_WEEKS_HUNDREDTHS: i64 = 100;
/// A provision's fixed and resource costs: £1,000,000.
pub const MAX_FIXED: Money = Money::pounds(1_000_000);
/// A figure per pupil a year (the element-2 threshold, an EHC plan's
/// top-up, PP+ agreed with the virtual school): £1,000,000.
pub const MAX_PER_PUPIL: Money = Money::pounds(1_000_000);
/// A funding rate per pupil (pupil premium and the like): £100,000.
pub const MAX_FUNDING_FIGURE: Money = Money::pounds(100_000);
/// A budget for one source and year: £100,000,000.
pub const MAX_BUDGET: Money = Money::pounds(100_000_000);
/// The academic years Waymark holds start from 2000 to 2100, and every
/// date it costs falls from 1 January 2000 to 31 December 2101.
pub const MIN_YEAR: i16 = 2000;
pub const MAX_YEAR: i16 = 2100;
/// Breaks (half terms, INSET days) in one term.
pub const MAX_BREAKS: usize = 20;
/// Academic years set up.
pub const MAX_YEARS: usize = 101;
/// Staff lines on one provision.
pub const MAX_STAFF_LINES: usize = 10;
/// Dated rate changes (pay awards) on one staff role.
pub const MAX_RATE_CHANGES: usize = 50;
/// Pay scales in the settings, versions of one scale, points in one version.
pub const MAX_PAY_SCALES: usize = 20;
pub const MAX_SCALE_VERSIONS: usize = 50;
pub const MAX_SCALE_POINTS: usize = 100;

/// The earliest and latest dates a provision or a place may have.
pub fn date_range() -> super::calendar::DateRange {
    super::calendar::DateRange::new(
        jiff::civil::Date::constant(MIN_YEAR, 1, 1),
        jiff::civil::Date::constant(MAX_YEAR + 1, 12, 31),
    )
}

/// `m` is from £0 to `max`.
pub fn within(m: Money, max: Money) -> bool {
    !m.is_negative() && m <= max
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_worked_bounds_hold() {
        // The largest session, week, year and provision, in pence, as the
        // module's table works them out.
        let session = MAX_HOURLY.as_pence() * 480 / 60 * 10;
        assert_eq!(session, 8_000_000);
        let year = session * 35 * 52 + MAX_FIXED.as_pence();
        assert!(year < 15_000_000_000, "{year}");
        let provision = i128::from(year) * 101;
        assert!(provision < 1 << 53);
        assert!(provision * 200_000 < i128::from(i64::MAX));
        assert!(MAX_BUDGET.as_pence() < 1 << 53);
    }
}
