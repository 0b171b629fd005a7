//! What an import will change, worked out before anything is stored: each
//! record of the file is new, an update, unchanged or in conflict, and (when
//! replacing) what goes. The import itself is the plan's changes, saved in
//! one transaction.

use std::collections::HashMap;

use uuid::Uuid;

use crate::domain::dataset::{Dataset, RecordProblem};
use crate::domain::edit::{Change, Kind, Record};

/// How a file's records meet the stored ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Keep everything stored; add the file's new records; where both have
    /// a record, the one changed more recently wins.
    Merge,
    /// Make the stored data exactly the file's.
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

/// Plan importing `incoming` into `current`; `settings_stored` says whether
/// the current settings were ever saved (a new database has defaults only,
/// and a file's settings simply replace them). A pseudonymised file never
/// overwrites a pupil already stored (its names and identifiers were
/// removed on purpose). The result must itself be a valid dataset: if it
/// would not be (for example a merged enrolment whose pupil the stored data
/// lacks), every problem is returned instead.
pub fn plan_import(
    current: &Dataset,
    incoming: &Dataset,
    mode: Mode,
    pseudonymised: bool,
    settings_stored: bool,
) -> Result<ImportPlan, Vec<RecordProblem>> {
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
        match stored.get(&key) {
            None => {
                plan.new.push(item(&r));
                plan.changes.push(Change::Put(r));
            }
            Some(old) if *old == r => plan.unchanged += 1,
            Some(old) => {
                let keep = |reason: &str| Conflict {
                    item: item(old),
                    reason: reason.to_owned(),
                };
                if pseudonymised && r.kind() == Kind::Pupils {
                    plan.conflicts.push(keep(
                        "the file is pseudonymised, so the stored pupil's name and details are kept",
                    ));
                } else if mode == Mode::Replace || r.updated_at() > old.updated_at() {
                    plan.updated.push(item(&r));
                    plan.changes.push(Change::Put(r));
                } else {
                    plan.conflicts
                        .push(keep(if r.updated_at() == old.updated_at() {
                            "both were changed at the same time; the stored one is kept"
                        } else {
                            "the stored one was changed more recently and is kept"
                        }));
                }
            }
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
        Err(problems)
    }
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
