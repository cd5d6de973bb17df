//! A line's price in one year and its amount for a quantity: the engine's innermost step,
//! taken once for every line-year of the plan.
//!
//! `price × quantity` is rounded once, half away from zero, to `AMOUNT_SCALE` places (see
//! `mul_to_fixed`). Done in `i128` that is a 128-bit multiplication and, for most prices (an
//! inflated price carries up to twenty decimal places), a 128-bit division by a power of
//! ten, which the processor has no instruction for. A [`YearPrice`] prepares the price once
//! so that a whole quantity costs 64-bit multiplications and a 64-bit division (one
//! instruction); every other case takes the general path, and the two give the same
//! amount (a property test holds them together).

use super::engine::{AMOUNT_SCALE, MAX_AMOUNT};
use super::{mul_to_fixed, quantize, to_fixed};
use rust_decimal::Decimal;

/// A line's price in one year, in the costing currency.
#[derive(Debug, Clone, Copy)]
pub(crate) struct YearPrice {
    price: Decimal,
    fast: Fast,
    /// The price is below zero (kept apart: `Decimal`'s sign is read from its flags).
    negative: bool,
}

/// The price's magnitude, prepared for whole quantities (its sign aside).
#[derive(Debug, Clone, Copy)]
enum Fast {
    /// The price has at most `AMOUNT_SCALE` places: the amount's mantissa is `scaled × q`,
    /// `scaled` being the price's mantissa at `AMOUNT_SCALE` places.
    Scaled { scaled: u64 },
    /// The price has `places` more than `AMOUNT_SCALE` (1 to 18) and `unit` is `10^places`:
    /// its mantissa is `high × unit + low`, so `mantissa × q / unit` is `high × q` plus
    /// `low × q / unit`, whose division is a 64-bit one when `low × q` fits 64 bits.
    /// `max_quantity` is the largest `q` for which `mantissa × q` fits `i128`.
    Divided {
        high: u64,
        low: u64,
        unit: u64,
        max_quantity: u64,
    },
    /// A price whose prepared parts do not fit 64 bits: the general path.
    None,
}

impl YearPrice {
    pub(crate) fn new(price: Decimal) -> Self {
        let mantissa = price.mantissa().unsigned_abs();
        let fast = match price.scale() {
            s if s <= AMOUNT_SCALE => (u64::try_from(mantissa).ok())
                .zip(10u64.checked_pow(AMOUNT_SCALE - s))
                .and_then(|(m, p)| m.checked_mul(p))
                .map_or(Fast::None, |scaled| Fast::Scaled { scaled }),
            s => {
                // At most 18: a `Decimal` has at most 28 places.
                let unit = 10u64.pow(s - AMOUNT_SCALE);
                let max_quantity = (i128::MAX as u128)
                    .checked_div(mantissa)
                    .map_or(u64::MAX, |q| u64::try_from(q).unwrap_or(u64::MAX));
                let (high, low) = (mantissa / u128::from(unit), mantissa % u128::from(unit));
                match (u64::try_from(high), u64::try_from(low)) {
                    (Ok(high), Ok(low)) => Fast::Divided {
                        high,
                        low,
                        unit,
                        max_quantity,
                    },
                    _ => Fast::None,
                }
            }
        };
        Self {
            price,
            fast,
            negative: price.is_sign_negative(),
        }
    }

    /// `price × quantity` rounded to `AMOUNT_SCALE` places, as a fixed mantissa; `None`
    /// above [`MAX_AMOUNT`].
    #[inline]
    pub(crate) fn amount(&self, quantity: Decimal) -> Option<i128> {
        match self.whole_quantity_amount(quantity) {
            Some(m) => Some(m),
            None => rounded_amount(self.price, quantity),
        }
    }

    /// The amount for a whole quantity below 2^64, when the fast form applies and gives what
    /// the general path gives: the exact product of the mantissas fits `i128` (else the
    /// general path rounds it as a `Decimal`), and the amount is within [`MAX_AMOUNT`].
    #[inline]
    fn whole_quantity_amount(&self, quantity: Decimal) -> Option<i128> {
        let (q, negative) = whole_quantity(quantity)?;
        let magnitude = match self.fast {
            Fast::Scaled { scaled } => u128::from(scaled) * u128::from(q),
            Fast::Divided {
                high,
                low,
                unit,
                max_quantity,
            } => {
                if q > max_quantity {
                    return None;
                }
                let rest = u64::try_from(u128::from(low) * u128::from(q)).ok()?;
                let (quotient, remainder) = (rest / unit, rest % unit);
                let half_or_more = 2 * u128::from(remainder) >= u128::from(unit);
                u128::from(high) * u128::from(q) + u128::from(quotient) + u128::from(half_or_more)
            }
            Fast::None => return None,
        };
        if magnitude > MAX_AMOUNT.unsigned_abs() {
            return None;
        }
        // Within MAX_AMOUNT, so within `i128`.
        let m = magnitude as i128;
        Some(if self.negative != negative { -m } else { m })
    }
}

/// A whole quantity's magnitude and sign, when its scale is 0 and its magnitude below 2^64
/// (a line's quantity is nearly always such): read from the `Decimal`'s four words at once,
/// where its scale, mantissa and sign accessors each decode them again.
#[inline]
fn whole_quantity(quantity: Decimal) -> Option<(u64, bool)> {
    // `serialize`: the flags (scale in bits 16–23, sign in bit 31), then the mantissa's
    // low, middle and high 32 bits, each little-endian.
    let b = quantity.serialize();
    let word = |i: usize| u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]);
    let (flags, lo, mid, hi) = (word(0), word(4), word(8), word(12));
    if flags & 0x00FF_0000 != 0 || hi != 0 {
        return None;
    }
    Some((
        u64::from(lo) | (u64::from(mid) << 32),
        flags & 0x8000_0000 != 0,
    ))
}

