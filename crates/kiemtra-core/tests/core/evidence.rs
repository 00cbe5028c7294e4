use std::path::Path;

use kiemtra_core::evidence::{self, Mapping, Presence, Problem};
use kiemtra_core::inspection::{self, ItemStatus, Record};
use kiemtra_core::plan::{self, PlanChange};
use kiemtra_core::profile::{self, Role};
use kiemtra_core::{audit, Db};
use sha2::{Digest, Sha256};

/// A file store with a 2026 plan, Xã Tam Tiến's inspection started by an inspector.
fn store() -> (tempfile::TempDir, Db, i64) {
    let dir = tempfile::tempdir().unwrap();
    let mut db = Db::open(&dir.path().join("data")).unwrap();
    kiemtra_core::seed::load_all(&mut db).unwrap();
    profile::add(&mut db, "Trần Thị Bình", Role::Lead, None).unwrap();
    plan::apply(
        &mut db,
        2026,
        &PlanChange {
            include: vec!["07264".into()],
            ..Default::default()
        },
    )
    .unwrap();
    profile::add(&mut db, "Nguyễn Văn An", Role::Inspector, None).unwrap();
    profile::use_profile(&mut db, "Nguyễn Văn An").unwrap();
    let id = inspection::start(&mut db, 2026, "07264", None).unwrap();
    (dir, db, id)
}

fn file(dir: &Path, name: &str, content: &[u8]) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, content).unwrap();
    p
}

fn to(criteria: &[&str], items: &[&str]) -> Mapping {
    Mapping {
        criteria: criteria.iter().map(|s| s.to_string()).collect(),
        items: items.iter().map(|s| s.to_string()).collect(),
    }
}

fn none(_: u64, _: u64) {}

