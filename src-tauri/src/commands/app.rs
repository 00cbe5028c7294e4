use kiemtra_core::status::{self, Status};
use tauri::State;

use crate::error::IpcResult;
use crate::state::AppState;

/// The header's status, or — when the store could not be opened at start — the reason, which
/// the window shows in place of every screen.
#[tauri::command]
pub async fn app_info(state: State<'_, AppState>) -> IpcResult<Status> {
    if let Some(failed) = state.startup_status() {
        return Ok(failed);
    }
    let db = state.db()?;
    Ok(status::status(&db)?)
}

/// Opens the encrypted store with the passphrase (or, `recovery`, the recovery key) typed on
/// the unlock screen. A wrong one is `wrong_passphrase` and changes nothing.
#[tauri::command]
pub async fn unlock_store(
    state: State<'_, AppState>,
    secret: String,
    recovery: bool,
) -> IpcResult<Status> {
    let secret = if recovery {
        kiemtra_core::crypt::Secret::recovery_key(&secret)
    } else {
        kiemtra_core::crypt::Secret::passphrase(&secret)
    };
    // Argon2id takes a moment; an async command keeps the window's thread free meanwhile.
    state.unlock(&secret)?;
    let db = state.db()?;
    Ok(status::status(&db)?)
}
