//! A field inspection of one agency in one year's plan. Its checklist is the template's items
//! that apply to the agency, copied at start so later template changes never move it. The
//! inspector records each item (status, measured figure, completion date, note), which is judged
//! against the plan's target or deadline; findings and scores are what the conclusion is made
//! from. Each change is one transaction with its audit entry, written before it is confirmed.
//!
//! This module holds the types and the reads (`show`, `list`, `find`); the changes live in
//! - `lifecycle`: start, submit, review, and the lock an issued notice puts on it (states below),
//! - `record`: an inspector's answer to one item, judged against the plan,
//! - `findings`: strengths and shortcomings,
//! - `scores`: self-assessed and appraised scores per criterion.
//!
//! States: in progress → submitted → returned (with the lead's comment) or accepted. A
//! submitted inspection refuses inspectors' edits; an accepted or issued one refuses everyone's.

mod findings;
mod lifecycle;
mod record;
mod scores;

use std::collections::{BTreeSet, HashMap};

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::agency::{self, Block};
use crate::checklist::{self, ItemKind, Op, Target, TargetConflict};
use crate::error::{Error, Result};
use crate::judgement::Judgement;
use crate::stored::stored_text;

pub use findings::{add_finding, remove_finding, NewFinding};
pub(crate) use lifecycle::{head, lock_for_notice, reopen, require_editable};
pub use lifecycle::{review, start, submit};
pub(crate) use record::rejudge;
pub use record::{record, Record};
pub use scores::set_score;

use findings::findings;
use record::disagreement;
use scores::scores;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum InspectionStatus {
    InProgress,
    Submitted,
    Returned,
    Accepted,
}

stored_text!(InspectionStatus {
    InProgress => "in_progress",
    Submitted => "submitted",
    Returned => "returned",
    Accepted => "accepted",
});

