use std::path::PathBuf;

use base64::Engine;
use kiemtra_core::evidence::{self, Evidence, Mapping, Matrix, VerifyReport};
use serde::Serialize;
use tauri::{AppHandle, Emitter, Runtime, State};
use tauri_plugin_opener::OpenerExt;

use crate::error::{IpcError, IpcResult};
use crate::state::AppState;

#[derive(Clone, Serialize)]
struct Progress {
    done: u64,
    total: u64,
}

#[tauri::command]
pub async fn list_evidence(state: State<'_, AppState>, id: i64) -> IpcResult<Vec<Evidence>> {
    Ok(evidence::list(state.db()?.conn(), id)?)
}

/// Streams the chosen files into the store, reporting `evidence-progress` events as it goes.
/// The store is held only to check the request and, at the end, to record the files: the long
/// copy runs without it, so autosave is never queued behind a large file.
#[tauri::command]
pub async fn add_evidence<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: i64,
    paths: Vec<String>,
    mapping: Mapping,
) -> IpcResult<Vec<Evidence>> {
    let paths: Vec<PathBuf> = paths.into_iter().map(PathBuf::from).collect();
    let mut last = 0u64;
    let mut progress = |done: u64, total: u64| {
        // At most ~100 events, whatever the size.
        if done == total || done - last >= (total / 100).max(1) {
            last = done;
            let _ = app.emit("evidence-progress", Progress { done, total });
        }
    };
    let intake = evidence::check_add(&*state.db()?, id, &mapping)?;
    let staged = evidence::stage(&intake.data_dir, &paths, intake.max_bytes, &mut progress)?;
    Ok(evidence::commit(&mut *state.db()?, id, staged, &mapping)?)
}

#[tauri::command]
pub async fn remap_evidence(
    state: State<'_, AppState>,
    evidence_id: i64,
    mapping: Mapping,
) -> IpcResult<Evidence> {
    Ok(evidence::remap(&mut *state.db()?, evidence_id, &mapping)?)
}

#[tauri::command]
pub async fn remove_evidence(state: State<'_, AppState>, evidence_id: i64) -> IpcResult<()> {
    Ok(evidence::remove(&mut *state.db()?, evidence_id)?)
}

#[tauri::command]
pub async fn evidence_matrix(state: State<'_, AppState>, id: i64) -> IpcResult<Matrix> {
    Ok(evidence::matrix(state.db()?.conn(), id)?)
}

#[tauri::command]
pub async fn verify_evidence(
    state: State<'_, AppState>,
    id: Option<i64>,
) -> IpcResult<VerifyReport> {
    Ok(evidence::verify(&*state.db()?, id)?)
}

/// A `data:` URL of a PNG thumbnail for images, or null.
#[tauri::command]
pub async fn evidence_thumbnail(
    state: State<'_, AppState>,
    evidence_id: i64,
) -> IpcResult<Option<String>> {
    let png = evidence::thumbnail(&*state.db()?, evidence_id, 160)?;
    Ok(png.map(|p| {
        format!(
            "data:image/png;base64,{}",
            base64::engine::general_purpose::STANDARD.encode(p)
        )
    }))
}

/// Opens a read-only copy of the file in the system's viewer. The path is made by the core
/// from the evidence id; the UI never passes one.
#[tauri::command]
pub async fn open_evidence<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    evidence_id: i64,
) -> IpcResult<()> {
    let path = evidence::materialise(&*state.db()?, evidence_id)?;
    app.opener()
        .open_path(path.display().to_string(), None::<&str>)
        .map_err(|e| {
            IpcError::internal(format!("Không mở được tệp bằng ứng dụng của hệ thống: {e}"))
        })
}
