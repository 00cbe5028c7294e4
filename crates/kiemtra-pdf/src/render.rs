//! The only module that calls printpdf: turns laid-out pages into PDF bytes.
//!
//! Reproducible by construction: fonts get fixed resource names (which also give the six-letter
//! subset tags, "LSRGLR+LiberationSerif"), the document info carries the caller's creation
//! date, and the trailer's /ID is the caller's id instead of printpdf's random one. Fonts are
//! embedded as subsets of the glyphs used.

use std::sync::OnceLock;

use chrono::{Datelike, NaiveDateTime, Timelike};
use printpdf::{
    Color, FontId, Greyscale, Line, LinePoint, Op, ParsedFont, PdfDocument, PdfFontHandle, PdfPage,
    PdfSaveOptions, Point, Pt, Rect, TextItem, TextMatrix,
};

use crate::fonts::Face;
use crate::layout::{Item, Layout, TextRun};
use crate::PdfError;

/// What the PDF's document information says about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Metadata {
    pub title: String,
    pub subject: String,
    pub author: String,
    /// The program that made the document's content.
    pub creator: String,
    /// Written as given (the PDF marks it UTC): pass UTC for a truthful timestamp.
    pub created: NaiveDateTime,
    /// The document's permanent id, written in the trailer (/ID) twice.
    pub id: String,
}

/// Resource name of each face; its first six letters are the subset tag viewers show.
fn font_id(face: Face) -> FontId {
    FontId(
        match face {
            Face::Regular => "LSRGLR",
            Face::Bold => "LSBOLD",
            Face::Italic => "LSITAL",
            Face::BoldItalic => "LSBDIT",
        }
        .to_string(),
    )
}

/// The faces parsed by printpdf, once per process (parsing costs milliseconds per face).
fn parsed_fonts() -> Result<&'static [ParsedFont; 4], PdfError> {
    static PARSED: OnceLock<Result<[ParsedFont; 4], PdfError>> = OnceLock::new();
    PARSED
        .get_or_init(|| {
            let parse = |face: Face| {
                ParsedFont::from_bytes(face.bytes(), 0, &mut Vec::new())
                    .ok_or_else(|| PdfError::Font(format!("printpdf: {face:?}")))
            };
            Ok([
                parse(Face::Regular)?,
                parse(Face::Bold)?,
                parse(Face::Italic)?,
                parse(Face::BoldItalic)?,
            ])
        })
        .as_ref()
        .map_err(Clone::clone)
}

fn grey(level: f32) -> Color {
    Color::Greyscale(Greyscale::new(level, None))
}

/// The TJ items of a run: with justification, each space is followed by a negative kerning
/// number that widens it by `word_gap` points (word spacing `Tw` does not apply to the
/// two-byte codes of an embedded CID font).
fn text_items(run: &TextRun) -> Vec<TextItem> {
    if run.word_gap.abs() < 1e-4 || !run.text.contains(' ') {
        return vec![TextItem::Text(run.text.clone())];
    }
    let adjust = -run.word_gap * 1000.0 / run.size;
    let mut items = Vec::new();
    let mut parts = run.text.split(' ').peekable();
    while let Some(part) = parts.next() {
        if parts.peek().is_some() {
            items.push(TextItem::Text(format!("{part} ")));
            items.push(TextItem::Offset(adjust));
        } else if !part.is_empty() {
            items.push(TextItem::Text(part.to_string()));
        }
    }
    items
}

fn page_ops(items: &[Item], height: f32) -> Vec<Op> {
    let mut ops = Vec::new();
    let rules: Vec<_> = items
        .iter()
        .filter_map(|i| match i {
            Item::Rule(r) => Some(r),
            Item::Text(_) => None,
        })
        .collect();
    if !rules.is_empty() {
        ops.push(Op::SetOutlineColor { col: grey(0.0) });
        let mut width = f32::NAN;
        for r in rules {
            if r.width != width {
                ops.push(Op::SetOutlineThickness { pt: Pt(r.width) });
                width = r.width;
            }
            let p = |x: f32, y: f32| LinePoint {
                p: Point {
                    x: Pt(x),
                    y: Pt(height - y),
                },
                bezier: false,
            };
            ops.push(Op::DrawLine {
                line: Line {
                    points: vec![p(r.x1, r.y1), p(r.x2, r.y2)],
                    is_closed: false,
                },
            });
        }
    }
    let mut font: Option<(Face, f32)> = None;
    let mut fill = f32::NAN;
    let mut open = false;
    for item in items {
        let Item::Text(run) = item else { continue };
        if run.text.is_empty() {
            continue;
        }
        if !open {
            ops.push(Op::StartTextSection);
            open = true;
        }
        if run.grey != fill {
            ops.push(Op::SetFillColor {
                col: grey(run.grey),
            });
            fill = run.grey;
        }
        if font != Some((run.face, run.size)) {
            ops.push(Op::SetFont {
                font: PdfFontHandle::External(font_id(run.face)),
                size: Pt(run.size),
            });
            font = Some((run.face, run.size));
        }
        let y = height - run.y;
        let matrix = if run.angle == 0.0 {
            TextMatrix::Translate(Pt(run.x), Pt(y))
        } else {
            let (s, c) = run.angle.to_radians().sin_cos();
            TextMatrix::Raw([c, s, -s, c, run.x, y])
        };
        ops.push(Op::SetTextMatrix { matrix });
        ops.push(Op::ShowText {
            items: text_items(run),
        });
    }
    if open {
        ops.push(Op::EndTextSection);
    }
    ops
}

