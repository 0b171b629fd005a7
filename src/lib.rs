//! Waymark: costed SEN provision maps kept on the SENCO's own device.
//!
//! - [`domain`]: the business model and every rule, pure Rust.
//! - [`exchange`]: the JSON document format for export and import.
//! - `store`: IndexedDB persistence (browser only).
//! - `ui`: Leptos components (browser only).

pub mod domain;
pub mod exchange;

#[cfg(target_arch = "wasm32")]
pub mod store;
#[cfg(target_arch = "wasm32")]
pub mod ui;
