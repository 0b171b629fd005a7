//! Edits: what a user action changes, as a list of record puts and deletes.
//!
//! One edit is saved in one transaction, applied to the in-memory dataset
//! only after it is saved, and kept (with its inverse) for undo and redo.

use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet, VecDeque};
use uuid::Uuid;

use super::dataset::Dataset;
use super::plan::SupportPlan;
use super::provision::{Enrolment, Intervention, Provision};
use super::pupil::Pupil;
use super::session::SessionRecord;
use super::settings::SchoolSettings;
use super::staff::{StaffMember, StaffRole};
use super::table::{Row, Table};

/// The kinds of record, one object store each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Settings,
    Roles,
    Members,
    Pupils,
    Interventions,
    Provisions,
    Enrolments,
    Plans,
    Sessions,
}

impl Kind {
    pub const ALL: [Kind; 9] = [
        Kind::Settings,
        Kind::Roles,
        Kind::Members,
        Kind::Pupils,
        Kind::Interventions,
        Kind::Provisions,
        Kind::Enrolments,
        Kind::Plans,
        Kind::Sessions,
    ];

    /// The object store's name.
    pub fn store(self) -> &'static str {
        match self {
            Kind::Settings => "settings",
            Kind::Roles => "roles",
            Kind::Members => "members",
            Kind::Pupils => "pupils",
            Kind::Interventions => "interventions",
            Kind::Provisions => "provisions",
            Kind::Enrolments => "enrolments",
            Kind::Plans => "plans",
            Kind::Sessions => "sessions",
        }
    }

    /// What one record of this kind is called.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Settings => "Settings",
            Kind::Roles => "Staff role",
            Kind::Members => "Member of staff",
            Kind::Pupils => "Pupil",
            Kind::Interventions => "Intervention",
            Kind::Provisions => "Provision",
            Kind::Enrolments => "Place in a provision",
            Kind::Plans => "Support plan",
            Kind::Sessions => "Session",
        }
    }
}

/// One record of any kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Record {
    Settings(SchoolSettings),
    Role(StaffRole),
    Member(StaffMember),
    Pupil(Pupil),
    Intervention(Intervention),
    Provision(Provision),
    Enrolment(Enrolment),
    Plan(SupportPlan),
    Session(SessionRecord),
}

/// Every kind of record the app keeps: what edits, lists of changes and
/// the store need of each, whatever its kind.
pub trait Kept: Row + Clone + 'static {
    const KIND: Kind;
    fn created_at(&self) -> jiff::Timestamp;
    fn updated_at(&self) -> jiff::Timestamp;
    fn set_updated_at(&mut self, at: jiff::Timestamp);
    /// A few words that say which record this is, for lists of changes.
    fn describe(&self) -> String;
    fn wrap(self) -> Record;
    /// The record's own problems, each naming its field ("Given name: ..."):
    /// none for a record the app can use.
    fn problems(&self) -> Vec<String>;
}

/// A kind of record kept in a table of the dataset (all but the settings):
/// finding, applying and inverting changes are written once, generically.
pub trait Stored: Kept {
    /// This kind's record in `r`, if it is one.
    fn unwrap(r: Record) -> Option<Self>;
    fn table(d: &Dataset) -> &Table<Self>;
    fn table_mut(d: &mut Dataset) -> &mut Table<Self>;
}

/// `$body` with `$x` bound to the record inside `$record`, of whatever
/// kind: the one match over the variants of [`Record`].
#[macro_export]
macro_rules! on_record {
    ($record:expr, $x:ident => $body:expr) => {
        match $record {
            $crate::domain::edit::Record::Settings($x) => $body,
            $crate::domain::edit::Record::Role($x) => $body,
            $crate::domain::edit::Record::Member($x) => $body,
            $crate::domain::edit::Record::Pupil($x) => $body,
            $crate::domain::edit::Record::Intervention($x) => $body,
            $crate::domain::edit::Record::Provision($x) => $body,
            $crate::domain::edit::Record::Enrolment($x) => $body,
            $crate::domain::edit::Record::Plan($x) => $body,
            $crate::domain::edit::Record::Session($x) => $body,
        }
    };
}

