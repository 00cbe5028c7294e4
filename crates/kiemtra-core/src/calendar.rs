//! Working days: weekends and the listed days off are skipped, listed make-up Saturdays count.
//! The days are data: the seed (seeds/holidays-YYYY.json) and the years a lead imports
//! (`kiemtra calendar import FILE.csv`, [`import_csv`]). A year without data skips weekends
//! only, and every due date that crosses one says so ([`WorkingDate::years_without_holidays`]).

use std::collections::{BTreeSet, HashMap};

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

use crate::audit::{self, Change};
use crate::db::Db;
use crate::error::{Error, Result};
use crate::profile;
use crate::text::nfc;

/// A date as users type it: day first as Vietnamese write it ("05/03/2026", "5/3/2026",
/// "05-03-2026", "05.03.2026") or ISO ("2026-03-05"); `field` names it in the error. The one
/// rule for the core, the CLI and the UI (`parseDateText` in `ui/src/lib/inspection.ts`), both
/// checked against `tests/date-cases.json`.
pub fn parse_date(field: &str, s: &str) -> Result<NaiveDate> {
    let t = s.trim();
    let refuse = || {
        Error::invalid(
            field,
            format!("«{t}» không phải ngày (ngày/tháng/năm, ví dụ 05/03/2026)"),
        )
    };
    let numbers = |parts: &[&str], widths: [&[usize]; 3]| -> Option<[u32; 3]> {
        let mut out = [0u32; 3];
        for (i, part) in parts.iter().enumerate() {
            if !widths[i].contains(&part.len()) || !part.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            out[i] = part.parse().ok()?;
        }
        Some(out)
    };
    let iso: Vec<&str> = t.split('-').collect();
    let (y, m, d) = if let Some([y, m, d]) = (iso.len() == 3)
        .then(|| numbers(&iso, [&[4], &[2], &[2]]))
        .flatten()
    {
        (y, m, d)
    } else {
        let sep = t
            .chars()
            .find(|c| matches!(c, '/' | '.' | '-'))
            .ok_or_else(refuse)?;
        let vn: Vec<&str> = t.split(sep).collect();
        if vn.len() != 3 {
            return Err(refuse());
        }
        let [d, m, y] = numbers(&vn, [&[1, 2], &[1, 2], &[4]]).ok_or_else(refuse)?;
        (y, m, d)
    };
    let year = i32::try_from(y).map_err(|_| refuse())?;
    NaiveDate::from_ymd_opt(year, m, d)
        .ok_or_else(|| Error::invalid(field, format!("«{t}» không có trong lịch")))
}

#[derive(Deserialize)]
pub(crate) struct HolidayFile {
    #[serde(default)]
    pub year: Option<i32>,
    pub days_off: Vec<Day>,
    #[serde(default)]
    pub working_saturdays: Vec<Day>,
}

#[derive(Deserialize)]
pub(crate) struct Day {
    pub date: NaiveDate,
    pub name: String,
    #[serde(default)]
    pub confidence: Option<String>,
}

pub(crate) fn store(conn: &Connection, f: &HolidayFile) -> Result<()> {
    let mut stmt = conn.prepare(
        "INSERT INTO calendar_days (date, kind, name, confidence) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (date) DO UPDATE SET kind = excluded.kind, name = excluded.name, confidence = excluded.confidence",
    )?;
    let mut years: BTreeSet<i32> = f.year.into_iter().collect();
    for (kind, days) in [("off", &f.days_off), ("working", &f.working_saturdays)] {
        for d in days {
            stmt.execute(params![d.date.to_string(), kind, d.name, d.confidence])?;
            years.insert(d.date.year());
        }
    }
    for y in years {
        conn.execute(
            "INSERT INTO calendar_years (year, source, loaded_at) VALUES (?1, 'seed', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
             ON CONFLICT (year) DO NOTHING",
            [y],
        )?;
    }
    Ok(())
}

/// The years whose days off and make-up working days are known, in order.
pub fn years_with_holidays(conn: &Connection) -> Result<Vec<i32>> {
    let mut stmt = conn.prepare("SELECT year FROM calendar_years ORDER BY year")?;
    let years = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(years)
}

/// A date counted in working days, and the years it crossed whose holidays are not known
/// (there only weekends were skipped, so the date may fall on or after a public holiday).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct WorkingDate {
    #[ts(type = "string")]
    pub date: NaiveDate,
    pub years_without_holidays: Vec<i32>,
}

impl WorkingDate {
    /// True when every day counted is in a year with holiday data.
    pub fn is_certain(&self) -> bool {
        self.years_without_holidays.is_empty()
    }

