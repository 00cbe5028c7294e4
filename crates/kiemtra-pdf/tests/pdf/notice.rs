//! The conclusion notice: Điều 8's nine components, the findings, fonts, page size,
//! reproducibility, the draft watermark, page breaks and numbers, and `from_core`.

use kiemtra_pdf::{layout, render, DueDates, NoticeInput};

use crate::support::{self, assert_has, day, pdffonts, pdfinfo, pdftotext, poppler, write};

#[test]
fn the_notice_prints_the_nine_components_of_dieu_8() {
    if !poppler() {
        return;
    }
    let pdf = render(
        &support::notice_input(),
        &support::settings(),
        &support::opts(false),
    )
    .unwrap();
    let path = write("notice-components.pdf", &pdf);
    let p1 = pdftotext(&path, Some(1));
    let all = pdftotext(&path, None);
    // 1. Quốc hiệu và tiêu ngữ.
    assert_has(&p1, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "quốc hiệu");
    assert_has(&p1, "Độc lập - Tự do - Hạnh phúc", "tiêu ngữ");
    // 2. Tên cơ quan, tổ chức ban hành (and its parent).
    assert_has(&p1, "UBND TỈNH BẮC NINH", "cơ quan chủ quản");
    assert_has(&p1, "SỞ NỘI VỤ", "cơ quan ban hành");
    // 3. Số, ký hiệu.
    assert_has(&p1, "Số: 125/TB-SNV", "số, ký hiệu");
    // 4. Địa danh và thời gian.
    assert_has(
        &p1,
        "Bắc Ninh, ngày 19 tháng 6 năm 2026",
        "địa danh và thời gian",
    );
    // 5. Tên loại và trích yếu nội dung.
    assert_has(&p1, "THÔNG BÁO", "tên loại");
    assert_has(
        &p1,
        "Kết luận kiểm tra công tác cải cách hành chính tại Sở Tài chính",
        "trích yếu",
    );
    // 6. Nội dung.
    for heading in [
        "I. KẾT QUẢ KIỂM TRA",
        "II. KẾT LUẬN",
        "III. KIẾN NGHỊ, YÊU CẦU",
    ] {
        assert_has(&all, heading, "nội dung");
    }
    assert_has(
        &all,
        "Trần Thị Lan, Trưởng phòng Cải cách hành chính, Sở Nội vụ làm Trưởng đoàn",
        "the team lead",
    );
    assert_has(
        &all,
        "Kế hoạch số 167/KH-UBND ngày 17/12/2025",
        "the province's plan",
    );
    assert_has(
        &all,
        "Thời hạn hoàn thành: trước ngày 30/09/2026.",
        "a recommendation's due date",
    );
    assert_has(
        &all,
        "về Sở Nội vụ trước ngày 31/07/2026",
        "the remediation report's due date",
    );
    // 7. Chức vụ, họ tên người ký.
    assert_has(&all, "KT. GIÁM ĐỐC", "quyền hạn người ký");
    assert_has(&all, "PHÓ GIÁM ĐỐC", "chức vụ người ký");
    assert_has(&all, "Nguyễn Văn Minh", "họ tên người ký");
    // 8. Dấu, chữ ký số: the issued notice leaves the space blank for the wet signature and
    // the seal; only a draft marks it with the placeholder.
    assert!(
        !all.contains("(Chữ ký, dấu)"),
        "the issued notice prints the placeholder"
    );
    let draft = render(
        &support::notice_input(),
        &support::settings(),
        &support::opts(true),
    )
    .unwrap();
    let draft = pdftotext(&write("notice-components-draft.pdf", &draft), None);
    assert_has(&draft, "(Chữ ký, dấu)", "chỗ ký và đóng dấu trên dự thảo");
    // 9. Nơi nhận.
    assert_has(&all, "Nơi nhận:", "nơi nhận");
    assert_has(
        &all,
        "- Sở Tài chính (để thực hiện);",
        "the agency as first recipient",
    );
    assert_has(&all, "- UBND tỉnh (để báo cáo);", "a standing recipient");
    assert_has(&all, "- Lưu: VT, CCHC.", "lưu");
}

