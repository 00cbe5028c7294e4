//! Encryption at rest against the plain store, in the same run (reported in the README):
//!
//! 1. Recording one answer (one durable transaction with its audit entry), p50/p99, in a plain
//!    store and in an encrypted one (SQLCipher), the two interleaved so both meet the same disk.
//! 2. Evidence intake of one big file (1 GiB; `KIEMTRA_BENCH_BIG_MB`) into an encrypted store
//!    beside `sha256sum` + `cp` + `sync` of the same file, and beside the plain store's intake.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use kiemtra_core::crypt::{self, Secret};
use kiemtra_core::evidence::{self, Mapping};
use kiemtra_core::inspection::{self, ItemStatus, Record};
use kiemtra_core::plan::{self, PlanChange};
use kiemtra_core::profile::{self, Role};
use kiemtra_core::{seed, Db};

const PASS: &str = "mật khẩu đo hiệu năng";

fn percentiles(mut samples: Vec<Duration>) -> (f64, f64) {
    samples.sort();
    let at =
        |q: f64| samples[((samples.len() as f64 - 1.0) * q).round() as usize].as_secs_f64() * 1e3;
    (at(0.5), at(0.99))
}

/// A store with an inspection started at Xã Tam Tiến; encrypted if asked.
fn store(dir: &Path, encrypted: bool) -> anyhow::Result<(Db, i64)> {
    let id = {
        let mut db = Db::open(dir)?;
        seed::load_all(&mut db)?;
        profile::add(&mut db, "Trần Thị Bình", Role::Lead, None)?;
        plan::apply(
            &mut db,
            2026,
            &PlanChange {
                include: vec!["07264".into()],
                ..Default::default()
            },
        )?;
        inspection::start(&mut db, 2026, "07264", None)?
    };
    if encrypted {
        crypt::encrypt(dir, PASS)?;
    }
    let db = Db::open_with(dir, Some(&Secret::passphrase(PASS)))?;
    Ok((db, id))
}

fn run(cmd: &mut Command) -> anyhow::Result<()> {
    let st = cmd.status()?;
    anyhow::ensure!(st.success(), "{cmd:?} failed");
    Ok(())
}

fn main() -> anyhow::Result<()> {
    let base = tempfile::tempdir_in(
        std::env::var_os("KIEMTRA_BENCH_DIR").unwrap_or_else(|| env!("CARGO_TARGET_TMPDIR").into()),
    )?;
    println!("stores in {}", base.path().display());

    // ---- 1. One answer ------------------------------------------------------------------
    let (mut plain, pid) = store(&base.path().join("plain"), false)?;
    let (mut sealed, sid) = store(&base.path().join("encrypted"), true)?;
    let refs: Vec<String> = inspection::show(plain.conn(), pid)?
        .items
        .into_iter()
        .map(|i| i.source_ref)
        .collect();
    let n = 1000;
    let (mut a, mut b) = (Vec::with_capacity(n), Vec::with_capacity(n));
    for k in 0..n {
        let rec = Record {
            status: Some(ItemStatus::Met),
            note: Some(format!("ghi chú {k}")),
            ..Default::default()
        };
        let r = &refs[k % refs.len()];
        let t = Instant::now();
        inspection::record(&mut plain, pid, r, &rec)?;
        a.push(t.elapsed());
        let t = Instant::now();
        inspection::record(&mut sealed, sid, r, &rec)?;
        b.push(t.elapsed());
    }
    let (a50, a99) = percentiles(a);
    let (b50, b99) = percentiles(b);
    println!("\nrecord one answer, n={n} each (interleaved)");
    println!("  plain store      p50 {a50:>8.3} ms   p99 {a99:>8.3} ms");
    println!("  encrypted store  p50 {b50:>8.3} ms   p99 {b99:>8.3} ms");
    println!(
        "  ratio encrypted/plain: p50 {:.2}×, p99 {:.2}× (target ≤ 1.5×)",
        b50 / a50,
        b99 / a99
    );

    // ---- 2. Evidence intake of one big file ---------------------------------------------
    let mb: usize = std::env::var("KIEMTRA_BENCH_BIG_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1024);
    let big = base.path().join("ban-scan-ho-so.pdf");
    {
        use std::io::Write;
        let mut f = std::io::BufWriter::new(std::fs::File::create(&big)?);
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        let mut block = vec![0u8; 1 << 20];
        for _ in 0..mb {
            for c in block.chunks_mut(8) {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                c.copy_from_slice(&x.to_le_bytes()[..c.len()]);
            }
            f.write_all(&block)?;
        }
        f.flush()?;
    }
    let map = Mapping {
        criteria: vec!["3.1".into()],
        items: vec![],
    };
    // Three rounds, the order of the three sides rotated each round (so none always meets the
    // disk still writing back the one before); medians. Each intake gets new content (the
    // first 8 bytes changed in place), so nothing is deduplicated.
    let mut tweak = 0u64;
    let mut fresh = |path: &Path| -> anyhow::Result<()> {
        use std::io::{Seek, SeekFrom, Write};
        tweak += 1;
        let mut f = std::fs::OpenOptions::new().write(true).open(path)?;
        f.seek(SeekFrom::Start(0))?;
        f.write_all(&tweak.to_le_bytes())?;
        Ok(())
    };
    run(Command::new("sha256sum")
        .arg(&big)
        .stdout(std::process::Stdio::null()))?;
    let (mut ours, mut ours_plain, mut peer) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..3 {
        for side in 0..3 {
            fresh(&big)?;
            let t = Instant::now();
            match (round + side) % 3 {
                0 => {
                    evidence::add_file(&mut sealed, sid, &big, &map, &mut |_, _| {})?;
                    ours.push(t.elapsed().as_secs_f64());
                }
                1 => {
                    evidence::add_file(&mut plain, pid, &big, &map, &mut |_, _| {})?;
                    ours_plain.push(t.elapsed().as_secs_f64());
                }
                _ => {
                    let copy = base.path().join("copie.pdf");
                    run(Command::new("sha256sum")
                        .arg(&big)
                        .stdout(std::process::Stdio::null()))?;
                    run(Command::new("cp").arg(&big).arg(&copy))?;
                    run(&mut Command::new("sync"))?;
                    peer.push(t.elapsed().as_secs_f64());
                    std::fs::remove_file(&copy)?;
                }
            }
        }
    }
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let (ours, ours_plain, peer) = (median(ours), median(ours_plain), median(peer));
    println!("\nevidence intake of one file of {mb} MiB (median of 3, order rotated)");
    println!("  encrypted store                {ours:>8.2} s");
    println!("  plain store                    {ours_plain:>8.2} s");
    println!("  sha256sum + cp + sync          {peer:>8.2} s");
    println!(
        "  ratio encrypted/peer {:.2}× (target ≤ 2×), encrypted/plain {:.2}×",
        ours / peer,
        ours / ours_plain
    );
    Ok(())
}
