//! Edits of funding sources as the funding screen makes them: one field from the text typed,
//! earmarks added and removed, new sources.

use crate::edit::{
    choice, fresh_meta, optional, rated_currency, refuse, required_text, set_year_amount, variant,
    wire_names, yes_no, FieldError, Problem, Tongue,
};
use crate::model::{
    Earmark, EarmarkTarget, FundingSource, FundingStatus, Id, Plan, SourceKind, Year,
};
use crate::text::LocalText;
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

/// The ids of `plan`'s records an earmark of `target` may name.
fn earmark_ids(plan: &Plan, target: EarmarkTarget) -> Vec<Id> {
    match target {
        EarmarkTarget::Activity => plan.activities.iter().map(|r| r.record.id).collect(),
        EarmarkTarget::Output => plan.outputs.iter().map(|r| r.record.id).collect(),
        EarmarkTarget::Outcome => plan.outcomes.iter().map(|r| r.record.id).collect(),
        EarmarkTarget::Pillar => plan.pillars.iter().map(|r| r.record.id).collect(),
        EarmarkTarget::Agency => plan.agencies.iter().map(|r| r.record.id).collect(),
    }
}

/// An earmark written `target:id` ("pillar:5f0c…"), naming a record of `plan` of that kind.
fn earmark(plan: &Plan, field: &str, text: &str) -> Result<Earmark, FieldError> {
    let (target, id) = text
        .trim()
        .split_once(':')
        .ok_or_else(|| refuse(field, text, Problem::UnknownChoice))?;
    let target: EarmarkTarget =
        variant(field, target).map_err(|_| refuse(field, text, Problem::UnknownChoice))?;
    let target_id = choice(earmark_ids(plan, target), field, id)?
        .ok_or_else(|| refuse(field, text, Problem::Required))?;
    Ok(Earmark { target, target_id })
}

/// A field of a funding source that can be set. Wire names: `code`, `name`, `name_l2`,
/// `kind` (national_budget, development_partner, csos, private, other), `status`
/// (committed, pledged, expected), `agency_id` (empty for none), `on_budget`, `currency`,
/// `amount:YEAR`, and `earmark_add` / `earmark_remove` (whose text is `target:id`, target one
/// of activity, output, outcome, pillar, agency).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(try_from = "String", into = "String")]
#[ts(
    export,
    type = r#""code" | "name" | "name_l2" | "kind" | "status" | "agency_id" | "on_budget" | "currency" | "earmark_add" | "earmark_remove" | `amount:${number}`"#
)]
pub enum FundingSourceField {
    Code,
    /// The source's name in the working language or the second language.
    Name(Tongue),
    Kind,
    Status,
    /// The agency that holds the money.
    Agency,
    OnBudget,
    Currency,
    /// The amount available in a plan year.
    Amount(Year),
    /// Adds an earmark (`target:id`).
    EarmarkAdd,
    /// Removes an earmark (`target:id`).
    EarmarkRemove,
}

wire_names!(
    FundingSourceField,
    keyed Amount => "amount:",
    [
        (FundingSourceField::Code, "code"),
        (FundingSourceField::Name(Tongue::Working), "name"),
        (FundingSourceField::Name(Tongue::Second), "name_l2"),
        (FundingSourceField::Kind, "kind"),
        (FundingSourceField::Status, "status"),
        (FundingSourceField::Agency, "agency_id"),
        (FundingSourceField::OnBudget, "on_budget"),
        (FundingSourceField::Currency, "currency"),
        (FundingSourceField::EarmarkAdd, "earmark_add"),
        (FundingSourceField::EarmarkRemove, "earmark_remove"),
    ]
);

/// Sets `field` of `source` from `text` as the user typed it. On error `source` is
/// unchanged.
pub fn set_funding_source_field(
    plan: &Plan,
    source: &mut FundingSource,
    field: FundingSourceField,
    text: &str,
) -> Result<(), FieldError> {
    use FundingSourceField as F;
    let name = field.to_string();
    let name = name.as_str();
    match field {
        F::Amount(year) => return set_year_amount(plan, &mut source.amounts, year, name, text),
        F::Code => {
            let code = required_text(name, text)?;
            let taken = plan
                .funding_sources
                .iter()
                .any(|s| s.record.id != source.record.id && s.code == code);
            if taken {
                return Err(refuse(name, text, Problem::DuplicateCode));
            }
            source.code = code;
        }
        F::Name(Tongue::Working) => source.name.text = required_text(name, text)?,
        F::Name(Tongue::Second) => source.name.l2 = optional(text),
        F::Kind => source.kind = variant(name, text)?,
        F::Status => source.status = variant(name, text)?,
        F::Agency => {
            source.agency_id = choice(plan.agencies.iter().map(|a| a.record.id), name, text)?
        }
        F::OnBudget => source.on_budget = yes_no(name, text)?,
        F::Currency => source.currency = rated_currency(plan, name, text)?,
        F::EarmarkAdd => {
            let new = earmark(plan, name, text)?;
            if source.earmarks.contains(&new) {
                return Err(refuse(name, text, Problem::AlreadyThere));
            }
            source.earmarks.push(new);
        }
        F::EarmarkRemove => {
            let gone = earmark(plan, name, text)?;
            let before = source.earmarks.len();
            source.earmarks.retain(|e| *e != gone);
            if source.earmarks.len() == before {
                return Err(refuse(name, text, Problem::UnknownChoice));
            }
        }
    }
    Ok(())
}

