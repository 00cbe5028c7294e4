//! The annual plan through the real app: a lead is added through the profile dialog, creates
//! the 2026 plan, ticks agencies until each block reaches the threshold (finalising is refused
//! until the last tick), approves it, and finds the planned agencies on the work list. A second
//! test draws by seed and amends the approved plan with a reason.

use anyhow::{ensure, Result};
use fantoccini::Locator;
use kiemtra_e2e::{App, DataDir};

const LEAD: &str = "Nguyễn Văn Trưởng";

/// Adds the first profile, a team lead, through the profile menu and its dialog.
async fn add_lead(app: &App) -> Result<()> {
    app.click("[data-testid='profile-button']").await?;
    // The menu's one plain menuitem is "Thêm người dùng…" (profiles are menuitemradio).
    app.click("#profile-menu [role='menuitem']").await?;
    app.type_into("[data-testid='profile-name']", LEAD).await?;
    app.click("input[name='role'][value='lead']").await?;
    app.click("[data-testid='profile-submit']").await?;
    app.until("the new lead is the current user", || async {
        let found = app
            .client
            .find_all(Locator::Css("[data-testid='current-profile']"))
            .await?;
        for el in found {
            if el.text().await?.contains(LEAD) {
                return Ok(Some(()));
            }
        }
        Ok(None)
    })
    .await
}

async fn num_attr(app: &App, css: &str, name: &str) -> Result<i64> {
    Ok(app
        .attr(css, name)
        .await?
        .and_then(|v| v.parse().ok())
        .unwrap_or(-1))
}

/// Waits until `attr` of `css` reads `want`.
async fn until_attr(app: &App, css: &str, name: &str, want: &str) -> Result<()> {
    app.until(&format!("{css} has {name}={want}"), || async {
        let found = app.client.find_all(Locator::Css(css)).await?;
        match found.first() {
            Some(el) => Ok((el.attr(name).await?.as_deref() == Some(want)).then_some(())),
            None => Ok(None),
        }
    })
    .await
}

async fn row_codes(app: &App, expected: usize) -> Result<Vec<String>> {
    app.until(&format!("the register shows {expected} rows"), || async {
        let rows = app
            .client
            .find_all(Locator::Css("[data-testid='plan-row']"))
            .await?;
        if rows.len() != expected {
            return Ok(None);
        }
        let mut codes = Vec::new();
        for r in rows {
            codes.push(r.attr("data-code").await?.unwrap_or_default());
        }
        Ok(Some(codes))
    })
    .await
}

/// Scrolls the screen back to its top (ticking far down the list scrolled it) for a snapshot.
async fn scroll_to_top(app: &App) -> Result<()> {
    app.client
        .execute(
            "document.activeElement && document.activeElement.blur();\
             document.getElementById('content').scrollTop = 0;",
            vec![],
        )
        .await?;
    // Let WebKit paint the scrolled view before the screenshot.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    Ok(())
}

async fn open_new_plan(app: &App) -> Result<()> {
    app.click("[data-testid='nav-plan']").await?;
    app.wait_for("[data-testid='plan-screen'][data-status='none'][data-loading='false']")
        .await?;
    app.click("[data-testid='plan-create']:not([disabled])")
        .await?;
    app.wait_for("[data-testid='plan-screen'][data-status='draft']")
        .await?;
    Ok(())
}

/// Ticks `code` and waits until the block's coverage counts it.
async fn tick(app: &App, code: &str, coverage: &str, expect_selected: i64) -> Result<()> {
    app.click(&format!(
        "[data-testid='plan-row'][data-code='{code}'] [data-testid='plan-select']"
    ))
    .await?;
    until_attr(app, coverage, "data-selected", &expect_selected.to_string()).await
}

