//! The documents commands: thin over `kiemtra_pdf::documents`, which gathers, dates and
//! renders every document the same way for the app and the CLI.

use kiemtra_core::calendar::WorkingDate;
use kiemtra_core::minutes::{self, Minutes, MinutesDetails};
use kiemtra_core::notice::{self, Notice};
use kiemtra_pdf::documents;
use kiemtra_pdf::{DocumentRef, DocumentSettings};
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_opener::OpenerExt;

use crate::error::{IpcError, IpcResult};
use crate::state::AppState;

/// The document's pages as SVG for the preview, dated `date` ("YYYY-MM-DD"; today when absent).
#[tauri::command]
pub async fn preview_document(
    state: State<'_, AppState>,
    document: DocumentRef,
    date: Option<String>,
) -> IpcResult<Vec<String>> {
    Ok(documents::preview(
        &*state.db()?,
        &document,
        date.as_deref(),
    )?)
}

/// Writes the PDF into the data directory's `exports/` and opens it in the system's viewer,
/// from which it is printed. Returns the path written.
#[tauri::command]
pub async fn open_document<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    document: DocumentRef,
    date: Option<String>,
) -> IpcResult<String> {
    let db = state.db()?;
    let pdf = documents::pdf(&db, &document, date.as_deref())?;
    let path = documents::export(&db, &document, &pdf)?;
    drop(db);
    app.opener()
        .open_path(path.display().to_string(), None::<&str>)
        .map_err(|e| {
            IpcError::internal(format!(
                "Đã ghi {}, nhưng không mở được trình xem PDF: {e}",
                path.display()
            ))
        })?;
    Ok(path.display().to_string())
}

/// The remediation report's due date for a notice of inspection `id` dated `date` (today when
/// absent), with the years it was counted through that have no holiday data.
#[tauri::command]
pub async fn notice_due_date(
    state: State<'_, AppState>,
    id: i64,
    date: Option<String>,
) -> IpcResult<WorkingDate> {
    Ok(documents::notice_due_date(
        &*state.db()?,
        id,
        date.as_deref(),
    )?)
}

#[tauri::command]
pub async fn issue_notice(
    state: State<'_, AppState>,
    id: i64,
    number: String,
    date: String,
    reason: Option<String>,
) -> IpcResult<Notice> {
    let (n, _) = documents::issue_notice(&mut *state.db()?, id, &number, &date, reason.as_deref())?;
    Ok(n)
}

#[tauri::command]
pub async fn list_notices(state: State<'_, AppState>, id: i64) -> IpcResult<Vec<Notice>> {
    Ok(notice::list(state.db()?.conn(), id)?)
}

#[tauri::command]
pub async fn reopen_inspection(
    state: State<'_, AppState>,
    id: i64,
    reason: String,
) -> IpcResult<()> {
    Ok(notice::reopen(&mut *state.db()?, id, &reason)?)
}

#[tauri::command]
pub async fn document_settings(state: State<'_, AppState>) -> IpcResult<DocumentSettings> {
    Ok(documents::document_settings(&*state.db()?)?)
}

#[tauri::command]
pub async fn save_document_settings(
    state: State<'_, AppState>,
    settings: DocumentSettings,
) -> IpcResult<DocumentSettings> {
    Ok(documents::save_settings(&mut *state.db()?, &settings)?)
}

/// What the team entered about the visit of inspection `id` for its minutes.
#[tauri::command]
pub async fn minutes_details(state: State<'_, AppState>, id: i64) -> IpcResult<Minutes> {
    Ok(minutes::get(state.db()?.conn(), id)?)
}

/// Saves the visit's hours, place, the agency's representatives and the secretary (whole).
#[tauri::command]
pub async fn save_minutes_details(
    state: State<'_, AppState>,
    id: i64,
    details: MinutesDetails,
) -> IpcResult<Minutes> {
    Ok(minutes::set(&mut *state.db()?, id, &details)?)
}
