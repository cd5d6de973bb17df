//! Reading the tables of a Word document (.docx) into the cells the importer works on.
//!
//! Ministries often keep their logframe and budget as tables in the Word text of the plan,
//! with cells merged across (a heading over the table) and down (an outcome beside its
//! outputs). Each table of the document's body is offered as a sheet: its rows, each cell's
//! text (one line per paragraph, so that several indicators in one cell stay several), and
//! its merged regions as the spreadsheet importer knows them. A table inside a cell is read
//! as that cell's text.
//!
//! The paragraph just above a table, when it reads as its caption (short, not a sentence
//! ending in a full stop), is the sheet's first row, as a title above a spreadsheet's table:
//! "Tableau 3 : Budget (en millions de FCFA)" states the multiple of its amounts.
//!
//! Only what the document shows is read: deleted text of tracked changes, field codes and
//! the fallback copy of a drawing are left out.

use nap_core::sheet_import::{said, Merged, Said, Sheet};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// The most rows and columns read from one table (as for a sheet).
const MAX_ROWS: usize = 300_000;
const MAX_COLUMNS: usize = 200;
/// The most characters of the paragraph above a table kept in its name.
const NAME_CHARS: usize = 60;
/// The most characters of a caption: a longer paragraph is text, not a table's title.
const CAPTION_CHARS: usize = 150;

/// The paragraph above a table as its name says it: whole up to [`NAME_CHARS`], else cut
/// after its last whole word within them, with "…" ("Tableau 4 : Matrice de mise en œuvre
/// et du budget…", not "… et du budget prévis").
fn short_name(paragraph: &str) -> String {
    if paragraph.chars().count() <= NAME_CHARS {
        return paragraph.to_string();
    }
    let cut: String = paragraph.chars().take(NAME_CHARS).collect();
    // Cut before the word the limit falls in (a word cut at the limit ends it exactly).
    let whole = match paragraph[cut.len()..].starts_with(char::is_whitespace) {
        true => cut.as_str(),
        false => cut
            .rsplit_once(char::is_whitespace)
            .map_or(cut.as_str(), |(w, _)| w),
    };
    let whole = whole.trim_end_matches(|c: char| c.is_whitespace() || "([{:;,–—-".contains(c));
    format!("{whole}…")
}

/// `paragraph` when it reads as the caption of the table below it.
fn caption(paragraph: &str) -> Option<String> {
    let sentence = paragraph.ends_with(['.', '!', '?', '។', '။']);
    (!paragraph.is_empty() && !sentence && paragraph.chars().count() <= CAPTION_CHARS)
        .then(|| paragraph.to_string())
}

/// One table of the document.
#[derive(Debug, Clone)]
pub(crate) struct WordTable {
    /// Its name in any language (`import.said.word_table` or `word_table_named`): its
    /// number in the document and the paragraph above it.
    pub label: Said,
    pub sheet: Sheet,
    /// How many of its cells hold text: the fullest table is the one offered first.
    pub filled: usize,
}

impl WordTable {
    /// "Table 2 — Budget", the name `--sheet` takes: the label in English.
    pub fn name(&self) -> &str {
        &self.label.message
    }
}

/// How a cell takes part in a region merged down its column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Down {
    /// Not merged down.
    No,
    /// The first cell of the region.
    Starts,
    /// A cell under the first: its text is the region's.
    Continues,
}

/// The cell being read.
#[derive(Debug)]
struct Cell {
    lines: Vec<String>,
    line: String,
    span: usize,
    down: Down,
}

impl Cell {
    fn new() -> Self {
        Self {
            lines: Vec::new(),
            line: String::new(),
            span: 1,
            down: Down::No,
        }
    }

    /// Ends a paragraph (or a line break): an empty one adds no line.
    fn end_line(&mut self) {
        let line = std::mem::take(&mut self.line);
        let line = line.trim();
        if !line.is_empty() {
            self.lines.push(line.to_string());
        }
    }
}

