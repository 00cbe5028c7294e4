//! Documents made from the store: gathers an inspection, its plan, evidence and deadlines from
//! kiemtra-core, renders them, and — for an issued notice — keeps the final PDF through
//! `kiemtra_core::notice`. The app and the CLI both call these, so a document is the same
//! whichever made it.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use kiemtra_core::{
    calendar, checklist, evidence, inspection, notice, plan, profile, settings, Db,
};

use crate::{
    render_minutes, render_notice, render_plan, DocumentSettings, DueDates, EvidenceRow,
    MinutesInput, NoticeInput, PdfError, PlanInput, RenderOptions,
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
}

pub type Result<T> = std::result::Result<T, DocError>;

/// The document settings in the store, or the defaults; an empty signer name falls back to the
/// current profile, so a draft never prints a blank.
pub fn document_settings(db: &Db) -> Result<DocumentSettings> {
    let mut s: DocumentSettings = match settings::get(db.conn(), settings::DOCUMENTS)? {
        Some(v) => serde_json::from_value(v).map_err(|e| kiemtra_core::Error::Invalid {
            field: "documents.settings".into(),
            reason: e.to_string(),
        })?,
        None => DocumentSettings::default(),
    };
    if s.signer_name.trim().is_empty() {
        if let Some(p) = profile::current(db.conn())? {
            s.signer_name = p.name;
        }
    }
    s.validate()?;
    Ok(s)
}

fn notice_input(db: &Db, id: i64, number: Option<&str>, date: NaiveDate) -> Result<NoticeInput> {
    let insp = inspection::show(db.conn(), id)?;
    let plan = plan::show(db.conn(), insp.year).ok();
    let (remediation_days, _) = plan::deadlines(db.conn(), insp.year).unwrap_or((30, 15));
    let report = calendar::add_working_days(db.conn(), date, remediation_days)?;
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
    input.evidence = evidence::list(db.conn(), id)?
        .into_iter()
        .map(|e| EvidenceRow {
            name: e.name,
            criteria: e.criteria,
            size: e.size,
            sha256: e.sha256,
        })
        .collect();
    Ok(input)
}

/// The conclusion notice of inspection `id`. Before it is issued every render is a draft
/// ("DỰ THẢO"); once issued, the kept file is returned byte for byte.
pub fn notice_pdf(db: &Db, id: i64, date: NaiveDate, created: NaiveDateTime) -> Result<Vec<u8>> {
    if let Some(last) = notice::list(db.conn(), id)?.pop() {
        if inspection::show(db.conn(), id)?.locked {
            let path = notice::pdf_path(db, &last.sha256);
            return std::fs::read(&path).map_err(|source| {
                kiemtra_core::Error::Io {
                    path: path.display().to_string(),
                    source,
                }
                .into()
            });
        }
    }
    let input = notice_input(db, id, None, date)?;
    Ok(render_notice(
        &input,
        &document_settings(db)?,
        &RenderOptions {
            draft: true,
            created,
            document_id: None,
        },
    )?)
}

/// Issues the notice: checks (lead, state, number), renders the final PDF with the number and
/// date, keeps it with its SHA-256 and locks the inspection.
pub fn issue_notice(
    db: &mut Db,
    id: i64,
    number: &str,
    date: &str,
    reason: Option<&str>,
    created: NaiveDateTime,
) -> Result<(notice::Notice, Vec<u8>)> {
    let plan = notice::prepare(db.conn(), id, number, date)?;
    let input = notice_input(db, id, Some(&plan.number), plan.date)?;
    let s = document_settings(db)?;
    let pdf = render_notice(
        &input,
        &s,
        &RenderOptions {
            draft: false,
            created,
            document_id: Some(format!("notice-{id}-v{}", plan.version)),
        },
    )?;
    let signer = s.signer_name.clone();
    let n = notice::record(db, id, &plan, &signer, reason, &pdf)?;
    Ok((n, pdf))
}

/// The inspection minutes (biên bản) of inspection `id`, a draft until the inspection is issued.
pub fn minutes_pdf(
    db: &Db,
    id: i64,
    start: NaiveTime,
    end: NaiveTime,
    created: NaiveDateTime,
) -> Result<Vec<u8>> {
    let insp = inspection::show(db.conn(), id)?;
    let plan = plan::show(db.conn(), insp.year).ok();
    let sections = checklist::show(db.conn(), Some(&insp.agency), Some(i64::from(insp.year)))
        .or_else(|_| checklist::show(db.conn(), Some(&insp.agency), None))?
        .groups;
    let day = NaiveDate::parse_from_str(&insp.visit_date, "%Y-%m-%d").map_err(|e| {
        kiemtra_core::Error::Invalid {
            field: "visit_date".into(),
            reason: e.to_string(),
        }
    })?;
    let location = format!("trụ sở {}", insp.agency_name);
    let input = MinutesInput::from_core(
        &insp,
        plan.as_ref(),
        &sections,
        None,
        day.and_time(start),
        day.and_time(end),
        &location,
    );
    Ok(render_minutes(
        &input,
        &document_settings(db)?,
        &RenderOptions {
            draft: !insp.locked,
            created,
            document_id: None,
        },
    )?)
}

