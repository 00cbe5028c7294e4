//! Evidence (tài liệu kiểm chứng) attached to an inspection. A file is read once as a stream
//! (never whole into memory), hashed with SHA-256 and copied into a content-addressed folder
//! under the data directory (`evidence/ab/abcdef…`); the same content is stored once. The copy
//! is written under a temporary name, synced, then renamed, so a crash never leaves a half file
//! under a real name. Each evidence item maps to PAR criteria and optionally to checklist items.
//! Verification recomputes every hash and reports what is missing or altered; it never repairs.
//!
//! Adding is three steps so the long one needs no store: [`check_add`] (refuse early),
//! [`stage`] (stream, hash and sync into the data directory's staging area: no `Db`, so the app
//! runs it without holding its store lock) and [`commit`] (rename into place and record, in one
//! short transaction). [`add_files`] does all three for callers that own the store.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;
use std::io::{ErrorKind, Read, Write};
use std::path::{Path, PathBuf};

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::json;
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::audit::{self, Change};
use crate::db::Db;
use crate::error::{Error, Result};
use crate::files::{self, io_error, DataDir};
use crate::inspection::{self, ItemStatus};
use crate::profile;

/// Default size limit of one file: 2 GB (a setting: `evidence.max_bytes`).
pub const DEFAULT_MAX_BYTES: u64 = 2_000_000_000;
const MAX_KEY: &str = "evidence.max_bytes";
const CHUNK: usize = 1 << 20;

#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Evidence {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub inspection_id: i64,
    pub name: String,
    pub sha256: String,
    #[ts(type = "number")]
    pub size: u64,
    #[serde(rename = "type")]
    pub media_type: String,
    pub captured_at: String,
    pub captured_by: String,
    pub criteria: Vec<String>,
    /// The framework version its criteria were mapped against (see
    /// [`crate::framework::current_name`]); `None` for a mapping received without one.
    pub framework_version: Option<String>,
    pub items: Vec<String>,
}

/// Where an evidence item points.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[ts(export)]
pub struct Mapping {
    #[serde(default)]
    pub criteria: Vec<String>,
    #[serde(default)]
    pub items: Vec<String>,
}

/// The size limit in force.
pub fn max_bytes(conn: &Connection) -> Result<u64> {
    let v: Option<String> = conn
        .query_row(
            "SELECT value FROM settings WHERE key = ?1",
            [MAX_KEY],
            |r| r.get(0),
        )
        .optional()?;
    Ok(v.and_then(|v| v.parse().ok()).unwrap_or(DEFAULT_MAX_BYTES))
}

/// Sets the size limit (lead only).
pub fn set_max_bytes(db: &mut Db, bytes: u64) -> Result<()> {
    if bytes == 0 {
        return Err(Error::invalid("max_bytes", "giới hạn phải lớn hơn 0"));
    }
    let at = db.now_text();
    db.write(|tx| {
        let lead = profile::require_lead(tx, "đặt giới hạn dung lượng tệp")?;
        let old = max_bytes(tx)?;
        tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![MAX_KEY, bytes.to_string()],
        )?;
        audit::record(
            tx,
            &at,
            Some(&lead.name),
            Change { action: "setting.set", entity: "setting", key: MAX_KEY, old: Some(json!(old)), new: Some(json!(bytes)) },
        )
    })
}

/// A file name made safe to show and store: [`files::portable_name`], the one rule for every
/// name the app writes. Neutralising a neutral name changes nothing.
pub fn neutralise_name(raw: &str) -> String {
    files::portable_name(raw)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Where the content with this hash lives.
pub fn blob_path(data_dir: &DataDir, sha256: &str) -> PathBuf {
    data_dir.evidence_blob(sha256)
}

fn detect_type(head: &[u8], name: &str) -> String {
    if let Some(t) = infer::get(head) {
        return t.mime_type().to_string();
    }
    let ext = Path::new(name)
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "txt" | "csv" => "text/plain",
        "doc" => "application/msword",
        "xls" => "application/vnd.ms-excel",
        _ => "application/octet-stream",
    }
    .to_string()
}

/// One file streamed into the staging area of the data directory, hashed, not yet under its
/// real name.
#[derive(Debug)]
struct StagedFile {
    name: String,
    sha256: String,
    size: u64,
    media_type: String,
    tmp: PathBuf,
}

