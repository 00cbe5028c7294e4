//! The decision establishing an inspection team (Quyết định thành lập Đoàn kiểm tra), one per
//! planned inspection, in the layout of a Quyết định of Nghị định 30/2020/NĐ-CP (Phụ lục III,
//! Mẫu 1.4): the authority that decides, the căn cứ lines (the province's reform plan and the
//! inspection plan), then Điều 1 (the team: each member with their title, unit and role),
//! Điều 2 (its duties and the dates of the visit), Điều 3 (who carries it out). The signer is
//! the one of the document settings, never who is using the app.

use chrono::NaiveDate;

use crate::document::{date_span, Builder, Document, DocumentSettings, Person, BLANK};
use crate::layout::{Align, Block, Para, Span};
use crate::PdfError;

/// Everything the decision prints. Build it with
/// [`documents`](crate::documents) from the plan, or by hand in tests.
#[derive(Debug, Clone, PartialEq)]
pub struct DecisionInput {
    /// The registered number; `None` leaves it blank (a draft).
    pub number: Option<String>,
    /// The decision's date (today on a draft whose date is not set yet).
    pub date: NaiveDate,
    pub year: i32,
    /// The inspected agency as addressed: "UBND xã Tam Tiến".
    pub addressee: String,
    /// Its head: "Chủ tịch UBND xã Tam Tiến".
    pub head_title: String,
    /// The inspection plan as cited ([`crate::document::plan_citation`]).
    pub plan_reference: String,
    pub team_lead: Option<Person>,
    pub team_members: Vec<Person>,
    /// The visit's window, when scheduled.
    pub visit_from: Option<NaiveDate>,
    pub visit_to: Option<NaiveDate>,
    /// How many checklist items the visit covers.
    pub items: usize,
}

/// The authority that decides, in capitals: "GIÁM ĐỐC SỞ NỘI VỤ" — the head's title the
/// signing form names ("KT. GIÁM ĐỐC" → "GIÁM ĐỐC"), or the signer's own title when the head
/// signs, followed by the issuing body. With no signer set, the title is left blank.
pub fn authority(s: &DocumentSettings) -> String {
    let from_form = s.signer_authority.as_deref().and_then(|a| {
        crate::document::SIGNING_FORMS
            .iter()
            .find_map(|f| a.trim().strip_prefix(f))
            .map(str::trim)
            .filter(|t| !t.is_empty())
    });
    let title = from_form
        .map(str::to_string)
        .or_else(|| Some(s.signer_title.trim().to_string()).filter(|t| !t.is_empty()));
    let body = s.issuing_body.trim();
    match title {
        Some(t) if t.to_uppercase().contains(&body.to_uppercase()) => t.to_uppercase(),
        Some(t) => format!("{} {body}", t.to_uppercase()),
        None => format!("{BLANK}{BLANK}{BLANK} {body}"),
    }
}

/// "- Đồng chí Nguyễn Văn An, Chuyên viên, Phòng Cải cách hành chính, Sở Nội vụ - Trưởng
/// đoàn;"
pub(crate) fn member_line(p: &Person, role: &str, last: bool) -> String {
    let mut s = format!("- Đồng chí {}", p.name.trim());
    if !p.title.trim().is_empty() {
        s.push_str(&format!(", {}", p.title.trim()));
    }
    s.push_str(&format!(" - {role}"));
    s.push(if last { '.' } else { ';' });
    s
}

