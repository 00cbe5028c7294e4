//! The commands answer over IPC on Tauri's mock runtime: no display, no webview, real store.

#![allow(clippy::unwrap_used, clippy::expect_used)] // in tests a panic is a failed test, with its message

use kiemtra_app::{build_app, open_store, AppState};
use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, INVOKE_KEY};
use tauri::webview::InvokeRequest;

fn invoke(cmd: &str, args: Value) -> Result<Value, Value> {
    let dir = tempfile::tempdir().unwrap();
    let db = open_store(dir.path()).unwrap();
    let app = build_app(mock_builder(), AppState::new(db))
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
