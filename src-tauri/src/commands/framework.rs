use kiemtra_core::framework::{self, FrameworkTree, FrameworkVersion};
use tauri::State;

use crate::error::IpcResult;
use crate::state::AppState;

#[tauri::command]
pub async fn show_framework(
    state: State<'_, AppState>,
    version: Option<String>,
) -> IpcResult<FrameworkTree> {
    Ok(framework::show(state.db()?.conn(), version.as_deref())?)
}

#[tauri::command]
pub async fn list_framework_versions(
    state: State<'_, AppState>,
) -> IpcResult<Vec<FrameworkVersion>> {
    Ok(framework::versions(state.db()?.conn())?)
}
