//! Evidence through the real app. The data directory is prepared with the CLI up to a started
//! inspection of Xã Tam Tiến; a small PNG with a Vietnamese name is added through the path
//! field (native file choosers cannot be driven), mapped to criterion 3.2. The list shows it
//! with the SHA-256 computed here, and the completeness matrix lists it under 3.2 and marks
//! the items of 3.2 as having evidence.

use std::path::Path;
use std::process::Command;

use anyhow::{ensure, Context, Result};
use fantoccini::Locator;
use kiemtra_e2e::{cli, App, DataDir};

const AGENCY: &str = "07264";
const CRITERION: &str = "3.2";
const FILE_NAME: &str = "Ảnh niêm yết TTHC tại bộ phận một cửa.png";

/// Whether the framework in force has `code` anywhere in its tree.
fn has_code(nodes: &serde_json::Value, code: &str) -> bool {
    nodes.as_array().is_some_and(|list| {
        list.iter()
            .any(|n| n["code"] == code || has_code(&n["children"], code))
    })
}

/// A valid 2×2 PNG (red, green / blue, white), so the backend can make its thumbnail.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x02, 0x08, 0x02, 0x00, 0x00, 0x00, 0xfd, 0xd4, 0x9a,
    0x73, 0x00, 0x00, 0x00, 0x13, 0x49, 0x44, 0x41, 0x54, 0x78, 0xda, 0x63, 0xf8, 0xcf, 0xc0, 0xc0,
    0xb0, 0x00, 0x88, 0x19, 0xfe, 0x03, 0x01, 0x00, 0x1c, 0x97, 0x05, 0x9c, 0xfb, 0x71, 0xd6, 0x5e,
    0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

fn sha256_of(path: &Path) -> Result<String> {
    let out = Command::new("sha256sum")
        .arg(path)
        .output()
        .context("running sha256sum")?;
    ensure!(out.status.success(), "sha256sum failed");
    let text = String::from_utf8(out.stdout)?;
    Ok(text
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_string())
}

/// Lets WebKit paint the last change (its screenshots lag a frame behind), then takes one.
async fn picture(app: &App, name: &str) -> Result<()> {
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    app.snapshot(name).await
}

