//! The plan's costing settings as the settings screen edits them: contingency, inflation per
//! year, the costing base year, the presentation currency, and exchange rates. Each value is
//! checked first; on error nothing changes.

use crate::currency::currency;
use crate::edit::{
    amount, fresh_meta, rated_currency, refuse, wire_names, year_in, FieldError, Problem,
};
use crate::model::{ExchangeRate, Id, Plan, PlanMeta, Year};
use crate::time::{IsoDate, Timestamp};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A percentage as typed ("5", "2.5", "5 %") as a fraction (0.05), at most 100 %.
fn percent(field: &str, text: &str) -> Result<Decimal, FieldError> {
    let number = text.trim().trim_end_matches('%').trim_end();
    let value = amount(field, number).map_err(|e| refuse(field, text, e.problem))?;
    if value > Decimal::ONE_HUNDRED {
        return Err(refuse(field, text, Problem::OverHundredPercent));
    }
    Ok((value / Decimal::ONE_HUNDRED).normalize())
}

/// A fraction (0.05) as the percentage a person types and reads ("5").
pub fn as_percent(fraction: Decimal) -> String {
    (fraction * Decimal::ONE_HUNDRED).normalize().to_string()
}

/// One of the plan's settings that the settings screen edits. Wire names: `contingency` and
/// `inflation:YEAR` (percentages, "5" = 5 %; an empty inflation means none that year),
/// `costing_base_year` (a year of the plan period), `presentation_currency` (a currency with
/// an exchange rate, or empty for none), `working_language` and `second_language` (BCP 47
/// tags; the second may be empty).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(try_from = "String", into = "String")]
#[ts(
    export,
    type = r#""contingency" | "costing_base_year" | "presentation_currency" | "working_language" | "second_language" | `inflation:${number}`"#
)]
pub enum PlanSettingField {
    Contingency,
    /// Inflation in a plan year.
    Inflation(Year),
    CostingBaseYear,
    PresentationCurrency,
    WorkingLanguage,
    SecondLanguage,
}

wire_names!(
    PlanSettingField,
    keyed Inflation => "inflation:",
    [
        (PlanSettingField::Contingency, "contingency"),
        (PlanSettingField::CostingBaseYear, "costing_base_year"),
        (PlanSettingField::PresentationCurrency, "presentation_currency"),
        (PlanSettingField::WorkingLanguage, "working_language"),
        (PlanSettingField::SecondLanguage, "second_language"),
    ]
);

/// Sets `field` of the plan's settings in `meta` from the text typed. On error `meta` is
/// unchanged.
pub fn set_plan_setting(
    plan: &Plan,
    meta: &mut PlanMeta,
    field: PlanSettingField,
    text: &str,
) -> Result<(), FieldError> {
    use PlanSettingField as F;
    let name = field.to_string();
    let field_name = name.as_str();
    if let F::Inflation(year) = field {
        if year < plan.meta.start_year || year > plan.meta.end_year {
            return Err(refuse(field_name, text, Problem::YearOutsidePlan));
        }
        if text.trim().is_empty() {
            meta.inflation.remove(&year);
        } else {
            meta.inflation.insert(year, percent(field_name, text)?);
        }
        return Ok(());
    }
    match field {
        F::Contingency => meta.contingency = percent(field_name, text)?,
        F::CostingBaseYear => meta.costing_base_year = year_in(plan, field_name, text)?,
        F::PresentationCurrency => {
            meta.presentation_currency = if text.trim().is_empty() {
                None
            } else {
                Some(rated_currency(plan, field_name, text)?)
            }
        }
        F::WorkingLanguage => {
            let tag = crate::languages::normalised(text)
                .ok_or_else(|| refuse(field_name, text, Problem::UnknownChoice))?;
            if meta.second_language.as_deref() == Some(tag.as_str()) {
                return Err(refuse(field_name, text, Problem::AlreadyThere));
            }
            meta.working_language = tag;
        }
        F::SecondLanguage => {
            meta.second_language = if text.trim().is_empty() {
                None
            } else {
                let tag = crate::languages::normalised(text)
                    .ok_or_else(|| refuse(field_name, text, Problem::UnknownChoice))?;
                if tag == meta.working_language {
                    return Err(refuse(field_name, text, Problem::AlreadyThere));
                }
                Some(tag)
            }
        }
        F::Inflation(_) => {}
    }
    Ok(())
}

