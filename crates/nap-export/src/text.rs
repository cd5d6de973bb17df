//! Text for the PDF: fonts, script runs, shaping with rustybuzz, measuring and line breaking.
//!
//! printpdf does not shape text, so Khmer, Thai, Lao and Burmese would come out as broken
//! glyph sequences. Every string is therefore split into runs by script, each run shaped with
//! rustybuzz in the right Noto font, and drawn as positioned glyphs (see `pdf.rs`). Shaped
//! strings are cached: an annex repeats the same labels and items thousands of times.
//!
//! Geometry is in PDF points (f32); money never passes through here as a number, only as the
//! already formatted text.
#![allow(
    clippy::float_arithmetic,
    reason = "page geometry in points, never money"
)]

use nap_core::fasthash::FastMap;
use std::sync::{Arc, OnceLock};
use unicode_normalization::UnicodeNormalization;

/// The bundled fonts (SIL OFL 1.1, see `assets/fonts/OFL.txt`).
pub(crate) const FONT_FILES: [(&[u8], &str); 10] = [
    (
        include_bytes!("../../../assets/fonts/NotoSans-Regular.ttf"),
        "NotoSans-Regular",
    ),
    (
        include_bytes!("../../../assets/fonts/NotoSans-Bold.ttf"),
        "NotoSans-Bold",
    ),
    (
        include_bytes!("../../../assets/fonts/NotoSansKhmer-Regular.ttf"),
        "NotoSansKhmer-Regular",
    ),
    (
        include_bytes!("../../../assets/fonts/NotoSansKhmer-Bold.ttf"),
        "NotoSansKhmer-Bold",
    ),
    (
        include_bytes!("../../../assets/fonts/NotoSansThai-Regular.ttf"),
        "NotoSansThai-Regular",
    ),
    (
        include_bytes!("../../../assets/fonts/NotoSansThai-Bold.ttf"),
        "NotoSansThai-Bold",
    ),
    (
        include_bytes!("../../../assets/fonts/NotoSansLao-Regular.ttf"),
        "NotoSansLao-Regular",
    ),
    (
        include_bytes!("../../../assets/fonts/NotoSansLao-Bold.ttf"),
        "NotoSansLao-Bold",
    ),
    (
        include_bytes!("../../../assets/fonts/NotoSansMyanmar-Regular.ttf"),
        "NotoSansMyanmar-Regular",
    ),
    (
        include_bytes!("../../../assets/fonts/NotoSansMyanmar-Bold.ttf"),
        "NotoSansMyanmar-Bold",
    ),
];

/// The writing systems the annex shapes with their own font.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Script {
    Latin,
    Khmer,
    Thai,
    Lao,
    Myanmar,
}

impl Script {
    fn of(c: char) -> Self {
        match c as u32 {
            0x1780..=0x17FF | 0x19E0..=0x19FF => Self::Khmer,
            0x0E00..=0x0E7F => Self::Thai,
            0x0E80..=0x0EFF => Self::Lao,
            0x1000..=0x109F | 0xAA60..=0xAA7F | 0xA9E0..=0xA9FF => Self::Myanmar,
            _ => Self::Latin,
        }
    }

    /// Scripts whose glyphs reorder or stack, so that copied text must come from ActualText.
    pub fn is_complex(self) -> bool {
        self != Self::Latin
    }

    /// Index of the regular face in [`FONT_FILES`] (bold is the next one).
    fn font_index(self) -> usize {
        match self {
            Self::Latin => 0,
            Self::Khmer => 2,
            Self::Thai => 4,
            Self::Lao => 6,
            Self::Myanmar => 8,
        }
    }
}

/// The line height of `text`, as a multiple of the font size: Latin text 1.3; Khmer, Thai
/// and Lao, which stack marks above and below, 1.75; Burmese, whose Noto face reaches
/// further above and below than any other (hhea ascender 1.32 em, descender 0.86 em), 2.2.
/// Decided without shaping, from the tallest script in the text.
pub fn line_factor(text: &str) -> f32 {
    if text.is_ascii() {
        return 1.3;
    }
    let mut factor: f32 = 1.3;
    for c in text.chars() {
        match Script::of(c) {
            Script::Latin => {}
            Script::Myanmar => return 2.2,
            _ => factor = 1.75,
        }
    }
    factor
}

