//! `kiemtra bundle`, `device`, `conflicts`: one lead and two inspectors on three laptops (three
//! data directories) exchange their work through bundle files.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::{json, kiemtra, stdout};

/// A laptop: its data directory, set up with one profile (the current one).
fn laptop(root: &Path, name: &str, person: &str, role: &str) -> PathBuf {
    let data = root.join(name);
    stdout(kiemtra(&data).arg("init"));
    stdout(kiemtra(&data).args(["profile", "add", person, "--role", role]));
    data
}

fn export(data: &Path, out: &Path) {
    stdout(
        kiemtra(data)
            .args(["bundle", "export", "--year", "2026", "--out"])
            .arg(out),
    );
}

fn import(data: &Path, file: &Path) -> Value {
    json(
        kiemtra(data)
            .args(["bundle", "import"])
            .arg(file)
            .args(["--trust", "--json"]),
    )
}

/// What an import refused with: its exit status and its one-line message.
fn refused(data: &Path, file: &Path) -> String {
    let out = kiemtra(data)
        .args(["bundle", "import"])
        .arg(file)
        .args(["--trust", "--json"])
        .output()
        .unwrap();
    assert!(
        !out.status.success(),
        "the bundle {} must be refused",
        file.display()
    );
    String::from_utf8(out.stderr).unwrap()
}

fn started(data: &Path) -> String {
    let said = stdout(kiemtra(data).args([
        "inspection",
        "start",
        "--year",
        "2026",
        "--agency",
        "07264",
        "--date",
        "2026-05-04",
    ]));
    said.trim().lines().last().unwrap().to_string()
}

fn show(data: &Path, id: &str) -> Value {
    json(kiemtra(data).args(["inspection", "show", id, "--json"]))
}

fn record(data: &Path, id: &str, item: &str, status: &str, note: Option<&str>) {
    let mut cmd = kiemtra(data);
    cmd.args(["inspection", "record", id, item, "--status", status]);
    if let Some(n) = note {
        cmd.args(["--note", n]);
    }
    stdout(&mut cmd);
}

fn attach(data: &Path, id: &str, file: &Path) {
    stdout(
        kiemtra(data)
            .args(["evidence", "add", id])
            .arg(file)
            .args(["--criterion", "3.2"]),
    );
}

fn finding(data: &Path, id: &str, item: &str, text: &str) {
    stdout(kiemtra(data).args([
        "finding",
        "add",
        id,
        "--item",
        item,
        "--kind",
        "shortcoming",
        "--text",
        text,
    ]));
}

fn items(v: &Value) -> Vec<String> {
    v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["source_ref"].as_str().unwrap().to_string())
        .collect()
}

fn item<'a>(v: &'a Value, r: &str) -> &'a Value {
    v["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["source_ref"] == r)
        .unwrap()
}