fn sha(content: &[u8]) -> String {
    Sha256::digest(content)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn a_file_is_hashed_stored_by_content_and_the_same_content_is_stored_once() {
    let (dir, mut db, id) = store();
    let content = b"%PDF-1.4 Bao cao tu kiem tra CCHC nam 2026".repeat(1000);
    let a = file(dir.path(), "Báo cáo.pdf", &content);
    let e = evidence::add_file(&mut db, id, &a, &to(&["3.1"], &["II.2.1.1"]), &mut none).unwrap();
    assert_eq!(e.sha256, sha(&content));
    assert_eq!(e.size, content.len() as u64);
    assert_eq!(e.media_type, "application/pdf");
    assert_eq!(e.captured_by, "Nguyễn Văn An");
    let blob = evidence::blob_path(db.data_dir(), &e.sha256);
    assert_eq!(std::fs::read(&blob).unwrap(), content);

    // The same content under another name, in another inspection: one stored copy.
    profile::use_profile(&mut db, "Trần Thị Bình").unwrap();
    plan::apply(
        &mut db,
        2026,
        &PlanChange {
            include: vec!["STC".into()],
            ..Default::default()
        },
    )
    .unwrap();
    let other = inspection::start(&mut db, 2026, "STC", None).unwrap();
    let b = file(dir.path(), "copy.pdf", &content);
    evidence::add_file(&mut db, other, &b, &to(&["6.1"], &[]), &mut none).unwrap();
    let stored: Vec<_> = walk(&db.data_dir().join("evidence"));
    assert_eq!(stored.len(), 1, "{stored:?}");
    // … but twice in the same inspection is refused.
    let err = evidence::add_file(&mut db, other, &b, &to(&["6.1"], &[]), &mut none).unwrap_err();
    assert!(err.to_string().contains("trùng"), "{err}");
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in entries {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

// Symbolic links and a mode-000 file are made with Unix calls; the Windows side of the same
// refusals is `files/platform.rs` (a reparse point is refused when opened).
#[cfg(unix)]
#[test]
fn each_bad_input_is_refused_with_its_own_message_and_changes_nothing() {
    let (dir, mut db, id) = store();
    let good = file(dir.path(), "ok.txt", b"noi dung");
    let empty = file(dir.path(), "rong.txt", b"");
    let folder = dir.path().join("thu-muc");
    std::fs::create_dir(&folder).unwrap();
    let link = dir.path().join("lien-ket.txt");
    std::os::unix::fs::symlink(&good, &link).unwrap();
    let big = file(dir.path(), "lon.bin", &[7u8; 2048]);
    let unreadable = file(dir.path(), "khoa.txt", b"bi mat");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&unreadable, std::fs::Permissions::from_mode(0o000)).unwrap();
    let root = unsafe_is_root();

    profile::use_profile(&mut db, "Trần Thị Bình").unwrap();
    evidence::set_max_bytes(&mut db, 1024).unwrap();
    profile::use_profile(&mut db, "Nguyễn Văn An").unwrap();
    let audit_before = audit::count(db.conn()).unwrap();

    let mut cases: Vec<(&Path, &str)> = vec![
        (&empty, "tệp rỗng"),
        (&folder, "thư mục"),
        (&link, "liên kết tượng trưng"),
        (&big, "vượt giới hạn"),
        (Path::new("/khong/co/tep.pdf"), "không tồn tại"),
    ];
    if !root {
        cases.push((&unreadable, "quyền đọc"));
    }
    for (path, needle) in cases {
        let err = evidence::add_file(&mut db, id, path, &to(&["3.1"], &[]), &mut none).unwrap_err();
        assert_eq!(err.code(), "evidence_refused", "{path:?}");
        assert!(
            err.to_string().contains(needle),
            "«{err}» should say {needle}"
        );
    }
    // A mapping to an unknown criterion or item is refused before the file is read.
    assert_eq!(
        evidence::add_file(&mut db, id, &good, &to(&["99.9"], &[]), &mut none)
            .unwrap_err()
            .code(),
        "invalid"
    );
    assert_eq!(
        evidence::add_file(&mut db, id, &good, &to(&["3.1"], &["XX.1"]), &mut none)
            .unwrap_err()
            .code(),
        "item_not_found"
    );
    assert_eq!(
        evidence::add_file(&mut db, id, &good, &to(&[], &[]), &mut none)
            .unwrap_err()
            .code(),
        "invalid"
    );

    assert!(evidence::list(db.conn(), id).unwrap().is_empty());
    assert_eq!(audit::count(db.conn()).unwrap(), audit_before);
    let leftovers: Vec<_> = walk(&db.data_dir().join("evidence"))
        .into_iter()
        .filter(|p| !p.starts_with(db.data_dir().tmp()))
        .collect();
    assert!(leftovers.is_empty(), "no stored file: {leftovers:?}");
    let temps = walk(&db.data_dir().tmp());
    assert!(temps.is_empty(), "no half file left behind: {temps:?}");
}

/// Root reads any file whatever its mode, so the permission case is only meaningful for others.
#[cfg(unix)]
fn unsafe_is_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .map(|s| {
            s.lines()
                .any(|l| l.starts_with("Uid:") && l.split_whitespace().nth(1) == Some("0"))
        })
        .unwrap_or(false)
}

#[test]
fn names_with_separators_or_nfd_marks_are_neutralised_and_composed() {
    use unicode_normalization::UnicodeNormalization;
    let (dir, mut db, id) = store();
    let nfd: String = "Quyết định công bố TTHC.docx".nfd().collect();
    let p = file(dir.path(), &nfd, b"PK\x03\x04 not really a docx");
    let e = evidence::add_file(&mut db, id, &p, &to(&["3.1"], &[]), &mut none).unwrap();
    assert_eq!(e.name, "Quyết định công bố TTHC.docx");
    let p = file(dir.path(), "CON.txt", b"x");
    assert_eq!(
        evidence::add_file(&mut db, id, &p, &to(&["3.1"], &[]), &mut none)
            .unwrap()
            .name,
        "_CON.txt"
    );
}

#[test]
fn verify_names_the_missing_and_the_altered_file() {
    let (dir, mut db, id) = store();
    let a = evidence::add_file(
        &mut db,
        id,
        &file(dir.path(), "a.txt", b"tai lieu a"),
        &to(&["3.1"], &[]),
        &mut none,
    )
    .unwrap();
    let b = evidence::add_file(
        &mut db,
        id,
        &file(dir.path(), "b.txt", b"tai lieu b"),
        &to(&["3.1"], &[]),
        &mut none,
    )
    .unwrap();
    assert!(evidence::verify(&db, Some(id)).unwrap().issues.is_empty());

    let pa = evidence::blob_path(db.data_dir(), &a.sha256);
    let mut bytes = std::fs::read(&pa).unwrap();
    bytes[0] ^= 1;
    make_writable(&pa);
    std::fs::write(&pa, bytes).unwrap();
    std::fs::remove_file(evidence::blob_path(db.data_dir(), &b.sha256)).unwrap();

    let r = evidence::verify(&db, None).unwrap();
    assert_eq!(r.checked, 2);
    let problems: Vec<_> = r
        .issues
        .iter()
        .map(|i| (i.name.as_str(), i.problem))
        .collect();
    assert!(problems.contains(&("a.txt", Problem::Altered)));
    assert!(problems.contains(&("b.txt", Problem::Missing)));
    assert!(pa.exists(), "verify never repairs or deletes");
}

#[test]
fn the_matrix_shows_present_missing_and_not_required() {
    let (dir, mut db, id) = store();
    inspection::record(
        &mut db,
        id,
        "II.3.1.1",
        &Record {
            status: Some(ItemStatus::Na),
            note: Some("Không phát sinh".into()),
            ..Default::default()
        },
    )
    .unwrap();
    let item = inspection::show(db.conn(), id)
        .unwrap()
        .items
        .into_iter()
        .find(|i| i.source_ref == "II.2.1.1")
        .unwrap();
    evidence::add_file(
        &mut db,
        id,
        &file(dir.path(), "danh-muc.xlsx", b"danh muc TTHC"),
        &to(&[&item.par_criteria[0]], &["II.2.1.1"]),
        &mut none,
    )
    .unwrap();
    let m = evidence::matrix(db.conn(), id).unwrap();
    let row = |r: &str| m.rows.iter().find(|x| x.source_ref == r).unwrap();
    assert_eq!(row("II.2.1.1").state, Presence::Present);
    assert_eq!(row("II.2.1.1").evidence, vec!["danh-muc.xlsx"]);
    assert_eq!(row("II.3.1.1").state, Presence::NotRequired);
    assert!(m.rows.iter().any(|r| r.state == Presence::Missing));
    assert_eq!(
        (m.present + m.missing + m.not_required) as usize,
        m.rows.len()
    );
}

#[test]
fn remapping_is_audited_and_a_submitted_inspections_evidence_cannot_be_removed() {
    let (dir, mut db, id) = store();
    let e = evidence::add_file(
        &mut db,
        id,
        &file(dir.path(), "x.txt", b"x"),
        &to(&["3.1"], &[]),
        &mut none,
    )
    .unwrap();
    let m = evidence::remap(&mut db, e.id, &to(&["3.2", "3.1"], &["II.2.1.1"])).unwrap();
    assert_eq!(m.criteria, vec!["3.1", "3.2"]);
    assert_eq!(
        audit::recent(db.conn(), 1).unwrap()[0].action,
        "evidence.map"
    );
    inspection::submit(&mut db, id).unwrap();
    assert_eq!(
        evidence::remove(&mut db, e.id).unwrap_err().code(),
        "inspection_locked"
    );
    assert_eq!(
        evidence::add_file(
            &mut db,
            id,
            &file(dir.path(), "y.txt", b"y"),
            &to(&["3.1"], &[]),
            &mut none
        )
        .unwrap_err()
        .code(),
        "inspection_locked"
    );
    assert_eq!(evidence::list(db.conn(), id).unwrap().len(), 1);
}

/// Stored files are read-only; a test that plays the tamperer has to lift that first.
fn make_writable(p: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o644)).unwrap();
    }
    #[cfg(not(unix))]
    {
        let mut perm = std::fs::metadata(p).unwrap().permissions();
        #[allow(clippy::permissions_set_readonly_false)] // lifting it is the point here
        perm.set_readonly(false);
        std::fs::set_permissions(p, perm).unwrap();
    }
}

