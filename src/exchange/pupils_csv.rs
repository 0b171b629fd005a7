//! Pupils from an MIS export (SIMS, Arbor, Bromcom and the like) as CSV:
//! columns recognised by their usual headers (and changeable), each row
//! turned into a pupil through the same checks as the register's form,
//! duplicates found by UPN or by name and date of birth, and every skipped
//! row given with its reason.

use jiff::Timestamp;

use crate::domain::needs::{NeedCode, SenStatus};
use crate::domain::pupil::{parse_date, Pupil, PupilDraft};
use crate::domain::validation::nfc;

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

/// The encodings an MIS export or a spreadsheet saves CSV in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    /// UTF-8 with no byte-order mark (most MIS exports).
    Utf8,
    /// UTF-8 with a byte-order mark (Excel's "CSV UTF-8").
    Utf8Bom,
    /// UTF-16 with a byte-order mark (Excel's "Unicode text").
    Utf16Le,
    Utf16Be,
    /// Windows-1252 (Excel's plain "CSV", and older SIMS reports): what a
    /// file that is not UTF-8 is read as.
    Windows1252,
}

impl TextEncoding {
    pub fn label(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf8Bom => "UTF-8 (with a byte-order mark)",
            TextEncoding::Utf16Le => "UTF-16 little-endian",
            TextEncoding::Utf16Be => "UTF-16 big-endian",
            TextEncoding::Windows1252 => "Windows-1252 (Excel's CSV)",
        }
    }
}

/// A file's bytes as text: a byte-order mark says UTF-8 or UTF-16;
/// otherwise UTF-8 if every byte sequence is UTF-8, else Windows-1252.
/// Never a replacement character: a file that claims an encoding it does
/// not keep to is refused.
pub fn decode(bytes: &[u8]) -> Result<(String, TextEncoding), String> {
    // UTF-8 and UTF-16 by the standard library; only Windows-1252 goes to
    // encoding_rs, named statically: its run-time choice of encoding (as
    // `Encoding::for_bom` gives) links every decoder it has, Chinese,
    // Japanese and Korean tables included.
    let refused = |label: &str| {
        format!(
            "it starts with the mark of {label} but is not {label} throughout. Save it from the MIS or spreadsheet again, as CSV UTF-8."
        )
    };
    let utf16 = |body: &[u8], unit: fn([u8; 2]) -> u16, kind: TextEncoding| {
        if !body.len().is_multiple_of(2) {
            return Err(refused(kind.label()));
        }
        let units = body.chunks_exact(2).map(|c| unit([c[0], c[1]]));
        char::decode_utf16(units)
            .collect::<Result<String, _>>()
            .map(|t| (t, kind))
            .map_err(|_| refused(kind.label()))
    };
    if let Some(body) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(body)
            .map(|t| (t.to_owned(), TextEncoding::Utf8Bom))
            .map_err(|_| refused(TextEncoding::Utf8Bom.label()));
    }
    if let Some(body) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(body, u16::from_le_bytes, TextEncoding::Utf16Le);
    }
    if let Some(body) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(body, u16::from_be_bytes, TextEncoding::Utf16Be);
    }
    if let Ok(t) = std::str::from_utf8(bytes) {
        return Ok((t.to_owned(), TextEncoding::Utf8));
    }
    if bytes.contains(&0) {
        return Err("it looks like UTF-16 without a byte-order mark. Save it from the MIS or spreadsheet again, as CSV UTF-8.".into());
    }
    Ok((windows_1252(bytes), TextEncoding::Windows1252))
}

