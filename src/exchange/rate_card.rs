//! A local authority's rate card as a small JSON file, to share one card
//! between schools or take one from an LA:
//!
//! ```text
//! { "format": "waymark-la-rate-card", "format_version": 1, "card": { ... } }
//! ```
//!
//! The card is a stored [`RateCard`] without its `id`, `created_at` and
//! `updated_at`: those belong to one school's copy, so importing a file
//! always adds a new card (importing it twice makes two, which the list
//! shows side by side), and exporting a card and importing it elsewhere
//! gives the same figures. Its JSON Schema is published as
//! `public/schema/waymark-la-rate-card.schema.json` ([`rate_card_schema`],
//! `cargo run --bin waymark -- --rate-card-schema`). Reading a file checks
//! everything before anything is stored, each problem with its JSON path
//! (`card.weeks`, `card.rates`). Waymark's example card is such a file,
//! `public/examples/la-rate-card-example.json`, built into the app too.

use jiff::civil::Date;
use jiff::Timestamp;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{json, Problem};
use crate::domain::money::Money;
use crate::domain::quantity::Dec2;
use crate::domain::rate_card::{CardRate, RateCard, TimeWindow};
use crate::domain::settings::Tier;
use crate::domain::validation::FieldName;

/// The `format` of a rate card file.
pub const CARD_FORMAT: &str = "waymark-la-rate-card";
/// The version of the rate card format this build writes and reads.
pub const CARD_FORMAT_VERSION: u32 = 1;
/// The largest rate card file read: a card is a few kilobytes.
pub const MAX_CARD_BYTES: usize = 256 * 1024;
/// The example card's file, as shipped.
pub const EXAMPLE_FILE: &str = include_str!("../../public/examples/la-rate-card-example.json");

/// Always "waymark-la-rate-card".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum CardFormat {
    #[serde(rename = "waymark-la-rate-card")]
    WaymarkLaRateCard,
}

/// A rate card file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "Waymark LA rate card",
    description = "A local authority's rules for costing a pupil's support, from a date on, for Waymark."
)]
pub struct RateCardFile {
    /// Always "waymark-la-rate-card".
    pub format: CardFormat,
    /// The format's version: 1.
    #[schemars(range(min = 1, max = 1))]
    pub format_version: u32,
    pub card: CardInFile,
}

/// A card as a file holds it: a stored card without its id and times.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CardInFile {
    /// The local authority (for example "Anyshire County Council").
    #[schemars(length(min = 1, max = 120))]
    pub authority: String,
    /// The first day the card applies (yyyy-mm-dd).
    pub from: Date,
    /// The weeks in the LA's year, from 1 to 52 ("38", "38.6"): the most
    /// weeks a year it costs, and what an amount per weekly hour is spread
    /// over.
    pub weeks: Dec2,
    /// The rate for each kind of staff the LA costs (one each); a kind with
    /// no rate is not costed. Amounts are in pence (65360 is £653.60);
    /// pence a minute is a decimal as text ("32.5").
    #[schemars(length(min = 1, max = 4))]
    pub rates: Vec<CardRate>,
    /// Parts of the day the LA does not cost support in.
    #[serde(default)]
    #[schemars(length(max = 10))]
    pub excluded_times: Vec<TimeWindow>,
    /// The keys of the school's tiers the LA does not cost (`wave-1`).
    #[serde(default)]
    #[schemars(length(max = 20))]
    pub excluded_tiers: Vec<String>,
    /// Whether the LA counts fixed and resource costs.
    #[serde(default)]
    pub costs_resources: bool,
    /// The most the LA costs for one pupil in an academic year, in pence,
    /// or null for no cap.
    #[serde(default)]
    #[schemars(range(min = 0, max = 100000000))]
    pub cap_per_pupil: Option<Money>,
    /// An example, not a real authority's figures.
    #[serde(default)]
    pub example: bool,
    #[serde(default)]
    #[schemars(length(max = 2000))]
    pub notes: String,
}

impl CardInFile {
    pub fn of(c: &RateCard) -> CardInFile {
        CardInFile {
            authority: c.authority.clone(),
            from: c.from,
            weeks: c.weeks,
            rates: c.rates.clone(),
            excluded_times: c.excluded_times.clone(),
            excluded_tiers: c.excluded_tiers.clone(),
            costs_resources: c.costs_resources,
            cap_per_pupil: c.cap_per_pupil,
            example: c.example,
            notes: c.notes.clone(),
        }
    }

