//! Reading the text of cells as people type it: headers in English, French and Khmer,
//! numbering before a title, bullet lists in one cell, lists of actors, and numbers with the
//! file's own separators and a currency beside them.

use super::said::{said, Said};
use crate::text::quoted;
use rust_decimal::Decimal;
use std::str::FromStr;

/// `text` folded for comparison: lower case, Latin accents removed, every run of
/// punctuation and spacing one space. "Objectif spécifique :" and "objectif  specifique"
/// fold alike, as do Vietnamese "Chỉ số" and "chi so", in composed or decomposed form
/// (text from Word on one computer and Excel on another); Khmer, Thai, Lao and Burmese
/// letters and their vowel signs are kept as they are, and their digits become ASCII.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    let mut keep = |c: char, out: &mut String| {
        if c.is_alphanumeric() || is_combining_mark(c) {
            out.push(c);
            space = false;
        } else if !space && !out.is_empty() {
            out.push(' ');
            space = true;
        }
    };
    for c in text.chars().flat_map(char::to_lowercase) {
        match c {
            _ if c.is_ascii() => keep(c, &mut out),
            // Letters that are not a base letter with accents.
            'đ' => keep('d', &mut out),
            'œ' => "oe".chars().for_each(|c| keep(c, &mut out)),
            'æ' => "ae".chars().for_each(|c| keep(c, &mut out)),
            'ß' => "ss".chars().for_each(|c| keep(c, &mut out)),
            // Khmer, Thai, Lao and Burmese digits are the digits: "២០២៧" is 2027.
            _ if ascii_digit(c) != c => keep(ascii_digit(c), &mut out),
            // Any other letter: its canonical decomposition without the Latin accents
            // ("ệ" is "e" with two of them).
            _ => unicode_normalization::char::decompose_canonical(c, |d| {
                if !LATIN_ACCENTS.contains(&d) {
                    keep(d, &mut out);
                }
            }),
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// `c` as an ASCII digit when it is a decimal digit of Khmer (០–៩), Thai (๐–๙), Lao (໐–໙) or
/// Burmese (၀–၉), which tables in those languages often use; otherwise `c`.
pub fn ascii_digit(c: char) -> char {
    let zero = match c {
        '\u{17E0}'..='\u{17E9}' => 0x17E0,
        '\u{0E50}'..='\u{0E59}' => 0x0E50,
        '\u{0ED0}'..='\u{0ED9}' => 0x0ED0,
        '\u{1040}'..='\u{1049}' => 0x1040,
        _ => return c,
    };
    char::from_digit(c as u32 - zero, 10).unwrap_or(c)
}

/// The combining accents of Latin letters (grave, acute, circumflex, tilde, breve, hook,
/// horn, dot below...), which [`fold`] drops.
const LATIN_ACCENTS: std::ops::RangeInclusive<char> = '\u{0300}'..='\u{036F}';

/// Marks that belong to the letter before them in Khmer, Thai, Lao and Burmese: kept by
/// [`fold`], which would otherwise split words at every vowel sign.
fn is_combining_mark(c: char) -> bool {
    matches!(c as u32, 0x0E31 | 0x0E34..=0x0E3A | 0x0E47..=0x0E4E | 0x0EB1 | 0x0EB4..=0x0EBC
        | 0x0EC8..=0x0ECD | 0x102B..=0x103E | 0x1056..=0x1059 | 0x17B4..=0x17D3 | 0x17DD)
}

/// Words that may stand before a record's number: "AXE 2.", "OS 1.1 :", "Activité 3 -".
const NUMBER_WORDS: &[&str] = &[
    "axe",
    "axis",
    "pillar",
    "pilier",
    "os",
    "oe",
    "objectif",
    "objective",
    "outcome",
    "output",
    "resultat",
    "result",
    "r",
    "activite",
    "activity",
    "a",
    "effet",
    "produit",
    "extrant",
    "action",
    "priorite",
    "priority",
    "sous axe",
    "ps",
    "sr",
    "re",
];

/// Ordinal words written between a level's name and its number ("ទី" in Khmer, "ที่" in
/// Thai, "ທີ" in Lao, "thứ" in Vietnamese, "ke" in Indonesian, "n°" and "no" in French and
/// English), folded; dropped before the name is looked up.
pub(crate) const ORDINALS: &[&str] = &["ទី", "ที่", "ທີ", "thu", "ke", "n", "no"];

/// Whether `word` (the text before a record's number) names a level (as a column of it is
/// named, in any language, or by one of [`NUMBER_WORDS`]), with or without an ordinal word
/// after it.
fn is_number_word(word: &str) -> bool {
    let known = |name: &str| {
        NUMBER_WORDS.contains(&name)
            || (super::folded_headers().iter())
                .filter(|(field, _)| super::Field::ALL[..4].contains(field))
                .any(|(_, names)| names.iter().any(|n| n == name))
    };
    let word = fold(word);
    known(&word)
        || (ORDINALS.iter()).any(|o| {
            word.strip_suffix(o)
                .is_some_and(|name| known(name.trim_end()))
        })
}

/// The code and title of a level numbered in Roman numerals after its name ("AXE II :
/// PROTECTION", "Pillar IV - Relief"): the number in Arabic digits, as the codes of the
/// records under it are written ("2.1").
fn roman_numbered(text: &str) -> Option<(Option<String>, String)> {
    let mut words = text.split_whitespace();
    let mut name = Vec::new();
    // The name is at most three words ("axe stratégique", "objectif spécifique n°").
    for word in words.by_ref().take(4) {
        let numeral = word.trim_end_matches(['.', ':', ')', '-', '–', '៖']);
        if !name.is_empty() && is_number_word(&name.join(" ")) {
            if let Some(value) = roman_value(numeral) {
                // `word` is a slice of `text`: where it starts is its distance from the start.
                let at = word.as_ptr() as usize - text.as_ptr() as usize;
                let after = &text[at + numeral.len()..];
                let title =
                    after.trim_start_matches(['.', ')', ':', '៖', '-', '–', '—', ' ', '\u{a0}']);
                return Some((Some(value.to_string()), title.trim().to_string()));
            }
        }
        name.push(word);
    }
    None
}

/// The code a numbering cell gives, when the cell only numbers ("3", "2.1", "II", "B",
/// "iv.", "៣"): Arabic digits as written (in ASCII), Roman numerals as their value, a letter
/// as it is.
pub(crate) fn numbering_code(cell: &str) -> Option<String> {
    let cell = cell.trim_end_matches(['.', ')']).trim();
    let arabic = !cell.is_empty()
        && cell.chars().all(|c| is_digit(c) || c == '.')
        && cell.starts_with(is_digit);
    if arabic {
        return Some(cell.chars().map(ascii_digit).collect());
    }
    if let Some(n) = roman_value(cell) {
        return Some(n.to_string());
    }
    let mut chars = cell.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if c.is_ascii_alphabetic() => Some(c.to_ascii_uppercase().to_string()),
        _ => None,
    }
}

/// How a heading is numbered: in Roman numerals, in Arabic digits with so many parts ("2"
/// one, "2.1" two), or by a letter. Headings numbered alike are at one level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum NumberingStyle {
    Roman,
    Arabic(usize),
    Letter,
}

