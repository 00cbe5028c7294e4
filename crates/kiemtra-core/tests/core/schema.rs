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

/// A store as schema 5 (the last of the first round) left it, with one of everything that
/// travels between laptops, written with that schema's own SQL.
fn schema_5_store(dir: &std::path::Path) {
    let conn = rusqlite::Connection::open(dir.join(kiemtra_core::db::DB_FILE)).unwrap();
    for sql in [
        include_str!("../../migrations/0001_foundation.sql"),
        include_str!("../../migrations/0002_plans.sql"),
        include_str!("../../migrations/0003_inspections.sql"),
        include_str!("../../migrations/0004_evidence.sql"),
        include_str!("../../migrations/0005_calendar_notices.sql"),
    ] {
        conn.execute_batch(sql).unwrap();
    }
    conn.pragma_update(None, "user_version", 5).unwrap();
    conn.execute_batch(
        "INSERT INTO agencies (code, name, name_fold, block, origin) VALUES ('SNV', 'Sở Nội vụ', 'so noi vu', 'provincial', 'seed');
         INSERT INTO profiles (name, role, created_at) VALUES ('Trần Thị Bình', 'lead', 't'), ('Nguyễn Văn An', 'inspector', 't');
         INSERT INTO settings (key, value) VALUES ('current_profile', 'Nguyễn Văn An');
         INSERT INTO plans (year, created_at) VALUES (2026, 't');
         INSERT INTO plan_agencies (plan_id, agency_code, mode, window_from, window_to, team_lead)
             VALUES (1, 'SNV', 'manual', '2026-05-04', '2026-05-05', 'Trần Thị Bình');
         INSERT INTO plan_team_members (plan_id, agency_code, profile_name) VALUES (1, 'SNV', 'Nguyễn Văn An');
         INSERT INTO inspections (plan_year, agency_code, visit_date, template_code, template_version, created_at, created_by)
             VALUES (2026, 'SNV', '2026-05-04', 'KH167', 1, 't', 'Nguyễn Văn An');
         INSERT INTO inspection_items (inspection_id, source_ref, section_ref, objective_ref, text, par_fields, par_criteria, position, status)
             VALUES (1, 'I.1.a', 'I', 'I.1', 'Ban hành kế hoạch', '[]', '[]', 0, 'met'),
                    (1, 'I.1.b', 'I', 'I.1', 'Kiểm tra', '[]', '[]', 1, NULL);
         INSERT INTO inspection_scores (inspection_id, criterion, self_score) VALUES (1, '1.1', 2.0);
         INSERT INTO evidence (inspection_id, name, sha256, size, media_type, captured_at, captured_by)
             VALUES (1, 'kh.pdf', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 10, 'application/pdf', 't', 'Nguyễn Văn An');
         INSERT INTO evidence_criteria (evidence_id, criterion) VALUES (1, '1.1');
         INSERT INTO evidence_items (evidence_id, source_ref) VALUES (1, 'I.1.a');
         INSERT INTO findings (inspection_id, kind, text, source_ref, created_at, created_by)
             VALUES (1, 'strength', 'Tốt', 'I.1.a', 't', 'Nguyễn Văn An');
         INSERT INTO audit_log (at, action, entity, entity_key) VALUES ('t', 'a', 'e', 'k');",
    )
    .unwrap();
}

