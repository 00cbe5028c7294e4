//! Follow-up of recommendations and the year's figures: thin over `kiemtra_core::followup` and
//! `kiemtra_core::report`, the same functions the CLI and the report PDF use.

use std::path::PathBuf;

use chrono::NaiveDate;
use kiemtra_core::followup::{
    self, FollowupEntry, FollowupFilter, FollowupReport, NewFollowupReport,
};
use kiemtra_core::report::{self, YearFigures};
use kiemtra_core::{calendar, Db};
use tauri::State;

use super::chosen_dir;
use crate::error::{IpcError, IpcResult};
use crate::state::AppState;

/// The day overdue counts are judged on: `as_of` ("YYYY-MM-DD"), else today.
fn day(db: &Db, as_of: Option<&str>) -> kiemtra_core::Result<NaiveDate> {
    match as_of {
        Some(d) => calendar::parse_date("as_of", d),
        None => Ok(db.now().date_naive()),
    }
}

/// The figures of `year` the dashboard draws, the same the report PDF and the XLSX print.
#[tauri::command]
pub async fn year_figures(
    state: State<'_, AppState>,
    year: i32,
    as_of: Option<String>,
) -> IpcResult<YearFigures> {
    let db = state.db()?;
    let d = day(&db, as_of.as_deref())?;
    Ok(report::figures(db.conn(), year, d)?)
}

/// Writes the year's workbook (`kiemtra export xlsx`: summary with its chart, inspections,
/// fields, targets, results, findings, recommendations, evidence) as
/// `ket-qua-kiem-tra-<year>-<yyyymmdd>.xlsx` into the chosen folder, whole or not at all, never
/// over an existing file; returns its path. A year without a plan is `plan_not_found`.
#[tauri::command]
pub async fn export_year_xlsx(
    state: State<'_, AppState>,
    year: i32,
    dir: String,
) -> IpcResult<String> {
    let dir = chosen_dir(&dir)?;
    let (bytes, stamp) = {
        let db = state.db()?;
        let today = db.now().date_naive();
        let bytes = kiemtra_xlsx::year_workbook(&db, year, today).map_err(|e| match e {
            kiemtra_xlsx::XlsxError::Core(e) => IpcError::from(e),
            other => IpcError::internal(other.to_string()),
        })?;
        (bytes, today.format("%Y%m%d").to_string())
    };
    let path = super::fresh_path(&dir, &format!("ket-qua-kiem-tra-{year}"), &stamp, ".xlsx");
    kiemtra_core::files::write_atomic(&path, &bytes)?;
    Ok(path.display().to_string())
}

/// The recommendations to follow up, by due date, judged on `as_of` (today when absent).
#[tauri::command]
pub async fn list_followups(
    state: State<'_, AppState>,
    filter: FollowupFilter,
    as_of: Option<String>,
) -> IpcResult<Vec<FollowupEntry>> {
    let db = state.db()?;
    let d = day(&db, as_of.as_deref())?;
    Ok(followup::list(db.conn(), &filter, d)?)
}

/// The remediation reports recorded for entry `id`, oldest first.
#[tauri::command]
pub async fn followup_reports(
    state: State<'_, AppState>,
    id: i64,
) -> IpcResult<Vec<FollowupReport>> {
    Ok(followup::reports(state.db()?.conn(), id)?)
}

/// Records the agency's remediation report for entry `id` (lead only) with the files it sent:
/// the files are staged without holding the store, which is taken only to record.
#[tauri::command]
pub async fn record_followup(
    state: State<'_, AppState>,
    id: i64,
    report: NewFollowupReport,
    files: Vec<String>,
) -> IpcResult<FollowupEntry> {
    let paths: Vec<PathBuf> = files.into_iter().map(PathBuf::from).collect();
    let staged = if paths.is_empty() {
        None
    } else {
        let (data_dir, max) = {
            let db = state.db()?;
            (
                db.data_dir().clone(),
                kiemtra_core::evidence::max_bytes(db.conn())?,
            )
        };
        Some(kiemtra_core::evidence::stage(
            &data_dir,
            &paths,
            max,
            &mut |_, _| {},
        )?)
    };
    Ok(followup::record(&mut *state.db()?, id, &report, staged)?)
}
