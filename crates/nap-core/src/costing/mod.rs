//! The costing engine: what every activity costs, year by year, how funding covers it, and
//! the gap. Pure functions of a [`Plan`](crate::Plan); all money is [`Decimal`].
//!
//! # The rules (also explained for users in `docs/costing.md`)
//!
//! 1. **Line amount.** For a cost line and a year of the plan period:
//!    `amount = unit cost × quantity(year) × inflation factor(year) × exchange rate(year)`.
//!    Unit, unit cost, currency and economic code come from the line, or from its catalogue
//!    item where the line leaves them empty (so the line follows later changes to the item).
//! 2. **Inflation factor.** `1` in the costing base year and before it; for later years the
//!    product of `(1 + rate)` over every year after the base year up to and including the
//!    year (rates compound). A line marked as not inflating (a fixed-price contract) always
//!    has factor `1`.
//! 3. **Exchange rate.** Units of the plan's base currency per one unit of the line's
//!    currency: the rate given for that year if there is one, else the plan-wide rate for the
//!    currency. Amounts in the base currency use `1`. When costs are shown in another
//!    currency, each amount is divided by that currency's rate for the same year.
//! 4. **Precision.** Every line-year amount is computed with `rust_decimal` (28 significant
//!    digits) and carried at [`AMOUNT_SCALE`] decimal places (a ten-billionth of a riel),
//!    rounding half away from zero. This is the only rounding before presentation, so every
//!    total is the exact sum of the amounts it covers and every table adds up exactly.
//! 5. **Contingency.** A percentage of an activity's line amounts in each year — the
//!    activity's own rate when it has one, else the plan's. It is its own cost item and is
//!    always shown as its own row ("Contingency"), never spread into other lines.
//! 6. **Funding.** See [`funding`]: each year, money goes first to lines that name the source,
//!    then earmarked sources cover the cost in their earmark, then unearmarked sources cover
//!    what is left, each pro rata to uncovered cost. **Gap = cost − committed funding
//!    allocated**; the gap "with pledges" also counts pledged sources. Expected sources never
//!    reduce a gap.
//! 7. **Presentation.** See [`rounding`]: rounding happens only for display, half away from
//!    zero, to the currency's minor unit, thousands or millions; either with the note
//!    "Totals may not add due to rounding" or reconciled so displayed cells add up.

mod amounts;
pub mod classification_names;
pub mod csv_import;
pub mod edit;
mod engine;
pub mod funding;
pub mod grid;
pub mod labels;
pub mod lump_sum;
mod price;
pub mod render;
pub mod rounding;
pub mod settings;
pub mod views;

pub use engine::{
    compute, compute_again, exchange_factor, CostUnit, Costing, CostingError, Summary, UnitKind,
    AMOUNT_SCALE,
};
pub use rounding::{Rounding, TOTALS_NOTE};
pub use views::{cross_table, mtef, Dimension, Member, MemberInfo, Table};

use rust_decimal::Decimal;

