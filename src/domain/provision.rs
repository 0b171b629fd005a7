//! Interventions (the library), provisions (running groups or 1:1 support),
//! enrolments of pupils in them, and the funding sources they are charged to.

use jiff::civil::{Date, Time};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::calendar::DateRange;
use super::fields::{EnrolmentField, InterventionField, ProvisionField};
use super::money::Money;
use super::needs::BroadArea;
use super::quantity::Dec2;
use super::validation::{check_text, FieldName, Problems};

/// Where a provision's cost is charged.
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
pub enum FundingSource {
    NotionalSen,
    PupilPremium,
    PupilPremiumPlus,
    LaTopUp,
    EhcpPersonalBudget,
    Other,
}

impl FundingSource {
    pub const ALL: [FundingSource; 6] = [
        FundingSource::NotionalSen,
        FundingSource::PupilPremium,
        FundingSource::PupilPremiumPlus,
        FundingSource::LaTopUp,
        FundingSource::EhcpPersonalBudget,
        FundingSource::Other,
    ];

    pub fn label(self) -> &'static str {
        match self {
            FundingSource::NotionalSen => "Notional SEN budget",
            FundingSource::PupilPremium => "Pupil premium",
            FundingSource::PupilPremiumPlus => "Pupil premium plus",
            FundingSource::LaTopUp => "LA top-up (element 3)",
            FundingSource::EhcpPersonalBudget => "EHCP personal budget",
            FundingSource::Other => "Other or grant",
        }
    }
}

/// The kind of entry and exit data a provision measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MeasureKind {
    StandardisedScore,
    ReadingAgeMonths,
    SpellingAgeMonths,
    Percentage,
    ScaledStep,
    Text,
}

impl MeasureKind {
    pub const ALL: [MeasureKind; 6] = [
        MeasureKind::StandardisedScore,
        MeasureKind::ReadingAgeMonths,
        MeasureKind::SpellingAgeMonths,
        MeasureKind::Percentage,
        MeasureKind::ScaledStep,
        MeasureKind::Text,
    ];

    pub fn label(self) -> &'static str {
        match self {
            MeasureKind::StandardisedScore => "Standardised score",
            MeasureKind::ReadingAgeMonths => "Reading age (months)",
            MeasureKind::SpellingAgeMonths => "Spelling age (months)",
            MeasureKind::Percentage => "Percentage",
            MeasureKind::ScaledStep => "Scaled step",
            MeasureKind::Text => "Free text",
        }
    }

    /// Reading and spelling ages: measures a ratio gain applies to.
    pub fn is_age(self) -> bool {
        matches!(
            self,
            MeasureKind::ReadingAgeMonths | MeasureKind::SpellingAgeMonths
        )
    }
}

/// How a default intervention is delivered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Delivery {
    pub role_id: Option<Uuid>,
    pub staff_count: u32,
    pub group_size: u32,
    pub sessions_per_week: u32,
    pub minutes_per_session: u32,
    pub weeks: u32,
}

/// An entry in the school's intervention library.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Intervention {
    pub id: Uuid,
    pub name: String,
    pub description: String,
    pub broad_areas: Vec<BroadArea>,
    /// The id of a tier in the school's settings (for example `wave-2`).
    pub tier: String,
    pub delivery: Delivery,
    pub fixed_costs: Money,
    pub resource_costs: Money,
    pub evidence_note: String,
    pub outcome_measure: MeasureKind,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

impl Intervention {
    pub fn validate(&self) -> Problems<InterventionField> {
        let mut p = Problems::default();
        check_text(
            &mut p,
            InterventionField::Name,
            "name",
            &self.name,
            100,
            true,
        );
        check_text(
            &mut p,
            InterventionField::Description,
            "description",
            &self.description,
            4000,
            false,
        );
        check_text(
            &mut p,
            InterventionField::EvidenceNote,
            "evidence note",
            &self.evidence_note,
            4000,
            false,
        );
        check_text(
            &mut p,
            InterventionField::Tier,
            "tier",
            &self.tier,
            40,
            true,
        );
        if self.broad_areas.is_empty() {
            p.push(
                InterventionField::BroadAreas,
                "Choose at least one broad area of need.",
            );
        }
        let d = &self.delivery;
        check_counts(
            &mut p,
            InterventionField::Delivery,
            d.staff_count,
            d.sessions_per_week,
            d.minutes_per_session,
        );
        if d.group_size == 0 {
            p.push(
                InterventionField::Delivery,
                "The group size must be at least 1.",
            );
        } else if d.group_size > 40 {
            p.push(
                InterventionField::Delivery,
                "The group size is over 40: check the figure.",
            );
        }
        if d.weeks == 0 || d.weeks > 52 {
            p.push(
                InterventionField::Delivery,
                "The number of weeks must be from 1 to 52.",
            );
        }
        check_money(
            &mut p,
            InterventionField::FixedCosts,
            "Fixed costs",
            self.fixed_costs,
        );
        check_money(
            &mut p,
            InterventionField::ResourceCosts,
            "Resource costs",
            self.resource_costs,
        );
        p
    }
}