impl InspectionStatus {
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

stored_text!(ItemStatus {
    Met => "met",
    Partial => "partial",
    Unmet => "unmet",
    Na => "na",
});

impl ItemStatus {
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
    /// The agency's own (lead) duty or one it co-operates on, as frozen at start.
    pub kind: ItemKind,
    /// The other references of an item the plan states more than once.
    pub also_refs: Vec<String>,
    /// The figure measured, shared with other items measuring it.
    pub measure: Option<String>,
    /// Other items of this inspection measuring the same figure against a different target:
    /// one recorded figure is then judged against each target, and every judgement names its
    /// own ([`InspectionItem::judgement_text`]).
    pub target_conflicts: Vec<TargetConflict>,
}

impl InspectionItem {
    /// The judgement as documents print it, naming what it was judged against: "Đạt chỉ tiêu
    /// ≥ 85%", "Không đạt chỉ tiêu > 90%", "Đúng hạn" — with the other targets the plan sets
    /// for the same figure, so one figure judged twice never reads as a contradiction.
    pub fn judgement_text(&self) -> Option<String> {
        let j = self.judgement?;
        let mut text = match (&self.target, j) {
            (Some(t), Judgement::Met | Judgement::Unmet) => format!("{} {}", j.label(), t.text()),
            _ => j.label().to_string(),
        };
        if !self.target_conflicts.is_empty() {
            let others: Vec<String> = self
                .target_conflicts
                .iter()
                .map(|c| format!("{} {}", c.source_ref, c.target.text()))
                .collect();
            text.push_str(&format!(
                " (cùng số liệu, chỉ tiêu khác: {})",
                others.join("; ")
            ));
        }
        Some(text)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum FindingKind {
    Strength,
    Shortcoming,
}

stored_text!(FindingKind {
    Strength => "strength",
    Shortcoming => "shortcoming",
});

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Severity {
    Low,
    Medium,
    High,
}

stored_text!(Severity {
    Low => "low",
    Medium => "medium",
    High => "high",
});

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
    /// How documents address the agency ("UBND xã Tam Tiến"), from the register.
    pub agency_addressee: String,
    /// Its head's title ("Chủ tịch UBND xã Tam Tiến"), from the register.
    pub agency_head_title: String,
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
    /// When its conclusion notice is due (see [`crate::plan::notice_deadline`]).
    pub notice: Option<crate::plan::NoticeDeadline>,
}

pub(super) const ITEM_COLUMNS: &str = "source_ref, section_ref, objective_ref, text, evidence, deadline_text, due, target_op, target_value,
    target_unit, par_fields, par_criteria, status, value, done_on, judgement, note, updated_at, updated_by, kind, also_refs, measure";

pub(super) fn row_to_item(r: &rusqlite::Row<'_>) -> rusqlite::Result<InspectionItem> {
    let op: Option<Op> = r.get(7)?;
    let tv: Option<f64> = r.get(8)?;
    let status: Option<ItemStatus> = r.get(12)?;
    let judgement: Option<Judgement> = r.get(15)?;
    let list = |s: String| serde_json::from_str::<Vec<String>>(&s).unwrap_or_default();
    Ok(InspectionItem {
        source_ref: r.get(0)?,
        section_ref: r.get(1)?,
        objective_ref: r.get(2)?,
        text: r.get(3)?,
        evidence: r.get(4)?,
        deadline: r.get(5)?,
        due: r.get(6)?,
        target: match (op, tv) {
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
        kind: r.get(19)?,
        also_refs: list(r.get(20)?),
        measure: r.get(21)?,
        target_conflicts: Vec::new(),
    })
}

/// Flags the items of one inspection that measure the same figure against different targets.
pub(crate) fn flag_conflicts(items: &mut [InspectionItem]) {
    let conflicts = checklist::target_conflicts(items.iter().map(|i| {
        (
            i.source_ref.as_str(),
            i.measure.as_deref(),
            i.target.as_ref(),
        )
    }));
    for i in items {
        if let Some(c) = conflicts.get(&i.source_ref) {
            i.target_conflicts = c.clone();
        }
    }
}

pub(super) fn item(conn: &Connection, id: i64, source_ref: &str) -> Result<InspectionItem> {
    conn.query_row(
        &format!(
            "SELECT {ITEM_COLUMNS} FROM inspection_items WHERE inspection_id = ?1
               AND (source_ref = ?2 OR EXISTS (SELECT 1 FROM json_each(also_refs) WHERE value = ?2))
             ORDER BY source_ref <> ?2 LIMIT 1"
        ),
        params![id, source_ref.trim()],
        row_to_item,
    )
    .optional()?
    .ok_or_else(|| Error::ItemNotFound {
        id,
        source_ref: source_ref.trim().to_string(),
    })
}

impl Progress {
    /// Counts `n` items answered `status` and judged `judgement`.
    fn add(&mut self, status: Option<ItemStatus>, judgement: Option<Judgement>, n: u32) {
        self.total += n;
        match status {
            Some(ItemStatus::Met) => self.met += n,
            Some(ItemStatus::Partial) => self.partial += n,
            Some(ItemStatus::Unmet) => self.unmet += n,
            Some(ItemStatus::Na) => self.na += n,
            None => return,
        }
        self.answered += n;
        if disagreement(status, judgement) {
            self.disagreements += n;
        }
    }
}

fn progress(items: &[InspectionItem]) -> Progress {
    let mut p = Progress::default();
    for i in items {
        p.add(i.status, i.judgement, 1);
    }
    p
}

/// The whole inspection: items with answers, findings, progress, scores.
pub fn show(conn: &Connection, id: i64) -> Result<Inspection> {
    let (year, agency_code, status, locked, visit_date, template, version, review_comment): (i32, String, InspectionStatus, i64, String, String, i64, Option<String>) = conn
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
    let mut items = stmt
        .query_map([id], row_to_item)?
        .collect::<Result<Vec<_>, _>>()?;
    flag_conflicts(&mut items);
    let (scores, field_totals) = scores(conn, id)?;
    Ok(Inspection {
        id,
        year,
        agency: agency.code,
        agency_name: agency.name,
        agency_addressee: agency.addressee,
        agency_head_title: agency.head_title,
        block: agency.block,
        status,
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

/// Inspections, of one year or all, newest first, each with its notice deadline as seen on
/// `today`. Progress is counted in SQL, per answer and judgement, in one query for the whole
/// list.
pub fn list(
    conn: &Connection,
    year: Option<i32>,
    today: chrono::NaiveDate,
) -> Result<Vec<InspectionSummary>> {
    let mut counts: HashMap<i64, Progress> = HashMap::new();
    let mut stmt = conn.prepare(
        "SELECT it.inspection_id, it.status, it.judgement, COUNT(*)
         FROM inspection_items it JOIN inspections i ON i.id = it.inspection_id
         WHERE (?1 IS NULL OR i.plan_year = ?1)
         GROUP BY it.inspection_id, it.status, it.judgement",
    )?;
    let mut rows = stmt.query([year])?;
    while let Some(r) = rows.next()? {
        let n: i64 = r.get(3)?;
        counts
            .entry(r.get(0)?)
            .or_default()
            .add(r.get(1)?, r.get(2)?, n as u32);
    }
    let mut stmt = conn.prepare(
        "SELECT i.id, i.plan_year, a.code, a.name, i.status, i.locked, i.visit_date
         FROM inspections i JOIN agencies a ON a.code = i.agency_code
         WHERE (?1 IS NULL OR i.plan_year = ?1) ORDER BY i.plan_year DESC, i.id DESC",
    )?;
    let rows = stmt.query_map([year], |r| {
        let id: i64 = r.get(0)?;
        Ok(InspectionSummary {
            id,
            year: r.get(1)?,
            agency: r.get(2)?,
            agency_name: r.get(3)?,
            status: r.get(4)?,
            locked: r.get::<_, i64>(5)? == 1,
            visit_date: r.get(6)?,
            progress: counts.get(&id).cloned().unwrap_or_default(),
            notice: None,
        })
    })?;
    let mut out: Vec<InspectionSummary> = rows.collect::<Result<_, _>>()?;
    for i in &mut out {
        // An inspection outside any plan has no plan deadline to count from.
        i.notice = match crate::plan::notice_deadline(conn, i.year, &i.agency, today) {
            Ok(n) => n,
            Err(Error::PlanNotFound { .. }) => None,
            Err(e) => return Err(e),
        };
    }
    Ok(out)
}

/// The references of the items of inspection `id` (which must exist).
pub(crate) fn source_refs(conn: &Connection, id: i64) -> Result<BTreeSet<String>> {
    head(conn, id)?;
    let mut stmt =
        conn.prepare("SELECT source_ref FROM inspection_items WHERE inspection_id = ?1")?;
    let refs = stmt
        .query_map([id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(refs)
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