/// The numbering style of `number` ("II.", "2.1", "B)"), when it is a number.
pub(crate) fn numbering_style(number: &str) -> Option<NumberingStyle> {
    let n = number.trim().trim_end_matches(['.', ')']);
    if roman_value(n).is_some() {
        return Some(NumberingStyle::Roman);
    }
    let code = numbering_code(n)?;
    Some(if code.starts_with(|c: char| c.is_ascii_digit()) {
        NumberingStyle::Arabic(code.split('.').count())
    } else {
        NumberingStyle::Letter
    })
}

/// The value of a Roman numeral up to XXXIX (I, IV, XII), in capitals or not.
pub(crate) fn roman_value(numeral: &str) -> Option<u32> {
    let lower = numeral.to_ascii_lowercase();
    let tens = lower.bytes().take_while(|b| *b == b'x').count();
    let units = match &lower[tens..] {
        "" if tens > 0 => 0,
        "i" => 1,
        "ii" => 2,
        "iii" => 3,
        "iv" => 4,
        "v" => 5,
        "vi" => 6,
        "vii" => 7,
        "viii" => 8,
        "ix" => 9,
        _ => return None,
    };
    (tens <= 3).then_some(tens as u32 * 10 + units)
}

/// Whether `c` is a digit of a script plans are written in (ASCII, Khmer, Thai, Lao,
/// Burmese).
fn is_digit(c: char) -> bool {
    ascii_digit(c).is_ascii_digit()
}

