//! IndexedDB persistence: one object store per kind of record, keyed by `id`.
//!
//! Every edit ([`Change`]s) is written in one transaction over the stores it
//! touches, committed explicitly with strict durability, and nothing but
//! IndexedDB requests is awaited inside it. `indexed_db_futures` rolls a
//! transaction back unless it is committed, so an error part-way leaves the
//! stored data exactly as it was.

pub mod storage;
pub mod sync;

use indexed_db_futures::database::{Database, VersionChangeEvent};
use indexed_db_futures::internals::SystemRepr;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::{TransactionDurability, TransactionMode, TransactionOptions};
use jiff::Timestamp;
use serde::{de::DeserializeOwned, Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};

use crate::exchange::json;
use crate::exchange::set_aside::{self, SetAside};

use crate::domain::dataset::Dataset;
use crate::domain::edit::{Change, Kind, Record};
use crate::domain::plan::SupportPlan;
use crate::domain::provision::{Enrolment, Intervention, Provision};
use crate::domain::pupil::Pupil;
use crate::domain::session::SessionRecord;
use crate::domain::settings::SchoolSettings;
use crate::domain::staff::{StaffMember, StaffRole};

/// What [`Db::load`] read: the settings as saved (`None` in a new
/// database), the data the views compute with, and the records set aside.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub settings: Option<SchoolSettings>,
    pub data: Dataset,
    pub set_aside: Vec<SetAside>,
}

impl Loaded {
    /// The settings as saved and the data, when nothing was set aside
    /// (`None` otherwise): what a caller that expects sound data reads.
    pub fn sound(self) -> Option<(Option<SchoolSettings>, Dataset)> {
        self.set_aside
            .is_empty()
            .then_some((self.settings, self.data))
    }
}

/// The whole dataset as it was before an import or a restore, as an export
/// document's JSON, kept in the `meta` store under a key of the time it was
/// taken ([`crate::domain::backup::key`]): the newest
/// [`crate::domain::backup::KEPT`] are kept (no new store: the `meta`
/// store of version 2 holds them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportBackup {
    key: String,
    pub taken_at: Timestamp,
    /// What was about to happen, in words ("waymark-whole-2026-11-22.json,
    /// merged").
    pub before: String,
    pub document: String,
}

impl ImportBackup {
    pub fn new(taken_at: Timestamp, before: String, document: String) -> Self {
        ImportBackup {
            key: crate::domain::backup::key(taken_at),
            taken_at,
            before,
            document,
        }
    }

    /// Its key in the `meta` store: what deletes it.
    pub fn key(&self) -> &str {
        &self.key
    }
}

/// The database name the app uses; tests open their own names.
pub const DB_NAME: &str = "waymark";

/// The schema version this build creates or upgrades to.
///
/// Version history (each step is one block of [`upgrade`]; every version
/// shipped has a fixture in `tests/fixtures/` that the store tests upgrade):
/// - 1 (walking skeleton): object store `pupils`, key path `id`.
/// - 2: a store per kind of record (`settings`, `roles`, `members`,
///   `interventions`, `provisions`, `enrolments` with indexes `by_pupil` and
///   `by_provision`, `plans` with index `by_pupil`), and `meta` (key path
///   `key`) for the app's own state. Version-1 pupils read unchanged: every
///   pupil field added since has a default.
/// - 3: no new store or index; records gained fields (a salary-based role's
///   contact hours, a pupil's year-group history, the settings' PP+ agreed
///   with the virtual school). Records written by versions 1 and 2 are
///   brought up to version 3 as they are read, by the same steps as export
///   files of format 2 ([`crate::exchange::upgrade`]: a role takes its
///   contracted hours as contact hours, a pupil has no history, the
///   settings no agreement), and are written in version 3's shape the next
///   time each is saved. The version moves so that an older copy of the app
///   (in another tab, or a cached build) cannot open the database and meet
///   records it does not know: it is refused at open instead.
/// - 4: a store `sessions` (sessions recorded on the register, key path
///   `id`, index `by_provision`); the settings gained the school day and
///   the attendance threshold, a provision's slots a room. Settings and
///   provisions written before are brought up to version 4 as they are
///   read ([`crate::exchange::upgrade::settings_v4`] and `provision_v4`:
///   08:45 to 15:15, 80%, no room), as files of format 3 are.
/// - 5: no new store; the settings gained the budget year, each budget its
///   year's kind, pay scales and LA rate cards, and a staff role its pay
///   awards (`rate_changes`) and a salary's pay scale point. Settings and
///   roles written before are brought up to version 5 as they are read
///   ([`crate::exchange::upgrade::settings_v5`] and `role_v5`: academic
///   years, no scales, cards or awards), as files of format 4 are.
pub const SCHEMA_VERSION: u32 = 5;

