//! The figures of a year's inspections (báo cáo kết quả kiểm tra công tác CCHC năm Y): coverage
//! per block against the plan's threshold, inspections by state, results per PAR field and
//! block, figures judged against the plan's targets, the most common shortcomings, the
//! follow-up of recommendations, and one row per agency. The report's PDF, the XLSX export and
//! the dashboard all draw from [`figures`], so that no chart and no table shows other numbers
//! than the others.
//!
//! Results, targets and shortcomings count the inspections whose conclusion notice is issued
//! (the year's concluded inspections); coverage and states count every planned and started one.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::{params, Connection};
use serde::Serialize;
use ts_rs::TS;

use crate::agency::Block;
use crate::error::Result;
use crate::followup::{self, FollowupStatus};

/// Coverage of one block (or of all agencies).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct BlockFigures {
    /// `provincial`, `commune`, or `all`.
    pub block: String,
    pub label: String,
    /// Active agencies of the register that can be inspected (the inspecting body excluded).
    #[ts(type = "number")]
    pub agencies: i64,
    /// What the threshold requires of them, rounded up.
    #[ts(type = "number")]
    pub required: i64,
    #[ts(type = "number")]
    pub planned: i64,
    /// Inspections started (visited).
    #[ts(type = "number")]
    pub inspected: i64,
    /// Inspections whose conclusion notice is issued.
    #[ts(type = "number")]
    pub concluded: i64,
    /// Whether the concluded inspections reach what the threshold requires.
    pub threshold_met: bool,
}

/// How many planned inspections are in each state.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct StateFigures {
    #[ts(type = "number")]
    pub planned: i64,
    #[ts(type = "number")]
    pub not_started: i64,
    #[ts(type = "number")]
    pub in_progress: i64,
    #[ts(type = "number")]
    pub submitted: i64,
    #[ts(type = "number")]
    pub returned: i64,
    #[ts(type = "number")]
    pub accepted: i64,
    /// Notice issued (concluded); not counted again in a review state.
    #[ts(type = "number")]
    pub concluded: i64,
}

/// Answers of concluded inspections in one PAR field and block.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct FieldFigures {
    pub field: String,
    pub name: String,
    /// `provincial`, `commune`, or `all`.
    pub block: String,
    #[ts(type = "number")]
    pub met: i64,
    #[ts(type = "number")]
    pub partial: i64,
    #[ts(type = "number")]
    pub unmet: i64,
    #[ts(type = "number")]
    pub na: i64,
}

/// A checklist item with a target (a figure or a deadline of the plan) and how the concluded
/// inspections were judged against it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct TargetFigures {
    pub source_ref: String,
    pub text: String,
    /// "≥ 90 %" or "hạn 30/06/2026".
    pub target: String,
    /// Agencies whose figure or date was judged.
    #[ts(type = "number")]
    pub judged: i64,
    /// Judged met or on time.
    #[ts(type = "number")]
    pub met: i64,
    #[ts(type = "number")]
    pub unmet: i64,
}

/// A shortcoming found at several agencies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ShortcomingFigures {
    /// The checklist item or PAR criterion the findings are about.
    pub reference: String,
    pub text: String,
    #[ts(type = "number")]
    pub agencies: i64,
}

/// The recommendations of the year's notices and where they stand.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct FollowupFigures {
    #[ts(type = "number")]
    pub total: i64,
    #[ts(type = "number")]
    pub done: i64,
    #[ts(type = "number")]
    pub in_progress: i64,
    /// No report received yet.
    #[ts(type = "number")]
    pub open: i64,
    #[ts(type = "number")]
    pub not_done: i64,
    /// Not done and past their due date on the report's day.
    #[ts(type = "number")]
    pub overdue: i64,
    /// Agencies with an overdue recommendation, to remind.
    #[ts(type = "number")]
    pub agencies_to_remind: i64,
}

/// One planned agency, for the report's annex and the export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AgencyFigures {
    pub code: String,
    pub name: String,
    pub block: String,
    /// `not_started`, `in_progress`, `submitted`, `returned`, `accepted` or `concluded`.
    pub state: String,
    #[ts(type = "number | null")]
    pub inspection: Option<i64>,
    pub visit_date: Option<String>,
    pub notice_number: Option<String>,
    pub notice_date: Option<String>,
    #[ts(type = "number")]
    pub met: i64,
    #[ts(type = "number")]
    pub partial: i64,
    #[ts(type = "number")]
    pub unmet: i64,
    #[ts(type = "number")]
    pub na: i64,
    #[ts(type = "number")]
    pub shortcomings: i64,
    #[ts(type = "number")]
    pub recommendations: i64,
    #[ts(type = "number")]
    pub done: i64,
    #[ts(type = "number")]
    pub overdue: i64,
}

