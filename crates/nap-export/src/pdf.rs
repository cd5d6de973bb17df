//! A small PDF page writer: shaped text as positioned glyphs (with ActualText for complex
//! scripts), rules and boxes, written straight into each page's content stream.
//! Coordinates are points from the top-left corner of the page.
//!
//! printpdf embeds and subsets the fonts; the page content is ours. Going through
//! printpdf's operation list cost more than half of a large annex's time, so each page is
//! written as bytes as it is laid out, with glyph ids in the original fonts' numbering. When
//! the document is finished the subset fonts' numbering is known and every glyph id is
//! patched in place (each is four hex digits, so the stream keeps its length), then the
//! pages and fonts are compressed on all cores.
#![allow(
    clippy::float_arithmetic,
    reason = "page geometry in points, never money"
)]

use crate::text::{font_index, Glyph, Script, Shaper, Weight, FONT_FILES};
use crate::ExportError;
use lopdf::{Dictionary, Object, ObjectId, Stream};
use nap_core::fasthash::FastMap;
use printpdf::{
    Codepoint, FontId, Op, ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Pt,
    TextItem,
};

/// A4 landscape, in points.
pub const PAGE_WIDTH: f32 = 841.89;
pub const PAGE_HEIGHT: f32 = 595.28;

/// How a piece of text sits on its anchor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
    Center,
}

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Color([u8; 3]);

/// An sRGB colour from 0–255 components.
pub fn rgb(r: u8, g: u8, b: u8) -> Color {
    Color([r, g, b])
}

pub fn black() -> Color {
    rgb(0x1f, 0x1b, 0x2e)
}

/// Where a glyph id was written in a page's content: patched to the subset font's id when
/// the document is finished.
#[derive(Debug, Clone, Copy)]
struct GlyphSlot {
    offset: u32,
    font: u8,
    gid: u16,
}

/// One page's content stream as it is written, and the graphics state it leaves, so that
/// consecutive pieces of text share one text object and repeat no font or colour they
/// already set.
#[derive(Default)]
pub struct PageContent {
    bytes: Vec<u8>,
    slots: Vec<GlyphSlot>,
    in_text: bool,
    font: Option<(usize, u32)>,
    fill: Option<Color>,
    stroke: Option<Color>,
    line_width: Option<u32>,
    /// Where the current text line starts (`Td` moves from there), in hundredths of a point;
    /// the origin when a text object begins.
    line_start: (i64, i64),
}

