//! Store benchmarks, reported in the README:
//!
//! 1. Recording one checklist answer (one durable transaction with its audit entry), p50/p99,
//!    beside the physical floor of the same disk: a 4 KiB write + fdatasync in the same folder.
//! 2. Loading an agency's inspection (its frozen checklist with answers, findings, scores) and
//!    its checklist, in a store holding ten years of plans and inspections, beside a bare SQLite
//!    read of the same rows.

use std::fs::OpenOptions;
use std::io::{Seek, SeekFrom, Write};
use std::time::{Duration, Instant};

use kiemtra_core::inspection::{self, FindingKind, ItemStatus, NewFinding, Record};
use kiemtra_core::plan::{self, Draw, DrawMethod, PlanChange};
use kiemtra_core::profile::{self, Role};
use kiemtra_core::{checklist, seed, Db};

/// A bare answer row: ref, text, status, value, note, judgement.
type AnswerRow = (
    String,
    String,
    Option<String>,
    Option<f64>,
    Option<String>,
    Option<String>,
);

fn percentiles(mut samples: Vec<Duration>) -> (f64, f64, f64) {
    samples.sort();
    let at =
        |q: f64| samples[((samples.len() as f64 - 1.0) * q).round() as usize].as_secs_f64() * 1e3;
    (at(0.5), at(0.99), at(1.0))
}

fn report(name: &str, samples: Vec<Duration>) -> (f64, f64) {
    let n = samples.len();
    let (p50, p99, max) = percentiles(samples);
    println!("{name:<58} n={n:<5} p50 {p50:>8.3} ms   p99 {p99:>8.3} ms   max {max:>8.3} ms");
    (p50, p99)
}

