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

/// A store in `dir` with one profile, in use.
fn laptop(dir: &std::path::Path, name: &str, role: kiemtra_core::profile::Role) {
    let mut db = open_store(dir).unwrap();
    kiemtra_core::profile::add(&mut db, name, role, None).unwrap();
    kiemtra_core::profile::use_profile(&mut db, name).unwrap();
}

fn invoke_in(dir: &std::path::Path, cmd: &str, args: Value) -> Result<Value, Value> {
    invoke_on(AppState::new(open_store(dir).unwrap()), cmd, args)
}

#[test]
fn a_bundle_travels_through_the_exchange_commands_and_an_unknown_sender_needs_trust() {
    let (lead, an, usb) = (
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    );
    laptop(
        lead.path(),
        "Trần Thị Bình",
        kiemtra_core::profile::Role::Lead,
    );
    laptop(
        an.path(),
        "Nguyễn Văn An",
        kiemtra_core::profile::Role::Inspector,
    );
    {
        let mut db = open_store(lead.path()).unwrap();
        let change = kiemtra_core::plan::PlanChange {
            include: vec!["07264".into()],
            ..Default::default()
        };
        kiemtra_core::plan::apply(&mut db, 2026, &change).unwrap();
    }

    // The folder must exist; the refusal names the field.
    let missing = usb.path().join("khong-co");
    let err = invoke_in(
        lead.path(),
        "export_bundle",
        json!({ "year": 2026, "agencies": [], "dir": missing.display().to_string() }),
    )
    .unwrap_err();
    assert_eq!(
        (err["code"].as_str(), err["field"].as_str()),
        (Some("invalid"), Some("dir")),
        "{err}"
    );

    let sent = invoke_in(
        lead.path(),
        "export_bundle",
        json!({ "year": 2026, "agencies": [], "dir": usb.path().display().to_string() }),
    )
    .unwrap();
    let file = sent["file"].as_str().unwrap().to_string();
    assert!(
        std::path::Path::new(&file).starts_with(usb.path()),
        "{file}"
    );
    assert!(sent["changes"].as_u64().unwrap() > 0, "{sent}");
    let lead_device = invoke_in(lead.path(), "device_info", json!({})).unwrap();
    assert_eq!(sent["fingerprint"], lead_device["fingerprint"]);

    // The preview says what would happen and changes nothing; the sender is not trusted yet.
    let preview = invoke_in(an.path(), "preview_bundle", json!({ "path": file })).unwrap();
    assert_eq!(preview["trusted"], false, "{preview}");
    assert_eq!(preview["from"]["fingerprint"], lead_device["fingerprint"]);
    assert_eq!(preview["from"]["profile"], "Trần Thị Bình");
    let foreseen = preview["applied"].as_u64().unwrap();
    assert!(foreseen > 0, "{preview}");
    assert_eq!(
        invoke_in(an.path(), "trusted_devices", json!({})).unwrap(),
        json!([])
    );

    let refused = invoke_in(
        an.path(),
        "import_bundle",
        json!({ "path": file, "trust": false }),
    )
    .unwrap_err();
    assert_eq!(refused["code"], "untrusted_device", "{refused}");
    assert!(
        refused["message"]
            .as_str()
            .unwrap()
            .contains(lead_device["fingerprint"].as_str().unwrap()),
        "the refusal names the fingerprint to compare: {refused}"
    );

    let done = invoke_in(
        an.path(),
        "import_bundle",
        json!({ "path": file, "trust": true }),
    )
    .unwrap();
    assert_eq!(done["applied"].as_u64(), Some(foreseen), "{done}");
    assert_eq!(done["conflicts"], 0);
    let trusted = invoke_in(an.path(), "trusted_devices", json!({})).unwrap();
    assert_eq!(trusted.as_array().unwrap().len(), 1, "{trusted}");
    assert_eq!(trusted[0]["fingerprint"], lead_device["fingerprint"]);

    // Again: nothing new, and no trust asked.
    let again = invoke_in(
        an.path(),
        "import_bundle",
        json!({ "path": file, "trust": false }),
    )
    .unwrap();
    assert_eq!(
        (again["applied"].as_u64(), again["unchanged"].as_u64()),
        (Some(0), Some(foreseen)),
        "{again}"
    );
    assert_eq!(
        invoke_in(an.path(), "list_conflicts", json!({ "year": 2026 })).unwrap(),
        json!([])
    );
}

