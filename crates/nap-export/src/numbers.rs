//! How numbers are written in each language of the exports: the digit-group separator and
//! the decimal mark from CLDR, through ICU4X's compiled data (no network, no files). French
//! writes 1 234 567,89 (a narrow no-break space between groups); English and Khmer write
//! 1,234,567.89; Lao, Vietnamese and Indonesian 1.234.567,89. Digits stay Latin, as budget documents in these languages write them.

use crate::Lang;
use std::sync::OnceLock;

/// A language's marks in numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Numerals {
    /// Between groups of three digits.
    pub group: String,
    /// Before the decimals.
    pub decimal: String,
}

impl Numerals {
    /// The marks CLDR gives `lang`, read once from ICU4X by formatting 1234567.5; English's
    /// if the data cannot be read (which a test rules out for every export language).
    pub fn of(lang: Lang) -> &'static Numerals {
        static CACHE: [OnceLock<Numerals>; Lang::ALL.len()] =
            [const { OnceLock::new() }; Lang::ALL.len()];
        let at = Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0);
        CACHE[at].get_or_init(|| from_cldr(lang.cldr_locale()).unwrap_or_else(Numerals::english))
    }

    fn english() -> Numerals {
        Numerals {
            group: ",".into(),
            decimal: ".".into(),
        }
    }

    /// `text` — a number as NAP Studio writes it everywhere else, with "," between groups
    /// and "." before decimals (`format_amount`, `group_digits`) — in this language's marks.
    pub fn localise(&self, text: String) -> String {
        // English's marks: the text as it is, without a copy (the annex writes a number per
        // cell, 300,000 for the large plan).
        if self.group == "," && self.decimal == "." {
            return text;
        }
        let mut out = String::with_capacity(text.len() + 8);
        for c in text.chars() {
            match c {
                ',' => out.push_str(&self.group),
                '.' => out.push_str(&self.decimal),
                c => out.push(c),
            }
        }
        out
    }
}

/// The marks between "1" and "234" and between "567" and "5" in CLDR's rendering of
/// 1234567.5 for the language `code`.
fn from_cldr(code: &str) -> Option<Numerals> {
    let locale: icu_locale_core::Locale = code.parse().ok()?;
    let formatter =
        icu_decimal::DecimalFormatter::try_new(locale.into(), Default::default()).ok()?;
    let number: fixed_decimal::Decimal = "1234567.5".parse().ok()?;
    let written = formatter.format(&number).to_string();
    // The digits may be another script's: the marks are what is not a digit. The group
    // separator follows the first digit ("1"); the decimal mark precedes the last ("5").
    let group: String = (written.chars())
        .skip_while(|c| c.is_numeric())
        .take_while(|c| !c.is_numeric())
        .collect();
    let decimal = written.chars().rev().find(|c| !c.is_numeric())?.to_string();
    (!group.is_empty()).then_some(Numerals { group, decimal })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_export_language_writes_numbers_as_cldr_says() {
        assert_eq!(
            Numerals::of(Lang::En).localise(String::from("1,234,567.89")),
            "1,234,567.89"
        );
        assert_eq!(
            Numerals::of(Lang::Km).localise(String::from("1,234,567.89")),
            "1,234,567.89"
        );
        // French: a narrow no-break space between groups and a decimal comma.
        assert_eq!(
            Numerals::of(Lang::Fr).localise(String::from("-1,234,567.89")),
            "-1\u{202f}234\u{202f}567,89"
        );
        // Lao groups with dots and writes a decimal comma; Tagalog writes as English does.
        assert_eq!(
            Numerals::of(Lang::Lo).localise(String::from("1,234,567.89")),
            "1.234.567,89"
        );
        assert_eq!(
            Numerals::of(Lang::Tl).localise(String::from("1,234,567.89")),
            "1,234,567.89"
        );
        for lang in Lang::ALL {
            assert!(
                from_cldr(lang.cldr_locale()).is_some(),
                "CLDR data for {lang:?}"
            );
        }
    }
}
