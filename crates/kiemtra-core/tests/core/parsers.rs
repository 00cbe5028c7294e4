//! Every parser of outside input, fed arbitrary and mutated inputs (issue 13, item 4): the
//! register CSV, the framework CSV and JSON, figures, dates and evidence file names. The
//! checks themselves are in `parsers/checks.rs`, shared with the cargo-fuzz targets in `fuzz/`;
//! `tests/corpus/<target>/` holds the inputs the fuzzer kept, replayed here on stable.
//!
//! The seeds, the checklist and the holidays are compiled in (`seed::load_all` takes no bytes
//! from outside), so they have no target here; `seed.rs` checks that they load.
//!
//! Case counts keep this file under ~20 s in a debug build; `PROPTEST_CASES` overrides them all.

mod checks;

use std::cell::RefCell;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use kiemtra_core::{calendar, text};
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, TestRunner};
use unicode_normalization::UnicodeNormalization;

/// `default` cases unless `PROPTEST_CASES` says otherwise; failures are not persisted beside
/// the source (a failing input belongs in `tests/corpus`, named in the test that replays it).
fn config(default: u32) -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default);
    Config {
        failure_persistence: None,
        ..Config::with_cases(cases)
    }
}

/// Runs `check` on `cases` inputs from `strategy`, all against one seeded store (seeding per
/// case would cost more than the checks).
fn run_on_store<S: Strategy>(
    cases: u32,
    strategy: S,
    check: impl Fn(&mut kiemtra_core::Db, S::Value),
) {
    let db = RefCell::new(checks::lead_store());
    TestRunner::new(config(cases))
        .run(&strategy, |input| {
            check(&mut db.borrow_mut(), input);
            Ok(())
        })
        .unwrap();
}

fn run<S: Strategy>(cases: u32, strategy: S, check: impl Fn(S::Value)) {
    TestRunner::new(config(cases))
        .run(&strategy, |input| {
            check(input);
            Ok(())
        })
        .unwrap();
}

// ---------------------------------------------------------------------------------------------
// Valid inputs to mutate.

const PROVINCIAL: &str = include_str!("../../../../seeds/agencies-provincial.csv");
const COMMUNES: &str = include_str!("../../../../seeds/agencies-communes.csv");
const PAR_FRAMEWORK: &str = include_str!("../../../../seeds/par-framework.json");

/// A small official tree in CSV, with a comma decimal and a thousands dot.
const FRAMEWORK_CSV: &str = "code,name,parent_code,max_points,source\n\
1,Công tác chỉ đạo điều hành,,9,QĐ 876\n\
1.1,Kế hoạch CCHC,1,\"2,5\",\n\
1.1.1,Ban hành kịp thời,1.1,1,\n\
2,Cải cách thể chế,,6,\n\
2.1,Rà soát văn bản,2,1.250,\n";

/// The same tree as a JSON array.
const FRAMEWORK_JSON: &str = r#"[
  {"code": "1", "name": "Công tác chỉ đạo điều hành", "max_points": 9, "source": "QĐ 876"},
  {"code": "1.1", "name": "Kế hoạch CCHC", "parent": "1", "max_points": 2.5},
  {"code": "1.1.1", "name": "Ban hành kịp thời", "parent_code": "1.1", "max_points": 1},
  {"code": "2", "name": "Cải cách thể chế", "parent": null, "max_points": 6},
  {"code": "2.1", "name": "Rà soát văn bản", "parent": "2"}
]
"#;

#[test]
fn the_fixtures_to_mutate_are_valid() {
    let mut db = checks::lead_store();
    for csv in [PROVINCIAL, COMMUNES] {
        assert!(checks::agency_csv(&mut db, csv.as_bytes()));
    }
    assert!(checks::framework_file(
        &mut db,
        FRAMEWORK_CSV.as_bytes(),
        false
    ));
    assert!(checks::framework_file(
        &mut db,
        FRAMEWORK_JSON.as_bytes(),
        true
    ));
    assert!(checks::framework_file(
        &mut db,
        PAR_FRAMEWORK.as_bytes(),
        true
    ));
}

