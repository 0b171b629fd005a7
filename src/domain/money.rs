//! Money in whole pence, and the one place where exact amounts are rounded.
//!
//! Costs are computed exactly, as fractions of a penny ([`Exact`]), and turned
//! into [`Money`] once, by [`round_pence`] (half away from zero). A total that
//! must be shared out (a provision's cost among its pupils, or among terms or
//! staff roles) is split with [`apportion`], the largest-remainder method, so
//! the shares always add up to the total to the penny.

use num_rational::Ratio;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Neg, Sub, SubAssign};
use std::str::FromStr;

/// An exact amount in pence, possibly a fraction of a penny.
pub type Exact = Ratio<i128>;

/// A whole number of pence. Stored and exported as an integer.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(transparent)]
#[schemars(inline)]
pub struct Money(pub i64);

impl Money {
    pub const ZERO: Money = Money(0);

    pub const fn pence(p: i64) -> Money {
        Money(p)
    }

    pub const fn pounds(p: i64) -> Money {
        Money(p * 100)
    }

    pub fn as_pence(self) -> i64 {
        self.0
    }

    pub fn exact(self) -> Exact {
        Exact::from_integer(i128::from(self.0))
    }

    pub fn is_negative(self) -> bool {
        self.0 < 0
    }

    /// Pounds and pence without the symbol or separators (`1234.56`), for CSV.
    pub fn plain(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let a = self.0.unsigned_abs();
        format!("{sign}{}.{:02}", a / 100, a % 100)
    }
}

/// `£1,234.56`, or `-£1,234.56`.
impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let a = self.0.unsigned_abs();
        let pounds = (a / 100).to_string();
        let mut grouped = String::with_capacity(pounds.len() + pounds.len() / 3);
        for (i, c) in pounds.chars().enumerate() {
            if i > 0 && (pounds.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(c);
        }
        write!(f, "{sign}£{grouped}.{:02}", a % 100)
    }
}

/// The text was not an amount of money.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("\"{0}\" is not an amount of money: write pounds and pence, like 1234.56 or £1,234.56")]
pub struct NotMoney(pub String);

/// Reads `1234.56`, `£1,234.56`, `1234`, `-£5.5`, `£0.05`. At most two decimal places.
impl FromStr for Money {
    type Err = NotMoney;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || NotMoney(s.to_owned());
        let t = s.trim();
        let (neg, t) = match t.strip_prefix('-') {
            Some(rest) => (true, rest.trim_start()),
            None => (false, t),
        };
        let t = t.strip_prefix('£').unwrap_or(t);
        let (whole, frac) = match t.split_once('.') {
            Some((w, f)) => (w, f),
            None => (t, ""),
        };
        // Thousands separators must be in the right places.
        let groups: Vec<&str> = whole.split(',').collect();
        if groups.len() > 1
            && (groups[0].is_empty()
                || groups[0].len() > 3
                || groups[1..].iter().any(|g| g.len() != 3))
        {
            return Err(bad());
        }
        let total = super::quantity::hundredths(&groups.concat(), frac).ok_or_else(bad)?;
        Ok(Money(if neg { -total } else { total }))
    }
}

impl Add for Money {
    type Output = Money;
    fn add(self, o: Money) -> Money {
        Money(self.0 + o.0)
    }
}

impl AddAssign for Money {
    fn add_assign(&mut self, o: Money) {
        self.0 += o.0;
    }
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, o: Money) -> Money {
        Money(self.0 - o.0)
    }
}

impl SubAssign for Money {
    fn sub_assign(&mut self, o: Money) {
        self.0 -= o.0;
    }
}

impl Neg for Money {
    type Output = Money;
    fn neg(self) -> Money {
        Money(-self.0)
    }
}

impl Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, Add::add)
    }
}

impl<'a> Sum<&'a Money> for Money {
    fn sum<I: Iterator<Item = &'a Money>>(iter: I) -> Money {
        iter.copied().sum()
    }
}

/// The one rounding step: an exact amount to whole pence, half away from zero.
pub fn round_pence(x: Exact) -> Money {
    let r = x.round().to_integer();
    // Every amount the app makes is far inside i64 pence, by the limits in
    // `domain::limits` (checked on entry and on import); one that were not
    // shows as the largest amount rather than stopping the app.
    Money(i64::try_from(r).unwrap_or(if r < 0 { i64::MIN } else { i64::MAX }))
}

