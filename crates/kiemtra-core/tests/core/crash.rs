//! A process recording answers in a loop is killed with SIGKILL at random moments; after each
//! kill the database must pass `PRAGMA integrity_check` and hold every answer the process had
//! reported as saved. The child is this same test binary, run with `--ignored --exact`.

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use kiemtra_core::inspection::{self, ItemStatus, Record};
use kiemtra_core::Db;

const ROUNDS: u64 = 50;

#[test]
#[ignore = "the child side of recording_survives_sigkill_at_random_moments"]
fn crash_child() {
    let (Some(dir), Some(id), Some(start)) = (
        std::env::var_os("KIEMTRA_CRASH_DIR"),
        std::env::var("KIEMTRA_CRASH_ID").ok(),
        std::env::var("KIEMTRA_CRASH_START").ok(),
    ) else {
        panic!("run only by recording_survives_sigkill_at_random_moments");
    };
    let id: i64 = id.parse().unwrap();
    let mut n: u64 = start.parse().unwrap();
    let mut db = Db::open(Path::new(&dir)).unwrap();
    let refs: Vec<String> = inspection::show(db.conn(), id)
        .unwrap()
        .items
        .into_iter()
        .map(|i| i.source_ref)
        .collect();
    loop {
        let r = &refs[(n as usize) % refs.len()];
        let rec = Record {
            status: Some(ItemStatus::Met),
            note: Some(format!("lần {n}")),
            ..Default::default()
        };
        inspection::record(&mut db, id, r, &rec).unwrap();
        // Reported only after the transaction committed.
        println!("saved {r} {n}");
        n += 1;
    }
}

fn pseudo_random(seed: u64) -> u64 {
    let mut x = seed ^ 0x9E37_79B9_7F4A_7C15;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    x
}

#[test]
fn recording_survives_sigkill_at_random_moments() {
    let dir = tempfile::tempdir().unwrap();
    let id = {
        let mut db = Db::open(dir.path()).unwrap();
        kiemtra_core::seed::load_all(&mut db).unwrap();
        kiemtra_core::profile::add(
            &mut db,
            "Trần Thị Bình",
            kiemtra_core::profile::Role::Lead,
            None,
        )
        .unwrap();
        let change = kiemtra_core::plan::PlanChange {
            include: vec!["07264".into()],
            ..Default::default()
        };
        kiemtra_core::plan::apply(&mut db, 2026, &change).unwrap();
        inspection::start(&mut db, 2026, "07264", None).unwrap()
    };
    let exe = std::env::current_exe().unwrap();
    let clock = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64;
    let mut reported_total = 0usize;
    for round in 0..ROUNDS {
        let mut child = Command::new(&exe)
            .args([
                "--exact",
                "crash::crash_child",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("KIEMTRA_CRASH_DIR", dir.path())
            .env("KIEMTRA_CRASH_ID", id.to_string())
            .env("KIEMTRA_CRASH_START", (round * 1_000_000).to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let reader = std::thread::spawn(move || {
            let mut saved: HashMap<String, u64> = HashMap::new();
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(rest) = line.strip_prefix("saved ") {
                    let (r, n) = rest.rsplit_once(' ').unwrap();
                    saved.insert(r.to_string(), n.parse().unwrap());
                }
            }
            saved
        });
        // Kill somewhere between 40 ms and 400 ms in: during start-up, between or inside writes.
        let wait = 40 + pseudo_random(clock.wrapping_add(round)) % 360;
        std::thread::sleep(Duration::from_millis(wait));
        child.kill().unwrap(); // SIGKILL
        let status = child.wait().unwrap();
        assert!(
            status.code().is_none(),
            "round {round}: the child must die by the signal, not exit"
        );
        let saved = reader.join().unwrap();
        reported_total += saved.len();

        let db = Db::open(dir.path()).unwrap();
        let check: String = db
            .conn()
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok", "round {round}");
        let stored = inspection::show(db.conn(), id).unwrap();
        for (r, n) in &saved {
            let item = stored.items.iter().find(|i| &i.source_ref == r).unwrap();
            let note = item.note.as_deref().unwrap_or("");
            let kept: u64 = note
                .strip_prefix("lần ")
                .and_then(|s| s.parse().ok())
                .unwrap_or(0);
            // A later write to the same item may have committed after the last report; never an earlier one.
            assert!(
                kept >= *n,
                "round {round}: {r} was reported saved as {n}, the store has «{note}»"
            );
        }
    }
    assert!(
        reported_total > ROUNDS as usize,
        "the children saved too little to test anything: {reported_total}"
    );
}
