//! The built-in sample plan and the deterministic generator of large plans for benchmarks.
//!
//! Both are pure functions of their inputs: ids are UUID v5 of a stable key, timestamps are
//! fixed, and the generator uses its own seeded random sequence, so the same call always
//! gives the same plan (byte-identical JSON).
// The sample plans are built from constants that their tests check: a failure here is a
// bug in the sample, caught by those tests before it ships, never a user's input.
#![allow(clippy::expect_used, clippy::panic)]

mod authoring;
mod generated;
pub mod standard;

pub use generated::{generated_plan, PlanSize};

use crate::model::*;
use crate::text::LocalText;
use crate::time::Timestamp;
use rust_decimal::Decimal;
use uuid::Uuid;

/// The built-in sample: a fictional NAP WPS 2026–2030 with all six elements filled in.
pub fn sample_plan() -> Plan {
    authoring::build()
}

/// What a new, empty plan needs.
#[derive(Debug, Clone)]
pub struct NewPlan {
    pub title: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    pub start_year: Year,
    pub end_year: Year,
    /// ISO 4217.
    pub currency: String,
    /// The working language (a BCP 47 tag, see [`crate::languages`]); `None` for English
    /// with Khmer as the second language, the first users' plans.
    pub language: Option<String>,
    /// The second language when `language` is given; `None` for none.
    pub second_language: Option<String>,
}

/// A new plan with the standard structure: the four WPS pillars plus Coordination and M&E
/// (titles in English and Khmer) and the standard narrative sections, ready to be filled
/// in. `new_id` supplies fresh ids (random in the app; fixed in tests).
pub fn new_plan(
    spec: &NewPlan,
    now: &Timestamp,
    author: &str,
    mut new_id: impl FnMut() -> Id,
) -> Plan {
    let record = |id: Id| RecordMeta::new(id, now, author);
    let mut plan = Plan::empty(PlanMeta {
        record: record(new_id()),
        country: spec.country.clone(),
        country_name: LocalText::new(spec.country.clone()),
        title: LocalText::new(spec.title.clone()),
        goal: LocalText::default(),
        start_year: spec.start_year,
        end_year: spec.end_year,
        lead_agency_id: None,
        status: PlanStatus::Draft,
        working_language: spec.language.clone().unwrap_or_else(|| "en".into()),
        second_language: match &spec.language {
            None => Some("km".into()),
            Some(_) => spec.second_language.clone(),
        },
        base_currency: spec.currency.clone(),
        presentation_currency: None,
        costing_base_year: spec.start_year,
        inflation: Default::default(),
        contingency: Decimal::ZERO,
    });
    // Standard titles in the plan's languages; English where the product has none in the
    // working language, nothing where it has none in the second (see `standard`).
    let (working, second) = (
        plan.meta.working_language.clone(),
        plan.meta.second_language.clone(),
    );
    for (i, (kind, title)) in standard::pillars(&working, second.as_deref())
        .into_iter()
        .enumerate()
    {
        plan.pillars.push(Pillar {
            record: record(new_id()),
            code: (i + 1).to_string(),
            kind,
            title,
            description: LocalText::default(),
        });
    }
    for (kind, title) in standard::sections(&working, second.as_deref()) {
        plan.narrative.push(NarrativeSection {
            record: record(new_id()),
            kind,
            title,
            body: LocalText::default(),
        });
    }
    plan
}

/// Namespace for the sample's UUID v5 ids.
const SAMPLE_NAMESPACE: Uuid = Uuid::from_u128(0x6e61_7073_7475_6469_6f00_0000_0000_0001);

/// Builds plans with deterministic ids and timestamps.
pub(crate) struct Builder {
    pub plan: Plan,
    namespace: Uuid,
    now: Timestamp,
    author: String,
}

impl Builder {
    pub fn new(namespace_key: &str, now: Timestamp, author: &str, meta: PlanMetaDraft) -> Self {
        let namespace = Uuid::new_v5(&SAMPLE_NAMESPACE, namespace_key.as_bytes());
        let record = RecordMeta::new(Uuid::new_v5(&namespace, b"plan"), &now, author);
        let plan = Plan::empty(PlanMeta {
            record,
            country: meta.country.into(),
            country_name: meta.country_name,
            title: meta.title,
            goal: meta.goal,
            start_year: meta.start_year,
            end_year: meta.end_year,
            lead_agency_id: None,
            status: PlanStatus::Draft,
            working_language: "en".into(),
            second_language: Some("km".into()),
            base_currency: meta.base_currency.into(),
            presentation_currency: meta.presentation_currency.map(Into::into),
            costing_base_year: meta.start_year,
            inflation: Default::default(),
            contingency: Decimal::ZERO,
        });
        Self {
            plan,
            namespace,
            now,
            author: author.into(),
        }
    }

    /// The id of the record with this key (same key, same id).
    pub fn id(&self, key: &str) -> Id {
        Uuid::new_v5(&self.namespace, key.as_bytes())
    }

