//! The inspection minutes (Mẫu 1.9).

use kiemtra_core::checklist::{ChecklistGroup, GroupLevel};
use kiemtra_pdf::{render_minutes, MinutesInput};

use crate::support::{self, assert_has, at, pdffonts, pdftotext, poppler, write};

#[test]
fn the_minutes_print_time_place_participants_results_remarks_and_signatures() {
    if !poppler() {
        return;
    }
    let input = support::minutes_input();
    let pdf = render_minutes(&input, &support::settings(), &support::opts(false)).unwrap();
    let path = write("minutes.pdf", &pdf);
    let all = pdftotext(&path, None);
    for (needle, what) in [
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "quốc hiệu"),
        ("Độc lập - Tự do - Hạnh phúc", "tiêu ngữ"),
        ("SỞ NỘI VỤ", "cơ quan"),
        ("Số: 03/BB-ĐKT", "số, ký hiệu"),
        ("Bắc Ninh, ngày 05 tháng 6 năm 2026", "địa danh, thời gian"),
        ("BIÊN BẢN", "tên loại"),
        ("Kiểm tra công tác cải cách hành chính tại Sở Tài chính", "trích yếu"),
        ("Hôm nay, vào hồi 08 giờ 30 phút ngày 05 tháng 6 năm 2026, tại trụ sở Sở Tài chính", "time and place"),
        ("Đồng chí Trần Thị Lan, Trưởng phòng Cải cách hành chính, Sở Nội vụ - Trưởng đoàn;", "lead"),
        ("Đồng chí Phạm Thu Hà, Chuyên viên Sở Tư pháp - Thư ký;", "secretary"),
        ("Đồng chí Vũ Thị Ngọc Ánh, Chánh Văn phòng Sở Tài chính;", "agency participant"),
        ("Đoàn kiểm tra đã kiểm tra 27 nội dung", "count"),
        ("Cải cách thủ tục hành chính", "section"),
        ("Chuyển đổi số trong các cơ quan nhà nước", "section"),
        ("Tổng cộng", "total row"),
        ("III. Ý KIẾN CỦA CƠ QUAN ĐƯỢC KIỂM TRA", "remarks heading"),
        (input.agency_remarks[0].as_str(), "remarks"),
        (
            "Biên bản kết thúc vào hồi 11 giờ 45 phút cùng ngày, đã đọc lại cho các thành viên cùng nghe và nhất trí ký tên.",
            "closing",
        ),
        ("THƯ KÝ", "secretary's signature"),
        ("TRƯỞNG ĐOÀN", "lead's signature"),
        ("ĐẠI DIỆN SỞ TÀI CHÍNH", "agency's signature"),
        ("Đỗ Mạnh Cường", "agency representative"),
        ("Nơi nhận:", "nơi nhận"),
        ("- Lưu: hồ sơ kiểm tra.", "lưu"),
    ] {
        assert_has(&all, needle, what);
    }
    for t in input.strengths.iter().chain(&input.shortcomings) {
        assert_has(&all, t, "finding");
    }
    assert!(pdffonts(&path).contains("+LiberationSerif"));
}

#[test]
fn from_core_tallies_items_per_section_with_the_checklists_names() {
    let i = support::inspection();
    let groups = vec![ChecklistGroup {
        r#ref: "II".into(),
        level: GroupLevel::Section,
        parent_ref: None,
        text: "Cải cách thủ tục hành chính".into(),
        par_field: Some("3".into()),
    }];
    let m = MinutesInput::from_core(
        &i,
        Some(&support::plan()),
        &groups,
        None,
        at(2026, 6, 5, 8, 0),
        at(2026, 6, 5, 11, 0),
        "trụ sở Sở Tài chính",
    );
    assert_eq!(m.sections.len(), 2);
    let s = &m.sections[0];
    assert_eq!(
        (s.name.as_str(), s.met, s.unmet, s.total()),
        ("Cải cách thủ tục hành chính", 1, 1, 2)
    );
    let s = &m.sections[1];
    assert_eq!(
        (s.name.as_str(), s.met, s.open),
        ("Phần VII", 1, 1),
        "unknown section named by its code"
    );
    assert_eq!(m.strengths.len(), 2);
    assert_eq!(m.shortcomings.len(), 2);
    assert_eq!(m.team_lead.name, "Trần Thị Lan");
    let l = kiemtra_pdf::layout_minutes(&m, &support::settings(), false).unwrap();
    let text: String = l
        .pages
        .iter()
        .map(|p| p.text())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        text.contains("……"),
        "empty remarks leave dotted lines to fill in by hand"
    );
}

#[test]
fn minutes_that_end_before_they_start_are_refused() {
    let mut input = support::minutes_input();
    input.ended_at = at(2026, 6, 5, 7, 0);
    assert!(render_minutes(&input, &support::settings(), &support::opts(false)).is_err());
}
