//! Evidence ingest beside `sha256sum` + `cp` of the same files, in the same run:
//! one 1 GB file, then 1,000 small files (4–64 KiB). Ours reads each file once, hashes, copies,
//! fsyncs the copy and the folder and commits the records; the peer is two plain commands,
//! reported once as they are and once followed by `sync` (the durability ours gives).
//! `KIEMTRA_BENCH_BIG_MB` changes the size of the big file.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use kiemtra_core::evidence::{self, Mapping};
use kiemtra_core::plan::{self, PlanChange};
use kiemtra_core::profile::{self, Role};
use kiemtra_core::{inspection, seed, Db};

fn run(cmd: &mut Command) -> anyhow::Result<()> {
    let st = cmd.status()?;
    anyhow::ensure!(st.success(), "{cmd:?} failed");
    Ok(())
}

fn peer(files: &[PathBuf], dest: &Path, sync: bool) -> anyhow::Result<f64> {
    std::fs::create_dir_all(dest)?;
    let t = Instant::now();
    for chunk in files.chunks(500) {
        run(Command::new("sha256sum")
            .args(chunk)
            .stdout(std::process::Stdio::null()))?;
        run(Command::new("cp").args(chunk).arg(dest))?;
    }
    if sync {
        run(&mut Command::new("sync"))?;
    }
    Ok(t.elapsed().as_secs_f64())
}

fn main() -> anyhow::Result<()> {
    let base = tempfile::tempdir_in(
        std::env::var_os("KIEMTRA_BENCH_DIR").unwrap_or_else(|| env!("CARGO_TARGET_TMPDIR").into()),
    )?;
    let src = base.path().join("src");
    std::fs::create_dir_all(&src)?;
    let big_mb: usize = std::env::var("KIEMTRA_BENCH_BIG_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);

    // The files: one big, 1,000 small, all of varied content.
    let big = src.join("ban-scan-ho-so.pdf");
    {
        use std::io::Write;
        let mut f = std::io::BufWriter::new(std::fs::File::create(&big)?);
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        let mut block = vec![0u8; 1 << 20];
        for _ in 0..big_mb {
            for b in block.chunks_mut(8) {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                b.copy_from_slice(&x.to_le_bytes()[..b.len()]);
            }
            f.write_all(&block)?;
        }
        f.flush()?;
    }
    let mut small = Vec::new();
    for i in 0..1000 {
        let p = src.join(format!("anh-niem-yet-{i:04}.jpg"));
        let len = 4096 + (i * 7919) % (60 * 1024);
        std::fs::write(
            &p,
            (0..len)
                .map(|k| ((k * 31 + i * 17) % 251) as u8)
                .collect::<Vec<_>>(),
        )?;
        small.push(p);
    }
    // Warm the page cache equally for both sides.
    peer(std::slice::from_ref(&big), &base.path().join("warm"), false)?;
    std::fs::remove_dir_all(base.path().join("warm"))?;

    let mut db = Db::open(&base.path().join("data"))?;
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
    let map = Mapping {
        criteria: vec!["3.1".into()],
        items: vec![],
    };

    println!("files: one of {big_mb} MiB, 1,000 of 4–64 KiB");
    let t = Instant::now();
    evidence::add_file(&mut db, id, &big, &map, &mut |_, _| {})?;
    let ours_big = t.elapsed().as_secs_f64();
    let peer_big = peer(
        std::slice::from_ref(&big),
        &base.path().join("peer-big"),
        false,
    )?;
    let peer_big_sync = peer(
        std::slice::from_ref(&big),
        &base.path().join("peer-big-sync"),
        true,
    )?;

    let t = Instant::now();
    evidence::add_files(&mut db, id, &small, &map, &mut |_, _| {})?;
    let ours_small = t.elapsed().as_secs_f64();
    let peer_small = peer(&small, &base.path().join("peer-small"), false)?;
    let peer_small_sync = peer(&small, &base.path().join("peer-small-sync"), true)?;

    println!(
        "{:<34} {:>10} {:>18} {:>22}",
        "", "kiemtra", "sha256sum + cp", "sha256sum + cp + sync"
    );
    println!(
        "{:<34} {:>9.2}s {:>17.2}s {:>21.2}s",
        format!("1 file of {big_mb} MiB"),
        ours_big,
        peer_big,
        peer_big_sync
    );
    println!(
        "{:<34} {:>9.2}s {:>17.2}s {:>21.2}s",
        "1,000 small files", ours_small, peer_small, peer_small_sync
    );
    println!(
        "ratio kiemtra/peer: big {:.2}× ({:.2}× with sync), small {:.2}× ({:.2}× with sync)",
        ours_big / peer_big,
        ours_big / peer_big_sync,
        ours_small / peer_small,
        ours_small / peer_small_sync
    );
    Ok(())
}
