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
    pub title: Option<String>,
    pub role: Role,
    pub current: bool,
}

fn row_to_profile(r: &rusqlite::Row<'_>, current: Option<&str>) -> rusqlite::Result<Profile> {
    let name: String = r.get(0)?;
    Ok(Profile {
        current: current == Some(name.as_str()),
        name,
        title: r.get(1)?,
        role: r.get(2)?,
    })
}

fn current_name(conn: &Connection) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT value FROM settings WHERE key = ?1",
            [CURRENT_KEY],
            |r| r.get(0),
        )
        .optional()?)
}

pub fn list(conn: &Connection) -> Result<Vec<Profile>> {
    let current = current_name(conn)?;
    let mut stmt = conn.prepare("SELECT name, title, role FROM profiles")?;
    let mut out = stmt
        .query_map([], |r| row_to_profile(r, current.as_deref()))?
        .collect::<Result<Vec<_>, _>>()?;
    crate::text::sort_by_key(&mut out, |p| &p.name);
    Ok(out)
}

pub fn find(conn: &Connection, name: &str) -> Result<Option<Profile>> {
    let current = current_name(conn)?;
    Ok(conn
        .query_row(
            "SELECT name, title, role FROM profiles WHERE name = ?1",
            [nfc(name)],
            |r| row_to_profile(r, current.as_deref()),
        )
        .optional()?)
}

pub fn current(conn: &Connection) -> Result<Option<Profile>> {
    match current_name(conn)? {
        Some(name) => find(conn, &name),
        None => Ok(None),
    }
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
    let name = nfc(name);
    if name.is_empty() {
        return Err(Error::invalid("name", "tên không được để trống"));
    }
    let title = title.map(nfc).filter(|t| !t.is_empty());
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
            "INSERT INTO profiles (name, title, role, created_at) VALUES (?1, ?2, ?3, ?4)",
            params![name, title, role.as_str(), at],
        )?;
        if existing == 0 {
            set_current(tx, &name)?;
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
                new: Some(json!({ "name": name, "title": title, "role": role.as_str() })),
            },
        )?;
        find(tx, &name)?.ok_or_else(|| Error::ProfileNotFound { name: name.clone() })
    })
}

fn set_current(conn: &Connection, name: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![CURRENT_KEY, name],
    )?;
    Ok(())
}

/// Makes `name` the current profile.
pub fn use_profile(db: &mut Db, name: &str) -> Result<Profile> {
    let name = nfc(name);
    let at = db.now_text();
    db.write(|tx| {
        let before = current_name(tx)?;
        if find(tx, &name)?.is_none() {
            return Err(Error::ProfileNotFound { name: name.clone() });
        }
        set_current(tx, &name)?;
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
