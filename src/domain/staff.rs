//! Staff roles with their hourly cost, and the staff who deliver provision.
//!
//! A role's hourly rate is either typed in, or derived from a salary:
//!
//! ```text
//! paid salary   = FTE salary x contracted hours / FTE hours x paid weeks / 52 1/7
//! employer NI   = NI rate x (paid salary - NI threshold), not below zero
//! pension       = pension rate x paid salary
//! hourly rate   = (paid salary + employer NI + pension)
//!                 / (contact hours a week x weeks worked with pupils)
//! ```
//!
//! Pay follows the contracted hours; the rate divides by the contact hours
//! (the hours actually spent with pupils, at most the contracted hours), so
//! the cost of breaks, preparation and meetings is carried by the hours that
//! are spent with pupils.
//!
//! The derived rate is kept exact (a fraction of a penny) for costing; it is
//! shown rounded to the penny. Costs are rounded once, per provision.

use jiff::civil::Date;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::fields::{MemberField, RoleField};
use super::money::{round_pence, Exact, Money};
use super::pay::{PayScale, ScalePoint};
use super::quantity::Dec2;
use super::validation::{FieldName, Problems};

/// Weeks in a year: 365 / 7.
pub fn weeks_per_year() -> Exact {
    Exact::new(365, 7)
}

/// The inputs to derive an hourly rate from a salary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SalaryBasis {
    /// Full-time-equivalent annual salary.
    #[schemars(range(min = 1, max = 100000000))]
    pub fte_salary: Money,
    /// Hours a week of a full-time post (for example 37).
    pub fte_hours_per_week: Dec2,
    /// Hours a week this post is contracted (and paid) for (for example 32.5).
    pub contracted_hours_per_week: Dec2,
    /// Hours a week this post spends with pupils (contact hours), at most
    /// the contracted hours: what the hourly rate divides by. Records from
    /// before schema and format version 3 take the contracted hours.
    pub contact_hours_per_week: Dec2,
    /// Weeks a year the post is paid for (52.14 all year; about 43.57 term time).
    pub paid_weeks: Dec2,
    /// Weeks a year the post works with pupils (for example 38 or 39).
    pub working_weeks: Dec2,
    /// Employer national insurance, per cent (15 from April 2025).
    pub ni_rate_percent: Dec2,
    /// Annual secondary threshold above which employer NI is due (£5,000 from April 2025).
    #[schemars(range(min = 0, max = 100000000))]
    pub ni_threshold: Money,
    /// Employer pension contribution, per cent (28.68 Teachers' Pension; about 20 LGPS).
    pub pension_rate_percent: Dec2,
    /// The pay scale point the full-time salary is taken from, day by day
    /// (`fte_salary` then holds the point's salary when last saved); none
    /// before schema and format version 5.
    #[serde(default)]
    pub scale: Option<super::pay::ScalePoint>,
}

/// The annual cost of a post, broken down, from [`SalaryBasis::breakdown`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SalaryBreakdown {
    pub paid_salary: Exact,
    pub employer_ni: Exact,
    pub pension: Exact,
    pub annual_cost: Exact,
    pub hours_with_pupils: Exact,
    pub hourly: Exact,
}

impl SalaryBasis {
    /// Every step of the derivation, exact. `None` if the inputs are invalid.
    pub fn breakdown(&self) -> Option<SalaryBreakdown> {
        if !self.validate().is_empty() {
            return None;
        }
        let hundred = Exact::from_integer(100);
        let paid_salary = self.fte_salary.exact() * self.contracted_hours_per_week.exact()
            / self.fte_hours_per_week.exact()
            * self.paid_weeks.exact()
            / weeks_per_year();
        let above = (paid_salary - self.ni_threshold.exact()).max(Exact::from_integer(0));
        let employer_ni = above * self.ni_rate_percent.exact() / hundred;
        let pension = paid_salary * self.pension_rate_percent.exact() / hundred;
        let annual_cost = paid_salary + employer_ni + pension;
        let hours_with_pupils = self.contact_hours_per_week.exact() * self.working_weeks.exact();
        Some(SalaryBreakdown {
            paid_salary,
            employer_ni,
            pension,
            annual_cost,
            hours_with_pupils,
            hourly: annual_cost / hours_with_pupils,
        })
    }

