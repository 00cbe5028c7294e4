//! How commands print what they return: text for people, or with `--json` the value itself,
//! pretty-printed, for scripts. A command with a `--json` flag calls [`emit`] once, so the two
//! forms cannot drift apart in which value they show.

use std::io::Write;
use std::path::Path;

use serde::Serialize;

/// Prints `value` as JSON when `json` is set, else as `text` writes it.
pub fn emit<W: Write, T: Serialize + ?Sized>(
    out: &mut W,
    json: bool,
    value: &T,
    text: impl FnOnce(&mut W, &T) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    if json {
        json_line(out, value)
    } else {
        text(out, value)
    }
}

/// Prints `value` as pretty JSON followed by a newline.
pub fn json_line<T: Serialize + ?Sized>(out: &mut impl Write, value: &T) -> anyhow::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)?;
    Ok(())
}

/// Saves a rendered document and says where, and how large: "Đã ghi {what}: FILE (N byte)".
/// The file is written as the core writes every file, so a reader never sees half of it.
pub fn saved_pdf(out: &mut impl Write, what: &str, path: &Path, pdf: &[u8]) -> anyhow::Result<()> {
    kiemtra_core::files::write_atomic(path, pdf)?;
    writeln!(
        out,
        "Đã ghi {what}: {} ({} byte)",
        path.display(),
        pdf.len()
    )?;
    Ok(())
}

/// Saves an exported file as [`saved_pdf`] does — "Đã ghi {what}: FILE (N byte)" — but says in
/// Vietnamese why a path cannot be written (a folder, a file where a folder should be, no
/// permission, a read-only or full disk) instead of the system's own words.
pub fn saved_file(
    out: &mut impl Write,
    what: &str,
    path: &Path,
    bytes: &[u8],
) -> anyhow::Result<()> {
    if path.is_dir() {
        anyhow::bail!(
            "Không ghi được {what}: «{}» là một thư mục; hãy ghi cả tên tệp, ví dụ «{}».",
            path.display(),
            path.join("ket-qua.xlsx").display()
        );
    }
    if let Err(e) = kiemtra_core::files::write_atomic(path, bytes) {
        let kiemtra_core::Error::Io { source, .. } = &e else {
            return Err(e.into());
        };
        anyhow::bail!(
            "Không ghi được {what} vào «{}»: {}. Không có tệp nào được ghi.",
            path.display(),
            why_not_written(path, source)
        );
    }
    writeln!(
        out,
        "Đã ghi {what}: {} ({} byte)",
        path.display(),
        bytes.len()
    )?;
    Ok(())
}

/// Why writing `path` failed, in words a user can act on.
fn why_not_written(path: &Path, e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    // A file where a folder of the path should be: name it.
    if let Some(file) = path
        .ancestors()
        .skip(1)
        .find(|a| !a.as_os_str().is_empty() && a.exists())
        .filter(|a| !a.is_dir())
    {
        return format!("«{}» là một tệp, không phải thư mục", file.display());
    }
    match e.kind() {
        ErrorKind::PermissionDenied => "không có quyền ghi vào thư mục này".into(),
        ErrorKind::ReadOnlyFilesystem => "ổ đĩa chỉ cho phép đọc".into(),
        ErrorKind::StorageFull => "ổ đĩa đã đầy".into(),
        ErrorKind::IsADirectory => "đó là một thư mục".into(),
        ErrorKind::NotADirectory => "một phần của đường dẫn không phải thư mục".into(),
        ErrorKind::NotFound => "không tạo được tệp ở thư mục này".into(),
        _ => format!("lỗi của hệ thống tệp ({e})"),
    }
}
