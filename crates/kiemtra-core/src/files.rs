//! The data directory and how files are written into it. [`DataDir`] names every room of the
//! directory (the store file, evidence, kept documents, exports, a staging area), so no other
//! module spells a folder name. [`write_atomic`] is the one way a whole file is written: under a
//! temporary name in the same folder, synced, renamed, and the folder synced, so a crash leaves
//! the old content or the new, never a half file under the real name.
//!
//! The operating-system specific calls (no-follow open, file kinds, read-only modes, syncing a
//! filesystem) live in [`platform`]; the rest of the core uses only what this module exports.

mod platform;

use std::collections::BTreeSet;
use std::fs::{File, FileType, OpenOptions};
use std::io::Write;
use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::crypt::DataKey;
use crate::error::{Error, Result};
use crate::text::nfc;

/// The file name of the store inside the data directory.
pub const STORE_FILE: &str = "kiemtra.sqlite3";

/// The environment variable naming the data directory.
pub const ENV_VAR: &str = "KIEMTRA_DATA_DIR";

/// The user's data directory and the paths of what it holds.
///
/// It dereferences to the root [`Path`], so `data_dir.display()` and `data_dir.join(…)` still
/// read naturally; prefer the named rooms below to a folder name spelled at the call site.
///
/// An encrypted store's data directory carries its data key ([`DataDir::with_key`]): stored
/// content is then named by a keyed hash and read and written through the cipher
/// ([`DataDir::open_stored`], [`DataDir::seal`], [`StoredWriter`]).
#[derive(Debug, Clone)]
pub struct DataDir {
    root: PathBuf,
    key: Option<std::sync::Arc<DataKey>>,
}

impl PartialEq for DataDir {
    fn eq(&self, other: &Self) -> bool {
        self.root == other.root
    }
}

impl Eq for DataDir {}

