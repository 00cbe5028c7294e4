//! Scores: the self-assessed and appraised score of each criterion that has max points, and
//! the totals per field.

use std::collections::BTreeMap;

use rusqlite::{params, Connection, OptionalExtension};
use serde_json::json;

use super::{require_editable, show, FieldTotal, Inspection, Score};
use crate::audit::{self, Change};
use crate::db::Db;
use crate::error::{Error, Result};
use crate::text::nfc;

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
        // The score is made against the current tree and says so: another tree's "3.7" is
        // another criterion.
        let version = crate::framework::current_name(tx)?;
        tx.execute(
            "INSERT INTO inspection_scores (inspection_id, criterion, self_score, appraised_score, justification, uid, framework_version)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT (inspection_id, criterion) DO UPDATE SET self_score = excluded.self_score,
                 appraised_score = excluded.appraised_score, justification = excluded.justification,
                 framework_version = excluded.framework_version",
            params![id, criterion, self_score, appraised, justification, crate::uid::score(&crate::uid::of_inspection(tx, id)?, criterion), version],
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
        let score = crate::uid::score(&crate::uid::of_inspection(tx, id)?, criterion);
        crate::exchange::log::noted(tx, &at, &[crate::exchange::log::UnitRef::Score(score)])?;
        show(tx, id)
    })
}

pub(super) fn scores(conn: &Connection, id: i64) -> Result<(Vec<Score>, Vec<FieldTotal>)> {
    let mut stmt = conn.prepare(
        "SELECT n.code, n.name, n.parent_code, n.max_points, s.self_score, s.appraised_score, s.justification, n.level
         FROM framework_nodes n JOIN framework_versions v ON v.id = n.version_id
         LEFT JOIN inspection_scores s ON s.inspection_id = ?1 AND s.criterion = n.code
              AND (s.framework_version IS NULL OR s.framework_version = v.name)
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
