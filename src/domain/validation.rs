//! Validation results that name the field at fault, so a form can show each
//! message beside its control and an import can say where the problem is.

use std::fmt;

/// The fields of one kind of record (and of the drafts and commands that
/// make it), as problems name them: a type per kind, so a form knows every
/// field its command can fault, and no problem is keyed by a loose string.
pub trait FieldName: Copy + Eq + fmt::Debug + 'static {
    /// Every field of the kind, in the order a form lists them.
    const ALL: &'static [Self];
    /// The field's name in the stored record and the export format (an
    /// import's problems give this in their JSON path).
    fn name(self) -> &'static str;
    /// The field as a person knows it (a form's summary of problems names it).
    fn label(self) -> &'static str;
}

/// Declares the field enum of a kind of record: `Variant = "json_name",
/// "Label";` for each field. Every kind has `Id`, `CreatedAt` and
/// `UpdatedAt` as well.
#[macro_export]
macro_rules! field_names {
    ($(#[$meta:meta])* $vis:vis enum $ty:ident { $($variant:ident = $name:literal, $label:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        $vis enum $ty {
            $($variant,)+
            Id,
            CreatedAt,
            UpdatedAt,
        }

        impl $crate::domain::validation::FieldName for $ty {
            const ALL: &'static [$ty] = &[$($ty::$variant,)+ $ty::Id, $ty::CreatedAt, $ty::UpdatedAt];

            fn name(self) -> &'static str {
                match self {
                    $($ty::$variant => $name,)+
                    $ty::Id => "id",
                    $ty::CreatedAt => "created_at",
                    $ty::UpdatedAt => "updated_at",
                }
            }

            fn label(self) -> &'static str {
                match self {
                    $($ty::$variant => $label,)+
                    $ty::Id => "Record",
                    $ty::CreatedAt => "Time created",
                    $ty::UpdatedAt => "Time last changed",
                }
            }
        }
    };
}

/// One problem with one field of a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError<F> {
    pub field: F,
    /// A plain-English message for the person who typed the value.
    pub message: String,
}

impl<F: FieldName> FieldError<F> {
    pub fn new(field: F, message: impl Into<String>) -> Self {
        Self {
            field,
            message: message.into(),
        }
    }
}

impl<F: FieldName> fmt::Display for FieldError<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field.name(), self.message)
    }
}

/// Every problem found in a record, a draft or a command's input; empty
/// means valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problems<F>(pub Vec<FieldError<F>>);

impl<F> Default for Problems<F> {
    fn default() -> Self {
        Problems(Vec::new())
    }
}

impl<F: FieldName> fmt::Display for Problems<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self.0.iter().map(ToString::to_string).collect();
        f.write_str(&parts.join("; "))
    }
}

impl<F: FieldName> std::error::Error for Problems<F> {}

impl<F: FieldName> Problems<F> {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn push(&mut self, field: F, message: impl Into<String>) {
        self.0.push(FieldError::new(field, message));
    }

    /// The first message for `field`, if any.
    pub fn for_field(&self, field: F) -> Option<&str> {
        self.0
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }

    /// Whether any problem names `field`.
    pub fn has(&self, field: F) -> bool {
        self.0.iter().any(|e| e.field == field)
    }

    /// Adds the problems of `more` whose fields have none here yet (a
    /// record's own rules after a draft's checks, which say more).
    pub fn extend_new(&mut self, more: Problems<F>) {
        for e in more.0 {
            if !self.has(e.field) {
                self.0.push(e);
            }
        }
    }

