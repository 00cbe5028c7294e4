//! The checklist screen: the current checklist, and the lead's template round trip — export the
//! year's template into a folder the user chose, preview and import an edited one as a new
//! version of a year (the file is read again on import, as bundles are).

use std::path::{Path, PathBuf};

use kiemtra_core::checklist::sheet::{self, SheetInput, TemplatePreview};
use kiemtra_core::checklist::{self, Checklist};
use kiemtra_core::Error;
use serde::Serialize;
use tauri::State;

use super::chosen_dir;
use crate::error::IpcResult;
use crate::state::AppState;

#[tauri::command]
pub async fn show_checklist(
    state: State<'_, AppState>,
    agency: Option<String>,
) -> IpcResult<Checklist> {
    Ok(checklist::show(
        state.db()?.conn(),
        agency.as_deref(),
        None,
    )?)
}

/// The template file written: where, and how many rows.
#[derive(Debug, Clone, Serialize)]
pub struct TemplateExport {
    pub path: String,
    pub rows: usize,
}

/// `danh-muc-kiem-tra-<code>-v<version>.<ext>` in `dir`, never an existing file (`-2`, `-3`…).
/// The code is folded to letters, digits and `-`, so the name never leaves `dir`.
fn template_path(dir: &Path, code: &str, version: i64, ext: &str) -> PathBuf {
    let mut slug = String::new();
    for c in kiemtra_core::text::fold(code).chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug: String = slug.trim_end_matches('-').chars().take(40).collect();
    let base = format!("danh-muc-kiem-tra-{slug}-v{version}");
    let mut n = 1;
    loop {
        let name = if n == 1 {
            format!("{base}.{ext}")
        } else {
            format!("{base}-{n}.{ext}")
        };
        let path = dir.join(name);
        if !path.exists() {
            return path;
        }
        n += 1;
    }
}

/// Writes the current template of `year` into the chosen folder as XLSX or CSV (lead only).
#[tauri::command]
pub async fn export_checklist_template(
    state: State<'_, AppState>,
    year: i64,
    dir: String,
    format: String,
) -> IpcResult<TemplateExport> {
    let dir = chosen_dir(&dir)?;
    let ext = match format.as_str() {
        "xlsx" | "csv" => format.as_str(),
        _ => {
            return Err(Error::Invalid {
                field: "format".into(),
                reason: "chỉ xuất được .xlsx hoặc .csv".into(),
            }
            .into())
        }
    };
    let (sheet, now) = {
        let db = state.db()?;
        kiemtra_core::profile::require_lead(db.conn(), "xuất mẫu danh mục kiểm tra")?;
        (sheet::export(db.conn(), year)?, db.now().naive_utc())
    };
    let path = template_path(&dir, &sheet.template.code, sheet.template.version, ext);
    let bytes = kiemtra_xlsx::template::template_file(&path, &sheet, now).map_err(|e| match e {
        kiemtra_xlsx::XlsxError::Core(e) => e,
        other => Error::Invalid {
            field: "format".into(),
            reason: other.to_string(),
        },
    })?;
    kiemtra_core::files::write_atomic(&path, &bytes)?;
    Ok(TemplateExport {
        path: path.display().to_string(),
        rows: sheet.rows.len(),
    })
}

/// The chosen template file: an absolute path to an existing .xlsx or .csv file, read whole.
fn read_template(path: &str) -> Result<SheetInput, Error> {
    let p = path.trim();
    let invalid = |reason: String| Error::Invalid {
        field: "path".into(),
        reason,
    };
    if p.is_empty() {
        return Err(invalid("hãy chọn tệp danh mục (.xlsx hoặc .csv)".into()));
    }
    let path = PathBuf::from(p);
    if !path.is_absolute() {
        return Err(invalid(format!(
            "«{p}» không phải đường dẫn đầy đủ; hãy chọn tệp"
        )));
    }
    match std::fs::metadata(&path) {
        Ok(m) if m.is_file() => {}
        Ok(_) => return Err(invalid(format!("«{p}» không phải một tệp"))),
        Err(_) => return Err(invalid(format!("không có tệp «{p}»"))),
    }
    let bytes = std::fs::read(&path).map_err(|source| Error::Io {
        path: p.to_string(),
        source,
    })?;
    kiemtra_xlsx::template::read_template_file(&path, &bytes).map_err(|e| match e {
        kiemtra_xlsx::XlsxError::Core(e) => e,
        other => invalid(other.to_string()),
    })
}

/// What importing the file for `year` would do (problems by line and column included);
/// nothing is changed.
#[tauri::command]
pub async fn preview_checklist_import(
    state: State<'_, AppState>,
    path: String,
    year: i64,
) -> IpcResult<TemplatePreview> {
    let input = read_template(&path)?;
    Ok(sheet::preview(&mut *state.db()?, &input, year)?)
}

/// Imports the file as a new version of `year`'s checklist (lead only; `template_invalid`
/// with every problem when it cannot).
#[tauri::command]
pub async fn import_checklist(
    state: State<'_, AppState>,
    path: String,
    year: i64,
) -> IpcResult<TemplatePreview> {
    let input = read_template(&path)?;
    Ok(sheet::import(&mut *state.db()?, &input, year)?)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn template_names_stay_in_the_chosen_folder() {
        let dir = tempfile::tempdir().unwrap();
        let p = template_path(dir.path(), "../../etc/KH167-2026", 2, "xlsx");
        assert_eq!(p.parent().unwrap(), dir.path());
        assert_eq!(
            p.file_name().unwrap().to_str().unwrap(),
            "danh-muc-kiem-tra-etc-kh167-2026-v2.xlsx"
        );
        std::fs::write(&p, b"x").unwrap();
        let q = template_path(dir.path(), "../../etc/KH167-2026", 2, "xlsx");
        assert!(q.to_str().unwrap().ends_with("-v2-2.xlsx"));
    }

    #[test]
    fn only_an_absolute_existing_file_is_read() {
        assert_eq!(read_template("").unwrap_err().code(), "invalid");
        assert_eq!(read_template("tep.csv").unwrap_err().code(), "invalid");
        assert_eq!(
            read_template("/khong/co/tep.csv").unwrap_err().code(),
            "invalid"
        );
    }
}
