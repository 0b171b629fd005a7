//! The school's settings: its years and terms, budgets, thresholds, tiers,
//! ratio-gain bands and dated funding figures. Every figure is editable.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::budget_year::BudgetPeriod;
use super::calendar::{AcademicYear, DateRange};
use super::fields::SettingsField;
use super::money::Money;
use super::provision::FundingSource;
use super::pupil::YearGroup;
use super::quantity::Dec2;
use super::validation::{check_text, Problems};

/// A tier (wave) of provision. Tiers are data: a school can rename them or
/// use the 2026 white paper's Universal / Targeted / Targeted Plus / Specialist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Tier {
    /// A stable key provisions refer to (for example `wave-2`).
    pub id: String,
    pub name: String,
}

/// A ratio-gain band: ratio gains from `min` up to the next band's `min`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RatioBand {
    pub min: Dec2,
    pub name: String,
    /// Whether a gain in this band counts as educationally significant
    /// (the "modest" band and above, in Brooks's scheme).
    pub significant: bool,
}

/// Which year a school budgets by: maintained schools by the financial
/// year (April to March), academies by the academic year (September to
/// August).
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
#[serde(rename_all = "snake_case")]
pub enum BudgetYear {
    /// September to August (the academic year the terms are set up in).
    #[default]
    Academic,
    /// 1 April to 31 March.
    Financial,
}

/// A budget for one funding source in one budget year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Budget {
    /// The calendar year the budget year starts in (September for an
    /// academic year, April for a financial year).
    #[schemars(range(min = 2000, max = 2100))]
    pub start_year: i16,
    /// Which kind of year it is for (academic before schema and format
    /// version 5).
    #[serde(default)]
    pub year: BudgetYear,
    pub source: FundingSource,
    #[schemars(range(min = 0, max = 10_000_000_000_i64))]
    pub amount: Money,
}

/// Which national funding figure a [`FundingFigure`] gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FundingKind {
    PupilPremiumPrimary,
    PupilPremiumSecondary,
    PupilPremiumPlus,
    ServicePremium,
}

impl FundingKind {
    pub const ALL: [FundingKind; 4] = [
        FundingKind::PupilPremiumPrimary,
        FundingKind::PupilPremiumSecondary,
        FundingKind::PupilPremiumPlus,
        FundingKind::ServicePremium,
    ];

    pub fn label(self) -> &'static str {
        match self {
            FundingKind::PupilPremiumPrimary => "Pupil premium (primary)",
            FundingKind::PupilPremiumSecondary => "Pupil premium (secondary)",
            FundingKind::PupilPremiumPlus => "Pupil premium plus (LAC and PLAC)",
            FundingKind::ServicePremium => "Service pupil premium",
        }
    }
}

/// A funding figure per pupil, dated with the academic year it applies to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FundingFigure {
    pub kind: FundingKind,
    #[schemars(range(min = 2000, max = 2100))]
    pub start_year: i16,
    #[schemars(range(min = 0, max = 10000000))]
    pub amount: Money,
}

/// The pupil premium plus the school agreed with the virtual school head
/// for one academic year. The PP+ of looked-after children (LAC) is held by
/// the virtual school head, who passes some to the school by agreement
/// (often through the PEP); only this agreed amount is the school's to
/// spend, and it counts toward the school's PP+ budget.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PpPlusAgreement {
    /// The calendar year the academic year starts in.
    #[schemars(range(min = 2000, max = 2100))]
    pub start_year: i16,
    #[schemars(range(min = 0, max = 100000000))]
    pub amount: Money,
}

