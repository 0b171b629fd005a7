//! Pupils on the school roll, as the SENCO records them.

use jiff::civil::Date;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use uuid::Uuid;

use super::money::Money;
use super::needs::{BroadArea, NeedCode, SenStatus};
use super::validation::{check_text, Problems};

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

    /// The year group after this one, or `None` after Year 13.
    pub fn next(self) -> Option<YearGroup> {
        match self {
            Self::Nursery => Some(Self::Reception),
            Self::Reception => Some(Self::Year(1)),
            Self::Year(n) => Self::year(n + 1),
        }
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

/// Flags that change funding or reporting.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Flags {
    pub pupil_premium: bool,
    /// Looked-after child (in care).
    pub lac: bool,
    /// Previously looked-after child.
    pub plac: bool,
    pub service_child: bool,
    /// English as an additional language.
    pub eal: bool,
}

/// The details of an education, health and care plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EhcpDetails {
    pub issue_date: Date,
    pub next_annual_review: Option<Date>,
    pub local_authority: String,
    /// Element 3 top-up the LA pays a year for this pupil.
    pub top_up: Money,
}

/// A one-page profile (pupil passport).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct OnePageProfile {
    pub strengths: String,
    pub what_helps: String,
    pub what_does_not_help: String,
    pub communication: String,
}

/// A pupil as stored. Fields added after schema version 1 have defaults, so
/// records written by version 1 still read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pupil {
    pub id: Uuid,
    pub given_name: String,
    pub family_name: String,
    pub year_group: YearGroup,
    /// Unique pupil number: 13 characters. Kept out of shared exports by default.
    #[serde(default)]
    pub upn: Option<String>,
    /// Class or form.
    #[serde(default)]
    pub class_name: String,
    #[serde(default)]
    pub date_of_birth: Option<Date>,
    #[serde(default = "default_status")]
    pub sen_status: SenStatus,
    #[serde(default)]
    pub primary_need: Option<NeedCode>,
    #[serde(default)]
    pub secondary_need: Option<NeedCode>,
    #[serde(default)]
    pub flags: Flags,
    #[serde(default)]
    pub ehcp: Option<EhcpDetails>,
    #[serde(default)]
    pub profile: OnePageProfile,
    /// The date the pupil joined the SEN register.
    #[serde(default)]
    pub on_register_from: Option<Date>,
    /// The date the pupil left the SEN register.
    #[serde(default)]
    pub off_register_from: Option<Date>,
    /// The date the pupil left the school; they stay in the history.
    #[serde(default)]
    pub left_on: Option<Date>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

fn default_status() -> SenStatus {
    SenStatus::None
}

