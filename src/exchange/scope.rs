//! What a shared file holds: the whole school, one pupil, one provision or
//! one term, and whether pupils in it are pseudonymised.
//!
//! A part keeps everything its records refer to (the provisions and
//! interventions of a pupil's enrolments, the staff roles and members who
//! deliver them, the settings), so it imports on its own.

use std::collections::HashSet;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::domain::calendar::{DateRange, TermName};
use crate::domain::dataset::Dataset;
use crate::domain::pupil::Pupil;

/// The part of the school a document holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Scope {
    /// Everything.
    Whole,
    /// One pupil, their enrolments and support plans, and what those refer to.
    Pupil { id: Uuid },
    /// One provision, its enrolments and their pupils.
    Provision { id: Uuid },
    /// The provision running in one term, its enrolments and their pupils,
    /// and those pupils' plans for the term.
    Term { start_year: i16, term: TermName },
}

impl Scope {
    /// Words for the file's summary: "the whole school", "one pupil", ...
    pub fn describe(&self) -> String {
        match self {
            Scope::Whole => "the whole school".into(),
            Scope::Pupil { .. } => "one pupil".into(),
            Scope::Provision { .. } => "one provision".into(),
            Scope::Term { start_year, term } => {
                format!(
                    "{term} term {}",
                    crate::domain::calendar::year_label(*start_year)
                )
            }
        }
    }

    /// A short name for the file: `whole`, `pupil`, `provision`, `autumn-2025`.
    pub fn slug(&self) -> String {
        match self {
            Scope::Whole => "whole".into(),
            Scope::Pupil { .. } => "pupil".into(),
            Scope::Provision { .. } => "provision".into(),
            Scope::Term { start_year, term } => {
                format!("{}-{start_year}", term.label().to_lowercase())
            }
        }
    }
}

/// The records of `data` that `scope` covers.
pub fn extract(data: &Dataset, scope: Scope) -> Dataset {
    let (enrolments, plans): (Vec<_>, Vec<_>) = match scope {
        Scope::Whole => return data.clone(),
        Scope::Pupil { id } => (
            data.enrolments
                .iter()
                .filter(|e| e.pupil_id == id)
                .cloned()
                .collect(),
            data.plans
                .iter()
                .filter(|p| p.pupil_id == id)
                .cloned()
                .collect(),
        ),
        Scope::Provision { id } => (
            data.enrolments
                .iter()
                .filter(|e| e.provision_id == id)
                .cloned()
                .collect(),
            Vec::new(),
        ),
        Scope::Term { start_year, term } => {
            let Some(range) = data
                .settings
                .year(start_year)
                .and_then(|y| y.term(term))
                .map(|t| t.range())
            else {
                return Dataset::empty(data.settings.clone());
            };
            let running: HashSet<Uuid> = data
                .provisions
                .iter()
                .filter(|p| p.range().intersect(&range).is_some())
                .map(|p| p.id)
                .collect();
            let es: Vec<_> = data
                .enrolments
                .iter()
                .filter(|e| {
                    running.contains(&e.provision_id) && e.range().intersect(&range).is_some()
                })
                .cloned()
                .collect();
            let pupils: HashSet<Uuid> = es.iter().map(|e| e.pupil_id).collect();
            let ps = data
                .plans
                .iter()
                .filter(|p| {
                    pupils.contains(&p.pupil_id) && p.start_year == start_year && p.term == term
                })
                .cloned()
                .collect();
            let mut out = with_references(data, es, ps);
            // Provisions running in the term with no one enrolled still count.
            for p in data.provisions.iter().filter(|p| running.contains(&p.id)) {
                if !out.provisions.iter().any(|x| x.id == p.id) {
                    out.provisions.push(p.clone());
                }
            }
            add_staff_and_library(data, &mut out);
            add_sessions(data, &mut out, Some(range), None);
            return out;
        }
    };
    let mut out = with_references(data, enrolments, plans);
    // A pupil with no enrolments or plans, a provision with no pupils.
    match scope {
        Scope::Pupil { id } if out.pupils.is_empty() => out.pupils.extend(data.pupil(id).cloned()),
        Scope::Provision { id } if out.provisions.is_empty() => {
            out.provisions.extend(data.provision(id).cloned());
        }
        _ => {}
    }
    add_staff_and_library(data, &mut out);
    match scope {
        // One pupil's part holds the sessions of their places only.
        Scope::Pupil { id } => add_sessions(data, &mut out, None, Some(id)),
        _ => add_sessions(data, &mut out, None, None),
    }
    out
}

