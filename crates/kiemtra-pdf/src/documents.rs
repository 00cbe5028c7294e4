//! The one door to everything printed or exported: the app's commands and the CLI both call
//! these, so a document is the same whichever made it. Here a [`DocumentRef`] (which document
//! of what) is turned into an input from the store — an inspection, its plan, evidence and
//! deadlines from kiemtra-core —, laid out or rendered through [`Document`], and, for an issued
//! notice, kept through `kiemtra_core::notice`. The dates on a document and in the PDF come
//! from [`DocumentClock`], the document settings from [`document_settings`] and
//! [`save_settings`].

use std::path::PathBuf;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use kiemtra_core::{
    calendar, checklist, evidence, files, inspection, minutes, notice, plan, profile, settings, Db,
};

use crate::document::{decision_citation, plan_citation, Person, Reference};
use crate::{
    DecisionInput, DocumentSettings, DueDates, EvidenceRow, ExpectedEvidence, MinutesInput,
    NoticeInput, OverdueRow, PdfError, PlanInput, ReminderInput, RenderOptions,
    ScheduleLetterInput, YearReportInput,
};

/// A document could not be made: a store error or a layout error.
#[derive(Debug, thiserror::Error)]
pub enum DocError {
    #[error(transparent)]
    Core(#[from] kiemtra_core::Error),
    #[error(transparent)]
    Pdf(#[from] PdfError),
}

impl DocError {
    pub fn code(&self) -> kiemtra_core::ErrorCode {
        match self {
            DocError::Core(e) => e.code(),
            DocError::Pdf(e) => e.code(),
        }
    }

    /// The error as it crosses to the UI: code, Vietnamese message and, for an invalid input,
    /// the field it is about (as `kiemtra_core::Error::payload` gives it).
    pub fn payload(&self) -> kiemtra_core::ErrorPayload {
        match self {
            DocError::Core(e) => e.payload(),
            DocError::Pdf(e) => kiemtra_core::ErrorPayload {
                code: e.code(),
                message: e.to_string(),
                field: match e {
                    PdfError::Invalid { field, .. } => Some(field.clone()),
                    _ => None,
                },
            },
        }
    }
}

pub type Result<T> = std::result::Result<T, DocError>;

/// Which kind of document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DocKind {
    Notice,
    Minutes,
    Plan,
    Decision,
    ScheduleLetter,
    YearReport,
    Reminder,
}

/// Which document: the notice or the minutes of an inspection, the plan of a year, or for a
/// planned agency the decision establishing its team and the letter announcing the visit. Sent
/// by the UI as `{ kind: "notice", inspection_id: 7 }`, `{ kind: "plan", year: 2026 }` or
/// `{ kind: "schedule_letter", year: 2026, agency: "07264", number: null }`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum DocumentRef {
    Notice {
        #[ts(type = "number")]
        inspection_id: i64,
    },
    Minutes {
        #[ts(type = "number")]
        inspection_id: i64,
    },
    Plan {
        year: i32,
    },
    Decision {
        year: i32,
        agency: String,
    },
    ScheduleLetter {
        year: i32,
        agency: String,
        /// The letter's registered number; a draft without it.
        #[serde(default)]
        number: Option<String>,
    },
    /// The year's report (báo cáo kết quả kiểm tra), judged on the document's date.
    YearReport {
        year: i32,
        /// The report's registered number; a draft without it.
        #[serde(default)]
        number: Option<String>,
    },
    /// The reminder letter (công văn đôn đốc) to an agency with overdue recommendations.
    Reminder {
        agency: String,
        /// The letter's registered number; a draft without it.
        #[serde(default)]
        number: Option<String>,
    },
}

impl DocumentRef {
    pub fn kind(&self) -> DocKind {
        match self {
            DocumentRef::Notice { .. } => DocKind::Notice,
            DocumentRef::Minutes { .. } => DocKind::Minutes,
            DocumentRef::Plan { .. } => DocKind::Plan,
            DocumentRef::Decision { .. } => DocKind::Decision,
            DocumentRef::ScheduleLetter { .. } => DocKind::ScheduleLetter,
            DocumentRef::YearReport { .. } => DocKind::YearReport,
            DocumentRef::Reminder { .. } => DocKind::Reminder,
        }
    }

