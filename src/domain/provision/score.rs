//! Entry and exit scores: the measures and what a person types.

use serde::{Deserialize, Serialize};

use crate::domain::quantity::Dec2;
use crate::domain::validation::{check_text, FieldName, Problems};

/// The kind of entry and exit data a provision measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MeasureKind {
    StandardisedScore,
    ReadingAgeMonths,
    SpellingAgeMonths,
    Percentage,
    ScaledStep,
    Text,
}

impl MeasureKind {
    pub const ALL: [MeasureKind; 6] = [
        MeasureKind::StandardisedScore,
        MeasureKind::ReadingAgeMonths,
        MeasureKind::SpellingAgeMonths,
        MeasureKind::Percentage,
        MeasureKind::ScaledStep,
        MeasureKind::Text,
    ];

    pub fn label(self) -> &'static str {
        match self {
            MeasureKind::StandardisedScore => "Standardised score",
            MeasureKind::ReadingAgeMonths => "Reading age (months)",
            MeasureKind::SpellingAgeMonths => "Spelling age (months)",
            MeasureKind::Percentage => "Percentage",
            MeasureKind::ScaledStep => "Scaled step",
            MeasureKind::Text => "Free text",
        }
    }

    /// Reading and spelling ages: measures a ratio gain applies to.
    pub fn is_age(self) -> bool {
        matches!(
            self,
            MeasureKind::ReadingAgeMonths | MeasureKind::SpellingAgeMonths
        )
    }
}

/// An entry or exit score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "measure", content = "value", rename_all = "snake_case")]
pub enum Score {
    StandardisedScore(Dec2),
    ReadingAgeMonths(u32),
    SpellingAgeMonths(u32),
    Percentage(Dec2),
    ScaledStep(Dec2),
    Text(String),
}

impl Score {
    pub fn kind(&self) -> MeasureKind {
        match self {
            Score::StandardisedScore(_) => MeasureKind::StandardisedScore,
            Score::ReadingAgeMonths(_) => MeasureKind::ReadingAgeMonths,
            Score::SpellingAgeMonths(_) => MeasureKind::SpellingAgeMonths,
            Score::Percentage(_) => MeasureKind::Percentage,
            Score::ScaledStep(_) => MeasureKind::ScaledStep,
            Score::Text(_) => MeasureKind::Text,
        }
    }

    /// Read a score of `kind` from what a person typed; the message says
    /// what is wrong (the range checks come from [`Enrolment::validate`]).
    pub fn parse(kind: MeasureKind, text: &str) -> Result<Score, String> {
        let t = text.trim();
        let dec = || {
            t.parse::<Dec2>().map_err(|_| {
                format!(
                    "Enter a number, like {}.",
                    if kind == MeasureKind::Percentage {
                        "55"
                    } else {
                        "92"
                    }
                )
            })
        };
        let months = || {
            t.parse::<u32>().map_err(|_| {
                "Enter the age in whole months, like 98 (8 years 2 months).".to_owned()
            })
        };
        Ok(match kind {
            MeasureKind::StandardisedScore => Score::StandardisedScore(dec()?),
            MeasureKind::Percentage => Score::Percentage(dec()?),
            MeasureKind::ScaledStep => Score::ScaledStep(dec()?),
            MeasureKind::ReadingAgeMonths => Score::ReadingAgeMonths(months()?),
            MeasureKind::SpellingAgeMonths => Score::SpellingAgeMonths(months()?),
            MeasureKind::Text => Score::Text(t.to_owned()),
        })
    }

    /// The score as typed text (the inverse of [`Score::parse`]).
    pub fn text(&self) -> String {
        match self {
            Score::StandardisedScore(d) | Score::Percentage(d) | Score::ScaledStep(d) => {
                d.to_string()
            }
            Score::ReadingAgeMonths(m) | Score::SpellingAgeMonths(m) => m.to_string(),
            Score::Text(t) => t.clone(),
        }
    }

    /// The score as a number, exactly (none for free text).
    pub fn numeric(&self) -> Option<crate::domain::money::Exact> {
        match self {
            Score::StandardisedScore(d) | Score::Percentage(d) | Score::ScaledStep(d) => {
                Some(d.exact())
            }
            Score::ReadingAgeMonths(m) | Score::SpellingAgeMonths(m) => {
                Some(crate::domain::money::Exact::from_integer(i128::from(*m)))
            }
            Score::Text(_) => None,
        }
    }

    pub(super) fn validate_into<F: FieldName>(&self, p: &mut Problems<F>, field: F) {
        match self {
            Score::StandardisedScore(d) if *d < Dec2::whole(40) || *d > Dec2::whole(160) => {
                p.push(field, "A standardised score must be from 40 to 160.");
            }
            Score::Percentage(d) if d.is_negative() || *d > Dec2::whole(100) => {
                p.push(field, "A percentage must be from 0 to 100.");
            }
            Score::ReadingAgeMonths(m) | Score::SpellingAgeMonths(m) if *m > 300 => {
                p.push(
                    field,
                    "An age over 25 years (300 months) is not a reading or spelling age.",
                );
            }
            Score::ScaledStep(d) if d.is_negative() || *d > Dec2::whole(1000) => {
                p.push(field, "A scaled step must be from 0 to 1,000.");
            }
            Score::Text(t) => check_text(p, field, "result", t, 200, true),
            _ => {}
        }
    }
}
