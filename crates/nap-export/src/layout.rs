//! Flowing content down pages: headings kept with what follows, paragraphs, and tables that
//! continue across pages with their header row repeated. A row is never split.
#![allow(
    clippy::float_arithmetic,
    reason = "page geometry in points, never money"
)]

use crate::pdf::Color;
use crate::pdf::{black, rgb, Align, Canvas, Pdf, PAGE_HEIGHT, PAGE_WIDTH};
use crate::text::{Shaper, Weight};
use std::borrow::Cow;

pub const MARGIN_X: f32 = 36.0;
pub const TOP: f32 = 52.0;
pub const BOTTOM: f32 = PAGE_HEIGHT - 40.0;
pub const CONTENT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN_X;

pub fn accent() -> Color {
    rgb(0x4c, 0x1d, 0x95)
}
pub fn muted() -> Color {
    rgb(0x5b, 0x56, 0x70)
}
pub fn line_color() -> Color {
    rgb(0xd6, 0xd1, 0xe6)
}
fn header_fill() -> Color {
    rgb(0xed, 0xe9, 0xfe)
}
fn subtotal_fill() -> Color {
    rgb(0xf6, 0xf4, 0xfc)
}

/// How a row looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    Body,
    /// A heading row inside a table (e.g. an activity's title), spanning all columns.
    Band,
    Subtotal,
    Total,
}

/// One column of a table.
#[derive(Debug, Clone)]
pub struct Column {
    pub header: String,
    pub align: Align,
    /// Text columns wrap and share the width left after the number columns.
    pub wrap: bool,
    /// Relative share of the free width among wrapping columns.
    pub weight: f32,
}

impl Column {
    pub fn text(header: impl Into<String>, weight: f32) -> Self {
        Self {
            header: header.into(),
            align: Align::Left,
            wrap: true,
            weight,
        }
    }
    pub fn number(header: impl Into<String>) -> Self {
        Self {
            header: header.into(),
            align: Align::Right,
            wrap: false,
            weight: 0.0,
        }
    }
    pub fn short(header: impl Into<String>) -> Self {
        Self {
            header: header.into(),
            align: Align::Left,
            wrap: false,
            weight: 0.0,
        }
    }
}

/// One row: its cells and, optionally, a small second line under each cell.
#[derive(Debug, Clone)]
pub struct Row {
    pub kind: RowKind,
    pub cells: Vec<String>,
    pub notes: Vec<String>,
}

impl Row {
    pub fn new(kind: RowKind, cells: Vec<String>) -> Self {
        Self {
            kind,
            cells,
            notes: Vec::new(),
        }
    }
}

/// A table ready to be laid out.
#[derive(Debug, Clone)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
}

/// Regular text in body rows, bold in the others.
fn weight_of(kind: RowKind) -> Weight {
    if kind == RowKind::Body {
        Weight::Regular
    } else {
        Weight::Bold
    }
}

/// The widest cell (or second line under a cell) of each column that does not wrap, in ems.
pub struct Widest(Vec<f32>);

impl Widest {
    pub fn new(columns: &[Column]) -> Self {
        Self(vec![0.0; columns.len()])
    }

    /// Takes the widest cells of `other` (the same table's columns) into account.
    pub fn merge(&mut self, other: &Widest) {
        for (mine, theirs) in self.0.iter_mut().zip(&other.0) {
            *mine = mine.max(*theirs);
        }
    }

    /// Takes `row`'s cells into account. A large table notes each row as it is made, while
    /// its text is still in the processor's cache: measuring the 35,000 rows of the large
    /// plan's detail afterwards read every cell from memory again (about 150 ms).
    pub fn note(&mut self, columns: &[Column], row: &Row, shaper: &mut Shaper) {
        if row.kind == RowKind::Band {
            return;
        }
        for (j, col) in columns.iter().enumerate() {
            if col.wrap {
                continue;
            }
            let Some(widest) = self.0.get_mut(j) else {
                continue;
            };
            if let Some(c) = row.cells.get(j) {
                *widest = widest.max(shaper.width(c, weight_of(row.kind), 1.0));
            }
            if let Some(c) = row.notes.get(j) {
                *widest = widest.max(shaper.width(c, Weight::Regular, 0.8));
            }
        }
    }
}

/// Where the next content goes.
pub struct Flow<'a> {
    pub pdf: &'a mut Canvas,
    pub page: usize,
    pub y: f32,
}

impl<'a> Flow<'a> {
    pub fn new(pdf: &'a mut Canvas) -> Self {
        let page = pdf.add_page();
        Self { pdf, page, y: TOP }
    }

    pub fn new_page(&mut self) {
        self.page = self.pdf.add_page();
        self.y = TOP;
    }

