//! The `kiemtra` binary, driven as a user would: exit codes, stdout, stderr.

#![allow(clippy::unwrap_used, clippy::expect_used)] // in tests a panic is a failed test, with its message

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

fn kiemtra(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("kiemtra").expect("binary built");
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

#[test]
fn init_twice_reports_the_same_counts() {
    let dir = tempfile::tempdir().unwrap();
    let first = json(kiemtra(dir.path()).args(["init", "--json"]));
    let second = json(kiemtra(dir.path()).args(["init", "--json"]));
    assert_eq!(first["summary"], second["summary"]);
    let s = &first["summary"];
    assert_eq!(s["register"]["communes"], 99);
    assert_eq!(s["register"]["xa"], 66);
    assert_eq!(s["register"]["phuong"], 33);
    assert_eq!(s["par_fields"], 8);
    assert_eq!(s["objectives"], 32);
    assert_eq!(s["objectives_without_items"], 0);
    assert_eq!(second["seeds"]["loaded"].as_array().unwrap().len(), 0);
    let text = stdout(kiemtra(dir.path()).arg("init"));
    assert!(
        text.contains(&dir.path().display().to_string()),
        "init prints the data directory: {text}"
    );
}

#[test]
fn agencies_list_json_has_code_name_block_and_searches_without_diacritics() {
    let dir = tempfile::tempdir().unwrap();
    stdout(kiemtra(dir.path()).arg("init"));
    let v =
        json(kiemtra(dir.path()).args(["agencies", "list", "--search", "thuan thanh", "--json"]));
    let rows = v.as_array().unwrap();
    assert!(rows.iter().any(|r| r["name"] == "Phường Thuận Thành"
        && r["block"] == "commune"
        && r["code"].is_string()));
    let communes =
        json(kiemtra(dir.path()).args(["agencies", "list", "--block", "commune", "--json"]));
    assert_eq!(communes.as_array().unwrap().len(), 99);
}

#[test]
fn a_bad_import_row_fails_with_its_line_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    stdout(kiemtra(dir.path()).arg("init"));
    stdout(kiemtra(dir.path()).args(["profile", "add", "Trần Thị Bình", "--role", "lead"]));
    let before = stdout(kiemtra(dir.path()).args(["agencies", "list", "--all", "--json"]));

    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "code,name,block\nBQLDA,Ban Quản lý dự án,provincial\nX9,,commune\n",
    )
    .unwrap();
    let out = kiemtra(dir.path())
        .args(["agencies", "import"])
        .arg(&bad)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("dòng 3"), "stderr names the line: {err}");
    assert_eq!(err.trim().lines().count(), 1, "one line on stderr: {err}");
    assert_eq!(
        stdout(kiemtra(dir.path()).args(["agencies", "list", "--all", "--json"])),
        before
    );

    let good = dir.path().join("good.csv");
    std::fs::write(
        &good,
        "code,name,block\nBQLDA,Ban Quản lý dự án,provincial\n",
    )
    .unwrap();
    stdout(kiemtra(dir.path()).args(["agencies", "import"]).arg(&good));
    let v = json(kiemtra(dir.path()).args([
        "agencies",
        "list",
        "--search",
        "ban quan ly du an",
        "--json",
    ]));
    assert_eq!(v.as_array().unwrap().len(), 1);
}

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
fn framework_show_json_is_a_tree_with_versions() {
    let dir = tempfile::tempdir().unwrap();
    stdout(kiemtra(dir.path()).arg("init"));
    let v = json(kiemtra(dir.path()).args(["framework", "show", "--json"]));
    assert!(v["version"].is_string());
    let nodes = v["nodes"].as_array().unwrap();
    assert_eq!(nodes.len(), 8);
    assert!(nodes[0]["children"]
        .as_array()
        .is_some_and(|c| !c.is_empty()));
    assert!(nodes[0]["max_points"].is_null());
}

