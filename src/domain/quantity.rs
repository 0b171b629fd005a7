//! Decimal quantities with two places (hours, weeks, percentages, scores),
//! stored as whole hundredths so they are exact, and written as strings such
//! as `"43.57"` in exports so no reader turns them into floating point.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

use super::money::Exact;

/// A number with at most two decimal places, held as hundredths.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Dec2(pub i64);

impl Dec2 {
    pub const ZERO: Dec2 = Dec2(0);

    /// A whole number.
    pub const fn whole(n: i64) -> Dec2 {
        Dec2(n * 100)
    }

    /// `h` hundredths (`Dec2::hundredths(4357)` is 43.57).
    pub const fn hundredths(h: i64) -> Dec2 {
        Dec2(h)
    }

    /// `x` rounded to hundredths, half away from zero. (Every figure the
    /// app makes is far inside i64 hundredths, by the limits in
    /// `domain::limits`; one that were not would show as the largest, not
    /// stop the app.)
    pub fn from_exact(x: Exact) -> Dec2 {
        let r = (x * Exact::from_integer(100)).round().to_integer();
        Dec2(i64::try_from(r).unwrap_or(if r < 0 { i64::MIN } else { i64::MAX }))
    }

    pub fn exact(self) -> Exact {
        Exact::new(i128::from(self.0), 100)
    }

    pub fn is_positive(self) -> bool {
        self.0 > 0
    }

    pub fn is_negative(self) -> bool {
        self.0 < 0
    }
}

/// `43.57`, `38`, `0.5`, `-1.25`: no trailing zeros after the point.
impl fmt::Display for Dec2 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let a = self.0.unsigned_abs();
        match a % 100 {
            0 => write!(f, "{sign}{}", a / 100),
            r if r % 10 == 0 => write!(f, "{sign}{}.{}", a / 100, r / 10),
            r => write!(f, "{sign}{}.{r:02}", a / 100),
        }
    }
}

/// The text was not a number with at most two decimal places.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("\"{0}\" is not a number with at most two decimal places")]
pub struct NotDec2(pub String);

impl FromStr for Dec2 {
    type Err = NotDec2;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || NotDec2(s.to_owned());
        let t = s.trim();
        let (neg, t) = match t.strip_prefix('-') {
            Some(r) => (true, r),
            None => (false, t),
        };
        let (w, f) = t.split_once('.').unwrap_or((t, ""));
        let v = hundredths(w, f).ok_or_else(bad)?;
        Ok(Dec2(if neg { -v } else { v }))
    }
}

/// `whole.frac` as hundredths: both parts ASCII digits (either may be empty,
/// not both), at most two decimal places, no overflow. Shared with [`Money`]'s
/// parser, whose hundredths are pence.
///
/// [`Money`]: super::money::Money
pub(crate) fn hundredths(whole: &str, frac: &str) -> Option<i64> {
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (whole.is_empty() && frac.is_empty()) || frac.len() > 2 || !digits(whole) || !digits(frac) {
        return None;
    }
    let w: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let f: i64 = match frac.len() {
        0 => 0,
        1 => frac.parse::<i64>().ok()? * 10,
        _ => frac.parse().ok()?,
    };
    w.checked_mul(100)?.checked_add(f)
}

impl schemars::JsonSchema for Dec2 {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Decimal".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "A decimal with at most two places, as text (\"32.5\", \"-1.25\").",
            "pattern": "^-?[0-9]+(\\.[0-9]{1,2})?$"
        })
    }
}

impl Serialize for Dec2 {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Dec2 {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parses_and_prints_without_float() {
        assert_eq!("43.57".parse::<Dec2>(), Ok(Dec2(4357)));
        assert_eq!("38".parse::<Dec2>(), Ok(Dec2::whole(38)));
        assert_eq!("0.5".parse::<Dec2>(), Ok(Dec2(50)));
        assert_eq!(".25".parse::<Dec2>(), Ok(Dec2(25)));
        assert_eq!("-1.25".parse::<Dec2>(), Ok(Dec2(-125)));
        for bad in ["", ".", "1.234", "1,5", "x", "1e2", "--1"] {
            assert!(bad.parse::<Dec2>().is_err(), "{bad:?}");
        }
        assert_eq!(Dec2(4357).to_string(), "43.57");
        assert_eq!(Dec2(50).to_string(), "0.5");
        assert_eq!(Dec2(3800).to_string(), "38");
        assert_eq!(Dec2(-5).to_string(), "-0.05");
        assert_eq!(serde_json::to_string(&Dec2(2868)).unwrap(), "\"28.68\"");
        assert_eq!(
            serde_json::from_str::<Dec2>("\"28.68\"").unwrap(),
            Dec2(2868)
        );
        assert!(
            serde_json::from_str::<Dec2>("28.68").is_err(),
            "a JSON float is refused"
        );
        assert_eq!(Dec2(4357).exact(), Exact::new(4357, 100));
        assert_eq!(
            Dec2::from_exact(Exact::new(126_750, 100)).to_string(),
            "1267.5"
        );
        assert_eq!(Dec2::from_exact(Exact::new(1, 3)).to_string(), "0.33");
        assert!(Dec2(1).is_positive() && Dec2(-1).is_negative() && !Dec2::ZERO.is_positive());
    }

    proptest! {
        #[test]
        fn round_trips(v in -1_000_000_000i64..1_000_000_000) {
            prop_assert_eq!(Dec2(v).to_string().parse::<Dec2>(), Ok(Dec2(v)));
        }
    }
}