#[tokio::test(flavor = "multi_thread")]
async fn a_lead_ticks_agencies_up_to_the_threshold_and_approves_the_2026_plan() -> Result<()> {
    let dir = DataDir::new()?;
    let app = App::start(&dir).await?;
    add_lead(&app).await?;
    open_new_plan(&app).await?;

    let prov = "[data-testid='coverage-provincial']";
    let comm = "[data-testid='coverage-commune']";
    let prov_required = num_attr(&app, prov, "data-required").await?;
    let comm_required = num_attr(&app, comm, "data-required").await?;
    assert_eq!(prov_required, 3, "20% of 15 provincial units");
    assert_eq!(comm_required, 20, "20% of 99 communes, rounded up");
    assert_eq!(num_attr(&app, prov, "data-total").await?, 15);
    assert_eq!(num_attr(&app, comm, "data-total").await?, 99);

    let finalize = "[data-testid='plan-finalize']";
    assert!(
        app.attr(finalize, "disabled").await?.is_some(),
        "an empty plan cannot be approved"
    );

    let mut ticked = Vec::new();
    app.select("[data-testid='plan-block']", "provincial")
        .await?;
    let provincial = row_codes(&app, 15).await?;
    for (i, code) in provincial.iter().take(prov_required as usize).enumerate() {
        tick(&app, code, prov, i as i64 + 1).await?;
        ticked.push(code.clone());
    }

    // Schedule the first one, with the lead as its team (through the schedule dialog).
    let first = provincial[0].clone();
    app.click(&format!(
        "[data-testid='plan-row'][data-code='{first}'] [data-testid='plan-schedule']"
    ))
    .await?;
    app.wait_for(&format!(
        "[data-testid='schedule-lead'] option[value='{LEAD}']"
    ))
    .await?;
    app.select("[data-testid='schedule-from']", "2026-03-03")
        .await?;
    app.select("[data-testid='schedule-to']", "2026-03-05")
        .await?;
    app.select("[data-testid='schedule-lead']", LEAD).await?;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    app.snapshot("plan-schedule").await?;
    app.click("[data-testid='schedule-submit']").await?;
    let row = format!("[data-testid='plan-row'][data-code='{first}']");
    app.until("the row shows its dates and team", || async {
        let text = app.wait_for(&row).await?.text().await?;
        Ok((text.contains("03/03 – 05/03/2026") && text.contains(LEAD)).then_some(()))
    })
    .await?;

    app.select("[data-testid='plan-block']", "commune").await?;
    let communes = row_codes(&app, 99).await?;
    for (i, code) in communes.iter().take(comm_required as usize).enumerate() {
        if i as i64 == comm_required - 1 {
            assert!(
                app.attr(finalize, "disabled").await?.is_some(),
                "one commune short: approval still refused"
            );
            let blocker = app
                .wait_for("[data-testid='plan-blocker']")
                .await?
                .text()
                .await?;
            assert!(
                blocker.to_lowercase().contains("còn thiếu"),
                "the blocker names the shortfall: {blocker}"
            );
            assert!(blocker.contains("UBND cấp xã"), "{blocker}");
            assert!(
                app.attr(finalize, "aria-describedby").await?.as_deref() == Some("plan-blocker"),
                "the button points at the reason it is disabled"
            );
            scroll_to_top(&app).await?;
            app.snapshot("plan-draft").await?;
        }
        tick(&app, code, comm, i as i64 + 1).await?;
        ticked.push(code.clone());
    }

    app.wait_for("[data-testid='plan-finalize']:not([disabled])")
        .await?;
    assert_eq!(app.count("[data-testid='plan-blocker']").await?, 0);
    assert_eq!(
        num_attr(&app, "[data-testid='coverage-all']", "data-selected").await?,
        23
    );

    app.click(finalize).await?;
    app.wait_for("[data-testid='plan-screen'][data-status='final']")
        .await?;
    let badge = app
        .wait_for("[data-testid='plan-status']")
        .await?
        .text()
        .await?;
    assert!(badge.contains("Đã phê duyệt"), "{badge}");

    app.select("[data-testid='plan-block']", "").await?;
    row_codes(&app, 114).await?;
    scroll_to_top(&app).await?;
    app.snapshot("plan").await?;

    // The work list shows exactly the planned agencies.
    app.click("[data-testid='nav-worklist']").await?;
    let listed = app
        .until("the work list shows the 23 planned inspections", || async {
            let rows = app
                .client
                .find_all(Locator::Css("[data-testid='work-item']"))
                .await?;
            if rows.len() != ticked.len() {
                return Ok(None);
            }
            let mut codes = Vec::new();
            for r in rows {
                codes.push(r.attr("data-code").await?.unwrap_or_default());
            }
            Ok(Some(codes))
        })
        .await?;
    let mut a = listed.clone();
    let mut b = ticked.clone();
    a.sort();
    b.sort();
    ensure!(a == b, "work list {a:?} ≠ planned {b:?}");
    // The lead's own inspection comes first, marked as theirs.
    assert_eq!(listed[0], first, "the current user's team first");
    let mine = app
        .wait_for("[data-testid='work-item'][data-mine='true']")
        .await?
        .text()
        .await?;
    assert!(mine.contains("Đoàn của tôi"), "{mine}");
    assert_eq!(
        app.count("[data-testid='work-item'][data-mine='true']")
            .await?,
        1
    );
    app.snapshot("worklist").await?;
    app.close().await
}

