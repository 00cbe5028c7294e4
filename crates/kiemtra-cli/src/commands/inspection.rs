//! `kiemtra inspection`: one inspection of one agency, from start to the lead's review.

use std::io::Write;

use kiemtra_core::inspection::{self, FindingKind, Inspection};
use kiemtra_core::{text, Db};

use crate::args::InspectionCmd;
use crate::output;

pub fn run(cmd: InspectionCmd, db: &mut Db, out: &mut impl Write) -> anyhow::Result<()> {
    match cmd {
        InspectionCmd::Start { year, agency, date } => {
            let id = inspection::start(db, year, &agency, date.as_deref())?;
            let i = inspection::show(db.conn(), id)?;
            let coop = i
                .items
                .iter()
                .filter(|x| x.kind == kiemtra_core::checklist::ItemKind::Cooperation)
                .count();
            let split = if coop > 0 {
                format!(" ({} chủ trì, {coop} phối hợp)", i.items.len() - coop)
            } else {
                String::new()
            };
            writeln!(
                out,
                "Đã bắt đầu kiểm tra {} năm {}: {} mục kiểm tra{split}",
                i.agency_name,
                year,
                i.items.len()
            )?;
            // The id alone on the last line, for scripts.
            writeln!(out, "{id}")?;
        }
        InspectionCmd::Record {
            id,
            source_ref,
            status,
            value,
            done_on,
            note,
        } => {
            let rec = inspection::Record {
                status: Some(status.into()),
                // The one figure rule the app and the UI use ("93,5", "1.250,5", "95%").
                value: value
                    .as_deref()
                    .map(text::parse_figure)
                    .transpose()
                    .map_err(anyhow::Error::msg)?
                    .flatten(),
                done_on,
                note,
            };
            let it = inspection::record(db, id, &source_ref, &rec)?;
            let judgement = it
                .judgement
                .map(|j| format!("; đánh giá tự động: {}", j.label()))
                .unwrap_or_default();
            writeln!(
                out,
                "Đã lưu {}: {}{judgement}",
                it.source_ref,
                it.status.map(|s| s.label()).unwrap_or("—")
            )?;
        }
        InspectionCmd::Submit { id } => {
            let i = inspection::submit(db, id)?;
            writeln!(out, "Cuộc kiểm tra số {} {}", i.id, i.status.label())?;
        }
        InspectionCmd::Review {
            id,
            accept,
            return_with,
        } => {
            if !accept && return_with.is_none() {
                anyhow::bail!("chọn --accept hoặc --return \"ý kiến\"");
            }
            let i = inspection::review(db, id, accept, return_with.as_deref())?;
            writeln!(out, "Cuộc kiểm tra số {} {}", i.id, i.status.label())?;
        }
        InspectionCmd::Score {
            id,
            criterion,
            self_score,
            appraised,
            justification,
        } => {
            let i = inspection::set_score(
                db,
                id,
                &criterion,
                self_score,
                appraised,
                justification.as_deref(),
            )?;
            for s in i.scores.iter().filter(|s| s.criterion == criterion) {
                writeln!(
                    out,
                    "{} {}: tự đánh giá {:?}, thẩm định {:?} / {}",
                    s.criterion, s.name, s.self_score, s.appraised_score, s.max_points
                )?;
            }
        }
        InspectionCmd::Show { id, json } => {
            let i = inspection::show(db.conn(), id)?;
            output::emit(out, json, &i, print_inspection)?;
        }
        InspectionCmd::List { year, json } => {
            let list = inspection::list(db.conn(), year, db.now().date_naive())?;
            output::emit(out, json, &list, |out, list| {
                for i in list {
                    writeln!(
                        out,
                        "{:>4} {} {:<8} {:<30} {} ({}/{}){}",
                        i.id,
                        i.year,
                        i.agency,
                        i.agency_name,
                        i.status.label(),
                        i.progress.answered,
                        i.progress.total,
                        i.notice.as_ref().map(notice_due).unwrap_or_default()
                    )?;
                }
                Ok(())
            })?;
        }
    }
    Ok(())
}

/// "; hạn ban hành thông báo 26/06/2026 (15 ngày làm việc sau kiểm tra) — QUÁ HẠN".
fn notice_due(n: &kiemtra_core::plan::NoticeDeadline) -> String {
    if n.issued {
        return "; đã ban hành thông báo".to_string();
    }
    let due = chrono::NaiveDate::parse_from_str(&n.due, "%Y-%m-%d")
        .map(|d| d.format("%d/%m/%Y").to_string())
        .unwrap_or_else(|_| n.due.clone());
    format!(
        "; hạn ban hành thông báo {due} ({} ngày làm việc sau kiểm tra){}",
        n.working_days,
        if n.overdue { " — QUÁ HẠN" } else { "" }
    )
}

/// The header, one line an item (status, figure, automatic judgement), findings, progress.
fn print_inspection(out: &mut impl Write, i: &Inspection) -> anyhow::Result<()> {
    writeln!(
        out,
        "Cuộc kiểm tra số {} — {} ({}) — năm {} — {}{}",
        i.id,
        i.agency_name,
        i.agency,
        i.year,
        i.status.label(),
        if i.locked {
            ", đã ban hành kết luận"
        } else {
            ""
        }
    )?;
    writeln!(
        out,
        "Ngày kiểm tra: {}; danh mục {}",
        i.visit_date, i.template
    )?;
    if let Some(c) = &i.review_comment {
        writeln!(out, "Ý kiến của Trưởng đoàn: {c}")?;
    }
    for it in &i.items {
        let status = it.status.map(|s| s.label()).unwrap_or("—");
        let value = it
            .value
            .map(|v| format!(" số liệu {v}"))
            .unwrap_or_default();
        let judgement = it
            .judgement
            .map(|j| format!(" [{}]", j.label()))
            .unwrap_or_default();
        let flag = if it.disagreement {
            " (khác đánh giá tự động)"
        } else {
            ""
        };
        writeln!(
            out,
            "  {:<12} {:<14}{value}{judgement}{flag}",
            it.source_ref, status
        )?;
    }
    for f in &i.findings {
        let kind = if f.kind == FindingKind::Strength {
            "Ưu điểm"
        } else {
            "Hạn chế"
        };
        writeln!(out, "  #{} {kind}: {}", f.id, f.text)?;
    }
    let p = &i.progress;
    writeln!(out, "Tiến độ: {}/{} mục (đạt {}, một phần {}, chưa đạt {}, không áp dụng {}; khác đánh giá tự động {})", p.answered, p.total, p.met, p.partial, p.unmet, p.na, p.disagreements)?;
    Ok(())
}
