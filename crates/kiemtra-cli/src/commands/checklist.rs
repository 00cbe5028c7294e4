//! `kiemtra checklist`: the inspection checklist, for every agency or for one.

use std::io::Write;

use kiemtra_core::checklist::{self, GroupLevel, ItemKind};
use kiemtra_core::Db;

use crate::args::ChecklistCmd;
use crate::output;

pub fn run(cmd: ChecklistCmd, db: &mut Db, out: &mut impl Write) -> anyhow::Result<()> {
    match cmd {
        ChecklistCmd::Show { agency, year, json } => {
            let c = checklist::show(db.conn(), agency.as_deref(), year)?;
            output::emit(out, json, &c, print_checklist)
        }
    }
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