impl DataDir {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        DataDir {
            root: root.into(),
            key: None,
        }
    }

    /// The same directory, its content encrypted with `key`.
    pub fn with_key(mut self, key: DataKey) -> Self {
        self.key = Some(std::sync::Arc::new(key));
        self
    }

    /// The data key, for an encrypted store.
    pub fn key(&self) -> Option<&DataKey> {
        self.key.as_deref()
    }

    pub fn is_encrypted(&self) -> bool {
        self.key.is_some()
    }

    /// The stored name of the content with this hash: the hash itself, or a keyed hash of it.
    fn stored_name(&self, sha256: &str) -> String {
        match &self.key {
            Some(k) => k.blob_name(sha256),
            None => sha256.to_string(),
        }
    }

    /// Reads stored content (decrypting it in an encrypted store) as a stream.
    pub fn open_stored(&self, path: &Path) -> std::io::Result<Box<dyn std::io::Read + Send>> {
        let f = std::io::BufReader::with_capacity(256 * 1024, File::open(path)?);
        Ok(match &self.key {
            Some(k) => Box::new(k.opener(f)?),
            None => Box::new(f),
        })
    }

    /// The whole stored content (for documents, which are small).
    pub fn read_stored(&self, path: &Path) -> Result<Vec<u8>> {
        let mut out = Vec::new();
        self.open_stored(path)
            .and_then(|mut r| std::io::Read::read_to_end(&mut r, &mut out))
            .map_err(|e| io_error(e, path))?;
        Ok(out)
    }

    /// The plain length of stored content, from its size on disk.
    pub fn stored_plain_len(&self, path: &Path) -> std::io::Result<u64> {
        let len = std::fs::metadata(path)?.len();
        match &self.key {
            Some(_) => crate::crypt::plain_len(len).ok_or_else(|| {
                std::io::Error::new(std::io::ErrorKind::InvalidData, "tệp mã hoá bị cắt")
            }),
            None => Ok(len),
        }
    }

    /// `plain` as it is stored: encrypted in an encrypted store, as it is otherwise.
    pub fn seal(&self, plain: &[u8]) -> Result<Vec<u8>> {
        match &self.key {
            Some(k) => k
                .seal(plain)
                .map_err(|e| Error::invalid("mã hoá", e.to_string())),
            None => Ok(plain.to_vec()),
        }
    }

    /// A writer of stored content into `file` (encrypting in an encrypted store).
    pub fn stored_writer(&self, file: File) -> std::io::Result<StoredWriter> {
        Ok(match &self.key {
            Some(k) => {
                StoredWriter::Sealed(k.sealer(std::io::BufWriter::with_capacity(256 * 1024, file))?)
            }
            None => StoredWriter::Plain(file),
        })
    }

    /// `explicit` (from `--data-dir`), else `KIEMTRA_DATA_DIR`, else the platform's data
    /// directory (`~/.local/share/kiemtra` on Linux). The CLI and the app resolve it the same
    /// way, so both work on the same store.
    pub fn resolve(explicit: Option<PathBuf>) -> Self {
        DataDir::new(
            explicit
                .or_else(|| {
                    std::env::var_os(ENV_VAR)
                        .filter(|v| !v.is_empty())
                        .map(PathBuf::from)
                })
                .or_else(|| dirs::data_dir().map(|d| d.join("kiemtra")))
                .unwrap_or_else(|| PathBuf::from(".kiemtra")),
        )
    }

    /// No directory at all: an in-memory store, which keeps no files.
    pub(crate) fn none() -> Self {
        DataDir::new(PathBuf::new())
    }

    /// True for an in-memory store's (empty) data directory, where no file can be kept.
    pub fn is_none(&self) -> bool {
        self.root.as_os_str().is_empty()
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The SQLite store.
    pub fn store_file(&self) -> PathBuf {
        self.root.join(STORE_FILE)
    }

    /// Evidence content, addressed by its SHA-256 (`evidence/ab/abcdef…`).
    pub fn evidence(&self) -> PathBuf {
        self.root.join("evidence")
    }

    /// Where the evidence content with this hash lives.
    pub fn evidence_blob(&self, sha256: &str) -> PathBuf {
        let name = self.stored_name(sha256);
        let fan = name.get(..2).unwrap_or(&name).to_string();
        self.evidence().join(fan).join(name)
    }

    /// Read-only copies of evidence under their original names, for the system's viewer.
    pub fn opened(&self) -> PathBuf {
        self.root.join("open")
    }

    /// Issued documents kept as they were issued (`notices/<sha256>.pdf`).
    pub fn notices(&self) -> PathBuf {
        self.root.join("notices")
    }

    /// Where the issued notice with this hash is kept.
    pub fn notice_pdf(&self, sha256: &str) -> PathBuf {
        match &self.key {
            Some(k) => self.notices().join(k.blob_name(sha256)),
            None => self.notices().join(format!("{sha256}.pdf")),
        }
    }

    /// Documents exported for the user (drafts, copies); rewritten freely.
    pub fn exports(&self) -> PathBuf {
        self.root.join("exports")
    }

    /// Files being staged (streamed, hashed) before they get their real name. On the same
    /// filesystem as the rooms above, so a staged file is moved into place by a rename.
    pub fn tmp(&self) -> PathBuf {
        self.root.join("tmp")
    }

    /// Creates the data directory itself if it does not exist.
    pub fn create(&self) -> Result<()> {
        create_dir_all(&self.root)
    }
}

impl Deref for DataDir {
    type Target = Path;

    fn deref(&self) -> &Path {
        &self.root
    }
}

impl AsRef<Path> for DataDir {
    fn as_ref(&self) -> &Path {
        &self.root
    }
}

/// Writes stored content: as it is, or encrypted. [`StoredWriter::finish`] must be called
/// (an encrypted file without its last chunk is refused when read).
pub enum StoredWriter {
    Plain(File),
    Sealed(crate::crypt::SealWriter<std::io::BufWriter<File>>),
}

impl StoredWriter {
    /// Writes what remains and returns the file (not yet synced).
    pub fn finish(self) -> std::io::Result<File> {
        match self {
            StoredWriter::Plain(mut f) => {
                f.flush()?;
                Ok(f)
            }
            StoredWriter::Sealed(w) => w.finish()?.into_inner().map_err(|e| e.into_error()),
        }
    }
}

impl Write for StoredWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            StoredWriter::Plain(f) => f.write(buf),
            StoredWriter::Sealed(w) => w.write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            StoredWriter::Plain(f) => f.flush(),
            StoredWriter::Sealed(w) => w.flush(),
        }
    }
}

/// An I/O error on `path`, as the core reports it.
pub(crate) fn io_error(source: std::io::Error, path: &Path) -> Error {
    crate::error::classify_io(source, path, false)
}

/// An I/O error while creating or writing `path`: a refused permission there means the place
/// cannot be written.
pub(crate) fn write_error(source: std::io::Error, path: &Path) -> Error {
    crate::error::classify_io(source, path, true)
}

pub(crate) fn create_dir_all(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| write_error(e, dir))
}