    pub fn validate(&self) -> Problems<RoleField> {
        let mut p = Problems::default();
        if self.fte_salary <= Money::ZERO {
            p.push(
                RoleField::FteSalary,
                "Enter the full-time salary, more than £0.",
            );
        } else if self.fte_salary > super::limits::MAX_SALARY {
            p.push(
                RoleField::FteSalary,
                "The full-time salary is over £1,000,000: check the figure.",
            );
        }
        let hours = |p: &mut Problems<RoleField>, f: RoleField, v: Dec2, what: &str| {
            if !v.is_positive() || v > Dec2::whole(60) {
                p.push(f, format!("{what} must be more than 0 and at most 60."));
            }
        };
        hours(
            &mut p,
            RoleField::FteHoursPerWeek,
            self.fte_hours_per_week,
            "Full-time hours a week",
        );
        hours(
            &mut p,
            RoleField::ContractedHoursPerWeek,
            self.contracted_hours_per_week,
            "Contracted hours a week",
        );
        if self.contracted_hours_per_week > self.fte_hours_per_week
            && self.fte_hours_per_week.is_positive()
        {
            p.push(
                RoleField::ContractedHoursPerWeek,
                "Contracted hours cannot be more than full-time hours.",
            );
        }
        if !self.contact_hours_per_week.is_positive() {
            p.push(
                RoleField::ContactHoursPerWeek,
                "Hours a week with pupils must be more than 0.",
            );
        } else if self.contact_hours_per_week > self.contracted_hours_per_week
            && self.contracted_hours_per_week.is_positive()
        {
            p.push(
                RoleField::ContactHoursPerWeek,
                "Hours with pupils cannot be more than contracted hours.",
            );
        }
        let weeks = |p: &mut Problems<RoleField>, f: RoleField, v: Dec2, what: &str| {
            if !v.is_positive() || v > Dec2::hundredths(5215) {
                p.push(f, format!("{what} must be more than 0 and at most 52.15."));
            }
        };
        weeks(&mut p, RoleField::PaidWeeks, self.paid_weeks, "Paid weeks");
        weeks(
            &mut p,
            RoleField::WorkingWeeks,
            self.working_weeks,
            "Weeks worked with pupils",
        );
        let pct = |p: &mut Problems<RoleField>, f: RoleField, v: Dec2, what: &str| {
            if v.is_negative() || v > Dec2::whole(100) {
                p.push(f, format!("{what} must be between 0 and 100 per cent."));
            }
        };
        pct(
            &mut p,
            RoleField::NiRatePercent,
            self.ni_rate_percent,
            "Employer NI",
        );
        pct(
            &mut p,
            RoleField::PensionRatePercent,
            self.pension_rate_percent,
            "Employer pension",
        );
        if !super::limits::within(self.ni_threshold, super::limits::MAX_SALARY) {
            p.push(
                RoleField::NiThreshold,
                "The NI threshold must be from £0 to £1,000,000.",
            );
        }
        p
    }
}

/// How a role's hourly rate is set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "basis", rename_all = "snake_case")]
pub enum RateBasis {
    /// A rate the SENCO typed (for example from the LA's figures).
    Typed {
        #[schemars(range(min = 1, max = 100_000))]
        hourly: Money,
    },
    /// A rate derived from a salary.
    Salary(SalaryBasis),
    /// An LA's "cost per weekly hour per year" (for example £650 for one
    /// hour a week of TA time over 38 weeks): hourly = amount / weeks.
    LaWeeklyHour {
        #[schemars(range(min = 1, max = 10_000_000))]
        per_weekly_hour: Money,
        weeks: Dec2,
    },
}

/// What kind of staff a role is (EEF's advice on interventions led by
/// teaching assistants applies to [`RoleCategory::TeachingAssistant`]).
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum RoleCategory {
    TeachingAssistant,
    Teacher,
    Specialist,
    #[default]
    Other,
}

/// A staff role (TA, HLTA, teacher, SENCO, outside specialist) and its cost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StaffRole {
    pub id: Uuid,
    #[schemars(length(max = 60))]
    pub name: String,
    #[serde(default)]
    pub category: RoleCategory,
    pub rate: RateBasis,
    /// Changes of rate from a date on (pay awards), `rate` applying before
    /// the first; none before schema and format version 5.
    #[serde(default)]
    #[schemars(length(max = 50))]
    pub rate_changes: Vec<super::pay::RateChange>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

impl StaffRole {
    pub fn new(name: &str, category: RoleCategory, rate: RateBasis, now: Timestamp) -> StaffRole {
        StaffRole {
            id: Uuid::new_v4(),
            name: name.trim().to_owned(),
            category,
            rate,
            rate_changes: Vec::new(),
            created_at: now,
            updated_at: now,
        }
    }

    /// The exact hourly cost of `rate`, the rate before any dated change
    /// (a salary on a pay scale at the full-time salary last saved), or
    /// `None` if it is invalid. Costing never uses it: it uses
    /// [`StaffRole::hourly_on`], the rate in force on each day.
    pub fn hourly_exact(&self) -> Option<Exact> {
        self.rate.hourly()
    }

    /// [`StaffRole::hourly_exact`] rounded to the penny, for display.
    pub fn hourly_display(&self) -> Option<Money> {
        self.hourly_exact().map(round_pence)
    }

    /// The rate basis in force on `d`: `rate` before the first change,
    /// else the last change from on or before `d`.
    pub fn rate_on(&self, d: Date) -> &RateBasis {
        self.rate_changes
            .iter()
            .filter(|c| c.from <= d)
            .max_by_key(|c| c.from)
            .map_or(&self.rate, |c| &c.rate)
    }

    /// The exact hourly cost on `d`: the rate in force that day, a salary
    /// on a pay scale taking the point's salary in the scale's version in
    /// force that day (see the module comment for the derivation). A rate
    /// over [`super::limits::MAX_HOURLY`] is [`RateGap::Invalid`].
    pub fn hourly_result_on(&self, d: Date, scales: &[PayScale]) -> Result<Exact, RateGap> {
        let basis = self.rate_on(d);
        let hourly = match basis {
            RateBasis::Salary(s) => match &s.scale {
                Some(sp) => {
                    let scale = scales.iter().find(|x| x.id == sp.scale_id).ok_or(
                        RateGap::UnknownScale {
                            scale_id: sp.scale_id,
                        },
                    )?;
                    let salary =
                        scale
                            .salary_on(&sp.point, d)
                            .ok_or_else(|| RateGap::NoSalary {
                                scale: scale.name.clone(),
                                point: sp.point.clone(),
                            })?;
                    SalaryBasis {
                        fte_salary: salary,
                        ..s.clone()
                    }
                    .breakdown()
                    .map(|b| b.hourly)
                }
                None => basis.hourly(),
            },
            _ => basis.hourly(),
        };
        hourly
            .filter(|h| *h <= super::limits::MAX_HOURLY.exact())
            .ok_or(RateGap::Invalid)
    }