/// The store for the app's own state (last export, reminder settings).
pub const META: &str = "meta";

/// Why a read or write failed, in words a SENCO can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    #[error("This browser's storage could not be opened: {0}")]
    Open(String),
    #[error("The change was not saved: this device's storage for the app is full. Export a backup, then free space (or delete old records) and try again.")]
    Full,
    #[error("The change was not saved: the connection to storage was closed (perhaps a newer version of the app opened in another tab). Reload the page and try again.")]
    Closed,
    #[error("The change was not saved: {0}")]
    Write(String),
    #[error("Saved data could not be read: {0}")]
    Read(String),
    #[error("The change was not saved: {describe} was changed in another tab or window after this one read it. Their version is shown now; what you typed is kept, so check it and save again.")]
    Conflict {
        describe: String,
        kind: Kind,
        id: uuid::Uuid,
    },
}

fn write_error(e: indexed_db_futures::error::Error) -> StoreError {
    use indexed_db_futures::error::Error;
    let name = match &e {
        Error::DomException(d) => d.as_sys().name(),
        _ => String::new(),
    };
    match name.as_str() {
        "QuotaExceededError" => StoreError::Full,
        "InvalidStateError" => StoreError::Closed,
        _ if e.to_string().contains("QuotaExceeded") => StoreError::Full,
        _ => StoreError::Write(e.to_string()),
    }
}

fn read_error(e: indexed_db_futures::error::Error) -> StoreError {
    StoreError::Read(e.to_string())
}

/// Records go into IndexedDB as the objects the browser's `JSON.parse`
/// makes of their JSON, one parse for a whole edit, and come out through one
/// `JSON.stringify` of each store's records: two crossings between wasm and
/// JavaScript a store rather than one a field, and the same serde code as
/// export files and tab messages ([`crate::exchange::json`]). The objects
/// are the records' JSON as exported, so the stored layout is the export's.
fn to_js(texts: impl Iterator<Item = String>) -> Result<js_sys::Array, StoreError> {
    let mut all = String::from("[");
    for (i, t) in texts.enumerate() {
        if i > 0 {
            all.push(',');
        }
        all.push_str(&t);
    }
    all.push(']');
    js_sys::JSON::parse(&all)
        .map(JsCast::unchecked_into)
        .map_err(|e| StoreError::Write(format!("{e:?}")))
}

/// Stored records (an array of them, or one) read as `T`; a problem names
/// the store and the record's place in it.
fn from_js<T: DeserializeOwned>(store: &str, value: &JsValue) -> Result<T, StoreError> {
    let text: String = js_sys::JSON::stringify(value)
        .map_err(|e| StoreError::Read(format!("{store}: {e:?}")))?
        .into();
    json::read(&text).map_err(|e| {
        StoreError::Read(format!(
            "{store}{}: {}",
            e.path.trim_start_matches('.'),
            e.message
        ))
    })
}