/// The plan document of `year`, a draft until the plan is final.
pub fn plan_pdf(db: &Db, year: i32, date: NaiveDate, created: NaiveDateTime) -> Result<Vec<u8>> {
    let p = plan::show(db.conn(), year)?;
    let input = PlanInput::from_core(&p, None, date);
    let draft = p.status != plan::PlanStatus::Final;
    Ok(render_plan(
        &input,
        &document_settings(db)?,
        &RenderOptions {
            draft,
            created,
            document_id: None,
        },
    )?)
}

/// Which document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DocKind {
    Notice,
    Minutes,
    Plan,
}

/// The pages of a document as SVG, for the app's preview (a draft unless issued or final).
pub fn preview(db: &Db, kind: DocKind, key: i64, date: NaiveDate) -> Result<Vec<String>> {
    let s = document_settings(db)?;
    let layout = match kind {
        DocKind::Notice => {
            let issued = notice::list(db.conn(), key)?.pop().filter(|_| {
                inspection::show(db.conn(), key)
                    .map(|i| i.locked)
                    .unwrap_or(false)
            });
            match issued {
                Some(n) => {
                    let d = NaiveDate::parse_from_str(&n.issued_on, "%Y-%m-%d").unwrap_or(date);
                    crate::layout_notice(&notice_input(db, key, Some(&n.number), d)?, &s, false)?
                }
                None => crate::layout_notice(&notice_input(db, key, None, date)?, &s, true)?,
            }
        }
        DocKind::Minutes => {
            let insp = inspection::show(db.conn(), key)?;
            let plan = plan::show(db.conn(), insp.year).ok();
            let sections = checklist::show(db.conn(), Some(&insp.agency), None)?.groups;
            let day = NaiveDate::parse_from_str(&insp.visit_date, "%Y-%m-%d").unwrap_or(date);
            let (start, end) = (
                NaiveTime::from_hms_opt(8, 0, 0).unwrap_or_default(),
                NaiveTime::from_hms_opt(11, 30, 0).unwrap_or_default(),
            );
            let input = MinutesInput::from_core(
                &insp,
                plan.as_ref(),
                &sections,
                None,
                day.and_time(start),
                day.and_time(end),
                &format!("trụ sở {}", insp.agency_name),
            );
            crate::layout_minutes(&input, &s, !insp.locked)?
        }
        DocKind::Plan => {
            let year = i32::try_from(key).map_err(|_| kiemtra_core::Error::Invalid {
                field: "year".into(),
                reason: key.to_string(),
            })?;
            let p = plan::show(db.conn(), year)?;
            crate::layout_plan(
                &PlanInput::from_core(&p, None, date),
                &s,
                p.status != plan::PlanStatus::Final,
            )?
        }
    };
    Ok(crate::svg::pages(&layout))
}

/// The PDF of a document, as [`notice_pdf`], [`minutes_pdf`] or [`plan_pdf`] make it.
pub fn pdf(
    db: &Db,
    kind: DocKind,
    key: i64,
    date: NaiveDate,
    created: NaiveDateTime,
) -> Result<Vec<u8>> {
    match kind {
        DocKind::Notice => notice_pdf(db, key, date, created),
        DocKind::Minutes => minutes_pdf(
            db,
            key,
            NaiveTime::from_hms_opt(8, 0, 0).unwrap_or_default(),
            NaiveTime::from_hms_opt(11, 30, 0).unwrap_or_default(),
            created,
        ),
        DocKind::Plan => {
            let year = i32::try_from(key).map_err(|_| kiemtra_core::Error::Invalid {
                field: "year".into(),
                reason: key.to_string(),
            })?;
            plan_pdf(db, year, date, created)
        }
    }
}

/// Writes `pdf` as `exports/<kind>-<key>.pdf` in the data directory (temporary name, then
/// rename) and returns the path. The name is made here, never from user input.
pub fn export(db: &Db, kind: DocKind, key: i64, pdf: &[u8]) -> Result<std::path::PathBuf> {
    let dir = db.data_dir().join("exports");
    let io = |source: std::io::Error, p: &std::path::Path| kiemtra_core::Error::Io {
        path: p.display().to_string(),
        source,
    };
    std::fs::create_dir_all(&dir).map_err(|e| io(e, &dir))?;
    let name = match kind {
        DocKind::Notice => format!("thong-bao-ket-luan-{key}.pdf"),
        DocKind::Minutes => format!("bien-ban-kiem-tra-{key}.pdf"),
        DocKind::Plan => format!("ke-hoach-kiem-tra-{key}.pdf"),
    };
    let path = dir.join(name);
    let tmp = path.with_extension("pdf.part");
    std::fs::write(&tmp, pdf).map_err(|e| io(e, &tmp))?;
    std::fs::rename(&tmp, &path).map_err(|e| io(e, &path))?;
    Ok(path)
}
