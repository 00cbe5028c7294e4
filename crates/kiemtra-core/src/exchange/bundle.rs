//! The bundle file one laptop writes and another reads: a plain tar (any tool can list it)
//! holding exactly these members, in this order:
//!
//! - `changes.json`: the change log, opaque here (the caller gives and takes bytes);
//! - `evidence/<sha256>`: evidence content, named by the SHA-256 of its bytes (64 lowercase hex);
//! - `manifest.json`: a [`Manifest`], which lists the size and SHA-256 of every member above;
//! - `signature`: the 64-byte Ed25519 signature of the exact `manifest.json` bytes, made with
//!   the key whose public half the manifest carries.
//!
//! The manifest comes last so the writer streams each evidence file once, hashing as it goes.
//! Tar headers are fixed (mtime 0, mode 0644, owner 0, no user names), so writing the same data
//! twice gives the same bytes.
//!
//! [`open_bundle`] does every check before anything reaches a store: only regular files with
//! the names above, each once, within [`Limits`]; evidence copied into a staging folder and
//! hashed on the way; then the manifest parsed, its signature and device id checked, and every
//! member compared with its listing. Any refusal removes what was staged. Whether to trust the
//! key and whether the schema version fits the store are the importer's decisions.

use std::cell::Cell;
use std::collections::{BTreeMap, BTreeSet};
use std::fs::{File, OpenOptions};
use std::io::{self, BufReader, BufWriter, ErrorKind, Read, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::keys::{device_id, hex, DeviceKey, PublicKey, SIGNATURE_LEN};
use crate::error::{Error, Result};
use crate::files::{self, io_error, AtomicFile};

/// The bundle format this version writes and reads.
pub const FORMAT: u32 = 1;
pub const MANIFEST: &str = "manifest.json";
pub const SIGNATURE: &str = "signature";
pub const CHANGES: &str = "changes.json";
/// The folder of evidence members: `evidence/<sha256>`.
pub const EVIDENCE_PREFIX: &str = "evidence/";

const BLOCK: usize = 512;
const SIGNATURE_SIZE: u64 = SIGNATURE_LEN as u64;
/// Zero bytes accepted after the first end-of-archive block: the second one, and padding up to
/// the end of a 10 KiB tar record as other tools write it.
const MAX_TRAILER: u64 = 10240 + BLOCK as u64;
const BUFFER: usize = 256 * 1024;
const REPORT_EVERY: u64 = 1 << 20;

/// What `manifest.json` says: who wrote the bundle, what it covers, and the digest of every
/// other member except the signature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// [`FORMAT`].
    pub format: u32,
    /// The store's schema version when the bundle was written.
    pub schema_version: i64,
    pub created_at: String,
    /// [`device_id`] of the signing key.
    pub device_id: String,
    /// The signing key, 64 lowercase hex digits.
    pub public_key: String,
    /// Who was working on the writing laptop.
    pub profile: Option<ProfileRef>,
    /// Device id → the highest clock of that device the writer had seen (opaque here).
    pub seen: BTreeMap<String, String>,
    pub scope: Scope,
    /// `changes.json` first, then the evidence by hash.
    pub members: Vec<MemberDigest>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileRef {
    pub uid: String,
    pub name: String,
    pub role: String,
}

/// The year and agencies the bundle's work is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scope {
    pub year: i32,
    pub agencies: Vec<String>,
}

/// One member's name, size in bytes and SHA-256 (lowercase hex).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MemberDigest {
    pub name: String,
    pub size: u64,
    pub sha256: String,
}

/// The caller's part of the manifest; the writer adds the format, the key, the device id and the
/// member digests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManifestInput {
    pub schema_version: i64,
    pub created_at: String,
    pub profile: Option<ProfileRef>,
    pub seen: BTreeMap<String, String>,
    pub scope: Scope,
}

/// What [`write_bundle`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleSummary {
    pub manifest: Manifest,
    /// The signing key's fingerprint, to read aloud to the receiver.
    pub fingerprint: String,
    /// The size of the bundle file.
    pub bytes: u64,
    pub evidence_count: usize,
    pub evidence_bytes: u64,
}

