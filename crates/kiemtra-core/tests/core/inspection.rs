use kiemtra_core::checklist::ItemKind;
use kiemtra_core::inspection::{
    self, FindingKind, InspectionStatus, ItemStatus, NewFinding, Record,
};
use kiemtra_core::judgement::Judgement;
use kiemtra_core::plan::{self, PlanChange};
use kiemtra_core::profile::{self, Role};
use kiemtra_core::{audit, framework, Db};

use crate::support::seeded_db_with_lead;

/// A store with a 2026 plan containing Xã Tam Tiến and Sở Tài chính, an inspector current.
pub fn planned_db() -> Db {
    let mut db = seeded_db_with_lead();
    plan::apply(
        &mut db,
        2026,
        &PlanChange {
            include: vec!["07264".into(), "STC".into()],
            ..Default::default()
        },
    )
    .unwrap();
    profile::add(&mut db, "Nguyễn Văn An", Role::Inspector, None).unwrap();
    profile::use_profile(&mut db, "Nguyễn Văn An").unwrap();
    db
}

fn rec(status: ItemStatus) -> Record {
    Record {
        status: Some(status),
        ..Default::default()
    }
}

#[test]
fn the_checklist_is_frozen_at_start_and_limited_to_the_agency() {
    let mut db = planned_db();
    let id = inspection::start(&mut db, 2026, "07264", Some("2026-05-04")).unwrap();
    let i = inspection::show(db.conn(), id).unwrap();
    let expected = kiemtra_core::checklist::show(db.conn(), Some("07264"), None).unwrap();
    assert_eq!(i.items.len(), expected.items.len());
    // A later change to the template does not move the inspection.
    db.conn()
        .execute("UPDATE checklist_items SET text = 'đã đổi'", [])
        .unwrap();
    let again = inspection::show(db.conn(), id).unwrap();
    assert!(again.items.iter().all(|it| it.text != "đã đổi"));
    assert_eq!(
        inspection::start(&mut db, 2026, "07264", None)
            .unwrap_err()
            .code(),
        "inspection_exists"
    );
    assert_eq!(
        inspection::start(&mut db, 2026, "09400", None)
            .unwrap_err()
            .code(),
        "not_in_plan"
    );
}

