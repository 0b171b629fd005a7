//! The JSON document a SENCO exports to share or back up their data.
//!
//! An envelope names the format and its integer version, so a later version
//! of the app can upgrade an older file and refuse a newer one by name. It
//! says what part of the school the file holds ([`scope::Scope`]) and
//! whether its pupils are pseudonymised. The JSON Schema of the document is
//! published as `public/schema/waymark-document.schema.json` (see
//! [`document_schema`]).
//!
//! Reading a file checks everything before anything is stored: every
//! problem is listed with its JSON path (the first [`MAX_LISTED`], and how
//! many there are in all).

pub mod csv;
pub mod encryption;
pub mod json;
pub mod merge;
pub mod pupils_csv;
pub mod rate_card;
pub mod scope;
pub mod set_aside;
pub mod tab_message;
pub mod upgrade;

use jiff::Timestamp;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::domain::dataset::Dataset;
use scope::Scope;

/// The `format` field of every document this app writes.
pub const FORMAT_NAME: &str = "waymark";
/// The version of the document format this build writes and reads.
/// Older versions are upgraded on reading:
/// - 1: no scope, never pseudonymised (the whole school);
/// - 2: no contact hours on salary-based roles, no year-group history on
///   pupils, no PP+ agreed with the virtual school in the settings
///   ([`upgrade`] says what each takes);
/// - 3: no school day, attendance threshold, slot rooms or session records;
/// - 4: no budget year, pay scales, rate cards or pay awards.
pub const FORMAT_VERSION: u32 = 5;
/// The largest file read: above four large schools (a large school of 2,000
/// pupils and 6,000 enrolments with their data exports to about 6.5 MB).
pub const MAX_BYTES: usize = 40 * 1024 * 1024;
/// How many problems an import lists before saying how many more.
pub const MAX_LISTED: usize = 50;

/// The whole export document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "Waymark document",
    description = "A school's SEN provision data, or a part of it, exported from Waymark."
)]
pub struct Document {
    /// Always "waymark".
    pub format: String,
    /// The format's version: 4.
    pub format_version: u32,
    pub exported_at: Timestamp,
    /// The version of Waymark that wrote the file.
    pub app_version: String,
    /// The part of the school the file holds.
    pub scope: Scope,
    /// Whether pupils' names are initials and a reference, with no UPN,
    /// date of birth or class.
    pub pseudonymised: bool,
    pub data: Dataset,
}

/// One problem with a file: where (a JSON path) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Why a document could not be read. Each says what and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error("The file is empty.")]
    Empty,
    #[error("The file is {} MB; Waymark reads files of up to {} MB.", .0 / 1_048_576, MAX_BYTES / 1_048_576)]
    TooLarge(usize),
    #[error("The file is not a {FORMAT_NAME} document: {0}")]
    NotJson(String),
    #[error("This file's format is \"{0}\", not \"{FORMAT_NAME}\".")]
    WrongFormat(String),
    #[error("This file is format version {found}, newer than this app reads ({FORMAT_VERSION}). Update the app to import it.")]
    TooNew { found: u32 },
    #[error("This file is encrypted: enter its passphrase to open it.")]
    Encrypted,
    #[error("{} problem{} in the file; the first is {}", .total, if *.total == 1 { "" } else { "s" }, .problems.first().map(ToString::to_string).unwrap_or_default())]
    Invalid {
        /// The first [`MAX_LISTED`] problems.
        problems: Vec<Problem>,
        total: usize,
    },
}

/// The JSON Schema of [`Document`], as published in the repository.
pub fn document_schema() -> String {
    let schema = schemars::schema_for!(Document);
    serde_json::to_string_pretty(&schema).expect("a schema always serialises") + "\n"
}

impl Document {
    /// A document of the whole school, stamped with `now` and this build's version.
    pub fn new(data: Dataset, now: Timestamp) -> Self {
        Document::of(&data, Scope::Whole, false, now)
    }

    /// A document of the part of `data` that `scope` covers, pseudonymised
    /// if asked.
    pub fn of(data: &Dataset, scope: Scope, pseudonymise: bool, now: Timestamp) -> Self {
        let part = scope::extract(data, scope);
        let (part, scope) = if pseudonymise {
            let out = scope::pseudonymise(&part, data);
            // One pupil's file names the pupil by their new id.
            let scope = match scope {
                Scope::Pupil { id } => Scope::Pupil {
                    id: scope::pseudonymised_id(&part, &out, id).unwrap_or_else(Uuid::new_v4),
                },
                s => s,
            };
            (out, scope)
        } else {
            (part, scope)
        };
        Document {
            format: FORMAT_NAME.into(),
            format_version: FORMAT_VERSION,
            exported_at: now,
            app_version: env!("CARGO_PKG_VERSION").into(),
            scope,
            pseudonymised: pseudonymise,
            data: part,
        }
    }

