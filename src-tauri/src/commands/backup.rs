//! Backup and restore from the app. The store is held only to copy it at one moment (quick) and
//! to remember the backup; writing the file, evidence and all, runs without it, so answers are
//! saved meanwhile. A restore never touches the open store: it goes into a new folder.

use std::path::PathBuf;

use kiemtra_core::backup::{self, BackupSummary, RestoreSummary};
use kiemtra_core::crypt::Secret;
use tauri::State;

use super::chosen_dir;
use crate::error::{IpcError, IpcResult};
use crate::state::AppState;

/// Writes `kiemtra-sao-luu-<time>.kbak` into the chosen folder (outside the data directory).
#[tauri::command]
pub async fn backup_store(state: State<'_, AppState>, dir: String) -> IpcResult<BackupSummary> {
    let dir = chosen_dir(&dir)?;
    let (snap, stamp) = {
        let db = state.db()?;
        (
            backup::snapshot(&db)?,
            db.now().format("%Y%m%d-%H%M").to_string(),
        )
    };
    let out = super::fresh_path(&dir, "kiemtra-sao-luu", &stamp, ".kbak");
    let summary = tauri::async_runtime::spawn_blocking(move || backup::write(&snap, &out))
        .await
        .map_err(|e| IpcError::internal(e.to_string()))??;
    backup::record(&mut *state.db()?, &summary)?;
    Ok(summary)
}

/// Restores the backup `file` into a new folder `kiemtra-khoi-phuc-<time>` of the chosen
/// folder; the open store is not touched. The backup of an encrypted store needs the passphrase
/// (or, with `recovery`, the recovery key) of the store it was taken from: without it the answer
/// is `backup_locked` before anything is written, and the window asks for it.
#[tauri::command]
pub async fn restore_backup(
    state: State<'_, AppState>,
    file: String,
    dir: String,
    secret: Option<String>,
    recovery: Option<bool>,
) -> IpcResult<RestoreSummary> {
    let dir = chosen_dir(&dir)?;
    let file = PathBuf::from(file.trim());
    if !file.is_absolute() {
        return Err(kiemtra_core::Error::Invalid {
            field: "file".into(),
            reason: "hãy chọn tệp sao lưu".into(),
        }
        .into());
    }
    let stamp = state.db()?.now().format("%Y%m%d-%H%M").to_string();
    let target = super::fresh_path(&dir, "kiemtra-khoi-phuc", &stamp, "");
    let secret = secret.filter(|s| !s.is_empty()).map(|s| {
        if recovery.unwrap_or(false) {
            Secret::recovery_key(&s)
        } else {
            Secret::passphrase(&s)
        }
    });
    Ok(tauri::async_runtime::spawn_blocking(move || {
        backup::restore_with(&file, &target, secret.as_ref())
    })
    .await
    .map_err(|e| IpcError::internal(e.to_string()))??)
}

/// Encrypts the open plain store with `passphrase` (the welcome's last step, or the backup
/// dialog). Returns the recovery key, which the window shows once.
#[tauri::command]
pub async fn encrypt_store(
    state: State<'_, AppState>,
    passphrase: String,
) -> IpcResult<kiemtra_core::crypt::EncryptSummary> {
    state.encrypt(&passphrase)
}

/// Writes the recovery key sheet (one PDF page) as `khoa-khoi-phuc-<time>.pdf` into the chosen
/// folder; returns its path.
#[tauri::command]
pub async fn save_recovery_sheet(
    state: State<'_, AppState>,
    recovery_key: String,
    dir: String,
) -> IpcResult<String> {
    let dir = chosen_dir(&dir)?;
    let (data_dir, now) = {
        let db = state.db()?;
        (db.data_dir().root().display().to_string(), db.now())
    };
    let input = kiemtra_pdf::RecoverySheetInput {
        recovery_key,
        made_on: now.date_naive(),
        data_dir,
    };
    let pdf = kiemtra_pdf::render(
        &input,
        &kiemtra_pdf::DocumentSettings::default(),
        &kiemtra_pdf::RenderOptions {
            draft: false,
            created: now.naive_utc(),
            document_id: None,
        },
    )
    .map_err(|e| IpcError::internal(e.to_string()))?;
    let path = super::fresh_path(
        &dir,
        "khoa-khoi-phuc",
        &now.format("%Y%m%d-%H%M").to_string(),
        ".pdf",
    );
    kiemtra_core::files::write_atomic(&path, &pdf)?;
    Ok(path.display().to_string())
}
