//! `kiemtra device`, `kiemtra bundle`, `kiemtra conflicts`: exchanging a team's work between
//! laptops with signed bundle files, and the conflicts the lead settles.

use std::io::Write;

use kiemtra_core::exchange::{device, merge, transfer};
use kiemtra_core::Db;
use serde_json::json;

use crate::args::{BundleCmd, ConflictsCmd, DeviceCmd};
use crate::output;

pub fn device(cmd: DeviceCmd, db: &mut Db, out: &mut impl Write) -> anyhow::Result<()> {
    match cmd {
        DeviceCmd::Show { json } => {
            let d = device::show(db.conn())?;
            output::emit(out, json, &d, |out, d| {
                writeln!(out, "Mã thiết bị: {}", d.device_id)?;
                writeln!(out, "Dấu vân tay: {}", d.fingerprint)?;
                writeln!(
                    out,
                    "Người dùng: {}",
                    d.profile.as_deref().unwrap_or("(chưa chọn)")
                )?;
                Ok(())
            })
        }
    }
}

pub fn bundle(cmd: BundleCmd, db: &mut Db, out: &mut impl Write) -> anyhow::Result<()> {
    match cmd {
        BundleCmd::Export {
            year,
            agencies,
            out: file,
        } => {
            let s = transfer::export(db, year, &agencies, &file)?;
            writeln!(
                out,
                "Đã xuất {}: {} thay đổi, {} tệp, {} byte (dấu vân tay {})",
                s.file, s.changes, s.files, s.bytes, s.fingerprint
            )?;
            Ok(())
        }
        BundleCmd::Import { file, trust, json } => {
            let r = transfer::import(db, &file, trust)?;
            let shape = json!({
                "from": {
                    "device_id": r.from.device_id,
                    "fingerprint": r.from.fingerprint,
                    "profile": r.from.profile,
                },
                "applied": r.merge.applied,
                "unchanged": r.merge.unchanged,
                "conflicts": r.merge.conflicts,
                "refused": r.merge.refused,
            });
            output::emit(out, json, &shape, |out, _| {
                writeln!(
                    out,
                    "Đã nhập từ {} ({}): {} thay đổi mới, {} đã có, {} xung đột, {} bị từ chối",
                    r.from.profile.as_deref().unwrap_or("(không rõ)"),
                    r.from.fingerprint,
                    r.merge.applied,
                    r.merge.unchanged,
                    r.merge.conflicts,
                    r.merge.refused
                )?;
                for f in &r.merge.refusals {
                    writeln!(out, "  từ chối {} «{}»: {}", f.kind, f.what, f.reason)?;
                }
                Ok(())
            })
        }
    }
}

pub fn conflicts(cmd: ConflictsCmd, db: &mut Db, out: &mut impl Write) -> anyhow::Result<()> {
    match cmd {
        ConflictsCmd::List { year, json } => {
            let list = merge::conflicts(db.conn(), year)?;
            output::emit(out, json, &list, |out, list| {
                if list.is_empty() {
                    writeln!(out, "Không có xung đột.")?;
                }
                for c in list {
                    writeln!(
                        out,
                        "{}  {} {} «{}»\n  của máy này: {} ({})\n  máy khác:    {} ({})",
                        c.id,
                        c.agency.as_deref().unwrap_or("-"),
                        c.kind,
                        c.reference,
                        c.ours.value,
                        c.ours.profile.as_deref().unwrap_or("?"),
                        c.theirs.value,
                        c.theirs.profile.as_deref().unwrap_or("?"),
                    )?;
                }
                Ok(())
            })
        }
        ConflictsCmd::Resolve { id, keep } => {
            transfer::resolve(db, &id, keep.into())?;
            writeln!(out, "Đã giải quyết xung đột {id}")?;
            Ok(())
        }
    }
}
