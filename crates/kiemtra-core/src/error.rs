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

    #[error("Danh mục kiểm tra nhập không hợp lệ ({} lỗi):\n{}\nKhông có thay đổi nào được ghi.", .problems.len(), crate::checklist::sheet::problems_text(.problems))]
    TemplateInvalid {
        problems: Vec<crate::checklist::sheet::TemplateProblem>,
    },

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

    #[error("Không có mục theo dõi khắc phục số {id} (xem «kiemtra followup list»). Chưa có gì thay đổi.")]
    FollowupNotFound { id: i64 },

    #[error("Mục theo dõi khắc phục số {id}: {reason}. Chưa có gì thay đổi.")]
    FollowupStatus { id: i64, reason: String },

    #[error("Ngày nhận báo cáo khắc phục {date} trước ngày ban hành thông báo kết luận {notice}: cơ quan chỉ báo cáo sau khi nhận thông báo. Chưa có gì thay đổi.")]
    FollowupBeforeNotice { date: String, notice: String },

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

    #[error("Chưa có người ký văn bản (họ tên và chức vụ). Hãy thiết lập người ký trong «Thiết lập văn bản» (hoặc kiemtra settings --set-documents) rồi ban hành lại; chưa có gì thay đổi.")]
    SignerMissing,

    #[error("Ngày ban hành {date} trước ngày kiểm tra {visit}: thông báo kết luận chỉ ban hành sau khi đã kiểm tra. Chưa có gì thay đổi.")]
    NoticeBeforeVisit { date: String, visit: String },

    #[error("Còn {count} nội dung chưa có kết quả kiểm tra: hãy ghi kết quả, hoặc đánh dấu «Không áp dụng» kèm lý do cho nội dung không kiểm tra, rồi ban hành lại. Chưa có gì thay đổi.")]
    NoticeItemsUnanswered { count: i64 },

    #[error("Kế hoạch kiểm tra năm {year} chưa có số, ngày ban hành, mà thông báo kết luận phải dẫn kế hoạch theo số, ngày. Hãy ghi số, ngày của kế hoạch (kiemtra plan issue --year {year} --number … --date …) rồi ban hành lại. Chưa có gì thay đổi.")]
    PlanReferenceMissing { year: i32 },

    #[error("Chưa có số, ngày của Quyết định thành lập Đoàn kiểm tra tại {agency}, mà thông báo kết luận phải dẫn quyết định này. Hãy ghi số, ngày quyết định (kiemtra decision set --year {year} --agency {code} --number … --date …) rồi ban hành lại. Chưa có gì thay đổi.")]
    TeamDecisionMissing {
        year: i32,
        code: String,
        agency: String,
    },

    #[error("Khóa không hợp lệ: {reason}.")]
    KeyInvalid { reason: String },

    #[error(
        "Chữ ký không khớp: nội dung đã bị thay đổi, hoặc không do thiết bị mang khóa này ký."
    )]
    SignatureInvalid,

    #[error(
        "Tệp trao đổi bị hỏng: {reason}. Không có gì được nhập; hãy nhờ người gửi xuất lại tệp."
    )]
    BundleCorrupt { reason: String },

    #[error("Tệp trao đổi không đầy đủ: {reason}. Có thể việc chép tệp chưa xong; hãy chép lại tệp rồi thử lại. Không có gì được nhập.")]
    BundleTruncated { reason: String },

    #[error(
        "Tệp trao đổi có thành phần «{name}» không được phép: {reason}. Không có gì được nhập."
    )]
    BundleMemberRefused { name: String, reason: String },

    #[error("Tệp trao đổi quá lớn: «{name}» có {size} byte, vượt giới hạn {limit} byte. Không có gì được nhập.")]
    BundleTooLarge { name: String, size: u64, limit: u64 },

    #[error("Tệp trao đổi không đúng định dạng: {reason}. Không có gì được nhập.")]
    BundleFormat { reason: String },

    #[error("Không tạo được tệp trao đổi: tài liệu kiểm chứng «{path}» không còn khớp mã băm {sha256} (tệp đã bị sửa hoặc hỏng). Hãy kiểm tra tài liệu kiểm chứng (kiemtra evidence verify). Chưa có tệp nào được ghi.")]
    BundleEvidenceChanged { sha256: String, path: String },

    #[error("Tệp trao đổi không dùng được: {reason}. Không có gì được nhập.")]
    BundleInvalid { reason: String },

    #[error("Tệp trao đổi do một thiết bị chưa được tin cậy ký ({profile}, dấu vân tay {fingerprint}). Hãy gọi điện cho người gửi để đối chiếu dấu vân tay; nếu khớp, nhập lại và chọn tin cậy thiết bị này (--trust). Chưa có gì được nhập.")]
    UntrustedDevice {
        device: String,
        fingerprint: String,
        profile: String,
    },

    #[error("Thiết bị {device} gửi tệp với một khoá ký khác khoá đã tin cậy trước đây (dấu vân tay mới {fingerprint}). Tệp có thể bị giả mạo; không có gì được nhập.")]
    DeviceKeyChanged { device: String, fingerprint: String },

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
    Db(rusqlite::Error),

    #[error("Không ghi được vào {path}: ổ đĩa đã đầy hoặc không cho ghi thêm. Thao tác đã bị hủy, dữ liệu giữ nguyên như trước; hãy giải phóng chỗ trống trên ổ đĩa rồi làm lại.")]
    DiskFull { path: String },

    #[error("Không ghi được vào {path}: ổ đĩa hoặc thư mục chỉ cho đọc, hoặc người dùng này không có quyền ghi. Dữ liệu không bị thay đổi; hãy chọn thư mục dữ liệu ghi được (--data-dir) hoặc nhờ quản trị viên cấp quyền.")]
    ReadOnly { path: String },

    #[error("Lỗi nâng cấp cơ sở dữ liệu: {0}")]
    Migration(#[from] rusqlite_migration::Error),

    #[error("Dữ liệu tại «{path}» do một phiên bản mới hơn của ứng dụng ghi ({}phiên bản này chỉ đọc được đến {supported}). Hãy cài phiên bản mới nhất của Kiểm tra CCHC; dữ liệu được giữ nguyên, không có gì bị thay đổi.", found_text(.found))]
    DatabaseTooNew {
        path: String,
        found: Option<i64>,
        supported: i64,
    },

    #[error("Dữ liệu tại «{path}» đang bị một chương trình khác (ứng dụng hoặc lệnh kiemtra) giữ để ghi. Hãy đóng chương trình đó rồi thử lại; dữ liệu không bị thay đổi.")]
    StoreBusy { path: String },

    #[error("Tệp «{path}» không phải kho dữ liệu của Kiểm tra CCHC hoặc đã hỏng. Ứng dụng không sửa đè lên tệp này; hãy khôi phục từ bản sao lưu hoặc báo cho quản trị viên.")]
    StoreCorrupt { path: String },

    #[error("{}", wrong_passphrase_text(*.recovery))]
    WrongPassphrase { recovery: bool },

    #[error("Dữ liệu tại «{path}» đã được mã hoá: cần mật khẩu để mở (ứng dụng hỏi khi mở; lệnh kiemtra đọc biến KIEMTRA_PASSPHRASE hoặc --passphrase-file).")]
    StoreLocked { path: String },

    #[error("Bản sao lưu «{path}» là của dữ liệu đã mã hoá: cần mật khẩu (hoặc khoá khôi phục) của dữ liệu đó để kiểm tra và khôi phục (ứng dụng hỏi trong hộp Khôi phục; lệnh kiemtra đọc KIEMTRA_PASSPHRASE hoặc --passphrase-file). Chưa có gì được ghi.")]
    BackupLocked { path: String },

    #[error("Tệp khoá kiemtra.key không dùng được: {reason}. Không có gì bị thay đổi; hãy khôi phục thư mục dữ liệu từ bản sao lưu.")]
    KeyFileInvalid { reason: String },

    #[error("Bản sao lưu không dùng được: {reason}. Không có gì được ghi; hãy dùng một bản sao lưu khác.")]
    BackupDamaged { reason: String },

    #[error("Không khôi phục vào «{path}»: {reason}. Không có gì được ghi.")]
    RestoreTarget { path: String, reason: String },
}

