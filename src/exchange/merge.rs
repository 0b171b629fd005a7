//! What an import will change, worked out before anything is stored: each
//! record of the file is new, an update, unchanged or in conflict, and (when
//! replacing) what goes. The import itself is the plan's changes, saved in
//! one transaction.

use std::collections::HashMap;

use jiff::{SignedDuration, Timestamp};
use uuid::Uuid;

use super::scope::Scope;
use super::Document;
use crate::domain::dataset::{Dataset, RecordProblem};
use crate::domain::edit::{restamp, Change, Kind, Record};
use crate::domain::pupil::Pupil;

/// How a file's records meet the stored ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Keep everything stored; add the file's new records; where both have
    /// a record, the one changed more recently wins.
    Merge,
    /// Make the stored data exactly the file's: for a file of the whole
    /// school only.
    Replace,
}

/// One record the plan lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub kind: Kind,
    pub id: Uuid,
    pub what: String,
}

/// A record both sides have that the import leaves as stored, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub item: Item,
    pub reason: String,
}

/// What an import will do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportPlan {
    pub new: Vec<Item>,
    pub updated: Vec<Item>,
    pub unchanged: usize,
    pub conflicts: Vec<Conflict>,
    /// Records deleted by a replace.
    pub removed: Vec<Item>,
    /// The changes to save, in one transaction.
    pub changes: Vec<Change>,
}

fn item(r: &Record) -> Item {
    Item {
        kind: r.kind(),
        id: r.id(),
        what: r.describe(),
    }
}

/// Why a file cannot be imported: in words, and the records at fault (by
/// collection, position and field), if any. Nothing is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    pub why: String,
    pub problems: Vec<RecordProblem>,
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.why)?;
        if let Some(p) = self.problems.first() {
            write!(f, " The first is {p}.")?;
        }
        Ok(())
    }
}

/// How far ahead of this device's clock a file may say it was exported
/// (another device's clock may be a little ahead, or in another zone).
pub const CLOCK_SLACK_HOURS: i64 = 24;