/// A stored record of `kind`, written by any schema version, brought up to
/// [`SCHEMA_VERSION`]: the version-3 step for roles and the settings, the
/// version-4 step for the settings and provisions, and the version-5 step
/// for roles and the settings (pupils' new field has a default, so the
/// largest store is read without this extra pass; every other kind is
/// unchanged since version 2).
pub fn upgrade_record(kind: Kind, record: &mut serde_json::Value) {
    use crate::exchange::upgrade;
    match kind {
        Kind::Roles => {
            upgrade::role_v3(record);
            upgrade::role_v5(record);
        }
        Kind::Settings => {
            upgrade::settings_v3(record);
            upgrade::settings_v4(record);
            upgrade::settings_v5(record);
        }
        Kind::Pupils => upgrade::pupil_v3(record),
        Kind::Provisions => upgrade::provision_v4(record),
        _ => {}
    }
}

/// One record's JSON (without the kind it is of).
fn record_json(r: &Record) -> String {
    crate::on_record!(r, x => json::write(x))
}

/// The app's own state, kept in the `meta` store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    key: String,
    /// When the SENCO last exported a backup.
    #[serde(default)]
    pub last_export_at: Option<Timestamp>,
    /// Remind to export when the last export is older than this many days.
    #[serde(default = "default_reminder_days")]
    pub backup_reminder_days: u32,
    /// Whether the user saved `backup_reminder_days` (otherwise it is the
    /// default, which depends on the browser: see [`Meta::reminder_days`]).
    #[serde(default)]
    pub backup_reminder_days_chosen: bool,
    /// Whether persistent storage has been asked for (first on the first real data).
    #[serde(default)]
    pub persistence_requested: bool,
    /// When persistent storage was last asked for (asked again after a
    /// refusal: [`crate::domain::persistence`]).
    #[serde(default)]
    pub persistence_asked_at: Option<Timestamp>,
}

fn default_reminder_days() -> u32 {
    crate::domain::backup::DEFAULT_REMINDER_DAYS
}

impl Meta {
    /// Days between backup reminders in `browser`.
    pub fn reminder_days(&self, browser: crate::domain::browser::Browser) -> u32 {
        crate::domain::backup::reminder_days(
            self.backup_reminder_days,
            self.backup_reminder_days_chosen,
            browser,
        )
    }

    /// When persistent storage was last asked for.
    pub fn persistence_asked(&self) -> crate::domain::persistence::Asked {
        crate::domain::persistence::Asked::from_stored(
            self.persistence_requested,
            self.persistence_asked_at,
        )
    }
}

impl Default for Meta {
    fn default() -> Self {
        Meta {
            key: "app".into(),
            last_export_at: None,
            backup_reminder_days: default_reminder_days(),
            backup_reminder_days_chosen: false,
            persistence_requested: false,
            persistence_asked_at: None,
        }
    }
}

/// An open connection to the app's database.
#[derive(Clone, Debug)]
pub struct Db {
    db: Database,
}

/// Apply every schema step between the stored version and [`SCHEMA_VERSION`].
fn upgrade(event: &VersionChangeEvent, db: &Database) -> indexed_db_futures::Result<()> {
    let from = event.old_version() as u32;
    if from < 1 {
        db.create_object_store(Kind::Pupils.store())
            .with_key_path("id".into())
            .build()?;
    }
    if from < 2 {
        for kind in Kind::ALL
            .into_iter()
            .filter(|k| !matches!(k, Kind::Pupils | Kind::Sessions))
        {
            let store = db
                .create_object_store(kind.store())
                .with_key_path("id".into())
                .build()?;
            match kind {
                Kind::Enrolments => {
                    store.create_index("by_pupil", "pupil_id".into()).build()?;
                    store
                        .create_index("by_provision", "provision_id".into())
                        .build()?;
                }
                Kind::Plans => {
                    store.create_index("by_pupil", "pupil_id".into()).build()?;
                }
                _ => {}
            }
        }
        db.create_object_store(META)
            .with_key_path("key".into())
            .build()?;
    }
    if from < 4 {
        // Version 2 made a store for every kind it knew; sessions came later.
        let store = db
            .create_object_store(Kind::Sessions.store())
            .with_key_path("id".into())
            .build()?;
        store
            .create_index("by_provision", "provision_id".into())
            .build()?;
    }
    Ok(())
}

