//! What a person types to add or edit a provision, before it is checked.

use jiff::civil::Date;
use jiff::Timestamp;
use uuid::Uuid;

use super::{CostSplit, FundingSource, Intervention, Provision, StaffLine};
use crate::domain::fields::ProvisionField;
use crate::domain::money::Money;
use crate::domain::needs::BroadArea;
use crate::domain::validation::Problems;

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
            let d = crate::domain::pupil::parse_date(text);
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
