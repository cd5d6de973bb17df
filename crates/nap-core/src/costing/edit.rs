//! Edits of cost lines as the costing grid makes them: one field set from the text typed,
//! checked first, and new lines with sensible defaults.

use crate::currency::currency;
use crate::edit::{
    amount, choice, fresh_meta, optional, refuse, set_year_amount, wire_names, yes_no, FieldError,
    Problem, Tongue,
};
use crate::model::{CostLine, Id, Plan, Year};
use crate::text::LocalText;
use crate::time::Timestamp;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A field of a cost line that can be typed into. On the wire (the interface's calls and the
/// refusals it gets back) each has the name the grid has always used: `item`, `item_l2`, `unit`,
/// `unit_cost`, `currency`, `economic_code`, `funding_source_id`, `catalogue_item_id`,
/// `inflate`, `note` and `quantity:YEAR`; the interface gets the same names as a type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(try_from = "String", into = "String")]
#[ts(
    export,
    type = r#""item" | "item_l2" | "unit" | "unit_cost" | "currency" | "economic_code" | "funding_source_id" | "catalogue_item_id" | "inflate" | "note" | `quantity:${number}`"#
)]
pub enum CostLineField {
    /// What is bought, in the working language or the second language.
    Item(Tongue),
    Unit,
    UnitCost,
    Currency,
    EconomicCode,
    FundingSource,
    /// The catalogue item the line follows (its unit, cost, currency and code).
    CatalogueItem,
    Inflate,
    Note,
    /// The quantity of a plan year.
    Quantity(Year),
}

wire_names!(
    CostLineField,
    keyed Quantity => "quantity:",
    [
        (CostLineField::Item(Tongue::Working), "item"),
        (CostLineField::Item(Tongue::Second), "item_l2"),
        (CostLineField::Unit, "unit"),
        (CostLineField::UnitCost, "unit_cost"),
        (CostLineField::Currency, "currency"),
        (CostLineField::EconomicCode, "economic_code"),
        (CostLineField::FundingSource, "funding_source_id"),
        (CostLineField::CatalogueItem, "catalogue_item_id"),
        (CostLineField::Inflate, "inflate"),
        (CostLineField::Note, "note"),
    ]
);