/// Plan importing the records of `doc` into `current`; `settings_stored`
/// says whether the current settings were ever saved (a new database has
/// defaults only, and a file's settings simply replace them); `now` is
/// this device's clock. The rules, each checked before anything is
/// stored:
///
/// - A file stamped later than `now` plus [`CLOCK_SLACK_HOURS`], or with a
///   record changed (or made) after the file was exported, is refused with
///   every such record named: a forged or skewed clock cannot make an old
///   copy win.
/// - Replace is only for a file of the whole school; a part (one pupil,
///   one provision, one term) is merged, and never changes the school's
///   settings (unless they were never saved: a new database takes them).
/// - A stored pupil's name, UPN and date of birth are never replaced by
///   initials, a reference or a blank: a pseudonymised file (by its flag)
///   is refused wherever pupils are stored, since its pupils have new ids
///   and match no one; from a file whose pupil has initials or a reference
///   for a name, whatever its flag says, the stored pupil is kept as it is;
///   and a file's pupil with no UPN or date of birth where one is stored
///   keeps the stored one.
/// - The result must itself be a valid dataset: if it would not be (for
///   example a merged enrolment whose pupil the stored data lacks), every
///   problem is returned instead.
pub fn plan_import(
    current: &Dataset,
    doc: &Document,
    mode: Mode,
    settings_stored: bool,
    now: Timestamp,
) -> Result<ImportPlan, Refused> {
    let incoming = &doc.data;
    let part = doc.scope != Scope::Whole;
    if part && mode == Mode::Replace {
        return Err(Refused {
            why: format!(
                "This file holds {}, not the whole school: Replace would delete everything else here. Merge it instead.",
                doc.scope.describe()
            ),
            problems: Vec::new(),
        });
    }
    if doc.pseudonymised && !current.pupils.is_empty() {
        return Err(Refused {
            why: format!(
                "This file is pseudonymised: its {} new ids and initials for names, so none can be matched to a pupil here. Merging it would add strangers beside your pupils, and Replace would put initials in place of every name. Open it where no pupil is stored (another browser profile or device).",
                if doc.data.pupils.len() == 1 { "pupil has" } else { "pupils have" }
            ),
            problems: Vec::new(),
        });
    }
    check_times(doc, now)?;
    let stored: HashMap<(Kind, Uuid), Record> = current
        .records()
        .into_iter()
        .filter(|r| settings_stored || r.kind() != Kind::Settings)
        .map(|r| ((r.kind(), settings_key(&r)), r))
        .collect();
    let mut plan = ImportPlan {
        new: Vec::new(),
        updated: Vec::new(),
        unchanged: 0,
        conflicts: Vec::new(),
        removed: Vec::new(),
        changes: Vec::new(),
    };
    let mut seen = std::collections::HashSet::new();
    for mut r in incoming.records() {
        // One school, one settings record: the file's settings take the stored id.
        if let Record::Settings(s) = &mut r {
            if settings_stored {
                s.id = current.settings.id;
            }
        }
        let key = (r.kind(), settings_key(&r));
        seen.insert(key);
        let Some(old) = stored.get(&key) else {
            plan.new.push(item(&r));
            plan.changes.push(Change::Put(r));
            continue;
        };
        let keep = |reason: String| Conflict {
            item: item(old),
            reason,
        };
        let mut kept_fields = None;
        if let (Record::Pupil(was), Record::Pupil(file)) = (old, &mut r) {
            match identity(was, file) {
                Identity::KeepStored(reason) => {
                    if *old != Record::Pupil(file.clone()) {
                        plan.conflicts.push(keep(reason.into()));
                    } else {
                        plan.unchanged += 1;
                    }
                    continue;
                }
                Identity::Kept(fields) => kept_fields = Some(fields),
                Identity::Whole => {}
            }
        }
        if *old == r {
            plan.unchanged += 1;
        } else if part && r.kind() == Kind::Settings {
            plan.conflicts.push(keep(format!(
                "the file holds {}, which never changes the school's settings: those here are kept",
                doc.scope.describe()
            )));
        } else if mode == Mode::Replace || r.updated_at() > old.updated_at() {
            let mut it = item(&r);
            if let Some(fields) = kept_fields {
                it.what = format!("{} ({fields} kept as stored: the file has none)", it.what);
            }
            plan.updated.push(it);
            plan.changes.push(Change::Put(r));
        } else {
            plan.conflicts
                .push(keep(if r.updated_at() == old.updated_at() {
                    "both were changed at the same time; the stored one is kept".into()
                } else {
                    "the stored one was changed more recently and is kept".into()
                }));
        }
    }
    if mode == Mode::Replace {
        for r in current.records() {
            let key = (r.kind(), settings_key(&r));
            if !seen.contains(&key) && r.kind() != Kind::Settings {
                plan.removed.push(item(&r));
                plan.changes.push(Change::Delete(r.kind(), r.id()));
            }
        }
        // Deletes first, so a replace never briefly holds two versions.
        crate::domain::sort::by_key(&mut plan.changes, |c| matches!(c, Change::Put(_)));
    }
    let mut after = current.clone();
    after.apply(&plan.changes);
    let problems = after.validate();
    if problems.is_empty() {
        Ok(plan)
    } else {
        Err(Refused {
            why: "Importing this file would leave records pointing at records that are not there."
                .into(),
            problems,
        })
    }
}

/// Plan restoring a backup (the whole school as it was, `doc`) over
/// `current`: a replace, and an edit like any other, so every record it
/// puts back is stamped `now` (see [`restamp`]). Restored records keeping
/// their old times would let a copy exported before the restore undo it
/// when merged.
pub fn plan_restore(
    current: &Dataset,
    doc: &Document,
    now: Timestamp,
) -> Result<ImportPlan, Refused> {
    let mut plan = plan_import(current, doc, Mode::Replace, true, now)?;
    plan.changes = restamp(current, &plan.changes, now);
    Ok(plan)
}

