//! Remediation follow-up: the entries an issued notice makes, their due dates and working days
//! late across Tết and a make-up Saturday, the agency's reports and what is refused, and a
//! correction that replaces the notice.

use std::sync::{Arc, Mutex};

use chrono::{Local, NaiveDate, TimeZone};
use kiemtra_core::followup::{self, FollowupFilter, FollowupStatus, NewFollowupReport};
use kiemtra_core::inspection::{self, FindingKind, ItemStatus, NewFinding, Record};
use kiemtra_core::plan::{self, DecisionChange, PlanChange, PlanReference};
use kiemtra_core::profile::{self, Role};
use kiemtra_core::{audit, notice, seed, Db};

const AGENCY: &str = "07264";

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// A store on disk (issued notices are kept as files) whose clock reads `today`.
fn store(dir: &std::path::Path, today: Arc<Mutex<NaiveDate>>) -> Db {
    let clock = Arc::new(move || {
        let d = *today.lock().unwrap();
        Local
            .from_local_datetime(&d.and_hms_opt(9, 0, 0).unwrap())
            .single()
            .unwrap()
    });
    let mut db = Db::open(dir).unwrap().with_clock(clock);
    seed::load_all(&mut db).unwrap();
    profile::add(&mut db, "Trần Thị Bình", Role::Lead, Some("Trưởng phòng")).unwrap();
    db
}

fn shortcoming(text: &str, recommendation: &str, due: Option<&str>) -> NewFinding {
    NewFinding {
        kind: FindingKind::Shortcoming,
        text: text.into(),
        source_ref: None,
        criterion: Some("3".into()),
        cause: None,
        recommendation: Some(recommendation.into()),
        severity: None,
        responsible: None,
        due: due.map(str::to_string),
    }
}

/// Plan, legal basis, an inspection visited on 5 January 2026 with every item answered, three
/// shortcomings (two with their own due dates) and a strength, submitted; returns its id.
fn inspected(db: &mut Db) -> i64 {
    plan::apply(
        db,
        2026,
        &PlanChange {
            include: vec![AGENCY.into()],
            ..PlanChange::default()
        },
    )
    .unwrap();
    plan::set_reference(
        db,
        2026,
        &PlanReference {
            number: "25".into(),
            date: "2026-01-02".into(),
            issuer: None,
        },
    )
    .unwrap();
    plan::set_decision(
        db,
        2026,
        &DecisionChange {
            agency: AGENCY.into(),
            number: "15".into(),
            date: "2026-01-02".into(),
            signer: None,
        },
    )
    .unwrap();
    let id = inspection::start(db, 2026, AGENCY, Some("2026-01-05")).unwrap();
    let refs: Vec<String> = inspection::show(db.conn(), id)
        .unwrap()
        .items
        .into_iter()
        .map(|i| i.source_ref)
        .collect();
    for r in &refs {
        let rec = Record {
            status: Some(ItemStatus::Na),
            note: Some("Không thuộc phạm vi đợt kiểm tra".into()),
            ..Record::default()
        };
        inspection::record(db, id, r, &rec).unwrap();
    }
    inspection::add_finding(
        db,
        id,
        &shortcoming(
            "Chưa công khai TTHC",
            "Công khai đủ TTHC",
            Some("2026-01-08"),
        ),
    )
    .unwrap();
    inspection::add_finding(
        db,
        id,
        &shortcoming("Hồ sơ trễ hạn", "Rà soát hồ sơ trễ hạn", Some("2026-02-12")),
    )
    .unwrap();
    inspection::add_finding(
        db,
        id,
        &shortcoming(
            "Chưa số hoá kết quả",
            "Số hoá kết quả giải quyết TTHC",
            None,
        ),
    )
    .unwrap();
    inspection::add_finding(
        db,
        id,
        &NewFinding {
            kind: FindingKind::Strength,
            recommendation: None,
            ..shortcoming("Bộ phận một cửa gọn gàng", "", None)
        },
    )
    .unwrap();
    inspection::submit(db, id).unwrap();
    id
}

fn issue(db: &mut Db, id: i64, number: &str, date: &str, reason: Option<&str>) {
    let plan = notice::prepare(db.conn(), id, number, date).unwrap();
    let pdf = format!("%PDF-1.7 notice {number} {date}");
    notice::record(db, id, &plan, "Nguyễn Văn Cường", reason, pdf.as_bytes()).unwrap();
}

fn entries(db: &Db, as_of: &str) -> Vec<followup::FollowupEntry> {
    followup::list(
        db.conn(),
        &FollowupFilter {
            year: Some(2026),
            ..FollowupFilter::default()
        },
        day(as_of),
    )
    .unwrap()
}

fn report(status: FollowupStatus, received: &str, note: Option<&str>) -> NewFollowupReport {
    NewFollowupReport {
        status,
        received: received.into(),
        note: note.map(str::to_string),
    }
}

