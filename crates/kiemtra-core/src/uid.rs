//! Stable identities for the rows that travel between laptops (issue 10).
//!
//! A row with a natural key gets a name-based UUID (version 5) from that key, so two inspectors
//! who start the same inspection offline end up with one inspection, and the same answer, score,
//! evidence file or plan entry made on two laptops is one row once the laptops exchange their
//! work. Rows without a natural key — findings, notices, audit entries — get a random,
//! time-ordered UUID (version 7).
//!
//! The names are `kind:part:part…` under the project's own namespace; changing one changes the
//! identity of every existing row of that kind, so they are fixed here once.

use rusqlite::{Connection, OptionalExtension};
use uuid::Uuid;

use crate::error::{Error, Result};

/// The namespace of every name-based identity of Kiểm tra CCHC.
fn namespace() -> Uuid {
    Uuid::new_v5(&Uuid::NAMESPACE_URL, b"urn:kiemtra-cchc:identity")
}

/// A name-based identity: the same `kind` and `parts` give the same uid on every laptop.
pub fn named(kind: &str, parts: &[&str]) -> String {
    let mut name = String::from(kind);
    for p in parts {
        name.push(':');
        name.push_str(p);
    }
    Uuid::new_v5(&namespace(), name.as_bytes()).to_string()
}

/// A random, time-ordered identity for rows that have no natural key.
pub fn random() -> String {
    Uuid::now_v7().to_string()
}

/// A profile, by its name as first written (NFC): the same person added on two laptops is one
/// profile. Renaming keeps the uid.
pub fn profile(name: &str) -> String {
    named("profile", &[name])
}

/// The plan of a year.
pub fn plan(year: i32) -> String {
    named("plan", &[&year.to_string()])
}

/// An agency's entry in a year's plan (its selection and its schedule).
pub fn plan_entry(year: i32, agency: &str) -> String {
    named("plan-entry", &[&year.to_string(), agency])
}

/// The inspection of an agency in a year.
pub fn inspection(year: i32, agency: &str) -> String {
    named("inspection", &[&year.to_string(), agency])
}

/// The answer to a checklist item in an inspection.
pub fn answer(inspection: &str, source_ref: &str) -> String {
    named("answer", &[inspection, source_ref])
}

/// The score of a PAR criterion in an inspection.
pub fn score(inspection: &str, criterion: &str) -> String {
    named("score", &[inspection, criterion])
}

/// The minutes' details of an inspection (one per inspection).
pub fn minutes(inspection: &str) -> String {
    named("minutes", &[inspection])
}

/// An evidence file of an inspection, by its content.
pub fn evidence(inspection: &str, sha256: &str) -> String {
    named("evidence", &[inspection, sha256])
}

/// What an evidence file is mapped to: a checklist item (`item`) or a PAR criterion
/// (`criterion`).
pub fn mapping(evidence: &str, to: &str, code: &str) -> String {
    named("mapping", &[evidence, to, code])
}

/// The uid of an inspection given its row id.
pub fn of_inspection(conn: &Connection, id: i64) -> Result<String> {
    conn.query_row("SELECT uid FROM inspections WHERE id = ?1", [id], |r| {
        r.get::<_, Option<String>>(0)
    })
    .optional()?
    .flatten()
    .ok_or(Error::InspectionNotFound { id })
}

/// The uid of a finding given its row id.
pub fn of_finding(conn: &Connection, id: i64) -> Result<String> {
    conn.query_row("SELECT uid FROM findings WHERE id = ?1", [id], |r| {
        r.get::<_, Option<String>>(0)
    })
    .optional()?
    .flatten()
    .ok_or_else(|| Error::invalid("finding", format!("không có phát hiện số {id}")))
}

/// The uid of a follow-up entry given its row id.
pub fn of_followup(conn: &Connection, id: i64) -> Result<String> {
    conn.query_row("SELECT uid FROM followups WHERE id = ?1", [id], |r| {
        r.get::<_, Option<String>>(0)
    })
    .optional()?
    .flatten()
    .ok_or(Error::FollowupNotFound { id })
}

/// The uid of a profile given its name.
pub fn of_profile(conn: &Connection, name: &str) -> Result<String> {
    conn.query_row("SELECT uid FROM profiles WHERE name = ?1", [name], |r| {
        r.get::<_, Option<String>>(0)
    })
    .optional()?
    .flatten()
    .ok_or_else(|| Error::ProfileNotFound {
        name: name.to_string(),
    })
}

