//! `kiemtra checklist`: the inspection checklist, for every agency or for one.

use std::io::Write;

use kiemtra_core::checklist::sheet::{self, TemplatePreview};
use kiemtra_core::checklist::{self, GroupLevel, ItemKind};
use kiemtra_core::Db;

use super::read_file;
use crate::args::ChecklistCmd;
use crate::output;

pub fn run(cmd: ChecklistCmd, db: &mut Db, out: &mut impl Write) -> anyhow::Result<()> {
    match cmd {
        ChecklistCmd::Show { agency, year, json } => {
            let c = checklist::show(db.conn(), agency.as_deref(), year)?;
            output::emit(out, json, &c, print_checklist)
        }
        ChecklistCmd::Export { year, out: path } => {
            let sheet = sheet::export(db.conn(), year)?;
            let bytes = kiemtra_xlsx::template::template_file(&path, &sheet, db.now().naive_utc())?;
            output::saved_file(out, "mẫu danh mục kiểm tra", &path, &bytes)?;
            writeln!(
                out,
                "{} v{} năm {}: {} dòng (một dòng một mục).",
                sheet.template.code,
                sheet.template.version,
                sheet.template.year,
                sheet.rows.len()
            )?;
            Ok(())
        }
        ChecklistCmd::Import {
            file,
            year,
            dry_run,
            json,
        } => {
            let bytes = read_file(&file)?;
            let input = kiemtra_xlsx::template::read_template_file(&file, &bytes)?;
            let result = if dry_run {
                sheet::preview(db, &input, year)
            } else {
                sheet::import(db, &input, year)
            };
            let p = match result {
                Ok(p) => p,
                Err(kiemtra_core::Error::TemplateInvalid { problems }) => {
                    return refuse(out, json, problems);
                }
                Err(e) => return Err(e.into()),
            };
            if !p.problems.is_empty() {
                if json {
                    output::json_line(out, &p)?;
                }
                return refuse(out, false, p.problems);
            }
            output::emit(out, json, &p, |out, p| print_preview(out, p, dry_run))
        }
    }
}

/// Every problem on its own line of stderr, then the one-line reason (non-zero exit).
fn refuse(
    out: &mut impl Write,
    json: bool,
    problems: Vec<sheet::TemplateProblem>,
) -> anyhow::Result<()> {
    if json {
        output::json_line(out, &serde_json::json!({ "problems": problems }))?;
    }
    out.flush()?;
    for p in &problems {
        eprintln!("lỗi: {p}");
    }
    anyhow::bail!(
        "Danh mục kiểm tra nhập không hợp lệ ({} lỗi ở trên). Không có thay đổi nào được ghi.",
        problems.len()
    )
}

/// What the import stores (or would), against which template, and the items added, removed
/// and changed with the fields that changed.
fn print_preview(out: &mut impl Write, p: &TemplatePreview, dry_run: bool) -> anyhow::Result<()> {
    if let Some(t) = &p.template {
        write!(out, "Danh mục {} v{} năm {}", t.code, t.version, t.year)?;
    }
    match &p.base {
        Some(b) => writeln!(out, ", so với {} v{} năm {}:", b.code, b.version, b.year)?,
        None => writeln!(out, " (chưa có danh mục nào trước đó):")?,
    }
    writeln!(
        out,
        "{} mục — thêm {}, bỏ {}, sửa {}, giữ nguyên {}.",
        p.items,
        p.added.len(),
        p.removed.len(),
        p.changed.len(),
        p.unchanged
    )?;
    if !p.added.is_empty() {
        writeln!(out, "Thêm:")?;
        for i in &p.added {
            writeln!(out, "  + {} {}", i.source_ref, i.text)?;
        }
    }
    if !p.removed.is_empty() {
        writeln!(out, "Bỏ:")?;
        for i in &p.removed {
            writeln!(out, "  - {} {}", i.source_ref, i.text)?;
        }
    }
    if !p.changed.is_empty() {
        writeln!(out, "Sửa:")?;
        for c in &p.changed {
            writeln!(out, "  ~ {}", c.source_ref)?;
            for f in &c.fields {
                writeln!(out, "      {}: «{}» → «{}»", f.field, f.before, f.after)?;
            }
        }
    }
    for w in &p.warnings {
        writeln!(out, "Lưu ý: {w}")?;
    }
    if dry_run {
        writeln!(out, "Xem trước: chưa có gì được ghi.")?;
    } else {
        writeln!(
            out,
            "Đã nhập. Các cuộc kiểm tra đã bắt đầu giữ nguyên danh mục của mình."
        )?;
    }
    Ok(())
}

/// Sections, then each objective with its items, their targets and deadlines.
fn print_checklist(out: &mut impl Write, c: &checklist::Checklist) -> anyhow::Result<()> {
    writeln!(
        out,
        "{} ({} v{})",
        c.template.name, c.template.code, c.template.version
    )?;
    if let Some(a) = &c.agency {
        writeln!(out, "Áp dụng cho: {} ({})", a.name, a.code)?;
    }
    // Lead duties first, then (for one agency) the duties it co-operates on, apart.
    for kind in [ItemKind::Lead, ItemKind::Cooperation] {
        let items: Vec<&checklist::ChecklistItem> =
            c.items.iter().filter(|i| i.kind == kind).collect();
        if items.is_empty() {
            continue;
        }
        if c.agency.is_some() {
            let title = match kind {
                ItemKind::Lead => "NHIỆM VỤ CHỦ TRÌ",
                ItemKind::Cooperation => "NHIỆM VỤ PHỐI HỢP (Phối hợp)",
            };
            writeln!(out, "\n== {title}: {} mục ==", items.len())?;
        }
        print_groups(out, c, &items)?;
    }
    let coop = c
        .items
        .iter()
        .filter(|i| i.kind == ItemKind::Cooperation)
        .count();
    if coop > 0 {
        writeln!(
            out,
            "\n{} mục kiểm tra ({} chủ trì, {coop} phối hợp)",
            c.items.len(),
            c.items.len() - coop
        )?;
    } else {
        writeln!(out, "\n{} mục kiểm tra", c.items.len())?;
    }
    Ok(())
}

fn print_groups(
    out: &mut impl Write,
    c: &checklist::Checklist,
    items: &[&checklist::ChecklistItem],
) -> anyhow::Result<()> {
    for g in c.groups.iter().filter(|g| g.level != GroupLevel::Task) {
        let mine: Vec<&&checklist::ChecklistItem> = items
            .iter()
            .filter(|i| match g.level {
                GroupLevel::Section => i.section_ref == g.r#ref,
                _ => i.objective_ref == g.r#ref,
            })
            .collect();
        if mine.is_empty() {
            continue;
        }
        if g.level == GroupLevel::Section {
            writeln!(out, "\n{}. {}", g.r#ref, g.text)?;
            continue;
        }
        writeln!(out, "  Mục tiêu {}: {}", g.r#ref, g.text)?;
        for i in mine {
            let refs = std::iter::once(i.source_ref.as_str())
                .chain(i.also_refs.iter().map(String::as_str))
                .collect::<Vec<_>>()
                .join(" = ");
            let target = i
                .target
                .as_ref()
                .map(|t| format!(" [chỉ tiêu {}]", t.text()))
                .unwrap_or_default();
            let due = i
                .deadline
                .as_deref()
                .map(|d| format!(" — {d}"))
                .unwrap_or_default();
            writeln!(out, "    {refs} {}{}{}", i.text, target, due)?;
            if let Some(note) = checklist::conflict_note(&i.target_conflicts) {
                writeln!(out, "      ⚠ {note}")?;
            }
        }
    }
    Ok(())
}