/// True when `text` has characters of a script that stacks or reorders (and so needs the
/// taller line height); decided without shaping.
pub fn has_complex_script(text: &str) -> bool {
    !text.is_ascii() && text.chars().any(|c| Script::of(c).is_complex())
}

/// Regular or bold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Weight {
    Regular,
    Bold,
}

/// The index into [`FONT_FILES`] of `script` in `weight`.
pub fn font_index(script: Script, weight: Weight) -> usize {
    script.font_index() + usize::from(weight == Weight::Bold)
}

/// The bundled fonts parsed for shaping, once, or why one of them cannot be read.
fn faces() -> Result<&'static [rustybuzz::Face<'static>], crate::ExportError> {
    static FACES: OnceLock<Result<Vec<rustybuzz::Face<'static>>, String>> = OnceLock::new();
    FACES
        .get_or_init(|| {
            FONT_FILES
                .iter()
                .map(|(bytes, name)| {
                    rustybuzz::Face::from_slice(bytes, 0)
                        .ok_or_else(|| format!("the bundled font {name} cannot be read"))
                })
                .collect()
        })
        .as_deref()
        .map_err(|e| crate::ExportError::Pdf(e.clone()))
}

/// Refuses to start a document whose text could not be shaped: every bundled font must
/// read. (Shaping itself then never fails.)
pub fn check_fonts() -> Result<(), crate::ExportError> {
    faces().map(|_| ())
}

/// One glyph placed relative to the start of its run, in ems.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    pub gid: u16,
    /// Pen position plus the glyph's own offset, in ems.
    pub x: f32,
    pub y: f32,
    /// True when the shaper moved the glyph off the pen position (marks, stacked
    /// subscripts): it then needs its own text position.
    pub offset: bool,
    /// The shaped advance, in thousandths of an em (kerning included).
    pub advance: f32,
    /// The advance a PDF viewer applies after the glyph: the font's own advance in
    /// thousandths of an em, truncated, as the font's `/W` array states it.
    pub pdf_advance: i32,
    /// The source text of the glyph's cluster, on the first glyph of each cluster: it becomes
    /// the glyph's entry in the PDF's ToUnicode map (printpdf cannot recover it reliably).
    pub text: Option<String>,
}

/// A run of one script, shaped.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub script: Script,
    pub weight: Weight,
    pub text: String,
    pub glyphs: Vec<Glyph>,
    /// Advance width in ems.
    pub width: f32,
}

/// A shaped string: its runs in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Shaped {
    pub runs: Vec<Run>,
    /// Width in ems.
    pub width: f32,
}

/// Stand-ins for characters the bundled Noto Sans lacks (it has no mathematical minus).
fn latin_stand_in(c: char) -> char {
    match c {
        '\u{2212}' => '-',
        '\u{2192}' => '>',
        other => other,
    }
}

/// The advance of `gid` as the embedded font's `/W` array gives it: thousandths of an em,
/// truncated (printpdf computes the array this way; positions are corrected against it).
fn pdf_advance(face: &rustybuzz::Face<'_>, gid: u16) -> i32 {
    let upem = f32::from(face.units_per_em() as u16);
    face.glyph_hor_advance(rustybuzz::ttf_parser::GlyphId(gid))
        .map_or(0, |a| (f32::from(a) * 1000.0 / upem) as i32)
}

