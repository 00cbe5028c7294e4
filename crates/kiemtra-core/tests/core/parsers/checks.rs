//! One check per parser of outside input. The property tests, the corpus replay (both in
//! `parsers.rs`) and the cargo-fuzz targets (`fuzz/`, which include this file by path) call the
//! same functions, so a crash the fuzzer finds replays on the stable toolchain in CI.
//!
//! Each check panics when a property is broken; returning means the input was handled.

use std::path::{Component, Path};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use chrono::{Datelike, Local, TimeZone};
use kiemtra_core::profile::{self, Role};
use kiemtra_core::{agency, calendar, evidence, framework, seed, text, Db, Error};

/// A seeded in-memory store with a fixed clock and a team lead as the current profile, the only
/// role allowed to import.
pub fn lead_store() -> Db {
    let clock = Arc::new(|| {
        Local
            .with_ymd_and_hms(2026, 3, 2, 8, 0, 0)
            .single()
            .expect("valid time")
    });
    let mut db = Db::open_in_memory().expect("open").with_clock(clock);
    seed::load_all(&mut db).expect("seeds load");
    profile::add(&mut db, "Trần Thị Bình", Role::Lead, None).expect("lead");
    db
}

/// The tables an import may write, as text. The audit log is append-only, so its row count and
/// last row stand for it (the whole log would make every fuzz run slower than the last).
pub fn dump(db: &Db) -> String {
    let queries = [
        "SELECT * FROM agencies ORDER BY code",
        "SELECT * FROM framework_versions ORDER BY id",
        "SELECT * FROM framework_nodes ORDER BY version_id, position",
        "SELECT * FROM seed_log ORDER BY name",
        "SELECT * FROM profiles ORDER BY name",
        "SELECT * FROM settings ORDER BY key",
        "SELECT COUNT(*), MAX(id) FROM audit_log",
        "SELECT * FROM audit_log WHERE id = (SELECT MAX(id) FROM audit_log)",
    ];
    let mut out = String::new();
    for sql in queries {
        let mut stmt = db.conn().prepare(sql).expect(sql);
        let width = stmt.column_count();
        let mut rows = stmt.query([]).expect(sql);
        out.push_str(sql);
        out.push('\n');
        while let Some(row) = rows.next().expect(sql) {
            for i in 0..width {
                let v: rusqlite::types::Value = row.get(i).expect(sql);
                out.push_str(&format!("{v:?}|"));
            }
            out.push('\n');
        }
    }
    out
}

/// The last line number a row error may name: every line ending counts, as a CSV reader may
/// end a record on a lone carriage return.
fn last_line(bytes: &[u8]) -> usize {
    bytes.iter().filter(|b| matches!(b, b'\n' | b'\r')).count() + 1
}

/// Imports a register CSV into `db`. All or nothing: success, or an `ImportRow` with a line
/// inside the file / an `ImportFile`, and then the store is exactly as before. Returns whether
/// the import succeeded.
pub fn agency_csv(db: &mut Db, bytes: &[u8]) -> bool {
    let before = dump(db);
    match agency::import_csv(db, bytes) {
        Ok(summary) => {
            assert!(
                summary.added + summary.updated + summary.unchanged >= 1,
                "an accepted register has rows: {summary:?}"
            );
            // The same file again changes nothing.
            let again = agency::import_csv(db, bytes).expect("the same file imports again");
            assert_eq!((again.added, again.updated), (0, 0), "{again:?}");
            true
        }
        Err(e) => {
            match &e {
                Error::ImportRow { line, .. } => assert!(
                    (1..=last_line(bytes)).contains(line),
                    "row error on line {line} of a {}-line file: {e}",
                    last_line(bytes)
                ),
                Error::ImportFile { .. } => {}
                other => panic!("a register import failed with an undocumented error: {other:?}"),
            }
            assert_eq!(
                dump(db),
                before,
                "a refused register changed the store ({e})"
            );
            false
        }
    }
}

