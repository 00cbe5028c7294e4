//! The dashboard and the follow-up of recommendations through the real app. The data directory
//! is prepared with the CLI: a lead and an inspector, a 2026 plan with Xã Tam Tiến, the
//! inspector's inspection there with every item answered and two shortcomings whose
//! recommendations were due in the summer, submitted; the lead issues the conclusion notice.
//! The app opens on the lead's dashboard, which counts both recommendations overdue (the app
//! judges on the real date, after the due dates); the lead opens them from that figure, records
//! the agency's report that one is remediated ("Đã khắc phục") — a date before the notice is
//! refused in the dialog first — sees it in the entry's history, and back on the dashboard the
//! overdue count has dropped by one. The CLI agrees.

use anyhow::{ensure, Context, Result};
use fantoccini::key::Key;
use kiemtra_e2e::{cli, story, App, DataDir};

const AGENCY: &str = "07264";
const DASHBOARD_READY: &str = "[data-testid='dashboard-screen'][data-loading='false']";
const FOLLOWUP_READY: &str = "[data-testid='followup-screen'][data-loading='false']";
const FIRST: &str = "Bố trí đủ công chức tại Bộ phận Một cửa";
const SECOND: &str = "Cập nhật đầy đủ hồ sơ lên Hệ thống thông tin giải quyết TTHC";

/// The data directory of the story, the notice issued.
fn prepare(dir: &DataDir) -> Result<()> {
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
    // Two shortcomings, each with a recommendation due in the summer: overdue by December.
    for (text, recommendation, due) in [
        (
            "Tỷ lệ hồ sơ đúng hạn đạt 93,5%, chưa đạt chỉ tiêu",
            FIRST,
            "2026-07-31",
        ),
        ("Còn hồ sơ chưa cập nhật lên Hệ thống", SECOND, "2026-08-31"),
    ] {
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
                text,
                "--recommendation",
                recommendation,
                "--due",
                due,
            ],
        )?;
    }
    story::answer_remaining(d, &id)?;
    story::submitted_with_legal_basis(d, &id, AGENCY)?;
    cli(
        d,
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
    Ok(())
}

/// Lets WebKit paint the last change (its screenshots lag a frame behind), then takes one.
async fn picture(app: &App, name: &str) -> Result<()> {
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    app.snapshot(name).await
}

/// The dashboard's overdue count, once it has loaded.
async fn overdue_on_dashboard(app: &App) -> Result<u32> {
    app.wait_for(DASHBOARD_READY).await?;
    app.attr("[data-testid='dash-overdue']", "data-count")
        .await?
        .context("dash-overdue has no data-count")?
        .parse()
        .context("dash-overdue's count")
}

