//! Attendance: a provision's register, one week at a time, kept by a
//! teaching assistant on a tablet in a few taps (`#/provisions/{id}/attendance`,
//! with `/{date}` for a week), and the roll-up of sessions planned,
//! delivered, cancelled and attended that a provision's page shows.
//!
//! The rules (the week of a date, the week the register opens on, what a
//! tap records, every label) are in `domain::attendance_register`; the
//! figures in `domain::attendance`.

mod cancel;
mod cell;
mod grid;
mod page;
mod register;
mod session;
mod summary;
mod week;

pub use page::AttendanceRegister;
pub use summary::AttendanceSummary;
