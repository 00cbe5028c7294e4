//! Three laptops edit the same inspection and exchange their changes in random orders, with
//! duplicates and replays: afterwards all three hold the same answers, findings, evidence and
//! conflicts. The changes travel as the bundle carries them (the change log of the year,
//! serialised and read back); the bundle file itself is tested in `exchange_bundle`.

use std::collections::BTreeSet;
use std::sync::Arc;

use chrono::{Local, TimeZone};
use kiemtra_core::evidence::{self, Mapping};
use kiemtra_core::exchange::log::{self, Author, ChangeRecord};
use kiemtra_core::exchange::merge;
use kiemtra_core::inspection::{self, FindingKind, ItemStatus, NewFinding, Record};
use kiemtra_core::plan::{self, PlanChange};
use kiemtra_core::profile::{self, Role};
use kiemtra_core::{seed, Db};
use proptest::prelude::*;

const AGENCY: &str = "07264";

/// A seeded store with one profile; its clock is fixed, minutes apart per person, so that what
/// each laptop stamps (when a profile was added, an inspection started) differs.
fn store(dir: &std::path::Path, person: &str, role: Role) -> Db {
    let minute = person.chars().map(u32::from).sum::<u32>() % 60;
    let clock = Arc::new(move || {
        Local
            .with_ymd_and_hms(2026, 5, 4, 8, minute, 0)
            .single()
            .expect("time")
    });
    let mut db = Db::open(dir).expect("open").with_clock(clock);
    seed::load_all(&mut db).expect("seeds");
    // A framework with max points, so that scores can be given (imported by a lead, as the
    // office would before handing the laptop over).
    profile::add(&mut db, "Quản trị", Role::Lead, None).expect("admin");
    let csv = "code,name,parent_code,max_points\n3,Cải cách TTHC,,10\n3.1,Công khai TTHC,3,4\n3.2,Giải quyết TTHC,3,6\n";
    kiemtra_core::framework::import(
        &mut db,
        csv.as_bytes(),
        false,
        "tinh-2026",
        None,
        Some(2026),
    )
    .expect("framework");
    profile::add(&mut db, person, role, None).expect("profile");
    profile::use_profile(&mut db, person).expect("use");
    db
}

/// What a bundle from `from` carries: every change of 2026 (after logging its current state).
fn changes_of(db: &mut Db) -> Vec<ChangeRecord> {
    let now = db.now().timestamp_millis();
    db.write(|tx| {
        let author = Author::current(tx, now)?;
        merge::note_scope(tx, &author, 2026, &[])?;
        log::in_scope(tx, 2026, &[])
    })
    .expect("export")
}

/// Sends `from`'s changes to `to`, as serialised in a bundle.
fn send(from: &mut Db, to: &mut Db) {
    let json = serde_json::to_vec(&changes_of(from)).expect("serialise");
    let received: Vec<ChangeRecord> = serde_json::from_slice(&json).expect("read back");
    let now = to.now().timestamp_millis();
    to.write(|tx| {
        let author = Author::current(tx, now)?;
        merge::note_scope(tx, &author, 2026, &[])?;
        merge::apply_changes(tx, received, &|_| true)
    })
    .expect("import");
}

#[derive(Debug, Clone)]
enum Op {
    Record {
        at: usize,
        item: usize,
        status: usize,
        note: bool,
    },
    AddFinding {
        at: usize,
        text: usize,
    },
    RemoveFinding {
        at: usize,
    },
    AddEvidence {
        at: usize,
        file: usize,
        item: usize,
    },
    Score {
        at: usize,
        criterion: usize,
        value: u8,
    },
    Send {
        from: usize,
        to: usize,
    },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0..3usize, 0..4usize, 0..3usize, any::<bool>())
            .prop_map(|(at, item, status, note)| Op::Record { at, item, status, note }),
        2 => (0..3usize, 0..3usize).prop_map(|(at, text)| Op::AddFinding { at, text }),
        1 => (0..3usize).prop_map(|at| Op::RemoveFinding { at }),
        2 => (0..3usize, 0..3usize, 0..4usize).prop_map(|(at, file, item)| Op::AddEvidence { at, file, item }),
        2 => (0..3usize, 0..2usize, 0..5u8).prop_map(|(at, criterion, value)| Op::Score { at, criterion, value }),
        4 => (0..3usize, 0..3usize).prop_map(|(from, to)| Op::Send { from, to }),
    ]
}