/// The code and title of "AXE 2. PRÉVENTION", "1.2.1 Former les…", "OS 1.1 : Renforcer…",
/// "3) Protection": the leading number (with its dots) is the code, the rest the title.
/// A bare number is a code only when a mark follows it ("3.", "3)", "3:") or it has levels
/// ("1.2 "), so that "50 police officers trained" keeps its number in the title.
pub fn split_numbering(text: &str) -> (Option<String>, String) {
    let text = text.trim();
    let whole = || (None, text.to_string());
    let Some(at) = text.find(is_digit) else {
        return roman_numbered(text).unwrap_or_else(whole);
    };
    let word = text[..at].trim();
    let has_word = !word.is_empty();
    if has_word && !is_number_word(word) {
        return whole();
    }
    let rest = &text[at..];
    let number_len = rest
        .char_indices()
        .take_while(|(i, c)| is_digit(*c) || (*c == '.' && rest[i + 1..].starts_with(is_digit)))
        .map(|(i, c)| i + c.len_utf8())
        .last()
        .unwrap_or(0);
    // Codes are written in ASCII digits whatever the script of the sheet ("១.២" is "1.2").
    let code: String = rest[..number_len].chars().map(ascii_digit).collect();
    let after = &rest[number_len..];
    let title = after
        .trim_start_matches(['.', ')', ':', '៖', '-', '–', '—', ' ', '\u{a0}'])
        .trim();
    let marked = after.starts_with(['.', ')', ':', '៖'])
        || after.trim_start().starts_with(['-', '–', '—', ':', '៖']);
    let levelled = code.contains('.') && after.starts_with([' ', '\u{a0}']);
    let separated = after.is_empty() || after.starts_with([' ', '\u{a0}']) || marked;
    if !separated || !(has_word || marked || levelled || after.is_empty()) {
        return whole();
    }
    (Some(code), title.to_string())
}

/// The items of a cell that lists several (one per line, with or without bullets or
/// numbers: "-", "•", "‒", "–", "▪", "*", "1.", "a)"); a cell of one line is one item.
pub fn split_items(text: &str) -> Vec<String> {
    text.lines()
        .map(|line| {
            let line = line.trim();
            let line =
                line.trim_start_matches(['-', '•', '‒', '–', '—', '▪', '*', '·', '◦', '\u{f0a7}']);
            let line = strip_item_number(line.trim_start());
            line.trim().to_string()
        })
        .filter(|l| !l.is_empty())
        .collect()
}

/// "1. Text", "a) Text", "(ii) Text" → "Text"; "1.2 Text" is kept (a code, not a list mark).
fn strip_item_number(line: &str) -> &str {
    let mark_end = line
        .char_indices()
        .take(5)
        .find(|(_, c)| *c == ')' || *c == '.')
        .map(|(i, _)| i);
    match mark_end {
        Some(i) => {
            let mark = line[..i].trim_start_matches('(');
            let is_mark = !mark.is_empty()
                && (mark.chars().all(|c| c.is_ascii_digit())
                    || (mark.len() == 1 && mark.chars().all(|c| c.is_ascii_lowercase()))
                    || mark.chars().all(|c| "ivx".contains(c)));
            let next = line[i + 1..].chars().next();
            if is_mark && next.is_none_or(|c| c.is_whitespace()) {
                &line[i + 1..]
            } else {
                line
            }
        }
        None => line,
    }
}

/// The actors of a cell ("Ministères du Genre, Intérieur; OSC, PTF"): split at `;`, `,`,
/// `/` and line breaks, bullets removed; the first is the lead.
pub fn split_actors(text: &str) -> Vec<String> {
    text.split([';', ',', '/', '\n', '\r'])
        .map(|a| {
            a.trim()
                .trim_start_matches(['-', '•', '▪', '*'])
                .trim()
                .to_string()
        })
        .filter(|a| !a.is_empty())
        .collect()
}

