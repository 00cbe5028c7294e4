//! Judging an inspector's recorded facts against the plan: a measured figure against its
//! target, a completion date against its deadline. Pure functions, table-tested.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::checklist::{Op, Target};
use crate::stored::stored_text;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Judgement {
    Met,
    Unmet,
    OnTime,
    Late,
}

stored_text!(Judgement {
    Met => "met",
    Unmet => "unmet",
    OnTime => "on_time",
    Late => "late",
});

impl Judgement {
    /// True for the favourable judgements.
    pub fn is_positive(self) -> bool {
        matches!(self, Judgement::Met | Judgement::OnTime)
    }

    pub fn label(self) -> &'static str {
        match self {
            Judgement::Met => "Đạt chỉ tiêu",
            Judgement::Unmet => "Không đạt chỉ tiêu",
            Judgement::OnTime => "Đúng hạn",
            Judgement::Late => "Trễ hạn",
        }
    }
}

/// Figures are compared to the plan's precision: 95 % and 94,9999999999 % are not "equal", but
/// the rounding noise of a decimal typed as 93,5 must not turn ≥ 93,5 into unmet.
const EPSILON: f64 = 1e-9;

/// Judges a measured `value` (in the target's unit) against `target`.
pub fn judge_value(target: &Target, value: f64) -> Judgement {
    let t = target.value;
    let ok = match target.op {
        Op::Gt => value > t + EPSILON,
        Op::Ge => value >= t - EPSILON,
        Op::Eq => (value - t).abs() <= EPSILON,
        Op::Le => value <= t + EPSILON,
        Op::Lt => value < t - EPSILON,
    };
    if ok {
        Judgement::Met
    } else {
        Judgement::Unmet
    }
}

/// Judges the date the agency did something against its due date: the due day itself is on time.
pub fn judge_date(due: NaiveDate, done_on: NaiveDate) -> Judgement {
    if done_on <= due {
        Judgement::OnTime
    } else {
        Judgement::Late
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(op: Op, value: f64, unit: &str) -> Target {
        Target {
            op,
            value,
            unit: unit.into(),
        }
    }

    #[test]
    fn every_operator_and_unit_at_and_around_its_boundary() {
        use Judgement::{Met, Unmet};
        let cases: &[(Op, f64, &str, f64, Judgement)] = &[
            // > : the boundary itself fails
            (Op::Gt, 95.0, "%", 95.0, Unmet),
            (Op::Gt, 95.0, "%", 95.01, Met),
            (Op::Gt, 95.0, "%", 94.99, Unmet),
            (Op::Gt, 60.0, "%", 100.0, Met),
            // ≥ : the boundary passes
            (Op::Ge, 95.0, "%", 95.0, Met),
            (Op::Ge, 95.0, "%", 93.5, Unmet),
            (Op::Ge, 85.0, "%", 84.999, Unmet),
            (Op::Ge, 0.71, "điểm", 0.71, Met),
            (Op::Ge, 0.71, "điểm", 0.7099, Unmet),
            (Op::Ge, 0.71, "điểm", 0.1 * 7.1, Met), // 0.71000000000000008: rounding noise
            (Op::Ge, 100.0, "%", 100.0, Met),
            (Op::Ge, 100.0, "%", 99.9, Unmet),
            (Op::Ge, 1250.0, "hồ sơ", 1250.0, Met),
            // = : only the value itself
            (Op::Eq, 100.0, "%", 100.0, Met),
            (Op::Eq, 100.0, "%", 99.99, Unmet),
            (Op::Eq, 0.71, "điểm", 0.72, Unmet),
            (Op::Eq, 0.0, "vụ", 0.0, Met),
            // ≤ : the boundary passes
            (Op::Le, 5.0, "%", 5.0, Met),
            (Op::Le, 5.0, "%", 5.01, Unmet),
            (Op::Le, 0.0, "hồ sơ trễ hạn", 0.0, Met),
            (Op::Le, 0.0, "hồ sơ trễ hạn", 1.0, Unmet),
            // < : the boundary fails
            (Op::Lt, 5.0, "%", 5.0, Unmet),
            (Op::Lt, 5.0, "%", 4.99, Met),
            (Op::Lt, 1.0, "ngày", 0.0, Met),
        ];
        for (op, t, unit, value, expected) in cases {
            let got = judge_value(&target(*op, *t, unit), *value);
            assert_eq!(
                got,
                *expected,
                "{value} {unit} against {} {t} {unit}",
                op.as_str()
            );
        }
    }

    #[test]
    fn the_issue_example_93_5_percent_against_at_least_95_is_unmet() {
        assert_eq!(
            judge_value(&target(Op::Ge, 95.0, "%"), 93.5),
            Judgement::Unmet
        );
    }

    #[test]
    fn a_deadline_day_is_on_time_and_the_next_day_is_late() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(
            judge_date(d("2026-01-10"), d("2026-01-10")),
            Judgement::OnTime
        );
        assert_eq!(
            judge_date(d("2026-01-10"), d("2026-01-09")),
            Judgement::OnTime
        );
        assert_eq!(
            judge_date(d("2026-01-10"), d("2026-01-11")),
            Judgement::Late
        );
        assert_eq!(
            judge_date(d("2026-12-31"), d("2027-01-01")),
            Judgement::Late
        );
    }
}
