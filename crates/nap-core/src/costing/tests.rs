//! Each costing rule on numbers computed by hand.

use super::rounding::{format_amount, present, round_to};
use super::tests_support::{d, Tiny};
use super::views::Measure;
use super::*;
use crate::model::*;
use crate::validate::validate;

fn amounts(c: &Costing, unit: usize) -> Vec<String> {
    c.amounts(unit)
        .iter()
        .map(|a| a.normalize().to_string())
        .collect()
}

#[test]
fn inflation_compounds_from_the_base_year_over_five_years() {
    let mut t = Tiny::new();
    for (y, r) in [
        (2027, "0.03"),
        (2028, "0.03"),
        (2029, "0.025"),
        (2030, "0.025"),
    ] {
        t.plan.meta.inflation.insert(y, d(r));
    }
    let q = [
        (2026, "10"),
        (2027, "10"),
        (2028, "10"),
        (2029, "10"),
        (2030, "10"),
    ];
    let inflating = t.line(0, "100000", "KHR", &q);
    let fixed = t.line(0, "100000", "KHR", &q);
    t.plan.cost_lines[fixed].inflate = false;
    assert_eq!(validate(&t.plan), vec![]);
    let c = compute(&t.plan, None).unwrap();
    // 1,000,000 × 1.03 = 1,030,000; × 1.03 = 1,060,900; × 1.025 = 1,087,422.5;
    // × 1.025 = 1,114,608.0625.
    assert_eq!(
        amounts(&c, inflating),
        ["1000000", "1030000", "1060900", "1087422.5", "1114608.0625"]
    );
    assert_eq!(amounts(&c, fixed), ["1000000"; 5]);
}

#[test]
fn a_later_base_year_does_not_inflate_earlier_years() {
    let mut t = Tiny::new();
    t.plan.meta.costing_base_year = 2028;
    t.plan.meta.inflation.insert(2027, d("0.5"));
    t.plan.meta.inflation.insert(2029, d("0.1"));
    let l = t.line(
        0,
        "10",
        "KHR",
        &[(2026, "1"), (2028, "1"), (2029, "1"), (2030, "1")],
    );
    let c = compute(&t.plan, None).unwrap();
    assert_eq!(amounts(&c, l), ["10", "0", "10", "11", "11"]);
}

#[test]
fn exchange_rates_apply_per_year_with_a_plan_wide_fallback() {
    let mut t = Tiny::new();
    t.rate("USD", None, "4100");
    t.rate("USD", Some(2027), "4200");
    let l = t.line(0, "100", "USD", &[(2026, "2"), (2027, "2"), (2028, "0.5")]);
    let c = compute(&t.plan, None).unwrap();
    assert_eq!(amounts(&c, l), ["820000", "840000", "205000", "0", "0"]);
    // Shown in US dollars, each year converts back at its own rate.
    let usd = compute(&t.plan, Some("USD")).unwrap();
    assert_eq!(usd.currency, "USD");
    assert_eq!(amounts(&usd, l), ["200", "200", "50", "0", "0"]);
}

#[test]
fn a_missing_rate_is_an_error_naming_the_currency_and_years() {
    let mut t = Tiny::new();
    t.line(0, "100", "EUR", &[(2026, "1")]);
    let err = compute(&t.plan, None).unwrap_err();
    assert!(
        matches!(&err, CostingError::MissingRates(m) if m.contains(&("EUR".to_string(), 2026)))
    );
    assert!(err.to_string().contains("EUR in 2026"), "{err}");
    t.rate("EUR", Some(2027), "4500");
    assert!(
        compute(&t.plan, None).is_err(),
        "a rate for another year does not help 2026"
    );
}

/// A rate is needed for the years an amount in that currency falls in, not for every year
/// of the plan: a sheet's one line in euros for 2026, with the euro's rate of 2026 entered,
/// left the whole plan uncostable until a rate was entered for 2027 to 2030 too.
#[test]
fn a_rate_is_needed_only_in_the_years_a_currency_has_amounts() {
    let mut t = Tiny::new();
    t.rate("EUR", Some(2026), "4400");
    t.line(0, "100", "EUR", &[(2026, "2"), (2028, "0")]);
    let s = t.source(
        FundingStatus::Committed,
        &[(2026, "1000"), (2027, "0")],
        None,
    );
    t.plan.funding_sources[s].currency = "EUR".into();
    let c = compute(&t.plan, None).expect("costed with the rate of 2026 alone");
    assert_eq!(c.summary(&t.plan).total_cost, d("880000"));
    // An amount in a year without a rate still needs one, named with its year only.
    t.plan.cost_lines[0].quantities.insert(2027, d("1"));
    let err = compute(&t.plan, None).unwrap_err();
    assert!(
        matches!(&err, CostingError::MissingRates(m) if m == &[("EUR".to_string(), 2027)]),
        "{err}"
    );
    t.plan.cost_lines[0].quantities.remove(&2027);
    t.plan.funding_sources[s].amounts.insert(2029, d("5"));
    let err = compute(&t.plan, None).unwrap_err();
    assert!(
        matches!(&err, CostingError::MissingRates(m) if m == &[("EUR".to_string(), 2029)]),
        "{err}"
    );
}

