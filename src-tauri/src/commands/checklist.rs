use kiemtra_core::checklist::{self, Checklist};
use tauri::State;

use crate::error::IpcResult;
use crate::state::AppState;

#[tauri::command]
pub async fn show_checklist(
    state: State<'_, AppState>,
    agency: Option<String>,
) -> IpcResult<Checklist> {
    Ok(checklist::show(
        state.db()?.conn(),
        agency.as_deref(),
        None,
    )?)
}