/// Windows-1252 as the WHATWG Encoding Standard defines it (what browsers
/// and encoding_rs read): Latin-1, except 0x80-0x9F. encoding_rs's own
/// decoder would bring every decoder it has into the wasm (its tables for
/// Chinese, Japanese and Korean: 154 KB of the wasm, 101 KB brotli), so the app uses
/// its Latin-1 conversion and these 32 characters, and a test checks every
/// byte against `encoding_rs::WINDOWS_1252`.
pub fn windows_1252(bytes: &[u8]) -> String {
    const HIGH: [char; 32] = [
        '\u{20AC}', '\u{81}', '\u{201A}', '\u{192}', '\u{201E}', '\u{2026}', '\u{2020}',
        '\u{2021}', '\u{2C6}', '\u{2030}', '\u{160}', '\u{2039}', '\u{152}', '\u{8D}', '\u{17D}',
        '\u{8F}', '\u{90}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}',
        '\u{2014}', '\u{2DC}', '\u{2122}', '\u{161}', '\u{203A}', '\u{153}', '\u{9D}', '\u{17E}',
        '\u{178}',
    ];
    let latin1 = encoding_rs::mem::decode_latin1(bytes);
    if !bytes.iter().any(|b| (0x80..0xA0).contains(b)) {
        return latin1.into_owned();
    }
    latin1
        .chars()
        .map(|c| match u32::from(c) {
            n @ 0x80..=0x9F => HIGH[(n - 0x80) as usize],
            _ => c,
        })
        .collect()
}

/// The delimiter of a CSV whose first line is `text`'s: whichever of comma,
/// semicolon (Excel where the decimal point is a comma) and tab appears most
/// often outside quotes on the header line; a comma if none does.
pub fn delimiter(text: &str) -> u8 {
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for c in text.trim_start_matches('\u{feff}').bytes() {
        match c {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            _ if !quoted => {
                if let Some(x) = counts.iter_mut().find(|x| x.0 == c) {
                    x.1 += 1;
                }
            }
            _ => {}
        }
    }
    // The first of the most frequent: a tie goes to the comma.
    counts
        .iter()
        .fold((b',', 0), |best, x| if x.1 > best.1 { *x } else { best })
        .0
}

/// One row of a CSV and the line of the file it starts on (counting every
/// line break, those inside quoted cells too).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvRow {
    pub line: usize,
    pub cells: Vec<String>,
}

/// A CSV read: how its bytes were read, its delimiter, headers and rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvFile {
    pub encoding: TextEncoding,
    pub delimiter: u8,
    pub headers: Vec<String>,
    pub rows: Vec<CsvRow>,
}

impl CsvFile {
    /// How the file was read, for the person importing it: "UTF-8,
    /// separated by commas".
    pub fn described(&self) -> String {
        let by = match self.delimiter {
            b';' => "semicolons",
            b'\t' => "tabs",
            _ => "commas",
        };
        format!("Read as {}, separated by {by}.", self.encoding.label())
    }
}

/// A CSV file's bytes read into headers and rows ([`decode`], then
/// [`read`]), or why not.
pub fn read_bytes(bytes: &[u8]) -> Result<CsvFile, String> {
    let (text, encoding) = decode(bytes)?;
    let mut file = read(&text)?;
    file.encoding = encoding;
    Ok(file)
}

