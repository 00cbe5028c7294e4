//! kiemtra-xlsx: a year's inspections as one XLSX workbook (`kiemtra export xlsx`), for the
//! team's own tables and the province's reporting. No tauri, no hand-written OOXML: the file is
//! made by `rust_xlsxwriter`.
//!
//! Eight sheets, each one table whose header row is frozen and filtered, whose columns are as wide
//! as their longest cell (in characters, capped), and whose last column — hidden — holds each
//! row's stable id, so a sorted or filtered copy can still be matched to the store:
//!
//! | sheet | one row per | hidden id |
//! |---|---|---|
//! | Tổng hợp | block (then the states and the follow-up counts below, and a chart) | block |
//! | Cuộc kiểm tra | planned agency (`report::figures`' agencies) | agency code |
//! | Lĩnh vực | PAR field and block: answers of the concluded inspections | field:block |
//! | Chỉ tiêu | checklist item with a target, judged over the concluded inspections | source ref |
//! | Kết quả | checklist item of every started inspection | answer uid |
//! | Phát hiện | finding | finding uid |
//! | Kiến nghị | follow-up entry | follow-up uid |
//! | Tài liệu kiểm chứng | evidence file of an inspection | evidence uid |
//!
//! The summary's numbers are [`kiemtra_core::report::figures`]' — the same as the report, the
//! dashboard and `kiemtra report show`. Dates are date cells shown dd/mm/yyyy, figures and counts
//! number cells. The workbook's creation date is `SOURCE_DATE_EPOCH` when set, else the store's
//! clock, so the same data and clock give the same bytes.

mod table;
pub mod template;

use chrono::{NaiveDate, NaiveDateTime};
use kiemtra_core::followup::{self, FollowupFilter};
use kiemtra_core::inspection::{self, FindingKind, Severity};
use kiemtra_core::report::{self, YearFigures};
use kiemtra_core::{evidence, uid, Db, ErrorCode};
use rust_xlsxwriter::{
    Chart, ChartLegendPosition, ChartType, DocProperties, ExcelDateTime, Workbook, Worksheet,
};

pub use table::ID_HEADER;
use table::{Cell, Formats, Table, MAX_WIDTH};

/// The sheets, in order.
pub const SHEETS: [&str; 8] = [
    SUMMARY,
    "Cuộc kiểm tra",
    "Lĩnh vực",
    "Chỉ tiêu",
    "Kết quả",
    "Phát hiện",
    "Kiến nghị",
    "Tài liệu kiểm chứng",
];
const SUMMARY: &str = "Tổng hợp";

/// The coverage table's header on the summary sheet.
pub const COVERAGE_HEADERS: [&str; 9] = [
    "Khối",
    "Số cơ quan",
    "Ngưỡng",
    "Cần kiểm tra",
    "Kế hoạch",
    "Đã kiểm tra",
    "Đã kết luận",
    "Đạt ngưỡng",
    "Còn thiếu",
];