fn check_counts<F: FieldName>(
    p: &mut Problems<F>,
    field: F,
    staff: u32,
    sessions: u32,
    minutes: u32,
) {
    if staff == 0 {
        p.push(field, "At least one member of staff must deliver it.");
    } else if staff > 10 {
        p.push(field, "More than 10 staff per session: check the figure.");
    }
    if sessions == 0 {
        p.push(field, "Sessions a week must be at least 1.");
    } else if sessions > 35 {
        p.push(field, "More than 35 sessions a week: check the figure.");
    }
    if minutes == 0 {
        p.push(field, "Minutes per session must be at least 1.");
    } else if minutes > 480 {
        p.push(
            field,
            "A session is longer than 8 hours: check the minutes.",
        );
    }
}

fn check_money<F: FieldName>(p: &mut Problems<F>, field: F, what: &str, m: Money) {
    if m.is_negative() {
        p.push(field, format!("{what} cannot be negative."));
    } else if m > Money::pounds(1_000_000) {
        p.push(
            field,
            format!("{what} are over £1,000,000: check the figure."),
        );
    }
}

/// Who delivers a provision: a role, optionally a named member, and how many.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StaffLine {
    pub role_id: Uuid,
    #[serde(default)]
    pub member_id: Option<Uuid>,
    pub count: u32,
}

/// A school day, for timetable slots.
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
pub enum SchoolDay {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
}

/// When a session runs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Slot {
    pub day: SchoolDay,
    pub start: Time,
}

/// How a provision's cost is split among its pupils.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum CostSplit {
    /// Among the pupils actually enrolled, pro rata to their enrolled days.
    #[default]
    ActualPupils,
    /// As if the group were full at its planned size; empty places stay unallocated.
    PlannedGroupSize,
}

/// A running group or 1:1 support.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Provision {
    pub id: Uuid,
    /// The library entry it runs, or none for ad hoc provision.
    pub intervention_id: Option<Uuid>,
    pub name: String,
    pub broad_area: BroadArea,
    /// The id of a tier in the school's settings.
    pub tier: String,
    pub staff: Vec<StaffLine>,
    pub sessions_per_week: u32,
    pub minutes_per_session: u32,
    pub start: Date,
    pub end: Date,
    pub funding: FundingSource,
    pub fixed_costs: Money,
    #[serde(default)]
    pub slots: Vec<Slot>,
    pub planned_group_size: u32,
    #[serde(default)]
    pub split: CostSplit,
    /// Copied into the next academic year at rollover.
    #[serde(default)]
    pub recurring: bool,
    /// Not yet running: planned (for example, copied at rollover).
    #[serde(default)]
    pub planned: bool,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

impl Provision {
    pub fn range(&self) -> DateRange {
        DateRange::new(self.start, self.end)
    }

    /// Staff minutes a week: minutes x sessions x staff, over every staff line.
    pub fn staff_minutes_per_week(&self) -> u64 {
        self.staff
            .iter()
            .map(|l| {
                u64::from(l.count)
                    * u64::from(self.minutes_per_session)
                    * u64::from(self.sessions_per_week)
            })
            .sum()
    }

