//! Fixtures (fixed, hand-written: the golden image must not move when the seeds do) and the
//! poppler helpers that read rendered PDFs back.

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{NaiveDate, NaiveDateTime};
use kiemtra_core::agency::Block as AgencyBlock;
use kiemtra_core::checklist::{Op, Target};
use kiemtra_core::inspection::{
    Finding, FindingKind, Inspection, InspectionItem, InspectionStatus, ItemStatus, Progress,
};
use kiemtra_core::judgement::Judgement;
use kiemtra_core::plan::{
    BlockCoverage, Coverage, DrawMethod, Plan, PlanAgency, PlanStatus, SelectionMode, Team, Window,
};
use kiemtra_pdf::{
    ChecklistRow, DocumentSettings, EvidenceRow, FieldResult, MinutesInput, NoticeInput, Person,
    Recommendation, RenderOptions, SectionTally,
};

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

pub fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    day(y, m, d).and_hms_opt(h, min, 0).unwrap()
}

/// The settings with a signer set, as a lead sets them in "Thiết lập văn bản".
pub fn settings() -> DocumentSettings {
    DocumentSettings {
        signer_authority: Some("KT. GIÁM ĐỐC".into()),
        signer_title: "PHÓ GIÁM ĐỐC".into(),
        signer_name: "Nguyễn Văn Minh".into(),
        ..DocumentSettings::default()
    }
}

/// How the register addresses an agency and names its head (derived as the store does).
pub fn addressee(name: &str, block: AgencyBlock) -> (String, String) {
    kiemtra_core::agency::derived_addressee(name, block, None)
}

pub fn opts(draft: bool) -> RenderOptions {
    RenderOptions {
        draft,
        created: at(2026, 6, 19, 8, 0),
        document_id: Some("kiemtra-test-0001".into()),
    }
}

pub const STRENGTHS: [&str; 6] = [
    "Ban hành kịp thời Kế hoạch cải cách hành chính năm 2026 trước ngày 31/01/2026, xác định rõ nhiệm vụ, sản phẩm và thời hạn hoàn thành",
    "100% thủ tục hành chính thuộc thẩm quyền được công khai đầy đủ, đúng quy định trên Cổng Dịch vụ công quốc gia",
    "Tỷ lệ hồ sơ giải quyết trước và đúng hạn đạt 98,6%, cao hơn chỉ tiêu của tỉnh",
    "Thực hiện nghiêm chế độ báo cáo định kỳ hằng tháng, quý, 6 tháng về Sở Nội vụ",
    "Ứng dụng chữ ký số trong gửi, nhận văn bản điện tử đạt 100% đối với văn bản đi",
    "Bố trí đủ công chức làm việc tại Bộ phận Một cửa, được tập huấn nghiệp vụ định kỳ",
];

pub const SHORTCOMINGS: [&str; 6] = [
    "Tỷ lệ thanh toán trực tuyến đối với thủ tục hành chính có nghĩa vụ tài chính mới đạt 62,4%, thấp hơn chỉ tiêu ≥ 85% của tỉnh",
    "Chưa cập nhật kịp thời quy trình nội bộ của 07 thủ tục hành chính sau khi có quyết định công bố sửa đổi, bổ sung",
    "Việc số hóa hồ sơ, kết quả giải quyết thủ tục hành chính chưa đạt yêu cầu; nhiều hồ sơ chưa được ký số",
    "Báo cáo tự đánh giá Chỉ số cải cách hành chính thiếu tài liệu kiểm chứng ở một số tiêu chí thành phần",
    "Chưa tổ chức đối thoại giữa người đứng đầu với cán bộ, công chức theo kế hoạch đã ban hành",
    "Hệ thống quản lý văn bản chưa kết nối đầy đủ với hệ thống thông tin giải quyết thủ tục hành chính của tỉnh",
];

