//! Support plans: the assess-plan-do-review cycle, per pupil per term.

use jiff::civil::Date;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::calendar::TermName;
use super::validation::{check_text, Problems};

/// How far an outcome was met at review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewResult {
    Achieved,
    Partly,
    NotYet,
}

impl ReviewResult {
    pub fn label(self) -> &'static str {
        match self {
            ReviewResult::Achieved => "Achieved",
            ReviewResult::Partly => "Partly achieved",
            ReviewResult::NotYet => "Not yet achieved",
        }
    }
}

/// One target in a support plan, with its review result once reviewed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    pub text: String,
    #[serde(default)]
    pub result: Option<ReviewResult>,
}

/// A pupil's support plan for one term.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SupportPlan {
    pub id: Uuid,
    pub pupil_id: Uuid,
    pub start_year: i16,
    pub term: TermName,
    pub outcomes: Vec<Outcome>,
    #[serde(default)]
    pub provision_ids: Vec<Uuid>,
    #[serde(default)]
    pub review_date: Option<Date>,
    #[serde(default)]
    pub pupil_views: String,
    #[serde(default)]
    pub parent_views: String,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

impl SupportPlan {
    pub fn validate(&self) -> Problems {
        let mut p = Problems::default();
        if self.outcomes.is_empty() {
            p.push("outcomes", "Add at least one outcome.");
        }
        for o in &self.outcomes {
            check_text(&mut p, "outcomes", "outcome", &o.text, 1000, true);
        }
        check_text(
            &mut p,
            "pupil_views",
            "pupil's views",
            &self.pupil_views,
            4000,
            false,
        );
        check_text(
            &mut p,
            "parent_views",
            "parents' views",
            &self.parent_views,
            4000,
            false,
        );
        let mut ids = self.provision_ids.clone();
        ids.sort_unstable();
        if ids.windows(2).any(|w| w[0] == w[1]) {
            p.push("provision_ids", "A provision is linked twice.");
        }
        p
    }

    /// Outcomes reviewed so far, and how many were achieved.
    pub fn reviewed(&self) -> (usize, usize) {
        let reviewed = self.outcomes.iter().filter(|o| o.result.is_some()).count();
        let achieved = self
            .outcomes
            .iter()
            .filter(|o| o.result == Some(ReviewResult::Achieved))
            .count();
        (reviewed, achieved)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plans_are_checked_and_summarised() {
        let now: Timestamp = "2026-09-01T08:00:00Z".parse().unwrap();
        let prov = Uuid::new_v4();
        let mut plan = SupportPlan {
            id: Uuid::new_v4(),
            pupil_id: Uuid::new_v4(),
            start_year: 2025,
            term: TermName::Autumn,
            outcomes: vec![
                Outcome {
                    text: "Reads 40 high-frequency words".into(),
                    result: Some(ReviewResult::Achieved),
                },
                Outcome {
                    text: "Asks for help when stuck".into(),
                    result: Some(ReviewResult::Partly),
                },
                Outcome {
                    text: "Writes a sentence unaided".into(),
                    result: None,
                },
            ],
            provision_ids: vec![prov],
            review_date: Some(jiff::civil::date(2025, 12, 10)),
            pupil_views: "I like the word games.".into(),
            parent_views: String::new(),
            created_at: now,
            updated_at: now,
        };
        assert!(plan.validate().is_empty());
        assert_eq!(plan.reviewed(), (2, 1));
        assert_eq!(ReviewResult::NotYet.label(), "Not yet achieved");
        let json = serde_json::to_string(&plan).unwrap();
        assert_eq!(serde_json::from_str::<SupportPlan>(&json).unwrap(), plan);
        plan.provision_ids.push(prov);
        plan.outcomes.push(Outcome {
            text: " ".into(),
            result: None,
        });
        let p = plan.validate();
        assert!(p.for_field("provision_ids").is_some() && p.for_field("outcomes").is_some());
        plan.outcomes.clear();
        assert_eq!(
            plan.validate().for_field("outcomes"),
            Some("Add at least one outcome.")
        );
    }
}
