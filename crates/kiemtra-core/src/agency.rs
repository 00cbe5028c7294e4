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
    /// How documents address it: "UBND xã Tam Tiến", "Sở Tư pháp" (set, imported or derived).
    pub addressee: String,
    /// Its head's title as documents name them: "Chủ tịch UBND xã Tam Tiến", "Giám đốc Sở
    /// Tư pháp" (set, imported or derived).
    pub head_title: String,
    /// The body that inspects the others (Sở Nội vụ in the seed register, column
    /// `inspecting_body`): never planned for inspection itself.
    pub inspecting_body: bool,
}

/// The addressee and the head's title of an agency, derived from its name, block and kind:
/// a commune or ward is addressed through its people's committee ("Xã Tam Tiến" → "UBND xã
/// Tam Tiến", headed by its "Chủ tịch"); a department by its own name, headed by its "Giám
/// đốc" (Sở), "Trưởng ban" (Ban), "Chánh" (Thanh tra, Văn phòng), "Cục trưởng" (Cục), else its
/// "Thủ trưởng". A name that already starts with "UBND" is kept as it is.
pub fn derived_addressee(name: &str, block: Block, kind: Option<&str>) -> (String, String) {
    let name = name.trim();
    let strip = |prefixes: &[&str]| {
        prefixes
            .iter()
            .find_map(|p| name.strip_prefix(p))
            .map(str::trim_start)
    };
    if name.starts_with("UBND ") || name.starts_with("Ủy ban nhân dân ") {
        return (name.to_string(), format!("Chủ tịch {name}"));
    }
    let commune = block == Block::Commune || matches!(kind, Some("xa" | "phuong"));
    if commune {
        let addressee = if let Some(rest) = strip(&["Xã ", "xã "]) {
            format!("UBND xã {rest}")
        } else if let Some(rest) = strip(&["Phường ", "phường "]) {
            format!("UBND phường {rest}")
        } else {
            match kind {
                Some("xa") => format!("UBND xã {name}"),
                Some("phuong") => format!("UBND phường {name}"),
                _ => format!("UBND {name}"),
            }
        };
        let head = format!("Chủ tịch {addressee}");
        return (addressee, head);
    }
    let head = if name.starts_with("Sở ")
        || name.starts_with("Công an ")
        || name.starts_with("Bảo hiểm xã hội ")
        || name.starts_with("Công ty ")
        || name.starts_with("Bưu điện ")
    {
        format!("Giám đốc {name}")
    } else if name.starts_with("Ban ") {
        format!("Trưởng ban {name}")
    } else if name.starts_with("Thanh tra ") || name.starts_with("Văn phòng ") {
        format!("Chánh {name}")
    } else if name.starts_with("Cục ") {
        format!("Cục trưởng {name}")
    } else {
        format!("Thủ trưởng {name}")
    };
    (name.to_string(), head)
}

impl Agency {
    /// An agency with its stored addressee and head's title, or the derived ones where none
    /// is stored.
    #[allow(clippy::too_many_arguments)]
    fn with_names(
        code: String,
        name: String,
        block: Block,
        kind: Option<String>,
        active: bool,
        addressee: Option<String>,
        head_title: Option<String>,
        inspecting_body: bool,
    ) -> Agency {
        let (derived, derived_head) = derived_addressee(&name, block, kind.as_deref());
        Agency {
            inspecting_body,
            addressee: addressee.unwrap_or(derived),
            head_title: head_title.unwrap_or(derived_head),
            code,
            name,
            block,
            kind,
            active,
        }
    }
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
    Ok(Agency::with_names(
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get::<_, i64>(4)? == 1,
        r.get(5)?,
        r.get(6)?,
        r.get::<_, i64>(7)? == 1,
    ))
}

const SELECT: &str =
    "SELECT code, name, block, kind, active, addressee, head_title, inspecting_body FROM agencies";

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
    /// Set when the file gives one; otherwise the stored (or derived) one stays.
    pub addressee: Option<String>,
    pub head_title: Option<String>,
    /// Set when the file has the column; otherwise the stored flag stays.
    pub inspecting_body: Option<bool>,
}

