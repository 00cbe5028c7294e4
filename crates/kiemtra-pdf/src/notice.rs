//! The conclusion notice (thông báo kết luận kiểm tra) of one inspection: the basis, the results
//! by PAR field (strengths, shortcomings, causes), the conclusion, the recommendations with
//! their due dates, the remediation report's due date, the signature, and two annexes: the
//! checklist results and the list of evidence files.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use kiemtra_core::calendar::parse_date;
use kiemtra_core::checklist::Target;
use kiemtra_core::inspection::{FindingKind, Inspection, InspectionItem};
use kiemtra_core::plan::Plan;

use crate::document::{
    date_short, date_span, decision_citation, plan_citation, Builder, Document, DocumentSettings,
    Person, Reference,
};
use crate::fonts::Face;
use crate::format;
use crate::layout::{mm, Align, Block, Cell, Col, Table};
use crate::PdfError;

/// The eight PAR Index fields (QĐ 876/QĐ-BNV), as named in `seeds/par-framework.json`: used
/// to head the results when the inspection's framework carries no names of its own.
pub const PAR_FIELDS: [(&str, &str); 8] = [
    ("1", "Công tác chỉ đạo, điều hành CCHC"),
    (
        "2",
        "Xây dựng và tổ chức thực hiện thể chế (cải cách thể chế)",
    ),
    ("3", "Cải cách TTHC"),
    ("4", "Cải cách tổ chức bộ máy hành chính nhà nước"),
    ("5", "Cải cách chế độ công vụ"),
    ("6", "Cải cách tài chính công"),
    (
        "7",
        "Xây dựng và phát triển chính quyền điện tử, chính quyền số (chuyển đổi số)",
    ),
    (
        "8",
        "Tác động của CCHC đến người dân, tổ chức và phát triển kinh tế - xã hội",
    ),
];

/// The results of one PAR field.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FieldResult {
    /// "Cải cách TTHC".
    pub name: String,
    /// Ưu điểm.
    pub strengths: Vec<String>,
    /// Hạn chế, tồn tại.
    pub shortcomings: Vec<String>,
    /// Nguyên nhân (of the shortcomings).
    pub causes: Vec<String>,
}

/// A recommendation or requirement (kiến nghị, yêu cầu) and when it must be done.
#[derive(Debug, Clone, PartialEq)]
pub struct Recommendation {
    pub text: String,
    /// Computed by the caller (working days); `None` prints no deadline.
    pub due: Option<NaiveDate>,
}

/// One row of Phụ lục I: a checklist item and its result.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ChecklistRow {
    /// Mục: the item's reference in the plan ("II.8.CT.1").
    pub source_ref: String,
    /// Nội dung.
    pub text: String,
    /// Chỉ tiêu: "≥ 85%", or the plan's deadline ("Quý I/2026").
    pub target: String,
    /// Số liệu: "93,5%", or the date it was done ("10/01/2026").
    pub value: String,
    /// Kết quả: "Đạt", "Đạt một phần", "Chưa đạt", "Không áp dụng".
    pub result: String,
    /// Đánh giá: "Đạt chỉ tiêu", "Đúng hạn", "Trễ hạn"…
    pub assessment: String,
}

/// One evidence file listed in Phụ lục II.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EvidenceRow {
    pub name: String,
    /// The criteria (tiêu chí) the file is evidence for.
    pub criteria: Vec<String>,
    /// The criteria are codes of the shipped tree derived from KH 167 (ours, not the official
    /// QĐ 876 codes); the annex says so under its table.
    pub derived_criteria: bool,
    /// Size in bytes.
    pub size: u64,
    /// SHA-256 of the file, lowercase hex.
    pub sha256: String,
}

/// The due dates the caller computed (working days, holidays) for a notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DueDates {
    /// The remediation report is due to the issuing body by this date.
    pub report: NaiveDate,
    /// Recommendations whose finding has no due date of its own are due by this date.
    pub recommendations: NaiveDate,
}

