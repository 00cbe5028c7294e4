//! The inspection minutes (biên bản kiểm tra), after Mẫu 1.9 of Phụ lục III of Nghị định
//! 30/2020/NĐ-CP: time and place, who took part, what was checked per checklist section, the
//! findings, the agency's remarks, the closing sentence, and the signatures of the secretary,
//! the team lead and the agency's representative, then "Nơi nhận".

use chrono::{NaiveDate, NaiveTime, Timelike};
use kiemtra_core::checklist::{ChecklistGroup, GroupLevel};
use kiemtra_core::inspection::{FindingKind, Inspection, ItemStatus};
use kiemtra_core::plan::Plan;

use crate::document::{
    date_span, decision_citation, plan_citation, Builder, Document, Person, Reference,
    SIGNATURE_GAP,
};
use crate::fonts::Face;
use crate::format;
use crate::layout::{mm, Align, Block, Cell, Col, Column, Para, Span, Table};
use crate::PdfError;

/// How many items of one checklist section ended in each status.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SectionTally {
    /// "Cải cách thủ tục hành chính".
    pub name: String,
    pub met: u32,
    pub partial: u32,
    pub unmet: u32,
    pub na: u32,
    /// Items with no result yet.
    pub open: u32,
}

impl SectionTally {
    pub fn total(&self) -> u32 {
        self.met + self.partial + self.unmet + self.na + self.open
    }
}

/// Everything the minutes print. Build with [`MinutesInput::from_core`], then add what only
/// the team knows: the secretary, the agency's participants and remarks.
#[derive(Debug, Clone, PartialEq)]
pub struct MinutesInput {
    /// The registered number; `None` leaves it blank.
    pub number: Option<String>,
    pub year: i32,
    pub agency_name: String,
    /// How the minutes address the agency, from the register: "UBND xã Tam Tiến" (printed
    /// "ĐẠI DIỆN UBND XÃ TAM TIẾN" over its representative's signature).
    pub addressee: String,
    /// The visit's first and last day (the same for a one-day visit).
    pub visit_from: NaiveDate,
    pub visit_to: NaiveDate,
    /// When the visit started (on its first day) and the minutes ended (on its last day), as
    /// the team entered them; `None` prints a blank to fill in by hand.
    pub start: Option<NaiveTime>,
    pub end: Option<NaiveTime>,
    /// Where: "trụ sở Sở Tài chính, số 8 đường Lý Thái Tổ, phường Kinh Bắc".
    pub location: String,
    /// The inspection plan cited, as in [`crate::NoticeInput::plan_reference`].
    pub plan_reference: Option<String>,
    /// The decision establishing the team, as in [`crate::NoticeInput::decision_reference`].
    pub decision_reference: Option<String>,
    pub team_lead: Person,
    /// The secretary (thư ký); an empty name leaves the line to be written by hand.
    pub secretary: Person,
    pub team_members: Vec<Person>,
    /// The agency's representatives as entered; the first signs for the agency. Empty leaves
    /// dotted lines to fill in by hand.
    pub agency_participants: Vec<Person>,
    pub sections: Vec<SectionTally>,
    pub strengths: Vec<String>,
    pub shortcomings: Vec<String>,
    /// Ý kiến của cơ quan được kiểm tra, in paragraphs; empty leaves dotted lines to fill in.
    pub agency_remarks: Vec<String>,
    /// Copies made (each side keeps some); 2 by default.
    pub copies: u32,
    pub recipients: Vec<String>,
}

