//! `kiemtra minutes`: what the team enters about a visit, and the minutes printing it — never
//! hours or participants nobody entered.

use crate::notice::{pdf_text, submit_as_lead};
use crate::{
    answer_remaining, inspector_started_inspection, json, kiemtra, set_legal_basis, set_signer,
    stdout,
};

fn set(data: &std::path::Path, extra: &[&str]) -> std::process::Output {
    kiemtra(data)
        .args(["minutes", "set", "--year", "2026", "--agency", "07264"])
        .args(extra)
        .output()
        .unwrap()
}

#[test]
fn the_minutes_print_the_hours_place_representatives_and_secretary_the_team_entered() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let started = inspector_started_inspection(&data);
    let id = started.trim().lines().last().unwrap().to_string();

    // Nothing entered: blanks to fill in by hand, never 08:00–11:30.
    let blank = dir.path().join("blank.pdf");
    stdout(
        kiemtra(&data)
            .args(["minutes", "render", &id, "--out"])
            .arg(&blank),
    );
    if let Some(text) = pdf_text(&blank) {
        assert!(
            !text.contains("08 giờ 00") && !text.contains("11 giờ 30"),
            "{text}"
        );
        assert!(text.contains("vào hồi …… giờ …… phút"), "{text}");
        assert!(
            text.contains("tại trụ sở UBND xã Tam Tiến"),
            "the default place: {text}"
        );
    }

    let out = set(
        &data,
        &[
            "--start",
            "8h15",
            "--end",
            "16:40",
            "--place",
            "Hội trường UBND xã Tam Tiến",
            "--representative",
            "Lê Văn Hải|Chủ tịch UBND xã",
            "--representative",
            "Đỗ Thị Mai|Công chức Văn phòng - Thống kê",
            "--secretary",
            "Phạm Thu Hà",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let shown = json(kiemtra(&data).args([
        "minutes", "show", "--year", "2026", "--agency", "07264", "--json",
    ]));
    assert_eq!(shown["details"]["start"], "08:15");
    assert_eq!(shown["details"]["end"], "16:40");
    assert_eq!(
        shown["details"]["representatives"][1]["title"],
        "Công chức Văn phòng - Thống kê"
    );
    assert_eq!(shown["details"]["secretary"], "Phạm Thu Hà");

    // Options left out keep their value.
    assert!(set(&data, &["--secretary", "Vũ Hoàng Long"])
        .status
        .success());
    let shown = json(kiemtra(&data).args([
        "minutes", "show", "--year", "2026", "--agency", "07264", "--json",
    ]));
    assert_eq!(shown["details"]["start"], "08:15");
    assert_eq!(shown["details"]["secretary"], "Vũ Hoàng Long");

    let pdf = dir.path().join("minutes.pdf");
    stdout(
        kiemtra(&data)
            .args(["minutes", "render", &id, "--out"])
            .arg(&pdf),
    );
    let Some(text) = pdf_text(&pdf) else {
        eprintln!("SKIPPED: poppler-utils (pdftotext) not installed");
        return;
    };
    for needle in [
        "Hôm nay, vào hồi 08 giờ 15 phút ngày 04 tháng 5 năm 2026, tại Hội trường UBND xã Tam Tiến",
        "Đồng chí Lê Văn Hải, Chủ tịch UBND xã;",
        "Đồng chí Đỗ Thị Mai, Công chức Văn phòng - Thống kê;",
        "Đồng chí Vũ Hoàng Long - Thư ký;",
        "kết thúc vào hồi 16 giờ 40 phút cùng ngày",
        "/BB-SNV",
        "CHỦ TỊCH UBND XÃ",
    ] {
        assert!(text.contains(needle), "the minutes lack «{needle}»: {text}");
    }
}

#[test]
fn bad_minutes_details_are_refused_with_their_reason_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    inspector_started_inspection(&data);
    assert!(set(&data, &["--start", "08:00", "--end", "11:00"])
        .status
        .success());
    let before = stdout(kiemtra(&data).args([
        "minutes", "show", "--year", "2026", "--agency", "07264", "--json",
    ]));
    for (args, says) in [
        (vec!["--start", "25:10"], "25:10"),
        (vec!["--end", "07:30"], "phải sau giờ bắt đầu"),
        (vec!["--representative", "|Chủ tịch"], "chưa có họ tên"),
    ] {
        let out = set(&data, &args);
        assert!(!out.status.success(), "{args:?} must be refused");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains(says), "{args:?}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
    }
    let after = stdout(kiemtra(&data).args([
        "minutes", "show", "--year", "2026", "--agency", "07264", "--json",
    ]));
    assert_eq!(before, after, "a refused change changes nothing");
    let out = kiemtra(&data)
        .args([
            "minutes", "set", "--year", "2026", "--agency", "07210", "--start", "08:00",
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("chưa có cuộc kiểm tra 07210"));
}

#[test]
fn a_visit_of_several_days_prints_from_to_and_the_notice_deadline_counts_from_its_last_day() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    stdout(kiemtra(&data).arg("init"));
    stdout(kiemtra(&data).args(["profile", "add", "Trần Thị Bình", "--role", "lead"]));
    stdout(kiemtra(&data).args(["profile", "add", "Nguyễn Văn An", "--role", "inspector"]));
    stdout(kiemtra(&data).args(["plan", "create", "--year", "2026", "--include", "07264"]));
    stdout(kiemtra(&data).args([
        "plan",
        "schedule",
        "--year",
        "2026",
        "--agency",
        "07264",
        "--from",
        "2026-05-04",
        "--to",
        "2026-05-06",
    ]));
    stdout(kiemtra(&data).args(["profile", "use", "Nguyễn Văn An"]));
    let started = stdout(kiemtra(&data).args([
        "inspection",
        "start",
        "--year",
        "2026",
        "--agency",
        "07264",
        "--date",
        "2026-05-04",
    ]));
    let id = started.trim().lines().last().unwrap().to_string();
    assert!(set(&data, &["--start", "08:00", "--end", "10:30"])
        .status
        .success());

    // 15 working days after Wednesday 6 May 2026: 27 May. Today (the real clock) is later.
    let listed = stdout(kiemtra(&data).args(["inspection", "list", "--year", "2026"]));
    assert!(
        listed.contains(
            "hạn ban hành thông báo 27/05/2026 (15 ngày làm việc sau kiểm tra) — QUÁ HẠN"
        ),
        "{listed}"
    );
    let listed = json(kiemtra(&data).args(["inspection", "list", "--json"]));
    assert_eq!(listed[0]["notice"]["due"], "2026-05-27");
    assert_eq!(listed[0]["notice"]["overdue"], true);

    let pdf = dir.path().join("minutes.pdf");
    stdout(
        kiemtra(&data)
            .args(["minutes", "render", &id, "--out"])
            .arg(&pdf),
    );
    answer_remaining(&data, &id);
    submit_as_lead(&data, &id);
    set_signer(&data);
    set_legal_basis(&data, "07264");
    // Dated on the visit's second day: still during the visit.
    let out = kiemtra(&data)
        .args([
            "notice",
            "issue",
            &id,
            "--number",
            "12",
            "--date",
            "2026-05-05",
        ])
        .output()
        .unwrap();
    assert!(
        !out.status.success(),
        "a notice dated before the visit ends is refused"
    );
    let said = String::from_utf8(out.stderr).unwrap();
    assert!(
        said.contains("trước ngày kiểm tra"),
        "refused for the visit date: {said}"
    );
    let notice = dir.path().join("notice.pdf");
    stdout(
        kiemtra(&data)
            .args([
                "notice",
                "issue",
                &id,
                "--number",
                "12",
                "--date",
                "2026-05-20",
                "--out",
            ])
            .arg(&notice),
    );
    let listed = stdout(kiemtra(&data).args(["inspection", "list", "--year", "2026"]));
    assert!(
        listed.contains("đã ban hành thông báo") && !listed.contains("QUÁ HẠN"),
        "{listed}"
    );
    // Once issued, the minutes are part of the locked record.
    let out = set(&data, &["--secretary", "Ai đó"]);
    assert!(!out.status.success());

    let (Some(minutes), Some(notice)) = (pdf_text(&pdf), pdf_text(&notice)) else {
        eprintln!("SKIPPED: poppler-utils (pdftotext) not installed");
        return;
    };
    assert!(
        minutes.contains("Bắt đầu vào hồi 08 giờ 00 phút, từ ngày 04/05/2026 đến ngày 06/05/2026"),
        "{minutes}"
    );
    assert!(
        minutes.contains("kết thúc vào hồi 10 giờ 30 phút ngày 06 tháng 5 năm 2026"),
        "{minutes}"
    );
    assert!(
        notice.contains("từ ngày 04/05/2026 đến ngày 06/05/2026"),
        "{notice}"
    );
}
