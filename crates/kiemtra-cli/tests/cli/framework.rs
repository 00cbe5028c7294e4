//! `kiemtra framework`: the PAR Index tree.

use crate::{json, kiemtra, stdout};

#[test]
fn framework_show_json_is_a_tree_with_versions() {
    let dir = tempfile::tempdir().unwrap();
    stdout(kiemtra(dir.path()).arg("init"));
    let v = json(kiemtra(dir.path()).args(["framework", "show", "--json"]));
    assert!(v["version"].is_string());
    let nodes = v["nodes"].as_array().unwrap();
    assert_eq!(nodes.len(), 8);
    assert!(nodes[0]["children"]
        .as_array()
        .is_some_and(|c| !c.is_empty()));
    assert!(nodes[0]["max_points"].is_null());
}