#[test]
fn a_lead_leaves_co_operation_duties_out_of_later_inspections_and_an_inspector_cannot() {
    let dir = tempfile::tempdir().unwrap();
    laptop(
        dir.path(),
        "Trần Thị Bình",
        kiemtra_core::profile::Role::Lead,
    );
    {
        let mut db = open_store(dir.path()).unwrap();
        let change = kiemtra_core::plan::PlanChange {
            include: vec!["STP".into()],
            ..Default::default()
        };
        kiemtra_core::plan::apply(&mut db, 2026, &change).unwrap();
    }
    let plan = invoke_in(
        dir.path(),
        "set_plan_cooperation",
        json!({ "year": 2026, "inspected": false }),
    )
    .unwrap();
    assert_eq!(plan["cooperation_inspected"], false, "{plan}");
    let shown = invoke_in(dir.path(), "show_plan", json!({ "year": 2026 })).unwrap();
    assert_eq!(shown["cooperation_inspected"], false);

    laptop(
        dir.path(),
        "Nguyễn Văn An",
        kiemtra_core::profile::Role::Inspector,
    );
    let err = invoke_in(
        dir.path(),
        "set_plan_cooperation",
        json!({ "year": 2026, "inspected": true }),
    )
    .unwrap_err();
    assert_eq!(err["code"], "lead_only", "{err}");
}

#[test]
fn a_backup_goes_into_the_chosen_folder_is_remembered_and_restores_into_a_new_one() {
    let dir = tempfile::tempdir().unwrap();
    laptop(
        dir.path(),
        "Trần Thị Bình",
        kiemtra_core::profile::Role::Lead,
    );
    let before = invoke_in(dir.path(), "app_info", json!({})).unwrap();
    assert_eq!(before["last_backup"], Value::Null);
    let usb = tempfile::tempdir().unwrap();
    let s = invoke_in(
        dir.path(),
        "backup_store",
        json!({ "dir": usb.path().display().to_string() }),
    )
    .unwrap();
    let file = s["file"].as_str().unwrap().to_string();
    assert!(
        file.starts_with(&usb.path().display().to_string()),
        "{file}"
    );
    assert!(file.ends_with(".kbak") && std::path::Path::new(&file).exists());
    let after = invoke_in(dir.path(), "app_info", json!({})).unwrap();
    assert_eq!(after["last_backup"]["sha256"], s["sha256"]);
    // A relative folder is refused; nothing written.
    let err = invoke_in(dir.path(), "backup_store", json!({ "dir": "usb" })).unwrap_err();
    assert_eq!(err["code"], "invalid");
    // Restored into a new folder inside the chosen one; the open store is not touched.
    let restored = invoke_in(
        dir.path(),
        "restore_backup",
        json!({ "file": file, "dir": usb.path().display().to_string() }),
    )
    .unwrap();
    let target = std::path::PathBuf::from(restored["data_dir"].as_str().unwrap());
    assert!(target.starts_with(usb.path()));
    assert!(target.join("kiemtra.sqlite3").exists());
}