/// A field of an exchange rate. Wire names: `rate` (units of base currency per unit, more
/// than zero), `year` (a plan year, or empty for every year without its own rate), `date`
/// (YYYY-MM-DD), `source`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(try_from = "String", into = "String")]
#[ts(export, type = r#""rate" | "year" | "date" | "source""#)]
pub enum ExchangeRateField {
    Rate,
    Year,
    Date,
    Source,
}

wire_names!(
    ExchangeRateField,
    [
        (ExchangeRateField::Rate, "rate"),
        (ExchangeRateField::Year, "year"),
        (ExchangeRateField::Date, "date"),
        (ExchangeRateField::Source, "source"),
    ]
);

/// Sets `field` of an exchange rate from the text typed. On error `rate` is unchanged.
pub fn set_exchange_rate_field(
    plan: &Plan,
    rate: &mut ExchangeRate,
    field: ExchangeRateField,
    text: &str,
) -> Result<(), FieldError> {
    let name = field.to_string();
    let field_name = name.as_str();
    match field {
        ExchangeRateField::Rate => {
            let value = amount(field_name, text)?;
            if value.is_zero() {
                return Err(refuse(field_name, text, Problem::Zero));
            }
            rate.rate = value;
        }
        ExchangeRateField::Year => {
            let year = if text.trim().is_empty() {
                None
            } else {
                Some(year_in(plan, field_name, text)?)
            };
            unique_rate(plan, rate.record.id, &rate.currency, year, field_name, text)?;
            rate.year = year;
        }
        ExchangeRateField::Date => {
            rate.date = IsoDate::try_from(text.trim().to_string())
                .map_err(|_| refuse(field_name, text, Problem::NotADate))?;
        }
        ExchangeRateField::Source => rate.source = text.trim().to_string(),
    }
    Ok(())
}

/// Refuses a second rate for `currency` and `year` (other than rate `id` itself).
fn unique_rate(
    plan: &Plan,
    id: Id,
    currency: &str,
    year: Option<i32>,
    field: &str,
    text: &str,
) -> Result<(), FieldError> {
    let taken = plan
        .exchange_rates
        .iter()
        .any(|r| r.record.id != id && r.currency == currency && r.year == year);
    if taken {
        return Err(refuse(field, text, Problem::DuplicateRate));
    }
    Ok(())
}