    /// A new card of these figures, made `now`.
    pub fn card(self, now: Timestamp) -> RateCard {
        RateCard {
            id: Uuid::new_v4(),
            authority: self.authority,
            from: self.from,
            weeks: self.weeks,
            rates: self.rates,
            excluded_times: self.excluded_times,
            excluded_tiers: self.excluded_tiers,
            costs_resources: self.costs_resources,
            cap_per_pupil: self.cap_per_pupil,
            example: self.example,
            notes: self.notes,
            created_at: now,
            updated_at: now,
        }
    }
}

/// The JSON Schema of [`RateCardFile`], as published in the repository.
pub fn rate_card_schema() -> String {
    let schema = schemars::schema_for!(RateCardFile);
    serde_json::to_string_pretty(&schema).expect("a schema always serialises") + "\n"
}

/// `card` as a rate card file.
pub fn card_to_json(card: &RateCard) -> String {
    json::write_pretty(&RateCardFile {
        format: CardFormat::WaymarkLaRateCard,
        format_version: CARD_FORMAT_VERSION,
        card: CardInFile::of(card),
    }) + "\n"
}

/// The name a card's file is saved as: `la-rate-card-anyshire-2026-04-01.json`.
pub fn card_file_name(card: &RateCard) -> String {
    let mut slug = String::new();
    for c in card.authority.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
        if slug.len() >= 40 {
            break;
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        format!("la-rate-card-{}.json", card.from)
    } else {
        format!("la-rate-card-{slug}-{}.json", card.from)
    }
}

fn one(path: &str, message: impl Into<String>) -> Vec<Problem> {
    vec![Problem {
        path: path.into(),
        message: message.into(),
    }]
}

/// Read and check a rate card file against the school's `tiers`: the new
/// card (a new id, made `now`), or every problem with its JSON path.
/// Nothing is stored here; the caller adds the card with
/// [`crate::domain::rate_card::add_rate_card`].
pub fn read_card_file(
    text: &str,
    tiers: &[Tier],
    now: Timestamp,
) -> Result<RateCard, Vec<Problem>> {
    if text.trim().is_empty() {
        return Err(one("(the file)", "The file is empty."));
    }
    if text.len() > MAX_CARD_BYTES {
        return Err(one(
            "(the file)",
            format!(
                "The file is {} KB; a rate card file is at most {} KB.",
                text.len() / 1024,
                MAX_CARD_BYTES / 1024
            ),
        ));
    }
    // The envelope first, so another kind of file is named as such.
    let envelope: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        one(
            "(the file)",
            format!("The file is not a rate card file (it is not JSON: {e})."),
        )
    })?;
    match envelope.get("format").and_then(serde_json::Value::as_str) {
        Some(CARD_FORMAT) => {}
        Some(super::FORMAT_NAME) | Some(super::ENCRYPTED_FORMAT) => {
            return Err(one(
                "format",
                "This is a Waymark document, not a rate card file: import it in Settings, under Share and back up.",
            ))
        }
        Some(other) => {
            return Err(one(
                "format",
                format!("This file's format is \"{other}\", not \"{CARD_FORMAT}\"."),
            ))
        }
        None => {
            return Err(one(
                "format",
                format!("The file has no \"format\" field: a rate card file's is \"{CARD_FORMAT}\"."),
            ))
        }
    }
    match envelope.get("format_version").and_then(serde_json::Value::as_u64) {
        Some(v) if v == u64::from(CARD_FORMAT_VERSION) => {}
        Some(v) if v > u64::from(CARD_FORMAT_VERSION) => {
            return Err(one(
                "format_version",
                format!("This card is format version {v}, newer than this app reads ({CARD_FORMAT_VERSION}). Update the app to import it."),
            ))
        }
        _ => {
            return Err(one(
                "format_version",
                format!("The format version must be {CARD_FORMAT_VERSION}."),
            ))
        }
    }
    let file: RateCardFile = json::read(text).map_err(|e| one(&e.path, e.message))?;
    let card = file.card.card(now);
    let mut problems: Vec<Problem> = card
        .validate()
        .0
        .into_iter()
        .chain(card.check_tiers(tiers).0)
        .map(|e| Problem {
            path: format!("card.{}", e.field.name()),
            message: e.message,
        })
        .collect();
    problems.dedup();
    if problems.is_empty() {
        Ok(card)
    } else {
        Err(problems)
    }
}

