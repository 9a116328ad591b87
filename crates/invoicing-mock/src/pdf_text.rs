//! Text in the mock's PDF files ([`crate::invoice_pdf`]): two fonts that every PDF reader has,
//! nothing embedded, and the measuring that lays text out with them.
//!
//! - ASCII is written in `Helvetica` (one of the standard 14 fonts, `WinAnsiEncoding`) and
//!   measured with its AFM widths.
//! - Everything else (Chinese names, full-width punctuation) is written in the standard Adobe CJK
//!   font `STSong-Light`, not embedded: a `Type0` font with the predefined CMap `UniGB-UCS2-H`
//!   whose descendant is a `CIDFontType0` of `Adobe-GB1-2`. Its codes are UTF-16BE code units
//!   (UCS-2), and every glyph is taken as one em wide (`/DW 1000`). A `ToUnicode` CMap maps
//!   each code used back to its character, so that text can be copied and extracted.
//! - Characters outside the Basic Multilingual Plane (which UCS-2 cannot write) become `?`, and
//!   control characters a space ([`clean`]).

use std::collections::BTreeSet;

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Content, Name, Pdf, Rect, Ref, Str};

/// The resource name of `Helvetica`.
pub const LATIN: Name<'static> = Name(b"F1");
/// The resource name of `STSong-Light` (`UniGB-UCS2-H`).
pub const CJK: Name<'static> = Name(b"F2");

/// Helvetica's advance widths (AFM, per 1000 units of the font size) of ASCII 32 to 126.
const HELVETICA: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667,
    611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667,
    667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500,
    222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];

/// The advance of every `STSong-Light` glyph used: full width.
const CJK_WIDTH: u16 = 1000;

/// The text as the fonts can write it: outside the BMP `?`, control characters a space.
pub fn clean(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() {
                ' '
            } else if u32::from(c) > 0xFFFF {
                '?'
            } else {
                c
            }
        })
        .collect()
}

/// The advance of one (cleaned) character, per 1000 units of the font size.
fn advance(c: char) -> u16 {
    match c {
        ' '..='~' => HELVETICA[c as usize - 32],
        _ => CJK_WIDTH,
    }
}

/// How wide `text` is at `size` points.
pub fn width(text: &str, size: f32) -> f32 {
    let units: u32 = clean(text).chars().map(|c| u32::from(advance(c))).sum();
    units as f32 * size / 1000.0
}

