//! How Vietnamese administrative documents write dates and numbers.

use chrono::{Datelike, NaiveDate};

/// "ngày 05 tháng 3 năm 2026": day with two digits, month as written (no leading zero), as in
/// the seed plan's own usage; months 1 and 2 take a leading zero in the decree's rule
/// ("tháng 01", "tháng 02") so that no one can add a digit.
pub fn date_long(d: NaiveDate) -> String {
    let month = if d.month() <= 2 {
        format!("{:02}", d.month())
    } else {
        d.month().to_string()
    };
    format!("ngày {:02} tháng {} năm {}", d.day(), month, d.year())
}

/// "05/03/2026": the short date of tables and running text (two-digit day and month).
pub fn date_short(d: NaiveDate) -> String {
    format!("{:02}/{:02}/{}", d.day(), d.month(), d.year())
}

/// A number with a decimal comma and a thousands dot: 1250.5 → "1.250,5"; 0.71 → "0,71".
/// At most `decimals` digits after the comma, trailing zeros dropped.
pub fn number(value: f64, decimals: usize) -> String {
    let s = format!("{:.*}", decimals, value.abs());
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_string(), f.trim_end_matches('0').to_string()),
        None => (s, String::new()),
    };
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(c);
    }
    let sign = if value < 0.0 && (int != "0" || !frac.is_empty()) {
        "-"
    } else {
        ""
    };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped},{frac}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_dates_pad_the_day_and_protect_january_and_february() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(date_long(d(2026, 3, 5)), "ngày 05 tháng 3 năm 2026");
        assert_eq!(date_long(d(2025, 12, 17)), "ngày 17 tháng 12 năm 2025");
        assert_eq!(date_long(d(2026, 1, 31)), "ngày 31 tháng 01 năm 2026");
        assert_eq!(date_short(d(2026, 1, 10)), "10/01/2026");
    }

    #[test]
    fn numbers_use_decimal_comma_and_thousands_dot() {
        assert_eq!(number(0.71, 2), "0,71");
        assert_eq!(number(1250.0, 2), "1.250");
        assert_eq!(number(1250.5, 2), "1.250,5");
        assert_eq!(number(93.5, 1), "93,5");
        assert_eq!(number(1_000_000.0, 0), "1.000.000");
        assert_eq!(number(-12.25, 2), "-12,25");
        assert_eq!(number(100.0, 1), "100");
    }
}
