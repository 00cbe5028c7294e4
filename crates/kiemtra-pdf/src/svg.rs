//! The layout as SVG, one string per page, for the app's preview: the same pages the PDF has,
//! drawn by the webview. Only presentation attributes are used (no `style`), so the strict CSP
//! of the app holds.

use std::fmt::Write;

use crate::fonts::Face;
use crate::layout::{Item, Layout};

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// Every page of `layout` as a standalone SVG document sized in points.
pub fn pages(layout: &Layout) -> Vec<String> {
    layout
        .pages
        .iter()
        .map(|page| {
            let mut s = String::new();
            let _ = write!(
                s,
                r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w:.2} {h:.2}" width="{w:.2}" height="{h:.2}" font-family="Liberation Serif, Times New Roman, serif"><rect width="100%" height="100%" fill="white"/>"#,
                w = layout.width,
                h = layout.height
            );
            for item in &page.items {
                match item {
                    Item::Rule(r) => {
                        let _ = write!(s, r#"<line x1="{:.2}" y1="{:.2}" x2="{:.2}" y2="{:.2}" stroke="black" stroke-width="{:.2}"/>"#, r.x1, r.y1, r.x2, r.y2, r.width);
                    }
                    Item::Text(t) => {
                        let weight = if matches!(t.face, Face::Bold | Face::BoldItalic) { "bold" } else { "normal" };
                        let style = if matches!(t.face, Face::Italic | Face::BoldItalic) { "italic" } else { "normal" };
                        let grey = (t.grey.clamp(0.0, 1.0) * 255.0).round() as u8;
                        let rotate = if t.angle != 0.0 { format!(r#" transform="rotate({:.2} {:.2} {:.2})""#, -t.angle, t.x, t.y) } else { String::new() };
                        let _ = write!(
                            s,
                            r#"<text x="{:.2}" y="{:.2}" font-size="{:.2}" font-weight="{weight}" font-style="{style}" word-spacing="{:.2}" fill="rgb({grey},{grey},{grey})" xml:space="preserve"{rotate}>{}</text>"#,
                            t.x,
                            t.y,
                            t.size,
                            t.word_gap,
                            escape(&t.text)
                        );
                    }
                }
            }
            s.push_str("</svg>");
            s
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{Page, Rule, TextRun};

    #[test]
    fn text_is_escaped_and_faces_become_attributes() {
        let layout = Layout {
            width: 595.28,
            height: 841.89,
            pages: vec![Page {
                items: vec![
                    Item::Text(TextRun {
                        x: 10.0,
                        y: 20.0,
                        face: Face::BoldItalic,
                        size: 12.0,
                        text: "Nơi nhận: <A & B>".into(),
                        word_gap: 0.0,
                        grey: 0.0,
                        angle: 0.0,
                    }),
                    Item::Rule(Rule {
                        x1: 1.0,
                        y1: 2.0,
                        x2: 3.0,
                        y2: 2.0,
                        width: 0.5,
                    }),
                ],
            }],
        };
        let svg = &pages(&layout)[0];
        assert!(svg.contains("Nơi nhận: &lt;A &amp; B&gt;"));
        assert!(svg.contains(r#"font-weight="bold" font-style="italic""#));
        assert!(svg.contains("<line"));
        assert!(
            !svg.contains(" style="),
            "no style attribute: the app's CSP forbids them"
        );
    }
}
