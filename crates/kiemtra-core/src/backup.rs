//! Backup, restore and the whole-store check.
//!
//! A backup is one file: a tar of the store (copied through SQLite's online backup API in one
//! step, so it is one consistent moment even while the app or another `kiemtra` keeps writing),
//! every evidence file and every kept (issued) document the store refers to, and a manifest with
//! the size and SHA-256 of each; then a footer line with the SHA-256 of everything before it.
//! The footer makes one flipped byte anywhere — tar headers and padding included — a refusal.
//!
//! A restore reads the whole file twice before the target exists: once for the footer's hash,
//! once to unpack into a hidden folder beside the target, checking each member against the
//! manifest; the restored store must pass `integrity_check` and every file its hash; only then
//! is the folder renamed into place. A refused restore leaves no target directory behind.

use std::collections::BTreeSet;
use std::fs::File;
use std::io::{BufReader, Read, Seek, SeekFrom, Write};
use std::path::{Component, Path, PathBuf};

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use serde_json::json;
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::audit::{self, Change};
use crate::db::Db;
use crate::error::{Error, Result};
use crate::evidence::{self, VerifyIssue};
use crate::files::{self, io_error, AtomicFile, DataDir, STORE_FILE};

/// The manifest's `format`.
pub const FORMAT: &str = "kiemtra-sao-luu";
/// The manifest's `version`: what this release writes and reads.
pub const VERSION: u32 = 1;
/// The setting that remembers the last backup made of this store.
pub const LAST_BACKUP: &str = "backup.last";
/// The footer before the hash: `\nKIEMTRA-SAO-LUU sha256=<64 hex>\n`.
const FOOTER_HEAD: &[u8] = b"\nKIEMTRA-SAO-LUU sha256=";
const FOOTER_LEN: u64 = FOOTER_HEAD.len() as u64 + 64 + 1;
const MANIFEST: &str = "manifest.json";
const CHUNK: usize = 1 << 20;

/// One member of a backup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BackupEntry {
    /// Its path inside the data directory, with `/`: `evidence/ab/ab12…`.
    pub path: String,
    #[ts(type = "number")]
    pub size: u64,
    pub sha256: String,
}

/// What a backup holds, written as its last member.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BackupManifest {
    pub format: String,
    pub version: u32,
    pub created_at: String,
    pub app_version: String,
    pub schema_version: i64,
    pub store: BackupEntry,
    pub files: Vec<BackupEntry>,
}

/// What `backup` wrote.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct BackupSummary {
    pub file: String,
    #[ts(type = "number")]
    pub bytes: u64,
    /// SHA-256 of the whole backup file (as `sha256sum` prints it).
    pub sha256: String,
    pub created_at: String,
    #[ts(type = "number")]
    pub schema_version: i64,
    #[ts(type = "number")]
    pub store_bytes: u64,
    pub files: u32,
    #[ts(type = "number")]
    pub file_bytes: u64,
    /// Files the store refers to that were not in the data directory (left out, and named).
    pub missing: Vec<String>,
}

/// What `restore` put in place.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct RestoreSummary {
    pub data_dir: String,
    pub created_at: String,
    #[ts(type = "number")]
    pub schema_version: i64,
    pub files: u32,
    #[ts(type = "number")]
    pub file_bytes: u64,
    /// Evidence files whose hashes were checked after the restore (all matched).
    pub evidence_checked: u32,
}

/// The last backup made of this store, if any.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LastBackup {
    pub at: String,
    pub file: String,
    pub sha256: String,
}

/// A SHA-256 computed over what passes through.
struct Hashing<T> {
    inner: T,
    hasher: Sha256,
    bytes: u64,
}

impl<T> Hashing<T> {
    fn new(inner: T) -> Self {
        Hashing {
            inner,
            hasher: Sha256::new(),
            bytes: 0,
        }
    }
    fn finish(self) -> (T, String, u64) {
        (self.inner, hex(&self.hasher.finalize()), self.bytes)
    }
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.bytes += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        self.bytes += n as u64;
        Ok(n)
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn is_sha256(s: &str) -> bool {
    s.len() == 64
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Removes a folder (and what is in it) when dropped, unless kept.
struct Cleanup(Option<PathBuf>);

impl Cleanup {
    fn keep(mut self) {
        self.0 = None;
    }
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        if let Some(p) = self.0.take() {
            make_writable(&p);
            if p.is_dir() {
                let _ = std::fs::remove_dir_all(&p);
            } else {
                let _ = std::fs::remove_file(&p);
            }
        }
    }
}

/// Read-only stored files must be writable again before a folder holding them is removed on
/// some platforms.
fn make_writable(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            make_writable(&p);
        } else if let Ok(m) = std::fs::metadata(&p) {
            let mut perm = m.permissions();
            #[allow(clippy::permissions_set_readonly_false)]
            perm.set_readonly(false);
            let _ = std::fs::set_permissions(&p, perm);
        }
    }
}