#[test]
fn an_inspector_is_refused_lead_actions_with_a_clear_reason() {
    let dir = tempfile::tempdir().unwrap();
    stdout(kiemtra(dir.path()).arg("init"));
    stdout(kiemtra(dir.path()).args(["profile", "add", "Trần Thị Bình", "--role", "lead"]));
    stdout(kiemtra(dir.path()).args(["profile", "add", "Nguyễn Văn An", "--role", "inspector"]));
    stdout(kiemtra(dir.path()).args(["profile", "use", "Nguyễn Văn An"]));
    let f = dir.path().join("fw.csv");
    std::fs::write(&f, "code,name,parent_code,max_points\n1,A,,10\n").unwrap();
    let out = kiemtra(dir.path())
        .args(["framework", "import"])
        .arg(&f)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("Trưởng đoàn"));
    let list = json(kiemtra(dir.path()).args(["profile", "list", "--json"]));
    assert!(list
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["name"] == "Nguyễn Văn An" && p["current"] == true));
}

#[test]
fn a_submitted_inspection_refuses_record_with_a_clear_message_and_no_change() {
    let dir = tempfile::tempdir().unwrap();
    stdout(kiemtra(dir.path()).arg("init"));
    stdout(kiemtra(dir.path()).args(["profile", "add", "Trần Thị Bình", "--role", "lead"]));
    stdout(kiemtra(dir.path()).args(["profile", "add", "Nguyễn Văn An", "--role", "inspector"]));
    stdout(kiemtra(dir.path()).args(["plan", "create", "--year", "2026", "--include", "07264"]));
    stdout(kiemtra(dir.path()).args(["profile", "use", "Nguyễn Văn An"]));
    let started = stdout(kiemtra(dir.path()).args([
        "inspection",
        "start",
        "--year",
        "2026",
        "--agency",
        "07264",
        "--date",
        "2026-05-04",
    ]));
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
    // Stored files are read-only; someone altering one has to mean it.
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&blob, std::fs::Permissions::from_mode(0o644)).unwrap();
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

