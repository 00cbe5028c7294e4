//! The units of merge: what one change describes whole. Each kind has its value (the unit's
//! entire state, so a change can be applied on any laptop without its history), a `snapshot`
//! that reads it from the store and an `apply` that writes it. Rows are found by uid, never by
//! a local row id.

use std::collections::BTreeSet;

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::uid;

/// The kinds of unit, in the order a bundle applies them (a plan before its entries, an
/// inspection before its checklist and answers).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Profile,
    Plan,
    PlanEntry,
    Inspection,
    Checklist,
    Answer,
    Finding,
    Score,
    Minutes,
    Evidence,
    Notice,
}

crate::stored::stored_text!(Kind {
    Profile => "profile",
    Plan => "plan",
    PlanEntry => "plan_entry",
    Inspection => "inspection",
    Checklist => "checklist",
    Answer => "answer",
    Finding => "finding",
    Score => "score",
    Minutes => "minutes",
    Evidence => "evidence",
    Notice => "notice",
});

impl Kind {
    /// Units whose changes are unions: two laptops adding never conflict, nothing is dropped.
    pub fn is_add_only(self) -> bool {
        matches!(self, Kind::Evidence | Kind::Notice | Kind::Checklist)
    }

    /// Units that belong to one inspection: refused when that inspection is issued (locked).
    pub fn is_inspection_work(self) -> bool {
        matches!(
            self,
            Kind::Answer | Kind::Finding | Kind::Score | Kind::Minutes | Kind::Evidence
        )
    }

    pub fn label(self) -> &'static str {
        match self {
            Kind::Profile => "người dùng",
            Kind::Plan => "kế hoạch",
            Kind::PlanEntry => "đơn vị trong kế hoạch",
            Kind::Inspection => "trạng thái cuộc kiểm tra",
            Kind::Checklist => "danh mục kiểm tra",
            Kind::Answer => "kết quả nội dung",
            Kind::Finding => "phát hiện",
            Kind::Score => "điểm",
            Kind::Minutes => "biên bản kiểm tra",
            Kind::Evidence => "tài liệu kiểm chứng",
            Kind::Notice => "thông báo kết luận",
        }
    }
}

/// Where a unit belongs: the plan year, the agency, the inspection. Exports select by it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scope {
    pub year: Option<i32>,
    pub agency: Option<String>,
    pub inspection: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProfileValue {
    pub name: String,
    pub title: Option<String>,
    pub role: String,
    pub created_at: String,
    /// Absent from bundles of builds before the legal basis (issue 11): left out when unset,
    /// so an unchanged profile logs the same value as before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanValue {
    pub year: i32,
    pub threshold: f64,
    pub status: String,
    pub draw_method: Option<String>,
    pub draw_seed: Option<i64>,
    pub revision: i64,
    pub remediation_days: i64,
    pub notice_days: i64,
    pub created_at: String,
    pub finalized_at: Option<String>,
    pub excluded: BTreeSet<String>,
    /// The plan's own number, date and issuer once issued; left out when unset (see
    /// [`ProfileValue::unit`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued_on: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    /// Absent from bundles made before the setting existed: inspected, the default.
    #[serde(default = "yes")]
    pub cooperation_inspected: bool,
}

fn yes() -> bool {
    true
}

fn lead() -> String {
    "lead".into()
}

