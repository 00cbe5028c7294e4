//! The first run: an empty data directory opens on the welcome, which shows what the seeds
//! loaded, creates the first profile and sets who issues and signs the documents; then the app
//! opens on the lead's screen, F1 shows that screen's help, and the next start has no welcome.

use anyhow::Result;
use fantoccini::{key::Key, Locator};
use kiemtra_e2e::{cli, App, DataDir};

async fn text(app: &App, css: &str) -> Result<String> {
    Ok(app.wait_for(css).await?.text().await?)
}

async fn replace(app: &App, css: &str, value: &str) -> Result<()> {
    app.wait_for(css).await?.clear().await?;
    app.type_into(css, value).await?;
    app.until("the field holds what was typed", || async {
        let now = app.wait_for(css).await?.prop("value").await?;
        Ok((now.as_deref() == Some(value)).then_some(()))
    })
    .await
}

#[tokio::test(flavor = "multi_thread")]
async fn an_empty_store_opens_on_the_welcome_which_sets_up_the_first_lead_and_the_signer(
) -> Result<()> {
    let dir = DataDir::new()?;
    let app = App::start_first_run(&dir).await?;

    // 1. What the seeds loaded, read from the store (not a fixed text).
    app.wait_for("[data-testid='welcome'][data-step='seeds']")
        .await?;
    assert_eq!(
        app.count("[data-testid='app']").await?,
        0,
        "nothing else is shown"
    );
    let seeds = text(&app, "[data-testid='welcome-seeds']").await?;
    assert!(seeds.contains("99 xã, phường"), "{seeds}");
    assert!(seeds.contains("KH167-2026"), "{seeds}");
    assert!(
        seeds.contains(&dir.path().display().to_string()),
        "the data folder: {seeds}"
    );
    app.snapshot("welcome").await?;

    // 2. The first profile: a lead (the default role of the first profile).
    app.click("[data-testid='welcome-next']").await?;
    app.wait_for("[data-testid='welcome'][data-step='profile']")
        .await?;
    app.click("[data-testid='welcome-profile-save']").await?;
    let refused = text(&app, "[data-testid='welcome'] form").await?;
    assert!(
        refused.contains("Chưa nhập họ và tên"),
        "an empty name is refused where the user looks: {refused}"
    );
    assert!(cli(dir.path(), &["profile", "list", "--json"])?.contains("[]"));
    app.type_into("[data-testid='welcome-name']", "Nguyễn Thị Lan")
        .await?;
    app.type_into(
        "[data-testid='welcome-title-input']",
        "Trưởng phòng Cải cách hành chính",
    )
    .await?;
    app.click("[data-testid='welcome-profile-save']").await?;

    // 3. The year and who issues and signs, saved to the document settings.
    app.wait_for("[data-testid='welcome'][data-step='documents']")
        .await?;
    let year = text(&app, "[data-testid='welcome-year']").await?;
    assert!(year.contains("2026"), "{year}");
    replace(
        &app,
        "[data-testid='welcome-signer_authority']",
        "KT. GIÁM ĐỐC",
    )
    .await?;
    replace(&app, "[data-testid='welcome-signer_title']", "PHÓ GIÁM ĐỐC").await?;
    replace(&app, "[data-testid='welcome-signer_name']", "Trần Văn Bình").await?;
    app.snapshot("welcome-documents").await?;
    app.click("[data-testid='welcome-documents-save']").await?;
    app.wait_for("[data-testid='welcome'][data-step='done']")
        .await?;
    let done = text(&app, "[data-testid='welcome-done-text']").await?;
    assert!(done.contains("Nguyễn Thị Lan"), "{done}");

    let profiles: serde_json::Value =
        serde_json::from_str(&cli(dir.path(), &["profile", "list", "--json"])?)?;
    let p = &profiles[0];
    assert_eq!(p["name"], "Nguyễn Thị Lan");
    assert_eq!(p["role"], "lead");
    assert_eq!(p["title"], "Trưởng phòng Cải cách hành chính");
    assert_eq!(p["current"], true);
    let settings: serde_json::Value = serde_json::from_str(&cli(dir.path(), &["settings"])?)?;
    assert_eq!(settings["signer_name"], "Trần Văn Bình");
    assert_eq!(settings["signer_title"], "PHÓ GIÁM ĐỐC");
    assert_eq!(settings["signer_authority"], "KT. GIÁM ĐỐC");

    // 4. Into the app, on the lead's landing screen; F1 shows its help, Escape closes it.
    app.click("[data-testid='welcome-finish']").await?;
    app.wait_for("[data-testid='app'][data-ready='true']")
        .await?;
    app.wait_for("[data-testid='nav-dashboard'][aria-current='page']")
        .await?;
    app.client
        .find(Locator::Css("body"))
        .await?
        .send_keys(&Key::F1.to_string())
        .await?;
    let help = app
        .wait_for("[data-testid='help-panel'][data-screen='dashboard']")
        .await?
        .text()
        .await?;
    assert!(help.contains("Trợ giúp: Tổng quan"), "{help}");
    assert!(help.contains("F1"), "{help}");
    app.snapshot("help").await?;
    app.client
        .active_element()
        .await?
        .send_keys(&Key::Escape.to_string())
        .await?;
    app.until("the help closes", || async {
        Ok((app.count("[data-testid='help-panel']").await? == 0).then_some(()))
    })
    .await?;
    // A store in use that was never backed up: the reminder says so.
    let reminder = app
        .wait_for("[data-testid='backup-reminder']")
        .await?
        .text()
        .await?;
    assert!(reminder.contains("chưa được sao lưu"), "{reminder}");
    app.click("[data-testid='backup-open']").await?;
    let last = app
        .wait_for("[data-testid='backup-dialog'] [data-testid='backup-last']")
        .await?
        .text()
        .await?;
    assert!(last.contains("chưa được sao lưu"), "{last}");
    app.snapshot("backup").await?;
    app.close().await?;

    // A backup (here with the CLI, beside the closed app) silences it.
    let usb = tempfile::tempdir()?;
    cli(
        dir.path(),
        &[
            "backup",
            "--out",
            usb.path().join("sao-luu.kbak").to_str().unwrap_or_default(),
        ],
    )?;

    // 5. The next start goes straight to the app: the welcome is for a store with no profile.
    let again = App::start_first_run(&dir).await?;
    again
        .wait_for("[data-testid='app'][data-ready='true']")
        .await?;
    assert_eq!(again.count("[data-testid='welcome']").await?, 0);
    assert_eq!(again.count("[data-testid='backup-reminder']").await?, 0);
    assert_eq!(
        again
            .attr("[data-testid='backup-open']", "data-due")
            .await?
            .as_deref(),
        Some("false")
    );
    again.close().await
}