/// The school's settings: one record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SchoolSettings {
    pub id: Uuid,
    #[schemars(length(max = 120))]
    pub school_name: String,
    #[schemars(length(max = 101))]
    pub years: Vec<AcademicYear>,
    pub budgets: Vec<Budget>,
    /// The element-2 threshold: additional support a school meets per pupil a year.
    #[schemars(range(min = 0, max = 100000000))]
    pub element2_threshold: Money,
    pub tiers: Vec<Tier>,
    pub ratio_bands: Vec<RatioBand>,
    pub funding_figures: Vec<FundingFigure>,
    /// PP+ agreed with the virtual school head, by academic year (at most
    /// one a year; none before schema and format version 3).
    #[serde(default)]
    pub pp_plus_agreed: Vec<PpPlusAgreement>,
    /// Fewer weeks than this between entry and exit is "too soon to judge":
    /// no gain is counted (common practice, and the default, is 4; 1 to 26).
    #[serde(default = "default_min_weeks_to_judge")]
    #[schemars(range(min = 1, max = 26))]
    pub min_weeks_to_judge: u32,
    /// When the school day starts: a timetabled session before it is
    /// flagged (08:45 unless the school set it; none before schema and
    /// format version 4).
    #[serde(default = "default_day_start")]
    pub day_start: jiff::civil::Time,
    /// When the school day ends: a session running past it is flagged
    /// (15:15 unless the school set it).
    #[serde(default = "default_day_end")]
    pub day_end: jiff::civil::Time,
    /// The share of delivered sessions (per cent, 1 to 100) a pupil must
    /// attend for their gain to count without a mark (80 unless the school
    /// set it): below it, the gain is marked and the impact view can leave
    /// it out.
    #[serde(default = "default_attendance_threshold")]
    #[schemars(range(min = 1, max = 100))]
    pub attendance_threshold: u32,
    /// The year the school budgets by (academic unless set; none before
    /// schema and format version 5).
    #[serde(default)]
    pub budget_year: BudgetYear,
    /// Pay scale tables roles may take their salary from (none before
    /// schema and format version 5).
    #[serde(default)]
    #[schemars(length(max = 20))]
    pub pay_scales: Vec<super::pay::PayScale>,
    /// Local authorities' rate cards (none before schema and format
    /// version 5).
    #[serde(default)]
    #[schemars(length(max = 50))]
    pub rate_cards: Vec<super::rate_card::RateCard>,
    /// The last year group the school teaches: pupils in it leave at rollover.
    pub final_year_group: YearGroup,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

/// The default minimum weeks between entry and exit before a gain is judged.
pub fn default_min_weeks_to_judge() -> u32 {
    4
}

/// The default start of the school day: 08:45.
pub fn default_day_start() -> jiff::civil::Time {
    jiff::civil::Time::constant(8, 45, 0, 0)
}

/// The default end of the school day: 15:15.
pub fn default_day_end() -> jiff::civil::Time {
    jiff::civil::Time::constant(15, 15, 0, 0)
}

/// The default attendance threshold: 80% of delivered sessions.
pub fn default_attendance_threshold() -> u32 {
    80
}

/// The default tiers: the three waves.
pub fn default_tiers() -> Vec<Tier> {
    [
        ("wave-1", "Wave 1: quality-first teaching"),
        ("wave-2", "Wave 2: targeted catch-up"),
        ("wave-3", "Wave 3: personalised or specialist"),
    ]
    .into_iter()
    .map(|(id, name)| Tier {
        id: id.into(),
        name: name.into(),
    })
    .collect()
}

/// Brooks's ratio-gain bands (2007).
pub fn default_ratio_bands() -> Vec<RatioBand> {
    [
        (0, "Doubtful educational significance", false),
        (140, "Modest impact", true),
        (200, "Useful impact", true),
        (300, "Substantial impact", true),
        (400, "Remarkable impact", true),
    ]
    .into_iter()
    .map(|(min, name, significant)| RatioBand {
        min: Dec2::hundredths(min),
        name: name.into(),
        significant,
    })
    .collect()
}

/// Pupil premium figures for 2024-25 and 2025-26 (DfE).
pub fn default_funding_figures() -> Vec<FundingFigure> {
    use FundingKind::*;
    [
        (PupilPremiumPrimary, 2024, 1480),
        (PupilPremiumSecondary, 2024, 1050),
        (PupilPremiumPlus, 2024, 2570),
        (PupilPremiumPrimary, 2025, 1515),
        (PupilPremiumSecondary, 2025, 1075),
        (PupilPremiumPlus, 2025, 2630),
        (ServicePremium, 2025, 350),
    ]
    .into_iter()
    .map(|(kind, start_year, pounds)| FundingFigure {
        kind,
        start_year,
        amount: Money::pounds(pounds),
    })
    .collect()
}

