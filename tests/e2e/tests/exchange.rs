//! Team exchange through the real app. Three laptops are prepared with the CLI: the lead makes
//! the 2026 plan (with Xã Tam Tiến, 07264) and sends it; two inspectors import it, start the
//! inspection and answer the same item differently (Đạt / Chưa đạt), and export their bundles.
//! The app is then started on the lead's data directory: both bundles are imported through the
//! "Trao đổi" screen (the path typed, the preview read, trust confirmed), the "Xung đột" tab
//! shows exactly one conflict with both values, also beside the inspection (a tab and a badge on
//! the item), where the lead keeps one; then both lists are empty.

use std::path::{Path, PathBuf};

use anyhow::{ensure, Context, Result};
use kiemtra_e2e::{cli, App, DataDir};

const AGENCY: &str = "07264";

/// A laptop with one profile, the current one.
fn laptop(person: &str, role: &str) -> Result<DataDir> {
    let dir = DataDir::new()?;
    cli(dir.path(), &["init"])?;
    cli(dir.path(), &["profile", "add", person, "--role", role])?;
    Ok(dir)
}

fn export(data: &Path, out: &Path) -> Result<()> {
    let out = out.display().to_string();
    cli(data, &["bundle", "export", "--year", "2026", "--out", &out])?;
    Ok(())
}

/// Starts the planned inspection; its id.
fn start(data: &Path) -> Result<String> {
    let said = cli(
        data,
        &[
            "inspection",
            "start",
            "--year",
            "2026",
            "--agency",
            AGENCY,
            "--date",
            "2026-05-04",
        ],
    )?;
    Ok(said.trim().lines().last().unwrap_or_default().to_string())
}

/// Lets WebKit paint the last change (its screenshots lag a frame behind), then takes one.
async fn picture(app: &App, name: &str) -> Result<()> {
    app.client
        .execute(
            "document.activeElement && document.activeElement.blur();",
            vec![],
        )
        .await?;
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    app.snapshot(name).await
}

/// Imports `file` through the Nhập tab; the preview's text.
async fn import(app: &App, file: &Path, sender: &str) -> Result<String> {
    app.click("[data-testid='exchange-tab-import']").await?;
    app.type_into("[data-testid='import-path']", &file.display().to_string())
        .await?;
    app.click("[data-testid='import-preview']").await?;
    let summary = app
        .wait_for("[data-testid='import-summary']")
        .await?
        .text()
        .await?;
    ensure!(
        summary.contains(sender),
        "the preview names {sender}: {summary}"
    );
    Ok(summary)
}