/// `text` cut to at most `max` points wide at `size`, ending in `…` when it was cut.
pub fn fit(text: &str, size: f32, max: f32) -> String {
    let text = clean(text);
    if width(&text, size) <= max {
        return text;
    }
    let room = max - width("…", size);
    let mut out = String::new();
    let mut used = 0.0;
    for c in text.chars() {
        let w = f32::from(advance(c)) * size / 1000.0;
        if used + w > room {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// The runs of one font: ASCII (`true`) or not.
fn runs(text: &str) -> Vec<(bool, String)> {
    let mut out: Vec<(bool, String)> = Vec::new();
    for c in text.chars() {
        let ascii = c.is_ascii();
        match out.last_mut() {
            Some((a, run)) if *a == ascii => run.push(c),
            _ => out.push((ascii, c.to_string())),
        }
    }
    out
}

/// The pages' text, and the characters written in `STSong-Light` (for its `ToUnicode` CMap).
#[derive(Debug, Default)]
pub struct TextWriter {
    cjk_used: BTreeSet<u16>,
}

impl TextWriter {
    /// Writes `text` with its left end at (`x`, `y`), each run in its font.
    pub fn show(&mut self, content: &mut Content, x: f32, y: f32, size: f32, text: &str) {
        let text = clean(text);
        if text.is_empty() {
            return;
        }
        content.begin_text();
        content.next_line(x, y);
        for (ascii, run) in runs(&text) {
            if ascii {
                content.set_font(LATIN, size);
                content.show(Str(run.as_bytes()));
            } else {
                content.set_font(CJK, size);
                let mut bytes = Vec::with_capacity(run.len() * 2);
                for unit in run.encode_utf16() {
                    self.cjk_used.insert(unit);
                    bytes.extend(unit.to_be_bytes());
                }
                content.show(Str(&bytes));
            }
        }
        content.end_text();
    }

    /// Writes `text` with its right end at `right`.
    pub fn show_right(&mut self, content: &mut Content, right: f32, y: f32, size: f32, text: &str) {
        self.show(content, right - width(text, size), y, size, text);
    }

    /// Writes both fonts, and the `ToUnicode` CMap of what was shown, starting at object `next`;
    /// returns `(Helvetica, STSong-Light, the next free Ref)`.
    pub fn write_fonts(&self, pdf: &mut Pdf, next: Ref) -> (Ref, Ref, Ref) {
        let latin = next;
        let cjk = Ref::new(latin.get() + 1);
        let cid_font = Ref::new(latin.get() + 2);
        let descriptor = Ref::new(latin.get() + 3);
        let to_unicode = Ref::new(latin.get() + 4);
        pdf.type1_font(latin)
            .base_font(Name(b"Helvetica"))
            .encoding_predefined(Name(b"WinAnsiEncoding"));
        pdf.type0_font(cjk)
            .base_font(Name(b"STSong-Light-UniGB-UCS2-H"))
            .encoding_predefined(Name(b"UniGB-UCS2-H"))
            .descendant_font(cid_font)
            .to_unicode(to_unicode);
        pdf.cid_font(cid_font)
            .subtype(CidFontType::Type0)
            .base_font(Name(b"STSong-Light"))
            .system_info(SystemInfo {
                registry: Str(b"Adobe"),
                ordering: Str(b"GB1"),
                supplement: 2,
            })
            .font_descriptor(descriptor)
            .default_width(f32::from(CJK_WIDTH));
        pdf.font_descriptor(descriptor)
            .name(Name(b"STSong-Light"))
            .flags(FontFlags::SERIF | FontFlags::SYMBOLIC)
            .bbox(Rect::new(-25.0, -254.0, 1000.0, 880.0))
            .italic_angle(0.0)
            .ascent(880.0)
            .descent(-120.0)
            .cap_height(880.0)
            .stem_v(93.0);
        let mut cmap = UnicodeCmap::new(
            Name(b"Mock-UCS2-UTF16"),
            SystemInfo {
                registry: Str(b"Adobe"),
                ordering: Str(b"UCS"),
                supplement: 0,
            },
        );
        for &unit in &self.cjk_used {
            if let Some(c) = char::from_u32(u32::from(unit)) {
                cmap.pair(unit, c);
            }
        }
        pdf.cmap(to_unicode, &cmap.finish());
        (latin, cjk, Ref::new(latin.get() + 5))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_outside_the_bmp_become_question_marks() {
        assert_eq!(clean("云\u{1F600}A\tB"), "云?A B");
    }

    #[test]
    fn widths_are_helvetica_for_ascii_and_one_em_otherwise() {
        assert_eq!(width("1", 10.0), 5.56);
        assert_eq!(width("云A", 10.0), 10.0 + 6.67);
    }

    #[test]
    fn long_texts_are_cut_with_an_ellipsis_to_fit() {
        assert_eq!(fit("云服务器", 10.0, 40.0), "云服务器");
        let cut = fit("云服务器 ECS 包年包月", 10.0, 45.0);
        assert!(cut.ends_with('…') && width(&cut, 10.0) <= 45.0, "{cut}");
        assert_eq!(cut, "云服务…");
    }

    #[test]
    fn text_is_split_into_runs_of_one_font() {
        assert_eq!(
            runs("云数据库 RDS 版"),
            [
                (false, "云数据库".to_owned()),
                (true, " RDS ".to_owned()),
                (false, "版".to_owned())
            ]
        );
    }
}
