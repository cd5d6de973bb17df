//! Edits of the results framework as its screen makes them: a field of a pillar, outcome,
//! output, activity or indicator from the text typed; new results and indicators; and moving
//! a result among its siblings, which renumbers the codes under it.
//!
//! Structural edits return the next plan (several records change at once); the store saves
//! it as one undoable edit.

use crate::edit::{
    choice, fresh_meta, optional, refuse, variant, wire_names, yes_no, FieldError, Problem, Tongue,
};
use crate::model::*;
use crate::text::LocalText;
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A level of the results tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ResultLevel {
    Pillar,
    Outcome,
    Output,
    Activity,
}

/// Sets the `tongue` half of `target` from `text`; `field` names it in a refusal.
fn text_field(
    target: &mut LocalText,
    tongue: Tongue,
    field: &str,
    text: &str,
    required: bool,
) -> Result<(), FieldError> {
    if tongue == Tongue::Second {
        target.l2 = optional(text);
        return Ok(());
    }
    let t = text.trim();
    if required && t.is_empty() {
        return Err(refuse(field, text, Problem::Required));
    }
    target.text = t.to_string();
    Ok(())
}

fn not_found(field: &str, text: &str) -> FieldError {
    refuse(field, text, Problem::UnknownChoice)
}

/// A field of a pillar, outcome, output or activity that can be set. Wire names: `title`,
/// `title_l2` (every level); `description`, `description_l2` (pillars and activities);
/// `lead_agency_id` (activities; empty for none).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(try_from = "String", into = "String")]
#[ts(
    export,
    type = r#""title" | "title_l2" | "description" | "description_l2" | "lead_agency_id""#
)]
pub enum ResultField {
    Title(Tongue),
    Description(Tongue),
    LeadAgency,
}

wire_names!(
    ResultField,
    [
        (ResultField::Title(Tongue::Working), "title"),
        (ResultField::Title(Tongue::Second), "title_l2"),
        (ResultField::Description(Tongue::Working), "description"),
        (ResultField::Description(Tongue::Second), "description_l2"),
        (ResultField::LeadAgency, "lead_agency_id"),
    ]
);

/// Sets `field` of the result `id` at `level` in `plan` from `text`; a field the level does
/// not have (an outcome's lead agency) is refused as `unknown_field`. On error `plan` is
/// unchanged.
pub fn set_result_field(
    plan: &mut Plan,
    level: ResultLevel,
    id: Id,
    field: ResultField,
    text: &str,
) -> Result<(), FieldError> {
    let name = field.to_string();
    let name = name.as_str();
    let agencies: Vec<Id> = plan.agencies.iter().map(|a| a.record.id).collect();
    let missing = || not_found("id", &id.to_string());
    match (level, field) {
        (_, ResultField::Title(tongue)) => {
            let title = match level {
                ResultLevel::Pillar => plan
                    .pillars
                    .iter_mut()
                    .find(|r| r.record.id == id)
                    .map(|r| &mut r.title),
                ResultLevel::Outcome => plan
                    .outcomes
                    .iter_mut()
                    .find(|r| r.record.id == id)
                    .map(|r| &mut r.title),
                ResultLevel::Output => plan
                    .outputs
                    .iter_mut()
                    .find(|r| r.record.id == id)
                    .map(|r| &mut r.title),
                ResultLevel::Activity => plan
                    .activities
                    .iter_mut()
                    .find(|r| r.record.id == id)
                    .map(|r| &mut r.title),
            }
            .ok_or_else(missing)?;
            text_field(title, tongue, name, text, true)
        }
        (ResultLevel::Pillar, ResultField::Description(tongue)) => {
            let pillar = plan
                .pillars
                .iter_mut()
                .find(|r| r.record.id == id)
                .ok_or_else(missing)?;
            text_field(&mut pillar.description, tongue, name, text, false)
        }
        (ResultLevel::Activity, ResultField::Description(tongue)) => {
            let activity = plan
                .activities
                .iter_mut()
                .find(|r| r.record.id == id)
                .ok_or_else(missing)?;
            text_field(&mut activity.description, tongue, name, text, false)
        }
        (ResultLevel::Activity, ResultField::LeadAgency) => {
            let lead = choice(agencies, name, text)?;
            let activity = plan
                .activities
                .iter_mut()
                .find(|r| r.record.id == id)
                .ok_or_else(missing)?;
            activity.lead_agency_id = lead;
            Ok(())
        }
        _ => Err(refuse(name, text, Problem::UnknownField)),
    }
}

