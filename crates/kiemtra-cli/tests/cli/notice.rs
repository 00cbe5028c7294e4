//! `kiemtra notice`: an issued inspection is locked; a correction is a new version.

use crate::{
    answer_remaining, inspector_started_inspection, json, kiemtra, set_legal_basis, set_signer,
    stdout,
};

#[test]
fn an_issued_inspection_refuses_record_finding_and_evidence_and_a_correction_is_a_new_version() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let started = inspector_started_inspection(&data);
    let id = started.trim().lines().last().unwrap().to_string();
    stdout(kiemtra(&data).args([
        "finding",
        "add",
        &id,
        "--item",
        "II.2.1.1",
        "--kind",
        "shortcoming",
        "--text",
        "Chưa lập danh mục TTHC cần rà soát",
    ]));
    let file = dir.path().join("danh-muc.pdf");
    std::fs::write(&file, b"%PDF-1.4 danh muc").unwrap();
    stdout(
        kiemtra(&data)
            .args(["evidence", "add", &id])
            .arg(&file)
            .args(["--criterion", "3.2"]),
    );
    answer_remaining(&data, &id);
    stdout(kiemtra(&data).args(["inspection", "submit", &id]));

    // An inspector cannot issue.
    let out = kiemtra(&data)
        .args([
            "notice",
            "issue",
            &id,
            "--number",
            "12",
            "--date",
            "2026-05-20",
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    stdout(kiemtra(&data).args(["profile", "use", "Trần Thị Bình"]));
    set_signer(&data);
    set_legal_basis(&data, "07264");
    let draft = dir.path().join("draft.pdf");
    stdout(
        kiemtra(&data)
            .args(["notice", "render", &id, "--date", "2026-05-20", "--out"])
            .arg(&draft),
    );
    let issued = dir.path().join("issued.pdf");
    let said = stdout(
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
            .arg(&issued),
    );
    assert!(said.contains("12") && said.contains("khoá"), "{said}");
    assert_ne!(
        std::fs::read(&draft).unwrap(),
        std::fs::read(&issued).unwrap(),
        "the draft carries DỰ THẢO, the issue does not"
    );

    let before = stdout(kiemtra(&data).args(["inspection", "show", &id, "--json"]));
    let refusals: [Vec<String>; 3] = [
        ["inspection", "record", &id, "II.2.1.1", "--status", "met"]
            .map(String::from)
            .to_vec(),
        [
            "finding",
            "add",
            &id,
            "--criterion",
            "3.2",
            "--kind",
            "strength",
            "--text",
            "x",
        ]
        .map(String::from)
        .to_vec(),
        vec![
            "evidence".into(),
            "add".into(),
            id.clone(),
            file.display().to_string(),
            "--criterion".into(),
            "3.1".into(),
        ],
    ];
    for args in &refusals {
        let out = kiemtra(&data).args(args).output().unwrap();
        assert!(!out.status.success(), "{args:?} must be refused");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("đã ban hành"),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(
        stdout(kiemtra(&data).args(["inspection", "show", &id, "--json"])),
        before
    );
    // Rendering an issued notice gives the kept file, byte for byte.
    let again = dir.path().join("again.pdf");
    stdout(
        kiemtra(&data)
            .args(["notice", "render", &id, "--out"])
            .arg(&again),
    );
    assert_eq!(
        std::fs::read(&again).unwrap(),
        std::fs::read(&issued).unwrap()
    );

    // A correction: reopen with a reason, fix, issue again → version 2 replacing version 1.
    stdout(kiemtra(&data).args(["notice", "reopen", &id, "--reason", "Sai số liệu mục II.2"]));
    stdout(kiemtra(&data).args([
        "finding",
        "add",
        &id,
        "--item",
        "II.2.1.1",
        "--kind",
        "strength",
        "--text",
        "Đã lập danh mục sau kiểm tra",
    ]));
    let out = kiemtra(&data)
        .args([
            "notice",
            "issue",
            &id,
            "--number",
            "13",
            "--date",
            "2026-05-25",
        ])
        .output()
        .unwrap();
    assert!(!out.status.success(), "a correction needs its reason");
    stdout(kiemtra(&data).args([
        "notice",
        "issue",
        &id,
        "--number",
        "13",
        "--date",
        "2026-05-25",
        "--reason",
        "Đính chính số liệu mục II.2",
    ]));
    let versions = json(kiemtra(&data).args(["notice", "list", &id, "--json"]));
    let v = versions.as_array().unwrap();
    assert_eq!(v.len(), 2);
    assert_eq!(v[1]["replaces"], v[0]["id"]);
    for n in v {
        let sha = n["sha256"].as_str().unwrap();
        assert!(
            data.join("notices").join(format!("{sha}.pdf")).exists(),
            "both files are kept"
        );
    }
}

/// A store with a lead and an inspector, a 2026 plan with agency `code`, and its inspection
/// started by the inspector on 2026-05-04 with one item met; the lead is the current user
/// again. Returns the inspection's id.
fn inspection_at(data: &std::path::Path, code: &str) -> String {
    stdout(kiemtra(data).arg("init"));
    stdout(kiemtra(data).args(["profile", "add", "Trần Thị Bình", "--role", "lead"]));
    stdout(kiemtra(data).args(["profile", "add", "Nguyễn Văn An", "--role", "inspector"]));
    stdout(kiemtra(data).args(["plan", "create", "--year", "2026", "--include", code]));
    stdout(kiemtra(data).args(["profile", "use", "Nguyễn Văn An"]));
    let started = stdout(kiemtra(data).args([
        "inspection",
        "start",
        "--year",
        "2026",
        "--agency",
        code,
        "--date",
        "2026-05-04",
    ]));
    let id = started.trim().lines().last().unwrap().to_string();
    let shown = json(kiemtra(data).args(["inspection", "show", &id, "--json"]));
    let first = shown["items"][0]["source_ref"]
        .as_str()
        .unwrap()
        .to_string();
    stdout(kiemtra(data).args([
        "inspection",
        "record",
        &id,
        &first,
        "--status",
        "met",
        "--note",
        "Đã thực hiện",
    ]));
    id
}

pub(crate) fn submit_as_lead(data: &std::path::Path, id: &str) {
    stdout(kiemtra(data).args(["inspection", "submit", id]));
    stdout(kiemtra(data).args(["profile", "use", "Trần Thị Bình"]));
}

/// The text of a PDF as pdftotext reads it, runs of white space made one space (lines break
/// anywhere in justified text); `None` when poppler-utils is not installed.
pub(crate) fn pdf_text(pdf: &std::path::Path) -> Option<String> {
    let out = std::process::Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .ok()?;
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        pdf.display()
    );
    let text = String::from_utf8(out.stdout).unwrap();
    Some(text.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// `notice issue ID --number 12 --date DATE`, expected to be refused: its message.
fn refused_issue(data: &std::path::Path, id: &str, date: &str) -> String {
    let out = kiemtra(data)
        .args(["notice", "issue", id, "--number", "12", "--date", date])
        .output()
        .unwrap();
    assert!(!out.status.success(), "issuing on {date} must be refused");
    String::from_utf8(out.stderr).unwrap()
}

fn assert_nothing_issued(data: &std::path::Path, id: &str) {
    assert_eq!(
        json(kiemtra(data).args(["notice", "list", id, "--json"])),
        serde_json::json!([]),
        "no notice is kept"
    );
    let shown = json(kiemtra(data).args(["inspection", "show", id, "--json"]));
    assert_eq!(shown["locked"], false, "the inspection is not locked");
}

#[test]
fn a_notice_is_not_issued_without_a_signer_set_in_the_document_settings() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let id = inspection_at(&data, "07264");
    answer_remaining(&data, &id);
    submit_as_lead(&data, &id);
    let said = refused_issue(&data, &id, "2026-05-20");
    assert!(
        said.contains("Chưa có người ký") && said.contains("Thiết lập văn bản"),
        "{said}"
    );
    assert_nothing_issued(&data, &id);
}

#[test]
fn a_notice_is_not_issued_dated_before_the_visit() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let id = inspection_at(&data, "07264");
    answer_remaining(&data, &id);
    submit_as_lead(&data, &id);
    set_signer(&data);
    let said = refused_issue(&data, &id, "2026-05-01");
    assert!(said.contains("trước ngày kiểm tra 04/05/2026"), "{said}");
    assert_nothing_issued(&data, &id);
}

#[test]
fn a_notice_is_not_issued_while_items_are_unanswered_and_says_how_many_and_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let id = inspection_at(&data, "07264");
    let shown = json(kiemtra(&data).args(["inspection", "show", &id, "--json"]));
    let open = shown["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["status"].is_null())
        .count();
    assert!(open > 1, "the fixture leaves items open");
    submit_as_lead(&data, &id);
    set_signer(&data);
    let said = refused_issue(&data, &id, "2026-05-20");
    assert!(
        said.contains(&format!("Còn {open} nội dung chưa có kết quả"))
            && said.contains("Không áp dụng")
            && said.contains("lý do"),
        "{said}"
    );
    assert_nothing_issued(&data, &id);
}

/// `notice issue` refused, with its own message, before the plan's number and date are set,
/// then before the decision establishing the team is; nothing changes meanwhile.
#[test]
fn a_notice_is_not_issued_before_the_plan_and_the_decision_are_numbered_and_dated() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let id = inspection_at(&data, "07264");
    answer_remaining(&data, &id);
    submit_as_lead(&data, &id);
    set_signer(&data);
    let said = refused_issue(&data, &id, "2026-05-20");
    assert!(
        said.contains("Kế hoạch kiểm tra năm 2026 chưa có số, ngày ban hành")
            && said.contains("kiemtra plan issue"),
        "{said}"
    );
    assert_nothing_issued(&data, &id);
    stdout(kiemtra(&data).args([
        "plan",
        "issue",
        "--year",
        "2026",
        "--number",
        "25",
        "--date",
        "2026-01-15",
    ]));
    let said = refused_issue(&data, &id, "2026-05-20");
    assert!(
        said.contains(
            "Chưa có số, ngày của Quyết định thành lập Đoàn kiểm tra tại UBND xã Tam Tiến"
        ) && said.contains("kiemtra decision set --year 2026 --agency 07264"),
        "{said}"
    );
    assert_nothing_issued(&data, &id);
    // A number typed with its symbol, or a decision dated after the visit starts, is refused.
    let out = kiemtra(&data)
        .args([
            "plan",
            "issue",
            "--year",
            "2026",
            "--number",
            "25/KH-SNV",
            "--date",
            "2026-01-15",
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("chỉ ghi số (ví dụ 25)"));
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
        "2026-05-05",
    ]));
    let out = kiemtra(&data)
        .args([
            "decision",
            "set",
            "--year",
            "2026",
            "--agency",
            "07264",
            "--number",
            "15",
            "--date",
            "2026-05-06",
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let plan = json(kiemtra(&data).args(["plan", "show", "--year", "2026", "--json"]));
    assert_eq!(plan["number"], "25");
    assert_eq!(plan["issued_on"], "2026-01-15");
    assert_eq!(
        plan["agencies"][0]["decision"],
        serde_json::json!({"number": null, "date": null, "signer": null}),
        "the refused decision wrote nothing"
    );
    set_legal_basis(&data, "07264");
    stdout(kiemtra(&data).args([
        "notice",
        "issue",
        &id,
        "--number",
        "12",
        "--date",
        "2026-05-20",
    ]));
}

/// The text of the signature column and "Nơi nhận": from "Nơi nhận:" to `end` (or the end).
fn signature_part<'a>(text: &'a str, end: &str) -> &'a str {
    let from = text.rfind("Nơi nhận:").expect("a Nơi nhận");
    let rest = &text[from..];
    match rest.find(end) {
        Some(to) => &rest[..to],
        None => rest,
    }
}