/// Whether `upn` has the shape of a UPN: a letter, eleven digits, then a
/// digit or (for a temporary UPN) a letter.
pub fn upn_shape_ok(upn: &str) -> bool {
    let b = upn.as_bytes();
    b.len() == 13
        && b[0].is_ascii_uppercase()
        && b[1..12].iter().all(u8::is_ascii_digit)
        && (b[12].is_ascii_digit() || b[12].is_ascii_uppercase())
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
            upn: None,
            class_name: String::new(),
            date_of_birth: None,
            sen_status: SenStatus::None,
            primary_need: None,
            secondary_need: None,
            flags: Flags::default(),
            ehcp: None,
            profile: OnePageProfile::default(),
            on_register_from: None,
            off_register_from: None,
            left_on: None,
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
        check_text(
            &mut p,
            "given_name",
            "given name",
            &self.given_name,
            MAX_NAME_CHARS,
            true,
        );
        check_text(
            &mut p,
            "family_name",
            "family name",
            &self.family_name,
            MAX_NAME_CHARS,
            true,
        );
        if matches!(self.year_group, YearGroup::Year(n) if !(1..=13).contains(&n)) {
            p.push(
                "year_group",
                "Year group must be Nursery, Reception or Year 1 to 13.",
            );
        }
        if let Some(upn) = &self.upn {
            if !upn_shape_ok(upn) {
                p.push(
                    "upn",
                    "A UPN is 13 characters: a capital letter, 11 digits, then a digit or capital letter.",
                );
            }
        }
        check_text(&mut p, "class_name", "class", &self.class_name, 30, false);
        if let Some(dob) = self.date_of_birth {
            let created = self.created_at.to_zoned(jiff::tz::TimeZone::UTC).date();
            if dob > created {
                p.push("date_of_birth", "The date of birth is in the future.");
            } else if dob.year() < created.year() - 25 {
                p.push(
                    "date_of_birth",
                    "The date of birth is more than 25 years ago.",
                );
            }
        }
        match self.sen_status {
            SenStatus::Ehcp | SenStatus::SenSupport if self.primary_need.is_none() => {
                p.push(
                    "primary_need",
                    "A pupil on the SEN register needs a primary type of need.",
                );
            }
            SenStatus::None if self.primary_need.is_some() || self.secondary_need.is_some() => {
                p.push(
                    "sen_status",
                    "A pupil with a type of need should be E or K, not N.",
                );
            }
            _ => {}
        }
        if self.secondary_need.is_some() && self.secondary_need == self.primary_need {
            p.push(
                "secondary_need",
                "The secondary need is the same as the primary need.",
            );
        }
        if self.secondary_need.is_some() && self.primary_need.is_none() {
            p.push(
                "secondary_need",
                "Give a primary need before a secondary need.",
            );
        }
        if self.flags.lac && self.flags.plac {
            p.push(
                "flags",
                "A pupil cannot be both looked after and previously looked after.",
            );
        }
        match (&self.ehcp, self.sen_status) {
            (Some(_), SenStatus::SenSupport | SenStatus::None) => {
                p.push(
                    "ehcp",
                    "EHC plan details are given but the SEN status is not E.",
                );
            }
            (None, SenStatus::Ehcp) => {
                p.push("ehcp", "A pupil with status E needs the EHC plan details.")
            }
            _ => {}
        }
        if let Some(e) = &self.ehcp {
            check_text(
                &mut p,
                "ehcp",
                "local authority",
                &e.local_authority,
                100,
                true,
            );
            if e.top_up.is_negative() {
                p.push("ehcp", "The top-up cannot be negative.");
            }
            if e.next_annual_review.is_some_and(|r| r < e.issue_date) {
                p.push(
                    "ehcp",
                    "The next annual review is before the plan was issued.",
                );
            }
        }
        for (field, what, v) in [
            ("profile", "strengths", &self.profile.strengths),
            ("profile", "what helps", &self.profile.what_helps),
            (
                "profile",
                "what does not help",
                &self.profile.what_does_not_help,
            ),
            ("profile", "communication", &self.profile.communication),
        ] {
            check_text(&mut p, field, what, v, 4000, false);
        }
        if let (Some(on), Some(off)) = (self.on_register_from, self.off_register_from) {
            if off < on {
                p.push(
                    "off_register_from",
                    "The pupil leaves the register before joining it.",
                );
            }
        }
        if self.updated_at < self.created_at {
            p.push("updated_at", "Updated time is before the created time.");
        }
        p
    }

    /// The broad area of the primary need, if any.
    pub fn broad_area(&self) -> Option<BroadArea> {
        self.primary_need.map(NeedCode::broad_area)
    }

    /// On the school roll on `day` (not yet left).
    pub fn on_roll_on(&self, day: Date) -> bool {
        self.left_on.is_none_or(|d| day < d)
    }

    /// On the SEN register on `day`: on roll, status E or K, and within the
    /// register dates where they are given.
    pub fn on_register_on(&self, day: Date) -> bool {
        self.on_roll_on(day)
            && self.sen_status.on_register()
            && self.on_register_from.is_none_or(|d| d <= day)
            && self.off_register_from.is_none_or(|d| day < d)
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
    check_text(
        &mut p,
        "given_name",
        "given name",
        &given,
        MAX_NAME_CHARS,
        true,
    );
    check_text(
        &mut p,
        "family_name",
        "family name",
        &family,
        MAX_NAME_CHARS,
        true,
    );
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
    fn a_schema_version_1_record_still_reads_with_defaults() {
        // Exactly what the walking skeleton (schema version 1) stored.
        let v1 = r#"{"id":"6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b","given_name":"Ada","family_name":"Lovelace","year_group":"R","created_at":"2026-09-03T08:30:00Z","updated_at":"2026-09-03T08:30:00Z"}"#;
        let p: Pupil = serde_json::from_str(v1).unwrap();
        assert_eq!(p.full_name(), "Ada Lovelace");
        assert_eq!(p.year_group, YearGroup::Reception);
        assert_eq!(p.sen_status, SenStatus::None);
        assert_eq!(p.upn, None);
        assert_eq!(p.flags, Flags::default());
        assert!(p.validate().is_empty());
        let extra = v1.replace("\"given_name\"", "\"nickname\":\"x\",\"given_name\"");
        assert!(serde_json::from_str::<Pupil>(&extra).is_err());
    }

    fn full_pupil() -> Pupil {
        let mut p = Pupil::create(&draft("Ada", "Lovelace", "Y5"), now()).unwrap();
        p.upn = Some("A123456789012".into());
        p.class_name = "5H".into();
        p.date_of_birth = Some(jiff::civil::date(2016, 3, 14));
        p.sen_status = SenStatus::Ehcp;
        p.primary_need = Some(NeedCode::Asd);
        p.secondary_need = Some(NeedCode::Slcn);
        p.flags.pupil_premium = true;
        p.flags.lac = true;
        p.ehcp = Some(EhcpDetails {
            issue_date: jiff::civil::date(2024, 5, 1),
            next_annual_review: Some(jiff::civil::date(2026, 5, 1)),
            local_authority: "Anyshire".into(),
            top_up: Money::pounds(8_500),
        });
        p.profile.strengths = "Loves maps.\nKind to others.".into();
        p.on_register_from = Some(jiff::civil::date(2023, 9, 4));
        p
    }

    #[test]
    fn a_full_record_round_trips_and_is_valid() {
        let p = full_pupil();
        assert!(p.validate().is_empty(), "{:?}", p.validate());
        let json = serde_json::to_string(&p).unwrap();
        assert_eq!(serde_json::from_str::<Pupil>(&json).unwrap(), p);
        assert_eq!(p.broad_area(), Some(BroadArea::CommunicationAndInteraction));
        assert!(p.on_register_on(jiff::civil::date(2025, 1, 1)));
        assert!(!p.on_register_on(jiff::civil::date(2023, 9, 1)));
        let mut off = p.clone();
        off.off_register_from = Some(jiff::civil::date(2026, 7, 22));
        assert!(!off.on_register_on(jiff::civil::date(2026, 7, 22)));
        assert!(off.on_register_on(jiff::civil::date(2026, 7, 21)));
    }

    #[test]
    fn impossible_pupils_are_rejected_field_by_field() {
        let mut p = full_pupil();
        p.upn = Some("a12345".into());
        p.date_of_birth = Some(jiff::civil::date(2030, 1, 1));
        p.secondary_need = Some(NeedCode::Asd);
        p.flags.plac = true;
        p.ehcp.as_mut().unwrap().top_up = Money(-1);
        p.ehcp.as_mut().unwrap().next_annual_review = Some(jiff::civil::date(2020, 1, 1));
        p.off_register_from = Some(jiff::civil::date(2020, 1, 1));
        p.class_name = "x".repeat(31);
        let problems = p.validate();
        for f in [
            "upn",
            "date_of_birth",
            "secondary_need",
            "flags",
            "ehcp",
            "off_register_from",
            "class_name",
        ] {
            assert!(
                problems.for_field(f).is_some(),
                "{f} not reported: {problems:?}"
            );
        }
        let ehcp_msgs: Vec<_> = problems.0.iter().filter(|e| e.field == "ehcp").collect();
        assert_eq!(ehcp_msgs.len(), 2);

        let mut q = full_pupil();
        q.primary_need = None;
        let problems = q.validate();
        assert!(problems.for_field("primary_need").is_some());
        assert_eq!(
            problems.for_field("secondary_need"),
            Some("Give a primary need before a secondary need.")
        );

        let mut r = full_pupil();
        r.sen_status = SenStatus::None;
        let problems = r.validate();
        assert!(problems.for_field("sen_status").is_some());
        assert_eq!(
            problems.for_field("ehcp"),
            Some("EHC plan details are given but the SEN status is not E.")
        );
        let mut e = full_pupil();
        e.ehcp = None;
        assert_eq!(
            e.validate().for_field("ehcp"),
            Some("A pupil with status E needs the EHC plan details.")
        );
        let mut old = full_pupil();
        old.date_of_birth = Some(jiff::civil::date(1990, 1, 1));
        assert!(old
            .validate()
            .for_field("date_of_birth")
            .unwrap()
            .contains("25 years"));
        assert!(upn_shape_ok("A12345678901B"));
        assert!(!upn_shape_ok("A1234567890"));
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
