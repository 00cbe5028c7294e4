//! The conclusion notice through the real app. The data directory is prepared with the CLI: a
//! lead and an inspector, a 2026 plan with Xã Tam Tiến, the inspector's inspection there with
//! one unmet item and a finding, submitted; then the lead is the current user. In the app the
//! lead opens "Văn bản", previews the draft notice (pages drawn from the backend's SVG, with
//! the finding and the "DỰ THẢO" watermark), issues it as number 12 through the dialog (the
//! lock confirmed), sees version v1 listed and the preview without the watermark; the CLI then
//! finds the inspection locked.

use anyhow::{bail, ensure, Context, Result};
use kiemtra_e2e::{cli, run_cli, story, App, DataDir};

const AGENCY: &str = "07264";
const FINDING: &str = "Tỷ lệ hồ sơ đúng hạn đạt 93,5%, chưa đạt chỉ tiêu";
const SCREEN_READY: &str = "[data-testid='documents-screen'][data-loading='false']";

/// The data directory of the story; the id of the submitted inspection.
fn prepare(dir: &DataDir) -> Result<String> {
    let d = dir.path();
    let id = story::inspector_started(d, AGENCY, "2026-05-04")?;
    cli(
        d,
        &[
            "inspection",
            "record",
            &id,
            "II.6.CT.1",
            "--status",
            "unmet",
            "--value",
            "93,5",
        ],
    )?;
    cli(
        d,
        &[
            "finding",
            "add",
            &id,
            "--item",
            "II.6.CT.1",
            "--kind",
            "shortcoming",
            "--text",
            FINDING,
            "--recommendation",
            "Bố trí đủ công chức tại Bộ phận Một cửa",
        ],
    )?;
    story::answer_remaining(d, &id)?;
    // The notice cites the plan and the decision establishing the team by number and date; it
    // is not issued before both are set; the signer comes only from the document settings.
    story::submitted_with_legal_basis(d, &id, AGENCY)?;
    Ok(id)
}

/// The text of each preview page: the SVG's text runs joined by spaces, whitespace collapsed
/// (a sentence wrapped over two lines reads whole again).
async fn page_texts(app: &App) -> Result<Vec<String>> {
    let value = app
        .client
        .execute(
            "return Array.from(document.querySelectorAll('[data-testid=\"doc-page\"]')).map(p =>\
               Array.from(p.querySelectorAll('text')).map(t => t.textContent).join(' ')\
                 .normalize('NFC').replace(/\\s+/g, ' '));",
            vec![],
        )
        .await?;
    Ok(serde_json::from_value(value)?)
}

/// Waits until the screen has shown the document it was asked for; the pages' text.
async fn loaded_pages(app: &App) -> Result<Vec<String>> {
    app.until("the preview has pages", || async {
        if app.count(SCREEN_READY).await? == 0 {
            return Ok(None);
        }
        let texts = page_texts(app).await?;
        Ok((!texts.is_empty()).then_some(texts))
    })
    .await
}

