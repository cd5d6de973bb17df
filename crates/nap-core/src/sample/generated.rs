//! Deterministic synthetic plans of a chosen size, for benchmarks and load tests.

use super::{dec, Builder, PlanMetaDraft};
use crate::model::*;
use crate::text::LocalText;
use crate::time::{IsoDate, Timestamp};
use rust_decimal::Decimal;

/// The sizes of generated plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanSize {
    /// 25 agencies, 5 pillars, 10 outcomes, 50 outputs, 250 activities, 5,000 cost lines,
    /// 2026–2030, 12 funding sources.
    Medium,
    /// 25 agencies, 5 pillars, 30 outcomes, 150 outputs, 1,500 activities, 30,000 cost
    /// lines, 2026–2035, 12 funding sources.
    Large,
}

struct Shape {
    outcomes_per_pillar: usize,
    outputs_per_outcome: usize,
    activities_per_output: usize,
    lines_per_activity: usize,
    end_year: Year,
}

/// A small, fast, seeded generator (SplitMix64): the same seed gives the same plan on every
/// platform, which `rand` does not promise across versions.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const ITEMS: [(&str, &str, &str, &str, &str); 8] = [
    (
        "participant-day",
        "Workshop venue and catering",
        "60000",
        "KHR",
        "2211",
    ),
    ("person-day", "Per diem, provincial", "80000", "KHR", "2212"),
    (
        "trip",
        "Transport, provincial return trip",
        "120000",
        "KHR",
        "2212",
    ),
    ("day", "National consultant", "150", "USD", "2221"),
    ("day", "International consultant", "550", "USD", "2221"),
    ("copy", "Printing of materials", "8000", "KHR", "2231"),
    (
        "person-month",
        "Programme officer salary",
        "3200000",
        "KHR",
        "2111",
    ),
    ("set", "IT equipment set", "1400", "USD", "3112"),
];