/// The files a store refers to, as paths inside its data directory: evidence (the inspection's
/// and the remediation reports') and the kept issued documents.
fn referenced_files(conn: &Connection, data_dir: &DataDir) -> Result<BTreeSet<String>> {
    let mut out = BTreeSet::new();
    let rel = |p: PathBuf| -> Option<String> {
        let r = p.strip_prefix(data_dir.root()).ok()?;
        Some(
            r.components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/"),
        )
    };
    let mut stmt =
        conn.prepare("SELECT sha256 FROM evidence UNION SELECT sha256 FROM followup_evidence")?;
    for h in stmt.query_map([], |r| r.get::<_, String>(0))? {
        let h = h?;
        if is_sha256(&h) {
            out.extend(rel(data_dir.evidence_blob(&h)));
        }
    }
    let mut stmt = conn.prepare("SELECT sha256 FROM notices")?;
    for h in stmt.query_map([], |r| r.get::<_, String>(0))? {
        let h = h?;
        if is_sha256(&h) {
            out.extend(rel(data_dir.notice_pdf(&h)));
        }
    }
    Ok(out)
}

/// The only names a backup may hold, and what each must hash to (when the name says).
enum Member {
    Store,
    Manifest,
    /// The key file of an encrypted store (its files are then named by keyed hashes).
    Key,
    Blob {
        sha256: String,
    },
}

fn member_kind(name: &str, encrypted: bool) -> Option<Member> {
    let parts: Vec<&str> = name.split('/').collect();
    match parts.as_slice() {
        [STORE_FILE] => Some(Member::Store),
        [MANIFEST] => Some(Member::Manifest),
        [crate::crypt::KEY_FILE] => Some(Member::Key),
        // Encrypted content: the name is a keyed hash, checked against the bảng kê only.
        ["evidence", fan, h] if encrypted && is_sha256(h) && h.starts_with(fan) => {
            Some(Member::Blob {
                sha256: String::new(),
            })
        }
        ["notices", h] if encrypted && is_sha256(h) => Some(Member::Blob {
            sha256: String::new(),
        }),
        ["evidence", fan, h] if is_sha256(h) && h.starts_with(fan) && fan.len() == 2 => {
            Some(Member::Blob {
                sha256: (*h).to_string(),
            })
        }
        ["notices", f] => f
            .strip_suffix(".pdf")
            .filter(|h| is_sha256(h))
            .map(|h| Member::Blob {
                sha256: h.to_string(),
            }),
        _ => None,
    }
}

fn tar_error(e: std::io::Error, path: &Path) -> Error {
    io_error(e, path)
}

fn append(
    builder: &mut tar::Builder<Hashing<AtomicFile>>,
    name: &str,
    size: u64,
    reader: impl Read,
    out: &Path,
) -> Result<String> {
    let mut header = tar::Header::new_gnu();
    header.set_size(size);
    header.set_mode(0o644);
    header.set_entry_type(tar::EntryType::Regular);
    header.set_mtime(0);
    let mut hashing = Hashing::new(reader.take(size));
    builder
        .append_data(&mut header, name, &mut hashing)
        .map_err(|e| tar_error(e, out))?;
    let (_, sha, n) = hashing.finish();
    if n != size {
        return Err(io_error(
            std::io::Error::new(
                std::io::ErrorKind::UnexpectedEof,
                format!("«{name}» ngắn hơn lúc bắt đầu sao lưu"),
            ),
            out,
        ));
    }
    Ok(sha)
}

/// The store copied at one moment, with the files it refers to: the part of a backup that
/// needs the store (and is quick). The copy is removed when this is dropped.
pub struct Snapshot {
    data_dir: DataDir,
    path: PathBuf,
    created_at: String,
    schema_version: i64,
    referenced: BTreeSet<String>,
    /// The key file of an encrypted store, as it was at the snapshot.
    key_file: Option<Vec<u8>>,
    _cleanup: Cleanup,
}

