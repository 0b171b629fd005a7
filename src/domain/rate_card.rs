//! A local authority's rate card: the dated rules by which an LA costs the
//! support a school gives a pupil, which many LAs insist on in place of the
//! school's own figures ("my local authority will only work with their
//! figures").
//!
//! A card gives, for each kind of staff it costs, one of three bases:
//!
//! ```text
//! per weekly hour  an amount for one hour a week of support over the
//!                  card's weeks in a year (£653.60 over 38 weeks):
//!                  the LA's hourly rate = amount / weeks
//! per minute       pence for each minute of support
//!                  (minutes a week x weeks x pence per minute):
//!                  the LA's hourly rate = pence per minute x 60
//! hourly           an hourly rate
//! ```
//!
//! and what the LA will not cost: more weeks in a year than the card's,
//! support timetabled in breaks and lunch (windows of the day), tiers of
//! provision (such as quality-first teaching or support in class), fixed
//! and resource costs, and a most per pupil a year (a cap).

use jiff::civil::{Date, Time};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::money::Money;
use super::quantity::Dec2;
use super::staff::RoleCategory;

mod costing;
mod draft;
pub use costing::*;
pub use draft::*;

/// How an LA costs an hour of one kind of staff's time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "basis", rename_all = "snake_case")]
pub enum LaBasis {
    /// An amount for one hour a week of support over the card's weeks.
    PerWeeklyHour {
        #[schemars(range(min = 1, max = 10_000_000))]
        amount: Money,
    },
    /// Pence for each minute of support (two decimal places).
    PerMinute { pence_per_minute: Dec2 },
    /// An hourly rate.
    Hourly {
        #[schemars(range(min = 1, max = 100_000))]
        amount: Money,
    },
}

/// The LA's rate for one kind of staff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CardRate {
    pub category: RoleCategory,
    pub rate: LaBasis,
}

/// A part of the school day the LA will not cost support in (a break, lunch).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TimeWindow {
    #[schemars(length(max = 40))]
    pub name: String,
    pub start: Time,
    pub end: Time,
}

/// A local authority's costing rules from a date on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RateCard {
    pub id: Uuid,
    /// The local authority (for example "Anyshire County Council").
    #[schemars(length(max = 120))]
    pub authority: String,
    /// The first day the card applies.
    pub from: Date,
    /// The weeks in the LA's year (38, or 38.6): the most weeks a year it
    /// costs, and what an amount per weekly hour is spread over.
    pub weeks: Dec2,
    /// The rate for each kind of staff the LA costs; a kind with no rate
    /// is not costed by the LA.
    #[schemars(length(max = 10))]
    pub rates: Vec<CardRate>,
    /// Parts of the day the LA does not cost support in.
    #[serde(default)]
    #[schemars(length(max = 10))]
    pub excluded_times: Vec<TimeWindow>,
    /// Tiers of provision (their keys, such as `wave-1`) the LA does not cost.
    #[serde(default)]
    #[schemars(length(max = 20))]
    pub excluded_tiers: Vec<String>,
    /// Whether the LA counts fixed and resource costs.
    #[serde(default)]
    pub costs_resources: bool,
    /// The most the LA costs for one pupil in a year, if it sets one.
    #[serde(default)]
    #[schemars(range(min = 0, max = 100000000))]
    pub cap_per_pupil: Option<Money>,
    /// Shipped with Waymark as an example, not a real LA's figures.
    #[serde(default)]
    pub example: bool,
    #[serde(default)]
    #[schemars(length(max = 2000))]
    pub notes: String,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}
