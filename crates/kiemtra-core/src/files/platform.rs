//! The operating-system specific half of [`super`]: every Unix- or Windows-only call of the core
//! is here, each side giving the same guarantees — no following a link out of a chosen file,
//! data synced before a rename and the folder after it, read-only stored files. Where one side
//! cannot sync a whole filesystem at once it says `Unsupported` and the caller syncs each file.
//! Any other platform compiles and refuses what it cannot guarantee (never a panic).

#[cfg(unix)]
mod imp {
    use std::fs::{File, FileType, OpenOptions};
    use std::io;
    use std::os::unix::fs::{FileTypeExt, OpenOptionsExt, PermissionsExt};
    use std::path::Path;

    pub fn open_no_follow(path: &Path) -> io::Result<File> {
        OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NOFOLLOW)
            .open(path)
    }

    pub fn is_special(ft: &FileType) -> bool {
        ft.is_fifo() || ft.is_socket() || ft.is_block_device() || ft.is_char_device()
    }

    pub fn set_read_only(path: &Path) -> io::Result<()> {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o444))
    }

    pub fn set_writable(path: &Path) -> io::Result<()> {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o644))
    }

    /// `fsync` works on a descriptor opened for reading.
    pub fn open_for_sync(path: &Path) -> io::Result<File> {
        File::open(path)
    }

    pub fn sync_dir(dir: &Path) -> io::Result<()> {
        File::open(dir)?.sync_all()
    }

    pub fn sync_filesystem(on: &Path) -> io::Result<()> {
        let f = File::open(on)?;
        rustix::fs::syncfs(&f).map_err(io::Error::from)
    }
}

#[cfg(windows)]
mod imp {
    //! The same guarantees through std's safe Windows extensions; `windows-sys` gives the flag
    //! and attribute values only, so no `unsafe` is needed (the workspace forbids it).
    use std::fs::{File, FileType, OpenOptions};
    use std::io;
    use std::os::windows::fs::{MetadataExt, OpenOptionsExt};
    use std::path::Path;

    use windows_sys::Win32::Storage::FileSystem::{
        FILE_ATTRIBUTE_REPARSE_POINT, FILE_FLAG_BACKUP_SEMANTICS, FILE_FLAG_OPEN_REPARSE_POINT,
    };

    /// Opens the reparse point itself rather than its target (`FILE_FLAG_OPEN_REPARSE_POINT`),
    /// then refuses it if it is one: a symbolic link or junction swapped in after the type check
    /// is never followed. Other reparse points (a OneDrive file not downloaded, a deduplicated
    /// file) are refused too: opened this way their handle would not give the content.
    pub fn open_no_follow(path: &Path) -> io::Result<File> {
        let f = OpenOptions::new()
            .read(true)
            .custom_flags(FILE_FLAG_OPEN_REPARSE_POINT)
            .open(path)?;
        if f.metadata()?.file_attributes() & FILE_ATTRIBUTE_REPARSE_POINT != 0 {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "là liên kết hoặc điểm reparse (tệp OneDrive chưa tải về…), không mở theo liên kết",
            ));
        }
        Ok(f)
    }

    /// Only regular files are content; `FileType::is_file` already says so on Windows.
    pub fn is_special(ft: &FileType) -> bool {
        !ft.is_file() && !ft.is_dir() && !ft.is_symlink()
    }

    /// The read-only attribute (`FILE_ATTRIBUTE_READONLY`), which std sets for `set_readonly`.
    pub fn set_read_only(path: &Path) -> io::Result<()> {
        let mut p = std::fs::metadata(path)?.permissions();
        p.set_readonly(true);
        std::fs::set_permissions(path, p)
    }

    /// Only the read-only attribute is cleared (there are no mode bits to widen here).
    #[allow(clippy::permissions_set_readonly_false)]
    pub fn set_writable(path: &Path) -> io::Result<()> {
        let mut p = std::fs::metadata(path)?.permissions();
        p.set_readonly(false);
        std::fs::set_permissions(path, p)
    }

    /// `FlushFileBuffers` (what `sync_all` calls) needs a handle with write access.
    pub fn open_for_sync(path: &Path) -> io::Result<File> {
        OpenOptions::new().write(true).open(path)
    }

    /// Flushes the folder's own entries: `FlushFileBuffers` on a directory handle, which only
    /// `FILE_FLAG_BACKUP_SEMANTICS` can open, with write access. NTFS journals a rename before it
    /// returns, so where the file system refuses to flush a folder (access denied, not
    /// supported: FAT on a USB stick, a network share) the rename is already as durable as the
    /// file system makes it, and that is not an error.
    pub fn sync_dir(dir: &Path) -> io::Result<()> {
        let tolerated = |e: &io::Error| {
            matches!(
                e.kind(),
                io::ErrorKind::PermissionDenied
                    | io::ErrorKind::Unsupported
                    | io::ErrorKind::InvalidInput
            )
        };
        let d = match OpenOptions::new()
            .write(true)
            .custom_flags(FILE_FLAG_BACKUP_SEMANTICS)
            .open(dir)
        {
            Ok(d) => d,
            Err(e) if tolerated(&e) => return Ok(()),
            Err(e) => return Err(e),
        };
        match d.sync_all() {
            Err(e) if tolerated(&e) => Ok(()),
            other => other,
        }
    }

    /// No `syncfs` (flushing a whole volume needs an administrator's volume handle): the
    /// caller syncs each file instead.
    pub fn sync_filesystem(_on: &Path) -> io::Result<()> {
        Err(io::Error::new(
            io::ErrorKind::Unsupported,
            "không đồng bộ cả ổ đĩa trên Windows",
        ))
    }
}

#[cfg(not(any(unix, windows)))]
mod imp {
    use std::fs::{File, FileType};
    use std::io;
    use std::path::Path;

    fn unsupported(what: &str) -> io::Error {
        io::Error::new(
            io::ErrorKind::Unsupported,
            format!("chưa hỗ trợ trên hệ điều hành này: {what}"),
        )
    }

    pub fn open_no_follow(_path: &Path) -> io::Result<File> {
        Err(unsupported("mở tệp không theo liên kết"))
    }

    pub fn is_special(ft: &FileType) -> bool {
        !ft.is_file() && !ft.is_dir() && !ft.is_symlink()
    }

    pub fn set_read_only(path: &Path) -> io::Result<()> {
        let mut p = std::fs::metadata(path)?.permissions();
        p.set_readonly(true);
        std::fs::set_permissions(path, p)
    }

    /// Only the read-only attribute is cleared (there are no mode bits to widen here).
    #[allow(clippy::permissions_set_readonly_false)]
    pub fn set_writable(path: &Path) -> io::Result<()> {
        let mut p = std::fs::metadata(path)?.permissions();
        p.set_readonly(false);
        std::fs::set_permissions(path, p)
    }

    pub fn open_for_sync(path: &Path) -> io::Result<File> {
        File::open(path)
    }

    pub fn sync_dir(_dir: &Path) -> io::Result<()> {
        Ok(())
    }

    pub fn sync_filesystem(_on: &Path) -> io::Result<()> {
        Err(unsupported("đồng bộ cả ổ đĩa"))
    }
}

pub(super) use imp::{
    is_special, open_for_sync, open_no_follow, set_read_only, set_writable, sync_dir,
    sync_filesystem,
};