/// `v` in hundredths of a point, rounded half away from zero (without a call to `roundf`,
/// which showed in profiles of large annexes).
fn to_hundredths(v: f32) -> i64 {
    let h = v * 100.0;
    if h < 0.0 {
        (h - 0.5) as i64
    } else {
        (h + 0.5) as i64
    }
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

impl PageContent {
    fn op(&mut self, operator: &str) {
        self.bytes.extend_from_slice(operator.as_bytes());
        self.bytes.push(b'\n');
    }

    /// A number with at most two decimals (a hundredth of a point is far below what a
    /// printer or a screen can show).
    fn num(&mut self, v: f32) {
        self.hundredths(to_hundredths(v));
    }

    /// A number given in hundredths.
    fn hundredths(&mut self, hundredths: i64) {
        if hundredths < 0 {
            self.bytes.push(b'-');
        }
        let abs = hundredths.unsigned_abs();
        self.int(abs / 100);
        let frac = abs % 100;
        if frac != 0 {
            self.bytes.push(b'.');
            self.bytes.push(b'0' + (frac / 10) as u8);
            if !frac.is_multiple_of(10) {
                self.bytes.push(b'0' + (frac % 10) as u8);
            }
        }
        self.bytes.push(b' ');
    }

    fn int(&mut self, mut v: u64) {
        let mut digits = [0u8; 20];
        let mut n = 0;
        loop {
            digits[n] = b'0' + (v % 10) as u8;
            n += 1;
            v /= 10;
            if v == 0 {
                break;
            }
        }
        self.bytes.extend(digits[..n].iter().rev());
    }

    /// A colour component 0–255 as a fraction with three decimals.
    fn component(&mut self, c: u8) {
        match c {
            0 => self.bytes.extend_from_slice(b"0 "),
            255 => self.bytes.extend_from_slice(b"1 "),
            _ => {
                let thousandths = (u32::from(c) * 1000 + 127) / 255;
                self.bytes.extend_from_slice(b"0.");
                self.bytes.push(b'0' + (thousandths / 100) as u8);
                self.bytes.push(b'0' + (thousandths / 10 % 10) as u8);
                self.bytes.push(b'0' + (thousandths % 10) as u8);
                self.bytes.push(b' ');
            }
        }
    }

    fn end_text(&mut self) {
        if self.in_text {
            self.op("ET");
            self.in_text = false;
            self.font = None;
        }
    }

    fn begin_text(&mut self) {
        if !self.in_text {
            self.op("BT");
            self.in_text = true;
            self.line_start = (0, 0);
        }
    }

    fn set_fill(&mut self, color: Color) {
        if self.fill != Some(color) {
            for c in color.0 {
                self.component(c);
            }
            self.op("rg");
            self.fill = Some(color);
        }
    }

    fn set_stroke(&mut self, color: Color, thickness: f32) {
        if self.stroke != Some(color) {
            for c in color.0 {
                self.component(c);
            }
            self.op("RG");
            self.stroke = Some(color);
        }
        if self.line_width != Some(thickness.to_bits()) {
            self.num(thickness);
            self.op("w");
            self.line_width = Some(thickness.to_bits());
        }
    }

    fn set_font(&mut self, index: usize, size: f32) {
        if self.font != Some((index, size.to_bits())) {
            self.bytes.extend_from_slice(b"/F");
            self.int(index as u64);
            self.bytes.push(b' ');
            self.num(size);
            self.op("Tf");
            self.font = Some((index, size.to_bits()));
        }
    }

    /// Moves the text position to (`x`, `y`) in PDF coordinates, relative to the last
    /// position (`Td`, a third of the bytes of a whole matrix). Positions are kept in
    /// hundredths of a point as written, so relative moves never drift.
    fn move_to(&mut self, x: f32, y: f32) {
        let (x, y) = (to_hundredths(x), to_hundredths(y));
        self.hundredths(x - self.line_start.0);
        self.hundredths(y - self.line_start.1);
        self.op("Td");
        self.line_start = (x, y);
    }

    /// Writes one glyph id as four hex digits inside an open hex string.
    fn glyph(&mut self, font: usize, gid: u16) {
        self.slots.push(GlyphSlot {
            offset: u32::try_from(self.bytes.len()).unwrap_or(u32::MAX),
            font: font as u8,
            gid,
        });
        for shift in [12, 8, 4, 0] {
            self.bytes.push(HEX[usize::from((gid >> shift) & 0xF)]);
        }
    }

    /// A positioned glyph sequence `[<gid…> kern <gid…>] TJ`: after each glyph the viewer
    /// advances by the font's `/W` width; `advances` gives where the next glyph must start,
    /// and the difference is carried as a kern whenever it reaches half a thousandth of an
    /// em, so positions stay exact however long the sequence.
    fn glyph_sequence(&mut self, font: usize, glyphs: impl Iterator<Item = (u16, f32, i32)>) {
        self.bytes.extend_from_slice(b"[<");
        let mut drift = 0f32;
        for (gid, advance, pdf_advance) in glyphs {
            self.glyph(font, gid);
            drift += pdf_advance as f32 - advance;
            let kern = if drift < 0.0 {
                (drift - 0.5) as i64
            } else {
                (drift + 0.5) as i64
            };
            if kern != 0 {
                self.bytes.extend_from_slice(b"> ");
                self.int_signed(kern);
                self.bytes.push(b'<');
                drift -= kern as f32;
            }
        }
        self.bytes.extend_from_slice(b">]");
        self.op("TJ");
    }

    fn int_signed(&mut self, v: i64) {
        if v < 0 {
            self.bytes.push(b'-');
        }
        self.int(v.unsigned_abs());
        self.bytes.push(b' ');
    }

    /// The rectangle operands `x y w h re` in PDF coordinates from a top-left corner.
    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32) {
        self.num(x);
        self.num(PAGE_HEIGHT - y - h);
        self.num(w);
        self.num(h);
        self.op("re");
    }
}

