//! This store's device: its id and Ed25519 key pair, created at first need and kept in the
//! store, and the hybrid logical clock of its changes. The devices whose bundles it accepts are
//! remembered once the user trusts them.

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

use super::keys::{self, DeviceKey, PublicKey};
use crate::error::Result;

/// What `kiemtra device show` prints.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct DeviceInfo {
    pub device_id: String,
    pub fingerprint: String,
    /// The current profile's name, if one is chosen.
    pub profile: Option<String>,
}

/// Creates this store's device on first use (a new key pair) and returns its id.
pub fn ensure(conn: &Connection) -> Result<String> {
    if let Some(id) = conn
        .query_row("SELECT device_id FROM device WHERE id = 1", [], |r| {
            r.get(0)
        })
        .optional()?
    {
        return Ok(id);
    }
    let key = DeviceKey::generate();
    let public = key.public();
    let id = keys::device_id(&public);
    conn.execute(
        "INSERT INTO device (id, device_id, public_key, secret_key, created_at) VALUES (1, ?1, ?2, ?3, ?4)",
        params![
            id,
            public.to_hex(),
            key.secret_bytes().to_vec(),
            chrono::Utc::now().to_rfc3339()
        ],
    )?;
    Ok(id)
}

/// This store's device id (created if needed).
pub fn id(conn: &Connection) -> Result<String> {
    ensure(conn)
}

/// This store's signing key.
pub(crate) fn key(conn: &Connection) -> Result<DeviceKey> {
    ensure(conn)?;
    let secret: Vec<u8> =
        conn.query_row("SELECT secret_key FROM device WHERE id = 1", [], |r| {
            r.get(0)
        })?;
    DeviceKey::from_secret_bytes(&secret)
}

/// This store's public key.
pub fn public(conn: &Connection) -> Result<PublicKey> {
    Ok(key(conn)?.public())
}

/// The device id, fingerprint and current profile.
pub fn show(conn: &Connection) -> Result<DeviceInfo> {
    let device_id = ensure(conn)?;
    Ok(DeviceInfo {
        device_id,
        fingerprint: public(conn)?.fingerprint(),
        profile: crate::profile::current(conn)?.map(|p| p.name),
    })
}

pub(crate) fn clock(conn: &Connection) -> Result<(String, String)> {
    ensure(conn)?;
    Ok(conn.query_row(
        "SELECT device_id, clock FROM device WHERE id = 1",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

pub(crate) fn set_clock(conn: &Connection, clock: &str) -> Result<()> {
    conn.execute("UPDATE device SET clock = ?1 WHERE id = 1", [clock])?;
    Ok(())
}

/// A device this store accepts bundles from.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct TrustedDevice {
    pub device_id: String,
    pub fingerprint: String,
    pub profile: Option<String>,
    pub trusted_at: String,
    pub trusted_by: Option<String>,
}

/// The devices this store trusts, most recently trusted first.
pub fn trusted(conn: &Connection) -> Result<Vec<TrustedDevice>> {
    let mut stmt = conn.prepare(
        "SELECT device_id, fingerprint, profile, trusted_at, trusted_by FROM trusted_devices
         ORDER BY trusted_at DESC, device_id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(TrustedDevice {
            device_id: r.get(0)?,
            fingerprint: r.get(1)?,
            profile: r.get(2)?,
            trusted_at: r.get(3)?,
            trusted_by: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The public key this store trusts for `device_id`, if any.
pub(crate) fn trusted_key(conn: &Connection, device_id: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT public_key FROM trusted_devices WHERE device_id = ?1",
            [device_id],
            |r| r.get(0),
        )
        .optional()?)
}

/// Remembers `device_id` as trusted, or refreshes the profile name it goes by.
pub(crate) fn trust(
    conn: &Connection,
    device_id: &str,
    public: &PublicKey,
    profile: Option<&str>,
    at: &str,
    by: Option<&str>,
) -> Result<()> {
    conn.execute(
        "INSERT INTO trusted_devices (device_id, public_key, fingerprint, profile, trusted_at, trusted_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (device_id) DO UPDATE SET profile = excluded.profile",
        params![device_id, public.to_hex(), public.fingerprint(), profile, at, by],
    )?;
    Ok(())
}
