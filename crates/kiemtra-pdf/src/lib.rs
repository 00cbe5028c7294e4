//! kiemtra-pdf: the documents Kiểm tra CCHC prints, in the layout of Nghị định 30/2020/NĐ-CP.
//!
//! Two stages (architecture rule 7): a document function turns plain input (built from core
//! data by `from_core` helpers) into blocks, [`layout`] sets the blocks into pages of
//! positioned text runs and lines (pure, unit-tested), and [`render`] — the only module that
//! touches printpdf — writes those pages as PDF bytes. The creation date and document id come
//! from the caller, so the same input always gives the same bytes.
//!
//! Add a document as a module with an input struct and a `blocks` function, plus a
//! `render_…` entry point here; never call printpdf outside `render`.

pub mod fonts;
pub mod format;
pub mod layout;
pub mod render;

/// Why a document could not be produced.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PdfError {
    /// A bundled font could not be read (a broken build, not a user error).
    #[error("không đọc được phông chữ kèm theo chương trình ({0})")]
    Font(String),
    /// The input cannot make a valid document.
    #[error("dữ liệu văn bản không hợp lệ ({field}): {message}")]
    Invalid { field: String, message: String },
}

pub mod document;
pub mod minutes;
pub mod notice;
pub mod plan_doc;

pub use document::{DocumentSettings, Margins, Person, RenderOptions};
pub use minutes::{layout_minutes, render_minutes, MinutesInput, SectionTally};
pub use notice::{
    layout_notice, render_notice, ChecklistRow, DueDates, EvidenceRow, FieldResult, NoticeInput,
    Recommendation,
};
pub use plan_doc::{layout_plan, render_plan, CoverageRow, PlanInput, PlanRow};