// ---------------------------------------------------------------------------------------------
// Mutations of a valid file.

/// What a spreadsheet, a careless edit or a broken transfer does to a file.
#[derive(Debug, Clone)]
enum Mutation {
    DropLine(Index),
    DuplicateLine(Index),
    SwapLines(Index, Index),
    FlipByte(Index, u8),
    Insert(Index, Vec<u8>),
    HugeField(Index, usize),
    Truncate(Index),
    Bom,
    Crlf,
    LoneCr,
    Nfd,
}

/// Byte runs that upset parsers: invalid UTF-8, quotes, separators, NUL, a BOM in the middle,
/// decomposed Vietnamese, a JSON number out of range.
fn nasty_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        Just(b"\xff".to_vec()),
        Just(b"\xc3".to_vec()),
        Just(b"\xed\xa0\x80".to_vec()),
        Just(b"\"".to_vec()),
        Just(b"\"\"".to_vec()),
        Just(b",".to_vec()),
        Just(b",,,,".to_vec()),
        Just(b"\n".to_vec()),
        Just(b"\r\n".to_vec()),
        Just(b"\0".to_vec()),
        Just(b"\xEF\xBB\xBF".to_vec()),
        Just("Xa\u{303} Tie\u{302}\u{301}n".as_bytes().to_vec()),
        Just(b"1e999".to_vec()),
        Just(b"-1".to_vec()),
        Just(b"null".to_vec()),
        Just(b"{\"nodes\":".to_vec()),
        Just(b"]".to_vec()),
        proptest::collection::vec(any::<u8>(), 1..8),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        3 => any::<Index>().prop_map(Mutation::DropLine),
        3 => any::<Index>().prop_map(Mutation::DuplicateLine),
        2 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        3 => (any::<Index>(), 1..=255u8).prop_map(|(i, m)| Mutation::FlipByte(i, m)),
        4 => (any::<Index>(), nasty_bytes()).prop_map(|(i, b)| Mutation::Insert(i, b)),
        1 => (any::<Index>(), prop_oneof![Just(300usize), Just(70_000), Just(300_000)])
            .prop_map(|(i, n)| Mutation::HugeField(i, n)),
        1 => any::<Index>().prop_map(Mutation::Truncate),
        1 => Just(Mutation::Bom),
        1 => Just(Mutation::Crlf),
        1 => Just(Mutation::LoneCr),
        1 => Just(Mutation::Nfd),
    ]
}

fn lines(bytes: &[u8]) -> Vec<Vec<u8>> {
    bytes
        .split_inclusive(|b| *b == b'\n')
        .map(<[u8]>::to_vec)
        .collect()
}

fn apply(mut bytes: Vec<u8>, m: &Mutation) -> Vec<u8> {
    let mut ls = lines(&bytes);
    match m {
        Mutation::DropLine(i) if !ls.is_empty() => {
            ls.remove(i.index(ls.len()));
            ls.concat()
        }
        Mutation::DuplicateLine(i) if !ls.is_empty() => {
            let k = i.index(ls.len());
            let line = ls[k].clone();
            ls.insert(k, line);
            ls.concat()
        }
        Mutation::SwapLines(a, b) if !ls.is_empty() => {
            let (a, b) = (a.index(ls.len()), b.index(ls.len()));
            ls.swap(a, b);
            ls.concat()
        }
        Mutation::FlipByte(i, mask) if !bytes.is_empty() => {
            let k = i.index(bytes.len());
            bytes[k] ^= mask;
            bytes
        }
        Mutation::Insert(i, run) => {
            let k = i.index(bytes.len() + 1);
            bytes.splice(k..k, run.iter().copied());
            bytes
        }
        Mutation::HugeField(i, n) => {
            let k = i.index(bytes.len() + 1);
            bytes.splice(k..k, std::iter::repeat_n(b'x', *n));
            bytes
        }
        Mutation::Truncate(i) => {
            bytes.truncate(i.index(bytes.len() + 1));
            bytes
        }
        Mutation::Bom => [b"\xEF\xBB\xBF".as_slice(), &bytes].concat(),
        Mutation::Crlf => ls
            .into_iter()
            .flat_map(|l| match l.strip_suffix(b"\n") {
                Some(body) => [body, b"\r\n"].concat(),
                None => l,
            })
            .collect(),
        Mutation::LoneCr => bytes
            .into_iter()
            .map(|b| if b == b'\n' { b'\r' } else { b })
            .collect(),
        Mutation::Nfd => match String::from_utf8(bytes) {
            Ok(s) => s.nfd().collect::<String>().into_bytes(),
            Err(e) => e.into_bytes(),
        },
        _ => bytes,
    }
}

