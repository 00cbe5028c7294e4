//! `kiemtra calendar`: the days off and make-up working days of each year, imported as data.

use std::io::Write;

use kiemtra_core::{calendar, Db};
use serde_json::json;

use super::read_file;
use crate::args::CalendarCmd;
use crate::output;

pub fn run(cmd: CalendarCmd, db: &mut Db, out: &mut impl Write) -> anyhow::Result<()> {
    match cmd {
        CalendarCmd::Import { file } => {
            let bytes = read_file(&file)?;
            let source = file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let r = calendar::import_csv(db, &bytes, &source)?;
            let how = if r.replaced {
                "thay toàn bộ dữ liệu cũ của năm này"
            } else {
                "năm mới"
            };
            writeln!(
                out,
                "Đã nhập lịch năm {} ({how}): {} ngày nghỉ, {} ngày làm bù.",
                r.year, r.days_off, r.working_days
            )?;
        }
        CalendarCmd::Show { year, json } => {
            let years = calendar::years_with_holidays(db.conn())?;
            match year {
                None => output::emit(out, json, &json!({ "years": years }), |out, _| {
                    let list: Vec<String> = years.iter().map(i32::to_string).collect();
                    writeln!(
                        out,
                        "Đã có dữ liệu ngày nghỉ lễ: {}",
                        if list.is_empty() {
                            "chưa năm nào".to_string()
                        } else {
                            list.join(", ")
                        }
                    )?;
                    writeln!(
                        out,
                        "Các năm khác chỉ bỏ qua thứ Bảy, Chủ nhật; hạn tính qua các năm đó được cảnh báo."
                    )?;
                    Ok(())
                })?,
                Some(y) => {
                    let days = calendar::days_of_year(db.conn(), y)?;
                    let known = years.contains(&y);
                    output::emit(
                        out,
                        json,
                        &json!({ "year": y, "known": known, "days": days }),
                        |out, _| {
                            if !known {
                                writeln!(out, "Năm {y} chưa có dữ liệu ngày nghỉ lễ (kiemtra calendar import TỆP.csv).")?;
                            }
                            for d in &days {
                                let kind = if d.kind == "off" {
                                    "nghỉ"
                                } else {
                                    "làm bù"
                                };
                                writeln!(out, "{}  {kind:<6}  {}", d.date, d.name)?;
                            }
                            Ok(())
                        },
                    )?
                }
            }
        }
    }
    Ok(())
}