fn strict() -> TransactionOptions {
    TransactionOptions::new().with_durability(TransactionDurability::Strict)
}

impl Db {
    /// Open (creating or upgrading) the database called `name`.
    /// `on_blocked` runs if an older tab holds the database open during an upgrade.
    pub async fn open_with(name: &str, on_blocked: impl Fn() + 'static) -> Result<Db, StoreError> {
        let db = Database::open(name)
            .with_version(SCHEMA_VERSION)
            .with_on_blocked(move |_| {
                on_blocked();
                Ok(())
            })
            .with_on_upgrade_needed(|event, db| upgrade(&event, &db))
            .await
            .map_err(|e| StoreError::Open(e.to_string()))?;
        Ok(Db { db })
    }

    /// Open (creating or upgrading) the database called `name`.
    pub async fn open(name: &str) -> Result<Db, StoreError> {
        Self::open_with(name, || {}).await
    }

    /// The database's name.
    pub fn name(&self) -> String {
        self.db.name()
    }

    /// The schema version of the open database.
    pub fn version(&self) -> u32 {
        self.db.version() as u32
    }

    /// The names of the object stores.
    pub fn store_names(&self) -> Vec<String> {
        self.db.object_store_names().collect()
    }

    /// Close the connection (for tests, and when a newer tab upgrades the schema).
    pub fn close(&self) {
        self.db
            .as_sys()
            .unchecked_ref::<web_sys::IdbDatabase>()
            .close();
    }

    /// Call `f` when another tab wants to upgrade the schema; the caller
    /// should close this connection and ask the user to reload.
    pub fn on_version_change(&self, f: impl Fn() + 'static) {
        let closure = wasm_bindgen::closure::Closure::<dyn Fn()>::new(f);
        self.db
            .as_sys()
            .unchecked_ref::<web_sys::IdbDatabase>()
            .set_onversionchange(Some(closure.as_ref().unchecked_ref()));
        closure.forget();
    }

    /// Every record, read in one transaction. The settings are `None` until
    /// the first save of them.
    pub async fn load(&self, now: Timestamp) -> Result<Loaded, StoreError> {
        let names: Vec<&str> = Kind::ALL.iter().map(|k| k.store()).collect();
        let tx = self
            .db
            .transaction(names)
            .with_mode(TransactionMode::Readonly)
            .build()
            .map_err(read_error)?;
        // Every store's request is made before any is awaited.
        let requests = Kind::ALL
            .iter()
            .map(|k| {
                tx.object_store(k.store())
                    .and_then(|s| s.get_all::<JsValue>().primitive())
            })
            .collect::<Result<Vec<_>, _>>()
            .map_err(read_error)?;
        let mut rows = Vec::with_capacity(requests.len());
        for request in requests {
            let all: js_sys::Array = request
                .await
                .map_err(read_error)?
                .collect::<Result<_, _>>()
                .map_err(read_error)?;
            rows.push(all);
        }
        fn position(kind: Kind) -> usize {
            Kind::ALL.iter().position(|k| *k == kind).unwrap_or(0)
        }
        let mut set_aside = Vec::new();
        // Each kind's records, sorted into those the views can use and those
        // set aside (a record that does not read, or breaks its own rules):
        // a bad record is listed in Settings, never a reason not to open.
        // Roles, the settings and provisions may be as an earlier schema
        // version wrote them: each is brought up to this one first (few
        // records).
        fn read<T: DeserializeOwned + serde::Serialize + crate::domain::edit::Kept>(
            rows: &[js_sys::Array],
            kind: Kind,
            set_aside: &mut Vec<SetAside>,
        ) -> Result<Vec<T>, StoreError> {
            let store = kind.store();
            let mut text: String = js_sys::JSON::stringify(&rows[position(kind)])
                .map_err(|e| StoreError::Read(format!("{store}: {e:?}")))?
                .into();
            if matches!(kind, Kind::Roles | Kind::Settings | Kind::Provisions) {
                let mut records: Vec<serde_json::Value> = serde_json::from_str(&text)
                    .map_err(|e| StoreError::Read(format!("{store}: {e}")))?;
                records.iter_mut().for_each(|r| upgrade_record(kind, r));
                text = json::write(&records);
            }
            let (good, aside) = set_aside::sort::<T>(kind, &text).map_err(StoreError::Read)?;
            set_aside.extend(aside);
            Ok(good)
        }
        let settings: Vec<SchoolSettings> = read(&rows, Kind::Settings, &mut set_aside)?;
        let data = Dataset {
            settings: settings
                .first()
                .cloned()
                .unwrap_or_else(|| SchoolSettings::first_run(now)),
            roles: read::<StaffRole>(&rows, Kind::Roles, &mut set_aside)?.into(),
            members: read::<StaffMember>(&rows, Kind::Members, &mut set_aside)?.into(),
            pupils: read::<Pupil>(&rows, Kind::Pupils, &mut set_aside)?.into(),
            interventions: read::<Intervention>(&rows, Kind::Interventions, &mut set_aside)?.into(),
            provisions: read::<Provision>(&rows, Kind::Provisions, &mut set_aside)?.into(),
            enrolments: read::<Enrolment>(&rows, Kind::Enrolments, &mut set_aside)?.into(),
            plans: read::<SupportPlan>(&rows, Kind::Plans, &mut set_aside)?.into(),
            sessions: read::<SessionRecord>(&rows, Kind::Sessions, &mut set_aside)?.into(),
        };
        Ok(Loaded {
            settings: settings.into_iter().next(),
            data,
            set_aside,
        })
    }

