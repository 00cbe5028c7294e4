//! Backup, restore and check: a whole data directory in one file, verified before anything is
//! written back, consistent while another writer goes on.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use kiemtra_core::backup;
use kiemtra_core::evidence::{self, Mapping};
use kiemtra_core::inspection::{self, ItemStatus, Record};
use kiemtra_core::plan::{self, PlanChange};
use kiemtra_core::profile::{self, Role};
use kiemtra_core::{Db, ErrorCode};
use sha2::{Digest, Sha256};

/// A store with Xã Tam Tiến's inspection started, three answers and two evidence files.
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
    let items = inspection::show(db.conn(), id).unwrap().items;
    for (n, it) in items.iter().take(3).enumerate() {
        let rec = Record {
            status: Some(ItemStatus::Met),
            note: Some(format!("Đã kiểm tra hồ sơ số {n}")),
            ..Default::default()
        };
        inspection::record(&mut db, id, &it.source_ref, &rec).unwrap();
    }
    let mapping = Mapping {
        criteria: vec!["3.1".into()],
        items: vec![],
    };
    for (name, content) in [
        ("Biên bản họp.pdf", b"%PDF-1.4 bien ban".repeat(3000)),
        ("Ảnh trụ sở.jpg", b"\xff\xd8\xff anh".repeat(5000)),
    ] {
        let p = dir.path().join(name);
        std::fs::write(&p, &content).unwrap();
        evidence::add_file(&mut db, id, &p, &mapping, &mut |_, _| {}).unwrap();
    }
    (dir, db, id)
}

fn show(db: &Db, id: i64) -> serde_json::Value {
    serde_json::to_value(inspection::show(db.conn(), id).unwrap()).unwrap()
}

/// Everything under `dir`, relative path → bytes (also used by the encryption tests).
pub(crate) fn tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push((
                    p.strip_prefix(dir).unwrap().to_path_buf(),
                    std::fs::read(&p).unwrap(),
                ));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn a_backup_restores_to_the_same_inspection_and_every_file_checks() {
    let (dir, mut db, id) = store();
    let out = dir.path().join("usb").join("sao-luu.kbak");
    let s = backup::backup(&mut db, &out).unwrap();
    assert_eq!(s.files, 2, "both evidence files: {s:?}");
    assert!(s.missing.is_empty());
    let whole: String = Sha256::digest(std::fs::read(&out).unwrap())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_ne!(
        whole, s.sha256,
        "the footer's hash covers the part before it"
    );
    assert_eq!(std::fs::metadata(&out).unwrap().len(), s.bytes);
    assert_eq!(
        backup::last_backup(db.conn()).unwrap().unwrap().sha256,
        s.sha256
    );

    // A plain store's backup needs no passphrase; a file that is no backup is not taken for one.
    assert!(!backup::is_encrypted_backup(&out).unwrap());
    let not_a_backup = dir.path().join("ghi-chu.kbak");
    std::fs::write(&not_a_backup, "không phải bản sao lưu").unwrap();
    assert!(!backup::is_encrypted_backup(&not_a_backup).unwrap());

    let target = dir.path().join("khoi-phuc");
    let r = backup::restore(&out, &target).unwrap();
    assert_eq!(r.files, 2);
    assert_eq!(r.evidence_checked, 2);
    let restored = Db::open(&target).unwrap();
    assert!(
        show(&restored, id) == show(&db, id),
        "the restored inspection differs"
    );
    let check = backup::check(&restored).unwrap();
    assert!(check.ok(), "{check:?}");
    assert_eq!(check.evidence_checked, 2);
    assert!(evidence::verify(&restored, None).unwrap().issues.is_empty());
    // Nothing else was left beside the target.
    let beside: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(beside.is_empty(), "{beside:?}");
}

