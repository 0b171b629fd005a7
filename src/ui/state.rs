//! The reactive state the views read, loaded once from the store at start.

use leptos::prelude::*;
use reactive_stores::Store;

use crate::domain::Pupil;
use crate::store::Db;

/// Everything the views show.
#[derive(Debug, Clone, Default, Store)]
pub struct AppState {
    /// Pupils in register order.
    pub pupils: Vec<Pupil>,
}

/// Where the app is in starting up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Phase {
    Loading,
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
    pub save: RwSignal<SaveState>,
}

impl AppCtx {
    /// The context provided by [`crate::ui::App`].
    pub fn get() -> AppCtx {
        expect_context::<AppCtx>()
    }

    /// The open database. Views that write are only shown once it is open.
    pub fn db(&self) -> Db {
        self.db
            .get_value()
            .expect("views that write are shown only after the database opened")
    }
}

/// `pupils` in register order.
pub fn sorted(mut pupils: Vec<Pupil>) -> Vec<Pupil> {
    pupils.sort_by(Pupil::register_order);
    pupils
}
