//! Encryption at rest. A store is either plain or encrypted; an encrypted one has a key file
//! (`kiemtra.key`) beside the SQLite file, and everything else in the data directory that holds
//! the user's data is ciphertext:
//!
//! - the store through SQLCipher, keyed with a key derived from the random **data key**;
//! - each evidence file and kept issued document with XChaCha20-Poly1305 in the STREAM
//!   construction (64 KiB chunks, each authenticated, the last one marked, so a file cut short,
//!   reordered or altered is refused), under a name that is an HMAC of its SHA-256 (the plain
//!   hash is never visible in a file name).
//!
//! The data key is stored only wrapped: once by a key derived from the user's passphrase with
//! Argon2id, once by a key derived the same way from a **recovery key** shown to the lead when
//! it is made. Changing the passphrase re-wraps the data key and rewrites nothing else; a new
//! recovery key replaces the old one. A wrong passphrase is found out from the key file alone
//! (its authentication tag), before the store file is opened, so it changes no byte.
//!
//! [`encrypt`] converts a plain store: everything is written, encrypted, into a staging folder
//! in the data directory; renaming that folder is the commit point; the files are then moved
//! into place, and a conversion interrupted at any moment is rolled back (before the commit
//! point) or finished (after it) the next time the store is opened ([`recover`]).

use std::fmt;
use std::fs::File;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use chacha20poly1305::aead::stream::{DecryptorBE32, EncryptorBE32};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hmac::{Hmac, Mac};
use rand_core::{OsRng, RngCore};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::files::{self, DataDir};
use crate::text::nfc;

/// The key file's name in the data directory: its presence makes the store encrypted.
pub const KEY_FILE: &str = "kiemtra.key";
/// A conversion being written (not yet committed): removed when found.
const STAGING: &str = ".kiemtra-ma-hoa";
/// A committed conversion whose files are being moved into place: finished when found.
const READY: &str = ".kiemtra-ma-hoa-xong";
/// The plain files a finished conversion replaced, removed once it is done.
const OLD: &str = ".kiemtra-ban-ro-cu";

const MAGIC: &[u8; 8] = b"KTENC01\n";
const NONCE_PREFIX: usize = 19;
/// Bytes before the first chunk: the magic and the STREAM nonce prefix.
pub const HEADER: u64 = (MAGIC.len() + NONCE_PREFIX) as u64;
const CHUNK: usize = 64 * 1024;
const TAG: usize = 16;

/// The shortest passphrase accepted (characters).
pub const MIN_PASSPHRASE: usize = 8;

/// Argon2id cost: 64 MiB, 3 passes, one lane (OWASP's first recommended setting).
const KDF_MEMORY_KIB: u32 = 64 * 1024;
const KDF_ITERATIONS: u32 = 3;
const KDF_PARALLELISM: u32 = 1;

/// The random key everything is encrypted with. Never written anywhere unwrapped; zeroed when
/// dropped; its Debug shows nothing.
#[derive(Clone)]
pub struct DataKey {
    key: Zeroizing<[u8; 32]>,
}

impl fmt::Debug for DataKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("DataKey(…)")
    }
}

impl DataKey {
    pub(crate) fn generate() -> Self {
        let mut key = Zeroizing::new([0u8; 32]);
        OsRng.fill_bytes(key.as_mut());
        DataKey { key }
    }

    /// A key for one purpose, derived from the data key (HMAC-SHA256 over the purpose's label),
    /// so no two uses share a key.
    fn derive(&self, label: &str) -> Zeroizing<[u8; 32]> {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(self.key.as_ref())
            .unwrap_or_else(|_| unreachable!("HMAC takes a key of any length"));
        mac.update(label.as_bytes());
        let mut out = Zeroizing::new([0u8; 32]);
        out.copy_from_slice(&mac.finalize().into_bytes());
        out
    }

    /// SQLCipher's raw-key form (`x'…'`), which skips its own key derivation.
    pub(crate) fn sqlcipher_key(&self) -> Zeroizing<String> {
        Zeroizing::new(format!(
            "x'{}'",
            hex(self.derive("kiemtra/sqlcipher").as_ref())
        ))
    }