/// The ids and codes of the children of `parent` (the pillars for `None`) at `level`, in plan
/// order.
fn siblings(plan: &Plan, level: ResultLevel, parent: Option<Id>) -> Vec<(Id, String)> {
    match level {
        ResultLevel::Pillar => plan
            .pillars
            .iter()
            .map(|r| (r.record.id, r.code.clone()))
            .collect(),
        ResultLevel::Outcome => (plan.outcomes.iter())
            .filter(|r| Some(r.pillar_id) == parent)
            .map(|r| (r.record.id, r.code.clone()))
            .collect(),
        ResultLevel::Output => (plan.outputs.iter())
            .filter(|r| Some(r.outcome_id) == parent)
            .map(|r| (r.record.id, r.code.clone()))
            .collect(),
        ResultLevel::Activity => (plan.activities.iter())
            .filter(|r| Some(r.output_id) == parent)
            .map(|r| (r.record.id, r.code.clone()))
            .collect(),
    }
}

fn parent_of(plan: &Plan, level: ResultLevel, id: Id) -> Option<Option<Id>> {
    match level {
        ResultLevel::Pillar => plan
            .pillars
            .iter()
            .any(|r| r.record.id == id)
            .then_some(None),
        ResultLevel::Outcome => plan
            .outcomes
            .iter()
            .find(|r| r.record.id == id)
            .map(|r| Some(r.pillar_id)),
        ResultLevel::Output => plan
            .outputs
            .iter()
            .find(|r| r.record.id == id)
            .map(|r| Some(r.outcome_id)),
        ResultLevel::Activity => plan
            .activities
            .iter()
            .find(|r| r.record.id == id)
            .map(|r| Some(r.output_id)),
    }
}

fn code_of(plan: &Plan, level: ResultLevel, id: Id) -> Option<&str> {
    match level {
        ResultLevel::Pillar => plan
            .pillars
            .iter()
            .find(|r| r.record.id == id)
            .map(|r| r.code.as_str()),
        ResultLevel::Outcome => plan
            .outcomes
            .iter()
            .find(|r| r.record.id == id)
            .map(|r| r.code.as_str()),
        ResultLevel::Output => plan
            .outputs
            .iter()
            .find(|r| r.record.id == id)
            .map(|r| r.code.as_str()),
        ResultLevel::Activity => plan
            .activities
            .iter()
            .find(|r| r.record.id == id)
            .map(|r| r.code.as_str()),
    }
}

/// Swaps the places of records `a` and `b` in `list`.
fn swap_places<T>(list: &mut [T], id_of: impl Fn(&T) -> Id, a: Id, b: Id) {
    let i = list.iter().position(|r| id_of(r) == a);
    let j = list.iter().position(|r| id_of(r) == b);
    if let (Some(i), Some(j)) = (i, j) {
        list.swap(i, j);
    }
}

/// Gives the record `id` at `level` the code `new` and carries the change down: every
/// descendant (outcomes, outputs, activities, indicators of those) whose code starts with
/// the old code and a dot gets the new code in its place ("1.2.3" under "1.2" → "1.1.3").
fn recode(plan: &mut Plan, level: ResultLevel, id: Id, new: &str) {
    let Some(old) = code_of(plan, level, id).map(str::to_string) else {
        return;
    };
    if old == new {
        return;
    }
    let prefix = format!("{old}.");
    let carry = |code: &mut String| {
        if let Some(rest) = code.strip_prefix(&prefix) {
            *code = format!("{new}.{rest}");
        }
    };
    // The descendants, by id, so that two siblings swapping codes never touch each other's.
    let mut outcomes = Vec::new();
    let mut outputs = Vec::new();
    let mut activities = Vec::new();
    match level {
        ResultLevel::Pillar => outcomes.extend(
            plan.outcomes
                .iter()
                .filter(|o| o.pillar_id == id)
                .map(|o| o.record.id),
        ),
        ResultLevel::Outcome => outcomes.push(id),
        ResultLevel::Output => outputs.push(id),
        ResultLevel::Activity => activities.push(id),
    }
    outputs.extend(
        plan.outputs
            .iter()
            .filter(|o| outcomes.contains(&o.outcome_id))
            .map(|o| o.record.id),
    );
    activities.extend(
        plan.activities
            .iter()
            .filter(|a| outputs.contains(&a.output_id))
            .map(|a| a.record.id),
    );
    for r in plan.pillars.iter_mut().filter(|r| r.record.id == id) {
        r.code = new.to_string();
    }
    for r in plan
        .outcomes
        .iter_mut()
        .filter(|r| outcomes.contains(&r.record.id))
    {
        if r.record.id == id {
            r.code = new.to_string()
        } else {
            carry(&mut r.code)
        }
    }
    for r in plan
        .outputs
        .iter_mut()
        .filter(|r| outputs.contains(&r.record.id))
    {
        if r.record.id == id {
            r.code = new.to_string()
        } else {
            carry(&mut r.code)
        }
    }
    for r in plan
        .activities
        .iter_mut()
        .filter(|r| activities.contains(&r.record.id))
    {
        if r.record.id == id {
            r.code = new.to_string()
        } else {
            carry(&mut r.code)
        }
    }
    for i in plan.indicators.iter_mut() {
        if i.parent_id
            .is_some_and(|p| p == id || outcomes.contains(&p) || outputs.contains(&p))
        {
            carry(&mut i.code);
        }
    }
}

