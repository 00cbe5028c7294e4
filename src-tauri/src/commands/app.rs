use kiemtra_core::{profile, seed};
use serde::Serialize;
use tauri::State;

use crate::error::IpcResult;
use crate::state::AppState;

#[derive(Serialize)]
pub struct AppInfo {
    pub version: &'static str,
    pub summary: seed::StoreSummary,
    pub profile: Option<profile::Profile>,
}

#[tauri::command]
pub async fn app_info(state: State<'_, AppState>) -> IpcResult<AppInfo> {
    let db = state.db()?;
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION"),
        summary: seed::summary(&db)?,
        profile: profile::current(db.conn())?,
    })
}