fn build(b: &mut Builder, input: &DecisionInput) {
    let s = b.settings;
    b.header(
        input.number.as_deref(),
        &s.decision_number_suffix,
        input.date,
    );
    b.title(
        "QUYẾT ĐỊNH",
        &format!(
            "Về việc thành lập Đoàn kiểm tra công tác cải cách hành chính tại {}",
            input.addressee
        ),
    );
    let size = b.size();
    b.blocks.push(Block::Para(
        Para::new(vec![Span::bold(authority(s))], size)
            .align(Align::Center)
            .leading(1.15)
            .space(0.0, 6.0)
            .keep(),
    ));
    b.para_italic(&format!("Căn cứ {};", s.province_plan.trim()));
    b.para_italic(&format!("Căn cứ {}.", input.plan_reference.trim()));
    b.blocks.push(Block::Para(
        Para::new(vec![Span::bold("QUYẾT ĐỊNH:")], size)
            .align(Align::Center)
            .leading(1.15)
            .space(3.0, 6.0)
            .keep(),
    ));

    b.para_spans(vec![
        Span::bold("Điều 1. "),
        Span::regular(format!(
            "Thành lập Đoàn kiểm tra công tác cải cách hành chính tại {} (sau đây gọi là Đoàn \
             kiểm tra), gồm các đồng chí sau:",
            input.addressee
        )),
    ]);
    let mut people: Vec<(&Person, &str)> = Vec::new();
    if let Some(l) = &input.team_lead {
        people.push((l, "Trưởng đoàn"));
    }
    for m in &input.team_members {
        people.push((m, "Thành viên"));
    }
    if people.is_empty() {
        b.para(&format!("- Đồng chí {BLANK}{BLANK}{BLANK} - Trưởng đoàn;"));
        b.para(&format!("- Đồng chí {BLANK}{BLANK}{BLANK} - Thành viên."));
    }
    let n = people.len();
    for (k, (p, role)) in people.into_iter().enumerate() {
        b.para(&member_line(p, role, k + 1 == n));
    }

    let when = match input.visit_from {
        Some(from) => date_span(from, input.visit_to),
        None => format!(
            "từ ngày {BLANK}/{BLANK}/{} đến ngày {BLANK}/{BLANK}/{}",
            input.year, input.year
        ),
    };
    b.para_spans(vec![
        Span::bold("Điều 2. "),
        Span::regular("Nhiệm vụ của Đoàn kiểm tra:"),
    ]);
    let items = if input.items > 0 {
        format!(" gồm {} nội dung", input.items)
    } else {
        String::new()
    };
    b.para(&format!(
        "1. Kiểm tra kết quả thực hiện nhiệm vụ cải cách hành chính năm {} của {} theo {} và \
         danh mục kiểm tra{items}.",
        input.year,
        input.addressee,
        input.plan_reference.trim()
    ));
    b.para(&format!("2. Thời gian kiểm tra: {when}."));
    b.para(
        "3. Lập biên bản kiểm tra; báo cáo kết quả kiểm tra và đề xuất nội dung thông báo kết \
         luận kiểm tra.",
    );
    b.para(&format!(
        "4. Trưởng đoàn phân công nhiệm vụ cụ thể cho các thành viên. Đoàn kiểm tra tự giải thể \
         sau khi hoàn thành nhiệm vụ; thành viên Đoàn kiểm tra thực hiện nhiệm vụ theo chế độ \
         kiêm nhiệm. Cơ quan có thành viên tham gia Đoàn kiểm tra tạo điều kiện để thành viên \
         hoàn thành nhiệm vụ được giao. {} bố trí thời gian, thành phần làm việc và cung cấp \
         đầy đủ hồ sơ, tài liệu theo yêu cầu của Đoàn kiểm tra.",
        input.addressee
    ));
    b.para_spans(vec![
        Span::bold("Điều 3. "),
        Span::regular(format!(
            "Quyết định này có hiệu lực kể từ ngày ký. Các đồng chí có tên tại Điều 1, {} và \
             các cơ quan, đơn vị, cá nhân có liên quan chịu trách nhiệm thi hành Quyết định \
             này./.",
            input.head_title
        )),
    ]);
    b.keep_last();
    b.signature(&["Như Điều 3".to_string()]);
}

impl Document for DecisionInput {
    fn check(&self) -> Result<(), PdfError> {
        if self.addressee.trim().is_empty() {
            return Err(PdfError::Invalid {
                field: "addressee".into(),
                message: "chưa có tên cơ quan được kiểm tra".into(),
            });
        }
        Ok(())
    }

    fn build(&self, b: &mut Builder<'_>) {
        build(b, self);
    }

    fn title(&self) -> String {
        format!(
            "Quyết định về việc thành lập Đoàn kiểm tra công tác cải cách hành chính tại {}",
            self.addressee
        )
    }

    fn subject(&self) -> &'static str {
        "Quyết định thành lập Đoàn kiểm tra"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_deciding_authority_is_the_heads_title_and_the_body() {
        let mut s = DocumentSettings {
            signer_authority: Some("KT. GIÁM ĐỐC".into()),
            signer_title: "PHÓ GIÁM ĐỐC".into(),
            signer_name: "Lê Minh Tuấn".into(),
            ..Default::default()
        };
        assert_eq!(authority(&s), "GIÁM ĐỐC SỞ NỘI VỤ");
        s.signer_authority = None;
        s.signer_title = "Giám đốc".into();
        assert_eq!(authority(&s), "GIÁM ĐỐC SỞ NỘI VỤ", "the head signs");
        s.signer_title = String::new();
        assert_eq!(
            authority(&s),
            "……… SỞ NỘI VỤ",
            "no signer: a blank, not a guess"
        );
    }

    #[test]
    fn a_member_is_named_with_title_unit_and_role() {
        let p = Person::titled("Nguyễn Văn An", Some("Chuyên viên"), Some("Sở Tư pháp"));
        assert_eq!(
            member_line(&p, "Thành viên", true),
            "- Đồng chí Nguyễn Văn An, Chuyên viên, Sở Tư pháp - Thành viên."
        );
    }
}