/// A workbook could not be made: a store error (no plan for the year…) or the writer's.
#[derive(Debug, thiserror::Error)]
pub enum XlsxError {
    #[error(transparent)]
    Core(#[from] kiemtra_core::Error),
    #[error("Không tạo được bảng tính: {0}")]
    Workbook(#[from] rust_xlsxwriter::XlsxError),
}

impl XlsxError {
    pub fn code(&self) -> ErrorCode {
        match self {
            XlsxError::Core(e) => e.code(),
            XlsxError::Workbook(_) => ErrorCode::Internal,
        }
    }
}

pub type Result<T, E = XlsxError> = std::result::Result<T, E>;

/// The workbook of `year`, follow-up judged late on `as_of`. A year without a plan is refused
/// (`plan_not_found`).
pub fn year_workbook(db: &Db, year: i32, as_of: NaiveDate) -> Result<Vec<u8>> {
    let conn = db.conn();
    let figures = report::figures(conn, year, as_of)?;
    if !figures.has_plan {
        return Err(kiemtra_core::Error::PlanNotFound { year }.into());
    }
    let formats = Formats::default();
    let mut wb = Workbook::new();
    let created = created(db);
    wb.set_properties(
        &DocProperties::new()
            .set_title(format!("Kết quả kiểm tra công tác CCHC năm {year}"))
            .set_subject(format!(
                "Số liệu tính đến ngày {}",
                as_of.format("%d/%m/%Y")
            ))
            .set_creation_datetime(&excel_instant(created)?),
    );

    let sheets = [
        agencies(&figures),
        fields(&figures),
        targets(&figures),
        results(db, &figures)?,
        findings(db, &figures)?,
        followups(db, year, as_of)?,
        evidence_files(db, &figures)?,
    ];

    summary(wb.add_worksheet(), &figures, &formats)?;
    for (name, table) in SHEETS[1..].iter().zip(&sheets) {
        let ws = wb.add_worksheet();
        ws.set_name(*name)?;
        table.write(ws, 0, &formats)?;
    }
    Ok(wb.save_to_buffer()?)
}

/// The creation date written into the workbook (UTC): `SOURCE_DATE_EPOCH`, else the store's
/// clock — as the PDFs do.
fn created(db: &Db) -> NaiveDateTime {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|t| chrono::DateTime::from_timestamp(t, 0))
        .map(|t| t.naive_utc())
        .unwrap_or_else(|| db.now().naive_utc())
}

pub(crate) fn excel_instant(t: NaiveDateTime) -> Result<ExcelDateTime> {
    use chrono::{Datelike, Timelike};
    let date = ExcelDateTime::from_ymd(
        u16::try_from(t.year()).unwrap_or(1970),
        t.month() as u8,
        t.day() as u8,
    )?;
    Ok(date.and_hms(t.hour() as u16, t.minute() as u8, t.second() as f64)?)
}

/// How an agency's state reads.
pub fn state_label(state: &str) -> &str {
    match state {
        "not_started" => "Chưa kiểm tra",
        "in_progress" => "Đang kiểm tra",
        "submitted" => "Đã nộp, chờ duyệt",
        "returned" => "Được trả lại để sửa",
        "accepted" => "Đã được duyệt",
        "concluded" => "Đã ban hành thông báo kết luận",
        other => other,
    }
}

fn block_label(block: &str) -> String {
    match kiemtra_core::agency::Block::from_stored(block) {
        Some(b) => b.label().to_string(),
        None if block == "all" => "Toàn tỉnh".to_string(),
        None => block.to_string(),
    }
}

fn kind_label(k: FindingKind) -> &'static str {
    match k {
        FindingKind::Strength => "Ưu điểm",
        FindingKind::Shortcoming => "Hạn chế",
    }
}

fn severity_label(s: Severity) -> &'static str {
    match s {
        Severity::Low => "Thấp",
        Severity::Medium => "Trung bình",
        Severity::High => "Cao",
    }
}