fn no_refs() -> String {
    "[]".into()
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanEntryValue {
    pub year: i32,
    pub agency: String,
    pub selected: bool,
    pub mode: String,
    pub spot_check: bool,
    pub window_from: Option<String>,
    pub window_to: Option<String>,
    /// Profile uids.
    pub lead: Option<String>,
    pub members: BTreeSet<String>,
    /// The decision establishing the team; left out when unset (see [`ProfileValue::unit`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision_number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision_signer: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InspectionValue {
    pub year: i32,
    pub agency: String,
    pub visit_date: String,
    pub template_code: String,
    pub template_version: i64,
    pub created_at: String,
    pub created_by: String,
    pub status: String,
    pub review_comment: Option<String>,
    pub locked: bool,
}

/// One frozen checklist item, as copied at the inspection's start.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FrozenItem {
    pub source_ref: String,
    pub section_ref: String,
    pub objective_ref: String,
    pub text: String,
    pub evidence: Option<String>,
    pub deadline_text: Option<String>,
    pub due: Option<String>,
    pub target_op: Option<String>,
    pub target_value: Option<f64>,
    pub target_unit: Option<String>,
    pub par_fields: String,
    pub par_criteria: String,
    pub position: i64,
    /// `lead` or `cooperation`; absent from bundles made before co-operation duties.
    #[serde(default = "lead")]
    pub kind: String,
    #[serde(default = "no_refs")]
    pub also_refs: String,
    #[serde(default)]
    pub measure: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChecklistValue {
    pub inspection: String,
    pub items: Vec<FrozenItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnswerValue {
    pub inspection: String,
    pub source_ref: String,
    pub status: Option<String>,
    pub value: Option<f64>,
    pub done_on: Option<String>,
    pub note: Option<String>,
    pub updated_at: Option<String>,
    pub updated_by: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FindingValue {
    pub inspection: String,
    pub deleted: bool,
    pub kind: String,
    pub text: String,
    pub source_ref: Option<String>,
    pub criterion: Option<String>,
    pub cause: Option<String>,
    pub recommendation: Option<String>,
    pub severity: Option<String>,
    pub responsible: Option<String>,
    pub due: Option<String>,
    pub created_at: String,
    pub created_by: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoreValue {
    pub inspection: String,
    pub criterion: String,
    pub self_score: Option<f64>,
    pub appraised_score: Option<f64>,
    pub justification: Option<String>,
    /// The framework version the score was made against (absent from older bundles).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub framework_version: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvidenceValue {
    pub inspection: String,
    pub sha256: String,
    pub name: String,
    pub size: i64,
    pub media_type: String,
    pub captured_at: String,
    pub captured_by: String,
    pub criteria: BTreeSet<String>,
    pub items: BTreeSet<String>,
    /// The framework version its criteria were mapped against (absent from older bundles).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub framework_version: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NoticeValue {
    pub inspection: String,
    pub version: i64,
    pub number: String,
    pub issued_on: String,
    pub signer: String,
    pub sha256: String,
    pub size: i64,
    /// The uid of the notice this one corrects.
    pub replaces: Option<String>,
    pub reason: Option<String>,
    pub issued_at: String,
    pub issued_by: String,
}

/// The minutes' details of an inspection (see `crate::minutes`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MinutesValue {
    pub inspection: String,
    pub started_at: Option<String>,
    pub ended_at: Option<String>,
    pub place: Option<String>,
    /// The JSON array of {name, title} as stored.
    pub representatives: String,
    pub secretary: Option<String>,
    pub updated_at: String,
    pub updated_by: Option<String>,
}

/// A unit's whole state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", content = "state", rename_all = "snake_case")]
pub enum Value {
    Profile(ProfileValue),
    Plan(PlanValue),
    PlanEntry(PlanEntryValue),
    Inspection(InspectionValue),
    Checklist(ChecklistValue),
    Answer(AnswerValue),
    Finding(FindingValue),
    Score(ScoreValue),
    Minutes(MinutesValue),
    Evidence(EvidenceValue),
    Notice(NoticeValue),
}

impl Value {
    pub fn kind(&self) -> Kind {
        match self {
            Value::Profile(_) => Kind::Profile,
            Value::Plan(_) => Kind::Plan,
            Value::PlanEntry(_) => Kind::PlanEntry,
            Value::Inspection(_) => Kind::Inspection,
            Value::Checklist(_) => Kind::Checklist,
            Value::Answer(_) => Kind::Answer,
            Value::Finding(_) => Kind::Finding,
            Value::Score(_) => Kind::Score,
            Value::Minutes(_) => Kind::Minutes,
            Value::Evidence(_) => Kind::Evidence,
            Value::Notice(_) => Kind::Notice,
        }
    }

    /// The inspection uid a unit belongs to, if any.
    pub fn inspection(&self) -> Option<&str> {
        match self {
            Value::Checklist(v) => Some(&v.inspection),
            Value::Answer(v) => Some(&v.inspection),
            Value::Finding(v) => Some(&v.inspection),
            Value::Score(v) => Some(&v.inspection),
            Value::Minutes(v) => Some(&v.inspection),
            Value::Evidence(v) => Some(&v.inspection),
            Value::Notice(v) => Some(&v.inspection),
            _ => None,
        }
    }

    /// Where the unit belongs, for exports.
    pub fn scope(&self, conn: &Connection) -> Result<Scope> {
        let of_inspection = |i: &str| -> Result<Scope> {
            let (year, agency) = conn
                .query_row(
                    "SELECT plan_year, agency_code FROM inspections WHERE uid = ?1",
                    [i],
                    |r| Ok((r.get::<_, i32>(0)?, r.get::<_, String>(1)?)),
                )
                .optional()?
                .ok_or_else(|| missing("cuộc kiểm tra", i))?;
            Ok(Scope {
                year: Some(year),
                agency: Some(agency),
                inspection: Some(i.to_string()),
            })
        };
        Ok(match self {
            Value::Profile(_) => Scope::default(),
            Value::Plan(v) => Scope {
                year: Some(v.year),
                ..Scope::default()
            },
            Value::PlanEntry(v) => Scope {
                year: Some(v.year),
                ..Scope::default()
            },
            Value::Inspection(v) => Scope {
                year: Some(v.year),
                agency: Some(v.agency.clone()),
                inspection: Some(uid::inspection(v.year, &v.agency)),
            },
            other => match other.inspection() {
                Some(i) => of_inspection(i)?,
                None => Scope::default(),
            },
        })
    }

    /// The evidence or notice file a unit needs in the store, by SHA-256.
    pub fn blob(&self) -> Option<&str> {
        match self {
            Value::Evidence(v) => Some(&v.sha256),
            Value::Notice(v) => Some(&v.sha256),
            _ => None,
        }
    }

    /// Whether two values of a unit say the same for merging: when a profile was added on each
    /// laptop, an inspection's creation stamp (who started it first, when) and who recorded an
    /// answer are not a disagreement — two inspectors giving the same answer agree.
    pub fn same_as(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Inspection(a), Value::Inspection(b)) => {
                InspectionValue {
                    created_at: String::new(),
                    created_by: String::new(),
                    ..a.clone()
                } == InspectionValue {
                    created_at: String::new(),
                    created_by: String::new(),
                    ..b.clone()
                }
            }
            (Value::Minutes(a), Value::Minutes(b)) => {
                MinutesValue {
                    updated_at: String::new(),
                    updated_by: None,
                    ..a.clone()
                } == MinutesValue {
                    updated_at: String::new(),
                    updated_by: None,
                    ..b.clone()
                }
            }
            // A title or unit set on one laptop and never set on the other is no conflict:
            // the merged profile takes it (see [`Value::fill_gaps`]).
            (Value::Profile(a), Value::Profile(b)) => {
                let agree =
                    |x: &Option<String>, y: &Option<String>| x.is_none() || y.is_none() || x == y;
                a.name == b.name
                    && a.role == b.role
                    && agree(&a.title, &b.title)
                    && agree(&a.unit, &b.unit)
            }
            (Value::Answer(a), Value::Answer(b)) => {
                AnswerValue {
                    updated_at: None,
                    updated_by: None,
                    ..a.clone()
                } == AnswerValue {
                    updated_at: None,
                    updated_by: None,
                    ..b.clone()
                }
            }
            _ => self == other,
        }
    }

    /// Fills what this profile leaves unset (title, unit) from `other`: a person set up on
    /// their own laptop with only a name, and by the lead with their title and unit, is one
    /// profile with both.
    pub fn fill_gaps(&mut self, other: &Value) {
        if let (Value::Profile(a), Value::Profile(b)) = (self, other) {
            if a.title.is_none() {
                a.title.clone_from(&b.title);
            }
            if a.unit.is_none() {
                a.unit.clone_from(&b.unit);
            }
        }
    }

    /// Merges the values of an add-only unit's heads: the union of mappings (evidence); for
    /// notices and checklists the heads are equal by construction and the first is kept.
    pub fn union(mut values: Vec<Value>) -> Option<Value> {
        let mut first = values.pop()?;
        for v in values {
            if let (Value::Evidence(a), Value::Evidence(b)) = (&mut first, v) {
                a.criteria.extend(b.criteria);
                a.items.extend(b.items);
            }
        }
        Some(first)
    }
}

fn missing(what: &str, uid: &str) -> Error {
    Error::invalid("bundle", format!("chưa có {what} {uid} trên máy này"))
}

fn inspection_id(conn: &Connection, inspection: &str) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT id FROM inspections WHERE uid = ?1",
            [inspection],
            |r| r.get(0),
        )
        .optional()?)
}

