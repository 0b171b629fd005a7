//! Interventions (the library), provisions (running groups or 1:1 support),
//! enrolments of pupils in them, and the funding sources they are charged to.

mod draft;
mod enrolment;
mod intervention;
mod record;
mod score;
#[cfg(test)]
mod tests;

pub use draft::ProvisionDraft;
pub use enrolment::{Assessment, Attendance, Enrolment};
pub use intervention::{Delivery, Intervention};
pub use record::{CostSplit, FundingSource, Provision, SchoolDay, Slot, StaffLine};
pub use score::{MeasureKind, Score};

use crate::domain::money::Money;
use crate::domain::validation::{FieldName, Problems};

pub(super) fn check_counts<F: FieldName>(
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

pub(super) fn check_money<F: FieldName>(p: &mut Problems<F>, field: F, what: &str, m: Money) {
    if m.is_negative() {
        p.push(field, format!("{what} cannot be negative."));
    } else if m > Money::pounds(1_000_000) {
        p.push(
            field,
            format!("{what} are over £1,000,000: check the figure."),
        );
    }
}