/// A valid file with one to four mutations applied.
fn mutated(valid: &'static str) -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(mutation(), 1..=4)
        .prop_map(move |ms| ms.iter().fold(valid.as_bytes().to_vec(), apply))
}

#[test]
fn a_mutated_register_imports_whole_or_not_at_all() {
    run_on_store(96, mutated(PROVINCIAL), |db, bytes| {
        checks::agency_csv(db, &bytes);
    });
    run_on_store(48, mutated(COMMUNES), |db, bytes| {
        checks::agency_csv(db, &bytes);
    });
}

#[test]
fn a_mutated_framework_csv_imports_whole_or_not_at_all() {
    run_on_store(128, mutated(FRAMEWORK_CSV), |db, bytes| {
        checks::framework_file(db, &bytes, false);
    });
}

#[test]
fn a_mutated_framework_json_imports_whole_or_not_at_all() {
    run_on_store(96, mutated(FRAMEWORK_JSON), |db, bytes| {
        checks::framework_file(db, &bytes, true);
    });
    run_on_store(48, mutated(PAR_FRAMEWORK), |db, bytes| {
        checks::framework_file(db, &bytes, true);
    });
}

// ---------------------------------------------------------------------------------------------
// Backup files: a real backup, damaged.

/// A real backup (a seeded store with a profile and one evidence file), made once.
fn valid_backup() -> &'static [u8] {
    static BYTES: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    BYTES.get_or_init(|| {
        use kiemtra_core::{backup, evidence, inspection, plan};
        let dir = tempfile::tempdir().unwrap();
        let mut db = kiemtra_core::Db::open(&dir.path().join("data")).unwrap();
        kiemtra_core::seed::load_all(&mut db).unwrap();
        kiemtra_core::profile::add(
            &mut db,
            "Trần Thị Bình",
            kiemtra_core::profile::Role::Lead,
            None,
        )
        .unwrap();
        plan::apply(
            &mut db,
            2026,
            &plan::PlanChange {
                include: vec!["07264".into()],
                ..Default::default()
            },
        )
        .unwrap();
        let id = inspection::start(&mut db, 2026, "07264", None).unwrap();
        let f = dir.path().join("Biên bản.pdf");
        std::fs::write(&f, b"%PDF-1.4 bien ban".repeat(500)).unwrap();
        let to = evidence::Mapping {
            criteria: vec!["3.1".into()],
            items: vec![],
        };
        evidence::add_file(&mut db, id, &f, &to, &mut |_, _| {}).unwrap();
        let out = dir.path().join("b.kbak");
        backup::backup(&mut db, &out).unwrap();
        std::fs::read(&out).unwrap()
    })
}

/// The backup's footer recomputed over `body`, as a careful forger would: the damage then
/// reaches the tar and manifest checks behind the footer.
fn refooter(body: &[u8]) -> Vec<u8> {
    use sha2::{Digest, Sha256};
    let sum: String = Sha256::digest(body)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    [body, format!("\nKIEMTRA-SAO-LUU sha256={sum}\n").as_bytes()].concat()
}

