//! Team exchange between laptops: each laptop writes its work into a signed bundle file that
//! travels on a USB stick, and the others verify and merge it, all offline. `keys` is a
//! laptop's identity, `bundle` the file itself (integrity only: whether to trust a key and
//! whether the schema matches is the importer's decision).

pub mod bundle;
pub mod device;
pub mod keys;
pub mod log;
pub mod merge;
pub mod transfer;
pub mod units;