/// `$body` with `$T` the record type of the table kind `$kind`, or
/// `$settings` for the settings: the one match over the kinds.
#[macro_export]
macro_rules! by_kind {
    ($kind:expr, $T:ident => $body:expr, settings => $settings:expr) => {
        match $kind {
            $crate::domain::edit::Kind::Settings => $settings,
            $crate::domain::edit::Kind::Roles => {
                type $T = $crate::domain::staff::StaffRole;
                $body
            }
            $crate::domain::edit::Kind::Members => {
                type $T = $crate::domain::staff::StaffMember;
                $body
            }
            $crate::domain::edit::Kind::Pupils => {
                type $T = $crate::domain::pupil::Pupil;
                $body
            }
            $crate::domain::edit::Kind::Interventions => {
                type $T = $crate::domain::provision::Intervention;
                $body
            }
            $crate::domain::edit::Kind::Provisions => {
                type $T = $crate::domain::provision::Provision;
                $body
            }
            $crate::domain::edit::Kind::Enrolments => {
                type $T = $crate::domain::provision::Enrolment;
                $body
            }
            $crate::domain::edit::Kind::Plans => {
                type $T = $crate::domain::plan::SupportPlan;
                $body
            }
            $crate::domain::edit::Kind::Sessions => {
                type $T = $crate::domain::session::SessionRecord;
                $body
            }
        }
    };
}

macro_rules! kept {
    ($($ty:ty => $variant:ident, $kind:ident, |$r:ident| $describe:expr;)+) => {$(
        impl Row for $ty {
            const TABLE: Option<usize> = Some(Kind::$kind as usize);
            fn id(&self) -> Uuid {
                self.id
            }
        }
        impl Kept for $ty {
            const KIND: Kind = Kind::$kind;
            fn created_at(&self) -> jiff::Timestamp {
                self.created_at
            }
            fn updated_at(&self) -> jiff::Timestamp {
                self.updated_at
            }
            fn set_updated_at(&mut self, at: jiff::Timestamp) {
                self.updated_at = at;
            }
            fn describe(&self) -> String {
                let $r = self;
                $describe
            }
            fn wrap(self) -> Record {
                Record::$variant(self)
            }
            fn problems(&self) -> Vec<String> {
                use $crate::domain::validation::FieldName;
                self.validate()
                    .0
                    .into_iter()
                    .map(|e| format!("{}: {}", e.field.label(), e.message))
                    .collect()
            }
        }
    )+};
}

kept! {
    SchoolSettings => Settings, Settings, |r| format!("Settings of {}", r.school_name);
    StaffRole => Role, Roles, |r| format!("Staff role {}", r.name);
    StaffMember => Member, Members, |r| format!("Member of staff {}", r.name);
    Pupil => Pupil, Pupils, |r| format!("Pupil {}", r.full_name());
    Intervention => Intervention, Interventions, |r| format!("Intervention {}", r.name);
    Provision => Provision, Provisions, |r| format!("Provision {}", r.name);
    Enrolment => Enrolment, Enrolments, |r| format!("Enrolment {}", &r.id.simple().to_string()[..8]);
    SupportPlan => Plan, Plans, |r| format!("Support plan, {} {}", r.term, r.start_year);
    SessionRecord => Session, Sessions, |r| format!("Session on {} at {}", r.date.strftime("%d/%m/%Y"), r.start.strftime("%H:%M"));
}

macro_rules! stored {
    ($($ty:ty => $variant:ident, $field:ident;)+) => {$(
        impl Stored for $ty {
            fn unwrap(r: Record) -> Option<Self> {
                match r {
                    Record::$variant(x) => Some(x),
                    _ => None,
                }
            }
            fn table(d: &Dataset) -> &Table<Self> {
                &d.$field
            }
            fn table_mut(d: &mut Dataset) -> &mut Table<Self> {
                &mut d.$field
            }
        }
    )+};
}

