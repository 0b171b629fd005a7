//! Commands: the writes the app makes, each a pure function of the data as
//! it is, what the user asked for and the time. A command returns the edit
//! to save (its changes and what undoes them) or every problem by field; it
//! changes nothing itself. A view calls a command and saves what it returns
//! (`AppCtx::commit`), so every rule about what a write does, cascades
//! included, lives here and is tested natively.

use jiff::civil::{Date, Time};
use jiff::Timestamp;
use uuid::Uuid;

use super::calendar::term_label;
use super::dataset::Dataset;
use super::details::DetailsDraft;
use super::edit::{Change, Edit, Kind, Record};
use super::fields::{
    EnrolmentField, InterventionField, MemberField, PlanField, ProvisionField, PupilField,
    RoleField, SessionField, SettingsField,
};
use super::library::InterventionDraft;
use super::money::Money;
use super::plan::{PlanDraft, SupportPlan};
use super::provision::{Assessment, Enrolment, MeasureKind, Score};
use super::provision::{FundingSource, Provision, ProvisionDraft, SchoolDay, Slot};
use super::pupil::{parse_date, Pupil, PupilDraft};
use super::session::{CancelReason, SessionOutcome, SessionRecord};
use super::settings::SchoolSettings;
use super::staff::{MemberDraft, RoleDraft};
use super::validation::{FieldName, Problems};
use super::whatif::WhatIf;

/// Add a pupil (`id` is `None`) or change pupil `id` as the register's form
/// says.
pub fn save_pupil(
    data: &Dataset,
    id: Option<Uuid>,
    draft: &PupilDraft,
    now: Timestamp,
) -> Result<Edit, Problems<PupilField>> {
    let (pupil, upn_before) = match id {
        None => (Pupil::create(draft, now)?, None),
        Some(id) => {
            let stored = pupil_of(data, id)?;
            (stored.edited(draft, now)?, stored.upn.clone())
        }
    };
    // A UPN given or changed here must not be another pupil's (two pupils
    // who already share one are flagged on the register and their pages,
    // and can still be edited).
    if let Some(upn) = pupil
        .upn
        .as_ref()
        .filter(|u| upn_before.as_ref() != Some(*u))
    {
        if let Some(other) = data
            .pupils
            .iter()
            .find(|o| o.id != pupil.id && o.upn.as_ref() == Some(upn))
        {
            let mut p = Problems::default();
            p.push(
                PupilField::Upn,
                format!(
                    "The UPN {upn} is already given to {} ({}).",
                    other.full_name(),
                    other.year_group.label()
                ),
            );
            return Err(p);
        }
    }
    let label = match id {
        None => format!("Add {}", pupil.full_name()),
        Some(_) => format!("Edit {}", pupil.full_name()),
    };
    Ok(Edit::new(data, label, vec![put_pupil(pupil)]))
}

/// Change pupil `id`'s profile, EHC plan details and leaving dates.
pub fn save_pupil_details(
    data: &Dataset,
    id: Uuid,
    draft: &DetailsDraft,
    now: Timestamp,
) -> Result<Edit, Problems<PupilField>> {
    let pupil = draft.apply(pupil_of(data, id)?, now)?;
    let label = format!("Edit {}'s details", pupil.full_name());
    Ok(Edit::new(data, label, vec![put_pupil(pupil)]))
}

/// Delete pupil `id` with their enrolments and support plans, in one edit;
/// sessions that recorded them absent keep the rest of their register.
pub fn delete_pupil(
    data: &Dataset,
    id: Uuid,
    now: Timestamp,
) -> Result<Edit, Problems<PupilField>> {
    let pupil = pupil_of(data, id)?;
    let mut changes: Vec<Change> = data
        .enrolments
        .iter()
        .filter(|e| e.pupil_id == id)
        .map(|e| Change::Delete(Kind::Enrolments, e.id))
        .collect();
    changes.extend(
        data.plans
            .iter()
            .filter(|p| p.pupil_id == id)
            .map(|p| Change::Delete(Kind::Plans, p.id)),
    );
    for r in data.sessions.iter().filter(|r| r.absent().contains(&id)) {
        let mut r = r.clone();
        super::session::map_pupil_ids(&mut r, |p| (p != id).then_some(p));
        r.updated_at = now.max(r.updated_at);
        changes.push(Change::Put(Record::Session(r)));
    }
    changes.push(Change::Delete(Kind::Pupils, id));
    Ok(Edit::new(
        data,
        format!("Delete {}", pupil.full_name()),
        changes,
    ))
}