impl SchoolSettings {
    /// Settings for a new school, with the usual defaults to edit.
    pub fn new(school_name: &str, start_year: i16, now: Timestamp) -> SchoolSettings {
        SchoolSettings {
            id: Uuid::new_v4(),
            school_name: school_name.trim().to_owned(),
            years: vec![AcademicYear::typical(start_year)],
            budgets: Vec::new(),
            element2_threshold: Money::pounds(6_000),
            tiers: default_tiers(),
            ratio_bands: default_ratio_bands(),
            funding_figures: default_funding_figures(),
            pp_plus_agreed: Vec::new(),
            min_weeks_to_judge: default_min_weeks_to_judge(),
            day_start: default_day_start(),
            day_end: default_day_end(),
            attendance_threshold: default_attendance_threshold(),
            budget_year: BudgetYear::Academic,
            pay_scales: Vec::new(),
            rate_cards: Vec::new(),
            final_year_group: YearGroup::Year(6),
            created_at: now,
            updated_at: now,
        }
    }

    /// Settings for the first run: the academic year in progress at `now`
    /// (from August on, the one starting this calendar year).
    pub fn first_run(now: Timestamp) -> SchoolSettings {
        let today = now.to_zoned(jiff::tz::TimeZone::UTC).date();
        let start = if today.month() >= 8 {
            today.year()
        } else {
            today.year() - 1
        };
        SchoolSettings::new("Our school", start, now)
    }

    /// The academic year `date` falls in, by the calendar year it starts
    /// in: the year set up whose dates hold it, else (a holiday between
    /// years, or a year not set up) the one starting that calendar year
    /// from August on, as [`SchoolSettings::first_run`] counts.
    pub fn academic_year_of(&self, date: jiff::civil::Date) -> i16 {
        self.years
            .iter()
            .find(|y| y.range().is_some_and(|r| r.contains(date)))
            .map_or_else(
                || {
                    if date.month() >= 8 {
                        date.year()
                    } else {
                        date.year() - 1
                    }
                },
                |y| y.start_year,
            )
    }

    pub fn year(&self, start_year: i16) -> Option<&AcademicYear> {
        self.years.iter().find(|y| y.start_year == start_year)
    }

    /// The academic year every view shows: `chosen` when it is set up, else
    /// the year containing `today`, else the one nearest to it (the later of
    /// two as near, so a summer holiday's second half looks ahead). `None`
    /// only when no year with terms is set up. One rule for every view, so
    /// figures for "this year" always mean the same year.
    pub fn year_in_view(&self, chosen: Option<i16>, today: jiff::civil::Date) -> Option<i16> {
        if let Some(y) = chosen.filter(|y| self.year(*y).is_some()) {
            return Some(y);
        }
        let distance = |y: &AcademicYear| {
            let r = y.range()?;
            Some(if today < r.start {
                super::calendar::days_between(today, r.start)
            } else if today > r.end {
                super::calendar::days_between(r.end, today)
            } else {
                0
            })
        };
        self.years
            .iter()
            .filter_map(|y| Some((distance(y)?, std::cmp::Reverse(y.start_year))))
            .min()
            .map(|(_, std::cmp::Reverse(y))| y)
    }

    /// Every term of every academic year set up, in order: (start year, term).
    pub fn terms(&self) -> Vec<(i16, super::calendar::TermName)> {
        self.years
            .iter()
            .flat_map(|y| super::calendar::TermName::ALL.map(|t| (y.start_year, t)))
            .collect()
    }

    pub fn tier(&self, id: &str) -> Option<&Tier> {
        self.tiers.iter().find(|t| t.id == id)
    }

    /// The budget available for `source` in `period`: the budget set for
    /// it (zero if none) and, for PP+, the share of the amounts agreed with
    /// the virtual school that falls in it (the whole of the year's
    /// agreement for an academic year; for a financial year, see
    /// [`super::budget_year::pp_plus_agreed_in`]).
    pub fn budget(&self, period: &BudgetPeriod, source: FundingSource) -> Money {
        let agreed = if source == FundingSource::PupilPremiumPlus {
            super::budget_year::pp_plus_agreed_in(self, period)
        } else {
            Money::ZERO
        };
        self.budget_set(period, source) + agreed
    }