/// Parses a register CSV. Required columns `code`, `name`, and `block` (provincial | commune)
/// unless a `kind` column says `xa` or `phuong`; optional `active` (1 | 0), `addressee` and
/// `head_title` (an empty cell keeps what the register has), `inspecting_body` (1 | 0). Any bad row fails the whole file
/// with its line number.
pub(crate) fn parse_csv(bytes: &[u8]) -> Result<Vec<AgencyRow>> {
    let mut file = crate::csv_file::CsvFile::open(bytes)?;
    let column = |name: &str| file.column(name);
    let (code_col, name_col) = match (column("code"), column("name")) {
        (Some(c), Some(n)) => (c, n),
        _ => {
            return Err(Error::ImportFile {
                reason: "dòng tiêu đề phải có các cột code,name,block".to_string(),
            })
        }
    };
    let (block_col, kind_col, active_col) = (column("block"), column("kind"), column("active"));
    let (addressee_col, head_col) = (column("addressee"), column("head_title"));
    let inspecting_col = column("inspecting_body");
    if block_col.is_none() && kind_col.is_none() {
        return Err(Error::ImportFile {
            reason: "dòng tiêu đề thiếu cột block".to_string(),
        });
    }

    let mut rows = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for record in file.reader.byte_records() {
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
        let addressee = field(addressee_col, "addressee")?;
        let head_title = field(head_col, "head_title")?;
        for (col, v) in [("addressee", &addressee), ("head_title", &head_title)] {
            if v.as_ref().is_some_and(|v| v.chars().count() > 200) {
                return Err(Error::ImportRow {
                    line,
                    reason: format!("cột «{col}» dài quá 200 ký tự"),
                });
            }
        }
        let inspecting_body = match field(inspecting_col, "inspecting_body")?.as_deref() {
            None => None,
            Some("1") => Some(true),
            Some("0") => Some(false),
            Some(other) => {
                return Err(Error::ImportRow {
                    line,
                    reason: format!("cột «inspecting_body» phải là 1 hoặc 0, không phải «{other}»"),
                })
            }
        };
        rows.push(AgencyRow {
            code,
            name,
            block,
            kind,
            active,
            addressee,
            head_title,
            inspecting_body,
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
        type Stored = (Agency, String, Option<String>, Option<String>);
        let before: Option<Stored> = conn
            .query_row(
                "SELECT code, name, block, kind, active, addressee, head_title, inspecting_body, origin
                 FROM agencies WHERE code = ?1",
                [&row.code],
                |r| Ok((row_to_agency(r)?, r.get(8)?, r.get(5)?, r.get(6)?)),
            )
            .optional()?;
        let inspecting_body = row
            .inspecting_body
            .or(before.as_ref().map(|(a, ..)| a.inspecting_body))
            .unwrap_or(false);
        let (stored_addressee, stored_head) = match &before {
            Some((_, _, a, h)) => (
                row.addressee.clone().or_else(|| a.clone()),
                row.head_title.clone().or_else(|| h.clone()),
            ),
            None => (row.addressee.clone(), row.head_title.clone()),
        };
        let new = Agency::with_names(
            row.code.clone(),
            row.name.clone(),
            row.block,
            row.kind.clone(),
            row.active,
            stored_addressee.clone(),
            stored_head.clone(),
            inspecting_body,
        );
        match &before {
            Some((old, old_origin, _, _)) => {
                if *old == new || (origin == "seed" && old_origin != "seed") {
                    summary.unchanged += 1;
                    continue;
                }
                conn.execute(
                    "UPDATE agencies SET name = ?2, name_fold = ?3, block = ?4, kind = ?5, active = ?6,
                         origin = ?7, addressee = ?8, head_title = ?9, inspecting_body = ?10 WHERE code = ?1",
                    params![new.code, new.name, fold(&new.name), new.block.as_str(), new.kind, new.active, origin, stored_addressee, stored_head, new.inspecting_body],
                )?;
                summary.updated += 1;
            }
            None => {
                conn.execute(
                    "INSERT INTO agencies (code, name, name_fold, block, kind, active, origin, addressee, head_title, inspecting_body)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                    params![
                        new.code,
                        new.name,
                        fold(&new.name),
                        new.block.as_str(),
                        new.kind,
                        new.active,
                        origin,
                        stored_addressee,
                        stored_head,
                        new.inspecting_body
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
                    old: before.map(|(a, ..)| json!(a)),
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

/// Sets how documents address agency `code` and name its head (lead only, audit-logged).
/// `None` leaves a value as it is; an empty text goes back to the derived one.
pub fn set_addressee(
    db: &mut Db,
    code: &str,
    addressee: Option<&str>,
    head_title: Option<&str>,
) -> Result<Agency> {
    let clean = |field: &str, v: Option<&str>| -> Result<Option<Option<String>>> {
        let Some(v) = v else { return Ok(None) };
        let v = nfc(v);
        if v.chars().count() > 200 || v.chars().any(char::is_control) {
            return Err(Error::invalid(field, "tối đa 200 ký tự, không xuống dòng"));
        }
        Ok(Some(Some(v).filter(|v| !v.is_empty())))
    };
    let addressee = clean("addressee", addressee)?;
    let head_title = clean("head_title", head_title)?;
    let at = db.now_text();
    db.write(|tx| {
        let lead = profile::require_lead(tx, "sửa tên gọi của cơ quan trên văn bản")?;
        let old = get(tx, code)?;
        if let Some(a) = &addressee {
            tx.execute(
                "UPDATE agencies SET addressee = ?2, origin = 'user' WHERE code = ?1",
                params![old.code, a],
            )?;
        }
        if let Some(h) = &head_title {
            tx.execute(
                "UPDATE agencies SET head_title = ?2, origin = 'user' WHERE code = ?1",
                params![old.code, h],
            )?;
        }
        let new = get(tx, &old.code)?;
        audit::record(
            tx,
            &at,
            Some(&lead.name),
            Change {
                action: "agency.set",
                entity: "agency",
                key: &new.code,
                old: Some(json!(old)),
                new: Some(json!(new)),
            },
        )?;
        Ok(new)
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
    fn a_commune_is_addressed_through_its_peoples_committee() {
        let (a, h) = derived_addressee("Xã Tam Tiến", Block::Commune, Some("xa"));
        assert_eq!(a, "UBND xã Tam Tiến");
        assert_eq!(h, "Chủ tịch UBND xã Tam Tiến");
    }

    #[test]
    fn a_ward_is_addressed_through_its_peoples_committee() {
        let (a, h) = derived_addressee("Phường Kinh Bắc", Block::Commune, Some("phuong"));
        assert_eq!(a, "UBND phường Kinh Bắc");
        assert_eq!(h, "Chủ tịch UBND phường Kinh Bắc");
    }

    #[test]
    fn a_department_is_addressed_by_its_name_and_headed_by_its_director() {
        let (a, h) = derived_addressee("Sở Tư pháp", Block::Provincial, None);
        assert_eq!(a, "Sở Tư pháp");
        assert_eq!(h, "Giám đốc Sở Tư pháp");
    }

    #[test]
    fn a_board_is_headed_by_its_trưởng_ban() {
        let name = "Ban Quản lý các khu công nghiệp tỉnh";
        let (a, h) = derived_addressee(name, Block::Provincial, Some("ban"));
        assert_eq!(a, name);
        assert_eq!(h, format!("Trưởng ban {name}"));
        let (_, h) = derived_addressee("Thanh tra tỉnh", Block::Provincial, None);
        assert_eq!(h, "Chánh Thanh tra tỉnh");
    }

    #[test]
    fn a_name_that_already_starts_with_ubnd_is_kept() {
        let (a, h) = derived_addressee("UBND xã Tam Tiến", Block::Commune, Some("xa"));
        assert_eq!(a, "UBND xã Tam Tiến");
        assert_eq!(h, "Chủ tịch UBND xã Tam Tiến");
    }

    #[test]
    fn parse_reads_the_optional_addressee_columns() -> anyhow::Result<()> {
        let rows = parse_csv(
            "code,name,block,addressee,head_title\nA,Sở A,provincial,Sở A tỉnh,Giám đốc Sở A tỉnh\nB,Sở B,provincial,,\n"
                .as_bytes(),
        )?;
        assert_eq!(rows[0].addressee.as_deref(), Some("Sở A tỉnh"));
        assert_eq!(rows[0].head_title.as_deref(), Some("Giám đốc Sở A tỉnh"));
        assert_eq!(rows[1].addressee, None);
        Ok(())
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
