//! A field inspection of one agency in one year's plan. Its checklist is the template's items
//! that apply to the agency, copied at start so later template changes never move it. The
//! inspector records each item (status, measured figure, completion date, note), which is judged
//! against the plan's target or deadline; findings and scores are what the conclusion is made
//! from. Each change is one transaction with its audit entry, written before it is confirmed.
//!
//! States: in progress → submitted → returned (with the lead's comment) or accepted. A
//! submitted inspection refuses inspectors' edits; an accepted or issued one refuses everyone's.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

use crate::agency::{self, Block};
use crate::audit::{self, Change};
use crate::calendar::parse_date;
use crate::checklist::{self, Op, Target};
use crate::db::Db;
use crate::error::{Error, Result};
use crate::judgement::{judge_date, judge_value, Judgement};
use crate::profile::{self, Profile, Role};
use crate::text::nfc;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum InspectionStatus {
    InProgress,
    Submitted,
    Returned,
    Accepted,
}

impl InspectionStatus {
    fn as_str(self) -> &'static str {
        match self {
            InspectionStatus::InProgress => "in_progress",
            InspectionStatus::Submitted => "submitted",
            InspectionStatus::Returned => "returned",
            InspectionStatus::Accepted => "accepted",
        }
    }

    fn from_db(s: &str) -> Self {
        match s {
            "submitted" => InspectionStatus::Submitted,
            "returned" => InspectionStatus::Returned,
            "accepted" => InspectionStatus::Accepted,
            _ => InspectionStatus::InProgress,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            InspectionStatus::InProgress => "đang kiểm tra",
            InspectionStatus::Submitted => "đã nộp chờ duyệt",
            InspectionStatus::Returned => "được trả lại để sửa",
            InspectionStatus::Accepted => "đã được duyệt",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ItemStatus {
    Met,
    Partial,
    Unmet,
    Na,
}

impl ItemStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ItemStatus::Met => "met",
            ItemStatus::Partial => "partial",
            ItemStatus::Unmet => "unmet",
            ItemStatus::Na => "na",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "met" => Some(ItemStatus::Met),
            "partial" => Some(ItemStatus::Partial),
            "unmet" => Some(ItemStatus::Unmet),
            "na" => Some(ItemStatus::Na),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ItemStatus::Met => "Đạt",
            ItemStatus::Partial => "Đạt một phần",
            ItemStatus::Unmet => "Chưa đạt",
            ItemStatus::Na => "Không áp dụng",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct InspectionItem {
    pub source_ref: String,
    pub section_ref: String,
    pub objective_ref: String,
    pub text: String,
    pub evidence: Option<String>,
    pub deadline: Option<String>,
    pub due: Option<String>,
    pub target: Option<Target>,
    pub par_fields: Vec<String>,
    pub par_criteria: Vec<String>,
    pub status: Option<ItemStatus>,
    pub value: Option<f64>,
    pub done_on: Option<String>,
    pub judgement: Option<Judgement>,
    pub note: Option<String>,
    /// The inspector's status goes against the computed judgement (a note says why).
    pub disagreement: bool,
    pub updated_at: Option<String>,
    pub updated_by: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum FindingKind {
    Strength,
    Shortcoming,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Severity {
    Low,
    Medium,
    High,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Finding {
    #[ts(type = "number")]
    pub id: i64,
    pub kind: FindingKind,
    pub text: String,
    pub source_ref: Option<String>,
    pub criterion: Option<String>,
    pub cause: Option<String>,
    pub recommendation: Option<String>,
    pub severity: Option<Severity>,
    pub responsible: Option<String>,
    pub due: Option<String>,
    pub created_at: String,
    pub created_by: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Progress {
    pub total: u32,
    pub answered: u32,
    pub met: u32,
    pub partial: u32,
    pub unmet: u32,
    pub na: u32,
    pub disagreements: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Score {
    pub criterion: String,
    pub name: String,
    pub field: String,
    pub max_points: f64,
    pub self_score: Option<f64>,
    pub appraised_score: Option<f64>,
    /// Appraised minus self-assessed, when both are there.
    pub difference: Option<f64>,
    pub justification: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct FieldTotal {
    pub field: String,
    pub name: String,
    pub max_points: f64,
    pub self_score: f64,
    pub appraised_score: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Inspection {
    #[ts(type = "number")]
    pub id: i64,
    pub year: i32,
    pub agency: String,
    pub agency_name: String,
    pub block: Block,
    pub status: InspectionStatus,
    pub locked: bool,
    pub visit_date: String,
    pub template: String,
    pub review_comment: Option<String>,
    pub items: Vec<InspectionItem>,
    pub findings: Vec<Finding>,
    pub progress: Progress,
    pub scores: Vec<Score>,
    pub field_totals: Vec<FieldTotal>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct InspectionSummary {
    #[ts(type = "number")]
    pub id: i64,
    pub year: i32,
    pub agency: String,
    pub agency_name: String,
    pub status: InspectionStatus,
    pub locked: bool,
    pub visit_date: String,
    pub progress: Progress,
}

struct Head {
    status: InspectionStatus,
    locked: bool,
}

fn head(conn: &Connection, id: i64) -> Result<Head> {
    conn.query_row(
        "SELECT status, locked FROM inspections WHERE id = ?1",
        [id],
        |r| {
            let s: String = r.get(0)?;
            Ok(Head {
                status: InspectionStatus::from_db(&s),
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
        let list = checklist::show(tx, Some(&agency.code), Some(i64::from(year)))
            .or_else(|_| checklist::show(tx, Some(&agency.code), None))?;
        tx.execute(
            "INSERT INTO inspections (plan_year, agency_code, visit_date, template_code, template_version, created_at, created_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![year, agency.code, date.to_string(), list.template.code, list.template.version, at, who.name],
        )?;
        let id = tx.last_insert_rowid();
        let mut stmt = tx.prepare(
            "INSERT INTO inspection_items (inspection_id, source_ref, section_ref, objective_ref, text, evidence, deadline_text,
                 due, target_op, target_value, target_unit, par_fields, par_criteria, position)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
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
        Ok(id)
    })
}

/// What the inspector records for one item.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[ts(export)]
pub struct Record {
    pub status: Option<ItemStatus>,
    pub value: Option<f64>,
    pub done_on: Option<String>,
    pub note: Option<String>,
}

fn disagreement(status: Option<ItemStatus>, judgement: Option<Judgement>) -> bool {
    match (status, judgement) {
        (Some(ItemStatus::Na) | None, _) | (_, None) => false,
        (Some(s), Some(j)) if j.is_positive() => s != ItemStatus::Met,
        (Some(s), Some(_)) => s == ItemStatus::Met,
    }
}

fn judge(
    target: Option<&Target>,
    due: Option<&str>,
    value: Option<f64>,
    done_on: Option<&str>,
) -> Option<Judgement> {
    if let (Some(t), Some(v)) = (target, value) {
        return Some(judge_value(t, v));
    }
    match (
        due.and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()),
        done_on,
    ) {
        (Some(due), Some(done)) => NaiveDate::parse_from_str(done, "%Y-%m-%d")
            .ok()
            .map(|d| judge_date(due, d)),
        _ => None,
    }
}

/// Records the answer to one item, in one transaction, and returns the item as stored.
pub fn record(db: &mut Db, id: i64, source_ref: &str, rec: &Record) -> Result<InspectionItem> {
    let done_on = rec
        .done_on
        .as_deref()
        .map(|d| parse_date("done_on", d))
        .transpose()?
        .map(|d| d.to_string());
    if let Some(v) = rec.value {
        if !v.is_finite() {
            return Err(Error::invalid("value", "số liệu không hợp lệ"));
        }
    }
    let note = rec.note.as_deref().map(nfc).filter(|n| !n.is_empty());
    let at = db.now_text();
    db.write(|tx| {
        let who = require_editable(tx, id)?;
        let before = item(tx, id, source_ref)?;
        if rec.value.is_some() && before.target.is_none() {
            return Err(Error::invalid("value", format!("mục {source_ref} không có chỉ tiêu đo được; ghi số liệu vào ghi chú")));
        }
        if rec.status == Some(ItemStatus::Na) && note.is_none() {
            return Err(Error::invalid("note", "chọn «Không áp dụng» phải ghi lý do"));
        }
        let judgement = judge(before.target.as_ref(), before.due.as_deref(), rec.value, done_on.as_deref());
        if disagreement(rec.status, judgement) && note.is_none() {
            let j = judgement.map(Judgement::label).unwrap_or_default();
            return Err(Error::invalid(
                "note",
                format!("kết quả «{}» khác với đánh giá tự động «{j}»: cần ghi chú lý do", rec.status.map(ItemStatus::label).unwrap_or_default()),
            ));
        }
        tx.execute(
            "UPDATE inspection_items SET status = ?3, value = ?4, done_on = ?5, note = ?6, judgement = ?7, updated_at = ?8, updated_by = ?9
             WHERE inspection_id = ?1 AND source_ref = ?2",
            params![
                id,
                before.source_ref,
                rec.status.map(ItemStatus::as_str),
                rec.value,
                done_on,
                note,
                judgement.map(Judgement::as_str),
                at,
                who.name
            ],
        )?;
        let after = item(tx, id, source_ref)?;
        audit::record(
            tx,
            &at,
            Some(&who.name),
            Change {
                action: "inspection.record",
                entity: "inspection_item",
                key: &format!("{id}/{source_ref}"),
                old: Some(answer_json(&before)),
                new: Some(answer_json(&after)),
            },
        )?;
        Ok(after)
    })
}

fn answer_json(i: &InspectionItem) -> serde_json::Value {
    json!({ "status": i.status, "value": i.value, "done_on": i.done_on, "note": i.note, "judgement": i.judgement })
}

const ITEM_COLUMNS: &str = "source_ref, section_ref, objective_ref, text, evidence, deadline_text, due, target_op, target_value,
    target_unit, par_fields, par_criteria, status, value, done_on, judgement, note, updated_at, updated_by";

fn row_to_item(r: &rusqlite::Row<'_>) -> rusqlite::Result<InspectionItem> {
    let op: Option<String> = r.get(7)?;
    let tv: Option<f64> = r.get(8)?;
    let status: Option<String> = r.get(12)?;
    let judgement: Option<String> = r.get(15)?;
    let status = status.as_deref().and_then(ItemStatus::parse);
    let judgement = judgement.as_deref().and_then(Judgement::parse);
    let list = |s: String| serde_json::from_str::<Vec<String>>(&s).unwrap_or_default();
    Ok(InspectionItem {
        source_ref: r.get(0)?,
        section_ref: r.get(1)?,
        objective_ref: r.get(2)?,
        text: r.get(3)?,
        evidence: r.get(4)?,
        deadline: r.get(5)?,
        due: r.get(6)?,
        target: match (op.as_deref().and_then(Op::parse), tv) {
            (Some(op), Some(value)) => Some(Target {
                op,
                value,
                unit: r.get::<_, Option<String>>(9)?.unwrap_or_default(),
            }),
            _ => None,
        },
        par_fields: list(r.get(10)?),
        par_criteria: list(r.get(11)?),
        status,
        value: r.get(13)?,
        done_on: r.get(14)?,
        judgement,
        note: r.get(16)?,
        disagreement: disagreement(status, judgement),
        updated_at: r.get(17)?,
        updated_by: r.get(18)?,
    })
}

fn item(conn: &Connection, id: i64, source_ref: &str) -> Result<InspectionItem> {
    conn.query_row(
        &format!("SELECT {ITEM_COLUMNS} FROM inspection_items WHERE inspection_id = ?1 AND source_ref = ?2"),
        params![id, source_ref.trim()],
        row_to_item,
    )
    .optional()?
    .ok_or_else(|| Error::ItemNotFound {
        id,
        source_ref: source_ref.trim().to_string(),
    })
}

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

fn severity_str(s: Severity) -> &'static str {
    match s {
        Severity::Low => "low",
        Severity::Medium => "medium",
        Severity::High => "high",
    }
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
        tx.execute(
            "INSERT INTO findings (inspection_id, kind, text, source_ref, criterion, cause, recommendation, severity, responsible, due, created_at, created_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            params![
                id,
                if f.kind == FindingKind::Strength { "strength" } else { "shortcoming" },
                text,
                source_ref,
                criterion,
                opt(&f.cause),
                opt(&f.recommendation),
                f.severity.map(severity_str),
                opt(&f.responsible),
                due,
                at,
                who.name
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
        tx.execute(
            "DELETE FROM findings WHERE id = ?1 AND inspection_id = ?2",
            params![finding_id, id],
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

fn findings(conn: &Connection, id: i64) -> Result<Vec<Finding>> {
    let mut stmt = conn.prepare(
        "SELECT id, kind, text, source_ref, criterion, cause, recommendation, severity, responsible, due, created_at, created_by
         FROM findings WHERE inspection_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([id], |r| {
        let kind: String = r.get(1)?;
        let sev: Option<String> = r.get(7)?;
        Ok(Finding {
            id: r.get(0)?,
            kind: if kind == "strength" {
                FindingKind::Strength
            } else {
                FindingKind::Shortcoming
            },
            text: r.get(2)?,
            source_ref: r.get(3)?,
            criterion: r.get(4)?,
            cause: r.get(5)?,
            recommendation: r.get(6)?,
            severity: match sev.as_deref() {
                Some("low") => Some(Severity::Low),
                Some("medium") => Some(Severity::Medium),
                Some("high") => Some(Severity::High),
                _ => None,
            },
            responsible: r.get(8)?,
            due: r.get(9)?,
            created_at: r.get(10)?,
            created_by: r.get(11)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
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
            params![id, to.as_str(), comment],
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

/// Records the self-assessed and appraised score of one criterion that has max points.
pub fn set_score(
    db: &mut Db,
    id: i64,
    criterion: &str,
    self_score: Option<f64>,
    appraised: Option<f64>,
    justification: Option<&str>,
) -> Result<Inspection> {
    let at = db.now_text();
    let justification = justification.map(nfc).filter(|j| !j.is_empty());
    db.write(|tx| {
        let who = require_editable(tx, id)?;
        let max: Option<Option<f64>> = tx
            .query_row(
                "SELECT n.max_points FROM framework_nodes n JOIN framework_versions v ON v.id = n.version_id
                 WHERE v.is_current = 1 AND n.code = ?1",
                [criterion],
                |r| r.get(0),
            )
            .optional()?;
        let max = match max {
            None => return Err(Error::invalid("criterion", format!("tiêu chí «{criterion}» không có trong khung chỉ số hiện hành"))),
            Some(None) => {
                return Err(Error::invalid(
                    "criterion",
                    format!("tiêu chí «{criterion}» chưa có điểm tối đa; hãy nhập khung chỉ số chính thức trước"),
                ))
            }
            Some(Some(m)) => m,
        };
        for (name, v) in [("self_score", self_score), ("appraised_score", appraised)] {
            if let Some(v) = v {
                if !(v.is_finite() && (0.0..=max).contains(&v)) {
                    return Err(Error::invalid(name, format!("điểm phải từ 0 đến {max}")));
                }
            }
        }
        if let (Some(s), Some(a)) = (self_score, appraised) {
            if (s - a).abs() > 1e-9 && justification.is_none() {
                return Err(Error::invalid("justification", "điểm thẩm định khác điểm tự đánh giá: cần ghi lý do"));
            }
        }
        tx.execute(
            "INSERT INTO inspection_scores (inspection_id, criterion, self_score, appraised_score, justification)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (inspection_id, criterion) DO UPDATE SET self_score = excluded.self_score,
                 appraised_score = excluded.appraised_score, justification = excluded.justification",
            params![id, criterion, self_score, appraised, justification],
        )?;
        audit::record(
            tx,
            &at,
            Some(&who.name),
            Change {
                action: "inspection.score",
                entity: "inspection_score",
                key: &format!("{id}/{criterion}"),
                old: None,
                new: Some(json!({ "self": self_score, "appraised": appraised, "justification": justification })),
            },
        )?;
        show(tx, id)
    })
}

fn scores(conn: &Connection, id: i64) -> Result<(Vec<Score>, Vec<FieldTotal>)> {
    let mut stmt = conn.prepare(
        "SELECT n.code, n.name, n.parent_code, n.max_points, s.self_score, s.appraised_score, s.justification, n.level
         FROM framework_nodes n JOIN framework_versions v ON v.id = n.version_id
         LEFT JOIN inspection_scores s ON s.inspection_id = ?1 AND s.criterion = n.code
         WHERE v.is_current = 1 AND n.max_points IS NOT NULL ORDER BY n.position",
    )?;
    let rows = stmt
        .query_map([id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, f64>(3)?,
                r.get::<_, Option<f64>>(4)?,
                r.get::<_, Option<f64>>(5)?,
                r.get::<_, Option<String>>(6)?,
                r.get::<_, String>(7)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let mut fields: BTreeMap<String, FieldTotal> = BTreeMap::new();
    let mut out = Vec::new();
    for (code, name, parent, max, s, a, j, level) in rows {
        if level == "field" {
            fields.entry(code.clone()).or_insert(FieldTotal {
                field: code,
                name,
                max_points: max,
                self_score: 0.0,
                appraised_score: 0.0,
            });
            continue;
        }
        // The field is the first segment of the code's ancestry.
        let field = parent
            .as_deref()
            .map(|p| p.split('.').next().unwrap_or(p).to_string())
            .unwrap_or_else(|| code.clone());
        if level == "criterion" {
            if let Some(t) = fields.get_mut(&field) {
                t.self_score += s.unwrap_or(0.0);
                t.appraised_score += a.unwrap_or(0.0);
            }
        }
        out.push(Score {
            difference: match (s, a) {
                (Some(s), Some(a)) => Some(a - s),
                _ => None,
            },
            criterion: code,
            name,
            field,
            max_points: max,
            self_score: s,
            appraised_score: a,
            justification: j,
        });
    }
    Ok((out, fields.into_values().collect()))
}

fn progress(items: &[InspectionItem]) -> Progress {
    let mut p = Progress {
        total: items.len() as u32,
        ..Default::default()
    };
    for i in items {
        match i.status {
            Some(ItemStatus::Met) => p.met += 1,
            Some(ItemStatus::Partial) => p.partial += 1,
            Some(ItemStatus::Unmet) => p.unmet += 1,
            Some(ItemStatus::Na) => p.na += 1,
            None => continue,
        }
        p.answered += 1;
        if i.disagreement {
            p.disagreements += 1;
        }
    }
    p
}

/// The whole inspection: items with answers, findings, progress, scores.
pub fn show(conn: &Connection, id: i64) -> Result<Inspection> {
    let (year, agency_code, status, locked, visit_date, template, version, review_comment): (i32, String, String, i64, String, String, i64, Option<String>) = conn
        .query_row(
            "SELECT plan_year, agency_code, status, locked, visit_date, template_code, template_version, review_comment
             FROM inspections WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?)),
        )
        .optional()?
        .ok_or(Error::InspectionNotFound { id })?;
    let agency = agency::get(conn, &agency_code)?;
    let mut stmt = conn.prepare(&format!(
        "SELECT {ITEM_COLUMNS} FROM inspection_items WHERE inspection_id = ?1 ORDER BY position"
    ))?;
    let items = stmt
        .query_map([id], row_to_item)?
        .collect::<Result<Vec<_>, _>>()?;
    let (scores, field_totals) = scores(conn, id)?;
    Ok(Inspection {
        id,
        year,
        agency: agency.code,
        agency_name: agency.name,
        block: agency.block,
        status: InspectionStatus::from_db(&status),
        locked: locked == 1,
        visit_date,
        template: format!("{template} v{version}"),
        review_comment,
        progress: progress(&items),
        items,
        findings: findings(conn, id)?,
        scores,
        field_totals,
    })
}

/// Inspections, of one year or all, newest first.
pub fn list(conn: &Connection, year: Option<i32>) -> Result<Vec<InspectionSummary>> {
    let mut stmt = conn.prepare("SELECT id FROM inspections WHERE (?1 IS NULL OR plan_year = ?1) ORDER BY plan_year DESC, id DESC")?;
    let ids = stmt
        .query_map([year], |r| r.get::<_, i64>(0))?
        .collect::<Result<Vec<_>, _>>()?;
    ids.into_iter()
        .map(|id| {
            let i = show(conn, id)?;
            Ok(InspectionSummary {
                id,
                year: i.year,
                agency: i.agency,
                agency_name: i.agency_name,
                status: i.status,
                locked: i.locked,
                visit_date: i.visit_date,
                progress: i.progress,
            })
        })
        .collect()
}

/// The inspection of `agency` in `year`, if started.
pub fn find(conn: &Connection, year: i32, agency: &str) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT id FROM inspections WHERE plan_year = ?1 AND agency_code = ?2",
            params![year, agency],
            |r| r.get(0),
        )
        .optional()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn disagreement_is_a_status_against_the_judgement() {
        use ItemStatus as S;
        use Judgement as J;
        assert!(!disagreement(Some(S::Met), Some(J::OnTime)));
        assert!(disagreement(Some(S::Unmet), Some(J::Met)));
        assert!(disagreement(Some(S::Partial), Some(J::Met)));
        assert!(disagreement(Some(S::Met), Some(J::Late)));
        assert!(!disagreement(Some(S::Partial), Some(J::Unmet)));
        assert!(
            !disagreement(Some(S::Na), Some(J::Late)),
            "N/A carries its own reason"
        );
        assert!(!disagreement(Some(S::Met), None));
    }
}