/// Everything compared, as data (row ids aside).
#[derive(Debug, PartialEq)]
struct State {
    answers: Vec<(String, Option<String>, Option<String>)>,
    findings: BTreeSet<(String, String, Option<String>)>,
    scores: BTreeSet<(String, Option<String>)>,
    evidence: BTreeSet<(String, String, Vec<String>, Vec<String>)>,
    conflicts: BTreeSet<(String, String)>,
}

fn state(db: &Db) -> State {
    let id = inspection::find(db.conn(), 2026, AGENCY)
        .expect("find")
        .expect("inspection");
    let i = inspection::show(db.conn(), id).expect("show");
    let json = serde_json::to_value(&i).expect("json");
    let answers = json["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|it| {
            (
                it["source_ref"].as_str().unwrap_or_default().to_string(),
                it["status"].as_str().map(str::to_string),
                it["note"].as_str().map(str::to_string),
            )
        })
        .collect();
    let findings = json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["kind"].as_str().unwrap_or_default().to_string(),
                f["text"].as_str().unwrap_or_default().to_string(),
                f["source_ref"].as_str().map(str::to_string),
            )
        })
        .collect();
    let scores = json["scores"]
        .as_array()
        .map(|s| {
            s.iter()
                .map(|x| (x["criterion"].to_string(), Some(x.to_string())))
                .collect()
        })
        .unwrap_or_default();
    let evidence = evidence::list(db.conn(), id)
        .expect("evidence")
        .into_iter()
        .map(|e| {
            let v = serde_json::to_value(&e).expect("json");
            let list = |k: &str| -> Vec<String> {
                let mut l: Vec<String> = v[k]
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .map(|x| x.as_str().unwrap_or_default().to_string())
                            .collect()
                    })
                    .unwrap_or_default();
                l.sort();
                l
            };
            (
                e.sha256.clone(),
                e.name.clone(),
                list("criteria"),
                list("items"),
            )
        })
        .collect();
    // A conflict as data: the unit and every value its heads hold (which side is "ours"
    // depends on the laptop, so it is not compared).
    let conflicts = merge::conflicts(db.conn(), Some(2026))
        .expect("conflicts")
        .into_iter()
        .map(|c| {
            let values: BTreeSet<String> = log::heads(db.conn(), &c.id)
                .expect("heads")
                .iter()
                .map(|h| serde_json::to_string(&h.value).expect("json"))
                .collect();
            (c.id, values.into_iter().collect::<Vec<_>>().join(" | "))
        })
        .collect();
    State {
        answers,
        findings,
        scores,
        evidence,
        conflicts,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, .. ProptestConfig::default() })]

    #[test]
    fn three_laptops_converge_whatever_the_order_of_their_exchanges(ops in prop::collection::vec(op(), 1..30)) {
        let dirs: Vec<tempfile::TempDir> = (0..3).map(|_| tempfile::tempdir().expect("dir")).collect();
        let files = tempfile::tempdir().expect("files");
        let mut lead = store(dirs[0].path(), "Trần Thị Bình", Role::Lead);
        profile::add(&mut lead, "Nguyễn Văn An", Role::Inspector, None).expect("an");
        profile::add(&mut lead, "Lê Văn Cường", Role::Inspector, None).expect("cuong");
        plan::apply(&mut lead, 2026, &PlanChange { include: vec![AGENCY.into()], ..PlanChange::default() }).expect("plan");
        let lead_id = inspection::start(&mut lead, 2026, AGENCY, Some("2026-05-04")).expect("start");
        let refs: Vec<String> = inspection::show(lead.conn(), lead_id).expect("show").items.iter().take(4).map(|i| i.source_ref.clone()).collect();
        let mut dbs = [
            lead,
            store(dirs[1].path(), "Nguyễn Văn An", Role::Inspector),
            store(dirs[2].path(), "Lê Văn Cường", Role::Inspector),
        ];
        for to in 1..3 {
            let (a, b) = dbs.split_at_mut(to);
            send(&mut a[0], &mut b[0]);
        }
        let contents = [b"%PDF-1.4 mot".as_slice(), b"%PDF-1.4 hai", b"%PDF-1.4 ba"];
        for op in &ops {
            match *op {
                Op::Record { at, item, status, note } => {
                    let db = &mut dbs[at];
                    let id = inspection::find(db.conn(), 2026, AGENCY).expect("find").expect("there");
                    let status = [ItemStatus::Met, ItemStatus::Partial, ItemStatus::Unmet][status];
                    let note = note.then(|| format!("ghi chú của máy {at}"));
                    let _ = inspection::record(db, id, &refs[item], &Record { status: Some(status), note, ..Record::default() });
                }
                Op::AddFinding { at, text } => {
                    let db = &mut dbs[at];
                    let id = inspection::find(db.conn(), 2026, AGENCY).expect("find").expect("there");
                    let f = NewFinding {
                        kind: FindingKind::Shortcoming,
                        text: format!("Hạn chế {text} của máy {at}"),
                        source_ref: Some(refs[text].clone()),
                        criterion: None, cause: None, recommendation: None, severity: None, responsible: None, due: None,
                    };
                    inspection::add_finding(db, id, &f).expect("finding");
                }
                Op::RemoveFinding { at } => {
                    let db = &mut dbs[at];
                    let id = inspection::find(db.conn(), 2026, AGENCY).expect("find").expect("there");
                    if let Some(f) = inspection::show(db.conn(), id).expect("show").findings.first() {
                        inspection::remove_finding(db, id, f.id).expect("remove");
                    }
                }
                Op::AddEvidence { at, file, item } => {
                    let db = &mut dbs[at];
                    let id = inspection::find(db.conn(), 2026, AGENCY).expect("find").expect("there");
                    let path = files.path().join(format!("tai-lieu-{file}.pdf"));
                    std::fs::write(&path, contents[file]).expect("write");
                    let mapping = Mapping { criteria: vec!["3.1".into()], items: vec![refs[item].clone()] };
                    match evidence::add_file(db, id, &path, &mapping, &mut |_, _| {}) {
                        Ok(_) => {}
                        // The same file twice on one laptop is refused; anything else is a bug.
                        Err(e) => prop_assert_eq!(e.code().as_str(), "evidence_refused", "{}", e),
                    }
                }
                Op::Score { at, criterion, value } => {
                    let db = &mut dbs[at];
                    let id = inspection::find(db.conn(), 2026, AGENCY).expect("find").expect("there");
                    let c = ["3.1", "3.2"][criterion];
                    inspection::set_score(db, id, c, Some(f64::from(value)), None, None).expect("score");
                }
                Op::Send { from, to } if from != to => {
                    let (lo, hi) = (from.min(to), from.max(to));
                    let (a, b) = dbs.split_at_mut(hi);
                    if from < to { send(&mut a[lo], &mut b[0]) } else { send(&mut b[0], &mut a[lo]) }
                }
                Op::Send { .. } => {}
            }
        }
        // Everyone hears from everyone, twice (the second round is a replay).
        for _ in 0..2 {
            for from in 0..3 {
                for to in 0..3 {
                    if from != to {
                        let (lo, hi) = (from.min(to), from.max(to));
                        let (a, b) = dbs.split_at_mut(hi);
                        if from < to { send(&mut a[lo], &mut b[0]) } else { send(&mut b[0], &mut a[lo]) }
                    }
                }
            }
        }
        // Only what people edit can disagree: never a profile, a plan, an inspection's creation.
        for db in &dbs {
            for c in merge::conflicts(db.conn(), None).expect("conflicts") {
                prop_assert!(["answer", "finding", "score"].contains(&c.kind.as_str()), "{:?}", c);
            }
        }
        let s0 = state(&dbs[0]);
        // What was made is there (the comparison below is not of empty sets).
        if ops.iter().any(|o| matches!(o, Op::Score { .. })) {
            prop_assert!(!s0.scores.is_empty(), "scores were given");
        }
        if ops.iter().any(|o| matches!(o, Op::AddEvidence { .. })) {
            prop_assert!(!s0.evidence.is_empty(), "evidence was added");
        }
        prop_assert_eq!(&s0, &state(&dbs[1]));
        prop_assert_eq!(&s0, &state(&dbs[2]));
    }
}