    /// The budget set for `source` in `period` (zero if none), without the
    /// PP+ agreed with the virtual school. Only a budget entered for the
    /// period's kind of year counts: a budget for the academic year 2026-27
    /// is not one for the financial year 2026-27.
    pub fn budget_set(&self, period: &BudgetPeriod, source: FundingSource) -> Money {
        self.budgets
            .iter()
            .filter(|b| {
                b.year == period.kind && b.start_year == period.start_year && b.source == source
            })
            .map(|b| b.amount)
            .sum()
    }

    /// The PP+ agreed with the virtual school for the year starting
    /// `start_year`, if any was recorded.
    pub fn pp_plus_agreement(&self, start_year: i16) -> Option<Money> {
        self.pp_plus_agreed
            .iter()
            .find(|a| a.start_year == start_year)
            .map(|a| a.amount)
    }

    /// The PP+ agreed with the virtual school for the year starting
    /// `start_year` (zero if none was recorded).
    pub fn pp_plus_agreed(&self, start_year: i16) -> Money {
        self.pp_plus_agreement(start_year).unwrap_or_default()
    }

    /// These settings with the budget for `source` in `period` set to
    /// `amount` (a zero amount removes it). Budgets for the other kind of
    /// year are kept as they are.
    pub fn with_budget(
        &self,
        period: &BudgetPeriod,
        source: FundingSource,
        amount: Money,
        now: Timestamp,
    ) -> SchoolSettings {
        let mut s = self.clone();
        let (year, start_year) = (period.kind, period.start_year);
        s.budgets
            .retain(|b| !(b.start_year == start_year && b.source == source && b.year == year));
        if amount != Money::ZERO {
            s.budgets.push(Budget {
                start_year,
                year,
                source,
                amount,
            });
        }
        crate::domain::sort::by_key(&mut s.budgets, |b| (b.year, b.start_year, b.source));
        s.updated_at = now;
        s
    }

    /// These settings with the school budgeting by `kind` of year. The
    /// budgets entered for the other kind are kept (a school that changes
    /// back finds them), and only the budget view's year changes.
    pub fn with_budget_year(&self, kind: BudgetYear, now: Timestamp) -> SchoolSettings {
        let mut s = self.clone();
        if s.budget_year != kind {
            s.budget_year = kind;
            s.updated_at = now;
        }
        s
    }

    /// The figure of `kind` for the year starting `start_year`, if set.
    pub fn funding_figure(&self, kind: FundingKind, start_year: i16) -> Option<Money> {
        self.funding_figures
            .iter()
            .find(|f| f.kind == kind && f.start_year == start_year)
            .map(|f| f.amount)
    }

    /// The band a ratio gain falls in: the last band whose minimum it reaches.
    /// The ratio-gain band of `ratio`: the highest band it reaches. A ratio
    /// below every band (a score that fell) is in the lowest band, never in
    /// none: a pupil who went backwards must not vanish from the counts.
    pub fn band_for(&self, ratio: super::money::Exact) -> Option<&RatioBand> {
        self.ratio_bands
            .iter()
            .rev()
            .find(|b| ratio >= b.min.exact())
            .or_else(|| self.ratio_bands.first())
    }