/// A CSV's text read into headers and rows, or why not; the delimiter is
/// found from the header line ([`delimiter`]).
pub fn read(text: &str) -> Result<CsvFile, String> {
    let text = text.trim_start_matches('\u{feff}');
    if text.trim().is_empty() {
        return Err("The file is empty.".into());
    }
    let delimiter = delimiter(text);
    let mut r = ::csv::ReaderBuilder::new()
        .flexible(true)
        .delimiter(delimiter)
        .trim(::csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = r
        .headers()
        .map_err(|e| format!("The first line cannot be read as CSV headers: {e}"))?
        .iter()
        .map(str::to_owned)
        .collect();
    // Lines are counted here from each record's byte offset: the reader's
    // own line numbers are one short after a CRLF line end (it counts a
    // record as starting on the CR's line).
    let bytes = text.as_bytes();
    let (mut at, mut line) = (0, 1);
    let mut line_of = |offset: usize| {
        let offset = offset.clamp(at, bytes.len());
        let start = offset
            + bytes[offset..]
                .iter()
                .take_while(|b| matches!(b, b'\r' | b'\n'))
                .count();
        line += bytes[at..start].iter().filter(|&&b| b == b'\n').count();
        at = start;
        line
    };
    let mut rows = Vec::new();
    for rec in r.records() {
        let rec = rec.map_err(|e| match e.position() {
            Some(p) => format!(
                "Line {} cannot be read as CSV: {e}",
                line_of(p.byte() as usize)
            ),
            None => format!("The file cannot be read as CSV: {e}"),
        })?;
        let line = line_of(rec.position().map_or(0, |p| p.byte() as usize));
        rows.push(CsvRow {
            line,
            cells: rec.iter().map(str::to_owned).collect(),
        });
    }
    Ok(CsvFile {
        encoding: TextEncoding::Utf8,
        delimiter,
        headers,
        rows,
    })
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

/// A row that may be a pupil already here: the same name and year group,
/// and no UPN or date of birth on both sides to tell them apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PossibleMatch {
    pub line: usize,
    pub pupil: Pupil,
    /// Who it may be: "Amara Okafor (Year 4), on the register" or "… on line 3".
    pub matches: String,
}

/// What importing the rows would add, what it skips, and what it adds only
/// if the person importing says the row is a different pupil.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preview {
    pub pupils: Vec<Pupil>,
    pub skipped: Vec<Skipped>,
    /// Not added unless confirmed ([`Preview::to_add`]), so importing the
    /// same file again adds nobody.
    pub possible: Vec<PossibleMatch>,
}

impl Preview {
    /// The pupils to add: every new one, and the possible matches on the
    /// `confirmed` lines (the person importing said they are other pupils).
    pub fn to_add(&self, confirmed: &[usize]) -> Vec<Pupil> {
        self.pupils
            .iter()
            .cloned()
            .chain(
                self.possible
                    .iter()
                    .filter(|m| confirmed.contains(&m.line))
                    .map(|m| m.pupil.clone()),
            )
            .collect()
    }
}

/// The characters that make a spreadsheet read a cell as a formula.
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A pupil the file's rows are checked against: one on the register, or
/// one from an earlier line.
struct Known {
    name: (String, String),
    year: crate::domain::pupil::YearGroup,
    upn: Option<String>,
    dob: Option<jiff::civil::Date>,
    /// "Amara Okafor (Year 4), on the register" or "… on line 3".
    label: String,
    line: Option<usize>,
}

/// A name as compared: normal form C, lower case.
fn fold(name: &str) -> String {
    nfc(name).to_lowercase()
}

impl Known {
    fn of(p: &Pupil, line: Option<usize>) -> Known {
        let place = match line {
            Some(l) => format!("on line {l}"),
            None => "on the register".into(),
        };
        Known {
            name: (fold(&p.given_name), fold(&p.family_name)),
            year: p.year_group,
            upn: p.upn.clone(),
            dob: p.date_of_birth,
            label: format!("{} ({}), {place}", p.full_name(), p.year_group.label()),
            line,
        }
    }

    /// Where this pupil is, to end a sentence: "already on the register"
    /// or "on line 3 already".
    fn already(&self) -> String {
        match self.line {
            Some(l) => format!("on line {l} already"),
            None => "already on the register".into(),
        }
    }
}

