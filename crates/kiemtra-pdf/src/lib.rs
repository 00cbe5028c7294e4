//! kiemtra-pdf: the documents Kiểm tra CCHC prints — the conclusion notice, the inspection
//! minutes and the annual inspection plan — in the layout of Nghị định 30/2020/NĐ-CP.
//!
//! Two stages (architecture rule 7):
//! - a document module (`notice`, `minutes`, `plan_doc`) turns a plain input struct (built from
//!   core data by its `from_core`, then edited by the caller) and [`DocumentSettings`] into
//!   [`layout::Block`]s, with the official header, title and signature from `document`;
//! - [`layout`] sets the blocks into pages of positioned text runs and lines (pure, measured
//!   with the bundled fonts' advance widths, unit-tested);
//! - [`render`], the only module that calls printpdf, writes the pages as PDF bytes with the
//!   fonts embedded as subsets. The creation date and the document id come from the caller
//!   ([`RenderOptions`]), so the same input gives the same bytes.
//!
//! Add a document as a module with an input struct, a `build` function over
//! `document::Builder`, and `layout_…`/`render_…` entry points re-exported here; put any new
//! fixed wording's characters through the font-coverage test (it reads `src/` whole).

pub mod document;
pub mod fonts;
pub mod format;
pub mod layout;
pub mod minutes;
pub mod notice;
pub mod plan_doc;
pub mod render;
pub mod store;
pub mod svg;

pub use document::{DocumentSettings, Margins, Person, RenderOptions};
pub use minutes::{layout_minutes, render_minutes, MinutesInput, SectionTally};
pub use notice::{
    layout_notice, render_notice, ChecklistRow, DueDates, EvidenceRow, FieldResult, NoticeInput,
    Recommendation,
};
pub use plan_doc::{layout_plan, render_plan, CoverageRow, PlanInput, PlanRow};

/// Why a document could not be produced. Messages are Vietnamese, for the user.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PdfError {
    /// A bundled font could not be read (a broken build, not a user error).
    #[error("không đọc được phông chữ kèm theo chương trình ({0})")]
    Font(String),
    /// The input or the settings cannot make a valid document.
    #[error("dữ liệu văn bản không hợp lệ ({field}): {message}")]
    Invalid { field: String, message: String },
    /// The PDF could not be written out.
    #[error("không tạo được tệp PDF ({0})")]
    Write(String),
}

impl PdfError {
    /// A stable code for the UI to branch on.
    pub fn code(&self) -> kiemtra_core::ErrorCode {
        match self {
            PdfError::Font(_) => kiemtra_core::ErrorCode::PdfFont,
            PdfError::Invalid { .. } => kiemtra_core::ErrorCode::PdfInvalid,
            PdfError::Write(_) => kiemtra_core::ErrorCode::PdfWrite,
        }
    }
}