/// Moves the result `id` at `level` one place up (`up`) or down among its siblings and swaps
/// its code with the sibling's, carrying both codes down to everything under them. Refused
/// (`unknown_choice`) at the first or last place, or for an id that is not a result of that
/// level. Returns the next plan; `plan` is unchanged.
pub fn move_result(plan: &Plan, level: ResultLevel, id: Id, up: bool) -> Result<Plan, FieldError> {
    let field = if up { "move_up" } else { "move_down" };
    let parent = parent_of(plan, level, id).ok_or_else(|| not_found(field, &id.to_string()))?;
    let siblings = siblings(plan, level, parent);
    let at = siblings
        .iter()
        .position(|(s, _)| *s == id)
        .ok_or_else(|| not_found(field, &id.to_string()))?;
    let other = if up {
        at.checked_sub(1)
    } else {
        Some(at + 1).filter(|&i| i < siblings.len())
    };
    let Some(other) = other else {
        return Err(refuse(field, &id.to_string(), Problem::UnknownChoice));
    };
    let (mine, theirs) = (&siblings[at], &siblings[other]);
    let mut next = plan.clone();
    match level {
        ResultLevel::Pillar => swap_places(&mut next.pillars, |r| r.record.id, mine.0, theirs.0),
        ResultLevel::Outcome => swap_places(&mut next.outcomes, |r| r.record.id, mine.0, theirs.0),
        ResultLevel::Output => swap_places(&mut next.outputs, |r| r.record.id, mine.0, theirs.0),
        ResultLevel::Activity => {
            swap_places(&mut next.activities, |r| r.record.id, mine.0, theirs.0)
        }
    }
    // Through a code no record has, so that the two subtrees never share one midway.
    let parking = format!("{}\u{1}", mine.1);
    recode(&mut next, level, mine.0, &parking);
    recode(&mut next, level, theirs.0, &mine.1);
    recode(&mut next, level, mine.0, &theirs.1);
    Ok(next)
}

/// Moves the result `id` at `level` to the place of its sibling `target` (as when it is
/// dragged onto it), the siblings between shifting by one, each code carried down to
/// everything under it as [`move_result`] does step by step. Refused (`unknown_choice`) when
/// `target` is not another child of the same parent. Returns the next plan; `plan` is
/// unchanged.
pub fn move_result_to(
    plan: &Plan,
    level: ResultLevel,
    id: Id,
    target: Id,
) -> Result<Plan, FieldError> {
    let parent = parent_of(plan, level, id).ok_or_else(|| not_found("move_to", &id.to_string()))?;
    let siblings = siblings(plan, level, parent);
    let place = |of: Id| siblings.iter().position(|(s, _)| *s == of);
    let (Some(from), Some(to)) = (place(id), place(target)) else {
        return Err(refuse(
            "move_to",
            &target.to_string(),
            Problem::UnknownChoice,
        ));
    };
    if from == to {
        return Err(refuse(
            "move_to",
            &target.to_string(),
            Problem::UnknownChoice,
        ));
    }
    let up = to < from;
    let mut next = move_result(plan, level, id, up)?;
    for _ in 1..from.abs_diff(to) {
        next = move_result(&next, level, id, up)?;
    }
    Ok(next)
}

/// The next free child code under `parent_code`: one more than the highest `parent.N` among
/// the `siblings`, and further on while a record of the kind elsewhere in the plan (`all`)
/// already has it. Codes are unique in a plan, and an imported plan may number its records
/// its own way (an outcome "1.1" under pillar 2 leaves "2.1" to pillar 3's).
fn next_code<'a>(
    parent_code: &str,
    siblings: impl Iterator<Item = &'a str>,
    all: impl Iterator<Item = &'a str>,
) -> String {
    let prefix = format!("{parent_code}.");
    let mut next = siblings
        .filter_map(|c| c.strip_prefix(&prefix)?.parse::<u32>().ok())
        .max()
        .unwrap_or(0)
        + 1;
    let taken: std::collections::HashSet<String> = all.map(str::to_lowercase).collect();
    while taken.contains(&format!("{prefix}{next}").to_lowercase()) {
        next += 1;
    }
    format!("{prefix}{next}")
}