#[test]
fn contingency_is_its_own_unit_with_activity_override() {
    let mut t = Tiny::new();
    t.plan.meta.contingency = d("0.05");
    t.plan.activities[1].contingency = Some(d("0.10"));
    t.line(0, "1000", "KHR", &[(2026, "3")]);
    t.line(1, "1000", "KHR", &[(2026, "5"), (2027, "1")]);
    let c = compute(&t.plan, None).unwrap();
    let contingency: Vec<(usize, Vec<String>)> = c
        .units
        .iter()
        .enumerate()
        .filter(|(_, u)| matches!(u.kind, UnitKind::Contingency(_)))
        .map(|(i, u)| (u.activity, amounts(&c, i)))
        .collect();
    assert_eq!(
        contingency,
        [
            (
                0,
                vec![
                    "150".to_string(),
                    "0".into(),
                    "0".into(),
                    "0".into(),
                    "0".into()
                ]
            ),
            (
                1,
                vec![
                    "500".to_string(),
                    "100".into(),
                    "0".into(),
                    "0".into(),
                    "0".into()
                ]
            ),
        ]
    );
    let s = c.summary(&t.plan);
    assert_eq!(s.total_cost, d("9750"));
    assert_eq!(s.contingency, d("750"));
    // In a view by pillar, contingency is its own row, not part of the pillars.
    let by_pillar = cross_table(&t.plan, &c, Dimension::Pillar, None, Measure::Cost);
    let labels: Vec<&str> = by_pillar
        .rows
        .iter()
        .map(|r| r.label.text.as_str())
        .collect();
    assert_eq!(labels, ["Participation", "Prevention", "Contingency"]);
    assert_eq!(by_pillar.row_totals, [d("3000"), d("6000"), d("750")]);
}

#[test]
fn catalogue_items_supply_what_a_line_leaves_empty() {
    let mut t = Tiny::new();
    let item = t.id();
    t.plan.catalogue.push(CatalogueItem {
        record: RecordMeta::new(item, &crate::Timestamp::from_unix_millis(0), "t"),
        code: "PD".into(),
        name: "Per diem".into(),
        unit: "day".into(),
        unit_cost: d("80000"),
        currency: "KHR".into(),
        economic_code: "2212".into(),
    });
    let follows = t.line(0, "1", "KHR", &[(2026, "2")]);
    let overrides = t.line(0, "90000", "KHR", &[(2026, "2")]);
    for l in [follows, overrides] {
        t.plan.cost_lines[l].catalogue_item_id = Some(item);
        t.plan.cost_lines[l].economic_code = None;
    }
    // More lines of the same item: one that follows it again (its price and code are
    // those found for the first), one at a fixed price, one with its own economic code.
    t.plan.meta.inflation.insert(2027, d("0.1"));
    let again = t.line(0, "1", "KHR", &[(2026, "3"), (2027, "1")]);
    let fixed = t.line(0, "1", "KHR", &[(2027, "1")]);
    let own_code = t.line(0, "1", "KHR", &[(2027, "1")]);
    for l in [follows, again, fixed, own_code] {
        let line = &mut t.plan.cost_lines[l];
        line.catalogue_item_id = Some(item);
        (line.unit_cost, line.currency, line.economic_code) = (None, None, None);
    }
    t.plan.cost_lines[fixed].inflate = false;
    t.plan.cost_lines[own_code].economic_code = Some("2299".into());
    let c = compute(&t.plan, None).unwrap();
    assert_eq!(amounts(&c, follows)[0], "160000");
    assert_eq!(amounts(&c, overrides)[0], "180000");
    assert_eq!(c.economic_code(follows), "2212");
    assert_eq!(amounts(&c, again)[..2], ["240000", "88000"]);
    assert_eq!(c.economic_code(again), "2212");
    assert_eq!(amounts(&c, fixed)[1], "80000");
    assert_eq!(
        (amounts(&c, own_code)[1].as_str(), c.economic_code(own_code)),
        ("88000", "2299")
    );
    // The catalogue changes; the line that follows it changes too.
    t.plan.catalogue[0].unit_cost = d("85000");
    let c = compute(&t.plan, None).unwrap();
    assert_eq!(amounts(&c, follows)[0], "170000");
    assert_eq!(amounts(&c, overrides)[0], "180000");
}