    pub fn validate(&self) -> Problems<SettingsField> {
        let mut p = Problems::default();
        check_text(
            &mut p,
            SettingsField::SchoolName,
            "school name",
            &self.school_name,
            120,
            true,
        );
        let mut starts: Vec<i16> = self.years.iter().map(|y| y.start_year).collect();
        crate::domain::sort::by(&mut starts, Ord::cmp);
        if starts.windows(2).any(|w| w[0] == w[1]) {
            p.push(
                SettingsField::Years,
                "Two academic years start in the same year.",
            );
        }
        let mut spans: Vec<(String, DateRange)> = self
            .years
            .iter()
            .filter_map(|y| Some((y.label(), y.range()?)))
            .filter(|(_, r)| r.is_valid())
            .collect();
        crate::domain::sort::by_key(&mut spans, |(_, r)| (r.start, r.end));
        for pair in spans.windows(2) {
            if pair[0].1.intersect(&pair[1].1).is_some() {
                p.push(
                    SettingsField::Years,
                    format!(
                        "The academic years {} ({}) and {} ({}) overlap.",
                        pair[0].0, pair[0].1, pair[1].0, pair[1].1
                    ),
                );
            }
        }
        for y in &self.years {
            for e in y.validate().0 {
                p.push(
                    SettingsField::Years,
                    format!("{}: {}", y.label(), e.message),
                );
            }
        }
        if self.element2_threshold.is_negative() {
            p.push(
                SettingsField::Element2Threshold,
                "The element-2 threshold cannot be negative.",
            );
        } else if self.element2_threshold > super::limits::MAX_PER_PUPIL {
            p.push(
                SettingsField::Element2Threshold,
                "The element-2 threshold is over £1,000,000: check the figure.",
            );
        }
        if self.years.len() > super::limits::MAX_YEARS {
            p.push(
                SettingsField::Years,
                "More than 101 academic years are set up.",
            );
        }
        for b in &self.budgets {
            if b.amount.is_negative() {
                p.push(
                    SettingsField::Budgets,
                    format!("The {} budget cannot be negative.", b.source.label()),
                );
            } else if b.amount > super::limits::MAX_BUDGET {
                p.push(
                    SettingsField::Budgets,
                    format!(
                        "The {} budget is over £100,000,000: check the figure.",
                        b.source.label()
                    ),
                );
            }
        }
        let mut seen = std::collections::HashSet::new();
        for b in &self.budgets {
            if !seen.insert((b.year, b.start_year, b.source)) {
                p.push(
                    SettingsField::Budgets,
                    format!(
                        "The {} budget is given twice for one year.",
                        b.source.label()
                    ),
                );
            }
        }
        if !(1..=26).contains(&self.min_weeks_to_judge) {
            p.push(
                SettingsField::MinWeeksToJudge,
                "The weeks before a gain is judged must be from 1 to 26.",
            );
        }
        if self.day_start >= self.day_end {
            p.push(
                SettingsField::DayEnd,
                "The school day must end after it starts.",
            );
        }
        if !(1..=100).contains(&self.attendance_threshold) {
            p.push(
                SettingsField::AttendanceThreshold,
                "The attendance threshold must be from 1% to 100%.",
            );
        }
        if self.tiers.is_empty() {
            p.push(SettingsField::Tiers, "Keep at least one tier of provision.");
        }
        let mut ids = std::collections::HashSet::new();
        for t in &self.tiers {
            if t.id.trim().is_empty() || !ids.insert(t.id.as_str()) {
                p.push(SettingsField::Tiers, "Each tier needs its own key.");
            }
            check_text(&mut p, SettingsField::Tiers, "tier name", &t.name, 80, true);
        }
        match self.ratio_bands.first() {
            None => p.push(
                SettingsField::RatioBands,
                "Keep at least one ratio-gain band.",
            ),
            Some(first) if first.min != Dec2::ZERO => p.push(
                SettingsField::RatioBands,
                "The first ratio-gain band must start at 0.",
            ),
            _ => {}
        }
        if self.ratio_bands.windows(2).any(|w| w[0].min >= w[1].min) {
            p.push(
                SettingsField::RatioBands,
                "Ratio-gain bands must go up in order.",
            );
        }
        for f in &self.funding_figures {
            if f.amount.is_negative() {
                p.push(
                    SettingsField::FundingFigures,
                    format!("{} cannot be negative.", f.kind.label()),
                );
            } else if f.amount > super::limits::MAX_FUNDING_FIGURE {
                p.push(
                    SettingsField::FundingFigures,
                    format!(
                        "{} is over £100,000 a pupil: check the figure.",
                        f.kind.label()
                    ),
                );
            }
        }
        self.validate_pay_scales(&mut p);
        let mut years = std::collections::HashSet::new();
        for a in &self.pp_plus_agreed {
            let year = super::calendar::year_label(a.start_year);
            if a.amount.is_negative() {
                p.push(
                    SettingsField::PpPlusAgreed,
                    format!(
                        "The PP+ agreed with the virtual school for {year} cannot be negative."
                    ),
                );
            } else if a.amount > super::limits::MAX_PER_PUPIL {
                p.push(
                    SettingsField::PpPlusAgreed,
                    format!(
                        "The PP+ agreed with the virtual school for {year} is over £1,000,000: check the figure."
                    ),
                );
            }
            if !years.insert(a.start_year) {
                p.push(
                    SettingsField::PpPlusAgreed,
                    format!("The PP+ agreed with the virtual school is given twice for {year}."),
                );
            }
        }
        p
    }
}

