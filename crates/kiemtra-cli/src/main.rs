//! `kiemtra`: the command line over kiemtra-core. Each subcommand opens the store, calls one
//! core function and prints the result (text, or JSON with `--json`). Exit 0 on success;
//! otherwise a one-line reason on stderr and a non-zero exit.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use kiemtra_core::agency::{self, AgencyFilter, Block};
use kiemtra_core::plan::{self, Draw, DrawMethod, PlanChange};
use kiemtra_core::profile::{self, Role};
use kiemtra_core::{checklist, evidence, framework, inspection, paths, seed, Db};

#[derive(Parser)]
#[command(
    name = "kiemtra",
    version,
    about = "Kiểm tra CCHC — kế hoạch, kiểm tra và kết luận kiểm tra cải cách hành chính"
)]
struct Cli {
    /// Thư mục dữ liệu (mặc định: KIEMTRA_DATA_DIR hoặc ~/.local/share/kiemtra)
    #[arg(long, global = true, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
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
    /// Thiết lập văn bản (cơ quan ban hành, người ký, nơi nhận, lề)
    Settings {
        /// Thay bằng nội dung tệp JSON này (chỉ Trưởng đoàn)
        #[arg(long, value_name = "FILE.json")]
        set_documents: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum NoticeCmd {
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
enum MinutesCmd {
    /// Kết xuất biên bản kiểm tra
    Render {
        id: i64,
        #[arg(long)]
        out: PathBuf,
        /// Giờ bắt đầu (HH:MM)
        #[arg(long, default_value = "08:00")]
        start: String,
        /// Giờ kết thúc (HH:MM)
        #[arg(long, default_value = "11:30")]
        end: String,
    },
}

#[derive(Subcommand)]
enum EvidenceCmd {
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
enum StatusArg {
    Met,
    Partial,
    Unmet,
    Na,
}

#[derive(Clone, Copy, ValueEnum)]
enum KindArg {
    Strength,
    Shortcoming,
}

#[derive(Clone, Copy, ValueEnum)]
enum SeverityArg {
    Low,
    Medium,
    High,
}

#[derive(Subcommand)]
enum InspectionCmd {
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
enum FindingCmd {
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
enum PlanCmd {
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
    /// Năm được kiểm tra gần nhất của từng cơ quan (cho luân phiên)
    Rotation {
        #[arg(long)]
        year: i32,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum BlockArg {
    Provincial,
    Commune,
}

#[derive(Clone, Copy, ValueEnum)]
enum RoleArg {
    Inspector,
    Lead,
}

#[derive(Subcommand)]
enum AgencyCmd {
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
    /// Nhập danh sách từ CSV (code,name,block) — tất cả hoặc không gì cả
    Import { file: PathBuf },
}

#[derive(Subcommand)]
enum FrameworkCmd {
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
enum ProfileCmd {
    /// Thêm người dùng
    Add {
        name: String,
        #[arg(long)]
        role: RoleArg,
        #[arg(long)]
        title: Option<String>,
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
enum ChecklistCmd {
    /// Hiện danh mục kiểm tra (cho mọi cơ quan, hoặc một cơ quan với --agency)
    Show {
        #[arg(long)]
        agency: Option<String>,
        #[arg(long)]
        year: Option<i64>,
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut out = std::io::stdout().lock();
    match run(cli, &mut out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let _ = out.flush();
            // One line: the reason, in Vietnamese.
            eprintln!("lỗi: {}", format!("{e:#}").replace('\n', " "));
            ExitCode::FAILURE
        }
    }
}

fn json_line(out: &mut impl Write, v: &impl serde::Serialize) -> anyhow::Result<()> {
    serde_json::to_writer_pretty(&mut *out, v)?;
    writeln!(out)?;
    Ok(())
}

fn read_file(path: &PathBuf) -> anyhow::Result<Vec<u8>> {
    std::fs::read(path).map_err(|source| {
        kiemtra_core::Error::Io {
            path: path.display().to_string(),
            source,
        }
        .into()
    })
}

fn run(cli: Cli, out: &mut impl Write) -> anyhow::Result<()> {
    let dir = paths::data_dir(cli.data_dir);
    let mut db = Db::open(&dir)?;
    match cli.command {
        Command::Init { json } => {
            let report = seed::load_all(&mut db)?;
            let s = seed::summary(&db)?;
            if json {
                json_line(out, &serde_json::json!({ "seeds": report, "summary": s }))?;
            } else {
                writeln!(out, "Thư mục dữ liệu: {}", s.data_dir)?;
                writeln!(
                    out,
                    "Cơ quan: {} xã/phường ({} xã, {} phường); {} sở, ban, ngành thuộc diện kiểm tra ({} đơn vị cấp tỉnh trong danh sách)",
                    s.register.communes, s.register.xa, s.register.phuong, s.register.provincial_active, s.register.provincial_total
                )?;
                writeln!(
                    out,
                    "Khung chỉ số: {} — {} lĩnh vực, {} tiêu chí",
                    s.framework_version.as_deref().unwrap_or("(chưa có)"),
                    s.par_fields,
                    s.par_criteria
                )?;
                writeln!(
                    out,
                    "Danh mục kiểm tra: {} — {} mục tiêu, {} mục kiểm tra, {} mục tiêu chưa có mục nào",
                    s.checklist.as_deref().unwrap_or("(chưa có)"),
                    s.objectives,
                    s.items,
                    s.objectives_without_items
                )?;
                writeln!(
                    out,
                    "Dữ liệu gốc: nạp mới {}, không đổi {}",
                    report.loaded.len(),
                    report.unchanged.len()
                )?;
            }
        }
        Command::Agencies(AgencyCmd::List {
            block,
            search,
            all,
            json,
        }) => {
            let filter = AgencyFilter {
                block: block.map(|b| match b {
                    BlockArg::Provincial => Block::Provincial,
                    BlockArg::Commune => Block::Commune,
                }),
                search,
                include_inactive: all,
            };
            let list = agency::list(db.conn(), &filter)?;
            if json {
                let rows: Vec<_> = list
                    .iter()
                    .map(
                        |a| serde_json::json!({ "code": a.code, "name": a.name, "block": a.block }),
                    )
                    .collect();
                json_line(out, &rows)?;
            } else {
                for a in &list {
                    writeln!(
                        out,
                        "{:<8} {:<11} {}{}",
                        a.code,
                        a.block.as_str(),
                        a.name,
                        if a.active {
                            ""
                        } else {
                            " (không thuộc diện kiểm tra)"
                        }
                    )?;
                }
                writeln!(out, "{} cơ quan", list.len())?;
            }
        }
        Command::Agencies(AgencyCmd::Import { file }) => {
            let bytes = read_file(&file)?;
            let s = agency::import_csv(&mut db, &bytes)?;
            writeln!(
                out,
                "Đã nhập: thêm {}, cập nhật {}, không đổi {}",
                s.added, s.updated, s.unchanged
            )?;
        }
        Command::Framework(FrameworkCmd::Show { version, json }) => {
            let tree = framework::show(db.conn(), version.as_deref())?;
            if json {
                json_line(out, &tree)?;
            } else {
                writeln!(out, "{} — {}", tree.version, tree.title)?;
                fn print(
                    out: &mut impl Write,
                    nodes: &[framework::FrameworkNode],
                    depth: usize,
                ) -> std::io::Result<()> {
                    for n in nodes {
                        let pts = n
                            .max_points
                            .map(|p| format!(" [{p} điểm]"))
                            .unwrap_or_default();
                        writeln!(out, "{}{} {}{}", "  ".repeat(depth), n.code, n.name, pts)?;
                        print(out, &n.children, depth + 1)?;
                    }
                    Ok(())
                }
                print(out, &tree.nodes, 0)?;
            }
        }
        Command::Framework(FrameworkCmd::Versions { json }) => {
            let v = framework::versions(db.conn())?;
            if json {
                json_line(out, &v)?;
            } else {
                for v in v {
                    writeln!(
                        out,
                        "{} {} — {} ({} nút)",
                        if v.is_current { "*" } else { " " },
                        v.name,
                        v.title,
                        v.node_count
                    )?;
                }
            }
        }
        Command::Framework(FrameworkCmd::Import {
            file,
            name,
            title,
            year,
        }) => {
            let bytes = read_file(&file)?;
            let is_json = file
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("json"));
            let name = name.unwrap_or_else(|| {
                file.file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default()
            });
            let v = framework::import(&mut db, &bytes, is_json, &name, title.as_deref(), year)?;
            writeln!(
                out,
                "Đã nhập khung chỉ số «{}»: {} nút; đây là phiên bản hiện hành.",
                v.name, v.node_count
            )?;
        }
        Command::Profile(ProfileCmd::Add { name, role, title }) => {
            let role = match role {
                RoleArg::Inspector => Role::Inspector,
                RoleArg::Lead => Role::Lead,
            };
            let p = profile::add(&mut db, &name, role, title.as_deref())?;
            writeln!(
                out,
                "Đã thêm {} ({}){}",
                p.name,
                p.role.label(),
                if p.current {
                    "; đang là người dùng hiện tại"
                } else {
                    ""
                }
            )?;
        }
        Command::Profile(ProfileCmd::Use { name }) => {
            let p = profile::use_profile(&mut db, &name)?;
            writeln!(out, "Người dùng hiện tại: {} ({})", p.name, p.role.label())?;
        }
        Command::Profile(ProfileCmd::List { json }) => {
            let list = profile::list(db.conn())?;
            if json {
                json_line(out, &list)?;
            } else {
                for p in list {
                    writeln!(
                        out,
                        "{} {} — {}{}",
                        if p.current { "*" } else { " " },
                        p.name,
                        p.role.label(),
                        p.title.map(|t| format!(", {t}")).unwrap_or_default()
                    )?;
                }
            }
        }
        Command::Checklist(ChecklistCmd::Show { agency, year, json }) => {
            let c = checklist::show(db.conn(), agency.as_deref(), year)?;
            if json {
                json_line(out, &c)?;
            } else {
                writeln!(
                    out,
                    "{} ({} v{})",
                    c.template.name, c.template.code, c.template.version
                )?;
                if let Some(a) = &c.agency {
                    writeln!(out, "Áp dụng cho: {} ({})", a.name, a.code)?;
                }
                for g in c
                    .groups
                    .iter()
                    .filter(|g| g.level != checklist::GroupLevel::Task)
                {
                    if g.level == checklist::GroupLevel::Section {
                        writeln!(out, "\n{}. {}", g.r#ref, g.text)?;
                        continue;
                    }
                    writeln!(out, "  Mục tiêu {}: {}", g.r#ref, g.text)?;
                    for i in c.items.iter().filter(|i| i.objective_ref == g.r#ref) {
                        let target = i
                            .target
                            .as_ref()
                            .map(|t| {
                                format!(" [chỉ tiêu {} {} {}]", t.op.symbol(), t.value, t.unit)
                            })
                            .unwrap_or_default();
                        let due = i
                            .deadline
                            .as_deref()
                            .map(|d| format!(" — {d}"))
                            .unwrap_or_default();
                        writeln!(out, "    {} {}{}{}", i.source_ref, i.text, target, due)?;
                    }
                }
                writeln!(out, "\n{} mục kiểm tra", c.items.len())?;
            }
        }
        Command::Plan(cmd) => run_plan(cmd, &mut db, out)?,
        Command::Inspection(cmd) => run_inspection(cmd, &mut db, out)?,
        Command::Evidence(cmd) => run_evidence(cmd, &mut db, out)?,
        Command::Notice(cmd) => run_notice(cmd, &mut db, out)?,
        Command::Minutes(MinutesCmd::Render {
            id,
            out: file,
            start,
            end,
        }) => {
            let t = |s: &str| {
                chrono::NaiveTime::parse_from_str(s, "%H:%M")
                    .map_err(|_| anyhow::anyhow!("giờ «{s}» không hợp lệ (HH:MM)"))
            };
            let pdf = kiemtra_pdf::store::minutes_pdf(&db, id, t(&start)?, t(&end)?, created())?;
            write_pdf(&file, &pdf)?;
            writeln!(
                out,
                "Đã ghi biên bản: {} ({} byte)",
                file.display(),
                pdf.len()
            )?;
        }
        Command::Settings { set_documents } => {
            if let Some(f) = set_documents {
                let v: serde_json::Value = serde_json::from_slice(&read_file(&f)?)
                    .map_err(|e| anyhow::anyhow!("JSON không hợp lệ: {e}"))?;
                let parsed: kiemtra_pdf::DocumentSettings = serde_json::from_value(v.clone())
                    .map_err(|e| anyhow::anyhow!("thiết lập không hợp lệ: {e}"))?;
                parsed.validate()?;
                kiemtra_core::settings::set(&mut db, kiemtra_core::settings::DOCUMENTS, &v)?;
            }
            json_line(out, &kiemtra_pdf::store::document_settings(&db)?)?;
        }
        Command::Finding(FindingCmd::Add {
            id,
            item,
            criterion,
            kind,
            text,
            cause,
            recommendation,
            severity,
            responsible,
            due,
        }) => {
            let f = inspection::NewFinding {
                kind: match kind {
                    KindArg::Strength => inspection::FindingKind::Strength,
                    KindArg::Shortcoming => inspection::FindingKind::Shortcoming,
                },
                text,
                source_ref: item,
                criterion,
                cause,
                recommendation,
                severity: severity.map(|s| match s {
                    SeverityArg::Low => inspection::Severity::Low,
                    SeverityArg::Medium => inspection::Severity::Medium,
                    SeverityArg::High => inspection::Severity::High,
                }),
                responsible,
                due,
            };
            let f = inspection::add_finding(&mut db, id, &f)?;
            writeln!(out, "Đã thêm phát hiện số {}", f.id)?;
        }
    }
    Ok(())
}

fn run_evidence(cmd: EvidenceCmd, db: &mut Db, out: &mut impl Write) -> anyhow::Result<()> {
    match cmd {
        EvidenceCmd::Add {
            id,
            files,
            criteria,
            items,
        } => {
            let mapping = evidence::Mapping { criteria, items };
            for e in evidence::add_files(db, id, &files, &mapping, &mut |_, _| {})? {
                writeln!(out, "{}  {}", e.sha256, e.name)?;
            }
        }
        EvidenceCmd::List { id, json } => {
            let list = evidence::list(db.conn(), id)?;
            if json {
                json_line(out, &list)?;
            } else {
                for e in list {
                    writeln!(
                        out,
                        "{:>4} {} {:>12} {:<28} {} [{}]",
                        e.id,
                        e.sha256,
                        e.size,
                        e.media_type,
                        e.name,
                        e.criteria.join(", ")
                    )?;
                }
            }
        }
        EvidenceCmd::Verify { id } => {
            let r = evidence::verify(db, id)?;
            for i in &r.issues {
                let what = match i.problem {
                    evidence::Problem::Missing => "THIẾU".to_string(),
                    evidence::Problem::Altered => {
                        format!("BỊ SỬA (nay là {})", i.actual.as_deref().unwrap_or("?"))
                    }
                };
                writeln!(
                    out,
                    "{what}: {} (số {}, cuộc kiểm tra {}), SHA-256 gốc {}",
                    i.name, i.evidence_id, i.inspection_id, i.expected
                )?;
            }
            if !r.issues.is_empty() {
                let names: Vec<_> = r.issues.iter().map(|i| i.name.as_str()).collect();
                anyhow::bail!(
                    "{} trong {} tài liệu không khớp: {}",
                    r.issues.len(),
                    r.checked,
                    names.join(", ")
                );
            }
            writeln!(
                out,
                "Đã kiểm tra {} tài liệu: tất cả nguyên vẹn.",
                r.checked
            )?;
        }
        EvidenceCmd::Matrix { id, json } => {
            let m = evidence::matrix(db.conn(), id)?;
            if json {
                json_line(out, &m)?;
            } else {
                for r in &m.rows {
                    let state = match r.state {
                        evidence::Presence::Present => "có",
                        evidence::Presence::Missing => "THIẾU",
                        evidence::Presence::NotRequired => "không yêu cầu",
                    };
                    writeln!(
                        out,
                        "{:<12} {:<14} [{}] {}",
                        r.source_ref,
                        state,
                        r.criteria.join(", "),
                        r.evidence.join("; ")
                    )?;
                }
                writeln!(
                    out,
                    "Có: {}, thiếu: {}, không yêu cầu: {}",
                    m.present, m.missing, m.not_required
                )?;
            }
        }
        EvidenceCmd::Map {
            evidence_id,
            criteria,
            items,
        } => {
            let e = evidence::remap(db, evidence_id, &evidence::Mapping { criteria, items })?;
            writeln!(
                out,
                "{}: tiêu chí {}; mục {}",
                e.name,
                e.criteria.join(", "),
                e.items.join(", ")
            )?;
        }
        EvidenceCmd::Remove { evidence_id } => {
            evidence::remove(db, evidence_id)?;
            writeln!(out, "Đã gỡ tài liệu số {evidence_id}")?;
        }
    }
    Ok(())
}

/// The creation date written into PDFs: now, or `SOURCE_DATE_EPOCH` for reproducible builds.
fn created() -> chrono::NaiveDateTime {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.parse::<i64>().ok())
        .and_then(|t| chrono::DateTime::from_timestamp(t, 0))
        .unwrap_or_else(chrono::Utc::now)
        .naive_utc()
}

fn today(db: &Db, date: Option<&str>) -> anyhow::Result<chrono::NaiveDate> {
    match date {
        Some(d) => Ok(kiemtra_core::calendar::parse_date("date", d)?),
        None => Ok(db.now().date_naive()),
    }
}

/// Writes a PDF under a temporary name, then renames it: a reader never sees half a file.
fn write_pdf(path: &std::path::Path, pdf: &[u8]) -> anyhow::Result<()> {
    let tmp = path.with_extension("pdf.part");
    std::fs::write(&tmp, pdf)
        .map_err(|e| anyhow::anyhow!("không ghi được {}: {e}", tmp.display()))?;
    std::fs::rename(&tmp, path)
        .map_err(|e| anyhow::anyhow!("không ghi được {}: {e}", path.display()))?;
    Ok(())
}

fn run_notice(cmd: NoticeCmd, db: &mut Db, out: &mut impl Write) -> anyhow::Result<()> {
    match cmd {
        NoticeCmd::Render {
            id,
            out: file,
            date,
        } => {
            let date = today(db, date.as_deref())?;
            let pdf = kiemtra_pdf::store::notice_pdf(db, id, date, created())?;
            write_pdf(&file, &pdf)?;
            writeln!(
                out,
                "Đã ghi thông báo: {} ({} byte)",
                file.display(),
                pdf.len()
            )?;
        }
        NoticeCmd::Issue {
            id,
            number,
            date,
            out: file,
            reason,
        } => {
            let (n, pdf) = kiemtra_pdf::store::issue_notice(
                db,
                id,
                &number,
                &date,
                reason.as_deref(),
                created(),
            )?;
            if let Some(f) = file {
                write_pdf(&f, &pdf)?;
            }
            let replaces = n
                .replaces
                .map(|r| format!(", thay thế bản số {r}"))
                .unwrap_or_default();
            writeln!(
                out,
                "Đã ban hành thông báo số {} ngày {} (phiên bản {}{replaces}); SHA-256 {}",
                n.number, n.issued_on, n.version, n.sha256
            )?;
            writeln!(
                out,
                "Cuộc kiểm tra số {id} đã khoá: mọi thay đổi sau đây đều bị từ chối."
            )?;
        }
        NoticeCmd::Reopen { id, reason } => {
            kiemtra_core::notice::reopen(db, id, &reason)?;
            writeln!(out, "Đã mở lại cuộc kiểm tra số {id} để đính chính; lần ban hành sau sẽ là bản thay thế.")?;
        }
        NoticeCmd::List { id, json } => {
            let list = kiemtra_core::notice::list(db.conn(), id)?;
            if json {
                json_line(out, &list)?;
            } else {
                for n in list {
                    writeln!(
                        out,
                        "v{} số {} ngày {} — {} — SHA-256 {}",
                        n.version, n.number, n.issued_on, n.signer, n.sha256
                    )?;
                }
            }
        }
    }
    Ok(())
}

/// Reads a figure as Vietnamese write it ("93,5") or as computers do ("93.5").
fn parse_figure(s: &str) -> anyhow::Result<f64> {
    let t = s.trim();
    let normalised = if t.contains(',') {
        t.replace('.', "").replace(',', ".")
    } else {
        t.to_string()
    };
    normalised
        .parse::<f64>()
        .map_err(|_| anyhow::anyhow!("«{s}» không phải là số"))
}

fn print_inspection(out: &mut impl Write, i: &inspection::Inspection) -> anyhow::Result<()> {
    writeln!(
        out,
        "Cuộc kiểm tra số {} — {} ({}) — năm {} — {}{}",
        i.id,
        i.agency_name,
        i.agency,
        i.year,
        i.status.label(),
        if i.locked {
            ", đã ban hành kết luận"
        } else {
            ""
        }
    )?;
    writeln!(
        out,
        "Ngày kiểm tra: {}; danh mục {}",
        i.visit_date, i.template
    )?;
    if let Some(c) = &i.review_comment {
        writeln!(out, "Ý kiến của Trưởng đoàn: {c}")?;
    }
    for it in &i.items {
        let status = it.status.map(|s| s.label()).unwrap_or("—");
        let value = it
            .value
            .map(|v| format!(" số liệu {v}"))
            .unwrap_or_default();
        let judgement = it
            .judgement
            .map(|j| format!(" [{}]", j.label()))
            .unwrap_or_default();
        let flag = if it.disagreement {
            " (khác đánh giá tự động)"
        } else {
            ""
        };
        writeln!(
            out,
            "  {:<12} {:<14}{value}{judgement}{flag}",
            it.source_ref, status
        )?;
    }
    for f in &i.findings {
        let kind = if f.kind == inspection::FindingKind::Strength {
            "Ưu điểm"
        } else {
            "Hạn chế"
        };
        writeln!(out, "  #{} {kind}: {}", f.id, f.text)?;
    }
    let p = &i.progress;
    writeln!(out, "Tiến độ: {}/{} mục (đạt {}, một phần {}, chưa đạt {}, không áp dụng {}; khác đánh giá tự động {})", p.answered, p.total, p.met, p.partial, p.unmet, p.na, p.disagreements)?;
    Ok(())
}

fn run_inspection(cmd: InspectionCmd, db: &mut Db, out: &mut impl Write) -> anyhow::Result<()> {
    match cmd {
        InspectionCmd::Start { year, agency, date } => {
            let id = inspection::start(db, year, &agency, date.as_deref())?;
            let i = inspection::show(db.conn(), id)?;
            writeln!(
                out,
                "Đã bắt đầu kiểm tra {} năm {}: {} mục kiểm tra",
                i.agency_name,
                year,
                i.items.len()
            )?;
            writeln!(out, "{id}")?;
        }
        InspectionCmd::Record {
            id,
            source_ref,
            status,
            value,
            done_on,
            note,
        } => {
            let rec = inspection::Record {
                status: Some(match status {
                    StatusArg::Met => inspection::ItemStatus::Met,
                    StatusArg::Partial => inspection::ItemStatus::Partial,
                    StatusArg::Unmet => inspection::ItemStatus::Unmet,
                    StatusArg::Na => inspection::ItemStatus::Na,
                }),
                value: value.as_deref().map(parse_figure).transpose()?,
                done_on,
                note,
            };
            let it = inspection::record(db, id, &source_ref, &rec)?;
            let judgement = it
                .judgement
                .map(|j| format!("; đánh giá tự động: {}", j.label()))
                .unwrap_or_default();
            writeln!(
                out,
                "Đã lưu {}: {}{judgement}",
                it.source_ref,
                it.status.map(|s| s.label()).unwrap_or("—")
            )?;
        }
        InspectionCmd::Submit { id } => {
            let i = inspection::submit(db, id)?;
            writeln!(out, "Cuộc kiểm tra số {} {}", i.id, i.status.label())?;
        }
        InspectionCmd::Review {
            id,
            accept,
            return_with,
        } => {
            if !accept && return_with.is_none() {
                anyhow::bail!("chọn --accept hoặc --return \"ý kiến\"");
            }
            let i = inspection::review(db, id, accept, return_with.as_deref())?;
            writeln!(out, "Cuộc kiểm tra số {} {}", i.id, i.status.label())?;
        }
        InspectionCmd::Score {
            id,
            criterion,
            self_score,
            appraised,
            justification,
        } => {
            let i = inspection::set_score(
                db,
                id,
                &criterion,
                self_score,
                appraised,
                justification.as_deref(),
            )?;
            for s in i.scores.iter().filter(|s| s.criterion == criterion) {
                writeln!(
                    out,
                    "{} {}: tự đánh giá {:?}, thẩm định {:?} / {}",
                    s.criterion, s.name, s.self_score, s.appraised_score, s.max_points
                )?;
            }
        }
        InspectionCmd::Show { id, json } => {
            let i = inspection::show(db.conn(), id)?;
            if json {
                json_line(out, &i)?
            } else {
                print_inspection(out, &i)?
            }
        }
        InspectionCmd::List { year, json } => {
            let list = inspection::list(db.conn(), year)?;
            if json {
                json_line(out, &list)?;
            } else {
                for i in list {
                    writeln!(
                        out,
                        "{:>4} {} {:<8} {:<30} {} ({}/{})",
                        i.id,
                        i.year,
                        i.agency,
                        i.agency_name,
                        i.status.label(),
                        i.progress.answered,
                        i.progress.total
                    )?;
                }
            }
        }
    }
    Ok(())
}

fn print_plan(out: &mut impl Write, p: &plan::Plan) -> anyhow::Result<()> {
    let status = match p.status {
        plan::PlanStatus::Draft => "dự thảo",
        plan::PlanStatus::Final => "đã phê duyệt",
    };
    writeln!(
        out,
        "Kế hoạch kiểm tra năm {} ({status}{}), ngưỡng {}%",
        p.year,
        if p.revision > 0 {
            format!(", điều chỉnh lần {}", p.revision)
        } else {
            String::new()
        },
        p.threshold
    )?;
    if let (Some(m), Some(seed)) = (p.draw_method, p.seed) {
        let m = if m == DrawMethod::Rotation {
            "luân phiên"
        } else {
            "ngẫu nhiên"
        };
        writeln!(out, "Bốc thăm: {m}, hạt giống {seed}")?;
    }
    for a in &p.agencies {
        let mode = match a.mode {
            plan::SelectionMode::Manual => "chọn",
            plan::SelectionMode::Random => "bốc thăm",
            plan::SelectionMode::Rotation => "luân phiên",
        };
        let window = a
            .window
            .as_ref()
            .map(|w| format!(" {} → {}", w.from, w.to))
            .unwrap_or_default();
        let team = a
            .team
            .lead
            .as_ref()
            .map(|l| format!(" — Trưởng đoàn {l}"))
            .unwrap_or_default();
        writeln!(
            out,
            "  {:<8} {:<10} {}{}{}{}",
            a.code,
            mode,
            a.name,
            if a.spot_check { " [đột xuất]" } else { "" },
            window,
            team
        )?;
    }
    for (label, c) in [
        ("Sở, ban, ngành", p.coverage.provincial),
        ("UBND cấp xã", p.coverage.commune),
        ("Toàn bộ", p.coverage.all),
    ] {
        let mark = if c.selected >= c.required {
            "đạt"
        } else {
            "CHƯA ĐẠT"
        };
        writeln!(
            out,
            "{label}: {}/{} (cần {}) — {mark}",
            c.selected, c.total, c.required
        )?;
    }
    Ok(())
}

fn run_plan(cmd: PlanCmd, db: &mut Db, out: &mut impl Write) -> anyhow::Result<()> {
    match cmd {
        PlanCmd::Create {
            year,
            threshold,
            include,
            exclude,
            spot_check,
            random,
            rotation,
            reason,
            json,
        } => {
            let draw = match (random, rotation) {
                (Some(seed), _) => Some(Draw {
                    method: DrawMethod::Random,
                    seed,
                }),
                (_, Some(seed)) => Some(Draw {
                    method: DrawMethod::Rotation,
                    seed,
                }),
                _ => None,
            };
            let change = PlanChange {
                threshold,
                include,
                exclude,
                spot_checks: spot_check,
                draw,
                reason,
                ..Default::default()
            };
            let p = plan::apply(db, year, &change)?;
            if json {
                json_line(out, &p)?
            } else {
                print_plan(out, &p)?
            }
        }
        PlanCmd::Show { year, json } => {
            let p = plan::show(db.conn(), year)?;
            if json {
                json_line(out, &p)?
            } else {
                print_plan(out, &p)?
            }
        }
        PlanCmd::Finalize { year } => {
            let p = plan::finalize(db, year)?;
            print_plan(out, &p)?;
        }
        PlanCmd::Schedule {
            year,
            agency,
            from,
            to,
            lead,
            members,
            reason,
        } => {
            let p = plan::schedule(
                db,
                year,
                &plan::ScheduleChange {
                    agency,
                    from,
                    to,
                    lead,
                    members,
                    reason,
                },
            )?;
            print_plan(out, &p)?;
        }
        PlanCmd::Render {
            year,
            out: file,
            date,
        } => {
            let date = today(db, date.as_deref())?;
            let pdf = kiemtra_pdf::store::plan_pdf(db, year, date, created())?;
            write_pdf(&file, &pdf)?;
            writeln!(
                out,
                "Đã ghi kế hoạch: {} ({} byte)",
                file.display(),
                pdf.len()
            )?;
        }
        PlanCmd::Deadlines {
            year,
            remediation_days,
            notice_days,
        } => {
            plan::set_deadlines(db, year, remediation_days, notice_days)?;
            writeln!(out, "Năm {year}: báo cáo khắc phục trong {remediation_days} ngày làm việc; thông báo kết luận trong {notice_days} ngày làm việc sau kiểm tra.")?;
        }
        PlanCmd::Rotation { year, json } => {
            let rows = plan::rotation(db.conn(), year)?;
            if json {
                json_line(out, &rows)?;
            } else {
                for r in rows {
                    let last = r
                        .last_inspected
                        .map(|y| y.to_string())
                        .unwrap_or_else(|| "chưa kiểm tra".into());
                    writeln!(out, "{:<8} {:<14} {}", r.code, last, r.name)?;
                }
            }
        }
    }
    Ok(())
}
