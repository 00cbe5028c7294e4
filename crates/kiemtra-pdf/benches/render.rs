//! `cargo bench -p kiemtra-pdf --bench render`: a five-page conclusion notice rendered to PDF
//! (layout and printpdf, in a release build), p50/min over 60 runs and the file size — targets
//! ≤ 20 ms and ≤ 100 KB — beside a peer: WeasyPrint rendering equivalent HTML of the same
//! content with the same fonts, timed inside Python around `write_pdf()` only.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use kiemtra_pdf::{layout, render, DocumentSettings, NoticeInput};

// The tests' fixtures (hand-written notice content); the poppler helpers go unused here.
#[allow(dead_code)]
#[path = "../tests/pdf/support.rs"]
mod support;

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The notice as HTML with the same fonts, margins, sizes and content as the PDF.
fn html(input: &NoticeInput, s: &DocumentSettings) -> String {
    let fonts = Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts");
    let face = |file: &str, weight: &str, style: &str| {
        format!(
            "@font-face {{ font-family: 'LS'; src: url('file://{}/{file}'); font-weight: {weight}; font-style: {style}; }}\n",
            fonts.display()
        )
    };
    let mut h = String::new();
    h.push_str("<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><style>\n");
    h.push_str(&face("LiberationSerif-Regular.ttf", "normal", "normal"));
    h.push_str(&face("LiberationSerif-Bold.ttf", "bold", "normal"));
    h.push_str(&face("LiberationSerif-Italic.ttf", "normal", "italic"));
    h.push_str(&face("LiberationSerif-BoldItalic.ttf", "bold", "italic"));
    h.push_str(
        "@page { size: A4; margin: 20mm 15mm 20mm 30mm; @top-center { content: counter(page); font: 13pt 'LS'; } }
@page :first { @top-center { content: none; } }
body { font-family: 'LS'; font-size: 14pt; line-height: 1.2; }
p { margin: 0 0 6pt 0; text-align: justify; text-indent: 1cm; }
h2 { font-size: 14pt; margin: 3pt 0 6pt 0; text-indent: 1cm; break-after: avoid; }
.head { width: 100%; border-collapse: collapse; } .head td { text-align: center; vertical-align: top; font-size: 13pt; padding: 0; }
.rule { border-bottom: 0.6pt solid black; display: inline-block; }
.title { text-align: center; font-weight: bold; text-indent: 0; margin: 0; }
.sig { width: 100%; margin-top: 6pt; break-inside: avoid; } .sig td { vertical-align: top; }
.rec { font-size: 11pt; } .rec p { text-indent: 0; margin: 0; text-align: left; }
table.grid { width: 100%; border-collapse: collapse; font-size: 11pt; line-height: 1.15; }
table.grid td, table.grid th { border: 0.5pt solid black; padding: 2.5pt; vertical-align: top; }
table.grid thead { display: table-header-group; }
.annex { break-before: page; text-align: center; font-weight: bold; text-indent: 0; margin: 0; }
.hash { font-size: 7.5pt; word-break: break-all; }
</style></head><body>\n",
    );
    h.push_str(&format!(
        "<table class=\"head\"><tr><td style=\"width:40%\">{}<br><b class=\"rule\">{}</b></td>\
         <td><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b><br><b class=\"rule\" style=\"font-size:14pt\">Độc lập - Tự do - Hạnh phúc</b></td></tr>\
         <tr><td>Số: {}/{}</td><td><i style=\"font-size:14pt\">{}, {}</i></td></tr></table>\n",
        esc(&s.parent_body),
        esc(&s.issuing_body),
        input.number.as_deref().unwrap_or(""),
        s.number_suffix,
        esc(&s.place),
        kiemtra_pdf::format::date_long(input.date)
    ));
    h.push_str(&format!(
        "<p class=\"title\" style=\"margin-top:6mm\">THÔNG BÁO</p><p class=\"title\"><span class=\"rule\">Kết luận kiểm tra công tác cải cách hành chính tại {}</span></p>\n",
        esc(&input.addressee)
    ));
    let lead = input
        .team_lead
        .as_ref()
        .map(|l| format!("{}, {}", l.name, l.title))
        .unwrap_or_default();
    h.push_str(&format!(
        "<p>Thực hiện {}; {}, ngày {}, Đoàn kiểm tra công tác cải cách hành chính do đồng chí {} làm Trưởng đoàn đã tiến hành kiểm tra công tác cải cách hành chính năm {} tại {}.</p>\n",
        esc(&s.province_plan),
        esc(input.plan_reference.as_deref().unwrap_or("")),
        kiemtra_pdf::format::date_short(input.visit_from),
        esc(&lead),
        input.year,
        esc(&input.addressee)
    ));
    let members: Vec<String> = input
        .team_members
        .iter()
        .map(|m| format!("đồng chí {}, {}", m.name, m.title))
        .collect();
    h.push_str(&format!(
        "<p>Thành viên Đoàn kiểm tra gồm: {}.</p>\n",
        esc(&members.join("; "))
    ));
    h.push_str("<h2>I. KẾT QUẢ KIỂM TRA</h2>\n");
    for (k, f) in input.fields.iter().enumerate() {
        h.push_str(&format!("<h2>{}. {}</h2>\n", k + 1, esc(&f.name)));
        for (title, list) in [
            ("a) Ưu điểm", &f.strengths),
            ("b) Hạn chế, tồn tại", &f.shortcomings),
            ("c) Nguyên nhân", &f.causes),
        ] {
            if list.is_empty() {
                continue;
            }
            h.push_str(&format!(
                "<h2 style=\"font-weight:normal;font-style:italic\">{title}</h2>\n"
            ));
            for t in list {
                h.push_str(&format!("<p>- {};</p>\n", esc(t)));
            }
        }
    }
    h.push_str("<h2>II. KẾT LUẬN</h2>\n");
    for c in &input.conclusion {
        h.push_str(&format!("<p>{}</p>\n", esc(c)));
    }
    h.push_str("<h2>III. KIẾN NGHỊ, YÊU CẦU</h2>\n");
    for (k, r) in input.recommendations.iter().enumerate() {
        let due = r
            .due
            .map(|d| {
                format!(
                    " Thời hạn hoàn thành: trước ngày {}.",
                    kiemtra_pdf::format::date_short(d)
                )
            })
            .unwrap_or_default();
        h.push_str(&format!("<p>{}. {}.{due}</p>\n", k + 1, esc(&r.text)));
    }
    h.push_str(&format!(
        "<p>{}. Báo cáo kết quả khắc phục về Sở Nội vụ trước ngày {}.</p>\n",
        input.recommendations.len() + 1,
        kiemtra_pdf::format::date_short(input.report_due)
    ));
    let mut rec = String::from("<p style=\"font-size:12pt\"><b><i>Nơi nhận:</i></b></p>");
    for r in input.recipients.iter().chain(&s.recipients) {
        rec.push_str(&format!("<p>- {};</p>", esc(r)));
    }
    rec.push_str(&format!("<p>- Lưu: {}.</p>", esc(&s.archive)));
    h.push_str(&format!(
        "<table class=\"sig\"><tr><td class=\"rec\" style=\"width:42%\">{rec}</td><td style=\"text-align:center\"><b>{}<br>{}</b><br><br><i style=\"font-size:11pt;color:#888\">(Chữ ký, dấu)</i><br><br><br><b>{}</b></td></tr></table>\n",
        esc(s.signer_authority.as_deref().unwrap_or("")),
        esc(&s.signer_title),
        esc(&s.signer_name)
    ));
    h.push_str("<p class=\"annex\">Phụ lục 1<br>KẾT QUẢ KIỂM TRA THEO DANH MỤC</p>\n<table class=\"grid\"><thead><tr><th>TT</th><th>Mục</th><th>Nội dung</th><th>Chỉ tiêu</th><th>Số liệu</th><th>Kết quả</th><th>Đánh giá</th></tr></thead><tbody>\n");
    for (k, r) in input.checklist.iter().enumerate() {
        h.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
            k + 1,
            esc(&r.source_ref),
            esc(&r.text),
            esc(&r.target),
            esc(&r.value),
            esc(&r.result),
            esc(&r.assessment)
        ));
    }
    h.push_str("</tbody></table>\n<p class=\"annex\">Phụ lục 2<br>DANH MỤC TÀI LIỆU KIỂM CHỨNG</p>\n<table class=\"grid\"><thead><tr><th>TT</th><th>Tên tệp</th><th>Tiêu chí</th><th>Dung lượng</th><th>SHA-256</th></tr></thead><tbody>\n");
    for (k, e) in input.evidence.iter().enumerate() {
        h.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"hash\">{}</td></tr>\n",
            k + 1,
            esc(&e.name),
            esc(&e.criteria.join(", ")),
            kiemtra_pdf::notice::file_size(e.size),
            e.sha256
        ));
    }
    h.push_str("</tbody></table></body></html>\n");
    h
}