/// Files streamed, hashed and synced into the data directory's staging area, ready for
/// [`commit`]. Staging needs no store, so it runs without holding the store's lock. Dropped
/// without a commit (an error, a refusal), its temporary files are removed.
#[derive(Debug)]
pub struct Staged {
    data_dir: DataDir,
    files: Vec<StagedFile>,
}

impl Staged {
    /// How many files are staged.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The bytes staged over all files.
    pub fn bytes(&self) -> u64 {
        self.files.iter().map(|f| f.size).sum()
    }
}

impl Staged {
    /// The data directory the files were staged in.
    pub fn data_dir(&self) -> &DataDir {
        &self.data_dir
    }
}

/// Moves staged files into the evidence store (content-addressed, read-only, synced) without
/// recording them as an inspection's evidence: for files another record keeps (a remediation
/// report). Returns each file's name, SHA-256, size and media type.
pub(crate) fn publish_staged(staged: &Staged) -> Result<Vec<(String, String, u64, String)>> {
    publish(staged)?;
    Ok(staged
        .files
        .iter()
        .map(|f| {
            (
                f.name.clone(),
                f.sha256.clone(),
                f.size,
                f.media_type.clone(),
            )
        })
        .collect())
}

impl Drop for Staged {
    fn drop(&mut self) {
        // After a commit the temporary names are gone (renamed or removed): nothing to do.
        for f in &self.files {
            let _ = std::fs::remove_file(&f.tmp);
        }
    }
}