fn main() -> anyhow::Result<()> {
    let dir = tempfile::tempdir_in(
        std::env::var_os("KIEMTRA_BENCH_DIR").unwrap_or_else(|| env!("CARGO_TARGET_TMPDIR").into()),
    )?;
    println!("store in {}", dir.path().display());

    // ---- 1. Recording one answer --------------------------------------------------------
    let mut db = Db::open(dir.path())?;
    seed::load_all(&mut db)?;
    profile::add(&mut db, "Trần Thị Bình", Role::Lead, None)?;
    plan::apply(
        &mut db,
        2026,
        &PlanChange {
            include: vec!["STC".into()],
            ..Default::default()
        },
    )?;
    let id = inspection::start(&mut db, 2026, "STC", None)?;
    let refs: Vec<String> = inspection::show(db.conn(), id)?
        .items
        .into_iter()
        .map(|i| i.source_ref)
        .collect();
    let n = 2000;
    let mut record = Vec::with_capacity(n);
    for k in 0..n {
        let rec = Record {
            status: Some(ItemStatus::Met),
            note: Some(format!("ghi chú {k}")),
            ..Default::default()
        };
        let t = Instant::now();
        inspection::record(&mut db, id, &refs[k % refs.len()], &rec)?;
        record.push(t.elapsed());
    }
    let mut floor = Vec::with_capacity(n);
    let mut f = OpenOptions::new()
        .create(true)
        .write(true)
        .truncate(true)
        .open(dir.path().join("floor.bin"))?;
    let page = [0x5au8; 4096];
    f.write_all(&page)?;
    f.sync_all()?;
    for _ in 0..n {
        // The same page rewritten in place: no size or metadata change, the cheapest durable write.
        let t = Instant::now();
        f.seek(SeekFrom::Start(0))?;
        f.write_all(&page)?;
        f.sync_data()?;
        floor.push(t.elapsed());
    }
    println!();
    let (r50, r99) = report(
        "record one answer (transaction + audit, synchronous=FULL)",
        record,
    );
    let (f50, f99) = report("physical floor: 4 KiB rewrite in place + fdatasync", floor);
    println!(
        "ratio record/floor: p50 {:.2}×, p99 {:.2}×",
        r50 / f50,
        r99 / f99
    );

    // ---- 2. Ten years of history ----------------------------------------------------------
    let hist = tempfile::tempdir_in(dir.path())?;
    let mut db = Db::open(hist.path())?;
    db.conn().pragma_update(None, "synchronous", "OFF")?; // only to build the fixture quickly
    seed::load_all(&mut db)?;
    profile::add(&mut db, "Trần Thị Bình", Role::Lead, None)?;
    let mut target = None;
    for year in 2017..=2026 {
        let p = plan::apply(
            &mut db,
            year,
            &PlanChange {
                include: vec!["07264".into()],
                draw: Some(Draw {
                    method: DrawMethod::Rotation,
                    seed: year as u64,
                }),
                ..Default::default()
            },
        )?;
        for a in &p.agencies {
            let id = inspection::start(&mut db, year, &a.code, Some(&format!("{year}-05-04")))?;
            let items = inspection::show(db.conn(), id)?.items;
            for (k, it) in items.iter().enumerate() {
                let status = [
                    ItemStatus::Met,
                    ItemStatus::Partial,
                    ItemStatus::Met,
                    ItemStatus::Unmet,
                ][k % 4];
                let value = it.target.as_ref().map(|t| t.value);
                inspection::record(
                    &mut db,
                    id,
                    &it.source_ref,
                    &Record {
                        status: Some(status),
                        value,
                        note: Some("đã kiểm tra tài liệu".into()),
                        ..Default::default()
                    },
                )?;
            }
            for (k, item) in items.iter().take(6).enumerate() {
                let f = NewFinding {
                    kind: if k % 2 == 0 {
                        FindingKind::Strength
                    } else {
                        FindingKind::Shortcoming
                    },
                    text: format!("Phát hiện số {k} về công tác CCHC"),
                    source_ref: Some(item.source_ref.clone()),
                    criterion: None,
                    cause: Some("Nguyên nhân".into()),
                    recommendation: Some("Kiến nghị".into()),
                    severity: None,
                    responsible: None,
                    due: None,
                };
                inspection::add_finding(&mut db, id, &f)?;
            }
            if year == 2026 && a.code == "07264" {
                target = Some(id);
            }
        }
        plan::finalize(&mut db, year)?;
    }
    drop(db);
    let db = Db::open(hist.path())?;
    let id = target.ok_or_else(|| anyhow::anyhow!("no 2026 inspection of 07264"))?;
    let (inspections, answers): (i64, i64) = db.conn().query_row(
        "SELECT (SELECT COUNT(*) FROM inspections), (SELECT COUNT(*) FROM inspection_items)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    println!("\nhistory: 10 years, {inspections} inspections, {answers} recorded answers");
    let rounds = 300;
    let (mut load, mut list, mut bare) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..rounds {
        let t = Instant::now();
        let i = inspection::show(db.conn(), id)?;
        load.push(t.elapsed());
        assert!(!i.items.is_empty());
        let t = Instant::now();
        let c = checklist::show(db.conn(), Some("07264"), None)?;
        list.push(t.elapsed());
        assert!(!c.items.is_empty());
        let t = Instant::now();
        let mut stmt = db.conn().prepare_cached("SELECT source_ref, text, status, value, note, judgement FROM inspection_items WHERE inspection_id = ?1 ORDER BY position")?;
        let rows: Vec<AnswerRow> = stmt
            .query_map([id], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            })?
            .collect::<Result<_, _>>()?;
        bare.push(t.elapsed());
        assert_eq!(rows.len(), i.items.len());
    }
    let (l50, l99) = report(
        "load an agency's inspection (items, findings, scores)",
        load,
    );
    report("load an agency's checklist from the template", list);
    let (b50, b99) = report("peer: bare SQLite read of the same answer rows", bare);
    println!(
        "ratio load/bare: p50 {:.1}×, p99 {:.1}×",
        l50 / b50,
        l99 / b99
    );
    Ok(())
}