/// Everything a conclusion notice prints. Plain data: build it with [`NoticeInput::from_core`]
/// and edit what the team lead rewrote (the conclusion, a recommendation's wording).
#[derive(Debug, Clone, PartialEq)]
pub struct NoticeInput {
    /// The registered number ("12"); `None` leaves the space blank (before registration).
    pub number: Option<String>,
    /// The date of the notice.
    pub date: NaiveDate,
    pub year: i32,
    pub agency_name: String,
    /// How the notice addresses the agency, from the register: "UBND xã Tam Tiến".
    pub addressee: String,
    /// The agency's head, from the register: "Chủ tịch UBND xã Tam Tiến".
    pub head_title: String,
    /// The inspection plan cited in the basis, e.g. "Kế hoạch số 25/KH-SNV ngày 10/01/2026
    /// của Sở Nội vụ về kiểm tra công tác cải cách hành chính năm 2026"
    /// ([`crate::document::plan_citation`]); `None` prints its number and date as blanks.
    pub plan_reference: Option<String>,
    /// The decision establishing the team, e.g. "Quyết định số 15/QĐ-SNV ngày 20/04/2026 của
    /// Giám đốc Sở Nội vụ về việc thành lập Đoàn kiểm tra …"
    /// ([`crate::document::decision_citation`]); `None` prints its number and date as blanks.
    pub decision_reference: Option<String>,
    pub visit_from: NaiveDate,
    pub visit_to: Option<NaiveDate>,
    pub team_lead: Option<Person>,
    pub team_members: Vec<Person>,
    /// Results by PAR field, in order; fields with nothing to say are left out.
    pub fields: Vec<FieldResult>,
    /// The conclusion's paragraphs.
    pub conclusion: Vec<String>,
    pub recommendations: Vec<Recommendation>,
    /// The remediation report's due date.
    pub report_due: NaiveDate,
    /// This notice's own recipients, before the settings' standing ones.
    pub recipients: Vec<String>,
    /// Phụ lục I.
    pub checklist: Vec<ChecklistRow>,
    /// Phụ lục II; empty prints "Không có tài liệu kiểm chứng đính kèm."
    pub evidence: Vec<EvidenceRow>,
}

/// "≥ 85%", "≥ 0,71", "≤ 5 ngày".
pub fn target_text(t: &Target) -> String {
    format!("{} {}", t.op.symbol(), with_unit(t.value, &t.unit))
}

fn with_unit(v: f64, unit: &str) -> String {
    let n = format::number(v, 2);
    match unit.trim() {
        "" => n,
        "%" => format!("{n}%"),
        u => format!("{n} {u}"),
    }
}

fn checklist_row(item: &InspectionItem) -> ChecklistRow {
    let target = match (&item.target, &item.deadline) {
        (Some(t), _) => target_text(t),
        (None, Some(d)) => d.clone(),
        (None, None) => item
            .due
            .as_deref()
            .and_then(|d| parse_date("due", d).ok())
            .map(date_short)
            .unwrap_or_default(),
    };
    let value = match (item.value, &item.target, &item.done_on) {
        (Some(v), Some(t), _) => with_unit(v, &t.unit),
        (Some(v), None, _) => format::number(v, 2),
        (None, _, Some(d)) => parse_date("done_on", d)
            .map(date_short)
            .unwrap_or_else(|_| d.clone()),
        (None, _, None) => String::new(),
    };
    ChecklistRow {
        source_ref: item.source_ref.clone(),
        text: item.text.clone(),
        target,
        value,
        result: item
            .status
            .map(|s| s.label().to_string())
            .unwrap_or_default(),
        // Names the target judged against, and any other target the plan sets for the same
        // figure, so two judgements of one figure never read as a contradiction.
        assessment: item.judgement_text().unwrap_or_default(),
    }
}

/// The PAR field a finding belongs to: its criterion's first segment ("3.1.2" → "3"), else
/// the first field of the checklist item it was found on.
fn field_of(
    code: Option<&str>,
    source_ref: Option<&str>,
    items: &[InspectionItem],
) -> Option<String> {
    if let Some(c) = code.map(str::trim).filter(|c| !c.is_empty()) {
        return c.split('.').next().map(str::to_string);
    }
    let r = source_ref?;
    items
        .iter()
        .find(|i| i.source_ref == r)
        .and_then(|i| i.par_fields.first().cloned())
}