/// Everything the year's report, its export and the dashboard show.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct YearFigures {
    pub year: i32,
    /// The day overdue counts are judged on, YYYY-MM-DD.
    pub as_of: String,
    /// Whether the year has a plan (every other figure is empty without one).
    pub has_plan: bool,
    /// The least share of each block to inspect, in percent (the plan's, 20 by default).
    pub threshold: f64,
    /// Provincial, commune, then all.
    pub coverage: Vec<BlockFigures>,
    pub states: StateFigures,
    /// Per PAR field, each block then all.
    pub fields: Vec<FieldFigures>,
    pub targets: Vec<TargetFigures>,
    /// The most common, at most ten.
    pub shortcomings: Vec<ShortcomingFigures>,
    pub followup: FollowupFigures,
    pub agencies: Vec<AgencyFigures>,
}

/// How many of the most common shortcomings are listed.
pub const TOP_SHORTCOMINGS: usize = 10;

fn block_label(block: &str) -> String {
    match Block::from_stored(block) {
        Some(b) => b.label().to_string(),
        None => "Tất cả".to_string(),
    }
}

/// The figures of `year`, overdue counts judged on `as_of`.
pub fn figures(conn: &Connection, year: i32, as_of: NaiveDate) -> Result<YearFigures> {
    let plan = match crate::plan::show(conn, year) {
        Ok(p) => Some(p),
        Err(crate::Error::PlanNotFound { .. }) => None,
        Err(e) => return Err(e),
    };
    let threshold = plan
        .as_ref()
        .map_or(crate::plan::DEFAULT_THRESHOLD, |p| p.threshold);
    let followups = followup::list(
        conn,
        &followup::FollowupFilter {
            year: Some(year),
            ..followup::FollowupFilter::default()
        },
        as_of,
    )?;
    let agencies = agency_rows(conn, year, &followups)?;

    // Coverage: the register's totals come from the plan's own count (the inspecting body and
    // inactive agencies left out, as the plan counts them).
    let mut coverage = Vec::new();
    if let Some(p) = &plan {
        for (block, c) in [
            ("provincial", &p.coverage.provincial),
            ("commune", &p.coverage.commune),
            ("all", &p.coverage.all),
        ] {
            let of = |a: &&AgencyFigures| block == "all" || a.block == block;
            let inspected = agencies
                .iter()
                .filter(of)
                .filter(|a| a.inspection.is_some())
                .count() as i64;
            let concluded = agencies
                .iter()
                .filter(of)
                .filter(|a| a.state == "concluded")
                .count() as i64;
            coverage.push(BlockFigures {
                block: block.to_string(),
                label: block_label(block),
                agencies: c.total,
                required: c.required,
                planned: c.selected,
                inspected,
                concluded,
                threshold_met: concluded >= c.required,
            });
        }
    }

    let mut states = StateFigures {
        planned: agencies.len() as i64,
        ..StateFigures::default()
    };
    for a in &agencies {
        match a.state.as_str() {
            "not_started" => states.not_started += 1,
            "in_progress" => states.in_progress += 1,
            "submitted" => states.submitted += 1,
            "returned" => states.returned += 1,
            "accepted" => states.accepted += 1,
            _ => {}
        }
        if a.state == "concluded" {
            states.concluded += 1;
        }
    }

    let mut fu = FollowupFigures::default();
    let mut remind = std::collections::BTreeSet::new();
    for e in &followups {
        fu.total += 1;
        match e.status {
            FollowupStatus::Done => fu.done += 1,
            FollowupStatus::InProgress => fu.in_progress += 1,
            FollowupStatus::Open => fu.open += 1,
            FollowupStatus::NotDone => fu.not_done += 1,
        }
        if e.days_overdue > 0 {
            fu.overdue += 1;
            remind.insert(e.agency.clone());
        }
    }
    fu.agencies_to_remind = remind.len() as i64;

    Ok(YearFigures {
        year,
        as_of: as_of.to_string(),
        has_plan: plan.is_some(),
        threshold,
        coverage,
        states,
        fields: field_rows(conn, year)?,
        targets: target_rows(conn, year)?,
        shortcomings: shortcoming_rows(conn, year)?,
        followup: fu,
        agencies,
    })
}

/// The concluded inspections of `year`: locked by an issued notice.
const CONCLUDED: &str = "SELECT i.id FROM inspections i WHERE i.plan_year = ?1 AND i.locked = 1
     AND EXISTS (SELECT 1 FROM notices n WHERE n.inspection_id = i.id)";

