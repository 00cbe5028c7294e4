//! The inspection plan (kế hoạch kiểm tra) of a year: purpose and requirements (citing the
//! province's reform plan and the coverage threshold), the agencies with their dates, teams
//! and how each was chosen (spot checks printed "Đột xuất" with no date), the coverage per
//! block, who does what, and the signature.

use chrono::{Datelike, NaiveDate};
use kiemtra_core::agency::Block as AgencyBlock;
use kiemtra_core::calendar::parse_date;
use kiemtra_core::plan::{Plan, PlanAgency, SelectionMode};

use crate::document::{date_short, lower_first, Builder, Document};
use crate::fonts::Face;
use crate::format;
use crate::layout::{mm, Align, Block, Cell, Col, Table};
use crate::PdfError;

/// One agency of the plan as its table prints it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PlanRow {
    pub agency_name: String,
    /// "08/06 – 12/06/2026", or "Đột xuất" for an unannounced check.
    pub time: String,
    pub lead: String,
    pub members: Vec<String>,
    /// "Lựa chọn", "Bốc thăm", "Luân phiên" ([`selection_label`]).
    pub selection: String,
    pub spot_check: bool,
}

/// Coverage of one block of agencies.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CoverageRow {
    /// "Sở, ban, ngành".
    pub block: String,
    pub selected: i64,
    pub total: i64,
    /// The least the threshold requires.
    pub required: i64,
}

/// Everything the plan document prints; build with [`PlanInput::from_core`].
#[derive(Debug, Clone, PartialEq)]
pub struct PlanInput {
    /// The registered number; `None` leaves it blank.
    pub number: Option<String>,
    pub date: NaiveDate,
    pub year: i32,
    /// The least share of each block to inspect, in percent (20 by default).
    pub threshold: f64,
    pub rows: Vec<PlanRow>,
    pub coverage: Vec<CoverageRow>,
    /// All blocks together, against the province plan's own requirement.
    pub total: CoverageRow,
    /// How the drawn and rotated agencies were chosen, in plain words (one sentence a mode
    /// used), from [`how_chosen`].
    pub how_chosen: Vec<String>,
    pub recipients: Vec<String>,
}

/// "08/06 – 12/06/2026" (the year once when both ends share it), or one date.
fn window(from: &str, to: &str) -> String {
    match (parse_date("from", from).ok(), parse_date("to", to).ok()) {
        (Some(a), Some(b)) if a == b => date_short(a),
        (Some(a), Some(b)) if a.year() == b.year() => {
            format!("{:02}/{:02} – {}", a.day(), a.month(), date_short(b))
        }
        (Some(a), Some(b)) => format!("{} – {}", date_short(a), date_short(b)),
        _ => format!("{from} – {to}"),
    }
}

/// How the agency was chosen, as its row prints it; [`how_chosen`] says what each means.
pub fn selection_label(mode: SelectionMode) -> String {
    match mode {
        SelectionMode::Manual => "Lựa chọn",
        SelectionMode::Random => "Bốc thăm",
        SelectionMode::Rotation => "Luân phiên",
    }
    .to_string()
}

/// What each way of choosing that the plan used means, in plain words, with the number a draw
/// was made from so anyone can repeat it.
pub fn how_chosen(modes: &[SelectionMode], seed: Option<i64>) -> Vec<String> {
    let mut out = Vec::new();
    if modes.contains(&SelectionMode::Manual) {
        out.push(
            "«Lựa chọn»: cơ quan, địa phương được chọn trực tiếp theo yêu cầu quản lý.".to_string(),
        );
    }
    if modes.contains(&SelectionMode::Random) {
        out.push(match seed {
            Some(n) => format!(
                "«Bốc thăm»: chọn ngẫu nhiên bằng máy tính trong số các cơ quan, địa phương \
                 còn lại của từng khối, từ số công bố {n}; với cùng số này và cùng danh sách, \
                 ai cũng bốc lại được đúng kết quả (thứ tự của mỗi cơ quan là mã SHA-256 của \
                 chuỗi «{n}:mã cơ quan»)."
            ),
            None => "«Bốc thăm»: chọn ngẫu nhiên trong số các cơ quan, địa phương còn lại của \
                     từng khối."
                .to_string(),
        });
    }
    if modes.contains(&SelectionMode::Rotation) {
        out.push(
            "«Luân phiên»: ưu tiên cơ quan, địa phương chưa được kiểm tra, rồi đến cơ quan, \
             địa phương được kiểm tra đã lâu nhất."
                .to_string(),
        );
    }
    out
}

