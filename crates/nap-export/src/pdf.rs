//! A small page writer over printpdf's low-level operations: shaped text as positioned
//! glyphs (with ActualText for complex scripts), rules, boxes. Coordinates are points from
//! the top-left corner of the page.
#![allow(
    clippy::float_arithmetic,
    reason = "page geometry in points, never money"
)]

use crate::text::{font_index, Shaper, Weight, FONT_FILES};
use printpdf::{
    Codepoint, Color, DictItem, FontId, Line, LinePoint, Op, PaintMode, ParsedFont, PdfDocument,
    PdfFontHandle, PdfPage, PdfSaveOptions, Point, Polygon, PolygonRing, Pt, Rect, Rgb, TextItem,
    TextMatrix, WindingOrder,
};
use std::collections::BTreeMap;

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

/// An sRGB colour from 0–255 components.
pub fn rgb(r: u8, g: u8, b: u8) -> Color {
    Color::Rgb(Rgb {
        r: f32::from(r) / 255.0,
        g: f32::from(g) / 255.0,
        b: f32::from(b) / 255.0,
        icc_profile: None,
    })
}

pub fn black() -> Color {
    rgb(0x1f, 0x1b, 0x2e)
}

/// Text as UTF-16BE with a byte-order mark, as PDF text strings are written.
fn pdf_text_string(text: &str) -> Vec<u8> {
    let mut out = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        out.extend_from_slice(&unit.to_be_bytes());
    }
    out
}

/// A page's operations and the text state they leave, so that consecutive pieces of text
/// share one text object and repeat no font or colour they already set.
#[derive(Default)]
pub struct PageOps {
    pub ops: Vec<Op>,
    in_text: bool,
    font: Option<(usize, u32)>,
    fill: Option<Color>,
}

impl PageOps {
    fn end_text(&mut self) {
        if self.in_text {
            self.ops.push(Op::EndTextSection);
            self.in_text = false;
            self.font = None;
        }
    }

    fn set_fill(&mut self, color: &Color) {
        if self.fill.as_ref() != Some(color) {
            self.ops.push(Op::SetFillColor { col: color.clone() });
            self.fill = Some(color.clone());
        }
    }
}

/// A document being written.
pub struct Pdf {
    doc: PdfDocument,
    fonts: Vec<FontId>,
    pub shaper: Shaper,
    pub pages: Vec<PageOps>,
}

impl Pdf {
    /// A new document titled `title`, with the bundled fonts registered.
    pub fn new(title: &str) -> Self {
        let mut doc = PdfDocument::new(title);
        let mut warnings = Vec::new();
        let fonts = FONT_FILES
            .iter()
            .map(|(bytes, name)| {
                let parsed = ParsedFont::from_bytes(bytes, 0, &mut warnings)
                    .unwrap_or_else(|| panic!("bundled font {name} cannot be parsed"));
                doc.add_font(&parsed)
            })
            .collect();
        Self {
            doc,
            fonts,
            shaper: Shaper::default(),
            pages: Vec::new(),
        }
    }

    /// Starts a page; returns its index.
    pub fn add_page(&mut self) -> usize {
        self.pages.push(PageOps::default());
        self.pages.len() - 1
    }

    /// Width of `text` at `size`.
    pub fn width(&mut self, text: &str, weight: Weight, size: f32) -> f32 {
        self.shaper.width(text, weight, size)
    }

