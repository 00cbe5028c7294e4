use kiemtra_core::status::{self, Status};
use tauri::State;

use crate::error::IpcResult;
use crate::state::AppState;

/// The header's status, or — when the store could not be opened at start — the reason, which
/// the window shows in place of every screen.
#[tauri::command]
pub async fn app_info(state: State<'_, AppState>) -> IpcResult<Status> {
    if let Some(failed) = state.startup_status() {
        return Ok(failed.clone());
    }
    let db = state.db()?;
    Ok(status::status(&db)?)
}
