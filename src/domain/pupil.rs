//! Pupils on the school roll, as the SENCO records them.

use jiff::civil::Date;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;
use uuid::Uuid;

use super::fields::PupilField;
use super::money::Money;
use super::needs::{BroadArea, NeedCode, SenStatus};
use super::validation::{check_name, check_text, nfc, Problems};

/// The academic years a pupil's year-group history may name (by the
/// calendar year each starts in).
pub const MIN_HISTORY_YEAR: i16 = 1990;
pub const MAX_HISTORY_YEAR: i16 = 2200;

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

impl schemars::JsonSchema for YearGroup {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "YearGroup".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "A year group: N (nursery), R (reception) or Y1 to Y13.",
            "pattern": "^(N|R|Y([1-9]|1[0-3]))$"
        })
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
    pub class_name: String,
    /// Empty for none.
    pub upn: String,
    /// `yyyy-mm-dd` (a date input) or `dd/mm/yyyy`; empty for none.
    pub date_of_birth: String,
    /// `E`, `K` or `N`; empty means `N`.
    pub sen_status: String,
    /// Census codes; empty for none.
    pub primary_need: String,
    pub secondary_need: String,
    pub flags: Flags,
    /// `yyyy-mm-dd` or `dd/mm/yyyy`; empty for none.
    pub on_register_from: String,
}

impl PupilDraft {
    /// A draft with just the three things every pupil needs.
    pub fn new(given_name: &str, family_name: &str, year_group: &str) -> PupilDraft {
        PupilDraft {
            given_name: given_name.into(),
            family_name: family_name.into(),
            year_group: year_group.into(),
            ..PupilDraft::default()
        }
    }

    /// The draft that edits `p` (its register fields as typed text).
    pub fn of(p: &Pupil) -> PupilDraft {
        let code = |n: Option<NeedCode>| n.map(|n| n.code().to_owned()).unwrap_or_default();
        let day = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
        PupilDraft {
            given_name: p.given_name.clone(),
            family_name: p.family_name.clone(),
            year_group: p.year_group.code(),
            class_name: p.class_name.clone(),
            upn: p.upn.clone().unwrap_or_default(),
            date_of_birth: day(p.date_of_birth),
            sen_status: p.sen_status.code().to_owned(),
            primary_need: code(p.primary_need),
            secondary_need: code(p.secondary_need),
            flags: p.flags,
            on_register_from: day(p.on_register_from),
        }
    }
}

/// Reads `yyyy-mm-dd` (what a date input gives) or `dd/mm/yyyy` (what people type).
pub fn parse_date(text: &str) -> Option<Date> {
    let t = text.trim();
    if let Ok(d) = t.parse::<Date>() {
        return Some(d);
    }
    let mut parts = t.split('/');
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 {
        return None;
    }
    Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?).ok()
}

/// Flags that change funding or reporting.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EhcpDetails {
    pub issue_date: Date,
    pub next_annual_review: Option<Date>,
    #[schemars(length(max = 100))]
    pub local_authority: String,
    /// Element 3 top-up the LA pays a year for this pupil.
    #[schemars(range(min = 0, max = 100000000))]
    pub top_up: Money,
}

/// A one-page profile (pupil passport).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct OnePageProfile {
    pub strengths: String,
    pub what_helps: String,
    pub what_does_not_help: String,
    pub communication: String,
}

/// A pupil as stored. Fields added after schema version 1 have defaults, so
/// records written by version 1 still read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Pupil {
    pub id: Uuid,
    #[schemars(length(max = 100))]
    pub given_name: String,
    #[schemars(length(max = 100))]
    pub family_name: String,
    pub year_group: YearGroup,
    /// The year group the pupil was in in each past academic year, by the
    /// calendar year that year starts in: written by the rollover for the
    /// year being left, so a report about a past year shows the year group
    /// of that year ([`Pupil::year_group_in`]). Empty before schema and
    /// format version 3 (and for pupils never rolled over).
    #[serde(default)]
    pub year_group_history: BTreeMap<i16, YearGroup>,
    /// Unique pupil number: 13 characters. Kept out of shared exports by default.
    #[serde(default)]
    pub upn: Option<String>,
    /// Class or form.
    #[serde(default)]
    #[schemars(length(max = 30))]
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

