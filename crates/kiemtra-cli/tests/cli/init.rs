//! `kiemtra init`: the store created once, the same counts the second time.

use crate::{json, kiemtra, stdout};

#[test]
fn init_twice_reports_the_same_counts() {
    let dir = tempfile::tempdir().unwrap();
    let first = json(kiemtra(dir.path()).args(["init", "--json"]));
    let second = json(kiemtra(dir.path()).args(["init", "--json"]));
    assert_eq!(first["summary"], second["summary"]);
    let s = &first["summary"];
    assert_eq!(s["register"]["communes"], 99);
    assert_eq!(s["register"]["xa"], 66);
    assert_eq!(s["register"]["phuong"], 33);
    assert_eq!(s["par_fields"], 8);
    assert_eq!(s["objectives"], 32);
    assert_eq!(s["objectives_without_items"], 0);
    assert_eq!(second["seeds"]["loaded"].as_array().unwrap().len(), 0);
    let text = stdout(kiemtra(dir.path()).arg("init"));
    assert!(
        text.contains(&dir.path().display().to_string()),
        "init prints the data directory: {text}"
    );
}
