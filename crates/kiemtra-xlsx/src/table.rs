//! One table of the workbook: a header row, typed cells, and the hidden id column last. Writing
//! it freezes the header, puts an autofilter over it, sizes each column to its longest cell, and
//! prints it on A4 landscape pages one page wide with the header repeated.

use chrono::{NaiveDate, NaiveDateTime, Timelike};
use kiemtra_core::text::nfc;
use rust_xlsxwriter::{Color, ExcelDateTime, Format, FormatBorder, Worksheet, XlsxError};

/// The header of the hidden column holding each row's stable id.
pub const ID_HEADER: &str = "Mã định danh";

/// The widest a column is made, in characters: longer text stays in its cell.
pub const MAX_WIDTH: usize = 60;
/// The narrowest, so a short header still reads.
pub const MIN_WIDTH: usize = 6;

/// A cell: text, a number, or a real date (never a date or a number written as text).
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    /// A whole number shown with thousands separators (sizes in bytes).
    Count(f64),
    /// A share (0.2 shows as 20%).
    Percent(f64),
    Date(NaiveDate),
    DateTime(NaiveDateTime),
}

impl Cell {
    /// Text as the store keeps it (NFC, trimmed); empty text is an empty cell.
    pub fn text(s: impl AsRef<str>) -> Cell {
        let s = nfc(s.as_ref());
        if s.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s)
        }
    }

    pub fn opt_text(s: Option<&str>) -> Cell {
        s.map_or(Cell::Empty, Cell::text)
    }

    pub fn int(n: impl Into<i64>) -> Cell {
        Cell::Number(n.into() as f64)
    }

    /// A stored date ("YYYY-MM-DD") as a date cell. A stored value that is not a date (the
    /// store validates every date it takes, so this is damage) is kept as text rather than lost.
    pub fn date(s: &str) -> Cell {
        match NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d") {
            Ok(d) => Cell::Date(d),
            Err(_) => Cell::text(s),
        }
    }

    pub fn opt_date(s: Option<&str>) -> Cell {
        s.map_or(Cell::Empty, Cell::date)
    }

    /// A stored instant (RFC 3339 with the local offset it was recorded in) as a date-time cell
    /// showing that local time, to the minute.
    pub fn instant(s: &str) -> Cell {
        match chrono::DateTime::parse_from_rfc3339(s.trim()) {
            Ok(t) => Cell::DateTime(t.naive_local()),
            Err(_) => Cell::date(s),
        }
    }

    /// How many characters the cell shows, for the column's width.
    fn chars(&self) -> usize {
        match self {
            Cell::Empty => 0,
            Cell::Text(s) => s.chars().count(),
            Cell::Number(n) => format!("{n}").chars().count(),
            Cell::Count(n) => {
                let digits = format!("{n:.0}").len();
                digits + digits.saturating_sub(1) / 3
            }
            Cell::Percent(p) => format!("{:.0}%", p * 100.0).len(),
            Cell::Date(_) => "dd/mm/yyyy".len(),
            Cell::DateTime(_) => "dd/mm/yyyy hh:mm".len(),
        }
    }
}

/// A table: its header and its rows, each row's stable id last (a hidden column).
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub headers: Vec<&'static str>,
    pub rows: Vec<(Vec<Cell>, String)>,
}

