//! The harness: starts `tauri-driver` on free ports with its own data directory, connects a
//! WebDriver session to the real app, and stops every process it started, even when a test
//! fails (the guard's `Drop` sends SIGTERM, which lets tauri-driver stop WebKitWebDriver too).

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, ensure, Context, Result};
use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

/// Where the workspace's debug binaries are: `$CARGO_TARGET_DIR/debug` when that is set (a
/// relative one taken from the workspace root, as cargo does when run there), else
/// `target/debug` of the workspace.
fn debug_dir() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) if !dir.is_empty() => root.join(dir).join("debug"),
        _ => root.join("target/debug"),
    }
}

/// The app binary under test: `KIEMTRA_APP_BIN`, else the workspace's debug build.
pub fn app_binary() -> PathBuf {
    std::env::var_os("KIEMTRA_APP_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| debug_dir().join("kiemtra-app"))
}

/// The `kiemtra` CLI the tests prepare data with: `KIEMTRA_CLI_BIN`, else the workspace's debug
/// build.
pub fn cli_binary() -> PathBuf {
    std::env::var_os("KIEMTRA_CLI_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| debug_dir().join("kiemtra"))
}

/// Runs the CLI on a test's data directory, whatever its exit status.
pub fn run_cli(dir: &Path, args: &[&str]) -> Result<Output> {
    let bin = cli_binary();
    ensure!(
        bin.exists(),
        "CLI {} not built: run `cargo build -p kiemtra-cli` first",
        bin.display()
    );
    Command::new(&bin)
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .output()
        .with_context(|| format!("running kiemtra {args:?}"))
}

/// Runs the CLI and requires success; its standard output.
pub fn cli(dir: &Path, args: &[&str]) -> Result<String> {
    let out = run_cli(dir, args)?;
    ensure!(
        out.status.success(),
        "kiemtra {args:?} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    Ok(String::from_utf8(out.stdout)?)
}

fn free_port() -> Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// Kills its process group politely when dropped.
struct DriverProcess(Child);

impl Drop for DriverProcess {
    fn drop(&mut self) {
        let pid = self.0.id().to_string();
        let _ = Command::new("kill").args(["-TERM", &pid]).status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.0.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub struct App {
    pub client: Client,
    _driver: DriverProcess,
    data_dir: PathBuf,
}

/// A data directory that outlives one app run (for restart tests).
pub struct DataDir(tempfile::TempDir);

impl DataDir {
    pub fn new() -> Result<Self> {
        Ok(DataDir(tempfile::tempdir()?))
    }
    pub fn path(&self) -> &Path {
        self.0.path()
    }
}

impl App {
    /// Starts the app on `data_dir` and waits until its first screen is ready. On a store
    /// without a profile the first-run welcome opens; it is left ("Để sau") for the screens
    /// behind it (the first-run test uses [`App::start_first_run`]).
    pub async fn start(data_dir: &DataDir) -> Result<App> {
        let app = App::start_first_run(data_dir).await?;
        let welcome = app
            .until("the welcome, the app or the startup error", || async {
                if app.count("[data-testid='welcome']").await? > 0 {
                    return Ok(Some(true));
                }
                let other = app.count("[data-testid='app']").await?
                    + app.count("[data-testid='startup-error']").await?;
                Ok((other > 0).then_some(false))
            })
            .await?;
        if welcome {
            app.click("[data-testid='welcome-later']").await?;
            app.wait_for("[data-testid='app'][data-ready='true']")
                .await?;
        }
        Ok(app)
    }

    /// Starts the app on `data_dir` and waits until the window shows something (the welcome on
    /// a store without a profile).
    pub async fn start_first_run(data_dir: &DataDir) -> Result<App> {
        if std::env::var_os("DISPLAY").is_none() {
            bail!("no X display: run the end-to-end tests under `xvfb-run -a` (the app needs GTK)");
        }
        let bin = app_binary();
        if !bin.exists() {
            bail!(
                "app binary {} not built: run `cargo build -p kiemtra-app` first",
                bin.display()
            );
        }
        // The first session after a build sometimes finds WebKitWebDriver not yet answering
        // behind tauri-driver ("webdriver server did not respond"): start afresh, up to 3 times.
        let mut attempt = 0;
        let (client, driver) = loop {
            attempt += 1;
            match start_session(&bin, data_dir.path()).await {
                Ok(started) => break started,
                Err(e) if attempt < 3 => {
                    eprintln!("WebDriver session, attempt {attempt}: {e:#}; starting again");
                    tokio::time::sleep(Duration::from_millis(500)).await;
                }
                Err(e) => return Err(e),
            }
        };
        let app = App {
            client,
            _driver: driver,
            data_dir: data_dir.path().to_path_buf(),
        };
        app.wait_for("[data-ready='true']").await?;
        Ok(app)
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// Waits up to 10 s for an element matching `css`.
    pub async fn wait_for(&self, css: &str) -> Result<Element> {
        self.client
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css(css))
            .await
            .with_context(|| format!("waiting for {css}"))
    }

    pub async fn click(&self, css: &str) -> Result<()> {
        self.wait_for(css)
            .await?
            .click()
            .await
            .with_context(|| format!("clicking {css}"))
    }

    /// Types into an input as a user would.
    pub async fn type_into(&self, css: &str, text: &str) -> Result<()> {
        let el = self.wait_for(css).await?;
        el.clear().await?;
        el.send_keys(text).await?;
        Ok(())
    }

    /// Chooses an option of a <select> by its value, firing the change event a user's choice fires.
    pub async fn select(&self, css: &str, value: &str) -> Result<()> {
        self.wait_for(css).await?;
        self.client
            .execute(
                "const s = document.querySelector(arguments[0]); s.focus(); s.value = arguments[1];\
                 s.dispatchEvent(new Event('input', {bubbles: true}));\
                 s.dispatchEvent(new Event('change', {bubbles: true}));\
                 return s.value;",
                vec![json!(css), json!(value)],
            )
            .await?;
        Ok(())
    }

    pub async fn count(&self, css: &str) -> Result<usize> {
        Ok(self.client.find_all(Locator::Css(css)).await?.len())
    }

    pub async fn attr(&self, css: &str, name: &str) -> Result<Option<String>> {
        Ok(self.wait_for(css).await?.attr(name).await?)
    }

    /// Polls `check` until it returns Some, or fails after 10 s with `what`.
    pub async fn until<T, F, Fut>(&self, what: &str, mut check: F) -> Result<T>
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = Result<Option<T>>>,
    {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(v) = check().await? {
                return Ok(v);
            }
            if Instant::now() > deadline {
                bail!("timed out waiting until {what}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Answers the system's file and folder chooser (the dialog plugin's `open`, a GTK window
    /// WebDriver cannot drive) with `picks`, one per call, in order; every other command goes to
    /// the app as before. The chooser is the only thing stubbed: the IPC request for it is
    /// answered in the page, as the app would answer it had the user picked these paths.
    pub async fn stub_file_chooser(&self, picks: &[&str]) -> Result<()> {
        self.client
            .execute(
                "const picks = arguments[0];\
                 const real = window.fetch.bind(window);\
                 window.fetch = (input, init) => {\
                   const url = typeof input === 'string' ? input : input.url;\
                   if (decodeURIComponent(url).includes('plugin:dialog|open')) {\
                     const pick = picks.length > 0 ? picks.shift() : null;\
                     return Promise.resolve(new Response(JSON.stringify(pick), {\
                       headers: { 'Tauri-Response': 'ok', 'Content-Type': 'application/json' }\
                     }));\
                   }\
                   return real(input, init);\
                 };\
                 return true;",
                vec![json!(picks)],
            )
            .await?;
        Ok(())
    }

    /// Saves a PNG of the window (for the README and for looking at failures).
    pub async fn screenshot(&self, path: &Path) -> Result<()> {
        let png = self.client.screenshot().await?;
        std::fs::write(path, png)?;
        Ok(())
    }

    /// Saves a screenshot named `name` into `KIEMTRA_SCREENSHOT_DIR` when that is set (the
    /// README's pictures are made this way, from the same runs that assert behaviour).
    pub async fn snapshot(&self, name: &str) -> Result<()> {
        if let Some(dir) = std::env::var_os("KIEMTRA_SCREENSHOT_DIR") {
            std::fs::create_dir_all(&dir)?;
            self.screenshot(&Path::new(&dir).join(format!("{name}.png")))
                .await?;
        }
        Ok(())
    }

    /// Ends the session and the app.
    pub async fn close(self) -> Result<()> {
        self.client.close().await?;
        Ok(())
    }
}

/// Starts tauri-driver on free ports and opens a WebDriver session on the app.
async fn start_session(bin: &Path, data_dir: &Path) -> Result<(Client, DriverProcess)> {
    let port = free_port()?;
    let native_port = free_port()?;
    let child = Command::new("tauri-driver")
        .args([
            "--port",
            &port.to_string(),
            "--native-port",
            &native_port.to_string(),
        ])
        .env("KIEMTRA_DATA_DIR", data_dir)
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .context("starting tauri-driver (cargo install tauri-driver --locked)")?;
    let driver = DriverProcess(child);
    let deadline = Instant::now() + Duration::from_secs(20);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        if Instant::now() > deadline {
            bail!("tauri-driver did not listen on port {port}");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let mut caps = serde_json::Map::new();
    caps.insert("browserName".into(), json!("wry"));
    caps.insert("tauri:options".into(), json!({ "application": bin }));
    let client = ClientBuilder::native()
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{port}"))
        .await
        .context("WebDriver session with the app")?;
    Ok((client, driver))
}

/// The CLI steps the stories share, with the people every test uses: the lead Trần Thị Bình
/// and the inspector Nguyễn Văn An.
pub mod story {
    use std::path::Path;

    use anyhow::{ensure, Context, Result};

    use super::cli;

    /// A new store with the lead and the inspector, a 2026 plan with `agency`, and the
    /// inspector's inspection there started on `date`, the inspector current; its id.
    pub fn inspector_started(d: &Path, agency: &str, date: &str) -> Result<String> {
        cli(d, &["init"])?;
        cli(d, &["profile", "add", "Trần Thị Bình", "--role", "lead"])?;
        cli(
            d,
            &["profile", "add", "Nguyễn Văn An", "--role", "inspector"],
        )?;
        cli(
            d,
            &["plan", "create", "--year", "2026", "--include", agency],
        )?;
        cli(d, &["profile", "use", "Nguyễn Văn An"])?;
        let started = cli(
            d,
            &[
                "inspection",
                "start",
                "--year",
                "2026",
                "--agency",
                agency,
                "--date",
                date,
            ],
        )?;
        let id = started
            .lines()
            .rev()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .context("inspection start printed nothing")?
            .to_string();
        ensure!(
            id.chars().all(|c| c.is_ascii_digit()),
            "inspection start did not end with the id: {started}"
        );
        Ok(id)
    }

    /// A notice needs every item answered: those the visit did not cover are marked «Không áp
    /// dụng» with a reason.
    pub fn answer_remaining(d: &Path, id: &str) -> Result<()> {
        let shown: serde_json::Value =
            serde_json::from_str(&cli(d, &["inspection", "show", id, "--json"])?)?;
        for item in shown["items"].as_array().context("items")? {
            if item["status"].is_null() {
                let r = item["source_ref"].as_str().context("source_ref")?;
                cli(
                    d,
                    &[
                        "inspection",
                        "record",
                        id,
                        r,
                        "--status",
                        "na",
                        "--note",
                        "Không phát sinh trong kỳ kiểm tra",
                    ],
                )?;
            }
        }
        Ok(())
    }

    /// The inspector submits; the lead, now current, sets the signer in the document settings
    /// (it comes only from there), the plan's number and date, and the decision establishing
    /// the team at `agency`: what a notice cites and needs before it is issued.
    pub fn submitted_with_legal_basis(d: &Path, id: &str, agency: &str) -> Result<()> {
        cli(d, &["inspection", "submit", id])?;
        cli(d, &["profile", "use", "Trần Thị Bình"])?;
        let signer = d.join("signer.json");
        std::fs::write(
            &signer,
            r#"{"signer_authority":"KT. GIÁM ĐỐC","signer_title":"PHÓ GIÁM ĐỐC","signer_name":"Lê Minh Tuấn"}"#,
        )?;
        cli(
            d,
            &["settings", "--set-documents", &signer.display().to_string()],
        )?;
        cli(
            d,
            &[
                "plan",
                "issue",
                "--year",
                "2026",
                "--number",
                "25",
                "--date",
                "2026-01-15",
            ],
        )?;
        cli(
            d,
            &[
                "decision",
                "set",
                "--year",
                "2026",
                "--agency",
                agency,
                "--number",
                "15",
                "--date",
                "2026-04-20",
            ],
        )?;
        Ok(())
    }
}