/// A synthetic plan of the given size. Same size, same plan.
pub fn generated_plan(size: PlanSize) -> Plan {
    let shape = match size {
        PlanSize::Medium => Shape {
            outcomes_per_pillar: 2,
            outputs_per_outcome: 5,
            activities_per_output: 5,
            lines_per_activity: 20,
            end_year: 2030,
        },
        PlanSize::Large => Shape {
            outcomes_per_pillar: 6,
            outputs_per_outcome: 5,
            activities_per_output: 10,
            lines_per_activity: 20,
            end_year: 2035,
        },
    };
    let key = match size {
        PlanSize::Medium => "generated-medium",
        PlanSize::Large => "generated-large",
    };
    let mut rng = SplitMix(0x4E41_5053_0000_0001);
    let mut b = Builder::new(
        key,
        Timestamp::try_from("2026-01-15T09:00:00.000Z".to_string()).expect("literal"),
        "generator",
        PlanMetaDraft {
            country: "XM",
            country_name: LocalText::both("Kingdom of Mekara", "ព្រះរាជាណាចក្រមេការា"),
            title: LocalText::new(format!(
                "Generated NAP WPS 2026–{} ({size:?} benchmark plan)",
                shape.end_year
            )),
            goal: LocalText::new("Women and girls live in peace and security."),
            start_year: 2026,
            end_year: shape.end_year,
            base_currency: "KHR",
            presentation_currency: Some("USD"),
        },
    );
    let years: Vec<Year> = (2026..=shape.end_year).collect();
    for (i, y) in years.iter().enumerate().skip(1) {
        b.plan
            .meta
            .inflation
            .insert(*y, dec(if i % 2 == 0 { "0.025" } else { "0.03" }));
    }
    b.plan.meta.contingency = dec("0.05");

    for i in 0..25 {
        let kind = match i {
            0..=15 => AgencyKind::Ministry,
            16..=19 => AgencyKind::Csos,
            20..=22 => AgencyKind::DevelopmentPartner,
            _ => AgencyKind::UnAgency,
        };
        let record = b.meta(&format!("agency/{i}"));
        b.plan.agencies.push(Agency {
            record,
            code: format!("AG{:02}", i + 1),
            name: LocalText::new(format!("Agency {:02}", i + 1)),
            kind,
            programme_code: format!("P{:03}", 100 + i),
            contact: String::new(),
        });
    }
    b.plan.meta.lead_agency_id = Some(b.id("agency/0"));
    for (i, (code, name, cost, cur, econ)) in ITEMS.iter().enumerate() {
        let record = b.meta(&format!("item/{i}"));
        b.plan.catalogue.push(CatalogueItem {
            record,
            code: format!("IT{:02}", i + 1),
            name: LocalText::new(*name),
            unit: (*code).into(),
            unit_cost: dec(cost),
            currency: (*cur).into(),
            economic_code: (*econ).into(),
        });
    }
    let record = b.meta("rate/usd");
    b.plan.exchange_rates.push(ExchangeRate {
        record,
        currency: "USD".into(),
        year: None,
        rate: dec("4100"),
        date: IsoDate::from_ymd(2025, 12, 31).expect("literal"),
        source: "Fictional central bank rate".into(),
    });
    for i in 0..12 {
        let (kind, status, currency) = match i {
            0..=5 => (SourceKind::NationalBudget, FundingStatus::Committed, "KHR"),
            6..=8 => (
                SourceKind::DevelopmentPartner,
                FundingStatus::Committed,
                "USD",
            ),
            9..=10 => (
                SourceKind::DevelopmentPartner,
                FundingStatus::Pledged,
                "USD",
            ),
            _ => (SourceKind::Csos, FundingStatus::Expected, "KHR"),
        };
        let per_year = if currency == "USD" {
            Decimal::from(50_000 + 10_000 * rng.below(20))
        } else {
            Decimal::from(200_000_000 + 50_000_000 * rng.below(20))
        };
        let record = b.meta(&format!("source/{i}"));
        b.plan.funding_sources.push(FundingSource {
            record,
            code: format!("FS{:02}", i + 1),
            name: LocalText::new(format!("Funding source {:02}", i + 1)),
            kind,
            agency_id: Some(b.id(&format!("agency/{}", i * 2))),
            on_budget: kind == SourceKind::NationalBudget,
            status,
            currency: currency.into(),
            amounts: years.iter().map(|y| (*y, per_year)).collect(),
            earmarks: vec![],
        });
    }

    let (mut oc, mut op, mut ac, mut lc) = (0, 0, 0, 0);
    for (pi, (kind, title)) in super::standard::pillars("en", Some("km"))
        .into_iter()
        .enumerate()
    {
        let pillar_id = b.id(&format!("pillar/{pi}"));
        let record = b.meta(&format!("pillar/{pi}"));
        b.plan.pillars.push(Pillar {
            record,
            code: format!("{}", pi + 1),
            kind,
            title,
            description: LocalText::default(),
        });
        for oi in 0..shape.outcomes_per_pillar {
            let outcome_key = format!("outcome/{oc}");
            oc += 1;
            let outcome_code = format!("{}.{}", pi + 1, oi + 1);
            let outcome_id = b.id(&outcome_key);
            let record = b.meta(&outcome_key);
            b.plan.outcomes.push(Outcome {
                record,
                pillar_id,
                code: outcome_code.clone(),
                title: LocalText::both(
                    format!("Outcome {outcome_code}"),
                    format!("លទ្ធផល {outcome_code}"),
                ),
                rpa_outcomes: vec![(pi % 6 + 1) as u8],
            });
            for ui in 0..shape.outputs_per_outcome {
                let output_key = format!("output/{op}");
                op += 1;
                let output_code = format!("{outcome_code}.{}", ui + 1);
                let output_id = b.id(&output_key);
                let record = b.meta(&output_key);
                b.plan.outputs.push(Output {
                    record,
                    outcome_id,
                    code: output_code.clone(),
                    title: LocalText::both(
                        format!("Output {output_code}"),
                        format!("ទិន្នផល {output_code}"),
                    ),
                });
                for ai in 0..shape.activities_per_output {
                    let activity_key = format!("activity/{ac}");
                    ac += 1;
                    let activity_id = b.id(&activity_key);
                    let lead = rng.below(25);
                    let record = b.meta(&activity_key);
                    b.plan.activities.push(Activity {
                        record,
                        output_id,
                        code: format!("{output_code}.{}", ai + 1),
                        title: LocalText::new(format!("Activity {output_code}.{}", ai + 1)),
                        description: LocalText::default(),
                        lead_agency_id: Some(b.id(&format!("agency/{lead}"))),
                        supporting_agency_ids: vec![b.id(&format!("agency/{}", (lead + 7) % 25))],
                        years: years.clone(),
                        cofog: ["01.1.3", "02", "03.1", "03.3", "10"][rng.below(5) as usize].into(),
                        gender_marker: Some(GenderMarker::Principal),
                        contingency: None,
                    });
                    for _ in 0..shape.lines_per_activity {
                        let line_key = format!("line/{lc}");
                        lc += 1;
                        let item = rng.below(ITEMS.len() as u64) as usize;
                        let mut quantities = PerYear::new();
                        for y in &years {
                            if rng.below(4) != 0 {
                                quantities.insert(*y, Decimal::from(1 + rng.below(40)));
                            }
                        }
                        let source = rng.below(13);
                        let record = b.meta(&line_key);
                        b.plan.cost_lines.push(CostLine {
                            record,
                            activity_id,
                            item: LocalText::new(ITEMS[item].1),
                            catalogue_item_id: Some(b.id(&format!("item/{item}"))),
                            unit: None,
                            unit_cost: None,
                            currency: None,
                            economic_code: None,
                            quantities,
                            funding_source_id: (source < 12)
                                .then(|| b.id(&format!("source/{source}"))),
                            inflate: item != 7,
                            note: String::new(),
                        });
                    }
                }
            }
        }
    }
    b.plan
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::validate;

    #[test]
    fn large_plan_has_the_benchmark_shape() {
        let p = generated_plan(PlanSize::Large);
        assert_eq!(p.agencies.len(), 25);
        assert_eq!(p.pillars.len(), 5);
        assert_eq!(p.outcomes.len(), 30);
        assert_eq!(p.outputs.len(), 150);
        assert_eq!(p.activities.len(), 1500);
        assert_eq!(p.cost_lines.len(), 30_000);
        assert_eq!(p.funding_sources.len(), 12);
        assert_eq!(p.years().count(), 10);
        assert_eq!(validate(&p), vec![]);
    }

    #[test]
    fn medium_plan_has_about_5000_lines_and_is_deterministic() {
        let p = generated_plan(PlanSize::Medium);
        assert_eq!(p.cost_lines.len(), 5_000);
        assert_eq!(validate(&p), vec![]);
        assert_eq!(p, generated_plan(PlanSize::Medium));
    }
}
