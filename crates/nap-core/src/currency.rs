//! ISO 4217 currencies, with their minor units: every current currency of the standard (from
//! the `iso_currency` crate's copy of the ISO table), less the special codes (gold, SDR,
//! "no currency", testing) and fund codes, which no plan is costed in. Superseded codes stay
//! (an older budget may be written in one).

use iso_currency::IntoEnumIterator;

/// A currency and how many decimal places its minor unit has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Currency {
    /// ISO 4217 alphabetic code.
    pub code: &'static str,
    /// Digits after the decimal point in the minor unit NAP Studio shows.
    pub minor_units: u32,
    /// English name.
    pub name: String,
}

/// Minor units NAP Studio uses instead of ISO's: riel amounts are whole in practice (the
/// budget law and the Ministry of Economy and Finance publish whole riels), though ISO lists
/// 2 decimals.
const MINOR_UNITS_IN_PRACTICE: &[(&str, u32)] = &[("KHR", 0)];

fn of(c: iso_currency::Currency) -> Option<Currency> {
    if c.is_special() || c.is_fund() {
        return None;
    }
    let code = c.code();
    let minor_units = MINOR_UNITS_IN_PRACTICE
        .iter()
        .find(|(k, _)| *k == code)
        .map(|(_, m)| *m)
        .or_else(|| c.exponent().map(u32::from))?;
    Some(Currency {
        code,
        minor_units,
        name: c.name().to_string(),
    })
}

/// The currency with this ISO 4217 code (exact, upper case), if it is one a plan can use.
pub fn currency(code: &str) -> Option<Currency> {
    iso_currency::Currency::from_code(code).and_then(of)
}

/// The decimal places amounts in `code` are written to: its ISO 4217 minor unit, and 2 (cents)
/// for a code that is not a currency a plan can use.
pub fn minor_units(code: &str) -> u32 {
    currency(code).map_or(2, |c| c.minor_units)
}

/// Every currency a plan can use, by code.
pub fn all() -> Vec<Currency> {
    let mut all: Vec<Currency> = iso_currency::Currency::iter().filter_map(of).collect();
    all.sort_by(|a, b| a.code.cmp(b.code));
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_well_formed() {
        let all = all();
        assert!(all.len() > 150, "{} currencies", all.len());
        for pair in all.windows(2) {
            assert!(
                pair[0].code < pair[1].code,
                "{} then {}",
                pair[0].code,
                pair[1].code
            );
        }
        for c in &all {
            assert_eq!(c.code.len(), 3);
            assert!(c.code.chars().all(|ch| ch.is_ascii_uppercase()));
        }
        assert!(currency("usd").is_none());
    }

    /// The plans that could not be created before: CFA francs, lari, Congolese franc,
    /// Nepalese rupee, hryvnia, Kenyan shilling; with ISO's minor units.
    #[test]
    fn the_currencies_of_published_plans_are_known_with_their_minor_units() {
        for (code, minor) in [
            ("XOF", 0),
            ("XAF", 0),
            ("GEL", 2),
            ("CDF", 2),
            ("NPR", 2),
            ("UAH", 2),
            ("KES", 2),
            ("VND", 0),
            ("JPY", 0),
            ("USD", 2),
            ("KHR", 0),
        ] {
            assert_eq!(currency(code).map(|c| c.minor_units), Some(minor), "{code}");
        }
        assert_eq!(
            currency("GEL").map(|c| c.name),
            Some("Georgian lari".to_string())
        );
    }

    #[test]
    fn special_and_fund_codes_are_not_currencies_of_a_plan() {
        for code in ["XAU", "XDR", "XXX", "XTS", "USN", "BOV", "ZZZ"] {
            assert!(currency(code).is_none(), "{code}");
        }
    }
}
