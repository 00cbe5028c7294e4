//! Issued conclusion notices. Issuing (a lead only) fixes the number and date, keeps the final
//! PDF with its SHA-256 under the data directory, and locks the inspection: every later change
//! is refused. A correction reopens the inspection with a reason; the next issue is a new
//! version that names the one it replaces, and the old file stays.
//!
//! The PDF itself is made by kiemtra-pdf (no printpdf here): the caller renders with the number
//! and date returned by [`prepare`], then hands the bytes to [`record`].

use std::path::PathBuf;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use serde_json::json;
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::audit::{self, Change};
use crate::db::Db;
use crate::error::{Error, Result};
use crate::inspection::{self, InspectionStatus};
use crate::profile;
use crate::text::nfc;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Notice {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub inspection_id: i64,
    #[ts(type = "number")]
    pub version: i64,
    pub number: String,
    pub issued_on: String,
    pub signer: String,
    pub sha256: String,
    #[ts(type = "number")]
    pub size: i64,
    #[ts(type = "number | null")]
    pub replaces: Option<i64>,
    pub reason: Option<String>,
    pub issued_at: String,
    pub issued_by: String,
}

/// What an issue will be: checked before anything is rendered.
#[derive(Debug, Clone, PartialEq)]
pub struct IssuePlan {
    pub version: i64,
    pub replaces: Option<i64>,
    pub number: String,
    pub date: NaiveDate,
}

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Notice> {
    Ok(Notice {
        id: r.get(0)?,
        inspection_id: r.get(1)?,
        version: r.get(2)?,
        number: r.get(3)?,
        issued_on: r.get(4)?,
        signer: r.get(5)?,
        sha256: r.get(6)?,
        size: r.get(7)?,
        replaces: r.get(8)?,
        reason: r.get(9)?,
        issued_at: r.get(10)?,
        issued_by: r.get(11)?,
    })
}

const SELECT: &str = "SELECT id, inspection_id, version, number, issued_on, signer, sha256, size, replaces, reason, issued_at, issued_by FROM notices";

