//! Edits as the desktop app makes them: one field of a record set from the text the user
//! typed, checked first, and new records with sensible defaults. Pure functions; the store
//! validates the whole plan and writes the result.

use crate::costing::csv_import::parse_number;
use crate::currency::currency;
use crate::model::{Activity, CostLine, ExchangeRate, Id, Plan, PlanMeta, RecordMeta};
use crate::text::LocalText;
use crate::time::IsoDate;
use crate::time::Timestamp;
use rust_decimal::Decimal;
use serde::Serialize;
use ts_rs::TS;

mod agency_plans;
mod classification;
mod communication;
mod coordination;
mod funding;
mod narrative;
mod results;
pub use agency_plans::{
    new_agency_plan, new_sub_activity, set_agency_plan_field, set_sub_activity_field,
};
pub use classification::{set_classification_name, NameChange};
pub use communication::{
    new_communication_activity, new_communication_item, new_consultation,
    set_communication_activity_field, set_communication_item_field, set_consultation_field,
};
pub use coordination::{new_body, set_body_field};
pub use funding::{new_funding_source, set_funding_source_field};
pub use narrative::{move_narrative_section, new_narrative_section, set_narrative_field};
pub use results::{
    move_result, move_result_to, new_indicator, new_outcome, new_output, set_indicator_field,
    set_result_field, ResultLevel,
};

/// Why a value typed into a field was refused. The interface shows a message per problem in
/// its own language; [`Problem::describe`] gives the English one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Problem {
    /// Not a number (letters, two decimal points, `,` used for decimals).
    NotANumber,
    /// A quantity or unit cost below zero.
    Negative,
    /// More than 28 significant digits, or more than 10 decimal places.
    TooLarge,
    /// Not an ISO 4217 code NAP Studio knows.
    UnknownCurrency,
    /// A currency with no exchange rate into the plan's base currency.
    NoExchangeRate,
    /// An id that is not one of the plan's records of the expected kind.
    UnknownChoice,
    /// The field cannot be empty.
    Required,
    /// A year outside the plan period.
    YearOutsidePlan,
    /// Not `true` or `false`.
    NotYesNo,
    /// The record has no such field, or it is not edited this way.
    UnknownField,
    /// A percentage above 100 where that makes no sense (contingency, inflation).
    OverHundredPercent,
    /// An exchange rate of zero.
    Zero,
    /// Not a date written as YYYY-MM-DD.
    NotADate,
    /// An exchange rate for the plan's base currency, which needs none.
    BaseCurrency,
    /// A second exchange rate for the same currency and year.
    DuplicateRate,
    /// A code another record of the same kind already has.
    DuplicateCode,
    /// The record already has this (an earmark named twice).
    AlreadyThere,
    /// A reporting line that would lead back to the body itself.
    Cycle,
}

impl Problem {
    /// The problem in English, for the command line and logs.
    pub fn describe(self) -> &'static str {
        match self {
            Self::NotANumber => "is not a number (use . for decimals, e.g. 12 or 3.5)",
            Self::Negative => "cannot be negative",
            Self::TooLarge => "is too large or has too many decimal places",
            Self::UnknownCurrency => "is not a currency code NAP Studio knows (e.g. KHR, USD)",
            Self::NoExchangeRate => {
                "has no exchange rate into the plan's base currency; add one in Settings first"
            }
            Self::UnknownChoice => "is not one of this plan's choices",
            Self::Required => "cannot be empty",
            Self::YearOutsidePlan => "is a year outside the plan period",
            Self::NotYesNo => "must be yes or no",
            Self::UnknownField => "is not a field that can be edited here",
            Self::OverHundredPercent => "cannot be more than 100 %",
            Self::Zero => "must be more than zero",
            Self::NotADate => "is not a date written as YYYY-MM-DD, e.g. 2026-01-15",
            Self::BaseCurrency => "is the plan's base currency, which needs no exchange rate",
            Self::DuplicateRate => "already has an exchange rate for that year in this plan",
            Self::DuplicateCode => "is already the code of another record of this kind",
            Self::AlreadyThere => "is already there",
            Self::Cycle => "would make the body report to itself through the bodies below it",
        }
    }
}