    /// Write `changes` atomically: all of them, or (on any error) none.
    /// Delete the record stored under `key` in `kind`'s store, whatever it
    /// holds: a record set aside may not even have an id the app can read.
    pub async fn delete_raw(&self, kind: Kind, key: &str) -> Result<(), StoreError> {
        self.delete_key(kind.store(), key).await
    }

    pub async fn apply(&self, changes: &[Change]) -> Result<(), StoreError> {
        self.apply_with_backup(changes, None).await
    }

    /// Write `changes` and, in the same transaction, keep `backup` (the
    /// whole dataset as it was, as a document) to restore from Settings.
    /// An import is saved this way: with its backup, or not at all.
    pub async fn apply_with_backup(
        &self,
        changes: &[Change],
        backup: Option<&ImportBackup>,
    ) -> Result<(), StoreError> {
        self.apply_checked(changes, &[], backup).await
    }

    /// Write `changes` only if every record they replace is still stored at
    /// the version this tab read (`read`): if another tab saved one since,
    /// nothing is written and [`StoreError::Conflict`] names it. The check
    /// and the write are one transaction, so no other tab can write between
    /// them.
    pub async fn apply_checked(
        &self,
        changes: &[Change],
        read: &[crate::domain::edit::ReadVersion],
        backup: Option<&ImportBackup>,
    ) -> Result<(), StoreError> {
        if changes.is_empty() && backup.is_none() {
            return Ok(());
        }
        let mut names: Vec<&str> = changes.iter().map(|c| c.kind().store()).collect();
        if backup.is_some() {
            names.push(META);
        }
        crate::domain::sort::by(&mut names, Ord::cmp);
        names.dedup();
        let tx = self
            .db
            .transaction(names)
            .with_mode(TransactionMode::Readwrite)
            .with_options(strict())
            .build()
            .map_err(write_error)?;
        // The versions first: only IndexedDB is awaited inside the
        // transaction, and a conflict leaves it uncommitted (rolled back).
        for v in read {
            let store = tx.object_store(v.kind.store()).map_err(write_error)?;
            let stored: Option<JsValue> = store
                .get(v.id.to_string())
                .primitive()
                .map_err(write_error)?
                .await
                .map_err(write_error)?;
            let at = stored.map(|o| {
                js_sys::Reflect::get(&o, &"updated_at".into())
                    .ok()
                    .and_then(|t| t.as_string())
                    .and_then(|t| t.parse::<Timestamp>().ok())
            });
            // A stored record whose time does not read is not the version read.
            let at = match at {
                None => None,
                Some(Some(t)) => Some(t),
                Some(None) => Some(Timestamp::MIN),
            };
            if !v.still_stored(at) {
                return Err(StoreError::Conflict {
                    describe: v.describe.clone(),
                    kind: v.kind,
                    id: v.id,
                });
            }
        }
        let objects = to_js(changes.iter().filter_map(|c| match c {
            Change::Put(r) => Some(record_json(r)),
            Change::Delete(..) => None,
        }))?;
        let mut puts = objects.iter();
        // Every request is made, none awaited, and the transaction committed
        // at once: IndexedDB runs its requests in order and commits once all
        // have succeeded. A request that fails aborts the transaction, whose
        // error says why (a full disk, say). Awaiting each request cost a trip
        // through the event loop per record.
        for change in changes {
            let store = tx
                .object_store(change.kind().store())
                .map_err(write_error)?;
            match change {
                Change::Put(_) => drop(
                    store
                        .put(puts.next().expect("one object a put"))
                        .primitive()
                        .map_err(write_error)?,
                ),
                Change::Delete(_, id) => drop(
                    store
                        .delete(id.to_string())
                        .primitive()
                        .map_err(write_error)?,
                ),
            }
        }
        if let Some(b) = backup {
            let store = tx.object_store(META).map_err(write_error)?;
            let object = to_js(std::iter::once(json::write(b)))?.get(0);
            drop(store.put(object).primitive().map_err(write_error)?);
            // Keep the newest five: the keys are read in this transaction,
            // so the backup and what it pushes out go together.
            let mut keys: Vec<String> = store
                .get_all_keys::<JsValue>()
                .primitive()
                .map_err(write_error)?
                .await
                .map_err(write_error)?
                .filter_map(|k| k.ok().and_then(|k| k.as_string()))
                .collect();
            keys.push(b.key.clone());
            for old in crate::domain::backup::to_prune(&keys) {
                drop(store.delete(old).primitive().map_err(write_error)?);
            }
        }
        let sys: web_sys::IdbTransaction = tx
            .as_sys()
            .unchecked_ref::<web_sys::IdbTransaction>()
            .clone();
        tx.commit().await.map_err(|e| match sys.error() {
            Some(why) => write_error(why.into()),
            None => write_error(e),
        })
    }

