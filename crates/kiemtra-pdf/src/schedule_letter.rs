//! The letter announcing the inspection's schedule (công văn thông báo lịch kiểm tra) to one
//! planned agency, in the layout of a công văn of Nghị định 30/2020/NĐ-CP (Phụ lục III, Mẫu
//! 1.5): "V/v …" under the number, "Kính gửi:" the agency as the register addresses it, the
//! plan and the decision establishing the team, the dates, the team, what the agency prepares
//! (its self-assessment report and the evidence its checklist expects, listed in the annex),
//! and the signer of the document settings.

use chrono::NaiveDate;

use crate::decision::member_line;
use crate::document::{date_short, date_span, Builder, Document, Person, BLANK};
use crate::layout::{Align, Block, Cell, Table};
use crate::PdfError;

/// One item of the agency's checklist and the evidence it expects.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ExpectedEvidence {
    /// "II.6.CT.1".
    pub source_ref: String,
    /// The item's text.
    pub text: String,
    /// The plan's Kết quả/Sản phẩm column: what to show.
    pub evidence: String,
}

/// Everything the schedule letter prints.
#[derive(Debug, Clone, PartialEq)]
pub struct ScheduleLetterInput {
    /// The registered number; `None` leaves it blank (a draft).
    pub number: Option<String>,
    pub date: NaiveDate,
    pub year: i32,
    /// "UBND xã Tam Tiến".
    pub addressee: String,
    /// "Chủ tịch UBND xã Tam Tiến".
    pub head_title: String,
    /// [`crate::document::plan_citation`].
    pub plan_reference: String,
    /// [`crate::document::decision_citation`].
    pub decision_reference: String,
    pub team_lead: Option<Person>,
    pub team_members: Vec<Person>,
    pub visit_from: Option<NaiveDate>,
    pub visit_to: Option<NaiveDate>,
    /// How many checklist items the visit covers.
    pub items: usize,
    /// The items that expect evidence, with what they expect (the annex).
    pub evidence: Vec<ExpectedEvidence>,
}

fn build(b: &mut Builder, input: &ScheduleLetterInput) {
    let s = b.settings;
    let body = s.issuing_body_name.as_str();
    b.header(input.number.as_deref(), &s.letter_number_suffix, input.date);
    b.letter_summary(&format!(
        "V/v thông báo lịch kiểm tra công tác cải cách hành chính năm {} tại {}",
        input.year, input.addressee
    ));
    b.addressed_to(&input.addressee);
    b.para(&format!(
        "Thực hiện {} và {}, {body} thông báo lịch kiểm tra công tác cải cách hành chính năm {} \
         tại {} như sau:",
        input.plan_reference.trim(),
        input.decision_reference.trim(),
        input.year,
        input.addressee
    ));
    let when = match input.visit_from {
        Some(from) => date_span(from, input.visit_to),
        None => format!("ngày {BLANK}/{BLANK}/{}", input.year),
    };
    b.para(&format!(
        "1. Thời gian kiểm tra: {when}, tại trụ sở {}.",
        input.addressee
    ));
    b.para("2. Thành phần Đoàn kiểm tra:");
    let mut people: Vec<(&Person, &str)> = Vec::new();
    if let Some(l) = &input.team_lead {
        people.push((l, "Trưởng đoàn"));
    }
    for m in &input.team_members {
        people.push((m, "Thành viên"));
    }
    if people.is_empty() {
        b.para("- Theo Quyết định thành lập Đoàn kiểm tra nêu trên.");
    }
    let n = people.len();
    for (k, (p, role)) in people.into_iter().enumerate() {
        b.para(&member_line(p, role, k + 1 == n));
    }
    let items = if input.items > 0 {
        format!(" gồm {} nội dung", input.items)
    } else {
        String::new()
    };
    b.para(&format!(
        "3. Nội dung kiểm tra: kết quả thực hiện nhiệm vụ cải cách hành chính năm {} theo danh \
         mục kiểm tra{items}.",
        input.year
    ));
    b.para(&format!("4. Đề nghị {}:", input.head_title));
    let before = input
        .visit_from
        .map(|d| format!("trước ngày {}", date_short(d)))
        .unwrap_or_else(|| "trước ngày kiểm tra".to_string());
    b.para(&format!(
        "a) Chỉ đạo xây dựng báo cáo tự kiểm tra, tự đánh giá kết quả thực hiện công tác cải \
         cách hành chính năm {} của {}, gửi về {body} {before};",
        input.year, input.addressee
    ));
    if input.evidence.is_empty() {
        b.para("b) Chuẩn bị đầy đủ tài liệu kiểm chứng cho từng nội dung kiểm tra;");
    } else {
        b.para(&format!(
            "b) Chuẩn bị đầy đủ tài liệu kiểm chứng cho {} nội dung theo danh mục tại Phụ lục \
             kèm theo Công văn này;",
            input.evidence.len()
        ));
    }
    b.para(
        "c) Bố trí lãnh đạo và công chức phụ trách các lĩnh vực được kiểm tra làm việc với Đoàn \
         kiểm tra.",
    );
    b.para(&format!(
        "{body} thông báo để {} biết, chuẩn bị và phối hợp thực hiện./.",
        input.addressee
    ));
    b.keep_last();
    b.signature(&[
        "Như trên".to_string(),
        "Thành viên Đoàn kiểm tra".to_string(),
    ]);

    if input.evidence.is_empty() {
        return;
    }
    let number = input
        .number
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .unwrap_or(BLANK);
    let reference = format!(
        "(Kèm theo Công văn số {number}/{} ngày {} của {body})",
        s.letter_number_suffix,
        date_short(input.date)
    );
    // One annex: "Phụ lục" without a numeral (numerals only when there are two or more).
    b.annex(
        None,
        "Danh mục tài liệu kiểm chứng cần chuẩn bị",
        &reference,
    );
    let cols = b.cols(&[
        (9.0, Align::Center),
        (22.0, Align::Left),
        (64.0, Align::Left),
        (70.0, Align::Left),
    ]);
    b.blocks.push(Block::Table(Table::annex(
        cols,
        &["TT", "Mục", "Nội dung kiểm tra", "Tài liệu kiểm chứng"],
        input
            .evidence
            .iter()
            .enumerate()
            .map(|(k, e)| {
                vec![
                    Cell::text((k + 1).to_string()),
                    Cell::text(e.source_ref.as_str()),
                    Cell::text(e.text.as_str()),
                    Cell::text(e.evidence.as_str()),
                ]
            })
            .collect(),
    )));
}

impl Document for ScheduleLetterInput {
    fn check(&self) -> Result<(), PdfError> {
        if self.addressee.trim().is_empty() || self.head_title.trim().is_empty() {
            return Err(PdfError::Invalid {
                field: "addressee".into(),
                message: "chưa có tên cơ quan được kiểm tra hoặc chức danh thủ trưởng".into(),
            });
        }
        Ok(())
    }

    fn build(&self, b: &mut Builder<'_>) {
        build(b, self);
    }

    fn title(&self) -> String {
        format!(
            "Thông báo lịch kiểm tra công tác cải cách hành chính năm {} tại {}",
            self.year, self.addressee
        )
    }

    fn subject(&self) -> &'static str {
        "Công văn thông báo lịch kiểm tra"
    }
}