    /// The exact hourly cost on `d`, or `None` when it cannot be known
    /// ([`StaffRole::hourly_result_on`] says why).
    pub fn hourly_on(&self, d: Date, scales: &[PayScale]) -> Option<Exact> {
        self.hourly_result_on(d, scales).ok()
    }

    /// Every date on which the role's hourly cost may change, in order:
    /// its rate changes, and the `from` dates of the versions of each pay
    /// scale one of its rates takes a salary from.
    pub fn change_dates(&self, scales: &[PayScale]) -> Vec<Date> {
        let mut v: Vec<Date> = self.rate_changes.iter().map(|c| c.from).collect();
        for basis in std::iter::once(&self.rate).chain(self.rate_changes.iter().map(|c| &c.rate)) {
            if let RateBasis::Salary(SalaryBasis {
                scale: Some(sp), ..
            }) = basis
            {
                if let Some(scale) = scales.iter().find(|x| x.id == sp.scale_id) {
                    v.extend(scale.versions.iter().map(|x| x.from));
                }
            }
        }
        v.sort_unstable();
        v.dedup();
        v
    }

    /// The pay scales the role's rates take a salary from.
    pub fn scale_points(&self) -> impl Iterator<Item = &ScalePoint> {
        std::iter::once(&self.rate)
            .chain(self.rate_changes.iter().map(|c| &c.rate))
            .filter_map(|b| match b {
                RateBasis::Salary(s) => s.scale.as_ref(),
                _ => None,
            })
    }

    pub fn validate(&self) -> Problems<RoleField> {
        let mut p = Problems::default();
        super::validation::check_text(&mut p, RoleField::Name, "role name", &self.name, 60, true);
        for m in self.rate.problems() {
            p.push(RoleField::Rate, m);
        }
        if self.rate_changes.len() > super::limits::MAX_RATE_CHANGES {
            p.push(
                RoleField::RateChanges,
                format!(
                    "The role has {} rate changes; at most {} are kept.",
                    self.rate_changes.len(),
                    super::limits::MAX_RATE_CHANGES
                ),
            );
        }
        let mut dates: Vec<Date> = Vec::new();
        for c in &self.rate_changes {
            let day = c.from.strftime("%d/%m/%Y");
            if dates.contains(&c.from) {
                p.push(
                    RoleField::RateChanges,
                    format!("Two rate changes are dated {day}: keep one."),
                );
            }
            dates.push(c.from);
            if !super::limits::date_range().contains(c.from) {
                p.push(
                    RoleField::RateChanges,
                    format!("The rate change dated {day} is outside 2000 to 2101."),
                );
            }
            for m in c.rate.problems() {
                p.push(RoleField::RateChanges, format!("The rate from {day}: {m}"));
            }
        }
        p
    }
}

/// Why a role's hourly cost on a day cannot be known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RateGap {
    /// The rate's figures are incomplete or outside the limits.
    Invalid,
    /// The salary's pay scale is not in the settings.
    UnknownScale { scale_id: Uuid },
    /// The pay scale has no salary at the point on that day (no version in
    /// force yet, or the point is not in it).
    NoSalary { scale: String, point: String },
}

impl RateBasis {
    /// The exact hourly cost with the figures stored (a salary on a pay
    /// scale at the salary last saved), or `None` if they are invalid.
    pub fn hourly(&self) -> Option<Exact> {
        match self {
            RateBasis::Typed { hourly } => Some(hourly.exact()),
            RateBasis::Salary(s) => s.breakdown().map(|b| b.hourly),
            RateBasis::LaWeeklyHour {
                per_weekly_hour,
                weeks,
            } => (*per_weekly_hour > Money::ZERO && weeks.is_positive())
                .then(|| per_weekly_hour.exact() / weeks.exact()),
        }
    }

    /// What is wrong with the rate, each a sentence; empty when it is valid.
    pub fn problems(&self) -> Vec<String> {
        let mut p = Vec::new();
        match self {
            RateBasis::Typed { hourly } => {
                if *hourly <= Money::ZERO {
                    p.push("The hourly rate must be more than £0.".to_owned());
                } else if *hourly > Money::pounds(1000) {
                    p.push("The hourly rate is over £1,000: check the figure.".to_owned());
                }
            }
            RateBasis::Salary(s) => {
                for e in s.validate().0 {
                    p.push(format!("{} ({})", e.message, e.field.name()));
                }
            }
            RateBasis::LaWeeklyHour {
                per_weekly_hour,
                weeks,
            } => {
                if *per_weekly_hour <= Money::ZERO {
                    p.push("The LA rate per weekly hour must be more than £0.".to_owned());
                } else if *per_weekly_hour > super::limits::MAX_LA_WEEKLY_HOUR {
                    p.push(
                        "The LA rate per weekly hour is over £100,000: check the figure."
                            .to_owned(),
                    );
                }
                if *weeks < Dec2::hundredths(super::limits::MIN_LA_WEEKS_HUNDREDTHS)
                    || *weeks > Dec2::whole(52)
                {
                    p.push("The LA rate's weeks must be from 1 to 52.".to_owned());
                }
            }
        }
        // Whatever it is derived from, the hourly rate stays within the
        // limit a typed rate has (a salary over very few hours with pupils,
        // or an LA rate over very few weeks, could give any figure at all).
        if p.is_empty() && !matches!(self, RateBasis::Typed { .. }) {
            if let Some(h) = self.hourly() {
                if h > super::limits::MAX_HOURLY.exact() {
                    p.push(format!(
                        "These figures give {} an hour, over £1,000: check them.",
                        super::money::round_pence(h)
                    ));
                }
            }
        }
        p
    }
}