impl NoticeInput {
    /// Builds a notice from an inspection: its findings grouped by PAR field, a conclusion
    /// stating the checklist counts, one recommendation per shortcoming that has one (due on
    /// the finding's own date, else `due.recommendations`), the checklist as Phụ lục I, the
    /// team from `plan` when given. Evidence is left empty for the caller to fill.
    pub fn from_core(
        inspection: &Inspection,
        plan: Option<&Plan>,
        number: Option<&str>,
        date: NaiveDate,
        due: DueDates,
    ) -> NoticeInput {
        let i = inspection;
        let team = plan
            .and_then(|p| p.agencies.iter().find(|a| a.code == i.agency))
            .map(|a| a.team.clone())
            .unwrap_or_default();
        let mut names: BTreeMap<String, String> = PAR_FIELDS
            .iter()
            .map(|(c, n)| (c.to_string(), n.to_string()))
            .collect();
        for t in &i.field_totals {
            names.insert(t.field.clone(), t.name.clone());
        }
        // Fields in their numeric order; findings with no field go last.
        let mut by_field: BTreeMap<(u32, String), FieldResult> = BTreeMap::new();
        for f in &i.findings {
            let code = field_of(f.criterion.as_deref(), f.source_ref.as_deref(), &i.items);
            let key = match &code {
                Some(c) => (c.parse().unwrap_or(u32::MAX - 1), c.clone()),
                None => (u32::MAX, String::new()),
            };
            let entry = by_field.entry(key).or_insert_with(|| FieldResult {
                name: code
                    .as_ref()
                    .and_then(|c| names.get(c).cloned())
                    .unwrap_or_else(|| "Các nội dung khác".to_string()),
                ..Default::default()
            });
            match f.kind {
                FindingKind::Strength => entry.strengths.push(f.text.clone()),
                FindingKind::Shortcoming => {
                    entry.shortcomings.push(f.text.clone());
                    if let Some(c) = f.cause.as_deref().filter(|c| !c.trim().is_empty()) {
                        entry.causes.push(c.to_string());
                    }
                }
            }
        }
        let recommendations = i
            .findings
            .iter()
            .filter(|f| f.kind == FindingKind::Shortcoming)
            .filter_map(|f| {
                let text = f.recommendation.as_deref()?.trim();
                (!text.is_empty()).then(|| Recommendation {
                    text: text.to_string(),
                    due: Some(
                        f.due
                            .as_deref()
                            .and_then(|d| parse_date("due", d).ok())
                            .unwrap_or(due.recommendations),
                    ),
                })
            })
            .collect();
        let p = &i.progress;
        let mut conclusion = vec![counts_sentence(
            p.total,
            &i.agency_addressee,
            &[
                (p.met, "đạt"),
                (p.partial, "đạt một phần"),
                (p.unmet, "chưa đạt"),
                (p.na, "không áp dụng"),
            ],
        )];
        if p.answered < p.total {
            conclusion.push(format!(
                "Còn {} nội dung chưa có kết quả kiểm tra.",
                p.total - p.answered
            ));
        }
        let visit = parse_date("visit_date", &i.visit_date).unwrap_or(date);
        NoticeInput {
            number: number.map(str::to_string),
            date,
            year: i.year,
            agency_name: i.agency_name.clone(),
            addressee: i.agency_addressee.clone(),
            head_title: i.agency_head_title.clone(),
            plan_reference: None,
            decision_reference: None,
            visit_from: visit,
            visit_to: None,
            team_lead: team.lead.map(|n| Person::new(n, "")),
            team_members: team
                .members
                .into_iter()
                .map(|n| Person::new(n, ""))
                .collect(),
            fields: by_field.into_values().collect(),
            conclusion,
            recommendations,
            report_due: due.report,
            recipients: vec![format!("{} (để thực hiện)", i.agency_addressee)],
            checklist: i.items.iter().map(checklist_row).collect(),
            evidence: Vec::new(),
        }
    }
}

/// "Qua kiểm tra 51 nội dung theo danh mục kiểm tra, UBND xã Tam Tiến có 40 nội dung đạt, 3
/// nội dung chưa đạt và 8 nội dung không áp dụng.": counts of zero are left out (a notice never
/// says "0 nội dung đạt").
pub fn counts_sentence(total: u32, addressee: &str, counts: &[(u32, &str)]) -> String {
    let parts: Vec<String> = counts
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, label)| format!("{n} nội dung {label}"))
        .collect();
    if total == 0 {
        return format!("Danh mục kiểm tra của {addressee} không có nội dung nào.");
    }
    let opening = format!("Qua kiểm tra {total} nội dung theo danh mục kiểm tra");
    match parts.split_last() {
        None => format!("{opening}, {addressee} chưa có nội dung nào có kết quả."),
        Some((last, [])) => format!("{opening}, {addressee} có {last}."),
        Some((last, rest)) => format!("{opening}, {addressee} có {} và {last}.", rest.join(", ")),
    }
}