/// A name for a temporary file no other writer (thread or process) is using.
pub(crate) fn temp_name(stem: &str) -> String {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!(".{stem}.{}-{n}-{nanos}.part", std::process::id())
}

/// Writes `bytes` to `path` so that a crash at any moment leaves either the old content or the
/// new one under `path`, and once this returns the new content survives a power loss: written
/// under a temporary name in the same folder, synced, renamed over `path`, then the folder
/// synced. The folder is created if needed. On an error the temporary file is removed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    write_file(path, bytes, false)
}

/// [`write_atomic`] for a file that is kept as issued: it is read-only from the moment it
/// appears under its real name.
pub fn write_atomic_read_only(path: &Path, bytes: &[u8]) -> Result<()> {
    write_file(path, bytes, true)
}

fn write_file(path: &Path, bytes: &[u8], read_only: bool) -> Result<()> {
    let mut f = AtomicFile::create(path)?;
    f.write_all(bytes).map_err(|e| write_error(e, path))?;
    f.commit(read_only)
}

/// A whole file written as a stream, with the guarantees of [`write_atomic`]: the bytes go to a
/// temporary file in the folder of `path` (created if needed), and only [`AtomicFile::commit`]
/// syncs it, renames it over `path` and syncs the folder. Dropped without a commit (an error on
/// the way), the temporary file is removed and `path` is untouched.
pub(crate) struct AtomicFile {
    path: PathBuf,
    dir: PathBuf,
    tmp: PathBuf,
    file: Option<File>,
}