fn shape_run(text: &str, script: Script, weight: Weight) -> Run {
    let face = faces()
        .ok()
        .and_then(|faces| faces.get(font_index(script, weight)));
    // Unreachable once `check_fonts` passed (a document is not started otherwise): without
    // its font the run is left empty rather than stopping the export.
    let Some(face) = face else {
        return Run {
            script,
            weight,
            text: text.to_string(),
            glyphs: Vec::new(),
            width: 0.0,
        };
    };
    let substituted: String;
    let text = if script == Script::Latin && text.chars().any(|c| latin_stand_in(c) != c) {
        substituted = text.chars().map(latin_stand_in).collect();
        substituted.as_str()
    } else {
        text
    };
    let mut buffer = rustybuzz::UnicodeBuffer::new();
    buffer.push_str(text);
    buffer.guess_segment_properties();
    let shaped = rustybuzz::shape(face, &[], buffer);
    let upem = f32::from(face.units_per_em() as u16);
    let infos = shaped.glyph_infos();
    let positions = shaped.glyph_positions();
    let mut glyphs = Vec::with_capacity(infos.len());
    let mut pen = 0f32;
    // Cluster text: from this cluster's byte offset to the next cluster's.
    let mut cluster_starts: Vec<usize> = infos.iter().map(|i| i.cluster as usize).collect();
    cluster_starts.sort_unstable();
    cluster_starts.dedup();
    let mut last_cluster = None;
    for (info, pos) in infos.iter().zip(positions) {
        let start = info.cluster as usize;
        let text_of_cluster = if last_cluster == Some(start) {
            None
        } else {
            last_cluster = Some(start);
            // The sorted starts are searched, not scanned: a scan per glyph made shaping a
            // long run quadratic (a 64,000-character word took 8.5 s in a debug build).
            let end = cluster_starts
                .get(cluster_starts.partition_point(|&c| c <= start))
                .copied()
                .unwrap_or(text.len());
            Some(text[start..end].to_string())
        };
        let gid = u16::try_from(info.glyph_id).unwrap_or(0);
        glyphs.push(Glyph {
            gid,
            x: (pen + pos.x_offset as f32) / upem,
            y: pos.y_offset as f32 / upem,
            offset: pos.x_offset != 0 || pos.y_offset != 0,
            advance: pos.x_advance as f32 * 1000.0 / upem,
            pdf_advance: pdf_advance(face, gid),
            text: text_of_cluster,
        });
        pen += pos.x_advance as f32;
    }
    Run {
        script,
        weight,
        text: text.to_string(),
        glyphs,
        width: pen / upem,
    }
}

/// Splits `text` into runs of one script; characters of no particular script (spaces,
/// digits, punctuation) join the run they are in, so a Khmer phrase with spaces stays one
/// run and shapes as one.
fn script_runs(text: &str) -> Vec<(Script, String)> {
    let mut runs: Vec<(Script, String)> = Vec::new();
    for c in text.chars() {
        let s = Script::of(c);
        let neutral = s == Script::Latin && !c.is_alphabetic();
        match runs.last_mut() {
            Some((current, buf)) if *current == s || (neutral && c == ' ') => buf.push(c),
            _ => runs.push((s, c.to_string())),
        }
    }
    runs
}

/// The UAX #14 line segmenter with the South-East Asian word models, made once: making it
/// looks its data up, which cost more than the breaking itself in a large annex.
fn line_segmenter() -> icu_segmenter::LineSegmenterBorrowed<'static> {
    static SEGMENTER: OnceLock<icu_segmenter::LineSegmenterBorrowed<'static>> = OnceLock::new();
    *SEGMENTER.get_or_init(|| icu_segmenter::LineSegmenter::new_auto(Default::default()))
}

/// One character of a figure string (see [`is_figure_text`]) as its Noto Sans glyph.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FigureGlyph {
    pub gid: u16,
    /// Advance in ems.
    pub advance: f32,
    /// Advance as the PDF's `/W` array gives it (see [`Glyph::pdf_advance`]).
    pub pdf_advance: i32,
}

/// Shapes and caches strings.
#[derive(Default)]
pub struct Shaper {
    regular: FastMap<String, Arc<Shaped>>,
    bold: FastMap<String, Arc<Shaped>>,
    /// Glyphs of the ASCII characters used in numbers, per weight, and of the few others.
    ascii_figures: [Vec<Option<FigureGlyph>>; 2],
    figures: FastMap<(char, Weight), FigureGlyph>,
    /// The line-break opportunities of each paragraph wrapped so far (byte offsets, the
    /// first 0 and the last its length). A title is wrapped in several tables and on many
    /// pages, and finding the word boundaries of Khmer, Thai, Lao or Burmese text (an LSTM
    /// model) costs more than shaping the words.
    breaks: FastMap<String, Arc<[usize]>>,
}

/// Characters of formatted amounts and quantities: shaped without the shaper (one glyph per
/// character, no kerning in Noto Sans figures), because nearly every amount in an annex is a
/// different string and would otherwise be shaped, and cached, once each.
pub fn is_figure_text(text: &str) -> bool {
    !text.is_empty() && text.chars().all(is_figure_char)
}

/// Digits and the marks of formatted numbers: CLDR's group separators in the plan languages
/// include the no-break and narrow no-break spaces (French writes 1 234 567,5).
fn is_figure_char(c: char) -> bool {
    c.is_ascii_digit()
        || matches!(
            c,
            ',' | '.' | '-' | ' ' | '%' | '×' | '–' | '\u{a0}' | '\u{202f}' | '\u{2009}'
        )
}