/// The most a bundle may hold, checked against each member's header before its bytes are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Any one member.
    pub max_member: u64,
    /// All members together.
    pub max_total: u64,
    /// `manifest.json`, held in memory.
    pub max_manifest: u64,
    /// `changes.json`, held in memory.
    pub max_changes: u64,
}

const MIB: u64 = 1 << 20;
const GIB: u64 = 1 << 30;

impl Default for Limits {
    /// 4 GiB a member, 64 GiB in all, 16 MiB of manifest, 512 MiB of changes.
    fn default() -> Self {
        Limits {
            max_member: 4 * GIB,
            max_total: 64 * GIB,
            max_manifest: 16 * MIB,
            max_changes: 512 * MIB,
        }
    }
}

/// A bundle that passed every check of [`open_bundle`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedBundle {
    pub manifest: Manifest,
    /// The fingerprint of the key that signed it (see [`PublicKey::fingerprint`]).
    pub fingerprint: String,
    pub changes_json: Vec<u8>,
    /// Each evidence member: its SHA-256, where it was staged (`staging_dir/<sha256>`), its size.
    pub evidence: Vec<(String, PathBuf, u64)>,
}

/// Writes a bundle to `out`: `changes_json`, then each evidence file (named by its claimed
/// SHA-256; the same hash given twice is written once), then the signed manifest.
///
/// Each evidence file is streamed, never read whole, and hashed on the way; a file whose
/// content no longer matches its hash is refused ([`Error::BundleEvidenceChanged`]). The bundle
/// is written under a temporary name beside `out`, synced and renamed, so on any error no file
/// is left and an older `out` is untouched. `progress(done, total)` counts content bytes.
pub fn write_bundle(
    out: &Path,
    key: &DeviceKey,
    manifest: ManifestInput,
    changes_json: &[u8],
    evidence: &[(String, PathBuf)],
    progress: &mut dyn FnMut(u64, u64),
) -> Result<BundleSummary> {
    write_bundle_stored(
        out,
        key,
        manifest,
        changes_json,
        evidence,
        &crate::files::DataDir::new(""),
        progress,
    )
}

