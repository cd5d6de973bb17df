//! The vocabulary of edits as the desktop app and the command line make them: one field of a
//! record set from the text the user typed, checked first ([`FieldError`], [`Problem`]), and
//! the parsing every element's edits share (amounts, choices, years, yes/no). The edits
//! themselves live with their element (`results::edit`, `costing::edit`, …) and are
//! re-exported here for callers that edit many kinds. Pure functions; the store validates
//! the whole plan and writes the result.

use crate::costing::csv_import::parse_number;
use crate::currency::currency;
use crate::model::{Id, Plan, RecordMeta};
use crate::time::Timestamp;
use rust_decimal::Decimal;
use serde::Serialize;
use ts_rs::TS;

pub use crate::agency_plans::edit::{
    new_agency_plan, new_sub_activity, set_agency_plan_field, set_sub_activity_field,
    AgencyPlanField, SubActivityField,
};
pub use crate::communication::edit::{
    new_communication_activity, new_communication_item, new_consultation,
    set_communication_activity_field, set_communication_item_field, set_consultation_field,
    CommunicationActivityField, CommunicationItemField, ConsultationField,
};
pub use crate::coordination::edit::{
    new_body, new_reporting_event, set_body_field, set_reporting_event_field, BodyField,
    ReportingEventField,
};
pub use crate::costing::classification_names::{
    set_classification_name, ClassificationNameField, NameChange,
};
pub use crate::costing::edit::{new_cost_line, set_cost_line_field, CostLineField};
pub use crate::costing::settings::{
    as_percent, new_exchange_rate, set_exchange_rate_field, set_plan_setting, ExchangeRateField,
    PlanSettingField,
};
pub use crate::funding::edit::{new_funding_source, set_funding_source_field, FundingSourceField};
pub use crate::narrative::edit::{
    move_narrative_section, new_narrative_section, set_narrative_field, NarrativeField,
};
pub use crate::results::edit::{
    move_result, move_result_to, new_activity, new_indicator, new_outcome, new_output,
    set_indicator_field, set_result_field, IndicatorField, ResultField, ResultLevel,
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
    /// More than 10^15 (the largest amount NAP Studio takes), or more than 10 decimal places.
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
    /// Not a reporting period (`2027`, `2027-H1`, `2027-Q3`).
    NotAPeriod,
    /// A breakdown (by sex, age, …) the indicator does not ask for.
    NotBrokenDown,
}

impl Problem {
    /// The problem in English, for the command line and logs.
    pub fn describe(self) -> &'static str {
        match self {
            Self::NotANumber => "is not a number (use . for decimals, e.g. 12 or 3.5)",
            Self::Negative => "cannot be negative",
            Self::TooLarge => {
                "is more than 1,000,000,000,000,000 or has more than 10 decimal places"
            }
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
            Self::NotAPeriod => {
                "is not a reporting period: write a year, a half or a quarter (2027, 2027-H1, 2027-Q3)"
            }
            Self::NotBrokenDown => "is not a breakdown this indicator asks for",
        }
    }
}

/// A value refused for one field; nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: `{}` {}", crate::text::quoted(.text), .problem.describe())]
pub struct FieldError {
    pub field: String,
    pub text: String,
    pub problem: Problem,
}

pub(crate) fn refuse(field: &str, text: &str, problem: Problem) -> FieldError {
    FieldError {
        field: field.to_string(),
        text: text.to_string(),
        problem,
    }
}

/// The largest number of decimal places an input may carry (amounts are computed at ten).
const MAX_INPUT_SCALE: u32 = 10;

/// A non-negative number as typed (`.` decimals, optional `,` between thousands).
pub(crate) fn amount(field: &str, text: &str) -> Result<Decimal, FieldError> {
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
    if value > crate::validate::AMOUNT_LIMIT || value.normalize().scale() > MAX_INPUT_SCALE {
        return Err(refuse(field, text, Problem::TooLarge));
    }
    Ok(value.normalize())
}

