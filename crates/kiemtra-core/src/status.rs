//! What the app shows in its header: the store's contents and who is working.

use serde::Serialize;
use ts_rs::TS;

use crate::db::Db;
use crate::error::Result;
use crate::profile::{self, Profile};
use crate::seed::{self, StoreSummary};

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Status {
    pub summary: StoreSummary,
    pub profile: Option<Profile>,
}

pub fn status(db: &Db) -> Result<Status> {
    Ok(Status {
        summary: seed::summary(db)?,
        profile: profile::current(db.conn())?,
    })
}
