//! The checklist template as an editable workbook (`kiemtra checklist export --out FILE.xlsx`)
//! and read back (`kiemtra checklist import FILE.xlsx`): sheet «Danh mục», one row per item in
//! the columns of [`kiemtra_core::checklist::sheet::COLUMNS`], header frozen and filtered, due
//! dates as date cells and target values as numbers; sheet «Thông tin», the template's code,
//! year, version, name and source. Reading takes any cell type a spreadsheet may have left
//! (a date typed as text, a number as text) and hands text to the core, which checks it.

use std::io::Cursor;

use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
use chrono::NaiveDate;
use kiemtra_core::checklist::sheet::{
    SheetInput, SheetValue, TemplateSheet, COLUMNS, INFO_SHEET, ITEMS_SHEET,
};
use kiemtra_core::text::nfc;
use rust_xlsxwriter::{DocProperties, Workbook};

use crate::table::{write_cell, Cell, Formats, MAX_WIDTH, MIN_WIDTH};
use crate::Result;

/// The template as XLSX bytes. The workbook's creation date is `SOURCE_DATE_EPOCH` when set,
/// else `created`.
pub fn template_workbook(sheet: &TemplateSheet, created: chrono::NaiveDateTime) -> Result<Vec<u8>> {
    let formats = Formats::default();
    let mut wb = Workbook::new();
    let created = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|t| chrono::DateTime::from_timestamp(t, 0))
        .map_or(created, |t| t.naive_utc());
    wb.set_properties(
        &DocProperties::new()
            .set_title(sheet.template.name.clone())
            .set_creation_datetime(&crate::excel_instant(created)?),
    );

    let ws = wb.add_worksheet();
    ws.set_name(ITEMS_SHEET)?;
    let mut widths: Vec<usize> = COLUMNS.iter().map(|h| h.chars().count()).collect();
    for (c, h) in COLUMNS.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &formats.header)?;
    }
    for (r, row) in sheet.rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            let cell = match v {
                SheetValue::Text(s) => Cell::text(s),
                SheetValue::Number(n) => Cell::Number(*n),
                SheetValue::Date(d) => Cell::date(d),
            };
            if let (Some(w), SheetValue::Text(s)) = (widths.get_mut(c), v) {
                *w = (*w).max(s.chars().count());
            }
            write_cell(ws, r as u32 + 1, c as u16, &cell, &formats)?;
        }
    }
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, sheet.rows.len() as u32, COLUMNS.len() as u16 - 1)?;
    for (c, w) in widths.into_iter().enumerate() {
        ws.set_column_width(c as u16, (w.clamp(MIN_WIDTH.max(10), MAX_WIDTH) + 2) as f64)?;
    }

    let info = wb.add_worksheet();
    info.set_name(INFO_SHEET)?;
    info.write_string_with_format(0, 0, "Thông tin", &formats.header)?;
    info.write_string_with_format(0, 1, "Giá trị", &formats.header)?;
    for (r, (k, v)) in sheet.info().into_iter().enumerate() {
        info.write_string(r as u32 + 1, 0, k)?;
        info.write_string(r as u32 + 1, 1, v)?;
    }
    info.set_column_width(0, 16)?;
    info.set_column_width(1, 80)?;
    Ok(wb.save_to_buffer()?)
}

/// A cell as text: numbers with a decimal comma (so "1,255" is never read as a thousand),
/// dates ISO 8601.
fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => nfc(s),
        Data::Int(n) => n.to_string(),
        Data::Float(f) => {
            if f.fract() == 0.0 && f.abs() < 1e15 {
                format!("{}", *f as i64)
            } else {
                format!("{f}").replace('.', ",")
            }
        }
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(t) => t
            .as_datetime()
            .map(|t| t.date().to_string())
            .unwrap_or_else(|| t.as_f64().to_string()),
        Data::DateTimeIso(s) => s
            .get(..10)
            .filter(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok())
            .unwrap_or(s)
            .to_string(),
        Data::DurationIso(s) => s.clone(),
    }
}