#[tokio::test(flavor = "multi_thread")]
async fn the_lead_imports_two_bundles_sees_one_conflict_and_keeps_one_side() -> Result<()> {
    let files = tempfile::tempdir()?;
    let bundle = |name: &str| -> PathBuf { files.path().join(name) };

    let lead = laptop("Trần Thị Bình", "lead")?;
    cli(
        lead.path(),
        &["profile", "add", "Nguyễn Văn An", "--role", "inspector"],
    )?;
    cli(
        lead.path(),
        &["profile", "add", "Lê Văn Cường", "--role", "inspector"],
    )?;
    cli(
        lead.path(),
        &["plan", "create", "--year", "2026", "--include", AGENCY],
    )?;
    export(lead.path(), &bundle("ke-hoach.kiemtra"))?;

    let an = laptop("Nguyễn Văn An", "inspector")?;
    let cuong = laptop("Lê Văn Cường", "inspector")?;
    for l in [&an, &cuong] {
        let plan = bundle("ke-hoach.kiemtra").display().to_string();
        cli(l.path(), &["bundle", "import", &plan, "--trust"])?;
    }
    let id_an = start(an.path())?;
    let id_cuong = start(cuong.path())?;
    let shown: serde_json::Value =
        serde_json::from_str(&cli(an.path(), &["inspection", "show", &id_an, "--json"])?)?;
    let item = shown["items"][0]["source_ref"]
        .as_str()
        .context("the inspection has items")?
        .to_string();
    cli(
        an.path(),
        &["inspection", "record", &id_an, &item, "--status", "met"],
    )?;
    cli(
        cuong.path(),
        &[
            "inspection",
            "record",
            &id_cuong,
            &item,
            "--status",
            "unmet",
            "--note",
            "Chưa niêm yết đủ thủ tục",
        ],
    )?;
    let (from_an, from_cuong) = (bundle("an.kiemtra"), bundle("cuong.kiemtra"));
    export(an.path(), &from_an)?;
    export(cuong.path(), &from_cuong)?;
    let fingerprint_an: serde_json::Value =
        serde_json::from_str(&cli(an.path(), &["device", "show", "--json"])?)?;
    let fingerprint_an = fingerprint_an["fingerprint"]
        .as_str()
        .context("a fingerprint")?
        .to_uppercase();

    let app = App::start(&lead).await?;
    app.click("[data-testid='nav-exchange']").await?;
    let me = app
        .wait_for("[data-testid='device-profile']")
        .await?
        .text()
        .await?;
    assert_eq!(me, "Trần Thị Bình");
    app.wait_for("[data-testid='trusted-empty']").await?;

    // An's bundle: previewed, the unknown sender's fingerprint shown, import only once trusted.
    let summary = import(&app, &from_an, "Nguyễn Văn An").await?;
    for group in fingerprint_an.split('-') {
        ensure!(
            summary.contains(group),
            "fingerprint group {group} in {summary}"
        );
    }
    ensure!(
        summary.contains("Đối chiếu dấu vân tay với người gửi qua điện thoại"),
        "{summary}"
    );
    assert_eq!(
        app.attr("[data-testid='import-summary']", "data-trusted")
            .await?
            .as_deref(),
        Some("false")
    );
    let disabled = app
        .wait_for("[data-testid='import-run']")
        .await?
        .prop("disabled")
        .await?;
    assert_eq!(disabled.as_deref(), Some("true"), "no import before trust");
    picture(&app, "exchange-import").await?;
    app.click("[data-testid='import-trust']").await?;
    app.click("[data-testid='import-run']").await?;
    let done = app
        .wait_for("[data-testid='import-result']")
        .await?
        .text()
        .await?;
    ensure!(done.contains("Nguyễn Văn An"), "{done}");
    let conflicts = app
        .wait_for("[data-testid='import-done-conflicts'] strong")
        .await?
        .text()
        .await?;
    assert_eq!(conflicts, "0");

    // Cường's bundle: the same item answered otherwise, one conflict foreseen and made.
    import(&app, &from_cuong, "Lê Văn Cường").await?;
    let foreseen = app
        .wait_for("[data-testid='import-count-conflicts'] strong")
        .await?
        .text()
        .await?;
    assert_eq!(foreseen, "1", "the preview foresees one conflict");
    app.click("[data-testid='import-trust']").await?;
    app.click("[data-testid='import-run']").await?;
    let made = app
        .wait_for("[data-testid='import-done-conflicts'] strong")
        .await?
        .text()
        .await?;
    assert_eq!(made, "1");

    // The two inspectors' laptops are trusted now.
    app.click("[data-testid='exchange-tab-device']").await?;
    let trusted = app
        .wait_for("[data-testid='trusted-list']")
        .await?
        .text()
        .await?;
    ensure!(
        trusted.contains("Nguyễn Văn An") && trusted.contains("Lê Văn Cường"),
        "{trusted}"
    );

    // Exactly one conflict, both values side by side.
    app.click("[data-testid='exchange-tab-conflicts']").await?;
    app.wait_for("[data-testid='conflicts-list']").await?;
    assert_eq!(app.count("[data-testid='conflict']").await?, 1);
    let ours = app
        .wait_for("[data-testid='conflict-ours-status']")
        .await?
        .text()
        .await?;
    let theirs = app
        .wait_for("[data-testid='conflict-theirs-status']")
        .await?
        .text()
        .await?;
    let mut both = [ours.clone(), theirs.clone()];
    both.sort();
    assert_eq!(both, ["Chưa đạt".to_string(), "Đạt".to_string()]);
    let text = app
        .wait_for("[data-testid='conflict']")
        .await?
        .text()
        .await?;
    ensure!(text.contains(&item) && text.contains(AGENCY), "{text}");
    ensure!(text.contains("Chưa niêm yết đủ thủ tục"), "{text}");
    ensure!(
        text.contains("Nguyễn Văn An") && text.contains("Lê Văn Cường"),
        "who made each side: {text}"
    );
    picture(&app, "exchange-conflict").await?;

    // Beside the inspection: the item carries a badge and the inspection a "Xung đột" tab with
    // the same two values; the lead keeps Cường's "Chưa đạt" there.
    app.click("[data-testid='nav-worklist']").await?;
    app.click(&format!(
        "[data-testid='work-item'][data-code='{AGENCY}'] [data-testid='open-inspection']"
    ))
    .await?;
    app.wait_for("[data-testid='inspection-screen'][data-loading='false']")
        .await?;
    let badge =
        format!("[data-testid='inspection-item'][data-ref='{item}'] [data-testid='item-conflict']");
    app.wait_for(&badge).await?;
    let tab = app
        .wait_for("[data-testid='inspection-tab-conflicts']")
        .await?
        .text()
        .await?;
    ensure!(tab.contains("Xung đột (1)"), "{tab}");
    app.click("[data-testid='inspection-tab-conflicts']")
        .await?;
    app.wait_for("[data-testid='inspection-conflicts'] [data-testid='conflicts-list']")
        .await?;
    assert_eq!(app.count("[data-testid='conflict']").await?, 1);
    let beside = app
        .wait_for("[data-testid='inspection-conflicts'] [data-testid='conflict']")
        .await?
        .text()
        .await?;
    ensure!(
        beside.contains("Chưa niêm yết đủ thủ tục") && beside.contains("Lê Văn Cường"),
        "{beside}"
    );
    picture(&app, "inspection-conflict").await?;
    let side = if theirs == "Chưa đạt" {
        "theirs"
    } else {
        "ours"
    };
    app.click(&format!("[data-testid='conflict-keep-{side}']"))
        .await?;
    app.click("[data-testid='confirm-submit']").await?;
    // The inspection reloads with the kept value; the tab and the badge are gone.
    app.until("the kept answer shown without a conflict", || async {
        let status = app
            .attr(
                &format!("[data-testid='inspection-item'][data-ref='{item}']"),
                "data-status",
            )
            .await?;
        let tabs = app
            .count("[data-testid='inspection-tab-conflicts']")
            .await?;
        let badges = app.count(&badge).await?;
        Ok((status.as_deref() == Some("unmet") && tabs == 0 && badges == 0).then_some(()))
    })
    .await?;

    // …and the Trao đổi screen's list is empty too.
    app.click("[data-testid='nav-exchange']").await?;
    app.click("[data-testid='exchange-tab-conflicts']").await?;
    app.wait_for("[data-testid='conflicts-empty']").await?;
    assert_eq!(app.count("[data-testid='conflict']").await?, 0);

    let list: serde_json::Value = serde_json::from_str(&cli(
        lead.path(),
        &["inspection", "list", "--year", "2026", "--json"],
    )?)?;
    let id = list[0]["id"].to_string();
    app.close().await?;
    let merged: serde_json::Value =
        serde_json::from_str(&cli(lead.path(), &["inspection", "show", &id, "--json"])?)?;
    let kept = merged["items"]
        .as_array()
        .and_then(|items| items.iter().find(|i| i["source_ref"] == item.as_str()))
        .context("the item in the lead's inspection")?;
    assert_eq!(kept["status"], "unmet", "{kept}");
    let left: serde_json::Value =
        serde_json::from_str(&cli(lead.path(), &["conflicts", "list", "--json"])?)?;
    assert_eq!(left, serde_json::json!([]));
    Ok(())
}