/// Checks that `out` is a place for a backup of `db`: outside its data directory.
fn check_out(data_dir: &DataDir, out: &Path) -> Result<()> {
    if data_dir.is_none() {
        return Err(Error::invalid(
            "sao lưu",
            "kho dữ liệu trong bộ nhớ không có tệp để sao lưu",
        ));
    }
    if let (Ok(o), Ok(d)) = (
        out.parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .canonicalize(),
        data_dir.root().canonicalize(),
    ) {
        if o.starts_with(&d) {
            return Err(Error::invalid(
                "--out",
                "hãy ghi bản sao lưu ra ngoài thư mục dữ liệu (ví dụ USB hoặc ổ khác): bản sao lưu nằm trong chính thư mục nó sao lưu sẽ mất cùng thư mục đó",
            ));
        }
    }
    Ok(())
}

/// Copies the store at one moment: one backup step copies every page in one read transaction.
pub fn snapshot(db: &Db) -> Result<Snapshot> {
    let data_dir = db.data_dir().clone();
    if data_dir.is_none() {
        return Err(Error::invalid(
            "sao lưu",
            "kho dữ liệu trong bộ nhớ không có tệp để sao lưu",
        ));
    }
    let created_at = db.now_text();
    files::create_dir_all(&data_dir.tmp())?;
    let path = data_dir.tmp().join(files::temp_name("sao-luu.sqlite3"));
    let cleanup = Cleanup(Some(path.clone()));
    let mut snap = Connection::open(&path).map_err(Error::Db)?;
    // An encrypted store is copied page for page, so the copy has the same key.
    let key_file = match data_dir.key() {
        Some(key) => {
            snap.execute_batch(&format!(
                "PRAGMA key = \"{}\";",
                key.sqlcipher_key().as_str()
            ))?;
            let p = data_dir.root().join(crate::crypt::KEY_FILE);
            Some(std::fs::read(&p).map_err(|e| io_error(e, &p))?)
        }
        None => None,
    };
    {
        use rusqlite::backup::{Backup, StepResult};
        let copy = Backup::new(db.conn(), &mut snap)?;
        // -1: every page in one step, so one read transaction, so one moment. Another writer
        // holding a lock for a moment is waited for, as the store's busy timeout does.
        let mut waited = 0;
        loop {
            match copy.step(-1)? {
                StepResult::Done => break,
                StepResult::Busy | StepResult::Locked if waited < 100 => {
                    waited += 1;
                    std::thread::sleep(std::time::Duration::from_millis(50));
                }
                StepResult::More => continue,
                _ => {
                    return Err(Error::StoreBusy {
                        path: data_dir.store_file().display().to_string(),
                    })
                }
            }
        }
    }
    // A file on its own, without a write-ahead log beside it.
    let _mode: String =
        snap.pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get(0))?;
    let schema_version = snap.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let referenced = referenced_files(&snap, &data_dir)?;
    drop(snap);
    Ok(Snapshot {
        data_dir,
        path,
        created_at,
        schema_version,
        referenced,
        key_file,
        _cleanup: cleanup,
    })
}

