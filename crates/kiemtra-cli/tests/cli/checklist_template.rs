//! `kiemtra checklist export` / `import`: next year's checklist from this year's, edited in a
//! spreadsheet. Round trip through XLSX and CSV, a bad template refused with one message per
//! problem and nothing written, an inspection already started unchanged, the preview's lists.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::{inspector_started_inspection, json, kiemtra, stdout};

fn init_with_lead(data: &Path) {
    stdout(kiemtra(data).arg("init"));
    stdout(kiemtra(data).args(["profile", "add", "Trần Thị Bình", "--role", "lead"]));
}

fn export(data: &Path, name: &str) -> PathBuf {
    let file = data.parent().unwrap().join(name);
    let out = stdout(
        kiemtra(data)
            .args(["checklist", "export", "--year", "2026", "--out"])
            .arg(&file),
    );
    assert!(out.contains("KH167-2026 v2 năm 2026"), "{out}");
    file
}

/// The items of a year's checklist as `checklist show --json` prints them, without their row
/// ids (which differ between templates by nature).
fn items(data: &Path, year: &str) -> (Value, Vec<Value>) {
    let v = json(kiemtra(data).args(["checklist", "show", "--year", year, "--json"]));
    let items = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            let mut i = i.clone();
            i.as_object_mut().unwrap().remove("id");
            i
        })
        .collect();
    (v["template"].clone(), items)
}

/// A CSV's records (the `#` lines, the header, the rows), every cell as text.
fn read_csv(file: &Path) -> Vec<Vec<String>> {
    let bytes = std::fs::read(file).unwrap();
    let bytes = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(&bytes)
        .to_vec();
    csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(false)
        .from_reader(bytes.as_slice())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

fn write_csv(file: &Path, records: &[Vec<String>]) {
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .from_path(file)
        .unwrap();
    for r in records {
        w.write_record(r).unwrap();
    }
    w.flush().unwrap();
}

/// The position of the header and of a column in it.
fn col(records: &[Vec<String>], name: &str) -> (usize, usize) {
    let h = records.iter().position(|r| r[0] == "Phần").unwrap();
    (h, records[h].iter().position(|c| c == name).unwrap())
}

fn row_of(records: &[Vec<String>], r: &str) -> usize {
    let (_, c) = col(records, "Mã mục");
    records
        .iter()
        .position(|row| row.get(c).map(String::as_str) == Some(r))
        .unwrap()
}

#[test]
fn exporting_2026_and_importing_it_unchanged_as_2027_gives_the_same_items_xlsx_and_csv() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    init_with_lead(&data);
    let (t2026, before) = items(&data, "2026");
    assert!(before.len() > 100, "the seeded checklist has its items");

    let xlsx = export(&data, "danh-muc-2026.xlsx");
    let csv = export(&data, "danh-muc-2026.csv");
    // The XLSX has the items' sheet and the template's.
    let wb: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    use calamine::Reader;
    assert_eq!(wb.sheet_names(), vec!["Danh mục", "Thông tin"]);

    for (file, version) in [(&xlsx, 1), (&csv, 2)] {
        let out = stdout(
            kiemtra(&data)
                .args(["checklist", "import"])
                .arg(file)
                .args(["--year", "2027"]),
        );
        assert!(out.contains("Đã nhập"), "{out}");
        let (t, after) = items(&data, "2027");
        assert_eq!(t["year"], 2027);
        assert_eq!(
            t["code"], "KH167-2027",
            "the year in the code follows the import's"
        );
        assert_eq!(t["version"], version, "each import is a new version");
        assert_eq!(after.len(), before.len(), "{}", file.display());
        for (a, b) in after.iter().zip(&before) {
            assert_eq!(
                a,
                b,
                "item {} differs after the round trip through {}",
                b["source_ref"],
                file.display()
            );
        }
    }
    // 2026's checklist is still what it was.
    let (t, again) = items(&data, "2026");
    assert_eq!(t, t2026);
    assert_eq!(again, before);
    // A second import of the same file says nothing changed against the current 2027.
    let p = json(
        kiemtra(&data)
            .args(["checklist", "import"])
            .arg(&csv)
            .args(["--year", "2027", "--dry-run", "--json"]),
    );
    assert_eq!(p["base"]["version"], 2);
    assert_eq!(p["added"].as_array().unwrap().len(), 0);
    assert_eq!(p["removed"].as_array().unwrap().len(), 0);
    assert_eq!(p["changed"].as_array().unwrap().len(), 0);
    assert_eq!(p["unchanged"].as_u64().unwrap() as usize, before.len());
}