async fn is_enabled(app: &App, css: &str) -> Result<bool> {
    Ok(app.wait_for(css).await?.is_enabled().await?)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_lead_previews_and_issues_the_notice_which_locks_the_inspection() -> Result<()> {
    let dir = DataDir::new()?;
    let id = prepare(&dir)?;

    let app = App::start(&dir).await?;
    app.click("[data-testid='nav-documents']").await?;
    app.wait_for(SCREEN_READY).await?;

    app.select("[data-testid='doc-kind']", "notice").await?;
    app.wait_for("[data-testid='documents-screen'][data-kind='notice']")
        .await?;
    app.wait_for(&format!(
        "[data-testid='doc-inspection'] option[value='{id}']"
    ))
    .await?;
    app.select("[data-testid='doc-inspection']", &id).await?;

    // The draft: the notice with the finding, watermarked.
    let pages = loaded_pages(&app).await?;
    let all = pages.join("\n");
    ensure!(!pages.is_empty(), "no preview page");
    ensure!(
        all.contains("THÔNG BÁO"),
        "the preview has no «THÔNG BÁO»: {all}"
    );
    ensure!(
        all.contains(FINDING),
        "the preview does not show the finding: {all}"
    );
    ensure!(
        all.contains("DỰ THẢO"),
        "the draft has no «DỰ THẢO» watermark: {all}"
    );
    ensure!(
        app.attr("[data-testid='documents-screen']", "data-draft")
            .await?
            .as_deref()
            == Some("true"),
        "the screen does not say draft"
    );
    let count = app
        .wait_for("[data-testid='doc-page-count']")
        .await?
        .text()
        .await?;
    ensure!(
        count.contains(&format!("Trang 1/{}", pages.len())),
        "page count reads {count:?}"
    );
    ensure!(
        is_enabled(&app, "[data-testid='doc-open']").await?,
        "«Mở bằng trình xem PDF» is disabled"
    );
    ensure!(
        is_enabled(&app, "[data-testid='doc-print']").await?,
        "«In» is disabled"
    );
    // The preview is set in the bundled Liberation Serif, as the PDF is.
    let faces = app
        .until("the bundled Liberation Serif faces are loaded", || async {
            let v = app
                .client
                .execute(
                    "return Array.from(document.fonts).filter(f => f.family.replace(/['\"]/g, '') === 'Liberation Serif')\
                       .map(f => f.style + ' ' + f.weight + ' ' + f.status);",
                    vec![],
                )
                .await?;
            let faces: Vec<String> = serde_json::from_value(v)?;
            Ok(faces.iter().any(|f| f.starts_with("normal") && f.ends_with("loaded")).then_some(faces))
        })
        .await?;
    ensure!(
        faces.len() == 4,
        "expected four Liberation Serif faces, found {faces:?}"
    );
    app.snapshot("documents-draft").await?;

    // Zoom: 125% is wider than 100% by a quarter (the desk scrolls sideways), 75% narrower.
    let width_at = |z: &'static str| {
        let app = &app;
        async move {
            app.click(&format!("[data-testid='doc-zoom'][data-zoom='{z}']"))
                .await?;
            app.wait_for(&format!(
                "[data-testid='doc-zoom'][data-zoom='{z}'][aria-pressed='true']"
            ))
            .await?;
            let v = app
                .client
                .execute("return document.querySelector('[data-testid=\"doc-page\"]').getBoundingClientRect().width;", vec![])
                .await?;
            v.as_f64().context("page width")
        }
    };
    let w125 = width_at("125").await?;
    let w75 = width_at("75").await?;
    let w100 = width_at("100").await?;
    ensure!(
        (w125 / w100 - 1.25).abs() < 0.02 && (w75 / w100 - 0.75).abs() < 0.02,
        "zoom widths 75/100/125%: {w75}/{w100}/{w125}"
    );

    // Issue it as number 12: «Ban hành» waits for «Tôi đã hiểu».
    ensure!(
        is_enabled(&app, "[data-testid='doc-issue']").await?,
        "the lead cannot issue a submitted inspection"
    );
    app.click("[data-testid='doc-issue']").await?;
    app.wait_for("[data-testid='issue-dialog'][open]").await?;
    let warning = app
        .wait_for("[data-testid='issue-dialog'] .lock-warning")
        .await?
        .text()
        .await?;
    ensure!(
        warning.contains("Sau khi ban hành, cuộc kiểm tra tại") && warning.contains("sẽ bị khoá"),
        "the dialog does not warn about the lock: {warning:?}"
    );
    app.type_into("[data-testid='issue-number']", "12").await?;
    app.select("[data-testid='issue-date']", "2026-05-20")
        .await?;
    let help = app.wait_for("#issue-number-help").await?.text().await?;
    ensure!(
        help.contains("12/TB-SNV"),
        "the number is not shown with its ký hiệu: {help:?}"
    );
    ensure!(
        !is_enabled(&app, "[data-testid='issue-submit']").await?,
        "«Ban hành» is enabled before the confirmation is ticked"
    );
    app.click("[data-testid='issue-confirm']").await?;
    ensure!(
        is_enabled(&app, "[data-testid='issue-submit']").await?,
        "«Ban hành» stays disabled after «Tôi đã hiểu»"
    );
    app.snapshot("documents-issue").await?;
    app.click("[data-testid='issue-submit']").await?;

    // v1 is listed, the inspection locked, the preview the issued notice without watermark.
    let row = app
        .wait_for("[data-testid='notice-version'][data-version='1']")
        .await?;
    let row_text = row.text().await?;
    ensure!(
        row_text.contains("v1 số 12 ngày 20/05/2026"),
        "version row reads {row_text:?}"
    );
    ensure!(
        row_text.contains("SHA-256"),
        "version row has no SHA-256: {row_text:?}"
    );
    app.wait_for("[data-testid='doc-inspection-state'][data-locked='true']")
        .await?;
    let issued = app
        .until("the preview shows the issued notice", || async {
            if app.count(SCREEN_READY).await? == 0 {
                return Ok(None);
            }
            let texts = page_texts(&app).await?.join("\n");
            Ok((!texts.is_empty() && !texts.contains("DỰ THẢO")).then_some(texts))
        })
        .await?;
    ensure!(
        issued.contains("12/TB-SNV"),
        "the issued notice does not carry its number: {issued}"
    );
    ensure!(
        issued.contains(FINDING),
        "the issued notice lost the finding"
    );
    ensure!(
        app.count("[data-testid='doc-issue']").await? == 0,
        "«Ban hành» is still offered after issuing"
    );
    app.wait_for("[data-testid='doc-reopen']").await?;
    ensure!(
        app.count("[data-testid='notice-version']").await? == 1,
        "more than one version listed"
    );

    // The store agrees: the inspection refuses any change now.
    let refused = run_cli(
        dir.path(),
        &["inspection", "record", &id, "II.2.1.1", "--status", "met"],
    )?;
    if refused.status.success() {
        bail!(
            "recording into the issued inspection succeeded: {}",
            String::from_utf8_lossy(&refused.stdout)
        );
    }
    let listed = cli(dir.path(), &["notice", "list", &id])?;
    ensure!(
        listed.contains("12"),
        "kiemtra notice list does not show number 12: {listed}"
    );

    // Settings refuse a margin outside the decree's range, under the field.
    app.click("[data-testid='doc-settings']").await?;
    app.wait_for("[data-testid='settings-dialog'][open]")
        .await?;
    app.type_into("[data-testid='settings-margin_left']", "25")
        .await?;
    app.click("[data-testid='settings-save']").await?;
    app.wait_for("[data-testid='settings-margin_left'][aria-invalid='true']")
        .await?;
    let range = app.wait_for("#range-left").await?.text().await?;
    ensure!(
        range.contains("30–35 mm"),
        "the margin error does not give the range: {range:?}"
    );
    app.client
        .execute(
            "document.querySelector('[data-testid=\"settings-dialog\"]').close();",
            vec![],
        )
        .await?;
    app.until("the settings dialog closed", || async {
        Ok((app.count("[data-testid='settings-dialog'][open]").await? == 0).then_some(()))
    })
    .await?;

    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    app.snapshot("documents").await?;

    // The print stylesheet, applied on screen (its @media rule switched to "all" through the
    // CSSOM): only the pages, each at A4 width, no navigation or panels.
    let printed = app
        .client
        .execute(
            "const rules = [];\
             for (const sheet of document.styleSheets) for (const r of sheet.cssRules)\
               if (r.media && r.media.mediaText === 'print' && r.cssText.includes('print-documents')) rules.push(r);\
             rules.forEach(r => r.media.mediaText = 'all');\
             const page = document.querySelector('[data-testid=\"doc-page\"]').getBoundingClientRect();\
             const shown = sel => { const e = document.querySelector(sel); return !!e && e.getClientRects().length > 0; };\
             return { rules: rules.length, width: page.width, height: page.height,\
                      nav: shown('.sidenav'), toolbar: shown('[data-testid=\"doc-kind\"]'),\
                      side: shown('[data-testid=\"notice-versions\"]') };",
            vec![],
        )
        .await?;
    app.snapshot("documents-print").await?;
    app.client
        .execute(
            "for (const sheet of document.styleSheets) for (const r of sheet.cssRules)\
               if (r.media && r.media.mediaText === 'all' && r.cssText.includes('print-documents')) r.media.mediaText = 'print';",
            vec![],
        )
        .await?;
    ensure!(
        printed["rules"].as_u64() == Some(1),
        "no print stylesheet found: {printed}"
    );
    let width = printed["width"].as_f64().unwrap_or(0.0);
    let height = printed["height"].as_f64().unwrap_or(0.0);
    ensure!(
        (width - 793.7).abs() < 2.0 && (height - 1122.5).abs() < 2.0,
        "a printed page is not A4: {printed}"
    );
    ensure!(
        printed["nav"] == false && printed["toolbar"] == false && printed["side"] == false,
        "the print shows the app's chrome: {printed}"
    );

    // The minutes of the same inspection and the year's plan preview too.
    for (kind, title) in [("minutes", "BIÊN BẢN"), ("plan", "KẾ HOẠCH")] {
        app.select("[data-testid='doc-kind']", kind).await?;
        app.wait_for(&format!(
            "[data-testid='documents-screen'][data-kind='{kind}']"
        ))
        .await?;
        let text = app
            .until(&format!("the {kind} preview"), || async {
                if app.count(SCREEN_READY).await? == 0 {
                    return Ok(None);
                }
                let t = page_texts(&app).await?.join(" ");
                Ok(t.contains(title).then_some(t))
            })
            .await?;
        ensure!(
            text.contains("2026"),
            "the {kind} preview lacks the year: {text}"
        );
    }
    app.snapshot("documents-plan").await?;
    app.close().await
}