/// Delete provision `id` with its enrolments and recorded sessions, in one
/// edit; support plans that link to it keep their outcomes and lose only
/// the link.
pub fn delete_provision(
    data: &Dataset,
    id: Uuid,
    now: Timestamp,
) -> Result<Edit, Problems<ProvisionField>> {
    let Some(provision) = data.provision(id) else {
        let mut p = Problems::default();
        p.push(ProvisionField::Id, "That provision is not there any more.");
        return Err(p);
    };
    let mut changes: Vec<Change> = data
        .enrolments
        .iter()
        .filter(|e| e.provision_id == id)
        .map(|e| Change::Delete(Kind::Enrolments, e.id))
        .collect();
    // Last first, so an undo (which puts them back at the end) keeps
    // their order.
    changes.extend(
        data.sessions
            .iter()
            .rev()
            .filter(|r| r.provision_id == id)
            .map(|r| Change::Delete(Kind::Sessions, r.id)),
    );
    for plan in data.plans.iter().filter(|p| p.provision_ids.contains(&id)) {
        let mut plan = plan.clone();
        plan.provision_ids.retain(|p| *p != id);
        plan.updated_at = now.max(plan.updated_at);
        changes.push(Change::Put(Record::Plan(plan)));
    }
    changes.push(Change::Delete(Kind::Provisions, id));
    Ok(Edit::new(
        data,
        format!("Delete {}", provision.name),
        changes,
    ))
}

/// Take one pupil's place in a provision away (their scores go with it).
pub fn remove_enrolment(data: &Dataset, id: Uuid) -> Result<Edit, Problems<EnrolmentField>> {
    let Some(e) = data.enrolments.iter().find(|e| e.id == id) else {
        let mut p = Problems::default();
        p.push(EnrolmentField::Id, "That place is not there any more.");
        return Err(p);
    };
    let who = data
        .pupil(e.pupil_id)
        .map_or_else(|| "a pupil".to_owned(), Pupil::full_name);
    let what = data
        .provision(e.provision_id)
        .map_or_else(|| "the provision".to_owned(), |p| p.name.clone());
    Ok(Edit::new(
        data,
        format!("Remove {who} from {what}"),
        vec![Change::Delete(Kind::Enrolments, id)],
    ))
}

/// One pupil's entry and exit data as typed in a provision's grid.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScoreDraft {
    pub enrolment_id: Uuid,
    pub entry: String,
    pub entry_date: String,
    pub exit: String,
    pub exit_date: String,
}

impl ScoreDraft {
    /// The grid's row for `e` as stored; a score not yet taken is dated
    /// from the provision's `start` (entry) or `end` (exit).
    pub fn of(e: &Enrolment, start: Date, end: Date) -> ScoreDraft {
        let text = |a: &Option<Assessment>| a.as_ref().map(|a| a.score.text()).unwrap_or_default();
        let day = |a: &Option<Assessment>, or: Date| a.as_ref().map_or(or, |a| a.date).to_string();
        ScoreDraft {
            enrolment_id: e.id,
            entry: text(&e.entry),
            entry_date: day(&e.entry, start),
            exit: text(&e.exit),
            exit_date: day(&e.exit, end),
        }
    }
}

/// Every problem with a grid of scores: each row's, by enrolment.
pub type ScoreProblems = Vec<(Uuid, Problems<EnrolmentField>)>;