/// The app's way to add a large file: the store (one `Mutex<Db>`, as in the shell) is held only
/// to check and to commit, so an answer recorded meanwhile on another thread is saved at once,
/// not after the copy.
/// About 3 s in debug; `--nocapture` prints the latencies.
#[test]
fn an_answer_recorded_during_a_500_mb_add_is_saved_before_the_copy_ends() {
    use std::sync::mpsc;
    use std::sync::{Arc, Mutex};
    use std::time::{Duration, Instant};

    let (dir, db, id) = store();
    // Sparse: created in an instant, read back as zeros at memory speed.
    let big = dir.path().join("ghi-hinh.bin");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(500_000_000)
        .unwrap();
    let item = inspection::show(db.conn(), id).unwrap().items[0]
        .source_ref
        .clone();
    let db = Arc::new(Mutex::new(db));
    let (started_tx, started) = mpsc::channel::<()>();

    let adder = {
        let db = Arc::clone(&db);
        std::thread::spawn(move || {
            let mapping = to(&["3.1"], &[]);
            let intake = evidence::check_add(&db.lock().unwrap(), id, &mapping).unwrap();
            let mut told = false;
            let staged = evidence::stage(
                &intake.data_dir,
                &[big],
                intake.max_bytes,
                &mut |done, _| {
                    if !told && done > 0 {
                        told = true;
                        let _ = started_tx.send(());
                    }
                },
            )
            .unwrap();
            let staged_at = Instant::now();
            let added = evidence::commit(&mut db.lock().unwrap(), id, staged, &mapping).unwrap();
            (staged_at, added)
        })
    };

    started.recv().unwrap();
    let mut latencies = Vec::new();
    let mut last_saved_at = Instant::now();
    for n in 0..5 {
        let t = Instant::now();
        let rec = Record {
            status: Some(ItemStatus::Met),
            note: Some(format!("lần {n}")),
            ..Default::default()
        };
        let saved = inspection::record(&mut db.lock().unwrap(), id, &item, &rec).unwrap();
        last_saved_at = Instant::now();
        latencies.push(t.elapsed());
        assert_eq!(saved.note.as_deref(), Some(format!("lần {n}").as_str()));
        std::thread::sleep(Duration::from_millis(20));
    }
    let (staged_at, added) = adder.join().unwrap();
    let ms: Vec<String> = latencies
        .iter()
        .map(|d| format!("{:.1}", d.as_secs_f64() * 1000.0))
        .collect();
    eprintln!(
        "record latency during a 500 MB add (ms): {}; staging ended {:.0} ms after the last answer",
        ms.join(", "),
        staged_at.duration_since(last_saved_at).as_secs_f64() * 1000.0
    );
    assert!(
        last_saved_at < staged_at,
        "every answer was saved while the file was still being copied"
    );
    assert_eq!(added.len(), 1);
    assert_eq!(added[0].size, 500_000_000);
    let db = db.lock().unwrap();
    let stored = inspection::show(db.conn(), id).unwrap();
    let it = stored.items.iter().find(|i| i.source_ref == item).unwrap();
    assert_eq!(it.status, Some(ItemStatus::Met));
    assert_eq!(it.note.as_deref(), Some("lần 4"));
}

