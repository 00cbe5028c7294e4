//! One module per noun of the command line, each with a `run` that takes its subcommand, the
//! open store and where to print. What several nouns share (reading an input file) is here; the
//! dates on documents are kiemtra_pdf::documents' to choose.

use std::path::Path;

pub mod agencies;
pub mod backup;
pub mod calendar;
pub mod checklist;
pub mod crypt;
pub mod decision;
pub mod evidence;
pub mod exchange;
pub mod finding;
pub mod followup;
pub mod framework;
pub mod init;
pub mod inspection;
pub mod minutes;
pub mod notice;
pub mod plan;
pub mod profile;
pub mod report;
pub mod schedule_letter;
pub mod settings;

/// Reads an input file; a failure names the file, as the core's errors do.
fn read_file(path: &Path) -> anyhow::Result<Vec<u8>> {
    std::fs::read(path).map_err(|source| {
        kiemtra_core::Error::Io {
            path: path.display().to_string(),
            source,
        }
        .into()
    })
}
