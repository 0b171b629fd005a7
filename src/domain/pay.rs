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

use super::calendar::gb;
use super::calendar::DateRange;
use super::fields::{PayScaleField, RoleField};
use super::limits;
use super::money::{round_pence, Money};
use super::pupil::parse_date;
use super::staff::{RateBasis, RoleDraft, StaffRole};
use super::validation::{check_text, Problems};

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

/// The full-time salary a role on `sp` is saved with on `on`: the point's
/// salary in the version in force that day, or, before the first version
/// that has the point, that version's salary. A sentence saying what is
/// wrong when the scale is not in `scales`, no point is chosen, or the
/// point is in none of its versions.
pub fn scale_salary_for(sp: &ScalePoint, scales: &[PayScale], on: Date) -> Result<Money, String> {
    let scale = scales
        .iter()
        .find(|x| x.id == sp.scale_id)
        .ok_or_else(|| "Choose one of the pay scales in Settings.".to_owned())?;
    if sp.point.trim().is_empty() {
        return Err(format!("Choose a point on {}.", scale.name));
    }
    if let Some(m) = scale.salary_on(&sp.point, on) {
        return Ok(m);
    }
    let mut versions: Vec<&ScaleVersion> = scale.versions.iter().collect();
    crate::domain::sort::by_key(&mut versions, |v| v.from);
    versions
        .iter()
        .find_map(|v| v.points.iter().find(|p| p.point == sp.point))
        .map(|p| p.salary)
        .ok_or_else(|| missing_point(scale, &sp.point))
}

fn missing_point(scale: &PayScale, point: &str) -> String {
    format!(
        "Point {point} is in no version of the pay scale {}.",
        scale.name
    )
}

/// What is wrong with a role's reference to a pay scale point, across
/// records: the scale must be in the settings and the point in at least
/// one of its versions. `None` when it is sound.
pub fn scale_point_problem(sp: &ScalePoint, scales: &[PayScale]) -> Option<String> {
    let Some(scale) = scales.iter().find(|x| x.id == sp.scale_id) else {
        return Some("The pay scale the salary is taken from is not in the settings.".into());
    };
    let found = scale
        .versions
        .iter()
        .any(|v| v.points.iter().any(|p| p.point == sp.point));
    (!found).then(|| missing_point(scale, &sp.point))
}

impl PayScale {
    /// Every problem with the scale on its own, by field, each saying where.
    pub fn validate(&self) -> Problems<PayScaleField> {
        let mut p = Problems::default();
        check_text(
            &mut p,
            PayScaleField::Name,
            "scale name",
            &self.name,
            80,
            true,
        );
        if self.versions.len() > limits::MAX_SCALE_VERSIONS {
            p.push(
                PayScaleField::Versions,
                format!(
                    "The scale has {} versions; at most {} are kept.",
                    self.versions.len(),
                    limits::MAX_SCALE_VERSIONS
                ),
            );
        }
        let mut dates: Vec<Date> = Vec::new();
        for v in &self.versions {
            let day = gb(v.from);
            if dates.contains(&v.from) {
                p.push(
                    PayScaleField::From,
                    format!("Two versions start on {day}: keep one."),
                );
            }
            dates.push(v.from);
            if !limits::date_range().contains(v.from) {
                p.push(
                    PayScaleField::From,
                    format!("The version from {day} is outside 2000 to 2101."),
                );
            }
            for m in v.problems() {
                p.push(
                    PayScaleField::Points,
                    format!("The version from {day}: {m}"),
                );
            }
        }
        p
    }
}

impl ScaleVersion {
    /// What is wrong with the version's points, each a sentence naming the
    /// point; empty when they are sound.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.points.is_empty() {
            out.push("Give at least one point and its salary.".to_owned());
        }
        if self.points.len() > limits::MAX_SCALE_POINTS {
            out.push(format!(
                "It has {} points; at most {} are kept.",
                self.points.len(),
                limits::MAX_SCALE_POINTS
            ));
        }
        let mut names: Vec<&str> = Vec::new();
        for (i, x) in self.points.iter().enumerate() {
            let name = x.point.trim();
            if name.is_empty() {
                out.push(format!(
                    "Row {}: give the point a name, like 3 or M1.",
                    i + 1
                ));
            } else if name.chars().count() > 20 {
                out.push(format!(
                    "Row {}: a point's name is at most 20 characters.",
                    i + 1
                ));
            } else if names.contains(&name) {
                out.push(format!("Point {name} is given twice."));
            }
            names.push(name);
            if x.salary <= Money::ZERO {
                out.push(format!("Point {name}: the salary must be more than £0."));
            } else if x.salary > limits::MAX_SALARY {
                out.push(format!(
                    "Point {name}: the salary is over £1,000,000: check the figure."
                ));
            }
        }
        out
    }
}

/// What a person types to add or edit a pay scale's name and kind.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PayScaleDraft {
    pub name: String,
    pub kind: ScaleKind,
}

