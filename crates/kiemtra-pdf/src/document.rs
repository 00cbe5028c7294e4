//! What every document shares: the issuing body's settings, the render options, and the parts
//! of the Nghị định 30/2020/NĐ-CP layout (Phụ lục I) that all three documents print — the
//! two-block header, the title and trích yếu, body paragraphs, the signature and "Nơi nhận".

use chrono::{NaiveDate, NaiveDateTime};

use crate::fonts::{Face, Fonts};
use crate::format;
use crate::layout::{
    self, add_watermark, break_lines, mm, Align, Block, Col, Column, Geometry, Layout, PageNumbers,
    Para, Span,
};
use crate::render::{self, Metadata};
use crate::PdfError;

/// Page margins in millimetres.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Margins {
    pub top: f32,
    pub bottom: f32,
    pub left: f32,
    pub right: f32,
}

/// Who issues the documents and how they are set: the parts of an official document that are
/// the same for every notice, minutes and plan of one issuing body.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(default)]
#[ts(export)]
pub struct DocumentSettings {
    /// The issuing body's parent, in capitals: "UBND TỈNH BẮC NINH".
    pub parent_body: String,
    /// The issuing body, in capitals: "SỞ NỘI VỤ".
    pub issuing_body: String,
    /// The issuing body as named in running text: "Sở Nội vụ".
    pub issuing_body_name: String,
    /// Địa danh in the date line: "Bắc Ninh".
    pub place: String,
    /// The signing form and the head's title, when someone signs for the head:
    /// "KT. GIÁM ĐỐC" (or "TL. GIÁM ĐỐC", "Q. GIÁM ĐỐC", "TM. …"); `None` when the head signs.
    /// The signer comes only from these settings, never from who is using the app; a notice
    /// cannot be issued until the title and the name are set ([`DocumentSettings::signer_set`]).
    pub signer_authority: Option<String>,
    /// The signer's own title, in capitals: "PHÓ GIÁM ĐỐC".
    pub signer_title: String,
    pub signer_name: String,
    /// Ký hiệu of a conclusion notice after the number: "TB-SNV" (printed "Số: 12/TB-SNV").
    pub number_suffix: String,
    /// Ký hiệu of an inspection plan, after its issuer: "KH-UBND" (the seed plan has the
    /// Chủ tịch UBND tỉnh issue it, on Sở Nội vụ's proposal).
    pub plan_number_suffix: String,
    /// Who issues the inspection plan, at the top left of its header, one line per line:
    /// "ỦY BAN NHÂN DÂN\nTỈNH BẮC NINH" (the seed's §IV.2.1: the Chủ tịch UBND tỉnh issues it).
    pub plan_issuing_body: String,
    /// The plan's issuer as named in running text: "Chủ tịch UBND tỉnh".
    pub plan_issuer_name: String,
    /// The plan's trích yếu before " năm {year}": "Kiểm tra công tác cải cách hành chính và
    /// thực thi nhiệm vụ, công vụ" (the seed's words).
    pub plan_title: String,
    /// What the province's reform plan requires of the inspections, in its own words:
    /// "ít nhất 20% số cơ quan, địa phương".
    pub province_plan_requirement: String,
    /// Who signs the plan for its issuer ("KT. CHỦ TỊCH", …); unknown until set, like the
    /// notice's signer, so drafts leave the lines blank.
    pub plan_signer_authority: Option<String>,
    pub plan_signer_title: String,
    pub plan_signer_name: String,
    /// Ký hiệu of inspection minutes, with the same issuer as the notice's (the header names
    /// the same body): "BB-SNV".
    pub minutes_number_suffix: String,
    /// Ký hiệu of a decision establishing a team: "QĐ-SNV" (printed "Số: 15/QĐ-SNV").
    pub decision_number_suffix: String,
    /// Ký hiệu of an official letter (công văn), such as the schedule letter: "SNV-CCHC".
    pub letter_number_suffix: String,
    /// Standing recipients after the document's own ones, each printed "- …;":
    /// "UBND tỉnh (để báo cáo)".
    pub recipients: Vec<String>,
    /// What follows "Lưu:" in the last recipient line: "VT, CCHC".
    pub archive: String,
    /// The province's reform plan the inspections carry out, as cited in running text:
    /// "Kế hoạch số 167/KH-UBND ngày 17/12/2025 của Chủ tịch UBND tỉnh Bắc Ninh về cải cách
    /// hành chính năm 2026".
    pub province_plan: String,
    /// Decree ranges: top and bottom 20–25, left 30–35, right 15–20 mm.
    pub margins: Margins,
    /// Body text size, 13 or 14 pt.
    pub body_size: f32,
    /// Printed small and grey in the space left for the signature and the seal (dấu/chữ ký
    /// số), so the space reads as intended on a draft; `None` leaves the space blank.
    pub seal_placeholder: Option<String>,
}