/// A new outcome titled `title` under pillar `pillar_id`, coded after its last outcome
/// ("2.3" after "2.2"), with no ASEAN RPA tags yet. `None` when there is no such pillar.
pub fn new_outcome(
    plan: &Plan,
    pillar_id: Id,
    title: &str,
    id: Id,
    now: &Timestamp,
    author: &str,
) -> Option<Outcome> {
    let pillar = plan.pillars.iter().find(|p| p.record.id == pillar_id)?;
    Some(Outcome {
        record: fresh_meta(id, now, author),
        pillar_id,
        code: next_code(
            &pillar.code,
            plan.outcomes
                .iter()
                .filter(|o| o.pillar_id == pillar_id)
                .map(|o| o.code.as_str()),
            plan.outcomes.iter().map(|o| o.code.as_str()),
        ),
        title: LocalText::new(title),
        rpa_outcomes: Vec::new(),
    })
}

/// A new output titled `title` under outcome `outcome_id`, coded after its last output.
/// `None` when there is no such outcome.
pub fn new_output(
    plan: &Plan,
    outcome_id: Id,
    title: &str,
    id: Id,
    now: &Timestamp,
    author: &str,
) -> Option<Output> {
    let outcome = plan.outcomes.iter().find(|o| o.record.id == outcome_id)?;
    Some(Output {
        record: fresh_meta(id, now, author),
        outcome_id,
        code: next_code(
            &outcome.code,
            plan.outputs
                .iter()
                .filter(|o| o.outcome_id == outcome_id)
                .map(|o| o.code.as_str()),
            plan.outputs.iter().map(|o| o.code.as_str()),
        ),
        title: LocalText::new(title),
    })
}

/// A new indicator stating `statement` for the outcome or output `parent_id` (an impact
/// indicator of the goal for `None`), coded after the parent's indicators ("1.2.a", "1.2.b";
/// impact "I.1", "I.2"): a number, measured annually, disaggregated by sex. `None` when
/// `parent_id` is neither an outcome nor an output.
pub fn new_indicator(
    plan: &Plan,
    parent_id: Option<Id>,
    statement: &str,
    id: Id,
    now: &Timestamp,
    author: &str,
) -> Option<Indicator> {
    let (level, code) = match parent_id {
        None => {
            let n = plan
                .indicators
                .iter()
                .filter(|i| i.level == IndicatorLevel::Impact)
                .count();
            let mut k = n + 1;
            while plan.indicators.iter().any(|i| i.code == format!("I.{k}")) {
                k += 1;
            }
            (IndicatorLevel::Impact, format!("I.{k}"))
        }
        Some(p) => {
            let (level, parent_code) =
                if let Some(o) = plan.outcomes.iter().find(|o| o.record.id == p) {
                    (IndicatorLevel::Outcome, &o.code)
                } else {
                    let o = plan.outputs.iter().find(|o| o.record.id == p)?;
                    (IndicatorLevel::Output, &o.code)
                };
            let letter = ('a'..='z')
                .map(|c| format!("{parent_code}.{c}"))
                .find(|c| !plan.indicators.iter().any(|i| &i.code == c))
                .unwrap_or_else(|| format!("{parent_code}.{}", plan.indicators.len() + 1));
            (level, letter)
        }
    };
    Some(Indicator {
        record: fresh_meta(id, now, author),
        level,
        parent_id,
        code,
        statement: LocalText::new(statement),
        kind: IndicatorType::Number,
        unit: String::new(),
        disaggregation: vec![Disaggregation::Sex],
        baseline_value: None,
        baseline_year: None,
        baseline_source: String::new(),
        targets: Default::default(),
        means_of_verification: LocalText::default(),
        frequency: Frequency::Annual,
        responsible_agency_id: None,
    })
}

/// A value of an indicator as typed: for number and percentage indicators it must be a
/// number (negative values allowed: a change can fall); other kinds take any text.
fn indicator_value(
    kind: IndicatorType,
    field: &str,
    text: &str,
) -> Result<Option<String>, FieldError> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    if matches!(kind, IndicatorType::Number | IndicatorType::Percentage) {
        let number = t.trim_end_matches('%').trim_end();
        crate::costing::csv_import::parse_number(number)
            .map_err(|_| refuse(field, text, Problem::NotANumber))?;
        return Ok(Some(number.to_string()));
    }
    Ok(Some(t.to_string()))
}

