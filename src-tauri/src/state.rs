//! The app's state: the one open store — or, while it is not open, why: it could not be opened
//! at start (the window says why instead of the app dying with a line on a stderr nobody sees),
//! or it is encrypted and waits for its passphrase ([`AppState::unlock`]). The store is closed
//! for a moment while it is converted to an encrypted one ([`AppState::encrypt`]).

use std::ops::{Deref, DerefMut};
use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

use kiemtra_core::crypt::{self, EncryptSummary, Secret};
use kiemtra_core::status::{self, Status};
use kiemtra_core::{Db, ErrorCode, ErrorPayload};

use crate::error::IpcError;

pub struct AppState {
    store: Mutex<Option<Db>>,
    /// Why the store is not open (None once it is).
    closed: Mutex<Option<Box<Status>>>,
    data_dir: PathBuf,
}

/// The open store, for one command (a lock held until it is dropped).
pub struct DbGuard<'a>(MutexGuard<'a, Option<Db>>);

impl Deref for DbGuard<'_> {
    type Target = Db;

    fn deref(&self) -> &Db {
        self.0
            .as_ref()
            .unwrap_or_else(|| unreachable!("a guard is made only over an open store"))
    }
}

impl DerefMut for DbGuard<'_> {
    fn deref_mut(&mut self) -> &mut Db {
        self.0
            .as_mut()
            .unwrap_or_else(|| unreachable!("a guard is made only over an open store"))
    }
}

impl AppState {
    pub fn new(db: Db) -> Self {
        let data_dir = db.data_dir().root().to_path_buf();
        AppState {
            store: Mutex::new(Some(db)),
            closed: Mutex::new(None),
            data_dir,
        }
    }

    /// A window with no store: every command but `app_info` (and, for an encrypted store,
    /// `unlock_store`) answers with the reason.
    pub fn unavailable(data_dir: &std::path::Path, error: &kiemtra_core::Error) -> Self {
        AppState {
            store: Mutex::new(None),
            closed: Mutex::new(Some(Box::new(status::unavailable(data_dir, error)))),
            data_dir: data_dir.to_path_buf(),
        }
    }

    fn closed(&self) -> MutexGuard<'_, Option<Box<Status>>> {
        self.closed
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// A poisoned lock means an earlier command panicked mid-way; SQLite rolled its
    /// transaction back, so the store itself is still consistent.
    fn slot(&self) -> MutexGuard<'_, Option<Db>> {
        self.store
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Why the store is not open, if it is not.
    pub fn startup_status(&self) -> Option<Status> {
        if self.slot().is_some() {
            return None;
        }
        self.closed().as_deref().cloned()
    }

    /// Opens the encrypted store with `secret`. A wrong one is refused (the window stays on
    /// the unlock screen); nothing of the store changes either way.
    pub fn unlock(&self, secret: &Secret) -> Result<(), IpcError> {
        let mut slot = self.slot();
        if slot.is_some() {
            return Ok(());
        }
        let locked = self
            .closed()
            .as_ref()
            .and_then(|s| s.startup_error.as_ref())
            .is_some_and(|e| e.code == ErrorCode::StoreLocked);
        if !locked {
            return Err(IpcError::internal("kho dữ liệu không chờ mở khoá"));
        }
        *slot = Some(crate::open_store_with(&self.data_dir, Some(secret))?);
        *self.closed() = None;
        Ok(())
    }

    /// Converts the open plain store into an encrypted one: closed (so no write can go to the
    /// old file), converted all or nothing, and opened again — encrypted, or as it was when the
    /// conversion failed.
    pub fn encrypt(&self, passphrase: &str) -> Result<EncryptSummary, IpcError> {
        crypt::check_new_passphrase(passphrase)?;
        let mut slot = self.slot();
        let Some(db) = slot.take() else {
            return Err(self.not_open());
        };
        let root = db.data_dir().root().to_path_buf();
        drop(db);
        let result = crypt::encrypt(&root, passphrase);
        let secret = Secret::passphrase(passphrase);
        let reopened = crate::open_store_with(&self.data_dir, Some(&secret));
        match reopened {
            Ok(db) => *slot = Some(db),
            Err(e) => {
                *self.closed() = Some(Box::new(status::unavailable(&self.data_dir, &e)));
                return Err(e.into());
            }
        }
        Ok(result?)
    }

    fn not_open(&self) -> IpcError {
        let closed = self.closed();
        let error = closed.as_ref().and_then(|s| s.startup_error.as_ref());
        IpcError(ErrorPayload {
            code: match error.map(|e| e.code) {
                Some(ErrorCode::StoreLocked) => ErrorCode::StoreLocked,
                _ => ErrorCode::StoreUnavailable,
            },
            message: error.map_or_else(String::new, |e| e.message.clone()),
            field: None,
        })
    }

    /// The store, for one command.
    pub fn db(&self) -> Result<DbGuard<'_>, IpcError> {
        let slot = self.slot();
        if slot.is_some() {
            return Ok(DbGuard(slot));
        }
        drop(slot);
        Err(self.not_open())
    }
}