/// A member of staff who delivers provision (optional: roles alone are enough to cost).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StaffMember {
    pub id: Uuid,
    #[schemars(length(max = 100))]
    pub name: String,
    pub role_id: Uuid,
    /// Hours a week this person is available for provision.
    pub hours_available_per_week: Dec2,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

impl StaffMember {
    pub fn validate(&self) -> Problems<MemberField> {
        let mut p = Problems::default();
        super::validation::check_text(&mut p, MemberField::Name, "name", &self.name, 100, true);
        if self.hours_available_per_week.is_negative()
            || self.hours_available_per_week > Dec2::whole(60)
        {
            p.push(
                MemberField::HoursAvailablePerWeek,
                "Hours available must be between 0 and 60 a week.",
            );
        }
        p
    }
}

/// How a role's rate is being entered, in a form.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum RateKind {
    #[default]
    Typed,
    Salary,
    LaWeeklyHour,
}

/// What a person types to add or edit a staff role, before it is checked.
/// Money as pounds (`24,000` or `18.50`), the rest as decimals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleDraft {
    pub name: String,
    pub category: RoleCategory,
    pub kind: RateKind,
    pub hourly: String,
    pub fte_salary: String,
    pub fte_hours_per_week: String,
    pub contracted_hours_per_week: String,
    pub contact_hours_per_week: String,
    pub paid_weeks: String,
    pub working_weeks: String,
    pub ni_rate_percent: String,
    pub ni_threshold: String,
    pub pension_rate_percent: String,
    pub la_per_weekly_hour: String,
    pub la_weeks: String,
    /// With [`RateKind::Salary`], the pay scale point the full-time salary
    /// is taken from (`None` to type the salary); the point's name may be
    /// blank while it is being chosen.
    pub scale: Option<ScalePoint>,
}

impl Default for RoleDraft {
    /// Blank, with the usual figures for the salary and LA fields: 37-hour
    /// FTE, 52.14 paid weeks, 38 working weeks, NI 15% above £5,000 (from
    /// April 2025), LGPS pension about 20%, LA rates over 38 weeks.
    fn default() -> Self {
        RoleDraft {
            name: String::new(),
            category: RoleCategory::TeachingAssistant,
            kind: RateKind::Typed,
            hourly: String::new(),
            fte_salary: String::new(),
            fte_hours_per_week: "37".into(),
            contracted_hours_per_week: String::new(),
            contact_hours_per_week: String::new(),
            paid_weeks: "52.14".into(),
            working_weeks: "38".into(),
            ni_rate_percent: "15".into(),
            ni_threshold: "5,000.00".into(),
            pension_rate_percent: "20".into(),
            la_per_weekly_hour: String::new(),
            la_weeks: "38".into(),
            scale: None,
        }
    }
}

impl RoleDraft {
    /// The draft that edits `r` (its rate before any dated change; the
    /// changes are kept as they are by [`RoleDraft::apply`]).
    pub fn of(r: &StaffRole) -> RoleDraft {
        let mut d = RoleDraft {
            name: r.name.clone(),
            category: r.category,
            ..RoleDraft::default()
        };
        d.set_rate(&r.rate);
        d
    }

    /// The draft's rate fields set to `rate`'s figures.
    pub fn set_rate(&mut self, rate: &RateBasis) {
        let d = self;
        match rate {
            RateBasis::Typed { hourly } => {
                d.kind = RateKind::Typed;
                d.hourly = hourly.plain();
            }
            RateBasis::Salary(s) => {
                d.kind = RateKind::Salary;
                d.fte_salary = s.fte_salary.plain();
                d.fte_hours_per_week = s.fte_hours_per_week.to_string();
                d.contracted_hours_per_week = s.contracted_hours_per_week.to_string();
                d.contact_hours_per_week = s.contact_hours_per_week.to_string();
                d.paid_weeks = s.paid_weeks.to_string();
                d.working_weeks = s.working_weeks.to_string();
                d.ni_rate_percent = s.ni_rate_percent.to_string();
                d.ni_threshold = s.ni_threshold.plain();
                d.pension_rate_percent = s.pension_rate_percent.to_string();
                d.scale = s.scale.clone();
            }
            RateBasis::LaWeeklyHour {
                per_weekly_hour,
                weeks,
            } => {
                d.kind = RateKind::LaWeeklyHour;
                d.la_per_weekly_hour = per_weekly_hour.plain();
                d.la_weeks = weeks.to_string();
            }
        }
    }

