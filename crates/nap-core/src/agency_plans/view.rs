//! What the agency plans screen shows for one agency: its operational plan (focal point,
//! notes), the NAP activities it leads or supports with the steps it schedules by quarter,
//! and the budget of the activities it leads by economic classification and year.

use crate::costing::grid::GridChoice;
use crate::costing::render::{to_shown, ShownTable, Style};
use crate::costing::rounding::round_to;
use crate::costing::views::Measure;
use crate::costing::{compute, cross_table, CostingError, Dimension, Rounding};
use crate::currency::minor_units;
use crate::model::*;
use crate::text::LocalText;
use rust_decimal::Decimal;
use serde::Serialize;
use ts_rs::TS;

/// An agency as the picker shows it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct AgencyOption {
    pub agency: GridChoice,
    /// The agency has an operational plan.
    pub has_plan: bool,
    /// NAP activities it leads.
    pub leads: u32,
}

/// The agency's operational plan itself.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct AgencyPlanRow {
    #[ts(type = "string")]
    pub id: Id,
    pub focal_point: String,
    pub focal_point_contact: String,
    pub notes: LocalText,
    pub modified_by: String,
    pub modified: String,
}

/// A step the agency schedules under an activity.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct StepRow {
    #[ts(type = "string")]
    pub id: Id,
    pub code: String,
    pub title: LocalText,
    pub year: i32,
    pub quarters: Vec<u8>,
    pub budget_line: String,
    pub economic_code: String,
    /// Unformatted ("12500000"); empty for none.
    pub budget: String,
    pub modified_by: String,
    pub modified: String,
}

/// A NAP activity the agency leads or supports.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct AgencyActivity {
    #[ts(type = "string")]
    pub id: Id,
    pub code: String,
    pub title: LocalText,
    /// `lead` or `support`.
    pub role: String,
    pub years: Vec<i32>,
    /// Its cost over the plan period in the base currency, rounded to the minor unit.
    #[ts(type = "string")]
    pub cost: Decimal,
    pub steps: Vec<StepRow>,
}

/// Everything the agency plans screen shows.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct AgencyPlanView {
    pub agencies: Vec<AgencyOption>,
    #[ts(type = "string")]
    pub agency_id: Id,
    /// `None` until the agency's plan is started.
    pub plan: Option<AgencyPlanRow>,
    pub activities: Vec<AgencyActivity>,
    /// The cost of the activities it leads by GFS economic classification (two digits) and
    /// year, in the base currency.
    pub budget: ShownTable,
    pub years: Vec<i32>,
    /// Set by the shell in a copy scoped to another agency.
    pub locked: bool,
}