/// Sets `field` of `line` from `text` as the user typed it. An empty text clears an optional
/// field (a quantity, the unit cost, the source). On error `line` is unchanged.
pub fn set_cost_line_field(
    plan: &Plan,
    line: &mut CostLine,
    field: CostLineField,
    text: &str,
) -> Result<(), FieldError> {
    let name = field.to_string();
    let name = name.as_str();
    match field {
        CostLineField::Quantity(year) => {
            return set_year_amount(plan, &mut line.quantities, year, name, text);
        }
        CostLineField::Item(Tongue::Working) => {
            let t = text.trim();
            if t.is_empty() {
                return Err(refuse(name, text, Problem::Required));
            }
            line.item.text = t.to_string();
        }
        CostLineField::Item(Tongue::Second) => line.item.l2 = optional(text),
        CostLineField::Unit => line.unit = optional(text),
        CostLineField::UnitCost => {
            line.unit_cost = if text.trim().is_empty() {
                None
            } else {
                Some(amount(name, text)?)
            }
        }
        CostLineField::Currency => {
            let code = text.trim().to_uppercase();
            if code.is_empty() {
                line.currency = None;
            } else {
                if currency(&code).is_none() {
                    return Err(refuse(name, text, Problem::UnknownCurrency));
                }
                let has_rate = code == plan.meta.base_currency
                    || plan.exchange_rates.iter().any(|r| r.currency == code);
                if !has_rate {
                    return Err(refuse(name, text, Problem::NoExchangeRate));
                }
                line.currency = Some(code);
            }
        }
        CostLineField::EconomicCode => line.economic_code = optional(text),
        CostLineField::FundingSource => {
            line.funding_source_id =
                choice(plan.funding_sources.iter().map(|s| s.record.id), name, text)?;
        }
        CostLineField::CatalogueItem => {
            let chosen = choice(plan.catalogue.iter().map(|c| c.record.id), name, text)?;
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
        CostLineField::Inflate => line.inflate = yes_no(name, text)?,
        CostLineField::Note => line.note = text.trim().to_string(),
    }
    Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::new_activity;
    use crate::sample::sample_plan;
    use crate::validate;

    #[test]
    fn quantities_and_costs_are_read_as_typed_or_refused_unchanged() {
        let plan = sample_plan();
        let mut line = plan.cost_lines[0].clone();
        let year = plan.meta.start_year + 1;
        let field = CostLineField::Quantity(year);
        set_cost_line_field(&plan, &mut line, field, "1,250.5").expect("grouped number");
        assert_eq!(line.quantities[&year], Decimal::new(12505, 1));
        let before = line.clone();
        for (text, problem) in [
            ("12 kits", Problem::NotANumber),
            ("1,5", Problem::NotANumber),
            ("-3", Problem::Negative),
            ("1.00000000001", Problem::TooLarge),
            ("99999999999999999999999999999999", Problem::TooLarge),
            ("1,000,000,000,000,001", Problem::TooLarge),
            ("9999999999999999999999999", Problem::TooLarge),
        ] {
            let err = set_cost_line_field(&plan, &mut line, field, text).unwrap_err();
            assert_eq!(err.problem, problem, "{text}");
            assert_eq!(line, before, "{text} changed nothing");
        }
        let outside = CostLineField::Quantity(plan.meta.end_year + 1);
        assert_eq!(
            set_cost_line_field(&plan, &mut line, outside, "3")
                .unwrap_err()
                .problem,
            Problem::YearOutsidePlan
        );
        set_cost_line_field(&plan, &mut line, field, "1,000,000,000,000,000")
            .expect("the limit itself is taken");
        // A megabyte pasted into a cell is refused with a message of one line, not a megabyte.
        let pasted = "7 kits ".repeat(150_000);
        let err = set_cost_line_field(&plan, &mut line, field, &pasted).unwrap_err();
        assert_eq!(err.problem, Problem::NotANumber);
        assert!(
            err.to_string().len() < 300,
            "{} bytes",
            err.to_string().len()
        );
        set_cost_line_field(&plan, &mut line, field, " ").expect("empty clears");
        assert!(!line.quantities.contains_key(&year));
    }

    #[test]
    fn choices_and_currencies_must_exist_in_the_plan() {
        let plan = sample_plan();
        let mut line = plan.cost_lines[0].clone();
        let source = plan.funding_sources[0].record.id;
        set_cost_line_field(
            &plan,
            &mut line,
            CostLineField::FundingSource,
            &source.to_string(),
        )
        .expect("a source of the plan");
        assert_eq!(line.funding_source_id, Some(source));
        let stranger = Id::new_v4().to_string();
        assert_eq!(
            set_cost_line_field(&plan, &mut line, CostLineField::FundingSource, &stranger)
                .unwrap_err()
                .problem,
            Problem::UnknownChoice
        );
        assert_eq!(
            set_cost_line_field(&plan, &mut line, CostLineField::Currency, "XYZ")
                .unwrap_err()
                .problem,
            Problem::UnknownCurrency
        );
        assert_eq!(
            set_cost_line_field(&plan, &mut line, CostLineField::Currency, "JPY")
                .unwrap_err()
                .problem,
            Problem::NoExchangeRate
        );
        set_cost_line_field(&plan, &mut line, CostLineField::Currency, "usd")
            .expect("a rated currency");
        assert_eq!(line.currency.as_deref(), Some("USD"));
        assert_eq!(
            set_cost_line_field(&plan, &mut line, CostLineField::Item(Tongue::Working), "  ")
                .unwrap_err()
                .problem,
            Problem::Required
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
            CostLineField::CatalogueItem,
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
        set_cost_line_field(&picked, &mut line, CostLineField::CatalogueItem, "").expect("leave");
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
}
