//! The business model of provision mapping, in pure Rust.
//!
//! Nothing in here touches the browser: no `web-sys`, no `leptos`. Every rule
//! lives here and is unit-tested natively with `cargo test`. Callers pass the
//! current time in, so the rules stay deterministic.

pub mod pupil;
pub mod validation;

pub use pupil::{Pupil, PupilDraft, YearGroup};
pub use validation::{FieldError, Problems};