fn agency_rows(
    conn: &Connection,
    year: i32,
    followups: &[followup::FollowupEntry],
) -> Result<Vec<AgencyFigures>> {
    let mut stmt = conn.prepare(
        "SELECT a.code, a.name, a.block, i.id, i.status, i.locked, i.visit_date,
                (SELECT n.number FROM notices n WHERE n.inspection_id = i.id ORDER BY n.version DESC LIMIT 1),
                (SELECT n.issued_on FROM notices n WHERE n.inspection_id = i.id ORDER BY n.version DESC LIMIT 1),
                (SELECT COUNT(*) FROM inspection_items t WHERE t.inspection_id = i.id AND t.status = 'met'),
                (SELECT COUNT(*) FROM inspection_items t WHERE t.inspection_id = i.id AND t.status = 'partial'),
                (SELECT COUNT(*) FROM inspection_items t WHERE t.inspection_id = i.id AND t.status = 'unmet'),
                (SELECT COUNT(*) FROM inspection_items t WHERE t.inspection_id = i.id AND t.status = 'na'),
                (SELECT COUNT(*) FROM findings f WHERE f.inspection_id = i.id AND f.kind = 'shortcoming')
         FROM plan_agencies pa
         JOIN plans p ON p.id = pa.plan_id
         JOIN agencies a ON a.code = pa.agency_code
         LEFT JOIN inspections i ON i.plan_year = p.year AND i.agency_code = pa.agency_code
         WHERE p.year = ?1",
    )?;
    let rows = stmt.query_map([year], |r| {
        let inspection: Option<i64> = r.get(3)?;
        let status: Option<String> = r.get(4)?;
        let locked: Option<i64> = r.get(5)?;
        let notice: Option<String> = r.get(7)?;
        let state = match (inspection, locked, &notice) {
            (None, _, _) => "not_started".to_string(),
            (Some(_), Some(1), Some(_)) => "concluded".to_string(),
            _ => status.unwrap_or_else(|| "in_progress".to_string()),
        };
        Ok(AgencyFigures {
            code: r.get(0)?,
            name: r.get(1)?,
            block: r.get(2)?,
            state,
            inspection,
            visit_date: r.get(6)?,
            notice_number: notice,
            notice_date: r.get(8)?,
            met: r.get::<_, Option<i64>>(9)?.unwrap_or(0),
            partial: r.get::<_, Option<i64>>(10)?.unwrap_or(0),
            unmet: r.get::<_, Option<i64>>(11)?.unwrap_or(0),
            na: r.get::<_, Option<i64>>(12)?.unwrap_or(0),
            shortcomings: r.get::<_, Option<i64>>(13)?.unwrap_or(0),
            recommendations: 0,
            done: 0,
            overdue: 0,
        })
    })?;
    let mut out: Vec<AgencyFigures> = rows.collect::<rusqlite::Result<_>>()?;
    for a in &mut out {
        for e in followups.iter().filter(|e| e.agency == a.code) {
            a.recommendations += 1;
            if e.status == FollowupStatus::Done {
                a.done += 1;
            }
            if e.days_overdue > 0 {
                a.overdue += 1;
            }
        }
    }
    // Provincial agencies first, then communes; by Vietnamese name within a block.
    crate::text::sort_by_key(&mut out, |a| &a.name);
    out.sort_by_key(|a| a.block != "provincial");
    Ok(out)
}

fn field_rows(conn: &Connection, year: i32) -> Result<Vec<FieldFigures>> {
    // The PAR fields of the current framework, in their order.
    let mut stmt = conn.prepare(
        "SELECT n.code, n.name FROM framework_nodes n JOIN framework_versions v ON v.id = n.version_id
         WHERE v.is_current = 1 AND n.level = 'field' ORDER BY n.id",
    )?;
    let names: Vec<(String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare(&format!(
        "SELECT f.value, a.block, t.status, COUNT(*)
         FROM inspection_items t
         JOIN inspections i ON i.id = t.inspection_id
         JOIN agencies a ON a.code = i.agency_code,
              json_each(t.par_fields) f
         WHERE t.inspection_id IN ({CONCLUDED}) AND t.status IS NOT NULL
         GROUP BY f.value, a.block, t.status"
    ))?;
    let mut counts: BTreeMap<(String, String), FieldFigures> = BTreeMap::new();
    let rows = stmt.query_map(params![year], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, i64>(3)?,
        ))
    })?;
    for row in rows {
        let (field, block, status, n) = row?;
        for b in [block.as_str(), "all"] {
            let e = counts.entry((field.clone(), b.to_string())).or_default();
            match status.as_str() {
                "met" => e.met += n,
                "partial" => e.partial += n,
                "unmet" => e.unmet += n,
                _ => e.na += n,
            }
        }
    }
    let mut out = Vec::new();
    let mut order: Vec<(String, String)> = names.clone();
    // Fields answered but missing from the current framework still count, after the others.
    for (field, _) in counts.keys() {
        if !order.iter().any(|(c, _)| c == field) {
            order.push((field.clone(), String::new()));
        }
    }
    for (field, name) in order {
        for block in ["provincial", "commune", "all"] {
            let mut e = counts
                .get(&(field.clone(), block.to_string()))
                .cloned()
                .unwrap_or_default();
            e.field = field.clone();
            e.name = name.clone();
            e.block = block.to_string();
            out.push(e);
        }
    }
    Ok(out)
}

