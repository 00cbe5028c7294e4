//! `kiemtra calendar`: a year's holidays imported as data, all lines or none.

use crate::{json, kiemtra, stdout};

const GOOD_2027: &str = "date,kind,name,confidence
2027-01-01,off,Tết Dương lịch,confirmed
05/02/2027,off,Tết Nguyên đán,derived
2027-02-08,off,Tết Nguyên đán,derived
2027-02-09,off,Tết Nguyên đán,derived
2027-02-10,off,Tết Nguyên đán,derived
2027-02-11,off,Tết Nguyên đán,derived
2027-02-20,working,Làm bù,
";

fn lead_store(dir: &std::path::Path) {
    stdout(kiemtra(dir).arg("init"));
    stdout(kiemtra(dir).args(["profile", "add", "Trần Thị Bình", "--role", "lead"]));
}

fn days_2027(dir: &std::path::Path) -> serde_json::Value {
    json(kiemtra(dir).args(["calendar", "show", "--year", "2027", "--json"]))
}

#[test]
fn a_year_of_holidays_is_imported_and_a_second_import_replaces_that_year_whole() {
    let dir = tempfile::tempdir().unwrap();
    lead_store(dir.path());
    let v = json(kiemtra(dir.path()).args(["calendar", "show", "--json"]));
    assert_eq!(v["years"], serde_json::json!([2026]));
    assert_eq!(days_2027(dir.path())["known"], false);

    let file = dir.path().join("ngay-nghi-2027.csv");
    std::fs::write(&file, GOOD_2027).unwrap();
    let out = stdout(kiemtra(dir.path()).args(["calendar", "import"]).arg(&file));
    assert!(
        out.contains("Đã nhập lịch năm 2027 (năm mới): 6 ngày nghỉ, 1 ngày làm bù"),
        "{out}"
    );
    let v = json(kiemtra(dir.path()).args(["calendar", "show", "--json"]));
    assert_eq!(v["years"], serde_json::json!([2026, 2027]));
    let days = days_2027(dir.path());
    assert_eq!(days["known"], true);
    assert_eq!(days["days"].as_array().unwrap().len(), 7);
    assert_eq!(
        days["days"][1]["date"], "2027-02-05",
        "DD/MM/YYYY read as a date"
    );

    // Importing 2027 again replaces it: the days not in the new file are gone.
    std::fs::write(&file, "date,kind,name\n2027-01-01,off,Tết Dương lịch\n").unwrap();
    let out = stdout(kiemtra(dir.path()).args(["calendar", "import"]).arg(&file));
    assert!(out.contains("thay toàn bộ dữ liệu cũ"), "{out}");
    let days = days_2027(dir.path());
    assert_eq!(days["days"].as_array().unwrap().len(), 1);
    // 2026 is untouched.
    let v = json(kiemtra(dir.path()).args(["calendar", "show", "--year", "2026", "--json"]));
    assert_eq!(v["days"].as_array().unwrap().len(), 25);
}

#[test]
fn a_bad_file_is_refused_with_its_line_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    lead_store(dir.path());
    let file = dir.path().join("bad.csv");
    let cases = [
        (
            "date,kind,name\n2027-01-01,off,Tết Dương lịch\n2027-02-30,off,Tết\n",
            "dòng 3",
            "không có trong lịch",
        ),
        (
            "date,kind,name\n2027-01-01,off,Tết Dương lịch\n2027-02-08,nghi,Tết\n",
            "dòng 3",
            "loại ngày «nghi» không hợp lệ",
        ),
        (
            "date,kind,name\n2027-01-01,off,Tết Dương lịch\n2027-02-08,off,\n",
            "dòng 3",
            "thiếu giá trị cột «name»",
        ),
        (
            "date,kind,name\n2027-01-01,off,Tết\n2027-02-08,off,Tết\n2027-01-01,off,Lặp\n",
            "dòng 4",
            "trùng với dòng 2",
        ),
        (
            "date,kind,name\n2027-01-01,off,Tết\n2028-01-01,off,Tết\n",
            "dòng 3",
            "khác năm 2027 của dòng 2",
        ),
        (
            "date,kind,name\n2027-01-01,off,Tết\n2027-02-10,working,Làm bù\n",
            "dòng 3",
            "không phải thứ Bảy hay Chủ nhật",
        ),
        (
            "ngay,ten\n2027-01-01,Tết\n",
            "date,kind,name",
            "dòng tiêu đề",
        ),
    ];
    for (content, line, reason) in cases {
        std::fs::write(&file, content).unwrap();
        let out = kiemtra(dir.path())
            .args(["calendar", "import"])
            .arg(&file)
            .output()
            .unwrap();
        assert!(!out.status.success());
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(
            err.contains(line) && err.contains(reason),
            "{content:?}: {err}"
        );
        assert!(err.contains("Không có thay đổi nào được ghi"), "{err}");
        assert_eq!(err.lines().count(), 1, "one line: {err}");
        let v = json(kiemtra(dir.path()).args(["calendar", "show", "--json"]));
        assert_eq!(v["years"], serde_json::json!([2026]), "nothing imported");
        assert!(days_2027(dir.path())["days"].as_array().unwrap().is_empty());
    }
    // An inspector may not import.
    stdout(kiemtra(dir.path()).args(["profile", "add", "Nguyễn Văn An", "--role", "inspector"]));
    stdout(kiemtra(dir.path()).args(["profile", "use", "Nguyễn Văn An"]));
    std::fs::write(&file, GOOD_2027).unwrap();
    let out = kiemtra(dir.path())
        .args(["calendar", "import"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("Trưởng đoàn"));
}

#[test]
fn a_notice_whose_due_date_runs_into_a_year_without_holidays_is_warned_about() {
    let dir = tempfile::tempdir().unwrap();
    let started = crate::inspector_started_inspection(dir.path());
    let id = started.lines().last().unwrap().trim().to_string();
    let pdf = dir.path().join("tb.pdf");
    let render = |date: &str| {
        let out = kiemtra(dir.path())
            .args(["notice", "render", &id, "--date", date, "--out"])
            .arg(&pdf)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stderr).unwrap()
    };
    // 30 working days after 14/12/2026 run into 2027, whose holidays are not known.
    let err = render("2026-12-14");
    assert!(
        err.contains("cảnh báo")
            && err.contains("2027")
            && err.contains("chưa có dữ liệu ngày nghỉ lễ")
            && err.contains("kiemtra calendar import"),
        "{err}"
    );
    // Within 2026 there is nothing to warn about.
    assert_eq!(render("2026-06-01"), "");
    // Once 2027 is imported, the same date is certain.
    stdout(kiemtra(dir.path()).args(["profile", "use", "Trần Thị Bình"]));
    let file = dir.path().join("2027.csv");
    std::fs::write(&file, GOOD_2027).unwrap();
    stdout(kiemtra(dir.path()).args(["calendar", "import"]).arg(&file));
    assert_eq!(render("2026-12-14"), "");
}