impl Default for DocumentSettings {
    /// Sở Nội vụ tỉnh Bắc Ninh, 2026; no signer until the lead sets one.
    fn default() -> Self {
        DocumentSettings {
            parent_body: "UBND TỈNH BẮC NINH".into(),
            issuing_body: "SỞ NỘI VỤ".into(),
            issuing_body_name: "Sở Nội vụ".into(),
            place: "Bắc Ninh".into(),
            signer_authority: None,
            signer_title: String::new(),
            signer_name: String::new(),
            number_suffix: "TB-SNV".into(),
            plan_number_suffix: "KH-UBND".into(),
            plan_issuing_body: "ỦY BAN NHÂN DÂN\nTỈNH BẮC NINH".into(),
            plan_issuer_name: "Chủ tịch UBND tỉnh".into(),
            plan_title: "Kiểm tra công tác cải cách hành chính và thực thi nhiệm vụ, công vụ"
                .into(),
            province_plan_requirement: "ít nhất 20% số cơ quan, địa phương".into(),
            plan_signer_authority: None,
            plan_signer_title: String::new(),
            plan_signer_name: String::new(),
            minutes_number_suffix: "BB-SNV".into(),
            decision_number_suffix: "QĐ-SNV".into(),
            letter_number_suffix: "SNV-CCHC".into(),
            recipients: vec![
                "UBND tỉnh (để báo cáo)".into(),
                "Giám đốc Sở (để báo cáo)".into(),
            ],
            archive: "VT, CCHC".into(),
            province_plan: "Kế hoạch số 167/KH-UBND ngày 17/12/2025 của Chủ tịch UBND tỉnh Bắc \
                            Ninh về cải cách hành chính năm 2026"
                .into(),
            margins: Margins {
                top: 20.0,
                bottom: 20.0,
                left: 30.0,
                right: 15.0,
            },
            body_size: 14.0,
            seal_placeholder: Some("(Chữ ký, dấu)".into()),
        }
    }
}

/// The signing forms of Nghị định 30/2020 (Điều 13) that put someone's name under another's
/// title: "KT." (ký thay), "TL." (thừa lệnh), "TUQ." (thừa ủy quyền), "Q." (quyền), "TM."
/// (thay mặt a collective).
pub const SIGNING_FORMS: [&str; 5] = ["KT.", "TL.", "TUQ.", "Q.", "TM."];

impl DocumentSettings {
    /// Whether a signer is set: their title and name (the authority may be none, when the head
    /// signs).
    pub fn signer_set(&self) -> bool {
        !self.signer_title.trim().is_empty() && !self.signer_name.trim().is_empty()
    }

    /// Refuses settings outside the decree's ranges (margins, body size) or missing a name.
    pub fn validate(&self) -> Result<(), PdfError> {
        let bad = |field: &str, message: String| {
            Err(PdfError::Invalid {
                field: field.into(),
                message,
            })
        };
        let m = &self.margins;
        for (name, v, lo, hi) in [
            ("margins.top", m.top, 20.0, 25.0),
            ("margins.bottom", m.bottom, 20.0, 25.0),
            ("margins.left", m.left, 30.0, 35.0),
            ("margins.right", m.right, 15.0, 20.0),
        ] {
            if !(lo..=hi).contains(&v) {
                return bad(
                    name,
                    format!("lề {v} mm ngoài khoảng {lo}–{hi} mm của Nghị định 30/2020/NĐ-CP"),
                );
            }
        }
        if !(13.0..=14.0).contains(&self.body_size) {
            return bad(
                "body_size",
                format!("cỡ chữ nội dung {} phải từ 13 đến 14", self.body_size),
            );
        }
        if self.issuing_body.trim().is_empty() {
            return bad("issuing_body", "chưa có tên cơ quan ban hành".into());
        }
        // The minutes and the notice carry the same header, so the same issuer in their ký hiệu.
        let issuer = |suffix: &str| suffix.split_once('-').map(|(_, i)| i.trim().to_string());
        if issuer(&self.minutes_number_suffix) != issuer(&self.number_suffix) {
            return bad(
                "minutes_number_suffix",
                format!(
                    "ký hiệu biên bản «{}» phải cùng cơ quan ban hành với ký hiệu thông báo «{}» \
                     (ví dụ «{}»), vì hai văn bản cùng tên cơ quan ở đầu trang",
                    self.minutes_number_suffix,
                    self.number_suffix,
                    self.minutes_suffix_for_issuer()
                ),
            );
        }
        if self.plan_issuing_body.trim().is_empty() {
            return bad(
                "plan_issuing_body",
                "chưa có cơ quan ban hành kế hoạch".into(),
            );
        }
        for (field, authority) in [
            ("signer_authority", &self.signer_authority),
            ("plan_signer_authority", &self.plan_signer_authority),
        ] {
            let Some(a) = authority
                .as_deref()
                .map(str::trim)
                .filter(|a| !a.is_empty())
            else {
                continue;
            };
            let form_and_title = SIGNING_FORMS
                .iter()
                .find_map(|f| a.strip_prefix(f).map(str::trim).filter(|t| !t.is_empty()));
            if form_and_title.is_none() {
                return bad(
                    field,
                    format!(
                        "thẩm quyền ký «{a}» phải là KT., TL., TUQ., Q. hoặc TM. kèm chức vụ của \
                         người có thẩm quyền (ví dụ «KT. GIÁM ĐỐC»); để trống khi thủ trưởng ký"
                    ),
                );
            }
        }
        Ok(())
    }

