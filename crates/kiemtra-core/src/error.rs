//! The one error type of the core. Every variant carries what the user needs to act on it;
//! `Display` is the Vietnamese message shown in the UI and printed by the CLI, `code()` is the
//! stable identifier the UI branches on.

use serde::Serialize;
use ts_rs::TS;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("Không tìm thấy cơ quan có mã «{code}».")]
    AgencyNotFound { code: String },

    #[error("Không tìm thấy người dùng «{name}». Dùng `kiemtra profile list` để xem danh sách.")]
    ProfileNotFound { name: String },

    #[error("Người dùng «{name}» đã tồn tại.")]
    ProfileExists { name: String },

    #[error("Chưa chọn người dùng hiện tại. Hãy thêm hoặc chọn một người dùng (kiemtra profile add / profile use).")]
    NoCurrentProfile,

    #[error("Thao tác «{action}» chỉ dành cho Trưởng đoàn; người dùng hiện tại «{name}» là thành viên đoàn.")]
    LeadOnly { action: String, name: String },

    #[error("Tệp nhập không hợp lệ, dòng {line}: {reason}. Không có thay đổi nào được ghi.")]
    ImportRow { line: usize, reason: String },

    #[error("Tệp nhập không hợp lệ: {reason}. Không có thay đổi nào được ghi.")]
    ImportFile { reason: String },

    #[error("Không tìm thấy phiên bản khung chỉ số «{version}».")]
    FrameworkNotFound { version: String },

    #[error("Phiên bản khung chỉ số «{version}» đã có; hãy đặt tên phiên bản khác.")]
    FrameworkVersionExists { version: String },

    #[error("Chưa có kế hoạch kiểm tra năm {year}. Hãy lập kế hoạch trước (kiemtra plan create --year {year}).")]
    PlanNotFound { year: i32 },

    #[error("Kế hoạch năm {year} đã được phê duyệt; muốn sửa phải ghi lý do điều chỉnh.")]
    PlanFinal { year: i32 },

    #[error("Chưa đủ ngưỡng {threshold}% số cơ quan: {}. Hãy chọn thêm rồi phê duyệt lại.", shortfall_text(.shortfalls))]
    CoverageBelowThreshold {
        threshold: String,
        shortfalls: Vec<Shortfall>,
    },

    #[error("Cơ quan «{code}» không có trong kế hoạch năm {year}.")]
    NotInPlan { code: String, year: i32 },

    #[error("Lịch trùng: {name} đã ở đoàn kiểm tra {other} từ {from} đến {to}.")]
    ScheduleConflict {
        name: String,
        other: String,
        from: String,
        to: String,
    },

    #[error("Không tìm thấy cuộc kiểm tra số {id}.")]
    InspectionNotFound { id: i64 },

    #[error("Cuộc kiểm tra số {id} {state}: không sửa được nữa{hint}.")]
    InspectionLocked {
        id: i64,
        state: String,
        hint: String,
    },

    #[error("Đã có cuộc kiểm tra {agency} năm {year} (số {id}).")]
    InspectionExists { id: i64, agency: String, year: i32 },

    #[error("Mục «{source_ref}» không có trong danh mục của cuộc kiểm tra số {id}.")]
    ItemNotFound { id: i64, source_ref: String },

    #[error("Không nhận tệp «{name}»: {reason}. Không có gì được ghi.")]
    EvidenceRefused { name: String, reason: String },

    #[error("Không tìm thấy tài liệu kiểm chứng số {id}.")]
    EvidenceNotFound { id: i64 },

    #[error("Số văn bản «{number}» đã dùng cho thông báo kết luận khác.")]
    NoticeNumberTaken { number: String },

    #[error("Dữ liệu gốc «{name}» không hợp lệ: {reason}")]
    Seed { name: String, reason: String },

    #[error("Giá trị không hợp lệ cho «{field}»: {reason}")]
    Invalid { field: String, reason: String },

    #[error("Không mở được tệp «{path}»: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },

    #[error("Lỗi cơ sở dữ liệu: {0}")]
    Db(#[from] rusqlite::Error),

    #[error("Lỗi nâng cấp cơ sở dữ liệu: {0}")]
    Migration(#[from] rusqlite_migration::Error),
}

impl Error {
    /// Stable machine-readable code, used across IPC and in tests.
    pub fn code(&self) -> &'static str {
        match self {
            Error::AgencyNotFound { .. } => "agency_not_found",
            Error::ProfileNotFound { .. } => "profile_not_found",
            Error::ProfileExists { .. } => "profile_exists",
            Error::NoCurrentProfile => "no_current_profile",
            Error::LeadOnly { .. } => "lead_only",
            Error::ImportRow { .. } => "import_row",
            Error::ImportFile { .. } => "import_file",
            Error::FrameworkNotFound { .. } => "framework_not_found",
            Error::FrameworkVersionExists { .. } => "framework_version_exists",
            Error::PlanNotFound { .. } => "plan_not_found",
            Error::PlanFinal { .. } => "plan_final",
            Error::CoverageBelowThreshold { .. } => "coverage_below_threshold",
            Error::NotInPlan { .. } => "not_in_plan",
            Error::ScheduleConflict { .. } => "schedule_conflict",
            Error::InspectionNotFound { .. } => "inspection_not_found",
            Error::InspectionLocked { .. } => "inspection_locked",
            Error::InspectionExists { .. } => "inspection_exists",
            Error::ItemNotFound { .. } => "item_not_found",
            Error::EvidenceRefused { .. } => "evidence_refused",
            Error::EvidenceNotFound { .. } => "evidence_not_found",
            Error::NoticeNumberTaken { .. } => "notice_number_taken",
            Error::Seed { .. } => "seed",
            Error::Invalid { .. } => "invalid",
            Error::Io { .. } => "io",
            Error::Db(_) => "db",
            Error::Migration(_) => "migration",
        }
    }

    pub(crate) fn invalid(field: &str, reason: impl Into<String>) -> Self {
        Error::Invalid {
            field: field.to_string(),
            reason: reason.into(),
        }
    }

    pub fn payload(&self) -> ErrorPayload {
        ErrorPayload {
            code: self.code().to_string(),
            message: self.to_string(),
        }
    }
}

/// How many more agencies one block needs to reach the plan's threshold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Shortfall {
    /// The block's Vietnamese name ("UBND cấp xã").
    pub block: String,
    #[ts(type = "number")]
    pub missing: i64,
}

fn shortfall_text(s: &[Shortfall]) -> String {
    s.iter()
        .map(|s| format!("khối {} còn thiếu {} cơ quan", s.block, s.missing))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The single error shape that crosses IPC: the UI branches on `code` and shows `message`.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ErrorPayload {
    pub code: String,
    pub message: String,
}
