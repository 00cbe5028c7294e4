//! Remediation follow-up (theo dõi khắc phục): after a conclusion notice is issued, each of its
//! recommendations is an entry the agency must act on by the date the notice printed (the
//! finding's own due date, else the plan's working days after the notice). The lead records the
//! agency's remediation reports as they arrive — received date, done / in progress / not done, a
//! note, files — and the entry's status is the last report's. An entry still open, in progress
//! or not done after its due date counts the working days it is late (the holiday calendar,
//! make-up Saturdays included).
//!
//! Entries are made in the transaction that issues the notice ([`from_notice`]); a correction
//! that replaces the notice moves each entry to the new version with its new wording and date,
//! and withdraws the entries whose recommendation the new version no longer has (kept, out of
//! every list, when reports were recorded for them; removed otherwise).

use std::path::PathBuf;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

use crate::audit::{self, Change};
use crate::calendar::{self, WorkCalendar};
use crate::db::Db;
use crate::error::{Error, Result};
use crate::evidence::Staged;
use crate::profile;
use crate::stored::stored_text;
use crate::text::nfc;

/// Where an entry stands: no report yet, or what the agency's last report said.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum FollowupStatus {
    Open,
    InProgress,
    Done,
    NotDone,
}

stored_text!(FollowupStatus {
    Open => "open",
    InProgress => "in_progress",
    Done => "done",
    NotDone => "not_done",
});

impl FollowupStatus {
    pub fn label(self) -> &'static str {
        match self {
            FollowupStatus::Open => "Chưa báo cáo",
            FollowupStatus::InProgress => "Đang khắc phục",
            FollowupStatus::Done => "Đã khắc phục",
            FollowupStatus::NotDone => "Không khắc phục được",
        }
    }

    /// Whether an entry with this status can still be late (everything but done).
    pub fn is_pending(self) -> bool {
        self != FollowupStatus::Done
    }
}

/// One recommendation to follow up, as lists show it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct FollowupEntry {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub inspection: i64,
    pub year: i32,
    /// The agency's register code.
    pub agency: String,
    pub agency_name: String,
    /// The finding the recommendation answers.
    pub finding: String,
    pub recommendation: String,
    /// "YYYY-MM-DD", as the notice printed it.
    pub due: String,
    pub status: FollowupStatus,
    /// Working days past `due` on the day asked about, for an entry not done; else 0.
    pub days_overdue: u32,
    /// The notice the entry comes from (its current version): number and date.
    pub notice_number: String,
    pub notice_date: String,
    /// The last report's received date and note.
    pub received_on: Option<String>,
    pub note: Option<String>,
    /// How many reports were recorded, and how many files came with them.
    pub reports: u32,
    pub files: u32,
}

/// A remediation report as recorded.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct FollowupReport {
    #[ts(type = "number")]
    pub id: i64,
    pub received_on: String,
    pub status: FollowupStatus,
    pub note: Option<String>,
    pub recorded_at: String,
    pub recorded_by: String,
    pub files: Vec<FollowupFile>,
}

/// A file the agency sent with a report, kept in the evidence store by its SHA-256.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct FollowupFile {
    pub name: String,
    pub sha256: String,
    #[ts(type = "number")]
    pub size: u64,
}

/// What to list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[ts(export)]
pub struct FollowupFilter {
    #[serde(default)]
    pub year: Option<i32>,
    #[serde(default)]
    pub agency: Option<String>,
    /// Only the entries late on the day asked about.
    #[serde(default)]
    pub overdue: bool,
}

/// A report to record.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[ts(export)]
pub struct NewFollowupReport {
    /// `in_progress`, `done` or `not_done` (an entry is `open` only until its first report).
    pub status: FollowupStatus,
    /// The date the agency's report was received: on or after the notice, not in the future.
    pub received: String,
    /// The report's content in brief; required to reopen an entry closed with files.
    #[serde(default)]
    pub note: Option<String>,
}

