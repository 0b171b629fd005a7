//! Pupils on the school roll, as the SENCO records them.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use uuid::Uuid;

use super::validation::Problems;

/// The longest name we accept, in characters: long enough for any real name,
/// short enough that a pasted paragraph is caught.
pub const MAX_NAME_CHARS: usize = 100;

/// A year group from nursery to Year 13, as English schools name them.
///
/// Stored and exported as a short code: `N`, `R`, `Y1` to `Y13`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum YearGroup {
    Nursery,
    Reception,
    /// Years 1 to 13; construct with [`YearGroup::year`], which checks the range.
    Year(u8),
}

impl YearGroup {
    /// Year `n` (1 to 13), or `None` outside that range.
    pub fn year(n: u8) -> Option<Self> {
        (1..=13).contains(&n).then_some(Self::Year(n))
    }

    /// Every year group in school order.
    pub fn all() -> impl Iterator<Item = YearGroup> {
        [Self::Nursery, Self::Reception]
            .into_iter()
            .chain((1..=13).map(Self::Year))
    }

    /// The short code used in storage and exports (`N`, `R`, `Y1`..`Y13`).
    pub fn code(self) -> String {
        match self {
            Self::Nursery => "N".into(),
            Self::Reception => "R".into(),
            Self::Year(n) => format!("Y{n}"),
        }
    }

    /// The name a person reads (`Nursery`, `Reception`, `Year 1`..).
    pub fn label(self) -> String {
        match self {
            Self::Nursery => "Nursery".into(),
            Self::Reception => "Reception".into(),
            Self::Year(n) => format!("Year {n}"),
        }
    }
}

impl fmt::Display for YearGroup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label())
    }
}

/// The text was not a year-group code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("\"{0}\" is not a year group: use N, R or Y1 to Y13")]
pub struct UnknownYearGroup(pub String);

impl FromStr for YearGroup {
    type Err = UnknownYearGroup;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        match t.to_ascii_uppercase().as_str() {
            "N" => Ok(Self::Nursery),
            "R" => Ok(Self::Reception),
            u => u
                .strip_prefix('Y')
                .filter(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|d| d.parse::<u8>().ok())
                .and_then(Self::year)
                .ok_or_else(|| UnknownYearGroup(s.to_owned())),
        }
    }
}

impl Serialize for YearGroup {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.code())
    }
}

impl<'de> Deserialize<'de> for YearGroup {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// What a person types to add or edit a pupil, before it is checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PupilDraft {
    pub given_name: String,
    pub family_name: String,
    /// A year-group code (`N`, `R`, `Y1`..`Y13`); empty when none was chosen.
    pub year_group: String,
}

/// A pupil as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pupil {
    pub id: Uuid,
    pub given_name: String,
    pub family_name: String,
    pub year_group: YearGroup,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

impl Pupil {
    /// A new pupil with a fresh id, or every problem with the draft.
    pub fn create(draft: &PupilDraft, now: Timestamp) -> Result<Pupil, Problems> {
        let (given_name, family_name, year_group) = check_draft(draft)?;
        Ok(Pupil {
            id: Uuid::new_v4(),
            given_name,
            family_name,
            year_group,
            created_at: now,
            updated_at: now,
        })
    }

    /// This pupil with the draft's values, or every problem with the draft.
    /// The id and creation time are kept.
    pub fn edited(&self, draft: &PupilDraft, now: Timestamp) -> Result<Pupil, Problems> {
        let (given_name, family_name, year_group) = check_draft(draft)?;
        Ok(Pupil {
            given_name,
            family_name,
            year_group,
            updated_at: now,
            ..self.clone()
        })
    }

    /// Every problem with a stored record (for example one read from an import).
    pub fn validate(&self) -> Problems {
        let mut p = Problems::default();
        check_name(&mut p, "given_name", "given name", &self.given_name);
        check_name(&mut p, "family_name", "family name", &self.family_name);
        if matches!(self.year_group, YearGroup::Year(n) if !(1..=13).contains(&n)) {
            p.push(
                "year_group",
                "Year group must be Nursery, Reception or Year 1 to 13.",
            );
        }
        if self.updated_at < self.created_at {
            p.push("updated_at", "Updated time is before the created time.");
        }
        p
    }