#[test]
fn evidence_on_a_criterion_no_item_carries_is_shown_and_another_trees_code_is_not_the_checklists() {
    let (dir, mut db, id) = store();
    let insp = inspection::show(db.conn(), id).unwrap();
    let carried: std::collections::BTreeSet<String> = insp
        .items
        .iter()
        .flat_map(|i| i.par_criteria.clone())
        .collect();
    let tree = kiemtra_core::framework::show(db.conn(), None).unwrap();
    assert!(
        tree.derived,
        "the shipped tree is marked as derived from KH 167"
    );
    let lonely = tree
        .nodes
        .iter()
        .flat_map(|f| f.children.iter())
        .map(|c| c.code.clone())
        .find(|c| !carried.contains(c))
        .expect("a criterion no item of this commune carries");
    let a = file(dir.path(), "rieng.pdf", b"%PDF-1.4 lonely");
    evidence::add_file(&mut db, id, &a, &to(&[&lonely], &[]), &mut none).unwrap();
    let m = evidence::matrix(db.conn(), id).unwrap();
    let row = m.criteria.iter().find(|c| c.criterion == lonely).unwrap();
    assert_eq!(row.evidence, vec!["rieng.pdf"]);
    assert!(row.items.is_empty() && row.checklist_version && row.name.is_some());
    assert_eq!(
        row.framework_version.as_deref(),
        Some(kiemtra_core::framework::DERIVED_VERSION)
    );

    // An official tree whose "3.1" is another criterion becomes current.
    let shared = carried.iter().next().unwrap().clone();
    profile::use_profile(&mut db, "Trần Thị Bình").unwrap();
    let field = shared.split('.').next().unwrap();
    let csv = format!("code,name,parent_code,max_points\n{field},Lĩnh vực,,10\n{shared},Tiêu chí chính thức khác,{field},4\n");
    kiemtra_core::framework::import(
        &mut db,
        csv.as_bytes(),
        false,
        "chinh-thuc",
        None,
        Some(2026),
    )
    .unwrap();
    let b = file(dir.path(), "chinh-thuc.pdf", b"%PDF-1.4 official");
    let e = evidence::add_file(&mut db, id, &b, &to(&[&shared], &[]), &mut none).unwrap();
    assert_eq!(e.framework_version.as_deref(), Some("chinh-thuc"));
    let m = evidence::matrix(db.conn(), id).unwrap();
    for r in m.rows.iter().filter(|r| r.criteria.contains(&shared)) {
        assert!(
            !r.evidence.contains(&"chinh-thuc.pdf".to_string()),
            "{}: the official {shared} is not the checklist's {shared}",
            r.source_ref
        );
    }
    let official = m
        .criteria
        .iter()
        .find(|c| c.framework_version.as_deref() == Some("chinh-thuc"))
        .unwrap();
    assert_eq!(official.name.as_deref(), Some("Tiêu chí chính thức khác"));
    assert!(!official.checklist_version && official.items.is_empty());
    // The earlier mapping still points at the derived tree.
    let row = m.criteria.iter().find(|c| c.criterion == lonely).unwrap();
    assert!(row.checklist_version);
}

