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
