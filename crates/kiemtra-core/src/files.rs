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

use crate::error::{Error, Result};

/// The file name of the store inside the data directory.
pub const STORE_FILE: &str = "kiemtra.sqlite3";

/// The environment variable naming the data directory.
pub const ENV_VAR: &str = "KIEMTRA_DATA_DIR";

/// The user's data directory and the paths of what it holds.
///
/// It dereferences to the root [`Path`], so `data_dir.display()` and `data_dir.join(…)` still
/// read naturally; prefer the named rooms below to a folder name spelled at the call site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataDir {
    root: PathBuf,
}

impl DataDir {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        DataDir { root: root.into() }
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
        let fan = sha256.get(..2).unwrap_or(sha256);
        self.evidence().join(fan).join(sha256)
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
        self.notices().join(format!("{sha256}.pdf"))
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

/// An I/O error on `path`, as the core reports it.
pub(crate) fn io_error(source: std::io::Error, path: &Path) -> Error {
    Error::Io {
        path: path.display().to_string(),
        source,
    }
}

pub(crate) fn create_dir_all(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| io_error(e, dir))
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
    f.write_all(bytes).map_err(|e| io_error(e, f.temp_path()))?;
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
            .map_err(|e| io_error(e, &tmp))?;
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
        let f = File::open(p).map_err(|e| io_error(e, p))?;
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

/// Opens `path` for reading without following a symbolic link in its last component, so a
/// link swapped in after the type check is refused rather than followed.
pub(crate) fn open_no_follow(path: &Path) -> std::io::Result<File> {
    platform::open_no_follow(path)
}

/// A FIFO, socket or device: something that is not content to copy.
pub(crate) fn is_special(ft: &FileType) -> bool {
    platform::is_special(ft)
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
}
