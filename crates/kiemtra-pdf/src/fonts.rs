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