/// Record the entry and exit scores of provision `provision_id`, all of
/// one measure: the enrolments whose scores changed, in one edit (none when
/// nothing changed), or every problem of every row.
pub fn record_scores(
    data: &Dataset,
    provision_id: Uuid,
    kind: MeasureKind,
    rows: &[ScoreDraft],
    now: Timestamp,
) -> Result<Edit, ScoreProblems> {
    let mut problems = Vec::new();
    let mut changes = Vec::new();
    for r in rows {
        let mut p = Problems::default();
        let Some(e) = data
            .enrolments
            .iter()
            .find(|e| e.id == r.enrolment_id && e.provision_id == provision_id)
        else {
            p.push(
                EnrolmentField::Id,
                "This pupil is no longer in the provision.",
            );
            problems.push((r.enrolment_id, p));
            continue;
        };
        let mut read = |field: EnrolmentField, what: &str, value: &str, date: &str| {
            if value.trim().is_empty() {
                return None;
            }
            let score = Score::parse(kind, value)
                .map_err(|m| p.push(field, format!("{what}: {m}")))
                .ok();
            let date = parse_date(date);
            if date.is_none() {
                p.push(field, format!("{what}: enter the date it was taken."));
            }
            Some(Assessment {
                score: score?,
                date: date?,
            })
        };
        let entry = read(EnrolmentField::Entry, "Entry", &r.entry, &r.entry_date);
        let exit = read(EnrolmentField::Exit, "Exit", &r.exit, &r.exit_date);
        let updated = Enrolment {
            entry,
            exit,
            updated_at: now.max(e.updated_at),
            ..e.clone()
        };
        p.extend_new(updated.validate());
        if !p.is_empty() {
            problems.push((r.enrolment_id, p));
        } else if updated.entry != e.entry || updated.exit != e.exit {
            changes.push(Change::Put(Record::Enrolment(updated)));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let name = data
        .provision(provision_id)
        .map_or_else(String::new, |p| p.name.clone());
    Ok(Edit::new(data, format!("Enter scores for {name}"), changes))
}

/// Enrol pupils `pupil_ids` in provision `provision_id` over its dates, in
/// one edit; pupils already in it, who have left, or who are not on the
/// roll are skipped (`skipped` says how many). An edit of no changes when
/// everyone was skipped.
pub fn enrol(
    data: &Dataset,
    provision_id: Uuid,
    pupil_ids: &[Uuid],
    now: Timestamp,
) -> Result<Enrolled, Problems<EnrolmentField>> {
    let Some(provision) = data.provision(provision_id) else {
        let mut p = Problems::default();
        p.push(
            EnrolmentField::ProvisionId,
            "Choose the provision to enrol them in.",
        );
        return Err(p);
    };
    let made = data.enrol(provision_id, pupil_ids, now);
    let n = made.len();
    let label = format!(
        "Enrol {n} pupil{} in {}",
        if n == 1 { "" } else { "s" },
        provision.name
    );
    let changes = made
        .into_iter()
        .map(|e| Change::Put(Record::Enrolment(e)))
        .collect();
    Ok(Enrolled {
        edit: Edit::new(data, label, changes),
        skipped: pupil_ids.len() - n,
    })
}

/// What [`enrol`] made: the edit, and how many pupils it skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enrolled {
    pub edit: Edit,
    pub skipped: usize,
}

/// Delete a staff role, unless provision, staff or the library use it.
pub fn delete_role(data: &Dataset, id: Uuid) -> Result<Edit, Problems<RoleField>> {
    let role = data
        .role(id)
        .ok_or_else(|| gone(RoleField::Id, "That role"))?;
    refuse_in_use(RoleField::Id, &role.name, data.role_in_use(id))?;
    Ok(Edit::new(
        data,
        format!("Delete role {}", role.name),
        vec![Change::Delete(Kind::Roles, id)],
    ))
}

/// Delete a member of staff, unless they deliver provision.
pub fn delete_member(data: &Dataset, id: Uuid) -> Result<Edit, Problems<MemberField>> {
    let member = data
        .members
        .get(id)
        .ok_or_else(|| gone(MemberField::Id, "That member of staff"))?;
    refuse_in_use(MemberField::Id, &member.name, data.member_in_use(id))?;
    Ok(Edit::new(
        data,
        format!("Delete {}", member.name),
        vec![Change::Delete(Kind::Members, id)],
    ))
}

/// Delete a library entry, unless a provision was started from it.
pub fn delete_intervention(data: &Dataset, id: Uuid) -> Result<Edit, Problems<InterventionField>> {
    let entry = data
        .interventions
        .get(id)
        .ok_or_else(|| gone(InterventionField::Id, "That intervention"))?;
    refuse_in_use(
        InterventionField::Id,
        &entry.name,
        data.intervention_in_use(id),
    )?;
    Ok(Edit::new(
        data,
        format!("Delete {}", entry.name),
        vec![Change::Delete(Kind::Interventions, id)],
    ))
}

/// Delete a support plan (its outcomes and reviews go with it).
pub fn delete_plan(data: &Dataset, id: Uuid) -> Result<Edit, Problems<PlanField>> {
    let plan = data
        .plans
        .get(id)
        .ok_or_else(|| gone(PlanField::Id, "That support plan"))?;
    let label = format!(
        "Delete the plan for {}",
        term_label(plan.start_year, plan.term)
    );
    Ok(Edit::new(
        data,
        label,
        vec![Change::Delete(Kind::Plans, id)],
    ))
}

/// Save what a what-if tried: the provision changed, and the enrolments
/// that ran to its old end moved to its new one.
pub fn apply_what_if(data: &Dataset, w: &WhatIf) -> Edit {
    let mut changes = vec![Change::Put(Record::Provision(w.changed.clone()))];
    changes.extend(
        w.enrolments
            .iter()
            .map(|e| Change::Put(Record::Enrolment(e.clone()))),
    );
    Edit::new(data, format!("Change {}", w.changed.name), changes)
}

/// Add a provision (`id` is `None`) or change provision `id` as its form says.
pub fn save_provision(
    data: &Dataset,
    id: Option<Uuid>,
    draft: &ProvisionDraft,
    now: Timestamp,
) -> Result<Edit, Problems<ProvisionField>> {
    let p = match id {
        None => draft.create(now)?,
        Some(id) => {
            let old = data
                .provision(id)
                .ok_or_else(|| gone(ProvisionField::Id, "That provision"))?;
            draft.apply(old, now)?
        }
    };
    let label = format!("{} {}", add_or_edit(id), p.name);
    Ok(Edit::new(
        data,
        label,
        vec![Change::Put(Record::Provision(p))],
    ))
}

/// Add a library entry (`id` is `None`) or change entry `id`.
pub fn save_intervention(
    data: &Dataset,
    id: Option<Uuid>,
    draft: &InterventionDraft,
    now: Timestamp,
) -> Result<Edit, Problems<InterventionField>> {
    let i = match id {
        None => draft.create(now)?,
        Some(id) => {
            let old = data
                .interventions
                .get(id)
                .ok_or_else(|| gone(InterventionField::Id, "That intervention"))?;
            draft.apply(old, now)?
        }
    };
    let label = format!("{} {}", add_or_edit(id), i.name);
    Ok(Edit::new(
        data,
        label,
        vec![Change::Put(Record::Intervention(i))],
    ))
}

/// Add a staff role (`id` is `None`) or change role `id` and its rate.
pub fn save_role(
    data: &Dataset,
    id: Option<Uuid>,
    draft: &RoleDraft,
    now: Timestamp,
) -> Result<Edit, Problems<RoleField>> {
    // A salary on a pay scale is saved with the point's salary today.
    let today = now.to_zoned(jiff::tz::TimeZone::UTC).date();
    let draft = &draft.with_scale_salary(&data.settings.pay_scales, today)?;
    let r = match id {
        None => draft.create(now)?,
        Some(id) => {
            let old = data
                .role(id)
                .ok_or_else(|| gone(RoleField::Id, "That role"))?;
            draft.apply(old, now)?
        }
    };
    let label = format!("{} role {}", add_or_edit(id), r.name);
    Ok(Edit::new(data, label, vec![Change::Put(Record::Role(r))]))
}

/// Add a member of staff, in a role the school has.
pub fn add_member(
    data: &Dataset,
    draft: &MemberDraft,
    now: Timestamp,
) -> Result<Edit, Problems<MemberField>> {
    let m = draft.create(now)?;
    if data.role(m.role_id).is_none() {
        let mut p = Problems::default();
        p.push(MemberField::RoleId, "Choose one of the school's roles.");
        return Err(p);
    }
    let label = format!("Add {}", m.name);
    Ok(Edit::new(data, label, vec![Change::Put(Record::Member(m))]))
}

/// Add a support plan for `pupil_id` (`id` is `None`) or change plan `id`;
/// a pupil has one plan a term.
pub fn save_plan(
    data: &Dataset,
    pupil_id: Uuid,
    id: Option<Uuid>,
    draft: &PlanDraft,
    now: Timestamp,
) -> Result<Edit, Problems<PlanField>> {
    if data.pupil(pupil_id).is_none() {
        return Err(gone(PlanField::PupilId, "That pupil"));
    }
    let existing = match id {
        None => None,
        Some(id) => Some(
            data.plans
                .get(id)
                .ok_or_else(|| gone(PlanField::Id, "That support plan"))?,
        ),
    };
    let others: Vec<&SupportPlan> = data
        .plans
        .iter()
        .filter(|p| p.pupil_id == pupil_id)
        .collect();
    let plan = draft.build(pupil_id, existing, &others, now)?;
    let label = format!(
        "{} the plan for {}",
        add_or_edit(id),
        term_label(plan.start_year, plan.term)
    );
    Ok(Edit::new(
        data,
        label,
        vec![Change::Put(Record::Plan(plan))],
    ))
}

/// Change a part of the school's settings (`part` is a Settings form's
/// draft applied to the settings as they are), saved as `label`.
pub fn save_settings(
    data: &Dataset,
    label: &str,
    part: impl FnOnce(&SchoolSettings, Timestamp) -> Result<SchoolSettings, Problems<SettingsField>>,
    now: Timestamp,
) -> Result<Edit, Problems<SettingsField>> {
    let s = part(&data.settings, now)?;
    Ok(Edit::new(
        data,
        label,
        vec![Change::Put(Record::Settings(s))],
    ))
}

/// Set the budget of funding `source` for `period` (an academic or a
/// financial year: budgets for the other kind are kept) from what was
/// typed (blank is £0). An edit of no changes when the amount is the one
/// already set.
pub fn set_budget(
    data: &Dataset,
    period: &super::budget_year::BudgetPeriod,
    source: FundingSource,
    typed: &str,
    now: Timestamp,
) -> Result<Edit, Problems<SettingsField>> {
    let amount = if typed.trim().is_empty() {
        Money::ZERO
    } else {
        typed.parse::<Money>().map_err(|_| {
            let mut p = Problems::default();
            p.push(
                SettingsField::Budgets,
                "Enter an amount in pounds, like 42,000.",
            );
            p
        })?
    };
    let label = format!("Set the {} budget", source.label());
    if data.settings.budget_set(period, source) == amount {
        return Ok(Edit::new(data, label, Vec::new()));
    }
    let settings = data.settings.with_budget(period, source, amount, now);
    // The settings' own rules (a budget cannot be negative, ...) decide.
    let mut p = Problems::default();
    p.0.extend(
        settings
            .validate()
            .0
            .into_iter()
            .filter(|e| e.field == SettingsField::Budgets),
    );
    p.into_result()?;
    Ok(Edit::new(
        data,
        label,
        vec![Change::Put(Record::Settings(settings))],
    ))
}

/// Add the pupils read from an MIS file called `file` (already checked
/// against the register by `exchange::pupils_csv::preview`), in one edit.
pub fn add_pupils(data: &Dataset, pupils: Vec<Pupil>, file: &str) -> Edit {
    let label = format!("Add {} pupils from {file}", pupils.len());
    let changes = pupils.into_iter().map(put_pupil).collect();
    Edit::new(data, label, changes)
}

/// A timetable slot as typed: its day, its start (`10:45`) and its room
/// (blank for none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlotDraft {
    pub day: SchoolDay,
    pub start: String,
    pub room: String,
}

