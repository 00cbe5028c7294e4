//! `kiemtra plan`: a reproducible draw and a refusal that names the shortfall.

use std::path::Path;

use serde_json::Value;

use crate::{json, kiemtra, stdout};

#[test]
fn plan_create_random_7_is_reproducible_and_finalize_names_the_shortfall() {
    let plan_of = |dir: &Path| -> Value {
        stdout(kiemtra(dir).arg("init"));
        stdout(kiemtra(dir).args(["profile", "add", "Trần Thị Bình", "--role", "lead"]));
        json(kiemtra(dir).args([
            "plan", "create", "--year", "2026", "--random", "7", "--json",
        ]))
    };
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (pa, pb) = (plan_of(a.path()), plan_of(b.path()));
    let codes = |p: &Value| {
        p["agencies"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["code"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        codes(&pa),
        codes(&pb),
        "a fresh data directory gives the identical list"
    );
    for block in ["provincial", "commune"] {
        let c = &pa["coverage"][block];
        assert!(
            c["selected"].as_i64().unwrap() * 5 >= c["total"].as_i64().unwrap(),
            "{block}: {c}"
        );
    }
    assert_eq!(pa["seed"], 7);

    // One commune short: finalize fails and says 1 for the commune block.
    let commune = pa["agencies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["block"] == "commune")
        .unwrap()["code"]
        .as_str()
        .unwrap()
        .to_string();
    stdout(kiemtra(a.path()).args(["plan", "create", "--year", "2026", "--exclude", &commune]));
    let out = kiemtra(a.path())
        .args(["plan", "finalize", "--year", "2026"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("UBND cấp xã còn thiếu 1 cơ quan"), "{err}");
    let shown = json(kiemtra(a.path()).args(["plan", "show", "--year", "2026", "--json"]));
    assert_eq!(shown["status"], "draft");
}