#[tokio::test(flavor = "multi_thread")]
async fn a_file_added_by_path_is_listed_with_its_hash_and_fills_the_matrix() -> Result<()> {
    let dir = DataDir::new()?;
    let d = dir.path();
    cli(d, &["init"])?;
    cli(d, &["profile", "add", "Nguyễn Văn An", "--role", "lead"])?;
    cli(
        d,
        &["plan", "create", "--year", "2026", "--include", AGENCY],
    )?;
    let started = cli(
        d,
        &["inspection", "start", "--year", "2026", "--agency", AGENCY],
    )?;
    let id: i64 = started
        .lines()
        .last()
        .unwrap_or_default()
        .trim()
        .parse()
        .with_context(|| format!("the id on the last line of {started:?}"))?;
    let framework: serde_json::Value =
        serde_json::from_str(&cli(d, &["framework", "show", "--json"])?)?;
    ensure!(
        has_code(&framework["nodes"], CRITERION),
        "criterion {CRITERION} in the framework"
    );
    let shown: serde_json::Value =
        serde_json::from_str(&cli(d, &["inspection", "show", &id.to_string(), "--json"])?)?;
    let uses = shown["items"].as_array().is_some_and(|items| {
        items.iter().any(|i| {
            i["source_ref"] == "II.2.1.1"
                && i["par_criteria"]
                    .as_array()
                    .is_some_and(|c| c.iter().any(|c| c == CRITERION))
        })
    });
    ensure!(
        uses,
        "item II.2.1.1 of the commune's checklist is evidence for {CRITERION}"
    );

    let files = tempfile::tempdir()?;
    let file = files.path().join(FILE_NAME);
    std::fs::write(&file, PNG)?;
    let sha = sha256_of(&file)?;
    ensure!(sha.len() == 64, "a SHA-256: {sha}");

    let app = App::start(&dir).await?;
    app.click("[data-testid='nav-worklist']").await?;
    app.click(&format!(
        "[data-testid='work-item'][data-code='{AGENCY}'] [data-testid='open-inspection']"
    ))
    .await?;
    app.wait_for(&format!(
        "[data-testid='inspection-screen'][data-id='{id}'][data-loading='false']"
    ))
    .await?;
    app.click("[data-testid='nav-evidence']").await?;
    app.wait_for(&format!(
        "[data-testid='evidence-screen'][data-id='{id}'][data-loading='false']"
    ))
    .await?;
    assert_eq!(app.count("[data-testid='evidence-row']").await?, 0);

    app.type_into("[data-testid='evidence-path']", &file.display().to_string())
        .await?;
    app.click(&format!(
        "[data-testid='evidence-criterion'][data-code='{CRITERION}']"
    ))
    .await?;
    let ticked = app
        .wait_for(&format!(
            "[data-testid='evidence-criterion'][data-code='{CRITERION}']"
        ))
        .await?
        .prop("checked")
        .await?;
    assert_eq!(
        ticked.as_deref(),
        Some("true"),
        "criterion {CRITERION} is ticked"
    );
    app.click("[data-testid='evidence-add']").await?;

    let row = format!("[data-testid='evidence-row'][data-sha256='{sha}']");
    let text = app.wait_for(&row).await?.text().await?;
    assert!(text.contains(FILE_NAME), "the row names the file: {text}");
    assert!(text.contains(&sha[..8]), "the row shows the hash: {text}");
    assert!(
        text.contains(CRITERION),
        "the row shows the criterion: {text}"
    );
    assert_eq!(app.count("[data-testid='evidence-row']").await?, 1);
    assert_eq!(
        app.wait_for("[data-testid='evidence-path']")
            .await?
            .prop("value")
            .await?
            .unwrap_or_default(),
        "",
        "the path field is emptied once the file is added"
    );

    // Integrity: the stored copy still has the same hash.
    app.click("[data-testid='evidence-verify']").await?;
    let verified = app
        .wait_for("[data-testid='verify-result'][data-ok='true']")
        .await?
        .text()
        .await?;
    assert!(verified.contains("nguyên vẹn"), "{verified}");
    app.client
        .execute(
            "document.activeElement && document.activeElement.blur();\
             document.querySelector('[data-testid=evidence-count]').scrollIntoView({block: 'start'});",
            vec![],
        )
        .await?;
    picture(&app, "evidence").await?;

    // The completeness matrix.
    // Back to the top of the screen (the list is below the add form), then the matrix tab.
    app.client
        .execute("document.getElementById('content').scrollTop = 0;", vec![])
        .await?;
    app.click("[data-testid='evidence-tab-matrix']").await?;
    let crit = format!("[data-testid='matrix-criterion'][data-code='{CRITERION}']");
    let listed = app
        .until("the matrix lists the file under its criterion", || async {
            let found = app.client.find_all(Locator::Css(&crit)).await?;
            match found.first() {
                Some(el) => {
                    let t = el.text().await?;
                    Ok(t.contains(FILE_NAME).then_some(t))
                }
                None => Ok(None),
            }
        })
        .await?;
    assert!(listed.contains("Có 1 tệp"), "{listed}");
    let present = app
        .count("[data-testid='matrix-row'][data-state='present']")
        .await?;
    assert!(
        present >= 1,
        "at least one item has evidence now ({present})"
    );
    let first = app
        .wait_for("[data-testid='matrix-row'][data-state='present']")
        .await?
        .text()
        .await?;
    assert!(first.contains(FILE_NAME) && first.contains("Có"), "{first}");
    let summary = app
        .wait_for("[data-testid='matrix-summary']")
        .await?
        .text()
        .await?;
    assert!(
        summary.contains(&format!("Có {present}")) || summary.contains(&present.to_string()),
        "{summary}"
    );
    app.client
        .execute("document.getElementById('content').scrollTop = 0;", vec![])
        .await?;
    picture(&app, "evidence-matrix").await?;
    app.close().await
}