impl SchoolSettings {
    /// The pay scales' problems, each naming its scale: at most
    /// [`super::limits::MAX_PAY_SCALES`], each id once, each scale sound
    /// ([`super::pay::PayScale::validate`]).
    fn validate_pay_scales(&self, p: &mut Problems<SettingsField>) {
        if self.pay_scales.len() > super::limits::MAX_PAY_SCALES {
            p.push(
                SettingsField::PayScales,
                format!(
                    "{} pay scales are set up; at most {} are kept.",
                    self.pay_scales.len(),
                    super::limits::MAX_PAY_SCALES
                ),
            );
        }
        let mut ids = std::collections::HashSet::new();
        for s in &self.pay_scales {
            if !ids.insert(s.id) {
                p.push(
                    SettingsField::PayScales,
                    format!("The pay scale {} is given twice.", s.name),
                );
            }
            for e in s.validate().0 {
                p.push(
                    SettingsField::PayScales,
                    format!("Pay scale \"{}\": {}", s.name, e.message),
                );
            }
        }
    }

    pub fn pay_scale(&self, id: Uuid) -> Option<&super::pay::PayScale> {
        self.pay_scales.iter().find(|s| s.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::money::Exact;

    fn now() -> Timestamp {
        "2026-09-01T08:00:00Z".parse().unwrap()
    }

    #[test]
    fn the_year_in_view_is_the_one_containing_today_else_the_nearest() {
        use jiff::civil::date;
        let mut s = SchoolSettings::new("Hillside", 2025, now());
        s.years.push(AcademicYear::typical(2026));
        // Typical years run 1 September to 21 July.
        assert_eq!(s.year_in_view(None, date(2025, 9, 1)), Some(2025));
        assert_eq!(s.year_in_view(None, date(2026, 7, 21)), Some(2025));
        assert_eq!(s.year_in_view(None, date(2026, 9, 1)), Some(2026));
        // The summer holiday: 22 July to 31 August. 10 August is 20 days
        // after 21 July and 22 before 1 September; 11 August is 21 days
        // from each (the later year wins a tie); 12 August is nearer 2026-27.
        assert_eq!(s.year_in_view(None, date(2026, 8, 10)), Some(2025));
        assert_eq!(s.year_in_view(None, date(2026, 8, 11)), Some(2026));
        assert_eq!(s.year_in_view(None, date(2026, 8, 12)), Some(2026));
        // Before the first year and after the last: the nearest.
        assert_eq!(s.year_in_view(None, date(2020, 1, 1)), Some(2025));
        assert_eq!(s.year_in_view(None, date(2030, 1, 1)), Some(2026));
        // A chosen year wins while it is set up.
        assert_eq!(s.year_in_view(Some(2025), date(2027, 1, 1)), Some(2025));
        assert_eq!(s.year_in_view(Some(2019), date(2025, 10, 1)), Some(2025));
        // A year without terms cannot be in view; no years, no year.
        s.years[1].terms.clear();
        assert_eq!(s.year_in_view(None, date(2027, 1, 1)), Some(2025));
        s.years.clear();
        assert_eq!(s.year_in_view(None, date(2027, 1, 1)), None);
    }

    #[test]
    fn new_settings_have_the_documented_defaults_and_are_valid() {
        let s = SchoolSettings::new(" Hillside Primary ", 2025, now());
        assert_eq!(s.school_name, "Hillside Primary");
        assert!(s.validate().is_empty(), "{:?}", s.validate());
        assert_eq!(s.element2_threshold, Money::pounds(6000));
        assert_eq!(s.tiers.len(), 3);
        assert_eq!(s.tier("wave-2").unwrap().name, "Wave 2: targeted catch-up");
        assert_eq!(
            s.funding_figure(FundingKind::PupilPremiumPrimary, 2025),
            Some(Money::pounds(1515))
        );
        assert_eq!(
            s.funding_figure(FundingKind::PupilPremiumPlus, 2024),
            Some(Money::pounds(2570))
        );
        assert_eq!(s.funding_figure(FundingKind::ServicePremium, 2024), None);
        assert_eq!(s.year(2025).unwrap().label(), "2025-26");
        assert_eq!(
            s.budget(&BudgetPeriod::academic(2025), FundingSource::NotionalSen),
            Money::ZERO
        );
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(serde_json::from_str::<SchoolSettings>(&json).unwrap(), s);
    }

    #[test]
    fn budgets_are_set_replaced_and_removed() {
        let s = SchoolSettings::new("X", 2025, now());
        let later: Timestamp = "2026-10-01T00:00:00Z".parse().unwrap();
        let s = s.with_budget(
            &BudgetPeriod::academic(2025),
            FundingSource::PupilPremium,
            Money::pounds(2_000),
            later,
        );
        let s = s.with_budget(
            &BudgetPeriod::academic(2025),
            FundingSource::NotionalSen,
            Money::pounds(40_000),
            later,
        );
        let s = s.with_budget(
            &BudgetPeriod::academic(2025),
            FundingSource::PupilPremium,
            Money::pounds(2_500),
            later,
        );
        assert_eq!(
            s.budget(&BudgetPeriod::academic(2025), FundingSource::PupilPremium),
            Money::pounds(2_500)
        );
        assert_eq!(s.budgets.len(), 2);
        assert_eq!(
            s.budgets[0].source,
            FundingSource::NotionalSen,
            "kept in order"
        );
        assert_eq!(s.updated_at, later);
        let s = s.with_budget(
            &BudgetPeriod::academic(2025),
            FundingSource::PupilPremium,
            Money::ZERO,
            later,
        );
        assert_eq!(s.budgets.len(), 1);
        assert!(s.validate().is_empty());
    }

    #[test]
    fn pp_plus_agreed_with_the_virtual_school_counts_toward_the_pp_plus_budget() {
        let s = SchoolSettings::new("X", 2025, now()).with_budget(
            &BudgetPeriod::academic(2025),
            FundingSource::PupilPremiumPlus,
            Money::pounds(5_260),
            now(),
        );
        assert!(s.pp_plus_agreed.is_empty());
        assert_eq!(s.pp_plus_agreement(2025), None);
        assert_eq!(
            s.budget(
                &BudgetPeriod::academic(2025),
                FundingSource::PupilPremiumPlus
            ),
            Money::pounds(5_260)
        );
        let mut s = s;
        s.pp_plus_agreed.push(PpPlusAgreement {
            start_year: 2025,
            amount: Money::pounds(1_500),
        });
        // £5,260 set + £1,500 agreed = £6,760 available; other sources and
        // other years are untouched.
        assert_eq!(
            s.budget(
                &BudgetPeriod::academic(2025),
                FundingSource::PupilPremiumPlus
            ),
            Money::pounds(6_760)
        );
        assert_eq!(
            s.budget_set(
                &BudgetPeriod::academic(2025),
                FundingSource::PupilPremiumPlus
            ),
            Money::pounds(5_260)
        );
        assert_eq!(
            s.budget(&BudgetPeriod::academic(2025), FundingSource::PupilPremium),
            Money::ZERO
        );
        assert_eq!(
            s.budget(
                &BudgetPeriod::academic(2026),
                FundingSource::PupilPremiumPlus
            ),
            Money::ZERO
        );
        assert_eq!(s.pp_plus_agreement(2025), Some(Money::pounds(1_500)));
        assert!(s.validate().is_empty());
        s.pp_plus_agreed.push(PpPlusAgreement {
            start_year: 2025,
            amount: Money(-1),
        });
        let p = s.validate();
        let messages: Vec<_> =
            p.0.iter()
                .filter(|e| e.field == SettingsField::PpPlusAgreed)
                .map(|e| e.message.as_str())
                .collect();
        assert_eq!(
            messages,
            [
                "The PP+ agreed with the virtual school for 2025-26 cannot be negative.",
                "The PP+ agreed with the virtual school is given twice for 2025-26."
            ]
        );
    }

    #[test]
    fn the_academic_year_of_a_date() {
        use jiff::civil::date;
        let mut s = SchoolSettings::new("X", 2025, now());
        s.years[0].terms[0].start = date(2025, 9, 3);
        // Inside the year set up (3 September 2025 to 21 July 2026).
        assert_eq!(s.academic_year_of(date(2025, 9, 3)), 2025);
        assert_eq!(s.academic_year_of(date(2026, 7, 21)), 2025);
        // Outside it: from August on, the year starting that calendar year.
        assert_eq!(s.academic_year_of(date(2025, 9, 1)), 2025);
        assert_eq!(s.academic_year_of(date(2026, 7, 31)), 2025);
        assert_eq!(s.academic_year_of(date(2026, 8, 1)), 2026);
        assert_eq!(s.academic_year_of(date(2030, 1, 1)), 2029);
    }

    #[test]
    fn the_first_run_year_is_the_one_in_progress() {
        let s = SchoolSettings::first_run("2026-07-31T12:00:00Z".parse().unwrap());
        assert_eq!(s.years[0].label(), "2025-26");
        let s = SchoolSettings::first_run("2026-08-01T12:00:00Z".parse().unwrap());
        assert_eq!(s.years[0].label(), "2026-27");
        assert!(s.validate().is_empty());
        let mut s = s;
        s.years.push(AcademicYear::typical(2027));
        let terms = s.terms();
        assert_eq!(terms.len(), 6);
        assert_eq!(terms[0], (2026, crate::domain::calendar::TermName::ALL[0]));
        assert_eq!(terms[5], (2027, crate::domain::calendar::TermName::ALL[2]));
    }

    #[test]
    fn ratio_gains_fall_in_brooks_bands() {
        let s = SchoolSettings::new("X", 2025, now());
        let band = |n, d| s.band_for(Exact::new(n, d)).unwrap().name.clone();
        assert_eq!(band(1, 1), "Doubtful educational significance");
        assert_eq!(band(139, 100), "Doubtful educational significance");
        assert_eq!(band(14, 10), "Modest impact");
        assert_eq!(band(2, 1), "Useful impact");
        assert_eq!(band(299, 100), "Useful impact");
        assert_eq!(band(3, 1), "Substantial impact");
        assert_eq!(band(4, 1), "Remarkable impact");
        assert_eq!(band(12, 1), "Remarkable impact");
        // A loss is in the lowest band, not in none (issue 15: a pupil
        // whose score fell must not vanish from the counts).
        assert_eq!(band(-1, 2), "Doubtful educational significance");
    }

    #[test]
    fn impossible_settings_are_rejected() {
        let mut s = SchoolSettings::new("X", 2025, now());
        s.years.push(AcademicYear::typical(2025));
        s.element2_threshold = Money(-1);
        s.budgets.push(Budget {
            year: BudgetYear::Academic,
            start_year: 2025,
            source: FundingSource::PupilPremium,
            amount: Money(-5),
        });
        s.budgets.push(Budget {
            year: BudgetYear::Academic,
            start_year: 2025,
            source: FundingSource::PupilPremium,
            amount: Money(5),
        });
        s.tiers.push(Tier {
            id: "wave-1".into(),
            name: "Again".into(),
        });
        s.ratio_bands.swap(1, 2);
        s.funding_figures[0].amount = Money(-1);
        s.years[0].terms[0].teaching_weeks = 0;
        let p = s.validate();
        for f in [
            SettingsField::Years,
            SettingsField::Element2Threshold,
            SettingsField::Budgets,
            SettingsField::Tiers,
            SettingsField::RatioBands,
            SettingsField::FundingFigures,
        ] {
            assert!(p.for_field(f).is_some(), "{f:?}: {p:?}");
        }
        assert!(p
            .0
            .iter()
            .any(|e| e.message == "2025-26: The Autumn term has no teaching weeks."));
        let mut t = SchoolSettings::new("X", 2025, now());
        t.tiers.clear();
        t.ratio_bands[0].min = Dec2::whole(1);
        let p = t.validate();
        assert_eq!(
            p.for_field(SettingsField::Tiers),
            Some("Keep at least one tier of provision.")
        );
        assert_eq!(
            p.for_field(SettingsField::RatioBands),
            Some("The first ratio-gain band must start at 0.")
        );
        t.ratio_bands.clear();
        assert_eq!(
            t.validate().for_field(SettingsField::RatioBands),
            Some("Keep at least one ratio-gain band.")
        );
    }
}