    /// "BB-" with the issuer part of the notice's ký hiệu ("TB-SNV" → "BB-SNV").
    pub fn minutes_suffix_for_issuer(&self) -> String {
        match self.number_suffix.split_once('-') {
            Some((_, issuer)) => format!("BB-{issuer}"),
            None => "BB".to_string(),
        }
    }

    /// "BC-" with the issuer part of the notice's ký hiệu ("TB-SNV" → "BC-SNV"): the year's
    /// report comes from the same body.
    pub fn report_suffix_for_issuer(&self) -> String {
        match self.number_suffix.split_once('-') {
            Some((_, issuer)) => format!("BC-{issuer}"),
            None => "BC".to_string(),
        }
    }

    /// The settings the plan is set with: its own issuer (the header's left block, "Số: …/"
    /// with the plan's ký hiệu) and its own signer; the rest as for every document.
    pub fn for_plan(&self) -> DocumentSettings {
        let body: Vec<&str> = self
            .plan_issuing_body
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        DocumentSettings {
            parent_body: String::new(),
            issuing_body: body.join("\n"),
            signer_authority: self.plan_signer_authority.clone(),
            signer_title: self.plan_signer_title.clone(),
            signer_name: self.plan_signer_name.clone(),
            ..self.clone()
        }
    }

    fn geometry(&self) -> Geometry {
        let m = &self.margins;
        Geometry::a4_mm(m.top, m.bottom, m.left, m.right)
    }
}

/// How to write the PDF.
#[derive(Debug, Clone, PartialEq)]
pub struct RenderOptions {
    /// Prints "DỰ THẢO" across every page.
    pub draft: bool,
    /// The creation date written in the document information (UTC). Same input and same
    /// date give the same bytes.
    pub created: NaiveDateTime,
    /// The PDF's permanent id (trailer /ID); derived from the content when `None`.
    pub document_id: Option<String>,
}

/// A person named in a document: "Nguyễn Văn A", "Phó Giám đốc Sở Nội vụ".
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Person {
    pub name: String,
    /// Title and unit; may be empty.
    pub title: String,
}

impl Person {
    pub fn new(name: impl Into<String>, title: impl Into<String>) -> Self {
        Person {
            name: name.into(),
            title: title.into(),
        }
    }

    /// A person with their title and unit joined as documents print them: "Chuyên viên,
    /// Phòng Cải cách hành chính, Sở Nội vụ"; either may be missing.
    pub fn titled(name: &str, title: Option<&str>, unit: Option<&str>) -> Self {
        let parts: Vec<&str> = [title, unit]
            .into_iter()
            .flatten()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .collect();
        Person::new(name, parts.join(", "))
    }

    /// "đồng chí Nguyễn Văn A, Phó Giám đốc Sở Nội vụ".
    pub(crate) fn cited(&self) -> String {
        if self.title.trim().is_empty() {
            format!("đồng chí {}", self.name)
        } else {
            format!("đồng chí {}, {}", self.name, self.title)
        }
    }
}

/// A document cited by number and date (the inspection plan, the decision establishing a
/// team): what is not set yet prints as a blank to fill in, never as if it were known.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Reference {
    /// The registered number alone ("25").
    pub number: Option<String>,
    pub date: Option<NaiveDate>,
    /// Who issued or signed it, as cited: "Sở Nội vụ", "Giám đốc Sở Nội vụ".
    pub issuer: Option<String>,
}

/// What a blank number or date prints as.
pub const BLANK: &str = "…";

impl Reference {
    /// Whether the number and the date are both set.
    pub fn is_set(&self) -> bool {
        self.number.is_some() && self.date.is_some()
    }

    /// "số 25/KH-SNV ngày 15/01/2026", with blanks where unset: "số …/KH-SNV ngày … tháng …
    /// năm …".
    pub fn number_and_date(&self, suffix: &str) -> String {
        let number = self
            .number
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .unwrap_or(BLANK);
        let date = match self.date {
            Some(d) => format!("ngày {}", date_short(d)),
            None => format!("ngày {BLANK} tháng {BLANK} năm {BLANK}"),
        };
        format!("số {number}/{suffix} {date}")
    }