fn pdf_date(d: NaiveDateTime) -> printpdf::DateTime {
    printpdf::DateTime {
        date: printpdf::Date {
            year: d.year(),
            month: d.month() as u8,
            day: d.day() as u8,
        },
        time: printpdf::Time {
            hour: d.hour() as u8,
            minute: d.minute() as u8,
            second: d.second() as u8,
            millisecond: 0,
        },
        offset: printpdf::Offset {
            hours: 0,
            minutes: 0,
            seconds: 0,
            milliseconds: 0,
        },
    }
}

/// Writes `layout` as a PDF: A4 pages (or whatever size the layout has), fonts embedded as
/// subsets, document info from `meta`.
pub fn render(layout: &Layout, meta: &Metadata) -> Result<Vec<u8>, PdfError> {
    let parsed = parsed_fonts()?;
    let mut doc = PdfDocument::new(&meta.title);
    let info = &mut doc.metadata.info;
    info.creation_date = pdf_date(meta.created);
    info.modification_date = pdf_date(meta.created);
    info.metadata_date = pdf_date(meta.created);
    info.subject = meta.subject.clone();
    info.author = meta.author.clone();
    info.creator = meta.creator.clone();
    info.producer = format!("kiemtra-pdf {}", env!("CARGO_PKG_VERSION"));
    info.identifier = meta.id.clone();

    let used: std::collections::BTreeSet<Face> = layout
        .pages
        .iter()
        .flat_map(|p| p.runs().map(|r| r.face))
        .collect();
    for face in Face::ALL {
        if used.contains(&face) {
            let font = &parsed[Face::ALL.iter().position(|f| *f == face).unwrap_or(0)];
            doc.resources
                .fonts
                .map
                .insert(font_id(face), printpdf::PdfFont::new(font.clone()));
        }
    }

    let size = Rect::from_wh(Pt(layout.width), Pt(layout.height));
    let pages = layout
        .pages
        .iter()
        .map(|p| PdfPage {
            media_box: size.clone(),
            trim_box: size.clone(),
            crop_box: size.clone(),
            ops: page_ops(&p.items, layout.height),
        })
        .collect();
    doc.with_pages(pages);

    let opts = PdfSaveOptions {
        optimize: true,
        subset_fonts: true,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut lo = doc.to_lopdf_document(&opts, &mut warnings);
    let id = lopdf::Object::String(meta.id.as_bytes().to_vec(), lopdf::StringFormat::Literal);
    lo.trailer
        .set("ID", lopdf::Object::Array(vec![id.clone(), id]));
    // printpdf always writes an (empty) GTS_PDFXVersion, which makes readers announce PDF/X:
    // this file claims no PDF/X conformance.
    if let Ok(info) = lo
        .trailer
        .get(b"Info")
        .and_then(lopdf::Object::as_reference)
    {
        if let Ok(dict) = lo.get_object_mut(info).and_then(lopdf::Object::as_dict_mut) {
            dict.remove(b"GTS_PDFXVersion");
        }
    }
    strip_hinting(&mut lo);
    lo.compress();
    let mut out = Vec::new();
    lo.save_to(&mut out)
        .map_err(|e| PdfError::Write(e.to_string()))?;
    Ok(out)
}

/// Replaces each embedded TrueType subset by the same subset without hinting
/// ([`crate::fonts::without_hinting`]): a printed or zoomed page never uses it, and it is
/// about half of each subset's bytes. A font this cannot read is left as printpdf wrote it.
fn strip_hinting(doc: &mut lopdf::Document) {
    let files: Vec<lopdf::ObjectId> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"Type").and_then(lopdf::Object::as_name).ok() == Some(b"FontDescriptor"))
        .filter_map(|d| {
            d.get(b"FontFile2")
                .and_then(lopdf::Object::as_reference)
                .ok()
        })
        .collect();
    for id in files {
        let Ok(stream) = doc
            .get_object_mut(id)
            .and_then(lopdf::Object::as_stream_mut)
        else {
            continue;
        };
        let bytes = stream
            .decompressed_content()
            .unwrap_or_else(|_| stream.content.clone());
        if let Some(lean) = crate::fonts::without_hinting(&bytes) {
            let len = lean.len() as i64;
            stream.dict.remove(b"Filter");
            stream.dict.remove(b"DecodeParms");
            stream.set_content(lean);
            stream.dict.set("Length1", len);
            stream.allows_compression = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{Rule, TextRun};

    #[test]
    fn justified_runs_widen_each_space_by_the_gap() {
        let run = TextRun {
            x: 0.0,
            y: 0.0,
            face: Face::Regular,
            size: 14.0,
            text: "một hai ba".into(),
            word_gap: 2.8,
            grey: 0.0,
            angle: 0.0,
        };
        let items = text_items(&run);
        assert_eq!(
            items,
            vec![
                TextItem::Text("một ".into()),
                TextItem::Offset(-200.0),
                TextItem::Text("hai ".into()),
                TextItem::Offset(-200.0),
                TextItem::Text("ba".into()),
            ]
        );
    }

    #[test]
    fn rules_flip_to_pdf_coordinates() {
        let ops = page_ops(
            &[Item::Rule(Rule {
                x1: 10.0,
                y1: 20.0,
                x2: 50.0,
                y2: 20.0,
                width: 0.5,
            })],
            800.0,
        );
        let line = ops.iter().find_map(|o| match o {
            Op::DrawLine { line } => Some(line),
            _ => None,
        });
        assert_eq!(line.unwrap().points[0].p.y, Pt(780.0));
    }
}
