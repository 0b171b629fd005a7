//! The intervention library: what a person types to add or edit an entry.

use jiff::Timestamp;
use uuid::Uuid;

use super::fields::InterventionField;
use super::money::Money;
use super::needs::BroadArea;
use super::provision::{Delivery, Intervention, MeasureKind};
use super::validation::Problems;

/// An intervention as typed, before it is checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InterventionDraft {
    pub name: String,
    pub description: String,
    pub broad_areas: Vec<BroadArea>,
    pub tier: String,
    pub role_id: Option<Uuid>,
    pub staff_count: String,
    pub group_size: String,
    pub sessions_per_week: String,
    pub minutes_per_session: String,
    pub weeks: String,
    pub fixed_costs: String,
    pub resource_costs: String,
    pub evidence_note: String,
    pub outcome_measure: MeasureKind,
}

impl Default for InterventionDraft {
    fn default() -> Self {
        InterventionDraft {
            name: String::new(),
            description: String::new(),
            broad_areas: Vec::new(),
            tier: "wave-2".into(),
            role_id: None,
            staff_count: "1".into(),
            group_size: String::new(),
            sessions_per_week: String::new(),
            minutes_per_session: String::new(),
            weeks: String::new(),
            fixed_costs: "0.00".into(),
            resource_costs: "0.00".into(),
            evidence_note: String::new(),
            outcome_measure: MeasureKind::StandardisedScore,
        }
    }
}

impl InterventionDraft {
    /// The draft that edits `i`.
    pub fn of(i: &Intervention) -> InterventionDraft {
        let d = &i.delivery;
        InterventionDraft {
            name: i.name.clone(),
            description: i.description.clone(),
            broad_areas: i.broad_areas.clone(),
            tier: i.tier.clone(),
            role_id: d.role_id,
            staff_count: d.staff_count.to_string(),
            group_size: d.group_size.to_string(),
            sessions_per_week: d.sessions_per_week.to_string(),
            minutes_per_session: d.minutes_per_session.to_string(),
            weeks: d.weeks.to_string(),
            fixed_costs: i.fixed_costs.plain(),
            resource_costs: i.resource_costs.plain(),
            evidence_note: i.evidence_note.clone(),
            outcome_measure: i.outcome_measure,
        }
    }

    /// Tick or untick one broad area.
    pub fn toggle_area(&mut self, area: BroadArea, on: bool) {
        self.broad_areas.retain(|a| *a != area);
        if on {
            self.broad_areas.push(area);
            crate::domain::sort::by(&mut self.broad_areas, Ord::cmp);
        }
    }

    /// A new library entry, or every problem by field.
    pub fn create(&self, now: Timestamp) -> Result<Intervention, Problems<InterventionField>> {
        let blank = Intervention {
            id: Uuid::new_v4(),
            name: String::new(),
            description: String::new(),
            broad_areas: Vec::new(),
            tier: String::new(),
            delivery: Delivery {
                role_id: None,
                staff_count: 1,
                group_size: 1,
                sessions_per_week: 1,
                minutes_per_session: 1,
                weeks: 1,
            },
            fixed_costs: Money::ZERO,
            resource_costs: Money::ZERO,
            evidence_note: String::new(),
            outcome_measure: self.outcome_measure,
            created_at: now,
            updated_at: now,
        };
        self.apply(&blank, now)
    }

