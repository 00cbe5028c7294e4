//! `cargo bench -p kiemtra-xlsx --bench year`: the year's report PDF and XLSX for a
//! province-sized year — 150 agencies inspected and concluded, 80 answers and 10 findings each
//! (`KIEMTRA_BENCH_AGENCIES` to change) — each from the store (figures included), min and p50
//! of 7 runs in a release build, targets under 1 s each; beside, in the same run, LibreOffice
//! converting the same XLSX to PDF (`soffice --headless --convert-to pdf`), when installed.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{Local, NaiveDate, TimeZone};
use kiemtra_core::inspection::{self, FindingKind, ItemStatus, NewFinding, Record};
use kiemtra_core::plan::{self, DecisionChange, PlanChange, PlanReference};
use kiemtra_core::profile::{self, Role};
use kiemtra_core::{agency, notice, seed, Db};

const ANSWERS: usize = 80;
const FINDINGS: usize = 10;

fn year(dir: &std::path::Path, agencies: usize) -> Db {
    let clock = Arc::new(|| {
        Local
            .with_ymd_and_hms(2026, 11, 30, 9, 0, 0)
            .single()
            .unwrap()
    });
    let mut db = Db::open(dir).unwrap().with_clock(clock);
    seed::load_all(&mut db).unwrap();
    profile::add(&mut db, "Trần Thị Bình", Role::Lead, None).unwrap();
    let mut csv = String::from("code,name,block\n");
    let codes: Vec<String> = (0..agencies).map(|k| format!("8{k:04}")).collect();
    for (k, code) in codes.iter().enumerate() {
        csv.push_str(&format!("{code},Xã Thử Nghiệm Số {},commune\n", k + 1));
    }
    agency::import_csv(&mut db, csv.as_bytes()).unwrap();
    plan::apply(
        &mut db,
        2026,
        &PlanChange {
            include: codes.clone(),
            ..PlanChange::default()
        },
    )
    .unwrap();
    plan::set_reference(
        &mut db,
        2026,
        &PlanReference {
            number: "25".into(),
            date: "2026-01-15".into(),
            issuer: None,
        },
    )
    .unwrap();
    let statuses = [ItemStatus::Met, ItemStatus::Partial, ItemStatus::Unmet];
    for (k, code) in codes.iter().enumerate() {
        plan::set_decision(
            &mut db,
            2026,
            &DecisionChange {
                agency: code.clone(),
                number: format!("{}", 100 + k),
                date: "2026-04-20".into(),
                signer: None,
            },
        )
        .unwrap();
        let id = inspection::start(&mut db, 2026, code, Some("2026-05-04")).unwrap();
        let items: Vec<String> = inspection::show(db.conn(), id)
            .unwrap()
            .items
            .into_iter()
            .map(|i| i.source_ref)
            .collect();
        for (n, r) in items.iter().enumerate() {
            let rec = if n < ANSWERS {
                Record {
                    status: Some(statuses[(n + k) % 3]),
                    note: Some("Đã đối chiếu hồ sơ".into()),
                    ..Record::default()
                }
            } else {
                Record {
                    status: Some(ItemStatus::Na),
                    note: Some("Không phát sinh".into()),
                    ..Record::default()
                }
            };
            inspection::record(&mut db, id, r, &rec).unwrap();
        }
        for n in 0..FINDINGS {
            inspection::add_finding(
                &mut db,
                id,
                &NewFinding {
                    kind: if n % 3 == 0 {
                        FindingKind::Strength
                    } else {
                        FindingKind::Shortcoming
                    },
                    text: format!("Phát hiện số {} về thủ tục hành chính", n + 1),
                    source_ref: Some(items[n % items.len()].clone()),
                    criterion: None,
                    cause: Some("Chưa bố trí đủ nhân lực".into()),
                    recommendation: (n % 3 != 0).then(|| "Khắc phục và báo cáo kết quả".into()),
                    severity: None,
                    responsible: None,
                    due: None,
                },
            )
            .unwrap();
        }
        inspection::submit(&mut db, id).unwrap();
        let plan = notice::prepare(db.conn(), id, &(k + 1).to_string(), "2026-05-06").unwrap();
        notice::record(&mut db, id, &plan, "Lê Minh Tuấn", None, b"%PDF-1.7 bench").unwrap();
    }
    db
}

fn time(runs: usize, mut f: impl FnMut() -> usize) -> (Duration, Duration, usize) {
    let mut t = Vec::with_capacity(runs);
    let mut size = 0;
    for _ in 0..runs {
        let start = Instant::now();
        size = f();
        t.push(start.elapsed());
    }
    t.sort();
    (t[0], t[t.len() / 2], size)
}

fn main() {
    let agencies: usize = std::env::var("KIEMTRA_BENCH_AGENCIES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(150);
    let dir = tempfile::tempdir().unwrap();
    let start = Instant::now();
    let db = year(dir.path(), agencies);
    let as_of = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    let f = kiemtra_core::report::figures(db.conn(), 2026, as_of).unwrap();
    println!(
        "year: {} agencies concluded, {} recommendations ({} overdue), built in {:.1} s",
        f.states.concluded,
        f.followup.total,
        f.followup.overdue,
        start.elapsed().as_secs_f64()
    );
    let runs = 7;
    let (pmin, pmed, psize) = time(runs, || {
        kiemtra_pdf::documents::year_report_pdf(&db, 2026, None, None, Some("2026-11-30"))
            .unwrap()
            .len()
    });
    let (xmin, xmed, xsize) = time(runs, || {
        kiemtra_xlsx::year_workbook(&db, 2026, as_of).unwrap().len()
    });
    let xlsx = dir.path().join("ket-qua-2026.xlsx");
    std::fs::write(
        &xlsx,
        kiemtra_xlsx::year_workbook(&db, 2026, as_of).unwrap(),
    )
    .unwrap();
    println!("| step | min | p50 | size |");
    println!("|---|---|---|---|");
    println!(
        "| report PDF (figures + layout + render) | {:.0} ms | {:.0} ms | {} KB |",
        pmin.as_secs_f64() * 1e3,
        pmed.as_secs_f64() * 1e3,
        psize / 1024
    );
    println!(
        "| XLSX (figures + every sheet) | {:.0} ms | {:.0} ms | {} KB |",
        xmin.as_secs_f64() * 1e3,
        xmed.as_secs_f64() * 1e3,
        xsize / 1024
    );
    let out = dir.path().join("lo");
    let lo = time(3, || {
        let status = Command::new("soffice")
            .args(["--headless", "--convert-to", "pdf", "--outdir"])
            .arg(&out)
            .arg(&xlsx)
            .env("HOME", dir.path())
            .output();
        match status {
            Ok(o) if o.status.success() => std::fs::metadata(out.join("ket-qua-2026.pdf"))
                .map(|m| m.len() as usize)
                .unwrap_or(0),
            _ => 0,
        }
    });
    if lo.2 == 0 {
        println!("| peer: LibreOffice XLSX → PDF | not installed (apt-get install libreoffice-calc-nogui) | | |");
    } else {
        println!(
            "| peer: LibreOffice converting the same XLSX to PDF | {:.0} ms | {:.0} ms | {} KB |",
            lo.0.as_secs_f64() * 1e3,
            lo.1.as_secs_f64() * 1e3,
            lo.2 / 1024
        );
    }
    let ok = pmed < Duration::from_secs(1) && xmed < Duration::from_secs(1);
    println!(
        "target: each under 1 s — {}",
        if ok { "met" } else { "NOT met" }
    );
}