fn wrong_passphrase_text(recovery: bool) -> &'static str {
    if recovery {
        "Khoá khôi phục không đúng. Hãy nhập lại đúng như trên tờ khoá khôi phục (không cần phân biệt chữ hoa, chữ thường, dấu gạch); dữ liệu không bị thay đổi."
    } else {
        "Mật khẩu không đúng. Hãy nhập lại (chú ý bộ gõ tiếng Việt và phím Caps Lock); nếu quên mật khẩu, hãy dùng khoá khôi phục. Dữ liệu không bị thay đổi."
    }
}

/// The stable codes of [`Error`] (and of the document layer's errors), exported to the UI as
/// a string union so that `Record<ErrorCode, …>` there fails to type-check when a code is added
/// here without its next step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ErrorCode {
    AgencyNotFound,
    ProfileNotFound,
    ProfileExists,
    NoCurrentProfile,
    LeadOnly,
    ImportRow,
    ImportFile,
    TemplateInvalid,
    FrameworkNotFound,
    FrameworkVersionExists,
    PlanNotFound,
    PlanFinal,
    CoverageBelowThreshold,
    NotInPlan,
    ScheduleConflict,
    InspectionNotFound,
    InspectionLocked,
    InspectionExists,
    FollowupNotFound,
    FollowupStatus,
    FollowupBeforeNotice,
    ItemNotFound,
    EvidenceRefused,
    EvidenceNotFound,
    NoticeNumberTaken,
    SignerMissing,
    NoticeBeforeVisit,
    NoticeItemsUnanswered,
    PlanReferenceMissing,
    TeamDecisionMissing,
    KeyInvalid,
    SignatureInvalid,
    BundleCorrupt,
    BundleTruncated,
    BundleMemberRefused,
    BundleTooLarge,
    BundleFormat,
    BundleEvidenceChanged,
    BundleInvalid,
    UntrustedDevice,
    DeviceKeyChanged,
    Seed,
    Invalid,
    Io,
    Db,
    Migration,
    DatabaseTooNew,
    StoreBusy,
    StoreCorrupt,
    BackupDamaged,
    RestoreTarget,
    WrongPassphrase,
    StoreLocked,
    BackupLocked,
    KeyFileInvalid,
    DiskFull,
    ReadOnly,
    /// The app started but its store could not be opened (the reason came with the start).
    StoreUnavailable,
    PdfInvalid,
    PdfFont,
    PdfWrite,
    /// A fault of the program itself, not of the user's input.
    Internal,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::AgencyNotFound => "agency_not_found",
            ErrorCode::ProfileNotFound => "profile_not_found",
            ErrorCode::ProfileExists => "profile_exists",
            ErrorCode::NoCurrentProfile => "no_current_profile",
            ErrorCode::LeadOnly => "lead_only",
            ErrorCode::ImportRow => "import_row",
            ErrorCode::ImportFile => "import_file",
            ErrorCode::TemplateInvalid => "template_invalid",
            ErrorCode::FrameworkNotFound => "framework_not_found",
            ErrorCode::FrameworkVersionExists => "framework_version_exists",
            ErrorCode::PlanNotFound => "plan_not_found",
            ErrorCode::PlanFinal => "plan_final",
            ErrorCode::CoverageBelowThreshold => "coverage_below_threshold",
            ErrorCode::NotInPlan => "not_in_plan",
            ErrorCode::ScheduleConflict => "schedule_conflict",
            ErrorCode::InspectionNotFound => "inspection_not_found",
            ErrorCode::InspectionLocked => "inspection_locked",
            ErrorCode::InspectionExists => "inspection_exists",
            ErrorCode::FollowupNotFound => "followup_not_found",
            ErrorCode::FollowupStatus => "followup_status",
            ErrorCode::FollowupBeforeNotice => "followup_before_notice",
            ErrorCode::ItemNotFound => "item_not_found",
            ErrorCode::EvidenceRefused => "evidence_refused",
            ErrorCode::EvidenceNotFound => "evidence_not_found",
            ErrorCode::NoticeNumberTaken => "notice_number_taken",
            ErrorCode::SignerMissing => "signer_missing",
            ErrorCode::NoticeBeforeVisit => "notice_before_visit",
            ErrorCode::NoticeItemsUnanswered => "notice_items_unanswered",
            ErrorCode::PlanReferenceMissing => "plan_reference_missing",
            ErrorCode::TeamDecisionMissing => "team_decision_missing",
            ErrorCode::KeyInvalid => "key_invalid",
            ErrorCode::SignatureInvalid => "signature_invalid",
            ErrorCode::BundleCorrupt => "bundle_corrupt",
            ErrorCode::BundleTruncated => "bundle_truncated",
            ErrorCode::BundleMemberRefused => "bundle_member_refused",
            ErrorCode::BundleTooLarge => "bundle_too_large",
            ErrorCode::BundleFormat => "bundle_format",
            ErrorCode::BundleEvidenceChanged => "bundle_evidence_changed",
            ErrorCode::BundleInvalid => "bundle_invalid",
            ErrorCode::UntrustedDevice => "untrusted_device",
            ErrorCode::DeviceKeyChanged => "device_key_changed",
            ErrorCode::Seed => "seed",
            ErrorCode::Invalid => "invalid",
            ErrorCode::Io => "io",
            ErrorCode::Db => "db",
            ErrorCode::Migration => "migration",
            ErrorCode::DatabaseTooNew => "database_too_new",
            ErrorCode::StoreBusy => "store_busy",
            ErrorCode::StoreCorrupt => "store_corrupt",
            ErrorCode::BackupDamaged => "backup_damaged",
            ErrorCode::RestoreTarget => "restore_target",
            ErrorCode::DiskFull => "disk_full",
            ErrorCode::WrongPassphrase => "wrong_passphrase",
            ErrorCode::StoreLocked => "store_locked",
            ErrorCode::BackupLocked => "backup_locked",
            ErrorCode::KeyFileInvalid => "key_file_invalid",
            ErrorCode::ReadOnly => "read_only",
            ErrorCode::StoreUnavailable => "store_unavailable",
            ErrorCode::PdfInvalid => "pdf_invalid",
            ErrorCode::PdfFont => "pdf_font",
            ErrorCode::PdfWrite => "pdf_write",
            ErrorCode::Internal => "internal",
        }
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Lets tests and callers compare a code with its text (`err.code() == "invalid"`).
impl PartialEq<&str> for ErrorCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl Error {
    /// Stable machine-readable code, used across IPC and in tests.
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::AgencyNotFound { .. } => ErrorCode::AgencyNotFound,
            Error::ProfileNotFound { .. } => ErrorCode::ProfileNotFound,
            Error::ProfileExists { .. } => ErrorCode::ProfileExists,
            Error::NoCurrentProfile => ErrorCode::NoCurrentProfile,
            Error::LeadOnly { .. } => ErrorCode::LeadOnly,
            Error::ImportRow { .. } => ErrorCode::ImportRow,
            Error::ImportFile { .. } => ErrorCode::ImportFile,
            Error::TemplateInvalid { .. } => ErrorCode::TemplateInvalid,
            Error::FrameworkNotFound { .. } => ErrorCode::FrameworkNotFound,
            Error::FrameworkVersionExists { .. } => ErrorCode::FrameworkVersionExists,
            Error::PlanNotFound { .. } => ErrorCode::PlanNotFound,
            Error::PlanFinal { .. } => ErrorCode::PlanFinal,
            Error::CoverageBelowThreshold { .. } => ErrorCode::CoverageBelowThreshold,
            Error::NotInPlan { .. } => ErrorCode::NotInPlan,
            Error::ScheduleConflict { .. } => ErrorCode::ScheduleConflict,
            Error::InspectionNotFound { .. } => ErrorCode::InspectionNotFound,
            Error::FollowupNotFound { .. } => ErrorCode::FollowupNotFound,
            Error::FollowupStatus { .. } => ErrorCode::FollowupStatus,
            Error::FollowupBeforeNotice { .. } => ErrorCode::FollowupBeforeNotice,
            Error::InspectionLocked { .. } => ErrorCode::InspectionLocked,
            Error::InspectionExists { .. } => ErrorCode::InspectionExists,
            Error::ItemNotFound { .. } => ErrorCode::ItemNotFound,
            Error::EvidenceRefused { .. } => ErrorCode::EvidenceRefused,
            Error::EvidenceNotFound { .. } => ErrorCode::EvidenceNotFound,
            Error::NoticeNumberTaken { .. } => ErrorCode::NoticeNumberTaken,
            Error::SignerMissing => ErrorCode::SignerMissing,
            Error::NoticeBeforeVisit { .. } => ErrorCode::NoticeBeforeVisit,
            Error::NoticeItemsUnanswered { .. } => ErrorCode::NoticeItemsUnanswered,
            Error::PlanReferenceMissing { .. } => ErrorCode::PlanReferenceMissing,
            Error::TeamDecisionMissing { .. } => ErrorCode::TeamDecisionMissing,
            Error::KeyInvalid { .. } => ErrorCode::KeyInvalid,
            Error::SignatureInvalid => ErrorCode::SignatureInvalid,
            Error::BundleCorrupt { .. } => ErrorCode::BundleCorrupt,
            Error::BundleTruncated { .. } => ErrorCode::BundleTruncated,
            Error::BundleMemberRefused { .. } => ErrorCode::BundleMemberRefused,
            Error::BundleTooLarge { .. } => ErrorCode::BundleTooLarge,
            Error::BundleFormat { .. } => ErrorCode::BundleFormat,
            Error::BundleEvidenceChanged { .. } => ErrorCode::BundleEvidenceChanged,
            Error::BundleInvalid { .. } => ErrorCode::BundleInvalid,
            Error::UntrustedDevice { .. } => ErrorCode::UntrustedDevice,
            Error::DeviceKeyChanged { .. } => ErrorCode::DeviceKeyChanged,
            Error::Seed { .. } => ErrorCode::Seed,
            Error::Invalid { .. } => ErrorCode::Invalid,
            Error::Io { .. } => ErrorCode::Io,
            Error::Db(_) => ErrorCode::Db,
            Error::Migration(_) => ErrorCode::Migration,
            Error::DatabaseTooNew { .. } => ErrorCode::DatabaseTooNew,
            Error::StoreBusy { .. } => ErrorCode::StoreBusy,
            Error::StoreCorrupt { .. } => ErrorCode::StoreCorrupt,
            Error::BackupDamaged { .. } => ErrorCode::BackupDamaged,
            Error::RestoreTarget { .. } => ErrorCode::RestoreTarget,
            Error::DiskFull { .. } => ErrorCode::DiskFull,
            Error::WrongPassphrase { .. } => ErrorCode::WrongPassphrase,
            Error::StoreLocked { .. } => ErrorCode::StoreLocked,
            Error::BackupLocked { .. } => ErrorCode::BackupLocked,
            Error::KeyFileInvalid { .. } => ErrorCode::KeyFileInvalid,
            Error::ReadOnly { .. } => ErrorCode::ReadOnly,
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
            code: self.code(),
            message: self.to_string(),
            field: match self {
                Error::Invalid { field, .. } => Some(field.clone()),
                _ => None,
            },
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

fn found_text(found: &Option<i64>) -> String {
    found.map_or(String::new(), |v| format!("phiên bản dữ liệu {v}, "))
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
    pub code: ErrorCode,
    pub message: String,
    /// The input field the error is about (`Error::Invalid`), so a form can mark it without
    /// reading the message text.
    pub field: Option<String>,
}

/// The store's errors, with the two a laptop meets that the user can act on named as such: a
/// full disk (or a file-size limit) and a store that cannot be written.
impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode as Sqlite;
        const STORE: &str = "kho dữ liệu";
        if let rusqlite::Error::SqliteFailure(f, _) = &e {
            // SQLITE_IOERR_WRITE (778) and _FSYNC (1034), _TRUNCATE (1546), _SHMSIZE (4874):
            // a write the disk refused.
            let write_refused = matches!(f.extended_code, 778 | 1034 | 1546 | 4874);
            match f.code {
                Sqlite::DiskFull => return Error::DiskFull { path: STORE.into() },
                Sqlite::SystemIoFailure if write_refused => {
                    return Error::DiskFull { path: STORE.into() }
                }
                Sqlite::ReadOnly => return Error::ReadOnly { path: STORE.into() },
                _ => {}
            }
        }
        Error::Db(e)
    }
}

/// An I/O error on `path`: a full disk and a read-only place get their own errors. `writing`:
/// the call was creating or writing `path`, so a refused permission means it cannot be written.
pub(crate) fn classify_io(source: std::io::Error, path: &std::path::Path, writing: bool) -> Error {
    use std::io::ErrorKind;
    let shown = format!("«{}»", path.display());
    // ENOSPC, EFBIG (a file-size limit), EDQUOT; EROFS; EACCES, EPERM when writing.
    match (source.raw_os_error(), source.kind()) {
        (Some(28 | 27 | 122), _) | (_, ErrorKind::StorageFull | ErrorKind::FileTooLarge) => {
            Error::DiskFull { path: shown }
        }
        (Some(30), _) | (_, ErrorKind::ReadOnlyFilesystem) => Error::ReadOnly { path: shown },
        (_, ErrorKind::PermissionDenied) if writing => Error::ReadOnly { path: shown },
        _ => Error::Io {
            path: path.display().to_string(),
            source,
        },
    }
}
