//! Reading a spreadsheet into the cells the importer works on: .xlsx, .xlsm, .xlsb, .xls and
//! .ods through calamine (with their merged regions), .csv/.tsv/.txt with the delimiter
//! found in the file and Windows-1252 text when it is not UTF-8, and the tables of a Word
//! document (.docx), each offered as a sheet.

use crate::AppError;
use calamine::{open_workbook_auto, Data, Reader, Sheets};
use nap_core::sheet_import::{Merged, Said, Sheet};
use std::path::Path;

/// Files above this size are refused before reading (a 30,000-row costing is a few MB).
pub const MAX_SHEET_BYTES: u64 = 256 * 1024 * 1024;

/// The file name extensions read: what the open dialog offers.
pub const EXTENSIONS: &[&str] = &[
    "xlsx", "xlsm", "xlsb", "xls", "ods", "csv", "tsv", "txt", "docx", "docm",
];

/// The most rows and columns read from a sheet: a sheet with a million formatted but empty
/// rows stops here instead of filling memory.
const MAX_ROWS: usize = 300_000;
const MAX_COLUMNS: usize = 200;

/// A sheet read from a file, and what else the file holds.
#[derive(Debug, Clone)]
pub struct ReadSheet {
    pub sheet: Sheet,
    /// The name of the sheet (or Word table) read ("" for CSV).
    pub name: String,
    /// Every sheet of the workbook (or table of the document), in order.
    pub names: Vec<String>,
    /// The same names as the app shows them in its language, one per name: a Word table's
    /// "Table 2" is said in Khmer too; a workbook's sheet (`None`) keeps its own name.
    pub labels: Vec<Option<Said>>,
}

fn bad(path: &Path, message: impl Into<String>) -> AppError {
    AppError::Input {
        path: path.to_path_buf(),
        message: message.into(),
    }
}

/// Reads `sheet` of the workbook or CSV file at `path` (the first sheet with data when
/// `None`).
pub fn read(path: &Path, sheet: Option<&str>) -> Result<ReadSheet, AppError> {
    let len = std::fs::metadata(path)
        .map_err(|e| AppError::io(path, e))?
        .len();
    if len > MAX_SHEET_BYTES {
        return Err(bad(path, format!("the file is {len} bytes; the largest spreadsheet accepted is {MAX_SHEET_BYTES} bytes")));
    }
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "csv" | "tsv" | "txt" => read_csv(path),
        "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" => read_workbook(path, sheet),
        "docx" | "docm" => read_word(path, sheet),
        "doc" | "odt" | "rtf" => Err(bad(
            path,
            "NAP Studio reads the tables of Word documents saved as .docx: open this one in Word or LibreOffice, save it as .docx, and import that",
        )),
        _ => Err(bad(
            path,
            "NAP Studio reads spreadsheets saved as .xlsx, .xlsm, .xlsb, .xls, .ods or .csv, and the tables of Word documents saved as .docx",
        )),
    }
}

/// Whether the file is an Office workbook saved with a password: an OLE compound file
/// holding an `EncryptedPackage` stream (its name is stored in UTF-16).
fn is_password_protected(path: &Path) -> bool {
    const OLE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    let Ok(bytes) = std::fs::read(path) else {
        return false;
    };
    let name: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    bytes.starts_with(&OLE) && bytes.windows(name.len()).any(|w| w == name.as_slice())
}

fn read_workbook(path: &Path, wanted: Option<&str>) -> Result<ReadSheet, AppError> {
    let mut book = open_workbook_auto(path).map_err(|e| {
        // Only a workbook that cannot be read is looked at again, to say why.
        if is_password_protected(path) {
            return bad(path, "the workbook is protected by a password: open it in the spreadsheet program, remove the password and save it again");
        }
        bad(path, format!("the workbook cannot be read ({}); is it password-protected or damaged? Save it again from the spreadsheet program", nap_core::text::cut_long(&e.to_string())))
    })?;
    let names = book.sheet_names();
    if names.is_empty() {
        return Err(bad(path, "the workbook has no sheets"));
    }
    let mut chosen = None;
    for name in &names {
        if wanted.is_some_and(|w| w != name) {
            continue;
        }
        let range = book.worksheet_range(name).map_err(|e| {
            bad(
                path,
                format!(
                    "the sheet \"{name}\" cannot be read ({})",
                    nap_core::text::cut_long(&e.to_string())
                ),
            )
        })?;
        if wanted.is_some()
            || range
                .used_cells()
                .any(|(_, _, c)| !matches!(c, Data::Empty))
        {
            chosen = Some((name.clone(), range));
            break;
        }
    }
    let Some((name, range)) = chosen else {
        return Err(match wanted {
            Some(w) => bad(
                path,
                format!(
                    "the workbook has no sheet \"{}\"; its sheets are {}",
                    nap_core::text::quoted(w),
                    names.join(", ")
                ),
            ),
            None => bad(path, "every sheet of the workbook is empty"),
        });
    };
    let (top, left) = range
        .start()
        .map_or((0, 0), |(r, c)| (r as usize, c as usize));
    let mut rows: Vec<Vec<String>> = vec![Vec::new(); top];
    for row in range.rows() {
        if rows.len() >= MAX_ROWS {
            return Err(bad(
                path,
                format!("the sheet \"{name}\" has more than {MAX_ROWS} rows"),
            ));
        }
        let mut cells = vec![String::new(); left];
        cells.extend(row.iter().take(MAX_COLUMNS).map(cell_text));
        while cells.last().is_some_and(String::is_empty) {
            cells.pop();
        }
        rows.push(cells);
    }
    while rows.last().is_some_and(Vec::is_empty) {
        rows.pop();
    }
    let regions = match &mut book {
        Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(&name).unwrap_or_default(),
        Sheets::Xls(x) => x.merge_cells_by_sheet_name(&name).unwrap_or_default(),
        _ => Vec::new(),
    };
    let merged = regions
        .into_iter()
        .map(|d| Merged {
            first_row: d.start.0 as usize,
            first_col: d.start.1 as usize,
            last_row: d.end.0 as usize,
            last_col: d.end.1 as usize,
        })
        .collect();
    Ok(ReadSheet {
        sheet: Sheet { rows, merged },
        name,
        labels: vec![None; names.len()],
        names,
    })
}