/// The table being read.
#[derive(Debug, Default)]
struct Table {
    rows: Vec<Vec<String>>,
    merged: Vec<Merged>,
    /// Per column: the region merged down it that is still open (first row, last column).
    open_down: Vec<Option<(usize, usize)>>,
    row: Vec<String>,
    cell: Option<Cell>,
    too_wide: bool,
}

impl Table {
    /// Closes the region merged down from column `col`, if one is open, at the last row read.
    fn close_down(&mut self, col: usize) {
        if let Some(Some((first_row, last_col))) = self.open_down.get_mut(col).map(Option::take) {
            let last_row = self.rows.len().saturating_sub(1);
            if last_row > first_row {
                self.merged.push(Merged {
                    first_row,
                    first_col: col,
                    last_row,
                    last_col,
                });
            }
        }
    }

    fn end_cell(&mut self) {
        let Some(mut cell) = self.cell.take() else {
            return;
        };
        cell.end_line();
        let (r, col) = (self.rows.len(), self.row.len());
        if col + cell.span > MAX_COLUMNS {
            self.too_wide = true;
            return;
        }
        let last_col = col + cell.span - 1;
        if self.open_down.len() <= last_col {
            self.open_down.resize(last_col + 1, None);
        }
        match cell.down {
            Down::Continues if self.open_down[col].is_some() => {
                // Word keeps the region's text in its first cell; this one repeats nothing.
                self.row.push(String::new());
            }
            down => {
                self.close_down(col);
                if down != Down::No {
                    self.open_down[col] = Some((r, last_col));
                }
                self.row.push(cell.lines.join("\n"));
            }
        }
        self.row
            .extend(std::iter::repeat_n(String::new(), cell.span - 1));
        if cell.span > 1 {
            self.merged.push(Merged {
                first_row: r,
                first_col: col,
                last_row: r,
                last_col,
            });
        }
    }

    fn end_row(&mut self) {
        self.end_cell();
        // A column this row does not reach ends its region merged down.
        for col in self.row.len()..self.open_down.len() {
            self.close_down(col);
        }
        let mut row = std::mem::take(&mut self.row);
        while row.last().is_some_and(String::is_empty) {
            row.pop();
        }
        self.rows.push(row);
    }

    /// The table read, named by `label` (its English wording is the name `--sheet` takes).
    fn finish(mut self, label: Said, caption: Option<String>) -> WordTable {
        self.end_cell();
        if !self.row.is_empty() {
            self.end_row();
        }
        // Regions still open reach the table's last row (kept even when empty: a region
        // names it).
        for col in 0..self.open_down.len() {
            self.close_down(col);
        }
        let filled = (self.rows.iter().flatten())
            .filter(|c| !c.is_empty())
            .count();
        if let Some(caption) = caption {
            self.rows.insert(0, vec![caption]);
            for region in &mut self.merged {
                region.first_row += 1;
                region.last_row += 1;
            }
        }
        WordTable {
            label,
            sheet: Sheet {
                rows: self.rows,
                merged: self.merged,
            },
            filled,
        }
    }
}

/// The value of attribute `w:val` (any prefix) of `e`.
fn val(e: &BytesStart) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == "val")
        .map(|a| a.value.into_owned())
}

/// Why a document's tables cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum WordError {
    /// The XML is not well-formed (a damaged file).
    Damaged(String),
    /// A table has more rows than [`MAX_ROWS`].
    TooManyRows(String),
}

