//! The PAR Index framework (Chỉ số CCHC): lĩnh vực → tiêu chí → tiêu chí thành phần, in
//! versions. The product ships the tree it can justify (fields, and criteria derived from the
//! plan, each with its source); an official tree imported by a user becomes a new version and
//! the old one stays. Max points stay empty where unknown.

use std::collections::{HashMap, HashSet};

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

use crate::audit::{self, Change};
use crate::db::Db;
use crate::error::{Error, Result};
use crate::profile;
use crate::stored::stored_text;
use crate::text::nfc;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Level {
    Field,
    Criterion,
    SubCriterion,
}

stored_text!(Level {
    Field => "field",
    Criterion => "criterion",
    SubCriterion => "sub_criterion",
});

impl Level {
    fn from_depth(depth: usize) -> Option<Self> {
        match depth {
            0 => Some(Level::Field),
            1 => Some(Level::Criterion),
            2 => Some(Level::SubCriterion),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct FrameworkNode {
    pub code: String,
    pub name: String,
    pub level: Level,
    pub max_points: Option<f64>,
    pub source: Option<String>,
    pub children: Vec<FrameworkNode>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct FrameworkTree {
    pub version: String,
    pub title: String,
    /// See [`FrameworkVersion::derived`].
    pub derived: bool,
    #[ts(type = "number | null")]
    pub year: Option<i64>,
    pub nodes: Vec<FrameworkNode>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct FrameworkVersion {
    pub name: String,
    pub title: String,
    /// True for the shipped tree whose criteria are derived from KH 167 (origin `seed`): its
    /// codes are ours, not official QĐ 876 codes, and are shown as such.
    pub derived: bool,
    #[ts(type = "number | null")]
    pub year: Option<i64>,
    pub origin: String,
    pub imported_at: String,
    pub is_current: bool,
    #[ts(type = "number")]
    pub node_count: i64,
}

/// One node as read from a file, before the tree is checked.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub(crate) struct NodeRow {
    pub code: String,
    pub name: String,
    #[serde(default, alias = "parent_code")]
    pub parent: Option<String>,
    #[serde(default)]
    pub max_points: Option<f64>,
    #[serde(default)]
    pub source: Option<String>,
}

/// Checks a flat node list: unique codes, known parents, at most three levels, no cycles, max
/// points not negative. Returns the rows with their levels, parents before children.
pub(crate) fn check_tree(rows: Vec<NodeRow>) -> Result<Vec<(NodeRow, Level)>> {
    if rows.is_empty() {
        return Err(Error::ImportFile {
            reason: "khung chỉ số không có tiêu chí nào".to_string(),
        });
    }
    let mut index: HashMap<String, usize> = HashMap::new();
    for (i, row) in rows.iter().enumerate() {
        if row.code.is_empty() || row.name.is_empty() {
            return Err(Error::ImportRow {
                line: i + 1,
                reason: "thiếu mã hoặc tên tiêu chí".to_string(),
            });
        }
        if let Some(p) = row.max_points {
            if !(p.is_finite() && p >= 0.0) {
                return Err(Error::ImportRow {
                    line: i + 1,
                    reason: format!("điểm tối đa của «{}» không hợp lệ", row.code),
                });
            }
        }
        if index.insert(row.code.clone(), i).is_some() {
            return Err(Error::ImportRow {
                line: i + 1,
                reason: format!("mã «{}» bị trùng", row.code),
            });
        }
    }
    let mut depth: Vec<Option<usize>> = vec![None; rows.len()];
    for i in 0..rows.len() {
        let mut chain = Vec::new();
        let mut seen = HashSet::new();
        let mut cur = i;
        let base = loop {
            if let Some(d) = depth[cur] {
                break d + 1;
            }
            if !seen.insert(cur) {
                return Err(Error::ImportRow {
                    line: i + 1,
                    reason: format!("mã «{}» nằm trong một vòng cha–con", rows[i].code),
                });
            }
            chain.push(cur);
            match rows[cur].parent.as_deref().filter(|p| !p.is_empty()) {
                None => break 0,
                Some(p) => {
                    cur = *index.get(p).ok_or_else(|| Error::ImportRow {
                        line: cur + 1,
                        reason: format!("mã cha «{p}» của «{}» không có trong tệp", rows[cur].code),
                    })?;
                }
            }
        };
        for (k, node) in chain.iter().rev().enumerate() {
            depth[*node] = Some(base + k);
        }
    }
    let mut out: Vec<(usize, NodeRow, Level)> = Vec::new();
    for (i, row) in rows.into_iter().enumerate() {
        let d = depth[i].unwrap_or(0);
        let level = Level::from_depth(d).ok_or_else(|| Error::ImportRow {
            line: i + 1,
            reason: format!(
                "«{}» sâu hơn 3 cấp (lĩnh vực → tiêu chí → tiêu chí thành phần)",
                row.code
            ),
        })?;
        out.push((d, row, level));
    }
    out.sort_by_key(|(d, _, _)| *d);
    Ok(out.into_iter().map(|(_, r, l)| (r, l)).collect())
}

/// Parses an official tree from CSV (`code,name,parent_code,max_points`) or JSON (an array of
/// `{code,name,parent,max_points}`, or an object with such an array under `nodes`).
pub(crate) fn parse_file(bytes: &[u8], is_json: bool) -> Result<Vec<NodeRow>> {
    let rows = if is_json {
        let value: serde_json::Value =
            serde_json::from_slice(bytes).map_err(|e| Error::ImportFile {
                reason: format!("JSON không hợp lệ ({e})"),
            })?;
        let list = value.get("nodes").cloned().unwrap_or(value);
        serde_json::from_value::<Vec<NodeRow>>(list).map_err(|e| Error::ImportFile {
            reason: format!("JSON phải là danh sách {{code, name, parent, max_points}} ({e})"),
        })?
    } else {
        parse_csv(bytes)?
    };
    Ok(rows
        .into_iter()
        .map(|r| NodeRow {
            code: nfc(&r.code),
            name: nfc(&r.name),
            parent: r.parent.map(|p| nfc(&p)).filter(|p| !p.is_empty()),
            max_points: r.max_points,
            source: r.source.map(|s| nfc(&s)),
        })
        .collect())
}

fn parse_csv(bytes: &[u8]) -> Result<Vec<NodeRow>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| Error::ImportFile {
        reason: format!("tệp không phải UTF-8 hợp lệ (byte {})", e.valid_up_to()),
    })?;
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let header = reader
        .headers()
        .map_err(|e| Error::ImportFile {
            reason: e.to_string(),
        })?
        .clone();
    let col = |n: &str| header.iter().position(|h| h.eq_ignore_ascii_case(n));
    let (Some(c_code), Some(c_name)) = (col("code"), col("name")) else {
        return Err(Error::ImportFile {
            reason: "dòng tiêu đề phải có các cột code,name,parent_code,max_points".to_string(),
        });
    };
    let c_parent = col("parent_code").or_else(|| col("parent"));
    let c_max = col("max_points");
    let c_source = col("source");
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| Error::ImportFile {
            reason: e.to_string(),
        })?;
        let line = record.position().map(|p| p.line() as usize).unwrap_or(0);
        let get = |c: Option<usize>| {
            c.and_then(|c| record.get(c))
                .map(str::to_string)
                .filter(|s| !s.is_empty())
        };
        let max_points = match get(c_max) {
            None => None,
            Some(s) => crate::text::parse_figure(&s).map_err(|_| Error::ImportRow {
                line,
                reason: format!("điểm tối đa «{s}» không phải là số"),
            })?,
        };
        rows.push(NodeRow {
            code: get(Some(c_code)).ok_or(Error::ImportRow {
                line,
                reason: "thiếu mã".to_string(),
            })?,
            name: get(Some(c_name)).ok_or(Error::ImportRow {
                line,
                reason: "thiếu tên".to_string(),
            })?,
            parent: get(c_parent),
            max_points,
            source: get(c_source),
        });
    }
    Ok(rows)
}