/// `text` split into figures and a closing word without figures, when it is an amount
/// followed by a currency code or a unit ("1,200 KHR", "12 500 XOF"): the figures go the
/// figure way (no shaping, no cache entry per amount) and only the word is shaped, once for
/// the whole document. `None` for any other text.
pub fn figures_and_word(text: &str) -> Option<(&str, &str)> {
    let at = text.rfind(' ')? + 1;
    let (figures, word) = text.split_at(at);
    (is_figure_text(figures)
        && !word.is_empty()
        && !word
            .chars()
            .any(|c| c.is_numeric() || c.is_whitespace() || is_figure_char(c)))
    .then_some((figures, word))
}

impl Shaper {
    /// The glyph of one figure character `c` (see [`is_figure_text`]), cached.
    pub fn figure_glyph(&mut self, c: char, weight: Weight) -> FigureGlyph {
        let measure = || {
            let run = shape_run(&c.to_string(), Script::Latin, weight);
            let g = run.glyphs.first();
            FigureGlyph {
                gid: g.map_or(0, |g| g.gid),
                advance: run.width,
                pdf_advance: g.map_or(0, |g| g.pdf_advance),
            }
        };
        if c.is_ascii() {
            let table = &mut self.ascii_figures[usize::from(weight == Weight::Bold)];
            if table.is_empty() {
                table.resize(128, None);
            }
            *table[c as usize].get_or_insert_with(measure)
        } else {
            *self.figures.entry((c, weight)).or_insert_with(measure)
        }
    }

    /// Width in ems of a figure string (see [`is_figure_text`]), from cached advances.
    pub fn figure_width(&mut self, text: &str, weight: Weight) -> f32 {
        text.chars()
            .map(|c| self.figure_glyph(c, weight).advance)
            .sum()
    }

