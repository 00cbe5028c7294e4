//! `kiemtra report` and `kiemtra export`: the year's figures, as JSON or text, the report PDF
//! and the XLSX export, all drawn from `kiemtra_core::report::figures`.

use std::io::Write;

use kiemtra_core::report::{self, YearFigures};
use kiemtra_core::Db;

use super::followup::as_of;
use crate::args::{ExportCmd, ReportCmd};
use crate::output;

fn summary(out: &mut impl Write, f: &YearFigures) -> anyhow::Result<()> {
    if !f.has_plan {
        writeln!(out, "Chưa có kế hoạch kiểm tra năm {}.", f.year)?;
        return Ok(());
    }
    writeln!(
        out,
        "Kết quả kiểm tra công tác CCHC năm {} (tính đến {}):",
        f.year, f.as_of
    )?;
    for b in &f.coverage {
        writeln!(
            out,
            "  {}: {} cơ quan, cần {} ({}%); kế hoạch {}, đã kiểm tra {}, đã kết luận {}{}",
            b.label,
            b.agencies,
            b.required,
            format!("{}", f.threshold).replace('.', ","),
            b.planned,
            b.inspected,
            b.concluded,
            if b.threshold_met {
                ""
            } else {
                " — chưa đạt"
            }
        )?;
    }
    let s = &f.followup;
    writeln!(
        out,
        "  Kiến nghị: {} — đã khắc phục {}, đang khắc phục {}, chưa báo cáo {}, không khắc phục được {}; quá hạn {} ({} cơ quan cần đôn đốc)",
        s.total, s.done, s.in_progress, s.open, s.not_done, s.overdue, s.agencies_to_remind
    )?;
    Ok(())
}

pub fn run(cmd: ReportCmd, db: &mut Db, out: &mut impl Write) -> anyhow::Result<()> {
    match cmd {
        ReportCmd::Show {
            year,
            as_of: day,
            json,
        } => {
            let day = as_of(db, day.as_deref())?;
            let f = report::figures(db.conn(), year, day)?;
            output::emit(out, json, &f, |out, f| summary(out, f))?;
        }
        ReportCmd::Render {
            year,
            out: file,
            as_of: day,
        } => {
            let pdf =
                kiemtra_pdf::documents::year_report_pdf(db, year, None, None, day.as_deref())?;
            output::saved_pdf(out, "báo cáo năm", &file, &pdf)?;
        }
    }
    Ok(())
}

pub fn export(cmd: ExportCmd, db: &mut Db, out: &mut impl Write) -> anyhow::Result<()> {
    match cmd {
        ExportCmd::Xlsx {
            year,
            out: path,
            as_of: day,
        } => {
            let day = as_of(db, day.as_deref())?;
            let bytes = kiemtra_xlsx::year_workbook(db, year, day)?;
            output::saved_file(out, "bảng tính", &path, &bytes)?;
        }
    }
    Ok(())
}
