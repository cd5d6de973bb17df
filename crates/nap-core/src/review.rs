//! The quality review (specification §6, "Is this a high-impact NAP?"): what a drafting team
//! still has to do for the plan to meet the criteria of the ASEAN good-practice report.
//!
//! Each finding has a stable code (scripts and the window branch on it), a severity, the
//! record it is about, an English message, and the values a translated message needs. A
//! valid plan can have findings: validation keeps a plan consistent, the review asks whether
//! it is complete and credible.
//!
//! Severity: `error` for what makes the budget proposal unusable (an activity nobody leads,
//! a cost line without an economic classification, a plan that cannot be costed); `warning`
//! for a missing element of a high-impact plan; `advice` for what a reader should know (the
//! funding gap of each pillar, old exchange rates).

use crate::costing::views::Measure;
use crate::costing::{compute, cross_table, Dimension};
use crate::model::*;
use crate::validate::{Labelled, RecordRef};
use crate::IsoDate;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};
use ts_rs::TS;

/// How much a finding matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Severity {
    Error,
    Warning,
    Advice,
}

/// One thing the review found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Finding {
    /// Stable code, e.g. `outcome_without_indicator`.
    pub code: String,
    pub severity: Severity,
    /// The element of the plan it is about (`results_framework`, `resources`,
    /// `coordination`, `communication`, `agency_plans`, `narrative`).
    pub element: String,
    /// The record to open to fix it; `None` when it is about the plan as a whole.
    pub record: Option<RecordRef>,
    /// The finding in English, one sentence.
    pub message: String,
    /// Values a translated message needs (`percent`, `date`…).
    pub values: BTreeMap<String, String>,
}

struct Findings(Vec<Finding>);

impl Findings {
    fn add(
        &mut self,
        code: &str,
        severity: Severity,
        element: &str,
        record: Option<RecordRef>,
        message: String,
        values: &[(&str, String)],
    ) {
        self.0.push(Finding {
            code: code.into(),
            severity,
            element: element.into(),
            record,
            message,
            values: values
                .iter()
                .map(|(k, v)| ((*k).to_string(), v.clone()))
                .collect(),
        });
    }
}

/// A record's label as a message quotes it.
fn q<T: Labelled>(r: &T) -> String {
    let label = r.label();
    match label.char_indices().nth(70) {
        Some((cut, _)) => format!("\"{}…\"", label[..cut].trim_end()),
        None => format!("\"{label}\""),
    }
}

/// Texts whose second-language version may be out of date (the working-language text was
/// changed after it; see [`crate::text::flag_outdated_translations`]), one finding per
/// record, naming its fields.
fn outdated_translations(plan: &Plan, f: &mut Findings) {
    use crate::record::Record;
    use Severity::Warning;
    let Some(second) = plan.meta.second_language.as_deref() else {
        return;
    };
    let language = crate::languages::language(second).map_or(second, |l| l.english);
    let m = &plan.meta;
    let plan_fields: Vec<&str> = [
        ("title", &m.title),
        ("goal", &m.goal),
        ("country_name", &m.country_name),
    ]
    .iter()
    .filter(|(_, t)| t.l2_outdated)
    .map(|(name, _)| *name)
    .collect();
    if !plan_fields.is_empty() {
        let fields = plan_fields.join(", ");
        f.add(
            "plan_translation_outdated",
            Warning,
            "narrative",
            None,
            format!("The plan's {fields} in {language} may be out of date: the text was changed after it was translated."),
            &[("fields", fields.clone()), ("language", language.to_string())],
        );
    }
    for kind in crate::RecordKind::ALL {
        // The many records of these kinds are looked at without serialising them: cost lines
        // have one two-language text, progress reports, statuses and spending none.
        use crate::RecordKind as K;
        match kind {
            K::Progress | K::ActivityStatus | K::Expenditure | K::ExchangeRate => continue,
            K::CostLine if plan.cost_lines.iter().all(|l| !l.item.l2_outdated) => continue,
            _ => {}
        }
        crate::with_record_type!(kind, T => {
            for r in T::list(plan) {
                let fields = outdated_fields(r);
                if fields.is_empty() {
                    continue;
                }
                let fields = fields.join(", ");
                let record = r.as_ref_();
                f.add(
                    "translation_outdated",
                    Warning,
                    element_of(kind),
                    Some(record.clone()),
                    format!(
                        "{} {}: its {fields} in {language} may be out of date: the text was changed after it was translated.",
                        kind.name().replace('_', " "),
                        record.label
                    ),
                    &[("fields", fields.clone()), ("language", language.to_string())],
                );
            }
        });
    }
}

