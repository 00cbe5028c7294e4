//! `kiemtra minutes`: what happened at an inspection visit (hours, place, the agency's
//! representatives, the secretary) and the minutes' PDF.

use std::io::Write;

use kiemtra_core::minutes::{self, Minutes, MinutesDetails, Representative};
use kiemtra_core::{inspection, Db};

use crate::args::MinutesCmd;
use crate::output;
use kiemtra_pdf::documents;

pub fn run(cmd: MinutesCmd, db: &mut Db, out: &mut impl Write) -> anyhow::Result<()> {
    match cmd {
        MinutesCmd::Render {
            id,
            out: file,
            start,
            end,
        } => {
            let hours = documents::VisitHours {
                start: start.as_deref().map(|s| time("start", s)).transpose()?,
                end: end.as_deref().map(|s| time("end", s)).transpose()?,
            };
            let pdf = documents::minutes_pdf(db, id, hours)?;
            output::saved_pdf(out, "biên bản", &file, &pdf)?;
        }
        MinutesCmd::Set {
            year,
            agency,
            start,
            end,
            place,
            representatives,
            no_representatives,
            secretary,
        } => {
            let id = find(db, year, &agency)?;
            let mut d = minutes::get(db.conn(), id)?.details;
            // Options given replace their field; "" clears it (the core drops empty text).
            if let Some(s) = start {
                d.start = Some(s);
            }
            if let Some(e) = end {
                d.end = Some(e);
            }
            if let Some(p) = place {
                d.place = Some(p);
            }
            if let Some(s) = secretary {
                d.secretary = Some(s);
            }
            if no_representatives {
                d.representatives.clear();
            } else if !representatives.is_empty() {
                d.representatives = representatives
                    .iter()
                    .map(|r| representative(r))
                    .collect::<anyhow::Result<_>>()?;
            }
            let m = minutes::set(db, id, &d)?;
            writeln!(out, "Đã lưu thông tin buổi kiểm tra cho biên bản:")?;
            print_minutes(out, &m)?;
        }
        MinutesCmd::Show { year, agency, json } => {
            let id = find(db, year, &agency)?;
            let m = minutes::get(db.conn(), id)?;
            output::emit(out, json, &m, print_minutes)?;
        }
    }
    Ok(())
}

fn find(db: &Db, year: i32, agency: &str) -> anyhow::Result<i64> {
    inspection::find(db.conn(), year, agency)?.ok_or_else(|| {
        anyhow::anyhow!(
            "chưa có cuộc kiểm tra {agency} năm {year}; bắt đầu bằng `kiemtra inspection start`"
        )
    })
}

/// "Nguyễn Văn An|Chủ tịch UBND xã" (the title may be left out).
fn representative(s: &str) -> anyhow::Result<Representative> {
    let (name, title) = s.split_once('|').unwrap_or((s, ""));
    if name.trim().is_empty() {
        anyhow::bail!("người đại diện «{s}» chưa có họ tên (dạng \"Họ tên|Chức vụ\")");
    }
    Ok(Representative {
        name: name.trim().to_string(),
        title: title.trim().to_string(),
    })
}

fn print_minutes(out: &mut impl Write, m: &Minutes) -> anyhow::Result<()> {
    let d: &MinutesDetails = &m.details;
    let or_blank = |s: &Option<String>| s.clone().unwrap_or_else(|| "(chưa nhập)".to_string());
    let days = if m.visit_from == m.visit_to {
        m.visit_from.clone()
    } else {
        format!("{} đến {}", m.visit_from, m.visit_to)
    };
    writeln!(out, "Ngày: {days}")?;
    writeln!(out, "Bắt đầu: {}", or_blank(&d.start))?;
    writeln!(out, "Kết thúc: {}", or_blank(&d.end))?;
    writeln!(
        out,
        "Địa điểm: {}",
        d.place
            .clone()
            .unwrap_or_else(|| format!("{} (mặc định)", m.default_place))
    )?;
    if d.representatives.is_empty() {
        writeln!(out, "Đại diện cơ quan: (chưa nhập)")?;
    }
    for r in &d.representatives {
        if r.title.is_empty() {
            writeln!(out, "Đại diện cơ quan: {}", r.name)?;
        } else {
            writeln!(out, "Đại diện cơ quan: {}, {}", r.name, r.title)?;
        }
    }
    writeln!(out, "Thư ký: {}", or_blank(&d.secretary))?;
    Ok(())
}

/// A time of day as written on the command line ("08:30", "8h30"), through the core's rule.
fn time(field: &str, s: &str) -> anyhow::Result<chrono::NaiveTime> {
    let t = minutes::parse_time(field, s)?;
    Ok(chrono::NaiveTime::parse_from_str(&t, "%H:%M")?)
}
