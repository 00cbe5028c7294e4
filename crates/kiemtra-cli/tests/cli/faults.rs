//! What a laptop meets: a full disk during an answer, an evidence add, a bundle import and a
//! render; a data directory that cannot be written; a store file that is not a store. Each is a
//! clear one-line message and leaves nothing half-written.
//!
//! A full disk is simulated with a file-size limit (`prlimit --fsize`): writes past it fail
//! with EFBIG as they fail with ENOSPC on a full disk. A full disk sends no signal, so the
//! limit's SIGXFSZ is ignored (`trap '' XFSZ`, inherited through exec).

use std::path::Path;
use std::process::Output;

use serde_json::Value;

use crate::{inspector_started_inspection, json, kiemtra, stdout};

/// `kiemtra --data-dir DATA ARGS…` with writes limited to files of `limit` bytes.
fn limited(data: &Path, limit: u64, args: &[&str]) -> Output {
    let bin = assert_cmd::cargo::cargo_bin("kiemtra");
    std::process::Command::new("bash")
        .arg("-c")
        .arg("trap '' XFSZ; exec prlimit --fsize=\"$0\" \"$@\"")
        .arg(limit.to_string())
        .arg(bin)
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .env_remove("KIEMTRA_DATA_DIR")
        .output()
        .unwrap()
}

fn one_line_error(o: &Output) -> String {
    assert!(
        !o.status.success(),
        "must fail: {}",
        String::from_utf8_lossy(&o.stdout)
    );
    let err = String::from_utf8_lossy(&o.stderr).to_string();
    let lines: Vec<&str> = err
        .trim()
        .lines()
        .filter(|l| l.starts_with("lỗi:"))
        .collect();
    assert_eq!(lines.len(), 1, "one error line: {err}");
    lines[0].to_string()
}

fn show(data: &Path, id: &str) -> Value {
    json(kiemtra(data).args(["inspection", "show", id, "--json"]))
}

/// The folder holds no temporary or partial file.
fn no_partial_files(dir: &Path) {
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            assert!(!name.ends_with(".part"), "left behind: {}", p.display());
            if p.is_dir() {
                stack.push(p);
            }
        }
    }
}

#[test]
fn a_full_disk_during_an_answer_an_evidence_add_and_a_render_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let id = inspector_started_inspection(&data)
        .trim()
        .lines()
        .last()
        .unwrap()
        .trim()
        .to_string();
    stdout(kiemtra(&data).args(["inspection", "record", &id, "I.1.3.1", "--status", "met"]));
    let before = show(&data, &id);

    // An answer: the write-ahead log cannot grow past 36 000 bytes.
    let o = limited(
        &data,
        36_000,
        &[
            "inspection",
            "record",
            &id,
            "I.1.3.2",
            "--status",
            "unmet",
            "--note",
            "đĩa đầy",
        ],
    );
    let err = one_line_error(&o);
    assert!(err.contains("ổ đĩa đã đầy"), "{err}");
    assert!(err.contains("dữ liệu giữ nguyên"), "{err}");
    assert_eq!(show(&data, &id), before, "nothing of the refused answer");

    // An evidence add of 3 MB with room for 1 MB.
    let file = dir.path().join("Biên bản kiểm tra.pdf");
    std::fs::write(&file, b"%PDF-1.4 bien ban".repeat(180_000)).unwrap();
    let o = limited(
        &data,
        1_000_000,
        &[
            "evidence",
            "add",
            &id,
            file.to_str().unwrap(),
            "--criterion",
            "3.1",
        ],
    );
    let err = one_line_error(&o);
    assert!(err.contains("ổ đĩa đã đầy"), "{err}");
    assert_eq!(
        json(kiemtra(&data).args(["evidence", "list", &id, "--json"])),
        serde_json::json!([]),
        "no evidence row"
    );
    no_partial_files(&data);

    // A render: the PDF (about 60 kB) cannot be written; no file, no partial file.
    let out = dir.path().join("van-ban");
    std::fs::create_dir(&out).unwrap();
    let pdf = out.join("Thông báo.pdf");
    let o = limited(
        &data,
        36_000,
        &["notice", "render", &id, "--out", pdf.to_str().unwrap()],
    );
    let err = one_line_error(&o);
    assert!(
        err.contains("ổ đĩa đã đầy") && err.contains("Thông báo.pdf"),
        "{err}"
    );
    assert!(!pdf.exists());
    no_partial_files(&out);

    // With room again, everything works and the store is whole.
    stdout(kiemtra(&data).args(["inspection", "record", &id, "I.1.3.2", "--status", "unmet"]));
    stdout(
        kiemtra(&data)
            .args(["evidence", "add", &id])
            .arg(&file)
            .args(["--criterion", "3.1"]),
    );
    stdout(
        kiemtra(&data)
            .args(["notice", "render", &id, "--out"])
            .arg(&pdf),
    );
    stdout(kiemtra(&data).arg("check"));
}