/// The agency plans screen of `plan` for `agency_id` (the first agency leading activities
/// when `None` or unknown). Labels of the budget table in the plan's second language when
/// `second_language`.
pub fn agency_plan_view(
    plan: &Plan,
    agency_id: Option<Id>,
    second_language: bool,
) -> Result<AgencyPlanView, CostingError> {
    let leads_of = |agency: Id| {
        (plan.activities.iter())
            .filter(|a| a.lead_agency_id == Some(agency))
            .count()
    };
    let agencies: Vec<AgencyOption> = GridChoice::agencies(plan)
        .into_iter()
        .map(|agency| AgencyOption {
            has_plan: plan.agency_plans.iter().any(|p| p.agency_id == agency.id),
            leads: u32::try_from(leads_of(agency.id)).unwrap_or(u32::MAX),
            agency,
        })
        .collect();
    let agency_id = agency_id
        .filter(|id| plan.agencies.iter().any(|a| a.record.id == *id))
        .or_else(|| agencies.iter().find(|a| a.leads > 0).map(|a| a.agency.id))
        .or_else(|| plan.agencies.first().map(|a| a.record.id))
        .unwrap_or_default();
    let agency_plan = plan.agency_plans.iter().find(|p| p.agency_id == agency_id);

    // The costing of the lines of the activities it leads only.
    let mut own = plan.clone();
    let led: Vec<Id> = (plan.activities.iter())
        .filter(|a| a.lead_agency_id == Some(agency_id))
        .map(|a| a.record.id)
        .collect();
    own.cost_lines.retain(|l| led.contains(&l.activity_id));
    let costing = compute(&own, None)?;
    let unit = Decimal::new(1, minor_units(&costing.currency));
    let by_activity = cross_table(&own, &costing, Dimension::Activity, None, Measure::Cost);
    let cost_of = |id: Id| {
        by_activity
            .rows
            .iter()
            .zip(&by_activity.row_totals)
            .find(|(m, _)| m.member == crate::costing::Member::Record(id))
            .map_or(Decimal::ZERO, |(_, t)| round_to(*t, unit))
    };
    let budget = cross_table(
        &own,
        &costing,
        Dimension::Economic { digits: 2 },
        Some(Dimension::Year),
        Measure::Cost,
    );

    let activities = (plan.activities.iter())
        .filter_map(|a| {
            let role = if a.lead_agency_id == Some(agency_id) {
                "lead"
            } else if a.supporting_agency_ids.contains(&agency_id) {
                "support"
            } else {
                return None;
            };
            let steps = (plan.sub_activities.iter())
                .filter(|s| {
                    s.activity_id == a.record.id
                        && agency_plan.is_some_and(|p| p.record.id == s.agency_plan_id)
                })
                .map(|s| StepRow {
                    id: s.record.id,
                    code: s.code.clone(),
                    title: s.title.clone(),
                    year: s.year,
                    quarters: s.quarters.clone(),
                    budget_line: s.budget_line.clone(),
                    economic_code: s.economic_code.clone(),
                    budget: s
                        .budget
                        .map(|b| b.normalize().to_string())
                        .unwrap_or_default(),
                    modified_by: s.record.modified_by.clone(),
                    modified: s.record.modified.to_string(),
                })
                .collect();
            Some(AgencyActivity {
                id: a.record.id,
                code: a.code.clone(),
                title: a.title.clone(),
                role: role.to_string(),
                years: a.years.clone(),
                cost: if role == "lead" {
                    cost_of(a.record.id)
                } else {
                    Decimal::ZERO
                },
                steps,
            })
        })
        .collect();
    Ok(AgencyPlanView {
        agencies,
        agency_id,
        plan: agency_plan.map(|p| AgencyPlanRow {
            id: p.record.id,
            focal_point: p.focal_point.clone(),
            focal_point_contact: p.focal_point_contact.clone(),
            notes: p.notes.clone(),
            modified_by: p.record.modified_by.clone(),
            modified: p.record.modified.to_string(),
        }),
        activities,
        budget: to_shown(
            &budget,
            Style {
                rounding: Rounding::Unit,
                reconcile: true,
                second_language,
            },
        ),
        years: costing.years.clone(),
        locked: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::sample_plan;

    #[test]
    fn an_agency_sees_the_activities_it_leads_and_supports_and_their_budget() {
        let plan = sample_plan();
        let agency_plan = &plan.agency_plans[0];
        let agency = agency_plan.agency_id;
        let view = agency_plan_view(&plan, Some(agency), false).unwrap();
        assert_eq!(view.agency_id, agency);
        assert_eq!(
            view.plan.as_ref().map(|p| p.id),
            Some(agency_plan.record.id)
        );
        let leads = plan
            .activities
            .iter()
            .filter(|a| a.lead_agency_id == Some(agency))
            .count();
        assert_eq!(
            view.activities.iter().filter(|a| a.role == "lead").count(),
            leads
        );
        let supports = plan
            .activities
            .iter()
            .filter(|a| {
                a.lead_agency_id != Some(agency) && a.supporting_agency_ids.contains(&agency)
            })
            .count();
        assert_eq!(
            view.activities
                .iter()
                .filter(|a| a.role == "support")
                .count(),
            supports
        );
        // Its steps are those of its own plan.
        let steps: usize = view.activities.iter().map(|a| a.steps.len()).sum();
        assert_eq!(
            steps,
            plan.sub_activities
                .iter()
                .filter(|s| s.agency_plan_id == agency_plan.record.id
                    && view.activities.iter().any(|a| a.id == s.activity_id))
                .count()
        );
        // The budget table adds up to the cost of the activities it leads (lines and their
        // contingency) exactly as the whole plan's costing has it.
        let costing = compute(&plan, None).unwrap();
        let expected: Decimal = (0..costing.units.len())
            .filter(|&u| plan.activities[costing.units[u].activity].lead_agency_id == Some(agency))
            .flat_map(|u| costing.amounts(u))
            .sum();
        assert!(expected > Decimal::ZERO);
        let shown: Decimal = view.budget.total.replace(',', "").parse().unwrap();
        assert_eq!(shown, round_to(expected, Decimal::ONE));
        let lead_costs: Decimal = view.activities.iter().map(|a| a.cost).sum();
        assert!(lead_costs > Decimal::ZERO);
        assert!(view
            .agencies
            .iter()
            .any(|a| a.agency.id == agency && a.has_plan));
    }

    #[test]
    fn without_a_choice_the_first_agency_leading_activities_is_shown() {
        let plan = sample_plan();
        let view = agency_plan_view(&plan, None, false).unwrap();
        let first = view.agencies.iter().find(|a| a.leads > 0).unwrap();
        assert_eq!(view.agency_id, first.agency.id);
        let unknown = agency_plan_view(&plan, Some(Id::new_v4()), false).unwrap();
        assert_eq!(unknown.agency_id, first.agency.id);
    }
}
