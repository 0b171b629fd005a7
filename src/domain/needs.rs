//! School census codes: SEN provision (E/K/N) and type of need, grouped into
//! the four broad areas of need of the SEND Code of Practice.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// SEN provision as recorded in the school census.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
pub enum SenStatus {
    /// `E`: education, health and care plan.
    #[serde(rename = "E")]
    Ehcp,
    /// `K`: SEN support.
    #[serde(rename = "K")]
    SenSupport,
    /// `N`: no special educational provision.
    #[serde(rename = "N")]
    None,
}

impl SenStatus {
    pub const ALL: [SenStatus; 3] = [SenStatus::Ehcp, SenStatus::SenSupport, SenStatus::None];

    pub fn code(self) -> &'static str {
        match self {
            SenStatus::Ehcp => "E",
            SenStatus::SenSupport => "K",
            SenStatus::None => "N",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SenStatus::Ehcp => "EHC plan",
            SenStatus::SenSupport => "SEN support",
            SenStatus::None => "No SEN provision",
        }
    }

    /// On the SEN register (E or K).
    pub fn on_register(self) -> bool {
        self != SenStatus::None
    }
}

/// The text was not a census code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("\"{code}\" is not a {what} code: use one of {allowed}")]
pub struct UnknownCode {
    pub code: String,
    pub what: &'static str,
    pub allowed: String,
}

impl FromStr for SenStatus {
    type Err = UnknownCode;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        SenStatus::ALL
            .into_iter()
            .find(|c| c.code().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| UnknownCode {
                code: s.to_owned(),
                what: "SEN provision",
                allowed: "E, K, N".into(),
            })
    }
}

/// The four broad areas of need, plus the census's "other" group.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum BroadArea {
    CommunicationAndInteraction,
    CognitionAndLearning,
    Semh,
    SensoryPhysical,
    Other,
}

impl BroadArea {
    pub const ALL: [BroadArea; 5] = [
        BroadArea::CommunicationAndInteraction,
        BroadArea::CognitionAndLearning,
        BroadArea::Semh,
        BroadArea::SensoryPhysical,
        BroadArea::Other,
    ];

    pub fn label(self) -> &'static str {
        match self {
            BroadArea::CommunicationAndInteraction => "Communication and interaction",
            BroadArea::CognitionAndLearning => "Cognition and learning",
            BroadArea::Semh => "Social, emotional and mental health",
            BroadArea::SensoryPhysical => "Sensory and/or physical",
            BroadArea::Other => "Other",
        }
    }
}

impl fmt::Display for BroadArea {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A census type-of-need code.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "UPPERCASE")]
pub enum NeedCode {
    Slcn,
    Asd,
    Spld,
    Mld,
    Sld,
    Pmld,
    Semh,
    Hi,
    Vi,
    Msi,
    Pd,
    Oth,
    Nsa,
}

impl NeedCode {
    pub const ALL: [NeedCode; 13] = [
        NeedCode::Slcn,
        NeedCode::Asd,
        NeedCode::Spld,
        NeedCode::Mld,
        NeedCode::Sld,
        NeedCode::Pmld,
        NeedCode::Semh,
        NeedCode::Hi,
        NeedCode::Vi,
        NeedCode::Msi,
        NeedCode::Pd,
        NeedCode::Oth,
        NeedCode::Nsa,
    ];

