//! One week's register as the views share it, and the one way it changes:
//! each tap is an action, run in turn through a domain command and saved
//! at once. A tap made while the last one is still saving waits for it,
//! so it is worked out from what was saved and none is lost.

use std::collections::VecDeque;

use jiff::civil::{Date, Time};
use jiff::Timestamp;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use crate::domain::attendance::{register_week, RegisterSession};
use crate::domain::attendance_register::{clear_at, mark_pupil, week_pupils};
use crate::domain::commands::{cancel_session, record_session};
use crate::domain::dataset::Dataset;
use crate::domain::edit::Edit;
use crate::domain::session::CancelReason;
use crate::domain::{Problems, SessionField};
use crate::ui::state::{AppCtx, AppStateStoreFields};

/// A session of the week: its date and start time.
pub(super) type Key = (Date, Time);

/// The ids of a session's controls: `s-20251007-0915`.
pub(super) fn key_id(key: Key) -> String {
    format!("s-{}-{}", key.0.strftime("%Y%m%d"), key.1.strftime("%H%M"))
}

/// What a tap asks for, at one session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Action {
    AllPresent,
    Mark { pupil: Uuid, present: bool },
    Cancel { reason: CancelReason, note: String },
    Clear,
}

impl Action {
    /// The domain command that does it, on the data as it is now.
    pub(super) fn command(
        &self,
        d: &Dataset,
        pid: Uuid,
        (date, start): Key,
    ) -> Result<Edit, Problems<SessionField>> {
        let now = Timestamp::now();
        match self {
            Action::AllPresent => record_session(d, pid, date, start, &[], now),
            Action::Mark { pupil, present } => {
                mark_pupil(d, pid, date, start, *pupil, *present, now)
            }
            Action::Cancel { reason, note } => {
                cancel_session(d, pid, date, start, *reason, note, now)
            }
            Action::Clear => clear_at(d, pid, date, start),
        }
    }
}

/// What the register last saved, shown beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Status {
    Idle,
    Saving(String),
    Saved(String),
    Failed(String),
}

impl Status {
    pub(super) fn text(&self) -> String {
        match self {
            Status::Idle => "Every change is saved as you make it.".into(),
            Status::Saving(what) => format!("Saving: {what}…"),
            Status::Saved(what) => format!("Saved: {what}."),
            Status::Failed(why) => format!("Not saved: {why}"),
        }
    }

    pub(super) fn state(&self) -> &'static str {
        match self {
            Status::Idle => "idle",
            Status::Saving(_) => "saving",
            Status::Saved(_) => "saved",
            Status::Failed(_) => "failed",
        }
    }
}

/// One provision's register for one week.
#[derive(Clone, Copy)]
pub(super) struct Register {
    ctx: AppCtx,
    pub pid: Uuid,
    pub sessions: Memo<Vec<RegisterSession>>,
    /// The rows: pupils with a place at any session of the week.
    pub pupils: Memo<Vec<(Uuid, String)>>,
    /// What a command refused, by session.
    pub problems: RwSignal<Vec<(Key, String)>>,
    pub status: RwSignal<Status>,
    /// The session whose "Cancelled…" form is open.
    pub cancelling: RwSignal<Option<Key>>,
    /// Moves on after every action, so a toggle shows what was saved even
    /// when a save failed.
    pub settled: RwSignal<u64>,
    queue: StoredValue<VecDeque<(Key, Action)>>,
    running: StoredValue<bool>,
}

impl Register {
    pub(super) fn new(pid: Uuid, monday: Date) -> Register {
        let ctx = AppCtx::get();
        let sessions = Memo::new(move |_| ctx.read(|d| register_week(d, pid, monday)));
        let pupils = Memo::new(move |_| sessions.with(|s| ctx.read(|d| week_pupils(d, s))));
        Register {
            ctx,
            pid,
            sessions,
            pupils,
            problems: RwSignal::new(Vec::new()),
            status: RwSignal::new(Status::Idle),
            cancelling: RwSignal::new(None),
            settled: RwSignal::new(0),
            queue: StoredValue::new(VecDeque::new()),
            running: StoredValue::new(false),
        }
    }

    /// The session `key` as it stands.
    pub(super) fn session(self, key: Key) -> Memo<Option<RegisterSession>> {
        let sessions = self.sessions;
        Memo::new(move |_| sessions.with(|v| v.iter().find(|s| (s.date, s.start) == key).cloned()))
    }

    /// What was refused at session `key`, if anything.
    pub(super) fn problem(self, key: Key) -> Signal<Option<String>> {
        let problems = self.problems;
        Signal::derive(move || {
            problems.with(|v| {
                let m: Vec<&str> = v
                    .iter()
                    .filter(|(k, _)| *k == key)
                    .map(|(_, m)| m.as_str())
                    .collect();
                (!m.is_empty()).then(|| m.join(" "))
            })
        })
    }

    fn set_problems(self, key: Key, messages: Vec<String>) {
        self.problems.update(|v| {
            v.retain(|(k, _)| *k != key);
            v.extend(messages.into_iter().map(|m| (key, m)));
        });
    }

    /// Do `action` at session `key`, after any still saving.
    pub(super) fn act(self, key: Key, action: Action) {
        self.queue.update_value(|q| q.push_back((key, action)));
        if self.running.get_value() {
            return;
        }
        self.running.set_value(true);
        spawn_local(async move {
            while let Some((key, action)) =
                self.queue.try_update_value(VecDeque::pop_front).flatten()
            {
                self.run(key, action).await;
            }
            self.running.set_value(false);
        });
    }

    async fn run(self, key: Key, action: Action) {
        let ctx = self.ctx;
        let pid = self.pid;
        let result = ctx
            .state
            .data()
            .with_untracked(|d| action.command(d, pid, key));
        match result {
            Err(p) => {
                self.set_problems(key, p.0.into_iter().map(|e| e.message).collect());
                self.status
                    .set(Status::Failed("see the message beside the session.".into()));
            }
            Ok(edit) => {
                self.set_problems(key, Vec::new());
                let label = edit.label.clone();
                if edit.forward.is_empty() {
                    self.status.set(Status::Saved(label));
                } else {
                    self.status.set(Status::Saving(label.clone()));
                    match ctx.commit(edit).await {
                        Ok(()) => self.status.set(Status::Saved(label)),
                        Err(e) => {
                            self.set_problems(key, vec![e.to_string()]);
                            self.status.set(Status::Failed(e.to_string()));
                        }
                    }
                }
            }
        }
        self.settled.update(|n| *n += 1);
    }
}
