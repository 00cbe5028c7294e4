//! `kiemtra followup`: the recommendations of issued notices, their due dates and the agencies'
//! remediation reports.

use std::io::Write;

use chrono::NaiveDate;
use kiemtra_core::followup::{
    self, FollowupEntry, FollowupFilter, FollowupStatus, NewFollowupReport,
};
use kiemtra_core::{calendar, Db};
use serde_json::json;

use crate::args::FollowupCmd;
use crate::output;

/// The day overdue counts are judged on: `as_of`, else today.
pub fn as_of(db: &Db, as_of: Option<&str>) -> anyhow::Result<NaiveDate> {
    Ok(match as_of {
        Some(d) => calendar::parse_date("as_of", d)?,
        None => db.now().date_naive(),
    })
}

/// An entry as `followup list --json` prints it.
fn entry_json(e: &FollowupEntry) -> serde_json::Value {
    json!({
        "id": e.id,
        "inspection": e.inspection,
        "agency": e.agency,
        "finding": e.finding,
        "recommendation": e.recommendation,
        "due": e.due,
        "status": e.status,
        "days_overdue": e.days_overdue,
    })
}

fn date_vn(d: &str) -> String {
    NaiveDate::parse_from_str(d, "%Y-%m-%d")
        .map(|d| d.format("%d/%m/%Y").to_string())
        .unwrap_or_else(|_| d.to_string())
}

fn entry_line(out: &mut impl Write, e: &FollowupEntry) -> anyhow::Result<()> {
    let late = if e.days_overdue > 0 {
        format!(", quá hạn {} ngày làm việc", e.days_overdue)
    } else {
        String::new()
    };
    writeln!(
        out,
        "#{} {} — hạn {} — {}{late}\n    {}",
        e.id,
        e.agency_name,
        date_vn(&e.due),
        e.status.label(),
        e.recommendation
    )?;
    Ok(())
}

pub fn run(cmd: FollowupCmd, db: &mut Db, out: &mut impl Write) -> anyhow::Result<()> {
    match cmd {
        FollowupCmd::List {
            year,
            overdue,
            as_of: day,
            json,
        } => {
            let day = as_of(db, day.as_deref())?;
            let entries = followup::list(
                db.conn(),
                &FollowupFilter {
                    year,
                    agency: None,
                    overdue,
                },
                day,
            )?;
            let rows: Vec<_> = entries.iter().map(entry_json).collect();
            output::emit(out, json, &rows, |out, _| {
                if entries.is_empty() {
                    writeln!(
                        out,
                        "{}",
                        if overdue {
                            "Không có kiến nghị nào quá hạn."
                        } else {
                            "Chưa có kiến nghị nào cần theo dõi (chỉ thông báo đã ban hành mới có)."
                        }
                    )?;
                }
                for e in &entries {
                    entry_line(out, e)?;
                }
                Ok(())
            })?;
        }
        FollowupCmd::Record {
            id,
            status,
            received,
            note,
            evidence,
            json,
        } => {
            let status = FollowupStatus::from_stored(&status)
                .filter(|s| *s != FollowupStatus::Open)
                .ok_or_else(|| kiemtra_core::Error::Invalid {
                    field: "status".into(),
                    reason: format!(
                        "trạng thái «{status}» không có; hãy ghi in_progress, done hoặc not_done"
                    ),
                })?;
            let staged = if evidence.is_empty() {
                None
            } else {
                Some(followup::stage_files(db, &evidence)?)
            };
            let e = followup::record(
                db,
                id,
                &NewFollowupReport {
                    status,
                    received,
                    note,
                },
                staged,
            )?;
            output::emit(out, json, &entry_json(&e), |out, _| {
                writeln!(out, "Đã ghi báo cáo khắc phục:")?;
                entry_line(out, &e)
            })?;
        }
        FollowupCmd::Remind {
            agency,
            out: file,
            date,
        } => {
            let pdf = kiemtra_pdf::documents::reminder_pdf(db, &agency, None, date.as_deref())?;
            output::saved_pdf(out, "công văn đôn đốc", &file, &pdf)?;
        }
    }
    Ok(())
}
