//! One way in and out of JSON for every record the app keeps: export
//! files, IndexedDB (records are stored as the objects the browser's
//! `JSON.parse` makes of this JSON) and the messages between tabs.
//!
//! One reader and one writer keep the wasm small (each record type's serde
//! code is compiled once per reader or writer it meets) and a reading
//! problem always comes with the JSON path of the value at fault.

use serde::{de::DeserializeOwned, Serialize};

/// A value that could not be read, and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {message}")]
pub struct JsonError {
    /// The JSON path of the value at fault (`data.pupils[3].year_group`), or
    /// `.` for the whole text.
    pub path: String,
    pub message: String,
}

/// Read `text` as a `T`; nothing may follow the value but white space.
pub fn read<T: DeserializeOwned>(text: &str) -> Result<T, JsonError> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| JsonError {
        path: e.path().to_string(),
        message: e.into_inner().to_string(),
    })?;
    de.end().map_err(|e| JsonError {
        path: ".".into(),
        message: e.to_string(),
    })?;
    Ok(value)
}

/// `value` as compact JSON.
pub fn write<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).expect("the app's records always serialise")
}

/// `value` as JSON laid out for people to read (export files).
pub fn write_pretty<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string_pretty(value).expect("the app's records always serialise")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::provision::MeasureKind;

    #[test]
    fn reads_and_writes_back() {
        let v = vec![MeasureKind::ReadingAgeMonths, MeasureKind::Text];
        assert_eq!(read::<Vec<MeasureKind>>(&write(&v)), Ok(v.clone()));
        assert_eq!(read::<Vec<MeasureKind>>(&write_pretty(&v)), Ok(v));
    }

    #[test]
    fn a_problem_names_its_path() {
        let e = read::<Vec<MeasureKind>>(r#"["reading_age_months", "shoe_size"]"#).unwrap_err();
        assert_eq!(e.path, "[1]");
        assert!(e.message.contains("unknown variant `shoe_size`"), "{e}");
        let e = read::<Vec<MeasureKind>>("[] []").unwrap_err();
        assert_eq!(e.path, ".");
        assert!(e.message.contains("trailing characters"), "{e}");
    }
}
