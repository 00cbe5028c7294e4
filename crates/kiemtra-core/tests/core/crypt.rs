//! Encryption at rest: after `encrypt` no file of the data directory holds the user's data in
//! the clear; the passphrase (or the recovery key) opens it and nothing else does; a refused
//! secret or a failed conversion changes no byte.

use std::path::{Path, PathBuf};

use kiemtra_core::crypt::{self, Secret};
use kiemtra_core::evidence::{self, Mapping};
use kiemtra_core::inspection::{self, FindingKind, ItemStatus, NewFinding, Record, Severity};
use kiemtra_core::plan::{self, DecisionChange, PlanChange, PlanReference};
use kiemtra_core::profile::{self, Role};
use kiemtra_core::{backup, notice, Db, ErrorCode};

const PASS: &str = "Mật khẩu của đoàn 2026";
const FINDING: &str = "Chưa niêm yết công khai thủ tục cấp phép XQZ-417";
const NOTICE_PDF: &[u8] = b"%PDF-1.7 Thong bao ket luan kiem tra UBND xa Tam Tien QZX-881";

fn ev_bytes(tag: &str) -> Vec<u8> {
    format!("noi dung tai lieu kiem chung {tag} ")
        .repeat(4000)
        .into_bytes()
}

/// A store with Xã Tam Tiến's inspection: answers, a finding, two evidence files (one larger
/// than a cipher chunk), the notice issued.
fn store() -> (tempfile::TempDir, PathBuf, i64) {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut db = Db::open(&data).unwrap();
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
    plan::set_reference(
        &mut db,
        2026,
        &PlanReference {
            number: "25".into(),
            date: "2026-01-02".into(),
            issuer: None,
        },
    )
    .unwrap();
    plan::set_decision(
        &mut db,
        2026,
        &DecisionChange {
            agency: "07264".into(),
            number: "15".into(),
            date: "2026-01-02".into(),
            signer: None,
        },
    )
    .unwrap();
    let id = inspection::start(&mut db, 2026, "07264", Some("2026-01-05")).unwrap();
    let items = inspection::show(db.conn(), id).unwrap().items;
    for it in &items {
        let rec = Record {
            status: Some(ItemStatus::Met),
            note: Some("Đã kiểm tra hồ sơ".into()),
            ..Default::default()
        };
        inspection::record(&mut db, id, &it.source_ref, &rec).unwrap();
    }
    inspection::add_finding(
        &mut db,
        id,
        &NewFinding {
            kind: FindingKind::Shortcoming,
            text: FINDING.into(),
            source_ref: None,
            criterion: Some("3.1".into()),
            cause: None,
            recommendation: Some("Niêm yết đầy đủ thủ tục".into()),
            severity: Some(Severity::High),
            responsible: None,
            due: None,
        },
    )
    .unwrap();
    let mapping = Mapping {
        criteria: vec!["3.1".into()],
        items: vec![],
    };
    for (name, tag) in [("Biên bản.pdf", "AAA-1"), ("Ảnh trụ sở.jpg", "BBB-2")] {
        let p = dir.path().join(name);
        std::fs::write(&p, ev_bytes(tag)).unwrap();
        evidence::add_file(&mut db, id, &p, &mapping, &mut |_, _| {}).unwrap();
    }
    inspection::submit(&mut db, id).unwrap();
    let plan = notice::prepare(db.conn(), id, "12", "2026-01-06").unwrap();
    notice::record(&mut db, id, &plan, "Nguyễn Văn Cường", None, NOTICE_PDF).unwrap();
    (dir, data, id)
}