fn unreadable(reason: String) -> kiemtra_core::Error {
    kiemtra_core::Error::ImportFile { reason }
}

/// Reads a template workbook: «Danh mục» (or the first sheet) with its header in the first
/// non-empty row, and «Thông tin» when present. Line numbers are the sheet's row numbers.
pub fn read_template(bytes: &[u8]) -> Result<SheetInput> {
    let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes))
        .map_err(|e| unreadable(format!("không đọc được tệp XLSX ({e})")))?;
    let names = wb.sheet_names();
    let items_name = names
        .iter()
        .find(|n| nfc(n) == ITEMS_SHEET)
        .or_else(|| names.first())
        .cloned()
        .ok_or_else(|| unreadable("tệp XLSX không có trang tính nào".into()))?;
    let info_name = names.iter().find(|n| nfc(n) == INFO_SHEET).cloned();

    let mut input = SheetInput {
        info_sheet: Some(INFO_SHEET.to_string()),
        ..SheetInput::default()
    };
    let range = wb
        .worksheet_range(&items_name)
        .map_err(|e| unreadable(format!("không đọc được trang «{items_name}» ({e})")))?;
    let (row0, col0) = range.start().unwrap_or((0, 0));
    for (i, row) in range.rows().enumerate() {
        let line = (row0 as usize) + i + 1;
        let mut cells: Vec<String> = vec![String::new(); col0 as usize];
        cells.extend(row.iter().map(cell_text));
        if input.header.is_empty() {
            if cells.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            input.header = cells;
            input.header_line = line;
        } else {
            input.rows.push((line, cells));
        }
    }
    if input.header.is_empty() {
        return Err(unreadable(format!("trang «{items_name}» không có dòng tiêu đề")).into());
    }
    if let Some(name) = info_name {
        let range = wb
            .worksheet_range(&name)
            .map_err(|e| unreadable(format!("không đọc được trang «{name}» ({e})")))?;
        let (row0, col0) = range.start().unwrap_or((0, 0));
        for (i, row) in range.rows().enumerate() {
            let line = (row0 as usize) + i + 1;
            let mut cells: Vec<String> = vec![String::new(); col0 as usize];
            cells.extend(row.iter().map(cell_text));
            let key = cells
                .first()
                .map(|s| s.trim().to_string())
                .unwrap_or_default();
            if key.is_empty() || (i == 0 && key == "Thông tin") {
                continue;
            }
            input
                .info
                .push((key, cells.get(1).cloned().unwrap_or_default(), line));
        }
    }
    Ok(input)
}

/// Reads a template file by its extension: `.xlsx` or `.csv`.
pub fn read_template_file(name: &std::path::Path, bytes: &[u8]) -> Result<SheetInput> {
    match extension(name).as_deref() {
        Some("xlsx") => read_template(bytes),
        Some("csv") => Ok(kiemtra_core::checklist::sheet::read_csv(bytes)?),
        _ => Err(kiemtra_core::Error::Invalid {
            field: "file".into(),
            reason: format!("«{}»: chỉ nhận tệp .xlsx hoặc .csv", name.display()),
        }
        .into()),
    }
}

/// The template in the format the file name's extension says: `.xlsx` or `.csv`.
pub fn template_file(
    name: &std::path::Path,
    sheet: &TemplateSheet,
    created: chrono::NaiveDateTime,
) -> Result<Vec<u8>> {
    match extension(name).as_deref() {
        Some("xlsx") => template_workbook(sheet, created),
        Some("csv") => Ok(kiemtra_core::checklist::sheet::to_csv(sheet)?),
        _ => Err(kiemtra_core::Error::Invalid {
            field: "out".into(),
            reason: format!(
                "«{}»: tên tệp phải kết thúc bằng .xlsx hoặc .csv",
                name.display()
            ),
        }
        .into()),
    }
}

fn extension(name: &std::path::Path) -> Option<String> {
    name.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
}