    /// The name of its file in `exports/`: made here, never from user input.
    pub fn file_name(&self) -> String {
        match self {
            DocumentRef::Notice { inspection_id } => {
                format!("thong-bao-ket-luan-{inspection_id}.pdf")
            }
            DocumentRef::Minutes { inspection_id } => {
                format!("bien-ban-kiem-tra-{inspection_id}.pdf")
            }
            DocumentRef::Plan { year } => format!("ke-hoach-kiem-tra-{year}.pdf"),
            DocumentRef::Decision { year, agency } => {
                format!("quyet-dinh-doan-kiem-tra-{year}-{}.pdf", safe_code(agency))
            }
            DocumentRef::ScheduleLetter { year, agency, .. } => {
                format!("cong-van-lich-kiem-tra-{year}-{}.pdf", safe_code(agency))
            }
            DocumentRef::YearReport { year, .. } => format!("bao-cao-ket-qua-kiem-tra-{year}.pdf"),
            DocumentRef::Reminder { agency, .. } => {
                format!("cong-van-don-doc-{}.pdf", safe_code(agency))
            }
        }
    }
}

/// An agency code as part of a file name ([`kiemtra_core::files::name_part`]): digits and
/// lowercase letters as they are; any other code (capitals, signs) gets a short hash beside its
/// letters, so two agencies never share a file — not even on Windows, where «AB» and «ab» name
/// one file — and nothing else reaches the file system.
fn safe_code(code: &str) -> String {
    kiemtra_core::files::name_part(code, 32)
}

/// Where a document's dates come from: the store's clock (the system clock in the app and the
/// CLI, a fixed one in tests), so both date a document the same way. `SOURCE_DATE_EPOCH`, when
/// set, fixes the creation date written into the PDF (reproducible builds); it is read here
/// and nowhere else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocumentClock {
    today: NaiveDate,
    created: NaiveDateTime,
}

impl DocumentClock {
    pub fn of(db: &Db) -> Self {
        let now = db.now();
        let created = std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|s| s.trim().parse::<i64>().ok())
            .and_then(|t| chrono::DateTime::from_timestamp(t, 0))
            .map(|t| t.naive_utc())
            .unwrap_or_else(|| now.naive_utc());
        DocumentClock {
            today: now.date_naive(),
            created,
        }
    }

    /// The date printed on the document: the one the user gave ("YYYY-MM-DD" or "DD/MM/YYYY",
    /// refused as `invalid` on the field `date`), or today.
    pub fn date(&self, given: Option<&str>) -> Result<NaiveDate> {
        match given {
            Some(d) => Ok(calendar::parse_date("date", d)?),
            None => Ok(self.today),
        }
    }

    /// The creation date written into the PDF's document information (UTC).
    pub fn created(&self) -> NaiveDateTime {
        self.created
    }
}

/// Hours given for one render of the minutes (the CLI's `minutes render --start/--end`), over
/// what the team entered ([`kiemtra_core::minutes`]); both `None` prints what was entered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct VisitHours {
    pub start: Option<NaiveTime>,
    pub end: Option<NaiveTime>,
}

/// The document settings in the store, or the defaults. The signer is only ever the one set
/// here — never who is using the app: with none set, drafts leave the signer's lines blank and
/// [`issue_notice`] refuses ([`kiemtra_core::Error::SignerMissing`]).
pub fn document_settings(db: &Db) -> Result<DocumentSettings> {
    let s: DocumentSettings = match settings::get(db.conn(), settings::DOCUMENTS)? {
        Some(v) => {
            // Settings saved before the plan had its own issuer carry the old default ký hiệu
            // "KH-SNV", which made the plan look issued by Sở Nội vụ: they take the new one.
            let before_plan_issuer = v.get("plan_issuing_body").is_none();
            let mut s: DocumentSettings =
                serde_json::from_value(v).map_err(|e| kiemtra_core::Error::Invalid {
                    field: "documents.settings".into(),
                    reason: e.to_string(),
                })?;
            if before_plan_issuer && s.plan_number_suffix == "KH-SNV" {
                s.plan_number_suffix = DocumentSettings::default().plan_number_suffix;
            }
            // Likewise the minutes' old "BB-ĐKT" under a header naming Sở Nội vụ.
            if before_plan_issuer && s.minutes_number_suffix == "BB-ĐKT" {
                s.minutes_number_suffix = s.minutes_suffix_for_issuer();
            }
            s
        }
        None => DocumentSettings::default(),
    };
    s.validate()?;
    Ok(s)
}

