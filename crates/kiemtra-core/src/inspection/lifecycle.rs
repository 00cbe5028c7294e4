//! The states of an inspection and who may change it in each: start, submit, review, and the
//! lock an issued notice puts on it (and the reopening for a correction). Every write of
//! `inspections.status` and `inspections.locked` is here.

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde_json::json;

use super::{show, Inspection, InspectionStatus};
use crate::agency;
use crate::audit::{self, Change};
use crate::calendar::parse_date;
use crate::checklist;
use crate::db::Db;
use crate::error::{Error, Result};
use crate::profile::{self, Profile, Role};
use crate::text::nfc;

/// The state of an inspection, without its content.
pub(crate) struct Head {
    pub(crate) status: InspectionStatus,
    pub(crate) locked: bool,
}

pub(crate) fn head(conn: &Connection, id: i64) -> Result<Head> {
    conn.query_row(
        "SELECT status, locked FROM inspections WHERE id = ?1",
        [id],
        |r| {
            Ok(Head {
                status: r.get(0)?,
                locked: r.get::<_, i64>(1)? == 1,
            })
        },
    )
    .optional()?
    .ok_or(Error::InspectionNotFound { id })
}

/// The current profile, if it may change inspection `id` now.
pub(crate) fn require_editable(conn: &Connection, id: i64) -> Result<Profile> {
    let who = profile::require_current(conn)?;
    let h = head(conn, id)?;
    let refused = |state: &str, hint: &str| Error::InspectionLocked {
        id,
        state: state.to_string(),
        hint: hint.to_string(),
    };
    if h.locked {
        return Err(refused(
            "đã ban hành thông báo kết luận",
            "; mọi thay đổi phải qua một phiên bản đính chính",
        ));
    }
    match h.status {
        InspectionStatus::Accepted => Err(refused("đã được duyệt", "")),
        InspectionStatus::Submitted if who.role != Role::Lead => Err(refused(
            "đã nộp chờ Trưởng đoàn duyệt",
            "; Trưởng đoàn có thể trả lại để sửa",
        )),
        _ => Ok(who),
    }
}

/// Starts the inspection of `agency` in the plan of `year`, freezing its checklist.
pub fn start(db: &mut Db, year: i32, agency_code: &str, visit_date: Option<&str>) -> Result<i64> {
    let date = match visit_date {
        Some(d) => parse_date("date", d)?,
        None => db.now().date_naive(),
    };
    let at = db.now_text();
    db.write(|tx| {
        let who = profile::require_current(tx)?;
        let agency = agency::get(tx, agency_code)?;
        let in_plan: Option<i64> = tx
            .query_row(
                "SELECT 1 FROM plan_agencies pa JOIN plans p ON p.id = pa.plan_id WHERE p.year = ?1 AND pa.agency_code = ?2",
                params![year, agency.code],
                |r| r.get(0),
            )
            .optional()?;
        if in_plan.is_none() {
            return Err(Error::NotInPlan { code: agency.code, year });
        }
        if let Some(id) = tx
            .query_row(
                "SELECT id FROM inspections WHERE plan_year = ?1 AND agency_code = ?2",
                params![year, agency.code],
                |r| r.get(0),
            )
            .optional()?
        {
            return Err(Error::InspectionExists { id, agency: agency.name, year });
        }
        let inspection_uid = crate::uid::inspection(year, &agency.code);
        let mut list = checklist::show(tx, Some(&agency.code), Some(i64::from(year)))
            .or_else(|_| checklist::show(tx, Some(&agency.code), None))?;
        // Co-operation duties are inspected unless the plan says otherwise.
        if !crate::plan::cooperation_inspected(tx, year)? {
            list.items.retain(|i| i.kind == checklist::ItemKind::Lead);
        }
        tx.execute(
            "INSERT INTO inspections (plan_year, agency_code, visit_date, template_code, template_version, created_at, created_by, uid)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![year, agency.code, date.to_string(), list.template.code, list.template.version, at, who.name, inspection_uid],
        )?;
        let id = tx.last_insert_rowid();
        let mut stmt = tx.prepare(
            "INSERT INTO inspection_items (inspection_id, source_ref, section_ref, objective_ref, text, evidence, deadline_text,
                 due, target_op, target_value, target_unit, par_fields, par_criteria, position, uid, kind, also_refs, measure)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
        )?;
        for (pos, i) in list.items.iter().enumerate() {
            stmt.execute(params![
                id,
                i.source_ref,
                i.section_ref,
                i.objective_ref,
                i.text,
                i.evidence,
                i.deadline,
                i.due,
                i.target.as_ref().map(|t| t.op.as_str()),
                i.target.as_ref().map(|t| t.value),
                i.target.as_ref().map(|t| t.unit.clone()),
                serde_json::to_string(&i.par_fields).unwrap_or_else(|_| "[]".into()),
                serde_json::to_string(&i.par_criteria).unwrap_or_else(|_| "[]".into()),
                pos as i64,
                crate::uid::answer(&inspection_uid, &i.source_ref),
                i.kind,
                serde_json::to_string(&i.also_refs).unwrap_or_else(|_| "[]".into()),
                i.measure,
            ])?;
        }
        audit::record(
            tx,
            &at,
            Some(&who.name),
            Change {
                action: "inspection.start",
                entity: "inspection",
                key: &id.to_string(),
                old: None,
                new: Some(json!({ "year": year, "agency": agency.code, "date": date.to_string(), "items": list.items.len() })),
            },
        )?;
        crate::exchange::log::noted_inspection(tx, &at, id)?;
        Ok(id)
    })
}

