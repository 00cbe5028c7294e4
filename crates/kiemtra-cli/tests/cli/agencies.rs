//! `kiemtra agencies`: listing, searching, importing all or nothing.

use crate::{json, kiemtra, stdout};

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
fn a_lead_sets_how_documents_address_an_agency_and_an_import_may_carry_it() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    stdout(kiemtra(data).arg("init"));
    stdout(kiemtra(data).args(["profile", "add", "Trần Thị Bình", "--role", "lead"]));
    stdout(kiemtra(data).args(["profile", "add", "Nguyễn Văn An", "--role", "inspector"]));
    stdout(kiemtra(data).args(["profile", "use", "Nguyễn Văn An"]));
    let shown = json(kiemtra(data).args(["agencies", "show", "BQLKCN", "--json"]));
    assert_eq!(
        shown["head_title"], "Trưởng ban Ban Quản lý các khu công nghiệp tỉnh",
        "derived from the name"
    );
    let set = [
        "agencies",
        "set",
        "BQLKCN",
        "--head-title",
        "Trưởng ban Quản lý các khu công nghiệp tỉnh Bắc Ninh",
    ];
    let out = kiemtra(data).args(set).output().unwrap();
    assert!(!out.status.success(), "an inspector may not");
    assert_eq!(
        json(kiemtra(data).args(["agencies", "show", "BQLKCN", "--json"])),
        shown
    );
    stdout(kiemtra(data).args(["profile", "use", "Trần Thị Bình"]));
    stdout(kiemtra(data).args(set));
    let after = json(kiemtra(data).args(["agencies", "show", "BQLKCN", "--json"]));
    assert_eq!(
        after["head_title"],
        "Trưởng ban Quản lý các khu công nghiệp tỉnh Bắc Ninh"
    );
    assert_eq!(after["addressee"], shown["addressee"], "left as it was");

    // An import with the optional columns: all rows or none.
    let bad = data.join("bad.csv");
    std::fs::write(
        &bad,
        "code,name,block,addressee,head_title\nSTP,Sở Tư pháp,provincial,Sở Tư pháp tỉnh Bắc Ninh,Giám đốc Sở Tư pháp tỉnh Bắc Ninh\nX9,,commune,,\n",
    )
    .unwrap();
    assert!(!kiemtra(data)
        .args(["agencies", "import"])
        .arg(&bad)
        .output()
        .unwrap()
        .status
        .success());
    let stp = json(kiemtra(data).args(["agencies", "show", "STP", "--json"]));
    assert_eq!(stp["addressee"], "Sở Tư pháp");
    let good = data.join("good.csv");
    std::fs::write(
        &good,
        "code,name,block,addressee,head_title\nSTP,Sở Tư pháp,provincial,Sở Tư pháp tỉnh Bắc Ninh,Giám đốc Sở Tư pháp tỉnh Bắc Ninh\n",
    )
    .unwrap();
    stdout(kiemtra(data).args(["agencies", "import"]).arg(&good));
    let stp = json(kiemtra(data).args(["agencies", "show", "STP", "--json"]));
    assert_eq!(stp["addressee"], "Sở Tư pháp tỉnh Bắc Ninh");
    assert_eq!(stp["head_title"], "Giám đốc Sở Tư pháp tỉnh Bắc Ninh");
}
