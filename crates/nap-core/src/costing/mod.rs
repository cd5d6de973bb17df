//! The costing engine: what every activity costs, year by year, how funding covers it, and
//! the gap. Pure functions of a [`Plan`]; all money is [`Decimal`].
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

pub mod csv_import;
mod engine;
pub mod funding;
pub mod labels;
pub mod render;
pub mod rounding;
pub mod views;

pub use engine::{compute, CostUnit, Costing, CostingError, Summary, UnitKind, AMOUNT_SCALE};
pub use rounding::{Rounding, TOTALS_NOTE};
pub use views::{cross_table, mtef, Dimension, Member, MemberInfo, Table};

use rust_decimal::Decimal;

/// Rounds `value` to `scale` decimal places, half away from zero.
pub(crate) fn quantize(value: Decimal, scale: u32) -> Decimal {
    value.round_dp_with_strategy(scale, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
}
#[cfg(test)]
mod tests;
pub(crate) mod tests_support;
