//! A backup file from outside is restored whole or refused leaving nothing (`backup::restore`).
//! The check is shared with the stable property tests and corpus replay.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[allow(dead_code)] // each target uses one or two of the checks
#[path = "../../crates/kiemtra-core/tests/core/parsers/checks.rs"]
mod checks;

fuzz_target!(|data: &[u8]| {
    checks::backup_file(data);
});
