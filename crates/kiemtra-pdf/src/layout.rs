//! The layout model: documents are described as blocks (paragraphs, rules, tables, side-by-side
//! columns) and laid out into pages of positioned items (text runs and lines). Pure: no PDF
//! here, so wrapping, justification and page breaking are unit-tested on numbers.
//!
//! Coordinates are points (1/72 in). `x` runs right from the page's left edge and `y` runs
//! *down* from the page's top edge (a text run's `y` is its baseline); the renderer flips `y`.

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use crate::fonts::{Face, Fonts};

/// A4 portrait, in points.
pub const A4_WIDTH: f32 = 595.28;
pub const A4_HEIGHT: f32 = 841.89;

/// Millimetres to points.
pub fn mm(v: f32) -> f32 {
    v * 72.0 / 25.4
}

// ---------------------------------------------------------------------------------------------
// The output: pages of positioned items
// ---------------------------------------------------------------------------------------------

/// A run of text in one face and size, set from `x` on the baseline `y`.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    pub x: f32,
    /// Baseline, from the top of the page.
    pub y: f32,
    pub face: Face,
    pub size: f32,
    pub text: String,
    /// Extra space added after each space character (justification), in points.
    pub word_gap: f32,
    /// Grey level of the fill: 0 is black, 1 white.
    pub grey: f32,
    /// Rotation counter-clockwise about (x, y), in degrees.
    pub angle: f32,
}

/// A straight line.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    pub x1: f32,
    pub y1: f32,
    pub x2: f32,
    pub y2: f32,
    pub width: f32,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Text(TextRun),
    Rule(Rule),
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    pub items: Vec<Item>,
}

impl Page {
    pub fn runs(&self) -> impl Iterator<Item = &TextRun> {
        self.items.iter().filter_map(|i| match i {
            Item::Text(t) => Some(t),
            Item::Rule(_) => None,
        })
    }

    pub fn rules(&self) -> impl Iterator<Item = &Rule> {
        self.items.iter().filter_map(|i| match i {
            Item::Rule(r) => Some(r),
            Item::Text(_) => None,
        })
    }

    /// The page's text, one line per baseline (top to bottom, runs left to right): what a
    /// reader would see, for tests and snapshots.
    pub fn text(&self) -> String {
        let mut runs: Vec<&TextRun> = self.runs().filter(|r| r.angle == 0.0).collect();
        runs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
        let mut out = String::new();
        let mut last_y: Option<f32> = None;
        for r in runs {
            match last_y {
                Some(y) if (y - r.y).abs() < 0.5 => out.push(' '),
                Some(_) => out.push('\n'),
                None => {}
            }
            out.push_str(&r.text);
            last_y = Some(r.y);
        }
        out
    }
}

/// A laid-out document.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub width: f32,
    pub height: f32,
    pub pages: Vec<Page>,
}

// ---------------------------------------------------------------------------------------------
// The input: blocks
// ---------------------------------------------------------------------------------------------

/// A piece of text in one face.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub text: String,
    pub face: Face,
}

impl Span {
    pub fn new(text: impl Into<String>, face: Face) -> Self {
        Span {
            text: text.into(),
            face,
        }
    }
    pub fn regular(text: impl Into<String>) -> Self {
        Span::new(text, Face::Regular)
    }
    pub fn bold(text: impl Into<String>) -> Self {
        Span::new(text, Face::Bold)
    }
    pub fn italic(text: impl Into<String>) -> Self {
        Span::new(text, Face::Italic)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
    /// Both edges flush, the last line left-aligned.
    Justify,
}

/// A paragraph: wrapped at word boundaries, never split between its lines except at a page end
/// (and then never leaving a single line behind or alone on the next page).
#[derive(Debug, Clone, PartialEq)]
pub struct Para {
    pub spans: Vec<Span>,
    pub size: f32,
    pub align: Align,
    /// Indent of the first line (added to `left`).
    pub first_indent: f32,
    pub left: f32,
    pub right: f32,
    /// Line height as a multiple of the size.
    pub leading: f32,
    pub space_before: f32,
    pub space_after: f32,
    /// Never end a page between this block and the next one.
    pub keep_with_next: bool,
    /// Grey level of the text: 0 is black.
    pub grey: f32,
}

impl Para {
    pub fn new(spans: Vec<Span>, size: f32) -> Self {
        Para {
            spans,
            size,
            align: Align::Left,
            first_indent: 0.0,
            left: 0.0,
            right: 0.0,
            leading: 1.2,
            space_before: 0.0,
            space_after: 0.0,
            keep_with_next: false,
            grey: 0.0,
        }
    }
    pub fn align(mut self, a: Align) -> Self {
        self.align = a;
        self
    }
    pub fn indent(mut self, first: f32) -> Self {
        self.first_indent = first;
        self
    }
    pub fn margins(mut self, left: f32, right: f32) -> Self {
        self.left = left;
        self.right = right;
        self
    }
    pub fn leading(mut self, l: f32) -> Self {
        self.leading = l;
        self
    }
    pub fn space(mut self, before: f32, after: f32) -> Self {
        self.space_before = before;
        self.space_after = after;
        self
    }
    pub fn keep(mut self) -> Self {
        self.keep_with_next = true;
        self
    }
    pub fn grey(mut self, level: f32) -> Self {
        self.grey = level;
        self
    }
}

/// A table column: width in points and how its body cells are aligned.
#[derive(Debug, Clone, PartialEq)]
pub struct Col {
    pub width: f32,
    pub align: Align,
}

/// A table cell: its text, in the table's size unless `size` says otherwise.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub spans: Vec<Span>,
    pub size: Option<f32>,
    pub align: Option<Align>,
}

impl Cell {
    pub fn text(t: impl Into<String>) -> Self {
        Cell {
            spans: vec![Span::regular(t)],
            size: None,
            align: None,
        }
    }
    pub fn spans(spans: Vec<Span>) -> Self {
        Cell {
            spans,
            size: None,
            align: None,
        }
    }
    pub fn size(mut self, s: f32) -> Self {
        self.size = Some(s);
        self
    }
    pub fn align(mut self, a: Align) -> Self {
        self.align = Some(a);
        self
    }
}

