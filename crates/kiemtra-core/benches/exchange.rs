//! Export and import of one inspection — every answer of the agency with the longest checklist,
//! 30 findings and 500 MB of evidence — beside `tar` + `sha256sum` of the same files, in the same
//! run. Ours hashes every file while it streams it into the bundle, signs, fsyncs and renames;
//! importing reads the bundle once, hashing while it stages each file, verifies the signature,
//! and applies the changes in one transaction. The peer is `tar cf` + `sha256sum` (export) and
//! `tar xf` + `sha256sum` (import), each shown as is and followed by `sync` (the durability ours
//! gives). `KIEMTRA_BENCH_EVIDENCE_MB` changes the evidence size (default 500, in 5 files).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use kiemtra_core::evidence::{self, Mapping};
use kiemtra_core::exchange::transfer;
use kiemtra_core::inspection::{self, FindingKind, ItemStatus, NewFinding, Record};
use kiemtra_core::plan::{self, PlanChange};
use kiemtra_core::profile::{self, Role};
use kiemtra_core::{checklist, seed, Db};

fn run(cmd: &mut Command) -> anyhow::Result<()> {
    let st = cmd.status()?;
    anyhow::ensure!(st.success(), "{cmd:?} failed");
    Ok(())
}

fn timed(f: impl FnOnce() -> anyhow::Result<()>) -> anyhow::Result<f64> {
    let t = Instant::now();
    f()?;
    Ok(t.elapsed().as_secs_f64())
}

fn sync() -> anyhow::Result<()> {
    run(&mut Command::new("sync"))
}

fn write_file(path: &Path, mb: usize, seed: u64) -> anyhow::Result<()> {
    use std::io::Write;
    let mut f = std::io::BufWriter::new(std::fs::File::create(path)?);
    let mut x: u64 = seed | 1;
    let mut block = vec![0u8; 1 << 20];
    for _ in 0..mb {
        for b in block.chunks_mut(8) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            b.copy_from_slice(&x.to_le_bytes()[..b.len()]);
        }
        f.write_all(&block)?;
    }
    f.flush()?;
    Ok(())
}

fn store(dir: &Path, person: &str) -> anyhow::Result<Db> {
    let mut db = Db::open(dir)?;
    seed::load_all(&mut db)?;
    profile::add(&mut db, person, Role::Lead, None)?;
    Ok(db)
}

fn main() -> anyhow::Result<()> {
    let base = tempfile::tempdir_in(
        std::env::var_os("KIEMTRA_BENCH_DIR").unwrap_or_else(|| env!("CARGO_TARGET_TMPDIR").into()),
    )?;
    let total_mb: usize = std::env::var("KIEMTRA_BENCH_EVIDENCE_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(500);
    let src = base.path().join("src");
    std::fs::create_dir_all(&src)?;
    let mut files: Vec<PathBuf> = Vec::new();
    for i in 0..5 {
        let p = src.join(format!("ho-so-{i}.pdf"));
        write_file(
            &p,
            total_mb / 5,
            0x9E37_79B9_7F4A_7C15u64.wrapping_add(i << 8),
        )?;
        files.push(p);
    }

    // The sender: the agency with the longest checklist, every item answered, 30 findings.
    let mut a = store(&base.path().join("a"), "Trần Thị Bình")?;
    let agencies = kiemtra_core::agency::list(a.conn(), &Default::default())?;
    let mut best = (0usize, String::new());
    for ag in agencies.iter().filter(|g| g.active) {
        let n = checklist::show(a.conn(), Some(&ag.code), Some(2026))?
            .items
            .len();
        if n > best.0 {
            best = (n, ag.code.clone());
        }
    }
    let code = best.1;
    plan::apply(
        &mut a,
        2026,
        &PlanChange {
            include: vec![code.clone()],
            ..PlanChange::default()
        },
    )?;
    let id = inspection::start(&mut a, 2026, &code, Some("2026-05-04"))?;
    let refs: Vec<String> = inspection::show(a.conn(), id)?
        .items
        .iter()
        .map(|i| i.source_ref.clone())
        .collect();
    for r in &refs {
        let rec = Record {
            status: Some(ItemStatus::Met),
            note: Some("Đã thực hiện".into()),
            ..Record::default()
        };
        // Items with a target or deadline may disagree with "met"; a note is given, so all save.
        inspection::record(&mut a, id, r, &rec)?;
    }
    for k in 0..30 {
        inspection::add_finding(
            &mut a,
            id,
            &NewFinding {
                kind: FindingKind::Shortcoming,
                text: format!(
                    "Hạn chế số {k}: chưa công khai đầy đủ kết quả giải quyết thủ tục hành chính"
                ),
                source_ref: Some(refs[k % refs.len()].clone()),
                criterion: None,
                cause: None,
                recommendation: Some("Công khai trên cổng dịch vụ công".into()),
                severity: None,
                responsible: None,
                due: None,
            },
        )?;
    }
    let mapping = Mapping {
        criteria: vec!["3.1".into()],
        items: vec![refs[0].clone()],
    };
    evidence::add_files(&mut a, id, &files, &mapping, &mut |_, _| {})?;
    println!(
        "one inspection: {} answers, 30 findings, {} MB of evidence in 5 files",
        refs.len(),
        total_mb
    );

    // Warm the page cache equally for both sides.
    run(Command::new("sha256sum").args(&files).stdout(Stdio::null()))?;

    let bundle = base.path().join("a.kiemtra");
    let ours_export = timed(|| {
        transfer::export(&mut a, 2026, &[], &bundle)?;
        Ok(())
    })?;
    let peer_tar = base.path().join("peer.tar");
    let peer_export = timed(|| {
        run(Command::new("tar")
            .arg("cf")
            .arg(&peer_tar)
            .arg("-C")
            .arg(&src)
            .arg("."))?;
        run(Command::new("sha256sum").args(&files).stdout(Stdio::null()))
    })?;
    let peer_export_sync = peer_export + timed(sync)?;

    let mut b = store(&base.path().join("b"), "Nguyễn Văn An")?;
    let ours_import = timed(|| {
        let r = transfer::import(&mut b, &bundle, true)?;
        anyhow::ensure!(r.merge.refused == 0, "refused: {:?}", r.merge.refusals);
        Ok(())
    })?;
    let dest = base.path().join("peer-x");
    std::fs::create_dir_all(&dest)?;
    let peer_import = timed(|| {
        run(Command::new("tar")
            .arg("xf")
            .arg(&peer_tar)
            .arg("-C")
            .arg(&dest))?;
        let extracted: Vec<PathBuf> = (0..5)
            .map(|i| dest.join(format!("ho-so-{i}.pdf")))
            .collect();
        run(Command::new("sha256sum")
            .args(&extracted)
            .stdout(Stdio::null()))
    })?;
    let peer_import_sync = peer_import + timed(sync)?;

    let size = std::fs::metadata(&bundle)?.len();
    println!("bundle: {:.1} MB", size as f64 / 1e6);
    println!("| step | ours (s) | tar + sha256sum (s) | + sync (s) | ours ÷ peer with sync |");
    println!("|---|---|---|---|---|");
    println!(
        "| export | {ours_export:.2} | {peer_export:.2} | {peer_export_sync:.2} | {:.2}× |",
        ours_export / peer_export_sync
    );
    println!(
        "| import | {ours_import:.2} | {peer_import:.2} | {peer_import_sync:.2} | {:.2}× |",
        ours_import / peer_import_sync
    );
    Ok(())
}