#[test]
fn each_write_appends_one_change_made_on_top_of_the_last_with_its_device_and_profile() {
    let dir = tempfile::tempdir().expect("dir");
    let mut db = store(dir.path(), "Trần Thị Bình", Role::Lead);
    plan::apply(
        &mut db,
        2026,
        &PlanChange {
            include: vec![AGENCY.into()],
            ..PlanChange::default()
        },
    )
    .expect("plan");
    let id = inspection::start(&mut db, 2026, AGENCY, Some("2026-05-04")).expect("start");
    let item = inspection::show(db.conn(), id).expect("show").items[0]
        .source_ref
        .clone();
    let answers = |db: &Db| -> Vec<(String, String, Option<String>, String)> {
        let mut stmt = db
            .conn()
            .prepare("SELECT uid, device, profile_name, bases FROM changes WHERE kind = 'answer' ORDER BY seq")
            .expect("prepare");
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .expect("query")
            .map(|r| r.expect("row"))
            .collect();
        rows
    };
    let met = Record {
        status: Some(ItemStatus::Met),
        ..Record::default()
    };
    inspection::record(&mut db, id, &item, &met).expect("record");
    let one = answers(&db);
    assert_eq!(one.len(), 1, "the answer is logged in the same write");
    let device = kiemtra_core::exchange::device::show(db.conn()).expect("device");
    assert_eq!(one[0].1, device.device_id);
    assert_eq!(one[0].2.as_deref(), Some("Trần Thị Bình"));
    assert_eq!(one[0].3, "[]");
    inspection::record(&mut db, id, &item, &met).expect("same again");
    assert_eq!(answers(&db).len(), 1, "saving the same answer logs nothing");
    let partial = Record {
        status: Some(ItemStatus::Partial),
        note: Some("Một phần".into()),
        ..Record::default()
    };
    inspection::record(&mut db, id, &item, &partial).expect("record");
    let two = answers(&db);
    assert_eq!(two.len(), 2);
    assert_eq!(
        two[1].3,
        format!("[\"{}\"]", two[0].0),
        "made on top of the first"
    );
    let kinds: BTreeSet<String> = {
        let mut stmt = db
            .conn()
            .prepare("SELECT DISTINCT kind FROM changes")
            .expect("prepare");
        let rows = stmt
            .query_map([], |r| r.get(0))
            .expect("query")
            .map(|r| r.expect("row"))
            .collect();
        rows
    };
    for k in [
        "profile",
        "plan",
        "plan_entry",
        "inspection",
        "checklist",
        "answer",
    ] {
        assert!(kinds.contains(k), "{k} logged: {kinds:?}");
    }
}

