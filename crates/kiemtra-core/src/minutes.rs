//! What happened at a visit, as the team enters it for the minutes (biên bản kiểm tra): when it
//! started and ended, where, who represented the agency and who kept the minutes. Nothing here
//! is assumed: what is not entered is printed as a line to fill in by hand. One row an
//! inspection (`inspection_minutes`), written whole like a form, in one transaction with its
//! audit entry and its change for the team exchange (unit kind `minutes`).

use chrono::{NaiveDate, NaiveTime};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

use crate::audit::{self, Change};
use crate::db::Db;
use crate::error::{Error, Result};
use crate::text::nfc;
use crate::{calendar, inspection, profile};

/// Someone who took part for the inspected agency: "Nguyễn Văn An", "Phó Chủ tịch UBND xã".
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Representative {
    pub name: String,
    pub title: String,
}

/// The minutes' details of one inspection. `None` and empty lists are what nobody entered yet.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MinutesDetails {
    /// "08:00".
    pub start: Option<String>,
    /// "11:30", on the visit's last day.
    pub end: Option<String>,
    /// Where the visit took place; when `None` the minutes print [`default_place`].
    pub place: Option<String>,
    /// The agency's representatives; the first signs the minutes for the agency.
    pub representatives: Vec<Representative>,
    /// The team's secretary (thư ký).
    pub secretary: Option<String>,
}

/// The details as stored, with the place the minutes print when none was entered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Minutes {
    #[ts(type = "number")]
    pub inspection_id: i64,
    pub details: MinutesDetails,
    /// "trụ sở UBND xã Tam Tiến": the agency's seat, since the register keeps no address.
    pub default_place: String,
    /// The visit's first and last day ("YYYY-MM-DD"): the last is the end of the planned
    /// window when the visit runs over several days.
    pub visit_from: String,
    pub visit_to: String,
    pub updated_at: Option<String>,
    pub updated_by: Option<String>,
}

