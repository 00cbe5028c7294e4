//! Integration tests of kiemtra-pdf: documents rendered to PDF and read back with poppler
//! (pdftotext, pdffonts, pdfinfo, pdftoppm), the bundled fonts' coverage, the golden image.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod fonts;
mod golden;
mod minutes;
mod notice;
mod plan;
mod support;