/// Writes a checked tree as version `name`, replacing the nodes of that version if it exists.
pub(crate) fn store_version(
    conn: &Connection,
    name: &str,
    title: &str,
    year: Option<i64>,
    origin: &str,
    at: &str,
    nodes: &[(NodeRow, Level)],
) -> Result<i64> {
    let id: i64 = match conn
        .query_row(
            "SELECT id FROM framework_versions WHERE name = ?1",
            [name],
            |r| r.get(0),
        )
        .optional()?
    {
        Some(id) => {
            conn.execute(
                "UPDATE framework_versions SET title = ?2, year = ?3, imported_at = ?4 WHERE id = ?1",
                params![id, title, year, at],
            )?;
            conn.execute("DELETE FROM framework_nodes WHERE version_id = ?1", [id])?;
            id
        }
        None => {
            conn.execute(
                "INSERT INTO framework_versions (name, title, year, origin, imported_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![name, title, year, origin, at],
            )?;
            conn.last_insert_rowid()
        }
    };
    let mut stmt = conn.prepare(
        "INSERT INTO framework_nodes (version_id, code, name, level, max_points, parent_code, source, position)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for (pos, (row, level)) in nodes.iter().enumerate() {
        stmt.execute(params![
            id,
            row.code,
            row.name,
            level.as_str(),
            row.max_points,
            row.parent,
            row.source,
            pos as i64
        ])?;
    }
    Ok(id)
}