pub(crate) fn choice(
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
pub(crate) fn variant<T: serde::de::DeserializeOwned>(
    field: &str,
    text: &str,
) -> Result<T, FieldError> {
    serde_json::from_value(serde_json::Value::String(text.trim().to_string()))
        .map_err(|_| refuse(field, text, Problem::UnknownChoice))
}

/// `true`/`yes` or `false`/`no`; `not_yes_no` otherwise.
pub(crate) fn yes_no(field: &str, text: &str) -> Result<bool, FieldError> {
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

pub(crate) fn optional(text: &str) -> Option<String> {
    let t = text.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// Which half of a two-language text a field is: the text in the plan's working language, or
/// its translation into the plan's second language (written `_l2` after the field's name on
/// the wire).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tongue {
    Working,
    Second,
}

/// A record kind's editable fields, named on the wire.
pub trait WireField: Sized + 'static {
    /// The fields that have no value besides their name, with their wire names.
    const NAMED: &'static [(Self, &'static str)];
}

/// The wire names of a record kind's editable fields: for the enum `$ty`, the table
/// [`WireField::NAMED`] of the fields that have no value besides their name, and `Display`,
/// `FromStr` (refusing any other name as `unknown_field`), and serde through those names.
/// With `keyed Variant => "prefix:"`, `Variant(key)` (a year, an id) is written `prefix:KEY`. The enum
/// itself is written out by hand, with its documentation; the interface's type is the
/// union of the names (`#[ts(type = ...)]` beside the enum).
macro_rules! wire_names {
    ($ty:ident $(, keyed $keyed:ident => $prefix:literal)*, [$(($field:expr, $wire:literal)),* $(,)?]) => {
        impl $crate::edit::WireField for $ty {
            const NAMED: &'static [($ty, &'static str)] = &[$(($field, $wire)),*];
        }

        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                $(
                    if let Self::$keyed(key) = self {
                        return write!(f, "{}{key}", $prefix);
                    }
                )*
                let name = <Self as $crate::edit::WireField>::NAMED
                    .iter()
                    .find(|(field, _)| field == self)
                    .map_or("", |(_, name)| name);
                f.write_str(name)
            }
        }

        impl std::str::FromStr for $ty {
            type Err = $crate::edit::FieldError;
            /// A field from its wire name; a refusal naming `unknown_field` otherwise.
            fn from_str(name: &str) -> Result<Self, Self::Err> {
                let unknown = || {
                    $crate::edit::refuse(name, "", $crate::edit::Problem::UnknownField)
                };
                $(
                    if let Some(key) = name.strip_prefix($prefix) {
                        return key.parse().map(Self::$keyed).map_err(|_| unknown());
                    }
                )*
                <Self as $crate::edit::WireField>::NAMED
                    .iter()
                    .find(|(_, wire)| *wire == name)
                    .map(|(field, _)| *field)
                    .ok_or_else(unknown)
            }
        }

        impl TryFrom<String> for $ty {
            type Error = $crate::edit::FieldError;
            fn try_from(name: String) -> Result<Self, Self::Error> {
                name.parse()
            }
        }

        impl From<$ty> for String {
            fn from(field: $ty) -> Self {
                field.to_string()
            }
        }
    };
}
pub(crate) use wire_names;

