//! The year's report (báo cáo kết quả kiểm tra công tác cải cách hành chính năm Y) from the
//! figures of `kiemtra_core::report::figures` — the same the XLSX export and the dashboard
//! show: coverage per block against the threshold and the plan, how far the inspections went,
//! results per PAR field and block, figures judged against the plan's targets, the most common
//! shortcomings, the follow-up of recommendations, and an annex with one row per agency.
//! Counts of zero are left out of the prose; tables keep them.

use chrono::NaiveDate;
use kiemtra_core::report::{FieldFigures, YearFigures};

use crate::document::{date_short, Builder, Document};
use crate::fonts::Face;
use crate::format;
use crate::layout::{Align, Block, Cell, Table};
use crate::PdfError;

/// Everything the year's report prints.
#[derive(Debug, Clone, PartialEq)]
pub struct YearReportInput {
    /// The registered number; `None` leaves it blank (a draft).
    pub number: Option<String>,
    pub date: NaiveDate,
    /// The inspection plan as cited ([`crate::document::plan_citation`]).
    pub plan_reference: String,
    pub figures: YearFigures,
}

/// "a, b và c" from the parts that are not empty.
fn listing(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} và {last}", init.join(", ")),
    }
}

/// "3 đạt" or nothing when the count is zero.
fn counted(n: i64, what: &str) -> Option<String> {
    (n > 0).then(|| format!("{n} {what}"))
}

/// "12 / 3 / 2 / 34": met, partial, unmet, not applicable.
pub fn results_cell(f: &FieldFigures) -> String {
    format!("{} / {} / {} / {}", f.met, f.partial, f.unmet, f.na)
}

fn state_label(state: &str) -> &'static str {
    match state {
        "not_started" => "Chưa kiểm tra",
        "in_progress" => "Đang kiểm tra",
        "submitted" => "Chờ duyệt",
        "returned" => "Trả lại để sửa",
        "accepted" => "Đã duyệt",
        "concluded" => "Đã kết luận",
        _ => "",
    }
}

