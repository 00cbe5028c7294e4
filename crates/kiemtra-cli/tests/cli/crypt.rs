//! `kiemtra encrypt`, `unlock-check`, `passphrase change`, `recovery-key`: a store encrypted
//! from the command line holds nothing in the clear, opens with its passphrase only (from the
//! environment or a file), and with the recovery key when the passphrase is forgotten.

use std::path::{Path, PathBuf};

use crate::{inspector_started_inspection, json, kiemtra, stdout};

const PASS: &str = "Mật khẩu của đoàn 2026";

fn files_under(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let bytes = std::fs::read(&p).unwrap();
                out.push((p.strip_prefix(dir).unwrap().to_path_buf(), bytes));
            }
        }
    }
    out.sort();
    out
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// Runs and expects a failure; returns stderr.
fn fails(cmd: &mut assert_cmd::Command) -> String {
    let out = cmd.output().unwrap();
    assert!(
        !out.status.success(),
        "succeeded: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    String::from_utf8(out.stderr).unwrap()
}

#[test]
fn an_encrypted_store_holds_nothing_in_the_clear_and_opens_with_its_passphrase_only() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let started = inspector_started_inspection(&data);
    let id = started.trim().lines().last().unwrap().trim().to_string();
    let first = json(kiemtra(&data).args(["inspection", "show", &id, "--json"]))["items"][0]
        ["source_ref"]
        .as_str()
        .unwrap()
        .to_string();
    stdout(kiemtra(&data).args([
        "inspection",
        "record",
        &id,
        &first,
        "--status",
        "partial",
        "--note",
        "Thiếu sổ theo dõi hồ sơ QZX-5521",
    ]));
    let file = dir.path().join("Ảnh bộ phận một cửa.jpg");
    std::fs::write(&file, b"\xff\xd8\xff anh chup EVD-7781 ".repeat(10_000)).unwrap();
    stdout(
        kiemtra(&data)
            .args(["evidence", "add", &id])
            .arg(&file)
            .args(["--criterion", "3.1"]),
    );
    let before = json(kiemtra(&data).args(["inspection", "show", &id, "--json"]));

    let sheet = dir.path().join("to-khoa-khoi-phuc.pdf");
    let said = stdout(
        kiemtra(&data)
            .env("KIEMTRA_PASSPHRASE", PASS)
            .arg("encrypt")
            .arg("--recovery-out")
            .arg(&sheet),
    );
    assert!(said.contains("Đã mã hoá kho dữ liệu"), "{said}");
    assert!(said.contains("Khoá khôi phục"), "{said}");
    assert!(std::fs::read(&sheet).unwrap().starts_with(b"%PDF-"));
    for (path, bytes) in files_under(&data) {
        for needle in [
            "Tam Tiến".as_bytes(),
            "QZX-5521".as_bytes(),
            b"EVD-7781",
            b"SQLite format 3",
        ] {
            assert!(
                !contains(&bytes, needle),
                "{} holds «{}» in the clear",
                path.display(),
                String::from_utf8_lossy(needle)
            );
        }
    }

    // Without the passphrase, every command says the store is encrypted, and how to open it.
    let err =
        fails(
            kiemtra(&data)
                .env_remove("KIEMTRA_PASSPHRASE")
                .args(["inspection", "show", &id]),
        );
    assert!(
        err.contains("đã được mã hoá") && err.contains("KIEMTRA_PASSPHRASE"),
        "{err}"
    );
    // A wrong one: its own message, and no byte of the data directory changes.
    let snapshot = files_under(&data);
    let err = fails(
        kiemtra(&data)
            .env("KIEMTRA_PASSPHRASE", "không phải mật khẩu")
            .arg("unlock-check"),
    );
    assert!(err.contains("Mật khẩu không đúng"), "{err}");
    let err = fails(
        kiemtra(&data)
            .env("KIEMTRA_PASSPHRASE", "không phải mật khẩu")
            .args(["inspection", "show", &id]),
    );
    assert!(err.contains("Mật khẩu không đúng"), "{err}");
    assert!(
        snapshot == files_under(&data),
        "a wrong passphrase changed the data directory"
    );

    // The right one, from the environment or from a file (with its newline).
    stdout(
        kiemtra(&data)
            .env("KIEMTRA_PASSPHRASE", PASS)
            .arg("unlock-check"),
    );
    let pass_file = dir.path().join("mat-khau.txt");
    std::fs::write(&pass_file, format!("{PASS}\r\n")).unwrap();
    let after = json(
        kiemtra(&data)
            .env_remove("KIEMTRA_PASSPHRASE")
            .arg("--passphrase-file")
            .arg(&pass_file)
            .args(["inspection", "show", &id, "--json"]),
    );
    assert_eq!(after, before, "the inspection reads back as it was");
    let verify = stdout(
        kiemtra(&data)
            .env("KIEMTRA_PASSPHRASE", PASS)
            .args(["evidence", "verify"]),
    );
    assert!(!verify.contains("thay đổi"), "{verify}");
    stdout(kiemtra(&data).env("KIEMTRA_PASSPHRASE", PASS).arg("check"));
    // Encrypting twice is refused.
    let err = fails(
        kiemtra(&data)
            .env("KIEMTRA_PASSPHRASE", PASS)
            .arg("encrypt"),
    );
    assert!(err.contains("đã được mã hoá"), "{err}");
}

