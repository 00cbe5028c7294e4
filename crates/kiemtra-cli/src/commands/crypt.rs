//! `kiemtra encrypt`, `kiemtra passphrase change`, `kiemtra recovery-key`, `kiemtra
//! unlock-check`: encryption at rest (kiemtra_core::crypt). The secret that opens a store comes
//! from `--passphrase-file` or `KIEMTRA_PASSPHRASE`, else `--recovery-key-file` or
//! `KIEMTRA_RECOVERY_KEY`; it is never an argument (it would show in the process list).

use std::io::Write;
use std::path::{Path, PathBuf};

use kiemtra_core::crypt::{self, Secret};
use serde::Serialize;

use crate::output;

/// Reads a secret from a file: its first line (a final newline, CRLF too, is not part of it).
fn secret_file(path: &Path) -> anyhow::Result<String> {
    let bytes = super::read_file(path)?;
    let text = String::from_utf8(bytes)
        .map_err(|_| anyhow::anyhow!("tệp «{}» không phải văn bản UTF-8", path.display()))?;
    Ok(text.lines().next().unwrap_or_default().to_string())
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// The secret given to this run, if any.
pub fn secret(
    passphrase_file: Option<&Path>,
    recovery_key_file: Option<&Path>,
) -> anyhow::Result<Option<Secret>> {
    if let Some(p) = passphrase_file {
        return Ok(Some(Secret::passphrase(&secret_file(p)?)));
    }
    if let Some(p) = env("KIEMTRA_PASSPHRASE") {
        return Ok(Some(Secret::passphrase(&p)));
    }
    if let Some(p) = recovery_key_file {
        return Ok(Some(Secret::recovery_key(&secret_file(p)?)));
    }
    Ok(env("KIEMTRA_RECOVERY_KEY").map(|k| Secret::recovery_key(&k)))
}

fn required(secret: Option<&Secret>, what: &str) -> anyhow::Result<Secret> {
    secret.cloned().ok_or_else(|| {
        anyhow::anyhow!(
            "{what} cần mật khẩu: đặt biến KIEMTRA_PASSPHRASE hoặc dùng --passphrase-file TỆP (quên mật khẩu: --recovery-key-file TỆP)"
        )
    })
}

fn sheet(key: &str, dir: &Path) -> anyhow::Result<Vec<u8>> {
    let now = chrono::Local::now();
    let input = kiemtra_pdf::RecoverySheetInput {
        recovery_key: key.to_string(),
        made_on: now.date_naive(),
        // As the user finds it again: a full path, whatever `--data-dir` was typed.
        data_dir: std::path::absolute(dir)
            .unwrap_or_else(|_| dir.to_path_buf())
            .display()
            .to_string(),
    };
    Ok(kiemtra_pdf::render(
        &input,
        &kiemtra_pdf::DocumentSettings::default(),
        &kiemtra_pdf::RenderOptions {
            draft: false,
            created: now.naive_utc(),
            document_id: None,
        },
    )?)
}

#[derive(Serialize)]
struct Encrypted<'a> {
    #[serde(flatten)]
    summary: &'a crypt::EncryptSummary,
    recovery_sheet: Option<String>,
}

pub fn encrypt(
    dir: &Path,
    secret: Option<&Secret>,
    recovery_out: Option<&PathBuf>,
    json: bool,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let passphrase = match required(secret, "Mã hoá")? {
        Secret::Passphrase(p) => p,
        Secret::RecoveryKey(_) => {
            anyhow::bail!("mã hoá cần một mật khẩu mới (KIEMTRA_PASSPHRASE hoặc --passphrase-file), không phải khoá khôi phục")
        }
    };
    // The sheet is checked before anything changes: a place it cannot be written stops here.
    if let Some(p) = recovery_out {
        if p.is_dir() {
            anyhow::bail!("«{}» là một thư mục; hãy ghi cả tên tệp PDF", p.display());
        }
    }
    let s = crypt::encrypt(dir, &passphrase)?;
    let mut saved = None;
    if let Some(p) = recovery_out {
        let pdf = sheet(&s.recovery_key, dir)?;
        kiemtra_core::files::write_atomic(p, &pdf)?;
        saved = Some(p.display().to_string());
    }
    let shown = Encrypted {
        summary: &s,
        recovery_sheet: saved,
    };
    output::emit(out, json, &shown, |out, e| {
        let s = e.summary;
        writeln!(
            out,
            "Đã mã hoá kho dữ liệu {}: kho dữ liệu, {} tài liệu kiểm chứng và {} văn bản đã ban hành",
            s.data_dir, s.evidence_files, s.documents
        )?;
        writeln!(out, "Khoá khôi phục (chỉ hiện một lần, hãy cất giữ):")?;
        writeln!(out, "  {}", s.recovery_key)?;
        if let Some(p) = &e.recovery_sheet {
            writeln!(out, "Đã ghi tờ khoá khôi phục: {p}")?;
        }
        Ok(())
    })
}