impl SlotDraft {
    pub fn of(s: &Slot) -> SlotDraft {
        SlotDraft {
            day: s.day,
            start: super::timetable::hhmm(s.start),
            room: s.room.clone(),
        }
    }
}

/// What [`set_slots`] says of slot `i` (from 0) whose start does not read.
pub fn slot_time_problem(i: usize, s: &SlotDraft) -> String {
    format!(
        "Slot {} ({}): enter the start time as a time, like 10:45.",
        i + 1,
        s.day.label()
    )
}

/// The slot a form adds after `slots`: the school day after the last
/// slot's (Monday after Friday), at its time and in its room; Monday with
/// no time for the first.
pub fn next_slot(slots: &[SlotDraft]) -> SlotDraft {
    match slots.last() {
        None => SlotDraft {
            day: SchoolDay::Monday,
            start: String::new(),
            room: String::new(),
        },
        Some(last) => {
            let i = usize::try_from(last.day.offset()).unwrap_or(0);
            SlotDraft {
                day: SchoolDay::ALL[(i + 1) % 5],
                start: last.start.clone(),
                room: last.room.clone(),
            }
        }
    }
}

/// [`set_slots`]' problems (its messages) as a form of `slots` shows them:
/// each slot's own (a start that does not read) beside that slot, the rest
/// (about the slots together) under them all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SlotProblems {
    /// One for each slot, in the form's order.
    pub each: Vec<Option<String>>,
    pub together: Vec<String>,
}

