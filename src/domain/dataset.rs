//! Everything one school keeps, and the checks that span records
//! (references between them).

use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

use super::calendar::DateRange;
use super::plan::SupportPlan;
use super::provision::{Enrolment, Intervention, Provision};
use super::pupil::Pupil;
use super::session::SessionRecord;
use super::settings::SchoolSettings;
use super::staff::{StaffMember, StaffRole};
use super::table::Table;
use super::validation::FieldName;

/// The whole of a school's data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Dataset {
    pub settings: SchoolSettings,
    #[serde(default)]
    pub roles: Table<StaffRole>,
    #[serde(default)]
    pub members: Table<StaffMember>,
    #[serde(default)]
    pub pupils: Table<Pupil>,
    #[serde(default)]
    pub interventions: Table<Intervention>,
    #[serde(default)]
    pub provisions: Table<Provision>,
    #[serde(default)]
    pub enrolments: Table<Enrolment>,
    #[serde(default)]
    pub plans: Table<SupportPlan>,
    /// Sessions recorded on the register (none before schema and format
    /// version 4).
    #[serde(default)]
    pub sessions: Table<SessionRecord>,
}

/// A problem with one record of a dataset: which kind, which record, which field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordProblem {
    /// The collection (`pupils`, `provisions`, ...).
    pub kind: &'static str,
    /// The record's position in its collection.
    pub index: usize,
    pub id: Uuid,
    pub field: &'static str,
    pub message: String,
}

impl std::fmt::Display for RecordProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}[{}].{}: {}",
            self.kind, self.index, self.field, self.message
        )
    }
}

impl Dataset {
    /// A school with its settings and no records yet.
    pub fn empty(settings: SchoolSettings) -> Dataset {
        Dataset {
            settings,
            roles: Table::new(),
            members: Table::new(),
            pupils: Table::new(),
            interventions: Table::new(),
            provisions: Table::new(),
            enrolments: Table::new(),
            plans: Table::new(),
            sessions: Table::new(),
        }
    }

    pub fn pupil(&self, id: Uuid) -> Option<&Pupil> {
        self.pupils.get(id)
    }

    pub fn role(&self, id: Uuid) -> Option<&StaffRole> {
        self.roles.get(id)
    }

    /// Why the role `id` cannot be deleted: what still uses it, in words;
    /// `None` when nothing does.
    pub fn role_in_use(&self, id: Uuid) -> Option<String> {
        let count = |n: usize, one: &str, many: &str| match n {
            0 => None,
            1 => Some(format!("1 {one}")),
            n => Some(format!("{n} {many}")),
        };
        let uses: Vec<String> = [
            count(
                self.provisions
                    .iter()
                    .filter(|p| p.staff.iter().any(|l| l.role_id == id))
                    .count(),
                "provision",
                "provisions",
            ),
            count(
                self.members.iter().filter(|m| m.role_id == id).count(),
                "member of staff",
                "members of staff",
            ),
            count(
                self.interventions
                    .iter()
                    .filter(|i| i.delivery.role_id == Some(id))
                    .count(),
                "intervention",
                "interventions",
            ),
        ]
        .into_iter()
        .flatten()
        .collect();
        (!uses.is_empty())
            .then(|| format!("It is used by {}. Change those first.", uses.join(" and ")))
    }

    /// Why the pay scale `id` cannot be deleted: the roles that take a
    /// salary from it, by name; `None` when none does.
    pub fn pay_scale_in_use(&self, id: Uuid) -> Option<String> {
        let mut names: Vec<&str> = self
            .roles
            .iter()
            .filter(|r| r.scale_points().any(|sp| sp.scale_id == id))
            .map(|r| r.name.as_str())
            .collect();
        crate::domain::sort::by_key(&mut names, |n| n.to_lowercase());
        match names.as_slice() {
            [] => None,
            [one] => Some(format!(
                "The role {one} takes its salary from it: choose another salary for {one} first."
            )),
            many => Some(format!(
                "The roles {} take their salary from it: choose another salary for them first.",
                many.join(", ")
            )),
        }
    }

    /// Why the member of staff `id` cannot be deleted, or `None`.
    pub fn member_in_use(&self, id: Uuid) -> Option<String> {
        let n = self
            .provisions
            .iter()
            .filter(|p| p.staff.iter().any(|l| l.member_id == Some(id)))
            .count();
        match n {
            0 => None,
            1 => Some("They deliver 1 provision. Change it first.".into()),
            n => Some(format!("They deliver {n} provisions. Change those first.")),
        }
    }

    /// Why the library entry `id` cannot be deleted, or `None`.
    pub fn intervention_in_use(&self, id: Uuid) -> Option<String> {
        let n = self
            .provisions
            .iter()
            .filter(|p| p.intervention_id == Some(id))
            .count();
        match n {
            0 => None,
            1 => Some("1 provision was started from it.".into()),
            n => Some(format!("{n} provisions were started from it.")),
        }
    }

