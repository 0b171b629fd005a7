//! Session records: what happened at one session of a provision, as a
//! teaching assistant records it on the register. A session was delivered
//! (with the pupils who were absent: "all present" is one record with no
//! one absent) or cancelled, with a reason (staff absence, a trip): a
//! cancelled session is money spent on nothing, so it is reported.
//!
//! A record is kept per provision, date and start time (at most one for
//! each). What a record may say is checked when it is made
//! ([`crate::domain::commands::record_session`]): the date is a school day
//! within the provision's dates, and the absent pupils had a place in it
//! that day. Those rules depend on other records (the calendar, the
//! provision's dates, the places), which can change after a session was
//! recorded; so a stored record that no longer fits them is not an invalid
//! dataset, it is left out of the figures where it does not fit (see
//! [`crate::domain::attendance`]). The dataset itself checks only what no
//! later edit elsewhere can break: the provision and the pupils exist, and
//! one record per provision, date and start time.

use jiff::civil::{Date, Time};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::fields::SessionField;
use super::validation::{check_text, Problems};

/// The most pupils one session record lists as absent (a provision's
/// group is at most 40 places; a place can change hands within a term).
pub const MAX_ABSENT: usize = 100;

/// Why a session did not run.
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
pub enum CancelReason {
    /// The member of staff who delivers it was absent or taken elsewhere.
    StaffAbsence,
    /// A trip, a performance or another event in the school day.
    Trip,
    /// The pupils were not available (assessments, illness of the group).
    PupilsUnavailable,
    Other,
}

impl CancelReason {
    pub const ALL: [CancelReason; 4] = [
        CancelReason::StaffAbsence,
        CancelReason::Trip,
        CancelReason::PupilsUnavailable,
        CancelReason::Other,
    ];

    pub fn label(self) -> &'static str {
        match self {
            CancelReason::StaffAbsence => "Staff absence",
            CancelReason::Trip => "Trip or event",
            CancelReason::PupilsUnavailable => "Pupils unavailable",
            CancelReason::Other => "Other",
        }
    }
}

/// What happened at a session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum SessionOutcome {
    /// It ran; these pupils (ids) were absent. Empty: all present.
    Delivered {
        #[serde(default)]
        #[schemars(length(max = 100))]
        absent: Vec<Uuid>,
    },
    /// It did not run, for this reason.
    Cancelled {
        reason: CancelReason,
        #[serde(default)]
        #[schemars(length(max = 500))]
        note: String,
    },
}

/// One session of a provision, as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SessionRecord {
    pub id: Uuid,
    pub provision_id: Uuid,
    #[schemars(regex(pattern = r"^(20[0-9]{2}|210[01])-[0-9]{2}-[0-9]{2}$"))]
    pub date: Date,
    /// When it started (a slot's start, or another time for a session
    /// moved or made up).
    pub start: Time,
    pub outcome: SessionOutcome,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

impl SessionRecord {
    /// Whether the session ran.
    pub fn delivered(&self) -> bool {
        matches!(self.outcome, SessionOutcome::Delivered { .. })
    }

    /// The pupils recorded absent (none for a cancelled session).
    pub fn absent(&self) -> &[Uuid] {
        match &self.outcome {
            SessionOutcome::Delivered { absent } => absent,
            SessionOutcome::Cancelled { .. } => &[],
        }
    }

    /// Why it was cancelled, if it was.
    pub fn cancelled(&self) -> Option<CancelReason> {
        match &self.outcome {
            SessionOutcome::Cancelled { reason, .. } => Some(*reason),
            SessionOutcome::Delivered { .. } => None,
        }
    }

    /// The key a provision has one record for: its date and start time.
    pub fn key(&self) -> (Uuid, Date, Time) {
        (self.provision_id, self.date, self.start)
    }

    pub fn validate(&self) -> Problems<SessionField> {
        let mut p = Problems::default();
        let dates = super::limits::date_range();
        if !dates.contains(self.date) {
            p.push(
                SessionField::Date,
                format!("A session's date must fall from {dates}."),
            );
        }
        match &self.outcome {
            SessionOutcome::Delivered { absent } => {
                if absent.len() > MAX_ABSENT {
                    p.push(
                        SessionField::Absent,
                        format!("More than {MAX_ABSENT} pupils are recorded absent."),
                    );
                }
                let mut ids = absent.clone();
                super::sort::by(&mut ids, Ord::cmp);
                if ids.windows(2).any(|w| w[0] == w[1]) {
                    p.push(SessionField::Absent, "A pupil is recorded absent twice.");
                }
            }
            SessionOutcome::Cancelled { note, .. } => {
                check_text(&mut p, SessionField::Note, "note", note, 500, false);
            }
        }
        if self.updated_at < self.created_at {
            p.push(
                SessionField::UpdatedAt,
                "Updated time is before the created time.",
            );
        }
        p
    }
}

/// Rewrite the pupil ids a session record refers to: each id becomes what
/// `f` gives, or is dropped where it gives `None`. The one place that knows
/// where a session record keeps pupil ids, for the code that changes them
/// (pseudonymising, deleting a pupil). Whether anything changed.
pub fn map_pupil_ids(r: &mut SessionRecord, mut f: impl FnMut(Uuid) -> Option<Uuid>) -> bool {
    match &mut r.outcome {
        SessionOutcome::Delivered { absent } => {
            let before = absent.clone();
            *absent = before.iter().filter_map(|id| f(*id)).collect();
            *absent != before
        }
        SessionOutcome::Cancelled { .. } => false,
    }
}