    /// "số 25/KH-SNV ngày 15/01/2026 của Sở Nội vụ" (the issuer, else `default_issuer`).
    pub fn cited(&self, suffix: &str, default_issuer: &str) -> String {
        let issuer = self
            .issuer
            .as_deref()
            .map(str::trim)
            .filter(|i| !i.is_empty())
            .unwrap_or(default_issuer);
        format!("{} của {issuer}", self.number_and_date(suffix))
    }
}

/// "Kế hoạch số 25/KH-UBND ngày 15/01/2026 của Chủ tịch UBND tỉnh về kiểm tra công tác cải
/// cách hành chính và thực thi nhiệm vụ, công vụ năm 2026": the plan's ký hiệu, issuer and title
/// from the settings (the seed's by default), its number and date once issued.
pub fn plan_citation(plan: &Reference, year: i32, s: &DocumentSettings) -> String {
    format!(
        "Kế hoạch {} về {} năm {year}",
        plan.cited(&s.plan_number_suffix, s.plan_issuer_name.trim()),
        lower_first(s.plan_title.trim())
    )
}

/// "Quyết định số 15/QĐ-SNV ngày 20/04/2026 của Giám đốc Sở Nội vụ về việc thành lập Đoàn
/// kiểm tra công tác cải cách hành chính tại UBND xã Tam Tiến".
pub fn decision_citation(decision: &Reference, addressee: &str, s: &DocumentSettings) -> String {
    format!(
        "Quyết định {} về việc thành lập Đoàn kiểm tra công tác cải cách hành chính tại \
         {addressee}",
        decision.cited(&s.decision_number_suffix, &s.issuing_body_name)
    )
}

/// Abbreviations a document writes out on first use (Nghị định 30/2020 asks that an
/// abbreviation be explained where it first appears): the first "CCHC" in a document's text
/// reads "cải cách hành chính (CCHC)".
pub const ABBREVIATIONS: [(&str, &str); 2] = [
    ("CCHC", "cải cách hành chính"),
    ("TTHC", "thủ tục hành chính"),
];

/// A character that joins an abbreviation to a longer name: "SNV-CCHC" in a ký hiệu, "VT/CCHC".
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '-' | '/' | '_')
}

/// Writes out, in `text`, the first whole-word use of each abbreviation not yet `introduced`
/// (and marks as introduced those the text already writes out, "… (CCHC)").
pub fn expand_first_use(text: &str, introduced: &mut Vec<&'static str>) -> String {
    let mut out = text.to_string();
    for (abbr, long) in ABBREVIATIONS {
        if introduced.contains(&abbr) {
            continue;
        }
        if out.contains(&format!("({abbr})")) {
            introduced.push(abbr);
            continue;
        }
        let mut from = 0;
        while let Some(pos) = out[from..].find(abbr).map(|p| p + from) {
            let end = pos + abbr.len();
            let before = out[..pos].chars().next_back();
            let after = out[end..].chars().next();
            if before.is_some_and(is_word_char) || after.is_some_and(is_word_char) {
                from = end;
                continue;
            }
            let at_start = out[..pos].trim().is_empty();
            let long = if at_start {
                let mut c = long.chars();
                c.next()
                    .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                    .unwrap_or_default()
            } else {
                long.to_string()
            };
            out = format!("{}{long} ({abbr}){}", &out[..pos], &out[end..]);
            introduced.push(abbr);
            break;
        }
    }
    out
}

const QUOC_HIEU: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";

/// Sizes and spacing of the official layout, in points.
pub(crate) const HEADER_SIZE: f32 = 13.0;
pub(crate) const RULE: f32 = 0.6;
/// Paragraph spacing after body paragraphs (the decree asks at least 6 pt).
pub(crate) const PARA_AFTER: f32 = 6.0;
pub(crate) const LEADING: f32 = 1.2;
/// Space between the closing paragraph and the signature block.
pub(crate) const SIGNATURE_GAP: f32 = 6.0;

/// The text blocks of a document, with the settings they are set with.
pub struct Builder<'a> {
    pub fonts: &'a Fonts,
    pub settings: &'a DocumentSettings,
    pub geo: Geometry,
    pub blocks: Vec<Block>,
    /// A draft prints the seal placeholder in the space for the signature; an issued document
    /// leaves that space blank for the wet signature and the seal.
    pub draft: bool,
    /// Blocks holding "Nơi nhận" and "Lưu: VT, CCHC": a unit's abbreviation there is a name,
    /// not a first use to write out.
    signatures: Vec<usize>,
}

