//! A year built through the core (three planned agencies: one concluded with an issued notice,
//! a remediation report and a file of evidence, one in progress, one not started), exported,
//! and read back with calamine and as the XML inside the file.

#![allow(clippy::unwrap_used, clippy::expect_used)] // in tests a panic is a failed test, with its message

use std::io::{Cursor, Read};
use std::sync::Arc;

use calamine::{Data, Reader, Xlsx};
use chrono::{Local, NaiveDate, TimeZone};
use kiemtra_core::evidence::{self, Mapping};
use kiemtra_core::followup::{self, FollowupFilter, FollowupStatus, NewFollowupReport};
use kiemtra_core::inspection::{self, FindingKind, ItemStatus, NewFinding, Record, Severity};
use kiemtra_core::plan::{self, DecisionChange, PlanChange, PlanReference};
use kiemtra_core::profile::{self, Role};
use kiemtra_core::{notice, report, seed, uid, Db, ErrorCode};
use kiemtra_xlsx::{year_workbook, COVERAGE_HEADERS, ID_HEADER, SHEETS};
use unicode_normalization::is_nfc;

const CONCLUDED: &str = "07264"; // Xã Tam Tiến
const IN_PROGRESS: &str = "STP"; // Sở Tư pháp
const NOT_STARTED: &str = "07210"; // Phường Bắc Giang

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// Monday 1 June 2026, 09:00 local time.
fn store(dir: &std::path::Path) -> Db {
    let clock = Arc::new(|| {
        Local
            .from_local_datetime(&day("2026-06-01").and_hms_opt(9, 0, 0).unwrap())
            .single()
            .unwrap()
    });
    let mut db = Db::open(dir).unwrap().with_clock(clock);
    seed::load_all(&mut db).unwrap();
    profile::add(&mut db, "Trần Thị Bình", Role::Lead, Some("Trưởng phòng")).unwrap();
    db
}

/// What the year holds that the test checks the workbook against.
struct Year {
    concluded: i64,
    figure_ref: String,
    date_ref: String,
    evidence_size: u64,
}