/// [`write_bundle`] of evidence kept in `stored` (decrypted on the way out of an encrypted
/// store: a bundle carries the plain files, checked by their plain hash).
pub fn write_bundle_stored(
    out: &Path,
    key: &DeviceKey,
    manifest: ManifestInput,
    changes_json: &[u8],
    evidence: &[(String, PathBuf)],
    stored: &crate::files::DataDir,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<BundleSummary> {
    let mut items: Vec<(&str, &Path)> = evidence
        .iter()
        .map(|(sha, path)| (sha.as_str(), path.as_path()))
        .collect();
    if let Some((sha, _)) = items.iter().find(|(sha, _)| !is_sha256(sha.as_bytes())) {
        return Err(Error::invalid(
            "sha256",
            format!("«{sha}» không phải mã SHA-256 (64 chữ số thập lục phân viết thường)"),
        ));
    }
    items.sort_by(|a, b| a.0.cmp(b.0));
    items.dedup_by(|a, b| a.0 == b.0);

    let mut sources = Vec::with_capacity(items.len());
    let mut total = len_u64(changes_json);
    for (sha, path) in items {
        let meta = std::fs::metadata(path).map_err(|e| io_error(e, path))?;
        if !meta.is_file() {
            return Err(io_error(
                io::Error::new(ErrorKind::InvalidInput, "không phải tệp thông thường"),
                path,
            ));
        }
        let len = if stored.is_encrypted() {
            stored
                .stored_plain_len(path)
                .map_err(|e| io_error(e, path))?
        } else {
            meta.len()
        };
        total = total.saturating_add(len);
        sources.push((sha, path, len));
    }
    let mut report = Progress::new(progress, total);

    let file = AtomicFile::create(out)?;
    let tmp = file.temp_path().to_path_buf();
    let write_err = |e: io::Error| io_error(e, &tmp);
    let mut tar = tar::Builder::new(BufWriter::with_capacity(BUFFER, file));

    let mut members = Vec::with_capacity(sources.len() + 1);
    append(&mut tar, CHANGES, len_u64(changes_json), changes_json).map_err(write_err)?;
    members.push(MemberDigest {
        name: CHANGES.into(),
        size: len_u64(changes_json),
        sha256: hex(&Sha256::digest(changes_json)),
    });
    report.advance(len_u64(changes_json));

    let mut evidence_bytes = 0u64;
    for (sha, path, size) in &sources {
        let src: Box<dyn Read> = if stored.is_encrypted() {
            stored.open_stored(path).map_err(|e| io_error(e, path))?
        } else {
            Box::new(BufReader::with_capacity(
                BUFFER,
                files::open_no_follow(path).map_err(|e| io_error(e, path))?,
            ))
        };
        let mut tap = Tap {
            inner: src.take(*size),
            hasher: Sha256::new(),
            count: 0,
            read_failed: false,
            report: &mut report,
        };
        let name = format!("{EVIDENCE_PREFIX}{sha}");
        if let Err(e) = append(&mut tar, &name, *size, &mut tap) {
            return Err(if tap.read_failed {
                io_error(e, path)
            } else {
                write_err(e)
            });
        }
        let got = hex(&tap.hasher.finalize());
        if tap.count != *size || got != *sha {
            return Err(Error::BundleEvidenceChanged {
                sha256: (*sha).to_string(),
                path: path.display().to_string(),
            });
        }
        evidence_bytes += size;
        members.push(MemberDigest {
            name,
            size: *size,
            sha256: got,
        });
    }

    let public = key.public();
    let manifest = Manifest {
        format: FORMAT,
        schema_version: manifest.schema_version,
        created_at: manifest.created_at,
        device_id: device_id(&public),
        public_key: public.to_hex(),
        profile: manifest.profile,
        seen: manifest.seen,
        scope: manifest.scope,
        members,
    };
    let manifest_json = serde_json::to_vec_pretty(&manifest).map_err(|e| Error::BundleFormat {
        reason: format!("không ghi được manifest.json ({e})"),
    })?;
    let signature = key.sign(&manifest_json);
    append(
        &mut tar,
        MANIFEST,
        len_u64(&manifest_json),
        &manifest_json[..],
    )
    .map_err(write_err)?;
    append(&mut tar, SIGNATURE, len_u64(&signature), &signature[..]).map_err(write_err)?;

    let buffered = tar.into_inner().map_err(write_err)?;
    let file = buffered
        .into_inner()
        .map_err(|e| write_err(e.into_error()))?;
    file.commit(false)?;
    report.finish();

    let bytes = std::fs::metadata(out).map_err(|e| io_error(e, out))?.len();
    Ok(BundleSummary {
        fingerprint: public.fingerprint(),
        bytes,
        evidence_count: sources.len(),
        evidence_bytes,
        manifest,
    })
}

/// Reads and verifies the bundle at `path`, copying its evidence into `staging_dir` (created if
/// needed; this call owns the names it writes there). Nothing is returned, and nothing is left
/// staged, unless every check passed:
///
/// - each member is a regular file named `manifest.json`, `signature`, `changes.json` or
///   `evidence/<64 lowercase hex>`, present once ([`Error::BundleMemberRefused`]);
/// - sizes stay within `limits` ([`Error::BundleTooLarge`]);
/// - the file is whole: every header, every member's bytes, the end-of-archive block
///   ([`Error::BundleTruncated`]);
/// - evidence hashes to its name, the signature verifies with the manifest's key, the device id
///   is that key's, every member matches its listing ([`Error::BundleCorrupt`]);
/// - the manifest is format [`FORMAT`] and has the expected fields ([`Error::BundleFormat`]).
///
/// `progress(done, total)` counts bytes of the file read.
pub fn open_bundle(
    path: &Path,
    staging_dir: &Path,
    limits: &Limits,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<VerifiedBundle> {
    let file = File::open(path).map_err(|e| io_error(e, path))?;
    let meta = file.metadata().map_err(|e| io_error(e, path))?;
    if !meta.is_file() {
        return Err(io_error(
            io::Error::new(ErrorKind::InvalidInput, "không phải tệp thông thường"),
            path,
        ));
    }
    let mut staging = Staging::new(staging_dir)?;
    let eof = Cell::new(false);
    let read_failed = Cell::new(false);
    let mut report = Progress::new(progress, meta.len());
    let counted = Counted {
        inner: BufReader::with_capacity(BUFFER, file),
        eof: &eof,
        failed: &read_failed,
        report: &mut report,
    };
    // What a failed read of the archive means: the disk failed, the file ended, or the bytes
    // are not a tar.
    let fail = |e: io::Error| -> Error {
        if read_failed.get() {
            io_error(e, path)
        } else if eof.get() {
            truncated("tệp kết thúc giữa chừng")
        } else {
            corrupt(format!("cấu trúc tệp không hợp lệ ({e})"))
        }
    };

    let mut archive = tar::Archive::new(counted);
    let mut got = Members::default();
    let mut names = BTreeSet::new();
    let mut total = 0u64;
    let entries = archive.entries().map_err(fail)?.raw(true);
    for entry in entries {
        let mut entry = entry.map_err(fail)?;
        let raw_name = entry.header().path_bytes().into_owned();
        let shown = show_name(&raw_name);
        let refuse = |reason: &str| Error::BundleMemberRefused {
            name: shown.clone(),
            reason: reason.to_string(),
        };
        if entry.header().entry_type() != tar::EntryType::Regular {
            return Err(refuse(
                "không phải tệp thông thường (liên kết, thư mục hoặc loại đặc biệt)",
            ));
        }
        let Some(kind) = member_kind(&raw_name) else {
            return Err(refuse(
                "tên không thuộc các tên được phép (manifest.json, signature, changes.json, evidence/<mã SHA-256>)",
            ));
        };
        if !names.insert(raw_name.clone()) {
            return Err(refuse("xuất hiện hai lần"));
        }
        let size = entry.size();
        let too_large = |limit: u64| Error::BundleTooLarge {
            name: shown.clone(),
            size,
            limit,
        };
        if size > limits.max_member {
            return Err(too_large(limits.max_member));
        }
        total = total.saturating_add(size);
        if total > limits.max_total {
            return Err(Error::BundleTooLarge {
                name: "toàn bộ tệp trao đổi".into(),
                size: total,
                limit: limits.max_total,
            });
        }
        match kind {
            Kind::Manifest if size > limits.max_manifest => {
                return Err(too_large(limits.max_manifest));
            }
            Kind::Changes if size > limits.max_changes => {
                return Err(too_large(limits.max_changes));
            }
            Kind::Signature if size != SIGNATURE_SIZE => {
                return Err(corrupt(format!(
                    "chữ ký dài {size} byte, phải đúng {SIGNATURE_LEN} byte"
                )));
            }
            _ => {}
        }
        let short = || truncated(&format!("thành phần «{shown}» bị cắt ngắn"));
        match kind {
            Kind::Evidence(sha) => {
                let tmp = staging.track(staging_dir.join(files::temp_name("evidence")));
                let mut out = OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .open(&tmp)
                    .map_err(|e| io_error(e, &tmp))?;
                let (n, digest) = copy_hashed(&mut entry, &mut out, &tmp, &fail)?;
                drop(out);
                if n != size {
                    return Err(short());
                }
                if digest != sha {
                    return Err(corrupt(format!(
                        "nội dung của «{shown}» không khớp mã băm trong tên"
                    )));
                }
                let staged = staging.track(staging_dir.join(&sha));
                files::rename(&tmp, &staged)?;
                got.present.insert(shown.clone(), (size, digest));
                got.evidence.push((sha, staged, size));
            }
            kind => {
                let mut bytes = Vec::new();
                let (n, digest) = copy_hashed(&mut entry, &mut bytes, path, &fail)?;
                if n != size {
                    return Err(short());
                }
                match kind {
                    Kind::Manifest => got.manifest = Some(bytes),
                    Kind::Signature => got.signature = Some(bytes),
                    _ => {
                        got.present.insert(shown.clone(), (size, digest));
                        got.changes = Some(bytes);
                    }
                }
            }
        }
    }
    let mut rest = archive.into_inner();
    check_end(&mut rest, &eof, path)?;
    drop(rest);

    let verified = verify(got)?;
    if !verified.evidence.is_empty() {
        let staged: Vec<PathBuf> = verified.evidence.iter().map(|e| e.1.clone()).collect();
        files::sync_files(&staged, staging_dir)?;
        files::sync_dir(staging_dir)?;
    }
    staging.keep();
    report.finish();
    Ok(verified)
}

/// The members read, before the manifest is checked.
#[derive(Default)]
struct Members {
    manifest: Option<Vec<u8>>,
    signature: Option<Vec<u8>>,
    changes: Option<Vec<u8>>,
    /// Every member the manifest must list: name → (size, sha256).
    present: BTreeMap<String, (u64, String)>,
    evidence: Vec<(String, PathBuf, u64)>,
}

/// The checks that need the whole bundle: the manifest's format, signature, device id, and its
/// listing against what was present.
fn verify(got: Members) -> Result<VerifiedBundle> {
    let manifest_json = got
        .manifest
        .ok_or_else(|| truncated("thiếu manifest.json"))?;
    let signature = got
        .signature
        .ok_or_else(|| truncated("thiếu chữ ký (signature)"))?;

    // Not JSON at all is damage; JSON of another shape or format is a format question.
    let value: serde_json::Value = serde_json::from_slice(&manifest_json)
        .map_err(|e| corrupt(format!("manifest.json không đọc được ({e})")))?;
    let format = value
        .get("format")
        .and_then(serde_json::Value::as_u64)
        .ok_or_else(|| bad_format("manifest.json không ghi số định dạng".into()))?;
    if format != u64::from(FORMAT) {
        return Err(bad_format(if format > u64::from(FORMAT) {
            format!(
                "tệp do phiên bản mới hơn của ứng dụng tạo (định dạng {format}; phiên bản này đọc được định dạng {FORMAT}). Hãy cài phiên bản mới nhất của Kiểm tra CCHC"
            )
        } else {
            format!("định dạng {format} không được hỗ trợ (phiên bản này đọc định dạng {FORMAT})")
        }));
    }
    let public = value
        .get("public_key")
        .and_then(serde_json::Value::as_str)
        .and_then(|h| PublicKey::from_hex(h).ok())
        .ok_or_else(|| corrupt("khóa công khai trong manifest.json không hợp lệ".into()))?;
    public.verify(&manifest_json, &signature).map_err(|_| {
        corrupt(
            "chữ ký không khớp với manifest.json (nội dung đã bị thay đổi, hoặc khóa công khai bị tráo)"
                .into(),
        )
    })?;
    let manifest: Manifest = serde_json::from_slice(&manifest_json)
        .map_err(|e| bad_format(format!("manifest.json không đúng cấu trúc ({e})")))?;
    let expected_id = device_id(&public);
    if manifest.device_id != expected_id {
        return Err(corrupt(format!(
            "mã thiết bị «{}» trong manifest.json không khớp khóa công khai (phải là «{expected_id}»)",
            manifest.device_id
        )));
    }

    let mut listed = BTreeMap::new();
    for m in &manifest.members {
        let valid = matches!(
            member_kind(m.name.as_bytes()),
            Some(Kind::Changes | Kind::Evidence(_))
        );
        if !valid || listed.insert(m.name.as_str(), m).is_some() {
            return Err(bad_format(format!(
                "manifest.json liệt kê thành phần «{}» không hợp lệ hoặc hai lần",
                show_name(m.name.as_bytes())
            )));
        }
    }
    if !listed.contains_key(CHANGES) {
        return Err(bad_format(
            "manifest.json không liệt kê changes.json".into(),
        ));
    }
    for (name, (size, sha)) in &got.present {
        match listed.get(name.as_str()) {
            None => {
                return Err(Error::BundleMemberRefused {
                    name: name.clone(),
                    reason: "không có trong danh sách của manifest.json".into(),
                })
            }
            Some(m) if m.size != *size || m.sha256 != *sha => {
                return Err(corrupt(format!(
                    "thành phần «{name}» không khớp kích thước hoặc mã băm ghi trong manifest.json"
                )))
            }
            Some(_) => {}
        }
    }
    if let Some(name) = listed.keys().find(|name| !got.present.contains_key(**name)) {
        return Err(truncated(&format!("thiếu thành phần «{name}»")));
    }
    let changes_json = got.changes.ok_or_else(|| truncated("thiếu changes.json"))?;
    Ok(VerifiedBundle {
        fingerprint: public.fingerprint(),
        manifest,
        changes_json,
        evidence: got.evidence,
    })
}

/// After the tar reader stopped: it must have stopped on an end-of-archive block (not at the end
/// of the file), followed by one more zero block and at most a record's worth of zeros.
fn check_end<R: Read>(rest: &mut R, eof: &Cell<bool>, path: &Path) -> Result<()> {
    if eof.get() {
        return Err(truncated("thiếu phần kết thúc của tệp"));
    }
    let mut tail = Vec::new();
    rest.take(MAX_TRAILER + 1)
        .read_to_end(&mut tail)
        .map_err(|e| io_error(e, path))?;
    if tail.iter().any(|b| *b != 0) || len_u64(&tail) > MAX_TRAILER {
        return Err(corrupt("có dữ liệu lạ sau phần kết thúc của tệp".into()));
    }
    if tail.len() < BLOCK {
        return Err(truncated("thiếu phần kết thúc của tệp"));
    }
    Ok(())
}

/// Copies `src` to `dst` while hashing; returns the bytes copied and their SHA-256.
fn copy_hashed(
    src: &mut dyn Read,
    dst: &mut dyn Write,
    dst_path: &Path,
    fail: &dyn Fn(io::Error) -> Error,
) -> Result<(u64, String)> {
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; BUFFER];
    let mut n = 0u64;
    loop {
        let got = match src.read(&mut buf) {
            Ok(0) => break,
            Ok(got) => got,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(e) => return Err(fail(e)),
        };
        let chunk = buf.get(..got).unwrap_or_default();
        hasher.update(chunk);
        dst.write_all(chunk).map_err(|e| io_error(e, dst_path))?;
        n += len_u64(chunk);
    }
    Ok((n, hex(&hasher.finalize())))
}

/// Appends one member with the fixed header: regular file, mode 0644, owner 0, mtime 0.
fn append<W: Write>(
    tar: &mut tar::Builder<W>,
    name: &str,
    size: u64,
    data: impl Read,
) -> io::Result<()> {
    let mut header = tar::Header::new_ustar();
    let field = &mut header
        .as_ustar_mut()
        .ok_or_else(|| io::Error::other("tiêu đề ustar"))?
        .name;
    let bytes = name.as_bytes();
    if bytes.len() > field.len() {
        return Err(io::Error::other(format!("tên thành phần quá dài: {name}")));
    }
    field[..bytes.len()].copy_from_slice(bytes);
    header.set_entry_type(tar::EntryType::Regular);
    header.set_size(size);
    header.set_mode(0o644);
    header.set_uid(0);
    header.set_gid(0);
    header.set_mtime(0);
    header.set_cksum();
    tar.append(&header, data)
}

enum Kind {
    Manifest,
    Signature,
    Changes,
    Evidence(String),
}

/// The member a name stands for, if it is exactly one of the allowed names.
fn member_kind(name: &[u8]) -> Option<Kind> {
    match name {
        b"manifest.json" => Some(Kind::Manifest),
        b"signature" => Some(Kind::Signature),
        b"changes.json" => Some(Kind::Changes),
        _ => name
            .strip_prefix(EVIDENCE_PREFIX.as_bytes())
            .filter(|h| is_sha256(h))
            .map(|h| Kind::Evidence(String::from_utf8_lossy(h).into_owned())),
    }
}

/// 64 lowercase hex digits.
fn is_sha256(s: &[u8]) -> bool {
    s.len() == 64 && s.iter().all(|c| matches!(c, b'0'..=b'9' | b'a'..=b'f'))
}

/// A member name as it may be shown: control characters replaced, cut at 200 characters.
fn show_name(raw: &[u8]) -> String {
    String::from_utf8_lossy(raw)
        .chars()
        .map(|c| if c.is_control() { '?' } else { c })
        .take(200)
        .collect()
}

fn len_u64(b: &[u8]) -> u64 {
    u64::try_from(b.len()).unwrap_or(u64::MAX)
}

fn corrupt(reason: String) -> Error {
    Error::BundleCorrupt { reason }
}

fn truncated(reason: &str) -> Error {
    Error::BundleTruncated {
        reason: reason.to_string(),
    }
}

fn bad_format(reason: String) -> Error {
    Error::BundleFormat { reason }
}

/// Reports progress at most once a MiB, and once at the end.
struct Progress<'a> {
    f: &'a mut dyn FnMut(u64, u64),
    done: u64,
    reported: u64,
    total: u64,
}