#[test]
fn earmarked_funding_goes_first_then_the_pool_pro_rata() {
    let mut t = Tiny::new();
    t.line(0, "600", "KHR", &[(2026, "1")]);
    t.line(1, "400", "KHR", &[(2026, "1")]);
    let pillar1 = t.plan.pillars[0].record.id;
    t.source(
        FundingStatus::Committed,
        &[(2026, "300")],
        Some((EarmarkTarget::Pillar, pillar1)),
    );
    t.source(FundingStatus::Committed, &[(2026, "500")], None);
    t.source(FundingStatus::Pledged, &[(2026, "150")], None);
    t.source(FundingStatus::Expected, &[(2026, "10000")], None);
    let c = compute(&t.plan, None).unwrap();
    // Pillar 1 gets its 300 earmarked; the 500 pool is shared 300 : 400 between what is
    // left, i.e. 214.2857142857… and 285.7142857142…; the last ten-billionth goes to the
    // first rounded-down share (pillar 1).
    assert_eq!(c.committed().covered(0, 0), d("514.2857142858"));
    assert_eq!(c.committed().covered(1, 0), d("285.7142857142"));
    let s = c.summary(&t.plan);
    assert_eq!(s.total_cost, d("1000"));
    assert_eq!(s.committed, d("800"));
    assert_eq!(s.pledged, d("150"));
    assert_eq!(s.expected, d("10000"));
    assert_eq!(s.gap, d("200"));
    assert_eq!(s.gap_with_pledged, d("50"));
    assert_eq!(s.unallocated_committed, d("0"));
    let gap = cross_table(
        &t.plan,
        &c,
        Dimension::Pillar,
        Some(Dimension::Year),
        Measure::Gap,
    );
    assert_eq!(gap.row_totals, [d("85.7142857142"), d("114.2857142858")]);
    assert_eq!(gap.total, d("200"));
}

#[test]
fn amounts_of_billions_cost_and_fund_exactly_beside_small_ones() {
    // 2.5 billion riel a year is above the 922 million that 64 bits hold at ten decimal
    // places: the costing holds such amounts in wide blocks, and every figure stays exact.
    let mut t = Tiny::new();
    t.line(
        0,
        "2500000000.0000000001",
        "KHR",
        &[(2026, "1"), (2027, "2")],
    );
    t.line(1, "0.0000000003", "KHR", &[(2026, "1")]);
    t.source(FundingStatus::Committed, &[(2026, "1000000000")], None);
    let mut c = compute(&t.plan, None).unwrap();
    assert_eq!(c.amount(0, 0), d("2500000000.0000000001"));
    assert_eq!(c.amount(0, 1), d("5000000000.0000000002"));
    assert_eq!(c.amount(1, 0), d("0.0000000003"));
    assert_eq!(c.total(), d("7500000000.0000000006"));
    // The pool pays 1,000,000,000 of the 2,500,000,000.0000000004 uncovered in 2026, pro
    // rata: the small line's 1.2 ten-billionths round down to one, the big line has the rest.
    let covered = |c: &Costing, u| c.committed().covered(u, 0);
    assert_eq!(covered(&c, 0) + covered(&c, 1), d("1000000000"));
    assert_eq!(covered(&c, 1), d("0.0000000001"));
    assert_eq!(c.summary(&t.plan).gap, d("6500000000.0000000006"));
    // A cell edit brings the big line back under 922 million, and up again.
    for cost in ["100", "9000000000"] {
        let before = t.plan.cost_lines[0].clone();
        t.plan.cost_lines[0].unit_cost = Some(d(cost));
        let line = t.plan.cost_lines[0].clone();
        assert!(c.replace_line(&t.plan, 0, &before, &line));
        assert_eq!(c, compute(&t.plan, None).unwrap());
        assert_eq!(c.amount(0, 1), d(cost) * d("2"));
    }
}

#[test]
fn earmarks_that_exceed_their_cost_leave_money_unallocated() {
    let mut t = Tiny::new();
    t.line(0, "100", "KHR", &[(2026, "1")]);
    t.line(1, "900", "KHR", &[(2026, "1")]);
    let a0 = t.plan.activities[0].record.id;
    t.source(
        FundingStatus::Committed,
        &[(2026, "500")],
        Some((EarmarkTarget::Activity, a0)),
    );
    let c = compute(&t.plan, None).unwrap();
    let s = c.summary(&t.plan);
    assert_eq!(s.gap, d("900"));
    assert_eq!(s.unallocated_committed, d("400"));
    assert_eq!(c.committed().used[0][0], d("100"));
}