impl AtomicFile {
    pub(crate) fn create(path: &Path) -> Result<Self> {
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let new_dir = !dir.exists();
        create_dir_all(&dir)?;
        if new_dir {
            // The new folder's own name must survive too.
            if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
                sync_dir(parent)?;
            }
        }
        let stem = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "tep".into());
        let tmp = dir.join(temp_name(&stem));
        let file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
            .map_err(|e| write_error(e, &tmp))?;
        Ok(AtomicFile {
            path: path.to_path_buf(),
            dir,
            tmp,
            file: Some(file),
        })
    }

    /// The temporary file being written (for error messages).
    pub(crate) fn temp_path(&self) -> &Path {
        &self.tmp
    }

    /// Syncs the content, renames it over the real name and syncs the folder; `read_only`
    /// marks the file read-only before it appears under that name.
    pub(crate) fn commit(mut self, read_only: bool) -> Result<()> {
        let Some(f) = self.file.take() else {
            return Err(io_error(
                std::io::Error::other("tệp tạm đã đóng"),
                &self.tmp,
            ));
        };
        let done = (|| -> Result<()> {
            if read_only {
                platform::set_read_only(&self.tmp).map_err(|e| io_error(e, &self.tmp))?;
            }
            sync_file(&f, &self.tmp)?;
            drop(f);
            rename(&self.tmp, &self.path)
        })();
        if done.is_err() {
            let _ = std::fs::remove_file(&self.tmp);
        }
        done?;
        sync_dir(&self.dir)
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self.file.as_mut() {
            Some(f) => f.write(buf),
            None => Err(std::io::Error::other("tệp tạm đã đóng")),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self.file.as_mut() {
            Some(f) => f.flush(),
            None => Ok(()),
        }
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if self.file.take().is_some() {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// Flushes a file's content and metadata to the disk.
pub(crate) fn sync_file(f: &File, path: &Path) -> Result<()> {
    f.sync_all().map_err(|e| io_error(e, path))?;
    trace("sync file");
    Ok(())
}

/// Makes the names in `dir` (a rename, a new file) survive a power loss.
pub(crate) fn sync_dir(dir: &Path) -> Result<()> {
    platform::sync_dir(dir).map_err(|e| io_error(e, dir))?;
    trace("sync dir");
    Ok(())
}

pub(crate) fn rename(from: &Path, to: &Path) -> Result<()> {
    std::fs::rename(from, to).map_err(|e| io_error(e, to))?;
    trace("rename");
    Ok(())
}

/// Makes `files` durable. One file is synced on its own; several at once with one sync of
/// their filesystem (`syncfs`, given any path on it: `on_fs`), which costs the same as the
/// single `sync` a careful copy would end with. Where that is not available, each file is
/// synced in turn.
pub(crate) fn sync_files(files: &[PathBuf], on_fs: &Path) -> Result<()> {
    if files.len() > 1 && sync_filesystem(on_fs)? {
        return Ok(());
    }
    for p in files {
        let f = platform::open_for_sync(p).map_err(|e| io_error(e, p))?;
        sync_file(&f, p)?;
    }
    Ok(())
}

/// Syncs the whole filesystem `on_fs` is on; `false` where the platform cannot (then sync each
/// file or folder in turn).
fn sync_filesystem(on_fs: &Path) -> Result<bool> {
    match platform::sync_filesystem(on_fs) {
        Ok(()) => {
            trace("sync filesystem");
            Ok(true)
        }
        Err(e) if e.kind() == std::io::ErrorKind::Unsupported => Ok(false),
        Err(e) => Err(io_error(e, on_fs)),
    }
}

/// Makes new names in `dirs` durable: each folder synced, or, for many, their filesystem once.
pub(crate) fn sync_dirs(dirs: &BTreeSet<PathBuf>, on_fs: &Path) -> Result<()> {
    if dirs.len() > 1 && sync_filesystem(on_fs)? {
        return Ok(());
    }
    for d in dirs {
        sync_dir(d)?;
    }
    Ok(())
}

/// Marks a stored file read-only: stored content is never edited in place. Best effort, as
/// before: a filesystem without modes keeps the file as it is.
pub(crate) fn set_read_only(path: &Path) {
    let _ = platform::set_read_only(path);
}

/// Makes a stored file writable again, so it can be removed (Windows refuses to remove a
/// read-only file). Best effort.
pub(crate) fn set_writable(path: &Path) {
    let _ = platform::set_writable(path);
}

/// Opens `path` for reading without following a symbolic link in its last component, so a
/// link swapped in after the type check is refused rather than followed.
pub(crate) fn open_no_follow(path: &Path) -> std::io::Result<File> {
    platform::open_no_follow(path)
}

/// A FIFO, socket or device: something that is not content to copy.
pub(crate) fn is_special(ft: &FileType) -> bool {
    platform::is_special(ft)
}

/// The longest name kept, in characters, UTF-8 bytes and UTF-16 units: Linux allows 255 bytes
/// (Vietnamese letters take two or three each), NTFS 255 UTF-16 units.
const NAME_MAX_CHARS: usize = 200;
const NAME_MAX_BYTES: usize = 240;
const NAME_MAX_UTF16: usize = 240;
const EXT_MAX_CHARS: usize = 16;

/// A file name valid on Windows, macOS and Linux alike, for every file the app writes under a
/// name that comes from outside (an evidence file's own name, an agency's): NFC (so
/// «Biên bản họp.pdf» stays readable and is one name whatever the keyboard sent); path
/// separators, control characters and the characters Windows refuses (`< > : " / \ | ? *`)
/// become `_`; no trailing dots or spaces (Windows drops them); a reserved device name (CON,
/// PRN, AUX, NUL, CONIN$, CONOUT$, COM0–9, LPT0–9, also with ¹ ² ³ and with any extension)
/// gets a leading `_`; at most 200 characters, 240 bytes and 240 UTF-16 units, the extension
/// kept; never empty, `.` or `..`. Applying it twice changes nothing. Two names can still differ
/// only by case, which is one file on Windows: see [`case_clashes`] and [`FolderNames`].
pub fn portable_name(raw: &str) -> String {
    let mapped: String = nfc(raw)
        .chars()
        .map(|c| {
            if c == '/'
                || c == '\\'
                || c.is_control()
                || matches!(c, ':' | '*' | '?' | '"' | '<' | '>' | '|')
            {
                '_'
            } else {
                c
            }
        })
        .collect();
    let mut s = trim_end_dots_spaces(&mapped).to_string();
    if is_device_name(&s) {
        s.insert(0, '_');
    }
    if s.chars().count() > NAME_MAX_CHARS
        || s.len() > NAME_MAX_BYTES
        || s.encode_utf16().count() > NAME_MAX_UTF16
    {
        s = shorten(&s);
    }
    if s.is_empty() || s == "." || s == ".." {
        s = "tep-khong-ten".to_string();
    }
    s
}

fn trim_end_dots_spaces(s: &str) -> &str {
    s.trim_end_matches(['.', ' '])
}

/// CON, PRN, AUX, NUL, CONIN$, CONOUT$, COM0–9 and LPT0–9 (with ¹ ² ³ too), with or without
/// an extension:
/// Windows opens the device, not a file, under these names.
fn is_device_name(name: &str) -> bool {
    let stem = name
        .split('.')
        .next()
        .unwrap_or("")
        .trim_end_matches(' ')
        .to_uppercase();
    let mut chars = stem.chars();
    let head: String = chars.by_ref().take(3).collect();
    let rest: Vec<char> = chars.collect();
    match (head.as_str(), rest.as_slice()) {
        ("CON" | "PRN" | "AUX" | "NUL", []) => true,
        ("CON", ['I', 'N', '$']) | ("CON", ['O', 'U', 'T', '$']) => true,
        ("COM" | "LPT", [d]) => d.is_ascii_digit() || matches!(d, '¹' | '²' | '³'),
        _ => false,
    }
}

/// Cuts a long name to the limits, keeping its extension (at most 16 characters).
fn shorten(s: &str) -> String {
    let ext = Path::new(s)
        .extension()
        .map(|e| {
            e.to_string_lossy()
                .chars()
                .take(EXT_MAX_CHARS)
                .collect::<String>()
        })
        .map(|e| trim_end_dots_spaces(&e).to_string())
        .filter(|e| !e.is_empty() && e.len() + 1 < s.len());
    let (ext_chars, ext_bytes, ext_units) = ext.as_ref().map_or((0, 0, 0), |e| {
        (
            e.chars().count() + 1,
            e.len() + 1,
            e.encode_utf16().count() + 1,
        )
    });
    let mut head = String::new();
    let mut units = 0;
    for (kept, c) in s.chars().enumerate() {
        if kept + 1 + ext_chars > NAME_MAX_CHARS
            || head.len() + c.len_utf8() + ext_bytes > NAME_MAX_BYTES
            || units + c.len_utf16() + ext_units > NAME_MAX_UTF16
        {
            break;
        }
        units += c.len_utf16();
        head.push(c);
    }
    let mut out = trim_end_dots_spaces(&head).to_string();
    if let Some(e) = ext {
        out.push('.');
        out.push_str(&e);
    }
    out
}

/// What Windows (and macOS) compare names by in one folder: letters without case. Full
/// uppercase mapping of the NFC name, which also joins a few names NTFS keeps apart (ß and SS):
/// a clash reported too often is harmless, one missed is a file overwritten.
pub fn folder_key(name: &str) -> String {
    nfc(name).to_uppercase()
}

/// The names that would be one file if written to one folder on Windows: each group of two or
/// more names equal but for case (or NFC against NFD), in the order given.
pub fn case_clashes<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<Vec<String>> {
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    for n in names {
        let key = folder_key(n);
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, g)) => {
                if !g.iter().any(|x| x == n) {
                    g.push(n.to_string());
                }
            }
            None => groups.push((key, vec![n.to_string()])),
        }
    }
    groups
        .into_iter()
        .map(|(_, g)| g)
        .filter(|g| g.len() > 1)
        .collect()
}