/// Which glyphs of each font the document uses, with the text each stands for (the first
/// glyph of a cluster carries the cluster's text; it becomes the ToUnicode entry).
struct GlyphUse {
    /// Per font, per glyph id: 0 unused, 1 used without text, 2 used with text.
    seen: Vec<Vec<u8>>,
    texts: Vec<FastMap<u16, String>>,
}

impl Default for GlyphUse {
    fn default() -> Self {
        Self {
            seen: FONT_FILES.iter().map(|_| Vec::new()).collect(),
            texts: FONT_FILES.iter().map(|_| FastMap::default()).collect(),
        }
    }
}

impl GlyphUse {
    fn note(&mut self, font: usize, gid: u16, text: Option<&str>) {
        let seen = &mut self.seen[font];
        let g = usize::from(gid);
        if seen.len() <= g {
            seen.resize(g + 1, 0);
        }
        if seen[g] == 2 {
            return;
        }
        match text {
            Some(t) => {
                seen[g] = 2;
                self.texts[font].insert(gid, t.to_string());
            }
            None => seen[g] = 1,
        }
    }
}

/// Where and how a piece of text is drawn: page, baseline (in PDF coordinates), size,
/// weight and colour.
struct Pen {
    page: usize,
    baseline: f32,
    size: f32,
    weight: Weight,
    color: Color,
}

/// A document being written: its fonts registered with printpdf, and the canvas its pages
/// are drawn on.
pub struct Pdf {
    doc: PdfDocument,
    fonts: Vec<FontId>,
    canvas: Canvas,
}

/// Pages being drawn, the shaper that measures their text and the glyphs they use. A
/// document has one; a part of a document laid out on another core has its own, appended
/// to the document's when it is done ([`Canvas::append`]).
#[derive(Default)]
pub struct Canvas {
    pub shaper: Shaper,
    pub pages: Vec<PageContent>,
    used: GlyphUse,
}

impl std::ops::Deref for Pdf {
    type Target = Canvas;
    fn deref(&self) -> &Canvas {
        &self.canvas
    }
}

impl std::ops::DerefMut for Pdf {
    fn deref_mut(&mut self) -> &mut Canvas {
        &mut self.canvas
    }
}

/// Text as a PDF hex string of UTF-16BE with a byte-order mark.
fn put_text_string(out: &mut Vec<u8>, text: &str) {
    out.extend_from_slice(b"<FEFF");
    for unit in text.encode_utf16() {
        for shift in [12, 8, 4, 0] {
            out.push(HEX[usize::from((unit >> shift) & 0xF)]);
        }
    }
    out.push(b'>');
}

impl Pdf {
    /// A new document titled `title` and dated `date` (an ISO `YYYY-MM-DD` date: the
    /// date the document states, so that the same plan gives the same file), with the
    /// bundled fonts registered.
    pub fn new(title: &str, date: &str) -> Result<Self, ExportError> {
        crate::text::check_fonts()?;
        let mut doc = PdfDocument::new(title);
        let year = date.get(0..4).and_then(|p| p.parse::<i32>().ok());
        let month = date.get(5..7).and_then(|p| p.parse::<u8>().ok());
        let day = date.get(8..10).and_then(|p| p.parse::<u8>().ok());
        if let (Some(year), Some(month), Some(day)) = (year, month, day) {
            let stamp = printpdf::DateTime {
                date: printpdf::Date { year, month, day },
                time: printpdf::Time {
                    hour: 0,
                    minute: 0,
                    second: 0,
                    millisecond: 0,
                },
                offset: printpdf::Offset {
                    hours: 0,
                    minutes: 0,
                    seconds: 0,
                    milliseconds: 0,
                },
            };
            let info = &mut doc.metadata.info;
            info.creation_date = stamp;
            info.modification_date = stamp;
            info.metadata_date = stamp;
        }
        doc.metadata.info.creator = "NAP Studio".to_string();
        doc.metadata.info.producer = "NAP Studio".to_string();
        let mut warnings = Vec::new();
        let fonts = FONT_FILES
            .iter()
            .map(|(bytes, name)| {
                ParsedFont::from_bytes(bytes, 0, &mut warnings)
                    .map(|parsed| doc.add_font(&parsed))
                    .ok_or_else(|| {
                        ExportError::Pdf(format!("the bundled font {name} cannot be read"))
                    })
            })
            .collect::<Result<_, _>>()?;
        Ok(Self {
            doc,
            fonts,
            canvas: Canvas::default(),
        })
    }
}

