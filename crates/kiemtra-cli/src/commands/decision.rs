//! `kiemtra decision`: the decision establishing an inspection team (Quyết định thành lập
//! Đoàn kiểm tra) — its number, date and signer, and the document.

use std::io::Write;

use kiemtra_core::{plan, Db};

use crate::args::DecisionCmd;
use crate::output;
use kiemtra_pdf::documents;

pub fn run(cmd: DecisionCmd, db: &mut Db, out: &mut impl Write) -> anyhow::Result<()> {
    match cmd {
        DecisionCmd::Set {
            year,
            agency,
            number,
            date,
            signer,
        } => {
            let p = plan::set_decision(
                db,
                year,
                &plan::DecisionChange {
                    agency: agency.clone(),
                    number,
                    date,
                    signer,
                },
            )?;
            let d = p
                .agencies
                .iter()
                .find(|a| a.code == agency.trim())
                .map(|a| a.decision.clone())
                .unwrap_or_default();
            writeln!(
                out,
                "Quyết định thành lập Đoàn kiểm tra tại {}: số {}, ngày {}{}",
                agency.trim(),
                d.number.unwrap_or_default(),
                d.date.unwrap_or_default(),
                d.signer.map(|s| format!(", của {s}")).unwrap_or_default()
            )?;
        }
        DecisionCmd::Render {
            year,
            agency,
            out: file,
            date,
        } => {
            let pdf = documents::decision_pdf(db, year, agency.trim(), date.as_deref())?;
            output::saved_pdf(out, "quyết định", &file, &pdf)?;
        }
    }
    Ok(())
}