    /// The warning to show beside the date, when it is not certain.
    pub fn warning(&self) -> Option<String> {
        if self.is_certain() {
            return None;
        }
        let years: Vec<String> = self
            .years_without_holidays
            .iter()
            .map(i32::to_string)
            .collect();
        Some(format!(
            "hạn {} được tính qua năm {} chưa có dữ liệu ngày nghỉ lễ, nên chỉ bỏ qua thứ Bảy và Chủ nhật; \
             hãy nhập ngày nghỉ của năm đó (kiemtra calendar import TỆP.csv) rồi tính lại",
            self.date.format("%d/%m/%Y"),
            years.join(", ")
        ))
    }
}

/// The date `n` working days after `from`, with the years without holiday data it crossed.
pub fn add_working_days_checked(conn: &Connection, from: NaiveDate, n: u32) -> Result<WorkingDate> {
    let known: BTreeSet<i32> = years_with_holidays(conn)?.into_iter().collect();
    let mut unknown = BTreeSet::new();
    let mut d = from;
    let mut left = n;
    while left > 0 {
        d += Duration::days(1);
        if !known.contains(&d.year()) {
            unknown.insert(d.year());
        }
        if is_working_day(conn, d)? {
            left -= 1;
        }
    }
    Ok(WorkingDate {
        date: d,
        years_without_holidays: unknown.into_iter().collect(),
    })
}

/// What an import of a year's holidays did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CalendarImport {
    pub year: i32,
    #[ts(type = "number")]
    pub days_off: usize,
    #[ts(type = "number")]
    pub working_days: usize,
    /// The year had data before, now replaced whole.
    pub replaced: bool,
}

struct ImportedDay {
    date: NaiveDate,
    kind: &'static str,
    name: String,
    confidence: Option<String>,
}

/// Parses a year's holidays: a CSV with the header `date,kind,name[,confidence]` — the fields
/// of `seeds/holidays-YYYY.json`, with `kind` `off` (a day off, `days_off`) or `working` (a
/// make-up working Saturday or Sunday, `working_saturdays`); dates as `YYYY-MM-DD` or
/// `DD/MM/YYYY`; `confidence` empty, `confirmed`, `derived` or `secondary`. Every day must be in
/// the same year, once. Any bad line fails the whole file with its number.
fn parse_csv(bytes: &[u8]) -> Result<(i32, Vec<ImportedDay>)> {
    let mut file = crate::csv_file::CsvFile::open(bytes)?;
    let column = |name: &str| file.column(name);
    let (Some(date_col), Some(kind_col), Some(name_col)) =
        (column("date"), column("kind"), column("name"))
    else {
        return Err(Error::ImportFile {
            reason: "dòng tiêu đề phải có các cột date,kind,name (và có thể thêm confidence)"
                .to_string(),
        });
    };
    let confidence_col = column("confidence");
    let mut days = Vec::new();
    let mut seen: HashMap<NaiveDate, usize> = HashMap::new();
    let mut year: Option<(i32, usize)> = None;
    for record in file.reader.byte_records() {
        let record = record.map_err(|e| Error::ImportFile {
            reason: e.to_string(),
        })?;
        let line = record.position().map(|p| p.line() as usize).unwrap_or(0);
        if record.iter().all(|f| f.is_empty()) {
            continue;
        }
        let row = |reason: String| Error::ImportRow { line, reason };
        let field = |col: Option<usize>, name: &str| -> Result<Option<String>> {
            let Some(raw) = col.and_then(|c| record.get(c)) else {
                return Ok(None);
            };
            std::str::from_utf8(raw)
                .map(|s| Some(nfc(s)).filter(|s| !s.is_empty()))
                .map_err(|_| row(format!("cột «{name}» không phải văn bản UTF-8 hợp lệ")))
        };
        let missing = |name: &str| row(format!("thiếu giá trị cột «{name}»"));
        let date_text = field(Some(date_col), "date")?.ok_or_else(|| missing("date"))?;
        let date = parse_date("date", &date_text).map_err(|e| match e {
            Error::Invalid { reason, .. } => row(reason),
            other => other,
        })?;
        let kind = match field(Some(kind_col), "kind")?.as_deref() {
            Some("off") => "off",
            Some("working") => "working",
            Some(other) => {
                return Err(row(format!(
                "loại ngày «{other}» không hợp lệ; dùng off (ngày nghỉ) hoặc working (ngày làm bù)"
            )))
            }
            None => return Err(missing("kind")),
        };
        let name = field(Some(name_col), "name")?.ok_or_else(|| missing("name"))?;
        let confidence = field(confidence_col, "confidence")?;
        if let Some(c) = &confidence {
            if !matches!(c.as_str(), "confirmed" | "derived" | "secondary") {
                return Err(row(format!(
                    "độ tin cậy «{c}» không hợp lệ; dùng confirmed, derived hoặc secondary, hoặc để trống"
                )));
            }
        }
        if kind == "working" && !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
            return Err(row(format!(
                "ngày làm bù {} không phải thứ Bảy hay Chủ nhật",
                date.format("%d/%m/%Y")
            )));
        }
        match year {
            None => year = Some((date.year(), line)),
            Some((y, first)) if y != date.year() => {
                return Err(row(format!(
                    "ngày {} thuộc năm {}, khác năm {y} của dòng {first}; mỗi tệp chỉ chứa ngày nghỉ của một năm",
                    date.format("%d/%m/%Y"),
                    date.year()
                )))
            }
            Some(_) => {}
        }
        if let Some(first) = seen.insert(date, line) {
            return Err(row(format!(
                "ngày {} trùng với dòng {first}",
                date.format("%d/%m/%Y")
            )));
        }
        days.push(ImportedDay {
            date,
            kind,
            name,
            confidence,
        });
    }
    match year {
        Some((y, _)) => Ok((y, days)),
        None => Err(Error::ImportFile {
            reason: "tệp không có dòng dữ liệu nào".to_string(),
        }),
    }
}