#[tokio::test(flavor = "multi_thread")]
async fn a_seeded_draw_fills_the_plan_and_an_approved_plan_is_amended_with_a_reason() -> Result<()>
{
    let dir = DataDir::new()?;
    let app = App::start(&dir).await?;
    add_lead(&app).await?;
    open_new_plan(&app).await?;

    app.select("[data-testid='plan-method']", "random").await?;
    app.type_into("[data-testid='plan-seed']", "20260101")
        .await?;
    app.click("[data-testid='plan-draw']").await?;
    until_attr(
        &app,
        "[data-testid='coverage-commune']",
        "data-selected",
        "20",
    )
    .await?;
    until_attr(
        &app,
        "[data-testid='coverage-provincial']",
        "data-selected",
        "3",
    )
    .await?;
    let seed = app
        .wait_for("[data-testid='plan-seed-value']")
        .await?
        .text()
        .await?;
    assert_eq!(seed, "20260101");

    app.click("[data-testid='plan-finalize']:not([disabled])")
        .await?;
    app.wait_for("[data-testid='plan-screen'][data-status='final']")
        .await?;

    // On an approved plan a tick asks for the reason first, then is recorded as amendment 1.
    app.select("[data-testid='plan-selection']", "unselected")
        .await?;
    app.select("[data-testid='plan-block']", "provincial")
        .await?;
    let extra = row_codes(&app, 12).await?.remove(0);
    app.click(&format!(
        "[data-testid='plan-row'][data-code='{extra}'] [data-testid='plan-select']"
    ))
    .await?;
    app.type_into(
        "[data-testid='reason-input']",
        "Bổ sung theo chỉ đạo của UBND tỉnh",
    )
    .await?;
    app.click("[data-testid='reason-submit']").await?;
    until_attr(
        &app,
        "[data-testid='coverage-provincial']",
        "data-selected",
        "4",
    )
    .await?;
    let amendment = app
        .wait_for("[data-testid='plan-amendment']")
        .await?
        .text()
        .await?;
    assert!(amendment.contains("Bổ sung theo chỉ đạo"), "{amendment}");
    assert!(amendment.contains(LEAD), "{amendment}");
    let badge = app
        .wait_for("[data-testid='plan-status']")
        .await?
        .text()
        .await?;
    assert!(badge.contains("điều chỉnh lần 1"), "{badge}");
    scroll_to_top(&app).await?;
    app.snapshot("plan-amended").await?;
    app.close().await
}
