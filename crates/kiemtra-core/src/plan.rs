//! The annual inspection plan: which agencies are inspected in a year, how each was chosen
//! (manual, seeded random draw, rotation), whether it is an unannounced spot check, its date
//! window and team. A plan is final only when every block (provincial units, communes) reaches
//! the plan's threshold (20% by default, rounded up). A final plan can still be amended, with a
//! reason; every amendment is kept with the plan as it stood after it.
//!
//! The draw is defensible by construction: an agency's place in the draw is the SHA-256 of
//! "<seed>:<code>", so anyone can re-run it with `sha256sum` and the same seed and register, and
//! adding or removing one agency never reshuffles the others.

use std::collections::{HashMap, HashSet};

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::json;
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::agency::{self, Block};
use crate::audit::{self, Change};
use crate::db::Db;
use crate::error::{Error, Result, Shortfall};
use crate::profile::{self, Role};
use crate::stored::stored_text;
use crate::text::{nfc, sort_by_key};

pub const DEFAULT_THRESHOLD: f64 = 20.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SelectionMode {
    Manual,
    Random,
    Rotation,
}

stored_text!(SelectionMode {
    Manual => "manual",
    Random => "random",
    Rotation => "rotation",
});

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DrawMethod {
    Random,
    Rotation,
}

stored_text!(DrawMethod {
    Random => "random",
    Rotation => "rotation",
});

