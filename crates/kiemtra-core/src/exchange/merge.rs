//! Applying received changes, listing conflicts and resolving them. Everything here runs inside
//! the caller's one transaction: an import is applied whole or not at all.

use std::collections::{BTreeMap, BTreeSet};

use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::log::{self, Author, ChangeRecord};
use super::units::{self, Kind, Value};
use crate::error::{Error, Result};
use crate::uid;

/// A change that was not applied, and why.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Refusal {
    pub kind: String,
    pub what: String,
    pub reason: String,
}

/// What applying a set of changes did (or, for a preview, would do).
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct MergeReport {
    /// Changes new to this store, stored and merged.
    pub applied: u32,
    /// Changes this store already had (a bundle imported twice changes nothing).
    pub unchanged: u32,
    /// Units left in conflict by this import.
    pub conflicts: u32,
    /// Changes not applied: for an issued inspection, or missing what they belong to.
    pub refused: u32,
    /// Per kind, the units whose shown value changed.
    pub updated: BTreeMap<String, u32>,
    pub refusals: Vec<Refusal>,
}

/// The uid a name-based unit must have given its value: a received change cannot aim its value
/// at another row.
fn expected_uid(v: &Value) -> Option<String> {
    Some(match v {
        Value::Plan(p) => uid::plan(p.year),
        Value::PlanEntry(p) => uid::plan_entry(p.year, &p.agency),
        Value::Inspection(i) => uid::inspection(i.year, &i.agency),
        Value::Checklist(c) => uid::named("checklist", &[&c.inspection]),
        Value::Answer(a) => uid::answer(&a.inspection, &a.source_ref),
        Value::Score(s) => uid::score(&s.inspection, &s.criterion),
        Value::Minutes(m) => uid::minutes(&m.inspection),
        Value::Evidence(e) => uid::evidence(&e.inspection, &e.sha256),
        Value::Profile(_) | Value::Finding(_) | Value::Notice(_) => return None,
    })
}

/// Checks what can be checked of received changes without the store: each is well formed and
/// aimed at the unit its value names. A bundle failing this is refused whole.
pub fn check(changes: &[ChangeRecord]) -> Result<()> {
    for c in changes {
        if let Some(u) = expected_uid(&c.value) {
            if u != c.unit {
                return Err(Error::BundleInvalid {
                    reason: format!("thay đổi {} nhắm sai đối tượng", c.uid),
                });
            }
        }
        if c.bases.contains(&c.uid) {
            return Err(Error::BundleInvalid {
                reason: format!("thay đổi {} tự làm gốc của chính nó", c.uid),
            });
        }
        if let Some(sha) = c.value.blob() {
            if sha.len() != 64 || !sha.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
                return Err(Error::BundleInvalid {
                    reason: format!("mã băm tệp không hợp lệ trong thay đổi {}", c.uid),
                });
            }
        }
    }
    Ok(())
}

fn what(v: &Value) -> String {
    match v {
        Value::Profile(p) => p.name.clone(),
        Value::Plan(p) => format!("kế hoạch {}", p.year),
        Value::PlanEntry(p) => format!("{} / {}", p.year, p.agency),
        Value::Inspection(i) => format!("{} / {}", i.year, i.agency),
        Value::Checklist(c) => c.inspection.clone(),
        Value::Answer(a) => a.source_ref.clone(),
        Value::Finding(f) => f.text.chars().take(60).collect(),
        Value::Score(s) => s.criterion.clone(),
        Value::Minutes(_) => "biên bản".to_string(),
        Value::Evidence(e) => e.name.clone(),
        Value::Notice(n) => format!("{} (bản {})", n.number, n.version),
    }
}