    /// The document as pretty-printed JSON. Fields are always in the same
    /// order and numbers are integers (money in pence) or text (decimals),
    /// so the same data always gives the same bytes.
    pub fn to_json(&self) -> String {
        json::write_pretty(self)
    }

    /// A dated file name: `waymark-whole-2026-11-22.json`,
    /// `waymark-pupil-pseudonymised-2026-11-22.json`.
    pub fn file_name(&self) -> String {
        let day = self.exported_at.to_zoned(jiff::tz::TimeZone::UTC).date();
        let p = if self.pseudonymised {
            "-pseudonymised"
        } else {
            ""
        };
        format!("waymark-{}{p}-{day}.json", self.scope.slug())
    }

    /// What the file holds, in words, for the SENCO to read before saving.
    pub fn summary(&self) -> String {
        let d = &self.data;
        let n = |k: usize, one: &str, many: &str| {
            if k == 1 {
                format!("1 {one}")
            } else {
                format!("{k} {many}")
            }
        };
        format!(
            "{}: {}, {}, {}, {}, {}, {} and {}; the school's settings{}. {}",
            capitalise(&self.scope.describe()),
            n(d.pupils.len(), "pupil", "pupils"),
            n(d.provisions.len(), "provision", "provisions"),
            n(d.enrolments.len(), "enrolment", "enrolments"),
            n(d.plans.len(), "support plan", "support plans"),
            n(d.sessions.len(), "session recorded", "sessions recorded"),
            n(d.interventions.len(), "library entry", "library entries"),
            n(
                d.roles.len() + d.members.len(),
                "staff record",
                "staff records"
            ),
            if d.settings.budgets.is_empty() {
                ""
            } else {
                " and budgets"
            },
            if self.pseudonymised {
                scope::pseudonymised_summary()
            } else if d.pupils.is_empty() {
                "It holds no pupil's details.".into()
            } else {
                "It holds pupils' names, UPNs, dates of birth and SEN details: special category data. Keep it safe, or encrypt it.".into()
            }
        )
    }

    /// Read and check a document; nothing is returned unless every record
    /// is valid. A file of version 1, 2 or 3 is upgraded.
    pub fn from_json(text: &str) -> Result<Document, ImportError> {
        if text.len() > MAX_BYTES {
            return Err(ImportError::TooLarge(text.len()));
        }
        if text.trim().is_empty() {
            return Err(ImportError::Empty);
        }
        // Most files are this version's: read the whole document at once.
        // Only when that fails, or finds another format or version, is the
        // envelope read alone, so a newer file is refused by its version
        // rather than by whichever field it changed.
        let invalid = |e: json::JsonError| ImportError::Invalid {
            problems: vec![Problem {
                path: if e.path == "." {
                    "(the document)".into()
                } else {
                    e.path
                },
                message: e.message,
            }],
            total: 1,
        };
        let typed = json::read::<Document>(text);
        let current = matches!(&typed, Ok(d) if d.format == FORMAT_NAME && d.format_version == FORMAT_VERSION);
        let mut doc = if current {
            typed.map_err(invalid)?
        } else {
            let envelope = Envelope::read(text)?;
            let format = envelope.format.as_ref().and_then(|f| f.as_str());
            let version = envelope
                .format_version
                .as_ref()
                .and_then(serde_json::Value::as_u64);
            match (format, version) {
                (Some(ENCRYPTED_FORMAT), _) => return Err(ImportError::Encrypted),
                (Some(FORMAT_NAME), Some(v)) if v > u64::from(FORMAT_VERSION) => {
                    return Err(ImportError::TooNew {
                        found: u32::try_from(v).unwrap_or(u32::MAX),
                    })
                }
                (Some(FORMAT_NAME), Some(v @ (1..=4))) => {
                    let mut value: serde_json::Value = serde_json::from_str(text)
                        .map_err(|e| ImportError::NotJson(e.to_string()))?;
                    if v == 1 {
                        upgrade_v1(&mut value);
                    }
                    if v <= 2 {
                        upgrade_v2(&mut value);
                    }
                    if v <= 3 {
                        upgrade_v3(&mut value);
                    }
                    upgrade_v4(&mut value);
                    json::read(&json::write(&value)).map_err(invalid)?
                }
                // No version, or an older one than 1: say what is wrong where.
                (Some(FORMAT_NAME), _) => typed.map_err(invalid)?,
                (Some(other), _) => return Err(ImportError::WrongFormat(other.to_owned())),
                (None, _) => {
                    return Err(ImportError::NotJson(
                        "it has no \"format\" field naming the format".into(),
                    ))
                }
            }
        };
        // Names in normal form C, as the register stores them, so a name
        // written with combining accents meets its precomposed twin.
        for p in doc.data.pupils.iter_mut() {
            p.normalise_text();
        }
        let all = doc.data.validate();
        if !all.is_empty() {
            return Err(ImportError::Invalid {
                total: all.len(),
                problems: all
                    .into_iter()
                    .take(MAX_LISTED)
                    .map(|p| Problem {
                        path: format!("data.{}[{}].{}", p.kind, p.index, p.field),
                        message: p.message,
                    })
                    .collect(),
            });
        }
        Ok(doc)
    }
}

