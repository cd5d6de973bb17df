//! Dates as each export language writes them in running text, from CLDR through ICU4X's
//! compiled data: long dates such as "6 décembre 2026", "6 ធ្នូ 2026" or "6 ธันวาคม ค.ศ. 2026".
//! Always in the Gregorian calendar: a plan's period, budget years and tables are Gregorian,
//! and a Thai cover dated in the Buddhist era (2569) beside a 2027–2031 period would read as
//! two different times. Tables keep ISO dates (2026-12-06), which sort at a glance.

use crate::Lang;
use icu_datetime::{fieldsets, DateTimeFormatter};

/// The long date formatter of `lang`; `None` if CLDR has no data for it (which a test
/// rules out for every export language). Made per call: an export writes a handful of
/// dates, and the formatter cannot be shared between threads.
fn formatter(lang: Lang) -> Option<DateTimeFormatter<fieldsets::YMD>> {
    // English as the Commonwealth and ASEAN governments write it (en-GB): day, month, year.
    let tag = lang.cldr_locale();
    let locale: icu_locale_core::Locale = format!("{tag}-u-ca-gregory").parse().ok()?;
    DateTimeFormatter::try_new(locale.into(), fieldsets::YMD::long()).ok()
}

/// The ISO date `iso` ("2026-12-06") written in full in `lang`; `iso` itself when it is not
/// a valid date or the language has no data.
pub fn long_date(lang: Lang, iso: &str) -> String {
    let mut parts = iso.trim().splitn(3, '-').map(str::parse::<i32>);
    let (Some(Ok(y)), Some(Ok(m)), Some(Ok(d))) = (parts.next(), parts.next(), parts.next()) else {
        return iso.to_string();
    };
    let (Ok(m), Ok(d)) = (u8::try_from(m), u8::try_from(d)) else {
        return iso.to_string();
    };
    match (formatter(lang), icu_calendar::Date::try_new_iso(y, m, d)) {
        (Some(f), Ok(date)) => f.format(&date).to_string(),
        _ => iso.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_export_language_writes_a_long_date_from_cldr() {
        assert_eq!(long_date(Lang::Fr, "2026-12-06"), "6 décembre 2026");
        assert_eq!(long_date(Lang::En, "2026-12-06"), "6 December 2026");
        assert_eq!(long_date(Lang::Id, "2026-12-06"), "6 Desember 2026");
        // Gregorian years, as the plan's period and tables are, even where CLDR would count
        // from the Buddhist era (Thai: 2569); Thai then names the era (ค.ศ., "C.E.").
        assert_eq!(long_date(Lang::Th, "2026-12-06"), "6 ธันวาคม ค.ศ. 2026");
        assert!(long_date(Lang::Km, "2026-12-06").contains("ធ្នូ"));
        assert_eq!(long_date(Lang::Lo, "2026-12-06"), "6 ທັນວາ 2026");
        // Burmese dates are written with Myanmar digits, year first.
        assert_eq!(long_date(Lang::My, "2026-12-06"), "၂၀၂၆ ဒီဇင်ဘာ ၆");
        // Tagalog follows Filipino's conventions in CLDR.
        assert_eq!(long_date(Lang::Tl, "2026-12-06"), "Disyembre 6, 2026");
        for lang in Lang::ALL {
            assert!(formatter(lang).is_some(), "CLDR dates for {lang:?}");
            assert_ne!(long_date(lang, "2026-12-06"), "2026-12-06", "{lang:?}");
        }
        // Not a date: left as it was.
        assert_eq!(long_date(Lang::Fr, "2026-13-40"), "2026-13-40");
        assert_eq!(long_date(Lang::Fr, "soon"), "soon");
    }
}