#[test]
fn a_flipped_byte_anywhere_is_refused_and_no_target_is_created() {
    let (dir, mut db, _) = store();
    let out = dir.path().join("sao-luu.kbak");
    backup::backup(&mut db, &out).unwrap();
    let good = std::fs::read(&out).unwrap();
    let len = good.len();
    // A tar header, the store's pages, an evidence file, the zero padding at the tar's end,
    // and the footer's own hash.
    for at in [100, 5_000, len / 2, len - 600, len - 10] {
        let mut bad = good.clone();
        bad[at] ^= 0x01;
        let path = dir.path().join(format!("hong-{at}.kbak"));
        std::fs::write(&path, &bad).unwrap();
        let target = dir.path().join(format!("dich-{at}"));
        let e = backup::restore(&path, &target).unwrap_err();
        assert_eq!(e.code(), ErrorCode::BackupDamaged, "byte {at}: {e}");
        assert!(e.to_string().contains("Không có gì được ghi"), "{e}");
        assert!(!target.exists(), "byte {at}: the target was created");
    }
    // Cut short (a copy that did not finish).
    let cut = dir.path().join("cut.kbak");
    std::fs::write(&cut, &good[..len - 5000]).unwrap();
    let e = backup::restore(&cut, &dir.path().join("dich-cut")).unwrap_err();
    assert_eq!(e.code(), ErrorCode::BackupDamaged);
    assert!(!dir.path().join("dich-cut").exists());
    let hidden: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(hidden.is_empty(), "no staging folder left: {hidden:?}");
}

/// A tar with a valid footer whose member climbs out of the target is refused all the same.
#[test]
fn a_member_outside_the_data_directory_is_refused_even_with_a_valid_footer() {
    let dir = tempfile::tempdir().unwrap();
    let mut tar = tar::Builder::new(Vec::new());
    let mut h = tar::Header::new_old();
    let data = b"evil";
    h.as_old_mut().name[..9].copy_from_slice(b"../thoat!");
    h.set_size(data.len() as u64);
    h.set_mode(0o644);
    h.set_cksum();
    tar.append(&h, &data[..]).unwrap();
    let mut bytes = tar.into_inner().unwrap();
    bytes.resize(bytes.len() + 2048, 0);
    let sum: String = Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    bytes.extend_from_slice(format!("\nKIEMTRA-SAO-LUU sha256={sum}\n").as_bytes());
    let path = dir.path().join("x.kbak");
    std::fs::write(&path, &bytes).unwrap();
    let target = dir.path().join("a").join("dich");
    let e = backup::restore(&path, &target).unwrap_err();
    assert_eq!(e.code(), ErrorCode::BackupDamaged, "{e}");
    assert!(e.to_string().contains("không được phép"), "{e}");
    assert!(!target.exists());
    assert!(!dir.path().join("a").join("thoat!").exists());
    assert!(!dir.path().join("thoat!").exists());
}

#[test]
fn a_target_that_is_not_empty_is_refused_and_left_as_it_was() {
    let (dir, mut db, _) = store();
    let out = dir.path().join("sao-luu.kbak");
    backup::backup(&mut db, &out).unwrap();
    let target = dir.path().join("data");
    let before = tree(&target);
    let e = backup::restore(&out, &target).unwrap_err();
    assert_eq!(e.code(), ErrorCode::RestoreTarget, "{e}");
    assert!(e.to_string().contains("không trống"), "{e}");
    assert_eq!(tree(&target), before);
    // An empty folder is a fine target.
    let empty = dir.path().join("trong");
    std::fs::create_dir(&empty).unwrap();
    backup::restore(&out, &empty).unwrap();
    assert!(empty.join("kiemtra.sqlite3").exists());
}

#[test]
fn a_backup_inside_the_data_directory_is_refused() {
    let (dir, mut db, _) = store();
    let e = backup::backup(&mut db, &dir.path().join("data").join("b.kbak")).unwrap_err();
    assert_eq!(e.code(), ErrorCode::Invalid);
    assert!(!dir.path().join("data").join("b.kbak").exists());
}