#[tokio::test(flavor = "multi_thread")]
async fn a_correction_reopens_the_inspection_and_issues_a_version_that_replaces_the_first(
) -> Result<()> {
    let dir = DataDir::new()?;
    let id = prepare(&dir)?;
    cli(
        dir.path(),
        &[
            "notice",
            "issue",
            &id,
            "--number",
            "12",
            "--date",
            "2026-05-20",
        ],
    )?;

    let app = App::start(&dir).await?;
    app.click("[data-testid='nav-documents']").await?;
    app.wait_for(SCREEN_READY).await?;
    // The only inspection of the year is chosen by itself; its notice is the issued one.
    app.wait_for("[data-testid='notice-version'][data-version='1']")
        .await?;
    app.wait_for("[data-testid='doc-inspection-state'][data-locked='true']")
        .await?;
    ensure!(
        !loaded_pages(&app).await?.join(" ").contains("DỰ THẢO"),
        "the issued notice shows as a draft"
    );

    // Reopen, with a reason.
    app.click("[data-testid='doc-reopen']").await?;
    app.wait_for("[data-testid='reopen-dialog'][open]").await?;
    app.type_into(
        "[data-testid='confirm-comment']",
        "Tỷ lệ hồ sơ đúng hạn ghi nhầm",
    )
    .await?;
    app.click("[data-testid='confirm-submit']").await?;
    app.wait_for("[data-testid='doc-inspection-state'][data-locked='false']")
        .await?;
    app.until("the preview is a draft again", || async {
        if app.count(SCREEN_READY).await? == 0 {
            return Ok(None);
        }
        Ok(page_texts(&app)
            .await?
            .join(" ")
            .contains("DỰ THẢO")
            .then_some(()))
    })
    .await?;

    // The replacing version needs the reason of the correction.
    app.click("[data-testid='doc-issue']").await?;
    app.wait_for("[data-testid='issue-dialog'][open]").await?;
    let number = app
        .wait_for("[data-testid='issue-number']")
        .await?
        .prop("value")
        .await?;
    ensure!(
        number.as_deref() == Some("12"),
        "the number is not offered again: {number:?}"
    );
    app.select("[data-testid='issue-date']", "2026-06-01")
        .await?;
    app.click("[data-testid='issue-confirm']").await?;
    app.click("[data-testid='issue-submit']").await?;
    app.wait_for("[data-testid='issue-reason'][aria-invalid='true']")
        .await?;
    ensure!(
        app.count("[data-testid='notice-version']").await? == 1,
        "issued without a reason"
    );
    app.type_into("[data-testid='issue-reason']", "Sửa tỷ lệ hồ sơ đúng hạn")
        .await?;
    app.click("[data-testid='issue-submit']").await?;

    let v2 = app
        .wait_for("[data-testid='notice-version'][data-version='2']")
        .await?
        .text()
        .await?;
    ensure!(v2.contains("v2 số 12 ngày 01/06/2026"), "v2 reads {v2:?}");
    ensure!(
        v2.contains("Thay thế v1") && v2.contains("Sửa tỷ lệ hồ sơ đúng hạn"),
        "v2 does not say what it replaced and why: {v2:?}"
    );
    let v1 = app
        .wait_for("[data-testid='notice-version'][data-version='1']")
        .await?
        .text()
        .await?;
    ensure!(
        v1.contains("Đã được thay bằng v2"),
        "v1 does not say it was replaced: {v1:?}"
    );
    app.wait_for("[data-testid='doc-inspection-state'][data-locked='true']")
        .await?;
    app.until("the preview shows the replacing notice", || async {
        if app.count(SCREEN_READY).await? == 0 {
            return Ok(None);
        }
        let t = page_texts(&app).await?.join(" ");
        Ok(
            (!t.is_empty() && !t.contains("DỰ THẢO") && t.contains("ngày 01 tháng 6 năm 2026"))
                .then_some(()),
        )
    })
    .await?;
    let listed = cli(dir.path(), &["notice", "list", &id])?;
    ensure!(
        listed.lines().filter(|l| l.contains("12")).count() >= 2,
        "kiemtra notice list: {listed}"
    );
    app.snapshot("documents-correction").await?;
    app.close().await
}