    /// The stored name of the content with this SHA-256: a keyed hash, so the name does not
    /// reveal the content's hash to someone without the key.
    pub fn blob_name(&self, sha256: &str) -> String {
        let names = self.derive("kiemtra/ten-tep");
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(names.as_ref())
            .unwrap_or_else(|_| unreachable!("HMAC takes a key of any length"));
        mac.update(sha256.as_bytes());
        hex(&mac.finalize().into_bytes())
    }

    fn file_cipher(&self) -> XChaCha20Poly1305 {
        XChaCha20Poly1305::new(self.derive("kiemtra/tep").as_ref().into())
    }

    /// `plain` encrypted as one whole file.
    pub fn seal(&self, plain: &[u8]) -> io::Result<Vec<u8>> {
        let mut w = self.sealer(Vec::with_capacity(
            plain.len() + plain.len() / CHUNK * TAG + 64,
        ))?;
        w.write_all(plain)?;
        w.finish()
    }

    /// A writer that encrypts what is written to it into `inner`; [`SealWriter::finish`] writes
    /// the last chunk (without it the file is refused when read: it was cut short).
    pub fn sealer<W: Write>(&self, mut inner: W) -> io::Result<SealWriter<W>> {
        let mut prefix = [0u8; NONCE_PREFIX];
        OsRng.fill_bytes(&mut prefix);
        inner.write_all(MAGIC)?;
        inner.write_all(&prefix)?;
        Ok(SealWriter {
            enc: Some(EncryptorBE32::from_aead(
                self.file_cipher(),
                prefix.as_ref().into(),
            )),
            inner: Some(inner),
            buf: Vec::with_capacity(CHUNK),
        })
    }

    /// A reader of the plain content of the encrypted file `inner`. Altered, cut or foreign
    /// bytes are an `InvalidData` error, never wrong content.
    pub fn opener<R: Read>(&self, mut inner: R) -> io::Result<OpenReader<R>> {
        let mut head = [0u8; MAGIC.len() + NONCE_PREFIX];
        inner.read_exact(&mut head).map_err(|_| damaged())?;
        if &head[..MAGIC.len()] != MAGIC {
            return Err(damaged());
        }
        Ok(OpenReader {
            dec: Some(DecryptorBE32::from_aead(
                self.file_cipher(),
                head[MAGIC.len()..].as_ref().into(),
            )),
            inner,
            pending: Vec::with_capacity(CHUNK + TAG + 1),
            out: Vec::new(),
            pos: 0,
        })
    }
}

fn damaged() -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        "tệp mã hoá đã bị thay đổi, bị cắt hoặc không thuộc kho dữ liệu này",
    )
}

/// The plain length of an encrypted file of `stored` bytes (None if no such file can exist).
pub fn plain_len(stored: u64) -> Option<u64> {
    let body = stored.checked_sub(HEADER)?;
    if body < TAG as u64 {
        return None;
    }
    let chunks = body.div_ceil((CHUNK + TAG) as u64);
    Some(body - chunks * TAG as u64)
}

/// See [`DataKey::sealer`].
pub struct SealWriter<W: Write> {
    enc: Option<EncryptorBE32<XChaCha20Poly1305>>,
    inner: Option<W>,
    buf: Vec<u8>,
}

impl<W: Write> SealWriter<W> {
    fn flush_chunk(&mut self) -> io::Result<()> {
        let (Some(enc), Some(inner)) = (self.enc.as_mut(), self.inner.as_mut()) else {
            return Err(io::Error::other("tệp mã hoá đã đóng"));
        };
        let ct = enc
            .encrypt_next(self.buf.as_slice())
            .map_err(|_| damaged())?;
        inner.write_all(&ct)?;
        self.buf.clear();
        Ok(())
    }

    /// Writes the last (marked) chunk and returns the inner writer.
    pub fn finish(mut self) -> io::Result<W> {
        let (Some(enc), Some(mut inner)) = (self.enc.take(), self.inner.take()) else {
            return Err(io::Error::other("tệp mã hoá đã đóng"));
        };
        let ct = enc
            .encrypt_last(self.buf.as_slice())
            .map_err(|_| damaged())?;
        inner.write_all(&ct)?;
        inner.flush()?;
        Ok(inner)
    }
}

