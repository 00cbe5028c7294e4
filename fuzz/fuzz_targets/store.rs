//! The seeded store the import targets write into, one per fuzzing process. Seeding for every
//! input would cost more than the import; a store that grew by many accepted imports makes
//! every check slower, so it is replaced after `FRESH_AFTER` of them.

use std::cell::RefCell;

use kiemtra_core::Db;

use crate::checks;

const FRESH_AFTER: usize = 16;

thread_local! {
    static STORE: RefCell<(Db, usize)> = RefCell::new((checks::lead_store(), 0));
}

/// Runs `import` (which returns whether it was accepted) against the process's store.
pub fn with_store(import: impl FnOnce(&mut Db) -> bool) {
    STORE.with(|cell| {
        let mut guard = cell.borrow_mut();
        let (db, accepted) = &mut *guard;
        if import(db) {
            *accepted += 1;
            if *accepted >= FRESH_AFTER {
                *guard = (checks::lead_store(), 0);
            }
        }
    });
}
