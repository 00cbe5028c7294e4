//! A file name from outside becomes one plain path component (`evidence::neutralise_name`).
//! The check is shared with the stable property tests and corpus replay.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[allow(dead_code)] // each target uses one or two of the checks
#[path = "../../crates/kiemtra-core/tests/core/parsers/checks.rs"]
mod checks;

fuzz_target!(|data: &[u8]| {
    if let Ok(raw) = std::str::from_utf8(data) {
        checks::file_name(raw);
    }
});