#[test]
fn a_lead_and_two_inspectors_merge_per_item_with_one_conflict_and_refuse_damaged_bundles() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let lead = laptop(root, "lead", "Trần Thị Bình", "lead");
    stdout(kiemtra(&lead).args(["profile", "add", "Nguyễn Văn An", "--role", "inspector"]));
    stdout(kiemtra(&lead).args(["profile", "add", "Lê Văn Cường", "--role", "inspector"]));
    stdout(kiemtra(&lead).args(["plan", "create", "--year", "2026", "--include", "07264"]));
    let device = json(kiemtra(&lead).args(["device", "show", "--json"]));
    assert_eq!(device["profile"], "Trần Thị Bình");
    assert_eq!(device["fingerprint"].as_str().unwrap().len(), 39);

    // The plan goes out; each inspector starts the planned inspection on their own laptop.
    let plan = root.join("ke-hoach.kiemtra");
    export(&lead, &plan);
    let an = laptop(root, "an", "Nguyễn Văn An", "inspector");
    let cuong = laptop(root, "cuong", "Lê Văn Cường", "inspector");
    // An unknown device is refused with its fingerprint until the user trusts it.
    let untrusted = kiemtra(&an)
        .args(["bundle", "import"])
        .arg(&plan)
        .output()
        .unwrap();
    assert!(!untrusted.status.success());
    let said = String::from_utf8(untrusted.stderr).unwrap();
    assert!(
        said.contains(device["fingerprint"].as_str().unwrap()),
        "{said}"
    );
    let plans = json(kiemtra(&an).args(["inspection", "list", "--json"]));
    assert_eq!(plans, Value::Array(vec![]));
    assert!(
        !kiemtra(&an)
            .args(["plan", "show", "--year", "2026"])
            .output()
            .unwrap()
            .status
            .success(),
        "nothing was imported"
    );
    for l in [&an, &cuong] {
        let got = import(l, &plan);
        assert_eq!(got["from"]["profile"], "Trần Thị Bình");
        assert_eq!(got["from"]["fingerprint"], device["fingerprint"]);
        assert!(got["applied"].as_u64().unwrap() > 0);
    }
    let id_an = started(&an);
    let id_cuong = started(&cuong);
    let refs = items(&show(&an, &id_an));
    let (x1, x2, y) = (&refs[0], &refs[1], &refs[2]);

    // Different items, one item answered differently, the same file and different files.
    record(&an, &id_an, x1, "met", None);
    record(&an, &id_an, y, "met", None);
    record(
        &cuong,
        &id_cuong,
        x2,
        "partial",
        Some("Mới ban hành một phần"),
    );
    record(&cuong, &id_cuong, y, "unmet", Some("Chưa thực hiện"));
    finding(&an, &id_an, x1, "Chưa công khai kế hoạch");
    finding(&cuong, &id_cuong, x2, "Báo cáo chậm");
    let same = root.join("chung.pdf");
    std::fs::write(&same, b"%PDF-1.4 tai lieu chung").unwrap();
    let only_an = root.join("an.pdf");
    std::fs::write(&only_an, b"%PDF-1.4 cua An").unwrap();
    let only_cuong = root.join("cuong.pdf");
    std::fs::write(&only_cuong, b"%PDF-1.4 cua Cuong").unwrap();
    attach(&an, &id_an, &same);
    attach(&an, &id_an, &only_an);
    attach(&cuong, &id_cuong, &same);
    attach(&cuong, &id_cuong, &only_cuong);
    let (from_an, from_cuong) = (root.join("an.kiemtra"), root.join("cuong.kiemtra"));
    export(&an, &from_an);
    export(&cuong, &from_cuong);

    // The lead imports both.
    let a = import(&lead, &from_an);
    assert_eq!(a["from"]["profile"], "Nguyễn Văn An");
    assert_eq!(a["conflicts"], 0);
    let c = import(&lead, &from_cuong);
    assert_eq!(
        c["conflicts"],
        1,
        "{c}\n{}",
        json(kiemtra(&lead).args(["conflicts", "list", "--json"]))
    );
    assert_eq!(c["refused"], 0, "{c}");
    let list = json(kiemtra(&lead).args(["inspection", "list", "--year", "2026", "--json"]));
    let id = list[0]["id"].to_string();
    let merged = show(&lead, &id);
    assert_eq!(item(&merged, x1)["status"], "met");
    assert_eq!(item(&merged, x2)["status"], "partial");
    assert!(
        item(&merged, y)["status"].is_string(),
        "the conflicted item shows one value"
    );
    assert_eq!(
        merged["findings"].as_array().unwrap().len(),
        2,
        "both findings"
    );
    let evidence = json(kiemtra(&lead).args(["evidence", "list", &id, "--json"]));
    let names: Vec<&str> = evidence
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names.len(),
        3,
        "the same file once, each other file once: {names:?}"
    );
    let conflicts = json(kiemtra(&lead).args(["conflicts", "list", "--json"]));
    let conflicts = conflicts.as_array().unwrap();
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0]["kind"], "answer");
    assert_eq!(conflicts[0]["ref"], y.as_str());
    let statuses = [
        &conflicts[0]["ours"]["value"]["status"],
        &conflicts[0]["theirs"]["value"]["status"],
    ];
    assert!(statuses.contains(&&Value::from("met")) && statuses.contains(&&Value::from("unmet")));

    // Importing again changes nothing.
    for f in [&from_an, &from_cuong] {
        let again = import(&lead, f);
        assert_eq!(again["applied"], 0, "{again}");
        assert_eq!(again["conflicts"], 0);
    }
    assert_eq!(
        show(&lead, &id),
        merged,
        "re-import leaves the inspection as it was"
    );

    // Damaged bundles are refused whole, each with its own message.
    let bytes = std::fs::read(&from_an).unwrap();
    let flipped = root.join("flipped.kiemtra");
    let mut b = bytes.clone();
    let mid = b.len() / 3;
    b[mid] ^= 0x01;
    std::fs::write(&flipped, &b).unwrap();
    let truncated = root.join("truncated.kiemtra");
    std::fs::write(&truncated, &bytes[..bytes.len() / 2]).unwrap();
    let escaping = root.join("escaping.kiemtra");
    {
        let mut t = tar::Builder::new(std::fs::File::create(&escaping).unwrap());
        let mut h = tar::Header::new_gnu();
        let body = b"pwned";
        h.set_size(body.len() as u64);
        h.set_mode(0o644);
        h.set_entry_type(tar::EntryType::Regular);
        {
            let name = b"../outside";
            let raw = h.as_old_mut();
            raw.name[..name.len()].copy_from_slice(name);
        }
        h.set_cksum();
        t.append(&h, &body[..]).unwrap();
        t.finish().unwrap();
    }
    let messages = [
        refused(&lead, &flipped),
        refused(&lead, &truncated),
        refused(&lead, &escaping),
    ];
    assert!(
        messages[0].contains("hỏng") || messages[0].contains("Chữ ký"),
        "{}",
        messages[0]
    );
    assert!(messages[1].contains("không đầy đủ"), "{}", messages[1]);
    assert!(messages[2].contains("../outside"), "{}", messages[2]);
    assert_ne!(messages[0], messages[1]);
    assert!(!root.join("outside").exists() && !lead.join("..").join("outside").exists());
    assert_eq!(show(&lead, &id), merged, "refused bundles change nothing");

    // The lead keeps one value; the choice travels like any edit.
    stdout(kiemtra(&lead).args([
        "conflicts",
        "resolve",
        conflicts[0]["id"].as_str().unwrap(),
        "--keep",
        "theirs",
    ]));
    assert_eq!(
        json(kiemtra(&lead).args(["conflicts", "list", "--json"])),
        Value::Array(vec![])
    );
}