fn target_rows(conn: &Connection, year: i32) -> Result<Vec<TargetFigures>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT t.source_ref, MIN(t.text), MIN(t.target_op), MIN(t.target_value), MIN(t.target_unit), MIN(t.due),
                SUM(t.judgement IS NOT NULL), SUM(t.judgement IN ('met', 'on_time')),
                SUM(t.judgement IN ('unmet', 'late'))
         FROM inspection_items t
         WHERE t.inspection_id IN ({CONCLUDED}) AND (t.target_op IS NOT NULL OR t.due IS NOT NULL)
         GROUP BY t.source_ref
         HAVING SUM(t.judgement IS NOT NULL) > 0"
    ))?;
    let rows = stmt.query_map(params![year], |r| {
        let op: Option<String> = r.get(2)?;
        let value: Option<f64> = r.get(3)?;
        let unit: Option<String> = r.get(4)?;
        let due: Option<String> = r.get(5)?;
        let target = match (
            op.as_deref().and_then(crate::checklist::Op::from_stored),
            value,
        ) {
            (Some(op), Some(value)) => crate::checklist::Target {
                op,
                value,
                unit: unit.unwrap_or_default(),
            }
            .text(),
            _ => due
                .as_deref()
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                .map(|d| format!("hạn {}", d.format("%d/%m/%Y")))
                .unwrap_or_default(),
        };
        Ok(TargetFigures {
            source_ref: r.get(0)?,
            text: r.get(1)?,
            target,
            judged: r.get(6)?,
            met: r.get(7)?,
            unmet: r.get(8)?,
        })
    })?;
    let mut out: Vec<TargetFigures> = rows.collect::<rusqlite::Result<_>>()?;
    out.sort_by_key(|a| ref_key(&a.source_ref));
    Ok(out)
}

/// Orders checklist references as the plan numbers them: "II.6.CT.1" before "II.10.CT.1", Roman
/// section numerals by value.
fn ref_key(r: &str) -> Vec<(u32, String)> {
    r.split('.')
        .map(|part| match part.parse::<u32>() {
            Ok(n) => (n, String::new()),
            Err(_) => (roman(part).unwrap_or(u32::MAX), part.to_string()),
        })
        .collect()
}

fn roman(s: &str) -> Option<u32> {
    let v = |c| match c {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        _ => None,
    };
    let digits: Option<Vec<u32>> = s.chars().map(v).collect();
    let d = digits?;
    let mut n = 0;
    for (i, x) in d.iter().enumerate() {
        if d.get(i + 1).is_some_and(|y| y > x) {
            n -= *x as i64;
        } else {
            n += *x as i64;
        }
    }
    u32::try_from(n).ok()
}

fn shortcoming_rows(conn: &Connection, year: i32) -> Result<Vec<ShortcomingFigures>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT COALESCE(f.source_ref, f.criterion) AS reference,
                COALESCE((SELECT t.text FROM inspection_items t
                           WHERE t.inspection_id = f.inspection_id AND t.source_ref = f.source_ref),
                         (SELECT n.name FROM framework_nodes n JOIN framework_versions v ON v.id = n.version_id
                           WHERE v.is_current = 1 AND n.code = f.criterion),
                         MIN(f.text)),
                COUNT(DISTINCT f.inspection_id) AS agencies
         FROM findings f
         WHERE f.kind = 'shortcoming' AND f.inspection_id IN ({CONCLUDED})
         GROUP BY reference
         ORDER BY agencies DESC, reference
         LIMIT {TOP_SHORTCOMINGS}"
    ))?;
    let rows = stmt.query_map(params![year], |r| {
        Ok(ShortcomingFigures {
            reference: r.get(0)?,
            text: r.get(1)?,
            agencies: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_sort_as_the_plan_numbers_them() {
        let mut refs = vec![
            "II.10.CT.1",
            "VII.1.1",
            "II.6.CT.1",
            "IV.2",
            "II.6.CT.10",
            "II.6.CT.2",
        ];
        refs.sort_by_key(|r| ref_key(r));
        assert_eq!(
            refs,
            [
                "II.6.CT.1",
                "II.6.CT.2",
                "II.6.CT.10",
                "II.10.CT.1",
                "IV.2",
                "VII.1.1"
            ]
        );
        assert_eq!(roman("IV"), Some(4));
        assert_eq!(roman("VIII"), Some(8));
        assert_eq!(roman("CT"), None);
    }
}