const ROMAN: [&str; 6] = ["I", "II", "III", "IV", "V", "VI"];

fn roman(i: usize) -> &'static str {
    ROMAN.get(i).copied().unwrap_or("")
}

/// "1,2 MB", "350 KB", "820 byte".
pub fn file_size(bytes: u64) -> String {
    let b = bytes as f64;
    if b >= 1024.0 * 1024.0 {
        format!("{} MB", format::number(b / (1024.0 * 1024.0), 1))
    } else if b >= 1024.0 {
        format!("{} KB", format::number(b / 1024.0, 0))
    } else {
        format!("{bytes} byte")
    }
}

fn end_sentence(s: &str) -> String {
    let t = s.trim();
    if t.ends_with(['.', '!', '?', ';', ':']) {
        t.trim_end_matches(';').to_string() + if t.ends_with(';') { "." } else { "" }
    } else {
        format!("{t}.")
    }
}

fn document_ref(input: &NoticeInput, settings: &DocumentSettings) -> String {
    let number = input
        .number
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(|n| format!("số {n}/{}", settings.number_suffix))
        .unwrap_or_else(|| {
            format!(
                "số\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}/{}",
                settings.number_suffix
            )
        });
    format!(
        "(Kèm theo Thông báo {number} ngày {} của {})",
        date_short(input.date),
        settings.issuing_body_name
    )
}

