//! Properties of the costing engine over generated plans and tables.

use nap_core::costing::csv_import::{export_lines_csv, import_csv, parse_number};
use nap_core::costing::rounding::present;
use nap_core::costing::views::Measure;
use nap_core::costing::{compute, cross_table, Dimension, Member, MemberInfo, Rounding, Table};
use nap_core::sample::{new_plan, sample_plan, NewPlan};
use nap_core::{validate, Id, Plan, Timestamp};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn dec(m: i64, scale: u32) -> Decimal {
    Decimal::new(m, scale)
}

/// The sample plan with random quantities, unit costs, inflation, contingency and rates.
fn plan_strategy() -> impl Strategy<Value = Plan> {
    (
        proptest::collection::vec((0usize..103, 2026i32..=2030, 0i64..100_000, 0u32..4), 0..40),
        proptest::collection::vec((0usize..15, 1i64..100_000_000, 0u32..3), 0..5),
        proptest::collection::vec(0i64..150, 4),
        0i64..25,
        proptest::option::of((0usize..44, 0i64..40)),
        1i64..10_000_000,
    )
        .prop_map(
            |(quantities, costs, inflation, contingency, override_, rate)| {
                let mut p = sample_plan();
                for (l, y, m, s) in quantities {
                    p.cost_lines[l].quantities.insert(y, dec(m, s));
                }
                for (i, m, s) in costs {
                    p.catalogue[i].unit_cost = dec(m, s);
                }
                for (y, r) in (2027..=2030).zip(inflation) {
                    p.meta.inflation.insert(y, dec(r, 3));
                }
                p.meta.contingency = dec(contingency, 2);
                if let Some((a, c)) = override_ {
                    p.activities[a].contingency = Some(dec(c, 2));
                }
                p.exchange_rates[0].rate = dec(rate, 3);
                p
            },
        )
}

fn dimensions() -> Vec<Dimension> {
    Dimension::NAMES
        .iter()
        .map(|n| Dimension::parse(n).unwrap())
        .chain([Dimension::Economic { digits: 4 }])
        .collect()
}

