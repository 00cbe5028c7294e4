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
use kiemtra_core::{checklist, framework, paths, seed, Db};

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