fn build(b: &mut Builder, input: &NoticeInput) {
    let s = b.settings;
    let body = s.issuing_body_name.as_str();
    b.header(input.number.as_deref(), &s.number_suffix, input.date);
    b.title(
        "THÔNG BÁO",
        &format!(
            "Kết luận kiểm tra công tác cải cách hành chính tại {}",
            input.addressee
        ),
    );

    // Căn cứ: the plans, the decision establishing the team, the dates, the team.
    let plan = input
        .plan_reference
        .clone()
        .unwrap_or_else(|| plan_citation(&Reference::default(), input.year, s));
    let decision = input
        .decision_reference
        .clone()
        .unwrap_or_else(|| decision_citation(&Reference::default(), &input.addressee, s));
    let lead = input
        .team_lead
        .as_ref()
        .map(|l| format!(" do {} làm Trưởng đoàn", l.cited()))
        .unwrap_or_default();
    b.para(&format!(
        "Thực hiện {} và {plan}; căn cứ {decision}, {}, Đoàn kiểm tra công tác cải cách hành \
         chính (sau đây gọi là Đoàn kiểm tra){lead} đã tiến hành kiểm tra công tác cải cách hành \
         chính năm {} tại {}.",
        s.province_plan,
        date_span(input.visit_from, input.visit_to),
        input.year,
        input.addressee
    ));
    if !input.team_members.is_empty() {
        let members: Vec<String> = input.team_members.iter().map(Person::cited).collect();
        b.para(&format!(
            "Thành viên Đoàn kiểm tra gồm: {}.",
            members.join("; ")
        ));
    }
    b.para(&format!(
        "Trên cơ sở báo cáo kết quả kiểm tra của Đoàn kiểm tra, {body} thông báo kết luận kiểm \
         tra như sau:"
    ));

    let mut part = 0;
    b.heading(&format!("{}. KẾT QUẢ KIỂM TRA", roman(part)), Face::Bold);
    part += 1;
    let fields: Vec<&FieldResult> = input
        .fields
        .iter()
        .filter(|f| !(f.strengths.is_empty() && f.shortcomings.is_empty() && f.causes.is_empty()))
        .collect();
    if fields.is_empty() {
        b.para("Đoàn kiểm tra không ghi nhận phát hiện nào.");
    }
    for (k, f) in fields.iter().enumerate() {
        b.heading(&format!("{}. {}", k + 1, f.name), Face::Bold);
        let subs = [
            ("Ưu điểm", &f.strengths),
            ("Hạn chế, tồn tại", &f.shortcomings),
            ("Nguyên nhân", &f.causes),
        ];
        let mut letter = 'a';
        for (title, list) in subs {
            if list.is_empty() {
                continue;
            }
            b.heading(&format!("{letter}) {title}"), Face::Italic);
            letter = char::from_u32(letter as u32 + 1).unwrap_or('z');
            let n = list.len();
            for (j, t) in list.iter().enumerate() {
                let t = t.trim().trim_end_matches(['.', ';']);
                b.dash(&format!("{t}{}", if j + 1 == n { "." } else { ";" }));
            }
        }
    }

    if !input.conclusion.is_empty() {
        b.heading(&format!("{}. KẾT LUẬN", roman(part)), Face::Bold);
        part += 1;
        for c in &input.conclusion {
            b.para(c);
        }
    }
    b.para(
        "Kết quả kiểm tra từng nội dung theo danh mục kiểm tra chi tiết tại Phụ lục I; danh mục \
         tài liệu kiểm chứng Đoàn kiểm tra đã xem xét tại Phụ lục II kèm theo Thông báo này.",
    );

    b.heading(&format!("{}. KIẾN NGHỊ, YÊU CẦU", roman(part)), Face::Bold);
    b.para(&format!(
        "{body} đề nghị {} chỉ đạo thực hiện các nội dung sau:",
        input.head_title
    ));
    let mut k = 1;
    for r in &input.recommendations {
        let due = r
            .due
            .map(|d| format!(" Thời hạn hoàn thành: trước ngày {}.", date_short(d)))
            .unwrap_or_default();
        b.para(&format!("{k}. {}{due}", end_sentence(&r.text)));
        k += 1;
    }
    b.para(&format!(
        "{k}. Báo cáo kết quả khắc phục các hạn chế, tồn tại và thực hiện các kiến nghị nêu trên \
         về {body} trước ngày {} để tổng hợp, báo cáo Ủy ban nhân dân tỉnh.",
        date_short(input.report_due)
    ));
    b.para(&format!(
        "Trên đây là Thông báo kết luận kiểm tra công tác cải cách hành chính tại {} của \
         {body}./.",
        input.addressee
    ));
    b.keep_last();
    b.signature(&input.recipients);

    // Phụ lục I: the checklist.
    let reference = document_ref(input, s);
    b.annex(Some("I"), "KẾT QUẢ KIỂM TRA THEO DANH MỤC", &reference);
    if input.checklist.is_empty() {
        b.para("Không có nội dung kiểm tra nào được ghi nhận.");
    } else {
        let col = |w: f32, align| Col {
            width: mm(w),
            align,
        };
        let widths = b.width() / mm(165.0);
        // Dates ("20/01/2026") and references ("VI.1.CT.1") fit their columns unbroken at 11 pt.
        let cols = [
            (8.0, Align::Center),
            (19.0, Align::Left),
            (50.0, Align::Left),
            (22.0, Align::Center),
            (22.0, Align::Center),
            (20.0, Align::Center),
            (24.0, Align::Center),
        ]
        .into_iter()
        .map(|(w, a)| col(w * widths, a))
        .collect();
        b.blocks.push(Block::Table(Table::annex(
            cols,
            &[
                "TT",
                "Mục",
                "Nội dung",
                "Chỉ tiêu",
                "Số liệu",
                "Kết quả",
                "Đánh giá",
            ],
            input
                .checklist
                .iter()
                .enumerate()
                .map(|(n, r)| {
                    vec![
                        Cell::text((n + 1).to_string()),
                        Cell::text(r.source_ref.as_str()),
                        Cell::text(r.text.as_str()),
                        Cell::text(r.target.as_str()),
                        Cell::text(r.value.as_str()),
                        Cell::text(r.result.as_str()),
                        Cell::text(r.assessment.as_str()),
                    ]
                })
                .collect(),
        )));
    }

    // Phụ lục II: the evidence.
    b.annex(Some("II"), "DANH MỤC TÀI LIỆU KIỂM CHỨNG", &reference);
    if input.evidence.is_empty() {
        b.para("Không có tài liệu kiểm chứng đính kèm.");
    } else {
        let widths = b.width() / mm(165.0);
        let cols = [
            (9.0, Align::Center),
            (52.0, Align::Left),
            (26.0, Align::Center),
            (20.0, Align::Right),
            (58.0, Align::Left),
        ]
        .into_iter()
        .map(|(w, align)| Col {
            width: mm(w * widths),
            align,
        })
        .collect();
        b.blocks.push(Block::Table(Table::annex(
            cols,
            &["TT", "Tên tệp", "Tiêu chí", "Dung lượng", "SHA-256"],
            input
                .evidence
                .iter()
                .enumerate()
                .map(|(n, e)| {
                    vec![
                        Cell::text((n + 1).to_string()),
                        Cell::text(e.name.as_str()),
                        Cell::text(e.criteria.join(", ")),
                        Cell::text(file_size(e.size)),
                        Cell::text(e.sha256.as_str()).size(7.5),
                    ]
                })
                .collect(),
        )));
        if input.evidence.iter().any(|e| e.derived_criteria) {
            b.para(
                "Cột «Tiêu chí»: tiêu chí suy ra từ Kế hoạch 167/KH-UBND, mã do Đoàn kiểm tra đặt \
                 theo 8 lĩnh vực của Quyết định 876/QĐ-BNV, không phải mã tiêu chí chính thức của \
                 Quyết định này.",
            );
        }
    }
}

