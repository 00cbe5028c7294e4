//! A register CSV imports whole or not at all (`agency::import_csv`).
//! The check is shared with the stable property tests and corpus replay.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[allow(dead_code)] // each target uses one or two of the checks
#[path = "../../crates/kiemtra-core/tests/core/parsers/checks.rs"]
mod checks;
#[path = "store.rs"]
mod store;

fuzz_target!(|data: &[u8]| {
    store::with_store(|db| checks::agency_csv(db, data));
});
