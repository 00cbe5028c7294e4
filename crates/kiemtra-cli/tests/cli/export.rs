//! `kiemtra export xlsx`: a year made with the CLI (one inspection concluded with an issued
//! notice and its follow-up, one in progress, one not started), exported and read back with
//! calamine: the summary shows the numbers `report show` prints, dates are dates, figures
//! numbers; a year without a plan or a path that cannot be written is refused with nothing
//! written.

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;
use serde_json::Value;

use crate::{answer_remaining, json, kiemtra, set_legal_basis, set_signer, stdout};

const SHEETS: [&str; 8] = [
    "Tổng hợp",
    "Cuộc kiểm tra",
    "Lĩnh vực",
    "Chỉ tiêu",
    "Kết quả",
    "Phát hiện",
    "Kiến nghị",
    "Tài liệu kiểm chứng",
];

/// The 2026 plan with Xã Tam Tiến (concluded: notice 12 of 20/05/2026, one recommendation due
/// 29/05/2026), Sở Tư pháp (started 11/05/2026) and Phường Bắc Giang (not started). Returns
/// the source ref of the item answered with a figure.
fn year(data: &Path, dir: &Path) -> String {
    stdout(kiemtra(data).arg("init"));
    stdout(kiemtra(data).args(["profile", "add", "Trần Thị Bình", "--role", "lead"]));
    stdout(kiemtra(data).args(["profile", "add", "Nguyễn Văn An", "--role", "inspector"]));
    stdout(kiemtra(data).args([
        "plan",
        "create",
        "--year",
        "2026",
        "--include",
        "07264,STP,07210",
    ]));
    stdout(kiemtra(data).args(["profile", "use", "Nguyễn Văn An"]));
    let started = stdout(kiemtra(data).args([
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
    let shown = json(kiemtra(data).args(["inspection", "show", &id, "--json"]));
    let figure_ref = shown["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| !i["target"].is_null())
        .expect("an item with a figure target")["source_ref"]
        .as_str()
        .unwrap()
        .to_string();
    stdout(kiemtra(data).args([
        "inspection",
        "record",
        &id,
        &figure_ref,
        "--status",
        "met",
        "--value",
        "93,5",
        "--note",
        "Theo báo cáo của xã",
    ]));
    stdout(kiemtra(data).args([
        "finding",
        "add",
        &id,
        "--item",
        &figure_ref,
        "--kind",
        "shortcoming",
        "--text",
        "Chưa công khai đầy đủ thủ tục hành chính",
        "--recommendation",
        "Công khai đủ thủ tục hành chính tại Bộ phận một cửa",
        "--due",
        "29/05/2026",
    ]));
    let file = dir.join("Danh mục TTHC.pdf");
    std::fs::write(&file, b"%PDF-1.4 danh muc").unwrap();
    stdout(
        kiemtra(data)
            .args(["evidence", "add", &id])
            .arg(&file)
            .args(["--criterion", "3.2"]),
    );
    answer_remaining(data, &id);
    stdout(kiemtra(data).args(["inspection", "submit", &id]));
    stdout(kiemtra(data).args(["profile", "use", "Trần Thị Bình"]));
    set_signer(data);
    set_legal_basis(data, "07264");
    stdout(kiemtra(data).args([
        "notice",
        "issue",
        &id,
        "--number",
        "12",
        "--date",
        "2026-05-20",
    ]));
    stdout(kiemtra(data).args([
        "inspection",
        "start",
        "--year",
        "2026",
        "--agency",
        "STP",
        "--date",
        "2026-05-11",
    ]));
    figure_ref
}

fn export(data: &Path, out: &Path) -> String {
    stdout(
        kiemtra(data)
            .env("SOURCE_DATE_EPOCH", "1780300800")
            .args([
                "export",
                "xlsx",
                "--year",
                "2026",
                "--as-of",
                "2026-06-01",
                "--out",
            ])
            .arg(out),
    )
}

fn rows(wb: &mut Xlsx<Cursor<Vec<u8>>>, name: &str) -> Vec<Vec<Data>> {
    let range = wb.worksheet_range(name).unwrap();
    range.rows().map(<[Data]>::to_vec).collect()
}

fn col(rows: &[Vec<Data>], name: &str) -> usize {
    rows[0]
        .iter()
        .position(|h| *h == name)
        .unwrap_or_else(|| panic!("no column «{name}»: {:?}", rows[0]))
}

fn date_of(d: &Data) -> NaiveDate {
    match d {
        Data::DateTime(t) => t.as_datetime().unwrap().date(),
        other => panic!("not a date cell: {other:?}"),
    }
}

fn number(d: &Data) -> f64 {
    match d {
        Data::Float(n) => *n,
        other => panic!("not a number cell: {other:?}"),
    }
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[test]
fn the_year_exports_to_a_workbook_with_the_figures_of_report_show() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let figure_ref = year(&data, dir.path());
    let out = dir.path().join("Kết quả 2026.xlsx");
    let said = export(&data, &out);
    let bytes = std::fs::read(&out).unwrap();
    assert_eq!(
        said.trim(),
        format!("Đã ghi bảng tính: {} ({} byte)", out.display(), bytes.len())
    );
    // The same data and SOURCE_DATE_EPOCH give the same bytes.
    let again = dir.path().join("again.xlsx");
    export(&data, &again);
    assert!(std::fs::read(&again).unwrap() == bytes, "exports differ");

    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
    assert_eq!(wb.sheet_names(), SHEETS);

    // The summary's coverage is report show's, block by block.
    let report = json(kiemtra(&data).args([
        "report",
        "show",
        "--year",
        "2026",
        "--as-of",
        "2026-06-01",
        "--json",
    ]));
    let said =
        stdout(kiemtra(&data).args(["report", "show", "--year", "2026", "--as-of", "2026-06-01"]));
    assert!(said.contains("99 cơ quan, cần 20 (20%)"), "{said}");
    let summary = rows(&mut wb, "Tổng hợp");
    let id = col(&summary, "Mã định danh");
    let coverage = report["coverage"].as_array().unwrap();
    assert_eq!(coverage.len(), 3);
    for b in coverage {
        let row = summary[1..]
            .iter()
            .find(|r| r[id] == Data::String(b["block"].as_str().unwrap().into()))
            .unwrap_or_else(|| panic!("no row for {}", b["block"]));
        assert_eq!(row[0], Data::String(b["label"].as_str().unwrap().into()));
        for (header, key) in [
            ("Số cơ quan", "agencies"),
            ("Cần kiểm tra", "required"),
            ("Kế hoạch", "planned"),
            ("Đã kiểm tra", "inspected"),
            ("Đã kết luận", "concluded"),
        ] {
            assert_eq!(
                number(&row[col(&summary, header)]),
                b[key].as_f64().unwrap(),
                "{} {key}",
                b["block"]
            );
        }
        let met = if b["threshold_met"] == Value::Bool(true) {
            "Đạt"
        } else {
            "Chưa đạt"
        };
        assert_eq!(row[col(&summary, "Đạt ngưỡng")], Data::String(met.into()));
        assert_eq!(
            number(&row[col(&summary, "Ngưỡng")]) * 100.0,
            report["threshold"].as_f64().unwrap()
        );
    }
    let all = coverage.iter().find(|b| b["block"] == "all").unwrap();
    assert_eq!(
        (
            all["planned"].as_i64(),
            all["inspected"].as_i64(),
            all["concluded"].as_i64()
        ),
        (Some(3), Some(2), Some(1))
    );

    // Cuộc kiểm tra: the agency's visit and notice dates are date cells.
    let agencies = rows(&mut wb, "Cuộc kiểm tra");
    assert_eq!(agencies.len(), 4);
    let tam_tien = agencies
        .iter()
        .find(|r| r[col(&agencies, "Mã định danh")] == Data::String("07264".into()))
        .unwrap();
    assert_eq!(
        date_of(&tam_tien[col(&agencies, "Ngày kiểm tra")]),
        day("2026-05-04")
    );
    assert_eq!(
        date_of(&tam_tien[col(&agencies, "Ngày thông báo")]),
        day("2026-05-20")
    );

    // Kết quả: the figure typed "93,5" is the number 93.5.
    let results = rows(&mut wb, "Kết quả");
    let fig = results
        .iter()
        .find(|r| {
            r[col(&results, "Cơ quan")] == Data::String("Xã Tam Tiến".into())
                && r[col(&results, "Mục")] == Data::String(figure_ref.clone())
        })
        .unwrap();
    assert_eq!(number(&fig[col(&results, "Số liệu")]), 93.5);
    assert!(matches!(
        &fig[col(&results, "Mã định danh")],
        Data::String(s) if s.len() == 36
    ));

    // Kiến nghị: what followup list says, due date a date, days late a number.
    let listed = json(kiemtra(&data).args([
        "followup",
        "list",
        "--year",
        "2026",
        "--as-of",
        "2026-06-01",
        "--json",
    ]));
    let listed = listed.as_array().unwrap();
    assert_eq!(listed.len(), 1);
    let follow = rows(&mut wb, "Kiến nghị");
    assert_eq!(follow.len(), 2);
    let row = &follow[1];
    assert_eq!(
        number(&row[col(&follow, "Số")]),
        listed[0]["id"].as_f64().unwrap()
    );
    assert_eq!(
        date_of(&row[col(&follow, "Hạn khắc phục")]),
        day("2026-05-29")
    );
    assert_eq!(
        number(&row[col(&follow, "Số ngày làm việc quá hạn")]),
        listed[0]["days_overdue"].as_f64().unwrap()
    );
    assert_eq!(listed[0]["days_overdue"], 1, "due Friday, judged on Monday");
    assert_eq!(
        row[col(&follow, "Trạng thái")],
        Data::String("Chưa báo cáo".into())
    );

    // Tài liệu kiểm chứng: the size is a number.
    let files = rows(&mut wb, "Tài liệu kiểm chứng");
    assert_eq!(files.len(), 2);
    assert_eq!(number(&files[1][col(&files, "Dung lượng (byte)")]), 17.0);
}

#[test]
fn a_year_without_plan_or_a_path_that_cannot_be_written_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    stdout(kiemtra(&data).arg("init"));
    stdout(kiemtra(&data).args(["profile", "add", "Trần Thị Bình", "--role", "lead"]));
    stdout(kiemtra(&data).args(["plan", "create", "--year", "2026", "--include", "07264"]));

    let out = dir.path().join("ket-qua.xlsx");
    std::fs::write(&out, "bản cũ").unwrap();
    let run = kiemtra(&data)
        .args(["export", "xlsx", "--year", "2030", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(!run.status.success());
    let err = String::from_utf8(run.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("lỗi: Chưa có kế hoạch kiểm tra năm 2030"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "bản cũ");

    // A folder that is a file: refused as the file system says, even for root.
    let plain = dir.path().join("plain.txt");
    std::fs::write(&plain, "x").unwrap();
    let run = kiemtra(&data)
        .args(["export", "xlsx", "--year", "2026", "--out"])
        .arg(plain.join("ket-qua.xlsx"))
        .output()
        .unwrap();
    assert!(!run.status.success());
    let err = String::from_utf8(run.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert_eq!(
        err.trim_end(),
        format!(
            "lỗi: Không ghi được bảng tính vào «{}»: «{}» là một tệp, không phải thư mục. Không có tệp nào được ghi.",
            plain.join("ket-qua.xlsx").display(),
            plain.display()
        )
    );
    assert!(run.stdout.is_empty());
    // A folder given where the file's name should be.
    let run = kiemtra(&data)
        .args(["export", "xlsx", "--year", "2026", "--out"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(!run.status.success());
    let err = String::from_utf8(run.stderr).unwrap();
    assert!(err.contains("là một thư mục; hãy ghi cả tên tệp"), "{err}");
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".part"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}