/// The names of `record`'s two-language fields whose translation is marked out of date.
fn outdated_fields<T: Serialize>(record: &T) -> Vec<String> {
    let Ok(serde_json::Value::Object(fields)) = serde_json::to_value(record) else {
        return Vec::new();
    };
    fields
        .iter()
        .filter(|(_, v)| v.get("l2_outdated").and_then(serde_json::Value::as_bool) == Some(true))
        .map(|(k, _)| k.clone())
        .collect()
}

/// The element of the plan a record of `kind` belongs to, as findings name it.
fn element_of(kind: crate::RecordKind) -> &'static str {
    use crate::RecordKind as K;
    match kind {
        K::NarrativeSection => "narrative",
        K::CostLine
        | K::FundingSource
        | K::CatalogueItem
        | K::ClassificationName
        | K::Expenditure
        | K::ExchangeRate => "resources",
        K::Body | K::ReportingEvent | K::Agency => "coordination",
        K::CommunicationItem | K::CommunicationActivity | K::Consultation => "communication",
        K::AgencyPlan | K::SubActivity => "agency_plans",
        _ => "results_framework",
    }
}

/// Every finding for `plan` on `today` (exchange rates are judged against it), errors
/// first, then warnings, then advice, each in the plan's order.
pub fn review(plan: &Plan, today: &IsoDate) -> Vec<Finding> {
    use Severity::*;
    let mut f = Findings(Vec::new());

    // Results framework.
    let indicator_parents: HashSet<Id> =
        plan.indicators.iter().filter_map(|i| i.parent_id).collect();
    for o in &plan.outcomes {
        if !indicator_parents.contains(&o.record.id) {
            f.add(
                "outcome_without_indicator",
                Warning,
                "results_framework",
                Some(o.as_ref_()),
                format!(
                    "Outcome {} has no indicator: how will anyone know it was reached?",
                    q(o)
                ),
                &[],
            );
        }
    }
    for o in &plan.outputs {
        if !indicator_parents.contains(&o.record.id) {
            f.add(
                "output_without_indicator",
                Warning,
                "results_framework",
                Some(o.as_ref_()),
                format!("Output {} has no indicator.", q(o)),
                &[],
            );
        }
    }
    for i in &plan.indicators {
        if i.baseline_value
            .as_deref()
            .is_none_or(|b| b.trim().is_empty())
        {
            f.add(
                "indicator_without_baseline",
                Warning,
                "results_framework",
                Some(i.as_ref_()),
                format!("Indicator {} has no baseline.", q(i)),
                &[],
            );
        }
        if i.targets
            .get(&plan.meta.end_year)
            .is_none_or(|t| t.trim().is_empty())
        {
            f.add(
                "indicator_without_final_target",
                Warning,
                "results_framework",
                Some(i.as_ref_()),
                format!(
                    "Indicator {} has no target for {}, the plan's last year.",
                    q(i),
                    plan.meta.end_year
                ),
                &[("year", plan.meta.end_year.to_string())],
            );
        }
    }

    // Activities and their costs.
    let costed: HashSet<Id> = plan.cost_lines.iter().map(|l| l.activity_id).collect();
    for a in &plan.activities {
        if a.lead_agency_id.is_none() {
            f.add(
                "activity_without_lead",
                Error,
                "results_framework",
                Some(a.as_ref_()),
                format!(
                    "Activity {} has no lead agency: nobody is accountable for it.",
                    q(a)
                ),
                &[],
            );
        }
        if !costed.contains(&a.record.id) {
            f.add(
                "activity_without_cost",
                Warning,
                "resources",
                Some(a.as_ref_()),
                format!("Activity {} has no cost line.", q(a)),
                &[],
            );
        }
        if a.years.is_empty() {
            f.add(
                "activity_without_timeframe",
                Warning,
                "results_framework",
                Some(a.as_ref_()),
                format!("Activity {} has no implementation years.", q(a)),
                &[],
            );
        }
        if !indicator_parents.contains(&a.output_id) {
            f.add(
                "activity_without_indicator_link",
                Advice,
                "results_framework",
                Some(a.as_ref_()),
                format!(
                    "Activity {} serves an output that no indicator measures.",
                    q(a)
                ),
                &[],
            );
        }
    }
    let catalogue: BTreeMap<Id, &CatalogueItem> =
        plan.catalogue.iter().map(|c| (c.record.id, c)).collect();
    for l in &plan.cost_lines {
        let item = l
            .catalogue_item_id
            .and_then(|id| catalogue.get(&id).copied());
        let code = l
            .economic_code
            .as_deref()
            .or(item.map(|i| i.economic_code.as_str()))
            .unwrap_or("");
        if code.trim().is_empty() {
            f.add("cost_line_unclassified", Error, "resources", Some(l.as_ref_()),
                format!("Cost line {} has no economic classification (GFS code), so it cannot go into a budget submission.", q(l)), &[]);
        }
        if l.funding_source_id.is_none() {
            f.add(
                "cost_line_without_source",
                Advice,
                "resources",
                Some(l.as_ref_()),
                format!("Cost line {} names no funding source.", q(l)),
                &[],
            );
        }
    }

    // Costing, funding gap and budget per pillar.
    match compute(plan, None) {
        Err(e) => f.add(
            "costing_failed",
            Error,
            "resources",
            None,
            format!("The plan cannot be costed: {e}."),
            &[],
        ),
        Ok(costing) => {
            let cost = cross_table(plan, &costing, Dimension::Pillar, None, Measure::Cost);
            let gap = cross_table(plan, &costing, Dimension::Pillar, None, Measure::Gap);
            for p in &plan.pillars {
                let total = |t: &crate::costing::Table| {
                    t.rows
                        .iter()
                        .position(|r| r.member == crate::costing::Member::Record(p.record.id))
                        .map(|i| t.row_totals[i])
                        .unwrap_or_default()
                };
                let (c, g) = (total(&cost), total(&gap));
                if c.is_zero() {
                    f.add(
                        "pillar_without_budget",
                        Warning,
                        "resources",
                        Some(p.as_ref_()),
                        format!("Pillar {} has no budget.", q(p)),
                        &[],
                    );
                } else if g > Decimal::ZERO {
                    let percent = (g * Decimal::ONE_HUNDRED / c).round_dp(0);
                    f.add("pillar_funding_gap", Advice, "resources", Some(p.as_ref_()),
                        format!("Pillar {}: {percent} % of its cost is not yet funded by committed sources.", q(p)),
                        &[("percent", percent.to_string())]);
                }
            }
        }
    }
    for x in &plan.exchange_rates {
        // ISO dates compare as text: the rate is stale before the same day a year ago.
        let year_ago = format!("{}{}", today.year() - 1, &today.as_str()[4..]);
        if x.date.as_str() < year_ago.as_str() {
            f.add(
                "stale_exchange_rate",
                Advice,
                "resources",
                Some(x.as_ref_()),
                format!(
                    "The exchange rate {} dates from {}, more than a year ago.",
                    q(x),
                    x.date.as_str()
                ),
                &[("date", x.date.as_str().to_string())],
            );
        }
    }

    // Coordination.
    if !plan
        .pillars
        .iter()
        .any(|p| p.kind == PillarKind::CoordinationMe)
    {
        f.add(
            "no_coordination_pillar",
            Warning,
            "results_framework",
            None,
            "The plan has no coordination and M&E pillar.".into(),
            &[],
        );
    }
    if plan.bodies.is_empty() {
        f.add(
            "no_coordinating_body",
            Warning,
            "coordination",
            None,
            "The plan names no coordinating body with terms of reference.".into(),
            &[],
        );
    }
    let csos: HashSet<Id> = plan
        .agencies
        .iter()
        .filter(|a| a.kind == AgencyKind::Csos)
        .map(|a| a.record.id)
        .collect();
    if !plan.bodies.is_empty()
        && !plan.bodies.iter().any(|b| {
            b.chair_ids
                .iter()
                .chain(&b.member_ids)
                .any(|m| csos.contains(m))
        })
    {
        f.add(
            "no_cso_in_coordination",
            Warning,
            "coordination",
            None,
            "No coordinating body has a civil society organisation among its chairs or members."
                .into(),
            &[],
        );
    }
    for b in &plan.bodies {
        if b.member_ids.is_empty() && b.chair_ids.is_empty() {
            f.add(
                "body_without_members",
                Warning,
                "coordination",
                Some(b.as_ref_()),
                format!("Coordinating body {} has no chair or members.", q(b)),
                &[],
            );
        }
        if b.responsibilities.text.trim().is_empty() && b.mandate.text.trim().is_empty() {
            f.add(
                "body_without_functions",
                Warning,
                "coordination",
                Some(b.as_ref_()),
                format!("Coordinating body {} has no mandate or functions.", q(b)),
                &[],
            );
        }
        if b.meeting_frequency.trim().is_empty() {
            f.add(
                "body_without_meeting_frequency",
                Warning,
                "coordination",
                Some(b.as_ref_()),
                format!("Coordinating body {} has no meeting frequency.", q(b)),
                &[],
            );
        }
    }

    // Consultations, communication, agency plans.
    if !plan.consultations.iter().any(|c| {
        c.groups.iter().any(|g| {
            matches!(
                g,
                StakeholderGroup::Csos | StakeholderGroup::WomenPeacebuilders
            )
        })
    }) {
        f.add(
            "no_cso_consultation",
            Warning,
            "narrative",
            None,
            "No consultation with civil society or women's organisations is recorded.".into(),
            &[],
        );
    }
    if plan.communication.is_empty() && plan.communication_activities.is_empty() {
        f.add(
            "no_communication_plan",
            Warning,
            "communication",
            None,
            "The plan has no communication plan.".into(),
            &[],
        );
    }
    if plan.reporting_events.is_empty() {
        f.add(
            "no_reporting_calendar",
            Warning,
            "coordination",
            None,
            "The plan has no reporting calendar: which reports are due when, from whom, to whom."
                .into(),
            &[],
        );
    }
    outdated_translations(plan, &mut f);
    let with_plans: HashSet<Id> = plan.agency_plans.iter().map(|p| p.agency_id).collect();
    let mut leads: Vec<Id> = Vec::new();
    for a in &plan.activities {
        if let Some(l) = a.lead_agency_id {
            if !leads.contains(&l) {
                leads.push(l);
            }
        }
    }
    for agency in plan
        .agencies
        .iter()
        .filter(|a| leads.contains(&a.record.id) && !with_plans.contains(&a.record.id))
    {
        f.add(
            "agency_without_operational_plan",
            Warning,
            "agency_plans",
            Some(agency.as_ref_()),
            format!(
                "{} leads activities but has no operational plan.",
                q(agency)
            ),
            &[],
        );
    }

    let mut findings = f.0;
    findings.sort_by_key(|x| x.severity);
    findings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::sample_plan;

    fn today() -> IsoDate {
        IsoDate::from_ymd(2026, 6, 1).unwrap()
    }

    fn codes(plan: &Plan) -> Vec<String> {
        review(plan, &today()).into_iter().map(|f| f.code).collect()
    }

    fn count(plan: &Plan, code: &str) -> usize {
        codes(plan).iter().filter(|c| *c == code).count()
    }

    #[test]
    fn a_translation_marked_out_of_date_is_a_warning_on_its_record_and_fields() {
        let mut p = sample_plan();
        assert_eq!(count(&p, "translation_outdated"), 0);
        p.pillars[1].title.l2_outdated = true;
        p.meta.title.l2_outdated = true;
        let findings: Vec<Finding> = review(&p, &IsoDate::from_ymd(2026, 12, 6).unwrap())
            .into_iter()
            .filter(|f| f.code == "translation_outdated")
            .collect();
        assert_eq!(findings.len(), 1);
        assert_eq!(count(&p, "plan_translation_outdated"), 1);
        let pillar = &findings[0];
        assert_eq!(pillar.record.as_ref().unwrap().id, p.pillars[1].record.id);
        assert_eq!(pillar.values["fields"], "title");
        assert_eq!(pillar.values["language"], "Khmer");
        assert_eq!(pillar.element, "results_framework");
        // A plan without a second language has no translations to be out of date.
        p.meta.second_language = None;
        assert_eq!(count(&p, "translation_outdated"), 0);
        assert_eq!(count(&p, "plan_translation_outdated"), 0);
    }

    /// Each finding appears for a plan with exactly that problem and goes when it is fixed.
    #[test]
    fn each_problem_gives_its_finding_and_fixing_it_removes_it() {
        let base = sample_plan();
        let before = |code: &str| count(&base, code);

        let mut p = base.clone();
        p.indicators
            .retain(|i| i.parent_id != Some(p.outcomes[0].record.id));
        assert_eq!(
            count(&p, "outcome_without_indicator"),
            before("outcome_without_indicator") + 1
        );

        let mut p = base.clone();
        p.indicators[0].baseline_value = None;
        assert_eq!(
            count(&p, "indicator_without_baseline"),
            before("indicator_without_baseline") + 1
        );
        p.indicators[0].baseline_value = Some("3".into());
        assert_eq!(
            count(&p, "indicator_without_baseline"),
            before("indicator_without_baseline")
        );

        let mut p = base.clone();
        let end = p.meta.end_year;
        p.indicators[0].targets.remove(&end);
        assert_eq!(
            count(&p, "indicator_without_final_target"),
            before("indicator_without_final_target") + 1
        );

        let mut p = base.clone();
        p.activities[0].lead_agency_id = None;
        let findings = review(&p, &today());
        let f = findings
            .iter()
            .find(|f| f.code == "activity_without_lead")
            .expect("finding");
        assert_eq!(f.severity, Severity::Error);
        assert_eq!(
            f.record.as_ref().map(|r| r.id),
            Some(p.activities[0].record.id)
        );
        assert_eq!(findings[0].severity, Severity::Error, "errors come first");

        let mut p = base.clone();
        let a = p.activities[0].record.id;
        p.cost_lines.retain(|l| l.activity_id != a);
        assert_eq!(
            count(&p, "activity_without_cost"),
            before("activity_without_cost") + 1
        );

        let mut p = base.clone();
        p.activities[0].years.clear();
        assert_eq!(
            count(&p, "activity_without_timeframe"),
            before("activity_without_timeframe") + 1
        );

        let mut p = base.clone();
        p.cost_lines[0].economic_code = Some(String::new());
        p.cost_lines[0].catalogue_item_id = None;
        assert_eq!(
            count(&p, "cost_line_unclassified"),
            before("cost_line_unclassified") + 1
        );

        let mut p = base.clone();
        p.bodies[0].meeting_frequency.clear();
        assert_eq!(
            count(&p, "body_without_meeting_frequency"),
            before("body_without_meeting_frequency") + 1
        );
        p.bodies[0].member_ids.clear();
        p.bodies[0].chair_ids.clear();
        assert_eq!(
            count(&p, "body_without_members"),
            before("body_without_members") + 1
        );

        let mut p = base.clone();
        p.consultations.clear();
        assert_eq!(count(&p, "no_cso_consultation"), 1);
        assert_eq!(before("no_cso_consultation"), 0);

        let mut p = base.clone();
        p.communication.clear();
        p.communication_activities.clear();
        assert_eq!(count(&p, "no_communication_plan"), 1);

        let mut p = base.clone();
        p.reporting_events.clear();
        assert_eq!(count(&p, "no_reporting_calendar"), 1);
        assert_eq!(before("no_reporting_calendar"), 0);

        let mut p = base.clone();
        p.pillars.iter_mut().for_each(|x| {
            if x.kind == PillarKind::CoordinationMe {
                x.kind = PillarKind::Other
            }
        });
        assert_eq!(count(&p, "no_coordination_pillar"), 1);
        assert_eq!(before("no_coordination_pillar"), 0);

        let mut p = base.clone();
        p.agency_plans.clear();
        p.sub_activities.clear();
        assert!(
            count(&p, "agency_without_operational_plan")
                > before("agency_without_operational_plan")
        );
    }

    #[test]
    fn the_funding_gap_of_each_pillar_and_old_rates_are_advice() {
        let plan = sample_plan();
        let findings = review(&plan, &today());
        let gaps: Vec<&Finding> = findings
            .iter()
            .filter(|f| f.code == "pillar_funding_gap")
            .collect();
        assert!(!gaps.is_empty());
        assert!(gaps
            .iter()
            .all(|f| f.severity == Severity::Advice && f.values.contains_key("percent")));
        let later = IsoDate::from_ymd(2029, 1, 1).unwrap();
        assert!(review(&plan, &later)
            .iter()
            .any(|f| f.code == "stale_exchange_rate"));
        assert!(!review(&plan, &today())
            .iter()
            .any(|f| f.code == "stale_exchange_rate"));
    }
}