fn build(b: &mut Builder, input: &YearReportInput) {
    let s = b.settings;
    let body = s.issuing_body_name.as_str();
    let f = &input.figures;
    let year = f.year;
    let threshold = format::number(f.threshold, 2);
    let as_of = NaiveDate::parse_from_str(&f.as_of, "%Y-%m-%d").unwrap_or(input.date);
    b.header(
        input.number.as_deref(),
        &s.report_suffix_for_issuer(),
        input.date,
    );
    b.title(
        "BÁO CÁO",
        &format!("Kết quả kiểm tra công tác cải cách hành chính năm {year}"),
    );
    b.para(&format!(
        "Thực hiện {}, {body} đã tổ chức kiểm tra công tác cải cách hành chính năm {year} tại \
         các cơ quan, địa phương. {body} báo cáo kết quả đến ngày {} như sau:",
        input.plan_reference.trim(),
        date_short(as_of)
    ));

    b.heading("I. KẾT QUẢ THỰC HIỆN KẾ HOẠCH KIỂM TRA", Face::Bold);
    b.heading("1. Số cơ quan, địa phương được kiểm tra", Face::Bold);
    for c in f.coverage.iter().filter(|c| c.block != "all") {
        b.dash(&format!(
            "{}: {} cơ quan, địa phương; mức tối thiểu {}% là {}; theo kế hoạch {}, đã kiểm tra \
             {}, đã kết luận {} ({});",
            c.label,
            c.agencies,
            threshold,
            c.required,
            c.planned,
            c.inspected,
            c.concluded,
            if c.threshold_met {
                "đạt mức tối thiểu"
            } else {
                "chưa đạt mức tối thiểu"
            }
        ));
    }
    if let Some(all) = f.coverage.iter().find(|c| c.block == "all") {
        b.dash(&format!(
            "Toàn tỉnh: {} cơ quan, địa phương; theo kế hoạch {}, đã kiểm tra {}, đã kết luận {}.",
            all.agencies, all.planned, all.inspected, all.concluded
        ));
    }
    b.heading("2. Tiến độ các cuộc kiểm tra", Face::Bold);
    let st = &f.states;
    let progress: Vec<String> = [
        counted(st.concluded, "cuộc đã ban hành thông báo kết luận"),
        counted(st.accepted, "cuộc đã duyệt kết quả, chưa ban hành kết luận"),
        counted(st.submitted, "cuộc chờ duyệt"),
        counted(st.returned, "cuộc được trả lại để sửa"),
        counted(st.in_progress, "cuộc đang kiểm tra"),
        counted(st.not_started, "cuộc chưa kiểm tra"),
    ]
    .into_iter()
    .flatten()
    .collect();
    if progress.is_empty() {
        b.para(&format!("Kế hoạch năm {year} chưa có cuộc kiểm tra nào."));
    } else {
        b.para(&format!(
            "Trong {} cuộc kiểm tra theo kế hoạch: {}.",
            st.planned,
            listing(&progress)
        ));
    }

    b.heading("II. KẾT QUẢ KIỂM TRA", Face::Bold);
    b.para(&format!(
        "Kết quả dưới đây tính trên {} cuộc kiểm tra đã ban hành thông báo kết luận.",
        st.concluded
    ));
    b.heading("1. Kết quả theo lĩnh vực cải cách hành chính", Face::Bold);
    b.para_italic("Mỗi ô ghi số nội dung đạt / đạt một phần / chưa đạt / không áp dụng.");
    b.keep_last();
    let fields: Vec<(&FieldFigures, &FieldFigures, &FieldFigures)> = f
        .fields
        .chunks(3)
        .filter_map(|c| match c {
            [p, m, a] => Some((p, m, a)),
            _ => None,
        })
        .collect();
    b.blocks.push(Block::Table(Table::annex(
        b.cols(&[
            (57.0, Align::Left),
            (36.0, Align::Center),
            (36.0, Align::Center),
            (36.0, Align::Center),
        ]),
        &["Lĩnh vực", "Sở, ban, ngành", "UBND cấp xã", "Tổng"],
        fields
            .iter()
            .map(|(p, m, a)| {
                let name = if a.name.is_empty() {
                    a.field.clone()
                } else {
                    format!("{}. {}", a.field, a.name)
                };
                vec![
                    Cell::text(name),
                    Cell::text(results_cell(p)),
                    Cell::text(results_cell(m)),
                    Cell::text(results_cell(a)),
                ]
            })
            .collect(),
    )));
    b.heading("2. Kết quả so với chỉ tiêu của kế hoạch", Face::Bold);
    if f.targets.is_empty() {
        b.para("Chưa có số liệu, thời hạn nào được đánh giá so với chỉ tiêu.");
    } else {
        b.blocks.push(Block::Table(Table::annex(
            b.cols(&[
                (20.0, Align::Left),
                (75.0, Align::Left),
                (22.0, Align::Center),
                (16.0, Align::Center),
                (16.0, Align::Center),
                (16.0, Align::Center),
            ]),
            &[
                "Mục",
                "Nội dung",
                "Chỉ tiêu",
                "Được đánh giá",
                "Đạt",
                "Chưa đạt",
            ],
            f.targets
                .iter()
                .map(|t| {
                    vec![
                        Cell::text(t.source_ref.as_str()),
                        Cell::text(t.text.as_str()),
                        Cell::text(t.target.as_str()),
                        Cell::text(t.judged.to_string()),
                        Cell::text(t.met.to_string()),
                        Cell::text(t.unmet.to_string()),
                    ]
                })
                .collect(),
        )));
    }
    b.heading("3. Những hạn chế phổ biến", Face::Bold);
    if f.shortcomings.is_empty() {
        b.para("Các thông báo kết luận chưa nêu hạn chế nào.");
    }
    for (k, sh) in f.shortcomings.iter().enumerate() {
        b.para(&format!(
            "{}. {} ({}): {} cơ quan, địa phương.",
            k + 1,
            sh.text.trim().trim_end_matches(['.', ';']),
            sh.reference,
            sh.agencies
        ));
    }

    b.heading("III. KẾT QUẢ KHẮC PHỤC SAU KIỂM TRA", Face::Bold);
    let fu = &f.followup;
    if fu.total == 0 {
        b.para("Các thông báo kết luận đã ban hành chưa có kiến nghị nào phải theo dõi.");
    } else {
        let parts: Vec<String> = [
            counted(fu.done, "đã khắc phục"),
            counted(fu.in_progress, "đang khắc phục"),
            counted(fu.open, "chưa nhận được báo cáo"),
            counted(fu.not_done, "không khắc phục được"),
        ]
        .into_iter()
        .flatten()
        .collect();
        b.para(&format!(
            "Các thông báo kết luận đã nêu {} kiến nghị: {}.",
            fu.total,
            listing(&parts)
        ));
        if fu.overdue > 0 {
            b.para(&format!(
                "Đến ngày {}, {} kiến nghị quá hạn chưa khắc phục xong tại {} cơ quan, địa \
                 phương, cần được đôn đốc.",
                date_short(as_of),
                fu.overdue,
                fu.agencies_to_remind
            ));
        } else {
            b.para(&format!(
                "Đến ngày {}, không có kiến nghị nào quá hạn.",
                date_short(as_of)
            ));
        }
    }
    b.para(&format!(
        "Trên đây là báo cáo kết quả kiểm tra công tác cải cách hành chính năm {year} của \
         {body}; chi tiết từng cơ quan, địa phương tại Phụ lục kèm theo./."
    ));
    b.keep_last();
    b.signature(&[]);

    // One annex: "Phụ lục" without a numeral.
    let number = input
        .number
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .unwrap_or(crate::document::BLANK);
    let reference = format!(
        "(Kèm theo Báo cáo số {number}/{} ngày {} của {body})",
        s.report_suffix_for_issuer(),
        date_short(input.date)
    );
    b.annex(
        None,
        "Kết quả kiểm tra tại từng cơ quan, địa phương",
        &reference,
    );
    b.blocks.push(Block::Table(Table::annex(
        b.cols(&[
            (9.0, Align::Center),
            (44.0, Align::Left),
            (20.0, Align::Left),
            (31.0, Align::Center),
            (30.0, Align::Center),
            (31.0, Align::Center),
        ]),
        &[
            "TT",
            "Cơ quan, địa phương",
            "Tình trạng",
            "Thông báo kết luận",
            "Đạt / một phần / chưa đạt / KAD",
            "Kiến nghị / đã khắc phục / quá hạn",
        ],
        f.agencies
            .iter()
            .enumerate()
            .map(|(k, a)| {
                let notice = match (&a.notice_number, &a.notice_date) {
                    (Some(n), Some(d)) => NaiveDate::parse_from_str(d, "%Y-%m-%d")
                        .map(|d| format!("{n}/{} ngày {}", s.number_suffix, date_short(d)))
                        .unwrap_or_else(|_| n.clone()),
                    _ => String::new(),
                };
                let results = if a.inspection.is_some() {
                    format!("{} / {} / {} / {}", a.met, a.partial, a.unmet, a.na)
                } else {
                    String::new()
                };
                let followup = if a.recommendations > 0 {
                    format!("{} / {} / {}", a.recommendations, a.done, a.overdue)
                } else {
                    String::new()
                };
                vec![
                    Cell::text((k + 1).to_string()),
                    Cell::text(a.name.as_str()),
                    Cell::text(state_label(&a.state)),
                    Cell::text(notice),
                    Cell::text(results),
                    Cell::text(followup),
                ]
            })
            .collect(),
    )));
}

impl Document for YearReportInput {
    fn check(&self) -> Result<(), PdfError> {
        if !self.figures.has_plan {
            return Err(PdfError::Invalid {
                field: "year".into(),
                message: format!(
                    "chưa có kế hoạch kiểm tra năm {}, chưa có gì để báo cáo",
                    self.figures.year
                ),
            });
        }
        Ok(())
    }

    fn build(&self, b: &mut Builder<'_>) {
        build(b, self);
    }

    fn title(&self) -> String {
        format!(
            "Báo cáo kết quả kiểm tra công tác cải cách hành chính năm {}",
            self.figures.year
        )
    }

    fn subject(&self) -> &'static str {
        "Báo cáo kết quả kiểm tra"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_lists_only_what_is_not_zero() {
        let parts: Vec<String> = [
            counted(2, "đạt"),
            counted(0, "chưa đạt"),
            counted(1, "khác"),
        ]
        .into_iter()
        .flatten()
        .collect();
        assert_eq!(listing(&parts), "2 đạt và 1 khác");
        assert_eq!(listing(&[]), "");
        assert_eq!(state_label("concluded"), "Đã kết luận");
    }
}
