//! The agency register: provincial departments and units, and the communes (xã, phường).
//! Seeds and user imports go through the same CSV parser; an import is all-or-nothing.

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

use crate::audit::{self, Change};
use crate::db::Db;
use crate::error::{Error, Result};
use crate::profile;
use crate::stored::stored_text;
use crate::text::{fold, nfc, sort_by_key};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Block {
    Provincial,
    Commune,
}

stored_text!(Block {
    Provincial => "provincial",
    Commune => "commune",
});

impl Block {
    pub fn label(self) -> &'static str {
        match self {
            Block::Provincial => "Sở, ban, ngành",
            Block::Commune => "UBND cấp xã",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_lowercase().as_str() {
            "provincial" => Some(Block::Provincial),
            "commune" => Some(Block::Commune),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Agency {
    pub code: String,
    pub name: String,
    pub block: Block,
    /// `xa` or `phuong` for communes.
    pub kind: Option<String>,
    /// Inactive agencies are kept for history but never planned for inspection.
    pub active: bool,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[ts(export)]
pub struct AgencyFilter {
    pub block: Option<Block>,
    pub search: Option<String>,
    #[serde(default)]
    pub include_inactive: bool,
}

fn row_to_agency(r: &rusqlite::Row<'_>) -> rusqlite::Result<Agency> {
    Ok(Agency {
        code: r.get(0)?,
        name: r.get(1)?,
        block: r.get(2)?,
        kind: r.get(3)?,
        active: r.get::<_, i64>(4)? == 1,
    })
}

const SELECT: &str = "SELECT code, name, block, kind, active FROM agencies";

/// The agencies matching `filter`, in Vietnamese alphabetical order of their names.
pub fn list(conn: &Connection, filter: &AgencyFilter) -> Result<Vec<Agency>> {
    let needle = filter.search.as_deref().map(fold).unwrap_or_default();
    let mut stmt = conn.prepare(&format!(
        "{SELECT} WHERE (?1 IS NULL OR block = ?1) AND (?2 OR active = 1)
           AND (?3 = '' OR instr(name_fold, ?3) > 0 OR instr(lower(code), ?3) > 0)"
    ))?;
    let mut out = stmt
        .query_map(
            params![
                filter.block.map(Block::as_str),
                filter.include_inactive,
                needle
            ],
            row_to_agency,
        )?
        .collect::<Result<Vec<_>, _>>()?;
    sort_by_key(&mut out, |a| &a.name);
    Ok(out)
}

pub fn get(conn: &Connection, code: &str) -> Result<Agency> {
    conn.query_row(
        &format!("{SELECT} WHERE code = ?1"),
        [code.trim()],
        row_to_agency,
    )
    .optional()?
    .ok_or_else(|| Error::AgencyNotFound {
        code: code.trim().to_string(),
    })
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct RegisterCounts {
    #[ts(type = "number")]
    pub communes: i64,
    #[ts(type = "number")]
    pub xa: i64,
    #[ts(type = "number")]
    pub phuong: i64,
    #[ts(type = "number")]
    pub provincial_active: i64,
    #[ts(type = "number")]
    pub provincial_total: i64,
}

pub fn counts(conn: &Connection) -> Result<RegisterCounts> {
    Ok(conn.query_row(
        "SELECT
            COUNT(*) FILTER (WHERE block = 'commune' AND active = 1),
            COUNT(*) FILTER (WHERE block = 'commune' AND active = 1 AND kind = 'xa'),
            COUNT(*) FILTER (WHERE block = 'commune' AND active = 1 AND kind = 'phuong'),
            COUNT(*) FILTER (WHERE block = 'provincial' AND active = 1),
            COUNT(*) FILTER (WHERE block = 'provincial')
         FROM agencies",
        [],
        |r| {
            Ok(RegisterCounts {
                communes: r.get(0)?,
                xa: r.get(1)?,
                phuong: r.get(2)?,
                provincial_active: r.get(3)?,
                provincial_total: r.get(4)?,
            })
        },
    )?)
}

/// One validated row of a register file.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct AgencyRow {
    pub code: String,
    pub name: String,
    pub block: Block,
    pub kind: Option<String>,
    pub active: bool,
}

/// Parses a register CSV. Required columns `code`, `name`, and `block` (provincial | commune)
/// unless a `kind` column says `xa` or `phuong`; optional `active` (1 | 0). Any bad row fails
/// the whole file with its line number.
pub(crate) fn parse_csv(bytes: &[u8]) -> Result<Vec<AgencyRow>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes); // Excel's UTF-8 BOM
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(bytes);
    let header = reader
        .byte_headers()
        .map_err(|e| Error::ImportFile {
            reason: format!("không đọc được dòng tiêu đề ({e})"),
        })?
        .clone();
    let column = |name: &str| {
        header
            .iter()
            .position(|h| h.eq_ignore_ascii_case(name.as_bytes()))
    };
    let (code_col, name_col) = match (column("code"), column("name")) {
        (Some(c), Some(n)) => (c, n),
        _ => {
            return Err(Error::ImportFile {
                reason: "dòng tiêu đề phải có các cột code,name,block".to_string(),
            })
        }
    };
    let (block_col, kind_col, active_col) = (column("block"), column("kind"), column("active"));
    if block_col.is_none() && kind_col.is_none() {
        return Err(Error::ImportFile {
            reason: "dòng tiêu đề thiếu cột block".to_string(),
        });
    }

    let mut rows = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for record in reader.byte_records() {
        let record = record.map_err(|e| Error::ImportFile {
            reason: e.to_string(),
        })?;
        let line = record.position().map(|p| p.line() as usize).unwrap_or(0);
        if record.iter().all(|f| f.is_empty()) {
            continue;
        }
        let field = |col: Option<usize>, name: &str| -> Result<Option<String>> {
            let Some(col) = col else { return Ok(None) };
            match record.get(col) {
                None => Ok(None),
                Some(raw) => std::str::from_utf8(raw)
                    .map(|s| Some(nfc(s)).filter(|s| !s.is_empty()))
                    .map_err(|_| Error::ImportRow {
                        line,
                        reason: format!("cột «{name}» không phải văn bản UTF-8 hợp lệ"),
                    }),
            }
        };
        let missing = |name: &str| Error::ImportRow {
            line,
            reason: format!("thiếu giá trị cột «{name}»"),
        };
        let code = field(Some(code_col), "code")?.ok_or_else(|| missing("code"))?;
        let name = field(Some(name_col), "name")?.ok_or_else(|| missing("name"))?;
        let kind = field(kind_col, "kind")?.map(|k| k.to_lowercase());
        if let Some(k) = &kind {
            if !matches!(k.as_str(), "xa" | "phuong" | "so" | "ban" | "khac") {
                return Err(Error::ImportRow {
                    line,
                    reason: format!("loại «{k}» không hợp lệ (xa, phuong, so, ban, khac)"),
                });
            }
        }
        let block = match field(block_col, "block")? {
            Some(b) => Block::parse(&b).ok_or_else(|| Error::ImportRow {
                line,
                reason: format!("khối «{b}» không hợp lệ; dùng provincial (sở, ban, ngành) hoặc commune (xã, phường)"),
            })?,
            None => match kind.as_deref() {
                Some("xa" | "phuong") => Block::Commune,
                _ => return Err(missing("block")),
            },
        };
        let active = match field(active_col, "active")?.as_deref() {
            None | Some("1") => true,
            Some("0") => false,
            Some(other) => {
                return Err(Error::ImportRow {
                    line,
                    reason: format!("cột «active» phải là 1 hoặc 0, không phải «{other}»"),
                })
            }
        };
        if code.chars().any(char::is_whitespace) || code.chars().count() > 32 {
            return Err(Error::ImportRow {
                line,
                reason: format!(
                    "mã «{code}» không hợp lệ (không chứa khoảng trắng, tối đa 32 ký tự)"
                ),
            });
        }
        if let Some(first) = seen.insert(code.clone(), line) {
            return Err(Error::ImportRow {
                line,
                reason: format!("mã «{code}» trùng với dòng {first}"),
            });
        }
        rows.push(AgencyRow {
            code,
            name,
            block,
            kind,
            active,
        });
    }
    if rows.is_empty() {
        return Err(Error::ImportFile {
            reason: "tệp không có dòng dữ liệu nào".to_string(),
        });
    }
    Ok(rows)
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ImportSummary {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
}

/// Writes validated rows. `origin` is `seed` or `import`; a seed never overwrites a row that a
/// user imported or edited.
pub(crate) fn upsert(
    conn: &Connection,
    rows: &[AgencyRow],
    origin: &str,
    at: &str,
    profile: Option<&str>,
) -> Result<ImportSummary> {
    let mut summary = ImportSummary::default();
    for row in rows {
        let before: Option<(Agency, String)> = conn
            .query_row(
                "SELECT code, name, block, kind, active, origin FROM agencies WHERE code = ?1",
                [&row.code],
                |r| Ok((row_to_agency(r)?, r.get(5)?)),
            )
            .optional()?;
        let new = Agency {
            code: row.code.clone(),
            name: row.name.clone(),
            block: row.block,
            kind: row.kind.clone(),
            active: row.active,
        };
        match &before {
            Some((old, old_origin)) => {
                if *old == new || (origin == "seed" && old_origin != "seed") {
                    summary.unchanged += 1;
                    continue;
                }
                conn.execute(
                    "UPDATE agencies SET name = ?2, name_fold = ?3, block = ?4, kind = ?5, active = ?6,
                         origin = ?7 WHERE code = ?1",
                    params![new.code, new.name, fold(&new.name), new.block.as_str(), new.kind, new.active, origin],
                )?;
                summary.updated += 1;
            }
            None => {
                conn.execute(
                    "INSERT INTO agencies (code, name, name_fold, block, kind, active, origin)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    params![
                        new.code,
                        new.name,
                        fold(&new.name),
                        new.block.as_str(),
                        new.kind,
                        new.active,
                        origin
                    ],
                )?;
                summary.added += 1;
            }
        }
        if origin != "seed" {
            audit::record(
                conn,
                at,
                profile,
                Change {
                    action: "agency.import",
                    entity: "agency",
                    key: &new.code,
                    old: before.map(|(a, _)| json!(a)),
                    new: Some(json!(new)),
                },
            )?;
        }
    }
    Ok(summary)
}

/// Imports a register CSV (`code,name,block`). Lead only; all rows or none.
pub fn import_csv(db: &mut Db, bytes: &[u8]) -> Result<ImportSummary> {
    let rows = parse_csv(bytes)?;
    let at = db.now_text();
    db.write(|tx| {
        let lead = profile::require_lead(tx, "nhập danh sách cơ quan")?;
        upsert(tx, &rows, "import", &at, Some(&lead.name))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_reports_the_line_of_each_kind_of_bad_row() {
        let cases: &[(&[u8], usize, &str)] = &[
            (b"code,name,block\nA,An,provincial\nB,,commune\n", 3, "name"),
            (
                b"code,name,block\nA,An,provincial\nB,Binh,district\n",
                3,
                "district",
            ),
            (
                b"code,name,block\nA,An,provincial\nC,Ca,commune\nA,Anh,commune\n",
                4,
                "dòng 2",
            ),
            (
                b"code,name,block\nA,An,provincial\nB,B\xff\xfe,commune\n",
                3,
                "UTF-8",
            ),
            (b"code,name,block\nA,An\n", 2, "block"),
        ];
        for (input, line, needle) in cases {
            match parse_csv(input) {
                Err(Error::ImportRow { line: l, reason }) => {
                    assert_eq!(l, *line, "wrong line for {reason}");
                    assert!(
                        reason.contains(needle),
                        "«{reason}» should mention {needle}"
                    );
                }
                other => panic!(
                    "expected a row error for {:?}, got {other:?}",
                    String::from_utf8_lossy(input)
                ),
            }
        }
    }

    #[test]
    fn parse_accepts_bom_nfd_and_kind_only_commune_rows() -> anyhow::Result<()> {
        use unicode_normalization::UnicodeNormalization;
        let nfd: String = "Xã Tam Tiến".nfd().collect();
        let csv = format!("\u{FEFF}code,name,kind\n07264,{nfd},xa\n");
        let rows = parse_csv(csv.as_bytes())?;
        assert_eq!(rows[0].name, "Xã Tam Tiến");
        assert_eq!(rows[0].block, Block::Commune);
        Ok(())
    }
}