#[test]
fn lines_that_name_a_source_are_paid_by_it_first() {
    let mut t = Tiny::new();
    let named = t.line(0, "100", "KHR", &[(2026, "1")]);
    t.line(1, "100", "KHR", &[(2026, "1")]);
    let s = t.source(FundingStatus::Committed, &[(2026, "150")], None);
    t.plan.cost_lines[named].funding_source_id = Some(t.plan.funding_sources[s].record.id);
    let c = compute(&t.plan, None).unwrap();
    assert_eq!(c.committed().covered(named, 0), d("100"));
    assert_eq!(c.committed().covered(1, 0), d("50"));
}

#[test]
fn views_by_every_dimension_add_up_to_the_total() {
    let plan = crate::sample::sample_plan();
    let c = compute(&plan, None).unwrap();
    let total = c.total();
    let dims: Vec<Dimension> = Dimension::NAMES
        .iter()
        .map(|n| Dimension::parse(n).unwrap())
        .collect();
    for &r in &dims {
        for col in std::iter::once(None).chain(dims.iter().map(|d| Some(*d))) {
            let t = cross_table(&plan, &c, r, col, Measure::Cost);
            assert_eq!(t.total, total, "{r:?} × {col:?}");
            let sum_rows: rust_decimal::Decimal = t.row_totals.iter().sum();
            let sum_cols: rust_decimal::Decimal = t.column_totals.iter().sum();
            assert_eq!(sum_rows, total);
            assert_eq!(sum_cols, total);
        }
    }
}

#[test]
fn the_mtef_view_shows_the_budget_year_and_two_outer_years() {
    let plan = crate::sample::sample_plan();
    let c = compute(&plan, None).unwrap();
    let m = mtef(&plan, &c, Dimension::Pillar, 2027, Measure::Cost).unwrap();
    let years: Vec<&str> = m.years.columns.iter().map(|c| c.code.as_str()).collect();
    assert_eq!(years, ["2027", "2028", "2029"]);
    assert_eq!(m.period.total, c.total());
    let full = cross_table(&plan, &c, Dimension::Year, None, Measure::Cost);
    assert_eq!(
        m.years.total,
        full.row_totals[1] + full.row_totals[2] + full.row_totals[3]
    );
    let m = mtef(&plan, &c, Dimension::Pillar, 2030, Measure::Cost).unwrap();
    assert_eq!(
        m.years.columns.len(),
        1,
        "only years inside the plan period"
    );
    assert!(mtef(&plan, &c, Dimension::Pillar, 2031, Measure::Cost).is_err());
}

#[test]
fn the_sample_plan_has_a_funding_gap() {
    let plan = crate::sample::sample_plan();
    let s = compute(&plan, None).unwrap().summary(&plan);
    assert!(s.gap > rust_decimal::Decimal::ZERO, "{s:?}");
    assert!(s.gap_with_pledged <= s.gap);
    assert!(s.committed > rust_decimal::Decimal::ZERO);
}

#[test]
fn rounding_is_half_away_from_zero() {
    assert_eq!(round_to(d("2.5"), d("1")), d("3"));
    assert_eq!(round_to(d("-2.5"), d("1")), d("-3"));
    assert_eq!(round_to(d("2.49"), d("1")), d("2"));
    assert_eq!(round_to(d("12345500"), d("1000")), d("12346000"));
    assert_eq!(round_to(d("0.005"), d("0.01")), d("0.01"));
}

#[test]
fn amounts_format_with_separators_and_the_right_digits() {
    use Rounding::*;
    assert_eq!(
        format_amount(d("1234567.891"), Unit, 2, ","),
        "1,234,567.89"
    );
    assert_eq!(format_amount(d("1234567.5"), Unit, 0, ","), "1,234,568");
    assert_eq!(format_amount(d("12345500"), Thousands, 0, ","), "12,346");
    assert_eq!(format_amount(d("987654321"), Millions, 2, ","), "988");
    // A 12-digit total in a currency without minor unit.
    assert_eq!(
        format_amount(d("123456789012.4"), Unit, 0, ","),
        "123,456,789,012"
    );
    assert_eq!(format_amount(d("-0.4"), Unit, 0, ","), "0");
    assert_eq!(format_amount(d("1000.50"), Exact, 2, ""), "1000.5");
    assert_eq!(format_amount(d("5"), Unit, 2, ","), "5.00");
}

fn table_of(cells: &[&[&str]]) -> Table {
    let cells: Vec<Vec<rust_decimal::Decimal>> = cells
        .iter()
        .map(|r| r.iter().map(|v| d(v)).collect())
        .collect();
    let nc = cells[0].len();
    let row_totals: Vec<_> = cells.iter().map(|r| r.iter().sum()).collect();
    let column_totals: Vec<_> = (0..nc).map(|j| cells.iter().map(|r| r[j]).sum()).collect();
    let info = |i: usize| MemberInfo {
        member: Member::Year(i as i32),
        code: i.to_string(),
        label: "x".into(),
    };
    Table {
        currency: "KHR".into(),
        measure: Measure::Cost,
        row_dimension: Dimension::Pillar,
        column_dimension: Some(Dimension::Year),
        rows: (0..cells.len()).map(info).collect(),
        columns: (0..nc).map(info).collect(),
        total: row_totals.iter().sum(),
        cells,
        row_totals,
        column_totals,
    }
}

