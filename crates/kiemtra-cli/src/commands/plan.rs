//! `kiemtra plan`: the annual inspection plan, its draw, schedule, deadlines and document.

use std::io::Write;

use kiemtra_core::plan::{self, Draw, DrawMethod, PlanChange};
use kiemtra_core::Db;

use crate::args::PlanCmd;
use crate::output;
use kiemtra_pdf::{documents, DocumentRef};

pub fn run(cmd: PlanCmd, db: &mut Db, out: &mut impl Write) -> anyhow::Result<()> {
    match cmd {
        PlanCmd::Create {
            year,
            threshold,
            include,
            exclude,
            spot_check,
            random,
            rotation,
            reason,
            json,
        } => {
            let draw = match (random, rotation) {
                (Some(seed), _) => Some(Draw {
                    method: DrawMethod::Random,
                    seed,
                }),
                (_, Some(seed)) => Some(Draw {
                    method: DrawMethod::Rotation,
                    seed,
                }),
                _ => None,
            };
            let change = PlanChange {
                threshold,
                include,
                exclude,
                spot_checks: spot_check,
                draw,
                reason,
                ..Default::default()
            };
            let p = plan::apply(db, year, &change)?;
            output::emit(out, json, &p, print_plan)?;
        }
        PlanCmd::Show { year, json } => {
            let p = plan::show(db.conn(), year)?;
            output::emit(out, json, &p, print_plan)?;
        }
        PlanCmd::Finalize { year } => {
            let p = plan::finalize(db, year)?;
            print_plan(out, &p)?;
        }
        PlanCmd::Schedule {
            year,
            agency,
            from,
            to,
            lead,
            members,
            reason,
        } => {
            let p = plan::schedule(
                db,
                year,
                &plan::ScheduleChange {
                    agency,
                    from,
                    to,
                    lead,
                    members,
                    reason,
                },
            )?;
            print_plan(out, &p)?;
        }
        PlanCmd::Render {
            year,
            out: file,
            date,
        } => {
            let pdf = documents::pdf(db, &DocumentRef::Plan { year }, date.as_deref())?;
            output::saved_pdf(out, "kế hoạch", &file, &pdf)?;
        }
        PlanCmd::Deadlines {
            year,
            remediation_days,
            notice_days,
        } => {
            plan::set_deadlines(db, year, remediation_days, notice_days)?;
            writeln!(out, "Năm {year}: báo cáo khắc phục trong {remediation_days} ngày làm việc; thông báo kết luận trong {notice_days} ngày làm việc sau kiểm tra.")?;
        }
        PlanCmd::Cooperation {
            year,
            inspected,
            not_inspected: _,
        } => {
            let p = plan::set_cooperation_inspected(db, year, inspected)?;
            let what = if p.cooperation_inspected {
                "kiểm tra cả nhiệm vụ chủ trì và nhiệm vụ phối hợp"
            } else {
                "chỉ kiểm tra nhiệm vụ chủ trì, không kiểm tra nhiệm vụ phối hợp"
            };
            writeln!(
                out,
                "Năm {year}: {what}. Các cuộc kiểm tra đã bắt đầu giữ nguyên danh mục đã chốt."
            )?;
        }
        PlanCmd::Issue {
            year,
            number,
            date,
            issuer,
        } => {
            let p = plan::set_reference(
                db,
                year,
                &plan::PlanReference {
                    number,
                    date,
                    issuer,
                },
            )?;
            writeln!(
                out,
                "Kế hoạch năm {year}: số {}, ngày {}{}",
                p.number.unwrap_or_default(),
                p.issued_on.unwrap_or_default(),
                p.issuer.map(|i| format!(", của {i}")).unwrap_or_default()
            )?;
        }
        PlanCmd::Rotation { year, json } => {
            let rows = plan::rotation(db.conn(), year)?;
            output::emit(out, json, &rows, |out, rows| {
                for r in rows {
                    let last = r
                        .last_inspected
                        .map(|y| y.to_string())
                        .unwrap_or_else(|| "chưa kiểm tra".into());
                    writeln!(out, "{:<8} {:<14} {}", r.code, last, r.name)?;
                }
                Ok(())
            })?;
        }
    }
    Ok(())
}

/// The plan as a table: how each agency was chosen, its window and lead, then coverage per block.
fn print_plan(out: &mut impl Write, p: &plan::Plan) -> anyhow::Result<()> {
    let status = match p.status {
        plan::PlanStatus::Draft => "dự thảo",
        plan::PlanStatus::Final => "đã phê duyệt",
    };
    writeln!(
        out,
        "Kế hoạch kiểm tra năm {} ({status}{}), ngưỡng {}%",
        p.year,
        if p.revision > 0 {
            format!(", điều chỉnh lần {}", p.revision)
        } else {
            String::new()
        },
        p.threshold
    )?;
    if let (Some(m), Some(seed)) = (p.draw_method, p.seed) {
        let m = if m == DrawMethod::Rotation {
            "luân phiên"
        } else {
            "ngẫu nhiên"
        };
        writeln!(out, "Bốc thăm: {m}, hạt giống {seed}")?;
    }
    for a in &p.agencies {
        let mode = match a.mode {
            plan::SelectionMode::Manual => "chọn",
            plan::SelectionMode::Random => "bốc thăm",
            plan::SelectionMode::Rotation => "luân phiên",
        };
        let window = a
            .window
            .as_ref()
            .map(|w| format!(" {} → {}", w.from, w.to))
            .unwrap_or_default();
        let team = a
            .team
            .lead
            .as_ref()
            .map(|l| format!(" — Trưởng đoàn {l}"))
            .unwrap_or_default();
        writeln!(
            out,
            "  {:<8} {:<10} {}{}{}{}",
            a.code,
            mode,
            a.name,
            if a.spot_check { " [đột xuất]" } else { "" },
            window,
            team
        )?;
    }
    for (label, c) in [
        ("Sở, ban, ngành", p.coverage.provincial),
        ("UBND cấp xã", p.coverage.commune),
        ("Toàn bộ", p.coverage.all),
    ] {
        let mark = if c.selected >= c.required {
            "đạt"
        } else {
            "CHƯA ĐẠT"
        };
        writeln!(
            out,
            "{label}: {}/{} (cần {}) — {mark}",
            c.selected, c.total, c.required
        )?;
    }
    Ok(())
}