/// Opens the chosen file itself (a symbolic link is refused, never followed), checks it and
/// streams it into a temporary file in `tmp_dir`, hashing as it goes and calling
/// `progress(done, total)`. On any error the temporary file is removed.
fn stage_file(
    data_dir: &DataDir,
    tmp_dir: &Path,
    path: &Path,
    limit: u64,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<StagedFile> {
    let shown = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let name = neutralise_name(&shown);
    let refuse = |reason: String| Error::EvidenceRefused {
        name: name.clone(),
        reason,
    };
    let meta = std::fs::symlink_metadata(path).map_err(|e| match e.kind() {
        ErrorKind::NotFound => refuse("tệp không tồn tại".into()),
        ErrorKind::PermissionDenied => refuse("không có quyền đọc tệp".into()),
        _ => refuse(format!("không đọc được tệp ({e})")),
    })?;
    let ft = meta.file_type();
    if ft.is_symlink() {
        return Err(refuse(
            "đây là liên kết tượng trưng; hãy chọn chính tệp gốc".into(),
        ));
    }
    if ft.is_dir() {
        return Err(refuse(
            "đây là thư mục, không phải tệp; hãy chọn từng tệp".into(),
        ));
    }
    if files::is_special(&ft) || !ft.is_file() {
        return Err(refuse("không phải tệp thông thường".into()));
    }
    if meta.len() == 0 {
        return Err(refuse("tệp rỗng (0 byte)".into()));
    }
    if meta.len() > limit {
        return Err(refuse(format!(
            "tệp {} byte vượt giới hạn {} byte",
            meta.len(),
            limit
        )));
    }
    let mut src = files::open_no_follow(path).map_err(|e| match e.kind() {
        ErrorKind::PermissionDenied => refuse("không có quyền đọc tệp".into()),
        _ => refuse(format!("không mở được tệp ({e})")),
    })?;
    let tmp = tmp_dir.join(files::temp_name("evidence"));
    let result = (|| -> Result<StagedFile> {
        let out = File::create(&tmp).map_err(|e| files::write_error(e, tmp_dir))?;
        // Encrypted on the way in, in an encrypted store: no plain copy is ever written.
        let mut out = data_dir
            .stored_writer(out)
            .map_err(|e| files::write_error(e, tmp_dir))?;
        let mut hasher = Sha256::new();
        let mut head = Vec::new();
        let mut size = 0u64;
        let total = meta.len();
        let mut read_chunk = |buf: &mut Vec<u8>| -> Result<bool> {
            loop {
                buf.resize(CHUNK, 0);
                let n = match src.read(buf) {
                    Ok(0) => return Ok(false),
                    Ok(n) => n,
                    Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                    Err(e) => return Err(refuse(format!("lỗi khi đọc tệp ({e})"))),
                };
                buf.truncate(n);
                size += n as u64;
                if size > limit {
                    return Err(refuse(format!("tệp vượt giới hạn {limit} byte")));
                }
                if head.len() < 8192 {
                    head.extend_from_slice(&buf[..n.min(8192 - head.len())]);
                }
                hasher.update(&buf[..]);
                return Ok(true);
            }
        };
        if total <= 4 * CHUNK as u64 {
            // Small files: one thread is quicker than two.
            let mut buf = Vec::with_capacity(CHUNK);
            let mut done = 0u64;
            while read_chunk(&mut buf)? {
                out.write_all(&buf)
                    .map_err(|e| files::write_error(e, tmp_dir))?;
                done += buf.len() as u64;
                progress(done, total);
            }
            out.finish().map_err(|e| files::write_error(e, tmp_dir))?;
        } else {
            // Large files: read and hash here while a second thread writes the copy, so hashing
            // and writing overlap on two cores. At most a few chunks are in flight.
            let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<u8>>(4);
            std::thread::scope(|scope| -> Result<()> {
                let writer = scope.spawn(move || -> std::io::Result<()> {
                    for chunk in rx {
                        out.write_all(&chunk)?;
                    }
                    out.finish().map(|_| ())
                });
                let mut done = 0u64;
                let r = (|| -> Result<()> {
                    loop {
                        let mut buf = Vec::with_capacity(CHUNK);
                        if !read_chunk(&mut buf)? {
                            return Ok(());
                        }
                        done += buf.len() as u64;
                        if tx.send(buf).is_err() {
                            // The writer stopped early: its own error says why.
                            return Ok(());
                        }
                        progress(done, total);
                    }
                })();
                drop(tx);
                let written = writer
                    .join()
                    .unwrap_or_else(|_| Err(std::io::Error::other("luồng ghi dừng bất thường")));
                r?;
                written.map_err(|e| files::write_error(e, tmp_dir))
            })?;
        }
        if size == 0 {
            return Err(refuse("tệp rỗng (0 byte)".into()));
        }
        Ok(StagedFile {
            media_type: detect_type(&head, &name),
            name: name.clone(),
            sha256: hex(&hasher.finalize()),
            size,
            tmp: tmp.clone(),
        })
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Streams `paths` into the staging area of `data_dir`, hashing each, and makes the copies
/// durable (see [`files`]): the long part of adding evidence, which needs no store and so runs
/// without its lock. All or none: on the first refusal every staged copy is removed.
/// `progress(done, total)` counts bytes over all files. `max_bytes` is the limit of one file
/// ([`max_bytes`]).
pub fn stage(
    data_dir: &DataDir,
    paths: &[PathBuf],
    max_bytes: u64,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Staged> {
    if data_dir.is_none() {
        return Err(Error::invalid(
            "data_dir",
            "kho dữ liệu tạm trong bộ nhớ không lưu được tệp",
        ));
    }
    if paths.is_empty() {
        return Err(Error::invalid("files", "chưa chọn tệp nào"));
    }
    let total: u64 = paths
        .iter()
        .filter_map(|p| std::fs::symlink_metadata(p).ok())
        .map(|m| m.len())
        .sum();
    let tmp_dir = data_dir.tmp();
    files::create_dir_all(&tmp_dir)?;
    let mut staged = Staged {
        data_dir: data_dir.clone(),
        files: Vec::with_capacity(paths.len()),
    };
    let mut done_before = 0u64;
    for path in paths {
        // On an error, dropping `staged` removes what was staged so far.
        let f = stage_file(data_dir, &tmp_dir, path, max_bytes, &mut |done, _| {
            progress(done_before + done, total)
        })?;
        done_before += f.size;
        staged.files.push(f);
    }
    let tmps: Vec<PathBuf> = staged.files.iter().map(|f| f.tmp.clone()).collect();
    files::sync_files(&tmps, &tmp_dir)?;
    Ok(staged)
}

/// Gives staged (already durable) files their real, content names and makes the names
/// durable: a crash never leaves a half file under a real name.
fn publish(staged: &Staged) -> Result<()> {
    let mut dirs: BTreeSet<PathBuf> = BTreeSet::new();
    for s in &staged.files {
        let dest = staged.data_dir.evidence_blob(&s.sha256);
        let dir = dest
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| staged.data_dir.evidence());
        files::create_dir_all(&dir)?;
        if dest.exists() {
            std::fs::remove_file(&s.tmp).map_err(|e| io_error(e, &s.tmp))?;
        } else {
            files::rename(&s.tmp, &dest)?;
            // Stored content is never edited in place: read-only marks it as such.
            files::set_read_only(&dest);
            dirs.insert(dir);
        }
    }
    files::sync_dirs(&dirs, staged.data_dir.root())
}

fn check_mapping(
    conn: &Connection,
    inspection_id: i64,
    m: &Mapping,
) -> Result<(Vec<String>, Vec<String>)> {
    let codes = crate::framework::current_codes(conn)?;
    let items = inspection::source_refs(conn, inspection_id)?;
    let criteria: BTreeSet<String> = m
        .criteria
        .iter()
        .map(|c| c.trim().to_string())
        .filter(|c| !c.is_empty())
        .collect();
    let refs: BTreeSet<String> = m
        .items
        .iter()
        .map(|c| c.trim().to_string())
        .filter(|c| !c.is_empty())
        .collect();
    for c in &criteria {
        if !codes.contains(c) {
            return Err(Error::invalid(
                "criterion",
                format!("tiêu chí «{c}» không có trong khung chỉ số hiện hành"),
            ));
        }
    }
    for r in &refs {
        if !items.contains(r) {
            return Err(Error::ItemNotFound {
                id: inspection_id,
                source_ref: r.clone(),
            });
        }
    }
    if criteria.is_empty() {
        return Err(Error::invalid(
            "criterion",
            "mỗi tài liệu kiểm chứng phải gắn với ít nhất một tiêu chí",
        ));
    }
    Ok((criteria.into_iter().collect(), refs.into_iter().collect()))
}

fn write_mapping(conn: &Connection, id: i64, criteria: &[String], items: &[String]) -> Result<()> {
    let euid: String =
        conn.query_row("SELECT uid FROM evidence WHERE id = ?1", [id], |r| r.get(0))?;
    conn.execute("DELETE FROM evidence_criteria WHERE evidence_id = ?1", [id])?;
    conn.execute("DELETE FROM evidence_items WHERE evidence_id = ?1", [id])?;
    let version = crate::framework::current_name(conn)?;
    for c in criteria {
        conn.execute(
            "INSERT INTO evidence_criteria (evidence_id, criterion, uid, framework_version) VALUES (?1, ?2, ?3, ?4)",
            params![id, c, crate::uid::mapping(&euid, "criterion", c), version],
        )?;
    }
    for r in items {
        conn.execute(
            "INSERT INTO evidence_items (evidence_id, source_ref, uid) VALUES (?1, ?2, ?3)",
            params![id, r, crate::uid::mapping(&euid, "item", r)],
        )?;
    }
    Ok(())
}

/// Adds one file to inspection `id`; see [`add_files`].
pub fn add_file(
    db: &mut Db,
    id: i64,
    path: &Path,
    mapping: &Mapping,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Evidence> {
    let mut out = add_files(db, id, &[path.to_path_buf()], mapping, progress)?;
    out.pop().ok_or(Error::InspectionNotFound { id })
}

/// What staging needs from the store, read under a short lock before the long copy.
#[derive(Debug, Clone)]
pub struct Intake {
    pub data_dir: DataDir,
    /// The size limit of one file.
    pub max_bytes: u64,
}

/// Refuses early (locked inspection, bad mapping, no profile) before a large file is read, and
/// says where and up to what size files may be staged.
pub fn check_add(db: &Db, id: i64, mapping: &Mapping) -> Result<Intake> {
    inspection::require_editable(db.conn(), id)?;
    check_mapping(db.conn(), id, mapping)?;
    Ok(Intake {
        data_dir: db.data_dir().clone(),
        max_bytes: max_bytes(db.conn())?,
    })
}

/// Records staged files as evidence of inspection `id`, all or none: the staged copies get
/// their real names (synced), then every record and its audit entry are written in one
/// transaction, which checks the inspection and the mapping again (they may have changed while
/// the files were staged). A failure removes the staged copies. Short: the caller holds the
/// store only for this.
pub fn commit(db: &mut Db, id: i64, staged: Staged, mapping: &Mapping) -> Result<Vec<Evidence>> {
    if staged.data_dir != *db.data_dir() {
        return Err(Error::invalid(
            "data_dir",
            "tệp đã chuẩn bị cho một kho dữ liệu khác",
        ));
    }
    publish(&staged)?;
    let at = db.now_text();
    db.write(|tx| {
        let who = inspection::require_editable(tx, id)?;
        let (criteria, items) = check_mapping(tx, id, mapping)?;
        let inspection_uid = crate::uid::of_inspection(tx, id)?;
        let mut out = Vec::with_capacity(staged.files.len());
        for s in &staged.files {
            let dup: Option<String> = tx
                .query_row("SELECT name FROM evidence WHERE inspection_id = ?1 AND sha256 = ?2", params![id, s.sha256], |r| r.get(0))
                .optional()?;
            if let Some(other) = dup {
                return Err(Error::EvidenceRefused { name: s.name.clone(), reason: format!("nội dung trùng với tài liệu «{other}» đã đính kèm") });
            }
            tx.execute(
                "INSERT INTO evidence (inspection_id, name, sha256, size, media_type, captured_at, captured_by, uid)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![id, s.name, s.sha256, s.size as i64, s.media_type, at, who.name, crate::uid::evidence(&inspection_uid, &s.sha256)],
            )?;
            let eid = tx.last_insert_rowid();
            write_mapping(tx, eid, &criteria, &items)?;
            let e = get(tx, eid)?;
            audit::record(tx, &at, Some(&who.name), Change { action: "evidence.add", entity: "evidence", key: &eid.to_string(), old: None, new: Some(json!(e)) })?;
            crate::exchange::log::noted(tx, &at, &[crate::exchange::log::UnitRef::Evidence(crate::uid::evidence(&inspection_uid, &s.sha256))])?;
            out.push(e);
        }
        Ok(out)
    })
}

/// Adds files to inspection `id`, all or none: the mapping and every file are checked before
/// anything is read, each file is streamed into the store and synced, the renames are synced,
/// and only then are the records written, in one transaction. `progress(done, total)` counts
/// bytes over all files. [`check_add`], [`stage`] and [`commit`] in one call, for callers that
/// own the store (the CLI); the app stages without holding its lock.
pub fn add_files(
    db: &mut Db,
    id: i64,
    paths: &[PathBuf],
    mapping: &Mapping,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Vec<Evidence>> {
    let intake = check_add(db, id, mapping)?;
    let staged = stage(&intake.data_dir, paths, intake.max_bytes, progress)?;
    commit(db, id, staged, mapping)
}

/// Changes what an evidence item is mapped to.
pub fn remap(db: &mut Db, evidence_id: i64, mapping: &Mapping) -> Result<Evidence> {
    let at = db.now_text();
    db.write(|tx| {
        let before = get(tx, evidence_id)?;
        let who = inspection::require_editable(tx, before.inspection_id)?;
        let (criteria, items) = check_mapping(tx, before.inspection_id, mapping)?;
        write_mapping(tx, evidence_id, &criteria, &items)?;
        let after = get(tx, evidence_id)?;
        audit::record(
            tx,
            &at,
            Some(&who.name),
            Change {
                action: "evidence.map",
                entity: "evidence",
                key: &evidence_id.to_string(),
                old: Some(json!({ "criteria": before.criteria, "items": before.items })),
                new: Some(json!({ "criteria": after.criteria, "items": after.items })),
            },
        )?;
        let euid: String = tx.query_row(
            "SELECT uid FROM evidence WHERE id = ?1",
            [evidence_id],
            |r| r.get(0),
        )?;
        crate::exchange::log::noted(tx, &at, &[crate::exchange::log::UnitRef::Evidence(euid)])?;
        Ok(after)
    })
}

/// Removes an evidence item from an inspection that can still be edited. The stored content
/// stays (another inspection may hold the same file).
pub fn remove(db: &mut Db, evidence_id: i64) -> Result<()> {
    let at = db.now_text();
    db.write(|tx| {
        let before = get(tx, evidence_id)?;
        let who = inspection::require_editable(tx, before.inspection_id)?;
        tx.execute("DELETE FROM evidence WHERE id = ?1", [evidence_id])?;
        audit::record(
            tx,
            &at,
            Some(&who.name),
            Change {
                action: "evidence.remove",
                entity: "evidence",
                key: &evidence_id.to_string(),
                old: Some(json!(before)),
                new: None,
            },
        )
    })
}

const SELECT: &str = "SELECT e.id, e.inspection_id, e.name, e.sha256, e.size, e.media_type, e.captured_at, e.captured_by,
    (SELECT group_concat(criterion, char(31)) FROM (SELECT criterion FROM evidence_criteria c WHERE c.evidence_id = e.id ORDER BY criterion)),
    (SELECT group_concat(source_ref, char(31)) FROM (SELECT source_ref FROM evidence_items i WHERE i.evidence_id = e.id ORDER BY source_ref)),
    (SELECT MAX(framework_version) FROM evidence_criteria c WHERE c.evidence_id = e.id)
    FROM evidence e";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Evidence> {
    let split = |s: Option<String>| {
        s.map(|s| s.split('\u{1f}').map(str::to_string).collect())
            .unwrap_or_default()
    };
    Ok(Evidence {
        id: r.get(0)?,
        inspection_id: r.get(1)?,
        name: r.get(2)?,
        sha256: r.get(3)?,
        size: r.get::<_, i64>(4)? as u64,
        media_type: r.get(5)?,
        captured_at: r.get(6)?,
        captured_by: r.get(7)?,
        criteria: split(r.get(8)?),
        items: split(r.get(9)?),
        framework_version: r.get(10)?,
    })
}

pub fn get(conn: &Connection, evidence_id: i64) -> Result<Evidence> {
    conn.query_row(&format!("{SELECT} WHERE e.id = ?1"), [evidence_id], row)
        .optional()?
        .ok_or(Error::EvidenceNotFound { id: evidence_id })
}

/// The evidence of an inspection, in the order it was captured.
pub fn list(conn: &Connection, inspection_id: i64) -> Result<Vec<Evidence>> {
    inspection::head(conn, inspection_id)?;
    let mut stmt = conn.prepare(&format!(
        "{SELECT} WHERE e.inspection_id = ?1 ORDER BY e.id"
    ))?;
    let rows = stmt.query_map([inspection_id], row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Problem {
    Missing,
    Altered,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct VerifyIssue {
    #[ts(type = "number")]
    pub evidence_id: i64,
    #[ts(type = "number")]
    pub inspection_id: i64,
    pub name: String,
    pub expected: String,
    pub actual: Option<String>,
    pub problem: Problem,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct VerifyReport {
    pub checked: u32,
    pub issues: Vec<VerifyIssue>,
}

/// The SHA-256 of the plain content stored at `path` (decrypted in an encrypted store).
pub(crate) fn hash_file(data_dir: &DataDir, path: &Path) -> std::io::Result<String> {
    let mut f = data_dir.open_stored(path)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; CHUNK];
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hex(&hasher.finalize()))
}

/// Recomputes the hash of every stored file of `inspection_id` (or of all inspections): its
/// evidence and the files the agency sent with its remediation reports (listed with evidence
/// id 0 and their name after "Báo cáo khắc phục: ").
pub fn verify(db: &Db, inspection_id: Option<i64>) -> Result<VerifyReport> {
    let conn = db.conn();
    let mut all: Vec<Evidence> = match inspection_id {
        Some(id) => list(conn, id)?,
        None => {
            let mut stmt = conn.prepare(&format!("{SELECT} ORDER BY e.id"))?;
            let rows = stmt.query_map([], row)?.collect::<Result<Vec<_>, _>>()?;
            rows
        }
    };
    let mut stmt = conn.prepare(
        "SELECT f.inspection_id, e.name, e.sha256 FROM followup_evidence e
         JOIN followup_reports r ON r.id = e.report_id JOIN followups f ON f.id = r.followup_id
         WHERE ?1 IS NULL OR f.inspection_id = ?1 ORDER BY r.id, e.name",
    )?;
    let sent = stmt.query_map([inspection_id], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    for s in sent {
        let (inspection, name, sha256) = s?;
        all.push(Evidence {
            id: 0,
            inspection_id: inspection,
            name: format!("Báo cáo khắc phục: {name}"),
            sha256,
            ..Evidence::default()
        });
    }
    let mut issues = Vec::new();
    for e in &all {
        let path = blob_path(db.data_dir(), &e.sha256);
        let (problem, actual) = match hash_file(db.data_dir(), &path) {
            Err(e) if e.kind() == ErrorKind::NotFound => (Some(Problem::Missing), None),
            // Unreadable, or (encrypted) failing its authentication: not the content recorded.
            Err(_) => (Some(Problem::Altered), None),
            Ok(h) if h != e.sha256 => (Some(Problem::Altered), Some(h)),
            Ok(_) => (None, None),
        };
        if let Some(problem) = problem {
            issues.push(VerifyIssue {
                evidence_id: e.id,
                inspection_id: e.inspection_id,
                name: e.name.clone(),
                expected: e.sha256.clone(),
                actual,
                problem,
            });
        }
    }
    Ok(VerifyReport {
        checked: all.len() as u32,
        issues,
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Presence {
    Present,
    Missing,
    NotRequired,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct MatrixRow {
    pub source_ref: String,
    pub text: String,
    /// What the plan expects as proof (Kết quả/Sản phẩm).
    pub expected: Option<String>,
    pub criteria: Vec<String>,
    /// Evidence attached to this item, or to one of its criteria.
    pub evidence: Vec<String>,
    pub state: Presence,
}

/// The evidence mapped to one criterion of one framework version, whether or not a checklist
/// item carries it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct CriterionRow {
    pub criterion: String,
    /// Its name in the version it was mapped against, when that version has it.
    pub name: Option<String>,
    /// The framework version the mapping was made against.
    pub framework_version: Option<String>,
    /// True when the version is the one the checklist's items use
    /// ([`crate::framework::DERIVED_VERSION`]), so the items' criteria are these.
    pub checklist_version: bool,
    /// The inspection's items that carry this criterion (in the checklist's version).
    pub items: Vec<String>,
    pub evidence: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Matrix {
    #[ts(type = "number")]
    pub inspection_id: i64,
    pub rows: Vec<MatrixRow>,
    pub criteria: Vec<CriterionRow>,
    pub present: u32,
    pub missing: u32,
    pub not_required: u32,
}

/// Completeness: each applicable item against the evidence attached to it or to its criteria,
/// then each criterion with the evidence mapped to it. A mapping counts for an item only when
/// it was made against the checklist's framework version: after an official tree is imported,
/// "3.7" mapped against it is not the checklist's "3.7".
pub fn matrix(conn: &Connection, inspection_id: i64) -> Result<Matrix> {
    let insp = inspection::show(conn, inspection_id)?;
    let evidence = list(conn, inspection_id)?;
    let same_version = |e: &Evidence| {
        e.framework_version
            .as_deref()
            .is_none_or(|v| v == crate::framework::DERIVED_VERSION)
    };
    let mut by_criterion: BTreeMap<(Option<String>, String), Vec<String>> = BTreeMap::new();
    for e in &evidence {
        for c in &e.criteria {
            by_criterion
                .entry((e.framework_version.clone(), c.clone()))
                .or_default()
                .push(e.name.clone());
        }
    }
    let mut rows = Vec::new();
    let (mut present, mut missing, mut not_required) = (0, 0, 0);
    for it in &insp.items {
        let mut names: Vec<String> = evidence
            .iter()
            .filter(|e| {
                e.items.contains(&it.source_ref)
                    || (same_version(e) && e.criteria.iter().any(|c| it.par_criteria.contains(c)))
            })
            .map(|e| e.name.clone())
            .collect();
        names.dedup();
        let state = if it.status == Some(ItemStatus::Na) || it.evidence.is_none() {
            if names.is_empty() {
                Presence::NotRequired
            } else {
                Presence::Present
            }
        } else if names.is_empty() {
            Presence::Missing
        } else {
            Presence::Present
        };
        match state {
            Presence::Present => present += 1,
            Presence::Missing => missing += 1,
            Presence::NotRequired => not_required += 1,
        }
        rows.push(MatrixRow {
            source_ref: it.source_ref.clone(),
            text: it.text.clone(),
            expected: it.evidence.clone(),
            criteria: it.par_criteria.clone(),
            evidence: names,
            state,
        });
    }
    let mut name_stmt = conn.prepare(
        "SELECT n.name FROM framework_nodes n JOIN framework_versions v ON v.id = n.version_id
         WHERE v.name = ?1 AND n.code = ?2",
    )?;
    let mut criteria = Vec::new();
    for ((version, criterion), evidence) in by_criterion {
        let checklist_version = version
            .as_deref()
            .is_none_or(|v| v == crate::framework::DERIVED_VERSION);
        let lookup = version
            .as_deref()
            .unwrap_or(crate::framework::DERIVED_VERSION);
        let name: Option<String> = name_stmt
            .query_row(params![lookup, criterion], |r| r.get(0))
            .optional()?;
        let items = if checklist_version {
            insp.items
                .iter()
                .filter(|it| it.par_criteria.contains(&criterion))
                .map(|it| it.source_ref.clone())
                .collect()
        } else {
            Vec::new()
        };
        criteria.push(CriterionRow {
            criterion,
            name,
            framework_version: version,
            checklist_version,
            items,
            evidence,
        });
    }
    Ok(Matrix {
        inspection_id,
        rows,
        criteria,
        present,
        missing,
        not_required,
    })
}

/// A PNG thumbnail (at most `max` pixels on its longer side) of an image evidence item, or
/// None for other types. Decoding is limited so a hostile image cannot exhaust memory.
pub fn thumbnail(db: &Db, evidence_id: i64, max: u32) -> Result<Option<Vec<u8>>> {
    let e = get(db.conn(), evidence_id)?;
    if !e.media_type.starts_with("image/") {
        return Ok(None);
    }
    let path = blob_path(db.data_dir(), &e.sha256);
    // Images are limited in size at intake; read whole (and decrypted) for the decoder.
    let bytes = db.data_dir().read_stored(&path)?;
    let mut reader = image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|source| Error::Io {
            path: path.display().to_string(),
            source,
        })?;
    let mut limits = image::Limits::default();
    limits.max_alloc = Some(256 * 1024 * 1024);
    reader.limits(limits);
    let Ok(img) = reader.decode() else {
        return Ok(None);
    };
    let mut png = Vec::new();
    img.thumbnail(max, max)
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .map_err(|e| Error::invalid("thumbnail", e.to_string()))?;
    Ok(Some(png))
}

/// A read-only copy of an evidence item under its original name, inside the data directory
/// (`open/<id>/<name>`), for the system's viewer: the stored content has no name or extension.
pub fn materialise(db: &Db, evidence_id: i64) -> Result<PathBuf> {
    let e = get(db.conn(), evidence_id)?;
    let src = blob_path(db.data_dir(), &e.sha256);
    // The name was neutralised on the way in; neutralise again so nothing can escape `open/`.
    let dir = db.data_dir().opened().join(evidence_id.to_string());
    let dest = dir.join(neutralise_name(&e.name));
    let io = |source: std::io::Error, p: &Path| Error::Io {
        path: p.display().to_string(),
        source,
    };
    std::fs::create_dir_all(&dir).map_err(|e| io(e, &dir))?;
    if !dest.exists() {
        let mut from = db.data_dir().open_stored(&src).map_err(|e| io(e, &src))?;
        let mut file = files::AtomicFile::create(&dest)?;
        std::io::copy(&mut from, &mut file).map_err(|e| io(e, &src))?;
        file.commit(true)?;
    }
    Ok(dest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_neutralised() {
        assert_eq!(neutralise_name("../../etc/passwd"), ".._.._etc_passwd");
        assert_eq!(neutralise_name("báo\u{7}cáo\n.pdf"), "báo_cáo_.pdf");
        assert_eq!(neutralise_name("CON.txt"), "_CON.txt");
        assert_eq!(neutralise_name("com1"), "_com1");
        assert_eq!(neutralise_name("Kế hoạch. . "), "Kế hoạch");
        assert_eq!(neutralise_name(""), "tep-khong-ten");
        assert_eq!(neutralise_name("a:b*c?.docx"), "a_b_c_.docx");
        let long = format!("{}.pdf", "x".repeat(300));
        let n = neutralise_name(&long);
        assert_eq!(n.chars().count(), 200);
        assert!(n.ends_with(".pdf"));
    }

    #[test]
    fn decomposed_names_are_stored_composed() {
        use unicode_normalization::UnicodeNormalization;
        let nfd: String = "Báo cáo tự kiểm tra.pdf".nfd().collect();
        assert_eq!(neutralise_name(&nfd), "Báo cáo tự kiểm tra.pdf");
    }
}
