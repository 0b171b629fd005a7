//! Dated pay: a role's rate changes on a date (a pay award), and pay scale
//! tables (support staff spine points, teachers' pay ranges) from which a
//! salary-based role takes its full-time salary by point.
//!
//! ```text
//! a role's rate on day d = the last of its changes from on or before d,
//!                          or its first rate before any change
//! a scale's salary at point P on day d
//!                        = P's salary in the scale's last version from on
//!                          or before d (none before its first version)
//! ```
//!
//! Support staff pay awards usually apply from April, teachers' from
//! September, so a provision's cost can use two rates in one academic year.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::money::Money;
use super::staff::RateBasis;

/// A role's rate from a date on: a pay award, or any change of rate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RateChange {
    /// The first day the rate applies.
    pub from: Date,
    pub rate: RateBasis,
}

/// What a pay scale is for.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ScaleKind {
    /// Support staff spine points (for example the NJC pay spine).
    SupportSpine,
    /// Teachers' pay ranges (main and upper pay range points).
    TeacherPay,
    #[default]
    Other,
}

impl ScaleKind {
    pub const ALL: [ScaleKind; 3] = [
        ScaleKind::SupportSpine,
        ScaleKind::TeacherPay,
        ScaleKind::Other,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ScaleKind::SupportSpine => "Support staff spine points",
            ScaleKind::TeacherPay => "Teachers' pay ranges",
            ScaleKind::Other => "Other pay scale",
        }
    }
}

/// One point of a pay scale and its full-time annual salary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PayPoint {
    /// The point's name as the scale gives it (for example `3` or `M1`).
    #[schemars(length(max = 20))]
    pub point: String,
    #[schemars(range(min = 1, max = 100000000))]
    pub salary: Money,
}

/// A pay scale's points from a date on (a year's pay award).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScaleVersion {
    /// The first day these salaries apply.
    pub from: Date,
    #[schemars(length(max = 100))]
    pub points: Vec<PayPoint>,
}

/// A pay scale table: dated, editable data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PayScale {
    pub id: Uuid,
    #[schemars(length(max = 80))]
    pub name: String,
    #[serde(default)]
    pub kind: ScaleKind,
    /// Its versions, each from a date.
    #[schemars(length(max = 50))]
    pub versions: Vec<ScaleVersion>,
}

/// A salary-based role's point on a pay scale: its full-time salary is the
/// point's salary in the version in force on each day costed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScalePoint {
    pub scale_id: Uuid,
    #[schemars(length(max = 20))]
    pub point: String,
}

impl PayScale {
    /// The version in force on `d`: the last one from on or before it.
    pub fn version_on(&self, d: Date) -> Option<&ScaleVersion> {
        self.versions
            .iter()
            .filter(|v| v.from <= d)
            .max_by_key(|v| v.from)
    }

    /// The full-time salary at `point` on `d`.
    pub fn salary_on(&self, point: &str, d: Date) -> Option<Money> {
        self.version_on(d)?
            .points
            .iter()
            .find(|p| p.point == point)
            .map(|p| p.salary)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn the_version_in_force_is_the_last_from_on_or_before_the_day() {
        // Two awards: £24,027 from 01/04/2025 and £24,796 from 01/04/2026
        // at point 3.
        let scale = PayScale {
            id: Uuid::nil(),
            name: "NJC spine".into(),
            kind: ScaleKind::SupportSpine,
            versions: vec![
                ScaleVersion {
                    from: date(2026, 4, 1),
                    points: vec![PayPoint {
                        point: "3".into(),
                        salary: Money::pounds(24_796),
                    }],
                },
                ScaleVersion {
                    from: date(2025, 4, 1),
                    points: vec![PayPoint {
                        point: "3".into(),
                        salary: Money::pounds(24_027),
                    }],
                },
            ],
        };
        assert_eq!(scale.salary_on("3", date(2025, 3, 31)), None);
        assert_eq!(
            scale.salary_on("3", date(2025, 4, 1)),
            Some(Money::pounds(24_027))
        );
        assert_eq!(
            scale.salary_on("3", date(2026, 3, 31)),
            Some(Money::pounds(24_027))
        );
        assert_eq!(
            scale.salary_on("3", date(2026, 4, 1)),
            Some(Money::pounds(24_796))
        );
        assert_eq!(scale.salary_on("4", date(2026, 4, 1)), None);
    }
}