impl Document for NoticeInput {
    fn check(&self) -> Result<(), PdfError> {
        if self.agency_name.trim().is_empty() || self.addressee.trim().is_empty() {
            return Err(PdfError::Invalid {
                field: "agency_name".into(),
                message: "chưa có tên cơ quan được kiểm tra".into(),
            });
        }
        if self.head_title.trim().is_empty() {
            return Err(PdfError::Invalid {
                field: "head_title".into(),
                message: "chưa có chức danh thủ trưởng cơ quan được kiểm tra".into(),
            });
        }
        Ok(())
    }

    fn build(&self, b: &mut Builder<'_>) {
        build(b, self);
    }

    fn title(&self) -> String {
        format!(
            "Thông báo kết luận kiểm tra công tác cải cách hành chính tại {}",
            self.addressee
        )
    }

    fn subject(&self) -> &'static str {
        "Thông báo kết luận kiểm tra"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kiemtra_core::checklist::Op;

    #[test]
    fn targets_print_with_the_documents_signs_and_decimal_comma() {
        let t = |op, value, unit: &str| Target {
            op,
            value,
            unit: unit.into(),
        };
        assert_eq!(target_text(&t(Op::Ge, 85.0, "%")), "≥ 85%");
        assert_eq!(target_text(&t(Op::Ge, 0.71, "")), "≥ 0,71");
        assert_eq!(target_text(&t(Op::Gt, 95.0, "%")), "> 95%");
        assert_eq!(target_text(&t(Op::Le, 5.0, "ngày")), "≤ 5 ngày");
    }

    #[test]
    fn file_sizes_read_like_a_person_would_write_them() {
        assert_eq!(file_size(820), "820 byte");
        assert_eq!(file_size(350 * 1024), "350 KB");
        assert_eq!(file_size(1_258_291), "1,2 MB");
    }

    #[test]
    fn the_conclusion_leaves_out_counts_of_zero() {
        let s = counts_sentence(
            51,
            "UBND xã Tam Tiến",
            &[
                (40, "đạt"),
                (0, "đạt một phần"),
                (3, "chưa đạt"),
                (8, "không áp dụng"),
            ],
        );
        assert_eq!(
            s,
            "Qua kiểm tra 51 nội dung theo danh mục kiểm tra, UBND xã Tam Tiến có 40 nội dung \
             đạt, 3 nội dung chưa đạt và 8 nội dung không áp dụng."
        );
        let one = counts_sentence(2, "Sở Tư pháp", &[(0, "đạt"), (2, "không áp dụng")]);
        assert_eq!(
            one,
            "Qua kiểm tra 2 nội dung theo danh mục kiểm tra, Sở Tư pháp có 2 nội dung không áp dụng."
        );
        assert!(!counts_sentence(0, "X", &[(0, "đạt")]).contains("0 nội dung"));
    }

    #[test]
    fn sentences_end_once() {
        assert_eq!(end_sentence("Bổ sung báo cáo"), "Bổ sung báo cáo.");
        assert_eq!(end_sentence("Bổ sung báo cáo."), "Bổ sung báo cáo.");
        assert_eq!(end_sentence("Bổ sung báo cáo;"), "Bổ sung báo cáo.");
    }
}