stored! {
    StaffRole => Role, roles;
    StaffMember => Member, members;
    Pupil => Pupil, pupils;
    Intervention => Intervention, interventions;
    Provision => Provision, provisions;
    Enrolment => Enrolment, enrolments;
    SupportPlan => Plan, plans;
    SessionRecord => Session, sessions;
}

fn kind_of<T: Kept>(_: &T) -> Kind {
    T::KIND
}

impl Record {
    pub fn kind(&self) -> Kind {
        on_record!(self, x => kind_of(x))
    }

    /// When the record was made.
    pub fn created_at(&self) -> jiff::Timestamp {
        on_record!(self, x => x.created_at())
    }

    /// When the record was last changed.
    pub fn updated_at(&self) -> jiff::Timestamp {
        on_record!(self, x => x.updated_at())
    }

    pub fn set_updated_at(&mut self, at: jiff::Timestamp) {
        on_record!(self, x => x.set_updated_at(at));
    }

    /// A few words that say which record this is, for lists of changes.
    pub fn describe(&self) -> String {
        on_record!(self, x => x.describe())
    }

    pub fn id(&self) -> Uuid {
        on_record!(self, x => x.id())
    }
}

/// Put a record, or delete the record of `kind` with `id`.
// An edit holds a handful of changes, made once per user action: boxing the
// record would cost an allocation each for no measurable gain.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Put(Record),
    Delete(Kind, Uuid),
}

impl Change {
    pub fn kind(&self) -> Kind {
        match self {
            Change::Put(r) => r.kind(),
            Change::Delete(k, _) => *k,
        }
    }

    pub fn id(&self) -> Uuid {
        match self {
            Change::Put(r) => r.id(),
            Change::Delete(_, id) => *id,
        }
    }

    /// The record's version once this change is made: its `updated_at`,
    /// or `None` when it deletes it.
    pub fn version_after(&self) -> Option<jiff::Timestamp> {
        match self {
            Change::Put(r) => Some(r.updated_at()),
            Change::Delete(..) => None,
        }
    }

    /// The change that makes a copy of record `kind`/`id` what is stored
    /// (`stored`: the record, or `None` if none is).
    pub fn to_stored(kind: Kind, id: Uuid, stored: Option<Record>) -> Change {
        match stored {
            Some(r) => Change::Put(r),
            None => Change::Delete(kind, id),
        }
    }
}

/// The version of one record a tab read before it changed it: its
/// `updated_at` as this tab holds it (`None`: it had no such record). A
/// write goes ahead only if every record it replaces is still stored at
/// the version read, so two tabs cannot overwrite each other's edits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadVersion {
    pub kind: Kind,
    pub id: Uuid,
    pub updated_at: Option<jiff::Timestamp>,
    /// The version this tab itself last wrote, if it wrote one since it
    /// read (`Some(None)`: it deleted it): a tab's own saves, one after
    /// another faster than each is applied, never conflict with each other.
    pub own_write: Option<Option<jiff::Timestamp>>,
    /// A few words that say which record it is, for the message.
    pub describe: String,
}

impl ReadVersion {
    /// Whether the record stored now (its `updated_at`; `None`: absent) is
    /// still the version read.
    pub fn still_stored(&self, stored: Option<jiff::Timestamp>) -> bool {
        self.updated_at == stored || self.own_write == Some(stored)
    }
}

impl Dataset {
    /// The versions of the records `changes` touch, as this data holds
    /// them, once each. `settings_saved`: whether the settings are stored
    /// at all (a new database's defaults are not).
    pub fn versions_read(&self, changes: &[Change], settings_saved: bool) -> Vec<ReadVersion> {
        let mut out: Vec<ReadVersion> = Vec::new();
        for c in changes {
            let (kind, id) = (c.kind(), c.id());
            if out.iter().any(|v| v.kind == kind && v.id == id) {
                continue;
            }
            let held = self
                .get(kind, id)
                .filter(|_| kind != Kind::Settings || settings_saved);
            let describe = match (&held, c) {
                (Some(r), _) | (None, Change::Put(r)) => r.describe(),
                (None, Change::Delete(..)) => kind.label().to_owned(),
            };
            out.push(ReadVersion {
                kind,
                id,
                updated_at: held.map(|r| r.updated_at()),
                own_write: None,
                describe,
            });
        }
        out
    }