/// Every version of the notices of an inspection, oldest first.
pub fn list(conn: &Connection, inspection_id: i64) -> Result<Vec<Notice>> {
    let mut stmt = conn.prepare(&format!(
        "{SELECT} WHERE inspection_id = ?1 ORDER BY version"
    ))?;
    let rows = stmt.query_map([inspection_id], row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Where an issued PDF is kept (encrypted, in an encrypted store: read it with [`read_pdf`]).
pub fn pdf_path(db: &Db, sha256: &str) -> PathBuf {
    db.data_dir().notice_pdf(sha256)
}

/// The bytes of an issued PDF as it was issued.
pub fn read_pdf(db: &Db, sha256: &str) -> Result<Vec<u8>> {
    db.data_dir().read_stored(&pdf_path(db, sha256))
}

/// Checks that the current profile may issue a notice for `id` with this number and date.
pub fn prepare(conn: &Connection, id: i64, number: &str, date: &str) -> Result<IssuePlan> {
    profile::require_lead(conn, "ban hành thông báo kết luận")?;
    let number = nfc(number);
    if number.is_empty()
        || number.chars().count() > 40
        || number.chars().any(|c| c.is_control() || c == '\\')
    {
        return Err(Error::invalid(
            "number",
            "số văn bản không hợp lệ (ví dụ 12 hoặc 12/TB-SNV)",
        ));
    }
    let date = crate::calendar::parse_date("date", date)?;
    let insp = inspection::head(conn, id)?;
    if insp.locked {
        return Err(Error::InspectionLocked {
            id,
            state: "đã ban hành thông báo kết luận".into(),
            hint: "; muốn đính chính, hãy mở lại với lý do (kiemtra notice reopen)".into(),
        });
    }
    if insp.status == InspectionStatus::InProgress {
        return Err(Error::invalid(
            "status",
            "cuộc kiểm tra chưa được nộp; thành viên đoàn phải nộp trước khi ban hành kết luận",
        ));
    }
    // A conclusion follows the visit, and covers every item: an item not inspected is marked
    // «Không áp dụng» with its reason (issue 11). A visit of several days ends on its last.
    if let Ok((_, visit_day)) = crate::minutes::visit_span(conn, id) {
        if date < visit_day {
            return Err(Error::NoticeBeforeVisit {
                date: date.format("%d/%m/%Y").to_string(),
                visit: visit_day.format("%d/%m/%Y").to_string(),
            });
        }
    }
    let unanswered: i64 = conn.query_row(
        "SELECT COUNT(*) FROM inspection_items WHERE inspection_id = ?1 AND status IS NULL",
        [id],
        |r| r.get(0),
    )?;
    if unanswered > 0 {
        return Err(Error::NoticeItemsUnanswered { count: unanswered });
    }
    // The notice cites the plan and the decision establishing the team by number and date
    // (issue 11): neither may be a blank on an issued notice.
    let (year, agency, addressee): (i32, String, String) = conn.query_row(
        "SELECT i.plan_year, i.agency_code, a.name FROM inspections i
         JOIN agencies a ON a.code = i.agency_code WHERE i.id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let plan = crate::plan::show(conn, year)?;
    if plan.number.is_none() || plan.issued_on.is_none() {
        return Err(Error::PlanReferenceMissing { year });
    }
    let decided = plan
        .agencies
        .iter()
        .find(|a| a.code == agency)
        .is_some_and(|a| a.decision.is_set());
    if !decided {
        let addressee = crate::agency::get(conn, &agency)
            .map(|a| a.addressee)
            .unwrap_or(addressee);
        return Err(Error::TeamDecisionMissing {
            year,
            code: agency,
            agency: addressee,
        });
    }
    let taken: Option<i64> = conn
        .query_row(
            "SELECT inspection_id FROM notices WHERE number = ?1 AND inspection_id <> ?2",
            params![number, id],
            |r| r.get(0),
        )
        .optional()?;
    if taken.is_some() {
        return Err(Error::NoticeNumberTaken { number });
    }
    let prev = list(conn, id)?.pop();
    Ok(IssuePlan {
        version: prev.as_ref().map_or(1, |p| p.version + 1),
        replaces: prev.map(|p| p.id),
        number,
        date,
    })
}

/// Keeps the rendered PDF and records the issue, locking the inspection. The file is written
/// and synced before the record that points at it is committed.
pub fn record(
    db: &mut Db,
    id: i64,
    plan: &IssuePlan,
    signer: &str,
    reason: Option<&str>,
    pdf: &[u8],
) -> Result<Notice> {
    let sha256: String = Sha256::digest(pdf)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let path = pdf_path(db, &sha256);
    // Content-addressed: an existing file already holds these bytes, and is read-only.
    if !path.exists() {
        crate::files::write_atomic_read_only(&path, &db.data_dir().seal(pdf)?)?;
    }
    let at = db.now_text();
    let signer = nfc(signer);
    let reason = reason.map(nfc).filter(|r| !r.is_empty());
    db.write(|tx| {
        let lead = profile::require_lead(tx, "ban hành thông báo kết luận")?;
        let again = prepare(tx, id, &plan.number, &plan.date.to_string())?;
        if again != *plan {
            return Err(Error::invalid("notice", "thông báo vừa thay đổi; hãy ban hành lại"));
        }
        if plan.replaces.is_some() && reason.is_none() {
            return Err(Error::invalid("reason", "bản đính chính phải ghi lý do"));
        }
        tx.execute(
            "INSERT INTO notices (inspection_id, version, number, issued_on, signer, sha256, size, replaces, reason, issued_at, issued_by, uid)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            params![id, plan.version, plan.number, plan.date.to_string(), signer, sha256, pdf.len() as i64, plan.replaces, reason, at, lead.name, crate::uid::random()],
        )?;
        let nid = tx.last_insert_rowid();
        inspection::lock_for_notice(tx, id)?;
        crate::followup::from_notice(tx, id, nid, plan.date, &at)?;
        let n = tx.query_row(&format!("{SELECT} WHERE id = ?1"), [nid], row)?;
        audit::record(tx, &at, Some(&lead.name), Change { action: "notice.issue", entity: "notice", key: &nid.to_string(), old: None, new: Some(json!(n)) })?;
        crate::exchange::log::noted_inspection(tx, &at, id)?;
        Ok(n)
    })
}

/// Reopens an issued inspection for a correction (lead only, with a reason). The issued notice
/// and its file stay; the next issue replaces it with a new version.
pub fn reopen(db: &mut Db, id: i64, reason: &str) -> Result<()> {
    let reason = nfc(reason);
    if reason.is_empty() {
        return Err(Error::invalid(
            "reason",
            "mở lại để đính chính phải ghi lý do",
        ));
    }
    let at = db.now_text();
    db.write(|tx| {
        let lead = profile::require_lead(tx, "mở lại cuộc kiểm tra để đính chính")?;
        inspection::reopen(tx, id, &reason)?;
        crate::exchange::log::noted_inspection(tx, &at, id)?;
        audit::record(
            tx,
            &at,
            Some(&lead.name),
            Change {
                action: "notice.reopen",
                entity: "inspection",
                key: &id.to_string(),
                old: Some(json!("locked")),
                new: Some(json!({ "reason": reason })),
            },
        )
    })
}