/// The legal basis set in the app: on the plan screen the lead records the plan's number and
/// date, and in the schedule dialog the visit, the team and the decision establishing it. The
/// CLI reads them back; the documents screen previews the decision (no longer a draft) with the
/// member's title and unit, and the schedule letter, a draft until its number is typed. The
/// visit is at the end of December, so its notice falls due in 2027, whose holidays the store
/// does not know: the work list marks the date.
#[tokio::test(flavor = "multi_thread")]
async fn a_lead_sets_the_plan_number_and_the_team_decision_and_previews_the_decision_and_letter(
) -> Result<()> {
    let dir = DataDir::new()?;
    let d = dir.path();
    cli(d, &["init"])?;
    cli(d, &["profile", "add", "Trần Thị Bình", "--role", "lead"])?;
    cli(
        d,
        &[
            "profile",
            "add",
            "Nguyễn Văn An",
            "--role",
            "inspector",
            "--title",
            "Chuyên viên",
            "--unit",
            "Phòng Cải cách hành chính",
        ],
    )?;
    cli(
        d,
        &["plan", "create", "--year", "2026", "--include", AGENCY],
    )?;

    let app = App::start(&dir).await?;
    app.click("[data-testid='nav-plan']").await?;
    app.wait_for("[data-testid='plan-reference'][data-set='false']")
        .await?;
    app.click("[data-testid='plan-reference-edit']").await?;
    app.type_into("[data-testid='plan-reference-number-input']", "25")
        .await?;
    app.select("[data-testid='plan-reference-date']", "2026-01-15")
        .await?;
    app.type_into(
        "[data-testid='plan-reference-issuer']",
        "Chủ tịch UBND tỉnh",
    )
    .await?;
    app.click("[data-testid='plan-reference-save']").await?;
    app.wait_for("[data-testid='plan-reference'][data-set='true']")
        .await?;

    app.click(&format!(
        "[data-testid='plan-row'][data-code='{AGENCY}'] [data-testid='plan-schedule']"
    ))
    .await?;
    app.wait_for("[data-testid='schedule-dialog'][open]")
        .await?;
    app.select("[data-testid='schedule-from']", "2026-12-28")
        .await?;
    app.select("[data-testid='schedule-to']", "2026-12-29")
        .await?;
    app.select("[data-testid='schedule-lead']", "Trần Thị Bình")
        .await?;
    app.click("[data-testid='schedule-member'][data-name='Nguyễn Văn An']")
        .await?;
    app.type_into("[data-testid='decision-number']", "15")
        .await?;
    app.select("[data-testid='decision-date']", "2026-12-15")
        .await?;
    app.type_into("[data-testid='decision-signer']", "Giám đốc Sở Nội vụ")
        .await?;
    app.click("[data-testid='schedule-submit']").await?;
    app.until("the schedule dialog closes", || async {
        Ok((app.count("[data-testid='schedule-dialog'][open]").await? == 0).then_some(()))
    })
    .await?;

    let shown: serde_json::Value =
        serde_json::from_str(&cli(d, &["plan", "show", "--year", "2026", "--json"])?)?;
    ensure!(
        shown["number"] == "25" && shown["issued_on"] == "2026-01-15",
        "the plan's reference was not saved: {shown}"
    );
    let entry = &shown["agencies"][0];
    ensure!(
        entry["decision"]
            == serde_json::json!({"number": "15", "date": "2026-12-15", "signer": "Giám đốc Sở Nội vụ"}),
        "the decision was not saved: {entry}"
    );
    ensure!(
        entry["team"]["members"]
            .as_array()
            .is_some_and(|m| m.iter().any(|n| n == "Nguyễn Văn An")),
        "the member was not saved: {entry}"
    );

    // The work list marks the notice's due date counted into 2027 without holidays.
    app.click("[data-testid='nav-worklist']").await?;
    let due = app
        .until("the work list's notice due date", || async {
            let found = app
                .client
                .find_all(fantoccini::Locator::Css(&format!(
                    "[data-testid='work-item'][data-code='{AGENCY}'] [data-testid='work-notice-due']"
                )))
                .await?;
            match found.first() {
                Some(el) => Ok(Some(el.text().await?)),
                None => Ok(None),
            }
        })
        .await?;
    ensure!(
        due.contains("2027") && due.contains("chưa có ngày nghỉ lễ"),
        "the due date is not marked: {due}"
    );

    app.click("[data-testid='nav-documents']").await?;
    app.wait_for(SCREEN_READY).await?;
    app.select("[data-testid='doc-kind']", "decision").await?;
    app.wait_for("[data-testid='documents-screen'][data-kind='decision']")
        .await?;
    app.select("[data-testid='doc-agency']", AGENCY).await?;
    let text = app
        .until("the decision preview", || async {
            if app.count(SCREEN_READY).await? == 0 {
                return Ok(None);
            }
            let t = page_texts(&app).await?.join(" ");
            Ok(t.contains("QUYẾT ĐỊNH").then_some(t))
        })
        .await?;
    for want in [
        "Nguyễn Văn An",
        "Chuyên viên",
        "Phòng Cải cách hành chính",
        "Kế hoạch số 25",
    ] {
        ensure!(text.contains(want), "the decision lacks «{want}»: {text}");
    }
    ensure!(
        app.count("[data-testid='documents-screen'][data-draft='false']")
            .await?
            == 1,
        "a decision with its number and date is not a draft"
    );
    app.snapshot("documents-decision").await?;

    app.select("[data-testid='doc-kind']", "schedule_letter")
        .await?;
    app.wait_for(
        "[data-testid='documents-screen'][data-kind='schedule_letter'][data-draft='true']",
    )
    .await?;
    let draft = loaded_pages(&app).await?.join(" ");
    ensure!(
        draft.contains("28/12/2026"),
        "the letter lacks the visit date: {draft}"
    );
    app.type_into("[data-testid='doc-letter-number']", "31")
        .await?;
    let numbered = app
        .until("the numbered letter", || async {
            if app
                .count("[data-testid='documents-screen'][data-draft='false'][data-loading='false']")
                .await?
                == 0
            {
                return Ok(None);
            }
            let t = page_texts(&app).await?.join(" ");
            Ok(t.contains("31/").then_some(t))
        })
        .await?;
    ensure!(
        !numbered.contains("DỰ THẢO"),
        "a numbered letter still says DỰ THẢO: {numbered}"
    );
    app.close().await
}
