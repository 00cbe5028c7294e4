//! The reminder letter (công văn đôn đốc) to one agency: the recommendations of its conclusion
//! notices still not remedied after their due date, each with the notice it comes from, its
//! date and how many working days it is late, in the layout of a công văn (Nghị định 30/2020,
//! Phụ lục III, Mẫu 1.5), with the same header, fonts and signature as every document.

use chrono::NaiveDate;

use crate::document::{date_short, Builder, Document};
use crate::layout::{Align, Block, Cell, Table};
use crate::PdfError;

/// One overdue recommendation as the letter lists it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OverdueRow {
    pub recommendation: String,
    /// "12/TB-SNV ngày 06/01/2026".
    pub notice: String,
    pub due: NaiveDate,
    pub days_overdue: u32,
    /// "Chưa báo cáo", "Đang khắc phục", …
    pub status: String,
}

/// Everything the reminder prints.
#[derive(Debug, Clone, PartialEq)]
pub struct ReminderInput {
    /// The registered number; `None` leaves it blank.
    pub number: Option<String>,
    pub date: NaiveDate,
    /// "UBND xã Tam Tiến".
    pub addressee: String,
    /// "Chủ tịch UBND xã Tam Tiến".
    pub head_title: String,
    /// The years of the notices concerned, for the trích yếu.
    pub years: Vec<i32>,
    pub rows: Vec<OverdueRow>,
}

fn build(b: &mut Builder, input: &ReminderInput) {
    let s = b.settings;
    let body = s.issuing_body_name.as_str();
    let years: Vec<String> = input.years.iter().map(i32::to_string).collect();
    b.header(input.number.as_deref(), &s.letter_number_suffix, input.date);
    b.letter_summary(&format!(
        "V/v đôn đốc thực hiện kiến nghị sau kiểm tra công tác cải cách hành chính năm {}",
        years.join(", ")
    ));
    b.addressed_to(&input.addressee);
    let mut notices: Vec<&str> = input.rows.iter().map(|r| r.notice.as_str()).collect();
    notices.dedup();
    let cited = if notices.len() == 1 {
        format!("Thông báo kết luận kiểm tra số {}", notices[0])
    } else {
        format!(
            "các Thông báo kết luận kiểm tra số {}",
            notices.join("; số ")
        )
    };
    b.para(&format!(
        "Thực hiện {cited} của {body}, {} có trách nhiệm chỉ đạo khắc phục các hạn chế, tồn tại \
         và báo cáo kết quả về {body} theo thời hạn đã nêu.",
        input.head_title
    ));
    b.para(&format!(
        "Đến ngày {}, {body} chưa nhận được báo cáo khắc phục xong đối với {} kiến nghị đã \
         quá hạn sau:",
        date_short(input.date),
        input.rows.len()
    ));
    b.keep_last();
    let cols = b.cols(&[
        (9.0, Align::Center),
        (64.0, Align::Left),
        (30.0, Align::Center),
        (22.0, Align::Center),
        (18.0, Align::Center),
        (22.0, Align::Left),
    ]);
    b.blocks.push(Block::Table(Table::annex(
        cols,
        &[
            "TT",
            "Kiến nghị",
            "Theo thông báo",
            "Hạn",
            "Quá hạn (ngày làm việc)",
            "Tình trạng",
        ],
        input
            .rows
            .iter()
            .enumerate()
            .map(|(k, r)| {
                vec![
                    Cell::text((k + 1).to_string()),
                    Cell::text(r.recommendation.as_str()),
                    Cell::text(r.notice.as_str()),
                    Cell::text(date_short(r.due)),
                    Cell::text(r.days_overdue.to_string()),
                    Cell::text(r.status.as_str()),
                ]
            })
            .collect(),
    )));
    b.para(&format!(
        "{body} đề nghị {} khẩn trương chỉ đạo thực hiện các kiến nghị trên và báo cáo kết quả \
         (kèm tài liệu chứng minh) về {body}./.",
        input.head_title
    ));
    b.keep_last();
    b.signature(&["Như trên".to_string()]);
}

impl Document for ReminderInput {
    fn check(&self) -> Result<(), PdfError> {
        if self.rows.is_empty() {
            return Err(PdfError::Invalid {
                field: "agency".into(),
                message: format!(
                    "{} không có kiến nghị nào quá hạn: không cần đôn đốc",
                    self.addressee
                ),
            });
        }
        if self.addressee.trim().is_empty() || self.head_title.trim().is_empty() {
            return Err(PdfError::Invalid {
                field: "addressee".into(),
                message: "chưa có tên cơ quan hoặc chức danh thủ trưởng".into(),
            });
        }
        Ok(())
    }

    fn build(&self, b: &mut Builder<'_>) {
        build(b, self);
    }

    fn title(&self) -> String {
        format!(
            "Đôn đốc thực hiện kiến nghị sau kiểm tra tại {}",
            self.addressee
        )
    }

    fn subject(&self) -> &'static str {
        "Công văn đôn đốc"
    }
}