#[test]
fn a_full_disk_during_a_bundle_import_applies_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let an = dir.path().join("an");
    let id = inspector_started_inspection(&an)
        .trim()
        .lines()
        .last()
        .unwrap()
        .trim()
        .to_string();
    stdout(kiemtra(&an).args(["inspection", "record", &id, "I.1.3.1", "--status", "met"]));
    let file = dir.path().join("Ảnh hiện trường.jpg");
    std::fs::write(&file, b"\xff\xd8\xff anh".repeat(300_000)).unwrap();
    stdout(
        kiemtra(&an)
            .args(["evidence", "add", &id])
            .arg(&file)
            .args(["--criterion", "3.1"]),
    );
    let bundle = dir.path().join("an.kiemtra");
    stdout(
        kiemtra(&an)
            .args(["bundle", "export", "--year", "2026", "--out"])
            .arg(&bundle),
    );

    let lead = dir.path().join("lead");
    stdout(kiemtra(&lead).arg("init"));
    stdout(kiemtra(&lead).args(["profile", "add", "Trần Thị Bình", "--role", "lead"]));
    let inspections =
        |d: &Path| json(kiemtra(d).args(["inspection", "list", "--year", "2026", "--json"]));
    let before = inspections(&lead);
    let o = limited(
        &lead,
        600_000,
        &["bundle", "import", bundle.to_str().unwrap(), "--trust"],
    );
    let err = one_line_error(&o);
    assert!(err.contains("ổ đĩa đã đầy"), "{err}");
    assert_eq!(inspections(&lead), before, "nothing of the bundle applied");
    no_partial_files(&lead);
    stdout(kiemtra(&lead).arg("check"));
    // With room, the same bundle imports.
    stdout(
        kiemtra(&lead)
            .args(["bundle", "import"])
            .arg(&bundle)
            .arg("--trust"),
    );
    assert_ne!(inspections(&lead), before);
}

/// Runs `kiemtra` as an unprivileged user when the tests run as root (root writes anywhere).
fn as_user(data: &Path, args: &[&str]) -> Output {
    let bin = assert_cmd::cargo::cargo_bin("kiemtra");
    let root = std::process::Command::new("id")
        .arg("-u")
        .output()
        .unwrap()
        .stdout
        == b"0\n";
    let mut cmd = if root {
        let mut c = std::process::Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(bin);
        c
    } else {
        std::process::Command::new(bin)
    };
    cmd.arg("--data-dir")
        .arg(data)
        .args(args)
        .env_remove("KIEMTRA_DATA_DIR")
        .output()
        .unwrap()
}

#[test]
fn a_data_directory_that_cannot_be_written_is_refused_with_its_own_message_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let id = inspector_started_inspection(&data)
        .trim()
        .lines()
        .last()
        .unwrap()
        .trim()
        .to_string();
    let store = data.join("kiemtra.sqlite3");
    let bytes = std::fs::read(&store).unwrap();
    // The user's own folder, made read-only (as a write-protected USB stick would be).
    let chown = |p: &Path| {
        let _ = std::process::Command::new("chown")
            .args(["-R", "65534:65534"])
            .arg(p)
            .status();
    };
    chown(dir.path());
    let chmod = |mode: &str, p: &Path| {
        assert!(std::process::Command::new("chmod")
            .arg(mode)
            .arg(p)
            .status()
            .unwrap()
            .success());
    };
    chmod("555", &data);
    chmod("444", &store);
    let o = as_user(
        &data,
        &["inspection", "record", &id, "I.1.3.1", "--status", "met"],
    );
    let err = one_line_error(&o);
    assert!(err.contains("chỉ cho đọc"), "{err}");
    // A missing data directory under a folder that cannot be written: not created.
    let below = data.join("moi");
    let err = one_line_error(&as_user(&below, &["init"]));
    assert!(err.contains("chỉ cho đọc") && err.contains("moi"), "{err}");
    assert!(!below.exists());
    chmod("755", &data);
    chmod("644", &store);
    assert_eq!(
        std::fs::read(&store).unwrap(),
        bytes,
        "the store's bytes are unchanged"
    );
}

#[test]
fn a_store_file_that_is_not_a_store_is_refused_and_never_repaired() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    stdout(kiemtra(&data).arg("init"));
    let store = data.join("kiemtra.sqlite3");
    let mut bytes = std::fs::read(&store).unwrap();
    // The header and the first page overwritten, as a bad sector or a half-copied file would.
    for b in bytes.iter_mut().take(4096) {
        *b = 0x5a;
    }
    std::fs::write(&store, &bytes).unwrap();
    for args in [&["init"][..], &["check"][..], &["agencies", "list"][..]] {
        let o = kiemtra(&data).args(args).output().unwrap();
        let err = one_line_error(&o);
        assert!(
            err.contains("không phải kho dữ liệu") && err.contains("không sửa đè"),
            "{err}"
        );
    }
    assert_eq!(
        std::fs::read(&store).unwrap(),
        bytes,
        "left exactly as it was"
    );
}