impl<W: Write> Write for SealWriter<W> {
    fn write(&mut self, mut data: &[u8]) -> io::Result<usize> {
        let n = data.len();
        while !data.is_empty() {
            // A full chunk is written only once more bytes follow it: the last chunk (marked as
            // last) is then never empty unless the whole file is.
            if self.buf.len() == CHUNK {
                self.flush_chunk()?;
            }
            let take = (CHUNK - self.buf.len()).min(data.len());
            self.buf.extend_from_slice(&data[..take]);
            data = &data[take..];
        }
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// See [`DataKey::opener`].
pub struct OpenReader<R: Read> {
    dec: Option<DecryptorBE32<XChaCha20Poly1305>>,
    inner: R,
    pending: Vec<u8>,
    out: Vec<u8>,
    pos: usize,
}

impl<R: Read> OpenReader<R> {
    fn next_chunk(&mut self) -> io::Result<()> {
        // One chunk and one byte more: a full chunk followed by nothing is the last one.
        let want = CHUNK + TAG + 1;
        while self.pending.len() < want {
            let have = self.pending.len();
            self.pending.resize(want, 0);
            match self.inner.read(&mut self.pending[have..]) {
                Ok(0) => {
                    self.pending.truncate(have);
                    break;
                }
                Ok(n) => self.pending.truncate(have + n),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => self.pending.truncate(have),
                Err(e) => {
                    self.pending.truncate(have);
                    return Err(e);
                }
            }
        }
        self.pos = 0;
        if self.pending.len() == want {
            let rest = self.pending.split_off(CHUNK + TAG);
            let dec = self.dec.as_mut().ok_or_else(damaged)?;
            self.out = dec
                .decrypt_next(self.pending.as_slice())
                .map_err(|_| damaged())?;
            self.pending = rest;
        } else {
            let dec = self.dec.take().ok_or_else(damaged)?;
            self.out = dec
                .decrypt_last(self.pending.as_slice())
                .map_err(|_| damaged())?;
            self.pending.clear();
        }
        Ok(())
    }
}

impl<R: Read> Read for OpenReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.pos == self.out.len() {
            if self.dec.is_none() {
                return Ok(0);
            }
            self.next_chunk()?;
        }
        let n = buf.len().min(self.out.len() - self.pos);
        buf[..n].copy_from_slice(&self.out[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

/// What unlocks an encrypted store.
#[derive(Clone)]
pub enum Secret {
    Passphrase(Zeroizing<String>),
    RecoveryKey(Zeroizing<String>),
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Secret::Passphrase(_) => f.write_str("Secret::Passphrase(…)"),
            Secret::RecoveryKey(_) => f.write_str("Secret::RecoveryKey(…)"),
        }
    }
}

impl Secret {
    pub fn passphrase(p: &str) -> Self {
        Secret::Passphrase(Zeroizing::new(p.to_string()))
    }

    pub fn recovery_key(k: &str) -> Self {
        Secret::RecoveryKey(Zeroizing::new(k.to_string()))
    }

    /// The bytes the key is derived from: a passphrase in NFC (the same letters typed on two
    /// systems give the same bytes); a recovery key without spaces or dashes, in capitals, with
    /// the digits easily misread for letters read as those letters.
    fn material(&self) -> Zeroizing<Vec<u8>> {
        match self {
            Secret::Passphrase(p) => Zeroizing::new(nfc(p).into_bytes()),
            Secret::RecoveryKey(k) => Zeroizing::new(normalise_recovery_key(k).into_bytes()),
        }
    }

    fn label(&self) -> &'static [u8] {
        match self {
            Secret::Passphrase(_) => b"kiemtra-key/1 passphrase",
            Secret::RecoveryKey(_) => b"kiemtra-key/1 recovery",
        }
    }
}

fn normalise_recovery_key(k: &str) -> String {
    k.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| match c.to_ascii_uppercase() {
            '0' => 'O',
            '1' => 'I',
            '8' => 'B',
            c => c,
        })
        .collect()
}