pub const CAUSES: [&str; 3] = [
    "Người dân, doanh nghiệp chưa quen với thanh toán trực tuyến; việc tuyên truyền, hướng dẫn chưa thường xuyên",
    "Công chức phụ trách kiêm nhiệm nhiều việc, chưa chủ động rà soát quy trình nội bộ khi có văn bản mới",
    "Hạ tầng công nghệ thông tin một số bộ phận đã xuống cấp, chưa được đầu tư đồng bộ",
];

pub const RECOMMENDATIONS: [&str; 3] = [
    "Tăng cường tuyên truyền, hướng dẫn người dân, doanh nghiệp thanh toán trực tuyến phí, lệ phí; phấn đấu đạt chỉ tiêu ≥ 85% trong năm 2026",
    "Rà soát, cập nhật đầy đủ quy trình nội bộ giải quyết thủ tục hành chính trên Hệ thống thông tin giải quyết TTHC của tỉnh",
    "Bổ sung tài liệu kiểm chứng cho các tiêu chí còn thiếu trong báo cáo tự đánh giá Chỉ số cải cách hành chính",
];

pub fn team_lead() -> Person {
    Person::new(
        "Trần Thị Lan",
        "Trưởng phòng Cải cách hành chính, Sở Nội vụ",
    )
}

pub fn team_members() -> Vec<Person> {
    vec![
        Person::new("Lê Văn Dũng", "Chuyên viên Văn phòng UBND tỉnh"),
        Person::new("Phạm Thu Hà", "Chuyên viên Sở Tư pháp"),
        Person::new("Ngô Quang Huy", "Chuyên viên Sở Khoa học và Công nghệ"),
    ]
}

pub fn checklist_rows() -> Vec<ChecklistRow> {
    let row = |r: &str, t: &str, target: &str, value: &str, result: &str, a: &str| ChecklistRow {
        source_ref: r.into(),
        text: t.into(),
        target: target.into(),
        value: value.into(),
        result: result.into(),
        assessment: a.into(),
    };
    vec![
        row(
            "IV.1.1",
            "Ban hành Kế hoạch cải cách hành chính năm 2026 của cơ quan",
            "Chậm nhất 31/01/2026",
            "20/01/2026",
            "Đạt",
            "Đúng hạn",
        ),
        row(
            "II.6.CT.1",
            "Tỷ lệ hồ sơ giải quyết trước hạn và đúng hạn",
            "> 95%",
            "98,6%",
            "Đạt",
            "Đạt chỉ tiêu",
        ),
        row(
            "II.8.CT.1",
            "Tỷ lệ TTHC có nghĩa vụ tài chính được thanh toán trực tuyến",
            "≥ 85%",
            "62,4%",
            "Chưa đạt",
            "Không đạt chỉ tiêu",
        ),
        row(
            "II.6.CT.3",
            "Mức độ hài lòng của người dân, doanh nghiệp",
            "≥ 90%",
            "93,5%",
            "Đạt",
            "Đạt chỉ tiêu",
        ),
        row(
            "VI.1.CT.1",
            "Tỷ lệ hồ sơ xử lý trực tuyến",
            "≥ 90%",
            "87%",
            "Đạt một phần",
            "Không đạt chỉ tiêu",
        ),
        row(
            "IV.1.3",
            "Báo cáo cải cách hành chính quý I/2026",
            "Quý I/2026",
            "15/04/2026",
            "Đạt một phần",
            "Trễ hạn",
        ),
        row(
            "III.1.1",
            "Rà soát chức năng, nhiệm vụ, cơ cấu tổ chức",
            "Năm 2026",
            "",
            "Không áp dụng",
            "",
        ),
        row(
            "VI.3.CT.1",
            "Chỉ số chuyển đổi số",
            "≥ 0,71",
            "0,74",
            "Đạt",
            "Đạt chỉ tiêu",
        ),
    ]
}

