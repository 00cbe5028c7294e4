//! The real app, driven through WebDriver. Run under `xvfb-run -a`, one test at a time.

use anyhow::Result;
use kiemtra_e2e::{App, DataDir};

async fn shown_count(app: &App, css: &str) -> Result<usize> {
    Ok(app
        .attr(css, "data-count")
        .await?
        .and_then(|c| c.parse().ok())
        .unwrap_or(0))
}

#[tokio::test(flavor = "multi_thread")]
async fn the_app_starts_on_seeded_data_and_lists_99_communes() -> Result<()> {
    let dir = DataDir::new()?;
    let app = App::start(&dir).await?;
    app.click("[data-testid='nav-register']").await?;
    app.select("[data-testid='agency-block']", "commune")
        .await?;
    let n = app
        .until("the register shows 99 communes", || async {
            let n = shown_count(&app, "[data-testid='agency-count']").await?;
            let rows = app.count("[data-testid='agency-row']").await?;
            Ok((n == 99 && rows == 99).then_some(n))
        })
        .await?;
    assert_eq!(n, 99);
    app.snapshot("register").await?;
    assert!(
        dir.path().join("kiemtra.sqlite3").exists(),
        "the app opened the store in its data directory"
    );
    app.close().await
}

#[tokio::test(flavor = "multi_thread")]
async fn typing_thuan_thanh_without_diacritics_finds_phuong_thuan_thanh() -> Result<()> {
    let dir = DataDir::new()?;
    let app = App::start(&dir).await?;
    app.click("[data-testid='nav-register']").await?;
    app.type_into("[data-testid='agency-search']", "thuan thanh")
        .await?;
    let names = app
        .until("the search narrows the register", || async {
            let rows = app
                .client
                .find_all(fantoccini::Locator::Css("[data-testid='agency-row']"))
                .await?;
            if rows.is_empty() || rows.len() > 5 {
                return Ok(None);
            }
            let mut names = Vec::new();
            for r in rows {
                names.push(r.text().await?);
            }
            Ok(Some(names))
        })
        .await?;
    assert!(
        names.iter().any(|n| n.contains("Phường Thuận Thành")),
        "{names:?}"
    );
    app.close().await
}

#[tokio::test(flavor = "multi_thread")]
async fn choosing_an_agency_narrows_the_checklist() -> Result<()> {
    let dir = DataDir::new()?;
    let app = App::start(&dir).await?;
    app.click("[data-testid='nav-checklist']").await?;
    let all = app
        .until("the full checklist loads", || async {
            let n = shown_count(&app, "[data-testid='checklist-count']").await?;
            Ok((n > 0).then_some(n))
        })
        .await?;
    app.select("[data-testid='checklist-agency']", "07264")
        .await?;
    let commune = app
        .until("the checklist narrows to Xã Tam Tiến", || async {
            let loading = app
                .attr("[data-testid='checklist-screen']", "data-loading")
                .await?;
            let n = shown_count(&app, "[data-testid='checklist-count']").await?;
            Ok((loading.as_deref() == Some("false") && n < all && n > 0).then_some(n))
        })
        .await?;
    assert!(commune < all);
    assert_eq!(
        app.count("[data-testid='checklist-item']").await?,
        commune,
        "the count matches the rows shown"
    );
    let header = app
        .wait_for("[data-testid='current-agency']")
        .await?
        .text()
        .await?;
    assert!(
        header.contains("Tam Tiến"),
        "the header shows the current agency: {header}"
    );
    // An item Sở Tư pháp leads is not among a commune's own duties: it shows once, under the
    // "Phối hợp" heading of the duties the commune co-operates on.
    app.wait_for("[data-testid='checklist-cooperation']")
        .await?;
    assert_eq!(
        app.count("[data-testid='checklist-item'][data-ref='I.1.2.2']")
            .await?,
        1
    );
    assert_eq!(
        app.count(
            "section[aria-labelledby^='sec-coop-'] [data-testid='checklist-item'][data-ref='I.1.2.2']"
        )
        .await?,
        1,
        "listed with the co-operation duties"
    );
    app.snapshot("checklist").await?;
    app.close().await
}
