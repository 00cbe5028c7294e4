//! The inspection minutes (Mẫu 1.9).

use kiemtra_core::checklist::{ChecklistGroup, GroupLevel};
use kiemtra_pdf::{render, MinutesInput};

use crate::support::{self, assert_has, at, pdffonts, pdftotext, poppler, write};

#[test]
fn the_minutes_print_time_place_participants_results_remarks_and_signatures() {
    if !poppler() {
        return;
    }
    let input = support::minutes_input();
    let pdf = render(&input, &support::settings(), &support::opts(false)).unwrap();
    let path = write("minutes.pdf", &pdf);
    let all = pdftotext(&path, None);
    for (needle, what) in [
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "quốc hiệu"),
        ("Độc lập - Tự do - Hạnh phúc", "tiêu ngữ"),
        ("SỞ NỘI VỤ", "cơ quan"),
        ("Số: 03/BB-SNV", "số, ký hiệu with the header's issuer"),
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
    let visit = kiemtra_core::minutes::Minutes {
        inspection_id: i.id,
        details: Default::default(),
        default_place: "trụ sở Sở Tài chính".into(),
        visit_from: "2026-06-05".into(),
        visit_to: "2026-06-05".into(),
        updated_at: None,
        updated_by: None,
    };
    let m = MinutesInput::from_core(&i, Some(&support::plan()), &groups, None, &visit);
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
    let l = kiemtra_pdf::layout(&m, &support::settings(), false).unwrap();
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
    for (needle, what) in [
        (
            "vào hồi …… giờ …… phút ngày 05 tháng 6 năm 2026, tại trụ sở Sở Tài chính",
            "no invented start",
        ),
        (
            "kết thúc vào hồi …… giờ …… phút cùng ngày",
            "no invented end",
        ),
    ] {
        assert!(
            support::squash(&text).contains(&support::squash(needle)),
            "{what}: {text}"
        );
    }
    assert!(
        !text.contains("08 giờ 00") && !text.contains("11 giờ 30"),
        "no fixed 08:00–11:30"
    );
}

#[test]
fn a_visit_of_several_days_prints_its_days_from_to() {
    if !poppler() {
        return;
    }
    let mut input = support::minutes_input();
    input.visit_to = support::day(2026, 6, 6);
    input.end = Some(at(2026, 6, 6, 10, 0).time());
    let pdf = render(&input, &support::settings(), &support::opts(true)).unwrap();
    let all = pdftotext(&write("minutes-two-days.pdf", &pdf), None);
    for (needle, what) in [
        (
            "Bắt đầu vào hồi 08 giờ 30 phút, từ ngày 05/06/2026 đến ngày 06/06/2026",
            "from–to",
        ),
        (
            "kết thúc vào hồi 10 giờ 00 phút ngày 06 tháng 6 năm 2026",
            "ends on the last day",
        ),
        ("Bắc Ninh, ngày 06 tháng 6 năm 2026", "dated the last day"),
    ] {
        assert_has(&all, needle, what);
    }
}

#[test]
fn minutes_that_end_before_they_start_are_refused() {
    let mut input = support::minutes_input();
    input.end = Some(at(2026, 6, 5, 7, 0).time());
    assert!(render(&input, &support::settings(), &support::opts(false)).is_err());
}
