//! An encrypted store: the app opens on the unlock screen; a wrong passphrase is refused with
//! its message (and the store's bytes are unchanged); the right one opens the data.

use anyhow::{ensure, Result};
use kiemtra_e2e::{cli, App, DataDir};

const PASS: &str = "Mật khẩu của đoàn 2026";

fn files(dir: &std::path::Path) -> Result<Vec<(std::path::PathBuf, Vec<u8>)>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d)? {
            let p = e?.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let bytes = std::fs::read(&p)?;
                out.push((p, bytes));
            }
        }
    }
    out.sort();
    Ok(out)
}

#[tokio::test(flavor = "multi_thread")]
async fn an_encrypted_store_opens_on_the_unlock_screen_and_only_with_its_passphrase() -> Result<()>
{
    let dir = DataDir::new()?;
    cli(dir.path(), &["init"])?;
    cli(
        dir.path(),
        &["profile", "add", "Trần Thị Bình", "--role", "lead"],
    )?;
    let pass_file = dir.path().with_extension("mat-khau.txt");
    std::fs::write(&pass_file, PASS)?;
    let pass_arg = pass_file.display().to_string();
    let said = cli(dir.path(), &["--passphrase-file", &pass_arg, "encrypt"])?;
    ensure!(said.contains("Khoá khôi phục"), "{said}");
    let before = files(dir.path())?;

    let app = App::start_first_run(&dir).await?;
    let screen = app.wait_for("[data-testid='unlock']").await?;
    let text = screen.text().await?;
    assert!(text.contains("Dữ liệu đã được mã hoá"), "{text}");
    assert_eq!(
        app.count("[data-testid^='nav-']").await?,
        0,
        "nothing of the store is offered before it is opened"
    );
    app.snapshot("unlock").await?;

    app.type_into("[data-testid='unlock-secret']", "mật khẩu sai")
        .await?;
    app.click("[data-testid='unlock-submit']").await?;
    let error = app
        .wait_for("[data-testid='unlock-error']")
        .await?
        .text()
        .await?;
    assert!(error.contains("Mật khẩu không đúng"), "{error}");
    app.snapshot("unlock-wrong-passphrase").await?;
    assert!(
        before == files(dir.path())?,
        "a wrong passphrase changed the data directory"
    );

    app.type_into("[data-testid='unlock-secret']", PASS).await?;
    app.click("[data-testid='unlock-submit']").await?;
    app.wait_for("[data-testid='app'][data-ready='true']")
        .await?;
    let header = app.wait_for("header").await?.text().await?;
    assert!(
        header.contains("Trần Thị Bình"),
        "the data opened: {header}"
    );
    app.snapshot("unlocked").await?;
    app.close().await?;
    Ok(())
}

/// Creating a store offers the passphrase: the welcome's last step encrypts the new store and
/// shows the recovery key once; the next start opens on the unlock screen.
#[tokio::test(flavor = "multi_thread")]
async fn the_welcome_offers_a_passphrase_and_the_next_start_asks_for_it() -> Result<()> {
    let dir = DataDir::new()?;
    let app = App::start_first_run(&dir).await?;
    app.wait_for("[data-testid='welcome'][data-step='seeds']")
        .await?;
    app.click("[data-testid='welcome-next']").await?;
    app.type_into("[data-testid='welcome-name']", "Nguyễn Thị Lan")
        .await?;
    app.click("[data-testid='welcome-profile-save']").await?;
    app.wait_for("[data-testid='welcome'][data-step='documents']")
        .await?;
    app.click("[data-testid='welcome-documents-skip']").await?;
    app.wait_for("[data-testid='welcome'][data-step='done']")
        .await?;

    // Two different entries are refused before anything is done.
    app.type_into("[data-testid='encrypt-pass']", PASS).await?;
    app.type_into("[data-testid='encrypt-again']", "Mật khẩu khác hẳn")
        .await?;
    app.click("[data-testid='encrypt-submit']").await?;
    let refused = app
        .wait_for("[data-testid='encrypt-panel']")
        .await?
        .text()
        .await?;
    assert!(refused.contains("không giống nhau"), "{refused}");
    assert!(!dir.path().join("kiemtra.key").exists());

    app.type_into("[data-testid='encrypt-again']", PASS).await?;
    app.click("[data-testid='encrypt-submit']").await?;
    let key = app
        .wait_for("[data-testid='encrypt-recovery-key']")
        .await?
        .text()
        .await?;
    let groups: Vec<&str> = key.trim().split('-').collect();
    assert!(
        groups.len() == 8 && groups.iter().all(|g| g.len() == 4),
        "a recovery key in eight groups of four: {key}"
    );
    app.snapshot("welcome-encrypt").await?;
    app.click("[data-testid='welcome-finish']").await?;
    app.wait_for("[data-testid='app'][data-ready='true']")
        .await?;
    app.close().await?;

    ensure!(
        dir.path().join("kiemtra.key").exists(),
        "the store is encrypted"
    );
    for (path, bytes) in files(dir.path())? {
        ensure!(
            !bytes.windows(15).any(|w| w == b"SQLite format 3"),
            "{} is a plain SQLite file",
            path.display()
        );
    }
    // The recovery key opens it too (the CLI, as a lead who forgot the passphrase would).
    let key_file = dir.path().with_extension("khoa.txt");
    std::fs::write(&key_file, key.trim())?;
    cli(
        dir.path(),
        &[
            "--recovery-key-file",
            &key_file.display().to_string(),
            "unlock-check",
        ],
    )?;

    let app = App::start_first_run(&dir).await?;
    app.wait_for("[data-testid='unlock']").await?;
    app.type_into("[data-testid='unlock-secret']", PASS).await?;
    app.click("[data-testid='unlock-submit']").await?;
    app.wait_for("[data-testid='app'][data-ready='true']")
        .await?;
    assert_eq!(
        app.count("[data-testid='welcome']").await?,
        0,
        "the profile made before encrypting is there"
    );
    app.close().await?;
    Ok(())
}