const SELECT: &str = "SELECT f.id, f.inspection_id, i.plan_year, i.agency_code, a.name, f.finding, f.recommendation,
        f.due, f.status, n.number, n.issued_on,
        (SELECT r.received_on FROM followup_reports r WHERE r.followup_id = f.id ORDER BY r.id DESC LIMIT 1),
        (SELECT r.note FROM followup_reports r WHERE r.followup_id = f.id ORDER BY r.id DESC LIMIT 1),
        (SELECT COUNT(*) FROM followup_reports r WHERE r.followup_id = f.id),
        (SELECT COUNT(*) FROM followup_evidence e JOIN followup_reports r ON r.id = e.report_id
          WHERE r.followup_id = f.id)
     FROM followups f
     JOIN inspections i ON i.id = f.inspection_id
     JOIN agencies a ON a.code = i.agency_code
     JOIN notices n ON n.id = f.notice_id";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<FollowupEntry> {
    Ok(FollowupEntry {
        id: r.get(0)?,
        inspection: r.get(1)?,
        year: r.get(2)?,
        agency: r.get(3)?,
        agency_name: r.get(4)?,
        finding: r.get(5)?,
        recommendation: r.get(6)?,
        due: r.get(7)?,
        status: r.get(8)?,
        days_overdue: 0,
        notice_number: r.get(9)?,
        notice_date: r.get(10)?,
        received_on: r.get(11)?,
        note: r.get(12)?,
        reports: r.get(13)?,
        files: r.get(14)?,
    })
}

/// Sets `days_overdue` as seen on `as_of`.
fn judge(e: &mut FollowupEntry, cal: &WorkCalendar, as_of: NaiveDate) {
    e.days_overdue = match NaiveDate::parse_from_str(&e.due, "%Y-%m-%d") {
        Ok(due) if e.status.is_pending() => cal.working_days_after(due, as_of),
        _ => 0,
    };
}

/// The entries matching `filter`, by due date, each judged on `as_of`.
pub fn list(
    conn: &Connection,
    filter: &FollowupFilter,
    as_of: NaiveDate,
) -> Result<Vec<FollowupEntry>> {
    let cal = WorkCalendar::load(conn)?;
    let mut stmt = conn.prepare(&format!(
        "{SELECT} WHERE f.withdrawn = 0 AND (?1 IS NULL OR i.plan_year = ?1) AND (?2 IS NULL OR i.agency_code = ?2)
         ORDER BY f.due, i.agency_code, f.id"
    ))?;
    let rows = stmt.query_map(params![filter.year, filter.agency], row)?;
    let mut out = Vec::new();
    for r in rows {
        let mut e = r?;
        judge(&mut e, &cal, as_of);
        if !filter.overdue || e.days_overdue > 0 {
            out.push(e);
        }
    }
    Ok(out)
}

/// One entry, judged on `as_of`.
pub fn get(conn: &Connection, id: i64, as_of: NaiveDate) -> Result<FollowupEntry> {
    let mut e = conn
        .query_row(
            &format!("{SELECT} WHERE f.id = ?1 AND f.withdrawn = 0"),
            [id],
            row,
        )
        .optional()?
        .ok_or(Error::FollowupNotFound { id })?;
    judge(&mut e, &WorkCalendar::load(conn)?, as_of);
    Ok(e)
}

