//! The one seed loader, used by the app, the CLI and the tests. Seed files live in `seeds/` at
//! the top of the repository and are compiled in, so every binary carries its data. Loading is
//! one transaction, skips files already loaded with the same content, and never overwrites what
//! a user imported or edited.

use std::collections::HashSet;

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::json;
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::agency::{self, RegisterCounts};
use crate::audit::{self, Change};
use crate::checklist::{self, TemplateFile};
use crate::db::Db;
use crate::error::{Error, Result};
use crate::framework::{self, NodeRow};

pub const PROVINCIAL_AGENCIES: &str = include_str!("../../../seeds/agencies-provincial.csv");
pub const COMMUNES: &str = include_str!("../../../seeds/agencies-communes.csv");
pub const PAR_FRAMEWORK: &str = include_str!("../../../seeds/par-framework.json");
pub const CHECKLIST_2026: &str = include_str!("../../../seeds/checklist-2026.json");
pub const HOLIDAYS_2026: &str = include_str!("../../../seeds/holidays-2026.json");

#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct SeedReport {
    pub loaded: Vec<String>,
    pub unchanged: Vec<String>,
}

#[derive(Deserialize)]
struct FrameworkFile {
    version: String,
    name: String,
    year: Option<i64>,
    nodes: Vec<FrameworkFileNode>,
}

#[derive(Deserialize)]
struct FrameworkFileNode {
    code: String,
    name: String,
    #[serde(default)]
    max_points: Option<f64>,
    #[serde(default)]
    parent: Option<String>,
    #[serde(default)]
    source: Option<String>,
}