fn locked_inspections(conn: &Connection) -> Result<BTreeSet<String>> {
    let mut stmt = conn.prepare("SELECT uid FROM inspections WHERE locked = 1")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn exists(conn: &Connection, sql: &str, key: &str) -> Result<bool> {
    Ok(conn.query_row(sql, [key], |r| r.get::<_, i64>(0))? > 0)
}

/// Why a change cannot be applied here, if it cannot.
fn missing_prerequisite(conn: &Connection, v: &Value) -> Result<Option<String>> {
    if let Some(i) = v.inspection() {
        if !exists(conn, "SELECT COUNT(*) FROM inspections WHERE uid = ?1", i)? {
            return Ok(Some("chưa có cuộc kiểm tra này trên máy".into()));
        }
    }
    Ok(match v {
        Value::PlanEntry(p) => {
            if !exists(
                conn,
                "SELECT COUNT(*) FROM agencies WHERE code = ?1",
                &p.agency,
            )? {
                Some(format!("không có đơn vị «{}» trong danh sách", p.agency))
            } else if !exists(
                conn,
                "SELECT COUNT(*) FROM plans WHERE uid = ?1",
                &uid::plan(p.year),
            )? {
                Some(format!("chưa có kế hoạch năm {}", p.year))
            } else {
                None
            }
        }
        Value::Inspection(i) => {
            if !exists(
                conn,
                "SELECT COUNT(*) FROM agencies WHERE code = ?1",
                &i.agency,
            )? {
                Some(format!("không có đơn vị «{}» trong danh sách", i.agency))
            } else {
                None
            }
        }
        Value::Answer(a) => {
            if !exists(
                conn,
                "SELECT COUNT(*) FROM inspection_items WHERE uid = ?1",
                &uid::answer(&a.inspection, &a.source_ref),
            )? {
                Some(format!(
                    "chưa có nội dung {} trong danh mục của cuộc kiểm tra",
                    a.source_ref
                ))
            } else {
                None
            }
        }
        _ => None,
    })
}

/// Stores received changes and brings every unit they touch to its merged value. Changes the
/// store already has are skipped; changes to an inspection that was issued (locked) here
/// before this import are refused and reported; `has_blob` says whether an evidence or notice
/// file is in the store. Runs in the caller's transaction.
pub fn apply_changes(
    conn: &Connection,
    mut changes: Vec<ChangeRecord>,
    has_blob: &dyn Fn(&str) -> bool,
) -> Result<MergeReport> {
    check(&changes)?;
    let locked = locked_inspections(conn)?;
    let mut report = MergeReport::default();
    // Prerequisites first (plans before entries, inspections before answers); within a kind,
    // oldest first.
    changes.sort_by(|a, b| (a.kind(), &a.clock, &a.uid).cmp(&(b.kind(), &b.clock, &b.uid)));
    let mut seen_clock: Option<String> = None;
    let mut kinds: Vec<Kind> = changes.iter().map(ChangeRecord::kind).collect();
    kinds.dedup();
    for kind in kinds {
        let mut touched: BTreeSet<String> = BTreeSet::new();
        for c in changes.iter().filter(|c| c.kind() == kind) {
            if log::has(conn, &c.uid)? {
                report.unchanged += 1;
                continue;
            }
            let refuse = |reason: String| Refusal {
                kind: kind.label().to_string(),
                what: what(&c.value),
                reason,
            };
            if kind.is_inspection_work() {
                if let Some(i) = c.value.inspection() {
                    if locked.contains(i) {
                        report.refused += 1;
                        report.refusals.push(refuse(
                            "cuộc kiểm tra đã ban hành kết luận (đã khoá); thay đổi không được áp dụng".into(),
                        ));
                        continue;
                    }
                }
            }
            if let Some(reason) = missing_prerequisite(conn, &c.value)? {
                report.refused += 1;
                report.refusals.push(refuse(reason));
                continue;
            }
            if let Some(sha) = c.value.blob() {
                if !has_blob(sha) {
                    report.refused += 1;
                    report
                        .refusals
                        .push(refuse("thiếu tệp trong gói trao đổi".into()));
                    continue;
                }
            }
            log::insert(conn, c)?;
            report.applied += 1;
            touched.insert(c.unit.clone());
            if seen_clock.as_deref() < Some(c.clock.as_str()) {
                seen_clock = Some(c.clock.clone());
            }
        }
        for unit in touched {
            let heads = log::heads(conn, &unit)?;
            let Some(value) = log::merged(&heads) else {
                continue;
            };
            let now = current(conn, kind, &unit, &value)?;
            if now.as_ref() != Some(&value) {
                units::apply(conn, &unit, &value)?;
                *report.updated.entry(kind.as_str().to_string()).or_default() += 1;
            }
            if log::in_conflict(&heads) {
                report.conflicts += 1;
            }
        }
    }
    if let Some(c) = seen_clock {
        log::observe(conn, &c)?;
    }
    Ok(report)
}

/// The unit's value in the store now.
fn current(conn: &Connection, kind: Kind, unit: &str, like: &Value) -> Result<Option<Value>> {
    match like {
        Value::PlanEntry(p) => units::snapshot_plan_entry(conn, p.year, &p.agency),
        Value::Checklist(c) => units::snapshot_checklist(conn, &c.inspection).map(|v| {
            // An inspection created by an import has no items yet: that is "no checklist".
            v.filter(|v| !matches!(v, Value::Checklist(c) if c.items.is_empty()))
        }),
        // A deleted finding: the same as the store when its row is gone already.
        Value::Finding(f) if f.deleted => Ok(if exists_finding(conn, unit)? {
            None
        } else {
            Some(Value::Finding(f.clone()))
        }),
        _ => units::snapshot(conn, kind, unit),
    }
}

fn exists_finding(conn: &Connection, unit: &str) -> Result<bool> {
    exists(conn, "SELECT COUNT(*) FROM findings WHERE uid = ?1", unit)
}

/// One side of a conflict.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Side {
    /// The unit's value on that side (the fields of the answer, finding, score…).
    #[ts(type = "Record<string, unknown>")]
    pub value: serde_json::Value,
    pub device: String,
    pub profile: Option<String>,
    /// When it was made (from its clock).
    pub at: String,
    pub change: String,
}