/// The names given to files in one folder: each made [`portable_name`], and told apart from
/// every name already given (or already in the folder, [`FolderNames::of_dir`]) without case,
/// so a second «Báo cáo.pdf» or «BÁO CÁO.pdf» becomes «BÁO CÁO (2).pdf» instead of replacing
/// the first on Windows.
#[derive(Debug, Default, Clone)]
pub struct FolderNames {
    taken: BTreeSet<String>,
}

impl FolderNames {
    pub fn new() -> Self {
        FolderNames::default()
    }

    /// The names already in `dir` (none if it does not exist yet).
    pub fn of_dir(dir: &Path) -> Result<Self> {
        let mut names = FolderNames::new();
        match std::fs::read_dir(dir) {
            Ok(rd) => {
                for e in rd {
                    let e = e.map_err(|e| io_error(e, dir))?;
                    names
                        .taken
                        .insert(folder_key(&e.file_name().to_string_lossy()));
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(io_error(e, dir)),
        }
        Ok(names)
    }

    /// A portable name for `wanted` that no earlier name in this folder takes.
    pub fn claim(&mut self, wanted: &str) -> String {
        let base = portable_name(wanted);
        let mut name = base.clone();
        let mut n = 2;
        while !self.taken.insert(folder_key(&name)) {
            let (stem, ext) = match base.rfind('.') {
                Some(i) if i > 0 => base.split_at(i),
                _ => (base.as_str(), ""),
            };
            let suffix = format!(" ({n}){ext}");
            let room = NAME_MAX_CHARS.saturating_sub(suffix.chars().count());
            let stem: String = stem.chars().take(room).collect();
            name = portable_name(&format!("{stem}{suffix}"));
            n += 1;
        }
        name
    }
}

/// Part of a file name made from outside text (an agency code): ASCII lowercase letters,
/// digits and `-` only, at most `max` characters; when that is not the text itself (capitals,
/// diacritics, other signs), eight hex digits of the text's SHA-256 follow, so two texts never
/// share a part — not even «ab» and «AB», which Windows would take for one file.
pub fn name_part(text: &str, max: usize) -> String {
    use sha2::{Digest, Sha256};
    let plain: String = text
        .chars()
        .filter(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-')
        .take(max)
        .collect();
    if plain == text && !plain.is_empty() {
        return plain;
    }
    let tag: String = Sha256::digest(text.as_bytes())
        .iter()
        .take(4)
        .map(|b| format!("{b:02x}"))
        .collect();
    let folded: String = crate::text::fold(text)
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .take(max)
        .collect();
    format!("{folded}-{tag}")
}

// The order of the durable steps, recorded per thread in unit tests only.
#[cfg(test)]
thread_local! {
    static TRACE: std::cell::RefCell<Vec<&'static str>> = const { std::cell::RefCell::new(Vec::new()) };
}

#[cfg(test)]
fn trace(step: &'static str) {
    TRACE.with(|t| t.borrow_mut().push(step));
}

#[cfg(not(test))]
fn trace(_: &'static str) {}

#[cfg(test)]
mod tests {
    use super::*;

    fn take_trace() -> Vec<&'static str> {
        TRACE.with(|t| std::mem::take(&mut *t.borrow_mut()))
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .map(|rd| {
                rd.filter_map(|e| e.ok())
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        v.sort();
        v
    }

    #[test]
    fn the_data_dir_names_each_room() {
        let d = DataDir::new("/srv/kiemtra");
        assert_eq!(d.store_file(), Path::new("/srv/kiemtra/kiemtra.sqlite3"));
        assert_eq!(d.evidence(), Path::new("/srv/kiemtra/evidence"));
        assert_eq!(
            d.evidence_blob("abcdef0123"),
            Path::new("/srv/kiemtra/evidence/ab/abcdef0123")
        );
        assert_eq!(d.notices(), Path::new("/srv/kiemtra/notices"));
        assert_eq!(
            d.notice_pdf("abcd"),
            Path::new("/srv/kiemtra/notices/abcd.pdf")
        );
        assert_eq!(d.exports(), Path::new("/srv/kiemtra/exports"));
        assert_eq!(d.opened(), Path::new("/srv/kiemtra/open"));
        assert_eq!(d.tmp(), Path::new("/srv/kiemtra/tmp"));
        assert_eq!(d.root(), Path::new("/srv/kiemtra"));
        // It reads as its root path.
        assert_eq!(d.join("x"), Path::new("/srv/kiemtra/x"));
        assert!(!d.is_none());
        assert!(DataDir::none().is_none());
    }

    #[test]
    fn an_explicit_data_dir_wins() {
        let d = DataDir::resolve(Some(PathBuf::from("/chosen")));
        assert_eq!(d.root(), Path::new("/chosen"));
    }

    #[test]
    fn write_atomic_syncs_the_file_before_the_rename_and_the_folder_after() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("exports").join("ke-hoach.pdf");
        take_trace();
        write_atomic(&path, b"%PDF new")?;
        assert_eq!(std::fs::read(&path)?, b"%PDF new");
        assert_eq!(
            take_trace(),
            // The new `exports` folder's name is synced in its parent first.
            vec!["sync dir", "sync file", "rename", "sync dir"]
        );
        assert_eq!(names(&dir.path().join("exports")), vec!["ke-hoach.pdf"]);

        write_atomic(&path, b"%PDF newer")?;
        assert_eq!(std::fs::read(&path)?, b"%PDF newer");
        assert_eq!(take_trace(), vec!["sync file", "rename", "sync dir"]);
        assert_eq!(
            names(&dir.path().join("exports")),
            vec!["ke-hoach.pdf"],
            "no temporary file is left"
        );
        Ok(())
    }

    #[test]
    fn a_failed_write_keeps_the_old_content_and_leaves_no_temporary_file() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        // A folder where the file should go: the rename fails.
        let path = dir.path().join("thong-bao.pdf");
        std::fs::create_dir(&path)?;
        std::fs::write(path.join("old"), b"old")?;
        assert!(write_atomic(&path, b"new").is_err());
        assert_eq!(std::fs::read(path.join("old"))?, b"old");
        assert_eq!(
            names(dir.path()),
            vec!["thong-bao.pdf"],
            "no temporary file"
        );
        Ok(())
    }

    #[test]
    fn a_streamed_file_appears_only_on_commit_and_leaves_nothing_when_dropped() -> anyhow::Result<()>
    {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("goi.tar");
        let mut f = AtomicFile::create(&path)?;
        f.write_all(b"half")?;
        assert!(
            !path.exists(),
            "nothing under the real name before the commit"
        );
        drop(f);
        assert!(
            names(dir.path()).is_empty(),
            "the temporary file is removed"
        );

        let mut f = AtomicFile::create(&path)?;
        f.write_all(b"whole ")?;
        f.write_all(b"file")?;
        take_trace();
        f.commit(false)?;
        assert_eq!(take_trace(), vec!["sync file", "rename", "sync dir"]);
        assert_eq!(std::fs::read(&path)?, b"whole file");
        assert_eq!(names(dir.path()), vec!["goi.tar"]);
        Ok(())
    }

    #[test]
    fn a_reader_sees_the_old_or_the_new_content_never_a_mix() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("a.bin");
        let old = vec![b'o'; 256 * 1024];
        let new = vec![b'n'; 256 * 1024];
        write_atomic(&path, &old)?;
        let stop = std::sync::atomic::AtomicBool::new(false);
        std::thread::scope(|s| -> anyhow::Result<()> {
            let reader = s.spawn(|| -> anyhow::Result<u32> {
                let mut seen = 0;
                while !stop.load(Ordering::Relaxed) {
                    let got = std::fs::read(&path)?;
                    assert!(got == old || got == new, "a mixed or short read");
                    seen += 1;
                }
                Ok(seen)
            });
            for i in 0..20 {
                write_atomic(&path, if i % 2 == 0 { &new } else { &old })?;
            }
            stop.store(true, Ordering::Relaxed);
            let seen = reader
                .join()
                .map_err(|_| anyhow::anyhow!("reader panicked"))??;
            assert!(seen > 0);
            Ok(())
        })?;
        assert_eq!(names(dir.path()), vec!["a.bin"], "no temporary file");
        Ok(())
    }

    #[cfg(unix)]
    #[test]
    fn a_kept_file_is_read_only_under_its_real_name() -> anyhow::Result<()> {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("notices").join("abc.pdf");
        write_atomic_read_only(&path, b"%PDF issued")?;
        let mode = std::fs::metadata(&path)?.permissions().mode() & 0o777;
        assert_eq!(mode, 0o444);
        assert_eq!(std::fs::read(&path)?, b"%PDF issued");
        Ok(())
    }

    #[test]
    fn several_files_are_synced_together() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let a = dir.path().join("a");
        let b = dir.path().join("b");
        std::fs::write(&a, b"a")?;
        std::fs::write(&b, b"b")?;
        take_trace();
        sync_files(std::slice::from_ref(&a), dir.path())?;
        assert_eq!(take_trace(), vec!["sync file"]);
        sync_files(&[a, b], dir.path())?;
        let t = take_trace();
        assert!(
            t == vec!["sync filesystem"] || t == vec!["sync file", "sync file"],
            "{t:?}"
        );
        Ok(())
    }

    #[test]
    fn portable_names_are_valid_on_windows_and_stay_readable() {
        // Vietnamese stays as it is, composed.
        assert_eq!(portable_name("Biên bản họp.pdf"), "Biên bản họp.pdf");
        let nfd: String = {
            use unicode_normalization::UnicodeNormalization;
            "Sở Nội vụ — Kế hoạch.xlsx".nfd().collect()
        };
        assert_eq!(portable_name(&nfd), "Sở Nội vụ — Kế hoạch.xlsx");
        // Reserved device names, with any extension and any case.
        for (raw, want) in [
            ("CON", "_CON"),
            ("con.pdf", "_con.pdf"),
            ("Aux.tar.gz", "_Aux.tar.gz"),
            ("NUL .txt", "_NUL .txt"),
            ("COM1.xlsx", "_COM1.xlsx"),
            ("lpt9", "_lpt9"),
            ("COM¹.pdf", "_COM¹.pdf"),
            ("CONIN$", "_CONIN$"),
            ("conout$.log", "_conout$.log"),
        ] {
            assert_eq!(portable_name(raw), want, "{raw}");
        }
        // Not reserved: longer stems.
        assert_eq!(portable_name("CONSOLE.pdf"), "CONSOLE.pdf");
        assert_eq!(portable_name("COM10.pdf"), "COM10.pdf");
        // Forbidden characters and control characters.
        assert_eq!(
            portable_name("Công văn 25/KH-SNV: «Lịch»?.pdf"),
            "Công văn 25_KH-SNV_ «Lịch»_.pdf"
        );
        assert_eq!(portable_name("a<b>c\"d|e*f\\g\u{1}h"), "a_b_c_d_e_f_g_h");
        // Trailing dots and spaces, which Windows drops.
        assert_eq!(portable_name("Báo cáo. . ."), "Báo cáo");
        assert_eq!(portable_name("Báo cáo.pdf  "), "Báo cáo.pdf");
        // Never empty, `.` or `..`.
        assert_eq!(portable_name(""), "tep-khong-ten");
        assert_eq!(portable_name(". ."), "tep-khong-ten");
        // Over-long names keep their extension and fit NTFS and Linux.
        let long = format!("{}.pdf", "Thông báo kết luận kiểm tra ".repeat(20));
        let n = portable_name(&long);
        assert!(n.ends_with(".pdf") && n.starts_with("Thông báo kết luận"));
        assert!(n.chars().count() <= 200 && n.len() <= 240, "{n}");
        assert!(n.encode_utf16().count() <= 240);
        // Characters outside the BMP count twice in UTF-16.
        let emoji = format!("{}.pdf", "😀".repeat(150));
        let n = portable_name(&emoji);
        assert!(n.encode_utf16().count() <= 240 && n.len() <= 240, "{n}");
        // Idempotent.
        for raw in ["CON.txt", long.as_str(), "a:b", "Biên bản họp.pdf"] {
            let once = portable_name(raw);
            assert_eq!(portable_name(&once), once);
        }
    }

    #[test]
    fn names_differing_only_by_case_are_a_clash_in_one_folder() {
        let nfd: String = {
            use unicode_normalization::UnicodeNormalization;
            "Biên bản.pdf".nfd().collect()
        };
        let names = [
            "Biên bản.pdf",
            "BIÊN BẢN.PDF",
            "ke-hoach.pdf",
            nfd.as_str(),
            "Kế hoạch.pdf",
        ];
        assert_eq!(
            case_clashes(names),
            vec![vec![
                "Biên bản.pdf".to_string(),
                "BIÊN BẢN.PDF".to_string(),
                nfd.clone()
            ]]
        );
        assert!(case_clashes(["a.pdf", "b.pdf", "a.pdf"]).is_empty());

        let mut folder = FolderNames::new();
        assert_eq!(folder.claim("Báo cáo.pdf"), "Báo cáo.pdf");
        assert_eq!(folder.claim("BÁO CÁO.pdf"), "BÁO CÁO (2).pdf");
        assert_eq!(folder.claim("báo cáo.PDF"), "báo cáo (3).PDF");
        assert_eq!(folder.claim("CON"), "_CON");
        assert_eq!(folder.claim("con"), "_con (2)");
        let given: Vec<String> = ["Báo cáo.pdf", "BÁO CÁO (2).pdf", "báo cáo (3).PDF"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert!(case_clashes(given.iter().map(String::as_str)).is_empty());
    }

    #[test]
    fn a_folder_s_existing_names_are_taken() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        std::fs::write(dir.path().join("Thông báo.pdf"), b"x")?;
        let mut folder = FolderNames::of_dir(dir.path())?;
        assert_eq!(folder.claim("THÔNG BÁO.pdf"), "THÔNG BÁO (2).pdf");
        let mut empty = FolderNames::of_dir(&dir.path().join("chua-co"))?;
        assert_eq!(empty.claim("a.pdf"), "a.pdf");
        Ok(())
    }

    #[test]
    fn name_parts_from_codes_never_share_a_file_name() {
        assert_eq!(name_part("07264", 32), "07264");
        assert_eq!(name_part("so-noi-vu", 32), "so-noi-vu");
        let upper = name_part("AB1", 32);
        let lower = name_part("ab1", 32);
        assert_eq!(lower, "ab1");
        assert!(upper.starts_with("ab1-") && upper.len() == 12, "{upper}");
        assert_ne!(folder_key(&upper), folder_key(&lower));
        let a = name_part("Sở Nội vụ", 32);
        assert!(a.starts_with("sonoivu-"), "{a}");
        assert_ne!(name_part("a/b", 32), name_part("ab", 32));
        assert!(!name_part("../..", 32).contains(['/', '.']));
        assert!(name_part("", 32).starts_with('-'));
    }
}