/// Reads unit `unit` of `kind` as the store holds it now; `None` when the store has no such
/// unit (a finding that was removed is `Some` with `deleted`, see [`snapshot_finding`]).
pub fn snapshot(conn: &Connection, kind: Kind, unit: &str) -> Result<Option<Value>> {
    Ok(match kind {
        Kind::Profile => conn
            .query_row(
                "SELECT name, title, role, created_at, unit FROM profiles WHERE uid = ?1",
                [unit],
                |r| {
                    Ok(Value::Profile(ProfileValue {
                        name: r.get(0)?,
                        title: r.get(1)?,
                        role: r.get(2)?,
                        created_at: r.get(3)?,
                        unit: r.get(4)?,
                    }))
                },
            )
            .optional()?,
        Kind::Plan => {
            let row = conn
                .query_row(
                    "SELECT id, year, threshold, status, draw_method, draw_seed, revision, remediation_days,
                            notice_days, created_at, finalized_at, cooperation_inspected, number, issued_on, issuer
                     FROM plans WHERE uid = ?1",
                    [unit],
                    |r| {
                        Ok((
                            r.get::<_, i64>(0)?,
                            PlanValue {
                                year: r.get(1)?,
                                threshold: r.get(2)?,
                                status: r.get(3)?,
                                draw_method: r.get(4)?,
                                draw_seed: r.get(5)?,
                                revision: r.get(6)?,
                                remediation_days: r.get(7)?,
                                notice_days: r.get(8)?,
                                created_at: r.get(9)?,
                                finalized_at: r.get(10)?,
                                excluded: BTreeSet::new(),
                                cooperation_inspected: r.get::<_, i64>(11)? == 1,
                                number: r.get(12)?,
                                issued_on: r.get(13)?,
                                issuer: r.get(14)?,
                            },
                        ))
                    },
                )
                .optional()?;
            match row {
                Some((id, mut v)) => {
                    let mut stmt = conn
                        .prepare("SELECT agency_code FROM plan_exclusions WHERE plan_id = ?1")?;
                    v.excluded = stmt
                        .query_map([id], |r| r.get(0))?
                        .collect::<rusqlite::Result<_>>()?;
                    Some(Value::Plan(v))
                }
                None => None,
            }
        }
        Kind::PlanEntry => None, // by natural key: see `snapshot_plan_entry`
        Kind::Inspection => conn
            .query_row(
                "SELECT plan_year, agency_code, visit_date, template_code, template_version, created_at,
                        created_by, status, review_comment, locked FROM inspections WHERE uid = ?1",
                [unit],
                |r| {
                    Ok(Value::Inspection(InspectionValue {
                        year: r.get(0)?,
                        agency: r.get(1)?,
                        visit_date: r.get(2)?,
                        template_code: r.get(3)?,
                        template_version: r.get(4)?,
                        created_at: r.get(5)?,
                        created_by: r.get(6)?,
                        status: r.get(7)?,
                        review_comment: r.get(8)?,
                        locked: r.get::<_, i64>(9)? == 1,
                    }))
                },
            )
            .optional()?,
        Kind::Checklist => None, // by inspection: see `snapshot_checklist`
        Kind::Answer => conn
            .query_row(
                "SELECT n.uid, i.source_ref, i.status, i.value, i.done_on, i.note, i.updated_at, i.updated_by
                 FROM inspection_items i JOIN inspections n ON n.id = i.inspection_id WHERE i.uid = ?1",
                [unit],
                |r| {
                    Ok(Value::Answer(AnswerValue {
                        inspection: r.get(0)?,
                        source_ref: r.get(1)?,
                        status: r.get(2)?,
                        value: r.get(3)?,
                        done_on: r.get(4)?,
                        note: r.get(5)?,
                        updated_at: r.get(6)?,
                        updated_by: r.get(7)?,
                    }))
                },
            )
            .optional()?,
        Kind::Finding => conn
            .query_row(
                "SELECT n.uid, f.kind, f.text, f.source_ref, f.criterion, f.cause, f.recommendation, f.severity,
                        f.responsible, f.due, f.created_at, f.created_by
                 FROM findings f JOIN inspections n ON n.id = f.inspection_id WHERE f.uid = ?1",
                [unit],
                |r| {
                    Ok(Value::Finding(FindingValue {
                        inspection: r.get(0)?,
                        deleted: false,
                        kind: r.get(1)?,
                        text: r.get(2)?,
                        source_ref: r.get(3)?,
                        criterion: r.get(4)?,
                        cause: r.get(5)?,
                        recommendation: r.get(6)?,
                        severity: r.get(7)?,
                        responsible: r.get(8)?,
                        due: r.get(9)?,
                        created_at: r.get(10)?,
                        created_by: r.get(11)?,
                    }))
                },
            )
            .optional()?,
        Kind::Minutes => conn
            .query_row(
                "SELECT n.uid, m.started_at, m.ended_at, m.place, m.representatives, m.secretary, m.updated_at,
                        m.updated_by
                 FROM inspection_minutes m JOIN inspections n ON n.id = m.inspection_id WHERE m.uid = ?1",
                [unit],
                |r| {
                    Ok(Value::Minutes(MinutesValue {
                        inspection: r.get(0)?,
                        started_at: r.get(1)?,
                        ended_at: r.get(2)?,
                        place: r.get(3)?,
                        representatives: r.get(4)?,
                        secretary: r.get(5)?,
                        updated_at: r.get(6)?,
                        updated_by: r.get(7)?,
                    }))
                },
            )
            .optional()?,
        Kind::Score => conn
            .query_row(
                "SELECT n.uid, s.criterion, s.self_score, s.appraised_score, s.justification, s.framework_version
                 FROM inspection_scores s JOIN inspections n ON n.id = s.inspection_id WHERE s.uid = ?1",
                [unit],
                |r| {
                    Ok(Value::Score(ScoreValue {
                        inspection: r.get(0)?,
                        criterion: r.get(1)?,
                        self_score: r.get(2)?,
                        appraised_score: r.get(3)?,
                        justification: r.get(4)?,
                        framework_version: r.get(5)?,
                    }))
                },
            )
            .optional()?,
        Kind::Evidence => {
            let row = conn
                .query_row(
                    "SELECT e.id, n.uid, e.sha256, e.name, e.size, e.media_type, e.captured_at, e.captured_by
                     FROM evidence e JOIN inspections n ON n.id = e.inspection_id WHERE e.uid = ?1",
                    [unit],
                    |r| {
                        Ok((
                            r.get::<_, i64>(0)?,
                            EvidenceValue {
                                inspection: r.get(1)?,
                                sha256: r.get(2)?,
                                name: r.get(3)?,
                                size: r.get(4)?,
                                media_type: r.get(5)?,
                                captured_at: r.get(6)?,
                                captured_by: r.get(7)?,
                                criteria: BTreeSet::new(),
                                items: BTreeSet::new(),
                                framework_version: None,
                            },
                        ))
                    },
                )
                .optional()?;
            match row {
                Some((id, mut v)) => {
                    let mut c = conn
                        .prepare("SELECT criterion FROM evidence_criteria WHERE evidence_id = ?1")?;
                    v.criteria = c
                        .query_map([id], |r| r.get(0))?
                        .collect::<rusqlite::Result<_>>()?;
                    v.framework_version = conn.query_row(
                        "SELECT MAX(framework_version) FROM evidence_criteria WHERE evidence_id = ?1",
                        [id],
                        |r| r.get(0),
                    )?;
                    let mut i = conn
                        .prepare("SELECT source_ref FROM evidence_items WHERE evidence_id = ?1")?;
                    v.items = i
                        .query_map([id], |r| r.get(0))?
                        .collect::<rusqlite::Result<_>>()?;
                    Some(Value::Evidence(v))
                }
                None => None,
            }
        }
        Kind::Notice => conn
            .query_row(
                "SELECT n.uid, o.version, o.number, o.issued_on, o.signer, o.sha256, o.size,
                        (SELECT r.uid FROM notices r WHERE r.id = o.replaces), o.reason, o.issued_at, o.issued_by
                 FROM notices o JOIN inspections n ON n.id = o.inspection_id WHERE o.uid = ?1",
                [unit],
                |r| {
                    Ok(Value::Notice(NoticeValue {
                        inspection: r.get(0)?,
                        version: r.get(1)?,
                        number: r.get(2)?,
                        issued_on: r.get(3)?,
                        signer: r.get(4)?,
                        sha256: r.get(5)?,
                        size: r.get(6)?,
                        replaces: r.get(7)?,
                        reason: r.get(8)?,
                        issued_at: r.get(9)?,
                        issued_by: r.get(10)?,
                    }))
                },
            )
            .optional()?,
    })
}