#[test]
fn every_finding_and_the_agency_name_come_back_with_their_diacritics() {
    if !poppler() {
        return;
    }
    let input = support::notice_input();
    let pdf = render(&input, &support::settings(), &support::opts(false)).unwrap();
    let all = pdftotext(&write("notice-findings.pdf", &pdf), None);
    assert_has(&all, &input.agency_name, "agency");
    // Each abbreviation is written out where it is first used (CCHC, TTHC).
    let mut seen = Vec::new();
    for f in &input.fields {
        let name = kiemtra_pdf::document::expand_first_use(&f.name, &mut seen);
        assert_has(&all, &name, "field name");
        for t in f.strengths.iter().chain(&f.shortcomings).chain(&f.causes) {
            assert_has(&all, t, "finding");
        }
    }
    for r in &input.recommendations {
        assert_has(&all, &r.text, "recommendation");
    }
    // The annexes: checklist rows and evidence, the hash set small and wrapped.
    assert_has(&all, "Phụ lục I KẾT QUẢ KIỂM TRA THEO DANH MỤC", "annex I");
    assert_has(
        &all,
        "chi tiết tại Phụ lục I;",
        "the text refers to annex I",
    );
    assert_has(
        &all,
        "tại Phụ lục II kèm theo",
        "the text refers to annex II",
    );
    assert_has(&all, "KẾT QUẢ KIỂM TRA THEO DANH MỤC", "annex 1 title");
    assert_has(
        &all,
        "(Kèm theo Thông báo số 125/TB-SNV ngày 19/06/2026 của Sở Nội vụ)",
        "annex reference",
    );
    for needle in [
        "≥ 85%",
        "62,4%",
        "Chưa đạt",
        "Không đạt chỉ tiêu",
        "Trễ hạn",
        "≥ 0,71",
    ] {
        assert_has(&all, needle, "checklist cell");
    }
    assert_has(&all, "Phụ lục II DANH MỤC TÀI LIỆU KIỂM CHỨNG", "annex II");
    assert_has(&all, "DANH MỤC TÀI LIỆU KIỂM CHỨNG", "annex 2 title");
    assert_has(
        &all,
        "Cột «Tiêu chí»: tiêu chí suy ra từ Kế hoạch 167/KH-UBND",
        "the criteria codes said to be derived (issue 11 item 9)",
    );
    assert_has(
        &all,
        "không phải mã tiêu chí chính thức",
        "never shown as official QĐ 876 codes",
    );
    assert_has(
        &all,
        "Báo cáo số liệu thanh toán trực tuyến quý I.xlsx",
        "evidence file name",
    );
    assert_has(&all, "1,2 MB", "evidence size");
    let squashed: String = all.split_whitespace().collect();
    assert!(
        squashed.contains("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"),
        "the whole hash, across its wrapped lines"
    );
}

#[test]
fn a_notice_without_evidence_says_so() {
    if !poppler() {
        return;
    }
    let mut input = support::notice_input();
    input.evidence.clear();
    let pdf = render(&input, &support::settings(), &support::opts(false)).unwrap();
    let all = pdftotext(&write("notice-no-evidence.pdf", &pdf), None);
    assert_has(
        &all,
        "Không có tài liệu kiểm chứng đính kèm.",
        "empty evidence list",
    );
}

#[test]
fn fonts_are_embedded_as_subsets() {
    if !poppler() {
        return;
    }
    let pdf = render(
        &support::notice_input(),
        &support::settings(),
        &support::opts(true),
    )
    .unwrap();
    let out = pdffonts(&write("notice-fonts.pdf", &pdf));
    let rows: Vec<&str> = out
        .lines()
        .skip_while(|l| !l.starts_with("---"))
        .skip(1)
        .collect();
    assert_eq!(
        rows.len(),
        4,
        "regular, bold, italic and bold italic:\n{out}"
    );
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let name = cols[0];
        let (tag, family) = name.split_once('+').expect("a subset tag");
        assert!(
            tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()),
            "{name}"
        );
        assert!(family.starts_with("LiberationSerif"), "{name}");
        let n = cols.len();
        assert_eq!(
            &cols[n - 5..n - 2],
            &["yes", "yes", "yes"],
            "emb, sub, uni: {row}"
        );
    }
    assert!(
        pdf.len() < 100_000,
        "subset fonts keep the notice small: {} bytes",
        pdf.len()
    );
}

