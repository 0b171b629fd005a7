//! Enrolments: a pupil in a provision, with entry and exit data.

use jiff::civil::Date;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::Score;
use crate::domain::calendar::DateRange;
use crate::domain::fields::EnrolmentField;
use crate::domain::validation::{check_text, Problems};

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
    #[schemars(length(max = 4000))]
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