impl Canvas {
    /// Appends `part`'s pages after this canvas's pages, with the glyphs they use.
    pub fn append(&mut self, part: Canvas) {
        self.pages.extend(part.pages);
        for (font, (seen, texts)) in part.used.seen.into_iter().zip(part.used.texts).enumerate() {
            for (gid, state) in seen.into_iter().enumerate() {
                if state == 0 {
                    continue;
                }
                let Ok(gid) = u16::try_from(gid) else {
                    continue;
                };
                self.used
                    .note(font, gid, texts.get(&gid).map(String::as_str));
            }
        }
    }

    /// Starts a page; returns its index.
    pub fn add_page(&mut self) -> usize {
        self.pages.push(PageContent::default());
        self.pages.len() - 1
    }

    /// Width of `text` at `size`.
    pub fn width(&mut self, text: &str, weight: Weight, size: f32) -> f32 {
        self.shaper.width(text, weight, size)
    }

    /// Line height for `text` at `size`: Khmer and the other stacking scripts need more room
    /// above and below than Latin text.
    pub fn line_height(&mut self, text: &str, _weight: Weight, size: f32) -> f32 {
        size * crate::text::line_factor(text)
    }

    /// Draws `text` with its baseline at `y`, anchored at `x` as `align` says.
    #[allow(clippy::too_many_arguments)]
    pub fn text(
        &mut self,
        page: usize,
        x: f32,
        y: f32,
        size: f32,
        weight: Weight,
        color: &Color,
        text: &str,
        align: Align,
    ) {
        if text.is_empty() {
            return;
        }
        let left = |width: f32| match align {
            Align::Left => x,
            Align::Right => x - width,
            Align::Center => x - width / 2.0,
        };
        let baseline = PAGE_HEIGHT - y;
        let pen = Pen {
            page,
            baseline,
            size,
            weight,
            color: *color,
        };
        if crate::text::is_figure_text(text) {
            let width = self.shaper.figure_width(text, weight) * size;
            self.figures(&pen, left(width), text);
        } else if let Some((figures, word)) = crate::text::figures_and_word(text) {
            let figures_width = self.shaper.figure_width(figures, weight) * size;
            let shaped = self.shaper.shape(word, weight);
            let x = left(figures_width + shaped.width * size);
            self.figures(&pen, x, figures);
            self.shaped(&pen, x + figures_width, &shaped);
        } else {
            let shaped = self.shaper.shape(text, weight);
            self.shaped(&pen, left(shaped.width * size), &shaped);
        }
    }

    /// Amounts and quantities from their left edge `x`: one glyph per character in Noto Sans,
    /// without the shaper (figures are not kerned), because nearly every amount is a new
    /// string.
    fn figures(&mut self, pen: &Pen, x: f32, text: &str) {
        let index = font_index(Script::Latin, pen.weight);
        let out = &mut self.pages[pen.page];
        out.set_fill(pen.color);
        out.begin_text();
        out.set_font(index, pen.size);
        out.move_to(x, pen.baseline);
        let (shaper, used) = (&mut self.shaper, &mut self.used);
        out.glyph_sequence(
            index,
            text.chars().map(|c| {
                let g = shaper.figure_glyph(c, pen.weight);
                if used.seen[index].get(usize::from(g.gid)) != Some(&2) {
                    used.note(index, g.gid, Some(c.encode_utf8(&mut [0; 4])));
                }
                (g.gid, g.advance * 1000.0, g.pdf_advance)
            }),
        );
    }

