use kiemtra_core::plan::{
    self, DecisionChange, Plan, PlanChange, PlanReference, RotationRow, ScheduleChange, WorkItem,
};
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

/// Sets the plan's own number, date and issuer once it is issued (lead only).
#[tauri::command]
pub async fn set_plan_reference(
    state: State<'_, AppState>,
    year: i32,
    reference: PlanReference,
) -> IpcResult<Plan> {
    Ok(plan::set_reference(&mut *state.db()?, year, &reference)?)
}

/// Whether inspections started from now on include the duties the agency co-operates on
/// (lead only); inspections already started keep their frozen checklist.
#[tauri::command]
pub async fn set_plan_cooperation(
    state: State<'_, AppState>,
    year: i32,
    inspected: bool,
) -> IpcResult<Plan> {
    Ok(plan::set_cooperation_inspected(
        &mut *state.db()?,
        year,
        inspected,
    )?)
}

/// Sets the decision establishing one planned inspection's team (lead only).
#[tauri::command]
pub async fn set_team_decision(
    state: State<'_, AppState>,
    year: i32,
    decision: DecisionChange,
) -> IpcResult<Plan> {
    Ok(plan::set_decision(&mut *state.db()?, year, &decision)?)
}

#[tauri::command]
pub async fn plan_rotation(state: State<'_, AppState>, year: i32) -> IpcResult<Vec<RotationRow>> {
    Ok(plan::rotation(state.db()?.conn(), year)?)
}

#[tauri::command]
pub async fn work_list(state: State<'_, AppState>, year: i32) -> IpcResult<Vec<WorkItem>> {
    let db = state.db()?;
    let me = profile::current(db.conn())?.map(|p| p.name);
    let today = db.now().date_naive();
    Ok(plan::work_list(db.conn(), year, me.as_deref(), today)?)
}

/// Sets the plan's working-day deadlines: the remediation report after the notice and the
/// notice after the visit (lead only).
#[tauri::command]
pub async fn set_plan_deadlines(
    state: State<'_, AppState>,
    year: i32,
    remediation_days: u32,
    notice_days: u32,
) -> IpcResult<Plan> {
    let mut db = state.db()?;
    plan::set_deadlines(&mut db, year, remediation_days, notice_days)?;
    Ok(plan::show(db.conn(), year)?)
}