/// Saves the document settings (lead only; margins and body size checked against the decree)
/// and returns them as [`document_settings`] reads them back.
pub fn save_settings(db: &mut Db, s: &DocumentSettings) -> Result<DocumentSettings> {
    s.validate()?;
    let value = serde_json::to_value(s).map_err(|e| kiemtra_core::Error::Invalid {
        field: "documents.settings".into(),
        reason: e.to_string(),
    })?;
    settings::set(db, settings::DOCUMENTS, &value)?;
    document_settings(db)
}

/// The remediation report's due date for a notice of inspection `id` dated `date` (today when
/// `None`): the plan's working days after it, flagged when it was counted through a year
/// without holiday data ([`calendar::WorkingDate::warning`]).
pub fn notice_due_date(db: &Db, id: i64, date: Option<&str>) -> Result<calendar::WorkingDate> {
    let date = DocumentClock::of(db).date(date)?;
    let insp = inspection::show(db.conn(), id)?;
    report_due(db, insp.year, date)
}

fn report_due(db: &Db, year: i32, date: NaiveDate) -> Result<calendar::WorkingDate> {
    let (remediation_days, _) = plan::deadlines(db.conn(), year).unwrap_or((30, 15));
    Ok(calendar::add_working_days_checked(
        db.conn(),
        date,
        remediation_days,
    )?)
}

/// The plan's own number, date and issuer as documents cite them.
fn plan_ref(p: &plan::Plan) -> Reference {
    Reference {
        number: p.number.clone(),
        date: p
            .issued_on
            .as_deref()
            .and_then(|d| calendar::parse_date("issued_on", d).ok()),
        issuer: p.issuer.clone(),
    }
}

/// The decision establishing the team of `agency` in plan `p`, as documents cite it.
fn decision_ref(p: &plan::Plan, agency: &str) -> Reference {
    let d = p
        .agencies
        .iter()
        .find(|a| a.code == agency)
        .map(|a| a.decision.clone())
        .unwrap_or_default();
    Reference {
        number: d.number,
        date: d
            .date
            .as_deref()
            .and_then(|d| calendar::parse_date("decision_date", d).ok()),
        issuer: d.signer,
    }
}

/// The team of `agency` in plan `p`, each person with the title and unit of their profile.
fn team_of(db: &Db, p: Option<&plan::Plan>, agency: &str) -> Result<(Option<Person>, Vec<Person>)> {
    let team = p
        .and_then(|p| p.agencies.iter().find(|a| a.code == agency))
        .map(|a| a.team.clone())
        .unwrap_or_default();
    let person = |name: &str| -> Result<Person> {
        Ok(match profile::find(db.conn(), name)? {
            Some(pr) => Person::titled(&pr.name, pr.title.as_deref(), pr.unit.as_deref()),
            None => Person::new(name, ""),
        })
    };
    let lead = team.lead.as_deref().map(person).transpose()?;
    let members = team
        .members
        .iter()
        .map(|m| person(m))
        .collect::<Result<Vec<_>>>()?;
    Ok((lead, members))
}

/// The checklist items of `agency` in `year` with the evidence each expects: the frozen
/// checklist of its inspection when one has started, else the checklist derived for it.
fn expected_evidence(db: &Db, year: i32, agency: &str) -> Result<(usize, Vec<ExpectedEvidence>)> {
    let started = inspection::list(db.conn(), Some(year), db.now().date_naive())?
        .into_iter()
        .find(|i| i.agency == agency);
    let rows: Vec<(String, String, Option<String>)> = match started {
        Some(i) => inspection::show(db.conn(), i.id)?
            .items
            .into_iter()
            .map(|it| (it.source_ref, it.text, it.evidence))
            .collect(),
        None => checklist::show(db.conn(), Some(agency), Some(i64::from(year)))
            .or_else(|_| checklist::show(db.conn(), Some(agency), None))?
            .items
            .into_iter()
            .map(|it| (it.source_ref, it.text, it.evidence))
            .collect(),
    };
    let total = rows.len();
    let evidence = rows
        .into_iter()
        .filter_map(|(source_ref, text, evidence)| {
            let evidence = evidence?.trim().to_string();
            (!evidence.is_empty()).then_some(ExpectedEvidence {
                source_ref,
                text,
                evidence,
            })
        })
        .collect();
    Ok((total, evidence))
}

/// The window of `agency` in plan `p`, as dates.
fn window_of(p: &plan::Plan, agency: &str) -> (Option<NaiveDate>, Option<NaiveDate>) {
    let w = p
        .agencies
        .iter()
        .find(|a| a.code == agency)
        .and_then(|a| a.window.clone());
    match w {
        Some(w) => (
            calendar::parse_date("from", &w.from).ok(),
            calendar::parse_date("to", &w.to).ok(),
        ),
        None => (None, None),
    }
}