impl<'a> Builder<'a> {
    /// A builder for the same pages with other settings (the plan's own issuer and signer);
    /// its blocks are taken back with [`Builder::append`].
    pub fn with_settings<'b>(&self, settings: &'b DocumentSettings) -> Builder<'b>
    where
        'a: 'b,
    {
        Builder {
            fonts: self.fonts,
            settings,
            geo: self.geo,
            blocks: Vec::new(),
            draft: self.draft,
            signatures: Vec::new(),
        }
    }

    /// Takes the blocks of `other` (made with [`Builder::with_settings`]) after this one's.
    pub fn append(&mut self, mut other: Builder<'_>) {
        let base = self.blocks.len();
        self.signatures
            .extend(other.signatures.iter().map(|i| i + base));
        self.blocks.append(&mut other.blocks);
    }

    pub fn new(settings: &'a DocumentSettings, draft: bool) -> Result<Self, PdfError> {
        settings.validate()?;
        Ok(Builder {
            fonts: Fonts::bundled()?,
            settings,
            geo: settings.geometry(),
            blocks: Vec::new(),
            draft,
            signatures: Vec::new(),
        })
    }

    pub fn size(&self) -> f32 {
        self.settings.body_size
    }

    pub fn width(&self) -> f32 {
        self.geo.text_width()
    }

    /// The header of Phụ lục I: the issuing body at the left (parent regular, body bold with a
    /// short rule, then "Số: N/KH"), the quốc hiệu and tiêu ngữ at the right (with a rule as long
    /// as the tiêu ngữ, then the place and date in italics), "Số" and the date on one level.
    /// The quốc hiệu's size and the widths of the header's left and right blocks.
    fn header_widths(&self) -> (f32, f32, f32) {
        let f = self.fonts;
        let w = self.width();
        // The quốc hiệu takes 13 pt where it fits the right block on one line, else 12.
        let qh_size = if f.width(QUOC_HIEU, Face::Bold, 13.0) <= w * 0.62 {
            13.0
        } else {
            12.0
        };
        let right_w = (f.width(QUOC_HIEU, Face::Bold, qh_size) + mm(4.0)).max(w * 0.58);
        (qh_size, w - right_w, right_w)
    }

    /// A letter's addressee line, centred under the header: "Kính gửi: UBND xã Tam Tiến.".
    pub fn addressed_to(&mut self, addressee: &str) {
        let size = self.size();
        self.blocks.push(Block::Para(
            Para::new(
                vec![
                    Span::regular("Kính gửi: "),
                    Span::regular(addressee),
                    Span::regular("."),
                ],
                size,
            )
            .align(Align::Center)
            .leading(1.15)
            .space(mm(4.0), mm(4.0)),
        ));
    }

    /// Table columns from widths in mm for the decree's 165 mm text width, scaled to this
    /// document's text width (its margins are settings).
    pub fn cols(&self, widths: &[(f32, Align)]) -> Vec<Col> {
        let scale = self.width() / mm(165.0);
        widths
            .iter()
            .map(|&(w, align)| Col {
                width: mm(w * scale),
                align,
            })
            .collect()
    }

    /// A letter's (công văn) trích yếu under its number, in the header's left block: "V/v …",
    /// 12 pt, centred (Nghị định 30/2020, Phụ lục I, Mẫu 1.5).
    pub fn letter_summary(&mut self, summary: &str) {
        let (_, left_w, _) = self.header_widths();
        self.blocks.push(Block::Columns {
            cols: vec![Column {
                x: 0.0,
                width: left_w,
                blocks: vec![Block::Para(
                    Para::new(vec![Span::regular(summary)], 12.0)
                        .align(Align::Center)
                        .leading(1.1)
                        .margins(mm(2.0), mm(2.0)),
                )],
            }],
            keep_with_next: true,
        });
    }

    pub fn header(&mut self, number: Option<&str>, suffix: &str, date: NaiveDate) {
        let f = self.fonts;
        let s = self.settings;
        let qh = QUOC_HIEU;
        let tn = "Độc lập - Tự do - Hạnh phúc";
        let (qh_size, left_w, right_w) = self.header_widths();
        // The issuing body may take several lines ("ỦY BAN NHÂN DÂN\nTỈNH BẮC NINH"), all bold.
        let body_lines: Vec<&str> = s
            .issuing_body
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        let body_w = body_lines
            .iter()
            .map(|l| f.width(l, Face::Bold, HEADER_SIZE))
            .fold(0.0, f32::max);
        let tn_w = f.width(tn, Face::Bold, 14.0);
        let centred = |text: &str, face: Face, size: f32| {
            Block::Para(
                Para::new(vec![Span::new(text, face)], size)
                    .align(Align::Center)
                    .leading(1.15),
            )
        };
        let rule = |length: f32| Block::Rule {
            length,
            align: Align::Center,
            thickness: RULE,
            gap: 1.5,
            after: mm(3.0),
        };
        let mut left_blocks = Vec::new();
        if !s.parent_body.trim().is_empty() {
            left_blocks.push(centred(&s.parent_body, Face::Regular, HEADER_SIZE));
        }
        for l in &body_lines {
            left_blocks.push(centred(l, Face::Bold, HEADER_SIZE));
        }
        left_blocks.push(rule((body_w * 0.45).max(mm(12.0)).min(body_w)));
        let left = Column {
            x: 0.0,
            width: left_w,
            blocks: left_blocks,
        };
        let right = Column {
            x: left_w,
            width: right_w,
            blocks: vec![
                centred(qh, Face::Bold, qh_size),
                centred(tn, Face::Bold, 14.0),
                rule(tn_w),
            ],
        };
        self.blocks.push(Block::Columns {
            cols: vec![left, right],
            keep_with_next: true,
        });
        // An unregistered document keeps room for the number to be written in.
        let number = match number.map(str::trim).filter(|n| !n.is_empty()) {
            Some(n) => format!("Số: {n}/{suffix}"),
            None => format!("Số:\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}/{suffix}"),
        };
        let place_date = format!("{}, {}", s.place, format::date_long(date));
        self.blocks.push(Block::Columns {
            cols: vec![
                Column {
                    x: 0.0,
                    width: left_w,
                    blocks: vec![centred(&number, Face::Regular, HEADER_SIZE)],
                },
                Column {
                    x: left_w,
                    width: right_w,
                    blocks: vec![centred(&place_date, Face::Italic, 14.0)],
                },
            ],
            keep_with_next: true,
        });
    }

    /// The document type in capitals and its trích yếu, bold and centred, with a short rule.
    pub fn title(&mut self, kind: &str, summary: &str) {
        let size = self.size();
        let w = self.width();
        self.blocks.push(Block::Para(
            Para::new(vec![Span::bold(kind)], size)
                .align(Align::Center)
                .leading(1.15)
                .space(mm(6.0), 0.0)
                .keep(),
        ));
        let p = Para::new(vec![Span::bold(summary)], size)
            .align(Align::Center)
            .leading(1.15)
            .margins(mm(8.0), mm(8.0))
            .keep();
        let longest = break_lines(
            self.fonts,
            &p.spans,
            size,
            w - mm(16.0),
            w - mm(16.0),
            false,
        )
        .iter()
        .map(|l| l.width)
        .fold(0.0, f32::max);
        self.blocks.push(Block::Para(p));
        self.blocks.push(Block::Rule {
            length: longest / 3.0,
            align: Align::Center,
            thickness: RULE,
            gap: 3.0,
            after: mm(5.0),
        });
    }

    fn body(&self, spans: Vec<Span>) -> Para {
        Para::new(spans, self.size())
            .align(Align::Justify)
            .indent(mm(10.0))
            .leading(LEADING)
            .space(0.0, PARA_AFTER)
    }

    /// A body paragraph: justified, first line indented 1 cm.
    pub fn para(&mut self, text: &str) {
        let p = self.body(vec![Span::regular(text)]);
        self.blocks.push(Block::Para(p));
    }

    /// A body paragraph in italics (the căn cứ lines of a decision).
    pub fn para_italic(&mut self, text: &str) {
        let p = self.body(vec![Span::italic(text)]);
        self.blocks.push(Block::Para(p));
    }

    /// A body paragraph of several spans ("**Điều 1.** Thành lập …").
    pub fn para_spans(&mut self, spans: Vec<Span>) {
        let p = self.body(spans);
        self.blocks.push(Block::Para(p));
    }

    /// A list line: "- text", set as a body paragraph.
    pub fn dash(&mut self, text: &str) {
        self.para(&format!("- {text}"));
    }

    /// A heading, indented like the body and kept with what follows.
    pub fn heading(&mut self, text: &str, face: Face) {
        let p = self
            .body(vec![Span::new(text, face)])
            .space(3.0, PARA_AFTER)
            .keep();
        self.blocks.push(Block::Para(p));
    }

    /// Starts an annex on a new page whose numbering starts again (Nghị định 30/2020/NĐ-CP,
    /// Phụ lục I, "Phụ lục văn bản"): "Phụ lục I" — or "Phụ lục" alone when the document has
    /// only one — on a line of its own, centred, 14 pt, upright, bold; the annex's name in
    /// capitals, bold; then, in italics, the document it is attached to.
    pub fn annex(&mut self, numeral: Option<&str>, title: &str, reference: &str) {
        self.blocks.push(Block::SectionBreak);
        let label = match numeral {
            Some(n) => format!("Phụ lục {n}"),
            None => "Phụ lục".to_string(),
        };
        self.blocks.push(Block::Para(
            Para::new(vec![Span::bold(label)], 14.0)
                .align(Align::Center)
                .leading(1.15)
                .keep(),
        ));
        self.blocks.push(Block::Para(
            Para::new(vec![Span::bold(title.to_uppercase())], self.size())
                .align(Align::Center)
                .leading(1.15)
                .keep(),
        ));
        self.blocks.push(Block::Para(
            Para::new(vec![Span::italic(reference)], 13.0)
                .align(Align::Center)
                .leading(1.15)
                .space(0.0, mm(4.0))
                .keep(),
        ));
    }

    /// Marks the last block as kept with the next (a closing paragraph stays with the
    /// signature).
    pub fn keep_last(&mut self) {
        if let Some(Block::Para(p)) = self.blocks.last_mut() {
            p.keep_with_next = true;
        }
    }

    /// The signer's block (right) with "Nơi nhận" (left), their first lines level.
    pub fn signature(&mut self, recipients: &[String]) {
        let s = self.settings;
        let w = self.width();
        let left_w = w * 0.42;
        let right_w = w - left_w;
        // A little air above the block, the same in both columns so their first lines stay level.
        let mut left = vec![
            Block::Space(SIGNATURE_GAP),
            Block::Para(
                Para::new(vec![Span::new("Nơi nhận:", Face::BoldItalic)], 12.0).leading(1.15),
            ),
        ];
        let mut lines: Vec<String> = recipients
            .iter()
            .chain(&s.recipients)
            .map(|r| r.trim().trim_end_matches([';', '.']).to_string())
            .filter(|r| !r.is_empty())
            .map(|r| format!("- {r};"))
            .collect();
        lines.push(format!(
            "- Lưu: {}.",
            s.archive.trim().trim_end_matches('.')
        ));
        for l in lines {
            left.push(Block::Para(
                Para::new(vec![Span::regular(l)], 11.0)
                    .leading(1.1)
                    .margins(0.0, mm(2.0)),
            ));
        }
        self.signatures.push(self.blocks.len());
        let mut right = vec![Block::Space(SIGNATURE_GAP)];
        let head = |t: &str| {
            Block::Para(
                Para::new(vec![Span::bold(t)], self.size())
                    .align(Align::Center)
                    .leading(1.15),
            )
        };
        if let Some(a) = s
            .signer_authority
            .as_deref()
            .filter(|a| !a.trim().is_empty())
        {
            right.push(head(a));
        }
        if !s.signer_title.trim().is_empty() {
            right.push(head(&s.signer_title));
        }
        right.extend(self.seal_space());
        if !s.signer_name.trim().is_empty() {
            right.push(head(&s.signer_name));
        }
        self.blocks.push(Block::Columns {
            cols: vec![
                Column {
                    x: 0.0,
                    width: left_w,
                    blocks: left,
                },
                Column {
                    x: left_w,
                    width: right_w,
                    blocks: right,
                },
            ],
            keep_with_next: false,
        });
    }

    /// The space for the signature and the seal, with the settings' placeholder on a draft
    /// only: an issued document leaves the space blank for the wet signature and the seal.
    pub fn seal_space(&self) -> Vec<Block> {
        match &self.settings.seal_placeholder {
            Some(p) if self.draft && !p.trim().is_empty() => vec![
                Block::Space(mm(7.0)),
                Block::Para(
                    Para::new(vec![Span::italic(p.as_str())], 11.0)
                        .align(Align::Center)
                        .grey(0.55),
                ),
                Block::Space(mm(14.0)),
            ],
            _ => vec![Block::Space(mm(25.0))],
        }
    }

    /// Lays the blocks out (page numbers from page 2, 13 pt) and renders them.
    pub fn render(
        self,
        opts: &RenderOptions,
        title: &str,
        subject: &str,
    ) -> Result<Vec<u8>, PdfError> {
        let layout = self.layout();
        render::render(
            &layout,
            &metadata(&layout, self.settings, opts, title, subject),
        )
    }

    /// The blocks with each abbreviation written out on its first use (see [`ABBREVIATIONS`]),
    /// in reading order; the recipients' lines are left as they are.
    fn expanded(&self) -> Vec<Block> {
        let mut introduced = Vec::new();
        let mut blocks = self.blocks.clone();
        for (i, b) in blocks.iter_mut().enumerate() {
            if self.signatures.contains(&i) {
                continue;
            }
            expand_block(b, &mut introduced);
        }
        blocks
    }

    pub fn layout(&self) -> Layout {
        let blocks = self.expanded();
        let mut l = layout::layout(
            self.fonts,
            self.geo,
            &blocks,
            Some(PageNumbers {
                from: 2,
                size: 13.0,
            }),
        );
        if self.draft {
            add_watermark(self.fonts, &mut l, "DỰ THẢO", 110.0, 0.88);
        }
        l
    }
}