#[test]
fn pages_are_a4() {
    if !poppler() {
        return;
    }
    let pdf = render(
        &support::notice_input(),
        &support::settings(),
        &support::opts(false),
    )
    .unwrap();
    let info = pdfinfo(&write("notice-a4.pdf", &pdf));
    let size = info.lines().find(|l| l.starts_with("Page size:")).unwrap();
    assert!(size.contains("(A4)"), "{size}");
    let nums: Vec<f64> = size
        .split_whitespace()
        .filter_map(|t| t.parse().ok())
        .collect();
    assert!(
        (nums[0] - 595.28).abs() < 0.01 && (nums[1] - 841.89).abs() < 0.01,
        "{size}"
    );
    assert!(info.contains("2026"), "the caller's creation date:\n{info}");
    assert!(
        !info.contains("PDF/X"),
        "no conformance claimed that the file lacks:\n{info}"
    );
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let (input, s) = (support::notice_input(), support::settings());
    let a = render(&input, &s, &support::opts(true)).unwrap();
    let b = render(&input, &s, &support::opts(true)).unwrap();
    assert!(a == b, "two renders differ");
    let mut later = support::opts(true);
    later.created = support::at(2026, 6, 20, 8, 0);
    let c = render(&input, &s, &later).unwrap();
    assert!(a != c, "the creation date is part of the file");
    let mut derived = support::opts(true);
    derived.document_id = None;
    let d1 = render(&input, &s, &derived).unwrap();
    let d2 = render(&input, &s, &derived).unwrap();
    assert!(d1 == d2, "an id derived from the content is stable too");
}

#[test]
fn a_draft_carries_du_thao_on_every_page_and_a_final_one_does_not() {
    if !poppler() {
        return;
    }
    let (input, s) = (support::notice_input(), support::settings());
    let draft = write(
        "notice-draft.pdf",
        &render(&input, &s, &support::opts(true)).unwrap(),
    );
    let final_ = write(
        "notice-final.pdf",
        &render(&input, &s, &support::opts(false)).unwrap(),
    );
    let pages = support::pages(&draft);
    assert!(pages >= 3);
    // pdftotext splits rotated glyphs apart, so look at the pages instead: the light grey of
    // the watermark (and nothing else on the page is that light a grey) across the middle.
    for p in 1..=pages {
        let light = |pdf| {
            let (w, h, px) = support::raster_grey(pdf, p, 30);
            let mut n = 0;
            for y in h / 4..h * 3 / 4 {
                for x in w / 4..w * 3 / 4 {
                    if (205..=235).contains(&px[(y * w + x) as usize]) {
                        n += 1;
                    }
                }
            }
            n
        };
        let (d, f) = (light(&draft), light(&final_));
        assert!(
            d > f + 300,
            "page {p}: {d} light grey pixels in the draft, {f} in the final"
        );
    }
    let text = pdftotext(&draft, Some(1));
    assert!(
        text.contains("Ự") && text.contains("ẢO"),
        "the watermark is real text"
    );
    assert!(!pdftotext(&final_, None).contains("ẢO"));
}

#[test]
fn a_five_page_notice_numbers_its_pages_from_page_two() {
    if !poppler() {
        return;
    }
    let s = support::settings();
    // The fewest findings that fill five pages before the annexes start.
    let body_pages = |n| {
        let l = layout(&support::long_notice(n), &s, false).unwrap();
        l.pages
            .iter()
            .position(|p| p.text().contains("KẾT QUẢ KIỂM TRA THEO DANH MỤC"))
            .unwrap()
    };
    let n = (0..60)
        .find(|&n| body_pages(n) >= 5)
        .expect("enough findings fill five pages");
    let input = support::long_notice(n);
    let path = write(
        "notice-long.pdf",
        &render(&input, &s, &support::opts(false)).unwrap(),
    );
    let pages = support::pages(&path);
    assert!(pages >= 7, "five pages of body, then the two annexes");
    let first_line = |p| {
        pdftotext(&path, Some(p))
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("")
            .trim()
            .to_string()
    };
    assert_eq!(first_line(1), "UBND TỈNH BẮC NINH", "no number on page 1");
    // Each annex numbers its own pages (Nghị định 30/2020): its first page carries its
    // heading and no number, the next ones 2, 3, …
    let mut start = 1;
    let mut annexes = Vec::new();
    for p in 2..=pages {
        let line = first_line(p);
        if line.starts_with("Phụ lục") {
            annexes.push(line);
            start = p;
            continue;
        }
        assert_eq!(
            line,
            (p - start + 1).to_string(),
            "page {p} starts with its number within its part"
        );
    }
    assert_eq!(annexes, ["Phụ lục I", "Phụ lục II"]);
    // Every finding made it, none cut at a page end.
    let all = pdftotext(&path, None);
    for f in &input.fields {
        for t in f.strengths.iter().chain(&f.shortcomings) {
            assert_has(&all, t, "finding");
        }
    }
}

