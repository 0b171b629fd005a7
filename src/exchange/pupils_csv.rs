//! Pupils from an MIS export (SIMS, Arbor, Bromcom and the like) as CSV:
//! columns recognised by their usual headers (and changeable), each row
//! turned into a pupil through the same checks as the register's form,
//! duplicates found by UPN or by name and date of birth, and every skipped
//! row given with its reason.

use jiff::Timestamp;

use crate::domain::needs::{NeedCode, SenStatus};
use crate::domain::pupil::{parse_date, Pupil, PupilDraft};

/// The pupil fields a CSV column can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    GivenName,
    FamilyName,
    YearGroup,
    Class,
    Upn,
    DateOfBirth,
    SenStatus,
    PrimaryNeed,
}

impl Field {
    pub const ALL: [Field; 8] = [
        Field::GivenName,
        Field::FamilyName,
        Field::YearGroup,
        Field::Class,
        Field::Upn,
        Field::DateOfBirth,
        Field::SenStatus,
        Field::PrimaryNeed,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Field::GivenName => "Given name",
            Field::FamilyName => "Family name",
            Field::YearGroup => "Year group",
            Field::Class => "Class or form",
            Field::Upn => "UPN",
            Field::DateOfBirth => "Date of birth",
            Field::SenStatus => "SEN status",
            Field::PrimaryNeed => "Primary need",
        }
    }

    /// Headers MIS exports use for this field (compared ignoring case,
    /// spaces, dots and underscores).
    fn headers(self) -> &'static [&'static str] {
        match self {
            Field::GivenName => &[
                "forename",
                "legalforename",
                "preferredforename",
                "firstname",
                "legalfirstname",
                "givenname",
                "preferredfirstname",
            ],
            Field::FamilyName => &[
                "surname",
                "legalsurname",
                "preferredsurname",
                "lastname",
                "legallastname",
                "familyname",
            ],
            Field::YearGroup => &[
                "year",
                "yeargroup",
                "ncyear",
                "ncyearactual",
                "nationalcurriculumyear",
                "curriculumyear",
                "yr",
            ],
            Field::Class => &[
                "reggroup",
                "registrationgroup",
                "regroup",
                "class",
                "form",
                "tutorgroup",
                "formgroup",
                "classname",
            ],
            Field::Upn => &["upn", "uniquepupilnumber"],
            Field::DateOfBirth => &["dob", "dateofbirth", "birthdate"],
            Field::SenStatus => &[
                "senstatus",
                "senprovision",
                "senstage",
                "sen",
                "senneed",
                "sendstatus",
            ],
            Field::PrimaryNeed => &[
                "primaryneed",
                "senprimaryneed",
                "primarysenneed",
                "primaryneedtype",
                "needtype",
                "sendprimaryneed",
            ],
        }
    }
}

fn squash(h: &str) -> String {
    h.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Which column (by index) fills each field, if any.
pub type Mapping = Vec<(Field, Option<usize>)>;

/// The column each field's usual header names, in `headers`.
pub fn guess_mapping(headers: &[String]) -> Mapping {
    Field::ALL
        .iter()
        .map(|f| {
            let known = f.headers();
            (
                *f,
                headers
                    .iter()
                    .position(|h| known.contains(&squash(h).as_str())),
            )
        })
        .collect()
}

/// A CSV read into headers and rows, or why not.
pub fn read(text: &str) -> Result<(Vec<String>, Vec<Vec<String>>), String> {
    let text = text.trim_start_matches('\u{feff}');
    if text.trim().is_empty() {
        return Err("The file is empty.".into());
    }
    let mut r = ::csv::ReaderBuilder::new()
        .flexible(true)
        .trim(::csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = r
        .headers()
        .map_err(|e| format!("The first line cannot be read as CSV headers: {e}"))?
        .iter()
        .map(str::to_owned)
        .collect();
    let mut rows = Vec::new();
    for (i, rec) in r.records().enumerate() {
        let rec = rec.map_err(|e| format!("Line {} cannot be read as CSV: {e}", i + 2))?;
        rows.push(rec.iter().map(str::to_owned).collect());
    }
    Ok((headers, rows))
}

/// A year group as MIS exports write it: "Year 4", "4", "Y4", "R",
/// "Reception", "N1", "Nursery".
fn year(text: &str) -> String {
    let t = squash(text);
    let t = t.strip_prefix("year").unwrap_or(&t);
    match t {
        "r" | "reception" | "rec" => "R".into(),
        "n" | "n1" | "n2" | "nursery" => "N".into(),
        _ if t.bytes().all(|b| b.is_ascii_digit()) && !t.is_empty() => format!("Y{t}"),
        _ => text.trim().to_owned(),
    }
}

/// An SEN status as written in MIS exports: a code or its words.
fn status(text: &str) -> String {
    match squash(text).as_str() {
        "" | "n" | "nosen" | "none" | "nospecialeducationalneed" | "nospecialeducationalneeds" => {
            String::new()
        }
        "k" | "sensupport" | "senk" => "K".into(),
        "e" | "ehcp" | "ehcplan" | "educationhealthandcareplan" | "s" | "statement" => "E".into(),
        _ => text.trim().to_owned(),
    }
}

/// A need as a code, or the label of one ("Speech, language and
/// communication needs").
fn need(text: &str) -> String {
    let t = text.trim();
    if t.is_empty() || t.parse::<NeedCode>().is_ok() {
        return t.to_owned();
    }
    NeedCode::ALL
        .iter()
        .find(|n| squash(n.label()) == squash(t))
        .map_or_else(|| t.to_owned(), |n| n.code().to_owned())
}

/// One skipped row: its line in the file and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub line: usize,
    pub reason: String,
}

/// What importing the rows would add, and what it skips.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preview {
    pub pupils: Vec<Pupil>,
    pub skipped: Vec<Skipped>,
}