fn assert_adds_up(t: &Table) {
    for (row, total) in t.cells.iter().zip(&t.row_totals) {
        assert_eq!(row.iter().sum::<Decimal>(), *total);
    }
    for (j, total) in t.column_totals.iter().enumerate() {
        assert_eq!(t.cells.iter().map(|r| r[j]).sum::<Decimal>(), *total);
    }
    assert_eq!(t.row_totals.iter().sum::<Decimal>(), t.total);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn every_view_adds_up_to_the_grand_total(plan in plan_strategy(), a in 0usize..12, b in 0usize..13) {
        prop_assume!(validate(&plan).is_empty());
        let c = compute(&plan, None).unwrap();
        let dims = dimensions();
        let rows = dims[a];
        let cols = dims.get(b).copied();
        for measure in [Measure::Cost, Measure::Committed, Measure::Gap, Measure::GapWithPledged] {
            let t = cross_table(&plan, &c, rows, cols, measure);
            assert_adds_up(&t);
            let expected = match measure {
                Measure::Cost => c.total(),
                Measure::Committed => c.committed().total(),
                Measure::Gap => c.total() - c.committed().total(),
                Measure::GapWithPledged => c.total() - c.with_pledged().total(),
            };
            prop_assert_eq!(t.total, expected);
        }
        // Allocated funding never exceeds a unit's cost nor a source's money.
        for i in 0..c.units.len() {
            for (y, cost) in c.amounts(i).iter().enumerate() {
                let cov = c.committed().covered(i, y);
                prop_assert!(cov <= *cost && cov >= Decimal::ZERO);
            }
        }
        for (amounts, used) in c.source_amounts.iter().zip(&c.with_pledged().used) {
            for (a, u) in amounts.iter().zip(used) {
                prop_assert!(u <= a);
            }
        }
    }

    #[test]
    fn zero_inflation_leaves_amounts_unchanged(plan in plan_strategy()) {
        let mut plan = plan;
        plan.meta.inflation.clear();
        plan.meta.contingency = Decimal::ZERO;
        for a in &mut plan.activities { a.contingency = None; }
        prop_assume!(validate(&plan).is_empty());
        let c = compute(&plan, None).unwrap();
        let usd = plan.exchange_rates[0].rate;
        for (ui, u) in c.units.iter().enumerate() {
            let nap_core::costing::UnitKind::Line(li) = u.kind else { unreachable!("no contingency") };
            let line = &plan.cost_lines[li];
            let item = plan.catalogue.iter().find(|i| Some(i.record.id) == line.catalogue_item_id);
            let cost = line.unit_cost.or(item.map(|i| i.unit_cost)).unwrap();
            let rate = if line.currency.as_deref().or(item.map(|i| i.currency.as_str())) == Some("USD") { usd } else { Decimal::ONE };
            for (y, amount) in c.years.iter().zip(&c.amounts(ui)) {
                let q = line.quantities.get(y).copied().unwrap_or_default();
                prop_assert_eq!(*amount, (cost * q * rate).round_dp_with_strategy(10, rust_decimal::RoundingStrategy::MidpointAwayFromZero));
            }
        }
    }

    #[test]
    fn reconciled_rounding_adds_up_within_one_unit(
        cells in proptest::collection::vec(proptest::collection::vec((0i64..2_000_000_000, 0u32..5), 1..7), 1..9),
        unit in prop_oneof![Just(Rounding::Unit), Just(Rounding::Thousands), Just(Rounding::Millions)],
        minor in 0u32..3,
    ) {
        let width = cells[0].len();
        let cells: Vec<Vec<Decimal>> = cells.iter().map(|r| (0..width).map(|j| r.get(j).map_or(Decimal::ZERO, |(m, s)| dec(*m, *s))).collect()).collect();
        let info = |i: usize| MemberInfo { member: Member::Year(i as i32), code: i.to_string(), label: "x".into() };
        let row_totals: Vec<Decimal> = cells.iter().map(|r| r.iter().sum()).collect();
        let column_totals: Vec<Decimal> = (0..width).map(|j| cells.iter().map(|r| r[j]).sum()).collect();
        let table = Table {
            currency: "KHR".into(), measure: Measure::Cost, row_dimension: Dimension::Pillar,
            column_dimension: Some(Dimension::Year), rows: (0..cells.len()).map(info).collect(),
            columns: (0..width).map(info).collect(), total: row_totals.iter().sum(),
            cells, row_totals, column_totals,
        };
        let shown = present(&table, unit, minor, true);
        prop_assert!(shown.adds_up());
        prop_assert_eq!(shown.note, None);
        let u = unit.unit(minor).unwrap();
        let close = |a: &Decimal, b: &Decimal| (*a - *b).abs() < u;
        for (sr, er) in shown.cells.iter().zip(&table.cells) {
            for (s, e) in sr.iter().zip(er) {
                prop_assert!(close(s, e), "{} vs {}", s, e);
                prop_assert!((*s / u).fract().is_zero());
            }
        }
        for (s, e) in shown.row_totals.iter().zip(&table.row_totals) { prop_assert!(close(s, e)); }
        for (s, e) in shown.column_totals.iter().zip(&table.column_totals) { prop_assert!(close(s, e)); }
        prop_assert!(close(&shown.total, &table.total));
    }

    #[test]
    fn csv_import_then_export_gives_the_same_lines(rows in proptest::collection::vec(
        (0usize..3, 0usize..2, 0usize..4, 0usize..3, 1i64..10_000_000, 0u32..3, 2026i32..=2030, 0i64..10_000, 0u32..2, any::<bool>()), 1..40)
    ) {
        let pillars = ["Participation", "ការការពារ", "Prévention"];
        let agencies = ["Ministry of Women's Affairs", "ក្រសួងមហាផ្ទៃ"];
        let items = ["Per diem", "Venue, catering", "Consultant \"senior\"", "ឧបករណ៍"];
        let mut csv = String::from("pillar,outcome,output,activity,lead_agency,item,unit,unit_cost,currency,year,quantity\n");
        let mut expected = Vec::new();
        for (p, a, i, act, cost, cs, year, q, qs, grouped) in &rows {
            let cost = dec(*cost, *cs);
            let q = dec(*q, *qs);
            let cost_text = if *grouped { format!("\"{}\"", group(&cost.to_string())) } else { cost.to_string() };
            csv.push_str(&format!("{},Outcome {p},Output {p}.{act},Activity {act},{},\"{}\",day,{cost_text},KHR,{year},{q}\n",
                pillars[*p], agencies[*a], items[*i].replace('"', "\"\"")));
            expected.push((pillars[*p].to_string(), items[*i].to_string(), cost, *year, q));
        }
        let mut n = 0u128;
        let mut ids = || { n += 1; Id::from_u128(n) };
        let spec = NewPlan { title: "t".into(), country: "KH".into(), start_year: 2026, end_year: 2030, currency: "KHR".into(), language: None, second_language: None };
        let now = Timestamp::from_unix_millis(0);
        let mut empty = new_plan(&spec, &now, "t", &mut ids);
        empty.pillars.clear();
        let imported = import_csv(&empty, csv.as_bytes(), false, &now, "t", &mut ids).unwrap();
        prop_assert_eq!(validate(&imported.plan), vec![]);
        let out = export_lines_csv(&imported.plan);
        let mut reader = csv::Reader::from_reader(out.as_bytes());
        let mut got: Vec<(String, String, Decimal, i32, Decimal)> = reader.records().map(|r| {
            let r = r.unwrap();
            (r[0].to_string(), r[5].to_string(), parse_number(&r[7]).unwrap(), r[9].parse().unwrap(), parse_number(&r[10]).unwrap())
        }).collect();
        got.sort();
        expected.sort();
        prop_assert_eq!(got, expected);
        // And the totals by pillar equal the sums of the rows.
        let c = compute(&imported.plan, None).unwrap();
        let by_pillar = cross_table(&imported.plan, &c, Dimension::Pillar, None, Measure::Cost);
        for (member, total) in by_pillar.rows.iter().zip(&by_pillar.row_totals) {
            let sum: Decimal = rows.iter().filter(|r| pillars[r.0] == member.label.text)
                .map(|r| dec(r.4, r.5) * dec(r.7, r.8)).sum();
            prop_assert_eq!(*total, sum);
        }
    }
}