/// The app's way to import a large bundle: read, verify and stage it without the store (one
/// `Mutex<Db>`, as in the shell), then take the store only to apply. Answers recorded meanwhile
/// on another thread are saved at once. `--nocapture` prints the latencies (README figure).
#[test]
fn answers_recorded_while_a_500_mb_bundle_imports_are_saved_at_once() {
    use std::sync::mpsc;
    use std::sync::Mutex;
    use std::time::{Duration, Instant};

    let dirs: Vec<tempfile::TempDir> = (0..4).map(|_| tempfile::tempdir().expect("dir")).collect();
    // The sender attaches a 500 MB file (sparse: made in an instant) and exports.
    let mut sender = store(dirs[0].path(), "Trần Thị Bình", Role::Lead);
    plan::apply(
        &mut sender,
        2026,
        &PlanChange {
            include: vec![AGENCY.into(), "07246".into()],
            ..PlanChange::default()
        },
    )
    .expect("plan");
    let sid = inspection::start(&mut sender, 2026, AGENCY, Some("2026-05-04")).expect("start");
    let big = dirs[2].path().join("ghi-hinh.bin");
    std::fs::File::create(&big)
        .expect("create")
        .set_len(500_000_000)
        .expect("size");
    let mapping = Mapping {
        criteria: vec!["3.1".into()],
        items: vec![],
    };
    evidence::add_file(&mut sender, sid, &big, &mapping, &mut |_, _| {}).expect("evidence");
    let bundle = dirs[2].path().join("lon.kiemtra");
    kiemtra_core::exchange::transfer::export(&mut sender, 2026, &[], &bundle).expect("export");
    std::fs::remove_file(&big).expect("remove");

    // The receiver has the plan and its own inspection of another agency to record into.
    let mut receiver = store(dirs[1].path(), "Nguyễn Văn An", Role::Inspector);
    let plan_only = dirs[2].path().join("plan.kiemtra");
    let mut lead2 = store(
        tempfile::tempdir().expect("dir").keep().as_path(),
        "Trần Thị Bình",
        Role::Lead,
    );
    plan::apply(
        &mut lead2,
        2026,
        &PlanChange {
            include: vec![AGENCY.into(), "07246".into()],
            ..PlanChange::default()
        },
    )
    .expect("plan");
    kiemtra_core::exchange::transfer::export(&mut lead2, 2026, &[], &plan_only)
        .expect("export plan");
    kiemtra_core::exchange::transfer::import(&mut receiver, &plan_only, true).expect("import plan");
    let rid = inspection::start(&mut receiver, 2026, "07246", Some("2026-05-05")).expect("start");
    let item = inspection::show(receiver.conn(), rid).expect("show").items[0]
        .source_ref
        .clone();
    let data_dir = receiver.data_dir().clone();
    let db = std::sync::Arc::new(Mutex::new(receiver));
    let (started_tx, started) = mpsc::channel::<()>();
    let importer = {
        let db = std::sync::Arc::clone(&db);
        std::thread::spawn(move || {
            let mut told = false;
            let read = kiemtra_core::exchange::transfer::read_bundle(
                &data_dir,
                &bundle,
                &mut |done, _| {
                    if !told && done > 0 {
                        told = true;
                        let _ = started_tx.send(());
                    }
                },
            )
            .expect("read");
            let read_at = Instant::now();
            let report = kiemtra_core::exchange::transfer::apply_bundle(
                &mut db.lock().expect("lock"),
                &read,
                true,
                false,
            )
            .expect("apply");
            (read_at, Instant::now(), report)
        })
    };
    started.recv().expect("started");
    let mut latencies = Vec::new();
    let mut last_saved_at = Instant::now();
    for n in 0..5 {
        let t = Instant::now();
        let rec = Record {
            status: Some(ItemStatus::Met),
            note: Some(format!("lần {n}")),
            ..Record::default()
        };
        let saved =
            inspection::record(&mut db.lock().expect("lock"), rid, &item, &rec).expect("record");
        last_saved_at = Instant::now();
        latencies.push(t.elapsed());
        assert_eq!(saved.note.as_deref(), Some(format!("lần {n}").as_str()));
        std::thread::sleep(Duration::from_millis(20));
    }
    let (read_at, applied_at, report) = importer.join().expect("join");
    let ms: Vec<String> = latencies
        .iter()
        .map(|d| format!("{:.1}", d.as_secs_f64() * 1000.0))
        .collect();
    eprintln!(
        "record latency during a 500 MB bundle import (ms): {}; reading ended {:.0} ms after the last answer; applying took {:.0} ms",
        ms.join(", "),
        read_at.duration_since(last_saved_at).as_secs_f64() * 1000.0,
        applied_at.duration_since(read_at).as_secs_f64() * 1000.0,
    );
    assert!(
        last_saved_at < read_at,
        "every answer was saved while the bundle was still being read"
    );
    assert_eq!(report.merge.refused, 0, "{:?}", report.merge.refusals);
    let db = db.lock().expect("lock");
    let got = inspection::find(db.conn(), 2026, AGENCY)
        .expect("find")
        .expect("imported");
    let ev = evidence::list(db.conn(), got).expect("evidence");
    assert_eq!(ev.len(), 1);
    assert_eq!(ev[0].size, 500_000_000);
    let mine = inspection::show(db.conn(), rid).expect("show");
    let it = mine
        .items
        .iter()
        .find(|i| i.source_ref == item)
        .expect("item");
    assert_eq!(it.note.as_deref(), Some("lần 4"));
}