fn new_passphrase(file: Option<&PathBuf>) -> anyhow::Result<String> {
    if let Some(p) = file {
        return secret_file(p);
    }
    env("KIEMTRA_NEW_PASSPHRASE").ok_or_else(|| {
        anyhow::anyhow!(
            "cần mật khẩu mới: đặt biến KIEMTRA_NEW_PASSPHRASE hoặc dùng --new-passphrase-file TỆP"
        )
    })
}

#[derive(Serialize)]
struct Changed {
    data_dir: String,
    changed: bool,
}

pub fn change(
    dir: &Path,
    secret: Option<&Secret>,
    new_file: Option<&PathBuf>,
    json: bool,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    refuse_plain(dir)?;
    let with = required(secret, "Đổi mật khẩu")?;
    let new = new_passphrase(new_file)?;
    crypt::recover(dir)?;
    crypt::change_passphrase(dir, &with, &new)?;
    let c = Changed {
        data_dir: dir.display().to_string(),
        changed: true,
    };
    output::emit(out, json, &c, |out, c| {
        writeln!(
            out,
            "Đã đổi mật khẩu của kho dữ liệu {}; dữ liệu giữ nguyên",
            c.data_dir
        )?;
        Ok(())
    })
}

#[derive(Serialize)]
struct NewRecovery {
    data_dir: String,
    recovery_key: String,
    recovery_sheet: String,
}

pub fn recovery_key(
    dir: &Path,
    secret: Option<&Secret>,
    file: &Path,
    json: bool,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    refuse_plain(dir)?;
    let with = required(secret, "Tạo khoá khôi phục")?;
    if file.is_dir() {
        anyhow::bail!(
            "«{}» là một thư mục; hãy ghi cả tên tệp PDF",
            file.display()
        );
    }
    crypt::recover(dir)?;
    // Checked first, so a wrong passphrase changes nothing.
    crypt::unlock(dir, &with)?;
    let key = crypt::new_recovery(dir, &with)?;
    let pdf = sheet(&key, dir)?;
    kiemtra_core::files::write_atomic(file, &pdf)?;
    let r = NewRecovery {
        data_dir: dir.display().to_string(),
        recovery_key: key.to_string(),
        recovery_sheet: file.display().to_string(),
    };
    output::emit(out, json, &r, |out, r| {
        writeln!(out, "Khoá khôi phục mới (khoá cũ không còn dùng được):")?;
        writeln!(out, "  {}", r.recovery_key)?;
        writeln!(out, "Đã ghi tờ khoá khôi phục: {}", r.recovery_sheet)?;
        Ok(())
    })
}

#[derive(Serialize)]
struct Unlocked {
    data_dir: String,
    unlocked: bool,
}

pub fn unlock_check(
    dir: &Path,
    secret: Option<&Secret>,
    json: bool,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    refuse_plain(dir)?;
    let with = required(secret, "Mở khoá")?;
    crypt::unlock(dir, &with)?;
    let u = Unlocked {
        data_dir: dir.display().to_string(),
        unlocked: true,
    };
    output::emit(out, json, &u, |out, u| {
        writeln!(out, "Mở được kho dữ liệu {}", u.data_dir)?;
        Ok(())
    })
}

fn refuse_plain(dir: &Path) -> anyhow::Result<()> {
    if !crypt::is_encrypted(dir) {
        anyhow::bail!(
            "kho dữ liệu {} chưa được mã hoá (không có mật khẩu); mã hoá bằng «kiemtra encrypt»",
            dir.display()
        );
    }
    Ok(())
}