    /// With a salary on a pay scale, the draft with its full-time salary
    /// filled in from the scale: the point's salary in the version in force
    /// on `on`, or, before the scale's first version with the point, that
    /// version's salary. Problems name [`RoleField::Scale`]: no scale or
    /// point chosen, a scale not in `scales`, a point in none of its versions.
    pub fn with_scale_salary(
        &self,
        scales: &[PayScale],
        on: Date,
    ) -> Result<RoleDraft, Problems<RoleField>> {
        let mut d = self.clone();
        let Some(sp) = self
            .scale
            .as_ref()
            .filter(|_| self.kind == RateKind::Salary)
        else {
            return Ok(d);
        };
        let mut p = Problems::default();
        match super::pay::scale_salary_for(sp, scales, on) {
            Ok(salary) => d.fte_salary = salary.plain(),
            Err(m) => p.push(RoleField::Scale, m),
        }
        p.into_result().map(|()| d)
    }

    /// The rate basis the draft describes, or every problem, by field.
    pub fn rate(&self) -> Result<RateBasis, Problems<RoleField>> {
        let mut p = Problems::default();
        let mut money = |field: RoleField, what: &str, text: &str| -> Money {
            text.parse::<Money>().unwrap_or_else(|_| {
                p.push(field, format!("Enter {what} in pounds, like 1,234.56."));
                Money::ZERO
            })
        };
        let basis = match self.kind {
            RateKind::Typed => RateBasis::Typed {
                hourly: money(RoleField::Hourly, "the hourly rate", &self.hourly),
            },
            RateKind::LaWeeklyHour => {
                let per_weekly_hour = money(
                    RoleField::LaPerWeeklyHour,
                    "the LA rate",
                    &self.la_per_weekly_hour,
                );
                let weeks = self.la_weeks.parse::<Dec2>().unwrap_or_else(|_| {
                    p.push(RoleField::LaWeeks, "Enter the weeks as a number, like 38.");
                    Dec2::ZERO
                });
                RateBasis::LaWeeklyHour {
                    per_weekly_hour,
                    weeks,
                }
            }
            RateKind::Salary => {
                let fte_salary = money(
                    RoleField::FteSalary,
                    "the full-time salary",
                    &self.fte_salary,
                );
                let ni_threshold = money(
                    RoleField::NiThreshold,
                    "the NI threshold",
                    &self.ni_threshold,
                );
                let mut number = |field: RoleField, text: &str| -> Dec2 {
                    text.parse::<Dec2>().unwrap_or_else(|_| {
                        p.push(field, "Enter a number, like 32.5.");
                        Dec2::ZERO
                    })
                };
                let s = SalaryBasis {
                    fte_salary,
                    fte_hours_per_week: number(
                        RoleField::FteHoursPerWeek,
                        &self.fte_hours_per_week,
                    ),
                    contracted_hours_per_week: number(
                        RoleField::ContractedHoursPerWeek,
                        &self.contracted_hours_per_week,
                    ),
                    contact_hours_per_week: number(
                        RoleField::ContactHoursPerWeek,
                        &self.contact_hours_per_week,
                    ),
                    paid_weeks: number(RoleField::PaidWeeks, &self.paid_weeks),
                    working_weeks: number(RoleField::WorkingWeeks, &self.working_weeks),
                    ni_rate_percent: number(RoleField::NiRatePercent, &self.ni_rate_percent),
                    ni_threshold,
                    pension_rate_percent: number(
                        RoleField::PensionRatePercent,
                        &self.pension_rate_percent,
                    ),
                    scale: self.scale.clone(),
                };
                if p.is_empty() {
                    p = s.validate();
                }
                RateBasis::Salary(s)
            }
        };
        p.into_result().map(|()| basis)
    }

    /// A new role, or every problem.
    pub fn create(&self, now: Timestamp) -> Result<StaffRole, Problems<RoleField>> {
        self.apply(
            &StaffRole::new(
                "",
                self.category,
                RateBasis::Typed {
                    hourly: Money::ZERO,
                },
                now,
            ),
            now,
        )
    }

    /// `r` changed as the draft says, or every problem.
    pub fn apply(&self, r: &StaffRole, now: Timestamp) -> Result<StaffRole, Problems<RoleField>> {
        let rate = self.rate();
        let role = StaffRole {
            name: self.name.trim().to_owned(),
            category: self.category,
            rate: rate
                .clone()
                .unwrap_or(RateBasis::Typed { hourly: Money(1) }),
            updated_at: now,
            ..r.clone()
        };
        let mut p = rate.err().unwrap_or_default();
        for e in role.validate().0 {
            if e.field != RoleField::Rate || p.is_empty() {
                p.0.push(e);
            }
        }
        p.into_result().map(|()| role)
    }
}

/// What a person types to add a member of staff.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MemberDraft {
    pub name: String,
    pub role_id: Option<Uuid>,
    /// Hours a week available for provision, like `27.5`.
    pub hours: String,
}

