//! Provisions: running groups or 1:1 support, who delivers them, when,
//! and the funding source each is charged to.

use jiff::civil::{Date, Time};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{check_counts, check_money};
use crate::domain::calendar::DateRange;
use crate::domain::fields::ProvisionField;
use crate::domain::money::Money;
use crate::domain::needs::BroadArea;
use crate::domain::validation::{check_text, Problems};

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

/// Who delivers a provision: a role, optionally a named member, and how many.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StaffLine {
    pub role_id: Uuid,
    #[serde(default)]
    pub member_id: Option<Uuid>,
    #[schemars(range(min = 1, max = 10))]
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

impl SchoolDay {
    pub const ALL: [SchoolDay; 5] = [
        SchoolDay::Monday,
        SchoolDay::Tuesday,
        SchoolDay::Wednesday,
        SchoolDay::Thursday,
        SchoolDay::Friday,
    ];

    pub fn label(self) -> &'static str {
        match self {
            SchoolDay::Monday => "Monday",
            SchoolDay::Tuesday => "Tuesday",
            SchoolDay::Wednesday => "Wednesday",
            SchoolDay::Thursday => "Thursday",
            SchoolDay::Friday => "Friday",
        }
    }

    /// The school day `d` falls on; `None` at a weekend.
    pub fn of(d: Date) -> Option<SchoolDay> {
        use jiff::civil::Weekday;
        match d.weekday() {
            Weekday::Monday => Some(SchoolDay::Monday),
            Weekday::Tuesday => Some(SchoolDay::Tuesday),
            Weekday::Wednesday => Some(SchoolDay::Wednesday),
            Weekday::Thursday => Some(SchoolDay::Thursday),
            Weekday::Friday => Some(SchoolDay::Friday),
            Weekday::Saturday | Weekday::Sunday => None,
        }
    }

    /// Days after Monday: 0 to 4.
    pub fn offset(self) -> i64 {
        match self {
            SchoolDay::Monday => 0,
            SchoolDay::Tuesday => 1,
            SchoolDay::Wednesday => 2,
            SchoolDay::Thursday => 3,
            SchoolDay::Friday => 4,
        }
    }
}

/// When a session runs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Slot {
    pub day: SchoolDay,
    pub start: Time,
    /// Where it runs, if the school gives rooms (none before schema and
    /// format version 4).
    #[serde(default)]
    #[schemars(length(max = 40))]
    pub room: String,
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

impl CostSplit {
    pub const ALL: [CostSplit; 2] = [CostSplit::ActualPupils, CostSplit::PlannedGroupSize];

    /// Among whom the cost is shared, as a form offers it.
    pub fn label(self) -> &'static str {
        match self {
            CostSplit::ActualPupils => "The pupils enrolled",
            CostSplit::PlannedGroupSize => "A full group at the planned size",
        }
    }
}

/// A running group or 1:1 support.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Provision {
    pub id: Uuid,
    /// The library entry it runs, or none for ad hoc provision.
    pub intervention_id: Option<Uuid>,
    #[schemars(length(max = 100))]
    pub name: String,
    pub broad_area: BroadArea,
    /// The id of a tier in the school's settings.
    #[schemars(length(max = 40))]
    pub tier: String,
    #[schemars(length(max = 10))]
    pub staff: Vec<StaffLine>,
    #[schemars(range(min = 1, max = 35))]
    pub sessions_per_week: u32,
    #[schemars(range(min = 1, max = 480))]
    pub minutes_per_session: u32,
    #[schemars(regex(pattern = r"^(20[0-9]{2}|210[01])-[0-9]{2}-[0-9]{2}$"))]
    pub start: Date,
    #[schemars(regex(pattern = r"^(20[0-9]{2}|210[01])-[0-9]{2}-[0-9]{2}$"))]
    pub end: Date,
    pub funding: FundingSource,
    #[schemars(range(min = 0, max = 100_000_000))]
    pub fixed_costs: Money,
    #[serde(default)]
    pub slots: Vec<Slot>,
    #[schemars(range(min = 1, max = 40))]
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
        // Summed wide: counts from a file could wrap a u32 to a small total.
        let staff: u64 = self.staff.iter().map(|l| u64::from(l.count)).sum();
        check_counts(
            &mut p,
            ProvisionField::SessionsPerWeek,
            u32::try_from(staff).unwrap_or(u32::MAX).max(1),
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
        if self.staff.len() > crate::domain::limits::MAX_STAFF_LINES {
            p.push(
                ProvisionField::Staff,
                "More than 10 staff lines: check the figures.",
            );
        }
        if self.end < self.start {
            p.push(
                ProvisionField::End,
                "The end date is before the start date.",
            );
        }
        let dates = crate::domain::limits::date_range();
        if !(dates.contains(self.start) && dates.contains(self.end)) {
            p.push(
                ProvisionField::End,
                format!("A provision's dates must fall from {dates}."),
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
        for s in &self.slots {
            check_text(&mut p, ProvisionField::Slots, "room", &s.room, 40, false);
        }
        let mut times: Vec<(SchoolDay, Time)> =
            self.slots.iter().map(|s| (s.day, s.start)).collect();
        crate::domain::sort::by(&mut times, Ord::cmp);
        if times.windows(2).any(|w| w[0] == w[1]) {
            p.push(
                ProvisionField::Slots,
                "Two timetable slots are on the same day at the same time.",
            );
        }
        p
    }
}