    /// The stored record of `kind` with `id`, if any.
    pub fn get(&self, kind: Kind, id: Uuid) -> Option<Record> {
        by_kind!(kind, T => T::table(self).get(id).cloned().map(T::wrap),
            settings => (self.settings.id == id).then(|| Record::Settings(self.settings.clone())))
    }

    /// Every record, settings first, in the stores' order.
    pub fn records(&self) -> Vec<Record> {
        let mut v = Vec::new();
        for kind in Kind::ALL {
            by_kind!(kind, T => v.extend(T::table(self).iter().cloned().map(T::wrap)),
                settings => v.push(Record::Settings(self.settings.clone())));
        }
        v
    }

    /// Apply changes in order. Deleting the settings is not possible: a
    /// delete of them is ignored. A put replaces the record with its id in
    /// place, or adds it at the end; time is linear in the records and the
    /// changes (an import is thousands of changes at once).
    pub fn apply(&mut self, changes: &[Change]) {
        // Each kind's changes, in order, applied together.
        let mut by: HashMap<Kind, Vec<&Change>> = HashMap::new();
        for c in changes {
            match c {
                Change::Put(Record::Settings(s)) => self.settings = s.clone(),
                Change::Delete(Kind::Settings, _) => {}
                c => by.entry(c.kind()).or_default().push(c),
            }
        }
        for (kind, changes) in by {
            by_kind!(kind, T => patch::<T>(self, &changes), settings => {});
        }
    }

    /// The changes that undo `changes` when applied after them.
    pub fn inverse(&self, changes: &[Change]) -> Vec<Change> {
        let wanted: HashSet<(Kind, Uuid)> = changes.iter().map(|c| (c.kind(), c.id())).collect();
        // Each touched record as it is now, then as the earlier changes leave it.
        let mut state: HashMap<(Kind, Uuid), Option<Record>> = wanted
            .iter()
            .map(|&(kind, id)| ((kind, id), self.get(kind, id)))
            .collect();
        let mut back = Vec::with_capacity(changes.len());
        for c in changes {
            let key = (c.kind(), c.id());
            let before = state.get(&key).cloned().flatten();
            let after = match c {
                Change::Put(r) => Some(r.clone()),
                Change::Delete(Kind::Settings, _) => before.clone(),
                Change::Delete(..) => None,
            };
            back.push(match before {
                Some(r) => Change::Put(r),
                None => Change::Delete(c.kind(), c.id()),
            });
            state.insert(key, after);
        }
        back.reverse();
        back
    }
}

/// Apply one kind's puts and deletes in order, finding records through the
/// table's index of ids rather than a search each.
fn patch<T: Stored>(data: &mut Dataset, changes: &[&Change]) {
    let table = T::table(data);
    let mut at: HashMap<Uuid, usize> = changes
        .iter()
        .filter_map(|c| Some((c.id(), table.position(c.id())?)))
        .collect();
    let items = T::table_mut(data);
    let mut gone = vec![false; items.len()];
    for c in changes {
        let id = c.id();
        let put = match c {
            Change::Put(r) => T::unwrap(r.clone()),
            Change::Delete(..) => None,
        };
        match (put, at.get(&id).copied()) {
            (Some(x), Some(i)) => items[i] = x,
            (Some(x), None) => {
                at.insert(id, items.len());
                items.push(x);
                gone.push(false);
            }
            (None, Some(i)) => {
                at.remove(&id);
                gone[i] = true;
            }
            (None, None) => {}
        }
    }
    if gone.contains(&true) {
        let mut i = 0;
        items.retain(|_| {
            i += 1;
            !gone[i - 1]
        });
    }
}

