//! `kiemtra report` and `kiemtra followup`: a year of 20 inspections made with the CLI, 16 of
//! them concluded; the report's PDF and `report show --json` give the same coverage, results per
//! PAR field and overdue counts; follow-up refusals change nothing; the reminder letter lists an
//! agency's overdue recommendations.

use std::path::Path;

use calamine::{Data, Reader, Xlsx};
use serde_json::Value;

use crate::notice::pdf_text;
use crate::{answer_remaining, json, kiemtra, set_signer, stdout};

const AS_OF: &str = "2026-11-30";

/// The agencies of the test year: four departments and eighteen communes from the register
/// (the inspecting body, Sở Nội vụ, left out).
fn agencies(data: &Path) -> Vec<String> {
    let all = json(kiemtra(data).args(["agencies", "list", "--json"]));
    let of = |block: &str, n: usize| -> Vec<String> {
        all.as_array()
            .unwrap()
            .iter()
            .filter(|a| a["block"] == block && a["code"] != "SNV")
            .take(n)
            .map(|a| a["code"].as_str().unwrap().to_string())
            .collect()
    };
    let mut codes = of("provincial", 4);
    codes.extend(of("commune", 18));
    codes
}

/// Builds the year: 22 planned, 20 inspected (two departments not started… the last two
/// codes), 16 concluded with a notice each; every inspection has one item met, one unmet and
/// a shortcoming with a recommendation. Returns the store and the codes.
fn year(root: &Path) -> (std::path::PathBuf, Vec<String>) {
    let data = root.join("data");
    stdout(kiemtra(&data).arg("init"));
    stdout(kiemtra(&data).args(["profile", "add", "Trần Thị Bình", "--role", "lead"]));
    let codes = agencies(&data);
    let mut create = vec!["plan", "create", "--year", "2026"];
    for c in &codes {
        create.push("--include");
        create.push(c);
    }
    stdout(kiemtra(&data).args(&create));
    stdout(kiemtra(&data).args([
        "plan",
        "issue",
        "--year",
        "2026",
        "--number",
        "25",
        "--date",
        "2026-01-15",
    ]));
    set_signer(&data);
    for (k, code) in codes.iter().enumerate().take(20) {
        stdout(kiemtra(&data).args([
            "decision",
            "set",
            "--year",
            "2026",
            "--agency",
            code,
            "--number",
            &(100 + k).to_string(),
            "--date",
            "2026-04-20",
        ]));
        let started = stdout(kiemtra(&data).args([
            "inspection",
            "start",
            "--year",
            "2026",
            "--agency",
            code,
            "--date",
            "2026-05-04",
        ]));
        let id = started.trim().lines().last().unwrap().to_string();
        let shown = json(kiemtra(&data).args(["inspection", "show", &id, "--json"]));
        let items: Vec<String> = shown["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["source_ref"].as_str().unwrap().to_string())
            .collect();
        stdout(kiemtra(&data).args(["inspection", "record", &id, &items[0], "--status", "met"]));
        stdout(kiemtra(&data).args([
            "inspection",
            "record",
            &id,
            &items[1],
            "--status",
            "unmet",
            "--note",
            "Chưa thực hiện",
        ]));
        stdout(kiemtra(&data).args([
            "finding",
            "add",
            &id,
            "--item",
            &items[1],
            "--kind",
            "shortcoming",
            "--text",
            "Chưa thực hiện nhiệm vụ đúng hạn",
            "--recommendation",
            "Khẩn trương thực hiện và báo cáo kết quả",
        ]));
        answer_remaining(&data, &id);
        stdout(kiemtra(&data).args(["inspection", "submit", &id]));
        if k < 16 {
            stdout(kiemtra(&data).args([
                "notice",
                "issue",
                &id,
                "--number",
                &(k + 1).to_string(),
                "--date",
                "2026-05-05",
            ]));
        }
    }
    (data, codes)
}

#[test]
fn the_report_pdf_and_report_show_give_the_same_figures_and_followup_refusals_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (data, codes) = year(dir.path());

    let entries = json(kiemtra(&data).args([
        "followup", "list", "--year", "2026", "--as-of", AS_OF, "--json",
    ]));
    let entries = entries.as_array().unwrap();
    assert_eq!(
        entries.len(),
        16,
        "one recommendation per concluded inspection"
    );
    let keys: std::collections::BTreeSet<&str> = entries[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "agency",
            "days_overdue",
            "due",
            "finding",
            "id",
            "inspection",
            "recommendation",
            "status"
        ]
        .into_iter()
        .collect(),
        "the shape other code reads"
    );
    assert!(entries
        .iter()
        .all(|e| e["status"] == "open" && e["days_overdue"].as_u64().unwrap() > 0));

    // Bad input is refused with its own message and nothing changes.
    let first = entries[0]["id"].as_i64().unwrap().to_string();
    let refusal = |args: &[&str]| -> String {
        let out = kiemtra(&data).args(args).output().unwrap();
        assert!(!out.status.success(), "{args:?} must be refused");
        String::from_utf8(out.stderr).unwrap()
    };
    let unknown = refusal(&[
        "followup",
        "record",
        "9999",
        "--status",
        "done",
        "--received",
        "2026-06-01",
    ]);
    assert!(unknown.contains("9999"), "{unknown}");
    let early = refusal(&[
        "followup",
        "record",
        &first,
        "--status",
        "done",
        "--received",
        "2026-05-04",
    ]);
    assert!(early.contains("trước ngày ban hành thông báo"), "{early}");
    let open = refusal(&[
        "followup",
        "record",
        &first,
        "--status",
        "open",
        "--received",
        "2026-06-01",
    ]);
    assert!(open.contains("open"), "{open}");
    let after = json(kiemtra(&data).args([
        "followup", "list", "--year", "2026", "--as-of", AS_OF, "--json",
    ]));
    assert_eq!(&after, &Value::Array(entries.clone()), "nothing changed");

    // Three agencies report their recommendation done: 13 overdue remain, at 13 agencies.
    for e in &entries[..3] {
        let id = e["id"].as_i64().unwrap().to_string();
        stdout(kiemtra(&data).args([
            "followup",
            "record",
            &id,
            "--status",
            "done",
            "--received",
            "2026-07-01",
            "--note",
            "Đã thực hiện",
        ]));
    }
    let overdue =
        json(kiemtra(&data).args(["followup", "list", "--overdue", "--as-of", AS_OF, "--json"]));
    assert_eq!(overdue.as_array().unwrap().len(), 13);

    let figures = json(kiemtra(&data).args([
        "report", "show", "--year", "2026", "--as-of", AS_OF, "--json",
    ]));
    let coverage = figures["coverage"].as_array().unwrap();
    let block = |b: &str| coverage.iter().find(|c| c["block"] == b).unwrap().clone();
    assert_eq!(block("all")["planned"], 22);
    assert_eq!(block("all")["inspected"], 20);
    assert_eq!(block("all")["concluded"], 16);
    assert_eq!(block("provincial")["concluded"], 4);
    assert_eq!(figures["followup"]["overdue"], 13);
    assert_eq!(figures["followup"]["done"], 3);
    assert_eq!(figures["states"]["not_started"], 2);
    assert_eq!(figures["agencies"].as_array().unwrap().len(), codes.len());
    // Every concluded inspection answered one item met and one unmet.
    let fields = figures["fields"].as_array().unwrap();
    let met: i64 = fields
        .iter()
        .filter(|f| f["block"] == "all")
        .map(|f| f["met"].as_i64().unwrap())
        .sum();
    let unmet: i64 = fields
        .iter()
        .filter(|f| f["block"] == "all")
        .map(|f| f["unmet"].as_i64().unwrap())
        .sum();
    assert!(met >= 16 && unmet >= 16, "met {met}, unmet {unmet}");

    let pdf = dir.path().join("bao-cao-2026.pdf");
    let said = stdout(
        kiemtra(&data)
            .args([
                "report", "render", "--year", "2026", "--as-of", AS_OF, "--out",
            ])
            .arg(&pdf),
    );
    assert!(said.contains("báo cáo năm"), "{said}");
    // KIEMTRA_SAMPLE_DIR keeps the rendered report, for looking at it and for the README.
    if let Ok(keep) = std::env::var("KIEMTRA_SAMPLE_DIR") {
        std::fs::copy(&pdf, Path::new(&keep).join("bao-cao-nam.pdf")).unwrap();
    }
    let Some(text) = pdf_text(&pdf) else {
        eprintln!("SKIPPED: poppler-utils (pdftotext) not installed");
        return;
    };
    for c in coverage.iter().filter(|c| c["block"] != "all") {
        let line = format!(
            "{}: {} cơ quan, địa phương; mức tối thiểu 20% là {}; theo kế hoạch {}, đã kiểm tra {}, đã kết luận {}",
            c["label"].as_str().unwrap(),
            c["agencies"],
            c["required"],
            c["planned"],
            c["inspected"],
            c["concluded"]
        );
        assert!(text.contains(&line), "the PDF lacks «{line}»: {text}");
    }
    // Each field's row: its three cells (departments, communes, all) in the order of the table.
    let mut at = text
        .find("Kết quả theo lĩnh vực")
        .expect("the results per field");
    for f in fields {
        let cell = format!(
            "{} / {} / {} / {}",
            f["met"], f["partial"], f["unmet"], f["na"]
        );
        let found = text[at..].find(&cell).unwrap_or_else(|| {
            panic!(
                "the PDF lacks «{cell}» of field {} ({}) after {at}",
                f["field"], f["block"]
            )
        });
        at += found + cell.len();
    }
    let late = format!(
        "{} kiến nghị quá hạn chưa khắc phục xong tại {} cơ quan",
        13, 13
    );
    assert!(text.contains(&late), "the PDF lacks «{late}»: {text}");
    assert!(
        text.contains("16 kiến nghị: 3 đã khắc phục và 13 chưa nhận được báo cáo"),
        "{text}"
    );
    assert!(
        !text.contains(" 0 cuộc"),
        "no count of zero in the prose: {text}"
    );
    assert!(text.contains("Phụ lục") && text.contains("BÁO CÁO"));

    // The third place: the XLSX export, read back with calamine.
    let xlsx = dir.path().join("ket-qua-2026.xlsx");
    stdout(
        kiemtra(&data)
            .args([
                "export", "xlsx", "--year", "2026", "--as-of", AS_OF, "--out",
            ])
            .arg(&xlsx),
    );
    let mut wb: Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    let sheet = |wb: &mut Xlsx<_>, name: &str| -> Vec<Vec<Data>> {
        wb.worksheet_range(name)
            .unwrap()
            .rows()
            .map(<[Data]>::to_vec)
            .collect()
    };
    let col = |rows: &[Vec<Data>], name: &str| rows[0].iter().position(|h| *h == name).unwrap();
    let num = |d: &Data| match d {
        Data::Float(n) => *n as i64,
        Data::Int(n) => *n,
        other => panic!("not a number cell: {other:?}"),
    };
    let summary = sheet(&mut wb, "Tổng hợp");
    let id = col(&summary, "Mã định danh");
    for c in coverage {
        let row = summary
            .iter()
            .find(|r| {
                r.get(id)
                    .is_some_and(|v| *v == c["block"].as_str().unwrap())
            })
            .unwrap_or_else(|| panic!("no summary row for {}", c["block"]));
        for (header, key) in [
            ("Số cơ quan", "agencies"),
            ("Cần kiểm tra", "required"),
            ("Kế hoạch", "planned"),
            ("Đã kiểm tra", "inspected"),
            ("Đã kết luận", "concluded"),
        ] {
            assert_eq!(
                num(&row[col(&summary, header)]),
                c[key].as_i64().unwrap(),
                "{} {header}",
                c["block"]
            );
        }
    }
    let by_field = sheet(&mut wb, "Lĩnh vực");
    let id = col(&by_field, "Mã định danh");
    for f in fields {
        let key = format!(
            "{}:{}",
            f["field"].as_str().unwrap(),
            f["block"].as_str().unwrap()
        );
        let row = by_field
            .iter()
            .find(|r| r.get(id).is_some_and(|v| *v == key.as_str()))
            .unwrap_or_else(|| panic!("no row {key}"));
        for (header, k) in [
            ("Đạt", "met"),
            ("Đạt một phần", "partial"),
            ("Chưa đạt", "unmet"),
            ("Không áp dụng", "na"),
        ] {
            assert_eq!(
                num(&row[col(&by_field, header)]),
                f[k].as_i64().unwrap(),
                "{key} {header}"
            );
        }
    }
    let followups = sheet(&mut wb, "Kiến nghị");
    let late = col(&followups, "Số ngày làm việc quá hạn");
    let overdue_rows = followups[1..].iter().filter(|r| num(&r[late]) > 0).count();
    assert_eq!(
        overdue_rows as u64,
        figures["followup"]["overdue"].as_u64().unwrap()
    );

    // The reminder lists the agency's overdue recommendation with its notice.
    let late_agency = overdue.as_array().unwrap()[0]["agency"]
        .as_str()
        .unwrap()
        .to_string();
    let letter = dir.path().join("don-doc.pdf");
    stdout(
        kiemtra(&data)
            .args([
                "followup",
                "remind",
                "--agency",
                &late_agency,
                "--date",
                AS_OF,
                "--out",
            ])
            .arg(&letter),
    );
    if let Ok(keep) = std::env::var("KIEMTRA_SAMPLE_DIR") {
        std::fs::copy(&letter, Path::new(&keep).join("don-doc.pdf")).unwrap();
    }
    let text = pdf_text(&letter).unwrap();
    assert!(
        text.contains("Khẩn trương thực hiện và báo cáo kết quả"),
        "{text}"
    );
    assert!(text.contains("V/v đôn đốc thực hiện kiến nghị"), "{text}");
    assert!(text.contains("/TB-SNV ngày 05/05/2026"), "{text}");
    // An agency whose recommendation is done has nothing to remind.
    let done_agency = entries[0]["agency"].as_str().unwrap();
    let none = refusal(&[
        "followup",
        "remind",
        "--agency",
        done_agency,
        "--date",
        AS_OF,
        "--out",
        dir.path().join("x.pdf").to_str().unwrap(),
    ]);
    assert!(none.contains("không có kiến nghị nào quá hạn"), "{none}");
    assert!(!dir.path().join("x.pdf").exists(), "nothing written");
}