    /// The backups kept, newest first.
    pub async fn backups(&self) -> Result<Vec<ImportBackup>, StoreError> {
        let tx = self
            .db
            .transaction(META)
            .with_mode(TransactionMode::Readonly)
            .build()
            .map_err(read_error)?;
        let store = tx.object_store(META).map_err(read_error)?;
        let rows: js_sys::Array = store
            .get_all::<JsValue>()
            .primitive()
            .map_err(read_error)?
            .await
            .map_err(read_error)?
            .collect::<Result<_, _>>()
            .map_err(read_error)?;
        let values: Vec<serde_json::Value> = from_js(META, &rows)?;
        let mut out = Vec::new();
        for v in values {
            let key = v.get("key").and_then(serde_json::Value::as_str);
            if key.is_some_and(crate::domain::backup::is_key) {
                out.push(
                    serde_json::from_value::<ImportBackup>(v)
                        .map_err(|e| StoreError::Read(format!("{META}: a backup: {e}")))?,
                );
            }
        }
        crate::domain::sort::by(&mut out, |a, b| b.taken_at.cmp(&a.taken_at));
        Ok(out)
    }

    /// The newest backup kept, if any.
    pub async fn import_backup(&self) -> Result<Option<ImportBackup>, StoreError> {
        Ok(self.backups().await?.into_iter().next())
    }

