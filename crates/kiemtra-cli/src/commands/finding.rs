//! `kiemtra finding`: strengths and shortcomings found in an inspection.

use std::io::Write;

use kiemtra_core::{inspection, Db};

use crate::args::FindingCmd;

pub fn run(cmd: FindingCmd, db: &mut Db, out: &mut impl Write) -> anyhow::Result<()> {
    match cmd {
        FindingCmd::Add {
            id,
            item,
            criterion,
            kind,
            text,
            cause,
            recommendation,
            severity,
            responsible,
            due,
        } => {
            let f = inspection::NewFinding {
                kind: kind.into(),
                text,
                source_ref: item,
                criterion,
                cause,
                recommendation,
                severity: severity.map(Into::into),
                responsible,
                due,
            };
            let f = inspection::add_finding(db, id, &f)?;
            writeln!(out, "Đã thêm phát hiện số {}", f.id)?;
        }
    }
    Ok(())
}
