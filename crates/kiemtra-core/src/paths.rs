//! Where the user's data lives: `--data-dir`, else `KIEMTRA_DATA_DIR`, else the platform's data
//! directory (`~/.local/share/kiemtra` on Linux). The CLI and the app resolve it the same way, so
//! both work on the same store. The rooms inside it are named by [`crate::files::DataDir`].

use std::path::PathBuf;

pub use crate::files::ENV_VAR;

pub fn data_dir(explicit: Option<PathBuf>) -> PathBuf {
    crate::files::DataDir::resolve(explicit)
        .root()
        .to_path_buf()
}