pub fn evidence_rows() -> Vec<EvidenceRow> {
    vec![
        EvidenceRow {
            name: "Kế hoạch CCHC năm 2026 - Sở Tài chính.pdf".into(),
            criteria: vec!["1.1".into()],
            derived_criteria: true,
            size: 1_258_291,
            sha256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08".into(),
        },
        EvidenceRow {
            name: "Báo cáo số liệu thanh toán trực tuyến quý I.xlsx".into(),
            criteria: vec!["3.4".into(), "7.2".into()],
            derived_criteria: true,
            size: 48_213,
            sha256: "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752".into(),
        },
        EvidenceRow {
            name: "Ảnh Bộ phận Một cửa.jpg".into(),
            criteria: vec!["3.5".into()],
            derived_criteria: true,
            size: 820,
            sha256: "fd61a03af4f77d870fc21e05e7e80678095c92d808cfb3b5c279ee04c74aca13".into(),
        },
    ]
}

/// A fixed one-agency notice: three fields, three recommendations, eight checklist rows.
pub fn notice_input() -> NoticeInput {
    NoticeInput {
        number: Some("125".into()),
        date: day(2026, 6, 19),
        year: 2026,
        agency_name: "Sở Tài chính".into(),
        addressee: addressee("Sở Tài chính", AgencyBlock::Provincial).0,
        head_title: addressee("Sở Tài chính", AgencyBlock::Provincial).1,
        plan_reference: Some(
            "Kế hoạch số 25/KH-UBND ngày 15/01/2026 của Chủ tịch UBND tỉnh về kiểm tra công tác \
             cải cách hành chính và thực thi nhiệm vụ, công vụ năm 2026"
                .into(),
        ),
        decision_reference: None,
        visit_from: day(2026, 6, 5),
        visit_to: None,
        team_lead: Some(team_lead()),
        team_members: team_members(),
        fields: vec![
            FieldResult {
                name: "Công tác chỉ đạo, điều hành CCHC".into(),
                strengths: vec![STRENGTHS[0].into(), STRENGTHS[3].into()],
                shortcomings: vec![SHORTCOMINGS[4].into()],
                causes: vec![],
            },
            FieldResult {
                name: "Cải cách TTHC".into(),
                strengths: vec![
                    STRENGTHS[1].into(),
                    STRENGTHS[2].into(),
                    STRENGTHS[5].into(),
                ],
                shortcomings: vec![SHORTCOMINGS[0].into(), SHORTCOMINGS[1].into()],
                causes: vec![CAUSES[0].into(), CAUSES[1].into()],
            },
            FieldResult {
                name: "Xây dựng và phát triển chính quyền điện tử, chính quyền số (chuyển đổi số)"
                    .into(),
                strengths: vec![STRENGTHS[4].into()],
                shortcomings: vec![SHORTCOMINGS[2].into(), SHORTCOMINGS[5].into()],
                causes: vec![CAUSES[2].into()],
            },
        ],
        conclusion: vec![
            "Qua kiểm tra 8 nội dung theo danh mục kiểm tra, Sở Tài chính có 4 nội dung đạt, 2 \
             nội dung đạt một phần, 1 nội dung chưa đạt và 1 nội dung không áp dụng."
                .into(),
            "Nhìn chung, Sở Tài chính đã quan tâm chỉ đạo triển khai các nhiệm vụ cải cách hành \
             chính năm 2026; tuy nhiên còn một số chỉ tiêu chưa đạt, cần tập trung khắc phục."
                .into(),
        ],
        recommendations: vec![
            Recommendation {
                text: RECOMMENDATIONS[0].into(),
                due: Some(day(2026, 9, 30)),
            },
            Recommendation {
                text: RECOMMENDATIONS[1].into(),
                due: Some(day(2026, 7, 17)),
            },
            Recommendation {
                text: RECOMMENDATIONS[2].into(),
                due: None,
            },
        ],
        report_due: day(2026, 7, 31),
        recipients: vec!["Sở Tài chính (để thực hiện)".into()],
        checklist: checklist_rows(),
        evidence: evidence_rows(),
    }
}

/// A notice with `n` findings in each of two lists per field: long enough to break pages.
pub fn long_notice(n: usize) -> NoticeInput {
    let mut input = notice_input();
    for f in &mut input.fields {
        for k in 0..n {
            f.strengths
                .push(format!("{} (nội dung bổ sung {})", STRENGTHS[k % 6], k + 1));
            f.shortcomings.push(format!(
                "{} (nội dung bổ sung {})",
                SHORTCOMINGS[k % 6],
                k + 1
            ));
        }
    }
    input
}

