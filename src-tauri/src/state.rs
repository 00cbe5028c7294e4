//! The app's state: the one open store.

use std::sync::{Mutex, MutexGuard};

use kiemtra_core::Db;

use crate::error::IpcError;

pub struct AppState {
    db: Mutex<Db>,
}

impl AppState {
    pub fn new(db: Db) -> Self {
        AppState { db: Mutex::new(db) }
    }

    /// The store, for one command. A poisoned lock means an earlier command panicked mid-way;
    /// SQLite rolled its transaction back, so the store itself is still consistent.
    pub fn db(&self) -> Result<MutexGuard<'_, Db>, IpcError> {
        Ok(self
            .db
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()))
    }
}
