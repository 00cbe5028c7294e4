//! `kiemtra backup`, `kiemtra restore`, `kiemtra check`: a whole data directory in one file,
//! back into a new directory, and the integrity of the store and every file it refers to.

use std::io::Write;
use std::path::Path;

use kiemtra_core::{backup, Db};

use crate::output;

fn size(bytes: u64) -> String {
    if bytes >= 1 << 20 {
        format!("{:.1} MB", bytes as f64 / (1u64 << 20) as f64).replace('.', ",")
    } else {
        format!("{} kB", bytes.div_ceil(1024))
    }
}

pub fn backup(file: &Path, json: bool, db: &mut Db, out: &mut impl Write) -> anyhow::Result<()> {
    let s = backup::backup(db, file)?;
    output::emit(out, json, &s, |out, s| {
        writeln!(out, "Đã sao lưu vào {} ({})", s.file, size(s.bytes))?;
        writeln!(
            out,
            "Kho dữ liệu {} (phiên bản lược đồ {}), {} tệp ({})",
            size(s.store_bytes),
            s.schema_version,
            s.files,
            size(s.file_bytes)
        )?;
        writeln!(out, "SHA-256: {}", s.sha256)?;
        for m in &s.missing {
            writeln!(
                out,
                "Thiếu (không có trong thư mục dữ liệu, đã bỏ qua): {m}"
            )?;
        }
        Ok(())
    })
}

pub fn restore(
    file: &Path,
    dir: &Path,
    secret: Option<&kiemtra_core::crypt::Secret>,
    json: bool,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let s = backup::restore_with(file, dir, secret)?;
    output::emit(out, json, &s, |out, s| {
        writeln!(
            out,
            "Đã khôi phục bản sao lưu lúc {} vào {}",
            s.created_at, s.data_dir
        )?;
        writeln!(
            out,
            "{} tệp ({}); kho dữ liệu toàn vẹn, {} tài liệu kiểm chứng khớp mã",
            s.files,
            size(s.file_bytes),
            s.evidence_checked
        )?;
        Ok(())
    })
}

pub fn check(json: bool, db: &mut Db, out: &mut impl Write) -> anyhow::Result<()> {
    let r = backup::check(db)?;
    output::emit(out, json, &r, |out, r| {
        writeln!(
            out,
            "Kho dữ liệu: {}",
            if r.store.is_empty() && r.foreign_keys.is_empty() {
                "toàn vẹn"
            } else {
                "CÓ LỖI"
            }
        )?;
        for l in r.store.iter().chain(&r.foreign_keys) {
            writeln!(out, "  {l}")?;
        }
        writeln!(
            out,
            "Tài liệu kiểm chứng: {} tệp, {} lỗi",
            r.evidence_checked,
            r.evidence.len()
        )?;
        for i in &r.evidence {
            let what = match i.problem {
                kiemtra_core::evidence::Problem::Missing => "thiếu tệp",
                kiemtra_core::evidence::Problem::Altered => "đã bị thay đổi",
            };
            writeln!(
                out,
                "  {} (cuộc kiểm tra {}): {what}",
                i.name, i.inspection_id
            )?;
        }
        writeln!(
            out,
            "Văn bản đã ban hành: {} tệp, {} lỗi",
            r.documents_checked,
            r.documents.len()
        )?;
        for d in &r.documents {
            writeln!(out, "  {d}")?;
        }
        Ok(())
    })?;
    if !r.ok() {
        let mut what = Vec::new();
        if !r.store.is_empty() || !r.foreign_keys.is_empty() {
            what.push("kho dữ liệu".to_string());
        }
        if !r.evidence.is_empty() {
            what.push(format!("{} tài liệu kiểm chứng", r.evidence.len()));
        }
        if !r.documents.is_empty() {
            what.push(format!("{} văn bản đã ban hành", r.documents.len()));
        }
        anyhow::bail!(
            "kiểm tra phát hiện lỗi ở {}; hãy khôi phục từ bản sao lưu (kiemtra restore)",
            what.join(", ")
        );
    }
    Ok(())
}