#[test]
fn the_layout_keeps_text_inside_the_margins_and_headings_with_their_text() {
    let s = support::settings();
    let l = layout(&support::long_notice(12), &s, false).unwrap();
    let (top, bottom) = (
        kiemtra_pdf::layout::mm(20.0),
        l.height - kiemtra_pdf::layout::mm(20.0),
    );
    let (left, right) = (
        kiemtra_pdf::layout::mm(30.0),
        l.width - kiemtra_pdf::layout::mm(15.0),
    );
    let fonts = kiemtra_pdf::fonts::Fonts::bundled().unwrap();
    for (i, p) in l.pages.iter().enumerate() {
        for r in p.runs() {
            let w = fonts.width(&r.text, r.face, r.size)
                + r.word_gap * r.text.matches(' ').count() as f32;
            assert!(
                r.x >= left - 0.01 && r.x + w <= right + 0.05,
                "page {}: «{}» outside the margins",
                i + 1,
                r.text
            );
            assert!(
                r.y <= bottom + 0.01,
                "page {}: «{}» below the bottom margin",
                i + 1,
                r.text
            );
            if r.y < top {
                assert_eq!(
                    r.text,
                    (i + 1).to_string(),
                    "only the page number sits in the top margin"
                );
            }
        }
        let text = p.text();
        let last = text.lines().last().unwrap_or("");
        assert!(
            !(last.starts_with("a) ")
                || last.starts_with("b) ")
                || last.starts_with("c) ")
                || last.ends_with("KIỂM TRA")),
            "page {} ends with a heading: {last}",
            i + 1
        );
    }
}

#[test]
fn decomposed_input_prints_as_precomposed_letters() {
    if !poppler() {
        return;
    }
    let mut input = support::notice_input();
    input.addressee = "UBND xa\u{303} Thua\u{323}\u{302}n Tha\u{300}nh".into(); // NFD, as from macOS
    let pdf = render(&input, &support::settings(), &support::opts(false)).unwrap();
    let all = pdftotext(&write("notice-nfd.pdf", &pdf), None);
    assert_has(
        &all,
        "Kết luận kiểm tra công tác cải cách hành chính tại UBND xã Thuận Thành",
        "NFC",
    );
}

#[test]
fn settings_outside_the_decree_are_refused() {
    let mut s = support::settings();
    s.margins.left = 20.0;
    let err = render(&support::notice_input(), &s, &support::opts(false)).unwrap_err();
    assert!(err.to_string().contains("margins.left"), "{err}");
    let mut s = support::settings();
    s.body_size = 12.0;
    assert!(layout(&support::notice_input(), &s, false).is_err());
}