fn expand_block(b: &mut Block, introduced: &mut Vec<&'static str>) {
    match b {
        Block::Para(p) => {
            for span in &mut p.spans {
                span.text = expand_first_use(&span.text, introduced);
            }
        }
        Block::Columns { cols, .. } => {
            for c in cols {
                for b in &mut c.blocks {
                    expand_block(b, introduced);
                }
            }
        }
        Block::Table(t) => {
            for row in std::iter::once(&mut t.header).chain(t.rows.iter_mut()) {
                for cell in row {
                    for span in &mut cell.spans {
                        span.text = expand_first_use(&span.text, introduced);
                    }
                }
            }
        }
        _ => {}
    }
}

fn metadata(
    layout: &Layout,
    s: &DocumentSettings,
    opts: &RenderOptions,
    title: &str,
    subject: &str,
) -> Metadata {
    let id = opts
        .document_id
        .clone()
        .unwrap_or_else(|| content_id(layout, opts));
    Metadata {
        title: title.to_string(),
        subject: subject.to_string(),
        author: s.issuing_body_name.clone(),
        creator: "Kiểm tra CCHC".to_string(),
        created: opts.created,
        id,
    }
}

/// A 128-bit FNV-1a digest of the page text and the creation date, in hex: stable across runs
/// and machines, different for different documents.
fn content_id(layout: &Layout, opts: &RenderOptions) -> String {
    let mut a: u64 = 0xcbf2_9ce4_8422_2325;
    let mut b: u64 = 0x6c62_272e_07bb_0142;
    let mut feed = |bytes: &[u8]| {
        for &x in bytes {
            a = (a ^ u64::from(x)).wrapping_mul(0x0000_0100_0000_01b3);
            b = (b ^ u64::from(x))
                .wrapping_mul(0x0000_0100_0000_01b3)
                .rotate_left(5);
        }
    };
    feed(opts.created.to_string().as_bytes());
    for p in &layout.pages {
        feed(p.text().as_bytes());
        feed(b"\x0c");
    }
    format!("{a:016x}{b:016x}")
}