impl MemberDraft {
    /// A new member of staff, or every problem by field.
    pub fn create(&self, now: Timestamp) -> Result<StaffMember, Problems<MemberField>> {
        let mut p = Problems::default();
        let hours = self.hours.trim().parse::<Dec2>().unwrap_or_else(|_| {
            p.push(
                MemberField::HoursAvailablePerWeek,
                "Enter the hours a week as a number, like 27.5.",
            );
            Dec2::ZERO
        });
        if self.role_id.is_none() {
            p.push(MemberField::RoleId, "Choose the member's role.");
        }
        let m = StaffMember {
            id: Uuid::new_v4(),
            name: self.name.trim().to_owned(),
            role_id: self.role_id.unwrap_or_else(Uuid::nil),
            hours_available_per_week: hours,
            created_at: now,
            updated_at: now,
        };
        for e in m.validate().0 {
            if p.for_field(e.field).is_none() {
                p.0.push(e);
            }
        }
        p.into_result().map(|()| m)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> Timestamp {
        "2026-09-01T08:00:00Z".parse().unwrap()
    }

    /// A term-time teaching assistant.
    fn ta() -> SalaryBasis {
        SalaryBasis {
            fte_salary: Money::pounds(25_584),
            fte_hours_per_week: Dec2::whole(37),
            contracted_hours_per_week: Dec2::hundredths(3250),
            contact_hours_per_week: Dec2::hundredths(2750),
            paid_weeks: Dec2::hundredths(4357),
            working_weeks: Dec2::whole(39),
            ni_rate_percent: Dec2::whole(15),
            ni_threshold: Money::pounds(5_000),
            pension_rate_percent: Dec2::whole(20),
            scale: None,
        }
    }

    #[test]
    fn a_teaching_assistant_rate_from_salary_worked_example() {
        // paid salary = 25,584 x 32.5/37 x 43.57/(365/7)
        //             = 25,584 x 32.5 x 43.57 x 7 / (37 x 365)
        //             = 253,593,085.2 / 13,505 = £18,777.72 (18,777.718...)
        // employer NI = 15% x (18,777.718 - 5,000) = 15% x 13,777.718 = £2,066.66
        // pension     = 20% x 18,777.718 = £3,755.54
        // annual cost = 18,777.718 + 2,066.658 + 3,755.544 = £24,599.92
        // Paid for 32.5 contracted hours; 27.5 of them are with pupils (the
        // rest is breaks, preparation and meetings), over 39 weeks:
        // hours       = 27.5 x 39 = 1,072.5
        // hourly      = 24,599.920 / 1,072.5 = £22.94 (22.9370...)
        // (dividing by contracted hours, 32.5 x 39 = 1,267.5, gave £19.41)
        let b = ta().breakdown().unwrap();
        assert_eq!(
            b.paid_salary,
            Exact::new(2_558_400 * 3250 * 4357 * 7, 3700 * 100 * 365)
        );
        assert_eq!(round_pence(b.paid_salary), Money(1_877_772));
        assert_eq!(round_pence(b.employer_ni), Money(206_666));
        assert_eq!(round_pence(b.pension), Money(375_554));
        assert_eq!(round_pence(b.annual_cost), Money(2_459_992));
        assert_eq!(b.hours_with_pupils, Exact::new(107_250, 100));
        let role = StaffRole::new(
            "TA",
            RoleCategory::TeachingAssistant,
            RateBasis::Salary(ta()),
            now(),
        );
        assert_eq!(role.hourly_display(), Some(Money(2294)));
        assert!(role.validate().is_empty());
    }

    #[test]
    fn a_teacher_rate_with_teachers_pension_worked_example() {
        // Full-time teacher, paid all year, 28.68% pension, 1,265 directed
        // hours are not used here: we count hours with pupils, 25 a week x 38.
        // paid salary = 38,810 x 32.5/32.5 x 52.14/(365/7)
        //             = 38,810 x 52.14 x 7 / 365 = £38,807.87 (38,807.873...)
        // NI          = 15% x 33,807.873 = £5,071.18
        // pension     = 28.68% x 38,807.873 = £11,130.10
        // annual cost = £55,009.15 (55,009.1525...)
        // hours       = 25 with pupils x 38 weeks = 950
        // hourly      = 55,009.1525 / 950 = £57.90 (57.9044...)
        // (dividing by the 32.5 contracted hours, 1,235, gave £44.54)
        let t = SalaryBasis {
            fte_salary: Money::pounds(38_810),
            fte_hours_per_week: Dec2::hundredths(3250),
            contracted_hours_per_week: Dec2::hundredths(3250),
            contact_hours_per_week: Dec2::whole(25),
            paid_weeks: Dec2::hundredths(5214),
            working_weeks: Dec2::whole(38),
            ni_rate_percent: Dec2::whole(15),
            ni_threshold: Money::pounds(5_000),
            pension_rate_percent: Dec2::hundredths(2868),
            scale: None,
        };
        let b = t.breakdown().unwrap();
        assert_eq!(round_pence(b.paid_salary), Money(3_880_787));
        assert_eq!(round_pence(b.employer_ni), Money(507_118));
        assert_eq!(round_pence(b.pension), Money(1_113_010));
        assert_eq!(round_pence(b.annual_cost), Money(5_500_915));
        assert_eq!(b.hours_with_pupils, Exact::from_integer(950));
        assert_eq!(round_pence(b.hourly), Money(5790));
        // Pay follows contracted hours, so contact hours change only the rate.
        let all_contact = SalaryBasis {
            contact_hours_per_week: Dec2::hundredths(3250),
            ..t.clone()
        };
        let a = all_contact.breakdown().unwrap();
        assert_eq!(a.annual_cost, b.annual_cost);
        assert_eq!(round_pence(a.hourly), Money(4454));
    }

    #[test]
    fn below_the_ni_threshold_no_employer_ni_is_due() {
        let mut s = ta();
        s.contracted_hours_per_week = Dec2::whole(5);
        s.contact_hours_per_week = Dec2::whole(5);
        // paid salary = 25,584 x 5/37 x 43.57 x 7/365 = £2,888.88: under £5,000.
        let b = s.breakdown().unwrap();
        assert_eq!(b.employer_ni, Exact::from_integer(0));
        assert_eq!(round_pence(b.paid_salary), Money(288_888));
    }

    #[test]
    fn typed_rates_and_invalid_inputs() {
        let r = StaffRole::new(
            " HLTA ",
            RoleCategory::TeachingAssistant,
            RateBasis::Typed {
                hourly: Money(1850),
            },
            now(),
        );
        assert_eq!(r.name, "HLTA");
        assert_eq!(r.hourly_exact(), Some(Exact::from_integer(1850)));
        assert!(r.validate().is_empty());
        let r0 = StaffRole::new(
            "",
            RoleCategory::Other,
            RateBasis::Typed { hourly: Money(0) },
            now(),
        );
        let p = r0.validate();
        assert!(p.for_field(RoleField::Name).is_some());
        assert_eq!(
            p.for_field(RoleField::Rate),
            Some("The hourly rate must be more than £0.")
        );
        let big = StaffRole::new(
            "X",
            RoleCategory::Other,
            RateBasis::Typed {
                hourly: Money::pounds(2000),
            },
            now(),
        );
        assert!(big
            .validate()
            .for_field(RoleField::Rate)
            .unwrap()
            .contains("over £1,000"));

        let mut s = ta();
        s.contracted_hours_per_week = Dec2::whole(40);
        s.contact_hours_per_week = Dec2::ZERO;
        s.paid_weeks = Dec2::whole(60);
        s.ni_rate_percent = Dec2::whole(120);
        s.fte_salary = Money(0);
        s.working_weeks = Dec2::ZERO;
        s.pension_rate_percent = Dec2::whole(-1);
        s.ni_threshold = Money(-1);
        let p = s.validate();
        for f in [
            RoleField::ContractedHoursPerWeek,
            RoleField::ContactHoursPerWeek,
            RoleField::PaidWeeks,
            RoleField::NiRatePercent,
            RoleField::FteSalary,
            RoleField::WorkingWeeks,
            RoleField::PensionRatePercent,
            RoleField::NiThreshold,
        ] {
            assert!(p.for_field(f).is_some(), "{f:?} not reported: {p:?}");
        }
        assert!(s.breakdown().is_none());
        let role = StaffRole::new(
            "TA",
            RoleCategory::TeachingAssistant,
            RateBasis::Salary(s),
            now(),
        );
        assert_eq!(role.hourly_exact(), None);
        assert!(role.validate().for_field(RoleField::Rate).is_some());
    }

    #[test]
    fn an_la_rate_per_weekly_hour() {
        // £650 per weekly hour over 38 weeks: 650 / 38 = £17.105... -> £17.11 shown,
        // kept exact (65,000p / 38) for costing.
        let la = RateBasis::LaWeeklyHour {
            per_weekly_hour: Money::pounds(650),
            weeks: Dec2::whole(38),
        };
        let r = StaffRole::new("TA (LA rate)", RoleCategory::TeachingAssistant, la, now());
        assert_eq!(r.hourly_exact(), Some(Exact::new(65_000, 38)));
        assert_eq!(r.hourly_display(), Some(Money(1711)));
        assert!(r.validate().is_empty());
        let bad = RateBasis::LaWeeklyHour {
            per_weekly_hour: Money::ZERO,
            weeks: Dec2::ZERO,
        };
        let r = StaffRole::new("TA", RoleCategory::TeachingAssistant, bad, now());
        assert_eq!(r.hourly_exact(), None);
        assert_eq!(r.validate().0.len(), 2);
        let json = serde_json::to_string(&r.rate).unwrap();
        assert_eq!(
            json,
            r#"{"basis":"la_weekly_hour","per_weekly_hour":0,"weeks":"0"}"#
        );
    }

    #[test]
    fn member_drafts() {
        let role = Uuid::new_v4();
        let m = MemberDraft {
            name: " Mrs Patel ".into(),
            role_id: Some(role),
            hours: "27.5".into(),
        }
        .create(now())
        .unwrap();
        assert_eq!(
            (m.name.as_str(), m.role_id, m.hours_available_per_week),
            ("Mrs Patel", role, Dec2::hundredths(2750))
        );
        let p = MemberDraft {
            name: String::new(),
            role_id: None,
            hours: "lots".into(),
        }
        .create(now())
        .unwrap_err();
        assert_eq!(
            p.for_field(MemberField::HoursAvailablePerWeek),
            Some("Enter the hours a week as a number, like 27.5.")
        );
        assert_eq!(
            p.for_field(MemberField::RoleId),
            Some("Choose the member's role.")
        );
        assert_eq!(p.for_field(MemberField::Name), Some("Enter a name."));
        let p = MemberDraft {
            name: "X".into(),
            role_id: Some(role),
            hours: "61".into(),
        }
        .create(now())
        .unwrap_err();
        assert!(p.for_field(MemberField::HoursAvailablePerWeek).is_some());
    }

    #[test]
    fn staff_members_are_checked() {
        let m = StaffMember {
            id: Uuid::new_v4(),
            name: "Mrs Patel".into(),
            role_id: Uuid::new_v4(),
            hours_available_per_week: Dec2::whole(25),
            created_at: now(),
            updated_at: now(),
        };
        assert!(m.validate().is_empty());
        let bad = StaffMember {
            name: String::new(),
            hours_available_per_week: Dec2::whole(70),
            ..m
        };
        let p = bad.validate();
        assert!(p.for_field(MemberField::Name).is_some());
        assert!(p.for_field(MemberField::HoursAvailablePerWeek).is_some());
    }
}

#[cfg(test)]
mod draft_tests {
    use super::*;

