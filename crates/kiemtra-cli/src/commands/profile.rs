//! `kiemtra profile`: the people who use the store and which of them is current.

use std::io::Write;

use kiemtra_core::{profile, Db};

use crate::args::ProfileCmd;
use crate::output;

pub fn run(cmd: ProfileCmd, db: &mut Db, out: &mut impl Write) -> anyhow::Result<()> {
    match cmd {
        ProfileCmd::Add {
            name,
            role,
            title,
            unit,
        } => {
            let p = profile::add_person(db, &name, role.into(), title.as_deref(), unit.as_deref())?;
            writeln!(
                out,
                "Đã thêm {} ({}){}",
                p.name,
                p.role.label(),
                if p.current {
                    "; đang là người dùng hiện tại"
                } else {
                    ""
                }
            )?;
        }
        ProfileCmd::Set { name, title, unit } => {
            let p = profile::set_details(db, &name, title.as_deref(), unit.as_deref())?;
            writeln!(
                out,
                "{}: {}",
                p.name,
                [p.title.as_deref(), p.unit.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(", ")
            )?;
        }
        ProfileCmd::Use { name } => {
            let p = profile::use_profile(db, &name)?;
            writeln!(out, "Người dùng hiện tại: {} ({})", p.name, p.role.label())?;
        }
        ProfileCmd::List { json } => {
            let list = profile::list(db.conn())?;
            output::emit(out, json, &list, |out, list| {
                for p in list {
                    writeln!(
                        out,
                        "{} {} — {}{}",
                        if p.current { "*" } else { " " },
                        p.name,
                        p.role.label(),
                        p.title
                            .as_ref()
                            .map(|t| format!(", {t}"))
                            .unwrap_or_default()
                    )?;
                }
                Ok(())
            })?;
        }
    }
    Ok(())
}