/// The letters a UPN's check letter (and a temporary UPN's last character)
/// can be, in the order of the values 0 to 22: the alphabet without I, O
/// and S.
const UPN_LETTERS: &[u8; 23] = b"ABCDEFGHJKLMNPQRTUVWXYZ";

/// The check letter the DfE's rule gives the last 12 characters of `upn`
/// (a UPN of the right shape), or `None` when its last character is a
/// letter no temporary UPN uses (I, O or S).
///
/// The rule (DfE, "Unique pupil numbers (UPN): a guide for schools and
/// local authorities"; the UK Government Data Standards Catalogue's
/// "Unique Pupil Number" 2.0): multiply characters 2 to 13 by their
/// positions 2 to 13 and add; the sum modulo 23 is the check letter, 0 = A
/// to 22 = Z without I, O and S. A temporary UPN ends in a letter, which
/// counts in the sum at the value it has as a check letter (A = 0, B = 1,
/// ...).
pub fn upn_check_letter(upn: &str) -> Option<char> {
    let b = upn.as_bytes();
    let mut sum = 0u32;
    for (i, &c) in b.iter().enumerate().skip(1) {
        let value = if c.is_ascii_digit() {
            u32::from(c - b'0')
        } else {
            UPN_LETTERS.iter().position(|&l| l == c)? as u32
        };
        sum += value * (i as u32 + 1);
    }
    Some(char::from(UPN_LETTERS[(sum % 23) as usize]))
}

/// What is wrong with `upn`, if anything: its shape, then its check letter.
pub fn upn_problem(upn: &str) -> Option<String> {
    if !upn_shape_ok(upn) {
        return Some(
            "A UPN is 13 characters: a capital letter, 11 digits, then a digit or capital letter."
                .into(),
        );
    }
    match upn_check_letter(upn) {
        None => Some(format!(
            "A temporary UPN does not end in I, O or S: check the last character of {upn}."
        )),
        Some(c) if upn.starts_with(c) => None,
        Some(c) => Some(format!(
            "The UPN {upn} does not check: by the DfE's rule its first letter would be {c}. Check it against the MIS."
        )),
    }
}

impl Pupil {
    /// A new pupil with a fresh id, or every problem with the draft.
    pub fn create(draft: &PupilDraft, now: Timestamp) -> Result<Pupil, Problems<PupilField>> {
        let blank = Pupil {
            id: Uuid::new_v4(),
            given_name: String::new(),
            family_name: String::new(),
            year_group: YearGroup::Nursery,
            year_group_history: BTreeMap::new(),
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
        };
        blank.edited(draft, now)
    }

    /// This pupil with the draft's values, or every problem with the draft.
    /// The id and creation time are kept.
    /// Every problem is reported, by field; the record's own rules (for
    /// example, a pupil on the register needs a primary need) are checked too.
    pub fn edited(
        &self,
        draft: &PupilDraft,
        now: Timestamp,
    ) -> Result<Pupil, Problems<PupilField>> {
        let (given_name, family_name, year_group, mut p) = check_draft(draft);
        let mut date = |field: PupilField, what: &str, text: &str| -> Option<Date> {
            if text.trim().is_empty() {
                return None;
            }
            let d = parse_date(text);
            if d.is_none() {
                p.push(
                    field,
                    format!("Enter the {what} as a date, like 31/01/2017."),
                );
            }
            d
        };
        let date_of_birth = date(
            PupilField::DateOfBirth,
            "date of birth",
            &draft.date_of_birth,
        );
        let on_register_from = date(
            PupilField::OnRegisterFrom,
            "date they joined the register",
            &draft.on_register_from,
        );
        let mut code = |field: PupilField, text: &str| -> Option<NeedCode> {
            if text.trim().is_empty() {
                return None;
            }
            text.parse::<NeedCode>()
                .map_err(|e| p.push(field, format!("{}.", capitalise(&e.to_string()))))
                .ok()
        };
        let primary_need = code(PupilField::PrimaryNeed, &draft.primary_need);
        let secondary_need = code(PupilField::SecondaryNeed, &draft.secondary_need);
        let sen_status = if draft.sen_status.trim().is_empty() {
            SenStatus::None
        } else {
            match draft.sen_status.parse::<SenStatus>() {
                Ok(s) => s,
                Err(e) => {
                    p.push(
                        PupilField::SenStatus,
                        format!("{}.", capitalise(&e.to_string())),
                    );
                    SenStatus::None
                }
            }
        };
        let upn = draft.upn.trim().to_ascii_uppercase();
        let candidate = Pupil {
            given_name,
            family_name,
            year_group: year_group.unwrap_or(self.year_group),
            class_name: nfc(draft.class_name.trim()),
            upn: (!upn.is_empty()).then_some(upn),
            date_of_birth,
            sen_status,
            primary_need,
            secondary_need,
            flags: draft.flags,
            on_register_from,
            updated_at: now,
            ..self.clone()
        };
        // The record's own rules, for fields the draft itself did not already fault.
        for e in candidate.validate().0 {
            if p.for_field(e.field).is_none() {
                p.0.push(e);
            }
        }
        p.into_result().map(|()| candidate)
    }

