//! Page 1 of a fixed notice, rasterised by pdftoppm, against the checked-in reference image.
//! `UPDATE_GOLDEN=1 cargo test -p kiemtra-pdf golden` rewrites the reference.

use std::path::Path;
use std::process::Command;

use kiemtra_pdf::render;

use crate::support::{self, decode_png as decode, out_dir, poppler, write};

#[test]
fn page_one_of_the_notice_matches_the_golden_image() {
    if !poppler() {
        return;
    }
    let pdf = render(
        &support::notice_input(),
        &support::settings(),
        &support::opts(false),
    )
    .unwrap();
    let path = write("golden-notice.pdf", &pdf);
    let prefix = out_dir().join("golden-notice-p1");
    let status = Command::new("pdftoppm")
        .args(["-r", "50", "-png", "-f", "1", "-l", "1", "-singlefile"])
        .arg(&path)
        .arg(&prefix)
        .status()
        .unwrap();
    assert!(status.success());
    let actual = prefix.with_extension("png");
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/notice-p1.png");
    if std::env::var("UPDATE_GOLDEN").is_ok_and(|v| v == "1") {
        std::fs::copy(&actual, &golden).unwrap();
        eprintln!("updated {}", golden.display());
        return;
    }
    assert!(
        golden.exists(),
        "no reference image: run `UPDATE_GOLDEN=1 cargo test -p kiemtra-pdf golden`, look at {} and commit it",
        golden.display()
    );
    let (w1, h1, a, sa) = decode(&actual);
    let (w2, h2, b, sb) = decode(&golden);
    assert_eq!((w1, h1), (w2, h2), "image size");
    let pixels = (w1 * h1) as usize;
    let differing = (0..pixels)
        .filter(|&i| {
            // Compare the first (grey or red) and, when present, all colour samples.
            let pa = &a[i * sa..i * sa + sa.min(3)];
            let pb = &b[i * sb..i * sb + sb.min(3)];
            pa.iter().zip(pb).any(|(x, y)| x.abs_diff(*y) > 48)
        })
        .count();
    let share = differing as f64 / pixels as f64;
    assert!(
        share <= 0.005,
        "{:.2}% of the pixels differ from {} (see {})",
        share * 100.0,
        golden.display(),
        actual.display()
    );
}