#[test]
fn each_recommendation_of_an_issued_notice_is_due_and_late_in_working_days() {
    let dir = tempfile::tempdir().unwrap();
    let today = Arc::new(Mutex::new(day("2026-01-06")));
    let mut db = store(dir.path(), today.clone());
    let id = inspected(&mut db);
    assert!(
        entries(&db, "2026-01-06").is_empty(),
        "nothing before the notice"
    );
    issue(&mut db, id, "12", "2026-01-06", None);

    let listed = entries(&db, "2026-01-06");
    assert_eq!(
        listed.len(),
        3,
        "one entry per recommendation, none for the strength"
    );
    let due: Vec<(&str, &str)> = listed
        .iter()
        .map(|e| (e.recommendation.as_str(), e.due.as_str()))
        .collect();
    // The finding's own date, else 30 working days after Tuesday 6 January: the make-up
    // Saturday 10 January counts, the nine days of Tết (14–22 February) do not → 23 February.
    assert_eq!(
        due,
        [
            ("Công khai đủ TTHC", "2026-01-08"),
            ("Rà soát hồ sơ trễ hạn", "2026-02-12"),
            ("Số hoá kết quả giải quyết TTHC", "2026-02-23"),
        ]
    );
    assert!(listed.iter().all(|e| e.status == FollowupStatus::Open
        && e.days_overdue == 0
        && e.notice_number == "12"));

    // Monday 12 January: Friday 9, the make-up Saturday 10 and Monday 12 → 3 days late.
    let jan12 = entries(&db, "2026-01-12");
    assert_eq!(jan12[0].days_overdue, 3);
    assert_eq!(jan12[1].days_overdue, 0);
    // Tuesday 24 February: Friday 13, then Tết, then Monday 23 and Tuesday 24 → 3 days late;
    // the entry due on the 23rd is 1 day late.
    let feb24 = entries(&db, "2026-02-24");
    let late: Vec<u32> = feb24.iter().map(|e| e.days_overdue).collect();
    assert_eq!(late, [29, 3, 1]);
    let overdue = followup::list(
        db.conn(),
        &FollowupFilter {
            year: Some(2026),
            overdue: true,
            ..FollowupFilter::default()
        },
        day("2026-01-12"),
    )
    .unwrap();
    assert_eq!(overdue.len(), 1, "only the entry past its date");
}