pub fn minutes_input() -> MinutesInput {
    let tally = |name: &str, met, partial, unmet, na| SectionTally {
        name: name.into(),
        met,
        partial,
        unmet,
        na,
        open: 0,
    };
    MinutesInput {
        number: Some("03".into()),
        year: 2026,
        agency_name: "Sở Tài chính".into(),
        addressee: addressee("Sở Tài chính", AgencyBlock::Provincial).0,
        visit_from: day(2026, 6, 5),
        visit_to: day(2026, 6, 5),
        start: Some(at(2026, 6, 5, 8, 30).time()),
        end: Some(at(2026, 6, 5, 11, 45).time()),
        location: "trụ sở Sở Tài chính, số 8 đường Lý Thái Tổ, phường Kinh Bắc, tỉnh Bắc Ninh"
            .into(),
        plan_reference: None,
        decision_reference: None,
        team_lead: team_lead(),
        secretary: Person::new("Phạm Thu Hà", "Chuyên viên Sở Tư pháp"),
        team_members: team_members()[..1].to_vec(),
        agency_participants: vec![
            Person::new("Đỗ Mạnh Cường", "Phó Giám đốc"),
            Person::new("Vũ Thị Ngọc Ánh", "Chánh Văn phòng Sở Tài chính"),
        ],
        sections: vec![
            tally("Cải cách thể chế", 3, 0, 0, 1),
            tally("Cải cách thủ tục hành chính", 6, 2, 1, 0),
            tally("Cải cách chế độ công vụ", 2, 1, 0, 0),
            tally("Chuyển đổi số trong các cơ quan nhà nước", 4, 1, 1, 0),
            tally("Công tác chỉ đạo, điều hành", 5, 0, 0, 0),
        ],
        strengths: STRENGTHS[..3].iter().map(|s| s.to_string()).collect(),
        shortcomings: SHORTCOMINGS[..3].iter().map(|s| s.to_string()).collect(),
        agency_remarks: vec![
            "Sở Tài chính thống nhất với kết quả kiểm tra của Đoàn kiểm tra và sẽ chỉ đạo khắc \
             phục các hạn chế, tồn tại trong quý III năm 2026."
                .into(),
        ],
        copies: 2,
        recipients: vec!["Sở Tài chính".into(), "Thành viên Đoàn kiểm tra".into()],
    }
}

fn item(
    r: &str,
    section: &str,
    field: &str,
    status: Option<ItemStatus>,
    target: Option<Target>,
    value: Option<f64>,
    judgement: Option<Judgement>,
) -> InspectionItem {
    InspectionItem {
        source_ref: r.into(),
        section_ref: section.into(),
        objective_ref: format!("{section}.1"),
        text: format!("Nội dung kiểm tra {r}"),
        evidence: None,
        deadline: Some("Năm 2026".into()),
        due: Some("2026-12-31".into()),
        target,
        par_fields: vec![field.into()],
        par_criteria: vec![],
        status,
        value,
        done_on: None,
        judgement,
        note: None,
        disagreement: false,
        updated_at: None,
        updated_by: None,
        kind: kiemtra_core::checklist::ItemKind::Lead,
        also_refs: vec![],
        measure: None,
        target_conflicts: vec![],
    }
}

fn finding(
    id: i64,
    kind: FindingKind,
    text: &str,
    criterion: Option<&str>,
    source_ref: Option<&str>,
) -> Finding {
    Finding {
        id,
        kind,
        text: text.into(),
        source_ref: source_ref.map(str::to_string),
        criterion: criterion.map(str::to_string),
        cause: (kind == FindingKind::Shortcoming).then(|| CAUSES[0].to_string()),
        recommendation: (kind == FindingKind::Shortcoming).then(|| RECOMMENDATIONS[0].to_string()),
        severity: None,
        responsible: None,
        due: None,
        created_at: "2026-06-05T10:00:00Z".into(),
        created_by: "Trần Thị Lan".into(),
    }
}