/// The tables of the body of `document` (the text of `word/document.xml`), in order.
pub(crate) fn tables(document: &str) -> Result<Vec<WordTable>, WordError> {
    let mut reader = Reader::from_str(document);
    let mut found = Vec::new();
    // How deep in tables the reader is (a table in a cell is 2), and in fallback content.
    let mut depth = 0usize;
    let mut fallback = 0usize;
    let mut in_text = false;
    let mut in_tabs = false;
    let mut table = Table::default();
    // The text of the last paragraph outside tables, to name the next table.
    let mut paragraph = String::new();
    let mut above = String::new();
    loop {
        let event = reader
            .read_event()
            .map_err(|e| WordError::Damaged(e.to_string()))?;
        match event {
            Event::Eof => break,
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                let name = e.local_name();
                let name = name.as_ref();
                if name == "Fallback" && !empty {
                    fallback += 1;
                }
                if fallback > 0 {
                    continue;
                }
                match name {
                    "tbl" if !empty => {
                        depth += 1;
                        if depth == 1 {
                            table = Table::default();
                        }
                    }
                    "tr" if depth == 1 && !empty => table.row.clear(),
                    "tc" if depth == 1 => {
                        table.end_cell();
                        table.cell = Some(Cell::new());
                        if empty {
                            table.end_cell();
                        }
                    }
                    "gridBefore" if depth == 1 => {
                        let n: usize = val(e).and_then(|v| v.parse().ok()).unwrap_or(0);
                        let n = n.min(MAX_COLUMNS.saturating_sub(table.row.len()));
                        table.row.extend(std::iter::repeat_n(String::new(), n));
                    }
                    "gridSpan" if depth == 1 => {
                        if let Some(cell) = table.cell.as_mut() {
                            let span: usize = val(e).and_then(|v| v.parse().ok()).unwrap_or(1);
                            cell.span = span.clamp(1, MAX_COLUMNS);
                        }
                    }
                    "vMerge" if depth == 1 => {
                        if let Some(cell) = table.cell.as_mut() {
                            cell.down = match val(e).as_deref() {
                                Some("restart") => Down::Starts,
                                _ => Down::Continues,
                            };
                        }
                    }
                    "t" if !empty => in_text = true,
                    // Tab stops of a paragraph's settings, not a tab in its text.
                    "tabs" if !empty => in_tabs = true,
                    "tab" if in_tabs => {}
                    "tab" | "br" | "cr" => {
                        let line = if name == "tab" { " " } else { "\n" };
                        match table.cell.as_mut() {
                            Some(cell) if depth > 0 && line == "\n" => cell.end_line(),
                            Some(cell) if depth > 0 => cell.line.push_str(line),
                            _ => paragraph.push_str(line),
                        }
                    }
                    _ => {}
                }
            }
            Event::End(ref e) => {
                let name = e.local_name();
                let name = name.as_ref();
                if name == "Fallback" {
                    fallback = fallback.saturating_sub(1);
                    continue;
                }
                if fallback > 0 {
                    continue;
                }
                match name {
                    "t" => in_text = false,
                    "tabs" => in_tabs = false,
                    "p" => match table.cell.as_mut() {
                        Some(cell) if depth > 0 => cell.end_line(),
                        _ => {
                            let text = paragraph.trim();
                            if !text.is_empty() {
                                above = text.to_string();
                            }
                            paragraph.clear();
                        }
                    },
                    "tc" if depth == 1 => table.end_cell(),
                    "tr" if depth == 1 => {
                        table.end_row();
                        if table.rows.len() > MAX_ROWS {
                            return Err(WordError::TooManyRows(format!(
                                "Table {}",
                                found.len() + 1
                            )));
                        }
                    }
                    "tbl" if depth > 0 => {
                        depth -= 1;
                        if depth == 0 {
                            let n = found.len() + 1;
                            let named = short_name(&above);
                            let label = if named.is_empty() {
                                said("word_table", &[("n", n.to_string())])
                            } else {
                                said(
                                    "word_table_named",
                                    &[("n", n.to_string()), ("paragraph", named)],
                                )
                            };
                            found.push(std::mem::take(&mut table).finish(label, caption(&above)));
                            above.clear();
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(t) if in_text && fallback == 0 => {
                push_text(&mut table, depth, &mut paragraph, &t)
            }
            Event::GeneralRef(r) if in_text && fallback == 0 => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c.to_string()),
                    _ => quick_xml::escape::resolve_predefined_entity(&r).map(str::to_string),
                };
                if let Some(text) = resolved {
                    push_text(&mut table, depth, &mut paragraph, &text);
                }
            }
            _ => {}
        }
    }
    Ok(found)
}

