//! `kiemtra schedule-letter`: the letter announcing the inspection's schedule (công văn thông
//! báo lịch kiểm tra) to one planned agency.

use std::io::Write;

use kiemtra_core::Db;

use crate::args::ScheduleLetterCmd;
use crate::output;
use kiemtra_pdf::documents;

pub fn run(cmd: ScheduleLetterCmd, db: &mut Db, out: &mut impl Write) -> anyhow::Result<()> {
    match cmd {
        ScheduleLetterCmd::Render {
            year,
            agency,
            out: file,
            number,
            date,
        } => {
            let pdf = documents::schedule_letter_pdf(
                db,
                year,
                agency.trim(),
                number.as_deref(),
                date.as_deref(),
            )?;
            output::saved_pdf(out, "công văn", &file, &pdf)?;
        }
    }
    Ok(())
}