const PEER: &str = r#"
import json, sys, time
import weasyprint
path, out, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
weasyprint.HTML(filename=path).write_pdf(out)  # warm-up: font loading, imports
times = []
for _ in range(runs):
    t = time.perf_counter()
    doc = weasyprint.HTML(filename=path).render()
    pdf = doc.write_pdf()
    times.append(time.perf_counter() - t)
open(out, "wb").write(pdf)
print(json.dumps({"times": times, "size": len(pdf), "pages": len(doc.pages), "version": weasyprint.__version__}))
"#;

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn main() {
    let s = support::settings();
    let opts = support::opts(false);
    // The fewest extra findings that make the notice (annexes included) five pages.
    let n = (0..60)
        .find(|&n| {
            layout(&support::long_notice(n), &s, false)
                .unwrap()
                .pages
                .len()
                >= 5
        })
        .expect("five pages");
    let input = support::long_notice(n);
    let pages = layout(&input, &s, false).unwrap().pages.len();

    let first = Instant::now();
    let pdf = render(&input, &s, &opts).unwrap();
    let cold = first.elapsed();
    let runs = 60;
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            let out = render(&input, &s, &opts).unwrap();
            let e = t.elapsed();
            assert_eq!(out.len(), pdf.len());
            e
        })
        .collect();
    times.sort();
    let (min, p50, max) = (times[0], times[runs / 2], times[runs - 1]);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("kiemtra-pdf-bench");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("notice.pdf"), &pdf).unwrap();
    println!(
        "five-page notice ({pages} pages, {} extra findings per list)",
        n
    );
    println!(
        "kiemtra-pdf   p50 {:7.2} ms   min {:7.2} ms   max {:7.2} ms   first {:7.2} ms   size {:6.1} KB   (targets: p50 ≤ 20 ms, ≤ 100 KB)",
        ms(p50),
        ms(min),
        ms(max),
        ms(cold),
        pdf.len() as f64 / 1024.0
    );

    let html_path = dir.join("notice.html");
    std::fs::write(&html_path, html(&input, &s)).unwrap();
    let peer_runs = 10;
    let out = Command::new("python3")
        .arg("-c")
        .arg(PEER)
        .arg(&html_path)
        .arg(dir.join("notice-weasyprint.pdf"))
        .arg(peer_runs.to_string())
        .output();
    let out = match out {
        Ok(o) if o.status.success() => o,
        Ok(o) => {
            let err = String::from_utf8_lossy(&o.stderr);
            println!(
                "WeasyPrint    not run: {} (pip install weasyprint; it needs libpango-1.0-0 and libpangoft2-1.0-0)",
                err.lines().last().unwrap_or("failed")
            );
            return;
        }
        Err(e) => {
            println!("WeasyPrint    not run: python3 not found ({e})");
            return;
        }
    };
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut t: Vec<f64> = report["times"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_f64().unwrap() * 1e3)
        .collect();
    t.sort_by(f64::total_cmp);
    let (wmin, wp50) = (t[0], t[t.len() / 2]);
    let wsize = report["size"].as_u64().unwrap();
    println!(
        "WeasyPrint {} p50 {:7.2} ms   min {:7.2} ms   ({} runs, {} pages)   size {:6.1} KB",
        report["version"].as_str().unwrap_or("?"),
        wp50,
        wmin,
        t.len(),
        report["pages"],
        wsize as f64 / 1024.0
    );
    println!(
        "ratio         WeasyPrint / kiemtra-pdf: {:.1}× the time (p50), {:.2}× the size",
        wp50 / ms(p50),
        wsize as f64 / pdf.len() as f64
    );
    println!("files in {}", dir.display());
}