/// A plan entry by its natural key: selected or not, and its schedule. `None` when the year
/// has no plan.
pub fn snapshot_plan_entry(conn: &Connection, year: i32, agency: &str) -> Result<Option<Value>> {
    let plan: Option<i64> = conn
        .query_row("SELECT id FROM plans WHERE year = ?1", [year], |r| r.get(0))
        .optional()?;
    let Some(plan) = plan else { return Ok(None) };
    let row = conn
        .query_row(
            "SELECT mode, spot_check, window_from, window_to, team_lead_uid, decision_number,
                    decision_date, decision_signer FROM plan_agencies
             WHERE plan_id = ?1 AND agency_code = ?2",
            params![plan, agency],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, i64>(1)? == 1,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, Option<String>>(4)?,
                    [
                        r.get::<_, Option<String>>(5)?,
                        r.get::<_, Option<String>>(6)?,
                        r.get::<_, Option<String>>(7)?,
                    ],
                ))
            },
        )
        .optional()?;
    let mut stmt = conn.prepare(
        "SELECT profile_uid FROM plan_team_members WHERE plan_id = ?1 AND agency_code = ?2",
    )?;
    let members: BTreeSet<String> = stmt
        .query_map(params![plan, agency], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Some(Value::PlanEntry(match row {
        Some((mode, spot_check, window_from, window_to, lead, [dn, dd, ds])) => PlanEntryValue {
            year,
            agency: agency.to_string(),
            selected: true,
            mode,
            spot_check,
            window_from,
            window_to,
            lead,
            members,
            decision_number: dn,
            decision_date: dd,
            decision_signer: ds,
        },
        None => PlanEntryValue {
            year,
            agency: agency.to_string(),
            selected: false,
            mode: "manual".into(),
            spot_check: false,
            window_from: None,
            window_to: None,
            lead: None,
            members: BTreeSet::new(),
            decision_number: None,
            decision_date: None,
            decision_signer: None,
        },
    })))
}