/// "Tổng hợp": coverage per block (the table the chart draws), then the states and the
/// follow-up counts, then the year and the day the figures are judged on.
fn summary(ws: &mut Worksheet, f: &YearFigures, formats: &Formats) -> Result<()> {
    ws.set_name(SUMMARY)?;
    let mut coverage = Table::new(&COVERAGE_HEADERS);
    for b in &f.coverage {
        coverage.push(
            vec![
                Cell::text(&b.label),
                Cell::int(b.agencies),
                // The plan keeps it in percent; the cell holds the share, shown as 20%.
                Cell::Percent(f.threshold / 100.0),
                Cell::int(b.required),
                Cell::int(b.planned),
                Cell::int(b.inspected),
                Cell::int(b.concluded),
                Cell::text(if b.threshold_met {
                    "Đạt"
                } else {
                    "Chưa đạt"
                }),
                Cell::int((b.required - b.concluded).max(0)),
            ],
            &b.block,
        );
    }
    let mut row = coverage.write(ws, 0, formats)?;
    let last_block_row = row - 1;

    // Two small lists under the table: a label and a number each.
    let s = &f.states;
    let states = [
        ("Cuộc kiểm tra theo kế hoạch", s.planned),
        ("Chưa kiểm tra", s.not_started),
        ("Đang kiểm tra", s.in_progress),
        ("Đã nộp, chờ duyệt", s.submitted),
        ("Được trả lại để sửa", s.returned),
        ("Đã được duyệt", s.accepted),
        ("Đã ban hành thông báo kết luận", s.concluded),
    ];
    let u = &f.followup;
    let follow = [
        ("Tổng số kiến nghị", u.total),
        ("Đã khắc phục", u.done),
        ("Đang khắc phục", u.in_progress),
        ("Chưa báo cáo", u.open),
        ("Không khắc phục được", u.not_done),
        ("Quá hạn", u.overdue),
        ("Cơ quan cần đôn đốc", u.agencies_to_remind),
    ];
    for (title, list) in [
        ("Trạng thái các cuộc kiểm tra", &states),
        ("Theo dõi khắc phục kiến nghị", &follow),
    ] {
        row += 1;
        ws.write_string_with_format(row, 0, title, &formats.title)?;
        for (label, n) in list {
            row += 1;
            ws.write_string(row, 0, *label)?;
            ws.write_number(row, 1, *n as f64)?;
        }
        row += 1;
    }
    row += 1;
    ws.write_string(row, 0, "Năm")?;
    ws.write_number(row, 1, f64::from(f.year))?;
    row += 1;
    ws.write_string(row, 0, "Số liệu tính đến ngày")?;
    if let Ok(d) = NaiveDate::parse_from_str(&f.as_of, "%Y-%m-%d") {
        table::write_cell(ws, row, 1, &Cell::Date(d), formats)?;
    }
    // The labels of the lists are longer than the blocks' names.
    let longest = states
        .iter()
        .chain(&follow)
        .map(|(l, _)| l.chars().count())
        .max()
        .unwrap_or(0);
    let first = coverage.widths().first().copied().unwrap_or(0.0);
    ws.set_column_width(0, first.max((longest.min(MAX_WIDTH) + 2) as f64))?;

    // Coverage per block: what the threshold requires beside what is planned, inspected and
    // concluded.
    let mut chart = Chart::new(ChartType::Column);
    chart
        .title()
        .set_name(&format!("Độ bao phủ kiểm tra theo khối năm {}", f.year));
    // Series named by their headers: Cần kiểm tra, Kế hoạch, Đã kiểm tra, Đã kết luận.
    for col in 3..=6 {
        chart
            .add_series()
            .set_name((SUMMARY, 0, col))
            .set_categories((SUMMARY, 1, 0, last_block_row, 0))
            .set_values((SUMMARY, 1, col, last_block_row, col));
    }
    chart.y_axis().set_name("Số cơ quan");
    chart.legend().set_position(ChartLegendPosition::Bottom);
    chart.set_width(640).set_height(360);
    ws.insert_chart(last_block_row + 2, 3, &chart)?;
    Ok(())
}

