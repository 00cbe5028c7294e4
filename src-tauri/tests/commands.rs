//! The commands answer over IPC on Tauri's mock runtime: no display, no webview, real store.

#![allow(clippy::unwrap_used, clippy::expect_used)] // in tests a panic is a failed test, with its message

use kiemtra_app::{build_app, open_store, startup_state, AppState};
use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, INVOKE_KEY};
use tauri::webview::InvokeRequest;

fn invoke(cmd: &str, args: Value) -> Result<Value, Value> {
    let dir = tempfile::tempdir().unwrap();
    let db = open_store(dir.path()).unwrap();
    invoke_on(AppState::new(db), cmd, args)
}

fn invoke_on(state: AppState, cmd: &str, args: Value) -> Result<Value, Value> {
    let app = build_app(mock_builder(), state)
        .build(mock_context(noop_assets()))
        .unwrap();
    let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();
    get_ipc_response(
        &webview,
        InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    )
    .map(|b| b.deserialize::<Value>().unwrap())
}

#[test]
fn list_agencies_filters_the_seeded_register() {
    let v = invoke(
        "list_agencies",
        json!({ "filter": { "block": "commune", "search": "thuan thanh" } }),
    )
    .unwrap();
    let names: Vec<_> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap().to_string())
        .collect();
    assert!(
        names.contains(&"Phường Thuận Thành".to_string()),
        "{names:?}"
    );
}

#[test]
fn errors_cross_ipc_as_code_and_vietnamese_message() {
    let err = invoke("show_checklist", json!({ "agency": "KHONGCO" })).unwrap_err();
    assert_eq!(err["code"], "agency_not_found");
    assert!(err["message"]
        .as_str()
        .unwrap()
        .contains("Không tìm thấy cơ quan"));
}

#[test]
fn a_store_from_a_newer_release_opens_a_window_that_says_so_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    drop(open_store(dir.path()).unwrap());
    let file = dir.path().join(kiemtra_core::db::DB_FILE);
    mark_as_written_by_a_newer_release(dir.path());
    let before = std::fs::read(&file).unwrap();

    // What run() does: the window starts whatever happened to the store.
    let state = startup_state(dir.path());
    let info = invoke_on(state, "app_info", json!({})).expect("app_info answers");
    let error = &info["startup_error"];
    assert_eq!(error["code"], "database_too_new", "{info}");
    let message = error["message"].as_str().unwrap();
    assert!(
        message.contains("phiên bản mới hơn") && message.contains("giữ nguyên"),
        "the window says in Vietnamese that a newer version wrote the data: {message}"
    );
    assert_eq!(
        info["summary"]["data_dir"],
        dir.path().display().to_string()
    );

    let refused = invoke_on(
        startup_state(dir.path()),
        "list_agencies",
        json!({ "filter": {} }),
    )
    .expect_err("no command reaches a store that could not be opened");
    assert_eq!(refused["code"], "store_unavailable");
    assert_eq!(
        std::fs::read(&file).unwrap(),
        before,
        "the newer store is left as it was"
    );
}

/// Marks the store as written by the next schema version, as a newer release would.
fn mark_as_written_by_a_newer_release(dir: &std::path::Path) {
    let db = kiemtra_core::Db::open(dir).unwrap();
    db.conn()
        .pragma_update(None, "user_version", kiemtra_core::db::SCHEMA_VERSION + 1)
        .unwrap();
}
