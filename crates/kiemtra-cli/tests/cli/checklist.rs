//! `kiemtra checklist`: the checklist differs by agency.

use crate::{json, kiemtra, stdout};

#[test]
fn checklists_for_a_commune_and_for_the_finance_department_differ() {
    let dir = tempfile::tempdir().unwrap();
    stdout(kiemtra(dir.path()).arg("init"));
    let refs = |code: &str| -> Vec<String> {
        let v = json(kiemtra(dir.path()).args(["checklist", "show", "--agency", code, "--json"]));
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["source_ref"].as_str().unwrap().to_string())
            .collect()
    };
    let commune = refs("07264");
    let finance = refs("STC");
    assert!(!commune.is_empty() && !finance.is_empty());
    assert_ne!(commune, finance);
    let all = json(kiemtra(dir.path()).args(["checklist", "show", "--json"]));
    let item = &all["items"][0];
    for key in [
        "id",
        "source_ref",
        "text",
        "evidence",
        "target",
        "deadline",
        "par_fields",
        "applies_to",
    ] {
        assert!(item.get(key).is_some(), "item JSON lacks {key}");
    }
}

#[test]
fn a_department_sees_its_co_operation_duties_apart_and_the_plan_can_leave_them_out() {
    let dir = tempfile::tempdir().unwrap();
    stdout(kiemtra(dir.path()).arg("init"));
    let v = json(kiemtra(dir.path()).args(["checklist", "show", "--agency", "STP", "--json"]));
    let items = v["items"].as_array().unwrap();
    let iv = items
        .iter()
        .find(|i| i["source_ref"] == "IV.1.1.1")
        .expect("STP co-operates on IV.1.1.1");
    assert_eq!(iv["kind"], "cooperation");
    let text = stdout(kiemtra(dir.path()).args(["checklist", "show", "--agency", "STP"]));
    let lead_at = text.find("NHIỆM VỤ CHỦ TRÌ").unwrap();
    let coop_at = text.find("NHIỆM VỤ PHỐI HỢP").unwrap();
    assert!(lead_at < coop_at && text[coop_at..].contains("IV.1.1.1"));
    assert!(!text[..coop_at].contains("IV.1.1.1"));
    // The repeated items and the conflicting targets, in the text of the whole list.
    let all = stdout(kiemtra(dir.path()).args(["checklist", "show"]));
    assert!(
        all.contains("VII.2.2.1 = TC.1.1.1 "),
        "one item, both references"
    );
    assert!(all.contains("V.1.2.4 = V.1.2.5 "));
    assert!(all.contains("⚠ Cùng số liệu, kế hoạch ghi chỉ tiêu khác: VI.1.CT.6 (≥ 80%)"));

    // The plan setting, lead only.
    stdout(kiemtra(dir.path()).args(["profile", "add", "Trần Thị Bình", "--role", "lead"]));
    stdout(kiemtra(dir.path()).args(["plan", "create", "--year", "2026", "--include", "STP"]));
    let out = stdout(kiemtra(dir.path()).args([
        "plan",
        "cooperation",
        "--year",
        "2026",
        "--not-inspected",
    ]));
    assert!(out.contains("chỉ kiểm tra nhiệm vụ chủ trì"), "{out}");
    let p = json(kiemtra(dir.path()).args(["plan", "show", "--year", "2026", "--json"]));
    assert_eq!(p["cooperation_inspected"], false);
    let id = stdout(kiemtra(dir.path()).args([
        "inspection",
        "start",
        "--year",
        "2026",
        "--agency",
        "STP",
        "--date",
        "2026-05-04",
    ]));
    let id = id.lines().last().unwrap().trim().to_string();
    let i = json(kiemtra(dir.path()).args(["inspection", "show", &id, "--json"]));
    let kinds: Vec<&str> = i["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["kind"].as_str().unwrap())
        .collect();
    assert!(!kinds.is_empty() && kinds.iter().all(|k| *k == "lead"));
}

#[test]
fn the_inspecting_body_cannot_be_planned_to_inspect_itself() {
    let dir = tempfile::tempdir().unwrap();
    stdout(kiemtra(dir.path()).arg("init"));
    stdout(kiemtra(dir.path()).args(["profile", "add", "Trần Thị Bình", "--role", "lead"]));
    let out = kiemtra(dir.path())
        .args(["plan", "create", "--year", "2026", "--include", "SNV"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("Sở Nội vụ") && err.contains("không thể tự kiểm tra"),
        "{err}"
    );
    let out = kiemtra(dir.path())
        .args(["plan", "show", "--year", "2026"])
        .output()
        .unwrap();
    assert!(!out.status.success(), "nothing was created");
    let p = json(kiemtra(dir.path()).args([
        "plan", "create", "--year", "2026", "--random", "7", "--json",
    ]));
    assert!(p["agencies"]
        .as_array()
        .unwrap()
        .iter()
        .all(|a| a["code"] != "SNV"));
}