/// A value refused for one field; nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: `{text}` {}", .problem.describe())]
pub struct FieldError {
    pub field: String,
    pub text: String,
    pub problem: Problem,
}

fn refuse(field: &str, text: &str, problem: Problem) -> FieldError {
    FieldError {
        field: field.to_string(),
        text: text.to_string(),
        problem,
    }
}

/// The largest number of decimal places an input may carry (amounts are computed at ten).
const MAX_INPUT_SCALE: u32 = 10;

/// A non-negative number as typed (`.` decimals, optional `,` between thousands).
fn amount(field: &str, text: &str) -> Result<Decimal, FieldError> {
    let trimmed = text.trim();
    let looks_numeric = trimmed
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-'));
    let value = parse_number(trimmed).map_err(|_| {
        let digits = trimmed.chars().filter(char::is_ascii_digit).count();
        // A long string of digits that does not parse overflowed the 96-bit mantissa.
        let problem = if looks_numeric && digits > 28 {
            Problem::TooLarge
        } else {
            Problem::NotANumber
        };
        refuse(field, text, problem)
    })?;
    if value.is_sign_negative() && !value.is_zero() {
        return Err(refuse(field, text, Problem::Negative));
    }
    if value.normalize().scale() > MAX_INPUT_SCALE {
        return Err(refuse(field, text, Problem::TooLarge));
    }
    Ok(value.normalize())
}

fn choice(
    plan_ids: impl IntoIterator<Item = Id>,
    field: &str,
    text: &str,
) -> Result<Option<Id>, FieldError> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let id: Id = t
        .parse()
        .map_err(|_| refuse(field, text, Problem::UnknownChoice))?;
    if plan_ids.into_iter().any(|p| p == id) {
        Ok(Some(id))
    } else {
        Err(refuse(field, text, Problem::UnknownChoice))
    }
}

/// One of an enum's values by its snake_case name ("national_budget"), as the model's own
/// serialisation writes it, so that the names live in one place; `unknown_choice` otherwise.
fn variant<T: serde::de::DeserializeOwned>(field: &str, text: &str) -> Result<T, FieldError> {
    serde_json::from_value(serde_json::Value::String(text.trim().to_string()))
        .map_err(|_| refuse(field, text, Problem::UnknownChoice))
}

/// `true`/`yes` or `false`/`no`; `not_yes_no` otherwise.
fn yes_no(field: &str, text: &str) -> Result<bool, FieldError> {
    match text.trim() {
        "true" | "yes" => Ok(true),
        "false" | "no" => Ok(false),
        _ => Err(refuse(field, text, Problem::NotYesNo)),
    }
}

/// `text` trimmed; `required` when nothing is left (a name, a title).
pub fn required_text(field: &str, text: &str) -> Result<String, FieldError> {
    let t = text.trim();
    if t.is_empty() {
        return Err(refuse(field, text, Problem::Required));
    }
    Ok(t.to_string())
}