    /// Starts a new page unless `height` still fits on this one.
    pub fn ensure(&mut self, height: f32) {
        if self.y + height > BOTTOM {
            self.new_page();
        }
    }

    /// A heading, kept on the same page as at least `keep` points of what follows.
    pub fn heading(&mut self, text: &str, size: f32, keep: f32) {
        let lines = self
            .pdf
            .shaper
            .wrap(text, Weight::Bold, size, CONTENT_WIDTH);
        let lh = self.pdf.line_height(text, Weight::Bold, size);
        self.ensure(lh * lines.len() as f32 + keep + 6.0);
        self.y += 4.0;
        for l in lines {
            self.y += lh;
            self.pdf.text(
                self.page,
                MARGIN_X,
                self.y - lh * 0.25,
                size,
                Weight::Bold,
                &accent(),
                &l,
                Align::Left,
            );
        }
        self.y += 4.0;
    }

    /// A paragraph of wrapped text.
    pub fn paragraph(&mut self, text: &str, size: f32, color: &Color) {
        let lines = self
            .pdf
            .shaper
            .wrap(text, Weight::Regular, size, CONTENT_WIDTH);
        for l in lines {
            let lh = self.pdf.line_height(&l, Weight::Regular, size);
            self.ensure(lh);
            self.y += lh;
            self.pdf.text(
                self.page,
                MARGIN_X,
                self.y - lh * 0.25,
                size,
                Weight::Regular,
                color,
                &l,
                Align::Left,
            );
        }
        self.y += 3.0;
    }

    /// Lays out `table` from the current position, continuing on new pages with the header
    /// repeated. Fonts shrink (down to 5.5 pt) until the number columns fit.
    pub fn table(&mut self, table: &Table) {
        let mut widest = Widest::new(&table.columns);
        for row in &table.rows {
            widest.note(&table.columns, row, &mut self.pdf.shaper);
        }
        self.measured_table(table, &widest);
    }

