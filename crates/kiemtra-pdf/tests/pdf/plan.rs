//! The inspection plan document.

use kiemtra_pdf::{render_plan, PlanInput};

use crate::support::{self, assert_has, day, pdftotext, poppler, write};

#[test]
fn from_core_lists_departments_first_and_hides_spot_check_dates() {
    let p = PlanInput::from_core(&support::plan(), Some("25"), day(2026, 1, 15));
    let names: Vec<&str> = p.rows.iter().map(|r| r.agency_name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Sở Tài chính",
            "Sở Y tế",
            "Sở Tư pháp",
            "UBND xã Tam Tiến",
            "UBND phường Kinh Bắc",
            "UBND xã Thuận Thành"
        ]
    );
    let spot = p.rows.iter().find(|r| r.spot_check).unwrap();
    assert_eq!(spot.time, "Đột xuất");
    assert_eq!(p.rows[0].time, "05/06/2026");
    assert_eq!(p.rows[3].time, "08/06 – 12/06/2026");
    assert_eq!(p.rows[3].selection, "Bốc thăm (hạt giống 2026)");
    assert_eq!(p.rows[1].selection, "Luân phiên");
    assert_eq!(p.rows[0].selection, "Chọn");
    assert_eq!(p.coverage[1].required, 20);
}

#[test]
fn the_plan_prints_purpose_agencies_teams_and_coverage() {
    if !poppler() {
        return;
    }
    let input = PlanInput::from_core(&support::plan(), Some("25"), day(2026, 1, 15));
    let pdf = render_plan(&input, &support::settings(), &support::opts(false)).unwrap();
    let all = pdftotext(&write("plan.pdf", &pdf), None);
    for (needle, what) in [
        ("Số: 25/KH-SNV", "số, ký hiệu"),
        ("Bắc Ninh, ngày 15 tháng 01 năm 2026", "địa danh, thời gian"),
        ("KẾ HOẠCH", "tên loại"),
        (
            "Kiểm tra công tác cải cách hành chính năm 2026",
            "trích yếu",
        ),
        ("I. MỤC ĐÍCH, YÊU CẦU", "section I"),
        (
            "Kế hoạch số 167/KH-UBND ngày 17/12/2025",
            "the province's plan",
        ),
        (
            "Bảo đảm kiểm tra ít nhất 20% số cơ quan, địa phương",
            "threshold",
        ),
        ("II. NỘI DUNG, ĐỐI TƯỢNG, THỜI GIAN KIỂM TRA", "section II"),
        ("UBND phường Kinh Bắc", "agency"),
        ("Đột xuất", "spot check"),
        ("Luân phiên", "rotation"),
        ("hạt giống 2026", "seed"),
        (
            "Sở, ban, ngành: kiểm tra 3/15 cơ quan, địa phương (20%); yêu cầu tối thiểu 3",
            "coverage",
        ),
        (
            "UBND cấp xã: kiểm tra 3/99 cơ quan, địa phương (3%); yêu cầu tối thiểu 20",
            "coverage",
        ),
        ("III. TỔ CHỨC THỰC HIỆN", "section III"),
        ("KT. GIÁM ĐỐC", "signer"),
        ("Nơi nhận:", "nơi nhận"),
    ] {
        assert_has(&all, needle, what);
    }
    assert!(
        !all.contains("01/09"),
        "a spot check's window stays unannounced"
    );
}