/// A new exchange rate for `currency_text` at `rate_text`, for every year, dated `at`. The
/// currency must be known and not the base currency; the rate more than zero.
pub fn new_exchange_rate(
    plan: &Plan,
    currency_text: &str,
    rate_text: &str,
    id: Id,
    at: &Timestamp,
    author: &str,
) -> Result<ExchangeRate, FieldError> {
    let code = currency_text.trim().to_uppercase();
    if currency(&code).is_none() {
        return Err(refuse("currency", currency_text, Problem::UnknownCurrency));
    }
    if code == plan.meta.base_currency {
        return Err(refuse("currency", currency_text, Problem::BaseCurrency));
    }
    unique_rate(plan, id, &code, None, "currency", currency_text)?;
    let mut rate = ExchangeRate {
        record: fresh_meta(id, at, author),
        currency: code,
        year: None,
        rate: Decimal::ONE,
        date: at.date(),
        source: String::new(),
    };
    set_exchange_rate_field(plan, &mut rate, ExchangeRateField::Rate, rate_text)?;
    Ok(rate)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::sample_plan;
    use crate::validate;

    #[test]
    fn plan_settings_are_read_as_percentages_and_refused_unchanged() {
        // The setting by its wire name; a name that is no setting is refused when read.
        fn set(
            plan: &Plan,
            meta: &mut PlanMeta,
            field: &str,
            text: &str,
        ) -> Result<(), FieldError> {
            set_plan_setting(plan, meta, field.parse()?, text)
        }
        let plan = sample_plan();
        let mut meta = plan.meta.clone();
        set(&plan, &mut meta, "contingency", "7.5 %").unwrap();
        assert_eq!(meta.contingency, Decimal::new(75, 3));
        assert_eq!(as_percent(meta.contingency), "7.5");
        let year = plan.meta.start_year + 2;
        set(&plan, &mut meta, &format!("inflation:{year}"), "4").unwrap();
        assert_eq!(meta.inflation[&year], Decimal::new(4, 2));
        set(&plan, &mut meta, &format!("inflation:{year}"), "").unwrap();
        assert!(!meta.inflation.contains_key(&year));
        let before = meta.clone();
        let outside = format!("inflation:{}", plan.meta.end_year + 1);
        for (field, text, problem) in [
            ("contingency", "150", Problem::OverHundredPercent),
            ("contingency", "-5", Problem::Negative),
            ("contingency", "five", Problem::NotANumber),
            (outside.as_str(), "3", Problem::YearOutsidePlan),
            ("costing_base_year", "1990", Problem::YearOutsidePlan),
            ("costing_base_year", "next year", Problem::NotANumber),
            ("presentation_currency", "XYZ", Problem::UnknownCurrency),
            ("presentation_currency", "EUR", Problem::NoExchangeRate),
            ("title", "x", Problem::UnknownField),
        ] {
            let err = set(&plan, &mut meta, field, text).unwrap_err();
            assert_eq!(err.problem, problem, "{field}={text}");
            assert_eq!(meta, before, "{field}={text} changed nothing");
        }
        set(&plan, &mut meta, "presentation_currency", "usd").unwrap();
        assert_eq!(meta.presentation_currency.as_deref(), Some("USD"));
    }

    #[test]
    fn exchange_rates_are_added_and_edited_only_with_sensible_values() {
        fn set(
            plan: &Plan,
            rate: &mut ExchangeRate,
            field: &str,
            text: &str,
        ) -> Result<(), FieldError> {
            set_exchange_rate_field(plan, rate, field.parse()?, text)
        }
        let plan = sample_plan();
        let at = Timestamp::from_unix_millis(1_790_000_000_000);
        let id = Id::from_u128(77);
        let rate = new_exchange_rate(&plan, "eur", "4,450.5", id, &at, "MEF").unwrap();
        assert_eq!(
            (rate.currency.as_str(), rate.rate, rate.year),
            ("EUR", Decimal::new(44505, 1), None)
        );
        assert_eq!(rate.date, at.date());
        // The sample's USD rate applies to every year: a second one is refused.
        assert!(plan
            .exchange_rates
            .iter()
            .any(|r| r.currency == "USD" && r.year.is_none()));
        assert_eq!(
            new_exchange_rate(&plan, "USD", "4000", id, &at, "MEF")
                .map(|_| ())
                .unwrap_err()
                .problem,
            Problem::DuplicateRate
        );
        let base = plan.meta.base_currency.clone();
        for (currency, value, problem) in [
            (base.as_str(), "1", Problem::BaseCurrency),
            ("ZZZ", "1", Problem::UnknownCurrency),
            ("EUR", "0", Problem::Zero),
            ("EUR", "-2", Problem::Negative),
        ] {
            let err = new_exchange_rate(&plan, currency, value, id, &at, "MEF").unwrap_err();
            assert_eq!(err.problem, problem, "{currency} {value}");
        }
        let mut edited = rate.clone();
        set(
            &plan,
            &mut edited,
            "year",
            &plan.meta.start_year.to_string(),
        )
        .unwrap();
        set(&plan, &mut edited, "date", "2026-03-31").unwrap();
        set(&plan, &mut edited, "source", " National Bank ").unwrap();
        assert_eq!(edited.source, "National Bank");
        let before = edited.clone();
        for (field, text, problem) in [
            ("date", "31/03/2026", Problem::NotADate),
            ("year", "2099", Problem::YearOutsidePlan),
            ("rate", "0", Problem::Zero),
            ("currency", "USD", Problem::UnknownField),
        ] {
            let err = set(&plan, &mut edited, field, text).unwrap_err();
            assert_eq!(err.problem, problem, "{field}={text}");
            assert_eq!(edited, before);
        }
        let mut with_rate = plan.clone();
        with_rate.exchange_rates.push(edited);
        assert_eq!(validate(&with_rate), vec![]);
    }
}