/// A unit edited on two laptops without either seeing the other's edit.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Conflict {
    /// The unit's uid: what `conflicts resolve` takes.
    pub id: String,
    #[ts(type = "number | null")]
    pub inspection: Option<i64>,
    pub agency: Option<String>,
    pub kind: String,
    /// The item's source ref, the criterion, the finding's text…
    #[serde(rename = "ref")]
    #[ts(rename = "ref")]
    pub reference: String,
    /// This laptop's value (or the one shown, when neither side was made here).
    pub ours: Side,
    pub theirs: Side,
    /// The side shown until the lead keeps one: `ours` or `theirs`.
    pub shown: String,
    /// Whether `ours` was made on this laptop (else both came from other laptops).
    pub ours_is_local: bool,
}

fn side(c: &ChangeRecord) -> Result<Side> {
    let mut value = serde_json::to_value(&c.value)
        .map_err(|e| Error::invalid("value", e.to_string()))?["state"]
        .take();
    if let Some(o) = value.as_object_mut() {
        o.remove("inspection");
    }
    let millis: i64 = c
        .clock
        .split('.')
        .next()
        .and_then(|m| m.parse().ok())
        .unwrap_or(0);
    let at = chrono::DateTime::from_timestamp_millis(millis)
        .map(|t| {
            t.with_timezone(&chrono::Local)
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
        })
        .unwrap_or_default();
    Ok(Side {
        value,
        device: c.device.clone(),
        profile: c.profile_name.clone(),
        at,
        change: c.uid.clone(),
    })
}

