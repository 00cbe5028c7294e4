//! kiemtra-pdf: the documents Kiểm tra CCHC prints, in the layout of Nghị định 30/2020/NĐ-CP.
//!
//! For now it owns the Vietnamese conventions documents write dates and numbers in; the layout
//! model and the printpdf renderer join it with the documents issue. Add a document as a
//! function from core data to a layout, never by calling printpdf outside `render`.

pub mod format;