    /// "Given Family", as shown in lists.
    pub fn full_name(&self) -> String {
        format!("{} {}", self.given_name, self.family_name)
    }

    /// The order of the register: family name, then given name, ignoring case.
    pub fn register_order(a: &Pupil, b: &Pupil) -> std::cmp::Ordering {
        let key = |p: &Pupil| (p.family_name.to_lowercase(), p.given_name.to_lowercase());
        key(a).cmp(&key(b)).then(a.id.cmp(&b.id))
    }
}

fn check_draft(draft: &PupilDraft) -> Result<(String, String, YearGroup), Problems> {
    let mut p = Problems::default();
    let given = draft.given_name.trim().to_owned();
    let family = draft.family_name.trim().to_owned();
    check_name(&mut p, "given_name", "given name", &given);
    check_name(&mut p, "family_name", "family name", &family);
    let year = if draft.year_group.trim().is_empty() {
        p.push("year_group", "Choose a year group.");
        None
    } else {
        match draft.year_group.parse::<YearGroup>() {
            Ok(y) => Some(y),
            Err(e) => {
                p.push("year_group", format!("{}.", capitalise(&e.to_string())));
                None
            }
        }
    };
    match (p.into_result(), year) {
        (Ok(()), Some(y)) => Ok((given, family, y)),
        (Err(p), _) => Err(p),
        (Ok(()), None) => unreachable!("a missing year group is always reported"),
    }
}