#[test]
fn reports_move_an_entry_and_what_is_refused_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let today = Arc::new(Mutex::new(day("2026-01-06")));
    let mut db = store(dir.path(), today.clone());
    let id = inspected(&mut db);
    issue(&mut db, id, "12", "2026-01-06", None);
    *today.lock().unwrap() = day("2026-02-24");
    let first = entries(&db, "2026-02-24")[0].id;
    let audits = audit::count(db.conn()).unwrap();
    let refused = |db: &mut Db, entry: i64, r: NewFollowupReport| -> String {
        let e = followup::record(db, entry, &r, None).unwrap_err();
        e.code().to_string()
    };

    assert_eq!(
        refused(
            &mut db,
            9999,
            report(FollowupStatus::Done, "2026-02-01", None)
        ),
        "followup_not_found"
    );
    assert_eq!(
        refused(
            &mut db,
            first,
            report(FollowupStatus::Done, "2026-01-05", None)
        ),
        "followup_before_notice",
        "a report dated before the notice"
    );
    assert_eq!(
        refused(
            &mut db,
            first,
            report(FollowupStatus::Open, "2026-02-01", None)
        ),
        "followup_status",
        "an entry is open only before its first report"
    );
    assert_eq!(
        refused(
            &mut db,
            first,
            report(FollowupStatus::Done, "2026-03-01", None)
        ),
        "invalid",
        "a report received in the future"
    );
    assert_eq!(
        refused(
            &mut db,
            first,
            report(FollowupStatus::Done, "31/02/2026", None)
        ),
        "invalid"
    );
    assert_eq!(audit::count(db.conn()).unwrap(), audits, "nothing recorded");
    assert_eq!(entries(&db, "2026-02-24")[0].status, FollowupStatus::Open);

    let e = followup::record(
        &mut db,
        first,
        &report(
            FollowupStatus::InProgress,
            "2026-01-20",
            Some("Đang rà soát"),
        ),
        None,
    )
    .unwrap();
    assert_eq!((e.status, e.days_overdue), (FollowupStatus::InProgress, 29));
    assert_eq!(
        refused(
            &mut db,
            first,
            report(FollowupStatus::Done, "2026-01-19", None)
        ),
        "invalid",
        "a report dated before the one already recorded"
    );

    // Done, with the agency's proof: no longer late, out of the overdue list.
    let proof = dir.path().join("bao-cao-khac-phuc.pdf");
    std::fs::write(&proof, b"%PDF-1.7 proof").unwrap();
    let staged = followup::stage_files(&db, std::slice::from_ref(&proof)).unwrap();
    let done = followup::record(
        &mut db,
        first,
        &report(FollowupStatus::Done, "2026-02-24", Some("Đã công khai đủ")),
        Some(staged),
    )
    .unwrap();
    assert_eq!(
        (done.status, done.days_overdue, done.files),
        (FollowupStatus::Done, 0, 1)
    );
    let reports = followup::reports(db.conn(), first).unwrap();
    assert_eq!(reports.len(), 2);
    assert_eq!(reports[1].files[0].name, "bao-cao-khac-phuc.pdf");
    assert_eq!(reports[1].files[0].size, 14);
    assert_eq!(
        refused(
            &mut db,
            first,
            report(FollowupStatus::Done, "2026-02-24", None)
        ),
        "followup_status",
        "done twice"
    );
    // The proof is checked with the inspection's evidence: altered, it is reported by name.
    assert!(kiemtra_core::evidence::verify(&db, Some(id))
        .unwrap()
        .issues
        .is_empty());
    let blob = kiemtra_core::evidence::blob_path(db.data_dir(), &reports[1].files[0].sha256);
    let mut perms = std::fs::metadata(&blob).unwrap().permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    perms.set_readonly(false);
    std::fs::set_permissions(&blob, perms).unwrap();
    std::fs::write(&blob, b"%PDF-1.7 altered").unwrap();
    let checked = kiemtra_core::evidence::verify(&db, None).unwrap();
    assert_eq!(checked.issues.len(), 1);
    assert_eq!(
        checked.issues[0].name,
        "Báo cáo khắc phục: bao-cao-khac-phuc.pdf"
    );
    // Closed with proof: reopening needs a reason, and is audited as a reopening.
    assert_eq!(
        refused(
            &mut db,
            first,
            report(FollowupStatus::NotDone, "2026-02-24", None)
        ),
        "followup_status"
    );
    let reopened = followup::record(
        &mut db,
        first,
        &report(
            FollowupStatus::NotDone,
            "2026-02-24",
            Some("Kiểm tra lại thấy còn 3 thủ tục chưa công khai"),
        ),
        None,
    )
    .unwrap();
    assert_eq!(reopened.status, FollowupStatus::NotDone);
    assert!(reopened.days_overdue > 0, "late again");
    let last = audit::recent(db.conn(), 1).unwrap();
    assert_eq!(last[0].action, "followup.reopen");
}

#[test]
fn an_entry_follows_the_notice_that_replaces_the_first() {
    let dir = tempfile::tempdir().unwrap();
    let today = Arc::new(Mutex::new(day("2026-01-06")));
    let mut db = store(dir.path(), today.clone());
    let id = inspected(&mut db);
    issue(&mut db, id, "12", "2026-01-06", None);
    *today.lock().unwrap() = day("2026-01-20");
    let before = entries(&db, "2026-01-20");
    followup::record(
        &mut db,
        before[0].id,
        &report(FollowupStatus::InProgress, "2026-01-20", None),
        None,
    )
    .unwrap();

    // The correction: the second recommendation is dropped, the third reworded (reopened,
    // the inspection is back to submitted).
    notice::reopen(&mut db, id, "Sai kiến nghị").unwrap();
    let findings = inspection::show(db.conn(), id).unwrap().findings;
    let second = findings
        .iter()
        .find(|f| f.text == "Hồ sơ trễ hạn")
        .unwrap()
        .id;
    inspection::remove_finding(&mut db, id, second).unwrap();
    let third = findings
        .iter()
        .find(|f| f.text == "Chưa số hoá kết quả")
        .unwrap()
        .id;
    inspection::remove_finding(&mut db, id, third).unwrap();
    inspection::add_finding(
        &mut db,
        id,
        &shortcoming(
            "Chưa số hoá kết quả",
            "Số hoá toàn bộ kết quả giải quyết TTHC còn hiệu lực",
            None,
        ),
    )
    .unwrap();
    issue(&mut db, id, "13", "2026-01-20", Some("Sai kiến nghị"));

    let after = entries(&db, "2026-01-20");
    assert_eq!(after.len(), 2, "the dropped recommendation is gone");
    assert!(after.iter().all(|e| e.notice_number == "13"));
    assert_eq!(after[0].id, before[0].id, "the same entry, with its report");
    assert_eq!(after[0].status, FollowupStatus::InProgress);
    assert_eq!(
        after[1].recommendation,
        "Số hoá toàn bộ kết quả giải quyết TTHC còn hiệu lực"
    );
    // 30 working days after Tuesday 20 January, across Tết → Tuesday 10 March.
    assert_eq!(after[1].due, "2026-03-10");
}