/// The decision establishing the team of `agency` in `year`'s plan, and whether it is still a
/// draft (until its number and date are set: `kiemtra decision set`). A draft is dated `date`.
fn decision_input(
    db: &Db,
    year: i32,
    agency: &str,
    date: NaiveDate,
) -> Result<(DecisionInput, bool)> {
    let s = document_settings(db)?;
    let p = plan::show(db.conn(), year)?;
    if !p.agencies.iter().any(|a| a.code == agency) {
        return Err(kiemtra_core::Error::NotInPlan {
            code: agency.to_string(),
            year,
        }
        .into());
    }
    let a = kiemtra_core::agency::get(db.conn(), agency)?;
    let d = decision_ref(&p, agency);
    let (team_lead, team_members) = team_of(db, Some(&p), agency)?;
    let (visit_from, visit_to) = window_of(&p, agency);
    let (items, _) = expected_evidence(db, year, agency)?;
    let draft = !d.is_set();
    Ok((
        DecisionInput {
            number: d.number.clone(),
            date: d.date.unwrap_or(date),
            year,
            addressee: a.addressee,
            head_title: a.head_title,
            plan_reference: plan_citation(&plan_ref(&p), year, &s),
            team_lead,
            team_members,
            visit_from,
            visit_to,
            items,
        },
        draft,
    ))
}

/// The schedule letter to `agency` for `year`'s plan, numbered `number` (a draft without one).
fn schedule_letter_input(
    db: &Db,
    year: i32,
    agency: &str,
    number: Option<&str>,
    date: NaiveDate,
) -> Result<ScheduleLetterInput> {
    let s = document_settings(db)?;
    let p = plan::show(db.conn(), year)?;
    if !p.agencies.iter().any(|a| a.code == agency) {
        return Err(kiemtra_core::Error::NotInPlan {
            code: agency.to_string(),
            year,
        }
        .into());
    }
    let a = kiemtra_core::agency::get(db.conn(), agency)?;
    let (team_lead, team_members) = team_of(db, Some(&p), agency)?;
    let (visit_from, visit_to) = window_of(&p, agency);
    let (items, evidence) = expected_evidence(db, year, agency)?;
    Ok(ScheduleLetterInput {
        number: number
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty()),
        date,
        year,
        plan_reference: plan_citation(&plan_ref(&p), year, &s),
        decision_reference: decision_citation(&decision_ref(&p, agency), &a.addressee, &s),
        addressee: a.addressee,
        head_title: a.head_title,
        team_lead,
        team_members,
        visit_from,
        visit_to,
        items,
        evidence,
    })
}

/// The year's report (báo cáo kết quả kiểm tra) of `year` from [`kiemtra_core::report::figures`]
/// judged on `as_of` (the document's date when `None`), dated `date` (today when `None`): a
/// draft unless it is given its registered `number`.
pub fn year_report_pdf(
    db: &Db,
    year: i32,
    number: Option<&str>,
    date: Option<&str>,
    as_of: Option<&str>,
) -> Result<Vec<u8>> {
    let clock = DocumentClock::of(db);
    let input = year_report_input(db, year, number, clock.date(date)?, as_of)?;
    let draft = input.number.is_none();
    Ok(crate::render(
        &input,
        &document_settings(db)?,
        &draft_options(draft, &clock),
    )?)
}

fn year_report_input(
    db: &Db,
    year: i32,
    number: Option<&str>,
    date: NaiveDate,
    as_of: Option<&str>,
) -> Result<YearReportInput> {
    let s = document_settings(db)?;
    let as_of = match as_of {
        Some(d) => calendar::parse_date("as_of", d)?,
        None => date,
    };
    let figures = kiemtra_core::report::figures(db.conn(), year, as_of)?;
    let plan_reference = plan::show(db.conn(), year)
        .map(|p| plan_citation(&plan_ref(&p), year, &s))
        .unwrap_or_default();
    Ok(YearReportInput {
        number: number
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(str::to_string),
        date,
        plan_reference,
        figures,
    })
}

/// The reminder letter (công văn đôn đốc) to `agency`: its recommendations still not remedied
/// after their due date on `date` (today when `None`). Refused when it has none.
pub fn reminder_pdf(
    db: &Db,
    agency: &str,
    number: Option<&str>,
    date: Option<&str>,
) -> Result<Vec<u8>> {
    let clock = DocumentClock::of(db);
    let input = reminder_input(db, agency, number, clock.date(date)?)?;
    let draft = input.number.is_none();
    Ok(crate::render(
        &input,
        &document_settings(db)?,
        &draft_options(draft, &clock),
    )?)
}