fn check_name(p: &mut Problems, field: &'static str, what: &str, value: &str) {
    if value.trim().is_empty() {
        p.push(field, format!("Enter a {what}."));
    } else if value.chars().count() > MAX_NAME_CHARS {
        p.push(
            field,
            format!("The {what} is longer than {MAX_NAME_CHARS} characters."),
        );
    } else if value.chars().any(char::is_control) {
        p.push(
            field,
            format!("The {what} contains a control character (such as a tab or line break)."),
        );
    } else if value != value.trim() {
        p.push(field, format!("The {what} starts or ends with a space."));
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> Timestamp {
        "2026-09-03T08:30:00Z".parse().unwrap()
    }

    fn draft(g: &str, f: &str, y: &str) -> PupilDraft {
        PupilDraft {
            given_name: g.into(),
            family_name: f.into(),
            year_group: y.into(),
        }
    }

    #[test]
    fn year_group_codes_round_trip_in_school_order() {
        let all: Vec<_> = YearGroup::all().collect();
        assert_eq!(all.len(), 15);
        assert_eq!(all[0], YearGroup::Nursery);
        assert_eq!(all[1], YearGroup::Reception);
        assert_eq!(all[14], YearGroup::Year(13));
        let mut sorted = all.clone();
        sorted.sort();
        assert_eq!(sorted, all, "derived order is school order");
        for y in all {
            assert_eq!(y.code().parse::<YearGroup>(), Ok(y));
            let json = serde_json::to_string(&y).unwrap();
            assert_eq!(json, format!("\"{}\"", y.code()));
            assert_eq!(serde_json::from_str::<YearGroup>(&json).unwrap(), y);
        }
        assert_eq!("y4".parse(), Ok(YearGroup::Year(4)));
        assert_eq!(YearGroup::Year(4).label(), "Year 4");
        assert_eq!(YearGroup::Reception.to_string(), "Reception");
    }

    #[test]
    fn year_group_rejects_what_is_not_a_year() {
        for bad in ["", "Y0", "Y14", "Y", "Y+1", "Year 3", "13", "Y٣"] {
            assert!(bad.parse::<YearGroup>().is_err(), "{bad:?} accepted");
        }
        assert_eq!(YearGroup::year(0), None);
        assert_eq!(YearGroup::year(14), None);
        assert!(serde_json::from_str::<YearGroup>("\"Y14\"").is_err());
    }

    #[test]
    fn create_trims_names_and_stamps_times() {
        let p = Pupil::create(&draft("  Ada ", "Lovelace", "Y5"), now()).unwrap();
        assert_eq!(p.given_name, "Ada");
        assert_eq!(p.full_name(), "Ada Lovelace");
        assert_eq!(p.year_group, YearGroup::Year(5));
        assert_eq!(p.created_at, now());
        assert_eq!(p.updated_at, now());
        assert_eq!(p.id.get_version_num(), 4);
        assert!(p.validate().is_empty());
        let q = Pupil::create(&draft("Ada", "Lovelace", "Y5"), now()).unwrap();
        assert_ne!(p.id, q.id, "every pupil gets its own id");
    }

    #[test]
    fn create_reports_every_problem_by_field() {
        let err = Pupil::create(&draft(" ", "", ""), now()).unwrap_err();
        assert_eq!(err.for_field("given_name"), Some("Enter a given name."));
        assert_eq!(err.for_field("family_name"), Some("Enter a family name."));
        assert_eq!(err.for_field("year_group"), Some("Choose a year group."));
        assert_eq!(err.0.len(), 3);

        let long = "x".repeat(MAX_NAME_CHARS + 1);
        let err = Pupil::create(&draft(&long, "Tab\there", "Y20"), now()).unwrap_err();
        assert_eq!(
            err.for_field("given_name"),
            Some("The given name is longer than 100 characters.")
        );
        assert!(err
            .for_field("family_name")
            .unwrap()
            .contains("control character"));
        assert_eq!(
            err.for_field("year_group"),
            Some("\"Y20\" is not a year group: use N, R or Y1 to Y13.")
        );
        let ok_len = "é".repeat(MAX_NAME_CHARS);
        assert!(Pupil::create(&draft(&ok_len, "B", "N"), now()).is_ok());
    }

    #[test]
    fn edit_keeps_identity_and_moves_updated_time() {
        let p = Pupil::create(&draft("Ada", "Lovelace", "Y5"), now()).unwrap();
        let later: Timestamp = "2026-10-01T12:00:00Z".parse().unwrap();
        let q = p.edited(&draft("Ada", "King", "Y6"), later).unwrap();
        assert_eq!(q.id, p.id);
        assert_eq!(q.created_at, p.created_at);
        assert_eq!(q.updated_at, later);
        assert_eq!(q.family_name, "King");
        assert!(p.edited(&draft("", "King", "Y6"), later).is_err());
    }

    #[test]
    fn validate_catches_stored_records_that_break_the_rules() {
        let mut p = Pupil::create(&draft("Ada", "Lovelace", "Y5"), now()).unwrap();
        p.given_name = " Ada".into();
        p.year_group = YearGroup::Year(14);
        p.updated_at = "2020-01-01T00:00:00Z".parse().unwrap();
        let problems = p.validate();
        assert_eq!(
            problems.for_field("given_name"),
            Some("The given name starts or ends with a space.")
        );
        assert!(problems.for_field("year_group").is_some());
        assert!(problems.for_field("updated_at").is_some());
    }

    #[test]
    fn stored_form_is_stable_json_and_rejects_unknown_fields() {
        let p = Pupil {
            id: "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b".parse().unwrap(),
            given_name: "Ada".into(),
            family_name: "Lovelace".into(),
            year_group: YearGroup::Reception,
            created_at: now(),
            updated_at: now(),
        };
        let json = serde_json::to_string(&p).unwrap();
        assert_eq!(
            json,
            r#"{"id":"6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b","given_name":"Ada","family_name":"Lovelace","year_group":"R","created_at":"2026-09-03T08:30:00Z","updated_at":"2026-09-03T08:30:00Z"}"#
        );
        assert_eq!(serde_json::from_str::<Pupil>(&json).unwrap(), p);
        let extra = json.replace("\"given_name\"", "\"nickname\":\"x\",\"given_name\"");
        assert!(serde_json::from_str::<Pupil>(&extra).is_err());
    }

    #[test]
    fn register_order_is_by_family_then_given_name_ignoring_case() {
        let mk = |g: &str, f: &str| Pupil::create(&draft(g, f, "Y1"), now()).unwrap();
        let mut v = [mk("zoe", "adams"), mk("Ben", "Zephyr"), mk("Amy", "Adams")];
        v.sort_by(Pupil::register_order);
        let names: Vec<_> = v.iter().map(Pupil::full_name).collect();
        assert_eq!(names, ["Amy Adams", "zoe adams", "Ben Zephyr"]);
    }
}
