use kiemtra_core::agency::{self, Agency, AgencyFilter};
use tauri::State;

use crate::error::IpcResult;
use crate::state::AppState;

#[tauri::command]
pub async fn list_agencies(
    state: State<'_, AppState>,
    filter: AgencyFilter,
) -> IpcResult<Vec<Agency>> {
    Ok(agency::list(state.db()?.conn(), &filter)?)
}
