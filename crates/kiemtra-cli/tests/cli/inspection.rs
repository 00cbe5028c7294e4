//! `kiemtra inspection` and `finding`: a submitted inspection cannot be changed.

use serde_json::Value;

use crate::{inspector_started_inspection, json, kiemtra, stdout};

#[test]
fn a_submitted_inspection_refuses_record_with_a_clear_message_and_no_change() {
    let dir = tempfile::tempdir().unwrap();
    let started = inspector_started_inspection(dir.path());
    let id = started.trim().lines().last().unwrap().trim().to_string();
    assert!(
        id.parse::<i64>().is_ok(),
        "the id alone on the last line: {started}"
    );

    stdout(kiemtra(dir.path()).args([
        "inspection",
        "record",
        &id,
        "II.6.CT.1",
        "--status",
        "unmet",
        "--value",
        "93,5",
    ]));
    let shown = json(kiemtra(dir.path()).args(["inspection", "show", &id, "--json"]));
    let item = shown["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["source_ref"] == "II.6.CT.1")
        .unwrap();
    assert_eq!(item["judgement"], "unmet");
    assert_eq!(item["value"], 93.5);
    stdout(kiemtra(dir.path()).args([
        "finding",
        "add",
        &id,
        "--item",
        "II.6.CT.1",
        "--kind",
        "shortcoming",
        "--text",
        "Tỷ lệ hồ sơ đúng hạn 93,5%, chưa đạt chỉ tiêu",
        "--due",
        "2026-07-01",
    ]));
    stdout(kiemtra(dir.path()).args(["inspection", "submit", &id]));

    let before = stdout(kiemtra(dir.path()).args(["inspection", "show", &id, "--json"]));
    let out = kiemtra(dir.path())
        .args([
            "inspection",
            "record",
            &id,
            "II.6.CT.1",
            "--status",
            "met",
            "--value",
            "96",
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("đã nộp chờ Trưởng đoàn duyệt"), "{err}");
    assert_eq!(
        stdout(kiemtra(dir.path()).args(["inspection", "show", &id, "--json"])),
        before,
        "nothing changed"
    );
    let v: Value = serde_json::from_str(&before).unwrap();
    assert_eq!(v["status"], "submitted");
    assert_eq!(v["findings"][0]["due"], "2026-07-01");
    assert!(v["progress"]["answered"] == 1);
}