#[test]
fn a_damaged_backup_is_restored_whole_or_refused_leaving_nothing() {
    let valid = valid_backup();
    let body_len = valid.len() - (24 + 64 + 1);
    checks::backup_file(valid);
    let damage = (0..valid.len(), any::<u8>(), 0..4u8, any::<bool>());
    run(64, damage, |(at, byte, kind, forge)| {
        let mut b = valid.to_vec();
        match kind {
            0 => b[at] ^= byte | 1,
            1 => b.truncate(at),
            2 => b.insert(at, byte),
            _ => b.drain(at..(at + 512).min(b.len())).for_each(drop),
        }
        if forge && at < body_len {
            b.truncate(b.len().min(body_len));
            b = refooter(&b);
        }
        checks::backup_file(&b);
    });
    run(32, proptest::collection::vec(any::<u8>(), 0..4096), |b| {
        checks::backup_file(&b);
        checks::backup_file(&refooter(&b));
    });
}

// ---------------------------------------------------------------------------------------------
// Arbitrary input.

/// Raw bytes, half of them behind a header the parser accepts so the rows get read.
fn bytes_after(header: &'static str) -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..400),
        proptest::collection::vec(any::<u8>(), 0..400)
            .prop_map(move |b| [header.as_bytes(), &b].concat()),
        "[a-z0-9,\"\\n\\r ]{0,200}".prop_map(move |s| format!("{header}{s}").into_bytes()),
    ]
}

#[test]
fn arbitrary_bytes_never_break_a_register_import() {
    run_on_store(
        256,
        bytes_after("code,name,block,kind,active\n"),
        |db, b| {
            checks::agency_csv(db, &b);
        },
    );
}

#[test]
fn arbitrary_bytes_never_break_a_framework_import() {
    run_on_store(
        192,
        bytes_after("code,name,parent_code,max_points\n"),
        |db, b| {
            checks::framework_file(db, &b, false);
        },
    );
    run_on_store(192, bytes_after("{\"nodes\":[{\"code\":"), |db, b| {
        checks::framework_file(db, &b, true);
    });
}

// ---------------------------------------------------------------------------------------------
// Framework trees against an oracle: random node lists with duplicate codes, missing parents,
// cycles, deep chains and negative points, checked against what the import documents.

#[derive(Debug, Clone, serde::Serialize)]
struct Node {
    code: String,
    name: String,
    parent: Option<String>,
    max_points: Option<f64>,
}

fn node() -> impl Strategy<Value = Node> {
    (
        "[abcd1]{0,2}",
        prop_oneof![4 => Just("Tiêu chí".to_string()), 1 => Just(String::new())],
        proptest::option::of("[abcd1]{0,2}"),
        proptest::option::of(prop_oneof![
            Just(0.0),
            Just(2.5),
            Just(1.125),
            Just(-1.0),
            Just(1e300),
        ]),
    )
        .prop_map(|(code, name, parent, max_points)| Node {
            code,
            name,
            parent,
            max_points,
        })
}

/// Whether the import should accept the tree: codes and names present, codes unique, parents
/// known, no cycle, at most three levels, points not negative.
fn acceptable(nodes: &[Node]) -> bool {
    let parent_of = |code: &str| -> Option<&str> {
        nodes
            .iter()
            .find(|n| n.code == code)
            .and_then(|n| n.parent.as_deref())
            .filter(|p| !p.is_empty())
    };
    let codes: std::collections::HashSet<&str> = nodes.iter().map(|n| n.code.as_str()).collect();
    !nodes.is_empty()
        && codes.len() == nodes.len()
        && nodes.iter().all(|n| {
            !n.code.is_empty() && !n.name.is_empty() && n.max_points.is_none_or(|p| p >= 0.0)
        })
        && nodes.iter().all(|n| {
            // Walk up at most three levels; a fourth ancestor, a cycle or an unknown parent fails.
            let mut cur = n.code.as_str();
            for _ in 0..3 {
                match parent_of(cur) {
                    None => return true,
                    Some(p) if codes.contains(p) => cur = p,
                    Some(_) => return false,
                }
            }
            false
        })
}