impl SlotProblems {
    pub fn of(slots: &[SlotDraft], messages: &[String]) -> SlotProblems {
        let each: Vec<Option<String>> = slots
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let m = slot_time_problem(i, s);
                messages.contains(&m).then_some(m)
            })
            .collect();
        let together = messages
            .iter()
            .filter(|m| !each.iter().flatten().any(|e| e == *m))
            .cloned()
            .collect();
        SlotProblems { each, together }
    }
}

/// Give provision `id` these timetable slots (in place of its own), in day
/// and time order. Refused: a time that does not read, more slots than
/// sessions a week, two slots at one time, a room over 40 characters. A
/// slot outside the school day is allowed: the timetable flags it
/// ([`super::clashes`]). An edit of no changes when the slots are the same.
pub fn set_slots(
    data: &Dataset,
    id: Uuid,
    slots: &[SlotDraft],
    now: Timestamp,
) -> Result<Edit, Problems<ProvisionField>> {
    let old = data
        .provision(id)
        .ok_or_else(|| gone(ProvisionField::Id, "That provision"))?;
    let mut p = Problems::default();
    let mut made = Vec::new();
    for (i, s) in slots.iter().enumerate() {
        match super::timetable::parse_time(&s.start) {
            Some(start) => made.push(Slot {
                day: s.day,
                start,
                room: s.room.trim().to_owned(),
            }),
            None => p.push(ProvisionField::Slots, slot_time_problem(i, s)),
        }
    }
    p.into_result()?;
    super::sort::by_key(&mut made, |s| (s.day, s.start));
    let label = format!("Timetable {}", old.name);
    if made == old.slots {
        return Ok(Edit::new(data, label, Vec::new()));
    }
    let changed = Provision {
        slots: made,
        updated_at: now.max(old.updated_at),
        ..old.clone()
    };
    let mut p = Problems::default();
    p.0.extend(
        changed
            .validate()
            .0
            .into_iter()
            .filter(|e| e.field == ProvisionField::Slots),
    );
    p.into_result()?;
    Ok(Edit::new(
        data,
        label,
        vec![Change::Put(Record::Provision(changed))],
    ))
}