#[test]
fn a_figure_is_judged_against_its_target_and_a_disagreement_needs_a_note() {
    let mut db = planned_db();
    let id = inspection::start(&mut db, 2026, "07264", None).unwrap();
    let r = Record {
        status: Some(ItemStatus::Met),
        value: Some(93.5),
        ..Default::default()
    };
    let err = inspection::record(&mut db, id, "II.6.CT.1", &r).unwrap_err();
    assert!(err.to_string().contains("cần ghi chú"), "{err}");
    let r = Record {
        note: Some("Số liệu quý IV chưa cập nhật".into()),
        ..r
    };
    let it = inspection::record(&mut db, id, "II.6.CT.1", &r).unwrap();
    assert_eq!(it.judgement, Some(Judgement::Unmet), "93,5% against > 95%");
    assert!(it.disagreement);
    let it = inspection::record(
        &mut db,
        id,
        "II.6.CT.1",
        &Record {
            status: Some(ItemStatus::Met),
            value: Some(96.2),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(it.judgement, Some(Judgement::Met));
    assert!(!it.disagreement);
    // A figure on an item without a target is refused.
    assert_eq!(
        inspection::record(
            &mut db,
            id,
            "II.2.1.1",
            &Record {
                value: Some(1.0),
                ..rec(ItemStatus::Met)
            }
        )
        .unwrap_err()
        .code(),
        "invalid"
    );
}

#[test]
fn a_completion_date_is_judged_on_time_or_late() {
    let mut db = planned_db();
    let id = inspection::start(&mut db, 2026, "07264", None).unwrap();
    let on_time = inspection::record(
        &mut db,
        id,
        "II.2.1.1",
        &Record {
            done_on: Some("10/01/2026".into()),
            ..rec(ItemStatus::Met)
        },
    )
    .unwrap();
    assert_eq!(on_time.judgement, Some(Judgement::OnTime));
    let late = inspection::record(
        &mut db,
        id,
        "II.2.1.1",
        &Record {
            done_on: Some("2026-01-11".into()),
            ..rec(ItemStatus::Unmet)
        },
    )
    .unwrap();
    assert_eq!(late.judgement, Some(Judgement::Late));
    assert_eq!(late.done_on.as_deref(), Some("2026-01-11"));
}

#[test]
fn not_applicable_needs_a_reason() {
    let mut db = planned_db();
    let id = inspection::start(&mut db, 2026, "07264", None).unwrap();
    assert_eq!(
        inspection::record(&mut db, id, "II.2.1.1", &rec(ItemStatus::Na))
            .unwrap_err()
            .code(),
        "invalid"
    );
    let r = Record {
        note: Some("Xã chưa có TTHC thuộc diện này".into()),
        ..rec(ItemStatus::Na)
    };
    assert_eq!(
        inspection::record(&mut db, id, "II.2.1.1", &r)
            .unwrap()
            .status,
        Some(ItemStatus::Na)
    );
}

#[test]
fn a_submitted_inspection_refuses_an_inspectors_record_and_changes_nothing() {
    let mut db = planned_db();
    let id = inspection::start(&mut db, 2026, "07264", None).unwrap();
    inspection::record(&mut db, id, "II.2.1.1", &rec(ItemStatus::Met)).unwrap();
    inspection::submit(&mut db, id).unwrap();
    let before = inspection::show(db.conn(), id).unwrap();
    let audit_before = audit::count(db.conn()).unwrap();
    let err = inspection::record(&mut db, id, "II.2.1.1", &rec(ItemStatus::Unmet)).unwrap_err();
    assert_eq!(err.code(), "inspection_locked");
    assert!(err.to_string().contains("đã nộp"), "{err}");
    let f = NewFinding {
        kind: FindingKind::Strength,
        text: "x".into(),
        source_ref: Some("II.2.1.1".into()),
        criterion: None,
        cause: None,
        recommendation: None,
        severity: None,
        responsible: None,
        due: None,
    };
    assert_eq!(
        inspection::add_finding(&mut db, id, &f).unwrap_err().code(),
        "inspection_locked"
    );
    assert_eq!(inspection::show(db.conn(), id).unwrap(), before);
    assert_eq!(audit::count(db.conn()).unwrap(), audit_before);

    // The lead returns it with comments; the inspector can edit again.
    profile::use_profile(&mut db, "Trần Thị Bình").unwrap();
    assert_eq!(
        inspection::review(&mut db, id, false, None)
            .unwrap_err()
            .code(),
        "invalid",
        "a return needs a comment"
    );
    let back = inspection::review(&mut db, id, false, Some("Bổ sung số liệu mục II.6")).unwrap();
    assert_eq!(back.status, InspectionStatus::Returned);
    profile::use_profile(&mut db, "Nguyễn Văn An").unwrap();
    inspection::record(&mut db, id, "II.2.1.1", &rec(ItemStatus::Partial)).unwrap();
    inspection::submit(&mut db, id).unwrap();
    profile::use_profile(&mut db, "Trần Thị Bình").unwrap();
    assert_eq!(
        inspection::review(&mut db, id, true, None).unwrap().status,
        InspectionStatus::Accepted
    );
    assert_eq!(
        inspection::record(&mut db, id, "II.2.1.1", &rec(ItemStatus::Met))
            .unwrap_err()
            .code(),
        "inspection_locked",
        "accepted is final for everyone"
    );
}

#[test]
fn findings_are_tied_to_an_item_or_a_criterion_and_every_change_is_audited() {
    let mut db = planned_db();
    let id = inspection::start(&mut db, 2026, "STC", None).unwrap();
    let before = audit::count(db.conn()).unwrap();
    let f = NewFinding {
        kind: FindingKind::Shortcoming,
        text: "Chưa công khai đầy đủ TTHC trên Cổng DVC".into(),
        source_ref: None,
        criterion: Some("3.4".into()),
        cause: Some("Thiếu nhân lực".into()),
        recommendation: Some("Rà soát, công khai 100% TTHC".into()),
        severity: Some(inspection::Severity::High),
        responsible: Some("Văn phòng Sở".into()),
        due: Some("2026-08-31".into()),
    };
    let added = inspection::add_finding(&mut db, id, &f).unwrap();
    assert_eq!(added.created_by, "Nguyễn Văn An");
    let unknown = NewFinding {
        criterion: Some("99.9".into()),
        ..f.clone()
    };
    assert_eq!(
        inspection::add_finding(&mut db, id, &unknown)
            .unwrap_err()
            .code(),
        "invalid"
    );
    let neither = NewFinding {
        criterion: None,
        ..f
    };
    assert_eq!(
        inspection::add_finding(&mut db, id, &neither)
            .unwrap_err()
            .code(),
        "invalid"
    );
    assert_eq!(inspection::show(db.conn(), id).unwrap().findings.len(), 1);
    assert_eq!(
        audit::count(db.conn()).unwrap(),
        before + 1,
        "one entry for the one change that happened"
    );
    let entry = &audit::recent(db.conn(), 1).unwrap()[0];
    assert_eq!(
        (entry.action.as_str(), entry.profile.as_deref()),
        ("finding.add", Some("Nguyễn Văn An"))
    );
}

#[test]
fn scores_need_max_points_and_show_totals_per_field() {
    let mut db = planned_db();
    let id = inspection::start(&mut db, 2026, "07264", None).unwrap();
    assert_eq!(
        inspection::set_score(&mut db, id, "3.1", Some(1.0), None, None)
            .unwrap_err()
            .code(),
        "invalid",
        "no max points known yet"
    );
    profile::use_profile(&mut db, "Trần Thị Bình").unwrap();
    let csv = "code,name,parent_code,max_points\n3,Cải cách TTHC,,10\n3.1,Công khai TTHC,3,4\n3.2,Giải quyết TTHC,3,6\n";
    framework::import(
        &mut db,
        csv.as_bytes(),
        false,
        "tinh-2026",
        None,
        Some(2026),
    )
    .unwrap();
    inspection::set_score(
        &mut db,
        id,
        "3.1",
        Some(4.0),
        Some(3.0),
        Some("Thiếu tài liệu kiểm chứng công khai"),
    )
    .unwrap();
    let i = inspection::set_score(&mut db, id, "3.2", Some(5.0), Some(5.0), None).unwrap();
    let s = i.scores.iter().find(|s| s.criterion == "3.1").unwrap();
    assert_eq!(s.difference, Some(-1.0));
    assert_eq!(i.field_totals[0].self_score, 9.0);
    assert_eq!(i.field_totals[0].appraised_score, 8.0);
    assert_eq!(
        inspection::set_score(&mut db, id, "3.1", Some(5.0), None, None)
            .unwrap_err()
            .code(),
        "invalid",
        "above max"
    );
    assert_eq!(
        inspection::set_score(&mut db, id, "3.2", Some(5.0), Some(4.0), None)
            .unwrap_err()
            .code(),
        "invalid",
        "a difference needs a reason"
    );
}

#[test]
fn the_list_counts_progress_as_each_inspection_shows_it() {
    let mut db = planned_db();
    let a = inspection::start(&mut db, 2026, "07264", Some("2026-05-04")).unwrap();
    let b = inspection::start(&mut db, 2026, "STC", Some("2026-05-05")).unwrap();
    // Answers of every kind on the first: met, partial, unmet, N/A, and a disagreement.
    let refs: Vec<String> = inspection::show(db.conn(), a)
        .unwrap()
        .items
        .iter()
        .filter(|i| i.target.is_none())
        .map(|i| i.source_ref.clone())
        .take(4)
        .collect();
    inspection::record(&mut db, a, &refs[0], &rec(ItemStatus::Met)).unwrap();
    inspection::record(&mut db, a, &refs[1], &rec(ItemStatus::Partial)).unwrap();
    inspection::record(&mut db, a, &refs[2], &rec(ItemStatus::Unmet)).unwrap();
    inspection::record(
        &mut db,
        a,
        &refs[3],
        &Record {
            note: Some("Không có thủ tục này".into()),
            ..rec(ItemStatus::Na)
        },
    )
    .unwrap();
    inspection::record(
        &mut db,
        a,
        "II.6.CT.1",
        &Record {
            value: Some(93.5),
            note: Some("Số liệu quý IV chưa cập nhật".into()),
            ..rec(ItemStatus::Met)
        },
    )
    .unwrap();
    let b_first = inspection::show(db.conn(), b).unwrap().items[0]
        .source_ref
        .clone();
    inspection::record(&mut db, b, &b_first, &rec(ItemStatus::Met)).unwrap();

    let list = inspection::list(db.conn(), None, today()).unwrap();
    assert_eq!(list.len(), 2);
    for s in &list {
        let full = inspection::show(db.conn(), s.id).unwrap();
        assert_eq!(s.progress, full.progress, "inspection {}", s.id);
        assert_eq!(
            (
                &s.agency,
                &s.agency_name,
                s.status,
                s.locked,
                &s.visit_date,
                s.year
            ),
            (
                &full.agency,
                &full.agency_name,
                full.status,
                full.locked,
                &full.visit_date,
                full.year
            )
        );
    }
    let first = list.iter().find(|s| s.id == a).unwrap();
    assert_eq!(
        (
            first.progress.answered,
            first.progress.met,
            first.progress.partial,
            first.progress.unmet,
            first.progress.na,
            first.progress.disagreements
        ),
        (5, 2, 1, 1, 1, 1)
    );
    // Newest first, and one year only when asked.
    assert_eq!(list.iter().map(|s| s.id).collect::<Vec<_>>(), vec![b, a]);
    assert_eq!(
        inspection::list(db.conn(), Some(2025), today()).unwrap(),
        vec![]
    );
    assert_eq!(
        inspection::list(db.conn(), Some(2026), today()).unwrap(),
        list
    );
}

#[test]
fn an_unknown_status_in_the_store_is_an_error_not_a_default() {
    let mut db = planned_db();
    let id = inspection::start(&mut db, 2026, "07264", None).unwrap();
    // Only a hand edit (or another program) can store it: the schema's CHECK refuses it.
    db.conn()
        .execute_batch(
            "PRAGMA ignore_check_constraints = ON;
             UPDATE inspections SET status = 'archived';
             PRAGMA ignore_check_constraints = OFF;",
        )
        .unwrap();
    for err in [
        inspection::show(db.conn(), id).unwrap_err(),
        inspection::list(db.conn(), None, today()).unwrap_err(),
        inspection::record(&mut db, id, "II.2.1.1", &rec(ItemStatus::Met)).unwrap_err(),
    ] {
        assert_eq!(err.code(), "db");
        assert!(err.to_string().contains("«archived»"), "{err}");
    }
    db.conn()
        .execute_batch(
            "PRAGMA ignore_check_constraints = ON;
             UPDATE inspections SET status = 'in_progress';
             UPDATE inspection_items SET status = 'done' WHERE source_ref = 'II.2.1.1';
             PRAGMA ignore_check_constraints = OFF;",
        )
        .unwrap();
    let err = inspection::show(db.conn(), id).unwrap_err();
    assert!(err.to_string().contains("«done»"), "{err}");
    let err = inspection::list(db.conn(), None, today()).unwrap_err();
    assert!(err.to_string().contains("«done»"), "{err}");
}

#[test]
fn co_operation_duties_are_inspected_by_default_and_the_plan_can_leave_them_out_for_later_starts() {
    let mut db = seeded_db_with_lead();
    plan::apply(
        &mut db,
        2026,
        &PlanChange {
            include: vec!["STC".into(), "STP".into()],
            ..Default::default()
        },
    )
    .unwrap();
    assert!(plan::show(db.conn(), 2026).unwrap().cooperation_inspected);
    let stc = inspection::start(&mut db, 2026, "STC", Some("2026-05-04")).unwrap();
    let before = inspection::show(db.conn(), stc).unwrap();
    let iv = before
        .items
        .iter()
        .find(|i| i.source_ref == "IV.1.1.1")
        .unwrap();
    assert_eq!(iv.kind, ItemKind::Cooperation);
    assert!(before
        .items
        .iter()
        .any(|i| i.source_ref == "V.1.1.1" && i.kind == ItemKind::Lead));

    // Leaving co-operation duties out changes the inspections started afterwards only.
    let p = plan::set_cooperation_inspected(&mut db, 2026, false).unwrap();
    assert!(!p.cooperation_inspected);
    let stp = inspection::start(&mut db, 2026, "STP", Some("2026-05-05")).unwrap();
    let stp = inspection::show(db.conn(), stp).unwrap();
    assert!(!stp.items.is_empty());
    assert!(stp.items.iter().all(|i| i.kind == ItemKind::Lead));
    assert_eq!(
        inspection::show(db.conn(), stc).unwrap().items,
        before.items
    );
    profile::add(&mut db, "Nguyễn Văn An", Role::Inspector, None).unwrap();
    profile::use_profile(&mut db, "Nguyễn Văn An").unwrap();
    assert_eq!(
        plan::set_cooperation_inspected(&mut db, 2026, true)
            .unwrap_err()
            .code(),
        "lead_only"
    );
}

#[test]
fn one_figure_judged_against_two_targets_names_each_target() {
    let mut db = planned_db();
    let id = inspection::start(&mut db, 2026, "07264", Some("2026-05-04")).unwrap();
    let figure = |v: f64| Record {
        status: None,
        value: Some(v),
        ..Default::default()
    };
    // 85% of data reused: unmet against > 90% (II.9), met against ≥ 80% (VI.1).
    inspection::record(&mut db, id, "II.9.CT.2", &figure(85.0)).unwrap();
    inspection::record(&mut db, id, "VI.1.CT.6", &figure(85.0)).unwrap();
    let i = inspection::show(db.conn(), id).unwrap();
    let item = |r: &str| i.items.iter().find(|x| x.source_ref == r).unwrap();
    assert_eq!(item("II.9.CT.2").judgement, Some(Judgement::Unmet));
    assert_eq!(item("VI.1.CT.6").judgement, Some(Judgement::Met));
    assert_eq!(
        item("II.9.CT.2").judgement_text().unwrap(),
        "Không đạt chỉ tiêu > 90% (cùng số liệu, chỉ tiêu khác: VI.1.CT.6 ≥ 80%)"
    );
    assert_eq!(
        item("VI.1.CT.6").judgement_text().unwrap(),
        "Đạt chỉ tiêu ≥ 80% (cùng số liệu, chỉ tiêu khác: II.9.CT.2 > 90%)"
    );
    // A figure with no other target names its own only.
    inspection::record(&mut db, id, "II.6.CT.1", &figure(96.0)).unwrap();
    let i = inspection::show(db.conn(), id).unwrap();
    let x = i
        .items
        .iter()
        .find(|x| x.source_ref == "II.6.CT.1")
        .unwrap();
    assert_eq!(x.judgement_text().unwrap(), "Đạt chỉ tiêu > 95%");
}

#[test]
fn an_item_stated_twice_is_answered_once_under_either_reference() {
    let mut db = planned_db();
    let id = inspection::start(&mut db, 2026, "07264", Some("2026-05-04")).unwrap();
    let i = inspection::show(db.conn(), id).unwrap();
    assert!(i.items.iter().all(|x| x.source_ref != "TC.1.1.1"));
    let item = inspection::record(
        &mut db,
        id,
        "TC.1.1.1",
        &Record {
            status: Some(ItemStatus::Met),
            done_on: Some("2026-01-20".into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(item.source_ref, "VII.2.2.1");
    assert_eq!(item.also_refs, ["TC.1.1.1"]);
    assert_eq!(item.judgement, Some(Judgement::OnTime));
    assert_eq!(
        inspection::show(db.conn(), id).unwrap().progress.answered,
        1
    );
}

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap()
}

#[test]
fn the_minutes_details_are_saved_whole_with_their_audit_entry_and_change() {
    use kiemtra_core::minutes::{self, MinutesDetails, Representative};
    let mut db = planned_db();
    let id = inspection::start(&mut db, 2026, "07264", Some("2026-05-04")).unwrap();
    let empty = minutes::get(db.conn(), id).unwrap();
    assert_eq!(
        empty.details,
        MinutesDetails::default(),
        "nothing is assumed"
    );
    assert_eq!(empty.default_place, "trụ sở UBND xã Tam Tiến");
    assert_eq!(
        (empty.visit_from.as_str(), empty.visit_to.as_str()),
        ("2026-05-04", "2026-05-04")
    );

    let d = MinutesDetails {
        start: Some("8:15".into()),
        end: Some("11h".into()),
        place: None,
        representatives: vec![Representative {
            name: "Lê Văn Ha\u{300}i".into(), // NFD typed
            title: "Chủ tịch UBND xã".into(),
        }],
        secretary: Some("Phạm Thu Hà".into()),
    };
    let saved = minutes::set(&mut db, id, &d).unwrap();
    assert_eq!(saved.details.start.as_deref(), Some("08:15"));
    assert_eq!(saved.details.end.as_deref(), Some("11:00"));
    assert_eq!(
        saved.details.representatives[0].name, "Lê Văn Hài",
        "stored NFC"
    );
    assert_eq!(minutes::get(db.conn(), id).unwrap(), saved);
    let changes: i64 = db
        .conn()
        .query_row(
            "SELECT COUNT(*) FROM changes WHERE kind = 'minutes'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(changes, 1, "the write travels in the team exchange");
    let entries = audit::recent(db.conn(), 50).unwrap();
    assert!(entries.iter().any(|e| e.action == "inspection.minutes"));

    let bad = MinutesDetails {
        end: Some("07:00".into()),
        ..d.clone()
    };
    let err = minutes::set(&mut db, id, &bad).unwrap_err();
    assert_eq!(err.code(), "invalid");
    assert_eq!(
        minutes::get(db.conn(), id).unwrap(),
        saved,
        "a refusal changes nothing"
    );
}