fn as_csv(nodes: &[Node]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["code", "name", "parent_code", "max_points"])
        .unwrap();
    for n in nodes {
        let points = n
            .max_points
            .map(|p| format!("{p}").replace('.', ","))
            .unwrap_or_default();
        w.write_record([
            n.code.as_str(),
            n.name.as_str(),
            n.parent.as_deref().unwrap_or(""),
            points.as_str(),
        ])
        .unwrap();
    }
    w.into_inner().unwrap()
}

#[test]
fn a_framework_tree_is_accepted_exactly_when_it_is_well_formed() {
    run_on_store(192, proptest::collection::vec(node(), 0..7), |db, nodes| {
        let expected = acceptable(&nodes);
        let json = serde_json::to_vec(&nodes).unwrap();
        assert_eq!(
            checks::framework_file(db, &json, true),
            expected,
            "JSON {nodes:?}"
        );
        assert_eq!(
            checks::framework_file(db, &as_csv(&nodes), false),
            expected,
            "CSV {nodes:?}"
        );
    });
}

// ---------------------------------------------------------------------------------------------
// Figures and dates as typed.

#[test]
fn any_text_typed_as_a_figure_is_a_finite_number_or_refused() {
    run(1024, any::<String>(), |s| checks::figure(&s));
    run(1024, "[-+0-9.,% \u{a0}]{0,24}", |s| checks::figure(&s));
}

/// `12.500.000,75` from an integer part and decimals.
fn vietnamese(int: u64, frac: &str) -> String {
    let digits = int.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push('.');
        }
        grouped.push(c);
    }
    if frac.is_empty() {
        grouped
    } else {
        format!("{grouped},{frac}")
    }
}

#[test]
fn a_figure_written_the_vietnamese_way_reads_back() {
    run(
        512,
        (
            prop_oneof![Just(""), Just("-"), Just("+")],
            0..1_000_000_000_000u64,
            "[0-9]{0,6}",
            prop_oneof![Just(""), Just(" "), Just("\u{a0}")],
            prop_oneof![Just(""), Just("%")],
        ),
        |(sign, int, frac, pad, percent)| {
            let typed = format!("{pad}{sign}{}{percent}{pad}", vietnamese(int, &frac));
            let expected: f64 = format!("{sign}{int}.{frac}0").parse().unwrap();
            assert_eq!(text::parse_figure(&typed), Ok(Some(expected)), "{typed:?}");
        },
    );
}

#[test]
fn any_text_typed_as_a_date_is_a_date_that_reads_back_or_refused() {
    run(1024, any::<String>(), |s| checks::date(&s));
    run(1024, "[0-9/.\\- ]{0,14}", |s| checks::date(&s));
}

#[test]
fn a_date_written_any_accepted_way_reads_back() {
    run(
        512,
        (
            1000..=9999i32,
            1..=12u32,
            1..=31u32,
            prop_oneof![Just('/'), Just('.'), Just('-')],
            any::<bool>(),
        ),
        |(y, m, d, sep, pad)| {
            let Some(date) = NaiveDate::from_ymd_opt(y, m, d) else {
                let typed = format!("{d:02}/{m:02}/{y}");
                assert!(calendar::parse_date("ngay", &typed).is_err(), "{typed}");
                return;
            };
            let typed = if pad {
                format!(" {d:02}{sep}{m:02}{sep}{y} ")
            } else {
                format!("{d}{sep}{m}{sep}{y}")
            };
            assert_eq!(
                calendar::parse_date("ngay", &typed).ok(),
                Some(date),
                "{typed}"
            );
            let iso = format!("{y}-{m:02}-{d:02}");
            assert_eq!(calendar::parse_date("ngay", &iso).ok(), Some(date), "{iso}");
        },
    );
}

// ---------------------------------------------------------------------------------------------
// Evidence file names.

