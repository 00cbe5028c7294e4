//! An inspector's answer to one item: status, measured figure, completion date and note,
//! judged against the plan's target or deadline. A status against the judgement needs a note.

use chrono::NaiveDate;
use rusqlite::params;
use serde::Deserialize;
use serde_json::json;
use ts_rs::TS;

use super::{item, require_editable, InspectionItem, ItemStatus};
use crate::audit::{self, Change};
use crate::calendar::parse_date;
use crate::checklist::Target;
use crate::db::Db;
use crate::error::{Error, Result};
use crate::judgement::{judge_date, judge_value, Judgement};
use crate::text::nfc;

/// What the inspector records for one item.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[ts(export)]
pub struct Record {
    pub status: Option<ItemStatus>,
    pub value: Option<f64>,
    pub done_on: Option<String>,
    pub note: Option<String>,
}

pub(super) fn disagreement(status: Option<ItemStatus>, judgement: Option<Judgement>) -> bool {
    match (status, judgement) {
        (Some(ItemStatus::Na) | None, _) | (_, None) => false,
        (Some(s), Some(j)) if j.is_positive() => s != ItemStatus::Met,
        (Some(s), Some(_)) => s == ItemStatus::Met,
    }
}

fn judge(
    target: Option<&Target>,
    due: Option<&str>,
    value: Option<f64>,
    done_on: Option<&str>,
) -> Option<Judgement> {
    if let (Some(t), Some(v)) = (target, value) {
        return Some(judge_value(t, v));
    }
    match (
        due.and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()),
        done_on,
    ) {
        (Some(due), Some(done)) => NaiveDate::parse_from_str(done, "%Y-%m-%d")
            .ok()
            .map(|d| judge_date(due, d)),
        _ => None,
    }
}

/// Records the answer to one item, in one transaction, and returns the item as stored.
pub fn record(db: &mut Db, id: i64, source_ref: &str, rec: &Record) -> Result<InspectionItem> {
    let done_on = rec
        .done_on
        .as_deref()
        .map(|d| parse_date("done_on", d))
        .transpose()?
        .map(|d| d.to_string());
    if let Some(v) = rec.value {
        if !v.is_finite() {
            return Err(Error::invalid("value", "số liệu không hợp lệ"));
        }
    }
    let note = rec.note.as_deref().map(nfc).filter(|n| !n.is_empty());
    let at = db.now_text();
    db.write(|tx| {
        let who = require_editable(tx, id)?;
        let before = item(tx, id, source_ref)?;
        if rec.value.is_some() && before.target.is_none() {
            return Err(Error::invalid("value", format!("mục {source_ref} không có chỉ tiêu đo được; ghi số liệu vào ghi chú")));
        }
        if rec.status == Some(ItemStatus::Na) && note.is_none() {
            return Err(Error::invalid("note", "chọn «Không áp dụng» phải ghi lý do"));
        }
        let judgement = judge(before.target.as_ref(), before.due.as_deref(), rec.value, done_on.as_deref());
        if disagreement(rec.status, judgement) && note.is_none() {
            let j = judgement.map(Judgement::label).unwrap_or_default();
            return Err(Error::invalid(
                "note",
                format!("kết quả «{}» khác với đánh giá tự động «{j}»: cần ghi chú lý do", rec.status.map(ItemStatus::label).unwrap_or_default()),
            ));
        }
        tx.execute(
            "UPDATE inspection_items SET status = ?3, value = ?4, done_on = ?5, note = ?6, judgement = ?7, updated_at = ?8, updated_by = ?9
             WHERE inspection_id = ?1 AND source_ref = ?2",
            params![
                id,
                before.source_ref,
                rec.status,
                rec.value,
                done_on,
                note,
                judgement,
                at,
                who.name
            ],
        )?;
        let after = item(tx, id, source_ref)?;
        audit::record(
            tx,
            &at,
            Some(&who.name),
            Change {
                action: "inspection.record",
                entity: "inspection_item",
                key: &format!("{id}/{source_ref}"),
                old: Some(answer_json(&before)),
                new: Some(answer_json(&after)),
            },
        )?;
        let answer = crate::uid::answer(&crate::uid::of_inspection(tx, id)?, &after.source_ref);
        crate::exchange::log::noted(tx, &at, &[crate::exchange::log::UnitRef::Answer(answer)])?;
        Ok(after)
    })
}

/// Judges the answer stored under `answer_uid` again from its figure and date (an answer
/// received from another laptop carries its facts, not its judgement).
pub(crate) fn rejudge(conn: &rusqlite::Connection, answer_uid: &str) -> Result<()> {
    let (id, source_ref): (i64, String) = conn.query_row(
        "SELECT inspection_id, source_ref FROM inspection_items WHERE uid = ?1",
        [answer_uid],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let i = item(conn, id, &source_ref)?;
    let judgement = judge(
        i.target.as_ref(),
        i.due.as_deref(),
        i.value,
        i.done_on.as_deref(),
    );
    conn.execute(
        "UPDATE inspection_items SET judgement = ?2 WHERE uid = ?1",
        params![answer_uid, judgement],
    )?;
    Ok(())
}

fn answer_json(i: &InspectionItem) -> serde_json::Value {
    json!({ "status": i.status, "value": i.value, "done_on": i.done_on, "note": i.note, "judgement": i.judgement })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn disagreement_is_a_status_against_the_judgement() {
        use ItemStatus as S;
        use Judgement as J;
        assert!(!disagreement(Some(S::Met), Some(J::OnTime)));
        assert!(disagreement(Some(S::Unmet), Some(J::Met)));
        assert!(disagreement(Some(S::Partial), Some(J::Met)));
        assert!(disagreement(Some(S::Met), Some(J::Late)));
        assert!(!disagreement(Some(S::Partial), Some(J::Unmet)));
        assert!(
            !disagreement(Some(S::Na), Some(J::Late)),
            "N/A carries its own reason"
        );
        assert!(!disagreement(Some(S::Met), None));
    }
}