#[test]
fn a_schema_5_store_upgrades_in_place_with_a_uid_on_every_row_that_travels() {
    let dir = tempfile::tempdir().unwrap();
    schema_5_store(dir.path());
    let db = Db::open(dir.path()).unwrap();
    assert_eq!(
        db.schema_version().unwrap(),
        kiemtra_core::db::SCHEMA_VERSION
    );
    let c = db.conn();
    let one = |sql: &str| -> String { c.query_row(sql, [], |r| r.get(0)).unwrap() };
    use kiemtra_core::uid;
    let insp = uid::inspection(2026, "SNV");
    assert_eq!(
        one("SELECT uid FROM inspections"),
        insp,
        "name-based from (year, agency)"
    );
    assert_eq!(one("SELECT uid FROM plans"), uid::plan(2026));
    assert_eq!(
        one("SELECT uid FROM plan_agencies"),
        uid::plan_entry(2026, "SNV")
    );
    assert_eq!(
        one("SELECT uid FROM inspection_items WHERE source_ref = 'I.1.a'"),
        uid::answer(&insp, "I.1.a")
    );
    assert_eq!(
        one("SELECT uid FROM inspection_scores"),
        uid::score(&insp, "1.1")
    );
    let ev = uid::evidence(&insp, &"a".repeat(64));
    assert_eq!(one("SELECT uid FROM evidence"), ev);
    assert_eq!(
        one("SELECT uid FROM evidence_items"),
        uid::mapping(&ev, "item", "I.1.a")
    );
    assert_eq!(
        one("SELECT uid FROM evidence_criteria"),
        uid::mapping(&ev, "criterion", "1.1")
    );
    for table in ["findings", "audit_log", "profiles"] {
        let missing: i64 = c
            .query_row(
                &format!("SELECT COUNT(*) FROM {table} WHERE uid IS NULL"),
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(missing, 0, "{table}: every row has its uid");
    }
    // Profiles are referenced by uid: the team and the current profile survived the rebuild.
    let lead = uid::profile("Trần Thị Bình");
    assert_eq!(one("SELECT team_lead_uid FROM plan_agencies"), lead);
    assert_eq!(
        one("SELECT profile_uid FROM plan_team_members"),
        uid::profile("Nguyễn Văn An")
    );
    let plan = kiemtra_core::plan::show(c, 2026).unwrap();
    assert_eq!(plan.agencies[0].team.lead.as_deref(), Some("Trần Thị Bình"));
    assert_eq!(
        plan.agencies[0].team.members,
        vec!["Nguyễn Văn An".to_string()]
    );
    let me = kiemtra_core::profile::current(c).unwrap().unwrap();
    assert_eq!(me.name, "Nguyễn Văn An", "the current profile is kept");
    // The data itself is untouched, and the audit log is append-only again.
    assert_eq!(
        one("SELECT status FROM inspection_items WHERE source_ref = 'I.1.a'"),
        "met"
    );
    assert!(c.execute("UPDATE audit_log SET action = 'x'", []).is_err());
    assert!(
        c.execute(
            "INSERT INTO findings (inspection_id, kind, text, source_ref, created_at, created_by)
             VALUES (1, 'strength', 'x', 'I.1.a', 't', 'x')",
            []
        )
        .is_err(),
        "a row without its uid is refused"
    );
}

#[test]
fn two_stores_upgraded_apart_give_the_same_inspection_the_same_uid() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    schema_5_store(a.path());
    schema_5_store(b.path());
    let uids = |d: &std::path::Path| -> Vec<String> {
        let db = Db::open(d).unwrap();
        let mut stmt = db
            .conn()
            .prepare(
                "SELECT uid FROM inspections UNION ALL SELECT uid FROM inspection_items
                 UNION ALL SELECT uid FROM evidence ORDER BY 1",
            )
            .unwrap();
        let v = stmt
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        v
    };
    let (ua, ub) = (uids(a.path()), uids(b.path()));
    assert_eq!(ua.len(), 4);
    assert_eq!(ua, ub);
    let findings = |d: &std::path::Path| -> String {
        Db::open(d)
            .unwrap()
            .conn()
            .query_row("SELECT uid FROM findings", [], |r| r.get(0))
            .unwrap()
    };
    assert_ne!(
        findings(a.path()),
        findings(b.path()),
        "findings are random: two notes, two findings"
    );
}

#[test]
fn a_store_from_before_the_calendar_years_knows_the_years_its_holidays_cover() {
    let dir = tempfile::tempdir().unwrap();
    {
        let conn = rusqlite::Connection::open(dir.path().join(kiemtra_core::db::DB_FILE)).unwrap();
        for sql in [
            include_str!("../../migrations/0001_foundation.sql"),
            include_str!("../../migrations/0002_plans.sql"),
            include_str!("../../migrations/0003_inspections.sql"),
            include_str!("../../migrations/0004_evidence.sql"),
            include_str!("../../migrations/0005_calendar_notices.sql"),
            include_str!("../../migrations/0006_identity.sql"),
            include_str!("../../migrations/0007_identity_keys.sql"),
            include_str!("../../migrations/0008_exchange.sql"),
            include_str!("../../migrations/0009_agency_addressee.sql"),
        ] {
            conn.execute_batch(sql).unwrap();
        }
        conn.pragma_update(None, "user_version", 9).unwrap();
        conn.execute_batch(
            "INSERT INTO calendar_days (date, kind, name) VALUES ('2026-01-01', 'off', 'Tết Dương lịch');
             INSERT INTO calendar_days (date, kind, name) VALUES ('2026-01-10', 'working', 'Làm bù');",
        )
        .unwrap();
    }
    let db = Db::open(dir.path()).unwrap();
    assert_eq!(
        kiemtra_core::calendar::years_with_holidays(db.conn()).unwrap(),
        vec![2026]
    );
}