#[test]
fn independent_rounding_notes_when_totals_do_not_add() {
    let t = table_of(&[&["0.4", "0.4", "0.4"], &["0.4", "0.4", "0.4"]]);
    let shown = present(&t, Rounding::Unit, 0, false);
    assert_eq!(shown.cells, vec![vec![d("0"); 3]; 2]);
    assert_eq!(shown.total, d("2"));
    assert_eq!(shown.note, Some(TOTALS_NOTE));
    let exact = table_of(&[&["1", "2"], &["3", "4"]]);
    assert_eq!(present(&exact, Rounding::Unit, 0, false).note, None);
}

#[test]
fn reconciled_rounding_adds_up_in_every_row_and_column() {
    let t = table_of(&[&["0.4", "0.4", "0.4"], &["0.4", "0.4", "0.4"]]);
    let shown = present(&t, Rounding::Unit, 0, true);
    assert!(shown.adds_up(), "{shown:?}");
    assert_eq!(shown.note, None);
    assert_eq!(
        shown.total,
        d("2"),
        "the grand total keeps its nearest rounding"
    );
    for (row, exact) in shown.cells.iter().zip(&t.cells) {
        for (s, e) in row.iter().zip(exact) {
            assert!((*s - *e).abs() < d("1"));
        }
    }
}

#[test]
fn source_types_and_gender_markers_have_khmer_names() {
    let plan = crate::sample::sample_plan();
    let c = compute(&plan, None).unwrap();
    for dimension in [views::Dimension::SourceType, views::Dimension::Marker] {
        let table = views::cross_table(&plan, &c, dimension, None, Measure::Cost);
        assert!(!table.rows.is_empty());
        for row in &table.rows {
            let khmer = row.label.l2.as_deref().expect("a Khmer name");
            assert!(
                khmer
                    .chars()
                    .any(|ch| ('\u{1780}'..='\u{17FF}').contains(&ch)),
                "{khmer}"
            );
            assert!(!row.label.text.is_empty());
        }
    }
}

#[test]
fn the_plans_own_classification_names_label_the_economic_and_functional_views() {
    let mut plan = crate::sample::sample_plan();
    plan.classification_names.clear();
    let c = compute(&plan, None).unwrap();
    let by_code = |plan: &Plan, dim: Dimension| {
        cross_table(plan, &c, dim, None, Measure::Cost)
            .rows
            .into_iter()
            .filter(|r| matches!(r.member, Member::Code(_)))
            .map(|r| (r.code, r.label))
            .collect::<Vec<_>>()
    };
    let economic = Dimension::Economic { digits: 3 };
    let before_economic = by_code(&plan, economic);
    let before_function = by_code(&plan, Dimension::Function);
    let (gfs_code, gfs_label) = before_economic[0].clone();
    let (cofog_code, _) = before_function[0].clone();
    assert!(
        before_economic
            .iter()
            .chain(&before_function)
            .all(|(_, l)| l.l2.is_none()),
        "standard names are English only"
    );
    let named = |scheme, code: &str, text: &str, l2: &str| ClassificationName {
        record: RecordMeta::new(
            ClassificationName::id_for(scheme, code),
            &plan.meta.record.modified,
            "t",
        ),
        scheme,
        code: code.to_string(),
        name: crate::text::LocalText {
            text: text.to_string(),
            l2: Some(l2.to_string()),
            l2_outdated: false,
        },
    };
    plan.classification_names = vec![
        named(ClassificationScheme::Economic, &gfs_code, "", "ឈ្មោះសេដ្ឋកិច្ច"),
        named(
            ClassificationScheme::Functional,
            &cofog_code,
            "Our police",
            "នគរបាល",
        ),
    ];
    assert_eq!(validate(&plan), vec![]);
    let after_economic = by_code(&plan, economic);
    let after_function = by_code(&plan, Dimension::Function);
    assert_eq!(
        after_economic[0].1.text, gfs_label.text,
        "a blank name keeps the standard"
    );
    assert_eq!(after_economic[0].1.l2.as_deref(), Some("ឈ្មោះសេដ្ឋកិច្ច"));
    assert_eq!(after_function[0].1.text, "Our police");
    assert_eq!(after_function[0].1.l2.as_deref(), Some("នគរបាល"));
    assert_eq!(
        after_economic[1..],
        before_economic[1..],
        "other codes are untouched"
    );
    assert_eq!(after_function[1..], before_function[1..]);
}

