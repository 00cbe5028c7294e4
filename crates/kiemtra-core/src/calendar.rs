//! Working days: weekends and the listed days off are skipped, listed make-up Saturdays count.
//! The days are data (seeds/holidays-YYYY.json), editable and versioned with the seeds.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Deserialize;

use crate::error::{Error, Result};

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
    for (kind, days) in [("off", &f.days_off), ("working", &f.working_saturdays)] {
        for d in days {
            stmt.execute(params![d.date.to_string(), kind, d.name, d.confidence])?;
        }
    }
    Ok(())
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

/// The date `n` working days after `from` (the day of `from` itself does not count).
pub fn add_working_days(conn: &Connection, from: NaiveDate, n: u32) -> Result<NaiveDate> {
    let mut d = from;
    let mut left = n;
    while left > 0 {
        d += Duration::days(1);
        if is_working_day(conn, d)? {
            left -= 1;
        }
    }
    Ok(d)
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
}
