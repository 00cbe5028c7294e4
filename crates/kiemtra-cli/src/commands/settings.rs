//! `kiemtra settings`: the document settings (issuer, signer, recipients, margins).

use std::io::Write;
use std::path::PathBuf;

use kiemtra_core::Db;

use super::read_file;
use crate::output;
use kiemtra_pdf::documents;

/// Replaces the settings with the JSON file's when one is given, then prints those in force.
pub fn run(
    set_documents: Option<PathBuf>,
    db: &mut Db,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    if let Some(f) = set_documents {
        let v: serde_json::Value = serde_json::from_slice(&read_file(&f)?)
            .map_err(|e| anyhow::anyhow!("JSON không hợp lệ: {e}"))?;
        let parsed: kiemtra_pdf::DocumentSettings = serde_json::from_value(v)
            .map_err(|e| anyhow::anyhow!("thiết lập không hợp lệ: {e}"))?;
        documents::save_settings(db, &parsed)?;
    }
    output::json_line(out, &documents::document_settings(db)?)
}