#[test]
fn plan_create_random_7_is_reproducible_and_finalize_names_the_shortfall() {
    let plan_of = |dir: &Path| -> Value {
        stdout(kiemtra(dir).arg("init"));
        stdout(kiemtra(dir).args(["profile", "add", "Trần Thị Bình", "--role", "lead"]));
        json(kiemtra(dir).args([
            "plan", "create", "--year", "2026", "--random", "7", "--json",
        ]))
    };
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (pa, pb) = (plan_of(a.path()), plan_of(b.path()));
    let codes = |p: &Value| {
        p["agencies"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["code"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        codes(&pa),
        codes(&pb),
        "a fresh data directory gives the identical list"
    );
    for block in ["provincial", "commune"] {
        let c = &pa["coverage"][block];
        assert!(
            c["selected"].as_i64().unwrap() * 5 >= c["total"].as_i64().unwrap(),
            "{block}: {c}"
        );
    }
    assert_eq!(pa["seed"], 7);

    // One commune short: finalize fails and says 1 for the commune block.
    let commune = pa["agencies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["block"] == "commune")
        .unwrap()["code"]
        .as_str()
        .unwrap()
        .to_string();
    stdout(kiemtra(a.path()).args(["plan", "create", "--year", "2026", "--exclude", &commune]));
    let out = kiemtra(a.path())
        .args(["plan", "finalize", "--year", "2026"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("UBND cấp xã còn thiếu 1 cơ quan"), "{err}");
    let shown = json(kiemtra(a.path()).args(["plan", "show", "--year", "2026", "--json"]));
    assert_eq!(shown["status"], "draft");
}

#[test]
fn an_issued_inspection_refuses_record_finding_and_evidence_and_a_correction_is_a_new_version() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    stdout(kiemtra(&data).arg("init"));
    stdout(kiemtra(&data).args(["profile", "add", "Trần Thị Bình", "--role", "lead"]));
    stdout(kiemtra(&data).args(["profile", "add", "Nguyễn Văn An", "--role", "inspector"]));
    stdout(kiemtra(&data).args(["plan", "create", "--year", "2026", "--include", "07264"]));
    stdout(kiemtra(&data).args(["profile", "use", "Nguyễn Văn An"]));
    let started = stdout(kiemtra(&data).args([
        "inspection",
        "start",
        "--year",
        "2026",
        "--agency",
        "07264",
        "--date",
        "2026-05-04",
    ]));
    let id = started.trim().lines().last().unwrap().to_string();
    stdout(kiemtra(&data).args([
        "finding",
        "add",
        &id,
        "--item",
        "II.2.1.1",
        "--kind",
        "shortcoming",
        "--text",
        "Chưa lập danh mục TTHC cần rà soát",
    ]));
    let file = dir.path().join("danh-muc.pdf");
    std::fs::write(&file, b"%PDF-1.4 danh muc").unwrap();
    stdout(
        kiemtra(&data)
            .args(["evidence", "add", &id])
            .arg(&file)
            .args(["--criterion", "3.2"]),
    );
    stdout(kiemtra(&data).args(["inspection", "submit", &id]));

    // An inspector cannot issue.
    let out = kiemtra(&data)
        .args([
            "notice",
            "issue",
            &id,
            "--number",
            "12",
            "--date",
            "2026-05-20",
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    stdout(kiemtra(&data).args(["profile", "use", "Trần Thị Bình"]));
    let draft = dir.path().join("draft.pdf");
    stdout(
        kiemtra(&data)
            .args(["notice", "render", &id, "--date", "2026-05-20", "--out"])
            .arg(&draft),
    );
    let issued = dir.path().join("issued.pdf");
    let said = stdout(
        kiemtra(&data)
            .args([
                "notice",
                "issue",
                &id,
                "--number",
                "12",
                "--date",
                "2026-05-20",
                "--out",
            ])
            .arg(&issued),
    );
    assert!(said.contains("12") && said.contains("khoá"), "{said}");
    assert_ne!(
        std::fs::read(&draft).unwrap(),
        std::fs::read(&issued).unwrap(),
        "the draft carries DỰ THẢO, the issue does not"
    );

    let before = stdout(kiemtra(&data).args(["inspection", "show", &id, "--json"]));
    let refusals: [Vec<String>; 3] = [
        ["inspection", "record", &id, "II.2.1.1", "--status", "met"]
            .map(String::from)
            .to_vec(),
        [
            "finding",
            "add",
            &id,
            "--criterion",
            "3.2",
            "--kind",
            "strength",
            "--text",
            "x",
        ]
        .map(String::from)
        .to_vec(),
        vec![
            "evidence".into(),
            "add".into(),
            id.clone(),
            file.display().to_string(),
            "--criterion".into(),
            "3.1".into(),
        ],
    ];
    for args in &refusals {
        let out = kiemtra(&data).args(args).output().unwrap();
        assert!(!out.status.success(), "{args:?} must be refused");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("đã ban hành"),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(
        stdout(kiemtra(&data).args(["inspection", "show", &id, "--json"])),
        before
    );
    // Rendering an issued notice gives the kept file, byte for byte.
    let again = dir.path().join("again.pdf");
    stdout(
        kiemtra(&data)
            .args(["notice", "render", &id, "--out"])
            .arg(&again),
    );
    assert_eq!(
        std::fs::read(&again).unwrap(),
        std::fs::read(&issued).unwrap()
    );

    // A correction: reopen with a reason, fix, issue again → version 2 replacing version 1.
    stdout(kiemtra(&data).args(["notice", "reopen", &id, "--reason", "Sai số liệu mục II.2"]));
    stdout(kiemtra(&data).args([
        "finding",
        "add",
        &id,
        "--item",
        "II.2.1.1",
        "--kind",
        "strength",
        "--text",
        "Đã lập danh mục sau kiểm tra",
    ]));
    let out = kiemtra(&data)
        .args([
            "notice",
            "issue",
            &id,
            "--number",
            "13",
            "--date",
            "2026-05-25",
        ])
        .output()
        .unwrap();
    assert!(!out.status.success(), "a correction needs its reason");
    stdout(kiemtra(&data).args([
        "notice",
        "issue",
        &id,
        "--number",
        "13",
        "--date",
        "2026-05-25",
        "--reason",
        "Đính chính số liệu mục II.2",
    ]));
    let versions = json(kiemtra(&data).args(["notice", "list", &id, "--json"]));
    let v = versions.as_array().unwrap();
    assert_eq!(v.len(), 2);
    assert_eq!(v[1]["replaces"], v[0]["id"]);
    for n in v {
        let sha = n["sha256"].as_str().unwrap();
        assert!(
            data.join("notices").join(format!("{sha}.pdf")).exists(),
            "both files are kept"
        );
    }
}