/// One saved edit, with what undoes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// What the user did, for the undo button ("Add Ada Lovelace").
    pub label: String,
    pub forward: Vec<Change>,
    pub backward: Vec<Change>,
}

impl Edit {
    /// The edit that `forward` makes to `data`, with what undoes it: what a
    /// command returns, ready to save.
    ///
    /// Every record it changes is stamped later than the stored one: a put
    /// of a record that differs from the stored record, and whose
    /// `updated_at` (the command's `now`) is not after the stored
    /// `updated_at`, takes the stored `updated_at` plus 1 ms. So an edit
    /// always moves a record's time on, even on a device whose clock is
    /// behind, and a merge never takes an older copy over it.
    pub fn new(data: &Dataset, label: impl Into<String>, mut forward: Vec<Change>) -> Edit {
        stamp_later(data, &mut forward);
        Edit::exact(data, label, forward)
    }

    /// The edit that `forward` makes to `data`, its records exactly as
    /// given (their times unchanged): an import or a restore, whose records
    /// keep the times they were changed at.
    pub fn exact(data: &Dataset, label: impl Into<String>, forward: Vec<Change>) -> Edit {
        let backward = data.inverse(&forward);
        Edit {
            label: label.into(),
            forward,
            backward,
        }
    }

    /// The id of the record a save put: what an add or edit command's edit
    /// holds first (the record itself; any cascade follows it).
    pub fn saved_id(&self) -> Option<Uuid> {
        self.forward.first().map(Change::id)
    }

    fn touches(&self, ids: &[Uuid]) -> bool {
        self.forward.iter().any(|c| ids.contains(&c.id()))
    }
}

/// Move the `updated_at` of each changed record in `changes` past the
/// stored record's (see [`Edit::new`]); records changed twice in one edit
/// are compared with the stored one each time.
fn stamp_later(data: &Dataset, changes: &mut [Change]) {
    for c in changes {
        let Change::Put(r) = c else { continue };
        let Some(old) = data.get(r.kind(), r.id()) else {
            continue;
        };
        if old != *r && r.updated_at() <= old.updated_at() {
            r.set_updated_at(old.updated_at() + jiff::SignedDuration::from_millis(1));
        }
    }
}

/// `changes` as a new edit made at `now` writes them: an undo, a redo or a
/// restore is an edit like any other, so every record it puts that differs
/// from the stored one is stamped `now`, or 1 ms after the stored record's
/// time where that is later (a record put back where none is stored is
/// stamped `now`). Without this an undo would put back a record's old
/// time, and merging a copy exported before the undo would quietly undo
/// the undo.
pub fn restamp(data: &Dataset, changes: &[Change], now: jiff::Timestamp) -> Vec<Change> {
    let mut out = changes.to_vec();
    for c in &mut out {
        let Change::Put(r) = c else { continue };
        let at = match data.get(r.kind(), r.id()) {
            Some(old) if old == *r => continue,
            Some(old) => now.max(old.updated_at() + jiff::SignedDuration::from_millis(1)),
            None => now,
        };
        r.set_updated_at(at);
    }
    out
}

/// Undo and redo of the last [`History::LIMIT`] edits since the app opened.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    undo: VecDeque<Edit>,
    redo: Vec<Edit>,
}

impl History {
    pub const LIMIT: usize = 50;

    /// Record a saved edit; it clears what could be redone.
    pub fn record(&mut self, edit: Edit) {
        self.redo.clear();
        self.undo.push_back(edit);
        while self.undo.len() > Self::LIMIT {
            self.undo.pop_front();
        }
    }

    /// The edit undo would reverse.
    pub fn next_undo(&self) -> Option<&Edit> {
        self.undo.back()
    }

    pub fn next_redo(&self) -> Option<&Edit> {
        self.redo.last()
    }

