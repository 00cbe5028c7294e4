//! The command line as clap reads it: `Cli`, the nouns in `Command`, one subcommand enum per
//! noun, and the value enums that map onto the core's own.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use kiemtra_core::agency::Block;
use kiemtra_core::inspection::{FindingKind, ItemStatus, Severity};
use kiemtra_core::profile::Role;

#[derive(Parser)]
#[command(
    name = "kiemtra",
    version,
    about = "Kiểm tra CCHC — kế hoạch, kiểm tra và kết luận kiểm tra cải cách hành chính"
)]
pub struct Cli {
    /// Thư mục dữ liệu (mặc định: KIEMTRA_DATA_DIR hoặc ~/.local/share/kiemtra)
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Tệp chứa mật khẩu của kho dữ liệu đã mã hoá (thay cho biến KIEMTRA_PASSPHRASE)
    #[arg(long, global = true, value_name = "FILE")]
    pub passphrase_file: Option<PathBuf>,
    /// Tệp chứa khoá khôi phục, dùng khi quên mật khẩu (thay cho biến KIEMTRA_RECOVERY_KEY)
    #[arg(long, global = true, value_name = "FILE")]
    pub recovery_key_file: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Tạo hoặc nâng cấp kho dữ liệu, nạp dữ liệu gốc, in thư mục dữ liệu
    Init {
        #[arg(long)]
        json: bool,
    },
    /// Danh sách cơ quan, đơn vị
    #[command(subcommand)]
    Agencies(AgencyCmd),
    /// Khung chỉ số CCHC (PAR Index)
    #[command(subcommand)]
    Framework(FrameworkCmd),
    /// Người dùng (thành viên đoàn, trưởng đoàn)
    #[command(subcommand)]
    Profile(ProfileCmd),
    /// Danh mục kiểm tra
    #[command(subcommand)]
    Checklist(ChecklistCmd),
    /// Kế hoạch kiểm tra hằng năm
    #[command(subcommand)]
    Plan(PlanCmd),
    /// Cuộc kiểm tra tại một cơ quan
    #[command(subcommand)]
    Inspection(InspectionCmd),
    /// Phát hiện (ưu điểm, hạn chế) của một cuộc kiểm tra
    #[command(subcommand)]
    Finding(FindingCmd),
    /// Tài liệu kiểm chứng
    #[command(subcommand)]
    Evidence(EvidenceCmd),
    /// Thông báo kết luận kiểm tra (PDF)
    #[command(subcommand)]
    Notice(NoticeCmd),
    /// Biên bản kiểm tra (PDF)
    #[command(subcommand)]
    Minutes(MinutesCmd),
    /// Quyết định thành lập Đoàn kiểm tra (số, ngày; PDF)
    #[command(subcommand)]
    Decision(DecisionCmd),
    /// Công văn thông báo lịch kiểm tra gửi cơ quan được kiểm tra (PDF)
    #[command(subcommand)]
    ScheduleLetter(ScheduleLetterCmd),
    /// Thiết bị này: mã thiết bị và dấu vân tay khoá ký
    #[command(subcommand)]
    Device(DeviceCmd),
    /// Trao đổi dữ liệu giữa các máy của đoàn (tệp gói có chữ ký)
    #[command(subcommand)]
    Bundle(BundleCmd),
    /// Xung đột giữa các máy (cùng một nội dung sửa khác nhau)
    #[command(subcommand)]
    Conflicts(ConflictsCmd),
    /// Lịch ngày làm việc: ngày nghỉ lễ và ngày làm bù theo năm
    #[command(subcommand)]
    Calendar(CalendarCmd),
    /// Theo dõi khắc phục: kiến nghị của các thông báo đã ban hành, báo cáo của cơ quan
    #[command(subcommand)]
    Followup(FollowupCmd),
    /// Báo cáo kết quả kiểm tra công tác CCHC của năm
    #[command(subcommand)]
    Report(ReportCmd),
    /// Xuất dữ liệu của năm ra bảng tính
    #[command(subcommand)]
    Export(ExportCmd),
    /// Sao lưu kho dữ liệu, tài liệu kiểm chứng và văn bản đã ban hành vào một tệp
    Backup {
        /// Tệp sao lưu sẽ ghi (ngoài thư mục dữ liệu, ví dụ trên USB)
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Khôi phục một bản sao lưu vào thư mục dữ liệu mới hoặc trống (--data-dir)
    Restore {
        /// Tệp sao lưu
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Kiểm tra toàn vẹn kho dữ liệu, mọi tài liệu kiểm chứng và văn bản đã ban hành
    Check {
        #[arg(long)]
        json: bool,
    },
    /// Mã hoá kho dữ liệu đang để rõ (mật khẩu mới: KIEMTRA_PASSPHRASE hoặc --passphrase-file)
    Encrypt {
        /// Lưu tờ khoá khôi phục (PDF) vào tệp này
        #[arg(long, value_name = "FILE.pdf")]
        recovery_out: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Mật khẩu của kho dữ liệu đã mã hoá
    #[command(subcommand)]
    Passphrase(PassphraseCmd),
    /// Tạo khoá khôi phục mới (khoá cũ hết hiệu lực) và lưu tờ khoá (PDF)
    RecoveryKey {
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Thử mật khẩu (hoặc khoá khôi phục): thoát 0 khi mở được kho dữ liệu
    UnlockCheck {
        #[arg(long)]
        json: bool,
    },
    /// Thiết lập văn bản (cơ quan ban hành, người ký, nơi nhận, lề)
    Settings {
        /// Thay bằng nội dung tệp JSON này (chỉ Trưởng đoàn)
        #[arg(long, value_name = "FILE.json")]
        set_documents: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
pub enum NoticeCmd {
    /// Kết xuất bản dự thảo (hoặc bản đã ban hành, nguyên vẹn)
    Render {
        id: i64,
        #[arg(long)]
        out: PathBuf,
        /// Ngày ghi trên văn bản (mặc định hôm nay)
        #[arg(long)]
        date: Option<String>,
    },
    /// Ban hành: ấn định số và ngày, lưu PDF với SHA-256, khoá cuộc kiểm tra (chỉ Trưởng đoàn)
    Issue {
        id: i64,
        #[arg(long)]
        number: String,
        #[arg(long)]
        date: String,
        #[arg(long)]
        out: Option<PathBuf>,
        /// Lý do (bắt buộc với bản đính chính)
        #[arg(long)]
        reason: Option<String>,
    },
    /// Mở lại cuộc kiểm tra đã ban hành để đính chính (chỉ Trưởng đoàn)
    Reopen {
        id: i64,
        #[arg(long)]
        reason: String,
    },
    /// Các phiên bản thông báo đã ban hành
    List {
        id: i64,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum DecisionCmd {
    /// Ghi số, ngày, người ký Quyết định thành lập Đoàn kiểm tra tại một cơ quan trong kế
    /// hoạch (chỉ Trưởng đoàn)
    Set {
        #[arg(long)]
        year: i32,
        #[arg(long)]
        agency: String,
        /// Số đã đăng ký, không kèm ký hiệu (ví dụ 15)
        #[arg(long)]
        number: String,
        #[arg(long)]
        date: String,
        /// Người ký như được dẫn (ví dụ «Giám đốc Sở Nội vụ»)
        #[arg(long)]
        signer: Option<String>,
    },
    /// Kết xuất Quyết định thành lập Đoàn kiểm tra (dự thảo cho đến khi có số, ngày)
    Render {
        #[arg(long)]
        year: i32,
        #[arg(long)]
        agency: String,
        #[arg(long)]
        out: PathBuf,
        /// Ngày ghi trên bản dự thảo (mặc định hôm nay)
        #[arg(long)]
        date: Option<String>,
    },
}

#[derive(Subcommand)]
pub enum ScheduleLetterCmd {
    /// Kết xuất công văn thông báo lịch kiểm tra gửi một cơ quan (dự thảo khi chưa có số)
    Render {
        #[arg(long)]
        year: i32,
        #[arg(long)]
        agency: String,
        #[arg(long)]
        out: PathBuf,
        /// Số đã đăng ký của công văn (không có: bản dự thảo)
        #[arg(long)]
        number: Option<String>,
        /// Ngày ghi trên công văn (mặc định hôm nay)
        #[arg(long)]
        date: Option<String>,
    },
}

#[derive(Subcommand)]
pub enum MinutesCmd {
    /// Kết xuất biên bản kiểm tra
    Render {
        id: i64,
        #[arg(long)]
        out: PathBuf,
        /// Giờ bắt đầu cho lần kết xuất này (HH:MM; mặc định: giờ đã nhập)
        #[arg(long)]
        start: Option<String>,
        /// Giờ kết thúc cho lần kết xuất này (HH:MM; mặc định: giờ đã nhập)
        #[arg(long)]
        end: Option<String>,
    },
    /// Ghi thông tin buổi kiểm tra cho biên bản; tuỳ chọn nào không ghi thì giữ nguyên,
    /// giá trị rỗng ("") thì xoá
    Set {
        #[arg(long)]
        year: i32,
        #[arg(long)]
        agency: String,
        /// Giờ bắt đầu (HH:MM)
        #[arg(long)]
        start: Option<String>,
        /// Giờ kết thúc (HH:MM, ngày cuối của buổi kiểm tra)
        #[arg(long)]
        end: Option<String>,
        /// Địa điểm (mặc định: trụ sở cơ quan được kiểm tra)
        #[arg(long)]
        place: Option<String>,
        /// Người đại diện cơ quan được kiểm tra, "Họ tên|Chức vụ"; lặp lại cho nhiều người,
        /// người đầu tiên ký biên bản; thay cả danh sách
        #[arg(long = "representative", value_name = "HỌ TÊN|CHỨC VỤ")]
        representatives: Vec<String>,
        /// Xoá danh sách người đại diện
        #[arg(long, conflicts_with = "representatives")]
        no_representatives: bool,
        /// Thư ký Đoàn kiểm tra
        #[arg(long)]
        secretary: Option<String>,
    },
    /// Xem thông tin buổi kiểm tra đã ghi cho biên bản
    Show {
        #[arg(long)]
        year: i32,
        #[arg(long)]
        agency: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum EvidenceCmd {
    /// Đính kèm tệp vào cuộc kiểm tra; in SHA-256 của từng tệp
    Add {
        id: i64,
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[arg(long = "criterion", required = true)]
        criteria: Vec<String>,
        #[arg(long = "item")]
        items: Vec<String>,
    },
    /// Danh sách tài liệu của cuộc kiểm tra
    List {
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// Tính lại SHA-256 và báo mọi tệp bị thiếu hoặc bị sửa (mã thoát khác 0 nếu có)
    Verify { id: Option<i64> },
    /// Ma trận đầy đủ: mục kiểm tra × tài liệu đính kèm
    Matrix {
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// Sửa tiêu chí / mục mà tài liệu gắn với
    Map {
        evidence_id: i64,
        #[arg(long = "criterion", required = true)]
        criteria: Vec<String>,
        #[arg(long = "item")]
        items: Vec<String>,
    },
    /// Gỡ tài liệu khỏi cuộc kiểm tra chưa nộp
    Remove { evidence_id: i64 },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum StatusArg {
    Met,
    Partial,
    Unmet,
    Na,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum KindArg {
    Strength,
    Shortcoming,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum SeverityArg {
    Low,
    Medium,
    High,
}

#[derive(Subcommand)]
pub enum InspectionCmd {
    /// Bắt đầu kiểm tra một cơ quan trong kế hoạch năm; in số của cuộc kiểm tra ở dòng cuối
    Start {
        #[arg(long)]
        year: i32,
        #[arg(long)]
        agency: String,
        /// Ngày kiểm tra (mặc định hôm nay)
        #[arg(long)]
        date: Option<String>,
    },
    /// Ghi kết quả một mục kiểm tra
    Record {
        id: i64,
        source_ref: String,
        #[arg(long)]
        status: StatusArg,
        /// Số liệu đo được, theo đơn vị của chỉ tiêu (93,5 hoặc 93.5)
        #[arg(long)]
        value: Option<String>,
        /// Ngày cơ quan hoàn thành
        #[arg(long)]
        done_on: Option<String>,
        #[arg(long)]
        note: Option<String>,
    },
    /// Nộp để Trưởng đoàn duyệt
    Submit { id: i64 },
    /// Trưởng đoàn trả lại (kèm ý kiến) hoặc duyệt
    Review {
        id: i64,
        #[arg(long, conflicts_with = "return_with")]
        accept: bool,
        /// Trả lại với ý kiến này
        #[arg(long = "return", value_name = "COMMENT")]
        return_with: Option<String>,
    },
    /// Điểm tự đánh giá và điểm thẩm định của một tiêu chí có điểm tối đa
    Score {
        id: i64,
        criterion: String,
        #[arg(long = "self")]
        self_score: Option<f64>,
        #[arg(long)]
        appraised: Option<f64>,
        #[arg(long)]
        justification: Option<String>,
    },
    /// Xem một cuộc kiểm tra
    Show {
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// Các cuộc kiểm tra
    List {
        #[arg(long)]
        year: Option<i32>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum FindingCmd {
    /// Thêm một phát hiện gắn với một mục kiểm tra hoặc một tiêu chí
    Add {
        id: i64,
        #[arg(long, required_unless_present = "criterion")]
        item: Option<String>,
        #[arg(long)]
        criterion: Option<String>,
        #[arg(long)]
        kind: KindArg,
        #[arg(long)]
        text: String,
        #[arg(long)]
        cause: Option<String>,
        #[arg(long)]
        recommendation: Option<String>,
        #[arg(long)]
        severity: Option<SeverityArg>,
        /// Đơn vị chịu trách nhiệm khắc phục
        #[arg(long)]
        responsible: Option<String>,
        /// Hạn khắc phục
        #[arg(long)]
        due: Option<String>,
    },
}

#[derive(Subcommand)]
pub enum PlanCmd {
    /// Lập hoặc cập nhật bản dự thảo kế hoạch; in độ bao phủ
    Create {
        #[arg(long)]
        year: i32,
        /// Ngưỡng tối thiểu (%), mặc định 20
        #[arg(long)]
        threshold: Option<f64>,
        /// Chọn thủ công (mã, cách nhau bởi dấu phẩy)
        #[arg(long, value_delimiter = ',')]
        include: Vec<String>,
        /// Loại khỏi kế hoạch và khỏi mọi lần bốc thăm
        #[arg(long, value_delimiter = ',')]
        exclude: Vec<String>,
        /// Đánh dấu kiểm tra đột xuất (không báo trước)
        #[arg(long, value_delimiter = ',')]
        spot_check: Vec<String>,
        /// Bốc thăm ngẫu nhiên với hạt giống này cho đủ ngưỡng mỗi khối
        #[arg(long, value_name = "SEED", conflicts_with = "rotation")]
        random: Option<u64>,
        /// Luân phiên: cơ quan lâu chưa được kiểm tra nhất trước; hoà thì bốc thăm với hạt giống này
        #[arg(long, value_name = "SEED")]
        rotation: Option<u64>,
        /// Lý do điều chỉnh (bắt buộc khi kế hoạch đã phê duyệt)
        #[arg(long)]
        reason: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Xem kế hoạch
    Show {
        #[arg(long)]
        year: i32,
        #[arg(long)]
        json: bool,
    },
    /// Phê duyệt kế hoạch (từ chối khi khối nào chưa đủ ngưỡng)
    Finalize {
        #[arg(long)]
        year: i32,
    },
    /// Xếp lịch và đoàn kiểm tra cho một cơ quan trong kế hoạch
    Schedule {
        #[arg(long)]
        year: i32,
        #[arg(long)]
        agency: String,
        #[arg(long)]
        from: String,
        #[arg(long)]
        to: String,
        #[arg(long)]
        lead: Option<String>,
        #[arg(long = "member")]
        members: Vec<String>,
        #[arg(long)]
        reason: Option<String>,
    },
    /// Kết xuất văn bản kế hoạch kiểm tra (PDF)
    Render {
        #[arg(long)]
        year: i32,
        #[arg(long)]
        out: PathBuf,
        #[arg(long)]
        date: Option<String>,
    },
    /// Thời hạn theo ngày làm việc: báo cáo khắc phục, thông báo kết luận sau kiểm tra
    Deadlines {
        #[arg(long)]
        year: i32,
        #[arg(long)]
        remediation_days: u32,
        #[arg(long, default_value_t = 15)]
        notice_days: u32,
    },
    /// Kiểm tra cả nhiệm vụ phối hợp (mặc định) hay chỉ nhiệm vụ chủ trì; áp dụng cho các cuộc
    /// kiểm tra bắt đầu sau đó (chỉ Trưởng đoàn)
    Cooperation {
        #[arg(long)]
        year: i32,
        /// Kiểm tra cả nhiệm vụ phối hợp
        #[arg(
            long,
            conflicts_with = "not_inspected",
            required_unless_present = "not_inspected"
        )]
        inspected: bool,
        /// Chỉ kiểm tra nhiệm vụ chủ trì
        #[arg(long)]
        not_inspected: bool,
    },
    /// Ghi số, ngày (và cơ quan ban hành) của kế hoạch đã ban hành, để các văn bản dẫn
    /// (chỉ Trưởng đoàn)
    Issue {
        #[arg(long)]
        year: i32,
        /// Số đã đăng ký, không kèm ký hiệu (ví dụ 25); ký hiệu lấy từ thiết lập văn bản
        #[arg(long)]
        number: String,
        #[arg(long)]
        date: String,
        /// Cơ quan ban hành như được dẫn (mặc định: cơ quan ban hành trong thiết lập văn bản)
        #[arg(long)]
        issuer: Option<String>,
    },
    /// Năm được kiểm tra gần nhất của từng cơ quan (cho luân phiên)
    Rotation {
        #[arg(long)]
        year: i32,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum BlockArg {
    Provincial,
    Commune,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum RoleArg {
    Inspector,
    Lead,
}

#[derive(Subcommand)]
pub enum AgencyCmd {
    /// Liệt kê cơ quan (sắp xếp theo thứ tự tiếng Việt)
    List {
        #[arg(long)]
        block: Option<BlockArg>,
        /// Tìm không dấu, không phân biệt hoa thường
        #[arg(long)]
        search: Option<String>,
        /// Gồm cả cơ quan không thuộc diện kiểm tra
        #[arg(long)]
        all: bool,
        #[arg(long)]
        json: bool,
    },
    /// Nhập danh sách từ CSV (code,name,block; tùy chọn active,addressee,head_title) — tất cả
    /// hoặc không gì cả
    Import { file: PathBuf },
    /// Hiện tên gọi trên văn bản và chức danh thủ trưởng của một cơ quan
    Show {
        code: String,
        #[arg(long)]
        json: bool,
    },
    /// Sửa tên gọi trên văn bản ("UBND xã Tam Tiến") và chức danh thủ trưởng ("Chủ tịch UBND
    /// xã Tam Tiến") — chỉ Trưởng đoàn; để trống để dùng lại tên suy ra từ tên cơ quan
    Set {
        code: String,
        #[arg(long)]
        addressee: Option<String>,
        #[arg(long)]
        head_title: Option<String>,
    },
}

#[derive(Subcommand)]
pub enum CalendarCmd {
    /// Nhập ngày nghỉ lễ và ngày làm bù của một năm từ CSV (date,kind,name[,confidence]; kind là
    /// off hoặc working) — tất cả hoặc không gì cả; nhập lại năm đã có thì thay cả năm đó (chỉ
    /// Trưởng đoàn)
    Import { file: PathBuf },
    /// Các năm đã có dữ liệu ngày nghỉ; với --year, các ngày của năm đó
    Show {
        #[arg(long)]
        year: Option<i32>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum FrameworkCmd {
    /// Hiện cây chỉ số (phiên bản hiện hành hoặc --version)
    Show {
        #[arg(long)]
        version: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Các phiên bản đã có
    Versions {
        #[arg(long)]
        json: bool,
    },
    /// Nhập cây chỉ số chính thức (CSV hoặc JSON: code, name, parent_code, max_points) thành phiên bản mới
    Import {
        file: PathBuf,
        /// Tên phiên bản (mặc định: tên tệp)
        #[arg(long = "as")]
        name: Option<String>,
        #[arg(long)]
        title: Option<String>,
        #[arg(long)]
        year: Option<i64>,
    },
}

#[derive(Subcommand)]
pub enum ProfileCmd {
    /// Thêm người dùng
    Add {
        name: String,
        #[arg(long)]
        role: RoleArg,
        #[arg(long)]
        title: Option<String>,
        /// Đơn vị công tác (ví dụ «Phòng Cải cách hành chính, Sở Nội vụ»)
        #[arg(long)]
        unit: Option<String>,
    },
    /// Sửa chức vụ, đơn vị (in bên tên trong các văn bản); để trống để xoá
    Set {
        name: String,
        #[arg(long)]
        title: Option<String>,
        #[arg(long)]
        unit: Option<String>,
    },
    /// Chọn người dùng hiện tại
    Use { name: String },
    /// Liệt kê người dùng
    List {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum ChecklistCmd {
    /// Hiện danh mục kiểm tra (cho mọi cơ quan, hoặc một cơ quan với --agency)
    Show {
        #[arg(long)]
        agency: Option<String>,
        #[arg(long)]
        year: Option<i64>,
        #[arg(long)]
        json: bool,
    },
    /// Xuất mẫu danh mục của một năm thành bảng tính để sửa (định dạng theo đuôi tệp: .xlsx hoặc .csv)
    Export {
        #[arg(long)]
        year: i64,
        #[arg(long, value_name = "FILE.xlsx|FILE.csv")]
        out: PathBuf,
    },
    /// Nhập danh mục từ bảng tính thành phiên bản mới của một năm (chỉ Trưởng đoàn): kiểm tra
    /// toàn bộ, báo mọi lỗi theo dòng và cột, không ghi gì khi còn lỗi
    Import {
        #[arg(value_name = "FILE.xlsx|FILE.csv")]
        file: PathBuf,
        #[arg(long)]
        year: i64,
        /// Chỉ xem trước thay đổi so với danh mục trước, không ghi gì
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        json: bool,
    },
}

impl From<StatusArg> for ItemStatus {
    fn from(s: StatusArg) -> Self {
        match s {
            StatusArg::Met => ItemStatus::Met,
            StatusArg::Partial => ItemStatus::Partial,
            StatusArg::Unmet => ItemStatus::Unmet,
            StatusArg::Na => ItemStatus::Na,
        }
    }
}

impl From<KindArg> for FindingKind {
    fn from(k: KindArg) -> Self {
        match k {
            KindArg::Strength => FindingKind::Strength,
            KindArg::Shortcoming => FindingKind::Shortcoming,
        }
    }
}

impl From<SeverityArg> for Severity {
    fn from(s: SeverityArg) -> Self {
        match s {
            SeverityArg::Low => Severity::Low,
            SeverityArg::Medium => Severity::Medium,
            SeverityArg::High => Severity::High,
        }
    }
}

impl From<BlockArg> for Block {
    fn from(b: BlockArg) -> Self {
        match b {
            BlockArg::Provincial => Block::Provincial,
            BlockArg::Commune => Block::Commune,
        }
    }
}

impl From<RoleArg> for Role {
    fn from(r: RoleArg) -> Self {
        match r {
            RoleArg::Inspector => Role::Inspector,
            RoleArg::Lead => Role::Lead,
        }
    }
}

#[derive(Subcommand)]
pub enum DeviceCmd {
    /// In mã thiết bị, dấu vân tay khoá ký và người dùng hiện tại
    Show {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum BundleCmd {
    /// Xuất gói trao đổi của một năm (mọi đơn vị, hoặc các đơn vị --agency)
    Export {
        #[arg(long)]
        year: i32,
        /// Mã đơn vị (lặp lại được)
        #[arg(long = "agency", value_name = "CODE", num_args = 1..)]
        agencies: Vec<String>,
        #[arg(long)]
        out: PathBuf,
    },
    /// Nhập gói trao đổi: kiểm tra toàn bộ trước, rồi áp dụng trong một giao dịch
    Import {
        file: PathBuf,
        /// Tin cậy thiết bị gửi (lần đầu nhận từ thiết bị này)
        #[arg(long)]
        trust: bool,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum ConflictsCmd {
    /// Liệt kê các xung đột
    List {
        #[arg(long)]
        year: Option<i32>,
        #[arg(long)]
        json: bool,
    },
    /// Giữ một bên của xung đột (chỉ Trưởng đoàn)
    Resolve {
        id: String,
        #[arg(long, value_enum)]
        keep: KeepArg,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum KeepArg {
    Ours,
    Theirs,
}

impl From<KeepArg> for kiemtra_core::exchange::merge::Keep {
    fn from(k: KeepArg) -> Self {
        match k {
            KeepArg::Ours => Self::Ours,
            KeepArg::Theirs => Self::Theirs,
        }
    }
}

#[derive(Subcommand)]
pub enum FollowupCmd {
    /// Các kiến nghị cần theo dõi, theo hạn: trạng thái và số ngày làm việc quá hạn
    List {
        #[arg(long)]
        year: Option<i32>,
        /// Chỉ các kiến nghị đã quá hạn mà chưa khắc phục xong
        #[arg(long)]
        overdue: bool,
        /// Xét quá hạn vào ngày này (mặc định hôm nay)
        #[arg(long)]
        as_of: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Ghi báo cáo khắc phục của cơ quan cho một kiến nghị (chỉ Trưởng đoàn)
    Record {
        id: i64,
        /// in_progress (đang khắc phục), done (đã khắc phục) hoặc not_done (không khắc phục được)
        #[arg(long)]
        status: String,
        /// Ngày nhận báo cáo
        #[arg(long)]
        received: String,
        /// Nội dung báo cáo tóm tắt; bắt buộc khi mở lại kiến nghị đã đóng kèm tài liệu
        #[arg(long)]
        note: Option<String>,
        /// Tài liệu cơ quan gửi kèm
        #[arg(long, num_args = 1..)]
        evidence: Vec<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Công văn đôn đốc một cơ quan thực hiện các kiến nghị đã quá hạn (PDF)
    Remind {
        /// Mã cơ quan
        #[arg(long)]
        agency: String,
        #[arg(long)]
        out: PathBuf,
        /// Ngày ghi trên công văn, cũng là ngày xét quá hạn (mặc định hôm nay)
        #[arg(long)]
        date: Option<String>,
    },
}

#[derive(Subcommand)]
pub enum ReportCmd {
    /// Các số liệu của báo cáo năm (cùng số liệu với PDF, bảng tính và bảng điều khiển)
    Show {
        #[arg(long)]
        year: i32,
        /// Xét quá hạn vào ngày này (mặc định hôm nay)
        #[arg(long)]
        as_of: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Kết xuất báo cáo năm (PDF, bản dự thảo để trình ký)
    Render {
        #[arg(long)]
        year: i32,
        #[arg(long)]
        out: PathBuf,
        /// Xét quá hạn vào ngày này (mặc định hôm nay)
        #[arg(long)]
        as_of: Option<String>,
    },
}

#[derive(Subcommand)]
pub enum ExportCmd {
    /// Bảng tính XLSX của năm: tổng hợp (có biểu đồ), cuộc kiểm tra, kết quả, phát hiện, kiến
    /// nghị, tài liệu kiểm chứng
    Xlsx {
        #[arg(long)]
        year: i32,
        #[arg(long, value_name = "FILE.xlsx")]
        out: PathBuf,
        /// Xét quá hạn vào ngày này (mặc định hôm nay)
        #[arg(long)]
        as_of: Option<String>,
    },
}

#[derive(Subcommand)]
pub enum PassphraseCmd {
    /// Đổi mật khẩu (mở bằng mật khẩu cũ hoặc khoá khôi phục); mật khẩu mới:
    /// KIEMTRA_NEW_PASSPHRASE hoặc --new-passphrase-file
    Change {
        #[arg(long, value_name = "FILE")]
        new_passphrase_file: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
}
