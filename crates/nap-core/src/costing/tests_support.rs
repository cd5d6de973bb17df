//! A tiny plan to state costing rules on, with numbers a person can check by hand.
#![cfg(test)]

use crate::model::*;
use crate::sample::{new_plan, NewPlan};
use crate::text::LocalText;
use crate::time::{IsoDate, Timestamp};
use rust_decimal::Decimal;

pub fn d(s: &str) -> Decimal {
    s.parse().expect("decimal literal")
}

/// A KHR plan 2026–2030 with two pillars, one outcome, output and activity each, no lines.
pub struct Tiny {
    pub plan: Plan,
    next: u128,
}

impl Tiny {
    pub fn new() -> Self {
        let mut n = 0u128;
        let spec = NewPlan {
            title: "Tiny".into(),
            country: "KH".into(),
            start_year: 2026,
            end_year: 2030,
            currency: "KHR".into(),
            language: None,
            second_language: None,
        };
        let now = Timestamp::from_unix_millis(0);
        let mut plan = new_plan(&spec, &now, "t", || {
            n += 1;
            Id::from_u128(n)
        });
        plan.pillars.truncate(2);
        let mut t = Self { plan, next: 1000 };
        for p in 0..2 {
            let pillar = t.plan.pillars[p].record.id;
            let (oc, op, ac) = (t.id(), t.id(), t.id());
            let m = |id| RecordMeta::new(id, &now, "t");
            let code = format!("{}", p + 1);
            t.plan.outcomes.push(Outcome {
                record: m(oc),
                pillar_id: pillar,
                code: format!("{code}.1"),
                title: LocalText::new("O"),
                rpa_outcomes: vec![],
            });
            t.plan.outputs.push(Output {
                record: m(op),
                outcome_id: oc,
                code: format!("{code}.1.1"),
                title: LocalText::new("P"),
            });
            t.plan.activities.push(Activity {
                record: m(ac),
                output_id: op,
                code: format!("{code}.1.1.1"),
                title: LocalText::new(format!("Activity {code}")),
                description: LocalText::default(),
                lead_agency_id: None,
                supporting_agency_ids: vec![],
                years: vec![2026],
                cofog: "03.1".into(),
                gender_marker: Some(GenderMarker::Principal),
                contingency: None,
            });
        }
        t
    }

    pub fn id(&mut self) -> Id {
        self.next += 1;
        Id::from_u128(self.next)
    }

    fn meta(&mut self) -> RecordMeta {
        let id = self.id();
        RecordMeta::new(id, &Timestamp::from_unix_millis(0), "t")
    }

    /// Adds a line to activity `a` (0 or 1); returns its index.
    pub fn line(
        &mut self,
        a: usize,
        unit_cost: &str,
        currency: &str,
        quantities: &[(Year, &str)],
    ) -> usize {
        let record = self.meta();
        let activity_id = self.plan.activities[a].record.id;
        self.plan.cost_lines.push(CostLine {
            record,
            activity_id,
            item: LocalText::new("item"),
            catalogue_item_id: None,
            unit: Some("day".into()),
            unit_cost: Some(d(unit_cost)),
            currency: Some(currency.into()),
            economic_code: Some("2211".into()),
            quantities: quantities.iter().map(|(y, q)| (*y, d(q))).collect(),
            funding_source_id: None,
            inflate: true,
            note: String::new(),
        });
        self.plan.cost_lines.len() - 1
    }

    pub fn rate(&mut self, currency: &str, year: Option<Year>, rate: &str) {
        let record = self.meta();
        self.plan.exchange_rates.push(ExchangeRate {
            record,
            currency: currency.into(),
            year,
            rate: d(rate),
            date: IsoDate::from_ymd(2025, 12, 31).unwrap(),
            source: "test".into(),
        });
    }

    /// Adds a KHR source with `amounts`; returns its index.
    pub fn source(
        &mut self,
        status: FundingStatus,
        amounts: &[(Year, &str)],
        earmark: Option<(EarmarkTarget, Id)>,
    ) -> usize {
        let record = self.meta();
        let code = format!("S{}", self.plan.funding_sources.len() + 1);
        self.plan.funding_sources.push(FundingSource {
            record,
            code,
            name: LocalText::new("source"),
            kind: SourceKind::NationalBudget,
            agency_id: None,
            on_budget: true,
            status,
            currency: "KHR".into(),
            amounts: amounts.iter().map(|(y, a)| (*y, d(a))).collect(),
            earmarks: earmark
                .map(|(target, target_id)| vec![Earmark { target, target_id }])
                .unwrap_or_default(),
        });
        self.plan.funding_sources.len() - 1
    }
}