/// Waymark's example card (from [`EXAMPLE_FILE`]), checked against the
/// school's `tiers`.
pub fn example_card(tiers: &[Tier], now: Timestamp) -> Result<RateCard, Vec<Problem>> {
    read_card_file(EXAMPLE_FILE, tiers, now)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::domain::rate_card::LaBasis;
    use crate::domain::settings::default_tiers;
    use crate::domain::staff::RoleCategory;

    fn now() -> Timestamp {
        "2026-01-10T09:00:00Z".parse().unwrap()
    }

    #[test]
    fn the_example_card_reads_and_is_labelled_an_example() {
        let c = example_card(&default_tiers(), now()).unwrap();
        assert!(c.example);
        assert_eq!(c.authority, "Example LA (not a real authority's figures)");
        assert_eq!(c.weeks, Dec2::whole(38));
        // £653.60 for a weekly hour: 65,360p / 38 = 1,720p, £17.20 an hour.
        assert_eq!(
            c.rate_for(RoleCategory::TeachingAssistant),
            Some(&LaBasis::PerWeeklyHour {
                amount: Money::pence(65_360)
            })
        );
        assert_eq!(
            c.hourly_for(RoleCategory::TeachingAssistant),
            Some(crate::domain::money::Exact::from_integer(1720))
        );
        // 75p a minute x 60 = 4,500p, £45.00 an hour.
        assert_eq!(
            c.hourly_for(RoleCategory::Teacher),
            Some(crate::domain::money::Exact::from_integer(4500))
        );
        assert_eq!(c.rate_for(RoleCategory::Other), None);
        assert_eq!(c.excluded_times.len(), 2);
        assert_eq!(c.excluded_tiers, vec!["wave-1".to_owned()]);
        assert!(!c.costs_resources && c.cap_per_pupil.is_none());
        assert_eq!(c.created_at, now());
    }

    #[test]
    fn a_card_round_trips_through_its_file() {
        let c = example_card(&default_tiers(), now()).unwrap();
        let text = card_to_json(&c);
        assert!(!text.contains("\"id\"") && !text.contains("created_at"));
        let back = read_card_file(&text, &default_tiers(), now()).unwrap();
        assert_eq!(CardInFile::of(&back), CardInFile::of(&c));
        assert_ne!(back.id, c.id, "an import is a new card");
        // The authority cut to 40 characters: "example-la-not-a-real-"
        // (22) + "authority-s-figure" (18).
        assert_eq!(
            card_file_name(&c),
            "la-rate-card-example-la-not-a-real-authority-s-figure-2025-09-01.json"
        );
    }

    #[test]
    fn a_bad_file_lists_every_problem_with_its_path() {
        let tiers = default_tiers();
        let err = |t: &str| read_card_file(t, &tiers, now()).unwrap_err();
        assert_eq!(err("  ")[0].message, "The file is empty.");
        assert!(err("{").first().unwrap().message.contains("not JSON"));
        assert_eq!(
            err(r#"{"format":"waymark","format_version":4}"#)[0].path,
            "format"
        );
        assert!(err(r#"{"format":"other"}"#)[0]
            .message
            .contains("\"other\""));
        assert!(
            err(r#"{"format":"waymark-la-rate-card","format_version":2}"#)[0]
                .message
                .contains("version 2")
        );
        // A wrong type: named by its path.
        let bad = EXAMPLE_FILE.replace("\"weeks\": \"38\"", "\"weeks\": 38");
        assert_eq!(err(&bad)[0].path, "card.weeks");
        // Checks after reading: every one, each with its path.
        let bad = EXAMPLE_FILE
            .replace("\"weeks\": \"38\"", "\"weeks\": \"60\"")
            .replace("\"amount\": 65360", "\"amount\": 0")
            .replace("\"wave-1\"", "\"wave-9\"")
            .replace("\"10:45:00\"", "\"10:15:00\"");
        let p = err(&bad);
        let listed: Vec<(String, String)> = p.into_iter().map(|p| (p.path, p.message)).collect();
        assert_eq!(
            listed,
            vec![
                (
                    "card.weeks".to_owned(),
                    "The weeks in the LA's year must be from 1 to 52.".to_owned()
                ),
                (
                    "card.rates".to_owned(),
                    "The rate for a teaching assistant must be more than £0.".to_owned()
                ),
                (
                    "card.excluded_times".to_owned(),
                    "\"Morning break\" must end after it starts.".to_owned()
                ),
                (
                    "card.excluded_tiers".to_owned(),
                    "There is no tier called \"wave-9\" in Settings: use one of \"wave-1\", \"wave-2\", \"wave-3\".".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn the_published_schema_is_current() {
        let published = include_str!("../../public/schema/waymark-la-rate-card.schema.json");
        assert_eq!(
            published,
            rate_card_schema(),
            "the schema changed: regenerate it with `cargo run --bin waymark -- --rate-card-schema > public/schema/waymark-la-rate-card.schema.json`"
        );
    }
}