/// For a commune, a ward and a department of the seeded register: the notice, the minutes, the
/// decision establishing the team and the schedule letter address the agency as the register
/// does and ask its head by title; they cite the plan and the decision by number and date,
/// name the members with their titles and units, refer to the annexes; the signer is the one
/// of the settings, never a user; no count of zero is printed; the draft keeps the seal
/// placeholder, the issue does not.
#[test]
fn the_documents_address_a_commune_a_ward_and_a_department_as_the_register_does() {
    for code in ["07264", "07210", "STP"] {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let id = inspection_at(&data, code);
        answer_remaining(&data, &id);
        submit_as_lead(&data, &id);
        set_signer(&data);
        stdout(kiemtra(&data).args([
            "profile",
            "set",
            "Trần Thị Bình",
            "--title",
            "Phó Trưởng phòng",
            "--unit",
            "Phòng Cải cách hành chính, Sở Nội vụ",
        ]));
        stdout(kiemtra(&data).args([
            "profile",
            "set",
            "Nguyễn Văn An",
            "--title",
            "Chuyên viên",
            "--unit",
            "Sở Tư pháp",
        ]));
        stdout(kiemtra(&data).args([
            "plan",
            "schedule",
            "--year",
            "2026",
            "--agency",
            code,
            "--from",
            "2026-05-04",
            "--to",
            "2026-05-05",
            "--lead",
            "Trần Thị Bình",
            "--member",
            "Nguyễn Văn An",
        ]));
        set_legal_basis(&data, code);
        let agency = json(kiemtra(&data).args(["agencies", "show", code, "--json"]));
        let addressee = agency["addressee"].as_str().unwrap().to_string();
        let head = agency["head_title"].as_str().unwrap().to_string();
        if code == "07264" {
            assert_eq!(addressee, "UBND xã Tam Tiến");
            assert_eq!(head, "Chủ tịch UBND xã Tam Tiến");
        }
        if code == "07210" {
            assert_eq!(addressee, "UBND phường Bắc Giang");
        }
        if code == "STP" {
            assert_eq!(head, "Giám đốc Sở Tư pháp");
        }
        let plan_cited =
            "Kế hoạch số 25/KH-UBND ngày 15/01/2026 của Chủ tịch UBND tỉnh về kiểm tra công tác \
             cải cách hành chính và thực thi nhiệm vụ, công vụ năm 2026";
        let decision_cited = format!(
            "Quyết định số 15/QĐ-SNV ngày 20/04/2026 của Giám đốc Sở Nội vụ về việc thành lập \
             Đoàn kiểm tra công tác cải cách hành chính tại {addressee}"
        );
        let lead = "Trần Thị Bình, Phó Trưởng phòng, Phòng Cải cách hành chính, Sở Nội vụ";
        let member = "Nguyễn Văn An, Chuyên viên, Sở Tư pháp";

        let draft = dir.path().join("draft.pdf");
        stdout(
            kiemtra(&data)
                .args(["notice", "render", &id, "--date", "2026-05-20", "--out"])
                .arg(&draft),
        );
        let Some(text) = pdf_text(&draft) else {
            eprintln!("SKIPPED: poppler-utils (pdftotext) not installed");
            return;
        };
        for needle in [
            format!("Kết luận kiểm tra công tác cải cách hành chính tại {addressee}"),
            format!("đề nghị {head} chỉ đạo"),
            format!("- {addressee} (để thực hiện);"),
            format!("và {plan_cited}; căn cứ {decision_cited},"),
            format!("đồng chí {lead} làm Trưởng đoàn"),
            format!("đồng chí {member}"),
            "chi tiết tại Phụ lục I;".to_string(),
            "tại Phụ lục II kèm theo Thông báo này".to_string(),
            "Phụ lục I KẾT QUẢ KIỂM TRA THEO DANH MỤC".to_string(),
            "Phụ lục II DANH MỤC TÀI LIỆU KIỂM CHỨNG".to_string(),
            "KT. GIÁM ĐỐC".to_string(),
            "PHÓ GIÁM ĐỐC".to_string(),
            crate::SIGNER.to_string(),
            "(Chữ ký, dấu)".to_string(),
        ] {
            assert!(
                text.contains(&needle),
                "{code}: the draft lacks «{needle}»: {text}"
            );
        }
        assert!(!text.contains("Thủ trưởng"), "{code}: {text}");
        assert!(
            !text.contains(" 0 nội dung"),
            "{code}: a zero count is printed"
        );
        let signature = signature_part(&text, "Phụ lục I");
        assert!(
            signature.contains(crate::SIGNER)
                && !signature.contains("Trần Thị Bình")
                && !signature.contains("Nguyễn Văn An"),
            "{code}: a user's name is printed as the signer: {signature}"
        );

        let minutes = dir.path().join("minutes.pdf");
        stdout(
            kiemtra(&data)
                .args(["minutes", "render", &id, "--out"])
                .arg(&minutes),
        );
        let text = pdf_text(&minutes).unwrap();
        for needle in [
            format!("ĐẠI DIỆN {}", addressee.to_uppercase()),
            format!("trụ sở {addressee}"),
            format!("Căn cứ {plan_cited};"),
            format!("Căn cứ {decision_cited};"),
            format!("- Đồng chí {lead} - Trưởng đoàn;"),
            format!("- Đồng chí {member} - Thành viên;"),
        ] {
            assert!(
                text.contains(&needle),
                "{code}: the minutes lack «{needle}»: {text}"
            );
        }
        assert!(!text.contains(" 0 nội dung"), "{code}: {text}");

        let decision = dir.path().join("decision.pdf");
        stdout(
            kiemtra(&data)
                .args([
                    "decision", "render", "--year", "2026", "--agency", code, "--out",
                ])
                .arg(&decision),
        );
        let text = pdf_text(&decision).unwrap();
        for needle in [
            "Số: 15/QĐ-SNV".to_string(),
            "Bắc Ninh, ngày 20 tháng 4 năm 2026".to_string(),
            format!(
                "QUYẾT ĐỊNH Về việc thành lập Đoàn kiểm tra công tác cải cách hành chính tại \
                 {addressee}"
            ),
            "GIÁM ĐỐC SỞ NỘI VỤ".to_string(),
            format!("Căn cứ {plan_cited}."),
            format!("- Đồng chí {lead} - Trưởng đoàn;"),
            format!("- Đồng chí {member} - Thành viên."),
            "Thời gian kiểm tra: từ ngày 04/05/2026 đến ngày 05/05/2026.".to_string(),
            format!("Các đồng chí có tên tại Điều 1, {head} và"),
            "- Như Điều 3;".to_string(),
        ] {
            assert!(
                text.contains(&needle),
                "{code}: the decision lacks «{needle}»: {text}"
            );
        }
        assert!(
            !text.contains("DỰ THẢO") && !text.contains("(Chữ ký, dấu)"),
            "{code}: numbered and dated, it is final"
        );
        assert!(!text.contains(" 0 nội dung"), "{code}: {text}");
        let signature = signature_part(&text, "\u{0}");
        assert!(
            signature.contains(crate::SIGNER) && !signature.contains("Trần Thị Bình"),
            "{code}: {signature}"
        );

        // The schedule letter lists what the agency's frozen checklist expects as evidence.
        let checklist = json(kiemtra(&data).args(["inspection", "show", &id, "--json"]));
        let expected = checklist["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|i| i["evidence"].as_str().filter(|e| !e.trim().is_empty()))
            // The shortest fits its cell on one line, which pdftotext reads back whole.
            .min_by_key(|e| e.chars().count())
            .expect("an item expects evidence")
            .to_string();
        let letter = dir.path().join("letter.pdf");
        stdout(
            kiemtra(&data)
                .args([
                    "schedule-letter",
                    "render",
                    "--year",
                    "2026",
                    "--agency",
                    code,
                    "--number",
                    "40",
                    "--date",
                    "2026-04-22",
                    "--out",
                ])
                .arg(&letter),
        );
        let text = pdf_text(&letter).unwrap();
        for needle in [
            "Số: 40/SNV-CCHC".to_string(),
            format!("Kính gửi: {addressee}."),
            format!("Thực hiện {plan_cited} và {decision_cited}, Sở Nội vụ thông báo"),
            "Thời gian kiểm tra: từ ngày 04/05/2026 đến ngày 05/05/2026".to_string(),
            format!("- Đồng chí {lead} - Trưởng đoàn;"),
            format!("- Đồng chí {member} - Thành viên."),
            format!("Đề nghị {head}:"),
            "báo cáo tự kiểm tra, tự đánh giá".to_string(),
            "theo danh mục tại Phụ lục kèm theo Công văn này".to_string(),
            "DANH MỤC TÀI LIỆU KIỂM CHỨNG CẦN CHUẨN BỊ".to_string(),
            "(Kèm theo Công văn số 40/SNV-CCHC ngày 22/04/2026 của Sở Nội vụ)".to_string(),
            expected.split_whitespace().collect::<Vec<_>>().join(" "),
        ] {
            assert!(
                text.contains(&needle),
                "{code}: the letter lacks «{needle}»: {text}"
            );
        }
        assert!(!text.contains(" 0 nội dung"), "{code}: {text}");
        let signature = signature_part(&text, "Phụ lục");
        assert!(
            signature.contains(crate::SIGNER) && !signature.contains("Trần Thị Bình"),
            "{code}: {signature}"
        );

        let issued = dir.path().join("issued.pdf");
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
                .arg(&issued),
        );
        let text = pdf_text(&issued).unwrap();
        assert!(text.contains(crate::SIGNER), "{code}: {text}");
        assert!(
            !text.contains("(Chữ ký, dấu)"),
            "{code}: the issued notice keeps the placeholder"
        );
        let kept = json(kiemtra(&data).args(["notice", "list", &id, "--json"]));
        assert_eq!(kept[0]["signer"], crate::SIGNER);
    }
}