/// "8:05", "08:05", "8h05", "8 giờ 05" → "08:05"; anything else is refused on `field`.
pub fn parse_time(field: &str, text: &str) -> Result<String> {
    let t = text.trim().to_lowercase();
    let t = t.replace("giờ", ":").replace("phút", "").replace('h', ":");
    let mut parts = t.split(':').map(str::trim);
    let h = parts.next().unwrap_or_default();
    let m = parts.next().filter(|m| !m.is_empty()).unwrap_or("0");
    let bad = || {
        Error::invalid(
            field,
            format!("giờ «{}» không hợp lệ: nhập dạng 08:30", text.trim()),
        )
    };
    if parts.next().is_some() {
        return Err(bad());
    }
    let (h, m): (u32, u32) = (h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
    let time = NaiveTime::from_hms_opt(h, m, 0).ok_or_else(bad)?;
    Ok(time.format("%H:%M").to_string())
}

/// The visit's first and last day: the inspection's visit date, and the end of its planned
/// window when the visit date falls inside a window of several days.
pub fn visit_span(conn: &Connection, id: i64) -> Result<(NaiveDate, NaiveDate)> {
    let (visit, from, to): (String, Option<String>, Option<String>) = conn
        .query_row(
            "SELECT i.visit_date, pa.window_from, pa.window_to
             FROM inspections i
             LEFT JOIN plans p ON p.year = i.plan_year
             LEFT JOIN plan_agencies pa ON pa.plan_id = p.id AND pa.agency_code = i.agency_code
             WHERE i.id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?
        .ok_or(Error::InspectionNotFound { id })?;
    let day = calendar::parse_date("visit_date", &visit)?;
    let window = match (from, to) {
        (Some(f), Some(t)) => calendar::parse_date("window_from", &f)
            .ok()
            .zip(calendar::parse_date("window_to", &t).ok()),
        _ => None,
    };
    Ok(match window {
        Some((f, t)) if f <= day && day < t => (day, t),
        _ => (day, day),
    })
}

/// The stored details with when and by whom they were last saved.
struct Stored {
    details: MinutesDetails,
    at: String,
    by: Option<String>,
}

fn read(conn: &Connection, id: i64) -> Result<Option<Stored>> {
    let row = conn
        .query_row(
            "SELECT started_at, ended_at, place, representatives, secretary, updated_at, updated_by
             FROM inspection_minutes WHERE inspection_id = ?1",
            [id],
            |r| {
                Ok((
                    MinutesDetails {
                        start: r.get(0)?,
                        end: r.get(1)?,
                        place: r.get(2)?,
                        representatives: Vec::new(),
                        secretary: r.get(4)?,
                    },
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, Option<String>>(6)?,
                ))
            },
        )
        .optional()?;
    let Some((mut details, reps, at, by)) = row else {
        return Ok(None);
    };
    details.representatives = serde_json::from_str(&reps)
        .map_err(|e| Error::invalid("representatives", e.to_string()))?;
    Ok(Some(Stored { details, at, by }))
}

/// The minutes' details of inspection `id` (empty when nothing was entered).
pub fn get(conn: &Connection, id: i64) -> Result<Minutes> {
    let insp = inspection::show(conn, id)?;
    let (from, to) = visit_span(conn, id)?;
    let (details, updated_at, updated_by) = match read(conn, id)? {
        Some(s) => (s.details, Some(s.at), s.by),
        None => (MinutesDetails::default(), None, None),
    };
    Ok(Minutes {
        inspection_id: id,
        details,
        default_place: format!("trụ sở {}", insp.agency_addressee),
        visit_from: from.to_string(),
        visit_to: to.to_string(),
        updated_at,
        updated_by,
    })
}

/// Checks and normalises what a user entered: NFC text, empty text as nothing, times as
/// "HH:MM", the end after the start on a one-day visit, every representative named.
pub fn normalise(d: &MinutesDetails, one_day: bool) -> Result<MinutesDetails> {
    let text = |s: &Option<String>| s.as_deref().map(nfc).filter(|s| !s.is_empty());
    let start = text(&d.start)
        .map(|s| parse_time("start", &s))
        .transpose()?;
    let end = text(&d.end).map(|s| parse_time("end", &s)).transpose()?;
    if let (Some(s), Some(e)) = (&start, &end) {
        if one_day && e <= s {
            return Err(Error::invalid(
                "end",
                format!("giờ kết thúc {e} phải sau giờ bắt đầu {s}"),
            ));
        }
    }
    let mut representatives = Vec::new();
    for (k, r) in d.representatives.iter().enumerate() {
        let name = nfc(&r.name);
        let title = nfc(&r.title);
        match (name.is_empty(), title.is_empty()) {
            (true, true) => continue,
            (true, false) => {
                return Err(Error::invalid(
                    "representatives",
                    format!("người đại diện thứ {} chưa có họ tên", k + 1),
                ))
            }
            _ => representatives.push(Representative { name, title }),
        }
    }
    Ok(MinutesDetails {
        start,
        end,
        place: text(&d.place),
        representatives,
        secretary: text(&d.secretary),
    })
}

/// Saves the minutes' details of inspection `id` whole (what is left empty is cleared). Refused
/// once the inspection's notice is issued: the minutes belong to the locked record then.
pub fn set(db: &mut Db, id: i64, details: &MinutesDetails) -> Result<Minutes> {
    let at = db.now_text();
    db.write(|tx| {
        let who = profile::require_current(tx)?;
        let head = inspection::head(tx, id)?;
        if head.locked {
            return Err(Error::InspectionLocked {
                id,
                state: "đã ban hành thông báo kết luận".into(),
                hint: "; mọi thay đổi phải qua một phiên bản đính chính".into(),
            });
        }
        let (from, to) = visit_span(tx, id)?;
        let d = normalise(details, from == to)?;
        let before = read(tx, id)?.map(|s| s.details);
        let reps = serde_json::to_string(&d.representatives)
            .map_err(|e| Error::invalid("representatives", e.to_string()))?;
        let inspection_uid = crate::uid::of_inspection(tx, id)?;
        let unit = crate::uid::minutes(&inspection_uid);
        tx.execute(
            "INSERT INTO inspection_minutes (inspection_id, uid, started_at, ended_at, place, representatives,
                                             secretary, updated_at, updated_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
             ON CONFLICT (inspection_id) DO UPDATE SET started_at = excluded.started_at,
                 ended_at = excluded.ended_at, place = excluded.place,
                 representatives = excluded.representatives, secretary = excluded.secretary,
                 updated_at = excluded.updated_at, updated_by = excluded.updated_by",
            params![id, unit, d.start, d.end, d.place, reps, d.secretary, at, who.name],
        )?;
        audit::record(
            tx,
            &at,
            Some(&who.name),
            Change {
                action: "inspection.minutes",
                entity: "inspection_minutes",
                key: &id.to_string(),
                old: before.map(|b| json!(b)),
                new: Some(json!(d)),
            },
        )?;
        crate::exchange::log::noted(tx, &at, &[crate::exchange::log::UnitRef::Minutes(unit)])?;
        get(tx, id)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_read_as_people_type_them() {
        assert_eq!(parse_time("start", "8:05").unwrap(), "08:05");
        assert_eq!(parse_time("start", "08:05").unwrap(), "08:05");
        assert_eq!(parse_time("start", "14h").unwrap(), "14:00");
        assert_eq!(parse_time("start", "8 giờ 30 phút").unwrap(), "08:30");
        for bad in ["25:00", "8:61", "sáng", "8:30:10", ""] {
            assert!(parse_time("start", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_end_comes_after_the_start_on_a_one_day_visit() {
        let d = MinutesDetails {
            start: Some("14:00".into()),
            end: Some("9:00".into()),
            ..Default::default()
        };
        assert!(normalise(&d, true).is_err());
        assert_eq!(normalise(&d, false).unwrap().end.as_deref(), Some("09:00"));
    }

    #[test]
    fn blank_rows_are_dropped_and_a_title_needs_a_name() {
        let d = MinutesDetails {
            place: Some("  ".into()),
            representatives: vec![
                Representative::default(),
                Representative {
                    name: " Lê Văn Hải ".into(),
                    title: "Chủ tịch UBND xã".into(),
                },
            ],
            ..Default::default()
        };
        let n = normalise(&d, true).unwrap();
        assert_eq!(n.place, None);
        assert_eq!(n.representatives.len(), 1);
        assert_eq!(n.representatives[0].name, "Lê Văn Hải");
        let nameless = MinutesDetails {
            representatives: vec![Representative {
                name: String::new(),
                title: "Phó Chủ tịch".into(),
            }],
            ..Default::default()
        };
        assert!(normalise(&nameless, true).is_err());
    }
}