/// Words an agency's generated code leaves out.
const MINOR_WORDS: &[&str] = &[
    "de", "du", "des", "d", "la", "le", "les", "l", "et", "en", "a", "au", "aux", "of", "the",
    "and", "for", "on", "in", "to", "pour", "sur",
];

/// The code of an agency whose name gives none: numbered "AG1", "AG2"… by the importer.
pub const NUMBERED_AGENCY_CODE: &str = "AG";

/// A readable code for an agency named `name`: the initials of its significant words
/// ("Ministère de la Promotion de la Femme" → "MPF"), or a one-word name's first eight
/// letters ("MINGENRE", "OSC"), in capitals without accents. A name in a script without
/// capitals or spaces between words (Khmer, Thai, Lao, Burmese) has neither initials nor
/// a readable first eight letters ("ក្រសួងកិច្ចការនារី" would give "ករសងកចចក"): it gets
/// [`NUMBERED_AGENCY_CODE`], which the importer numbers.
pub fn agency_code(name: &str) -> String {
    let folded = fold(name);
    if !folded.chars().any(|c| c.is_ascii_alphanumeric()) {
        return NUMBERED_AGENCY_CODE.into();
    }
    let words: Vec<&str> = folded
        .split(' ')
        .filter(|w| !w.is_empty() && !MINOR_WORDS.contains(w))
        // Words of another script give no initial that reads ("UNFPA កម្ពុជា" is UNFPA).
        .filter(|w| w.chars().any(|c| c.is_ascii_alphanumeric()))
        .collect();
    let code: String = match words.as_slice() {
        [] => NUMBERED_AGENCY_CODE.into(),
        [one] => one
            .chars()
            .filter(|c| c.is_alphanumeric())
            .take(8)
            .collect(),
        many => many
            .iter()
            .filter_map(|w| w.chars().next())
            .take(8)
            .collect(),
    };
    let code = code.to_uppercase();
    if code.chars().count() < 2 {
        folded
            .chars()
            .filter(|c| c.is_alphanumeric())
            .take(8)
            .collect::<String>()
            .to_uppercase()
    } else {
        code
    }
}

/// How the file writes decimals: detected from its numbers (a comma followed by one or two
/// digits at the end of a number, "1 250,50", means a decimal comma). Where no number has
/// decimals, numbers grouped by a point ("1.200", "2.450": Vietnamese and Indonesian
/// tables) mean the comma is the decimal mark, as they would otherwise be read as 1.2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DecimalMark {
    #[default]
    Point,
    Comma,
}

impl DecimalMark {
    /// The convention of the numbers in `cells`.
    pub fn detect<'a>(cells: impl Iterator<Item = &'a str>) -> Self {
        let mut comma = 0;
        let mut point = 0;
        // Numbers whose last mark is followed by three digits: a group of thousands.
        let (mut grouped_by_point, mut grouped_by_comma) = (0, 0);
        for cell in cells {
            let t: String = (cell.chars())
                .filter(|c| !c.is_whitespace())
                .map(ascii_digit)
                .collect();
            let t = t.trim_end_matches(|c: char| !c.is_ascii_digit());
            let Some(last) = t.rfind([',', '.']) else {
                continue;
            };
            let digits_after = t.len() - last - 1;
            let before = t[..last].chars().last().is_some_and(|c| c.is_ascii_digit());
            if before && (1..=2).contains(&digits_after) {
                match &t[last..=last] {
                    "," => comma += 1,
                    _ => point += 1,
                }
            } else if before && digits_after == 3 {
                match &t[last..=last] {
                    "," => grouped_by_comma += 1,
                    _ => grouped_by_point += 1,
                }
            }
        }
        if comma > point || (comma == 0 && point == 0 && grouped_by_point > grouped_by_comma) {
            Self::Comma
        } else {
            Self::Point
        }
    }
}

