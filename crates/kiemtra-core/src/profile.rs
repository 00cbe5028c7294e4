//! Who is working: user profiles (inspector or team lead) and the current one. Every change
//! is recorded under the current profile; lead-only actions are refused for an inspector.
//! Profiles guard against mistakes on a shared laptop; they are not authentication.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

use crate::audit::{self, Change};
use crate::db::Db;
use crate::error::{Error, Result};
use crate::stored::stored_text;
use crate::text::nfc;

const CURRENT_KEY: &str = "current_profile";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Role {
    Inspector,
    Lead,
}

stored_text!(Role {
    Inspector => "inspector",
    Lead => "lead",
});

impl Role {
    pub fn label(self) -> &'static str {
        match self {
            Role::Inspector => "Thành viên đoàn",
            Role::Lead => "Trưởng đoàn",
        }
    }

    pub fn parse(s: &str) -> Result<Self> {
        match s {
            "inspector" => Ok(Role::Inspector),
            "lead" => Ok(Role::Lead),
            other => Err(Error::invalid(
                "role",
                format!("«{other}» không phải vai trò; dùng inspector hoặc lead"),
            )),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Profile {
    pub name: String,
    /// Their title as documents print it beside their name: "Phó Trưởng phòng".
    pub title: Option<String>,
    /// Their unit: "Phòng Cải cách hành chính, Sở Nội vụ" (issue 11: team members are printed
    /// with their title and unit).
    pub unit: Option<String>,
    pub role: Role,
    pub current: bool,
    /// The profile's identity across laptops (see [`crate::uid::profile`]).
    pub uid: String,
}

const COLUMNS: &str = "uid, name, title, role, unit";

fn row_to_profile(r: &rusqlite::Row<'_>, current: Option<&str>) -> rusqlite::Result<Profile> {
    let uid: String = r.get(0)?;
    Ok(Profile {
        current: current == Some(uid.as_str()),
        uid,
        name: r.get(1)?,
        title: r.get(2)?,
        role: r.get(3)?,
        unit: r.get(4)?,
    })
}

/// The uid of the current profile (the setting holds the uid, not the name).
fn current_uid(conn: &Connection) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT value FROM settings WHERE key = ?1",
            [CURRENT_KEY],
            |r| r.get(0),
        )
        .optional()?)
}

pub fn list(conn: &Connection) -> Result<Vec<Profile>> {
    let current = current_uid(conn)?;
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM profiles"))?;
    let mut out = stmt
        .query_map([], |r| row_to_profile(r, current.as_deref()))?
        .collect::<Result<Vec<_>, _>>()?;
    crate::text::sort_by_key(&mut out, |p| &p.name);
    Ok(out)
}

pub fn find(conn: &Connection, name: &str) -> Result<Option<Profile>> {
    let current = current_uid(conn)?;
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM profiles WHERE name = ?1"),
            [nfc(name)],
            |r| row_to_profile(r, current.as_deref()),
        )
        .optional()?)
}

pub fn current(conn: &Connection) -> Result<Option<Profile>> {
    match current_uid(conn)? {
        Some(uid) => by_uid(conn, &uid),
        None => Ok(None),
    }
}

/// A profile by its uid.
pub fn by_uid(conn: &Connection, uid: &str) -> Result<Option<Profile>> {
    let current = current_uid(conn)?;
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM profiles WHERE uid = ?1"),
            [uid],
            |r| row_to_profile(r, current.as_deref()),
        )
        .optional()?)
}

/// The current profile, or an error telling the user to choose one.
pub fn require_current(conn: &Connection) -> Result<Profile> {
    current(conn)?.ok_or(Error::NoCurrentProfile)
}

/// The current profile if it is a team lead; `action` names what was refused.
pub fn require_lead(conn: &Connection, action: &str) -> Result<Profile> {
    let p = require_current(conn)?;
    if p.role != Role::Lead {
        return Err(Error::LeadOnly {
            action: action.to_string(),
            name: p.name,
        });
    }
    Ok(p)
}

/// Adds a profile. The first profile may be added by anyone and becomes current; after that
/// only a team lead adds people.
pub fn add(db: &mut Db, name: &str, role: Role, title: Option<&str>) -> Result<Profile> {
    add_person(db, name, role, title, None)
}