/// Imports the holidays of one year from a CSV ([`parse_csv`]): lead only, all lines or none.
/// A year already known is replaced whole, in the same transaction — its old days are removed,
/// so the store holds exactly the file's days for that year.
pub fn import_csv(db: &mut Db, bytes: &[u8], source: &str) -> Result<CalendarImport> {
    let (year, days) = parse_csv(bytes)?;
    let at = db.now_text();
    db.write(|tx| {
        let lead = profile::require_lead(tx, "nhập ngày nghỉ lễ")?;
        let replaced = tx
            .query_row("SELECT 1 FROM calendar_years WHERE year = ?1", [year], |r| {
                r.get::<_, i64>(0)
            })
            .optional()?
            .is_some();
        let (first, last) = (format!("{year:04}-01-01"), format!("{year:04}-12-31"));
        let removed = tx.execute(
            "DELETE FROM calendar_days WHERE date BETWEEN ?1 AND ?2",
            params![first, last],
        )?;
        let mut stmt = tx.prepare(
            "INSERT INTO calendar_days (date, kind, name, confidence) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for d in &days {
            stmt.execute(params![d.date.to_string(), d.kind, d.name, d.confidence])?;
        }
        tx.execute(
            "INSERT INTO calendar_years (year, source, loaded_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (year) DO UPDATE SET source = excluded.source, loaded_at = excluded.loaded_at",
            params![year, nfc(source), at],
        )?;
        let result = CalendarImport {
            year,
            days_off: days.iter().filter(|d| d.kind == "off").count(),
            working_days: days.iter().filter(|d| d.kind == "working").count(),
            replaced: replaced || removed > 0,
        };
        audit::record(
            tx,
            &at,
            Some(&lead.name),
            Change {
                action: "calendar.import",
                entity: "calendar_year",
                key: &year.to_string(),
                old: replaced.then(|| json!({ "days": removed })),
                new: Some(json!({ "days_off": result.days_off, "working_days": result.working_days, "source": source })),
            },
        )?;
        Ok(result)
    })
}

/// The listed days of `year`: (date, kind, name, confidence).
pub fn days_of_year(conn: &Connection, year: i32) -> Result<Vec<CalendarDay>> {
    let mut stmt = conn.prepare(
        "SELECT date, kind, name, confidence FROM calendar_days WHERE date BETWEEN ?1 AND ?2 ORDER BY date",
    )?;
    let rows = stmt
        .query_map(
            params![format!("{year:04}-01-01"), format!("{year:04}-12-31")],
            |r| {
                Ok(CalendarDay {
                    date: r.get(0)?,
                    kind: r.get(1)?,
                    name: r.get(2)?,
                    confidence: r.get(3)?,
                })
            },
        )?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// One listed day: `off` or `working`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CalendarDay {
    pub date: String,
    pub kind: String,
    pub name: String,
    pub confidence: Option<String>,
}

/// Whether `d` is a working day for civil servants.
pub fn is_working_day(conn: &Connection, d: NaiveDate) -> Result<bool> {
    let kind: Option<String> = conn
        .query_row(
            "SELECT kind FROM calendar_days WHERE date = ?1",
            [d.to_string()],
            |r| r.get(0),
        )
        .optional()?;
    Ok(match kind.as_deref() {
        Some("off") => false,
        Some(_) => true,
        None => !matches!(d.weekday(), Weekday::Sat | Weekday::Sun),
    })
}

/// The calendar's special days loaded once, for counting many dates (overdue days in a year's
/// report) without a query per day. The same rule as [`is_working_day`].
#[derive(Debug, Clone, Default)]
pub struct WorkCalendar {
    days: std::collections::BTreeMap<NaiveDate, bool>,
}