#[test]
fn a_late_inspector_bundle_changes_nothing_in_an_issued_inspection_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let lead = laptop(root, "lead", "Trần Thị Bình", "lead");
    stdout(kiemtra(&lead).args(["profile", "add", "Nguyễn Văn An", "--role", "inspector"]));
    stdout(kiemtra(&lead).args(["plan", "create", "--year", "2026", "--include", "07264"]));
    let plan = root.join("plan.kiemtra");
    export(&lead, &plan);
    let an = laptop(root, "an", "Nguyễn Văn An", "inspector");
    import(&an, &plan);
    let id_an = started(&an);
    let refs = items(&show(&an, &id_an));
    record(&an, &id_an, &refs[0], "met", None);
    crate::answer_remaining(&an, &id_an);
    let first = root.join("first.kiemtra");
    export(&an, &first);
    import(&lead, &first);
    let list = json(kiemtra(&lead).args(["inspection", "list", "--year", "2026", "--json"]));
    let id = list[0]["id"].to_string();
    stdout(kiemtra(&lead).args(["inspection", "submit", &id]));
    crate::set_signer(&lead);
    crate::set_legal_basis(&lead, "07264");
    stdout(kiemtra(&lead).args([
        "notice",
        "issue",
        &id,
        "--number",
        "12",
        "--date",
        "2026-05-20",
    ]));
    let issued = show(&lead, &id);

    // The inspector, not yet told, records one more answer and sends it.
    record(&an, &id_an, &refs[1], "unmet", Some("Chưa làm"));
    let late = root.join("late.kiemtra");
    export(&an, &late);
    let out = kiemtra(&lead)
        .args(["bundle", "import"])
        .arg(&late)
        .output()
        .unwrap();
    assert!(out.status.success());
    let said = String::from_utf8(out.stdout).unwrap();
    assert!(said.contains("đã ban hành kết luận"), "{said}");
    let report = import(&lead, &late);
    assert!(report["refused"].as_u64().unwrap() >= 1, "{report}");
    assert_eq!(
        show(&lead, &id),
        issued,
        "the issued inspection is unchanged"
    );
}

/// The plan's number and date, the decision establishing a team and a member's title and unit
/// travel with the plan: an inspector's laptop prints the same legal basis as the lead's.
#[test]
fn the_legal_basis_travels_with_the_plan_and_only_a_lead_sets_it() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let lead = laptop(root, "lead", "Trần Thị Bình", "lead");
    stdout(kiemtra(&lead).args([
        "profile",
        "add",
        "Nguyễn Văn An",
        "--role",
        "inspector",
        "--title",
        "Chuyên viên",
        "--unit",
        "Sở Tư pháp",
    ]));
    stdout(kiemtra(&lead).args(["plan", "create", "--year", "2026", "--include", "07264"]));
    stdout(kiemtra(&lead).args([
        "plan",
        "schedule",
        "--year",
        "2026",
        "--agency",
        "07264",
        "--from",
        "2026-05-04",
        "--to",
        "2026-05-05",
        "--lead",
        "Trần Thị Bình",
        "--member",
        "Nguyễn Văn An",
    ]));
    crate::set_legal_basis(&lead, "07264");
    let plan = root.join("plan.kiemtra");
    export(&lead, &plan);
    let an = laptop(root, "an", "Nguyễn Văn An", "inspector");
    import(&an, &plan);
    let shown = json(kiemtra(&an).args(["plan", "show", "--year", "2026", "--json"]));
    assert_eq!(shown["number"], "25");
    assert_eq!(shown["issued_on"], "2026-01-15");
    assert_eq!(
        shown["agencies"][0]["decision"],
        serde_json::json!({"number": "15", "date": "2026-04-20", "signer": "Giám đốc Sở Nội vụ"})
    );
    let people = json(kiemtra(&an).args(["profile", "list", "--json"]));
    let an_profile = people
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "Nguyễn Văn An")
        .unwrap();
    assert_eq!(an_profile["unit"], "Sở Tư pháp");
    // An inspector cannot set the legal basis; nothing changes.
    let out = kiemtra(&an)
        .args([
            "decision",
            "set",
            "--year",
            "2026",
            "--agency",
            "07264",
            "--number",
            "99",
            "--date",
            "2026-04-21",
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("chỉ dành cho Trưởng đoàn"));
    let again = json(kiemtra(&an).args(["plan", "show", "--year", "2026", "--json"]));
    assert_eq!(again["agencies"][0]["decision"]["number"], "15");
}