/// Record that the session of provision `provision_id` on `date` at
/// `start` ran, with `absent` (pupil ids) absent: none is "all present".
/// It replaces what was recorded for that session, if anything. Refused: a
/// date outside the provision's dates or not a school day of the calendar,
/// a pupil absent who had no place in it that day.
pub fn record_session(
    data: &Dataset,
    provision_id: Uuid,
    date: Date,
    start: Time,
    absent: &[Uuid],
    now: Timestamp,
) -> Result<Edit, Problems<SessionField>> {
    let mut ids: Vec<Uuid> = Vec::new();
    for id in absent {
        if !ids.contains(id) {
            ids.push(*id);
        }
    }
    put_session(
        data,
        provision_id,
        date,
        start,
        SessionOutcome::Delivered { absent: ids },
        now,
    )
}

/// Record that the session of provision `provision_id` on `date` at
/// `start` did not run, and why (`note`: any more to say, may be blank).
pub fn cancel_session(
    data: &Dataset,
    provision_id: Uuid,
    date: Date,
    start: Time,
    reason: CancelReason,
    note: &str,
    now: Timestamp,
) -> Result<Edit, Problems<SessionField>> {
    put_session(
        data,
        provision_id,
        date,
        start,
        SessionOutcome::Cancelled {
            reason,
            note: note.trim().to_owned(),
        },
        now,
    )
}

/// Take away what was recorded for a session (it is then not recorded).
pub fn clear_session(data: &Dataset, id: Uuid) -> Result<Edit, Problems<SessionField>> {
    let r = data
        .sessions
        .get(id)
        .ok_or_else(|| gone(SessionField::Id, "That session's record"))?;
    let name = data
        .provision(r.provision_id)
        .map_or_else(|| "a provision".to_owned(), |p| p.name.clone());
    Ok(Edit::new(
        data,
        format!(
            "Clear the register of {name} on {}",
            r.date.strftime("%d/%m/%Y")
        ),
        vec![Change::Delete(Kind::Sessions, id)],
    ))
}

