//! A team exchange bundle from outside is read whole or refused leaving nothing staged
//! (`exchange::transfer::read_bundle`). The check is shared with the corpus replay on stable.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[allow(dead_code)] // each target uses one or two of the checks
#[path = "../../crates/kiemtra-core/tests/core/parsers/checks.rs"]
mod checks;

fuzz_target!(|data: &[u8]| {
    checks::bundle_file(data);
});
