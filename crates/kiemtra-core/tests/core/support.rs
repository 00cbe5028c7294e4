//! Shared helpers: a seeded store with a fixed clock, and profiles.

use std::sync::Arc;

use chrono::{Local, TimeZone};
use kiemtra_core::profile::{self, Role};
use kiemtra_core::{seed, Db};

/// A seeded in-memory store whose clock always says 2026-03-02 08:00.
pub fn seeded_db() -> Db {
    let clock = Arc::new(|| {
        Local
            .with_ymd_and_hms(2026, 3, 2, 8, 0, 0)
            .single()
            .expect("valid time")
    });
    let mut db = Db::open_in_memory().expect("open").with_clock(clock);
    seed::load_all(&mut db).expect("seeds load");
    db
}

/// A seeded store where a team lead is the current profile.
pub fn seeded_db_with_lead() -> Db {
    let mut db = seeded_db();
    profile::add(
        &mut db,
        "Trần Thị Bình",
        Role::Lead,
        Some("Trưởng phòng CCHC"),
    )
    .expect("lead");
    db
}

/// The plan's text as published, for checking that seeded items quote it.
pub fn source_text() -> String {
    let raw = include_str!("../../../../seeds/source/ke-hoach-167-KH-UBND-2025-bac-ninh.txt");
    squash(raw)
}

/// White space folded to single spaces, so table cells broken over lines still match.
pub fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