    /// Shaped text from its left edge `x`, run by run in each script's font.
    fn shaped(&mut self, pen: &Pen, x: f32, shaped: &crate::text::Shaped) {
        let (size, baseline) = (pen.size, pen.baseline);
        let mut pen_x = x;
        let out = &mut self.pages[pen.page];
        out.set_fill(pen.color);
        out.begin_text();
        for run in &shaped.runs {
            let index = font_index(run.script, run.weight);
            out.set_font(index, size);
            for g in &run.glyphs {
                self.used.note(index, g.gid, g.text.as_deref());
            }
            if run.script.is_complex() {
                // Copying the text out of the PDF gives the source text, not the glyphs'
                // reordered, substituted sequence.
                out.bytes.extend_from_slice(b"/Span <</ActualText ");
                put_text_string(&mut out.bytes, &run.text);
                out.bytes.extend_from_slice(b">> ");
                out.op("BDC");
            }
            // Glyphs on the pen line go out as one positioned sequence; a glyph the shaper
            // moved (a mark, a subscript) gets its own position and the sequence restarts
            // after it.
            let glyphs = &run.glyphs;
            let mut k = 0;
            while k < glyphs.len() {
                let g = &glyphs[k];
                if g.offset {
                    out.move_to(pen_x + g.x * size, baseline + g.y * size);
                    out.glyph_sequence(index, std::iter::once((g.gid, 0.0, 0)));
                    k += 1;
                    continue;
                }
                let end = glyphs[k..]
                    .iter()
                    .position(|n| n.offset)
                    .map_or(glyphs.len(), |p| k + p);
                out.move_to(pen_x + g.x * size, baseline);
                out.glyph_sequence(
                    index,
                    glyphs[k..end]
                        .iter()
                        .map(|g: &Glyph| (g.gid, g.advance, g.pdf_advance)),
                );
                k = end;
            }
            if run.script.is_complex() {
                out.op("EMC");
            }
            pen_x += run.width * size;
        }
    }

    /// A straight rule.
    #[allow(clippy::too_many_arguments)]
    pub fn rule(
        &mut self,
        page: usize,
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        thickness: f32,
        color: &Color,
    ) {
        let out = &mut self.pages[page];
        out.end_text();
        out.set_stroke(*color, thickness);
        out.num(x1);
        out.num(PAGE_HEIGHT - y1);
        out.op("m");
        out.num(x2);
        out.num(PAGE_HEIGHT - y2);
        out.op("l S");
    }

    /// A filled box (top-left corner, width, height).
    pub fn fill(&mut self, page: usize, x: f32, y: f32, w: f32, h: f32, color: &Color) {
        let out = &mut self.pages[page];
        out.end_text();
        out.set_fill(*color);
        out.rect(x, y, w, h);
        out.op("f");
    }

    /// An outlined box.
    #[allow(clippy::too_many_arguments)]
    pub fn frame(
        &mut self,
        page: usize,
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        thickness: f32,
        color: &Color,
    ) {
        let out = &mut self.pages[page];
        out.end_text();
        out.set_stroke(*color, thickness);
        out.rect(x, y, w, h);
        out.op("S");
    }
}

