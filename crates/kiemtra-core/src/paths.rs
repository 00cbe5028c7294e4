//! Where the user's data lives: `--data-dir`, else `KIEMTRA_DATA_DIR`, else the platform's data
//! directory (`~/.local/share/kiemtra` on Linux). The CLI and the app resolve it the same way, so
//! both work on the same store.

use std::path::PathBuf;

pub const ENV_VAR: &str = "KIEMTRA_DATA_DIR";

pub fn data_dir(explicit: Option<PathBuf>) -> PathBuf {
    explicit
        .or_else(|| {
            std::env::var_os(ENV_VAR)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        })
        .or_else(|| dirs::data_dir().map(|d| d.join("kiemtra")))
        .unwrap_or_else(|| PathBuf::from(".kiemtra"))
}