    fn now() -> Timestamp {
        "2026-09-01T08:00:00Z".parse().unwrap()
    }

    #[test]
    fn drafts_of_each_basis_become_roles_and_back() {
        let typed = RoleDraft {
            name: "HLTA".into(),
            hourly: "£18.50".into(),
            ..RoleDraft::default()
        };
        let r = typed.create(now()).unwrap();
        assert_eq!(
            r.rate,
            RateBasis::Typed {
                hourly: Money(1850)
            }
        );
        assert_eq!(RoleDraft::of(&r).hourly, "18.50");

        let salary = RoleDraft {
            name: "TA".into(),
            kind: RateKind::Salary,
            fte_salary: "25,584".into(),
            contracted_hours_per_week: "32.5".into(),
            contact_hours_per_week: "27.5".into(),
            paid_weeks: "43.57".into(),
            working_weeks: "39".into(),
            ..RoleDraft::default()
        };
        let r = salary.create(now()).unwrap();
        // The worked example above: £22.94 an hour.
        assert_eq!(r.hourly_display(), Some(Money(2294)));
        let back = RoleDraft::of(&r);
        assert_eq!(back.fte_salary, "25584.00");
        assert_eq!(back.contact_hours_per_week, "27.5");
        assert_eq!(back.apply(&r, now()).unwrap(), r);

        let la = RoleDraft {
            name: "TA (LA)".into(),
            kind: RateKind::LaWeeklyHour,
            la_per_weekly_hour: "650".into(),
            ..RoleDraft::default()
        };
        let r = la.create(now()).unwrap();
        assert_eq!(r.hourly_display(), Some(Money(1711)));
        assert_eq!(RoleDraft::of(&r).la_weeks, "38");
    }

