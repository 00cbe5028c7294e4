//! Every character a document can print has a glyph in all four bundled faces.

use std::collections::BTreeSet;
use std::path::Path;

use kiemtra_pdf::fonts::{Face, Fonts};
use kiemtra_pdf::{layout, PlanInput};

use crate::support::{self, day};

fn chars_of_files(dir: &Path, exts: &[&str]) -> (BTreeSet<char>, usize) {
    let mut set = BTreeSet::new();
    let mut files = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("");
        if exts.contains(&ext) {
            files += 1;
            set.extend(std::fs::read_to_string(&p).unwrap().chars());
        }
    }
    (set, files)
}

fn missing(chars: &BTreeSet<char>) -> Vec<String> {
    let fonts = Fonts::bundled().unwrap();
    let mut out = Vec::new();
    for face in Face::ALL {
        for &c in chars {
            if !c.is_control() && !c.is_whitespace() && !fonts.has_glyph(face, c) {
                out.push(format!("{face:?} lacks {c:?} (U+{:04X})", c as u32));
            }
        }
    }
    out
}

#[test]
fn every_character_of_the_seed_files_has_a_glyph_in_every_face() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds");
    let (chars, files) = chars_of_files(&seeds, &["json", "csv"]);
    assert!(files >= 3, "expected the seed files in {}", seeds.display());
    assert!(
        chars.contains(&'ệ') && chars.contains(&'Đ'),
        "the seeds are Vietnamese"
    );
    let m = missing(&chars);
    assert!(m.is_empty(), "{}", m.join("\n"));
}

#[test]
fn every_fixed_document_string_has_a_glyph_in_every_face() {
    // The documents' fixed wording lives in the sources: check every character of them.
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let (chars, files) = chars_of_files(&src, &["rs"]);
    assert!(files >= 6);
    let m = missing(&chars);
    assert!(m.is_empty(), "{}", m.join("\n"));
}

#[test]
fn every_character_laid_out_in_the_three_documents_has_a_glyph() {
    let fonts = Fonts::bundled().unwrap();
    let s = support::settings();
    let layouts = [
        layout(&support::notice_input(), &s, true).unwrap(),
        layout(&support::minutes_input(), &s, true).unwrap(),
        layout(
            &PlanInput::from_core(&support::plan(), Some("25"), day(2026, 1, 15)),
            &s,
            true,
        )
        .unwrap(),
    ];
    for l in &layouts {
        for p in &l.pages {
            for r in p.runs() {
                for c in r.text.chars().filter(|c| !c.is_whitespace()) {
                    assert!(
                        fonts.has_glyph(r.face, c),
                        "{:?} lacks {c:?} in «{}»",
                        r.face,
                        r.text
                    );
                }
            }
        }
    }
}