/// Entries at the entry limits (10^15 unit cost, quantity and funding, rates 10^9 and 10^-9,
/// 100 % inflation every year) used to overflow and panic in the costing or its views (#19).
/// Every combination that validation accepts is now either costed, with every view and the
/// dashboard adding up, or refused with an overflow error naming the record.
#[test]
fn amounts_at_the_entry_limits_are_costed_or_refused_never_a_panic() {
    use crate::validate::{AMOUNT_LIMIT, RATE_FLOOR, RATE_LIMIT};
    let big = [Decimal::ONE, d("0.000001"), AMOUNT_LIMIT];
    let rates = [RATE_LIMIT, RATE_FLOOR, Decimal::ONE];
    let (mut costed, mut refused) = (0, 0);
    for &unit_cost in &big {
        for &quantity in &big {
            for &rate in &rates {
                for inflate in [false, true] {
                    let p = at_the_limits(unit_cost, quantity, rate, inflate);
                    assert_eq!(validate(&p), vec![], "the combination is within the limits");
                    for currency in [None, Some("USD"), Some("XOF")] {
                        match compute(&p, currency) {
                            Ok(c) => {
                                costed += 1;
                                let by_pillar =
                                    cross_table(&p, &c, Dimension::Pillar, None, Measure::Gap);
                                let cost = cross_table(
                                    &p,
                                    &c,
                                    Dimension::Year,
                                    Some(Dimension::Source),
                                    Measure::Cost,
                                );
                                assert_eq!(cost.total, c.total());
                                let summary = c.summary(&p);
                                assert_eq!(by_pillar.total, summary.gap);
                            }
                            Err(CostingError::Overflow { record, .. }) => {
                                refused += 1;
                                assert!(
                                    [p.cost_lines[0].record.id, p.funding_sources[0].record.id]
                                        .contains(&record.id),
                                    "the error names the line or the source: {record:?}"
                                );
                            }
                            Err(e) => panic!("unexpected error {e}"),
                        }
                    }
                }
            }
        }
    }
    assert!(
        costed > 0 && refused > 0,
        "{costed} costed, {refused} refused"
    );
}

/// A tiny plan with one XOF line and one XOF source at 10^15, XOF at `rate` riels, USD at
/// 10^-9 riels, and 100 % inflation every year.
fn at_the_limits(unit_cost: Decimal, quantity: Decimal, rate: Decimal, inflate: bool) -> Plan {
    let mut t = Tiny::new();
    let line = t.line(0, "1", "XOF", &[]);
    let source = t.source(FundingStatus::Committed, &[], None);
    t.rate("XOF", None, &rate.to_string());
    t.rate("USD", None, "0.000000001");
    let mut p = t.plan;
    let quantities = p.years().map(|y| (y, quantity)).collect();
    let l = &mut p.cost_lines[line];
    l.unit_cost = Some(unit_cost);
    l.inflate = inflate;
    l.quantities = quantities;
    p.funding_sources[source].currency = "XOF".into();
    p.funding_sources[source].amounts = p
        .years()
        .map(|y| (y, crate::validate::AMOUNT_LIMIT))
        .collect();
    p.meta.inflation = p.years().map(|y| (y, Decimal::ONE)).collect();
    p
}