/// A field of an indicator that can be set. Wire names: `statement`, `statement_l2`, `kind`
/// (number, percentage, yes_no, scale, qualitative), `unit`, `baseline_value`,
/// `baseline_year` (up to the plan's last year; empty for none), `baseline_source`,
/// `target:YEAR` (empty for none), `means_of_verification`, `means_of_verification_l2`,
/// `frequency` (quarterly, six_monthly, annual, mid_term, end_of_plan),
/// `responsible_agency_id` (empty for none), and `disaggregation:DIM` = `true`/`false` (sex,
/// age, disability, location, ethnicity, agency).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(try_from = "String", into = "String")]
#[ts(
    export,
    type = r#""statement" | "statement_l2" | "kind" | "unit" | "baseline_value" | "baseline_year" | "baseline_source" | "means_of_verification" | "means_of_verification_l2" | "frequency" | "responsible_agency_id" | `target:${number}` | "disaggregation:sex" | "disaggregation:age" | "disaggregation:disability" | "disaggregation:location" | "disaggregation:ethnicity" | "disaggregation:agency""#
)]
pub enum IndicatorField {
    Statement(Tongue),
    Kind,
    Unit,
    BaselineValue,
    BaselineYear,
    BaselineSource,
    MeansOfVerification(Tongue),
    Frequency,
    ResponsibleAgency,
    /// The target of a plan year.
    Target(Year),
    /// Whether data are broken down by the dimension.
    Disaggregation(Disaggregation),
}

wire_names!(
    IndicatorField,
    keyed Target => "target:",
    keyed Disaggregation => "disaggregation:",
    [
        (IndicatorField::Statement(Tongue::Working), "statement"),
        (IndicatorField::Statement(Tongue::Second), "statement_l2"),
        (IndicatorField::Kind, "kind"),
        (IndicatorField::Unit, "unit"),
        (IndicatorField::BaselineValue, "baseline_value"),
        (IndicatorField::BaselineYear, "baseline_year"),
        (IndicatorField::BaselineSource, "baseline_source"),
        (IndicatorField::MeansOfVerification(Tongue::Working), "means_of_verification"),
        (IndicatorField::MeansOfVerification(Tongue::Second), "means_of_verification_l2"),
        (IndicatorField::Frequency, "frequency"),
        (IndicatorField::ResponsibleAgency, "responsible_agency_id"),
    ]
);

