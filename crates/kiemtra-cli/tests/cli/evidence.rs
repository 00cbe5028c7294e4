//! `kiemtra evidence`: hashes as `sha256sum` prints them, and a file changed behind its back.

use crate::{json, kiemtra, stdout};

#[test]
fn evidence_add_prints_what_sha256sum_prints_and_verify_names_an_altered_file() {
    use unicode_normalization::UnicodeNormalization;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    stdout(kiemtra(&data).arg("init"));
    stdout(kiemtra(&data).args(["profile", "add", "Trần Thị Bình", "--role", "lead"]));
    stdout(kiemtra(&data).args(["plan", "create", "--year", "2026", "--include", "07264"]));
    let started =
        stdout(kiemtra(&data).args(["inspection", "start", "--year", "2026", "--agency", "07264"]));
    let id = started.trim().lines().last().unwrap().to_string();

    // A few MB of varied bytes under a decomposed (NFD) Vietnamese name, as macOS would hand it over.
    let name: String = "Báo cáo kết quả tự kiểm tra CCHC.pdf".nfd().collect();
    let path = dir.path().join(&name);
    let content: Vec<u8> = (0..3_000_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    std::fs::write(&path, &content).unwrap();
    let ours = stdout(
        kiemtra(&data)
            .args(["evidence", "add", &id])
            .arg(&path)
            .args(["--criterion", "3.1"]),
    );
    let theirs = std::process::Command::new("sha256sum")
        .arg(&path)
        .output()
        .unwrap();
    let theirs = String::from_utf8(theirs.stdout).unwrap();
    assert_eq!(
        ours.split_whitespace().next(),
        theirs.split_whitespace().next(),
        "ours: {ours} sha256sum: {theirs}"
    );
    assert!(
        ours.contains("Báo cáo kết quả tự kiểm tra CCHC.pdf"),
        "the name is shown in NFC: {ours}"
    );
    let list = json(kiemtra(&data).args(["evidence", "list", &id, "--json"]));
    assert_eq!(list[0]["criteria"][0], "3.1");
    assert_eq!(list[0]["size"], 3_000_000);

    stdout(kiemtra(&data).args(["evidence", "verify", &id]));
    let sha = ours.split_whitespace().next().unwrap();
    let blob = data.join("evidence").join(&sha[..2]).join(sha);
    let mut bytes = std::fs::read(&blob).unwrap();
    bytes[1_000_000] ^= 0x01;
    // Stored files are read-only; someone altering one has to mean it. (The test itself runs
    // on Linux, also when it drives the Windows build under Wine, which keeps the read-only
    // attribute as the file's mode.)
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&blob, std::fs::Permissions::from_mode(0o644)).unwrap();
    }
    std::fs::write(&blob, bytes).unwrap();
    let out = kiemtra(&data)
        .args(["evidence", "verify"])
        .output()
        .unwrap();
    assert!(!out.status.success(), "verify must fail on an altered file");
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert!(
        text.contains("Báo cáo kết quả tự kiểm tra CCHC.pdf") && text.contains("BỊ SỬA"),
        "{text}"
    );
}

/// The name a Vietnamese user gives a file, spaces and tones included, is kept through add,
/// list and verify — on Linux and, under Wine, with the Windows build (`.ci/package`).
#[test]
fn evidence_with_a_vietnamese_file_name_is_added_listed_and_verified() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    stdout(kiemtra(&data).arg("init"));
    stdout(kiemtra(&data).args(["profile", "add", "Trần Thị Bình", "--role", "lead"]));
    stdout(kiemtra(&data).args(["plan", "create", "--year", "2026", "--include", "07264"]));
    let started =
        stdout(kiemtra(&data).args(["inspection", "start", "--year", "2026", "--agency", "07264"]));
    let id = started.trim().lines().last().unwrap().to_string();
    let path = dir.path().join("Biên bản họp.pdf");
    std::fs::write(&path, b"%PDF-1.4 bien ban hop").unwrap();
    let added = stdout(
        kiemtra(&data)
            .args(["evidence", "add", &id])
            .arg(&path)
            .args(["--criterion", "3.1"]),
    );
    assert!(added.contains("Biên bản họp.pdf"), "{added}");
    let list = json(kiemtra(&data).args(["evidence", "list", &id, "--json"]));
    assert_eq!(list[0]["name"], "Biên bản họp.pdf", "{list}");
    let verified = stdout(kiemtra(&data).args(["evidence", "verify", &id]));
    assert!(!verified.contains("BỊ SỬA"), "{verified}");
}