    /// The pupil with names and class in Unicode normal form C, as the
    /// register's form and the MIS import store them (an import from a file
    /// made elsewhere is normalised so before it is checked).
    pub fn normalise_text(&mut self) {
        for t in [
            &mut self.given_name,
            &mut self.family_name,
            &mut self.class_name,
        ] {
            *t = nfc(t);
        }
    }

    /// The year group the pupil was in in the academic year starting
    /// `start_year`: the one the rollover recorded for that year, else the
    /// current one (a year not yet left, or one from before the history was
    /// kept).
    pub fn year_group_in(&self, start_year: i16) -> YearGroup {
        self.year_group_history
            .get(&start_year)
            .copied()
            .unwrap_or(self.year_group)
    }

    /// Every problem with a stored record (for example one read from an import).
    pub fn validate(&self) -> Problems<PupilField> {
        let mut p = Problems::default();
        check_name(
            &mut p,
            PupilField::GivenName,
            "given name",
            &self.given_name,
            MAX_NAME_CHARS,
            true,
        );
        check_name(
            &mut p,
            PupilField::FamilyName,
            "family name",
            &self.family_name,
            MAX_NAME_CHARS,
            true,
        );
        if matches!(self.year_group, YearGroup::Year(n) if !(1..=13).contains(&n)) {
            p.push(
                PupilField::YearGroup,
                "Year group must be Nursery, Reception or Year 1 to 13.",
            );
        }
        for (year, group) in &self.year_group_history {
            if !(MIN_HISTORY_YEAR..=MAX_HISTORY_YEAR).contains(year) {
                p.push(
                    PupilField::YearGroupHistory,
                    format!("A past year group is given for the year starting {year}: use a year from {MIN_HISTORY_YEAR} to {MAX_HISTORY_YEAR}."),
                );
            }
            if matches!(group, YearGroup::Year(n) if !(1..=13).contains(n)) {
                p.push(
                    PupilField::YearGroupHistory,
                    "Past year groups must be Nursery, Reception or Year 1 to 13.",
                );
            }
        }
        if let Some(message) = self.upn.as_deref().and_then(upn_problem) {
            p.push(PupilField::Upn, message);
        }
        check_text(
            &mut p,
            PupilField::ClassName,
            "class",
            &self.class_name,
            30,
            false,
        );
        if let Some(dob) = self.date_of_birth {
            let created = self.created_at.to_zoned(jiff::tz::TimeZone::UTC).date();
            if dob > created {
                p.push(
                    PupilField::DateOfBirth,
                    "The date of birth is in the future.",
                );
            } else if dob.year() < created.year() - 25 {
                p.push(
                    PupilField::DateOfBirth,
                    "The date of birth is more than 25 years ago.",
                );
            }
        }
        match self.sen_status {
            SenStatus::Ehcp | SenStatus::SenSupport if self.primary_need.is_none() => {
                p.push(
                    PupilField::PrimaryNeed,
                    "A pupil on the SEN register needs a primary type of need.",
                );
            }
            SenStatus::None if self.primary_need.is_some() || self.secondary_need.is_some() => {
                p.push(
                    PupilField::SenStatus,
                    "A pupil with a type of need should be E or K, not N.",
                );
            }
            _ => {}
        }
        if self.secondary_need.is_some() && self.secondary_need == self.primary_need {
            p.push(
                PupilField::SecondaryNeed,
                "The secondary need is the same as the primary need.",
            );
        }
        if self.secondary_need.is_some() && self.primary_need.is_none() {
            p.push(
                PupilField::SecondaryNeed,
                "Give a primary need before a secondary need.",
            );
        }
        if self.flags.lac && self.flags.plac {
            p.push(
                PupilField::Flags,
                "A pupil cannot be both looked after and previously looked after.",
            );
        }
        // Status E without the plan's details is allowed (they are often
        // entered later, on the pupil's page); details without status E are not.
        if self.ehcp.is_some() && self.sen_status != SenStatus::Ehcp {
            p.push(
                PupilField::Ehcp,
                "EHC plan details are given but the SEN status is not E.",
            );
        }
        if let Some(e) = &self.ehcp {
            check_text(
                &mut p,
                PupilField::Ehcp,
                "local authority",
                &e.local_authority,
                100,
                true,
            );
            if e.top_up > super::limits::MAX_PER_PUPIL {
                p.push(
                    PupilField::Ehcp,
                    "The EHC plan's top-up is over £1,000,000 a year: check the figure.",
                );
            }
            if e.top_up.is_negative() {
                p.push(PupilField::Ehcp, "The top-up cannot be negative.");
            }
            if e.next_annual_review.is_some_and(|r| r < e.issue_date) {
                p.push(
                    PupilField::Ehcp,
                    "The next annual review is before the plan was issued.",
                );
            }
        }
        for (field, what, v) in [
            (PupilField::Profile, "strengths", &self.profile.strengths),
            (PupilField::Profile, "what helps", &self.profile.what_helps),
            (
                PupilField::Profile,
                "what does not help",
                &self.profile.what_does_not_help,
            ),
            (
                PupilField::Profile,
                "communication",
                &self.profile.communication,
            ),
        ] {
            check_text(&mut p, field, what, v, 4000, false);
        }
        if let (Some(on), Some(off)) = (self.on_register_from, self.off_register_from) {
            if off < on {
                p.push(
                    PupilField::OffRegisterFrom,
                    "The pupil leaves the register before joining it.",
                );
            }
        }
        if self.updated_at < self.created_at {
            p.push(
                PupilField::UpdatedAt,
                "Updated time is before the created time.",
            );
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
        // Compared a character at a time: a sort of 2,000 pupils made
        // four lower-cased copies of names per comparison.
        fn cmp_lower(a: &str, b: &str) -> std::cmp::Ordering {
            a.chars()
                .flat_map(char::to_lowercase)
                .cmp(b.chars().flat_map(char::to_lowercase))
        }
        cmp_lower(&a.family_name, &b.family_name)
            .then_with(|| cmp_lower(&a.given_name, &b.given_name))
            .then(a.id.cmp(&b.id))
    }
}

fn check_draft(draft: &PupilDraft) -> (String, String, Option<YearGroup>, Problems<PupilField>) {
    let mut p = Problems::default();
    // Normal form C, so a name typed with a combining accent is the same
    // name as one typed with the precomposed letter.
    let given = nfc(draft.given_name.trim());
    let family = nfc(draft.family_name.trim());
    check_name(
        &mut p,
        PupilField::GivenName,
        "given name",
        &given,
        MAX_NAME_CHARS,
        true,
    );
    check_name(
        &mut p,
        PupilField::FamilyName,
        "family name",
        &family,
        MAX_NAME_CHARS,
        true,
    );
    let year = if draft.year_group.trim().is_empty() {
        p.push(PupilField::YearGroup, "Choose a year group.");
        None
    } else {
        match draft.year_group.parse::<YearGroup>() {
            Ok(y) => Some(y),
            Err(e) => {
                p.push(
                    PupilField::YearGroup,
                    format!("{}.", capitalise(&e.to_string())),
                );
                None
            }
        }
    };
    (given, family, year, p)
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
        PupilDraft::new(g, f, y)
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
        assert_eq!(
            err.for_field(PupilField::GivenName),
            Some("Enter a given name.")
        );
        assert_eq!(
            err.for_field(PupilField::FamilyName),
            Some("Enter a family name.")
        );
        assert_eq!(
            err.for_field(PupilField::YearGroup),
            Some("Choose a year group.")
        );
        assert_eq!(err.0.len(), 3);

        let long = "x".repeat(MAX_NAME_CHARS + 1);
        let err = Pupil::create(&draft(&long, "Tab\there", "Y20"), now()).unwrap_err();
        assert_eq!(
            err.for_field(PupilField::GivenName),
            Some("The given name is longer than 100 characters.")
        );
        assert!(err
            .for_field(PupilField::FamilyName)
            .unwrap()
            .contains("control character"));
        assert_eq!(
            err.for_field(PupilField::YearGroup),
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
    fn a_pupil_keeps_the_year_group_of_each_past_year() {
        let mut p = Pupil::create(&draft("Ada", "Lovelace", "Y5"), now()).unwrap();
        assert!(p.year_group_history.is_empty());
        // No history: every year reads the current year group.
        assert_eq!(p.year_group_in(2025), YearGroup::Year(5));
        p.year_group_history.insert(2024, YearGroup::Year(3));
        p.year_group_history.insert(2025, YearGroup::Year(4));
        assert_eq!(p.year_group_in(2024), YearGroup::Year(3));
        assert_eq!(p.year_group_in(2025), YearGroup::Year(4));
        assert_eq!(p.year_group_in(2026), YearGroup::Year(5));
        assert!(p.validate().is_empty());
        let json = serde_json::to_string(&p).unwrap();
        assert!(json.contains(r#""year_group_history":{"2024":"Y3","2025":"Y4"}"#));
        assert_eq!(serde_json::from_str::<Pupil>(&json).unwrap(), p);
        // Editing the pupil keeps the history.
        let edited = p.edited(&PupilDraft::of(&p), now()).unwrap();
        assert_eq!(edited.year_group_history, p.year_group_history);
        // A year out of range, or a year group out of range, is a problem.
        p.year_group_history.insert(1066, YearGroup::Year(1));
        p.year_group_history.insert(2023, YearGroup::Year(14));
        let problems: Vec<_> = p
            .validate()
            .0
            .into_iter()
            .filter(|e| e.field == PupilField::YearGroupHistory)
            .map(|e| e.message)
            .collect();
        assert_eq!(
            problems,
            [
                "A past year group is given for the year starting 1066: use a year from 1990 to 2200.",
                "Past year groups must be Nursery, Reception or Year 1 to 13."
            ]
        );
    }

    #[test]
    fn validate_catches_stored_records_that_break_the_rules() {
        let mut p = Pupil::create(&draft("Ada", "Lovelace", "Y5"), now()).unwrap();
        p.given_name = " Ada".into();
        p.year_group = YearGroup::Year(14);
        p.updated_at = "2020-01-01T00:00:00Z".parse().unwrap();
        let problems = p.validate();
        assert_eq!(
            problems.for_field(PupilField::GivenName),
            Some("The given name starts or ends with a space.")
        );
        assert!(problems.for_field(PupilField::YearGroup).is_some());
        assert!(problems.for_field(PupilField::UpdatedAt).is_some());
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
            PupilField::Upn,
            PupilField::DateOfBirth,
            PupilField::SecondaryNeed,
            PupilField::Flags,
            PupilField::Ehcp,
            PupilField::OffRegisterFrom,
            PupilField::ClassName,
        ] {
            assert!(
                problems.for_field(f).is_some(),
                "{f:?} not reported: {problems:?}"
            );
        }
        let ehcp_msgs: Vec<_> = problems
            .0
            .iter()
            .filter(|e| e.field == PupilField::Ehcp)
            .collect();
        assert_eq!(ehcp_msgs.len(), 2);

        let mut q = full_pupil();
        q.primary_need = None;
        let problems = q.validate();
        assert!(problems.for_field(PupilField::PrimaryNeed).is_some());
        assert_eq!(
            problems.for_field(PupilField::SecondaryNeed),
            Some("Give a primary need before a secondary need.")
        );

        let mut r = full_pupil();
        r.sen_status = SenStatus::None;
        let problems = r.validate();
        assert!(problems.for_field(PupilField::SenStatus).is_some());
        assert_eq!(
            problems.for_field(PupilField::Ehcp),
            Some("EHC plan details are given but the SEN status is not E.")
        );
        let mut e = full_pupil();
        e.ehcp = None;
        assert_eq!(
            e.validate().for_field(PupilField::Ehcp),
            None,
            "details can follow later"
        );
        let mut old = full_pupil();
        old.date_of_birth = Some(jiff::civil::date(1990, 1, 1));
        assert!(old
            .validate()
            .for_field(PupilField::DateOfBirth)
            .unwrap()
            .contains("25 years"));
        assert!(upn_shape_ok("A12345678901B"));
        assert!(!upn_shape_ok("A1234567890"));
    }

    #[test]
    fn the_full_register_form_reads_every_field() {
        let mut d = draft(" Ada ", "Lovelace", "Y5");
        d.class_name = " 5H ".into();
        d.upn = "a123456789012".into();
        d.date_of_birth = "14/03/2016".into();
        d.sen_status = "K".into();
        d.primary_need = "spld".into();
        d.secondary_need = "SEMH".into();
        d.flags.eal = true;
        d.on_register_from = "2024-09-04".into();
        let p = Pupil::create(&d, now()).unwrap();
        assert_eq!(p.class_name, "5H");
        assert_eq!(p.upn.as_deref(), Some("A123456789012"));
        assert_eq!(p.date_of_birth, Some(jiff::civil::date(2016, 3, 14)));
        assert_eq!(p.sen_status, SenStatus::SenSupport);
        assert_eq!(
            (p.primary_need, p.secondary_need),
            (Some(NeedCode::Spld), Some(NeedCode::Semh))
        );
        assert!(p.flags.eal);
        assert_eq!(p.on_register_from, Some(jiff::civil::date(2024, 9, 4)));
        // The draft of a pupil gives the same pupil back.
        assert_eq!(p.edited(&PupilDraft::of(&p), now()).unwrap(), p);
        assert_eq!(PupilDraft::of(&p).date_of_birth, "2016-03-14");

        let mut bad = d.clone();
        bad.date_of_birth = "31/02/2016".into();
        bad.on_register_from = "yesterday".into();
        bad.sen_status = "X".into();
        bad.primary_need = "DYS".into();
        bad.upn = "12345".into();
        let e = Pupil::create(&bad, now()).unwrap_err();
        assert_eq!(
            e.for_field(PupilField::DateOfBirth),
            Some("Enter the date of birth as a date, like 31/01/2017.")
        );
        assert!(e.for_field(PupilField::OnRegisterFrom).is_some());
        assert!(e
            .for_field(PupilField::SenStatus)
            .unwrap()
            .starts_with("\"X\" is not a SEN provision code"));
        assert!(e
            .for_field(PupilField::PrimaryNeed)
            .unwrap()
            .starts_with("\"DYS\" is not a type of need code"));
        assert!(e
            .for_field(PupilField::Upn)
            .unwrap()
            .starts_with("A UPN is 13 characters"));

        // A record rule: on the register (K) with no primary need.
        let mut k = draft("Ben", "Okoro", "R");
        k.sen_status = "K".into();
        assert_eq!(
            Pupil::create(&k, now())
                .unwrap_err()
                .for_field(PupilField::PrimaryNeed),
            Some("A pupil on the SEN register needs a primary type of need.")
        );
        assert_eq!(parse_date("1/9/2025"), Some(jiff::civil::date(2025, 9, 1)));
        assert_eq!(parse_date("01/09/25"), None);
        assert_eq!(parse_date("1/2/3/2025"), None);
    }

    #[test]
    fn upn_check_letters_follow_the_dfe_rule() {
        // B801200005001: characters 2-13 are 8 0 1 2 0 0 0 0 5 0 0 1, so
        // 8x2 + 1x4 + 2x5 + 5x10 + 1x13 = 16 + 4 + 10 + 50 + 13 = 93;
        // 93 = 4 x 23 + 1, and 1 is B.
        assert_eq!(upn_check_letter("B801200005001"), Some('B'));
        assert_eq!(upn_problem("B801200005001"), None);
        assert_eq!(
            upn_problem("A801200005001").as_deref(),
            Some("The UPN A801200005001 does not check: by the DfE's rule its first letter would be B. Check it against the MIS.")
        );
        // The example MIS help pages give (census error 1510):
        // ?207000016049 is 2x2 + 7x4 + 1x9 + 6x10 + 4x12 + 9x13
        // = 4 + 28 + 9 + 60 + 48 + 117 = 266 = 11 x 23 + 13, and 13 is P
        // (the pages add to 267 and give Q: an arithmetic slip).
        assert_eq!(upn_check_letter("B207000016049"), Some('P'));
        assert!(upn_problem("P207000016049").is_none());
        assert!(upn_problem("Q207000016049").is_some());
        // The register's own test UPN: 1x2 + 2x3 + ... + 9x10 + 0x11 + 1x12
        // + 2x13 = 368 = 16 x 23, remainder 0, which is A.
        assert!(upn_problem("A123456789012").is_none());
        // A temporary UPN ends in a letter, counted at its check-letter
        // value: ?80120000500A is 16 + 4 + 10 + 50 + 0x13 = 80 = 3 x 23 +
        // 11, M; with T (16) last, 80 + 16x13 = 288 = 12 x 23 + 12, N.
        assert!(upn_problem("M80120000500A").is_none());
        assert!(upn_problem("N80120000500T").is_none());
        assert!(upn_problem("M80120000500T").is_some());
        // I, O and S are neither check letters nor last characters.
        assert_eq!(upn_check_letter("M80120000500I"), None);
        assert_eq!(
            upn_problem("M80120000500O").as_deref(),
            Some("A temporary UPN does not end in I, O or S: check the last character of M80120000500O.")
        );
        assert!(upn_problem("S801200005001").is_some());
        assert!(upn_problem("b801200005001")
            .unwrap()
            .starts_with("A UPN is 13"));
        // The form upper-cases what is typed, then checks it.
        let mut d = draft("Ada", "Lovelace", "Y5");
        d.upn = " b801200005001 ".into();
        assert_eq!(
            Pupil::create(&d, now()).unwrap().upn.as_deref(),
            Some("B801200005001")
        );
        d.upn = "C801200005001".into();
        assert!(Pupil::create(&d, now())
            .unwrap_err()
            .for_field(PupilField::Upn)
            .unwrap()
            .contains("would be B"));
    }

    #[test]
    fn names_are_normalised_and_invisible_characters_refused() {
        // "Zoë" typed with a combining diaeresis is stored precomposed.
        let p = Pupil::create(&draft("Zoe\u{308}", "Bront\u{0065}\u{0308}", "Y1"), now()).unwrap();
        assert_eq!(p.given_name, "Zo\u{EB}");
        assert_eq!(p.family_name, "Bront\u{EB}");
        let e = Pupil::create(&draft("Ali\u{202E}nav", "Ng\u{200B}", "Y1"), now()).unwrap_err();
        assert_eq!(
            e.for_field(PupilField::GivenName),
            Some("The given name contains an invisible formatting character (U+202E).")
        );
        assert_eq!(
            e.for_field(PupilField::FamilyName),
            Some("The family name contains an invisible formatting character (U+200B).")
        );
        // A stored record (as an import reads it) is checked the same way,
        // and normalised by normalise_text.
        let mut q = p.clone();
        q.given_name = "Zoe\u{308}\u{FEFF}".into();
        assert!(q
            .validate()
            .for_field(PupilField::GivenName)
            .unwrap()
            .contains("U+FEFF"));
        q.given_name = "Zoe\u{308}".into();
        q.normalise_text();
        assert_eq!(q, p);
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