    #[test]
    fn bad_drafts_name_each_field() {
        let d = RoleDraft {
            hourly: "lots".into(),
            ..RoleDraft::default()
        };
        let p = d.create(now()).unwrap_err();
        assert_eq!(p.for_field(RoleField::Name), Some("Enter a role name."));
        assert_eq!(
            p.for_field(RoleField::Hourly),
            Some("Enter the hourly rate in pounds, like 1,234.56.")
        );
        assert_eq!(
            p.for_field(RoleField::Rate),
            None,
            "no second message about the same rate"
        );

        let d = RoleDraft {
            name: "TA".into(),
            kind: RateKind::Salary,
            fte_salary: "24000".into(),
            contracted_hours_per_week: "x".into(),
            ..RoleDraft::default()
        };
        assert_eq!(
            d.create(now())
                .unwrap_err()
                .for_field(RoleField::ContractedHoursPerWeek),
            Some("Enter a number, like 32.5.")
        );
        let d = RoleDraft {
            name: "TA".into(),
            kind: RateKind::Salary,
            fte_salary: "24000".into(),
            contracted_hours_per_week: "40".into(),
            contact_hours_per_week: "30".into(),
            ..RoleDraft::default()
        };
        assert_eq!(
            d.create(now())
                .unwrap_err()
                .for_field(RoleField::ContractedHoursPerWeek),
            Some("Contracted hours cannot be more than full-time hours.")
        );
        // Contact hours: a number, more than 0, at most the contracted hours.
        let contact = |text: &str| {
            RoleDraft {
                name: "TA".into(),
                kind: RateKind::Salary,
                fte_salary: "24000".into(),
                contracted_hours_per_week: "30".into(),
                contact_hours_per_week: text.into(),
                ..RoleDraft::default()
            }
            .create(now())
            .err()
            .and_then(|p| {
                p.for_field(RoleField::ContactHoursPerWeek)
                    .map(str::to_owned)
            })
        };
        assert_eq!(contact(""), Some("Enter a number, like 32.5.".into()));
        assert_eq!(
            contact("0"),
            Some("Hours a week with pupils must be more than 0.".into())
        );
        assert_eq!(
            contact("30.5"),
            Some("Hours with pupils cannot be more than contracted hours.".into())
        );
        assert_eq!(contact("30"), None);
        assert_eq!(contact("25"), None);
        let d = RoleDraft {
            name: "TA".into(),
            kind: RateKind::LaWeeklyHour,
            la_per_weekly_hour: "650".into(),
            la_weeks: "x".into(),
            ..RoleDraft::default()
        };
        assert_eq!(
            d.create(now()).unwrap_err().for_field(RoleField::LaWeeks),
            Some("Enter the weeks as a number, like 38.")
        );
        let d = RoleDraft {
            name: "TA".into(),
            hourly: "0".into(),
            ..RoleDraft::default()
        };
        assert_eq!(
            d.create(now()).unwrap_err().for_field(RoleField::Rate),
            Some("The hourly rate must be more than £0.")
        );
    }
}