/// The reports of entry `id`, oldest first, with their files.
pub fn reports(conn: &Connection, id: i64) -> Result<Vec<FollowupReport>> {
    let mut stmt = conn.prepare(
        "SELECT id, received_on, status, note, recorded_at, recorded_by FROM followup_reports
         WHERE followup_id = ?1 ORDER BY id",
    )?;
    let mut out: Vec<FollowupReport> = stmt
        .query_map([id], |r| {
            Ok(FollowupReport {
                id: r.get(0)?,
                received_on: r.get(1)?,
                status: r.get(2)?,
                note: r.get(3)?,
                recorded_at: r.get(4)?,
                recorded_by: r.get(5)?,
                files: Vec::new(),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut files = conn.prepare(
        "SELECT name, sha256, size FROM followup_evidence WHERE report_id = ?1 ORDER BY name",
    )?;
    for r in &mut out {
        r.files = files
            .query_map([r.id], |f| {
                Ok(FollowupFile {
                    name: f.get(0)?,
                    sha256: f.get(1)?,
                    size: f.get::<_, i64>(2)? as u64,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
    }
    Ok(out)
}

/// The files of every report, for integrity checks and backups: (name, SHA-256).
pub fn files(conn: &Connection) -> Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare("SELECT name, sha256 FROM followup_evidence ORDER BY sha256")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Stages the files sent with a report (streamed, hashed, synced) without the store's lock;
/// see [`crate::evidence::stage`].
pub fn stage_files(db: &Db, paths: &[PathBuf]) -> Result<Staged> {
    let max = crate::evidence::max_bytes(db.conn())?;
    crate::evidence::stage(db.data_dir(), paths, max, &mut |_, _| {})
}

/// Records the agency's remediation report for entry `id` (lead only), with the files staged
/// by [`stage_files`], in one transaction with its audit entry. Refused, changing nothing: an
/// unknown entry; a date that is not a date, before the notice, before the last report or after
/// today; `open` (only an entry without reports is open); `done` again on a done entry; and
/// reopening an entry closed with files without a reason in `note`.
pub fn record(
    db: &mut Db,
    id: i64,
    report: &NewFollowupReport,
    staged: Option<Staged>,
) -> Result<FollowupEntry> {
    let received = calendar::parse_date("received", &report.received)?;
    let note = report
        .note
        .as_deref()
        .map(nfc)
        .filter(|n| !n.trim().is_empty());
    let today = db.now().date_naive();
    let at = db.now_text();
    if report.status == FollowupStatus::Open {
        return Err(Error::FollowupStatus {
            id,
            reason: "«open» chỉ là trạng thái khi chưa nhận báo cáo nào; hãy ghi in_progress, done hoặc not_done".into(),
        });
    }
    if received > today {
        return Err(Error::invalid(
            "received",
            format!(
                "ngày nhận báo cáo {} ở sau hôm nay",
                received.format("%d/%m/%Y")
            ),
        ));
    }
    let files: Vec<(String, String, u64, String)> = match &staged {
        Some(s) if !s.is_empty() => {
            if s.data_dir() != db.data_dir() {
                return Err(Error::invalid(
                    "data_dir",
                    "tệp đã chuẩn bị cho một kho dữ liệu khác",
                ));
            }
            crate::evidence::publish_staged(s)?
        }
        _ => Vec::new(),
    };
    db.write(|tx| {
        let lead = profile::require_lead(tx, "ghi báo cáo khắc phục")?;
        let before = get(tx, id, today)?;
        let notice_date = calendar::parse_date("notice", &before.notice_date)?;
        if received < notice_date {
            return Err(Error::FollowupBeforeNotice {
                date: received.format("%d/%m/%Y").to_string(),
                notice: notice_date.format("%d/%m/%Y").to_string(),
            });
        }
        if let Some(last) = before.received_on.as_deref() {
            let last = calendar::parse_date("received", last)?;
            if received < last {
                return Err(Error::invalid(
                    "received",
                    format!(
                        "ngày nhận {} trước báo cáo đã ghi ngày {}: báo cáo được ghi theo thứ tự nhận",
                        received.format("%d/%m/%Y"),
                        last.format("%d/%m/%Y")
                    ),
                ));
            }
        }
        let closed_with_files = before.status == FollowupStatus::Done && before.files > 0;
        if before.status == FollowupStatus::Done && report.status == FollowupStatus::Done {
            return Err(Error::FollowupStatus {
                id,
                reason: "đã ghi «đã khắc phục»; không ghi lại lần nữa".into(),
            });
        }
        let reopening = before.status == FollowupStatus::Done;
        if reopening && closed_with_files && note.is_none() {
            return Err(Error::FollowupStatus {
                id,
                reason: "đã đóng kèm tài liệu chứng minh; mở lại phải ghi lý do (--note)".into(),
            });
        }
        tx.execute(
            "INSERT INTO followup_reports (uid, followup_id, received_on, status, note, recorded_at, recorded_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![crate::uid::random(), id, received.to_string(), report.status.as_str(), note, at, lead.name],
        )?;
        let rid = tx.last_insert_rowid();
        for (name, sha256, size, media) in &files {
            tx.execute(
                "INSERT OR IGNORE INTO followup_evidence (report_id, name, sha256, size, media_type)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![rid, name, sha256, *size as i64, media],
            )?;
        }
        tx.execute(
            "UPDATE followups SET status = ?2 WHERE id = ?1",
            params![id, report.status.as_str()],
        )?;
        let after = get(tx, id, today)?;
        audit::record(
            tx,
            &at,
            Some(&lead.name),
            Change {
                action: if reopening { "followup.reopen" } else { "followup.record" },
                entity: "followup",
                key: &id.to_string(),
                old: Some(json!({ "status": before.status, "received_on": before.received_on })),
                new: Some(json!({
                    "status": after.status,
                    "received_on": after.received_on,
                    "note": note,
                    "files": files.iter().map(|f| json!({"name": f.0, "sha256": f.1})).collect::<Vec<_>>(),
                })),
            },
        )?;
        Ok(after)
    })
}

/// Makes or moves the entries of inspection `id` for notice `notice_id` dated `date`, in the
/// caller's transaction (the one that issues the notice): one per shortcoming with a
/// recommendation, due on the finding's own date, else the plan's working days after `date`
/// (what the notice prints).
pub(crate) fn from_notice(
    tx: &Connection,
    id: i64,
    notice_id: i64,
    date: NaiveDate,
    at: &str,
) -> Result<()> {
    let year: i32 = tx.query_row(
        "SELECT plan_year FROM inspections WHERE id = ?1",
        [id],
        |r| r.get(0),
    )?;
    let (remediation_days, _) = crate::plan::deadlines(tx, year).unwrap_or((30, 15));
    let report_due = calendar::add_working_days(tx, date, remediation_days)?;
    let mut stmt = tx.prepare(
        "SELECT uid, text, recommendation, due FROM findings
         WHERE inspection_id = ?1 AND kind = 'shortcoming'
           AND recommendation IS NOT NULL AND trim(recommendation) <> ''
         ORDER BY id",
    )?;
    let findings: Vec<(String, String, String, Option<String>)> = stmt
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut kept = Vec::with_capacity(findings.len());
    for (uid, text, recommendation, own_due) in findings {
        let due = own_due
            .as_deref()
            .and_then(|d| calendar::parse_date("due", d).ok())
            .unwrap_or(report_due);
        tx.execute(
            "INSERT INTO followups (uid, inspection_id, finding_uid, notice_id, finding, recommendation, due, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT (inspection_id, finding_uid) DO UPDATE SET notice_id = excluded.notice_id,
                 finding = excluded.finding, recommendation = excluded.recommendation,
                 due = excluded.due, withdrawn = 0",
            params![crate::uid::random(), id, uid, notice_id, text, recommendation.trim(), due.to_string(), at],
        )?;
        kept.push(uid);
    }
    // Entries whose recommendation the new version no longer has: removed when nothing was
    // recorded for them, else withdrawn (kept with their reports, out of every list).
    let mut stmt = tx.prepare(
        "SELECT f.id, f.finding_uid, (SELECT COUNT(*) FROM followup_reports r WHERE r.followup_id = f.id)
         FROM followups f WHERE f.inspection_id = ?1",
    )?;
    let all: Vec<(i64, String, i64)> = stmt
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (fid, uid, reports) in all {
        if kept.contains(&uid) {
            continue;
        }
        if reports == 0 {
            tx.execute("DELETE FROM followups WHERE id = ?1", [fid])?;
        } else {
            tx.execute("UPDATE followups SET withdrawn = 1 WHERE id = ?1", [fid])?;
        }
    }
    Ok(())
}

/// Entries for the notices issued before follow-up existed (the migration's hook): the last
/// version of every issued inspection's notice.
pub(crate) fn backfill(tx: &Connection) -> Result<()> {
    let mut stmt = tx.prepare(
        "SELECT n.inspection_id, n.id, n.issued_on, n.issued_at FROM notices n
         JOIN inspections i ON i.id = n.inspection_id
         WHERE i.locked = 1
           AND n.version = (SELECT MAX(version) FROM notices m WHERE m.inspection_id = n.inspection_id)",
    )?;
    let issued: Vec<(i64, i64, String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, nid, on, at) in issued {
        let date = calendar::parse_date("issued_on", &on)?;
        from_notice(tx, id, nid, date, &at)?;
    }
    Ok(())
}