/// The frozen checklist of an inspection.
pub fn snapshot_checklist(conn: &Connection, inspection: &str) -> Result<Option<Value>> {
    let Some(id) = inspection_id(conn, inspection)? else {
        return Ok(None);
    };
    let mut stmt = conn.prepare(
        "SELECT source_ref, section_ref, objective_ref, text, evidence, deadline_text, due, target_op,
                target_value, target_unit, par_fields, par_criteria, position, kind, also_refs, measure
         FROM inspection_items WHERE inspection_id = ?1 ORDER BY position",
    )?;
    let items = stmt
        .query_map([id], |r| {
            Ok(FrozenItem {
                source_ref: r.get(0)?,
                section_ref: r.get(1)?,
                objective_ref: r.get(2)?,
                text: r.get(3)?,
                evidence: r.get(4)?,
                deadline_text: r.get(5)?,
                due: r.get(6)?,
                target_op: r.get(7)?,
                target_value: r.get(8)?,
                target_unit: r.get(9)?,
                par_fields: r.get(10)?,
                par_criteria: r.get(11)?,
                position: r.get(12)?,
                kind: r.get(13)?,
                also_refs: r.get(14)?,
                measure: r.get(15)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Some(Value::Checklist(ChecklistValue {
        inspection: inspection.to_string(),
        items,
    })))
}

/// A removed finding: what the log says of it once its row is gone.
pub fn deleted_finding(last: &Value) -> Option<Value> {
    match last {
        Value::Finding(f) => Some(Value::Finding(FindingValue {
            deleted: true,
            ..f.clone()
        })),
        _ => None,
    }
}

/// Writes `value` as the state of unit `unit`. The caller has checked that what it needs (its
/// inspection, its plan, its evidence file) is there; what is missing is an error.
pub fn apply(conn: &Connection, unit: &str, value: &Value) -> Result<()> {
    match value {
        Value::Profile(v) => {
            conn.execute(
                "INSERT INTO profiles (uid, name, title, role, created_at, unit) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (uid) DO UPDATE SET name = excluded.name, title = excluded.title, role = excluded.role,
                     created_at = excluded.created_at, unit = excluded.unit",
                params![unit, v.name, v.title, v.role, v.created_at, v.unit],
            )?;
        }
        Value::Plan(v) => {
            conn.execute(
                "INSERT INTO plans (uid, year, threshold, status, draw_method, draw_seed, revision, remediation_days,
                                    notice_days, created_at, finalized_at, cooperation_inspected, number, issued_on, issuer)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)
                 ON CONFLICT (year) DO UPDATE SET threshold = excluded.threshold, status = excluded.status,
                     draw_method = excluded.draw_method, draw_seed = excluded.draw_seed, revision = excluded.revision,
                     remediation_days = excluded.remediation_days, notice_days = excluded.notice_days,
                     cooperation_inspected = excluded.cooperation_inspected,
                     finalized_at = excluded.finalized_at, created_at = excluded.created_at,
                     number = excluded.number, issued_on = excluded.issued_on, issuer = excluded.issuer",
                params![
                    unit,
                    v.year,
                    v.threshold,
                    v.status,
                    v.draw_method,
                    v.draw_seed,
                    v.revision,
                    v.remediation_days,
                    v.notice_days,
                    v.created_at,
                    v.finalized_at,
                    i64::from(v.cooperation_inspected),
                    v.number,
                    v.issued_on,
                    v.issuer
                ],
            )?;
            let id: i64 =
                conn.query_row("SELECT id FROM plans WHERE year = ?1", [v.year], |r| {
                    r.get(0)
                })?;
            conn.execute("DELETE FROM plan_exclusions WHERE plan_id = ?1", [id])?;
            for code in &v.excluded {
                conn.execute(
                    "INSERT INTO plan_exclusions (plan_id, agency_code) VALUES (?1, ?2)",
                    params![id, code],
                )?;
            }
        }
        Value::PlanEntry(v) => {
            let id: i64 = conn
                .query_row("SELECT id FROM plans WHERE year = ?1", [v.year], |r| {
                    r.get(0)
                })
                .optional()?
                .ok_or_else(|| missing("kế hoạch năm", &v.year.to_string()))?;
            if !v.selected {
                conn.execute(
                    "DELETE FROM plan_agencies WHERE plan_id = ?1 AND agency_code = ?2",
                    params![id, v.agency],
                )?;
                return Ok(());
            }
            conn.execute(
                "INSERT INTO plan_agencies (plan_id, agency_code, uid, mode, spot_check, window_from, window_to, team_lead_uid,
                                            decision_number, decision_date, decision_signer)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
                 ON CONFLICT (plan_id, agency_code) DO UPDATE SET mode = excluded.mode, spot_check = excluded.spot_check,
                     window_from = excluded.window_from, window_to = excluded.window_to, team_lead_uid = excluded.team_lead_uid,
                     decision_number = excluded.decision_number, decision_date = excluded.decision_date,
                     decision_signer = excluded.decision_signer",
                params![
                    id,
                    v.agency,
                    uid::plan_entry(v.year, &v.agency),
                    v.mode,
                    i64::from(v.spot_check),
                    v.window_from,
                    v.window_to,
                    v.lead,
                    v.decision_number,
                    v.decision_date,
                    v.decision_signer
                ],
            )?;
            conn.execute(
                "DELETE FROM plan_team_members WHERE plan_id = ?1 AND agency_code = ?2",
                params![id, v.agency],
            )?;
            for m in &v.members {
                conn.execute(
                    "INSERT INTO plan_team_members (plan_id, agency_code, profile_uid) VALUES (?1, ?2, ?3)",
                    params![id, v.agency, m],
                )?;
            }
        }
        Value::Inspection(v) => {
            conn.execute(
                "INSERT INTO inspections (uid, plan_year, agency_code, visit_date, template_code, template_version,
                                          created_at, created_by, status, review_comment, locked)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
                 ON CONFLICT (plan_year, agency_code) DO UPDATE SET visit_date = excluded.visit_date,
                     template_code = excluded.template_code, template_version = excluded.template_version,
                     created_at = excluded.created_at, created_by = excluded.created_by,
                     status = excluded.status, review_comment = excluded.review_comment, locked = excluded.locked",
                params![
                    unit,
                    v.year,
                    v.agency,
                    v.visit_date,
                    v.template_code,
                    v.template_version,
                    v.created_at,
                    v.created_by,
                    v.status,
                    v.review_comment,
                    i64::from(v.locked)
                ],
            )?;
        }
        Value::Checklist(v) => {
            let id = inspection_id(conn, &v.inspection)?
                .ok_or_else(|| missing("cuộc kiểm tra", &v.inspection))?;
            let mut stmt = conn.prepare(
                "INSERT OR IGNORE INTO inspection_items (inspection_id, source_ref, section_ref, objective_ref, text,
                     evidence, deadline_text, due, target_op, target_value, target_unit, par_fields, par_criteria,
                     position, uid, kind, also_refs, measure)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
            )?;
            for i in &v.items {
                stmt.execute(params![
                    id,
                    i.source_ref,
                    i.section_ref,
                    i.objective_ref,
                    i.text,
                    i.evidence,
                    i.deadline_text,
                    i.due,
                    i.target_op,
                    i.target_value,
                    i.target_unit,
                    i.par_fields,
                    i.par_criteria,
                    i.position,
                    uid::answer(&v.inspection, &i.source_ref),
                    i.kind,
                    i.also_refs,
                    i.measure
                ])?;
            }
        }
        Value::Answer(v) => {
            let n = conn.execute(
                "UPDATE inspection_items SET status = ?2, value = ?3, done_on = ?4, note = ?5, updated_at = ?6,
                     updated_by = ?7 WHERE uid = ?1",
                params![unit, v.status, v.value, v.done_on, v.note, v.updated_at, v.updated_by],
            )?;
            if n == 0 {
                return Err(missing("nội dung kiểm tra", &v.source_ref));
            }
            crate::inspection::rejudge(conn, unit)?;
        }
        Value::Finding(v) => {
            if v.deleted {
                conn.execute("DELETE FROM findings WHERE uid = ?1", [unit])?;
                return Ok(());
            }
            let id = inspection_id(conn, &v.inspection)?
                .ok_or_else(|| missing("cuộc kiểm tra", &v.inspection))?;
            conn.execute(
                "INSERT INTO findings (uid, inspection_id, kind, text, source_ref, criterion, cause, recommendation,
                                       severity, responsible, due, created_at, created_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
                 ON CONFLICT (uid) DO UPDATE SET kind = excluded.kind, text = excluded.text,
                     source_ref = excluded.source_ref, criterion = excluded.criterion, cause = excluded.cause,
                     recommendation = excluded.recommendation, severity = excluded.severity,
                     responsible = excluded.responsible, due = excluded.due, created_at = excluded.created_at,
                     created_by = excluded.created_by",
                params![
                    unit,
                    id,
                    v.kind,
                    v.text,
                    v.source_ref,
                    v.criterion,
                    v.cause,
                    v.recommendation,
                    v.severity,
                    v.responsible,
                    v.due,
                    v.created_at,
                    v.created_by
                ],
            )?;
        }
        Value::Score(v) => {
            let id = inspection_id(conn, &v.inspection)?
                .ok_or_else(|| missing("cuộc kiểm tra", &v.inspection))?;
            conn.execute(
                "INSERT INTO inspection_scores (uid, inspection_id, criterion, self_score, appraised_score, justification,
                                                framework_version)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (inspection_id, criterion) DO UPDATE SET self_score = excluded.self_score,
                     appraised_score = excluded.appraised_score, justification = excluded.justification,
                     framework_version = excluded.framework_version",
                params![unit, id, v.criterion, v.self_score, v.appraised_score, v.justification, v.framework_version],
            )?;
        }
        Value::Minutes(v) => {
            let id = inspection_id(conn, &v.inspection)?
                .ok_or_else(|| missing("cuộc kiểm tra", &v.inspection))?;
            conn.execute(
                "INSERT INTO inspection_minutes (inspection_id, uid, started_at, ended_at, place, representatives,
                                                 secretary, updated_at, updated_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                 ON CONFLICT (inspection_id) DO UPDATE SET started_at = excluded.started_at,
                     ended_at = excluded.ended_at, place = excluded.place,
                     representatives = excluded.representatives, secretary = excluded.secretary,
                     updated_at = excluded.updated_at, updated_by = excluded.updated_by",
                params![
                    id,
                    unit,
                    v.started_at,
                    v.ended_at,
                    v.place,
                    v.representatives,
                    v.secretary,
                    v.updated_at,
                    v.updated_by
                ],
            )?;
        }
        Value::Evidence(v) => {
            let id = inspection_id(conn, &v.inspection)?
                .ok_or_else(|| missing("cuộc kiểm tra", &v.inspection))?;
            conn.execute(
                "INSERT INTO evidence (uid, inspection_id, name, sha256, size, media_type, captured_at, captured_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                 ON CONFLICT (inspection_id, sha256) DO UPDATE SET name = excluded.name, size = excluded.size,
                     media_type = excluded.media_type, captured_at = excluded.captured_at,
                     captured_by = excluded.captured_by",
                params![unit, id, v.name, v.sha256, v.size, v.media_type, v.captured_at, v.captured_by],
            )?;
            let eid: i64 =
                conn.query_row("SELECT id FROM evidence WHERE uid = ?1", [unit], |r| {
                    r.get(0)
                })?;
            conn.execute(
                "DELETE FROM evidence_criteria WHERE evidence_id = ?1",
                [eid],
            )?;
            conn.execute("DELETE FROM evidence_items WHERE evidence_id = ?1", [eid])?;
            for c in &v.criteria {
                conn.execute(
                    "INSERT OR IGNORE INTO evidence_criteria (evidence_id, criterion, uid, framework_version)
                     VALUES (?1, ?2, ?3, ?4)",
                    params![eid, c, uid::mapping(unit, "criterion", c), v.framework_version],
                )?;
            }
            for r in &v.items {
                conn.execute(
                    "INSERT OR IGNORE INTO evidence_items (evidence_id, source_ref, uid) VALUES (?1, ?2, ?3)",
                    params![eid, r, uid::mapping(unit, "item", r)],
                )?;
            }
        }
        Value::Notice(v) => {
            let id = inspection_id(conn, &v.inspection)?
                .ok_or_else(|| missing("cuộc kiểm tra", &v.inspection))?;
            let replaces: Option<i64> = match &v.replaces {
                Some(r) => Some(
                    conn.query_row("SELECT id FROM notices WHERE uid = ?1", [r], |row| {
                        row.get(0)
                    })
                    .optional()?
                    .ok_or_else(|| missing("thông báo", r))?,
                ),
                None => None,
            };
            conn.execute(
                "INSERT INTO notices (uid, inspection_id, version, number, issued_on, signer, sha256, size, replaces,
                                      reason, issued_at, issued_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
                 ON CONFLICT (uid) DO NOTHING",
                params![
                    unit,
                    id,
                    v.version,
                    v.number,
                    v.issued_on,
                    v.signer,
                    v.sha256,
                    v.size,
                    replaces,
                    v.reason,
                    v.issued_at,
                    v.issued_by
                ],
            )?;
        }
    }
    Ok(())
}
