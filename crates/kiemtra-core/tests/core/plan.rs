use std::collections::HashSet;

use kiemtra_core::agency::Block;
use kiemtra_core::plan::{
    self, Candidate, Draw, DrawMethod, PlanChange, PlanStatus, ScheduleChange, SelectionMode,
};
use kiemtra_core::profile::{self, Role};
use proptest::prelude::*;

use crate::support::seeded_db_with_lead;

fn draw(method: DrawMethod, seed: u64) -> PlanChange {
    PlanChange {
        draw: Some(Draw { method, seed }),
        ..Default::default()
    }
}

#[test]
fn a_random_draw_on_the_seeded_register_reaches_20_percent_of_each_block_reproducibly() {
    let mut a = seeded_db_with_lead();
    let mut b = seeded_db_with_lead();
    let pa = plan::apply(&mut a, 2026, &draw(DrawMethod::Random, 7)).unwrap();
    let pb = plan::apply(&mut b, 2026, &draw(DrawMethod::Random, 7)).unwrap();
    assert_eq!(
        (pa.coverage.commune.selected, pa.coverage.commune.required),
        (20, 20)
    );
    assert_eq!(
        (
            pa.coverage.provincial.selected,
            pa.coverage.provincial.required
        ),
        (3, 3)
    );
    let codes = |p: &plan::Plan| {
        p.agencies
            .iter()
            .map(|a| a.code.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        codes(&pa),
        codes(&pb),
        "the same seed and register give the same list"
    );
    let other = plan::apply(&mut b, 2026, &draw(DrawMethod::Random, 8)).unwrap();
    assert_ne!(codes(&pa), codes(&other), "another seed gives another list");
    assert_eq!(
        other.coverage.commune.selected, 20,
        "a re-draw replaces the earlier draw, it does not add to it"
    );
}

#[test]
fn a_draw_fills_only_what_manual_picks_leave() {
    let mut db = seeded_db_with_lead();
    let change = PlanChange {
        include: vec!["07264".into(), "09400".into(), "STP".into()],
        draw: Some(Draw {
            method: DrawMethod::Random,
            seed: 1,
        }),
        ..Default::default()
    };
    let p = plan::apply(&mut db, 2026, &change).unwrap();
    let manual: Vec<_> = p
        .agencies
        .iter()
        .filter(|a| a.mode == SelectionMode::Manual)
        .collect();
    assert_eq!(manual.len(), 3);
    assert_eq!(p.coverage.commune.selected, 20, "18 drawn + 2 manual");
    assert_eq!(p.coverage.provincial.selected, 3, "2 drawn + 1 manual");
}

#[test]
fn finalising_one_commune_short_names_the_shortfall_and_changes_nothing() {
    let mut db = seeded_db_with_lead();
    plan::apply(&mut db, 2026, &draw(DrawMethod::Random, 7)).unwrap();
    let drawn = plan::show(db.conn(), 2026).unwrap();
    let one = drawn
        .agencies
        .iter()
        .find(|a| a.block == Block::Commune)
        .unwrap()
        .code
        .clone();
    plan::set_selected(&mut db, 2026, &one, false, None).unwrap();
    let err = plan::finalize(&mut db, 2026).unwrap_err();
    assert_eq!(err.code(), "coverage_below_threshold");
    let msg = err.to_string();
    assert!(msg.contains("UBND cấp xã còn thiếu 1 cơ quan"), "{msg}");
    assert!(
        !msg.contains("Sở, ban, ngành còn thiếu"),
        "the provincial block is met: {msg}"
    );
    let p = plan::show(db.conn(), 2026).unwrap();
    assert_eq!(p.status, PlanStatus::Draft);
    assert!(p
        .finalize_blocker
        .is_some_and(|b| b.contains("còn thiếu 1")));
}

#[test]
fn a_rotation_plan_for_2027_puts_the_agencies_inspected_in_2026_last() {
    let mut db = seeded_db_with_lead();
    let p2026 = plan::apply(&mut db, 2026, &draw(DrawMethod::Random, 7)).unwrap();
    plan::finalize(&mut db, 2026).unwrap();
    let inspected: HashSet<String> = p2026.agencies.iter().map(|a| a.code.clone()).collect();
    let p2027 = plan::apply(&mut db, 2027, &draw(DrawMethod::Rotation, 7)).unwrap();
    assert!(
        p2027.agencies.iter().all(|a| !inspected.contains(&a.code)),
        "nobody inspected in 2026 comes back in 2027"
    );
    let order = plan::rotation(db.conn(), 2027).unwrap();
    let first_inspected = order
        .iter()
        .position(|r| r.last_inspected == Some(2026))
        .unwrap();
    assert!(
        order[first_inspected..]
            .iter()
            .all(|r| r.last_inspected == Some(2026)),
        "2026 agencies come last"
    );
}

#[test]
fn a_final_plan_is_amended_only_with_a_reason_and_each_amendment_is_kept() {
    let mut db = seeded_db_with_lead();
    plan::apply(&mut db, 2026, &draw(DrawMethod::Random, 7)).unwrap();
    plan::finalize(&mut db, 2026).unwrap();
    let add = PlanChange {
        include: vec!["07264".into()],
        ..Default::default()
    };
    assert_eq!(
        plan::apply(&mut db, 2026, &add).unwrap_err().code(),
        "plan_final"
    );
    let with_reason = PlanChange {
        reason: Some("Bổ sung theo chỉ đạo của UBND tỉnh".into()),
        ..add
    };
    let p = plan::apply(&mut db, 2026, &with_reason).unwrap();
    assert_eq!(p.revision, 1);
    assert_eq!(p.amendments.len(), 1);
    assert_eq!(p.amendments[0].reason, "Bổ sung theo chỉ đạo của UBND tỉnh");
    // An amendment may not take the plan below the threshold.
    let drop = PlanChange {
        exclude: vec![p
            .agencies
            .iter()
            .find(|a| a.mode == SelectionMode::Random && a.block == Block::Provincial)
            .unwrap()
            .code
            .clone()],
        reason: Some("x".into()),
        ..Default::default()
    };
    assert_eq!(
        plan::apply(&mut db, 2026, &drop).unwrap_err().code(),
        "coverage_below_threshold"
    );
    assert_eq!(plan::show(db.conn(), 2026).unwrap().revision, 1);
}

#[test]
fn an_inactive_agency_cannot_be_picked_and_an_inspector_cannot_plan() {
    let mut db = seeded_db_with_lead();
    let err = plan::apply(
        &mut db,
        2026,
        &PlanChange {
            include: vec!["CAT".into()],
            ..Default::default()
        },
    )
    .unwrap_err();
    assert_eq!(err.code(), "invalid");
    profile::add(&mut db, "Nguyễn Văn An", Role::Inspector, None).unwrap();
    profile::use_profile(&mut db, "Nguyễn Văn An").unwrap();
    assert_eq!(
        plan::apply(&mut db, 2026, &draw(DrawMethod::Random, 1))
            .unwrap_err()
            .code(),
        "lead_only"
    );
    assert_eq!(
        plan::show(db.conn(), 2026).unwrap_err().code(),
        "plan_not_found"
    );
}

#[test]
fn the_inspecting_body_is_never_drawn_and_cannot_be_picked_to_inspect_itself() {
    let mut db = seeded_db_with_lead();
    let snv = kiemtra_core::agency::get(db.conn(), "SNV").unwrap();
    assert!(snv.inspecting_body, "the seed register flags Sở Nội vụ");
    let others = kiemtra_core::agency::list(db.conn(), &Default::default()).unwrap();
    assert_eq!(others.iter().filter(|a| a.inspecting_body).count(), 1);

    // A manual pick is refused with the reason, and nothing is written.
    let err = plan::apply(
        &mut db,
        2026,
        &PlanChange {
            include: vec!["07264".into(), "SNV".into()],
            ..Default::default()
        },
    )
    .unwrap_err();
    assert_eq!(err.code(), "invalid");
    let msg = err.to_string();
    assert!(
        msg.contains("Sở Nội vụ") && msg.contains("không thể tự kiểm tra"),
        "{msg}"
    );
    assert_eq!(
        plan::show(db.conn(), 2026).unwrap_err().code(),
        "plan_not_found"
    );
    // Ticking it on the plan screen is refused the same way.
    plan::apply(&mut db, 2026, &PlanChange::default()).unwrap();
    let err = plan::set_selected(&mut db, 2026, "SNV", true, None).unwrap_err();
    assert!(err.to_string().contains("không thể tự kiểm tra"));

    // No seed, random or rotation, ever draws it, even at a 100% threshold.
    for seed in 0..40 {
        for method in [DrawMethod::Random, DrawMethod::Rotation] {
            let p = plan::apply(
                &mut db,
                2026,
                &PlanChange {
                    threshold: Some(if seed % 2 == 0 { 20.0 } else { 100.0 }),
                    draw: Some(Draw { method, seed }),
                    ..Default::default()
                },
            )
            .unwrap();
            assert!(
                p.agencies.iter().all(|a| a.code != "SNV"),
                "seed {seed} drew SNV"
            );
        }
    }
}

#[test]
fn nobody_can_be_in_two_teams_at_once() {
    let mut db = seeded_db_with_lead();
    profile::add(&mut db, "Nguyễn Văn An", Role::Inspector, None).unwrap();
    plan::apply(
        &mut db,
        2026,
        &PlanChange {
            include: vec!["07264".into(), "09400".into()],
            ..Default::default()
        },
    )
    .unwrap();
    let s = |agency: &str, from: &str, to: &str| ScheduleChange {
        agency: agency.into(),
        from: from.into(),
        to: to.into(),
        lead: Some("Trần Thị Bình".into()),
        members: vec!["Nguyễn Văn An".into()],
        reason: None,
    };
    let p = plan::schedule(&mut db, 2026, &s("07264", "2026-05-04", "2026-05-06")).unwrap();
    let a = p.agencies.iter().find(|a| a.code == "07264").unwrap();
    assert_eq!(a.team.members, vec!["Nguyễn Văn An"]);
    let err = plan::schedule(&mut db, 2026, &s("09400", "06/05/2026", "08/05/2026")).unwrap_err();
    assert_eq!(err.code(), "schedule_conflict");
    plan::schedule(&mut db, 2026, &s("09400", "2026-05-07", "2026-05-08")).unwrap();
    let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let work = plan::work_list(db.conn(), 2026, Some("Nguyễn Văn An"), day("2026-05-20")).unwrap();
    assert!(work.iter().filter(|w| w.mine).count() == 2);
    // The notice is due 15 working days after the window's last day: Wednesday 6 May 2026 →
    // Wednesday 27 May (weekends skipped; no holiday in between).
    let tam_tien = work.iter().find(|w| w.agency.code == "07264").unwrap();
    let due = tam_tien.notice.as_ref().unwrap();
    assert_eq!((due.due.as_str(), due.working_days), ("2026-05-27", 15));
    assert!(!due.overdue && !due.issued);
    let later = plan::work_list(db.conn(), 2026, None, day("2026-05-28")).unwrap();
    let late = later.iter().find(|w| w.agency.code == "07264").unwrap();
    assert!(
        late.notice.as_ref().unwrap().overdue,
        "warned once the day has passed"
    );
    plan::set_deadlines(&mut db, 2026, 30, 10).unwrap();
    let shorter = plan::work_list(db.conn(), 2026, None, day("2026-05-20")).unwrap();
    let due = shorter[0].notice.as_ref().unwrap();
    assert_eq!(due.working_days, 10, "the plan setting counts");
    assert_eq!(plan::show(db.conn(), 2026).unwrap().notice_days, 10);
    assert!(
        due.years_without_holidays.is_empty(),
        "May 2026 is counted with the 2026 holidays"
    );
    // A visit at the end of December: its notice falls due in 2027, whose holidays the store
    // does not know, and the deadline says so.
    plan::schedule(&mut db, 2026, &s("09400", "2026-12-28", "2026-12-29")).unwrap();
    let end = plan::work_list(db.conn(), 2026, None, day("2026-12-30")).unwrap();
    let december = end.iter().find(|w| w.agency.code == "09400").unwrap();
    let due = december.notice.as_ref().unwrap();
    assert_eq!(due.years_without_holidays, vec![2027]);
    assert!(due.due.starts_with("2027-01-"), "{}", due.due);
}

fn register_strategy() -> impl Strategy<Value = Vec<Candidate>> {
    prop::collection::vec(
        (
            any::<bool>(),
            prop::bool::weighted(0.85),
            prop::option::of(2018i32..2026),
            prop::bool::weighted(0.03),
        ),
        0..150,
    )
    .prop_map(|rows| {
        rows.into_iter()
            .enumerate()
            .map(|(i, (commune, active, last, inspecting_body))| Candidate {
                code: format!("A{i:03}"),
                block: if commune {
                    Block::Commune
                } else {
                    Block::Provincial
                },
                active,
                inspecting_body,
                last_inspected: last,
            })
            .collect()
    })
}

proptest! {
    #[test]
    fn any_draw_meets_the_threshold_never_repeats_or_picks_inactive_and_is_reproducible(
        register in register_strategy(),
        threshold in 1u32..=100,
        seed in any::<u64>(),
        rotation in any::<bool>(),
        manual_share in 0usize..10,
    ) {
        let method = if rotation { DrawMethod::Rotation } else { DrawMethod::Random };
        let threshold = f64::from(threshold);
        // Some manual picks among the active agencies.
        let chosen: HashSet<String> = register.iter().filter(|c| c.active && !c.inspecting_body).take(manual_share).map(|c| c.code.clone()).collect();
        let picks = plan::fill(&register, &chosen, &HashSet::new(), threshold, method, seed);

        let unique: HashSet<&String> = picks.iter().collect();
        prop_assert_eq!(unique.len(), picks.len(), "no agency twice");
        for p in &picks {
            let c = register.iter().find(|c| &c.code == p).unwrap();
            prop_assert!(c.active, "inactive {} drawn", p);
            prop_assert!(!c.inspecting_body, "the inspecting body {} drawn to inspect itself", p);
            prop_assert!(!chosen.contains(p), "{} was already chosen", p);
        }
        for block in [Block::Provincial, Block::Commune] {
            let active = register.iter().filter(|c| c.block == block && c.active).count() as i64;
            let eligible = register.iter().filter(|c| c.block == block && c.active && !c.inspecting_body).count() as i64;
            let selected = register.iter().filter(|c| c.block == block && c.active && (chosen.contains(&c.code) || unique.contains(&c.code))).count() as i64;
            // The inspecting body counts among the agencies but cannot be picked: the draw
            // reaches the threshold whenever the others can.
            let reachable = plan::required(active, threshold).min(eligible);
            prop_assert!(selected >= reachable, "block {:?}: {} of {} at {}%", block, selected, active, threshold);
            if eligible == active {
                prop_assert!(selected * 100 >= active * threshold as i64, "the threshold itself is met");
            }
        }
        prop_assert_eq!(plan::fill(&register, &chosen, &HashSet::new(), threshold, method, seed), picks);
    }
}
