//! Support plans: the assess-plan-do-review cycle, per pupil per term.

use jiff::civil::Date;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::calendar::TermName;
use super::fields::PlanField;
use super::validation::{check_text, Problems};

/// How far an outcome was met at review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    #[schemars(length(max = 1000))]
    pub text: String,
    #[serde(default)]
    pub result: Option<ReviewResult>,
}

/// A pupil's support plan for one term.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
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
    #[schemars(length(max = 4000))]
    pub pupil_views: String,
    #[serde(default)]
    #[schemars(length(max = 4000))]
    pub parent_views: String,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

impl SupportPlan {
    pub fn validate(&self) -> Problems<PlanField> {
        let mut p = Problems::default();
        if self.outcomes.is_empty() {
            p.push(PlanField::Outcomes, "Add at least one outcome.");
        }
        for o in &self.outcomes {
            check_text(&mut p, PlanField::Outcomes, "outcome", &o.text, 1000, true);
        }
        check_text(
            &mut p,
            PlanField::PupilViews,
            "pupil's views",
            &self.pupil_views,
            4000,
            false,
        );
        check_text(
            &mut p,
            PlanField::ParentViews,
            "parents' views",
            &self.parent_views,
            4000,
            false,
        );
        let mut ids = self.provision_ids.clone();
        crate::domain::sort::by(&mut ids, Ord::cmp);
        if ids.windows(2).any(|w| w[0] == w[1]) {
            p.push(PlanField::ProvisionIds, "A provision is linked twice.");
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

/// A support plan as typed on the pupil page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanDraft {
    pub start_year: i16,
    pub term: TermName,
    /// Each outcome's text and, once reviewed, its result.
    pub outcomes: Vec<(String, Option<ReviewResult>)>,
    pub provision_ids: Vec<Uuid>,
    /// `yyyy-mm-dd` or `dd/mm/yyyy`; empty for none yet.
    pub review_date: String,
    pub pupil_views: String,
    pub parent_views: String,
}

impl PlanDraft {
    /// An empty plan for a term, with one outcome to fill in.
    pub fn new(start_year: i16, term: TermName) -> PlanDraft {
        PlanDraft {
            start_year,
            term,
            outcomes: vec![(String::new(), None)],
            provision_ids: Vec::new(),
            review_date: String::new(),
            pupil_views: String::new(),
            parent_views: String::new(),
        }
    }

    pub fn of(p: &SupportPlan) -> PlanDraft {
        PlanDraft {
            start_year: p.start_year,
            term: p.term,
            outcomes: p
                .outcomes
                .iter()
                .map(|o| (o.text.clone(), o.result))
                .collect(),
            provision_ids: p.provision_ids.clone(),
            review_date: p.review_date.map(|d| d.to_string()).unwrap_or_default(),
            pupil_views: p.pupil_views.clone(),
            parent_views: p.parent_views.clone(),
        }
    }

    /// The plan this draft makes for `pupil_id`: `existing` is the plan it
    /// edits, if any, and `others` the pupil's other plans (one a term).
    /// Blank outcome lines are dropped; every problem is named by field.
    pub fn build(
        &self,
        pupil_id: Uuid,
        existing: Option<&SupportPlan>,
        others: &[&SupportPlan],
        now: Timestamp,
    ) -> Result<SupportPlan, Problems<PlanField>> {
        let mut probs = Problems::default();
        let review_date = if self.review_date.trim().is_empty() {
            None
        } else {
            let d = super::pupil::parse_date(&self.review_date);
            if d.is_none() {
                probs.push(
                    PlanField::ReviewDate,
                    "Enter the review date as a date, like 10/12/2025.",
                );
            }
            d
        };
        if others.iter().any(|o| {
            Some(o.id) != existing.map(|e| e.id)
                && o.start_year == self.start_year
                && o.term == self.term
        }) {
            probs.push(
                PlanField::Term,
                format!(
                    "This pupil already has a plan for {}: edit that one.",
                    super::calendar::term_label(self.start_year, self.term)
                ),
            );
        }
        let plan = SupportPlan {
            id: existing.map_or_else(Uuid::new_v4, |e| e.id),
            pupil_id,
            start_year: self.start_year,
            term: self.term,
            outcomes: self
                .outcomes
                .iter()
                .filter(|(t, _)| !t.trim().is_empty())
                .map(|(t, r)| Outcome {
                    text: t.trim().to_owned(),
                    result: *r,
                })
                .collect(),
            provision_ids: self.provision_ids.clone(),
            review_date,
            pupil_views: self.pupil_views.trim().to_owned(),
            parent_views: self.parent_views.trim().to_owned(),
            created_at: existing.map_or(now, |e| e.created_at),
            updated_at: now,
        };
        for e in plan.validate().0 {
            if probs.for_field(e.field).is_none() {
                probs.0.push(e);
            }
        }
        probs.into_result().map(|()| plan)
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
        assert!(
            p.for_field(PlanField::ProvisionIds).is_some()
                && p.for_field(PlanField::Outcomes).is_some()
        );
        plan.outcomes.clear();
        assert_eq!(
            plan.validate().for_field(PlanField::Outcomes),
            Some("Add at least one outcome.")
        );
    }

    #[test]
    fn a_drafted_plan_is_one_a_term_and_keeps_its_identity() {
        let now: Timestamp = "2026-09-01T08:00:00Z".parse().unwrap();
        let later: Timestamp = "2026-12-01T08:00:00Z".parse().unwrap();
        let pupil = Uuid::new_v4();
        let mut d = PlanDraft::new(2026, TermName::Autumn);
        d.outcomes = vec![
            (" Reads 40 words ".into(), None),
            ("  ".into(), None),
            ("Asks for help".into(), None),
        ];
        d.review_date = "10/12/2026".into();
        let plan = d.build(pupil, None, &[], now).unwrap();
        assert_eq!(plan.outcomes.len(), 2);
        assert_eq!(plan.outcomes[0].text, "Reads 40 words");
        assert_eq!(plan.review_date, Some(jiff::civil::date(2026, 12, 10)));

        // Reviewing it keeps its id and creation time.
        let mut review = PlanDraft::of(&plan);
        review.outcomes[0].1 = Some(ReviewResult::Achieved);
        let reviewed = review.build(pupil, Some(&plan), &[&plan], later).unwrap();
        assert_eq!((reviewed.id, reviewed.created_at), (plan.id, now));
        assert_eq!(reviewed.reviewed(), (1, 1));

        // A second plan for the same term is refused; another term is fine.
        let p = d.build(pupil, None, &[&plan], now).unwrap_err();
        assert_eq!(
            p.for_field(PlanField::Term),
            Some("This pupil already has a plan for Autumn 2026-27: edit that one.")
        );
        d.term = TermName::Spring;
        assert!(d.build(pupil, None, &[&plan], now).is_ok());
        d.review_date = "soon".into();
        d.outcomes = vec![(String::new(), None)];
        let p = d.build(pupil, None, &[], now).unwrap_err();
        assert!(p.for_field(PlanField::ReviewDate).is_some());
        assert_eq!(
            p.for_field(PlanField::Outcomes),
            Some("Add at least one outcome.")
        );
    }
}