/// A new funding source named `name`: coded "FS-n" with the first free n, a committed,
/// on-budget national budget in the plan's base currency with no amounts yet and no
/// earmarks. The user fills it in on the funding screen.
pub fn new_funding_source(
    plan: &Plan,
    name: &str,
    id: Id,
    now: &Timestamp,
    author: &str,
) -> FundingSource {
    let code = (1..)
        .map(|n| format!("FS-{n}"))
        .find(|c| !plan.funding_sources.iter().any(|s| &s.code == c))
        .unwrap_or_default();
    FundingSource {
        record: fresh_meta(id, now, author),
        code,
        name: LocalText::new(name),
        kind: SourceKind::NationalBudget,
        agency_id: None,
        on_budget: true,
        status: FundingStatus::Committed,
        currency: plan.meta.base_currency.clone(),
        amounts: BTreeMap::new(),
        earmarks: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::sample_plan;
    use crate::validate;
    use rust_decimal::Decimal;

    /// A field by its wire name.
    fn f(name: &str) -> FundingSourceField {
        name.parse().expect("a funding source's field")
    }

    /// The problem setting the field named `field` gives (an unknown name included).
    fn edit(plan: &Plan, source: &mut FundingSource, field: &str, text: &str) -> Problem {
        let before = source.clone();
        let err = match field.parse() {
            Ok(known) => set_funding_source_field(plan, source, known, text).unwrap_err(),
            Err(unknown) => unknown,
        };
        assert_eq!(*source, before, "{field} = {text:?} changed nothing");
        err.problem
    }

    #[test]
    fn amounts_status_and_kind_are_read_as_typed_or_refused_unchanged() {
        let plan = sample_plan();
        let mut source = plan.funding_sources[0].clone();
        let year = plan.meta.start_year + 2;
        let field = format!("amount:{year}");
        set_funding_source_field(&plan, &mut source, f(&field), "1,500,000.25").expect("amount");
        assert_eq!(source.amounts[&year], Decimal::new(150_000_025, 2));
        assert_eq!(
            edit(&plan, &mut source, &field, "lots"),
            Problem::NotANumber
        );
        assert_eq!(edit(&plan, &mut source, &field, "-1"), Problem::Negative);
        let outside = format!("amount:{}", plan.meta.end_year + 1);
        assert_eq!(
            edit(&plan, &mut source, &outside, "5"),
            Problem::YearOutsidePlan
        );
        set_funding_source_field(&plan, &mut source, f(&field), "").expect("empty clears");
        assert!(!source.amounts.contains_key(&year));

        set_funding_source_field(&plan, &mut source, f("status"), "pledged").expect("status");
        assert_eq!(source.status, FundingStatus::Pledged);
        assert_eq!(
            edit(&plan, &mut source, "status", "promised"),
            Problem::UnknownChoice
        );
        set_funding_source_field(&plan, &mut source, f("kind"), "development_partner").unwrap();
        assert_eq!(source.kind, SourceKind::DevelopmentPartner);
        assert_eq!(
            edit(&plan, &mut source, "on_budget", "maybe"),
            Problem::NotYesNo
        );
        assert_eq!(
            edit(&plan, &mut source, "currency", "JPY"),
            Problem::NoExchangeRate
        );
        assert_eq!(edit(&plan, &mut source, "name", "  "), Problem::Required);
        let other = plan.funding_sources[1].code.clone();
        assert_eq!(
            edit(&plan, &mut source, "code", &other),
            Problem::DuplicateCode
        );
        assert_eq!(
            edit(&plan, &mut source, "agency_id", "nobody"),
            Problem::UnknownChoice
        );
        assert_eq!(
            edit(&plan, &mut source, "earmarks", "x"),
            Problem::UnknownField
        );
    }

    #[test]
    fn earmarks_name_records_of_their_kind_once() {
        let plan = sample_plan();
        let mut source = plan.funding_sources[0].clone();
        source.earmarks.clear();
        let pillar = plan.pillars[1].record.id;
        let text = format!("pillar:{pillar}");
        set_funding_source_field(&plan, &mut source, f("earmark_add"), &text).expect("a pillar");
        assert_eq!(
            source.earmarks,
            vec![Earmark {
                target: EarmarkTarget::Pillar,
                target_id: pillar
            }]
        );
        assert_eq!(
            edit(&plan, &mut source, "earmark_add", &text),
            Problem::AlreadyThere
        );
        // A pillar's id is not an outcome's.
        let wrong_kind = format!("outcome:{pillar}");
        assert_eq!(
            edit(&plan, &mut source, "earmark_add", &wrong_kind),
            Problem::UnknownChoice
        );
        assert_eq!(
            edit(&plan, &mut source, "earmark_add", "pillar"),
            Problem::UnknownChoice
        );
        assert_eq!(
            edit(&plan, &mut source, "earmark_remove", &wrong_kind),
            Problem::UnknownChoice
        );
        set_funding_source_field(&plan, &mut source, f("earmark_remove"), &text).expect("removed");
        assert!(source.earmarks.is_empty());
    }

    #[test]
    fn a_new_source_takes_the_first_free_code_and_keeps_the_plan_valid() {
        let mut plan = sample_plan();
        let now = Timestamp::try_from("2026-11-23T08:00:00.000Z".to_string()).unwrap();
        let first = new_funding_source(&plan, "UN Women", Id::new_v4(), &now, "MWA");
        assert_eq!(first.code, "FS-1");
        plan.funding_sources.push(first);
        let second = new_funding_source(&plan, "UNFPA", Id::new_v4(), &now, "MWA");
        assert_eq!(second.code, "FS-2");
        plan.funding_sources.push(second);
        assert!(validate(&plan).is_empty(), "{:?}", validate(&plan));
    }
}
