//! Starting on a store the app cannot open: the window says why, in Vietnamese, and the store
//! is left as it was.

use anyhow::{ensure, Result};
use kiemtra_e2e::{cli, App, DataDir};

/// The schema version field of an SQLite file: 4 bytes, big-endian, at offset 60.
const USER_VERSION_OFFSET: usize = 60;

#[tokio::test(flavor = "multi_thread")]
async fn a_store_written_by_a_newer_version_opens_a_window_that_says_so_and_is_left_untouched(
) -> Result<()> {
    let dir = DataDir::new()?;
    cli(dir.path(), &["init"])?;

    // What a later release leaves behind: the same file with a higher schema version.
    let file = dir.path().join("kiemtra.sqlite3");
    let mut bytes = std::fs::read(&file)?;
    let version =
        u32::from_be_bytes(bytes[USER_VERSION_OFFSET..USER_VERSION_OFFSET + 4].try_into()?);
    ensure!(version >= 1, "init left a migrated store");
    bytes[USER_VERSION_OFFSET..USER_VERSION_OFFSET + 4]
        .copy_from_slice(&(version + 1).to_be_bytes());
    std::fs::write(&file, &bytes)?;

    let app = App::start(&dir).await?;
    let heading = app.wait_for("#startup-error").await?.text().await?;
    assert!(heading.contains("Không mở được dữ liệu"), "{heading}");
    let screen = app.wait_for("[data-testid='startup-error']").await?;
    assert_eq!(
        screen.attr("data-code").await?.as_deref(),
        Some("database_too_new")
    );
    let text = screen.text().await?;
    assert!(
        text.contains("phiên bản mới hơn") && text.contains(&(version + 1).to_string()),
        "the window says a newer version wrote the data: {text}"
    );
    assert_eq!(
        app.count("[data-testid^='nav-']").await?,
        0,
        "no screen that needs the store is offered"
    );
    app.snapshot("startup-newer-store").await?;
    app.close().await?;

    assert_eq!(
        std::fs::read(&file)?,
        bytes,
        "the newer store is left as it was"
    );
    Ok(())
}
