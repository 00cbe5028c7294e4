//! kiemtra-app: the desktop shell. A table of contents: `run()` opens the user's store (seeded
//! on first start) and registers the commands in `commands/`, each a few lines over
//! kiemtra-core. No SQL, rules or PDF code lives here. To add a command: a function in the
//! right `commands/<area>.rs`, a line in `handlers!`, a permission in `permissions/app.toml`
//! granted in `capabilities/default.json`, and its wrapper in `ui/src/lib/api.ts`;
//! `tests/contract.rs` fails when one of the four lists misses it.

pub mod commands;
pub mod error;
pub mod state;

use std::path::PathBuf;

use kiemtra_core::{paths, seed, Db};
use tauri::Runtime;

pub use state::AppState;

/// Opens the store in `data_dir` and loads the seeds (a no-op when they are already there).
pub fn open_store(data_dir: &std::path::Path) -> kiemtra_core::Result<Db> {
    open_store_with(data_dir, None)
}

/// [`open_store`] of a store that may be encrypted, unlocked with `secret`.
pub fn open_store_with(
    data_dir: &std::path::Path,
    secret: Option<&kiemtra_core::crypt::Secret>,
) -> kiemtra_core::Result<Db> {
    let mut db = Db::open_with(data_dir, secret)?;
    seed::load_all(&mut db)?;
    Ok(db)
}

macro_rules! handlers {
    () => {
        tauri::generate_handler![
            commands::app::app_info,
            commands::app::unlock_store,
            commands::backup::backup_store,
            commands::backup::restore_backup,
            commands::backup::encrypt_store,
            commands::backup::save_recovery_sheet,
            commands::agencies::list_agencies,
            commands::framework::show_framework,
            commands::framework::list_framework_versions,
            commands::checklist::show_checklist,
            commands::checklist::export_checklist_template,
            commands::checklist::preview_checklist_import,
            commands::checklist::import_checklist,
            commands::profiles::list_profiles,
            commands::profiles::add_profile,
            commands::profiles::use_profile,
            commands::plans::list_plan_years,
            commands::plans::show_plan,
            commands::plans::change_plan,
            commands::plans::select_plan_agency,
            commands::plans::finalize_plan,
            commands::plans::schedule_inspection,
            commands::plans::set_plan_reference,
            commands::plans::set_plan_cooperation,
            commands::plans::set_team_decision,
            commands::plans::plan_rotation,
            commands::plans::work_list,
            commands::plans::set_plan_deadlines,
            commands::inspections::list_inspections,
            commands::inspections::find_inspection,
            commands::inspections::start_inspection,
            commands::inspections::show_inspection,
            commands::inspections::record_item,
            commands::inspections::add_finding,
            commands::inspections::remove_finding,
            commands::inspections::submit_inspection,
            commands::inspections::review_inspection,
            commands::inspections::set_score,
            commands::evidence::list_evidence,
            commands::evidence::add_evidence,
            commands::evidence::remap_evidence,
            commands::evidence::remove_evidence,
            commands::evidence::evidence_matrix,
            commands::evidence::verify_evidence,
            commands::evidence::evidence_thumbnail,
            commands::evidence::open_evidence,
            commands::documents::preview_document,
            commands::documents::open_document,
            commands::documents::notice_due_date,
            commands::followup::year_figures,
            commands::followup::export_year_xlsx,
            commands::followup::list_followups,
            commands::followup::followup_reports,
            commands::followup::record_followup,
            commands::documents::issue_notice,
            commands::documents::list_notices,
            commands::documents::minutes_details,
            commands::documents::save_minutes_details,
            commands::documents::reopen_inspection,
            commands::documents::document_settings,
            commands::documents::save_document_settings,
            commands::exchange::device_info,
            commands::exchange::trusted_devices,
            commands::exchange::export_bundle,
            commands::exchange::preview_bundle,
            commands::exchange::import_bundle,
            commands::exchange::list_conflicts,
            commands::exchange::resolve_conflict,
        ]
    };
}

/// The app on any runtime: the real window in `run()`, the mock runtime in tests.
pub fn build_app<R: Runtime>(builder: tauri::Builder<R>, state: AppState) -> tauri::Builder<R> {
    builder
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_dialog::init())
        .manage(state)
        .invoke_handler(handlers!())
}

/// `--data-dir DIR` on the command line, else `KIEMTRA_DATA_DIR`, else the platform default.
fn data_dir_from_args() -> PathBuf {
    let mut args = std::env::args().skip(1);
    let mut explicit = None;
    while let Some(a) = args.next() {
        if a == "--data-dir" {
            explicit = args.next().map(PathBuf::from);
        } else if let Some(v) = a.strip_prefix("--data-dir=") {
            explicit = Some(PathBuf::from(v));
        }
    }
    paths::data_dir(explicit)
}

/// The state the window starts with. A store that cannot be opened still gets a window: it
/// says why, in Vietnamese, and the store is left untouched (a newer schema, a file held by
/// another program, a corrupt file, a folder that cannot be created).
pub fn startup_state(dir: &std::path::Path) -> AppState {
    match open_store(dir) {
        Ok(db) => AppState::new(db),
        Err(e) => {
            eprintln!("Không mở được dữ liệu tại {}: {e}", dir.display());
            AppState::unavailable(dir, &e)
        }
    }
}

pub fn run() {
    let dir = data_dir_from_args();
    let state = startup_state(&dir);
    let app = build_app(tauri::Builder::default(), state).run(tauri::generate_context!());
    if let Err(e) = app {
        eprintln!("Lỗi khởi động ứng dụng: {e}");
        std::process::exit(1);
    }
}