/// A ruled table. Rows wrap; a row that does not fit is split between pages line by line, and
/// the header row is repeated at the top of each page the table continues on.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub cols: Vec<Col>,
    /// Set in bold and centred.
    pub header: Vec<Cell>,
    pub rows: Vec<Vec<Cell>>,
    pub size: f32,
    pub leading: f32,
    /// Inner padding of cells, in points.
    pub pad: f32,
    pub space_before: f32,
    pub space_after: f32,
}

impl Table {
    /// An annex table as every document sets it: 11 pt, the header's texts bold and centred,
    /// 2.5 pt cell padding, 6 pt after.
    pub fn annex(cols: Vec<Col>, header: &[&str], rows: Vec<Vec<Cell>>) -> Table {
        Table {
            cols,
            header: header.iter().map(|h| Cell::text(*h)).collect(),
            rows,
            size: 11.0,
            leading: 1.15,
            pad: 2.5,
            space_before: 0.0,
            space_after: 6.0,
        }
    }
}

/// One column of a [`Block::Columns`] row, `x` from the left margin.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub x: f32,
    pub width: f32,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Para(Para),
    /// A horizontal line of `length` points, placed in the available width per `align`,
    /// `gap` points below the previous block; the flow moves on by `gap + after`.
    Rule {
        length: f32,
        align: Align,
        thickness: f32,
        gap: f32,
        after: f32,
    },
    Table(Table),
    /// Blocks side by side, all starting at the same height, kept together on one page.
    /// Only paragraphs, rules and spaces inside.
    Columns {
        cols: Vec<Column>,
        keep_with_next: bool,
    },
    /// Vertical space; dropped at the top of a page.
    Space(f32),
    PageBreak,
    /// A page break after which pages are numbered again from 1: each annex of a document
    /// (Nghị định 30/2020/NĐ-CP, Phụ lục I: an annex's pages are numbered on their own).
    SectionBreak,
}

/// Page size and margins, in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Geometry {
    pub width: f32,
    pub height: f32,
    pub top: f32,
    pub bottom: f32,
    pub left: f32,
    pub right: f32,
}

impl Geometry {
    /// A4 with margins given in millimetres.
    pub fn a4_mm(top: f32, bottom: f32, left: f32, right: f32) -> Self {
        Geometry {
            width: A4_WIDTH,
            height: A4_HEIGHT,
            top: mm(top),
            bottom: mm(bottom),
            left: mm(left),
            right: mm(right),
        }
    }

    /// Width between the margins.
    pub fn text_width(&self) -> f32 {
        self.width - self.left - self.right
    }
}

/// How pages are numbered: from page `from` (1-based), centred in the top margin.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageNumbers {
    pub from: usize,
    pub size: f32,
}

// ---------------------------------------------------------------------------------------------
// Line breaking
// ---------------------------------------------------------------------------------------------

/// A word: pieces of text with no space between them (a word may change face mid-way).
#[derive(Debug, Clone, PartialEq)]
struct Word {
    frags: Vec<(Face, String)>,
    width: f32,
    /// Width of the space before this word (0 for the first word of a paragraph or a piece
    /// glued to the previous word).
    space: f32,
}

/// A laid-out line: words with their x offsets from the line's start.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// (x offset, face, text) of each piece, spaces included between words of one face.
    pub pieces: Vec<(f32, Face, String)>,
    /// Width without justification.
    pub natural: f32,
    /// Width the line is set in (after justification).
    pub width: f32,
    /// Spaces between words in the line.
    pub gaps: usize,
    /// Extra points added to each gap.
    pub word_gap: f32,
}

fn words(fonts: &Fonts, spans: &[Span], size: f32) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    let mut cur: Option<Word> = None;
    let mut pending_space: Option<Face> = None;
    for span in spans {
        // NFD marks would be set as separate zero-width glyphs that print beside the letter.
        let text: std::borrow::Cow<str> = if is_nfc_quick(span.text.chars()) == IsNormalized::Yes {
            std::borrow::Cow::Borrowed(span.text.as_str())
        } else {
            std::borrow::Cow::Owned(span.text.nfc().collect())
        };
        for c in text.chars() {
            if c.is_whitespace() && c != '\u{a0}' {
                if let Some(w) = cur.take() {
                    out.push(w);
                }
                pending_space = Some(span.face);
                continue;
            }
            let w = cur.get_or_insert_with(|| {
                let space = match pending_space.take() {
                    Some(f) if !out.is_empty() => fonts.char_width(' ', f, size),
                    _ => 0.0,
                };
                Word {
                    frags: Vec::new(),
                    width: 0.0,
                    space,
                }
            });
            match w.frags.last_mut() {
                Some((f, s)) if *f == span.face => s.push(c),
                _ => w.frags.push((span.face, c.to_string())),
            }
            w.width += fonts.char_width(c, span.face, size);
        }
    }
    if let Some(w) = cur {
        out.push(w);
    }
    out
}

fn is_dash(w: &Word) -> bool {
    matches!(
        w.frags.as_slice(),
        [(_, t)] if t == "-" || t == "–" || t == "—"
    )
}

/// Splits a word wider than `width` into pieces that fit (a file name or a hash in a narrow
/// column has no other break).
fn split_word(fonts: &Fonts, w: Word, width: f32, size: f32) -> Vec<Word> {
    let mut out = Vec::new();
    let mut cur = Word {
        frags: Vec::new(),
        width: 0.0,
        space: w.space,
    };
    for (face, text) in w.frags {
        for c in text.chars() {
            let cw = fonts.char_width(c, face, size);
            if cur.width + cw > width && !cur.frags.is_empty() {
                out.push(std::mem::replace(
                    &mut cur,
                    Word {
                        frags: Vec::new(),
                        width: 0.0,
                        space: 0.0,
                    },
                ));
            }
            match cur.frags.last_mut() {
                Some((f, s)) if *f == face => s.push(c),
                _ => cur.frags.push((face, c.to_string())),
            }
            cur.width += cw;
        }
    }
    if !cur.frags.is_empty() {
        out.push(cur);
    }
    out
}