/// Rounds `value` to `scale` decimal places, half away from zero.
pub(crate) fn quantize(value: Decimal, scale: u32) -> Decimal {
    value.round_dp_with_strategy(scale, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
}

// The engine's hot loops (300,000 line-years in the benchmark plan) add and share amounts
// through their `Decimal` mantissas at the fixed scale `AMOUNT_SCALE`: exact integer
// arithmetic on the same decimal values, without re-normalising scales on every step.
// Every amount stored or returned is still a `Decimal`.

const POW10: [i128; 29] = {
    let mut t = [1i128; 29];
    let mut i = 1;
    while i < 29 {
        t[i] = t[i - 1] * 10;
        i += 1;
    }
    t
};

/// Divides by 10^`places`, rounding half away from zero.
fn div_pow10_round(m: i128, places: u32) -> i128 {
    let d = POW10[places as usize];
    let (q, r) = (m / d, m % d);
    if 2 * r.abs() >= d {
        q + m.signum()
    } else {
        q
    }
}

/// The mantissa of `v` at `AMOUNT_SCALE` decimal places (rounded half away from zero when
/// `v` has more places).
pub(crate) fn to_fixed(v: Decimal) -> i128 {
    let (m, s) = (v.mantissa(), v.scale());
    if s <= AMOUNT_SCALE {
        // Saturates rather than overflows: a decimal above 1.7 × 10^28 has no fixed form,
        // and a saturated mantissa is above every limit the callers check against.
        m.checked_mul(POW10[(AMOUNT_SCALE - s) as usize])
            .unwrap_or(if m > 0 { i128::MAX } else { i128::MIN })
    } else {
        div_pow10_round(m, s - AMOUNT_SCALE)
    }
}

/// The decimal whose mantissa at `AMOUNT_SCALE` places is `m`. Beyond `Decimal`'s 28 digits
/// (totals above 7.9 × 10^18 currency units) the last decimal places are dropped.
pub(crate) fn from_fixed(m: i128) -> Decimal {
    let mut scale = AMOUNT_SCALE;
    let mut m = m;
    loop {
        if let Ok(d) = Decimal::try_from_i128_with_scale(m, scale) {
            return d;
        }
        if scale == 0 {
            return if m > 0 { Decimal::MAX } else { Decimal::MIN };
        }
        m = div_pow10_round(m, 1);
        scale -= 1;
    }
}

/// `a × b` rounded to `AMOUNT_SCALE` places, as a fixed mantissa; `None` when the exact
/// product does not fit the integer fast path (the caller then uses `Decimal` arithmetic).
pub(crate) fn mul_to_fixed(a: Decimal, b: Decimal) -> Option<i128> {
    let m = a.mantissa().checked_mul(b.mantissa())?;
    let s = a.scale() + b.scale();
    if s <= AMOUNT_SCALE {
        m.checked_mul(POW10[(AMOUNT_SCALE - s) as usize])
    } else if s - AMOUNT_SCALE < 29 {
        Some(div_pow10_round(m, s - AMOUNT_SCALE))
    } else {
        None
    }
}

#[cfg(test)]
mod fixed_tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Dividing by a power of ten rounds half away from zero as `Decimal` does, in 64 bits
        /// or in 128.
        #[test]
        fn dividing_by_a_power_of_ten_rounds_as_decimal_does(
            m in prop_oneof![any::<i64>().prop_map(i128::from), -(1i128 << 96)..(1i128 << 96)],
            places in 0u32..=28,
            halves in any::<bool>(),
        ) {
            // A value whose dropped places are 5 then zeros is at the midpoint.
            let m = if halves && places > 0 {
                let unit = POW10[places as usize];
                m / unit * unit + unit / 2 * m.signum()
            } else {
                m
            };
            let d = Decimal::from_i128_with_scale(m, places)
                .round_dp_with_strategy(0, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
            prop_assert_eq!(div_pow10_round(m, places), d.mantissa() * POW10[d.scale() as usize]);
        }
    }

    #[test]
    fn fixed_point_conversions_are_exact_and_round_half_away() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(to_fixed(d("1.5")), 15_000_000_000);
        assert_eq!(
            from_fixed(to_fixed(d("-123.4567890123"))),
            d("-123.4567890123")
        );
        assert_eq!(to_fixed(d("0.00000000005")), 1);
        assert_eq!(to_fixed(d("-0.00000000005")), -1);
        assert_eq!(to_fixed(d("0.000000000049")), 0);
        assert_eq!(
            mul_to_fixed(d("1.0874225"), d("3750002.25")),
            Some(to_fixed(quantize(
                d("1.0874225") * d("3750002.25"),
                AMOUNT_SCALE
            )))
        );
        assert!(
            from_fixed(POW10[28] * 10_000) > Decimal::from(10_i64.pow(18)),
            "too many digits drop decimals, never panic"
        );
    }
}
#[cfg(test)]
mod tests;
pub(crate) mod tests_support;

pub(crate) use crate::fasthash::FastMap;
#[cfg(test)]
mod worked_example;
