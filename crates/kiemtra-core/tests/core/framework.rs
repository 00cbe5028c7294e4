use kiemtra_core::framework::{self, Level};

use crate::support::{seeded_db, seeded_db_with_lead};

#[test]
fn the_seeded_tree_has_the_eight_fields_with_sources_and_no_invented_points() {
    let db = seeded_db();
    let tree = framework::show(db.conn(), None).unwrap();
    assert_eq!(tree.nodes.len(), 8);
    assert!(tree.nodes.iter().all(|n| n.level == Level::Field));
    let codes: Vec<_> = tree.nodes.iter().map(|n| n.code.as_str()).collect();
    assert_eq!(codes, ["1", "2", "3", "4", "5", "6", "7", "8"]);
    fn walk(nodes: &[framework::FrameworkNode], f: &mut impl FnMut(&framework::FrameworkNode)) {
        for n in nodes {
            f(n);
            walk(&n.children, f);
        }
    }
    walk(&tree.nodes, &mut |n| {
        assert!(
            n.max_points.is_none(),
            "max points of {} are unknown and must stay empty",
            n.code
        );
        assert!(
            n.source.as_deref().is_some_and(|s| !s.is_empty()),
            "{} has no source",
            n.code
        );
    });
    assert!(
        tree.nodes[2].children.len() >= 12,
        "the 12 TTHC objectives become criteria of field 3"
    );
}

#[test]
fn an_official_tree_becomes_a_new_current_version_and_the_old_one_stays() {
    let mut db = seeded_db_with_lead();
    let csv = "code,name,parent_code,max_points\n1,Công tác chỉ đạo điều hành,,9\n1.1,Kế hoạch CCHC,1,2\n1.1.1,Ban hành kịp thời,1.1,1\n";
    framework::import(
        &mut db,
        csv.as_bytes(),
        false,
        "QD876-chinh-thuc",
        None,
        Some(2026),
    )
    .unwrap();
    let versions = framework::versions(db.conn()).unwrap();
    assert_eq!(versions.len(), 2);
    assert!(versions
        .iter()
        .any(|v| v.name == "QD876-chinh-thuc" && v.is_current && v.node_count == 3));
    let tree = framework::show(db.conn(), None).unwrap();
    assert_eq!(
        tree.nodes[0].children[0].children[0].level,
        Level::SubCriterion
    );
    assert_eq!(tree.nodes[0].max_points, Some(9.0));
    let old = framework::show(db.conn(), Some("QD876-2022-KH167")).unwrap();
    assert_eq!(old.nodes.len(), 8);
}

#[test]
fn a_bad_tree_or_a_taken_name_changes_nothing() {
    let mut db = seeded_db_with_lead();
    let bad = r#"[{"code":"1","name":"A"},{"code":"1.1","name":"B","parent":"9"}]"#;
    assert_eq!(
        framework::import(&mut db, bad.as_bytes(), true, "v2", None, None)
            .unwrap_err()
            .code(),
        "import_row"
    );
    let good = r#"{"nodes":[{"code":"1","name":"A","max_points":10}]}"#;
    assert_eq!(
        framework::import(
            &mut db,
            good.as_bytes(),
            true,
            "QD876-2022-KH167",
            None,
            None
        )
        .unwrap_err()
        .code(),
        "framework_version_exists"
    );
    assert_eq!(framework::versions(db.conn()).unwrap().len(), 1);
}