fn build(db: &mut Db, dir: &std::path::Path) -> Year {
    plan::apply(
        db,
        2026,
        &PlanChange {
            include: vec![CONCLUDED.into(), IN_PROGRESS.into(), NOT_STARTED.into()],
            ..PlanChange::default()
        },
    )
    .unwrap();
    plan::set_reference(
        db,
        2026,
        &PlanReference {
            number: "25".into(),
            date: "2026-01-15".into(),
            issuer: None,
        },
    )
    .unwrap();
    plan::set_decision(
        db,
        2026,
        &DecisionChange {
            agency: CONCLUDED.into(),
            number: "15".into(),
            date: "2026-04-20".into(),
            signer: None,
        },
    )
    .unwrap();

    let id = inspection::start(db, 2026, CONCLUDED, Some("2026-05-04")).unwrap();
    let items = inspection::show(db.conn(), id).unwrap().items;
    let figure_ref = items
        .iter()
        .find(|i| i.target.is_some())
        .expect("an item with a figure target")
        .source_ref
        .clone();
    let date_ref = items
        .iter()
        .find(|i| i.target.is_none() && i.due.is_some())
        .expect("an item with a deadline")
        .source_ref
        .clone();
    for it in &items {
        let rec = if it.source_ref == figure_ref {
            Record {
                status: Some(ItemStatus::Met),
                value: Some(93.5),
                note: Some("Số liệu theo báo cáo của xã".into()),
                ..Record::default()
            }
        } else if it.source_ref == date_ref {
            Record {
                status: Some(ItemStatus::Met),
                done_on: Some("2026-03-02".into()),
                note: Some("Đã ban hành kế hoạch đúng hạn".into()),
                ..Record::default()
            }
        } else {
            Record {
                status: Some(ItemStatus::Na),
                note: Some("Không phát sinh trong kỳ kiểm tra".into()),
                ..Record::default()
            }
        };
        inspection::record(db, id, &it.source_ref, &rec).unwrap();
    }
    inspection::add_finding(
        db,
        id,
        &NewFinding {
            kind: FindingKind::Shortcoming,
            text: "Chưa công khai đầy đủ thủ tục hành chính".into(),
            source_ref: Some(figure_ref.clone()),
            criterion: None,
            cause: Some("Thiếu nhân lực".into()),
            recommendation: Some("Công khai đủ thủ tục hành chính tại Bộ phận một cửa".into()),
            severity: Some(Severity::High),
            responsible: Some("Văn phòng HĐND và UBND xã".into()),
            due: Some("2026-05-29".into()),
        },
    )
    .unwrap();
    inspection::add_finding(
        db,
        id,
        &NewFinding {
            kind: FindingKind::Strength,
            text: "Bộ phận một cửa gọn gàng".into(),
            source_ref: None,
            criterion: Some("3".into()),
            cause: None,
            recommendation: None,
            severity: None,
            responsible: None,
            due: None,
        },
    )
    .unwrap();
    let file = dir.join("Danh mục TTHC.pdf");
    std::fs::write(&file, b"%PDF-1.4 danh muc thu tuc hanh chinh").unwrap();
    evidence::add_file(
        db,
        id,
        &file,
        &Mapping {
            criteria: vec!["3.2".into()],
            items: vec![figure_ref.clone()],
        },
        &mut |_, _| {},
    )
    .unwrap();
    inspection::submit(db, id).unwrap();
    let planned = notice::prepare(db.conn(), id, "12", "2026-05-20").unwrap();
    notice::record(
        db,
        id,
        &planned,
        "Lê Minh Tuấn",
        None,
        b"%PDF-1.7 notice 12",
    )
    .unwrap();
    let entry = followup::list(db.conn(), &FollowupFilter::default(), day("2026-06-01"))
        .unwrap()
        .remove(0);
    followup::record(
        db,
        entry.id,
        &NewFollowupReport {
            status: FollowupStatus::InProgress,
            received: "2026-05-25".into(),
            note: Some("Đã niêm yết một phần".into()),
        },
        None,
    )
    .unwrap();

    inspection::start(db, 2026, IN_PROGRESS, Some("2026-05-11")).unwrap();
    Year {
        concluded: id,
        figure_ref,
        date_ref,
        evidence_size: std::fs::metadata(&file).unwrap().len(),
    }
}

fn sheet(wb: &mut Xlsx<Cursor<Vec<u8>>>, name: &str) -> Vec<Vec<Data>> {
    let range = wb.worksheet_range(name).unwrap();
    assert_eq!(range.start(), Some((0, 0)), "{name} starts at A1");
    range.rows().map(<[Data]>::to_vec).collect()
}

fn header(rows: &[Vec<Data>]) -> Vec<String> {
    rows[0].iter().map(ToString::to_string).collect()
}

/// The column headed `name`.
fn col(rows: &[Vec<Data>], name: &str) -> usize {
    header(rows)
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column «{name}» in {:?}", header(rows)))
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

fn text(d: &Data) -> &str {
    match d {
        Data::String(s) => s,
        other => panic!("not a text cell: {other:?}"),
    }
}

/// The XML of one part of the file.
fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    zip.by_name(name)
        .unwrap_or_else(|_| panic!("no part {name}"))
        .read_to_string(&mut s)
        .unwrap();
    s
}

