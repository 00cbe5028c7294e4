use std::collections::{BTreeMap, HashSet};

use kiemtra_core::checklist::{self, GroupLevel, ItemKind, Op};

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

    // Lead duties come from the Chủ trì column; co-operation duties (Phối hợp) are tested below.
    for i in commune.items.iter().filter(|i| i.kind == ItemKind::Lead) {
        assert!(
            i.applies_to.iter().any(|s| s == "commune" || s == "07264"),
            "{} does not apply to a commune",
            i.source_ref
        );
    }
    for i in finance.items.iter().filter(|i| i.kind == ItemKind::Lead) {
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
        .filter(|i| i.kind == ItemKind::Lead)
        .map(|i| i.source_ref.as_str())
        .collect();
    let finance_refs: HashSet<_> = finance
        .items
        .iter()
        .filter(|i| i.kind == ItemKind::Lead)
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

#[test]
fn a_department_that_cooperates_on_civil_service_items_has_them_as_cooperation() {
    let db = seeded_db();
    // Sở Tư pháp leads nothing in section IV (công vụ): every IV item is Sở Nội vụ's, with
    // "Các cơ quan, địa phương, đơn vị" co-operating.
    let stp = checklist::show(db.conn(), Some("STP"), None).unwrap();
    let civil: Vec<_> = stp.items.iter().filter(|i| i.section_ref == "IV").collect();
    let refs: Vec<&str> = civil.iter().map(|i| i.source_ref.as_str()).collect();
    for r in [
        "IV.1.1.1", "IV.1.1.2", "IV.2.1.1", "IV.2.1.2", "IV.3.1.1", "IV.5.1.1",
    ] {
        assert!(refs.contains(&r), "STP lacks {r}: {refs:?}");
    }
    assert!(civil.iter().all(|i| i.kind == ItemKind::Cooperation));
    assert!(civil
        .iter()
        .all(|i| i.applies_to == ["SNV"] && i.cooperates.iter().any(|s| s == "provincial")));
    // Its own duties are still lead duties, listed before the co-operation ones.
    let i112 = stp
        .items
        .iter()
        .find(|i| i.source_ref == "I.1.1.2")
        .unwrap();
    assert_eq!(i112.kind, ItemKind::Lead);
    let first_coop = stp
        .items
        .iter()
        .position(|i| i.kind == ItemKind::Cooperation)
        .unwrap();
    assert!(stp.items[first_coop..]
        .iter()
        .all(|i| i.kind == ItemKind::Cooperation));
    assert!(stp.items[..first_coop]
        .iter()
        .all(|i| i.kind == ItemKind::Lead));
    // The groups of co-operation items are shown too.
    assert!(stp.groups.iter().any(|g| g.r#ref == "IV"));

    // A commune co-operates on them as well; Sở Nội vụ leads them.
    let commune = checklist::show(db.conn(), Some("07264"), None).unwrap();
    let iv = commune
        .items
        .iter()
        .find(|i| i.source_ref == "IV.2.1.2")
        .unwrap();
    assert_eq!(iv.kind, ItemKind::Cooperation);
    let snv = checklist::show(db.conn(), Some("SNV"), None).unwrap();
    assert_eq!(
        snv.items
            .iter()
            .find(|i| i.source_ref == "IV.2.1.2")
            .unwrap()
            .kind,
        ItemKind::Lead
    );
    // An item with no co-operating agency is nobody's co-operation duty; the unnarrowed
    // list has every item as it is, as lead.
    let all = checklist::show(db.conn(), None, None).unwrap();
    assert!(all.items.iter().all(|i| i.kind == ItemKind::Lead));
    assert!(all
        .items
        .iter()
        .filter(|i| i.cooperating.is_none())
        .all(|i| i.cooperates.is_empty()));
    assert!(
        !stp.items.iter().any(|i| i.source_ref == "VI.4.1.1"),
        "telecom companies co-operate on VI.4.1.1, not Sở Tư pháp"
    );
}

#[test]
fn the_items_the_seed_states_twice_appear_once_with_both_sources() {
    let db = seeded_db();
    for agency in [None, Some("07264"), Some("STC")] {
        let c = checklist::show(db.conn(), agency, None).unwrap();
        let count = |r: &str| c.items.iter().filter(|i| i.source_ref == r).count();
        assert_eq!(count("TC.1.1.1"), 0, "{agency:?}");
        assert_eq!(count("V.1.2.5"), 0, "{agency:?}");
        if agency != Some("STC") {
            let plan = c
                .items
                .iter()
                .find(|i| i.source_ref == "VII.2.2.1")
                .unwrap();
            assert_eq!(plan.also_refs, ["TC.1.1.1"]);
        }
        if agency != Some("07264") {
            let v = c.items.iter().find(|i| i.source_ref == "V.1.2.4").unwrap();
            assert_eq!(v.also_refs, ["V.1.2.5"]);
        }
        // No item is listed under two references.
        let mut refs: Vec<&str> = c
            .items
            .iter()
            .flat_map(|i| {
                std::iter::once(i.source_ref.as_str()).chain(i.also_refs.iter().map(String::as_str))
            })
            .collect();
        let n = refs.len();
        refs.sort_unstable();
        refs.dedup();
        assert_eq!(refs.len(), n);
    }
    // 126 activities and targets in the seed, two of them repeats.
    let all = checklist::show(db.conn(), None, None).unwrap();
    assert_eq!(all.items.len(), 124);
}

#[test]
fn targets_the_seed_states_differently_for_one_figure_are_flagged() {
    let db = seeded_db();
    let c = checklist::show(db.conn(), Some("07264"), None).unwrap();
    let item = |r: &str| c.items.iter().find(|i| i.source_ref == r).unwrap();
    let conflicts = |r: &str| -> Vec<(String, Op, f64)> {
        item(r)
            .target_conflicts
            .iter()
            .map(|t| (t.source_ref.clone(), t.target.op, t.target.value))
            .collect()
    };
    // Data reuse: > 90% (II.9) against ≥ 80% (VI.1).
    assert_eq!(
        conflicts("II.9.CT.2"),
        [("VI.1.CT.6".to_string(), Op::Ge, 80.0)]
    );
    assert_eq!(
        conflicts("VI.1.CT.6"),
        [("II.9.CT.2".to_string(), Op::Gt, 90.0)]
    );
    // Online payment: ≥ 85% and > 85% (II.8) against ≥ 80% (VI.1).
    let c71 = conflicts("VI.1.CT.7");
    assert!(c71.contains(&("II.8.CT.1".to_string(), Op::Ge, 85.0)));
    assert!(c71.contains(&("II.8.CT.2".to_string(), Op::Gt, 85.0)));
    assert!(conflicts("II.8.CT.1").contains(&("VI.1.CT.7".to_string(), Op::Ge, 80.0)));
    let note = checklist::conflict_note(&item("II.9.CT.2").target_conflicts).unwrap();
    assert!(note.contains("VI.1.CT.6 (≥ 80%)"), "{note}");
    // Items measuring nothing shared carry no flag.
    assert!(item("II.6.CT.1").target_conflicts.is_empty());
    assert_eq!(
        c.items
            .iter()
            .filter(|i| !i.target_conflicts.is_empty())
            .count(),
        5
    );
}
