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

use crate::domain::calendar::TermName;
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
    out
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
        .filter_map(|s| s.chars().next())
        .map(|c| format!("{}.", c.to_uppercase()))
        .collect()
}

/// `text` with every whole-word mention (any case) of the names given
/// replaced by its stand-in.
pub fn scrub(text: &str, names: &[(String, String)]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        if !word.is_empty() {
            let lower = word.to_lowercase();
            match names.iter().find(|(n, _)| *n == lower) {
                Some((_, stand_in)) => out.push_str(stand_in),
                None => out.push_str(word),
            }
            word.clear();
        }
    };
    for c in text.chars() {
        if c.is_alphanumeric() || c == '\'' && !word.is_empty() {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// `data` with its pupils pseudonymised: names become initials and a
/// reference from the record's id; no UPN, date of birth or class; and the
/// given or family name of any pupil of `school` found in free text
/// (profiles, plans, enrolment notes) becomes that name's initial.
pub fn pseudonymise(data: &Dataset, school: &Dataset) -> Dataset {
    let mut names: Vec<(String, String)> = Vec::new();
    for p in &school.pupils {
        for n in [&p.given_name, &p.family_name] {
            let n = n.trim();
            // One-letter "names" would scrub ordinary words.
            if n.chars().count() >= 2 {
                let stand_in = n
                    .chars()
                    .next()
                    .map(|c| format!("{}.", c.to_uppercase()))
                    .unwrap_or_default();
                names.push((n.to_lowercase(), stand_in));
                // "O'Brien" is also "Brien" after "O'" in some text.
                if let Some((_, tail)) = n.split_once('\'') {
                    if tail.chars().count() >= 2 {
                        names.push((
                            tail.to_lowercase(),
                            format!("{}.", tail.chars().next().unwrap_or('?').to_uppercase()),
                        ));
                    }
                }
            }
        }
    }
    crate::domain::sort::by(&mut names, Ord::cmp);
    names.dedup();
    let s = |t: &str| scrub(t, &names);
    let mut out = data.clone();
    for p in &mut out.pupils {
        let reference = p.id.simple().to_string()[..6].to_owned();
        p.given_name = initials(p);
        p.family_name = format!("(ref {reference})");
        p.upn = None;
        p.date_of_birth = None;
        p.class_name = String::new();
        p.profile.strengths = s(&p.profile.strengths);
        p.profile.what_helps = s(&p.profile.what_helps);
        p.profile.what_does_not_help = s(&p.profile.what_does_not_help);
        p.profile.communication = s(&p.profile.communication);
    }
    for e in &mut out.enrolments {
        e.notes = s(&e.notes);
    }
    for plan in &mut out.plans {
        for o in &mut plan.outcomes {
            o.text = s(&o.text);
        }
        plan.pupil_views = s(&plan.pupil_views);
        plan.parent_views = s(&plan.parent_views);
    }
    out
}
