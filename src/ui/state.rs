//! The reactive state the views read, and the one way views change data:
//! [`AppCtx::save`] writes an edit to IndexedDB, then (only once it is
//! committed) applies it to the state, records it for undo and tells the
//! other tabs.

use leptos::prelude::*;
use reactive_stores::Store;

use crate::domain::dataset::Dataset;
use crate::domain::edit::{restamp, Change, Edit, History};
use crate::store::sync::TabSync;
use crate::store::{Db, Meta, StoreError};

/// Everything the views show: the school's whole dataset, loaded once.
#[derive(Debug, Clone, Store)]
pub struct AppState {
    pub data: Dataset,
}

/// Where the app is in starting up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Phase {
    Loading,
    /// An older tab holds the database open while this one upgrades it.
    Blocked,
    Ready,
    Failed(String),
}

/// The state of the last write, shown in the header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    Idle,
    Saving,
    Saved,
    Failed(String),
}

/// Handles every view reaches through context. All are arena handles, so `Copy`.
#[derive(Clone, Copy)]
pub struct AppCtx {
    pub state: Store<AppState>,
    pub db: StoredValue<Option<Db>, LocalStorage>,
    pub sync: StoredValue<Option<TabSync>, LocalStorage>,
    pub save: RwSignal<SaveState>,
    pub history: RwSignal<History>,
    /// Set when a newer version of the app upgraded the database in another tab.
    pub outdated: RwSignal<bool>,
    /// The app's own saved state (last export, reminder days); `None` until loaded.
    pub meta: RwSignal<Option<Meta>>,
    /// Whether the settings were ever saved (a new database has defaults).
    pub settings_saved: RwSignal<bool>,
    /// Stored records set aside as the app opened (they do not read, or
    /// break their own rules): listed in Settings to export, fix or delete.
    pub set_aside: RwSignal<Vec<crate::exchange::set_aside::SetAside>>,
    /// The academic year the user chose to view, shared by every view and
    /// kept as they move between them; `None` until they choose.
    pub year: RwSignal<Option<i16>>,
    /// The financial year (by the calendar year it starts in) the user
    /// chose in the budget view, kept as they move between views; `None`
    /// until they choose.
    pub financial_year: RwSignal<Option<i16>>,
    /// One trigger for each kind of record (in `Kind::ALL`'s order): an edit
    /// notifies the kinds it changed, and [`AppCtx::read`] depends on the
    /// kinds a view read, so state follows the data's shape.
    pub tables: [Trigger; crate::domain::edit::Kind::ALL.len()],
    /// The version of each record this tab last wrote (`None`: deleted),
    /// so its own saves in quick succession never conflict.
    pub own_writes: StoredValue<
        std::collections::HashMap<(crate::domain::edit::Kind, uuid::Uuid), Option<jiff::Timestamp>>,
    >,
    /// How many saves this tab has started: a submit that moves it on
    /// started a save (see `ui::update`).
    pub saves_started: StoredValue<u64>,
}

impl AppCtx {
    /// The context provided by [`crate::ui::App`].
    pub fn get() -> AppCtx {
        expect_context::<AppCtx>()
    }

    /// The academic year every view shows: the one chosen, else the one
    /// containing today, else the nearest (`SchoolSettings::year_in_view`).
    pub fn year_in_view(&self) -> Option<i16> {
        let chosen = self.year.get();
        self.read(|d| d.settings.year_in_view(chosen, super::widgets::today()))
    }

    /// `f` of the data, depending only on the kinds of record `f` read (and
    /// the settings, which every figure depends on): an edit of pupils does
    /// not re-run a view that read only provisions. The tables note their
    /// own reads (`domain::table::reads`), so nothing has to be declared.
    pub fn read<R>(&self, f: impl FnOnce(&Dataset) -> R) -> R {
        let reads = crate::domain::table::reads::Reads::open();
        let r = self.state.data().with_untracked(f);
        let mask = reads.close();
        self.tables[0].track();
        for (i, t) in self.tables.iter().enumerate().skip(1) {
            if mask & (1 << i) != 0 {
                t.track();
            }
        }
        r
    }