/// Writes the backup file of `snap` to `out` (replaced atomically: a failed backup leaves no
/// file, or the earlier one, under that name). Needs no store: the app runs it off the lock.
pub fn write(snap: &Snapshot, out: &Path) -> Result<BackupSummary> {
    check_out(&snap.data_dir, out)?;
    let file = AtomicFile::create(out)?;
    let mut builder = tar::Builder::new(Hashing::new(file));
    builder.mode(tar::HeaderMode::Deterministic);
    let store_size = std::fs::metadata(&snap.path)
        .map_err(|e| io_error(e, &snap.path))?
        .len();
    let snap_file = File::open(&snap.path).map_err(|e| io_error(e, &snap.path))?;
    let store_sha = append(&mut builder, STORE_FILE, store_size, snap_file, out)?;
    let mut entries = Vec::new();
    let mut missing = Vec::new();
    let mut file_bytes = 0u64;
    if let Some(key_file) = &snap.key_file {
        let sha = append(
            &mut builder,
            crate::crypt::KEY_FILE,
            key_file.len() as u64,
            key_file.as_slice(),
            out,
        )?;
        entries.push(BackupEntry {
            path: crate::crypt::KEY_FILE.into(),
            size: key_file.len() as u64,
            sha256: sha,
        });
    }
    for rel in &snap.referenced {
        let path = snap.data_dir.root().join(rel);
        let f = match files::open_no_follow(&path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                missing.push(rel.clone());
                continue;
            }
            Err(e) => return Err(io_error(e, &path)),
        };
        let meta = f.metadata().map_err(|e| io_error(e, &path))?;
        if !meta.is_file() {
            return Err(io_error(
                std::io::Error::other("không phải tệp thường"),
                &path,
            ));
        }
        let sha = append(&mut builder, rel, meta.len(), BufReader::new(f), out)?;
        file_bytes += meta.len();
        entries.push(BackupEntry {
            path: rel.clone(),
            size: meta.len(),
            sha256: sha,
        });
    }
    let manifest = BackupManifest {
        format: FORMAT.into(),
        version: VERSION,
        created_at: snap.created_at.clone(),
        app_version: env!("CARGO_PKG_VERSION").into(),
        schema_version: snap.schema_version,
        store: BackupEntry {
            path: STORE_FILE.into(),
            size: store_size,
            sha256: store_sha,
        },
        files: entries,
    };
    let manifest_bytes = serde_json::to_vec_pretty(&manifest)
        .map_err(|e| Error::invalid("sao lưu", e.to_string()))?;
    append(
        &mut builder,
        MANIFEST,
        manifest_bytes.len() as u64,
        manifest_bytes.as_slice(),
        out,
    )?;
    let hashing = builder.into_inner().map_err(|e| tar_error(e, out))?;
    let (mut file, sha256, tar_bytes) = hashing.finish();
    file.write_all(FOOTER_HEAD)
        .and_then(|_| file.write_all(sha256.as_bytes()))
        .and_then(|_| file.write_all(b"\n"))
        .map_err(|e| files::write_error(e, out))?;
    file.commit(false)?;
    Ok(BackupSummary {
        file: out.display().to_string(),
        bytes: tar_bytes + FOOTER_LEN,
        sha256,
        created_at: snap.created_at.clone(),
        schema_version: snap.schema_version,
        store_bytes: store_size,
        files: manifest.files.len() as u32,
        file_bytes,
        missing,
    })
}

/// Remembers `s` as the last backup of the store (and audits it).
pub fn record(db: &mut Db, s: &BackupSummary) -> Result<()> {
    let last = LastBackup {
        at: s.created_at.clone(),
        file: s.file.clone(),
        sha256: s.sha256.clone(),
    };
    let value =
        serde_json::to_value(&last).map_err(|e| Error::invalid("sao lưu", e.to_string()))?;
    let who = crate::profile::current(db.conn())?.map(|p| p.name);
    let at = db.now_text();
    db.write(|tx| {
        tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            rusqlite::params![LAST_BACKUP, value.to_string()],
        )?;
        audit::record(
            tx,
            &at,
            who.as_deref(),
            Change {
                action: "backup.create",
                entity: "backup",
                key: &s.sha256,
                old: None,
                new: Some(json!({ "file": s.file, "files": s.files, "missing": s.missing })),
            },
        )
    })
}

/// Writes a backup of `db`'s data directory to `out` and records it as the last backup.
pub fn backup(db: &mut Db, out: &Path) -> Result<BackupSummary> {
    check_out(db.data_dir(), out)?;
    let snap = snapshot(db)?;
    let s = write(&snap, out)?;
    drop(snap);
    record(db, &s)?;
    Ok(s)
}

/// The last backup of this store, if one was made.
pub fn last_backup(conn: &Connection) -> Result<Option<LastBackup>> {
    Ok(crate::settings::get(conn, LAST_BACKUP)?.and_then(|v| serde_json::from_value(v).ok()))
}

fn damaged(reason: impl Into<String>) -> Error {
    Error::BackupDamaged {
        reason: reason.into(),
    }
}

