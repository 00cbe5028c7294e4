//! Vietnamese text rules: everything stored is NFC; search ignores case and diacritics
//! (đ matches d); sorting follows Vietnamese alphabetical order (CLDR `vi` collation).

use std::cmp::Ordering;
use std::sync::OnceLock;

use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed};
use icu_locale_core::locale;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Normalises to NFC and trims; every text that enters the store goes through here.
pub fn nfc(s: &str) -> String {
    s.trim().nfc().collect()
}

/// The search key: no diacritics, lower case, đ → d, runs of white space folded to one space.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last_space = true;
    for c in s.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        let c = match c {
            'đ' | 'Đ' => 'd',
            c => c,
        };
        if c.is_whitespace() {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
            continue;
        }
        last_space = false;
        out.extend(c.to_lowercase());
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// True when `needle` occurs in `haystack`, ignoring case and diacritics.
pub fn matches(haystack: &str, needle: &str) -> bool {
    fold(haystack).contains(&fold(needle))
}

fn collator() -> &'static CollatorBorrowed<'static> {
    static COLLATOR: OnceLock<CollatorBorrowed<'static>> = OnceLock::new();
    COLLATOR.get_or_init(|| {
        // The `vi` collation data is compiled into the binary, so this cannot fail at run time;
        // fall back to the root collation rather than panic should it ever.
        Collator::try_new(locale!("vi").into(), CollatorOptions::default())
            .or_else(|_| Collator::try_new(Default::default(), CollatorOptions::default()))
            .unwrap_or_else(|_| unreachable_collator())
    })
}

#[allow(clippy::panic)] // compiled-in data: the root collator always exists
fn unreachable_collator() -> CollatorBorrowed<'static> {
    panic!("ICU root collation data missing from the build")
}

/// Compares two strings in Vietnamese alphabetical order (a ă â b c d đ e ê …, tones after the
/// base letter).
pub fn compare(a: &str, b: &str) -> Ordering {
    collator().compare(a, b)
}

/// Sorts by a Vietnamese key.
pub fn sort_by_key<T>(items: &mut [T], key: impl Fn(&T) -> &str) {
    items.sort_by(|a, b| compare(key(a), key(b)));
}

/// A figure as an inspector types it: "93,5", "93.5", "1.250,5", "1 250", "95%", "-2"; empty
/// is no figure. A dot followed by groups of exactly three digits ("1.250") is a thousands dot,
/// as Vietnamese writes it; otherwise a dot is a decimal point. The one rule for the core, the
/// CLI and the UI (`ui/src/lib/inspection.ts` `parseFigure`); both are checked against the
/// shared cases in `tests/figure-cases.json`.
pub fn parse_figure(text: &str) -> Result<Option<f64>, String> {
    let typed = text.trim();
    let bad = || format!("«{typed}» không phải là số (ví dụ 93,5)");
    let t: String = typed
        .strip_suffix('%')
        .unwrap_or(typed)
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .collect();
    if t.is_empty() {
        return Ok(None);
    }
    let (sign, digits) = match t.strip_prefix(['+', '-']) {
        Some(rest) => (&t[..1], rest),
        None => ("", t.as_str()),
    };
    if digits.is_empty()
        || !digits
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return Err(bad());
    }
    let plain = if digits.contains(',') {
        // Comma decimal: dots are thousands separators.
        let mut parts = digits.split(',');
        let (whole, frac) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
        if parts.next().is_some() || (whole.contains('.') && !is_thousands(whole)) {
            return Err(bad());
        }
        format!("{}.{frac}", whole.replace('.', ""))
    } else if is_thousands(digits) {
        digits.replace('.', "")
    } else if digits.matches('.').count() > 1 {
        return Err(bad());
    } else {
        digits.to_string()
    };
    if !plain.chars().any(|c| c.is_ascii_digit()) {
        return Err(bad());
    }
    format!("{sign}{plain}")
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .map(Some)
        .ok_or_else(bad)
}

/// "1.250", "12.500.000": a first group of one to three digits not starting with 0, then
/// groups of exactly three digits after each dot.
fn is_thousands(s: &str) -> bool {
    let mut groups = s.split('.');
    let first = groups.next().unwrap_or("");
    let rest: Vec<&str> = groups.collect();
    !rest.is_empty()
        && (1..=3).contains(&first.len())
        && !first.starts_with('0')
        && first.chars().all(|c| c.is_ascii_digit())
        && rest
            .iter()
            .all(|g| g.len() == 3 && g.chars().all(|c| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nfc_composes_decomposed_input() {
        let nfd: String = "Thuận Thành".nfd().collect();
        assert_ne!(
            nfd, "Thuận Thành",
            "the test input must really be decomposed"
        );
        assert_eq!(nfc(&nfd), "Thuận Thành");
    }

    #[test]
    fn fold_removes_marks_case_and_d_stroke() {
        assert_eq!(fold("Phường Thuận Thành"), "phuong thuan thanh");
        assert_eq!(fold("ĐÔNG  Hoà\tThuỵ"), "dong hoa thuy");
        assert_eq!(fold("Sở Tư pháp"), "so tu phap");
    }

    #[test]
    fn search_ignores_diacritics_in_both_directions() {
        assert!(matches("Phường Thuận Thành", "thuan thanh"));
        assert!(matches("Phường Thuận Thành", "THUẬN thành"));
        assert!(matches("Xã Đông Cứu", "dong cuu"));
        assert!(!matches("Xã Tam Tiến", "thuan"));
    }

    #[test]
    fn old_and_new_accent_placement_fold_alike() {
        // The commune list keeps old-style "Hoà"; users type new-style "Hòa".
        assert_eq!(fold("Hoà"), fold("Hòa"));
        assert_eq!(fold("Thuỵ"), fold("Thụy"));
    }

    #[test]
    fn vietnamese_order_puts_special_letters_after_their_base() {
        let mut words = vec![
            "đa", "dê", "ăn", "an", "âm", "ba", "ơn", "ôm", "om", "ưa", "ua", "Đa",
        ];
        sort_by_key(&mut words, |w| w);
        let pos = |w: &str| words.iter().position(|x| *x == w).unwrap_or(usize::MAX);
        assert!(pos("an") < pos("ăn") && pos("ăn") < pos("âm") && pos("âm") < pos("ba"));
        assert!(pos("dê") < pos("đa"), "đ sorts after every d: {words:?}");
        assert!(pos("om") < pos("ôm") && pos("ôm") < pos("ơn"));
        assert!(pos("ua") < pos("ưa"));
    }

    #[test]
    fn tones_sort_after_the_base_letter_not_as_separate_letters() {
        let mut words = vec!["bà", "bạ", "bá", "ba", "bả", "bã", "bac"];
        sort_by_key(&mut words, |w| w);
        assert_eq!(words[0], "ba", "the unmarked form comes first: {words:?}");
        // A tone never outweighs a later letter: "bà" < "bac" would be wrong at primary level.
        let pos = |w: &str| words.iter().position(|x| *x == w).unwrap_or(usize::MAX);
        assert!(pos("bà") < pos("bac"), "{words:?}");
    }
}