impl WorkCalendar {
    pub fn load(conn: &Connection) -> Result<Self> {
        let mut stmt = conn.prepare("SELECT date, kind FROM calendar_days")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        let mut days = std::collections::BTreeMap::new();
        for row in rows {
            let (date, kind) = row?;
            if let Ok(d) = NaiveDate::parse_from_str(&date, "%Y-%m-%d") {
                days.insert(d, kind != "off");
            }
        }
        Ok(WorkCalendar { days })
    }

    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        match self.days.get(&d) {
            Some(working) => *working,
            None => !matches!(d.weekday(), Weekday::Sat | Weekday::Sun),
        }
    }

    /// The working days after `from` up to and including `to` (0 when `to` is not after it):
    /// how many working days late something due on `from` is on `to`.
    pub fn working_days_after(&self, from: NaiveDate, to: NaiveDate) -> u32 {
        let mut n = 0;
        let mut d = from;
        while d < to {
            d += Duration::days(1);
            if self.is_working_day(d) {
                n += 1;
            }
        }
        n
    }
}

/// The date `n` working days after `from` (the day of `from` itself does not count). Where the
/// count crosses a year without holiday data only weekends are skipped:
/// [`add_working_days_checked`] says when.
pub fn add_working_days(conn: &Connection, from: NaiveDate, n: u32) -> Result<NaiveDate> {
    Ok(add_working_days_checked(conn, from, n)?.date)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Db;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn db() -> Db {
        let mut db = Db::open_in_memory().unwrap();
        crate::seed::load_all(&mut db).unwrap();
        db
    }

    #[test]
    fn weekends_and_tet_are_skipped() {
        let db = db();
        // Fri 13 Feb 2026 + 1 working day: 14–22 Feb is Tết, so Mon 23 Feb.
        assert_eq!(
            add_working_days(db.conn(), d("2026-02-13"), 1).unwrap(),
            d("2026-02-23")
        );
        // Mon 9 Mar + 5 = Mon 16 Mar (a plain week).
        assert_eq!(
            add_working_days(db.conn(), d("2026-03-09"), 5).unwrap(),
            d("2026-03-16")
        );
    }

    #[test]
    fn a_make_up_saturday_counts_and_new_year_does_not() {
        let db = db();
        // Wed 31 Dec 2025 + 1: 1–4 Jan off, Mon 5 Jan.
        assert_eq!(
            add_working_days(db.conn(), d("2025-12-31"), 1).unwrap(),
            d("2026-01-05")
        );
        // Fri 9 Jan + 1: Sat 10 Jan is a make-up working day.
        assert_eq!(
            add_working_days(db.conn(), d("2026-01-09"), 1).unwrap(),
            d("2026-01-10")
        );
        assert!(!is_working_day(db.conn(), d("2026-04-30")).unwrap());
        assert!(!is_working_day(db.conn(), d("2026-09-02")).unwrap());
    }

    #[test]
    fn fifteen_working_days_after_a_visit_before_reunification_day() {
        let db = db();
        // Mon 20 Apr 2026: 27 Apr (Giỗ Tổ, nghỉ bù), 30 Apr and 1 May are off.
        // Working days: 21,22,23,24, 28,29, 4,5,6,7,8, 11,12,13,14 → Thu 14 May.
        assert_eq!(
            add_working_days(db.conn(), d("2026-04-20"), 15).unwrap(),
            d("2026-05-14")
        );
    }

    #[test]
    fn a_due_date_counted_into_a_year_without_holiday_data_says_so() {
        let db = db();
        assert_eq!(years_with_holidays(db.conn()).unwrap(), vec![2026]);
        // Inside 2026 the date is certain.
        let w = add_working_days_checked(db.conn(), d("2026-04-20"), 15).unwrap();
        assert_eq!(w.date, d("2026-05-14"));
        assert!(w.is_certain() && w.warning().is_none());
        // Mon 14 Dec 2026 + 30 working days runs into 2027, whose Tết is unknown here.
        let w = add_working_days_checked(db.conn(), d("2026-12-14"), 30).unwrap();
        assert_eq!(w.years_without_holidays, vec![2027]);
        assert!(!w.is_certain());
        let warning = w.warning().unwrap();
        assert!(warning.contains("2027") && warning.contains("chưa có dữ liệu ngày nghỉ lễ"));
        assert!(warning.contains(&w.date.format("%d/%m/%Y").to_string()));
        // Weekends only: Mon 14 Dec + 30 = Mon 25 Jan 2027 (1 Jan 2027 counted as working).
        assert_eq!(w.date, d("2027-01-25"));
        // A date wholly in 2025 is flagged too.
        let w = add_working_days_checked(db.conn(), d("2025-03-02"), 1).unwrap();
        assert_eq!(w.years_without_holidays, vec![2025]);
    }
}