    pub fn validate(&self) -> Problems<ProvisionField> {
        let mut p = Problems::default();
        check_text(&mut p, ProvisionField::Name, "name", &self.name, 100, true);
        check_text(&mut p, ProvisionField::Tier, "tier", &self.tier, 40, true);
        if self.staff.is_empty() {
            p.push(
                ProvisionField::Staff,
                "Add who delivers it: at least one staff role.",
            );
        }
        for l in &self.staff {
            if l.count == 0 {
                p.push(
                    ProvisionField::Staff,
                    "Each staff line needs at least 1 person.",
                );
            }
        }
        let staff: u32 = self.staff.iter().map(|l| l.count).sum();
        check_counts(
            &mut p,
            ProvisionField::SessionsPerWeek,
            staff.max(1),
            self.sessions_per_week,
            1,
        );
        check_counts(
            &mut p,
            ProvisionField::MinutesPerSession,
            1,
            1,
            self.minutes_per_session,
        );
        if self.end < self.start {
            p.push(
                ProvisionField::End,
                "The end date is before the start date.",
            );
        }
        if self.planned_group_size == 0 {
            p.push(
                ProvisionField::PlannedGroupSize,
                "The group size must be at least 1.",
            );
        } else if self.planned_group_size > 40 {
            p.push(
                ProvisionField::PlannedGroupSize,
                "The group size is over 40: check the figure.",
            );
        }
        check_money(
            &mut p,
            ProvisionField::FixedCosts,
            "Fixed costs",
            self.fixed_costs,
        );
        if self.slots.len() > self.sessions_per_week as usize {
            p.push(
                ProvisionField::Slots,
                "There are more timetable slots than sessions a week.",
            );
        }
        p
    }
}

/// An entry or exit score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "measure", content = "value", rename_all = "snake_case")]
pub enum Score {
    StandardisedScore(Dec2),
    ReadingAgeMonths(u32),
    SpellingAgeMonths(u32),
    Percentage(Dec2),
    ScaledStep(Dec2),
    Text(String),
}

impl Score {
    pub fn kind(&self) -> MeasureKind {
        match self {
            Score::StandardisedScore(_) => MeasureKind::StandardisedScore,
            Score::ReadingAgeMonths(_) => MeasureKind::ReadingAgeMonths,
            Score::SpellingAgeMonths(_) => MeasureKind::SpellingAgeMonths,
            Score::Percentage(_) => MeasureKind::Percentage,
            Score::ScaledStep(_) => MeasureKind::ScaledStep,
            Score::Text(_) => MeasureKind::Text,
        }
    }

    /// Read a score of `kind` from what a person typed; the message says
    /// what is wrong (the range checks come from [`Enrolment::validate`]).
    pub fn parse(kind: MeasureKind, text: &str) -> Result<Score, String> {
        let t = text.trim();
        let dec = || {
            t.parse::<Dec2>().map_err(|_| {
                format!(
                    "Enter a number, like {}.",
                    if kind == MeasureKind::Percentage {
                        "55"
                    } else {
                        "92"
                    }
                )
            })
        };
        let months = || {
            t.parse::<u32>().map_err(|_| {
                "Enter the age in whole months, like 98 (8 years 2 months).".to_owned()
            })
        };
        Ok(match kind {
            MeasureKind::StandardisedScore => Score::StandardisedScore(dec()?),
            MeasureKind::Percentage => Score::Percentage(dec()?),
            MeasureKind::ScaledStep => Score::ScaledStep(dec()?),
            MeasureKind::ReadingAgeMonths => Score::ReadingAgeMonths(months()?),
            MeasureKind::SpellingAgeMonths => Score::SpellingAgeMonths(months()?),
            MeasureKind::Text => Score::Text(t.to_owned()),
        })
    }

    /// The score as typed text (the inverse of [`Score::parse`]).
    pub fn text(&self) -> String {
        match self {
            Score::StandardisedScore(d) | Score::Percentage(d) | Score::ScaledStep(d) => {
                d.to_string()
            }
            Score::ReadingAgeMonths(m) | Score::SpellingAgeMonths(m) => m.to_string(),
            Score::Text(t) => t.clone(),
        }
    }

    /// The score as a number, exactly (none for free text).
    pub fn numeric(&self) -> Option<super::money::Exact> {
        match self {
            Score::StandardisedScore(d) | Score::Percentage(d) | Score::ScaledStep(d) => {
                Some(d.exact())
            }
            Score::ReadingAgeMonths(m) | Score::SpellingAgeMonths(m) => {
                Some(super::money::Exact::from_integer(i128::from(*m)))
            }
            Score::Text(_) => None,
        }
    }