/// "1234567.5" → "1,234,567.5".
fn group(s: &str) -> String {
    nap_core::costing::rounding::group_digits(s, ",")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// The direct writer gives the text the string route gives, for any sign, size and scale
    /// (zero with and without decimals, values under one, negative zero included).
    #[test]
    fn grouped_digits_read_as_the_decimal_does(mantissa in any::<i64>(), scale in 0u32..12, negative_zero in any::<bool>()) {
        let value = if negative_zero {
            let mut z = Decimal::new(0, scale);
            z.set_sign_negative(true);
            z
        } else {
            Decimal::new(mantissa, scale)
        };
        for separator in [",", "\u{202f}", ""] {
            prop_assert_eq!(
                nap_core::costing::rounding::grouped(value, separator),
                nap_core::costing::rounding::group_digits(&value.to_string(), separator)
            );
        }
    }
}

/// One cost line changed in every way a cell edit can change it: quantities (some outside
/// the period, some zero, some huge), its own unit cost, currency (one with a rate, one
/// without), inflation, economic code, and now and then its activity or funding source.
fn line_edit_strategy() -> impl Strategy<Value = (Plan, usize, Plan)> {
    (
        plan_strategy(),
        0usize..103,
        proptest::collection::vec(
            (
                2024i32..=2032,
                prop_oneof![Just(0i64), 0i64..1_000, Just(i64::MAX / 7)],
                0u32..3,
            ),
            0..5,
        ),
        proptest::option::of((0i64..10_000_000, 0u32..3)),
        proptest::option::of(prop_oneof![Just("KHR"), Just("USD"), Just("EUR")]),
        any::<bool>(),
        proptest::option::of(prop_oneof![Just("2211"), Just("2821")]),
        proptest::option::of(0usize..44),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(before, li, quantities, cost, currency, inflate, code, activity, clear, unfund)| {
                let mut after = before.clone();
                let line = &mut after.cost_lines[li];
                if clear {
                    line.quantities.clear();
                }
                for (y, m, s) in quantities {
                    line.quantities.insert(y, dec(m, s));
                }
                if let Some((m, s)) = cost {
                    line.unit_cost = Some(dec(m, s));
                }
                if let Some(c) = currency {
                    line.currency = Some(c.to_string());
                }
                line.inflate = inflate;
                if let Some(c) = code {
                    line.economic_code = Some(c.to_string());
                }
                if let Some(a) = activity {
                    line.activity_id = before.activities[a].record.id;
                }
                if unfund {
                    line.funding_source_id = None;
                }
                (before, li, after)
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Replacing one line in a costing gives exactly the costing of the plan after the edit
    /// (amounts, contingency, totals and both funding allocations), or declines and leaves
    /// the costing as it was; it takes every edit that stays within the line's activity,
    /// source, catalogue item and economic code.
    #[test]
    fn replacing_one_line_costs_the_plan_as_costing_it_anew((before, li, after) in line_edit_strategy()) {
        let Ok(mut costing) = compute(&before, None) else { return Ok(()) };
        let untouched = costing.clone();
        let anew = compute(&after, None);
        let old = &before.cost_lines[li];
        let new = &after.cost_lines[li];
        // The plan passed may hold the line before or after the edit.
        let plan = if li % 2 == 0 { &after } else { &before };
        if costing.replace_line(plan, li, old, new) {
            prop_assert_eq!(Ok(costing), anew);
        } else {
            prop_assert_eq!(&costing, &untouched, "a declined replacement changes nothing");
            // It declines only what reaches beyond the line, or what compute refuses.
            let moved = new.activity_id != old.activity_id
                || new.funding_source_id != old.funding_source_id
                || new.economic_code != old.economic_code
                || new.currency != old.currency;
            let contingency_flips = anew.as_ref().is_ok_and(|c| c.units.len() != untouched.units.len());
            prop_assert!(moved || contingency_flips || anew.is_err(), "declined a plain edit");
        }
    }
}