#[test]
fn a_score_stays_with_the_tree_it_was_made_against() {
    let (_dir, mut db, id) = store();
    profile::use_profile(&mut db, "Trần Thị Bình").unwrap();
    let csv = "code,name,parent_code,max_points\n3,Cải cách TTHC,,10\n3.1,Công khai TTHC,3,4\n";
    kiemtra_core::framework::import(&mut db, csv.as_bytes(), false, "v1", None, Some(2026))
        .unwrap();
    let i = inspection::set_score(&mut db, id, "3.1", Some(3.0), Some(3.0), None).unwrap();
    assert_eq!(i.scores[0].self_score, Some(3.0));
    let csv = "code,name,parent_code,max_points\n3,Cải cách TTHC,,10\n3.1,Tiêu chí khác,3,2\n";
    kiemtra_core::framework::import(&mut db, csv.as_bytes(), false, "v2", None, Some(2026))
        .unwrap();
    let i = inspection::show(db.conn(), id).unwrap();
    let s = i.scores.iter().find(|s| s.criterion == "3.1").unwrap();
    assert_eq!(s.self_score, None, "v1's 3.1 score is not v2's 3.1");
    let kept: String = db
        .conn()
        .query_row(
            "SELECT framework_version FROM inspection_scores WHERE inspection_id = ?1",
            [id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(kept, "v1", "the score is kept, with its tree");
}