/// Breaks `spans` into lines: the first `first_width` wide, the others `width` wide.
/// Greedy at word boundaries; with `justify`, every line but the last is stretched to its width.
pub fn break_lines(
    fonts: &Fonts,
    spans: &[Span],
    size: f32,
    first_width: f32,
    width: f32,
    justify: bool,
) -> Vec<Line> {
    let mut all = Vec::new();
    for w in words(fonts, spans, size) {
        if w.width > width.min(first_width) {
            all.extend(split_word(fonts, w, width.min(first_width), size));
        } else {
            all.push(w);
        }
    }
    let mut lines: Vec<Vec<Word>> = Vec::new();
    let mut cur: Vec<Word> = Vec::new();
    let mut cur_w = 0.0;
    for w in all {
        let avail = if lines.is_empty() { first_width } else { width };
        let add = if cur.is_empty() {
            w.width
        } else {
            w.space + w.width
        };
        // A little tolerance so a line measured exactly to the width is not broken by rounding.
        if !cur.is_empty() && cur_w + add > avail + 0.01 {
            // A dash standing alone never ends a line: it would read as a hyphenated word
            // (and pdftotext joins such lines dropping it). It moves down with the next word.
            let carry = if cur.len() >= 2 && cur.last().is_some_and(is_dash) {
                cur.pop()
            } else {
                None
            };
            lines.push(std::mem::take(&mut cur));
            cur_w = w.width;
            if let Some(mut d) = carry {
                d.space = 0.0;
                cur_w += d.width + w.space;
                cur.push(d);
            }
        } else {
            cur_w += add;
        }
        cur.push(w);
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    let n = lines.len();
    lines
        .into_iter()
        .enumerate()
        .map(|(i, ws)| {
            let avail = if i == 0 { first_width } else { width };
            let gaps = ws.iter().skip(1).filter(|w| w.space > 0.0).count();
            let natural: f32 = ws
                .iter()
                .enumerate()
                .map(|(j, w)| if j == 0 { w.width } else { w.space + w.width })
                .sum();
            let word_gap = if justify && i + 1 < n && gaps > 0 {
                ((avail - natural) / gaps as f32).max(0.0)
            } else {
                0.0
            };
            let mut pieces: Vec<(f32, Face, String)> = Vec::new();
            let mut x = 0.0;
            for (j, w) in ws.into_iter().enumerate() {
                let gap = if j == 0 {
                    0.0
                } else if w.space > 0.0 {
                    w.space + word_gap
                } else {
                    0.0
                };
                for (k, (face, text)) in w.frags.into_iter().enumerate() {
                    let fw = fonts.width(&text, face, size);
                    let sep = if k == 0 && gap > 0.0 { " " } else { "" };
                    match pieces.last_mut() {
                        // Same face continues the piece; the space is kept inside it.
                        Some((_, f, s)) if *f == face => {
                            s.push_str(sep);
                            s.push_str(&text);
                        }
                        _ => pieces.push((if k == 0 { x + gap } else { x }, face, text)),
                    }
                    x += if k == 0 { gap + fw } else { fw };
                }
            }
            Line {
                pieces,
                natural,
                width: natural + word_gap * gaps as f32,
                gaps,
                word_gap,
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// The flow
// ---------------------------------------------------------------------------------------------

/// Vertical placement of a line of `size` points in a line box of `leading × size`: the
/// baseline sits half the extra leading below the box's top plus the ascent.
fn baseline_offset(fonts: &Fonts, size: f32, leading: f32) -> f32 {
    let asc = fonts.ascent(Face::Regular, size);
    let desc = fonts.descent(Face::Regular, size);
    (size * leading - (asc + desc)) / 2.0 + asc
}

/// Positioned lines of a paragraph, relative to (left, top of its first line box).
struct SetPara {
    lines: Vec<Line>,
    line_h: f32,
    base: f32,
    /// x of each line from the paragraph box's left edge.
    xs: Vec<f32>,
}

fn set_para(fonts: &Fonts, p: &Para, box_width: f32) -> SetPara {
    let width = (box_width - p.left - p.right).max(1.0);
    let first = (width - p.first_indent).max(1.0);
    let lines = break_lines(
        fonts,
        &p.spans,
        p.size,
        first,
        width,
        p.align == Align::Justify,
    );
    let xs = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let (start, avail) = if i == 0 {
                (p.left + p.first_indent, first)
            } else {
                (p.left, width)
            };
            match p.align {
                Align::Left | Align::Justify => start,
                Align::Center => start + (avail - l.width) / 2.0,
                Align::Right => start + avail - l.width,
            }
        })
        .collect();
    SetPara {
        lines,
        line_h: p.size * p.leading,
        base: baseline_offset(fonts, p.size, p.leading),
        xs,
    }
}

fn emit_line(items: &mut Vec<Item>, line: &Line, x: f32, baseline: f32, size: f32, grey: f32) {
    for (dx, face, text) in &line.pieces {
        items.push(Item::Text(TextRun {
            x: x + dx,
            y: baseline,
            face: *face,
            size,
            text: text.clone(),
            word_gap: line.word_gap,
            grey,
            angle: 0.0,
        }));
    }
}

/// A table row broken into lines per cell.
struct SetRow {
    cells: Vec<(SetPara, f32)>, // (lines, size)
    header: bool,
}

impl SetRow {
    fn lines(&self) -> usize {
        self.cells
            .iter()
            .map(|(c, _)| c.lines.len())
            .max()
            .unwrap_or(0)
    }
    /// Height of lines `from..to` of the row, with padding.
    fn height(&self, from: usize, to: usize, pad: f32) -> f32 {
        self.cells
            .iter()
            .map(|(c, _)| {
                let n = c.lines.len().min(to).saturating_sub(from);
                n as f32 * c.line_h
            })
            .fold(0.0, f32::max)
            + 2.0 * pad
    }
}

struct Flow<'f> {
    fonts: &'f Fonts,
    geo: Geometry,
    pages: Vec<Page>,
    y: f32,
    /// Indexes of the pages where numbering starts again at 1 ([`Block::SectionBreak`]).
    restarts: Vec<usize>,
}

impl<'f> Flow<'f> {
    fn limit(&self) -> f32 {
        self.geo.height - self.geo.bottom
    }
    fn at_top(&self) -> bool {
        (self.y - self.geo.top).abs() < 0.01
    }
    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = self.geo.top;
    }
    fn items(&mut self) -> &mut Vec<Item> {
        if self.pages.is_empty() {
            self.pages.push(Page::default());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last].items
    }
    fn space(&mut self, pts: f32) {
        if !self.at_top() {
            self.y += pts;
        }
    }

    /// Height a block needs to start on a page: all of it if it must stay whole, else its
    /// first two lines (the least a paragraph may leave at a page end).
    fn min_start(&self, b: &Block) -> f32 {
        let w = self.geo.text_width();
        match b {
            Block::Para(p) => {
                let s = set_para(self.fonts, p, w);
                p.space_before + s.lines.len().min(2) as f32 * s.line_h
            }
            Block::Table(t) => {
                let rows = self.set_rows(t);
                let head = rows.first().map_or(0.0, |r| {
                    if r.header {
                        r.height(0, usize::MAX, t.pad)
                    } else {
                        0.0
                    }
                });
                let first = rows
                    .iter()
                    .find(|r| !r.header)
                    .map_or(0.0, |r| r.height(0, 2, t.pad));
                t.space_before + head + first
            }
            Block::Columns { cols, .. } => self.columns_height(cols),
            Block::Rule { gap, after, .. } => gap + after,
            Block::Space(_) | Block::PageBreak | Block::SectionBreak => 0.0,
        }
    }

    /// Full height of a block placed on an endless page.
    fn height(&self, b: &Block) -> f32 {
        let w = self.geo.text_width();
        match b {
            Block::Para(p) => {
                let s = set_para(self.fonts, p, w);
                p.space_before + s.lines.len() as f32 * s.line_h + p.space_after
            }
            Block::Columns { cols, .. } => self.columns_height(cols),
            Block::Rule { gap, after, .. } => gap + after,
            Block::Space(s) => *s,
            Block::Table(_) | Block::PageBreak | Block::SectionBreak => self.min_start(b),
        }
    }

    fn run(&mut self, blocks: &[Block]) {
        self.new_page();
        for (i, b) in blocks.iter().enumerate() {
            if keeps(b) && !self.at_top() {
                // The chain of kept blocks and the start of the block after it must fit.
                let mut need = 0.0;
                let mut j = i;
                while j < blocks.len() && keeps(&blocks[j]) {
                    need += self.height(&blocks[j]);
                    j += 1;
                }
                if let Some(next) = blocks.get(j) {
                    need += self.min_start(next);
                }
                let page_h = self.limit() - self.geo.top;
                if self.y + need > self.limit() + 0.01 && need <= page_h {
                    self.new_page();
                }
            }
            match b {
                Block::Para(p) => self.para(p),
                Block::Rule {
                    length,
                    align,
                    thickness,
                    gap,
                    after,
                } => {
                    let x0 = self.geo.left;
                    let w = self.geo.text_width();
                    let y = self.y + gap;
                    let rule = rule_at(x0, w, *length, *align, y, *thickness);
                    self.items().push(Item::Rule(rule));
                    self.y = y + after;
                }
                Block::Table(t) => self.table(t),
                Block::Columns { cols, .. } => self.columns(cols),
                Block::Space(s) => self.space(*s),
                Block::PageBreak => {
                    if !self.at_top() {
                        self.new_page();
                    }
                }
                Block::SectionBreak => {
                    if !self.at_top() {
                        self.new_page();
                    }
                    let here = self.pages.len().saturating_sub(1);
                    if self.restarts.last() != Some(&here) {
                        self.restarts.push(here);
                    }
                }
            }
        }
    }

    fn para(&mut self, p: &Para) {
        let s = set_para(self.fonts, p, self.geo.text_width());
        self.space(p.space_before);
        let n = s.lines.len();
        let mut i = 0;
        while i < n {
            let room = ((self.limit() - self.y + 0.01) / s.line_h).floor().max(0.0) as usize;
            let mut take = room.min(n - i);
            if take < n - i {
                // No single line left at the page end, none carried alone to the next page.
                if take == 1 && n - i >= 2 {
                    take = 0;
                } else if n - i - take == 1 && take >= 2 {
                    take -= 1;
                }
            }
            if take == 0 {
                if self.at_top() {
                    take = 1; // a line taller than the page: place it anyway
                } else {
                    self.new_page();
                    continue;
                }
            }
            let left = self.geo.left;
            for k in i..i + take {
                let base = self.y + s.base;
                let size = p.size;
                let (line, x) = (&s.lines[k], left + s.xs[k]);
                emit_line(self.items(), line, x, base, size, p.grey);
                self.y += s.line_h;
            }
            i += take;
            if i < n {
                self.new_page();
            }
        }
        self.y += p.space_after;
    }

    fn set_rows(&self, t: &Table) -> Vec<SetRow> {
        let set = |cells: &[Cell], header: bool| SetRow {
            header,
            cells: t
                .cols
                .iter()
                .enumerate()
                .map(|(i, col)| {
                    let cell = cells.get(i);
                    let size = cell.and_then(|c| c.size).unwrap_or(t.size);
                    let align = if header {
                        Align::Center
                    } else {
                        cell.and_then(|c| c.align).unwrap_or(col.align)
                    };
                    let spans: Vec<Span> = cell
                        .map(|c| {
                            c.spans
                                .iter()
                                .map(|s| Span {
                                    text: s.text.clone(),
                                    face: if header { Face::Bold } else { s.face },
                                })
                                .collect()
                        })
                        .unwrap_or_default();
                    let mut p = Para::new(spans, size).align(align).leading(t.leading);
                    p.left = t.pad;
                    p.right = t.pad;
                    (set_para(self.fonts, &p, col.width), size)
                })
                .collect(),
        };
        let mut rows = Vec::with_capacity(t.rows.len() + 1);
        if !t.header.is_empty() {
            rows.push(set(&t.header, true));
        }
        rows.extend(t.rows.iter().map(|r| set(r, false)));
        rows
    }

    /// Places lines `from..to` of `row` at the current y, with its borders.
    fn place_row_part(&mut self, t: &Table, row: &SetRow, from: usize, to: usize, top_rule: bool) {
        let h = row.height(from, to, t.pad);
        let x0 = self.geo.left;
        let y0 = self.y;
        let mut x = x0;
        let mut items = Vec::new();
        for ((cell, size), col) in row.cells.iter().zip(&t.cols) {
            let part_h = cell.lines.len().min(to).saturating_sub(from) as f32 * cell.line_h;
            // Header cells are centred vertically; body cells hang from the top.
            let dy = if row.header {
                (h - 2.0 * t.pad - part_h) / 2.0
            } else {
                0.0
            };
            for (k, line) in cell.lines.iter().enumerate().take(to).skip(from) {
                let base = y0 + t.pad + dy + (k - from) as f32 * cell.line_h + cell.base;
                emit_line(&mut items, line, x + cell.xs[k], base, *size, 0.0);
            }
            x += col.width;
        }
        let x1 = x;
        let lw = 0.5;
        if top_rule {
            items.push(Item::Rule(Rule {
                x1: x0,
                y1: y0,
                x2: x1,
                y2: y0,
                width: lw,
            }));
        }
        items.push(Item::Rule(Rule {
            x1: x0,
            y1: y0 + h,
            x2: x1,
            y2: y0 + h,
            width: lw,
        }));
        let mut xv = x0;
        for (i, col) in t.cols.iter().enumerate() {
            if i == 0 {
                items.push(Item::Rule(Rule {
                    x1: xv,
                    y1: y0,
                    x2: xv,
                    y2: y0 + h,
                    width: lw,
                }));
            }
            xv += col.width;
            items.push(Item::Rule(Rule {
                x1: xv,
                y1: y0,
                x2: xv,
                y2: y0 + h,
                width: lw,
            }));
        }
        self.items().extend(items);
        self.y += h;
    }

    fn table(&mut self, t: &Table) {
        let rows = self.set_rows(t);
        let (header, body): (Vec<&SetRow>, Vec<&SetRow>) = rows.iter().partition(|r| r.header);
        let header = header.first().copied();
        let head_h = header.map_or(0.0, |h| h.height(0, usize::MAX, t.pad));
        self.space(t.space_before);
        // The header never ends a page alone.
        let first_h = body.first().map_or(0.0, |r| r.height(0, 2, t.pad));
        if self.y + head_h + first_h > self.limit() && !self.at_top() {
            self.new_page();
        }
        let mut page_top = true;
        if let Some(h) = header {
            self.place_row_part(t, h, 0, usize::MAX, true);
            page_top = false;
        }
        // Nothing of the body placed yet on this page: a row that cannot fit here will not
        // fit better on the next one, so it is split rather than moved.
        let mut fresh = true;
        for row in body {
            let n = row.lines();
            let mut from = 0;
            loop {
                let whole = row.height(from, n, t.pad);
                if self.y + whole <= self.limit() + 0.01 || n == 0 {
                    self.place_row_part(t, row, from, n, page_top);
                    page_top = false;
                    fresh = false;
                    break;
                }
                // Split: as many lines as fit, two at least on each side where possible.
                let line_h = row
                    .cells
                    .iter()
                    .map(|(c, _)| c.line_h)
                    .fold(0.0, f32::max)
                    .max(0.01);
                let room = ((self.limit() - self.y - 2.0 * t.pad + 0.01) / line_h).floor();
                let left = n - from;
                let mut take = (room.max(0.0) as usize).min(left - 1);
                if left - take == 1 && take >= 3 {
                    take -= 1;
                }
                if fresh && take == 0 {
                    take = 1; // a line taller than the page: place it anyway
                }
                if take >= 2 || (take >= 1 && fresh) {
                    self.place_row_part(t, row, from, from + take, page_top);
                    from += take;
                }
                self.new_page();
                page_top = true;
                fresh = true;
                if let Some(h) = header {
                    self.place_row_part(t, h, 0, usize::MAX, true);
                    page_top = false;
                }
            }
        }
        self.y += t.space_after;
    }

    /// Each column's downward shift that puts all first baselines level, and the height.
    fn columns_plan(&self, cols: &[Column]) -> (Vec<f32>, f32) {
        let measured: Vec<(f32, Option<f32>)> = cols
            .iter()
            .map(|c| {
                let mut items = Vec::new();
                let h = place_in_box(self.fonts, &mut items, 0.0, 0.0, c.width, &c.blocks);
                let first = items.iter().find_map(|i| match i {
                    Item::Text(t) => Some(t.y),
                    Item::Rule(_) => None,
                });
                (h, first)
            })
            .collect();
        let top = measured.iter().filter_map(|m| m.1).fold(0.0, f32::max);
        let shifts: Vec<f32> = measured
            .iter()
            .map(|(_, first)| first.map_or(0.0, |f| top - f))
            .collect();
        let h = measured
            .iter()
            .zip(&shifts)
            .map(|((h, _), s)| h + s)
            .fold(0.0, f32::max);
        (shifts, h)
    }

    fn columns_height(&self, cols: &[Column]) -> f32 {
        self.columns_plan(cols).1
    }

    fn columns(&mut self, cols: &[Column]) {
        let (shifts, h) = self.columns_plan(cols);
        if self.y + h > self.limit() + 0.01 && !self.at_top() {
            self.new_page();
        }
        let y = self.y;
        let left = self.geo.left;
        let mut items = Vec::new();
        for (c, shift) in cols.iter().zip(shifts) {
            place_in_box(
                self.fonts,
                &mut items,
                left + c.x,
                y + shift,
                c.width,
                &c.blocks,
            );
        }
        self.items().extend(items);
        self.y = y + h;
    }
}

fn keeps(b: &Block) -> bool {
    match b {
        Block::Para(p) => p.keep_with_next,
        Block::Columns { keep_with_next, .. } => *keep_with_next,
        _ => false,
    }
}

fn rule_at(x0: f32, width: f32, length: f32, align: Align, y: f32, thickness: f32) -> Rule {
    let x1 = match align {
        Align::Left | Align::Justify => x0,
        Align::Center => x0 + (width - length) / 2.0,
        Align::Right => x0 + width - length,
    };
    Rule {
        x1,
        y1: y,
        x2: x1 + length,
        y2: y,
        width: thickness,
    }
}

/// Lays paragraphs, rules and spaces into a box of `width` from (x, y) with no page breaks;
/// returns the height used.
fn place_in_box(
    fonts: &Fonts,
    items: &mut Vec<Item>,
    x: f32,
    y0: f32,
    width: f32,
    blocks: &[Block],
) -> f32 {
    let mut y = y0;
    for b in blocks {
        match b {
            Block::Para(p) => {
                let s = set_para(fonts, p, width);
                y += p.space_before;
                for (line, lx) in s.lines.iter().zip(&s.xs) {
                    emit_line(items, line, x + lx, y + s.base, p.size, p.grey);
                    y += s.line_h;
                }
                y += p.space_after;
            }
            Block::Rule {
                length,
                align,
                thickness,
                gap,
                after,
            } => {
                items.push(Item::Rule(rule_at(
                    x,
                    width,
                    *length,
                    *align,
                    y + gap,
                    *thickness,
                )));
                y += gap + after;
            }
            Block::Space(s) => y += s,
            Block::Table(_) | Block::Columns { .. } | Block::PageBreak | Block::SectionBreak => {}
        }
    }
    y - y0
}

/// Lays `blocks` out on pages of `geo`, numbering pages per `numbers`.
pub fn layout(
    fonts: &Fonts,
    geo: Geometry,
    blocks: &[Block],
    numbers: Option<PageNumbers>,
) -> Layout {
    let mut flow = Flow {
        fonts,
        geo,
        pages: Vec::new(),
        y: geo.top,
        restarts: Vec::new(),
    };
    flow.run(blocks);
    let restarts = flow.restarts;
    let mut pages = flow.pages;
    // A page break at the very end leaves an empty page that nobody wants printed.
    while pages.len() > 1 && pages.last().is_some_and(|p| p.items.is_empty()) {
        pages.pop();
    }
    if pages.is_empty() {
        pages.push(Page::default());
    }
    if let Some(n) = numbers {
        for (i, page) in pages.iter_mut().enumerate() {
            // Pages count from the last restart at or before this page (an annex), else from
            // the first page.
            let start = restarts
                .iter()
                .rev()
                .find(|r| **r <= i)
                .copied()
                .unwrap_or(0);
            let number = i - start + 1;
            if number < n.from.max(1) {
                continue;
            }
            let text = number.to_string();
            let w = fonts.width(&text, Face::Regular, n.size);
            // Centred over the text area, the digits' middle at the middle of the top margin.
            let cap = fonts.ascent(Face::Regular, n.size) * 0.75;
            page.items.push(Item::Text(TextRun {
                x: geo.left + (geo.text_width() - w) / 2.0,
                y: geo.top / 2.0 + cap / 2.0,
                face: Face::Regular,
                size: n.size,
                text,
                word_gap: 0.0,
                grey: 0.0,
                angle: 0.0,
            }));
        }
    }
    Layout {
        width: geo.width,
        height: geo.height,
        pages,
    }
}

/// Adds `text` across the middle of every page, along the diagonal from bottom left to top
/// right, in light grey, beneath the page's other items.
pub fn add_watermark(fonts: &Fonts, layout: &mut Layout, text: &str, size: f32, grey: f32) {
    let face = Face::Bold;
    let w = fonts.width(text, face, size);
    let angle = layout.height.atan2(layout.width);
    let (sin, cos) = angle.sin_cos();
    let cap = fonts.ascent(face, size) * 0.75;
    let (cx, cy) = (layout.width / 2.0, layout.height / 2.0);
    // Start so the run's middle (half its width along, half its cap height across) is the
    // page centre. Down the page is +y here, so "up along the text" is -y.
    let x = cx - w / 2.0 * cos + cap / 2.0 * sin;
    let y = cy + w / 2.0 * sin + cap / 2.0 * cos;
    for page in &mut layout.pages {
        page.items.insert(
            0,
            Item::Text(TextRun {
                x,
                y,
                face,
                size,
                text: text.to_string(),
                word_gap: 0.0,
                grey,
                angle: angle.to_degrees(),
            }),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fonts() -> &'static Fonts {
        Fonts::bundled().unwrap()
    }

    const LOREM: &str = "Cải cách hành chính là một trong những nhiệm vụ trọng tâm của tỉnh; \
        các cơ quan, đơn vị phải thực hiện nghiêm túc kế hoạch, báo cáo đúng hạn và công khai \
        thủ tục hành chính trên Cổng dịch vụ công trực tuyến để người dân, doanh nghiệp tra cứu.";

    fn geo() -> Geometry {
        Geometry::a4_mm(20.0, 20.0, 30.0, 15.0)
    }

    fn para(text: &str) -> Para {
        Para::new(vec![Span::regular(text)], 14.0)
            .align(Align::Justify)
            .indent(mm(10.0))
            .leading(1.2)
            .space(0.0, 6.0)
    }

    #[test]
    fn lines_never_exceed_their_width_and_keep_every_word() {
        let f = fonts();
        for width in [120.0, 200.0, 467.0] {
            let lines = break_lines(f, &[Span::regular(LOREM)], 14.0, width - 28.0, width, false);
            assert!(lines.len() > 1);
            for (i, l) in lines.iter().enumerate() {
                let avail = if i == 0 { width - 28.0 } else { width };
                assert!(
                    l.natural <= avail + 0.01,
                    "line {i} is {} wide in {avail}",
                    l.natural
                );
            }
            let joined: Vec<String> = lines
                .iter()
                .map(|l| {
                    l.pieces
                        .iter()
                        .map(|p| p.2.as_str())
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .collect();
            assert_eq!(
                joined.join(" "),
                LOREM.split_whitespace().collect::<Vec<_>>().join(" ")
            );
        }
    }

    #[test]
    fn a_line_breaks_before_the_word_that_would_overflow() {
        let f = fonts();
        let w = f.width("một hai", Face::Regular, 14.0);
        let lines = break_lines(
            f,
            &[Span::regular("một hai ba")],
            14.0,
            w + 0.5,
            w + 0.5,
            false,
        );
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].pieces[0].2, "một hai");
        assert_eq!(lines[1].pieces[0].2, "ba");
    }

    #[test]
    fn justified_lines_fill_the_width_except_the_last() {
        let f = fonts();
        let width = 300.0;
        let lines = break_lines(f, &[Span::regular(LOREM)], 14.0, width, width, true);
        let (last, rest) = lines.split_last().unwrap();
        for l in rest {
            assert!(
                (l.width - width).abs() < 0.01,
                "justified width {}",
                l.width
            );
            assert!(l.word_gap >= 0.0);
            assert!((l.natural + l.word_gap * l.gaps as f32 - width).abs() < 0.01);
        }
        assert_eq!(last.word_gap, 0.0, "the last line stays ragged");
        assert!(last.width <= width);
    }

    #[test]
    fn mixed_faces_keep_their_pieces_and_positions() {
        let f = fonts();
        let spans = [
            Span::bold("Ưu điểm:"),
            Span::regular(" đã ban hành kế hoạch"),
        ];
        let lines = break_lines(f, &spans, 14.0, 400.0, 400.0, false);
        assert_eq!(lines.len(), 1);
        let p = &lines[0].pieces;
        assert_eq!(p[0].1, Face::Bold);
        assert_eq!(p[1].1, Face::Regular);
        let expected = f.width("Ưu điểm:", Face::Bold, 14.0) + f.width(" ", Face::Regular, 14.0);
        assert!((p[1].0 - expected).abs() < 0.01);
    }

    #[test]
    fn decomposed_text_is_set_as_precomposed_letters() {
        let f = fonts();
        let nfd = "Thua\u{0323}\u{0302}n Tha\u{0300}nh"; // "Thuận Thành" as macOS file names spell it
        let lines = break_lines(f, &[Span::regular(nfd)], 14.0, 400.0, 400.0, false);
        assert_eq!(lines[0].pieces[0].2, "Thuận Thành");
        assert_eq!(
            lines[0].natural,
            f.width("Thuận Thành", Face::Regular, 14.0)
        );
    }

    #[test]
    fn a_dash_moves_to_the_next_line_with_the_word_after_it() {
        let f = fonts();
        let w = f.width("Sở Nội vụ -", Face::Regular, 14.0);
        let lines = break_lines(
            f,
            &[Span::regular("Sở Nội vụ - Trưởng đoàn")],
            14.0,
            w + 1.0,
            400.0,
            false,
        );
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].pieces[0].2, "Sở Nội vụ");
        assert_eq!(lines[1].pieces[0].2, "- Trưởng đoàn");
        assert!((lines[1].natural - f.width("- Trưởng đoàn", Face::Regular, 14.0)).abs() < 0.01);
    }

    #[test]
    fn a_word_wider_than_the_column_is_cut_to_fit() {
        let f = fonts();
        let hash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
        let lines = break_lines(f, &[Span::regular(hash)], 7.0, 60.0, 60.0, false);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| l.natural <= 60.01));
        let back: String = lines.iter().map(|l| l.pieces[0].2.clone()).collect();
        assert_eq!(back, hash);
    }

    #[test]
    fn paragraphs_flow_onto_new_pages_with_the_first_line_indented() {
        let f = fonts();
        let blocks: Vec<Block> = (0..40).map(|_| Block::Para(para(LOREM))).collect();
        let l = layout(f, geo(), &blocks, None);
        assert!(l.pages.len() >= 3, "{} pages", l.pages.len());
        let g = geo();
        for page in &l.pages {
            for r in page.runs() {
                assert!(r.y <= g.height - g.bottom, "text below the bottom margin");
                assert!(
                    r.y - 0.9 * r.size > g.top - 0.01,
                    "text above the top margin"
                );
                assert!(r.x >= g.left - 0.01);
            }
        }
        let first = l.pages[0].runs().next().unwrap();
        assert!(
            (first.x - (g.left + mm(10.0))).abs() < 0.01,
            "first line indented 1 cm"
        );
    }

    #[test]
    fn no_line_is_left_alone_at_a_page_end_or_start() {
        let f = fonts();
        let g = geo();
        // Fill the page so that exactly one line of a four-line paragraph would fit.
        let line_h = 14.0 * 1.2;
        let free = g.height - g.bottom - g.top;
        let filler = free - line_h * 1.5;
        let blocks = vec![Block::Space(0.0), spacer(filler), Block::Para(para(LOREM))];
        let l = layout(f, g, &blocks, None);
        assert_eq!(l.pages.len(), 2);
        assert_eq!(
            l.pages[0].runs().count(),
            0,
            "the orphan line moved with its paragraph"
        );
    }

    fn spacer(h: f32) -> Block {
        // A space at the top of a page is dropped, so fill with a rule-only block instead.
        Block::Rule {
            length: 0.0,
            align: Align::Left,
            thickness: 0.0,
            gap: 0.0,
            after: h,
        }
    }

    #[test]
    fn a_heading_is_kept_with_the_paragraph_after_it() {
        let f = fonts();
        let g = geo();
        let free = g.height - g.bottom - g.top;
        let heading = Para::new(vec![Span::bold("II. KẾT LUẬN")], 14.0).keep();
        let blocks = vec![
            spacer(free - 14.0 * 1.2 * 1.5),
            Block::Para(heading),
            Block::Para(para(LOREM)),
        ];
        let l = layout(f, g, &blocks, None);
        assert_eq!(l.pages.len(), 2);
        assert!(!l.pages[0].text().contains("KẾT LUẬN"));
        assert!(l.pages[1].text().starts_with("II. KẾT LUẬN"));
    }

    fn table(rows: usize, cell: &str) -> Table {
        Table {
            cols: vec![
                Col {
                    width: mm(10.0),
                    align: Align::Center,
                },
                Col {
                    width: mm(100.0),
                    align: Align::Justify,
                },
                Col {
                    width: mm(55.0),
                    align: Align::Left,
                },
            ],
            header: vec![
                Cell::text("TT"),
                Cell::text("Nội dung"),
                Cell::text("Kết quả"),
            ],
            rows: (0..rows)
                .map(|i| {
                    vec![
                        Cell::text((i + 1).to_string()),
                        Cell::text(cell),
                        Cell::text("Đạt"),
                    ]
                })
                .collect(),
            size: 12.0,
            leading: 1.15,
            pad: 3.0,
            space_before: 6.0,
            space_after: 6.0,
        }
    }

    #[test]
    fn table_rows_wrap_and_the_header_repeats_on_each_page() {
        let f = fonts();
        let l = layout(f, geo(), &[Block::Table(table(30, LOREM))], None);
        assert!(l.pages.len() >= 2);
        for (i, p) in l.pages.iter().enumerate() {
            let text = p.text();
            assert!(
                text.starts_with("TT Nội dung Kết quả"),
                "page {}: {text}",
                i + 1
            );
        }
        let all: String = l
            .pages
            .iter()
            .map(Page::text)
            .collect::<Vec<_>>()
            .join("\n");
        for i in 1..=30 {
            assert!(all.contains(&format!("\n{i} ")), "row {i} printed");
        }
    }

    #[test]
    fn a_row_taller_than_the_space_left_is_split_between_pages() {
        let f = fonts();
        let g = geo();
        let long = std::iter::repeat_n(LOREM, 12).collect::<Vec<_>>().join(" ");
        let free = g.height - g.bottom - g.top;
        let blocks = vec![spacer(free / 2.0), Block::Table(table(1, &long))];
        let l = layout(f, g, &blocks, None);
        assert_eq!(
            l.pages.len(),
            2,
            "the row starts on page 1 and ends on page 2"
        );
        assert!(l.pages[0].text().contains("Cải cách"));
        let p2 = l.pages[1].text();
        assert!(
            p2.starts_with("TT Nội dung Kết quả"),
            "header repeated: {p2}"
        );
        assert!(p2.contains("tra cứu."));
        // Every line of the cell is somewhere, exactly once.
        let words: usize = l
            .pages
            .iter()
            .flat_map(|p| p.runs())
            .filter(|r| r.face == Face::Regular)
            .map(|r| r.text.split_whitespace().count())
            .sum();
        assert_eq!(words, long.split_whitespace().count() + 2);
        // Borders of the split parts stay inside the page.
        for p in &l.pages {
            for r in p.rules() {
                assert!(r.y2 <= g.height - g.bottom + 0.01);
            }
        }
    }

    #[test]
    fn columns_start_level_and_stay_together() {
        let f = fonts();
        let g = geo();
        let cols = vec![
            Column {
                x: 0.0,
                width: 200.0,
                blocks: vec![Block::Para(Para::new(
                    vec![Span::new("Nơi nhận:", Face::BoldItalic)],
                    12.0,
                ))],
            },
            Column {
                x: 220.0,
                width: 240.0,
                blocks: vec![
                    Block::Para(
                        Para::new(vec![Span::bold("KT. GIÁM ĐỐC")], 14.0).align(Align::Center),
                    ),
                    Block::Para(
                        Para::new(vec![Span::bold("PHÓ GIÁM ĐỐC")], 14.0).align(Align::Center),
                    ),
                ],
            },
        ];
        let free = g.height - g.bottom - g.top;
        let blocks = vec![
            spacer(free - 20.0),
            Block::Columns {
                cols,
                keep_with_next: false,
            },
        ];
        let l = layout(f, g, &blocks, None);
        assert_eq!(l.pages.len(), 2, "moved whole to the next page");
        let runs: Vec<&TextRun> = l.pages[1].runs().collect();
        let noi = runs.iter().find(|r| r.text == "Nơi nhận:").unwrap();
        let kt = runs.iter().find(|r| r.text == "KT. GIÁM ĐỐC").unwrap();
        assert!((noi.y - kt.y).abs() < 1.5, "level: {} vs {}", noi.y, kt.y);
        let w = f.width("KT. GIÁM ĐỐC", Face::Bold, 14.0);
        assert!(
            (kt.x - (g.left + 220.0 + (240.0 - w) / 2.0)).abs() < 0.01,
            "centred in its column"
        );
    }

    #[test]
    fn page_numbers_start_on_page_two_centred_in_the_top_margin() {
        let f = fonts();
        let g = geo();
        let blocks: Vec<Block> = (0..3)
            .flat_map(|_| [Block::Para(para("Trang")), Block::PageBreak])
            .collect();
        let numbers = PageNumbers {
            from: 2,
            size: 13.0,
        };
        let l = layout(f, g, &blocks, Some(numbers));
        assert_eq!(l.pages.len(), 3);
        let number = |p: &Page| p.runs().find(|r| r.y < g.top).map(|r| r.text.clone());
        assert_eq!(number(&l.pages[0]), None);
        assert_eq!(number(&l.pages[1]).as_deref(), Some("2"));
        assert_eq!(number(&l.pages[2]).as_deref(), Some("3"));
        let r = l.pages[1].runs().find(|r| r.text == "2").unwrap();
        let mid = r.x + f.width("2", Face::Regular, 13.0) / 2.0;
        assert!((mid - (g.left + g.text_width() / 2.0)).abs() < 0.01);
        assert!(r.y > 0.0 && r.y < g.top);
    }

    #[test]
    fn an_annex_numbers_its_own_pages_from_one() {
        let f = fonts();
        let g = geo();
        let long = || (0..40).map(|_| Block::Para(para(LOREM)));
        let blocks: Vec<Block> = long()
            .chain([Block::SectionBreak])
            .chain(long())
            .chain([Block::SectionBreak, Block::Para(para("Phụ lục II"))])
            .collect();
        let numbers = PageNumbers {
            from: 2,
            size: 13.0,
        };
        let l = layout(f, g, &blocks, Some(numbers));
        let number = |p: &Page| p.runs().find(|r| r.y < g.top).map(|r| r.text.clone());
        let got: Vec<Option<String>> = l.pages.iter().map(number).collect();
        let body = got
            .iter()
            .position(|n| n.is_none() && got[0].is_none())
            .unwrap();
        assert_eq!(body, 0);
        let starts: Vec<usize> = got
            .iter()
            .enumerate()
            .filter(|(_, n)| n.is_none())
            .map(|(i, _)| i)
            .collect();
        assert_eq!(
            starts.len(),
            3,
            "the body and each annex start unnumbered: {got:?}"
        );
        for (k, s) in starts.iter().enumerate() {
            let end = starts.get(k + 1).copied().unwrap_or(got.len());
            for (j, n) in got[*s + 1..end].iter().enumerate() {
                assert_eq!(n.as_deref(), Some((j + 2).to_string().as_str()), "{got:?}");
            }
        }
        assert!(got.len() > 3, "the long texts span pages: {got:?}");
    }

    #[test]
    fn the_watermark_crosses_the_page_centre_on_every_page() {
        let f = fonts();
        let mut l = layout(
            f,
            geo(),
            &[
                Block::Para(para(LOREM)),
                Block::PageBreak,
                Block::Para(para("x")),
            ],
            None,
        );
        add_watermark(f, &mut l, "DỰ THẢO", 100.0, 0.85);
        for p in &l.pages {
            let Item::Text(w) = &p.items[0] else {
                panic!("watermark first, beneath the text")
            };
            assert!(w.angle > 45.0 && w.angle < 60.0);
            let len = f.width("DỰ THẢO", Face::Bold, 100.0);
            let a = w.angle.to_radians();
            let mid_x = w.x + len / 2.0 * a.cos();
            let mid_y = w.y - len / 2.0 * a.sin();
            assert!(
                (mid_x - A4_WIDTH / 2.0).abs() < 40.0 && (mid_y - A4_HEIGHT / 2.0).abs() < 40.0
            );
        }
    }
}
