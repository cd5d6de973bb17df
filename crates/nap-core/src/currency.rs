//! ISO 4217 currencies the product knows, with their minor units.

/// A currency and how many decimal places its minor unit has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Currency {
    /// ISO 4217 alphabetic code.
    pub code: &'static str,
    /// Digits after the decimal point in the ISO 4217 minor unit.
    pub minor_units: u32,
    /// English name.
    pub name: &'static str,
}

/// The currencies of ASEAN states and Timor-Leste, and those development partners commonly
/// pledge in. Minor units follow ISO 4217, except the riel: ISO lists 2 decimals but riel
/// amounts are whole in practice (the budget law and the Ministry of Economy and Finance
/// publish whole riels), so NAP Studio shows KHR without decimals.
#[rustfmt::skip]
pub const CURRENCIES: &[Currency] = &[
    Currency { code: "KHR", minor_units: 0, name: "Cambodian riel" },
    Currency { code: "USD", minor_units: 2, name: "US dollar" },
    Currency { code: "EUR", minor_units: 2, name: "Euro" },
    Currency { code: "VND", minor_units: 0, name: "Vietnamese dong" },
    Currency { code: "THB", minor_units: 2, name: "Thai baht" },
    Currency { code: "IDR", minor_units: 2, name: "Indonesian rupiah" },
    Currency { code: "MYR", minor_units: 2, name: "Malaysian ringgit" },
    Currency { code: "PHP", minor_units: 2, name: "Philippine peso" },
    Currency { code: "LAK", minor_units: 2, name: "Lao kip" },
    Currency { code: "MMK", minor_units: 2, name: "Myanmar kyat" },
    Currency { code: "SGD", minor_units: 2, name: "Singapore dollar" },
    Currency { code: "BND", minor_units: 2, name: "Brunei dollar" },
    Currency { code: "AUD", minor_units: 2, name: "Australian dollar" },
    Currency { code: "NZD", minor_units: 2, name: "New Zealand dollar" },
    Currency { code: "JPY", minor_units: 0, name: "Japanese yen" },
    Currency { code: "KRW", minor_units: 0, name: "South Korean won" },
    Currency { code: "CNY", minor_units: 2, name: "Chinese yuan" },
    Currency { code: "GBP", minor_units: 2, name: "Pound sterling" },
    Currency { code: "CHF", minor_units: 2, name: "Swiss franc" },
    Currency { code: "SEK", minor_units: 2, name: "Swedish krona" },
    Currency { code: "NOK", minor_units: 2, name: "Norwegian krone" },
    Currency { code: "DKK", minor_units: 2, name: "Danish krone" },
    Currency { code: "CAD", minor_units: 2, name: "Canadian dollar" },
    Currency { code: "UGX", minor_units: 0, name: "Ugandan shilling" },
];

/// The currency with this ISO 4217 code (exact, upper case), if known.
pub fn currency(code: &str) -> Option<&'static Currency> {
    CURRENCIES.iter().find(|c| c.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_well_formed() {
        for (i, c) in CURRENCIES.iter().enumerate() {
            assert_eq!(c.code.len(), 3);
            assert!(c.code.chars().all(|ch| ch.is_ascii_uppercase()));
            assert!(CURRENCIES[i + 1..].iter().all(|d| d.code != c.code));
        }
        assert_eq!(currency("VND").map(|c| c.minor_units), Some(0));
        assert!(currency("usd").is_none());
    }
}