/// Refuses a passphrase too short to protect anything.
pub fn check_new_passphrase(p: &str) -> Result<()> {
    let p = nfc(p);
    if p.chars().count() < MIN_PASSPHRASE {
        return Err(Error::invalid(
            "mật khẩu",
            format!("mật khẩu cần ít nhất {MIN_PASSPHRASE} ký tự"),
        ));
    }
    if p.trim() != p {
        return Err(Error::invalid(
            "mật khẩu",
            "mật khẩu không được bắt đầu hay kết thúc bằng dấu cách",
        ));
    }
    Ok(())
}

/// A new recovery key: 160 random bits in base32, in eight groups of four (`ABCD-EFGH-…`).
pub fn new_recovery_key() -> Zeroizing<String> {
    let mut raw = Zeroizing::new([0u8; 20]);
    OsRng.fill_bytes(raw.as_mut());
    let text = Zeroizing::new(data_encoding::BASE32_NOPAD.encode(raw.as_ref()));
    let groups: Vec<&str> = text
        .as_bytes()
        .chunks(4)
        .map(|c| std::str::from_utf8(c).unwrap_or_default())
        .collect();
    Zeroizing::new(groups.join("-"))
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Kdf {
    algorithm: String,
    memory_kib: u32,
    iterations: u32,
    parallelism: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Wrapped {
    salt: String,
    nonce: String,
    key: String,
}

/// `kiemtra.key`: the data key, wrapped twice. Holds nothing that opens the data without the
/// passphrase or the recovery key.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct KeyFile {
    format: String,
    kdf: Kdf,
    passphrase: Wrapped,
    recovery: Wrapped,
    recovery_made_at: String,
    passphrase_changed_at: String,
}

const KEY_FORMAT: &str = "kiemtra-key/1";

fn kek(secret: &Secret, salt: &[u8], kdf: &Kdf) -> Result<Zeroizing<[u8; 32]>> {
    if kdf.algorithm != "argon2id" {
        return Err(key_file_bad(format!(
            "thuật toán «{}» không được hỗ trợ",
            kdf.algorithm
        )));
    }
    let params = argon2::Params::new(kdf.memory_kib, kdf.iterations, kdf.parallelism, Some(32))
        .map_err(|e| key_file_bad(e.to_string()))?;
    let argon = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
    let mut out = Zeroizing::new([0u8; 32]);
    argon
        .hash_password_into(&secret.material(), salt, out.as_mut())
        .map_err(|e| key_file_bad(e.to_string()))?;
    Ok(out)
}

fn wrap(secret: &Secret, key: &DataKey, kdf: &Kdf) -> Result<Wrapped> {
    let mut salt = [0u8; 16];
    OsRng.fill_bytes(&mut salt);
    let mut nonce = [0u8; 24];
    OsRng.fill_bytes(&mut nonce);
    let kek = kek(secret, &salt, kdf)?;
    let wrapped = XChaCha20Poly1305::new(kek.as_ref().into())
        .encrypt(
            XNonce::from_slice(&nonce),
            Payload {
                msg: key.key.as_ref(),
                aad: secret.label(),
            },
        )
        .map_err(|_| Error::invalid("khoá", "không bọc được khoá dữ liệu"))?;
    Ok(Wrapped {
        salt: hex(&salt),
        nonce: hex(&nonce),
        key: hex(&wrapped),
    })
}

fn unwrap(secret: &Secret, w: &Wrapped, kdf: &Kdf) -> Result<Option<DataKey>> {
    let bytes = |s: &str| unhex(s).ok_or_else(|| key_file_bad("giá trị không phải hex".into()));
    let (salt, nonce, wrapped) = (bytes(&w.salt)?, bytes(&w.nonce)?, bytes(&w.key)?);
    if nonce.len() != 24 || salt.len() < 8 {
        return Err(key_file_bad("độ dài muối hoặc nonce sai".into()));
    }
    let kek = kek(secret, &salt, kdf)?;
    let Ok(plain) = XChaCha20Poly1305::new(kek.as_ref().into()).decrypt(
        XNonce::from_slice(&nonce),
        Payload {
            msg: &wrapped,
            aad: secret.label(),
        },
    ) else {
        return Ok(None);
    };
    let plain = Zeroizing::new(plain);
    if plain.len() != 32 {
        return Err(key_file_bad("khoá dữ liệu sai độ dài".into()));
    }
    let mut key = Zeroizing::new([0u8; 32]);
    key.copy_from_slice(&plain);
    Ok(Some(DataKey { key }))
}

fn key_file_bad(reason: String) -> Error {
    Error::KeyFileInvalid { reason }
}

fn key_path(root: &Path) -> PathBuf {
    root.join(KEY_FILE)
}

fn read_key_file(root: &Path) -> Result<KeyFile> {
    let path = key_path(root);
    let bytes = std::fs::read(&path).map_err(|e| files::io_error(e, &path))?;
    parse_key_file(&bytes)
}

fn parse_key_file(bytes: &[u8]) -> Result<KeyFile> {
    let kf: KeyFile =
        serde_json::from_slice(bytes).map_err(|e| key_file_bad(format!("không đọc được ({e})")))?;
    if kf.format != KEY_FORMAT {
        return Err(key_file_bad(format!("định dạng «{}» không rõ", kf.format)));
    }
    Ok(kf)
}

fn write_key_file(path: &Path, kf: &KeyFile) -> Result<()> {
    let json = serde_json::to_vec_pretty(kf).map_err(|e| Error::invalid("khoá", e.to_string()))?;
    files::write_atomic(path, &json)
}

fn now_text() -> String {
    chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

/// True when the store in `root` is encrypted (it has a key file, or a conversion is committed).
pub fn is_encrypted(root: &Path) -> bool {
    key_path(root).exists() || root.join(READY).join(KEY_FILE).exists()
}

/// The data key of the store in `root`, unwrapped with `secret`. A wrong passphrase or
/// recovery key is [`Error::WrongPassphrase`]; the store file is not touched either way.
pub fn unlock(root: &Path, secret: &Secret) -> Result<DataKey> {
    unlock_with(&read_key_file(root)?, secret)
}

/// [`unlock`] with the key file's bytes (the one inside a backup, checked before it is
/// restored).
pub fn unlock_key_file(bytes: &[u8], secret: &Secret) -> Result<DataKey> {
    unlock_with(&parse_key_file(bytes)?, secret)
}

fn unlock_with(kf: &KeyFile, secret: &Secret) -> Result<DataKey> {
    let w = match secret {
        Secret::Passphrase(_) => &kf.passphrase,
        Secret::RecoveryKey(_) => &kf.recovery,
    };
    unwrap(secret, w, &kf.kdf)?.ok_or(Error::WrongPassphrase {
        recovery: matches!(secret, Secret::RecoveryKey(_)),
    })
}

/// Sets a new passphrase, unlocking with the old one or with the recovery key. Only the key
/// file is rewritten (atomically); the data is untouched.
pub fn change_passphrase(root: &Path, with: &Secret, new: &str) -> Result<()> {
    check_new_passphrase(new)?;
    let mut kf = read_key_file(root)?;
    let key = unlock(root, with)?;
    kf.passphrase = wrap(&Secret::passphrase(new), &key, &kf.kdf)?;
    kf.passphrase_changed_at = now_text();
    write_key_file(&key_path(root), &kf)
}

/// Makes a new recovery key (the old one stops working) and returns it: it is shown once.
pub fn new_recovery(root: &Path, with: &Secret) -> Result<Zeroizing<String>> {
    let mut kf = read_key_file(root)?;
    let key = unlock(root, with)?;
    let recovery = new_recovery_key();
    kf.recovery = wrap(&Secret::RecoveryKey(recovery.clone()), &key, &kf.kdf)?;
    kf.recovery_made_at = now_text();
    write_key_file(&key_path(root), &kf)?;
    Ok(recovery)
}

fn default_kdf() -> Kdf {
    Kdf {
        algorithm: "argon2id".into(),
        memory_kib: KDF_MEMORY_KIB,
        iterations: KDF_ITERATIONS,
        parallelism: KDF_PARALLELISM,
    }
}

/// What [`encrypt`] did.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct EncryptSummary {
    pub data_dir: String,
    /// Shown once: the lead keeps it (printed, or in a file of their choice).
    pub recovery_key: String,
    pub evidence_files: u32,
    pub documents: u32,
    #[ts(type = "number")]
    pub bytes: u64,
}

/// Converts the plain store in `data_dir` into an encrypted one opened by `passphrase`, all or
/// nothing (see the module's documentation). The store must not be in use by another program.
pub fn encrypt(data_dir: &Path, passphrase: &str) -> Result<EncryptSummary> {
    check_new_passphrase(passphrase)?;
    let root = data_dir.to_path_buf();
    recover(&root)?;
    if is_encrypted(&root) {
        return Err(Error::invalid(
            "mã hoá",
            "kho dữ liệu này đã được mã hoá; muốn đổi mật khẩu hãy dùng «kiemtra passphrase change»",
        ));
    }
    let staging = root.join(STAGING);
    let result = (|| -> Result<EncryptSummary> {
        let db = crate::db::Db::open(&root)?;
        // Everything in the main file; the copy below is made under the store's write lock.
        db.conn()
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")?;
        remove_tree(&staging)?;
        files::create_dir_all(&staging)?;
        let key = DataKey::generate();
        let recovery = new_recovery_key();
        let target = staging.join(files::STORE_FILE);
        db.conn().execute(
            "ATTACH DATABASE ?1 AS ma_hoa KEY ?2",
            rusqlite::params![target.display().to_string(), key.sqlcipher_key().as_str()],
        )?;
        let exported = (|| -> Result<()> {
            db.conn().execute_batch("BEGIN IMMEDIATE;")?;
            let r = (|| -> Result<()> {
                db.conn()
                    .query_row("SELECT sqlcipher_export('ma_hoa')", [], |_| Ok(()))?;
                let version = db.schema_version()?;
                db.conn()
                    .execute_batch(&format!("PRAGMA ma_hoa.user_version = {version};"))?;
                Ok(())
            })();
            db.conn()
                .execute_batch(if r.is_ok() { "COMMIT;" } else { "ROLLBACK;" })?;
            r
        })();
        db.conn().execute_batch("DETACH DATABASE ma_hoa;")?;
        exported?;

        let dd = DataDir::new(&root);
        let sealed = DataDir::new(&staging).with_key(key.clone());
        let mut summary = EncryptSummary {
            data_dir: root.display().to_string(),
            recovery_key: recovery.to_string(),
            evidence_files: 0,
            documents: 0,
            bytes: 0,
        };
        let mut written = Vec::new();
        let shas = column(
            &db,
            "SELECT sha256 FROM evidence UNION SELECT sha256 FROM followup_evidence",
        )?;
        for sha in shas {
            let from = dd.evidence_blob(&sha);
            if !from.exists() {
                // Missing before the conversion: `check` reports it, the conversion keeps it so.
                continue;
            }
            summary.bytes += seal_file(&key, &from, &sealed.evidence_blob(&sha), &sha)?;
            written.push(sealed.evidence_blob(&sha));
            summary.evidence_files += 1;
        }
        let shas = column(&db, "SELECT DISTINCT sha256 FROM notices")?;
        for sha in shas {
            let from = dd.notice_pdf(&sha);
            if !from.exists() {
                continue;
            }
            summary.bytes += seal_file(&key, &from, &sealed.notice_pdf(&sha), &sha)?;
            written.push(sealed.notice_pdf(&sha));
            summary.documents += 1;
        }
        drop(db);
        let kdf = default_kdf();
        let now = now_text();
        let kf = KeyFile {
            format: KEY_FORMAT.into(),
            passphrase: wrap(&Secret::passphrase(passphrase), &key, &kdf)?,
            recovery: wrap(&Secret::RecoveryKey(recovery.clone()), &key, &kdf)?,
            kdf,
            recovery_made_at: now.clone(),
            passphrase_changed_at: now,
        };
        write_key_file(&staging.join(KEY_FILE), &kf)?;
        written.push(target.clone());
        files::sync_files(&written, &root)?;
        sync_tree_dirs(&staging)?;
        // The commit point: from here the conversion is finished, even after a crash.
        files::rename(&staging, &root.join(READY))?;
        files::sync_dir(&root)?;
        Ok(summary)
    })();
    match result {
        Ok(summary) => {
            roll_forward(&root)?;
            Ok(summary)
        }
        Err(e) => {
            let _ = remove_tree(&staging);
            Err(e)
        }
    }
}

fn column(db: &crate::db::Db, sql: &str) -> Result<Vec<String>> {
    let mut stmt = db.conn().prepare(sql)?;
    let out = stmt
        .query_map([], |r| r.get(0))?
        .collect::<std::result::Result<_, _>>()?;
    Ok(out)
}

/// Encrypts the plain file `from` (checking it still hashes to `sha256`) into `to`.
fn seal_file(key: &DataKey, from: &Path, to: &Path, sha256: &str) -> Result<u64> {
    if let Some(dir) = to.parent() {
        files::create_dir_all(dir)?;
    }
    let src = File::open(from).map_err(|e| files::io_error(e, from))?;
    let out = File::create(to).map_err(|e| files::write_error(e, to))?;
    let mut w = key
        .sealer(io::BufWriter::new(out))
        .map_err(|e| files::write_error(e, to))?;
    let mut hasher = Sha256::new();
    let mut r = io::BufReader::new(src);
    let mut buf = vec![0u8; CHUNK];
    let mut n_total = 0u64;
    loop {
        let n = r.read(&mut buf).map_err(|e| files::io_error(e, from))?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        w.write_all(&buf[..n])
            .map_err(|e| files::write_error(e, to))?;
        n_total += n as u64;
    }
    let got = hex(&hasher.finalize());
    if got != sha256 {
        return Err(Error::invalid(
            "mã hoá",
            format!(
                "tệp {} không còn khớp mã SHA-256 đã ghi ({sha256}); hãy chạy «kiemtra check» rồi xử lý trước khi mã hoá",
                from.display()
            ),
        ));
    }
    w.finish()
        .and_then(|b| b.into_inner().map_err(|e| e.into_error()))
        .map_err(|e| files::write_error(e, to))?;
    files::set_read_only(to);
    Ok(n_total)
}

/// The items of the data directory a conversion replaces, the key file last (its presence is
/// what makes the store encrypted).
const REPLACED: &[&str] = &[files::STORE_FILE, "evidence", "notices", KEY_FILE];
/// Plain copies and leftovers moved away with the plain store.
const DROPPED: &[&str] = &[
    "kiemtra.sqlite3-wal",
    "kiemtra.sqlite3-shm",
    "open",
    "exports",
    "tmp",
];

/// Finishes a committed conversion: each item moves out of the way and its encrypted
/// replacement in. Every step can run again after a crash.
fn roll_forward(root: &Path) -> Result<()> {
    let ready = root.join(READY);
    let old = root.join(OLD);
    files::create_dir_all(&old)?;
    for name in DROPPED {
        let p = root.join(name);
        if p.exists() && !old.join(name).exists() {
            files::rename(&p, &old.join(name))?;
        }
    }
    for name in REPLACED {
        let new = ready.join(name);
        if !new.exists() {
            continue;
        }
        let cur = root.join(name);
        if cur.exists() {
            files::rename(&cur, &old.join(name))?;
        }
        files::rename(&new, &cur)?;
    }
    files::sync_dir(root)?;
    remove_tree(&ready)?;
    remove_tree(&old)?;
    files::sync_dir(root)
}

/// Rolls back a conversion interrupted before its commit point, finishes one interrupted
/// after it. Called before a store is opened.
pub fn recover(root: &Path) -> Result<()> {
    if root.join(READY).exists() {
        roll_forward(root)?;
    }
    remove_tree(&root.join(STAGING))?;
    remove_tree(&root.join(OLD))?;
    Ok(())
}

/// Removes a folder and everything in it, read-only files included; nothing if absent.
pub(crate) fn remove_tree(dir: &Path) -> Result<()> {
    if !dir.exists() {
        return Ok(());
    }
    for entry in walk(dir)? {
        files::set_writable(&entry);
    }
    std::fs::remove_dir_all(dir).map_err(|e| files::write_error(e, dir))
}

fn walk(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).map_err(|e| files::io_error(e, &d))? {
            let e = e.map_err(|e| files::io_error(e, &d))?;
            let ft = e
                .file_type()
                .map_err(|err| files::io_error(err, &e.path()))?;
            if ft.is_dir() {
                stack.push(e.path());
            } else {
                out.push(e.path());
            }
        }
    }
    Ok(out)
}

