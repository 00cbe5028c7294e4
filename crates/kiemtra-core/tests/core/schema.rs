//! The schema the migrations produce is pinned in `tests/schema.sql`: a change to it is a
//! deliberate, reviewed diff (regenerate with `UPDATE_SNAPSHOTS=1 cargo test -p kiemtra-core`).

use kiemtra_core::Db;

fn dump(db: &Db) -> String {
    let mut stmt = db
        .conn()
        .prepare("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type, name")
        .unwrap();
    let rows: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    rows.join(";\n\n") + ";\n"
}

#[test]
fn the_schema_matches_its_snapshot() {
    let db = Db::open_in_memory().unwrap();
    let actual = dump(&db);
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/schema.sql");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(path, &actual).unwrap();
    }
    let expected = std::fs::read_to_string(path).unwrap_or_default();
    assert_eq!(
        actual, expected,
        "schema changed: review it and regenerate the snapshot"
    );
}

#[test]
fn an_empty_database_file_from_before_the_first_release_upgrades() {
    // A file created by an older build before any migration ran has user_version 0.
    let dir = tempfile::tempdir().unwrap();
    {
        let conn = rusqlite::Connection::open(dir.path().join(kiemtra_core::db::DB_FILE)).unwrap();
        conn.execute_batch("CREATE TABLE scratch (x INTEGER); INSERT INTO scratch VALUES (1);")
            .unwrap();
    }
    let db = Db::open(dir.path()).unwrap();
    assert!(db.schema_version().unwrap() >= 1);
    let kept: i64 = db
        .conn()
        .query_row("SELECT x FROM scratch", [], |r| r.get(0))
        .unwrap();
    assert_eq!(kept, 1, "upgrading never drops what was there");
}

#[test]
fn a_database_from_the_first_release_upgrades_with_its_data() {
    // Build a version-1 file exactly as release 1 left it: its migration, its user_version, a profile.
    let dir = tempfile::tempdir().unwrap();
    {
        let conn = rusqlite::Connection::open(dir.path().join(kiemtra_core::db::DB_FILE)).unwrap();
        conn.execute_batch(include_str!("../../migrations/0001_foundation.sql"))
            .unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        conn.execute(
            "INSERT INTO profiles (name, role, created_at) VALUES ('Trần Thị Bình', 'lead', '2026-01-05T08:00:00+07:00')",
            [],
        )
        .unwrap();
    }
    let mut db = Db::open(dir.path()).unwrap();
    assert!(db.schema_version().unwrap() >= 2);
    assert!(kiemtra_core::profile::find(db.conn(), "Trần Thị Bình")
        .unwrap()
        .is_some());
    kiemtra_core::seed::load_all(&mut db).unwrap();
    kiemtra_core::profile::use_profile(&mut db, "Trần Thị Bình").unwrap();
    let p = kiemtra_core::plan::apply(&mut db, 2026, &Default::default()).unwrap();
    assert_eq!(
        p.threshold, 20.0,
        "the new tables work on the upgraded file"
    );
}

/// The bytes of every file of the store (main file, WAL, shared memory) that exists.
fn store_bytes(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let base = kiemtra_core::db::DB_FILE;
    [base.to_string(), format!("{base}-wal")]
        .into_iter()
        .filter_map(|name| std::fs::read(dir.join(&name)).ok().map(|b| (name, b)))
        .collect()
}

#[test]
fn a_database_from_a_newer_release_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    drop(Db::open(dir.path()).unwrap());
    let newer = kiemtra_core::db::SCHEMA_VERSION + 1;
    {
        let conn = rusqlite::Connection::open(dir.path().join(kiemtra_core::db::DB_FILE)).unwrap();
        conn.pragma_update(None, "user_version", newer).unwrap();
    }
    let before = store_bytes(dir.path());

    let err = Db::open(dir.path())
        .err()
        .expect("a newer store must be refused");

    assert_eq!(err.code(), "database_too_new");
    let message = err.to_string();
    assert!(
        message.contains("phiên bản mới hơn") && message.contains(&newer.to_string()),
        "the message says, in Vietnamese, which version wrote the data: {message}"
    );
    assert_eq!(
        store_bytes(dir.path()),
        before,
        "refusing a newer store must not change a byte of it"
    );
}

#[test]
fn a_file_that_is_not_a_store_is_refused_as_corrupt_and_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let garbage = b"Day khong phai tep SQLite: bien ban kiem tra.".repeat(200);
    let file = dir.path().join(kiemtra_core::db::DB_FILE);
    std::fs::write(&file, &garbage).unwrap();

    let err = Db::open(dir.path())
        .err()
        .expect("a corrupt file must be refused");

    assert_eq!(err.code(), "store_corrupt");
    assert!(err.to_string().contains("không sửa đè"), "{err}");
    assert_eq!(
        std::fs::read(&file).unwrap(),
        garbage,
        "the user's file is left as it was"
    );
}

#[test]
fn a_data_folder_that_cannot_be_created_is_reported_with_its_path() {
    let dir = tempfile::tempdir().unwrap();
    // A plain file where the data folder's parent should be: the folder cannot be created.
    let blocker = dir.path().join("khong-phai-thu-muc");
    std::fs::write(&blocker, b"x").unwrap();
    let err = Db::open(&blocker.join("du-lieu")).err().expect("must fail");
    assert_eq!(err.code(), "io");
    assert!(err.to_string().contains("khong-phai-thu-muc"), "{err}");
}
