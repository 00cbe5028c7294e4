//! The store: one SQLite file in the data directory. PRAGMAs are set at open (never in
//! migrations); migrations are append-only and applied atomically by `rusqlite_migration`.
//! Every user action runs in one transaction through [`Db::write`].

use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, Local, SecondsFormat};
use rusqlite::{Connection, Transaction};
use rusqlite_migration::{Migrations, M};

use crate::error::{Error, Result};
use crate::files::DataDir;

/// The file name of the database inside the data directory.
pub use crate::files::STORE_FILE as DB_FILE;

/// Each migration is one file under `migrations/`; append, never edit.
const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/0001_foundation.sql"),
    include_str!("../migrations/0002_plans.sql"),
    include_str!("../migrations/0003_inspections.sql"),
    include_str!("../migrations/0004_evidence.sql"),
    include_str!("../migrations/0005_calendar_notices.sql"),
    include_str!("../migrations/0006_identity.sql"),
    include_str!("../migrations/0007_identity_keys.sql"),
    include_str!("../migrations/0008_exchange.sql"),
    include_str!("../migrations/0009_agency_addressee.sql"),
    include_str!("../migrations/0010_cooperation_calendar.sql"),
    include_str!("../migrations/0011_legal_basis.sql"),
    include_str!("../migrations/0012_minutes_framework_version.sql"),
    include_str!("../migrations/0013_followup.sql"),
];

/// The schema version this build writes (`PRAGMA user_version` after the last migration).
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// The position (from 1) of the migration whose hook fills the uids of existing rows.
const IDENTITY_MIGRATION: usize = 6;

/// The position of the migration whose hook makes follow-up entries for notices issued before.
const FOLLOWUP_MIGRATION: usize = 13;

fn migrations() -> Migrations<'static> {
    Migrations::new(
        MIGRATIONS
            .iter()
            .enumerate()
            .map(|(i, sql)| {
                if i + 1 == IDENTITY_MIGRATION {
                    M::up_with_hook(sql, |tx: &Transaction<'_>| {
                        crate::uid::fill_existing(tx)
                            .map_err(|e| rusqlite_migration::HookError::Hook(e.to_string()))
                    })
                } else if i + 1 == FOLLOWUP_MIGRATION {
                    M::up_with_hook(sql, |tx: &Transaction<'_>| {
                        crate::followup::backfill(tx)
                            .map_err(|e| rusqlite_migration::HookError::Hook(e.to_string()))
                    })
                } else {
                    M::up(sql)
                }
            })
            .collect(),
    )
}

/// Where "now" comes from: the system clock in the app, a fixed instant in tests.
pub type Clock = Arc<dyn Fn() -> DateTime<Local> + Send + Sync>;

pub fn system_clock() -> Clock {
    Arc::new(Local::now)
}

pub struct Db {
    conn: Connection,
    clock: Clock,
    data_dir: DataDir,
}

impl Db {
    /// Opens (creating if needed) the plain store in `data_dir` and migrates it to the latest
    /// schema. An encrypted store is [`Error::StoreLocked`]: see [`Db::open_with`].
    pub fn open(data_dir: &Path) -> Result<Self> {
        Self::open_with(data_dir, None)
    }

    /// Opens the store in `data_dir`, unlocking it with `secret` if it is encrypted (a plain
    /// store ignores it). A wrong secret is refused before the store file is opened. A
    /// conversion to an encrypted store that was interrupted is first finished or rolled back.
    pub fn open_with(data_dir: &Path, secret: Option<&crate::crypt::Secret>) -> Result<Self> {
        let mut data_dir = DataDir::new(data_dir);
        data_dir.create()?;
        crate::crypt::recover(data_dir.root())?;
        let file = data_dir.store_file();
        let path = file.display().to_string();
        if crate::crypt::is_encrypted(data_dir.root()) {
            let secret = secret.ok_or_else(|| Error::StoreLocked { path: path.clone() })?;
            let key = crate::crypt::unlock(data_dir.root(), secret)?;
            data_dir = data_dir.with_key(key);
            // Copies opened for the system's viewer are plain: none outlives a session.
            crate::crypt::remove_tree(&data_dir.opened())?;
        }
        let conn = Connection::open(&file).map_err(|e| classify_open_error(e.into(), &path))?;
        if let Some(key) = data_dir.key() {
            conn.execute_batch(&format!(
                "PRAGMA key = \"{}\";",
                key.sqlcipher_key().as_str()
            ))
            .map_err(|e| classify_open_error(e.into(), &path))?;
        }
        // Another writer (the CLI beside the app) may hold the store for a moment: wait for it
        // already during the version check below.
        conn.busy_timeout(std::time::Duration::from_secs(5))
            .map_err(|e| classify_open_error(e.into(), &path))?;
        // Refuse a store from a newer release before any PRAGMA or migration touches it.
        refuse_newer_schema(&conn, &path).map_err(|e| classify_open_error(e, &path))?;
        Self::from_connection(conn, data_dir).map_err(|e| classify_open_error(e, &path))
    }

