//! The workbook, reopened with calamine as another program would read it.

use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
use nap_core::costing::views::Measure;
use nap_core::costing::{compute, cross_table, Dimension};
use nap_core::sample::sample_plan;
use nap_export::{workbook, WorkbookOptions};
use rust_decimal::Decimal;
use std::io::Cursor;

fn number(d: &Data) -> Decimal {
    match d {
        Data::Float(f) => Decimal::try_from(*f).unwrap(),
        Data::Int(i) => Decimal::from(*i),
        other => panic!("not a number: {other:?}"),
    }
}

/// Equal to the riel: the stored results are exact decimals, read back through a float.
fn same(a: Decimal, b: Decimal) -> bool {
    (a - b).abs() < Decimal::new(1, 4)
}

#[test]
fn stored_formula_results_equal_the_engine_totals() {
    let plan = sample_plan();
    let bytes = workbook(&plan, &WorkbookOptions::default()).unwrap();
    let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    let names = wb.sheet_names();
    for s in [
        "Lines",
        "Pillar x year",
        "Agency x year",
        "Source x year",
        "Economic x year",
        "MTEF",
        "Assumptions",
    ] {
        assert!(names.iter().any(|n| n == s), "sheet {s}");
    }
    let c = compute(&plan, None).unwrap();
    for (sheet, dim) in [
        ("Pillar x year", Dimension::Pillar),
        ("Agency x year", Dimension::Agency),
        ("Source x year", Dimension::Source),
        ("Economic x year", Dimension::Economic { digits: 2 }),
    ] {
        let view = cross_table(&plan, &c, dim, Some(Dimension::Year), Measure::Cost);
        let range = wb.worksheet_range(sheet).unwrap();
        let formulas = wb.worksheet_formula(sheet).unwrap();
        for (i, _) in view.rows.iter().enumerate() {
            let r = 3 + i as u32;
            for (k, cell) in view.cells[i].iter().enumerate() {
                let got = number(range.get_value((r, 2 + k as u32)).unwrap());
                assert!(same(got, *cell), "{sheet} row {i} col {k}: {got} vs {cell}");
                let f = formulas.get_value((r, 2 + k as u32)).unwrap();
                assert!(
                    f.starts_with("SUMIFS(Lines!"),
                    "{sheet}: live formula, got {f}"
                );
            }
            let total = number(range.get_value((r, 2 + view.columns.len() as u32)).unwrap());
            assert!(same(total, view.row_totals[i]));
        }
        let total_row = 3 + view.rows.len() as u32;
        let grand = number(
            range
                .get_value((total_row, 2 + view.columns.len() as u32))
                .unwrap(),
        );
        assert!(same(grand, c.total()), "{sheet} grand total");
    }
    // The Lines sheet sums to the same total.
    let lines = wb.worksheet_range("Lines").unwrap();
    let header: Vec<String> = lines
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|d| d.to_string())
        .collect();
    let amount = header.iter().position(|h| h == "amount").unwrap();
    let sum: Decimal = lines.rows().skip(1).map(|r| number(&r[amount])).sum();
    assert!(
        (sum - c.total()).abs() < Decimal::ONE,
        "{sum} vs {}",
        c.total()
    );
}