/// Sets `field` of `indicator` from `text` as typed. Values of number and percentage
/// indicators must be numbers. On error `indicator` is unchanged.
pub fn set_indicator_field(
    plan: &Plan,
    indicator: &mut Indicator,
    field: IndicatorField,
    text: &str,
) -> Result<(), FieldError> {
    use IndicatorField as F;
    let name = field.to_string();
    let field_name = name.as_str();
    match field {
        F::Target(year) => {
            if year < plan.meta.start_year || year > plan.meta.end_year {
                return Err(refuse(field_name, text, Problem::YearOutsidePlan));
            }
            match indicator_value(indicator.kind, field_name, text)? {
                Some(v) => indicator.targets.insert(year, v),
                None => indicator.targets.remove(&year),
            };
        }
        F::Disaggregation(dim) => {
            let on = yes_no(field_name, text)?;
            indicator.disaggregation.retain(|d| *d != dim);
            if on {
                indicator.disaggregation.push(dim);
            }
        }
        F::Statement(tongue) => {
            text_field(&mut indicator.statement, tongue, field_name, text, true)?
        }
        F::MeansOfVerification(tongue) => text_field(
            &mut indicator.means_of_verification,
            tongue,
            field_name,
            text,
            false,
        )?,
        F::Kind => {
            let kind: IndicatorType = variant(field_name, text)?;
            // Values typed for a text kind may not be numbers: they must fit the new kind.
            for (f, v) in indicator
                .baseline_value
                .iter()
                .map(|v| ("baseline_value".to_string(), v))
                .chain(
                    indicator
                        .targets
                        .iter()
                        .map(|(y, v)| (format!("target:{y}"), v)),
                )
            {
                indicator_value(kind, &f, v)?;
            }
            indicator.kind = kind;
        }
        F::Unit => indicator.unit = text.trim().to_string(),
        F::BaselineValue => {
            indicator.baseline_value = indicator_value(indicator.kind, field_name, text)?
        }
        F::BaselineYear => {
            indicator.baseline_year = if text.trim().is_empty() {
                None
            } else {
                let year: i32 = text
                    .trim()
                    .parse()
                    .map_err(|_| refuse(field_name, text, Problem::NotANumber))?;
                if year > plan.meta.end_year || year < plan.meta.start_year - 20 {
                    return Err(refuse(field_name, text, Problem::YearOutsidePlan));
                }
                Some(year)
            }
        }
        F::BaselineSource => indicator.baseline_source = text.trim().to_string(),
        F::Frequency => indicator.frequency = variant(field_name, text)?,
        F::ResponsibleAgency => {
            indicator.responsible_agency_id =
                choice(plan.agencies.iter().map(|a| a.record.id), field_name, text)?
        }
    }
    Ok(())
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
    let code = next_code(
        &output.code,
        (plan.activities.iter())
            .filter(|a| a.output_id == output_id)
            .map(|a| a.code.as_str()),
        plan.activities.iter().map(|a| a.code.as_str()),
    );
    Some(Activity {
        record: fresh_meta(id, now, author),
        output_id,
        code,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::sample_plan;
    use crate::validate;

    /// An imported plan numbers its records its own way: pillar 2's outcome may be "1.1" while
    /// pillar 3 has "2.1". A new outcome under pillar 2 must not take "2.1" again.
    #[test]
    fn a_new_record_skips_a_code_another_parent_already_uses() {
        let mut plan = sample_plan();
        let (second, third) = (plan.pillars[1].record.id, plan.pillars[2].record.id);
        plan.outcomes.retain(|o| o.pillar_id != second);
        let taken: Vec<String> = plan.outcomes.iter().map(|o| o.code.clone()).collect();
        let now = Timestamp::from_unix_millis(0);
        let mut elsewhere = new_outcome(&plan, third, "x", Id::new_v4(), &now, "t").unwrap();
        elsewhere.code = "2.1".into();
        plan.outcomes.push(elsewhere);
        assert!(!taken.contains(&"2.1".to_string()));
        let made = new_outcome(&plan, second, "Budget", Id::new_v4(), &now, "t").unwrap();
        assert_eq!(made.code, "2.2");
        let output_parent = made.record.id;
        plan.outcomes.push(made);
        let codes: std::collections::HashSet<&str> =
            plan.outcomes.iter().map(|o| o.code.as_str()).collect();
        assert_eq!(
            codes.len(),
            plan.outcomes.len(),
            "outcome codes stay unique"
        );
        let output = new_output(&plan, output_parent, "o", Id::new_v4(), &now, "t").unwrap();
        // The sample's own outputs of its old outcome 2.2 keep "2.2.1" and "2.2.2".
        assert!(output.code.starts_with("2.2."));
        assert!(
            plan.outputs.iter().all(|o| o.code != output.code),
            "{}",
            output.code
        );
    }

    fn outcome(plan: &Plan, code: &str) -> Id {
        plan.outcomes
            .iter()
            .find(|o| o.code == code)
            .unwrap()
            .record
            .id
    }

    /// Every code in the plan under `code` (outputs, activities, indicators), sorted.
    fn codes_under(plan: &Plan, code: &str) -> Vec<String> {
        let prefix = format!("{code}.");
        let mut all: Vec<String> = (plan.outputs.iter().map(|o| o.code.clone()))
            .chain(plan.activities.iter().map(|a| a.code.clone()))
            .chain(plan.indicators.iter().map(|i| i.code.clone()))
            .filter(|c| c.starts_with(&prefix))
            .collect();
        all.sort();
        all
    }

    #[test]
    fn moving_an_outcome_up_swaps_its_place_and_code_and_carries_both_down() {
        let plan = sample_plan();
        let first = outcome(&plan, "1.1");
        let second = outcome(&plan, "1.2");
        let under_first: Vec<Id> = plan
            .outputs
            .iter()
            .filter(|o| o.outcome_id == first)
            .map(|o| o.record.id)
            .collect();
        let under_second: Vec<Id> = plan
            .outputs
            .iter()
            .filter(|o| o.outcome_id == second)
            .map(|o| o.record.id)
            .collect();
        assert!(!under_first.is_empty() && !under_second.is_empty());
        let n_first = codes_under(&plan, "1.1").len();
        let n_second = codes_under(&plan, "1.2").len();

        let next = move_result(&plan, ResultLevel::Outcome, second, true).expect("moved up");
        assert!(validate(&next).is_empty(), "{:?}", validate(&next));
        let pos = |p: &Plan, id: Id| p.outcomes.iter().position(|o| o.record.id == id).unwrap();
        assert!(pos(&next, second) < pos(&next, first));
        let code = |p: &Plan, id: Id| {
            p.outcomes
                .iter()
                .find(|o| o.record.id == id)
                .unwrap()
                .code
                .clone()
        };
        assert_eq!(code(&next, second), "1.1");
        assert_eq!(code(&next, first), "1.2");
        // Each outcome's outputs (and everything under them) now carry its new code.
        for o in next
            .outputs
            .iter()
            .filter(|o| under_second.contains(&o.record.id))
        {
            assert!(o.code.starts_with("1.1."), "{}", o.code);
        }
        for o in next
            .outputs
            .iter()
            .filter(|o| under_first.contains(&o.record.id))
        {
            assert!(o.code.starts_with("1.2."), "{}", o.code);
        }
        assert_eq!(codes_under(&next, "1.1").len(), n_second);
        assert_eq!(codes_under(&next, "1.2").len(), n_first);
        // Nothing else moved: the other pillars' codes are as they were.
        assert_eq!(codes_under(&next, "2"), codes_under(&plan, "2"));
        // And moving it back down gives the plan back exactly.
        let back = move_result(&next, ResultLevel::Outcome, second, false).unwrap();
        assert!(back == plan);
    }

    #[test]
    fn a_result_dragged_onto_a_sibling_takes_its_place_and_the_ones_between_shift() {
        let plan = sample_plan();
        let codes = |p: &Plan| -> Vec<(Id, String)> {
            p.pillars
                .iter()
                .map(|r| (r.record.id, r.code.clone()))
                .collect()
        };
        let before = codes(&plan);
        assert!(before.len() >= 4);
        let (last, first) = (before[before.len() - 1].0, before[0].0);
        let next = move_result_to(&plan, ResultLevel::Pillar, last, first).expect("moved");
        assert!(validate(&next).is_empty(), "{:?}", validate(&next));
        let after = codes(&next);
        // The last pillar is now first with the first code; the others keep their order, each
        // one place down with the next code.
        let mut order: Vec<Id> = before.iter().map(|(id, _)| *id).collect();
        let moved = order.pop().unwrap();
        order.insert(0, moved);
        assert_eq!(after.iter().map(|(id, _)| *id).collect::<Vec<_>>(), order);
        assert_eq!(
            after.iter().map(|(_, c)| c.clone()).collect::<Vec<_>>(),
            before.iter().map(|(_, c)| c.clone()).collect::<Vec<_>>()
        );
        // Outcomes follow their pillar's new code.
        for o in &next.outcomes {
            let pillar = next
                .pillars
                .iter()
                .find(|p| p.record.id == o.pillar_id)
                .unwrap();
            assert!(
                o.code.starts_with(&format!("{}.", pillar.code)),
                "{}",
                o.code
            );
        }
        // And back down again gives the plan it started from.
        let now_last = after[after.len() - 1].0;
        let back = move_result_to(&next, ResultLevel::Pillar, last, now_last).expect("moved back");
        assert!(back == plan);
    }

    #[test]
    fn a_result_cannot_be_dropped_on_itself_or_on_a_result_of_another_parent() {
        let plan = sample_plan();
        let one = outcome(&plan, "1.1");
        let other_pillar = outcome(&plan, "2.1");
        for target in [one, other_pillar, plan.pillars[0].record.id] {
            let err = move_result_to(&plan, ResultLevel::Outcome, one, target).unwrap_err();
            assert_eq!(err.problem, Problem::UnknownChoice);
        }
    }

    #[test]
    fn the_first_result_cannot_move_up_nor_the_last_down() {
        let plan = sample_plan();
        let first = plan.pillars[0].record.id;
        let last = plan.pillars.last().unwrap().record.id;
        let up = move_result(&plan, ResultLevel::Pillar, first, true).unwrap_err();
        assert_eq!(up.problem, Problem::UnknownChoice);
        assert!(move_result(&plan, ResultLevel::Pillar, last, false).is_err());
        // An outcome's id is not an output.
        assert!(move_result(&plan, ResultLevel::Output, plan.outcomes[0].record.id, true).is_err());
        let moved = move_result(&plan, ResultLevel::Pillar, last, true).unwrap();
        assert!(validate(&moved).is_empty());
        assert_eq!(
            moved.pillars.last().unwrap().code,
            plan.pillars.last().unwrap().code
        );
    }

    #[test]
    fn titles_and_leads_are_set_as_typed_and_new_results_are_coded_after_their_siblings() {
        let mut plan = sample_plan();
        let id = plan.activities[0].record.id;
        set_result_field(
            &mut plan,
            ResultLevel::Activity,
            id,
            ResultField::Title(Tongue::Second),
            " បណ្តុះបណ្តាល ",
        )
        .unwrap();
        assert_eq!(plan.activities[0].title.l2.as_deref(), Some("បណ្តុះបណ្តាល"));
        let before = plan.clone();
        let err = set_result_field(
            &mut plan,
            ResultLevel::Activity,
            id,
            ResultField::Title(Tongue::Working),
            " ",
        )
        .unwrap_err();
        assert_eq!(err.problem, Problem::Required);
        let err = set_result_field(
            &mut plan,
            ResultLevel::Activity,
            id,
            ResultField::LeadAgency,
            "x",
        )
        .unwrap_err();
        assert_eq!(err.problem, Problem::UnknownChoice);
        let err = set_result_field(
            &mut plan,
            ResultLevel::Output,
            id,
            ResultField::Title(Tongue::Working),
            "x",
        )
        .unwrap_err();
        assert_eq!(err.problem, Problem::UnknownChoice);
        let first_outcome = plan.outcomes[0].record.id;
        let err = set_result_field(
            &mut plan,
            ResultLevel::Outcome,
            first_outcome,
            ResultField::LeadAgency,
            "",
        )
        .unwrap_err();
        assert_eq!(err.problem, Problem::UnknownField);
        assert!(plan == before, "refused edits change nothing");

        let now = Timestamp::try_from("2026-11-23T08:00:00.000Z".to_string()).unwrap();
        let pillar = &plan.pillars[0];
        let count = plan
            .outcomes
            .iter()
            .filter(|o| o.pillar_id == pillar.record.id)
            .count();
        let new = new_outcome(
            &plan,
            pillar.record.id,
            "More women mediators",
            Id::new_v4(),
            &now,
            "MWA",
        )
        .unwrap();
        assert_eq!(new.code, format!("{}.{}", pillar.code, count + 1));
        plan.outcomes.push(new.clone());
        let output = new_output(
            &plan,
            new.record.id,
            "Mediators trained",
            Id::new_v4(),
            &now,
            "MWA",
        )
        .unwrap();
        assert_eq!(output.code, format!("{}.1", new.code));
        plan.outputs.push(output.clone());
        let a = new_indicator(
            &plan,
            Some(new.record.id),
            "Women mediators",
            Id::new_v4(),
            &now,
            "MWA",
        )
        .unwrap();
        assert_eq!(a.code, format!("{}.a", new.code));
        assert_eq!(a.level, IndicatorLevel::Outcome);
        plan.indicators.push(a);
        let b = new_indicator(
            &plan,
            Some(new.record.id),
            "Cases mediated",
            Id::new_v4(),
            &now,
            "MWA",
        )
        .unwrap();
        assert_eq!(b.code, format!("{}.b", new.code));
        plan.indicators.push(b);
        let o = new_indicator(
            &plan,
            Some(output.record.id),
            "Trained",
            Id::new_v4(),
            &now,
            "MWA",
        )
        .unwrap();
        assert_eq!(o.level, IndicatorLevel::Output);
        plan.indicators.push(o);
        let impact = new_indicator(&plan, None, "Peace holds", Id::new_v4(), &now, "MWA").unwrap();
        assert!(!plan.indicators.iter().any(|i| i.code == impact.code));
        plan.indicators.push(impact);
        assert!(validate(&plan).is_empty(), "{:?}", validate(&plan));
        assert!(new_indicator(
            &plan,
            Some(plan.activities[0].record.id),
            "x",
            Id::new_v4(),
            &now,
            "MWA"
        )
        .is_none());
    }

    #[test]
    fn indicator_values_must_fit_its_kind_and_refusals_change_nothing() {
        // The field by its wire name, as the interface sends it; a name that is no field is
        // refused when it is read.
        fn set(plan: &Plan, i: &mut Indicator, field: &str, text: &str) -> Result<(), FieldError> {
            set_indicator_field(plan, i, field.parse()?, text)
        }
        let plan = sample_plan();
        let mut indicator = plan
            .indicators
            .iter()
            .find(|i| i.kind == IndicatorType::Percentage)
            .unwrap()
            .clone();
        set(&plan, &mut indicator, "target:2027", "12.5 %").unwrap();
        assert_eq!(indicator.targets[&2027], "12.5");
        set(&plan, &mut indicator, "disaggregation:disability", "true").unwrap();
        assert!(indicator
            .disaggregation
            .contains(&Disaggregation::Disability));
        set(&plan, &mut indicator, "disaggregation:sex", "false").unwrap();
        assert!(!indicator.disaggregation.contains(&Disaggregation::Sex));
        let before = indicator.clone();
        for (field, text, problem) in [
            ("target:2027", "most", Problem::NotANumber),
            ("target:2040", "5", Problem::YearOutsidePlan),
            ("baseline_year", "2031", Problem::YearOutsidePlan),
            ("baseline_year", "last year", Problem::NotANumber),
            ("statement", "", Problem::Required),
            ("frequency", "often", Problem::UnknownChoice),
            ("disaggregation:colour", "true", Problem::UnknownField),
            ("disaggregation:age", "maybe", Problem::NotYesNo),
            ("responsible_agency_id", "nobody", Problem::UnknownChoice),
            ("code", "X", Problem::UnknownField),
        ] {
            let err = set(&plan, &mut indicator, field, text).unwrap_err();
            assert_eq!(err.problem, problem, "{field}={text}");
            assert_eq!(indicator, before, "{field}={text} changed nothing");
        }
        // A qualitative indicator takes words; going back to a number is refused while they stand.
        set(&plan, &mut indicator, "kind", "qualitative").unwrap();
        set(&plan, &mut indicator, "target:2028", "Law adopted").unwrap();
        let err = set(&plan, &mut indicator, "kind", "number").unwrap_err();
        assert_eq!(err.problem, Problem::NotANumber);
        assert_eq!(indicator.kind, IndicatorType::Qualitative);
    }
}