/// Names built to hit every rule: separators, dots, control characters, Windows punctuation,
/// device names, decomposed Vietnamese, and lengths around the 200-character cut.
fn hostile_name() -> impl Strategy<Value = String> {
    let device = prop_oneof![
        Just(""),
        Just("CON"),
        Just("con"),
        Just("Nul"),
        Just("AUX"),
        Just("PRN"),
        Just("COM1"),
        Just("lpt9"),
        Just(".."),
        Just("."),
    ];
    let body = "[a-zế./\\\\:*?\"<>| \\x00-\\x1f\\x7f\\u{85}\\u{200e}\\u{301}]{0,12}";
    (
        device,
        body,
        prop_oneof![Just(0usize), Just(190), Just(199), Just(200), Just(260)],
        "[a-z. ]{0,20}",
    )
        .prop_map(|(device, body, pad, tail)| format!("{device}{body}{}{tail}", "x".repeat(pad)))
}

#[test]
fn a_file_name_from_outside_becomes_one_plain_component() {
    run(1024, any::<String>(), |s| checks::file_name(&s));
    run(1024, hostile_name(), |s| checks::file_name(&s));
}

// ---------------------------------------------------------------------------------------------
// The corpus the fuzzer kept, replayed on stable.

fn corpus(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{} is empty", dir.display());
    files
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect()
}

/// Replays one target's corpus through its check, naming the file that breaks it.
fn replay(target: &str, check: impl Fn(&[u8])) {
    for (path, bytes) in corpus(target) {
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(&bytes)));
        assert!(outcome.is_ok(), "{} breaks {target}", path.display());
    }
}

/// The fuzz targets read text targets as UTF-8 and skip other bytes; so does the replay.
fn as_text(bytes: &[u8], check: impl Fn(&str)) {
    if let Ok(s) = std::str::from_utf8(bytes) {
        check(s);
    }
}

#[test]
fn the_fuzz_corpus_replays_without_a_crash() {
    let db = RefCell::new(checks::lead_store());
    replay("agency_csv", |b| {
        checks::agency_csv(&mut db.borrow_mut(), b);
    });
    replay("framework_csv", |b| {
        checks::framework_file(&mut db.borrow_mut(), b, false);
    });
    replay("framework_json", |b| {
        checks::framework_file(&mut db.borrow_mut(), b, true);
    });
    replay("figure", |b| as_text(b, checks::figure));
    replay("date", |b| as_text(b, checks::date));
    replay("file_name", |b| as_text(b, checks::file_name));
    replay("backup_file", checks::backup_file);
    replay("bundle_file", checks::bundle_file);
}

// ---------------------------------------------------------------------------------------------
// Found by the property tests, then fixed: `neutralise_name` kept names safe but broke the
// limits it documents (a trailing space after a cut, 201 characters, COM¹, 600 bytes). The
// inputs stay in `tests/corpus/regressions/file_name/` so each case keeps its own test.

/// `"x" * 199 + " yyyyy"`, `"x" * 300 + ".abcdefghijklmno pqr"`, `"CON." + "x" * 300`,
/// `"COM¹.txt"`, `"ế" * 200`.
fn regression(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus/regressions/file_name")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn a_name_cut_at_200_characters_keeps_no_trailing_space() {
    checks::file_name_limits(&regression("trailing-space-after-cut"));
}

#[test]
fn an_extension_cut_at_16_characters_keeps_no_trailing_space() {
    checks::file_name_limits(&regression("trailing-space-in-cut-extension"));
}

#[test]
fn a_long_device_name_stays_within_200_characters() {
    checks::file_name_limits(&regression("long-device-name-201-chars"));
}

#[test]
fn a_device_name_with_a_superscript_digit_is_renamed() {
    checks::file_name_limits(&regression("superscript-device-name"));
}

#[test]
fn a_long_vietnamese_name_fits_a_file_name_on_disk() {
    checks::file_name_limits(&regression("vietnamese-600-bytes"));
}

#[test]
fn file_names_keep_their_documented_limits() {
    run(4096, hostile_name(), |s| checks::file_name_limits(&s));
}