/// Turn `rows` into new pupils with `mapping`, skipping (with reasons) rows
/// that fail the register's checks and pupils already in `existing` or
/// earlier in the file (same UPN, or same name and date of birth).
pub fn preview(
    rows: &[Vec<String>],
    mapping: &Mapping,
    existing: &[Pupil],
    now: Timestamp,
) -> Result<Preview, String> {
    let col = |f: Field| mapping.iter().find(|(x, _)| *x == f).and_then(|(_, c)| *c);
    for f in [Field::GivenName, Field::FamilyName, Field::YearGroup] {
        if col(f).is_none() {
            return Err(format!(
                "Choose the column that holds the {}.",
                f.label().to_lowercase()
            ));
        }
    }
    type Key = (String, String, Option<jiff::civil::Date>);
    let key = |p: &Pupil| -> Key {
        (
            p.given_name.to_lowercase(),
            p.family_name.to_lowercase(),
            p.date_of_birth,
        )
    };
    let mut upns: std::collections::HashSet<String> =
        existing.iter().filter_map(|p| p.upn.clone()).collect();
    let mut names: std::collections::HashSet<Key> = existing
        .iter()
        .filter(|p| p.date_of_birth.is_some())
        .map(key)
        .collect();
    let mut out = Preview {
        pupils: Vec::new(),
        skipped: Vec::new(),
    };
    for (i, row) in rows.iter().enumerate() {
        let line = i + 2;
        let cell = |f: Field| col(f).and_then(|c| row.get(c)).map_or("", String::as_str);
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let mut d = PupilDraft::new(
            cell(Field::GivenName),
            cell(Field::FamilyName),
            &year(cell(Field::YearGroup)),
        );
        d.class_name = cell(Field::Class).to_owned();
        d.upn = cell(Field::Upn).to_owned();
        d.date_of_birth = parse_date(cell(Field::DateOfBirth))
            .map(|d| d.to_string())
            .unwrap_or_else(|| cell(Field::DateOfBirth).to_owned());
        d.sen_status = status(cell(Field::SenStatus));
        d.primary_need = need(cell(Field::PrimaryNeed));
        // A need with no status given is SEN support.
        if d.sen_status.is_empty() && !d.primary_need.is_empty() {
            d.sen_status = SenStatus::SenSupport.code().to_owned();
        }
        let p = match Pupil::create(&d, now) {
            Ok(p) => p,
            Err(problems) => {
                out.skipped.push(Skipped {
                    line,
                    reason: problems.to_string(),
                });
                continue;
            }
        };
        if let Some(u) = &p.upn {
            if !upns.insert(u.clone()) {
                out.skipped.push(Skipped {
                    line,
                    reason: format!("{} is already on the register (UPN {u}).", p.full_name()),
                });
                continue;
            }
        }
        if p.date_of_birth.is_some() && !names.insert(key(&p)) {
            out.skipped.push(Skipped {
                line,
                reason: format!(
                    "{} with this date of birth is already on the register.",
                    p.full_name()
                ),
            });
            continue;
        }
        out.pupils.push(p);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> Timestamp {
        "2026-09-01T08:00:00Z".parse().unwrap()
    }

    const SIMS: &str = "\u{feff}Surname,Forename,Reg Group,Year,DOB,UPN,SEN Status,Primary Need\n\
        Okafor,Amara,4B,Year 4,03/05/2017,A123456789012,SEN Support,SLCN\n\
        Brown,Ben,4B,Year 4,12/11/2016,,EHC Plan,Autistic spectrum disorder\n\
        Okafor,Amara,4B,Year 4,03/05/2017,A123456789012,SEN Support,SLCN\n\
        ,Nameless,4B,Year 4,,,,\n\
        Smith,Sam,RB,Reception,30/02/2021,,,\n\
        Jones,Jo,9X,Year 9,01/01/2012,,Dyslexia,\n\
        \n";

    #[test]
    fn a_sims_export_is_mapped_checked_and_deduplicated() {
        let (headers, rows) = read(SIMS).unwrap();
        let m = guess_mapping(&headers);
        assert!(m.iter().all(|(_, c)| c.is_some()), "{m:?}");
        assert_eq!(m[0], (Field::GivenName, Some(1)));
        let p = preview(&rows, &m, &[], now()).unwrap();
        let names: Vec<String> = p.pupils.iter().map(Pupil::full_name).collect();
        assert_eq!(names, ["Amara Okafor", "Ben Brown"]);
        assert_eq!(p.pupils[0].sen_status, SenStatus::SenSupport);
        assert_eq!(p.pupils[1].sen_status, SenStatus::Ehcp);
        assert_eq!(p.pupils[1].primary_need, Some(NeedCode::Asd));
        assert_eq!(
            p.pupils[0].date_of_birth,
            Some(jiff::civil::date(2017, 5, 3))
        );
        let reasons: Vec<(usize, &str)> = p
            .skipped
            .iter()
            .map(|s| (s.line, s.reason.as_str()))
            .collect();
        assert_eq!(
            reasons[0],
            (
                4,
                "Amara Okafor is already on the register (UPN A123456789012)."
            )
        );
        assert_eq!(reasons[1].0, 5);
        assert!(reasons[1].1.contains("family name"), "{reasons:?}");
        assert_eq!(reasons[2].0, 6);
        assert!(reasons[2].1.contains("date of birth"), "{reasons:?}");
        assert_eq!(reasons[3].0, 7);
        assert!(reasons[3].1.contains("SEN provision"), "{reasons:?}");
        assert_eq!(p.skipped.len(), 4);

        // Against pupils already stored: same name and date of birth.
        let again = preview(&rows, &m, &p.pupils[1..], now()).unwrap();
        assert_eq!(again.pupils.len(), 1);
        assert!(again
            .skipped
            .iter()
            .any(|s| s.reason == "Ben Brown with this date of birth is already on the register."));
    }

    #[test]
    fn arbor_headers_and_other_forms_are_recognised() {
        let text = "Legal First Name,Legal Last Name,Year Group,Registration Group,Date of Birth,Unique Pupil Number,SEN Status,Primary SEN Need\n\
            Kai,Lee,R,RW,2021-01-04,,N,\nMia,Ng,6,6A,2014-07-01,,K,Speech, language and communication needs\n";
        // The last row's need has a comma: a real file would quote it.
        let text = text.replace(
            "Speech, language and communication needs",
            "\"Speech, language and communication needs\"",
        );
        let (headers, rows) = read(&text).unwrap();
        let m = guess_mapping(&headers);
        assert!(m.iter().all(|(_, c)| c.is_some()), "{m:?}");
        let p = preview(&rows, &m, &[], now()).unwrap();
        assert!(p.skipped.is_empty(), "{:?}", p.skipped);
        assert_eq!(p.pupils[0].year_group.code(), "R");
        assert_eq!(p.pupils[1].year_group.code(), "Y6");
        assert_eq!(p.pupils[1].primary_need, Some(NeedCode::Slcn));
        // Required columns must be chosen.
        let mut none = m.clone();
        none[2].1 = None;
        assert_eq!(
            preview(&rows, &none, &[], now()),
            Err("Choose the column that holds the year group.".into())
        );
        assert_eq!(read("  "), Err("The file is empty.".into()));
        assert!(read("a,b\n\"unclosed").is_err() || read("a,b\n\"unclosed").unwrap().1.len() == 1);
    }
}
