//! kiemtra-pdf: the documents Kiểm tra CCHC prints — the conclusion notice, the inspection
//! minutes and the annual inspection plan — in the layout of Nghị định 30/2020/NĐ-CP, and the
//! one place the app and the CLI get them from.
//!
//! - [`documents`] is the façade both binaries call for anything printed or exported: a
//!   [`DocumentRef`] (the notice or minutes of an inspection, the plan of a year) is previewed
//!   as SVG pages, rendered, exported to the data directory or, for the notice, issued; it also
//!   reads and saves the [`DocumentSettings`] and dates documents by the store's clock
//!   ([`documents::DocumentClock`]). The documents of one planned inspection before it starts
//!   — the decision establishing the team and the schedule letter — are keyed by year and
//!   agency: [`documents::decision_pdf`], [`documents::schedule_letter_pdf`] and their
//!   previews. Nothing outside it gathers core data for a document.
//!   After the notices, the year's report ([`documents::year_report_pdf`], from the same
//!   figures as the XLSX and the dashboard) and an agency's reminder letter
//!   ([`documents::reminder_pdf`]).
//! - A document module (`notice`, `minutes`, `plan_doc`, `decision`, `schedule_letter`,
//!   `year_report`, `reminder`) has a plain input struct (built from
//!   core data by its `from_core`, then edited by the caller) that implements [`Document`]:
//!   `check` refuses an input that cannot be printed, `build` turns it into [`layout::Block`]s
//!   over `document::Builder` (the official header, title and signature), `title`/`subject`
//!   name it in the PDF.
//! - [`layout()`] and [`render()`] are the same for every document (architecture rule 7):
//!   [`layout`](mod@layout) sets the blocks into pages of positioned text runs and lines (pure,
//!   measured with the bundled fonts' advance widths, unit-tested); [`render`](mod@render), the
//!   only module that calls printpdf, writes the pages as PDF bytes with the fonts embedded as
//!   subsets. The creation date and the document id come from the caller ([`RenderOptions`]),
//!   so the same input gives the same bytes.
//!
//! To add a document: a module with its input struct and `impl Document`, a variant of
//! [`DocumentRef`] (and [`documents::DocKind`]) with its input gathered from the store in
//! `documents`, and the UI's binding regenerated (`cargo test -p kiemtra-pdf export_bindings`);
//! put any new fixed wording's characters through the font-coverage test (it reads `src/`
//! whole).

pub mod decision;
pub mod document;
pub mod documents;
pub mod fonts;
pub mod format;
pub mod layout;
pub mod minutes;
pub mod notice;
pub mod plan_doc;
pub mod recovery_sheet;
pub mod reminder;
pub mod render;
pub mod schedule_letter;
pub mod svg;
pub mod year_report;

pub use decision::DecisionInput;
pub use document::{
    layout, render, Document, DocumentSettings, Margins, Person, Reference, RenderOptions,
};
pub use documents::{DocError, DocumentRef};
pub use minutes::{MinutesInput, SectionTally};
pub use notice::{ChecklistRow, DueDates, EvidenceRow, FieldResult, NoticeInput, Recommendation};
pub use plan_doc::{CoverageRow, PlanInput, PlanRow};
pub use recovery_sheet::RecoverySheetInput;
pub use reminder::{OverdueRow, ReminderInput};
pub use schedule_letter::{ExpectedEvidence, ScheduleLetterInput};
pub use year_report::YearReportInput;

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
