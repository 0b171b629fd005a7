//! Home: what is due this week, and its count in the navigation.

pub mod due;
mod page;

pub use due::DueNow;
pub use page::{href, HomePage};