/// A large plan's lines are costed in two runs on two threads: the costing (units, their
/// numbering and economic codes, amounts beyond 64 bits) and the first error are those of one
/// run over every line.
#[test]
fn costing_the_lines_in_two_runs_gives_what_one_run_gives() {
    use super::engine::compute_in_parts;
    let plan = crate::sample::generated_plan(crate::sample::PlanSize::Medium);
    let n = plan.cost_lines.len();
    let same = |p: &Plan, what: &str| {
        let one = compute_in_parts(p, None, 1);
        let two = compute_in_parts(p, None, 2);
        assert!(
            one == two,
            "{what}: two runs cost the plan otherwise than one"
        );
        one
    };
    let whole = same(&plan, "the plan as generated").unwrap();
    assert_eq!(whole.units.len(), n + plan.activities.len());

    let mut p = plan.clone();
    // A code first used in the second run, and one used in both runs.
    p.cost_lines[n - 1].economic_code = Some("2299".into());
    p.cost_lines[3].economic_code = Some("2298".into());
    p.cost_lines[n / 2 + 5].economic_code = Some("2298".into());
    // Amounts of a line in each run beyond 64-bit mantissas (above 922 million).
    for li in [7, n / 2 + 1, n - 2] {
        p.cost_lines[li].unit_cost = Some(d("50000000000"));
    }
    // Lines of the first run whose activity is not in the plan leave no unit: the second
    // run's units follow the first's.
    p.cost_lines[0].activity_id = Id::from_u128(1);
    p.cost_lines[n / 2 - 1].activity_id = Id::from_u128(2);
    let c = same(&p, "codes, wide amounts, lines without an activity").unwrap();
    assert_eq!(c.units.len(), whole.units.len() - 2);
    assert_eq!(c.economic_codes.last().map(String::as_str), Some("2299"));
    assert_eq!(c.economic_codes.iter().filter(|c| *c == "2298").count(), 1);
    let wide = c
        .units
        .iter()
        .position(|u| u.kind == UnitKind::Line(n / 2 + 1))
        .unwrap();
    assert!(c
        .amounts(wide)
        .iter()
        .any(|a| *a > d("922337203.6854775807")));
    assert_eq!(c.total(), {
        let lines: Decimal = (0..c.units.len())
            .flat_map(|u| (0..c.years.len()).map(move |y| (u, y)))
            .map(|(u, y)| c.amount(u, y))
            .sum();
        lines
    });

    // The first error in plan order wins, whichever run meets it.
    let mut p = plan.clone();
    p.cost_lines[n - 3].unit_cost = None;
    p.cost_lines[n - 3].catalogue_item_id = None;
    let err = same(&p, "an incomplete line in the second run").unwrap_err();
    assert_eq!(
        err,
        CostingError::IncompleteLine(p.cost_lines[n - 3].record.id)
    );
    p.cost_lines[n / 2 - 3].unit_cost = Some(d("1000000000000000"));
    p.cost_lines[n / 2 - 3]
        .quantities
        .values_mut()
        .for_each(|q| *q = d("1000000000000000"));
    let err = same(&p, "an overflow in the first run").unwrap_err();
    assert!(
        matches!(err, CostingError::Overflow { record, .. } if record.id == p.cost_lines[n / 2 - 3].record.id)
    );
    let mut p = plan.clone();
    p.cost_lines[2].currency = Some("GEL".into());
    p.cost_lines[2].unit_cost = Some(d("10"));
    p.cost_lines[n - 1].currency = Some("XOF".into());
    p.cost_lines[n - 1].unit_cost = Some(d("10"));
    let err = same(&p, "currencies without a rate in both runs").unwrap_err();
    let CostingError::MissingRates(missing) = err else {
        panic!("{err}")
    };
    assert!(missing.iter().any(|(c, _)| c == "GEL") && missing.iter().any(|(c, _)| c == "XOF"));
}

/// The allocation shares the committed sources' directed steps between its two passes,
/// splits the years between two threads on a large plan and works in 64-bit amounts when
/// every amount fits them: in every way it pays every unit, in every step (directed,
/// earmarked, pooled) and both passes, exactly what the rules read plainly (each pass on its
/// own, every step in plan order, in 128-bit amounts) pay.
#[test]
fn every_way_of_allocating_pays_what_the_plain_reading_of_the_rules_pays() {
    let mut plan = crate::sample::generated_plan(crate::sample::PlanSize::Medium);
    // Earmarks on two committed sources (an agency's activities, a pillar) and on a pledged
    // one, so that every step pays in both passes.
    let agency = plan.agencies[1].record.id;
    let pillar = plan.pillars[0].record.id;
    let other_pillar = plan.pillars[2].record.id;
    for (s, (target, id)) in [
        (1, (EarmarkTarget::Agency, agency)),
        (4, (EarmarkTarget::Pillar, pillar)),
        (9, (EarmarkTarget::Pillar, other_pillar)),
    ] {
        plan.funding_sources[s].earmarks = vec![Earmark {
            target,
            target_id: id,
        }];
    }
    assert_eq!(plan.funding_sources[9].status, FundingStatus::Pledged);
    // Money left after their directed lines for an unearmarked and an earmarked source;
    // the others pay their directed lines pro rata.
    for s in [0, 1] {
        for amount in plan.funding_sources[s].amounts.values_mut() {
            *amount *= Decimal::from(50);
        }
    }
    let c = compute(&plan, None).unwrap();
    assert!(
        c.fixed.all_narrow(),
        "the medium plan's amounts fit 64 bits"
    );
    let plain = c.allocate_as(funding::Working::EachPassAlone);
    for narrow in [true, false] {
        for parts in [1, 2] {
            let working = funding::Working::Shared { narrow, parts };
            assert!(c.allocate_as(working) == plain, "{working:?}");
        }
    }
    assert_eq!((c.committed(), c.with_pledged()), (&plain.0, &plain.1));
    let (committed, with_pledged) = &plain;
    assert!(committed.total() > Decimal::ZERO && with_pledged.total() > committed.total());
    let used = |a: &funding::Allocation, s: usize| a.used[s].iter().sum::<Decimal>();
    assert!(used(with_pledged, 1) + used(with_pledged, 4) > Decimal::ZERO);
    assert!(
        used(committed, 9) == Decimal::ZERO && used(with_pledged, 9) > Decimal::ZERO,
        "the pledged source pays only when pledges count"
    );
    // Units directed to no source are paid by an earmark or the pool.
    let undirected_covered: Decimal = (c.units.iter().enumerate())
        .filter(|(_, u)| u.source.is_none())
        .flat_map(|(i, _)| (0..c.years.len()).map(move |y| (i, y)))
        .map(|(i, y)| committed.covered(i, y))
        .sum();
    assert!(undirected_covered > Decimal::ZERO);

    // Amounts beyond 64 bits (above 922 million) on lines directed to a committed and a
    // pledged source and on one directed to none: 128-bit slots only.
    let n = plan.cost_lines.len();
    for li in [7, n / 2 + 1, n - 2] {
        plan.cost_lines[li].unit_cost = Some(d("50000000000"));
    }
    plan.cost_lines[7].funding_source_id = Some(plan.funding_sources[2].record.id);
    plan.cost_lines[n / 2 + 1].funding_source_id = Some(plan.funding_sources[10].record.id);
    plan.cost_lines[n - 2].funding_source_id = None;
    let c = compute(&plan, None).unwrap();
    assert!(!c.fixed.all_narrow());
    let plain = c.allocate_as(funding::Working::EachPassAlone);
    for parts in [1, 2] {
        let working = funding::Working::Shared {
            narrow: false,
            parts,
        };
        assert!(c.allocate_as(working) == plain, "{working:?}");
    }
    assert_eq!((c.committed(), c.with_pledged()), (&plain.0, &plain.1));
    let wide_covered = (0..c.years.len())
        .map(|y| plain.1.covered(n / 2 + 1, y))
        .max();
    assert!(wide_covered > Some(d("922337203.6854775807")));
}

