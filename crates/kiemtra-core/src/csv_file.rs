//! How every imported CSV file is opened: Excel's UTF-8 BOM dropped, rows of any length (each
//! checked by its importer, with its line number), cells trimmed, and columns found by their
//! header name whatever its case.

use crate::error::{Error, Result};

pub(crate) struct CsvFile<'a> {
    pub reader: csv::Reader<&'a [u8]>,
    header: csv::ByteRecord,
}

impl<'a> CsvFile<'a> {
    pub fn open(bytes: &'a [u8]) -> Result<Self> {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(bytes);
        let header = reader
            .byte_headers()
            .map_err(|e| Error::ImportFile {
                reason: format!("không đọc được dòng tiêu đề ({e})"),
            })?
            .clone();
        Ok(CsvFile { reader, header })
    }

    /// The position of the column headed `name` (case aside).
    pub fn column(&self, name: &str) -> Option<usize> {
        self.header
            .iter()
            .position(|h| h.eq_ignore_ascii_case(name.as_bytes()))
    }
}