fn row(a: &PlanAgency) -> PlanRow {
    PlanRow {
        agency_name: a.name.clone(),
        time: if a.spot_check {
            "Đột xuất".to_string()
        } else {
            a.window
                .as_ref()
                .map(|w| window(&w.from, &w.to))
                .unwrap_or_default()
        },
        lead: a.team.lead.clone().unwrap_or_default(),
        members: a.team.members.clone(),
        selection: selection_label(a.mode),
        spot_check: a.spot_check,
    }
}

impl PlanInput {
    /// The plan of `plan.year`, its agencies in the plan's order (provincial units first).
    pub fn from_core(plan: &Plan, number: Option<&str>, date: NaiveDate) -> PlanInput {
        let mut agencies: Vec<&PlanAgency> = plan.agencies.iter().collect();
        agencies.sort_by_key(|a| a.block != AgencyBlock::Provincial);
        let c = &plan.coverage;
        PlanInput {
            number: number.map(str::to_string),
            date,
            year: plan.year,
            threshold: plan.threshold,
            how_chosen: how_chosen(
                &agencies.iter().map(|a| a.mode).collect::<Vec<_>>(),
                plan.seed,
            ),
            rows: agencies.into_iter().map(row).collect(),
            coverage: vec![
                CoverageRow {
                    block: AgencyBlock::Provincial.label().to_string(),
                    selected: c.provincial.selected,
                    total: c.provincial.total,
                    required: c.provincial.required,
                },
                CoverageRow {
                    block: AgencyBlock::Commune.label().to_string(),
                    selected: c.commune.selected,
                    total: c.commune.total,
                    required: c.commune.required,
                },
            ],
            total: CoverageRow {
                block: "Toàn tỉnh".to_string(),
                selected: c.all.selected,
                total: c.all.total,
                required: c.all.required,
            },
            recipients: vec![
                "Các cơ quan, địa phương có tên tại mục II".to_string(),
                "Các thành viên Đoàn kiểm tra".to_string(),
            ],
        }
    }
}

/// "Kế hoạch số 167/KH-UBND": the cited plan up to its date, for a second mention.
fn short_plan(full: &str) -> &str {
    full.find(" ngày ").map_or(full, |k| &full[..k])
}

fn percent(part: i64, whole: i64) -> String {
    if whole <= 0 {
        return "0%".to_string();
    }
    format!("{}%", format::number(part as f64 * 100.0 / whole as f64, 1))
}

/// The plan is issued by its own issuer (the Chủ tịch UBND tỉnh by default) and signed by its
/// own signer: its blocks are built with [`DocumentSettings::for_plan`].
fn build(b: &mut Builder, input: &PlanInput) {
    let settings = b.settings.for_plan();
    let mut inner = b.with_settings(&settings);
    build_plan(&mut inner, input);
    b.append(inner);
}