    /// Depend on every kind of record (a view of the whole school).
    pub fn track_all(&self) {
        self.tables.iter().for_each(Track::track);
    }

    /// Apply `changes` to the state and tell the views that read their kinds.
    fn apply(&self, changes: &[Change]) {
        self.state.data().update(|d| d.apply(changes));
        let mut touched = [false; crate::domain::edit::Kind::ALL.len()];
        for c in changes {
            touched[c.kind() as usize] = true;
        }
        for (t, touched) in self.tables.iter().zip(touched) {
            if touched {
                t.notify();
            }
        }
    }

    /// The data as loaded: every view depends on it.
    pub fn load(&self, data: Dataset) {
        self.state.data().set(data);
        self.tables.iter().for_each(Notify::notify);
    }

    /// The open database. Views that write are only shown once it is open.
    pub fn db(&self) -> Db {
        self.db
            .get_value()
            .expect("views that write are shown only after the database opened")
    }

    /// Save one edit of records exactly as given (an import's or a
    /// restore's, which keep the times they were changed at; a command's
    /// edit, stamped later than the stored records, goes through
    /// [`AppCtx::commit`]): to IndexedDB first, then to the state, the undo
    /// history and the other tabs. On failure nothing changes but the save
    /// status, which says why.
    pub async fn save(
        self,
        label: impl Into<String>,
        changes: Vec<Change>,
    ) -> Result<(), StoreError> {
        self.save_with(label.into(), changes, None).await
    }

    /// Save an import: its changes and, in the same transaction, the backup
    /// of the data as it was. Undoable like any edit.
    pub async fn save_import(
        self,
        label: impl Into<String>,
        changes: Vec<Change>,
        backup: crate::store::ImportBackup,
    ) -> Result<(), StoreError> {
        self.save_with(label.into(), changes, Some(&backup)).await
    }

    /// Write an edit (with a backup, for an import), then record it for undo.
    async fn save_with(
        self,
        label: String,
        changes: Vec<Change>,
        backup: Option<&crate::store::ImportBackup>,
    ) -> Result<(), StoreError> {
        let edit = self
            .state
            .data()
            .with_untracked(|d| Edit::exact(d, label, changes));
        self.commit_with(edit, backup).await
    }

    /// Save the edit a domain command made: to IndexedDB first, then to the
    /// state, the undo history and the other tabs, as [`AppCtx::save`] does.
    pub async fn commit(self, edit: Edit) -> Result<(), StoreError> {
        self.commit_with(edit, None).await
    }

    async fn commit_with(
        self,
        edit: Edit,
        backup: Option<&crate::store::ImportBackup>,
    ) -> Result<(), StoreError> {
        self.write_with(&edit.forward, backup).await?;
        self.history.update(|h| h.record(edit));
        Ok(())
    }

    /// Undo the last edit (saved like any other, and stamped as a new edit:
    /// see [`restamp`]).
    pub async fn undo(self) -> Result<(), StoreError> {
        let Some(edit) = self.history.with_untracked(|h| h.next_undo().cloned()) else {
            return Ok(());
        };
        let changes = self
            .state
            .data()
            .with_untracked(|d| restamp(d, &edit.backward, jiff::Timestamp::now()));
        self.write(&changes).await?;
        self.history.update(History::undone);
        Ok(())
    }

    /// Redo the last undone edit.
    pub async fn redo(self) -> Result<(), StoreError> {
        let Some(edit) = self.history.with_untracked(|h| h.next_redo().cloned()) else {
            return Ok(());
        };
        let changes = self
            .state
            .data()
            .with_untracked(|d| restamp(d, &edit.forward, jiff::Timestamp::now()));
        self.write(&changes).await?;
        self.history.update(History::redone);
        Ok(())
    }