/// Checks the footer: the SHA-256 of everything before it. Returns the length of the tar part.
fn verify_footer(file: &Path) -> Result<u64> {
    let mut f = File::open(file).map_err(|e| io_error(e, file))?;
    let len = f.metadata().map_err(|e| io_error(e, file))?.len();
    if len < FOOTER_LEN + 1024 {
        return Err(damaged("tệp quá ngắn để là một bản sao lưu"));
    }
    let body = len - FOOTER_LEN;
    let mut hashing = Hashing::new((&mut f).take(body));
    std::io::copy(&mut hashing, &mut std::io::sink()).map_err(|e| io_error(e, file))?;
    let (_, actual, n) = hashing.finish();
    if n != body {
        return Err(damaged("không đọc hết được tệp"));
    }
    let mut footer = vec![0u8; FOOTER_LEN as usize];
    f.seek(SeekFrom::Start(body))
        .and_then(|_| f.read_exact(&mut footer))
        .map_err(|e| io_error(e, file))?;
    let Some(rest) = footer.strip_prefix(FOOTER_HEAD) else {
        return Err(damaged(
            "không có dòng kiểm tra ở cuối tệp (không phải bản sao lưu của Kiểm tra CCHC, hoặc tệp bị cắt)",
        ));
    };
    let expected = &rest[..64];
    if rest[64] != b'\n' || expected != actual.as_bytes() {
        return Err(damaged(format!(
            "mã SHA-256 của tệp không khớp (ghi {}, tính được {actual}): tệp đã bị thay đổi hoặc hỏng khi sao chép",
            String::from_utf8_lossy(expected)
        )));
    }
    Ok(body)
}

fn staging_dir(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "kiemtra".into());
    let parent = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    parent.join(files::temp_name(&format!("{name}.khoi-phuc")))
}

/// Restores the backup `file` into the new data directory `target` (absent, or an empty
/// folder). Everything is verified before `target` appears; on any refusal nothing is left.
pub fn restore(file: &Path, target: &Path) -> Result<RestoreSummary> {
    restore_with(file, target, None)
}

/// Whether `file` is the backup of an encrypted store: its second member (after the store) is
/// the key file. Read from the first two headers only, so the app can ask for the passphrase
/// before the long check; [`restore_with`] verifies the whole file all the same. A file that is
/// not a backup is `false` here and refused by the verification.
pub fn is_encrypted_backup(file: &Path) -> Result<bool> {
    Ok(backup_key_file(file)?.is_some())
}

/// The key file inside the backup `file`, if it is an encrypted store's (see
/// [`is_encrypted_backup`]).
fn backup_key_file(file: &Path) -> Result<Option<Vec<u8>>> {
    /// A key file is a few hundred bytes; anything larger is no key file.
    const KEY_FILE_MAX: u64 = 64 * 1024;
    let f = File::open(file).map_err(|e| io_error(e, file))?;
    let mut archive = tar::Archive::new(BufReader::new(f));
    let Ok(entries) = archive.entries_with_seek() else {
        return Ok(None);
    };
    for (i, entry) in entries.take(2).enumerate() {
        let Ok(mut entry) = entry else {
            return Ok(None);
        };
        let name = match entry.path() {
            Ok(p) => p.to_string_lossy().into_owned(),
            Err(_) => return Ok(None),
        };
        if i == 0 && name != STORE_FILE {
            return Ok(None);
        }
        if i == 1 {
            if name != crate::crypt::KEY_FILE || entry.size() > KEY_FILE_MAX {
                return Ok(None);
            }
            let mut bytes = Vec::new();
            entry
                .read_to_end(&mut bytes)
                .map_err(|e| io_error(e, file))?;
            return Ok(Some(bytes));
        }
    }
    Ok(None)
}

