//! kiemtra-core: the domain model, rules and local store of Kiểm tra CCHC. No tauri, no PDF.
//!
//! - One module per table group, SQL beside its row type: `agency`, `framework`, `checklist`,
//!   `profile`, `audit`. Add a table with a new file under `migrations/` (append-only) listed in
//!   `db::migrations`, and a module that owns its SQL.
//! - Every user action is one transaction through [`db::Db::write`] and writes its audit entry
//!   in the same transaction.
//! - Files in the data directory are named by [`files::DataDir`] and written whole with
//!   [`files::write_atomic`]; every operating-system specific call is in `files/platform.rs`.
//! - An enum stored as TEXT has one mapping (`stored_text!`); unknown text read back is an error.
//! - Seeds load through [`seed::load_all`] only; text enters through [`text::nfc`].
//! - Types that cross to the UI derive `ts_rs::TS`; `cargo test -p kiemtra-core export_bindings`
//!   regenerates `ui/src/lib/bindings/`, and CI fails if the checked-in copy differs.

pub mod agency;
pub mod audit;
pub mod backup;
pub mod calendar;
pub mod checklist;
pub mod crypt;
mod csv_file;
pub mod db;
pub mod error;
pub mod evidence;
pub mod exchange;
pub mod files;
pub mod followup;
pub mod framework;
pub mod inspection;
pub mod judgement;
pub mod minutes;
pub mod notice;
pub mod paths;
pub mod plan;
pub mod profile;
pub mod report;
pub mod seed;
pub mod settings;
pub mod status;
mod stored;
pub mod text;
pub mod uid;

pub use db::Db;
pub use error::{Error, ErrorCode, ErrorPayload, Result};
