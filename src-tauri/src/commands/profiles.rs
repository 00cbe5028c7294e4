use kiemtra_core::profile::{self, Profile, Role};
use tauri::State;

use crate::error::IpcResult;
use crate::state::AppState;

#[tauri::command]
pub async fn list_profiles(state: State<'_, AppState>) -> IpcResult<Vec<Profile>> {
    Ok(profile::list(state.db()?.conn())?)
}

#[tauri::command]
pub async fn add_profile(
    state: State<'_, AppState>,
    name: String,
    role: Role,
    title: Option<String>,
) -> IpcResult<Profile> {
    Ok(profile::add(
        &mut *state.db()?,
        &name,
        role,
        title.as_deref(),
    )?)
}

#[tauri::command]
pub async fn use_profile(state: State<'_, AppState>, name: String) -> IpcResult<Profile> {
    Ok(profile::use_profile(&mut *state.db()?, &name)?)
}
