//! The app's state: the one open store — or, when it could not be opened at start, the reason,
//! so the window can say it instead of the app dying with a line on a stderr nobody sees.

use std::sync::{Mutex, MutexGuard};

use kiemtra_core::status::{self, Status};
use kiemtra_core::{Db, ErrorCode, ErrorPayload};

use crate::error::IpcError;

pub struct AppState {
    store: Result<Mutex<Db>, Box<Status>>,
}

impl AppState {
    pub fn new(db: Db) -> Self {
        AppState {
            store: Ok(Mutex::new(db)),
        }
    }

    /// A window with no store: every command but `app_info` answers `store_unavailable`.
    pub fn unavailable(data_dir: &std::path::Path, error: &kiemtra_core::Error) -> Self {
        AppState {
            store: Err(Box::new(status::unavailable(data_dir, error))),
        }
    }

    /// Why the store could not be opened, if it could not.
    pub fn startup_status(&self) -> Option<&Status> {
        self.store.as_ref().err().map(|s| &**s)
    }

    /// The store, for one command. A poisoned lock means an earlier command panicked mid-way;
    /// SQLite rolled its transaction back, so the store itself is still consistent.
    pub fn db(&self) -> Result<MutexGuard<'_, Db>, IpcError> {
        match &self.store {
            Ok(db) => Ok(db.lock().unwrap_or_else(|poisoned| poisoned.into_inner())),
            Err(status) => Err(IpcError(ErrorPayload {
                code: ErrorCode::StoreUnavailable,
                message: status
                    .startup_error
                    .as_ref()
                    .map_or_else(String::new, |e| e.message.clone()),
                field: None,
            })),
        }
    }
}