/// Reads table `wanted` of the Word document at `path` (its fullest table when `None`).
fn read_word(path: &Path, wanted: Option<&str>) -> Result<ReadSheet, AppError> {
    use crate::word_tables::{tables, WordError};
    use std::io::Read;
    let damaged = |why: &str| {
        bad(
            path,
            format!(
                "the document cannot be read ({}); is it damaged? Save it again from Word",
                nap_core::text::cut_long(why)
            ),
        )
    };
    let file = std::fs::File::open(path).map_err(|e| AppError::io(path, e))?;
    let mut archive = zip::ZipArchive::new(std::io::BufReader::new(file)).map_err(|e| {
        // Only a document that cannot be read is looked at again, to say why.
        if is_password_protected(path) {
            return bad(path, "the document is protected by a password: open it in Word, remove the password and save it again");
        }
        damaged(&e.to_string())
    })?;
    let mut xml = String::new();
    archive
        .by_name("word/document.xml")
        .map_err(|_| {
            bad(
                path,
                "the file is not a Word document (it has no word/document.xml)",
            )
        })?
        // A part that unpacks to more than a spreadsheet may hold is refused, not read whole.
        .take(MAX_SHEET_BYTES + 1)
        .read_to_string(&mut xml)
        .map_err(|e| damaged(&e.to_string()))?;
    if xml.len() as u64 > MAX_SHEET_BYTES {
        return Err(bad(
            path,
            format!("the document's text is more than {MAX_SHEET_BYTES} bytes"),
        ));
    }
    let found = tables(&xml).map_err(|e| match e {
        WordError::Damaged(why) => damaged(&why),
        WordError::TooManyRows(table) => bad(
            path,
            format!("{table} of the document has more than {MAX_ROWS} rows"),
        ),
    })?;
    if found.is_empty() {
        return Err(bad(path, "the document has no tables: NAP Studio imports the tables of a Word document (a logframe, a budget)"));
    }
    let names: Vec<String> = found.iter().map(|t| t.name().to_string()).collect();
    let labels: Vec<Option<Said>> = found.iter().map(|t| Some(t.label.clone())).collect();
    let chosen = match wanted {
        Some(w) => found.into_iter().find(|t| t.name() == w).ok_or_else(|| {
            bad(
                path,
                format!(
                    "the document has no table \"{}\"; its tables are {}",
                    nap_core::text::quoted(w),
                    names.join(", ")
                ),
            )
        })?,
        // The fullest table (the first of those as full): the logframe or the budget rather
        // than a list of acronyms.
        None => found
            .into_iter()
            .rev()
            .max_by_key(|t| t.filled)
            .filter(|t| t.filled > 0)
            .ok_or_else(|| bad(path, "every table of the document is empty"))?,
    };
    Ok(ReadSheet {
        name: chosen.name().to_string(),
        sheet: chosen.sheet,
        names,
        labels,
    })
}

/// A cell as the importer reads it: text as typed, a number as a plain decimal, a formula
/// error as its code (`#REF!`), a date as ISO 8601.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        // The shortest text that reads back as the same binary number: what the sheet shows
        // for the values people type (1250000.5, 0.1); the importer reads it as a decimal.
        Data::Float(f) => format!("{f}"),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.into(),
        Data::DateTime(d) => d.to_string(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
    }
}

