//! The IPC commands, one file per area. Each takes the state, calls core, maps the error.

pub mod agencies;
pub mod app;
pub mod backup;
pub mod checklist;
pub mod documents;
pub mod evidence;
pub mod exchange;
pub mod followup;
pub mod framework;
pub mod inspections;
pub mod plans;
pub mod profiles;

use std::path::{Path, PathBuf};

use kiemtra_core::Error;

fn invalid(field: &str, reason: impl Into<String>) -> Error {
    Error::Invalid {
        field: field.to_string(),
        reason: reason.into(),
    }
}

/// `<dir>/<stem>-<stamp><ext>`, never an existing name (`-2`, `-3`… after it). Built
/// from fixed ASCII parts, so it cannot leave `dir`.
pub(crate) fn fresh_path(dir: &Path, stem: &str, stamp: &str, ext: &str) -> PathBuf {
    let mut n = 1;
    loop {
        let name = if n == 1 {
            format!("{stem}-{stamp}{ext}")
        } else {
            format!("{stem}-{stamp}-{n}{ext}")
        };
        let p = dir.join(name);
        if !p.exists() {
            return p;
        }
        n += 1;
    }
}

/// The folder the user chose: absolute, existing, a directory.
pub(crate) fn chosen_dir(dir: &str) -> Result<PathBuf, Error> {
    let dir = dir.trim();
    if dir.is_empty() {
        return Err(invalid("dir", "hãy chọn một thư mục"));
    }
    let path = PathBuf::from(dir);
    if !path.is_absolute() {
        return Err(invalid(
            "dir",
            format!("«{dir}» không phải đường dẫn đầy đủ; hãy chọn một thư mục có sẵn"),
        ));
    }
    match std::fs::metadata(&path) {
        Ok(m) if m.is_dir() => Ok(path),
        Ok(_) => Err(invalid(
            "dir",
            format!("«{dir}» là một tệp, không phải thư mục"),
        )),
        Err(_) => Err(invalid(
            "dir",
            format!("không có thư mục «{dir}»; hãy chọn một thư mục có sẵn"),
        )),
    }
}