/// Refuse a file stamped in the future, or holding a record changed (or
/// made) after the file says it was exported, naming each such record.
fn check_times(doc: &Document, now: Timestamp) -> Result<(), Refused> {
    let utc = |t: Timestamp| t.strftime("%d/%m/%Y %H:%M:%S UTC").to_string();
    let latest = now + SignedDuration::from_hours(CLOCK_SLACK_HOURS);
    if doc.exported_at > latest {
        return Err(Refused {
            why: format!(
                "The file says it was exported on {}, more than a day after this device's clock ({}): a file cannot come from the future. Check both devices' clocks.",
                utc(doc.exported_at),
                utc(now)
            ),
            problems: Vec::new(),
        });
    }
    let mut problems = Vec::new();
    let mut index: HashMap<Kind, usize> = HashMap::new();
    for r in doc.data.records() {
        let i = index.entry(r.kind()).or_default();
        for (field, t) in [
            ("created_at", r.created_at()),
            ("updated_at", r.updated_at()),
        ] {
            if t > doc.exported_at {
                problems.push(RecordProblem {
                    kind: r.kind().store(),
                    index: if r.kind() == Kind::Settings { 0 } else { *i },
                    id: r.id(),
                    field,
                    message: format!(
                        "{} is {}, after the file was exported ({})",
                        r.describe(),
                        utc(t),
                        utc(doc.exported_at)
                    ),
                });
            }
        }
        *i += 1;
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Refused {
            why: format!(
                "{} time{} in the file {} later than the file's own export time: a forged or wrong clock could let an old copy win.",
                problems.len(),
                if problems.len() == 1 { "" } else { "s" },
                if problems.len() == 1 { "is" } else { "are" },
            ),
            problems,
        })
    }
}

/// What may come of a file's pupil where a pupil with its id is stored.
enum Identity {
    /// The file's pupil as it is.
    Whole,
    /// The file's pupil with these stored fields kept (it has none).
    Kept(&'static str),
    /// None of it: the stored pupil stays as it is, for this reason.
    KeepStored(&'static str),
}

/// Whether `file`, the file's copy of the stored pupil `was`, would erase
/// their identity; fills in the UPN and date of birth it lacks.
fn identity(was: &Pupil, file: &mut Pupil) -> Identity {
    if looks_pseudonymised(&file.given_name) || looks_pseudonymised(&file.family_name) {
        return Identity::KeepStored(
            "the file's pupil has initials, a reference or a blank for a name (a pseudonymised copy, though the file does not say so), so the stored pupil is kept",
        );
    }
    let upn = file.upn.is_none() && was.upn.is_some();
    let dob = file.date_of_birth.is_none() && was.date_of_birth.is_some();
    if upn {
        file.upn.clone_from(&was.upn);
    }
    if dob {
        file.date_of_birth = was.date_of_birth;
    }
    match (upn, dob) {
        (true, true) => Identity::Kept("UPN and date of birth"),
        (true, false) => Identity::Kept("UPN"),
        (false, true) => Identity::Kept("date of birth"),
        (false, false) => Identity::Whole,
    }
}

/// Whether a name is what pseudonymising leaves of one: blank, initials
/// ("Z.", "Z.O.", "J-P."), or a reference ("(ref f8b6a2)", "ref 12").
pub fn looks_pseudonymised(name: &str) -> bool {
    let t = name.trim();
    if t.is_empty() {
        return true;
    }
    let lower = t.to_lowercase();
    let bare = lower.trim_start_matches('(').trim_end_matches(')').trim();
    if let Some(rest) = bare.strip_prefix("ref") {
        let code = rest.trim_start_matches([' ', '.', ':', '#']);
        if code.len() < rest.len()
            && !code.is_empty()
            && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        {
            return true;
        }
    }
    // Initials: letters one at a time, each followed by a full stop.
    let mut run = 0;
    let mut stops = 0;
    for c in t.chars() {
        if c.is_alphabetic() {
            run += 1;
            if run > 1 {
                return false;
            }
        } else if c == '.' {
            if run == 0 && stops == 0 {
                return false;
            }
            run = 0;
            stops += 1;
        } else if c.is_whitespace() || c == '-' {
            run = 0;
        } else {
            return false;
        }
    }
    stops > 0
}

/// The settings are one record whatever their id: a file's settings meet
/// the stored settings.
fn settings_key(r: &Record) -> Uuid {
    if r.kind() == Kind::Settings {
        Uuid::nil()
    } else {
        r.id()
    }
}