impl PayScaleDraft {
    pub fn of(s: &PayScale) -> PayScaleDraft {
        PayScaleDraft {
            name: s.name.clone(),
            kind: s.kind,
        }
    }
}

/// One row of a version's points as typed: the point's name and its
/// full-time salary in pounds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PointDraft {
    pub point: String,
    pub salary: String,
}

/// What a person types to add or edit a version of a pay scale: the date
/// its salaries apply from (`2026-04-01` from a date input, or
/// `01/04/2026`) and its points. Rows left wholly blank are ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScaleVersionDraft {
    pub from: String,
    pub points: Vec<PointDraft>,
}

impl ScaleVersionDraft {
    pub fn of(v: &ScaleVersion) -> ScaleVersionDraft {
        ScaleVersionDraft {
            from: v.from.to_string(),
            points: v
                .points
                .iter()
                .map(|x| PointDraft {
                    point: x.point.clone(),
                    salary: x.salary.plain(),
                })
                .collect(),
        }
    }

    /// A new version's draft: the points of `latest` (the version before
    /// it, if any) with their salaries, to raise by the award.
    pub fn next_after(latest: Option<&ScaleVersion>) -> ScaleVersionDraft {
        match latest {
            Some(v) => ScaleVersionDraft {
                from: String::new(),
                ..ScaleVersionDraft::of(v)
            },
            None => ScaleVersionDraft {
                from: String::new(),
                points: vec![PointDraft::default()],
            },
        }
    }

    /// The version, or every problem by field.
    pub fn build(&self) -> Result<ScaleVersion, Problems<PayScaleField>> {
        let mut p = Problems::default();
        let from = parse_date(&self.from);
        if from.is_none() {
            p.push(
                PayScaleField::From,
                "Enter the date the salaries apply from, like 01/04/2026.",
            );
        }
        let mut points = Vec::new();
        for (i, row) in self.points.iter().enumerate() {
            if row.point.trim().is_empty() && row.salary.trim().is_empty() {
                continue;
            }
            match row.salary.parse::<Money>() {
                Ok(salary) => points.push(PayPoint {
                    point: row.point.trim().to_owned(),
                    salary,
                }),
                Err(_) => p.push(
                    PayScaleField::Points,
                    format!("Row {}: enter the salary in pounds, like 24,413.", i + 1),
                ),
            }
        }
        let v = ScaleVersion {
            from: from.unwrap_or(Date::constant(2000, 1, 1)),
            points,
        };
        if p.is_empty() {
            for m in v.problems() {
                p.push(PayScaleField::Points, m);
            }
        }
        p.into_result().map(|()| v)
    }
}

/// What a person types to add or edit a role's rate from a date: the date
/// (`2026-04-01` from a date input, or `01/04/2026`) and the rate, in the
/// rate fields of a [`RoleDraft`] (its name and kind of role are unused).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RateChangeDraft {
    pub from: String,
    pub rate: RoleDraft,
}

impl RateChangeDraft {
    pub fn of(c: &RateChange) -> RateChangeDraft {
        let mut rate = RoleDraft::default();
        rate.set_rate(&c.rate);
        RateChangeDraft {
            from: c.from.to_string(),
            rate,
        }
    }

    /// A new change's draft for `role`: its latest rate's figures, to edit.
    pub fn for_role(role: &StaffRole) -> RateChangeDraft {
        let latest = role
            .rate_changes
            .iter()
            .max_by_key(|c| c.from)
            .map_or(&role.rate, |c| &c.rate);
        let mut rate = RoleDraft::default();
        rate.set_rate(latest);
        RateChangeDraft {
            from: String::new(),
            rate,
        }
    }

    /// The change, or every problem by field. A salary on a pay scale is
    /// saved with the point's salary on the change's date
    /// ([`RoleDraft::with_scale_salary`]).
    pub fn build(&self, scales: &[PayScale]) -> Result<RateChange, Problems<RoleField>> {
        let mut p = Problems::default();
        let from = parse_date(&self.from);
        if from.is_none() {
            p.push(
                RoleField::ChangeFrom,
                "Enter the date the rate applies from, like 01/04/2026.",
            );
        }
        let on = from.unwrap_or(Date::constant(2000, 1, 1));
        let rate = self
            .rate
            .with_scale_salary(scales, on)
            .and_then(|d| d.rate());
        match rate {
            Err(q) => {
                p.0.extend(q.0);
                Err(p)
            }
            Ok(rate) => {
                for m in rate.problems() {
                    p.push(RoleField::Rate, m);
                }
                p.into_result().map(|()| RateChange { from: on, rate })
            }
        }
    }
}

/// A role's hourly cost from a date on, as a view shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateStep {
    /// The first day of the step; `None` for the rate before any change.
    pub from: Option<Date>,
    /// The hourly cost, rounded to the penny; `None` when it cannot be
    /// known that day (a pay scale with no salary for the point yet).
    pub hourly: Option<Money>,
}

