//! The messages tabs send each other after an edit: its changes, in order,
//! each a record under the name of its collection (as in the export
//! format) or the kind and id of one deleted.

use crate::domain::edit::{Change, Kind, Record};
use crate::domain::plan::SupportPlan;
use crate::domain::provision::{Enrolment, Intervention, Provision};
use crate::domain::pupil::Pupil;
use crate::domain::session::SessionRecord;
use crate::domain::settings::SchoolSettings;
use crate::domain::staff::{StaffMember, StaffRole};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// One change as a message carries it: a record under the name of its
/// collection (as in the export format), or the kind and id of one deleted.
/// Records are read by the same code that reads them from a file, so the
/// messages need no record reader of their own.
#[derive(Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    deleted: Option<(Kind, Uuid)>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    settings: Option<SchoolSettings>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    roles: Option<StaffRole>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    members: Option<StaffMember>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pupils: Option<Pupil>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    interventions: Option<Intervention>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    provisions: Option<Provision>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    enrolments: Option<Enrolment>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    plans: Option<SupportPlan>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sessions: Option<SessionRecord>,
}

impl Entry {
    fn of(change: &Change) -> Entry {
        let mut e = Entry::default();
        match change.clone() {
            Change::Delete(kind, id) => e.deleted = Some((kind, id)),
            Change::Put(Record::Settings(r)) => e.settings = Some(r),
            Change::Put(Record::Role(r)) => e.roles = Some(r),
            Change::Put(Record::Member(r)) => e.members = Some(r),
            Change::Put(Record::Pupil(r)) => e.pupils = Some(r),
            Change::Put(Record::Intervention(r)) => e.interventions = Some(r),
            Change::Put(Record::Provision(r)) => e.provisions = Some(r),
            Change::Put(Record::Enrolment(r)) => e.enrolments = Some(r),
            Change::Put(Record::Plan(r)) => e.plans = Some(r),
            Change::Put(Record::Session(r)) => e.sessions = Some(r),
        }
        e
    }

    /// The change, if the entry holds exactly one.
    fn change(self) -> Option<Change> {
        let mut out: Vec<Change> = Vec::new();
        out.extend(self.deleted.map(|(k, id)| Change::Delete(k, id)));
        out.extend(self.settings.map(|r| Change::Put(Record::Settings(r))));
        out.extend(self.roles.map(|r| Change::Put(Record::Role(r))));
        out.extend(self.members.map(|r| Change::Put(Record::Member(r))));
        out.extend(self.pupils.map(|r| Change::Put(Record::Pupil(r))));
        out.extend(
            self.interventions
                .map(|r| Change::Put(Record::Intervention(r))),
        );
        out.extend(self.provisions.map(|r| Change::Put(Record::Provision(r))));
        out.extend(self.enrolments.map(|r| Change::Put(Record::Enrolment(r))));
        out.extend(self.plans.map(|r| Change::Put(Record::Plan(r))));
        out.extend(self.sessions.map(|r| Change::Put(Record::Session(r))));
        (out.len() == 1).then(|| out.remove(0))
    }
}

/// A message's text: its changes, in order.
pub fn message(changes: &[Change]) -> String {
    let entries: Vec<Entry> = changes.iter().map(Entry::of).collect();
    crate::exchange::json::write(&entries)
}

/// The changes a message's text holds; `None` for one this build cannot
/// read (from an older or newer tab), or holding a record that breaks its
/// own rules: a message is checked as a file is before it changes state.
pub fn changes(text: &str) -> Option<Vec<Change>> {
    let entries: Vec<Entry> = crate::exchange::json::read(text).ok()?;
    let changes: Vec<Change> = entries
        .into_iter()
        .map(Entry::change)
        .collect::<Option<_>>()?;
    let sound = changes.iter().all(|c| match c {
        Change::Put(r) => {
            crate::on_record!(r, x => crate::domain::edit::Kept::problems(x).is_empty())
        }
        Change::Delete(..) => true,
    });
    sound.then_some(changes)
}
