//! `kiemtra evidence`: files attached to an inspection, their hashes and what they support.

use std::io::Write;

use kiemtra_core::{evidence, Db};

use crate::args::EvidenceCmd;
use crate::output;

pub fn run(cmd: EvidenceCmd, db: &mut Db, out: &mut impl Write) -> anyhow::Result<()> {
    match cmd {
        EvidenceCmd::Add {
            id,
            files,
            criteria,
            items,
        } => {
            let mapping = evidence::Mapping { criteria, items };
            // The same two columns as `sha256sum`, so its output can be compared line by line.
            for e in evidence::add_files(db, id, &files, &mapping, &mut |_, _| {})? {
                writeln!(out, "{}  {}", e.sha256, e.name)?;
            }
        }
        EvidenceCmd::List { id, json } => {
            let list = evidence::list(db.conn(), id)?;
            output::emit(out, json, &list, |out, list| {
                for e in list {
                    writeln!(
                        out,
                        "{:>4} {} {:>12} {:<28} {} [{}]",
                        e.id,
                        e.sha256,
                        e.size,
                        e.media_type,
                        e.name,
                        e.criteria.join(", ")
                    )?;
                }
                Ok(())
            })?;
        }
        EvidenceCmd::Verify { id } => {
            let r = evidence::verify(db, id)?;
            for i in &r.issues {
                let what = match i.problem {
                    evidence::Problem::Missing => "THIẾU".to_string(),
                    evidence::Problem::Altered => {
                        format!("BỊ SỬA (nay là {})", i.actual.as_deref().unwrap_or("?"))
                    }
                };
                writeln!(
                    out,
                    "{what}: {} (số {}, cuộc kiểm tra {}), SHA-256 gốc {}",
                    i.name, i.evidence_id, i.inspection_id, i.expected
                )?;
            }
            if !r.issues.is_empty() {
                let names: Vec<_> = r.issues.iter().map(|i| i.name.as_str()).collect();
                anyhow::bail!(
                    "{} trong {} tài liệu không khớp: {}",
                    r.issues.len(),
                    r.checked,
                    names.join(", ")
                );
            }
            writeln!(
                out,
                "Đã kiểm tra {} tài liệu: tất cả nguyên vẹn.",
                r.checked
            )?;
        }
        EvidenceCmd::Matrix { id, json } => {
            let m = evidence::matrix(db.conn(), id)?;
            output::emit(out, json, &m, |out, m| {
                for r in &m.rows {
                    let state = match r.state {
                        evidence::Presence::Present => "có",
                        evidence::Presence::Missing => "THIẾU",
                        evidence::Presence::NotRequired => "không yêu cầu",
                    };
                    writeln!(
                        out,
                        "{:<12} {:<14} [{}] {}",
                        r.source_ref,
                        state,
                        r.criteria.join(", "),
                        r.evidence.join("; ")
                    )?;
                }
                writeln!(
                    out,
                    "Có: {}, thiếu: {}, không yêu cầu: {}",
                    m.present, m.missing, m.not_required
                )?;
                if !m.criteria.is_empty() {
                    writeln!(out, "Theo tiêu chí:")?;
                }
                for c in &m.criteria {
                    let version = match (&c.framework_version, c.checklist_version) {
                        (_, true) => "tiêu chí suy ra từ KH 167".to_string(),
                        (Some(v), false) => format!("khung {v}, không phải tiêu chí của danh mục"),
                        (None, false) => "khung không rõ".to_string(),
                    };
                    let items = if c.items.is_empty() {
                        "không mục kiểm tra nào mang tiêu chí này".to_string()
                    } else {
                        format!("mục {}", c.items.join(", "))
                    };
                    writeln!(
                        out,
                        "{:<8} {} ({version}; {items}): {}",
                        c.criterion,
                        c.name.as_deref().unwrap_or("—"),
                        c.evidence.join("; ")
                    )?;
                }
                Ok(())
            })?;
        }
        EvidenceCmd::Map {
            evidence_id,
            criteria,
            items,
        } => {
            let e = evidence::remap(db, evidence_id, &evidence::Mapping { criteria, items })?;
            writeln!(
                out,
                "{}: tiêu chí {}; mục {}",
                e.name,
                e.criteria.join(", "),
                e.items.join(", ")
            )?;
        }
        EvidenceCmd::Remove { evidence_id } => {
            evidence::remove(db, evidence_id)?;
            writeln!(out, "Đã gỡ tài liệu số {evidence_id}")?;
        }
    }
    Ok(())
}