    /// New enrolments of `pupil_ids` in provision `provision_id`, over the
    /// provision's dates. Pupils already in it, pupils who have left and
    /// unknown ids are skipped. They are made in the order given, a
    /// nanosecond apart: the order rounding ties are settled in.
    pub fn enrol(
        &self,
        provision_id: Uuid,
        pupil_ids: &[Uuid],
        now: jiff::Timestamp,
    ) -> Vec<super::provision::Enrolment> {
        let Some(p) = self.provision(provision_id) else {
            return Vec::new();
        };
        let mut out: Vec<super::provision::Enrolment> = Vec::new();
        for id in pupil_ids {
            let on_roll = self.pupil(*id).is_some_and(|x| x.left_on.is_none());
            let already = self
                .enrolments
                .iter()
                .chain(out.iter())
                .any(|e| e.provision_id == provision_id && e.pupil_id == *id);
            if !on_roll || already {
                continue;
            }
            let made = now
                .checked_add(jiff::SignedDuration::from_nanos(out.len() as i64))
                .unwrap_or(now);
            out.push(super::provision::Enrolment {
                id: Uuid::new_v4(),
                pupil_id: *id,
                provision_id,
                start: p.start,
                end: p.end,
                entry: None,
                exit: None,
                attendance: None,
                notes: String::new(),
                created_at: made,
                updated_at: made,
            });
        }
        out
    }

    pub fn provision(&self, id: Uuid) -> Option<&Provision> {
        self.provisions.get(id)
    }