/// One printed document (the notice, the minutes, the plan): its input struct checks itself,
/// builds its blocks over a [`Builder`] and names itself in the PDF's document information.
/// [`layout`] and [`render`] do the rest the same way for every document.
pub trait Document {
    /// Refuses an input that cannot make a valid document (before anything is laid out).
    fn check(&self) -> Result<(), PdfError>;
    /// Appends the document's blocks, header to "Nơi nhận" and any annexes.
    fn build(&self, b: &mut Builder<'_>);
    /// The PDF's title: the document's name and what it is about.
    fn title(&self) -> String;
    /// The PDF's subject: the kind of document.
    fn subject(&self) -> &'static str;
}

fn built<'a>(
    doc: &impl Document,
    settings: &'a DocumentSettings,
    draft: bool,
) -> Result<Builder<'a>, PdfError> {
    doc.check()?;
    let mut b = Builder::new(settings, draft)?;
    doc.build(&mut b);
    Ok(b)
}

/// The document laid out into pages (for previews and tests), "DỰ THẢO" across them if `draft`.
pub fn layout(
    doc: &impl Document,
    settings: &DocumentSettings,
    draft: bool,
) -> Result<Layout, PdfError> {
    Ok(built(doc, settings, draft)?.layout())
}

/// The document as PDF bytes.
pub fn render(
    doc: &impl Document,
    settings: &DocumentSettings,
    opts: &RenderOptions,
) -> Result<Vec<u8>, PdfError> {
    built(doc, settings, opts.draft)?.render(opts, &doc.title(), doc.subject())
}

