use std::collections::{BTreeMap, HashSet};

use kiemtra_core::checklist::{self, GroupLevel, Op};

use crate::support::{seeded_db, source_text, squash};

#[test]
fn objectives_per_section_follow_the_plan_numbering() {
    let db = seeded_db();
    let c = checklist::show(db.conn(), None, None).unwrap();
    let mut per_section: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for g in c.groups.iter().filter(|g| g.level == GroupLevel::Objective) {
        per_section
            .entry(g.parent_ref.clone().unwrap())
            .or_default()
            .push(g.r#ref.clone());
    }
    let count = |s: &str| per_section.get(s).map_or(0, Vec::len);
    assert_eq!(
        [
            count("I"),
            count("II"),
            count("III"),
            count("IV"),
            count("V"),
            count("VI"),
            count("VII")
        ],
        [1, 12, 1, 5, 4, 5, 4]
    );
    let ii = &per_section["II"];
    assert!(
        !ii.contains(&"II.7".to_string()),
        "the source has no objective II.7"
    );
    assert!(ii.contains(&"II.8".to_string()) && ii.contains(&"II.13".to_string()));
}

#[test]
fn sample_targets_and_deadlines_match_the_source() {
    let db = seeded_db();
    let c = checklist::show(db.conn(), None, None).unwrap();
    let item = |r: &str| {
        c.items
            .iter()
            .find(|i| i.source_ref == r)
            .unwrap_or_else(|| panic!("no item {r}"))
    };
    let src = source_text();

    let t = item("II.6.CT.1").target.clone().unwrap();
    assert_eq!((t.op, t.value, t.unit.as_str()), (Op::Gt, 95.0, "%"));
    assert!(src.contains("trên 95% hồ sơ TTHC được giải quyết trước và đúng hạn"));

    let t = item("II.8.CT.1").target.clone().unwrap();
    assert_eq!((t.op, t.value), (Op::Ge, 85.0));
    assert!(src.contains("Tối thiểu 85% TTHC có yêu cầu nghĩa vụ tài chính"));

    let t = item("VI.3.CT.1").target.clone().unwrap();
    assert_eq!((t.op, t.value, t.unit.as_str()), (Op::Ge, 0.71, "điểm"));
    assert!(src.contains("Chỉ số Chuyển đổi số cấp tỉnh đạt 0,71"));

    let t = item("VI.4.CT.1").target.clone().unwrap();
    assert_eq!((t.op, t.value), (Op::Ge, 70.0));

    let d = item("II.2.1.1");
    assert_eq!(d.deadline.as_deref(), Some("Chậm nhất 10/01/2026"));
    assert_eq!(d.due.as_deref(), Some("2026-01-10"));
    let d = item("VII.2.1.1");
    assert_eq!(d.deadline.as_deref(), Some("Tháng 01/2026"));
    assert_eq!(
        d.due.as_deref(),
        Some("2026-01-31"),
        "a month deadline means its last day"
    );
}

#[test]
fn every_activity_quotes_the_plan_and_keeps_its_responsibility_columns() {
    let db = seeded_db();
    let c = checklist::show(db.conn(), None, None).unwrap();
    let src = source_text();
    let mut checked = 0;
    for i in c
        .items
        .iter()
        .filter(|i| !i.source_ref.contains(".CT.") && !i.source_ref.starts_with("TC."))
    {
        assert!(
            src.contains(&squash(&i.text)),
            "{} does not quote the plan: {}",
            i.source_ref,
            i.text
        );
        for cell in [&i.evidence, &i.lead, &i.cooperating, &i.deadline]
            .into_iter()
            .flatten()
        {
            assert!(
                src.contains(&squash(cell)),
                "{}: «{cell}» is not in the plan",
                i.source_ref
            );
        }
        assert!(!i.applies_to.is_empty());
        checked += 1;
    }
    assert!(checked > 80, "only {checked} activities checked");
}

#[test]
fn a_commune_and_the_finance_department_get_different_items_by_the_lead_column() {
    let db = seeded_db();
    let commune = checklist::show(db.conn(), Some("07264"), None).unwrap();
    let finance = checklist::show(db.conn(), Some("STC"), None).unwrap();
    let all = checklist::show(db.conn(), None, None).unwrap();

    for i in &commune.items {
        assert!(
            i.applies_to.iter().any(|s| s == "commune" || s == "07264"),
            "{} does not apply to a commune",
            i.source_ref
        );
    }
    for i in &finance.items {
        assert!(
            i.applies_to.iter().any(|s| s == "provincial" || s == "STC"),
            "{} does not apply to STC",
            i.source_ref
        );
    }
    // Items only the finance department leads (e.g. public-finance reform) are not a commune's.
    let stc_only: Vec<_> = all
        .items
        .iter()
        .filter(|i| i.applies_to == ["STC"])
        .collect();
    assert!(!stc_only.is_empty());
    let commune_refs: HashSet<_> = commune
        .items
        .iter()
        .map(|i| i.source_ref.as_str())
        .collect();
    let finance_refs: HashSet<_> = finance
        .items
        .iter()
        .map(|i| i.source_ref.as_str())
        .collect();
    for i in &stc_only {
        assert!(
            finance_refs.contains(i.source_ref.as_str())
                && !commune_refs.contains(i.source_ref.as_str())
        );
    }
    // Items addressed only to communes are not the department's.
    for i in all.items.iter().filter(|i| i.applies_to == ["commune"]) {
        assert!(
            commune_refs.contains(i.source_ref.as_str())
                && !finance_refs.contains(i.source_ref.as_str())
        );
    }
    // Items led by Sở Tư pháp alone are neither's.
    for i in all.items.iter().filter(|i| i.applies_to == ["STP"]) {
        assert!(
            !commune_refs.contains(i.source_ref.as_str())
                && !finance_refs.contains(i.source_ref.as_str())
        );
    }
    assert_ne!(commune_refs, finance_refs);
    assert!(commune.groups.iter().all(|g| commune.items.iter().any(|i| [
        &i.section_ref,
        &i.objective_ref,
        &i.task_ref
    ]
    .contains(&&g.r#ref))));
}

#[test]
fn an_unknown_agency_is_refused_by_name() {
    let db = seeded_db();
    let err = checklist::show(db.conn(), Some("KHONGCO"), None).unwrap_err();
    assert_eq!(err.code(), "agency_not_found");
    assert!(err.to_string().contains("KHONGCO"));
}