impl Pdf {
    /// The finished PDF: fonts embedded and subset, streams compressed.
    pub fn finish(mut self) -> Result<Vec<u8>, ExportError> {
        let mut pages = std::mem::take(&mut self.canvas.pages);
        for p in &mut pages {
            p.end_text();
        }
        // printpdf embeds the subset fonts: one page that shows every glyph used, font by
        // font in ascending glyph order, so that its content stream, read back, tells how
        // the subset renumbered them.
        let mut used_ops = vec![Op::StartTextSection];
        let mut used_order: Vec<(usize, Vec<u16>)> = Vec::new();
        for (index, seen) in self.canvas.used.seen.iter().enumerate() {
            let gids: Vec<u16> = (0..seen.len())
                .filter(|&g| seen[g] != 0)
                .filter_map(|g| u16::try_from(g).ok())
                .collect();
            if gids.is_empty() {
                continue;
            }
            used_ops.push(Op::SetFont {
                font: PdfFontHandle::External(self.fonts[index].clone()),
                size: Pt(10.0),
            });
            used_ops.push(Op::ShowText {
                items: vec![TextItem::GlyphIds(
                    gids.iter()
                        .map(|&gid| Codepoint {
                            gid,
                            offset: 0.0,
                            cid: self.canvas.used.texts[index].get(&gid).cloned(),
                        })
                        .collect(),
                )],
            });
            used_order.push((index, gids));
        }
        used_ops.push(Op::EndTextSection);
        self.doc.with_pages(vec![PdfPage::new(
            printpdf::Mm(297.0),
            printpdf::Mm(210.0),
            used_ops,
        )]);
        let mut warnings = Vec::new();
        let opts = PdfSaveOptions {
            optimize: false,
            ..PdfSaveOptions::default()
        };
        let mut doc = self.doc.to_lopdf_document(&opts, &mut warnings);
        let fonts_by_name: FastMap<String, usize> = self
            .fonts
            .iter()
            .enumerate()
            .map(|(i, f)| (f.0.clone(), i))
            .collect();
        let glyph_page = FontPage::read(&doc, &fonts_by_name)?;
        let remap = glyph_page.remap(&used_order);

        // Page contents: glyph ids patched on all cores; compressed with the fonts below.
        on_all_cores(&mut pages, |p| patch_glyphs(p, &remap));
        let streams: Vec<Stream> = pages
            .into_iter()
            .map(|p| Stream::new(Dictionary::new(), p.bytes))
            .collect();

        let font_dict: Dictionary = glyph_page
            .font_refs
            .iter()
            .map(|(&index, &id)| (format!("F{index}").into_bytes(), Object::Reference(id)))
            .collect();
        let font_dict_id = doc.add_object(font_dict);
        let resources_id = doc.add_object(Dictionary::from_iter(vec![(
            "Font",
            Object::Reference(font_dict_id),
        )]));
        let media_box = Object::Array(vec![
            0.into(),
            0.into(),
            Object::Real(PAGE_WIDTH),
            Object::Real(PAGE_HEIGHT),
        ]);
        let mut kids = Vec::with_capacity(streams.len());
        for stream in streams {
            let contents = doc.add_object(stream);
            let page = Dictionary::from_iter(vec![
                ("Type", Object::Name(b"Page".to_vec())),
                ("Parent", Object::Reference(glyph_page.parent)),
                ("MediaBox", media_box.clone()),
                ("Resources", Object::Reference(resources_id)),
                ("Contents", Object::Reference(contents)),
            ]);
            kids.push(Object::Reference(doc.add_object(page)));
        }
        let count = kids.len() as i64;
        if let Ok(Object::Dictionary(tree)) = doc.get_object_mut(glyph_page.parent) {
            tree.set("Kids", Object::Array(kids));
            tree.set("Count", Object::Integer(count));
        }
        doc.objects.remove(&glyph_page.page);
        doc.objects.remove(&glyph_page.contents);
        compress_streams(&mut doc);
        let mut out = Vec::new();
        doc.save_to(&mut out)
            .map_err(|e| ExportError::Pdf(format!("saving the document: {e}")))?;
        Ok(out)
    }
}

/// The page printpdf wrote to show every used glyph, read back.
struct FontPage {
    page: ObjectId,
    parent: ObjectId,
    contents: ObjectId,
    /// Font index → the font dictionary printpdf wrote.
    font_refs: std::collections::BTreeMap<usize, ObjectId>,
    /// Per font, the glyph codes in the order they were shown.
    codes: FastMap<usize, Vec<u16>>,
}