/// "kiểm tra công tác …": a title as it reads inside a sentence.
pub(crate) fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

/// "05/06/2026": short dates in running text and tables.
pub(crate) fn date_short(d: NaiveDate) -> String {
    format::date_short(d)
}

/// "ngày 05/06/2026" or "từ ngày 05/06/2026 đến ngày 06/06/2026".
pub(crate) fn date_span(from: NaiveDate, to: Option<NaiveDate>) -> String {
    match to.filter(|t| *t != from) {
        Some(t) => format!("từ ngày {} đến ngày {}", date_short(from), date_short(t)),
        None => format!("ngày {}", date_short(from)),
    }
}

#[cfg(test)]
mod abbreviation_tests {
    use super::expand_first_use;

    #[test]
    fn an_abbreviation_is_written_out_once_and_never_inside_a_symbol() {
        let mut seen = Vec::new();
        assert_eq!(
            expand_first_use("Số: 12/SNV-CCHC", &mut seen),
            "Số: 12/SNV-CCHC",
            "a ký hiệu is a name, not a use"
        );
        assert_eq!(
            expand_first_use("Công tác chỉ đạo, điều hành CCHC", &mut seen),
            "Công tác chỉ đạo, điều hành cải cách hành chính (CCHC)"
        );
        assert_eq!(
            expand_first_use("Tác động của CCHC; Cải cách TTHC", &mut seen),
            "Tác động của CCHC; Cải cách thủ tục hành chính (TTHC)"
        );
        assert_eq!(expand_first_use("TTHC", &mut seen), "TTHC");
        let mut fresh = Vec::new();
        assert_eq!(
            expand_first_use("CCHC năm 2026", &mut fresh),
            "Cải cách hành chính (CCHC) năm 2026",
            "capitalised at the start of a text"
        );
        let mut given = Vec::new();
        expand_first_use("cải cách hành chính (CCHC)", &mut given);
        assert_eq!(expand_first_use("CCHC", &mut given), "CCHC");
    }
}
