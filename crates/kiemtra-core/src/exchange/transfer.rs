//! Exporting and importing bundles. Each side is split so that the long part — streaming,
//! hashing, verifying, copying evidence — runs without the store: an export reads what to send
//! under the store lock ([`prepare_export`]) and writes the file after ([`write_export`]); an
//! import verifies the file first ([`read_bundle`]) and takes the store only to apply it
//! ([`apply_bundle`]), in one transaction.

use std::path::{Path, PathBuf};

use serde::Serialize;
use ts_rs::TS;

use super::bundle::{self, Limits, ManifestInput, ProfileRef, Scope, VerifiedBundle};
use super::device;
use super::keys::{DeviceKey, PublicKey};
use super::log::{self, Author, ChangeRecord};
use super::merge::{self, MergeReport};
use crate::audit::{self, Change};
use crate::db::{Db, SCHEMA_VERSION};
use crate::error::{Error, Result};
use crate::files::DataDir;

/// Everything an export needs, read under the store lock.
pub struct ExportPlan {
    key: DeviceKey,
    manifest: ManifestInput,
    changes_json: Vec<u8>,
    changes: usize,
    /// (SHA-256, where the file is in the store).
    blobs: Vec<(String, PathBuf)>,
    /// Where they are, and how to read them (decrypted, in an encrypted store).
    data_dir: DataDir,
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ExportSummary {
    pub file: String,
    pub changes: u32,
    pub files: u32,
    #[ts(type = "number")]
    pub bytes: u64,
    pub fingerprint: String,
}

/// Logs the state of the year (and agencies) and reads the changes and files to send.
pub fn prepare_export(db: &mut Db, year: i32, agencies: &[String]) -> Result<ExportPlan> {
    let agencies: Vec<String> = agencies.iter().map(|a| a.trim().to_string()).collect();
    for a in &agencies {
        crate::agency::get(db.conn(), a)?;
    }
    let now = db.now().timestamp_millis();
    let created_at = db.now_text();
    let data_dir = db.data_dir().clone();
    db.write(|tx| {
        let author = Author::current(tx, now)?;
        merge::note_scope(tx, &author, year, &agencies)?;
        let changes = log::in_scope(tx, year, &agencies)?;
        let mut blobs: Vec<(String, PathBuf)> = Vec::new();
        for c in &changes {
            if let Some(sha) = c.value.blob() {
                if !blobs.iter().any(|(s, _)| s == sha) {
                    blobs.push((sha.to_string(), blob_path(&data_dir, &c.value)));
                }
            }
        }
        let profile = crate::profile::current(tx)?.map(|p| ProfileRef {
            uid: p.uid,
            name: p.name,
            role: p.role.as_str().to_string(),
        });
        let changes_json =
            serde_json::to_vec(&changes).map_err(|e| Error::invalid("changes", e.to_string()))?;
        Ok(ExportPlan {
            key: device::key(tx)?,
            manifest: ManifestInput {
                schema_version: SCHEMA_VERSION,
                created_at,
                profile,
                seen: log::seen(tx)?,
                scope: Scope { year, agencies },
            },
            changes: changes.len(),
            changes_json,
            blobs,
            data_dir: data_dir.clone(),
        })
    })
}

/// Where the store keeps the file a unit needs: evidence in the evidence store, issued notices
/// with the kept documents.
fn blob_path(data_dir: &DataDir, v: &super::units::Value) -> PathBuf {
    match v {
        super::units::Value::Notice(n) => data_dir.notice_pdf(&n.sha256),
        other => data_dir.evidence_blob(other.blob().unwrap_or_default()),
    }
}

/// Writes the bundle file (no store needed).
pub fn write_export(
    plan: &ExportPlan,
    out: &Path,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<ExportSummary> {
    let s = bundle::write_bundle_stored(
        out,
        &plan.key,
        plan.manifest.clone(),
        &plan.changes_json,
        &plan.blobs,
        &plan.data_dir,
        progress,
    )?;
    Ok(ExportSummary {
        file: out.display().to_string(),
        changes: plan.changes as u32,
        files: s.evidence_count as u32,
        bytes: s.bytes,
        fingerprint: s.fingerprint,
    })
}

/// Export in one call (the CLI): prepare under the store, then write.
pub fn export(db: &mut Db, year: i32, agencies: &[String], out: &Path) -> Result<ExportSummary> {
    let plan = prepare_export(db, year, agencies)?;
    write_export(&plan, out, &mut |_, _| {})
}

/// A verified bundle, staged in the data directory's temporary folder; the staging is removed
/// when it is dropped.
pub struct ReadBundle {
    pub bundle: VerifiedBundle,
    pub changes: Vec<ChangeRecord>,
    staging: PathBuf,
}

impl Drop for ReadBundle {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.staging);
    }
}

/// Who sent a bundle.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Sender {
    pub device_id: String,
    pub fingerprint: String,
    pub profile: Option<String>,
}