/// An inspection as core returns it: four items in two sections, findings in fields 3 and 1.
pub fn inspection() -> Inspection {
    let pct = |op, value| {
        Some(Target {
            op,
            value,
            unit: "%".into(),
        })
    };
    let items = vec![
        item(
            "II.8.CT.1",
            "II",
            "3",
            Some(ItemStatus::Unmet),
            pct(Op::Ge, 85.0),
            Some(62.4),
            Some(Judgement::Unmet),
        ),
        item(
            "II.6.CT.3",
            "II",
            "3",
            Some(ItemStatus::Met),
            pct(Op::Ge, 90.0),
            Some(93.5),
            Some(Judgement::Met),
        ),
        item(
            "VII.1.1",
            "VII",
            "1",
            Some(ItemStatus::Met),
            None,
            None,
            None,
        ),
        item("VII.1.2", "VII", "1", None, None, None, None),
    ];
    Inspection {
        id: 7,
        year: 2026,
        agency: "STC".into(),
        agency_name: "Sở Tài chính".into(),
        agency_addressee: addressee("Sở Tài chính", AgencyBlock::Provincial).0,
        agency_head_title: addressee("Sở Tài chính", AgencyBlock::Provincial).1,
        block: AgencyBlock::Provincial,
        status: InspectionStatus::Accepted,
        locked: false,
        visit_date: "2026-06-05".into(),
        template: "KH167-2026 v1".into(),
        review_comment: None,
        progress: Progress {
            total: 4,
            answered: 3,
            met: 2,
            partial: 0,
            unmet: 1,
            na: 0,
            disagreements: 0,
        },
        items,
        findings: vec![
            finding(
                1,
                FindingKind::Shortcoming,
                SHORTCOMINGS[0],
                Some("3.4"),
                Some("II.8.CT.1"),
            ),
            finding(
                2,
                FindingKind::Strength,
                STRENGTHS[0],
                None,
                Some("VII.1.1"),
            ),
            finding(3, FindingKind::Strength, STRENGTHS[2], Some("3"), None),
            finding(4, FindingKind::Shortcoming, SHORTCOMINGS[3], None, None),
        ],
        scores: vec![],
        field_totals: vec![],
    }
}

fn plan_agency(
    code: &str,
    name: &str,
    block: AgencyBlock,
    mode: SelectionMode,
    spot: bool,
    window: Option<(&str, &str)>,
) -> PlanAgency {
    PlanAgency {
        code: code.into(),
        name: name.into(),
        block,
        mode,
        spot_check: spot,
        window: window.map(|(f, t)| Window {
            from: f.into(),
            to: t.into(),
        }),
        team: Team {
            lead: Some("Trần Thị Lan".into()),
            members: vec!["Lê Văn Dũng".into(), "Phạm Thu Hà".into()],
        },
        decision: Default::default(),
    }
}

/// A final plan: three departments and three communes, one spot check.
pub fn plan() -> Plan {
    use AgencyBlock::{Commune, Provincial};
    use SelectionMode::{Manual, Random, Rotation};
    Plan {
        year: 2026,
        threshold: 20.0,
        status: PlanStatus::Final,
        draw_method: Some(DrawMethod::Random),
        seed: Some(2026),
        revision: 1,
        cooperation_inspected: true,
        agencies: vec![
            plan_agency(
                "STC",
                "Sở Tài chính",
                Provincial,
                Manual,
                false,
                Some(("2026-06-05", "2026-06-05")),
            ),
            plan_agency(
                "XTT",
                "UBND xã Tam Tiến",
                Commune,
                Random,
                false,
                Some(("2026-06-08", "2026-06-12")),
            ),
            plan_agency(
                "SYT",
                "Sở Y tế",
                Provincial,
                Rotation,
                false,
                Some(("2026-07-06", "2026-07-07")),
            ),
            plan_agency(
                "PKB",
                "UBND phường Kinh Bắc",
                Commune,
                Random,
                true,
                Some(("2026-09-01", "2026-09-30")),
            ),
            plan_agency("STP", "Sở Tư pháp", Provincial, Random, false, None),
            plan_agency(
                "XTH",
                "UBND xã Thuận Thành",
                Commune,
                Manual,
                false,
                Some(("2026-08-10", "2026-08-11")),
            ),
        ],
        excluded: vec![],
        coverage: Coverage {
            provincial: BlockCoverage {
                selected: 3,
                total: 15,
                required: 3,
            },
            commune: BlockCoverage {
                selected: 3,
                total: 99,
                required: 20,
            },
            all: BlockCoverage {
                selected: 6,
                total: 114,
                required: 23,
            },
        },
        amendments: vec![],
        finalize_blocker: None,
        remediation_days: 30,
        notice_days: 15,
        number: None,
        issued_on: None,
        issuer: None,
    }
}