fn reminder_input(
    db: &Db,
    agency: &str,
    number: Option<&str>,
    date: NaiveDate,
) -> Result<ReminderInput> {
    let a = kiemtra_core::agency::get(db.conn(), agency)?;
    let s = document_settings(db)?;
    let overdue = kiemtra_core::followup::list(
        db.conn(),
        &kiemtra_core::followup::FollowupFilter {
            year: None,
            agency: Some(agency.to_string()),
            overdue: true,
        },
        date,
    )?;
    let mut years: Vec<i32> = overdue.iter().map(|e| e.year).collect();
    years.sort_unstable();
    years.dedup();
    let rows = overdue
        .iter()
        .map(|e| OverdueRow {
            recommendation: e.recommendation.clone(),
            notice: match NaiveDate::parse_from_str(&e.notice_date, "%Y-%m-%d") {
                Ok(d) => format!(
                    "{}/{} ngày {}",
                    e.notice_number,
                    s.number_suffix,
                    crate::format::date_short(d)
                ),
                Err(_) => e.notice_number.clone(),
            },
            due: NaiveDate::parse_from_str(&e.due, "%Y-%m-%d").unwrap_or(date),
            days_overdue: e.days_overdue,
            status: e.status.label().to_string(),
        })
        .collect();
    Ok(ReminderInput {
        number: number
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(str::to_string),
        date,
        addressee: a.addressee,
        head_title: a.head_title,
        years,
        rows,
    })
}

/// The decision establishing the team (Quyết định thành lập Đoàn kiểm tra) of `agency` in
/// `year`'s plan: a draft ("DỰ THẢO", dated `date` or today) until its number and date are
/// set; then numbered and dated as set. The signer is the document settings' one.
pub fn decision_pdf(db: &Db, year: i32, agency: &str, date: Option<&str>) -> Result<Vec<u8>> {
    let clock = DocumentClock::of(db);
    let (input, draft) = decision_input(db, year, agency, clock.date(date)?)?;
    Ok(crate::render(
        &input,
        &document_settings(db)?,
        &draft_options(draft, &clock),
    )?)
}

/// The letter announcing the schedule (công văn thông báo lịch kiểm tra) to `agency` for
/// `year`'s plan, dated `date` (today when `None`): a draft unless it is given its registered
/// `number`.
pub fn schedule_letter_pdf(
    db: &Db,
    year: i32,
    agency: &str,
    number: Option<&str>,
    date: Option<&str>,
) -> Result<Vec<u8>> {
    let clock = DocumentClock::of(db);
    let input = schedule_letter_input(db, year, agency, number, clock.date(date)?)?;
    let draft = input.number.is_none();
    Ok(crate::render(
        &input,
        &document_settings(db)?,
        &draft_options(draft, &clock),
    )?)
}

/// The legal basis of a notice or minutes: the plan and the decision as cited, the team lead
/// and members with titles and units.
type LegalBasis = (Option<String>, Option<String>, Option<Person>, Vec<Person>);

/// Fills the notice's or the minutes' legal basis: the plan and the decision as cited, the
/// team with titles and units.
fn legal_basis(
    db: &Db,
    insp: &inspection::Inspection,
    plan: Option<&plan::Plan>,
) -> Result<LegalBasis> {
    let s = document_settings(db)?;
    let (lead, members) = team_of(db, plan, &insp.agency)?;
    Ok(match plan {
        Some(p) => (
            Some(plan_citation(&plan_ref(p), insp.year, &s)),
            Some(decision_citation(
                &decision_ref(p, &insp.agency),
                &insp.agency_addressee,
                &s,
            )),
            lead,
            members,
        ),
        None => (None, None, lead, members),
    })
}