/// Split `total` into shares proportional to `weights`, in whole pence, so
/// that the shares add up to `total` exactly (largest-remainder method: each
/// share is rounded down, and the pence left over go one each to the shares
/// with the largest fractional parts, earlier shares first on a tie).
///
/// Returns `None` when the weights add up to zero (nothing to share by) or
/// any weight is negative.
pub fn apportion(total: Money, weights: &[Exact]) -> Option<Vec<Money>> {
    let zero = Exact::from_integer(0);
    if weights.iter().any(|w| *w < zero) {
        return None;
    }
    let sum: Exact = weights.iter().sum();
    if sum == zero {
        return None;
    }
    let t = total.exact();
    let exact: Vec<Exact> = weights.iter().map(|w| t * w / sum).collect();
    let mut shares: Vec<i128> = exact.iter().map(|e| e.floor().to_integer()).collect();
    // What each share lost by rounding down (0 <= r < 1, also for negative totals).
    let lost: Vec<Exact> = exact
        .iter()
        .zip(&shares)
        .map(|(e, s)| e - Exact::from_integer(*s))
        .collect();
    let given: i128 = shares.iter().sum();
    let left = i128::from(total.0) - given;
    let mut order: Vec<usize> = (0..weights.len()).collect();
    crate::domain::sort::by(&mut order, |&a, &b| lost[b].cmp(&lost[a]).then(a.cmp(&b)));
    // Fewer pence are left over than there are shares (each lost < 1).
    for &i in order.iter().take(usize::try_from(left).unwrap_or(0)) {
        shares[i] += 1;
    }
    Some(
        shares
            .into_iter()
            .map(|s| Money(i64::try_from(s).unwrap_or(if s < 0 { i64::MIN } else { i64::MAX })))
            .collect(),
    )
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ex(n: i128, d: i128) -> Exact {
        Exact::new(n, d)
    }

    #[test]
    fn displays_as_pounds_with_separators() {
        assert_eq!(Money(0).to_string(), "£0.00");
        assert_eq!(Money(5).to_string(), "£0.05");
        assert_eq!(Money(123_456).to_string(), "£1,234.56");
        assert_eq!(Money(100_000_000).to_string(), "£1,000,000.00");
        assert_eq!(Money(-123_456).to_string(), "-£1,234.56");
        assert_eq!(Money(99_999).to_string(), "£999.99");
        assert_eq!(Money(-123_456).plain(), "-1234.56");
        assert_eq!(Money::pounds(6000).plain(), "6000.00");
    }

    #[test]
    fn parses_what_people_type() {
        for (s, p) in [
            ("1234.56", 123_456),
            ("£1,234.56", 123_456),
            (" £6,000 ", 600_000),
            ("0.5", 50),
            (".05", 5),
            ("-£5.50", -550),
            ("12", 1200),
        ] {
            assert_eq!(s.parse::<Money>(), Ok(Money(p)), "{s}");
        }
        for s in [
            "",
            "£",
            "1.234",
            "12,34",
            "1,2345",
            "abc",
            "£-5",
            "1e3",
            ",123",
            "99999999999999999999",
        ] {
            assert!(s.parse::<Money>().is_err(), "{s:?} accepted");
        }
    }

    #[test]
    fn arithmetic_and_sums() {
        let v = [Money(150), Money(250), Money(-100)];
        assert_eq!(v.iter().sum::<Money>(), Money(300));
        let mut m = Money(10);
        m += Money(5);
        m -= Money(3);
        assert_eq!(m, Money(12));
        assert_eq!(-m, Money(-12));
        assert_eq!(Money(5) - Money(7), Money(-2));
        assert!(Money(-1).is_negative());
    }

    #[test]
    fn rounding_is_half_away_from_zero() {
        assert_eq!(round_pence(ex(5, 2)), Money(3));
        assert_eq!(round_pence(ex(-5, 2)), Money(-3));
        assert_eq!(round_pence(ex(249, 100)), Money(2));
        assert_eq!(round_pence(ex(1, 3)), Money(0));
        assert_eq!(round_pence(ex(2, 3)), Money(1));
    }

    #[test]
    fn apportion_worked_example() {
        // £100.00 among three equal weights: 3333.33p each; one penny left over
        // goes to the first (all remainders tie).
        let w = [ex(1, 1), ex(1, 1), ex(1, 1)];
        assert_eq!(
            apportion(Money(10_000), &w).unwrap(),
            vec![Money(3334), Money(3333), Money(3333)]
        );
        // 10p by 1:2:3 -> 1.666, 3.333, 5 -> floors 1, 3, 5 (9); the 1p goes
        // to the largest remainder (0.666, the first).
        assert_eq!(
            apportion(Money(10), &[ex(1, 1), ex(2, 1), ex(3, 1)]).unwrap(),
            vec![Money(2), Money(3), Money(5)]
        );
        assert_eq!(apportion(Money(10), &[ex(0, 1), ex(0, 1)]), None);
        assert_eq!(apportion(Money(10), &[]), None);
        assert_eq!(apportion(Money(10), &[ex(-1, 1), ex(2, 1)]), None);
        assert_eq!(
            apportion(Money(7), &[ex(0, 1), ex(5, 1)]).unwrap(),
            vec![Money(0), Money(7)]
        );
    }

    proptest! {
        #[test]
        fn apportioned_shares_sum_to_the_total_and_stay_within_a_penny(
            total in -10_000_000i64..10_000_000,
            weights in proptest::collection::vec(0i64..10_000, 1..40),
        ) {
            let w: Vec<Exact> = weights.iter().map(|&x| Exact::from_integer(i128::from(x))).collect();
            let sum: i64 = weights.iter().sum();
            match apportion(Money(total), &w) {
                None => prop_assert_eq!(sum, 0),
                Some(shares) => {
                    prop_assert_eq!(shares.iter().sum::<Money>(), Money(total));
                    for (s, wi) in shares.iter().zip(&w) {
                        let exact = Money(total).exact() * wi / Exact::from_integer(i128::from(sum));
                        let d = s.exact() - exact;
                        let diff = if d < Exact::from_integer(0) { -d } else { d };
                        prop_assert!(diff < Exact::from_integer(1));
                    }
                }
            }
        }

        #[test]
        fn display_and_parse_round_trip(p in -1_000_000_000_000i64..1_000_000_000_000) {
            prop_assert_eq!(Money(p).to_string().parse::<Money>(), Ok(Money(p)));
            prop_assert_eq!(Money(p).plain().parse::<Money>(), Ok(Money(p)));
        }
    }
}
