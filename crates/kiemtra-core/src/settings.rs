//! Named settings kept in the store (JSON values), changed by a team lead and audited.

use rusqlite::{params, Connection, OptionalExtension};
use serde_json::json;

use crate::audit::{self, Change};
use crate::db::Db;
use crate::error::{Error, Result};
use crate::profile;

/// The document settings (issuing body, signer, recipients, margins) as JSON.
pub const DOCUMENTS: &str = "documents.settings";

pub fn get(conn: &Connection, key: &str) -> Result<Option<serde_json::Value>> {
    let v: Option<String> = conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()?;
    v.map(|s| serde_json::from_str(&s).map_err(|e| Error::invalid(key, e.to_string())))
        .transpose()
}

/// Sets `key` to `value` (lead only).
pub fn set(db: &mut Db, key: &str, value: &serde_json::Value) -> Result<()> {
    let at = db.now_text();
    db.write(|tx| {
        let lead = profile::require_lead(tx, "đổi thiết lập")?;
        let old = get(tx, key)?;
        tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, value.to_string()],
        )?;
        audit::record(tx, &at, Some(&lead.name), Change { action: "setting.set", entity: "setting", key, old, new: Some(json!(value)) })
    })
}
