//! The inspection plan document.

use kiemtra_pdf::{render, PlanInput};

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
    assert_eq!(p.rows[3].selection, "Bốc thăm");
    assert_eq!(p.rows[1].selection, "Luân phiên");
    assert_eq!(p.rows[0].selection, "Lựa chọn");
    assert_eq!(
        p.how_chosen.len(),
        3,
        "manual, draw and rotation are each explained"
    );
    assert_eq!(p.coverage[1].required, 20);
}

#[test]
fn the_plan_prints_purpose_agencies_teams_and_coverage() {
    if !poppler() {
        return;
    }
    let input = PlanInput::from_core(&support::plan(), Some("25"), day(2026, 1, 15));
    let pdf = render(&input, &support::settings(), &support::opts(false)).unwrap();
    let all = pdftotext(&write("plan.pdf", &pdf), None);
    for (needle, what) in [
        ("Số: 25/KH-UBND", "số, ký hiệu of the plan's issuer"),
        ("ỦY BAN NHÂN DÂN", "issuer (the seed: Chủ tịch UBND tỉnh)"),
        ("TỈNH BẮC NINH", "issuer's second line"),
        ("Bắc Ninh, ngày 15 tháng 01 năm 2026", "địa danh, thời gian"),
        ("KẾ HOẠCH", "tên loại"),
        (
            "Kiểm tra công tác cải cách hành chính và thực thi nhiệm vụ, công vụ năm 2026",
            "trích yếu as the seed titles it",
        ),
        (
            "Chủ tịch UBND tỉnh ban hành Kế hoạch kiểm tra công tác cải cách hành chính và \
             thực thi nhiệm vụ, công vụ năm 2026",
            "who issues it",
        ),
        ("I. MỤC ĐÍCH, YÊU CẦU", "section I"),
        (
            "Kế hoạch số 167/KH-UBND ngày 17/12/2025",
            "the province's plan",
        ),
        (
            "Bảo đảm kiểm tra ít nhất 20% số cơ quan, địa phương theo Kế hoạch số 167/KH-UBND",
            "the seed's requirement, in its words",
        ),
        (
            "Sở Nội vụ (cơ quan chủ trì kiểm tra) chọn kiểm tra ít nhất 20% số cơ quan, địa \
             phương của từng khối",
            "the per-block rule as the inspecting body's choice",
        ),
        (
            "mức theo từng khối là lựa chọn của Sở Nội vụ",
            "said to be a choice",
        ),
        ("II. NỘI DUNG, ĐỐI TƯỢNG, THỜI GIAN KIỂM TRA", "section II"),
        ("UBND phường Kinh Bắc", "agency"),
        ("Đột xuất", "spot check"),
        ("Luân phiên", "rotation"),
        (
            "từ số công bố 2026",
            "the draw in plain words, with its number",
        ),
        (
            "«Luân phiên»: ưu tiên cơ quan, địa phương chưa được kiểm tra",
            "rotation explained",
        ),
        (
            "Sở, ban, ngành: kiểm tra 3/15 cơ quan, địa phương (20%); mức tối thiểu Sở Nội vụ \
             chọn cho khối: 3",
            "coverage",
        ),
        (
            "UBND cấp xã: kiểm tra 3/99 cơ quan, địa phương (3%); mức tối thiểu Sở Nội vụ chọn \
             cho khối: 20",
            "coverage",
        ),
        (
            "Toàn tỉnh: kiểm tra 6/114 cơ quan, địa phương (5,3%); Kế hoạch số 167/KH-UBND yêu \
             cầu ít nhất 20% số cơ quan, địa phương.",
            "coverage against the seed's own requirement",
        ),
        ("III. TỔ CHỨC THỰC HIỆN", "section III"),
        ("Nơi nhận:", "nơi nhận"),
    ] {
        assert_has(&all, needle, what);
    }
    for wrong in ["KH-SNV", "hạt giống", "thuộc mỗi khối", "KT. GIÁM ĐỐC"] {
        assert!(
            !all.contains(wrong),
            "the plan must not print «{wrong}» (issue 11 item 4; the notice's signer is not the \
             plan's)"
        );
    }
    assert!(
        !all.contains("01/09"),
        "a spot check's window stays unannounced"
    );
}

#[test]
fn the_plan_issuer_title_and_signer_are_settings() {
    if !poppler() {
        return;
    }
    let input = PlanInput::from_core(&support::plan(), None, day(2026, 1, 15));
    let settings = kiemtra_pdf::DocumentSettings {
        plan_issuing_body: "SỞ NỘI VỤ".into(),
        plan_issuer_name: "Giám đốc Sở Nội vụ".into(),
        plan_number_suffix: "KH-SNV".into(),
        plan_title: "Kiểm tra công tác cải cách hành chính".into(),
        plan_signer_authority: Some("KT. CHỦ TỊCH".into()),
        plan_signer_title: "PHÓ CHỦ TỊCH".into(),
        plan_signer_name: "Trần Văn Bình".into(),
        ..support::settings()
    };
    let pdf = render(&input, &settings, &support::opts(true)).unwrap();
    let all = pdftotext(&write("plan-settings.pdf", &pdf), None);
    for (needle, what) in [
        ("/KH-SNV", "ký hiệu from the settings"),
        (
            "Giám đốc Sở Nội vụ ban hành Kế hoạch kiểm tra công tác cải cách hành chính năm 2026",
            "issuer",
        ),
        ("KT. CHỦ TỊCH", "plan signer's authority"),
        ("Trần Văn Bình", "plan signer"),
    ] {
        assert_has(&all, needle, what);
    }
    assert!(
        !all.contains("Nguyễn Văn Minh"),
        "the notice's signer does not sign the plan"
    );
    let bad = kiemtra_pdf::DocumentSettings {
        plan_signer_authority: Some("CHỦ TỊCH".into()),
        ..support::settings()
    };
    assert!(
        render(&input, &bad, &support::opts(true)).is_err(),
        "authority without a form"
    );
}
