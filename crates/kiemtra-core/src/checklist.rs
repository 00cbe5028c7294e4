//! Checklist templates derived from the annual reform plan: sections → objectives → tasks →
//! items (the plan's activities, plus one item per measurable target). Each item keeps its
//! source reference, expected evidence, lead and co-operating agencies, deadline, target and
//! PAR fields, and whom it applies to (all departments, all communes, named agencies).
//!
//! Whom an item applies to comes from two columns of the plan: Chủ trì (the lead, whose duty
//! it is) and Phối hợp (the agencies that co-operate). For one agency an item is a lead duty
//! when a lead scope names it, else a co-operation duty when a co-operating scope does. An
//! item the plan states twice is stored once with every reference (`same_as` in the seed);
//! items measuring the same figure (`measure` in the seed) with different targets are flagged.

use std::collections::{HashMap, HashSet};

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::agency;
use crate::error::{Error, Result};
use crate::stored::stored_text;
use crate::text::nfc;

pub mod sheet;

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

impl Target {
    /// The target as written in Vietnamese text: "≥ 85%", "> 0,71 điểm".
    pub fn text(&self) -> String {
        let mut n = format!("{}", (self.value * 100.0).round() / 100.0).replace('.', ",");
        if n == "-0" {
            n = "0".into();
        }
        match self.unit.trim() {
            "" => format!("{} {n}", self.op.symbol()),
            "%" => format!("{} {n}%", self.op.symbol()),
            u => format!("{} {n} {u}", self.op.symbol()),
        }
    }

    /// The same comparison and value (the unit is the same figure's).
    fn same(&self, other: &Target) -> bool {
        self.op == other.op && (self.value - other.value).abs() < 1e-9
    }
}

/// Whether an item is one of the agency's own (lead) duties or one it co-operates on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ItemKind {
    Lead,
    Cooperation,
}

stored_text!(ItemKind {
    Lead => "lead",
    Cooperation => "cooperation",
});

impl ItemKind {
    pub fn label(self) -> &'static str {
        match self {
            ItemKind::Lead => "Chủ trì",
            ItemKind::Cooperation => "Phối hợp",
        }
    }
}

/// Another item measuring the same figure with a different target.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct TargetConflict {
    pub source_ref: String,
    pub target: Target,
}

/// For each item with a `measure`, the other items of `items` (reference, measure, target)
/// that measure the same figure against a different target.
pub fn target_conflicts<'a>(
    items: impl IntoIterator<Item = (&'a str, Option<&'a str>, Option<&'a Target>)>,
) -> HashMap<String, Vec<TargetConflict>> {
    let mut by_measure: HashMap<&str, Vec<(&str, &Target)>> = HashMap::new();
    for (r, m, t) in items {
        if let (Some(m), Some(t)) = (m, t) {
            by_measure.entry(m).or_default().push((r, t));
        }
    }
    let mut out: HashMap<String, Vec<TargetConflict>> = HashMap::new();
    for group in by_measure.values() {
        for (r, t) in group {
            let others: Vec<TargetConflict> = group
                .iter()
                .filter(|(o, ot)| o != r && !ot.same(t))
                .map(|(o, ot)| TargetConflict {
                    source_ref: o.to_string(),
                    target: (*ot).clone(),
                })
                .collect();
            if !others.is_empty() {
                out.insert(r.to_string(), others);
            }
        }
    }
    out
}