impl<'a> Progress<'a> {
    fn new(f: &'a mut dyn FnMut(u64, u64), total: u64) -> Self {
        f(0, total);
        Progress {
            f,
            done: 0,
            reported: 0,
            total,
        }
    }

    fn advance(&mut self, n: u64) {
        self.done = self.done.saturating_add(n);
        if self.done - self.reported >= REPORT_EVERY {
            self.reported = self.done;
            (self.f)(self.done.min(self.total), self.total);
        }
    }

    fn finish(&mut self) {
        (self.f)(self.total, self.total);
    }
}

/// The writer's view of an evidence file: hashes and counts what the tar builder reads.
struct Tap<'a, 'b, R> {
    inner: R,
    hasher: Sha256,
    count: u64,
    read_failed: bool,
    report: &'a mut Progress<'b>,
}

impl<R: Read> Read for Tap<'_, '_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self.inner.read(buf) {
            Ok(n) => {
                let chunk = buf.get(..n).unwrap_or_default();
                self.hasher.update(chunk);
                self.count += len_u64(chunk);
                self.report.advance(len_u64(chunk));
                Ok(n)
            }
            Err(e) => {
                self.read_failed = e.kind() != ErrorKind::Interrupted;
                Err(e)
            }
        }
    }
}

/// The reader's view of the bundle file: notes the end of the file and read failures, and
/// reports progress.
struct Counted<'a, 'b, R> {
    inner: R,
    eof: &'a Cell<bool>,
    failed: &'a Cell<bool>,
    report: &'a mut Progress<'b>,
}

