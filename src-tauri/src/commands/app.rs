use kiemtra_core::status::{self, Status};
use tauri::State;

use crate::error::IpcResult;
use crate::state::AppState;

#[tauri::command]
pub async fn app_info(state: State<'_, AppState>) -> IpcResult<Status> {
    let db = state.db()?;
    Ok(status::status(&db)?)
}