/// Adds `text` to the cell being read, or to the paragraph outside tables.
fn push_text(table: &mut Table, depth: usize, paragraph: &mut String, text: &str) {
    match table.cell.as_mut() {
        Some(cell) if depth > 0 => cell.line.push_str(text),
        _ => paragraph.push_str(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A Word body as Word writes it: `cells` is one `<w:tr>` per row, each cell's XML.
    fn body(before: &str, rows: &[&[&str]]) -> String {
        let rows: String = rows
            .iter()
            .map(|cells| {
                format!(
                    "<w:tr><w:trPr><w:tblHeader/></w:trPr>{}</w:tr>",
                    cells.concat()
                )
            })
            .collect();
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>{before}<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>{rows}</w:tbl><w:p><w:r><w:t>Après le tableau</w:t></w:r></w:p></w:body></w:document>"#
        )
    }

    fn p(text: &str) -> String {
        format!(
            r#"<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#
        )
    }

    fn tc(props: &str, paragraphs: &[&str]) -> String {
        let ps: String = paragraphs.iter().map(|t| p(t)).collect();
        format!("<w:tc><w:tcPr>{props}</w:tcPr>{ps}</w:tc>")
    }

    #[test]
    fn a_table_reads_as_rows_with_its_merged_cells_and_lines() {
        let heading = tc(r#"<w:gridSpan w:val="3"/>"#, &["AXE 1. PRÉVENTION"]);
        let outcome = tc(r#"<w:vMerge w:val="restart"/>"#, &["OS 1.1 : Sensibiliser"]);
        let below = tc("<w:vMerge/>", &[]);
        let two = tc("", &["Émissions radio", "Théâtre forum"]);
        let amount = tc("", &["1 250 000"]);
        let third = tc("", &["Ateliers &amp; débats &#x2013; 2027"]);
        let empty = tc("", &[]);
        let rows: Vec<Vec<String>> = vec![
            vec![
                tc("", &["Objectif"]),
                tc("", &["Activités"]),
                tc("", &["2027"]),
            ],
            vec![heading],
            vec![outcome, two, amount.clone()],
            vec![below.clone(), third, amount],
            vec![below, empty.clone(), empty],
        ];
        let rows: Vec<Vec<&str>> = rows
            .iter()
            .map(|r| r.iter().map(String::as_str).collect())
            .collect();
        let rows: Vec<&[&str]> = rows.iter().map(Vec::as_slice).collect();
        let xml = body(&p("Tableau 3 : Cadre logique"), &rows);
        let found = tables(&xml).unwrap();
        assert_eq!(found.len(), 1);
        let t = &found[0];
        assert_eq!(t.name(), "Table 1 — Tableau 3 : Cadre logique");

        // The name in the app's language: its number and the paragraph, for the catalogue's
        // "Table {n} — {paragraph}" (in Khmer "តារាង {n} — {paragraph}").
        assert_eq!(t.label.code, "word_table_named");
        assert_eq!(
            (t.label.values.get("n"), t.label.values.get("paragraph")),
            (
                Some(&"1".to_string()),
                Some(&"Tableau 3 : Cadre logique".to_string())
            )
        );
        assert_eq!(
            t.sheet.rows,
            vec![
                vec!["Tableau 3 : Cadre logique"],
                vec!["Objectif", "Activités", "2027"],
                vec!["AXE 1. PRÉVENTION"],
                vec![
                    "OS 1.1 : Sensibiliser",
                    "Émissions radio\nThéâtre forum",
                    "1 250 000"
                ],
                vec!["", "Ateliers & débats – 2027", "1 250 000"],
                vec![],
            ]
        );
        let region = |first_row, first_col, last_row, last_col| Merged {
            first_row,
            first_col,
            last_row,
            last_col,
        };
        assert_eq!(t.sheet.merged, vec![region(2, 0, 2, 2), region(3, 0, 5, 0)]);
        assert_eq!(t.filled, 9, "the caption is not counted");
    }

    #[test]
    fn only_what_the_document_shows_is_read() {
        // A deleted word of a tracked change, a field code, a drawing's fallback copy, and a
        // table inside a cell (read as the cell's lines).
        let cell = r#"<w:tc><w:p><w:r><w:t>Former</w:t></w:r><w:del><w:r><w:delText> pas</w:delText></w:r></w:del><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:tab/><w:t>les comités</w:t></w:r><w:r><w:br/><w:t>locaux</w:t></w:r></w:p><mc:AlternateContent><mc:Choice><w:p><w:r><w:t>Zone</w:t></w:r></w:p></mc:Choice><mc:Fallback><w:p><w:r><w:t>Zone</w:t></w:r></w:p></mc:Fallback></mc:AlternateContent><w:tbl><w:tr><w:tc><w:p><w:r><w:t>imbriqué</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:tc>"#;
        let xml = body("", &[&[cell, r#"<w:tc><w:p/></w:tc>"#]]);
        let found = tables(&xml).unwrap();
        assert_eq!(found[0].name(), "Table 1");
        assert_eq!(found[0].label.code, "word_table");
        assert_eq!(
            found[0].sheet.rows,
            vec![vec!["Former les comités\nlocaux\nZone\nimbriqué"]]
        );
    }

    #[test]
    fn cells_skipped_at_the_start_of_a_row_keep_the_columns_in_place() {
        let row = r#"<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr><w:tc><w:p><w:r><w:t>B</w:t></w:r></w:p></w:tc></w:tr>"#;
        let xml = format!(
            r#"<w:document xmlns:w="w"><w:body><w:tbl><w:tr><w:tc><w:p><w:r><w:t>A</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>B</w:t></w:r></w:p></w:tc></w:tr>{row}</w:tbl><w:p/><w:tbl><w:tr><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>"#
        );
        let found = tables(&xml).unwrap();
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].sheet.rows, vec![vec!["A", "B"], vec!["", "B"]]);
        assert_eq!(found[1].name(), "Table 2");
    }

    #[test]
    fn damaged_xml_is_refused_not_guessed() {
        let err = tables("<w:document><w:body><w:tbl><w:tr></w:tc></w:body>").unwrap_err();
        assert!(matches!(err, WordError::Damaged(_)), "{err:?}");
    }

    #[test]
    fn a_caption_is_a_short_title_not_a_sentence() {
        assert_eq!(
            caption("Tableau 3 : Budget (en millions de FCFA)").as_deref(),
            Some("Tableau 3 : Budget (en millions de FCFA)")
        );
        assert_eq!(caption("Le budget total est de 3 milliards de FCFA."), None);
        assert_eq!(caption("ថវិកាសរុបគឺ ៣ ពាន់លានរៀល។"), None);
        assert_eq!(caption(&"Budget ".repeat(30)), None);
        assert_eq!(caption(""), None);
    }

    #[test]
    fn a_long_paragraph_names_its_table_up_to_its_last_whole_word() {
        let long = "Tableau 4 : Matrice de mise en œuvre et budget (en milliers de FCFA)";
        assert_eq!(
            short_name(long),
            "Tableau 4 : Matrice de mise en œuvre et budget (en milliers…"
        );
        let cut_in_a_word = "Tableau 4 : Matrice de mise en œuvre et du budget prévisionnel (FCFA)";
        assert_eq!(
            short_name(cut_in_a_word),
            "Tableau 4 : Matrice de mise en œuvre et du budget…"
        );
        assert_eq!(short_name("Budget"), "Budget");
        let exact = "a".repeat(NAME_CHARS);
        assert_eq!(short_name(&exact), exact, "as long as allowed: whole");
        // Khmer has no spaces between words: cut at the limit.
        let khmer = "ថវិកា".repeat(20);
        let named = short_name(&khmer);
        assert_eq!(named.chars().count(), NAME_CHARS + 1);
        assert!(named.ends_with('…'));
    }
}