fn show(db: &Db, id: i64) -> serde_json::Value {
    serde_json::to_value(inspection::show(db.conn(), id).unwrap()).unwrap()
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

fn code(e: kiemtra_core::Error) -> ErrorCode {
    e.code()
}

#[test]
fn after_encrypt_no_file_holds_the_data_in_the_clear_and_the_passphrase_opens_it() {
    let (_dir, data, id) = store();
    let (before, shas) = {
        let db = Db::open(&data).unwrap();
        let shas: Vec<String> = evidence::list(db.conn(), id)
            .unwrap()
            .into_iter()
            .map(|e| e.sha256)
            .collect();
        (show(&db, id), shas)
    };
    // The plain store holds them all (so the search below can find them).
    let plain = crate::backup::tree(&data);
    assert!(plain
        .iter()
        .any(|(_, b)| contains(b, "Tam Tiến".as_bytes())));
    assert!(plain.iter().any(|(_, b)| contains(b, b"AAA-1")));

    let s = crypt::encrypt(&data, PASS).unwrap();
    assert_eq!((s.evidence_files, s.documents), (2, 1));
    let after = crate::backup::tree(&data);
    assert!(after.iter().any(|(p, _)| p == Path::new(crypt::KEY_FILE)));
    let needles: Vec<Vec<u8>> = vec![
        "Tam Tiến".as_bytes().to_vec(),
        "Xã Tam Tiến".as_bytes().to_vec(),
        FINDING.as_bytes().to_vec(),
        b"XQZ-417".to_vec(),
        b"QZX-881".to_vec(),
        b"AAA-1".to_vec(),
        b"BBB-2".to_vec(),
        b"SQLite format 3".to_vec(),
    ];
    for (path, bytes) in &after {
        for n in &needles {
            assert!(
                !contains(bytes, n),
                "{} holds «{}» in the clear",
                path.display(),
                String::from_utf8_lossy(n)
            );
        }
        for sha in &shas {
            assert!(
                !path.to_string_lossy().contains(sha.as_str()),
                "{} reveals the plain SHA-256",
                path.display()
            );
        }
    }

    assert_eq!(code(Db::open(&data).err().unwrap()), ErrorCode::StoreLocked);
    let db = Db::open_with(&data, Some(&Secret::passphrase(PASS))).unwrap();
    assert_eq!(show(&db, id), before, "the inspection reads back as it was");
    let v = evidence::verify(&db, None).unwrap();
    assert_eq!((v.checked, v.issues.len()), (2, 0), "{v:?}");
    let n = &notice::list(db.conn(), id).unwrap()[0];
    assert_eq!(notice::read_pdf(&db, &n.sha256).unwrap(), NOTICE_PDF);
    let report = backup::check(&db).unwrap();
    assert!(report.ok(), "{report:?}");
    let copy = evidence::materialise(&db, evidence::list(db.conn(), id).unwrap()[0].id).unwrap();
    assert_eq!(std::fs::read(copy).unwrap(), ev_bytes("AAA-1"));
}

#[test]
fn evidence_added_to_an_encrypted_store_is_encrypted_and_checked_by_its_plain_hash() {
    let (dir, data, id) = store();
    crypt::encrypt(&data, PASS).unwrap();
    let mut db = Db::open_with(&data, Some(&Secret::passphrase(PASS))).unwrap();
    // More work in the encrypted store: the first inspection is issued, a second one starts.
    assert_ne!(id, 0);
    plan::apply(
        &mut db,
        2026,
        &PlanChange {
            include: vec!["07246".into()],
            ..Default::default()
        },
    )
    .unwrap();
    let other = inspection::start(&mut db, 2026, "07246", None).unwrap();
    let mut db2 = db;
    let p = dir.path().join("Quyết định mới.pdf");
    let content = ev_bytes("CCC-3").repeat(5);
    std::fs::write(&p, &content).unwrap();
    let mapping = Mapping {
        criteria: vec!["3.1".into()],
        items: vec![],
    };
    let added = evidence::add_file(&mut db2, other, &p, &mapping, &mut |_, _| {}).unwrap();
    drop(db2);
    for (path, bytes) in crate::backup::tree(&data) {
        assert!(
            !contains(&bytes, b"CCC-3"),
            "{} holds the new file",
            path.display()
        );
        assert!(!path.to_string_lossy().contains(&added.sha256));
    }
    let db = Db::open_with(&data, Some(&Secret::passphrase(PASS))).unwrap();
    let v = evidence::verify(&db, Some(other)).unwrap();
    assert_eq!((v.checked, v.issues.len()), (1, 0));
    // Altered ciphertext is found by `verify`, as altered plain content is.
    let stored = db.data_dir().evidence_blob(&added.sha256);
    kiemtra_core_test_flip(&stored);
    let v = evidence::verify(&db, Some(other)).unwrap();
    assert_eq!(v.issues.len(), 1, "{v:?}");
    assert_eq!(v.issues[0].problem, evidence::Problem::Altered);
}

fn kiemtra_core_test_flip(path: &Path) {
    let mut perms = std::fs::metadata(path).unwrap().permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    perms.set_readonly(false);
    std::fs::set_permissions(path, perms).unwrap();
    let mut bytes = std::fs::read(path).unwrap();
    let at = bytes.len() / 2;
    bytes[at] ^= 0x40;
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn a_wrong_passphrase_is_refused_with_its_own_message_and_changes_no_byte() {
    let (_dir, data, _id) = store();
    crypt::encrypt(&data, PASS).unwrap();
    let before = crate::backup::tree(&data);
    let e = Db::open_with(&data, Some(&Secret::passphrase("mật khẩu sai 2026")))
        .err()
        .unwrap();
    assert_eq!(e.code(), ErrorCode::WrongPassphrase);
    assert!(e.to_string().contains("Mật khẩu không đúng"), "{e}");
    // NFD (as another system may type it) is the same passphrase: it opens.
    use unicode_normalization::UnicodeNormalization;
    let nfd: String = PASS.nfd().collect();
    assert_ne!(nfd, PASS);
    let e = crypt::change_passphrase(&data, &Secret::passphrase("sai sai sai"), "mới mới mới")
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::WrongPassphrase);
    let e = Db::open_with(&data, Some(&Secret::recovery_key("AAAA-BBBB")))
        .err()
        .unwrap();
    assert_eq!(e.code(), ErrorCode::WrongPassphrase);
    assert!(e.to_string().contains("Khoá khôi phục không đúng"), "{e}");
    assert!(
        before == crate::backup::tree(&data),
        "a refused secret changed the data directory"
    );
    drop(Db::open_with(&data, Some(&Secret::passphrase(&nfd))).unwrap());
}

#[test]
fn the_recovery_key_opens_the_store_when_the_passphrase_is_forgotten() {
    let (_dir, data, id) = store();
    let s = crypt::encrypt(&data, PASS).unwrap();
    let before = show(
        &Db::open_with(&data, Some(&Secret::passphrase(PASS))).unwrap(),
        id,
    );
    // Typed from the sheet: small letters, spaces for dashes.
    let typed = s.recovery_key.to_lowercase().replace('-', " ");
    crypt::change_passphrase(
        &data,
        &Secret::recovery_key(&typed),
        "Mật khẩu mới tháng 12",
    )
    .unwrap();
    let e = Db::open_with(&data, Some(&Secret::passphrase(PASS)))
        .err()
        .unwrap();
    assert_eq!(
        e.code(),
        ErrorCode::WrongPassphrase,
        "the forgotten passphrase still opens it"
    );
    let db = Db::open_with(&data, Some(&Secret::passphrase("Mật khẩu mới tháng 12"))).unwrap();
    assert_eq!(show(&db, id), before);
    drop(db);
    // A new recovery key replaces the old one.
    let fresh = crypt::new_recovery(&data, &Secret::passphrase("Mật khẩu mới tháng 12")).unwrap();
    assert_ne!(fresh.as_str(), s.recovery_key);
    assert_eq!(
        crypt::unlock(&data, &Secret::recovery_key(&s.recovery_key))
            .unwrap_err()
            .code(),
        ErrorCode::WrongPassphrase
    );
    crypt::unlock(&data, &Secret::recovery_key(&fresh)).unwrap();
}

#[test]
fn a_conversion_that_fails_leaves_the_plain_store_as_it_was() {
    let (_dir, data, _id) = store();
    // An evidence file changed behind the app's back: the conversion stops, changing nothing.
    let blob = {
        let db = Db::open(&data).unwrap();
        let sha = evidence::list(db.conn(), 1).unwrap()[0].sha256.clone();
        db.data_dir().evidence_blob(&sha)
    };
    kiemtra_core_test_flip(&blob);
    let before = crate::backup::tree(&data);
    let e = crypt::encrypt(&data, PASS).unwrap_err();
    assert!(e.to_string().contains("không còn khớp"), "{e}");
    assert!(
        before == crate::backup::tree(&data),
        "a failed conversion left something behind"
    );
    assert!(!crypt::is_encrypted(&data));
    drop(Db::open(&data).unwrap());
    // Too short a passphrase is refused before anything is read.
    assert!(crypt::encrypt(&data, "ngắn").is_err());
    assert!(before == crate::backup::tree(&data));
}

#[test]
fn an_encrypted_store_backs_up_encrypted_and_restores_with_its_passphrase() {
    let (dir, data, id) = store();
    crypt::encrypt(&data, PASS).unwrap();
    let before;
    let out = dir.path().join("sao-luu.kbak");
    {
        let mut db = Db::open_with(&data, Some(&Secret::passphrase(PASS))).unwrap();
        before = show(&db, id);
        backup::backup(&mut db, &out).unwrap();
    }
    let bytes = std::fs::read(&out).unwrap();
    for n in [&b"AAA-1"[..], "Tam Tiến".as_bytes(), FINDING.as_bytes()] {
        assert!(
            !contains(&bytes, n),
            "the backup holds «{}»",
            String::from_utf8_lossy(n)
        );
    }
    let target = dir.path().join("khoi-phuc");
    assert!(backup::is_encrypted_backup(&out).unwrap());
    let e = backup::restore(&out, &target).unwrap_err();
    assert_eq!(e.code(), ErrorCode::BackupLocked);
    assert!(
        !target.exists(),
        "a refused restore left {}",
        target.display()
    );
    let e =
        backup::restore_with(&out, &target, Some(&Secret::passphrase("sai mật khẩu"))).unwrap_err();
    assert_eq!(e.code(), ErrorCode::WrongPassphrase);
    assert!(
        !target.exists(),
        "a wrong passphrase left {}",
        target.display()
    );
    let r = backup::restore_with(&out, &target, Some(&Secret::passphrase(PASS))).unwrap();
    assert_eq!(r.evidence_checked, 2);
    assert!(crypt::is_encrypted(&target));
    let db = Db::open_with(&target, Some(&Secret::passphrase(PASS))).unwrap();
    assert_eq!(show(&db, id), before);
}