impl MinutesInput {
    /// Builds the minutes of an inspection: the team from `plan`, the tally of items per
    /// section (section names from the checklist's section groups, as returned by
    /// `kiemtra_core::checklist::show`), the findings, and what the team entered about the
    /// visit (`kiemtra_core::minutes::get`: days, hours, place, representatives, secretary).
    pub fn from_core(
        inspection: &Inspection,
        plan: Option<&Plan>,
        sections: &[ChecklistGroup],
        number: Option<&str>,
        visit: &kiemtra_core::minutes::Minutes,
    ) -> MinutesInput {
        let i = inspection;
        let team = plan
            .and_then(|p| p.agencies.iter().find(|a| a.code == i.agency))
            .map(|a| a.team.clone())
            .unwrap_or_default();
        let mut tallies: Vec<(String, SectionTally)> = Vec::new();
        for item in &i.items {
            let pos = match tallies.iter().position(|(r, _)| *r == item.section_ref) {
                Some(p) => p,
                None => {
                    let name = sections
                        .iter()
                        .find(|g| g.level == GroupLevel::Section && g.r#ref == item.section_ref)
                        .map(|g| g.text.clone())
                        .unwrap_or_else(|| format!("Phần {}", item.section_ref));
                    tallies.push((
                        item.section_ref.clone(),
                        SectionTally {
                            name,
                            ..Default::default()
                        },
                    ));
                    tallies.len() - 1
                }
            };
            let t = &mut tallies[pos].1;
            match item.status {
                Some(ItemStatus::Met) => t.met += 1,
                Some(ItemStatus::Partial) => t.partial += 1,
                Some(ItemStatus::Unmet) => t.unmet += 1,
                Some(ItemStatus::Na) => t.na += 1,
                None => t.open += 1,
            }
        }
        let texts = |kind| {
            i.findings
                .iter()
                .filter(|f| f.kind == kind)
                .map(|f| f.text.clone())
                .collect()
        };
        let d = &visit.details;
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        let time = |t: &Option<String>| {
            t.as_deref()
                .and_then(|t| NaiveTime::parse_from_str(t, "%H:%M").ok())
        };
        let visit_from = day(&visit.visit_from)
            .or_else(|| day(&i.visit_date))
            .unwrap_or_default();
        MinutesInput {
            number: number.map(str::to_string),
            year: i.year,
            agency_name: i.agency_name.clone(),
            addressee: i.agency_addressee.clone(),
            visit_from,
            visit_to: day(&visit.visit_to).unwrap_or(visit_from),
            start: time(&d.start),
            end: time(&d.end),
            location: d
                .place
                .clone()
                .unwrap_or_else(|| visit.default_place.clone()),
            plan_reference: None,
            decision_reference: None,
            team_lead: Person::new(team.lead.unwrap_or_default(), ""),
            secretary: Person::new(d.secretary.clone().unwrap_or_default(), ""),
            team_members: team
                .members
                .into_iter()
                .map(|n| Person::new(n, ""))
                .collect(),
            agency_participants: d
                .representatives
                .iter()
                .map(|r| Person::new(r.name.clone(), r.title.clone()))
                .collect(),
            sections: tallies.into_iter().map(|(_, t)| t).collect(),
            strengths: texts(FindingKind::Strength),
            shortcomings: texts(FindingKind::Shortcoming),
            agency_remarks: Vec::new(),
            copies: 2,
            recipients: vec![
                i.agency_addressee.clone(),
                "Thành viên Đoàn kiểm tra".to_string(),
            ],
        }
    }
}

/// "08 giờ 30 phút", or a blank to fill in by hand.
fn clock(t: Option<NaiveTime>) -> String {
    match t {
        Some(t) => format!("{:02} giờ {:02} phút", t.hour(), t.minute()),
        None => "…… giờ …… phút".to_string(),
    }
}

fn person_line(p: &Person, role: Option<&str>) -> String {
    // A team not yet named leaves the name to be written by hand.
    let name = match p.name.trim() {
        "" => "……………………………",
        n => n,
    };
    let mut s = format!("- Đồng chí {name}");
    if !p.title.trim().is_empty() {
        s.push_str(&format!(", {}", p.title.trim()));
    }
    if let Some(r) = role {
        s.push_str(&format!(" - {r}"));
    }
    s.push(';');
    s
}

fn signer(b: &Builder, title: &str, note: &str, name: &str) -> Vec<Block> {
    let size = b.size();
    let centred = |spans: Vec<Span>, size: f32| {
        Block::Para(Para::new(spans, size).align(Align::Center).leading(1.15))
    };
    vec![
        centred(vec![Span::bold(title)], size),
        Block::Para(
            Para::new(vec![Span::italic(note)], 11.0)
                .align(Align::Center)
                .leading(1.15)
                .grey(0.35),
        ),
        Block::Space(mm(20.0)),
        centred(vec![Span::bold(name)], size),
    ]
}

fn build(b: &mut Builder, input: &MinutesInput) {
    let s = b.settings;
    // Minutes are signed on the visit's last day, and dated so.
    let date = input.visit_to;
    let one_day = input.visit_from == input.visit_to;
    b.header(input.number.as_deref(), &s.minutes_number_suffix, date);
    b.title(
        "BIÊN BẢN",
        &format!(
            "Kiểm tra công tác cải cách hành chính tại {}",
            input.addressee
        ),
    );
    let plan = input
        .plan_reference
        .clone()
        .unwrap_or_else(|| plan_citation(&Reference::default(), input.year, s));
    let decision = input
        .decision_reference
        .clone()
        .unwrap_or_else(|| decision_citation(&Reference::default(), &input.addressee, s));
    b.para(&format!("Căn cứ {plan};"));
    b.para(&format!("Căn cứ {decision};"));
    let when = if one_day {
        format!(
            "Hôm nay, vào hồi {} {}",
            clock(input.start),
            format::date_long(input.visit_from)
        )
    } else {
        format!(
            "Bắt đầu vào hồi {}, {}",
            clock(input.start),
            date_span(input.visit_from, Some(input.visit_to))
        )
    };
    b.para(&format!(
        "{when}, tại {}, Đoàn kiểm tra công tác cải cách hành chính (sau đây gọi là Đoàn kiểm \
         tra) tiến hành kiểm tra công tác cải cách hành chính năm {} tại {}.",
        input.location.trim(),
        input.year,
        input.addressee
    ));

    b.heading("I. THÀNH PHẦN", Face::Bold);
    b.heading("1. Đoàn kiểm tra", Face::Bold);
    b.para(&person_line(&input.team_lead, Some("Trưởng đoàn")));
    for m in &input.team_members {
        b.para(&person_line(m, Some("Thành viên")));
    }
    if !input.secretary.name.trim().is_empty() {
        b.para(&person_line(&input.secretary, Some("Thư ký")));
    }
    b.heading(&format!("2. {}", input.addressee), Face::Bold);
    let participants: Vec<&Person> = input
        .agency_participants
        .iter()
        .filter(|p| !p.name.trim().is_empty())
        .collect();
    if participants.is_empty() {
        for _ in 0..2 {
            b.para("- ……………………………………………………………………………………………");
        }
    }
    for p in &participants {
        b.para(&person_line(p, None));
    }

    b.heading("II. NỘI DUNG KIỂM TRA", Face::Bold);
    b.heading("1. Kết quả kiểm tra theo danh mục", Face::Bold);
    let total: SectionTally = input.sections.iter().fold(
        SectionTally {
            name: "Tổng cộng".into(),
            ..Default::default()
        },
        |mut acc, t| {
            acc.met += t.met;
            acc.partial += t.partial;
            acc.unmet += t.unmet;
            acc.na += t.na;
            acc.open += t.open;
            acc
        },
    );
    b.para(&format!(
        "Đoàn kiểm tra đã kiểm tra {} nội dung theo danh mục kiểm tra, kết quả như sau:",
        total.total()
    ));
    b.keep_last();
    let scale = b.width() / mm(165.0);
    let cols = [
        (9.0, Align::Center),
        (66.0, Align::Left),
        (16.0, Align::Center),
        (16.0, Align::Center),
        (19.0, Align::Center),
        (18.0, Align::Center),
        (21.0, Align::Center),
    ]
    .into_iter()
    .map(|(w, align)| Col {
        width: mm(w * scale),
        align,
    })
    .collect();
    let row = |n: String, t: &SectionTally, face: Face| {
        let cell = |v: String| Cell::spans(vec![Span::new(v, face)]);
        vec![
            cell(n),
            cell(t.name.clone()),
            cell(t.total().to_string()),
            cell(t.met.to_string()),
            cell(t.partial.to_string()),
            cell(t.unmet.to_string()),
            cell(t.na.to_string()),
        ]
    };
    let mut rows: Vec<Vec<Cell>> = input
        .sections
        .iter()
        .enumerate()
        .map(|(k, t)| row((k + 1).to_string(), t, Face::Regular))
        .collect();
    rows.push(row(String::new(), &total, Face::Bold));
    b.blocks.push(Block::Table(Table {
        cols,
        header: [
            "TT",
            "Nội dung kiểm tra",
            "Số mục",
            "Đạt",
            "Đạt một phần",
            "Chưa đạt",
            "Không áp dụng",
        ]
        .into_iter()
        .map(Cell::text)
        .collect(),
        rows,
        size: 12.0,
        leading: 1.15,
        pad: 3.0,
        space_before: 0.0,
        space_after: PARA_AFTER_TABLE,
    }));
    if total.open > 0 {
        b.para(&format!(
            "Còn {} nội dung chưa có kết quả kiểm tra tại thời điểm lập biên bản.",
            total.open
        ));
    }
    for (k, title, list) in [
        (2, "Ưu điểm", &input.strengths),
        (3, "Hạn chế, tồn tại", &input.shortcomings),
    ] {
        b.heading(&format!("{k}. {title}"), Face::Bold);
        if list.is_empty() {
            b.para("Không có.");
        }
        let n = list.len();
        for (j, t) in list.iter().enumerate() {
            let t = t.trim().trim_end_matches(['.', ';']);
            b.dash(&format!("{t}{}", if j + 1 == n { "." } else { ";" }));
        }
    }

    b.heading("III. Ý KIẾN CỦA CƠ QUAN ĐƯỢC KIỂM TRA", Face::Bold);
    if input.agency_remarks.iter().all(|r| r.trim().is_empty()) {
        for _ in 0..3 {
            b.para("……………………………………………………………………………………………………");
        }
    } else {
        for r in &input.agency_remarks {
            b.para(r);
        }
    }

    let end = if one_day {
        format!("{} cùng ngày", clock(input.end))
    } else {
        format!("{} {}", clock(input.end), format::date_long(input.visit_to))
    };
    b.para(&format!(
        "Biên bản kết thúc vào hồi {end}, đã đọc lại cho các thành viên cùng nghe và nhất trí ký \
         tên. Biên bản được lập thành {:02} bản có giá trị như nhau, {} giữ 01 bản, Đoàn kiểm tra \
         giữ {:02} bản./.",
        input.copies.max(2),
        input.addressee,
        input.copies.max(2) - 1
    ));
    b.keep_last();

    let w = b.width();
    let half = w / 2.0;
    let mut secretary = signer(b, "THƯ KÝ", "(Ký, ghi rõ họ tên)", &input.secretary.name);
    let mut lead = signer(
        b,
        "TRƯỞNG ĐOÀN",
        "(Ký, ghi rõ họ tên)",
        &input.team_lead.name,
    );
    // The gap lives inside the columns so the closing sentence stays kept with them.
    secretary.insert(0, Block::Space(SIGNATURE_GAP));
    lead.insert(0, Block::Space(SIGNATURE_GAP));
    b.blocks.push(Block::Columns {
        cols: vec![
            Column {
                x: 0.0,
                width: half,
                blocks: secretary,
            },
            Column {
                x: half,
                width: half,
                blocks: lead,
            },
        ],
        keep_with_next: false,
    });
    b.blocks.push(Block::Space(mm(6.0)));
    let rep = participants.first().copied().cloned().unwrap_or_default();
    let mut rep_blocks = signer(
        b,
        &format!("ĐẠI DIỆN {}", input.addressee.to_uppercase()),
        "(Ký, ghi rõ họ tên, đóng dấu)",
        &rep.name,
    );
    if !rep.title.trim().is_empty() {
        rep_blocks.insert(
            1,
            Block::Para(
                Para::new(vec![Span::bold(rep.title.to_uppercase())], b.size())
                    .align(Align::Center)
                    .leading(1.15),
            ),
        );
    }
    // The agency's signature and "Nơi nhận" in one block kept on one page, so "Nơi nhận"
    // never stands alone on a page of its own; the signature centred over the text width.
    let mut blocks = rep_blocks;
    blocks.push(Block::Space(mm(4.0)));
    blocks.push(Block::Para(
        Para::new(vec![Span::new("Nơi nhận:", Face::BoldItalic)], 12.0).leading(1.15),
    ));
    let mut lines: Vec<String> = input
        .recipients
        .iter()
        .map(|r| r.trim().trim_end_matches([';', '.']).to_string())
        .filter(|r| !r.is_empty())
        .map(|r| format!("- {r};"))
        .collect();
    lines.push("- Lưu: hồ sơ kiểm tra.".to_string());
    for l in lines {
        blocks.push(Block::Para(
            Para::new(vec![Span::regular(l)], 11.0)
                .leading(1.1)
                .margins(0.0, w * 0.5),
        ));
    }
    b.blocks.push(Block::Columns {
        cols: vec![Column {
            x: 0.0,
            width: w,
            blocks,
        }],
        keep_with_next: false,
    });
}

const PARA_AFTER_TABLE: f32 = 8.0;

impl Document for MinutesInput {
    fn check(&self) -> Result<(), PdfError> {
        if self.agency_name.trim().is_empty() || self.addressee.trim().is_empty() {
            return Err(PdfError::Invalid {
                field: "agency_name".into(),
                message: "chưa có tên cơ quan được kiểm tra".into(),
            });
        }
        if self.visit_to < self.visit_from {
            return Err(PdfError::Invalid {
                field: "visit_to".into(),
                message: "ngày kết thúc trước ngày bắt đầu".into(),
            });
        }
        if let (Some(s), Some(e)) = (self.start, self.end) {
            if self.visit_from == self.visit_to && e <= s {
                return Err(PdfError::Invalid {
                    field: "end".into(),
                    message: "giờ kết thúc trước giờ bắt đầu".into(),
                });
            }
        }
        Ok(())
    }

    fn build(&self, b: &mut Builder<'_>) {
        build(b, self);
    }

    fn title(&self) -> String {
        format!(
            "Biên bản kiểm tra công tác cải cách hành chính tại {}",
            self.addressee
        )
    }

    fn subject(&self) -> &'static str {
        "Biên bản kiểm tra"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_read_as_hours_and_minutes_or_a_blank() {
        let t = NaiveTime::from_hms_opt(8, 5, 0).unwrap();
        assert_eq!(clock(Some(t)), "08 giờ 05 phút");
        assert_eq!(clock(None), "…… giờ …… phút");
    }

    #[test]
    fn people_are_listed_with_title_and_role() {
        let p = Person::new("Trần Thị Lan", "Trưởng phòng CCHC, Sở Nội vụ");
        assert_eq!(
            person_line(&p, Some("Trưởng đoàn")),
            "- Đồng chí Trần Thị Lan, Trưởng phòng CCHC, Sở Nội vụ - Trưởng đoàn;"
        );
        assert_eq!(person_line(&Person::new("A", ""), None), "- Đồng chí A;");
    }
}