    /// [`Flow::table`] with the widest cells measured as the rows were made.
    pub fn measured_table<'t>(&mut self, table: &'t Table, widest: &Widest) {
        let n = table.columns.len();
        // Widths scale with the font size, so each column's widest content is measured once,
        // in ems: (widest header word, whole header, widest cell).
        let em_widths: Vec<(f32, f32, f32)> = table
            .columns
            .iter()
            .enumerate()
            .map(|(j, col)| {
                let header_words = col
                    .header
                    .split(' ')
                    .map(|w| self.pdf.width(w, Weight::Bold, 1.0))
                    .fold(0f32, f32::max);
                let header = self.pdf.width(&col.header, Weight::Bold, 1.0);
                (
                    header_words,
                    header,
                    widest.0.get(j).copied().unwrap_or(0.0),
                )
            })
            .collect();
        // Choose the largest size at which the fixed columns leave room for the text ones.
        let mut size = 7.5;
        let mut widths = vec![0f32; n];
        let pad = 4.0;
        loop {
            for (j, col) in table.columns.iter().enumerate() {
                let (header_words, header, cells) = em_widths[j];
                let w = if col.wrap {
                    header_words * size
                } else {
                    (header * size)
                        .min((header_words * size).max(size * 4.0))
                        .max(cells * size)
                        // Slack for the rounding of the wrapping measure, which otherwise
                        // breaks a one-word header exactly as wide as its column ("Actua l").
                        + 0.5
                };
                widths[j] = w + 2.0 * pad;
            }
            let fixed: f32 = table
                .columns
                .iter()
                .zip(&widths)
                .filter(|(c, _)| !c.wrap)
                .map(|(_, w)| *w)
                .sum();
            let wrap_weight: f32 = table
                .columns
                .iter()
                .filter(|c| c.wrap)
                .map(|c| c.weight)
                .sum();
            let min_text = if wrap_weight > 0.0 { 90.0 } else { 0.0 };
            if fixed + min_text <= CONTENT_WIDTH || size <= 5.5 {
                let free = (CONTENT_WIDTH - fixed).max(0.0);
                for (j, c) in table.columns.iter().enumerate() {
                    if c.wrap {
                        widths[j] = free * c.weight / wrap_weight.max(f32::EPSILON);
                    }
                }
                if wrap_weight == 0.0 {
                    // No text column to take the slack: stretch the first column.
                    widths[0] += free;
                }
                break;
            }
            size -= 0.5;
        }
        let xs: Vec<f32> = widths
            .iter()
            .scan(MARGIN_X, |x, w| {
                let here = *x;
                *x += w;
                Some(here)
            })
            .collect();
        let table_width: f32 = widths.iter().sum();

        // Header row height.
        let header_lines: Vec<Vec<String>> = table
            .columns
            .iter()
            .zip(&widths)
            .map(|(c, w)| {
                self.pdf
                    .shaper
                    .wrap(&c.header, Weight::Bold, size, w - 2.0 * pad)
            })
            .collect();
        let header_lh = table
            .columns
            .iter()
            .map(|c| self.pdf.line_height(&c.header, Weight::Bold, size))
            .fold(0f32, f32::max);
        let header_h =
            header_lines.iter().map(Vec::len).max().unwrap_or(1) as f32 * header_lh + 2.0 * pad;

        let draw_header = |flow: &mut Flow<'_>| {
            let (page, y) = (flow.page, flow.y);
            flow.pdf
                .fill(page, MARGIN_X, y, table_width, header_h, &header_fill());
            for (j, lines) in header_lines.iter().enumerate() {
                for (k, l) in lines.iter().enumerate() {
                    let baseline = y + pad + header_lh * (k as f32 + 1.0) - header_lh * 0.25;
                    let x = match table.columns[j].align {
                        Align::Left => xs[j] + pad,
                        Align::Right => xs[j] + widths[j] - pad,
                        Align::Center => xs[j] + widths[j] / 2.0,
                    };
                    flow.pdf.text(
                        page,
                        x,
                        baseline,
                        size,
                        Weight::Bold,
                        &accent(),
                        l,
                        table.columns[j].align,
                    );
                }
            }
            flow.y += header_h;
        };

        self.ensure(header_h + 3.0 * size * 1.75);
        draw_header(self);
        // The lines of `text` in column `j`: wrapped to it in a column that wraps, else its
        // one line, borrowed (a large annex has half a million of them).
        let column_lines = |shaper: &mut crate::text::Shaper,
                            text: &'t str,
                            j: usize,
                            weight: Weight,
                            size: f32|
         -> Vec<Cow<'t, str>> {
            if table.columns.get(j).is_some_and(|col| col.wrap) {
                shaper
                    .wrap(text, weight, size, widths[j] - 2.0 * pad)
                    .into_iter()
                    .map(Cow::Owned)
                    .collect()
            } else {
                vec![Cow::Borrowed(text)]
            }
        };
        for row in &table.rows {
            let weight = weight_of(row.kind);
            // Wrapped lines per cell; a cell of a column that does not wrap is its one line,
            // borrowed (a large annex has half a million of them).
            let mut cell_lines: Vec<Vec<Cow<'_, str>>> = if row.kind == RowKind::Band {
                vec![self
                    .pdf
                    .shaper
                    .wrap(
                        row.cells.first().map_or("", String::as_str),
                        weight,
                        size,
                        table_width - 2.0 * pad,
                    )
                    .into_iter()
                    .map(Cow::Owned)
                    .collect()]
            } else {
                row.cells
                    .iter()
                    .enumerate()
                    .map(|(j, c)| column_lines(&mut self.pdf.shaper, c, j, weight, size))
                    .collect()
            };
            let lh = row
                .cells
                .iter()
                .map(|c| self.pdf.line_height(c, weight, size))
                .fold(size * 1.3, f32::max);
            // Each cell's second line (a note in smaller, muted type: a cost line's catalogue
            // item, a year's quantity) goes under the cell's own lines, wrapped to its column
            // like the cell: drawn under the first line, it ran into a wrapped item's second.
            let note_size = size * 0.8;
            let note_lh = note_size * 1.3;
            let note_lines: Vec<Vec<Cow<'_, str>>> = if row.kind == RowKind::Band {
                Vec::new()
            } else {
                row.notes
                    .iter()
                    .enumerate()
                    .map(|(j, note)| {
                        if note.is_empty() {
                            Vec::new()
                        } else {
                            column_lines(&mut self.pdf.shaper, note, j, Weight::Regular, note_size)
                        }
                    })
                    .collect()
            };
            let note_h = note_lines.iter().map(Vec::len).max().unwrap_or(0) as f32 * note_lh;
            // A row is never taller than a page under the table's header: a cell with more
            // lines than fit is cut, its last line ending in an ellipsis (the workbook and the
            // JSON keep the whole text).
            let room = BOTTOM - TOP - header_h - note_h - pad - 2.0 * (size * 1.75 + pad);
            let fit = ((room / lh).floor() as usize).max(1);
            for (j, lines) in cell_lines.iter_mut().enumerate() {
                if lines.len() > fit {
                    lines.truncate(fit);
                    let width = if row.kind == RowKind::Band {
                        table_width
                    } else {
                        widths.get(j).copied().unwrap_or(table_width)
                    } - 2.0 * pad;
                    if let Some(last) = lines.last_mut() {
                        let last = last.to_mut();
                        while !last.is_empty()
                            && self.pdf.shaper.width(&format!("{last}…"), weight, size) > width
                        {
                            last.pop();
                        }
                        last.push('…');
                    }
                }
            }
            // The lines of a cell and of its note, one column after another.
            let cell_lines_of = |j: usize| cell_lines.get(j).map_or(0, Vec::len).max(1) as f32;
            let content = (0..cell_lines.len().max(note_lines.len()))
                .map(|j| {
                    cell_lines_of(j) * lh + note_lines.get(j).map_or(0, Vec::len) as f32 * note_lh
                })
                .fold(lh, f32::max);
            let h = content + pad;
            // A band (an activity's or output's title) stays with at least one row after it.
            let keep = if row.kind == RowKind::Band {
                2.0 * (size * 1.75 + pad)
            } else {
                0.0
            };
            if self.y + h + keep > BOTTOM {
                self.new_page();
                draw_header(self);
            }
            let (page, y) = (self.page, self.y);
            match row.kind {
                RowKind::Subtotal | RowKind::Band => {
                    self.pdf
                        .fill(page, MARGIN_X, y, table_width, h, &subtotal_fill())
                }
                RowKind::Total => self
                    .pdf
                    .fill(page, MARGIN_X, y, table_width, h, &header_fill()),
                RowKind::Body => {}
            }
            let color = if row.kind == RowKind::Band {
                accent()
            } else {
                black()
            };
            if row.kind == RowKind::Band {
                for (k, l) in cell_lines[0].iter().enumerate() {
                    let baseline = y + pad / 2.0 + lh * (k as f32 + 1.0) - lh * 0.25;
                    self.pdf.text(
                        page,
                        MARGIN_X + pad,
                        baseline,
                        size,
                        weight,
                        &color,
                        l,
                        Align::Left,
                    );
                }
            } else {
                let anchor = |j: usize, col: &Column| match col.align {
                    Align::Left => xs[j] + pad,
                    Align::Right => xs[j] + widths[j] - pad,
                    Align::Center => xs[j] + widths[j] / 2.0,
                };
                for (j, lines) in cell_lines.iter().enumerate() {
                    let Some(col) = table.columns.get(j) else {
                        continue;
                    };
                    let x = anchor(j, col);
                    for (k, l) in lines.iter().enumerate() {
                        let baseline = y + pad / 2.0 + lh * (k as f32 + 1.0) - lh * 0.25;
                        self.pdf
                            .text(page, x, baseline, size, weight, &color, l, col.align);
                    }
                }
                // The second lines after all the cells, so that the page switches colour and
                // size once per row rather than once per cell (a sixth of a large annex's
                // bytes went on switching back and forth).
                for (j, col) in table.columns.iter().enumerate() {
                    let Some(notes) = note_lines.get(j) else {
                        continue;
                    };
                    let x = anchor(j, col);
                    let below = y + pad / 2.0 + lh * cell_lines_of(j);
                    for (m, note) in notes.iter().enumerate() {
                        let baseline = below + note_lh * (m as f32 + 1.0) - size * 0.2;
                        self.pdf.text(
                            page,
                            x,
                            baseline,
                            note_size,
                            Weight::Regular,
                            &muted(),
                            note,
                            col.align,
                        );
                    }
                }
            }
            self.y += h;
            self.pdf.rule(
                page,
                MARGIN_X,
                self.y,
                MARGIN_X + table_width,
                self.y,
                0.3,
                &line_color(),
            );
        }
        self.y += 10.0;
    }
}

/// The footer of page `page` (of `pages`): a rule, `left` at the left and "Page X of Y" in
/// `lang` at the right.
pub fn page_footer(
    pdf: &mut Pdf,
    page: usize,
    pages: usize,
    left: &str,
    lang: crate::labels::Lang,
) {
    let fy = PAGE_HEIGHT - 20.0;
    pdf.rule(
        page,
        MARGIN_X,
        fy - 12.0,
        PAGE_WIDTH - MARGIN_X,
        fy - 12.0,
        0.5,
        &line_color(),
    );
    pdf.text(
        page,
        MARGIN_X,
        fy,
        7.5,
        Weight::Regular,
        &muted(),
        left,
        Align::Left,
    );
    let number = crate::labels::tf(
        lang,
        "page",
        &[("x", &(page + 1).to_string()), ("y", &pages.to_string())],
    );
    pdf.text(
        page,
        PAGE_WIDTH - MARGIN_X,
        fy,
        7.5,
        Weight::Regular,
        &muted(),
        &number,
        Align::Right,
    );
}