fn put_session(
    data: &Dataset,
    provision_id: Uuid,
    date: Date,
    start: Time,
    outcome: SessionOutcome,
    now: Timestamp,
) -> Result<Edit, Problems<SessionField>> {
    let p = data
        .provision(provision_id)
        .ok_or_else(|| gone(SessionField::ProvisionId, "That provision"))?;
    let mut probs = Problems::default();
    let day = date.strftime("%d/%m/%Y").to_string();
    if !p.range().contains(date) {
        probs.push(
            SessionField::Date,
            format!("{} runs from {}: {day} is outside it.", p.name, p.range()),
        );
    } else if !super::calendar::Calendar::new(&data.settings.years).is_school_day(date) {
        probs.push(
            SessionField::Date,
            format!("{day} is not a school day (a weekend, a holiday or a break in the terms set up in Settings)."),
        );
    }
    if let SessionOutcome::Delivered { absent } = &outcome {
        for id in absent {
            let had_place = data.enrolments.iter().any(|e| {
                e.provision_id == provision_id
                    && e.pupil_id == *id
                    && super::costing::counted_range(e, data.pupil(*id).and_then(|x| x.left_on))
                        .is_some_and(|r| r.contains(date))
            });
            if !had_place {
                let who = data
                    .pupil(*id)
                    .map_or_else(|| "A pupil".to_owned(), Pupil::full_name);
                probs.push(
                    SessionField::Absent,
                    format!("{who} had no place in {} on {day}.", p.name),
                );
            }
        }
    }
    let existing = data
        .sessions
        .iter()
        .find(|r| r.provision_id == provision_id && r.date == date && r.start == start);
    let record = SessionRecord {
        id: existing.map_or_else(Uuid::new_v4, |r| r.id),
        provision_id,
        date,
        start,
        outcome,
        created_at: existing.map_or(now, |r| r.created_at),
        updated_at: existing.map_or(now, |r| now.max(r.updated_at)),
    };
    for e in record.validate().0 {
        if probs.for_field(e.field).is_none() {
            probs.0.push(e);
        }
    }
    probs.into_result()?;
    let what = match &record.outcome {
        SessionOutcome::Delivered { absent } if absent.is_empty() => "all present".to_owned(),
        SessionOutcome::Delivered { absent } => format!("{} absent", absent.len()),
        SessionOutcome::Cancelled { reason, .. } => {
            format!("cancelled ({})", reason.label().to_lowercase())
        }
    };
    let label = format!(
        "Register {} on {day} at {}: {what}",
        p.name,
        super::timetable::hhmm(start)
    );
    if existing.is_some_and(|r| r.outcome == record.outcome) {
        return Ok(Edit::new(data, label, Vec::new()));
    }
    Ok(Edit::new(
        data,
        label,
        vec![Change::Put(Record::Session(record))],
    ))
}

fn add_or_edit(id: Option<Uuid>) -> &'static str {
    if id.is_some() {
        "Edit"
    } else {
        "Add"
    }
}

/// `what` is not there any more, as a problem with field `field`.
pub(crate) fn gone<F: FieldName>(field: F, what: &str) -> Problems<F> {
    let mut p = Problems::default();
    p.push(field, format!("{what} is not there any more."));
    p
}

/// The refusal to delete `name` while `in_use` says what uses it.
pub(crate) fn refuse_in_use<F: FieldName>(
    field: F,
    name: &str,
    in_use: Option<String>,
) -> Result<(), Problems<F>> {
    match in_use {
        None => Ok(()),
        Some(why) => {
            let mut p = Problems::default();
            p.push(field, format!("{name} cannot be deleted. {why}"));
            Err(p)
        }
    }
}

fn pupil_of(data: &Dataset, id: Uuid) -> Result<&Pupil, Problems<PupilField>> {
    data.pupil(id).ok_or_else(|| {
        let mut p = Problems::default();
        p.push(
            PupilField::Id,
            "That pupil is not on the register any more.",
        );
        p
    })
}

fn put_pupil(p: Pupil) -> Change {
    Change::Put(Record::Pupil(p))
}