/// A currency written beside an amount: its ISO code ("USD 1,200", "1 200 000 XOF") or a
/// symbol ("$", "€", "៛", "FCFA"). `FCFA` names the CFA franc of the plan's region, which
/// the caller resolves.
pub fn currency_in(text: &str) -> Option<String> {
    let upper = text.to_uppercase();
    for (mark, code) in [
        ("FCFA", "XOF"),
        ("F CFA", "XOF"),
        ("CFA", "XOF"),
        ("US$", "USD"),
        ("$", "USD"),
        ("€", "EUR"),
        ("£", "GBP"),
        ("៛", "KHR"),
        ("฿", "THB"),
        ("₫", "VND"),
        ("₭", "LAK"),
        ("₱", "PHP"),
        ("RP", "IDR"),
    ] {
        if upper.contains(mark) {
            return Some(code.to_string());
        }
    }
    upper
        .split(|c: char| !c.is_ascii_alphabetic())
        .find(|w| w.len() == 3 && crate::currency::currency(w).is_some())
        .map(str::to_string)
}

/// The multiple in which a header or a table's title states its amounts: "(en millions de
/// FCFA)", "USD '000", "in thousands", "(ล้านบาท)", "លានរៀល", "tỷ đồng"; `None` when it
/// states none, or two different ones. Tables of national budgets are often kept in thousands or millions: read
/// as units, every amount would be a thousand or a million times too small.
pub fn amount_scale(text: &str) -> Option<Decimal> {
    const THOUSAND: &[&str] = &[
        "thousand",
        "thousands",
        "millier",
        "milliers",
        "000",
        "000s",
        "ribu",
        "ribuan",
        "nghin",
        "ngan",
    ];
    const MILLION: &[&str] = &["million", "millions", "mio", "mn", "trieu", "juta"];
    const BILLION: &[&str] = &[
        "milliard",
        "milliards",
        "billion",
        "billions",
        "bn",
        "ty",
        "miliar",
    ];
    // Khmer, Thai and Lao write the multiple joined to the currency ("លានរៀល", "ล้านบาท"):
    // these are matched at the start of a word, the longest first ("thousand million" is a
    // billion).
    const JOINED: &[(&str, u32)] = &[
        ("ពាន់លាន", 9),
        ("พันล้าน", 9),
        ("ພັນລ້ານ", 9),
        ("លាន", 6),
        ("ล้าน", 6),
        ("ລ້ານ", 6),
        ("ពាន់", 3),
        ("พัน", 3),
        ("ພັນ", 3),
    ];
    let folded = fold(text);
    let mut powers = folded.split(' ').filter_map(|w| {
        if THOUSAND.contains(&w) {
            Some(3)
        } else if MILLION.contains(&w) {
            Some(6)
        } else if BILLION.contains(&w) {
            Some(9)
        } else {
            JOINED
                .iter()
                .find(|(joined, _)| w.starts_with(joined))
                .map(|(_, p)| *p)
        }
    });
    // Two different multiples in one text say nothing sure.
    let power = powers.next()?;
    if powers.any(|p| p != power) {
        return None;
    }
    Some(Decimal::from(10_i64.pow(power)))
}

/// Whether a cell says "none" the way budget tables do where an amount would go: a dash
/// ("-", "–", "—", "--", what a spreadsheet's accounting format shows for zero), "n/a",
/// "néant", "s/o" (sans objet), "nil", "none", or "none" in Khmer or Thai. Such a cell is
/// read as empty, not refused as a number.
pub fn says_nothing(text: &str) -> bool {
    let t = text.trim();
    if !t.is_empty()
        && t.chars()
            .all(|c| matches!(c, '-' | '‐' | '‒' | '–' | '—' | '−'))
    {
        return true;
    }
    matches!(
        fold(t).as_str(),
        "n a" | "na" | "nil" | "none" | "neant" | "s o" | "nd" | "n d" | "គ្មាន" | "ไม่มี"
    )
}

/// Whether a cell says its amount is still to be determined, as budget tables write it
/// where a cost is not yet known: "PM" (pour mémoire), "À déterminer", "TBD", "To be
/// confirmed", "Akan ditentukan", "Chưa xác định", "รอกำหนด". Such a cell is read as no
/// amount, and the review names its rows, so the line can be costed when the figure is known.
pub fn to_be_determined(text: &str) -> bool {
    matches!(
        fold(text).as_str(),
        "pm" | "p m"
            | "pour memoire"
            | "a determiner"
            | "a definir"
            | "a preciser"
            | "a evaluer"
            | "tbd"
            | "tbc"
            | "to be determined"
            | "to be confirmed"
            | "akan ditentukan"
            | "chua xac dinh"
            | "รอกำหนด"
            | "រង់ចាំកំណត់"
    )
}