/// Gives every existing row its uid (the migration to schema 6). Name-based uids are computed
/// from the natural keys; findings, notices and audit entries get random ones.
pub(crate) fn fill_existing(tx: &Connection) -> Result<()> {
    fn each<T>(
        tx: &Connection,
        select: &str,
        read: impl Fn(&rusqlite::Row<'_>) -> rusqlite::Result<(i64, T)>,
        uid: impl Fn(&T) -> String,
        update: &str,
    ) -> Result<()> {
        let rows = {
            let mut stmt = tx.prepare(select)?;
            let rows = stmt
                .query_map([], |r| read(r))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            rows
        };
        let mut stmt = tx.prepare(update)?;
        for (rowid, key) in rows {
            stmt.execute(rusqlite::params![uid(&key), rowid])?;
        }
        Ok(())
    }
    each(
        tx,
        "SELECT id, name FROM profiles",
        |r| Ok((r.get(0)?, r.get::<_, String>(1)?)),
        |name| profile(name),
        "UPDATE profiles SET uid = ?1 WHERE id = ?2",
    )?;
    each(
        tx,
        "SELECT id, year FROM plans",
        |r| Ok((r.get(0)?, r.get::<_, i32>(1)?)),
        |y| plan(*y),
        "UPDATE plans SET uid = ?1 WHERE id = ?2",
    )?;
    each(
        tx,
        "SELECT pa.rowid, p.year, pa.agency_code FROM plan_agencies pa JOIN plans p ON p.id = pa.plan_id",
        |r| Ok((r.get(0)?, (r.get::<_, i32>(1)?, r.get::<_, String>(2)?))),
        |(y, a)| plan_entry(*y, a),
        "UPDATE plan_agencies SET uid = ?1 WHERE rowid = ?2",
    )?;
    each(
        tx,
        "SELECT id, plan_year, agency_code FROM inspections",
        |r| Ok((r.get(0)?, (r.get::<_, i32>(1)?, r.get::<_, String>(2)?))),
        |(y, a)| inspection(*y, a),
        "UPDATE inspections SET uid = ?1 WHERE id = ?2",
    )?;
    each(
        tx,
        "SELECT i.id, n.uid, i.source_ref FROM inspection_items i JOIN inspections n ON n.id = i.inspection_id",
        |r| Ok((r.get(0)?, (r.get::<_, String>(1)?, r.get::<_, String>(2)?))),
        |(n, s)| answer(n, s),
        "UPDATE inspection_items SET uid = ?1 WHERE id = ?2",
    )?;
    each(
        tx,
        "SELECT s.rowid, n.uid, s.criterion FROM inspection_scores s JOIN inspections n ON n.id = s.inspection_id",
        |r| Ok((r.get(0)?, (r.get::<_, String>(1)?, r.get::<_, String>(2)?))),
        |(n, c)| score(n, c),
        "UPDATE inspection_scores SET uid = ?1 WHERE rowid = ?2",
    )?;
    each(
        tx,
        "SELECT e.id, n.uid, e.sha256 FROM evidence e JOIN inspections n ON n.id = e.inspection_id",
        |r| Ok((r.get(0)?, (r.get::<_, String>(1)?, r.get::<_, String>(2)?))),
        |(n, h)| evidence(n, h),
        "UPDATE evidence SET uid = ?1 WHERE id = ?2",
    )?;
    each(
        tx,
        "SELECT m.rowid, e.uid, m.source_ref FROM evidence_items m JOIN evidence e ON e.id = m.evidence_id",
        |r| Ok((r.get(0)?, (r.get::<_, String>(1)?, r.get::<_, String>(2)?))),
        |(e, s)| mapping(e, "item", s),
        "UPDATE evidence_items SET uid = ?1 WHERE rowid = ?2",
    )?;
    each(
        tx,
        "SELECT m.rowid, e.uid, m.criterion FROM evidence_criteria m JOIN evidence e ON e.id = m.evidence_id",
        |r| Ok((r.get(0)?, (r.get::<_, String>(1)?, r.get::<_, String>(2)?))),
        |(e, c)| mapping(e, "criterion", c),
        "UPDATE evidence_criteria SET uid = ?1 WHERE rowid = ?2",
    )?;
    for table in ["findings", "notices", "audit_log"] {
        each(
            tx,
            &format!("SELECT id, NULL FROM {table} ORDER BY id"),
            |r| Ok((r.get(0)?, ())),
            |_| random(),
            &format!("UPDATE {table} SET uid = ?1 WHERE id = ?2"),
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_natural_key_gives_the_same_uid_and_another_key_another() {
        assert_eq!(inspection(2026, "SNV"), inspection(2026, "SNV"));
        assert_ne!(inspection(2026, "SNV"), inspection(2027, "SNV"));
        assert_ne!(inspection(2026, "SNV"), plan_entry(2026, "SNV"));
        // Parts are separated, so ("a:b","c") and ("a","b:c") are told apart only by content;
        // source refs and codes never contain ':' in practice, and the kind always differs.
        let a = answer(&inspection(2026, "SNV"), "I.1.a");
        assert_eq!(a, answer(&inspection(2026, "SNV"), "I.1.a"));
        assert_eq!(a.len(), 36);
    }

    #[test]
    fn random_uids_differ() {
        let a = random();
        let b = random();
        assert_ne!(a, b);
        assert_eq!(&a[14..15], "7", "a version 7 uuid: {a}");
    }
}