/// The fields every file has at its top level, read without the rest.
#[derive(Deserialize)]
struct Envelope {
    #[serde(default)]
    format: Option<serde_json::Value>,
    #[serde(default)]
    format_version: Option<serde_json::Value>,
}

impl Envelope {
    fn read(text: &str) -> Result<Envelope, ImportError> {
        use serde_json::error::Category;
        serde_json::from_str(text).map_err(|e| match e.classify() {
            Category::Syntax | Category::Eof | Category::Io => ImportError::NotJson(e.to_string()),
            // JSON, but not an object: there is no format field to read.
            Category::Data => {
                ImportError::NotJson("it has no \"format\" field naming the format".into())
            }
        })
    }
}

/// Version 1 held the whole school, never pseudonymised.
fn upgrade_v1(value: &mut serde_json::Value) {
    if let Some(o) = value.as_object_mut() {
        o.entry("scope")
            .or_insert(serde_json::json!({ "kind": "whole" }));
        o.entry("pseudonymised").or_insert(false.into());
    }
}

/// Versions 1 and 2 had no contact hours, year-group history or PP+
/// agreed with the virtual school ([`upgrade::dataset_v3`]).
fn upgrade_v2(value: &mut serde_json::Value) {
    if let Some(data) = value.as_object_mut().and_then(|o| o.get_mut("data")) {
        upgrade::dataset_v3(data);
    }
}

/// Versions 1 to 3 had no school day, attendance threshold, slot rooms or
/// session records ([`upgrade::dataset_v4`]).
fn upgrade_v3(value: &mut serde_json::Value) {
    if let Some(data) = value.as_object_mut().and_then(|o| o.get_mut("data")) {
        upgrade::dataset_v4(data);
    }
}

/// Versions 1 to 4 had no budget year, pay scales, rate cards or pay
/// awards ([`upgrade::dataset_v5`]).
fn upgrade_v4(value: &mut serde_json::Value) {
    if let Some(o) = value.as_object_mut() {
        o.insert("format_version".into(), FORMAT_VERSION.into());
        if let Some(data) = o.get_mut("data") {
            upgrade::dataset_v5(data);
        }
    }
}

