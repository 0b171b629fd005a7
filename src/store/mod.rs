//! IndexedDB persistence: one object store per entity kind, keyed by `id`.
//!
//! Every edit is one explicitly committed transaction; nothing but IndexedDB
//! requests is awaited inside one (`indexed_db_futures` rolls a transaction
//! back unless it is committed, so an early `?` leaves stored data as it was).

use indexed_db_futures::database::{Database, VersionChangeEvent};
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use uuid::Uuid;

use crate::domain::Pupil;

/// The database name the app uses; tests open their own names.
pub const DB_NAME: &str = "waymark";

/// The schema version this build creates or upgrades to.
///
/// Version history (each step is one arm of [`upgrade`]):
/// - 1: object store `pupils`, key path `id`.
pub const SCHEMA_VERSION: u32 = 1;

/// Object store names.
pub const PUPILS: &str = "pupils";

/// Why a read or write failed, in words a SENCO can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    #[error("This browser's storage could not be opened: {0}")]
    Open(String),
    #[error("The change was not saved: {0}")]
    Write(String),
    #[error("Saved data could not be read: {0}")]
    Read(String),
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
        db.create_object_store(PUPILS)
            .with_key_path("id".into())
            .build()?;
    }
    Ok(())
}

impl Db {
    /// Open (creating or upgrading) the database called `name`.
    pub async fn open(name: &str) -> Result<Db, StoreError> {
        let db = Database::open(name)
            .with_version(SCHEMA_VERSION)
            .with_on_upgrade_needed(|event, db| upgrade(&event, &db))
            .await
            .map_err(|e| StoreError::Open(e.to_string()))?;
        Ok(Db { db })
    }

    /// The database's name.
    pub fn name(&self) -> String {
        self.db.name()
    }

    /// Close the connection (for tests, and before a schema upgrade elsewhere).
    pub fn close(self) {
        self.db.close();
    }

    /// Every stored pupil, in key order.
    pub async fn pupils(&self) -> Result<Vec<Pupil>, StoreError> {
        let read = |e: indexed_db_futures::error::Error| StoreError::Read(e.to_string());
        let tx = self
            .db
            .transaction(PUPILS)
            .with_mode(TransactionMode::Readonly)
            .build()
            .map_err(read)?;
        let store = tx.object_store(PUPILS).map_err(read)?;
        let rows = store
            .get_all::<Pupil>()
            .serde()
            .map_err(read)?
            .await
            .map_err(read)?;
        rows.collect::<Result<Vec<_>, _>>().map_err(read)
    }

    /// Add or replace one pupil, in one committed transaction.
    pub async fn put_pupil(&self, pupil: &Pupil) -> Result<(), StoreError> {
        let write = |e: indexed_db_futures::error::Error| StoreError::Write(e.to_string());
        let tx = self
            .db
            .transaction(PUPILS)
            .with_mode(TransactionMode::Readwrite)
            .build()
            .map_err(write)?;
        let store = tx.object_store(PUPILS).map_err(write)?;
        store
            .put(pupil)
            .serde()
            .map_err(write)?
            .await
            .map_err(write)?;
        tx.commit().await.map_err(write)
    }

    /// Delete one pupil by id, in one committed transaction.
    pub async fn delete_pupil(&self, id: Uuid) -> Result<(), StoreError> {
        let write = |e: indexed_db_futures::error::Error| StoreError::Write(e.to_string());
        let tx = self
            .db
            .transaction(PUPILS)
            .with_mode(TransactionMode::Readwrite)
            .build()
            .map_err(write)?;
        let store = tx.object_store(PUPILS).map_err(write)?;
        store
            .delete(id.to_string())
            .primitive()
            .map_err(write)?
            .await
            .map_err(write)?;
        tx.commit().await.map_err(write)
    }
}