static VERSION: AtomicU64 = AtomicU64::new(0);

/// Imports a framework tree (CSV or JSON) as a new version. All or nothing, as for registers;
/// an accepted tree becomes the current version with at least one node. Returns whether the
/// import succeeded.
pub fn framework_file(db: &mut Db, bytes: &[u8], is_json: bool) -> bool {
    let name = format!("fuzz-{}", VERSION.fetch_add(1, Ordering::Relaxed));
    let before = dump(db);
    let count = framework::versions(db.conn()).expect("versions").len();
    match framework::import(db, bytes, is_json, &name, None, Some(2026)) {
        Ok(v) => {
            assert!(v.is_current && v.node_count >= 1, "{v:?}");
            assert_eq!(
                framework::versions(db.conn()).expect("versions").len(),
                count + 1
            );
            let tree = framework::show(db.conn(), Some(name.as_str())).expect("the new tree shows");
            assert!(!tree.nodes.is_empty());
            true
        }
        Err(e) => {
            match &e {
                Error::ImportRow { line, .. } => assert!(*line >= 1, "row error on line 0: {e}"),
                Error::ImportFile { .. } => {}
                other => {
                    panic!("a framework import failed with an undocumented error: {other:?}")
                }
            }
            assert_eq!(dump(db), before, "a refused tree changed the store ({e})");
            false
        }
    }
}

/// A figure as typed: never a panic, and a number is always finite.
pub fn figure(typed: &str) {
    if let Ok(Some(v)) = text::parse_figure(typed) {
        assert!(v.is_finite(), "«{typed}» gave {v}");
    }
}

/// A date as typed: never a panic, and an accepted date reads back the same from both the
/// Vietnamese and the ISO spelling.
pub fn date(typed: &str) {
    if let Ok(d) = calendar::parse_date("ngay", typed) {
        let vn = format!("{:02}/{:02}/{:04}", d.day(), d.month(), d.year());
        assert_eq!(calendar::parse_date("ngay", &vn).ok(), Some(d), "{vn}");
        let iso = d.format("%Y-%m-%d").to_string();
        assert_eq!(calendar::parse_date("ngay", &iso).ok(), Some(d), "{iso}");
    }
}