fn notice_input(db: &Db, id: i64, number: Option<&str>, date: NaiveDate) -> Result<NoticeInput> {
    let insp = inspection::show(db.conn(), id)?;
    let plan = plan::show(db.conn(), insp.year).ok();
    let report = report_due(db, insp.year, date)?.date;
    let (visit_from, visit_to) = minutes::visit_span(db.conn(), id)?;
    let mut input = NoticeInput::from_core(
        &insp,
        plan.as_ref(),
        number,
        date,
        DueDates {
            report,
            recommendations: report,
        },
    );
    input.visit_from = visit_from;
    input.visit_to = (visit_to != visit_from).then_some(visit_to);
    let (plan_reference, decision_reference, lead, members) =
        legal_basis(db, &insp, plan.as_ref())?;
    input.plan_reference = plan_reference;
    input.decision_reference = decision_reference;
    input.team_lead = lead;
    input.team_members = members;
    input.evidence = evidence::list(db.conn(), id)?
        .into_iter()
        .map(|e| EvidenceRow {
            name: e.name,
            criteria: e.criteria,
            derived_criteria: e
                .framework_version
                .as_deref()
                .is_none_or(|v| v == kiemtra_core::framework::DERIVED_VERSION),
            size: e.size,
            sha256: e.sha256,
        })
        .collect();
    Ok(input)
}

/// The minutes of inspection `id` as the team entered them (`hours` overriding the entered
/// hours), and whether it is still a draft (until the inspection is issued). The checklist is
/// the one of the inspection's year, else the agency's current one.
fn minutes_input(db: &Db, id: i64, hours: VisitHours) -> Result<(MinutesInput, bool)> {
    let insp = inspection::show(db.conn(), id)?;
    let plan = plan::show(db.conn(), insp.year).ok();
    let sections = checklist::show(db.conn(), Some(&insp.agency), Some(i64::from(insp.year)))
        .or_else(|_| checklist::show(db.conn(), Some(&insp.agency), None))?
        .groups;
    let visit = minutes::get(db.conn(), id)?;
    let mut input = MinutesInput::from_core(&insp, plan.as_ref(), &sections, None, &visit);
    input.start = hours.start.or(input.start);
    input.end = hours.end.or(input.end);
    let (plan_reference, decision_reference, lead, members) =
        legal_basis(db, &insp, plan.as_ref())?;
    input.plan_reference = plan_reference;
    input.decision_reference = decision_reference;
    if let Some(lead) = lead {
        input.team_lead = lead;
    }
    input.team_members = members;
    Ok((input, !insp.locked))
}

/// The plan of `year` dated `date`, and whether it is still a draft (until the plan is final).
fn plan_input(db: &Db, year: i32, date: NaiveDate) -> Result<(PlanInput, bool)> {
    let p = plan::show(db.conn(), year)?;
    Ok((
        PlanInput::from_core(&p, None, date),
        p.status != plan::PlanStatus::Final,
    ))
}

/// The issued notice of inspection `id` while the inspection is locked by it, if any.
fn issued_notice(db: &Db, id: i64) -> Result<Option<notice::Notice>> {
    match notice::list(db.conn(), id)?.pop() {
        Some(n) if inspection::show(db.conn(), id)?.locked => Ok(Some(n)),
        _ => Ok(None),
    }
}

fn draft_options(draft: bool, clock: &DocumentClock) -> RenderOptions {
    RenderOptions {
        draft,
        created: clock.created(),
        document_id: None,
    }
}

/// The pages of a document as SVG, for the app's preview (a draft unless issued or final).
/// `date` is the date on it, today when `None`; an issued notice keeps its issue date.
pub fn preview(db: &Db, doc: &DocumentRef, date: Option<&str>) -> Result<Vec<String>> {
    let date = DocumentClock::of(db).date(date)?;
    let s = document_settings(db)?;
    let layout = match *doc {
        DocumentRef::Notice { inspection_id: id } => match issued_notice(db, id)? {
            Some(n) => {
                let d = NaiveDate::parse_from_str(&n.issued_on, "%Y-%m-%d").unwrap_or(date);
                crate::layout(&notice_input(db, id, Some(&n.number), d)?, &s, false)?
            }
            None => crate::layout(&notice_input(db, id, None, date)?, &s, true)?,
        },
        DocumentRef::Minutes { inspection_id } => {
            let (input, draft) = minutes_input(db, inspection_id, VisitHours::default())?;
            crate::layout(&input, &s, draft)?
        }
        DocumentRef::Plan { year } => {
            let (input, draft) = plan_input(db, year, date)?;
            crate::layout(&input, &s, draft)?
        }
        DocumentRef::Decision { year, ref agency } => {
            let (input, draft) = decision_input(db, year, agency, date)?;
            crate::layout(&input, &s, draft)?
        }
        DocumentRef::ScheduleLetter {
            year,
            ref agency,
            ref number,
        } => {
            let input = schedule_letter_input(db, year, agency, number.as_deref(), date)?;
            let draft = input.number.is_none();
            crate::layout(&input, &s, draft)?
        }
        DocumentRef::YearReport { year, ref number } => {
            let input = year_report_input(db, year, number.as_deref(), date, None)?;
            let draft = input.number.is_none();
            crate::layout(&input, &s, draft)?
        }
        DocumentRef::Reminder {
            ref agency,
            ref number,
        } => {
            let input = reminder_input(db, agency, number.as_deref(), date)?;
            let draft = input.number.is_none();
            crate::layout(&input, &s, draft)?
        }
    };
    Ok(crate::svg::pages(&layout))
}