fn optional(text: &str) -> Option<String> {
    let t = text.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// Sets one field of `line` from `text` as the user typed it. Fields: `item`, `item_l2`,
/// `unit`, `unit_cost`, `currency`, `economic_code`, `funding_source_id`,
/// `catalogue_item_id`, `inflate`, `note`, and `quantity:YEAR`. An empty text clears an
/// optional field (a quantity, the unit cost, the source). On error `line` is unchanged.
pub fn set_cost_line_field(
    plan: &Plan,
    line: &mut CostLine,
    field: &str,
    text: &str,
) -> Result<(), FieldError> {
    if let Some(year) = field.strip_prefix("quantity:") {
        return set_year_amount(plan, &mut line.quantities, year, field, text);
    }
    match field {
        "item" => {
            let t = text.trim();
            if t.is_empty() {
                return Err(refuse(field, text, Problem::Required));
            }
            line.item.text = t.to_string();
        }
        "item_l2" => line.item.l2 = optional(text),
        "unit" => line.unit = optional(text),
        "unit_cost" => {
            line.unit_cost = if text.trim().is_empty() {
                None
            } else {
                Some(amount(field, text)?)
            }
        }
        "currency" => {
            let code = text.trim().to_uppercase();
            if code.is_empty() {
                line.currency = None;
            } else {
                if currency(&code).is_none() {
                    return Err(refuse(field, text, Problem::UnknownCurrency));
                }
                let has_rate = code == plan.meta.base_currency
                    || plan.exchange_rates.iter().any(|r| r.currency == code);
                if !has_rate {
                    return Err(refuse(field, text, Problem::NoExchangeRate));
                }
                line.currency = Some(code);
            }
        }
        "economic_code" => line.economic_code = optional(text),
        "funding_source_id" => {
            line.funding_source_id = choice(
                plan.funding_sources.iter().map(|s| s.record.id),
                field,
                text,
            )?;
        }
        "catalogue_item_id" => {
            let chosen = choice(plan.catalogue.iter().map(|c| c.record.id), field, text)?;
            match chosen {
                // Following an item: the line takes its unit, cost, currency and code from
                // it, now and when the catalogue changes later.
                Some(_) => {
                    line.unit = None;
                    line.unit_cost = None;
                    line.currency = None;
                    line.economic_code = None;
                }
                // Leaving the item: the line keeps what it had from it, as its own values.
                None => {
                    if let Some(item) = line
                        .catalogue_item_id
                        .and_then(|id| plan.catalogue.iter().find(|c| c.record.id == id))
                    {
                        line.unit.get_or_insert_with(|| item.unit.clone());
                        line.unit_cost.get_or_insert(item.unit_cost);
                        line.currency.get_or_insert_with(|| item.currency.clone());
                        line.economic_code
                            .get_or_insert_with(|| item.economic_code.clone());
                    }
                }
            }
            line.catalogue_item_id = chosen;
        }
        "inflate" => line.inflate = yes_no(field, text)?,
        "note" => line.note = text.trim().to_string(),
        _ => return Err(refuse(field, text, Problem::UnknownField)),
    }
    Ok(())
}

/// Sets the amount of the plan year written `year` in `amounts` from `text` (a non-negative
/// number; empty removes the year). `field` names the field in a refusal.
fn set_year_amount(
    plan: &Plan,
    amounts: &mut crate::model::PerYear<Decimal>,
    year: &str,
    field: &str,
    text: &str,
) -> Result<(), FieldError> {
    let year: i32 = year
        .parse()
        .map_err(|_| refuse(field, text, Problem::UnknownField))?;
    if year < plan.meta.start_year || year > plan.meta.end_year {
        return Err(refuse(field, text, Problem::YearOutsidePlan));
    }
    if text.trim().is_empty() {
        amounts.remove(&year);
    } else {
        amounts.insert(year, amount(field, text)?);
    }
    Ok(())
}

fn fresh_meta(id: Id, now: &Timestamp, author: &str) -> RecordMeta {
    RecordMeta {
        id,
        created: now.clone(),
        modified: now.clone(),
        modified_by: author.to_string(),
    }
}

/// A new, empty cost line for `activity_id`: unit "unit" at a unit cost of 0 in the plan's
/// base currency, GFS economic code 22 (use of goods and services), no quantities yet,
/// inflating, unfunded. The user fills it in the grid.
pub fn new_cost_line(
    plan: &Plan,
    activity_id: Id,
    item: &str,
    id: Id,
    now: &Timestamp,
    author: &str,
) -> CostLine {
    CostLine {
        record: fresh_meta(id, now, author),
        activity_id,
        item: LocalText::new(item),
        catalogue_item_id: None,
        unit: Some("unit".to_string()),
        unit_cost: Some(Decimal::ZERO),
        currency: Some(plan.meta.base_currency.clone()),
        economic_code: Some("22".to_string()),
        quantities: Default::default(),
        funding_source_id: None,
        inflate: true,
        note: String::new(),
    }
}

/// A new activity under `output_id`, coded after the output's last activity (output
/// "1.2.1" with activities up to "1.2.1.4" gives "1.2.1.5"), implemented in every year of
/// the plan, led by `lead_agency_id`. `None` when there is no such output.
pub fn new_activity(
    plan: &Plan,
    output_id: Id,
    title: &str,
    lead_agency_id: Option<Id>,
    id: Id,
    now: &Timestamp,
    author: &str,
) -> Option<Activity> {
    let output = plan.outputs.iter().find(|o| o.record.id == output_id)?;
    let prefix = format!("{}.", output.code);
    let last = plan
        .activities
        .iter()
        .filter(|a| a.output_id == output_id)
        .filter_map(|a| a.code.strip_prefix(&prefix)?.parse::<u32>().ok())
        .max()
        .unwrap_or(0);
    Some(Activity {
        record: fresh_meta(id, now, author),
        output_id,
        code: format!("{prefix}{}", last + 1),
        title: LocalText::new(title),
        description: LocalText::default(),
        lead_agency_id,
        supporting_agency_ids: Vec::new(),
        years: (plan.meta.start_year..=plan.meta.end_year).collect(),
        cofog: String::new(),
        gender_marker: None,
        contingency: None,
    })
}

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

fn year_in(plan: &Plan, field: &str, text: &str) -> Result<i32, FieldError> {
    let year: i32 = text
        .trim()
        .parse()
        .map_err(|_| refuse(field, text, Problem::NotANumber))?;
    if year < plan.meta.start_year || year > plan.meta.end_year {
        return Err(refuse(field, text, Problem::YearOutsidePlan));
    }
    Ok(year)
}

/// A currency code (any case) that is known and, unless it is the base currency, has an
/// exchange rate in `plan`.
fn rated_currency(plan: &Plan, field: &str, text: &str) -> Result<String, FieldError> {
    let code = text.trim().to_uppercase();
    if currency(&code).is_none() {
        return Err(refuse(field, text, Problem::UnknownCurrency));
    }
    if code != plan.meta.base_currency && !plan.exchange_rates.iter().any(|r| r.currency == code) {
        return Err(refuse(field, text, Problem::NoExchangeRate));
    }
    Ok(code)
}

/// Sets one of the plan's costing settings in `meta` from the text typed. Fields:
/// `contingency` and `inflation:YEAR` (percentages, "5" = 5 %; an empty inflation means none
/// that year), `costing_base_year` (a year of the plan period), `presentation_currency` (a
/// currency with an exchange rate, or empty for none). On error `meta` is unchanged.
pub fn set_plan_setting(
    plan: &Plan,
    meta: &mut PlanMeta,
    field: &str,
    text: &str,
) -> Result<(), FieldError> {
    if let Some(year) = field.strip_prefix("inflation:") {
        let year = year_in(plan, field, year).map_err(|e| refuse(field, text, e.problem))?;
        if text.trim().is_empty() {
            meta.inflation.remove(&year);
        } else {
            meta.inflation.insert(year, percent(field, text)?);
        }
        return Ok(());
    }
    match field {
        "contingency" => meta.contingency = percent(field, text)?,
        "costing_base_year" => meta.costing_base_year = year_in(plan, field, text)?,
        "presentation_currency" => {
            meta.presentation_currency = if text.trim().is_empty() {
                None
            } else {
                Some(rated_currency(plan, field, text)?)
            }
        }
        _ => return Err(refuse(field, text, Problem::UnknownField)),
    }
    Ok(())
}

/// Sets one field of an exchange rate from the text typed. Fields: `rate` (units of base
/// currency per unit, more than zero), `year` (a plan year, or empty for every year without
/// its own rate), `date` (YYYY-MM-DD), `source`. On error `rate` is unchanged.
pub fn set_exchange_rate_field(
    plan: &Plan,
    rate: &mut ExchangeRate,
    field: &str,
    text: &str,
) -> Result<(), FieldError> {
    match field {
        "rate" => {
            let value = amount(field, text)?;
            if value.is_zero() {
                return Err(refuse(field, text, Problem::Zero));
            }
            rate.rate = value;
        }
        "year" => {
            let year = if text.trim().is_empty() {
                None
            } else {
                Some(year_in(plan, field, text)?)
            };
            unique_rate(plan, rate.record.id, &rate.currency, year, field, text)?;
            rate.year = year;
        }
        "date" => {
            rate.date = IsoDate::try_from(text.trim().to_string())
                .map_err(|_| refuse(field, text, Problem::NotADate))?;
        }
        "source" => rate.source = text.trim().to_string(),
        _ => return Err(refuse(field, text, Problem::UnknownField)),
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
    set_exchange_rate_field(plan, &mut rate, "rate", rate_text)?;
    Ok(rate)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::sample_plan;
    use crate::validate;

    #[test]
    fn quantities_and_costs_are_read_as_typed_or_refused_unchanged() {
        let plan = sample_plan();
        let mut line = plan.cost_lines[0].clone();
        let year = plan.meta.start_year + 1;
        let field = format!("quantity:{year}");
        set_cost_line_field(&plan, &mut line, &field, "1,250.5").expect("grouped number");
        assert_eq!(line.quantities[&year], Decimal::new(12505, 1));
        let before = line.clone();
        for (text, problem) in [
            ("12 kits", Problem::NotANumber),
            ("1,5", Problem::NotANumber),
            ("-3", Problem::Negative),
            ("1.00000000001", Problem::TooLarge),
            ("99999999999999999999999999999999", Problem::TooLarge),
        ] {
            let err = set_cost_line_field(&plan, &mut line, &field, text).unwrap_err();
            assert_eq!(err.problem, problem, "{text}");
            assert_eq!(line, before, "{text} changed nothing");
        }
        let outside = format!("quantity:{}", plan.meta.end_year + 1);
        assert_eq!(
            set_cost_line_field(&plan, &mut line, &outside, "3")
                .unwrap_err()
                .problem,
            Problem::YearOutsidePlan
        );
        set_cost_line_field(&plan, &mut line, &field, " ").expect("empty clears");
        assert!(!line.quantities.contains_key(&year));
    }

    #[test]
    fn choices_and_currencies_must_exist_in_the_plan() {
        let plan = sample_plan();
        let mut line = plan.cost_lines[0].clone();
        let source = plan.funding_sources[0].record.id;
        set_cost_line_field(&plan, &mut line, "funding_source_id", &source.to_string())
            .expect("a source of the plan");
        assert_eq!(line.funding_source_id, Some(source));
        let stranger = Id::new_v4().to_string();
        assert_eq!(
            set_cost_line_field(&plan, &mut line, "funding_source_id", &stranger)
                .unwrap_err()
                .problem,
            Problem::UnknownChoice
        );
        assert_eq!(
            set_cost_line_field(&plan, &mut line, "currency", "XYZ")
                .unwrap_err()
                .problem,
            Problem::UnknownCurrency
        );
        assert_eq!(
            set_cost_line_field(&plan, &mut line, "currency", "JPY")
                .unwrap_err()
                .problem,
            Problem::NoExchangeRate
        );
        set_cost_line_field(&plan, &mut line, "currency", "usd").expect("a rated currency");
        assert_eq!(line.currency.as_deref(), Some("USD"));
        assert_eq!(
            set_cost_line_field(&plan, &mut line, "item", "  ")
                .unwrap_err()
                .problem,
            Problem::Required
        );
        assert_eq!(
            set_cost_line_field(&plan, &mut line, "record", "x")
                .unwrap_err()
                .problem,
            Problem::UnknownField
        );
    }

    #[test]
    fn a_line_follows_the_catalogue_item_it_picks_and_keeps_its_values_when_it_leaves() {
        let plan = sample_plan();
        let item = &plan.catalogue[0];
        let mut line = plan
            .cost_lines
            .iter()
            .find(|l| l.catalogue_item_id.is_none())
            .expect("a line of its own")
            .clone();
        set_cost_line_field(
            &plan,
            &mut line,
            "catalogue_item_id",
            &item.record.id.to_string(),
        )
        .expect("pick");
        assert_eq!(line.catalogue_item_id, Some(item.record.id));
        assert_eq!((line.unit.as_deref(), line.unit_cost), (None, None));
        let mut picked = plan.clone();
        let at = picked
            .cost_lines
            .iter()
            .position(|l| l.record.id == line.record.id)
            .expect("line");
        picked.cost_lines[at] = line.clone();
        assert_eq!(validate(&picked), vec![]);
        set_cost_line_field(&picked, &mut line, "catalogue_item_id", "").expect("leave");
        assert_eq!(line.unit.as_deref(), Some(item.unit.as_str()));
        assert_eq!(line.unit_cost, Some(item.unit_cost));
        assert_eq!(
            line.economic_code.as_deref(),
            Some(item.economic_code.as_str())
        );
    }

    #[test]
    fn new_activities_and_lines_are_valid_and_coded_after_their_siblings() {
        let mut plan = sample_plan();
        let output = plan.activities[0].output_id;
        let siblings: Vec<String> = plan
            .activities
            .iter()
            .filter(|a| a.output_id == output)
            .map(|a| a.code.clone())
            .collect();
        let now = Timestamp::from_unix_millis(1_790_000_000_000);
        let activity = new_activity(
            &plan,
            output,
            "Radio drama",
            None,
            Id::new_v4(),
            &now,
            "MOI",
        )
        .expect("output exists");
        assert!(
            !siblings.contains(&activity.code),
            "{} is new",
            activity.code
        );
        let line = new_cost_line(
            &plan,
            activity.record.id,
            "Studio hire",
            Id::new_v4(),
            &now,
            "MOI",
        );
        plan.activities.push(activity);
        plan.cost_lines.push(line);
        assert_eq!(
            validate(&plan),
            vec![],
            "the new records keep the plan valid"
        );
        assert!(new_activity(&plan, Id::new_v4(), "x", None, Id::new_v4(), &now, "MOI").is_none());
    }

    #[test]
    fn plan_settings_are_read_as_percentages_and_refused_unchanged() {
        let plan = sample_plan();
        let mut meta = plan.meta.clone();
        set_plan_setting(&plan, &mut meta, "contingency", "7.5 %").unwrap();
        assert_eq!(meta.contingency, Decimal::new(75, 3));
        assert_eq!(as_percent(meta.contingency), "7.5");
        let year = plan.meta.start_year + 2;
        set_plan_setting(&plan, &mut meta, &format!("inflation:{year}"), "4").unwrap();
        assert_eq!(meta.inflation[&year], Decimal::new(4, 2));
        set_plan_setting(&plan, &mut meta, &format!("inflation:{year}"), "").unwrap();
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
            let err = set_plan_setting(&plan, &mut meta, field, text).unwrap_err();
            assert_eq!(err.problem, problem, "{field}={text}");
            assert_eq!(meta, before, "{field}={text} changed nothing");
        }
        set_plan_setting(&plan, &mut meta, "presentation_currency", "usd").unwrap();
        assert_eq!(meta.presentation_currency.as_deref(), Some("USD"));
    }

    #[test]
    fn exchange_rates_are_added_and_edited_only_with_sensible_values() {
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
        set_exchange_rate_field(
            &plan,
            &mut edited,
            "year",
            &plan.meta.start_year.to_string(),
        )
        .unwrap();
        set_exchange_rate_field(&plan, &mut edited, "date", "2026-03-31").unwrap();
        set_exchange_rate_field(&plan, &mut edited, "source", " National Bank ").unwrap();
        assert_eq!(edited.source, "National Bank");
        let before = edited.clone();
        for (field, text, problem) in [
            ("date", "31/03/2026", Problem::NotADate),
            ("year", "2099", Problem::YearOutsidePlan),
            ("rate", "0", Problem::Zero),
            ("currency", "USD", Problem::UnknownField),
        ] {
            let err = set_exchange_rate_field(&plan, &mut edited, field, text).unwrap_err();
            assert_eq!(err.problem, problem, "{field}={text}");
            assert_eq!(edited, before);
        }
        let mut with_rate = plan.clone();
        with_rate.exchange_rates.push(edited);
        assert_eq!(validate(&with_rate), vec![]);
    }
}