    /// An in-memory store, for tests and previews.
    pub fn open_in_memory() -> Result<Self> {
        Self::from_connection(Connection::open_in_memory()?, DataDir::none())
    }

    fn from_connection(mut conn: Connection, data_dir: DataDir) -> Result<Self> {
        conn.pragma_update(None, "foreign_keys", true)?;
        conn.pragma_update(None, "busy_timeout", 5000)?;
        // WAL + synchronous=FULL: a confirmed write survives a crash or a power loss.
        let _mode: String =
            conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        migrations().to_latest(&mut conn)?;
        Ok(Db {
            conn,
            clock: system_clock(),
            data_dir,
        })
    }

    pub fn with_clock(mut self, clock: Clock) -> Self {
        self.clock = clock;
        self
    }

    pub fn now(&self) -> DateTime<Local> {
        (self.clock)()
    }

    /// The current time as stored: RFC 3339 with the local offset, to the second.
    pub fn now_text(&self) -> String {
        self.now().to_rfc3339_opts(SecondsFormat::Secs, false)
    }

    /// The data directory and its rooms (empty for an in-memory store).
    pub fn data_dir(&self) -> &DataDir {
        &self.data_dir
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` in one immediate transaction: all of it is written, or none of it.
    pub fn write<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    /// Runs `f` in a transaction that is always rolled back: what a change would do, shown
    /// before the user confirms it.
    pub fn preview<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.rollback()?;
        Ok(out)
    }

    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }
}

fn refuse_newer_schema(conn: &Connection, path: &str) -> Result<()> {
    let found: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if found > SCHEMA_VERSION {
        return Err(Error::DatabaseTooNew {
            path: path.to_string(),
            found: Some(found),
            supported: SCHEMA_VERSION,
        });
    }
    Ok(())
}

/// Turns the SQLite failures a user can meet when opening their store into errors that say
/// what happened: another program holds it, the file is not a store, or it is from a newer
/// release. Anything else passes through unchanged.
fn classify_open_error(e: Error, path: &str) -> Error {
    use rusqlite::ErrorCode as Sqlite;
    let sqlite_code = match &e {
        Error::Db(rusqlite::Error::SqliteFailure(f, _)) => Some(f.code),
        Error::Migration(rusqlite_migration::Error::RusqliteError {
            err: rusqlite::Error::SqliteFailure(f, _),
            ..
        }) => Some(f.code),
        _ => None,
    };
    match (sqlite_code, &e) {
        (Some(Sqlite::DatabaseBusy | Sqlite::DatabaseLocked), _) => Error::StoreBusy {
            path: path.to_string(),
        },
        (Some(Sqlite::NotADatabase | Sqlite::DatabaseCorrupt), _) => Error::StoreCorrupt {
            path: path.to_string(),
        },
        (
            _,
            Error::Migration(rusqlite_migration::Error::MigrationDefinition(
                rusqlite_migration::MigrationDefinitionError::DatabaseTooFarAhead,
            )),
        ) => Error::DatabaseTooNew {
            path: path.to_string(),
            found: None,
            supported: SCHEMA_VERSION,
        },
        _ => e,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        assert!(migrations().validate().is_ok());
    }

    #[test]
    fn open_sets_the_pragmas_every_write_relies_on() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let db = Db::open(dir.path())?;
        let fk: i64 = db
            .conn()
            .pragma_query_value(None, "foreign_keys", |r| r.get(0))?;
        let mode: String = db
            .conn()
            .pragma_query_value(None, "journal_mode", |r| r.get(0))?;
        let sync: i64 = db
            .conn()
            .pragma_query_value(None, "synchronous", |r| r.get(0))?;
        assert_eq!(fk, 1, "foreign keys must be enforced");
        assert_eq!(mode, "wal");
        assert_eq!(sync, 2, "synchronous=FULL");
        assert!(db.schema_version()? >= 1);
        Ok(())
    }

    #[test]
    fn a_failed_write_leaves_nothing_behind() -> anyhow::Result<()> {
        let mut db = Db::open_in_memory()?;
        let r: Result<()> = db.write(|tx| {
            tx.execute("INSERT INTO settings (key, value) VALUES ('a', '1')", [])?;
            Err(Error::invalid("x", "forced"))
        });
        assert!(r.is_err());
        let n: i64 = db
            .conn()
            .query_row("SELECT COUNT(*) FROM settings", [], |r| r.get(0))?;
        assert_eq!(n, 0, "the insert before the error must be rolled back");
        Ok(())
    }

    #[test]
    fn audit_log_refuses_updates_and_deletes() -> anyhow::Result<()> {
        let db = Db::open_in_memory()?;
        db.conn().execute(
            "INSERT INTO audit_log (at, action, entity, entity_key, uid) VALUES ('t', 'a', 'e', 'k', 'u')",
            [],
        )?;
        assert!(db
            .conn()
            .execute("UPDATE audit_log SET action = 'b'", [])
            .is_err());
        assert!(db.conn().execute("DELETE FROM audit_log", []).is_err());
        Ok(())
    }
}