/// [`add`], with the person's unit.
pub fn add_person(
    db: &mut Db,
    name: &str,
    role: Role,
    title: Option<&str>,
    unit: Option<&str>,
) -> Result<Profile> {
    let name = nfc(name);
    if name.is_empty() {
        return Err(Error::invalid("name", "tên không được để trống"));
    }
    let title = title.map(nfc).filter(|t| !t.is_empty());
    let unit = unit.map(nfc).filter(|t| !t.is_empty());
    let at = db.now_text();
    db.write(|tx| {
        let existing: i64 = tx.query_row("SELECT COUNT(*) FROM profiles", [], |r| r.get(0))?;
        let by = if existing == 0 {
            None
        } else {
            Some(require_lead(tx, "thêm người dùng")?.name)
        };
        if find(tx, &name)?.is_some() {
            return Err(Error::ProfileExists { name: name.clone() });
        }
        tx.execute(
            "INSERT INTO profiles (name, title, role, created_at, uid, unit) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![name, title, role.as_str(), at, crate::uid::profile(&name), unit],
        )?;
        if existing == 0 {
            set_current(tx, &crate::uid::profile(&name))?;
        }
        audit::record(
            tx,
            &at,
            by.as_deref().or(Some(name.as_str())),
            Change {
                action: "profile.add",
                entity: "profile",
                key: &name,
                old: None,
                new: Some(json!({ "name": name, "title": title, "unit": unit, "role": role.as_str() })),
            },
        )?;
        crate::exchange::log::noted(
            tx,
            &at,
            &[crate::exchange::log::UnitRef::Profile(crate::uid::profile(
                &name,
            ))],
        )?;
        find(tx, &name)?.ok_or_else(|| Error::ProfileNotFound { name: name.clone() })
    })
}

/// Sets a person's title and unit as documents print them (a lead, or the person themselves).
/// `None` keeps what is there; an empty text clears it.
pub fn set_details(
    db: &mut Db,
    name: &str,
    title: Option<&str>,
    unit: Option<&str>,
) -> Result<Profile> {
    let name = nfc(name);
    let clean = |t: Option<&str>| t.map(|t| nfc(t).trim().to_string());
    let (title, unit) = (clean(title), clean(unit));
    let at = db.now_text();
    db.write(|tx| {
        let by = require_current(tx)?;
        let Some(p) = find(tx, &name)? else {
            return Err(Error::ProfileNotFound { name: name.clone() });
        };
        if by.role != Role::Lead && by.uid != p.uid {
            return Err(Error::LeadOnly {
                action: "sửa chức vụ, đơn vị của người khác".into(),
                name: by.name,
            });
        }
        let new_title = match &title {
            Some(t) => Some(t.clone()).filter(|t| !t.is_empty()),
            None => p.title.clone(),
        };
        let new_unit = match &unit {
            Some(u) => Some(u.clone()).filter(|u| !u.is_empty()),
            None => p.unit.clone(),
        };
        tx.execute(
            "UPDATE profiles SET title = ?2, unit = ?3 WHERE uid = ?1",
            params![p.uid, new_title, new_unit],
        )?;
        audit::record(
            tx,
            &at,
            Some(&by.name),
            Change {
                action: "profile.details",
                entity: "profile",
                key: &p.name,
                old: Some(json!({ "title": p.title, "unit": p.unit })),
                new: Some(json!({ "title": new_title, "unit": new_unit })),
            },
        )?;
        crate::exchange::log::noted(
            tx,
            &at,
            &[crate::exchange::log::UnitRef::Profile(p.uid.clone())],
        )?;
        find(tx, &name)?.ok_or_else(|| Error::ProfileNotFound { name: name.clone() })
    })
}

fn set_current(conn: &Connection, uid: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![CURRENT_KEY, uid],
    )?;
    Ok(())
}