impl ReadBundle {
    pub fn sender(&self) -> Sender {
        Sender {
            device_id: self.bundle.manifest.device_id.clone(),
            fingerprint: self.bundle.fingerprint.clone(),
            profile: self
                .bundle
                .manifest
                .profile
                .as_ref()
                .map(|p| p.name.clone()),
        }
    }
}

/// Reads and verifies a bundle without the store: signature, member hashes and names, sizes,
/// evidence hashed while copied into staging, the changes well formed. Refused as a whole on
/// any failure, with nothing staged left behind.
pub fn read_bundle(
    data_dir: &DataDir,
    path: &Path,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<ReadBundle> {
    let staging = data_dir
        .tmp()
        .join(format!("bundle-{}", crate::uid::random()));
    crate::files::create_dir_all(&staging)?;
    let cleanup = |e: Error| {
        let _ = std::fs::remove_dir_all(&staging);
        e
    };
    let bundle =
        bundle::open_bundle(path, &staging, &Limits::default(), progress).map_err(cleanup)?;
    if bundle.manifest.schema_version > SCHEMA_VERSION {
        return Err(cleanup(Error::BundleFormat {
            reason: format!(
                "tệp do phiên bản mới hơn của ứng dụng tạo (phiên bản dữ liệu {}, máy này đọc được đến {SCHEMA_VERSION}); hãy cập nhật ứng dụng",
                bundle.manifest.schema_version
            ),
        }));
    }
    let changes: Vec<ChangeRecord> = serde_json::from_slice(&bundle.changes_json).map_err(|e| {
        cleanup(Error::BundleFormat {
            reason: format!("danh sách thay đổi không đọc được ({e})"),
        })
    })?;
    merge::check(&changes).map_err(cleanup)?;
    Ok(ReadBundle {
        bundle,
        changes,
        staging,
    })
}

/// What an import did, or a preview says it would do.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ImportReport {
    pub from: Sender,
    /// Whether the sender's device was already trusted here.
    pub trusted: bool,
    #[serde(flatten)]
    #[ts(flatten)]
    pub merge: MergeReport,
}

/// Applies a read bundle in one transaction. An unknown device is refused with its fingerprint
/// unless `trust` is given (then it is remembered); a known device id with another key is
/// refused. `preview` runs the same merge and rolls it back: the summary shown before applying.
pub fn apply_bundle(
    db: &mut Db,
    read: &ReadBundle,
    trust: bool,
    preview: bool,
) -> Result<ImportReport> {
    let m = &read.bundle.manifest;
    let public = PublicKey::from_hex(&m.public_key)?;
    let own = device::id(db.conn())?;
    let known = device::trusted_key(db.conn(), &m.device_id)?;
    let trusted = m.device_id == own || known.is_some();
    if let Some(k) = &known {
        if *k != m.public_key {
            return Err(Error::DeviceKeyChanged {
                device: m.device_id.clone(),
                fingerprint: read.bundle.fingerprint.clone(),
            });
        }
    }
    if !trusted && !trust && !preview {
        return Err(Error::UntrustedDevice {
            device: m.device_id.clone(),
            fingerprint: read.bundle.fingerprint.clone(),
            profile: m
                .profile
                .as_ref()
                .map(|p| p.name.clone())
                .unwrap_or_default(),
        });
    }
    // Files the changes need: staged from the bundle, or already in the store.
    let data_dir = db.data_dir().clone();
    let staged: std::collections::BTreeMap<&str, &PathBuf> = read
        .bundle
        .evidence
        .iter()
        .map(|(sha, p, _)| (sha.as_str(), p))
        .collect();
    let now = db.now().timestamp_millis();
    let at = db.now_text();
    let scope_year = m.scope.year;
    let agencies = m.scope.agencies.clone();
    let run = |tx: &rusqlite::Transaction<'_>| -> Result<MergeReport> {
        let author = Author::current(tx, now)?;
        // Local edits not yet logged take part in the merge as this laptop's changes.
        merge::note_scope(tx, &author, scope_year, &agencies)?;
        let has_blob = |sha: &str| {
            staged.contains_key(sha)
                || data_dir.evidence_blob(sha).exists()
                || data_dir.notice_pdf(sha).exists()
        };
        let report = merge::apply_changes(tx, read.changes.clone(), &has_blob)?;
        if !trusted {
            device::trust(
                tx,
                &m.device_id,
                &public,
                m.profile.as_ref().map(|p| p.name.as_str()),
                &at,
                author.profile_name.as_deref(),
            )?;
        } else if m.device_id != own {
            device::trust(
                tx,
                &m.device_id,
                &public,
                m.profile.as_ref().map(|p| p.name.as_str()),
                &at,
                None,
            )?;
        }
        audit::record(
            tx,
            &at,
            author.profile_name.as_deref(),
            Change {
                action: "bundle.import",
                entity: "device",
                key: &m.device_id,
                old: None,
                new: Some(serde_json::json!({
                    "fingerprint": read.bundle.fingerprint,
                    "profile": m.profile.as_ref().map(|p| &p.name),
                    "applied": report.applied,
                    "unchanged": report.unchanged,
                    "conflicts": report.conflicts,
                    "refused": report.refused,
                })),
            },
        )?;
        Ok(report)
    };
    let merge = if preview {
        db.preview(run)?
    } else {
        // Files first: content-addressed, so a file published for an import that then fails
        // is only an unused copy, never a wrong one.
        publish(&data_dir, read)?;
        db.write(run)?
    };
    Ok(ImportReport {
        from: read.sender(),
        trusted,
        merge,
    })
}

