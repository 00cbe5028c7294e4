//! Exchanging a team's work between laptops with signed bundle files (the "Trao đổi" screen).
//! As with evidence, the store is held only for the short parts: the long work — writing a
//! bundle, reading and verifying one — runs without it and reports `exchange-progress`.
//!
//! `import_bundle` reads and verifies the file again rather than reusing the preview's: what is
//! applied is always what is on disk now, and no staged bundle outlives a command.

use std::path::{Path, PathBuf};

use kiemtra_core::exchange::device::{self, DeviceInfo, TrustedDevice};
use kiemtra_core::exchange::merge::{self, Conflict, Keep};
use kiemtra_core::exchange::transfer::{self, ExportSummary, ImportReport};
use serde::Serialize;
use tauri::{AppHandle, Emitter, Runtime, State};

use crate::error::IpcResult;
use crate::state::AppState;

#[derive(Clone, Serialize)]
struct Progress {
    done: u64,
    total: u64,
}

/// At most ~100 `exchange-progress` events, whatever the size.
fn reporter<R: Runtime>(app: &AppHandle<R>) -> impl FnMut(u64, u64) + '_ {
    let mut last = 0u64;
    move |done, total| {
        if done == total || done.saturating_sub(last) >= (total / 100).max(1) {
            last = done;
            let _ = app.emit("exchange-progress", Progress { done, total });
        }
    }
}

#[tauri::command]
pub async fn device_info(state: State<'_, AppState>) -> IpcResult<DeviceInfo> {
    Ok(device::show(state.db()?.conn())?)
}

#[tauri::command]
pub async fn trusted_devices(state: State<'_, AppState>) -> IpcResult<Vec<TrustedDevice>> {
    Ok(device::trusted(state.db()?.conn())?)
}

use super::chosen_dir;

/// A file-name part: letters and digits without diacritics, other runs as one `-`.
fn slug(s: &str) -> String {
    let folded = kiemtra_core::text::fold(s);
    let mut out = String::new();
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-');
    out.chars().take(40).collect()
}

/// `kiemtra-<year>-<who>-<yyyymmdd-hhmm>.kiemtra` in `dir`, never an existing file: a second
/// export in the same minute gets `-2`, `-3`…  The name is built from folded letters and digits
/// only, so it can never leave `dir`.
fn bundle_path(dir: &Path, year: i32, who: &str, stamp: &str) -> PathBuf {
    let who = match slug(who) {
        s if s.is_empty() => "may".to_string(),
        s => s,
    };
    let base = format!("kiemtra-{year}-{who}-{stamp}");
    let mut n = 1;
    loop {
        let name = if n == 1 {
            format!("{base}.kiemtra")
        } else {
            format!("{base}-{n}.kiemtra")
        };
        let path = dir.join(name);
        if !path.exists() {
            return path;
        }
        n += 1;
    }
}

/// Writes a bundle of the year's work (or of some agencies') into the chosen folder.
#[tauri::command]
pub async fn export_bundle<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    year: i32,
    agencies: Vec<String>,
    dir: String,
) -> IpcResult<ExportSummary> {
    let dir = chosen_dir(&dir)?;
    let (plan, who, stamp) = {
        let mut db = state.db()?;
        let plan = transfer::prepare_export(&mut db, year, &agencies)?;
        let info = device::show(db.conn())?;
        let who = info.profile.unwrap_or(info.device_id);
        (plan, who, db.now().format("%Y%m%d-%H%M").to_string())
    };
    let out = bundle_path(&dir, year, &who, &stamp);
    let mut progress = reporter(&app);
    Ok(transfer::write_export(&plan, &out, &mut progress)?)
}

fn read<R: Runtime>(
    app: &AppHandle<R>,
    state: &AppState,
    path: &str,
) -> IpcResult<transfer::ReadBundle> {
    let data_dir = state.db()?.data_dir().clone();
    let mut progress = reporter(app);
    Ok(transfer::read_bundle(
        &data_dir,
        Path::new(path.trim()),
        &mut progress,
    )?)
}

/// Reads and verifies a bundle, then runs the merge and rolls it back: what an import would do,
/// and whether the sender is already trusted here.
#[tauri::command]
pub async fn preview_bundle<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    path: String,
) -> IpcResult<ImportReport> {
    let bundle = read(&app, &state, &path)?;
    Ok(transfer::apply_bundle(
        &mut *state.db()?,
        &bundle,
        true,
        true,
    )?)
}

/// Imports a bundle; an unknown sender is refused (`untrusted_device`) unless `trust`.
#[tauri::command]
pub async fn import_bundle<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    path: String,
    trust: bool,
) -> IpcResult<ImportReport> {
    let bundle = read(&app, &state, &path)?;
    Ok(transfer::apply_bundle(
        &mut *state.db()?,
        &bundle,
        trust,
        false,
    )?)
}

#[tauri::command]
pub async fn list_conflicts(
    state: State<'_, AppState>,
    year: Option<i32>,
) -> IpcResult<Vec<Conflict>> {
    Ok(merge::conflicts(state.db()?.conn(), year)?)
}

/// Keeps one side of a conflict (team lead only).
#[tauri::command]
pub async fn resolve_conflict(state: State<'_, AppState>, id: String, keep: Keep) -> IpcResult<()> {
    transfer::resolve(&mut *state.db()?, &id, keep)?;
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)] // in tests a panic is a failed test
mod tests {
    use super::*;

    #[test]
    fn names_stay_in_the_chosen_folder() {
        let dir = tempfile::tempdir().unwrap();
        let p = bundle_path(dir.path(), 2026, "../../Nguyễn Văn Đức/..", "20260301-0915");
        assert_eq!(p.parent(), Some(dir.path()));
        assert_eq!(
            p.file_name().and_then(|n| n.to_str()),
            Some("kiemtra-2026-nguyen-van-duc-20260301-0915.kiemtra")
        );
        std::fs::write(&p, b"x").unwrap();
        let q = bundle_path(dir.path(), 2026, "Nguyễn Văn Đức", "20260301-0915");
        assert!(q.ends_with("kiemtra-2026-nguyen-van-duc-20260301-0915-2.kiemtra"));
        assert!(bundle_path(dir.path(), 2026, "///", "s").ends_with("kiemtra-2026-may-s.kiemtra"));
    }

    #[test]
    fn only_an_existing_absolute_folder_is_accepted() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("f");
        std::fs::write(&file, b"x").unwrap();
        assert!(chosen_dir(&dir.path().display().to_string()).is_ok());
        for bad in [
            "",
            "tuong-doi",
            &file.display().to_string(),
            &dir.path().join("khong-co").display().to_string(),
        ] {
            let e = chosen_dir(bad).expect_err(bad);
            assert!(
                matches!(e, kiemtra_core::Error::Invalid { ref field, .. } if field == "dir"),
                "{bad}: {e}"
            );
        }
    }
}
