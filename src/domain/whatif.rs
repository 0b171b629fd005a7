//! What-if: change a provision's sessions, group size or length in weeks and
//! see the effect on the year's budgets before saving anything.

use jiff::civil::Date;
use jiff::ToSpan;
use uuid::Uuid;

use super::calendar::{weeks_in, DateRange};
use super::costing::{budget_lines_in, cost_provision, BudgetLine};
use super::dataset::Dataset;
use super::fields::ProvisionField;
use super::money::{Exact, Money};
use super::provision::{Enrolment, Provision};
use super::validation::Problems;

/// The last date on which `start`..=date holds at least `weeks` teaching
/// weeks of the school's calendar; `None` if the calendar runs out first.
pub fn end_after_weeks(data: &Dataset, start: Date, weeks: u32) -> Option<Date> {
    let target = Exact::from_integer(i128::from(weeks));
    let last = data
        .settings
        .years
        .iter()
        .filter_map(|y| y.range())
        .map(|r| r.end)
        .max()?;
    let mut day = start;
    while day <= last {
        if weeks_in(&data.settings.years, &DateRange::new(start, day)) >= target {
            return Some(day);
        }
        day = day.checked_add(1.day()).ok()?;
    }
    None
}

/// The three things a what-if changes, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WhatIfDraft {
    pub sessions_per_week: String,
    pub planned_group_size: String,
    pub weeks: String,
}

/// A provision before and after a what-if, and the year's budgets each way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WhatIf {
    pub changed: Provision,
    /// Enrolments that ran to the old end date, moved to the new one.
    pub enrolments: Vec<Enrolment>,
    pub weeks_before: Exact,
    pub cost_before: Money,
    pub cost_after: Money,
    pub per_pupil_before: Option<Money>,
    pub per_pupil_after: Option<Money>,
    pub before: Vec<BudgetLine>,
    pub after: Vec<BudgetLine>,
}

impl WhatIfDraft {
    /// The draft that starts from `p` as it is.
    pub fn of(data: &Dataset, p: &Provision) -> WhatIfDraft {
        let weeks = weeks_in(&data.settings.years, &p.range());
        WhatIfDraft {
            sessions_per_week: p.sessions_per_week.to_string(),
            planned_group_size: p.planned_group_size.to_string(),
            weeks: weeks.round().to_integer().to_string(),
        }
    }

    /// The effect of the draft on provision `id`, in the academic year
    /// starting `start_year` as of `as_of`; or every problem by field.
    pub fn evaluate(
        &self,
        data: &Dataset,
        id: Uuid,
        start_year: i16,
        as_of: Date,
    ) -> Result<WhatIf, Problems<ProvisionField>> {
        self.evaluate_in(
            data,
            id,
            &super::budget_year::BudgetPeriod::academic(start_year),
            as_of,
        )
    }

    /// The effect of the draft on provision `id` on the budgets of
    /// `period` (an academic or a financial year) as of `as_of`; or every
    /// problem by field.
    pub fn evaluate_in(
        &self,
        data: &Dataset,
        id: Uuid,
        period: &super::budget_year::BudgetPeriod,
        as_of: Date,
    ) -> Result<WhatIf, Problems<ProvisionField>> {
        let mut probs = Problems::default();
        let Some(p) = data.provision(id) else {
            probs.push(ProvisionField::Id, "Choose a provision.");
            return Err(probs);
        };
        let mut whole = |field: ProvisionField, what: &str, text: &str, eg: &str| {
            text.trim()
                .parse::<u32>()
                .ok()
                .filter(|n| *n > 0)
                .unwrap_or_else(|| {
                    probs.push(
                        field,
                        format!("Enter {what} as a whole number from 1, like {eg}."),
                    );
                    0
                })
        };
        let sessions = whole(
            ProvisionField::SessionsPerWeek,
            "the sessions a week",
            &self.sessions_per_week,
            "3",
        );
        let group = whole(
            ProvisionField::PlannedGroupSize,
            "the group size",
            &self.planned_group_size,
            "4",
        );
        let weeks = whole(
            ProvisionField::Weeks,
            "the number of weeks",
            &self.weeks,
            "10",
        );
        let weeks_before = weeks_in(&data.settings.years, &p.range());
        // The weeks shown are rounded: left as shown, the end date stays.
        let end = if i128::from(weeks) == weeks_before.round().to_integer() {
            Some(p.end)
        } else if weeks > 0 {
            let end = end_after_weeks(data, p.start, weeks);
            if end.is_none() {
                probs.push(
                    ProvisionField::Weeks,
                    "The school calendar ends before that many weeks: add the next academic year in Settings first.",
                );
            }
            end
        } else {
            None
        };
        let changed = Provision {
            sessions_per_week: sessions,
            planned_group_size: group,
            end: end.unwrap_or(p.end),
            ..p.clone()
        };
        probs.extend_new(changed.validate());
        probs.into_result()?;
        let mut after_data = data.clone();
        if let Some(slot) = after_data.provisions.iter_mut().find(|x| x.id == id) {
            *slot = changed.clone();
        }
        // Enrolments that ran to the old end run to the new one; none runs past it.
        let mut moved = Vec::new();
        for e in after_data
            .enrolments
            .iter_mut()
            .filter(|e| e.provision_id == id)
        {
            if (e.end == p.end || e.end > changed.end) && e.end != changed.end {
                e.end = changed.end.max(e.start);
                moved.push(e.clone());
            }
        }
        let whole_cost = |d: &Dataset, q: &Provision| {
            let es: Vec<_> = d
                .enrolments
                .iter()
                .filter(|e| e.provision_id == q.id)
                .collect();
            cost_provision(q, d, &es, &q.range()).ok()
        };
        let before_cost = whole_cost(data, p);
        let after_cost = whole_cost(&after_data, &changed);
        let lines = |d: &Dataset| budget_lines_in(d, period, as_of).unwrap_or_default();
        Ok(WhatIf {
            weeks_before,
            cost_before: before_cost.as_ref().map(|c| c.total).unwrap_or_default(),
            cost_after: after_cost.as_ref().map(|c| c.total).unwrap_or_default(),
            per_pupil_before: before_cost.and_then(|c| c.mean_per_pupil()),
            per_pupil_after: after_cost.and_then(|c| c.mean_per_pupil()),
            before: lines(data),
            after: lines(&after_data),
            changed,
            enrolments: moved,
        })
    }
}
