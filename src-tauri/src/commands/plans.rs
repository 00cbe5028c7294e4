use kiemtra_core::plan::{self, Plan, PlanChange, RotationRow, ScheduleChange, WorkItem};
use kiemtra_core::profile;
use tauri::State;

use crate::error::IpcResult;
use crate::state::AppState;

#[tauri::command]
pub async fn list_plan_years(state: State<'_, AppState>) -> IpcResult<Vec<i32>> {
    Ok(plan::years(state.db()?.conn())?)
}

#[tauri::command]
pub async fn show_plan(state: State<'_, AppState>, year: i32) -> IpcResult<Plan> {
    Ok(plan::show(state.db()?.conn(), year)?)
}

#[tauri::command]
pub async fn change_plan(
    state: State<'_, AppState>,
    year: i32,
    change: PlanChange,
) -> IpcResult<Plan> {
    Ok(plan::apply(&mut *state.db()?, year, &change)?)
}

#[tauri::command]
pub async fn select_plan_agency(
    state: State<'_, AppState>,
    year: i32,
    code: String,
    selected: bool,
    reason: Option<String>,
) -> IpcResult<Plan> {
    Ok(plan::set_selected(
        &mut *state.db()?,
        year,
        &code,
        selected,
        reason.as_deref(),
    )?)
}

#[tauri::command]
pub async fn finalize_plan(state: State<'_, AppState>, year: i32) -> IpcResult<Plan> {
    Ok(plan::finalize(&mut *state.db()?, year)?)
}

#[tauri::command]
pub async fn schedule_inspection(
    state: State<'_, AppState>,
    year: i32,
    schedule: ScheduleChange,
) -> IpcResult<Plan> {
    Ok(plan::schedule(&mut *state.db()?, year, &schedule)?)
}

#[tauri::command]
pub async fn plan_rotation(state: State<'_, AppState>, year: i32) -> IpcResult<Vec<RotationRow>> {
    Ok(plan::rotation(state.db()?.conn(), year)?)
}

#[tauri::command]
pub async fn work_list(state: State<'_, AppState>, year: i32) -> IpcResult<Vec<WorkItem>> {
    let db = state.db()?;
    let me = profile::current(db.conn())?.map(|p| p.name);
    Ok(plan::work_list(db.conn(), year, me.as_deref())?)
}
