//! The JSON document a SENCO exports to share or back up their data.
//!
//! An envelope names the format and its integer version, so a later version of
//! the app can upgrade an older file and refuse a newer one by name.

pub mod csv;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::domain::dataset::Dataset;

/// The `format` field of every document this app writes.
pub const FORMAT_NAME: &str = "waymark";
/// The version of the document format this build writes and reads.
pub const FORMAT_VERSION: u32 = 1;

/// The whole export document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    pub format: String,
    pub format_version: u32,
    pub exported_at: Timestamp,
    pub app_version: String,
    pub data: Dataset,
}

/// Why a document could not be read. Each says what and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error("The file is empty.")]
    Empty,
    #[error("The file is not a {FORMAT_NAME} document: {0}")]
    NotJson(String),
    #[error("This file's format is \"{0}\", not \"{FORMAT_NAME}\".")]
    WrongFormat(String),
    #[error("This file is format version {found}, newer than this app reads ({FORMAT_VERSION}). Update the app to import it.")]
    TooNew { found: u32 },
    #[error("{path}: {message}")]
    Invalid { path: String, message: String },
}

impl Document {
    /// A document holding `data`, stamped with `now` and this build's version.
    pub fn new(data: Dataset, now: Timestamp) -> Self {
        Document {
            format: FORMAT_NAME.into(),
            format_version: FORMAT_VERSION,
            exported_at: now,
            app_version: env!("CARGO_PKG_VERSION").into(),
            data,
        }
    }

    /// The document as pretty-printed JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a Document always serialises")
    }

    /// A dated file name for a backup: `waymark-backup-2026-11-22.json`.
    pub fn file_name(&self) -> String {
        let day = self.exported_at.to_zoned(jiff::tz::TimeZone::UTC).date();
        format!("waymark-backup-{day}.json")
    }

    /// Read and check a document; nothing is returned unless every record is valid.
    pub fn from_json(text: &str) -> Result<Document, ImportError> {
        if text.trim().is_empty() {
            return Err(ImportError::Empty);
        }
        // Read the envelope first, so a newer file is refused by version rather
        // than by whichever field it happens to have changed.
        #[derive(Deserialize)]
        struct Envelope {
            format: String,
            format_version: u32,
        }
        let env: Envelope =
            serde_json::from_str(text).map_err(|e| ImportError::NotJson(e.to_string()))?;
        if env.format != FORMAT_NAME {
            return Err(ImportError::WrongFormat(env.format));
        }
        if env.format_version > FORMAT_VERSION {
            return Err(ImportError::TooNew {
                found: env.format_version,
            });
        }
        let doc: Document =
            serde_json::from_str(text).map_err(|e| ImportError::NotJson(e.to_string()))?;
        if let Some(p) = doc.data.validate().into_iter().next() {
            return Err(ImportError::Invalid {
                path: format!("data.{}[{}].{}", p.kind, p.index, p.field),
                message: p.message,
            });
        }
        Ok(doc)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::settings::SchoolSettings;
    use crate::domain::{Pupil, PupilDraft};

    fn now() -> Timestamp {
        "2026-11-22T10:00:00Z".parse().unwrap()
    }

    fn pupil(g: &str) -> Pupil {
        let d = PupilDraft::new(g, "Smith", "Y3");
        Pupil::create(&d, now()).unwrap()
    }

    fn data(pupils: Vec<Pupil>) -> Dataset {
        Dataset {
            pupils,
            ..Dataset::empty(SchoolSettings::new("S", 2025, now()))
        }
    }

    #[test]
    fn round_trip_is_lossless_and_identical() {
        let doc = Document::new(data(vec![pupil("Ann"), pupil("Bob")]), now());
        assert_eq!(doc.file_name(), "waymark-backup-2026-11-22.json");
        let json = doc.to_json();
        let back = Document::from_json(&json).unwrap();
        assert_eq!(back, doc);
        assert_eq!(back.to_json(), json);
        assert!(json.contains("\"format\": \"waymark\""));
        assert!(json.contains("\"format_version\": 1"));
    }

    #[test]
    fn bad_documents_say_what_and_where() {
        assert_eq!(Document::from_json("  \n"), Err(ImportError::Empty));
        assert!(matches!(
            Document::from_json("{\"format\":"),
            Err(ImportError::NotJson(_))
        ));
        assert_eq!(
            Document::from_json(r#"{"format":"other","format_version":1}"#),
            Err(ImportError::WrongFormat("other".into()))
        );
        let too_new =
            Document::from_json(r#"{"format":"waymark","format_version":7}"#).unwrap_err();
        assert_eq!(too_new, ImportError::TooNew { found: 7 });
        assert!(too_new.to_string().contains("version 7") && too_new.to_string().contains("(1)"));

        let p = pupil("Ann");
        let doc = Document::new(data(vec![p.clone(), p]), now());
        match Document::from_json(&doc.to_json()) {
            Err(ImportError::Invalid { path, .. }) => assert_eq!(path, "data.pupils[1].id"),
            other => panic!("duplicate id accepted: {other:?}"),
        }

        let doc = Document::new(data(vec![pupil("Ann")]), now());
        let json = doc.to_json().replace("\"Ann\"", "\"\"");
        assert_eq!(
            Document::from_json(&json),
            Err(ImportError::Invalid {
                path: "data.pupils[0].given_name".into(),
                message: "Enter a given name.".into()
            })
        );
    }
}
