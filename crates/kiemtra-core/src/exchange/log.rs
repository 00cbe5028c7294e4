//! The change log. Every write of a unit of merge also appends a change here, in the same
//! transaction: the unit's whole new value, the device and profile that made it, a hybrid
//! logical clock, and the changes it was made on top of (its bases: the unit's heads then).
//!
//! The log is a grow-only set, so laptops that hold the same changes hold the same state,
//! whatever order they received them in:
//! - the **heads** of a unit are its changes that no other change names as a base;
//! - one head: that is the unit's value; several heads: edits made without seeing each other —
//!   a **conflict**, kept with every value, shown meanwhile with the deterministic winner (the
//!   greatest clock, then device id); add-only units (evidence, notices, checklists) take the
//!   union of their heads instead and never conflict;
//! - a later edit, or the lead's resolution, names every head as its base and ends the conflict.

use std::collections::BTreeSet;

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::units::{self, Kind, Value};
use crate::error::{Error, Result};

/// One change as stored and as carried in a bundle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChangeRecord {
    pub uid: String,
    pub device: String,
    pub clock: String,
    pub profile: Option<String>,
    pub profile_name: Option<String>,
    pub unit: String,
    pub bases: BTreeSet<String>,
    pub value: Value,
}

impl ChangeRecord {
    pub fn kind(&self) -> Kind {
        self.value.kind()
    }
}

/// What the unit to note is: its kind and uid, and for units found by natural key the key.
#[derive(Debug, Clone, PartialEq)]
pub enum UnitRef {
    Profile(String),
    Plan(i32),
    PlanEntry { year: i32, agency: String },
    Inspection(String),
    Checklist(String),
    Answer(String),
    Finding(String),
    Score(String),
    Minutes(String),
    Evidence(String),
    Notice(String),
}

impl UnitRef {
    pub fn kind(&self) -> Kind {
        match self {
            UnitRef::Profile(_) => Kind::Profile,
            UnitRef::Plan(_) => Kind::Plan,
            UnitRef::PlanEntry { .. } => Kind::PlanEntry,
            UnitRef::Inspection(_) => Kind::Inspection,
            UnitRef::Checklist(_) => Kind::Checklist,
            UnitRef::Answer(_) => Kind::Answer,
            UnitRef::Finding(_) => Kind::Finding,
            UnitRef::Score(_) => Kind::Score,
            UnitRef::Minutes(_) => Kind::Minutes,
            UnitRef::Evidence(_) => Kind::Evidence,
            UnitRef::Notice(_) => Kind::Notice,
        }
    }

    pub fn uid(&self) -> String {
        match self {
            UnitRef::Plan(y) => crate::uid::plan(*y),
            UnitRef::PlanEntry { year, agency } => crate::uid::plan_entry(*year, agency),
            UnitRef::Checklist(i) => crate::uid::named("checklist", &[i]),
            UnitRef::Profile(u)
            | UnitRef::Inspection(u)
            | UnitRef::Answer(u)
            | UnitRef::Finding(u)
            | UnitRef::Score(u)
            | UnitRef::Minutes(u)
            | UnitRef::Evidence(u)
            | UnitRef::Notice(u) => u.clone(),
        }
    }

    fn snapshot(&self, conn: &Connection) -> Result<Option<Value>> {
        match self {
            UnitRef::PlanEntry { year, agency } => units::snapshot_plan_entry(conn, *year, agency),
            UnitRef::Checklist(i) => units::snapshot_checklist(conn, i),
            other => units::snapshot(conn, other.kind(), &other.uid()),
        }
    }
}

/// A hybrid logical clock reading: wall-clock milliseconds, a counter for events within the
/// same millisecond or behind a clock seen from another laptop, and the device for ties.
/// Written as fixed-width text so that text order is time order.
pub fn clock_text(millis: i64, counter: u32, device: &str) -> String {
    format!("{millis:015}.{counter:06}.{device}")
}

fn parse_clock(s: &str) -> Option<(i64, u32)> {
    let mut parts = s.splitn(3, '.');
    let m = parts.next()?.parse().ok()?;
    let c = parts.next()?.parse().ok()?;
    Some((m, c))
}