impl Table {
    pub fn new(headers: &[&'static str]) -> Table {
        Table {
            headers: headers.to_vec(),
            rows: Vec::new(),
        }
    }

    pub fn push(&mut self, cells: Vec<Cell>, id: impl Into<String>) {
        debug_assert_eq!(cells.len(), self.headers.len());
        self.rows.push((cells, id.into()));
    }

    /// The column of the hidden id.
    pub fn id_col(&self) -> u16 {
        self.headers.len() as u16
    }

    /// The width of each column (the id column's last): its longest cell, header included, in
    /// characters, plus a margin, within [`MIN_WIDTH`] and [`MAX_WIDTH`].
    pub fn widths(&self) -> Vec<f64> {
        let mut longest: Vec<usize> = self.headers.iter().map(|h| h.chars().count()).collect();
        longest.push(ID_HEADER.chars().count());
        for (cells, id) in &self.rows {
            for (w, c) in longest.iter_mut().zip(cells) {
                *w = (*w).max(c.chars());
            }
            if let Some(w) = longest.last_mut() {
                *w = (*w).max(id.chars().count());
            }
        }
        longest
            .into_iter()
            .map(|n| (n.clamp(MIN_WIDTH, MAX_WIDTH) + 2) as f64)
            .collect()
    }

    /// Writes the table with its header at `first_row`: header frozen (with what is above
    /// it), autofilter over header and rows, columns sized, the id column hidden. Returns the
    /// row after the table.
    pub fn write(
        &self,
        ws: &mut Worksheet,
        first_row: u32,
        formats: &Formats,
    ) -> Result<u32, XlsxError> {
        let id_col = self.id_col();
        for (c, h) in self.headers.iter().chain([&ID_HEADER]).enumerate() {
            ws.write_string_with_format(first_row, c as u16, *h, &formats.header)?;
        }
        let mut row = first_row;
        for (cells, id) in &self.rows {
            row += 1;
            for (c, cell) in cells.iter().enumerate() {
                write_cell(ws, row, c as u16, cell, formats)?;
            }
            ws.write_string(row, id_col, id)?;
        }
        ws.set_freeze_panes(first_row + 1, 0)?;
        ws.autofilter(first_row, 0, row, id_col)?;
        for (c, w) in self.widths().into_iter().enumerate() {
            ws.set_column_width(c as u16, w)?;
        }
        ws.set_column_hidden(id_col)?;
        // Printed (or saved as PDF): A4 landscape, one page wide, the header on every page.
        ws.set_paper_size(9)
            .set_landscape()
            .set_print_fit_to_pages(1, 0)
            .set_repeat_rows(first_row, first_row)?;
        Ok(row + 1)
    }
}

/// The cell formats of the workbook.
pub struct Formats {
    pub header: Format,
    pub title: Format,
    date: Format,
    datetime: Format,
    count: Format,
    percent: Format,
}

impl Default for Formats {
    fn default() -> Formats {
        Formats {
            header: Format::new()
                .set_bold()
                .set_background_color(Color::RGB(0xDDEBF7))
                .set_border_bottom(FormatBorder::Thin),
            title: Format::new().set_bold().set_font_size(13),
            date: Format::new().set_num_format("dd/mm/yyyy"),
            datetime: Format::new().set_num_format("dd/mm/yyyy hh:mm"),
            count: Format::new().set_num_format("#,##0"),
            percent: Format::new().set_num_format("0%"),
        }
    }
}

fn excel_date(d: NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    use chrono::Datelike;
    ExcelDateTime::from_ymd(
        u16::try_from(d.year()).map_err(|_| XlsxError::DateTimeRangeError(d.to_string()))?,
        d.month() as u8,
        d.day() as u8,
    )
}

pub fn write_cell(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    cell: &Cell,
    f: &Formats,
) -> Result<(), XlsxError> {
    match cell {
        Cell::Empty => {}
        Cell::Text(s) => {
            ws.write_string(row, col, s)?;
        }
        Cell::Number(n) => {
            ws.write_number(row, col, *n)?;
        }
        Cell::Count(n) => {
            ws.write_number_with_format(row, col, *n, &f.count)?;
        }
        Cell::Percent(p) => {
            ws.write_number_with_format(row, col, *p, &f.percent)?;
        }
        Cell::Date(d) => {
            ws.write_datetime_with_format(row, col, excel_date(*d)?, &f.date)?;
        }
        Cell::DateTime(t) => {
            let dt = excel_date(t.date())?.and_hms(
                t.hour() as u16,
                t.minute() as u8,
                t.second() as f64,
            )?;
            ws.write_datetime_with_format(row, col, dt, &f.datetime)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn stored_dates_and_instants_become_date_cells_and_damage_stays_visible() {
        assert_eq!(
            Cell::date("2026-05-04"),
            Cell::Date(NaiveDate::from_ymd_opt(2026, 5, 4).unwrap())
        );
        assert_eq!(
            Cell::instant("2026-05-04T14:30:05+07:00"),
            Cell::DateTime(
                NaiveDate::from_ymd_opt(2026, 5, 4)
                    .unwrap()
                    .and_hms_opt(14, 30, 5)
                    .unwrap()
            ),
            "the local time it was recorded at, not UTC"
        );
        assert_eq!(Cell::date("hôm qua"), Cell::Text("hôm qua".into()));
        assert_eq!(Cell::text("  "), Cell::Empty);
        assert_eq!(
            Cell::text("Xa\u{303} Tam Tie\u{302}\u{301}n"),
            Cell::Text("Xã Tam Tiến".into()),
            "text is NFC"
        );
    }

    #[test]
    fn widths_follow_the_longest_cell_in_characters_not_bytes_and_are_capped() {
        let mut t = Table::new(&["Cơ quan", "Nội dung", "Số"]);
        t.push(
            vec![
                Cell::text("Xã Tam Tiến"),
                Cell::text("x".repeat(200)),
                Cell::Count(1_234_567.0),
            ],
            "07264",
        );
        t.push(
            vec![Cell::text("Sở Nội vụ"), Cell::Empty, Cell::int(3)],
            "SNV",
        );
        let w = t.widths();
        // "Xã Tam Tiến" is 11 characters (15 bytes in UTF-8).
        assert_eq!(w, [13.0, 62.0, 11.0, 14.0]);
    }
}