// ---- reading PDFs back ----------------------------------------------------------------------

/// Whether poppler's tools are installed; tests that need them print why they skip.
pub fn poppler() -> bool {
    let ok = Command::new("pdftotext")
        .arg("-v")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        eprintln!("SKIPPED: poppler-utils (pdftotext, pdffonts, pdfinfo, pdftoppm) not installed");
    }
    ok
}

pub fn out_dir() -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR")).join("kiemtra-pdf");
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Writes `bytes` to a file named `name` in the test output folder.
pub fn write(name: &str, bytes: &[u8]) -> PathBuf {
    let p = out_dir().join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn run(cmd: &str, args: &[&str]) -> String {
    let o = Command::new(cmd).args(args).output().unwrap();
    assert!(
        o.status.success(),
        "{cmd} {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

/// The text of the whole document, or of one page (1-based).
pub fn pdftotext(pdf: &Path, page: Option<usize>) -> String {
    let p = pdf.to_str().unwrap();
    match page {
        Some(n) => {
            let n = n.to_string();
            run("pdftotext", &["-f", &n, "-l", &n, p, "-"])
        }
        None => run("pdftotext", &[p, "-"]),
    }
}

pub fn pdffonts(pdf: &Path) -> String {
    run("pdffonts", &[pdf.to_str().unwrap()])
}

pub fn pdfinfo(pdf: &Path) -> String {
    run("pdfinfo", &[pdf.to_str().unwrap()])
}

pub fn pages(pdf: &Path) -> usize {
    pdfinfo(pdf)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap()
}

/// Text with every run of white space (line ends included) made one space.
pub fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Asserts `needle` occurs in `hay`, ignoring how lines were broken.
#[track_caller]
pub fn assert_has(hay: &str, needle: &str, what: &str) {
    assert!(
        squash(hay).contains(&squash(needle)),
        "{what}: «{needle}» not found in the extracted text:\n{hay}"
    );
}

/// Page `page` of `pdf` rasterised in grey at `dpi`: (width, height, one byte per pixel).
pub fn raster_grey(pdf: &Path, page: usize, dpi: u32) -> (u32, u32, Vec<u8>) {
    let prefix = out_dir().join(format!(
        "{}-grey-{page}",
        pdf.file_stem().unwrap().to_str().unwrap()
    ));
    let n = page.to_string();
    let status = Command::new("pdftoppm")
        .args([
            "-r",
            &dpi.to_string(),
            "-gray",
            "-png",
            "-f",
            &n,
            "-l",
            &n,
            "-singlefile",
        ])
        .arg(pdf)
        .arg(&prefix)
        .status()
        .unwrap();
    assert!(status.success());
    let (w, h, buf, samples) = decode_png(&prefix.with_extension("png"));
    (w, h, buf.chunks(samples).map(|c| c[0]).collect())
}

/// Decoded pixels of a PNG: (width, height, samples, samples per pixel).
pub fn decode_png(path: &Path) -> (u32, u32, Vec<u8>, usize) {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(path).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    buf.truncate(info.buffer_size());
    assert_eq!(info.bit_depth, png::BitDepth::Eight);
    (info.width, info.height, buf, info.color_type.samples())
}