pub(crate) fn make_current(conn: &Connection, id: i64) -> Result<()> {
    conn.execute("UPDATE framework_versions SET is_current = (id = ?1)", [id])?;
    Ok(())
}

pub fn versions(conn: &Connection) -> Result<Vec<FrameworkVersion>> {
    let mut stmt = conn.prepare(
        "SELECT v.name, v.title, v.year, v.origin, v.imported_at, v.is_current,
                (SELECT COUNT(*) FROM framework_nodes n WHERE n.version_id = v.id)
         FROM framework_versions v ORDER BY v.id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(FrameworkVersion {
            name: r.get(0)?,
            title: r.get(1)?,
            derived: r.get::<_, String>(3)? == "seed",
            year: r.get(2)?,
            origin: r.get(3)?,
            imported_at: r.get(4)?,
            is_current: r.get::<_, i64>(5)? == 1,
            node_count: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The tree of `version`, or of the current version.
pub fn show(conn: &Connection, version: Option<&str>) -> Result<FrameworkTree> {
    let head = match version {
        Some(v) => conn
            .query_row(
                "SELECT id, name, title, year, origin = 'seed' FROM framework_versions WHERE name = ?1",
                [v],
                |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get(3)?,
                        r.get::<_, bool>(4)?,
                    ))
                },
            )
            .optional()?,
        None => conn
            .query_row(
                "SELECT id, name, title, year, origin = 'seed' FROM framework_versions WHERE is_current = 1",
                [],
                |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get(3)?,
                        r.get::<_, bool>(4)?,
                    ))
                },
            )
            .optional()?,
    };
    let (id, name, title, year, derived) = head.ok_or_else(|| Error::FrameworkNotFound {
        version: version.unwrap_or("(hiện hành)").to_string(),
    })?;
    let mut stmt = conn.prepare(
        "SELECT code, name, level, max_points, parent_code, source FROM framework_nodes
         WHERE version_id = ?1 ORDER BY position",
    )?;
    let flat = stmt
        .query_map([id], |r| {
            Ok((
                r.get::<_, Option<String>>(4)?,
                FrameworkNode {
                    code: r.get(0)?,
                    name: r.get(1)?,
                    level: r.get(2)?,
                    max_points: r.get(3)?,
                    source: r.get(5)?,
                    children: Vec::new(),
                },
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(FrameworkTree {
        version: name,
        title,
        derived,
        year,
        nodes: build_tree(flat),
    })
}

fn build_tree(flat: Vec<(Option<String>, FrameworkNode)>) -> Vec<FrameworkNode> {
    let mut by_parent: HashMap<Option<String>, Vec<FrameworkNode>> = HashMap::new();
    for (parent, node) in flat {
        by_parent.entry(parent).or_default().push(node);
    }
    fn attach(
        node: &mut FrameworkNode,
        by_parent: &mut HashMap<Option<String>, Vec<FrameworkNode>>,
    ) {
        if let Some(mut kids) = by_parent.remove(&Some(node.code.clone())) {
            for k in &mut kids {
                attach(k, by_parent);
            }
            node.children = kids;
        }
    }
    let mut roots = by_parent.remove(&None).unwrap_or_default();
    for r in &mut roots {
        attach(r, &mut by_parent);
    }
    roots
}

/// The codes of every node of the current version (for checking references).
pub fn current_codes(conn: &Connection) -> Result<HashSet<String>> {
    let mut stmt = conn.prepare(
        "SELECT n.code FROM framework_nodes n JOIN framework_versions v ON v.id = n.version_id WHERE v.is_current = 1",
    )?;
    let codes = stmt
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(codes)
}

/// The shipped tree (`seeds/par-framework.json`): the 8 fields of QĐ 876/QĐ-BNV and criteria
/// derived from Kế hoạch 167/KH-UBND, coded by us — not the decision's official codes. The
/// checklist's items name their criteria in this version's codes.
pub const DERIVED_VERSION: &str = "QD876-2022-KH167";

/// The name of the current framework version, if any: what a score or an evidence mapping made
/// now is made against (recorded with it, so importing another tree never re-points it).
pub fn current_name(conn: &Connection) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT name FROM framework_versions WHERE is_current = 1",
            [],
            |r| r.get(0),
        )
        .optional()?)
}