/// The ids of the follow-up rows shown, in order.
async fn row_ids(app: &App) -> Result<Vec<String>> {
    let v = app
        .client
        .execute(
            "return Array.from(document.querySelectorAll('[data-testid=\"followup-row\"]')).map(r => r.dataset.id);",
            vec![],
        )
        .await?;
    Ok(serde_json::from_value(v)?)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_lead_records_a_remediation_and_the_dashboard_counts_one_overdue_less() -> Result<()> {
    let dir = DataDir::new()?;
    prepare(&dir)?;

    // The lead lands on the dashboard: the plan, the concluded inspection, both overdue.
    let app = App::start(&dir).await?;
    let before = overdue_on_dashboard(&app).await?;
    ensure!(
        before >= 1,
        "the dashboard counts no overdue recommendation"
    );
    ensure!(
        before == 2,
        "expected 2 overdue, the dashboard says {before}"
    );
    ensure!(
        app.attr(DASHBOARD_READY, "data-year").await?.as_deref() == Some("2026"),
        "the dashboard is not on 2026"
    );
    ensure!(
        app.attr(
            "[data-testid='dash-state'][data-state='concluded']",
            "data-count"
        )
        .await?
        .as_deref()
            == Some("1"),
        "the concluded inspection is not counted"
    );
    ensure!(
        app.attr(
            "[data-testid='dash-coverage'][data-block='commune'] [data-testid='dash-coverage-bar'][data-kind='planned']",
            "data-value"
        )
        .await?
        .as_deref()
            == Some("1"),
        "the commune block's planned bar is not 1"
    );
    ensure!(
        app.count("[data-testid='dash-field']").await? > 0,
        "no result per field for the concluded inspection"
    );
    let remind = app
        .wait_for(&format!(
            "[data-testid='dash-remind'][data-code='{AGENCY}']"
        ))
        .await?
        .text()
        .await?;
    ensure!(
        remind.contains("Tam Tiến"),
        "the agency to remind reads {remind:?}"
    );
    let overdue_text = app
        .wait_for("[data-testid='dash-overdue']")
        .await?
        .text()
        .await?;
    ensure!(
        overdue_text.contains("kiến nghị quá hạn"),
        "the overdue figure reads {overdue_text:?}"
    );
    picture(&app, "dashboard").await?;
    // The lower half: inspections by state and results per field.
    app.client
        .execute(
            "document.querySelector('[data-testid=\"dash-field\"]').scrollIntoView({block: 'center'});",
            vec![],
        )
        .await?;
    picture(&app, "dashboard-results").await?;

    // The figure opens the follow-up screen, overdue only. Scrolled back to it first, as a user
    // would: after the scroll above it sits under the sticky backup reminder, which would take
    // the click.
    app.client
        .execute(
            "document.querySelector('[data-testid=\"dash-overdue\"]').scrollIntoView({block: 'center'});",
            vec![],
        )
        .await?;
    app.click("[data-testid='dash-overdue']").await?;
    app.wait_for(FOLLOWUP_READY).await?;
    let checked = app
        .wait_for("[data-testid='followup-overdue']")
        .await?
        .prop("checked")
        .await?;
    ensure!(
        checked.as_deref() == Some("true"),
        "«Chỉ kiến nghị quá hạn» is not ticked"
    );
    let rows = app
        .until("both overdue recommendations are listed", || async {
            let ids = row_ids(&app).await?;
            Ok((ids.len() == 2).then_some(ids))
        })
        .await?;
    ensure!(
        app.count(
            "[data-testid='followup-row'][data-overdue='true'] [data-testid='followup-days']"
        )
        .await?
            == 2,
        "the days overdue are not shown on both rows"
    );
    let first_row = format!("[data-testid='followup-row'][data-id='{}']", rows[0]);
    let text = app.wait_for(&first_row).await?.text().await?;
    ensure!(
        text.contains(FIRST) && text.contains("31/07/2026") && text.contains("Chưa báo cáo"),
        "the first row reads {text:?}"
    );

    // The search finds the agency typed without diacritics.
    app.type_into("[data-testid='followup-search']", "tam tien")
        .await?;
    app.until("the search keeps the agency's rows", || async {
        Ok((row_ids(&app).await?.len() == 2).then_some(()))
    })
    .await?;
    app.type_into("[data-testid='followup-search']", "thuan thanh")
        .await?;
    app.until("the search leaves no row", || async {
        Ok(row_ids(&app).await?.is_empty().then_some(()))
    })
    .await?;
    // Escape clears the search box.
    app.wait_for("[data-testid='followup-search']")
        .await?
        .send_keys(&Key::Escape.to_string())
        .await?;
    app.until("the rows are back", || async {
        Ok((row_ids(&app).await?.len() == 2).then_some(()))
    })
    .await?;

    // Choosing a row shows its (empty) history.
    app.click(&format!("{first_row} td")).await?;
    app.wait_for(&format!(
        "[data-testid='followup-detail'][data-id='{}']",
        rows[0]
    ))
    .await?;
    app.wait_for("[data-testid='followup-no-report']").await?;

    // The report: a date before the notice is refused inside the dialog, in Vietnamese.
    app.click(&format!("{first_row} [data-testid='followup-record']"))
        .await?;
    app.wait_for("[data-testid='record-dialog'][open]").await?;
    app.select("[data-testid='record-received']", "2026-05-01")
        .await?;
    app.click("[data-testid='record-status-done']").await?;
    app.click("[data-testid='record-submit']").await?;
    let refusal = app
        .wait_for("[data-testid='record-error']")
        .await?
        .text()
        .await?;
    ensure!(
        refusal.contains("trước ngày ban hành thông báo kết luận"),
        "the refusal reads {refusal:?}"
    );
    app.wait_for("[data-testid='record-received'][aria-invalid='true']")
        .await?;
    ensure!(
        app.count("[data-testid='record-dialog'][open]").await? == 1,
        "the dialog closed on a refusal"
    );
    app.select("[data-testid='record-received']", "2026-12-01")
        .await?;
    app.type_into(
        "[data-testid='record-note']",
        "Đã bố trí đủ 3 công chức tại Bộ phận Một cửa",
    )
    .await?;
    picture(&app, "followup-record").await?;
    app.click("[data-testid='record-submit']").await?;
    app.until("the dialog closes", || async {
        Ok((app.count("[data-testid='record-dialog'][open]").await? == 0).then_some(()))
    })
    .await?;

    // Done: no longer overdue, so it leaves the overdue list; all of them shows it done,
    // with the report in its history.
    app.until("one overdue recommendation is left", || async {
        Ok((row_ids(&app).await? == vec![rows[1].clone()]).then_some(()))
    })
    .await?;
    app.click("[data-testid='followup-overdue']").await?;
    app.wait_for(&format!(
        "[data-testid='followup-row'][data-id='{}'][data-status='done'][data-overdue='false']",
        rows[0]
    ))
    .await?;
    app.click(&format!("{first_row} td")).await?;
    let report = app
        .wait_for(&format!(
            "[data-testid='followup-detail'][data-id='{}'] [data-testid='followup-report'][data-status='done']",
            rows[0]
        ))
        .await?
        .text()
        .await?;
    ensure!(
        report.contains("01/12/2026") && report.contains("Đã bố trí đủ 3 công chức"),
        "the history reads {report:?}"
    );
    picture(&app, "followup").await?;

    // Back on the dashboard: one overdue less.
    app.click("[data-testid='nav-dashboard']").await?;
    let after = app
        .until("the dashboard counts one overdue less", || async {
            if app.count(DASHBOARD_READY).await? == 0 {
                return Ok(None);
            }
            let n = overdue_on_dashboard(&app).await?;
            Ok((n < before).then_some(n))
        })
        .await?;
    ensure!(after == before - 1, "overdue went from {before} to {after}");

    // The store agrees.
    let listed: serde_json::Value = serde_json::from_str(&cli(
        dir.path(),
        &["followup", "list", "--year", "2026", "--json"],
    )?)?;
    let statuses: Vec<&str> = listed
        .as_array()
        .context("followup list --json is not an array")?
        .iter()
        .filter_map(|e| e["status"].as_str())
        .collect();
    ensure!(
        statuses.contains(&"done") && statuses.len() == 2,
        "kiemtra followup list says {statuses:?}"
    );

    // The agency still has one overdue recommendation: the dashboard drafts its reminder letter,
    // which lists that one and not the remediated one.
    app.client
        .execute(
            "document.querySelector(arguments[0]).scrollIntoView({block: 'center'});",
            vec![serde_json::json!(format!(
                "[data-testid='dash-remind-letter'][data-code='{AGENCY}']"
            ))],
        )
        .await?;
    app.click(&format!(
        "[data-testid='dash-remind-letter'][data-code='{AGENCY}']"
    ))
    .await?;
    app.wait_for("[data-testid='documents-screen'][data-kind='reminder']")
        .await?;
    let letter = preview_text(&app).await?;
    ensure!(
        letter.contains("đôn đốc")
            && letter.contains("Cập nhật đầy đủ hồ sơ lên Hệ thống")
            && !letter.contains("Bố trí đủ công chức"),
        "the reminder reads {letter:?}"
    );
    ensure!(
        app.attr("[data-testid='doc-remind-agency']", "disabled")
            .await?
            .is_none(),
        "the addressee can be chosen"
    );
    picture(&app, "reminder").await?;

    // The year's workbook into a folder chosen in the system's chooser (answered in the page).
    app.click("[data-testid='nav-dashboard']").await?;
    app.wait_for(DASHBOARD_READY).await?;
    let usb = tempfile::tempdir()?;
    let usb_arg = usb.path().display().to_string();
    app.stub_file_chooser(&[&usb_arg]).await?;
    app.click("[data-testid='dash-xlsx']").await?;
    let written = app
        .until("the workbook is written", || async {
            let names: Vec<String> = std::fs::read_dir(usb.path())?
                .filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect();
            // Written whole under a temporary name, then renamed: wait for the final one.
            Ok(names
                .iter()
                .any(|n| n.ends_with(".xlsx") && !n.starts_with('.'))
                .then_some(names))
        })
        .await?;
    ensure!(
        written.len() == 1
            && written[0].starts_with("ket-qua-kiem-tra-2026-")
            && written[0].ends_with(".xlsx"),
        "written: {written:?}"
    );
    let bytes = std::fs::read(usb.path().join(&written[0]))?;
    ensure!(bytes.starts_with(b"PK"), "the workbook is a zip");

    // The year's report from the dashboard's button: a draft until numbered.
    app.click("[data-testid='dash-report']").await?;
    app.wait_for("[data-testid='documents-screen'][data-kind='year_report'][data-draft='true']")
        .await?;
    let report = preview_text(&app).await?;
    ensure!(
        report.contains("BÁO CÁO") && report.contains("2026"),
        "the report reads {report:?}"
    );
    app.type_into("[data-testid='doc-letter-number']", "45")
        .await?;
    app.wait_for("[data-testid='documents-screen'][data-kind='year_report'][data-draft='false']")
        .await?;
    picture(&app, "year-report").await?;
    app.close().await
}

/// The preview's text once the documents screen has shown its pages (SVG text runs joined,
/// whitespace collapsed, NFC).
async fn preview_text(app: &App) -> Result<String> {
    app.until("the preview has pages", || async {
        if app
            .count("[data-testid='documents-screen'][data-loading='false']")
            .await?
            == 0
        {
            return Ok(None);
        }
        let value = app
            .client
            .execute(
                "return Array.from(document.querySelectorAll('[data-testid=\"doc-page\"] text'))\
                   .map(t => t.textContent).join(' ').normalize('NFC').replace(/\\s+/g, ' ');",
                vec![],
            )
            .await?;
        let text: String = serde_json::from_value(value)?;
        Ok((!text.trim().is_empty()).then_some(text))
    })
    .await
}