impl FontPage {
    /// Reads the glyph page back; an error when printpdf wrote it otherwise than expected.
    fn read(
        doc: &lopdf::Document,
        fonts_by_name: &FastMap<String, usize>,
    ) -> Result<Self, ExportError> {
        let unexpected = |what: &str| ExportError::Pdf(format!("the glyph page {what}"));
        let page = *doc
            .get_pages()
            .values()
            .next()
            .ok_or_else(|| unexpected("is missing"))?;
        let dict = doc
            .get_dictionary(page)
            .map_err(|_| unexpected("is not a dictionary"))?;
        let reference = |key: &[u8]| {
            dict.get(key)
                .and_then(Object::as_reference)
                .map_err(|_| unexpected(&format!("has no {}", String::from_utf8_lossy(key))))
        };
        let (parent, contents) = (reference(b"Parent")?, reference(b"Contents")?);
        let resources = doc
            .get_dictionary(reference(b"Resources")?)
            .map_err(|_| unexpected("has no resources"))?;
        let mut font_refs = std::collections::BTreeMap::new();
        if let Ok(fonts) = resources
            .get(b"Font")
            .and_then(Object::as_reference)
            .and_then(|id| doc.get_dictionary(id))
        {
            for (name, value) in fonts.iter() {
                if let (Some(&index), Ok(id)) = (
                    fonts_by_name.get(String::from_utf8_lossy(name).as_ref()),
                    value.as_reference(),
                ) {
                    font_refs.insert(index, id);
                }
            }
        }
        let mut codes: FastMap<usize, Vec<u16>> = FastMap::default();
        let content = doc
            .get_object(contents)
            .and_then(Object::as_stream)
            .map_err(|_| unexpected("has no content"))?;
        let operations = lopdf::content::Content::decode(&content.content)
            .map_err(|e| unexpected(&format!("content cannot be read ({e})")))?
            .operations;
        let mut current = None;
        for op in operations {
            match op.operator.as_str() {
                "Tf" => {
                    current = op
                        .operands
                        .first()
                        .and_then(|o| o.as_name().ok())
                        .and_then(|n| fonts_by_name.get(String::from_utf8_lossy(n).as_ref()))
                        .copied();
                }
                "TJ" | "Tj" => {
                    let Some(font) = current else { continue };
                    let list = codes.entry(font).or_default();
                    let mut push = |o: &Object| {
                        if let Object::String(bytes, _) = o {
                            for pair in bytes.chunks_exact(2) {
                                list.push(u16::from_be_bytes([pair[0], pair[1]]));
                            }
                        }
                    };
                    for operand in &op.operands {
                        match operand {
                            Object::Array(items) => items.iter().for_each(&mut push),
                            other => push(other),
                        }
                    }
                }
                _ => {}
            }
        }
        Ok(Self {
            page,
            parent,
            contents,
            font_refs,
            codes,
        })
    }

    /// Per font, original glyph id → code in the embedded subset (0, `.notdef`, if absent).
    fn remap(&self, used_order: &[(usize, Vec<u16>)]) -> Vec<Vec<u16>> {
        let mut remap: Vec<Vec<u16>> = FONT_FILES.iter().map(|_| Vec::new()).collect();
        for (index, gids) in used_order {
            let codes = self.codes.get(index).map_or(&[][..], Vec::as_slice);
            debug_assert_eq!(codes.len(), gids.len(), "printpdf showed every glyph");
            let table = &mut remap[*index];
            table.resize(gids.last().map_or(0, |&g| usize::from(g) + 1), 0);
            for (gid, code) in gids.iter().zip(codes) {
                table[usize::from(*gid)] = *code;
            }
        }
        remap
    }
}

/// Rewrites each glyph id of `page` in the subset font's numbering.
fn patch_glyphs(page: &mut PageContent, remap: &[Vec<u16>]) {
    for slot in std::mem::take(&mut page.slots) {
        let code = remap[usize::from(slot.font)]
            .get(usize::from(slot.gid))
            .copied()
            .unwrap_or(0);
        let at = slot.offset as usize;
        for (k, shift) in [12, 8, 4, 0].into_iter().enumerate() {
            page.bytes[at + k] = HEX[usize::from((code >> shift) & 0xF)];
        }
    }
}

/// zlib level 2. Measured on the large plan's annex (47 MB of page content): level 6 made
/// 7.0 MB in 300 ms on two cores, level 2 9.2 MB in 105 ms, level 1 (static codes only)
/// 85 ms but nearly twice the size. Level 2 keeps the annex under half a second, at the size
/// level 6 gave before the page content was made smaller.
fn deflate(bytes: &[u8]) -> Option<Vec<u8>> {
    use std::io::Write;
    let mut enc = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(2));
    enc.write_all(bytes).ok()?;
    enc.finish().ok()
}

/// Runs `work` on every item, the items split evenly over the machine's cores.
fn on_all_cores<T: Send>(items: &mut [T], work: impl Fn(&mut T) + Sync) {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8);
    let chunk = items.len().div_ceil(threads).max(1);
    let work = &work;
    std::thread::scope(|scope| {
        for part in items.chunks_mut(chunk) {
            scope.spawn(move || part.iter_mut().for_each(work));
        }
    });
}