/// The amount in `text` as a person typed it: thousands separated by spaces, no-break
/// spaces, apostrophes, commas or points (following `mark`), a decimal comma in files that
/// use one, a currency code or symbol beside it, a trailing `%`, in ASCII, Khmer, Thai, Lao
/// or Burmese digits.
pub fn parse_amount(text: &str, mark: DecimalMark) -> Result<Decimal, Said> {
    let ascii: String;
    let t = if text.chars().any(|c| ascii_digit(c) != c) {
        ascii = text.trim().chars().map(ascii_digit).collect();
        ascii.as_str()
    } else {
        text.trim()
    };
    if t.is_empty() {
        return Err(said("empty_number", &[]));
    }
    if t.starts_with('#') {
        return Err(said("formula_error", &[("value", quoted(t).into_owned())]));
    }
    let negative = t.starts_with('-') || (t.starts_with('(') && t.ends_with(')'));
    let kept: String = t
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == ',' || *c == '.')
        .collect();
    let letters = t.chars().filter(|c| c.is_alphabetic()).collect::<String>();
    let not_a_number = || said("not_a_number", &[("value", quoted(t).into_owned())]);
    if kept.is_empty() || (!letters.is_empty() && currency_in(t).is_none()) {
        return Err(not_a_number());
    }
    let plain = match (kept.contains(','), kept.contains('.')) {
        (true, true) => {
            // The one written last is the decimal mark.
            let decimal = if kept.rfind(',') > kept.rfind('.') {
                ','
            } else {
                '.'
            };
            let thousands = if decimal == ',' { '.' } else { ',' };
            kept.replace(thousands, "").replace(decimal, ".")
        }
        (true, false) => match mark {
            DecimalMark::Comma if kept.matches(',').count() == 1 => kept.replace(',', "."),
            _ if grouped(&kept, ',') => kept.replace(',', ""),
            _ if kept.matches(',').count() == 1 => kept.replace(',', "."),
            _ => return Err(not_a_number()),
        },
        (false, true) => match mark {
            DecimalMark::Comma if grouped(&kept, '.') => kept.replace('.', ""),
            _ if kept.matches('.').count() == 1 => kept,
            _ if grouped(&kept, '.') => kept.replace('.', ""),
            _ => return Err(not_a_number()),
        },
        (false, false) => kept,
    };
    let value = Decimal::from_str(&plain).map_err(|_| not_a_number())?;
    Ok(if negative { -value } else { value })
}

