use kiemtra_core::agency::{self, AgencyFilter, Block};
use kiemtra_core::profile::{self, Role};
use kiemtra_core::text;

use crate::support::{seeded_db, seeded_db_with_lead};

fn all(db: &kiemtra_core::Db) -> Vec<agency::Agency> {
    agency::list(
        db.conn(),
        &AgencyFilter {
            include_inactive: true,
            ..Default::default()
        },
    )
    .unwrap()
}

#[test]
fn typing_without_diacritics_finds_thuan_thanh() {
    let db = seeded_db();
    let found = agency::list(
        db.conn(),
        &AgencyFilter {
            search: Some("thuan thanh".into()),
            ..Default::default()
        },
    )
    .unwrap();
    let names: Vec<_> = found.iter().map(|a| a.name.as_str()).collect();
    assert!(names.contains(&"Phường Thuận Thành"), "{names:?}");
}

#[test]
fn the_block_filter_splits_the_register() {
    let db = seeded_db();
    let communes = agency::list(
        db.conn(),
        &AgencyFilter {
            block: Some(Block::Commune),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(communes.len(), 99);
    assert!(communes.iter().all(|a| a.block == Block::Commune));
    let provincial = agency::list(
        db.conn(),
        &AgencyFilter {
            block: Some(Block::Provincial),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(
        provincial.len(),
        15,
        "inactive units are hidden unless asked for"
    );
}

#[test]
fn the_register_is_in_vietnamese_order() {
    let db = seeded_db();
    let list = agency::list(
        db.conn(),
        &AgencyFilter {
            block: Some(Block::Commune),
            ..Default::default()
        },
    )
    .unwrap();
    for pair in list.windows(2) {
        assert_ne!(
            text::compare(&pair[0].name, &pair[1].name),
            std::cmp::Ordering::Greater,
            "{} before {}",
            pair[0].name,
            pair[1].name
        );
    }
    // Xã Đ… after every Xã D…, not mixed in with them.
    let xa: Vec<_> = list
        .iter()
        .filter(|a| a.name.starts_with("Xã "))
        .map(|a| a.name.as_str())
        .collect();
    let last_d = xa.iter().rposition(|n| n.starts_with("Xã D"));
    let first_dd = xa.iter().position(|n| n.starts_with("Xã Đ"));
    if let (Some(d), Some(dd)) = (last_d, first_dd) {
        assert!(d < dd, "{xa:?}");
    }
}

#[test]
fn an_import_with_one_bad_row_changes_nothing_and_names_the_line() {
    let mut db = seeded_db_with_lead();
    let before = all(&db);
    let bad = "code,name,block\nBQLX,Ban Quản lý dự án,provincial\n07264,Xã Tam Tiến mới,commune\nZZ1,Đơn vị lạ,district\n";
    let err = agency::import_csv(&mut db, bad.as_bytes()).unwrap_err();
    match &err {
        kiemtra_core::Error::ImportRow { line, .. } => assert_eq!(*line, 4),
        other => panic!("expected a row error, got {other:?}"),
    }
    assert!(err.to_string().contains("dòng 4"), "{err}");
    assert_eq!(all(&db), before, "nothing may be written");

    let good =
        "code,name,block\nBQLX,Ban Quản lý dự án,provincial\n07264,Xã Tam Tiến mới,commune\n";
    let s = agency::import_csv(&mut db, good.as_bytes()).unwrap();
    assert_eq!((s.added, s.updated), (1, 1));
    assert_eq!(
        agency::get(db.conn(), "07264").unwrap().name,
        "Xã Tam Tiến mới"
    );
}

#[test]
fn an_inspector_cannot_import_the_register() {
    let mut db = seeded_db_with_lead();
    profile::add(&mut db, "Nguyễn Văn An", Role::Inspector, None).unwrap();
    profile::use_profile(&mut db, "Nguyễn Văn An").unwrap();
    let err = agency::import_csv(
        &mut db,
        "code,name,block\nX1,Đơn vị,provincial\n".as_bytes(),
    )
    .unwrap_err();
    assert_eq!(err.code(), "lead_only");
    assert!(agency::get(db.conn(), "X1").is_err());
}