/// "Cuộc kiểm tra": one row per planned agency, as the report's annex.
fn agencies(f: &YearFigures) -> Table {
    let mut t = Table::new(&[
        "Mã cơ quan",
        "Cơ quan",
        "Khối",
        "Trạng thái",
        "Ngày kiểm tra",
        "Số thông báo",
        "Ngày thông báo",
        "Đạt",
        "Đạt một phần",
        "Chưa đạt",
        "Không áp dụng",
        "Hạn chế",
        "Kiến nghị",
        "Đã khắc phục",
        "Quá hạn",
    ]);
    for a in &f.agencies {
        t.push(
            vec![
                Cell::text(&a.code),
                Cell::text(&a.name),
                Cell::text(block_label(&a.block)),
                Cell::text(state_label(&a.state)),
                Cell::opt_date(a.visit_date.as_deref()),
                Cell::opt_text(a.notice_number.as_deref()),
                Cell::opt_date(a.notice_date.as_deref()),
                Cell::int(a.met),
                Cell::int(a.partial),
                Cell::int(a.unmet),
                Cell::int(a.na),
                Cell::int(a.shortcomings),
                Cell::int(a.recommendations),
                Cell::int(a.done),
                Cell::int(a.overdue),
            ],
            &a.code,
        );
    }
    t
}

/// "Lĩnh vực": the answers of the concluded inspections per PAR field and block (`all` last),
/// as the report's table prints them.
fn fields(f: &YearFigures) -> Table {
    let mut t = Table::new(&[
        "Mã lĩnh vực",
        "Lĩnh vực",
        "Khối",
        "Đạt",
        "Đạt một phần",
        "Chưa đạt",
        "Không áp dụng",
    ]);
    for r in &f.fields {
        t.push(
            vec![
                Cell::text(&r.field),
                Cell::text(&r.name),
                Cell::text(block_label(&r.block)),
                Cell::int(r.met),
                Cell::int(r.partial),
                Cell::int(r.unmet),
                Cell::int(r.na),
            ],
            format!("{}:{}", r.field, r.block),
        );
    }
    t
}

/// "Chỉ tiêu": the items with a target and how the concluded inspections were judged.
fn targets(f: &YearFigures) -> Table {
    let mut t = Table::new(&[
        "Mục",
        "Nội dung",
        "Chỉ tiêu",
        "Được đánh giá",
        "Đạt",
        "Chưa đạt",
    ]);
    for r in &f.targets {
        t.push(
            vec![
                Cell::text(&r.source_ref),
                Cell::text(&r.text),
                Cell::text(&r.target),
                Cell::int(r.judged),
                Cell::int(r.met),
                Cell::int(r.unmet),
            ],
            &r.source_ref,
        );
    }
    t
}

/// The started inspections of the year, in the order of the agencies' rows.
fn started(f: &YearFigures) -> impl Iterator<Item = (&report::AgencyFigures, i64)> {
    f.agencies
        .iter()
        .filter_map(|a| a.inspection.map(|id| (a, id)))
}

/// "Kết quả": every checklist item of every started inspection, answered or not.
fn results(db: &Db, f: &YearFigures) -> Result<Table> {
    let conn = db.conn();
    let mut t = Table::new(&[
        "Cơ quan",
        "Mục",
        "Nội dung kiểm tra",
        "Trách nhiệm",
        "Kết quả",
        "Chỉ tiêu, thời hạn",
        "Số liệu",
        "Ngày hoàn thành",
        "Đánh giá",
        "Ghi chú",
    ]);
    for (a, id) in started(f) {
        let insp = inspection::show(conn, id)?;
        let insp_uid = uid::of_inspection(conn, id)?;
        for it in &insp.items {
            let target = match (&it.target, &it.due) {
                (Some(t), _) => Cell::text(t.text()),
                (None, Some(d)) => Cell::date(d),
                _ => Cell::opt_text(it.deadline.as_deref()),
            };
            t.push(
                vec![
                    Cell::text(&a.name),
                    Cell::text(&it.source_ref),
                    Cell::text(&it.text),
                    Cell::text(it.kind.label()),
                    Cell::text(it.status.map_or("Chưa ghi", |s| s.label())),
                    target,
                    it.value.map_or(Cell::Empty, Cell::Number),
                    Cell::opt_date(it.done_on.as_deref()),
                    Cell::opt_text(it.judgement_text().as_deref()),
                    Cell::opt_text(it.note.as_deref()),
                ],
                uid::answer(&insp_uid, &it.source_ref),
            );
        }
    }
    Ok(t)
}