/// [`restore`]; the backup of an encrypted store is checked with `secret` (the passphrase or
/// the recovery key of the store it was taken from), and stays encrypted.
pub fn restore_with(
    file: &Path,
    target: &Path,
    secret: Option<&crate::crypt::Secret>,
) -> Result<RestoreSummary> {
    let refuse = |reason: &str| Error::RestoreTarget {
        path: target.display().to_string(),
        reason: reason.into(),
    };
    if let Ok(meta) = std::fs::symlink_metadata(target) {
        if !meta.is_dir() {
            return Err(refuse("đã có một tệp mang tên này"));
        }
        let mut entries = std::fs::read_dir(target).map_err(|e| io_error(e, target))?;
        if entries.next().is_some() {
            return Err(refuse(
                "thư mục không trống; hãy chọn một thư mục mới hoặc trống để không ghi đè dữ liệu đang có",
            ));
        }
    }

    // 1. The whole file, against its footer, before anything is written.
    let body = verify_footer(file)?;
    // An encrypted store's backup: its passphrase is checked now, not after unpacking.
    if let Some(key_file) = backup_key_file(file)? {
        let Some(secret) = secret else {
            return Err(Error::BackupLocked {
                path: file.display().to_string(),
            });
        };
        crate::crypt::unlock_key_file(&key_file, secret)?;
    }

    // 2. Unpack into a hidden folder beside the target, each member checked.
    let staging = staging_dir(target);
    if let Some(parent) = staging.parent() {
        files::create_dir_all(parent)?;
    }
    std::fs::create_dir(&staging).map_err(|e| io_error(e, &staging))?;
    let guard = Cleanup(Some(staging.clone()));
    let f = File::open(file).map_err(|e| io_error(e, file))?;
    let mut archive = tar::Archive::new(BufReader::with_capacity(CHUNK, f.take(body)));
    let mut seen: Vec<BackupEntry> = Vec::new();
    let mut manifest: Option<BackupManifest> = None;
    let mut written = Vec::new();
    let mut dirs = BTreeSet::new();
    for entry in archive.entries().map_err(|e| damaged(e.to_string()))? {
        let mut entry = entry.map_err(|e| damaged(e.to_string()))?;
        let name = {
            let path = entry.path().map_err(|e| damaged(e.to_string()))?;
            if path
                .components()
                .any(|c| !matches!(c, Component::Normal(_)))
            {
                return Err(damaged(format!(
                    "thành phần «{}» không được phép",
                    path.display()
                )));
            }
            path.to_string_lossy().into_owned()
        };
        if entry.header().entry_type() != tar::EntryType::Regular {
            return Err(damaged(format!("«{name}» không phải tệp thường")));
        }
        let encrypted = seen.iter().any(|e| e.path == crate::crypt::KEY_FILE);
        let Some(kind) = member_kind(&name, encrypted) else {
            return Err(damaged(format!("thành phần «{name}» không được phép")));
        };
        if seen.iter().any(|e| e.path == name)
            || (matches!(kind, Member::Manifest) && manifest.is_some())
        {
            return Err(damaged(format!("«{name}» có hai lần")));
        }
        if let Member::Manifest = kind {
            let mut bytes = Vec::new();
            (&mut entry)
                .take(16 << 20)
                .read_to_end(&mut bytes)
                .map_err(|e| damaged(e.to_string()))?;
            let m: BackupManifest = serde_json::from_slice(&bytes)
                .map_err(|e| damaged(format!("bảng kê không đọc được: {e}")))?;
            manifest = Some(m);
            continue;
        }
        let dest = staging.join(&name);
        if let Some(parent) = dest.parent() {
            files::create_dir_all(parent)?;
            dirs.insert(parent.to_path_buf());
        }
        let out = File::create(&dest).map_err(|e| io_error(e, &dest))?;
        let mut hashing = Hashing::new(std::io::BufWriter::with_capacity(CHUNK, out));
        std::io::copy(&mut entry, &mut hashing).map_err(|e| io_error(e, &dest))?;
        let (w, sha, size) = hashing.finish();
        let out = w
            .into_inner()
            .map_err(|e| io_error(e.into_error(), &dest))?;
        if let Member::Blob { sha256 } = &kind {
            if !sha256.is_empty() && *sha256 != sha {
                return Err(damaged(format!("«{name}» không khớp mã băm của chính nó")));
            }
        }
        out.sync_all().map_err(|e| io_error(e, &dest))?;
        drop(out);
        if matches!(kind, Member::Blob { .. }) {
            files::set_read_only(&dest);
        }
        written.push(dest);
        seen.push(BackupEntry {
            path: name,
            size,
            sha256: sha,
        });
    }
    let Some(manifest) = manifest else {
        return Err(damaged("không có bảng kê (manifest.json)"));
    };
    if manifest.format != FORMAT {
        return Err(damaged("không phải bản sao lưu của Kiểm tra CCHC"));
    }
    if manifest.version > VERSION {
        return Err(damaged(format!(
            "bản sao lưu do phiên bản mới hơn ghi (định dạng {}); hãy cài phiên bản mới nhất",
            manifest.version
        )));
    }
    let mut listed: Vec<&BackupEntry> = std::iter::once(&manifest.store)
        .chain(&manifest.files)
        .collect();
    listed.sort_by(|a, b| a.path.cmp(&b.path));
    let mut got: Vec<&BackupEntry> = seen.iter().collect();
    got.sort_by(|a, b| a.path.cmp(&b.path));
    if listed != got {
        return Err(damaged("các tệp trong bản sao lưu không khớp bảng kê"));
    }

    // 3. The restored store opens, passes integrity_check, and every file its hash.
    let evidence_checked = {
        let db = Db::open_with(&staging, secret)?;
        let check: String = db
            .conn()
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if check != "ok" {
            return Err(damaged(format!(
                "kho dữ liệu khôi phục không toàn vẹn: {check}"
            )));
        }
        let report = evidence::verify(&db, None)?;
        if let Some(issue) = report.issues.first() {
            return Err(damaged(format!(
                "tài liệu kiểm chứng «{}» không khớp sau khi khôi phục",
                issue.name
            )));
        }
        report.checked
    };
    files::sync_dirs(&dirs, &staging)?;
    files::sync_dir(&staging)?;

    // 4. Into place.
    if target.exists() {
        std::fs::remove_dir(target).map_err(|e| io_error(e, target))?;
    }
    files::rename(&staging, target)?;
    guard.keep();
    if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
        files::sync_dir(parent)?;
    }
    Ok(RestoreSummary {
        data_dir: target.display().to_string(),
        created_at: manifest.created_at,
        schema_version: manifest.schema_version,
        files: manifest.files.len() as u32,
        file_bytes: manifest.files.iter().map(|e| e.size).sum(),
        evidence_checked,
    })
}