fn set_status(
    db: &mut Db,
    id: i64,
    to: InspectionStatus,
    comment: Option<&str>,
    lead_only: Option<&str>,
) -> Result<Inspection> {
    let at = db.now_text();
    let comment = comment.map(nfc).filter(|c| !c.is_empty());
    db.write(|tx| {
        let who = match lead_only {
            Some(action) => profile::require_lead(tx, action)?,
            None => require_editable(tx, id)?,
        };
        let h = head(tx, id)?;
        let allowed = match to {
            InspectionStatus::Submitted => matches!(h.status, InspectionStatus::InProgress | InspectionStatus::Returned),
            InspectionStatus::Returned | InspectionStatus::Accepted => h.status == InspectionStatus::Submitted,
            InspectionStatus::InProgress => false,
        };
        if !allowed || h.locked {
            return Err(Error::InspectionLocked {
                id,
                state: h.status.label().to_string(),
                hint: format!("; không chuyển sang «{}» được", to.label()),
            });
        }
        if to == InspectionStatus::Returned && comment.is_none() {
            return Err(Error::invalid("comment", "trả lại phải ghi ý kiến để thành viên đoàn sửa"));
        }
        tx.execute(
            "UPDATE inspections SET status = ?2, review_comment = COALESCE(?3, review_comment) WHERE id = ?1",
            params![id, to, comment],
        )?;
        audit::record(
            tx,
            &at,
            Some(&who.name),
            Change {
                action: "inspection.status",
                entity: "inspection",
                key: &id.to_string(),
                old: Some(json!(h.status)),
                new: Some(json!({ "status": to, "comment": comment })),
            },
        )?;
        crate::exchange::log::noted(tx, &at, &[crate::exchange::log::UnitRef::Inspection(crate::uid::of_inspection(tx, id)?)])?;
        show(tx, id)
    })
}

/// Submits the inspection for the lead's review.
pub fn submit(db: &mut Db, id: i64) -> Result<Inspection> {
    set_status(db, id, InspectionStatus::Submitted, None, None)
}

/// The lead returns a submitted inspection with comments, or accepts it.
pub fn review(db: &mut Db, id: i64, accept: bool, comment: Option<&str>) -> Result<Inspection> {
    let to = if accept {
        InspectionStatus::Accepted
    } else {
        InspectionStatus::Returned
    };
    set_status(db, id, to, comment, Some("duyệt kết quả kiểm tra"))
}

/// Locks inspection `id` as the issue of its conclusion notice does: accepted, and no change
/// at all until it is reopened. Part of the caller's transaction.
pub(crate) fn lock_for_notice(tx: &Transaction<'_>, id: i64) -> Result<()> {
    tx.execute(
        "UPDATE inspections SET locked = 1, status = ?2 WHERE id = ?1",
        params![id, InspectionStatus::Accepted],
    )?;
    Ok(())
}

/// Reopens an issued (locked) inspection for a correction: back to submitted, with `reason` as
/// the review comment. Refused when it is not locked. Part of the caller's transaction.
pub(crate) fn reopen(tx: &Transaction<'_>, id: i64, reason: &str) -> Result<()> {
    if !head(tx, id)?.locked {
        return Err(Error::invalid(
            "status",
            "cuộc kiểm tra chưa ban hành kết luận, không cần mở lại",
        ));
    }
    tx.execute(
        "UPDATE inspections SET locked = 0, status = ?2, review_comment = ?3 WHERE id = ?1",
        params![id, InspectionStatus::Submitted, reason],
    )?;
    Ok(())
}
