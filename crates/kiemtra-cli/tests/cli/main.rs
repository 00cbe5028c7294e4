//! The `kiemtra` binary, driven as a user would: exit codes, stdout, stderr.

#![allow(clippy::unwrap_used, clippy::expect_used)] // in tests a panic is a failed test, with its message

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

mod agencies;
mod backup;
mod calendar;
mod checklist;
mod checklist_template;
mod crypt;
mod evidence;
mod exchange;
mod export;
mod faults;
mod framework;
mod init;
mod inspection;
mod minutes;
mod notice;
mod output;
mod plan;
mod profile;
mod report;

/// The binary under test: the one cargo built, or `KIEMTRA_CLI_BIN` (the cross-built
/// `kiemtra.exe`) started through `KIEMTRA_CLI_RUNNER` (`wine`) when those are set, so the same
/// tests run against the Windows build (`.ci/package`).
fn kiemtra_command() -> std::process::Command {
    match std::env::var_os("KIEMTRA_CLI_BIN").filter(|b| !b.is_empty()) {
        Some(bin) => match std::env::var_os("KIEMTRA_CLI_RUNNER").filter(|r| !r.is_empty()) {
            Some(runner) => {
                let mut c = std::process::Command::new(runner);
                c.arg(bin);
                c
            }
            None => std::process::Command::new(bin),
        },
        None => std::process::Command::new(env!("CARGO_BIN_EXE_kiemtra")),
    }
}

fn kiemtra(dir: &Path) -> Command {
    let mut cmd = Command::from_std(kiemtra_command());
    cmd.arg("--data-dir")
        .arg(dir)
        .env_remove("KIEMTRA_DATA_DIR");
    cmd
}

fn stdout(cmd: &mut Command) -> String {
    let out = cmd.output().expect("runs");
    assert!(
        out.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

fn json(cmd: &mut Command) -> Value {
    serde_json::from_str(&stdout(cmd)).expect("valid JSON")
}

/// A store with a lead and an inspector, a 2026 plan with Xã Tam Tiến (07264), and the
/// inspector, now the current user, having started the inspection there on 2026-05-04; what
/// `inspection start` printed.
fn inspector_started_inspection(data: &Path) -> String {
    stdout(kiemtra(data).arg("init"));
    stdout(kiemtra(data).args(["profile", "add", "Trần Thị Bình", "--role", "lead"]));
    stdout(kiemtra(data).args(["profile", "add", "Nguyễn Văn An", "--role", "inspector"]));
    stdout(kiemtra(data).args(["plan", "create", "--year", "2026", "--include", "07264"]));
    stdout(kiemtra(data).args(["profile", "use", "Nguyễn Văn An"]));
    stdout(kiemtra(data).args([
        "inspection",
        "start",
        "--year",
        "2026",
        "--agency",
        "07264",
        "--date",
        "2026-05-04",
    ]))
}

/// The signer of the documents, as a lead sets it in "Thiết lập văn bản": printed under "KT.
/// GIÁM ĐỐC / PHÓ GIÁM ĐỐC" and never the name of whoever uses the app.
const SIGNER: &str = "Lê Minh Tuấn";

/// Sets the signer in the document settings (the current profile must be a lead).
fn set_signer(data: &Path) {
    let file = data.with_extension("signer.json");
    std::fs::write(
        &file,
        serde_json::json!({
            "signer_authority": "KT. GIÁM ĐỐC",
            "signer_title": "PHÓ GIÁM ĐỐC",
            "signer_name": SIGNER,
        })
        .to_string(),
    )
    .unwrap();
    stdout(
        kiemtra(data)
            .arg("settings")
            .arg("--set-documents")
            .arg(&file),
    );
}

/// The plan's number and date, and the decision establishing the team at `code` (the current
/// profile must be a lead): what a notice cites and needs before it is issued.
fn set_legal_basis(data: &Path, code: &str) {
    stdout(kiemtra(data).args([
        "plan",
        "issue",
        "--year",
        "2026",
        "--number",
        "25",
        "--date",
        "2026-01-15",
    ]));
    stdout(kiemtra(data).args([
        "decision",
        "set",
        "--year",
        "2026",
        "--agency",
        code,
        "--number",
        "15",
        "--date",
        "20/04/2026",
        "--signer",
        "Giám đốc Sở Nội vụ",
    ]));
}

/// Marks every item of inspection `id` not answered yet «Không áp dụng» with a reason, as an
/// inspector does for the items the visit did not cover (a notice needs every item answered).
fn answer_remaining(data: &Path, id: &str) {
    let shown = json(kiemtra(data).args(["inspection", "show", id, "--json"]));
    for item in shown["items"].as_array().unwrap() {
        if item["status"].is_null() {
            stdout(kiemtra(data).args([
                "inspection",
                "record",
                id,
                item["source_ref"].as_str().unwrap(),
                "--status",
                "na",
                "--note",
                "Không phát sinh trong kỳ kiểm tra",
            ]));
        }
    }
}