    pub fn code(self) -> &'static str {
        match self {
            NeedCode::Slcn => "SLCN",
            NeedCode::Asd => "ASD",
            NeedCode::Spld => "SPLD",
            NeedCode::Mld => "MLD",
            NeedCode::Sld => "SLD",
            NeedCode::Pmld => "PMLD",
            NeedCode::Semh => "SEMH",
            NeedCode::Hi => "HI",
            NeedCode::Vi => "VI",
            NeedCode::Msi => "MSI",
            NeedCode::Pd => "PD",
            NeedCode::Oth => "OTH",
            NeedCode::Nsa => "NSA",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            NeedCode::Slcn => "Speech, language and communication needs",
            NeedCode::Asd => "Autistic spectrum disorder",
            NeedCode::Spld => "Specific learning difficulty",
            NeedCode::Mld => "Moderate learning difficulty",
            NeedCode::Sld => "Severe learning difficulty",
            NeedCode::Pmld => "Profound and multiple learning difficulty",
            NeedCode::Semh => "Social, emotional and mental health",
            NeedCode::Hi => "Hearing impairment",
            NeedCode::Vi => "Visual impairment",
            NeedCode::Msi => "Multi-sensory impairment",
            NeedCode::Pd => "Physical disability",
            NeedCode::Oth => "Other difficulty or disability",
            NeedCode::Nsa => "SEN support but no specialist assessment of type of need",
        }
    }

    /// The broad area of need the code belongs to.
    pub fn broad_area(self) -> BroadArea {
        match self {
            NeedCode::Slcn | NeedCode::Asd => BroadArea::CommunicationAndInteraction,
            NeedCode::Spld | NeedCode::Mld | NeedCode::Sld | NeedCode::Pmld => {
                BroadArea::CognitionAndLearning
            }
            NeedCode::Semh => BroadArea::Semh,
            NeedCode::Hi | NeedCode::Vi | NeedCode::Msi | NeedCode::Pd => {
                BroadArea::SensoryPhysical
            }
            NeedCode::Oth | NeedCode::Nsa => BroadArea::Other,
        }
    }
}

impl FromStr for NeedCode {
    type Err = UnknownCode;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        NeedCode::ALL
            .into_iter()
            .find(|c| c.code().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| UnknownCode {
                code: s.to_owned(),
                what: "type of need",
                allowed: NeedCode::ALL.map(NeedCode::code).join(", "),
            })
    }
}

impl fmt::Display for NeedCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_census_code_parses_and_maps_to_its_broad_area() {
        let expect = [
            ("SLCN", BroadArea::CommunicationAndInteraction),
            ("ASD", BroadArea::CommunicationAndInteraction),
            ("SPLD", BroadArea::CognitionAndLearning),
            ("MLD", BroadArea::CognitionAndLearning),
            ("SLD", BroadArea::CognitionAndLearning),
            ("PMLD", BroadArea::CognitionAndLearning),
            ("SEMH", BroadArea::Semh),
            ("HI", BroadArea::SensoryPhysical),
            ("VI", BroadArea::SensoryPhysical),
            ("MSI", BroadArea::SensoryPhysical),
            ("PD", BroadArea::SensoryPhysical),
            ("OTH", BroadArea::Other),
            ("NSA", BroadArea::Other),
        ];
        assert_eq!(expect.len(), NeedCode::ALL.len());
        for (code, area) in expect {
            let n: NeedCode = code.parse().unwrap();
            assert_eq!(n.code(), code);
            assert_eq!(n.broad_area(), area, "{code}");
            assert_eq!(serde_json::to_string(&n).unwrap(), format!("\"{code}\""));
            assert!(!n.label().is_empty());
        }
        assert_eq!("spld".parse::<NeedCode>(), Ok(NeedCode::Spld));
        let err = "DYS".parse::<NeedCode>().unwrap_err();
        assert!(err
            .to_string()
            .starts_with("\"DYS\" is not a type of need code: use one of SLCN, ASD"));
        assert!(serde_json::from_str::<NeedCode>("\"DYS\"").is_err());
    }

    #[test]
    fn sen_status_codes() {
        assert_eq!("e".parse::<SenStatus>(), Ok(SenStatus::Ehcp));
        assert_eq!("K".parse::<SenStatus>(), Ok(SenStatus::SenSupport));
        assert_eq!(serde_json::to_string(&SenStatus::None).unwrap(), "\"N\"");
        assert!("S".parse::<SenStatus>().is_err());
        assert!(SenStatus::Ehcp.on_register() && !SenStatus::None.on_register());
        assert_eq!(SenStatus::SenSupport.label(), "SEN support");
        assert_eq!(
            BroadArea::Semh.to_string(),
            "Social, emotional and mental health"
        );
    }
}