impl DrawMethod {
    fn mode(self) -> SelectionMode {
        match self {
            DrawMethod::Random => SelectionMode::Random,
            DrawMethod::Rotation => SelectionMode::Rotation,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PlanStatus {
    Draft,
    Final,
}

stored_text!(PlanStatus {
    Draft => "draft",
    Final => "final",
});

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Window {
    pub from: String,
    pub to: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, TS)]
#[ts(export)]
pub struct Team {
    pub lead: Option<String>,
    pub members: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct PlanAgency {
    pub code: String,
    pub name: String,
    pub block: Block,
    pub mode: SelectionMode,
    pub spot_check: bool,
    pub window: Option<Window>,
    pub team: Team,
    /// The decision establishing this inspection's team, as far as it is set.
    pub decision: TeamDecision,
}

/// The decision establishing a team (Quyết định thành lập Đoàn kiểm tra) as the documents cite
/// it: "Quyết định số 15/QĐ-SNV ngày 20/4/2026 của Giám đốc Sở Nội vụ". Each part is `None`
/// until the lead sets it; documents print a blank in its place meanwhile.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, TS)]
#[ts(export)]
pub struct TeamDecision {
    /// The registered number alone ("15"); the symbol comes from the document settings.
    pub number: Option<String>,
    /// YYYY-MM-DD.
    pub date: Option<String>,
    /// Who signed it, as cited: "Giám đốc Sở Nội vụ".
    pub signer: Option<String>,
}

impl TeamDecision {
    /// Whether the number and the date are set (what a notice needs to cite it).
    pub fn is_set(&self) -> bool {
        self.number.is_some() && self.date.is_some()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct BlockCoverage {
    #[ts(type = "number")]
    pub selected: i64,
    #[ts(type = "number")]
    pub total: i64,
    #[ts(type = "number")]
    pub required: i64,
}

impl BlockCoverage {
    pub fn missing(&self) -> i64 {
        (self.required - self.selected).max(0)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Coverage {
    pub provincial: BlockCoverage,
    pub commune: BlockCoverage,
    pub all: BlockCoverage,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Amendment {
    #[ts(type = "number")]
    pub revision: i64,
    pub at: String,
    pub profile: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Plan {
    pub year: i32,
    pub threshold: f64,
    pub status: PlanStatus,
    pub draw_method: Option<DrawMethod>,
    #[ts(type = "number | null")]
    pub seed: Option<i64>,
    #[ts(type = "number")]
    pub revision: i64,
    pub agencies: Vec<PlanAgency>,
    pub excluded: Vec<String>,
    pub coverage: Coverage,
    pub amendments: Vec<Amendment>,
    /// Why the plan cannot be finalised now, or null when it can (or already is).
    pub finalize_blocker: Option<String>,
    /// Whether inspections include the duties an agency co-operates on (Phối hợp), besides
    /// its lead duties; read when an inspection starts and freezes its checklist.
    pub cooperation_inspected: bool,
    /// Working days the agency has to report on remediation after the notice (unsourced: a
    /// setting, 30 by default).
    pub remediation_days: u32,
    /// Working days after the visit's last day within which the notice is due (15 by default).
    pub notice_days: u32,
    /// The plan's own registered number once issued ("25"; the symbol comes from the document
    /// settings), cited by the documents of its inspections; `None` until set.
    pub number: Option<String>,
    /// The plan's date once issued, YYYY-MM-DD.
    pub issued_on: Option<String>,
    /// Who issued it, as cited ("Sở Nội vụ"); `None` cites the documents' issuing body.
    pub issuer: Option<String>,
}

/// How many agencies of `total` the threshold requires, rounded up (20% of 99 is 20).
pub fn required(total: i64, threshold: f64) -> i64 {
    // Integer arithmetic on hundredths of a percent avoids 20% × 15 = 3.0000000004 → 4.
    let t = (threshold * 100.0).round() as i64;
    (total * t + 9_999) / 10_000
}

/// The key that orders agencies in a seeded draw: SHA-256 of "<seed>:<code>".
pub fn draw_key(seed: u64, code: &str) -> [u8; 32] {
    Sha256::digest(format!("{seed}:{code}").as_bytes()).into()
}

/// One agency as the draw sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub code: String,
    pub block: Block,
    pub active: bool,
    /// The body that inspects (flagged in the register): never drawn to inspect itself.
    pub inspecting_body: bool,
    /// The last year it was inspected (from earlier final plans), if ever.
    pub last_inspected: Option<i32>,
}

/// Chooses agencies to bring each block up to the threshold after the picks already made.
/// Never picks an inactive, excluded or already chosen agency, nor the inspecting body (which
/// still counts among the agencies the threshold is a share of). Random: by draw key. Rotation:
/// never inspected first, then the longest ago, ties by draw key. Pure and deterministic.
pub fn fill(
    register: &[Candidate],
    chosen: &HashSet<String>,
    excluded: &HashSet<String>,
    threshold: f64,
    method: DrawMethod,
    seed: u64,
) -> Vec<String> {
    let mut picks = Vec::new();
    for block in [Block::Provincial, Block::Commune] {
        let active: Vec<&Candidate> = register
            .iter()
            .filter(|c| c.block == block && c.active)
            .collect();
        let have = active.iter().filter(|c| chosen.contains(&c.code)).count() as i64;
        let need = (required(active.len() as i64, threshold) - have).max(0) as usize;
        let mut pool: Vec<(&Candidate, [u8; 32])> = active
            .into_iter()
            .filter(|c| {
                !chosen.contains(&c.code) && !excluded.contains(&c.code) && !c.inspecting_body
            })
            .map(|c| (c, draw_key(seed, &c.code)))
            .collect();
        match method {
            DrawMethod::Random => pool.sort_by_key(|a| a.1),
            DrawMethod::Rotation => pool.sort_by(|a, b| {
                let year = |c: &Candidate| c.last_inspected.unwrap_or(i32::MIN);
                year(a.0).cmp(&year(b.0)).then(a.1.cmp(&b.1))
            }),
        }
        picks.extend(pool.into_iter().take(need).map(|(c, _)| c.code.clone()));
    }
    picks
}

/// A seeded draw that fills every block up to the threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[ts(export)]
pub struct Draw {
    pub method: DrawMethod,
    #[ts(type = "number")]
    pub seed: u64,
}

/// What a lead asks of a plan in one action.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[ts(export)]
pub struct PlanChange {
    pub threshold: Option<f64>,
    #[serde(default)]
    pub include: Vec<String>,
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Agencies to mark (or, with `unmark_spot_checks`, unmark) as unannounced spot checks.
    #[serde(default)]
    pub spot_checks: Vec<String>,
    #[serde(default)]
    pub unmark_spot_checks: Vec<String>,
    /// Fill every block up to the threshold with this method and seed, after the manual picks.
    pub draw: Option<Draw>,
    /// Required when the plan is already final: why it is amended.
    pub reason: Option<String>,
}

fn plan_id(conn: &Connection, year: i32) -> Result<Option<(i64, PlanStatus)>> {
    Ok(conn
        .query_row(
            "SELECT id, status FROM plans WHERE year = ?1",
            [year],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// The last year each agency appeared in a final plan before `year`.
pub fn last_inspected(conn: &Connection, year: i32) -> Result<HashMap<String, i32>> {
    let mut stmt = conn.prepare(
        "SELECT pa.agency_code, MAX(p.year) FROM plan_agencies pa JOIN plans p ON p.id = pa.plan_id
         WHERE p.status = ?2 AND p.year < ?1 GROUP BY pa.agency_code",
    )?;
    let rows = stmt.query_map(params![year, PlanStatus::Final], |r| {
        Ok((r.get(0)?, r.get(1)?))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn candidates(conn: &Connection, year: i32) -> Result<Vec<Candidate>> {
    let last = last_inspected(conn, year)?;
    let all = agency::list(
        conn,
        &agency::AgencyFilter {
            include_inactive: true,
            ..Default::default()
        },
    )?;
    Ok(all
        .into_iter()
        .map(|a| Candidate {
            last_inspected: last.get(&a.code).copied(),
            code: a.code,
            block: a.block,
            active: a.active,
            inspecting_body: a.inspecting_body,
        })
        .collect())
}

fn coverage(conn: &Connection, plan_id: i64, threshold: f64) -> Result<Coverage> {
    let count = |block: Option<&str>| -> Result<BlockCoverage> {
        let (selected, total): (i64, i64) = conn.query_row(
            "SELECT
                (SELECT COUNT(*) FROM plan_agencies pa JOIN agencies a ON a.code = pa.agency_code
                  WHERE pa.plan_id = ?1 AND a.active = 1 AND (?2 IS NULL OR a.block = ?2)),
                (SELECT COUNT(*) FROM agencies a WHERE a.active = 1 AND (?2 IS NULL OR a.block = ?2))",
            params![plan_id, block],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok(BlockCoverage {
            selected,
            total,
            required: required(total, threshold),
        })
    };
    Ok(Coverage {
        provincial: count(Some("provincial"))?,
        commune: count(Some("commune"))?,
        all: count(None)?,
    })
}

fn shortfalls(c: &Coverage) -> Vec<Shortfall> {
    [
        (Block::Provincial, c.provincial),
        (Block::Commune, c.commune),
    ]
    .into_iter()
    .filter(|(_, b)| b.missing() > 0)
    .map(|(block, b)| Shortfall {
        block: block.label().to_string(),
        missing: b.missing(),
    })
    .collect()
}

fn threshold_text(t: f64) -> String {
    let s = format!("{t}");
    s.replace('.', ",")
}

/// The plan of `year`.
pub fn show(conn: &Connection, year: i32) -> Result<Plan> {
    #[allow(clippy::type_complexity)]
    let (id, threshold, status, method, seed, revision, cooperation): (i64, f64, PlanStatus, Option<DrawMethod>, Option<i64>, i64, i64) = conn
        .query_row(
            "SELECT id, threshold, status, draw_method, draw_seed, revision, cooperation_inspected FROM plans WHERE year = ?1",
            [year],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)),
        )
        .optional()?
        .ok_or(Error::PlanNotFound { year })?;
    let (remediation_days, notice_days) = deadlines(conn, year)?;
    let (number, issued_on, issuer): (Option<String>, Option<String>, Option<String>) = conn
        .query_row(
            "SELECT number, issued_on, issuer FROM plans WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
    let mut members: HashMap<String, Vec<String>> = HashMap::new();
    {
        let mut stmt = conn.prepare(
            "SELECT m.agency_code, p.name FROM plan_team_members m JOIN profiles p ON p.uid = m.profile_uid
             WHERE m.plan_id = ?1",
        )?;
        for row in stmt.query_map([id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })? {
            let (code, name) = row?;
            members.entry(code).or_default().push(name);
        }
    }
    let mut stmt = conn.prepare(
        "SELECT pa.agency_code, a.name, a.block, pa.mode, pa.spot_check, pa.window_from, pa.window_to,
                (SELECT p.name FROM profiles p WHERE p.uid = pa.team_lead_uid),
                pa.decision_number, pa.decision_date, pa.decision_signer
         FROM plan_agencies pa JOIN agencies a ON a.code = pa.agency_code WHERE pa.plan_id = ?1",
    )?;
    let mut agencies = stmt
        .query_map([id], |r| {
            let from: Option<String> = r.get(5)?;
            let to: Option<String> = r.get(6)?;
            Ok(PlanAgency {
                code: r.get(0)?,
                name: r.get(1)?,
                block: r.get(2)?,
                mode: r.get(3)?,
                spot_check: r.get::<_, i64>(4)? == 1,
                window: match (from, to) {
                    (Some(from), Some(to)) => Some(Window { from, to }),
                    _ => None,
                },
                team: Team {
                    lead: r.get(7)?,
                    members: Vec::new(),
                },
                decision: TeamDecision {
                    number: r.get(8)?,
                    date: r.get(9)?,
                    signer: r.get(10)?,
                },
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    for a in &mut agencies {
        if let Some(mut m) = members.remove(&a.code) {
            sort_by_key(&mut m, |s| s);
            a.team.members = m;
        }
    }
    // Provincial units first, then communes; each in Vietnamese order.
    sort_by_key(&mut agencies, |a| &a.name);
    agencies.sort_by_key(|a| a.block == Block::Commune);
    let mut excluded: Vec<String> = {
        let mut stmt =
            conn.prepare("SELECT agency_code FROM plan_exclusions WHERE plan_id = ?1")?;
        let rows = stmt
            .query_map([id], |r| r.get(0))?
            .collect::<Result<Vec<String>, _>>()?;
        rows
    };
    excluded.sort();
    let amendments = {
        let mut stmt = conn.prepare("SELECT revision, at, profile, reason FROM plan_amendments WHERE plan_id = ?1 ORDER BY revision")?;
        let rows = stmt
            .query_map([id], |r| {
                Ok(Amendment {
                    revision: r.get(0)?,
                    at: r.get(1)?,
                    profile: r.get(2)?,
                    reason: r.get(3)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        rows
    };
    let coverage = coverage(conn, id, threshold)?;
    let short = shortfalls(&coverage);
    let finalize_blocker = (status == PlanStatus::Draft && !short.is_empty()).then(|| {
        Error::CoverageBelowThreshold {
            threshold: threshold_text(threshold),
            shortfalls: short,
        }
        .to_string()
    });
    Ok(Plan {
        year,
        threshold,
        status,
        draw_method: method,
        seed,
        revision,
        agencies,
        excluded,
        coverage,
        amendments,
        finalize_blocker,
        cooperation_inspected: cooperation == 1,
        remediation_days,
        notice_days,
        number,
        issued_on,
        issuer,
    })
}

/// Refuses changes to a final plan without a reason; records the amendment when there is one.
fn after_change(
    tx: &Connection,
    year: i32,
    status: PlanStatus,
    reason: Option<&str>,
    at: &str,
    by: &str,
) -> Result<()> {
    if status != PlanStatus::Final {
        return Ok(());
    }
    let reason = reason
        .map(nfc)
        .filter(|r| !r.is_empty())
        .ok_or(Error::PlanFinal { year })?;
    let plan = show(tx, year)?;
    let short = shortfalls(&plan.coverage);
    if !short.is_empty() {
        return Err(Error::CoverageBelowThreshold {
            threshold: threshold_text(plan.threshold),
            shortfalls: short,
        });
    }
    let revision = plan.revision + 1;
    tx.execute(
        "UPDATE plans SET revision = ?2 WHERE year = ?1",
        params![year, revision],
    )?;
    let snapshot =
        serde_json::to_string(&json!({ "agencies": plan.agencies, "coverage": plan.coverage }))
            .map_err(|e| Error::invalid("snapshot", e.to_string()))?;
    tx.execute(
        "INSERT INTO plan_amendments (plan_id, revision, at, profile, reason, snapshot)
         SELECT id, ?2, ?3, ?4, ?5, ?6 FROM plans WHERE year = ?1",
        params![year, revision, at, by, reason, snapshot],
    )?;
    Ok(())
}

fn check_year(year: i32) -> Result<()> {
    if !(2000..=2100).contains(&year) {
        return Err(Error::invalid("year", format!("năm {year} không hợp lệ")));
    }
    Ok(())
}

fn check_threshold(t: f64) -> Result<()> {
    if !(t > 0.0 && t <= 100.0) {
        return Err(Error::invalid(
            "threshold",
            "ngưỡng phải lớn hơn 0 và không quá 100%",
        ));
    }
    Ok(())
}

/// Creates the plan of `year` (or updates its draft) with `change`, in one transaction.
pub fn apply(db: &mut Db, year: i32, change: &PlanChange) -> Result<Plan> {
    check_year(year)?;
    if let Some(t) = change.threshold {
        check_threshold(t)?;
    }
    let at = db.now_text();
    db.write(|tx| {
        let lead = profile::require_lead(tx, "lập kế hoạch kiểm tra")?;
        let (id, status) = match plan_id(tx, year)? {
            Some(p) => p,
            None => {
                tx.execute(
                    "INSERT INTO plans (year, threshold, created_at, uid) VALUES (?1, ?2, ?3, ?4)",
                    params![year, change.threshold.unwrap_or(DEFAULT_THRESHOLD), at, crate::uid::plan(year)],
                )?;
                (tx.last_insert_rowid(), PlanStatus::Draft)
            }
        };
        let before = show(tx, year)?;
        if let Some(t) = change.threshold {
            tx.execute("UPDATE plans SET threshold = ?2 WHERE id = ?1", params![id, t])?;
        }
        for code in &change.exclude {
            agency::get(tx, code)?;
            tx.execute("DELETE FROM plan_agencies WHERE plan_id = ?1 AND agency_code = ?2", params![id, code.trim()])?;
            tx.execute("INSERT OR IGNORE INTO plan_exclusions (plan_id, agency_code) VALUES (?1, ?2)", params![id, code.trim()])?;
        }
        for code in &change.include {
            let a = agency::get(tx, code)?;
            if !a.active {
                return Err(Error::invalid(
                    "include",
                    format!("«{}» không thuộc diện kiểm tra (đơn vị không hoạt động)", a.name),
                ));
            }
            if a.inspecting_body {
                return Err(Error::invalid(
                    "include",
                    format!("«{}» là cơ quan chủ trì kiểm tra, không thể tự kiểm tra chính mình; hãy chọn cơ quan khác", a.name),
                ));
            }
            tx.execute("DELETE FROM plan_exclusions WHERE plan_id = ?1 AND agency_code = ?2", params![id, a.code])?;
            tx.execute(
                "INSERT INTO plan_agencies (plan_id, agency_code, mode, uid) VALUES (?1, ?2, 'manual', ?3)
                 ON CONFLICT (plan_id, agency_code) DO UPDATE SET mode = 'manual'",
                params![id, a.code, crate::uid::plan_entry(year, &a.code)],
            )?;
        }
        if let Some(Draw { method, seed }) = change.draw {
            // A draw replaces the earlier drawn picks, so the same seed always gives the same plan.
            tx.execute("DELETE FROM plan_agencies WHERE plan_id = ?1 AND mode <> 'manual'", [id])?;
            let seed_db = i64::try_from(seed).map_err(|_| Error::invalid("seed", "hạt giống quá lớn (tối đa 9223372036854775807)"))?;
            let threshold: f64 = tx.query_row("SELECT threshold FROM plans WHERE id = ?1", [id], |r| r.get(0))?;
            let chosen: HashSet<String> = {
                let mut stmt = tx.prepare("SELECT agency_code FROM plan_agencies WHERE plan_id = ?1")?;
                let rows = stmt.query_map([id], |r| r.get(0))?.collect::<Result<_, _>>()?;
                rows
            };
            let excluded: HashSet<String> = {
                let mut stmt = tx.prepare("SELECT agency_code FROM plan_exclusions WHERE plan_id = ?1")?;
                let rows = stmt.query_map([id], |r| r.get(0))?.collect::<Result<_, _>>()?;
                rows
            };
            for code in fill(&candidates(tx, year)?, &chosen, &excluded, threshold, method, seed) {
                tx.execute(
                    "INSERT INTO plan_agencies (plan_id, agency_code, mode, uid) VALUES (?1, ?2, ?3, ?4)",
                    params![id, code, method.mode().as_str(), crate::uid::plan_entry(year, &code)],
                )?;
            }
            tx.execute(
                "UPDATE plans SET draw_method = ?2, draw_seed = ?3 WHERE id = ?1",
                params![id, method.as_str(), seed_db],
            )?;
        }
        for (codes, flag) in [(&change.spot_checks, 1), (&change.unmark_spot_checks, 0)] {
            for code in codes {
                let n = tx.execute(
                    "UPDATE plan_agencies SET spot_check = ?3 WHERE plan_id = ?1 AND agency_code = ?2",
                    params![id, code.trim(), flag],
                )?;
                if n == 0 {
                    return Err(Error::NotInPlan { code: code.trim().to_string(), year });
                }
            }
        }
        after_change(tx, year, status, change.reason.as_deref(), &at, &lead.name)?;
        let after = show(tx, year)?;
        audit::record(
            tx,
            &at,
            Some(&lead.name),
            Change {
                action: "plan.change",
                entity: "plan",
                key: &year.to_string(),
                old: Some(plan_digest(&before)),
                new: Some(plan_digest(&after)),
            },
        )?;
        crate::exchange::log::noted_plan(tx, &at, year)?;
        Ok(after)
    })
}

fn plan_digest(p: &Plan) -> serde_json::Value {
    json!({
        "threshold": p.threshold,
        "status": p.status,
        "seed": p.seed,
        "draw_method": p.draw_method,
        "agencies": p.agencies.iter().map(|a| json!({"code": a.code, "mode": a.mode, "spot_check": a.spot_check})).collect::<Vec<_>>(),
    })
}

/// Ticks or unticks one agency, as the plan screen does.
pub fn set_selected(
    db: &mut Db,
    year: i32,
    code: &str,
    selected: bool,
    reason: Option<&str>,
) -> Result<Plan> {
    let change = PlanChange {
        include: if selected {
            vec![code.to_string()]
        } else {
            Vec::new()
        },
        exclude: if selected {
            Vec::new()
        } else {
            vec![code.to_string()]
        },
        reason: reason.map(str::to_string),
        ..Default::default()
    };
    apply(db, year, &change)
}

/// Finalises the plan: refused, with the per-block shortfall, below the threshold.
pub fn finalize(db: &mut Db, year: i32) -> Result<Plan> {
    let at = db.now_text();
    db.write(|tx| {
        let lead = profile::require_lead(tx, "phê duyệt kế hoạch kiểm tra")?;
        let plan = show(tx, year)?;
        if plan.status == PlanStatus::Final {
            return Ok(plan);
        }
        let short = shortfalls(&plan.coverage);
        if !short.is_empty() {
            return Err(Error::CoverageBelowThreshold {
                threshold: threshold_text(plan.threshold),
                shortfalls: short,
            });
        }
        tx.execute(
            "UPDATE plans SET status = ?3, finalized_at = ?2 WHERE year = ?1",
            params![year, at, PlanStatus::Final],
        )?;
        audit::record(
            tx,
            &at,
            Some(&lead.name),
            Change {
                action: "plan.finalize",
                entity: "plan",
                key: &year.to_string(),
                old: Some(json!("draft")),
                new: Some(json!("final")),
            },
        )?;
        crate::exchange::log::noted_plan(tx, &at, year)?;
        show(tx, year)
    })
}

/// What the schedule of one planned inspection should become.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct ScheduleChange {
    pub agency: String,
    pub from: String,
    pub to: String,
    pub lead: Option<String>,
    #[serde(default)]
    pub members: Vec<String>,
    pub reason: Option<String>,
}

/// Sets the date window and team of one planned inspection. Nobody may be in two teams whose
/// windows overlap.
pub fn schedule(db: &mut Db, year: i32, s: &ScheduleChange) -> Result<Plan> {
    let from = crate::calendar::parse_date("from", &s.from)?;
    let to = crate::calendar::parse_date("to", &s.to)?;
    if from > to {
        return Err(Error::invalid("to", "ngày kết thúc trước ngày bắt đầu"));
    }
    if from.format("%Y").to_string() != year.to_string()
        || to.format("%Y").to_string() != year.to_string()
    {
        return Err(Error::invalid(
            "from",
            format!("lịch phải nằm trong năm {year}"),
        ));
    }
    let (from_s, to_s) = (from.to_string(), to.to_string());
    let at = db.now_text();
    db.write(|tx| {
        let by = profile::require_lead(tx, "xếp lịch kiểm tra")?;
        let (id, status) = plan_id(tx, year)?.ok_or(Error::PlanNotFound { year })?;
        let code = s.agency.trim();
        let exists: Option<i64> = tx
            .query_row(
                "SELECT 1 FROM plan_agencies WHERE plan_id = ?1 AND agency_code = ?2",
                params![id, code],
                |r| r.get(0),
            )
            .optional()?;
        if exists.is_none() {
            return Err(Error::NotInPlan {
                code: code.to_string(),
                year,
            });
        }
        let lead = match &s.lead {
            Some(name) => {
                let p = profile::find(tx, name)?
                    .ok_or_else(|| Error::ProfileNotFound { name: name.clone() })?;
                if p.role != Role::Lead {
                    return Err(Error::invalid(
                        "lead",
                        format!("{} không phải Trưởng đoàn", p.name),
                    ));
                }
                Some(p.name)
            }
            None => None,
        };
        let mut members = Vec::new();
        for m in &s.members {
            let p =
                profile::find(tx, m)?.ok_or_else(|| Error::ProfileNotFound { name: m.clone() })?;
            if Some(&p.name) != lead.as_ref() && !members.contains(&p.name) {
                members.push(p.name);
            }
        }
        // Overlap check against every other scheduled inspection of the year.
        let everyone: Vec<&String> = lead.iter().chain(members.iter()).collect();
        let mut stmt = tx.prepare(
            "SELECT pa.agency_code, a.name, pa.window_from, pa.window_to,
                    (SELECT p.name FROM profiles p WHERE p.uid = pa.team_lead_uid),
                    (SELECT group_concat(p.name, char(31)) FROM plan_team_members m
                      JOIN profiles p ON p.uid = m.profile_uid
                      WHERE m.plan_id = pa.plan_id AND m.agency_code = pa.agency_code)
             FROM plan_agencies pa JOIN agencies a ON a.code = pa.agency_code
             WHERE pa.plan_id = ?1 AND pa.agency_code <> ?2 AND pa.window_from IS NOT NULL
               AND pa.window_from <= ?4 AND pa.window_to >= ?3",
        )?;
        let overlapping = stmt
            .query_map(params![id, code, from_s, to_s], |r| {
                Ok((
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, Option<String>>(5)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        for (other, f, t, other_lead, other_members) in overlapping {
            let busy: Vec<String> = other_lead
                .into_iter()
                .chain(
                    other_members
                        .unwrap_or_default()
                        .split('\u{1f}')
                        .filter(|s| !s.is_empty())
                        .map(str::to_string),
                )
                .collect();
            if let Some(name) = everyone.iter().find(|n| busy.contains(n)) {
                return Err(Error::ScheduleConflict {
                    name: (*name).clone(),
                    other,
                    from: f,
                    to: t,
                });
            }
        }
        tx.execute(
            "UPDATE plan_agencies SET window_from = ?3, window_to = ?4,
                 team_lead_uid = (SELECT uid FROM profiles WHERE name = ?5)
             WHERE plan_id = ?1 AND agency_code = ?2",
            params![id, code, from_s, to_s, lead],
        )?;
        tx.execute(
            "DELETE FROM plan_team_members WHERE plan_id = ?1 AND agency_code = ?2",
            params![id, code],
        )?;
        for m in &members {
            tx.execute(
                "INSERT INTO plan_team_members (plan_id, agency_code, profile_uid)
                 SELECT ?1, ?2, uid FROM profiles WHERE name = ?3",
                params![id, code, m],
            )?;
        }
        after_change(tx, year, status, s.reason.as_deref(), &at, &by.name)?;
        audit::record(
            tx,
            &at,
            Some(&by.name),
            Change {
                action: "plan.schedule",
                entity: "plan_agency",
                key: &format!("{year}/{code}"),
                old: None,
                new: Some(json!({ "from": from_s, "to": to_s, "lead": lead, "members": members })),
            },
        )?;
        crate::exchange::log::noted_plan(tx, &at, year)?;
        show(tx, year)
    })
}

/// Years that have a plan, newest first.
pub fn years(conn: &Connection) -> Result<Vec<i32>> {
    let mut stmt = conn.prepare("SELECT year FROM plans ORDER BY year DESC")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A planned inspection as an inspector's work list shows it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct WorkItem {
    pub year: i32,
    pub plan_status: PlanStatus,
    pub agency: PlanAgency,
    /// True when the given profile is the lead or a member of the team.
    pub mine: bool,
    /// When its conclusion notice is due, once the visit's days are known.
    pub notice: Option<NoticeDeadline>,
}

/// The deadline for issuing a visit's conclusion notice: the plan's `notice_days` working days
/// after the visit's last day (15 by default, after Thông tư 02/2017/TT-VPCP Điều 46).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct NoticeDeadline {
    /// "YYYY-MM-DD".
    pub due: String,
    pub working_days: u32,
    /// The notice is issued (the inspection is locked by it).
    pub issued: bool,
    /// Not issued and `due` is before today.
    pub overdue: bool,
    /// The years the count crossed that have no holiday data (only weekends skipped there):
    /// `due` may fall on or after a public holiday until their days are imported.
    pub years_without_holidays: Vec<i32>,
}

/// The notice deadline of `agency`'s inspection in the plan of `year`, seen on `today`: from
/// the started inspection's visit days, else the planned window; `None` while neither is known
/// (an unscheduled or unannounced visit not yet started).
pub fn notice_deadline(
    conn: &Connection,
    year: i32,
    agency: &str,
    today: chrono::NaiveDate,
) -> Result<Option<NoticeDeadline>> {
    let (_, notice_days) = deadlines(conn, year)?;
    let started = crate::inspection::find(conn, year, agency)?;
    let (last_day, issued) = match started {
        Some(id) => {
            let locked: bool = conn.query_row(
                "SELECT locked = 1 FROM inspections WHERE id = ?1",
                [id],
                |r| r.get(0),
            )?;
            (Some(crate::minutes::visit_span(conn, id)?.1), locked)
        }
        None => {
            let to: Option<String> = conn
                .query_row(
                    "SELECT pa.window_to FROM plan_agencies pa JOIN plans p ON p.id = pa.plan_id
                     WHERE p.year = ?1 AND pa.agency_code = ?2",
                    params![year, agency],
                    |r| r.get(0),
                )
                .optional()?
                .flatten();
            (
                to.and_then(|t| crate::calendar::parse_date("window_to", &t).ok()),
                false,
            )
        }
    };
    let Some(last_day) = last_day else {
        return Ok(None);
    };
    let counted = crate::calendar::add_working_days_checked(conn, last_day, notice_days)?;
    let due = counted.date;
    Ok(Some(NoticeDeadline {
        due: due.to_string(),
        working_days: notice_days,
        issued,
        overdue: !issued && today > due,
        years_without_holidays: counted.years_without_holidays,
    }))
}

/// The planned inspections of `year`, those of `profile`'s teams first, then by date, each
/// with its notice deadline as seen on `today`.
pub fn work_list(
    conn: &Connection,
    year: i32,
    profile: Option<&str>,
    today: chrono::NaiveDate,
) -> Result<Vec<WorkItem>> {
    let plan = show(conn, year)?;
    let mut out: Vec<WorkItem> = plan
        .agencies
        .into_iter()
        .map(|a| {
            let mine = profile.is_some_and(|p| {
                a.team.lead.as_deref() == Some(p) || a.team.members.iter().any(|m| m == p)
            });
            Ok(WorkItem {
                year,
                plan_status: plan.status,
                notice: notice_deadline(conn, year, &a.code, today)?,
                agency: a,
                mine,
            })
        })
        .collect::<Result<_>>()?;
    out.sort_by(|a, b| {
        b.mine.cmp(&a.mine).then_with(|| {
            let d = |w: &WorkItem| {
                w.agency
                    .window
                    .as_ref()
                    .map(|w| w.from.clone())
                    .unwrap_or_else(|| "9999".into())
            };
            d(a).cmp(&d(b))
        })
    });
    Ok(out)
}

/// Each active agency with the last year it was inspected before `year` (for the rotation view).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct RotationRow {
    pub code: String,
    pub name: String,
    pub block: Block,
    pub last_inspected: Option<i32>,
}

pub fn rotation(conn: &Connection, year: i32) -> Result<Vec<RotationRow>> {
    let last = last_inspected(conn, year)?;
    let list = agency::list(conn, &agency::AgencyFilter::default())?;
    let mut rows: Vec<RotationRow> = list
        .into_iter()
        .map(|a| RotationRow {
            last_inspected: last.get(&a.code).copied(),
            code: a.code,
            name: a.name,
            block: a.block,
        })
        .collect();
    rows.sort_by_key(|r| r.last_inspected.unwrap_or(i32::MIN));
    Ok(rows)
}

/// Whether the inspections of `year` include co-operation duties: the plan's setting, yes
/// when there is no plan.
pub fn cooperation_inspected(conn: &Connection, year: i32) -> Result<bool> {
    Ok(conn
        .query_row(
            "SELECT cooperation_inspected FROM plans WHERE year = ?1",
            [year],
            |r| r.get::<_, i64>(0),
        )
        .optional()?
        .is_none_or(|v| v == 1))
}

/// Sets whether the inspections of `year` include co-operation duties (lead only). Only
/// inspections started afterwards follow it: a started inspection keeps its frozen checklist.
pub fn set_cooperation_inspected(db: &mut Db, year: i32, inspected: bool) -> Result<Plan> {
    let at = db.now_text();
    db.write(|tx| {
        let lead = profile::require_lead(tx, "đặt phạm vi kiểm tra của kế hoạch")?;
        let before = show(tx, year)?;
        tx.execute(
            "UPDATE plans SET cooperation_inspected = ?2 WHERE year = ?1",
            params![year, i64::from(inspected)],
        )?;
        audit::record(
            tx,
            &at,
            Some(&lead.name),
            Change {
                action: "plan.cooperation",
                entity: "plan",
                key: &year.to_string(),
                old: Some(json!({ "cooperation_inspected": before.cooperation_inspected })),
                new: Some(json!({ "cooperation_inspected": inspected })),
            },
        )?;
        crate::exchange::log::noted_plan(tx, &at, year)?;
        show(tx, year)
    })
}

/// The plan's working-day deadlines: (remediation report, conclusion notice after the visit).
pub fn deadlines(conn: &Connection, year: i32) -> Result<(u32, u32)> {
    conn.query_row(
        "SELECT remediation_days, notice_days FROM plans WHERE year = ?1",
        [year],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()?
    .ok_or(Error::PlanNotFound { year })
}

/// Sets the plan's working-day deadlines (lead only).
pub fn set_deadlines(
    db: &mut Db,
    year: i32,
    remediation_days: u32,
    notice_days: u32,
) -> Result<()> {
    if remediation_days == 0 || notice_days == 0 {
        return Err(Error::invalid("days", "số ngày làm việc phải lớn hơn 0"));
    }
    let at = db.now_text();
    db.write(|tx| {
        let lead = profile::require_lead(tx, "đặt thời hạn của kế hoạch")?;
        let before = deadlines(tx, year)?;
        tx.execute(
            "UPDATE plans SET remediation_days = ?2, notice_days = ?3 WHERE year = ?1",
            params![year, remediation_days, notice_days],
        )?;
        audit::record(
            tx,
            &at,
            Some(&lead.name),
            Change {
                action: "plan.deadlines",
                entity: "plan",
                key: &year.to_string(),
                old: Some(json!({ "remediation_days": before.0, "notice_days": before.1 })),
                new: Some(
                    json!({ "remediation_days": remediation_days, "notice_days": notice_days }),
                ),
            },
        )?;
        crate::exchange::log::noted_plan(tx, &at, year)
    })
}

/// What the plan's own reference becomes once it is issued (`kiemtra plan issue`).
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct PlanReference {
    /// The registered number alone ("25"); the symbol comes from the document settings.
    pub number: String,
    /// "YYYY-MM-DD" or "DD/MM/YYYY".
    pub date: String,
    /// Who issued it, as cited ("Sở Nội vụ"); empty or absent cites the documents' issuing body.
    #[serde(default)]
    pub issuer: Option<String>,
}

/// What the decision establishing one inspection's team becomes (`kiemtra decision set`).
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct DecisionChange {
    pub agency: String,
    /// The registered number alone ("15").
    pub number: String,
    /// "YYYY-MM-DD" or "DD/MM/YYYY"; not after the first day of the visit.
    pub date: String,
    /// Who signed it, as cited ("Giám đốc Sở Nội vụ"); empty or absent cites the issuing body.
    #[serde(default)]
    pub signer: Option<String>,
}

/// A registered number as typed: NFC, trimmed, the number alone — the symbol ("KH-SNV",
/// "QĐ-SNV") is the document settings' and is added when printed.
fn registered_number(field: &str, number: &str) -> Result<String> {
    let n = nfc(number);
    let n = n.trim();
    if n.is_empty() || n.chars().count() > 20 || n.chars().any(|c| c.is_control()) {
        return Err(Error::invalid(
            field,
            "số văn bản không hợp lệ: ghi số đã đăng ký, ví dụ 25",
        ));
    }
    if n.contains('/') {
        return Err(Error::invalid(
            field,
            format!(
                "chỉ ghi số (ví dụ {}); ký hiệu sau dấu «/» lấy từ thiết lập văn bản",
                n.split('/').next().unwrap_or_default().trim()
            ),
        ));
    }
    Ok(n.to_string())
}

fn optional_text(t: Option<&str>) -> Option<String> {
    t.map(nfc)
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
}

/// Sets the plan's own number, date and issuer once it is issued (lead only): the documents of
/// its inspections cite it, and a notice is not issued before it is set.
pub fn set_reference(db: &mut Db, year: i32, r: &PlanReference) -> Result<Plan> {
    let number = registered_number("number", &r.number)?;
    let date = crate::calendar::parse_date("date", &r.date)?.to_string();
    let issuer = optional_text(r.issuer.as_deref());
    let at = db.now_text();
    db.write(|tx| {
        let by = profile::require_lead(tx, "ghi số, ngày của kế hoạch kiểm tra")?;
        let before = show(tx, year)?;
        tx.execute(
            "UPDATE plans SET number = ?2, issued_on = ?3, issuer = ?4 WHERE year = ?1",
            params![year, number, date, issuer],
        )?;
        audit::record(
            tx,
            &at,
            Some(&by.name),
            Change {
                action: "plan.reference",
                entity: "plan",
                key: &year.to_string(),
                old: Some(json!({ "number": before.number, "issued_on": before.issued_on, "issuer": before.issuer })),
                new: Some(json!({ "number": number, "issued_on": date, "issuer": issuer })),
            },
        )?;
        crate::exchange::log::noted_plan(tx, &at, year)?;
        show(tx, year)
    })
}

/// Sets the decision establishing the team of one planned inspection (lead only). The
/// decision comes before the visit: a date after the first day of the scheduled window is
/// refused.
pub fn set_decision(db: &mut Db, year: i32, d: &DecisionChange) -> Result<Plan> {
    let number = registered_number("number", &d.number)?;
    let date = crate::calendar::parse_date("date", &d.date)?;
    let signer = optional_text(d.signer.as_deref());
    let code = d.agency.trim().to_string();
    let at = db.now_text();
    db.write(|tx| {
        let by = profile::require_lead(tx, "ghi quyết định thành lập Đoàn kiểm tra")?;
        let plan = show(tx, year)?;
        let entry = plan
            .agencies
            .iter()
            .find(|a| a.code == code)
            .ok_or_else(|| Error::NotInPlan {
                code: code.clone(),
                year,
            })?;
        if let Some(w) = &entry.window {
            if let Ok(from) = crate::calendar::parse_date("from", &w.from) {
                if date > from {
                    return Err(Error::invalid(
                        "date",
                        format!(
                            "quyết định thành lập Đoàn kiểm tra ngày {} sau ngày bắt đầu kiểm tra {}; quyết định phải có trước khi kiểm tra",
                            date.format("%d/%m/%Y"),
                            from.format("%d/%m/%Y")
                        ),
                    ));
                }
            }
        }
        let (plan_id, _) = plan_id(tx, year)?.ok_or(Error::PlanNotFound { year })?;
        let date_s = date.to_string();
        tx.execute(
            "UPDATE plan_agencies SET decision_number = ?3, decision_date = ?4, decision_signer = ?5
             WHERE plan_id = ?1 AND agency_code = ?2",
            params![plan_id, code, number, date_s, signer],
        )?;
        audit::record(
            tx,
            &at,
            Some(&by.name),
            Change {
                action: "plan.decision",
                entity: "plan_agency",
                key: &format!("{year}/{code}"),
                old: Some(json!(entry.decision.number)),
                new: Some(json!({ "number": number, "date": date_s, "signer": signer })),
            },
        )?;
        crate::exchange::log::noted_plan(tx, &at, year)?;
        show(tx, year)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_rounds_up_and_is_exact_on_whole_numbers() {
        assert_eq!(required(99, 20.0), 20, "20% of 99 is 19.8 → 20");
        assert_eq!(required(15, 20.0), 3, "20% of 15 is exactly 3, not 4");
        assert_eq!(required(100, 20.0), 20);
        assert_eq!(required(0, 20.0), 0);
        assert_eq!(required(7, 12.5), 1);
        assert_eq!(required(99, 100.0), 99);
    }

    #[test]
    fn the_draw_key_is_sha256_of_seed_and_code() {
        let k = draw_key(7, "07264");
        let hex: String = k.iter().map(|b| format!("{b:02x}")).collect();
        // echo -n "7:07264" | sha256sum
        let expected: String = Sha256::digest(b"7:07264")
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(hex, expected);
    }

    fn c(code: &str, block: Block, last: Option<i32>) -> Candidate {
        Candidate {
            inspecting_body: false,
            code: code.into(),
            block,
            active: true,
            last_inspected: last,
        }
    }

    #[test]
    fn rotation_takes_the_never_inspected_then_the_oldest() {
        let reg = vec![
            c("a", Block::Commune, Some(2025)),
            c("b", Block::Commune, None),
            c("c", Block::Commune, Some(2023)),
            c("d", Block::Commune, Some(2024)),
            c("e", Block::Commune, Some(2025)),
        ];
        // 60% of 5 = 3
        let picks = fill(
            &reg,
            &HashSet::new(),
            &HashSet::new(),
            60.0,
            DrawMethod::Rotation,
            1,
        );
        assert_eq!(picks, vec!["b", "c", "d"]);
    }
}
