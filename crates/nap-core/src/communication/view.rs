//! What the communication screen shows: the communication plan's statements and activities,
//! and the record of consultations with their participation totals.

use crate::costing::grid::GridChoice;
use crate::model::*;
use rust_decimal::Decimal;
use serde::Serialize;
use ts_rs::TS;

/// Who took part in the consultations, all together.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Participation {
    pub women: u32,
    pub men: u32,
    pub other: u32,
    pub total: u32,
    /// Women as a percentage of all participants, one decimal ("0" with nobody).
    #[ts(type = "string")]
    pub women_percent: Decimal,
    /// The stakeholder groups at least one consultation heard.
    pub groups_heard: Vec<StakeholderGroup>,
    /// The groups no consultation heard yet.
    pub groups_missing: Vec<StakeholderGroup>,
}

/// Everything the communication screen shows.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct CommunicationView {
    /// Objectives, audiences, key messages and channels, in plan order.
    pub items: Vec<CommunicationItem>,
    pub activities: Vec<CommunicationActivity>,
    /// Newest first.
    pub consultations: Vec<Consultation>,
    pub participation: Participation,
    pub agencies: Vec<GridChoice>,
    /// The plan activities a communication activity may take its cost from.
    pub plan_activities: Vec<GridChoice>,
    pub years: Vec<i32>,
    /// Records a copy scoped to one agency may not change (set by the shell).
    #[ts(type = "Array<string>")]
    pub locked: Vec<Id>,
}

const ALL_GROUPS: [StakeholderGroup; 11] = [
    StakeholderGroup::Government,
    StakeholderGroup::Csos,
    StakeholderGroup::WomenPeacebuilders,
    StakeholderGroup::Youth,
    StakeholderGroup::PersonsWithDisabilities,
    StakeholderGroup::IndigenousPeoples,
    StakeholderGroup::Survivors,
    StakeholderGroup::Academia,
    StakeholderGroup::DevelopmentPartners,
    StakeholderGroup::SecuritySector,
    StakeholderGroup::Community,
];

/// The communication screen of `plan`.
pub fn communication_view(plan: &Plan) -> CommunicationView {
    let (women, men, other) = plan
        .consultations
        .iter()
        .fold((0u32, 0u32, 0u32), |(w, m, o), c| {
            (
                w.saturating_add(c.participants_women),
                m.saturating_add(c.participants_men),
                o.saturating_add(c.participants_other),
            )
        });
    let total = women.saturating_add(men).saturating_add(other);
    let women_percent = if total == 0 {
        Decimal::ZERO
    } else {
        (Decimal::from(women) * Decimal::ONE_HUNDRED / Decimal::from(total))
            .round_dp_with_strategy(1, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
    };
    let heard = |g: &StakeholderGroup| plan.consultations.iter().any(|c| c.groups.contains(g));
    let mut consultations = plan.consultations.clone();
    consultations.sort_by(|a, b| b.date.as_str().cmp(a.date.as_str()));
    CommunicationView {
        items: plan.communication.clone(),
        activities: plan.communication_activities.clone(),
        consultations,
        participation: Participation {
            women,
            men,
            other,
            total,
            women_percent,
            groups_heard: ALL_GROUPS.iter().copied().filter(|g| heard(g)).collect(),
            groups_missing: ALL_GROUPS.iter().copied().filter(|g| !heard(g)).collect(),
        },
        agencies: GridChoice::agencies(plan),
        plan_activities: (plan.activities.iter())
            .map(|a| GridChoice {
                id: a.record.id,
                code: a.code.clone(),
                name: a.title.clone(),
            })
            .collect(),
        years: (plan.meta.start_year..=plan.meta.end_year).collect(),
        locked: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::sample_plan;

    #[test]
    fn participation_adds_up_and_names_the_groups_not_yet_heard() {
        let mut plan = sample_plan();
        for c in &mut plan.consultations {
            c.participants_women = 0;
            c.participants_men = 0;
            c.participants_other = 0;
            c.groups.clear();
        }
        plan.consultations[0].participants_women = 30;
        plan.consultations[0].participants_men = 15;
        plan.consultations[0].participants_other = 3;
        plan.consultations[0].groups = vec![StakeholderGroup::Youth, StakeholderGroup::Csos];
        let view = communication_view(&plan);
        let p = &view.participation;
        assert_eq!((p.women, p.men, p.other, p.total), (30, 15, 3, 48));
        assert_eq!(p.women_percent, "62.5".parse().unwrap());
        assert_eq!(
            p.groups_heard,
            vec![StakeholderGroup::Csos, StakeholderGroup::Youth]
        );
        assert_eq!(p.groups_missing.len(), ALL_GROUPS.len() - 2);
        assert!(!p.groups_missing.contains(&StakeholderGroup::Youth));
        // Newest consultation first.
        let dates: Vec<&str> = view.consultations.iter().map(|c| c.date.as_str()).collect();
        let mut sorted = dates.clone();
        sorted.sort_by(|a, b| b.cmp(a));
        assert_eq!(dates, sorted);
        assert_eq!(view.items.len(), plan.communication.len());
    }

    #[test]
    fn nobody_consulted_is_zero_percent_not_a_division_by_zero() {
        let mut plan = sample_plan();
        plan.consultations.clear();
        let p = communication_view(&plan).participation;
        assert_eq!(p.total, 0);
        assert!(p.women_percent.is_zero());
        assert_eq!(p.groups_missing.len(), ALL_GROUPS.len());
    }
}
