//! `kiemtra init`: create or upgrade the store, load the seeds, say what is there.

use std::io::Write;

use kiemtra_core::{seed, Db};

use crate::output;

pub fn run(json: bool, db: &mut Db, out: &mut impl Write) -> anyhow::Result<()> {
    let report = seed::load_all(db)?;
    let s = seed::summary(db)?;
    let value = serde_json::json!({ "seeds": report, "summary": s });
    output::emit(out, json, &value, |out, _| {
        writeln!(out, "Thư mục dữ liệu: {}", s.data_dir)?;
        writeln!(
            out,
            "Cơ quan: {} xã/phường ({} xã, {} phường); {} sở, ban, ngành thuộc diện kiểm tra ({} đơn vị cấp tỉnh trong danh sách)",
            s.register.communes, s.register.xa, s.register.phuong, s.register.provincial_active, s.register.provincial_total
        )?;
        writeln!(
            out,
            "Khung chỉ số: {} — {} lĩnh vực, {} tiêu chí",
            s.framework_version.as_deref().unwrap_or("(chưa có)"),
            s.par_fields,
            s.par_criteria
        )?;
        writeln!(
            out,
            "Danh mục kiểm tra: {} — {} mục tiêu, {} mục kiểm tra, {} mục tiêu chưa có mục nào",
            s.checklist.as_deref().unwrap_or("(chưa có)"),
            s.objectives,
            s.items,
            s.objectives_without_items
        )?;
        writeln!(
            out,
            "Dữ liệu gốc: nạp mới {}, không đổi {}",
            report.loaded.len(),
            report.unchanged.len()
        )?;
        Ok(())
    })
}