/// An inspector sets up their laptop with only their name; the lead adds the same person with
/// their title and unit. Whichever laptop's change is later, both end up with one profile that
/// has the title and the unit, and no conflict; two different units are a conflict.
#[test]
fn a_person_added_on_two_laptops_is_one_profile_with_what_either_set() {
    let (a, b) = (
        tempfile::tempdir().expect("dir"),
        tempfile::tempdir().expect("dir"),
    );
    let mut lead = store(a.path(), "Trần Thị Bình", Role::Lead);
    profile::add_person(
        &mut lead,
        "Nguyễn Văn An",
        Role::Inspector,
        Some("Chuyên viên"),
        Some("Sở Tư pháp"),
    )
    .expect("lead adds An");
    let mut an = store(b.path(), "Nguyễn Văn An", Role::Inspector);
    let of_an = |db: &Db| {
        profile::find(db.conn(), "Nguyễn Văn An")
            .expect("find")
            .expect("An")
    };
    send(&mut lead, &mut an);
    send(&mut an, &mut lead);
    for db in [&lead, &an] {
        let p = of_an(db);
        assert_eq!(p.title.as_deref(), Some("Chuyên viên"));
        assert_eq!(p.unit.as_deref(), Some("Sở Tư pháp"));
        let profiles: Vec<_> = merge::conflicts(db.conn(), None)
            .expect("conflicts")
            .into_iter()
            .filter(|c| c.kind == "profile")
            .collect();
        assert!(profiles.is_empty(), "no conflict: {profiles:?}");
    }
    // Now each laptop sets a different unit without seeing the other's: a real conflict.
    profile::set_details(&mut lead, "Nguyễn Văn An", None, Some("Sở Nội vụ")).expect("lead");
    profile::set_details(&mut an, "Nguyễn Văn An", None, Some("Văn phòng UBND tỉnh")).expect("An");
    send(&mut lead, &mut an);
    send(&mut an, &mut lead);
    for db in [&lead, &an] {
        let n = merge::conflicts(db.conn(), None)
            .expect("conflicts")
            .into_iter()
            .filter(|c| c.kind == "profile")
            .count();
        assert_eq!(n, 1, "two units set apart are one conflict");
    }
    assert_eq!(
        of_an(&lead).unit,
        of_an(&an).unit,
        "the same winner shown on both"
    );
}
