//! Findings: the strengths and shortcomings the conclusion is made from, each tied to an item
//! or a PAR criterion.

use rusqlite::{params, Connection};
use serde::Deserialize;
use serde_json::json;
use ts_rs::TS;

use super::{item, require_editable, Finding, FindingKind, Severity};
use crate::audit::{self, Change};
use crate::calendar::parse_date;
use crate::db::Db;
use crate::error::{Error, Result};
use crate::text::nfc;

/// A finding as the inspector writes it.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct NewFinding {
    pub kind: FindingKind,
    pub text: String,
    pub source_ref: Option<String>,
    pub criterion: Option<String>,
    pub cause: Option<String>,
    pub recommendation: Option<String>,
    pub severity: Option<Severity>,
    pub responsible: Option<String>,
    pub due: Option<String>,
}

/// Adds a strength or shortcoming tied to an item or a PAR criterion.
pub fn add_finding(db: &mut Db, id: i64, f: &NewFinding) -> Result<Finding> {
    let text = nfc(&f.text);
    if text.is_empty() {
        return Err(Error::invalid(
            "text",
            "nội dung phát hiện không được để trống",
        ));
    }
    let opt = |s: &Option<String>| s.as_deref().map(nfc).filter(|s| !s.is_empty());
    let due = f
        .due
        .as_deref()
        .map(|d| parse_date("due", d))
        .transpose()?
        .map(|d| d.to_string());
    let at = db.now_text();
    db.write(|tx| {
        let who = require_editable(tx, id)?;
        let source_ref = opt(&f.source_ref);
        let criterion = opt(&f.criterion);
        if source_ref.is_none() && criterion.is_none() {
            return Err(Error::invalid("item", "phát hiện phải gắn với một mục kiểm tra hoặc một tiêu chí"));
        }
        if let Some(r) = &source_ref {
            item(tx, id, r)?;
        }
        if let Some(c) = &criterion {
            if !crate::framework::current_codes(tx)?.contains(c) {
                return Err(Error::invalid("criterion", format!("tiêu chí «{c}» không có trong khung chỉ số hiện hành")));
            }
        }
        let finding_uid = crate::uid::random();
        tx.execute(
            "INSERT INTO findings (inspection_id, kind, text, source_ref, criterion, cause, recommendation, severity, responsible, due, created_at, created_by, uid)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            params![
                id,
                f.kind,
                text,
                source_ref,
                criterion,
                opt(&f.cause),
                opt(&f.recommendation),
                f.severity,
                opt(&f.responsible),
                due,
                at,
                who.name,
                finding_uid
            ],
        )?;
        let fid = tx.last_insert_rowid();
        let finding = findings(tx, id)?
            .into_iter()
            .find(|x| x.id == fid)
            .ok_or(Error::InspectionNotFound { id })?;
        audit::record(
            tx,
            &at,
            Some(&who.name),
            Change {
                action: "finding.add",
                entity: "finding",
                key: &fid.to_string(),
                old: None,
                new: Some(json!(finding)),
            },
        )?;
        crate::exchange::log::noted(tx, &at, &[crate::exchange::log::UnitRef::Finding(finding_uid)])?;
        Ok(finding)
    })
}

/// Removes a finding (while the inspection can still be edited).
pub fn remove_finding(db: &mut Db, id: i64, finding_id: i64) -> Result<()> {
    let at = db.now_text();
    db.write(|tx| {
        let who = require_editable(tx, id)?;
        let before = findings(tx, id)?
            .into_iter()
            .find(|f| f.id == finding_id)
            .ok_or_else(|| {
                Error::invalid("finding", format!("không có phát hiện số {finding_id}"))
            })?;
        let finding_uid: String = tx.query_row(
            "SELECT uid FROM findings WHERE id = ?1",
            [finding_id],
            |r| r.get(0),
        )?;
        tx.execute(
            "DELETE FROM findings WHERE id = ?1 AND inspection_id = ?2",
            params![finding_id, id],
        )?;
        crate::exchange::log::noted(
            tx,
            &at,
            &[crate::exchange::log::UnitRef::Finding(finding_uid)],
        )?;
        audit::record(
            tx,
            &at,
            Some(&who.name),
            Change {
                action: "finding.remove",
                entity: "finding",
                key: &finding_id.to_string(),
                old: Some(json!(before)),
                new: None,
            },
        )
    })
}

pub(super) fn findings(conn: &Connection, id: i64) -> Result<Vec<Finding>> {
    let mut stmt = conn.prepare(
        "SELECT id, kind, text, source_ref, criterion, cause, recommendation, severity, responsible, due, created_at, created_by
         FROM findings WHERE inspection_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok(Finding {
            id: r.get(0)?,
            kind: r.get(1)?,
            text: r.get(2)?,
            source_ref: r.get(3)?,
            criterion: r.get(4)?,
            cause: r.get(5)?,
            recommendation: r.get(6)?,
            severity: r.get(7)?,
            responsible: r.get(8)?,
            due: r.get(9)?,
            created_at: r.get(10)?,
            created_by: r.get(11)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