/// "Phát hiện": the strengths and shortcomings of every started inspection.
fn findings(db: &Db, f: &YearFigures) -> Result<Table> {
    let conn = db.conn();
    let mut t = Table::new(&[
        "Cơ quan",
        "Loại",
        "Nội dung",
        "Mục",
        "Tiêu chí",
        "Nguyên nhân",
        "Kiến nghị",
        "Mức độ",
        "Đơn vị thực hiện",
        "Hạn khắc phục",
    ]);
    for (a, id) in started(f) {
        for x in inspection::show(conn, id)?.findings {
            t.push(
                vec![
                    Cell::text(&a.name),
                    Cell::text(kind_label(x.kind)),
                    Cell::text(&x.text),
                    Cell::opt_text(x.source_ref.as_deref()),
                    Cell::opt_text(x.criterion.as_deref()),
                    Cell::opt_text(x.cause.as_deref()),
                    Cell::opt_text(x.recommendation.as_deref()),
                    Cell::opt_text(x.severity.map(severity_label)),
                    Cell::opt_text(x.responsible.as_deref()),
                    Cell::opt_date(x.due.as_deref()),
                ],
                uid::of_finding(conn, x.id)?,
            );
        }
    }
    Ok(t)
}

/// "Kiến nghị": the recommendations of the year's issued notices, late as seen on `as_of`.
fn followups(db: &Db, year: i32, as_of: NaiveDate) -> Result<Table> {
    let conn = db.conn();
    let entries = followup::list(
        conn,
        &FollowupFilter {
            year: Some(year),
            ..FollowupFilter::default()
        },
        as_of,
    )?;
    let mut t = Table::new(&[
        "Số",
        "Cơ quan",
        "Số thông báo",
        "Ngày thông báo",
        "Phát hiện",
        "Kiến nghị",
        "Hạn khắc phục",
        "Trạng thái",
        "Ngày nhận báo cáo",
        "Số ngày làm việc quá hạn",
        "Số báo cáo",
        "Ghi chú",
    ]);
    for e in &entries {
        t.push(
            vec![
                Cell::int(e.id),
                Cell::text(&e.agency_name),
                Cell::text(&e.notice_number),
                Cell::date(&e.notice_date),
                Cell::text(&e.finding),
                Cell::text(&e.recommendation),
                Cell::date(&e.due),
                Cell::text(e.status.label()),
                Cell::opt_date(e.received_on.as_deref()),
                Cell::int(e.days_overdue),
                Cell::int(e.reports),
                Cell::opt_text(e.note.as_deref()),
            ],
            uid::of_followup(conn, e.id)?,
        );
    }
    Ok(t)
}

/// "Tài liệu kiểm chứng": the evidence manifest of every started inspection.
fn evidence_files(db: &Db, f: &YearFigures) -> Result<Table> {
    let conn = db.conn();
    let mut t = Table::new(&[
        "Cơ quan",
        "Tên tệp",
        "SHA-256",
        "Dung lượng (byte)",
        "Loại tệp",
        "Thời điểm ghi nhận",
        "Người ghi nhận",
        "Tiêu chí",
        "Mục",
    ]);
    for (a, id) in started(f) {
        let insp_uid = uid::of_inspection(conn, id)?;
        for e in evidence::list(conn, id)? {
            t.push(
                vec![
                    Cell::text(&a.name),
                    Cell::text(&e.name),
                    Cell::text(&e.sha256),
                    Cell::Count(e.size as f64),
                    Cell::text(&e.media_type),
                    Cell::instant(&e.captured_at),
                    Cell::text(&e.captured_by),
                    Cell::text(e.criteria.join("; ")),
                    Cell::text(e.items.join("; ")),
                ],
                uid::evidence(&insp_uid, &e.sha256),
            );
        }
    }
    Ok(t)
}