/// "1,234,567" with `sep` between groups of three digits.
fn grouped(text: &str, sep: char) -> bool {
    let groups: Vec<&str> = text.split(sep).collect();
    groups.len() > 1
        && (1..=3).contains(&groups[0].len())
        && groups[1..].iter().all(|g| g.len() == 3)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn headers_fold_to_compare_in_any_case_accent_and_spacing() {
        assert_eq!(fold("Objectif spécifique :"), "objectif specifique");
        assert_eq!(fold("  COÛT   unitaire"), "cout unitaire");
        assert_eq!(fold("Résultat attendu (R)"), "resultat attendu r");
        assert_eq!(fold("សកម្មភាព"), "សកម្មភាព");
    }

    #[test]
    fn leading_numbering_becomes_the_code() {
        assert_eq!(
            split_numbering("AXE 2. PRÉVENTION"),
            (Some("2".into()), "PRÉVENTION".into())
        );
        assert_eq!(
            split_numbering("1.2.1 Former les policiers"),
            (Some("1.2.1".into()), "Former les policiers".into())
        );
        assert_eq!(
            split_numbering("OS 1.1 : Renforcer"),
            (Some("1.1".into()), "Renforcer".into())
        );
        assert_eq!(
            split_numbering("3) Protection"),
            (Some("3".into()), "Protection".into())
        );
        assert_eq!(split_numbering("3."), (Some("3".into()), String::new()));
        assert_eq!(
            split_numbering("Train 50 police officers"),
            (None, "Train 50 police officers".into())
        );
        assert_eq!(
            split_numbering("50 police officers trained"),
            (None, "50 police officers trained".into())
        );
        assert_eq!(
            split_numbering("Activité 3 - Former"),
            (Some("3".into()), "Former".into())
        );
        assert_eq!(
            split_numbering("សសរស្តម្ភទី ២៖ ការការពារ"),
            (Some("2".into()), "ការការពារ".into())
        );
        assert_eq!(
            split_numbering("ผลลัพธ์ที่ ๒.๑ ผู้รอดชีวิตได้รับการดูแล"),
            (Some("2.1".into()), "ผู้รอดชีวิตได้รับการดูแล".into())
        );
        assert_eq!(
            split_numbering("Axe n° 3 : Participation"),
            (Some("3".into()), "Participation".into())
        );
        assert_eq!(
            split_numbering("Objectif spécifique 1.2 Protéger"),
            (Some("1.2".into()), "Protéger".into())
        );
        assert_eq!(
            split_numbering("PILLAR I: PARTICIPATION"),
            (Some("1".into()), "PARTICIPATION".into())
        );
        assert_eq!(
            split_numbering("AXE II : PROTECTION"),
            (Some("2".into()), "PROTECTION".into())
        );
        assert_eq!(
            split_numbering("Pillar XIV. Relief and recovery"),
            (Some("14".into()), "Relief and recovery".into())
        );
        assert_eq!(
            split_numbering("Vivre ensemble"),
            (None, "Vivre ensemble".into()),
            "a word that is a Roman numeral only after a level's name"
        );
        assert_eq!(split_numbering("Axe vi"), (Some("6".into()), String::new()));
        assert_eq!(
            split_numbering("Action civile"),
            (None, "Action civile".into())
        );
        assert_eq!(
            split_numbering("UNSCR 1325 awareness"),
            (None, "UNSCR 1325 awareness".into())
        );
    }

    #[test]
    fn a_cell_with_several_lines_gives_several_items() {
        assert_eq!(
            split_items("- Taux de femmes\n• Nombre de plans\n\n2. Existence d'une loi\na) Budget"),
            vec![
                "Taux de femmes",
                "Nombre de plans",
                "Existence d'une loi",
                "Budget"
            ]
        );
        assert_eq!(split_items("1.2 Former"), vec!["1.2 Former"]);
    }

    #[test]
    fn actors_split_and_agency_codes_are_readable() {
        assert_eq!(
            split_actors("Ministères du Genre, Intérieur; OSC, PTF"),
            vec!["Ministères du Genre", "Intérieur", "OSC", "PTF"]
        );
        assert_eq!(agency_code("MINGENRE"), "MINGENRE");
        assert_eq!(agency_code("Ministère de la Promotion de la Femme"), "MPF");
        assert_eq!(agency_code("OSC"), "OSC");
        assert_eq!(agency_code("Intérieur"), "INTERIEU");
        assert_eq!(agency_code("ក្រសួងកិច្ចការនារី"), NUMBERED_AGENCY_CODE);
        assert_eq!(agency_code("กระทรวงการพัฒนาสังคม"), NUMBERED_AGENCY_CODE);
        assert_eq!(agency_code("UNFPA កម្ពុជា"), "UNFPA");
    }

    #[test]
    fn amounts_are_read_as_people_type_them() {
        let p = DecimalMark::Point;
        let c = DecimalMark::Comma;
        assert_eq!(parse_amount("1,250,000", p).unwrap(), d("1250000"));
        assert_eq!(parse_amount("1 250 000,50", c).unwrap(), d("1250000.50"));
        assert_eq!(
            parse_amount("1\u{a0}250\u{202f}000 FCFA", c).unwrap(),
            d("1250000")
        );
        assert_eq!(parse_amount("1.250.000", c).unwrap(), d("1250000"));
        assert_eq!(parse_amount("USD 1,200.75", p).unwrap(), d("1200.75"));
        assert_eq!(parse_amount("12.5", p).unwrap(), d("12.5"));
        assert_eq!(parse_amount("12,5", c).unwrap(), d("12.5"));
        assert_eq!(parse_amount("45 %", p).unwrap(), d("45"));
        assert_eq!(parse_amount("(300)", p).unwrap(), d("-300"));
        let douze = parse_amount("douze", p).unwrap_err();
        assert_eq!(
            (douze.code.as_str(), douze.values["value"].as_str()),
            ("not_a_number", "douze")
        );
        let formula = parse_amount("#REF!", p).unwrap_err();
        assert_eq!(formula.code, "formula_error");
        assert!(
            formula.message.contains("formula error"),
            "{}",
            formula.message
        );
        assert_eq!(parse_amount("", p).unwrap_err().code, "empty_number");
        assert_eq!(parse_amount("១ ២៥០ ០០០ ៛", p).unwrap(), d("1250000"));
        assert_eq!(parse_amount("๑,๒๓๔.๕๐", p).unwrap(), d("1234.50"));
        assert_eq!(parse_amount("໑໒໓", p).unwrap(), d("123"));
        assert_eq!(parse_amount("၁၂၃", p).unwrap(), d("123"));
        assert_eq!(fold("ឆ្នាំ ២០២៧"), "ឆ្នាំ 2027");
    }

    #[test]
    fn the_multiple_of_a_tables_amounts_is_read_from_its_words() {
        let k = Some(d("1000"));
        let m = Some(d("1000000"));
        let b = Some(d("1000000000"));
        for (text, scale) in [
            ("Budget 2027 (en millions de FCFA)", m),
            ("Montants en milliers de francs CFA", k),
            ("Budget 2027 (USD '000)", k),
            ("Cost, USD thousands", k),
            ("in USD million", m),
            ("Coût (milliards de FCFA)", b),
            ("งบประมาณ 2027 (ล้านบาท)", m),
            ("งบประมาณ (พันล้านบาท)", b),
            ("ថវិកា (លានរៀល)", m),
            ("ថវិកា (ពាន់រៀល)", k),
            ("Kinh phí (triệu đồng)", m),
            ("Kinh phí (tỷ đồng)", b),
            ("Anggaran (juta rupiah)", m),
            ("Budget 2027", None),
            ("Budget 2000", None),
            ("Coût total (FCFA)", None),
            ("Activité", None),
            ("en millions (tableau 2 en milliers)", None),
            ("millions, millions", m),
        ] {
            assert_eq!(amount_scale(text), scale, "{text}");
        }
    }

    #[test]
    fn a_dash_or_n_a_says_there_is_no_amount() {
        for none in [
            "-",
            " – ",
            "—",
            "--",
            "N/A",
            "n.a.",
            "Néant",
            "s/o",
            "nil",
            "ND",
            "គ្មាន",
            "ไม่มี",
        ] {
            assert!(says_nothing(none), "{none:?}");
        }
        for something in [
            "", "0", "-5", "- 5", "(300)", "n", "gratuit", "NA 2027", "na-1",
        ] {
            assert!(!says_nothing(something), "{something:?}");
        }
    }

    #[test]
    fn the_decimal_mark_is_read_from_the_files_numbers() {
        use DecimalMark::{Comma, Point};
        for (numbers, mark) in [
            (&["1 250,50", "300", "12,5"][..], Comma),
            (&["1,250.50", "1,000,000"], Point),
            // No decimals anywhere: numbers grouped by a point ("1.200" is one thousand two
            // hundred in a Vietnamese table), by a comma in an English one.
            (&["1.200", "450", "2.450", "12.000.000"], Comma),
            (&["1,200", "450", "2,450"], Point),
            // A decimal written once outweighs groups of three.
            (&["1.250", "3.5"], Point),
        ] {
            assert_eq!(
                DecimalMark::detect(numbers.iter().copied()),
                mark,
                "{numbers:?}"
            );
        }
        assert_eq!(parse_amount("1.200", Comma), Ok(Decimal::from(1200)));
        assert_eq!(currency_in("1 200 000 FCFA").as_deref(), Some("XOF"));
        assert_eq!(currency_in("GEL 5,000").as_deref(), Some("GEL"));
    }
}
