//! `kiemtra agencies`: the register of agencies.

use std::io::Write;

use kiemtra_core::agency::{self, AgencyFilter};
use kiemtra_core::Db;

use super::read_file;
use crate::args::AgencyCmd;
use crate::output;

pub fn run(cmd: AgencyCmd, db: &mut Db, out: &mut impl Write) -> anyhow::Result<()> {
    match cmd {
        AgencyCmd::List {
            block,
            search,
            all,
            json,
        } => {
            let filter = AgencyFilter {
                block: block.map(Into::into),
                search,
                include_inactive: all,
            };
            let list = agency::list(db.conn(), &filter)?;
            // Scripts get the three fields that identify an agency, not the store's row.
            let rows: Vec<_> = list
                .iter()
                .map(|a| serde_json::json!({ "code": a.code, "name": a.name, "block": a.block }))
                .collect();
            output::emit(out, json, &rows, |out, _| {
                for a in &list {
                    writeln!(
                        out,
                        "{:<8} {:<11} {}{}",
                        a.code,
                        a.block.as_str(),
                        a.name,
                        if a.active {
                            ""
                        } else {
                            " (không thuộc diện kiểm tra)"
                        }
                    )?;
                }
                writeln!(out, "{} cơ quan", list.len())?;
                Ok(())
            })
        }
        AgencyCmd::Show { code, json } => {
            let a = agency::get(db.conn(), &code)?;
            output::emit(out, json, &a, |out, a| {
                writeln!(out, "{} {}", a.code, a.name)?;
                writeln!(out, "Tên gọi trên văn bản: {}", a.addressee)?;
                writeln!(out, "Chức danh thủ trưởng: {}", a.head_title)?;
                if a.inspecting_body {
                    writeln!(
                        out,
                        "Cơ quan chủ trì kiểm tra: không đưa vào kế hoạch kiểm tra"
                    )?;
                }
                Ok(())
            })
        }
        AgencyCmd::Set {
            code,
            addressee,
            head_title,
        } => {
            let a = agency::set_addressee(db, &code, addressee.as_deref(), head_title.as_deref())?;
            writeln!(
                out,
                "Đã lưu {}: «{}», thủ trưởng «{}»",
                a.code, a.addressee, a.head_title
            )?;
            Ok(())
        }
        AgencyCmd::Import { file } => {
            let bytes = read_file(&file)?;
            let s = agency::import_csv(db, &bytes)?;
            writeln!(
                out,
                "Đã nhập: thêm {}, cập nhật {}, không đổi {}",
                s.added, s.updated, s.unchanged
            )?;
            Ok(())
        }
    }
}