#[test]
fn the_backup_of_an_encrypted_store_restores_from_the_window_with_its_passphrase() {
    use kiemtra_core::crypt::{self, Secret};
    const PASS: &str = "Mật khẩu đoàn kiểm tra 2026";
    // An encrypted laptop, backed up (the app would do the same once unlocked).
    let source = tempfile::tempdir().unwrap();
    laptop(
        source.path(),
        "Trần Thị Bình",
        kiemtra_core::profile::Role::Lead,
    );
    crypt::encrypt(source.path(), PASS).unwrap();
    let usb = tempfile::tempdir().unwrap();
    let file = usb.path().join("sao-luu.kbak");
    {
        let mut db =
            kiemtra_core::Db::open_with(source.path(), Some(&Secret::passphrase(PASS))).unwrap();
        kiemtra_core::backup::backup(&mut db, &file).unwrap();
    }
    // Restored from another laptop's window into a folder of the stick.
    let here = tempfile::tempdir().unwrap();
    laptop(
        here.path(),
        "Nguyễn Văn An",
        kiemtra_core::profile::Role::Lead,
    );
    let restore = |secret: Value, recovery: bool| {
        invoke_in(
            here.path(),
            "restore_backup",
            json!({
                "file": file.display().to_string(),
                "dir": usb.path().display().to_string(),
                "secret": secret,
                "recovery": recovery,
            }),
        )
    };
    let folders = || {
        std::fs::read_dir(usb.path())
            .unwrap()
            .filter(|e| e.as_ref().unwrap().path().is_dir())
            .count()
    };
    // Without the passphrase: asked for, nothing written.
    let err = restore(Value::Null, false).unwrap_err();
    assert_eq!(err["code"], "backup_locked", "{err}");
    assert!(
        err["message"].as_str().unwrap().contains("mật khẩu"),
        "{err}"
    );
    assert_eq!(folders(), 0);
    // A wrong one: its own message, nothing written.
    let err = restore(json!("mật khẩu sai"), false).unwrap_err();
    assert_eq!(err["code"], "wrong_passphrase", "{err}");
    assert_eq!(folders(), 0);
    // The right one: restored, still encrypted, opened by the same passphrase.
    let restored = restore(json!(PASS), false).unwrap();
    let target = std::path::PathBuf::from(restored["data_dir"].as_str().unwrap());
    assert!(target.starts_with(usb.path()));
    assert!(crypt::is_encrypted(&target));
    let db = kiemtra_core::Db::open_with(&target, Some(&Secret::passphrase(PASS))).unwrap();
    assert_eq!(
        kiemtra_core::profile::list(db.conn()).unwrap()[0].name,
        "Trần Thị Bình"
    );
}

#[test]
fn the_years_workbook_goes_into_the_chosen_folder_and_a_year_without_a_plan_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    laptop(
        dir.path(),
        "Trần Thị Bình",
        kiemtra_core::profile::Role::Lead,
    );
    let out = tempfile::tempdir().unwrap();
    let files = || std::fs::read_dir(out.path()).unwrap().count();
    let err = invoke_in(
        dir.path(),
        "export_year_xlsx",
        json!({ "year": 2026, "dir": out.path().display().to_string() }),
    )
    .unwrap_err();
    assert_eq!(err["code"], "plan_not_found", "{err}");
    assert_eq!(files(), 0);
    {
        let mut db = open_store(dir.path()).unwrap();
        let change = kiemtra_core::plan::PlanChange {
            include: vec!["07264".into()],
            ..Default::default()
        };
        kiemtra_core::plan::apply(&mut db, 2026, &change).unwrap();
    }
    let err = invoke_in(
        dir.path(),
        "export_year_xlsx",
        json!({ "year": 2026, "dir": "bang-tinh" }),
    )
    .unwrap_err();
    assert_eq!(err["field"], "dir", "a relative folder is refused: {err}");
    let written: Vec<String> = (0..2)
        .map(|_| {
            invoke_in(
                dir.path(),
                "export_year_xlsx",
                json!({ "year": 2026, "dir": out.path().display().to_string() }),
            )
            .unwrap()
            .as_str()
            .unwrap()
            .to_string()
        })
        .collect();
    // Two exports, two files: the second never overwrites the first.
    assert_ne!(written[0], written[1]);
    for path in &written {
        let path = std::path::Path::new(path);
        assert!(path.starts_with(out.path()), "{}", path.display());
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            name.starts_with("ket-qua-kiem-tra-2026-") && name.ends_with(".xlsx"),
            "{name}"
        );
        let bytes = std::fs::read(path).unwrap();
        assert!(bytes.starts_with(b"PK"), "an XLSX is a zip");
    }
    assert_eq!(files(), 2, "nothing else written beside them");
}
