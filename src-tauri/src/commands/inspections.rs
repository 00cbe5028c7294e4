use kiemtra_core::inspection::{
    self, Finding, Inspection, InspectionItem, InspectionSummary, NewFinding, Record,
};
use tauri::State;

use crate::error::IpcResult;
use crate::state::AppState;

#[tauri::command]
pub async fn list_inspections(
    state: State<'_, AppState>,
    year: Option<i32>,
) -> IpcResult<Vec<InspectionSummary>> {
    let db = state.db()?;
    let today = db.now().date_naive();
    Ok(inspection::list(db.conn(), year, today)?)
}

#[tauri::command]
pub async fn find_inspection(
    state: State<'_, AppState>,
    year: i32,
    agency: String,
) -> IpcResult<Option<i64>> {
    Ok(inspection::find(state.db()?.conn(), year, &agency)?)
}

#[tauri::command]
pub async fn start_inspection(
    state: State<'_, AppState>,
    year: i32,
    agency: String,
    date: Option<String>,
) -> IpcResult<Inspection> {
    let mut db = state.db()?;
    let id = inspection::start(&mut db, year, &agency, date.as_deref())?;
    Ok(inspection::show(db.conn(), id)?)
}

#[tauri::command]
pub async fn show_inspection(state: State<'_, AppState>, id: i64) -> IpcResult<Inspection> {
    Ok(inspection::show(state.db()?.conn(), id)?)
}

/// Returns only after the answer is committed to disk: the UI confirms the save from this reply.
#[tauri::command]
pub async fn record_item(
    state: State<'_, AppState>,
    id: i64,
    source_ref: String,
    record: Record,
) -> IpcResult<InspectionItem> {
    Ok(inspection::record(
        &mut *state.db()?,
        id,
        &source_ref,
        &record,
    )?)
}

#[tauri::command]
pub async fn add_finding(
    state: State<'_, AppState>,
    id: i64,
    finding: NewFinding,
) -> IpcResult<Finding> {
    Ok(inspection::add_finding(&mut *state.db()?, id, &finding)?)
}

#[tauri::command]
pub async fn remove_finding(state: State<'_, AppState>, id: i64, finding_id: i64) -> IpcResult<()> {
    Ok(inspection::remove_finding(
        &mut *state.db()?,
        id,
        finding_id,
    )?)
}

#[tauri::command]
pub async fn submit_inspection(state: State<'_, AppState>, id: i64) -> IpcResult<Inspection> {
    Ok(inspection::submit(&mut *state.db()?, id)?)
}

#[tauri::command]
pub async fn review_inspection(
    state: State<'_, AppState>,
    id: i64,
    accept: bool,
    comment: Option<String>,
) -> IpcResult<Inspection> {
    Ok(inspection::review(
        &mut *state.db()?,
        id,
        accept,
        comment.as_deref(),
    )?)
}

#[tauri::command]
pub async fn set_score(
    state: State<'_, AppState>,
    id: i64,
    criterion: String,
    self_score: Option<f64>,
    appraised_score: Option<f64>,
    justification: Option<String>,
) -> IpcResult<Inspection> {
    Ok(inspection::set_score(
        &mut *state.db()?,
        id,
        &criterion,
        self_score,
        appraised_score,
        justification.as_deref(),
    )?)
}