fn build_plan(b: &mut Builder, input: &PlanInput) {
    let s = b.settings;
    let body = s.issuing_body_name.as_str();
    let issuer = s.plan_issuer_name.trim();
    let year = input.year;
    let threshold = format::number(input.threshold, 2);
    let title = format!("{} năm {year}", s.plan_title.trim());
    b.header(input.number.as_deref(), &s.plan_number_suffix, input.date);
    b.title("KẾ HOẠCH", &title);
    b.para(&format!(
        "Thực hiện {}, {issuer} ban hành Kế hoạch {} như sau:",
        s.province_plan,
        lower_first(&title)
    ));

    b.heading("I. MỤC ĐÍCH, YÊU CẦU", Face::Bold);
    b.heading("1. Mục đích", Face::Bold);
    b.dash(&format!(
        "Đánh giá thực chất kết quả triển khai thực hiện các nhiệm vụ cải cách hành chính năm \
         {year} của các cơ quan, địa phương theo Kế hoạch cải cách hành chính của tỉnh; kịp thời \
         phát hiện những hạn chế, tồn tại để chấn chỉnh, khắc phục;"
    ));
    b.dash(
        "Nâng cao trách nhiệm của người đứng đầu các cơ quan, địa phương trong chỉ đạo, điều \
         hành công tác cải cách hành chính; làm cơ sở cho việc đánh giá, xác định Chỉ số cải \
         cách hành chính.",
    );
    b.heading("2. Yêu cầu", Face::Bold);
    b.dash(&format!(
        "Bảo đảm kiểm tra {} theo {};",
        s.province_plan_requirement
            .trim()
            .trim_end_matches(['.', ';']),
        s.province_plan
    ));
    b.dash(&format!(
        "Để cả hai khối đều được kiểm tra, {body} (cơ quan chủ trì kiểm tra) chọn kiểm tra ít \
         nhất {threshold}% số cơ quan, địa phương của từng khối (sở, ban, ngành và UBND cấp xã); \
         mức theo từng khối là lựa chọn của {body}, chặt chẽ hơn yêu cầu chung nêu trên;"
    ));
    b.dash(
        "Việc kiểm tra bảo đảm khách quan, công khai, đúng quy định, không gây cản trở hoạt \
         động bình thường của cơ quan, địa phương được kiểm tra;",
    );
    b.dash(
        "Kết thúc kiểm tra có thông báo kết luận; cơ quan, địa phương được kiểm tra có trách \
         nhiệm khắc phục những hạn chế, tồn tại và báo cáo kết quả thực hiện.",
    );

    b.heading("II. NỘI DUNG, ĐỐI TƯỢNG, THỜI GIAN KIỂM TRA", Face::Bold);
    b.heading("1. Nội dung kiểm tra", Face::Bold);
    b.para(&format!(
        "Kiểm tra việc triển khai thực hiện các nhiệm vụ cải cách hành chính năm {year} trên các \
         lĩnh vực: cải cách thể chế; cải cách thủ tục hành chính; cải cách tổ chức bộ máy hành \
         chính nhà nước; cải cách chế độ công vụ; cải cách tài chính công; chuyển đổi số trong \
         các cơ quan nhà nước; công tác chỉ đạo, điều hành cải cách hành chính."
    ));
    b.heading("2. Đối tượng, thời gian kiểm tra", Face::Bold);
    b.para(&format!(
        "Kiểm tra {} cơ quan, địa phương, cụ thể như sau:",
        input.rows.len()
    ));
    b.keep_last();
    let scale = b.width() / mm(165.0);
    let cols = [
        (9.0, Align::Center),
        (40.0, Align::Left),
        (24.0, Align::Center),
        (28.0, Align::Left),
        (36.0, Align::Left),
        (28.0, Align::Center),
    ]
    .into_iter()
    .map(|(w, align)| Col {
        width: mm(w * scale),
        align,
    })
    .collect();
    b.blocks.push(Block::Table(Table {
        cols,
        header: [
            "TT",
            "Cơ quan, địa phương",
            "Thời gian",
            "Trưởng đoàn",
            "Thành viên",
            "Hình thức lựa chọn",
        ]
        .into_iter()
        .map(Cell::text)
        .collect(),
        rows: input
            .rows
            .iter()
            .enumerate()
            .map(|(k, r)| {
                vec![
                    Cell::text((k + 1).to_string()),
                    Cell::text(r.agency_name.as_str()),
                    Cell::text(r.time.as_str()),
                    Cell::text(r.lead.as_str()),
                    Cell::text(r.members.join(", ")),
                    Cell::text(r.selection.as_str()),
                ]
            })
            .collect(),
        size: 12.0,
        leading: 1.15,
        pad: 3.0,
        space_before: 0.0,
        space_after: 8.0,
    }));
    if !input.how_chosen.is_empty() {
        b.para("Cách lựa chọn cơ quan, địa phương được kiểm tra:");
        b.keep_last();
        for line in &input.how_chosen {
            b.dash(line);
        }
    }
    if input.rows.iter().any(|r| r.spot_check) {
        b.para(
            "Đối với cơ quan, địa phương được kiểm tra đột xuất, Đoàn kiểm tra không thông báo \
             trước thời gian kiểm tra.",
        );
    }
    b.heading("3. Tỷ lệ cơ quan, địa phương được kiểm tra", Face::Bold);
    for c in &input.coverage {
        b.dash(&format!(
            "{}: kiểm tra {}/{} cơ quan, địa phương ({}); mức tối thiểu {body} chọn cho khối: {} \
             ({threshold}%);",
            c.block,
            c.selected,
            c.total,
            percent(c.selected, c.total),
            c.required,
        ));
    }
    let t = &input.total;
    b.dash(&format!(
        "Toàn tỉnh: kiểm tra {}/{} cơ quan, địa phương ({}); {} yêu cầu {}.",
        t.selected,
        t.total,
        percent(t.selected, t.total),
        short_plan(&s.province_plan),
        s.province_plan_requirement
            .trim()
            .trim_end_matches(['.', ';'])
    ));

    b.heading("III. TỔ CHỨC THỰC HIỆN", Face::Bold);
    b.para(&format!(
        "1. {body}: tham mưu {issuer} thành lập Đoàn kiểm tra; chủ trì, phối hợp với các cơ quan liên quan thông \
         báo lịch kiểm tra tới các cơ quan, địa phương (trừ trường hợp kiểm tra đột xuất); tổng \
         hợp kết quả kiểm tra, báo cáo Ủy ban nhân dân tỉnh."
    ));
    b.para(&format!(
        "2. Văn phòng UBND tỉnh, Sở Tài chính, Sở Tư pháp, Sở Khoa học và Công nghệ: cử công \
         chức tham gia Đoàn kiểm tra theo đề nghị của {body}."
    ));
    b.para(
        "3. Các cơ quan, địa phương được kiểm tra: chuẩn bị báo cáo tự kiểm tra, số liệu và tài \
         liệu kiểm chứng; bố trí thành phần làm việc với Đoàn kiểm tra; thực hiện nghiêm các kiến \
         nghị, yêu cầu sau kiểm tra.",
    );
    b.para(&format!(
        "Trên đây là Kế hoạch {}. Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các \
         cơ quan, địa phương phản ánh về {body} để tổng hợp, báo cáo {issuer} xem xét, chỉ \
         đạo./.",
        lower_first(&title)
    ));
    b.keep_last();
    b.signature(&input.recipients);
}