/// The flag printed beside an item whose figure another item judges against a different
/// target: "Cùng số liệu, kế hoạch ghi chỉ tiêu khác: VI.1.CT.6 (≥ 80%)".
pub fn conflict_note(conflicts: &[TargetConflict]) -> Option<String> {
    if conflicts.is_empty() {
        return None;
    }
    let list: Vec<String> = conflicts
        .iter()
        .map(|c| format!("{} ({})", c.source_ref, c.target.text()))
        .collect();
    Some(format!(
        "Cùng số liệu, kế hoạch ghi chỉ tiêu khác: {}",
        list.join("; ")
    ))
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
    /// Lead scopes (Chủ trì): 'provincial', 'commune' or agency codes.
    pub applies_to: Vec<String>,
    /// Co-operating scopes (Phối hợp), in the same terms.
    pub cooperates: Vec<String>,
    /// For the agency the list was narrowed to: its own duty or one it co-operates on
    /// (`lead` in the unnarrowed list).
    pub kind: ItemKind,
    /// The other references of an item the plan states more than once ("TC.1.1.1").
    pub also_refs: Vec<String>,
    /// The figure the item measures, when other items measure it too.
    pub measure: Option<String>,
    /// Other items of the template measuring the same figure against a different target.
    pub target_conflicts: Vec<TargetConflict>,
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
    /// Scopes named in the Phối hợp column.
    #[serde(default)]
    pub cooperates: Vec<String>,
    /// The reference of the item this one repeats: stored once, with both references.
    #[serde(default)]
    pub same_as: Option<String>,
    /// The figure measured, shared by items that measure the same one.
    #[serde(default)]
    pub measure: Option<String>,
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
    let all_items = || {
        t.sections
            .iter()
            .flat_map(|s| &s.objectives)
            .flat_map(|o| &o.tasks)
            .flat_map(|task| &task.items)
    };
    for item in all_items() {
        if let Some(first) = &item.same_as {
            match all_items().find(|i| &i.r#ref == first) {
                Some(i) if i.same_as.is_none() && i.r#ref != item.r#ref => {}
                Some(_) => {
                    return Err(bad(format!(
                        "mục {}: «same_as» phải chỉ đến một mục không lặp lại mục khác",
                        item.r#ref
                    )))
                }
                None => {
                    return Err(bad(format!(
                        "mục {}: «same_as» chỉ đến mục «{first}» không có",
                        item.r#ref
                    )))
                }
            }
        }
    }
    for s in &t.sections {
        for o in &s.objectives {
            if o.tasks
                .iter()
                .all(|task| task.items.iter().all(|i| i.same_as.is_some()))
            {
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
                    for scope in item.applies_to.iter().chain(&item.cooperates) {
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

/// Writes a checked template, replacing an earlier load of the same code and version (the seed
/// loader's reload of a corrected seed). Inspections never point at these rows: they copy their
/// items into `inspection_items` when they start, so a replaced template changes no inspection.
/// An import never replaces: it calls [`insert_template`] with a new version.
pub(crate) fn store_template(conn: &Connection, t: &TemplateFile, at: &str) -> Result<i64> {
    conn.execute(
        "DELETE FROM checklist_templates WHERE code = ?1 AND version = ?2",
        params![t.code, t.version],
    )?;
    insert_template(conn, t, at)
}

/// Writes a checked template as a new row; an existing code and version is a database error
/// (UNIQUE), never a replacement.
pub(crate) fn insert_template(conn: &Connection, t: &TemplateFile, at: &str) -> Result<i64> {
    // Items repeating another are stored as that one, carrying their references and scopes.
    let mut repeats: HashMap<&str, Vec<&ItemFile>> = HashMap::new();
    for item in t
        .sections
        .iter()
        .flat_map(|s| &s.objectives)
        .flat_map(|o| &o.tasks)
        .flat_map(|task| &task.items)
    {
        if let Some(first) = &item.same_as {
            repeats.entry(first.as_str()).or_default().push(item);
        }
    }
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
             lead, cooperating, deadline_text, due, target_op, target_value, target_unit, par_fields, par_criteria, position,
             also_refs, measure)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
    )?;
    let mut scope_stmt = conn
        .prepare("INSERT OR IGNORE INTO checklist_item_scopes (item_id, scope) VALUES (?1, ?2)")?;
    let mut coop_stmt = conn.prepare(
        "INSERT OR IGNORE INTO checklist_item_cooperators (item_id, scope) VALUES (?1, ?2)",
    )?;
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
                    if item.same_as.is_some() {
                        continue;
                    }
                    let same = repeats
                        .get(item.r#ref.as_str())
                        .cloned()
                        .unwrap_or_default();
                    let also_refs: Vec<&str> = same.iter().map(|i| i.r#ref.as_str()).collect();
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
                        serde_json::to_string(&also_refs).unwrap_or_else(|_| "[]".into()),
                        item.measure,
                    ])?;
                    let item_id = conn.last_insert_rowid();
                    for i in std::iter::once(item).chain(same.iter().copied()) {
                        for scope in &i.applies_to {
                            scope_stmt.execute(params![item_id, scope])?;
                        }
                        for scope in &i.cooperates {
                            coop_stmt.execute(params![item_id, scope])?;
                        }
                    }
                }
            }
        }
    }
    Ok(tid)
}