/// Makes `name` the current profile.
pub fn use_profile(db: &mut Db, name: &str) -> Result<Profile> {
    let name = nfc(name);
    let at = db.now_text();
    db.write(|tx| {
        let before = current(tx)?.map(|p| p.name);
        let Some(chosen) = find(tx, &name)? else {
            return Err(Error::ProfileNotFound { name: name.clone() });
        };
        set_current(tx, &chosen.uid)?;
        audit::record(
            tx,
            &at,
            Some(&name),
            Change {
                action: "profile.use",
                entity: "setting",
                key: CURRENT_KEY,
                old: before.map(serde_json::Value::String),
                new: Some(serde_json::Value::String(name.clone())),
            },
        )?;
        find(tx, &name)?.ok_or_else(|| Error::ProfileNotFound { name: name.clone() })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_profile_becomes_current_and_only_a_lead_adds_more() -> anyhow::Result<()> {
        let mut db = Db::open_in_memory()?;
        let first = add(&mut db, "Nguyễn Văn An", Role::Inspector, None)?;
        assert!(first.current);
        let err = add(&mut db, "Trần Thị Bình", Role::Lead, None).err();
        assert_eq!(
            err.map(|e| e.code().as_str()),
            Some("lead_only"),
            "an inspector cannot add a lead"
        );
        assert_eq!(list(db.conn())?.len(), 1, "the refused add wrote nothing");
        Ok(())
    }

    #[test]
    fn a_lead_adds_people_and_switching_is_audited() -> anyhow::Result<()> {
        let mut db = Db::open_in_memory()?;
        add(&mut db, "Trần Thị Bình", Role::Lead, Some("Phó Giám đốc"))?;
        add(&mut db, "Nguyễn Văn An", Role::Inspector, None)?;
        let before = audit::count(db.conn())?;
        let p = use_profile(&mut db, "Nguyễn Văn An")?;
        assert!(p.current && p.role == Role::Inspector);
        assert_eq!(audit::count(db.conn())?, before + 1);
        assert_eq!(
            require_lead(db.conn(), "x")
                .err()
                .map(|e| e.code().as_str()),
            Some("lead_only")
        );
        Ok(())
    }

    #[test]
    fn a_title_and_unit_are_set_by_a_lead_or_oneself_and_kept_when_not_given() -> anyhow::Result<()>
    {
        let mut db = Db::open_in_memory()?;
        add_person(
            &mut db,
            "Trần Thị Bình",
            Role::Lead,
            Some("Phó Giám đốc"),
            Some("Sở Nội vụ"),
        )?;
        add(&mut db, "Nguyễn Văn An", Role::Inspector, None)?;
        let an = set_details(
            &mut db,
            "Nguyễn Văn An",
            Some("Chuyên viên"),
            Some("Phòng Cải cách hành chính, Sở Nội vụ"),
        )?;
        assert_eq!(an.title.as_deref(), Some("Chuyên viên"));
        let an = set_details(&mut db, "Nguyễn Văn An", None, Some(""))?;
        assert_eq!(
            an.title.as_deref(),
            Some("Chuyên viên"),
            "kept when not given"
        );
        assert_eq!(an.unit, None, "cleared by an empty text");
        use_profile(&mut db, "Nguyễn Văn An")?;
        let err = set_details(&mut db, "Trần Thị Bình", Some("x"), None).err();
        assert_eq!(err.map(|e| e.code().as_str()), Some("lead_only"));
        let binh = find(db.conn(), "Trần Thị Bình")?.unwrap();
        assert_eq!(
            binh.title.as_deref(),
            Some("Phó Giám đốc"),
            "the refusal changed nothing"
        );
        assert_eq!(binh.unit.as_deref(), Some("Sở Nội vụ"));
        Ok(())
    }

    #[test]
    fn names_are_stored_in_nfc_so_nfd_input_finds_the_same_person() -> anyhow::Result<()> {
        use unicode_normalization::UnicodeNormalization;
        let mut db = Db::open_in_memory()?;
        let nfd: String = "Lê Thị Hồng".nfd().collect();
        add(&mut db, &nfd, Role::Lead, None)?;
        assert!(find(db.conn(), "Lê Thị Hồng")?.is_some());
        assert_eq!(
            add(&mut db, "Lê Thị Hồng", Role::Lead, None)
                .err()
                .map(|e| e.code().as_str()),
            Some("profile_exists")
        );
        Ok(())
    }
}