#[test]
fn a_bad_template_is_refused_with_one_message_per_problem_and_nothing_written() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    init_with_lead(&data);
    let file = export(&data, "danh-muc.csv");
    let mut r = read_csv(&file);
    let (_, op) = col(&r, "Chỉ tiêu: so sánh");
    let (_, crit) = col(&r, "Tiêu chí PAR");
    let (_, lead) = col(&r, "Áp dụng cho (chủ trì)");
    let (_, refc) = col(&r, "Mã mục");
    let target_row = row_of(&r, "II.6.CT.1");
    r[target_row][op] = "≈".into();
    let crit_row = row_of(&r, "I.1.1.2");
    r[crit_row][crit] = "2.1, 9.9".into();
    let lead_row = row_of(&r, "I.1.1.1");
    r[lead_row][lead] = String::new();
    let dup_row = row_of(&r, "I.1.2.1");
    r[dup_row][refc] = "I.1.1.2".into();
    let bad = dir.path().join("sai.csv");
    write_csv(&bad, &r);

    let before_2026 = stdout(kiemtra(&data).args(["checklist", "show", "--json"]));
    let out = kiemtra(&data)
        .args(["checklist", "import"])
        .arg(&bad)
        .args(["--year", "2027"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = err.lines().collect();
    // CSV lines: the 5 `#` lines, the header on line 6, so record k is on line k + 1.
    let expect = [
        format!("lỗi: Dòng {}, cột {} «Áp dụng cho (chủ trì)»: thiếu cơ quan chủ trì", lead_row + 1, letter(lead)),
        format!("lỗi: Dòng {}, cột {} «Tiêu chí PAR»: tiêu chí «9.9» không có trong khung chỉ số CCHC hiện hành", crit_row + 1, letter(crit)),
        format!("lỗi: Dòng {}, cột {} «Mã mục»: mã mục «I.1.1.2» trùng với dòng {}", dup_row + 1, letter(refc), crit_row + 1),
        format!("lỗi: Dòng {}, cột {} «Chỉ tiêu: so sánh»: «≈» không phải phép so sánh", target_row + 1, letter(op)),
    ];
    for e in &expect {
        assert_eq!(
            lines.iter().filter(|l| l.starts_with(e.as_str())).count(),
            1,
            "no line «{e}» in:\n{err}"
        );
    }
    assert_eq!(lines.len(), 5, "four problems and the closing line:\n{err}");
    assert!(
        lines[4].contains("4 lỗi") && lines[4].contains("Không có thay đổi nào được ghi"),
        "{err}"
    );
    // Nothing written: no 2027 checklist, 2026's as it was.
    let none = kiemtra(&data)
        .args(["checklist", "show", "--year", "2027"])
        .output()
        .unwrap();
    assert!(!none.status.success());
    assert_eq!(
        stdout(kiemtra(&data).args(["checklist", "show", "--json"])),
        before_2026
    );
}

fn letter(c: usize) -> String {
    ((b'A' + c as u8) as char).to_string()
}

#[test]
fn an_inspection_started_under_2026_is_unchanged_after_2027_is_imported() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let started = inspector_started_inspection(&data);
    let id = started.lines().last().unwrap().trim().to_string();
    let shown = json(kiemtra(&data).args(["inspection", "show", &id, "--json"]));
    let first = shown["items"][0]["source_ref"]
        .as_str()
        .unwrap()
        .to_string();
    stdout(kiemtra(&data).args([
        "inspection",
        "record",
        &id,
        &first,
        "--status",
        "met",
        "--note",
        "đã có báo cáo",
    ]));
    let before = stdout(kiemtra(&data).args(["inspection", "show", &id, "--json"]));
    assert!(before.contains("đã có báo cáo"));

    stdout(kiemtra(&data).args(["profile", "use", "Trần Thị Bình"]));
    let file = export(&data, "danh-muc.csv");
    let mut r = read_csv(&file);
    let (_, text) = col(&r, "Nội dung mục kiểm tra");
    // Every item's text and its evidence changed, one item dropped.
    let first_row = col(&r, "Mã mục").0 + 1;
    for row in r.iter_mut().skip(first_row) {
        row[text] = format!("{} (năm 2027)", row[text]);
    }
    let gone = row_of(&r, &first);
    r.remove(gone);
    write_csv(&file, &r);
    let out = stdout(
        kiemtra(&data)
            .args(["checklist", "import"])
            .arg(&file)
            .args(["--year", "2027"]),
    );
    assert!(out.contains("bỏ 1"), "{out}");

    let after = stdout(kiemtra(&data).args(["inspection", "show", &id, "--json"]));
    assert_eq!(after, before, "the inspection keeps the checklist it froze");
    // The 2027 checklist has the edits; 2026's inspection start would still use 2026's.
    let (_, items2027) = items(&data, "2027");
    assert!(items2027
        .iter()
        .all(|i| i["text"].as_str().unwrap().ends_with("(năm 2027)")));
    assert!(!items2027.iter().any(|i| i["source_ref"] == first.as_str()));
}

