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

/// The single error shape that crosses IPC: the UI branches on `code` and shows `message`.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ErrorPayload {
    pub code: String,
    pub message: String,
}
