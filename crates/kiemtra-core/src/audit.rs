//! The append-only audit log: who changed what, when, from which value to which. The table
//! refuses UPDATE and DELETE (triggers in the first migration).

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use serde_json::Value;
use ts_rs::TS;

use crate::error::Result;

/// One audit entry as written by a change.
pub struct Change<'a> {
    pub action: &'a str,
    pub entity: &'a str,
    pub key: &'a str,
    pub old: Option<Value>,
    pub new: Option<Value>,
}

pub(crate) fn record(
    conn: &Connection,
    at: &str,
    profile: Option<&str>,
    change: Change<'_>,
) -> Result<()> {
    conn.execute(
        "INSERT INTO audit_log (at, profile, action, entity, entity_key, old_value, new_value, uid)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            at,
            profile,
            change.action,
            change.entity,
            change.key,
            change.old.map(|v| v.to_string()),
            change.new.map(|v| v.to_string()),
            crate::uid::random(),
        ],
    )?;
    Ok(())
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AuditEntry {
    #[ts(type = "number")]
    pub id: i64,
    pub at: String,
    pub profile: Option<String>,
    pub action: String,
    pub entity: String,
    pub entity_key: String,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
}

/// The most recent entries first.
pub fn recent(conn: &Connection, limit: usize) -> Result<Vec<AuditEntry>> {
    let mut stmt = conn.prepare(
        "SELECT id, at, profile, action, entity, entity_key, old_value, new_value
         FROM audit_log ORDER BY id DESC LIMIT ?1",
    )?;
    let rows = stmt.query_map([limit as i64], |r| {
        Ok(AuditEntry {
            id: r.get(0)?,
            at: r.get(1)?,
            profile: r.get(2)?,
            action: r.get(3)?,
            entity: r.get(4)?,
            entity_key: r.get(5)?,
            old_value: r.get(6)?,
            new_value: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn count(conn: &Connection) -> Result<i64> {
    Ok(conn
        .query_row("SELECT COUNT(*) FROM audit_log", [], |r| r.get(0))
        .optional()?
        .unwrap_or(0))
}