/// Imports an official tree as a new version `name`, which becomes the current one. Lead only.
pub fn import(
    db: &mut Db,
    bytes: &[u8],
    is_json: bool,
    name: &str,
    title: Option<&str>,
    year: Option<i64>,
) -> Result<FrameworkVersion> {
    let name = nfc(name);
    if name.is_empty() {
        return Err(Error::invalid(
            "version",
            "tên phiên bản không được để trống",
        ));
    }
    let nodes = check_tree(parse_file(bytes, is_json)?)?;
    let at = db.now_text();
    let title = title
        .map(nfc)
        .unwrap_or_else(|| format!("Bộ chỉ số CCHC — {name}"));
    db.write(|tx| {
        let lead = profile::require_lead(tx, "nhập khung chỉ số CCHC")?;
        let exists: Option<i64> = tx
            .query_row(
                "SELECT id FROM framework_versions WHERE name = ?1",
                [&name],
                |r| r.get(0),
            )
            .optional()?;
        if exists.is_some() {
            return Err(Error::FrameworkVersionExists {
                version: name.clone(),
            });
        }
        let id = store_version(tx, &name, &title, year, "import", &at, &nodes)?;
        make_current(tx, id)?;
        audit::record(
            tx,
            &at,
            Some(&lead.name),
            Change {
                action: "framework.import",
                entity: "framework_version",
                key: &name,
                old: None,
                new: Some(json!({ "title": title, "year": year, "nodes": nodes.len() })),
            },
        )?;
        versions(tx)?
            .into_iter()
            .find(|v| v.name == name)
            .ok_or_else(|| Error::FrameworkNotFound {
                version: name.clone(),
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(code: &str, parent: Option<&str>) -> NodeRow {
        NodeRow {
            code: code.into(),
            name: format!("Tên {code}"),
            parent: parent.map(Into::into),
            max_points: None,
            source: None,
        }
    }

    #[test]
    fn levels_follow_depth_and_children_may_come_before_parents() -> anyhow::Result<()> {
        let out = check_tree(vec![
            row("1.1.1", Some("1.1")),
            row("1", None),
            row("1.1", Some("1")),
        ])?;
        let levels: Vec<_> = out.iter().map(|(r, l)| (r.code.as_str(), *l)).collect();
        assert_eq!(
            levels,
            vec![
                ("1", Level::Field),
                ("1.1", Level::Criterion),
                ("1.1.1", Level::SubCriterion)
            ]
        );
        Ok(())
    }

    #[test]
    fn bad_trees_are_refused() {
        let unknown_parent = check_tree(vec![row("1", None), row("1.1", Some("9"))]);
        assert!(matches!(
            unknown_parent,
            Err(Error::ImportRow { line: 2, .. })
        ));
        let cycle = check_tree(vec![row("a", Some("b")), row("b", Some("a"))]);
        assert!(matches!(cycle, Err(Error::ImportRow { .. })));
        let too_deep = check_tree(vec![
            row("1", None),
            row("2", Some("1")),
            row("3", Some("2")),
            row("4", Some("3")),
        ]);
        assert!(matches!(too_deep, Err(Error::ImportRow { line: 4, .. })));
        let dup = check_tree(vec![row("1", None), row("1", None)]);
        assert!(matches!(dup, Err(Error::ImportRow { line: 2, .. })));
    }

    #[test]
    fn csv_with_decimal_comma_points_parses() -> anyhow::Result<()> {
        let rows = parse_file(
            "code,name,parent_code,max_points\n1,Chỉ đạo,,\"9,5\"\n1.1,Kế hoạch,1,2\n".as_bytes(),
            false,
        )?;
        assert_eq!(rows[0].max_points, Some(9.5));
        assert_eq!(rows[1].parent.as_deref(), Some("1"));
        Ok(())
    }
}