    /// Line height for `text` at `size`: Khmer and the other stacking scripts need more room
    /// above and below than Latin text.
    pub fn line_height(&mut self, text: &str, weight: Weight, size: f32) -> f32 {
        if self.shaper.shape(text, weight).is_complex() {
            size * 1.75
        } else {
            size * 1.3
        }
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
        if crate::text::is_figure_text(text) {
            // Amounts and quantities: one string in Noto Sans, positioned by the font's own
            // advances (figures are not kerned), so printpdf can map it without shaping.
            let width = self.shaper.figure_width(text, weight) * size;
            let left = match align {
                Align::Left => x,
                Align::Right => x - width,
                Align::Center => x - width / 2.0,
            };
            let page_ops = &mut self.pages[page];
            page_ops.set_fill(color);
            if !page_ops.in_text {
                page_ops.ops.push(Op::StartTextSection);
                page_ops.in_text = true;
            }
            let index = font_index(crate::text::Script::Latin, weight);
            if page_ops.font != Some((index, size.to_bits())) {
                page_ops.ops.push(Op::SetFont {
                    font: PdfFontHandle::External(self.fonts[index].clone()),
                    size: Pt(size),
                });
                page_ops.font = Some((index, size.to_bits()));
            }
            page_ops.ops.push(Op::SetTextMatrix {
                matrix: TextMatrix::Translate(Pt(left), Pt(PAGE_HEIGHT - y)),
            });
            page_ops.ops.push(Op::ShowText {
                items: vec![TextItem::Text(text.to_string())],
            });
            return;
        }
        let shaped = self.shaper.shape(text, weight);
        let width = shaped.width * size;
        let left = match align {
            Align::Left => x,
            Align::Right => x - width,
            Align::Center => x - width / 2.0,
        };
        let baseline = PAGE_HEIGHT - y;
        let page_ops = &mut self.pages[page];
        page_ops.set_fill(color);
        if !page_ops.in_text {
            page_ops.ops.push(Op::StartTextSection);
            page_ops.in_text = true;
        }
        let mut pen = left;
        for run in &shaped.runs {
            let index = font_index(run.script, run.weight);
            let font_key = (index, size.to_bits());
            if page_ops.font != Some(font_key) {
                page_ops.ops.push(Op::SetFont {
                    font: PdfFontHandle::External(self.fonts[index].clone()),
                    size: Pt(size),
                });
                page_ops.font = Some(font_key);
            }
            let ops = &mut page_ops.ops;
            if run.script.is_complex() {
                // Copying the text out of the PDF gives the source text, not the glyphs'
                // reordered, substituted sequence.
                let mut props = BTreeMap::new();
                props.insert(
                    "ActualText".to_string(),
                    DictItem::String {
                        data: pdf_text_string(&run.text),
                        literal: false,
                    },
                );
                ops.push(Op::BeginMarkedContentWithProperties {
                    tag: "Span".into(),
                    properties: DictItem::Dict { map: props },
                });
            }
            // Glyphs on the pen line go out as one positioned sequence, kerned with TJ
            // adjustments; a glyph the shaper moved (a mark, a subscript) gets its own position
            // and the sequence restarts after it.
            let mut segment: Vec<Codepoint> = Vec::new();
            let flush = |ops: &mut Vec<Op>, segment: &mut Vec<Codepoint>| {
                if !segment.is_empty() {
                    ops.push(Op::ShowText {
                        items: vec![TextItem::GlyphIds(std::mem::take(segment))],
                    });
                }
            };
            for (k, g) in run.glyphs.iter().enumerate() {
                if g.offset {
                    flush(ops, &mut segment);
                    ops.push(Op::SetTextMatrix {
                        matrix: TextMatrix::Translate(
                            Pt(pen + g.x * size),
                            Pt(baseline + g.y * size),
                        ),
                    });
                    ops.push(Op::ShowText {
                        items: vec![TextItem::GlyphIds(vec![Codepoint {
                            gid: g.gid,
                            offset: 0.0,
                            cid: g.text.clone(),
                        }])],
                    });
                    continue;
                }
                if segment.is_empty() {
                    ops.push(Op::SetTextMatrix {
                        matrix: TextMatrix::Translate(Pt(pen + g.x * size), Pt(baseline)),
                    });
                }
                segment.push(Codepoint {
                    gid: g.gid,
                    offset: -g.adjust * 1000.0,
                    cid: g.text.clone(),
                });
                // The next glyph restarts the sequence if it is moved; keep the position exact.
                if run.glyphs.get(k + 1).is_some_and(|n| n.offset) {
                    flush(ops, &mut segment);
                }
            }
            flush(ops, &mut segment);
            if run.script.is_complex() {
                ops.push(Op::EndMarkedContent);
            }
            pen += run.width * size;
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
        self.pages[page].end_text();
        let ops = &mut self.pages[page].ops;
        ops.push(Op::SetOutlineColor { col: color.clone() });
        ops.push(Op::SetOutlineThickness { pt: Pt(thickness) });
        ops.push(Op::DrawLine {
            line: Line {
                points: vec![
                    LinePoint {
                        p: Point {
                            x: Pt(x1),
                            y: Pt(PAGE_HEIGHT - y1),
                        },
                        bezier: false,
                    },
                    LinePoint {
                        p: Point {
                            x: Pt(x2),
                            y: Pt(PAGE_HEIGHT - y2),
                        },
                        bezier: false,
                    },
                ],
                is_closed: false,
            },
        });
    }

    /// A filled box (top-left corner, width, height).
    pub fn fill(&mut self, page: usize, x: f32, y: f32, w: f32, h: f32, color: &Color) {
        self.pages[page].end_text();
        self.pages[page].set_fill(color);
        let ops = &mut self.pages[page].ops;
        let (top, bottom) = (PAGE_HEIGHT - y, PAGE_HEIGHT - y - h);
        ops.push(Op::DrawPolygon {
            polygon: Polygon {
                rings: vec![PolygonRing {
                    points: [(x, bottom), (x + w, bottom), (x + w, top), (x, top)]
                        .iter()
                        .map(|&(px, py)| LinePoint {
                            p: Point {
                                x: Pt(px),
                                y: Pt(py),
                            },
                            bezier: false,
                        })
                        .collect(),
                }],
                mode: PaintMode::Fill,
                winding_order: WindingOrder::NonZero,
            },
        });
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
        self.pages[page].end_text();
        let ops = &mut self.pages[page].ops;
        ops.push(Op::SetOutlineColor { col: color.clone() });
        ops.push(Op::SetOutlineThickness { pt: Pt(thickness) });
        ops.push(Op::DrawRectangle {
            rectangle: Rect {
                x: Pt(x),
                y: Pt(PAGE_HEIGHT - y - h),
                width: Pt(w),
                height: Pt(h),
                mode: Some(PaintMode::Stroke),
                winding_order: None,
            },
        });
    }

    /// The finished PDF: fonts embedded and subset, streams compressed.
    pub fn finish(mut self) -> Vec<u8> {
        let pages = std::mem::take(&mut self.pages)
            .into_iter()
            .map(|mut p| {
                p.end_text();
                PdfPage::new(printpdf::Mm(297.0), printpdf::Mm(210.0), p.ops)
            })
            .collect();
        self.doc.with_pages(pages);
        let mut warnings = Vec::new();
        // Build the objects uncompressed, then compress the streams ourselves: printpdf
        // would use zlib's slowest level on one core, which was most of the time spent on
        // a large annex.
        let opts = PdfSaveOptions {
            optimize: false,
            ..PdfSaveOptions::default()
        };
        let mut doc = self.doc.to_lopdf_document(&opts, &mut warnings);
        compress_streams(&mut doc);
        let mut out = Vec::new();
        // Writing to memory cannot fail.
        let _ = doc.save_to(&mut out);
        out
    }
}

/// Compresses every stream that allows it and has no filter yet (zlib level 6, the
/// size/speed balance most PDF writers use), spreading the work over the machine's cores.
fn compress_streams(doc: &mut lopdf::Document) {
    use std::io::Write;
    let mut streams: Vec<&mut lopdf::Stream> = doc
        .objects
        .values_mut()
        .filter_map(|o| match o {
            lopdf::Object::Stream(s) if s.allows_compression && s.dict.get(b"Filter").is_err() => {
                Some(s)
            }
            _ => None,
        })
        .collect();
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8);
    let chunk = streams.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        for part in streams.chunks_mut(chunk) {
            scope.spawn(move || {
                for s in part {
                    let mut enc =
                        flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(6));
                    if enc.write_all(&s.content).is_err() {
                        continue;
                    }
                    if let Ok(compressed) = enc.finish() {
                        if compressed.len() + 19 < s.content.len() {
                            s.dict.set("Filter", "FlateDecode");
                            s.set_content(compressed);
                        }
                    }
                }
            });
        }
    });
}