/// Compresses every stream (pages and fonts) that allows it and has no filter yet, when that
/// makes it smaller, on all cores.
fn compress_streams(doc: &mut lopdf::Document) {
    let mut streams: Vec<&mut Stream> = doc
        .objects
        .values_mut()
        .filter_map(|o| match o {
            Object::Stream(s) if s.allows_compression && s.dict.get(b"Filter").is_err() => Some(s),
            _ => None,
        })
        .collect();
    on_all_cores(&mut streams, |s| {
        if let Some(compressed) = deflate(&s.content) {
            if compressed.len() + 19 < s.content.len() {
                s.dict.set("Filter", "FlateDecode");
                s.set_content(compressed);
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glyph_sequences_keep_the_shaped_positions_exact() {
        let mut page = PageContent::default();
        // Advances a little longer than the font's /W widths: the difference builds up and
        // must come back as kerns so that no glyph drifts by half a thousandth of an em.
        let glyphs: Vec<(u16, f32, i32)> = (0..40).map(|k| (k + 3, 500.3, 500)).collect();
        page.glyph_sequence(0, glyphs.iter().copied());
        let text = String::from_utf8(page.bytes.clone()).expect("ascii");
        // The kerns are the numbers between a hex string's '>' and the next '<'.
        let kerns: i64 = text
            .split('<')
            .filter_map(|part| part.split_once('>'))
            .filter_map(|(_, after)| after.split_whitespace().next())
            .filter_map(|n| n.parse::<i64>().ok())
            .sum();
        let shown: i64 = glyphs.iter().map(|g| i64::from(g.2)).sum::<i64>() - kerns;
        let wanted: f32 = glyphs.iter().map(|g| g.1).sum();
        assert!(
            (shown as f32 - wanted).abs() <= 0.5,
            "{shown} vs {wanted}: {text}"
        );
        assert_eq!(
            page.slots.len(),
            glyphs.len(),
            "every glyph id is patchable"
        );
        assert!(text.ends_with("TJ\n"));
    }

    #[test]
    fn glyph_ids_are_renumbered_for_the_subset_and_the_date_is_the_stated_one() {
        let mut pdf = Pdf::new("Test", "2026-11-22").expect("the bundled fonts load");
        let page = pdf.add_page();
        pdf.text(
            page,
            50.0,
            50.0,
            10.0,
            Weight::Regular,
            &black(),
            "Zebra 42",
            Align::Left,
        );
        pdf.text(
            page,
            50.0,
            80.0,
            10.0,
            Weight::Bold,
            &black(),
            "ស្ត្រី",
            Align::Left,
        );
        let bytes = pdf.finish().expect("the PDF is written");
        let doc = lopdf::Document::load_mem(&bytes).expect("the PDF parses");
        let pages = doc.get_pages();
        assert_eq!(pages.len(), 1, "the glyph page printpdf wrote is gone");
        let content = doc.get_page_content(*pages.values().next().expect("page"));
        let ops = lopdf::content::Content::decode(&content)
            .expect("content parses")
            .operations;
        let codes: Vec<u16> = ops
            .iter()
            .filter(|o| o.operator == "TJ")
            .flat_map(|o| o.operands.iter())
            .filter_map(|o| o.as_array().ok())
            .flatten()
            .filter_map(|o| o.as_str().ok())
            .flat_map(|b| b.chunks_exact(2).map(|p| u16::from_be_bytes([p[0], p[1]])))
            .collect();
        // "Zebra 42" is 8 glyphs in a subset of a few dozen: the subset codes are small and
        // none is .notdef.
        assert!(codes.len() >= 9, "{codes:?}");
        assert!(codes.iter().all(|&c| c != 0 && c < 64), "{codes:?}");
        let info = doc
            .trailer
            .get(b"Info")
            .and_then(Object::as_reference)
            .and_then(|id| doc.get_dictionary(id))
            .expect("info");
        let created = info
            .get(b"CreationDate")
            .and_then(Object::as_str)
            .expect("creation date");
        assert!(
            String::from_utf8_lossy(created).contains("20261122"),
            "{}",
            String::from_utf8_lossy(created)
        );
    }
}