/// Every step of `role`'s hourly cost, in date order: the rate before its
/// first change, then each date on which the hourly cost changes.
pub fn rate_steps(role: &StaffRole, scales: &[PayScale]) -> Vec<RateStep> {
    let dates = role.change_dates(scales);
    let before = dates
        .first()
        .and_then(|d| d.yesterday().ok())
        .unwrap_or(Date::constant(2000, 1, 1));
    let mut out = vec![RateStep {
        from: None,
        hourly: role.hourly_on(before, scales).map(round_pence),
    }];
    for d in dates {
        let hourly = role.hourly_on(d, scales).map(round_pence);
        if out.last().is_some_and(|s| s.hourly != hourly) {
            out.push(RateStep {
                from: Some(d),
                hourly,
            });
        }
    }
    out
}

/// What a role's rate line says beside the rate in force `today`: each
/// change of its hourly cost dated after today, or within `year` (the year
/// in view), in words. `None` when there is none.
pub fn rate_note(
    role: &StaffRole,
    scales: &[PayScale],
    today: Date,
    year: Option<DateRange>,
) -> Option<String> {
    let steps = rate_steps(role, scales);
    let shown = |h: Option<Money>| h.map_or("no rate".to_owned(), |m| format!("{m} an hour"));
    let words: Vec<String> = steps
        .windows(2)
        .filter_map(|w| {
            let d = w[1].from?;
            let relevant = d > today || year.is_some_and(|y| y.contains(d));
            relevant.then(|| {
                let verb = if d > today { "changes" } else { "changed" };
                format!(
                    "Rate {verb} on {}: {} before, {} from then.",
                    gb(d),
                    shown(w[0].hourly),
                    shown(w[1].hourly)
                )
            })
        })
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// When the salary at `sp` next changes after `today`: the date and the
/// new salary. `None` when no later version changes it.
pub fn next_salary_change(
    sp: &ScalePoint,
    scales: &[PayScale],
    today: Date,
) -> Option<(Date, Option<Money>)> {
    let scale = scales.iter().find(|x| x.id == sp.scale_id)?;
    let now = scale.salary_on(&sp.point, today);
    let mut later: Vec<Date> = scale
        .versions
        .iter()
        .map(|v| v.from)
        .filter(|d| *d > today)
        .collect();
    later.sort_unstable();
    later.into_iter().find_map(|d| {
        let s = scale.salary_on(&sp.point, d);
        (s != now).then_some((d, s))
    })
}

/// A rate basis in words, for a list of rates: `Typed: £21.00 an hour`,
/// `Salary £25,145.00 full time`, `Salary from NJC spine, point 3`,
/// `LA rate £650.00 per weekly hour over 38 weeks`.
pub fn rate_words(b: &RateBasis, scales: &[PayScale]) -> String {
    match b {
        RateBasis::Typed { hourly } => format!("Typed: {hourly} an hour"),
        RateBasis::Salary(s) => match &s.scale {
            Some(sp) => {
                let name = scales
                    .iter()
                    .find(|x| x.id == sp.scale_id)
                    .map_or("a pay scale not set up", |x| x.name.as_str());
                format!("Salary from {name}, point {}", sp.point)
            }
            None => format!("Salary {} full time", s.fte_salary),
        },
        RateBasis::LaWeeklyHour {
            per_weekly_hour,
            weeks,
        } => format!("LA rate {per_weekly_hour} per weekly hour over {weeks} weeks"),
    }
}

/// The salary at `sp` in force on `today`, and when it next changes, in
/// words, for the form that chooses the point.
pub fn scale_salary_words(sp: &ScalePoint, scales: &[PayScale], today: Date) -> Option<String> {
    let scale = scales.iter().find(|x| x.id == sp.scale_id)?;
    if sp.point.trim().is_empty() {
        return None;
    }
    let now = match (scale.version_on(today), scale.salary_on(&sp.point, today)) {
        (Some(v), Some(m)) => format!(
            "Full-time salary in force today: {m} (from {}).",
            gb(v.from)
        ),
        _ => format!("Point {} has no salary in force today.", sp.point),
    };
    let next = match next_salary_change(sp, scales, today) {
        Some((d, Some(m))) => format!(" It changes to {m} on {}.", gb(d)),
        Some((d, None)) => format!(" The version from {} has no point {}.", gb(d), sp.point),
        None => " No later change is set up.".to_owned(),
    };
    Some(now + &next)
}

/// The points of a scale as a form offers them: each point's name once, in
/// the order of its latest version, then any only older versions have.
pub fn scale_point_names(scale: &PayScale) -> Vec<String> {
    let mut versions: Vec<&ScaleVersion> = scale.versions.iter().collect();
    crate::domain::sort::by_key(&mut versions, |v| std::cmp::Reverse(v.from));
    let mut out: Vec<String> = Vec::new();
    for v in versions {
        for p in &v.points {
            if !out.contains(&p.point) {
                out.push(p.point.clone());
            }
        }
    }
    out
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
