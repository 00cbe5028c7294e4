//! Checklist templates derived from the annual reform plan: sections → objectives → tasks →
//! items (the plan's activities, plus one item per measurable target). Each item keeps its
//! source reference, expected evidence, lead and co-operating agencies, deadline, target and
//! PAR fields, and whom it applies to (all departments, all communes, named agencies).

use std::collections::HashSet;

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::agency;
use crate::error::{Error, Result};
use crate::stored::stored_text;
use crate::text::nfc;

/// The comparison of a measurable target, written as in the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub enum Op {
    #[serde(rename = ">")]
    Gt,
    #[serde(rename = ">=")]
    Ge,
    #[serde(rename = "=")]
    Eq,
    #[serde(rename = "<=")]
    Le,
    #[serde(rename = "<")]
    Lt,
}

stored_text!(Op {
    Gt => ">",
    Ge => ">=",
    Eq => "=",
    Le => "<=",
    Lt => "<",
});

impl Op {
    /// The sign as printed in documents.
    pub fn symbol(self) -> &'static str {
        match self {
            Op::Gt => ">",
            Op::Ge => "≥",
            Op::Eq => "=",
            Op::Le => "≤",
            Op::Lt => "<",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            ">" => Some(Op::Gt),
            ">=" | "≥" => Some(Op::Ge),
            "=" => Some(Op::Eq),
            "<=" | "≤" => Some(Op::Le),
            "<" => Some(Op::Lt),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Target {
    pub op: Op,
    pub value: f64,
    pub unit: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ChecklistItem {
    #[ts(type = "number")]
    pub id: i64,
    pub source_ref: String,
    pub section_ref: String,
    pub objective_ref: String,
    pub task_ref: String,
    pub text: String,
    pub evidence: Option<String>,
    pub lead: Option<String>,
    pub cooperating: Option<String>,
    /// The plan's own words for when ("Quý I/2026", "Thường xuyên").
    pub deadline: Option<String>,
    /// The date the deadline text means, where it means one (ISO 8601).
    pub due: Option<String>,
    pub target: Option<Target>,
    pub par_fields: Vec<String>,
    pub par_criteria: Vec<String>,
    pub applies_to: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum GroupLevel {
    Section,
    Objective,
    Task,
}

stored_text!(GroupLevel {
    Section => "section",
    Objective => "objective",
    Task => "task",
});

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ChecklistGroup {
    pub r#ref: String,
    pub level: GroupLevel,
    pub parent_ref: Option<String>,
    pub text: String,
    pub par_field: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct TemplateInfo {
    pub code: String,
    #[ts(type = "number")]
    pub version: i64,
    #[ts(type = "number")]
    pub year: i64,
    pub name: String,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Checklist {
    pub template: TemplateInfo,
    /// The agency the items were narrowed to, if any.
    pub agency: Option<agency::Agency>,
    pub groups: Vec<ChecklistGroup>,
    pub items: Vec<ChecklistItem>,
}

// ---- The seed file format (seeds/checklist-YYYY.json) ----

#[derive(Debug, Deserialize)]
pub(crate) struct TemplateFile {
    pub code: String,
    pub year: i64,
    pub version: i64,
    pub name: String,
    pub source: String,
    pub sections: Vec<SectionFile>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct SectionFile {
    pub code: String,
    pub name: String,
    pub par_field: Option<String>,
    pub objectives: Vec<GroupFile>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct GroupFile {
    #[serde(rename = "ref")]
    pub r#ref: String,
    pub text: String,
    #[serde(default)]
    pub tasks: Vec<TaskFile>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct TaskFile {
    #[serde(rename = "ref")]
    pub r#ref: String,
    pub text: String,
    pub items: Vec<ItemFile>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct ItemFile {
    #[serde(rename = "ref")]
    pub r#ref: String,
    pub text: String,
    pub evidence: Option<String>,
    pub lead: Option<String>,
    pub cooperating: Option<String>,
    pub deadline_text: Option<String>,
    pub due: Option<String>,
    pub target: Option<Target>,
    #[serde(default)]
    pub par_fields: Vec<String>,
    #[serde(default)]
    pub par_criteria: Vec<String>,
    pub applies_to: Vec<String>,
}

fn opt_nfc(s: &Option<String>) -> Option<String> {
    s.as_deref().map(nfc).filter(|s| !s.is_empty())
}

/// Checks a template file against the register and the framework before anything is written.
pub(crate) fn check_template(
    t: &TemplateFile,
    agency_codes: &HashSet<String>,
    par_codes: &HashSet<String>,
) -> Result<()> {
    let bad = |reason: String| Error::Seed {
        name: t.code.clone(),
        reason,
    };
    let mut refs = HashSet::new();
    for s in &t.sections {
        for o in &s.objectives {
            if o.tasks.iter().all(|task| task.items.is_empty()) {
                return Err(bad(format!("mục tiêu {} không có hoạt động nào", o.r#ref)));
            }
            for task in &o.tasks {
                for item in &task.items {
                    if !refs.insert(item.r#ref.as_str()) {
                        return Err(bad(format!("mã mục {} bị trùng", item.r#ref)));
                    }
                    if item.applies_to.is_empty() {
                        return Err(bad(format!("mục {} không ghi áp dụng cho ai", item.r#ref)));
                    }
                    for scope in &item.applies_to {
                        if scope != "provincial"
                            && scope != "commune"
                            && !agency_codes.contains(scope)
                        {
                            return Err(bad(format!(
                                "mục {}: cơ quan «{scope}» không có trong danh sách",
                                item.r#ref
                            )));
                        }
                    }
                    for code in item.par_fields.iter().chain(&item.par_criteria) {
                        if !par_codes.contains(code) {
                            return Err(bad(format!(
                                "mục {}: tiêu chí «{code}» không có trong khung chỉ số",
                                item.r#ref
                            )));
                        }
                    }
                    if let Some(due) = &item.due {
                        chrono::NaiveDate::parse_from_str(due, "%Y-%m-%d").map_err(|_| {
                            bad(format!("mục {}: ngày «{due}» không hợp lệ", item.r#ref))
                        })?;
                    }
                }
            }
        }
    }
    Ok(())
}

/// Writes a checked template, replacing an earlier load of the same code and version.
pub(crate) fn store_template(conn: &Connection, t: &TemplateFile, at: &str) -> Result<i64> {
    conn.execute(
        "DELETE FROM checklist_templates WHERE code = ?1 AND version = ?2",
        params![t.code, t.version],
    )?;
    conn.execute(
        "INSERT INTO checklist_templates (code, version, year, name, source, loaded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![t.code, t.version, t.year, nfc(&t.name), nfc(&t.source), at],
    )?;
    let tid = conn.last_insert_rowid();
    let mut group = conn.prepare(
        "INSERT INTO checklist_groups (template_id, ref, level, parent_ref, text, par_field, position)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    let mut item_stmt = conn.prepare(
        "INSERT INTO checklist_items (template_id, source_ref, section_ref, objective_ref, task_ref, text, evidence,
             lead, cooperating, deadline_text, due, target_op, target_value, target_unit, par_fields, par_criteria, position)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
    )?;
    let mut scope_stmt = conn
        .prepare("INSERT OR IGNORE INTO checklist_item_scopes (item_id, scope) VALUES (?1, ?2)")?;
    let mut pos = 0i64;
    let mut next = || {
        pos += 1;
        pos
    };
    for s in &t.sections {
        group.execute(params![
            tid,
            s.code,
            "section",
            None::<String>,
            nfc(&s.name),
            s.par_field,
            next()
        ])?;
        for o in &s.objectives {
            group.execute(params![
                tid,
                o.r#ref,
                "objective",
                s.code,
                nfc(&o.text),
                None::<String>,
                next()
            ])?;
            for task in &o.tasks {
                group.execute(params![
                    tid,
                    task.r#ref,
                    "task",
                    o.r#ref,
                    nfc(&task.text),
                    None::<String>,
                    next()
                ])?;
                for item in &task.items {
                    item_stmt.execute(params![
                        tid,
                        item.r#ref,
                        s.code,
                        o.r#ref,
                        task.r#ref,
                        nfc(&item.text),
                        opt_nfc(&item.evidence),
                        opt_nfc(&item.lead),
                        opt_nfc(&item.cooperating),
                        opt_nfc(&item.deadline_text),
                        item.due,
                        item.target.as_ref().map(|t| t.op.as_str()),
                        item.target.as_ref().map(|t| t.value),
                        item.target.as_ref().map(|t| nfc(&t.unit)),
                        serde_json::to_string(&item.par_fields).unwrap_or_else(|_| "[]".into()),
                        serde_json::to_string(&item.par_criteria).unwrap_or_else(|_| "[]".into()),
                        next(),
                    ])?;
                    let item_id = conn.last_insert_rowid();
                    for scope in &item.applies_to {
                        scope_stmt.execute(params![item_id, scope])?;
                    }
                }
            }
        }
    }
    Ok(tid)
}

/// The template in force: the highest version of the latest year (or of `year`).
pub fn current_template(
    conn: &Connection,
    year: Option<i64>,
) -> Result<Option<(i64, TemplateInfo)>> {
    Ok(conn
        .query_row(
            "SELECT id, code, version, year, name, source FROM checklist_templates
             WHERE (?1 IS NULL OR year = ?1) ORDER BY year DESC, version DESC LIMIT 1",
            [year],
            |r| {
                Ok((
                    r.get(0)?,
                    TemplateInfo {
                        code: r.get(1)?,
                        version: r.get(2)?,
                        year: r.get(3)?,
                        name: r.get(4)?,
                        source: r.get(5)?,
                    },
                ))
            },
        )
        .optional()?)
}

fn json_list(s: String) -> Vec<String> {
    serde_json::from_str(&s).unwrap_or_default()
}

fn row_to_item(r: &rusqlite::Row<'_>) -> rusqlite::Result<ChecklistItem> {
    let op: Option<Op> = r.get(11)?;
    let value: Option<f64> = r.get(12)?;
    let unit: Option<String> = r.get(13)?;
    let scopes: String = r.get(16)?;
    Ok(ChecklistItem {
        id: r.get(0)?,
        source_ref: r.get(1)?,
        section_ref: r.get(2)?,
        objective_ref: r.get(3)?,
        task_ref: r.get(4)?,
        text: r.get(5)?,
        evidence: r.get(6)?,
        lead: r.get(7)?,
        cooperating: r.get(8)?,
        deadline: r.get(9)?,
        due: r.get(10)?,
        target: match (op, value) {
            (Some(op), Some(value)) => Some(Target {
                op,
                value,
                unit: unit.unwrap_or_default(),
            }),
            _ => None,
        },
        par_fields: json_list(r.get(14)?),
        par_criteria: json_list(r.get(15)?),
        applies_to: scopes
            .split(',')
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect(),
    })
}

/// The checklist of the current template; with `agency`, only the items that apply to it.
pub fn show(conn: &Connection, agency_code: Option<&str>, year: Option<i64>) -> Result<Checklist> {
    let (tid, template) = current_template(conn, year)?.ok_or_else(|| Error::Seed {
        name: "checklist".into(),
        reason: "chưa có danh mục kiểm tra nào; hãy chạy `kiemtra init`".into(),
    })?;
    let agency = agency_code.map(|c| agency::get(conn, c)).transpose()?;
    let (block, code) = match &agency {
        Some(a) => (Some(a.block.as_str()), Some(a.code.as_str())),
        None => (None, None),
    };
    let mut stmt = conn.prepare(
        "SELECT i.id, i.source_ref, i.section_ref, i.objective_ref, i.task_ref, i.text, i.evidence, i.lead,
                i.cooperating, i.deadline_text, i.due, i.target_op, i.target_value, i.target_unit,
                i.par_fields, i.par_criteria,
                (SELECT group_concat(scope, ',') FROM checklist_item_scopes s WHERE s.item_id = i.id)
         FROM checklist_items i
         WHERE i.template_id = ?1
           AND (?2 IS NULL OR EXISTS (SELECT 1 FROM checklist_item_scopes s
                                      WHERE s.item_id = i.id AND (s.scope = ?2 OR s.scope = ?3)))
         ORDER BY i.position",
    )?;
    let items = stmt
        .query_map(params![tid, block, code], row_to_item)?
        .collect::<Result<Vec<_>, _>>()?;
    let used: HashSet<&str> = items
        .iter()
        .flat_map(|i| {
            [
                i.section_ref.as_str(),
                i.objective_ref.as_str(),
                i.task_ref.as_str(),
            ]
        })
        .collect();
    let mut gstmt = conn.prepare(
        "SELECT ref, level, parent_ref, text, par_field FROM checklist_groups WHERE template_id = ?1 ORDER BY position",
    )?;
    let groups = gstmt
        .query_map([tid], |r| {
            Ok(ChecklistGroup {
                r#ref: r.get(0)?,
                level: r.get(1)?,
                parent_ref: r.get(2)?,
                text: r.get(3)?,
                par_field: r.get(4)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .filter(|g| used.contains(g.r#ref.as_str()))
        .collect();
    Ok(Checklist {
        template,
        agency,
        groups,
        items,
    })
}

/// Objectives of the current template and how many items each has (for checks and summaries).
pub fn objective_item_counts(conn: &Connection) -> Result<Vec<(String, i64)>> {
    let Some((tid, _)) = current_template(conn, None)? else {
        return Ok(Vec::new());
    };
    let mut stmt = conn.prepare(
        "SELECT g.ref, (SELECT COUNT(*) FROM checklist_items i WHERE i.template_id = g.template_id AND i.objective_ref = g.ref)
         FROM checklist_groups g WHERE g.template_id = ?1 AND g.level = 'objective' ORDER BY g.position",
    )?;
    let rows = stmt.query_map([tid], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}
