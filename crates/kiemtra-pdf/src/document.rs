//! What every document shares: the issuing body's settings, the render options, and the parts
//! of the Nghị định 30/2020/NĐ-CP layout (Phụ lục I) that all three documents print — the
//! two-block header, the title and trích yếu, body paragraphs, the signature and "Nơi nhận".

use chrono::{NaiveDate, NaiveDateTime};

use crate::fonts::{Face, Fonts};
use crate::format;
use crate::layout::{
    self, add_watermark, break_lines, mm, Align, Block, Column, Geometry, Layout, PageNumbers,
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
    /// "KT. GIÁM ĐỐC" (or "TL. GIÁM ĐỐC", "TM. …"); `None` when the head signs.
    pub signer_authority: Option<String>,
    /// The signer's own title, in capitals: "PHÓ GIÁM ĐỐC".
    pub signer_title: String,
    pub signer_name: String,
    /// Ký hiệu of a conclusion notice after the number: "TB-SNV" (printed "Số: 12/TB-SNV").
    pub number_suffix: String,
    /// Ký hiệu of an inspection plan: "KH-SNV".
    pub plan_number_suffix: String,
    /// Ký hiệu of inspection minutes: "BB-ĐKT".
    pub minutes_number_suffix: String,
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
    /// Sở Nội vụ tỉnh Bắc Ninh, 2026; the signer's name is left for the caller.
    fn default() -> Self {
        DocumentSettings {
            parent_body: "UBND TỈNH BẮC NINH".into(),
            issuing_body: "SỞ NỘI VỤ".into(),
            issuing_body_name: "Sở Nội vụ".into(),
            place: "Bắc Ninh".into(),
            signer_authority: Some("KT. GIÁM ĐỐC".into()),
            signer_title: "PHÓ GIÁM ĐỐC".into(),
            signer_name: String::new(),
            number_suffix: "TB-SNV".into(),
            plan_number_suffix: "KH-SNV".into(),
            minutes_number_suffix: "BB-ĐKT".into(),
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

impl DocumentSettings {
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
        Ok(())
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

    /// "đồng chí Nguyễn Văn A, Phó Giám đốc Sở Nội vụ".
    pub(crate) fn cited(&self) -> String {
        if self.title.trim().is_empty() {
            format!("đồng chí {}", self.name)
        } else {
            format!("đồng chí {}, {}", self.name, self.title)
        }
    }
}

/// Sizes and spacing of the official layout, in points.
pub(crate) const HEADER_SIZE: f32 = 13.0;
pub(crate) const RULE: f32 = 0.6;
/// Paragraph spacing after body paragraphs (the decree asks at least 6 pt).
pub(crate) const PARA_AFTER: f32 = 6.0;
pub(crate) const LEADING: f32 = 1.2;
/// Space between the closing paragraph and the signature block.
pub(crate) const SIGNATURE_GAP: f32 = 6.0;

/// The text blocks of a document, with the settings they are set with.
pub(crate) struct Builder<'a> {
    pub fonts: &'a Fonts,
    pub settings: &'a DocumentSettings,
    pub geo: Geometry,
    pub blocks: Vec<Block>,
}

impl<'a> Builder<'a> {
    pub fn new(settings: &'a DocumentSettings) -> Result<Self, PdfError> {
        settings.validate()?;
        Ok(Builder {
            fonts: Fonts::bundled()?,
            settings,
            geo: settings.geometry(),
            blocks: Vec::new(),
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
    pub fn header(&mut self, number: Option<&str>, suffix: &str, date: NaiveDate) {
        let f = self.fonts;
        let s = self.settings;
        let w = self.width();
        let qh = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
        let tn = "Độc lập - Tự do - Hạnh phúc";
        // The quốc hiệu takes 13 pt where it fits the right block on one line, else 12.
        let qh_size = if f.width(qh, Face::Bold, 13.0) <= w * 0.62 {
            13.0
        } else {
            12.0
        };
        let right_w = (f.width(qh, Face::Bold, qh_size) + mm(4.0)).max(w * 0.58);
        let left_w = w - right_w;
        let body_w = f.width(&s.issuing_body, Face::Bold, HEADER_SIZE);
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
        let left = Column {
            x: 0.0,
            width: left_w,
            blocks: vec![
                centred(&s.parent_body, Face::Regular, HEADER_SIZE),
                centred(&s.issuing_body, Face::Bold, HEADER_SIZE),
                rule((body_w * 0.45).max(mm(12.0)).min(body_w)),
            ],
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
        right.push(head(&s.signer_title));
        right.extend(self.seal_space());
        right.push(head(&s.signer_name));
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

    /// The space for the signature and the seal, with the placeholder if the settings have one.
    pub fn seal_space(&self) -> Vec<Block> {
        match &self.settings.seal_placeholder {
            Some(p) if !p.trim().is_empty() => vec![
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
        let layout = self.layout(opts.draft);
        render::render(
            &layout,
            &metadata(&layout, self.settings, opts, title, subject),
        )
    }

    pub fn layout(&self, draft: bool) -> Layout {
        let mut l = layout::layout(
            self.fonts,
            self.geo,
            &self.blocks,
            Some(PageNumbers {
                from: 2,
                size: 13.0,
            }),
        );
        if draft {
            add_watermark(self.fonts, &mut l, "DỰ THẢO", 110.0, 0.88);
        }
        l
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

/// Parses the ISO dates core stores ("2026-06-05"), also accepting "05/06/2026".
pub(crate) fn parse_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(s.trim(), "%d/%m/%Y"))
        .ok()
}