    /// `text` (normalised to NFC) shaped in `weight`.
    pub fn shape(&mut self, text: &str, weight: Weight) -> Arc<Shaped> {
        let cache = match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        };
        if let Some(s) = cache.get(text) {
            return s.clone();
        }
        let nfc: String = text.nfc().collect();
        let runs: Vec<Run> = script_runs(&nfc)
            .into_iter()
            .map(|(script, t)| shape_run(&t, script, weight))
            .collect();
        let width = runs.iter().map(|r| r.width).sum();
        let shaped = Arc::new(Shaped { runs, width });
        match weight {
            Weight::Regular => &mut self.regular,
            Weight::Bold => &mut self.bold,
        }
        .insert(text.to_string(), shaped.clone());
        shaped
    }

    /// Width of `text` at `size` points.
    pub fn width(&mut self, text: &str, weight: Weight, size: f32) -> f32 {
        if is_figure_text(text) {
            return self.figure_width(text, weight) * size;
        }
        if let Some((figures, word)) = figures_and_word(text) {
            return (self.figure_width(figures, weight) + self.shape(word, weight).width) * size;
        }
        self.shape(text, weight).width * size
    }

    /// Cuts `word` (wider than `max` points at `size`) into pieces that fit, between grapheme
    /// clusters so that no Khmer or Thai cluster is split. Each cluster is measured once (from
    /// the cache), so the time is linear in the word's length: measuring every growing prefix
    /// made a 32,000-character word take 39 s.
    fn cut_word(&mut self, word: &str, weight: Weight, size: f32, max: f32) -> Vec<String> {
        let bounds: Vec<usize> = icu_segmenter::GraphemeClusterSegmenter::new()
            .segment_str(word)
            .collect();
        let mut pieces = Vec::new();
        let (mut start, mut width) = (0, 0f32);
        for pair in bounds.windows(2) {
            let (from, to) = (pair[0], pair[1]);
            let cluster = self.width(&word[from..to], weight, size);
            if from > start && width + cluster > max {
                pieces.push(word[start..from].to_string());
                (start, width) = (from, 0.0);
            }
            width += cluster;
        }
        if start < word.len() {
            pieces.push(word[start..].to_string());
        }
        pieces
    }

    /// The line-break opportunities of `paragraph` (see [`Shaper::breaks`]'s field).
    fn breaks(&mut self, paragraph: &str) -> Arc<[usize]> {
        if let Some(found) = self.breaks.get(paragraph) {
            return found.clone();
        }
        let found: Arc<[usize]> = line_segmenter().segment_str(paragraph).collect();
        self.breaks.insert(paragraph.to_string(), found.clone());
        found
    }

    /// Breaks `text` into lines no wider than `max` points at `size`: at line-break
    /// opportunities (UAX #14, with dictionary/LSTM word boundaries for Khmer, Thai, Lao and
    /// Burmese), and inside a word only when the word alone is too wide.
    pub fn wrap(&mut self, text: &str, weight: Weight, size: f32, max: f32) -> Vec<String> {
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            if self.width(paragraph, weight, size) <= max {
                lines.push(paragraph.to_string());
                continue;
            }
            let breaks = self.breaks(paragraph);
            let mut segments: Vec<&str> = Vec::new();
            for w in breaks.windows(2) {
                segments.push(&paragraph[w[0]..w[1]]);
            }
            // Widths are summed per segment (words repeat, so they come from the cache);
            // kerning across a break opportunity is too small to matter for fitting.
            let mut line = String::new();
            let mut line_width = 0f32;
            for seg in segments {
                let seg_width = self.width(seg, weight, size);
                let trimmed_width = self.width(seg.trim_end(), weight, size);
                if trimmed_width > max {
                    // A single word wider than the line is cut between characters.
                    if !line.trim().is_empty() {
                        lines.push(line.trim_end().to_string());
                    }
                    let mut pieces = self.cut_word(seg, weight, size, max);
                    line = pieces.pop().unwrap_or_default();
                    line_width = self.width(&line, weight, size);
                    lines.extend(pieces);
                } else if line.is_empty() || line_width + trimmed_width <= max {
                    line.push_str(seg);
                    line_width += seg_width;
                } else {
                    lines.push(line.trim_end().to_string());
                    line = seg.to_string();
                    line_width = seg_width;
                }
            }
            if !line.trim().is_empty() || lines.is_empty() {
                lines.push(line.trim_end().to_string());
            }
        }
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Break opportunities are kept per paragraph: wrapped again, at another width or in
    /// another paragraph's company, a paragraph breaks as a new shaper would break it.
    #[test]
    fn a_paragraph_wrapped_again_breaks_as_if_wrapped_first() {
        let khmer = "ផែនការសកម្មភាពជាតិស្តីពីស្ត្រី សន្តិភាព និងសន្តិសុខ ដែលបានប៉ាន់ស្មានថវិកា\nក្រសួងកិច្ចការនារី";
        let english = "Training of police officers on survivor-centred case handling";
        let mut kept = Shaper::default();
        let mut seen = Vec::new();
        for (text, max) in [
            (khmer, 400.0),
            (english, 90.0),
            (khmer, 90.0),
            (khmer, 40.0),
            (english, 400.0),
        ] {
            let lines = kept.wrap(text, Weight::Regular, 10.0, max);
            assert_eq!(
                lines,
                Shaper::default().wrap(text, Weight::Regular, 10.0, max),
                "{max}"
            );
            seen.push(lines);
        }
        assert_ne!(
            seen[0], seen[2],
            "the widths break the Khmer text differently"
        );
        assert!(seen[3].len() > seen[2].len(), "{:?}", seen[3]);
    }

    #[test]
    fn khmer_is_shaped_with_stacked_subscripts() {
        let mut s = Shaper::default();
        // ស្ត្រី: SA, COENG, TA, COENG, RO, II — five code points form one cluster whose
        // subscripts the font substitutes, so there are fewer glyphs than code points.
        let women = s.shape("ស្ត្រី", Weight::Regular);
        assert_eq!(women.runs.len(), 1);
        assert_eq!(women.runs[0].script, Script::Khmer);
        let glyphs = &women.runs[0].glyphs;
        assert!(glyphs.len() < "ស្ត្រី".chars().count(), "{glyphs:?}");
        assert!(
            glyphs.iter().all(|g| g.gid != 0),
            "no missing glyph: {glyphs:?}"
        );
        assert_eq!(
            glyphs[0].text.as_deref(),
            Some("ស្ត្រី"),
            "the whole cluster is one text unit"
        );
        assert!(
            glyphs.iter().any(|g| g.offset),
            "the subscripts are positioned by the shaper"
        );
    }

    #[test]
    fn figures_measure_as_the_shaper_would() {
        let mut s = Shaper::default();
        let shaped = shape_run("1,234,567.89", Script::Latin, Weight::Regular);
        assert!(
            shaped
                .glyphs
                .iter()
                .all(|g| (g.advance - g.pdf_advance as f32).abs() < 1.0 && !g.offset),
            "no kerning in figures"
        );
        assert!((s.figure_width("1,234,567.89", Weight::Regular) - shaped.width).abs() < 1e-4);
        assert!(is_figure_text("× 1,200") && !is_figure_text("12 kits"));
    }

    #[test]
    fn an_amount_with_its_currency_measures_as_the_whole_text_shaped() {
        let mut s = Shaper::default();
        for (text, figures, word) in [
            ("1,200 KHR", "1,200 ", "KHR"),
            ("12\u{202f}500 XOF", "12\u{202f}500 ", "XOF"),
            ("4,500.50 ៛", "4,500.50 ", "៛"),
        ] {
            assert_eq!(figures_and_word(text), Some((figures, word)), "{text}");
            let whole: f32 = script_runs(text)
                .iter()
                .map(|(script, t)| shape_run(t, *script, Weight::Regular).width)
                .sum();
            let split = s.width(text, Weight::Regular, 1.0);
            assert!(
                (split - whole).abs() < 0.01,
                "{text}: {split} against {whole}"
            );
        }
        for other in [
            "12 kits and more",
            "KHR 1,200",
            "1,200",
            "1,200 2026",
            "Phase 2",
        ] {
            assert_eq!(figures_and_word(other), None, "{other}");
        }
        // Figures measure the same whichever way they are asked for.
        assert_eq!(
            s.width("-1,234,567.89 %", Weight::Bold, 7.5),
            s.figure_width("-1,234,567.89 %", Weight::Bold) * 7.5
        );
    }

    #[test]
    fn mixed_text_splits_into_script_runs() {
        let mut s = Shaper::default();
        let mixed = s.shape("Pillar 1: ការចូលរួម", Weight::Bold);
        let scripts: Vec<Script> = mixed.runs.iter().map(|r| r.script).collect();
        assert_eq!(scripts, [Script::Latin, Script::Khmer]);
        assert!(mixed.width > 0.0);
        let thai = s.shape("สันติภาพ", Weight::Regular);
        assert_eq!(thai.runs[0].script, Script::Thai);
        assert!(thai.runs[0].glyphs.iter().all(|g| g.gid != 0));
    }

    #[test]
    fn a_word_longer_than_many_lines_is_cut_into_lines_that_fit_and_keep_every_character() {
        let mut s = Shaper::default();
        for word in ["x".repeat(32_000), "ស្ត្រី".repeat(2_000)] {
            let text = format!("Venue {word} hire");
            let lines = s.wrap(&text, Weight::Regular, 9.0, 200.0);
            assert!(lines.len() > 10, "{} lines", lines.len());
            for l in &lines {
                assert!(s.width(l, Weight::Regular, 9.0) <= 200.0 + 0.01, "{l}");
            }
            assert_eq!(lines.concat().replace(' ', ""), text.replace(' ', ""));
            // No Khmer cluster is split: every line starts with a base letter, not a sign.
            assert!(lines
                .iter()
                .all(|l| !l.starts_with('\u{17D2}') && !l.starts_with('\u{17B8}')));
        }
    }

    #[test]
    fn lines_break_at_word_boundaries_in_khmer_and_english() {
        let mut s = Shaper::default();
        let lines = s.wrap(
            "Women peacebuilders take part in peace processes",
            Weight::Regular,
            8.0,
            80.0,
        );
        assert!(lines.len() > 1);
        assert!(lines
            .iter()
            .all(|l| s.width(l, Weight::Regular, 8.0) <= 80.0));
        assert_eq!(
            lines.join(" "),
            "Women peacebuilders take part in peace processes"
        );
        let km = "ការតំណាងរបស់ស្ត្រីក្នុងការសម្រេចចិត្តលើវិស័យសន្តិភាពនិងសន្តិសុខ";
        let lines = s.wrap(km, Weight::Regular, 8.0, 90.0);
        assert!(lines.len() > 1, "{lines:?}");
        assert_eq!(lines.concat(), km, "no character lost or added");
        // No line starts with a combining sign: breaks fall between clusters.
        for l in &lines[1..] {
            let first = l.chars().next().unwrap() as u32;
            assert!(
                !(0x17B6..=0x17D3).contains(&first),
                "line starts inside a cluster: {l}"
            );
        }
    }
}
