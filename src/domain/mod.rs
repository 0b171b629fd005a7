//! The business model of provision mapping, in pure Rust.
//!
//! Nothing in here touches the browser: no `web-sys`, no `leptos`. Every rule
//! lives here and is unit-tested natively with `cargo test`. Callers pass the
//! current time in, so the rules stay deterministic.
//!
//! Money is whole pence ([`Money`]); costs are computed exactly and rounded
//! once, per provision (see [`costing`]).

pub mod advice;
pub mod attendance;
pub mod attendance_register;
pub mod backup;
pub mod browser;
pub mod budget_year;
pub mod calendar;
pub mod capacity;
pub mod choice;
pub mod clashes;
pub mod commands;
pub mod costing;
pub mod dataset;
pub mod details;
pub mod due;
pub mod edit;
pub mod evidence;
pub mod fields;
pub mod impact;
pub mod library;
pub mod limits;
pub mod map;
pub mod money;
pub mod needs;
pub mod passphrase;
pub mod pay;
pub mod pay_commands;
pub mod persistence;
pub mod plan;
pub mod provision;
pub mod pupil;
pub mod quantity;
pub mod rate_card;
pub mod register;
pub mod reports;
pub mod rollover;
pub mod session;
pub mod settings;
pub mod settings_draft;
pub mod sort;
pub mod staff;
pub mod suppress;
/// Benchmark schools, made natively (`waymark --synthetic`), never in the app.
#[cfg(not(target_arch = "wasm32"))]
pub mod synthetic;
pub mod table;
#[cfg(test)]
pub(crate) mod testing;
pub mod timetable;
pub mod timetable_week;
pub mod update;
pub mod validation;
pub mod whatif;

pub use fields::*;
pub use money::Money;
pub use pupil::{Pupil, PupilDraft, YearGroup};
pub use validation::{FieldError, FieldName, Problems};