/// The PDF of a document dated `date` (today when `None`). Before the notice is issued every
/// render is a draft ("DỰ THẢO"); once issued, the kept file is returned byte for byte. The
/// minutes print what the team entered; [`minutes_pdf`] takes other hours.
pub fn pdf(db: &Db, doc: &DocumentRef, date: Option<&str>) -> Result<Vec<u8>> {
    let clock = DocumentClock::of(db);
    let date = clock.date(date)?;
    match *doc {
        DocumentRef::Notice { inspection_id: id } => {
            if let Some(n) = issued_notice(db, id)? {
                return Ok(notice::read_pdf(db, &n.sha256)?);
            }
            let input = notice_input(db, id, None, date)?;
            let s = document_settings(db)?;
            Ok(crate::render(&input, &s, &draft_options(true, &clock))?)
        }
        DocumentRef::Minutes { inspection_id } => {
            minutes_pdf(db, inspection_id, VisitHours::default())
        }
        DocumentRef::Plan { year } => {
            let (input, draft) = plan_input(db, year, date)?;
            let s = document_settings(db)?;
            Ok(crate::render(&input, &s, &draft_options(draft, &clock))?)
        }
        DocumentRef::Decision { year, ref agency } => {
            decision_pdf(db, year, agency, Some(&date.to_string()))
        }
        DocumentRef::ScheduleLetter {
            year,
            ref agency,
            ref number,
        } => schedule_letter_pdf(db, year, agency, number.as_deref(), Some(&date.to_string())),
        DocumentRef::YearReport { year, ref number } => {
            year_report_pdf(db, year, number.as_deref(), Some(&date.to_string()), None)
        }
        DocumentRef::Reminder {
            ref agency,
            ref number,
        } => reminder_pdf(db, agency, number.as_deref(), Some(&date.to_string())),
    }
}

/// The inspection minutes (biên bản) of inspection `id` with the visit's `hours`, a draft until
/// the inspection is issued.
pub fn minutes_pdf(db: &Db, id: i64, hours: VisitHours) -> Result<Vec<u8>> {
    let clock = DocumentClock::of(db);
    let (input, draft) = minutes_input(db, id, hours)?;
    Ok(crate::render(
        &input,
        &document_settings(db)?,
        &draft_options(draft, &clock),
    )?)
}

/// Issues the notice: checks (a signer set in the settings; lead, state, number, dated on or
/// after the visit, every item answered — see `kiemtra_core::notice::prepare`), renders the final PDF with the number and
/// date, keeps it with its SHA-256 and locks the inspection.
pub fn issue_notice(
    db: &mut Db,
    id: i64,
    number: &str,
    date: &str,
    reason: Option<&str>,
) -> Result<(notice::Notice, Vec<u8>)> {
    let clock = DocumentClock::of(db);
    let s = document_settings(db)?;
    if !s.signer_set() {
        return Err(kiemtra_core::Error::SignerMissing.into());
    }
    let plan = notice::prepare(db.conn(), id, number, date)?;
    let input = notice_input(db, id, Some(&plan.number), plan.date)?;
    let pdf = crate::render(
        &input,
        &s,
        &RenderOptions {
            draft: false,
            created: clock.created(),
            document_id: Some(format!("notice-{id}-v{}", plan.version)),
        },
    )?;
    let signer = s.signer_name.clone();
    let n = notice::record(db, id, &plan, &signer, reason, &pdf)?;
    Ok((n, pdf))
}