impl<R: Read> Read for Counted<'_, '_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self.inner.read(buf) {
            Ok(0) if !buf.is_empty() => {
                self.eof.set(true);
                Ok(0)
            }
            Ok(n) => {
                self.report.advance(u64::try_from(n).unwrap_or(u64::MAX));
                Ok(n)
            }
            Err(e) => {
                if e.kind() != ErrorKind::Interrupted {
                    self.failed.set(true);
                }
                Err(e)
            }
        }
    }
}

/// What a read put into the staging folder, removed again unless [`Staging::keep`] is called.
struct Staging {
    dir: PathBuf,
    created_dir: bool,
    paths: Vec<PathBuf>,
    keep: bool,
}

impl Staging {
    fn new(dir: &Path) -> Result<Self> {
        let created_dir = !dir.exists();
        files::create_dir_all(dir)?;
        Ok(Staging {
            dir: dir.to_path_buf(),
            created_dir,
            paths: Vec::new(),
            keep: false,
        })
    }

    /// Notes `path` as written by this read; returns it.
    fn track(&mut self, path: PathBuf) -> PathBuf {
        self.paths.push(path.clone());
        path
    }

    fn keep(&mut self) {
        self.keep = true;
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if self.keep {
            return;
        }
        for p in &self.paths {
            let _ = std::fs::remove_file(p);
        }
        if self.created_dir {
            let _ = std::fs::remove_dir(&self.dir);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_exact_member_names_are_allowed() {
        let sha = "a".repeat(64);
        for ok in [
            "manifest.json".to_string(),
            "signature".into(),
            "changes.json".into(),
            format!("evidence/{sha}"),
        ] {
            assert!(member_kind(ok.as_bytes()).is_some(), "{ok}");
        }
        for bad in [
            "../x".to_string(),
            "/etc/x".into(),
            "./manifest.json".into(),
            "manifest.json/".into(),
            "evidence\\x".into(),
            format!("evidence/{}", "A".repeat(64)),
            format!("evidence/{}", "a".repeat(63)),
            format!("evidence/{sha}/x"),
            format!("evidence//{sha}"),
            "evidence/".into(),
            "".into(),
        ] {
            assert!(member_kind(bad.as_bytes()).is_none(), "{bad}");
        }
    }

    #[test]
    fn a_shown_member_name_has_no_control_characters() {
        assert_eq!(show_name(b"a\nb\x1b[31m"), "a?b?[31m");
        assert_eq!(show_name(&[b'x'; 500]).len(), 200);
    }
}