fn read_csv(path: &Path) -> Result<ReadSheet, AppError> {
    let bytes = std::fs::read(path).map_err(|e| AppError::io(path, e))?;
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&bytes);
    // UTF-8 when it is; otherwise the Windows code page that Excel uses in Europe and Africa.
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t.to_string(),
        Err(_) => encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned(),
    };
    if text.contains('\0') {
        return Err(bad(
            path,
            "the file is not text (is it a spreadsheet saved with a .csv name?)",
        ));
    }
    let delimiter = sniff_delimiter(&text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows: Vec<Vec<String>> = Vec::new();
    // The CSV reader skips empty lines, which a spreadsheet shows as empty rows: they are
    // put back, so that every row keeps the number the officer sees (a record's cell may
    // itself hold several lines). Lines are counted from the records' byte offsets.
    let (mut counted_to, mut lines_before) = (0usize, 0usize);
    let mut next_line = 0;
    for record in reader.records() {
        let record = record.map_err(|e| bad(path, format!("the file is not valid CSV ({e})")))?;
        // The reader's offset is where it resumed, before the empty lines it skipped.
        let resumed = record.position().map_or(counted_to, |p| p.byte() as usize);
        let start = (resumed
            + (text.as_bytes().get(resumed..).unwrap_or_default())
                .iter()
                .take_while(|b| matches!(b, b'\n' | b'\r'))
                .count())
        .clamp(counted_to, text.len());
        lines_before += (text.as_bytes()[counted_to..start].iter())
            .filter(|b| **b == b'\n')
            .count();
        counted_to = start;
        let blank = lines_before.saturating_sub(next_line);
        next_line = lines_before
            + 1
            + record
                .iter()
                .map(|c| c.matches('\n').count())
                .sum::<usize>();
        if rows.len() + blank >= MAX_ROWS {
            return Err(bad(path, format!("the file has more than {MAX_ROWS} rows")));
        }
        rows.extend(std::iter::repeat_n(Vec::new(), blank));
        rows.push(
            record
                .iter()
                .take(MAX_COLUMNS)
                .map(str::to_string)
                .collect(),
        );
    }
    Ok(ReadSheet {
        sheet: Sheet {
            rows,
            merged: vec![],
        },
        name: String::new(),
        names: vec![],
        labels: vec![],
    })
}

/// The delimiter used most consistently in the first lines: `,`, `;` or a tab.
fn sniff_delimiter(text: &str) -> u8 {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(20)
        .collect();
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| {
            let counts: Vec<usize> = lines
                .iter()
                .map(|l| l.bytes().filter(|b| b == d).count())
                .collect();
            let nonzero = counts.iter().filter(|c| **c > 0).count();
            (nonzero, counts.iter().sum::<usize>())
        })
        .unwrap_or(b',')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A CSV saved by Excel in Europe or West Africa is Windows-1252, not UTF-8: its accents
    /// arrive as written, and its semicolons are found.
    #[test]
    fn a_windows_1252_csv_is_read_with_its_accents() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("budget.csv");
        // "Axe;Intitulé\nAxe 2;Prévention\n" in Windows-1252 (é is 0xE9).
        std::fs::write(&path, b"Axe;Intitul\xe9\nAxe 2;Pr\xe9vention\n").unwrap();
        let read = read(&path, None).unwrap();
        assert_eq!(read.sheet.rows[0], vec!["Axe", "Intitulé"]);
        assert_eq!(read.sheet.rows[1][1], "Prévention");
    }

    /// A workbook's sheets are named as their tabs are, in any language, with no label to
    /// translate; the first with data is read.
    #[test]
    fn a_workbooks_sheets_keep_their_own_names() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("PAN.xlsx");
        let mut book = rust_xlsxwriter::Workbook::new();
        book.add_worksheet().set_name("Sommaire").unwrap();
        let budget = book.add_worksheet().set_name("ថវិកា 2027").unwrap();
        budget.write(0, 0, "Activité").unwrap();
        book.save(&path).unwrap();
        let read = read(&path, None).unwrap();
        assert_eq!(read.names, ["Sommaire", "ថវិកា 2027"]);
        assert_eq!(read.name, "ថវិកា 2027");
        assert_eq!(read.labels, [None, None]);
    }

    /// A title, an empty line and a cell of two lines above a row: the row keeps the number
    /// a spreadsheet shows it with.
    #[test]
    fn empty_lines_of_a_csv_keep_the_rows_numbered_as_a_spreadsheet_shows_them() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("budget.csv");
        std::fs::write(
            &path,
            "Plan détaillé\n\nAxe;Activité\r\n\"Axe 1\nPrévention\";Former\n\n\nAxe 2;Informer\n",
        )
        .unwrap();
        let rows = read(&path, None).unwrap().sheet.rows;
        assert_eq!(rows.len(), 7);
        assert_eq!(rows[2], vec!["Axe", "Activité"]);
        assert_eq!(rows[3], vec!["Axe 1\nPrévention", "Former"]);
        assert!(rows[1].is_empty() && rows[4].is_empty() && rows[5].is_empty());
        assert_eq!(rows[6], vec!["Axe 2", "Informer"]);
    }

    #[test]
    fn the_delimiter_is_the_one_the_lines_share() {
        assert_eq!(sniff_delimiter("Axe;2027;2028\nAxe 1;1 250,5;300\n"), b';');
        assert_eq!(sniff_delimiter("a\tb\tc\n1\t2\t3\n"), b'\t');
        assert_eq!(sniff_delimiter("a,b\n\"1,5\",2\n"), b',');
    }
}