/// The next clock of this device: after both the wall clock and every clock seen.
pub(crate) fn tick(conn: &Connection, now_millis: i64) -> Result<String> {
    let (device, last) = super::device::clock(conn)?;
    let (lm, lc) = parse_clock(&last).unwrap_or((0, 0));
    let (m, c) = if now_millis > lm {
        (now_millis, 0)
    } else {
        (lm, lc + 1)
    };
    let next = clock_text(m, c, &device);
    super::device::set_clock(conn, &next)?;
    Ok(next)
}

/// Moves this device's clock past `seen` (a clock received from another laptop).
pub(crate) fn observe(conn: &Connection, seen: &str) -> Result<()> {
    let (device, last) = super::device::clock(conn)?;
    let (lm, lc) = parse_clock(&last).unwrap_or((0, 0));
    if let Some((m, c)) = parse_clock(seen) {
        if (m, c) > (lm, lc) {
            super::device::set_clock(conn, &clock_text(m, c, &device))?;
        }
    }
    Ok(())
}

const COLUMNS: &str = "uid, device, clock, profile, profile_name, unit, bases, value";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ChangeRecord> {
    let bases: String = r.get(6)?;
    let value: String = r.get(7)?;
    let bad = |e: serde_json::Error| {
        rusqlite::Error::FromSqlConversionFailure(7, rusqlite::types::Type::Text, Box::new(e))
    };
    Ok(ChangeRecord {
        uid: r.get(0)?,
        device: r.get(1)?,
        clock: r.get(2)?,
        profile: r.get(3)?,
        profile_name: r.get(4)?,
        unit: r.get(5)?,
        bases: serde_json::from_str(&bases).map_err(bad)?,
        value: serde_json::from_str(&value).map_err(bad)?,
    })
}

