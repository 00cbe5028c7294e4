//! What the app shows in its header: the store's contents and who is working — or, when the
//! store could not be opened at start, why not.

use serde::Serialize;
use ts_rs::TS;

use crate::db::Db;
use crate::error::{Error, ErrorPayload, Result};
use crate::profile::{self, Profile};
use crate::seed::{self, StoreSummary};

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Status {
    pub summary: StoreSummary,
    pub profile: Option<Profile>,
    /// Set when the store could not be opened at start (a newer schema, a file held by another
    /// program, a corrupt file, a folder that cannot be created): the window shows this and
    /// nothing else, and the store is left as it was.
    pub startup_error: Option<ErrorPayload>,
    /// The last backup made of this store; the app reminds when it is older than a week.
    pub last_backup: Option<crate::backup::LastBackup>,
    /// The store is encrypted at rest (it opened with its passphrase).
    pub encrypted: bool,
}

pub fn status(db: &Db) -> Result<Status> {
    Ok(Status {
        summary: seed::summary(db)?,
        profile: profile::current(db.conn())?,
        startup_error: None,
        last_backup: crate::backup::last_backup(db.conn())?,
        encrypted: db.data_dir().is_encrypted(),
    })
}

/// The status of a store that could not be opened: nothing in it is shown, only the reason.
pub fn unavailable(data_dir: &std::path::Path, error: &Error) -> Status {
    Status {
        summary: StoreSummary {
            data_dir: data_dir.display().to_string(),
            ..StoreSummary::default()
        },
        profile: None,
        startup_error: Some(error.payload()),
        last_backup: None,
        encrypted: false,
    }
}