/// The backup of an encrypted store, restored from the backup dialog of another laptop: the
/// window asks for the passphrase of the store it came from, refuses a wrong one with its
/// message and writes nothing, and restores with the right one (still encrypted).
#[tokio::test(flavor = "multi_thread")]
async fn an_encrypted_backup_restores_from_the_window_with_its_passphrase() -> Result<()> {
    // The lead's laptop, encrypted, backed up to a stick.
    let source = DataDir::new()?;
    cli(source.path(), &["init"])?;
    cli(
        source.path(),
        &["profile", "add", "Trần Thị Bình", "--role", "lead"],
    )?;
    let pass_file = source.path().with_extension("mat-khau.txt");
    std::fs::write(&pass_file, PASS)?;
    let pass_arg = pass_file.display().to_string();
    cli(source.path(), &["--passphrase-file", &pass_arg, "encrypt"])?;
    let usb = tempfile::tempdir()?;
    let backup = usb.path().join("sao-luu.kbak");
    cli(
        source.path(),
        &[
            "--passphrase-file",
            &pass_arg,
            "backup",
            "--out",
            &backup.display().to_string(),
        ],
    )?;

    // Another laptop restores it into a folder of the stick.
    let here = DataDir::new()?;
    cli(here.path(), &["init"])?;
    cli(
        here.path(),
        &["profile", "add", "Nguyễn Văn An", "--role", "lead"],
    )?;
    let app = App::start(&here).await?;
    let target_dir = usb.path().display().to_string();
    let backup_arg = backup.display().to_string();
    app.stub_file_chooser(&[&backup_arg, &target_dir]).await?;
    app.click("[data-testid='backup-open']").await?;
    app.click("[data-testid='backup-restore']").await?;
    let asked = app
        .wait_for("[data-testid='restore-locked']")
        .await?
        .text()
        .await?;
    assert!(asked.contains("được mã hoá"), "{asked}");
    let said = app
        .wait_for("[data-testid='backup-dialog']")
        .await?
        .text()
        .await?;
    assert!(said.contains("cần mật khẩu"), "{said}");
    let folders = || -> Result<usize> {
        Ok(std::fs::read_dir(usb.path())?
            .filter(|e| e.as_ref().map(|e| e.path().is_dir()).unwrap_or(false))
            .count())
    };
    assert_eq!(folders()?, 0, "nothing is written before the passphrase");

    app.type_into("[data-testid='restore-secret']", "mật khẩu sai")
        .await?;
    app.click("[data-testid='restore-submit']").await?;
    let refused = app
        .until("the wrong passphrase is refused", || async {
            let t = app
                .wait_for("[data-testid='backup-dialog']")
                .await?
                .text()
                .await?;
            Ok(t.contains("Mật khẩu không đúng").then_some(t))
        })
        .await?;
    assert!(refused.contains("Dùng khoá khôi phục"), "{refused}");
    assert_eq!(folders()?, 0, "a wrong passphrase writes nothing");
    app.snapshot("restore-encrypted-wrong").await?;

    app.type_into("[data-testid='restore-secret']", PASS)
        .await?;
    app.click("[data-testid='restore-submit']").await?;
    let done = app
        .wait_for("[data-testid='backup-done']")
        .await?
        .text()
        .await?;
    assert!(done.contains("vẫn được mã hoá"), "{done}");
    app.snapshot("restore-encrypted").await?;
    app.close().await?;

    let restored: Vec<_> = std::fs::read_dir(usb.path())?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    assert_eq!(restored.len(), 1, "{restored:?}");
    ensure!(restored[0].join("kiemtra.key").exists(), "still encrypted");
    let shown = cli(
        &restored[0],
        &["--passphrase-file", &pass_arg, "profile", "list"],
    )?;
    assert!(shown.contains("Trần Thị Bình"), "{shown}");
    Ok(())
}