fn sync_tree_dirs(dir: &Path) -> Result<()> {
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).map_err(|e| files::io_error(e, &d))? {
            let e = e.map_err(|e| files::io_error(e, &d))?;
            if e.file_type().map(|t| t.is_dir()).unwrap_or(false) {
                stack.push(e.path());
            }
        }
        files::sync_dir(&d)?;
    }
    Ok(())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roundtrip(key: &DataKey, n: usize) -> io::Result<()> {
        let plain: Vec<u8> = (0..n).map(|i| (i * 7 + i / 251) as u8).collect();
        let sealed = key.seal(&plain)?;
        assert_eq!(
            plain_len(sealed.len() as u64),
            Some(n as u64),
            "length of {n}"
        );
        let mut back = Vec::new();
        key.opener(sealed.as_slice())?.read_to_end(&mut back)?;
        assert!(back == plain, "round trip of {n} bytes");
        Ok(())
    }

    #[test]
    fn files_of_every_length_round_trip() -> io::Result<()> {
        let key = DataKey::generate();
        for n in [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, 3 * CHUNK + 17] {
            roundtrip(&key, n)?;
        }
        Ok(())
    }

    #[test]
    fn a_changed_cut_or_extended_file_is_refused_never_misread() -> io::Result<()> {
        let key = DataKey::generate();
        let plain = vec![7u8; 2 * CHUNK + 5];
        let sealed = key.seal(&plain)?;
        let read = |bytes: &[u8]| -> io::Result<Vec<u8>> {
            let mut out = Vec::new();
            key.opener(bytes)?.read_to_end(&mut out)?;
            Ok(out)
        };
        for at in [0, 9, HEADER as usize + 3, CHUNK + 40, sealed.len() - 1] {
            let mut bad = sealed.clone();
            bad[at] ^= 1;
            assert!(read(&bad).is_err(), "flipped byte {at} was accepted");
        }
        // Cut at a chunk boundary: the previous chunk is not marked last.
        let cut = HEADER as usize + CHUNK + TAG;
        assert!(
            read(&sealed[..cut]).is_err(),
            "a file cut after a chunk was accepted"
        );
        assert!(read(&sealed[..sealed.len() - 3]).is_err());
        let mut longer = sealed.clone();
        longer.extend_from_slice(&[0u8; 20]);
        assert!(
            read(&longer).is_err(),
            "bytes after the last chunk were accepted"
        );
        let other = DataKey::generate();
        let mut out = Vec::new();
        assert!(other
            .opener(sealed.as_slice())?
            .read_to_end(&mut out)
            .is_err());
        Ok(())
    }

    #[test]
    fn names_hide_the_hash_and_differ_between_stores() {
        let sha = "ab".repeat(32);
        let a = DataKey::generate();
        let b = DataKey::generate();
        assert_ne!(a.blob_name(&sha), sha);
        assert_eq!(a.blob_name(&sha), a.blob_name(&sha));
        assert_ne!(a.blob_name(&sha), b.blob_name(&sha));
    }

    #[test]
    fn recovery_keys_read_back_however_they_are_typed() {
        let k = new_recovery_key();
        assert_eq!(k.len(), 39, "{}", k.as_str());
        let typed = k.to_lowercase().replace('-', " ");
        assert_eq!(normalise_recovery_key(&typed), k.replace('-', ""));
        assert_eq!(normalise_recovery_key("0O1I-8B"), "OOIIBB");
    }
}