/// A Windows device name (as the stem before the first dot, any case): opening such a file
/// opens the device instead.
pub fn is_windows_device(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or("").to_ascii_uppercase();
    matches!(stem.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || ["COM", "LPT"].iter().any(|p| {
            stem.strip_prefix(p).is_some_and(|n| {
                n.len() == 1 && n.as_bytes()[0].is_ascii_digit()
                    || matches!(n, "\u{b9}" | "\u{b2}" | "\u{b3}")
            })
        })
}

/// A file name from outside, neutralised, is one plain path component: no separator, no `.`
/// or `..`, no control character, no Windows device name, never empty.
pub fn file_name(raw: &str) {
    let n = evidence::neutralise_name(raw);
    assert!(!n.is_empty(), "{raw:?}");
    assert!(!n.contains(['/', '\\']), "{raw:?} → {n:?} has a separator");
    assert!(
        !n.chars().any(char::is_control),
        "{raw:?} → {n:?} has a control character"
    );
    assert!(n != "." && n != "..", "{raw:?} → {n:?}");
    let parts: Vec<Component> = Path::new(&n).components().collect();
    assert!(
        matches!(parts.as_slice(), [Component::Normal(_)]),
        "{raw:?} → {n:?} is not one plain component: {parts:?}"
    );
    assert!(
        !n.contains([':', '*', '?', '"', '<', '>', '|']),
        "{raw:?} → {n:?} has a character Windows refuses"
    );
    let classic = n.split('.').next().unwrap_or("").to_ascii_uppercase();
    let classic_device = matches!(classic.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || (classic.len() == 4
            && (classic.starts_with("COM") || classic.starts_with("LPT"))
            && classic.as_bytes()[3].is_ascii_digit());
    assert!(!classic_device, "{raw:?} → {n:?} is a Windows device name");
}

/// What `neutralise_name` documents beyond safety, and what materialising the file on disk
/// needs: at most 200 characters and 255 bytes (the file-name limit of Linux and macOS), no
/// trailing dot or space, no device name with a superscript digit, and the same name when
/// neutralised again (`evidence::materialise` does). Kept apart from `file_name` because
/// inputs break it (see the ignored regressions in `parsers.rs`).
pub fn file_name_limits(raw: &str) {
    let n = evidence::neutralise_name(raw);
    assert!(
        n.chars().count() <= 200,
        "{} characters: {n:?}",
        n.chars().count()
    );
    assert!(n.len() <= 255, "{} bytes: {n:?}", n.len());
    assert!(!n.ends_with(['.', ' ']), "{n:?} ends with a dot or a space");
    assert!(!is_windows_device(&n), "{n:?} is a Windows device name");
    assert_eq!(
        evidence::neutralise_name(&n),
        n,
        "neutralising twice changes the name"
    );
}

/// A backup file from outside (a USB stick, a mail attachment): restored whole — then the store
/// opens and every file checks — or refused as damaged, and then no target folder and nothing
/// half-unpacked beside it.
pub fn backup_file(bytes: &[u8]) {
    use kiemtra_core::{backup, ErrorCode};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let root = std::env::temp_dir().join(format!("kiemtra-fuzz-backup-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&root).expect("temp folder");
    let file = root.join("in.kbak");
    std::fs::write(&file, bytes).expect("write input");
    let target = root.join("dich");
    match backup::restore(&file, &target) {
        Ok(_) => {
            let db = Db::open(&target).expect("a restored store opens");
            assert!(
                backup::check(&db).expect("check runs").ok(),
                "a restored store checks"
            );
        }
        Err(e) => {
            assert!(
                matches!(
                    e.code(),
                    ErrorCode::BackupDamaged
                        | ErrorCode::DatabaseTooNew
                        | ErrorCode::StoreCorrupt
                        // A backup holding a key file is an encrypted store's: no passphrase here.
                        | ErrorCode::StoreLocked
                ),
                "unexpected refusal: {e}"
            );
            assert!(
                !target.exists(),
                "a refused restore left {}",
                target.display()
            );
            let left: Vec<_> = std::fs::read_dir(&root)
                .expect("read temp folder")
                .filter_map(|e| e.ok())
                .map(|e| e.file_name())
                .filter(|n| n != "in.kbak")
                .collect();
            assert!(left.is_empty(), "left beside the target: {left:?}");
        }
    }
    let _ = std::fs::remove_dir_all(&root);
}

/// A team exchange bundle from outside is read and verified whole, or refused leaving nothing
/// staged (`exchange::transfer::read_bundle`, what `bundle import` and its preview do first).
pub fn bundle_file(bytes: &[u8]) {
    use kiemtra_core::exchange::transfer;
    use kiemtra_core::files::DataDir;
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let root = std::env::temp_dir().join(format!("kiemtra-fuzz-bundle-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&root).expect("temp folder");
    let file = root.join("goi.ktra");
    std::fs::write(&file, bytes).expect("write input");
    let data = DataDir::new(root.join("data"));
    match transfer::read_bundle(&data, &file, &mut |_, _| {}) {
        Ok(read) => drop(read),
        Err(e) => {
            let code = e.code().as_str();
            assert!(
                code.starts_with("bundle_") || code == "signature_invalid" || code == "key_invalid",
                "unexpected refusal: {code}: {e}"
            );
        }
    }
    let staged: Vec<_> = std::fs::read_dir(data.tmp())
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert!(staged.is_empty(), "left staged: {staged:?}");
    let _ = std::fs::remove_dir_all(&root);
}