    /// Every problem in every record, and every reference to a record that
    /// is not there. Empty means the dataset can be stored.
    pub fn validate(&self) -> Vec<RecordProblem> {
        let mut out = Vec::new();
        let mut push = |kind, index, id, field, message: String| {
            out.push(RecordProblem {
                kind,
                index,
                id,
                field,
                message,
            })
        };
        for e in self.settings.validate().0 {
            push("settings", 0, self.settings.id, e.field.name(), e.message);
        }

        let mut ids = HashSet::new();
        macro_rules! each {
            ($coll:ident, $kind:literal) => {
                for (i, r) in self.$coll.iter().enumerate() {
                    if !ids.insert(r.id) {
                        push(
                            $kind,
                            i,
                            r.id,
                            "id",
                            format!("The id {} is used by another record.", r.id),
                        );
                    }
                    for e in r.validate().0 {
                        push($kind, i, r.id, e.field.name(), e.message);
                    }
                }
            };
        }
        each!(roles, "roles");
        each!(members, "members");
        each!(pupils, "pupils");
        // No two pupils with one UPN: the first holder is named.
        let mut upns: HashMap<&str, usize> = HashMap::new();
        for (i, p) in self.pupils.iter().enumerate() {
            if let Some(u) = p.upn.as_deref() {
                if let Some(&j) = upns.get(u) {
                    let first = self.pupils[j].full_name();
                    push(
                        "pupils",
                        i,
                        p.id,
                        "upn",
                        format!("The UPN {u} is also given to {first} (pupils[{j}])."),
                    );
                } else {
                    upns.insert(u, i);
                }
            }
        }
        each!(interventions, "interventions");
        each!(provisions, "provisions");
        each!(enrolments, "enrolments");
        each!(plans, "plans");
        each!(sessions, "sessions");

        let roles: HashSet<Uuid> = self.roles.iter().map(|r| r.id).collect();
        let members: HashMap<Uuid, Uuid> = self.members.iter().map(|m| (m.id, m.role_id)).collect();
        let pupils: HashSet<Uuid> = self.pupils.iter().map(|p| p.id).collect();
        let interventions: HashSet<Uuid> = self.interventions.iter().map(|i| i.id).collect();
        let provisions: HashMap<Uuid, &Provision> =
            self.provisions.iter().map(|p| (p.id, p)).collect();
        let tiers: HashSet<&str> = self.settings.tiers.iter().map(|t| t.id.as_str()).collect();

        for (i, m) in self.members.iter().enumerate() {
            if !roles.contains(&m.role_id) {
                push(
                    "members",
                    i,
                    m.id,
                    "role_id",
                    "The staff role is not in the list of roles.".into(),
                );
            }
        }
        // A salary on a pay scale: the scale is in the settings and the
        // point in one of its versions.
        for (i, r) in self.roles.iter().enumerate() {
            for sp in r.scale_points() {
                if let Some(m) = super::pay::scale_point_problem(sp, &self.settings.pay_scales) {
                    push("roles", i, r.id, "scale", m);
                }
            }
        }
        for (i, x) in self.interventions.iter().enumerate() {
            if !tiers.contains(x.tier.as_str()) {
                push(
                    "interventions",
                    i,
                    x.id,
                    "tier",
                    format!("The tier \"{}\" is not in the settings.", x.tier),
                );
            }
            if x.delivery.role_id.is_some_and(|r| !roles.contains(&r)) {
                push(
                    "interventions",
                    i,
                    x.id,
                    "delivery",
                    "The staff role is not in the list of roles.".into(),
                );
            }
        }
        for (i, p) in self.provisions.iter().enumerate() {
            if !tiers.contains(p.tier.as_str()) {
                push(
                    "provisions",
                    i,
                    p.id,
                    "tier",
                    format!("The tier \"{}\" is not in the settings.", p.tier),
                );
            }
            if p.intervention_id
                .is_some_and(|x| !interventions.contains(&x))
            {
                push(
                    "provisions",
                    i,
                    p.id,
                    "intervention_id",
                    "The intervention is not in the library.".into(),
                );
            }
            for l in &p.staff {
                if !roles.contains(&l.role_id) {
                    push(
                        "provisions",
                        i,
                        p.id,
                        "staff",
                        "A staff role is not in the list of roles.".into(),
                    );
                }
                match l.member_id.map(|m| (m, members.get(&m))) {
                    Some((_, None)) => push(
                        "provisions",
                        i,
                        p.id,
                        "staff",
                        "A member of staff is not in the list of staff.".into(),
                    ),
                    Some((_, Some(role))) if *role != l.role_id => push(
                        "provisions",
                        i,
                        p.id,
                        "staff",
                        "A member of staff is listed under a role that is not theirs.".into(),
                    ),
                    _ => {}
                }
            }
        }
        for (i, e) in self.enrolments.iter().enumerate() {
            if !pupils.contains(&e.pupil_id) {
                push(
                    "enrolments",
                    i,
                    e.id,
                    "pupil_id",
                    "The pupil is not on the roll.".into(),
                );
            }
            match provisions.get(&e.provision_id) {
                None => push(
                    "enrolments",
                    i,
                    e.id,
                    "provision_id",
                    "The provision does not exist.".into(),
                ),
                Some(p) if e.start < p.start || e.end > p.end => push(
                    "enrolments",
                    i,
                    e.id,
                    "start",
                    "The enrolment's dates fall outside the provision's dates.".into(),
                ),
                _ => {}
            }
        }
        // One pupil's places in one provision never overlap: a day counted
        // twice would charge the pupil twice for one session.
        let mut places: std::collections::HashMap<(Uuid, Uuid), Vec<(usize, DateRange)>> =
            std::collections::HashMap::new();
        for (i, e) in self.enrolments.iter().enumerate() {
            places
                .entry((e.pupil_id, e.provision_id))
                .or_default()
                .push((i, e.range()));
        }
        let mut overlapping: Vec<(usize, DateRange, DateRange)> = Vec::new();
        for list in places.values_mut() {
            crate::domain::sort::by_key(list, |(i, r)| (r.start, r.end, *i));
            for pair in list.windows(2) {
                let ((_, a), (j, b)) = (pair[0], pair[1]);
                if a.is_valid() && b.is_valid() && a.intersect(&b).is_some() {
                    overlapping.push((j, a, b));
                }
            }
        }
        crate::domain::sort::by_key(&mut overlapping, |(i, _, _)| *i);
        for (i, a, b) in overlapping {
            push(
                "enrolments",
                i,
                self.enrolments[i].id,
                "start",
                format!(
                    "The pupil is in this provision twice on the same days: {a} and {b} overlap."
                ),
            );
        }
        for (i, plan) in self.plans.iter().enumerate() {
            if !pupils.contains(&plan.pupil_id) {
                push(
                    "plans",
                    i,
                    plan.id,
                    "pupil_id",
                    "The pupil is not on the roll.".into(),
                );
            }
            if plan
                .provision_ids
                .iter()
                .any(|p| !provisions.contains_key(p))
            {
                push(
                    "plans",
                    i,
                    plan.id,
                    "provision_ids",
                    "A linked provision does not exist.".into(),
                );
            }
        }
        // A session's provision and absent pupils exist, and a provision
        // has one record a date and start time: the first holder is named.
        let mut keys: HashMap<(Uuid, jiff::civil::Date, jiff::civil::Time), usize> = HashMap::new();
        for (i, r) in self.sessions.iter().enumerate() {
            if !provisions.contains_key(&r.provision_id) {
                push(
                    "sessions",
                    i,
                    r.id,
                    "provision_id",
                    "The provision does not exist.".into(),
                );
            }
            if r.absent().iter().any(|p| !pupils.contains(p)) {
                push(
                    "sessions",
                    i,
                    r.id,
                    "outcome",
                    "A pupil recorded absent is not on the roll.".into(),
                );
            }
            if let Some(&j) = keys.get(&r.key()) {
                push(
                    "sessions",
                    i,
                    r.id,
                    "start",
                    format!(
                        "The session on {} at {} is also recorded by sessions[{j}].",
                        r.date.strftime("%d/%m/%Y"),
                        r.start.strftime("%H:%M")
                    ),
                );
            } else {
                keys.insert(r.key(), i);
            }
        }
        out
    }
}