/// The heads of `unit`, greatest clock first (the first is the winner shown).
pub fn heads(conn: &Connection, unit: &str) -> Result<Vec<ChangeRecord>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM changes c WHERE unit = ?1
           AND NOT EXISTS (SELECT 1 FROM change_bases b WHERE b.base = c.uid)
         ORDER BY clock DESC, device DESC"
    ))?;
    let rows = stmt.query_map([unit], row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The value the store shows for a unit given its heads: the winner's, or the union for
/// add-only units. `None` when the unit has no change.
pub fn merged(heads: &[ChangeRecord]) -> Option<Value> {
    let first = heads.first()?;
    if first.kind().is_add_only() {
        return Value::union(heads.iter().rev().map(|h| h.value.clone()).collect());
    }
    if first.kind() == Kind::Inspection {
        // An issued (locked) state wins over a concurrent unlocked one: a late edit of the
        // team never unlocks an inspection the lead has concluded.
        if let Some(locked) = heads
            .iter()
            .find(|h| matches!(&h.value, Value::Inspection(v) if v.locked))
        {
            return Some(locked.value.clone());
        }
    }
    let mut value = first.value.clone();
    if first.kind() == Kind::Profile {
        for h in &heads[1..] {
            value.fill_gaps(&h.value);
        }
    }
    Some(value)
}

/// Whether a unit with these heads is in conflict: two heads or more with different values
/// (add-only units never are).
pub fn in_conflict(heads: &[ChangeRecord]) -> bool {
    match heads.first() {
        Some(h) if !h.kind().is_add_only() => heads.iter().any(|o| !o.value.same_as(&h.value)),
        _ => false,
    }
}

/// Who makes the changes of this transaction.
#[derive(Debug, Clone)]
pub struct Author {
    pub profile: Option<String>,
    pub profile_name: Option<String>,
    pub now_millis: i64,
}

impl Author {
    /// The current profile of the store, at `now_millis`.
    pub fn current(conn: &Connection, now_millis: i64) -> Result<Self> {
        let p = crate::profile::current(conn)?;
        Ok(Author {
            profile: p.as_ref().map(|p| p.uid.clone()),
            profile_name: p.map(|p| p.name),
            now_millis,
        })
    }
}

/// Appends a change for `unit` if its state differs from what the log shows: made on top of
/// every head, so a local edit after a conflict ends it. A removed finding is logged as
/// deleted; a removed evidence file is not (evidence is add-only between laptops).
pub fn note(conn: &Connection, author: &Author, unit: &UnitRef) -> Result<Option<ChangeRecord>> {
    let uid = unit.uid();
    let hs = heads(conn, &uid)?;
    let value = match unit.snapshot(conn)? {
        Some(v) => v,
        None => match (unit.kind(), merged(&hs)) {
            (Kind::Finding, Some(last)) => match units::deleted_finding(&last) {
                Some(v) if v != last => v,
                _ => return Ok(None),
            },
            _ => return Ok(None),
        },
    };
    // Unchanged from what the store shows: nothing to log (a unit in conflict stays so until
    // someone edits it or the lead keeps one value).
    if merged(&hs).as_ref() == Some(&value) {
        return Ok(None);
    }
    let change = ChangeRecord {
        uid: crate::uid::random(),
        device: super::device::id(conn)?,
        clock: tick(conn, author.now_millis)?,
        profile: author.profile.clone(),
        profile_name: author.profile_name.clone(),
        unit: uid,
        bases: hs.into_iter().map(|h| h.uid).collect(),
        value,
    };
    insert(conn, &change)?;
    Ok(Some(change))
}

/// Notes several units; see [`note`].
pub fn note_all(conn: &Connection, author: &Author, units: &[UnitRef]) -> Result<()> {
    for u in units {
        note(conn, author, u)?;
    }
    Ok(())
}

/// Notes every unit of inspection `id` (its state, checklist, answers, findings, scores,
/// evidence and notices): for writes that touch many at once.
pub fn note_inspection(conn: &Connection, author: &Author, id: i64) -> Result<()> {
    let inspection = crate::uid::of_inspection(conn, id)?;
    let mut refs = vec![
        UnitRef::Inspection(inspection.clone()),
        UnitRef::Checklist(inspection.clone()),
    ];
    let uids = |sql: &str| -> Result<Vec<String>> {
        let mut stmt = conn.prepare(sql)?;
        let rows = stmt.query_map([id], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    };
    refs.extend(
        uids(
            "SELECT uid FROM inspection_items WHERE inspection_id = ?1 AND updated_at IS NOT NULL",
        )?
        .into_iter()
        .map(UnitRef::Answer),
    );
    refs.extend(
        uids("SELECT uid FROM findings WHERE inspection_id = ?1")?
            .into_iter()
            .map(UnitRef::Finding),
    );
    refs.extend(
        uids("SELECT uid FROM inspection_scores WHERE inspection_id = ?1")?
            .into_iter()
            .map(UnitRef::Score),
    );
    refs.extend(
        uids("SELECT uid FROM inspection_minutes WHERE inspection_id = ?1")?
            .into_iter()
            .map(UnitRef::Minutes),
    );
    refs.extend(
        uids("SELECT uid FROM evidence WHERE inspection_id = ?1")?
            .into_iter()
            .map(UnitRef::Evidence),
    );
    refs.extend(
        uids("SELECT uid FROM notices WHERE inspection_id = ?1")?
            .into_iter()
            .map(UnitRef::Notice),
    );
    // Findings removed since the last note: logged as deleted.
    let mut stmt = conn.prepare(
        "SELECT DISTINCT unit FROM changes WHERE inspection = ?1 AND kind = 'finding'
           AND unit NOT IN (SELECT uid FROM findings)",
    )?;
    let gone: Vec<String> = stmt
        .query_map([&inspection], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    refs.extend(gone.into_iter().map(UnitRef::Finding));
    note_all(conn, author, &refs)
}

/// Notes the plan of `year`, every entry it has or had, and the profiles its teams name.
pub fn note_plan(conn: &Connection, author: &Author, year: i32) -> Result<()> {
    let mut refs = vec![];
    let mut stmt = conn.prepare(
        "SELECT uid FROM profiles WHERE uid IN (
             SELECT team_lead_uid FROM plan_agencies pa JOIN plans p ON p.id = pa.plan_id WHERE p.year = ?1
             UNION SELECT profile_uid FROM plan_team_members m JOIN plans p ON p.id = m.plan_id WHERE p.year = ?1)",
    )?;
    let profiles: Vec<String> = stmt
        .query_map([year], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    refs.extend(profiles.into_iter().map(UnitRef::Profile));
    refs.push(UnitRef::Plan(year));
    let mut stmt = conn.prepare(
        "SELECT pa.agency_code FROM plan_agencies pa JOIN plans p ON p.id = pa.plan_id WHERE p.year = ?1
         UNION SELECT json_extract(value, '$.state.agency') FROM changes WHERE kind = 'plan_entry' AND year = ?1",
    )?;
    let agencies: Vec<String> = stmt
        .query_map([year], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    refs.extend(
        agencies
            .into_iter()
            .map(|agency| UnitRef::PlanEntry { year, agency }),
    );
    note_all(conn, author, &refs)
}

/// Whether the store already holds change `uid`.
pub fn has(conn: &Connection, uid: &str) -> Result<bool> {
    Ok(conn
        .query_row("SELECT 1 FROM changes WHERE uid = ?1", [uid], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Stores a change (made here or received) with its edges.
pub(crate) fn insert(conn: &Connection, c: &ChangeRecord) -> Result<()> {
    let scope = c.value.scope(conn)?;
    let bases =
        serde_json::to_string(&c.bases).map_err(|e| Error::invalid("bases", e.to_string()))?;
    let value =
        serde_json::to_string(&c.value).map_err(|e| Error::invalid("value", e.to_string()))?;
    conn.execute(
        "INSERT INTO changes (uid, device, clock, profile, profile_name, kind, unit, year, agency, inspection, bases, value)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            c.uid,
            c.device,
            c.clock,
            c.profile,
            c.profile_name,
            c.kind(),
            c.unit,
            scope.year,
            scope.agency,
            scope.inspection,
            bases,
            value
        ],
    )?;
    for b in &c.bases {
        conn.execute(
            "INSERT OR IGNORE INTO change_bases (change, base) VALUES (?1, ?2)",
            params![c.uid, b],
        )?;
    }
    Ok(())
}

/// The changes of a year (all agencies, or only `agencies`), profiles included, in the order
/// they arrived here — the order a receiver applies them.
pub fn in_scope(conn: &Connection, year: i32, agencies: &[String]) -> Result<Vec<ChangeRecord>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS}, agency FROM changes
         WHERE kind = 'profile' OR (year = ?1) ORDER BY seq"
    ))?;
    let rows = stmt.query_map([year], |r| Ok((row(r)?, r.get::<_, Option<String>>(8)?)))?;
    let mut out = Vec::new();
    for r in rows {
        let (c, agency) = r?;
        let keep = match &agency {
            None => true,
            Some(a) => agencies.is_empty() || agencies.iter().any(|x| x == a),
        };
        if keep {
            out.push(c);
        }
    }
    Ok(out)
}

/// The highest clock this store holds from each device.
pub fn seen(conn: &Connection) -> Result<std::collections::BTreeMap<String, String>> {
    let mut stmt = conn.prepare("SELECT device, MAX(clock) FROM changes GROUP BY device")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The author of the write now ending at `at` (its own RFC 3339 timestamp): the current
/// profile, at that instant.
fn author_at(conn: &Connection, at: &str) -> Result<Author> {
    let millis = chrono::DateTime::parse_from_rfc3339(at)
        .map(|t| t.timestamp_millis())
        .unwrap_or_else(|_| chrono::Utc::now().timestamp_millis());
    Author::current(conn, millis)
}

/// Logs `units` as changed by the write now ending (one of the store's writes, in its
/// transaction, at `at`: the write's own timestamp).
pub(crate) fn noted(conn: &Connection, at: &str, units: &[UnitRef]) -> Result<()> {
    note_all(conn, &author_at(conn, at)?, units)
}

/// Logs every unit of inspection `id` as changed by the write now ending; see [`noted`].
pub(crate) fn noted_inspection(conn: &Connection, at: &str, id: i64) -> Result<()> {
    note_inspection(conn, &author_at(conn, at)?, id)
}

/// Logs the plan of `year` as changed by the write now ending; see [`noted`].
pub(crate) fn noted_plan(conn: &Connection, at: &str, year: i32) -> Result<()> {
    note_plan(conn, &author_at(conn, at)?, year)
}