/// Add the session records of the part's provisions (dated within
/// `within`, if given; for one pupil, only those on the days of their
/// places): each lists as absent only pupils the part holds, so the part
/// names no one it leaves out and imports on its own.
fn add_sessions(data: &Dataset, out: &mut Dataset, within: Option<DateRange>, pupil: Option<Uuid>) {
    let provisions: HashSet<Uuid> = out.provisions.iter().map(|p| p.id).collect();
    let pupils: HashSet<Uuid> = out.pupils.iter().map(|p| p.id).collect();
    let places: Vec<(Uuid, DateRange)> = out
        .enrolments
        .iter()
        .filter(|e| pupil == Some(e.pupil_id))
        .map(|e| (e.provision_id, e.range()))
        .collect();
    out.sessions = data
        .sessions
        .iter()
        .filter(|r| provisions.contains(&r.provision_id))
        .filter(|r| within.is_none_or(|w| w.contains(r.date)))
        .filter(|r| {
            pupil.is_none()
                || places
                    .iter()
                    .any(|(p, range)| *p == r.provision_id && range.contains(r.date))
        })
        .cloned()
        .map(|mut r| {
            crate::domain::session::map_pupil_ids(&mut r, |id| pupils.contains(&id).then_some(id));
            r
        })
        .collect();
}

/// The enrolments and plans given, with the pupils and provisions they name
/// (and the provisions plans link to).
fn with_references(
    data: &Dataset,
    enrolments: Vec<crate::domain::provision::Enrolment>,
    plans: Vec<crate::domain::plan::SupportPlan>,
) -> Dataset {
    let pupil_ids: HashSet<Uuid> = enrolments
        .iter()
        .map(|e| e.pupil_id)
        .chain(plans.iter().map(|p| p.pupil_id))
        .collect();
    let provision_ids: HashSet<Uuid> = enrolments
        .iter()
        .map(|e| e.provision_id)
        .chain(plans.iter().flat_map(|p| p.provision_ids.iter().copied()))
        .collect();
    Dataset {
        settings: data.settings.clone(),
        pupils: data
            .pupils
            .iter()
            .filter(|p| pupil_ids.contains(&p.id))
            .cloned()
            .collect(),
        provisions: data
            .provisions
            .iter()
            .filter(|p| provision_ids.contains(&p.id))
            .cloned()
            .collect(),
        enrolments: enrolments.into(),
        plans: plans.into(),
        ..Dataset::empty(data.settings.clone())
    }
}

/// Add the roles, members and library entries the provisions refer to.
fn add_staff_and_library(data: &Dataset, out: &mut Dataset) {
    let roles: HashSet<Uuid> = out
        .provisions
        .iter()
        .flat_map(|p| p.staff.iter().map(|l| l.role_id))
        .collect();
    let members: HashSet<Uuid> = out
        .provisions
        .iter()
        .flat_map(|p| p.staff.iter().filter_map(|l| l.member_id))
        .collect();
    let library: HashSet<Uuid> = out
        .provisions
        .iter()
        .filter_map(|p| p.intervention_id)
        .collect();
    out.interventions = data
        .interventions
        .iter()
        .filter(|i| library.contains(&i.id))
        .cloned()
        .collect();
    let roles: HashSet<Uuid> = roles
        .into_iter()
        .chain(out.interventions.iter().filter_map(|i| i.delivery.role_id))
        .chain(
            data.members
                .iter()
                .filter(|m| members.contains(&m.id))
                .map(|m| m.role_id),
        )
        .collect();
    out.roles = data
        .roles
        .iter()
        .filter(|r| roles.contains(&r.id))
        .cloned()
        .collect();
    out.members = data
        .members
        .iter()
        .filter(|m| members.contains(&m.id))
        .cloned()
        .collect();
}