impl Document for PlanInput {
    fn check(&self) -> Result<(), PdfError> {
        if !(self.threshold.is_finite() && self.threshold > 0.0 && self.threshold <= 100.0) {
            return Err(PdfError::Invalid {
                field: "threshold".into(),
                message: format!("tỷ lệ kiểm tra {} phải trong khoảng 0–100%", self.threshold),
            });
        }
        Ok(())
    }

    fn build(&self, b: &mut Builder<'_>) {
        build(b, self);
    }

    fn title(&self) -> String {
        format!("Kế hoạch kiểm tra năm {}", self.year)
    }

    fn subject(&self) -> &'static str {
        "Kế hoạch kiểm tra"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_print_the_shared_year_once() {
        assert_eq!(window("2026-06-08", "2026-06-12"), "08/06 – 12/06/2026");
        assert_eq!(window("2026-06-08", "2026-06-08"), "08/06/2026");
        assert_eq!(
            window("2026-12-28", "2027-01-05"),
            "28/12/2026 – 05/01/2027"
        );
    }

    #[test]
    fn the_draw_is_told_in_plain_words_with_its_published_number() {
        assert_eq!(selection_label(SelectionMode::Random), "Bốc thăm");
        assert_eq!(selection_label(SelectionMode::Manual), "Lựa chọn");
        assert_eq!(selection_label(SelectionMode::Rotation), "Luân phiên");
        let told = how_chosen(&[SelectionMode::Random, SelectionMode::Random], Some(2026));
        assert_eq!(told.len(), 1, "one sentence per way used: {told:?}");
        assert!(told[0].contains("từ số công bố 2026"), "{told:?}");
        assert!(!told[0].contains("hạt giống"));
        assert!(how_chosen(&[SelectionMode::Manual], None)[0].starts_with("«Lựa chọn»"));
        assert_eq!(
            short_plan("Kế hoạch số 167/KH-UBND ngày 17/12/2025 của X"),
            "Kế hoạch số 167/KH-UBND"
        );
        assert_eq!(lower_first("Kiểm tra công tác"), "kiểm tra công tác");
        assert_eq!(percent(3, 15), "20%");
        assert_eq!(percent(20, 99), "20,2%");
    }
}