/// "Another process" is another connection to the same store file on another thread: SQLite's
/// locking between connections is the same whether they share a process or not.
#[test]
fn a_backup_taken_while_1000_answers_are_recorded_holds_exactly_the_answers_confirmed_up_to_one_moment(
) {
    let (dir, mut db, id) = store();
    let items: Vec<String> = inspection::show(db.conn(), id)
        .unwrap()
        .items
        .into_iter()
        .map(|i| i.source_ref)
        .collect();
    let n = items.len();
    let data = dir.path().join("data");
    let confirmed = Arc::new(AtomicUsize::new(0));
    let writer = {
        let confirmed = Arc::clone(&confirmed);
        let items = items.clone();
        let data = data.clone();
        std::thread::spawn(move || {
            let mut other = Db::open(&data).unwrap();
            for i in 0..1000 {
                let rec = Record {
                    status: Some(ItemStatus::Met),
                    note: Some(format!("lần ghi {i}")),
                    ..Default::default()
                };
                inspection::record(&mut other, id, &items[i % n], &rec).unwrap();
                confirmed.store(i + 1, Ordering::SeqCst);
            }
        })
    };
    while confirmed.load(Ordering::SeqCst) < 200 {
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    let before = confirmed.load(Ordering::SeqCst);
    let out = dir.path().join("sao-luu.kbak");
    backup::backup(&mut db, &out).unwrap();
    let after = confirmed.load(Ordering::SeqCst);
    writer.join().unwrap();
    // The backup began while answers were being recorded (how long it takes beside them
    // depends on the machine: it may end after the last one).
    assert!(
        before < 1000,
        "the writer had finished before the backup began ({before})"
    );

    let target = dir.path().join("khoi-phuc");
    backup::restore(&out, &target).unwrap();
    let restored = Db::open(&target).unwrap();
    let notes: Vec<Option<String>> = inspection::show(restored.conn(), id)
        .unwrap()
        .items
        .into_iter()
        .map(|i| i.note)
        .collect();
    // The moment: the last write the backup holds.
    let k = notes
        .iter()
        .flatten()
        .filter_map(|s| s.strip_prefix("lần ghi ")?.parse::<usize>().ok())
        .max()
        .map_or(0, |m| m + 1);
    assert!(
        (before..=after).contains(&k),
        "the backup holds the first {k} writes: every one confirmed before it began ({before}), none after it ended ({after})"
    );
    // Exactly the first k writes: each item's note is its last write before k.
    for (j, note) in notes.iter().enumerate() {
        let expected = (0..k)
            .rev()
            .find(|i| i % n == j)
            .map(|i| format!("lần ghi {i}"));
        match expected {
            Some(e) => assert_eq!(note.as_deref(), Some(e.as_str()), "item {j}"),
            // Items written only before the writer began keep the store's first notes.
            None => assert!(
                note.as_deref().is_none_or(|s| !s.starts_with("lần ghi")),
                "item {j}: {note:?}"
            ),
        }
    }
    assert!(backup::check(&restored).unwrap().ok());
    eprintln!("backup during writes: {before} confirmed before, {k} in the backup, {after} after");
}

#[test]
fn check_names_an_altered_evidence_file() {
    let (_dir, db, _) = store();
    assert!(backup::check(&db).unwrap().ok());
    let e = &evidence::verify(&db, None).unwrap();
    assert_eq!(e.checked, 2);
    let list = evidence::list(db.conn(), 1).unwrap();
    let blob = evidence::blob_path(db.data_dir(), &list[0].sha256);
    let mut perm = std::fs::metadata(&blob).unwrap().permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    perm.set_readonly(false);
    std::fs::set_permissions(&blob, perm).unwrap();
    std::fs::write(&blob, b"bi sua").unwrap();
    let r = backup::check(&db).unwrap();
    assert!(!r.ok());
    assert_eq!(r.evidence.len(), 1);
    assert_eq!(r.evidence[0].name, list[0].name);
    assert!(r.store.is_empty() && r.documents.is_empty());
}