/// A template's id and fields from `SELECT id, code, version, year, name, source`.
pub(crate) fn template_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(i64, TemplateInfo)> {
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
            template_row,
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
    let scopes: String = r.get::<_, Option<String>>(16)?.unwrap_or_default();
    let coops: Option<String> = r.get(17)?;
    let split = |s: &str| -> Vec<String> {
        s.split(',')
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect()
    };
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
        applies_to: split(&scopes),
        cooperates: split(coops.as_deref().unwrap_or_default()),
        kind: ItemKind::Lead,
        also_refs: json_list(r.get(18)?),
        measure: r.get(19)?,
        target_conflicts: Vec::new(),
    })
}

fn row_to_item_with_duty(
    r: &rusqlite::Row<'_>,
    duty: Option<i64>,
) -> rusqlite::Result<ChecklistItem> {
    let mut item = row_to_item(r)?;
    if duty == Some(0) {
        item.kind = ItemKind::Cooperation;
    }
    Ok(item)
}

/// The checklist of the current template; with `agency`, only the items that apply to it: its
/// lead duties first, then those it co-operates on (each in plan order). Every item carries the
/// other items measuring the same figure against a different target.
pub fn show(conn: &Connection, agency_code: Option<&str>, year: Option<i64>) -> Result<Checklist> {
    let (tid, template) = current_template(conn, year)?.ok_or_else(|| Error::Seed {
        name: "checklist".into(),
        reason: "chưa có danh mục kiểm tra nào; hãy chạy `kiemtra init`".into(),
    })?;
    show_template(conn, tid, template, agency_code)
}

/// The checklist of one stored template (by its row id), narrowed as [`show`] does.
pub(crate) fn show_template(
    conn: &Connection,
    tid: i64,
    template: TemplateInfo,
    agency_code: Option<&str>,
) -> Result<Checklist> {
    let agency = agency_code.map(|c| agency::get(conn, c)).transpose()?;
    let (block, code) = match &agency {
        Some(a) => (Some(a.block.as_str()), Some(a.code.as_str())),
        None => (None, None),
    };
    // Every item of the template, each with whether it is a lead duty of the agency (1), one
    // it co-operates on (0) or neither (NULL); unnarrowed, every item is 1.
    let mut stmt = conn.prepare(
        "SELECT i.id, i.source_ref, i.section_ref, i.objective_ref, i.task_ref, i.text, i.evidence, i.lead,
                i.cooperating, i.deadline_text, i.due, i.target_op, i.target_value, i.target_unit,
                i.par_fields, i.par_criteria,
                (SELECT group_concat(scope, ',') FROM checklist_item_scopes s WHERE s.item_id = i.id),
                (SELECT group_concat(scope, ',') FROM checklist_item_cooperators c WHERE c.item_id = i.id),
                i.also_refs, i.measure,
                CASE
                  WHEN ?2 IS NULL THEN 1
                  WHEN EXISTS (SELECT 1 FROM checklist_item_scopes s
                               WHERE s.item_id = i.id AND (s.scope = ?2 OR s.scope = ?3)) THEN 1
                  WHEN EXISTS (SELECT 1 FROM checklist_item_cooperators c
                               WHERE c.item_id = i.id AND (c.scope = ?2 OR c.scope = ?3)) THEN 0
                END AS duty
         FROM checklist_items i
         WHERE i.template_id = ?1
         ORDER BY duty DESC, i.position",
    )?;
    let mut all: Vec<(Option<i64>, ChecklistItem)> = stmt
        .query_map(params![tid, block, code], |r| {
            let duty: Option<i64> = r.get(20)?;
            Ok((duty, row_to_item_with_duty(r, duty)?))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let conflicts = target_conflicts(all.iter().map(|(_, i)| {
        (
            i.source_ref.as_str(),
            i.measure.as_deref(),
            i.target.as_ref(),
        )
    }));
    for (_, i) in &mut all {
        if let Some(c) = conflicts.get(&i.source_ref) {
            i.target_conflicts = c.clone();
        }
    }
    let items: Vec<ChecklistItem> = all
        .into_iter()
        .filter_map(|(duty, i)| duty.map(|_| i))
        .collect();
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