/// Sets the amount of `year` in `amounts` from `text` (a non-negative number; empty removes
/// the year). `field` names the field in a refusal.
pub(crate) fn set_year_amount(
    plan: &Plan,
    amounts: &mut crate::model::PerYear<Decimal>,
    year: crate::model::Year,
    field: &str,
    text: &str,
) -> Result<(), FieldError> {
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

pub(crate) fn fresh_meta(id: Id, now: &Timestamp, author: &str) -> RecordMeta {
    RecordMeta {
        id,
        created: now.clone(),
        modified: now.clone(),
        modified_by: author.to_string(),
    }
}

pub(crate) fn year_in(plan: &Plan, field: &str, text: &str) -> Result<i32, FieldError> {
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
pub(crate) fn rated_currency(plan: &Plan, field: &str, text: &str) -> Result<String, FieldError> {
    let code = text.trim().to_uppercase();
    if currency(&code).is_none() {
        return Err(refuse(field, text, Problem::UnknownCurrency));
    }
    if code != plan.meta.base_currency && !plan.exchange_rates.iter().any(|r| r.currency == code) {
        return Err(refuse(field, text, Problem::NoExchangeRate));
    }
    Ok(code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Year;

    /// Every field of `F` (the named ones, and one keyed field when `keyed` makes one)
    /// reads back from its wire name, as text and as JSON; `unknown` names are refused as
    /// `unknown_field`.
    fn names_read_back<F>(keyed: Option<fn(Year) -> F>, unknown: &[&str])
    where
        F: WireField
            + Copy
            + PartialEq
            + std::fmt::Debug
            + std::fmt::Display
            + std::str::FromStr<Err = FieldError>
            + serde::Serialize
            + serde::de::DeserializeOwned,
    {
        let mut fields: Vec<F> = F::NAMED.iter().map(|(f, _)| *f).collect();
        fields.extend(keyed.map(|make| make(2027)));
        for field in fields {
            let name = field.to_string();
            assert!(!name.is_empty(), "{field:?} has a name");
            assert_eq!(name.parse::<F>().ok(), Some(field), "{name}");
            let json = serde_json::to_string(&field).expect("json");
            assert_eq!(json, format!("\"{name}\""));
            assert_eq!(serde_json::from_str::<F>(&json).ok(), Some(field), "{json}");
        }
        for name in unknown {
            assert_eq!(
                name.parse::<F>().map_err(|e| e.problem).err(),
                Some(Problem::UnknownField),
                "{name}"
            );
            assert!(serde_json::from_str::<F>(&format!("\"{name}\"")).is_err());
        }
    }

    #[test]
    fn every_field_reads_back_from_its_wire_name() {
        names_read_back::<CostLineField>(
            Some(CostLineField::Quantity),
            &[
                "record",
                "quantity:",
                "quantity:next",
                "Item",
                "",
                "amount:2027",
            ],
        );
        names_read_back::<ResultField>(None, &["lead_agency", "title_l3", "statement"]);
        names_read_back::<IndicatorField>(
            Some(IndicatorField::Target),
            &[
                "target:",
                "disaggregation:colour",
                "disaggregation:",
                "code",
            ],
        );
        assert_eq!(
            IndicatorField::Disaggregation(crate::model::Disaggregation::Disability).to_string(),
            "disaggregation:disability"
        );
        names_read_back::<NarrativeField>(None, &["text", "body_km", "Kind"]);
        names_read_back::<ReportingEventField>(None, &["due_date", "title_l3"]);
        names_read_back::<ExchangeRateField>(None, &["currency", "Rate"]);
        names_read_back::<AgencyPlanField>(None, &["agency_id", "notes_km"]);
        names_read_back::<ClassificationNameField>(None, &["colour", "code"]);
        names_read_back::<SubActivityField>(
            Some(|_| SubActivityField::Quarter(3)),
            &["quarter:", "quarter:Q3", "quarter:300", "activity_id"],
        );
        names_read_back::<PlanSettingField>(
            Some(PlanSettingField::Inflation),
            &["title", "inflation:", "inflation:soon", "contingency_l2"],
        );
        names_read_back::<BodyField>(
            Some(|_| BodyField::Member(Id::from_u128(7))),
            &["member:MOI", "chair:", "members", "name_l3"],
        );
        names_read_back::<FundingSourceField>(
            Some(FundingSourceField::Amount),
            &["earmarks", "amount:", "quantity:2027", "Name"],
        );
        names_read_back::<CommunicationItemField>(None, &["kind_l2", "Text", "statement"]);
        names_read_back::<CommunicationActivityField>(None, &["responsible", "languages_l2"]);
        names_read_back::<ConsultationField>(
            Some(|_| ConsultationField::Group(crate::model::StakeholderGroup::WomenPeacebuilders)),
            &["group:aliens", "group:", "groups", "kind", "participants"],
        );
        assert_eq!(
            ConsultationField::Group(crate::model::StakeholderGroup::PersonsWithDisabilities)
                .to_string(),
            "group:persons_with_disabilities"
        );
        // The language is a value; on the wire the second language is the `_l2` name.
        assert_eq!(CostLineField::Item(Tongue::Second).to_string(), "item_l2");
        assert_eq!(
            FundingSourceField::Name(Tongue::Second).to_string(),
            "name_l2"
        );
    }
}