    /// `Ok(())` when there are no problems, otherwise `Err(self)`.
    pub fn into_result(self) -> Result<(), Problems<F>> {
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
pub fn check_text<F: FieldName>(
    p: &mut Problems<F>,
    field: F,
    what: &str,
    value: &str,
    max_chars: usize,
    required: bool,
) {
    if let Some(message) = text_problem(what, value, max_chars, required) {
        p.push(field, message);
    }
}

/// Check a name (a pupil's given or family name): [`check_text`]'s rules,
/// and no character that hides or changes what a reader sees (see
/// [`deceptive_char`]). Names are put in Unicode normal form C before they
/// are checked or stored ([`nfc`]).
pub fn check_name<F: FieldName>(
    p: &mut Problems<F>,
    field: F,
    what: &str,
    value: &str,
    max_chars: usize,
    required: bool,
) {
    let message = text_problem(what, value, max_chars, required).or_else(|| {
        value.chars().find_map(|c| {
            deceptive_char(c)
                .map(|kind| format!("The {what} contains {kind} (U+{:04X}).", c as u32))
        })
    });
    if let Some(message) = message {
        p.push(field, message);
    }
}

/// `text` in Unicode normal form C: an "é" typed as "e" and a combining
/// accent becomes the one precomposed character, so two spellings of one
/// name compare equal.
pub fn nfc(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    if unicode_normalization::is_nfc(text) {
        text.to_owned()
    } else {
        text.nfc().collect()
    }
}

/// What `c` is, if it is a character a name must not hold: an invisible
/// formatting character (Unicode general category Cf: bidirectional
/// overrides and isolates, zero-width spaces and joiners, the soft hyphen,
/// the byte-order mark, tag characters...), a line or paragraph separator,
/// or the replacement character that a wrongly decoded file leaves.
///
/// The Cf characters are listed here, as ranges from the Unicode Character
/// Database (16.0, `DerivedGeneralCategory.txt`), rather than taken from a
/// crate: `unicode-normalization` has no general-category table, Rust's
/// standard library knows only control characters (Cc), and these 21 ranges
/// are a stable, readable list where a general-category crate would add a
/// table of every category to the app for one of them.
pub fn deceptive_char(c: char) -> Option<&'static str> {
    const FORMAT: &[(u32, u32)] = &[
        (0x00AD, 0x00AD),   // soft hyphen
        (0x0600, 0x0605),   // Arabic number signs
        (0x061C, 0x061C),   // Arabic letter mark
        (0x06DD, 0x06DD),   // Arabic end of ayah
        (0x070F, 0x070F),   // Syriac abbreviation mark
        (0x0890, 0x0891),   // Arabic pound and piastre marks above
        (0x08E2, 0x08E2),   // Arabic disputed end of ayah
        (0x180E, 0x180E),   // Mongolian vowel separator
        (0x200B, 0x200F),   // zero-width space, non-joiner, joiner; LRM, RLM
        (0x202A, 0x202E),   // bidirectional embeddings and overrides
        (0x2060, 0x2064),   // word joiner, invisible operators
        (0x2066, 0x206F),   // bidirectional isolates; deprecated format characters
        (0xFEFF, 0xFEFF),   // zero-width no-break space (byte-order mark)
        (0xFFF9, 0xFFFB),   // interlinear annotation
        (0x110BD, 0x110BD), // Kaithi number sign
        (0x110CD, 0x110CD), // Kaithi number sign above
        (0x13430, 0x1343F), // Egyptian hieroglyph format controls
        (0x1BCA0, 0x1BCA3), // shorthand format controls
        (0x1D173, 0x1D17A), // musical symbol format controls
        (0xE0001, 0xE0001), // language tag
        (0xE0020, 0xE007F), // tag characters
    ];
    let n = c as u32;
    if FORMAT.iter().any(|&(lo, hi)| (lo..=hi).contains(&n)) {
        Some("an invisible formatting character")
    } else if c == '\u{2028}' || c == '\u{2029}' {
        Some("a line or paragraph separator")
    } else if c.is_control() {
        Some("a control character")
    } else if c == '\u{FFFD}' {
        Some("a replacement character, left where text was read in the wrong encoding")
    } else {
        None
    }
}

/// What is wrong with a piece of text, if anything ([`check_text`]'s rules;
/// one copy whatever the kind of field).
fn text_problem(what: &str, value: &str, max_chars: usize, required: bool) -> Option<String> {
    let multiline = max_chars > 200;
    if value.trim().is_empty() {
        required.then(|| format!("Enter a {what}."))
    } else if value.chars().count() > max_chars {
        Some(format!("The {what} is longer than {max_chars} characters."))
    } else if value
        .chars()
        .any(|c| c.is_control() && !(multiline && (c == '\n' || c == '\r')))
    {
        Some(format!(
            "The {what} contains a control character (such as a tab or line break)."
        ))
    } else if value != value.trim() {
        Some(format!("The {what} starts or ends with a space."))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    crate::field_names! {
        enum Test {
            A = "a", "First";
            B = "b_field", "Second";
        }
    }

    #[test]
    fn field_names_and_labels_cover_every_field() {
        assert_eq!(
            Test::ALL,
            &[Test::A, Test::B, Test::Id, Test::CreatedAt, Test::UpdatedAt]
        );
        let names: Vec<_> = Test::ALL.iter().map(|f| f.name()).collect();
        assert_eq!(names, ["a", "b_field", "id", "created_at", "updated_at"]);
        assert_eq!(Test::B.label(), "Second");
        assert_eq!(Test::UpdatedAt.label(), "Time last changed");
    }

    #[test]
    fn problems_name_their_fields_and_join_for_display() {
        let mut p = Problems::default();
        assert!(p.clone().into_result().is_ok());
        p.push(Test::A, "Enter a given name.");
        p.push(Test::B, "Choose a year group.");
        p.push(Test::B, "Or another.");
        assert_eq!(p.for_field(Test::B), Some("Choose a year group."));
        assert_eq!(p.for_field(Test::Id), None);
        assert!(p.has(Test::A) && !p.has(Test::UpdatedAt));
        assert_eq!(
            p.to_string(),
            "a: Enter a given name.; b_field: Choose a year group.; b_field: Or another."
        );
        let mut more = Problems::default();
        more.push(Test::A, "Dropped: A already has a problem.");
        more.push(Test::Id, "Kept.");
        p.extend_new(more);
        assert_eq!(p.0.len(), 4);
        assert_eq!(p.for_field(Test::Id), Some("Kept."));
        assert!(p.into_result().is_err());
    }

    #[test]
    fn text_checks() {
        let mut p = Problems::default();
        check_text(&mut p, Test::A, "note", "", 10, false);
        check_text(&mut p, Test::A, "note", "line\nbreak", 500, true);
        assert!(p.is_empty());
        check_text(&mut p, Test::A, "name", " ", 10, true);
        check_text(&mut p, Test::B, "name", "abcdefghijk", 10, true);
        check_text(&mut p, Test::Id, "name", "a\nb", 10, true);
        check_text(&mut p, Test::CreatedAt, "name", "a ", 10, true);
        assert_eq!(p.for_field(Test::A), Some("Enter a name."));
        assert_eq!(
            p.for_field(Test::B),
            Some("The name is longer than 10 characters.")
        );
        assert!(p.for_field(Test::Id).unwrap().contains("control character"));
        assert_eq!(
            p.for_field(Test::CreatedAt),
            Some("The name starts or ends with a space.")
        );
    }

    #[test]
    fn names_refuse_what_hides_or_reorders_text() {
        let name = |v: &str| {
            let mut p = Problems::default();
            check_name(&mut p, Test::A, "given name", v, 100, true);
            p.for_field(Test::A).map(str::to_owned)
        };
        assert_eq!(name("Zoë"), None);
        assert_eq!(name("O'Brien-Ng"), None);
        // A right-to-left override shows "Ali\u{202E}nav" as "Alivan".
        assert_eq!(
            name("Ali\u{202E}nav").as_deref(),
            Some("The given name contains an invisible formatting character (U+202E).")
        );
        for c in [
            '\u{200B}',
            '\u{200C}',
            '\u{200D}',
            '\u{200E}',
            '\u{200F}',
            '\u{202A}',
            '\u{2066}',
            '\u{2069}',
            '\u{FEFF}',
            '\u{00AD}',
            '\u{2060}',
            '\u{E0041}',
        ] {
            let v = format!("Ad{c}a");
            assert_eq!(
                name(&v),
                Some(format!(
                    "The given name contains an invisible formatting character (U+{:04X}).",
                    c as u32
                )),
                "{v:?}"
            );
        }
        assert_eq!(
            name("Ada\u{2028}Lee").as_deref(),
            Some("The given name contains a line or paragraph separator (U+2028).")
        );
        assert_eq!(
            name("Zo\u{FFFD}").as_deref(),
            Some("The given name contains a replacement character, left where text was read in the wrong encoding (U+FFFD).")
        );
        // A C1 control (what Windows-1252's unassigned bytes decode to).
        assert!(name("Ada\u{81}").unwrap().contains("control character"));
        // Visible characters near the listed ranges are not refused.
        for ok in ['\u{00AC}', '\u{00AE}', '\u{2010}', '\u{2065}', '\u{FEFE}'] {
            assert_eq!(deceptive_char(ok), None, "{ok:?}");
        }
        // check_text alone still allows them (long text keeps its joiners).
        let mut p = Problems::default();
        check_text(&mut p, Test::A, "note", "a\u{200D}b", 4000, false);
        assert!(p.is_empty());
    }

    #[test]
    fn nfc_composes_combining_accents() {
        // "Zoe" + U+0308 COMBINING DIAERESIS is "Zoë" as one character.
        let combining = "Zoe\u{0308}";
        assert_eq!(combining.chars().count(), 4);
        assert_eq!(nfc(combining), "Zo\u{00EB}");
        assert_eq!(nfc("Zo\u{00EB}"), "Zo\u{00EB}");
        // Hangul and other scripts compose as well; plain ASCII is unchanged.
        assert_eq!(nfc("\u{1100}\u{1161}"), "\u{AC00}");
        assert_eq!(nfc("Ada"), "Ada");
    }
}
