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