    fn validate_into<F: FieldName>(&self, p: &mut Problems<F>, field: F) {
        match self {
            Score::StandardisedScore(d) if *d < Dec2::whole(40) || *d > Dec2::whole(160) => {
                p.push(field, "A standardised score must be from 40 to 160.");
            }
            Score::Percentage(d) if d.is_negative() || *d > Dec2::whole(100) => {
                p.push(field, "A percentage must be from 0 to 100.");
            }
            Score::ReadingAgeMonths(m) | Score::SpellingAgeMonths(m) if *m > 300 => {
                p.push(
                    field,
                    "An age over 25 years (300 months) is not a reading or spelling age.",
                );
            }
            Score::ScaledStep(d) if d.is_negative() || *d > Dec2::whole(1000) => {
                p.push(field, "A scaled step must be from 0 to 1,000.");
            }
            Score::Text(t) => check_text(p, field, "result", t, 200, true),
            _ => {}
        }
    }
}

/// A score with the date it was taken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    pub score: Score,
    pub date: Date,
}

/// Sessions attended out of sessions offered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Attendance {
    pub attended: u32,
    pub offered: u32,
}

/// A pupil in a provision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Enrolment {
    pub id: Uuid,
    pub pupil_id: Uuid,
    pub provision_id: Uuid,
    pub start: Date,
    pub end: Date,
    #[serde(default)]
    pub entry: Option<Assessment>,
    #[serde(default)]
    pub exit: Option<Assessment>,
    #[serde(default)]
    pub attendance: Option<Attendance>,
    #[serde(default)]
    pub notes: String,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

impl Enrolment {
    /// The order enrolments are listed in, and rounding ties settled in:
    /// earliest start, then earliest made, then id.
    pub fn share_order(&self) -> (Date, Timestamp, Uuid) {
        (self.start, self.created_at, self.id)
    }

    pub fn range(&self) -> DateRange {
        DateRange::new(self.start, self.end)
    }

    pub fn validate(&self) -> Problems<EnrolmentField> {
        let mut p = Problems::default();
        if self.end < self.start {
            p.push(
                EnrolmentField::End,
                "The end date is before the start date.",
            );
        }
        if let Some(e) = &self.entry {
            e.score.validate_into(&mut p, EnrolmentField::Entry);
        }
        if let Some(x) = &self.exit {
            x.score.validate_into(&mut p, EnrolmentField::Exit);
        }
        if let (Some(e), Some(x)) = (&self.entry, &self.exit) {
            if e.score.kind() != x.score.kind() {
                p.push(
                    EnrolmentField::Exit,
                    "The exit score must use the same measure as the entry score.",
                );
            }
            if x.date < e.date {
                p.push(
                    EnrolmentField::Exit,
                    "The exit assessment is dated before the entry assessment.",
                );
            }
        }
        if let Some(a) = self.attendance {
            if a.attended > a.offered {
                p.push(
                    EnrolmentField::Attendance,
                    "More sessions attended than offered.",
                );
            }
        }
        check_text(
            &mut p,
            EnrolmentField::Notes,
            "notes",
            &self.notes,
            4000,
            false,
        );
        p
    }
}

/// What a person types to add or edit a provision, before it is checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProvisionDraft {
    pub intervention_id: Option<Uuid>,
    pub name: String,
    pub broad_area: BroadArea,
    pub tier: String,
    /// Role, optional member, and how many staff, as typed.
    pub staff: Vec<(Option<Uuid>, Option<Uuid>, String)>,
    pub sessions_per_week: String,
    pub minutes_per_session: String,
    /// `yyyy-mm-dd` or `dd/mm/yyyy`.
    pub start: String,
    pub end: String,
    pub funding: FundingSource,
    pub fixed_costs: String,
    pub planned_group_size: String,
    pub split: CostSplit,
    pub recurring: bool,
}

impl Default for ProvisionDraft {
    fn default() -> Self {
        ProvisionDraft {
            intervention_id: None,
            name: String::new(),
            broad_area: BroadArea::CognitionAndLearning,
            tier: "wave-2".into(),
            staff: vec![(None, None, "1".into())],
            sessions_per_week: String::new(),
            minutes_per_session: String::new(),
            start: String::new(),
            end: String::new(),
            funding: FundingSource::NotionalSen,
            fixed_costs: "0.00".into(),
            planned_group_size: String::new(),
            split: CostSplit::ActualPupils,
            recurring: false,
        }
    }
}

impl ProvisionDraft {
    /// The draft that edits `p`.
    pub fn of(p: &Provision) -> ProvisionDraft {
        ProvisionDraft {
            intervention_id: p.intervention_id,
            name: p.name.clone(),
            broad_area: p.broad_area,
            tier: p.tier.clone(),
            staff: p
                .staff
                .iter()
                .map(|l| (Some(l.role_id), l.member_id, l.count.to_string()))
                .collect(),
            sessions_per_week: p.sessions_per_week.to_string(),
            minutes_per_session: p.minutes_per_session.to_string(),
            start: p.start.to_string(),
            end: p.end.to_string(),
            funding: p.funding,
            fixed_costs: p.fixed_costs.plain(),
            planned_group_size: p.planned_group_size.to_string(),
            split: p.split,
            recurring: p.recurring,
        }
    }