/// What `check` found: nothing in every list means the store and its files are whole.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct CheckReport {
    /// `PRAGMA integrity_check`'s lines other than "ok".
    pub store: Vec<String>,
    /// Rows whose reference points at nothing (`PRAGMA foreign_key_check`).
    pub foreign_keys: Vec<String>,
    pub evidence_checked: u32,
    pub evidence: Vec<VerifyIssue>,
    pub documents_checked: u32,
    /// Kept issued documents missing or altered.
    pub documents: Vec<String>,
}

impl CheckReport {
    pub fn ok(&self) -> bool {
        self.store.is_empty()
            && self.foreign_keys.is_empty()
            && self.evidence.is_empty()
            && self.documents.is_empty()
    }
}

/// Checks the store (`integrity_check`, `foreign_key_check`), every evidence file and every
/// kept issued document against their hashes.
pub fn check(db: &Db) -> Result<CheckReport> {
    let conn = db.conn();
    let mut store = Vec::new();
    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    for line in stmt.query_map([], |r| r.get::<_, String>(0))? {
        let line = line?;
        if line != "ok" {
            store.push(line);
        }
    }
    let mut foreign_keys = Vec::new();
    let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
    for row in stmt.query_map([], |r| {
        Ok(format!(
            "bảng {} dòng {} trỏ tới {} không có",
            r.get::<_, String>(0)?,
            r.get::<_, Option<i64>>(1)?
                .map_or("?".into(), |n| n.to_string()),
            r.get::<_, String>(2)?
        ))
    })? {
        foreign_keys.push(row?);
    }
    let verify = evidence::verify(db, None)?;
    let mut documents = Vec::new();
    let mut checked = 0u32;
    let data_dir: &DataDir = db.data_dir();
    let mut stmt = conn.prepare("SELECT number, sha256 FROM notices ORDER BY id")?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
        let (number, sha) = row?;
        checked += 1;
        let path = data_dir.notice_pdf(&sha);
        match data_dir.open_stored(&path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => documents.push(format!(
                "thông báo số {number}: thiếu tệp {}",
                path.display()
            )),
            Err(_) => documents.push(format!(
                "thông báo số {number}: tệp {} đã bị thay đổi (không giải mã được)",
                path.display()
            )),
            Ok(f) => {
                let mut h = Hashing::new(f);
                let actual = match std::io::copy(&mut h, &mut std::io::sink()) {
                    Ok(_) => h.finish().1,
                    Err(_) => "không giải mã được".into(),
                };
                if actual != sha {
                    documents.push(format!(
                        "thông báo số {number}: tệp {} đã bị thay đổi (mã {actual}, đúng ra {sha})",
                        path.display()
                    ));
                }
            }
        }
    }
    Ok(CheckReport {
        store,
        foreign_keys,
        evidence_checked: verify.checked,
        evidence: verify.issues,
        documents_checked: checked,
        documents,
    })
}
