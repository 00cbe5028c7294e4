//! The bundled fonts (Liberation Serif 2.x, metric-compatible with Times New Roman, with every
//! Vietnamese letter; SIL OFL 1.1, licence in `fonts/LICENSE-OFL.txt`) and their advance widths.
//!
//! Layout measures with the same advance widths the PDF carries (no kerning, no shaping: the
//! renderer writes one glyph per character), so what the layout model centres or justifies is
//! exactly what is printed.

use std::sync::OnceLock;

use crate::PdfError;

/// The four faces of the body font.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Face {
    Regular,
    Bold,
    Italic,
    BoldItalic,
}

impl Face {
    pub const ALL: [Face; 4] = [Face::Regular, Face::Bold, Face::Italic, Face::BoldItalic];

    /// The TrueType file of this face, as bundled in the crate.
    pub fn bytes(self) -> &'static [u8] {
        match self {
            Face::Regular => include_bytes!("../fonts/LiberationSerif-Regular.ttf"),
            Face::Bold => include_bytes!("../fonts/LiberationSerif-Bold.ttf"),
            Face::Italic => include_bytes!("../fonts/LiberationSerif-Italic.ttf"),
            Face::BoldItalic => include_bytes!("../fonts/LiberationSerif-BoldItalic.ttf"),
        }
    }

    fn index(self) -> usize {
        match self {
            Face::Regular => 0,
            Face::Bold => 1,
            Face::Italic => 2,
            Face::BoldItalic => 3,
        }
    }
}

/// Characters below this code point have their advance looked up once, at start: Latin,
/// Latin Extended Additional (all the precomposed Vietnamese letters) and general punctuation.
const TABLE_LEN: usize = 0x2100;

struct FaceMetrics {
    face: ttf_parser::Face<'static>,
    units_per_em: f32,
    ascender: f32,
    descender: f32,
    /// Advance width in font units of each char below `TABLE_LEN`; 0 where the font lacks it.
    table: Vec<u16>,
}

impl FaceMetrics {
    fn load(which: Face) -> Result<Self, PdfError> {
        let face = ttf_parser::Face::parse(which.bytes(), 0)
            .map_err(|e| PdfError::Font(format!("{which:?}: {e}")))?;
        let table = (0..TABLE_LEN as u32)
            .map(|cp| {
                char::from_u32(cp)
                    .and_then(|c| face.glyph_index(c))
                    .and_then(|g| face.glyph_hor_advance(g))
                    .unwrap_or(0)
            })
            .collect();
        Ok(FaceMetrics {
            units_per_em: f32::from(face.units_per_em()),
            ascender: f32::from(face.ascender()),
            descender: f32::from(face.descender()),
            face,
            table,
        })
    }

    fn advance_units(&self, c: char) -> u16 {
        let cp = c as usize;
        if cp < TABLE_LEN {
            return self.table[cp];
        }
        self.face
            .glyph_index(c)
            .and_then(|g| self.face.glyph_hor_advance(g))
            .unwrap_or(0)
    }
}

/// Metrics of the four bundled faces. Load once with [`Fonts::bundled`].
pub struct Fonts {
    faces: [FaceMetrics; 4],
}

