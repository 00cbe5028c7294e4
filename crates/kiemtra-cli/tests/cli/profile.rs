//! `kiemtra profile`: roles, and what an inspector may not do.

use crate::{json, kiemtra, stdout};

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