/// The `format` of an encrypted file's envelope.
pub const ENCRYPTED_FORMAT: &str = "waymark-encrypted";

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
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
            pupils: pupils.into(),
            ..Dataset::empty(SchoolSettings::new("S", 2025, now()))
        }
    }

    #[test]
    fn round_trip_is_lossless_and_identical() {
        let doc = Document::new(data(vec![pupil("Ann"), pupil("Bob")]), now());
        assert_eq!(doc.file_name(), "waymark-whole-2026-11-22.json");
        let json = doc.to_json();
        let back = Document::from_json(&json).unwrap();
        assert_eq!(back, doc);
        assert_eq!(back.to_json(), json);
        assert!(json.contains("\"format\": \"waymark\""));
        assert!(json.contains("\"format_version\": 5"));
        assert!(json.contains("\"scope\": {\n    \"kind\": \"whole\"\n  }"));
        assert!(doc
            .summary()
            .starts_with("The whole school: 2 pupils, 0 provisions"));
        assert!(doc.summary().contains("special category data"));
    }

    #[test]
    fn a_version_1_file_is_upgraded() {
        let doc = Document::new(data(vec![pupil("Ann")]), now());
        let mut v: serde_json::Value = serde_json::from_str(&doc.to_json()).unwrap();
        let o = v.as_object_mut().unwrap();
        o.remove("scope");
        o.remove("pseudonymised");
        o.insert("format_version".into(), 1.into());
        let back = Document::from_json(&v.to_string()).unwrap();
        assert_eq!(back, doc);
    }

    /// A document as format version 4 wrote it: this one's, without the
    /// fields version 5 added (it has no pay scales, rate cards, budget
    /// year, pay awards or scale points: the defaults).
    fn as_version_4(doc: &Document) -> serde_json::Value {
        let mut v: serde_json::Value = serde_json::from_str(&doc.to_json()).unwrap();
        v["format_version"] = 4.into();
        let data = v["data"].as_object_mut().unwrap();
        let settings = data["settings"].as_object_mut().unwrap();
        assert_eq!(settings.remove("budget_year"), Some("academic".into()));
        assert_eq!(settings.remove("pay_scales"), Some(serde_json::json!([])));
        assert_eq!(settings.remove("rate_cards"), Some(serde_json::json!([])));
        for b in settings["budgets"].as_array_mut().unwrap() {
            assert_eq!(
                b.as_object_mut().unwrap().remove("year"),
                Some("academic".into())
            );
        }
        for r in data["roles"].as_array_mut().unwrap() {
            let r = r.as_object_mut().unwrap();
            assert_eq!(r.remove("rate_changes"), Some(serde_json::json!([])));
            if let Some(rate) = r["rate"].as_object_mut() {
                if rate["basis"] == "salary" {
                    assert_eq!(rate.remove("scale"), Some(serde_json::Value::Null));
                }
            }
        }
        v
    }

    #[test]
    fn a_version_4_file_is_upgraded() {
        let mut d = data(vec![pupil("Ann")]);
        d.settings = d.settings.with_budget(
            &crate::domain::budget_year::BudgetPeriod::academic(2025),
            crate::domain::provision::FundingSource::NotionalSen,
            crate::domain::money::Money::pounds(42_000),
            now(),
        );
        d.roles.push(crate::domain::staff::StaffRole::new(
            "TA",
            crate::domain::staff::RoleCategory::TeachingAssistant,
            crate::domain::staff::RateBasis::Typed {
                hourly: crate::domain::money::Money::pounds(18),
            },
            now(),
        ));
        let doc = Document::new(d, now());
        let v4 = as_version_4(&doc);
        let text = v4.to_string();
        for added in [
            "budget_year",
            "pay_scales",
            "rate_cards",
            "rate_changes",
            "\"year\"",
        ] {
            assert!(!text.contains(added), "version 4 had no {added}");
        }
        // Academic budgets, no scales, cards or awards: the defaults, so
        // the upgraded file is the document as this version wrote it, the
        // budget of £42,000 kept for the academic year 2025-26.
        let back = Document::from_json(&text).unwrap();
        assert_eq!(back.format_version, 5);
        assert_eq!(back, doc);
        assert_eq!(
            back.data.settings.budgets[0].year,
            crate::domain::settings::BudgetYear::Academic
        );
        assert_eq!(
            back.data.settings.budgets[0].amount,
            crate::domain::money::Money::pounds(42_000)
        );
    }

    /// A document as format version 3 wrote it: this one's, without the
    /// fields versions 4 and 5 added (its slots have no rooms, it has no
    /// sessions).
    fn as_version_3(doc: &Document) -> serde_json::Value {
        let mut v = as_version_4(doc);
        v["format_version"] = 3.into();
        let data = v["data"].as_object_mut().unwrap();
        assert_eq!(data.remove("sessions"), Some(serde_json::json!([])));
        let settings = data["settings"].as_object_mut().unwrap();
        for f in ["day_start", "day_end", "attendance_threshold"] {
            settings.remove(f);
        }
        for p in data["provisions"].as_array_mut().unwrap() {
            for slot in p["slots"].as_array_mut().unwrap() {
                assert_eq!(
                    slot.as_object_mut().unwrap().remove("room"),
                    Some("".into())
                );
            }
        }
        v
    }

    #[test]
    fn a_version_3_file_is_upgraded() {
        use crate::domain::provision::{SchoolDay, Slot};
        let mut d = data(vec![pupil("Ann")]);
        let role = crate::domain::staff::StaffRole::new(
            "TA",
            crate::domain::staff::RoleCategory::TeachingAssistant,
            crate::domain::staff::RateBasis::Typed {
                hourly: crate::domain::money::Money::pounds(18),
            },
            now(),
        );
        let mut draft = crate::domain::provision::ProvisionDraft {
            name: "Reading".into(),
            tier: "wave-2".into(),
            staff: vec![(Some(role.id), None, "1".into())],
            sessions_per_week: "2".into(),
            minutes_per_session: "30".into(),
            start: "2025-09-08".into(),
            end: "2025-12-12".into(),
            fixed_costs: "0".into(),
            planned_group_size: "4".into(),
            ..Default::default()
        }
        .create(now())
        .unwrap();
        draft.slots.push(Slot {
            day: SchoolDay::Monday,
            start: jiff::civil::Time::constant(9, 0, 0, 0),
            room: String::new(),
        });
        d.roles.push(role);
        d.provisions.push(draft);
        let doc = Document::new(d, now());
        let v3 = as_version_3(&doc);
        let text = v3.to_string();
        for added in [
            "day_start",
            "day_end",
            "attendance_threshold",
            "\"room\"",
            "\"sessions\"",
        ] {
            assert!(!text.contains(added), "version 3 had no {added}");
        }
        // 08:45 to 15:15, 80%, no room, no sessions: the defaults, so the
        // upgraded file is the document as this version wrote it.
        let back = Document::from_json(&text).unwrap();
        assert_eq!(back.format_version, 5);
        assert_eq!(back, doc);
        assert_eq!(back.data.settings.attendance_threshold, 80);
        assert_eq!(
            back.data.settings.day_start,
            jiff::civil::Time::constant(8, 45, 0, 0)
        );
    }

    /// A document as format version 2 wrote it: this one's, without the
    /// fields version 3 added.
    fn as_version_2(doc: &Document) -> serde_json::Value {
        let mut v = as_version_3(doc);
        v["format_version"] = 2.into();
        let data = v["data"].as_object_mut().unwrap();
        data["settings"]
            .as_object_mut()
            .unwrap()
            .remove("pp_plus_agreed");
        for p in data["pupils"].as_array_mut().unwrap() {
            p.as_object_mut().unwrap().remove("year_group_history");
        }
        for r in data["roles"].as_array_mut().unwrap() {
            if let Some(rate) = r["rate"].as_object_mut() {
                rate.remove("contact_hours_per_week");
            }
        }
        v
    }

    #[test]
    fn a_version_2_file_is_upgraded() {
        use crate::domain::quantity::Dec2;
        use crate::domain::staff::{RateBasis, RoleCategory, SalaryBasis, StaffRole};
        let mut d = data(vec![pupil("Ann")]);
        let salary = SalaryBasis {
            fte_salary: crate::domain::money::Money::pounds(25_584),
            fte_hours_per_week: Dec2::whole(37),
            contracted_hours_per_week: Dec2::hundredths(3250),
            contact_hours_per_week: Dec2::hundredths(3250),
            paid_weeks: Dec2::hundredths(4357),
            working_weeks: Dec2::whole(39),
            ni_rate_percent: Dec2::whole(15),
            ni_threshold: crate::domain::money::Money::pounds(5_000),
            pension_rate_percent: Dec2::whole(20),
            scale: None,
        };
        d.roles.push(StaffRole::new(
            "TA",
            RoleCategory::TeachingAssistant,
            RateBasis::Salary(salary),
            now(),
        ));
        let doc = Document::new(d, now());
        let v2 = as_version_2(&doc);
        assert!(!v2.to_string().contains("contact_hours_per_week"));
        assert!(!v2.to_string().contains("year_group_history"));
        assert!(!v2.to_string().contains("pp_plus_agreed"));
        // Contact hours = the contracted 32.5; no history; no agreement.
        let back = Document::from_json(&v2.to_string()).unwrap();
        assert_eq!(back.format_version, 5);
        assert_eq!(back, doc);
        // A version-1 file is upgraded through version 2 to 3.
        let mut v1 = v2.clone();
        let o = v1.as_object_mut().unwrap();
        o.remove("scope");
        o.remove("pseudonymised");
        o.insert("format_version".into(), 1.into());
        assert_eq!(Document::from_json(&v1.to_string()).unwrap(), doc);
        // A version-3 file without the new fields is not silently mended:
        // the role's missing contact hours are named.
        let mut bad = v2;
        bad["format_version"] = 3.into();
        match Document::from_json(&bad.to_string()) {
            Err(ImportError::Invalid { problems, .. }) => {
                assert_eq!(problems[0].path, "data.roles[0].rate");
                assert!(
                    problems[0].message.contains("contact_hours_per_week"),
                    "{problems:?}"
                );
            }
            other => panic!("accepted: {other:?}"),
        }
    }

    #[test]
    fn bad_documents_say_what_and_where() {
        assert_eq!(Document::from_json("  \n"), Err(ImportError::Empty));
        assert!(matches!(
            Document::from_json("{\"format\":"),
            Err(ImportError::NotJson(_))
        ));
        assert!(
            matches!(Document::from_json("[1, 2]"), Err(ImportError::NotJson(m)) if m.contains("no \"format\""))
        );
        assert_eq!(
            Document::from_json(r#"{"format":"other","format_version":1}"#),
            Err(ImportError::WrongFormat("other".into()))
        );
        let too_new =
            Document::from_json(r#"{"format":"waymark","format_version":7}"#).unwrap_err();
        assert_eq!(too_new, ImportError::TooNew { found: 7 });
        assert!(too_new.to_string().contains("version 7") && too_new.to_string().contains("(5)"));
        let big = " ".repeat(MAX_BYTES + 1);
        assert_eq!(
            Document::from_json(&big).unwrap_err().to_string(),
            "The file is 40 MB; Waymark reads files of up to 40 MB."
        );
        let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        assert!(
            matches!(Document::from_json(&deep), Err(ImportError::NotJson(m)) if m.contains("recursion"))
        );
        assert_eq!(
            Document::from_json(r#"{"format":"waymark-encrypted","version":1}"#),
            Err(ImportError::Encrypted)
        );
        // Ours, but with no version: what is missing, not "another format".
        let unversioned = Document::new(data(vec![pupil("Ann")]), now())
            .to_json()
            .replace("\"format_version\": 5,", "");
        assert!(
            matches!(Document::from_json(&unversioned), Err(ImportError::Invalid { problems, .. }) if problems[0].message.contains("missing field `format_version`")),
            "{:?}",
            Document::from_json(&unversioned)
        );

        // A wrong type is named by its path.
        let doc = Document::new(data(vec![pupil("Ann")]), now());
        let json = doc
            .to_json()
            .replace("\"year_group\": \"Y3\"", "\"year_group\": 3");
        match Document::from_json(&json) {
            Err(ImportError::Invalid { problems, total }) => {
                assert_eq!(total, 1);
                assert_eq!(problems[0].path, "data.pupils[0].year_group");
            }
            other => panic!("accepted: {other:?}"),
        }
        // An unknown field too.
        let json = doc
            .to_json()
            .replace("\"given_name\"", "\"nickname\": \"A\", \"given_name\"");
        match Document::from_json(&json) {
            Err(ImportError::Invalid { problems, .. }) => {
                assert_eq!(problems[0].path, "data.pupils[0].nickname");
                assert!(problems[0].message.contains("unknown field `nickname`"));
            }
            other => panic!("accepted: {other:?}"),
        }

        // Every record problem is listed, the first 50 and the count.
        let p = pupil("Ann");
        let mut many = vec![p.clone(); 60];
        many.push(pupil("Zed"));
        let doc = Document::new(data(many), now());
        let json = doc
            .to_json()
            .replace("\"given_name\": \"Zed\"", "\"given_name\": \"\"");
        match Document::from_json(&json) {
            Err(e @ ImportError::Invalid { .. }) => {
                let ImportError::Invalid { problems, total } = &e else {
                    unreachable!()
                };
                // 59 repeated ids and one empty name.
                assert_eq!(*total, 60);
                assert_eq!(problems.len(), MAX_LISTED);
                assert_eq!(problems[0].path, "data.pupils[1].id");
                assert!(e
                    .to_string()
                    .starts_with("60 problems in the file; the first is data.pupils[1].id"));
            }
            other => panic!("duplicate ids accepted: {other:?}"),
        }
    }

    #[test]
    fn the_published_schema_is_current() {
        let published = include_str!("../../public/schema/waymark-document.schema.json");
        assert_eq!(
            published,
            document_schema(),
            "the schema changed: regenerate it with `cargo run --bin waymark -- --schema > public/schema/waymark-document.schema.json`"
        );
    }
}