/// A costing made again in the memory of an earlier one (what the kept costing of an open
/// plan does after an edit) equals the costing made anew, allocation included, whatever the
/// earlier one was: the same plan or another, larger or smaller, with its allocation made or
/// not, its amounts within 64 bits or beyond; and it does use that memory.
#[test]
fn costing_again_in_an_earlier_costings_memory_gives_what_costing_anew_gives() {
    use super::engine::compute_again;
    let medium = crate::sample::generated_plan(crate::sample::PlanSize::Medium);
    let n = medium.cost_lines.len();
    let mut edited = medium.clone();
    edited.meta.contingency = d("0.075");
    edited.cost_lines.truncate(n - 40);
    edited.funding_sources[0]
        .amounts
        .values_mut()
        .for_each(|a| *a *= Decimal::from(3));
    let mut wide = medium.clone();
    for li in [7, n / 2 + 1, n - 2] {
        wide.cost_lines[li].unit_cost = Some(d("50000000000"));
    }
    let sample = crate::sample::sample_plan();
    let plans = [
        ("medium", &medium),
        ("edited", &edited),
        ("wide", &wide),
        ("sample", &sample),
    ];
    for (before_name, before) in plans {
        for (after_name, after) in plans {
            for allocated in [false, true] {
                let previous = compute(before, None).unwrap();
                if allocated {
                    assert!(previous.committed().total() > Decimal::ZERO);
                }
                let memory = previous.fixed.memory();
                let again = compute_again(after, None, previous).unwrap();
                let anew = compute(after, None).unwrap();
                let case = format!("{before_name} → {after_name}, allocated before: {allocated}");
                assert!(again == anew, "{case}: the costing differs");
                assert_eq!(again.summary(after), anew.summary(after), "{case}");
                let slots =
                    |p: &Plan| (p.cost_lines.len() + p.activities.len()) * p.years().count();
                if slots(after) <= slots(before) {
                    assert_eq!(again.fixed.memory(), memory, "{case}: memory not reused");
                }
            }
        }
    }
    // The allocation's lists are lent on: a costing made again twice, its allocation made
    // each time, still allocates what a fresh one does.
    let mut c = compute(&medium, None).unwrap();
    for plan in [&edited, &medium, &edited] {
        let _ = c.with_pledged();
        c = compute_again(plan, None, c).unwrap();
        let fresh = compute(plan, None).unwrap();
        assert_eq!(
            (c.committed(), c.with_pledged()),
            (fresh.committed(), fresh.with_pledged())
        );
    }
    // A plan that cannot be costed gives its error, as compute does.
    let mut broken = medium.clone();
    broken.cost_lines[3].unit_cost = None;
    broken.cost_lines[3].catalogue_item_id = None;
    assert_eq!(
        compute_again(&broken, None, c).unwrap_err(),
        compute(&broken, None).unwrap_err()
    );
}