    /// Delete the backup with `key` (an erasure request must be possible).
    pub async fn delete_backup(&self, key: &str) -> Result<(), StoreError> {
        self.delete_key(META, key).await
    }

    /// Delete what `store` holds under `key`, in a transaction of its own.
    async fn delete_key(&self, store: &str, key: &str) -> Result<(), StoreError> {
        let tx = self
            .db
            .transaction(store)
            .with_mode(TransactionMode::Readwrite)
            .with_options(strict())
            .build()
            .map_err(write_error)?;
        tx.object_store(store)
            .map_err(write_error)?
            .delete(key.to_owned())
            .primitive()
            .map_err(write_error)?
            .await
            .map_err(write_error)?;
        tx.commit().await.map_err(write_error)
    }

    /// What `store` holds under `key`, as stored.
    async fn get_key(&self, store: &str, key: &str) -> Result<Option<JsValue>, StoreError> {
        let tx = self
            .db
            .transaction(store)
            .with_mode(TransactionMode::Readonly)
            .build()
            .map_err(read_error)?;
        tx.object_store(store)
            .map_err(read_error)?
            .get(key.to_owned())
            .primitive()
            .map_err(read_error)?
            .await
            .map_err(read_error)
    }

    /// The app's own state (defaults before the first save).
    pub async fn meta(&self) -> Result<Meta, StoreError> {
        Ok(self.read_meta::<Meta>("app").await?.unwrap_or_default())
    }

    /// The record of `kind` stored under `id` now, read and checked as a
    /// corrected set-aside record is (`None` if there is none, or it does
    /// not read).
    pub async fn read_record(
        &self,
        kind: Kind,
        id: uuid::Uuid,
    ) -> Result<Option<Record>, StoreError> {
        let found = self.get_key(kind.store(), &id.to_string()).await?;
        Ok(found.and_then(|v| {
            let text: String = js_sys::JSON::stringify(&v).ok()?.into();
            crate::exchange::set_aside::repair(kind, &text).ok()
        }))
    }

    /// One record of the `meta` store, by its key.
    async fn read_meta<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>, StoreError> {
        let found = self.get_key(META, key).await?;
        found.map(|v| from_js(META, &v)).transpose()
    }

    /// Save the app's own state.
    pub async fn put_meta(&self, meta: &Meta) -> Result<(), StoreError> {
        let tx = self
            .db
            .transaction(META)
            .with_mode(TransactionMode::Readwrite)
            .with_options(strict())
            .build()
            .map_err(write_error)?;
        let store = tx.object_store(META).map_err(write_error)?;
        let object = to_js(std::iter::once(json::write(meta)))?.get(0);
        store
            .put(object)
            .primitive()
            .map_err(write_error)?
            .await
            .map_err(write_error)?;
        tx.commit().await.map_err(write_error)
    }

    /// The ids of the enrolments of one pupil, through the `by_pupil` index.
    pub async fn enrolments_of_pupil(
        &self,
        pupil: uuid::Uuid,
    ) -> Result<Vec<uuid::Uuid>, StoreError> {
        let tx = self
            .db
            .transaction(Kind::Enrolments.store())
            .with_mode(TransactionMode::Readonly)
            .build()
            .map_err(read_error)?;
        let store = tx
            .object_store(Kind::Enrolments.store())
            .map_err(read_error)?;
        let index = store.index("by_pupil").map_err(read_error)?;
        let rows: js_sys::Array = index
            .get_all::<JsValue>()
            .with_query(pupil.to_string())
            .primitive()
            .map_err(read_error)?
            .await
            .map_err(read_error)?
            .collect::<Result<_, _>>()
            .map_err(read_error)?;
        let enrolments: Vec<crate::domain::provision::Enrolment> =
            from_js(Kind::Enrolments.store(), &rows)?;
        Ok(enrolments.into_iter().map(|e| e.id).collect())
    }
}