    /// Fresh record metadata for the record with this key.
    pub fn meta(&self, key: &str) -> RecordMeta {
        RecordMeta::new(self.id(key), &self.now, &self.author)
    }
}

/// What a builder needs to start a plan.
pub(crate) struct PlanMetaDraft {
    pub country: &'static str,
    pub country_name: LocalText,
    pub title: LocalText,
    pub goal: LocalText,
    pub start_year: Year,
    pub end_year: Year,
    pub base_currency: &'static str,
    pub presentation_currency: Option<&'static str>,
}

/// Parses a decimal literal written in the sample's source; panics on a typo there, which
/// the sample's tests catch.
pub(crate) fn dec(s: &str) -> Decimal {
    s.parse()
        .unwrap_or_else(|_| panic!("bad decimal literal in sample: {s}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::ElementCounts;
    use crate::validate::validate;
    use std::collections::HashSet;

    #[test]
    fn sample_meets_the_brief() {
        let p = sample_plan();
        assert_eq!((p.meta.start_year, p.meta.end_year), (2026, 2030));
        assert_eq!(p.pillars.len(), 5);
        assert!(p.outcomes.len() >= 10, "{}", p.outcomes.len());
        assert!(p.outputs.len() >= 20);
        assert!(p.activities.len() >= 40);
        assert!(p.agencies.len() >= 10);
        let kinds: HashSet<_> = p.agencies.iter().map(|a| a.kind).collect();
        assert!(kinds.contains(&AgencyKind::Csos));
        assert!(kinds.contains(&AgencyKind::DevelopmentPartner));
        for a in &p.activities {
            assert!(a.lead_agency_id.is_some(), "{} has no lead", a.code);
            assert!(
                p.cost_lines.iter().any(|l| l.activity_id == a.record.id),
                "{} has no cost line",
                a.code
            );
        }
        let currencies: HashSet<_> = p
            .funding_sources
            .iter()
            .map(|s| s.currency.as_str())
            .collect();
        assert!(currencies.contains("KHR") && currencies.contains("USD"));
        for t in p
            .pillars
            .iter()
            .map(|x| &x.title)
            .chain(p.outcomes.iter().map(|x| &x.title))
            .chain(p.outputs.iter().map(|x| &x.title))
        {
            let km = t.l2.as_deref().unwrap_or_default();
            assert!(
                km.chars().any(|c| ('\u{1780}'..='\u{17FF}').contains(&c)),
                "no Khmer title for {}",
                t.text
            );
        }
        assert!(p
            .bodies
            .iter()
            .any(|b| b.kind == BodyKind::SteeringCommittee));
        assert_eq!(
            p.bodies
                .iter()
                .filter(|b| b.kind == BodyKind::PillarWorkingGroup)
                .count(),
            4
        );
        assert!(p.bodies.iter().any(|b| b.kind == BodyKind::Secretariat));
        assert_eq!(p.consultations.len(), 3);
        assert_eq!(p.agency_plans.len(), 2);
        assert!(p.indicators.iter().all(|i| !i.targets.is_empty()));
        let counts = ElementCounts::of(&p);
        assert!(counts.narrative > 0 && counts.communication > 0 && counts.coordination > 0);
        assert_eq!(validate(&p), vec![]);
    }

    #[test]
    fn pillar_working_groups_have_government_and_cso_co_leads() {
        let p = sample_plan();
        let kind = |id: &Id| p.agencies.iter().find(|a| &a.record.id == id).unwrap().kind;
        for b in p
            .bodies
            .iter()
            .filter(|b| b.kind == BodyKind::PillarWorkingGroup)
        {
            assert!(b.chair_ids.iter().any(|c| kind(c).is_government()));
            assert!(b.chair_ids.iter().any(|c| kind(c) == AgencyKind::Csos));
        }
    }

    #[test]
    fn a_new_plan_has_the_standard_structure_and_is_valid() {
        let mut n = 0u128;
        let spec = NewPlan {
            title: "NAP WPS".into(),
            country: "KH".into(),
            start_year: 2027,
            end_year: 2031,
            currency: "KHR".into(),
            language: None,
            second_language: None,
        };
        let now = Timestamp::from_unix_millis(0);
        let plan = new_plan(&spec, &now, "t", || {
            n += 1;
            Id::from_u128(n)
        });
        let kinds: Vec<_> = plan.pillars.iter().map(|p| p.kind).collect();
        assert_eq!(
            kinds,
            [
                PillarKind::Participation,
                PillarKind::Prevention,
                PillarKind::Protection,
                PillarKind::ReliefRecovery,
                PillarKind::CoordinationMe
            ]
        );
        assert_eq!(plan.narrative.len(), 7);
        assert_eq!(validate(&plan), vec![]);
    }

    #[test]
    fn sample_is_deterministic() {
        assert_eq!(sample_plan(), sample_plan());
    }
}