/// Writes `pdf` as the document's file ([`DocumentRef::file_name`]) in the data directory's
/// exports ([`kiemtra_core::files::DataDir::exports`]), whole or not at all, and returns the
/// path.
pub fn export(db: &Db, doc: &DocumentRef, pdf: &[u8]) -> Result<PathBuf> {
    let path = db.data_dir().exports().join(doc.file_name());
    files::write_atomic(&path, pdf)?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_ref_reads_as_the_ui_sends_it() {
        let notice: DocumentRef =
            serde_json::from_str(r#"{"kind":"notice","inspection_id":7}"#).unwrap();
        assert_eq!(notice, DocumentRef::Notice { inspection_id: 7 });
        assert_eq!(notice.kind(), DocKind::Notice);
        let plan: DocumentRef = serde_json::from_str(r#"{"kind":"plan","year":2026}"#).unwrap();
        assert_eq!(plan.file_name(), "ke-hoach-kiem-tra-2026.pdf");
        assert!(serde_json::from_str::<DocumentRef>(r#"{"kind":"plan","year":"x"}"#).is_err());
        let letter: DocumentRef = serde_json::from_str(
            r#"{"kind":"schedule_letter","year":2026,"agency":"../07264","number":null}"#,
        )
        .unwrap();
        assert_eq!(letter.kind(), DocKind::ScheduleLetter);
        let name = letter.file_name();
        assert!(
            name.starts_with("cong-van-lich-kiem-tra-2026-07264-")
                && name.ends_with(".pdf")
                && !name.contains(['/', '\\'])
                && !name.contains(".."),
            "the code cannot lead out of exports/: {name}"
        );
        let decision: DocumentRef =
            serde_json::from_str(r#"{"kind":"decision","year":2026,"agency":"07264"}"#).unwrap();
        assert_eq!(
            decision.file_name(),
            "quyet-dinh-doan-kiem-tra-2026-07264.pdf"
        );
        let report: DocumentRef =
            serde_json::from_str(r#"{"kind":"year_report","year":2026}"#).unwrap();
        assert_eq!(
            report,
            DocumentRef::YearReport {
                year: 2026,
                number: None
            }
        );
        assert_eq!(report.kind(), DocKind::YearReport);
        assert_eq!(report.file_name(), "bao-cao-ket-qua-kiem-tra-2026.pdf");
        let reminder: DocumentRef =
            serde_json::from_str(r#"{"kind":"reminder","agency":"../07264","number":"12"}"#)
                .unwrap();
        assert_eq!(reminder.kind(), DocKind::Reminder);
        let name = reminder.file_name();
        assert!(
            name.starts_with("cong-van-don-doc-07264-") && !name.contains(['/', '\\']),
            "the code cannot lead out of exports/: {name}"
        );
    }

    #[test]
    fn agencies_whose_codes_differ_by_case_or_signs_get_files_windows_keeps_apart() {
        let codes = ["07264", "ab1", "AB1", "Ab1", "a-b1", "A/B1", "CON", "con"];
        let names: Vec<String> = codes
            .iter()
            .flat_map(|c| {
                [
                    DocumentRef::Decision {
                        year: 2026,
                        agency: c.to_string(),
                    },
                    DocumentRef::ScheduleLetter {
                        year: 2026,
                        agency: c.to_string(),
                        number: None,
                    },
                    DocumentRef::Reminder {
                        agency: c.to_string(),
                        number: None,
                    },
                ]
            })
            .map(|d| d.file_name())
            .collect();
        assert!(
            kiemtra_core::files::case_clashes(names.iter().map(String::as_str)).is_empty(),
            "{names:?}"
        );
        for n in &names {
            assert_eq!(
                &kiemtra_core::files::portable_name(n),
                n,
                "already portable"
            );
        }
    }

    #[test]
    fn a_pdf_refusal_crosses_with_its_code_and_field() {
        let e = DocError::from(PdfError::Invalid {
            field: "margins.top".into(),
            message: "lề 2 mm".into(),
        });
        let p = e.payload();
        assert_eq!(p.code, kiemtra_core::ErrorCode::PdfInvalid);
        assert_eq!(p.field.as_deref(), Some("margins.top"));
        let font = DocError::from(PdfError::Font("x".into())).payload();
        assert_eq!(font.code, kiemtra_core::ErrorCode::PdfFont);
        assert_eq!(font.field, None);
    }

    #[test]
    fn an_export_lands_whole_under_its_own_name_in_exports() {
        let dir = std::env::temp_dir().join(format!("kiemtra-pdf-export-{}", std::process::id()));
        let db = Db::open(&dir).unwrap();
        let doc = DocumentRef::Minutes { inspection_id: 3 };
        let path = export(&db, &doc, b"%PDF-1.7 a").unwrap();
        assert_eq!(
            path,
            db.data_dir().exports().join("bien-ban-kiem-tra-3.pdf")
        );
        export(&db, &doc, b"%PDF-1.7 b").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"%PDF-1.7 b");
        let names: Vec<_> = std::fs::read_dir(db.data_dir().exports())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["bien-ban-kiem-tra-3.pdf"], "no temporary file left");
        drop(db);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