/// `price × quantity` (a line-year's amount, or a funding source's amount times its
/// exchange rate) rounded to `AMOUNT_SCALE` places, as a fixed mantissa; `None` above
/// [`MAX_AMOUNT`]. The general path: exact in `i128` when the product of the mantissas fits
/// it, else through `Decimal` multiplication.
pub(crate) fn rounded_amount(price: Decimal, quantity: Decimal) -> Option<i128> {
    let m = match mul_to_fixed(price, quantity) {
        Some(m) => m,
        None => to_fixed(quantize(price.checked_mul(quantity)?, AMOUNT_SCALE)),
    };
    // `unsigned_abs`: a product beyond `i128` saturates to `i128::MIN`, whose `abs` overflows
    // (and, unchecked, stays negative and passed this test).
    (m.unsigned_abs() <= MAX_AMOUNT.unsigned_abs()).then_some(m)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Prices as the engine makes them: a unit cost times exchange and inflation factors,
    /// from whole riels to twenty-odd places, and the extremes `Decimal` holds.
    fn price() -> impl Strategy<Value = Decimal> {
        prop_oneof![
            (any::<i64>(), 0u32..=28).prop_map(|(m, s)| Decimal::new(m, s)),
            (-(1i128 << 95)..(1i128 << 95), 0u32..=28)
                .prop_map(|(m, s)| Decimal::from_i128_with_scale(m, s)),
            (0u64..1_000_000, 0u32..=28).prop_map(|(m, s)| Decimal::new(m as i64, s)),
        ]
    }

    /// Whole quantities (small, large, negative) and a few fractional ones.
    fn quantity() -> impl Strategy<Value = Decimal> {
        prop_oneof![
            (0i64..10_000).prop_map(Decimal::from),
            any::<i64>().prop_map(Decimal::from),
            any::<u64>().prop_map(Decimal::from),
            (-(1i128 << 95)..(1i128 << 95)).prop_map(|m| Decimal::from_i128_with_scale(m, 0)),
            (any::<i32>(), 1u32..=6).prop_map(|(m, s)| Decimal::new(i64::from(m), s)),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]
        /// The prepared price gives the general path's amount (or its refusal) for every
        /// quantity.
        #[test]
        fn a_prepared_price_costs_every_quantity_as_the_general_path_does(
            p in price(),
            q in quantity(),
        ) {
            prop_assert_eq!(YearPrice::new(p).amount(q), rounded_amount(p, q));
        }

        /// Amounts exactly half a ten-billionth from two neighbours round away from zero, as
        /// `Decimal` does.
        #[test]
        fn halves_round_away_from_zero(
            whole in 0u64..1_000_000_000,
            places in 1u32..=9,
            q in 1u64..1_000,
            negative in any::<bool>(),
        ) {
            // A mantissa whose last `places` digits, times an odd q, end in 5 then zeros.
            let q = 2 * q + 1;
            let unit = 10u64.pow(places);
            let mantissa = whole * unit + unit / 2;
            let sign = if negative { -1 } else { 1 };
            let p = Decimal::new(sign * mantissa as i64, AMOUNT_SCALE + places);
            let exact = p * Decimal::from(q);
            let rounded = exact.round_dp_with_strategy(
                AMOUNT_SCALE,
                rust_decimal::RoundingStrategy::MidpointAwayFromZero,
            );
            prop_assert_eq!(YearPrice::new(p).amount(Decimal::from(q)), Some(to_fixed(rounded)));
            prop_assert_eq!(YearPrice::new(p).amount(Decimal::from(q)), rounded_amount(p, Decimal::from(q)));
        }
    }

    #[test]
    fn the_fast_form_is_taken_for_the_prices_a_plan_has() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        // Riels inflated over ten years (up to twenty places, mantissas beyond 64 bits),
        // dollars at 4,100 riels.
        for p in [
            "25000",
            "26522.5",
            "33597.909483603",
            "33597.9094836030525000",
            "1.34391637934412210",
        ] {
            let price = YearPrice::new(d(p));
            assert!(!matches!(price.fast, Fast::None), "{p}");
            assert!(price.whole_quantity_amount(d("12")).is_some(), "{p}");
        }
        assert_eq!(
            YearPrice::new(d("0.00000000005")).amount(d("1")),
            Some(1),
            "half a ten-billionth rounds up"
        );
        assert_eq!(YearPrice::new(d("-0.00000000005")).amount(d("1")), Some(-1));
        assert_eq!(YearPrice::new(d("0.000000000049")).amount(d("1")), Some(0));
        assert_eq!(
            YearPrice::new(d("1000000000000000000")).amount(d("2")),
            None
        );
        // Beyond `i128` below zero: refused like the same amount above zero (it once passed
        // as the most negative `i128`).
        let beyond = "7000000000000000000000000000";
        for (p, q) in [(format!("-{beyond}"), "10"), (beyond.to_string(), "-10")] {
            let p = p.as_str();
            assert_eq!(rounded_amount(d(p), d(q)), None, "{p} × {q}");
            assert_eq!(YearPrice::new(d(p)).amount(d(q)), None, "{p} × {q}");
        }
    }
}
