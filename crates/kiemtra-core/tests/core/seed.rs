use kiemtra_core::{audit, seed, Db};

use crate::support::seeded_db;

#[test]
fn loading_twice_gives_the_same_counts_and_writes_nothing_the_second_time() {
    let mut db = seeded_db();
    let first = seed::summary(&db).unwrap();
    let audit_before = audit::count(db.conn()).unwrap();

    let report = seed::load_all(&mut db).unwrap();
    let second = seed::summary(&db).unwrap();

    assert!(
        report.loaded.is_empty(),
        "unchanged seeds must be skipped: {report:?}"
    );
    assert_eq!(first, second);
    assert_eq!(
        audit::count(db.conn()).unwrap(),
        audit_before,
        "a no-op load leaves no audit entry"
    );
}

#[test]
fn the_seeded_store_holds_the_register_framework_and_all_32_objectives() {
    let db = seeded_db();
    let s = seed::summary(&db).unwrap();
    assert_eq!(
        (s.register.communes, s.register.xa, s.register.phuong),
        (99, 66, 33)
    );
    assert_eq!(
        s.register.provincial_active, 15,
        "14 departments and the industrial-zone board"
    );
    assert_eq!(
        s.par_fields, 8,
        "QĐ 876/QĐ-BNV has 8 fields at province level"
    );
    assert_eq!(s.objectives, 32);
    assert_eq!(
        s.objectives_without_items, 0,
        "every objective has at least one item"
    );
}

#[test]
fn a_new_seed_version_never_overwrites_what_a_user_imported() {
    let mut db = crate::support::seeded_db_with_lead();
    kiemtra_core::agency::import_csv(
        &mut db,
        "code,name,block\n07264,Xã Tam Tiến (đã sửa),commune\n".as_bytes(),
    )
    .unwrap();
    // Pretend the shipped seed changed: forget what was loaded and load again.
    db.conn().execute("DELETE FROM seed_log", []).unwrap();
    let report = seed::load_all(&mut db).unwrap();
    assert_eq!(report.loaded.len(), 5, "every seed is re-applied");
    let a = kiemtra_core::agency::get(db.conn(), "07264").unwrap();
    assert_eq!(a.name, "Xã Tam Tiến (đã sửa)");
    assert_eq!(seed::summary(&db).unwrap().register.communes, 99);
}

#[test]
fn seeds_load_into_a_file_store_and_survive_reopening() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut db = Db::open(dir.path()).unwrap();
        seed::load_all(&mut db).unwrap();
    }
    let db = Db::open(dir.path()).unwrap();
    assert_eq!(seed::summary(&db).unwrap().register.communes, 99);
}

#[test]
fn the_shipped_tree_is_the_derived_version_and_says_its_codes_are_not_official() {
    let v: serde_json::Value = serde_json::from_str(kiemtra_core::seed::PAR_FRAMEWORK).unwrap();
    assert_eq!(v["version"], kiemtra_core::framework::DERIVED_VERSION);
    let name = v["name"].as_str().unwrap();
    assert!(
        name.starts_with("Tiêu chí suy ra từ Kế hoạch 167/KH-UBND"),
        "{name}"
    );
    assert!(name.contains("không phải mã tiêu chí chính thức"), "{name}");
    for n in v["nodes"].as_array().unwrap() {
        if n["level"] != "field" {
            assert!(n["source"].as_str().unwrap().starts_with("KH 167"), "{n}");
        }
    }
}
