//! Interventions: the library of programmes a provision can start from.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{check_counts, check_money, MeasureKind};
use crate::domain::fields::InterventionField;
use crate::domain::money::Money;
use crate::domain::needs::BroadArea;
use crate::domain::validation::{check_text, Problems};

/// How a default intervention is delivered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Delivery {
    pub role_id: Option<Uuid>,
    #[schemars(range(min = 1, max = 10))]
    pub staff_count: u32,
    #[schemars(range(min = 1, max = 40))]
    pub group_size: u32,
    #[schemars(range(min = 1, max = 35))]
    pub sessions_per_week: u32,
    #[schemars(range(min = 1, max = 480))]
    pub minutes_per_session: u32,
    #[schemars(range(min = 1, max = 52))]
    pub weeks: u32,
}

/// An entry in the school's intervention library.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Intervention {
    pub id: Uuid,
    #[schemars(length(max = 100))]
    pub name: String,
    #[schemars(length(max = 4000))]
    pub description: String,
    pub broad_areas: Vec<BroadArea>,
    /// The id of a tier in the school's settings (for example `wave-2`).
    #[schemars(length(max = 40))]
    pub tier: String,
    pub delivery: Delivery,
    #[schemars(range(min = 0, max = 100000000))]
    pub fixed_costs: Money,
    #[schemars(range(min = 0, max = 100000000))]
    pub resource_costs: Money,
    #[schemars(length(max = 4000))]
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