#[test]
fn the_year_workbook_has_its_eight_sheets_with_real_dates_numbers_and_hidden_ids() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = store(&dir.path().join("data"));
    let year = build(&mut db, dir.path());
    let as_of = day("2026-06-01");
    let bytes = year_workbook(&db, 2026, as_of).unwrap();
    let figures = report::figures(db.conn(), 2026, as_of).unwrap();
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes.clone())).unwrap();
    assert_eq!(wb.sheet_names(), SHEETS);

    // Tổng hợp: the coverage of report::figures, block by block, the block's id hidden last.
    let summary = sheet(&mut wb, "Tổng hợp");
    let mut expected: Vec<String> = COVERAGE_HEADERS.iter().map(|h| h.to_string()).collect();
    expected.push(ID_HEADER.into());
    assert_eq!(header(&summary), expected);
    assert_eq!(figures.coverage.len(), 3);
    for (row, b) in summary[1..4].iter().zip(&figures.coverage) {
        assert_eq!(text(&row[0]), b.label);
        let numbers: Vec<f64> = [1, 3, 4, 5, 6].iter().map(|&c| number(&row[c])).collect();
        assert_eq!(
            numbers,
            [b.agencies, b.required, b.planned, b.inspected, b.concluded].map(|n| n as f64),
            "{}",
            b.block
        );
        assert_eq!(figures.threshold, 20.0);
        assert_eq!(
            number(&row[2]),
            0.2,
            "20% is the share 0.2, shown as a percent"
        );
        assert_eq!(text(&row[9]), b.block);
    }
    let all = &summary[3];
    assert_eq!(text(&all[9]), "all");
    assert_eq!(
        [5, 6].map(|c| number(&all[c])),
        [2.0, 1.0],
        "two started, one concluded"
    );
    let labelled = |label: &str| -> &Data {
        &summary
            .iter()
            .find(|r| matches!(&r[0], Data::String(s) if s == label))
            .unwrap_or_else(|| panic!("no row «{label}»"))[1]
    };
    assert_eq!(number(labelled("Cuộc kiểm tra theo kế hoạch")), 3.0);
    assert_eq!(number(labelled("Chưa kiểm tra")), 1.0);
    assert_eq!(number(labelled("Đang kiểm tra")), 1.0);
    assert_eq!(number(labelled("Đã ban hành thông báo kết luận")), 1.0);
    assert_eq!(number(labelled("Tổng số kiến nghị")), 1.0);
    assert_eq!(number(labelled("Đang khắc phục")), 1.0);
    assert_eq!(number(labelled("Quá hạn")), figures.followup.overdue as f64);
    assert_eq!(date_of(labelled("Số liệu tính đến ngày")), as_of);

    // Cuộc kiểm tra: one row per planned agency, keyed by its code.
    let agencies = sheet(&mut wb, "Cuộc kiểm tra");
    assert_eq!(agencies.len(), 4);
    let id_col = col(&agencies, ID_HEADER);
    assert_eq!(id_col, agencies[0].len() - 1, "the id is the last column");
    let row_of = |code: &str| {
        agencies
            .iter()
            .find(|r| matches!(&r[id_col], Data::String(s) if s == code))
            .unwrap_or_else(|| panic!("no row for {code}"))
    };
    let done = row_of(CONCLUDED);
    assert_eq!(text(&done[col(&agencies, "Cơ quan")]), "Xã Tam Tiến");
    assert_eq!(
        text(&done[col(&agencies, "Trạng thái")]),
        "Đã ban hành thông báo kết luận"
    );
    assert_eq!(
        date_of(&done[col(&agencies, "Ngày kiểm tra")]),
        day("2026-05-04")
    );
    assert_eq!(
        date_of(&done[col(&agencies, "Ngày thông báo")]),
        day("2026-05-20")
    );
    assert_eq!(text(&done[col(&agencies, "Số thông báo")]), "12");
    assert_eq!(number(&done[col(&agencies, "Đạt")]), 2.0);
    assert_eq!(number(&done[col(&agencies, "Hạn chế")]), 1.0);
    assert_eq!(
        text(&row_of(IN_PROGRESS)[col(&agencies, "Trạng thái")]),
        "Đang kiểm tra"
    );
    assert_eq!(
        row_of(NOT_STARTED)[col(&agencies, "Ngày kiểm tra")],
        Data::Empty
    );

    // Kết quả: every item of both started inspections; the figure a number, the date a date.
    let results = sheet(&mut wb, "Kết quả");
    let in_progress = inspection::find(db.conn(), 2026, IN_PROGRESS)
        .unwrap()
        .unwrap();
    let items = inspection::show(db.conn(), year.concluded)
        .unwrap()
        .items
        .len()
        + inspection::show(db.conn(), in_progress)
            .unwrap()
            .items
            .len();
    assert_eq!(results.len(), 1 + items);
    let id_col = col(&results, ID_HEADER);
    let answer = |r: &str| {
        let uid = uid::answer(&uid::inspection(2026, CONCLUDED), r);
        results
            .iter()
            .find(|row| matches!(&row[id_col], Data::String(s) if *s == uid))
            .unwrap_or_else(|| panic!("no row for {r}"))
    };
    let fig = answer(&year.figure_ref);
    assert_eq!(text(&fig[col(&results, "Mục")]), year.figure_ref);
    assert_eq!(number(&fig[col(&results, "Số liệu")]), 93.5);
    assert_eq!(text(&fig[col(&results, "Kết quả")]), "Đạt");
    assert!(
        text(&fig[col(&results, "Đánh giá")]).contains("chỉ tiêu"),
        "{:?}",
        fig
    );
    let dated = answer(&year.date_ref);
    assert_eq!(
        date_of(&dated[col(&results, "Ngày hoàn thành")]),
        day("2026-03-02")
    );
    assert_eq!(
        text(&dated[col(&results, "Ghi chú")]),
        "Đã ban hành kế hoạch đúng hạn"
    );
    assert!(results[1..]
        .iter()
        .filter(|r| matches!(&r[0], Data::String(s) if s == "Sở Tư pháp"))
        .all(|r| text(&r[col(&results, "Kết quả")]) == "Chưa ghi"));

    // Phát hiện: both findings, keyed by their uids, the due date a date.
    let found = sheet(&mut wb, "Phát hiện");
    assert_eq!(found.len(), 3);
    let stored = inspection::show(db.conn(), year.concluded)
        .unwrap()
        .findings;
    let id_col = col(&found, ID_HEADER);
    for (row, f) in found[1..].iter().zip(&stored) {
        assert_eq!(
            text(&row[id_col]),
            uid::of_finding(db.conn(), f.id).unwrap()
        );
        assert_eq!(text(&row[col(&found, "Nội dung")]), f.text);
    }
    let shortcoming = &found[1];
    assert_eq!(text(&shortcoming[col(&found, "Loại")]), "Hạn chế");
    assert_eq!(text(&shortcoming[col(&found, "Mức độ")]), "Cao");
    assert_eq!(
        date_of(&shortcoming[col(&found, "Hạn khắc phục")]),
        day("2026-05-29")
    );
    assert_eq!(text(&found[2][col(&found, "Tiêu chí")]), "3");

    // Kiến nghị: the entry, its dates as dates, its working days late as a number.
    let follow = sheet(&mut wb, "Kiến nghị");
    assert_eq!(follow.len(), 2);
    let entry = &followup::list(db.conn(), &FollowupFilter::default(), as_of).unwrap()[0];
    let row = &follow[1];
    assert_eq!(number(&row[col(&follow, "Số")]), entry.id as f64);
    assert_eq!(text(&row[col(&follow, "Trạng thái")]), "Đang khắc phục");
    assert_eq!(
        date_of(&row[col(&follow, "Hạn khắc phục")]),
        day("2026-05-29")
    );
    assert_eq!(
        date_of(&row[col(&follow, "Ngày nhận báo cáo")]),
        day("2026-05-25")
    );
    // Due Friday 29 May, still in progress on Monday 1 June: one working day late.
    assert_eq!(entry.days_overdue, 1);
    assert_eq!(number(&row[col(&follow, "Số ngày làm việc quá hạn")]), 1.0);
    assert_eq!(
        text(&row[col(&follow, ID_HEADER)]),
        uid::of_followup(db.conn(), entry.id).unwrap()
    );

    // Tài liệu kiểm chứng: the file's size a number, when it was captured a date-time.
    let files = sheet(&mut wb, "Tài liệu kiểm chứng");
    assert_eq!(files.len(), 2);
    let stored = &evidence::list(db.conn(), year.concluded).unwrap()[0];
    let row = &files[1];
    assert_eq!(text(&row[col(&files, "Tên tệp")]), "Danh mục TTHC.pdf");
    assert_eq!(text(&row[col(&files, "SHA-256")]), stored.sha256);
    assert_eq!(
        number(&row[col(&files, "Dung lượng (byte)")]),
        year.evidence_size as f64
    );
    match &row[col(&files, "Thời điểm ghi nhận")] {
        Data::DateTime(t) => assert_eq!(
            t.as_datetime().unwrap(),
            day("2026-06-01").and_hms_opt(9, 0, 0).unwrap()
        ),
        other => panic!("not a date-time: {other:?}"),
    }
    assert_eq!(text(&row[col(&files, "Tiêu chí")]), "3.2");
    assert_eq!(
        text(&row[col(&files, ID_HEADER)]),
        uid::evidence(&uid::inspection(2026, CONCLUDED), &stored.sha256)
    );

    // Every text in the file is NFC.
    for name in SHEETS {
        for row in sheet(&mut wb, name) {
            for cell in row {
                if let Data::String(s) = cell {
                    assert!(is_nfc(&s), "{name}: «{s}» is not NFC");
                }
            }
        }
    }

    // What calamine does not read: each sheet's header frozen, filtered, its id column hidden.
    for (n, name) in SHEETS.iter().enumerate() {
        let xml = part(&bytes, &format!("xl/worksheets/sheet{}.xml", n + 1));
        assert!(
            xml.contains(
                r#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#
            ),
            "{name}: header not frozen"
        );
        assert!(xml.contains("<autoFilter ref=\"A1:"), "{name}: no filter");
        assert_eq!(xml.matches("hidden=\"1\"").count(), 1, "{name}: {xml}");
    }
    let xml = part(&bytes, "xl/worksheets/sheet2.xml");
    assert!(
        xml.contains(r#"<col min="16" max="16""#) && xml.contains(r#"<autoFilter ref="A1:P4"/>"#),
        "the 16th column (P) is the hidden id of Cuộc kiểm tra"
    );
    // The chart draws the summary's coverage table.
    let chart = part(&bytes, "xl/charts/chart1.xml");
    for range in ["$A$2:$A$4", "$D$2:$D$4", "$G$2:$G$4"] {
        assert!(
            chart.contains(&format!("'Tổng hợp'!{range}")),
            "chart lacks {range}"
        );
    }
    // Dates are shown dd/mm/yyyy.
    assert!(part(&bytes, "xl/styles.xml").contains(r#"formatCode="dd/mm/yyyy""#));
}

#[test]
fn the_same_data_and_clock_give_the_same_bytes_and_a_year_without_plan_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = store(&dir.path().join("data"));
    build(&mut db, dir.path());
    let as_of = day("2026-06-01");
    let a = year_workbook(&db, 2026, as_of).unwrap();
    let b = year_workbook(&db, 2026, as_of).unwrap();
    assert!(a == b, "two exports of the same data differ");
    // The creation date is the store's clock (09:00 local, written in UTC).
    let core = part(&a, "docProps/core.xml");
    let created = Local
        .from_local_datetime(&as_of.and_hms_opt(9, 0, 0).unwrap())
        .single()
        .unwrap()
        .naive_utc()
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string();
    assert!(core.contains(&created), "{created} not in {core}");
    // Another day judged: other follow-up figures, other bytes.
    assert_ne!(year_workbook(&db, 2026, day("2026-07-01")).unwrap(), a);

    let err = year_workbook(&db, 2027, as_of).unwrap_err();
    assert_eq!(err.code(), ErrorCode::PlanNotFound);
    assert!(err.to_string().contains("năm 2027"), "{err}");
}
