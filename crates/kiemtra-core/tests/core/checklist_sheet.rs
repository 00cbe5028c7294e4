//! The checklist template as a sheet: exported and read back as CSV it imports as the same
//! items; every problem of a bad sheet is reported with its line and column and nothing is
//! written; the preview names what was added, removed and changed.

use kiemtra_core::checklist::{self, sheet};

use crate::support::seeded_db_with_lead;

fn items_without_ids(c: &checklist::Checklist) -> Vec<checklist::ChecklistItem> {
    c.items
        .iter()
        .cloned()
        .map(|mut i| {
            i.id = 0;
            i
        })
        .collect()
}

fn exported_input(db: &kiemtra_core::Db) -> sheet::SheetInput {
    let s = sheet::export(db.conn(), 2026).unwrap();
    sheet::read_csv(&sheet::to_csv(&s).unwrap()).unwrap()
}

fn col(input: &sheet::SheetInput, name: &str) -> usize {
    input.header.iter().position(|h| h == name).unwrap()
}

fn row(input: &sheet::SheetInput, r: &str) -> usize {
    let c = col(input, sheet::REF);
    input
        .rows
        .iter()
        .position(|(_, cells)| cells[c] == r)
        .unwrap()
}

#[test]
fn a_csv_round_trip_imports_the_same_items_as_a_new_version() {
    let mut db = seeded_db_with_lead();
    let before = checklist::show(db.conn(), None, Some(2026)).unwrap();
    let input = exported_input(&db);
    let p = sheet::import(&mut db, &input, 2027).unwrap();
    assert!(p.imported && p.problems.is_empty());
    assert_eq!((p.added.len(), p.removed.len(), p.changed.len()), (0, 0, 0));
    let after = checklist::show(db.conn(), None, Some(2027)).unwrap();
    assert_eq!(after.template.year, 2027);
    assert_eq!(after.template.version, 1);
    assert_eq!(items_without_ids(&after), items_without_ids(&before));
    // Importing again makes version 2; version 1 stays.
    let p = sheet::import(&mut db, &input, 2027).unwrap();
    assert_eq!(p.template.unwrap().version, 2);
    let (templates, _) = sheet::counts(db.conn()).unwrap();
    assert_eq!(templates, 3);
}

#[test]
fn every_problem_is_reported_with_its_line_and_column_and_nothing_is_written() {
    let mut db = seeded_db_with_lead();
    let mut input = exported_input(&db);
    let (op, crit, lead, refc, due) = (
        col(&input, sheet::TARGET_OP),
        col(&input, sheet::PAR_CRITERIA),
        col(&input, sheet::APPLIES_TO),
        col(&input, sheet::REF),
        col(&input, sheet::DUE),
    );
    let r = row(&input, "II.6.CT.1");
    input.rows[r].1[op] = "≈".into();
    let r = row(&input, "I.1.1.2");
    input.rows[r].1[crit] = "9.9".into();
    let r = row(&input, "I.1.1.1");
    input.rows[r].1[lead] = String::new();
    let r = row(&input, "I.1.2.1");
    input.rows[r].1[refc] = "I.1.1.2".into();
    let r = row(&input, "I.1.2.2");
    input.rows[r].1[due] = "31/02/2027".into();
    let counts = sheet::counts(db.conn()).unwrap();

    let p = sheet::preview(&mut db, &input, 2027).unwrap();
    let headers: Vec<&str> = p
        .problems
        .iter()
        .map(|p| p.header.as_deref().unwrap())
        .collect();
    assert_eq!(
        headers,
        [
            sheet::APPLIES_TO,
            sheet::PAR_CRITERIA,
            sheet::REF,
            sheet::DUE,
            sheet::TARGET_OP
        ],
        "{:#?}",
        p.problems
    );
    assert!(p
        .problems
        .iter()
        .all(|p| p.line.is_some() && p.column.is_some()));
    let e = sheet::import(&mut db, &input, 2027).unwrap_err();
    assert_eq!(e.code(), "template_invalid");
    assert_eq!(
        e.to_string()
            .lines()
            .filter(|l| l.starts_with("- Dòng"))
            .count(),
        5,
        "{e}"
    );
    assert_eq!(sheet::counts(db.conn()).unwrap(), counts, "nothing written");
}

#[test]
fn the_preview_names_the_added_removed_and_changed_items_and_the_fields() {
    let mut db = seeded_db_with_lead();
    let mut input = exported_input(&db);
    let (refc, text, unit) = (
        col(&input, sheet::REF),
        col(&input, sheet::TEXT),
        col(&input, sheet::TARGET_UNIT),
    );
    let r = row(&input, "VI.3.CT.1");
    let mut added = input.rows[r].clone();
    input.rows[r].1[unit] = "điểm/1".into();
    added.1[refc] = "VI.3.CT.9".into();
    added.1[text] = "Mục mới".into();
    added.0 = 999;
    input.rows.push(added);
    let gone = row(&input, "I.1.2.1");
    input.rows.remove(gone);
    let counts = sheet::counts(db.conn()).unwrap();
    let p = sheet::preview(&mut db, &input, 2027).unwrap();
    assert_eq!(
        p.added
            .iter()
            .map(|i| i.source_ref.as_str())
            .collect::<Vec<_>>(),
        ["VI.3.CT.9"]
    );
    assert_eq!(
        p.removed
            .iter()
            .map(|i| i.source_ref.as_str())
            .collect::<Vec<_>>(),
        ["I.1.2.1"]
    );
    assert_eq!(p.changed.len(), 1);
    assert_eq!(p.changed[0].source_ref, "VI.3.CT.1");
    assert_eq!(p.changed[0].fields[0].field, "Chỉ tiêu");
    assert!(!p.imported);
    assert_eq!(
        sheet::counts(db.conn()).unwrap(),
        counts,
        "a preview writes nothing"
    );
}
