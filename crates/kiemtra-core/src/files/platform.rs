//! The operating-system specific half of [`super`]: every Unix-only call of the core is here.
//! The other side is for the Windows port to fill in; until then it compiles, keeps the same
//! guarantees where std alone gives them, and otherwise returns an `Unsupported` error (never a
//! panic).

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

    pub fn sync_dir(dir: &Path) -> io::Result<()> {
        File::open(dir)?.sync_all()
    }

    pub fn sync_filesystem(on: &Path) -> io::Result<()> {
        let f = File::open(on)?;
        rustix::fs::syncfs(&f).map_err(io::Error::from)
    }
}

#[cfg(not(unix))]
mod imp {
    use std::fs::{File, FileType};
    use std::io;
    use std::path::Path;

    fn todo_windows(what: &str) -> io::Error {
        io::Error::new(
            io::ErrorKind::Unsupported,
            format!("chưa hỗ trợ trên hệ điều hành này: {what}"),
        )
    }

    /// TODO(windows): open with `FILE_FLAG_OPEN_REPARSE_POINT` and refuse a reparse point, so a
    /// link swapped in after the type check is not followed. Refused until then.
    pub fn open_no_follow(_path: &Path) -> io::Result<File> {
        Err(todo_windows("mở tệp không theo liên kết"))
    }

    /// Only regular files are content; `FileType::is_file` already says so outside Unix.
    pub fn is_special(ft: &FileType) -> bool {
        !ft.is_file() && !ft.is_dir() && !ft.is_symlink()
    }

    pub fn set_read_only(path: &Path) -> io::Result<()> {
        let mut p = std::fs::metadata(path)?.permissions();
        p.set_readonly(true);
        std::fs::set_permissions(path, p)
    }

    /// TODO(windows): flush the directory handle (`FILE_FLAG_BACKUP_SEMANTICS` +
    /// `FlushFileBuffers`). NTFS journals the rename itself, so nothing is done until then.
    pub fn sync_dir(_dir: &Path) -> io::Result<()> {
        Ok(())
    }

    /// No `syncfs`: the caller syncs each file instead.
    pub fn sync_filesystem(_on: &Path) -> io::Result<()> {
        Err(todo_windows("đồng bộ cả ổ đĩa"))
    }
}

pub(super) use imp::{is_special, open_no_follow, set_read_only, sync_dir, sync_filesystem};
