//! Validation results that name the field at fault, so a form can show each
//! message beside its control and an import can say where the problem is.

use serde::{Deserialize, Serialize};
use std::fmt;

/// One problem with one field of a record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// The field's name as it appears in the record (for example `given_name`).
    pub field: &'static str,
    /// A plain-English message for the person who typed the value.
    pub message: String,
}

impl FieldError {
    pub fn new(field: &'static str, message: impl Into<String>) -> Self {
        Self {
            field,
            message: message.into(),
        }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

/// Every problem found in a record; empty means valid.
#[derive(Debug, Clone, Default, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
pub struct Problems(pub Vec<FieldError>);

impl Problems {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn push(&mut self, field: &'static str, message: impl Into<String>) {
        self.0.push(FieldError::new(field, message));
    }

    /// The first message for `field`, if any (what a form shows beside it).
    pub fn for_field(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }

    /// `Ok(())` when there are no problems, otherwise `Err(self)`.
    pub fn into_result(self) -> Result<(), Problems> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(self)
        }
    }
}

/// Check a piece of text a person typed: present when `required`, at most
/// `max_chars` characters, no control characters (a line break is allowed
/// only in long text, `max_chars` over 200), no leading or trailing spaces.
pub fn check_text(
    p: &mut Problems,
    field: &'static str,
    what: &str,
    value: &str,
    max_chars: usize,
    required: bool,
) {
    let multiline = max_chars > 200;
    if value.trim().is_empty() {
        if required {
            p.push(field, format!("Enter a {what}."));
        }
    } else if value.chars().count() > max_chars {
        p.push(
            field,
            format!("The {what} is longer than {max_chars} characters."),
        );
    } else if value
        .chars()
        .any(|c| c.is_control() && !(multiline && (c == '\n' || c == '\r')))
    {
        p.push(
            field,
            format!("The {what} contains a control character (such as a tab or line break)."),
        );
    } else if value != value.trim() {
        p.push(field, format!("The {what} starts or ends with a space."));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_name_their_fields_and_join_for_display() {
        let mut p = Problems::default();
        assert!(p.clone().into_result().is_ok());
        p.push("given_name", "Enter a given name.");
        p.push("year_group", "Choose a year group.");
        assert_eq!(p.for_field("year_group"), Some("Choose a year group."));
        assert_eq!(p.for_field("family_name"), None);
        assert_eq!(
            p.to_string(),
            "given_name: Enter a given name.; year_group: Choose a year group."
        );
        assert!(p.into_result().is_err());
    }

    #[test]
    fn text_checks() {
        let mut p = Problems::default();
        check_text(&mut p, "a", "note", "", 10, false);
        check_text(&mut p, "b", "note", "line\nbreak", 500, true);
        assert!(p.is_empty());
        check_text(&mut p, "c", "name", " ", 10, true);
        check_text(&mut p, "d", "name", "abcdefghijk", 10, true);
        check_text(&mut p, "e", "name", "a\nb", 10, true);
        check_text(&mut p, "f", "name", "a ", 10, true);
        assert_eq!(p.for_field("c"), Some("Enter a name."));
        assert_eq!(
            p.for_field("d"),
            Some("The name is longer than 10 characters.")
        );
        assert!(p.for_field("e").unwrap().contains("control character"));
        assert_eq!(
            p.for_field("f"),
            Some("The name starts or ends with a space.")
        );
    }
}