#[test]
fn from_core_groups_findings_by_par_field_and_dates_the_recommendations() {
    let i = support::inspection();
    let due = DueDates {
        report: day(2026, 7, 31),
        recommendations: day(2026, 8, 14),
    };
    let n = NoticeInput::from_core(
        &i,
        Some(&support::plan()),
        Some("125"),
        day(2026, 6, 19),
        due,
    );
    let names: Vec<&str> = n.fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Công tác chỉ đạo, điều hành CCHC",
            "Cải cách TTHC",
            "Các nội dung khác"
        ],
        "field 1 (through the item's field), field 3 (criterion 3.4 and 3), then the rest"
    );
    assert_eq!(n.fields[1].strengths, [support::STRENGTHS[2]]);
    assert_eq!(n.fields[1].shortcomings, [support::SHORTCOMINGS[0]]);
    assert_eq!(n.fields[1].causes, [support::CAUSES[0]]);
    assert_eq!(n.recommendations.len(), 2);
    assert!(n
        .recommendations
        .iter()
        .all(|r| r.due == Some(day(2026, 8, 14))));
    assert_eq!(n.report_due, day(2026, 7, 31));
    assert_eq!(n.visit_from, day(2026, 6, 5));
    assert_eq!(
        n.team_lead.as_ref().map(|p| p.name.as_str()),
        Some("Trần Thị Lan")
    );
    assert_eq!(n.team_members.len(), 2);
    assert!(
        n.conclusion[0].contains("4 nội dung") && n.conclusion[0].contains("1 nội dung chưa đạt")
    );
    assert!(n.conclusion[1].contains("Còn 1 nội dung chưa có kết quả"));
    let row = &n.checklist[0];
    assert_eq!(
        (
            row.target.as_str(),
            row.value.as_str(),
            row.result.as_str(),
            row.assessment.as_str()
        ),
        ("≥ 85%", "62,4%", "Chưa đạt", "Không đạt chỉ tiêu ≥ 85%"),
        "the judgement names the target it was judged against"
    );
    assert_eq!(
        n.checklist[2].target, "Năm 2026",
        "the deadline stands in for a target"
    );
    assert!(n.evidence.is_empty());
    // And it renders.
    let l = layout(&n, &support::settings(), true).unwrap();
    assert!(l.pages.len() >= 3);
}

#[test]
fn samples_are_written_for_review() {
    // Not an assertion of looks: writes the three documents for a person (and pdftoppm) to see.
    let s = support::settings();
    let o = support::opts(false);
    write(
        "sample-notice.pdf",
        &render(&support::notice_input(), &s, &o).unwrap(),
    );
    write(
        "sample-minutes.pdf",
        &kiemtra_pdf::render(&support::minutes_input(), &s, &o).unwrap(),
    );
    let plan = kiemtra_pdf::PlanInput::from_core(&support::plan(), Some("25"), day(2026, 1, 15));
    write(
        "sample-plan.pdf",
        &kiemtra_pdf::render(&plan, &s, &o).unwrap(),
    );
}

#[test]
fn one_figure_judged_against_two_targets_names_each_target_in_the_annex() {
    use kiemtra_core::checklist::{Op, Target, TargetConflict};
    use kiemtra_core::judgement::Judgement;
    let mut i = support::inspection();
    let t = |op, value: f64| Target {
        op,
        value,
        unit: "%".into(),
    };
    let mut a = i.items[0].clone();
    a.source_ref = "II.9.CT.2".into();
    a.target = Some(t(Op::Gt, 90.0));
    a.value = Some(85.0);
    a.judgement = Some(Judgement::Unmet);
    a.target_conflicts = vec![TargetConflict {
        source_ref: "VI.1.CT.6".into(),
        target: t(Op::Ge, 80.0),
    }];
    let mut b = a.clone();
    b.source_ref = "VI.1.CT.6".into();
    b.target = Some(t(Op::Ge, 80.0));
    b.judgement = Some(Judgement::Met);
    b.target_conflicts = vec![TargetConflict {
        source_ref: "II.9.CT.2".into(),
        target: t(Op::Gt, 90.0),
    }];
    i.items = vec![a, b];
    let n = NoticeInput::from_core(
        &i,
        Some(&support::plan()),
        Some("125"),
        day(2026, 6, 19),
        DueDates {
            report: day(2026, 7, 31),
            recommendations: day(2026, 7, 31),
        },
    );
    assert_eq!(
        n.checklist[0].assessment,
        "Không đạt chỉ tiêu > 90% (cùng số liệu, chỉ tiêu khác: VI.1.CT.6 ≥ 80%)"
    );
    assert_eq!(
        n.checklist[1].assessment,
        "Đạt chỉ tiêu ≥ 80% (cùng số liệu, chỉ tiêu khác: II.9.CT.2 > 90%)"
    );
    if !poppler() {
        return;
    }
    let pdf = render(&n, &support::settings(), &support::opts(false)).unwrap();
    let all = pdftotext(&write("notice-two-targets.pdf", &pdf), None);
    let flat = all.split_whitespace().collect::<Vec<_>>().join(" ");
    for text in [
        "Không đạt chỉ tiêu > 90%",
        "Đạt chỉ tiêu ≥ 80%",
        "VI.1.CT.6 ≥ 80%",
        "II.9.CT.2 > 90%",
    ] {
        assert!(flat.contains(text), "«{text}» not in the notice: {flat}");
    }
}