/// The conflicts of a year (or every year), by inspection and reference.
pub fn conflicts(conn: &Connection, year: Option<i32>) -> Result<Vec<Conflict>> {
    let me = super::device::id(conn)?;
    let mut stmt = conn.prepare(
        "SELECT DISTINCT c.unit FROM changes c
         WHERE (?1 IS NULL OR c.year = ?1)
           AND NOT EXISTS (SELECT 1 FROM change_bases b WHERE b.base = c.uid)
         GROUP BY c.unit HAVING COUNT(*) > 1",
    )?;
    let units: Vec<String> = stmt
        .query_map(params![year], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::new();
    for unit in units {
        let heads = log::heads(conn, &unit)?;
        if !log::in_conflict(&heads) {
            continue;
        }
        let Some(shown) = heads.first() else { continue };
        let ours = heads.iter().find(|h| h.device == me).unwrap_or(shown);
        let Some(theirs) = heads.iter().find(|h| !h.value.same_as(&ours.value)) else {
            continue;
        };
        let inspection_uid =
            ours.value
                .inspection()
                .map(str::to_string)
                .or_else(|| match &ours.value {
                    Value::Inspection(i) => Some(uid::inspection(i.year, &i.agency)),
                    _ => None,
                });
        let (inspection, agency) = match &inspection_uid {
            Some(i) => conn
                .query_row(
                    "SELECT id, agency_code FROM inspections WHERE uid = ?1",
                    [i],
                    |r| Ok((Some(r.get::<_, i64>(0)?), Some(r.get::<_, String>(1)?))),
                )
                .unwrap_or((None, None)),
            None => match &ours.value {
                Value::PlanEntry(p) => (None, Some(p.agency.clone())),
                _ => (None, None),
            },
        };
        out.push(Conflict {
            id: unit.clone(),
            inspection,
            agency,
            kind: ours.kind().as_str().to_string(),
            reference: what(&ours.value),
            shown: if shown.uid == ours.uid {
                "ours"
            } else {
                "theirs"
            }
            .to_string(),
            ours_is_local: ours.device == me,
            ours: side(ours)?,
            theirs: side(theirs)?,
        });
    }
    out.sort_by(|a, b| (&a.agency, &a.kind, &a.reference).cmp(&(&b.agency, &b.kind, &b.reference)));
    Ok(out)
}

/// Which side of a conflict the lead keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Keep {
    Ours,
    Theirs,
}

/// Keeps one side of conflict `id`: a new change made on top of every head, which travels in
/// the next bundle like any edit. Returns the value kept.
pub fn resolve(conn: &Connection, author: &Author, id: &str, keep: Keep) -> Result<Value> {
    let list = conflicts(conn, None)?;
    let c = list
        .iter()
        .find(|c| c.id == id)
        .ok_or_else(|| Error::invalid("conflict", format!("không có xung đột «{id}»")))?;
    let chosen_change = match keep {
        Keep::Ours => &c.ours.change,
        Keep::Theirs => &c.theirs.change,
    };
    let heads = log::heads(conn, id)?;
    let chosen = heads
        .iter()
        .find(|h| &h.uid == chosen_change)
        .ok_or_else(|| Error::invalid("conflict", "xung đột vừa thay đổi; hãy xem lại"))?;
    let value = chosen.value.clone();
    let change = ChangeRecord {
        uid: uid::random(),
        device: super::device::id(conn)?,
        clock: log::tick(conn, author.now_millis)?,
        profile: author.profile.clone(),
        profile_name: author.profile_name.clone(),
        unit: id.to_string(),
        bases: heads.iter().map(|h| h.uid.clone()).collect(),
        value: value.clone(),
    };
    log::insert(conn, &change)?;
    units::apply(conn, id, &value)?;
    Ok(value)
}

/// Logs the current state of everything a bundle for `year` (and `agencies`) carries, so that
/// local edits not yet in the log take part in the merge (and travel in the export).
pub fn note_scope(
    conn: &Connection,
    author: &Author,
    year: i32,
    agencies: &[String],
) -> Result<()> {
    log::note_plan(conn, author, year)?;
    let mut stmt = conn.prepare("SELECT id, agency_code FROM inspections WHERE plan_year = ?1")?;
    let rows: Vec<(i64, String)> = stmt
        .query_map([year], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, agency) in rows {
        if agencies.is_empty() || agencies.contains(&agency) {
            log::note_inspection(conn, author, id)?;
        }
    }
    Ok(())
}
