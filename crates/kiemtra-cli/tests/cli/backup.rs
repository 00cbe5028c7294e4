//! `kiemtra backup`, `restore`, `check`, and two processes writing the store at once.

use std::path::Path;

use crate::{inspector_started_inspection, json, kiemtra, stdout};

fn items(data: &Path, id: &str) -> Vec<String> {
    json(kiemtra(data).args(["inspection", "show", id, "--json"]))["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["source_ref"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_backup_restores_an_equal_inspection_and_a_damaged_one_is_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let started = inspector_started_inspection(&data);
    let id = started.trim().lines().last().unwrap().trim().to_string();
    for (n, r) in items(&data, &id).iter().take(5).enumerate() {
        stdout(kiemtra(&data).args([
            "inspection",
            "record",
            &id,
            r,
            "--status",
            "partial",
            "--note",
            &format!("Ghi chú {n}: thiếu biên bản họp"),
        ]));
    }
    let file = dir.path().join("Biên bản họp tổ công tác.pdf");
    std::fs::write(&file, b"%PDF-1.4 bien ban".repeat(20_000)).unwrap();
    stdout(
        kiemtra(&data)
            .args(["evidence", "add", &id])
            .arg(&file)
            .args(["--criterion", "3.1"]),
    );

    let out = dir.path().join("usb").join("kiemtra-2026-12-03.kbak");
    let said = stdout(kiemtra(&data).args(["backup", "--out"]).arg(&out));
    assert!(said.contains("Đã sao lưu"), "{said}");
    assert!(said.contains("1 tệp"), "{said}");

    let restored = dir.path().join("may-moi");
    let said = stdout(kiemtra(&restored).arg("restore").arg(&out));
    assert!(said.contains("kho dữ liệu toàn vẹn"), "{said}");
    assert_eq!(
        json(kiemtra(&restored).args(["inspection", "show", &id, "--json"])),
        json(kiemtra(&data).args(["inspection", "show", &id, "--json"])),
        "the restored inspection is the source's"
    );
    let check = stdout(kiemtra(&restored).arg("check"));
    assert!(check.contains("Kho dữ liệu: toàn vẹn"), "{check}");
    stdout(kiemtra(&restored).args(["evidence", "verify"]));

    // One flipped byte: refused, and the target directory is not created.
    let mut bytes = std::fs::read(&out).unwrap();
    let at = bytes.len() / 3;
    bytes[at] ^= 0x20;
    let bad = dir.path().join("hong.kbak");
    std::fs::write(&bad, &bytes).unwrap();
    let target = dir.path().join("khong-duoc-tao");
    let o = kiemtra(&target).arg("restore").arg(&bad).output().unwrap();
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("Bản sao lưu không dùng được"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
    assert!(!target.exists());

    // Restoring over data that is there is refused, the data untouched.
    let before = std::fs::read(data.join("kiemtra.sqlite3")).unwrap();
    let o = kiemtra(&data).arg("restore").arg(&out).output().unwrap();
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("không trống"));
    assert_eq!(std::fs::read(data.join("kiemtra.sqlite3")).unwrap(), before);
}

#[test]
fn check_exits_non_zero_naming_an_altered_evidence_file() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let started = inspector_started_inspection(&data);
    let id = started.trim().lines().last().unwrap().trim().to_string();
    let file = dir.path().join("Ảnh trụ sở.jpg");
    std::fs::write(&file, b"\xff\xd8\xff anh tru so".repeat(1000)).unwrap();
    let added = stdout(
        kiemtra(&data)
            .args(["evidence", "add", &id])
            .arg(&file)
            .args(["--criterion", "3.1"]),
    );
    stdout(kiemtra(&data).arg("check"));
    let sha = added.split_whitespace().next().unwrap();
    let blob = data.join("evidence").join(&sha[..2]).join(sha);
    let mut perm = std::fs::metadata(&blob).unwrap().permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    perm.set_readonly(false);
    std::fs::set_permissions(&blob, perm).unwrap();
    std::fs::write(&blob, b"da bi sua").unwrap();
    let o = kiemtra(&data).arg("check").output().unwrap();
    assert!(!o.status.success());
    let out = String::from_utf8_lossy(&o.stdout);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        out.contains("Ảnh trụ sở.jpg") && out.contains("đã bị thay đổi"),
        "{out}"
    );
    assert!(err.contains("1 tài liệu kiểm chứng"), "{err}");
}

/// The app and the CLI (here: two CLI processes) writing at once: every write either succeeds
/// or is refused with the clear "busy" message, and nothing confirmed is lost.
#[test]
fn two_processes_recording_at_once_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let started = inspector_started_inspection(&data);
    let id = started.trim().lines().last().unwrap().trim().to_string();
    let refs = items(&data, &id);
    let halves: Vec<Vec<String>> = vec![
        refs.iter().step_by(2).take(25).cloned().collect(),
        refs.iter().skip(1).step_by(2).take(25).cloned().collect(),
    ];
    let workers: Vec<_> = halves
        .into_iter()
        .enumerate()
        .map(|(w, part)| {
            let data = data.clone();
            let id = id.clone();
            std::thread::spawn(move || {
                let mut confirmed = Vec::new();
                let mut busy = 0;
                for r in part {
                    let note = format!("tiến trình {w}");
                    let o = kiemtra(&data)
                        .args([
                            "inspection",
                            "record",
                            &id,
                            &r,
                            "--status",
                            "met",
                            "--note",
                            &note,
                        ])
                        .output()
                        .unwrap();
                    if o.status.success() {
                        confirmed.push((r, note));
                    } else {
                        let err = String::from_utf8_lossy(&o.stderr).to_string();
                        assert!(
                            err.contains("đang bị một chương trình khác"),
                            "not a busy refusal: {err}"
                        );
                        busy += 1;
                    }
                }
                (confirmed, busy)
            })
        })
        .collect();
    let mut confirmed = Vec::new();
    let mut busy = 0;
    for w in workers {
        let (c, b) = w.join().unwrap();
        confirmed.extend(c);
        busy += b;
    }
    let shown = json(kiemtra(&data).args(["inspection", "show", &id, "--json"]));
    for (r, note) in &confirmed {
        let item = shown["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["source_ref"] == r.as_str())
            .unwrap();
        assert_eq!(item["note"], note.as_str(), "{r}");
    }
    assert_eq!(confirmed.len() + busy, 50);
    eprintln!(
        "two processes: {} confirmed, {busy} refused as busy",
        confirmed.len()
    );
    stdout(kiemtra(&data).arg("check"));
}
