//! Backup and restore of a store with 1 GB of evidence (`BACKUP_BENCH_MB` to change it), beside
//! `tar` of the same data folder in the same run: `tar cf` for the backup, `tar xf` for the
//! restore. Our backup also copies the store through SQLite's backup API and hashes every byte
//! (once while writing, the footer); our restore reads the file twice (footer, then unpack with
//! a hash per member) and checks the store and every evidence file again. Three runs each, the
//! median reported.

use std::io::Write;
use std::process::Command;
use std::time::{Duration, Instant};

use kiemtra_core::evidence::{self, Mapping};
use kiemtra_core::plan::{self, PlanChange};
use kiemtra_core::profile::{self, Role};
use kiemtra_core::{backup, inspection, seed, Db};

fn median(mut v: Vec<Duration>) -> f64 {
    v.sort();
    v[v.len() / 2].as_secs_f64()
}

fn main() -> anyhow::Result<()> {
    let mb: u64 = std::env::var("BACKUP_BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1024);
    let root = tempfile::tempdir_in(
        std::env::var_os("KIEMTRA_BENCH_DIR").unwrap_or_else(|| env!("CARGO_TARGET_TMPDIR").into()),
    )?;
    let data = root.path().join("data");
    let mut db = Db::open(&data)?;
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
    let id = inspection::start(&mut db, 2026, "07264", None)?;
    // 1 GB as 32 files of varied bytes (so nothing compresses or dedups), each its own evidence.
    let files = 32u64;
    let per = mb * (1 << 20) / files;
    let src = root.path().join("src");
    std::fs::create_dir(&src)?;
    let mapping = Mapping {
        criteria: vec!["3.1".into()],
        items: vec![],
    };
    let mut x = 0x9e37_79b9_7f4a_7c15u64;
    for i in 0..files {
        let p = src.join(format!("Biên bản {i}.pdf"));
        let mut f = std::io::BufWriter::new(std::fs::File::create(&p)?);
        let mut left = per;
        let mut buf = vec![0u8; 1 << 20];
        while left > 0 {
            for w in buf.chunks_mut(8) {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                w.copy_from_slice(&x.to_le_bytes()[..w.len()]);
            }
            let n = left.min(buf.len() as u64) as usize;
            f.write_all(&buf[..n])?;
            left -= n as u64;
        }
        f.flush()?;
        drop(f);
        evidence::add_file(&mut db, id, &p, &mapping, &mut |_, _| {})?;
        std::fs::remove_file(&p)?;
    }
    println!(
        "store with {mb} MB of evidence in {} files: {}",
        files,
        data.display()
    );

    let (mut ours_b, mut tar_b, mut ours_r, mut tar_r) = (vec![], vec![], vec![], vec![]);
    for run in 0..3 {
        let out = root.path().join(format!("b{run}.kbak"));
        let t = Instant::now();
        let s = backup::backup(&mut db, &out)?;
        ours_b.push(t.elapsed());
        let tarball = root.path().join(format!("t{run}.tar"));
        let t = Instant::now();
        let ok = Command::new("tar")
            .arg("cf")
            .arg(&tarball)
            .arg("-C")
            .arg(root.path())
            .arg("data")
            .status()?
            .success();
        // As durable as ours (which syncs before its rename).
        let synced = Command::new("sync").arg(&tarball).status()?.success();
        tar_b.push(t.elapsed());
        anyhow::ensure!(ok && synced, "tar cf failed");

        let target = root.path().join(format!("r{run}"));
        let t = Instant::now();
        backup::restore(&out, &target)?;
        ours_r.push(t.elapsed());
        let untar = root.path().join(format!("u{run}"));
        std::fs::create_dir(&untar)?;
        let t = Instant::now();
        let ok = Command::new("tar")
            .arg("xf")
            .arg(&tarball)
            .arg("-C")
            .arg(&untar)
            .status()?
            .success();
        let synced = Command::new("sync")
            .arg("-f")
            .arg(&untar)
            .status()?
            .success();
        tar_r.push(t.elapsed());
        anyhow::ensure!(ok && synced, "tar xf failed");
        println!(
            "run {run}: backup {:.2} s ({} MB) vs tar cf {:.2} s; restore {:.2} s vs tar xf {:.2} s",
            ours_b[run].as_secs_f64(),
            s.bytes >> 20,
            tar_b[run].as_secs_f64(),
            ours_r[run].as_secs_f64(),
            tar_r[run].as_secs_f64()
        );
        for p in [&out, &tarball] {
            std::fs::remove_file(p)?;
        }
        for d in [&target, &untar] {
            let _ = Command::new("chmod").args(["-R", "u+w"]).arg(d).status();
            std::fs::remove_dir_all(d)?;
        }
    }
    let (b, tb, r, tr) = (median(ours_b), median(tar_b), median(ours_r), median(tar_r));
    println!(
        "median backup  {b:.2} s   tar cf {tb:.2} s   ratio {:.2}x",
        b / tb
    );
    println!(
        "median restore {r:.2} s   tar xf {tr:.2} s   ratio {:.2}x",
        r / tr
    );
    Ok(())
}