fn sha256_hex(s: &str) -> String {
    Sha256::digest(s.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn seed_error(name: &str, e: impl std::fmt::Display) -> Error {
    Error::Seed {
        name: name.to_string(),
        reason: e.to_string(),
    }
}

/// True when this exact content was loaded before; otherwise records it as loaded now.
fn already_loaded(conn: &Connection, name: &str, content: &str, at: &str) -> Result<bool> {
    let hash = sha256_hex(content);
    let known: Option<String> = conn
        .query_row("SELECT sha256 FROM seed_log WHERE name = ?1", [name], |r| {
            r.get(0)
        })
        .optional()?;
    if known.as_deref() == Some(hash.as_str()) {
        return Ok(true);
    }
    conn.execute(
        "INSERT INTO seed_log (name, sha256, loaded_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (name) DO UPDATE SET sha256 = excluded.sha256, loaded_at = excluded.loaded_at",
        params![name, hash, at],
    )?;
    audit::record(
        conn,
        at,
        None,
        Change {
            action: "seed.load",
            entity: "seed",
            key: name,
            old: known.map(serde_json::Value::String),
            new: Some(json!(hash)),
        },
    )?;
    Ok(false)
}

/// Loads every seed into the store, in one transaction.
pub fn load_all(db: &mut Db) -> Result<SeedReport> {
    let at = db.now_text();
    db.write(|tx| {
        let mut report = SeedReport::default();
        let mut note = |name: &str, skipped: bool| {
            if skipped {
                report.unchanged.push(name.to_string());
            } else {
                report.loaded.push(name.to_string());
            }
        };

        for (name, content) in [
            ("agencies-provincial.csv", PROVINCIAL_AGENCIES),
            ("agencies-communes.csv", COMMUNES),
        ] {
            let skip = already_loaded(tx, name, content, &at)?;
            if !skip {
                let rows =
                    agency::parse_csv(content.as_bytes()).map_err(|e| seed_error(name, e))?;
                agency::upsert(tx, &rows, "seed", &at, None)?;
            }
            note(name, skip);
        }

        let fw: FrameworkFile =
            serde_json::from_str(PAR_FRAMEWORK).map_err(|e| seed_error("par-framework.json", e))?;
        let fw_codes: HashSet<String> = fw.nodes.iter().map(|n| n.code.clone()).collect();
        let skip = already_loaded(tx, "par-framework.json", PAR_FRAMEWORK, &at)?;
        if !skip {
            let rows = fw
                .nodes
                .into_iter()
                .map(|n| NodeRow {
                    code: n.code,
                    name: n.name,
                    parent: n.parent,
                    max_points: n.max_points,
                    source: n.source,
                })
                .collect();
            let nodes =
                framework::check_tree(rows).map_err(|e| seed_error("par-framework.json", e))?;
            let id =
                framework::store_version(tx, &fw.version, &fw.name, fw.year, "seed", &at, &nodes)?;
            let any_current: i64 = tx.query_row(
                "SELECT COUNT(*) FROM framework_versions WHERE is_current = 1",
                [],
                |r| r.get(0),
            )?;
            if any_current == 0 {
                framework::make_current(tx, id)?;
            }
        }
        note("par-framework.json", skip);

        let skip = already_loaded(tx, "checklist-2026.json", CHECKLIST_2026, &at)?;
        if !skip {
            let t: TemplateFile = serde_json::from_str(CHECKLIST_2026)
                .map_err(|e| seed_error("checklist-2026.json", e))?;
            let codes: HashSet<String> = {
                let mut stmt = tx.prepare("SELECT code FROM agencies")?;
                let codes = stmt
                    .query_map([], |r| r.get(0))?
                    .collect::<Result<_, _>>()?;
                codes
            };
            checklist::check_template(&t, &codes, &fw_codes)?;
            checklist::store_template(tx, &t, &at)?;
        }
        note("checklist-2026.json", skip);

        let skip = already_loaded(tx, "holidays-2026.json", HOLIDAYS_2026, &at)?;
        if !skip {
            let f: crate::calendar::HolidayFile = serde_json::from_str(HOLIDAYS_2026)
                .map_err(|e| seed_error("holidays-2026.json", e))?;
            crate::calendar::store(tx, &f)?;
        }
        note("holidays-2026.json", skip);
        Ok(report)
    })
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct StoreSummary {
    pub data_dir: String,
    pub register: RegisterCounts,
    pub framework_version: Option<String>,
    #[ts(type = "number")]
    pub par_fields: i64,
    #[ts(type = "number")]
    pub par_criteria: i64,
    pub checklist: Option<String>,
    #[ts(type = "number")]
    pub objectives: i64,
    #[ts(type = "number")]
    pub objectives_without_items: i64,
    #[ts(type = "number")]
    pub items: i64,
    /// The year of the checklist template in force.
    pub checklist_year: Option<i32>,
    /// Years the working-day calendar has days off for (due dates in other years count
    /// weekends only).
    pub holiday_years: Vec<i32>,
    /// User profiles on this laptop; none means the first run, and the app opens on its welcome.
    #[ts(type = "number")]
    pub profiles: i64,
}

/// What the store holds, as `kiemtra init` prints it.
pub fn summary(db: &Db) -> Result<StoreSummary> {
    let conn = db.conn();
    let (version, fields, criteria): (Option<String>, i64, i64) = conn
        .query_row(
            "SELECT v.name,
                    (SELECT COUNT(*) FROM framework_nodes n WHERE n.version_id = v.id AND n.level = 'field'),
                    (SELECT COUNT(*) FROM framework_nodes n WHERE n.version_id = v.id AND n.level <> 'field')
             FROM framework_versions v WHERE v.is_current = 1",
            [],
            |r| Ok((Some(r.get(0)?), r.get(1)?, r.get(2)?)),
        )
        .optional()?
        .unwrap_or((None, 0, 0));
    // The 32 objectives of the plan; the extra section of general duties is not one of them.
    let objectives: Vec<(String, i64)> = checklist::objective_item_counts(conn)?
        .into_iter()
        .filter(|(r, _)| !r.starts_with("TC."))
        .collect();
    let template = checklist::current_template(conn, None)?;
    let items: i64 = match &template {
        Some((tid, _)) => conn.query_row(
            "SELECT COUNT(*) FROM checklist_items WHERE template_id = ?1",
            [tid],
            |r| r.get(0),
        )?,
        None => 0,
    };
    let mut years = conn.prepare(
        "SELECT DISTINCT CAST(substr(date, 1, 4) AS INTEGER) FROM calendar_days
         WHERE kind = 'off' ORDER BY 1",
    )?;
    let holiday_years = years
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<i32>>>()?;
    let profiles: i64 = conn.query_row("SELECT COUNT(*) FROM profiles", [], |r| r.get(0))?;
    Ok(StoreSummary {
        data_dir: db.data_dir().display().to_string(),
        checklist_year: template.as_ref().map(|(_, t)| t.year as i32),
        holiday_years,
        profiles,
        register: agency::counts(conn)?,
        framework_version: version,
        par_fields: fields,
        par_criteria: criteria,
        checklist: template.map(|(_, t)| format!("{} v{}", t.code, t.version)),
        objectives: objectives.len() as i64,
        objectives_without_items: objectives.iter().filter(|(_, n)| *n == 0).count() as i64,
        items,
    })
}