/// Turn `rows` into new pupils with `mapping`, skipping (with reasons) rows
/// that fail the register's checks, rows whose name a spreadsheet would run
/// as a formula, pupils already in `existing` or earlier in the file (same
/// UPN, or same name and date of birth) and rows giving another pupil's
/// UPN; rows with the name and year group of a pupil here or earlier, that
/// no UPN or date of birth tells apart, are possible matches, added only if
/// confirmed.
pub fn preview(
    rows: &[CsvRow],
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
    let mut known: Vec<Known> = existing.iter().map(|p| Known::of(p, None)).collect();
    let mut out = Preview {
        pupils: Vec::new(),
        skipped: Vec::new(),
        possible: Vec::new(),
    };
    for row in rows {
        let line = row.line;
        let cell = |f: Field| {
            col(f)
                .and_then(|c| row.cells.get(c))
                .map_or("", String::as_str)
        };
        if row.cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let mut skip = |reason: String| out.skipped.push(Skipped { line, reason });
        if Field::ALL
            .iter()
            .any(|&f| col(f).is_some() && cell(f).contains('\u{FFFD}'))
        {
            skip("It holds a replacement character (U+FFFD), left where text was once read in the wrong encoding: correct the names in the MIS and export again.".into());
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
                skip(problems.to_string());
                continue;
            }
        };
        if let Some((what, c)) = [
            ("given name", &p.given_name),
            ("family name", &p.family_name),
        ]
        .into_iter()
        .find_map(|(what, n)| {
            n.chars()
                .next()
                .filter(|c| FORMULA_START.contains(c))
                .map(|c| (what, c))
        }) {
            skip(format!(
                "The {what} starts with \"{c}\", which a spreadsheet runs as a formula: correct it in the MIS."
            ));
            continue;
        }
        let me = Known::of(&p, Some(line));
        if let Some(u) = &p.upn {
            if let Some(k) = known.iter().find(|k| k.upn.as_ref() == Some(u)) {
                if k.name == me.name {
                    skip(format!("{} is {} (UPN {u}).", p.full_name(), k.already()));
                } else {
                    skip(format!(
                        "The UPN {u} is already given to {}: two pupils cannot share a UPN.",
                        k.label
                    ));
                }
                continue;
            }
        }
        if let Some(k) = known
            .iter()
            .find(|k| p.date_of_birth.is_some() && k.dob == p.date_of_birth && k.name == me.name)
        {
            skip(format!(
                "{} with this date of birth is {}.",
                p.full_name(),
                k.already()
            ));
            continue;
        }
        // Same name and year group, and nothing to tell them apart: both
        // have UPNs and they differ, or both dates of birth and they differ.
        fn differ<T: PartialEq>(a: &Option<T>, b: &Option<T>) -> bool {
            a.is_some() && b.is_some() && a != b
        }
        let maybe = known.iter().find(|k| {
            k.name == me.name
                && k.year == me.year
                && !differ(&k.upn, &me.upn)
                && !differ(&k.dob, &me.dob)
        });
        match maybe {
            Some(k) => out.possible.push(PossibleMatch {
                line,
                pupil: p,
                matches: k.label.clone(),
            }),
            None => out.pupils.push(p),
        }
        known.push(me);
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

    fn reasons(p: &Preview) -> Vec<(usize, &str)> {
        p.skipped
            .iter()
            .map(|s| (s.line, s.reason.as_str()))
            .collect()
    }

    fn names(p: &[Pupil]) -> Vec<String> {
        p.iter().map(Pupil::full_name).collect()
    }

    #[test]
    fn a_sims_export_is_mapped_checked_and_deduplicated() {
        let f = read(SIMS).unwrap();
        let m = guess_mapping(&f.headers);
        assert!(m.iter().all(|(_, c)| c.is_some()), "{m:?}");
        assert_eq!(m[0], (Field::GivenName, Some(1)));
        let p = preview(&f.rows, &m, &[], now()).unwrap();
        assert_eq!(names(&p.pupils), ["Amara Okafor", "Ben Brown"]);
        assert_eq!(p.pupils[0].sen_status, SenStatus::SenSupport);
        assert_eq!(p.pupils[1].sen_status, SenStatus::Ehcp);
        assert_eq!(p.pupils[1].primary_need, Some(NeedCode::Asd));
        assert_eq!(
            p.pupils[0].date_of_birth,
            Some(jiff::civil::date(2017, 5, 3))
        );
        let r = reasons(&p);
        assert_eq!(
            r[0],
            (4, "Amara Okafor is on line 2 already (UPN A123456789012).")
        );
        assert_eq!(r[1].0, 5);
        assert!(r[1].1.contains("family name"), "{r:?}");
        assert_eq!(r[2].0, 6);
        assert!(r[2].1.contains("date of birth"), "{r:?}");
        assert_eq!(r[3].0, 7);
        assert!(r[3].1.contains("SEN provision"), "{r:?}");
        assert_eq!(p.skipped.len(), 4);
        assert!(p.possible.is_empty());

        // Against pupils already stored: same UPN, same name and date of birth.
        let again = preview(&f.rows, &m, &p.pupils, now()).unwrap();
        assert!(again.pupils.is_empty(), "{:?}", again.pupils);
        assert_eq!(
            reasons(&again)[..2],
            [
                (
                    2,
                    "Amara Okafor is already on the register (UPN A123456789012)."
                ),
                (
                    3,
                    "Ben Brown with this date of birth is already on the register."
                )
            ]
        );
    }

    #[test]
    fn arbor_headers_and_other_forms_are_recognised() {
        let text = "Legal First Name,Legal Last Name,Year Group,Registration Group,Date of Birth,Unique Pupil Number,SEN Status,Primary SEN Need\n\
            Kai,Lee,R,RW,2021-01-04,,N,\nMia,Ng,6,6A,2014-07-01,,K,\"Speech, language and communication needs\"\n";
        let f = read(text).unwrap();
        let m = guess_mapping(&f.headers);
        assert!(m.iter().all(|(_, c)| c.is_some()), "{m:?}");
        let p = preview(&f.rows, &m, &[], now()).unwrap();
        assert!(p.skipped.is_empty(), "{:?}", p.skipped);
        assert_eq!(p.pupils[0].year_group.code(), "R");
        assert_eq!(p.pupils[1].year_group.code(), "Y6");
        assert_eq!(p.pupils[1].primary_need, Some(NeedCode::Slcn));
        // Required columns must be chosen.
        let mut none = m.clone();
        none[2].1 = None;
        assert_eq!(
            preview(&f.rows, &none, &[], now()),
            Err("Choose the column that holds the year group.".into())
        );
        assert_eq!(read("  "), Err("The file is empty.".into()));
        assert_eq!(
            read_bytes(b"\xef\xbb\xbf \r\n"),
            Err("The file is empty.".into())
        );
    }

    /// One school's list, with the letters Excel's encodings differ on: ë
    /// (U+00EB), the curly apostrophe (U+2019) and the pound sign.
    const LIST: &str = "Surname,Forename,Year,Class\nO\u{2019}Brien,Zo\u{eb},4,4B \u{a3}\n";

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        let mut out = if big_endian {
            vec![0xFE, 0xFF]
        } else {
            vec![0xFF, 0xFE]
        };
        for u in text.encode_utf16() {
            let b = if big_endian {
                u.to_be_bytes()
            } else {
                u.to_le_bytes()
            };
            out.extend(b);
        }
        out
    }

    #[test]
    fn each_encoding_schools_save_csv_in_is_detected() {
        let plain = LIST.as_bytes().to_vec();
        let bom = [&[0xEF, 0xBB, 0xBF][..], LIST.as_bytes()].concat();
        // Windows-1252 by hand: ' is 0x92, ë 0xEB, £ 0xA3 (each two or
        // three bytes in UTF-8, none valid UTF-8 alone).
        let cp1252 = b"Surname,Forename,Year,Class\nO\x92Brien,Zo\xeb,4,4B \xa3\n".to_vec();
        for (bytes, encoding) in [
            (plain, TextEncoding::Utf8),
            (bom, TextEncoding::Utf8Bom),
            (utf16(LIST, false), TextEncoding::Utf16Le),
            (utf16(LIST, true), TextEncoding::Utf16Be),
            (cp1252, TextEncoding::Windows1252),
        ] {
            let f = read_bytes(&bytes).unwrap();
            assert_eq!(f.encoding, encoding);
            assert_eq!(f.headers, ["Surname", "Forename", "Year", "Class"]);
            assert_eq!(
                f.rows,
                [CsvRow {
                    line: 2,
                    cells: vec![
                        "O\u{2019}Brien".into(),
                        "Zo\u{eb}".into(),
                        "4".into(),
                        "4B \u{a3}".into()
                    ]
                }],
                "{encoding:?}"
            );
            let p = preview(&f.rows, &guess_mapping(&f.headers), &[], now()).unwrap();
            assert_eq!(
                names(&p.pupils),
                ["Zo\u{eb} O\u{2019}Brien"],
                "{encoding:?}"
            );
        }
        assert_eq!(
            read_bytes(&utf16(LIST, true)).unwrap().described(),
            "Read as UTF-16 big-endian, separated by commas."
        );
    }

    #[test]
    fn windows_1252_is_read_as_encoding_rs_reads_it_every_byte() {
        let all: Vec<u8> = (0..=255).collect();
        let (expected, _, errors) = encoding_rs::WINDOWS_1252.decode(&all);
        assert!(!errors);
        assert_eq!(windows_1252(&all), expected);
        // The two bytes the Excel example uses: 0x92 a curly apostrophe,
        // 0xEB an e with diaeresis.
        assert_eq!(
            windows_1252(b"O\x92Neill Zo\xeb"),
            "O\u{2019}Neill Zo\u{eb}"
        );
    }

    #[test]
    fn a_file_that_would_need_replacement_characters_is_refused() {
        // UTF-16 with an unpaired surrogate (0xD800) in a name.
        let mut bad = utf16("Surname,Forename,Year\nNg,A", false);
        bad.extend([0x00, 0xD8]);
        bad.extend(&utf16(",4\n", false)[2..]);
        let e = read_bytes(&bad).unwrap_err();
        assert!(
            e.starts_with(
                "it starts with the mark of UTF-16 little-endian but is not UTF-16 little-endian throughout."
            ),
            "{e}"
        );
        // An odd number of bytes cannot be UTF-16 either.
        let mut odd = utf16(LIST, false);
        odd.push(b'x');
        assert!(read_bytes(&odd).is_err());
        // UTF-16 with no mark: refused rather than read as Windows-1252.
        let no_mark = utf16("Surname,Forename,Year\nNg,A\u{e9},4\n", false)[2..].to_vec();
        assert!(read_bytes(&no_mark)
            .unwrap_err()
            .contains("UTF-16 without a byte-order mark"));
        // A replacement character already in a UTF-8 file (damaged once
        // before): that row is refused, not stored.
        let f = read("Surname,Forename,Year\nNg,Zo\u{FFFD},4\nLee,Kai,4\n").unwrap();
        let p = preview(&f.rows, &guess_mapping(&f.headers), &[], now()).unwrap();
        assert_eq!(names(&p.pupils), ["Kai Lee"]);
        assert_eq!(p.skipped[0].line, 2);
        assert!(p.skipped[0]
            .reason
            .contains("replacement character (U+FFFD)"));
        // Invisible formatting characters in a name are refused, saying what.
        let f = read("Surname,Forename,Year\nNg,Zo\u{200B}e,4\n").unwrap();
        let p = preview(&f.rows, &guess_mapping(&f.headers), &[], now()).unwrap();
        assert_eq!(
            reasons(&p),
            [(
                2,
                "given_name: The given name contains an invisible formatting character (U+200B)."
            )]
        );
    }

    #[test]
    fn commas_semicolons_and_tabs_are_detected_from_the_header_line() {
        assert_eq!(delimiter("Surname,Forename,Year\n"), b',');
        assert_eq!(delimiter("Surname;Forename;Year\r\na,b,c,d,e\n"), b';');
        assert_eq!(delimiter("Surname\tForename\tYear"), b'\t');
        // Inside quotes they do not count.
        assert_eq!(delimiter("\"Name; legal\",\"A;B\",Year\n"), b',');
        assert_eq!(delimiter("\"Surname, legal\";Forename;Year\n"), b';');
        // A one-column file, or a tie: a comma.
        assert_eq!(delimiter("Surname\n"), b',');
        assert_eq!(delimiter("a;b,c\n"), b',');
        for (text, d) in [
            ("Surname;Forename;Year\nOkafor;Amara;4\n", b';'),
            ("Surname\tForename\tYear\nOkafor\tAmara\t4\n", b'\t'),
            ("\u{feff}Surname,Forename,Year\r\nOkafor,Amara,4\r\n", b','),
        ] {
            let f = read(text).unwrap();
            assert_eq!(f.delimiter, d);
            assert_eq!(f.headers, ["Surname", "Forename", "Year"]);
            let p = preview(&f.rows, &guess_mapping(&f.headers), &[], now()).unwrap();
            assert_eq!(names(&p.pupils), ["Amara Okafor"], "{text:?}");
        }
    }

    #[test]
    fn line_numbers_count_line_breaks_inside_quoted_cells() {
        // Line 1 headers; the row on line 2 has a note over lines 2-4; the
        // next row, with no year group, starts on line 5.
        let text = "Surname,Forename,Year,Notes\r\n\
            Okafor,Amara,4,\"Allergic to nuts.\r\nInhaler in the office.\r\nSee the plan.\"\r\n\
            Brown,Ben,,\"x\ny\"\n\
            Lee,,2,\n";
        let f = read(text).unwrap();
        let lines: Vec<usize> = f.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 5, 7]);
        let p = preview(&f.rows, &guess_mapping(&f.headers), &[], now()).unwrap();
        assert_eq!(names(&p.pupils), ["Amara Okafor"]);
        let at: Vec<usize> = p.skipped.iter().map(|s| s.line).collect();
        assert_eq!(at, [5, 7]);
    }

    #[test]
    fn importing_the_same_file_again_adds_nobody() {
        let text = "Surname,Forename,Year,DOB,UPN\n\
            Okafor,Amara,4,03/05/2017,A123456789012\n\
            Brown,Ben,4,12/11/2016,\n\
            Lee,Kai,R,,\n\
            Ng,Mia,6,,B801200005001\n";
        let f = read(text).unwrap();
        let m = guess_mapping(&f.headers);
        let first = preview(&f.rows, &m, &[], now()).unwrap();
        assert_eq!(first.skipped, []);
        assert_eq!(first.possible, []);
        let stored = first.to_add(&[]);
        assert_eq!(stored.len(), 4);
        let again = preview(&f.rows, &m, &stored, now()).unwrap();
        assert_eq!(again.pupils, []);
        assert!(again.to_add(&[]).is_empty(), "nobody is added unasked");
        // Matched by UPN (lines 2, 5) and by name and date of birth (3);
        // Kai has neither, so is matched by name and year group and shown.
        assert_eq!(
            reasons(&again),
            [
                (
                    2,
                    "Amara Okafor is already on the register (UPN A123456789012)."
                ),
                (
                    3,
                    "Ben Brown with this date of birth is already on the register."
                ),
                (5, "Mia Ng is already on the register (UPN B801200005001)."),
            ]
        );
        assert_eq!(again.possible.len(), 1);
        assert_eq!(again.possible[0].line, 4);
        assert_eq!(
            again.possible[0].matches,
            "Kai Lee (Reception), on the register"
        );
        // Confirmed as another pupil: added.
        assert_eq!(names(&again.to_add(&[4])), ["Kai Lee"]);
    }

    #[test]
    fn rows_without_upn_or_birth_date_are_matched_by_name_and_year_group() {
        let on_register = |g: &str, f: &str, y: &str, upn: &str, dob: &str| {
            let mut d = PupilDraft::new(g, f, y);
            d.upn = upn.into();
            d.date_of_birth = dob.into();
            Pupil::create(&d, now()).unwrap()
        };
        let existing = [
            // Typed by hand with a combining diaeresis: "Zoë" all the same.
            on_register("Zoe\u{308}", "Brown", "Y4", "", ""),
            on_register("Sam", "Smith", "Y2", "A123456789012", ""),
            on_register("Jo", "Jones", "Y3", "", "2018-01-01"),
        ];
        let text = "Surname,Forename,Year,DOB,UPN\n\
            brown,ZOË,4,01/02/2017,\n\
            Brown,Zoë,5,,\n\
            Smith,Sam,2,,B801200005001\n\
            Jones,Jo,3,02/02/2018,\n\
            Jones,Jo,3,,\n\
            Patel,Raj,1,,\n\
            Patel,Raj,1,,\n";
        let f = read(text).unwrap();
        let p = preview(&f.rows, &guess_mapping(&f.headers), &existing, now()).unwrap();
        let possible: Vec<(usize, &str)> = p
            .possible
            .iter()
            .map(|m| (m.line, m.matches.as_str()))
            .collect();
        assert_eq!(
            possible,
            [
                // Same name (any case, either spelling of ë) and year group.
                (2, "Zoë Brown (Year 4), on the register"),
                (6, "Jo Jones (Year 3), on the register"),
                (8, "Raj Patel (Year 1), on line 7"),
            ]
        );
        // Another year group; another UPN; another date of birth: new pupils.
        assert_eq!(
            names(&p.pupils),
            ["Zoë Brown", "Sam Smith", "Jo Jones", "Raj Patel"]
        );
        assert_eq!(p.pupils[0].year_group.code(), "Y5");
        assert_eq!(p.skipped, []);
    }

    #[test]
    fn another_pupils_upn_and_formula_names_are_refused() {
        let mut d = PupilDraft::new("Amara", "Okafor", "Y4");
        d.upn = "A123456789012".into();
        let amara = Pupil::create(&d, now()).unwrap();
        let text = "Surname,Forename,Year,UPN\n\
            Brown,Ben,4,A123456789012\n\
            Lee,Kai,4,B801200005001\n\
            Ng,Mia,4,B801200005001\n\
            Cole,=HYPERLINK(\"http://x\"),4,\n\
            -Smith,Sam,4,\n\
            Hill,@Ann,4,\n\
            \"  +Ray\",Roy,4,\n\
            Day,Ann-Marie,4,\n\
            Okafor,Amara,4,C123456789012\n";
        let f = read(text).unwrap();
        let p = preview(&f.rows, &guess_mapping(&f.headers), &[amara], now()).unwrap();
        assert_eq!(names(&p.pupils), ["Kai Lee", "Ann-Marie Day"]);
        let r = reasons(&p);
        assert_eq!(
            r[..6],
            [
                (2, "The UPN A123456789012 is already given to Amara Okafor (Year 4), on the register: two pupils cannot share a UPN."),
                (4, "The UPN B801200005001 is already given to Kai Lee (Year 4), on line 3: two pupils cannot share a UPN."),
                (5, "The given name starts with \"=\", which a spreadsheet runs as a formula: correct it in the MIS."),
                (6, "The family name starts with \"-\", which a spreadsheet runs as a formula: correct it in the MIS."),
                (7, "The given name starts with \"@\", which a spreadsheet runs as a formula: correct it in the MIS."),
                (8, "The family name starts with \"+\", which a spreadsheet runs as a formula: correct it in the MIS."),
            ]
        );
        // A UPN whose check letter is wrong is refused by the register's check.
        assert_eq!(r[6].0, 10);
        assert!(r[6].1.contains("would be A"), "{r:?}");
        assert_eq!(r.len(), 7);
    }
}