    /// `i` changed as the draft says, or every problem by field. Each field
    /// that cannot be read is named; the entry's own rules are checked too.
    pub fn apply(
        &self,
        i: &Intervention,
        now: Timestamp,
    ) -> Result<Intervention, Problems<InterventionField>> {
        let mut p = Problems::default();
        let mut whole = |field: InterventionField, what: &str, text: &str, eg: &str| -> u32 {
            text.trim().parse::<u32>().unwrap_or_else(|_| {
                p.push(field, format!("Enter {what} as a whole number, like {eg}."));
                0
            })
        };
        let staff_count = whole(
            InterventionField::StaffCount,
            "how many staff",
            &self.staff_count,
            "1",
        );
        let group_size = whole(
            InterventionField::GroupSize,
            "the group size",
            &self.group_size,
            "4",
        );
        let sessions_per_week = whole(
            InterventionField::SessionsPerWeek,
            "the sessions a week",
            &self.sessions_per_week,
            "3",
        );
        let minutes_per_session = whole(
            InterventionField::MinutesPerSession,
            "the minutes per session",
            &self.minutes_per_session,
            "30",
        );
        let weeks = whole(
            InterventionField::Weeks,
            "the number of weeks",
            &self.weeks,
            "10",
        );
        let mut money = |field: InterventionField, what: &str, text: &str| -> Money {
            text.parse::<Money>().unwrap_or_else(|_| {
                p.push(
                    field,
                    format!("Enter the {what} in pounds, like 45.00 (0 for none)."),
                );
                Money::ZERO
            })
        };
        let fixed_costs = money(
            InterventionField::FixedCosts,
            "fixed costs",
            &self.fixed_costs,
        );
        let resource_costs = money(
            InterventionField::ResourceCosts,
            "resource costs",
            &self.resource_costs,
        );
        let candidate = Intervention {
            name: self.name.trim().to_owned(),
            description: self.description.trim().to_owned(),
            broad_areas: self.broad_areas.clone(),
            tier: self.tier.clone(),
            delivery: Delivery {
                role_id: self.role_id,
                staff_count,
                group_size,
                sessions_per_week,
                minutes_per_session,
                weeks,
            },
            fixed_costs,
            resource_costs,
            evidence_note: self.evidence_note.trim().to_owned(),
            outcome_measure: self.outcome_measure,
            updated_at: now,
            ..i.clone()
        };
        // The entry's own rules, for fields not already faulted above.
        let typed = [
            InterventionField::StaffCount,
            InterventionField::GroupSize,
            InterventionField::SessionsPerWeek,
            InterventionField::MinutesPerSession,
            InterventionField::Weeks,
        ];
        for e in candidate.validate().0 {
            let already = if e.field == InterventionField::Delivery {
                typed.iter().any(|f| p.has(*f))
            } else {
                p.for_field(e.field).is_some()
            };
            if !already {
                p.0.push(e);
            }
        }
        p.into_result().map(|()| candidate)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> Timestamp {
        "2026-09-01T08:00:00Z".parse().unwrap()
    }

    fn draft() -> InterventionDraft {
        let mut d = InterventionDraft {
            name: " Toe by Toe ".into(),
            group_size: "1".into(),
            sessions_per_week: "5".into(),
            minutes_per_session: "20".into(),
            weeks: "12".into(),
            resource_costs: "30".into(),
            ..InterventionDraft::default()
        };
        d.toggle_area(BroadArea::Semh, true);
        d.toggle_area(BroadArea::CognitionAndLearning, true);
        d
    }

    #[test]
    fn a_typed_entry_becomes_an_intervention_and_back() {
        let i = draft().create(now()).unwrap();
        assert_eq!(i.name, "Toe by Toe");
        assert_eq!(
            i.broad_areas,
            [BroadArea::CognitionAndLearning, BroadArea::Semh]
        );
        assert_eq!(i.delivery.weeks, 12);
        assert_eq!(i.resource_costs, Money::pounds(30));
        let again = InterventionDraft::of(&i);
        assert_eq!(again.apply(&i, now()).unwrap(), i);
        let mut d = again;
        d.toggle_area(BroadArea::Semh, false);
        d.weeks = "10".into();
        let later: Timestamp = "2026-10-01T08:00:00Z".parse().unwrap();
        let edited = d.apply(&i, later).unwrap();
        assert_eq!(edited.id, i.id);
        assert_eq!(edited.created_at, i.created_at);
        assert_eq!(edited.broad_areas, [BroadArea::CognitionAndLearning]);
        assert_eq!(edited.delivery.weeks, 10);
        assert_eq!(edited.updated_at, later);
    }

    #[test]
    fn every_bad_field_is_named() {
        let d = InterventionDraft {
            name: String::new(),
            weeks: "ten".into(),
            group_size: "0".into(),
            fixed_costs: "£abc".into(),
            ..InterventionDraft::default()
        };
        let p = d.create(now()).unwrap_err();
        assert_eq!(
            p.for_field(InterventionField::Weeks),
            Some("Enter the number of weeks as a whole number, like 10.")
        );
        assert!(p.for_field(InterventionField::SessionsPerWeek).is_some());
        assert!(p.for_field(InterventionField::Name).is_some());
        assert!(p.for_field(InterventionField::BroadAreas).is_some());
        assert!(p.for_field(InterventionField::FixedCosts).is_some());
        // The typed-number faults stand for the delivery rules: not said twice.
        assert!(p.for_field(InterventionField::Delivery).is_none());
        let mut ok = draft();
        ok.weeks = "60".into();
        assert_eq!(
            ok.create(now())
                .unwrap_err()
                .for_field(InterventionField::Delivery),
            Some("The number of weeks must be from 1 to 52.")
        );
    }
}
