//! `kiemtra notice`: the conclusion notice, drafted, issued (which locks the inspection),
//! reopened for a correction, and its issued versions.

use std::io::Write;

use kiemtra_core::Db;

use crate::args::NoticeCmd;
use crate::output;
use kiemtra_pdf::{documents, DocumentRef};

pub fn run(cmd: NoticeCmd, db: &mut Db, out: &mut impl Write) -> anyhow::Result<()> {
    match cmd {
        NoticeCmd::Render {
            id,
            out: file,
            date,
        } => {
            let pdf = documents::pdf(
                db,
                &DocumentRef::Notice { inspection_id: id },
                date.as_deref(),
            )?;
            output::saved_pdf(out, "thông báo", &file, &pdf)?;
            warn_due_date(db, id, date.as_deref());
        }
        NoticeCmd::Issue {
            id,
            number,
            date,
            out: file,
            reason,
        } => {
            let (n, pdf) = documents::issue_notice(db, id, &number, &date, reason.as_deref())?;
            warn_due_date(db, id, Some(&date));
            if let Some(f) = file {
                kiemtra_core::files::write_atomic(&f, &pdf)?;
            }
            let replaces = n
                .replaces
                .map(|r| format!(", thay thế bản số {r}"))
                .unwrap_or_default();
            writeln!(
                out,
                "Đã ban hành thông báo số {} ngày {} (phiên bản {}{replaces}); SHA-256 {}",
                n.number, n.issued_on, n.version, n.sha256
            )?;
            writeln!(
                out,
                "Cuộc kiểm tra số {id} đã khoá: mọi thay đổi sau đây đều bị từ chối."
            )?;
        }
        NoticeCmd::Reopen { id, reason } => {
            kiemtra_core::notice::reopen(db, id, &reason)?;
            writeln!(out, "Đã mở lại cuộc kiểm tra số {id} để đính chính; lần ban hành sau sẽ là bản thay thế.")?;
        }
        NoticeCmd::List { id, json } => {
            let list = kiemtra_core::notice::list(db.conn(), id)?;
            output::emit(out, json, &list, |out, list| {
                for n in list {
                    writeln!(
                        out,
                        "v{} số {} ngày {} — {} — SHA-256 {}",
                        n.version, n.number, n.issued_on, n.signer, n.sha256
                    )?;
                }
                Ok(())
            })?;
        }
    }
    Ok(())
}

/// Warns on stderr when the remediation report's due date printed in the notice was counted
/// through a year without holiday data (only weekends skipped there).
fn warn_due_date(db: &Db, id: i64, date: Option<&str>) {
    if let Ok(due) = documents::notice_due_date(db, id, date) {
        if let Some(w) = due.warning() {
            eprintln!("cảnh báo: {w}");
        }
    }
}