    /// After the undo of [`History::next_undo`] was saved.
    pub fn undone(&mut self) {
        if let Some(e) = self.undo.pop_back() {
            self.redo.push(e);
        }
    }

    /// After the redo of [`History::next_redo`] was saved.
    pub fn redone(&mut self) {
        if let Some(e) = self.redo.pop() {
            self.undo.push_back(e);
        }
    }

    /// Another tab changed these records: forget edits that touch them, so
    /// an undo never overwrites someone else's change.
    pub fn forget_touching(&mut self, ids: &[Uuid]) {
        self.undo.retain(|e| !e.touches(ids));
        self.redo.retain(|e| !e.touches(ids));
    }

    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }

    pub fn redo_len(&self) -> usize {
        self.redo.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::pupil::PupilDraft;
    use crate::domain::settings::SchoolSettings;

    fn now() -> jiff::Timestamp {
        "2025-09-01T00:00:00Z".parse().unwrap()
    }

    fn pupil(g: &str) -> Pupil {
        Pupil::create(&PupilDraft::new(g, "X", "Y1"), now()).unwrap()
    }

    fn empty() -> Dataset {
        Dataset::empty(SchoolSettings::new("S", 2025, now()))
    }

    /// An undo, a redo or a restore is stamped as a new edit: now, or 1 ms
    /// after the stored time where that is later; unchanged records and
    /// deletes as they are.
    #[test]
    fn restamping_moves_every_changed_record_past_the_stored_one() {
        let at = |s: &str| -> jiff::Timestamp { s.parse().unwrap() };
        let mut d = empty();
        let mut ann = pupil("Ann"); // stamped 2025-09-01T00:00:00Z
        let mut bob = pupil("Bob");
        bob.updated_at = at("2025-09-03T00:00:00Z"); // a clock ahead of ours
        let cy = pupil("Cy");
        d.pupils.push(ann.clone());
        d.pupils.push(bob.clone());
        d.pupils.push(cy.clone());
        let now = at("2025-09-02T12:00:00Z");
        let gone = pupil("Dee"); // put back by an undo of its delete
        ann.class_name = "3B".into();
        bob.class_name = "3B".into();
        let changes = vec![
            Change::Put(Record::Pupil(ann.clone())),
            Change::Put(Record::Pupil(bob.clone())),
            Change::Put(Record::Pupil(cy.clone())),
            Change::Put(Record::Pupil(gone.clone())),
            Change::Delete(Kind::Pupils, cy.id),
        ];
        let out = restamp(&d, &changes, now);
        let time = |c: &Change| match c {
            Change::Put(r) => Some(r.updated_at()),
            Change::Delete(..) => None,
        };
        let times: Vec<_> = out.iter().map(time).collect();
        assert_eq!(
            times,
            [
                Some(now),                            // Ann: stored 01/09, now is later
                Some(at("2025-09-03T00:00:00.001Z")), // Bob: 1 ms after the stored 03/09
                Some(cy.updated_at),                  // Cy: the same as stored
                Some(now),                            // Dee: none stored
                None,
            ]
        );
        // Nothing but the time moves.
        let mut back = out.clone();
        for (c, was) in back.iter_mut().zip(&changes) {
            if let (Change::Put(r), Some(t)) = (c, time(was)) {
                r.set_updated_at(t);
            }
        }
        assert_eq!(back, changes);
    }

    #[test]
    fn apply_then_inverse_restores_the_dataset() {
        let mut d = empty();
        let a = pupil("Ann");
        let b = pupil("Bob");
        d.apply(&[Change::Put(Record::Pupil(a.clone()))]);
        let before = d.clone();
        let mut a2 = a.clone();
        a2.given_name = "Anne".into();
        let mut settings = d.settings.clone();
        settings.school_name = "New name".into();
        let changes = vec![
            Change::Put(Record::Pupil(b.clone())),
            Change::Put(Record::Pupil(a2.clone())),
            Change::Delete(Kind::Pupils, b.id),
            Change::Put(Record::Pupil(b.clone())),
            Change::Put(Record::Settings(settings)),
            Change::Delete(Kind::Settings, d.settings.id),
        ];
        let back = d.inverse(&changes);
        d.apply(&changes);
        assert_eq!(d.pupils, vec![a2, b.clone()]);
        assert_eq!(d.settings.school_name, "New name");
        d.apply(&back);
        assert_eq!(d, before);
        assert_eq!(d.get(Kind::Pupils, b.id), None);
        assert_eq!(d.get(Kind::Pupils, a.id), Some(Record::Pupil(a)));
        assert_eq!(
            d.get(Kind::Settings, d.settings.id).map(|r| r.kind()),
            Some(Kind::Settings)
        );
        assert_eq!(Kind::ALL.map(Kind::store).len(), 9);
    }

    #[test]
    fn a_batch_keeps_the_order_a_change_at_a_time_would() {
        let mut d = empty();
        let [a, b, c, x] = ["Ann", "Bob", "Cy", "Xi"].map(pupil);
        d.apply(&[a.clone(), b.clone(), c.clone()].map(|p| Change::Put(Record::Pupil(p))));
        let before = d.clone();
        let mut c2 = c.clone();
        c2.given_name = "Cyd".into();
        let changes = vec![
            Change::Delete(Kind::Pupils, b.id),
            Change::Put(Record::Pupil(c2.clone())),
            Change::Put(Record::Pupil(b.clone())),
            Change::Delete(Kind::Pupils, x.id),
            Change::Put(Record::Pupil(x.clone())),
            Change::Delete(Kind::Pupils, a.id),
        ];
        let mut one_by_one = d.clone();
        for c in &changes {
            one_by_one.apply(std::slice::from_ref(c));
        }
        let back = d.inverse(&changes);
        d.apply(&changes);
        assert_eq!(d.pupils, vec![c2, b, x]);
        assert_eq!(d, one_by_one);
        d.apply(&back);
        assert_eq!(d.pupils.len(), 3);
        let mut names: Vec<_> = d.pupils.iter().map(|p| p.given_name.clone()).collect();
        names.sort();
        assert_eq!(names, ["Ann", "Bob", "Cy"]);
        assert!(d.pupils.iter().all(|p| before.pupils.contains(p)));
    }

    #[test]
    fn history_keeps_the_last_50_and_redo_clears_on_a_new_edit() {
        let mut h = History::default();
        let edit = |n: usize| Edit {
            label: format!("edit {n}"),
            forward: vec![],
            backward: vec![],
        };
        for n in 0..60 {
            h.record(edit(n));
        }
        assert_eq!(h.undo_len(), 50);
        assert_eq!(h.next_undo().unwrap().label, "edit 59");
        h.undone();
        h.undone();
        assert_eq!(h.redo_len(), 2);
        assert_eq!(h.next_redo().unwrap().label, "edit 58");
        h.redone();
        assert_eq!(h.next_undo().unwrap().label, "edit 58");
        h.record(edit(99));
        assert_eq!(h.redo_len(), 0);
        assert_eq!(h.undo_len(), 50);
    }

    #[test]
    fn another_tabs_change_forgets_local_edits_of_the_same_records() {
        let a = pupil("Ann");
        let b = pupil("Bob");
        let mut h = History::default();
        h.record(Edit {
            label: "a".into(),
            forward: vec![Change::Put(Record::Pupil(a.clone()))],
            backward: vec![],
        });
        h.record(Edit {
            label: "b".into(),
            forward: vec![Change::Put(Record::Pupil(b.clone()))],
            backward: vec![],
        });
        h.forget_touching(&[a.id]);
        assert_eq!(h.undo_len(), 1);
        assert_eq!(h.next_undo().unwrap().label, "b");
        let c = Change::Delete(Kind::Pupils, b.id);
        assert_eq!((c.kind(), c.id()), (Kind::Pupils, b.id));
        // How changes cross between tabs: exchange::tab_message's tests.
    }
}