    /// A draft for a provision of a library entry, with its default delivery.
    pub fn from_intervention(i: &Intervention) -> ProvisionDraft {
        let d = &i.delivery;
        ProvisionDraft {
            intervention_id: Some(i.id),
            name: i.name.clone(),
            broad_area: i
                .broad_areas
                .first()
                .copied()
                .unwrap_or(BroadArea::CognitionAndLearning),
            tier: i.tier.clone(),
            staff: vec![(d.role_id, None, d.staff_count.to_string())],
            sessions_per_week: d.sessions_per_week.to_string(),
            minutes_per_session: d.minutes_per_session.to_string(),
            fixed_costs: (i.fixed_costs + i.resource_costs).plain(),
            planned_group_size: d.group_size.to_string(),
            ..ProvisionDraft::default()
        }
    }

    /// A new provision, or every problem by field.
    pub fn create(&self, now: Timestamp) -> Result<Provision, Problems<ProvisionField>> {
        let blank = Provision {
            id: Uuid::new_v4(),
            intervention_id: None,
            name: String::new(),
            broad_area: self.broad_area,
            tier: String::new(),
            staff: Vec::new(),
            sessions_per_week: 0,
            minutes_per_session: 0,
            start: Date::constant(2000, 1, 1),
            end: Date::constant(2000, 1, 1),
            funding: self.funding,
            fixed_costs: Money::ZERO,
            slots: Vec::new(),
            planned_group_size: 0,
            split: self.split,
            recurring: false,
            planned: false,
            created_at: now,
            updated_at: now,
        };
        self.apply(&blank, now)
    }

    /// `p` changed as the draft says, or every problem by field.
    pub fn apply(
        &self,
        p: &Provision,
        now: Timestamp,
    ) -> Result<Provision, Problems<ProvisionField>> {
        let mut probs = Problems::default();
        let mut whole = |field: ProvisionField, what: &str, text: &str| -> u32 {
            text.trim().parse::<u32>().unwrap_or_else(|_| {
                probs.push(
                    field,
                    format!("Enter {what} as a whole number, like {}.", example(field)),
                );
                0
            })
        };
        let sessions_per_week = whole(
            ProvisionField::SessionsPerWeek,
            "the sessions a week",
            &self.sessions_per_week,
        );
        let minutes_per_session = whole(
            ProvisionField::MinutesPerSession,
            "the minutes per session",
            &self.minutes_per_session,
        );
        let planned_group_size = whole(
            ProvisionField::PlannedGroupSize,
            "the group size",
            &self.planned_group_size,
        );
        let mut staff = Vec::new();
        for (role, member, count) in &self.staff {
            match (role, count.trim().parse::<u32>()) {
                (None, _) => probs.push(
                    ProvisionField::Staff,
                    "Choose the role of each member of staff.",
                ),
                (_, Err(_)) => probs.push(
                    ProvisionField::Staff,
                    "Enter how many staff, as a whole number.",
                ),
                (Some(r), Ok(c)) => staff.push(StaffLine {
                    role_id: *r,
                    member_id: *member,
                    count: c,
                }),
            }
        }
        let mut date = |field: ProvisionField, what: &str, text: &str| -> Option<Date> {
            let d = super::pupil::parse_date(text);
            if d.is_none() {
                probs.push(
                    field,
                    format!("Enter the {what} as a date, like 08/09/2025."),
                );
            }
            d
        };
        let start = date(ProvisionField::Start, "start date", &self.start);
        let end = date(ProvisionField::End, "end date", &self.end);
        let fixed_costs = self.fixed_costs.parse::<Money>().unwrap_or_else(|_| {
            probs.push(
                ProvisionField::FixedCosts,
                "Enter the fixed costs in pounds, like 45.00 (0 for none).",
            );
            Money::ZERO
        });
        let candidate = Provision {
            intervention_id: self.intervention_id,
            name: self.name.trim().to_owned(),
            broad_area: self.broad_area,
            tier: self.tier.clone(),
            staff,
            sessions_per_week,
            minutes_per_session,
            start: start.unwrap_or(p.start),
            end: end.unwrap_or(p.end),
            funding: self.funding,
            fixed_costs,
            planned_group_size,
            split: self.split,
            recurring: self.recurring,
            updated_at: now,
            ..p.clone()
        };
        for e in candidate.validate().0 {
            if probs.for_field(e.field).is_none() {
                probs.0.push(e);
            }
        }
        probs.into_result().map(|()| candidate)
    }
}