    async fn write(self, changes: &[Change]) -> Result<(), StoreError> {
        self.write_with(changes, None).await
    }

    async fn write_with(
        self,
        changes: &[Change],
        backup: Option<&crate::store::ImportBackup>,
    ) -> Result<(), StoreError> {
        if self.outdated.get_untracked() {
            let e = StoreError::Closed;
            self.save.set(SaveState::Failed(e.to_string()));
            return Err(e);
        }
        self.save.set(SaveState::Saving);
        self.saves_started.update_value(|n| *n += 1);
        // An edit states the versions it replaces, as this tab read them; an
        // import (with its backup) was previewed against them already.
        let read = if backup.is_none() {
            let saved = self.settings_saved.get_untracked();
            let mut read = self
                .state
                .data()
                .with_untracked(|d| d.versions_read(changes, saved));
            self.own_writes.with_value(|own| {
                for v in &mut read {
                    v.own_write = own.get(&(v.kind, v.id)).copied();
                }
            });
            read
        } else {
            Vec::new()
        };
        // Marked as this tab's own at once, not when the write is done: a
        // second save started before this one finishes (a change event and
        // a submit, say) must not take this one for another tab's. Undone
        // below if the write fails.
        let before: Vec<_> = self
            .own_writes
            .try_update_value(|own| {
                changes
                    .iter()
                    .map(|c| {
                        let key = (c.kind(), c.id());
                        (key, own.insert(key, c.version_after()))
                    })
                    .collect()
            })
            .unwrap_or_default();
        match self.db().apply_checked(changes, &read, backup).await {
            Ok(()) => {
                if changes
                    .iter()
                    .any(|c| c.kind() == crate::domain::edit::Kind::Settings)
                {
                    self.settings_saved.set(true);
                }
                self.apply(changes);
                self.sync.with_value(|s| {
                    if let Some(s) = s {
                        s.send(changes);
                    }
                });
                self.save.set(SaveState::Saved);
                // Not awaited: some browsers ask the user, and the edit is saved already.
                leptos::task::spawn_local(super::browser::ask_for_persistence(self));
                Ok(())
            }
            Err(e) => {
                self.own_writes.update_value(|own| {
                    for (key, was) in before.iter().rev() {
                        match was {
                            Some(v) => own.insert(*key, *v),
                            None => own.remove(key),
                        };
                    }
                });
                self.save.set(SaveState::Failed(e.to_string()));
                // Another tab saved the record first: show theirs (the form
                // keeps what was typed here), so the user sees both.
                if let StoreError::Conflict { kind, id, .. } = &e {
                    if let Ok(stored) = self.db().read_record(*kind, *id).await {
                        self.receive(vec![Change::to_stored(*kind, *id, stored)]);
                    }
                }
                Err(e)
            }
        }
    }

    /// The backup reminder, if one is due.
    pub fn backup_reminder(self) -> Option<String> {
        let has_data = self.read(|d| !d.pupils.is_empty());
        self.meta.with(|m| {
            m.as_ref().and_then(|m| {
                crate::domain::backup::reminder(
                    m.last_export_at,
                    m.reminder_days(super::browser::current()),
                    jiff::Timestamp::now(),
                    has_data,
                )
            })
        })
    }

    /// Save the app's own state.
    pub async fn save_meta(self, meta: Meta) -> Result<(), StoreError> {
        self.db().put_meta(&meta).await?;
        self.meta.set(Some(meta));
        Ok(())
    }

    /// Another tab committed these changes: show them, and forget local
    /// undo steps that touch the same records.
    pub fn receive(self, changes: Vec<Change>) {
        let ids: Vec<uuid::Uuid> = changes.iter().map(Change::id).collect();
        self.apply(&changes);
        self.history.update(|h| h.forget_touching(&ids));
    }
}
