use chrono::NaiveDate;
use kiemtra_core::notice::{self, Notice};
use kiemtra_pdf::store::{self, DocError, DocKind};
use kiemtra_pdf::DocumentSettings;
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_opener::OpenerExt;

use crate::error::{IpcError, IpcResult};
use crate::state::AppState;

fn date_or_today(date: Option<String>) -> IpcResult<NaiveDate> {
    match date {
        Some(d) => NaiveDate::parse_from_str(&d, "%Y-%m-%d")
            .map_err(|_| IpcError::internal(format!("Ngày «{d}» không hợp lệ."))),
        None => Ok(chrono::Local::now().date_naive()),
    }
}

/// The document's pages as SVG for the preview. `key` is the inspection id, or the plan's year.
#[tauri::command]
pub async fn preview_document(
    state: State<'_, AppState>,
    kind: DocKind,
    key: i64,
    date: Option<String>,
) -> IpcResult<Vec<String>> {
    let date = date_or_today(date)?;
    Ok(store::preview(&*state.db()?, kind, key, date)?)
}

/// Writes the PDF into the data directory's `exports/` and opens it in the system's viewer,
/// from which it is printed. Returns the path written.
#[tauri::command]
pub async fn open_document<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    kind: DocKind,
    key: i64,
    date: Option<String>,
) -> IpcResult<String> {
    let date = date_or_today(date)?;
    let db = state.db()?;
    let pdf = store::pdf(&db, kind, key, date, chrono::Utc::now().naive_utc())?;
    let path = store::export(&db, kind, key, &pdf)?;
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

#[tauri::command]
pub async fn issue_notice(
    state: State<'_, AppState>,
    id: i64,
    number: String,
    date: String,
    reason: Option<String>,
) -> IpcResult<Notice> {
    let (n, _) = store::issue_notice(
        &mut *state.db()?,
        id,
        &number,
        &date,
        reason.as_deref(),
        chrono::Utc::now().naive_utc(),
    )?;
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
    Ok(store::document_settings(&*state.db()?)?)
}

#[tauri::command]
pub async fn save_document_settings(
    state: State<'_, AppState>,
    settings: DocumentSettings,
) -> IpcResult<DocumentSettings> {
    settings.validate().map_err(DocError::from)?;
    let value = serde_json::to_value(&settings).map_err(|e| IpcError::internal(e.to_string()))?;
    let mut db = state.db()?;
    kiemtra_core::settings::set(&mut db, kiemtra_core::settings::DOCUMENTS, &value)?;
    Ok(store::document_settings(&db)?)
}