fn example(field: ProvisionField) -> &'static str {
    match field {
        ProvisionField::SessionsPerWeek => "3",
        ProvisionField::MinutesPerSession => "30",
        _ => "4",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn now() -> Timestamp {
        "2026-09-01T08:00:00Z".parse().unwrap()
    }

    pub(crate) fn provision() -> Provision {
        Provision {
            id: Uuid::new_v4(),
            intervention_id: None,
            name: "Reading catch-up".into(),
            broad_area: BroadArea::CognitionAndLearning,
            tier: "wave-2".into(),
            staff: vec![StaffLine {
                role_id: Uuid::new_v4(),
                member_id: None,
                count: 1,
            }],
            sessions_per_week: 3,
            minutes_per_session: 20,
            start: date(2025, 9, 8),
            end: date(2025, 12, 12),
            funding: FundingSource::NotionalSen,
            fixed_costs: Money::pounds(50),
            slots: vec![Slot {
                day: SchoolDay::Monday,
                start: Time::constant(9, 15, 0, 0),
            }],
            planned_group_size: 4,
            split: CostSplit::ActualPupils,
            recurring: false,
            planned: false,
            created_at: now(),
            updated_at: now(),
        }
    }

    #[test]
    fn a_sound_provision_is_valid_and_round_trips() {
        let p = provision();
        assert!(p.validate().is_empty(), "{:?}", p.validate());
        assert_eq!(p.staff_minutes_per_week(), 60);
        let json = serde_json::to_string(&p).unwrap();
        assert!(json.contains("\"start\":\"09:15:00\""));
        assert_eq!(serde_json::from_str::<Provision>(&json).unwrap(), p);
    }

    #[test]
    fn impossible_provisions_are_rejected() {
        let mut p = provision();
        p.minutes_per_session = 0;
        p.sessions_per_week = 0;
        p.end = date(2025, 9, 1);
        p.planned_group_size = 0;
        p.fixed_costs = Money(-1);
        p.staff[0].count = 0;
        p.name = String::new();
        let problems = p.validate();
        assert_eq!(
            problems.for_field(ProvisionField::MinutesPerSession),
            Some("Minutes per session must be at least 1.")
        );
        assert_eq!(
            problems.for_field(ProvisionField::SessionsPerWeek),
            Some("Sessions a week must be at least 1.")
        );
        assert_eq!(
            problems.for_field(ProvisionField::End),
            Some("The end date is before the start date.")
        );
        assert_eq!(
            problems.for_field(ProvisionField::PlannedGroupSize),
            Some("The group size must be at least 1.")
        );
        assert_eq!(
            problems.for_field(ProvisionField::FixedCosts),
            Some("Fixed costs cannot be negative.")
        );
        assert!(problems.for_field(ProvisionField::Staff).is_some());
        assert!(problems.for_field(ProvisionField::Name).is_some());

        let mut q = provision();
        q.staff.clear();
        q.minutes_per_session = 600;
        q.planned_group_size = 41;
        q.sessions_per_week = 1;
        let problems = q.validate();
        assert!(problems.for_field(ProvisionField::Staff).is_some());
        assert!(problems
            .for_field(ProvisionField::MinutesPerSession)
            .unwrap()
            .contains("8 hours"));
        assert!(problems
            .for_field(ProvisionField::PlannedGroupSize)
            .is_some());
        assert!(problems.for_field(ProvisionField::Slots).is_none());
        q.slots.push(Slot {
            day: SchoolDay::Friday,
            start: Time::constant(14, 0, 0, 0),
        });
        assert!(q.validate().for_field(ProvisionField::Slots).is_some());

        // Negative minutes cannot even be read.
        let json = serde_json::to_string(&provision())
            .unwrap()
            .replace("\"minutes_per_session\":20", "\"minutes_per_session\":-20");
        let err = serde_json::from_str::<Provision>(&json)
            .unwrap_err()
            .to_string();
        assert!(err.contains("-20"), "{err}");
    }

    #[test]
    fn drafts_become_provisions_field_by_field() {
        let role = Uuid::new_v4();
        let d = ProvisionDraft {
            name: " Reading catch-up ".into(),
            staff: vec![(Some(role), None, "1".into())],
            sessions_per_week: "3".into(),
            minutes_per_session: "20".into(),
            start: "08/09/2025".into(),
            end: "2025-12-12".into(),
            fixed_costs: "£50".into(),
            planned_group_size: "4".into(),
            ..ProvisionDraft::default()
        };
        let p = d.create(now()).unwrap();
        assert_eq!(p.name, "Reading catch-up");
        assert_eq!((p.start, p.end), (date(2025, 9, 8), date(2025, 12, 12)));
        assert_eq!(p.fixed_costs, Money::pounds(50));
        assert_eq!(
            p.staff,
            vec![StaffLine {
                role_id: role,
                member_id: None,
                count: 1
            }]
        );
        assert_eq!(ProvisionDraft::of(&p).apply(&p, now()).unwrap(), p);

        let bad = ProvisionDraft {
            minutes_per_session: "-20".into(),
            sessions_per_week: "three".into(),
            start: "soon".into(),
            staff: vec![(None, None, "1".into()), (Some(role), None, "x".into())],
            fixed_costs: "free".into(),
            planned_group_size: "0".into(),
            ..d.clone()
        };
        let e = bad.create(now()).unwrap_err();
        assert_eq!(
            e.for_field(ProvisionField::MinutesPerSession),
            Some("Enter the minutes per session as a whole number, like 30.")
        );
        assert_eq!(
            e.for_field(ProvisionField::SessionsPerWeek),
            Some("Enter the sessions a week as a whole number, like 3.")
        );
        assert_eq!(
            e.for_field(ProvisionField::Start),
            Some("Enter the start date as a date, like 08/09/2025.")
        );
        assert_eq!(
            e.0.iter()
                .filter(|x| x.field == ProvisionField::Staff)
                .count(),
            2
        );
        assert!(e.for_field(ProvisionField::FixedCosts).is_some());
        assert_eq!(
            e.for_field(ProvisionField::PlannedGroupSize),
            Some("The group size must be at least 1.")
        );
        let backwards = ProvisionDraft {
            end: "01/09/2025".into(),
            ..d
        };
        assert_eq!(
            backwards
                .create(now())
                .unwrap_err()
                .for_field(ProvisionField::End),
            Some("The end date is before the start date.")
        );
    }

    #[test]
    fn interventions_are_checked() {
        let i = Intervention {
            id: Uuid::new_v4(),
            name: "Precision teaching".into(),
            description: String::new(),
            broad_areas: vec![BroadArea::CognitionAndLearning],
            tier: "wave-2".into(),
            delivery: Delivery {
                role_id: None,
                staff_count: 1,
                group_size: 1,
                sessions_per_week: 5,
                minutes_per_session: 10,
                weeks: 10,
            },
            fixed_costs: Money::ZERO,
            resource_costs: Money::pounds(20),
            evidence_note: "EEF: promising".into(),
            outcome_measure: MeasureKind::ReadingAgeMonths,
            created_at: now(),
            updated_at: now(),
        };
        assert!(i.validate().is_empty(), "{:?}", i.validate());
        let d = ProvisionDraft::from_intervention(&i);
        assert_eq!(
            (d.minutes_per_session.as_str(), d.sessions_per_week.as_str()),
            ("10", "5")
        );
        assert_eq!(
            (d.fixed_costs.as_str(), d.planned_group_size.as_str()),
            ("20.00", "1")
        );
        assert_eq!(d.intervention_id, Some(i.id));
        let mut bad = i.clone();
        bad.broad_areas.clear();
        bad.delivery.group_size = 0;
        bad.delivery.weeks = 0;
        bad.delivery.staff_count = 0;
        bad.resource_costs = Money(-5);
        let p = bad.validate();
        assert!(p.for_field(InterventionField::BroadAreas).is_some());
        assert_eq!(
            p.0.iter()
                .filter(|e| e.field == InterventionField::Delivery)
                .count(),
            3
        );
        assert_eq!(
            p.for_field(InterventionField::ResourceCosts),
            Some("Resource costs cannot be negative.")
        );
        let mut big = i;
        big.delivery.group_size = 41;
        big.delivery.staff_count = 11;
        big.delivery.sessions_per_week = 36;
        big.fixed_costs = Money::pounds(1_000_001);
        let p = big.validate();
        assert_eq!(
            p.0.iter()
                .filter(|e| e.field == InterventionField::Delivery)
                .count(),
            3
        );
        assert!(p
            .for_field(InterventionField::FixedCosts)
            .unwrap()
            .contains("check the figure"));
        assert!(MeasureKind::SpellingAgeMonths.is_age() && !MeasureKind::Percentage.is_age());
        assert_eq!(FundingSource::LaTopUp.label(), "LA top-up (element 3)");
    }

    #[test]
    fn scores_are_read_from_what_people_type() {
        use MeasureKind::*;
        assert_eq!(
            Score::parse(StandardisedScore, " 92.5 "),
            Ok(Score::StandardisedScore(Dec2::hundredths(9250)))
        );
        assert_eq!(
            Score::parse(ReadingAgeMonths, "98"),
            Ok(Score::ReadingAgeMonths(98))
        );
        assert_eq!(
            Score::parse(SpellingAgeMonths, "8y"),
            Err("Enter the age in whole months, like 98 (8 years 2 months).".into())
        );
        assert_eq!(
            Score::parse(Percentage, "lots"),
            Err("Enter a number, like 55.".into())
        );
        assert_eq!(
            Score::parse(ScaledStep, "x"),
            Err("Enter a number, like 92.".into())
        );
        assert_eq!(
            Score::parse(Text, " Secure "),
            Ok(Score::Text("Secure".into()))
        );
        for k in MeasureKind::ALL {
            let s = Score::parse(k, if k == Text { "Emerging" } else { "40" }).unwrap();
            assert_eq!(s.kind(), k);
            assert_eq!(Score::parse(k, &s.text()), Ok(s));
            assert!(!k.label().is_empty());
        }
    }

    #[test]
    fn enrolment_scores_must_agree_and_be_plausible() {
        let e = Enrolment {
            id: Uuid::new_v4(),
            pupil_id: Uuid::new_v4(),
            provision_id: Uuid::new_v4(),
            start: date(2025, 9, 8),
            end: date(2025, 12, 12),
            entry: Some(Assessment {
                score: Score::ReadingAgeMonths(84),
                date: date(2025, 9, 8),
            }),
            exit: Some(Assessment {
                score: Score::ReadingAgeMonths(93),
                date: date(2025, 12, 12),
            }),
            attendance: Some(Attendance {
                attended: 38,
                offered: 42,
            }),
            notes: String::new(),
            created_at: now(),
            updated_at: now(),
        };
        assert!(e.validate().is_empty());
        let json = serde_json::to_string(&e).unwrap();
        assert!(
            json.contains(r#"{"measure":"reading_age_months","value":84}"#),
            "{json}"
        );
        assert_eq!(serde_json::from_str::<Enrolment>(&json).unwrap(), e);

        let mut bad = e.clone();
        bad.exit = Some(Assessment {
            score: Score::StandardisedScore(Dec2::whole(170)),
            date: date(2025, 9, 1),
        });
        bad.attendance = Some(Attendance {
            attended: 5,
            offered: 4,
        });
        bad.end = date(2025, 9, 1);
        let p = bad.validate();
        let exit: Vec<_> =
            p.0.iter()
                .filter(|x| x.field == EnrolmentField::Exit)
                .map(|x| x.message.as_str())
                .collect();
        assert_eq!(
            exit,
            [
                "A standardised score must be from 40 to 160.",
                "The exit score must use the same measure as the entry score.",
                "The exit assessment is dated before the entry assessment.",
            ]
        );
        assert!(
            p.for_field(EnrolmentField::Attendance).is_some()
                && p.for_field(EnrolmentField::End).is_some()
        );

        for (s, ok) in [
            (Score::Percentage(Dec2::whole(101)), false),
            (Score::Percentage(Dec2::whole(55)), true),
            (Score::SpellingAgeMonths(301), false),
            (Score::ScaledStep(Dec2::whole(-1)), false),
            (Score::Text(String::new()), false),
            (Score::Text("Secure".into()), true),
        ] {
            let mut q = e.clone();
            q.exit = None;
            q.entry = Some(Assessment {
                score: s.clone(),
                date: date(2025, 9, 8),
            });
            assert_eq!(q.validate().is_empty(), ok, "{s:?}");
        }
        assert_eq!(Score::Text("x".into()).numeric(), None);
        assert_eq!(
            Score::Percentage(Dec2::whole(5)).numeric(),
            Some(super::super::money::Exact::from_integer(5))
        );
    }
}