#[test]
fn a_forgotten_passphrase_is_replaced_with_the_recovery_key() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    stdout(kiemtra(&data).arg("init"));
    stdout(kiemtra(&data).args(["profile", "add", "Trần Thị Bình", "--role", "lead"]));
    let said = json(
        kiemtra(&data)
            .env("KIEMTRA_PASSPHRASE", PASS)
            .args(["encrypt", "--json"]),
    );
    let key = said["recovery_key"].as_str().unwrap().to_string();
    let key_file = dir.path().join("khoa.txt");
    std::fs::write(&key_file, key.to_lowercase().replace('-', " ")).unwrap();
    stdout(
        kiemtra(&data)
            .env_remove("KIEMTRA_PASSPHRASE")
            .env("KIEMTRA_NEW_PASSPHRASE", "Mật khẩu mới tháng mười hai")
            .arg("--recovery-key-file")
            .arg(&key_file)
            .args(["passphrase", "change"]),
    );
    let err = fails(
        kiemtra(&data)
            .env("KIEMTRA_PASSPHRASE", PASS)
            .arg("unlock-check"),
    );
    assert!(err.contains("Mật khẩu không đúng"), "{err}");
    let profiles = stdout(
        kiemtra(&data)
            .env("KIEMTRA_PASSPHRASE", "Mật khẩu mới tháng mười hai")
            .args(["profile", "list"]),
    );
    assert!(profiles.contains("Trần Thị Bình"), "{profiles}");
    // A new recovery key (and its sheet) replaces the old one.
    let sheet = dir.path().join("khoa-moi.pdf");
    let fresh = json(
        kiemtra(&data)
            .env("KIEMTRA_PASSPHRASE", "Mật khẩu mới tháng mười hai")
            .arg("recovery-key")
            .arg("--out")
            .arg(&sheet)
            .arg("--json"),
    );
    assert_ne!(fresh["recovery_key"].as_str().unwrap(), key);
    assert!(std::fs::read(&sheet).unwrap().starts_with(b"%PDF-"));
    let err = fails(
        kiemtra(&data)
            .env_remove("KIEMTRA_PASSPHRASE")
            .arg("--recovery-key-file")
            .arg(&key_file)
            .arg("unlock-check"),
    );
    assert!(err.contains("Khoá khôi phục không đúng"), "{err}");
    // A plain store has no passphrase to check.
    let plain = dir.path().join("plain");
    stdout(kiemtra(&plain).arg("init"));
    let err = fails(
        kiemtra(&plain)
            .env("KIEMTRA_PASSPHRASE", PASS)
            .arg("unlock-check"),
    );
    assert!(err.contains("chưa được mã hoá"), "{err}");
}

#[test]
fn the_backup_of_an_encrypted_store_restores_only_with_its_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let started = inspector_started_inspection(&data);
    let id = started.trim().lines().last().unwrap().trim().to_string();
    stdout(
        kiemtra(&data)
            .env("KIEMTRA_PASSPHRASE", PASS)
            .arg("encrypt"),
    );
    let before = json(kiemtra(&data).env("KIEMTRA_PASSPHRASE", PASS).args([
        "inspection",
        "show",
        &id,
        "--json",
    ]));
    let out = dir.path().join("sao-luu.kbak");
    stdout(
        kiemtra(&data)
            .env("KIEMTRA_PASSPHRASE", PASS)
            .args(["backup", "--out"])
            .arg(&out),
    );
    let target = dir.path().join("khoi-phuc");

    // No passphrase: asked for by name, nothing written.
    let err = fails(kiemtra(&target).arg("restore").arg(&out));
    assert!(err.contains("cần mật khẩu"), "{err}");
    assert!(err.contains("Chưa có gì được ghi"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
    assert!(!target.exists());
    // A wrong one: its own message, nothing written.
    let err = fails(
        kiemtra(&target)
            .env("KIEMTRA_PASSPHRASE", "không phải mật khẩu")
            .arg("restore")
            .arg(&out),
    );
    assert!(err.contains("Mật khẩu không đúng"), "{err}");
    assert!(!target.exists());
    // The passphrase from a file: restored, encrypted, the same inspection.
    let pass_file = dir.path().join("mat-khau.txt");
    std::fs::write(&pass_file, PASS).unwrap();
    stdout(
        kiemtra(&target)
            .arg("--passphrase-file")
            .arg(&pass_file)
            .arg("restore")
            .arg(&out),
    );
    assert!(target.join("kiemtra.key").exists());
    let after = json(kiemtra(&target).env("KIEMTRA_PASSPHRASE", PASS).args([
        "inspection",
        "show",
        &id,
        "--json",
    ]));
    assert_eq!(after, before);
}