#[test]
fn the_preview_lists_an_edited_a_removed_and_an_added_item_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    init_with_lead(&data);
    let file = export(&data, "danh-muc.csv");
    let mut r = read_csv(&file);
    let (_, refc) = col(&r, "Mã mục");
    let (_, text) = col(&r, "Nội dung mục kiểm tra");
    let (_, value) = col(&r, "Chỉ tiêu: giá trị");
    let edited = row_of(&r, "II.8.CT.1");
    r[edited][text] = "Tỷ lệ TTHC có nghĩa vụ tài chính được thanh toán trực tuyến".into();
    r[edited][value] = "90".into();
    let mut added = r[edited].clone();
    added[refc] = "II.8.CT.9".into();
    added[text] = "Chỉ tiêu mới của năm 2027".into();
    r.insert(edited + 1, added);
    let removed = row_of(&r, "I.1.2.1");
    r.remove(removed);
    write_csv(&file, &r);

    let p = json(
        kiemtra(&data)
            .args(["checklist", "import"])
            .arg(&file)
            .args(["--year", "2027", "--dry-run", "--json"]),
    );
    assert_eq!(p["base"]["year"], 2026);
    assert_eq!(p["template"]["code"], "KH167-2027");
    let refs = |k: &str| -> Vec<String> {
        p[k].as_array()
            .unwrap()
            .iter()
            .map(|i| i["source_ref"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(refs("added"), ["II.8.CT.9"]);
    assert_eq!(refs("removed"), ["I.1.2.1"]);
    assert_eq!(refs("changed"), ["II.8.CT.1"]);
    let fields: Vec<&str> = p["changed"][0]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["Nội dung mục kiểm tra", "Chỉ tiêu"]);
    assert_eq!(p["changed"][0]["fields"][1]["after"], "≥ 90%");
    // The text form says the same, and nothing was written.
    let text_out = stdout(
        kiemtra(&data)
            .args(["checklist", "import"])
            .arg(&file)
            .args(["--year", "2027", "--dry-run"]),
    );
    assert!(text_out.contains("thêm 1, bỏ 1, sửa 1"), "{text_out}");
    assert!(
        text_out.contains("+ II.8.CT.9")
            && text_out.contains("- I.1.2.1")
            && text_out.contains("~ II.8.CT.1"),
        "{text_out}"
    );
    assert!(text_out.contains("chưa có gì được ghi"), "{text_out}");
    let none = kiemtra(&data)
        .args(["checklist", "show", "--year", "2027"])
        .output()
        .unwrap();
    assert!(!none.status.success(), "a dry run stores nothing");
}

#[test]
fn only_a_lead_imports_and_an_unknown_extension_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    stdout(kiemtra(&data).arg("init"));
    stdout(kiemtra(&data).args(["profile", "add", "Nguyễn Văn An", "--role", "inspector"]));
    let file = export(&data, "danh-muc.csv");
    let out = kiemtra(&data)
        .args(["checklist", "import"])
        .arg(&file)
        .args(["--year", "2027"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("chỉ dành cho Trưởng đoàn"));
    let ods = dir.path().join("danh-muc.ods");
    let out = kiemtra(&data)
        .args(["checklist", "export", "--year", "2026", "--out"])
        .arg(&ods)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains(".xlsx hoặc .csv"));
    assert!(!ods.exists());
}