/// The initials of a pupil: "Z.O.".
fn initials(p: &Pupil) -> String {
    [&p.given_name, &p.family_name]
        .iter()
        .filter_map(|s| s.trim().chars().next())
        .map(|c| format!("{}.", c.to_uppercase()))
        .collect()
}

/// Parts of names that are also ordinary words: matched only as part of
/// the whole name ("van der Berg"), never alone.
const PARTICLES: [&str; 15] = [
    "van", "von", "der", "den", "de", "da", "di", "du", "la", "le", "el", "al", "bin", "ibn", "st",
];

/// `s` as names are compared: decomposed, accents dropped, lower case
/// ("Zoë", "ZOE" and "Zoe\u{308}" are all "zoe").
fn fold(s: &str) -> String {
    use unicode_normalization::char::is_combining_mark;
    use unicode_normalization::UnicodeNormalization;
    s.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The words of `s` (runs of letters and digits, with any accents written
/// as combining marks), with their byte ranges.
fn words(s: &str) -> Vec<(usize, usize)> {
    use unicode_normalization::char::is_combining_mark;
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        let inside = c.is_alphanumeric() || (start.is_some() && is_combining_mark(c));
        match (inside, start) {
            (true, None) => start = Some(i),
            (false, Some(b)) => {
                out.push((b, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(b) = start {
        out.push((b, s.len()));
    }
    out
}

/// Whether the text between two words of a name joins them as a name's
/// parts are joined: spaces, a hyphen or an apostrophe, straight or curly.
fn joins(between: &str) -> bool {
    !between.is_empty()
        && between.chars().count() <= 3
        && between.chars().all(|c| {
            c.is_whitespace()
                || matches!(
                    c,
                    '-' | '\u{2010}'
                        | '\u{2011}'
                        | '\''
                        | '\u{2019}'
                        | '\u{2018}'
                        | '\u{02bc}'
                        | '`'
                )
        })
}

/// Finds people's names in free text as people write them: any case,
/// with or without accents, straight or curly apostrophes, possessives
/// ("Zoë's" leaves "Z.'s"), hyphenated and multi-word names whole or by
/// their parts ("Mary-Jane", "Mary", "Jane"; "O'Brien", "O’Brien",
/// "OBrien", "Brien"), and replaces each by its initial.
#[derive(Debug, Clone, Default)]
pub struct Matcher {
    /// By first folded word: the names starting with it, as folded words
    /// and their stand-in, longest first.
    names: std::collections::HashMap<String, Vec<(Vec<String>, String)>>,
}

impl Matcher {
    /// A matcher of every name given (given names and family names, each
    /// on its own).
    pub fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> Matcher {
        let mut m = Matcher::default();
        for name in names {
            let name = name.trim();
            let parts: Vec<&str> = words(name).into_iter().map(|(a, b)| &name[a..b]).collect();
            let folded: Vec<String> = parts.iter().map(|p| fold(p)).collect();
            let letters: usize = folded.iter().map(|f| f.chars().count()).sum();
            // One-letter "names" would scrub ordinary words.
            if letters < 2 {
                continue;
            }
            let initial = |p: &str| {
                p.chars()
                    .next()
                    .map(|c| format!("{}.", c.to_uppercase()))
                    .unwrap_or_default()
            };
            m.add(folded.clone(), initial(parts[0]));
            if folded.len() > 1 {
                m.add(vec![folded.concat()], initial(parts[0]));
                for (p, f) in parts.iter().zip(&folded) {
                    if f.chars().count() >= 2 && !PARTICLES.contains(&f.as_str()) {
                        m.add(vec![f.clone()], initial(p));
                    }
                }
            }
        }
        for list in m.names.values_mut() {
            crate::domain::sort::by(list, |a, b| b.0.len().cmp(&a.0.len()).then(a.cmp(b)));
            list.dedup_by(|a, b| a.0 == b.0);
        }
        m
    }

    fn add(&mut self, words: Vec<String>, stand_in: String) {
        if let Some(first) = words.first().cloned() {
            self.names.entry(first).or_default().push((words, stand_in));
        }
    }

    /// `text` with every name found replaced by its initial.
    pub fn scrub(&self, text: &str) -> String {
        if self.names.is_empty() {
            return text.to_owned();
        }
        let ws = words(text);
        let folded: Vec<String> = ws.iter().map(|&(a, b)| fold(&text[a..b])).collect();
        let mut out = String::with_capacity(text.len());
        let mut copied = 0;
        let mut i = 0;
        while i < ws.len() {
            let found = self.names.get(&folded[i]).and_then(|list| {
                list.iter().find(|(name, _)| {
                    i + name.len() <= ws.len()
                        && name.iter().enumerate().all(|(k, w)| {
                            folded[i + k] == *w
                                && (k == 0 || joins(&text[ws[i + k - 1].1..ws[i + k].0]))
                        })
                })
            });
            match found {
                Some((name, stand_in)) => {
                    out.push_str(&text[copied..ws[i].0]);
                    out.push_str(stand_in);
                    copied = ws[i + name.len() - 1].1;
                    i += name.len();
                }
                None => i += 1,
            }
        }
        out.push_str(&text[copied..]);
        out
    }
}

/// What pseudonymising does to a field of a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Treatment {
    /// A new random id, different in every file.
    Renewed,
    /// Kept to the day only.
    ToTheDay,
    /// Replaced by initials and a reference.
    Replaced,
    /// Left out of the file.
    Dropped,
    /// Kept, with every pupil's name in it reduced to its initial.
    Scrubbed,
}

/// One thing pseudonymising does: to which fields (in words, and the JSON
/// keys of a pupil's fields it covers), and how. The file's summary is
/// made from this list, and [`pseudonymise`] does nothing else, so the
/// summary says exactly what is done.
pub struct Rule {
    pub what: &'static str,
    pub treatment: Treatment,
    /// The pupil fields (JSON keys) this rule covers.
    pub pupil_fields: &'static [&'static str],
    apply: fn(&mut Dataset, &Matcher),
}

/// What a pseudonymised file keeps of each pupil as it is: the rest is in
/// [`RULES`] (a test checks that together they name every field).
pub const PUPIL_FIELDS_KEPT: &[(&str, &str)] = &[
    ("year_group", "year group"),
    ("year_group_history", "past year groups"),
    ("sen_status", "SEN status"),
    ("primary_need", "needs"),
    ("secondary_need", "needs"),
];

/// A reference for each id, in order: six hex digits of it, more where two
/// ids would share them (about once in nine whole-school files of 2,000
/// pupils), so each is unique among `ids`.
pub fn references(ids: &[Uuid]) -> Vec<String> {
    let hex: Vec<String> = ids.iter().map(|id| id.simple().to_string()).collect();
    let mut len = 6;
    while len < 32 && {
        let mut seen = HashSet::new();
        !hex.iter().all(|h| seen.insert(&h[..len]))
    } {
        len += 1;
    }
    hex.iter().map(|h| h[..len].to_owned()).collect()
}

/// `t` at the start of its day (UTC).
fn to_the_day(t: jiff::Timestamp) -> jiff::Timestamp {
    let day = t.to_zoned(jiff::tz::TimeZone::UTC).date();
    day.to_zoned(jiff::tz::TimeZone::UTC)
        .map(|z| z.timestamp())
        .unwrap_or(t)
}

/// Everything pseudonymising does, in order.
pub const RULES: &[Rule] = &[
    Rule {
        what: "pupils, their places in provision, their support plans and the sessions recorded",
        treatment: Treatment::Renewed,
        pupil_fields: &["id"],
        apply: |d, _| {
            let mut fresh = std::collections::HashMap::new();
            for p in d.pupils.iter_mut() {
                let id = Uuid::new_v4();
                fresh.insert(p.id, id);
                p.id = id;
            }
            // A pupil the part refers to but does not hold keeps no link either.
            let mut renew = |id: &mut Uuid| *id = *fresh.entry(*id).or_insert_with(Uuid::new_v4);
            for e in d.enrolments.iter_mut() {
                e.id = Uuid::new_v4();
                renew(&mut e.pupil_id);
            }
            for plan in d.plans.iter_mut() {
                plan.id = Uuid::new_v4();
                renew(&mut plan.pupil_id);
            }
            // Sessions name the pupils absent from them.
            for r in d.sessions.iter_mut() {
                r.id = Uuid::new_v4();
                crate::domain::session::map_pupil_ids(r, |id| {
                    let mut id = id;
                    renew(&mut id);
                    Some(id)
                });
            }
        },
    },
    Rule {
        what: "when pupils' records, places and plans were made and changed",
        treatment: Treatment::ToTheDay,
        pupil_fields: &["created_at", "updated_at"],
        apply: |d, _| {
            for p in d.pupils.iter_mut() {
                p.created_at = to_the_day(p.created_at);
                p.updated_at = to_the_day(p.updated_at);
            }
            for e in d.enrolments.iter_mut() {
                e.created_at = to_the_day(e.created_at);
                e.updated_at = to_the_day(e.updated_at);
            }
            for plan in d.plans.iter_mut() {
                plan.created_at = to_the_day(plan.created_at);
                plan.updated_at = to_the_day(plan.updated_at);
            }
        },
    },
    Rule {
        what: "names",
        treatment: Treatment::Replaced,
        pupil_fields: &["given_name", "family_name"],
        apply: |d, _| {
            let ids: Vec<Uuid> = d.pupils.iter().map(|p| p.id).collect();
            for (p, r) in d.pupils.iter_mut().zip(references(&ids)) {
                p.given_name = initials(p);
                p.family_name = format!("(ref {r})");
            }
        },
    },
    Rule {
        what: "UPNs",
        treatment: Treatment::Dropped,
        pupil_fields: &["upn"],
        apply: |d, _| d.pupils.iter_mut().for_each(|p| p.upn = None),
    },
    Rule {
        what: "dates of birth",
        treatment: Treatment::Dropped,
        pupil_fields: &["date_of_birth"],
        apply: |d, _| d.pupils.iter_mut().for_each(|p| p.date_of_birth = None),
    },
    Rule {
        what: "classes",
        treatment: Treatment::Dropped,
        pupil_fields: &["class_name"],
        apply: |d, _| d.pupils.iter_mut().for_each(|p| p.class_name.clear()),
    },
    Rule {
        what: "EHC plan details (issue and review dates, local authority, top-up)",
        treatment: Treatment::Dropped,
        pupil_fields: &["ehcp"],
        apply: |d, _| d.pupils.iter_mut().for_each(|p| p.ehcp = None),
    },
    Rule {
        what: "dates of joining and leaving the SEN register and leaving the school",
        treatment: Treatment::Dropped,
        pupil_fields: &["on_register_from", "off_register_from", "left_on"],
        apply: |d, _| {
            d.pupils.iter_mut().for_each(|p| {
                p.on_register_from = None;
                p.off_register_from = None;
                p.left_on = None;
            });
        },
    },
    Rule {
        what:
            "the pupil premium, looked-after, previously looked-after, service child and EAL flags",
        treatment: Treatment::Dropped,
        pupil_fields: &["flags"],
        apply: |d, _| {
            d.pupils
                .iter_mut()
                .for_each(|p| p.flags = crate::domain::pupil::Flags::default());
        },
    },
    Rule {
        what: "one-page profiles",
        treatment: Treatment::Scrubbed,
        pupil_fields: &["profile"],
        apply: |d, m| {
            for p in d.pupils.iter_mut() {
                let f = &mut p.profile;
                for t in [
                    &mut f.strengths,
                    &mut f.what_helps,
                    &mut f.what_does_not_help,
                    &mut f.communication,
                ] {
                    *t = m.scrub(t);
                }
            }
        },
    },
    Rule {
        what: "support plans (outcomes, pupils' and parents' views)",
        treatment: Treatment::Scrubbed,
        pupil_fields: &[],
        apply: |d, m| {
            for plan in d.plans.iter_mut() {
                for o in &mut plan.outcomes {
                    o.text = m.scrub(&o.text);
                }
                plan.pupil_views = m.scrub(&plan.pupil_views);
                plan.parent_views = m.scrub(&plan.parent_views);
            }
        },
    },
    Rule {
        what: "enrolment notes and scores written as text",
        treatment: Treatment::Scrubbed,
        pupil_fields: &[],
        apply: |d, m| {
            use crate::domain::provision::Score;
            for e in d.enrolments.iter_mut() {
                e.notes = m.scrub(&e.notes);
                for a in [&mut e.entry, &mut e.exit].into_iter().flatten() {
                    if let Score::Text(t) = &mut a.score {
                        *t = m.scrub(t);
                    }
                }
            }
        },
    },
    Rule {
        what: "notes on cancelled sessions",
        treatment: Treatment::Scrubbed,
        pupil_fields: &[],
        apply: |d, m| {
            use crate::domain::session::SessionOutcome;
            for r in d.sessions.iter_mut() {
                if let SessionOutcome::Cancelled { note, .. } = &mut r.outcome {
                    *note = m.scrub(note);
                }
            }
        },
    },
    Rule {
        what: "provision names",
        treatment: Treatment::Scrubbed,
        pupil_fields: &[],
        apply: |d, m| {
            for p in d.provisions.iter_mut() {
                p.name = m.scrub(&p.name);
            }
        },
    },
    Rule {
        what: "library entries (names, descriptions, evidence notes)",
        treatment: Treatment::Scrubbed,
        pupil_fields: &[],
        apply: |d, m| {
            for i in d.interventions.iter_mut() {
                i.name = m.scrub(&i.name);
                i.description = m.scrub(&i.description);
                i.evidence_note = m.scrub(&i.evidence_note);
            }
        },
    },
    Rule {
        what: "staff roles' and members' names",
        treatment: Treatment::Scrubbed,
        pupil_fields: &[],
        apply: |d, m| {
            for r in d.roles.iter_mut() {
                r.name = m.scrub(&r.name);
            }
            for s in d.members.iter_mut() {
                s.name = m.scrub(&s.name);
            }
        },
    },
];

/// What a pseudonymised file keeps and leaves out, in words, made from
/// [`RULES`] and [`PUPIL_FIELDS_KEPT`].
pub fn pseudonymised_summary() -> String {
    let of = |t: Treatment| -> Vec<&'static str> {
        RULES
            .iter()
            .filter(|r| r.treatment == t)
            .map(|r| r.what)
            .collect()
    };
    let mut kept: Vec<&str> = PUPIL_FIELDS_KEPT.iter().map(|(_, w)| *w).collect();
    kept.dedup();
    format!(
        "Pupils' {} are replaced by initials and a reference unique in the file. {} have new random ids, different in every file, so none shares an id with the school's own records. Kept to the day only: {}. Left out: {}. Any pupil's given or family name (with or without accents, any apostrophe, possessive, hyphenated or in parts) is reduced to its initial in {}. Each pupil keeps {}, with their provision, enrolments, scores and support plans; the school's settings are as they are.",
        of(Treatment::Replaced).join(", "),
        capitalise(&of(Treatment::Renewed).join(", ")),
        of(Treatment::ToTheDay).join(", "),
        and_list(&of(Treatment::Dropped), "; "),
        and_list(&of(Treatment::Scrubbed), ", "),
        and_list(&kept, ", "),
    )
}

/// "a, b and c" (with `sep` between the rest).
fn and_list(items: &[&str], sep: &str) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} and {last}", rest.join(sep)),
    }
}

/// `s` with its first letter in capitals.
fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// `data` pseudonymised by every rule of [`RULES`]: names of every pupil
/// of `school` are found in free text wherever it is kept. Pupils get new
/// ids: [`pseudonymised_id`] finds a pupil's in the result.
pub fn pseudonymise(data: &Dataset, school: &Dataset) -> Dataset {
    let matcher = Matcher::new(
        school
            .pupils
            .iter()
            .flat_map(|p| [p.given_name.as_str(), p.family_name.as_str()]),
    );
    let mut out = data.clone();
    for rule in RULES {
        (rule.apply)(&mut out, &matcher);
    }
    out
}

/// The id `pupil` (of `data`) has in `out`, its pseudonymised copy: pupils
/// keep their order.
pub fn pseudonymised_id(data: &Dataset, out: &Dataset, pupil: Uuid) -> Option<Uuid> {
    let i = data.pupils.position(pupil)?;
    out.pupils[..].get(i).map(|p| p.id)
}