impl Fonts {
    /// The bundled fonts, parsed on first use and shared afterwards.
    pub fn bundled() -> Result<&'static Fonts, PdfError> {
        static FONTS: OnceLock<Result<Fonts, PdfError>> = OnceLock::new();
        FONTS
            .get_or_init(|| {
                Ok(Fonts {
                    faces: [
                        FaceMetrics::load(Face::Regular)?,
                        FaceMetrics::load(Face::Bold)?,
                        FaceMetrics::load(Face::Italic)?,
                        FaceMetrics::load(Face::BoldItalic)?,
                    ],
                })
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    fn metrics(&self, face: Face) -> &FaceMetrics {
        &self.faces[face.index()]
    }

    /// Width of `text` set in `face` at `size` points, in points.
    pub fn width(&self, text: &str, face: Face, size: f32) -> f32 {
        let m = self.metrics(face);
        let units: u32 = text.chars().map(|c| u32::from(m.advance_units(c))).sum();
        units as f32 * size / m.units_per_em
    }

    /// Width of one character, in points.
    pub fn char_width(&self, c: char, face: Face, size: f32) -> f32 {
        let m = self.metrics(face);
        f32::from(m.advance_units(c)) * size / m.units_per_em
    }

    /// Height above the baseline of the tallest glyphs, in points (positive).
    pub fn ascent(&self, face: Face, size: f32) -> f32 {
        let m = self.metrics(face);
        m.ascender * size / m.units_per_em
    }

    /// Depth below the baseline, in points (positive).
    pub fn descent(&self, face: Face, size: f32) -> f32 {
        let m = self.metrics(face);
        -m.descender * size / m.units_per_em
    }

    /// Whether the face has a real glyph (not .notdef) for `c`.
    pub fn has_glyph(&self, face: Face, c: char) -> bool {
        self.metrics(face)
            .face
            .glyph_index(c)
            .is_some_and(|g| g.0 != 0)
    }
}

/// Tables that only carry TrueType hinting (grid-fitting for low-resolution screens): the
/// font program, the control-value program and table, their variations, and the device
/// metrics precomputed from them. A document printed or shown at any zoom is drawn from the
/// outlines alone; PDF subsetters (fontTools in WeasyPrint) drop them the same way.
const HINTING_TABLES: [&[u8; 4]; 7] = [
    b"fpgm", b"prep", b"cvt ", b"cvar", b"hdmx", b"VDMX", b"LTSH",
];

fn be16(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn be32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, c| {
        let mut w = [0u8; 4];
        w[..c.len()].copy_from_slice(c);
        sum.wrapping_add(u32::from_be_bytes(w))
    })
}

/// One glyph without its instructions: a simple glyph's instruction length set to 0 and its
/// bytecode removed; a composite glyph's WE_HAVE_INSTRUCTIONS flag cleared and the bytecode
/// after its last component cut.
fn glyph_without_instructions(g: &[u8]) -> Option<Vec<u8>> {
    if g.is_empty() {
        return Some(Vec::new());
    }
    let contours = be16(g, 0)? as i16;
    if contours >= 0 {
        let n = contours as usize;
        let len_at = 10 + 2 * n;
        let ins = be16(g, len_at)? as usize;
        let rest = g.get(len_at + 2 + ins..)?;
        let mut out = Vec::with_capacity(g.len() - ins);
        out.extend_from_slice(&g[..len_at]);
        out.extend_from_slice(&[0, 0]);
        out.extend_from_slice(rest);
        return Some(out);
    }
    const ARGS_ARE_WORDS: u16 = 0x0001;
    const HAVE_SCALE: u16 = 0x0008;
    const MORE: u16 = 0x0020;
    const XY_SCALE: u16 = 0x0040;
    const TWO_BY_TWO: u16 = 0x0080;
    const HAVE_INSTRUCTIONS: u16 = 0x0100;
    let mut out = g.get(..10)?.to_vec();
    let mut at = 10;
    loop {
        let flags = be16(g, at)?;
        let mut len = 4 + if flags & ARGS_ARE_WORDS != 0 { 4 } else { 2 };
        len += if flags & HAVE_SCALE != 0 {
            2
        } else if flags & XY_SCALE != 0 {
            4
        } else if flags & TWO_BY_TWO != 0 {
            8
        } else {
            0
        };
        let component = g.get(at..at + len)?;
        out.extend_from_slice(&(flags & !HAVE_INSTRUCTIONS).to_be_bytes());
        out.extend_from_slice(&component[2..]);
        at += len;
        if flags & MORE == 0 {
            return Some(out);
        }
    }
}

/// The TrueType font `ttf` without its hinting: the tables in [`HINTING_TABLES`] dropped,
/// every glyph's instructions removed (`glyf` and `loca` rewritten), `maxp`'s hinting limits
/// zeroed, checksums made again. Outlines, advance widths, names and every other table are
/// kept byte for byte. `None` when the font is not a TrueType font this reads (then the caller
/// keeps it as it is).
///
/// The OFL FAQ (1.12) allows this inside a document: "So can I embed OFL fonts in my document?
/// Yes, either in full or a subset. The restrictions regarding font modification and
/// redistribution do not apply, as the font is not intended for use outside the document."
pub fn without_hinting(ttf: &[u8]) -> Option<Vec<u8>> {
    let version = be32(ttf, 0)?;
    if version != 0x0001_0000 && &ttf[..4] != b"true" {
        return None;
    }
    let count = be16(ttf, 4)? as usize;
    let mut tables: Vec<([u8; 4], Vec<u8>)> = Vec::with_capacity(count);
    for k in 0..count {
        let rec = 12 + 16 * k;
        let tag: [u8; 4] = ttf.get(rec..rec + 4)?.try_into().ok()?;
        let offset = be32(ttf, rec + 8)? as usize;
        let length = be32(ttf, rec + 12)? as usize;
        let data = ttf.get(offset..offset.checked_add(length)?)?.to_vec();
        if !HINTING_TABLES.contains(&&tag) {
            tables.push((tag, data));
        }
    }
    let find =
        |tables: &[([u8; 4], Vec<u8>)], tag: &[u8; 4]| tables.iter().position(|(t, _)| t == tag);
    let head = find(&tables, b"head")?;
    let maxp = find(&tables, b"maxp")?;
    let (loca, glyf) = (find(&tables, b"loca")?, find(&tables, b"glyf")?);
    let glyphs = be16(&tables[maxp].1, 4)? as usize;
    let long = be16(&tables[head].1, 50)? == 1;
    let offset = |k: usize| -> Option<usize> {
        let l = &tables[loca].1;
        Some(if long {
            be32(l, 4 * k)? as usize
        } else {
            be16(l, 2 * k)? as usize * 2
        })
    };
    let mut new_glyf = Vec::with_capacity(tables[glyf].1.len());
    let mut offsets = Vec::with_capacity(glyphs + 1);
    for k in 0..glyphs {
        let (a, b) = (offset(k)?, offset(k + 1)?);
        let g = tables[glyf].1.get(a..b.max(a))?;
        offsets.push(new_glyf.len());
        new_glyf.extend(glyph_without_instructions(g)?);
        while new_glyf.len() % 4 != 0 {
            new_glyf.push(0);
        }
    }
    offsets.push(new_glyf.len());
    let short = new_glyf.len() < 0x2_0000;
    let new_loca: Vec<u8> = offsets
        .iter()
        .flat_map(|&o| {
            if short {
                ((o / 2) as u16).to_be_bytes().to_vec()
            } else {
                (o as u32).to_be_bytes().to_vec()
            }
        })
        .collect();
    tables[glyf].1 = new_glyf;
    tables[loca].1 = new_loca;
    let h = &mut tables[head].1;
    h.get_mut(50..52)?
        .copy_from_slice(&(if short { 0u16 } else { 1 }).to_be_bytes());
    h.get_mut(8..12)?.copy_from_slice(&[0; 4]);
    let m = &mut tables[maxp].1;
    if be32(m, 0)? == 0x0001_0000 {
        // maxZones stays 1 (the glyph zone); twilight points, storage, function and
        // instruction definitions, stack elements and instruction size go to 0.
        for at in [16usize, 18, 20, 22, 24, 26] {
            m.get_mut(at..at + 2)?.copy_from_slice(&[0, 0]);
        }
        m.get_mut(14..16)?.copy_from_slice(&1u16.to_be_bytes());
    }

    tables.sort_by_key(|t| t.0);
    let n = tables.len();
    let pow = (0..16).rev().find(|e| (1usize << e) <= n).unwrap_or(0);
    let mut out = Vec::new();
    out.extend_from_slice(&0x0001_0000u32.to_be_bytes());
    out.extend_from_slice(&(n as u16).to_be_bytes());
    out.extend_from_slice(&((1u16 << pow) * 16).to_be_bytes());
    out.extend_from_slice(&(pow as u16).to_be_bytes());
    out.extend_from_slice(&((n as u16 - (1u16 << pow)) * 16).to_be_bytes());
    let mut at = 12 + 16 * n;
    let mut head_at = 0;
    for (tag, data) in &tables {
        out.extend_from_slice(tag);
        out.extend_from_slice(&checksum(data).to_be_bytes());
        out.extend_from_slice(&(at as u32).to_be_bytes());
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        if tag == b"head" {
            head_at = at;
        }
        at += data.len().div_ceil(4) * 4;
    }
    for (_, data) in &tables {
        out.extend_from_slice(data);
        while out.len() % 4 != 0 {
            out.push(0);
        }
    }
    let adjust = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
    out.get_mut(head_at + 8..head_at + 12)?
        .copy_from_slice(&adjust.to_be_bytes());
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_scale_with_size_and_match_times_metrics() {
        let f = Fonts::bundled().unwrap();
        // Times New Roman's space is 512/2048 em (0.25 em), its "A" 1479/2048.
        assert!((f.width(" ", Face::Regular, 12.0) - 3.0).abs() < 1e-4);
        let a = f.width("A", Face::Regular, 10.0);
        assert!((a - 1479.0 * 10.0 / 2048.0).abs() < 1e-3, "{a}");
        assert!(f.width("ĐẠT", Face::Bold, 14.0) > f.width("ĐẠT", Face::Regular, 14.0) - 1.0);
        assert!(
            (f.width("ab", Face::Italic, 20.0) - 2.0 * f.width("ab", Face::Italic, 10.0)).abs()
                < 1e-3
        );
    }

    #[test]
    fn a_font_without_hinting_keeps_its_outlines_and_widths() {
        for face in Face::ALL {
            let original = face.bytes();
            let stripped = without_hinting(original).unwrap();
            assert!(
                stripped.len() < original.len() * 3 / 4,
                "{face:?}: {} → {} bytes",
                original.len(),
                stripped.len()
            );
            let a = ttf_parser::Face::parse(original, 0).unwrap();
            let b = ttf_parser::Face::parse(&stripped, 0).unwrap();
            assert_eq!(a.number_of_glyphs(), b.number_of_glyphs());
            let tags: Vec<_> = b
                .raw_face()
                .table_records
                .into_iter()
                .map(|r| r.tag)
                .collect();
            for t in HINTING_TABLES {
                assert!(
                    !tags.contains(&ttf_parser::Tag::from_bytes(t)),
                    "{face:?} keeps {}",
                    String::from_utf8_lossy(t)
                );
            }
            for c in "AĐẶỮứơgộ…".chars() {
                let (ga, gb) = (a.glyph_index(c).unwrap(), b.glyph_index(c).unwrap());
                assert_eq!(a.glyph_hor_advance(ga), b.glyph_hor_advance(gb), "{c}");
                assert_eq!(a.glyph_bounding_box(ga), b.glyph_bounding_box(gb), "{c}");
                let (mut pa, mut pb) = (Path(Vec::new()), Path(Vec::new()));
                a.outline_glyph(ga, &mut pa);
                b.outline_glyph(gb, &mut pb);
                assert_eq!(pa.0, pb.0, "{face:?} {c}: the same outline");
            }
            // The whole file's checksum is the magic number, as the format asks.
            assert_eq!(checksum(&stripped), 0xB1B0_AFBA);
        }
    }

    struct Path(Vec<(char, i32, i32)>);

    impl ttf_parser::OutlineBuilder for Path {
        fn move_to(&mut self, x: f32, y: f32) {
            self.0.push(('M', x as i32, y as i32));
        }
        fn line_to(&mut self, x: f32, y: f32) {
            self.0.push(('L', x as i32, y as i32));
        }
        fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
            self.0.push(('Q', x1 as i32, y1 as i32));
            self.0.push(('q', x as i32, y as i32));
        }
        fn curve_to(&mut self, x1: f32, y1: f32, _: f32, _: f32, x: f32, y: f32) {
            self.0.push(('C', x1 as i32, y1 as i32));
            self.0.push(('c', x as i32, y as i32));
        }
        fn close(&mut self) {
            self.0.push(('Z', 0, 0));
        }
    }

    #[test]
    fn vietnamese_letters_have_glyphs_in_every_face() {
        let f = Fonts::bundled().unwrap();
        for face in Face::ALL {
            for c in "ẮẰẲẴẶắằẳẵặỆệỮữỰựđĐ≥≤–…“”".chars()
            {
                assert!(f.has_glyph(face, c), "{face:?} lacks {c}");
            }
        }
    }
}