/// Moves the staged files into the store: evidence by hash, notices with the kept documents.
fn publish(data_dir: &DataDir, read: &ReadBundle) -> Result<()> {
    let notices: std::collections::BTreeSet<&str> = read
        .changes
        .iter()
        .filter_map(|c| match &c.value {
            super::units::Value::Notice(n) => Some(n.sha256.as_str()),
            _ => None,
        })
        .collect();
    let evidence: std::collections::BTreeSet<&str> = read
        .changes
        .iter()
        .filter_map(|c| match &c.value {
            super::units::Value::Evidence(e) => Some(e.sha256.as_str()),
            _ => None,
        })
        .collect();
    for (sha, staged, _) in &read.bundle.evidence {
        let mut targets = Vec::new();
        if evidence.contains(sha.as_str()) {
            targets.push(data_dir.evidence_blob(sha));
        }
        if notices.contains(sha.as_str()) {
            targets.push(data_dir.notice_pdf(sha));
        }
        let mut from: Option<PathBuf> = None;
        for target in targets {
            if target.exists() {
                continue;
            }
            if let Some(dir) = target.parent() {
                crate::files::create_dir_all(dir)?;
            }
            if data_dir.is_encrypted() {
                // The bundle's file is plain: it is encrypted on its way in.
                let mut src =
                    std::fs::File::open(staged).map_err(|e| crate::files::io_error(e, staged))?;
                let mut file = crate::files::AtomicFile::create(&target)?;
                let mut w = data_dir
                    .key()
                    .map(|k| k.sealer(&mut file))
                    .transpose()
                    .map_err(|e| crate::files::write_error(e, &target))?
                    .ok_or_else(|| Error::invalid("mã hoá", "thiếu khoá dữ liệu"))?;
                std::io::copy(&mut src, &mut w)
                    .and_then(|_| w.finish().map(|_| ()))
                    .map_err(|e| crate::files::write_error(e, &target))?;
                file.commit(true)?;
                continue;
            }
            match &from {
                // Same filesystem (the staging is in the data directory): a rename, not a copy.
                None => {
                    crate::files::sync_file(
                        &std::fs::File::open(staged)
                            .map_err(|e| crate::files::io_error(e, staged))?,
                        staged,
                    )?;
                    crate::files::rename(staged, &target)?;
                }
                Some(first) => {
                    std::fs::copy(first, &target)
                        .map_err(|e| crate::files::io_error(e, &target))?;
                    crate::files::sync_file(
                        &std::fs::File::open(&target)
                            .map_err(|e| crate::files::io_error(e, &target))?,
                        &target,
                    )?;
                }
            }
            crate::files::set_read_only(&target);
            if let Some(dir) = target.parent() {
                crate::files::sync_dir(dir)?;
            }
            from = Some(target);
        }
    }
    Ok(())
}

/// Import in one call (the CLI): read and verify, then apply.
pub fn import(db: &mut Db, path: &Path, trust: bool) -> Result<ImportReport> {
    let read = read_bundle(db.data_dir(), path, &mut |_, _| {})?;
    apply_bundle(db, &read, trust, false)
}

/// Keeps one side of a conflict (team lead only), audit-logged.
pub fn resolve(db: &mut Db, id: &str, keep: merge::Keep) -> Result<super::units::Value> {
    let now = db.now().timestamp_millis();
    let at = db.now_text();
    db.write(|tx| {
        let lead = crate::profile::require_lead(tx, "giải quyết xung đột")?;
        let author = Author::current(tx, now)?;
        let before = merge::conflicts(tx, None)?.into_iter().find(|c| c.id == id);
        let kept = merge::resolve(tx, &author, id, keep)?;
        audit::record(
            tx,
            &at,
            Some(&lead.name),
            Change {
                action: "conflict.resolve",
                entity: "unit",
                key: id,
                old: before
                    .map(|c| serde_json::json!({ "ours": c.ours.value, "theirs": c.theirs.value })),
                new: Some(serde_json::json!({ "keep": keep, "value": kept })),
            },
        )?;
        Ok(kept)
    })
}
