//! `kiemtra framework`: the PAR Index tree and its versions.

use std::io::Write;

use kiemtra_core::framework::{self, FrameworkNode};
use kiemtra_core::Db;

use super::read_file;
use crate::args::FrameworkCmd;
use crate::output;

pub fn run(cmd: FrameworkCmd, db: &mut Db, out: &mut impl Write) -> anyhow::Result<()> {
    match cmd {
        FrameworkCmd::Show { version, json } => {
            let tree = framework::show(db.conn(), version.as_deref())?;
            output::emit(out, json, &tree, |out, tree| {
                writeln!(out, "{} — {}", tree.version, tree.title)?;
                print_nodes(out, &tree.nodes, 0)?;
                Ok(())
            })
        }
        FrameworkCmd::Versions { json } => {
            let versions = framework::versions(db.conn())?;
            output::emit(out, json, &versions, |out, versions| {
                for v in versions {
                    writeln!(
                        out,
                        "{} {} — {} ({} nút)",
                        if v.is_current { "*" } else { " " },
                        v.name,
                        v.title,
                        v.node_count
                    )?;
                }
                Ok(())
            })
        }
        FrameworkCmd::Import {
            file,
            name,
            title,
            year,
        } => {
            let bytes = read_file(&file)?;
            let is_json = file
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("json"));
            let name = name.unwrap_or_else(|| {
                file.file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default()
            });
            let v = framework::import(db, &bytes, is_json, &name, title.as_deref(), year)?;
            writeln!(
                out,
                "Đã nhập khung chỉ số «{}»: {} nút; đây là phiên bản hiện hành.",
                v.name, v.node_count
            )?;
            Ok(())
        }
    }
}

/// One line a node, indented two spaces a level.
fn print_nodes(out: &mut impl Write, nodes: &[FrameworkNode], depth: usize) -> std::io::Result<()> {
    for n in nodes {
        let pts = n
            .max_points
            .map(|p| format!(" [{p} điểm]"))
            .unwrap_or_default();
        writeln!(out, "{}{} {}{}", "  ".repeat(depth), n.code, n.name, pts)?;
        print_nodes(out, &n.children, depth + 1)?;
    }
    Ok(())
}
